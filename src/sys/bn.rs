//! Owned AWS-LC `BIGNUM`s and the big-number arithmetic the key code needs
//! where aws-lc-rs has no API: RSA prime recovery and RSA key generation of
//! any size.
//!
//! [`Bn`] is the crate's one owner of `BIGNUM`s (the RSA and EC wrappers
//! build their keys from `Bn`s too), and it frees them with
//! `BN_clear_free`, as any of them may hold a private value.
//!
//! Every `unsafe` block here calls one AWS-LC function with pointers taken
//! from live owned values (`Bn`, `BnCtx`): never null, never freed while in
//! use, and outputs are always fresh values distinct from the inputs, so no
//! aliasing rules of AWS-LC come into play. Each return code is checked; a
//! failure becomes `Failed` and AWS-LC's thread-local error queue is cleared
//! so no stale entry leaks into a later aws-lc-rs call.

use std::cmp::Ordering;
use std::os::raw::c_int;
use std::ptr::{self, NonNull};

use aws_lc_sys::{BIGNUM, BN_CTX, BN_ULONG};
use zeroize::Zeroizing;

use super::{check, failed, Failed, SysResult};

/// A heap `BIGNUM` that is zeroed and freed on drop (it may hold a private
/// exponent or prime).
pub(crate) struct Bn(NonNull<BIGNUM>);

impl Bn {
    pub fn new() -> SysResult<Bn> {
        // SAFETY: BN_new has no preconditions; NULL (out of memory) is handled.
        NonNull::new(unsafe { aws_lc_sys::BN_new() })
            .map(Bn)
            .ok_or_else(failed)
    }

    /// From an unsigned big-endian integer (leading zeros allowed, empty is 0).
    pub fn from_be(bytes: &[u8]) -> SysResult<Bn> {
        let bn = Bn::new()?;
        // SAFETY: `bytes` is a live slice of `bytes.len()` bytes; `bn` is a
        // valid BIGNUM that BN_bin2bn overwrites and returns (or NULL).
        let out = unsafe { aws_lc_sys::BN_bin2bn(bytes.as_ptr(), bytes.len(), bn.0.as_ptr()) };
        if out.is_null() {
            return Err(failed());
        }
        Ok(bn)
    }

    pub fn from_u32(value: u32) -> SysResult<Bn> {
        let bn = Bn::new()?;
        // SAFETY: `bn` is a valid BIGNUM; a u32 always fits a BN_ULONG.
        check(unsafe { aws_lc_sys::BN_set_word(bn.0.as_ptr(), BN_ULONG::from(value)) })?;
        Ok(bn)
    }

    /// Minimal unsigned big-endian bytes; zero is `[0]`, as `trim_integer`
    /// has it.
    pub fn to_be(&self) -> Vec<u8> {
        // SAFETY: `self` is a live BIGNUM, unchanged during the call.
        unsafe { borrowed_to_be(self.as_ptr()) }.unwrap_or_else(|_| vec![0])
    }

    /// [`to_be`](Self::to_be) of a private value, wiped when dropped.
    pub fn to_secret_be(&self) -> Zeroizing<Vec<u8>> {
        Zeroizing::new(self.to_be())
    }

    pub fn bits(&self) -> u32 {
        // SAFETY: `self` is a valid BIGNUM; the call only reads it.
        unsafe { aws_lc_sys::BN_num_bits(self.as_ptr()) }
    }

    pub fn is_zero(&self) -> bool {
        // SAFETY: as in `bits`.
        unsafe { aws_lc_sys::BN_is_zero(self.as_ptr()) == 1 }
    }

    pub fn is_one(&self) -> bool {
        // SAFETY: as in `bits`.
        unsafe { aws_lc_sys::BN_is_one(self.as_ptr()) == 1 }
    }

    pub fn is_odd(&self) -> bool {
        // SAFETY: as in `bits`.
        unsafe { aws_lc_sys::BN_is_odd(self.as_ptr()) == 1 }
    }

    /// Number of trailing zero bits (0 for zero).
    pub fn low_zero_bits(&self) -> u32 {
        // SAFETY: as in `bits`. The result is never negative.
        let count = unsafe { aws_lc_sys::BN_count_low_zero_bits(self.as_ptr()) };
        u32::try_from(count).unwrap_or(0)
    }

