use std::sync::Arc;

use serde_json::{json, Map, Value};

use super::*;
use crate::b64;
use crate::error::{Error, Kind, Result};
use crate::jwa::jwe_algs::{ENC_ALGS, KEY_ALGS};
use crate::jwa::signing::tests::{case, obj};
use crate::jwk::generate::{generate, GenerateSpec};
use crate::jwk::import;
use crate::jwk::json::JwkImportOptions;
use crate::jwk::key::Key;
use crate::jwk::material::{assert_wiped, EcCurve, Material, OkpCurve};
use crate::jws::header::Header;

/// A JWK through the real importer, its parameters taken from itself.
fn jwk(v: &Value) -> Arc<Key> {
    let o = v.as_object().unwrap();
    Arc::new(import::from_jwk(o, o, JwkImportOptions::default()).unwrap())
}

fn with_params(m: Material, params: Value) -> Arc<Key> {
    Arc::new(Key::new(m, &obj(params), false).unwrap())
}

fn generated(spec: GenerateSpec) -> Arc<Key> {
    with_params(generate(spec).unwrap(), json!({}))
}

/// A fresh random secret of `len` bytes.
fn secret(len: usize) -> Arc<Key> {
    let k = crate::jwa::cek::random_bytes(len).unwrap();
    with_params(Material::Oct { k: k.into() }, json!({}))
}

fn public_of(key: &Key) -> Arc<Key> {
    with_params(key.material().to_public().unwrap(), json!({}))
}

/// Decrypts with exactly one candidate key, as `JWE.decrypt(jwe, key)`.
fn decrypt_with(input: JweInput<'_>, key: &Arc<Key>) -> Result<Decrypted<Arc<Key>>> {
    decrypt_opts(input, key, &DecryptOptions::default())
}

fn decrypt_opts(
    input: JweInput<'_>,
    key: &Arc<Key>,
    options: &DecryptOptions<'_>,
) -> Result<Decrypted<Arc<Key>>> {
    decrypt(input, options, |_| Ok(vec![key.clone()]))
}

