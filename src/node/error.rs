//! Core errors as thrown N-API errors. The message carries the jose class
//! name before a NUL byte; `lib/native.js` splits it and throws the class.
//! A JWT claim error appends its `claim` and `reason` to the class name,
//! each after a U+0001 (both are fixed names, never input text), and for
//! jose 6 the rejected claims set's JSON text after a third (JSON the core
//! parsed, so no raw control character, U+0000 or U+0001, is in it).

use napi::Status;
use napi_derive::napi;

use super::boundary::guard;

use crate::error::Error;
use crate::js_json::display;

pub fn to_napi(e: Error) -> napi::Error {
    napi::Error::new(Status::GenericFailure, encode(&e))
}

/// "<ClassName>\0<message>", the head with `\u{1}claim\u{1}reason` for a
/// JWT claim error; for a JOSEMultiError the message part is a JSON list of
/// `[class, message]` pairs, one per error it holds. A message quoting a
/// string that held a lone surrogate shows it as U+FFFD (a message is
/// UTF-8 on its way to JavaScript).
fn encode(e: &Error) -> String {
    if e.kind == crate::error::Kind::MultiError {
        let list: Vec<[std::borrow::Cow<'_, str>; 2]> = e
            .errors
            .iter()
            .map(|inner| [inner.kind.class_name().into(), display(&inner.message)])
            .collect();
        let json = serde_json::to_string(&list).unwrap_or_else(|_| "[]".to_owned());
        return format!("{}\u{0}{json}", e.kind.class_name());
    }
    let mut head = match &e.claim {
        Some(c) => format!("{}\u{1}{}\u{1}{}", e.kind.class_name(), c.claim, c.reason),
        None => e.kind.class_name().to_owned(),
    };
    if let Some(payload) = &e.payload {
        head.push('\u{1}');
        head.push_str(payload);
    }
    format!("{head}\u{0}{}", display(&e.message))
}

pub trait OrThrow<T> {
    fn or_throw(self) -> napi::Result<T>;
}

impl<T> OrThrow<T> for crate::error::Result<T> {
    fn or_throw(self) -> napi::Result<T> {
        self.map_err(to_napi)
    }
}

/// Parses JSON text the facade produced with `JSON.stringify` of a plain
/// object (so it cannot fail short of a facade bug; still typed if it does).
pub fn object_from_json(text: &str) -> napi::Result<serde_json::Map<String, serde_json::Value>> {
    parse_object(text).map_err(to_napi)
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
pub fn error_classes() -> napi::Result<Vec<ErrorClass>> {
    guard("errorClasses", || {
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
