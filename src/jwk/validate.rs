//! The last step of every key import: fill in public parts the encoding did
//! not carry and refuse material that is not a usable key.
//!
//! What is refused follows Node (and so jose 1.x) where Node is strict, and
//! is stricter where Node accepts keys AWS-LC could never use:
//! - RSA public keys: Node takes any non-empty `n` and `e` (even, tiny or
//!   16k+ bit moduli, `e` of 1 or 2), so we do too.
//! - RSA private keys: Node takes inconsistent components and quietly falls
//!   back to `d`; AWS-LC refuses such keys at first use, so they are refused
//!   here, at import (`RSA_check_key`: `p·q = n`, `d·e ≡ 1` mod `p-1` and
//!   `q-1`, CRT values exact, modulus at most 16384 bits).
//! - EC: the public point must be on the curve and the private scalar in
//!   `[1, n)` and matching the point.
//! - OKP: see [`finish`].
//! - oct: any secret, the empty one included (jose accepts `k: ""`).

use aws_lc_rs::agreement;
use aws_lc_rs::signature::{Ed25519KeyPair, KeyPair};

use super::ec_point;
use super::material::{
    pad_secret, pad_to, trim_integer, trim_secret, EcCurve, Material, OkpCurve, RsaPrivate,
    SecretBytes,
};
use crate::error::{Error, Result};
use crate::jwa::curve448;
use crate::sys::bn::Bn;
use crate::sys::rsa::Rsa;
use crate::sys::SysResult;

/// Completes and checks material that came from an import: derives missing
/// public parts (an import may leave EC `x`/`y` or OKP `x` EMPTY when the
/// encoding did not carry them), and rejects what is not a usable key.
///
/// OKP private keys: the public key is always derived from `d`. A given `x`
/// that differs from the derived one is rejected with `JWKImportFailed`.
/// (jose 1.x silently ignores a private JWK's `x` and derives it; we derive
/// too, but reject the mismatch rather than hide it.)
///
/// Every failure is `JWKImportFailed` ("key import failed").
pub fn finish(m: Material) -> Result<Material> {
    match m {
        Material::Rsa { n, e, private } => finish_rsa(n, e, private),
        Material::Ec { curve, x, y, d } => finish_ec(curve, x, y, d),
        Material::Okp { curve, x, d } => finish_okp(curve, x, d),
        Material::Oct { k } => Ok(Material::Oct { k }),
    }
}

fn finish_rsa(n: Vec<u8>, e: Vec<u8>, private: Option<Box<RsaPrivate>>) -> Result<Material> {
    // jose fails on an empty `n` or `e` (it cannot encode them); anything
    // else public is Node's to accept, and Node accepts it.
    if n.is_empty() || e.is_empty() {
        return Err(Error::import_failed());
    }
    let (n, e) = (trim_integer(&n), trim_integer(&e));
    let private = match private {
        None => None,
        Some(key) => Some(Box::new(finish_rsa_private(&n, &e, *key)?)),
    };
    Ok(Material::Rsa { n, e, private })
}

fn finish_rsa_private(n: &[u8], e: &[u8], key: RsaPrivate) -> Result<RsaPrivate> {
    let parts = [&key.d, &key.p, &key.q, &key.dp, &key.dq, &key.qi];
    if parts.iter().any(|part| part.is_empty()) {
        return Err(Error::import_failed());
    }
    let key = RsaPrivate {
        d: trim_secret(&key.d),
        p: trim_secret(&key.p),
        q: trim_secret(&key.q),
        dp: trim_secret(&key.dp),
        dq: trim_secret(&key.dq),
        qi: trim_secret(&key.qi),
    };
    match rsa_private_is_consistent(n, e, &key) {
        Ok(true) => Ok(key),
        _ => Err(Error::import_failed()),
    }
}

