//! AES key wrap (RFC 3394) with a 192-bit KEK, through AWS-LC's
//! `AES_wrap_key`/`AES_unwrap_key` (the same functions aws-lc-rs calls
//! underneath, but aws-lc-rs' `key_wrap` only offers AES-128 and AES-256
//! KEKs). The expanded key is wiped after use.

use std::ptr::null;

use aws_lc_sys::{AES_set_decrypt_key, AES_set_encrypt_key, AES_unwrap_key, AES_wrap_key, AES_KEY};
use zeroize::Zeroize;

use super::{failed, Failed, SysResult};

/// The integrity check value prepended by the wrap.
const ICV_LEN: usize = 8;

/// An expanded AES key (the KEK is recoverable from its round keys), wiped
/// when dropped. Filled in place, so no copy of it is left elsewhere.
#[derive(Default)]
struct RoundKeys(AES_KEY);

impl Drop for RoundKeys {
    fn drop(&mut self) {
        self.0.rd_key.zeroize();
    }
}

/// Wraps `cek` under the 24-byte `kek` into `out`, which must be
/// `cek.len() + 8` bytes; returns the bytes written.
pub(crate) fn aes192_wrap(kek: &[u8], cek: &[u8], out: &mut [u8]) -> SysResult<usize> {
    if kek.len() != 24 || out.len() != cek.len() + ICV_LEN {
        return Err(Failed);
    }
    let mut key = RoundKeys::default();
    // SAFETY: `kek` holds 24 bytes = 192 bits; `key.0` is a live AES_KEY
    // the call fills in.
    if unsafe { AES_set_encrypt_key(kek.as_ptr(), 192, &mut key.0) } != 0 {
        return Err(failed());
    }
    // SAFETY: `out` has room for `cek.len() + 8` bytes, as AES_wrap_key
    // writes; a null IV selects the RFC 3394 default.
    let n = unsafe { AES_wrap_key(&key.0, null(), out.as_mut_ptr(), cek.as_ptr(), cek.len()) };
    usize::try_from(n).map_err(|_| failed())
}

/// Unwraps `wrapped` under the 24-byte `kek` into `out`, which must be
/// `wrapped.len() - 8` bytes; returns the bytes written. A failed integrity
/// check fails.
pub(crate) fn aes192_unwrap(kek: &[u8], wrapped: &[u8], out: &mut [u8]) -> SysResult<usize> {
    if kek.len() != 24 || wrapped.len() < ICV_LEN || out.len() != wrapped.len() - ICV_LEN {
        return Err(Failed);
    }
    let mut key = RoundKeys::default();
    // SAFETY: `kek` holds 24 bytes = 192 bits; `key.0` is a live AES_KEY
    // the call fills in.
    if unsafe { AES_set_decrypt_key(kek.as_ptr(), 192, &mut key.0) } != 0 {
        return Err(failed());
    }
    // SAFETY: `out` has room for `wrapped.len() - 8` bytes, as
    // AES_unwrap_key writes; it returns -1 on a failed integrity check.
    let n = unsafe {
        AES_unwrap_key(
            &key.0,
            null(),
            out.as_mut_ptr(),
            wrapped.as_ptr(),
            wrapped.len(),
        )
    };
    usize::try_from(n).map_err(|_| failed())
}
