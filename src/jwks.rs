//! KeyStore queries the Rust side answers: which keys of a store to try for
//! one operation, with jose 1.x's `keystore.all()` rules and ranking.

use std::sync::Arc;

use crate::jwk::key::Key;

/// The members of jose's `keystore.all(parameters)` an operation uses.
#[derive(Debug, Clone, Copy, Default)]
pub struct Query<'a> {
    pub kid: Option<&'a str>,
    /// When the header's `kid` is present but not a string, nothing matches
    /// (jose compares with `!==`).
    pub kid_mismatch: bool,
    pub alg: Option<&'a str>,
    pub key_ops: Option<&'a [&'a str]>,
}

/// The keys matching `query` with their places in `keys` (so a caller can
/// hand back its own key object), best first: keys that declare the
/// asked-for `alg` or `key_ops` rank above keys that merely allow them.
pub fn select(keys: &[Arc<Key>], query: Query<'_>) -> Vec<(usize, Arc<Key>)> {
    if query.kid_mismatch {
        return Vec::new();
    }
    let mut found: Vec<(usize, Arc<Key>)> = keys
        .iter()
        .enumerate()
        .filter(|(_, key)| matches(key, &query))
        .map(|(i, key)| (i, Arc::clone(key)))
        .collect();
    // a stable sort keeps insertion order among equals, as jose's does
    found.sort_by_key(|(_, key)| std::cmp::Reverse(score(key, &query)));
    found
}

fn matches(key: &Key, query: &Query<'_>) -> bool {
    if query.kid.is_some_and(|kid| key.kid() != kid) {
        return false;
    }
    if let Some(alg) = query.alg {
        if !key.algorithms(None).is_ok_and(|algs| algs.contains(&alg)) {
            return false;
        }
    }
    if let Some(ops) = query.key_ops {
        let params = key.params();
        let allowed = |op: &str| match (&params.key_ops, params.key_use.as_deref()) {
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

fn score(key: &Key, query: &Query<'_>) -> u8 {
    let params = key.params();
    u8::from(query.alg.is_some() && params.alg.is_some())
        + u8::from(query.key_ops.is_some() && params.key_ops.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwk::material::Material;
    use serde_json::json;

    fn key(params: serde_json::Value) -> Arc<Key> {
        let m = Material::Oct {
            k: vec![7; 32].into(),
        };
        Arc::new(Key::new(m, params.as_object().unwrap(), false).unwrap())
    }

    #[test]
    fn filters_by_kid_alg_and_ops_and_ranks_declared_first() {
        let loose = key(json!({"kid": "a"}));
        let declared = key(json!({"kid": "a", "alg": "HS256"}));
        let enc = key(json!({"kid": "a", "use": "enc"}));
        let other = key(json!({"kid": "b"}));
        let store = vec![loose.clone(), declared.clone(), enc, other];
        let query = Query {
            kid: Some("a"),
            alg: Some("HS256"),
            key_ops: Some(&["verify"]),
            ..Default::default()
        };
        let picked = select(&store, query);
        assert_eq!(picked.len(), 2);
        assert!(Arc::ptr_eq(&picked[0].1, &declared));
        assert_eq!(picked[0].0, 1);
        assert!(Arc::ptr_eq(&picked[1].1, &loose));
        assert_eq!(picked[1].0, 0);
        let none = Query {
            kid_mismatch: true,
            ..Default::default()
        };
        assert!(select(&store, none).is_empty());
    }
}