    pub(super) fn as_ptr(&self) -> *const BIGNUM {
        self.0.as_ptr()
    }

    /// The pointer to hand to an AWS-LC `set0` call, which takes ownership
    /// when it succeeds; [`disown`](Self::disown) the `Bn` then.
    pub(super) fn as_mut_ptr(&mut self) -> *mut BIGNUM {
        self.0.as_ptr()
    }

    /// Lets go of the `BIGNUM` without freeing it, once AWS-LC owns it (a
    /// `set0` call succeeded); the owner then frees it with the key.
    pub(super) fn disown(self) {
        std::mem::forget(self);
    }
}

impl Drop for Bn {
    fn drop(&mut self) {
        // SAFETY: the pointer came from BN_new, is owned by `self` alone and
        // is never used again.
        unsafe { aws_lc_sys::BN_clear_free(self.0.as_ptr()) }
    }
}

// Values may be secret: debug output shows the size only.
impl std::fmt::Debug for Bn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Bn({} bits)", self.bits())
    }
}

impl PartialEq for Bn {
    fn eq(&self, other: &Bn) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Bn {}

impl PartialOrd for Bn {
    fn partial_cmp(&self, other: &Bn) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Bn {
    fn cmp(&self, other: &Bn) -> Ordering {
        // SAFETY: both are valid BIGNUMs; BN_cmp only reads them.
        unsafe { aws_lc_sys::BN_cmp(self.as_ptr(), other.as_ptr()) }.cmp(&0)
    }
}

/// Minimal unsigned big-endian bytes (zero is `[0]`) of a BIGNUM owned by
/// someone else, such as the components an `RSA` object lends out.
///
/// # Safety
/// `bn` must be NULL or point to a valid BIGNUM that stays alive and
/// unmodified for the duration of the call.
pub(super) unsafe fn borrowed_to_be(bn: *const BIGNUM) -> SysResult<Vec<u8>> {
    if bn.is_null() {
        return Err(Failed);
    }
    // SAFETY: `bn` is valid per this function's contract; the call only reads.
    let len = unsafe { aws_lc_sys::BN_num_bytes(bn) } as usize;
    if len == 0 {
        return Ok(vec![0]);
    }
    let mut out = vec![0u8; len];
    // SAFETY: as above; `out` has exactly BN_num_bytes(bn) bytes, the size
    // BN_bn2bin writes.
    unsafe { aws_lc_sys::BN_bn2bin(bn, out.as_mut_ptr()) };
    Ok(out)
}

/// AWS-LC's scratch space for multiplications and reductions.
pub(crate) struct BnCtx(NonNull<BN_CTX>);

impl BnCtx {
    pub fn new() -> SysResult<BnCtx> {
        // SAFETY: no preconditions; NULL (out of memory) is handled.
        NonNull::new(unsafe { aws_lc_sys::BN_CTX_new() })
            .map(BnCtx)
            .ok_or_else(failed)
    }