/// jose's KeyStore selection in miniature: `kid` and the algorithm.
fn store_lookup<'a>(
    store: &'a [Arc<Key>],
) -> impl FnMut(&KeyQuery<'_>) -> Result<Vec<Arc<Key>>> + 'a {
    move |q| {
        Ok(store
            .iter()
            .filter(|k| q.kid.is_none_or(|kid| kid == k.kid()))
            .filter(|k| {
                q.alg
                    .as_str()
                    .is_some_and(|a| k.algorithms(None).unwrap().contains(&a))
            })
            .cloned()
            .collect())
    }
}

fn encrypt_one(
    key: &Arc<Key>,
    protected: Value,
    serialization: Serialization,
    cleartext: &[u8],
) -> Result<Encrypted> {
    let plaintext = Plaintext {
        cleartext,
        protected: protected.as_object().cloned(),
        ..Default::default()
    };
    let recipients = [Recipient {
        key: key.clone(),
        header: None,
    }];
    encrypt(&plaintext, &recipients, serialization)
}

fn compact_of(e: Encrypted) -> String {
    match e {
        Encrypted::Compact(s) => s,
        other => panic!("not compact: {other:?}"),
    }
}

fn json_of(e: Encrypted) -> Value {
    match e {
        Encrypted::Json(v) => v,
        other => panic!("not JSON: {other:?}"),
    }
}

fn kind<T: std::fmt::Debug>(r: Result<T>) -> Kind {
    r.unwrap_err().kind
}

fn err<T: std::fmt::Debug>(r: Result<T>) -> Error {
    r.unwrap_err()
}

// ---------------------------------------------------------------- vectors

/// The key(s) a cookbook case decrypts with: a JWK, or a PBES2 password.
fn cookbook_keys(c: &Value) -> Vec<Arc<Key>> {
    let input = &c["input"];
    if let Some(pwd) = input["pwd"].as_str() {
        return vec![with_params(
            Material::Oct {
                k: pwd.as_bytes().to_vec().into(),
            },
            json!({}),
        )];
    }
    match &input["key"] {
        Value::Array(keys) => keys.iter().map(jwk).collect(),
        one => vec![jwk(one)],
    }
}

#[test]
fn rfc7520_section5_decrypts_in_every_serialization() {
    let names = [
        "5.1",
        "5.2",
        "5.3",
        "5.4",
        "5.5",
        "5.6",
        "5.7",
        "5.8",
        "5.9",
        "5.10",
        "5.11",
        "5.12",
        "5.13",
        "ml-oeap-256",
    ];
    for name in names {
        let c = case(name);
        let plaintext = c["input"]["plaintext"].as_str().unwrap().as_bytes();
        let keys = cookbook_keys(&c);
        let out = &c["output"];
        let mut seen = 0;
        for key in &keys {
            if let Some(compact) = out["compact"].as_str() {
                let d = decrypt_with(JweInput::Compact(compact), key).unwrap();
                assert_eq!(d.cleartext, plaintext, "{name} compact");
                seen += 1;
            }
            for form in ["json", "json_flat"] {
                if out[form].is_object() {
                    let d = decrypt_with(JweInput::Json(&out[form]), key)
                        .unwrap_or_else(|e| panic!("{name} {form}: {e}"));
                    assert_eq!(d.cleartext, plaintext, "{name} {form}");
                    seen += 1;
                }
            }
        }
        assert!(seen >= 2, "{name}: {seen} serializations");
    }
}

#[test]
fn rfc7520_5_13_decrypts_from_a_store_and_reports_the_recipient() {
    let c = case("5.13");
    let keys = cookbook_keys(&c);
    assert_eq!(keys.len(), 3);
    let jwe = &c["output"]["json"];
    for (i, key) in keys.iter().enumerate() {
        let d = decrypt(
            JweInput::Json(jwe),
            &DecryptOptions::default(),
            store_lookup(std::slice::from_ref(key)),
        )
        .unwrap();
        assert!(Arc::ptr_eq(&d.key, key), "key {i}");
        assert_eq!(d.unprotected.unwrap()["cty"], "text/plain");
        assert_eq!(d.protected.unwrap()["enc"], "A128CBC-HS256");
        assert_eq!(d.header.unwrap()["kid"], key.kid());
    }
    // A store holding none of them.
    let stranger = secret(32);
    let e = decrypt(
        JweInput::Json(jwe),
        &DecryptOptions::default(),
        store_lookup(std::slice::from_ref(&stranger)),
    );
    assert_eq!(kind(e), Kind::JwksNoMatchingKey);
}

#[test]
fn rfc7520_5_10_complete_result_carries_aad_and_cek() {
    let c = case("5.10");
    let key = &cookbook_keys(&c)[0];
    let jwe = &c["output"]["json_flat"];
    let d = decrypt_with(JweInput::Json(jwe), key).unwrap();
    assert_eq!(d.aad.as_deref(), jwe["aad"].as_str());
    assert_eq!(d.enc, "A128GCM");
    assert_eq!(d.cek.len(), 16);
    assert_wiped(&d.cek);
    // The AAD is authenticated.
    let mut tampered = jwe.clone();
    tampered["aad"] = "eyJ4IjoxfQ".into();
    assert_eq!(
        kind(decrypt_with(JweInput::Json(&tampered), key)),
        Kind::JweDecryptionFailed
    );
}

// ------------------------------------------------------------- round trips

/// A key that can perform `alg` (for `dir`, one sized for `enc`) and the
/// key to decrypt with.
fn keys_for(alg: &str, enc: &EncAlgRef) -> (Arc<Key>, Arc<Key>) {
    let kalg = crate::jwa::jwe_algs::KeyAlg::from_name(alg).unwrap();
    use crate::jwa::jwe_algs::KeyFamily::*;
    match kalg.family {
        Dir => {
            let k = secret(enc.key_len);
            (k.clone(), k)
        }
        AesKw | AesGcmKw => {
            let k = secret(kalg.key_len);
            (k.clone(), k)
        }
        Pbes2(_) => {
            let k = secret(11);
            (k.clone(), k)
        }
        RsaOaep(_) | Rsa1_5 => {
            let k = rsa_2048();
            (public_of(&k), k)
        }
        EcdhEs | EcdhEsKw => {
            let k = generated(GenerateSpec::Ec(EcCurve::P384));
            (public_of(&k), k)
        }
    }
}

type EncAlgRef = crate::jwa::jwe_algs::EncAlg;

fn rsa_2048() -> Arc<Key> {
    jwk(&case("5.1")["input"]["key"])
}

#[test]
fn every_alg_and_enc_round_trips_in_every_serialization() {
    for kalg in KEY_ALGS {
        for enc in ENC_ALGS {
            let (enc_key, dec_key) = keys_for(kalg.name, enc);
            let protected = json!({ "alg": kalg.name, "enc": enc.name });
            let label = format!("{} {}", kalg.name, enc.name);
            let compact = compact_of(
                encrypt_one(&enc_key, protected.clone(), Serialization::Compact, b"hi").unwrap(),
            );
            assert_eq!(compact.split('.').count(), 5, "{label}");
            let d = decrypt_with(JweInput::Compact(&compact), &dec_key).unwrap();
            assert_eq!(d.cleartext, b"hi", "{label}");
            assert_eq!(d.enc, enc.name);
            for s in [Serialization::Flattened, Serialization::General] {
                let v = json_of(encrypt_one(&enc_key, protected.clone(), s, b"hello").unwrap());
                let d = decrypt_with(JweInput::Json(&v), &dec_key).unwrap();
                assert_eq!(d.cleartext, b"hello", "{label} {s:?}");
            }
        }
    }
}

#[test]
fn every_ecdh_curve_round_trips() {
    let curves = [
        GenerateSpec::Ec(EcCurve::P256),
        GenerateSpec::Ec(EcCurve::P384),
        GenerateSpec::Ec(EcCurve::P521),
        GenerateSpec::Okp(OkpCurve::X25519),
        GenerateSpec::Okp(OkpCurve::X448),
    ];
    for spec in curves {
        let key = generated(spec);
        for alg in [
            "ECDH-ES",
            "ECDH-ES+A128KW",
            "ECDH-ES+A192KW",
            "ECDH-ES+A256KW",
        ] {
            let protected =
                json!({ "alg": alg, "enc": "A256GCM", "apu": "QWxpY2U", "apv": "Qm9i" });
            let jwe = compact_of(
                encrypt_one(&public_of(&key), protected, Serialization::Compact, b"x").unwrap(),
            );
            let d = decrypt_with(JweInput::Compact(&jwe), &key).unwrap();
            assert_eq!(d.cleartext, b"x", "{alg}");
            let epk = &d.protected.unwrap()["epk"];
            assert_eq!(epk["kty"], key.material().kty());
            assert!(epk.get("d").is_none());
        }
    }
}

#[test]
fn defaults_enc_and_alg_from_the_key_into_the_protected_header() {
    let cases = [
        (secret(16), "A128KW"),
        (secret(24), "A192KW"),
        (secret(32), "A256KW"),
        (secret(64), "PBES2-HS256+A128KW"),
        (public_of(&rsa_2048()), "RSA-OAEP"),
        (generated(GenerateSpec::Ec(EcCurve::P256)), "ECDH-ES"),
        (generated(GenerateSpec::Okp(OkpCurve::X25519)), "ECDH-ES"),
    ];
    for (key, alg) in cases {
        let jwe = compact_of(encrypt_one(&key, Value::Null, Serialization::Compact, b"a").unwrap());
        let protected = header::decode_protected(jwe.split('.').next().unwrap()).unwrap();
        let names: Vec<&str> = protected.keys().map(String::as_str).collect();
        assert_eq!(&names[..2], ["enc", "alg"], "{alg}");
        assert_eq!(protected["enc"], "A128CBC-HS256");
        assert_eq!(protected["alg"], alg);
    }
    // A key's own `alg` wins.
    let key = with_params(
        Material::Oct {
            k: vec![1; 16].into(),
        },
        json!({"alg": "A128GCMKW"}),
    );
    let v = json_of(encrypt_one(&key, Value::Null, Serialization::Flattened, b"a").unwrap());
    let p = header::decode_protected(v["protected"].as_str().unwrap()).unwrap();
    assert_eq!(p["alg"], "A128GCMKW");
    assert!(p.contains_key("iv") && p.contains_key("tag"));
}

#[test]
fn general_serialization_with_several_recipients() {
    let rsa = rsa_2048();
    let ec = generated(GenerateSpec::Ec(EcCurve::P256));
    let kw = secret(32);
    let pw = secret(5);
    let plaintext = Plaintext {
        cleartext: b"to many",
        protected: Some(obj(json!({"enc": "A256GCM", "zip": "DEF"}))),
        unprotected: Some(obj(json!({"cty": "text/plain"}))),
        aad: Some(b"extra"),
    };
    let recipients = vec![
        Recipient {
            key: public_of(&rsa),
            header: Some(obj(json!({"kid": "rsa"}))),
        },
        Recipient {
            key: public_of(&ec),
            header: None,
        },
        Recipient {
            key: kw.clone(),
            header: Some(obj(json!({"alg": "A256GCMKW"}))),
        },
        Recipient {
            key: pw.clone(),
            header: Some(obj(json!({"alg": "PBES2-HS384+A192KW"}))),
        },
    ];
    let v = json_of(encrypt(&plaintext, &recipients, Serialization::General).unwrap());
    let names: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "protected",
            "unprotected",
            "recipients",
            "aad",
            "iv",
            "ciphertext",
            "tag"
        ]
    );
    let list = v["recipients"].as_array().unwrap();
    assert_eq!(list.len(), 4);
    assert_eq!(list[0]["header"]["alg"], "RSA-OAEP");
    assert_eq!(list[0]["header"]["kid"], "rsa");
    // Direct ECDH-ES cannot serve several recipients.
    assert_eq!(list[1]["header"]["alg"], "ECDH-ES+A128KW");
    assert!(list[1]["header"]["epk"].is_object());
    assert!(list[2]["header"]["iv"].is_string());
    assert!(list[3]["header"]["p2c"].is_u64());
    for key in [&rsa, &ec, &kw, &pw] {
        let d = decrypt_with(JweInput::Json(&v), key).unwrap();
        assert_eq!(d.cleartext, b"to many");
        assert_eq!(d.aad.as_deref(), Some(b64::encode(b"extra").as_str()));
    }
    // A key for none of them: every recipient fails to decrypt.
    let other = secret(32);
    assert_eq!(
        kind(decrypt_with(JweInput::Json(&v), &other)),
        Kind::JweDecryptionFailed
    );
}

