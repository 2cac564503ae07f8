//! The JWK parameters beside the key material (`alg use kid key_ops x5c x5t
//! x5t#S256`), checked as jose 1.x's key constructor checks them.

use serde_json::{Map, Value};

use crate::b64;
use crate::error::{Error, Result};
use crate::jwk::material::Material;
use crate::jwk::{thumbprint, x509};

const OPS: [&str; 7] = [
    "sign",
    "verify",
    "encrypt",
    "decrypt",
    "wrapKey",
    "unwrapKey",
    "deriveKey",
];

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyParams {
    pub alg: Option<String>,
    pub key_use: Option<String>,
    pub kid: Option<String>,
    pub key_ops: Option<Vec<String>>,
    pub x5c: Option<Vec<String>>,
    pub x5t: Option<String>,
    pub x5t_s256: Option<String>,
}

impl KeyParams {
    /// Reads and checks the parameters for a key with material `m`, in
    /// jose's order so the first problem reported is the same one.
    pub fn from_json(params: &Map<String, Value>, m: &Material) -> Result<KeyParams> {
        let common = KeyParams::common(params)?;
        let x5c = x5c(params, m)?;
        let (x5t, x5t_s256) = match &x5c {
            Some(chain) => certificate_thumbprints(params, chain),
            None => (None, None),
        };
        Ok(KeyParams {
            x5c,
            x5t,
            x5t_s256,
            ..common
        })
    }

    /// The parameters every key has, material or not (`alg`, `use`, `kid`,
    /// `key_ops`), checked in jose's order; `JWK.CustomKey` takes its
    /// parameters through here too.
    pub fn common(params: &Map<String, Value>) -> Result<KeyParams> {
        let key_use = optional(params, "use", |v| match v {
            Value::String(s) if s == "sig" || s == "enc" => Some(s.clone()),
            _ => None,
        })
        .map_err(|_| {
            Error::type_error("`use` must be either \"sig\" or \"enc\" string when provided")
        })?;
        let alg = non_empty_string(params, "alg")?;
        let kid = non_empty_string(params, "kid")?;
        let key_ops = key_ops(params)?;
        if let (Some(ops), Some(u)) = (&key_ops, &key_use) {
            let foreign = |op: &String| {
                crate::jwa::registry::Operation::parse(op)
                    .map(|o| o.key_use() != u)
                    .unwrap_or(false)
            };
            if ops.iter().any(foreign) {
                return Err(Error::jwk_invalid(
                    "inconsistent JWK \"use\" and \"key_ops\"",
                ));
            }
        }
        Ok(KeyParams {
            alg,
            key_use,
            kid,
            key_ops,
            ..KeyParams::default()
        })
    }
}

/// A member that is absent/undefined, or passes `accept`.
fn optional<T>(
    params: &Map<String, Value>,
    name: &str,
    accept: impl Fn(&Value) -> Option<T>,
) -> std::result::Result<Option<T>, ()> {
    match params.get(name) {
        None => Ok(None),
        Some(v) => accept(v).map(Some).ok_or(()),
    }
}

fn non_empty_string(params: &Map<String, Value>, name: &str) -> Result<Option<String>> {
    optional(params, name, |v| match v {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        _ => None,
    })
    .map_err(|_| Error::type_error(format!("`{name}` must be a non-empty string when provided")))
}

/// A member that must be a non-empty array of strings when present, else
/// the TypeError `message`.
fn strings(params: &Map<String, Value>, name: &str, message: &str) -> Result<Option<Vec<String>>> {
    optional(params, name, |v| match v {
        Value::Array(items) if !items.is_empty() => items
            .iter()
            .map(|i| i.as_str().map(str::to_string))
            .collect::<Option<Vec<_>>>(),
        _ => None,
    })
    .map_err(|_| Error::type_error(message))
}

/// `key_ops`: de-duplicated, unknown operations dropped (as jose does).
fn key_ops(params: &Map<String, Value>) -> Result<Option<Vec<String>>> {
    let strings = strings(
        params,
        "key_ops",
        "`key_ops` must be a non-empty array of strings when provided",
    )?;
    Ok(strings.map(|ops| {
        let mut unique: Vec<String> = Vec::new();
        for op in ops {
            if OPS.contains(&op.as_str()) && !unique.contains(&op) {
                unique.push(op);
            }
        }
        unique
    }))
}

/// `x5c`: every member a base64 DER certificate, the first one holding this
/// key's public key.
fn x5c(params: &Map<String, Value>, m: &Material) -> Result<Option<Vec<String>>> {
    let chain = strings(
        params,
        "x5c",
        "`x5c` must be an array of one or more PKIX certificates when provided",
    )?;
    let Some(chain) = chain else {
        return Ok(None);
    };
    for (i, cert) in chain.iter().enumerate() {
        let invalid = || {
            Error::jwk_invalid(format!(
                "`x5c` member at index {i} is not a valid base64-encoded DER PKIX certificate"
            ))
        };
        let der_cert = b64::decode_std_lenient(cert).ok_or_else(invalid)?;
        let certified = x509::certificate_public_key(&der_cert).map_err(|_| invalid())?;
        if i == 0 {
            // Compare the keys, not their encodings: a certificate may spell
            // the same key's algorithm identifier differently.
            if m.to_public().ok().as_ref() != Some(&certified) {
                return Err(Error::jwk_invalid(
                    "The key in the first `x5c` certificate MUST match the public key represented by the JWK",
                ));
            }
        }
    }
    Ok(Some(chain))
}

/// `x5t` / `x5t#S256` as given when truthy, else computed from `x5c[0]`.
fn certificate_thumbprints(
    params: &Map<String, Value>,
    chain: &[String],
) -> (Option<String>, Option<String>) {
    let first = chain.first().and_then(|c| b64::decode_std_lenient(c));
    let given = |name: &str| match params.get(name) {
        Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
        _ => None,
    };
    let x5t = given("x5t").or_else(|| first.as_deref().map(thumbprint::x5t));
    let x5t_s256 = given("x5t#S256").or_else(|| first.as_deref().map(thumbprint::x5t_s256));
    (x5t, x5t_s256)
}
