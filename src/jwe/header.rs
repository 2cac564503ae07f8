//! JWE header rules shared by encryption and decryption: the protected
//! header's encoding, disjointness of the three headers (RFC 7516 section
//! 7.2.1), `crit`, `zip` placement and the one-`enc` rule, checked in jose's
//! order.

use serde_json::Value;

use crate::b64;
use crate::error::{Error, Kind, Result};
use crate::js_json;
use crate::jws::header::{is_disjoint, truthy, validate_crit, Header};

pub(crate) fn invalid(message: impl Into<String>) -> Error {
    Error::new(Kind::JweInvalid, message)
}

/// Parses a JWE Protected Header. jose reports any failure here, bad
/// base64url included, as one JWEInvalid; a JSON value that is not an object
/// is refused the same way (jose would go on with it and fail later).
pub fn decode_protected(encoded: &str) -> Result<Header> {
    let parse_error = || invalid("could not parse JWE protected header");
    let json = b64::decode(encoded);
    match js_json::parse_bytes(&json) {
        Ok(Value::Object(header)) => Ok(header),
        _ => Err(parse_error()),
    }
}

/// base64url of the header's JSON. Unlike JWS, an empty object still makes
/// a protected header (`e30`), as it does in jose.
pub fn encode_protected(protected: &Header) -> Result<String> {
    let json = js_json::to_text(protected)
        .map_err(|_| Error::type_error("protected header is not serializable to JSON"))?;
    Ok(b64::encode(json.as_bytes()))
}

/// `{...a, ...b, ...}`: later headers win, member order of first appearance.
pub fn combine(headers: &[Option<&Header>]) -> Header {
    let mut out = Header::new();
    for h in headers.iter().flatten() {
        for (name, value) in h.iter() {
            out.insert(name.clone(), value.clone());
        }
    }
    out
}

/// The `crit` names a producer declares in its protected header: when
/// encrypting every listed extension counts as understood, so only the
/// structural `crit` rules apply.
pub fn declared_crit(protected: Option<&Header>) -> Vec<&str> {
    protected
        .and_then(|p| p.get("crit"))
        .and_then(Value::as_array)
        .map(|list| list.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// `crit` with the protected header on one side and the shared plus
/// per-recipient unprotected headers on the other.
pub fn check_crit(
    protected: Option<&Header>,
    unprotected: Option<&Header>,
    recipient: Option<&Header>,
    understood: &[&str],
) -> Result<()> {
    let others = match (unprotected, recipient) {
        (None, None) => None,
        (u, r) => Some(combine(&[u, r])),
    };
    validate_crit(Kind::JweInvalid, protected, others.as_ref(), understood)
}

/// jose's header validation. `recipients` are the per-recipient headers
/// (`None` for a recipient without one). With `require_algorithms` (when
/// decrypting) every recipient must end up with an `alg` and there must be
/// an `enc`. Returns the one `enc` value when there is one.
pub fn validate(
    protected: Option<&Header>,
    unprotected: Option<&Header>,
    recipients: &[Option<&Header>],
    require_algorithms: bool,
    crit: &[&str],
) -> Result<Option<Value>> {
    let mut algs: Vec<Option<&Value>> = Vec::new();
    let mut encs: Vec<&Value> = Vec::new();

    let mut disjoint = is_disjoint(protected, unprotected);
    if disjoint {
        for header in recipients {
            if let Some(h) = header {
                algs.push(h.get("alg"));
                push_enc(&mut encs, h.get("enc"));
            }
            check_crit(protected, unprotected, *header, crit)?;
            check_zip(protected, unprotected, *header)?;
            if !is_disjoint(*header, protected) || !is_disjoint(*header, unprotected) {
                disjoint = false;
                break;
            }
        }
    }
    if !disjoint {
        return Err(invalid(
            "JWE Shared Protected, JWE Shared Unprotected and JWE Per-Recipient Header Parameter names must be disjoint",
        ));
    }
    for h in [protected, unprotected].into_iter().flatten() {
        algs.push(h.get("alg"));
        push_enc(&mut encs, h.get("enc"));
    }
    let algs: Vec<&Value> = algs.into_iter().filter(|a| truthy(*a)).flatten().collect();

    if recipients.len() != 1
        && algs
            .iter()
            .any(|a| matches!(a.as_str(), Some("dir" | "ECDH-ES")))
    {
        return Err(invalid(
            "dir and ECDH-ES alg may only be used with a single recipient",
        ));
    }
    if require_algorithms {
        if algs.len() != recipients.len() {
            return Err(invalid("missing Key Management algorithm"));
        }
        if encs.is_empty() {
            return Err(invalid("missing Content Encryption algorithm"));
        }
    }
    if encs.len() > 1 {
        return Err(invalid(
            "there must only be one Content Encryption algorithm",
        ));
    }
    Ok(encs.first().map(|v| (*v).clone()))
}

/// jose gathers `enc` values in a Set: each distinct value once, absent
/// ones left out (a JSON `null` counts as a value).
fn push_enc<'a>(encs: &mut Vec<&'a Value>, enc: Option<&'a Value>) {
    if let Some(v) = enc {
        if !encs.contains(&v) {
            encs.push(v);
        }
    }
}

/// `zip` must be integrity protected, and only DEFLATE is known.
fn check_zip(
    protected: Option<&Header>,
    unprotected: Option<&Header>,
    recipient: Option<&Header>,
) -> Result<()> {
    if [unprotected, recipient]
        .into_iter()
        .flatten()
        .any(|h| h.contains_key("zip"))
    {
        return Err(invalid(
            "\"zip\" Header Parameter MUST be integrity protected",
        ));
    }
    match protected.and_then(|p| p.get("zip")) {
        Some(zip) if zip != "DEF" => Err(Error::not_supported(
            "only \"DEF\" compression algorithm is supported",
        )),
        _ => Ok(()),
    }
}
