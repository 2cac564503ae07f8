//! KeyStore queries: jose 1.x's `keystore.all(parameters)` rules and
//! ranking, the one implementation of them. The Node layer's
//! `KeyStore#all` asks it (with the keys that hold no material described),
//! and so do the native verifiers and decrypters choosing a store's keys.

use serde_json::Value;

use crate::jwk::key::Key;
use crate::jwk::material::Material;

/// A query member as the caller gave it: a string, or a value of another
/// type, which no key property equals (jose compares with `!==`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wanted<'a> {
    Is(&'a str),
    Never,
}

impl<'a> Wanted<'a> {
    /// A JOSE Header member as a query member.
    pub fn of(value: &'a Value) -> Wanted<'a> {
        value.as_str().map_or(Wanted::Never, Wanted::Is)
    }

    fn equals(self, property: Option<&str>) -> bool {
        matches!(self, Wanted::Is(wanted) if property == Some(wanted))
    }

    /// JavaScript's truthiness of the member (a non-empty string).
    fn truthy(self) -> bool {
        matches!(self, Wanted::Is(wanted) if !wanted.is_empty())
    }
}

/// `keystore.all(parameters)`'s parameters; `None` for those not given.
#[derive(Debug, Clone, Copy, Default)]
pub struct Query<'a> {
    pub kid: Option<Wanted<'a>>,
    pub thumbprint: Option<Wanted<'a>>,
    pub x5t: Option<Wanted<'a>>,
    pub x5t_s256: Option<Wanted<'a>>,
    pub kty: Option<Wanted<'a>>,
    pub crv: Option<Wanted<'a>>,
    pub alg: Option<Wanted<'a>>,
    pub key_use: Option<Wanted<'a>>,
    pub key_ops: Option<&'a [&'a str]>,
}

impl<'a> Query<'a> {
    /// What jose asks a store for one operation: the header's `kid`, the
    /// algorithm and the key operation.
    pub fn operation(
        kid: Option<&'a Value>,
        alg: Option<&'a Value>,
        key_ops: &'a [&'a str],
    ) -> Query<'a> {
        Query {
            kid: kid.map(Wanted::of),
            alg: Some(alg.map_or(Wanted::Never, Wanted::of)),
            key_ops: Some(key_ops),
            ..Query::default()
        }
    }
}

/// What a store query reads of a key.
pub trait StoreKey {
    fn kid(&self) -> Option<&str>;
    fn thumbprint(&self) -> Option<&str>;
    fn x5t(&self) -> Option<&str>;
    fn x5t_s256(&self) -> Option<&str>;
    fn kty(&self) -> Option<&str>;
    fn crv(&self) -> Option<&str>;
    fn declared_alg(&self) -> Option<&str>;
    fn key_use(&self) -> Option<&str>;
    fn key_ops(&self) -> Option<&[String]>;
    /// Whether `key.algorithms()` has `alg`.
    fn allows(&self, alg: &str) -> bool;
}

impl StoreKey for Key {
    fn kid(&self) -> Option<&str> {
        Some(Key::kid(self))
    }

    fn thumbprint(&self) -> Option<&str> {
        Some(Key::thumbprint(self))
    }

    fn x5t(&self) -> Option<&str> {
        self.params().x5t.as_deref()
    }

    fn x5t_s256(&self) -> Option<&str> {
        self.params().x5t_s256.as_deref()
    }

    fn kty(&self) -> Option<&str> {
        Some(self.material().kty())
    }

    fn crv(&self) -> Option<&str> {
        Key::crv(self)
    }

    fn declared_alg(&self) -> Option<&str> {
        self.params().alg.as_deref()
    }

    fn key_use(&self) -> Option<&str> {
        self.params().key_use.as_deref()
    }

    fn key_ops(&self) -> Option<&[String]> {
        self.params().key_ops.as_deref()
    }

    fn allows(&self, alg: &str) -> bool {
        Key::allows(self, alg)
    }
}

