//! The JWK key model: material, import and export formats, thumbprints.

pub mod material;
