use serde_json::{json, Value};

use super::*;
use crate::b64;
use crate::error::{Error, Kind};
use crate::jwa::signing::tests::{case, jose_fixtures, material, obj, signer};

fn opt_obj(v: &Value) -> Option<Header> {
    v.as_object().cloned()
}

/// The verifying side: the public key, or the secret itself for `oct`.
fn public(jwk: &Value) -> Signer {
    let m = material(jwk);
    match m.kty() {
        "oct" => Signer::new(&m).unwrap(),
        _ => Signer::new(&m.to_public().unwrap()).unwrap(),
    }
}

/// Serialized text, so member order counts as well as content.
fn text(v: &Value) -> String {
    serde_json::to_string(v).unwrap()
}

fn payload_of(c: &Value) -> Vec<u8> {
    c["input"]["payload"].as_str().unwrap().as_bytes().to_vec()
}

fn one(
    key: &dyn SigningKey,
    protected: Option<Header>,
    header: Option<Header>,
) -> Vec<Recipient<'_>> {
    vec![Recipient {
        key,
        protected,
        header,
        default_alg: None,
    }]
}

fn two<'a>(mut a: Vec<Recipient<'a>>, b: Vec<Recipient<'a>>) -> Vec<Recipient<'a>> {
    a.extend(b);
    a
}

/// Verifies with exactly one candidate key.
fn verify_with<'k>(
    input: JwsInput<'_>,
    key: &'k Signer,
    crit: &[&str],
) -> Result<Verified<&'k Signer>> {
    let options = VerifyOptions {
        crit,
        algorithms: None,
    };
    verify(input, &options, |_, _| Ok(vec![key]))
}

fn err_of<T: std::fmt::Debug>(r: Result<T>) -> Error {
    r.unwrap_err()
}

/// The signing-side recipe of a single-signature cookbook case.
fn headers(c: &Value) -> (Option<Header>, Option<Header>) {
    (
        opt_obj(&c["signing"]["protected"]),
        opt_obj(&c["signing"]["unprotected"]),
    )
}

/// Checks every serialization a case lists against what we produce, either
/// byte for byte (deterministic algorithms) or by verifying ours.
fn check_single_case(name: &str, deterministic: bool, crit: &[&str]) {
    let c = case(name);
    let key = signer(&c["input"]["key"]);
    let verifier = public(&c["input"]["key"]);
    let payload = payload_of(&c);
    let (protected, header) = headers(&c);
    let out = &c["output"];

    if let Some(expected) = out["compact"].as_str() {
        let signed = sign(
            &payload,
            one(&key, protected.clone(), None),
            Serialization::Compact,
        )
        .unwrap();
        if deterministic {
            assert_eq!(signed.to_compact(), expected, "{name} compact");
        }
        for jws in [expected.to_owned(), signed.to_compact()] {
            let v = verify_with(JwsInput::Compact(&jws), &verifier, crit).unwrap();
            assert_eq!(v.payload, payload, "{name}");
            assert_eq!(v.protected, protected, "{name}");
            assert_eq!(v.header, None);
        }
    }
    for (form, serialization) in [
        ("json", Serialization::General),
        ("json_flat", Serialization::Flattened),
    ] {
        let Some(expected) = out.get(form) else {
            continue;
        };
        let signed = sign(
            &payload,
            one(&key, protected.clone(), header.clone()),
            serialization,
        )
        .unwrap();
        let ours = signed.to_json();
        if deterministic {
            assert_eq!(text(&ours), text(expected), "{name} {form}");
        }
        for jws in [expected, &ours] {
            let v = verify_with(JwsInput::Json(jws), &verifier, crit).unwrap();
            assert_eq!(v.payload, payload, "{name} {form}");
            assert_eq!(v.protected, protected, "{name} {form}");
            assert_eq!(v.header, header, "{name} {form}");
        }
    }
}

#[test]
fn rfc7520_4_1_rs256_reproduced() {
    check_single_case("4.1", true, &[]);
}

#[test]
fn rfc7520_4_2_ps384_verified() {
    check_single_case("4.2", false, &[]);
}

