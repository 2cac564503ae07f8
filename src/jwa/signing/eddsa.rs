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
    /// What `ED25519_sign` takes, made once `d` is known to pair with `x`.
    private: OnceLock<Result<PrivateKey>>,
    verifier: OnceLock<Result<ParsedPublicKey>>,
}

/// AWS-LC's Ed25519 private key: the 32-byte seed `d`, then the public key
/// `x`. Signing with it directly skips aws-lc-rs's per-call EVP context
/// and its allocations, ~3% of a signature (the scalar multiplication is
/// the rest). Cleared when dropped.
struct PrivateKey([u8; 64]);

impl Drop for PrivateKey {
    fn drop(&mut self) {
        // SAFETY: clears exactly the 64 bytes this array owns.
        unsafe { aws_lc_sys::OPENSSL_cleanse(self.0.as_mut_ptr().cast(), self.0.len()) }
    }
}

impl Ed25519Key {
    pub(super) fn new(x: &[u8], d: Option<&[u8]>) -> Result<Ed25519Key> {
        if x.len() != 32 || d.is_some_and(|d| d.len() != 32) {
            return Err(Error::import_failed());
        }
        Ok(Ed25519Key {
            x: x.to_vec(),
            d: d.map(<[u8]>::to_vec),
            private: OnceLock::new(),
            verifier: OnceLock::new(),
        })
    }

    pub(super) fn is_private(&self) -> bool {
        self.d.is_some()
    }

    pub(super) fn sign(&self, data: &[u8]) -> Result<Vec<u8>> {
        let key = ready(self.private.get_or_init(|| {
            let d = self.d.as_deref().ok_or_else(Error::import_failed)?;
            // Refuses a seed whose public key is not `x`.
            Ed25519KeyPair::from_seed_and_public_key(d, &self.x).map_err(rejected)?;
            let mut private = PrivateKey([0; 64]);
            private.0[..32].copy_from_slice(d);
            private.0[32..].copy_from_slice(&self.x);
            Ok(private)
        }))?;
        let mut signature = vec![0; 64];
        // SAFETY: ED25519_sign writes 64 bytes to `out_sig` (`signature`
        // has 64), reads `message_len` bytes of `message` (`data`) and 64 of
        // `private_key` (the array); none of them is kept.
        let signed = unsafe {
            aws_lc_sys::ED25519_sign(
                signature.as_mut_ptr(),
                data.as_ptr(),
                data.len(),
                key.0.as_ptr(),
            )
        };
        if signed != 1 {
            return Err(rejected(()));
        }
        Ok(signature)
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
