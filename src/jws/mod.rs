//! JSON Web Signature (RFC 7515) with the unencoded payload option (RFC
//! 7797): header rules, signing and verification in the compact, flattened
//! and general serializations.
//!
//! Keys enter through two small traits, so this core does not care how keys
//! are chosen or what they are: a prepared [`Signer`], the key model's handle
//! that adds `use` / `key_ops` / `alg` policy, or a user-supplied key
//! (`JWK.CustomKey`).

pub mod compact;
pub mod embedded;
pub mod header;
pub mod key_policy;
mod sign;
mod verify;

#[cfg(test)]
mod tests;

use std::sync::Arc;

pub use header::Header;
pub use key_policy::JwsKey;
pub use sign::{
    compact_with_alg_and_kid, sign, validate, JwsSignature, Recipient, Serialization, SignedJws,
};
pub use verify::{
    parse_json, verify, verify_in_parts, verify_preparsed, Alg, JwsInput, Verified, VerifyOptions,
};

use crate::error::Result;
use crate::jwa::signing::Signer;

/// Something that signs a JWS signing input with a named `alg`.
pub trait SigningKey {
    fn sign(&self, alg: &str, data: &[u8]) -> Result<Vec<u8>>;
}

/// Something that checks a JWS signature made with a named `alg`.
/// `Ok(false)` means a wrong signature; `Err` a key that cannot be used.
pub trait VerificationKey {
    fn verify(&self, alg: &str, data: &[u8], signature: &[u8]) -> Result<bool>;
}

impl SigningKey for Signer {
    fn sign(&self, alg: &str, data: &[u8]) -> Result<Vec<u8>> {
        Signer::sign(self, alg, data)
    }
}

impl VerificationKey for Signer {
    fn verify(&self, alg: &str, data: &[u8], signature: &[u8]) -> Result<bool> {
        Signer::verify(self, alg, data, signature)
    }
}

impl<T: SigningKey + ?Sized> SigningKey for &T {
    fn sign(&self, alg: &str, data: &[u8]) -> Result<Vec<u8>> {
        (**self).sign(alg, data)
    }
}

impl<T: VerificationKey + ?Sized> VerificationKey for &T {
    fn verify(&self, alg: &str, data: &[u8], signature: &[u8]) -> Result<bool> {
        (**self).verify(alg, data, signature)
    }
}

impl<T: SigningKey + ?Sized> SigningKey for Arc<T> {
    fn sign(&self, alg: &str, data: &[u8]) -> Result<Vec<u8>> {
        (**self).sign(alg, data)
    }
}

impl<T: VerificationKey + ?Sized> VerificationKey for Arc<T> {
    fn verify(&self, alg: &str, data: &[u8], signature: &[u8]) -> Result<bool> {
        (**self).verify(alg, data, signature)
    }
}
