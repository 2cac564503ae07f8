//! jose 6's rules: what its current API (`jose-native/v6`) checks, in its
//! order, with its error classes and messages, over the same algorithms,
//! keys, base64 and JSON as the jose 1.x API. Where jose 6 asks the same
//! question as jose 1.x but answers it differently (a forgiving base64url,
//! `crit` as an object of understood names, its claim messages), the
//! answer is here; where the answer is the same (a timespan's units, JSON
//! as JavaScript reads it, every cryptographic operation), this module
//! calls the shared one.

pub mod algs;
pub mod b64;
pub mod claims;
pub mod header;
pub mod jwe;
pub mod jwe_keys;
pub mod jwks;
pub mod jws;
pub mod jwt;
pub mod key_header;
pub mod keys;
pub mod thumbprint;
pub mod x509;

#[cfg(test)]
mod tests;
