//! JWT end to end on the Rust side: tokens signed with HS256, verified with
//! the options as the facade would pass them. The Node differential tests
//! compare the same behaviour with jose itself.

use serde_json::{json, Map, Value};

use super::*;
use crate::b64;
use crate::error::{ClaimFailure, Error, Kind, Result};
use crate::jwa::signing::Signer;
use crate::jwk::material::Material;

/// 2019-01-01T00:00:00Z, and the same instant in seconds.
const NOW_MS: f64 = 1_546_300_800_000.0;
const NOW: i64 = 1_546_300_800;

fn secret() -> Signer {
    Signer::new(&Material::Oct {
        k: vec![42; 32].into(),
    })
    .unwrap()
}

fn token_with(header: Value, payload: Value) -> String {
    let input = format!(
        "{}.{}",
        b64::encode(header.to_string().as_bytes()),
        b64::encode(payload.to_string().as_bytes())
    );
    let signature = secret().sign("HS256", input.as_bytes()).unwrap();
    format!("{input}.{}", b64::encode(&signature))
}

fn token(payload: Value) -> String {
    token_with(json!({"alg": "HS256"}), payload)
}

fn options(mut v: Value) -> VerifyOptions {
    let map = v.as_object_mut().unwrap();
    map.entry("now").or_insert(json!(NOW_MS));
    VerifyOptions::from_json(map).unwrap()
}

/// `JWT.verify` as the binding runs it: decode, the signature, the claims.
fn verify_with(token: &str, options: &VerifyOptions, key: &Signer) -> Result<DecodedJwt> {
    let decoded = decode(token)?;
    verify_signature(&decoded, options, |_, _| Ok(vec![key]))?;
    validate_claims(&decoded, options)?;
    Ok(decoded)
}

fn run(token: &str, opts: Value) -> Result<Value> {
    verify_with(token, &options(opts), &secret()).map(|d| d.payload.to_value())
}

fn claim_error(kind: Kind, message: &str, claim: &'static str, reason: &'static str) -> Error {
    Error::claim(kind, message, claim, reason)
}

fn invalid(message: &str, claim: &'static str, reason: &'static str) -> Error {
    claim_error(Kind::JwtClaimInvalid, message, claim, reason)
}

#[test]
fn verifies_and_returns_the_payload() {
    let payload = json!({"sub": "a", "iat": NOW, "exp": NOW + 60});
    assert_eq!(run(&token(payload.clone()), json!({})).unwrap(), payload);
}

#[test]
fn signature_is_checked_before_any_claim() {
    let mut t = token(json!({"exp": 0, "iss": 1}));
    t.push('A');
    let e = run(&t, json!({"issuer": "x"})).unwrap_err();
    assert_eq!(e.kind, Kind::JwsVerificationFailed);
    let e = run(&token(json!({})), json!({"algorithms": ["RS256"]})).unwrap_err();
    assert_eq!(e.kind, Kind::AlgNotWhitelisted);
}

#[test]
fn padded_and_standard_alphabet_signatures_verify_as_in_node() {
    let t = token(json!({"a": 1}));
    let (input, sig) = t.rsplit_once('.').unwrap();
    let std_alphabet = sig.replace('-', "+").replace('_', "/");
    assert!(run(&format!("{input}.{std_alphabet}=="), json!({})).is_ok());
}

