//! AES-CBC with HMAC-SHA2 (A128CBC-HS256, A192CBC-HS384, A256CBC-HS512;
//! RFC 7518 5.2). The CEK's first half is the MAC key, the second half the
//! AES key. The tag is the first half of HMAC(AAD || IV || ciphertext || AL),
//! AL being the AAD length in bits as a 64-bit big-endian integer.

use aws_lc_rs::cipher::{
    DecryptionContext, EncryptionContext, PaddedBlockDecryptingKey, PaddedBlockEncryptingKey,
    UnboundCipherKey, AES_128, AES_192, AES_256,
};
use aws_lc_rs::constant_time::verify_slices_are_equal;
use aws_lc_rs::hmac;
use aws_lc_rs::iv::FixedLength;

use super::content::Encrypted;
use super::jwe_algs::{EncAlg, EncFamily, Hash};
use crate::error::{Error, Kind, Result};

const IV_LEN: usize = 16;

/// Encrypts with PKCS#7 padding and computes the truncated HMAC tag.
pub fn encrypt(
    enc: &EncAlg,
    key: &[u8],
    iv: &[u8],
    aad: &[u8],
    plaintext: &[u8],
) -> Result<Encrypted> {
    let (mac_key, enc_key, hmac) = split_key(enc, key, "encrypt")?;
    let iv = iv_block(iv)?;
    let cipher_key = UnboundCipherKey::new(aes_for(enc_key)?, enc_key)
        .and_then(PaddedBlockEncryptingKey::cbc_pkcs7)
        .map_err(|_| enc.key_unsupported("encrypt"))?;
    let mut ciphertext = plaintext.to_vec();
    cipher_key
        .less_safe_encrypt(
            &mut ciphertext,
            EncryptionContext::Iv128(FixedLength::from(iv)),
        )
        .map_err(|_| Error::new(Kind::JweInvalid, "encryption failed"))?;
    let tag = tag(hmac, mac_key, aad, &iv, &ciphertext, enc.tag_len);
    Ok(Encrypted { ciphertext, tag })
}

/// Verifies the tag in constant time before touching the ciphertext, then
/// decrypts. A tag mismatch and a padding error are the same
/// `JWEDecryptionFailed`, so padding is never an oracle.
pub fn decrypt(
    enc: &EncAlg,
    key: &[u8],
    iv: &[u8],
    aad: &[u8],
    ciphertext: &[u8],
    tag_in: &[u8],
) -> Result<Vec<u8>> {
    let (mac_key, enc_key, hmac) = split_key(enc, key, "decrypt")?;
    let iv = iv_block(iv)?;
    if tag_in.len() != enc.tag_len {
        return Err(Error::new(Kind::JweInvalid, "invalid tag"));
    }
    let expected = tag(hmac, mac_key, aad, &iv, ciphertext, enc.tag_len);
    verify_slices_are_equal(&expected, tag_in).map_err(|_| Error::decryption_failed())?;

    let cipher_key = UnboundCipherKey::new(aes_for(enc_key)?, enc_key)
        .and_then(PaddedBlockDecryptingKey::cbc_pkcs7)
        .map_err(|_| enc.key_unsupported("decrypt"))?;
    let mut buf = ciphertext.to_vec();
    let len = cipher_key
        .decrypt(&mut buf, DecryptionContext::Iv128(FixedLength::from(iv)))
        .map_err(|_| Error::decryption_failed())?
        .len();
    buf.truncate(len);
    Ok(buf)
}

/// (MAC key, AES key, HMAC) after checking `key` fits `enc`.
fn split_key<'k>(
    enc: &EncAlg,
    key: &'k [u8],
    op: &str,
) -> Result<(&'k [u8], &'k [u8], hmac::Algorithm)> {
    let hmac = match enc.family {
        EncFamily::AesCbcHmac(Hash::Sha256) => hmac::HMAC_SHA256,
        EncFamily::AesCbcHmac(Hash::Sha384) => hmac::HMAC_SHA384,
        EncFamily::AesCbcHmac(Hash::Sha512) => hmac::HMAC_SHA512,
        _ => return Err(enc.key_unsupported(op)),
    };
    if key.len() != enc.key_len {
        return Err(enc.key_unsupported(op));
    }
    let (mac_key, enc_key) = key.split_at(key.len() / 2);
    Ok((mac_key, enc_key, hmac))
}

fn aes_for(enc_key: &[u8]) -> Result<&'static aws_lc_rs::cipher::Algorithm> {
    match enc_key.len() {
        16 => Ok(&AES_128),
        24 => Ok(&AES_192),
        32 => Ok(&AES_256),
        _ => Err(Error::new(Kind::JwkKeySupport, "invalid AES-CBC key size")),
    }
}

fn iv_block(iv: &[u8]) -> Result<[u8; IV_LEN]> {
    <[u8; IV_LEN]>::try_from(iv).map_err(|_| Error::new(Kind::JweInvalid, "invalid iv"))
}

