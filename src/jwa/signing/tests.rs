use serde_json::Value;

use super::*;
use crate::b64;
use crate::jwk::json::{material_from_jwk, JwkImportOptions};
use crate::jwk::material::EcCurve;

/// RFC 7520 / 7797 / 8037 cases, copied from shared/vectors.
pub(crate) fn cookbook() -> Value {
    serde_json::from_str(include_str!("../../../tests/vectors/rfc-cookbook.json")).unwrap()
}

/// One named case of the cookbook.
pub(crate) fn case(name: &str) -> Value {
    cookbook()["cases"][name].clone()
}

/// A JSON object (a header, a JWK) out of a `json!` value.
pub(crate) fn obj(v: Value) -> serde_json::Map<String, Value> {
    match v {
        Value::Object(m) => m,
        other => panic!("not an object: {other}"),
    }
}

/// Keys and signatures made by jose 1.28.2 under Node 20 (see
/// tests/vectors/README.md).
pub(crate) fn jose_fixtures() -> Value {
    serde_json::from_str(include_str!("../../../tests/vectors/jose-fixtures.json")).unwrap()
}

/// The vectors' JWKs, through the real importer.
pub(crate) fn material(jwk: &Value) -> Material {
    material_from_jwk(jwk.as_object().unwrap(), JwkImportOptions::default()).unwrap()
}

pub(crate) fn signer(jwk: &Value) -> Signer {
    Signer::new(&material(jwk)).unwrap()
}

fn public_signer(jwk: &Value) -> Signer {
    Signer::new(&material(jwk).to_public().unwrap()).unwrap()
}

fn fixture_key(name: &str) -> Value {
    jose_fixtures()["keys"][name].clone()
}

fn flip(bytes: &[u8], index: usize) -> Vec<u8> {
    let mut out = bytes.to_vec();
    out[index] ^= 0x01;
    out
}

const MSG: &[u8] = b"eyJhbGciOiJub25lIn0.cGF5bG9hZA";

#[test]
fn algorithm_names_round_trip() {
    for alg in SignatureAlgorithm::ALL {
        assert_eq!(SignatureAlgorithm::from_name(alg.name()), Some(alg));
    }
    assert_eq!(SignatureAlgorithm::from_name("hs256"), None);
    assert_eq!(SignatureAlgorithm::from_name("ES256k"), None);
}

#[test]
fn hmac_signs_with_each_hash_and_any_key_length() {
    for k in [vec![], vec![7u8], vec![0x42u8; 200]] {
        let s = Signer::new(&Material::Oct { k: k.into() }).unwrap();
        for (alg, len) in [("HS256", 32), ("HS384", 48), ("HS512", 64)] {
            let tag = s.sign(alg, MSG).unwrap();
            assert_eq!(tag.len(), len);
            assert!(s.verify(alg, MSG, &tag).unwrap());
            assert!(!s.verify(alg, MSG, &flip(&tag, len - 1)).unwrap());
            assert!(!s.verify(alg, b"other", &tag).unwrap());
            assert!(!s.verify(alg, MSG, &tag[..len - 1]).unwrap());
            assert!(!s.verify(alg, MSG, &[]).unwrap());
        }
    }
}

#[test]
fn hmac_rejects_truncated_tag_even_when_missing_bytes_are_zero() {
    // jose zero-pads before comparing; here the length must match.
    let s = Signer::new(&Material::Oct {
        k: b"secret".to_vec().into(),
    })
    .unwrap();
    let mut tag = s.sign("HS256", MSG).unwrap();
    tag.push(0);
    assert!(!s.verify("HS256", MSG, &tag).unwrap());
}

#[test]
fn hmac_matches_rfc_4231_case_2() {
    let s = Signer::new(&Material::Oct {
        k: b"Jefe".to_vec().into(),
    })
    .unwrap();
    let tag = s.sign("HS256", b"what do ya want for nothing?").unwrap();
    let hex: String = tag.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(
        hex,
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    );
}

