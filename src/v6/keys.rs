//! Keys as jose 6 takes them (a `Uint8Array` secret, a JWK object, a
//! `CryptoKey`, a `KeyObject`) and its checks of one against an algorithm
//! and an operation, in its order and with its messages. The facade
//! describes the JavaScript value ([`KeyForm`]); the material is the
//! core's (`jwk::key::Key`).

use std::sync::{Arc, OnceLock};

use serde_json::Value;
use zeroize::Zeroizing;

use super::algs::{JwsAlg, Subtle};
use super::b64;
use super::header::Header;
use crate::error::{Error, Kind, Result};
use crate::jwk::import;
use crate::jwk::json::JwkImportOptions;
use crate::jwk::key::Key;
use crate::jwk::material::Material;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Usage {
    Sign,
    Verify,
    Encrypt,
    Decrypt,
}

impl Usage {
    pub fn as_str(self) -> &'static str {
        match self {
            Usage::Sign => "sign",
            Usage::Verify => "verify",
            Usage::Encrypt => "encrypt",
            Usage::Decrypt => "decrypt",
        }
    }

    fn requires_private(self) -> bool {
        matches!(self, Usage::Sign | Usage::Decrypt)
    }

    fn encryption(self) -> bool {
        matches!(self, Usage::Encrypt | Usage::Decrypt)
    }
}

/// What jose 6 checks a key against for one algorithm (its `prepareKey`
/// entry): a JWS algorithm, a JWE key-management one, or for `dir` the
/// content encryption one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub name: &'static str,
    pub secret: bool,
    pub kty: &'static [&'static str],
    /// A JWS algorithm's curve (EC and Ed25519 keys must be on it).
    pub crv: Option<&'static str>,
    /// The `key_ops` an encrypting and a decrypting key must list.
    pub ops: (Option<&'static str>, Option<&'static str>),
    /// HMAC's refusal of an empty secret applies (JWS).
    pub hmac: bool,
}

impl From<&JwsAlg> for Entry {
    fn from(alg: &JwsAlg) -> Entry {
        Entry {
            name: alg.name,
            secret: alg.secret,
            kty: alg.key_alg().kty,
            crv: alg.crv,
            ops: (None, None),
            hmac: alg.secret,
        }
    }
}

/// `key.algorithm` of a `CryptoKey`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CryptoAlgorithm {
    pub name: String,
    pub hash: Option<String>,
    pub named_curve: Option<String>,
    pub modulus_length: Option<f64>,
    /// An AES key's length in bits.
    pub length: Option<u32>,
}

/// What kind of JavaScript value the key is.
#[derive(Debug)]
pub enum KeyForm {
    /// A `Uint8Array`: a secret's bytes.
    Bytes(Zeroizing<Vec<u8>>),
    /// A plain object, as JSON.
    Jwk(Header),
    CryptoKey {
        key_type: String,
        algorithm: CryptoAlgorithm,
        usages: Vec<String>,
        extractable: bool,
    },
    KeyObject {
        key_type: String,
    },
    /// Anything else jose 6 refuses as a key.
    Other,
}

/// A key argument: its form, how jose 6's messages name the value
/// (" Received ..." or empty) and, for a `CryptoKey` or `KeyObject`, its
/// material.
#[derive(Debug)]
pub struct KeyInput {
    pub form: KeyForm,
    pub received: String,
    pub material: Option<Arc<Key>>,
    /// A JWK's material, read once (the facade freezes the object, as
    /// jose 6 does, so it cannot change under the cache).
    imported: OnceLock<Arc<Key>>,
}

/// A key ready for one operation: a secret read for this call, or the
/// core's key (whose signer is made once and reused).
pub enum Ready {
    Secret(Zeroizing<Vec<u8>>),
    Key(Arc<Key>),
}

impl Ready {
    /// A symmetric key's bytes.
    pub fn secret(&self) -> Option<&[u8]> {
        match self {
            Ready::Secret(k) => Some(k),
            Ready::Key(key) => match key.material() {
                Material::Oct { k } => Some(k),
                _ => None,
            },
        }
    }
}

impl KeyInput {
    pub fn new(form: KeyForm, received: String, material: Option<Arc<Key>>) -> KeyInput {
        KeyInput {
            form,
            received,
            material,
            imported: OnceLock::new(),
        }
    }

