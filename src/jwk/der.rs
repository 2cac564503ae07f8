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

use zeroize::Zeroizing;

use crate::asn1::{self, oid, tag, Reader};
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
        PrivateFormat::Pkcs8 => Reader::parse_all(der, read_pkcs8),
        PrivateFormat::Pkcs1 => Reader::parse_all(der, read_rsa_private_key),
        PrivateFormat::Sec1 => Reader::parse_all(der, |r| read_ec_private_key(r, None)),
    }
}

/// Reads a public key.
pub fn import_public_der(der: &[u8], format: PublicFormat) -> Result<Material> {
    match format {
        PublicFormat::Spki => Reader::parse_all(der, read_spki),
        PublicFormat::Pkcs1 => Reader::parse_all(der, read_rsa_public_key),
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
        ) => Ok(write_rsa_private_key(n, e, private)),
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
        (PublicFormat::Pkcs1, Material::Rsa { n, e, .. }) => Ok(write_rsa_public_key(n, e)),
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
    /// Reported only once the rest of the structure has parsed, so garbage
    /// stays an import failure.
    Unsupported,
}

fn read_key_algorithm(r: &mut Reader) -> Result<KeyAlgorithm> {
    let mut identifier = r.read_sequence()?;
    let algorithm = identifier.read_oid()?;
    let key_algorithm = match algorithm {
        oid::RSA_ENCRYPTION => {
            // NULL parameters (RFC 8017 A.1); some encoders leave them out.
            if !identifier.is_empty() {
                identifier.read_null()?;
            }
            KeyAlgorithm::Rsa
        }
        oid::EC_PUBLIC_KEY => KeyAlgorithm::Ec(read_named_curve(&mut identifier)?),
        // RFC 8410: the OKP identifiers have absent parameters.
        _ => match okp_curve(algorithm) {
            Some(curve) => KeyAlgorithm::Okp(curve),
            None => {
                while !identifier.is_empty() {
                    identifier.read_any()?;
                }
                KeyAlgorithm::Unsupported
            }
        },
    };
    identifier.finish()?;
    Ok(key_algorithm)
}

/// ECParameters: only the namedCurve choice is supported. Explicit curve
/// parameters are legal but unsupported; implicitCA (NULL) is not allowed in
/// keys (RFC 5480 2.1.1).
fn read_named_curve(r: &mut Reader) -> Result<EcCurve> {
    match r.peek_tag() {
        Some(tag::OBJECT_IDENTIFIER) => {
            ec_curve(r.read_oid()?).ok_or_else(|| Error::not_supported(UNSUPPORTED_CURVE))
        }
        Some(tag::SEQUENCE) => {
            r.read_any()?;
            Err(Error::not_supported(UNSUPPORTED_CURVE))
        }
        _ => Err(Error::import_failed()),
    }
}

fn ec_curve(curve_oid: &[u8]) -> Option<EcCurve> {
    match curve_oid {
        oid::CURVE_P256 => Some(EcCurve::P256),
        oid::CURVE_P384 => Some(EcCurve::P384),
        oid::CURVE_P521 => Some(EcCurve::P521),
        oid::CURVE_SECP256K1 => Some(EcCurve::Secp256k1),
        _ => None,
    }
}

fn ec_curve_oid(curve: EcCurve) -> &'static [u8] {
    match curve {
        EcCurve::P256 => oid::CURVE_P256,
        EcCurve::P384 => oid::CURVE_P384,
        EcCurve::P521 => oid::CURVE_P521,
        EcCurve::Secp256k1 => oid::CURVE_SECP256K1,
    }
}

fn okp_curve(algorithm: &[u8]) -> Option<OkpCurve> {
    match algorithm {
        oid::ED25519 => Some(OkpCurve::Ed25519),
        oid::ED448 => Some(OkpCurve::Ed448),
        oid::X25519 => Some(OkpCurve::X25519),
        oid::X448 => Some(OkpCurve::X448),
        _ => None,
    }
}

fn okp_curve_oid(curve: OkpCurve) -> &'static [u8] {
    match curve {
        OkpCurve::Ed25519 => oid::ED25519,
        OkpCurve::Ed448 => oid::ED448,
        OkpCurve::X25519 => oid::X25519,
        OkpCurve::X448 => oid::X448,
    }
}

