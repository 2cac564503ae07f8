//! Key management for one recipient (RFC 7516 5.1 steps 2-6 and 5.2 steps
//! 9-10): getting the CEK to a recipient and back with each `alg` family,
//! and the header parameters that travel with it. `dir` needs none of this
//! and is handled by the callers.

use serde_json::Value;

use crate::b64;
use crate::error::{Error, Kind, Result};
use crate::jwa::jwe_algs::{EncAlg, KeyAlg, KeyFamily};
use crate::jwa::{aes_gcm_kw, aes_kw, ecdh_es, pbes2, rsaes};
use crate::jwk::json::{self, JwkImportOptions};
use crate::jwk::key::Key;
use crate::jwk::material::{Material, SecretBytes};
use crate::jws::header::Header;

/// What wrapping produced for one recipient.
#[derive(Debug)]
pub struct Wrapped {
    /// Empty for direct ECDH-ES, whose CEK is the agreed key.
    pub encrypted_key: Vec<u8>,
    /// Parameters the algorithm generated (`epk`, `iv`/`tag`, `p2c`/`p2s`).
    pub header: Header,
    /// For direct ECDH-ES: the derived key, which becomes the CEK.
    pub derived_cek: Option<SecretBytes>,
}

fn secret<'k>(key: &'k Key, alg: &KeyAlg, encrypting: bool) -> Result<&'k [u8]> {
    match key.material() {
        Material::Oct { k } => Ok(k),
        _ => Err(alg.key_unsupported(encrypting)),
    }
}

/// `apu` / `apv` for the Concat KDF: base64url strings in the header, empty
/// when absent.
fn party_info(header: &Header, name: &str) -> Result<Vec<u8>> {
    match header.get(name) {
        Some(Value::String(s)) => Ok(b64::decode(s)),
        Some(_) => Err(Error::new(
            Kind::JweInvalid,
            format!("\"{name}\" Header Parameter must be a base64url string"),
        )),
        None => Ok(Vec::new()),
    }
}

/// The `epk` header member: `kty`, `crv`, `x` and, for EC, `y`, as jose
/// writes it.
fn epk_header(epk: &Material) -> Value {
    let mut out = serde_json::Map::new();
    out.insert("kty".into(), epk.kty().into());
    for (name, value) in json::public_members(epk) {
        out.insert(name.into(), value.into());
    }
    let mut ordered = serde_json::Map::new();
    for name in ["kty", "crv", "x", "y"] {
        if let Some(v) = out.remove(name) {
            ordered.insert(name.into(), v);
        }
    }
    Value::Object(ordered)
}

/// Wraps (or, for ECDH-ES, derives) the CEK for one recipient. `header` is
/// the recipient's combined JOSE Header, read for `apu` / `apv`.
pub fn wrap(
    alg: &'static KeyAlg,
    enc: &'static EncAlg,
    key: &Key,
    cek: &[u8],
    header: &Header,
) -> Result<Wrapped> {
    let mut generated = Header::new();
    let mut derived_cek = None;
    let encrypted_key = match alg.family {
        KeyFamily::AesKw => aes_kw::wrap(alg, secret(key, alg, true)?, cek)?,
        KeyFamily::AesGcmKw => {
            let w = aes_gcm_kw::wrap(alg, secret(key, alg, true)?, cek)?;
            generated.insert("tag".into(), b64::encode(&w.tag).into());
            generated.insert("iv".into(), b64::encode(&w.iv).into());
            w.encrypted_key
        }
        KeyFamily::RsaOaep(_) | KeyFamily::Rsa1_5 => rsaes::wrap(alg, key.rsa_cipher()?, cek)?,
        KeyFamily::EcdhEs | KeyFamily::EcdhEsKw => {
            let apu = party_info(header, "apu")?;
            let apv = party_info(header, "apv")?;
            let agreed = ecdh_es::sender_derive(alg, enc, key.material(), &apu, &apv)?;
            generated.insert("epk".into(), epk_header(&agreed.epk));
            if alg.family == KeyFamily::EcdhEs {
                derived_cek = Some(agreed.key);
                Vec::new()
            } else {
                aes_kw::wrap(alg, &agreed.key, cek)?
            }
        }
        KeyFamily::Pbes2(_) => {
            let w = pbes2::wrap(alg, secret(key, alg, true)?, cek)?;
            generated.insert("p2c".into(), w.p2c.into());
            generated.insert("p2s".into(), b64::encode(&w.p2s).into());
            w.encrypted_key
        }
        KeyFamily::Dir => return Err(alg.key_unsupported(true)),
    };
    Ok(Wrapped {
        encrypted_key,
        header: generated,
        derived_cek,
    })
}

