//! JOSE Header handling shared by signing and verification: the protected
//! header's encoding, the disjointness rule (RFC 7515 section 7.2.1), `crit`
//! (section 4.1.11) and RFC 7797's `b64`.

use serde_json::{Map, Value};

use crate::b64;
use crate::error::{Error, Kind, Result};
use crate::js_json;

/// A JOSE Header as a JSON object, keeping member order.
pub type Header = Map<String, Value>;

/// Header Parameters defined by JWS and JWE themselves, which `crit` must
/// never list (RFC 7515 section 4.1.11).
const REGISTERED: [&str; 20] = [
    "alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit", "enc",
    "zip", "epk", "apu", "apv", "iv", "tag", "p2s", "p2c",
];

/// True when no member name appears in both headers.
pub fn is_disjoint(a: Option<&Header>, b: Option<&Header>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.keys().all(|name| !b.contains_key(name)),
        _ => true,
    }
}

pub(crate) fn disjointness_error() -> Error {
    Error::new(
        Kind::JwsInvalid,
        "JWS Protected and JWS Unprotected Header Parameter names must be disjoint",
    )
}

/// Checks `crit` the way jose does, raising `kind` (JWSInvalid or JWEInvalid)
/// for malformed use. `understood` are the extension names the caller
/// processes; `b64` is understood only when listed there too (jose's one
/// built-in extension still has to be acknowledged).
pub fn validate_crit(
    kind: Kind,
    protected: Option<&Header>,
    unprotected: Option<&Header>,
    understood: &[&str],
) -> Result<()> {
    if let Some(protected) = protected {
        if let Some(crit) = protected.get("crit") {
            for name in crit_names(kind, crit)? {
                check_critical(kind, name, protected, unprotected, understood)?;
            }
        }
    }
    if unprotected.is_some_and(|h| h.contains_key("crit")) {
        return Err(Error::new(
            kind,
            "\"crit\" Header Parameter MUST be integrity protected when present",
        ));
    }
    Ok(())
}

fn crit_names(kind: Kind, crit: &Value) -> Result<Vec<&str>> {
    crit.as_array()
        .filter(|list| !list.is_empty())
        .and_then(|list| {
            list.iter()
                .map(|v| v.as_str().filter(|s| !s.is_empty()))
                .collect::<Option<Vec<&str>>>()
        })
        .ok_or_else(|| {
            Error::new(
                kind,
                "\"crit\" Header Parameter MUST be an array of non-empty strings when present",
            )
        })
}

fn check_critical(
    kind: Kind,
    name: &str,
    protected: &Header,
    unprotected: Option<&Header>,
    understood: &[&str],
) -> Result<()> {
    if REGISTERED.contains(&name) {
        return Err(Error::new(
            kind,
            format!("The critical list contains a non-extension Header Parameter {name}"),
        ));
    }
    if !understood.contains(&name) {
        return Err(Error::new(
            Kind::CritNotUnderstood,
            format!("critical \"{name}\" is not understood"),
        ));
    }
    if name == "b64" {
        // RFC 7797 section 3: b64 means nothing unless integrity protected.
        // These two are JWSInvalid whatever `kind` is, b64 being JWS-only.
        match protected.get("b64") {
            None => Err(Error::new(
                Kind::JwsInvalid,
                "\"b64\" critical parameter must be integrity protected",
            )),
            Some(Value::Bool(_)) => Ok(()),
            Some(_) => Err(Error::new(
                Kind::JwsInvalid,
                "\"b64\" critical parameter must be a boolean",
            )),
        }
    } else if protected.contains_key(name) || unprotected.is_some_and(|h| h.contains_key(name)) {
        Ok(())
    } else {
        Err(Error::new(
            kind,
            format!("critical parameter \"{name}\" is missing"),
        ))
    }
}

/// RFC 7797: the payload travels unencoded when the protected header says
/// `b64: false` *and* lists `b64` in `crit`; a bare `b64: false` is ignored,
/// as jose ignores it.
pub fn is_unencoded(protected: Option<&Header>) -> bool {
    protected.is_some_and(|p| {
        p.get("b64") == Some(&Value::Bool(false))
            && p.get("crit")
                .and_then(Value::as_array)
                .is_some_and(|crit| crit.iter().any(|v| v == "b64"))
    })
}

/// The protected header as it appears in the JWS: base64url of its JSON, or
/// the empty string for an absent or empty header (jose omits both).
pub fn encode_protected(protected: Option<&Header>) -> Result<String> {
    match protected {
        Some(p) if !p.is_empty() => {
            let json = js_json::to_text(p)
                .map_err(|_| Error::type_error("protected header is not serializable to JSON"))?;
            Ok(b64::encode(json.as_bytes()))
        }
        _ => Ok(String::new()),
    }
}

/// Parses a JWS Protected Header. jose reports every failure here, bad
/// base64url included, as one JWSInvalid.
pub fn decode_protected(encoded: &str) -> Result<Header> {
    let parse_error = || Error::new(Kind::JwsInvalid, "could not parse JWS protected header");
    let json = b64::decode(encoded);
    match js_json::parse_bytes(&json) {
        Ok(Value::Object(header)) => Ok(header),
        _ => Err(parse_error()),
    }
}

/// JavaScript truthiness of a JSON value, for jose's `a || b` choices.
pub(crate) fn truthy(value: Option<&Value>) -> bool {
    match value {
        None | Some(Value::Null) | Some(Value::Bool(false)) => false,
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Number(n)) => n.as_f64().is_some_and(|f| f != 0.0 && !f.is_nan()),
        Some(_) => true,
    }
}

/// How JavaScript would print `value` inside a template string, for error
/// messages naming an `alg` that is not a string.
pub(crate) fn js_display(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Array(items) => items
            .iter()
            .map(|v| {
                if v.is_null() {
                    String::new()
                } else {
                    js_display(v)
                }
            })
            .collect::<Vec<_>>()
            .join(","),
        Value::Object(_) => "[object Object]".to_owned(),
        other => other.to_string(),
    }
}