#[test]
fn rfc7520_4_3_es512_verified() {
    check_single_case("4.3", false, &[]);
}

#[test]
fn rfc7520_4_4_hs256_reproduced() {
    check_single_case("4.4", true, &[]);
}

#[test]
fn rfc7520_4_6_protected_and_unprotected_reproduced() {
    check_single_case("4.6", true, &[]);
}

#[test]
fn rfc7520_4_7_unprotected_only_reproduced() {
    check_single_case("4.7", true, &[]);
    // Without a protected header the signing input starts with '.'.
    let c = case("4.7");
    let input = c["signing"]["sig-input"].as_str().unwrap();
    assert!(input.starts_with('.'));
    let tag = signer(&c["input"]["key"])
        .sign("HS256", input.as_bytes())
        .unwrap();
    assert_eq!(b64::encode(&tag), c["signing"]["sig"].as_str().unwrap());
    // Compact has no room for an unprotected header.
    let (protected, header) = headers(&c);
    let key = signer(&c["input"]["key"]);
    let err = err_of(sign(
        b"x",
        one(&key, protected, header),
        Serialization::Compact,
    ));
    assert_eq!(err.kind, Kind::JwsInvalid);
    assert_eq!(
        err.message,
        "JWS Compact Serialization doesn't support multiple recipients or JWS unprotected headers"
    );
}

#[test]
fn rfc7797_4_1_unencoded_compact_reproduced() {
    check_single_case("4.1 rfc7797", true, &["b64"]);
    let c = case("4.1 rfc7797");
    let key = signer(&c["input"]["key"]);
    let compact = c["output"]["compact"].as_str().unwrap();
    let v = verify_with(JwsInput::Compact(compact), &key, &["b64"]).unwrap();
    assert!(v.unencoded_payload);
    assert_eq!(v.payload, b"This is the payload string!");
    // jose's one built-in extension still has to be acknowledged.
    let err = err_of(verify_with(JwsInput::Compact(compact), &key, &[]));
    assert_eq!(err.kind, Kind::CritNotUnderstood);
    assert_eq!(err.message, "critical \"b64\" is not understood");
}

#[test]
fn rfc7797_4_2_unencoded_json_only_reproduced() {
    check_single_case("4.2 rfc7797", true, &["b64"]);
    let c = case("4.2 rfc7797");
    let key = signer(&c["input"]["key"]);
    // "$.02" holds a '.', which compact cannot carry unencoded.
    let (protected, _) = headers(&c);
    let err = err_of(sign(
        b"$.02",
        one(&key, protected.clone(), None),
        Serialization::Compact,
    ));
    assert_eq!(err.kind, Kind::JwsInvalid);
    let err = err_of(sign(
        &[0xff, 0xfe],
        one(&key, protected, None),
        Serialization::Compact,
    ));
    assert_eq!(err.kind, Kind::JwsInvalid);
    // And a compact string with the '.' in is four segments.
    let four = format!(
        "{}.$.02.{}",
        c["output"]["json_flat"]["protected"].as_str().unwrap(),
        c["output"]["json_flat"]["signature"].as_str().unwrap()
    );
    let err = err_of(verify_with(JwsInput::Compact(&four), &key, &["b64"]));
    assert_eq!(err.message, "JWS malformed or invalid serialization");
}

#[test]
fn rfc8037_a4_ed25519_reproduced() {
    check_single_case("A.4 rfc8037", true, &[]);
}