#[test]
fn claim_types() {
    for (payload, opts, expected) in [
        (
            json!({"iat": "1"}),
            json!({}),
            invalid(
                "\"iat\" claim must be a JSON numeric value",
                "iat",
                "invalid",
            ),
        ),
        (
            json!({"exp": null}),
            json!({}),
            invalid(
                "\"exp\" claim must be a JSON numeric value",
                "exp",
                "invalid",
            ),
        ),
        (
            json!({"nbf": true}),
            json!({}),
            invalid(
                "\"nbf\" claim must be a JSON numeric value",
                "nbf",
                "invalid",
            ),
        ),
        (
            json!({"auth_time": "0"}),
            json!({}),
            invalid(
                "\"auth_time\" claim must be a JSON numeric value",
                "auth_time",
                "invalid",
            ),
        ),
        (
            json!({}),
            json!({"maxAuthAge": "1h"}),
            invalid("\"auth_time\" claim is missing", "auth_time", "missing"),
        ),
        (
            json!({}),
            json!({"maxTokenAge": "1h"}),
            invalid("\"iat\" claim is missing", "iat", "missing"),
        ),
        (
            json!({"jti": ""}),
            json!({}),
            invalid("\"jti\" claim must be a string", "jti", "invalid"),
        ),
        (
            json!({}),
            json!({"jti": "j"}),
            invalid("\"jti\" claim is missing", "jti", "missing"),
        ),
        (
            json!({"acr": 1}),
            json!({}),
            invalid("\"acr\" claim must be a string", "acr", "invalid"),
        ),
        (
            json!({}),
            json!({"nonce": "n"}),
            invalid("\"nonce\" claim is missing", "nonce", "missing"),
        ),
        (
            json!({"iss": ["a", 1]}),
            json!({}),
            invalid(
                "\"iss\" claim must be a string or array of strings",
                "iss",
                "invalid",
            ),
        ),
        (
            json!({}),
            json!({"issuer": "i"}),
            invalid("\"iss\" claim is missing", "iss", "missing"),
        ),
        (
            json!({"sub": {}}),
            json!({}),
            invalid("\"sub\" claim must be a string", "sub", "invalid"),
        ),
        (
            json!({}),
            json!({"subject": "s"}),
            invalid("\"sub\" claim is missing", "sub", "missing"),
        ),
        (
            json!({"aud": []}),
            json!({}),
            invalid(
                "\"aud\" claim must be a string or array of strings",
                "aud",
                "invalid",
            ),
        ),
        (
            json!({}),
            json!({"audience": "a"}),
            invalid("\"aud\" claim is missing", "aud", "missing"),
        ),
        (
            json!({"azp": 0}),
            json!({}),
            invalid("\"azp\" claim must be a string", "azp", "invalid"),
        ),
        (
            json!({"amr": [1]}),
            json!({}),
            invalid(
                "\"amr\" claim must be a string or array of strings",
                "amr",
                "invalid",
            ),
        ),
        (
            json!({}),
            json!({"typ": "JWT"}),
            invalid("\"typ\" header parameter is missing", "typ", "missing"),
        ),
    ] {
        let result = run(&token(payload.clone()), opts.clone());
        assert_eq!(result.unwrap_err(), expected, "{payload} {opts}");
    }
    assert!(run(&token(json!({"amr": "pwd", "iss": ["a", "b"]})), json!({})).is_ok());
}

#[test]
fn type_checks_run_in_jose_order() {
    // Both bad: "iat" is looked at before "iss".
    let e = run(&token(json!({"iat": "x", "iss": 1})), json!({})).unwrap_err();
    assert_eq!(
        e.claim,
        Some(ClaimFailure {
            claim: "iat".into(),
            reason: "invalid"
        })
    );
    // The header's typ comes after every claim type.
    let e = run(&token(json!({"amr": 1})), json!({"typ": "JWT"})).unwrap_err();
    assert_eq!(e.claim.unwrap().claim, "amr");
}

#[test]
fn typ_header_must_be_a_string() {
    let t = token_with(json!({"alg": "HS256", "typ": 1}), json!({}));
    assert_eq!(
        run(&t, json!({})).unwrap_err(),
        invalid(
            "\"typ\" header parameter must be a string",
            "typ",
            "invalid"
        )
    );
}

#[test]
fn value_checks() {
    let payload = json!({"iss": "i", "nonce": "n", "sub": "s", "jti": "j", "aud": ["a", "b"]});
    let t = token(payload);
    assert!(run(&t, json!({"issuer": ["x", "i"], "nonce": "n", "subject": "s", "jti": "j", "audience": ["z", "b"]})).is_ok());
    for (opts, claim) in [
        (json!({"issuer": "x"}), "iss"),
        (json!({"nonce": "x"}), "nonce"),
        (json!({"subject": "x"}), "sub"),
        (json!({"jti": "x"}), "jti"),
        (json!({"audience": ["x", "y"]}), "aud"),
    ] {
        assert_eq!(
            run(&t, opts).unwrap_err(),
            invalid(
                &format!("unexpected \"{claim}\" claim value"),
                claim,
                "check_failed"
            )
        );
    }
    // An array "iss" is a valid type but never matches.
    let e = run(&token(json!({"iss": ["i"]})), json!({"issuer": "i"})).unwrap_err();
    assert_eq!(e.message, "unexpected \"iss\" claim value");
}

