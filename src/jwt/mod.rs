//! JSON Web Token (RFC 7519) as jose 1.x does it: decoding, the claims a
//! `JWT.sign` call sets, and `JWT.verify` with its claim checks and the
//! `id_token`, `at+JWT` and `logout_token` profiles, plus JARM (OpenID FAPI
//! JWT Secured Authorization Response Mode), which jose 1.x never shipped.
//!
//! Signing and signature checks are JWS's (`crate::jws`); what is here is
//! what a JWT adds. Values jose handles with JavaScript semantics (objects,
//! strings, numbers, non-object payloads) are handled the same way, see
//! [`js`].

mod claims;
mod claims_set;
pub mod js;
mod memo;
mod sign;
pub mod timespan;
mod token;
mod verify;
mod verify_options;

#[cfg(test)]
mod tests;

pub use claims_set::ClaimsSet;
pub use memo::{sign_options, verify_options};
pub use sign::SignOptions;
pub use token::{decode, decode_owned, DecodedJwt, Segment};
pub use verify::{validate_claims, verify_signature};
pub use verify_options::{Expected, Profile, VerifyOptions};
