//! The JWK key model: material, import and export formats, thumbprints.

pub mod material;

mod bignum;
mod ec_point;
pub mod validate;
