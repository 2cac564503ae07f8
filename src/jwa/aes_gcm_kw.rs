//! AES-GCM key wrapping (A128GCMKW, A192GCMKW, A256GCMKW; RFC 7518 4.7):
//! the CEK is AES-GCM encrypted under the KEK with an empty AAD; the IV and
//! tag travel in the `iv` and `tag` header parameters. The unwrapped CEK is
//! `SecretBytes`, wiped when dropped.

use zeroize::Zeroizing;

use super::aes_gcm;
use super::cek::random_bytes;
use super::jwe_algs::{KeyAlg, KeyFamily};
use crate::error::Result;
use crate::jwk::material::SecretBytes;

/// The wrapped CEK with the header values that go with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GcmWrapped {
    pub encrypted_key: Vec<u8>,
    pub iv: Vec<u8>,
    pub tag: Vec<u8>,
}

/// Wraps `cek` under `kek` with a fresh random IV.
pub fn wrap(alg: &KeyAlg, kek: &[u8], cek: &[u8]) -> Result<GcmWrapped> {
    check_kek(alg, kek, true)?;
    let iv = random_bytes(alg.iv_len)?;
    wrap_with_iv(alg, kek, cek, &iv)
}

/// Wraps with a caller-chosen IV; only for reproducing known vectors.
pub(crate) fn wrap_with_iv(alg: &KeyAlg, kek: &[u8], cek: &[u8], iv: &[u8]) -> Result<GcmWrapped> {
    check_kek(alg, kek, true)?;
    let sealed = aes_gcm::seal(kek, iv, &[], cek)?;
    Ok(GcmWrapped {
        encrypted_key: sealed.ciphertext,
        iv: iv.to_vec(),
        tag: sealed.tag,
    })
}

/// Unwraps the CEK. A failed tag check is `JWEDecryptionFailed`; an IV or
/// tag of the wrong length is `JWEInvalid`, as for A*GCM content.
pub fn unwrap(
    alg: &KeyAlg,
    kek: &[u8],
    encrypted_key: &[u8],
    iv: &[u8],
    tag: &[u8],
) -> Result<SecretBytes> {
    check_kek(alg, kek, false)?;
    aes_gcm::open(kek, iv, &[], encrypted_key, tag).map(Zeroizing::new)
}

fn check_kek(alg: &KeyAlg, kek: &[u8], encrypting: bool) -> Result<()> {
    if alg.family != KeyFamily::AesGcmKw || kek.len() != alg.key_len {
        return Err(alg.key_unsupported(encrypting));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Kind;
    use crate::jwa::test_vectors::*;
    use crate::jwk::material::assert_wiped;

    fn alg(name: &str) -> &'static KeyAlg {
        KeyAlg::from_name(name).unwrap()
    }

    #[test]
    fn rfc7520_5_7_unwraps_and_rewraps() {
        let a = alg("A256GCMKW");
        let kek = b(A256GCMKW_A128CBC_K);
        let (ek, iv, tag) = (
            b(A256GCMKW_A128CBC.encrypted_key),
            b(A256GCMKW_A128CBC_HDR_IV),
            b(A256GCMKW_A128CBC_HDR_TAG),
        );
        let cek = unwrap(a, &kek, &ek, &iv, &tag).unwrap();
        assert_wiped(&cek);
        assert_eq!(cek.len(), 32);
        let again = wrap_with_iv(a, &kek, &cek, &iv).unwrap();
        assert_eq!((again.encrypted_key, again.tag), (ek, tag));
    }

    #[test]
    fn random_wrap_round_trips_for_every_size() {
        for name in ["A128GCMKW", "A192GCMKW", "A256GCMKW"] {
            let a = alg(name);
            let kek = vec![0x42; a.key_len];
            let cek = [7u8; 32];
            let w = wrap(a, &kek, &cek).unwrap();
            assert_eq!((w.iv.len(), w.tag.len()), (12, 16));
            assert_eq!(
                *unwrap(a, &kek, &w.encrypted_key, &w.iv, &w.tag).unwrap(),
                cek
            );
            let w2 = wrap(a, &kek, &cek).unwrap();
            assert_ne!(w.iv, w2.iv, "IVs are random");
        }
    }

    #[test]
    fn tampered_or_malformed_input_is_refused() {
        let a = alg("A128GCMKW");
        let kek = [1u8; 16];
        let w = wrap(a, &kek, &[2u8; 16]).unwrap();
        let mut tag = w.tag.clone();
        tag[3] ^= 4;
        let err = unwrap(a, &kek, &w.encrypted_key, &w.iv, &tag).unwrap_err();
        assert_eq!(
            (err.kind, err.message.as_str()),
            (Kind::JweDecryptionFailed, "decryption operation failed")
        );
        let mut ek = w.encrypted_key.clone();
        ek[0] ^= 1;
        assert_eq!(
            unwrap(a, &kek, &ek, &w.iv, &w.tag).unwrap_err().kind,
            Kind::JweDecryptionFailed
        );
        assert_eq!(
            unwrap(a, &kek, &w.encrypted_key, &w.iv[..8], &w.tag)
                .unwrap_err()
                .kind,
            Kind::JweInvalid
        );
        assert_eq!(
            unwrap(a, &kek, &w.encrypted_key, &w.iv, &w.tag[..8])
                .unwrap_err()
                .kind,
            Kind::JweInvalid
        );
        assert_eq!(
            unwrap(a, &[1u8; 32], &w.encrypted_key, &w.iv, &w.tag)
                .unwrap_err()
                .kind,
            Kind::JwkKeySupport
        );
        assert_eq!(
            wrap(alg("A128KW"), &kek, &[0u8; 16]).unwrap_err().kind,
            Kind::JwkKeySupport
        );
    }
}
