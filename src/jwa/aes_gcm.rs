//! AES-GCM content encryption (A128GCM, A192GCM, A256GCM; RFC 7518 5.3):
//! 96-bit IV, 128-bit tag. aws-lc-rs' `aead` has all three key sizes.

use aws_lc_rs::aead::{self, Aad, LessSafeKey, Nonce, UnboundKey};

use super::content::Encrypted;
use super::jwe_algs::{EncAlg, EncFamily};
use crate::error::{Error, Kind, Result};

const IV_LEN: usize = 12;
const TAG_LEN: usize = 16;

/// Encrypts `plaintext` under the CEK `key`; `aad` is the JWE AAD.
pub fn encrypt(
    enc: &EncAlg,
    key: &[u8],
    iv: &[u8],
    aad: &[u8],
    plaintext: &[u8],
) -> Result<Encrypted> {
    if enc.family != EncFamily::AesGcm || key.len() != enc.key_len {
        return Err(enc.key_unsupported("encrypt"));
    }
    seal(key, iv, aad, plaintext)
}

/// Checks the tag and decrypts. Any authentication failure is
/// `JWEDecryptionFailed`; a wrong IV or tag length is `JWEInvalid`, as in
/// jose.
pub fn decrypt(
    enc: &EncAlg,
    key: &[u8],
    iv: &[u8],
    aad: &[u8],
    ciphertext: &[u8],
    tag: &[u8],
) -> Result<Vec<u8>> {
    if enc.family != EncFamily::AesGcm || key.len() != enc.key_len {
        return Err(enc.key_unsupported("decrypt"));
    }
    open(key, iv, aad, ciphertext, tag)
}

/// AES-GCM with a 128, 192 or 256-bit key, picked by the key's length.
/// Shared with A*GCMKW, which checks the key length against its own entry.
pub(crate) fn seal(key: &[u8], iv: &[u8], aad: &[u8], plaintext: &[u8]) -> Result<Encrypted> {
    check_iv(iv)?;
    let key = gcm_key(key)?;
    let nonce = Nonce::try_assume_unique_for_key(iv).map_err(|_| invalid_iv())?;
    let mut ciphertext = plaintext.to_vec();
    let tag = key
        .seal_in_place_separate_tag(nonce, Aad::from(aad), &mut ciphertext)
        .map_err(|_| Error::new(Kind::JweInvalid, "encryption failed"))?;
    Ok(Encrypted {
        ciphertext,
        tag: tag.as_ref().to_vec(),
    })
}

pub(crate) fn open(
    key: &[u8],
    iv: &[u8],
    aad: &[u8],
    ciphertext: &[u8],
    tag: &[u8],
) -> Result<Vec<u8>> {
    check_iv(iv)?;
    if tag.len() != TAG_LEN {
        return Err(Error::new(Kind::JweInvalid, "invalid tag"));
    }
    let key = gcm_key(key)?;
    let nonce = Nonce::try_assume_unique_for_key(iv).map_err(|_| invalid_iv())?;
    let mut plaintext = vec![0u8; ciphertext.len()];
    key.open_separate_gather(nonce, Aad::from(aad), ciphertext, tag, &mut plaintext)
        .map_err(|_| Error::decryption_failed())?;
    Ok(plaintext)
}

fn gcm_key(key: &[u8]) -> Result<LessSafeKey> {
    let algorithm = match key.len() {
        16 => &aead::AES_128_GCM,
        24 => &aead::AES_192_GCM,
        32 => &aead::AES_256_GCM,
        _ => return Err(Error::new(Kind::JwkKeySupport, "invalid AES-GCM key size")),
    };
    let unbound = UnboundKey::new(algorithm, key)
        .map_err(|_| Error::new(Kind::JwkKeySupport, "invalid AES-GCM key size"))?;
    Ok(LessSafeKey::new(unbound))
}

fn check_iv(iv: &[u8]) -> Result<()> {
    if iv.len() != IV_LEN {
        return Err(invalid_iv());
    }
    Ok(())
}

