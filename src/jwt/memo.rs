//! Checked JWT options, remembered by the JSON text they came from, and
//! the small text-keyed memo behind them (JWT header segments use it too).
//!
//! An application verifies (or signs) token after token with the same
//! options, and the facade hands them over as the same text each time
//! (`lib/options.js`). Parsing that text into a JSON map and checking it
//! costs more than an HMAC, so the last few texts' checked options are
//! kept, per thread, and a repeat costs one comparison of the text. Options
//! that fail their checks are not kept: the error is made again each time.
//! Nothing in a kept value depends on the time of the call (`now` absent
//! stays `None` until the claims are checked).

use std::cell::RefCell;
use std::sync::Arc;
use std::thread::LocalKey;

use serde_json::{Map, Value};

use super::{SignOptions, VerifyOptions};
use crate::error::{Error, Result};
use crate::js_json;

/// How many distinct texts a memo keeps.
pub(super) const KEPT: usize = 8;

/// Values parsed from texts, the last [`KEPT`] distinct texts' kept.
pub(super) struct Memo<T> {
    /// Most recently used first.
    entries: Vec<(Box<str>, Arc<T>)>,
}

impl<T> Memo<T> {
    pub(super) const fn new() -> Memo<T> {
        Memo {
            entries: Vec::new(),
        }
    }

    /// The value of `text`: the kept one, or `parse()`'s, kept unless it
    /// failed.
    pub(super) fn get_or_parse(
        &mut self,
        text: &str,
        parse: impl FnOnce() -> Result<T>,
    ) -> Result<Arc<T>> {
        if let Some(at) = self.entries.iter().position(|(kept, _)| **kept == *text) {
            // keep the hit in front, so a steady caller finds it first
            self.entries[..=at].rotate_right(1);
            return Ok(Arc::clone(&self.entries[0].1));
        }
        let value = Arc::new(parse()?);
        self.entries.truncate(KEPT - 1);
        self.entries.insert(0, (text.into(), Arc::clone(&value)));
        Ok(value)
    }
}

thread_local! {
    static VERIFY: RefCell<Memo<VerifyOptions>> = const { RefCell::new(Memo::new()) };
    static SIGN: RefCell<Memo<SignOptions>> = const { RefCell::new(Memo::new()) };
}

fn checked<T>(
    memo: &'static LocalKey<RefCell<Memo<T>>>,
    text: &str,
    check: impl FnOnce(&Map<String, Value>) -> Result<T>,
) -> Result<Arc<T>> {
    let parse = || match js_json::parse(text) {
        Ok(Value::Object(options)) => check(&options),
        _ => Err(Error::type_error("expected a JSON object")),
    };
    memo.with(|memo| memo.borrow_mut().get_or_parse(text, parse))
}

/// `JWT.verify` options from their JSON view, checked in jose's order.
pub fn verify_options(text: &str) -> Result<Arc<VerifyOptions>> {
    checked(&VERIFY, text, VerifyOptions::from_json)
}

/// `JWT.sign` options from their JSON view, checked in jose's order.
pub fn sign_options(text: &str) -> Result<Arc<SignOptions>> {
    checked(&SIGN, text, SignOptions::from_json)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_seen_again_is_not_parsed_again() {
        let mut memo = Memo::new();
        let first = memo.get_or_parse("a", || Ok(1)).unwrap();
        let again = memo
            .get_or_parse("a", || -> Result<i32> { panic!("parsed twice") })
            .unwrap();
        assert!(Arc::ptr_eq(&first, &again));
    }

    #[test]
    fn failures_are_not_kept_and_old_texts_leave() {
        let mut memo: Memo<usize> = Memo::new();
        assert!(memo
            .get_or_parse("bad", || Err(Error::type_error("no")))
            .is_err());
        assert!(memo.entries.is_empty());
        for i in 0..=KEPT {
            memo.get_or_parse(&i.to_string(), || Ok(i)).unwrap();
        }
        assert_eq!(memo.entries.len(), KEPT);
        // the oldest text went; using one moves it to the front
        assert!(memo.entries.iter().all(|(text, _)| &**text != "0"));
        memo.get_or_parse("1", || Ok(99)).unwrap();
        assert_eq!(&*memo.entries[0].0, "1");
        assert_eq!(*memo.entries[0].1, 1);
    }
}

#[cfg(test)]
mod checked_options {
    use super::*;

    #[test]
    fn verify_options_are_checked_every_time_they_fail() {
        for _ in 0..2 {
            let e = verify_options(r#"{"issuer":null}"#).unwrap_err();
            assert_eq!(
                e.message,
                "options.issuer must be a string or an array of strings"
            );
        }
        let a = verify_options(r#"{"issuer":"x"}"#).unwrap();
        let b = verify_options(r#"{"issuer":"x"}"#).unwrap();
        assert!(Arc::ptr_eq(&a, &b));
        assert_eq!(a.now_ms, None, "the time is read when claims are checked");
    }

    #[test]
    fn sign_options_are_kept_apart_from_verify_options() {
        let sign = sign_options(r#"{"algorithm":"HS256"}"#).unwrap();
        assert_eq!(sign.algorithm.as_deref(), Some("HS256"));
        assert!(verify_options("[]").is_err());
    }
}