#[test]
fn unknown_algorithm_is_not_supported_in_jose_words() {
    let s = Signer::new(&Material::Oct {
        k: vec![1; 32].into(),
    })
    .unwrap();
    let err = s.sign("FOO", MSG).unwrap_err();
    assert_eq!(err.kind, Kind::NotSupported);
    assert_eq!(err.message, "unsupported sign alg: FOO");
    let err = s.verify("HS257", MSG, &[]).unwrap_err();
    assert_eq!(err.kind, Kind::NotSupported);
    assert_eq!(err.message, "unsupported verify alg: HS257");
}

#[test]
fn algorithms_the_material_cannot_do_are_key_support_errors() {
    let cases: Vec<(Signer, &str, Operation)> = vec![
        (
            Signer::new(&Material::Oct {
                k: vec![1; 32].into(),
            })
            .unwrap(),
            "RS256",
            Operation::Sign,
        ),
        (
            Signer::new(&Material::Oct {
                k: vec![1; 32].into(),
            })
            .unwrap(),
            "none",
            Operation::Verify,
        ),
        (
            public_signer(&cookbook()["cases"]["3.4"]),
            "RS256",
            Operation::Sign,
        ),
        (
            public_signer(&cookbook()["cases"]["3.4"]),
            "ES256",
            Operation::Verify,
        ),
        (
            signer(&cookbook()["cases"]["3.2"]),
            "ES256",
            Operation::Sign,
        ),
        (
            public_signer(&cookbook()["cases"]["3.2"]),
            "ES512",
            Operation::Sign,
        ),
        (signer(&fixture_key("p256")), "ES256K", Operation::Verify),
        (signer(&fixture_key("secp256k1")), "ES256", Operation::Sign),
        (
            public_signer(&fixture_key("ed25519")),
            "EdDSA",
            Operation::Sign,
        ),
        (signer(&fixture_key("ed25519")), "ES256", Operation::Sign),
        (
            Signer::new(&Material::Okp {
                curve: OkpCurve::X25519,
                x: vec![9; 32],
                d: Some(vec![1; 32].into()),
            })
            .unwrap(),
            "EdDSA",
            Operation::Sign,
        ),
        (Signer::unsecured(), "HS256", Operation::Sign),
    ];
    for (s, alg, op) in cases {
        let err = if op == Operation::Sign {
            s.sign(alg, MSG).unwrap_err()
        } else {
            s.verify(alg, MSG, &[]).unwrap_err()
        };
        assert_eq!(err.kind, Kind::JwkKeySupport, "{s:?} {alg}");
        assert_eq!(
            err.message,
            format!("the key does not support {alg} {} algorithm", op.name())
        );
    }
}

#[test]
fn unsecured_signer_does_none_only() {
    let s = Signer::unsecured();
    assert_eq!(s.sign("none", MSG).unwrap(), Vec::<u8>::new());
    assert!(s.verify("none", MSG, &[]).unwrap());
    assert!(!s.verify("none", MSG, &[0]).unwrap());
    assert!(s.supports(Operation::Verify, SignatureAlgorithm::None));
    assert!(!s.supports(Operation::Sign, SignatureAlgorithm::Hs256));
    assert!(!s.supports(Operation::WrapKey, SignatureAlgorithm::None));
}

