//! Fresh keys for `JWK.generate`/`generateSync`. Always private keys (or
//! secrets); the caller derives the public form when asked for one.

use aws_lc_rs::encoding::AsBigEndian;
use aws_lc_rs::signature::{self, EcdsaKeyPair, EcdsaSigningAlgorithm, KeyPair};
use zeroize::Zeroizing;

use super::material::{pad_secret, EcCurve, Material, OkpCurve, RsaPrivate};
use super::validate;
use crate::error::{Error, Result};
use crate::jwa::curve448;
use crate::sys::bn::{self, Bn, BnCtx};
use crate::sys::rsa::Rsa;
use crate::sys::{Failed, SysResult};

/// What to generate. `bits` is the modulus size for RSA and the secret size
/// for oct, as jose's `JWK.generate(kty, crvOrSize)` takes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GenerateSpec {
    Rsa { bits: u32 },
    Ec(EcCurve),
    Okp(OkpCurve),
    Oct { bits: u32 },
}

/// jose's smallest RSA key.
const MIN_RSA_BITS: u32 = 512;
/// The largest modulus AWS-LC will load (`RSA_check_key`); larger keys
/// could be made but never used.
const MAX_RSA_BITS: u32 = 16384;
/// e = 65537, as Node and jose use.
const RSA_F4: u32 = 65537;
/// Prime pairs to draw before giving up on the (astronomically unlikely)
/// case that none is acceptable.
const MAX_PRIME_PAIRS: u32 = 64;

pub fn generate(spec: GenerateSpec) -> Result<Material> {
    match spec {
        GenerateSpec::Rsa { bits } => generate_rsa(bits),
        GenerateSpec::Ec(curve) => generate_ec(curve),
        GenerateSpec::Okp(curve) => generate_okp(curve),
        GenerateSpec::Oct { bits } => generate_oct(bits),
    }
}

fn invalid_bit_length() -> Error {
    Error::type_error("invalid bit length")
}

/// Key generation failing means AWS-LC or the system RNG failed; there is
/// no jose error for that, so it is reported as an unsupported operation.
fn generation_failed() -> Error {
    Error::not_supported("key generation failed")
}

fn generate_oct(bits: u32) -> Result<Material> {
    if bits == 0 || !bits.is_multiple_of(8) {
        return Err(invalid_bit_length());
    }
    let mut k = Zeroizing::new(vec![0u8; (bits / 8) as usize]);
    aws_lc_rs::rand::fill(&mut k).map_err(|_| generation_failed())?;
    Ok(Material::Oct { k })
}

fn generate_okp(curve: OkpCurve) -> Result<Material> {
    let (d, x) = match curve {
        // Ed25519 and X25519 private keys are 32 uniformly random bytes;
        // the public key follows from them.
        OkpCurve::Ed25519 | OkpCurve::X25519 => {
            let mut d = Zeroizing::new(vec![0u8; curve.private_len()]);
            aws_lc_rs::rand::fill(&mut d).map_err(|_| generation_failed())?;
            let x = validate::okp_public(curve, &d).map_err(|_| generation_failed())?;
            (d, x)
        }
        OkpCurve::Ed448 => curve448::ed448_generate()?,
        OkpCurve::X448 => curve448::x448_generate()?,
    };
    Ok(Material::Okp {
        curve,
        x,
        d: Some(d),
    })
}

fn generate_ec(curve: EcCurve) -> Result<Material> {
    let algorithm: &'static EcdsaSigningAlgorithm = match curve {
        EcCurve::P256 => &signature::ECDSA_P256_SHA256_FIXED_SIGNING,
        EcCurve::P384 => &signature::ECDSA_P384_SHA384_FIXED_SIGNING,
        EcCurve::P521 => &signature::ECDSA_P521_SHA512_FIXED_SIGNING,
        EcCurve::Secp256k1 => &signature::ECDSA_P256K1_SHA256_FIXED_SIGNING,
    };
    let pair = EcdsaKeyPair::generate(algorithm).map_err(|_| generation_failed())?;
    let len = curve.coordinate_len();
    let scalar = pair
        .private_key()
        .as_be_bytes()
        .map_err(|_| generation_failed())?;
    let d = pad_secret(scalar.as_ref(), len).ok_or_else(generation_failed)?;
    // The public key is the uncompressed SEC 1 point 04 || x || y.
    let point = pair.public_key().as_ref();
    if point.len() != 1 + 2 * len || point[0] != 4 {
        return Err(generation_failed());
    }
    Ok(Material::Ec {
        curve,
        x: point[1..1 + len].to_vec(),
        y: point[1 + len..].to_vec(),
        d: Some(d),
    })
}

