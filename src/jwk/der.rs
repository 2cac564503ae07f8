//! Asymmetric key material to and from DER: PKCS#8 (RFC 5208 / RFC 5958),
//! SubjectPublicKeyInfo (RFC 5280), PKCS#1 (RFC 8017, RSA only) and SEC1
//! (RFC 5915, EC only).
//!
//! # Contract on missing public parts
//!
//! Some private key encodings may leave the public key out: PKCS#8 or SEC1
//! EC keys without the `[1] publicKey`, and OKP PKCS#8 v1 keys (what OpenSSL
//! writes). Import then returns the material with `x` (and for EC `y`) as
//! **empty** vectors instead of computing them here; `validate::finish`
//! derives the public part from the private one and checks the key. Every
//! non-empty public part returned has the exact length of its curve, but is
//! not checked to be on the curve or to match the private key.
//!
//! # Errors
//!
//! Malformed input is `JWKImportFailed` ("key import failed"); a well-formed
//! key of a type or curve jose does not handle is `JOSENotSupported` with
//! jose's message. Export of a key to a format it cannot take is a
//! `TypeError` worded as Node words it.
//!
//! Export writes what Node.js 20 (OpenSSL 3) writes for the same key, byte
//! for byte: RSA AlgorithmIdentifier parameters NULL; EC PKCS#8 holding an
//! ECPrivateKey with `[1] publicKey` but without `[0] parameters` (the curve
//! is already in the AlgorithmIdentifier); SEC1 with both; OKP PKCS#8 v1.
//!
//! Private components read, and private key DER written, are `SecretBytes`,
//! wiped when dropped.

use der::asn1::{AnyRef, BitStringRef, ContextSpecific, Null, ObjectIdentifier, OctetStringRef};
use der::asn1::{SequenceRef, UintRef};
use der::{Decode, DecodeValue, Header, Reader, Sequence, Tag, TagMode, TagNumber, Tagged};
use pkcs1::{RsaPrivateKey, RsaPublicKey};
use sec1::{EcParameters, EcPrivateKey};
use spki::{AlgorithmIdentifierRef, SubjectPublicKeyInfoRef};
use zeroize::Zeroizing;

use crate::asn1::{encode, oid};
use crate::error::{Error, Result};
use crate::jwk::material::{
    pad_secret, pad_to, EcCurve, KeyType, Material, OkpCurve, RsaPrivate, SecretBytes,
};

/// Encodings of a private key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrivateFormat {
    /// PKCS#8 PrivateKeyInfo / OneAsymmetricKey, any key type.
    Pkcs8,
    /// PKCS#1 RSAPrivateKey.
    Pkcs1,
    /// SEC1 ECPrivateKey.
    Sec1,
}

/// Encodings of a public key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PublicFormat {
    /// X.509 SubjectPublicKeyInfo, any key type.
    Spki,
    /// PKCS#1 RSAPublicKey.
    Pkcs1,
}

const UNSUPPORTED_KEY_TYPE: &str = "only RSA, EC and OKP asymmetric keys are supported";
const UNSUPPORTED_CURVE: &str = "unsupported EC key curve";
const MULTI_PRIME_RSA: &str = "Private RSA keys with more than two primes are not supported";
const PKCS1_RSA_ONLY: &str = "The selected key encoding pkcs1 can only be used for RSA keys.";
const SEC1_EC_ONLY: &str = "The selected key encoding sec1 can only be used for EC keys.";
const SYMMETRIC_KEY: &str = "symmetric keys cannot be exported as PEM";
const PUBLIC_AS_PRIVATE: &str = "public key cannot be exported as private";
const INCOMPLETE_KEY: &str = "key material is incomplete or has the wrong size for its curve";

/// Reads a private key. See the module documentation for what may be empty.
pub fn import_private_der(der: &[u8], format: PrivateFormat) -> Result<Material> {
    match format {
        PrivateFormat::Pkcs8 => read_pkcs8(der),
        PrivateFormat::Pkcs1 => read_rsa_private_key(der),
        PrivateFormat::Sec1 => read_ec_private_key(der, None),
    }
}

/// Reads a public key.
pub fn import_public_der(der: &[u8], format: PublicFormat) -> Result<Material> {
    match format {
        PublicFormat::Spki => read_spki(der),
        PublicFormat::Pkcs1 => read_rsa_public_key(der),
    }
}

