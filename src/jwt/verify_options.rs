//! `JWT.verify` options: read from a JSON object and checked in jose's
//! order, each bad value the `TypeError` jose throws.
//!
//! The object is the facade's JSON view of the caller's options: absent
//! members are `undefined`, and any value JSON cannot carry faithfully (a
//! function, a `Date` where none belongs...) arrives as `null`, which every
//! check rejects as jose rejects the original. `now` arrives as the
//! `Date`'s milliseconds, or `null` when it was no `Date`.

use serde_json::{Map, Value};

use super::js::{is_array_of_strings, is_non_empty_string};
use crate::error::{Error, Result};

/// The validation profiles: jose's three and JARM.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    IdToken,
    AccessToken,
    LogoutToken,
    /// JWT Secured Authorization Response Mode (OpenID FAPI JARM).
    Jarm,
}

impl Profile {
    /// What the profile is called in "is required to validate ..." errors.
    fn subject(self) -> &'static str {
        match self {
            Profile::IdToken => "an ID Token",
            Profile::AccessToken => "a JWT Access Token",
            Profile::LogoutToken => "a Logout Token",
            Profile::Jarm => "a JARM response",
        }
    }
}

/// A string or a list of strings, one of which must match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    One(String),
    AnyOf(Vec<String>),
}

impl Expected {
    pub fn contains(&self, value: &str) -> bool {
        match self {
            Expected::One(one) => one == value,
            Expected::AnyOf(list) => list.iter().any(|v| v == value),
        }
    }

    fn from_value(value: &Value) -> Option<Expected> {
        match value {
            Value::String(s) => Some(Expected::One(s.clone())),
            other => Some(Expected::AnyOf(strings(other)?)),
        }
    }
}

/// Checked verify options.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct VerifyOptions {
    pub algorithms: Option<Vec<String>>,
    pub audience: Option<Expected>,
    pub clock_tolerance: Option<String>,
    pub complete: bool,
    pub crit: Option<Vec<String>>,
    pub ignore_exp: bool,
    pub ignore_iat: bool,
    pub ignore_nbf: bool,
    pub issuer: Option<Expected>,
    pub jti: Option<String>,
    pub max_auth_age: Option<String>,
    pub max_token_age: Option<String>,
    pub nonce: Option<String>,
    /// Milliseconds since the epoch; `None` for the clock's time when the
    /// claims are checked (so that checked options can be reused).
    pub now_ms: Option<f64>,
    pub profile: Option<Profile>,
    /// JARM only: the expected `state` (jose's `nonce`, for responses).
    pub state: Option<String>,
    pub subject: Option<String>,
    /// The expected `typ`; the access token profile sets its own.
    pub typ: Option<String>,
}

fn strings(value: &Value) -> Option<Vec<String>> {
    if !is_array_of_strings(value) {
        return None;
    }
    value.as_array().map(|list| {
        list.iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect()
    })
}

/// jose's `isString` for an option: absent, or a non-empty string.
fn optional_string(options: &Map<String, Value>, name: &str) -> Result<Option<String>> {
    match options.get(name) {
        None => Ok(None),
        Some(v) if is_non_empty_string(v) => Ok(v.as_str().map(str::to_owned)),
        Some(_) => Err(Error::type_error(format!(
            "options.{name} must be a string"
        ))),
    }
}

fn optional_bool(options: &Map<String, Value>, name: &str) -> Result<bool> {
    match options.get(name) {
        None => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(_) => Err(Error::type_error(format!(
            "options.{name} must be a boolean"
        ))),
    }
}

fn string_or_strings(options: &Map<String, Value>, name: &str) -> Result<Option<Expected>> {
    match options.get(name) {
        None => Ok(None),
        Some(v) if is_non_empty_string(v) || is_array_of_strings(v) => Ok(Expected::from_value(v)),
        Some(_) => Err(Error::type_error(format!(
            "options.{name} must be a string or an array of strings"
        ))),
    }
}

fn array_of_strings(options: &Map<String, Value>, name: &str) -> Result<Option<Vec<String>>> {
    match options.get(name) {
        None => Ok(None),
        Some(v) => strings(v).map(Some).ok_or_else(|| {
            Error::type_error(format!("options.{name} must be an array of strings"))
        }),
    }
}