fn invalid_iv() -> Error {
    Error::new(Kind::JweInvalid, "invalid iv")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwa::aes_kw;
    use crate::jwa::jwe_algs::KeyAlg;
    use crate::jwa::test_vectors::*;

    #[test]
    fn rfc7520_5_6_direct_a128gcm() {
        let c = &DIR_A128GCM;
        let key = b(DIR_A128GCM_K);
        let pt = c.open(enc("A128GCM"), &key).unwrap();
        assert_eq!(pt, PLAINTEXT.as_bytes());
        let again = encrypt(
            enc("A128GCM"),
            &key,
            &b(c.iv),
            &c.aad_bytes(),
            PLAINTEXT.as_bytes(),
        )
        .unwrap();
        assert_eq!(again.ciphertext, b(c.ciphertext));
        assert_eq!(again.tag, b(c.tag));
    }

    #[test]
    fn rfc7520_5_8_and_5_10_after_aes_kw() {
        for c in [&A128KW_A128GCM, &AAD_A128KW_A128GCM] {
            let kek = b(A128KW_A128GCM_K);
            let cek = aes_kw::unwrap(
                KeyAlg::from_name("A128KW").unwrap(),
                &kek,
                &b(c.encrypted_key),
            )
            .unwrap();
            let pt = c.open(enc("A128GCM"), &cek).unwrap();
            assert_eq!(pt, PLAINTEXT.as_bytes());
        }
    }

    #[test]
    fn nist_gcm_test_case_vectors() {
        // McGrew & Viega GCM spec test cases 4 (128-bit), 10 (192-bit) and
        // 16 (256-bit): 60-byte plaintext with 20-byte AAD.
        let pt = hex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
        let aad = hex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
        let iv = hex("cafebabefacedbaddecaf888");
        let cases = [
            (
                "A128GCM",
                "feffe9928665731c6d6a8f9467308308",
                "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091",
                "5bc94fbc3221a5db94fae95ae7121a47",
            ),
            (
                "A192GCM",
                "feffe9928665731c6d6a8f9467308308feffe9928665731c",
                "3980ca0b3c00e841eb06fac4872a2757859e1ceaa6efd984628593b40ca1e19c7d773d00c144c525ac619d18c84a3f4718e2448b2fe324d9ccda2710",
                "2519498e80f1478f37ba55bd6d27618c",
            ),
            (
                "A256GCM",
                "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
                "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
                "76fc6ece0f4e1768cddf8853bb2d551b",
            ),
        ];
        for (name, key, ct, tag) in cases {
            let out = encrypt(enc(name), &hex(key), &iv, &aad, &pt).unwrap();
            assert_eq!(out.ciphertext, hex(ct), "{name}");
            assert_eq!(out.tag, hex(tag), "{name}");
            assert_eq!(
                decrypt(enc(name), &hex(key), &iv, &aad, &hex(ct), &hex(tag)).unwrap(),
                pt
            );
        }
    }

    #[test]
    fn tampering_is_decryption_failed() {
        let c = &DIR_A128GCM;
        let key = b(DIR_A128GCM_K);
        let (iv, aad, ct, tag) = (b(c.iv), c.aad_bytes(), b(c.ciphertext), b(c.tag));
        let flip = |v: &[u8], i: usize| {
            let mut v = v.to_vec();
            v[i] ^= 0x80;
            v
        };
        let a = enc("A128GCM");
        for result in [
            decrypt(a, &key, &iv, &aad, &ct, &flip(&tag, 0)),
            decrypt(a, &key, &iv, &aad, &flip(&ct, 3), &tag),
            decrypt(a, &key, &flip(&iv, 11), &aad, &ct, &tag),
            decrypt(a, &key, &iv, &flip(&aad, 0), &ct, &tag),
            decrypt(a, &flip(&key, 0), &iv, &aad, &ct, &tag),
        ] {
            let err = result.unwrap_err();
            assert_eq!(err.kind, Kind::JweDecryptionFailed);
            assert_eq!(err.message, "decryption operation failed");
        }
    }

    #[test]
    fn malformed_iv_tag_and_key_are_refused() {
        let a = enc("A256GCM");
        let key = [1u8; 32];
        let err = decrypt(a, &key, &[0u8; 16], b"", b"x", &[0u8; 16]).unwrap_err();
        assert_eq!(
            (err.kind, err.message.as_str()),
            (Kind::JweInvalid, "invalid iv")
        );
        let err = decrypt(a, &key, &[0u8; 12], b"", b"x", &[0u8; 12]).unwrap_err();
        assert_eq!(
            (err.kind, err.message.as_str()),
            (Kind::JweInvalid, "invalid tag")
        );
        let err = encrypt(a, &key, &[0u8; 8], b"", b"x").unwrap_err();
        assert_eq!(err.kind, Kind::JweInvalid);
        let err = encrypt(a, &[1u8; 16], &[0u8; 12], b"", b"x").unwrap_err();
        assert_eq!(err.kind, Kind::JwkKeySupport);
        assert_eq!(
            err.message,
            "the key does not support A256GCM encrypt algorithm"
        );
        let err = decrypt(
            enc("A128CBC-HS256"),
            &[1u8; 32],
            &[0u8; 12],
            b"",
            b"x",
            &[0u8; 16],
        )
        .unwrap_err();
        assert_eq!(err.kind, Kind::JwkKeySupport);
    }

    #[test]
    fn round_trips_empty_and_long_plaintext() {
        for name in ["A128GCM", "A192GCM", "A256GCM"] {
            let a = enc(name);
            let key = vec![9u8; a.key_len];
            for pt in [Vec::new(), vec![0x5a; 100_000]] {
                let out = encrypt(a, &key, &[3u8; 12], b"aad", &pt).unwrap();
                assert_eq!(out.ciphertext.len(), pt.len());
                assert_eq!(
                    decrypt(a, &key, &[3u8; 12], b"aad", &out.ciphertext, &out.tag).unwrap(),
                    pt
                );
            }
        }
    }
}
