//! RSA key encryption (RFC 7518 4.2, 4.3): RSA1_5 and RSA-OAEP with SHA-1,
//! SHA-256, SHA-384 and SHA-512 (OAEP and MGF1 use the same hash).
//!
//! This goes through aws-lc-sys (`sys::rsa`) rather than aws-lc-rs' `rsa`
//! encryption keys: those refuse moduli outside 2048..=8192 bits, while jose
//! uses RSA-OAEP from 592 bits and RSA1_5 with any size; aws-lc-rs also has
//! no way to decrypt RSA1_5 without a padding oracle (see `unwrap`).
//!
//! Keys are built straight from the components with AWS-LC's
//! `RSA_new_public_key` / `RSA_new_private_key`, which run `RSA_check_key`
//! (`sys::rsa`, whose guards free every AWS-LC object). Decrypted CEKs and
//! padded blocks are `SecretBytes`, wiped when dropped.

use std::hint::black_box;

use zeroize::Zeroizing;

use super::cek::random_bytes;
use super::jwe_algs::{Hash, KeyAlg, KeyFamily};
use crate::error::{Error, Kind, Result};
use crate::jwk::material::{Material, SecretBytes};
use crate::sys::bn::Bn;
use crate::sys::rsa::{EncryptionPadding, Md, PkeyCtx, Rsa, RsaPkey};
use crate::sys::{self, Failed};

/// An RSA public or private key, ready for encryption operations.
pub struct RsaKey {
    pkey: RsaPkey,
    /// Modulus length in bytes (= ciphertext length).
    size: usize,
    bits: usize,
    private: bool,
}

impl std::fmt::Debug for RsaKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "RsaKey({} bits, private: {})", self.bits, self.private)
    }
}

/// A `BIGNUM` of `bytes`: `sys::bn`'s `Bn`, cleared and freed on drop
/// (`BN_clear_free`), as it may hold a private component.
fn bn(bytes: &[u8]) -> Result<Bn> {
    Bn::from_be(bytes).map_err(|_| lc_failed(Error::import_failed()))
}

/// AWS-LC leaves why it failed on a thread-local queue; jose shows none of
/// it, and a stale entry would confuse the next aws-lc-rs call.
fn lc_failed(err: Error) -> Error {
    sys::clear_error_queue();
    err
}

impl RsaKey {
    /// Builds the key from RSA Material: a private key when it has its
    /// private components, else a public key. Inconsistent components are
    /// `JWKImportFailed`.
    pub fn from_material(m: &Material) -> Result<RsaKey> {
        let Material::Rsa { n, e, private } = m else {
            return Err(Error::type_error("not an RSA key"));
        };
        let import_failed = |_: Failed| lc_failed(Error::import_failed());
        let (bn_n, bn_e) = (bn(n)?, bn(e)?);
        let rsa = match private {
            Some(k) => {
                let k = k.bns().map_err(import_failed)?;
                Rsa::new_private(&bn_n, &bn_e, &k)
            }
            None => Rsa::new_public(&bn_n, &bn_e),
        }
        .map_err(import_failed)?;
        let pkey = RsaPkey::new(rsa).map_err(import_failed)?;
        match (pkey.size(), pkey.bits()) {
            (Some(size), Some(bits)) if size > 0 => Ok(RsaKey {
                pkey,
                size,
                bits,
                private: private.is_some(),
            }),
            _ => Err(lc_failed(Error::import_failed())),
        }
    }

    pub fn bits(&self) -> usize {
        self.bits
    }

    pub fn is_private(&self) -> bool {
        self.private
    }

    fn ctx(&self) -> Result<PkeyCtx> {
        self.pkey
            .ctx()
            .map_err(|_| lc_failed(Error::decryption_failed()))
    }
}

