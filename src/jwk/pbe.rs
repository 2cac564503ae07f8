//! The primitives of password-based key encryption, shared by PKCS#8 PBES2
//! and OpenSSL's legacy PEM encryption: key derivation (PBKDF2, scrypt,
//! EVP_BytesToKey) and CBC ciphers with PKCS#7 padding.
//!
//! aws-lc-rs covers AES-CBC and PBKDF2 with SHA-1/256/384/512. What it does
//! not expose (PBKDF2-HMAC-SHA224, scrypt, MD5 for EVP_BytesToKey, and
//! DES-EDE3-CBC *decryption* for old keys) goes straight to aws-lc through
//! `sys::pbe`; each such call is a single, bounds-checked FFI call.
//!
//! Every failure is `JWKImportFailed`: a wrong passphrase usually shows as
//! bad padding, and nothing here should tell an attacker more than that.
//!
//! Decrypted key files, key files on their way to encryption and derived
//! key bytes are held in buffers that are wiped when dropped.

use std::num::NonZeroU32;

use aws_lc_rs::cipher::{
    self, DecryptionContext, EncryptionContext, PaddedBlockDecryptingKey, PaddedBlockEncryptingKey,
    UnboundCipherKey,
};
use aws_lc_rs::iv::FixedLength;
use aws_lc_rs::pbkdf2;
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::jwk::material::SecretBytes;
use crate::sys;

/// Block ciphers encrypted keys use, always in CBC mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cipher {
    Aes128,
    Aes192,
    Aes256,
    /// Read only: old OpenSSL defaults. Never written.
    DesEde3,
}

impl Cipher {
    pub fn key_len(self) -> usize {
        match self {
            Cipher::Aes128 => 16,
            Cipher::Aes192 | Cipher::DesEde3 => 24,
            Cipher::Aes256 => 32,
        }
    }

    pub fn iv_len(self) -> usize {
        match self {
            Cipher::DesEde3 => 8,
            _ => 16,
        }
    }

    /// The ciphers this crate writes, by the names Node's `cipher` option
    /// takes (OpenSSL names, case-insensitive, with OpenSSL's short aliases).
    pub fn for_writing(name: &str) -> Option<Cipher> {
        match name.to_ascii_lowercase().as_str() {
            "aes-128-cbc" | "aes128" => Some(Cipher::Aes128),
            "aes-192-cbc" | "aes192" => Some(Cipher::Aes192),
            "aes-256-cbc" | "aes256" => Some(Cipher::Aes256),
            _ => None,
        }
    }

    fn aes(self) -> Option<&'static cipher::Algorithm> {
        match self {
            Cipher::Aes128 => Some(&cipher::AES_128),
            Cipher::Aes192 => Some(&cipher::AES_192),
            Cipher::Aes256 => Some(&cipher::AES_256),
            Cipher::DesEde3 => None,
        }
    }
}

/// Decrypts and strips PKCS#7 padding, in one buffer that is wiped when
/// dropped.
pub fn cbc_decrypt(
    cipher: Cipher,
    key: &[u8],
    iv: &[u8],
    ciphertext: &[u8],
) -> Result<SecretBytes> {
    if key.len() != cipher.key_len()
        || iv.len() != cipher.iv_len()
        || ciphertext.is_empty()
        || !ciphertext.len().is_multiple_of(cipher.iv_len())
    {
        return Err(Error::import_failed());
    }
    let Some(algorithm) = cipher.aes() else {
        return sys::pbe::des_ede3_cbc_decrypt(key, iv, ciphertext)
            .map_err(|_| Error::import_failed());
    };
    let iv: [u8; 16] = iv.try_into().map_err(|_| Error::import_failed())?;
    let key = UnboundCipherKey::new(algorithm, key)
        .and_then(PaddedBlockDecryptingKey::cbc_pkcs7)
        .map_err(|_| Error::import_failed())?;
    let mut buffer = Zeroizing::new(ciphertext.to_vec());
    // The plaintext is the start of the buffer.
    let len = key
        .decrypt(&mut buffer, DecryptionContext::Iv128(FixedLength::from(iv)))
        .map_err(|_| Error::import_failed())?
        .len();
    buffer.truncate(len);
    Ok(buffer)
}