/// RSA with e = 65537 and a modulus of exactly `bits` bits, for any size
/// jose accepts (at least 512, a multiple of 8) up to AWS-LC's 16384.
fn generate_rsa(bits: u32) -> Result<Material> {
    if !(MIN_RSA_BITS..=MAX_RSA_BITS).contains(&bits) || !bits.is_multiple_of(8) {
        return Err(invalid_bit_length());
    }
    // AWS-LC's generator rounds the size down to a multiple of 128 bits, so
    // it serves only those sizes; other sizes (1032, 520, ...) are built
    // from two primes here, as Node builds them.
    let generated = if bits.is_multiple_of(128) {
        generate_rsa_with_aws_lc(bits)
    } else {
        generate_rsa_from_primes(bits)
    };
    let (n, e, private) = generated.map_err(|_| generation_failed())?;
    // A self-check as cheap as it is reassuring: the key must be one AWS-LC
    // accepts, with the size asked for.
    let consistent = validate::rsa_private_is_consistent(&n, &e, &private).unwrap_or(false);
    if !consistent || Bn::from_be(&n).map(|n| n.bits()) != Ok(bits) {
        return Err(generation_failed());
    }
    Ok(Material::Rsa {
        n,
        e,
        private: Some(Box::new(private)),
    })
}

type RsaParts = (Vec<u8>, Vec<u8>, RsaPrivate);

fn generate_rsa_with_aws_lc(bits: u32) -> SysResult<RsaParts> {
    let e = Bn::from_u32(RSA_F4)?;
    let key = Rsa::generate(bits, &e)?;
    rsa_parts(&key)
}

/// Copies the eight components out of a generated key.
fn rsa_parts(key: &Rsa) -> SysResult<RsaParts> {
    // Wiped when dropped: all but the first two are private.
    let [mut n, mut e, d, p, q, dp, dq, qi] = key.components()?;
    // n and e are public: moved out of their wrappers, not copied.
    Ok((
        std::mem::take(&mut *n),
        std::mem::take(&mut *e),
        RsaPrivate {
            d,
            p,
            q,
            dp,
            dq,
            qi,
        },
    ))
}

/// Builds a key from two fresh primes of `bits / 2` bits each, following
/// FIPS 186-4 appendix B.3.3's acceptance rules: gcd(e, p − 1) = 1,
/// |p − q| > 2^(bits/2 − 100), d > 2^(bits/2), d = e⁻¹ mod lcm(p − 1, q − 1).
fn generate_rsa_from_primes(bits: u32) -> SysResult<RsaParts> {
    let ctx = BnCtx::new()?;
    let e = Bn::from_u32(RSA_F4)?;
    let half = bits / 2;
    for _ in 0..MAX_PRIME_PAIRS {
        let a = prime_coprime_to(half, &e, &ctx)?;
        let b = prime_coprime_to(half, &e, &ctx)?;
        let (p, q) = if a > b { (a, b) } else { (b, a) };
        // Primes this close would let Fermat's method factor n.
        if bn::sub(&p, &q)?.bits() <= half.saturating_sub(100) {
            continue;
        }
        // Both primes have their top two bits set, so n has exactly `bits`.
        let n = bn::mul(&p, &q, &ctx)?;
        let (p1, q1) = (bn::sub_one(&p)?, bn::sub_one(&q)?);
        let lambda = bn::div_rem(&bn::mul(&p1, &q1, &ctx)?, &bn::gcd(&p1, &q1, &ctx)?, &ctx)?.0;
        let d = bn::mod_inverse(&e, &lambda, &ctx)?;
        if d.bits() <= half || n.bits() != bits {
            continue;
        }
        let private = super::rsa_primes::crt_private(&d, &p, &q, &ctx)?;
        return Ok((n.to_be(), e.to_be(), private));
    }
    Err(Failed)
}

/// A random `bits`-bit prime `p` with gcd(e, p − 1) = 1, so `e` is
/// invertible. With e = 65537 prime, one draw in 65537 is refused.
fn prime_coprime_to(bits: u32, e: &Bn, ctx: &BnCtx) -> SysResult<Bn> {
    for _ in 0..MAX_PRIME_PAIRS {
        let p = bn::generate_prime(bits)?;
        if bn::gcd(&bn::sub_one(&p)?, e, ctx)?.is_one() {
            return Ok(p);
        }
    }
    Err(Failed)
}

#[cfg(test)]
mod tests;