#[test]
fn typ_compares_without_case_or_application_prefix() {
    let t = token_with(
        json!({"alg": "HS256", "typ": "application/AT+jwt"}),
        json!({}),
    );
    assert!(run(&t, json!({"typ": "at+JWT"})).is_ok());
    assert!(run(&t, json!({"typ": "application/at+jwt"})).is_ok());
    assert_eq!(
        run(&t, json!({"typ": "JWT"})).unwrap_err(),
        invalid("unexpected \"typ\" JWT header value", "typ", "check_failed")
    );
}

#[test]
fn clock_edges() {
    let exp_now = token(json!({"exp": NOW}));
    let expired = claim_error(
        Kind::JwtExpired,
        "\"exp\" claim timestamp check failed",
        "exp",
        "check_failed",
    );
    assert_eq!(run(&exp_now, json!({})).unwrap_err(), expired);
    assert!(run(&exp_now, json!({"clockTolerance": "1s"})).is_ok());
    assert!(run(&exp_now, json!({"ignoreExp": true})).is_ok());
    assert!(run(&token(json!({"exp": NOW + 1})), json!({})).is_ok());
    assert_eq!(
        run(
            &token(json!({"exp": NOW - 1})),
            json!({"clockTolerance": "1s"})
        )
        .unwrap_err(),
        expired
    );
    // Milliseconds do not count: 999 ms later is still the same second.
    assert!(run(
        &token(json!({"exp": NOW + 1})),
        json!({"now": NOW_MS + 999.0})
    )
    .is_ok());

    let nbf = invalid(
        "\"nbf\" claim timestamp check failed",
        "nbf",
        "check_failed",
    );
    assert!(run(&token(json!({"nbf": NOW})), json!({})).is_ok());
    assert_eq!(
        run(&token(json!({"nbf": NOW + 1})), json!({})).unwrap_err(),
        nbf
    );
    assert!(run(
        &token(json!({"nbf": NOW + 60})),
        json!({"clockTolerance": "1 min"})
    )
    .is_ok());
    assert!(run(&token(json!({"nbf": NOW + 60})), json!({"ignoreNbf": true})).is_ok());

    let future = invalid(
        "\"iat\" claim timestamp check failed (it should be in the past)",
        "iat",
        "check_failed",
    );
    assert_eq!(
        run(&token(json!({"iat": NOW + 1})), json!({})).unwrap_err(),
        future
    );
    assert!(run(
        &token(json!({"iat": NOW + 1})),
        json!({"clockTolerance": "1s"})
    )
    .is_ok());
    assert!(run(&token(json!({"iat": NOW + 1})), json!({"ignoreIat": true})).is_ok());
    // With "exp" present a future "iat" is not looked at.
    assert!(run(
        &token(json!({"iat": NOW + 100, "exp": NOW + 200})),
        json!({})
    )
    .is_ok());
    assert!(run(&token(json!({"iat": NOW as f64 + 0.5})), json!({})).is_err());
}

#[test]
fn max_token_age_and_max_auth_age() {
    let too_old = claim_error(
        Kind::JwtExpired,
        "\"iat\" claim timestamp check failed (too far in the past)",
        "iat",
        "check_failed",
    );
    let t = token(json!({"iat": NOW - 3600, "exp": NOW + 60}));
    assert!(run(&t, json!({"maxTokenAge": "1 hour"})).is_ok());
    assert_eq!(
        run(&t, json!({"maxTokenAge": "59 min"})).unwrap_err(),
        too_old
    );
    assert!(run(
        &t,
        json!({"maxTokenAge": "59 min", "clockTolerance": "60s"})
    )
    .is_ok());
    // maxTokenAge also catches an "iat" in the future when "exp" hides it.
    let t = token(json!({"iat": NOW + 10, "exp": NOW + 60}));
    assert_eq!(
        run(&t, json!({"maxTokenAge": "1h"})).unwrap_err(),
        invalid(
            "\"iat\" claim timestamp check failed (it should be in the past)",
            "iat",
            "check_failed"
        )
    );
    assert!(run(&t, json!({"maxTokenAge": "1h", "clockTolerance": "10s"})).is_ok());

    let auth = invalid(
        "\"auth_time\" claim timestamp check failed (too much time has elapsed since the last End-User authentication)",
        "auth_time",
        "check_failed",
    );
    let t = token(json!({"auth_time": NOW - 300}));
    assert!(run(&t, json!({"maxAuthAge": "5m"})).is_ok());
    assert_eq!(run(&t, json!({"maxAuthAge": "299s"})).unwrap_err(), auth);
    assert!(run(&t, json!({"maxAuthAge": "299s", "clockTolerance": "1s"})).is_ok());
}

