//! `NativeKey`, the handle a `JWK.Key` holds, and the functions that make one.

use std::sync::Arc;

use napi::bindgen_prelude::{Buffer, ClassInstance, External};
use napi_derive::napi;

use super::args::js_text;
use super::boundary::guard;
use super::error::{object_from_json, to_napi, OrThrow};
use super::job::{twins, Job};
use crate::jwk::export::{self, PemEncoding};
use crate::jwk::generate::{self, GenerateSpec};
use crate::jwk::import;
use crate::jwk::json::JwkImportOptions;
use crate::jwk::key::Key;
use crate::jwk::material::{EcCurve, Material, OkpCurve};

/// A parsed, checked key. Cloning the handle shares the key.
#[napi]
pub struct NativeKey {
    pub(crate) inner: Arc<Key>,
}

/// The key as the hot JWT calls take it: an `External` holding the key,
/// which N-API hands back after a type check and one lookup, where a class
/// instance costs an unwrap, a type-tag check and a class-identity lookup
/// (7% of an HS256 verification in perf). `lib/jwk/key.js` makes one per
/// key.
pub type KeyHandle = External<Arc<Key>>;

#[napi(catch_unwind)]
pub fn key_handle(key: ClassInstance<'_, NativeKey>) -> napi::Result<KeyHandle> {
    guard("keyHandle", || Ok(External::new(Arc::clone(&key.inner))))
}

impl NativeKey {
    fn wrap(key: Key) -> NativeKey {
        NativeKey {
            inner: Arc::new(key),
        }
    }
}

#[napi]
impl NativeKey {
    /// Everything the facade shows as plain properties, as one JSON text:
    /// one crossing and one `JSON.parse` per key instead of a call per field.
    #[napi(catch_unwind)]
    pub fn describe(&self) -> napi::Result<String> {
        guard("NativeKey.describe", || Ok(self.description()))
    }

    /// The private JWK members (`d`, `p`, ... or `k`) as JSON text.
    #[napi(catch_unwind)]
    pub fn private_members(&self) -> napi::Result<String> {
        guard("NativeKey.privateMembers", || {
            let members: serde_json::Map<_, _> = self
                .inner
                .private_members()
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.into()))
                .collect();
            Ok(js_text(&members))
        })
    }

    #[napi(catch_unwind)]
    pub fn algorithms(&self, operation: Option<String>) -> napi::Result<Vec<&'static str>> {
        guard("NativeKey.algorithms", || {
            self.inner.algorithms(operation.as_deref()).or_throw()
        })
    }

    #[napi(js_name = "toJWK", catch_unwind)]
    pub fn to_jwk(&self, private: bool) -> napi::Result<String> {
        guard("NativeKey.toJWK", || {
            let jwk = self.inner.to_jwk(private).or_throw()?;
            Ok(js_text(&jwk))
        })
    }

    #[napi(js_name = "toPEM", catch_unwind)]
    pub fn to_pem(
        &self,
        private: bool,
        format: Option<String>,
        cipher: Option<String>,
        passphrase: Option<Buffer>,
    ) -> napi::Result<String> {
        guard("NativeKey.toPEM", || {
            let encoding = PemEncoding {
                format: format.as_deref(),
                cipher: cipher.as_deref(),
                passphrase: passphrase.as_deref(),
            };
            export::to_pem(&self.inner, private, encoding).or_throw()
        })
    }

    /// DER (PKCS#8 or SPKI) for building a Node `KeyObject`.
    #[napi(catch_unwind)]
    pub fn key_object_der(&self) -> napi::Result<Buffer> {
        guard("NativeKey.keyObjectDer", || {
            export::to_key_object_der(&self.inner)
                .map(Buffer::from)
                .or_throw()
        })
    }

    /// The raw secret of an `oct` key, for its `KeyObject`.
    #[napi(catch_unwind)]
    pub fn secret_bytes(&self) -> napi::Result<Buffer> {
        guard("NativeKey.secretBytes", || match self.inner.material() {
            Material::Oct { k } => Ok(Buffer::from(k.to_vec())),
            _ => Err(to_napi(crate::error::Error::type_error("not a secret key"))),
        })
    }
}

impl NativeKey {
    /// What `describe` returns.
    fn description(&self) -> String {
        let key = &self.inner;
        let mut info = serde_json::Map::new();
        info.insert("kty".into(), key.material().kty().into());
        info.insert("type".into(), key.key_type().as_str().into());
        info.insert("thumbprint".into(), key.thumbprint().into());
        if let Some(bits) = key.material().bit_length() {
            info.insert("length".into(), bits.into());
        }
        let members: serde_json::Map<_, _> = key
            .public_members()
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.into()))
            .collect();
        info.insert("members".into(), members.into());
        let p = key.params();
        let mut params = serde_json::Map::new();
        let mut put = |name: &str, value: Option<serde_json::Value>| {
            if let Some(v) = value {
                params.insert(name.into(), v);
            }
        };
        put("alg", p.alg.clone().map(Into::into));
        put("use", p.key_use.clone().map(Into::into));
        put("kid", p.kid.clone().map(Into::into));
        put("key_ops", p.key_ops.clone().map(Into::into));
        put("x5c", p.x5c.clone().map(Into::into));
        put("x5t", p.x5t.clone().map(Into::into));
        put("x5t#S256", p.x5t_s256.clone().map(Into::into));
        info.insert("params".into(), params.into());
        js_text(&info)
    }
}

