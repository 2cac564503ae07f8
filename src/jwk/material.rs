//! Key material as plain components: the one shape every import format turns
//! into and every export format is made from. Integers are unsigned
//! big-endian without leading zero bytes (RSA); EC coordinates and scalars are
//! fixed-length big-endian as JWK (RFC 7518 6.2) has them; OKP values are the
//! raw RFC 8037 encodings.
//!
//! Every private component and secret is a [`SecretBytes`], wiped when
//! dropped; public components are plain vectors.

use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::sys::bn::Bn;
use crate::sys::{self, rsa::PrivateBns, SysResult};

/// Secret bytes (a private key component, an `oct` secret, a CEK or KEK, a
/// shared secret, a decrypted key file): overwritten with zeros, spare
/// capacity included, when dropped.
pub type SecretBytes = Zeroizing<Vec<u8>>;

/// NIST and SEC curves a `kty: "EC"` key may be on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EcCurve {
    P256,
    P384,
    P521,
    Secp256k1,
}

impl EcCurve {
    /// Parses a JWK `crv`. `P-256K` is the legacy secp256k1 name, accepted
    /// only when the caller opted into it (the `jose-native/P-256K` entry).
    pub fn from_name(name: &str, legacy_p256k: bool) -> Option<EcCurve> {
        match name {
            "P-256" => Some(EcCurve::P256),
            "P-384" => Some(EcCurve::P384),
            "P-521" => Some(EcCurve::P521),
            "secp256k1" if !legacy_p256k => Some(EcCurve::Secp256k1),
            "P-256K" if legacy_p256k => Some(EcCurve::Secp256k1),
            _ => None,
        }
    }

    /// The JWK `crv` value (the registered name; the Node layer renames
    /// secp256k1 for the legacy entry point).
    pub const fn name(self) -> &'static str {
        match self {
            EcCurve::P256 => "P-256",
            EcCurve::P384 => "P-384",
            EcCurve::P521 => "P-521",
            EcCurve::Secp256k1 => "secp256k1",
        }
    }

    /// Byte length of a coordinate or of the private scalar.
    pub fn coordinate_len(self) -> usize {
        match self {
            EcCurve::P256 | EcCurve::Secp256k1 => 32,
            EcCurve::P384 => 48,
            EcCurve::P521 => 66,
        }
    }
}

impl From<EcCurve> for sys::ec::Curve {
    fn from(curve: EcCurve) -> sys::ec::Curve {
        match curve {
            EcCurve::P256 => sys::ec::Curve::P256,
            EcCurve::P384 => sys::ec::Curve::P384,
            EcCurve::P521 => sys::ec::Curve::P521,
            EcCurve::Secp256k1 => sys::ec::Curve::Secp256k1,
        }
    }
}

/// Curves of `kty: "OKP"` keys (RFC 8037).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OkpCurve {
    Ed25519,
    Ed448,
    X25519,
    X448,
}

impl OkpCurve {
    pub fn from_name(name: &str) -> Option<OkpCurve> {
        match name {
            "Ed25519" => Some(OkpCurve::Ed25519),
            "Ed448" => Some(OkpCurve::Ed448),
            "X25519" => Some(OkpCurve::X25519),
            "X448" => Some(OkpCurve::X448),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            OkpCurve::Ed25519 => "Ed25519",
            OkpCurve::Ed448 => "Ed448",
            OkpCurve::X25519 => "X25519",
            OkpCurve::X448 => "X448",
        }
    }

    /// Length of the public key `x` (and, except Ed448, of the private `d`).
    pub fn public_len(self) -> usize {
        match self {
            OkpCurve::Ed25519 | OkpCurve::X25519 => 32,
            OkpCurve::Ed448 => 57,
            OkpCurve::X448 => 56,
        }
    }

    /// Length of the private key `d`.
    pub fn private_len(self) -> usize {
        self.public_len()
    }

    /// Signature curves (EdDSA) versus key agreement curves (ECDH-ES).
    pub fn is_signature_curve(self) -> bool {
        matches!(self, OkpCurve::Ed25519 | OkpCurve::Ed448)
    }
}

