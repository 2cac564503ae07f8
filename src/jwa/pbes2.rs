//! PBES2 key wrapping (PBES2-HS256+A128KW, PBES2-HS384+A192KW,
//! PBES2-HS512+A256KW; RFC 7518 4.8): PBKDF2-HMAC over the password with
//! salt UTF8(alg) || 0x00 || p2s and p2c iterations gives the KEK, which
//! AES-KW then uses. The KEK and the unwrapped CEK are `SecretBytes`, wiped
//! when dropped.

use std::num::NonZeroU32;

use aws_lc_rs::pbkdf2;
use zeroize::Zeroizing;

use super::aes_kw;
use super::cek::random_bytes;
use super::jwe_algs::{Hash, KeyAlg, KeyFamily};
use crate::error::{Error, Kind, Result};
use crate::jwk::material::SecretBytes;

/// Salt length and iteration range jose uses when it wraps: a fresh 16-byte
/// p2s and a p2c drawn from 2048..=4096.
const SALT_LEN: usize = 16;
const MIN_COUNT: u32 = 2048;
const COUNT_SPAN: u32 = 2049;

/// The wrapped CEK and the `p2s` / `p2c` header values that go with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pbes2Wrapped {
    pub encrypted_key: Vec<u8>,
    pub p2s: Vec<u8>,
    pub p2c: u32,
}

/// Wraps `cek` under `password` with a random salt and iteration count.
pub fn wrap(alg: &KeyAlg, password: &[u8], cek: &[u8]) -> Result<Pbes2Wrapped> {
    let p2s = random_bytes(SALT_LEN)?;
    let r = random_bytes(4)?;
    let r = u32::from_be_bytes([r[0], r[1], r[2], r[3]]);
    let p2c = MIN_COUNT + r % COUNT_SPAN;
    let encrypted_key = wrap_with(alg, password, cek, &p2s, p2c)?;
    Ok(Pbes2Wrapped {
        encrypted_key,
        p2s,
        p2c,
    })
}

/// Wraps with given `p2s` and `p2c`.
pub fn wrap_with(
    alg: &KeyAlg,
    password: &[u8],
    cek: &[u8],
    p2s: &[u8],
    p2c: u32,
) -> Result<Vec<u8>> {
    let count = NonZeroU32::new(p2c).ok_or_else(|| Error::new(Kind::JweInvalid, "invalid p2c"))?;
    let kek = derive_kek(alg, password, p2s, count, true)?;
    aes_kw::wrap(alg, &kek, cek)
}

/// Unwraps the CEK. `p2c` above `max_count` (jose's `maxPBES2Count`) fails
/// with jose's `JWEInvalid` before any PBKDF2 work is done; a zero or
/// otherwise unusable count, and a failed unwrap, are `JWEDecryptionFailed`.
pub fn unwrap(
    alg: &KeyAlg,
    password: &[u8],
    encrypted_key: &[u8],
    p2s: &[u8],
    p2c: u64,
    max_count: u64,
) -> Result<SecretBytes> {
    if !matches!(alg.family, KeyFamily::Pbes2(_)) {
        return Err(alg.key_unsupported(false));
    }
    if p2c > max_count {
        return Err(Error::new(
            Kind::JweInvalid,
            "JOSE Header \"p2c\" (PBES2 Count) out is of acceptable bounds",
        ));
    }
    let count = u32::try_from(p2c)
        .ok()
        .and_then(NonZeroU32::new)
        .ok_or_else(Error::decryption_failed)?;
    let kek = derive_kek(alg, password, p2s, count, false)?;
    aes_kw::unwrap(alg, &kek, encrypted_key)
}

