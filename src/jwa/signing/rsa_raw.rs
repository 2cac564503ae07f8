//! RSA signatures through AWS-LC's C API (`sys::rsa`) for moduli aws-lc-rs
//! refuses (below 2048 or above 8192 bits). AWS-LC itself takes any modulus
//! up to 16384 bits and checks each padding fits, as OpenSSL does for jose
//! under Node.
//!
//! The key is built from its components as they are (`RSA_set0_*`), with
//! `RSA_check_key` for private keys; the components go in as `sys::bn::Bn`s,
//! cleared when freed, as they may hold private values.

use super::{RsaPadding, Sha};
use crate::error::{Error, Result};
use crate::jwk::material::RsaPrivate;
use crate::sys::bn::Bn;
use crate::sys::rsa::{Md, Rsa, RsaPkey, SignaturePadding};
use crate::sys::Failed;

/// Every failure is an import failure, as jose reports a key it cannot use
/// (AWS-LC's error queue is already cleared by `sys`).
fn failed(_: Failed) -> Error {
    Error::import_failed()
}

fn bn(bytes: &[u8]) -> Result<Bn> {
    Bn::from_be(bytes).map_err(failed)
}

fn md(sha: Sha) -> Md {
    match sha {
        Sha::Sha256 => Md::Sha256,
        Sha::Sha384 => Md::Sha384,
        Sha::Sha512 => Md::Sha512,
    }
}

fn padding(padding: RsaPadding) -> SignaturePadding {
    match padding {
        RsaPadding::Pkcs1 => SignaturePadding::Pkcs1,
        RsaPadding::Pss => SignaturePadding::Pss,
    }
}

/// An RSA public or private key held as an AWS-LC `EVP_PKEY`.
pub(super) struct RawRsaKey(RsaPkey);

impl RawRsaKey {
    pub(super) fn public(n: &[u8], e: &[u8]) -> Result<RawRsaKey> {
        let rsa = Rsa::from_parts(bn(n)?, bn(e)?, None).map_err(failed)?;
        Self::wrap(rsa)
    }

    pub(super) fn private(n: &[u8], e: &[u8], private: &RsaPrivate) -> Result<RawRsaKey> {
        let private = private.bns().map_err(failed)?;
        let rsa = Rsa::from_parts(bn(n)?, bn(e)?, Some(private)).map_err(failed)?;
        rsa.check().map_err(failed)?;
        Self::wrap(rsa)
    }

    fn wrap(rsa: Rsa) -> Result<RawRsaKey> {
        RsaPkey::new(rsa).map(RawRsaKey).map_err(failed)
    }

    /// PSS uses a digest-long salt, jose's `RSA_PSS_SALTLEN_DIGEST`.
    pub(super) fn sign(&self, pad: RsaPadding, sha: Sha, data: &[u8]) -> Result<Vec<u8>> {
        self.0.sign(padding(pad), md(sha), data).map_err(failed)
    }

    pub(super) fn verify(&self, pad: RsaPadding, sha: Sha, data: &[u8], sig: &[u8]) -> bool {
        self.0.verify(padding(pad), md(sha), data, sig)
    }
}