/// Writes a private key as Node would export it.
pub fn export_private_der(m: &Material, format: PrivateFormat) -> Result<SecretBytes> {
    if let Material::Oct { .. } = m {
        return Err(Error::type_error(SYMMETRIC_KEY));
    }
    if m.key_type() != KeyType::Private {
        return Err(Error::type_error(PUBLIC_AS_PRIVATE));
    }
    match (format, m) {
        (PrivateFormat::Pkcs8, _) => write_pkcs8(m),
        (
            PrivateFormat::Pkcs1,
            Material::Rsa {
                n,
                e,
                private: Some(private),
            },
        ) => write_rsa_private_key(n, e, private),
        (PrivateFormat::Pkcs1, _) => Err(Error::type_error(PKCS1_RSA_ONLY)),
        (
            PrivateFormat::Sec1,
            Material::Ec {
                curve,
                x,
                y,
                d: Some(d),
            },
        ) => write_ec_private_key(*curve, d, x, y, true),
        (PrivateFormat::Sec1, _) => Err(Error::type_error(SEC1_EC_ONLY)),
    }
}

/// Writes the public part of a key (public or private) as Node would export it.
pub fn export_public_der(m: &Material, format: PublicFormat) -> Result<Vec<u8>> {
    match (format, m) {
        (_, Material::Oct { .. }) => Err(Error::type_error(SYMMETRIC_KEY)),
        (PublicFormat::Spki, _) => write_spki(m),
        (PublicFormat::Pkcs1, Material::Rsa { n, e, .. }) => write_rsa_public_key(n, e),
        (PublicFormat::Pkcs1, _) => Err(Error::type_error(PKCS1_RSA_ONLY)),
    }
}

// ---------------------------------------------------------------------------
// Algorithm identifiers

/// What an AlgorithmIdentifier says the key is.
enum KeyAlgorithm {
    Rsa,
    Ec(EcCurve),
    Okp(OkpCurve),
    /// Well-formed but not a key jose handles (DSA, DH, RSASSA-PSS, ...).
    /// Reported only once the whole structure has parsed, so garbage stays
    /// an import failure.
    Unsupported,
}

/// The curves jose reads, each with the OID that names it (the one table
/// for reading and writing).
fn ec_curve_oid(curve: EcCurve) -> ObjectIdentifier {
    match curve {
        EcCurve::P256 => oid::CURVE_P256,
        EcCurve::P384 => oid::CURVE_P384,
        EcCurve::P521 => oid::CURVE_P521,
        EcCurve::Secp256k1 => oid::CURVE_SECP256K1,
    }
}

/// The curve `named` names, for any reader of key DER (jose 6's too).
pub(crate) fn ec_curve(named: ObjectIdentifier) -> Option<EcCurve> {
    [
        EcCurve::P256,
        EcCurve::P384,
        EcCurve::P521,
        EcCurve::Secp256k1,
    ]
    .into_iter()
    .find(|curve| ec_curve_oid(*curve) == named)
}

fn okp_curve_oid(curve: OkpCurve) -> ObjectIdentifier {
    match curve {
        OkpCurve::Ed25519 => oid::ED25519,
        OkpCurve::Ed448 => oid::ED448,
        OkpCurve::X25519 => oid::X25519,
        OkpCurve::X448 => oid::X448,
    }
}

fn okp_curve(algorithm: ObjectIdentifier) -> Option<OkpCurve> {
    [
        OkpCurve::Ed25519,
        OkpCurve::Ed448,
        OkpCurve::X25519,
        OkpCurve::X448,
    ]
    .into_iter()
    .find(|curve| okp_curve_oid(*curve) == algorithm)
}

