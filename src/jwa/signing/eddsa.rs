//! EdDSA (RFC 8037 section 3.1): Ed25519 through aws-lc-rs, Ed448 through
//! `jwa::curve448` (AWS-LC has no Ed448).

use std::sync::OnceLock;

use aws_lc_rs::signature::{self, Ed25519KeyPair, ParsedPublicKey};
use zeroize::Zeroizing;

use super::{ready, rejected};
use crate::error::{Error, Result};
use crate::jwa::curve448::{self, ED448_KEY_LEN};
use crate::jwk::material::SecretBytes;
use crate::sys;

/// The seed `d` and what is made from it are wiped when the key is dropped.
pub(super) struct Ed25519Key {
    x: Vec<u8>,
    d: Option<SecretBytes>,
    /// What `ED25519_sign` takes, made once `d` is known to pair with `x`.
    private: OnceLock<Result<PrivateKey>>,
    verifier: OnceLock<Result<ParsedPublicKey>>,
}

/// AWS-LC's Ed25519 private key: the 32-byte seed `d`, then the public key
/// `x`. Signing with it directly skips aws-lc-rs's per-call EVP context
/// and its allocations, ~3% of a signature (the scalar multiplication is
/// the rest). Wiped when dropped.
struct PrivateKey(Zeroizing<[u8; 64]>);

impl Ed25519Key {
    pub(super) fn new(x: &[u8], d: Option<&[u8]>) -> Result<Ed25519Key> {
        if x.len() != 32 || d.is_some_and(|d| d.len() != 32) {
            return Err(Error::import_failed());
        }
        Ok(Ed25519Key {
            x: x.to_vec(),
            d: d.map(|d| Zeroizing::new(d.to_vec())),
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
            let mut private = PrivateKey(Zeroizing::new([0; 64]));
            private.0[..32].copy_from_slice(d);
            private.0[32..].copy_from_slice(&self.x);
            Ok(private)
        }))?;
        sys::ed25519::sign(&key.0, data).map_err(rejected)
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
    d: Option<SecretBytes>,
    pair_checked: OnceLock<Result<()>>,
}

impl Ed448Key {
    pub(super) fn new(x: &[u8], d: Option<&[u8]>) -> Result<Ed448Key> {
        if x.len() != ED448_KEY_LEN || d.is_some_and(|d| d.len() != ED448_KEY_LEN) {
            return Err(Error::import_failed());
        }
        Ok(Ed448Key {
            x: x.to_vec(),
            d: d.map(|d| Zeroizing::new(d.to_vec())),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwk::material::assert_wiped;

    #[test]
    fn private_keys_are_wiped_on_drop() {
        // RFC 8032 7.1, test 1.
        let d = crate::b64::decode("nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A");
        let x = crate::b64::decode("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo");
        let key = Ed25519Key::new(&x, Some(&d)).unwrap();
        key.sign(b"").unwrap();
        assert_wiped(key.d.as_ref().unwrap());
        let Some(Ok(private)) = key.private.get() else {
            panic!("signing prepares the private key")
        };
        assert_wiped(&private.0);

        let ed448 = Ed448Key::new(&[0; ED448_KEY_LEN], Some(&[0; ED448_KEY_LEN])).unwrap();
        assert_wiped(ed448.d.as_ref().unwrap());
    }
}