    /// Checks the key against `alg` for `usage` as jose 6's `prepareKey`
    /// and `checkCryptoKey` do, and returns what signs or verifies.
    pub fn prepare(&self, alg: &JwsAlg, usage: Usage) -> Result<Ready> {
        let ready = self.prepare_entry(&Entry::from(alg), usage)?;
        if let KeyForm::CryptoKey {
            algorithm, usages, ..
        } = &self.form
        {
            check_crypto_key(algorithm, usages, &alg.subtle, None, usage.as_str())?;
        }
        if alg.min_rsa_bits {
            check_modulus_length(alg.name, &ready)?;
        }
        Ok(ready)
    }

    /// jose 6's `prepareKey`: the key's form and type against the entry,
    /// a JWK's members against the operation. A `CryptoKey`'s own
    /// algorithm is checked later, by the operation (`crypto_key`).
    pub fn prepare_entry(&self, entry: &Entry, usage: Usage) -> Result<Ready> {
        match &self.form {
            KeyForm::Bytes(bytes) if entry.secret => {
                // the facade imports a Uint8Array it sees again once
                Ok(match &self.material {
                    Some(key) => {
                        check_secret(bytes, entry.hmac)?;
                        Ready::Key(Arc::clone(key))
                    }
                    None => Ready::Secret(secret(bytes, entry.hmac)?),
                })
            }
            KeyForm::Jwk(jwk) => self.prepare_jwk(jwk, entry, usage),
            KeyForm::CryptoKey { key_type, .. } => {
                self.check_type("CryptoKey", key_type, entry, usage)?;
                self.material(entry)
            }
            KeyForm::KeyObject { key_type } => {
                self.check_type("KeyObject", key_type, entry, usage)?;
                let key = self.material_key()?;
                check_material(key.material(), entry)?;
                self.material(entry)
            }
            _ => Err(self.invalid_key_type(entry)),
        }
    }

    /// Whether jose 6 could export the key as a JWK the way it exports an
    /// ECDH-ES ephemeral key: an extractable `CryptoKey`, or a JWK with
    /// `ext: true` (jose 6 imports any other form non-extractable).
    pub fn exportable(&self) -> bool {
        match &self.form {
            KeyForm::CryptoKey { extractable, .. } => *extractable,
            KeyForm::Jwk(jwk) => jwk.get("ext") == Some(&Value::Bool(true)),
            _ => false,
        }
    }

    /// A `CryptoKey`'s WebCrypto algorithm and usages, as the operation
    /// checks them (`None` for other forms: nothing to check).
    pub fn crypto_key(&self) -> Option<(&CryptoAlgorithm, &[String])> {
        match &self.form {
            KeyForm::CryptoKey {
                algorithm, usages, ..
            } => Some((algorithm, usages)),
            _ => None,
        }
    }

    fn material_key(&self) -> Result<&Arc<Key>> {
        self.material
            .as_ref()
            .ok_or_else(|| Error::type_error("key material missing"))
    }

    fn material(&self, entry: &Entry) -> Result<Ready> {
        let key = self.material_key()?;
        Ok(match key.material() {
            Material::Oct { k } => {
                check_secret(k, entry.hmac)?;
                Ready::Key(Arc::clone(key))
            }
            _ => Ready::Key(Arc::clone(key)),
        })
    }

    fn invalid_key_type(&self, alg: &Entry) -> Error {
        let types = if alg.secret {
            "one of type CryptoKey, KeyObject, JSON Web Key, or Uint8Array."
        } else {
            "one of type CryptoKey, KeyObject, or JSON Web Key."
        };
        Error::type_error(format!(
            "Key for the {} algorithm must be {types}{}",
            alg.name, self.received
        ))
    }

    fn check_type(&self, tag: &str, key_type: &str, alg: &Entry, usage: Usage) -> Result<()> {
        let expected = if alg.secret {
            "secret"
        } else if usage.requires_private() {
            "private"
        } else {
            "public"
        };
        let known = matches!(key_type, "secret" | "public" | "private");
        if key_type != expected && (alg.secret || known) {
            return Err(Error::type_error(format!(
                "{tag} instances must be of type \"{expected}\" for the {} algorithm",
                alg.name
            )));
        }
        Ok(())
    }