fn derive_kek(
    alg: &KeyAlg,
    password: &[u8],
    p2s: &[u8],
    count: NonZeroU32,
    encrypting: bool,
) -> Result<SecretBytes> {
    let prf = match alg.family {
        KeyFamily::Pbes2(Hash::Sha256) => pbkdf2::PBKDF2_HMAC_SHA256,
        KeyFamily::Pbes2(Hash::Sha384) => pbkdf2::PBKDF2_HMAC_SHA384,
        KeyFamily::Pbes2(Hash::Sha512) => pbkdf2::PBKDF2_HMAC_SHA512,
        _ => return Err(alg.key_unsupported(encrypting)),
    };
    let mut salt = Vec::with_capacity(alg.name.len() + 1 + p2s.len());
    salt.extend_from_slice(alg.name.as_bytes());
    salt.push(0);
    salt.extend_from_slice(p2s);
    // key_len is 16/24/32 from the table, far below PBKDF2's output limit.
    let mut kek = Zeroizing::new(vec![0u8; alg.key_len]);
    pbkdf2::derive(prf, count, &salt, password, &mut kek);
    Ok(kek)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwa::jwe_algs::EncAlg;
    use crate::jwa::test_vectors::*;
    use crate::jwk::material::assert_wiped;

    fn alg(name: &str) -> &'static KeyAlg {
        KeyAlg::from_name(name).unwrap()
    }

    #[test]
    fn rfc7520_5_3_unwraps_and_opens_the_content() {
        let c = &PBES2_A128CBC;
        let a = alg("PBES2-HS512+A256KW");
        let pwd = PBES2_A128CBC_PWD.as_bytes();
        let p2s = b(PBES2_A128CBC_HDR_P2S);
        let cek = unwrap(
            a,
            pwd,
            &b(c.encrypted_key),
            &p2s,
            PBES2_A128CBC_HDR_P2C.into(),
            10_000,
        )
        .unwrap();
        assert_wiped(&cek);
        let count = NonZeroU32::new(PBES2_A128CBC_HDR_P2C).unwrap();
        assert_wiped(&derive_kek(a, pwd, &p2s, count, false).unwrap());
        let enc = EncAlg::from_name("A128CBC-HS256").unwrap();
        let pt = c.open(enc, &cek).unwrap();
        assert_eq!(pt, PBES2_A128CBC_PLAINTEXT.as_bytes());
        assert_eq!(
            wrap_with(a, pwd, &cek, &p2s, PBES2_A128CBC_HDR_P2C).unwrap(),
            b(c.encrypted_key)
        );
    }

    #[test]
    fn random_wrap_round_trips() {
        for name in [
            "PBES2-HS256+A128KW",
            "PBES2-HS384+A192KW",
            "PBES2-HS512+A256KW",
        ] {
            let a = alg(name);
            let w = wrap(a, b"secret", &[5u8; 32]).unwrap();
            assert_eq!(w.p2s.len(), 16);
            assert!((2048..=4096).contains(&w.p2c));
            let cek = unwrap(a, b"secret", &w.encrypted_key, &w.p2s, w.p2c.into(), 10_000).unwrap();
            assert_eq!(*cek, [5u8; 32]);
            let err =
                unwrap(a, b"Secret", &w.encrypted_key, &w.p2s, w.p2c.into(), 10_000).unwrap_err();
            assert_eq!(err.kind, Kind::JweDecryptionFailed);
        }
    }

    #[test]
    fn count_above_the_cap_is_refused_before_any_work() {
        let a = alg("PBES2-HS256+A128KW");
        // u32::MAX iterations would take hours; the call returns at once.
        for p2c in [10_001, u64::from(u32::MAX), u64::MAX] {
            let err = unwrap(a, b"pw", &[0u8; 24], b"salt", p2c, 10_000).unwrap_err();
            assert_eq!(err.kind, Kind::JweInvalid);
            assert_eq!(
                err.message,
                "JOSE Header \"p2c\" (PBES2 Count) out is of acceptable bounds"
            );
        }
        // The cap itself is allowed (jose compares with `>`).
        let w = wrap_with(a, b"pw", &[1u8; 16], b"salt", 1000).unwrap();
        assert!(unwrap(a, b"pw", &w, b"salt", 1000, 1000).is_ok());
    }

    #[test]
    fn zero_count_and_wrong_family_are_refused() {
        let a = alg("PBES2-HS256+A128KW");
        assert_eq!(
            unwrap(a, b"pw", &[0u8; 24], b"s", 0, 10_000)
                .unwrap_err()
                .kind,
            Kind::JweDecryptionFailed
        );
        assert_eq!(
            wrap_with(a, b"pw", &[0u8; 16], b"s", 0).unwrap_err().kind,
            Kind::JweInvalid
        );
        let kw = alg("A128KW");
        assert_eq!(
            unwrap(kw, b"pw", &[0u8; 24], b"s", 1, 10).unwrap_err().kind,
            Kind::JwkKeySupport
        );
        assert_eq!(
            wrap(kw, b"pw", &[0u8; 16]).unwrap_err().kind,
            Kind::JwkKeySupport
        );
    }
}