#[test]
fn timespans_are_read_only_when_their_check_is_reached() {
    let bad = Error::type_error("invalid time period format (\"soon\")");
    // The "iss" check comes first.
    let e = run(
        &token(json!({"iss": "x"})),
        json!({"issuer": "i", "clockTolerance": "soon"}),
    )
    .unwrap_err();
    assert_eq!(e.claim.unwrap().claim, "iss");
    assert_eq!(
        run(&token(json!({})), json!({"clockTolerance": "soon"})).unwrap_err(),
        bad
    );
    let t = token(json!({"auth_time": NOW, "iat": NOW}));
    assert_eq!(run(&t, json!({"maxAuthAge": "soon"})).unwrap_err(), bad);
    assert_eq!(run(&t, json!({"maxTokenAge": "soon"})).unwrap_err(), bad);
    // An expired token fails before maxTokenAge is read.
    let t = token(json!({"iat": NOW, "exp": NOW}));
    assert_eq!(
        run(&t, json!({"maxTokenAge": "soon"})).unwrap_err().kind,
        Kind::JwtExpired
    );
}

fn id_token(extra: Value) -> Value {
    let mut p =
        json!({"iss": "https://op", "sub": "u", "aud": "client", "iat": NOW, "exp": NOW + 60});
    for (k, v) in extra.as_object().unwrap() {
        if v.is_null() {
            p.as_object_mut().unwrap().remove(k);
        } else {
            p[k] = v.clone();
        }
    }
    p
}

#[test]
fn id_token_profile() {
    let opts = || json!({"profile": "id_token", "issuer": "https://op", "audience": "client"});
    assert!(run(&token(id_token(json!({}))), opts()).is_ok());
    for (drop, claim) in [("iat", "iat"), ("exp", "exp"), ("sub", "sub")] {
        let e = run(&token(id_token(json!({drop: null}))), opts()).unwrap_err();
        assert_eq!(
            e.claim,
            Some(ClaimFailure {
                claim: claim.into(),
                reason: "missing"
            })
        );
    }
    // Several audiences: "azp" is required and must be the client.
    let several = id_token(json!({"aud": ["client", "other"]}));
    assert_eq!(
        run(&token(several.clone()), opts()).unwrap_err(),
        invalid("\"azp\" claim is missing", "azp", "missing")
    );
    let mut good = several.clone();
    good["azp"] = json!("client");
    assert!(run(&token(good.clone()), opts()).is_ok());
    good["azp"] = json!("other");
    assert_eq!(
        run(&token(good.clone()), opts()).unwrap_err(),
        invalid("unexpected \"azp\" claim value", "azp", "check_failed")
    );
    // jose compares "azp" with the audience option itself: a list never matches.
    good["azp"] = json!("client");
    let mut list = opts();
    list["audience"] = json!(["client"]);
    assert_eq!(
        run(&token(good), list).unwrap_err().claim.unwrap().claim,
        "azp"
    );
    // A single-element array needs no azp.
    assert!(run(&token(id_token(json!({"aud": ["client"]}))), opts()).is_ok());
}

