//! The JWK key model: material, import and export formats, thumbprints.

pub mod custom;
pub mod der;
mod ec_point;
pub mod export;
pub mod generate;
pub mod import;
pub mod json;
pub mod key;
pub mod material;
pub mod params;
pub(crate) mod pbe;
pub mod pem;
pub mod pem_import;
pub mod pem_legacy;
pub mod pkcs8_encrypted;
pub mod rsa_primes;
#[cfg(test)]
pub(crate) mod test_keys;
pub mod thumbprint;
pub mod validate;
pub mod x509;
