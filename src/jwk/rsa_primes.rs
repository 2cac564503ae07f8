//! jose's `calculateMissingRSAPrimes`: rebuilding a full RSA private key from
//! `n`, `e` and `d` alone.
//!
//! The method is the usual one (NIST SP 800-56B rev. 2, appendix C.2):
//! `k = d·e − 1` is a multiple of λ(n), so `g^k ≡ 1 (mod n)` for every `g`.
//! Writing `k = 2^t·r` with `r` odd, the sequence `g^r, g^2r, …, g^k` ends
//! in 1, and the element just before the first 1 is a square root of 1. When
//! that root is not ±1 (probability ≥ 1/2 for a random `g`),
//! `gcd(root − 1, n)` is a prime factor.

use super::material::RsaPrivate;
use super::validate;
use crate::error::{Error, Kind, Result};
use crate::sys::bn::{self, Bn, BnCtx};
use crate::sys::SysResult;

/// Random bases to try before giving up. A real key fails each one with
/// probability at most 1/2, so all of them with at most 2^-40.
const MAX_ATTEMPTS: u32 = 40;

/// The largest modulus AWS-LC will use (and so the largest worth factoring).
const MAX_MODULUS_BITS: u32 = 16384;

/// Recovers p, q, dp, dq, qi from n, e, d (jose's calculateMissingRSAPrimes option).
///
/// As jose does, `p` is the larger prime, and `d >= n` is
/// `JWKInvalid("invalid RSA private exponent")`. Anything else that does not
/// give a consistent key is `JWKImportFailed("failed to calculate missing
/// primes")`, jose's error for it.
pub fn recover(n: &[u8], e: &[u8], d: &[u8]) -> Result<RsaPrivate> {
    let (n_bn, e_bn, d_bn) = (integer(n)?, integer(e)?, integer(d)?);
    if d_bn >= n_bn {
        return Err(Error::jwk_invalid("invalid RSA private exponent"));
    }
    if !n_bn.is_odd()
        || n_bn.bits() > MAX_MODULUS_BITS
        || e_bn.bits() > n_bn.bits()
        || d_bn.is_zero()
    {
        return Err(failed());
    }
    let key = complete(&n_bn, &e_bn, &d_bn)
        .map_err(|_| failed())?
        .ok_or_else(failed)?;
    // The factors came from arithmetic on untrusted input; keep them only if
    // the whole key is one AWS-LC would use.
    match validate::rsa_private_is_consistent(n, e, &key) {
        Ok(true) => Ok(key),
        _ => Err(failed()),
    }
}

fn failed() -> Error {
    Error::new(Kind::JwkImportFailed, "failed to calculate missing primes")
}

fn integer(bytes: &[u8]) -> Result<Bn> {
    if bytes.is_empty() {
        return Err(failed());
    }
    Bn::from_be(bytes).map_err(|_| failed())
}

/// The private key with its CRT parts, or `None` when `n` would not factor.
fn complete(n: &Bn, e: &Bn, d: &Bn) -> SysResult<Option<RsaPrivate>> {
    let ctx = BnCtx::new()?;
    let Some((a, b)) = factor(n, e, d, &ctx)? else {
        return Ok(None);
    };
    let (p, q) = if a > b { (a, b) } else { (b, a) };
    crt_private(d, &p, &q, &ctx).map(Some)
}

/// The private key of `d` and its primes `p` > `q`, with the CRT parts
/// (dp, dq, qi) computed: for a key generated here or a JWK without them.
pub(crate) fn crt_private(d: &Bn, p: &Bn, q: &Bn, ctx: &BnCtx) -> SysResult<RsaPrivate> {
    let dp = bn::modulo(d, &bn::sub_one(p)?, ctx)?;
    let dq = bn::modulo(d, &bn::sub_one(q)?, ctx)?;
    let qi = bn::mod_inverse(q, p, ctx)?;
    Ok(RsaPrivate {
        d: d.to_secret_be(),
        p: p.to_secret_be(),
        q: q.to_secret_be(),
        dp: dp.to_secret_be(),
        dq: dq.to_secret_be(),
        qi: qi.to_secret_be(),
    })
}

/// Two factors of `n` with `p · q = n`, found from `k = d·e − 1`.
fn factor(n: &Bn, e: &Bn, d: &Bn, ctx: &BnCtx) -> SysResult<Option<(Bn, Bn)>> {
    let k = bn::sub_one(&bn::mul(d, e, ctx)?)?;
    // λ(n) is even, so a valid k is a non-zero even number.
    let t = k.low_zero_bits();
    if k.is_zero() || t == 0 {
        return Ok(None);
    }
    let r = bn::shift_right(&k, t)?;
    let minus_one = bn::sub_one(n)?;

    for _ in 0..MAX_ATTEMPTS {
        // g in [2, n - 2]: 1 and n - 1 only ever give the trivial roots.
        let g = bn::random_range(2, &minus_one)?;
        let shared = bn::gcd(&g, n, ctx)?;
        if !shared.is_one() {
            // A base sharing a factor with n hands us that factor directly.
            return split(n, shared, ctx);
        }
        match square_root_of_one(&g, &r, t, n, &minus_one, ctx)? {
            Root::Nontrivial(y) => return split(n, bn::gcd(&bn::sub_one(&y)?, n, ctx)?, ctx),
            Root::Trivial => continue,
            // g^k ≠ 1: k is not a multiple of λ(n), so d does not belong to
            // (n, e). No other base can do better.
            Root::NotOne => return Ok(None),
        }
    }
    Ok(None)
}

