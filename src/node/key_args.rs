//! Key arguments as the facade passes them and what they become: a key
//! handle or the name of a key without material (`KeyArg`), the keys of a
//! verification (`KeySource`: one key, a KeyStore's, or the key a header
//! embeds), and a key as JWE sees it (`NodeKey`). JWS, JWE, JWT and the
//! custom-key steps all take their keys through here.

use std::sync::Arc;

use napi::bindgen_prelude::{ClassInstance, Either};
use napi_derive::napi;

use super::key::NativeKey;
use crate::error::{Error, Result};
use crate::jwe::JweKey;
use crate::jwk::key::Key;
use crate::jwks::{self, Query};
use crate::jws::{self, embedded, Header, JwsKey};

/// A key argument: a key handle, or the name of a key without material
/// (`"none"` for JWK.None, `"embedded"` for the Embedded keys).
#[napi]
pub type KeyArg<'a> = Either<ClassInstance<'a, NativeKey>, String>;

/// A KeyStore's keys as the facade passes them: the handles of those with
/// material (a key without any can match nothing).
pub(crate) fn store_keys(keys: &[KeyArg<'_>]) -> Vec<Arc<Key>> {
    keys.iter()
        .filter_map(|k| match k {
            Either::A(native) => Some(Arc::clone(&native.inner)),
            Either::B(_) => None,
        })
        .collect()
}

/// The one key of a call that takes a single key.
pub(crate) fn only_key<'k, 'a>(keys: &'k [KeyArg<'a>]) -> Result<&'k KeyArg<'a>> {
    keys.first().ok_or_else(|| Error::type_error("missing key"))
}

pub(crate) fn jws_key(arg: &KeyArg<'_>) -> Result<JwsKey> {
    match arg {
        Either::A(native) => Ok(JwsKey::Key(Arc::clone(&native.inner))),
        Either::B(name) if name == "none" => Ok(JwsKey::Unsecured),
        Either::B(name) if name == "embedded" => Ok(JwsKey::NoAlgorithms),
        Either::B(_) => Err(Error::type_error("invalid key")),
    }
}

/// How a call's keys are given (`lib/keys.js` `verificationKeys`): one
/// key, a KeyStore's keys, or the key the JWS header embeds.
#[napi(string_enum)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyMode {
    #[napi(value = "key")]
    Key,
    #[napi(value = "store")]
    Store,
    #[napi(value = "embedded-jwk")]
    EmbeddedJwk,
    #[napi(value = "embedded-x5c")]
    EmbeddedX5c,
}

/// Where verification keys come from.
enum Keys {
    One(JwsKey),
    /// A KeyStore: chosen per signature by `kid`, `alg` and `key_ops`.
    Store(Vec<Arc<Key>>),
    EmbeddedJwk,
    EmbeddedX5c,
}

/// A candidate with its place in the store, so the facade can hand back the
/// store's own key object.
#[derive(Clone)]
pub(crate) struct Candidate {
    pub(crate) index: Option<u32>,
    key: JwsKey,
}

impl jws::VerificationKey for Candidate {
    fn verify(&self, alg: &str, data: &[u8], signature: &[u8]) -> Result<bool> {
        self.key.verify(alg, data, signature)
    }
}

/// The verification keys of one call (as `lib/keys.js` describes them: a
/// mode and native keys) and how to pick candidates among them. JWT
/// verification uses it too.
pub(crate) struct KeySource {
    keys: Keys,
    legacy_p256k: bool,
}

/// The key argument of the one-call paths: a key handle alone (the
/// common case, which spares JavaScript an array and napi its conversion)
/// or what `KeySource::new` takes.
#[napi]
pub type KeysArg<'a> = Either<ClassInstance<'a, NativeKey>, Vec<KeyArg<'a>>>;

