//! Content encryption (`enc`) dispatch: one entry point over the AES-GCM and
//! AES-CBC-HMAC families, picked by the table entry's family.

use super::jwe_algs::{EncAlg, EncFamily};
use super::{aes_cbc_hmac, aes_gcm};
use crate::error::Result;

/// Ciphertext and authentication tag of one content encryption.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Encrypted {
    pub ciphertext: Vec<u8>,
    pub tag: Vec<u8>,
}

/// Encrypts `plaintext` with the CEK; `aad` is the JWE AAD (the ASCII of
/// the encoded protected header, plus '.' and the encoded `aad` member).
pub fn encrypt(
    enc: &EncAlg,
    cek: &[u8],
    iv: &[u8],
    aad: &[u8],
    plaintext: &[u8],
) -> Result<Encrypted> {
    match enc.family {
        EncFamily::AesGcm => aes_gcm::encrypt(enc, cek, iv, aad, plaintext),
        EncFamily::AesCbcHmac(_) => aes_cbc_hmac::encrypt(enc, cek, iv, aad, plaintext),
    }
}

/// Authenticates and decrypts; failures are `JWEDecryptionFailed`, a wrong
/// IV or tag length `JWEInvalid`.
pub fn decrypt(
    enc: &EncAlg,
    cek: &[u8],
    iv: &[u8],
    aad: &[u8],
    ciphertext: &[u8],
    tag: &[u8],
) -> Result<Vec<u8>> {
    match enc.family {
        EncFamily::AesGcm => aes_gcm::decrypt(enc, cek, iv, aad, ciphertext, tag),
        EncFamily::AesCbcHmac(_) => aes_cbc_hmac::decrypt(enc, cek, iv, aad, ciphertext, tag),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwa::cek::{generate_cek, generate_iv};
    use crate::jwa::jwe_algs::ENC_ALGS;

    #[test]
    fn every_enc_round_trips_and_rejects_a_flipped_tag() {
        for enc in ENC_ALGS {
            let cek = generate_cek(enc).unwrap();
            let iv = generate_iv(enc).unwrap();
            let out = encrypt(enc, &cek, &iv, b"hdr", b"hello world").unwrap();
            assert_eq!(out.tag.len(), enc.tag_len, "{}", enc.name);
            let pt = decrypt(enc, &cek, &iv, b"hdr", &out.ciphertext, &out.tag).unwrap();
            assert_eq!(pt, b"hello world");
            let mut tag = out.tag.clone();
            tag[0] ^= 1;
            let err = decrypt(enc, &cek, &iv, b"hdr", &out.ciphertext, &tag).unwrap_err();
            assert_eq!(
                err.kind,
                crate::error::Kind::JweDecryptionFailed,
                "{}",
                enc.name
            );
        }
    }
}
