//! JSON Web Algorithms: one module per algorithm family.

pub mod signing;
