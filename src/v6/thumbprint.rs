//! RFC 7638 thumbprints as jose 6 computes them: of the required members
//! as the JWK has them (they are checked to be non-empty strings, not
//! read as a key), with SHA-256, -384 or -512.

use aws_lc_rs::digest;
use serde_json::{Map, Value};

use super::header::Header;
use crate::b64;
use crate::error::{Error, Kind, Result};
use crate::js_json;

fn member(jwk: &Header, name: &'static str, description: &str) -> Result<(String, Value)> {
    match jwk.get(name) {
        Some(Value::String(s)) if !s.is_empty() => Ok((name.to_owned(), Value::String(s.clone()))),
        _ => Err(Error::new(
            Kind::JwkInvalid,
            format!("{description} missing or invalid"),
        )),
    }
}

/// The thumbprint of `jwk` with `digest` ("sha256", "sha384" or "sha512").
pub fn thumbprint(jwk: &Header, digest_name: &str) -> Result<String> {
    let required: Vec<(String, Value)> = match jwk.get("kty").and_then(Value::as_str) {
        Some("AKP") => vec![
            member(jwk, "alg", "\"alg\" (Algorithm) Parameter")?,
            ("kty".into(), "AKP".into()),
            member(jwk, "pub", "\"pub\" (Public key) Parameter")?,
        ],
        Some("EC") => vec![
            member(jwk, "crv", "\"crv\" (Curve) Parameter")?,
            ("kty".into(), "EC".into()),
            member(jwk, "x", "\"x\" (X Coordinate) Parameter")?,
            member(jwk, "y", "\"y\" (Y Coordinate) Parameter")?,
        ],
        Some("OKP") => vec![
            member(jwk, "crv", "\"crv\" (Subtype of Key Pair) Parameter")?,
            ("kty".into(), "OKP".into()),
            member(jwk, "x", "\"x\" (Public Key) Parameter")?,
        ],
        Some("RSA") => vec![
            member(jwk, "e", "\"e\" (Exponent) Parameter")?,
            ("kty".into(), "RSA".into()),
            member(jwk, "n", "\"n\" (Modulus) Parameter")?,
        ],
        Some("oct") => match jwk.get("k") {
            Some(Value::String(k)) => vec![
                ("k".into(), Value::String(k.clone())),
                ("kty".into(), "oct".into()),
            ],
            _ => {
                return Err(Error::new(
                    Kind::JwkInvalid,
                    "\"k\" (Key Value) Parameter missing or invalid",
                ))
            }
        },
        _ => {
            return Err(Error::not_supported(
                "\"kty\" (Key Type) Parameter missing or unsupported",
            ))
        }
    };
    let members: Map<String, Value> = required.into_iter().collect();
    let text = js_json::to_text(&members).map_err(|_| Error::type_error("invalid JWK"))?;
    // jose 6 hashes the text through an ASCII-only encoder
    if !text.is_ascii() {
        return Err(Error::type_error(
            "non-ASCII string encountered in encode()",
        ));
    }
    let algorithm = match digest_name {
        "sha384" => &digest::SHA384,
        "sha512" => &digest::SHA512,
        _ => &digest::SHA256,
    };
    Ok(b64::encode(
        digest::digest(algorithm, text.as_bytes()).as_ref(),
    ))
}