    fn prepare_jwk(&self, jwk: &Header, alg: &Entry, usage: Usage) -> Result<Ready> {
        normalize_jwk(jwk)?;
        let kty = match jwk.get("kty") {
            Some(Value::String(kty)) => kty.as_str(),
            _ => return Err(self.invalid_key_type(alg)),
        };
        let has = |name: &str| jwk.get(name).is_some_and(Value::is_string);
        let fits = if alg.secret {
            kty == "oct" && has("k")
        } else if usage.requires_private() {
            kty != "oct" && has("d")
        } else {
            kty != "oct" && !jwk.contains_key("d") && !jwk.contains_key("priv")
        };
        if !fits {
            return Err(Error::type_error(if alg.secret {
                "JSON Web Key for symmetric algorithms must have JWK \"kty\" (Key Type) equal to \"oct\" and the JWK \"k\" (Key Value) present".to_owned()
            } else {
                format!(
                    "JSON Web Key for this operation must be a {} JWK",
                    if usage.requires_private() {
                        "private"
                    } else {
                        "public"
                    }
                )
            }));
        }
        check_jwk_use(jwk, alg, usage)?;
        if kty == "oct" {
            let k = jwk.get("k").and_then(Value::as_str).unwrap_or_default();
            let bytes = b64::decode(k).ok_or_else(|| {
                Error::type_error("The input to be decoded is not correctly encoded.")
            })?;
            return Ok(Ready::Secret(secret(&bytes, alg.hmac)?));
        }
        if !alg.kty.contains(&kty)
            || (alg.kty.len() > 1
                && kty == "OKP"
                && jwk.get("crv").and_then(Value::as_str) != Some("X25519"))
        {
            return Err(unsupported_jwk_alg());
        }
        if let Some(key) = self.imported.get() {
            return Ok(Ready::Key(Arc::clone(key)));
        }
        let key = Arc::new(import_jwk(jwk, alg)?);
        Ok(Ready::Key(Arc::clone(self.imported.get_or_init(|| key))))
    }
}

/// A secret; WebCrypto's HMAC import refuses an empty one.
fn secret(bytes: &[u8], hmac: bool) -> Result<Zeroizing<Vec<u8>>> {
    check_secret(bytes, hmac)?;
    Ok(Zeroizing::new(bytes.to_vec()))
}

fn check_secret(bytes: &[u8], hmac: bool) -> Result<()> {
    if hmac && bytes.is_empty() {
        return Err(Error::new(
            Kind::DataError,
            "Zero-length key is not supported",
        ));
    }
    Ok(())
}

fn unsupported_jwk_alg() -> Error {
    Error::not_supported("Invalid or unsupported JWK \"alg\" (Algorithm) Parameter value")
}

/// jose 6's `normalizeJwk`: `ext` a boolean, `key_ops` unique strings.
pub fn normalize_jwk(jwk: &Header) -> Result<()> {
    if jwk.get("ext").is_some_and(|ext| !ext.is_boolean()) {
        return Err(Error::type_error(
            "\"ext\" (Extractable) Parameter must be a boolean",
        ));
    }
    if let Some(ops) = jwk.get("key_ops") {
        let unique_strings = ops.as_array().is_some_and(|ops| {
            ops.iter()
                .enumerate()
                .all(|(i, op)| op.is_string() && !ops[..i].contains(op))
        });
        if !unique_strings {
            return Err(Error::type_error(
                "\"key_ops\" (Key Operations) Parameter must be an array of unique strings",
            ));
        }
    }
    Ok(())
}

/// jose 6's `jwkMatchesOp`: a JWK's `use`, `alg` and `key_ops`, when
/// present, must allow the operation.
fn check_jwk_use(jwk: &Header, alg: &Entry, usage: Usage) -> Result<()> {
    let expected_use = if usage.encryption() { "enc" } else { "sig" };
    if let Some(key_use) = jwk.get("use") {
        if key_use.as_str() != Some(expected_use) {
            return Err(Error::type_error(format!(
                "Invalid key for this operation, its \"use\" must be \"{expected_use}\" when present"
            )));
        }
    }
    if let Some(key_alg) = jwk.get("alg") {
        if key_alg.as_str() != Some(alg.name) {
            return Err(Error::type_error(format!(
                "Invalid key for this operation, its \"alg\" must be \"{}\" when present",
                alg.name
            )));
        }
    }
    let op = match usage {
        Usage::Encrypt => alg.ops.0,
        Usage::Decrypt => alg.ops.1,
        _ => Some(usage.as_str()),
    };
    if let (Some(Value::Array(ops)), Some(op)) = (jwk.get("key_ops"), op) {
        if !ops.iter().any(|o| o.as_str() == Some(op)) {
            return Err(Error::type_error(format!(
                "Invalid key for this operation, its \"key_ops\" must include \"{op}\" when present"
            )));
        }
    }
    Ok(())
}

