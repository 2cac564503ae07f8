//! The ways `JWK.asKey` reads key material, each ending in a checked `Key`.
//!
//! jose 1.x reports any unreadable PEM/DER as `JWKImportFailed` and keeps
//! `JOSENotSupported` for readable keys of a kind it does not do; the
//! `imported` helper keeps that split.

use serde_json::{Map, Value};
use zeroize::Zeroizing;

use crate::b64;
use crate::error::{Error, Kind, Result};
use crate::jwk::der::{self, PrivateFormat, PublicFormat};
use crate::jwk::json::{self, JwkImportOptions};
use crate::jwk::key::Key;
use crate::jwk::material::Material;
use crate::jwk::pem_import;

/// A JWK object's key material, with the parameters the caller settled on.
pub fn from_jwk(
    jwk: &Map<String, Value>,
    params: &Map<String, Value>,
    opts: JwkImportOptions,
) -> Result<Key> {
    let material = json::material_from_jwk(jwk, opts)?;
    Key::new(material, params, opts.legacy_p256k)
}

/// PEM text: keys in every label Node reads, and certificates. With
/// `cert_as_x5c` a certificate's DER becomes `x5c` (jose does this only for
/// string input that starts with the certificate and has no `x5c` given).
pub fn from_pem(
    text: &str,
    passphrase: Option<&[u8]>,
    params: &Map<String, Value>,
    cert_as_x5c: bool,
    legacy_p256k: bool,
) -> Result<Key> {
    let imported = imported(pem_import::import_pem(text, passphrase))?;
    let mut params = params.clone();
    if let Some(cert) = imported.certificate.filter(|_| cert_as_x5c) {
        if !params.contains_key("x5c") {
            params.insert("x5c".into(), Value::from(vec![b64::encode_std(&cert)]));
        }
    }
    Key::new(imported.material, &params, legacy_p256k)
}

/// DER with Node's `type` option: `pkcs8`/`sec1` are private, `spki` public,
/// `pkcs1` either (private is tried first, as jose does).
pub fn from_der(
    der_bytes: &[u8],
    der_type: &str,
    params: &Map<String, Value>,
    legacy_p256k: bool,
) -> Result<Key> {
    let material = match der_type {
        "pkcs8" => der::import_private_der(der_bytes, PrivateFormat::Pkcs8),
        "sec1" => der::import_private_der(der_bytes, PrivateFormat::Sec1),
        "spki" => der::import_public_der(der_bytes, PublicFormat::Spki),
        "pkcs1" => der::import_private_der(der_bytes, PrivateFormat::Pkcs1)
            .or_else(|_| der::import_public_der(der_bytes, PublicFormat::Pkcs1)),
        _ => return Err(Error::import_failed()),
    };
    Key::new(imported(material)?, params, legacy_p256k)
}

/// A symmetric secret (any bytes, including none).
pub fn from_secret(bytes: &[u8], params: &Map<String, Value>) -> Result<Key> {
    Key::new(
        Material::Oct {
            k: Zeroizing::new(bytes.to_vec()),
        },
        params,
        false,
    )
}

fn imported<T>(result: Result<T>) -> Result<T> {
    result.map_err(|e| match e.kind {
        Kind::NotSupported => e,
        _ => Error::import_failed(),
    })
}