    pub(super) fn as_ptr(&self) -> *mut BN_CTX {
        self.0.as_ptr()
    }
}

impl Drop for BnCtx {
    fn drop(&mut self) {
        // SAFETY: owned pointer from BN_CTX_new, freed once.
        unsafe { aws_lc_sys::BN_CTX_free(self.0.as_ptr()) }
    }
}

/// `a - b`; fails instead of going negative, so every `Bn` stays unsigned.
pub(crate) fn sub(a: &Bn, b: &Bn) -> SysResult<Bn> {
    if a < b {
        return Err(Failed);
    }
    let mut r = Bn::new()?;
    // SAFETY: see the module comment.
    check(unsafe { aws_lc_sys::BN_sub(r.as_mut_ptr(), a.as_ptr(), b.as_ptr()) })?;
    Ok(r)
}

/// `a - 1`; fails for zero.
pub(crate) fn sub_one(a: &Bn) -> SysResult<Bn> {
    sub(a, &Bn::from_u32(1)?)
}

pub(crate) fn mul(a: &Bn, b: &Bn, ctx: &BnCtx) -> SysResult<Bn> {
    let mut r = Bn::new()?;
    // SAFETY: see the module comment.
    check(unsafe { aws_lc_sys::BN_mul(r.as_mut_ptr(), a.as_ptr(), b.as_ptr(), ctx.as_ptr()) })?;
    Ok(r)
}

/// Quotient and remainder of `a / b`; fails for `b == 0`.
pub(crate) fn div_rem(a: &Bn, b: &Bn, ctx: &BnCtx) -> SysResult<(Bn, Bn)> {
    let mut q = Bn::new()?;
    let mut r = Bn::new()?;
    // SAFETY: see the module comment; BN_div rejects a zero divisor itself.
    check(unsafe {
        aws_lc_sys::BN_div(
            q.as_mut_ptr(),
            r.as_mut_ptr(),
            a.as_ptr(),
            b.as_ptr(),
            ctx.as_ptr(),
        )
    })?;
    Ok((q, r))
}

/// `a mod m` in `[0, m)`.
pub(crate) fn modulo(a: &Bn, m: &Bn, ctx: &BnCtx) -> SysResult<Bn> {
    Ok(div_rem(a, m, ctx)?.1)
}

pub(crate) fn gcd(a: &Bn, b: &Bn, ctx: &BnCtx) -> SysResult<Bn> {
    let mut r = Bn::new()?;
    // SAFETY: see the module comment.
    check(unsafe { aws_lc_sys::BN_gcd(r.as_mut_ptr(), a.as_ptr(), b.as_ptr(), ctx.as_ptr()) })?;
    Ok(r)
}

/// `a⁻¹ mod m`; fails when there is none.
pub(crate) fn mod_inverse(a: &Bn, m: &Bn, ctx: &BnCtx) -> SysResult<Bn> {
    let mut r = Bn::new()?;
    // SAFETY: see the module comment; BN_mod_inverse returns `r` or NULL.
    let out =
        unsafe { aws_lc_sys::BN_mod_inverse(r.as_mut_ptr(), a.as_ptr(), m.as_ptr(), ctx.as_ptr()) };
    if out.is_null() {
        return Err(failed());
    }
    Ok(r)
}

/// `a^p mod m` without secret-dependent timing; `m` must be odd and
/// `a < m` (AWS-LC checks both and fails otherwise).
pub(crate) fn mod_exp_secret(a: &Bn, p: &Bn, m: &Bn, ctx: &BnCtx) -> SysResult<Bn> {
    let mut r = Bn::new()?;
    // SAFETY: see the module comment; a NULL Montgomery context asks AWS-LC
    // to build (and free) its own.
    check(unsafe {
        aws_lc_sys::BN_mod_exp_mont_consttime(
            r.as_mut_ptr(),
            a.as_ptr(),
            p.as_ptr(),
            m.as_ptr(),
            ctx.as_ptr(),
            ptr::null(),
        )
    })?;
    Ok(r)
}

/// `a² mod m` for `a < m`.
pub(crate) fn mod_square(a: &Bn, m: &Bn, ctx: &BnCtx) -> SysResult<Bn> {
    let mut r = Bn::new()?;
    // SAFETY: see the module comment.
    check(unsafe {
        aws_lc_sys::BN_mod_mul(
            r.as_mut_ptr(),
            a.as_ptr(),
            a.as_ptr(),
            m.as_ptr(),
            ctx.as_ptr(),
        )
    })?;
    Ok(r)
}

/// `a >> n`.
pub(crate) fn shift_right(a: &Bn, n: u32) -> SysResult<Bn> {
    let n = c_int::try_from(n).map_err(|_| Failed)?;
    let mut r = Bn::new()?;
    // SAFETY: see the module comment.
    check(unsafe { aws_lc_sys::BN_rshift(r.as_mut_ptr(), a.as_ptr(), n) })?;
    Ok(r)
}

/// A uniformly random value in `[min, max_exclusive)`.
pub(crate) fn random_range(min: u32, max_exclusive: &Bn) -> SysResult<Bn> {
    let mut r = Bn::new()?;
    // SAFETY: see the module comment; AWS-LC fails when the range is empty.
    check(unsafe {
        aws_lc_sys::BN_rand_range_ex(r.as_mut_ptr(), BN_ULONG::from(min), max_exclusive.as_ptr())
    })?;
    Ok(r)
}

/// A random probable prime of exactly `bits` bits whose two top bits are
/// set, so the product of two such primes has exactly `2 * bits` bits.
pub(crate) fn generate_prime(bits: u32) -> SysResult<Bn> {
    let bits = c_int::try_from(bits).map_err(|_| Failed)?;
    let mut r = Bn::new()?;
    // SAFETY: see the module comment; no `add`/`rem` constraint and no
    // progress callback (NULL is allowed for all three).
    check(unsafe {
        aws_lc_sys::BN_generate_prime_ex(
            r.as_mut_ptr(),
            bits,
            0,
            ptr::null(),
            ptr::null(),
            ptr::null_mut(),
        )
    })?;
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(v: u32) -> Bn {
        Bn::from_u32(v).unwrap()
    }

    #[test]
    fn round_trips_big_endian() {
        let bn = Bn::from_be(&[0, 0, 1, 2, 3]).unwrap();
        assert_eq!(bn.to_be(), vec![1, 2, 3]);
        assert_eq!(bn.bits(), 17);
        assert_eq!(Bn::from_be(&[]).unwrap().to_be(), vec![0]);
        assert!(Bn::from_be(&[0, 0]).unwrap().is_zero());
    }

    #[test]
    fn arithmetic() {
        let ctx = BnCtx::new().unwrap();
        assert_eq!(mul(&n(6), &n(7), &ctx).unwrap(), n(42));
        assert_eq!(sub(&n(7), &n(6)).unwrap(), n(1));
        assert!(sub(&n(6), &n(7)).is_err());
        assert!(sub_one(&n(0)).is_err());
        let (q, r) = div_rem(&n(43), &n(7), &ctx).unwrap();
        assert_eq!((q, r), (n(6), n(1)));
        assert!(div_rem(&n(1), &n(0), &ctx).is_err());
        assert_eq!(gcd(&n(12), &n(18), &ctx).unwrap(), n(6));
        assert_eq!(mod_inverse(&n(3), &n(7), &ctx).unwrap(), n(5));
        assert!(mod_inverse(&n(3), &n(9), &ctx).is_err());
        assert_eq!(
            mod_exp_secret(&n(4), &n(13), &n(497), &ctx).unwrap(),
            n(445)
        );
        assert!(mod_exp_secret(&n(4), &n(13), &n(496), &ctx).is_err());
        assert_eq!(mod_square(&n(10), &n(7), &ctx).unwrap(), n(2));
        assert_eq!(shift_right(&n(40), 3).unwrap(), n(5));
        assert_eq!(n(40).low_zero_bits(), 3);
        assert!(n(1).is_one() && n(3).is_odd() && !n(4).is_odd());
    }

    #[test]
    fn secret_bytes_round_trip() {
        let bn = Bn::from_be(&[0, 7, 8]).unwrap();
        let bytes = bn.to_secret_be();
        crate::jwk::material::assert_wiped(&bytes);
        assert_eq!(*bytes, vec![7, 8]);
    }

    /// Every `BIGNUM` the crate frees may hold a private value, so none is
    /// freed with `BN_free`, which (unlike `BN_clear_free`, used by `Bn`)
    /// promises no wiping: each goes through `Bn` or is handed to AWS-LC.
    #[test]
    fn no_bignum_is_freed_without_clearing() {
        let unclearing = concat!("BN_", "free(");
        let mut dirs = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
        let mut sources = 0;
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|ext| ext == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    assert!(
                        !text.contains(unclearing),
                        "{} frees a BIGNUM without clearing it",
                        path.display()
                    );
                    sources += 1;
                }
            }
        }
        assert!(sources > 50, "only {sources} sources found");
    }

    #[test]
    fn randomness_and_primes() {
        let r = random_range(2, &n(5)).unwrap();
        assert!(r >= n(2) && r < n(5));
        assert!(random_range(5, &n(5)).is_err());
        let p = generate_prime(64).unwrap();
        assert_eq!(p.bits(), 64);
        assert!(p.is_odd());
    }
}
