//! PEM text to key material: what `JWK.asKey` does with a PEM string.
//!
//! | label                   | contents                                   |
//! |-------------------------|--------------------------------------------|
//! | `PRIVATE KEY`           | PKCS#8                                     |
//! | `ENCRYPTED PRIVATE KEY` | PBES2 EncryptedPrivateKeyInfo (passphrase) |
//! | `RSA PRIVATE KEY`       | PKCS#1, possibly legacy-encrypted          |
//! | `EC PRIVATE KEY`        | SEC1, possibly legacy-encrypted            |
//! | `PUBLIC KEY`            | SubjectPublicKeyInfo                       |
//! | `RSA PUBLIC KEY`        | PKCS#1 RSAPublicKey                        |
//! | `CERTIFICATE`           | X.509; its key, and the certificate DER    |
//!
//! `DSA PRIVATE KEY` is `JOSENotSupported` (Node reads it as a DSA key, which
//! jose then refuses); any other label is `JWKImportFailed`. Encrypted keys
//! without a passphrase, or with the wrong one, are `JWKImportFailed`. A
//! passphrase given for an unencrypted key is ignored, as in Node.
//!
//! Material from private keys may lack its public part; see
//! [`crate::jwk::der`] for that contract.

use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::jwk::der::{import_private_der, import_public_der, PrivateFormat, PublicFormat};
use crate::jwk::material::{Material, SecretBytes};
use crate::jwk::{pem, pem_legacy, pkcs8_encrypted, x509};

/// An imported PEM key; `certificate` is the DER of a `CERTIFICATE` input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub material: Material,
    pub certificate: Option<Vec<u8>>,
}

pub fn import_pem(text: &str, passphrase: Option<&[u8]>) -> Result<Imported> {
    let (block, headers) = pem::parse_pem_with_headers(text)?;
    // Usually a private key: wiped when dropped (moved in, not copied).
    let mut der: SecretBytes = if headers.is_empty() {
        Zeroizing::new(block.der)
    } else if pem_legacy::is_encrypted(&headers) {
        let passphrase = passphrase.ok_or_else(Error::import_failed)?;
        pem_legacy::decrypt(&headers, &block.der, passphrase)?
    } else {
        return Err(Error::import_failed());
    };

    let key = |material| {
        Ok(Imported {
            material,
            certificate: None,
        })
    };
    match block.label.as_str() {
        "PRIVATE KEY" => key(import_private_der(&der, PrivateFormat::Pkcs8)?),
        "ENCRYPTED PRIVATE KEY" => {
            let passphrase = passphrase.ok_or_else(Error::import_failed)?;
            let pkcs8 = pkcs8_encrypted::decrypt(&der, passphrase)?;
            key(import_private_der(&pkcs8, PrivateFormat::Pkcs8)?)
        }
        "RSA PRIVATE KEY" => key(import_private_der(&der, PrivateFormat::Pkcs1)?),
        "EC PRIVATE KEY" => key(import_private_der(&der, PrivateFormat::Sec1)?),
        "PUBLIC KEY" => key(import_public_der(&der, PublicFormat::Spki)?),
        "RSA PUBLIC KEY" => key(import_public_der(&der, PublicFormat::Pkcs1)?),
        "CERTIFICATE" => Ok(Imported {
            material: x509::certificate_public_key(&der)?,
            // Public: moved out of the wrapper, not copied.
            certificate: Some(std::mem::take(&mut *der)),
        }),
        "DSA PRIVATE KEY" => {
            // Only well-formed DER is a DSA key Node would have read.
            crate::asn1::one_sequence(&der)?;
            Err(Error::not_supported(
                "only RSA, EC and OKP asymmetric keys are supported",
            ))
        }
        _ => Err(Error::import_failed()),
    }
}
