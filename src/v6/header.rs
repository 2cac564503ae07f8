//! JOSE Headers as jose 6 reads and checks them: a protected header's
//! decoding, disjointness, `crit` (with the caller's understood extensions
//! given as names, each saying whether it must be integrity protected) and
//! RFC 7797's `b64`.

use serde_json::{Map, Value};

use super::b64;
use crate::error::{Error, Kind, Result};
use crate::js_json;

pub type Header = Map<String, Value>;

/// An extension the caller understands, and whether jose 6 requires it in
/// the protected header (its `crit` option maps names to that flag).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Understood {
    pub name: String,
    pub protected: bool,
}

/// The extensions JWS understands on its own: `b64`, which must be
/// integrity protected. JWE understands none.
pub const JWS_RECOGNIZED: &[(&str, bool)] = &[("b64", true)];

/// Bytes as `new TextDecoder('utf-8', { fatal: true })` decodes them: valid
/// UTF-8 only, a leading byte order mark dropped.
pub fn strict_utf8(bytes: &[u8]) -> Option<&str> {
    let text = std::str::from_utf8(bytes).ok()?;
    Some(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// A base64url-encoded JSON object, as jose 6's `parseJoseHeader` reads
/// one; every failure is `kind` with `message`.
pub fn parse_encoded(encoded: &str, kind: Kind, message: &str) -> Result<Header> {
    let fail = || Error::new(kind, message);
    let bytes = b64::decode(encoded).ok_or_else(fail)?;
    let text = strict_utf8(&bytes).ok_or_else(fail)?;
    parse_object(text).ok_or_else(fail)
}

/// JSON text that must hold an object.
pub fn parse_object(text: &str) -> Option<Header> {
    match js_json::parse(text) {
        Ok(Value::Object(map)) => Some(map),
        _ => None,
    }
}

/// True when no member name appears in both headers.
pub fn is_disjoint(a: Option<&Header>, b: Option<&Header>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.keys().all(|name| !b.contains_key(name)),
        _ => true,
    }
}

/// The JOSE Header: the protected members, then the unprotected ones.
pub fn joined(protected: Option<&Header>, unprotected: Option<&Header>) -> Header {
    let mut all = protected.cloned().unwrap_or_default();
    if let Some(unprotected) = unprotected {
        all.extend(unprotected.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    all
}

/// Refuses a protected `crit` that names an extension twice (when signing).
pub fn check_crit_duplicates(kind: Kind, protected: Option<&Header>) -> Result<()> {
    if let Some(Value::Array(crit)) = protected.and_then(|h| h.get("crit")) {
        let repeated = crit.iter().enumerate().any(|(i, a)| {
            crit[..i]
                .iter()
                .any(|b| a == b && !a.is_array() && !a.is_object())
        });
        if repeated {
            return Err(Error::new(
                kind,
                "\"crit\" (Critical) Header Parameter MUST NOT contain duplicate values",
            ));
        }
    }
    Ok(())
}

/// Checks `crit` and returns the extensions it lists. `recognized` are the
/// ones the API itself understands; `option` the caller's (`None` when the
/// caller passed no `crit` option).
pub fn validate_crit(
    kind: Kind,
    recognized: &[(&str, bool)],
    option: Option<&[Understood]>,
    protected: Option<&Header>,
    jose: &Header,
) -> Result<Vec<String>> {
    let protected_crit = protected.and_then(|h| h.get("crit"));
    if jose.contains_key("crit") && protected_crit.is_none() {
        return Err(Error::new(
            kind,
            "\"crit\" (Critical) Header Parameter MUST be integrity protected",
        ));
    }
    let (Some(protected), Some(crit)) = (protected, protected_crit) else {
        return Ok(Vec::new());
    };
    let names = crit_names(crit).ok_or_else(|| {
        Error::new(
            kind,
            "\"crit\" (Critical) Header Parameter MUST be an array of non-empty strings when present",
        )
    })?;
    for name in &names {
        // the API's own extensions override what the option says of them
        let must_protect = match recognized.iter().find(|(n, _)| n == name) {
            Some(&(_, flag)) => flag,
            None => match option.and_then(|o| o.iter().rev().find(|u| &u.name == name)) {
                Some(understood) => understood.protected,
                None => {
                    return Err(Error::not_supported(format!(
                        "Extension Header Parameter \"{name}\" is not recognized"
                    )))
                }
            },
        };
        if !jose.contains_key(name.as_str()) {
            return Err(Error::new(
                kind,
                format!("Extension Header Parameter \"{name}\" is missing"),
            ));
        }
        if must_protect && !protected.contains_key(name.as_str()) {
            return Err(Error::new(
                kind,
                format!("Extension Header Parameter \"{name}\" MUST be integrity protected"),
            ));
        }
    }
    Ok(names)
}

fn crit_names(crit: &Value) -> Option<Vec<String>> {
    let list = crit.as_array().filter(|l| !l.is_empty())?;
    list.iter()
        .map(|v| v.as_str().filter(|s| !s.is_empty()).map(str::to_owned))
        .collect()
}

/// RFC 7797: whether the payload is base64url-encoded (`b64` counts only
/// when `crit` lists it).
pub fn validate_b64(protected: Option<&Header>, extensions: &[String]) -> Result<bool> {
    if !extensions.iter().any(|e| e == "b64") {
        return Ok(true);
    }
    match protected.and_then(|h| h.get("b64")) {
        Some(Value::Bool(b64)) => Ok(*b64),
        _ => Err(Error::new(
            Kind::JwsInvalid,
            "The \"b64\" (base64url-encode payload) Header Parameter must be a boolean",
        )),
    }
}
