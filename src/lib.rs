//! jose-native: the JOSE core in Rust (pure, unit-tested) and, behind the
//! `node` feature, its N-API bindings in `node/`.

pub mod asn1;
pub mod b64;
pub mod error;
pub mod jwa;
pub mod jwk;

#[cfg(feature = "node")]
mod node;
