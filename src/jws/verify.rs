//! Verifying a JWS in any serialization, with jose's checks in jose's order.
//! Which keys to try is the caller's choice, made per signature from its
//! JOSE Header (a single key, a KeyStore lookup, an embedded `jwk`...).

use std::borrow::Cow;

use serde_json::{Map, Value};

use super::header::{
    decode_protected, disjointness_error, is_disjoint, is_unencoded, js_display, truthy,
    validate_crit, Header,
};
use super::VerificationKey;
use crate::b64;
use crate::error::{Error, Kind, Result};
use crate::js_json;
use crate::replay::{try_parts, NoMemo, PartMemo};

/// A JWS to verify: a compact string or a JSON (flattened or general) object.
#[derive(Debug, Clone, Copy)]
pub enum JwsInput<'a> {
    Compact(&'a str),
    Json(&'a Value),
    /// A JSON object whose payload the caller holds as bytes (a Buffer):
    /// they stand for its `payload` member. jose uses such bytes as they
    /// are, in the signing input and as the payload (with `b64: true` too:
    /// Node's base64 decoding of a Buffer copies it).
    JsonWithBytes(&'a Value, &'a [u8]),
}

/// jose's `crit` and `algorithms` verify options.
#[derive(Debug, Clone, Copy, Default)]
pub struct VerifyOptions<'a> {
    /// Extension Header Parameters the caller processes. `b64` must be listed
    /// for RFC 7797 payloads, as jose requires.
    pub crit: &'a [&'a str],
    /// When set, the only `alg` values accepted.
    pub algorithms: Option<&'a [&'a str]>,
}

/// What a successful verification yields.
#[derive(Debug, Clone, PartialEq)]
pub struct Verified<K> {
    /// The content: base64url-decoded, or as transmitted under `b64: false`.
    pub payload: Vec<u8>,
    /// True for RFC 7797 payloads, which jose returns as the transmitted
    /// string without decoding or JSON parsing.
    pub unencoded_payload: bool,
    /// The protected header, when the signature had a non-empty one.
    pub protected: Option<Header>,
    pub header: Option<Header>,
    /// The candidate key that verified.
    pub key: K,
}

fn malformed() -> Error {
    Error::new(Kind::JwsInvalid, "JWS malformed or invalid serialization")
}

/// The JSON text of a flattened or general JWS, parsed as `JSON.parse`
/// would (text that is not JSON is a malformed JWS).
pub fn parse_json(text: &str) -> Result<Value> {
    js_json::parse(text).map_err(|_| malformed())
}

/// One signature's members, as borrowed from the input.
struct Parts<'a> {
    protected: Option<&'a str>,
    payload: Payload<'a>,
    signature: &'a str,
    header: Option<&'a Map<String, Value>>,
}

/// A signature's payload as transmitted: text (a compact segment, a JSON
/// member), or bytes the caller held (see [`JwsInput::JsonWithBytes`]).
#[derive(Clone, Copy)]
enum Payload<'a> {
    Text(&'a str),
    Bytes(&'a [u8]),
}

impl Payload<'_> {
    fn as_bytes(&self) -> &[u8] {
        match self {
            Payload::Text(text) => text.as_bytes(),
            Payload::Bytes(bytes) => bytes,
        }
    }
}

/// jose's shape test for a flattened object or one `signatures` entry:
/// `signature` a string, `protected` a string and `header` an object when
/// present.
fn is_signature_object(value: &Value) -> bool {
    value.as_object().is_some_and(|o| {
        o.get("signature").is_some_and(Value::is_string)
            && o.get("header").is_none_or(Value::is_object)
            && o.get("protected").is_none_or(Value::is_string)
    })
}

