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

pub use decrypt::{
    decrypt, decrypt_in_parts, parse_json, DecryptOptions, Decrypted, JweInput, KeyQuery,
};
pub use encrypt::{encrypt, Encrypted, Plaintext, Recipient, Serialization};
pub use policy::{check, default_alg, ExternalUnwrap, JweKey, JweOp};

/// jose's default `maxPBES2Count`.
pub const DEFAULT_MAX_PBES2_COUNT: f64 = 10_000.0;

/// Default cap on a `zip: "DEF"` plaintext after inflation: 16 MiB.
///
/// jose 1.x has no cap, so anyone who can encrypt to a key (for RSA and
/// ECDH-ES, anyone holding the public key) can send a JWE that inflates
/// about a thousandfold. Inflation stops as soon as the output would pass
/// the cap, so a 256 MiB bomb costs 16 MiB and milliseconds. Tokens carry
/// kilobytes, so 16 MiB leaves three orders of magnitude of room, while a
/// server decrypting on the main thread and the four default libuv threads
/// holds at most about 80 MiB of inflated output at a time. Callers with
/// bigger payloads raise it with `maxInflatedSize`.
pub const DEFAULT_MAX_INFLATED_SIZE: usize = 16 * 1024 * 1024;

/// The `maxInflatedSize` option: a positive integer, or Infinity for no
/// cap; absent, the default. Anything else (the facade passes what is not
/// a number as NaN) is refused.
pub fn inflate_cap(option: Option<f64>) -> crate::error::Result<usize> {
    const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;
    match option {
        None => Ok(DEFAULT_MAX_INFLATED_SIZE),
        Some(f64::INFINITY) => Ok(usize::MAX),
        Some(n) if n > 0.0 && n <= MAX_SAFE_INTEGER && n.fract() == 0.0 => Ok(n as usize),
        Some(_) => Err(crate::error::Error::type_error(
            "\"maxInflatedSize\" option must be a positive integer",
        )),
    }
}