#[test]
fn rfc7520_4_8_multiple_signatures() {
    let c = case("4.8");
    let keys: Vec<Signer> = c["input"]["key"]
        .as_array()
        .unwrap()
        .iter()
        .map(signer)
        .collect();
    let publics: Vec<Signer> = c["input"]["key"]
        .as_array()
        .unwrap()
        .iter()
        .map(public)
        .collect();
    let recipients: Vec<Recipient<'_>> = c["signing"]
        .as_array()
        .unwrap()
        .iter()
        .zip(&keys)
        .map(|(s, key)| Recipient {
            key: key as &dyn SigningKey,
            protected: opt_obj(&s["protected"]),
            header: opt_obj(&s["unprotected"]),
            default_alg: None,
        })
        .collect();
    let signed = sign(&payload_of(&c), recipients, Serialization::General).unwrap();
    let expected = &c["output"]["json"];
    let mut ours = signed.to_json();
    // RS256 and HS256 are deterministic; ES512 is not, so verify it and then
    // splice the published one in to compare everything else.
    let es = ours["signatures"][1]["signature"]
        .as_str()
        .unwrap()
        .to_owned();
    let input = format!(".{}", expected["payload"].as_str().unwrap());
    assert!(publics[1]
        .verify("ES512", input.as_bytes(), &b64::decode(&es))
        .unwrap());
    ours["signatures"][1]["signature"] = expected["signatures"][1]["signature"].clone();
    assert_eq!(text(&ours), text(expected));

    // Each key verifies its own signature and reports that signature's headers.
    for (i, key) in publics.iter().enumerate() {
        let v = verify_with(JwsInput::Json(expected), key, &[]).unwrap();
        assert_eq!(v.payload, payload_of(&c));
        assert_eq!(
            v.protected,
            expected["signatures"][i]["protected"]
                .as_str()
                .map(|p| header::decode_protected(p).unwrap())
        );
        assert_eq!(v.header, opt_obj(&expected["signatures"][i]["header"]));
    }

    // A KeyStore-like selection: keys whose kid matches the header.
    let kids: Vec<&str> = c["input"]["key"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["kid"].as_str().unwrap())
        .collect();
    let mut seen = Vec::new();
    let v = verify(
        JwsInput::Json(expected),
        &VerifyOptions::default(),
        |h: &Header, alg: Option<&str>| {
            seen.push(alg.unwrap_or_default().to_owned());
            Ok(publics
                .iter()
                .zip(&kids)
                .filter(|(_, kid)| h.get("kid").and_then(Value::as_str) == Some(**kid))
                .map(|(k, _)| k)
                .collect())
        },
    )
    .unwrap();
    assert!(std::ptr::eq(v.key, &publics[0]));
    assert_eq!(seen, ["RS256"]);

    // Only the HMAC key: the first two signatures fail, the third verifies.
    let v = verify_with(JwsInput::Json(expected), &publics[2], &[]).unwrap();
    assert_eq!(v.protected.unwrap()["alg"], "HS256");
}

#[test]
fn general_errors_follow_jose() {
    let c = case("4.8");
    let expected = &c["output"]["json"];
    let stranger = Signer::new(&crate::jwk::material::Material::Oct {
        k: vec![1; 32].into(),
    })
    .unwrap();
    // One key that verifies none: the HMAC signature fails, the others
    // cannot be checked with an oct key; verification failure wins.
    let err = err_of(verify_with(JwsInput::Json(expected), &stranger, &[]));
    assert_eq!(err.kind, Kind::JwsVerificationFailed);
    assert_eq!(err.message, "signature verification failed");
    // No signature found a key.
    let err = err_of(verify(
        JwsInput::Json(expected),
        &VerifyOptions::default(),
        |_, _| Ok(Vec::<&Signer>::new()),
    ));
    assert_eq!(err.kind, Kind::JwksNoMatchingKey);
    assert_eq!(err.message, "no matching key found in the KeyStore");
    // An empty list is jose's JWKSNoMatchingKey too.
    let empty = json!({ "payload": "eA", "signatures": [] });
    assert_eq!(
        err_of(verify_with(JwsInput::Json(&empty), &stranger, &[])).kind,
        Kind::JwksNoMatchingKey
    );
    // A single entry behaves as flattened and reports its own error.
    let single =
        json!({ "payload": "eA", "signatures": [{ "protected": "e30", "signature": "" }] });
    let err = err_of(verify_with(JwsInput::Json(&single), &stranger, &[]));
    assert_eq!(err.message, "missing JWS signature algorithm");
}