/// A header value as JavaScript's `>` would see it against a number, for
/// jose's `p2c > maxPBES2Count`: numbers as they are, numeric strings
/// converted, anything else NaN (never greater).
pub(super) fn js_number(value: Option<&Value>) -> Option<f64> {
    match value? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) if s.trim().is_empty() => Some(0.0),
        Value::String(s) => s.trim().parse().ok(),
        Value::Bool(b) => Some(f64::from(u8::from(*b))),
        Value::Null => Some(0.0),
        _ => None,
    }
}

/// jose's PBES2 cost cap, checked before any PBKDF2 work: `p2c` above
/// `max_count` is `JWEInvalid`.
pub fn check_pbes2_count(header: &Header, max_count: f64) -> Result<()> {
    match js_number(header.get("p2c")) {
        Some(p2c) if p2c > max_count => Err(Error::new(
            Kind::JweInvalid,
            "JOSE Header \"p2c\" (PBES2 Count) out is of acceptable bounds",
        )),
        _ => Ok(()),
    }
}

/// A base64url header member the algorithm needs.
fn header_bytes(header: &Header, name: &str) -> Result<Vec<u8>> {
    match header.get(name) {
        Some(Value::String(s)) => Ok(b64::decode(s)),
        _ => Err(Error::decryption_failed()),
    }
}

/// Recovers the CEK for one recipient (wiped when dropped, as is any KEK
/// derived on the way). Every failure here is meant to be replaced by a
/// random CEK by the caller (RFC 7516 11.5), so errors carry no detail.
pub fn unwrap(
    alg: &'static KeyAlg,
    enc: &'static EncAlg,
    key: &Key,
    encrypted_key: Option<&str>,
    header: &Header,
) -> Result<SecretBytes> {
    let encrypted_key = || {
        encrypted_key
            .ok_or_else(Error::decryption_failed)
            .map(b64::decode)
    };
    match alg.family {
        KeyFamily::AesKw => aes_kw::unwrap(alg, secret(key, alg, false)?, &encrypted_key()?),
        KeyFamily::AesGcmKw => aes_gcm_kw::unwrap(
            alg,
            secret(key, alg, false)?,
            &encrypted_key()?,
            &header_bytes(header, "iv")?,
            &header_bytes(header, "tag")?,
        ),
        KeyFamily::RsaOaep(_) | KeyFamily::Rsa1_5 => {
            rsaes::unwrap(alg, key.rsa_cipher()?, &encrypted_key()?, enc.key_len)
        }
        KeyFamily::EcdhEs | KeyFamily::EcdhEsKw => {
            let epk = match header.get("epk") {
                Some(Value::Object(jwk)) => {
                    json::material_from_jwk(jwk, JwkImportOptions::default())
                        .map_err(|_| Error::decryption_failed())?
                }
                _ => return Err(Error::decryption_failed()),
            };
            let apu = party_info(header, "apu")?;
            let apv = party_info(header, "apv")?;
            let derived =
                ecdh_es::recipient_derive_with(alg, enc, key.agreement_key(), &epk, &apu, &apv)?;
            if alg.family == KeyFamily::EcdhEs {
                Ok(derived)
            } else {
                aes_kw::unwrap(alg, &derived, &encrypted_key()?)
            }
        }
        KeyFamily::Pbes2(_) => {
            let p2c = match header.get("p2c").and_then(Value::as_u64) {
                Some(p2c) => p2c,
                None => return Err(Error::decryption_failed()),
            };
            let p2s = header_bytes(header, "p2s")?;
            // The cap was applied, with JavaScript's comparison, before.
            pbes2::unwrap(
                alg,
                secret(key, alg, false)?,
                &encrypted_key()?,
                &p2s,
                p2c,
                u64::MAX,
            )
        }
        KeyFamily::Dir => Err(alg.key_unsupported(false)),
    }
}
