//! The fixed key set the fuzz targets verify and decrypt with: every JWK in
//! the RFC 7520 cookbook vectors (so the cookbook's tokens get past the
//! crypto) and every key Node made for the unit tests (one per curve), plus
//! the cookbook's PBES2 password. Built once per process.

use std::collections::HashSet;
use std::sync::{Arc, OnceLock};

use serde_json::{Map, Value};

use crate::jwk::import;
use crate::jwk::key::Key;

/// The PBES2 password of RFC 7520 section 5.3.
pub const PASSWORD: &str = "entrap_o\u{2013}peter_long\u{2013}credit_tun";

pub struct KeySet {
    /// Every key, as a KeyStore holds them.
    pub all: Vec<Arc<Key>>,
    /// The PBES2 password as an `oct` key.
    pub password: Arc<Key>,
}

pub fn get() -> &'static KeySet {
    static KEYS: OnceLock<KeySet> = OnceLock::new();
    KEYS.get_or_init(build)
}

fn build() -> KeySet {
    let sources = [
        include_str!("../../tests/vectors/rfc-cookbook.json"),
        include_str!("../../tests/fixtures/node-keys.json"),
    ];
    // A broken fixture is a bug in the repository, not fuzzer input.
    let values: Vec<Value> = sources
        .iter()
        .map(|text| serde_json::from_str(text).expect("key fixture is JSON"))
        .collect();
    let mut jwks = Vec::new();
    for value in &values {
        collect(value, &mut jwks);
    }
    let mut seen = HashSet::new();
    let mut all = Vec::new();
    for jwk in jwks {
        // Some cookbook objects are not keys jose imports; they are skipped.
        let Ok(key) = import::from_jwk(jwk, jwk, Default::default()) else {
            continue;
        };
        // A public key and its private twin share a thumbprint; keep both.
        if seen.insert((key.thumbprint().to_owned(), key.key_type().as_str())) {
            all.push(Arc::new(key));
        }
    }
    // A fixed constant, not fuzzer input: importing it cannot fail.
    let password =
        import::from_secret(PASSWORD.as_bytes(), &Map::new()).expect("a secret always imports");
    let password = Arc::new(password);
    all.push(Arc::clone(&password));
    KeySet { all, password }
}

/// Every object with a string `kty`, anywhere in `value`.
fn collect<'a>(value: &'a Value, out: &mut Vec<&'a Map<String, Value>>) {
    match value {
        Value::Object(o) if o.get("kty").is_some_and(Value::is_string) => out.push(o),
        Value::Object(o) => o.values().for_each(|v| collect(v, out)),
        Value::Array(list) => list.iter().for_each(|v| collect(v, out)),
        _ => {}
    }
}
