//! Core errors as JavaScript receives them: a [`NativeFailure`] object
//! (declared in `lib/binding.d.ts` like every other crossing type) naming
//! the jose class (`joseClass`, from the one table `errorClasses()`
//! serves), with its `code`, `message` and, where the core has them,
//! `claim` and `reason` (a JWT claim check), `payload` (the rejected claims
//! set's JSON text, for jose 6) and `errors` (a JOSEMultiError's, each of
//! the same shape). `lib/native.js` and `lib/v6/native.js` make jose's
//! classes from it.
//!
//! An export's work fails with a [`Fail`]: a core error, or one napi made
//! (an argument that did not convert). Only the boundary, which has the
//! `Env`, turns a core error into the object ([`thrown`]).

use napi::bindgen_prelude::ToNapiValue;
use napi::{Env, Status};
use napi_derive::napi;

use super::boundary::guard;

use crate::error::{Error, Kind};
use crate::js_json::display;

/// How an export's work fails before JavaScript sees it.
pub enum Fail {
    /// One of jose's errors, or a bug the core caught.
    Core(Error),
    /// napi's own, from a conversion or a call into JavaScript.
    Napi(napi::Error),
}

impl From<Error> for Fail {
    fn from(e: Error) -> Self {
        Fail::Core(e)
    }
}

impl From<napi::Error> for Fail {
    fn from(e: napi::Error) -> Self {
        Fail::Napi(e)
    }
}

/// The result of an export's work, before the boundary throws its error.
pub type Outcome<T> = std::result::Result<T, Fail>;

/// A core error as the addon throws it; the facade makes jose's class
/// from it. A plain object, not an Error: an Error would capture a stack
/// trace for nothing.
#[napi(object)]
pub struct NativeFailure {
    /// The class's name in the table `errorClasses()` serves.
    pub jose_class: String,
    pub code: String,
    /// A message quoting a string that held a lone surrogate shows it as
    /// U+FFFD (a message is UTF-8 on its way to JavaScript).
    pub message: String,
    pub claim: Option<String>,
    pub reason: Option<String>,
    /// The rejected claims set's JSON text (jose 6's `payload`).
    pub payload: Option<String>,
    /// A JOSEMultiError's errors.
    pub errors: Option<Vec<NativeFailure>>,
}

impl From<&Error> for NativeFailure {
    fn from(e: &Error) -> Self {
        NativeFailure {
            jose_class: e.kind.class_name().to_owned(),
            code: e.kind.code().to_owned(),
            message: display(&e.message).into_owned(),
            claim: e.claim.as_ref().map(|c| c.claim.to_string()),
            reason: e.claim.as_ref().map(|c| c.reason.to_owned()),
            payload: e.payload.clone(),
            errors: (e.kind == Kind::MultiError)
                .then(|| e.errors.iter().map(NativeFailure::from).collect()),
        }
    }
}

/// Throws `fail` now, on the JS thread: a core error as its
/// [`NativeFailure`], napi's own as it is. napi-rs only rethrows Error
/// instances it holds, so the object is thrown here and the export returns
/// napi's "an exception is pending".
pub fn thrown(env: &Env, fail: Fail) -> napi::Error {
    match fail {
        Fail::Napi(e) => e,
        Fail::Core(e) => match env.throw(NativeFailure::from(&e)) {
            Ok(()) => napi::Error::from_status(Status::PendingException),
            Err(e) => e,
        },
    }
}

/// `fail` as a Promise's rejection, for a job that ran on the libuv pool
/// (napi-rs rejects with the value it holds, as it is).
pub fn rejection(env: &Env, fail: Fail) -> napi::Error {
    match fail {
        Fail::Napi(e) => e,
        Fail::Core(e) => match NativeFailure::from(&e).into_unknown(env) {
            Ok(value) => napi::Error::from_unknown_without_coercion(value),
            Err(e) => e,
        },
    }
}

/// Parses JSON text the facade produced with `JSON.stringify` of a plain
/// object (so it cannot fail short of a facade bug; still typed if it does).
pub fn object_from_json(text: &str) -> Outcome<serde_json::Map<String, serde_json::Value>> {
    Ok(parse_object(text)?)
}

/// `object_from_json` for code that stays in core errors (jobs).
pub fn parse_object(
    text: &str,
) -> crate::error::Result<serde_json::Map<String, serde_json::Value>> {
    match crate::js_json::parse(text) {
        Ok(serde_json::Value::Object(map)) => Ok(map),
        _ => Err(Error::type_error("expected a JSON object")),
    }
}

/// One error class: its name and the `code` its instances carry.
#[napi(object)]
pub struct ErrorClass {
    pub name: String,
    pub code: String,
    /// jose 1.x has this class (the package root's `errors`).
    pub v1: bool,
    /// jose 6 has this class (`jose-native/v6`'s `errors`).
    pub v6: bool,
    /// The message a jose 1.x instance gets when none is given.
    pub v1_message: Option<String>,
    /// The message a jose 6 instance gets when none is given.
    pub v6_message: Option<String>,
}

/// The core's error classes and their codes: the one table `lib/errors.js`
/// takes its codes from.
#[napi(catch_unwind)]
pub fn error_classes(env: Env) -> napi::Result<Vec<ErrorClass>> {
    guard(&env, "errorClasses", || {
        Ok(crate::error::Kind::ALL
            .iter()
            .map(|kind| {
                let (v1, v6) = kind.apis();
                let (v1_message, v6_message) = kind.default_messages();
                ErrorClass {
                    name: kind.class_name().to_owned(),
                    code: kind.code().to_owned(),
                    v1,
                    v6,
                    v1_message: v1_message.map(str::to_owned),
                    v6_message: v6_message.map(str::to_owned),
                }
            })
            .collect())
    })
}
