//! JWK JSON (RFC 7517/7518/8037) to and from `Material`.
//!
//! Import follows jose 1.x's outcomes: an unknown `kty` or curve is
//! `JOSENotSupported`, half-present RSA private parameters are `JWKInvalid`,
//! and any member that is missing, of the wrong type or not base64url ends in
//! `JWKImportFailed`.

use serde_json::{Map, Value};
use zeroize::Zeroizing;

use crate::b64;
use crate::error::{Error, Result};
use crate::jwk::material::{EcCurve, Material, OkpCurve, RsaPrivate, SecretBytes};
use crate::jwk::rsa_primes;

#[derive(Debug, Clone, Copy, Default)]
pub struct JwkImportOptions {
    /// jose's `calculateMissingRSAPrimes`: recover p, q, dp, dq, qi from d.
    pub calculate_missing_rsa_primes: bool,
    /// The `jose-native/P-256K` entry point names secp256k1 `P-256K`.
    pub legacy_p256k: bool,
}

/// The asymmetric JWK members as the `Material` they describe. `oct` keys
/// go through `oct_secret` because jose lets them lack `k`.
pub fn material_from_jwk(jwk: &Map<String, Value>, opts: JwkImportOptions) -> Result<Material> {
    let kty = jwk.get("kty").and_then(Value::as_str).unwrap_or_default();
    match kty {
        "RSA" => rsa_from_jwk(jwk, opts),
        "EC" => ec_from_jwk(jwk, opts),
        "OKP" => okp_from_jwk(jwk),
        "oct" => oct_secret(jwk)?.ok_or_else(Error::import_failed),
        _ => Err(Error::not_supported(format!(
            "unsupported key type: {}",
            js_string(jwk.get("kty"))
        ))),
    }
}

/// The secret of an `oct` JWK: `Ok(None)` when `k` is absent (jose keeps
/// such keys as references that can do nothing), an error when it is not a
/// base64url string.
pub fn oct_secret(jwk: &Map<String, Value>) -> Result<Option<Material>> {
    match jwk.get("k") {
        None => Ok(None),
        Some(_) => Ok(Some(Material::Oct {
            k: secret_member(jwk, "k")?,
        })),
    }
}

fn rsa_from_jwk(jwk: &Map<String, Value>, opts: JwkImportOptions) -> Result<Material> {
    if !is_truthy(jwk.get("d")) {
        return Ok(Material::Rsa {
            n: integer(jwk, "n")?,
            e: integer(jwk, "e")?,
            private: None,
        });
    }
    if jwk.contains_key("oth") {
        return Err(Error::not_supported(
            "Private RSA keys with more than two primes are not supported",
        ));
    }
    let crt = ["p", "q", "dp", "dq", "qi"];
    let present = crt.iter().filter(|m| is_truthy(jwk.get(**m))).count();
    let private = if present == crt.len() {
        RsaPrivate {
            d: secret_integer(jwk, "d")?,
            p: secret_integer(jwk, "p")?,
            q: secret_integer(jwk, "q")?,
            dp: secret_integer(jwk, "dp")?,
            dq: secret_integer(jwk, "dq")?,
            qi: secret_integer(jwk, "qi")?,
        }
    } else if present > 0 {
        return Err(Error::jwk_invalid(
            "all other private key parameters must be present when any one of them is present",
        ));
    } else if opts.calculate_missing_rsa_primes {
        rsa_primes::recover(
            &integer(jwk, "n")?,
            &integer(jwk, "e")?,
            &secret_integer(jwk, "d")?,
        )?
    } else {
        return Err(Error::not_supported(
            "importing private RSA keys without all other private key parameters is not enabled, see documentation and its advisory on how and when its ok to enable it",
        ));
    };
    Ok(Material::Rsa {
        n: integer(jwk, "n")?,
        e: integer(jwk, "e")?,
        private: Some(Box::new(private)),
    })
}

