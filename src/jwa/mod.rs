//! JSON Web Algorithms: one module per algorithm family.

pub mod curve448;
pub mod registry;
pub mod signing;
