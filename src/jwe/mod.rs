//! JSON Web Encryption (RFC 7516): header rules, encryption and decryption
//! in the compact, flattened and general serializations, for one or many
//! recipients, with every key management and content encryption algorithm
//! of `jwa::jwe_algs`.
//!
//! Keys enter as [`JweKey`], so keys jose holds without material fail the
//! way jose fails them. Which keys to try when decrypting is the caller's
//! choice (one key, or a KeyStore lookup), made per recipient from a
//! [`KeyQuery`].
//!
//! Decryption failures are uniform: any failure to recover the CEK is
//! replaced by a random CEK, so it surfaces as the same
//! `JWEDecryptionFailed` a wrong tag gives.

mod decrypt;
mod encrypt;
pub mod header;
mod key_management;
mod policy;

#[cfg(test)]
mod tests;

pub use decrypt::{decrypt, DecryptOptions, Decrypted, JweInput, KeyQuery};
pub use encrypt::{encrypt, Encrypted, Plaintext, Recipient, Serialization};
pub use policy::{check, default_alg, JweKey, JweOp};

/// jose's default `maxPBES2Count`.
pub const DEFAULT_MAX_PBES2_COUNT: f64 = 10_000.0;

/// Default cap on a `zip: "DEF"` plaintext after inflation: 16 MiB.
///
/// jose 1.x has no cap, so any key holder, or anyone at all for public-key
/// algorithms (RSA, ECDH-ES), can send a few hundred KiB that inflate to
/// gigabytes. DEFLATE expands at most about 1032:1, so a cap bounds both
/// memory and time per decryption. 16 MiB is far above what a token or a
/// document-in-a-token needs, and keeps the worst case of 64 concurrent
/// decryptions (the libuv pool is 4 threads by default) within 1 GiB; a
/// caller that really carries more raises it with `maxInflatedSize`.
pub const DEFAULT_MAX_INFLATED_SIZE: usize = 16 * 1024 * 1024;