fn tag(
    algorithm: hmac::Algorithm,
    mac_key: &[u8],
    aad: &[u8],
    iv: &[u8],
    ciphertext: &[u8],
    tag_len: usize,
) -> Vec<u8> {
    let key = hmac::Key::new(algorithm, mac_key);
    let mut ctx = hmac::Context::with_key(&key);
    ctx.update(aad);
    ctx.update(iv);
    ctx.update(ciphertext);
    // AAD length in bits; u64 wraps only for AAD beyond 2^61 bytes.
    ctx.update(&(aad.len() as u64).wrapping_mul(8).to_be_bytes());
    let full = ctx.sign();
    full.as_ref()[..tag_len].to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwa::test_vectors::*;

    // RFC 7518 Appendix B: shared plaintext, IV and AAD.
    const P: &str = "41 20 63 69 70 68 65 72 20 73 79 73 74 65 6d 20 6d 75 73 74 20 6e 6f 74 20 62 65 20 72 65 71 75
        69 72 65 64 20 74 6f 20 62 65 20 73 65 63 72 65 74 2c 20 61 6e 64 20 69 74 20 6d 75 73 74 20 62 65 20
        61 62 6c 65 20 74 6f 20 66 61 6c 6c 20 69 6e 74 6f 20 74 68 65 20 68 61 6e 64 73 20 6f 66 20 74 68 65 20
        65 6e 65 6d 79 20 77 69 74 68 6f 75 74 20 69 6e 63 6f 6e 76 65 6e 69 65 6e 63 65";
    const IV: &str = "1a f3 8c 2d c2 b9 6f fd d8 66 94 09 23 41 bc 04";
    const A: &str = "54 68 65 20 73 65 63 6f 6e 64 20 70 72 69 6e 63 69 70 6c 65 20 6f 66 20 41 75 67 75 73 74 65 20
        4b 65 72 63 6b 68 6f 66 66 73";

    fn key_of(len: usize) -> Vec<u8> {
        (0..len as u8).collect()
    }

    #[test]
    fn rfc7518_appendix_b_vectors() {
        let cases = [
            (
                "A128CBC-HS256",
                32,
                "c8 0e df a3 2d df 39 d5 ef 00 c0 b4 68 83 42 79 a2 e4 6a 1b 80 49 f7 92 f7 6b fe 54 b9 03 a9 c9
                 a9 4a c9 b4 7a d2 65 5c 5f 10 f9 ae f7 14 27 e2 fc 6f 9b 3f 39 9a 22 14 89 f1 63 62 c7 03 23 36
                 09 d4 5a c6 98 64 e3 32 1c f8 29 35 ac 40 96 c8 6e 13 33 14 c5 40 19 e8 ca 79 80 df a4 b9 cf 1b
                 38 4c 48 6f 3a 54 c5 10 78 15 8e e5 d7 9d e5 9f bd 34 d8 48 b3 d6 95 50 a6 76 46 34 44 27 ad e5
                 4b 88 51 ff b5 98 f7 f8 00 74 b9 47 3c 82 e2 db",
                "65 2c 3f a3 6b 0a 7c 5b 32 19 fa b3 a3 0b c1 c4",
            ),
            (
                "A192CBC-HS384",
                48,
                "ea 65 da 6b 59 e6 1e db 41 9b e6 2d 19 71 2a e5 d3 03 ee b5 00 52 d0 df d6 69 7f 77 22 4c 8e db
                 00 0d 27 9b dc 14 c1 07 26 54 bd 30 94 42 30 c6 57 be d4 ca 0c 9f 4a 84 66 f2 2b 22 6d 17 46 21
                 4b f8 cf c2 40 0a dd 9f 51 26 e4 79 66 3f c9 0b 3b ed 78 7a 2f 0f fc bf 39 04 be 2a 64 1d 5c 21
                 05 bf e5 91 ba e2 3b 1d 74 49 e5 32 ee f6 0a 9a c8 bb 6c 6b 01 d3 5d 49 78 7b cd 57 ef 48 49 27
                 f2 80 ad c9 1a c0 c4 e7 9c 7b 11 ef c6 00 54 e3",
                "84 90 ac 0e 58 94 9b fe 51 87 5d 73 3f 93 ac 20 75 16 80 39 cc c7 33 d7",
            ),
            (
                "A256CBC-HS512",
                64,
                "4a ff aa ad b7 8c 31 c5 da 4b 1b 59 0d 10 ff bd 3d d8 d5 d3 02 42 35 26 91 2d a0 37 ec bc c7 bd
                 82 2c 30 1d d6 7c 37 3b cc b5 84 ad 3e 92 79 c2 e6 d1 2a 13 74 b7 7f 07 75 53 df 82 94 10 44 6b
                 36 eb d9 70 66 29 6a e6 42 7e a7 5c 2e 08 46 a1 1a 09 cc f5 37 0d c8 0b fe cb ad 28 c7 3f 09 b3
                 a3 b7 5e 66 2a 25 94 41 0a e4 96 b2 e2 e6 60 9e 31 e6 e0 2c c8 37 f0 53 d2 1f 37 ff 4f 51 95 0b
                 be 26 38 d0 9d d7 a4 93 09 30 80 6d 07 03 b1 f6",
                "4d d3 b4 c0 88 a7 f4 5c 21 68 39 64 5b 20 12 bf 2e 62 69 a8 c5 6a 81 6d bc 1b 26 77 61 95 5b c5",
            ),
        ];
        for (name, key_len, e, t) in cases {
            let key = key_of(key_len);
            let out = encrypt(enc(name), &key, &hex(IV), &hex(A), &hex(P)).unwrap();
            assert_eq!(out.ciphertext, hex(e), "{name} ciphertext");
            assert_eq!(out.tag, hex(t), "{name} tag");
            let pt = decrypt(enc(name), &key, &hex(IV), &hex(A), &hex(e), &hex(t)).unwrap();
            assert_eq!(pt, hex(P), "{name}");
        }
    }

    #[test]
    fn rfc7520_5_7_content_after_gcm_kw() {
        // The CEK comes from A256GCMKW (covered in aes_gcm_kw); here it is
        // unwrapped and the A128CBC-HS256 content opened.
        let c = &A256GCMKW_A128CBC;
        let cek = crate::jwa::aes_gcm_kw::unwrap(
            crate::jwa::jwe_algs::KeyAlg::from_name("A256GCMKW").unwrap(),
            &b(A256GCMKW_A128CBC_K),
            &b(c.encrypted_key),
            &b(A256GCMKW_A128CBC_HDR_IV),
            &b(A256GCMKW_A128CBC_HDR_TAG),
        )
        .unwrap();
        let a = enc("A128CBC-HS256");
        let pt = c.open(a, &cek).unwrap();
        assert_eq!(pt, PLAINTEXT.as_bytes());
        let again = encrypt(a, &cek, &b(c.iv), &c.aad_bytes(), PLAINTEXT.as_bytes()).unwrap();
        assert_eq!(again.ciphertext, b(c.ciphertext));
        assert_eq!(again.tag, b(c.tag));
    }

    #[test]
    fn tampering_is_decryption_failed() {
        let a = enc("A128CBC-HS256");
        let key = key_of(32);
        let (iv, aad) = (hex(IV), hex(A));
        let good = encrypt(a, &key, &iv, &aad, b"some secret text").unwrap();
        let flip = |v: &[u8], i: usize| {
            let mut v = v.to_vec();
            v[i] ^= 1;
            v
        };
        for result in [
            decrypt(a, &key, &iv, &aad, &good.ciphertext, &flip(&good.tag, 15)),
            decrypt(a, &key, &iv, &aad, &flip(&good.ciphertext, 0), &good.tag),
            decrypt(a, &key, &flip(&iv, 0), &aad, &good.ciphertext, &good.tag),
            decrypt(a, &key, &iv, &flip(&aad, 0), &good.ciphertext, &good.tag),
            decrypt(a, &key, &iv, b"", &good.ciphertext, &good.tag),
        ] {
            let err = result.unwrap_err();
            assert_eq!(
                (err.kind, err.message.as_str()),
                (Kind::JweDecryptionFailed, "decryption operation failed")
            );
        }
    }

    #[test]
    fn bad_padding_under_a_valid_tag_is_decryption_failed() {
        // Forge a ciphertext whose tag is right but whose last block does
        // not unpad: the MAC passes, the padding check must still fail.
        let a = enc("A128CBC-HS256");
        let key = key_of(32);
        let iv = hex(IV);
        let mut ct = encrypt(a, &key, &iv, b"", b"0123456789abcdef")
            .unwrap()
            .ciphertext;
        ct.truncate(16); // drop the full padding block
        let forged_tag = tag(hmac::HMAC_SHA256, &key[..16], b"", &iv, &ct, 16);
        let err = decrypt(a, &key, &iv, b"", &ct, &forged_tag).unwrap_err();
        assert_eq!(err.kind, Kind::JweDecryptionFailed);
        // Not a whole number of blocks either.
        let ct = vec![0u8; 15];
        let forged_tag = tag(hmac::HMAC_SHA256, &key[..16], b"", &iv, &ct, 16);
        assert_eq!(
            decrypt(a, &key, &iv, b"", &ct, &forged_tag)
                .unwrap_err()
                .kind,
            Kind::JweDecryptionFailed
        );
    }

    #[test]
    fn malformed_inputs_are_refused() {
        let a = enc("A256CBC-HS512");
        let key = key_of(64);
        let err = decrypt(a, &key, &[0u8; 12], b"", b"", &[0u8; 32]).unwrap_err();
        assert_eq!(
            (err.kind, err.message.as_str()),
            (Kind::JweInvalid, "invalid iv")
        );
        let err = decrypt(a, &key, &[0u8; 16], b"", b"", &[0u8; 16]).unwrap_err();
        assert_eq!(
            (err.kind, err.message.as_str()),
            (Kind::JweInvalid, "invalid tag")
        );
        let err = encrypt(a, &key_of(32), &[0u8; 16], b"", b"").unwrap_err();
        assert_eq!(err.kind, Kind::JwkKeySupport);
        let err = encrypt(enc("A128GCM"), &key_of(16), &[0u8; 16], b"", b"");
        assert!(err.is_err());
    }
}