/// The padding (with OAEP's hash) of an RSA key management algorithm.
fn padding_for(alg: &KeyAlg, encrypting: bool) -> Result<EncryptionPadding> {
    let md = |h: Hash| match h {
        Hash::Sha1 => Md::Sha1,
        Hash::Sha256 => Md::Sha256,
        Hash::Sha384 => Md::Sha384,
        Hash::Sha512 => Md::Sha512,
    };
    match alg.family {
        KeyFamily::RsaOaep(h) => Ok(EncryptionPadding::Oaep(md(h))),
        KeyFamily::Rsa1_5 => Ok(EncryptionPadding::Pkcs1),
        _ => Err(alg.key_unsupported(encrypting)),
    }
}

/// Checks the algorithm fits the key as jose's key selection does: an RSA
/// algorithm, a modulus of at least its minimum size, and a private key to
/// decrypt.
fn check_key(alg: &KeyAlg, key: &RsaKey, encrypting: bool) -> Result<()> {
    if key.bits < alg.min_rsa_bits || (!encrypting && !key.private) {
        return Err(alg.key_unsupported(encrypting));
    }
    Ok(())
}

/// Encrypts the CEK to the key (public, or the public half of a private key).
pub fn wrap(alg: &KeyAlg, key: &RsaKey, cek: &[u8]) -> Result<Vec<u8>> {
    let padding = padding_for(alg, true)?;
    check_key(alg, key, true)?;
    let failed = || lc_failed(Error::new(Kind::JweInvalid, "key encryption failed"));
    let mut ctx = key.ctx()?;
    let mut out = vec![0u8; key.size];
    // AWS-LC writes at most the modulus length and refuses a CEK too long
    // for the padding.
    let out_len = ctx.encrypt(padding, cek, &mut out).map_err(|_| failed())?;
    out.truncate(out_len);
    Ok(out)
}

/// Decrypts the encrypted key and returns a CEK of `cek_len` bytes.
///
/// RSA-OAEP: any failure, including a CEK of another length, is
/// `JWEDecryptionFailed`.
///
/// RSA1_5 never reports a padding or length failure (RFC 7516 11.5, the
/// Bleichenbacher defence): the raw RSA result is unpadded in constant time
/// against the expected CEK length, and when anything is wrong a random CEK
/// of that length comes back instead, so the content decryption fails the
/// same way a wrong key would.
pub fn unwrap(
    alg: &KeyAlg,
    key: &RsaKey,
    encrypted_key: &[u8],
    cek_len: usize,
) -> Result<SecretBytes> {
    let padding = padding_for(alg, false)?;
    check_key(alg, key, false)?;
    if cek_len == 0 {
        return Err(Error::decryption_failed());
    }
    match padding {
        EncryptionPadding::Oaep(md) => unwrap_oaep(key, md, encrypted_key, cek_len),
        EncryptionPadding::Pkcs1 => unwrap_pkcs1(key, encrypted_key, cek_len),
        EncryptionPadding::None => Err(alg.key_unsupported(false)),
    }
}

fn unwrap_oaep(key: &RsaKey, md: Md, encrypted_key: &[u8], cek_len: usize) -> Result<SecretBytes> {
    let mut ctx = key.ctx()?;
    let mut out = Zeroizing::new(vec![0u8; key.size]);
    let decrypted = ctx.decrypt(EncryptionPadding::Oaep(md), encrypted_key, &mut out);
    match decrypted {
        Ok(out_len) if out_len == cek_len => {
            out.truncate(out_len);
            Ok(out)
        }
        _ => Err(lc_failed(Error::decryption_failed())),
    }
}

