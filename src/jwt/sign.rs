//! `JWT.sign` options and the registered claims they set, with jose's
//! `TypeError`s in jose's order. The options arrive as the facade's JSON
//! view (see `verify_options`): `header` as `{}` when it is a plain object
//! and `null` when not, `now` as milliseconds.

use std::fmt::Write as _;

use serde_json::{Map, Value};

use super::js::{
    date_now, is_array_of_strings, is_non_empty_string, is_plain_object, number_to_string,
    number_value,
};
use super::timespan;
use crate::error::{Error, Result};
use crate::js_json;

/// Checked `JWT.sign` options.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SignOptions {
    pub algorithm: Option<String>,
    /// `aud`: a string or a list, kept as given.
    pub audience: Option<Value>,
    pub expires_in: Option<String>,
    /// Whether to set `iat` (jose's default: yes).
    pub iat: bool,
    pub issuer: Option<String>,
    pub jti: Option<String>,
    /// `Some` when the caller chose; jose's default depends on the key
    /// (the key's `kid` for asymmetric keys, none for secrets).
    pub kid: Option<bool>,
    pub nonce: Option<String>,
    pub not_before: Option<String>,
    /// Milliseconds since the epoch; `None` for the current time.
    pub now_ms: Option<f64>,
    pub subject: Option<String>,
}

fn optional_string(options: &Map<String, Value>, name: &str) -> Result<Option<String>> {
    match options.get(name) {
        None => Ok(None),
        Some(v) if is_non_empty_string(v) => Ok(v.as_str().map(str::to_owned)),
        Some(_) => Err(Error::type_error(format!(
            "options.{name} must be a string"
        ))),
    }
}

fn optional_bool(options: &Map<String, Value>, name: &str) -> Result<Option<bool>> {
    match options.get(name) {
        None => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(_) => Err(Error::type_error(format!(
            "options.{name} must be a boolean"
        ))),
    }
}

impl SignOptions {
    pub fn from_json(options: &Map<String, Value>) -> Result<SignOptions> {
        let iat = optional_bool(options, "iat")?.unwrap_or(true);
        let kid = optional_bool(options, "kid")?;
        let subject = optional_string(options, "subject")?;
        let issuer = optional_string(options, "issuer")?;
        let audience = match options.get("audience") {
            None => None,
            Some(v) if is_non_empty_string(v) || is_array_of_strings(v) => Some(v.clone()),
            Some(_) => {
                return Err(Error::type_error(
                    "options.audience must be a string or an array of strings",
                ))
            }
        };
        if options.get("header").is_some_and(|h| !is_plain_object(h)) {
            return Err(Error::type_error("options.header must be an object"));
        }
        let algorithm = optional_string(options, "algorithm")?;
        let expires_in = optional_string(options, "expiresIn")?;
        let not_before = optional_string(options, "notBefore")?;
        let jti = optional_string(options, "jti")?;
        let nonce = optional_string(options, "nonce")?;
        let now_ms = match options.get("now") {
            None => None,
            Some(v) => Some(
                v.as_f64()
                    .filter(|ms| *ms != 0.0)
                    .ok_or_else(|| Error::type_error("options.now must be a valid Date object"))?,
            ),
        };
        Ok(SignOptions {
            algorithm,
            audience,
            expires_in,
            iat,
            issuer,
            jti,
            kid,
            nonce,
            not_before,
            now_ms,
            subject,
        })
    }

    /// The claims the options set, in the order jose writes them after the
    /// payload's own members: `sub aud iss jti iat nonce exp nbf`, each only
    /// when its option asks for it. `payload_is_object` is jose's check of
    /// the payload, which comes after the options' and before the
    /// timespans'.
    pub fn claims(&self, payload_is_object: bool) -> Result<Vec<(&'static str, Value)>> {
        if !payload_is_object {
            return Err(Error::type_error("payload must be an object"));
        }
        let unix = (self.now_ms.unwrap_or_else(date_now) / 1000.0).floor();
        let offset = |span: &Option<String>| -> Result<Option<Value>> {
            span.as_deref()
                .map(|s| Ok(number_value(unix + timespan::seconds(s)?)))
                .transpose()
        };
        let text = |v: &Option<String>| v.clone().map(Value::String);

        let mut claims = Vec::with_capacity(8);
        let mut set = |name: &'static str, value: Option<Value>| {
            if let Some(value) = value {
                claims.push((name, value));
            }
        };
        set("sub", text(&self.subject));
        set("aud", self.audience.clone());
        set("iss", text(&self.issuer));
        set("jti", text(&self.jti));
        set("iat", self.iat.then(|| number_value(unix)));
        set("nonce", text(&self.nonce));
        set("exp", offset(&self.expires_in)?);
        set("nbf", offset(&self.not_before)?);
        Ok(claims)
    }

    /// The JWT Claims Set as JSON text, for a payload that came as the text
    /// of `JSON.stringify` of a plain object holding none of the claims the
    /// options set (the facade's fast path checks that): the claims are
    /// appended, as jose's spread appends new members. The payload's own
    /// text is kept byte for byte, so nothing JavaScript serialized is
    /// re-serialized by different rules; numbers print as JavaScript's do.
    pub fn claims_set_text(&self, payload_json: String) -> Result<String> {
        let claims = self.claims(true)?;
        let has_members = payload_json
            .strip_prefix('{')
            .and_then(|rest| rest.strip_suffix('}'))
            .ok_or_else(|| Error::type_error("payload must be an object"))?
            .bytes()
            .any(|b| !b.is_ascii_whitespace());
        // the payload's text up to its closing brace, the claims after it
        let mut text = payload_json;
        text.pop();
        for (i, (name, value)) in claims.iter().enumerate() {
            if has_members || i > 0 {
                text.push(',');
            }
            // the claim names are plain ASCII: nothing to escape
            text.push('"');
            text.push_str(name);
            text.push_str("\":");
            push_js_json(&mut text, value);
        }
        text.push('}');
        Ok(text)
    }

    /// The JWT Claims Set to sign: `payload` with [`claims`](Self::claims)
    /// laid over it. A member the payload already has keeps its place, as
    /// in jose's `{ ...payload, sub, aud, ... }`.
    pub fn claims_set(&self, mut payload: Map<String, Value>) -> Result<Map<String, Value>> {
        for (name, value) in self.claims(true)? {
            payload.insert(name.to_owned(), value);
        }
        Ok(payload)
    }
}

/// `JSON.stringify` of a claim value: strings and lists escape as serde_json
/// and V8 both do; a fractional number (a timespan like "1.5s") prints as
/// JavaScript prints it, where serde_json's shortest form would differ in
/// exponent notation.
fn push_js_json(text: &mut String, value: &Value) {
    match value {
        // integers, as `iat` and `exp` are: written in place
        Value::Number(n) if n.is_i64() || n.is_u64() => {
            let _ = write!(text, "{n}");
        }
        Value::Number(n) => text.push_str(&number_to_string(n.as_f64().unwrap_or(f64::NAN))),
        other => text.push_str(&js_json::to_text(other).unwrap_or_default()),
    }
}
