//! `JWK.EmbeddedJWK` and `JWK.EmbeddedX5C`: the verification key carried in
//! the JWS header itself, read as jose 1.x reads it.

use serde_json::{Map, Value};

use super::Header;
use crate::b64;
use crate::error::{Error, Kind, Result};
use crate::jwk::import;
use crate::jwk::json::JwkImportOptions;
use crate::jwk::key::Key;
use crate::jwk::material::KeyType;
use crate::jwk::x509;

fn invalid(message: &str) -> Error {
    Error::new(Kind::JwsInvalid, message)
}

/// The public key in the header's `jwk` member.
pub fn from_jwk_header(header: &Header, legacy_p256k: bool) -> Result<Key> {
    let jwk = header
        .get("jwk")
        .and_then(Value::as_object)
        .ok_or_else(|| invalid("JWS Header Parameter \"jwk\" must be a JSON object"))?;
    let must_be_public = || invalid("JWS Header Parameter \"jwk\" must be a public key");
    // an `oct` JWK without `k` is a reference key in jose: not public either
    if jwk.get("kty").and_then(Value::as_str) == Some("oct") && !jwk.contains_key("k") {
        return Err(must_be_public());
    }
    let opts = JwkImportOptions {
        legacy_p256k,
        ..Default::default()
    };
    // the JWK's own members are its parameters, as for any JWK import
    let key = import::from_jwk(jwk, jwk, opts)?;
    if key.key_type() != KeyType::Public {
        return Err(must_be_public());
    }
    Ok(key)
}

/// The public key of the first certificate in the header's `x5c`, with the
/// whole chain checked to be certificates (not checked for trust).
pub fn from_x5c_header(header: &Header, legacy_p256k: bool) -> Result<Key> {
    let chain = header
        .get("x5c")
        .and_then(Value::as_array)
        .filter(|list| {
            !list.is_empty()
                && list
                    .iter()
                    .all(|c| c.as_str().is_some_and(|s| !s.is_empty()))
        })
        .ok_or_else(|| {
            invalid(
                "JWS Header Parameter \"x5c\" must be a JSON array of certificate value strings",
            )
        })?;
    let first = chain
        .first()
        .and_then(Value::as_str)
        .and_then(b64::decode_std_lenient)
        .ok_or_else(Error::import_failed)?;
    let material = x509::certificate_public_key(&first).map_err(|e| match e.kind {
        Kind::NotSupported => e,
        _ => Error::import_failed(),
    })?;
    let mut params = Map::new();
    params.insert("x5c".into(), Value::Array(chain.clone()));
    Key::new(material, &params, legacy_p256k)
}