impl KeySource {
    pub(crate) fn from_arg(
        mode: KeyMode,
        keys: &KeysArg<'_>,
        legacy_p256k: bool,
    ) -> Result<KeySource> {
        match keys {
            Either::A(one) => Ok(KeySource::one(Arc::clone(&one.inner), legacy_p256k)),
            Either::B(list) => KeySource::new(mode, list, legacy_p256k),
        }
    }

    /// A single key.
    pub(crate) fn one(key: Arc<Key>, legacy_p256k: bool) -> KeySource {
        KeySource {
            keys: Keys::One(JwsKey::Key(key)),
            legacy_p256k,
        }
    }

    pub(crate) fn new(mode: KeyMode, keys: &[KeyArg<'_>], legacy_p256k: bool) -> Result<KeySource> {
        let keys = match mode {
            KeyMode::Store => Keys::Store(store_keys(keys)),
            KeyMode::EmbeddedJwk => Keys::EmbeddedJwk,
            KeyMode::EmbeddedX5c => Keys::EmbeddedX5c,
            KeyMode::Key => Keys::One(jws_key(only_key(keys)?)?),
        };
        Ok(KeySource { keys, legacy_p256k })
    }

    /// The keys to try for a signature; `alg` is `None` when the header's
    /// is not a string, which no KeyStore key supports.
    pub(crate) fn candidates(&self, header: &Header, _alg: Option<&str>) -> Result<Vec<Candidate>> {
        let one = |key: JwsKey| Ok(vec![Candidate { index: None, key }]);
        match &self.keys {
            Keys::One(key) => one(key.clone()),
            Keys::EmbeddedJwk => one(JwsKey::Key(Arc::new(embedded::from_jwk_header(
                header,
                self.legacy_p256k,
            )?))),
            Keys::EmbeddedX5c => one(JwsKey::Key(Arc::new(embedded::from_x5c_header(
                header,
                self.legacy_p256k,
            )?))),
            Keys::Store(keys) => {
                let query = Query::operation(header.get("kid"), header.get("alg"), &["verify"]);
                Ok(jwks::select(keys, &query)
                    .into_iter()
                    .map(|i| Candidate {
                        index: u32::try_from(i).ok(),
                        key: JwsKey::Key(Arc::clone(&keys[i])),
                    })
                    .collect())
            }
        }
    }
}

/// A key as JWE sees it: a real key, or one without material described by
/// its `alg` and `use` (JWK.None, the Embedded keys, `oct` references).
#[derive(Debug, Clone)]
pub(crate) enum NodeKey {
    Real(Arc<Key>),
    Empty {
        alg: Option<String>,
        key_use: Option<String>,
    },
}

impl JweKey for NodeKey {
    fn key(&self) -> Option<&Key> {
        match self {
            NodeKey::Real(key) => Some(key),
            NodeKey::Empty { .. } => None,
        }
    }

    fn declared_alg(&self) -> Option<&str> {
        match self {
            NodeKey::Real(key) => key.declared_alg(),
            NodeKey::Empty { alg, .. } => alg.as_deref(),
        }
    }

    fn declared_use(&self) -> Option<&str> {
        match self {
            NodeKey::Real(key) => key.declared_use(),
            NodeKey::Empty { key_use, .. } => key_use.as_deref(),
        }
    }
}

/// A handle, or the JSON text `{"alg", "use"}` of a key without material.
pub(crate) fn node_key(arg: &KeyArg<'_>) -> Result<NodeKey> {
    match arg {
        Either::A(native) => Ok(NodeKey::Real(Arc::clone(&native.inner))),
        Either::B(text) => {
            let described: Header =
                crate::js_json::parse(text).map_err(|_| Error::type_error("invalid key"))?;
            let member = |name: &str| {
                described
                    .get(name)
                    .and_then(serde_json::Value::as_str)
                    .map(str::to_owned)
            };
            Ok(NodeKey::Empty {
                alg: member("alg"),
                key_use: member("use"),
            })
        }
    }
}
