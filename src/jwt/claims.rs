//! The claim checks of `JWT.verify`, run once the signature verified: first
//! the types of the claims present (and the presence of those the options
//! or the profile require), then their values against the options and the
//! clock. Order, messages, `claim` and `reason` are jose's; JARM's follow
//! the same pattern.

use serde_json::{Map, Value};

use super::claims_set::ClaimsSet;
use super::js::{date_now, is_array_of_strings, is_non_empty_string, is_plain_object};
use super::timespan;
use super::verify_options::{Expected, Profile, VerifyOptions};
use crate::error::{Error, Kind, Result};

const BACKCHANNEL_LOGOUT: &str = "http://schemas.openid.net/event/backchannel-logout";

fn invalid(message: impl Into<String>, claim: &'static str, reason: &'static str) -> Error {
    Error::claim(Kind::JwtClaimInvalid, message, claim, reason)
}

fn expired(message: &str, claim: &'static str) -> Error {
    Error::claim(Kind::JwtExpired, message, claim, "check_failed")
}

/// jose's `isString` for a claim or header parameter: `label` is how the
/// message names it (`"sub" claim`, `"typ" header parameter`).
fn string(value: Option<&Value>, label: &str, claim: &'static str, required: bool) -> Result<()> {
    match value {
        None if required => Err(invalid(format!("{label} is missing"), claim, "missing")),
        Some(v) if !is_non_empty_string(v) => Err(invalid(
            format!("{label} must be a string"),
            claim,
            "invalid",
        )),
        _ => Ok(()),
    }
}

fn timestamp(value: Option<&Value>, claim: &'static str, required: bool) -> Result<()> {
    match value {
        None if required => Err(invalid(
            format!("\"{claim}\" claim is missing"),
            claim,
            "missing",
        )),
        Some(v) if !v.is_number() => Err(invalid(
            format!("\"{claim}\" claim must be a JSON numeric value"),
            claim,
            "invalid",
        )),
        _ => Ok(()),
    }
}

fn string_or_strings(value: Option<&Value>, claim: &'static str, required: bool) -> Result<()> {
    match value {
        None if required => Err(invalid(
            format!("\"{claim}\" claim is missing"),
            claim,
            "missing",
        )),
        Some(v) if !is_non_empty_string(v) && !is_array_of_strings(v) => Err(invalid(
            format!("\"{claim}\" claim must be a string or array of strings"),
            claim,
            "invalid",
        )),
        _ => Ok(()),
    }
}

/// Every payload member the checks below read. Decoding keeps only these
/// of an object payload (`ClaimsSet`), which saves building the rest; a
/// test holds this list to the names the checks use.
pub(super) const READ: &[&str] = &[
    "acr",
    "amr",
    "aud",
    "auth_time",
    "azp",
    "client_id",
    "code",
    "error",
    "error_description",
    "error_uri",
    "events",
    "exp",
    "iat",
    "iss",
    "jti",
    "nbf",
    "nonce",
    "sid",
    "state",
    "sub",
];

/// Checks a verified token's header and claims. `header` is the JOSE
/// Header (an object by now: the signature check refuses anything else);
/// `payload` is whatever JSON the token carried, and jose's checks treat a
/// non-object as JavaScript would.
pub fn validate(
    header: &Map<String, Value>,
    payload: &ClaimsSet,
    options: &VerifyOptions,
) -> Result<()> {
    validate_types(header, payload, options)?;
    check_values(header, payload, options)
}