#[test]
fn dir_in_general_serialization_has_no_recipients_member() {
    let key = secret(32);
    let v = json_of(
        encrypt_one(
            &key,
            json!({"alg": "dir", "enc": "A256GCM"}),
            Serialization::General,
            b"d",
        )
        .unwrap(),
    );
    assert!(v.get("recipients").is_none());
    assert_eq!(
        decrypt_with(JweInput::Json(&v), &key).unwrap().cleartext,
        b"d"
    );
}

#[test]
fn flattened_member_order_and_headers() {
    let key = secret(16);
    let plaintext = Plaintext {
        cleartext: b"f",
        protected: Some(obj(json!({"enc": "A128GCM"}))),
        unprotected: Some(obj(json!({"x": 1}))),
        aad: Some(b"a"),
    };
    let recipients = [Recipient {
        key: key.clone(),
        header: Some(obj(json!({"alg": "A128KW"}))),
    }];
    let v = json_of(encrypt(&plaintext, &recipients, Serialization::Flattened).unwrap());
    let names: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "protected",
            "unprotected",
            "header",
            "encrypted_key",
            "aad",
            "iv",
            "ciphertext",
            "tag"
        ]
    );
    let d = decrypt_with(JweInput::Json(&v), &key).unwrap();
    assert_eq!(d.header.unwrap()["alg"], "A128KW");
    assert_eq!(d.unprotected.unwrap()["x"], 1);
}

// ------------------------------------------------------------ header rules

fn encrypt_err(
    protected: Value,
    unprotected: Value,
    header: Value,
    serialization: Serialization,
) -> Error {
    let key = secret(16);
    let plaintext = Plaintext {
        cleartext: b"x",
        protected: protected.as_object().cloned(),
        unprotected: unprotected.as_object().cloned(),
        aad: None,
    };
    let recipients = [Recipient {
        key,
        header: header.as_object().cloned(),
    }];
    encrypt(&plaintext, &recipients, serialization).unwrap_err()
}

#[test]
fn encrypt_refuses_what_jose_refuses() {
    let n = Value::Null;
    let f = Serialization::Flattened;
    let cases = [
        (
            encrypt_err(json!({"alg": "A128KW"}), json!({"alg": "A128KW"}), n.clone(), f),
            Kind::JweInvalid,
            "JWE Shared Protected, JWE Shared Unprotected and JWE Per-Recipient Header Parameter names must be disjoint",
        ),
        (
            encrypt_err(json!({}), json!({"zip": "DEF"}), n.clone(), f),
            Kind::JweInvalid,
            "\"zip\" Header Parameter MUST be integrity protected",
        ),
        (
            encrypt_err(json!({"zip": "GZIP"}), n.clone(), n.clone(), f),
            Kind::NotSupported,
            "only \"DEF\" compression algorithm is supported",
        ),
        (
            encrypt_err(json!({}), json!({"x": 1}), n.clone(), Serialization::Compact),
            Kind::JweInvalid,
            "JWE Compact Serialization doesn't support multiple recipients, JWE unprotected headers or AAD",
        ),
        (
            encrypt_err(json!({"crit": ["alg"]}), n.clone(), n.clone(), f),
            Kind::JweInvalid,
            "The critical list contains a non-extension Header Parameter alg",
        ),
        (
            encrypt_err(json!({"crit": ["ext"]}), n.clone(), n.clone(), f),
            Kind::JweInvalid,
            "critical parameter \"ext\" is missing",
        ),
        (
            encrypt_err(json!({"enc": "A1GCM"}), n.clone(), n.clone(), f),
            Kind::NotSupported,
            "unsupported encrypt alg: A1GCM",
        ),
        (
            encrypt_err(json!({"alg": "A256KW"}), n.clone(), n.clone(), f),
            Kind::JwkKeySupport,
            "the key does not support A256KW key management (encryption) algorithm",
        ),
        (
            encrypt_err(json!({"alg": "RSA-OAEP-1"}), n.clone(), n.clone(), f),
            Kind::NotSupported,
            "unsupported key management (encryption) alg: RSA-OAEP-1",
        ),
        (
            encrypt_err(json!({"alg": "dir", "enc": "A256GCM"}), n.clone(), n.clone(), f),
            Kind::JwkKeySupport,
            "the key does not support A256GCM encrypt algorithm",
        ),
    ];
    for (e, k, message) in cases {
        assert_eq!((e.kind, e.message.as_str()), (k, message));
    }
}

