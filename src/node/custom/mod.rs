//! `JWK.CustomKey`: keys whose operations run in the user's JavaScript (a
//! KMS or HSM client). That code may answer with a Promise and cannot be
//! called from the libuv thread pool, so custom keys never enter Rust as
//! keys. Each operation comes in steps instead: a native step does all of
//! jose's work up to the key operation and hands JavaScript what the key
//! needs (the `alg` and the signing input, the signature to check, the
//! Encrypted Key); the facade calls the key; a native step finishes with
//! its answer. What Rust needs to apply jose's rules to a custom key (its
//! `alg`, `use`, the algorithms it lists) comes in as plain data.
//!
//! One file per operation: `sign` (a JWS with custom keys among its
//! signers), `verify` (a signature checked up to its keys; a JWT's checked
//! in place by a native key) and `decrypt` (a JWE's recipients checked up
//! to their keys, then decrypted by a native key or with a custom key's
//! CEK).

mod decrypt;
mod sign;
mod verify;

use crate::error::Error;
use crate::jws::Header;

use super::args::js_text;
use super::error::to_napi;

/// The thrown form of a core error (what `lib/native.js` translates), for
/// errors handed to JavaScript as values.
pub(super) fn encoded(e: Error) -> String {
    to_napi(e).reason
}

pub(super) fn json_text(header: Option<Header>) -> Option<String> {
    header.map(|h| js_text(&h))
}
