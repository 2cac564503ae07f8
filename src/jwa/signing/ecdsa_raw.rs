//! ECDSA signing on an `EC_KEY` built once per key (`sys::ec`).
//!
//! aws-lc-rs signs through a fresh EVP context per call and hands back DER,
//! which it then converts to the fixed `r || s` form JOSE wants; calling
//! `ECDSA_do_sign` on a kept key with the digest skips both, ~5% of an
//! ES256 signature. The pairing of `d` with the public point is checked by
//! aws-lc-rs before a key is built here (see `ecdsa.rs`).

use aws_lc_rs::digest;

use crate::error::{Error, Result};
use crate::jwk::material::EcCurve;
use crate::sys::ec::EcSigningKey;
use crate::sys::Failed;

/// A private EC key ready for `ECDSA_do_sign`.
pub(super) struct SigningKey {
    key: EcSigningKey,
    curve: EcCurve,
}

/// Every failure is an import failure (AWS-LC's error queue is already
/// cleared by `sys`).
fn failed(_: Failed) -> Error {
    Error::import_failed()
}

fn digest_of(curve: EcCurve, data: &[u8]) -> digest::Digest {
    let algorithm = match curve {
        EcCurve::P256 | EcCurve::Secp256k1 => &digest::SHA256,
        EcCurve::P384 => &digest::SHA384,
        EcCurve::P521 => &digest::SHA512,
    };
    digest::digest(algorithm, data)
}

impl SigningKey {
    /// `d` the private scalar, `point` the SEC 1 uncompressed public point.
    pub(super) fn new(curve: EcCurve, d: &[u8], point: &[u8]) -> Result<SigningKey> {
        let key = EcSigningKey::new(curve.into(), d, point).map_err(failed)?;
        Ok(SigningKey { key, curve })
    }

    /// The JOSE signature of `data`: `r || s`, each `coordinate_len` bytes.
    pub(super) fn sign(&self, data: &[u8]) -> Result<Vec<u8>> {
        let digest = digest_of(self.curve, data);
        self.key.sign_digest(digest.as_ref()).map_err(failed)
    }
}
