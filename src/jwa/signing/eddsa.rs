//! EdDSA (RFC 8037 section 3.1): Ed25519 through aws-lc-rs, Ed448 through
//! `jwa::curve448` (AWS-LC has no Ed448).

use std::sync::OnceLock;

use aws_lc_rs::signature::{self, Ed25519KeyPair, ParsedPublicKey};

use super::{ready, rejected};
use crate::error::{Error, Result};
use crate::jwa::curve448::{self, ED448_KEY_LEN};

pub(super) struct Ed25519Key {
    x: Vec<u8>,
    d: Option<Vec<u8>>,
    pair: OnceLock<Result<Ed25519KeyPair>>,
    verifier: OnceLock<Result<ParsedPublicKey>>,
}

impl Ed25519Key {
    pub(super) fn new(x: &[u8], d: Option<&[u8]>) -> Result<Ed25519Key> {
        if x.len() != 32 || d.is_some_and(|d| d.len() != 32) {
            return Err(Error::import_failed());
        }
        Ok(Ed25519Key {
            x: x.to_vec(),
            d: d.map(<[u8]>::to_vec),
            pair: OnceLock::new(),
            verifier: OnceLock::new(),
        })
    }

    pub(super) fn is_private(&self) -> bool {
        self.d.is_some()
    }

    pub(super) fn sign(&self, data: &[u8]) -> Result<Vec<u8>> {
        let pair = ready(self.pair.get_or_init(|| {
            let d = self.d.as_deref().ok_or_else(Error::import_failed)?;
            // Refuses a seed whose public key is not `x`.
            Ed25519KeyPair::from_seed_and_public_key(d, &self.x).map_err(rejected)
        }))?;
        Ok(pair.try_sign(data).map_err(rejected)?.as_ref().to_vec())
    }

    pub(super) fn verify(&self, data: &[u8], sig: &[u8]) -> Result<bool> {
        let verifier =
            ready(self.verifier.get_or_init(|| {
                ParsedPublicKey::new(&signature::ED25519, &self.x).map_err(rejected)
            }))?;
        Ok(verifier.verify_sig(data, sig).is_ok())
    }
}

/// Ed448 keys, signed and verified by `jwa::curve448`. Its functions take
/// the raw `d` / `x`, so there is no prepared object to keep; the pairing of
/// `d` with `x` is checked once, on first signature, as for Ed25519.
pub(super) struct Ed448Key {
    x: Vec<u8>,
    d: Option<Vec<u8>>,
    pair_checked: OnceLock<Result<()>>,
}

impl Ed448Key {
    pub(super) fn new(x: &[u8], d: Option<&[u8]>) -> Result<Ed448Key> {
        if x.len() != ED448_KEY_LEN || d.is_some_and(|d| d.len() != ED448_KEY_LEN) {
            return Err(Error::import_failed());
        }
        Ok(Ed448Key {
            x: x.to_vec(),
            d: d.map(<[u8]>::to_vec),
            pair_checked: OnceLock::new(),
        })
    }

    pub(super) fn is_private(&self) -> bool {
        self.d.is_some()
    }

    pub(super) fn sign(&self, data: &[u8]) -> Result<Vec<u8>> {
        let d = self.d.as_deref().ok_or_else(Error::import_failed)?;
        ready(
            self.pair_checked
                .get_or_init(|| match curve448::ed448_public(d) {
                    Ok(x) if x == self.x => Ok(()),
                    _ => Err(Error::import_failed()),
                }),
        )?;
        curve448::ed448_sign(d, data)
    }

    pub(super) fn verify(&self, data: &[u8], sig: &[u8]) -> Result<bool> {
        curve448::ed448_verify(&self.x, data, sig)
    }
}
