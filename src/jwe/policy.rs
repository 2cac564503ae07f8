//! Which keys may do what in JWE: jose's `check(key, op, alg)` and its
//! choice of `alg` when no header names one.

use serde_json::Value;

use crate::error::{Error, Kind, Result};
use crate::jwa::jwe_algs::{EncAlg, KeyAlg, KeyFamily};
use crate::jwk::key::Key;
use crate::jwk::material::{KeyType, Material, SecretBytes};
use crate::jws::header::js_display;

/// A key handed to JWE. Besides real keys, jose lets callers pass keys that
/// hold no material (`JWK.None`, the embedded-key markers, `oct` JWKs
/// without `k`); those can do nothing, but still fail with jose's errors.
pub trait JweKey {
    /// The key with its material, or `None` for a key without material.
    fn key(&self) -> Option<&Key>;
    /// The key's `alg` parameter.
    fn declared_alg(&self) -> Option<&str>;
    /// The key's `use` parameter.
    fn declared_use(&self) -> Option<&str>;
    /// For a key whose operations run outside this crate (`JWK.CustomKey`),
    /// the algorithms it allows for `op`, decided by its owner; `None` for
    /// keys judged by their material and parameters.
    fn external_algorithms(&self, _op: JweOp) -> Option<&[String]> {
        None
    }
    /// For a key whose unwrapping runs outside this crate, how to ask it
    /// for the CEK; `None` for keys this crate unwraps with their material.
    fn external_unwrap(&self) -> Option<&dyn ExternalUnwrap> {
        None
    }
}

/// Unwrapping done by the key's owner (`JWK.CustomKey#unwrapKey`, a KMS).
/// Only the key management algorithms that decrypt an Encrypted Key with
/// the private key alone (RSA-OAEP, RSA-OAEP-256, RSA1_5) are asked of it.
pub trait ExternalUnwrap {
    /// The CEK for `encrypted_key` with `alg`, or `None` when unwrapping
    /// failed in any way: decryption then goes on with a random CEK, so a
    /// padding failure looks like a wrong key (RFC 7516 section 11.5). An
    /// error ends the decryption as it is.
    fn unwrap(&self, alg: &'static str, encrypted_key: &[u8]) -> Result<Option<SecretBytes>>;
}

impl JweKey for Key {
    fn key(&self) -> Option<&Key> {
        Some(self)
    }

    fn declared_alg(&self) -> Option<&str> {
        self.params().alg.as_deref()
    }

    fn declared_use(&self) -> Option<&str> {
        self.params().key_use.as_deref()
    }
}

/// A reference or `Arc` to a key is that key.
impl<P> JweKey for P
where
    P: std::ops::Deref,
    P::Target: JweKey,
{
    fn key(&self) -> Option<&Key> {
        (**self).key()
    }

    fn declared_alg(&self) -> Option<&str> {
        (**self).declared_alg()
    }

    fn declared_use(&self) -> Option<&str> {
        (**self).declared_use()
    }

    fn external_algorithms(&self, op: JweOp) -> Option<&[String]> {
        (**self).external_algorithms(op)
    }

    fn external_unwrap(&self) -> Option<&dyn ExternalUnwrap> {
        (**self).external_unwrap()
    }
}

/// The four operations jose checks a JWE key for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JweOp {
    /// Content encryption with the key itself (`dir`).
    Encrypt,
    Decrypt,
    /// Wrapping, encrypting or deriving a CEK.
    KeyEncrypt,
    KeyDecrypt,
}

impl JweOp {
    fn label(self) -> &'static str {
        match self {
            JweOp::Encrypt => "encrypt",
            JweOp::Decrypt => "decrypt",
            JweOp::KeyEncrypt => "key management (encryption)",
            JweOp::KeyDecrypt => "key management (decryption)",
        }
    }

    fn knows(self, alg: &str) -> bool {
        match self {
            JweOp::Encrypt | JweOp::Decrypt => EncAlg::from_name(alg).is_some(),
            // `dir` is handled before any key management check.
            JweOp::KeyEncrypt | JweOp::KeyDecrypt => {
                KeyAlg::from_name(alg).is_some_and(|a| a.family != KeyFamily::Dir)
            }
        }
    }
}

/// jose's `check`: an algorithm it does not implement is
/// `JOSENotSupported`, one the key may not perform `JWKKeySupport`.
pub fn check(key: &dyn JweKey, op: JweOp, alg: &Value) -> Result<()> {
    let name = alg.as_str().filter(|name| op.knows(name));
    let Some(name) = name else {
        return Err(Error::not_supported(format!(
            "unsupported {} alg: {}",
            op.label(),
            js_display(alg)
        )));
    };
    let permitted = match key.external_algorithms(op) {
        Some(list) => list.iter().any(|a| a == name),
        None => allowed(key, op).contains(&name),
    };
    if !permitted {
        return Err(Error::new(
            Kind::JwkKeySupport,
            format!("the key does not support {name} {} algorithm", op.label()),
        ));
    }
    Ok(())
}

/// What the key may do for `op`, from its material and its `alg`, `use`
/// and `key_ops`. As in jose, key management for `oct` keys is judged by
/// `wrapKey` and `deriveKey` both ways, and EC/OKP keys need their private
/// part to decrypt.
fn allowed(key: &dyn JweKey, op: JweOp) -> Vec<&'static str> {
    let Some(key) = key.key() else {
        return Vec::new();
    };
    let private = key.key_type() == KeyType::Private;
    let ops: &[&str] = match (op, key.material()) {
        (JweOp::Encrypt, _) => &["encrypt"],
        (JweOp::Decrypt, _) => &["decrypt"],
        (JweOp::KeyEncrypt, Material::Rsa { .. }) => &["wrapKey"],
        (JweOp::KeyDecrypt, Material::Rsa { .. }) => &["unwrapKey"],
        (_, Material::Oct { .. }) => &["wrapKey", "deriveKey"],
        (JweOp::KeyEncrypt, _) => &["deriveKey"],
        (JweOp::KeyDecrypt, _) if private => &["deriveKey"],
        (JweOp::KeyDecrypt, _) => &[],
    };
    ops.iter()
        .flat_map(|op| key.algorithms(Some(op)).unwrap_or_default())
        .collect()
}

/// The `alg` jose picks for a recipient whose headers name none: the key's
/// own `alg`, else its first key wrapping algorithm, else its first key
/// derivation one. Direct ECDH-ES cannot serve several recipients, so then
/// the first ECDH-ES+A*KW is taken.
pub fn default_alg(key: &dyn JweKey, recipient_count: usize) -> Option<String> {
    let list = |op: &str| {
        key.key()
            .map(|k| k.algorithms(Some(op)).unwrap_or_default())
            .unwrap_or_default()
    };
    let derive = list("deriveKey");
    let alg = match key.declared_alg().filter(|a| !a.is_empty()) {
        Some(alg) => alg.to_owned(),
        None => (*list("wrapKey").first().or_else(|| derive.first())?).to_owned(),
    };
    if alg == "ECDH-ES" && recipient_count != 1 {
        return derive.get(1).map(|a| (*a).to_owned());
    }
    Some(alg)
}
