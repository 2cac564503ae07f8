//! EC public point checks and public-point derivation on AWS-LC's built-in
//! groups. aws-lc-rs only validates an EC public key lazily (on first
//! verify) and has no "scalar times generator" API, so this goes to
//! aws-lc-sys, on the static group objects (never freed).

use std::ptr::NonNull;

use aws_lc_sys::{point_conversion_form_t, EC_GROUP, EC_POINT};

use super::bignum::{Bn, BnCtx, BnResult, Failed};
use super::material::EcCurve;

/// SEC 1 tag of an uncompressed point (`04 || x || y`).
const UNCOMPRESSED: u8 = 4;

fn group(curve: EcCurve) -> BnResult<*const EC_GROUP> {
    // SAFETY: these return pointers to static, immutable group objects (or
    // NULL on an allocation failure during their one-time initialisation).
    let group = unsafe {
        match curve {
            EcCurve::P256 => aws_lc_sys::EC_group_p256(),
            EcCurve::P384 => aws_lc_sys::EC_group_p384(),
            EcCurve::P521 => aws_lc_sys::EC_group_p521(),
            EcCurve::Secp256k1 => aws_lc_sys::EC_group_secp256k1(),
        }
    };
    if group.is_null() {
        Err(Failed)
    } else {
        Ok(group)
    }
}

/// A point on one group, freed on drop.
struct Point {
    group: *const EC_GROUP,
    ptr: NonNull<EC_POINT>,
}

impl Point {
    fn new(group: *const EC_GROUP) -> BnResult<Point> {
        // SAFETY: `group` is a valid static group from `group()`.
        let ptr = NonNull::new(unsafe { aws_lc_sys::EC_POINT_new(group) }).ok_or(Failed)?;
        Ok(Point { group, ptr })
    }

    /// `04 || x || y`, each coordinate `len` bytes.
    fn to_uncompressed(&self, len: usize, ctx: &BnCtx) -> BnResult<Vec<u8>> {
        let mut out = vec![0u8; 1 + 2 * len];
        // SAFETY: the point belongs to `self.group`; `out` is a live buffer of
        // `out.len()` bytes, which point2oct never writes past; it returns
        // the length written, or 0 on failure.
        let written = unsafe {
            aws_lc_sys::EC_POINT_point2oct(
                self.group,
                self.ptr.as_ptr(),
                point_conversion_form_t::POINT_CONVERSION_UNCOMPRESSED,
                out.as_mut_ptr(),
                out.len(),
                ctx.as_ptr(),
            )
        };
        if written != out.len() {
            // SAFETY: only clears this thread's error queue.
            unsafe { aws_lc_sys::ERR_clear_error() };
            return Err(Failed);
        }
        Ok(out)
    }
}

impl Drop for Point {
    fn drop(&mut self) {
        // SAFETY: owned pointer from EC_POINT_new, freed once.
        unsafe { aws_lc_sys::EC_POINT_free(self.ptr.as_ptr()) }
    }
}

/// Whether `(x, y)` (each exactly `curve.coordinate_len()` bytes) is a point
/// on the curve. The point at infinity has no such encoding, so it is never
/// accepted.
pub(crate) fn is_on_curve(curve: EcCurve, x: &[u8], y: &[u8]) -> BnResult<bool> {
    let len = curve.coordinate_len();
    if x.len() != len || y.len() != len {
        return Ok(false);
    }
    let group = group(curve)?;
    let ctx = BnCtx::new()?;
    let point = Point::new(group)?;
    let mut encoded = Vec::with_capacity(1 + 2 * len);
    encoded.push(UNCOMPRESSED);
    encoded.extend_from_slice(x);
    encoded.extend_from_slice(y);
    // SAFETY: `point` belongs to `group`; `encoded` is a live buffer of the
    // given length. oct2point rejects coordinates >= p and points off the
    // curve, returning 0.
    let decoded = unsafe {
        aws_lc_sys::EC_POINT_oct2point(
            group,
            point.ptr.as_ptr(),
            encoded.as_ptr(),
            encoded.len(),
            ctx.as_ptr(),
        )
    };
    if decoded != 1 {
        // SAFETY: only clears this thread's error queue.
        unsafe { aws_lc_sys::ERR_clear_error() };
        return Ok(false);
    }
    // Belt and braces: oct2point already checked this, but the check is
    // cheap and it is the property we promise.
    // SAFETY: as above; the call only reads.
    let on_curve =
        unsafe { aws_lc_sys::EC_POINT_is_on_curve(group, point.ptr.as_ptr(), ctx.as_ptr()) };
    Ok(on_curve == 1)
}

