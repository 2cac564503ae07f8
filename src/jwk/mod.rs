//! The JWK key model: material, import and export formats, thumbprints.

mod bignum;
mod ec_point;
pub mod export;
pub mod generate;
pub mod import;
pub mod json;
pub mod key;
pub mod material;
pub mod params;
pub mod rsa_primes;
#[cfg(test)]
pub(crate) mod test_keys;
pub mod thumbprint;
pub mod validate;
