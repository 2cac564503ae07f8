//! The JWK key model: material, import and export formats, thumbprints.

pub mod material;

mod bignum;
mod ec_point;
pub mod generate;
pub mod rsa_primes;
#[cfg(test)]
pub(crate) mod test_keys;
pub mod validate;