#[test]
fn encrypt_checks_recipients_and_keys() {
    let key = secret(16);
    let plaintext = Plaintext {
        cleartext: b"x",
        ..Default::default()
    };
    let none: [Recipient<Arc<Key>>; 0] = [];
    let e = err(encrypt(&plaintext, &none, Serialization::General));
    assert_eq!(
        (e.kind, e.message.as_str()),
        (Kind::JweInvalid, "missing recipients")
    );

    let two = [
        Recipient {
            key: key.clone(),
            header: None,
        },
        Recipient {
            key: key.clone(),
            header: None,
        },
    ];
    let e = err(encrypt(&plaintext, &two, Serialization::Flattened));
    assert_eq!(e.kind, Kind::JweInvalid);
    let with_dir = Plaintext {
        protected: Some(obj(json!({"alg": "dir"}))),
        ..plaintext.clone()
    };
    let e = err(encrypt(&with_dir, &two, Serialization::General));
    assert_eq!(
        e.message,
        "dir and ECDH-ES alg may only be used with a single recipient"
    );

    let sig = with_params(
        Material::Oct {
            k: vec![1; 16].into(),
        },
        json!({"use": "sig"}),
    );
    let e = err(encrypt_one(&sig, Value::Null, Serialization::Compact, b"x"));
    assert_eq!(e.kind, Kind::TypeError);

    // An EC key limited to signing-only key_ops resolves no alg.
    let ec = with_params(
        generate(GenerateSpec::Ec(EcCurve::P256)).unwrap(),
        json!({"key_ops": ["verify"]}),
    );
    let e = err(encrypt_one(&ec, Value::Null, Serialization::Compact, b"x"));
    assert_eq!(
        (e.kind, e.message.as_str()),
        (
            Kind::JweInvalid,
            "could not resolve a usable \"alg\" for a recipient"
        )
    );
    assert_eq!(kind(Serialization::parse("json")), Kind::TypeError);
}

fn decrypt_err(jwe: &Value, key: &Arc<Key>, options: &DecryptOptions<'_>) -> (Kind, String) {
    let e = decrypt_opts(JweInput::Json(jwe), key, options).unwrap_err();
    (e.kind, e.message)
}

/// A valid flattened A128KW JWE and its key.
fn sample() -> (Value, Arc<Key>) {
    let key = secret(16);
    let v = json_of(
        encrypt_one(
            &key,
            json!({"alg": "A128KW", "enc": "A128GCM"}),
            Serialization::Flattened,
            b"sample",
        )
        .unwrap(),
    );
    (v, key)
}

#[test]
fn decrypt_refuses_what_jose_refuses() {
    let (good, key) = sample();
    let opts = DecryptOptions::default();
    let with = |f: &dyn Fn(&mut Value)| {
        let mut v = good.clone();
        f(&mut v);
        v
    };
    let protected = |h: Value| b64::encode(h.to_string().as_bytes());

    let cases: Vec<(Value, Kind, &str)> = vec![
        (
            with(&|v| v["protected"] = "!!".into()),
            Kind::JweInvalid,
            "could not parse JWE protected header",
        ),
        (
            with(&|v| v["protected"] = "".into()),
            Kind::JweInvalid,
            "could not parse JWE protected header",
        ),
        (
            with(&|v| v["unprotected"] = json!({"alg": "A128KW"})),
            Kind::JweInvalid,
            "JWE Shared Protected, JWE Shared Unprotected and JWE Per-Recipient Header Parameter names must be disjoint",
        ),
        (
            with(&|v| v["protected"] = protected(json!({"enc": "A128GCM"})).into()),
            Kind::JweInvalid,
            "missing Key Management algorithm",
        ),
        (
            with(&|v| v["protected"] = protected(json!({"alg": "A128KW"})).into()),
            Kind::JweInvalid,
            "missing Content Encryption algorithm",
        ),
        (
            with(&|v| v["header"] = json!({"zip": "DEF"})),
            Kind::JweInvalid,
            "\"zip\" Header Parameter MUST be integrity protected",
        ),
        (
            with(&|v| {
                v["protected"] =
                    protected(json!({"alg": "A128KW", "enc": "A128GCM", "crit": ["ext"], "ext": 1}))
                        .into()
            }),
            Kind::CritNotUnderstood,
            "critical \"ext\" is not understood",
        ),
        (
            with(&|v| v["iv"] = "AAAA".into()),
            Kind::JweInvalid,
            "invalid iv",
        ),
        (
            with(&|v| v["tag"] = "AAAA".into()),
            Kind::JweInvalid,
            "invalid tag",
        ),
        (
            with(&|v| v["ciphertext"] = "AAAA".into()),
            Kind::JweDecryptionFailed,
            "decryption operation failed",
        ),
        (
            with(&|v| v["encrypted_key"] = "AAAA".into()),
            Kind::JweDecryptionFailed,
            "decryption operation failed",
        ),
        (
            with(&|v| {
                v.as_object_mut().unwrap().remove("encrypted_key");
            }),
            Kind::JweDecryptionFailed,
            "decryption operation failed",
        ),
        (
            with(&|v| v["iv"] = 1.into()),
            Kind::JweInvalid,
            "JWE malformed or invalid serialization",
        ),
        (
            with(&|v| v["header"] = json!("h")),
            Kind::JweInvalid,
            "JWE malformed or invalid serialization",
        ),
    ];
    for (jwe, k, message) in cases {
        let got = decrypt_err(&jwe, &key, &opts);
        assert_eq!(got, (k, message.to_string()), "{jwe}");
    }
    // The untouched JWE still decrypts.
    assert_eq!(
        decrypt_opts(JweInput::Json(&good), &key, &opts)
            .unwrap()
            .cleartext,
        b"sample"
    );
    for text in ["a.b.c.d", "a.b.c.d.e.f", ""] {
        let e = decrypt_with(JweInput::Compact(text), &key).unwrap_err();
        assert_eq!(e.kind, Kind::JweInvalid, "{text}");
    }
}