/// Whether AWS-LC accepts `(n, e, d, p, q, dp, dq, qi)` as one RSA private
/// key (`RSA_check_key`, with public exponents above 33 bits allowed as
/// Node allows them), and `0 < d < n`, which `RSA_check_key` leaves open.
pub(crate) fn rsa_private_is_consistent(n: &[u8], e: &[u8], key: &RsaPrivate) -> SysResult<bool> {
    let n = Bn::from_be(n)?;
    let e = Bn::from_be(e)?;
    let private = key.bns()?;
    if private.d.is_zero() || private.d >= n {
        return Ok(false);
    }
    // The key is freed at once; a refusal by RSA_check_key (or running out
    // of memory, which we also report as "not usable") is `Err`.
    Ok(Rsa::new_private_large_e(&n, &e, &private).is_ok())
}

fn finish_ec(curve: EcCurve, x: Vec<u8>, y: Vec<u8>, d: Option<SecretBytes>) -> Result<Material> {
    let len = curve.coordinate_len();
    let d = d
        .map(|d| {
            check_length(&d, len)?;
            pad_secret(&d, len).ok_or_else(Error::import_failed)
        })
        .transpose()?;
    let derived = match &d {
        Some(d) => Some(
            ec_point::public_from_private(curve, d)
                .map_err(|_| Error::import_failed())?
                .ok_or_else(Error::import_failed)?,
        ),
        None => None,
    };
    let (x, y) = match (x.is_empty() && y.is_empty(), derived) {
        // The encoding carried only the private scalar.
        (true, Some(public)) => public,
        (false, derived) => {
            let public = (fixed_length(&x, len)?, fixed_length(&y, len)?);
            if derived.is_some_and(|derived| derived != public) {
                return Err(Error::import_failed());
            }
            public
        }
        (true, None) => return Err(Error::import_failed()),
    };
    if !ec_point::is_on_curve(curve, &x, &y).map_err(|_| Error::import_failed())? {
        return Err(Error::import_failed());
    }
    Ok(Material::Ec { curve, x, y, d })
}

/// An EC coordinate or scalar as exactly `len` big-endian bytes: shorter
/// values are left-padded, longer ones (and empty ones) refused.
fn fixed_length(value: &[u8], len: usize) -> Result<Vec<u8>> {
    check_length(value, len)?;
    pad_to(value, len).ok_or_else(Error::import_failed)
}

/// What [`fixed_length`] refuses: empty values and ones longer than `len`.
fn check_length(value: &[u8], len: usize) -> Result<()> {
    if value.is_empty() || value.len() > len {
        return Err(Error::import_failed());
    }
    Ok(())
}

fn finish_okp(curve: OkpCurve, x: Vec<u8>, d: Option<SecretBytes>) -> Result<Material> {
    let Some(d) = d else {
        // Like Node, any string of the right length is a public key: the
        // point is only decoded when it is used.
        if x.len() != curve.public_len() {
            return Err(Error::import_failed());
        }
        return Ok(Material::Okp { curve, x, d: None });
    };
    if d.len() != curve.private_len() {
        return Err(Error::import_failed());
    }
    let derived = okp_public(curve, &d)?;
    if !x.is_empty() && x != derived {
        return Err(Error::import_failed());
    }
    Ok(Material::Okp {
        curve,
        x: derived,
        d: Some(d),
    })
}

/// The public key of an OKP private key `d` of the right length.
pub(crate) fn okp_public(curve: OkpCurve, d: &[u8]) -> Result<Vec<u8>> {
    let public = match curve {
        OkpCurve::Ed25519 => Ed25519KeyPair::from_seed_unchecked(d)
            .map(|pair| pair.public_key().as_ref().to_vec())
            .map_err(|_| ()),
        OkpCurve::X25519 => agreement::PrivateKey::from_private_key(&agreement::X25519, d)
            .map_err(|_| ())
            .and_then(|key| key.compute_public_key().map_err(|_| ()))
            .map(|public| public.as_ref().to_vec()),
        OkpCurve::Ed448 => curve448::ed448_public(d).map_err(|_| ()),
        OkpCurve::X448 => curve448::x448_public(d).map_err(|_| ()),
    };
    public.map_err(|_| Error::import_failed())
}

#[cfg(test)]
mod tests;
