//! ES256 / ES384 / ES512 (RFC 7518 section 3.4) and ES256K (RFC 8812):
//! ECDSA with JOSE's fixed-width `r || s` signatures.

use std::sync::OnceLock;

use aws_lc_rs::signature::{
    self, EcdsaKeyPair, EcdsaSigningAlgorithm, EcdsaVerificationAlgorithm, ParsedPublicKey,
};

use super::ecdsa_raw::SigningKey;
use super::{ready, rejected, SignatureAlgorithm};
use crate::error::{Error, Result};
use crate::jwk::material::{pad_secret, pad_to, EcCurve, SecretBytes};

pub(super) struct EcKey {
    curve: EcCurve,
    /// SEC 1 uncompressed point, `0x04 || x || y`.
    point: Vec<u8>,
    /// Fixed-length private scalar, wiped when the key is dropped.
    d: Option<SecretBytes>,
    /// Built on first signature, once aws-lc-rs has checked that `d` and
    /// the point pair up.
    signer: OnceLock<Result<SigningKey>>,
    verifier: OnceLock<Result<ParsedPublicKey>>,
}

/// Each curve signs with exactly one JOSE algorithm.
fn algorithms(
    curve: EcCurve,
) -> (
    SignatureAlgorithm,
    &'static EcdsaSigningAlgorithm,
    &'static EcdsaVerificationAlgorithm,
) {
    match curve {
        EcCurve::P256 => (
            SignatureAlgorithm::Es256,
            &signature::ECDSA_P256_SHA256_FIXED_SIGNING,
            &signature::ECDSA_P256_SHA256_FIXED,
        ),
        EcCurve::P384 => (
            SignatureAlgorithm::Es384,
            &signature::ECDSA_P384_SHA384_FIXED_SIGNING,
            &signature::ECDSA_P384_SHA384_FIXED,
        ),
        EcCurve::P521 => (
            SignatureAlgorithm::Es512,
            &signature::ECDSA_P521_SHA512_FIXED_SIGNING,
            &signature::ECDSA_P521_SHA512_FIXED,
        ),
        EcCurve::Secp256k1 => (
            SignatureAlgorithm::Es256k,
            &signature::ECDSA_P256K1_SHA256_FIXED_SIGNING,
            &signature::ECDSA_P256K1_SHA256_FIXED,
        ),
    }
}

impl EcKey {
    pub(super) fn new(curve: EcCurve, x: &[u8], y: &[u8], d: Option<&[u8]>) -> Result<EcKey> {
        let len = curve.coordinate_len();
        let x = pad_to(x, len).ok_or_else(Error::import_failed)?;
        let y = pad_to(y, len).ok_or_else(Error::import_failed)?;
        let d = d
            .map(|d| pad_secret(d, len).ok_or_else(Error::import_failed))
            .transpose()?;
        let mut point = Vec::with_capacity(1 + 2 * len);
        point.push(0x04);
        point.extend_from_slice(&x);
        point.extend_from_slice(&y);
        Ok(EcKey {
            curve,
            point,
            d,
            signer: OnceLock::new(),
            verifier: OnceLock::new(),
        })
    }

    pub(super) fn algorithm(&self) -> SignatureAlgorithm {
        algorithms(self.curve).0
    }

    pub(super) fn is_private(&self) -> bool {
        self.d.is_some()
    }

    pub(super) fn sign(&self, data: &[u8]) -> Result<Vec<u8>> {
        let signer = ready(self.signer.get_or_init(|| {
            let d = self.d.as_deref().ok_or_else(Error::import_failed)?;
            // aws-lc-rs checks that the point is the one `d` makes.
            EcdsaKeyPair::from_private_key_and_public_key(algorithms(self.curve).1, d, &self.point)
                .map_err(rejected)?;
            SigningKey::new(self.curve, d, &self.point)
        }))?;
        signer.sign(data)
    }

    /// A signature not exactly twice the coordinate length is just invalid.
    pub(super) fn verify(&self, data: &[u8], sig: &[u8]) -> Result<bool> {
        let verifier = ready(self.verifier.get_or_init(|| {
            ParsedPublicKey::new(algorithms(self.curve).2, &self.point).map_err(rejected)
        }))?;
        Ok(verifier.verify_sig(data, sig).is_ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwk::material::assert_wiped;

    #[test]
    fn the_private_scalar_is_wiped_on_drop() {
        let key = EcKey::new(EcCurve::P256, &[1; 32], &[2; 32], Some(&[3; 31])).unwrap();
        let d = key.d.as_ref().unwrap();
        assert_wiped(d);
        // Padded to the curve's length in its own allocation.
        assert_eq!(d.as_slice(), [[0].as_slice(), &[3; 31]].concat());
    }
}
