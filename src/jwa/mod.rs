//! JSON Web Algorithms: one module per algorithm family.

pub mod aes_kw;
pub mod cek;
pub mod jwe_algs;

#[cfg(test)]
mod test_vectors;