#[test]
fn rsa_2048_reproduces_rfc7520_rs256_and_round_trips_pss() {
    let jwk = &cookbook()["cases"]["3.4"];
    let (private, public) = (signer(jwk), public_signer(jwk));
    let case = &cookbook()["cases"]["4.1"]["output"]["compact"];
    let compact = case.as_str().unwrap();
    let (input, sig) = compact.rsplit_once('.').unwrap();
    let expected = b64::decode(sig);
    assert_eq!(private.sign("RS256", input.as_bytes()).unwrap(), expected);
    assert!(public.verify("RS256", input.as_bytes(), &expected).unwrap());
    assert!(!public
        .verify("RS256", input.as_bytes(), &flip(&expected, 100))
        .unwrap());
    assert!(!public.verify("RS384", input.as_bytes(), &expected).unwrap());
    assert!(!public
        .verify("RS256", input.as_bytes(), &expected[1..])
        .unwrap());

    for alg in ["RS384", "RS512", "PS256", "PS384", "PS512"] {
        let sig = private.sign(alg, MSG).unwrap();
        assert_eq!(sig.len(), 256);
        assert!(public.verify(alg, MSG, &sig).unwrap(), "{alg}");
        assert!(private.verify(alg, MSG, &sig).unwrap(), "{alg}");
        assert!(!public.verify(alg, b"other", &sig).unwrap(), "{alg}");
        assert!(!public.verify(alg, MSG, &flip(&sig, 0)).unwrap(), "{alg}");
    }
    // PSS is randomised: two signatures differ, both verify.
    assert_ne!(
        private.sign("PS256", MSG).unwrap(),
        private.sign("PS256", MSG).unwrap()
    );
}

#[test]
fn jose_signatures_verify_and_deterministic_ones_reproduce() {
    let fixtures = jose_fixtures();
    for case in fixtures["signatures"].as_array().unwrap() {
        let key = &fixtures["keys"][case["key"].as_str().unwrap()];
        let alg = case["alg"].as_str().unwrap();
        let input = case["input"].as_str().unwrap().as_bytes();
        let sig = b64::decode(case["signature"].as_str().unwrap());
        let (private, public) = (signer(key), public_signer(key));
        assert!(
            public.verify(alg, input, &sig).unwrap(),
            "{alg} {}",
            case["key"]
        );
        assert!(
            !public
                .verify(alg, input, &flip(&sig, sig.len() / 2))
                .unwrap(),
            "{alg}"
        );
        assert!(!public.verify(alg, &input[1..], &sig).unwrap(), "{alg}");
        let ours = private.sign(alg, input).unwrap();
        assert!(public.verify(alg, input, &ours).unwrap(), "{alg}");
        if alg.starts_with("RS") || alg == "EdDSA" {
            assert_eq!(ours, sig, "{alg} {} is deterministic", case["key"]);
        }
    }
}

#[test]
fn small_rsa_keys_work_within_jose_length_limits() {
    // 512-bit modulus: below aws-lc-rs's range, served by rsa_raw.
    let s = signer(&fixture_key("rsa512"));
    let sig = s.sign("RS256", MSG).unwrap();
    assert_eq!(sig.len(), 64);
    assert!(s.verify("RS256", MSG, &sig).unwrap());
    assert!(!s.verify("RS256", MSG, &flip(&sig, 3)).unwrap());
    for alg in ["RS384", "RS512", "PS256", "PS384", "PS512"] {
        assert_eq!(
            s.sign(alg, MSG).unwrap_err().kind,
            Kind::JwkKeySupport,
            "{alg}"
        );
        assert_eq!(
            s.verify(alg, MSG, &sig).unwrap_err().kind,
            Kind::JwkKeySupport,
            "{alg}"
        );
    }
    // 1024-bit: everything but PS512 (needs 1040 bits).
    let s = signer(&fixture_key("rsa1024"));
    for alg in ["RS256", "RS384", "RS512", "PS256", "PS384"] {
        let sig = s.sign(alg, MSG).unwrap();
        assert!(s.verify(alg, MSG, &sig).unwrap(), "{alg}");
        assert!(!s.verify(alg, MSG, &sig[..127]).unwrap(), "{alg}");
    }
    assert_eq!(s.sign("PS512", MSG).unwrap_err().kind, Kind::JwkKeySupport);
}