/// A `signatures` entry over the top-level members (jose spreads both into
/// one object, the entry's members winning).
fn merged<'a>(
    root: &'a Map<String, Value>,
    entry: &'a Map<String, Value>,
    bytes: Option<&'a [u8]>,
) -> Result<Parts<'a>> {
    let get = |name: &str| entry.get(name).or_else(|| root.get(name));
    let text = get("payload")
        .and_then(Value::as_str)
        .ok_or_else(malformed)?;
    Ok(Parts {
        protected: get("protected").and_then(Value::as_str),
        payload: bytes.map_or(Payload::Text(text), Payload::Bytes),
        signature: get("signature")
            .and_then(Value::as_str)
            .ok_or_else(malformed)?,
        header: get("header").and_then(Value::as_object),
    })
}

/// Verifies `input`. For each signature, once its header checks pass,
/// `candidates` gets the combined JOSE Header and the `alg` and returns the
/// keys to try (none means jose's `JWKSNoMatchingKey`). An `alg` that is not
/// a string comes as `None`: no KeyStore key supports it, and a single key
/// refuses it as an unsupported algorithm (jose compares names with `===`
/// and `Set#has`, which an array that prints as a name never passes). The
/// first signature one candidate verifies wins.
pub fn verify<K: VerificationKey>(
    input: JwsInput<'_>,
    options: &VerifyOptions<'_>,
    candidates: impl FnMut(&Header, Option<&str>) -> Result<Vec<K>>,
) -> Result<Verified<K>> {
    verify_in_parts(input, options, candidates, &NoMemo)
}

/// [`verify`], telling `memo` of each signature of a general JWS (see
/// [`PartMemo`]).
pub fn verify_in_parts<K: VerificationKey>(
    input: JwsInput<'_>,
    options: &VerifyOptions<'_>,
    mut candidates: impl FnMut(&Header, Option<&str>) -> Result<Vec<K>>,
    memo: &dyn PartMemo,
) -> Result<Verified<K>> {
    match signatures(input, memo.resuming())? {
        Signatures::One(parts) => verify_one(parts, options, &mut candidates),
        Signatures::General(root, list, bytes) => {
            verify_general(root, list, bytes, options, &mut candidates, memo)
        }
    }
}

/// The signatures of a JWS as jose walks them: the one of a compact or
/// flattened JWS, or the entries of a general one.
enum Signatures<'a> {
    One(Parts<'a>),
    General(&'a Map<String, Value>, &'a [Value], Option<&'a [u8]>),
}

fn signatures(input: JwsInput<'_>, checked: bool) -> Result<Signatures<'_>> {
    match input {
        JwsInput::Compact(text) => {
            let mut segments = text.split('.');
            match (
                segments.next(),
                segments.next(),
                segments.next(),
                segments.next(),
            ) {
                (Some(protected), Some(payload), Some(signature), None) => {
                    Ok(Signatures::One(Parts {
                        protected: Some(protected),
                        payload: Payload::Text(payload),
                        signature,
                        header: None,
                    }))
                }
                _ => Err(malformed()),
            }
        }
        JwsInput::Json(value) => json_signatures(value, None, checked),
        JwsInput::JsonWithBytes(value, bytes) => json_signatures(value, Some(bytes), checked),
    }
}

/// `checked`: an earlier run of the same input found its shape valid.
fn json_signatures<'a>(
    value: &'a Value,
    bytes: Option<&'a [u8]>,
    checked: bool,
) -> Result<Signatures<'a>> {
    let root = value
        .as_object()
        .filter(|o| o.get("payload").is_some_and(Value::is_string))
        .ok_or_else(malformed)?;
    let general = root
        .get("signatures")
        .and_then(Value::as_array)
        .filter(|list| checked || list.iter().all(is_signature_object));
    match general {
        Some(list) => Ok(Signatures::General(root, list, bytes)),
        None if is_signature_object(value) => Ok(Signatures::One(merged(root, root, bytes)?)),
        None => Err(malformed()),
    }
}