#[test]
fn jose_shapes_reproduced() {
    let f = jose_fixtures();
    let key = Signer::new(&crate::jwk::material::Material::Oct {
        k: b64::decode("hJtXIZ2uSN5kbQfbtTNWbpdmhkV8FJG-Onbc6mxCcYg").into(),
    })
    .unwrap();

    // No alg anywhere: the key's default is appended to the protected header.
    let signed = sign(
        b"x",
        vec![Recipient {
            key: &key,
            protected: Some(obj(json!({ "b64": false, "crit": ["b64"] }))),
            header: None,
            default_alg: Some("HS256".into()),
        }],
        Serialization::Flattened,
    )
    .unwrap();
    assert_eq!(text(&signed.to_json()), text(&f["jws"]["alg_appended"]));

    // alg only in the unprotected header: no protected member at all.
    let signed = sign(
        b"x",
        one(&key, None, Some(obj(json!({ "alg": "HS256" })))),
        Serialization::Flattened,
    )
    .unwrap();
    assert_eq!(text(&signed.to_json()), text(&f["jws"]["empty_protected"]));

    let signed = sign(
        br#"{"sub":"John Doe"}"#,
        vec![
            Recipient {
                key: &key,
                protected: Some(obj(json!({ "alg": "HS256" }))),
                header: Some(obj(json!({ "foo": "bar" }))),
                default_alg: None,
            },
            Recipient {
                key: &key,
                protected: Some(obj(json!({ "alg": "HS512" }))),
                header: Some(obj(json!({ "foo": "baz" }))),
                default_alg: None,
            },
        ],
        Serialization::General,
    )
    .unwrap();
    assert_eq!(text(&signed.to_json()), text(&f["jws"]["general"]));

    // An empty protected header with a default alg gets {"alg": ...}.
    let signed = sign(
        b"x",
        vec![Recipient {
            key: &key,
            protected: Some(Header::new()),
            header: None,
            default_alg: Some("HS256".into()),
        }],
        Serialization::Compact,
    )
    .unwrap();
    assert_eq!(
        signed.to_compact(),
        f["jws"]["compact_empty_protected"].as_str().unwrap()
    );
}

#[test]
fn signing_errors_in_jose_words() {
    let key = Signer::new(&crate::jwk::material::Material::Oct {
        k: vec![3; 32].into(),
    })
    .unwrap();
    let hs = || Some(obj(json!({ "alg": "HS256" })));
    let cases: Vec<(Vec<Recipient<'_>>, Serialization, Kind, &str)> = vec![
        (vec![], Serialization::General, Kind::JwsInvalid, "missing recipients"),
        (
            one(&key, hs(), Some(obj(json!({ "alg": "HS256" })))),
            Serialization::General,
            Kind::JwsInvalid,
            "JWS Protected and JWS Unprotected Header Parameter names must be disjoint",
        ),
        (
            one(&key, hs(), Some(Header::new())),
            Serialization::Compact,
            Kind::JwsInvalid,
            "JWS Compact Serialization doesn't support multiple recipients or JWS unprotected headers",
        ),
        (
            two(one(&key, hs(), None), one(&key, hs(), None)),
            Serialization::Flattened,
            Kind::JwsInvalid,
            "Flattened JWS JSON Serialization doesn't support multiple recipients",
        ),
        (
            two(
                one(&key, Some(obj(json!({ "alg": "HS256", "b64": false, "crit": ["b64"] }))), None),
                one(&key, hs(), None),
            ),
            Serialization::General,
            Kind::JwsInvalid,
            "the \"b64\" Header Parameter value MUST be the same for all recipients",
        ),
        (
            one(&key, None, None),
            Serialization::Flattened,
            Kind::JwsInvalid,
            "could not resolve a usable \"alg\" for a recipient",
        ),
        (
            one(&key, Some(obj(json!({ "alg": "HS256", "crit": ["b64"] }))), None),
            Serialization::Flattened,
            Kind::JwsInvalid,
            "\"b64\" critical parameter must be integrity protected",
        ),
        (
            one(&key, Some(obj(json!({ "alg": "HS256", "crit": ["b64"], "b64": 1 }))), None),
            Serialization::Flattened,
            Kind::JwsInvalid,
            "\"b64\" critical parameter must be a boolean",
        ),
        (
            one(&key, Some(obj(json!({ "alg": "HS256", "crit": ["foo"] }))), None),
            Serialization::Flattened,
            Kind::JwsInvalid,
            "critical parameter \"foo\" is missing",
        ),
        (
            one(&key, Some(obj(json!({ "alg": "HS256", "crit": ["alg"] }))), None),
            Serialization::Flattened,
            Kind::JwsInvalid,
            "The critical list contains a non-extension Header Parameter alg",
        ),
        (
            one(&key, Some(obj(json!({ "alg": "HS256", "crit": [] }))), None),
            Serialization::Flattened,
            Kind::JwsInvalid,
            "\"crit\" Header Parameter MUST be an array of non-empty strings when present",
        ),
        (
            one(&key, hs(), Some(obj(json!({ "crit": ["x"] })))),
            Serialization::Flattened,
            Kind::JwsInvalid,
            "\"crit\" Header Parameter MUST be integrity protected when present",
        ),
        (
            one(&key, Some(obj(json!({ "alg": "FOO" }))), None),
            Serialization::Compact,
            Kind::NotSupported,
            "unsupported sign alg: FOO",
        ),
        (
            one(&key, Some(obj(json!({ "alg": 7 }))), None),
            Serialization::Compact,
            Kind::NotSupported,
            "unsupported sign alg: 7",
        ),
        (
            one(&key, Some(obj(json!({ "alg": "ES256" }))), None),
            Serialization::Compact,
            Kind::JwkKeySupport,
            "the key does not support ES256 sign algorithm",
        ),
    ];
    for (recipients, serialization, kind, message) in cases {
        let err = err_of(sign(b"payload", recipients, serialization));
        assert_eq!((err.kind, err.message.as_str()), (kind, message));
    }
}

