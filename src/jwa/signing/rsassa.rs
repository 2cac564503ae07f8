//! RS256/384/512 (RSASSA-PKCS1-v1_5) and PS256/384/512 (RSASSA-PSS with a
//! salt as long as the digest), RFC 7518 sections 3.3 and 3.5.
//!
//! aws-lc-rs signs and verifies with moduli of 2048 to 8192 bits only. jose
//! (through Node's OpenSSL) takes any size the padding fits in: 512-bit keys
//! sign RS256, and moduli up to 16384 bits work. Keys outside aws-lc-rs's
//! range therefore go through `rsa_raw`, the same AWS-LC primitives reached
//! through aws-lc-sys (`sys::rsa`).

use std::sync::OnceLock;

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::rsa::{KeyPairComponents, PublicKeyComponents};
use aws_lc_rs::signature::{self, ParsedPublicKey, RsaEncoding, RsaKeyPair, RsaParameters};

use super::rsa_raw::RawRsaKey;
use super::{ready, rejected, RsaPadding, Sha, SignatureAlgorithm};
use crate::error::{Error, Result};
use crate::jwk::material::{trim_integer, RsaPrivate};

/// The modulus sizes aws-lc-rs accepts for RSA signatures.
const LC_MODULUS_BITS: std::ops::RangeInclusive<usize> = 2048..=8192;

/// Index of a padding / digest pair in the per-algorithm verifier table.
fn slot(padding: RsaPadding, sha: Sha) -> usize {
    let p = match padding {
        RsaPadding::Pkcs1 => 0,
        RsaPadding::Pss => 3,
    };
    p + match sha {
        Sha::Sha256 => 0,
        Sha::Sha384 => 1,
        Sha::Sha512 => 2,
    }
}

pub(super) struct RsaKey {
    n: Vec<u8>,
    e: Vec<u8>,
    private: Option<RsaPrivate>,
    /// jose's `key.length`: whole bytes of the modulus, in bits.
    length: usize,
    engine: Engine,
}

enum Engine {
    /// aws-lc-rs objects: one key pair for every algorithm, and a verifier
    /// per algorithm because aws-lc-rs binds parsed public keys to one.
    Lc(Box<LcObjects>),
    /// One AWS-LC `EVP_PKEY` serving every algorithm, for other sizes.
    Raw(OnceLock<Result<RawRsaKey>>),
}

#[derive(Default)]
struct LcObjects {
    pair: OnceLock<Result<RsaKeyPair>>,
    verifiers: [OnceLock<Result<ParsedPublicKey>>; 6],
}

impl RsaKey {
    pub(super) fn new(n: &[u8], e: &[u8], private: Option<&RsaPrivate>) -> Result<RsaKey> {
        let n = trim_integer(n);
        let e = trim_integer(e);
        // Trimmed, a non-zero integer starts with a non-zero byte.
        let (Some(&top), Some(&e_top)) = (n.first(), e.first()) else {
            return Err(Error::import_failed());
        };
        if top == 0 || e_top == 0 {
            return Err(Error::import_failed());
        }
        let bits = n.len() * 8 - top.leading_zeros() as usize;
        let engine = if LC_MODULUS_BITS.contains(&bits) {
            Engine::Lc(Box::default())
        } else {
            Engine::Raw(OnceLock::new())
        };
        Ok(RsaKey {
            length: n.len() * 8,
            n,
            e,
            private: private.cloned(),
            engine,
        })
    }

    pub(super) fn supports(&self, signing: bool, alg: SignatureAlgorithm) -> bool {
        alg.rsa().is_some()
            && self.length >= alg.min_rsa_bits()
            && (!signing || self.private.is_some())
    }

    fn raw<'a>(&self, slot: &'a OnceLock<Result<RawRsaKey>>) -> Result<&'a RawRsaKey> {
        ready(slot.get_or_init(|| match &self.private {
            Some(private) => RawRsaKey::private(&self.n, &self.e, private),
            None => RawRsaKey::public(&self.n, &self.e),
        }))
    }

    fn pair<'a>(&'a self, slot: &'a OnceLock<Result<RsaKeyPair>>) -> Result<&'a RsaKeyPair> {
        ready(slot.get_or_init(|| {
            let private = self.private.as_ref().ok_or_else(Error::import_failed)?;
            RsaKeyPair::from_components(&KeyPairComponents {
                public_key: PublicKeyComponents {
                    n: self.n.as_slice(),
                    e: self.e.as_slice(),
                },
                d: private.d.as_slice(),
                p: private.p.as_slice(),
                q: private.q.as_slice(),
                dP: private.dp.as_slice(),
                dQ: private.dq.as_slice(),
                qInv: private.qi.as_slice(),
            })
            .map_err(rejected)
        }))
    }

    pub(super) fn sign(&self, padding: RsaPadding, sha: Sha, data: &[u8]) -> Result<Vec<u8>> {
        match &self.engine {
            Engine::Raw(slot) => self.raw(slot)?.sign(padding, sha, data),
            Engine::Lc(objects) => {
                let pair = self.pair(&objects.pair)?;
                let encoding: &'static dyn RsaEncoding = match (padding, sha) {
                    (RsaPadding::Pkcs1, Sha::Sha256) => &signature::RSA_PKCS1_SHA256,
                    (RsaPadding::Pkcs1, Sha::Sha384) => &signature::RSA_PKCS1_SHA384,
                    (RsaPadding::Pkcs1, Sha::Sha512) => &signature::RSA_PKCS1_SHA512,
                    (RsaPadding::Pss, Sha::Sha256) => &signature::RSA_PSS_SHA256,
                    (RsaPadding::Pss, Sha::Sha384) => &signature::RSA_PSS_SHA384,
                    (RsaPadding::Pss, Sha::Sha512) => &signature::RSA_PSS_SHA512,
                };
                let mut out = vec![0u8; pair.public_modulus_len()];
                pair.sign(encoding, &SystemRandom::new(), data, &mut out)
                    .map_err(rejected)?;
                Ok(out)
            }
        }
    }

    pub(super) fn verify(
        &self,
        padding: RsaPadding,
        sha: Sha,
        data: &[u8],
        sig: &[u8],
    ) -> Result<bool> {
        match &self.engine {
            Engine::Raw(slot) => Ok(self.raw(slot)?.verify(padding, sha, data, sig)),
            Engine::Lc(objects) => {
                let params: &'static RsaParameters = match (padding, sha) {
                    (RsaPadding::Pkcs1, Sha::Sha256) => &signature::RSA_PKCS1_2048_8192_SHA256,
                    (RsaPadding::Pkcs1, Sha::Sha384) => &signature::RSA_PKCS1_2048_8192_SHA384,
                    (RsaPadding::Pkcs1, Sha::Sha512) => &signature::RSA_PKCS1_2048_8192_SHA512,
                    (RsaPadding::Pss, Sha::Sha256) => &signature::RSA_PSS_2048_8192_SHA256,
                    (RsaPadding::Pss, Sha::Sha384) => &signature::RSA_PSS_2048_8192_SHA384,
                    (RsaPadding::Pss, Sha::Sha512) => &signature::RSA_PSS_2048_8192_SHA512,
                };
                let verifier = ready(objects.verifiers[slot(padding, sha)].get_or_init(|| {
                    PublicKeyComponents {
                        n: self.n.as_slice(),
                        e: self.e.as_slice(),
                    }
                    .to_parsed_public_key(params)
                    .map_err(rejected)
                }))?;
                Ok(verifier.verify_sig(data, sig).is_ok())
            }
        }
    }
}
