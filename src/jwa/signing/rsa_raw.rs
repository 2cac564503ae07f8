//! RSA signatures through aws-lc-sys for moduli aws-lc-rs refuses (below 2048
//! or above 8192 bits). AWS-LC itself takes any modulus up to 16384 bits and
//! checks each padding fits, as OpenSSL does for jose under Node.
//!
//! This is the only unsafe code of the signature algorithms. Every pointer is
//! owned by exactly one guard that frees it; ownership passes to AWS-LC only
//! where a `set0` / `assign` call succeeded. The `BIGNUM`s are
//! `jwk::bignum::Bn`s, cleared when freed, as they may hold private values.

use std::ptr::{self, NonNull};

use aws_lc_sys as sys;

use super::{RsaPadding, Sha};
use crate::error::{Error, Result};
use crate::jwk::bignum::Bn;
use crate::jwk::material::RsaPrivate;

/// A `BIGNUM` of `bytes`, until AWS-LC takes it: `jwk::bignum`'s `Bn`,
/// which clears it (`BN_clear_free`) if it is dropped before then.
fn bn(bytes: &[u8]) -> Result<Bn> {
    Bn::from_be(bytes).map_err(|_| failed())
}

/// An `RSA` until it is assigned to an `EVP_PKEY`.
struct Rsa(*mut sys::RSA);

impl Drop for Rsa {
    fn drop(&mut self) {
        // SAFETY: RSA_free accepts null and otherwise frees what we own.
        unsafe { sys::RSA_free(self.0) }
    }
}

/// One `EVP_MD_CTX` for one operation.
struct DigestCtx(NonNull<sys::EVP_MD_CTX>);

impl DigestCtx {
    fn new() -> Result<DigestCtx> {
        // SAFETY: plain allocation; null on failure.
        NonNull::new(unsafe { sys::EVP_MD_CTX_new() })
            .map(DigestCtx)
            .ok_or_else(failed)
    }
}

impl Drop for DigestCtx {
    fn drop(&mut self) {
        // SAFETY: frees the context we allocated, and the EVP_PKEY_CTX it owns.
        unsafe { sys::EVP_MD_CTX_free(self.0.as_ptr()) }
    }
}

/// An RSA public or private key held as an AWS-LC `EVP_PKEY`.
pub(super) struct RawRsaKey(NonNull<sys::EVP_PKEY>);

// SAFETY: after construction the EVP_PKEY is only used through operations
// AWS-LC documents as safe to run concurrently on a shared key (signing
// contexts take their own reference; RSA blinding state is locked inside).
// aws-lc-rs relies on the same guarantee for its own key types.
unsafe impl Send for RawRsaKey {}
unsafe impl Sync for RawRsaKey {}

impl Drop for RawRsaKey {
    fn drop(&mut self) {
        // SAFETY: we own the only reference we took.
        unsafe { sys::EVP_PKEY_free(self.0.as_ptr()) }
    }
}

/// AWS-LC reports why it failed on its thread-local error queue; jose shows
/// none of it, and leaving it there would confuse the next aws-lc-rs call.
fn failed() -> Error {
    // SAFETY: clears this thread's error queue; no arguments.
    unsafe { sys::ERR_clear_error() };
    Error::import_failed()
}

fn digest(sha: Sha) -> *const sys::EVP_MD {
    // SAFETY: these return pointers to static method tables.
    unsafe {
        match sha {
            Sha::Sha256 => sys::EVP_sha256(),
            Sha::Sha384 => sys::EVP_sha384(),
            Sha::Sha512 => sys::EVP_sha512(),
        }
    }
}

impl RawRsaKey {
    pub(super) fn public(n: &[u8], e: &[u8]) -> Result<RawRsaKey> {
        let rsa = Self::rsa_with(n, e, None)?;
        Self::wrap(rsa)
    }

    pub(super) fn private(n: &[u8], e: &[u8], private: &RsaPrivate) -> Result<RawRsaKey> {
        let rsa = Self::rsa_with(n, e, Some(private))?;
        // SAFETY: `rsa.0` is a live RSA; the check only reads it.
        if unsafe { sys::RSA_check_key(rsa.0) } != 1 {
            return Err(failed());
        }
        Self::wrap(rsa)
    }