#[test]
fn access_token_profile() {
    let opts = || json!({"profile": "at+JWT", "issuer": "https://op", "audience": "rs"});
    let payload = || json!({"iss": "https://op", "sub": "u", "aud": "rs", "iat": NOW, "exp": NOW + 60, "jti": "j", "client_id": "c"});
    let header = |typ: &str| json!({"alg": "HS256", "typ": typ});
    assert!(run(&token_with(header("at+jwt"), payload()), opts()).is_ok());
    assert!(run(&token_with(header("application/at+JWT"), payload()), opts()).is_ok());
    assert_eq!(
        run(&token_with(header("JWT"), payload()), opts()).unwrap_err(),
        invalid("unexpected \"typ\" JWT header value", "typ", "check_failed")
    );
    // The profile's typ wins over the option.
    let mut with_typ = opts();
    with_typ["typ"] = json!("JWT");
    assert!(run(&token_with(header("at+jwt"), payload()), with_typ).is_ok());
    assert_eq!(
        run(&token(payload()), opts()).unwrap_err(),
        invalid("\"typ\" header parameter is missing", "typ", "missing")
    );
    for claim in ["jti", "client_id", "sub", "exp", "iat"] {
        let mut p = payload();
        p.as_object_mut().unwrap().remove(claim);
        let failure = run(&token_with(header("at+jwt"), p), opts())
            .unwrap_err()
            .claim
            .unwrap();
        assert_eq!((&*failure.claim, failure.reason), (claim, "missing"));
    }
}

#[test]
fn logout_token_profile() {
    let opts = || json!({"profile": "logout_token", "issuer": "https://op", "audience": "client"});
    let base = || json!({"iss": "https://op", "aud": "client", "iat": NOW, "jti": "j", "sid": "s", "events": {"http://schemas.openid.net/event/backchannel-logout": {}}});
    assert!(run(&token(base()), opts()).is_ok());
    let with = |f: &dyn Fn(&mut Map<String, Value>)| {
        let mut p = base();
        f(p.as_object_mut().unwrap());
        run(&token(p), opts()).unwrap_err()
    };
    assert_eq!(
        with(&|p| {
            p.remove("jti");
        }),
        invalid("\"jti\" claim is missing", "jti", "missing")
    );
    assert_eq!(
        with(&|p| {
            p.insert("sid".into(), json!(1));
        }),
        invalid("\"sid\" claim must be a string", "sid", "invalid")
    );
    assert_eq!(
        with(&|p| {
            p.remove("sid");
        }),
        Error::new(
            Kind::JwtClaimInvalid,
            "either \"sid\" or \"sub\" (or both) claims must be present"
        )
    );
    assert_eq!(
        with(&|p| {
            p.insert("nonce".into(), json!("n"));
        }),
        invalid("\"nonce\" claim is prohibited", "nonce", "prohibited")
    );
    assert_eq!(
        with(&|p| {
            p.remove("events");
        }),
        invalid("\"events\" claim is missing", "events", "missing")
    );
    assert_eq!(
        with(&|p| {
            p.insert("events".into(), json!([]));
        }),
        invalid("\"events\" claim must be an object", "events", "invalid")
    );
    assert_eq!(
        with(&|p| {
            p.insert("events".into(), json!({"constructor": {}}));
        }),
        invalid("\"events\" claim must be an object", "events", "invalid")
    );
    assert_eq!(
        with(&|p| { p.insert("events".into(), json!({})); }),
        invalid("\"http://schemas.openid.net/event/backchannel-logout\" member is missing in the \"events\" claim", "events", "invalid")
    );
    assert_eq!(
        with(&|p| { p.insert("events".into(), json!({"http://schemas.openid.net/event/backchannel-logout": 1})); }),
        invalid("\"http://schemas.openid.net/event/backchannel-logout\" member in the \"events\" claim must be an object", "events", "invalid")
    );
    // "sub" alone does as well as "sid".
    let mut p = base();
    p.as_object_mut().unwrap().remove("sid");
    p["sub"] = json!("u");
    assert!(run(&token(p), opts()).is_ok());
}

