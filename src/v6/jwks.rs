//! Which key of a JSON Web Key Set jose 6's `createLocalJWKSet` picks for
//! a JWS, which algorithm a JWK or key is imported for, and the checks of
//! `EmbeddedJWK`.

use serde_json::Value;

use super::algs::{self, KeyAlg, Subtle};
use super::header::Header;
use super::keys;
use crate::error::{Error, Kind, Result};

/// The WebCrypto algorithm and usages a key is imported with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Import {
    pub alg: KeyAlg,
    pub subtle: Subtle,
    /// The X25519 form of ECDH has its own WebCrypto name.
    pub named_curve: Option<String>,
}

/// Where an `alg` came from, which names it in the refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AlgSource {
    Jwk,
    Argument,
}

fn unsupported(source: AlgSource) -> Error {
    Error::not_supported(match source {
        AlgSource::Jwk => "Invalid or unsupported JWK \"alg\" (Algorithm) Parameter value",
        AlgSource::Argument => "Invalid or unsupported \"alg\" (Algorithm) value",
    })
}

/// The algorithm a key is imported or generated for. `kty` and `crv` are
/// the key's, when known (a JWK's, or the curve of a PEM key's material):
/// the key type must be one the algorithm takes, and ECDH's WebCrypto
/// algorithm follows the curve.
pub fn import(
    alg: Option<&str>,
    source: AlgSource,
    kty: Option<&str>,
    crv: Option<&str>,
) -> Result<Import> {
    let entry = alg
        .and_then(algs::key_alg)
        .ok_or_else(|| unsupported(source))?;
    if let Some(kty) = kty {
        if !entry.kty.contains(&kty) {
            return Err(unsupported(AlgSource::Jwk));
        }
    }
    let mut subtle = entry.subtle;
    let mut named_curve = entry.subtle.named_curve.map(str::to_owned);
    if entry.ecdh && (kty.is_some() || crv.is_some()) {
        if crv == Some("X25519") {
            subtle.name = "X25519";
            named_curve = None;
        } else if kty == Some("OKP") {
            return Err(unsupported(AlgSource::Jwk));
        } else {
            named_curve = crv.map(str::to_owned);
        }
    }
    Ok(Import {
        alg: entry,
        subtle,
        named_curve,
    })
}

/// One key of a set as `createLocalJWKSet` screens it for `alg` and `kid`
/// (jose 6's `isUsableJWK`).
fn usable(jwk: &Header, entry: &algs::JwsAlg, kid: &Kid<'_>) -> bool {
    let str_of = |name: &str| jwk.get(name).and_then(Value::as_str);
    let ext_ok = jwk.get("ext").is_none_or(Value::is_boolean);
    let ops_ok = match jwk.get("key_ops") {
        None => true,
        Some(Value::Array(ops)) => {
            ops.iter()
                .enumerate()
                .all(|(i, op)| op.is_string() && !ops[..i].contains(op))
                && ops.iter().any(|op| op == "verify")
        }
        Some(_) => false,
    };
    let kid_ok = match kid {
        Kid::Absent => true,
        Kid::NotString => false,
        Kid::Given(kid) => str_of("kid") == Some(kid),
    };
    let alg_ok = match jwk.get("alg") {
        None => str_of("kty") != Some("AKP"),
        Some(alg) => alg.as_str() == Some(entry.name),
    };
    let use_ok = jwk.get("use").is_none_or(|u| u == "sig");
    let crv_ok = entry.crv.is_none_or(|crv| str_of("crv") == Some(crv));
    ext_ok && ops_ok && str_of("kty") == Some(entry.kty) && kid_ok && alg_ok && use_ok && crv_ok
}

/// A JWS header's `kid` as the set compares it.
pub enum Kid<'a> {
    Absent,
    NotString,
    Given(&'a str),
}

/// The indexes of the keys that fit; none is `JWKSNoMatchingKey`.
pub fn select(keys: &[Header], alg: Option<&str>, kid: &Kid<'_>) -> Result<Vec<usize>> {
    let entry = alg
        .and_then(algs::jws)
        .filter(|e| !e.secret)
        .ok_or_else(|| Error::not_supported("Unsupported \"alg\" value for a JSON Web Key Set"))?;
    let found: Vec<usize> = keys
        .iter()
        .enumerate()
        .filter(|(_, jwk)| usable(jwk, entry, kid))
        .map(|(i, _)| i)
        .collect();
    if found.is_empty() {
        let (_, v6) = Kind::JwksNoMatchingKey.default_messages();
        return Err(Error::new(Kind::JwksNoMatchingKey, v6.unwrap_or_default()));
    }
    Ok(found)
}

/// `EmbeddedJWK`'s checks of the header's `jwk` (`None`: not a plain
/// object) against its `alg` (`alg_text` is how JavaScript prints it).
pub fn embedded(jwk: Option<&Header>, alg: Option<&str>, alg_text: &str) -> Result<Import> {
    let invalid = |m: &str| Error::new(Kind::JwsInvalid, m);
    let jwk = jwk
        .ok_or_else(|| invalid("\"jwk\" (JSON Web Key) Header Parameter must be a JSON object"))?;
    keys::normalize_jwk(jwk).map_err(|_| invalid("Invalid Embedded JWK"))?;
    let entry = alg.and_then(algs::jws).ok_or_else(|| {
        Error::not_supported(format!(
            "alg {alg_text} is not supported either by JOSE or your javascript runtime"
        ))
    })?;
    if jwk.get("use").is_some_and(|u| u != "sig") {
        return Err(invalid(
            "Invalid Embedded JWK, its \"use\" must be \"sig\" when present",
        ));
    }
    if jwk.get("alg").is_some_and(|a| a != entry.name) {
        return Err(Error::new(
            Kind::JwsInvalid,
            format!(
                "Invalid Embedded JWK, its \"alg\" must be \"{}\" when present",
                entry.name
            ),
        ));
    }
    import(
        Some(entry.name),
        AlgSource::Jwk,
        Some(jwk.get("kty").and_then(Value::as_str).unwrap_or_default()),
        jwk.get("crv").and_then(Value::as_str),
    )
}
