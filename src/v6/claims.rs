//! A JWT Claims Set as jose 6's `jwtVerify`, `jwtDecrypt` and
//! `UnsecuredJWT.decode` check it: JSON object first, then `typ`, the
//! required claims, `iss`, `sub`, `aud`, and the time claims against the
//! caller's clock, each failure naming the claim, the reason and carrying
//! the claims set.

use serde_json::Value;

use super::header::{self, Header};
use crate::error::{ClaimFailure, Error, Kind, Result};
use crate::js_json;
use crate::jwt::{timespan, ClaimsSet};

/// A time option as given: seconds, a timespan, or a value of another type.
#[derive(Debug, Clone, PartialEq)]
pub enum Span {
    Seconds(f64),
    Text(String),
    WrongType,
}

/// The `typ` option: a media type, or a value jose 6 fails on when it
/// lowercases it (only once the header has a `typ` string to compare).
#[derive(Debug, Clone, PartialEq)]
pub enum Typ {
    Text(String),
    Null,
    NotText,
}

/// The `audience` option: a list (a string is a list of one), or a value
/// of another type, on which jose 6 calls `includes` or `some` anyway.
#[derive(Debug, Clone, PartialEq)]
pub enum Audience {
    List(Vec<Value>),
    Null,
    Other,
}

/// `jwtVerify`'s claim options, as the facade reads them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClaimOptions {
    pub typ: Option<Typ>,
    /// `requiredClaims`, each member by its property key; `None` for a
    /// Symbol, which no claims set read from JSON has and jose 6 fails to
    /// name in its message (a `TypeError` once the check reaches it).
    pub required_claims: Vec<Option<String>>,
    /// `requiredClaims` was given but is not iterable.
    pub required_claims_wrong: bool,
    /// `issuer`: one value or several (any matches).
    pub issuer: Option<Vec<Value>>,
    pub subject: Option<Value>,
    pub audience: Option<Audience>,
    pub max_token_age: Option<Span>,
    pub clock_tolerance: Option<Span>,
    /// The options argument was `null`, which jose 6 fails to destructure
    /// once the claims set has been read.
    pub options_null: bool,
}

/// The caller's clock as the facade read it at call time: seconds since
/// the epoch (NaN for an invalid date), or the TypeError JavaScript throws
/// reading it (a `currentDate` without a `getTime` method), which jose 6
/// reaches only once the claims before the time checks have passed.
#[derive(Debug, Clone, PartialEq)]
pub enum Clock {
    Seconds(f64),
    Fails(String),
}

/// A claims set as the checks read it: its JSON text, and of its members
/// those the checks read, kept by `crate::jwt::ClaimsSet` (jose 1.x's
/// reader: no member name allocated or hashed), plus every member only
/// when `requiredClaims` names one that reader skips.
pub struct Claims<'a> {
    pub text: &'a str,
    read: ClaimsSet,
    all: Option<Header>,
}

impl Claims<'_> {
    /// `payload[name]`.
    fn get(&self, name: &str) -> Option<&Value> {
        match &self.all {
            Some(all) => all.get(name),
            None => self.read.get(name).ok().flatten(),
        }
    }
}

/// Reads the payload as jose 6 does: strict UTF-8 (a BOM dropped, as
/// `TextDecoder` drops it), a JSON object. `required` is the
/// `requiredClaims` option, whose names must be seen too.
pub fn parse<'a>(payload: &'a [u8], required: &[Option<String>]) -> Result<Claims<'a>> {
    let fail = || {
        Error::new(
            Kind::JwtInvalid,
            "JWT Claims Set must be a top-level JSON object",
        )
    };
    let text = header::strict_utf8(payload).ok_or_else(fail)?;
    let read = js_json::read(text, |json| {
        let mut de = serde_json::Deserializer::from_str(json);
        ClaimsSet::read(&mut de).and_then(|read| de.end().map(|()| read))
    })
    .map_err(|_| fail())?;
    if !matches!(read, ClaimsSet::Object(_)) {
        return Err(fail());
    }
    let all = if required.iter().flatten().all(|name| ClaimsSet::reads(name)) {
        None
    } else {
        Some(header::parse_object(text).ok_or_else(fail)?)
    };
    Ok(Claims { text, read, all })
}

fn failed(
    claims: &Claims,
    kind: Kind,
    message: String,
    claim: &'static str,
    reason: &'static str,
) -> Error {
    Error {
        claim: Some(ClaimFailure {
            claim: claim.into(),
            reason,
        }),
        payload: Some(claims.text.to_owned()),
        ..Error::new(kind, message)
    }
}