enum Root {
    /// `y² ≡ 1` with `y ≢ ±1`.
    Nontrivial(Bn),
    /// The sequence reached 1 only through −1: this base tells nothing.
    Trivial,
    /// `g^k ≢ 1 (mod n)`.
    NotOne,
}

/// Walks `g^r, g^2r, …, g^(2^t·r)` (mod n) looking for a square root of 1.
fn square_root_of_one(
    g: &Bn,
    r: &Bn,
    t: u32,
    n: &Bn,
    minus_one: &Bn,
    ctx: &BnCtx,
) -> SysResult<Root> {
    let mut y = bn::mod_exp_secret(g, r, n, ctx)?;
    if y.is_one() || y == *minus_one {
        return Ok(Root::Trivial);
    }
    for _ in 0..t {
        let next = bn::mod_square(&y, n, ctx)?;
        if next.is_one() {
            return Ok(Root::Nontrivial(y));
        }
        if next == *minus_one {
            return Ok(Root::Trivial);
        }
        y = next;
    }
    Ok(Root::NotOne)
}

/// `(p, n / p)` when `p` is a proper divisor of `n`.
fn split(n: &Bn, p: Bn, ctx: &BnCtx) -> SysResult<Option<(Bn, Bn)>> {
    if p.is_one() || p >= *n {
        return Ok(None);
    }
    let (q, remainder) = bn::div_rem(n, &p, ctx)?;
    if !remainder.is_zero() {
        return Ok(None);
    }
    Ok(Some((p, q)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwk::test_keys::{field, fixtures, node_rsa};

    fn assert_same(a: &RsaPrivate, b: &RsaPrivate) {
        assert!(a == b, "recovered key differs");
    }

    /// The error of a recovery expected to fail (`RsaPrivate` has no
    /// `Debug`, on purpose, so no `unwrap_err`).
    fn recover_error(n: &[u8], e: &[u8], d: &[u8]) -> Error {
        recover(n, e, d).err().expect("recovery should fail")
    }

    #[test]
    fn recovers_node_key_exactly_and_in_jose_order() {
        let (n, e, private) = node_rsa();
        let recovered = recover(&n, &e, &private.d).unwrap();
        assert_same(&recovered, &private);

        // jose@1.28.2's own recovery of the same key (see node-keys.js).
        let jose = &fixtures()["joseRecovered"];
        for (name, ours) in [
            ("p", &recovered.p),
            ("q", &recovered.q),
            ("dp", &recovered.dp),
            ("dq", &recovered.dq),
            ("qi", &recovered.qi),
        ] {
            assert_eq!(&field(jose, name), &**ours, "{name}");
        }
        assert!(Bn::from_be(&recovered.p).unwrap() > Bn::from_be(&recovered.q).unwrap());
    }

    #[test]
    fn private_exponent_not_below_n_is_jwk_invalid() {
        let (n, e, _) = node_rsa();
        let err = recover_error(&n, &e, &n);
        assert_eq!(err, Error::jwk_invalid("invalid RSA private exponent"));
    }

    #[test]
    fn wrong_private_exponent_fails_promptly() {
        let (n, e, private) = node_rsa();
        let mut d = private.d.clone();
        let last = d.len() - 1;
        d[last] ^= 2;
        let started = std::time::Instant::now();
        let err = recover_error(&n, &e, &d);
        assert_eq!(err.kind, Kind::JwkImportFailed);
        assert_eq!(err.message, "failed to calculate missing primes");
        // Bogus input is detected on the first base, not after 40.
        assert!(started.elapsed() < std::time::Duration::from_secs(5));

        // The right d with another e.
        assert_eq!(
            recover_error(&n, &[3], &private.d).kind,
            Kind::JwkImportFailed
        );
    }

    #[test]
    fn malformed_integers_fail_without_panicking() {
        let (n, e, private) = node_rsa();
        let mut even_n = n.clone();
        *even_n.last_mut().unwrap() &= 0xfe;
        let cases: [(&[u8], &[u8], &[u8]); 8] = [
            (&[], &e, &private.d),
            (&n, &[], &private.d),
            (&n, &e, &[]),
            (&n, &e, &[0]),
            (&even_n, &e, &private.d),
            (&[15], &[3], &[5]),
            (&[3], &[1], &[1]),
            (&n, &[1], &[1]),
        ];
        for (n, e, d) in cases {
            assert!(recover(n, e, d).is_err());
        }
    }

    #[test]
    fn recovers_the_smallest_keys() {
        // n = 15, e = d = 3: 3·3 − 1 = 8 is a multiple of λ(15) = 4.
        let key = recover(&[15], &[3], &[3]).unwrap();
        assert_eq!((&*key.p, &*key.q), (&vec![5], &vec![3]));
    }

    #[test]
    fn recovers_a_tiny_textbook_key() {
        // p = 61, q = 53, n = 3233, e = 17, d = 413 (d mod λ(n) = 780).
        let key = recover(&[0x0c, 0xa1], &[17], &[0x01, 0x9d]).unwrap();
        assert_eq!((&*key.p, &*key.q), (&vec![61], &vec![53]));
        assert_eq!(
            (&*key.dp, &*key.dq, &*key.qi),
            (&vec![53], &vec![49], &vec![38])
        );
    }
}