/// The public point `d·G` as fixed-length `(x, y)`, or `None` when `d` is not
/// a valid private scalar (`0 < d < n`).
pub(crate) fn public_from_private(
    curve: EcCurve,
    d: &[u8],
) -> BnResult<Option<(Vec<u8>, Vec<u8>)>> {
    let group = group(curve)?;
    let scalar = Bn::from_be(d)?;
    // SAFETY: `group` is valid; the order is owned by the static group and
    // only read while `group` lives (forever).
    let order = unsafe { aws_lc_sys::EC_GROUP_get0_order(group) };
    if order.is_null() {
        return Err(Failed);
    }
    // SAFETY: both are valid BIGNUMs; BN_cmp only reads.
    let below_order = unsafe { aws_lc_sys::BN_cmp(scalar.as_ptr(), order) } < 0;
    if scalar.is_zero() || !below_order {
        return Ok(None);
    }

    let ctx = BnCtx::new()?;
    let point = Point::new(group)?;
    // SAFETY: `point` belongs to `group`; generator scalar only (q and m
    // NULL), as EC_POINT_mul documents for computing n·G.
    let status = unsafe {
        aws_lc_sys::EC_POINT_mul(
            group,
            point.ptr.as_ptr(),
            scalar.as_ptr(),
            std::ptr::null(),
            std::ptr::null(),
            ctx.as_ptr(),
        )
    };
    if status != 1 {
        // SAFETY: only clears this thread's error queue.
        unsafe { aws_lc_sys::ERR_clear_error() };
        return Err(Failed);
    }
    let len = curve.coordinate_len();
    let encoded = point.to_uncompressed(len, &ctx)?;
    Ok(Some((
        encoded[1..1 + len].to_vec(),
        encoded[1 + len..].to_vec(),
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(text: &str) -> Vec<u8> {
        (0..text.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
            .collect()
    }

    // The P-256 generator (SEC 2): the public point of d = 1.
    const P256_GX: &str = "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296";
    const P256_GY: &str = "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5";

    #[test]
    fn generator_is_the_public_point_of_one() {
        let mut one = vec![0u8; 32];
        one[31] = 1;
        let (x, y) = public_from_private(EcCurve::P256, &one).unwrap().unwrap();
        assert_eq!((x.clone(), y.clone()), (hex(P256_GX), hex(P256_GY)));
        assert!(is_on_curve(EcCurve::P256, &x, &y).unwrap());
    }

    #[test]
    fn rejects_points_off_the_curve_and_bad_lengths() {
        let (x, mut y) = (hex(P256_GX), hex(P256_GY));
        y[31] ^= 1;
        assert!(!is_on_curve(EcCurve::P256, &x, &y).unwrap());
        assert!(!is_on_curve(EcCurve::P256, &x[1..], &y).unwrap());
        // The P-256 generator is not on secp256k1.
        assert!(!is_on_curve(EcCurve::Secp256k1, &x, &hex(P256_GY)).unwrap());
        assert!(!is_on_curve(EcCurve::P256, &[0xff; 32], &[0xff; 32]).unwrap());
    }

    #[test]
    fn rejects_scalars_out_of_range() {
        assert!(public_from_private(EcCurve::P256, &[0; 32])
            .unwrap()
            .is_none());
        assert!(public_from_private(EcCurve::P256, &[0xff; 32])
            .unwrap()
            .is_none());
        // n itself (the P-256 group order).
        let n = hex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");
        assert!(public_from_private(EcCurve::P256, &n).unwrap().is_none());
        let mut n_minus_one = n.clone();
        n_minus_one[31] -= 1;
        let (x, y) = public_from_private(EcCurve::P256, &n_minus_one)
            .unwrap()
            .unwrap();
        // (n - 1)·G = -G: same x, y = p - Gy.
        assert_eq!(x, hex(P256_GX));
        assert_ne!(y, hex(P256_GY));
    }

    #[test]
    fn derives_on_every_curve() {
        for curve in [
            EcCurve::P256,
            EcCurve::P384,
            EcCurve::P521,
            EcCurve::Secp256k1,
        ] {
            let mut d = vec![0u8; curve.coordinate_len()];
            d[curve.coordinate_len() - 1] = 7;
            let (x, y) = public_from_private(curve, &d).unwrap().unwrap();
            assert_eq!(x.len(), curve.coordinate_len());
            assert!(is_on_curve(curve, &x, &y).unwrap());
        }
    }
}
