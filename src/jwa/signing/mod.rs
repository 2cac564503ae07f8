//! JWS signature algorithms (RFC 7518 section 3, RFC 8037 section 3.1):
//! HMAC, RSASSA-PKCS1-v1_5, RSASSA-PSS, ECDSA, EdDSA and `none`.
//!
//! A [`Signer`] is built once per key and keeps the ready aws-lc objects, so
//! signing and verifying never parse key material again. The objects are made
//! on first use (a key imported for JWE never pays for an RSA key pair).
//!
//! Which algorithms a key is *allowed* to use (`alg`, `use`, `key_ops`) is the
//! key model's business; a `Signer` only refuses what the material cannot do
//! at all: a public key asked to sign, ES256 on a P-384 key, PS512 on a modulus
//! too short for its padding.

mod ecdsa;
mod ecdsa_raw;
mod eddsa;
mod hmac;
mod rsa_raw;
mod rsassa;

use crate::error::{Error, Kind, Result};
pub use crate::jwa::registry::Operation;
use crate::jwk::material::{EcCurve, Material, OkpCurve};

/// The SHA-2 digest an algorithm hashes with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sha {
    Sha256,
    Sha384,
    Sha512,
}

impl Sha {
    /// Its WebCrypto name (`"SHA-256"`).
    pub(crate) const fn web_name(self) -> &'static str {
        match self {
            Sha::Sha256 => "SHA-256",
            Sha::Sha384 => "SHA-384",
            Sha::Sha512 => "SHA-512",
        }
    }
}

/// RSA signature padding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RsaPadding {
    Pkcs1,
    Pss,
}

/// The JWS `alg` values jose 1.x implements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SignatureAlgorithm {
    Hs256,
    Hs384,
    Hs512,
    Rs256,
    Rs384,
    Rs512,
    Ps256,
    Ps384,
    Ps512,
    Es256,
    Es384,
    Es512,
    Es256k,
    EdDsa,
    /// Unsecured JWS (RFC 7515 appendix A.5); only jose's `JWK.None` does it.
    None,
}

impl SignatureAlgorithm {
    /// Every algorithm, in the order jose registers them.
    pub const ALL: [SignatureAlgorithm; 15] = [
        SignatureAlgorithm::Hs256,
        SignatureAlgorithm::Hs384,
        SignatureAlgorithm::Hs512,
        SignatureAlgorithm::Es256,
        SignatureAlgorithm::Es256k,
        SignatureAlgorithm::Es384,
        SignatureAlgorithm::Es512,
        SignatureAlgorithm::EdDsa,
        SignatureAlgorithm::Ps256,
        SignatureAlgorithm::Ps384,
        SignatureAlgorithm::Ps512,
        SignatureAlgorithm::Rs256,
        SignatureAlgorithm::Rs384,
        SignatureAlgorithm::Rs512,
        SignatureAlgorithm::None,
    ];

    /// The algorithm `name` names. A `match`, not a search of `ALL`: a
    /// search compares the name with memcmp calls, a match with a few
    /// integer compares, and this runs for every signature.
    pub fn from_name(name: &str) -> Option<SignatureAlgorithm> {
        Some(match name {
            "HS256" => SignatureAlgorithm::Hs256,
            "HS384" => SignatureAlgorithm::Hs384,
            "HS512" => SignatureAlgorithm::Hs512,
            "RS256" => SignatureAlgorithm::Rs256,
            "RS384" => SignatureAlgorithm::Rs384,
            "RS512" => SignatureAlgorithm::Rs512,
            "PS256" => SignatureAlgorithm::Ps256,
            "PS384" => SignatureAlgorithm::Ps384,
            "PS512" => SignatureAlgorithm::Ps512,
            "ES256" => SignatureAlgorithm::Es256,
            "ES384" => SignatureAlgorithm::Es384,
            "ES512" => SignatureAlgorithm::Es512,
            "ES256K" => SignatureAlgorithm::Es256k,
            "EdDSA" => SignatureAlgorithm::EdDsa,
            "none" => SignatureAlgorithm::None,
            _ => return None,
        })
    }