/// JavaScript's `===` (and `includes`) between an option's value and a
/// claim's, as jose 6 compares them: numbers by value (`1.0` is `1`, `-0`
/// is `0`), and an object or array never equals another one.
fn same_value(option: &Value, claim: &Value) -> bool {
    match (option, claim) {
        (Value::Number(a), Value::Number(b)) => a.as_f64() == b.as_f64(),
        (Value::Object(_) | Value::Array(_), _) | (_, Value::Object(_) | Value::Array(_)) => false,
        (a, b) => a == b,
    }
}

fn normalize_typ(value: &str) -> String {
    let lower = value.to_lowercase();
    if value.contains('/') {
        lower
    } else {
        format!("application/{lower}")
    }
}

fn span_seconds(span: &Span, option: &str) -> Result<f64> {
    match span {
        Span::Seconds(s) => Ok(*s),
        Span::Text(text) => timespan::signed_seconds(text)
            .ok_or_else(|| Error::type_error("Invalid time period format")),
        Span::WrongType => Err(Error::type_error(format!("Invalid {option} type"))),
    }
}

fn finite(value: f64, label: &str) -> Result<f64> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(Error::type_error(format!("Invalid {label} input")))
    }
}

/// Checks the claims set against the options, in jose 6's order.
pub fn validate(
    protected: &Header,
    claims: &Claims,
    options: &ClaimOptions,
    now: &Clock,
) -> Result<()> {
    if options.options_null {
        return Err(Error::type_error(
            "Cannot destructure property 'typ' of 'options' as it is null.",
        ));
    }
    if let Some(typ) = &options.typ {
        let matches = match (protected.get("typ").and_then(Value::as_str), typ) {
            (None, _) => false,
            (Some(t), Typ::Text(typ)) => normalize_typ(t) == normalize_typ(typ),
            // JavaScript's own errors from `value.toLowerCase()`
            (Some(_), Typ::Null) => {
                return Err(Error::type_error(
                    "Cannot read properties of null (reading 'toLowerCase')",
                ))
            }
            (Some(_), Typ::NotText) => {
                return Err(Error::type_error("value.toLowerCase is not a function"))
            }
        };
        if !matches {
            return Err(failed(
                claims,
                Kind::JwtClaimValidationFailed,
                "unexpected \"typ\" JWT header value".into(),
                "typ",
                "check_failed",
            ));
        }
    }
    check_presence(claims, options)?;
    let unexpected = |claim: &'static str| {
        failed(
            claims,
            Kind::JwtClaimValidationFailed,
            format!("unexpected \"{claim}\" claim value"),
            claim,
            "check_failed",
        )
    };
    let iss = claims.get("iss");
    if let Some(issuers) = &options.issuer {
        if !iss.is_some_and(|iss| issuers.iter().any(|i| same_value(i, iss))) {
            return Err(unexpected("iss"));
        }
    }
    if let Some(subject) = &options.subject {
        if !claims
            .get("sub")
            .is_some_and(|sub| same_value(subject, sub))
        {
            return Err(unexpected("sub"));
        }
    }
    if let Some(audience) = &options.audience {
        if !audience_present(audience, claims.get("aud"))? {
            return Err(unexpected("aud"));
        }
    }
    let tolerance = match &options.clock_tolerance {
        None => 0.0,
        Some(span) => span_seconds(span, "clockTolerance option")?,
    };
    let tolerance = finite(tolerance, "clockTolerance option")?;
    if tolerance < 0.0 {
        return Err(Error::type_error("Invalid clockTolerance option input"));
    }
    let now = match now {
        Clock::Seconds(seconds) => finite(*seconds, "currentDate option")?,
        Clock::Fails(message) => return Err(Error::type_error(message.clone())),
    };
    let iat = numeric_date(claims, "iat", options.max_token_age.is_some())?;
    let nbf = numeric_date(claims, "nbf", false)?;
    if nbf.is_some_and(|nbf| nbf > now + tolerance) {
        return Err(failed(
            claims,
            Kind::JwtClaimValidationFailed,
            "\"nbf\" claim timestamp check failed".into(),
            "nbf",
            "check_failed",
        ));
    }
    let exp = numeric_date(claims, "exp", false)?;
    if exp.is_some_and(|exp| exp <= now - tolerance) {
        return Err(failed(
            claims,
            Kind::JwtExpired,
            "\"exp\" claim timestamp check failed".into(),
            "exp",
            "check_failed",
        ));
    }
    if let Some(span) = &options.max_token_age {
        let age = now - iat.unwrap_or(f64::NAN);
        // jose 6 reads anything but a number as a timespan
        let max = match span {
            Span::Seconds(s) => *s,
            Span::Text(_) => span_seconds(span, "maxTokenAge option")?,
            Span::WrongType => return Err(Error::type_error("Invalid time period format")),
        };
        let max = finite(max, "maxTokenAge option")?;
        if max < 0.0 {
            return Err(Error::type_error("Invalid maxTokenAge option input"));
        }
        if age - tolerance > max {
            return Err(failed(
                claims,
                Kind::JwtExpired,
                "\"iat\" claim timestamp check failed (too far in the past)".into(),
                "iat",
                "check_failed",
            ));
        }
        if age < -tolerance {
            return Err(failed(
                claims,
                Kind::JwtClaimValidationFailed,
                "\"iat\" claim timestamp check failed (it should be in the past)".into(),
                "iat",
                "check_failed",
            ));
        }
    }
    Ok(())
}

