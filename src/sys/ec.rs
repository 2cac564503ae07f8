//! Elliptic curves through AWS-LC's C API: public point checks and
//! derivation on the built-in groups (aws-lc-rs only validates an EC public
//! key lazily, on first verify, and has no "scalar times generator" API),
//! and ECDSA signing on an `EC_KEY` built once per key.
//!
//! aws-lc-rs signs through a fresh EVP context per call and hands back DER,
//! which it then converts to the fixed `r || s` form JOSE wants; calling
//! `ECDSA_do_sign` on a kept key with the digest skips both, ~5% of an
//! ES256 signature.
//!
//! The groups are AWS-LC's static objects (never freed); every other
//! pointer is owned by exactly one guard that frees it.

use std::os::raw::c_int;
use std::ptr::{self, NonNull};

use aws_lc_sys as lc;

use super::bn::{Bn, BnCtx};
use super::{check, failed, SysResult};

/// SEC 1 tag of an uncompressed point (`04 || x || y`).
const UNCOMPRESSED: u8 = 4;

/// The curves of AWS-LC's built-in groups that keys here may be on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Curve {
    P256,
    P384,
    P521,
    Secp256k1,
}

impl Curve {
    /// Byte length of a coordinate or of the private scalar.
    pub fn coordinate_len(self) -> usize {
        match self {
            Curve::P256 | Curve::Secp256k1 => 32,
            Curve::P384 => 48,
            Curve::P521 => 66,
        }
    }

    fn nid(self) -> c_int {
        match self {
            Curve::P256 => lc::NID_X9_62_prime256v1,
            Curve::P384 => lc::NID_secp384r1,
            Curve::P521 => lc::NID_secp521r1,
            Curve::Secp256k1 => lc::NID_secp256k1,
        }
    }

    /// The static group object, valid for the life of the process.
    fn group(self) -> SysResult<*const lc::EC_GROUP> {
        // SAFETY: these return pointers to static, immutable group objects
        // (or NULL on an allocation failure during their one-time
        // initialisation).
        let group = unsafe {
            match self {
                Curve::P256 => lc::EC_group_p256(),
                Curve::P384 => lc::EC_group_p384(),
                Curve::P521 => lc::EC_group_p521(),
                Curve::Secp256k1 => lc::EC_group_secp256k1(),
            }
        };
        if group.is_null() {
            Err(failed())
        } else {
            Ok(group)
        }
    }
}

/// A point on one group, freed on drop.
struct Point(NonNull<lc::EC_POINT>);

impl Point {
    /// # Safety
    /// `group` must be a valid group that outlives every use of the point
    /// with it.
    unsafe fn new(group: *const lc::EC_GROUP) -> SysResult<Point> {
        // SAFETY: `group` is valid per this function's contract.
        NonNull::new(unsafe { lc::EC_POINT_new(group) })
            .map(Point)
            .ok_or_else(failed)
    }
}

impl Drop for Point {
    fn drop(&mut self) {
        // SAFETY: owned pointer from EC_POINT_new, freed once.
        unsafe { lc::EC_POINT_free(self.0.as_ptr()) }
    }
}

/// Whether `(x, y)` (each exactly `curve.coordinate_len()` bytes) is a point
/// on the curve. The point at infinity has no such encoding, so it is never
/// accepted.
pub(crate) fn is_on_curve(curve: Curve, x: &[u8], y: &[u8]) -> SysResult<bool> {
    let len = curve.coordinate_len();
    if x.len() != len || y.len() != len {
        return Ok(false);
    }
    let group = curve.group()?;
    let ctx = BnCtx::new()?;
    // SAFETY: `group` is a static group.
    let point = unsafe { Point::new(group) }?;
    let mut encoded = Vec::with_capacity(1 + 2 * len);
    encoded.push(UNCOMPRESSED);
    encoded.extend_from_slice(x);
    encoded.extend_from_slice(y);
    // SAFETY: `point` belongs to `group`; `encoded` is a live buffer of the
    // given length. oct2point rejects coordinates >= p and points off the
    // curve, returning 0.
    let decoded = unsafe {
        lc::EC_POINT_oct2point(
            group,
            point.0.as_ptr(),
            encoded.as_ptr(),
            encoded.len(),
            ctx.as_ptr(),
        )
    };
    if decoded != 1 {
        failed();
        return Ok(false);
    }
    // Belt and braces: oct2point already checked this, but the check is
    // cheap and it is the property we promise.
    // SAFETY: as above; the call only reads.
    let on_curve = unsafe { lc::EC_POINT_is_on_curve(group, point.0.as_ptr(), ctx.as_ptr()) };
    Ok(on_curve == 1)
}

