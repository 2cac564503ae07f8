//! HS256 / HS384 / HS512 (RFC 7518 section 3.2).

use std::sync::OnceLock;

use aws_lc_rs::hmac;
use zeroize::Zeroizing;

use super::Sha;
use crate::jwk::material::SecretBytes;

/// An `oct` key with one ready HMAC key per digest. jose accepts secrets of
/// any length (RFC 7518's "at least the hash size" is not enforced there), so
/// neither is it here. The secret is wiped when the key is dropped (aws-lc-rs
/// wipes its HMAC keys itself); signing and verifying make no copy of it.
pub(super) struct HmacKey {
    secret: SecretBytes,
    keys: [OnceLock<hmac::Key>; 3],
}

impl HmacKey {
    pub(super) fn new(secret: &[u8]) -> HmacKey {
        HmacKey {
            secret: Zeroizing::new(secret.to_vec()),
            keys: Default::default(),
        }
    }

    fn key(&self, sha: Sha) -> &hmac::Key {
        let (slot, algorithm) = match sha {
            Sha::Sha256 => (0, hmac::HMAC_SHA256),
            Sha::Sha384 => (1, hmac::HMAC_SHA384),
            Sha::Sha512 => (2, hmac::HMAC_SHA512),
        };
        self.keys[slot].get_or_init(|| hmac::Key::new(algorithm, &self.secret))
    }

    pub(super) fn sign(&self, sha: Sha, data: &[u8]) -> Vec<u8> {
        hmac::sign(self.key(sha), data).as_ref().to_vec()
    }

    /// Constant-time comparison. Unlike jose, a tag of the wrong length is
    /// simply wrong: jose zero-pads the shorter buffer before comparing, which
    /// would accept a truncated tag whose missing bytes are zero.
    pub(super) fn verify(&self, sha: Sha, data: &[u8], tag: &[u8]) -> bool {
        hmac::verify(self.key(sha), data, tag).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwk::material::assert_wiped;

    #[test]
    fn the_secret_is_wiped_on_drop() {
        let key = HmacKey::new(b"secret");
        assert_wiped(&key.secret);
        assert_eq!(key.secret.as_slice(), b"secret");
        let tag = key.sign(Sha::Sha256, b"data");
        assert!(key.verify(Sha::Sha256, b"data", &tag));
    }
}