/// A JWK's material as WebCrypto imports it for `alg`: the curve must be
/// the algorithm's, anything unreadable is WebCrypto's "Invalid keyData".
fn import_jwk(jwk: &Header, alg: &Entry) -> Result<Key> {
    if let Some(crv) = alg.crv {
        if jwk.get("crv").and_then(Value::as_str) != Some(crv) {
            return Err(crv_mismatch());
        }
    }
    let opts = JwkImportOptions {
        calculate_missing_rsa_primes: false,
        legacy_p256k: false,
    };
    import::from_jwk(jwk, &Header::new(), opts)
        .map_err(|_| Error::new(Kind::DataError, "Invalid keyData"))
}

fn crv_mismatch() -> Error {
    Error::new(
        Kind::DataError,
        "JWK \"crv\" does not match the requested algorithm",
    )
}

/// A `KeyObject`'s material against `alg`, as jose 6 finds out by
/// exporting it as a JWK and importing that for the algorithm.
fn check_material(material: &Material, alg: &Entry) -> Result<()> {
    if alg.secret {
        return Ok(());
    }
    if !alg.kty.contains(&material.kty()) {
        return Err(unsupported_jwk_alg());
    }
    // ECDH takes OKP keys only on X25519 (jose 6's `resolve`)
    if let Material::Okp { curve, .. } = material {
        if alg.kty.len() > 1 && curve.name() != "X25519" {
            return Err(unsupported_jwk_alg());
        }
    }
    let crv = match material {
        Material::Ec { curve, .. } => Some(curve.name()),
        Material::Okp { curve, .. } => Some(curve.name()),
        _ => None,
    };
    match alg.crv {
        Some(expected) if crv != Some(expected) => Err(crv_mismatch()),
        _ => Ok(()),
    }
}

/// jose 6's `checkCryptoKey`: the key's WebCrypto algorithm (name, hash,
/// curve, AES length) and that its usages include `op`.
pub fn check_crypto_key(
    algorithm: &CryptoAlgorithm,
    usages: &[String],
    expected: &Subtle,
    length: Option<u32>,
    op: &str,
) -> Result<()> {
    let unusable = |what: &str, prop: &str| {
        Error::type_error(format!(
            "CryptoKey does not support this operation, its {prop} must be {what}"
        ))
    };
    if algorithm.name != expected.name {
        return Err(unusable(expected.name, "algorithm.name"));
    }
    if let Some(hash) = expected.hash {
        if algorithm.hash.as_deref() != Some(hash) {
            return Err(unusable(hash, "algorithm.hash"));
        }
    }
    if let Some(curve) = expected.named_curve {
        if algorithm.named_curve.as_deref() != Some(curve) {
            return Err(unusable(curve, "algorithm.namedCurve"));
        }
    }
    if let Some(length) = length {
        if algorithm.length != Some(length) {
            return Err(unusable(&length.to_string(), "algorithm.length"));
        }
    }
    check_usage(usages, op)
}

/// jose 6's `checkUsage`.
pub fn check_usage(usages: &[String], op: &str) -> Result<()> {
    if !usages.iter().any(|u| u == op) {
        return Err(Error::type_error(format!(
            "CryptoKey does not support this operation, its usages must include {op}."
        )));
    }
    Ok(())
}

/// RS*, PS* and RSA-OAEP need a modulus of at least 2048 bits.
pub fn check_modulus_length(alg: &str, ready: &Ready) -> Result<()> {
    let bits = match ready {
        Ready::Key(key) => match key.material() {
            Material::Rsa { n, .. } => n.len() * 8,
            _ => 0,
        },
        Ready::Secret(_) => 0,
    };
    if bits < 2048 {
        return Err(Error::type_error(format!(
            "{alg} requires key modulusLength to be 2048 bits or larger"
        )));
    }
    Ok(())
}
