//! `JWK.CustomKey`'s description: the parameters a subclass passes to
//! `super()` checked into a key type, an object type and its JWK
//! parameters, and which operations those let it do. The key holds no
//! material; what it can do beyond that is its owner's `algorithms()`.

use serde_json::{Map, Value};

use super::material::KeyType;
use super::params::KeyParams;
use crate::error::{Error, Result};
use crate::jwa::jwe_algs::KeyAlg;
use crate::jwa::registry::{Operation, Restrictions};
use crate::jwa::signing::SignatureAlgorithm;

/// What the subclass passed, each member as the caller found it: its text
/// when of the type wanted, `Value::Bool(false)` for any other value, and
/// `None` when absent (the form [`KeyParams::common`] reads).
#[derive(Debug, Default)]
pub struct Described {
    pub alg: Option<Value>,
    pub key_use: Option<Value>,
    pub kid: Option<Value>,
    pub key_ops: Option<Value>,
    pub kty: Option<Value>,
    /// `String(kty)`, for the message naming a `kty` that contradicts `alg`.
    pub kty_text: Option<String>,
    pub key_type: Option<Value>,
    pub length: Option<Value>,
}

/// A checked description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomKeyParams {
    pub params: KeyParams,
    pub kty: &'static str,
    pub key_type: KeyType,
    /// The RSA modulus length in bits, when given.
    pub length: Option<u32>,
}

const KEY_TYPES: [&str; 4] = ["RSA", "EC", "OKP", "oct"];

fn key_type_name(value: Option<&Value>) -> Option<&'static str> {
    let name = value?.as_str()?;
    KEY_TYPES.into_iter().find(|kty| *kty == name)
}

/// The key type an algorithm name implies, from the algorithm tables: an
/// HMAC, RSA, ECDSA or EdDSA signature, or RSA key management.
pub fn implied_key_type(alg: &str) -> Option<&'static str> {
    if let Some(signing) = SignatureAlgorithm::from_name(alg) {
        return signing.kty();
    }
    KeyAlg::from_name(alg)
        .filter(|a| a.unwraps_by_decryption())
        .map(|_| "RSA")
}

/// The description checked, in this order: an `alg` that names a key type
/// (the KMS example this API comes from passes `{ alg: 'EC' }`; no JWA
/// algorithm is called RSA, EC, OKP or oct) is taken as `kty`; the JWK
/// parameters as every key's; `kty`, implied by `alg` when absent; the
/// object type (`secret` exactly for `oct`, else `private` by default or
/// `public`); an RSA modulus length.
pub fn describe(mut d: Described) -> Result<CustomKeyParams> {
    if let Some(named) = key_type_name(d.alg.as_ref()) {
        if d.kty.is_some() && key_type_name(d.kty.as_ref()) != Some(named) {
            let kty = d.kty_text.as_deref().unwrap_or_default();
            return Err(Error::type_error(format!(
                "`alg` names the key type {named}, but `kty` is {kty}"
            )));
        }
        d.kty = Some(Value::from(named));
        d.alg = None;
    }
    let mut members = Map::new();
    for (name, value) in [
        ("alg", d.alg),
        ("use", d.key_use),
        ("kid", d.kid),
        ("key_ops", d.key_ops),
    ] {
        if let Some(value) = value {
            members.insert(name.to_owned(), value);
        }
    }
    let params = KeyParams::common(&members)?;
    let kty = match (&d.kty, &params.alg) {
        (None, Some(alg)) => implied_key_type(alg),
        (kty, _) => key_type_name(kty.as_ref()),
    }
    .ok_or_else(|| {
        Error::type_error("`kty` must be \"RSA\", \"EC\", \"OKP\" or \"oct\" (or implied by `alg`)")
    })?;
    let key_type = match d.key_type.as_ref().map(Value::as_str) {
        None if kty == "oct" => Some(KeyType::Secret),
        None => Some(KeyType::Private),
        Some(Some("secret")) if kty == "oct" => Some(KeyType::Secret),
        Some(Some("private")) if kty != "oct" => Some(KeyType::Private),
        Some(Some("public")) if kty != "oct" => Some(KeyType::Public),
        Some(_) => None,
    }
    .ok_or_else(|| {
        Error::type_error(
            "`keyType` must be \"secret\" for an \"oct\" key, else \"private\" or \"public\"",
        )
    })?;
    let length = match d.length {
        None => None,
        Some(value) => Some(
            value
                .as_f64()
                .filter(|bits| kty == "RSA" && *bits >= 512.0 && *bits <= 2f64.powi(53) - 1.0)
                .filter(|bits| bits.fract() == 0.0 && bits % 8.0 == 0.0)
                .and_then(|bits| u32::try_from(bits as u64).ok())
                .ok_or_else(|| {
                    Error::type_error(
                        "`length` must be an RSA key's modulus length in bits (a multiple of 8, at least 512)",
                    )
                })?,
        ),
    };
    Ok(CustomKeyParams {
        params,
        kty,
        key_type,
        length,
    })
}

