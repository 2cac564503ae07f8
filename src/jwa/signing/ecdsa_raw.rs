//! ECDSA signing through aws-lc-sys, on an `EC_KEY` built once per key.
//!
//! aws-lc-rs signs through a fresh EVP context per call and hands back DER,
//! which it then converts to the fixed `r || s` form JOSE wants; calling
//! `ECDSA_do_sign` on a kept key with the digest skips both, ~5% of an
//! ES256 signature. The pairing of `d` with the public point is checked by
//! aws-lc-rs before a key is built here (see `ecdsa.rs`).
//!
//! Every pointer is owned by exactly one guard that frees it.

use std::ptr::{self, NonNull};

use aws_lc_rs::digest;
use aws_lc_sys as sys;

use crate::error::{Error, Result};
use crate::jwk::bignum::Bn;
use crate::jwk::material::EcCurve;

/// A private EC key ready for `ECDSA_do_sign`.
pub(super) struct SigningKey {
    key: NonNull<sys::EC_KEY>,
    curve: EcCurve,
}

// SAFETY: the EC_KEY is fully built in `new` and never changed after:
// signing only reads it (`ECDSA_do_sign` takes a const pointer), which
// AWS-LC allows from any number of threads at once.
unsafe impl Send for SigningKey {}
unsafe impl Sync for SigningKey {}

/// AWS-LC leaves why it failed on a thread-local queue; a stale entry
/// would confuse the next aws-lc-rs call, so it is cleared here.
fn failed() -> Error {
    // SAFETY: clears this thread's error queue.
    unsafe { sys::ERR_clear_error() };
    Error::import_failed()
}

fn nid(curve: EcCurve) -> i32 {
    match curve {
        EcCurve::P256 => sys::NID_X9_62_prime256v1,
        EcCurve::P384 => sys::NID_secp384r1,
        EcCurve::P521 => sys::NID_secp521r1,
        EcCurve::Secp256k1 => sys::NID_secp256k1,
    }
}

fn digest_of(curve: EcCurve, data: &[u8]) -> digest::Digest {
    let algorithm = match curve {
        EcCurve::P256 | EcCurve::Secp256k1 => &digest::SHA256,
        EcCurve::P384 => &digest::SHA384,
        EcCurve::P521 => &digest::SHA512,
    };
    digest::digest(algorithm, data)
}

impl SigningKey {
    /// `d` the private scalar, `point` the SEC 1 uncompressed public point.
    pub(super) fn new(curve: EcCurve, d: &[u8], point: &[u8]) -> Result<SigningKey> {
        // SAFETY: a fresh EC_KEY for a built-in curve; null only on failure.
        let key = NonNull::new(unsafe { sys::EC_KEY_new_by_curve_name(nid(curve)) })
            .ok_or_else(failed)?;
        // From here `signing` owns the EC_KEY and frees it on every path.
        let signing = SigningKey { key, curve };
        signing.set_private(d)?;
        signing.set_public(point)?;
        // SAFETY: the key is ours and complete.
        if unsafe { sys::EC_KEY_check_key(key.as_ptr()) } != 1 {
            return Err(failed());
        }
        Ok(signing)
    }

    fn set_private(&self, d: &[u8]) -> Result<()> {
        let d = Bn::from_be(d).map_err(|_| failed())?;
        // SAFETY: EC_KEY_set_private_key copies the BIGNUM, which `Bn`
        // clears and frees when dropped.
        if unsafe { sys::EC_KEY_set_private_key(self.key.as_ptr(), d.as_ptr()) } != 1 {
            return Err(failed());
        }
        Ok(())
    }

    fn set_public(&self, point: &[u8]) -> Result<()> {
        // SAFETY: the group belongs to the key and lives as long as it.
        let group = unsafe { sys::EC_KEY_get0_group(self.key.as_ptr()) };
        // SAFETY: a fresh point on that group; null only on failure.
        let public = unsafe { sys::EC_POINT_new(group) };
        if public.is_null() {
            return Err(failed());
        }
        // SAFETY: reads `point.len()` bytes of a live slice; the key copies
        // the point, which is freed here whatever the outcome.
        let set = unsafe {
            sys::EC_POINT_oct2point(group, public, point.as_ptr(), point.len(), ptr::null_mut())
                == 1
                && sys::EC_KEY_set_public_key(self.key.as_ptr(), public) == 1
        };
        unsafe { sys::EC_POINT_free(public) };
        if !set {
            return Err(failed());
        }
        Ok(())
    }

    /// The JOSE signature of `data`: `r || s`, each `coordinate_len` bytes.
    pub(super) fn sign(&self, data: &[u8]) -> Result<Vec<u8>> {
        let digest = digest_of(self.curve, data);
        let digest = digest.as_ref();
        // SAFETY: reads `digest.len()` bytes of the digest and the key,
        // which nothing changes any more; returns a new ECDSA_SIG or null.
        let sig = unsafe { sys::ECDSA_do_sign(digest.as_ptr(), digest.len(), self.key.as_ptr()) };
        let sig = Signature(NonNull::new(sig).ok_or_else(failed)?);
        let len = self.curve.coordinate_len();
        let mut out = vec![0; 2 * len];
        let (mut r, mut s) = (ptr::null(), ptr::null());
        // SAFETY: r and s point into `sig`, which outlives their use below;
        // BN_bn2bin_padded writes exactly `len` bytes into each half of
        // `out`, failing if a value does not fit.
        let written = unsafe {
            sys::ECDSA_SIG_get0(sig.0.as_ptr(), &mut r, &mut s);
            sys::BN_bn2bin_padded(out.as_mut_ptr(), len, r) == 1
                && sys::BN_bn2bin_padded(out[len..].as_mut_ptr(), len, s) == 1
        };
        if !written {
            return Err(failed());
        }
        Ok(out)
    }
}

impl Drop for SigningKey {
    fn drop(&mut self) {
        // SAFETY: the EC_KEY is ours; EC_KEY_free clears its private scalar.
        unsafe { sys::EC_KEY_free(self.key.as_ptr()) }
    }
}

/// An `ECDSA_SIG` until it is read.
struct Signature(NonNull<sys::ECDSA_SIG>);

impl Drop for Signature {
    fn drop(&mut self) {
        // SAFETY: the signature is ours.
        unsafe { sys::ECDSA_SIG_free(self.0.as_ptr()) }
    }
}