/// The private components of an RSA key, each wiped when dropped.
#[derive(Clone, PartialEq, Eq)]
pub struct RsaPrivate {
    pub d: SecretBytes,
    pub p: SecretBytes,
    pub q: SecretBytes,
    pub dp: SecretBytes,
    pub dq: SecretBytes,
    pub qi: SecretBytes,
}

impl RsaPrivate {
    /// The components as AWS-LC `BIGNUM`s (cleared when dropped), for
    /// building an RSA key from them.
    pub(crate) fn bns(&self) -> SysResult<PrivateBns> {
        Ok(PrivateBns {
            d: Bn::from_be(&self.d)?,
            p: Bn::from_be(&self.p)?,
            q: Bn::from_be(&self.q)?,
            dp: Bn::from_be(&self.dp)?,
            dq: Bn::from_be(&self.dq)?,
            qi: Bn::from_be(&self.qi)?,
        })
    }
}

/// The components of one key. Private parts are `Some` on private keys only.
#[derive(Clone, PartialEq, Eq)]
pub enum Material {
    Rsa {
        n: Vec<u8>,
        e: Vec<u8>,
        private: Option<Box<RsaPrivate>>,
    },
    Ec {
        curve: EcCurve,
        x: Vec<u8>,
        y: Vec<u8>,
        d: Option<SecretBytes>,
    },
    Okp {
        curve: OkpCurve,
        x: Vec<u8>,
        d: Option<SecretBytes>,
    },
    Oct {
        k: SecretBytes,
    },
}

// Never print key components, not even in debug output or panics.
impl std::fmt::Debug for Material {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Material({} {})", self.kty(), self.key_type().as_str())
    }
}

/// `key.type` in jose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyType {
    Private,
    Public,
    Secret,
}

impl KeyType {
    pub fn as_str(self) -> &'static str {
        match self {
            KeyType::Private => "private",
            KeyType::Public => "public",
            KeyType::Secret => "secret",
        }
    }
}

impl Material {
    pub fn kty(&self) -> &'static str {
        match self {
            Material::Rsa { .. } => "RSA",
            Material::Ec { .. } => "EC",
            Material::Okp { .. } => "OKP",
            Material::Oct { .. } => "oct",
        }
    }

    pub fn key_type(&self) -> KeyType {
        match self {
            Material::Rsa { private, .. } if private.is_some() => KeyType::Private,
            Material::Ec { d: Some(_), .. } | Material::Okp { d: Some(_), .. } => KeyType::Private,
            Material::Oct { .. } => KeyType::Secret,
            _ => KeyType::Public,
        }
    }

    /// The same key without its private components.
    pub fn to_public(&self) -> Result<Material> {
        match self {
            Material::Rsa { n, e, .. } => Ok(Material::Rsa {
                n: n.clone(),
                e: e.clone(),
                private: None,
            }),
            Material::Ec { curve, x, y, .. } => Ok(Material::Ec {
                curve: *curve,
                x: x.clone(),
                y: y.clone(),
                d: None,
            }),
            Material::Okp { curve, x, .. } => Ok(Material::Okp {
                curve: *curve,
                x: x.clone(),
                d: None,
            }),
            Material::Oct { .. } => Err(Error::type_error("symmetric keys have no public part")),
        }
    }

    /// Key size in bits as jose reports `key.length`: the modulus for RSA,
    /// the secret for oct; `None` for EC and OKP (jose has no length there).
    pub fn bit_length(&self) -> Option<usize> {
        match self {
            Material::Rsa { n, .. } => Some(n.len() * 8),
            Material::Oct { k } => Some(k.len() * 8),
            _ => None,
        }
    }
}

/// Strips leading zero bytes of an unsigned big-endian integer, keeping one
/// byte for zero itself.
pub fn trim_integer(bytes: &[u8]) -> Vec<u8> {
    trimmed(bytes).to_vec()
}

/// [`trim_integer`] of a secret: the trimmed copy is wiped when dropped.
pub fn trim_secret(bytes: &[u8]) -> SecretBytes {
    Zeroizing::new(trim_integer(bytes))
}

