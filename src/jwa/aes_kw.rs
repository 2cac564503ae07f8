//! AES Key Wrap (RFC 3394, default IV A6A6A6A6A6A6A6A6): A128KW, A192KW,
//! A256KW, and the wrapping step of PBES2 and ECDH-ES+A*KW.
//!
//! aws-lc-rs' `key_wrap` only offers AES-128 and AES-256 KEKs, so A192KW goes
//! through `sys::aes`, AWS-LC's `AES_wrap_key`/`AES_unwrap_key` (the same
//! functions aws-lc-rs calls underneath) with a 192-bit `AES_KEY`, whose
//! round keys are wiped after use. An unwrapped CEK is `SecretBytes`, wiped
//! when dropped.

use aws_lc_rs::key_wrap::{AesKek, KeyWrap, AES_128, AES_256};
use zeroize::Zeroizing;

use super::jwe_algs::{KeyAlg, KeyFamily};
use crate::error::{Error, Kind, Result};
use crate::jwk::material::SecretBytes;
use crate::sys::aes::{aes192_unwrap, aes192_wrap};

/// The integrity check value prepended by the wrap.
const ICV_LEN: usize = 8;

/// Wraps `cek` under `kek`. `alg` is A*KW, or the PBES2 / ECDH-ES+A*KW
/// algorithm whose derived KEK this is; `kek` must be its `key_len`.
pub fn wrap(alg: &KeyAlg, kek: &[u8], cek: &[u8]) -> Result<Vec<u8>> {
    check_kek(alg, kek, true)?;
    // RFC 3394 works on 64-bit blocks and needs at least two of them.
    if !cek.len().is_multiple_of(8) || cek.len() < 16 {
        return Err(Error::new(Kind::JweInvalid, "invalid data length"));
    }
    let mut out = vec![0u8; cek.len() + ICV_LEN];
    let written = match kek.len() {
        16 | 32 => {
            let cipher = if kek.len() == 16 { &AES_128 } else { &AES_256 };
            AesKek::new(cipher, kek)
                .and_then(|k| k.wrap(cek, &mut out).map(|w| w.len()))
                .ok()
        }
        _ => aes192_wrap(kek, cek, &mut out).ok(),
    };
    match written {
        Some(n) if n == out.len() => Ok(out),
        _ => Err(Error::new(Kind::JweInvalid, "key wrap failed")),
    }
}

/// Unwraps `wrapped` under `kek`. A bad length or a failed integrity check
/// is `JWEDecryptionFailed`, the same as every other decryption failure.
pub fn unwrap(alg: &KeyAlg, kek: &[u8], wrapped: &[u8]) -> Result<SecretBytes> {
    check_kek(alg, kek, false)?;
    if !wrapped.len().is_multiple_of(8) || wrapped.len() < 24 {
        return Err(Error::decryption_failed());
    }
    let mut out = Zeroizing::new(vec![0u8; wrapped.len() - ICV_LEN]);
    let written = match kek.len() {
        16 | 32 => {
            let cipher = if kek.len() == 16 { &AES_128 } else { &AES_256 };
            AesKek::new(cipher, kek)
                .and_then(|k| k.unwrap(wrapped, &mut out).map(|w| w.len()))
                .ok()
        }
        _ => aes192_unwrap(kek, wrapped, &mut out).ok(),
    };
    match written {
        Some(n) if n == out.len() => Ok(out),
        _ => Err(Error::decryption_failed()),
    }
}

