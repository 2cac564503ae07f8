//! The one table of JWE algorithm names (RFC 7518 sections 4 and 5, plus the
//! RSA-OAEP-384/512 that jose 1.28.2 ships). Every other module receives a
//! `&KeyAlg` or `&EncAlg` from here and reads lengths off it, so no other code
//! matches on an algorithm string.

use crate::error::{Error, Kind};
use crate::jwk::material::{EcCurve, Material, OkpCurve};

/// A SHA-2 (or, for RSA-OAEP only, SHA-1) hash an algorithm is built on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hash {
    Sha1,
    Sha256,
    Sha384,
    Sha512,
}

impl Hash {
    /// Its WebCrypto name (`"SHA-1"`, `"SHA-256"`).
    pub const fn web_name(self) -> &'static str {
        match self {
            Hash::Sha1 => "SHA-1",
            Hash::Sha256 => "SHA-256",
            Hash::Sha384 => "SHA-384",
            Hash::Sha512 => "SHA-512",
        }
    }
}

/// How a content encryption algorithm (`enc`) works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EncFamily {
    /// AES-GCM, RFC 7518 5.3.
    AesGcm,
    /// AES-CBC with HMAC-SHA2, RFC 7518 5.2: the hash of the HMAC half.
    AesCbcHmac(Hash),
}

/// A content encryption algorithm. Lengths are in bytes.
#[derive(Debug, PartialEq, Eq)]
pub struct EncAlg {
    pub name: &'static str,
    pub family: EncFamily,
    /// CEK length (for CBC-HMAC: MAC key and ENC key together).
    pub key_len: usize,
    pub iv_len: usize,
    pub tag_len: usize,
}

/// How a key management algorithm (`alg`) produces or transports the CEK.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyFamily {
    /// The shared symmetric key is the CEK.
    Dir,
    /// AES key wrap (RFC 3394) with a KEK of `key_len`.
    AesKw,
    /// AES-GCM encryption of the CEK with a KEK of `key_len`.
    AesGcmKw,
    /// RSAES-OAEP with this hash for both OAEP and MGF1.
    RsaOaep(Hash),
    /// RSAES-PKCS1-v1_5.
    Rsa1_5,
    /// ECDH-ES where the agreed key is the CEK.
    EcdhEs,
    /// ECDH-ES producing an AES-KW KEK of `key_len`.
    EcdhEsKw,
    /// PBKDF2 with HMAC over this hash, producing an AES-KW KEK of `key_len`.
    Pbes2(Hash),
}

/// A key management algorithm. Lengths are in bytes.
#[derive(Debug, PartialEq, Eq)]
pub struct KeyAlg {
    pub name: &'static str,
    pub family: KeyFamily,
    /// KEK length for the AES-KW/AES-GCMKW based families, 0 otherwise.
    pub key_len: usize,
    /// IV length for AES-GCMKW, 0 otherwise.
    pub iv_len: usize,
    /// The smallest RSA modulus, in bits, jose lets the algorithm use:
    /// room for the OAEP padding around a 256-bit CEK. 0 when not RSA.
    pub min_rsa_bits: usize,
}

pub const ENC_ALGS: &[EncAlg] = &[
    EncAlg {
        name: "A128CBC-HS256",
        family: EncFamily::AesCbcHmac(Hash::Sha256),
        key_len: 32,
        iv_len: 16,
        tag_len: 16,
    },
    EncAlg {
        name: "A192CBC-HS384",
        family: EncFamily::AesCbcHmac(Hash::Sha384),
        key_len: 48,
        iv_len: 16,
        tag_len: 24,
    },
    EncAlg {
        name: "A256CBC-HS512",
        family: EncFamily::AesCbcHmac(Hash::Sha512),
        key_len: 64,
        iv_len: 16,
        tag_len: 32,
    },
    EncAlg {
        name: "A128GCM",
        family: EncFamily::AesGcm,
        key_len: 16,
        iv_len: 12,
        tag_len: 16,
    },
    EncAlg {
        name: "A192GCM",
        family: EncFamily::AesGcm,
        key_len: 24,
        iv_len: 12,
        tag_len: 16,
    },
    EncAlg {
        name: "A256GCM",
        family: EncFamily::AesGcm,
        key_len: 32,
        iv_len: 12,
        tag_len: 16,
    },
];

const fn key_alg(name: &'static str, family: KeyFamily, key_len: usize) -> KeyAlg {
    KeyAlg {
        name,
        family,
        key_len,
        iv_len: 0,
        min_rsa_bits: 0,
    }
}

const fn gcm_kw(name: &'static str, key_len: usize) -> KeyAlg {
    KeyAlg {
        name,
        family: KeyFamily::AesGcmKw,
        key_len,
        iv_len: 12,
        min_rsa_bits: 0,
    }
}

const fn rsa(name: &'static str, family: KeyFamily, min_rsa_bits: usize) -> KeyAlg {
    KeyAlg {
        name,
        family,
        key_len: 0,
        iv_len: 0,
        min_rsa_bits,
    }
}

