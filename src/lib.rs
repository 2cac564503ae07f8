//! jose-native: the JOSE core in Rust (pure, unit-tested) and, behind the
//! `node` feature, its N-API bindings in `node/`.

pub mod asn1;
pub mod b64;
pub mod error;
pub mod js_json;
pub mod jwa;
pub mod jwe;
pub mod jwk;
pub mod jwks;
pub mod jws;
pub mod jwt;
pub mod replay;
mod sys;
pub mod v6;

#[cfg(any(test, feature = "fuzzing"))]
pub mod fuzzing;

// napi-derive registers exports only outside `cfg(test)`, so a test build
// with the `node` feature sees them as unused.
#[cfg(feature = "node")]
#[cfg_attr(test, allow(dead_code))]
mod node;
