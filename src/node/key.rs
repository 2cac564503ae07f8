//! `NativeKey`, the handle a `JWK.Key` holds, and the functions that make one.

use std::sync::Arc;

use napi::bindgen_prelude::{Buffer, ClassInstance, External};
use napi::Env;
use napi_derive::napi;

use super::args::js_text;
use super::boundary::guard;
use super::error::{object_from_json, Fail, Outcome};
use super::job::{twins, Job};
use crate::jwk::export::{self, PemEncoding};
use crate::jwk::generate::{self, GenerateSpec};
use crate::jwk::import;
use crate::jwk::json::JwkImportOptions;
use crate::jwk::key::Key;
use crate::jwk::material::Material;

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
pub fn key_handle(env: Env, key: ClassInstance<'_, NativeKey>) -> napi::Result<KeyHandle> {
    guard(&env, "keyHandle", || {
        Ok(External::new(Arc::clone(&key.inner)))
    })
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
    pub fn describe(&self, env: Env) -> napi::Result<String> {
        guard(&env, "NativeKey.describe", || Ok(self.description()))
    }

    /// The private JWK members (`d`, `p`, ... or `k`) as JSON text.
    #[napi(catch_unwind)]
    pub fn private_members(&self, env: Env) -> napi::Result<String> {
        guard(&env, "NativeKey.privateMembers", || {
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
    pub fn algorithms(
        &self,
        env: Env,
        operation: Option<String>,
    ) -> napi::Result<Vec<&'static str>> {
        guard(&env, "NativeKey.algorithms", || {
            self.inner
                .algorithms(operation.as_deref())
                .map_err(Fail::from)
        })
    }

    #[napi(js_name = "toJWK", catch_unwind)]
    pub fn to_jwk(&self, env: Env, private: bool) -> napi::Result<String> {
        guard(&env, "NativeKey.toJWK", || {
            let jwk = self.inner.to_jwk(private)?;
            Ok(js_text(&jwk))
        })
    }

    #[napi(js_name = "toPEM", catch_unwind)]
    pub fn to_pem(
        &self,
        env: Env,
        private: bool,
        format: Option<String>,
        cipher: Option<String>,
        passphrase: Option<Buffer>,
    ) -> napi::Result<String> {
        guard(&env, "NativeKey.toPEM", || {
            let encoding = PemEncoding {
                format: format.as_deref(),
                cipher: cipher.as_deref(),
                passphrase: passphrase.as_deref(),
            };
            export::to_pem(&self.inner, private, encoding).map_err(Fail::from)
        })
    }

    /// DER (PKCS#8 or SPKI) for building a Node `KeyObject`.
    #[napi(catch_unwind)]
    pub fn key_object_der(&self, env: Env) -> napi::Result<Buffer> {
        guard(&env, "NativeKey.keyObjectDer", || {
            export::to_key_object_der(&self.inner)
                .map(Buffer::from)
                .map_err(Fail::from)
        })
    }

    /// The raw secret of an `oct` key, for its `KeyObject`.
    #[napi(catch_unwind)]
    pub fn secret_bytes(&self, env: Env) -> napi::Result<Buffer> {
        guard(&env, "NativeKey.secretBytes", || {
            match self.inner.material() {
                Material::Oct { k } => Ok(Buffer::from(k.to_vec())),
                _ => Err(Fail::from(crate::error::Error::type_error(
                    "not a secret key",
                ))),
            }
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
    env: Env,
    jwk_json: String,
    params_json: String,
    calculate_missing_rsa_primes: bool,
    legacy_p256k: bool,
) -> napi::Result<NativeKey> {
    guard(&env, "importJwk", || {
        let jwk = object_from_json(&jwk_json)?;
        let params = object_from_json(&params_json)?;
        let opts = JwkImportOptions {
            calculate_missing_rsa_primes,
            legacy_p256k,
        };
        import::from_jwk(&jwk, &params, opts)
            .map(NativeKey::wrap)
            .map_err(Fail::from)
    })
}

#[napi(catch_unwind)]
pub fn import_pem(
    env: Env,
    text: String,
    passphrase: Option<Buffer>,
    params_json: String,
    cert_as_x5c: bool,
    legacy_p256k: bool,
) -> napi::Result<NativeKey> {
    guard(&env, "importPem", || {
        let params = object_from_json(&params_json)?;
        import::from_pem(
            &text,
            passphrase.as_deref(),
            &params,
            cert_as_x5c,
            legacy_p256k,
        )
        .map(NativeKey::wrap)
        .map_err(Fail::from)
    })
}

#[napi(catch_unwind)]
pub fn import_der(
    env: Env,
    der: Buffer,
    der_type: String,
    params_json: String,
    legacy_p256k: bool,
) -> napi::Result<NativeKey> {
    guard(&env, "importDer", || {
        let params = object_from_json(&params_json)?;
        import::from_der(&der, &der_type, &params, legacy_p256k)
            .map(NativeKey::wrap)
            .map_err(Fail::from)
    })
}

#[napi(catch_unwind)]
pub fn import_secret(env: Env, secret: Buffer, params_json: String) -> napi::Result<NativeKey> {
    guard(&env, "importSecret", || {
        let params = object_from_json(&params_json)?;
        import::from_secret(&secret, &params)
            .map(NativeKey::wrap)
            .map_err(Fail::from)
    })
}

/// `JWK.generate`'s arguments as the facade describes them (see
/// `generate::Request`): `kty` and `crvOrSize` as themselves where jose
/// checks their type, and as the text its messages show.
#[napi(object)]
pub struct GenerateArgs {
    /// `kty`, when a string.
    pub kty: Option<String>,
    /// `${kty}` (absent when that throws).
    pub kty_text: Option<String>,
    /// `crvOrSize`, when a string.
    pub crv: Option<String>,
    /// `crvOrSize`, when a number.
    pub bits: Option<f64>,
    /// `crvOrSize !== undefined`.
    pub crv_or_size_given: bool,
    /// `${crvOrSize}` (absent when that throws).
    pub crv_or_size_text: Option<String>,
    pub private: bool,
    #[napi(js_name = "legacyP256K")]
    pub legacy_p256k: bool,
}

/// What to generate, read from the arguments; the key is made by `run`.
pub struct GenerateRequest {
    spec: GenerateSpec,
    private: bool,
    params: serde_json::Map<String, serde_json::Value>,
    legacy_p256k: bool,
}

impl GenerateRequest {
    /// A private key (or secret) of `spec`, with no JWK parameters: what
    /// jose 6's `generateKeyPair` and `generateSecret` make once their own
    /// rules chose the spec.
    pub(crate) fn private_key(spec: GenerateSpec) -> GenerateRequest {
        GenerateRequest {
            spec,
            private: true,
            params: serde_json::Map::new(),
            legacy_p256k: false,
        }
    }
}

impl Job for GenerateRequest {
    type Output = Key;
    type JsValue = NativeKey;

    fn run(&self) -> crate::error::Result<Key> {
        let material = generate::generate(self.spec)?;
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

fn request(args: GenerateArgs, params_json: String) -> crate::error::Result<GenerateRequest> {
    use generate::CrvOrSize;
    let crv_or_size = match (&args.crv, args.bits, args.crv_or_size_given) {
        (Some(_), _, _) => CrvOrSize::Name,
        (None, Some(bits), _) => CrvOrSize::Bits(bits),
        (None, None, true) => CrvOrSize::Other,
        (None, None, false) => CrvOrSize::Absent,
    };
    let spec = generate::spec(&generate::Request {
        kty: args.kty.as_deref(),
        kty_text: args.kty_text.as_deref(),
        crv_or_size,
        crv_or_size_text: args.crv_or_size_text.as_deref(),
        private: args.private,
        legacy_p256k: args.legacy_p256k,
    })?;
    Ok(GenerateRequest {
        spec,
        private: args.private,
        params: super::error::parse_object(&params_json)?,
        legacy_p256k: args.legacy_p256k,
    })
}

twins! {
    generate_key("generateKey") / generate_key_async("generateKeyAsync")
    (
        args: GenerateArgs,
        params_json: String,
    ) -> NativeKey as "Promise<NativeKey>", GenerateRequest = request(args, params_json)
}

/// Checks the parameters of an `oct` JWK that has no `k` (a reference key,
/// which jose holds without material) and returns them as JSON.
#[napi(catch_unwind)]
pub fn reference_key_params(env: Env, params_json: String) -> napi::Result<String> {
    guard(&env, "referenceKeyParams", || {
        reference_key_params_json(&params_json)
    })
}

fn reference_key_params_json(params_json: &str) -> Outcome<String> {
    let params = object_from_json(params_json)?;
    let empty = Material::Oct {
        k: Default::default(),
    };
    let checked = crate::jwk::params::KeyParams::from_json(&params, &empty)?;
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