fn key_algorithm(identifier: &AlgorithmIdentifierRef) -> Result<KeyAlgorithm> {
    let parameters = identifier.parameters;
    if identifier.oid == oid::RSA_ENCRYPTION {
        // NULL parameters (RFC 8017 A.1); some encoders leave them out.
        return match parameters {
            None => Ok(KeyAlgorithm::Rsa),
            Some(p) if p.is_null() => Ok(KeyAlgorithm::Rsa),
            Some(_) => Err(Error::import_failed()),
        };
    }
    if identifier.oid == oid::EC_PUBLIC_KEY {
        return named_curve(parameters).map(KeyAlgorithm::Ec);
    }
    match okp_curve(identifier.oid) {
        // RFC 8410: the OKP identifiers have absent parameters.
        Some(curve) if parameters.is_none() => Ok(KeyAlgorithm::Okp(curve)),
        Some(_) => Err(Error::import_failed()),
        None => Ok(KeyAlgorithm::Unsupported),
    }
}

/// ECParameters: only the namedCurve choice is supported. Explicit curve
/// parameters are legal but unsupported; implicitCA (NULL) is not allowed in
/// keys (RFC 5480 2.1.1).
fn named_curve(parameters: Option<AnyRef>) -> Result<EcCurve> {
    match parameters {
        Some(p) if p.tag() == Tag::ObjectIdentifier => ec_curve(ObjectIdentifier::try_from(p)?)
            .ok_or_else(|| Error::not_supported(UNSUPPORTED_CURVE)),
        Some(p) if p.tag() == Tag::Sequence => Err(Error::not_supported(UNSUPPORTED_CURVE)),
        _ => Err(Error::import_failed()),
    }
}

fn write_key_algorithm<'a>(
    m: &Material,
    curve: &'a ObjectIdentifier,
) -> AlgorithmIdentifierRef<'a> {
    let (oid, parameters) = match m {
        Material::Ec { .. } => (oid::EC_PUBLIC_KEY, Some(AnyRef::from(curve))),
        Material::Okp { curve, .. } => (okp_curve_oid(*curve), None),
        // Oct never reaches here; RSA is the remaining case.
        _ => (oid::RSA_ENCRYPTION, Some(AnyRef::from(Null))),
    };
    AlgorithmIdentifierRef { oid, parameters }
}

/// The named curve of EC material, for [`write_key_algorithm`] to borrow.
fn ec_curve_of(m: &Material) -> ObjectIdentifier {
    match m {
        Material::Ec { curve, .. } => ec_curve_oid(*curve),
        _ => oid::EC_PUBLIC_KEY,
    }
}

/// A BIT STRING's bytes; a partial last octet is malformed in every key.
fn whole_octets<'a>(bits: BitStringRef<'a>) -> Result<&'a [u8]> {
    bits.as_bytes().ok_or_else(Error::import_failed)
}

// ---------------------------------------------------------------------------
// PKCS#8 and SubjectPublicKeyInfo

/// PrivateKeyInfo (v1) or OneAsymmetricKey (v2):
/// `SEQUENCE { version, algorithm, privateKey OCTET STRING,
///  [0] attributes OPTIONAL, [1] IMPLICIT publicKey BIT STRING OPTIONAL }`.
///
/// Read with `der` here rather than with `pkcs8::PrivateKeyInfoRef`, which
/// ties the version to the presence of `publicKey` (v1 without, v2 with):
/// the keys OpenSSL reads and this crate has always read need not.
struct OneAsymmetricKey<'a> {
    algorithm: AlgorithmIdentifierRef<'a>,
    private_key: &'a [u8],
    public_key: Option<BitStringRef<'a>>,
}

impl<'a> DecodeValue<'a> for OneAsymmetricKey<'a> {
    type Error = der::Error;

    fn decode_value<R: Reader<'a>>(reader: &mut R, _header: Header) -> der::Result<Self> {
        if u8::decode(reader)? > 1 {
            return Err(Tag::Integer.value_error().into());
        }
        let algorithm = reader.decode()?;
        let private_key = <&OctetStringRef>::decode(reader)?.as_bytes();
        // Attributes carry nothing a JWK can hold.
        reader.context_specific::<&SequenceRef>(TagNumber(0), TagMode::Implicit)?;
        let public_key = reader.context_specific(TagNumber(1), TagMode::Implicit)?;
        Ok(Self {
            algorithm,
            private_key,
            public_key,
        })
    }
}

impl<'a> Sequence<'a> for OneAsymmetricKey<'a> {}

