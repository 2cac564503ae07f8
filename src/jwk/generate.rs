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

/// `JWK.generate(kty, crvOrSize, params, private)` as jose reads its
/// arguments: each is given as itself where its type is one jose checks
/// for, with the text jose's messages show for it (`${value}`; `None`
/// when making that text throws, as it does for a Symbol).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Request<'a> {
    /// `kty`, when it is a string.
    pub kty: Option<&'a str>,
    pub kty_text: Option<&'a str>,
    pub crv_or_size: CrvOrSize,
    pub crv_or_size_text: Option<&'a str>,
    pub private: bool,
    pub legacy_p256k: bool,
}

/// The `crvOrSize` argument: absent, a string (its text is the name), a
/// number, or another value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CrvOrSize {
    Absent,
    Name,
    Bits(f64),
    Other,
}

/// JavaScript's error for `${symbol}`.
fn symbol_text() -> Error {
    Error::type_error("Cannot convert a Symbol value to a string")
}

/// What to generate, with jose's defaults (RSA 2048 bits, P-256, Ed25519,
/// a 256-bit secret) and its errors, in its order.
pub fn spec(request: &Request<'_>) -> Result<GenerateSpec> {
    let crv = request.crv_or_size;
    // the curve asked for (`default` when none is)
    let curve = |default: &'static str| match crv {
        CrvOrSize::Absent => Ok(default),
        _ => request.crv_or_size_text.ok_or_else(symbol_text),
    };
    let unsupported = |family: &str, name: &str| {
        Error::not_supported(format!("unsupported {family} key curve: {name}"))
    };
    match request.kty {
        Some("RSA") => Ok(GenerateSpec::Rsa {
            bits: match crv {
                CrvOrSize::Absent => 2048,
                CrvOrSize::Bits(bits) if is_bit_length(bits) && bits >= f64::from(MIN_RSA_BITS) => {
                    to_u32(bits)?
                }
                _ => return Err(invalid_bit_length()),
            },
        }),
        Some("EC") => {
            let name = curve("P-256")?;
            match crv {
                CrvOrSize::Absent | CrvOrSize::Name => {
                    EcCurve::from_name(name, request.legacy_p256k)
                }
                _ => None,
            }
            .map(GenerateSpec::Ec)
            .ok_or_else(|| unsupported("EC", name))
        }
        Some("OKP") => {
            let name = curve("Ed25519")?;
            match crv {
                CrvOrSize::Absent | CrvOrSize::Name => OkpCurve::from_name(name),
                _ => None,
            }
            .map(GenerateSpec::Okp)
            .ok_or_else(|| unsupported("OKP", name))
        }
        Some("oct") => {
            if !request.private {
                return Err(Error::type_error(
                    "\"oct\" keys cannot be generated as public",
                ));
            }
            Ok(GenerateSpec::Oct {
                bits: match crv {
                    CrvOrSize::Absent => 256,
                    CrvOrSize::Bits(bits) if bits != 0.0 && is_bit_length(bits) => {
                        secret_bits(bits)?
                    }
                    _ => return Err(invalid_bit_length()),
                },
            })
        }
        _ => Err(Error::not_supported(format!(
            "unsupported key type: {}",
            request.kty_text.ok_or_else(symbol_text)?
        ))),
    }
}

/// A bit length as jose checks one: a safe integer, a multiple of 8.
fn is_bit_length(bits: f64) -> bool {
    const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;
    bits.fract() == 0.0 && bits.abs() <= MAX_SAFE_INTEGER && bits % 8.0 == 0.0
}

/// Sizes past a `u32` are more than this library generates.
fn to_u32(bits: f64) -> Result<u32> {
    if (0.0..=f64::from(u32::MAX)).contains(&bits) {
        Ok(bits as u32)
    } else {
        Err(invalid_bit_length())
    }
}

/// An `oct` secret's bit length: jose hands `bits / 8` to Node's
/// `randomBytes`, which refuses a negative size or one over 2^31 - 1
/// bytes with its `RangeError`.
fn secret_bits(bits: f64) -> Result<u32> {
    let bytes = bits / 8.0;
    if !(0.0..=2_147_483_647.0).contains(&bytes) {
        return Err(Error::new(
            crate::error::Kind::RangeError,
            format!(
                "The value of \"size\" is out of range. It must be >= 0 && <= 2147483647. Received {}",
                node_integer(bytes as i64)
            ),
        ));
    }
    to_u32(bits)
}

/// An integer as Node's range errors show it: `_` between groups of three
/// digits once it is over 2^32 in size.
fn node_integer(value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    let sign = if value < 0 { "-" } else { "" };
    if value.unsigned_abs() <= 1 << 32 {
        return format!("{sign}{digits}");
    }
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push('_');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped}")
}

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
/// from 512 up to AWS-LC's 16384 (jose 1.x asks for multiples of 8, which
/// `spec` checks; WebCrypto, and so jose 6, takes any size).
fn generate_rsa(bits: u32) -> Result<Material> {
    if !(MIN_RSA_BITS..=MAX_RSA_BITS).contains(&bits) {
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
    // an odd size takes one prime a bit longer than the other
    let half = bits / 2;
    for _ in 0..MAX_PRIME_PAIRS {
        let a = prime_coprime_to(bits - half, &e, &ctx)?;
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
