//! EC public point checks and public-point derivation on AWS-LC's built-in
//! groups. aws-lc-rs only validates an EC public key lazily (on first
//! verify) and has no "scalar times generator" API, so this goes to
//! AWS-LC's C API through `sys::ec`.

use super::material::EcCurve;
use crate::sys::{self, SysResult};

/// Whether `(x, y)` (each exactly `curve.coordinate_len()` bytes) is a point
/// on the curve. The point at infinity has no such encoding, so it is never
/// accepted.
pub(crate) fn is_on_curve(curve: EcCurve, x: &[u8], y: &[u8]) -> SysResult<bool> {
    sys::ec::is_on_curve(curve.into(), x, y)
}

/// The public point `d·G` as fixed-length `(x, y)`, or `None` when `d` is not
/// a valid private scalar (`0 < d < n`).
pub(crate) fn public_from_private(
    curve: EcCurve,
    d: &[u8],
) -> SysResult<Option<(Vec<u8>, Vec<u8>)>> {
    sys::ec::public_point(curve.into(), d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwa::test_vectors::hex;

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
