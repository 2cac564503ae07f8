//! The primitives of password-based key encryption that aws-lc-rs does not
//! expose, straight from AWS-LC: DES-EDE3-CBC decryption (old OpenSSL key
//! files), PBKDF2-HMAC-SHA224, scrypt and MD5 (for `EVP_BytesToKey`). Each
//! is a bounds-checked call with every pointer next to its slice's length.

use std::os::raw::c_int;
use std::ptr::{self, NonNull};

use aws_lc_sys as lc;
use zeroize::Zeroizing;

use super::{check, failed, Failed, SysResult};

/// DES-EDE3-CBC's key and IV lengths.
const DES_EDE3_KEY_LEN: usize = 24;
const DES_EDE3_BLOCK_LEN: usize = 8;

/// An `EVP_CIPHER_CTX` for one decryption.
struct CipherCtx(NonNull<lc::EVP_CIPHER_CTX>);

impl Drop for CipherCtx {
    fn drop(&mut self) {
        // SAFETY: frees the context we allocated, once.
        unsafe { lc::EVP_CIPHER_CTX_free(self.0.as_ptr()) }
    }
}

/// Decrypts DES-EDE3-CBC and strips its PKCS#7 padding, into a buffer that
/// is wiped when dropped. The key must be 24 bytes, the IV 8, and the
/// ciphertext whole blocks; a bad padding (the usual sign of a wrong
/// passphrase) fails.
pub(crate) fn des_ede3_cbc_decrypt(
    key: &[u8],
    iv: &[u8],
    ciphertext: &[u8],
) -> SysResult<Zeroizing<Vec<u8>>> {
    if key.len() != DES_EDE3_KEY_LEN
        || iv.len() != DES_EDE3_BLOCK_LEN
        || !ciphertext.len().is_multiple_of(DES_EDE3_BLOCK_LEN)
    {
        return Err(Failed);
    }
    let in_len = c_int::try_from(ciphertext.len()).map_err(|_| Failed)?;
    // Update writes at most the input length; Final at most one block more.
    let mut out = Zeroizing::new(vec![0u8; ciphertext.len() + DES_EDE3_BLOCK_LEN]);
    // SAFETY: plain allocation; null on failure.
    let ctx = NonNull::new(unsafe { lc::EVP_CIPHER_CTX_new() })
        .map(CipherCtx)
        .ok_or_else(failed)?;
    let c = ctx.0.as_ptr();
    let mut written: c_int = 0;
    // SAFETY: the context is live; key and IV are exactly as long as
    // DES-EDE3-CBC reads (checked above); `out` has room for the input plus
    // a block, more than Update writes.
    check(unsafe {
        lc::EVP_DecryptInit_ex(
            c,
            lc::EVP_des_ede3_cbc(),
            ptr::null_mut(),
            key.as_ptr(),
            iv.as_ptr(),
        )
    })?;
    // SAFETY: as above.
    check(unsafe {
        lc::EVP_DecryptUpdate(
            c,
            out.as_mut_ptr(),
            &mut written,
            ciphertext.as_ptr(),
            in_len,
        )
    })?;
    let written = usize::try_from(written)
        .ok()
        .filter(|&n| n <= ciphertext.len())
        .ok_or_else(failed)?;
    let mut last: c_int = 0;
    // SAFETY: `written <= ciphertext.len()`, so at least a block of `out`
    // is left after it, as much as Final writes.
    check(unsafe { lc::EVP_DecryptFinal_ex(c, out[written..].as_mut_ptr(), &mut last) })?;
    let total = usize::try_from(last)
        .ok()
        .map(|last| written + last)
        .filter(|&total| total <= out.len())
        .ok_or_else(failed)?;
    out.truncate(total);
    Ok(out)
}

/// PBKDF2 with HMAC-SHA224, filling `out`.
pub(crate) fn pbkdf2_hmac_sha224(
    passphrase: &[u8],
    salt: &[u8],
    iterations: u32,
    out: &mut [u8],
) -> SysResult<()> {
    // SAFETY: every pointer comes with its slice's own length; EVP_sha224
    // returns a static method table.
    check(unsafe {
        lc::PKCS5_PBKDF2_HMAC(
            passphrase.as_ptr().cast(),
            passphrase.len(),
            salt.as_ptr(),
            salt.len(),
            iterations,
            lc::EVP_sha224(),
            out.len(),
            out.as_mut_ptr(),
        )
    })
}

/// scrypt with cost `n`, block size `r` and parallelism `p`, using at most
/// `max_memory` bytes, filling `out`. AWS-LC checks the parameters and the
/// memory bound itself.
pub(crate) fn scrypt(
    passphrase: &[u8],
    salt: &[u8],
    n: u64,
    r: u64,
    p: u64,
    max_memory: usize,
    out: &mut [u8],
) -> SysResult<()> {
    // SAFETY: every pointer comes with its slice's own length.
    check(unsafe {
        lc::EVP_PBE_scrypt(
            passphrase.as_ptr().cast(),
            passphrase.len(),
            salt.as_ptr(),
            salt.len(),
            n,
            r,
            p,
            max_memory,
            out.as_mut_ptr(),
            out.len(),
        )
    })
}

/// MD5 of `input` into `digest`.
pub(crate) fn md5(input: &[u8], digest: &mut [u8; 16]) {
    // SAFETY: MD5 reads `input.len()` bytes and writes 16 into `digest`.
    unsafe {
        lc::MD5(input.as_ptr(), input.len(), digest.as_mut_ptr());
    }
}