#[test]
fn decrypt_key_checks() {
    let (good, key) = sample();
    let opts = DecryptOptions::default();
    let wrong_size = secret(32);
    assert_eq!(
        decrypt_err(&good, &wrong_size, &opts),
        (
            Kind::JwkKeySupport,
            "the key does not support A128KW key management (decryption) algorithm".into()
        )
    );
    let mut unknown = good.clone();
    unknown["header"] = json!({"alg": "A100KW"});
    unknown["protected"] = b64::encode(br#"{"enc":"A128GCM"}"#).into();
    assert_eq!(
        decrypt_err(&unknown, &key, &opts),
        (
            Kind::NotSupported,
            "unsupported key management (decryption) alg: A100KW".into()
        )
    );
    // An EC public key cannot decrypt.
    let ec = generated(GenerateSpec::Ec(EcCurve::P256));
    let jwe = compact_of(
        encrypt_one(
            &ec,
            json!({"alg": "ECDH-ES", "enc": "A128GCM"}),
            Serialization::Compact,
            b"e",
        )
        .unwrap(),
    );
    let e = decrypt_with(JweInput::Compact(&jwe), &public_of(&ec)).unwrap_err();
    assert_eq!(e.kind, Kind::JwkKeySupport);
    // An oct key limited to unwrapKey is refused, as jose refuses it (it
    // judges oct keys by wrapKey/deriveKey both ways).
    let unwrap_only = with_params(
        Material::Oct {
            k: vec![7; 16].into(),
        },
        json!({"key_ops": ["unwrapKey"]}),
    );
    assert_eq!(
        decrypt_err(&good, &unwrap_only, &opts).0,
        Kind::JwkKeySupport
    );
}

#[test]
fn algorithm_allowlist_matches_enc_for_dir_and_alg_otherwise() {
    let (good, key) = sample();
    let only_gcm: &[&str] = &["A128GCM"];
    let only_kw: &[&str] = &["A128KW"];
    let refuse = DecryptOptions {
        algorithms: Some(only_gcm),
        ..Default::default()
    };
    assert_eq!(
        decrypt_err(&good, &key, &refuse),
        (Kind::AlgNotWhitelisted, "alg not whitelisted".into())
    );
    let accept = DecryptOptions {
        algorithms: Some(only_kw),
        ..Default::default()
    };
    assert!(decrypt_opts(JweInput::Json(&good), &key, &accept).is_ok());

    let dir_key = secret(16);
    let dir = json_of(
        encrypt_one(
            &dir_key,
            json!({"alg": "dir", "enc": "A128GCM"}),
            Serialization::Flattened,
            b"d",
        )
        .unwrap(),
    );
    assert!(decrypt_opts(JweInput::Json(&dir), &dir_key, &refuse).is_ok());
    assert_eq!(
        decrypt_err(&dir, &dir_key, &accept).0,
        Kind::AlgNotWhitelisted
    );
}

#[test]
fn crit_extensions_must_be_understood_and_present() {
    let key = secret(16);
    let v = json_of(
        encrypt_one(
            &key,
            json!({"alg": "A128KW", "enc": "A128GCM", "crit": ["exp"], "exp": 1}),
            Serialization::Flattened,
            b"c",
        )
        .unwrap(),
    );
    assert_eq!(
        decrypt_err(&v, &key, &DecryptOptions::default()).0,
        Kind::CritNotUnderstood
    );
    let understood: &[&str] = &["exp"];
    let opts = DecryptOptions {
        crit: understood,
        ..Default::default()
    };
    assert_eq!(
        decrypt_opts(JweInput::Json(&v), &key, &opts)
            .unwrap()
            .cleartext,
        b"c"
    );
    let plain = json_of(
        encrypt_one(
            &key,
            json!({"alg": "A128KW", "enc": "A128GCM"}),
            Serialization::Flattened,
            b"c",
        )
        .unwrap(),
    );
    let mut unprotected_crit = plain.clone();
    unprotected_crit["unprotected"] = json!({"crit": ["exp"], "exp": 1});
    assert_eq!(
        decrypt_err(&unprotected_crit, &key, &opts),
        (
            Kind::JweInvalid,
            "\"crit\" Header Parameter MUST be integrity protected when present".into()
        )
    );
}

// --------------------------------------------------------------- key stores

#[test]
fn store_semantics_follow_jose() {
    let (good, key) = sample();
    let opts = DecryptOptions::default();
    let json = JweInput::Json(&good);
    // No candidate.
    let e = decrypt::<Arc<Key>>(json, &opts, |_| Ok(vec![])).unwrap_err();
    assert_eq!(e.kind, Kind::JwksNoMatchingKey);
    // Several candidates, the right one last: it wins.
    let d = decrypt(json, &opts, |_| {
        Ok(vec![secret(16), secret(16), key.clone()])
    })
    .unwrap();
    assert!(Arc::ptr_eq(&d.key, &key));
    // Several wrong candidates of the right kind: one decryption failure.
    let e = decrypt(json, &opts, |_| Ok(vec![secret(16), secret(16)])).unwrap_err();
    assert_eq!(e.kind, Kind::JweDecryptionFailed);
    // Several candidates failing otherwise: all their errors, in order.
    let e = decrypt(json, &opts, |_| Ok(vec![secret(32), secret(24)])).unwrap_err();
    assert_eq!(e.kind, Kind::MultiError);
    assert_eq!(e.errors.len(), 2);
    assert!(e.errors.iter().all(|e| e.kind == Kind::JwkKeySupport));
    // The query names what jose's keystore.all() filters by.
    let mut seen = None;
    let _ = decrypt::<Arc<Key>>(json, &opts, |q| {
        seen = Some((q.kid.cloned(), q.alg.clone(), q.key_op));
        Ok(vec![])
    });
    assert_eq!(seen, Some((None, json!("A128KW"), "unwrapKey")));
}

#[test]
fn general_recipients_report_jose_errors() {
    let a = secret(16);
    let b = with_params(
        generate(GenerateSpec::Oct { bits: 192 }).unwrap(),
        json!({"kid": "b"}),
    );
    let plaintext = Plaintext {
        cleartext: b"g",
        protected: Some(obj(json!({"enc": "A128GCM"}))),
        ..Default::default()
    };
    let recipients = [
        Recipient {
            key: a.clone(),
            header: Some(obj(json!({"alg": "A128KW", "kid": "a"}))),
        },
        Recipient {
            key: b.clone(),
            header: Some(obj(json!({"alg": "A192KW", "kid": "b"}))),
        },
    ];
    let v = json_of(encrypt(&plaintext, &recipients, Serialization::General).unwrap());
    let opts = DecryptOptions::default();
    // A store with neither key: every recipient finds none.
    let other = [secret(32)];
    let e = decrypt(JweInput::Json(&v), &opts, store_lookup(&other)).unwrap_err();
    assert_eq!(e.kind, Kind::JwksNoMatchingKey);
    // A single key unfit for both: a multi error with both key errors.
    let e = decrypt_opts(JweInput::Json(&v), &secret(32), &opts).unwrap_err();
    assert_eq!(e.kind, Kind::MultiError);
    assert_eq!(e.errors.len(), 2);
    // The second recipient's key from a store.
    let store = [b.clone()];
    let d = decrypt(JweInput::Json(&v), &opts, store_lookup(&store)).unwrap();
    assert_eq!(d.header.unwrap()["kid"], "b");
}

// ----------------------------------------------------- security properties

#[test]
fn rsa1_5_padding_failures_end_in_the_uniform_error() {
    let key = rsa_2048();
    let c = case("5.1");
    let compact = c["output"]["compact"].as_str().unwrap();
    let segs: Vec<&str> = compact.split('.').collect();
    let mut ek = b64::decode(segs[1]);
    for flip in [0usize, 1, 100, ek.len() - 1] {
        ek[flip] ^= 0x5a;
        let forged = [segs[0], &b64::encode(&ek), segs[2], segs[3], segs[4]].join(".");
        let e = decrypt_with(JweInput::Compact(&forged), &key).unwrap_err();
        assert_eq!(
            (e.kind, e.message.as_str()),
            (Kind::JweDecryptionFailed, "decryption operation failed")
        );
        ek[flip] ^= 0x5a;
    }
    // Too short, and empty.
    for ek in ["AAAA", ""] {
        let forged = [segs[0], ek, segs[2], segs[3], segs[4]].join(".");
        assert_eq!(
            kind(decrypt_with(JweInput::Compact(&forged), &key)),
            Kind::JweDecryptionFailed
        );
    }
}

#[test]
fn ecdh_es_refuses_an_epk_off_the_curve() {
    let key = generated(GenerateSpec::Ec(EcCurve::P256));
    let jwe = compact_of(
        encrypt_one(
            &public_of(&key),
            json!({"alg": "ECDH-ES", "enc": "A128GCM"}),
            Serialization::Compact,
            b"p",
        )
        .unwrap(),
    );
    let segs: Vec<&str> = jwe.split('.').collect();
    let mut protected = header::decode_protected(segs[0]).unwrap();
    let epk = protected["epk"].as_object_mut().unwrap();
    let mut y = b64::decode(epk["y"].as_str().unwrap());
    y[31] ^= 1;
    epk["y"] = b64::encode(&y).into();
    let forged_protected = header::encode_protected(&protected).unwrap();
    let forged = [
        forged_protected.as_str(),
        segs[1],
        segs[2],
        segs[3],
        segs[4],
    ]
    .join(".");
    assert_eq!(
        kind(decrypt_with(JweInput::Compact(&forged), &key)),
        Kind::JweDecryptionFailed
    );
    // An epk on another curve, or not a key at all.
    for bad in [
        json!({"kty": "EC", "crv": "P-384", "x": "AA", "y": "AA"}),
        json!("nope"),
        json!({"kty": "OKP", "crv": "X25519", "x": b64::encode(&[0u8; 32])}),
    ] {
        protected["epk"] = bad;
        let p = header::encode_protected(&protected).unwrap();
        let forged = [p.as_str(), segs[1], segs[2], segs[3], segs[4]].join(".");
        assert_eq!(
            kind(decrypt_with(JweInput::Compact(&forged), &key)),
            Kind::JweDecryptionFailed
        );
    }
}

#[test]
fn pbes2_count_above_the_cap_is_refused_before_any_work() {
    let key = secret(8);
    let jwe = json_of(
        encrypt_one(
            &key,
            json!({"alg": "PBES2-HS256+A128KW", "enc": "A128GCM"}),
            Serialization::Flattened,
            b"p",
        )
        .unwrap(),
    );
    let mut p = header::decode_protected(jwe["protected"].as_str().unwrap()).unwrap();
    p["p2c"] = json!(200_000_000u64);
    let mut forged = jwe.clone();
    forged["protected"] = header::encode_protected(&p).unwrap().into();
    let (k, message) = decrypt_err(&forged, &key, &DecryptOptions::default());
    assert_eq!(k, Kind::JweInvalid);
    assert_eq!(
        message,
        "JOSE Header \"p2c\" (PBES2 Count) out is of acceptable bounds"
    );
    // A numeric string is compared as JavaScript compares it.
    p["p2c"] = json!("20000");
    forged["protected"] = header::encode_protected(&p).unwrap().into();
    assert_eq!(
        decrypt_err(&forged, &key, &DecryptOptions::default()).0,
        Kind::JweInvalid
    );
    // Raising the cap lets a legitimate count through.
    let raised = DecryptOptions {
        max_pbes2_count: 1000.0,
        ..Default::default()
    };
    let real_p2c = header::decode_protected(jwe["protected"].as_str().unwrap()).unwrap()["p2c"]
        .as_u64()
        .unwrap();
    assert!(real_p2c >= 2048);
    assert_eq!(decrypt_err(&jwe, &key, &raised).0, Kind::JweInvalid);
    assert_eq!(
        decrypt_with(JweInput::Json(&jwe), &key).unwrap().cleartext,
        b"p"
    );
}

/// Raw DEFLATE of `len` zero bytes, written by hand as one fixed-Huffman
/// block of a literal and maximal back-references (13 bits per 258 bytes),
/// so a 256 MiB bomb costs no compression work.
fn zero_bomb(len: usize) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u64,
        n: u32,
    }
    impl Bits {
        fn put(&mut self, value: u64, count: u32) {
            self.acc |= value << self.n;
            self.n += count;
            while self.n >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.n -= 8;
            }
        }
        /// Huffman codes go most significant bit first.
        fn code(&mut self, code: u64, count: u32) {
            let reversed = (0..count).fold(0, |r, i| (r << 1) | ((code >> i) & 1));
            self.put(reversed, count);
        }
    }
    let mut b = Bits {
        out: Vec::new(),
        acc: 0,
        n: 0,
    };
    b.put(1, 1); // BFINAL
    b.put(1, 2); // fixed Huffman
    b.code(0x30, 8); // literal 0
    let mut left = len - 1;
    while left >= 258 {
        b.code(0xc5, 8); // length 258 (symbol 285)
        b.code(0, 5); // distance 1
        left -= 258;
    }
    for _ in 0..left {
        b.code(0x30, 8);
    }
    b.code(0, 7); // end of block
    b.put(0, 7);
    b.out
}