fn check_kek(alg: &KeyAlg, kek: &[u8], encrypting: bool) -> Result<()> {
    let wraps = matches!(
        alg.family,
        KeyFamily::AesKw | KeyFamily::Pbes2(_) | KeyFamily::EcdhEsKw
    );
    if !wraps || kek.len() != alg.key_len || !matches!(kek.len(), 16 | 24 | 32) {
        return Err(alg.key_unsupported(encrypting));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwa::test_vectors::*;
    use crate::jwk::material::assert_wiped;

    fn alg(name: &str) -> &'static KeyAlg {
        KeyAlg::from_name(name).unwrap()
    }

    // RFC 3394 section 4: (KEK, key data, ciphertext).
    const RFC3394: &[(&str, &str, &str)] = &[
        (
            "000102030405060708090A0B0C0D0E0F",
            "00112233445566778899AABBCCDDEEFF",
            "1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE5",
        ),
        (
            "000102030405060708090A0B0C0D0E0F1011121314151617",
            "00112233445566778899AABBCCDDEEFF",
            "96778B25AE6CA435F92B5B97C050AED2468AB8A17AD84E5D",
        ),
        (
            "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F",
            "00112233445566778899AABBCCDDEEFF",
            "64E8C3F9CE0F5BA263E9777905818A2A93C8191E7D6E8AE7",
        ),
        (
            "000102030405060708090A0B0C0D0E0F1011121314151617",
            "00112233445566778899AABBCCDDEEFF0001020304050607",
            "031D33264E15D33268F24EC260743EDCE1C6C7DDEE725A936BA814915C6762D2",
        ),
        (
            "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F",
            "00112233445566778899AABBCCDDEEFF0001020304050607",
            "A8F9BC1612C68B3FF6E6F4FBE30E71E4769C8B80A32CB8958CD5D17D6B254DA1",
        ),
        (
            "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F",
            "00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F",
            "28C9F404C4B810F4CBCCB35CFB87F8263F5786E2D80ED326CBC7F0E71A99F43BFB988B9B7A02DD21",
        ),
    ];

    fn kw_for(kek: &[u8]) -> &'static KeyAlg {
        match kek.len() {
            16 => alg("A128KW"),
            24 => alg("A192KW"),
            _ => alg("A256KW"),
        }
    }

    #[test]
    fn rfc3394_section4_vectors() {
        for (kek, data, expected) in RFC3394 {
            let (kek, data, expected) = (hex(kek), hex(data), hex(expected));
            let a = kw_for(&kek);
            assert_eq!(wrap(a, &kek, &data).unwrap(), expected, "wrap {}", a.name);
            assert_eq!(
                unwrap(a, &kek, &expected).unwrap(),
                data.into(),
                "unwrap {}",
                a.name
            );
        }
    }

    #[test]
    fn tampered_wrap_is_decryption_failed() {
        for (kek, _, expected) in RFC3394 {
            let (kek, mut wrapped) = (hex(kek), hex(expected));
            wrapped[5] ^= 1;
            let err = unwrap(kw_for(&kek), &kek, &wrapped).unwrap_err();
            assert_eq!(err.kind, Kind::JweDecryptionFailed);
            assert_eq!(err.message, "decryption operation failed");
        }
    }

    #[test]
    fn bad_lengths_are_refused() {
        let kek = [7u8; 16];
        let a = alg("A128KW");
        assert_eq!(
            unwrap(a, &kek, &[0u8; 20]).unwrap_err().kind,
            Kind::JweDecryptionFailed
        );
        assert_eq!(
            unwrap(a, &kek, &[0u8; 16]).unwrap_err().kind,
            Kind::JweDecryptionFailed
        );
        assert_eq!(
            unwrap(a, &kek, &[]).unwrap_err().kind,
            Kind::JweDecryptionFailed
        );
        assert_eq!(
            wrap(a, &kek, &[0u8; 12]).unwrap_err().kind,
            Kind::JweInvalid
        );
        assert_eq!(wrap(a, &kek, &[0u8; 8]).unwrap_err().kind, Kind::JweInvalid);
    }

    #[test]
    fn wrong_kek_size_is_key_support_error() {
        let err = wrap(alg("A192KW"), &[1u8; 16], &[0u8; 16]).unwrap_err();
        assert_eq!(err.kind, Kind::JwkKeySupport);
        let err = unwrap(alg("A256KW"), &[1u8; 24], &[0u8; 24]).unwrap_err();
        assert_eq!(err.kind, Kind::JwkKeySupport);
        // Not a wrapping algorithm at all.
        let err = wrap(alg("A128GCMKW"), &[1u8; 16], &[0u8; 16]).unwrap_err();
        assert_eq!(err.kind, Kind::JwkKeySupport);
    }

    #[test]
    fn rfc7520_5_8_wraps_the_cek() {
        // RFC 7520 5.8: A128KW key; the unwrapped CEK must open the content,
        // which aes_gcm's tests cover; here the wrap round-trips and the
        // encrypted key in the vector unwraps to 16 bytes.
        let kek = b(A128KW_A128GCM_K);
        let ek = b(A128KW_A128GCM.encrypted_key);
        let cek = unwrap(alg("A128KW"), &kek, &ek).unwrap();
        assert_wiped(&cek);
        assert_eq!(cek.len(), 16);
        assert_eq!(wrap(alg("A128KW"), &kek, &cek).unwrap(), ek);
    }
}