/// Tries each signature in turn. jose's error when none verifies: a
/// verification failure if any signature got that far, `JWKSNoMatchingKey`
/// if no signature found a key, otherwise a `JOSEMultiError` of them all.
fn verify_general<K: VerificationKey>(
    root: &Map<String, Value>,
    list: &[Value],
    bytes: Option<&[u8]>,
    options: &VerifyOptions<'_>,
    candidates: &mut impl FnMut(&Header, Option<&str>) -> Result<Vec<K>>,
    memo: &dyn PartMemo,
) -> Result<Verified<K>> {
    // a single signature reports its own error, as jose does
    let single = list.len() == 1;
    try_parts(
        list.iter(),
        memo,
        Error::verification_failed,
        single,
        |entry| {
            let entry = entry.as_object().ok_or_else(malformed)?;
            Ok(verify_one(merged(root, entry, bytes)?, options, candidates))
        },
    )
}

/// One signature's checks before any key is chosen, in jose's order: the
/// protected header, disjointness, `crit`, `alg` and the allow-list.
struct Checked<'a> {
    parts: Parts<'a>,
    protected: Option<Header>,
    header: Option<Header>,
    input: Vec<u8>,
    alg: Alg,
    combined: Header,
}

/// A signature's `alg` header value: its name, and whether it is a string
/// at all. jose prints a non-string value into its messages (`["HS256"]`
/// prints as `HS256`) but matches no key and no algorithm with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alg {
    pub name: String,
    pub is_string: bool,
}

impl Alg {
    /// The name candidates are chosen by: `None` for a non-string value.
    pub fn selector(&self) -> Option<&str> {
        self.is_string.then_some(self.name.as_str())
    }
}

fn check_parts<'a>(parts: Parts<'a>, options: &VerifyOptions<'_>) -> Result<Checked<'a>> {
    let encoded_protected = parts.protected.filter(|p| !p.is_empty());
    let protected = encoded_protected.map(decode_protected).transpose()?;
    let header = parts.header.cloned();
    if !is_disjoint(protected.as_ref(), header.as_ref()) {
        return Err(disjointness_error());
    }

    let mut input = Vec::with_capacity(
        encoded_protected.map_or(0, str::len) + 1 + parts.payload.as_bytes().len(),
    );
    input.extend_from_slice(encoded_protected.unwrap_or("").as_bytes());
    input.push(b'.');
    input.extend_from_slice(parts.payload.as_bytes());
    let (alg, combined) = precheck(protected.as_ref(), header.as_ref(), options)?;
    let combined = combined.into_owned();
    Ok(Checked {
        parts,
        protected,
        header,
        input,
        alg,
        combined,
    })
}

/// The payload as verification returns it: as transmitted under RFC 7797
/// or when given as bytes, else base64url-decoded.
fn payload_of(parts: &Parts<'_>, protected: Option<&Header>) -> (Result<Vec<u8>>, bool) {
    let unencoded = is_unencoded(protected);
    let payload = match parts.payload {
        Payload::Text(text) if !unencoded => Ok(b64::decode(text)),
        payload => Ok(payload.as_bytes().to_vec()),
    };
    (payload, unencoded)
}

fn verify_one<K: VerificationKey>(
    parts: Parts<'_>,
    options: &VerifyOptions<'_>,
    candidates: &mut impl FnMut(&Header, Option<&str>) -> Result<Vec<K>>,
) -> Result<Verified<K>> {
    let checked = check_parts(parts, options)?;
    let signature = || b64::decode(checked.parts.signature);
    let key = try_keys(
        &checked.alg,
        &checked.combined,
        &checked.input,
        signature,
        candidates,
    )?;

    let (payload, unencoded) = payload_of(&checked.parts, checked.protected.as_ref());
    Ok(Verified {
        payload: payload?,
        unencoded_payload: unencoded,
        protected: checked.protected,
        header: checked.header,
        key,
    })
}

/// The signature check of a compact JWS whose protected header the caller
/// has already parsed, as jose's JWT module hands its decoded header to JWS
/// ("preparsed"). `signing_input` is the token up to its second `.`; the
/// payload is left to the caller. Returns the candidate key that verified.
pub fn verify_preparsed<K: VerificationKey>(
    protected: &Header,
    signing_input: &[u8],
    signature: Vec<u8>,
    options: &VerifyOptions<'_>,
    mut candidates: impl FnMut(&Header, Option<&str>) -> Result<Vec<K>>,
) -> Result<K> {
    check_signature(
        Some(protected),
        None,
        signing_input,
        || signature,
        options,
        &mut candidates,
    )
}