#[test]
fn crit_extension_in_unprotected_header_counts_when_signing() {
    // jose: a critical extension may sit in the unprotected header.
    let key = Signer::new(&crate::jwk::material::Material::Oct {
        k: vec![3; 32].into(),
    })
    .unwrap();
    let signed = sign(
        b"ab",
        one(
            &key,
            Some(obj(json!({ "alg": "HS256", "crit": ["foo"] }))),
            Some(obj(json!({ "foo": 1 }))),
        ),
        Serialization::Flattened,
    )
    .unwrap();
    let jws = signed.to_json();
    let err = err_of(verify_with(JwsInput::Json(&jws), &key, &[]));
    assert_eq!(err.kind, Kind::CritNotUnderstood);
    assert_eq!(err.message, "critical \"foo\" is not understood");
    let v = verify_with(JwsInput::Json(&jws), &key, &["foo"]).unwrap();
    assert_eq!(v.payload, b"ab");
}

#[test]
fn b64_false_without_crit_is_ignored() {
    let key = Signer::new(&crate::jwk::material::Material::Oct {
        k: vec![3; 32].into(),
    })
    .unwrap();
    let signed = sign(
        b"a.b",
        one(
            &key,
            Some(obj(json!({ "alg": "HS256", "b64": false }))),
            None,
        ),
        Serialization::Compact,
    )
    .unwrap();
    assert!(!signed.unencoded_payload);
    assert_eq!(signed.payload, b"YS5i");
    let v = verify_with(JwsInput::Compact(&signed.to_compact()), &key, &[]).unwrap();
    assert!(!v.unencoded_payload);
    assert_eq!(v.payload, b"a.b");
}

/// A compact JWS over arbitrary segments, HS256 with `key`.
fn hs256_compact(key: &Signer, protected: &Value, payload_segment: &str) -> String {
    let p = b64::encode(&serde_json::to_vec(protected).unwrap());
    let input = format!("{p}.{payload_segment}");
    let sig = key.sign("HS256", input.as_bytes()).unwrap();
    format!("{input}.{}", b64::encode(&sig))
}

