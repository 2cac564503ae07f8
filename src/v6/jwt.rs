//! What jose 6 reads from a JWT without a key: `decodeJwt` and
//! `UnsecuredJWT.decode`.

use super::b64;
use super::claims::{self, ClaimOptions};
use super::header::{self, JWS_RECOGNIZED};
use super::jws;
use crate::error::{Error, Kind, Result};

fn invalid(message: &str) -> Error {
    Error::new(Kind::JwtInvalid, message)
}

/// The claims set's JSON text (`token` is `None` when it is not a string).
pub fn decode(token: Option<&str>) -> Result<String> {
    let token = token
        .ok_or_else(|| invalid("JWTs must use Compact JWS serialization, JWT must be a string"))?;
    let parts: Vec<&str> = token.split('.').collect();
    match parts.len() {
        5 => {
            return Err(invalid(
                "Only JWTs using Compact JWS serialization can be decoded",
            ))
        }
        3 => {}
        _ => return Err(invalid("Invalid JWT")),
    }
    if parts[1].is_empty() {
        return Err(invalid("JWTs must contain a payload"));
    }
    let bytes =
        b64::decode(parts[1]).ok_or_else(|| invalid("Failed to base64url decode the payload"))?;
    let text = header::strict_utf8(&bytes)
        .ok_or_else(|| invalid("Failed to parse the decoded payload as JSON"))?;
    match crate::js_json::parse::<serde_json::Value>(text) {
        Ok(serde_json::Value::Object(_)) => Ok(text.to_owned()),
        Ok(_) => Err(invalid("Invalid JWT Claims Set")),
        Err(_) => Err(invalid("Failed to parse the decoded payload as JSON")),
    }
}

/// `UnsecuredJWT.decode`: the header's and the claims set's JSON text.
pub fn decode_unsecured(
    token: Option<&str>,
    options: &ClaimOptions,
    now: &claims::Clock,
) -> Result<(String, String)> {
    let token = token.ok_or_else(|| invalid("Unsecured JWT must be a string"))?;
    let parts: Vec<&str> = token.split('.').collect();
    if parts.len() != 3 || !parts[2].is_empty() {
        return Err(invalid("Invalid Unsecured JWT"));
    }
    // a malformed header is "Invalid Unsecured JWT"; an extension nobody
    // understands stays JOSENotSupported
    let as_jwt = |e: Error| {
        if e.kind == Kind::JwsInvalid {
            invalid("Invalid Unsecured JWT")
        } else {
            e
        }
    };
    let read = jws::protected_header(Some(parts[0])).map_err(as_jwt)?;
    let parsed = &read.members;
    let extensions =
        header::validate_crit(Kind::JwsInvalid, JWS_RECOGNIZED, None, Some(parsed), parsed)
            .map_err(as_jwt)?;
    let b64 = header::validate_b64(Some(parsed), &extensions).map_err(as_jwt)?;
    if parsed.get("alg").and_then(|a| a.as_str()) != Some("none") {
        return Err(invalid("Invalid Unsecured JWT"));
    }
    if !b64 {
        return Err(invalid("JWTs MUST NOT use unencoded payload"));
    }
    let payload =
        b64::decode(parts[1]).ok_or_else(|| invalid("Failed to base64url decode the payload"))?;
    let claims = claims::parse(&payload, &options.required_claims)?;
    claims::validate(parsed, &claims, options, now)?;
    let text = read.text.clone().unwrap_or_default();
    Ok((text, claims.text.to_owned()))
}
