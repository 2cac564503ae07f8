//! The JWK key model: material, import and export formats, thumbprints.

pub mod der;
pub mod material;
pub(crate) mod pbe;
pub mod pem;
pub mod pem_import;
pub mod pem_legacy;
pub mod pkcs8_encrypted;
pub mod x509;