fn unwrap_pkcs1(key: &RsaKey, encrypted_key: &[u8], cek_len: usize) -> Result<SecretBytes> {
    // Drawn first, so the failure path does no extra work.
    let fallback = Zeroizing::new(random_bytes(cek_len)?);
    let k = key.size;
    let mut em = Zeroizing::new(vec![0u8; k]);
    // Whether the raw decryption ran depends only on public values (the
    // ciphertext's length and whether it is below the modulus).
    let raw_ok = encrypted_key.len() == k && raw_decrypt(key, encrypted_key, &mut em).is_ok();
    // EM = 0x00 || 0x02 || PS (>= 8 non-zero bytes) || 0x00 || CEK.
    // The layout is fixed by k and cek_len, both public, so every check
    // below reads the same positions whatever EM holds.
    let fits = k >= cek_len + 11;
    let mut good: u8 = mask(raw_ok) & mask(fits);
    if fits {
        let sep = k - cek_len - 1;
        good &= is_zero(em[0]);
        good &= is_zero(em[1] ^ 0x02);
        for &byte in &em[2..sep] {
            good &= !is_zero(byte);
        }
        good &= is_zero(em[sep]);
    }
    let good = black_box(good);
    let start = k.saturating_sub(cek_len);
    let mut cek = fallback;
    for (i, out) in cek.iter_mut().enumerate() {
        let decrypted = em.get(start + i).copied().unwrap_or(0);
        *out = (decrypted & good) | (*out & !good);
    }
    Ok(cek)
}

/// m = c^d mod n without any padding check (RSA_NO_PADDING), into `em`.
fn raw_decrypt(key: &RsaKey, c_in: &[u8], em: &mut [u8]) -> Result<()> {
    let mut ctx = key.ctx()?;
    // `em` is the modulus length, what RSA_NO_PADDING produces.
    match ctx.decrypt(EncryptionPadding::None, c_in, em) {
        Ok(out_len) if out_len == em.len() => Ok(()),
        _ => Err(lc_failed(Error::decryption_failed())),
    }
}

/// 0xff when `b` is zero, else 0, without a data-dependent branch.
fn is_zero(b: u8) -> u8 {
    let x = u32::from(b);
    // x | -x has its top bit set exactly when x != 0.
    let nonzero = ((x | x.wrapping_neg()) >> 31) as u8;
    nonzero.wrapping_sub(1)
}

