//! The JWK key model: material, import and export formats, thumbprints.

pub mod der;
pub mod material;
pub mod x509;
