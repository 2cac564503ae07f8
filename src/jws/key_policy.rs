//! Keys as JWS uses them: jose's `check(key, op, alg)` (the algorithm must
//! be known, and allowed by the key's material, `alg`, `use` and `key_ops`)
//! in front of the prepared signer.

use std::sync::Arc;

use super::{SigningKey, VerificationKey};
use crate::error::{Error, Kind, Result};
use crate::jwa::registry::Operation;
use crate::jwa::signing::{SignatureAlgorithm, Signer};
use crate::jwk::key::Key;

/// A key that signs or verifies JWS: a real key, or jose's `JWK.None`.
#[derive(Debug, Clone)]
pub enum JwsKey {
    Key(Arc<Key>),
    Unsecured,
    /// `JWK.EmbeddedJWK` / `JWK.EmbeddedX5C` used where a key must sign or
    /// verify itself: they can do no algorithm.
    NoAlgorithms,
}

static UNSECURED: std::sync::LazyLock<Signer> = std::sync::LazyLock::new(Signer::unsecured);

impl JwsKey {
    /// jose's check, in its order: an unknown algorithm is
    /// `JOSENotSupported`, one the key may not do is `JWKKeySupport`.
    fn check(&self, op: Operation, alg: &str) -> Result<&Signer> {
        check_support(op, alg, || {
            Ok(match self {
                // JWS checks sign and verify only: any other operation
                // lists no JWS algorithm
                JwsKey::Key(key) => key
                    .jws_algorithms(op)
                    .is_some_and(|list| list.contains(&alg)),
                JwsKey::Unsecured => alg == "none",
                JwsKey::NoAlgorithms => false,
            })
        })?;
        match self {
            JwsKey::Key(key) => key.signer(),
            _ => Ok(&UNSECURED),
        }
    }

    /// The `alg` jose signs with when no header names one: the key's own
    /// `alg`, else the first algorithm it can sign with.
    pub fn default_sign_alg(&self) -> Option<String> {
        match self {
            JwsKey::Key(key) => key.params().alg.clone().or_else(|| {
                key.jws_algorithms(Operation::Sign)
                    .and_then(|algs| algs.first().map(|a| a.to_string()))
            }),
            JwsKey::Unsecured => Some("none".into()),
            JwsKey::NoAlgorithms => None,
        }
    }

    /// jose refuses encryption keys before it looks for an algorithm.
    pub fn is_encryption_key(&self) -> bool {
        matches!(self, JwsKey::Key(key) if key.params().key_use.as_deref() == Some("enc"))
    }
}

/// jose's check for any key, `allowed` saying whether this key may do
/// `alg` for `op` (asked only for an algorithm jose implements). Keys whose
/// operations run outside this crate (`JWK.CustomKey`) are checked with it
/// too, so their errors are the same.
pub(crate) fn check_support(
    op: Operation,
    alg: &str,
    allowed: impl FnOnce() -> Result<bool>,
) -> Result<()> {
    if SignatureAlgorithm::from_name(alg).is_none() {
        return Err(Error::not_supported(format!(
            "unsupported {} alg: {alg}",
            op.name()
        )));
    }
    if !allowed()? {
        return Err(Error::new(
            Kind::JwkKeySupport,
            format!("the key does not support {alg} {} algorithm", op.name()),
        ));
    }
    Ok(())
}

impl SigningKey for JwsKey {
    fn sign(&self, alg: &str, data: &[u8]) -> Result<Vec<u8>> {
        self.check(Operation::Sign, alg)?.sign(alg, data)
    }
}

impl VerificationKey for JwsKey {
    fn verify(&self, alg: &str, data: &[u8], signature: &[u8]) -> Result<bool> {
        self.check(Operation::Verify, alg)?
            .verify(alg, data, signature)
    }
}
