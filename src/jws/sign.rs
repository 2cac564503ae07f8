//! Producing a JWS in any of the three serializations (RFC 7515 section 5.1,
//! RFC 7797 for `b64: false`), with jose's checks in jose's order.

use std::borrow::Cow;

use serde_json::{Map, Value};

use super::header::{
    disjointness_error, encode_protected, is_disjoint, is_unencoded, js_display, truthy,
    validate_crit, Header,
};
use super::SigningKey;
use crate::b64;
use crate::error::{Error, Kind, Result};
use crate::js_json;

/// The three JWS (and JWE) serializations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Serialization {
    Compact,
    Flattened,
    General,
}

impl Serialization {
    /// A serialization by the name jose's APIs take.
    pub fn parse(name: &str) -> Result<Serialization> {
        match name {
            "compact" => Ok(Serialization::Compact),
            "flattened" => Ok(Serialization::Flattened),
            "general" => Ok(Serialization::General),
            _ => Err(Error::type_error(
                "serialization must be one of \"compact\", \"flattened\", \"general\"",
            )),
        }
    }
}

/// One signature to make: a key and its headers.
pub struct Recipient<'a> {
    pub key: &'a dyn SigningKey,
    pub protected: Option<Header>,
    pub header: Option<Header>,
    /// The `alg` to use when neither header names one: jose takes the key's
    /// `alg`, else the first algorithm the key can sign with. It is then
    /// written into the protected header. Choosing it is the key model's job.
    pub default_alg: Option<String>,
}

/// One signature of a [`SignedJws`], fields as they serialize.
#[derive(Debug, Clone, PartialEq)]
pub struct JwsSignature {
    /// The encoded protected header; empty when there is none.
    pub protected: String,
    pub header: Option<Header>,
    pub signature: String,
}

/// A signed JWS, ready to serialize.
#[derive(Debug, Clone, PartialEq)]
pub struct SignedJws {
    pub serialization: Serialization,
    /// The payload exactly as it appears in the JWS: base64url text, or the
    /// caller's bytes when `b64: false` (which need not be UTF-8 in JSON
    /// serializations; the Node layer hands those back as a Buffer).
    pub payload: Vec<u8>,
    pub unencoded_payload: bool,
    pub signatures: Vec<JwsSignature>,
}

impl SignedJws {
    /// `protected.payload.signature` of the first signature.
    pub fn to_compact(&self) -> String {
        let (protected, signature) = self
            .signatures
            .first()
            .map_or(("", ""), |s| (s.protected.as_str(), s.signature.as_str()));
        // an encoded payload is ASCII, and `from_utf8` checks that fast
        let payload = match std::str::from_utf8(&self.payload) {
            Ok(text) => Cow::Borrowed(text),
            Err(_) => String::from_utf8_lossy(&self.payload),
        };
        let mut compact =
            String::with_capacity(protected.len() + payload.len() + signature.len() + 2);
        for part in [protected, ".", &payload, ".", signature] {
            compact.push_str(part);
        }
        compact
    }

    /// The flattened object for [`Serialization::Flattened`], the general one
    /// otherwise; members in jose's order, `protected` and `header` only when
    /// present. A non-UTF-8 unencoded payload is shown lossily here.
    pub fn to_json(&self) -> Value {
        let payload = Value::String(String::from_utf8_lossy(&self.payload).into_owned());
        let entry = |s: &JwsSignature, out: &mut Map<String, Value>| {
            if !s.protected.is_empty() {
                out.insert("protected".into(), Value::String(s.protected.clone()));
            }
            if let Some(header) = &s.header {
                out.insert("header".into(), Value::Object(header.clone()));
            }
            out.insert("signature".into(), Value::String(s.signature.clone()));
        };
        let mut out = Map::new();
        out.insert("payload".into(), payload);
        match (self.serialization, self.signatures.as_slice()) {
            (Serialization::Flattened, [only]) => entry(only, &mut out),
            _ => {
                let list = self
                    .signatures
                    .iter()
                    .map(|s| {
                        let mut one = Map::new();
                        entry(s, &mut one);
                        Value::Object(one)
                    })
                    .collect();
                out.insert("signatures".into(), Value::Array(list));
            }
        }
        Value::Object(out)
    }
}

fn invalid(message: impl Into<String>) -> Error {
    Error::new(Kind::JwsInvalid, message)
}

