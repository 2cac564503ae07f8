//! The binding of jose 6's JWT calls: `SignJWT#sign`, `jwtVerify`, the
//! claims half of `jwtDecrypt`, `UnsecuredJWT.decode` and `decodeJwt`
//! (rules in `crate::v6::claims`, `crate::v6::jws`, `crate::v6::jwt`).
//!
//! Verify options cross once per distinct set of option values, as a
//! [`V6JwtVerifier`] the facade remembers (`lib/options.js`, the one memo
//! layer); a call with options it has seen converts nothing but the token,
//! the key and the clock.

use napi::bindgen_prelude::{Buffer, Either};
use napi::Env;
use napi_derive::napi;
use serde_json::Value;

use super::boundary::guard;
use super::error::Fail;
use super::v6::{
    key_input, understood, verify_options, V6JwsChecked, V6KeyArg, V6Understood, V6VerifyOptions,
};
use crate::error::{Error, Kind, Result};
use crate::sys::napi_text::{OutText, Text};
use crate::v6::claims::{self, Audience, ClaimOptions, Clock, Span, Typ};
use crate::v6::jws::{self, Checked, Form, Member, SignInput, Unencoded};
use crate::v6::keys::KeyInput;

/// `SignJWT#sign`: the claims set's JSON text and the protected header's
/// (absent: not set; `header_wrong`: `JSON.stringify` threw or gave
/// nothing). Strings cross as `Text` / `OutText`, the hot path's encoding.
#[napi(catch_unwind)]
pub fn v6_jwt_sign(
    env: Env,
    claims: Text,
    protected: Option<Text>,
    header_wrong: bool,
    crit: Option<Vec<V6Understood>>,
    key: V6KeyArg<'_>,
) -> napi::Result<OutText> {
    guard(&env, "v6JwtSign", || {
        let protected = match (protected, header_wrong) {
            (_, true) => Member::Wrong,
            (Some(text), false) => Member::Given(text.0),
            (None, false) => Member::Absent,
        };
        let input = SignInput {
            payload: claims.0.as_bytes(),
            protected,
            unprotected: Member::Absent,
            crit: understood(crit),
            unencoded: Unencoded::JwtRefused,
        };
        jws::sign_compact(&input, &key_input(&key))
            .map(OutText)
            .map_err(Fail::from)
    })
}

/// jose 6's claim options. `issuer`, `subject` and `audience` are JSON
/// text (of a list, a value, a list); `wrongType` names the options given
/// with a type jose 6 refuses (`typNull` for a `typ` of null,
/// `audienceNull` / `audience` for an audience neither a string nor an
/// array, `options` when the options argument itself is null).
#[napi(object)]
pub struct V6ClaimOptions {
    pub typ: Option<String>,
    /// Each member's property key; null for a Symbol.
    pub required_claims: Option<Vec<Option<String>>>,
    pub issuer: Option<String>,
    pub subject: Option<String>,
    pub audience: Option<String>,
    pub max_token_age: Option<Either<f64, String>>,
    pub clock_tolerance: Option<Either<f64, String>>,
    pub wrong_type: Option<Vec<String>>,
}

fn claim_options(options: Option<V6ClaimOptions>) -> ClaimOptions {
    let Some(o) = options else {
        return ClaimOptions::default();
    };
    let wrong = o.wrong_type.unwrap_or_default();
    let is_wrong = |name: &str| wrong.iter().any(|w| w == name);
    let span = |name: &str, value: Option<Either<f64, String>>| {
        if is_wrong(name) {
            return Some(Span::WrongType);
        }
        value.map(|v| match v {
            Either::A(seconds) => Span::Seconds(seconds),
            Either::B(text) => Span::Text(text),
        })
    };
    let json = |text: Option<String>| text.and_then(|t| crate::js_json::parse::<Value>(&t).ok());
    let list = |text: Option<String>| {
        json(text).map(|v| match v {
            Value::Array(items) => items,
            other => vec![other],
        })
    };
    ClaimOptions {
        typ: if is_wrong("typNull") {
            Some(Typ::Null)
        } else if is_wrong("typ") {
            Some(Typ::NotText)
        } else {
            o.typ.map(Typ::Text)
        },
        required_claims: o.required_claims.unwrap_or_default(),
        required_claims_wrong: is_wrong("requiredClaims"),
        issuer: list(o.issuer),
        subject: json(o.subject),
        audience: if is_wrong("audienceNull") {
            Some(Audience::Null)
        } else if is_wrong("audience") {
            Some(Audience::Other)
        } else {
            list(o.audience).map(Audience::List)
        },
        max_token_age: span("maxTokenAge", o.max_token_age),
        clock_tolerance: span("clockTolerance", o.clock_tolerance),
        options_null: is_wrong("options"),
    }
}

/// A verified JWT as one string: the protected header's JSON text, U+0000,
/// the claims set's JSON text (JSON text never holds a raw U+0000). One
/// string, not an object holding a Buffer: creating those cost more than
/// the HS256 verification itself.
fn jwt_text(protected: Option<&str>, claims: &str) -> String {
    let protected = protected.unwrap_or("{}");
    let mut out = String::with_capacity(protected.len() + 1 + claims.len());
    out.push_str(protected);
    out.push('\u{0}');
    out.push_str(claims);
    out
}

/// The caller's clock: seconds, or the message of the TypeError reading
/// `currentDate` throws (see `claims::Clock`).
#[napi]
pub type V6Clock = Either<f64, String>;

fn clock(now: V6Clock) -> Clock {
    match now {
        Either::A(seconds) => Clock::Seconds(seconds),
        Either::B(message) => Clock::Fails(message),
    }
}

