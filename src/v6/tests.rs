//! jose 6's rules, checked against what jose 6 itself does (the
//! differential tests in `__test__/v6-*.test.js` compare the whole API;
//! these pin the core's decisions without Node).

use super::claims::{self, ClaimOptions, Span};
use super::header::{self, Understood, JWS_RECOGNIZED};
use super::jws::{self, Flattened, Form, Member, Payload, SignInput, Unencoded, VerifyOptions};
use super::keys::{KeyForm, KeyInput};
use crate::error::{Error, Kind};
use zeroize::Zeroizing;

fn secret() -> KeyInput {
    KeyInput::new(
        KeyForm::Bytes(Zeroizing::new(
            b"a-string-secret-at-least-256-bits-long".to_vec(),
        )),
        String::new(),
        None,
    )
}

fn sign_input<'a>(header: &str, payload: &'a [u8]) -> SignInput<'a> {
    SignInput {
        payload,
        protected: Member::Given(header.to_owned()),
        unprotected: Member::Absent,
        crit: None,
        unencoded: Unencoded::Allowed,
    }
}

fn sign(header: &str, payload: &[u8]) -> crate::error::Result<String> {
    jws::sign_compact(&sign_input(header, payload), &secret())
}

fn verify(token: &str, options: &VerifyOptions) -> crate::error::Result<Vec<u8>> {
    let checked = jws::check(jws::split_compact(Some(token))?, options, Form::Compact)?;
    jws::verify(&checked, &secret())
}