pub const KEY_ALGS: &[KeyAlg] = &[
    key_alg("dir", KeyFamily::Dir, 0),
    key_alg("A128KW", KeyFamily::AesKw, 16),
    key_alg("A192KW", KeyFamily::AesKw, 24),
    key_alg("A256KW", KeyFamily::AesKw, 32),
    gcm_kw("A128GCMKW", 16),
    gcm_kw("A192GCMKW", 24),
    gcm_kw("A256GCMKW", 32),
    rsa("RSA-OAEP", KeyFamily::RsaOaep(Hash::Sha1), 592),
    rsa("RSA-OAEP-256", KeyFamily::RsaOaep(Hash::Sha256), 784),
    rsa("RSA-OAEP-384", KeyFamily::RsaOaep(Hash::Sha384), 1040),
    rsa("RSA-OAEP-512", KeyFamily::RsaOaep(Hash::Sha512), 1296),
    rsa("RSA1_5", KeyFamily::Rsa1_5, 0),
    key_alg("ECDH-ES", KeyFamily::EcdhEs, 0),
    key_alg("ECDH-ES+A128KW", KeyFamily::EcdhEsKw, 16),
    key_alg("ECDH-ES+A192KW", KeyFamily::EcdhEsKw, 24),
    key_alg("ECDH-ES+A256KW", KeyFamily::EcdhEsKw, 32),
    key_alg("PBES2-HS256+A128KW", KeyFamily::Pbes2(Hash::Sha256), 16),
    key_alg("PBES2-HS384+A192KW", KeyFamily::Pbes2(Hash::Sha384), 24),
    key_alg("PBES2-HS512+A256KW", KeyFamily::Pbes2(Hash::Sha512), 32),
];

impl EncAlg {
    pub fn from_name(name: &str) -> Option<&'static EncAlg> {
        ENC_ALGS.iter().find(|a| a.name == name)
    }

    /// jose's error when a key cannot be used for this `enc`; `op` is
    /// "encrypt" or "decrypt".
    pub fn key_unsupported(&self, op: &str) -> Error {
        key_support_error(self.name, op)
    }
}

impl KeyAlg {
    pub fn from_name(name: &str) -> Option<&'static KeyAlg> {
        KEY_ALGS.iter().find(|a| a.name == name)
    }

    /// Whether jose lists this algorithm for `op` (wrapKey / unwrapKey, or
    /// deriveKey) with a key of this material and size in bits: AES key
    /// wrapping with a secret of its KEK's size, RSA from its smallest
    /// modulus, PBES2 with any secret, ECDH-ES with an agreement curve.
    pub fn listed_for(&self, material: &Material, derive: bool, bits: usize) -> bool {
        let derives = matches!(
            self.family,
            KeyFamily::Pbes2(_) | KeyFamily::EcdhEs | KeyFamily::EcdhEsKw
        );
        if derive != derives {
            return false;
        }
        match (material, self.family) {
            (Material::Oct { .. }, KeyFamily::AesKw | KeyFamily::AesGcmKw) => {
                bits == self.key_len * 8
            }
            (Material::Oct { .. }, KeyFamily::Pbes2(_)) => true,
            (Material::Rsa { .. }, KeyFamily::RsaOaep(_) | KeyFamily::Rsa1_5) => {
                bits >= self.min_rsa_bits
            }
            (Material::Ec { curve, .. }, KeyFamily::EcdhEs | KeyFamily::EcdhEsKw) => {
                *curve != EcCurve::Secp256k1
            }
            (Material::Okp { curve, .. }, KeyFamily::EcdhEs | KeyFamily::EcdhEsKw) => {
                matches!(curve, OkpCurve::X25519 | OkpCurve::X448)
            }
            _ => false,
        }
    }

    /// Whether the CEK comes from decrypting the Encrypted Key with the
    /// private key alone (RSA-OAEP*, RSA1_5): the only unwrapping a key
    /// held outside this crate (an `unwrapKey(alg, encryptedKey)` hook)
    /// can do.
    pub fn unwraps_by_decryption(&self) -> bool {
        matches!(self.family, KeyFamily::RsaOaep(_) | KeyFamily::Rsa1_5)
    }

    /// jose's error when a key cannot be used for this `alg`.
    pub fn key_unsupported(&self, encrypting: bool) -> Error {
        let label = if encrypting {
            "key management (encryption)"
        } else {
            "key management (decryption)"
        };
        key_support_error(self.name, label)
    }
}

fn key_support_error(alg: &str, label: &str) -> Error {
    Error::new(
        Kind::JwkKeySupport,
        format!("the key does not support {alg} {label} algorithm"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_resolve() {
        for a in ENC_ALGS {
            assert_eq!(EncAlg::from_name(a.name), Some(a));
        }
        for a in KEY_ALGS {
            assert_eq!(KeyAlg::from_name(a.name), Some(a));
        }
        assert!(EncAlg::from_name("A128KW").is_none());
        assert!(KeyAlg::from_name("A128GCM").is_none());
    }

    #[test]
    fn cbc_hmac_tag_is_half_the_key() {
        for a in ENC_ALGS {
            if let EncFamily::AesCbcHmac(_) = a.family {
                assert_eq!(a.tag_len * 2, a.key_len, "{}", a.name);
            }
        }
    }

    #[test]
    fn key_support_message_matches_jose() {
        let alg = KeyAlg::from_name("A128KW").unwrap();
        let err = alg.key_unsupported(false);
        assert_eq!(err.kind, Kind::JwkKeySupport);
        assert_eq!(
            err.message,
            "the key does not support A128KW key management (decryption) algorithm"
        );
    }
}