#[test]
fn verification_errors_in_jose_words() {
    let key = Signer::new(&crate::jwk::material::Material::Oct {
        k: vec![9; 32].into(),
    })
    .unwrap();
    let good = hs256_compact(&key, &json!({ "alg": "HS256" }), "eyJzdWIiOiJKb2huIERvZSJ9");
    let (head, sig) = good.rsplit_once('.').unwrap();
    let mut flipped = b64::decode(sig);
    flipped[0] ^= 0x80;
    let flipped = format!("{head}.{}", b64::encode(&flipped));
    let enc = |v: &str| b64::encode(v.as_bytes());

    let cases: Vec<(String, &[&str], Kind, &str)> = vec![
        (
            flipped,
            &[],
            Kind::JwsVerificationFailed,
            "signature verification failed",
        ),
        (
            format!("{head}.{}", &sig[2..]),
            &[],
            Kind::JwsVerificationFailed,
            "signature verification failed",
        ),
        (
            "a.b".into(),
            &[],
            Kind::JwsInvalid,
            "JWS malformed or invalid serialization",
        ),
        (
            format!("{good}.x"),
            &[],
            Kind::JwsInvalid,
            "JWS malformed or invalid serialization",
        ),
        (
            String::new(),
            &[],
            Kind::JwsInvalid,
            "JWS malformed or invalid serialization",
        ),
        (
            "!!.YWI.".into(),
            &[],
            Kind::JwsInvalid,
            "could not parse JWS protected header",
        ),
        (
            format!("{}.YWI.", enc("not json")),
            &[],
            Kind::JwsInvalid,
            "could not parse JWS protected header",
        ),
        (
            format!("{}.YWI.", enc("[1]")),
            &[],
            Kind::JwsInvalid,
            "could not parse JWS protected header",
        ),
        (
            "e30.YWI.".into(),
            &[],
            Kind::JwsInvalid,
            "missing JWS signature algorithm",
        ),
        (
            ".YWI.".into(),
            &[],
            Kind::JwsInvalid,
            "missing JWS signature algorithm",
        ),
        (
            format!("{}.YWI.", enc(r#"{"alg":""}"#)),
            &[],
            Kind::JwsInvalid,
            "missing JWS signature algorithm",
        ),
        (
            format!("{}.YWI.", enc(r#"{"alg":"FOO"}"#)),
            &[],
            Kind::NotSupported,
            "unsupported verify alg: FOO",
        ),
        (
            format!("{}.YWI.", enc(r#"{"alg":"RS256"}"#)),
            &[],
            Kind::JwkKeySupport,
            "the key does not support RS256 verify algorithm",
        ),
        (
            format!("{}.YWI.", enc(r#"{"alg":"HS256","crit":["exp"],"exp":1}"#)),
            &[],
            Kind::CritNotUnderstood,
            "critical \"exp\" is not understood",
        ),
        (
            format!("{}.YWI.", enc(r#"{"alg":"HS256","crit":["exp"]}"#)),
            &["exp"],
            Kind::JwsInvalid,
            "critical parameter \"exp\" is missing",
        ),
        (
            format!("{}.YWI.", enc(r#"{"alg":"HS256","crit":"b64"}"#)),
            &[],
            Kind::JwsInvalid,
            "\"crit\" Header Parameter MUST be an array of non-empty strings when present",
        ),
        (
            format!("{}.YWI.", enc(r#"{"alg":"HS256","crit":["b64"]}"#)),
            &["b64"],
            Kind::JwsInvalid,
            "\"b64\" critical parameter must be integrity protected",
        ),
        (
            format!(
                "{}.YWI.",
                enc(r#"{"alg":"HS256","crit":["kid"],"kid":"a"}"#)
            ),
            &["kid"],
            Kind::JwsInvalid,
            "The critical list contains a non-extension Header Parameter kid",
        ),
    ];
    for (jws, crit, kind, message) in cases {
        let err = err_of(verify_with(JwsInput::Compact(&jws), &key, crit));
        assert_eq!((err.kind, err.message.as_str()), (kind, message), "{jws}");
    }
    // A signature with a character outside base64url: skipped, as Node's
    // decoder skips it, so the signature still verifies, as in jose
    assert!(verify_with(JwsInput::Compact(&format!("{good}!")), &key, &[]).is_ok());
    // Signed correctly over a segment that is not base64url: read as Node's
    // decoder reads it, as jose does (its JOSEInvalidEncoding never comes)
    for (segment, payload) in [
        ("a+b", &b"k\xe6"[..]),
        ("YW=Jj", b"a"),
        ("eyJhIjox!fQ", br#"{"a":1}"#),
    ] {
        let jws = hs256_compact(&key, &json!({ "alg": "HS256" }), segment);
        let verified = verify_with(JwsInput::Compact(&jws), &key, &[]).unwrap();
        assert_eq!(verified.payload, payload, "{segment}");
    }
    assert_eq!(
        verify_with(JwsInput::Compact(&good), &key, &[])
            .unwrap()
            .payload,
        br#"{"sub":"John Doe"}"#
    );
}

#[test]
fn algorithm_allowlist_and_candidate_selection() {
    let key = Signer::new(&crate::jwk::material::Material::Oct {
        k: vec![9; 32].into(),
    })
    .unwrap();
    let jws = hs256_compact(&key, &json!({ "alg": "HS256", "kid": "k1" }), "YWI");
    let input = JwsInput::Compact(&jws);

    let only_ps = VerifyOptions {
        crit: &[],
        algorithms: Some(&["PS256"]),
    };
    let err = err_of(verify(input, &only_ps, |_, _| Ok(vec![&key])));
    assert_eq!(
        (err.kind, err.message.as_str()),
        (Kind::AlgNotWhitelisted, "alg not whitelisted")
    );
    let hs = VerifyOptions {
        crit: &[],
        algorithms: Some(&["HS512", "HS256"]),
    };
    assert!(verify(input, &hs, |_, _| Ok(vec![&key])).is_ok());

    // The selector sees the combined header and the alg.
    let v = verify(input, &VerifyOptions::default(), |h, alg| {
        assert_eq!(alg, Some("HS256"));
        assert_eq!(h["kid"], "k1");
        Ok(vec![&key])
    })
    .unwrap();
    assert_eq!(v.payload, b"ab");

    // The selector's own error passes through (e.g. an embedded key check).
    let err = err_of(verify(input, &VerifyOptions::default(), |_, _| {
        Err::<Vec<&Signer>, _>(Error::new(
            Kind::JwsInvalid,
            "JWS Header Parameter \"jwk\" must be a JSON object",
        ))
    }));
    assert_eq!(
        err.message,
        "JWS Header Parameter \"jwk\" must be a JSON object"
    );

    // Several candidates: the right one anywhere in the list verifies;
    // with none right, verification failure wins over key-support errors.
    let other = Signer::new(&crate::jwk::material::Material::Oct {
        k: vec![8; 32].into(),
    })
    .unwrap();
    let ec = signer(&jose_fixtures()["keys"]["p256"]);
    let v = verify(input, &VerifyOptions::default(), |_, _| {
        Ok(vec![&ec, &other, &key])
    })
    .unwrap();
    assert!(std::ptr::eq(v.key, &key));
    let err = err_of(verify(input, &VerifyOptions::default(), |_, _| {
        Ok(vec![&ec, &other])
    }));
    assert_eq!(err.kind, Kind::JwsVerificationFailed);
    let err = err_of(verify(input, &VerifyOptions::default(), |_, _| {
        Ok(vec![&ec])
    }));
    assert_eq!(err.kind, Kind::JwkKeySupport);
}

#[test]
fn json_input_shapes() {
    let key = Signer::new(&crate::jwk::material::Material::Oct {
        k: vec![9; 32].into(),
    })
    .unwrap();
    let jws = hs256_compact(&key, &json!({ "alg": "HS256" }), "YWI");
    let parts: Vec<&str> = jws.split('.').collect();
    let flat = json!({ "payload": parts[1], "protected": parts[0], "signature": parts[2] });
    assert_eq!(
        verify_with(JwsInput::Json(&flat), &key, &[])
            .unwrap()
            .payload,
        b"ab"
    );

    let malformed = [
        json!("string"),
        json!([flat.clone()]),
        json!({ "payload": 1, "protected": parts[0], "signature": parts[2] }),
        json!({ "protected": parts[0], "signature": parts[2] }),
        json!({ "payload": parts[1], "protected": parts[0] }),
        json!({ "payload": parts[1], "protected": 5, "signature": parts[2] }),
        json!({ "payload": parts[1], "protected": parts[0], "header": null, "signature": parts[2] }),
        json!({ "payload": parts[1], "signatures": [{ "protected": parts[0] }] }),
    ];
    for input in malformed {
        let err = err_of(verify_with(JwsInput::Json(&input), &key, &[]));
        assert_eq!(
            err.message, "JWS malformed or invalid serialization",
            "{input}"
        );
    }

    // Disjointness is checked on verification too.
    let both = json!({ "payload": parts[1], "protected": parts[0], "header": { "alg": "HS256" }, "signature": parts[2] });
    assert_eq!(
        err_of(verify_with(JwsInput::Json(&both), &key, &[])).message,
        "JWS Protected and JWS Unprotected Header Parameter names must be disjoint"
    );
    // An unprotected crit is refused.
    let crit = json!({ "payload": parts[1], "protected": parts[0], "header": { "crit": ["x"] }, "signature": parts[2] });
    assert_eq!(
        err_of(verify_with(JwsInput::Json(&crit), &key, &[])).message,
        "\"crit\" Header Parameter MUST be integrity protected when present"
    );
    // An empty header object is reported back as present.
    let empty =
        json!({ "payload": parts[1], "protected": parts[0], "header": {}, "signature": parts[2] });
    assert_eq!(
        verify_with(JwsInput::Json(&empty), &key, &[])
            .unwrap()
            .header,
        Some(Header::new())
    );
}

#[test]
fn unsecured_jws_round_trips_with_the_none_key() {
    let none = Signer::unsecured();
    let signed = sign(
        b"ab",
        one(&none, Some(obj(json!({ "alg": "none" }))), None),
        Serialization::Compact,
    )
    .unwrap();
    assert_eq!(signed.to_compact(), "eyJhbGciOiJub25lIn0.YWI.");
    assert_eq!(
        verify_with(JwsInput::Compact(&signed.to_compact()), &none, &[])
            .unwrap()
            .payload,
        b"ab"
    );
    // Any other key refuses `none`.
    let key = Signer::new(&crate::jwk::material::Material::Oct {
        k: vec![9; 32].into(),
    })
    .unwrap();
    let err = err_of(verify_with(
        JwsInput::Compact("eyJhbGciOiJub25lIn0.YWI."),
        &key,
        &[],
    ));
    assert_eq!(
        err.message,
        "the key does not support none verify algorithm"
    );
    let err = err_of(verify_with(
        JwsInput::Compact("eyJhbGciOiJub25lIn0.YWI.eA"),
        &none,
        &[],
    ));
    assert_eq!(err.kind, Kind::JwsVerificationFailed);
}

/// `compact_with_alg_and_kid` writes the header text `sign` writes for
/// `{alg, kid}`: the same members, order and escapes, and the same JWS.
#[test]
fn own_header_compact_matches_the_general_path() {
    let key = signer(&case("4.4")["input"]["key"]);
    let payload = br#"{"sub":"a"}"#;
    for kid in [
        "plain-kid",
        "q\"uote",
        "back\\slash",
        "tab\there",
        "ctl\u{1}",
        "é😀",
        "",
    ] {
        let fast = compact_with_alg_and_kid(payload, &key, Some("HS256"), Some(kid), None).unwrap();
        let general = sign(
            payload,
            vec![Recipient {
                key: &key,
                protected: Some(obj(json!({"alg": "HS256", "kid": kid}))),
                header: None,
                default_alg: None,
            }],
            Serialization::Compact,
        )
        .unwrap()
        .to_compact();
        assert_eq!(fast, general, "kid {kid:?}");
    }
    // with no alg the key's default follows the kid, as `sign` appends it
    let fast =
        compact_with_alg_and_kid(payload, &key, None, Some("k"), Some("HS256".into())).unwrap();
    let header = b64::decode(fast.split('.').next().unwrap());
    assert_eq!(header, br#"{"kid":"k","alg":"HS256"}"#);
    assert_eq!(
        err_of(compact_with_alg_and_kid(payload, &key, None, None, None)).message,
        "could not resolve a usable \"alg\" for a recipient"
    );
}