fn ec_from_jwk(jwk: &Map<String, Value>, opts: JwkImportOptions) -> Result<Material> {
    let crv = jwk.get("crv").and_then(Value::as_str).unwrap_or_default();
    let curve = EcCurve::from_name(crv, opts.legacy_p256k).ok_or_else(|| {
        Error::not_supported(format!(
            "unsupported EC key curve: {}",
            js_string(jwk.get("crv"))
        ))
    })?;
    // JWK coordinates are fixed-length (RFC 7518 6.2.1.2); Node, and so
    // jose, refuses shorter ones, where DER imports may pad.
    let fits = |bytes: &[u8]| bytes.len() == curve.coordinate_len();
    let d = if is_truthy(jwk.get("d")) {
        let d = secret_member(jwk, "d")?;
        if !fits(&d) {
            return Err(Error::import_failed());
        }
        Some(d)
    } else {
        None
    };
    let fixed = |name: &str| {
        let bytes = member(jwk, name)?;
        if fits(&bytes) {
            Ok(bytes)
        } else {
            Err(Error::import_failed())
        }
    };
    Ok(Material::Ec {
        curve,
        x: fixed("x")?,
        y: fixed("y")?,
        d,
    })
}

fn okp_from_jwk(jwk: &Map<String, Value>) -> Result<Material> {
    let crv = jwk.get("crv").and_then(Value::as_str).unwrap_or_default();
    let curve = OkpCurve::from_name(crv).ok_or_else(|| {
        Error::not_supported(format!(
            "unsupported OKP key curve: {}",
            js_string(jwk.get("crv"))
        ))
    })?;
    if is_truthy(jwk.get("d")) {
        // A private OKP key is defined by d alone; x is derived and checked
        // against any x given when the material is finished.
        let x = match jwk.get("x") {
            Some(Value::String(_)) => member(jwk, "x")?,
            _ => Vec::new(),
        };
        return Ok(Material::Okp {
            curve,
            x,
            d: Some(secret_member(jwk, "d")?),
        });
    }
    Ok(Material::Okp {
        curve,
        x: member(jwk, "x")?,
        d: None,
    })
}

/// A base64url member, read as jose 1.x reads it: with Node's decoder (both
/// alphabets, padding, anything else skipped).
fn member(jwk: &Map<String, Value>, name: &str) -> Result<Vec<u8>> {
    let text = jwk
        .get(name)
        .and_then(Value::as_str)
        .ok_or_else(Error::import_failed)?;
    Ok(b64::decode(text))
}

/// [`member`] of a private or secret value, wiped when dropped.
fn secret_member(jwk: &Map<String, Value>, name: &str) -> Result<SecretBytes> {
    member(jwk, name).map(Zeroizing::new)
}

/// An RSA integer member, normalised to no leading zero bytes.
fn integer(jwk: &Map<String, Value>, name: &str) -> Result<Vec<u8>> {
    let bytes = member(jwk, name)?;
    if bytes.is_empty() {
        return Err(Error::import_failed());
    }
    Ok(crate::jwk::material::trim_integer(&bytes))
}

/// [`integer`] of a private component: the decoded member and the trimmed
/// value are both wiped when dropped.
fn secret_integer(jwk: &Map<String, Value>, name: &str) -> Result<SecretBytes> {
    let bytes = secret_member(jwk, name)?;
    if bytes.is_empty() {
        return Err(Error::import_failed());
    }
    Ok(crate::jwk::material::trim_secret(&bytes))
}

/// JavaScript truthiness of a JSON value (jose tests `if (jwk.d)`).
fn is_truthy(value: Option<&Value>) -> bool {
    match value {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64().is_some_and(|f| f != 0.0),
        Some(Value::String(s)) => !s.is_empty(),
        Some(_) => true,
    }
}

/// How JavaScript interpolates a value into a template string, for messages.
fn js_string(value: Option<&Value>) -> String {
    match value {
        None => "undefined".into(),
        Some(Value::Null) => "null".into(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| match v {
                Value::Null => String::new(),
                other => js_string(Some(other)),
            })
            .collect::<Vec<_>>()
            .join(","),
        Some(Value::Object(_)) => "[object Object]".into(),
        Some(other) => other.to_string(),
    }
}

/// The public JWK members of a key, in jose's order, base64url-encoded.
pub fn public_members(m: &Material) -> Vec<(&'static str, String)> {
    match m {
        Material::Rsa { n, e, .. } => vec![("e", b64::encode(e)), ("n", b64::encode(n))],
        Material::Ec { curve, x, y, .. } => vec![
            ("crv", curve.name().to_string()),
            ("x", b64::encode(x)),
            ("y", b64::encode(y)),
        ],
        Material::Okp { curve, x, .. } => {
            vec![("crv", curve.name().to_string()), ("x", b64::encode(x))]
        }
        Material::Oct { .. } => Vec::new(),
    }
}

