//! The Concat KDF of NIST SP 800-56A (section 5.8.1) with SHA-256, as
//! RFC 7518 4.6.2 uses it after ECDH-ES: OtherInfo is AlgorithmID,
//! PartyUInfo and PartyVInfo, each with a 32-bit big-endian length prefix,
//! then SuppPubInfo = keydatalen in bits (32-bit big-endian).

use aws_lc_rs::digest;
use zeroize::Zeroizing;

use crate::error::{Error, Kind, Result};
use crate::jwk::material::SecretBytes;

const HASH_LEN: usize = 32;

/// Derives `key_len` bytes from the shared secret `z`. `algorithm_id` is the
/// `enc` name for direct ECDH-ES and the `alg` name for ECDH-ES+A*KW. The
/// output (a CEK or KEK) is wiped when dropped; it is written into one
/// allocation of whole digests, so no reallocation leaves a copy behind.
pub fn derive(
    z: &[u8],
    key_len: usize,
    algorithm_id: &[u8],
    apu: &[u8],
    apv: &[u8],
) -> Result<SecretBytes> {
    let key_bits = key_len
        .checked_mul(8)
        .and_then(|bits| u32::try_from(bits).ok())
        .ok_or_else(too_long)?;
    let mut other_info = Vec::with_capacity(16 + algorithm_id.len() + apu.len() + apv.len());
    for field in [algorithm_id, apu, apv] {
        let len = u32::try_from(field.len()).map_err(|_| too_long())?;
        other_info.extend_from_slice(&len.to_be_bytes());
        other_info.extend_from_slice(field);
    }
    other_info.extend_from_slice(&key_bits.to_be_bytes());

    let mut out = Zeroizing::new(Vec::with_capacity(key_len.div_ceil(HASH_LEN) * HASH_LEN));
    let mut counter: u32 = 1;
    while out.len() < key_len {
        let mut ctx = digest::Context::new(&digest::SHA256);
        ctx.update(&counter.to_be_bytes());
        ctx.update(z);
        ctx.update(&other_info);
        out.extend_from_slice(ctx.finish().as_ref());
        counter = counter.checked_add(1).ok_or_else(too_long)?;
    }
    out.truncate(key_len);
    Ok(out)
}

fn too_long() -> Error {
    Error::new(Kind::JweInvalid, "Concat KDF input too long")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::b64;
    use crate::jwk::material::assert_wiped;

    #[test]
    fn rfc7518_appendix_c() {
        // ECDH-ES with A128GCM, apu "Alice", apv "Bob".
        let z = [
            158, 86, 217, 29, 129, 113, 53, 211, 114, 131, 66, 131, 191, 132, 38, 156, 251, 49,
            110, 163, 218, 128, 106, 72, 246, 218, 167, 121, 140, 254, 144, 196,
        ];
        let key = derive(&z, 16, b"A128GCM", b"Alice", b"Bob").unwrap();
        assert_wiped(&key);
        assert_eq!(b64::encode(&key), "VqqN6vgjbSBcIijNcacQGg");
    }

    #[test]
    fn multi_round_output_extends_the_first_round() {
        let z = [7u8; 32];
        let long = derive(&z, 64, b"A256CBC-HS512", b"", b"").unwrap();
        assert_eq!(long.len(), 64);
        // keydatalen is in OtherInfo, so a shorter output is not a prefix.
        let short = derive(&z, 32, b"A256CBC-HS512", b"", b"").unwrap();
        assert_ne!(&long[..32], &short[..]);
        // Every input field changes the output.
        let base = derive(&z, 16, b"A", b"u", b"v").unwrap();
        assert_ne!(base, derive(&z, 16, b"B", b"u", b"v").unwrap());
        assert_ne!(base, derive(&z, 16, b"A", b"x", b"v").unwrap());
        assert_ne!(base, derive(&z, 16, b"A", b"u", b"x").unwrap());
        // Length prefixes keep field boundaries apart.
        assert_ne!(
            derive(&z, 16, b"A", b"uv", b"").unwrap(),
            derive(&z, 16, b"A", b"u", b"v").unwrap()
        );
    }
}