/// A valid `Date`'s milliseconds: jose refuses an invalid date and, as
/// `!now.getTime()` is true for it, the epoch itself.
fn now_ms(options: &Map<String, Value>) -> Result<Option<f64>> {
    match options.get("now") {
        None => Ok(None),
        Some(v) => v
            .as_f64()
            .filter(|ms| *ms != 0.0)
            .map(Some)
            .ok_or_else(|| Error::type_error("options.now must be a valid Date object")),
    }
}

impl VerifyOptions {
    /// Reads and checks the options in jose's order, so that of several bad
    /// values the same one is reported.
    pub fn from_json(options: &Map<String, Value>) -> Result<VerifyOptions> {
        let profile_name = optional_string(options, "profile")?;
        let complete = optional_bool(options, "complete")?;
        let ignore_exp = optional_bool(options, "ignoreExp")?;
        let ignore_nbf = optional_bool(options, "ignoreNbf")?;
        let ignore_iat = optional_bool(options, "ignoreIat")?;
        let max_token_age = optional_string(options, "maxTokenAge")?;
        let subject = optional_string(options, "subject")?;
        let max_auth_age = optional_string(options, "maxAuthAge")?;
        let jti = optional_string(options, "jti")?;
        let clock_tolerance = optional_string(options, "clockTolerance")?;
        let mut typ = optional_string(options, "typ")?;
        let issuer = string_or_strings(options, "issuer")?;
        let audience = string_or_strings(options, "audience")?;
        let algorithms = array_of_strings(options, "algorithms")?;
        let nonce = optional_string(options, "nonce")?;
        let now_ms = now_ms(options)?;
        if ignore_iat && max_token_age.is_some() {
            return Err(Error::type_error(
                "options.ignoreIat and options.maxTokenAge cannot used together",
            ));
        }
        let crit = array_of_strings(options, "crit")?;

        let profile = match profile_name.as_deref() {
            None => None,
            Some("id_token") => Some(Profile::IdToken),
            Some("at+JWT") => Some(Profile::AccessToken),
            Some("logout_token") => Some(Profile::LogoutToken),
            Some("jarm") => Some(Profile::Jarm),
            Some(other) => {
                return Err(Error::type_error(format!(
                    "unsupported options.profile value \"{other}\""
                )))
            }
        };
        let mut state = None;
        if let Some(profile) = profile {
            for (name, given) in [
                ("issuer", issuer.is_some()),
                ("audience", audience.is_some()),
            ] {
                if !given {
                    return Err(Error::type_error(format!(
                        "\"{name}\" option is required to validate {}",
                        profile.subject()
                    )));
                }
            }
            match profile {
                Profile::AccessToken => typ = Some("at+JWT".to_owned()),
                // Only JARM reads `state`; elsewhere jose ignores unknown
                // options, and so does this.
                Profile::Jarm => state = optional_string(options, "state")?,
                Profile::IdToken | Profile::LogoutToken => {}
            }
        }

        Ok(VerifyOptions {
            algorithms,
            audience,
            clock_tolerance,
            complete,
            crit,
            ignore_exp,
            ignore_iat,
            ignore_nbf,
            issuer,
            jti,
            max_auth_age,
            max_token_age,
            nonce,
            now_ms,
            profile,
            state,
            subject,
            typ,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read(v: Value) -> Result<VerifyOptions> {
        VerifyOptions::from_json(v.as_object().unwrap())
    }

    fn type_error(v: Value) -> String {
        let e = read(v).unwrap_err();
        assert_eq!(e.kind, crate::error::Kind::TypeError);
        e.message
    }

    #[test]
    fn defaults() {
        let o = read(json!({"now": 1000})).unwrap();
        assert_eq!(
            o,
            VerifyOptions {
                now_ms: Some(1000.0),
                ..Default::default()
            }
        );
        assert_eq!(read(json!({})).unwrap().now_ms, None, "the clock's time");
    }

    #[test]
    fn each_bad_value_in_jose_words() {
        for (options, message) in [
            (json!({"profile": ""}), "options.profile must be a string"),
            (
                json!({"complete": "yes"}),
                "options.complete must be a boolean",
            ),
            (
                json!({"ignoreExp": null}),
                "options.ignoreExp must be a boolean",
            ),
            (
                json!({"ignoreNbf": 1}),
                "options.ignoreNbf must be a boolean",
            ),
            (
                json!({"ignoreIat": "true"}),
                "options.ignoreIat must be a boolean",
            ),
            (
                json!({"maxTokenAge": 5}),
                "options.maxTokenAge must be a string",
            ),
            (
                json!({"subject": ["a"]}),
                "options.subject must be a string",
            ),
            (
                json!({"maxAuthAge": ""}),
                "options.maxAuthAge must be a string",
            ),
            (json!({"jti": {}}), "options.jti must be a string"),
            (
                json!({"clockTolerance": 60}),
                "options.clockTolerance must be a string",
            ),
            (json!({"typ": true}), "options.typ must be a string"),
            (
                json!({"issuer": []}),
                "options.issuer must be a string or an array of strings",
            ),
            (
                json!({"issuer": ["a", ""]}),
                "options.issuer must be a string or an array of strings",
            ),
            (
                json!({"audience": 1}),
                "options.audience must be a string or an array of strings",
            ),
            (
                json!({"algorithms": "HS256"}),
                "options.algorithms must be an array of strings",
            ),
            (
                json!({"algorithms": []}),
                "options.algorithms must be an array of strings",
            ),
            (json!({"nonce": null}), "options.nonce must be a string"),
            (
                json!({"now": null}),
                "options.now must be a valid Date object",
            ),
            (json!({"now": 0}), "options.now must be a valid Date object"),
            (
                json!({"ignoreIat": true, "maxTokenAge": "1h"}),
                "options.ignoreIat and options.maxTokenAge cannot used together",
            ),
            (
                json!({"crit": []}),
                "options.crit must be an array of strings",
            ),
            (
                json!({"profile": "foo"}),
                "unsupported options.profile value \"foo\"",
            ),
            (
                json!({"profile": "AT+JWT"}),
                "unsupported options.profile value \"AT+JWT\"",
            ),
        ] {
            assert_eq!(type_error(options.clone()), message, "{options}");
        }
    }

    #[test]
    fn first_bad_value_in_jose_order_wins() {
        assert_eq!(
            type_error(json!({"crit": 1, "now": "x", "nonce": 1, "profile": 1})),
            "options.profile must be a string"
        );
        assert_eq!(
            type_error(json!({"crit": 1, "now": "x", "nonce": 1})),
            "options.nonce must be a string"
        );
        assert_eq!(
            type_error(json!({"profile": "nope", "crit": 1})),
            "options.crit must be an array of strings"
        );
    }

    #[test]
    fn profiles_require_issuer_then_audience() {
        for (profile, what) in [
            ("id_token", "an ID Token"),
            ("at+JWT", "a JWT Access Token"),
            ("logout_token", "a Logout Token"),
            ("jarm", "a JARM response"),
        ] {
            assert_eq!(
                type_error(json!({"profile": profile, "audience": "a"})),
                format!("\"issuer\" option is required to validate {what}")
            );
            assert_eq!(
                type_error(json!({"profile": profile, "issuer": "i"})),
                format!("\"audience\" option is required to validate {what}")
            );
            let ok = read(json!({"profile": profile, "issuer": "i", "audience": ["a", "b"]}));
            assert!(ok.is_ok(), "{profile}");
        }
    }

    #[test]
    fn access_token_profile_sets_typ() {
        let o = read(json!({"profile": "at+JWT", "issuer": "i", "audience": "a", "typ": "JWT"}));
        assert_eq!(o.unwrap().typ.as_deref(), Some("at+JWT"));
        // a bad typ is still a TypeError first
        assert_eq!(
            type_error(json!({"profile": "at+JWT", "issuer": "i", "audience": "a", "typ": 1})),
            "options.typ must be a string"
        );
    }

    #[test]
    fn state_is_read_for_jarm_only() {
        let base = json!({"profile": "jarm", "issuer": "i", "audience": "a", "state": "s"});
        assert_eq!(read(base).unwrap().state.as_deref(), Some("s"));
        assert_eq!(
            type_error(json!({"profile": "jarm", "issuer": "i", "audience": "a", "state": 1})),
            "options.state must be a string"
        );
        assert_eq!(read(json!({"state": 1})).unwrap().state, None);
    }

    #[test]
    fn expected_values() {
        let o = read(json!({"issuer": "i", "audience": ["a", "b"]})).unwrap();
        assert_eq!(o.issuer, Some(Expected::One("i".into())));
        assert!(o.audience.as_ref().unwrap().contains("b"));
        assert!(!o.audience.as_ref().unwrap().contains("c"));
        assert_eq!(
            o.audience,
            Some(Expected::AnyOf(vec!["a".into(), "b".into()]))
        );
    }
}