#[test]
fn rsa_keys_above_8192_bits_work() {
    // 9216 bits: above aws-lc-rs's range, served by rsa_raw.
    let key = fixture_key("rsa9216");
    let (private, public) = (signer(&key), public_signer(&key));
    for alg in ["RS256", "PS256", "PS512"] {
        let sig = private.sign(alg, MSG).unwrap();
        assert_eq!(sig.len(), 1152, "{alg}");
        assert!(public.verify(alg, MSG, &sig).unwrap(), "{alg}");
        assert!(
            !public.verify(alg, MSG, &flip(&sig, 1000)).unwrap(),
            "{alg}"
        );
    }
}

#[test]
fn inconsistent_rsa_private_key_fails_on_first_use() {
    for name in ["rsa512", "rsa1024"] {
        let mut m = material(&fixture_key(name));
        if let Material::Rsa {
            private: Some(p), ..
        } = &mut m
        {
            p.d[5] ^= 1;
        }
        let s = Signer::new(&m).unwrap();
        let err = s.sign("RS256", MSG).unwrap_err();
        assert_eq!(err.kind, Kind::JwkImportFailed, "{name}");
        // The failure is remembered, not retried into a different answer.
        assert_eq!(
            s.sign("RS256", MSG).unwrap_err().kind,
            Kind::JwkImportFailed
        );
    }
    let mut m = material(&cookbook()["cases"]["3.4"]);
    if let Material::Rsa {
        private: Some(p), ..
    } = &mut m
    {
        p.qi[5] ^= 1;
    }
    assert_eq!(
        Signer::new(&m)
            .unwrap()
            .sign("PS256", MSG)
            .unwrap_err()
            .kind,
        Kind::JwkImportFailed
    );
}

#[test]
fn ecdsa_signatures_are_fixed_width_and_checked() {
    for (name, alg, width) in [
        ("p256", "ES256", 64),
        ("p384", "ES384", 96),
        ("secp256k1", "ES256K", 64),
    ] {
        let key = fixture_key(name);
        let (private, public) = (signer(&key), public_signer(&key));
        let sig = private.sign(alg, MSG).unwrap();
        assert_eq!(sig.len(), width, "{alg}");
        assert!(public.verify(alg, MSG, &sig).unwrap(), "{alg}");
        assert!(
            !public.verify(alg, MSG, &flip(&sig, width - 1)).unwrap(),
            "{alg}"
        );
        assert!(
            !public.verify(alg, MSG, &sig[..width - 1]).unwrap(),
            "{alg}"
        );
        let mut longer = sig.clone();
        longer.push(0);
        assert!(!public.verify(alg, MSG, &longer).unwrap(), "{alg}");
        // A DER signature is not what JOSE carries.
        assert!(!public
            .verify(alg, MSG, &[0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01])
            .unwrap());
    }
    let p521 = &cookbook()["cases"]["3.2"];
    let sig = signer(p521).sign("ES512", MSG).unwrap();
    assert_eq!(sig.len(), 132);
    assert!(public_signer(p521).verify("ES512", MSG, &sig).unwrap());
}

#[test]
fn ecdsa_r_and_s_keep_their_width_when_short() {
    // About one signature in 128 has an `r` or `s` whose first byte is 0:
    // that half must still be left-padded to the full width.
    let key = fixture_key("p256");
    let (private, public) = (signer(&key), public_signer(&key));
    let mut short = 0;
    for _ in 0..2000 {
        let sig = private.sign("ES256", MSG).unwrap();
        assert_eq!(sig.len(), 64);
        if sig[0] == 0 || sig[32] == 0 {
            short += 1;
            assert!(public.verify("ES256", MSG, &sig).unwrap());
        }
    }
    assert!(short > 0, "no short r or s in 2000 signatures");
}

#[test]
fn ec_private_scalar_must_match_the_point() {
    let mut m = material(&fixture_key("p256"));
    if let Material::Ec { d: Some(d), .. } = &mut m {
        d[31] ^= 1;
    }
    let err = Signer::new(&m).unwrap().sign("ES256", MSG).unwrap_err();
    assert_eq!(err.kind, Kind::JwkImportFailed);
}