/// Pads (PKCS#7) and encrypts with AES-CBC. The plaintext (a private key)
/// is copied into a buffer with room for the padding, so that no
/// reallocation leaves a copy behind, and wiped if encryption fails.
pub fn cbc_encrypt(cipher: Cipher, key: &[u8], iv: &[u8], plaintext: &[u8]) -> Result<Vec<u8>> {
    let algorithm = cipher
        .aes()
        .ok_or_else(|| Error::type_error("Unknown cipher"))?;
    let iv: [u8; 16] = iv
        .try_into()
        .map_err(|_| Error::type_error("invalid IV length"))?;
    let key = UnboundCipherKey::new(algorithm, key)
        .and_then(PaddedBlockEncryptingKey::cbc_pkcs7)
        .map_err(|_| Error::type_error("invalid key length"))?;
    let mut buffer = Zeroizing::new(Vec::with_capacity(plaintext.len() + 16));
    buffer.extend_from_slice(plaintext);
    key.less_safe_encrypt(
        &mut *buffer,
        EncryptionContext::Iv128(FixedLength::from(iv)),
    )
    .map_err(|_| Error::type_error("encryption failed"))?;
    // Ciphertext now: handed over without a copy.
    Ok(std::mem::take(&mut *buffer))
}

/// PBKDF2 pseudo-random functions (HMAC with these digests).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prf {
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
}

/// Iteration counts above this are refused so a hostile key cannot hang the
/// process (OpenSSL writes 2048; ten million takes seconds).
pub const MAX_PBKDF2_ITERATIONS: u64 = 10_000_000;

pub fn pbkdf2(
    prf: Prf,
    passphrase: &[u8],
    salt: &[u8],
    iterations: u64,
    out: &mut [u8],
) -> Result<()> {
    if iterations > MAX_PBKDF2_ITERATIONS {
        return Err(Error::import_failed());
    }
    let iterations = u32::try_from(iterations)
        .ok()
        .and_then(NonZeroU32::new)
        .ok_or_else(Error::import_failed)?;
    let algorithm = match prf {
        Prf::Sha1 => pbkdf2::PBKDF2_HMAC_SHA1,
        Prf::Sha256 => pbkdf2::PBKDF2_HMAC_SHA256,
        Prf::Sha384 => pbkdf2::PBKDF2_HMAC_SHA384,
        Prf::Sha512 => pbkdf2::PBKDF2_HMAC_SHA512,
        Prf::Sha224 => {
            return sys::pbe::pbkdf2_hmac_sha224(passphrase, salt, iterations.get(), out)
                .map_err(|_| Error::import_failed())
        }
    };
    pbkdf2::derive(algorithm, iterations, salt, passphrase, out);
    Ok(())
}

/// scrypt cost limits: memory (128·N·r bytes) and work (N·r·p). OpenSSL's
/// default (N=16384, r=8, p=1) needs 16 MiB and 2^17 work.
const SCRYPT_MAX_MEMORY: usize = 64 * 1024 * 1024;
const SCRYPT_MAX_WORK: u64 = 1 << 22;

pub fn scrypt(
    passphrase: &[u8],
    salt: &[u8],
    n: u64,
    r: u64,
    p: u64,
    out: &mut [u8],
) -> Result<()> {
    let work = n.checked_mul(r).and_then(|nr| nr.checked_mul(p));
    if !matches!(work, Some(work) if work > 0 && work <= SCRYPT_MAX_WORK) {
        return Err(Error::import_failed());
    }
    // aws-lc checks N, r and p and the memory bound itself.
    sys::pbe::scrypt(passphrase, salt, n, r, p, SCRYPT_MAX_MEMORY, out)
        .map_err(|_| Error::import_failed())
}

/// OpenSSL's `EVP_BytesToKey` with MD5 and one iteration, the key derivation
/// of legacy PEM encryption: `D_i = MD5(D_{i-1} || passphrase || salt)`,
/// concatenated until `out` is full. The intermediate blocks (key bytes)
/// and inputs (the passphrase) are wiped when dropped.
pub fn evp_bytes_to_key_md5(passphrase: &[u8], salt: &[u8], out: &mut [u8]) {
    let mut previous: SecretBytes = Zeroizing::new(Vec::new());
    let mut filled = 0;
    while filled < out.len() {
        let input = Zeroizing::new([&previous[..], passphrase, salt].concat());
        let mut digest = Zeroizing::new([0u8; 16]);
        sys::pbe::md5(&input, &mut digest);
        let take = digest.len().min(out.len() - filled);
        out[filled..filled + take].copy_from_slice(&digest[..take]);
        filled += take;
        previous = Zeroizing::new(digest.to_vec());
    }
}