    pub const fn name(self) -> &'static str {
        match self {
            SignatureAlgorithm::Hs256 => "HS256",
            SignatureAlgorithm::Hs384 => "HS384",
            SignatureAlgorithm::Hs512 => "HS512",
            SignatureAlgorithm::Rs256 => "RS256",
            SignatureAlgorithm::Rs384 => "RS384",
            SignatureAlgorithm::Rs512 => "RS512",
            SignatureAlgorithm::Ps256 => "PS256",
            SignatureAlgorithm::Ps384 => "PS384",
            SignatureAlgorithm::Ps512 => "PS512",
            SignatureAlgorithm::Es256 => "ES256",
            SignatureAlgorithm::Es384 => "ES384",
            SignatureAlgorithm::Es512 => "ES512",
            SignatureAlgorithm::Es256k => "ES256K",
            SignatureAlgorithm::EdDsa => "EdDSA",
            SignatureAlgorithm::None => "none",
        }
    }

    /// The key type the algorithm signs with (none for `none`).
    pub const fn kty(self) -> Option<&'static str> {
        if self.hmac().is_some() {
            Some("oct")
        } else if self.rsa().is_some() {
            Some("RSA")
        } else if self.ec_curve().is_some() {
            Some("EC")
        } else if matches!(self, SignatureAlgorithm::EdDsa) {
            Some("OKP")
        } else {
            None
        }
    }

    /// The curve an ECDSA algorithm signs with.
    pub const fn ec_curve(self) -> Option<EcCurve> {
        match self {
            SignatureAlgorithm::Es256 => Some(EcCurve::P256),
            SignatureAlgorithm::Es256k => Some(EcCurve::Secp256k1),
            SignatureAlgorithm::Es384 => Some(EcCurve::P384),
            SignatureAlgorithm::Es512 => Some(EcCurve::P521),
            _ => None,
        }
    }

    /// The smallest RSA key jose lets RS* and PS* use, in its
    /// `key.length` (bytes of `n` times eight): where the padding stops
    /// fitting (EMSA-PKCS1 needs the DigestInfo plus 11 bytes, EMSA-PSS
    /// twice the digest plus 2). 0 for the others.
    pub fn min_rsa_bits(self) -> usize {
        match self {
            SignatureAlgorithm::Rs384 => 624,
            SignatureAlgorithm::Rs512 => 752,
            SignatureAlgorithm::Ps256 => 528,
            SignatureAlgorithm::Ps384 => 784,
            SignatureAlgorithm::Ps512 => 1040,
            _ => 0,
        }
    }

    /// Whether jose lists this algorithm for a key of this material (its
    /// type, curve and size), before the key's own restrictions and
    /// whether it is private: what `key.algorithms()` starts from.
    pub fn listed_for(self, material: &Material) -> bool {
        match material {
            Material::Oct { .. } => self.hmac().is_some(),
            Material::Ec { curve, .. } => self.ec_curve() == Some(*curve),
            Material::Okp { curve, .. } => {
                self == SignatureAlgorithm::EdDsa && curve.is_signature_curve()
            }
            Material::Rsa { .. } => {
                self.rsa().is_some() && material.bit_length().unwrap_or(0) >= self.min_rsa_bits()
            }
        }
    }

    /// The RSA padding and digest of RS* and PS*.
    pub(crate) const fn rsa(self) -> Option<(RsaPadding, Sha)> {
        match self {
            SignatureAlgorithm::Rs256 => Some((RsaPadding::Pkcs1, Sha::Sha256)),
            SignatureAlgorithm::Rs384 => Some((RsaPadding::Pkcs1, Sha::Sha384)),
            SignatureAlgorithm::Rs512 => Some((RsaPadding::Pkcs1, Sha::Sha512)),
            SignatureAlgorithm::Ps256 => Some((RsaPadding::Pss, Sha::Sha256)),
            SignatureAlgorithm::Ps384 => Some((RsaPadding::Pss, Sha::Sha384)),
            SignatureAlgorithm::Ps512 => Some((RsaPadding::Pss, Sha::Sha512)),
            _ => None,
        }
    }

    /// The length a JWS signature made with this algorithm has, in bytes:
    /// fixed by the digest (HMAC), the curve (ECDSA's R || S), Ed25519 or
    /// Ed448 (EdDSA), or the key's modulus (RSA). Checks signatures made
    /// outside this crate (a KMS) before they go into a JWS.
    pub fn signature_len(self) -> SignatureLen {
        match self {
            SignatureAlgorithm::Hs256 => SignatureLen::Exact(32),
            SignatureAlgorithm::Hs384 => SignatureLen::Exact(48),
            SignatureAlgorithm::Hs512 => SignatureLen::Exact(64),
            SignatureAlgorithm::Es256 | SignatureAlgorithm::Es256k => SignatureLen::Exact(64),
            SignatureAlgorithm::Es384 => SignatureLen::Exact(96),
            SignatureAlgorithm::Es512 => SignatureLen::Exact(132),
            SignatureAlgorithm::EdDsa => SignatureLen::Edwards,
            SignatureAlgorithm::None => SignatureLen::Exact(0),
            _ => SignatureLen::Modulus,
        }
    }

    pub(crate) const fn hmac(self) -> Option<Sha> {
        match self {
            SignatureAlgorithm::Hs256 => Some(Sha::Sha256),
            SignatureAlgorithm::Hs384 => Some(Sha::Sha384),
            SignatureAlgorithm::Hs512 => Some(Sha::Sha512),
            _ => None,
        }
    }
}

