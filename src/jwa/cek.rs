//! Random content encryption keys and IVs, sized from the `jwe_algs` table.

use aws_lc_rs::rand;
use zeroize::Zeroizing;

use super::jwe_algs::EncAlg;
use crate::error::{Error, Result};
use crate::jwk::material::SecretBytes;

/// `len` bytes from the system CSPRNG.
pub fn random_bytes(len: usize) -> Result<Vec<u8>> {
    let mut out = vec![0u8; len];
    rand::fill(&mut out).map_err(|_| rng_failed())?;
    Ok(out)
}

/// A fresh CEK of the length `enc` needs, wiped when dropped.
pub fn generate_cek(enc: &EncAlg) -> Result<SecretBytes> {
    random_bytes(enc.key_len).map(Zeroizing::new)
}

/// A fresh IV of the length `enc` needs.
pub fn generate_iv(enc: &EncAlg) -> Result<Vec<u8>> {
    random_bytes(enc.iv_len)
}

// The system RNG failing is not something a caller can fix or that jose has
// a class for; report it as an unsupported operation rather than panic.
fn rng_failed() -> Error {
    Error::not_supported("random number generation failed")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwa::jwe_algs::ENC_ALGS;
    use crate::jwk::material::assert_wiped;

    #[test]
    fn lengths_follow_the_table() {
        for enc in ENC_ALGS {
            let cek = generate_cek(enc).unwrap();
            assert_wiped(&cek);
            assert_eq!(cek.len(), enc.key_len);
            assert_eq!(generate_iv(enc).unwrap().len(), enc.iv_len);
        }
    }

    #[test]
    fn keys_differ() {
        let enc = EncAlg::from_name("A256GCM").unwrap();
        assert_ne!(generate_cek(enc).unwrap(), generate_cek(enc).unwrap());
    }
}
