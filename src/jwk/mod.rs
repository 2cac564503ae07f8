//! The JWK key model: material, import and export formats, thumbprints.

pub mod export;
pub mod import;
pub mod json;
pub mod key;
pub mod material;
pub mod params;
pub mod thumbprint;