#[test]
fn a_deflate_bomb_is_refused_at_the_cap() {
    let bomb = zero_bomb(256 << 20);
    assert!(bomb.len() < 2 << 20);
    // The hand-made stream really is 256 MiB of zeros.
    let small = zero_bomb(100_000);
    assert_eq!(
        crate::jwa::deflate::decompress(&small, 100_000).unwrap(),
        vec![0u8; 100_000]
    );

    // Encrypt the compressed bytes as they are, under a zip header.
    let key = secret(16);
    let enc = crate::jwa::jwe_algs::EncAlg::from_name("A128GCM").unwrap();
    let protected =
        header::encode_protected(&obj(json!({"alg": "dir", "enc": "A128GCM", "zip": "DEF"})))
            .unwrap();
    let iv = crate::jwa::cek::generate_iv(enc).unwrap();
    let Material::Oct { k } = key.material() else {
        unreachable!()
    };
    let sealed = crate::jwa::content::encrypt(enc, k, &iv, protected.as_bytes(), &bomb).unwrap();
    let jwe = [
        protected.clone(),
        String::new(),
        b64::encode(&iv),
        b64::encode(&sealed.ciphertext),
        b64::encode(&sealed.tag),
    ]
    .join(".");
    let e = decrypt_with(JweInput::Compact(&jwe), &key).unwrap_err();
    assert_eq!(e.kind, Kind::JweInvalid);
    assert_eq!(e.message, "decompressed plaintext exceeds the allowed size");
    // A raised cap lets it through.
    let raised = DecryptOptions {
        max_inflated_size: 256 << 20,
        ..Default::default()
    };
    let d = decrypt_opts(JweInput::Compact(&jwe), &key, &raised).unwrap();
    assert_eq!(d.cleartext.len(), 256 << 20);
}