/// The private JWK members (only those, no public ones), in jose's order.
pub fn private_members(m: &Material) -> Vec<(&'static str, String)> {
    match m {
        Material::Rsa {
            private: Some(p), ..
        } => vec![
            ("d", b64::encode(&p.d)),
            ("p", b64::encode(&p.p)),
            ("q", b64::encode(&p.q)),
            ("dp", b64::encode(&p.dp)),
            ("dq", b64::encode(&p.dq)),
            ("qi", b64::encode(&p.qi)),
        ],
        Material::Ec { d: Some(d), .. } | Material::Okp { d: Some(d), .. } => {
            vec![("d", b64::encode(d))]
        }
        Material::Oct { k } => vec![("k", b64::encode(k))],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Kind;
    use crate::jwa::signing::tests::obj;
    use serde_json::json;

    #[test]
    fn unknown_kty_and_curves_are_not_supported() {
        let err = material_from_jwk(&obj(json!({"kty": "foo"})), Default::default()).unwrap_err();
        assert_eq!(
            (err.kind, err.message.as_str()),
            (Kind::NotSupported, "unsupported key type: foo")
        );
        let err = material_from_jwk(
            &obj(json!({"kty": "EC", "crv": "P-192"})),
            Default::default(),
        )
        .unwrap_err();
        assert_eq!(err.message, "unsupported EC key curve: P-192");
        let err = material_from_jwk(&obj(json!({"kty": "OKP"})), Default::default()).unwrap_err();
        assert_eq!(err.message, "unsupported OKP key curve: undefined");
    }

    #[test]
    fn p256k_needs_the_legacy_entry() {
        let zero = "A".repeat(43); // 32 zero bytes
        let jwk = obj(json!({"kty": "EC", "crv": "P-256K", "x": zero, "y": zero}));
        assert_eq!(
            material_from_jwk(&jwk, Default::default())
                .unwrap_err()
                .kind,
            Kind::NotSupported
        );
        let legacy = JwkImportOptions {
            legacy_p256k: true,
            ..Default::default()
        };
        assert!(matches!(
            material_from_jwk(&jwk, legacy).unwrap(),
            Material::Ec {
                curve: EcCurve::Secp256k1,
                ..
            }
        ));
    }

    #[test]
    fn rsa_private_parameter_rules() {
        let partial =
            obj(json!({"kty": "RSA", "n": "AQAB", "e": "AQAB", "d": "AQAB", "p": "AQAB"}));
        assert_eq!(
            material_from_jwk(&partial, Default::default())
                .unwrap_err()
                .kind,
            Kind::JwkInvalid
        );
        let bare = obj(json!({"kty": "RSA", "n": "AQAB", "e": "AQAB", "d": "AQAB"}));
        assert_eq!(
            material_from_jwk(&bare, Default::default())
                .unwrap_err()
                .kind,
            Kind::NotSupported
        );
        let oth = obj(json!({"kty": "RSA", "n": "AQAB", "e": "AQAB", "d": "AQAB", "oth": []}));
        assert_eq!(
            material_from_jwk(&oth, Default::default())
                .unwrap_err()
                .kind,
            Kind::NotSupported
        );
    }

    #[test]
    fn malformed_members_fail_import() {
        for jwk in [
            json!({"kty": "RSA", "e": "AQAB"}),
            json!({"kty": "RSA", "n": 1, "e": "AQAB"}),
            json!({"kty": "EC", "crv": "P-256", "x": "A!", "y": "AA"}),
            json!({"kty": "OKP", "crv": "Ed25519"}),
            json!({"kty": "oct", "k": 12}),
        ] {
            let err = material_from_jwk(&obj(jwk), Default::default()).unwrap_err();
            assert_eq!(err.kind, Kind::JwkImportFailed);
        }
    }

    #[test]
    fn members_round_trip_in_jose_order() {
        let m = material_from_jwk(
            &obj(json!({"kty": "RSA", "n": "AMAB", "e": "AQAB"})),
            Default::default(),
        )
        .unwrap();
        // the leading zero byte of n is dropped, as jose re-exports it
        assert_eq!(
            public_members(&m),
            vec![("e", "AQAB".to_string()), ("n", "wAE".to_string())]
        );
    }
}
