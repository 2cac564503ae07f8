//! N-API bindings: the only Rust that knows about JavaScript. Each export
//! takes strings, Buffers and JSON text, calls the core, and maps a core
//! error to a thrown value the JS facade turns into jose's error class.

mod args;
mod boundary;
mod custom;
mod error;
mod job;
mod jwe;
mod jwks;
mod jws;
mod jwt;
mod key;
mod key_args;
mod options;
mod v6;
mod v6_jwe;
mod v6_jwt;
mod v6_keys;