#[test]
fn header_validation_collects_one_enc() {
    let p = obj(json!({"enc": "A128GCM"}));
    let r1 = obj(json!({"alg": "A128KW"}));
    let r2 = obj(json!({"alg": "A256KW"}));
    let enc = header::validate(Some(&p), None, &[Some(&r1), Some(&r2)], true, &[]).unwrap();
    assert_eq!(enc, Some(json!("A128GCM")));
    let shared_alg = obj(json!({"enc": "A128GCM", "alg": "A128KW"}));
    let e = header::validate(Some(&shared_alg), None, &[None, None], true, &[]).unwrap_err();
    assert_eq!(e.message, "missing Key Management algorithm");
    let r3 = obj(json!({"alg": "A128KW", "enc": "A128GCM"}));
    let r4 = obj(json!({"alg": "A256KW", "enc": "A256GCM"}));
    let e = header::validate(None, None, &[Some(&r3), Some(&r4)], true, &[]).unwrap_err();
    assert_eq!(
        e.message,
        "there must only be one Content Encryption algorithm"
    );
    let unused = Map::new();
    assert!(header::validate(None, Some(&unused), &[None], false, &[])
        .unwrap()
        .is_none());
}

#[test]
fn pbes2_cap_bounds_the_work_of_all_recipients_together() {
    // Three recipients, each with its own password; only the last one is
    // ours. jose's encrypt draws every p2c from 2048..=4096.
    let (a, b, ours) = (secret(8), secret(8), secret(8));
    let recipients: Vec<Recipient<Arc<Key>>> = [&a, &b, &ours]
        .into_iter()
        .map(|key| Recipient {
            key: Arc::clone(key),
            header: Some(obj(json!({"alg": "PBES2-HS256+A128KW"}))),
        })
        .collect();
    let plaintext = Plaintext {
        cleartext: b"p",
        protected: Some(obj(json!({"enc": "A128GCM"}))),
        unprotected: None,
        aad: None,
    };
    let jwe = json_of(encrypt(&plaintext, &recipients, Serialization::General).unwrap());

    // A cap of 4096 lets one recipient's worth of PBKDF2 through, not three:
    // the first two use up the budget and ours is refused unworked.
    let tight = DecryptOptions {
        max_pbes2_count: 4096.0,
        ..Default::default()
    };
    assert!(decrypt_opts(JweInput::Json(&jwe), &ours, &tight).is_err());
    // Room for all three decrypts it, as jose would with any cap.
    let roomy = DecryptOptions {
        max_pbes2_count: 3.0 * 4096.0,
        ..Default::default()
    };
    let done = decrypt_opts(JweInput::Json(&jwe), &ours, &roomy).unwrap();
    assert_eq!(done.cleartext, b"p");
    // The first recipient alone is decrypted under the tight cap.
    assert_eq!(
        decrypt_opts(JweInput::Json(&jwe), &a, &tight)
            .unwrap()
            .cleartext,
        b"p"
    );
}

// ------------------------------------------- keys that unwrap outside

/// A key whose unwrapping happens elsewhere (a KMS), allowing `algs` for
/// it: it answers every unwrapping with `answer` and records what it was
/// asked.
#[derive(Debug)]
struct Outside {
    algs: Vec<String>,
    answer: Option<Vec<u8>>,
    asked: std::cell::RefCell<Vec<(&'static str, Vec<u8>)>>,
}

impl JweKey for Outside {
    fn key(&self) -> Option<&Key> {
        None
    }

    fn declared_alg(&self) -> Option<&str> {
        None
    }

    fn declared_use(&self) -> Option<&str> {
        None
    }

    fn external_algorithms(&self, op: JweOp) -> Option<&[String]> {
        Some(match op {
            JweOp::KeyDecrypt => &self.algs,
            _ => &[],
        })
    }