fn read_pkcs8(der: &[u8]) -> Result<Material> {
    let info = OneAsymmetricKey::from_der(der)?;
    let public_key = info.public_key.map(whole_octets).transpose()?;
    match key_algorithm(&info.algorithm)? {
        KeyAlgorithm::Rsa => read_rsa_private_key(info.private_key),
        KeyAlgorithm::Ec(curve) => {
            let mut key = read_ec_private_key(info.private_key, Some(curve))?;
            // The ECPrivateKey's own publicKey wins; the outer one is a fallback.
            if let (Material::Ec { x, y, .. }, Some(point)) = (&mut key, public_key) {
                if x.is_empty() {
                    (*x, *y) = decode_ec_point(curve, point)?;
                }
            }
            Ok(key)
        }
        KeyAlgorithm::Okp(curve) => {
            // CurvePrivateKey ::= OCTET STRING, inside the privateKey OCTET STRING.
            let d = <&OctetStringRef>::from_der(info.private_key)?.as_bytes();
            if d.len() != curve.private_len() {
                return Err(Error::import_failed());
            }
            let x = match public_key {
                Some(x) if x.len() == curve.public_len() => x.to_vec(),
                Some(_) => return Err(Error::import_failed()),
                None => Vec::new(),
            };
            Ok(Material::Okp {
                curve,
                x,
                d: Some(Zeroizing::new(d.to_vec())),
            })
        }
        KeyAlgorithm::Unsupported => Err(Error::not_supported(UNSUPPORTED_KEY_TYPE)),
    }
}

/// PrivateKeyInfo v1, as OpenSSL 3 writes it for every key type.
fn write_pkcs8(m: &Material) -> Result<SecretBytes> {
    let private_key = match m {
        Material::Rsa {
            n,
            e,
            private: Some(private),
        } => write_rsa_private_key(n, e, private)?,
        Material::Ec {
            curve,
            x,
            y,
            d: Some(d),
        } => write_ec_private_key(*curve, d, x, y, false)?,
        Material::Okp {
            curve, d: Some(d), ..
        } if d.len() == curve.private_len() => Zeroizing::new(encode(&OctetStringRef::new(d)?)?),
        _ => return Err(Error::type_error(INCOMPLETE_KEY)),
    };
    let curve = ec_curve_of(m);
    let info = pkcs8::PrivateKeyInfoRef::new(
        write_key_algorithm(m, &curve),
        OctetStringRef::new(&private_key)?,
    );
    Ok(Zeroizing::new(encode(&info)?))
}

/// `SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }`.
fn read_spki(der: &[u8]) -> Result<Material> {
    let info = SubjectPublicKeyInfoRef::from_der(der)?;
    let public_key = whole_octets(info.subject_public_key)?;
    match key_algorithm(&info.algorithm)? {
        KeyAlgorithm::Rsa => read_rsa_public_key(public_key),
        KeyAlgorithm::Ec(curve) => {
            let (x, y) = decode_ec_point(curve, public_key)?;
            Ok(Material::Ec {
                curve,
                x,
                y,
                d: None,
            })
        }
        KeyAlgorithm::Okp(curve) if public_key.len() == curve.public_len() => Ok(Material::Okp {
            curve,
            x: public_key.to_vec(),
            d: None,
        }),
        KeyAlgorithm::Okp(_) => Err(Error::import_failed()),
        KeyAlgorithm::Unsupported => Err(Error::not_supported(UNSUPPORTED_KEY_TYPE)),
    }
}

fn write_spki(m: &Material) -> Result<Vec<u8>> {
    let public_key = match m {
        Material::Rsa { n, e, .. } => write_rsa_public_key(n, e)?,
        Material::Ec { curve, x, y, .. } => {
            encode_ec_point(*curve, x, y)?.ok_or_else(|| Error::type_error(INCOMPLETE_KEY))?
        }
        Material::Okp { curve, x, .. } if x.len() == curve.public_len() => x.clone(),
        _ => return Err(Error::type_error(INCOMPLETE_KEY)),
    };
    let curve = ec_curve_of(m);
    encode(&SubjectPublicKeyInfoRef {
        algorithm: write_key_algorithm(m, &curve),
        subject_public_key: BitStringRef::from_bytes(&public_key)?,
    })
}

// ---------------------------------------------------------------------------
// RSA (PKCS#1)

