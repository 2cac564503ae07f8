//! `JWKS.KeyStore#all` for the facade: the core's store query
//! (`crate::jwks`) over the store's keys, handles for keys with material
//! and descriptions for the others (`oct` references, custom keys). The
//! query and the descriptions cross as JSON text, which keeps a lone
//! surrogate in a `kid` what it is (`js_json`), as the keys' own
//! parameters keep it.

use std::sync::Arc;

use napi::bindgen_prelude::ClassInstance;
use napi::Env;
use napi_derive::napi;
use serde::Deserialize;
use serde_json::{Map, Value};

use super::boundary::guard;
use super::error::parse_object;
use super::key::NativeKey;
use crate::error::{Error, Result};
use crate::jwk::key::Key;
use crate::jwks::{self, Query, StoreKey, Wanted};

/// A key without material as a store query reads it: the properties the
/// query asks about (those that may throw are read only then).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Unheld {
    kid: Option<String>,
    thumbprint: Option<String>,
    kty: Option<String>,
    crv: Option<String>,
    alg: Option<String>,
    #[serde(rename = "use")]
    key_use: Option<String>,
    key_ops: Option<Vec<String>>,
    /// `key.algorithms()`, when the query asks for an `alg`.
    algorithms: Option<Vec<String>>,
}

impl StoreKey for Unheld {
    fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }
    fn thumbprint(&self) -> Option<&str> {
        self.thumbprint.as_deref()
    }
    fn x5t(&self) -> Option<&str> {
        None
    }
    fn x5t_s256(&self) -> Option<&str> {
        None
    }
    fn kty(&self) -> Option<&str> {
        self.kty.as_deref()
    }
    fn crv(&self) -> Option<&str> {
        self.crv.as_deref()
    }
    fn declared_alg(&self) -> Option<&str> {
        self.alg.as_deref()
    }
    fn key_use(&self) -> Option<&str> {
        self.key_use.as_deref()
    }
    fn key_ops(&self) -> Option<&[String]> {
        self.key_ops.as_deref()
    }
    fn allows(&self, alg: &str) -> bool {
        self.algorithms
            .as_ref()
            .is_some_and(|algs| algs.iter().any(|a| a == alg))
    }
}

/// A KeyStore's keys as the core queries them: each key's handle, or a
/// hole for a key without one (an `oct` reference, a custom key), which
/// each query describes. Made again whenever the store's keys change.
#[napi]
pub struct NativeStore {
    keys: Vec<Option<Arc<Key>>>,
}

/// `keys`: each key's handle, or none for a key without one.
#[napi(catch_unwind)]
pub fn native_store(
    env: Env,
    keys: Vec<Option<ClassInstance<'_, NativeKey>>>,
) -> napi::Result<NativeStore> {
    guard(&env, "nativeStore", || {
        Ok(NativeStore {
            keys: keys
                .into_iter()
                .map(|key| key.map(|native| Arc::clone(&native.inner)))
                .collect(),
        })
    })
}

#[napi]
impl NativeStore {
    /// The keys matching `query` (the JSON text of `keystore.all()`'s
    /// parameters, each a string or `false` for a value of another type,
    /// which no key property equals), by their places, best first;
    /// `unheld` describes the keys without a handle, in order, as JSON
    /// text. `key_ops` was checked by the facade (jose's TypeError).
    #[napi(catch_unwind)]
    pub fn select(&self, env: Env, query: String, unheld: Vec<String>) -> napi::Result<Vec<u32>> {
        guard(&env, "NativeStore.select", || {
            let query = parse_object(&query)?;
            let unheld: Vec<Unheld> = unheld
                .iter()
                .map(|text| {
                    crate::js_json::parse(text)
                        .map_err(|_| Error::type_error("invalid key description"))
                })
                .collect::<Result<_>>()?;
            let mut described = unheld.iter();
            let mut held: Vec<&dyn StoreKey> = Vec::with_capacity(self.keys.len());
            for key in &self.keys {
                held.push(match key {
                    Some(key) => &**key,
                    None => described
                        .next()
                        .ok_or_else(|| Error::type_error("a key without its description"))?,
                });
            }
            let ops: Option<Vec<&str>> = query
                .get("key_ops")
                .and_then(Value::as_array)
                .map(|ops| ops.iter().filter_map(Value::as_str).collect());
            Ok(jwks::select(&held, &store_query(&query, ops.as_deref()))
                .into_iter()
                .filter_map(|i| u32::try_from(i).ok())
                .collect())
        })
    }
}

fn store_query<'a>(query: &'a Map<String, Value>, key_ops: Option<&'a [&'a str]>) -> Query<'a> {
    let member = |name: &str| query.get(name).map(Wanted::of);
    Query {
        kid: member("kid"),
        thumbprint: member("thumbprint"),
        x5t: member("x5t"),
        x5t_s256: member("x5t#S256"),
        kty: member("kty"),
        crv: member("crv"),
        alg: member("alg"),
        key_use: member("use"),
        key_ops,
    }
}