#[test]
fn ec_point_off_the_curve_never_verifies() {
    let mut m = material(&fixture_key("p256")).to_public().unwrap();
    if let Material::Ec { y, .. } = &mut m {
        y[31] ^= 1;
    }
    let err = Signer::new(&m)
        .unwrap()
        .verify("ES256", MSG, &[0; 64])
        .unwrap_err();
    assert_eq!(err.kind, Kind::JwkImportFailed);
}

#[test]
fn ed25519_signs_and_checks_its_public_key() {
    let key = fixture_key("ed25519");
    let (private, public) = (signer(&key), public_signer(&key));
    let sig = private.sign("EdDSA", MSG).unwrap();
    assert_eq!(sig.len(), 64);
    assert!(public.verify("EdDSA", MSG, &sig).unwrap());
    assert!(!public.verify("EdDSA", MSG, &flip(&sig, 10)).unwrap());
    assert!(!public.verify("EdDSA", MSG, &sig[..63]).unwrap());

    let mut m = material(&key);
    if let Material::Okp { x, .. } = &mut m {
        x[0] ^= 1;
    }
    assert_eq!(
        Signer::new(&m)
            .unwrap()
            .sign("EdDSA", MSG)
            .unwrap_err()
            .kind,
        Kind::JwkImportFailed
    );
}

#[test]
fn ed448_signs_through_curve448_and_checks_its_public_key() {
    // jose's own Ed448 signature is reproduced by the fixture test; here the
    // rest of the contract.
    let key = fixture_key("ed448");
    let (private, public) = (signer(&key), public_signer(&key));
    let sig = private.sign("EdDSA", MSG).unwrap();
    assert_eq!(sig.len(), 114);
    assert!(public.verify("EdDSA", MSG, &sig).unwrap());
    assert!(!public.verify("EdDSA", MSG, &flip(&sig, 10)).unwrap());
    assert!(!public.verify("EdDSA", MSG, &sig[..113]).unwrap());
    assert_eq!(
        public.sign("EdDSA", MSG).unwrap_err().kind,
        Kind::JwkKeySupport
    );

    let mut m = material(&key);
    if let Material::Okp { x, .. } = &mut m {
        x[0] ^= 1;
    }
    let s = Signer::new(&m).unwrap();
    assert_eq!(
        s.sign("EdDSA", MSG).unwrap_err().kind,
        Kind::JwkImportFailed
    );
    assert_eq!(
        s.sign("EdDSA", MSG).unwrap_err().kind,
        Kind::JwkImportFailed
    );
}

#[test]
fn malformed_component_lengths_are_import_failures() {
    let bad = [
        Material::Okp {
            curve: OkpCurve::Ed25519,
            x: vec![1; 31],
            d: None,
        },
        Material::Okp {
            curve: OkpCurve::Ed448,
            x: vec![1; 57],
            d: Some(vec![1; 56].into()),
        },
        Material::Ec {
            curve: EcCurve::P256,
            x: vec![1; 33],
            y: vec![1; 32],
            d: None,
        },
        Material::Rsa {
            n: vec![0, 0],
            e: vec![1, 0, 1],
            private: None,
        },
        Material::Rsa {
            n: vec![],
            e: vec![1, 0, 1],
            private: None,
        },
        Material::Rsa {
            n: vec![0xc5; 256],
            e: vec![],
            private: None,
        },
    ];
    for m in bad {
        assert_eq!(
            Signer::new(&m).unwrap_err().kind,
            Kind::JwkImportFailed,
            "{m:?}"
        );
    }
}

#[test]
fn signer_is_shareable_across_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Signer>();

    let s = std::sync::Arc::new(signer(&fixture_key("rsa1024")));
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let s = s.clone();
            std::thread::spawn(move || {
                let sig = s.sign("PS256", MSG).unwrap();
                s.verify("PS256", MSG, &sig).unwrap()
            })
        })
        .collect();
    for h in handles {
        assert!(h.join().unwrap());
    }
}