#[test]
fn a_compact_jws_round_trips_and_a_flipped_signature_fails() {
    let token = sign(r#"{"alg":"HS256"}"#, b"hello").unwrap();
    // the flattened JWS holds the same parts
    let flattened = jws::sign(&sign_input(r#"{"alg":"HS256"}"#, b"hello"), &secret()).unwrap();
    let parts = [
        flattened.protected.unwrap(),
        flattened.payload,
        flattened.signature,
    ];
    assert_eq!(parts.join("."), token);
    assert_eq!(verify(&token, &VerifyOptions::default()).unwrap(), b"hello");
    let mut broken = token.clone();
    broken.pop();
    broken.push(if token.ends_with('A') { 'B' } else { 'A' });
    let err = verify(&broken, &VerifyOptions::default()).unwrap_err();
    assert_eq!(err.kind, Kind::JwsSignatureVerificationFailed);
    assert_eq!(err.message, "signature verification failed");
}

#[test]
fn checks_run_in_jose6_order() {
    let options = VerifyOptions {
        algorithms: Member::Given(vec!["RS256".into()]),
        crit: None,
    };
    let token = sign(r#"{"alg":"HS256"}"#, b"x").unwrap();
    let err = verify(&token, &options).unwrap_err();
    assert_eq!(err.kind, Kind::AlgNotAllowed);
    let err = verify("a.b", &VerifyOptions::default()).unwrap_err();
    assert_eq!(
        (err.kind, err.message.as_str()),
        (Kind::JwsInvalid, "Invalid Compact JWS")
    );
    let err = verify("e30.AQ.AA", &VerifyOptions::default()).unwrap_err();
    assert_eq!(
        err.message,
        "JWS \"alg\" (Algorithm) Header Parameter missing or invalid"
    );
    let wrong = VerifyOptions {
        algorithms: Member::Wrong,
        crit: None,
    };
    assert_eq!(
        verify("e30.AQ.AA", &wrong).unwrap_err().kind,
        Kind::TypeError
    );
}

#[test]
fn crit_names_what_the_caller_understands() {
    let protected: header::Header =
        serde_json::from_str(r#"{"alg":"HS256","crit":["x"],"x":1}"#).unwrap();
    let jose = protected.clone();
    let err = header::validate_crit(
        Kind::JwsInvalid,
        JWS_RECOGNIZED,
        None,
        Some(&protected),
        &jose,
    )
    .unwrap_err();
    assert_eq!(err.kind, Kind::NotSupported);
    let understood = [Understood {
        name: "x".into(),
        protected: true,
    }];
    let names = header::validate_crit(
        Kind::JwsInvalid,
        JWS_RECOGNIZED,
        Some(&understood),
        Some(&protected),
        &jose,
    )
    .unwrap();
    assert_eq!(names, vec!["x".to_owned()]);
    let duplicate: header::Header = serde_json::from_str(r#"{"crit":["b64","b64"]}"#).unwrap();
    assert!(header::check_crit_duplicates(Kind::JwsInvalid, Some(&duplicate)).is_err());
}

#[test]
fn unencoded_payloads_follow_rfc7797() {
    let header = r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#;
    let signed = jws::sign(&sign_input(header, b"$.02"), &secret()).unwrap();
    assert_eq!(signed.payload, "", "jose 6 leaves the payload member empty");
    let err = sign(header, b"$.02").unwrap_err();
    assert_eq!(
        err.message,
        "use the flattened module for creating JWS with b64: false"
    );
    assert!(!signed.b64);
    let flattened = Flattened {
        protected: Member::Given(signed.protected.clone().unwrap().into()),
        header: Member::Absent,
        payload: Member::Given(Payload::Text("$.02".into())),
        signature: Member::Given(signed.signature.clone().into()),
        compact_input: None,
    };
    let checked = jws::check(
        flattened,
        &VerifyOptions::default(),
        Form::Json { well_formed: true },
    )
    .unwrap();
    assert_eq!(jws::verify(&checked, &secret()).unwrap(), b"$.02");
    let compact_refused = SignInput {
        payload: b"x",
        protected: Member::Given(header.into()),
        unprotected: Member::Absent,
        crit: None,
        unencoded: Unencoded::CompactRefused,
    };
    assert_eq!(
        jws::sign(&compact_refused, &secret()).unwrap_err().kind,
        Kind::TypeError
    );
}

fn claims(text: &str) -> claims::Claims<'_> {
    claims::parse(text.as_bytes(), &[]).unwrap()
}

/// The claim checks with no protected header, at `now`.
fn check(set: &claims::Claims<'_>, options: &ClaimOptions, now: f64) -> Result<(), Error> {
    claims::validate(
        &Default::default(),
        set,
        options,
        &claims::Clock::Seconds(now),
    )
}

#[test]
fn claims_fail_with_the_claim_the_reason_and_the_payload() {
    let set = claims(r#"{"exp":100,"iat":50}"#);
    let options = ClaimOptions::default();
    let err = check(&set, &options, 100.0).unwrap_err();
    assert_eq!(err.kind, Kind::JwtExpired);
    let failure = err.claim.unwrap();
    assert_eq!((&*failure.claim, failure.reason), ("exp", "check_failed"));
    assert_eq!(err.payload.as_deref(), Some(r#"{"exp":100,"iat":50}"#));
    let tolerant = ClaimOptions {
        clock_tolerance: Some(Span::Text("1s".into())),
        ..options.clone()
    };
    assert!(check(&set, &tolerant, 100.0).is_ok());
    let required = ClaimOptions {
        required_claims: vec![Some("a".into()), Some("b".into())],
        ..options.clone()
    };
    let err = check(&set, &required, 100.0).unwrap_err();
    assert_eq!(
        err.message, "missing required \"b\" claim",
        "checked from last to first"
    );
    // a Symbol member fails as jose 6's message template does, when reached
    for (members, expected) in [
        (vec![Some("b".to_owned()), None], Kind::TypeError),
        (
            vec![None, Some("b".to_owned())],
            Kind::JwtClaimValidationFailed,
        ),
    ] {
        let with_symbol = ClaimOptions {
            required_claims: members,
            ..options.clone()
        };
        let err = check(&set, &with_symbol, 100.0).unwrap_err();
        assert_eq!(err.kind, expected);
    }
    let aged = ClaimOptions {
        max_token_age: Some(Span::Seconds(10.0)),
        ..ClaimOptions::default()
    };
    let err = check(&set, &aged, 99.0).unwrap_err();
    assert_eq!(
        err.message,
        "\"iat\" claim timestamp check failed (too far in the past)"
    );
    let wrong = ClaimOptions {
        clock_tolerance: Some(Span::WrongType),
        ..options
    };
    let err = check(&set, &wrong, 100.0).unwrap_err();
    assert_eq!(
        (err.kind, err.message.as_str()),
        (Kind::TypeError, "Invalid clockTolerance option type")
    );
}

#[test]
fn required_claims_the_shared_reader_skips_are_still_seen() {
    // `scope` is not a claim jose 1.x's reader keeps: naming it in
    // requiredClaims reads every member
    let options = ClaimOptions {
        required_claims: vec![Some("scope".into()), Some("iss".into())],
        ..ClaimOptions::default()
    };
    let text = r#"{"iss":"a","scope":null,"scope":"x y"}"#;
    let set = claims::parse(text.as_bytes(), &options.required_claims).unwrap();
    assert!(check(&set, &options, 0.0).is_ok());
    let text = r#"{"iss":"a","scopes":"x"}"#;
    let set = claims::parse(text.as_bytes(), &options.required_claims).unwrap();
    let err = check(&set, &options, 0.0).unwrap_err();
    assert_eq!(err.message, "missing required \"scope\" claim");
}

#[test]
fn typ_is_compared_as_a_media_type() {
    let set = claims("{}");
    let protected: header::Header =
        serde_json::from_str(r#"{"typ":"application/AT+JWT"}"#).unwrap();
    let options = ClaimOptions {
        typ: Some(claims::Typ::Text("at+jwt".into())),
        ..ClaimOptions::default()
    };
    assert!(claims::validate(&protected, &set, &options, &claims::Clock::Seconds(0.0)).is_ok());
    let other = ClaimOptions {
        typ: Some(claims::Typ::Text("JWT".into())),
        ..options
    };
    assert_eq!(
        claims::validate(&protected, &set, &other, &claims::Clock::Seconds(0.0))
            .unwrap_err()
            .message,
        "unexpected \"typ\" JWT header value"
    );
}

#[test]
fn a_claims_set_must_be_a_json_object_in_utf8() {
    for bad in [&b"[1]"[..], b"\xff", b"", b"{"] {
        let err = claims::parse(bad, &[]).err().unwrap();
        assert_eq!(err.kind, Kind::JwtInvalid);
    }
    assert_eq!(
        claims::parse(b"\xef\xbb\xbf{}", &[]).unwrap().text,
        "{}",
        "a BOM is dropped"
    );
}

#[test]
fn decode_jwt_reports_each_failure_as_jose6_does() {
    use super::jwt::decode;
    assert_eq!(
        decode(None).unwrap_err().message,
        "JWTs must use Compact JWS serialization, JWT must be a string"
    );
    assert_eq!(
        decode(Some("a.b.c.d.e")).unwrap_err().message,
        "Only JWTs using Compact JWS serialization can be decoded"
    );
    assert_eq!(
        decode(Some("a..c")).unwrap_err().message,
        "JWTs must contain a payload"
    );
    assert_eq!(
        decode(Some("a.!.c")).unwrap_err().message,
        "Failed to base64url decode the payload"
    );
    assert_eq!(
        decode(Some("a.W10.c")).unwrap_err().message,
        "Invalid JWT Claims Set"
    );
    assert_eq!(decode(Some("a.e30.c")).unwrap(), "{}");
}

#[test]
fn remembered_headers_read_as_fresh_ones() {
    let segments: Vec<String> = (0..20)
        .map(|i| crate::b64::encode(format!(r#"{{"alg":"HS256","kid":"{i}"}}"#).as_bytes()))
        .collect();
    // twice over more segments than the thread keeps: hits and evictions
    for _ in 0..2 {
        for (i, segment) in segments.iter().enumerate() {
            let read = jws::protected_header(Some(segment)).unwrap();
            let (header, text) = (&read.members, read.text.clone());
            assert_eq!(
                header.get("kid").and_then(|k| k.as_str()),
                Some(i.to_string().as_str())
            );
            assert_eq!(text.unwrap(), format!(r#"{{"alg":"HS256","kid":"{i}"}}"#));
        }
    }
    let err = jws::protected_header(Some("e30x")).unwrap_err();
    assert_eq!(err.message, "JWS Protected Header is invalid");
}

#[test]
fn signing_writes_the_canonical_segment_of_a_header_read_before() {
    // 28 bytes: the last character carries 4 bits atob ignores
    let text = r#"{"alg":"HS256","kid":"bom1"}"#;
    let canonical = crate::b64::encode(text.as_bytes());
    // the same text read from segments signing would not write: with a
    // BOM, and with bits atob ignores in the last character
    let with_bom = crate::b64::encode(format!("\u{feff}{text}").as_bytes());
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut loose = canonical.clone().into_bytes();
    let last = loose.pop().unwrap();
    let index = ALPHABET.iter().position(|&c| c == last).unwrap();
    loose.push(ALPHABET[index | 1]);
    let loose = String::from_utf8(loose).unwrap();
    assert_ne!(loose, canonical);
    for segment in [&with_bom, &loose] {
        let read = jws::protected_header(Some(segment)).unwrap();
        assert_eq!(read.text.as_deref(), Some(text));
    }
    let input = SignInput {
        payload: b"{}",
        protected: Member::Given(text.to_owned()),
        unprotected: Member::Absent,
        crit: None,
        unencoded: Unencoded::JwtRefused,
    };
    for _ in 0..2 {
        let prepared = jws::prepare_sign(&input).unwrap();
        let expected = format!("{canonical}.{}", crate::b64::encode(b"{}"));
        assert_eq!(prepared.signing_input, expected.as_bytes());
    }
}