/// Whether the `aud` claim holds one of the audiences. jose 6 asks the
/// option `includes` (a string claim) or `some` (a list): an option of
/// another type fails there as JavaScript fails.
fn audience_present(audience: &Audience, aud: Option<&Value>) -> Result<bool> {
    let method = match aud {
        Some(Value::String(_)) => "includes",
        Some(Value::Array(_)) => "some",
        _ => return Ok(false),
    };
    let list = match audience {
        Audience::List(list) => list,
        Audience::Null => {
            return Err(Error::type_error(format!(
                "Cannot read properties of null (reading '{method}')"
            )))
        }
        Audience::Other => {
            return Err(Error::type_error(format!(
                "audOption.{method} is not a function"
            )))
        }
    };
    Ok(match aud {
        Some(Value::Array(auds)) => list
            .iter()
            .any(|a| auds.iter().any(|aud| same_value(a, aud))),
        Some(aud) => list.iter().any(|a| same_value(a, aud)),
        None => false,
    })
}

/// The claims the options require, checked in jose 6's order: those the
/// options imply (`iss`, `sub`, `aud`, `iat`), then `requiredClaims` from
/// last to first, each once.
fn check_presence(claims: &Claims, options: &ClaimOptions) -> Result<()> {
    if options.required_claims_wrong {
        return Err(Error::type_error("requiredClaims is not iterable"));
    }
    let mut order: Vec<Option<&str>> = Vec::new();
    for (present, name) in [
        (options.issuer.is_some(), "iss"),
        (options.subject.is_some(), "sub"),
        (options.audience.is_some(), "aud"),
        (options.max_token_age.is_some(), "iat"),
    ] {
        if present {
            order.push(Some(name));
        }
    }
    order.extend(options.required_claims.iter().rev().map(Option::as_deref));
    let mut seen: Vec<&str> = Vec::new();
    for name in order {
        // a Symbol: never a member of a parsed claims set, and jose 6's
        // message template cannot print it
        let Some(name) = name else {
            return Err(Error::type_error(
                "Cannot convert a Symbol value to a string",
            ));
        };
        if seen.contains(&name) {
            continue;
        }
        seen.push(name);
        if claims.get(name).is_none() {
            return Err(Error {
                claim: Some(ClaimFailure {
                    claim: name.to_owned().into(),
                    reason: "missing",
                }),
                payload: Some(claims.text.to_owned()),
                ..Error::new(
                    Kind::JwtClaimValidationFailed,
                    format!("missing required \"{name}\" claim"),
                )
            });
        }
    }
    Ok(())
}

/// A time claim: absent (unless required) or a number.
fn numeric_date(claims: &Claims, claim: &'static str, required: bool) -> Result<Option<f64>> {
    match claims.get(claim) {
        None if !required => Ok(None),
        Some(Value::Number(n)) => Ok(n.as_f64()),
        _ => Err(failed(
            claims,
            Kind::JwtClaimValidationFailed,
            format!("\"{claim}\" claim must be a number"),
            claim,
            "invalid",
        )),
    }
}

/// `jwtDecrypt`: claims that the protected header replicates (`iss`,
/// `sub`, `aud`) must equal the claims set's.
pub fn check_replicated(protected: &Header, claims: &Claims) -> Result<()> {
    for claim in ["iss", "sub", "aud"] {
        let Some(replicated) = protected.get(claim) else {
            continue;
        };
        if claims.get(claim) != Some(replicated) {
            return Err(failed(
                claims,
                Kind::JwtClaimValidationFailed,
                format!("replicated \"{claim}\" claim header parameter mismatch"),
                claim,
                "mismatch",
            ));
        }
    }
    Ok(())
}