fn validate_types(
    header: &Map<String, Value>,
    payload: &ClaimsSet,
    o: &VerifyOptions,
) -> Result<()> {
    use Profile::*;
    let profile = o.profile;
    let is = |p: Profile| profile == Some(p);
    let claim = |name: &str| get(payload, name);

    string(header.get("alg"), "\"alg\" header parameter", "alg", true)?;
    // JARM adds `exp` to the claims that must be there, as its spec says;
    // `iss` and `aud` follow from the options it requires.
    timestamp(
        claim("iat")?,
        "iat",
        is(IdToken) || is(LogoutToken) || is(AccessToken) || o.max_token_age.is_some(),
    )?;
    timestamp(
        claim("exp")?,
        "exp",
        is(IdToken) || is(AccessToken) || is(Jarm),
    )?;
    timestamp(claim("auth_time")?, "auth_time", o.max_auth_age.is_some())?;
    timestamp(claim("nbf")?, "nbf", false)?;
    string(
        claim("jti")?,
        "\"jti\" claim",
        "jti",
        is(LogoutToken) || is(AccessToken) || o.jti.is_some(),
    )?;
    string(claim("acr")?, "\"acr\" claim", "acr", false)?;
    string(
        claim("nonce")?,
        "\"nonce\" claim",
        "nonce",
        o.nonce.is_some(),
    )?;
    string_or_strings(claim("iss")?, "iss", o.issuer.is_some())?;
    string(
        claim("sub")?,
        "\"sub\" claim",
        "sub",
        is(IdToken) || is(AccessToken) || o.subject.is_some(),
    )?;
    let aud = claim("aud")?;
    string_or_strings(aud, "aud", o.audience.is_some())?;
    let several_audiences = aud
        .and_then(Value::as_array)
        .is_some_and(|list| list.len() > 1);
    string(
        claim("azp")?,
        "\"azp\" claim",
        "azp",
        is(IdToken) && several_audiences,
    )?;
    string_or_strings(claim("amr")?, "amr", false)?;
    string(
        header.get("typ"),
        "\"typ\" header parameter",
        "typ",
        o.typ.is_some(),
    )?;

    match profile {
        Some(AccessToken) => string(
            claim("client_id")?,
            "\"client_id\" claim",
            "client_id",
            true,
        ),
        Some(LogoutToken) => validate_logout_token(payload),
        Some(Jarm) => validate_jarm_response(payload, o),
        _ => Ok(()),
    }
}

fn validate_logout_token(payload: &ClaimsSet) -> Result<()> {
    string(get(payload, "sid")?, "\"sid\" claim", "sid", false)?;
    if !has(payload, "sid")? && !has(payload, "sub")? {
        return Err(Error::new(
            Kind::JwtClaimInvalid,
            "either \"sid\" or \"sub\" (or both) claims must be present",
        ));
    }
    if has(payload, "nonce")? {
        return Err(invalid(
            "\"nonce\" claim is prohibited",
            "nonce",
            "prohibited",
        ));
    }
    if !has(payload, "events")? {
        return Err(invalid("\"events\" claim is missing", "events", "missing"));
    }
    let events = get(payload, "events")?.unwrap_or(&Value::Null);
    if !is_plain_object(events) {
        return Err(invalid(
            "\"events\" claim must be an object",
            "events",
            "invalid",
        ));
    }
    match events.get(BACKCHANNEL_LOGOUT) {
        None => Err(invalid(
            format!("\"{BACKCHANNEL_LOGOUT}\" member is missing in the \"events\" claim"),
            "events",
            "invalid",
        )),
        Some(member) if !is_plain_object(member) => Err(invalid(
            format!("\"{BACKCHANNEL_LOGOUT}\" member in the \"events\" claim must be an object"),
            "events",
            "invalid",
        )),
        Some(_) => Ok(()),
    }
}

/// JARM (OpenID FAPI JARM, section 2.1): an authorization response as a
/// JWT. A successful response carries its parameters (`code`, `state`, ...)
/// and an error response `error`, `error_description`, `error_uri` and
/// `state`; both verify, the caller reads which it got. The parameters
/// present must be strings; `state` must be there when expected.
fn validate_jarm_response(payload: &ClaimsSet, o: &VerifyOptions) -> Result<()> {
    string(
        get(payload, "state")?,
        "\"state\" claim",
        "state",
        o.state.is_some(),
    )?;
    string(get(payload, "code")?, "\"code\" claim", "code", false)?;
    string(get(payload, "error")?, "\"error\" claim", "error", false)?;
    string(
        get(payload, "error_description")?,
        "\"error_description\" claim",
        "error_description",
        false,
    )?;
    string(
        get(payload, "error_uri")?,
        "\"error_uri\" claim",
        "error_uri",
        false,
    )
}

fn get<'v>(payload: &'v ClaimsSet, name: &str) -> Result<Option<&'v Value>> {
    payload.get(name)
}

fn has(payload: &ClaimsSet, name: &str) -> Result<bool> {
    payload.has(name)
}

/// A claim's number, once its type is known to be one.
fn number(payload: &ClaimsSet, name: &str) -> Result<f64> {
    Ok(get(payload, name)?
        .and_then(Value::as_f64)
        .unwrap_or(f64::NAN))
}

/// `typ` compared as jose does: case-insensitively, without `application/`.
fn normalize_typ(typ: &str) -> String {
    let lower = typ.to_lowercase();
    match lower.strip_prefix("application/") {
        Some(rest) => rest.to_owned(),
        None => lower,
    }
}

