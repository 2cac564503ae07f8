//! Ed25519 signing with AWS-LC's `ED25519_sign` on a prepared private key,
//! which skips aws-lc-rs's per-call EVP context and its allocations (~3% of
//! a signature; the scalar multiplication is the rest).

use super::{failed, SysResult};

/// Signs `message` with AWS-LC's 64-byte Ed25519 private key (the 32-byte
/// seed, then the public key). The caller makes sure the halves pair up.
#[inline]
pub(crate) fn sign(private_key: &[u8; 64], message: &[u8]) -> SysResult<Vec<u8>> {
    let mut signature = vec![0; 64];
    // SAFETY: ED25519_sign writes 64 bytes to `out_sig` (`signature` has
    // 64), reads `message_len` bytes of `message` and 64 of `private_key`
    // (the array); none of them is kept.
    let signed = unsafe {
        aws_lc_sys::ED25519_sign(
            signature.as_mut_ptr(),
            message.as_ptr(),
            message.len(),
            private_key.as_ptr(),
        )
    };
    if signed != 1 {
        return Err(failed());
    }
    Ok(signature)
}