/// RSAPrivateKey: version, n, e, d, p, q, dp, dq, qi, and with version 1
/// (multi-prime) a trailing otherPrimeInfos, which jose does not support.
fn read_rsa_private_key(der: &[u8]) -> Result<Material> {
    let key = RsaPrivateKey::<UintRef>::from_der(der)?;
    if key.other_prime_infos.is_some() {
        return Err(Error::not_supported(MULTI_PRIME_RSA));
    }
    let secret = |value: UintRef| Zeroizing::new(value.as_bytes().to_vec());
    let private = RsaPrivate {
        d: secret(key.private_exponent),
        p: secret(key.prime1),
        q: secret(key.prime2),
        dp: secret(key.exponent1),
        dq: secret(key.exponent2),
        qi: secret(key.coefficient),
    };
    Ok(Material::Rsa {
        n: key.modulus.as_bytes().to_vec(),
        e: key.public_exponent.as_bytes().to_vec(),
        private: Some(Box::new(private)),
    })
}

/// RSAPublicKey: `SEQUENCE { modulus, publicExponent }`.
fn read_rsa_public_key(der: &[u8]) -> Result<Material> {
    let key = RsaPublicKey::<UintRef>::from_der(der)?;
    Ok(Material::Rsa {
        n: key.modulus.as_bytes().to_vec(),
        e: key.public_exponent.as_bytes().to_vec(),
        private: None,
    })
}

fn write_rsa_private_key(n: &[u8], e: &[u8], private: &RsaPrivate) -> Result<SecretBytes> {
    let key = RsaPrivateKey {
        modulus: UintRef::new(n)?,
        public_exponent: UintRef::new(e)?,
        private_exponent: UintRef::new(&private.d)?,
        prime1: UintRef::new(&private.p)?,
        prime2: UintRef::new(&private.q)?,
        exponent1: UintRef::new(&private.dp)?,
        exponent2: UintRef::new(&private.dq)?,
        coefficient: UintRef::new(&private.qi)?,
        other_prime_infos: None,
    };
    Ok(Zeroizing::new(encode(&key)?))
}

fn write_rsa_public_key(n: &[u8], e: &[u8]) -> Result<Vec<u8>> {
    encode(&RsaPublicKey {
        modulus: UintRef::new(n)?,
        public_exponent: UintRef::new(e)?,
    })
}

// ---------------------------------------------------------------------------
// EC (SEC1)

/// ECPrivateKey: `SEQUENCE { version 1, privateKey OCTET STRING,
/// [0] parameters OPTIONAL, [1] publicKey BIT STRING OPTIONAL }`.
///
/// Read with `der` here rather than with `sec1::EcPrivateKey`, whose
/// parameters are a named curve or malformed: explicit curve parameters are
/// well-formed, and jose calls them an unsupported curve.
struct EcPrivateKeyIn<'a> {
    scalar: &'a [u8],
    parameters: Option<AnyRef<'a>>,
    point: Option<BitStringRef<'a>>,
}

impl<'a> DecodeValue<'a> for EcPrivateKeyIn<'a> {
    type Error = der::Error;

    fn decode_value<R: Reader<'a>>(reader: &mut R, _header: Header) -> der::Result<Self> {
        if u8::decode(reader)? != 1 {
            return Err(Tag::Integer.value_error().into());
        }
        let scalar = <&OctetStringRef>::decode(reader)?.as_bytes();
        let parameters = ContextSpecific::<AnyRef>::decode_explicit(reader, TagNumber(0))?;
        let point = reader.context_specific(TagNumber(1), TagMode::Explicit)?;
        Ok(Self {
            scalar,
            parameters: parameters.map(|field| field.value),
            point,
        })
    }
}

impl<'a> Sequence<'a> for EcPrivateKeyIn<'a> {}