#[napi(catch_unwind)]
pub fn import_jwk(
    jwk_json: String,
    params_json: String,
    calculate_missing_rsa_primes: bool,
    legacy_p256k: bool,
) -> napi::Result<NativeKey> {
    guard("importJwk", || {
        let jwk = object_from_json(&jwk_json)?;
        let params = object_from_json(&params_json)?;
        let opts = JwkImportOptions {
            calculate_missing_rsa_primes,
            legacy_p256k,
        };
        import::from_jwk(&jwk, &params, opts)
            .map(NativeKey::wrap)
            .or_throw()
    })
}

#[napi(catch_unwind)]
pub fn import_pem(
    text: String,
    passphrase: Option<Buffer>,
    params_json: String,
    cert_as_x5c: bool,
    legacy_p256k: bool,
) -> napi::Result<NativeKey> {
    guard("importPem", || {
        let params = object_from_json(&params_json)?;
        import::from_pem(
            &text,
            passphrase.as_deref(),
            &params,
            cert_as_x5c,
            legacy_p256k,
        )
        .map(NativeKey::wrap)
        .or_throw()
    })
}

#[napi(catch_unwind)]
pub fn import_der(
    der: Buffer,
    der_type: String,
    params_json: String,
    legacy_p256k: bool,
) -> napi::Result<NativeKey> {
    guard("importDer", || {
        let params = object_from_json(&params_json)?;
        import::from_der(&der, &der_type, &params, legacy_p256k)
            .map(NativeKey::wrap)
            .or_throw()
    })
}

#[napi(catch_unwind)]
pub fn import_secret(secret: Buffer, params_json: String) -> napi::Result<NativeKey> {
    guard("importSecret", || {
        let params = object_from_json(&params_json)?;
        import::from_secret(&secret, &params)
            .map(NativeKey::wrap)
            .or_throw()
    })
}

/// What to generate, as the facade validated it.
pub struct GenerateRequest {
    kty: String,
    crv: Option<String>,
    size: Option<u32>,
    private: bool,
    params: serde_json::Map<String, serde_json::Value>,
    legacy_p256k: bool,
}

impl GenerateRequest {
    fn spec(&self) -> crate::error::Result<GenerateSpec> {
        use crate::error::Error;
        let crv = self.crv.as_deref();
        match self.kty.as_str() {
            "RSA" => Ok(GenerateSpec::Rsa {
                bits: self.size.unwrap_or(2048),
            }),
            "oct" => Ok(GenerateSpec::Oct {
                bits: self.size.unwrap_or(256),
            }),
            "EC" => {
                let name = crv.unwrap_or("P-256");
                EcCurve::from_name(name, self.legacy_p256k)
                    .map(GenerateSpec::Ec)
                    .ok_or_else(|| {
                        Error::not_supported(format!("unsupported EC key curve: {name}"))
                    })
            }
            "OKP" => {
                let name = crv.unwrap_or("Ed25519");
                OkpCurve::from_name(name)
                    .map(GenerateSpec::Okp)
                    .ok_or_else(|| {
                        Error::not_supported(format!("unsupported OKP key curve: {name}"))
                    })
            }
            other => Err(Error::not_supported(format!(
                "unsupported key type: {other}"
            ))),
        }
    }
}

impl Job for GenerateRequest {
    type Output = Key;
    type JsValue = NativeKey;

    fn run(&self) -> crate::error::Result<Key> {
        let spec = self.spec()?;
        if !self.private && matches!(spec, GenerateSpec::Oct { .. }) {
            return Err(crate::error::Error::type_error(
                "\"oct\" keys cannot be generated as public",
            ));
        }
        let material = generate::generate(spec)?;
        let material = if self.private {
            material
        } else {
            material.to_public()?
        };
        Key::new(material, &self.params, self.legacy_p256k)
    }

    fn finish(&self, key: Key) -> NativeKey {
        NativeKey::wrap(key)
    }
}

fn request(
    kty: String,
    crv: Option<String>,
    size: Option<u32>,
    private: bool,
    params_json: String,
    legacy_p256k: bool,
) -> crate::error::Result<GenerateRequest> {
    Ok(GenerateRequest {
        kty,
        crv,
        size,
        private,
        params: super::error::parse_object(&params_json)?,
        legacy_p256k,
    })
}

twins! {
    generate_key("generateKey") / generate_key_async("generateKeyAsync")
    (
        kty: String,
        crv: Option<String>,
        size: Option<u32>,
        private: bool,
        params_json: String,
        legacy_p256k: bool,
    ) -> NativeKey, GenerateRequest = request(kty, crv, size, private, params_json, legacy_p256k)
}

/// Checks the parameters of an `oct` JWK that has no `k` (a reference key,
/// which jose holds without material) and returns them as JSON.
#[napi(catch_unwind)]
pub fn reference_key_params(params_json: String) -> napi::Result<String> {
    guard("referenceKeyParams", || {
        reference_key_params_json(&params_json)
    })
}

fn reference_key_params_json(params_json: &str) -> napi::Result<String> {
    let params = object_from_json(params_json)?;
    let empty = Material::Oct {
        k: Default::default(),
    };
    let checked = crate::jwk::params::KeyParams::from_json(&params, &empty).or_throw()?;
    let mut out = serde_json::Map::new();
    let mut put = |name: &str, value: Option<serde_json::Value>| {
        if let Some(v) = value {
            out.insert(name.into(), v);
        }
    };
    put("alg", checked.alg.map(Into::into));
    put("use", checked.key_use.map(Into::into));
    put("kid", checked.kid.map(Into::into));
    put("key_ops", checked.key_ops.map(Into::into));
    Ok(js_text(&out))
}
