//! `key.toPEM([private[, encoding]])` and the DER a Node `KeyObject` is
//! built from.

use crate::error::{Error, Result};
use crate::jwk::der::{self, PrivateFormat, PublicFormat};
use crate::jwk::key::Key;
use crate::jwk::material::KeyType;
use crate::jwk::{pem, pem_legacy, pkcs8_encrypted};

/// The `encoding` argument of `toPEM`.
#[derive(Debug, Default)]
pub struct PemEncoding<'a> {
    pub format: Option<&'a str>,
    pub cipher: Option<&'a str>,
    pub passphrase: Option<&'a [u8]>,
}

pub fn to_pem(key: &Key, private: bool, encoding: PemEncoding) -> Result<String> {
    match key.key_type() {
        KeyType::Secret => {
            return Err(Error::type_error(
                "symmetric keys cannot be exported as PEM",
            ))
        }
        KeyType::Public if private => {
            return Err(Error::type_error(
                "public key cannot be exported as private",
            ))
        }
        _ => {}
    }
    if !private {
        if encoding.cipher.is_some() || encoding.passphrase.is_some() {
            return Err(Error::type_error(
                "cipher and passphrase can only be applied when exporting private keys",
            ));
        }
        let public = key.material().to_public()?;
        let (format, label) = match encoding.format.unwrap_or("spki") {
            "spki" => (PublicFormat::Spki, "PUBLIC KEY"),
            "pkcs1" => (PublicFormat::Pkcs1, "RSA PUBLIC KEY"),
            other => return Err(invalid_type(other)),
        };
        return Ok(pem::encode_pem(
            label,
            &der::export_public_der(&public, format)?,
        ));
    }
    let (format, label) = match encoding.format.unwrap_or("pkcs8") {
        "pkcs8" => (PrivateFormat::Pkcs8, "PRIVATE KEY"),
        "pkcs1" => (PrivateFormat::Pkcs1, "RSA PRIVATE KEY"),
        "sec1" => (PrivateFormat::Sec1, "EC PRIVATE KEY"),
        other => return Err(invalid_type(other)),
    };
    let plain = der::export_private_der(key.material(), format)?;
    match (encoding.cipher, encoding.passphrase) {
        (None, None) => Ok(pem::encode_pem(label, &plain)),
        (Some(cipher), Some(passphrase)) => match format {
            PrivateFormat::Pkcs8 => {
                let sealed = pkcs8_encrypted::encrypt(&plain, passphrase, cipher)?;
                Ok(pem::encode_pem("ENCRYPTED PRIVATE KEY", &sealed))
            }
            // pkcs1 and sec1 have no encrypted form of their own; Node writes
            // OpenSSL's legacy encrypted PEM (Proc-Type / DEK-Info) for them.
            PrivateFormat::Pkcs1 | PrivateFormat::Sec1 => {
                pem_legacy::encrypt_pem(label, &plain, passphrase, cipher)
            }
        },
        (Some(_), None) => Err(Error::type_error("Passphrase required for encryption")),
        (None, Some(_)) => Err(Error::type_error(
            "cipher is required when a passphrase is given",
        )),
    }
}

/// DER for a Node `KeyObject`: PKCS#8 for private keys, SPKI for public.
/// The private key DER is the caller's to hand on; it leaves here as a plain
/// vector (moved out of its wiping wrapper, not copied).
pub fn to_key_object_der(key: &Key) -> Result<Vec<u8>> {
    match key.key_type() {
        KeyType::Private => der::export_private_der(key.material(), PrivateFormat::Pkcs8)
            .map(|mut der| std::mem::take(&mut *der)),
        KeyType::Public => der::export_public_der(key.material(), PublicFormat::Spki),
        KeyType::Secret => Err(Error::type_error("secret keys have no DER form")),
    }
}

fn invalid_type(name: &str) -> Error {
    Error::type_error(format!(
        "The property 'options.type' is invalid. Received '{name}'"
    ))
}