/// `crit`, `alg`, the allow-list, key selection and the signature itself,
/// in jose's order.
fn check_signature<K: VerificationKey>(
    protected: Option<&Header>,
    header: Option<&Header>,
    input: &[u8],
    signature: impl FnOnce() -> Vec<u8>,
    options: &VerifyOptions<'_>,
    candidates: &mut impl FnMut(&Header, Option<&str>) -> Result<Vec<K>>,
) -> Result<K> {
    let (alg, combined) = precheck(protected, header, options)?;
    try_keys(&alg, &combined, input, signature, candidates)
}

/// `crit`, `alg` and the allow-list; returns the `alg` and the combined
/// JOSE Header keys are chosen by (the protected header itself when there
/// is no other, as in every JWT).
fn precheck<'h>(
    protected: Option<&'h Header>,
    header: Option<&'h Header>,
    options: &VerifyOptions<'_>,
) -> Result<(Alg, Cow<'h, Header>)> {
    validate_crit(Kind::JwsInvalid, protected, header, options.crit)?;

    let alg = [protected, header]
        .into_iter()
        .flatten()
        .map(|h| h.get("alg"))
        .find(|alg| truthy(*alg))
        .flatten()
        .ok_or_else(|| Error::new(Kind::JwsInvalid, "missing JWS signature algorithm"))?;
    let alg_name = js_display(alg);
    if let Some(allowed) = options.algorithms {
        if !alg.is_string() || !allowed.contains(&alg_name.as_str()) {
            return Err(Error::new(Kind::AlgNotWhitelisted, "alg not whitelisted"));
        }
    }

    let combined = match (protected, header) {
        (Some(only), None) => Cow::Borrowed(only),
        _ => {
            let mut combined = protected.cloned().unwrap_or_default();
            if let Some(h) = header {
                combined.extend(h.iter().map(|(k, v)| (k.clone(), v.clone())));
            }
            Cow::Owned(combined)
        }
    };
    let alg = Alg {
        name: alg_name,
        is_string: alg.is_string(),
    };
    Ok((alg, combined))
}

/// Key selection and the signature. `signature` is decoded only once keys
/// were found, so a store without a match reports that first, as jose does.
fn try_keys<K: VerificationKey>(
    alg: &Alg,
    combined: &Header,
    input: &[u8],
    signature: impl FnOnce() -> Vec<u8>,
    candidates: &mut impl FnMut(&Header, Option<&str>) -> Result<Vec<K>>,
) -> Result<K> {
    let keys = candidates(combined, alg.selector())?;
    if keys.is_empty() {
        return Err(Error::no_matching_key());
    }
    let several = keys.len() > 1;
    let mut errors = Vec::new();
    // a non-string `alg` is refused by every key before any signature is
    // read, as jose's algorithm check comes first
    let signature = if alg.is_string {
        Some(signature())
    } else {
        None
    };
    for key in keys {
        let verdict = match signature.as_deref() {
            Some(signature) => key.verify(&alg.name, input, signature),
            None => Err(unsupported_alg(alg)),
        };
        match verdict {
            Ok(true) => return Ok(key),
            Ok(false) => errors.push(Error::verification_failed()),
            // an internal error (a bug, or a key flow's pause) ends it all
            Err(e) if e.kind == Kind::Internal => return Err(e),
            Err(e) => errors.push(e),
        }
    }
    if several {
        return Err(Error::all_failed(errors, Error::verification_failed, false));
    }
    Err(errors
        .into_iter()
        .next()
        .unwrap_or_else(Error::verification_failed))
}

/// jose's refusal of an `alg` it does not implement.
fn unsupported_alg(alg: &Alg) -> Error {
    Error::not_supported(format!("unsupported verify alg: {}", alg.name))
}