/// Fresh random bytes (salts, IVs).
pub fn random(len: usize) -> Result<Vec<u8>> {
    let mut bytes = vec![0u8; len];
    aws_lc_rs::rand::fill(&mut bytes).map_err(|_| Error::type_error("random generation failed"))?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn pbkdf2_sha224_matches_known_answer() {
        // Computed with `openssl kdf -keylen 32 -kdfopt digest:SHA224
        // -kdfopt pass:password -kdfopt salt:salt -kdfopt iter:2 PBKDF2`.
        let mut out = [0u8; 32];
        pbkdf2(Prf::Sha224, b"password", b"salt", 2, &mut out).unwrap();
        assert_eq!(
            hex(&out),
            include_str!("../../tests/fixtures/der/pbkdf2-sha224.hex").trim()
        );
    }

    #[test]
    fn pbkdf2_iteration_bounds() {
        let mut out = [0u8; 16];
        assert!(pbkdf2(Prf::Sha256, b"p", b"s", 0, &mut out).is_err());
        assert!(pbkdf2(Prf::Sha256, b"p", b"s", MAX_PBKDF2_ITERATIONS + 1, &mut out).is_err());
        assert!(pbkdf2(Prf::Sha256, b"p", b"s", u64::MAX, &mut out).is_err());
    }

    #[test]
    fn scrypt_rejects_expensive_or_invalid_parameters() {
        let mut out = [0u8; 32];
        assert!(scrypt(b"p", b"s", 1 << 20, 8, 1, &mut out).is_err());
        assert!(scrypt(b"p", b"s", 16, 8, u64::MAX, &mut out).is_err());
        assert!(scrypt(b"p", b"s", 15, 8, 1, &mut out).is_err());
        assert!(scrypt(b"p", b"s", 0, 8, 1, &mut out).is_err());
        assert!(scrypt(b"p", b"s", 16, 8, 1, &mut out).is_ok());
    }

    #[test]
    fn evp_bytes_to_key_matches_openssl() {
        // `openssl enc -aes-256-cbc -P -md md5 -S 0102030405060708 -pass pass:secret`.
        let mut key = [0u8; 32];
        evp_bytes_to_key_md5(b"secret", &[1, 2, 3, 4, 5, 6, 7, 8], &mut key);
        assert_eq!(
            hex(&key),
            include_str!("../../tests/fixtures/der/evp-bytes-to-key.hex").trim()
        );
    }

    #[test]
    fn cbc_round_trip_and_padding_errors() {
        for cipher in [Cipher::Aes128, Cipher::Aes192, Cipher::Aes256] {
            let key = vec![7u8; cipher.key_len()];
            let iv = [9u8; 16];
            for len in [0, 1, 15, 16, 17, 100] {
                let plaintext = vec![0x42u8; len];
                let ciphertext = cbc_encrypt(cipher, &key, &iv, &plaintext).unwrap();
                assert_eq!(ciphertext.len(), (len / 16 + 1) * 16);
                assert_eq!(
                    *cbc_decrypt(cipher, &key, &iv, &ciphertext).unwrap(),
                    plaintext
                );
                let wrong_key = vec![8u8; cipher.key_len()];
                if let Ok(garbage) = cbc_decrypt(cipher, &wrong_key, &iv, &ciphertext) {
                    assert_ne!(*garbage, plaintext);
                }
                assert!(cbc_decrypt(cipher, &key, &iv, &ciphertext[1..]).is_err());
            }
        }
        assert!(cbc_decrypt(Cipher::DesEde3, &[0; 24], &[0; 8], &[]).is_err());
        assert!(cbc_decrypt(Cipher::DesEde3, &[0; 24], &[0; 8], &[0; 7]).is_err());
        assert!(cbc_encrypt(Cipher::DesEde3, &[0; 24], &[0; 8], b"x").is_err());
    }

    #[test]
    fn cipher_names_as_node_takes_them() {
        assert_eq!(Cipher::for_writing("aes-256-cbc"), Some(Cipher::Aes256));
        assert_eq!(Cipher::for_writing("AES-128-CBC"), Some(Cipher::Aes128));
        assert_eq!(Cipher::for_writing("aes192"), Some(Cipher::Aes192));
        assert_eq!(Cipher::for_writing("des-ede3-cbc"), None);
        assert_eq!(Cipher::for_writing("aes-256-gcm"), None);
    }
}