/// The places in `keys` of those matching `query`, best first: keys that
/// declare the asked-for `alg`, `use` or `key_ops` rank above keys that
/// merely allow them; a stable sort keeps the store's order among equals,
/// as jose's does.
pub fn select<K, T>(keys: &[K], query: &Query<'_>) -> Vec<usize>
where
    K: std::ops::Deref<Target = T>,
    T: StoreKey + ?Sized,
{
    let mut found: Vec<usize> = (0..keys.len())
        .filter(|i| matches(&*keys[*i], query))
        .collect();
    found.sort_by_key(|i| std::cmp::Reverse(score(&*keys[*i], query)));
    found
}

fn matches<K: StoreKey + ?Sized>(key: &K, q: &Query<'_>) -> bool {
    let same = |wanted: Option<Wanted<'_>>, property: Option<&str>| {
        wanted.is_none_or(|w| w.equals(property))
    };
    if !same(q.kid, key.kid())
        || !same(q.thumbprint, key.thumbprint())
        || !same(q.x5t, key.x5t())
        || !same(q.x5t_s256, key.x5t_s256())
        || !same(q.kty, key.kty())
        || !same(q.crv, key.crv())
    {
        return false;
    }
    if let Some(alg) = q.alg {
        if !matches!(alg, Wanted::Is(alg) if key.allows(alg)) {
            return false;
        }
    }
    // a key without a `use` allows any
    if let (Some(wanted), Some(_)) = (q.key_use, key.key_use()) {
        if !wanted.equals(key.key_use()) {
            return false;
        }
    }
    if let Some(ops) = q.key_ops {
        let allowed = |op: &str| match (key.key_ops(), key.key_use()) {
            (Some(key_ops), _) => key_ops.iter().any(|k| k == op),
            (None, Some(key_use)) => {
                crate::jwa::registry::Operation::parse(op).is_ok_and(|o| o.key_use() == key_use)
            }
            (None, None) => true,
        };
        if !ops.iter().all(|op| allowed(op)) {
            return false;
        }
    }
    true
}

fn score<K: StoreKey + ?Sized>(key: &K, q: &Query<'_>) -> u8 {
    u8::from(q.alg.is_some_and(Wanted::truthy) && key.declared_alg().is_some())
        + u8::from(q.key_use.is_some_and(Wanted::truthy) && key.key_use().is_some())
        + u8::from(q.key_ops.is_some() && key.key_ops().is_some())
}

/// The curve name a key's material has, for a store query.
pub fn material_crv(material: &Material) -> Option<&'static str> {
    match material {
        Material::Ec { curve, .. } => Some(curve.name()),
        Material::Okp { curve, .. } => Some(curve.name()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::jwk::material::Material;
    use serde_json::json;

    fn key(params: serde_json::Value) -> Arc<Key> {
        let m = Material::Oct {
            k: vec![7; 32].into(),
        };
        Arc::new(Key::new(m, params.as_object().unwrap(), false).unwrap())
    }

    fn enc_key() -> Arc<Key> {
        key(json!({"kid": "e", "use": "enc"}))
    }

    #[test]
    fn filters_by_kid_alg_and_ops_and_ranks_declared_first() {
        let loose = key(json!({"kid": "a"}));
        let declared = key(json!({"kid": "a", "alg": "HS256"}));
        let enc = key(json!({"kid": "a", "use": "enc"}));
        let other = key(json!({"kid": "b"}));
        let store = vec![loose.clone(), declared.clone(), enc, other];
        let query = Query {
            kid: Some(Wanted::Is("a")),
            alg: Some(Wanted::Is("HS256")),
            key_ops: Some(&["verify"]),
            ..Default::default()
        };
        assert_eq!(select(&store, &query), [1, 0]);
        let none = Query {
            kid: Some(Wanted::Never),
            ..Default::default()
        };
        assert!(select(&store, &none).is_empty());
        // a `use` excludes keys of the other use, not keys without one,
        // and ranks keys that declare one first
        let sig = Query {
            key_use: Some(Wanted::Is("sig")),
            ..Default::default()
        };
        let with_use = key(json!({"kid": "c", "use": "sig"}));
        let store = vec![loose.clone(), enc_key(), with_use.clone()];
        assert_eq!(select(&store, &sig), [2, 0]);
        let kty = Query {
            kty: Some(Wanted::Is("oct")),
            crv: Some(Wanted::Is("P-256")),
            ..Default::default()
        };
        assert!(select(&store, &kty).is_empty());
    }
}