/// See [`SignatureAlgorithm::signature_len`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureLen {
    Exact(usize),
    /// 64 bytes (Ed25519) or 114 (Ed448).
    Edwards,
    /// The RSA modulus length.
    Modulus,
}

impl SignatureLen {
    /// Whether `len` fits; `modulus_bytes` is the key's modulus length when
    /// known (otherwise any non-empty RSA signature fits).
    pub fn fits(self, len: usize, modulus_bytes: Option<usize>) -> bool {
        match self {
            SignatureLen::Exact(n) => len == n,
            SignatureLen::Edwards => len == 64 || len == 114,
            SignatureLen::Modulus => len > 0 && modulus_bytes.is_none_or(|n| n == len),
        }
    }
}

/// jose's error for an `alg` it has never heard of.
fn unsupported(op: Operation, alg: &str) -> Error {
    Error::not_supported(format!("unsupported {} alg: {alg}", op.name()))
}

/// jose's error for a known `alg` the key cannot perform.
fn key_support(op: Operation, alg: &str) -> Error {
    Error::new(
        Kind::JwkKeySupport,
        format!("the key does not support {alg} {} algorithm", op.name()),
    )
}

/// A key prepared for JWS signing and verification. Cheap to build; the
/// aws-lc objects are made on first use and then reused. `Send + Sync`, so
/// one `Signer` serves every thread.
pub struct Signer {
    key: PreparedKey,
}

// The HMAC and RSA variants hold several aws-lc objects inline; boxing them
// keeps the small EC / OKP signers small.
enum PreparedKey {
    Hmac(Box<hmac::HmacKey>),
    Rsa(Box<rsassa::RsaKey>),
    Ec(ecdsa::EcKey),
    Ed25519(eddsa::Ed25519Key),
    Ed448(eddsa::Ed448Key),
    /// X25519 / X448 keys exist for ECDH-ES only and sign nothing.
    KeyAgreementOnly,
    /// jose's `JWK.None`: does `none` and nothing else.
    Unsecured,
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match &self.key {
            PreparedKey::Hmac(_) => "oct",
            PreparedKey::Rsa(_) => "RSA",
            PreparedKey::Ec(_) => "EC",
            PreparedKey::Ed25519(_) => "Ed25519",
            PreparedKey::Ed448(_) => "Ed448",
            PreparedKey::KeyAgreementOnly => "ECDH-only OKP",
            PreparedKey::Unsecured => "none",
        };
        write!(f, "Signer({kind})")
    }
}

impl Signer {
    /// Prepares `m` for signing and verification. Only the shape of the
    /// components is checked here; aws-lc validates them on first use, and
    /// a rejection then is `JWKImportFailed` on every later call too.
    pub fn new(m: &Material) -> Result<Signer> {
        let key = match m {
            Material::Oct { k } => PreparedKey::Hmac(Box::new(hmac::HmacKey::new(k))),
            Material::Rsa { n, e, private } => {
                PreparedKey::Rsa(Box::new(rsassa::RsaKey::new(n, e, private.as_deref())?))
            }
            Material::Ec { curve, x, y, d } => PreparedKey::Ec(ecdsa::EcKey::new(
                *curve,
                x,
                y,
                d.as_deref().map(Vec::as_slice),
            )?),
            Material::Okp { curve, x, d } => match curve {
                OkpCurve::Ed25519 => PreparedKey::Ed25519(eddsa::Ed25519Key::new(
                    x,
                    d.as_deref().map(Vec::as_slice),
                )?),
                OkpCurve::Ed448 => {
                    PreparedKey::Ed448(eddsa::Ed448Key::new(x, d.as_deref().map(Vec::as_slice))?)
                }
                OkpCurve::X25519 | OkpCurve::X448 => PreparedKey::KeyAgreementOnly,
            },
        };
        Ok(Signer { key })
    }