/// `jwtVerify`'s, `jwtDecrypt`'s and `UnsecuredJWT.decode`'s options as
/// the core reads them, made once per distinct set of option values. Every
/// method takes `now`, the caller's clock in seconds read at call time
/// (tests freeze it), so a remembered verifier never holds a time.
#[napi]
pub struct V6JwtVerifier {
    options: jws::VerifyOptions,
    claims: ClaimOptions,
}

#[napi(catch_unwind)]
pub fn v6_jwt_verifier(
    env: Env,
    options: V6VerifyOptions,
    claims: Option<V6ClaimOptions>,
) -> napi::Result<V6JwtVerifier> {
    guard(&env, "v6JwtVerifier", || {
        Ok(V6JwtVerifier {
            options: verify_options(options),
            claims: claim_options(claims),
        })
    })
}

#[napi]
impl V6JwtVerifier {
    /// `jwtVerify` with a key given up front and a token that is a string
    /// (the hot path): the token, the signature, the claims; the result is
    /// `jwt_text`'s.
    #[napi(catch_unwind)]
    pub fn verify(
        &self,
        env: Env,
        token: Text,
        key: V6KeyArg<'_>,
        now: V6Clock,
    ) -> napi::Result<OutText> {
        guard(&env, "V6JwtVerifier.verify", || {
            let checked = self.checked(Some(&token.0))?;
            self.verified(&checked, &key_input(&key), &clock(now))
                .map(OutText)
                .map_err(Fail::from)
        })
    }

    /// `jwtVerify`'s checks up to the key, for a key function (`false`: the
    /// token is not a string).
    #[napi(catch_unwind)]
    pub fn check(&self, env: Env, token: Either<String, bool>) -> napi::Result<V6JwsChecked> {
        guard(&env, "V6JwtVerifier.check", || {
            let token = match &token {
                Either::A(t) => Some(t.as_str()),
                Either::B(_) => None,
            };
            self.checked(token)
                .map(|checked| V6JwsChecked {
                    checked: checked.into_owned(),
                })
                .map_err(Fail::from)
        })
    }

    /// Verifies what `check` gave with the key a key function resolved to.
    #[napi(catch_unwind)]
    pub fn verify_checked(
        &self,
        env: Env,
        checked: &V6JwsChecked,
        key: V6KeyArg<'_>,
        now: V6Clock,
    ) -> napi::Result<String> {
        guard(&env, "V6JwtVerifier.verifyChecked", || {
            self.verified(&checked.checked, &key_input(&key), &clock(now))
                .map_err(Fail::from)
        })
    }

    /// `jwtDecrypt`'s claims: the decrypted plaintext read and checked as a
    /// claims set, and the claims the protected header replicates; its JSON
    /// text.
    #[napi(catch_unwind)]
    pub fn decrypted_claims(
        &self,
        env: Env,
        protected_header: Option<String>,
        plaintext: Buffer,
        now: V6Clock,
    ) -> napi::Result<String> {
        guard(&env, "V6JwtVerifier.decryptedClaims", || {
            let protected = protected_header
                .as_deref()
                .and_then(crate::v6::header::parse_object)
                .unwrap_or_default();
            let set = claims::parse(&plaintext, &self.claims.required_claims)?;
            claims::validate(&protected, &set, &self.claims, &clock(now))?;
            claims::check_replicated(&protected, &set)?;
            Ok(set.text.to_owned())
        })
    }

    /// `UnsecuredJWT.decode`: the header's and the claims' JSON text.
    #[napi(catch_unwind)]
    pub fn decode_unsecured(
        &self,
        env: Env,
        token: Option<String>,
        now: V6Clock,
    ) -> napi::Result<V6Unsecured> {
        guard(&env, "V6JwtVerifier.decodeUnsecured", || {
            crate::v6::jwt::decode_unsecured(token.as_deref(), &self.claims, &clock(now))
                .map(|(header, payload)| V6Unsecured { header, payload })
                .map_err(Fail::from)
        })
    }
}

impl V6JwtVerifier {
    fn checked<'t>(&self, token: Option<&'t str>) -> Result<Checked<'t>> {
        // jose 6 reads the options before the token
        self.options.check()?;
        let jws = jws::split_compact(token)?;
        jws::check(jws, &self.options, Form::Compact)
    }

    fn verified(&self, checked: &Checked<'_>, key: &KeyInput, now: &Clock) -> Result<String> {
        let payload = jws::verify(checked, key)?;
        if !checked.b64 {
            return Err(Error::new(
                Kind::JwtInvalid,
                "JWTs MUST NOT use unencoded payload",
            ));
        }
        let claims = claims::parse(&payload, &self.claims.required_claims)?;
        claims::validate(&checked.protected.members, &claims, &self.claims, now)?;
        Ok(jwt_text(checked.protected.text.as_deref(), claims.text))
    }
}

#[napi(object)]
pub struct V6Unsecured {
    pub header: String,
    pub payload: String,
}

/// The claims a JWT holds, unverified (jose 6's `decodeJwt`): their JSON
/// text. `None`: the token is not a string.
#[napi(catch_unwind)]
pub fn v6_decode_jwt(env: Env, token: Option<String>) -> napi::Result<String> {
    guard(&env, "v6DecodeJwt", || {
        crate::v6::jwt::decode(token.as_deref()).map_err(Fail::from)
    })
}

/// jose 6's timespan in seconds (`None`: not a string), for the claims
/// builder's `setExpirationTime('2h')` and the like.
#[napi(catch_unwind)]
pub fn v6_seconds(env: Env, text: Option<String>) -> napi::Result<f64> {
    guard(&env, "v6Seconds", || {
        text.as_deref()
            .and_then(crate::jwt::timespan::signed_seconds)
            .ok_or_else(|| Fail::from(Error::type_error("Invalid time period format")))
    })
}