/// The public point `d·G` as fixed-length `(x, y)`, or `None` when `d` is not
/// a valid private scalar (`0 < d < n`).
pub(crate) fn public_point(curve: Curve, d: &[u8]) -> SysResult<Option<(Vec<u8>, Vec<u8>)>> {
    let group = curve.group()?;
    let scalar = Bn::from_be(d)?;
    // SAFETY: `group` is valid; the order is owned by the static group and
    // only read while `group` lives (forever).
    let order = unsafe { lc::EC_GROUP_get0_order(group) };
    if order.is_null() {
        return Err(failed());
    }
    // SAFETY: both are valid BIGNUMs; BN_cmp only reads.
    let below_order = unsafe { lc::BN_cmp(scalar.as_ptr(), order) } < 0;
    if scalar.is_zero() || !below_order {
        return Ok(None);
    }

    let ctx = BnCtx::new()?;
    // SAFETY: `group` is a static group.
    let point = unsafe { Point::new(group) }?;
    // SAFETY: `point` belongs to `group`; generator scalar only (q and m
    // NULL), as EC_POINT_mul documents for computing n·G.
    check(unsafe {
        lc::EC_POINT_mul(
            group,
            point.0.as_ptr(),
            scalar.as_ptr(),
            ptr::null(),
            ptr::null(),
            ctx.as_ptr(),
        )
    })?;
    let len = curve.coordinate_len();
    let mut encoded = vec![0u8; 1 + 2 * len];
    // SAFETY: the point belongs to `group`; `encoded` is a live buffer of
    // `encoded.len()` bytes, which point2oct never writes past; it returns
    // the length written, or 0 on failure.
    let written = unsafe {
        lc::EC_POINT_point2oct(
            group,
            point.0.as_ptr(),
            lc::point_conversion_form_t::POINT_CONVERSION_UNCOMPRESSED,
            encoded.as_mut_ptr(),
            encoded.len(),
            ctx.as_ptr(),
        )
    };
    if written != encoded.len() {
        return Err(failed());
    }
    let y = encoded.split_off(1 + len);
    encoded.drain(..1);
    Ok(Some((encoded, y)))
}

/// A private EC key ready for `ECDSA_do_sign`.
pub(crate) struct EcSigningKey {
    key: NonNull<lc::EC_KEY>,
    coordinate_len: usize,
}

// SAFETY: the EC_KEY is fully built in `new` and never changed after:
// signing only reads it (`ECDSA_do_sign` takes a const pointer), which
// AWS-LC allows from any number of threads at once.
unsafe impl Send for EcSigningKey {}
unsafe impl Sync for EcSigningKey {}

impl Drop for EcSigningKey {
    fn drop(&mut self) {
        // SAFETY: the EC_KEY is ours; EC_KEY_free clears its private scalar.
        unsafe { lc::EC_KEY_free(self.key.as_ptr()) }
    }
}

impl EcSigningKey {
    /// `d` the private scalar, `point` the SEC 1 uncompressed public point;
    /// the key must pass `EC_KEY_check_key`.
    pub fn new(curve: Curve, d: &[u8], point: &[u8]) -> SysResult<EcSigningKey> {
        // SAFETY: a fresh EC_KEY for a built-in curve; null only on failure.
        let key = NonNull::new(unsafe { lc::EC_KEY_new_by_curve_name(curve.nid()) })
            .ok_or_else(failed)?;
        // From here `signing` owns the EC_KEY and frees it on every path.
        let signing = EcSigningKey {
            key,
            coordinate_len: curve.coordinate_len(),
        };
        signing.set_private(d)?;
        signing.set_public(point)?;
        // SAFETY: the key is ours and complete.
        check(unsafe { lc::EC_KEY_check_key(key.as_ptr()) })?;
        Ok(signing)
    }

    fn set_private(&self, d: &[u8]) -> SysResult<()> {
        let d = Bn::from_be(d)?;
        // SAFETY: EC_KEY_set_private_key copies the BIGNUM, which `Bn`
        // clears and frees when dropped.
        check(unsafe { lc::EC_KEY_set_private_key(self.key.as_ptr(), d.as_ptr()) })
    }

    fn set_public(&self, point: &[u8]) -> SysResult<()> {
        // SAFETY: the group belongs to the key and lives as long as it.
        let group = unsafe { lc::EC_KEY_get0_group(self.key.as_ptr()) };
        // SAFETY: `group` is the key's, which outlives this function and so
        // the point.
        let public = unsafe { Point::new(group) }?;
        // SAFETY: reads `point.len()` bytes of a live slice; the key copies
        // the point, which `public` frees whatever the outcome.
        let set = unsafe {
            lc::EC_POINT_oct2point(
                group,
                public.0.as_ptr(),
                point.as_ptr(),
                point.len(),
                ptr::null_mut(),
            ) == 1
                && lc::EC_KEY_set_public_key(self.key.as_ptr(), public.0.as_ptr()) == 1
        };
        if !set {
            return Err(failed());
        }
        Ok(())
    }

    /// The JOSE signature of a message with this `digest`: `r || s`, each
    /// the curve's coordinate length.
    #[inline]
    pub fn sign_digest(&self, digest: &[u8]) -> SysResult<Vec<u8>> {
        // SAFETY: reads `digest.len()` bytes of the digest and the key,
        // which nothing changes any more; returns a new ECDSA_SIG or null.
        let sig = unsafe { lc::ECDSA_do_sign(digest.as_ptr(), digest.len(), self.key.as_ptr()) };
        let sig = Signature(NonNull::new(sig).ok_or_else(failed)?);
        let len = self.coordinate_len;
        let mut out = vec![0; 2 * len];
        let (mut r, mut s) = (ptr::null(), ptr::null());
        // SAFETY: r and s point into `sig`, which outlives their use below;
        // BN_bn2bin_padded writes exactly `len` bytes into each half of
        // `out`, failing if a value does not fit.
        let written = unsafe {
            lc::ECDSA_SIG_get0(sig.0.as_ptr(), &mut r, &mut s);
            lc::BN_bn2bin_padded(out.as_mut_ptr(), len, r) == 1
                && lc::BN_bn2bin_padded(out[len..].as_mut_ptr(), len, s) == 1
        };
        if !written {
            return Err(failed());
        }
        Ok(out)
    }
}

/// An `ECDSA_SIG` until it is read.
struct Signature(NonNull<lc::ECDSA_SIG>);

impl Drop for Signature {
    fn drop(&mut self) {
        // SAFETY: the signature is ours.
        unsafe { lc::ECDSA_SIG_free(self.0.as_ptr()) }
    }
}
