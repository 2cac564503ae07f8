//! `JWT.verify` in jose's order: decode, check the signature as JWS does for
//! a token it is handed already parsed, then the claims.

use serde_json::{Map, Value};

use super::claims;
use super::js::to_js_string;
use super::token::DecodedJwt;
use super::verify_options::VerifyOptions;
use crate::b64;
use crate::error::{Error, Kind, Result};
use crate::jws::{self, Header, VerificationKey};

/// The JWS step: `crit`, `alg`, the `algorithms` allow-list, key selection
/// and the signature, which jose decodes as forgivingly as the segments.
pub fn verify_signature<K, F>(
    decoded: &DecodedJwt,
    options: &VerifyOptions,
    candidates: F,
) -> Result<K>
where
    K: VerificationKey,
    F: FnMut(&Header, Option<&str>) -> Result<Vec<K>>,
{
    let header = protected_header(&decoded.header.value)?;
    let signature = b64::decode(decoded.signature());
    with_jws_options(options, |jws_options| {
        jws::verify_preparsed(
            header,
            decoded.signing_input().as_bytes(),
            signature,
            jws_options,
            candidates,
        )
    })
}

/// The JWS verify options (`crit`, `algorithms`) of JWT verify options.
fn with_jws_options<T>(options: &VerifyOptions, f: impl FnOnce(&jws::VerifyOptions<'_>) -> T) -> T {
    let crit: Vec<&str> = options.crit.iter().flatten().map(String::as_str).collect();
    let algorithms: Option<Vec<&str>> = options
        .algorithms
        .as_ref()
        .map(|list| list.iter().map(String::as_str).collect());
    f(&jws::VerifyOptions {
        crit: &crit,
        algorithms: algorithms.as_deref(),
    })
}

/// The claim checks, for a token whose signature verified.
pub fn validate_claims(decoded: &DecodedJwt, options: &VerifyOptions) -> Result<()> {
    claims::validate(
        protected_header(&decoded.header.value)?,
        &decoded.payload,
        options,
    )
}

/// A header that parsed as JSON but not as an object goes to jose's JWS
/// code unchecked, and fails there the way JavaScript makes it: reading
/// `alg` of `null`, or `'crit' in` a primitive, throws a TypeError; a falsy
/// value or an array has no `alg`.
fn protected_header(header: &Value) -> Result<&Map<String, Value>> {
    match header {
        Value::Object(map) => Ok(map),
        Value::Null => Err(Error::type_error(
            "Cannot read properties of null (reading 'alg')",
        )),
        Value::Array(_) | Value::Bool(false) => Err(missing_alg()),
        Value::String(s) if s.is_empty() => Err(missing_alg()),
        Value::Number(n) if n.as_f64() == Some(0.0) => Err(missing_alg()),
        other => Err(Error::type_error(format!(
            "Cannot use 'in' operator to search for 'crit' in {}",
            to_js_string(other)
        ))),
    }
}

fn missing_alg() -> Error {
    Error::new(Kind::JwsInvalid, "missing JWS signature algorithm")
}