    fn rsa_with(n: &[u8], e: &[u8], private: Option<&RsaPrivate>) -> Result<Rsa> {
        // SAFETY: allocation; checked for null below.
        let rsa = Rsa(unsafe { sys::RSA_new() });
        if rsa.0.is_null() {
            return Err(failed());
        }
        let (mut n, mut e) = (bn(n)?, bn(e)?);
        let mut d = private.map(|k| bn(&k.d)).transpose()?;
        let d_ptr = d.as_mut().map_or(ptr::null_mut(), Bn::as_mut_ptr);
        // SAFETY: on success RSA_set0_key owns n, e and d, so the guards
        // let go of them only then; on failure the guards still free them.
        if unsafe { sys::RSA_set0_key(rsa.0, n.as_mut_ptr(), e.as_mut_ptr(), d_ptr) } != 1 {
            return Err(failed());
        }
        n.disown();
        e.disown();
        if let Some(d) = d {
            d.disown();
        }

        if let Some(k) = private {
            let (mut p, mut q) = (bn(&k.p)?, bn(&k.q)?);
            // SAFETY: as above, ownership moves only on success.
            if unsafe { sys::RSA_set0_factors(rsa.0, p.as_mut_ptr(), q.as_mut_ptr()) } != 1 {
                return Err(failed());
            }
            p.disown();
            q.disown();
            let (mut dp, mut dq, mut qi) = (bn(&k.dp)?, bn(&k.dq)?, bn(&k.qi)?);
            // SAFETY: as above.
            let set = unsafe {
                sys::RSA_set0_crt_params(rsa.0, dp.as_mut_ptr(), dq.as_mut_ptr(), qi.as_mut_ptr())
            };
            if set != 1 {
                return Err(failed());
            }
            dp.disown();
            dq.disown();
            qi.disown();
        }
        Ok(rsa)
    }

    fn wrap(rsa: Rsa) -> Result<RawRsaKey> {
        // SAFETY: allocation; checked for null.
        let pkey = NonNull::new(unsafe { sys::EVP_PKEY_new() }).ok_or_else(failed)?;
        let key = RawRsaKey(pkey);
        // SAFETY: on success the EVP_PKEY owns the RSA, so the guard lets go
        // of it only then.
        if unsafe { sys::EVP_PKEY_assign_RSA(key.0.as_ptr(), rsa.0) } != 1 {
            return Err(failed());
        }
        std::mem::forget(rsa);
        Ok(key)
    }

    /// Sets PSS with a digest-long salt, jose's `RSA_PSS_SALTLEN_DIGEST`.
    ///
    /// SAFETY: `pctx` must be the live context of an initialised operation.
    unsafe fn configure(pctx: *mut sys::EVP_PKEY_CTX, padding: RsaPadding) -> bool {
        match padding {
            RsaPadding::Pkcs1 => true,
            RsaPadding::Pss => {
                sys::EVP_PKEY_CTX_set_rsa_padding(pctx, sys::RSA_PKCS1_PSS_PADDING) == 1
                    && sys::EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, sys::RSA_PSS_SALTLEN_DIGEST) == 1
            }
        }
    }

    pub(super) fn sign(&self, padding: RsaPadding, sha: Sha, data: &[u8]) -> Result<Vec<u8>> {
        let ctx = DigestCtx::new()?;
        let mut pctx: *mut sys::EVP_PKEY_CTX = ptr::null_mut();
        // SAFETY: ctx and the key are live; the operation takes its own
        // reference to the key. `pctx` is owned by `ctx`.
        let ready = unsafe {
            sys::EVP_DigestSignInit(
                ctx.0.as_ptr(),
                &mut pctx,
                digest(sha),
                ptr::null_mut(),
                self.0.as_ptr(),
            ) == 1
                && Self::configure(pctx, padding)
        };
        if !ready {
            return Err(failed());
        }
        // SAFETY: the key is live; the size of an RSA key is its modulus length.
        let size = unsafe { sys::EVP_PKEY_size(self.0.as_ptr()) };
        let mut out = vec![0u8; usize::try_from(size).map_err(|_| failed())?];
        let mut len = out.len();
        // SAFETY: `out` has `len` writable bytes; AWS-LC writes at most that
        // and stores the real length in `len`. A modulus too short for the
        // padding fails here.
        let signed = unsafe {
            sys::EVP_DigestSign(
                ctx.0.as_ptr(),
                out.as_mut_ptr(),
                &mut len,
                data.as_ptr(),
                data.len(),
            )
        };
        if signed != 1 {
            return Err(failed());
        }
        out.truncate(len);
        Ok(out)
    }

    pub(super) fn verify(&self, padding: RsaPadding, sha: Sha, data: &[u8], sig: &[u8]) -> bool {
        let Ok(ctx) = DigestCtx::new() else {
            return false;
        };
        let mut pctx: *mut sys::EVP_PKEY_CTX = ptr::null_mut();
        // SAFETY: as in `sign`; the signature and data are read-only slices.
        let valid = unsafe {
            sys::EVP_DigestVerifyInit(
                ctx.0.as_ptr(),
                &mut pctx,
                digest(sha),
                ptr::null_mut(),
                self.0.as_ptr(),
            ) == 1
                && Self::configure(pctx, padding)
                && sys::EVP_DigestVerify(
                    ctx.0.as_ptr(),
                    sig.as_ptr(),
                    sig.len(),
                    data.as_ptr(),
                    data.len(),
                ) == 1
        };
        if !valid {
            // A wrong signature leaves a reason on the error queue too.
            let _ = failed();
        }
        valid
    }
}