/// The bytes of `bytes` from its first non-zero byte on (the last byte when
/// all are zero).
fn trimmed(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| *b != 0)
        .unwrap_or(bytes.len().saturating_sub(1));
    &bytes[start..]
}

/// Left-pads an unsigned big-endian value to `len` bytes; `None` when it does
/// not fit. Writes the result in one allocation of exactly `len` bytes, with
/// no intermediate copy, so padding a secret leaves no other copy behind.
pub fn pad_to(bytes: &[u8], len: usize) -> Option<Vec<u8>> {
    let trimmed = trimmed(bytes);
    if trimmed.len() > len {
        return None;
    }
    let mut out = Vec::with_capacity(len);
    out.resize(len - trimmed.len(), 0);
    out.extend_from_slice(trimmed);
    Some(out)
}

/// [`pad_to`] of a secret: the padded copy is wiped when dropped.
pub fn pad_secret(bytes: &[u8], len: usize) -> Option<SecretBytes> {
    pad_to(bytes, len).map(Zeroizing::new)
}

/// Compiles only for types that wipe themselves when dropped: tests pass
/// the secret-holding fields and results here, so that turning one back
/// into a plain `Vec` is a compile error.
#[cfg(test)]
pub(crate) fn assert_wiped<T: zeroize::ZeroizeOnDrop>(_: &T) {}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret(bytes: &[u8]) -> SecretBytes {
        Zeroizing::new(bytes.to_vec())
    }

    #[test]
    fn ec_curves_have_the_same_lengths_below() {
        for curve in [
            EcCurve::P256,
            EcCurve::P384,
            EcCurve::P521,
            EcCurve::Secp256k1,
        ] {
            let below = sys::ec::Curve::from(curve);
            assert_eq!(below.coordinate_len(), curve.coordinate_len(), "{curve:?}");
        }
    }

    #[test]
    fn private_components_and_secrets_are_wiped_on_drop() {
        let rsa = RsaPrivate {
            d: secret(&[1]),
            p: secret(&[2]),
            q: secret(&[3]),
            dp: secret(&[4]),
            dq: secret(&[5]),
            qi: secret(&[6]),
        };
        let RsaPrivate {
            d,
            p,
            q,
            dp,
            dq,
            qi,
        } = &rsa;
        for part in [d, p, q, dp, dq, qi] {
            assert_wiped(part);
        }
        let keys = [
            Material::Ec {
                curve: EcCurve::P256,
                x: vec![],
                y: vec![],
                d: Some(secret(&[7])),
            },
            Material::Okp {
                curve: OkpCurve::X25519,
                x: vec![],
                d: Some(secret(&[8])),
            },
            Material::Oct { k: secret(&[9]) },
        ];
        for key in &keys {
            match key {
                Material::Ec { d: Some(d), .. } | Material::Okp { d: Some(d), .. } => {
                    assert_wiped(d)
                }
                Material::Oct { k } => assert_wiped(k),
                other => panic!("{other:?} has no secret"),
            }
        }
        assert_wiped(&trim_secret(&[0, 1]));
        assert_wiped(&pad_secret(&[1], 2));
    }

    #[test]
    fn padding_and_trimming_keep_their_results() {
        assert_eq!(trim_integer(&[0, 0, 1, 2]), vec![1, 2]);
        assert_eq!(trim_integer(&[0, 0]), vec![0]);
        assert_eq!(trim_integer(&[]), Vec::<u8>::new());
        assert_eq!(*trim_secret(&[0, 3]), vec![3]);
        assert_eq!(pad_to(&[0, 0, 1, 2], 4), Some(vec![0, 0, 1, 2]));
        assert_eq!(pad_to(&[1, 2], 4), Some(vec![0, 0, 1, 2]));
        assert_eq!(pad_to(&[0, 0, 0], 2), Some(vec![0, 0]));
        assert_eq!(pad_to(&[], 3), Some(vec![0, 0, 0]));
        assert_eq!(pad_to(&[0, 0, 0], 0), None);
        assert_eq!(pad_to(&[1, 2, 3], 2), None);
        assert_eq!(pad_secret(&[5], 3).as_deref(), Some(&vec![0, 0, 5]));
    }
}