/// `outer` is the curve named by an enclosing PKCS#8 AlgorithmIdentifier;
/// standalone SEC1 must name it in `[0]`.
fn read_ec_private_key(der: &[u8], outer: Option<EcCurve>) -> Result<Material> {
    let key = EcPrivateKeyIn::from_der(der)?;
    let inner = key.parameters.map(|p| named_curve(Some(p))).transpose()?;
    let point = key.point.map(whole_octets).transpose()?;
    let curve = match (outer, inner) {
        (Some(outer), Some(inner)) if outer != inner => return Err(Error::import_failed()),
        (Some(curve), _) | (None, Some(curve)) => curve,
        (None, None) => return Err(Error::import_failed()),
    };
    // Some encoders drop the scalar's leading zero octets; pad back to size.
    if key.scalar.is_empty() {
        return Err(Error::import_failed());
    }
    let d = pad_secret(key.scalar, curve.coordinate_len()).ok_or_else(Error::import_failed)?;
    let (x, y) = match point {
        Some(point) => decode_ec_point(curve, point)?,
        None => (Vec::new(), Vec::new()),
    };
    Ok(Material::Ec {
        curve,
        x,
        y,
        d: Some(d),
    })
}

/// `with_parameters`: SEC1 names its curve in `[0]`; inside PKCS#8 OpenSSL 3
/// leaves `[0]` out. The `[1]` publicKey is written whenever it is known.
fn write_ec_private_key(
    curve: EcCurve,
    d: &[u8],
    x: &[u8],
    y: &[u8],
    with_parameters: bool,
) -> Result<SecretBytes> {
    let d =
        pad_secret(d, curve.coordinate_len()).ok_or_else(|| Error::type_error(INCOMPLETE_KEY))?;
    let point = encode_ec_point(curve, x, y)?;
    let key = EcPrivateKey {
        private_key: &d,
        parameters: with_parameters.then(|| EcParameters::NamedCurve(ec_curve_oid(curve))),
        public_key: point.as_deref(),
    };
    Ok(Zeroizing::new(encode(&key)?))
}

/// The uncompressed point `04 || x || y`; `None` when the public part is
/// not known (both coordinates empty).
fn encode_ec_point(curve: EcCurve, x: &[u8], y: &[u8]) -> Result<Option<Vec<u8>>> {
    if x.is_empty() && y.is_empty() {
        return Ok(None);
    }
    let len = curve.coordinate_len();
    let (Some(x), Some(y)) = (pad_to(x, len), pad_to(y, len)) else {
        return Err(Error::type_error(INCOMPLETE_KEY));
    };
    Ok(Some([&[0x04][..], &x, &y].concat()))
}

/// A SEC1 point (2.3.3) as fixed-length coordinates. Uncompressed points are
/// split; compressed ones are handed to aws-lc, which checks them and
/// recomputes `y`.
fn decode_ec_point(curve: EcCurve, point: &[u8]) -> Result<(Vec<u8>, Vec<u8>)> {
    let len = curve.coordinate_len();
    match point.split_first() {
        Some((0x04, _)) => split_uncompressed(len, point),
        Some((0x02 | 0x03, x)) if x.len() == len => decompress_ec_point(curve, point),
        _ => Err(Error::import_failed()),
    }
}

fn split_uncompressed(len: usize, point: &[u8]) -> Result<(Vec<u8>, Vec<u8>)> {
    match point.split_first() {
        Some((0x04, xy)) if xy.len() == 2 * len => {
            let (x, y) = xy.split_at(len);
            Ok((x.to_vec(), y.to_vec()))
        }
        _ => Err(Error::import_failed()),
    }
}

fn decompress_ec_point(curve: EcCurve, compressed: &[u8]) -> Result<(Vec<u8>, Vec<u8>)> {
    use aws_lc_rs::encoding::AsDer;
    use aws_lc_rs::signature::{self, ParsedPublicKey};

    let algorithm = match curve {
        EcCurve::P256 => &signature::ECDSA_P256_SHA256_ASN1,
        EcCurve::P384 => &signature::ECDSA_P384_SHA384_ASN1,
        EcCurve::P521 => &signature::ECDSA_P521_SHA512_ASN1,
        EcCurve::Secp256k1 => &signature::ECDSA_P256K1_SHA256_ASN1,
    };
    let key = ParsedPublicKey::new(algorithm, compressed).map_err(|_| Error::import_failed())?;
    // aws-lc re-encodes the key as an SPKI with an uncompressed point.
    let spki = key.as_der().map_err(|_| Error::import_failed())?;
    let info = SubjectPublicKeyInfoRef::from_der(spki.as_ref())?;
    split_uncompressed(
        curve.coordinate_len(),
        whole_octets(info.subject_public_key)?,
    )
}
