//! JSON Web Algorithms: one module per algorithm family.

pub mod aes_cbc_hmac;
pub mod aes_gcm;
pub mod aes_gcm_kw;
pub mod aes_kw;
pub mod cek;
pub mod concat_kdf;
pub mod content;
pub mod curve448;
pub mod deflate;
pub mod ecdh_es;
pub mod jwe_algs;
pub mod pbes2;
pub mod registry;
pub mod rsaes;
pub mod signing;

#[cfg(test)]
pub(crate) mod test_vectors;