#[test]
fn jarm_profile() {
    let opts = || json!({"profile": "jarm", "issuer": "https://as", "audience": "client"});
    let code =
        json!({"iss": "https://as", "aud": "client", "exp": NOW + 60, "code": "c", "state": "s"});
    assert_eq!(run(&token(code.clone()), opts()).unwrap(), code);
    let error = json!({"iss": "https://as", "aud": "client", "exp": NOW + 60, "error": "access_denied", "error_description": "no", "state": "s"});
    assert_eq!(
        run(&token(error), opts()).unwrap()["error"],
        "access_denied"
    );
    for (claim, reason) in [("iss", "missing"), ("aud", "missing"), ("exp", "missing")] {
        let mut p = code.clone();
        p.as_object_mut().unwrap().remove(claim);
        assert_eq!(
            run(&token(p), opts()).unwrap_err().claim.unwrap().claim,
            claim,
            "{reason}"
        );
    }
    for claim in ["code", "state", "error", "error_description", "error_uri"] {
        let mut p = code.clone();
        p[claim] = json!(7);
        let e = run(&token(p), opts()).unwrap_err();
        assert_eq!(e.message, format!("\"{claim}\" claim must be a string"));
    }
    let mut with_state = opts();
    with_state["state"] = json!("s");
    assert!(run(&token(code.clone()), with_state.clone()).is_ok());
    with_state["state"] = json!("other");
    assert_eq!(
        run(&token(code.clone()), with_state.clone()).unwrap_err(),
        invalid("unexpected \"state\" claim value", "state", "check_failed")
    );
    let mut p = code.clone();
    p.as_object_mut().unwrap().remove("state");
    assert_eq!(
        run(&token(p), with_state).unwrap_err(),
        invalid("\"state\" claim is missing", "state", "missing")
    );
    let mut p = code;
    p["exp"] = json!(NOW);
    assert_eq!(run(&token(p), opts()).unwrap_err().kind, Kind::JwtExpired);
}