fn mask(flag: bool) -> u8 {
    0u8.wrapping_sub(u8::from(flag))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwa::jwe_algs::EncAlg;
    use crate::jwa::test_vectors::*;
    use crate::jwk::material::{assert_wiped, RsaPrivate};

    fn alg(name: &str) -> &'static KeyAlg {
        KeyAlg::from_name(name).unwrap()
    }

    fn private(parts: [&str; 8]) -> Material {
        let [n, e, d, p, q, dp, dq, qi] = parts.map(b);
        Material::Rsa {
            n,
            e,
            private: Some(Box::new(RsaPrivate {
                d: d.into(),
                p: p.into(),
                q: q.into(),
                dp: dp.into(),
                dq: dq.into(),
                qi: qi.into(),
            })),
        }
    }

    fn rfc_5_1_key() -> Material {
        private([
            RSA1_5_A128CBC_N,
            RSA1_5_A128CBC_E,
            RSA1_5_A128CBC_D,
            RSA1_5_A128CBC_P,
            RSA1_5_A128CBC_Q,
            RSA1_5_A128CBC_DP,
            RSA1_5_A128CBC_DQ,
            RSA1_5_A128CBC_QI,
        ])
    }

    fn rfc_5_2_key() -> Material {
        private([
            RSA_OAEP_A256GCM_N,
            RSA_OAEP_A256GCM_E,
            RSA_OAEP_A256GCM_D,
            RSA_OAEP_A256GCM_P,
            RSA_OAEP_A256GCM_Q,
            RSA_OAEP_A256GCM_DP,
            RSA_OAEP_A256GCM_DQ,
            RSA_OAEP_A256GCM_QI,
        ])
    }

    fn rsa1024() -> Material {
        private([
            RSA1024_N, RSA1024_E, RSA1024_D, RSA1024_P, RSA1024_Q, RSA1024_DP, RSA1024_DQ,
            RSA1024_QI,
        ])
    }

    #[test]
    fn rfc7520_5_1_rsa1_5_then_a128cbc_hs256() {
        let c = &RSA1_5_A128CBC;
        let key = RsaKey::from_material(&rfc_5_1_key()).unwrap();
        let enc = EncAlg::from_name("A128CBC-HS256").unwrap();
        let cek = unwrap(alg("RSA1_5"), &key, &b(c.encrypted_key), enc.key_len).unwrap();
        let pt = c.open(enc, &cek).unwrap();
        assert_eq!(pt, PLAINTEXT.as_bytes());
    }

    #[test]
    fn rfc7520_5_2_rsa_oaep_then_a256gcm() {
        let c = &RSA_OAEP_A256GCM;
        let key = RsaKey::from_material(&rfc_5_2_key()).unwrap();
        assert_eq!(key.bits(), 4096);
        let enc = EncAlg::from_name("A256GCM").unwrap();
        let cek = unwrap(alg("RSA-OAEP"), &key, &b(c.encrypted_key), enc.key_len).unwrap();
        let pt = c.open(enc, &cek).unwrap();
        assert_eq!(pt, PLAINTEXT.as_bytes());
    }

    #[test]
    fn rsa_oaep_256_vector() {
        let c = &RSA_OAEP_256_A128CBC;
        let key = RsaKey::from_material(&private([
            RSA_OAEP_256_A128CBC_N,
            RSA_OAEP_256_A128CBC_E,
            RSA_OAEP_256_A128CBC_D,
            RSA_OAEP_256_A128CBC_P,
            RSA_OAEP_256_A128CBC_Q,
            RSA_OAEP_256_A128CBC_DP,
            RSA_OAEP_256_A128CBC_DQ,
            RSA_OAEP_256_A128CBC_QI,
        ]))
        .unwrap();
        let enc = EncAlg::from_name("A128CBC-HS256").unwrap();
        let cek = unwrap(alg("RSA-OAEP-256"), &key, &b(c.encrypted_key), enc.key_len).unwrap();
        let pt = c.open(enc, &cek).unwrap();
        assert_eq!(pt, RSA_OAEP_256_A128CBC_PLAINTEXT.as_bytes());
        // The same ciphertext under SHA-1 OAEP does not decrypt.
        let err = unwrap(alg("RSA-OAEP"), &key, &b(c.encrypted_key), enc.key_len).unwrap_err();
        assert_eq!(err.kind, Kind::JweDecryptionFailed);
    }

    #[test]
    fn every_alg_round_trips_through_the_public_key() {
        let private_m = rfc_5_2_key();
        let private_key = RsaKey::from_material(&private_m).unwrap();
        let public_key = RsaKey::from_material(&private_m.to_public().unwrap()).unwrap();
        assert!(!public_key.is_private());
        for name in [
            "RSA-OAEP",
            "RSA-OAEP-256",
            "RSA-OAEP-384",
            "RSA-OAEP-512",
            "RSA1_5",
        ] {
            let cek = [0x3cu8; 32];
            let ek = wrap(alg(name), &public_key, &cek).unwrap();
            assert_eq!(ek.len(), 512);
            assert_eq!(
                *unwrap(alg(name), &private_key, &ek, 32).unwrap(),
                cek,
                "{name}"
            );
            // Randomised padding: two wraps differ.
            assert_ne!(wrap(alg(name), &public_key, &cek).unwrap(), ek);
        }
    }

    #[test]
    fn keys_below_2048_bits_work_as_in_jose() {
        let m = rsa1024();
        let key = RsaKey::from_material(&m).unwrap();
        assert_eq!(key.bits(), 1024);
        for name in ["RSA-OAEP", "RSA-OAEP-256", "RSA1_5"] {
            let ek = wrap(alg(name), &key, &[9u8; 16]).unwrap();
            assert_eq!(
                *unwrap(alg(name), &key, &ek, 16).unwrap(),
                [9u8; 16],
                "{name}"
            );
        }
        // RSA-OAEP-384 needs 1040 bits, RSA-OAEP-512 1296 (jose's limits).
        for name in ["RSA-OAEP-384", "RSA-OAEP-512"] {
            assert_eq!(
                wrap(alg(name), &key, &[9u8; 16]).unwrap_err().kind,
                Kind::JwkKeySupport
            );
        }
    }

    #[test]
    fn oaep_failures_are_decryption_failed() {
        let key = RsaKey::from_material(&rsa1024()).unwrap();
        let a = alg("RSA-OAEP-256");
        let ek = wrap(a, &key, &[1u8; 32]).unwrap();
        for bad in [
            {
                let mut t = ek.clone();
                t[40] ^= 1;
                t
            },
            ek[..100].to_vec(),
            Vec::new(),
            vec![0xff; 128],
        ] {
            let err = unwrap(a, &key, &bad, 32).unwrap_err();
            assert_eq!(
                (err.kind, err.message.as_str()),
                (Kind::JweDecryptionFailed, "decryption operation failed")
            );
        }
        // Right ciphertext, wrong expected CEK length.
        assert_eq!(
            unwrap(a, &key, &ek, 16).unwrap_err().kind,
            Kind::JweDecryptionFailed
        );
        let cek = unwrap(a, &key, &ek, 32).unwrap();
        assert_wiped(&cek);
        assert_eq!(*cek, [1u8; 32]);
    }

    #[test]
    fn rsa1_5_failures_return_a_random_cek_of_the_expected_length() {
        let key = RsaKey::from_material(&rsa1024()).unwrap();
        let a = alg("RSA1_5");
        let cek = [0x77u8; 32];
        let ek = wrap(a, &key, &cek).unwrap();
        let unwrapped = unwrap(a, &key, &ek, 32).unwrap();
        assert_wiped(&unwrapped);
        assert_eq!(*unwrapped, cek);

        let mut flipped = ek.clone();
        flipped[10] ^= 0x40;
        // An OAEP ciphertext is a valid RSA value with the wrong padding.
        let oaep = wrap(alg("RSA-OAEP"), &key, &cek).unwrap();
        let cases: Vec<(Vec<u8>, usize)> = vec![
            (ek.clone(), 16),        // right padding, wrong CEK length
            (ek.clone(), 48),        // longer than what was wrapped
            (flipped, 32),           // garbled padding
            (oaep, 32),              // other padding
            (ek[..64].to_vec(), 32), // wrong ciphertext length
            (Vec::new(), 32),
            (vec![0xff; 128], 32), // not below the modulus
            (ek.clone(), 120),     // cannot fit the modulus with padding
        ];
        for (input, len) in cases {
            let a1 = unwrap(a, &key, &input, len).unwrap();
            let a2 = unwrap(a, &key, &input, len).unwrap();
            assert_eq!(a1.len(), len);
            assert_ne!(a1, a2, "a fresh random CEK each time");
            assert_ne!(&a1[..], &cek[..len.min(32)]);
        }
    }

    #[test]
    fn unusable_keys_and_algs_are_refused() {
        let public = RsaKey::from_material(&rsa1024().to_public().unwrap()).unwrap();
        let err = unwrap(alg("RSA-OAEP"), &public, &[0u8; 128], 16).unwrap_err();
        assert_eq!(err.kind, Kind::JwkKeySupport);
        let err = unwrap(alg("RSA1_5"), &public, &[0u8; 128], 16).unwrap_err();
        assert_eq!(err.kind, Kind::JwkKeySupport);
        assert_eq!(
            wrap(alg("A128KW"), &public, &[0u8; 16]).unwrap_err().kind,
            Kind::JwkKeySupport
        );
        // Inconsistent private components fail RSA_check_key.
        let Material::Rsa { n, e, private } = rsa1024() else {
            unreachable!()
        };
        let mut private = private.unwrap();
        private.d[5] ^= 1;
        let bad = Material::Rsa {
            n,
            e,
            private: Some(private),
        };
        assert_eq!(
            RsaKey::from_material(&bad).unwrap_err().kind,
            Kind::JwkImportFailed
        );
        assert_eq!(
            RsaKey::from_material(&Material::Oct {
                k: vec![1; 16].into()
            })
            .unwrap_err()
            .kind,
            Kind::TypeError
        );
    }

    #[test]
    fn constant_time_helpers() {
        assert_eq!(is_zero(0), 0xff);
        for b in 1..=255u8 {
            assert_eq!(is_zero(b), 0, "{b}");
        }
        assert_eq!((mask(true), mask(false)), (0xff, 0));
    }
}