    fn external_unwrap(&self) -> Option<&dyn super::ExternalUnwrap> {
        Some(self)
    }
}

impl super::ExternalUnwrap for Outside {
    fn unwrap(
        &self,
        alg: &'static str,
        encrypted_key: &[u8],
    ) -> Result<Option<crate::jwk::material::SecretBytes>> {
        self.asked.borrow_mut().push((alg, encrypted_key.to_vec()));
        Ok(self.answer.clone().map(zeroize::Zeroizing::new))
    }
}

fn outside(algs: &[&str], answer: Option<Vec<u8>>) -> Outside {
    Outside {
        algs: algs.iter().map(|a| (*a).to_owned()).collect(),
        answer,
        asked: std::cell::RefCell::new(Vec::new()),
    }
}

fn decrypt_outside<'k>(input: JweInput<'_>, key: &'k Outside) -> Result<Decrypted<&'k Outside>> {
    decrypt(input, &DecryptOptions::default(), |_| Ok(vec![key]))
}

#[test]
fn keys_that_unwrap_outside_get_the_encrypted_key_and_give_the_cek() {
    let private = generated(GenerateSpec::Rsa { bits: 2048 });
    let public = public_of(&private);
    let enc = crate::jwa::jwe_algs::EncAlg::from_name("A128CBC-HS256").unwrap();
    for alg in ["RSA-OAEP", "RSA-OAEP-256", "RSA1_5"] {
        let jwe = compact_of(
            encrypt_one(
                &public,
                json!({"alg": alg, "enc": "A128CBC-HS256", "zip": "DEF"}),
                Serialization::Compact,
                b"cleartext",
            )
            .unwrap(),
        );
        let encrypted_key = b64::decode(jwe.split('.').nth(1).unwrap());
        let alg_ref = crate::jwa::jwe_algs::KeyAlg::from_name(alg).unwrap();
        let cek = crate::jwa::rsaes::unwrap(
            alg_ref,
            private.rsa_cipher().unwrap(),
            &encrypted_key,
            enc.key_len,
        )
        .unwrap();
        let key = outside(&["RSA-OAEP", "RSA-OAEP-256", "RSA1_5"], Some(cek.to_vec()));
        let opened = decrypt_outside(JweInput::Compact(&jwe), &key).unwrap();
        assert_eq!(opened.cleartext, b"cleartext");
        assert_eq!(*opened.cek, *cek);
        assert_wiped(&opened.cek);
        assert_eq!(*key.asked.borrow(), vec![(alg, encrypted_key)]);
        // a wrong CEK, one of the wrong length, or none: the same failure
        for wrong in [
            Some(vec![0u8; 32]),
            Some(cek[..5].to_vec()),
            Some(vec![]),
            None,
        ] {
            let key = outside(&[alg], wrong);
            assert_eq!(
                kind(decrypt_outside(JweInput::Compact(&jwe), &key)),
                Kind::JweDecryptionFailed
            );
        }
    }
}

#[test]
fn keys_that_unwrap_outside_follow_the_key_check_and_the_general_walk() {
    let rsa = public_of(&generated(GenerateSpec::Rsa { bits: 2048 }));
    let kw = secret(16);
    let plaintext = Plaintext {
        cleartext: b"x",
        protected: Some(obj(json!({"enc": "A128GCM"}))),
        ..Default::default()
    };
    let recipients = [
        Recipient {
            key: kw.clone(),
            header: Some(obj(json!({"alg": "A128KW"}))),
        },
        Recipient {
            key: rsa.clone(),
            header: Some(obj(json!({"alg": "RSA-OAEP"}))),
        },
    ];
    let general = json_of(encrypt(&plaintext, &recipients, Serialization::General).unwrap());
    // the first recipient's A128KW is not the key's; the second is asked
    // (and fails with the key's wrong answer): one failure for the JWE
    let key = outside(&["RSA-OAEP"], None);
    assert_eq!(
        kind(decrypt_outside(JweInput::Json(&general), &key)),
        Kind::JweDecryptionFailed
    );
    assert_eq!(key.asked.borrow().len(), 1);
    assert_eq!(key.asked.borrow()[0].0, "RSA-OAEP");
    // no recipient for the key: every error, with the key check's message
    let none = outside(&[], None);
    let err = decrypt_outside(JweInput::Json(&general), &none).unwrap_err();
    assert_eq!(err.kind, Kind::MultiError);
    assert_eq!(
        err.errors[0].message,
        "the key does not support A128KW key management (decryption) algorithm"
    );
    assert!(none.asked.borrow().is_empty());
    // `dir`, and algorithms the key lists but cannot be asked to unwrap
    let dir = compact_of(
        encrypt_one(
            &secret(16),
            json!({"alg": "dir", "enc": "A128GCM"}),
            Serialization::Compact,
            b"x",
        )
        .unwrap(),
    );
    assert_eq!(
        decrypt_outside(JweInput::Compact(&dir), &key)
            .unwrap_err()
            .message,
        "the key does not support A128GCM decrypt algorithm"
    );
    let lists_kw = outside(&["A128KW"], Some(vec![0; 16]));
    let compact_kw = compact_of(
        encrypt_one(
            &kw,
            json!({"alg": "A128KW", "enc": "A128GCM"}),
            Serialization::Compact,
            b"x",
        )
        .unwrap(),
    );
    assert_eq!(
        kind(decrypt_outside(JweInput::Compact(&compact_kw), &lists_kw)),
        Kind::JwkKeySupport
    );
    assert!(lists_kw.asked.borrow().is_empty());
}

#[test]
fn derived_and_unwrapped_ceks_are_wiped_on_drop() {
    use crate::jwa::jwe_algs::{EncAlg, KeyAlg};
    let enc = EncAlg::from_name("A128GCM").unwrap();
    let recipient = generated(GenerateSpec::Ec(EcCurve::P256));
    let public = public_of(&recipient);
    let none = Header::new();
    // Direct ECDH-ES: the agreed key is the CEK.
    let direct = KeyAlg::from_name("ECDH-ES").unwrap();
    let wrapped = key_management::wrap(direct, enc, &public, &[], &none).unwrap();
    let derived = wrapped.derived_cek.unwrap();
    assert_wiped(&derived);
    let cek = key_management::unwrap(direct, enc, &recipient, None, &wrapped.header).unwrap();
    assert_wiped(&cek);
    assert_eq!(cek, derived);
    // Key wrapping: the unwrapped CEK is the one wrapped.
    let kw = KeyAlg::from_name("A128KW").unwrap();
    let kek = secret(16);
    let sent = [7u8; 16];
    let wrapped = key_management::wrap(kw, enc, &kek, &sent, &none).unwrap();
    let encrypted_key = b64::encode(&wrapped.encrypted_key);
    let cek = key_management::unwrap(kw, enc, &kek, Some(&encrypted_key), &none).unwrap();
    assert_wiped(&cek);
    assert_eq!(*cek, sent);
}

#[test]
fn max_inflated_size_is_a_positive_integer_or_infinity() {
    use super::{inflate_cap, DEFAULT_MAX_INFLATED_SIZE};
    assert_eq!(inflate_cap(None).unwrap(), DEFAULT_MAX_INFLATED_SIZE);
    assert_eq!(inflate_cap(Some(f64::INFINITY)).unwrap(), usize::MAX);
    assert_eq!(inflate_cap(Some(1.0)).unwrap(), 1);
    assert_eq!(
        inflate_cap(Some(9_007_199_254_740_991.0)).unwrap(),
        9_007_199_254_740_991
    );
    for refused in [
        0.0,
        -1.0,
        1.5,
        f64::NAN,
        f64::NEG_INFINITY,
        9_007_199_254_740_992.0,
    ] {
        let err = inflate_cap(Some(refused)).unwrap_err();
        assert_eq!(
            err.message, "\"maxInflatedSize\" option must be a positive integer",
            "{refused}"
        );
    }
}
