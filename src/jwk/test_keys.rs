//! Test support: keys made by Node's crypto (tests/fixtures/node-keys.js),
//! shared by the validation, generation and prime recovery tests.
//!
//! Compiled only for tests: `mod.rs` declares it under #[cfg(test)].

use serde_json::Value;

use super::material::RsaPrivate;
use crate::b64;

pub(crate) fn fixtures() -> Value {
    serde_json::from_str(include_str!("../../tests/fixtures/node-keys.json")).unwrap()
}

/// A base64url member of a fixture object, decoded.
pub(crate) fn field(v: &Value, name: &str) -> Vec<u8> {
    b64::decode(v[name].as_str().unwrap())
}

/// Node's 1024-bit RSA key as (n, e, private parts).
pub(crate) fn node_rsa() -> (Vec<u8>, Vec<u8>, RsaPrivate) {
    let jwk = &fixtures()["rsa"];
    let private = RsaPrivate {
        d: field(jwk, "d").into(),
        p: field(jwk, "p").into(),
        q: field(jwk, "q").into(),
        dp: field(jwk, "dp").into(),
        dq: field(jwk, "dq").into(),
        qi: field(jwk, "qi").into(),
    };
    (field(jwk, "n"), field(jwk, "e"), private)
}