    /// The signer behind jose's `JWK.None`, for unsecured JWS.
    pub fn unsecured() -> Signer {
        Signer {
            key: PreparedKey::Unsecured,
        }
    }

    /// Whether this material can perform `alg` for `op` (sign or verify;
    /// other operations are never signatures) at all.
    pub fn supports(&self, op: Operation, alg: SignatureAlgorithm) -> bool {
        let signing = match op {
            Operation::Sign => true,
            Operation::Verify => false,
            _ => return false,
        };
        match &self.key {
            PreparedKey::Hmac(_) => alg.hmac().is_some(),
            PreparedKey::Rsa(key) => key.supports(signing, alg),
            PreparedKey::Ec(key) => key.algorithm() == alg && (!signing || key.is_private()),
            PreparedKey::Ed25519(key) => {
                alg == SignatureAlgorithm::EdDsa && (!signing || key.is_private())
            }
            PreparedKey::Ed448(key) => {
                alg == SignatureAlgorithm::EdDsa && (!signing || key.is_private())
            }
            PreparedKey::KeyAgreementOnly => false,
            PreparedKey::Unsecured => alg == SignatureAlgorithm::None,
        }
    }

    /// Resolves `alg` and checks the key can do it, in jose's order: an
    /// unknown name first, then what the key cannot do.
    fn check(&self, op: Operation, alg: &str) -> Result<SignatureAlgorithm> {
        let parsed = SignatureAlgorithm::from_name(alg).ok_or_else(|| unsupported(op, alg))?;
        if self.supports(op, parsed) {
            Ok(parsed)
        } else {
            Err(key_support(op, alg))
        }
    }

    /// Signs `data` (the JWS signing input) with `alg`.
    pub fn sign(&self, alg: &str, data: &[u8]) -> Result<Vec<u8>> {
        let parsed = self.check(Operation::Sign, alg)?;
        let signature = match &self.key {
            PreparedKey::Hmac(key) => parsed.hmac().map(|sha| key.sign(sha, data)),
            PreparedKey::Rsa(key) => match parsed.rsa() {
                Some((padding, sha)) => Some(key.sign(padding, sha, data)?),
                None => None,
            },
            PreparedKey::Ec(key) => Some(key.sign(data)?),
            PreparedKey::Ed25519(key) => Some(key.sign(data)?),
            PreparedKey::Ed448(key) => Some(key.sign(data)?),
            PreparedKey::Unsecured => Some(Vec::new()),
            PreparedKey::KeyAgreementOnly => None,
        };
        // `check` already refused every pairing that lands on `None`.
        signature.ok_or_else(|| key_support(Operation::Sign, alg))
    }

    /// Verifies `signature` over `data` with `alg`. A signature that is
    /// malformed or of the wrong length is `Ok(false)`, like a wrong one.
    /// `Err` means an unknown `alg`, one this key cannot do, or key material
    /// aws-lc refused when first used (`JWKImportFailed`).
    pub fn verify(&self, alg: &str, data: &[u8], signature: &[u8]) -> Result<bool> {
        let parsed = self.check(Operation::Verify, alg)?;
        let valid = match &self.key {
            PreparedKey::Hmac(key) => parsed.hmac().map(|sha| key.verify(sha, data, signature)),
            PreparedKey::Rsa(key) => match parsed.rsa() {
                Some((padding, sha)) => Some(key.verify(padding, sha, data, signature)?),
                None => None,
            },
            PreparedKey::Ec(key) => Some(key.verify(data, signature)?),
            PreparedKey::Ed25519(key) => Some(key.verify(data, signature)?),
            PreparedKey::Ed448(key) => Some(key.verify(data, signature)?),
            // An unsecured JWS carries an empty signature and nothing else.
            PreparedKey::Unsecured => Some(signature.is_empty()),
            PreparedKey::KeyAgreementOnly => None,
        };
        valid.ok_or_else(|| key_support(Operation::Verify, alg))
    }
}

/// Lazily built aws-lc objects remember a failed build as the error to
/// report; `KeyRejected` carries nothing jose could show.
fn rejected<E>(_: E) -> Error {
    Error::import_failed()
}

/// Clones a memoised build result out of its `OnceLock`.
fn ready<T>(slot: &Result<T>) -> Result<&T> {
    slot.as_ref().map_err(Clone::clone)
}

#[cfg(test)]
pub(crate) mod tests;