/// The extension names a signer declares in `crit` count as understood: the
/// checks left are the structural ones.
fn declared_crit(protected: Option<&Header>) -> Vec<&str> {
    protected
        .and_then(|p| p.get("crit"))
        .and_then(Value::as_array)
        .map(|list| list.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

fn validate_recipient_crit(r: &Recipient<'_>) -> Result<()> {
    let protected = r.protected.as_ref();
    validate_crit(
        Kind::JwsInvalid,
        protected,
        r.header.as_ref(),
        &declared_crit(protected),
    )
}

/// jose's per-serialization checks, run before anything is signed (public
/// so a caller can put its own per-key checks after them, as jose orders it).
pub fn validate(recipients: &[Recipient<'_>], serialization: Serialization) -> Result<()> {
    match serialization {
        Serialization::Compact => {
            if recipients.len() != 1 || recipients[0].header.is_some() {
                return Err(invalid(
                    "JWS Compact Serialization doesn't support multiple recipients or JWS unprotected headers",
                ));
            }
            validate_recipient_crit(&recipients[0])
        }
        Serialization::Flattened => {
            if recipients.len() != 1 {
                return Err(invalid(
                    "Flattened JWS JSON Serialization doesn't support multiple recipients",
                ));
            }
            validate_recipient_crit(&recipients[0])
        }
        Serialization::General => {
            for r in recipients {
                validate_recipient_crit(r)?;
            }
            // One payload serves every signature, so they must agree on b64.
            fn b64_of<'r>(r: &'r Recipient<'_>) -> Option<&'r Value> {
                r.protected.as_ref().and_then(|p| p.get("b64"))
            }
            if recipients.iter().any(|r| b64_of(r).is_some()) {
                let first = b64_of(&recipients[0]);
                if recipients.iter().any(|r| b64_of(r) != first) {
                    return Err(invalid(
                        "the \"b64\" Header Parameter value MUST be the same for all recipients",
                    ));
                }
            }
            Ok(())
        }
    }
}

/// The `alg` for one recipient: the protected header's, else the
/// unprotected one's, else `default_alg`, which is then recorded in the
/// protected header (created if need be).
fn resolve_alg(r: &mut Recipient<'_>) -> Result<String> {
    let named = [r.protected.as_ref(), r.header.as_ref()]
        .into_iter()
        .flatten()
        .map(|h| h.get("alg"))
        .find(|alg| truthy(*alg))
        .flatten();
    if let Some(alg) = named {
        return Ok(js_display(alg));
    }
    let alg = r
        .default_alg
        .clone()
        .filter(|a| !a.is_empty())
        .ok_or_else(|| invalid("could not resolve a usable \"alg\" for a recipient"))?;
    r.protected
        .get_or_insert_with(Map::new)
        .insert("alg".into(), Value::String(alg.clone()));
    Ok(alg)
}

/// Signs `payload` for every recipient and returns the JWS in
/// `serialization`. The payload is the content itself (jose's string,
/// Buffer or JSON-serialized object, as bytes); it is base64url-encoded
/// unless the first recipient's protected header sets `b64: false` with
/// `crit: ["b64"]`.
pub fn sign(
    payload: &[u8],
    mut recipients: Vec<Recipient<'_>>,
    serialization: Serialization,
) -> Result<SignedJws> {
    for r in &recipients {
        if !is_disjoint(r.protected.as_ref(), r.header.as_ref()) {
            return Err(disjointness_error());
        }
    }
    if recipients.is_empty() {
        return Err(invalid("missing recipients"));
    }
    validate(&recipients, serialization)?;

    let unencoded = is_unencoded(recipients[0].protected.as_ref());
    let payload = if unencoded {
        // RFC 7797 section 5.2: in compact form the payload shares the string
        // with '.' separators, so it must be text without any '.'.
        let compact_safe = std::str::from_utf8(payload).is_ok_and(|text| !text.contains('.'));
        if serialization == Serialization::Compact && !compact_safe {
            return Err(invalid(
                "JWS Compact Serialization with an unencoded payload requires UTF-8 text without \".\" characters",
            ));
        }
        payload.to_vec()
    } else {
        b64::encode(payload).into_bytes()
    };

    let mut signatures = Vec::with_capacity(recipients.len());
    for r in &mut recipients {
        let alg = resolve_alg(r)?;
        let protected = encode_protected(r.protected.as_ref())?;
        let mut input = Vec::with_capacity(protected.len() + 1 + payload.len());
        input.extend_from_slice(protected.as_bytes());
        input.push(b'.');
        input.extend_from_slice(&payload);
        let signature = r.key.sign(&alg, &input)?;
        signatures.push(JwsSignature {
            protected,
            header: r.header.take(),
            signature: b64::encode(&signature),
        });
    }
    Ok(SignedJws {
        serialization,
        payload,
        unencoded_payload: unencoded,
        signatures,
    })
}

/// The compact JWS of a protected header that holds `alg` and `kid` at
/// most (what `JWT.sign` writes when the caller gives no `header` option),
/// without building that header as a JSON map: the checks, their order and
/// the header text are [`sign`]'s for the same header. With no `alg`, the
/// key's default is appended after `kid`, where [`sign`] records it.
pub fn compact_with_alg_and_kid(
    payload: &[u8],
    key: &dyn SigningKey,
    alg: Option<&str>,
    kid: Option<&str>,
    default_alg: Option<String>,
) -> Result<String> {
    let (alg, given) = match alg {
        Some(alg) if !alg.is_empty() => (alg.to_owned(), true),
        _ => (
            default_alg
                .filter(|a| !a.is_empty())
                .ok_or_else(|| invalid("could not resolve a usable \"alg\" for a recipient"))?,
            false,
        ),
    };
    let members = match (kid, given) {
        (None, _) => [Some(("alg", alg.as_str())), None],
        (Some(kid), true) => [Some(("alg", alg.as_str())), Some(("kid", kid))],
        (Some(kid), false) => [Some(("kid", kid)), Some(("alg", alg.as_str()))],
    };
    let mut header = String::with_capacity(64);
    for (name, value) in members.into_iter().flatten() {
        header.push(if header.is_empty() { '{' } else { ',' });
        header.push('"');
        header.push_str(name);
        header.push_str("\":");
        header.push_str(
            &js_json::to_text(value)
                .map_err(|_| Error::type_error("protected header is not serializable to JSON"))?,
        );
    }
    header.push('}');

    let segment = b64::encode(header.as_bytes());
    super::compact::write(&segment, payload, |input| key.sign(&alg, input))
}