/// The operations a key with these parameters and this object type may do
/// at all (`key_ops`, `use`, and a public key neither signs nor decrypts):
/// `op` alone, or every operation in the order a custom key's lists are
/// joined in.
pub fn operations(
    restrictions: Restrictions<'_>,
    key_type: KeyType,
    op: Option<Operation>,
) -> Vec<Operation> {
    const ORDER: [Operation; 7] = [
        Operation::Sign,
        Operation::Verify,
        Operation::Encrypt,
        Operation::Decrypt,
        Operation::WrapKey,
        Operation::UnwrapKey,
        Operation::DeriveKey,
    ];
    let asked = match op {
        Some(op) => vec![op],
        None => ORDER.to_vec(),
    };
    asked
        .into_iter()
        .filter(|op| restrictions.permit(*op, key_type))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn described(alg: Option<&str>, kty: Option<&str>) -> Described {
        Described {
            alg: alg.map(Value::from),
            kty: kty.map(Value::from),
            kty_text: kty.map(str::to_owned),
            ..Described::default()
        }
    }

    #[test]
    fn algorithm_names_imply_key_types_from_the_tables() {
        for (alg, kty) in [
            ("HS256", Some("oct")),
            ("RS384", Some("RSA")),
            ("PS512", Some("RSA")),
            ("ES256K", Some("EC")),
            ("ES512", Some("EC")),
            ("EdDSA", Some("OKP")),
            ("RSA-OAEP-256", Some("RSA")),
            ("RSA1_5", Some("RSA")),
            ("A128KW", None),
            ("none", None),
            ("HS1", None),
        ] {
            assert_eq!(implied_key_type(alg), kty, "{alg}");
        }
    }

    #[test]
    fn a_description_becomes_a_key_type_object_type_and_parameters() {
        let hmac = describe(described(Some("HS256"), None)).unwrap();
        assert_eq!((hmac.kty, hmac.key_type), ("oct", KeyType::Secret));
        assert_eq!(hmac.params.alg.as_deref(), Some("HS256"));
        // `alg` naming a key type is the key type
        let ec = describe(described(Some("EC"), None)).unwrap();
        assert_eq!(
            (ec.kty, ec.key_type, ec.params.alg),
            ("EC", KeyType::Private, None)
        );
        let err = describe(described(Some("EC"), Some("RSA"))).unwrap_err();
        assert_eq!(err.message, "`alg` names the key type EC, but `kty` is RSA");
        assert!(describe(described(None, None)).is_err());
        assert!(describe(described(Some("A128KW"), None)).is_err());
        let public_oct = Described {
            key_type: Some(json!("public")),
            ..described(Some("HS256"), None)
        };
        assert!(describe(public_oct).is_err());
        for (length, ok) in [
            (json!(2048), true),
            (json!(2047), false),
            (json!(256), false),
            (json!(false), false),
        ] {
            let rsa = Described {
                length: Some(length),
                ..described(Some("RS256"), None)
            };
            assert_eq!(describe(rsa).is_ok(), ok);
        }
    }

    #[test]
    fn operations_follow_key_ops_use_and_the_object_type() {
        let ops = vec!["verify".to_owned()];
        let only_verify = Restrictions {
            key_ops: Some(&ops),
            ..Restrictions::default()
        };
        assert_eq!(
            operations(only_verify, KeyType::Private, None),
            [Operation::Verify]
        );
        let enc = Restrictions {
            key_use: Some("enc"),
            ..Restrictions::default()
        };
        assert!(operations(enc, KeyType::Private, Some(Operation::Sign)).is_empty());
        assert_eq!(
            operations(Restrictions::default(), KeyType::Public, None),
            [
                Operation::Verify,
                Operation::Encrypt,
                Operation::WrapKey,
                Operation::DeriveKey
            ]
        );
    }
}