fn check_values(header: &Map<String, Value>, payload: &ClaimsSet, o: &VerifyOptions) -> Result<()> {
    let claim_str =
        |name: &str| -> Result<Option<&str>> { Ok(get(payload, name)?.and_then(Value::as_str)) };

    if let Some(issuer) = &o.issuer {
        if !claim_str("iss")?.is_some_and(|iss| issuer.contains(iss)) {
            return Err(invalid(
                "unexpected \"iss\" claim value",
                "iss",
                "check_failed",
            ));
        }
    }
    for (expected, claim) in [(&o.nonce, "nonce"), (&o.subject, "sub"), (&o.jti, "jti")] {
        if let Some(expected) = expected {
            if claim_str(claim)? != Some(expected.as_str()) {
                return Err(invalid(
                    format!("unexpected \"{claim}\" claim value"),
                    claim,
                    "check_failed",
                ));
            }
        }
    }
    if let Some(audience) = &o.audience {
        // Each principal intended to process the JWT must find itself in
        // "aud"; one match among several expected values is enough.
        let found = match get(payload, "aud")? {
            Some(Value::String(aud)) => audience.contains(aud),
            Some(Value::Array(list)) => list
                .iter()
                .filter_map(Value::as_str)
                .any(|aud| audience.contains(aud)),
            _ => false,
        };
        if !found {
            return Err(invalid(
                "unexpected \"aud\" claim value",
                "aud",
                "check_failed",
            ));
        }
    }
    if let Some(typ) = &o.typ {
        let given = header
            .get("typ")
            .and_then(Value::as_str)
            .unwrap_or_default();
        if normalize_typ(given) != normalize_typ(typ) {
            return Err(invalid(
                "unexpected \"typ\" JWT header value",
                "typ",
                "check_failed",
            ));
        }
    }

    let unix = (o.now_ms.unwrap_or_else(date_now) / 1000.0).floor();
    let tolerance = match &o.clock_tolerance {
        Some(span) => timespan::seconds(span)?,
        None => 0.0,
    };

    if let Some(span) = &o.max_auth_age {
        let max_age = timespan::seconds(span)?;
        if number(payload, "auth_time")? + max_age < unix - tolerance {
            return Err(invalid(
                "\"auth_time\" claim timestamp check failed (too much time has elapsed since the last End-User authentication)",
                "auth_time",
                "check_failed",
            ));
        }
    }
    if !o.ignore_iat
        && !has(payload, "exp")?
        && has(payload, "iat")?
        && number(payload, "iat")? > unix + tolerance
    {
        return Err(iat_in_the_future());
    }
    if !o.ignore_nbf && has(payload, "nbf")? && number(payload, "nbf")? > unix + tolerance {
        return Err(invalid(
            "\"nbf\" claim timestamp check failed",
            "nbf",
            "check_failed",
        ));
    }
    if !o.ignore_exp && has(payload, "exp")? && number(payload, "exp")? <= unix - tolerance {
        return Err(expired("\"exp\" claim timestamp check failed", "exp"));
    }
    if let Some(span) = &o.max_token_age {
        let age = unix - number(payload, "iat")?;
        let max_age = timespan::seconds(span)?;
        if age - tolerance > max_age {
            return Err(expired(
                "\"iat\" claim timestamp check failed (too far in the past)",
                "iat",
            ));
        }
        if age < -tolerance {
            return Err(iat_in_the_future());
        }
    }

    if o.profile == Some(Profile::IdToken) {
        // With several audiences the ID Token must name the client as its
        // authorized party; jose compares "azp" with the audience option
        // itself, so a list there never matches.
        let several = get(payload, "aud")?
            .and_then(Value::as_array)
            .is_some_and(|list| list.len() > 1);
        let azp_matches = match (&o.audience, claim_str("azp")?) {
            (Some(Expected::One(client_id)), Some(azp)) => azp == client_id,
            _ => false,
        };
        if several && !azp_matches {
            return Err(invalid(
                "unexpected \"azp\" claim value",
                "azp",
                "check_failed",
            ));
        }
    }
    if let Some(state) = &o.state {
        if claim_str("state")? != Some(state.as_str()) {
            return Err(invalid(
                "unexpected \"state\" claim value",
                "state",
                "check_failed",
            ));
        }
    }
    Ok(())
}

fn iat_in_the_future() -> Error {
    invalid(
        "\"iat\" claim timestamp check failed (it should be in the past)",
        "iat",
        "check_failed",
    )
}