#[test]
fn non_object_payloads_behave_as_in_javascript() {
    let raw = |payload: &str| {
        let input = format!(
            "{}.{}",
            b64::encode(br#"{"alg":"HS256"}"#),
            b64::encode(payload.as_bytes())
        );
        let signature = secret().sign("HS256", input.as_bytes()).unwrap();
        format!("{input}.{}", b64::encode(&signature))
    };
    let all_ignored = json!({"ignoreIat": true, "ignoreNbf": true, "ignoreExp": true});
    assert_eq!(run(&raw("[1]"), json!({})).unwrap(), json!([1]));
    assert_eq!(run(&raw("12"), all_ignored.clone()).unwrap(), json!(12));
    assert_eq!(
        run(&raw("12"), json!({})).unwrap_err(),
        Error::type_error("Cannot use 'in' operator to search for 'exp' in 12")
    );
    assert_eq!(
        run(&raw("true"), json!({"ignoreIat": true})).unwrap_err(),
        Error::type_error("Cannot use 'in' operator to search for 'nbf' in true")
    );
    // A string inherits String.prototype.sub, which is no string.
    assert_eq!(
        run(&raw("\"s\""), json!({})).unwrap_err(),
        invalid("\"sub\" claim must be a string", "sub", "invalid")
    );
    assert_eq!(
        run(&raw("null"), all_ignored).unwrap_err(),
        Error::type_error("Cannot read properties of null (reading 'iat')")
    );
    assert_eq!(
        run(&raw("1"), json!({"issuer": "i"}))
            .unwrap_err()
            .claim
            .unwrap()
            .claim,
        "iss"
    );
}

#[test]
fn non_object_headers_fail_as_in_jose() {
    let with_header = |header: &str| format!("{}.e30.sig", b64::encode(header.as_bytes()));
    let key = secret();
    let attempt =
        |header: &str| verify_with(&with_header(header), &options(json!({})), &key).unwrap_err();
    let missing = Error::new(Kind::JwsInvalid, "missing JWS signature algorithm");
    for header in ["[]", "0", "false", "\"\"", "{}"] {
        assert_eq!(attempt(header), missing, "{header}");
    }
    assert_eq!(
        attempt("null"),
        Error::type_error("Cannot read properties of null (reading 'alg')")
    );
    assert_eq!(
        attempt("1.5"),
        Error::type_error("Cannot use 'in' operator to search for 'crit' in 1.5")
    );
    assert_eq!(
        attempt("\"x\""),
        Error::type_error("Cannot use 'in' operator to search for 'crit' in x")
    );
}

#[test]
fn crit_passes_through_to_jws() {
    let t = token_with(
        json!({"alg": "HS256", "crit": ["exp"], "exp": 1}),
        json!({}),
    );
    assert_eq!(
        run(&t, json!({})).unwrap_err().kind,
        Kind::CritNotUnderstood
    );
    assert!(run(&t, json!({"crit": ["exp"]})).is_ok());
}

#[test]
fn sign_options_and_claims() {
    let read = |v: Value| SignOptions::from_json(v.as_object().unwrap());
    let o = read(json!({"now": NOW_MS, "expiresIn": "2 hours", "notBefore": "1.5 m", "subject": "s", "audience": ["a"], "issuer": "i", "jti": "j", "nonce": "n"})).unwrap();
    let claims = o.claims(true).unwrap();
    let names: Vec<&str> = claims.iter().map(|(name, _)| *name).collect();
    assert_eq!(
        names,
        ["sub", "aud", "iss", "jti", "iat", "nonce", "exp", "nbf"]
    );
    let object: serde_json::Map<String, Value> = claims
        .into_iter()
        .map(|(name, value)| (name.to_owned(), value))
        .collect();
    assert_eq!(
        Value::Object(object),
        json!({"sub": "s", "aud": ["a"], "iss": "i", "jti": "j", "iat": NOW, "nonce": "n", "exp": NOW + 7200, "nbf": NOW + 90})
    );
    // The claims follow the payload's own text, a comma only between members.
    assert_eq!(
        o.claims_set_text("{}".into()).unwrap(),
        format!(
            r#"{{"sub":"s","aud":["a"],"iss":"i","jti":"j","iat":{NOW},"nonce":"n","exp":{},"nbf":{}}}"#,
            NOW + 7200,
            NOW + 90
        )
    );
    let some = read(json!({"now": NOW_MS, "subject": "s\"q"})).unwrap();
    assert_eq!(
        some.claims_set_text(r#"{"x":"}"}"#.into()).unwrap(),
        format!(r#"{{"x":"}}","sub":"s\"q","iat":{NOW}}}"#)
    );
    assert!(some.claims_set_text("[]".into()).is_err());
    // Order: existing members keep their place, new ones follow in jose's order.
    let payload = json!({"exp": 1, "x": 2}).as_object().unwrap().clone();
    let set = o.claims_set(payload).unwrap();
    let names: Vec<&str> = set.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        ["exp", "x", "sub", "aud", "iss", "jti", "iat", "nonce", "nbf"]
    );

    let none = read(json!({"iat": false})).unwrap();
    assert!(none.claims(true).unwrap().is_empty());
    assert_eq!(none.kid, None);
    assert_eq!(read(json!({"kid": false})).unwrap().kid, Some(false));
    assert_eq!(
        read(json!({"expiresIn": "later"}))
            .unwrap()
            .claims(true)
            .unwrap_err(),
        Error::type_error("invalid time period format (\"later\")")
    );
    assert_eq!(
        read(json!({"expiresIn": "later"}))
            .unwrap()
            .claims(false)
            .unwrap_err(),
        Error::type_error("payload must be an object")
    );
    let huge = read(json!({"expiresIn": format!("{}y", "9".repeat(400))})).unwrap();
    assert_eq!(
        huge.claims(true).unwrap()[1],
        ("exp", Value::Null),
        "Infinity stringifies as null"
    );
}

#[test]
fn sign_option_errors_in_jose_order() {
    let message = |v: Value| {
        SignOptions::from_json(v.as_object().unwrap())
            .unwrap_err()
            .message
    };
    for (opts, text) in [
        (json!({"iat": 1, "kid": 1}), "options.iat must be a boolean"),
        (
            json!({"kid": "no", "subject": 1}),
            "options.kid must be a boolean",
        ),
        (
            json!({"subject": "", "issuer": 1}),
            "options.subject must be a string",
        ),
        (
            json!({"issuer": [], "audience": 1}),
            "options.issuer must be a string",
        ),
        (
            json!({"audience": [""], "header": null}),
            "options.audience must be a string or an array of strings",
        ),
        (
            json!({"header": null, "algorithm": 1}),
            "options.header must be an object",
        ),
        (
            json!({"algorithm": 1, "expiresIn": 1}),
            "options.algorithm must be a string",
        ),
        (
            json!({"expiresIn": 1, "notBefore": 1}),
            "options.expiresIn must be a string",
        ),
        (
            json!({"notBefore": 1, "jti": 1}),
            "options.notBefore must be a string",
        ),
        (
            json!({"jti": 1, "nonce": 1}),
            "options.jti must be a string",
        ),
        (
            json!({"nonce": 1, "now": 1}),
            "options.nonce must be a string",
        ),
        (
            json!({"now": null}),
            "options.now must be a valid Date object",
        ),
        (json!({"now": 0}), "options.now must be a valid Date object"),
    ] {
        assert_eq!(message(opts.clone()), text, "{opts}");
    }
}