fn write_key_algorithm(m: &Material) -> Vec<u8> {
    match m {
        Material::Ec { curve, .. } => asn1::sequence(&[
            &asn1::object_identifier(oid::EC_PUBLIC_KEY),
            &asn1::object_identifier(ec_curve_oid(*curve)),
        ]),
        Material::Okp { curve, .. } => {
            asn1::sequence(&[&asn1::object_identifier(okp_curve_oid(*curve))])
        }
        // Oct never reaches here; RSA is the remaining case.
        _ => asn1::sequence(&[&asn1::object_identifier(oid::RSA_ENCRYPTION), &asn1::null()]),
    }
}

// ---------------------------------------------------------------------------
// PKCS#8 and SubjectPublicKeyInfo

/// PrivateKeyInfo (v1) or OneAsymmetricKey (v2):
/// `SEQUENCE { version, algorithm, privateKey OCTET STRING,
///  [0] attributes OPTIONAL, [1] IMPLICIT publicKey BIT STRING OPTIONAL }`.
fn read_pkcs8(r: &mut Reader) -> Result<Material> {
    let mut info = r.read_sequence()?;
    if info.read_small_unsigned()? > 1 {
        return Err(Error::import_failed());
    }
    let algorithm = read_key_algorithm(&mut info)?;
    let private_key = info.read_octet_string()?;
    // Attributes carry nothing a JWK can hold.
    info.read_optional(tag::CONTEXT_0)?;
    let public_key = match info.peek_tag() {
        Some(tag::CONTEXT_1_PRIMITIVE) => {
            Some(info.read_bit_string_tagged(tag::CONTEXT_1_PRIMITIVE)?)
        }
        _ => None,
    };
    info.finish()?;

    match algorithm {
        KeyAlgorithm::Rsa => Reader::parse_all(private_key, read_rsa_private_key),
        KeyAlgorithm::Ec(curve) => {
            let mut key = Reader::parse_all(private_key, |r| read_ec_private_key(r, Some(curve)))?;
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
            let d = Reader::parse_all(private_key, |r| r.read_octet_string())?;
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

fn write_pkcs8(m: &Material) -> Result<SecretBytes> {
    let private_key = match m {
        Material::Rsa {
            n,
            e,
            private: Some(private),
        } => write_rsa_private_key(n, e, private),
        Material::Ec {
            curve,
            x,
            y,
            d: Some(d),
        } => write_ec_private_key(*curve, d, x, y, false)?,
        Material::Okp {
            curve, d: Some(d), ..
        } if d.len() == curve.private_len() => Zeroizing::new(asn1::octet_string(d)),
        _ => return Err(Error::type_error(INCOMPLETE_KEY)),
    };
    Ok(Zeroizing::new(asn1::sequence(&[
        &asn1::small_integer(0),
        &write_key_algorithm(m),
        &Zeroizing::new(asn1::octet_string(&private_key)),
    ])))
}

/// `SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }`.
fn read_spki(r: &mut Reader) -> Result<Material> {
    let mut info = r.read_sequence()?;
    let algorithm = read_key_algorithm(&mut info)?;
    let public_key = info.read_bit_string()?;
    info.finish()?;

    match algorithm {
        KeyAlgorithm::Rsa => Reader::parse_all(public_key, read_rsa_public_key),
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
        Material::Rsa { n, e, .. } => write_rsa_public_key(n, e),
        Material::Ec { curve, x, y, .. } => {
            encode_ec_point(*curve, x, y)?.ok_or_else(|| Error::type_error(INCOMPLETE_KEY))?
        }
        Material::Okp { curve, x, .. } if x.len() == curve.public_len() => x.clone(),
        _ => return Err(Error::type_error(INCOMPLETE_KEY)),
    };
    Ok(asn1::sequence(&[
        &write_key_algorithm(m),
        &asn1::bit_string(&public_key),
    ]))
}

// ---------------------------------------------------------------------------
// RSA (PKCS#1)

/// RSAPrivateKey: version, n, e, d, p, q, dp, dq, qi, and with version 1
/// (multi-prime) a trailing otherPrimeInfos, which jose does not support.
fn read_rsa_private_key(r: &mut Reader) -> Result<Material> {
    let mut key = r.read_sequence()?;
    let version = key.read_small_unsigned()?;
    let n = read_positive(&mut key)?;
    let e = read_positive(&mut key)?;
    let private = RsaPrivate {
        d: read_secret(&mut key)?,
        p: read_secret(&mut key)?,
        q: read_secret(&mut key)?,
        dp: read_secret(&mut key)?,
        dq: read_secret(&mut key)?,
        qi: read_secret(&mut key)?,
    };
    match version {
        0 => {}
        1 => {
            key.read_sequence()?;
            key.finish()?;
            return Err(Error::not_supported(MULTI_PRIME_RSA));
        }
        _ => return Err(Error::import_failed()),
    }
    key.finish()?;
    Ok(Material::Rsa {
        n,
        e,
        private: Some(Box::new(private)),
    })
}

/// RSAPublicKey: `SEQUENCE { modulus, publicExponent }`.
fn read_rsa_public_key(r: &mut Reader) -> Result<Material> {
    let mut key = r.read_sequence()?;
    let n = read_positive(&mut key)?;
    let e = read_positive(&mut key)?;
    key.finish()?;
    Ok(Material::Rsa {
        n,
        e,
        private: None,
    })
}

/// An INTEGER as the material model keeps it: unsigned, no leading zeros.
fn read_positive(r: &mut Reader) -> Result<Vec<u8>> {
    Ok(r.read_unsigned()?.to_vec())
}

/// [`read_positive`] for a private component.
fn read_secret(r: &mut Reader) -> Result<SecretBytes> {
    read_positive(r).map(Zeroizing::new)
}

fn write_rsa_private_key(n: &[u8], e: &[u8], private: &RsaPrivate) -> SecretBytes {
    let secret = |value: &[u8]| Zeroizing::new(asn1::integer(value));
    Zeroizing::new(asn1::sequence(&[
        &asn1::small_integer(0),
        &asn1::integer(n),
        &asn1::integer(e),
        &secret(&private.d),
        &secret(&private.p),
        &secret(&private.q),
        &secret(&private.dp),
        &secret(&private.dq),
        &secret(&private.qi),
    ]))
}

fn write_rsa_public_key(n: &[u8], e: &[u8]) -> Vec<u8> {
    asn1::sequence(&[&asn1::integer(n), &asn1::integer(e)])
}

// ---------------------------------------------------------------------------
// EC (SEC1)

/// ECPrivateKey: `SEQUENCE { version 1, privateKey OCTET STRING,
/// [0] parameters OPTIONAL, [1] publicKey BIT STRING OPTIONAL }`. `outer` is
/// the curve named by an enclosing PKCS#8 AlgorithmIdentifier; standalone
/// SEC1 must name it in `[0]`.
fn read_ec_private_key(r: &mut Reader, outer: Option<EcCurve>) -> Result<Material> {
    let mut key = r.read_sequence()?;
    if key.read_small_unsigned()? != 1 {
        return Err(Error::import_failed());
    }
    let scalar = key.read_octet_string()?;
    let inner = match key.read_optional_constructed(tag::CONTEXT_0)? {
        Some(mut parameters) => {
            let curve = read_named_curve(&mut parameters)?;
            parameters.finish()?;
            Some(curve)
        }
        None => None,
    };
    let point = match key.read_optional_constructed(tag::CONTEXT_1)? {
        Some(mut public_key) => {
            let point = public_key.read_bit_string()?;
            public_key.finish()?;
            Some(point)
        }
        None => None,
    };
    key.finish()?;

    let curve = match (outer, inner) {
        (Some(outer), Some(inner)) if outer != inner => return Err(Error::import_failed()),
        (Some(curve), _) | (None, Some(curve)) => curve,
        (None, None) => return Err(Error::import_failed()),
    };
    // Some encoders drop the scalar's leading zero octets; pad back to size.
    if scalar.is_empty() {
        return Err(Error::import_failed());
    }
    let d = pad_secret(scalar, curve.coordinate_len()).ok_or_else(Error::import_failed)?;
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
    // Wiped when dropped, as the OCTET STRING holds `d`.
    let mut elements = Zeroizing::new(vec![asn1::small_integer(1), asn1::octet_string(&d)]);
    if with_parameters {
        elements.push(asn1::context(
            tag::CONTEXT_0,
            &asn1::object_identifier(ec_curve_oid(curve)),
        ));
    }
    if let Some(point) = encode_ec_point(curve, x, y)? {
        elements.push(asn1::context(tag::CONTEXT_1, &asn1::bit_string(&point)));
    }
    let elements: Vec<&[u8]> = elements.iter().map(Vec::as_slice).collect();
    Ok(Zeroizing::new(asn1::sequence(&elements)))
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
    let point = Reader::parse_all(spki.as_ref(), |r| {
        let mut info = r.read_sequence()?;
        info.read_sequence()?;
        let point = info.read_bit_string()?;
        info.finish()?;
        Ok::<_, Error>(point)
    })?;
    split_uncompressed(curve.coordinate_len(), point)
}
