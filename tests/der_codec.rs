//! The DER / PEM / X.509 / encrypted PKCS#8 codec against fixtures written
//! by Node.js 20 and the openssl CLI (`tests/fixtures/der/make.js`).

use std::path::PathBuf;

use ::der::asn1::{AnyRef, OctetStringRef};
use ::der::Decode;
use build::tag;
use jose_native::asn1::oid;
use jose_native::b64;
use jose_native::error::{Error, Kind};
use jose_native::jwk::der::{
    export_private_der, export_public_der, import_private_der, import_public_der, PrivateFormat,
    PublicFormat,
};
use jose_native::jwk::material::{EcCurve, Material, OkpCurve, RsaPrivate};

fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/der")
        .join(name)
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixture_path(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn fixture_text(name: &str) -> String {
    String::from_utf8(fixture(name)).unwrap()
}

/// The private key material Node exported as JWK for fixture `kind`.
fn jwk(kind: &str) -> Material {
    let json: serde_json::Value =
        serde_json::from_slice(&fixture(&format!("{kind}.jwk.json"))).unwrap();
    let field = |name: &str| b64::decode(json[name].as_str().unwrap());
    match json["kty"].as_str().unwrap() {
        "RSA" => Material::Rsa {
            n: field("n"),
            e: field("e"),
            private: Some(Box::new(RsaPrivate {
                d: field("d").into(),
                p: field("p").into(),
                q: field("q").into(),
                dp: field("dp").into(),
                dq: field("dq").into(),
                qi: field("qi").into(),
            })),
        },
        "EC" => Material::Ec {
            curve: EcCurve::from_name(json["crv"].as_str().unwrap(), false).unwrap(),
            x: field("x"),
            y: field("y"),
            d: Some(field("d").into()),
        },
        "OKP" => Material::Okp {
            curve: OkpCurve::from_name(json["crv"].as_str().unwrap()).unwrap(),
            x: field("x"),
            d: Some(field("d").into()),
        },
        other => panic!("unexpected kty {other}"),
    }
}

/// The material with its public part dropped, as OKP PKCS#8 v1 decodes.
fn without_public(m: &Material) -> Material {
    match m.clone() {
        Material::Okp { curve, d, .. } => Material::Okp {
            curve,
            x: Vec::new(),
            d,
        },
        Material::Ec { curve, d, .. } => Material::Ec {
            curve,
            x: Vec::new(),
            y: Vec::new(),
            d,
        },
        other => other,
    }
}

const RSA: &[&str] = &["rsa"];
const EC: &[&str] = &["p256", "p384", "p521", "secp256k1"];
const OKP: &[&str] = &["ed25519", "ed448", "x25519", "x448"];

fn all_kinds() -> impl Iterator<Item = &'static str> {
    RSA.iter().chain(EC).chain(OKP).copied()
}

fn assert_error(result: Result<impl std::fmt::Debug, Error>, kind: Kind, message: &str) {
    let err = result.expect_err("expected an error");
    assert_eq!((err.kind, err.message.as_str()), (kind, message));
}

fn assert_import_failed(result: Result<impl std::fmt::Debug, Error>) {
    assert_error(result, Kind::JwkImportFailed, "key import failed");
}

mod der {
    use super::*;

    #[test]
    fn pkcs8_imports_match_node_jwk() {
        for kind in all_kinds() {
            let expected = jwk(kind);
            let imported =
                import_private_der(&fixture(&format!("{kind}.pkcs8.der")), PrivateFormat::Pkcs8)
                    .unwrap();
            // OpenSSL writes OKP PKCS#8 v1, which carries no public key.
            let expected = if OKP.contains(&kind) {
                without_public(&expected)
            } else {
                expected
            };
            assert!(imported == expected, "{kind}");
        }
    }

    #[test]
    fn pkcs1_and_sec1_imports_match_node_jwk() {
        assert!(
            import_private_der(&fixture("rsa.pkcs1.der"), PrivateFormat::Pkcs1).unwrap()
                == jwk("rsa")
        );
        for kind in EC {
            let imported =
                import_private_der(&fixture(&format!("{kind}.sec1.der")), PrivateFormat::Sec1)
                    .unwrap();
            assert!(imported == jwk(kind), "{kind}");
        }
    }

    #[test]
    fn public_imports_match_node_jwk() {
        for kind in all_kinds() {
            let imported =
                import_public_der(&fixture(&format!("{kind}.spki.der")), PublicFormat::Spki)
                    .unwrap();
            assert!(imported == jwk(kind).to_public().unwrap(), "{kind}");
        }
        let imported =
            import_public_der(&fixture("rsa.pkcs1-pub.der"), PublicFormat::Pkcs1).unwrap();
        assert!(imported == jwk("rsa").to_public().unwrap());
    }

    #[test]
    fn exports_equal_node_byte_for_byte() {
        for kind in all_kinds() {
            let key = jwk(kind);
            assert_eq!(
                *export_private_der(&key, PrivateFormat::Pkcs8).unwrap(),
                fixture(&format!("{kind}.pkcs8.der")),
                "{kind} pkcs8"
            );
            assert_eq!(
                export_public_der(&key, PublicFormat::Spki).unwrap(),
                fixture(&format!("{kind}.spki.der")),
                "{kind} spki from private"
            );
            assert_eq!(
                export_public_der(&key.to_public().unwrap(), PublicFormat::Spki).unwrap(),
                fixture(&format!("{kind}.spki.der")),
                "{kind} spki from public"
            );
        }
        let rsa = jwk("rsa");
        assert_eq!(
            *export_private_der(&rsa, PrivateFormat::Pkcs1).unwrap(),
            fixture("rsa.pkcs1.der")
        );
        assert_eq!(
            export_public_der(&rsa, PublicFormat::Pkcs1).unwrap(),
            fixture("rsa.pkcs1-pub.der")
        );
        for kind in EC {
            assert_eq!(
                *export_private_der(&jwk(kind), PrivateFormat::Sec1).unwrap(),
                fixture(&format!("{kind}.sec1.der")),
                "{kind} sec1"
            );
        }
    }

    #[test]
    fn ec_pkcs8_omits_curve_parameters_inside_but_sec1_has_them() {
        let pkcs8 = export_private_der(&jwk("p256"), PrivateFormat::Pkcs8).unwrap();
        let inner = AnyRef::from_der(&pkcs8)
            .unwrap()
            .sequence(|info| {
                u8::decode(info)?;
                AnyRef::decode(info)?;
                <&OctetStringRef>::decode(info)
            })
            .unwrap()
            .as_bytes();
        let tags = |der: &[u8]| {
            AnyRef::from_der(der)
                .unwrap()
                .sequence(|key| {
                    let mut tags = Vec::new();
                    while !::der::Reader::is_finished(key) {
                        tags.push(::der::Reader::tlv_bytes(key)?[0]);
                    }
                    Ok::<_, ::der::Error>(tags)
                })
                .unwrap()
        };
        assert_eq!(
            tags(inner),
            [tag::INTEGER, tag::OCTET_STRING, tag::CONTEXT_1]
        );
        let sec1 = export_private_der(&jwk("p256"), PrivateFormat::Sec1).unwrap();
        assert_eq!(
            tags(&sec1),
            [
                tag::INTEGER,
                tag::OCTET_STRING,
                tag::CONTEXT_0,
                tag::CONTEXT_1
            ]
        );
    }

    #[test]
    fn round_trips_every_kind_and_format() {
        for kind in all_kinds() {
            let key = jwk(kind);
            let mut formats = vec![PrivateFormat::Pkcs8];
            if RSA.contains(&kind) {
                formats.push(PrivateFormat::Pkcs1);
            }
            if EC.contains(&kind) {
                formats.push(PrivateFormat::Sec1);
            }
            for format in formats {
                let der = export_private_der(&key, format).unwrap();
                let back = import_private_der(&der, format).unwrap();
                let expected = if OKP.contains(&kind) {
                    without_public(&key)
                } else {
                    key.clone()
                };
                assert!(back == expected, "{kind} {format:?}");
            }
            let public = key.to_public().unwrap();
            let mut formats = vec![PublicFormat::Spki];
            if RSA.contains(&kind) {
                formats.push(PublicFormat::Pkcs1);
            }
            for format in formats {
                let der = export_public_der(&public, format).unwrap();
                assert!(
                    import_public_der(&der, format).unwrap() == public,
                    "{kind} {format:?}"
                );
            }
        }
    }

    #[test]
    fn okp_pkcs8_v2_carries_the_public_key() {
        use aws_lc_rs::signature::{Ed25519KeyPair, KeyPair};
        let pair = Ed25519KeyPair::generate().unwrap();
        let v2 = pair.to_pkcs8().unwrap();
        let imported = import_private_der(v2.as_ref(), PrivateFormat::Pkcs8).unwrap();
        let Material::Okp { curve, x, d } = imported else {
            panic!("not OKP")
        };
        assert_eq!(curve, OkpCurve::Ed25519);
        assert_eq!(x, pair.public_key().as_ref());
        assert_eq!(d.map(|d| d.len()), Some(32));
    }

    #[test]
    fn ec_without_public_key_returns_empty_coordinates() {
        let key = jwk("p384");
        let Material::Ec { d: Some(d), .. } = &key else {
            unreachable!()
        };
        // SEC1 with [0] parameters but no [1] publicKey.
        let sec1 = build::sequence(&[
            &build::small_integer(1),
            &build::octet_string(d),
            &build::context(tag::CONTEXT_0, &build::object_identifier(oid::CURVE_P384)),
        ]);
        let imported = import_private_der(&sec1, PrivateFormat::Sec1).unwrap();
        assert!(imported == without_public(&key));
        // PKCS#8 around an ECPrivateKey without either.
        let pkcs8 = pkcs8_ec(
            oid::CURVE_P384.as_bytes(),
            &build::sequence(&[&build::small_integer(1), &build::octet_string(d)]),
        );
        assert!(import_private_der(&pkcs8, PrivateFormat::Pkcs8).unwrap() == without_public(&key));
        // Exporting such material leaves [1] out instead of inventing it.
        let der = export_private_der(&without_public(&key), PrivateFormat::Sec1).unwrap();
        assert_eq!(*der, sec1);
    }

    fn pkcs8_ec(curve: &[u8], ec_private_key: &[u8]) -> Vec<u8> {
        build::sequence(&[
            &build::small_integer(0),
            &build::sequence(&[
                &build::object_identifier(oid::EC_PUBLIC_KEY),
                &build::object_identifier(curve),
            ]),
            &build::octet_string(ec_private_key),
        ])
    }

    #[test]
    fn short_ec_scalars_are_padded() {
        let short = build::sequence(&[
            &build::small_integer(1),
            &build::octet_string(&[0x01, 0x02]),
            &build::context(tag::CONTEXT_0, &build::object_identifier(oid::CURVE_P256)),
        ]);
        let Material::Ec { d: Some(d), .. } =
            import_private_der(&short, PrivateFormat::Sec1).unwrap()
        else {
            panic!()
        };
        assert_eq!(d.len(), 32);
        assert_eq!(&d[30..], &[1, 2]);
    }

    #[test]
    fn conflicting_or_missing_ec_curves_fail() {
        let key = build::sequence(&[
            &build::small_integer(1),
            &build::octet_string(&[7; 32]),
            &build::context(
                tag::CONTEXT_0,
                &build::object_identifier(oid::CURVE_SECP256K1),
            ),
        ]);
        assert_import_failed(import_private_der(
            &pkcs8_ec(oid::CURVE_P256.as_bytes(), &key),
            PrivateFormat::Pkcs8,
        ));
        let no_curve = build::sequence(&[&build::small_integer(1), &build::octet_string(&[7; 32])]);
        assert_import_failed(import_private_der(&no_curve, PrivateFormat::Sec1));
        // A point of the wrong size for the curve.
        let spki = build::sequence(&[
            &build::sequence(&[
                &build::object_identifier(oid::EC_PUBLIC_KEY),
                &build::object_identifier(oid::CURVE_P256),
            ]),
            &build::bit_string(&[4; 65 + 2]),
        ]);
        assert_import_failed(import_public_der(&spki, PublicFormat::Spki));
    }

    #[test]
    fn compressed_points_are_decompressed() {
        let expected = jwk("p256");
        let public =
            import_public_der(&fixture("p256.compressed.spki.der"), PublicFormat::Spki).unwrap();
        assert!(public == expected.to_public().unwrap());
        let private =
            import_private_der(&fixture("p256.compressed.sec1.der"), PrivateFormat::Sec1).unwrap();
        assert!(private == expected);
        // A compressed x that is not on the curve is refused.
        let mut bad = fixture("p256.compressed.spki.der");
        let last = bad.len() - 1;
        for flip in 0..=255u8 {
            bad[last] ^= flip;
            if let Ok(Material::Ec { x, y, .. }) = import_public_der(&bad, PublicFormat::Spki) {
                assert_eq!((x.len(), y.len()), (32, 32));
            }
            bad[last] ^= flip;
        }
    }

    #[test]
    fn unsupported_key_types_and_curves() {
        for name in ["dsa.pkcs8.der", "rsa-pss.pkcs8.der"] {
            assert_error(
                import_private_der(&fixture(name), PrivateFormat::Pkcs8),
                Kind::NotSupported,
                "only RSA, EC and OKP asymmetric keys are supported",
            );
        }
        for name in ["dsa.spki.der", "rsa-pss.spki.der"] {
            assert_error(
                import_public_der(&fixture(name), PublicFormat::Spki),
                Kind::NotSupported,
                "only RSA, EC and OKP asymmetric keys are supported",
            );
        }
        let multi_prime = "Private RSA keys with more than two primes are not supported";
        assert_error(
            import_private_der(&fixture("rsa3prime.pkcs8.der"), PrivateFormat::Pkcs8),
            Kind::NotSupported,
            multi_prime,
        );
        assert_error(
            import_private_der(&fixture("rsa3prime.pkcs1.der"), PrivateFormat::Pkcs1),
            Kind::NotSupported,
            multi_prime,
        );

        // secp224r1, 1.3.132.0.33.
        let spki = build::sequence(&[
            &build::sequence(&[
                &build::object_identifier(oid::EC_PUBLIC_KEY),
                &build::object_identifier([0x2b, 0x81, 0x04, 0x00, 0x21]),
            ]),
            &build::bit_string(&[4; 57]),
        ]);
        assert_error(
            import_public_der(&spki, PublicFormat::Spki),
            Kind::NotSupported,
            "unsupported EC key curve",
        );

        // An unknown algorithm around a broken structure is still a failed import.
        let mut broken = fixture("dsa.spki.der");
        broken.truncate(broken.len() - 1);
        assert_import_failed(import_public_der(&broken, PublicFormat::Spki));
    }

    #[test]
    fn formats_a_key_cannot_take_are_type_errors() {
        let pkcs1 = "The selected key encoding pkcs1 can only be used for RSA keys.";
        let sec1 = "The selected key encoding sec1 can only be used for EC keys.";
        for kind in EC.iter().chain(OKP) {
            let key = jwk(kind);
            assert_error(
                export_private_der(&key, PrivateFormat::Pkcs1),
                Kind::TypeError,
                pkcs1,
            );
            assert_error(
                export_public_der(&key, PublicFormat::Pkcs1),
                Kind::TypeError,
                pkcs1,
            );
        }
        for kind in RSA.iter().chain(OKP) {
            assert_error(
                export_private_der(&jwk(kind), PrivateFormat::Sec1),
                Kind::TypeError,
                sec1,
            );
        }
        let public = jwk("p256").to_public().unwrap();
        assert_error(
            export_private_der(&public, PrivateFormat::Pkcs8),
            Kind::TypeError,
            "public key cannot be exported as private",
        );
        let secret = Material::Oct {
            k: vec![1; 32].into(),
        };
        assert_error(
            export_private_der(&secret, PrivateFormat::Pkcs8),
            Kind::TypeError,
            "symmetric keys cannot be exported as PEM",
        );
        assert_error(
            export_public_der(&secret, PublicFormat::Spki),
            Kind::TypeError,
            "symmetric keys cannot be exported as PEM",
        );
        // Public part unknown: no SPKI can be written.
        assert_eq!(
            export_public_der(&without_public(&jwk("ed25519")), PublicFormat::Spki)
                .unwrap_err()
                .kind,
            Kind::TypeError
        );
    }

    #[test]
    fn wrong_format_for_the_bytes_fails() {
        assert_import_failed(import_private_der(
            &fixture("rsa.pkcs8.der"),
            PrivateFormat::Pkcs1,
        ));
        assert_import_failed(import_private_der(
            &fixture("rsa.pkcs1.der"),
            PrivateFormat::Pkcs8,
        ));
        assert_import_failed(import_private_der(
            &fixture("p256.sec1.der"),
            PrivateFormat::Pkcs8,
        ));
        assert_import_failed(import_private_der(
            &fixture("p256.pkcs8.der"),
            PrivateFormat::Sec1,
        ));
        assert_import_failed(import_public_der(
            &fixture("rsa.spki.der"),
            PublicFormat::Pkcs1,
        ));
        assert_import_failed(import_public_der(
            &fixture("rsa.pkcs1-pub.der"),
            PublicFormat::Spki,
        ));
        assert_import_failed(import_public_der(
            &fixture("p256.pkcs8.der"),
            PublicFormat::Spki,
        ));
        let mut trailing = fixture("ed25519.spki.der");
        trailing.push(0);
        assert_import_failed(import_public_der(&trailing, PublicFormat::Spki));
    }
}

/// Every DER fixture, truncated at every length and with every byte flipped,
/// through every decoder: errors are fine, panics are not; truncations never
/// decode.
mod mutations {
    use super::*;

    fn decode_all(der: &[u8]) -> Vec<bool> {
        vec![
            import_private_der(der, PrivateFormat::Pkcs8).is_ok(),
            import_private_der(der, PrivateFormat::Pkcs1).is_ok(),
            import_private_der(der, PrivateFormat::Sec1).is_ok(),
            import_public_der(der, PublicFormat::Spki).is_ok(),
            import_public_der(der, PublicFormat::Pkcs1).is_ok(),
            jose_native::jwk::x509::certificate_public_key(der).is_ok(),
            jose_native::jwk::x509::certificate_spki_der(der).is_ok(),
        ]
    }

    fn der_fixtures() -> Vec<(String, Vec<u8>)> {
        let mut names: Vec<String> = std::fs::read_dir(fixture_path(""))
            .unwrap()
            .map(|entry| entry.unwrap().file_name().into_string().unwrap())
            .filter(|name| name.ends_with(".der") && !name.contains(".epk."))
            .collect();
        names.sort();
        names
            .into_iter()
            .map(|name| {
                let der = fixture(&name);
                (name, der)
            })
            .collect()
    }

    #[test]
    fn truncations_never_decode() {
        for (name, der) in der_fixtures() {
            for len in 0..der.len() {
                assert!(
                    decode_all(&der[..len]).iter().all(|ok| !ok),
                    "{name} cut at {len}"
                );
            }
        }
    }

    #[test]
    fn bit_flips_never_panic() {
        for (name, der) in der_fixtures() {
            // Only the originals' own formats must still decode unchanged.
            assert!(
                decode_all(&der).iter().any(|ok| *ok)
                    || name.starts_with("dsa")
                    || name.contains("pss")
                    || name.contains("3prime"),
                "{name}"
            );
            let mut mutated = der.clone();
            for i in 0..der.len() {
                for mask in [0x01, 0x80, 0xff] {
                    mutated[i] ^= mask;
                    decode_all(&mutated);
                    mutated[i] ^= mask;
                }
            }
        }
    }
    /// xorshift64: reproducible noise without a dependency.
    fn noise(seed: u64) -> impl FnMut() -> u64 {
        let mut state = seed;
        move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        }
    }

    #[test]
    fn insertions_deletions_and_noise_never_panic() {
        let mut next = noise(0x9e37_79b9_7f4a_7c15);
        for (_, der) in der_fixtures() {
            for _ in 0..300 {
                let mut mutated = der.clone();
                let at = next() as usize % mutated.len();
                match next() % 3 {
                    0 => {
                        mutated.remove(at);
                    }
                    1 => mutated.insert(at, next() as u8),
                    _ => mutated[at] = next() as u8,
                }
                decode_all(&mutated);
            }
        }
        for _ in 0..20_000 {
            let len = next() % 48;
            let bytes: Vec<u8> = (0..len).map(|_| next() as u8).collect();
            decode_all(&bytes);
        }
    }

    /// Characters that matter to the PEM reader.
    const PEM_NOISE: &[u8] = b"-: \r\nA/+=,0";

    #[test]
    fn mangled_pem_text_never_panics() {
        use jose_native::jwk::pem_import::import_pem;
        let mut next = noise(0x2545_f491_4f6c_dd1d);
        for name in [
            "rsa.pkcs1.pem",
            "p256.sec1.pem",
            "ed25519.cert.pem",
            "p256.aes-256-cbc.sec1-legacy.pem",
            "x448.aes-128-cbc.epk.pem",
        ] {
            let text = fixture_text(name).into_bytes();
            for _ in 0..300 {
                let mut mutated = text.clone();
                let at = next() as usize % mutated.len();
                mutated[at] = PEM_NOISE[next() as usize % PEM_NOISE.len()];
                let mutated = String::from_utf8(mutated).unwrap();
                let _ = import_pem(&mutated, Some(b"secret"));
            }
        }
    }
}

mod pem_text {
    use super::*;
    use jose_native::jwk::pem::{encode_pem, parse_pem};

    /// (PEM fixture, DER fixture, label) for every unencrypted PEM Node wrote.
    fn pairs() -> Vec<(String, String, &'static str)> {
        let mut pairs = Vec::new();
        for kind in all_kinds() {
            pairs.push((
                format!("{kind}.pkcs8.pem"),
                format!("{kind}.pkcs8.der"),
                "PRIVATE KEY",
            ));
            pairs.push((
                format!("{kind}.spki.pem"),
                format!("{kind}.spki.der"),
                "PUBLIC KEY",
            ));
        }
        for kind in EC {
            pairs.push((
                format!("{kind}.sec1.pem"),
                format!("{kind}.sec1.der"),
                "EC PRIVATE KEY",
            ));
        }
        pairs.push((
            "rsa.pkcs1.pem".into(),
            "rsa.pkcs1.der".into(),
            "RSA PRIVATE KEY",
        ));
        pairs.push((
            "rsa.pkcs1-pub.pem".into(),
            "rsa.pkcs1-pub.der".into(),
            "RSA PUBLIC KEY",
        ));
        for cert in ["rsa.cert", "p256.cert", "ed25519.cert", "p384.cert-v1"] {
            pairs.push((format!("{cert}.pem"), format!("{cert}.der"), "CERTIFICATE"));
        }
        pairs
    }

    #[test]
    fn parse_and_encode_match_node() {
        for (pem, der, label) in pairs() {
            let text = fixture_text(&pem);
            let block = parse_pem(&text).unwrap();
            assert_eq!(block.label, label, "{pem}");
            assert_eq!(block.der, fixture(&der), "{pem}");
            assert_eq!(encode_pem(label, &block.der), text, "{pem}");
        }
    }

    #[test]
    fn exported_keys_as_pem_equal_node() {
        for kind in all_kinds() {
            let der = export_private_der(&jwk(kind), PrivateFormat::Pkcs8).unwrap();
            assert_eq!(
                encode_pem("PRIVATE KEY", &der),
                fixture_text(&format!("{kind}.pkcs8.pem"))
            );
        }
    }

    #[test]
    fn crlf_and_leading_text_are_tolerated() {
        let text = fixture_text("rsa.spki.pem");
        let dos = format!("key below\r\n\r\n{}", text.replace('\n', "\r\n"));
        assert_eq!(parse_pem(&dos).unwrap().der, fixture("rsa.spki.der"));
        // A PEM squashed onto one line is not (Node refuses it too).
        assert_import_failed(parse_pem(&text.replace('\n', "")));
    }
}

mod encrypted {
    use super::*;
    use jose_native::jwk::pem::parse_pem;
    use jose_native::jwk::pkcs8_encrypted::{decrypt, encrypt};

    const PASSPHRASE: &[u8] = b"secret";

    fn node_encrypted() -> Vec<(&'static str, String)> {
        [
            ("rsa", "aes-256-cbc"),
            ("p256", "aes-128-cbc"),
            ("p384", "aes-192-cbc"),
            ("ed25519", "aes-256-cbc"),
            ("x448", "aes-128-cbc"),
        ]
        .into_iter()
        .map(|(kind, cipher)| (kind, format!("{kind}.{cipher}.epk.pem")))
        .collect()
    }

    #[test]
    fn node_encrypted_keys_decrypt() {
        for (kind, name) in node_encrypted() {
            let block = parse_pem(&fixture_text(&name)).unwrap();
            assert_eq!(block.label, "ENCRYPTED PRIVATE KEY");
            let pkcs8 = decrypt(&block.der, PASSPHRASE).unwrap();
            assert_eq!(*pkcs8, fixture(&format!("{kind}.pkcs8.der")), "{name}");
            assert_import_failed(decrypt(&block.der, b"Secret"));
            assert_import_failed(decrypt(&block.der, b""));
        }
    }

    #[test]
    fn openssl_prf_scrypt_and_des3_variants_decrypt() {
        for variant in [
            "hmacWithSHA1",
            "hmacWithSHA224",
            "hmacWithSHA384",
            "hmacWithSHA512",
            "scrypt",
            "des3",
        ] {
            let der = fixture(&format!("p256.{variant}.epk.der"));
            assert_eq!(
                *decrypt(&der, PASSPHRASE).unwrap(),
                fixture("p256.pkcs8.der"),
                "{variant}"
            );
            assert_import_failed(decrypt(&der, b"wrong"));
        }
    }

    #[test]
    fn encrypt_round_trips_with_openssl_default_parameters() {
        let pkcs8 = fixture("p521.pkcs8.der");
        for (cipher, cipher_oid) in [
            ("aes-128-cbc", oid::AES128_CBC),
            ("aes-192-cbc", oid::AES192_CBC),
            ("aes-256-cbc", oid::AES256_CBC),
        ] {
            let epki = encrypt(&pkcs8, PASSPHRASE, cipher).unwrap();
            assert_eq!(*decrypt(&epki, PASSPHRASE).unwrap(), pkcs8);
            assert_import_failed(decrypt(&epki, b"nope"));
            // PBES2 { PBKDF2 { salt(16), 2048, hmacWithSHA256 NULL }, aes-CBC { iv(16) } }
            type Identifier<'a> = spki::AlgorithmIdentifierRef<'a>;
            let (alg, _) = AnyRef::from_der(&epki)
                .unwrap()
                .sequence(|info| {
                    let alg = Identifier::decode(info)?;
                    Ok::<_, ::der::Error>((alg, <&OctetStringRef>::decode(info)?))
                })
                .unwrap();
            assert_eq!(alg.oid, oid::PBES2);
            let (kdf, scheme) = alg
                .parameters
                .unwrap()
                .sequence(|params| {
                    Ok::<_, ::der::Error>((
                        Identifier::decode(params)?,
                        Identifier::decode(params)?,
                    ))
                })
                .unwrap();
            assert_eq!(kdf.oid, oid::PBKDF2);
            let (salt, iterations, prf) = kdf
                .parameters
                .unwrap()
                .sequence(|kdf_params| {
                    let salt = <&OctetStringRef>::decode(kdf_params)?.as_bytes().len();
                    let iterations = u64::decode(kdf_params)?;
                    Ok::<_, ::der::Error>((salt, iterations, Identifier::decode(kdf_params)?))
                })
                .unwrap();
            assert!(prf.parameters.unwrap().is_null());
            let (prf, enc) = (prf.oid, scheme.oid);
            let iv = scheme
                .parameters
                .unwrap()
                .decode_as::<&OctetStringRef>()
                .unwrap()
                .as_bytes()
                .len();
            assert_eq!(
                (salt, iterations, prf, enc, iv),
                (16, 2048, oid::HMAC_SHA256, cipher_oid, 16)
            );
        }
        // Fresh salt and IV every time.
        assert_ne!(
            encrypt(&pkcs8, PASSPHRASE, "aes-256-cbc").unwrap(),
            encrypt(&pkcs8, PASSPHRASE, "aes-256-cbc").unwrap()
        );
        assert_error(
            encrypt(&pkcs8, PASSPHRASE, "aes-256-gcm"),
            Kind::TypeError,
            "Unknown cipher",
        );
        assert_error(
            encrypt(&pkcs8, PASSPHRASE, "des-ede3-cbc"),
            Kind::TypeError,
            "Unknown cipher",
        );
    }

    fn pbes2(kdf: &[u8], iv: &[u8]) -> Vec<u8> {
        build::sequence(&[
            &build::sequence(&[
                &build::object_identifier(oid::PBES2),
                &build::sequence(&[
                    kdf,
                    &build::sequence(&[
                        &build::object_identifier(oid::AES128_CBC),
                        &build::octet_string(iv),
                    ]),
                ]),
            ]),
            &build::octet_string(&[0; 32]),
        ])
    }

    fn pbkdf2(iterations: u64, key_length: Option<u64>) -> Vec<u8> {
        let mut params = vec![
            build::octet_string(&[1; 8]),
            build::small_integer(iterations),
        ];
        if let Some(len) = key_length {
            params.push(build::small_integer(len));
        }
        let params: Vec<&[u8]> = params.iter().map(Vec::as_slice).collect();
        build::sequence(&[
            &build::object_identifier(oid::PBKDF2),
            &build::sequence(&params),
        ])
    }

    #[test]
    fn hostile_or_unsupported_parameters() {
        let started = std::time::Instant::now();
        assert_import_failed(decrypt(
            &pbes2(&pbkdf2(10_000_001, None), &[0; 16]),
            PASSPHRASE,
        ));
        assert_import_failed(decrypt(
            &pbes2(&pbkdf2(u64::MAX >> 1, None), &[0; 16]),
            PASSPHRASE,
        ));
        assert_import_failed(decrypt(&pbes2(&pbkdf2(0, None), &[0; 16]), PASSPHRASE));
        assert!(
            started.elapsed().as_secs() < 2,
            "iteration cap not applied up front"
        );
        // keyLength disagreeing with AES-128, and a short IV.
        assert_import_failed(decrypt(&pbes2(&pbkdf2(1, Some(32)), &[0; 16]), PASSPHRASE));
        assert_import_failed(decrypt(&pbes2(&pbkdf2(1, None), &[0; 8]), PASSPHRASE));
        // Matching keyLength is fine up to the (failing) decryption.
        assert_import_failed(decrypt(&pbes2(&pbkdf2(1, Some(16)), &[0; 16]), PASSPHRASE));

        // PBES1 / PKCS#12 scheme: pbeWithSHAAnd3-KeyTripleDES-CBC.
        let pkcs12 = build::sequence(&[
            &build::sequence(&[
                &build::object_identifier([
                    0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x01, 0x03,
                ]),
                &build::sequence(&[&build::octet_string(&[1; 8]), &build::small_integer(2048)]),
            ]),
            &build::octet_string(&[0; 32]),
        ]);
        assert_error(
            decrypt(&pkcs12, PASSPHRASE),
            Kind::NotSupported,
            "unsupported key encryption algorithm",
        );
        let mut broken = pkcs12.clone();
        broken.pop();
        assert_import_failed(decrypt(&broken, PASSPHRASE));
    }

    #[test]
    fn bit_flips_never_panic() {
        // scrypt is left out: each decryption attempt costs it 16 MiB of
        // hashing; its parameter limits are unit-tested in `pbe`.
        for name in ["p256.hmacWithSHA1.epk.der", "p256.des3.epk.der"] {
            let der = fixture(name);
            let mut mutated = der.clone();
            for i in 0..der.len() {
                for mask in [0x01, 0x80] {
                    mutated[i] ^= mask;
                    // IV flips still decrypt (to altered plaintext); what
                    // is returned is always one whole DER SEQUENCE.
                    if let Ok(plaintext) = decrypt(&mutated, PASSPHRASE) {
                        assert!(jose_native::asn1::one_sequence(&plaintext).is_ok());
                    }
                    mutated[i] ^= mask;
                }
            }
            for len in 0..der.len() {
                assert!(decrypt(&der[..len], PASSPHRASE).is_err());
            }
        }
    }
}

mod certificates {
    use super::*;
    use jose_native::jwk::x509::{certificate_public_key, certificate_spki_der};

    #[test]
    fn public_keys_of_openssl_certificates() {
        for (cert, kind) in [
            ("rsa.cert.der", "rsa"),
            ("p256.cert.der", "p256"),
            ("ed25519.cert.der", "ed25519"),
            ("p384.cert-v1.der", "p384"),
        ] {
            let der = fixture(cert);
            assert!(
                certificate_public_key(&der).unwrap() == jwk(kind).to_public().unwrap(),
                "{cert}"
            );
            assert_eq!(
                certificate_spki_der(&der).unwrap(),
                fixture(&format!("{kind}.spki.der")),
                "{cert}"
            );
        }
    }

    #[test]
    fn non_certificates_fail() {
        assert_import_failed(certificate_spki_der(&fixture("rsa.spki.der")));
        assert_import_failed(certificate_spki_der(&fixture("rsa.pkcs8.der")));
        let mut trailing = fixture("p256.cert.der");
        trailing.push(0);
        assert_import_failed(certificate_spki_der(&trailing));
    }
}

mod pem_import {
    use super::*;
    use jose_native::jwk::pem_import::import_pem;
    use jose_native::jwk::pem_legacy::encrypt_pem;

    fn import(name: &str, passphrase: Option<&[u8]>) -> Result<Material, Error> {
        import_pem(&fixture_text(name), passphrase).map(|imported| {
            assert!(imported.certificate.is_none());
            imported.material
        })
    }

    #[test]
    fn every_label() {
        let rsa = jwk("rsa");
        let p256 = jwk("p256");
        assert!(import("rsa.pkcs8.pem", None).unwrap() == rsa);
        assert!(import("rsa.pkcs1.pem", None).unwrap() == rsa);
        assert!(import("p256.sec1.pem", None).unwrap() == p256);
        assert!(import("p256.spki.pem", None).unwrap() == p256.to_public().unwrap());
        assert!(import("rsa.pkcs1-pub.pem", None).unwrap() == rsa.to_public().unwrap());
        assert!(
            import("ed25519.aes-256-cbc.epk.pem", Some(b"secret")).unwrap()
                == without_public(&jwk("ed25519"))
        );
        // A passphrase for a plain key is ignored.
        assert!(import("rsa.pkcs8.pem", Some(b"secret")).unwrap() == rsa);

        let imported = import_pem(&fixture_text("p256.cert.pem"), None).unwrap();
        assert!(imported.material == p256.to_public().unwrap());
        assert_eq!(imported.certificate, Some(fixture("p256.cert.der")));
    }

    #[test]
    fn encrypted_keys_need_the_right_passphrase() {
        for name in [
            "p384.aes-192-cbc.epk.pem",
            "rsa.aes-128-cbc.pkcs1-legacy.pem",
            "p256.aes-256-cbc.sec1-legacy.pem",
            "rsa.des3.pkcs1-legacy.pem",
        ] {
            assert_import_failed(import(name, None));
            assert_import_failed(import(name, Some(b"wrong")));
        }
        assert!(import("rsa.aes-128-cbc.pkcs1-legacy.pem", Some(b"secret")).unwrap() == jwk("rsa"));
        assert!(import("rsa.des3.pkcs1-legacy.pem", Some(b"secret")).unwrap() == jwk("rsa"));
        assert!(
            import("p256.aes-256-cbc.sec1-legacy.pem", Some(b"secret")).unwrap() == jwk("p256")
        );
    }

    #[test]
    fn legacy_encryption_round_trips() {
        let der = fixture("rsa.pkcs1.der");
        for cipher in ["aes-128-cbc", "aes-192-cbc", "AES-256-CBC"] {
            let text = encrypt_pem("RSA PRIVATE KEY", &der, b"pw", cipher).unwrap();
            assert!(text.contains("Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-"));
            assert!(import_pem(&text, Some(b"pw")).unwrap().material == jwk("rsa"));
        }
        assert_error(
            encrypt_pem("RSA PRIVATE KEY", &der, b"pw", "des-ede3-cbc"),
            Kind::TypeError,
            "Unknown cipher",
        );
    }

    #[test]
    fn unknown_labels_headers_and_types() {
        let spki = fixture_text("rsa.spki.pem");
        assert_import_failed(import_pem(&spki.replace("PUBLIC KEY", "X509 CRL"), None));
        assert_import_failed(import_pem(
            &spki.replacen("-----\n", "-----\nComment: hi\n\n", 1),
            None,
        ));
        // DER of one kind under another kind's label.
        assert_import_failed(import_pem(
            &spki.replace("PUBLIC KEY", "RSA PUBLIC KEY"),
            None,
        ));
        let dsa = jose_native::jwk::pem::encode_pem("PUBLIC KEY", &fixture("dsa.spki.der"));
        assert_error(
            import_pem(&dsa, None),
            Kind::NotSupported,
            "only RSA, EC and OKP asymmetric keys are supported",
        );
        let dsa_traditional = jose_native::jwk::pem::encode_pem(
            "DSA PRIVATE KEY",
            &build::sequence(&[&build::small_integer(0)]),
        );
        assert_error(
            import_pem(&dsa_traditional, None),
            Kind::NotSupported,
            "only RSA, EC and OKP asymmetric keys are supported",
        );
        assert_import_failed(import_pem("not a key", None));
    }
}

/// Our encrypted output read back by Node itself. Skipped (with a note) when
/// `node` is not on PATH.
mod node_interop {
    use super::*;
    use jose_native::jwk::pem::encode_pem;
    use jose_native::jwk::pem_legacy::encrypt_pem;
    use jose_native::jwk::pkcs8_encrypted::encrypt;
    use std::io::Write;
    use std::process::{Command, Stdio};

    /// Node's JWK `d` for `pem` decrypted with passphrase "pw".
    fn node_private_d(pem: &str) -> Option<String> {
        let script = "let s='';process.stdin.on('data',c=>s+=c).on('end',()=>{\
            const k=require('crypto').createPrivateKey({key:s,passphrase:'pw'});\
            process.stdout.write(k.export({format:'jwk'}).d)})";
        let mut child = Command::new("node")
            .args(["-e", script])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .ok()?;
        child.stdin.take()?.write_all(pem.as_bytes()).ok()?;
        let output = child.wait_with_output().ok()?;
        assert!(output.status.success(), "node could not read:\n{pem}");
        Some(String::from_utf8(output.stdout).unwrap())
    }

    fn d_of(m: &Material) -> String {
        match m {
            Material::Rsa {
                private: Some(p), ..
            } => b64::encode(&p.d),
            Material::Ec { d: Some(d), .. } | Material::Okp { d: Some(d), .. } => b64::encode(d),
            _ => panic!("not private"),
        }
    }

    #[test]
    fn node_decrypts_what_we_encrypt() {
        if Command::new("node").arg("--version").output().is_err() {
            eprintln!("node not found: skipping interop check");
            return;
        }
        for (kind, cipher) in [
            ("p256", "aes-256-cbc"),
            ("ed448", "aes-128-cbc"),
            ("rsa", "aes-192-cbc"),
        ] {
            let key = jwk(kind);
            let pkcs8 = export_private_der(&key, PrivateFormat::Pkcs8).unwrap();
            let pem = encode_pem(
                "ENCRYPTED PRIVATE KEY",
                &encrypt(&pkcs8, b"pw", cipher).unwrap(),
            );
            assert_eq!(node_private_d(&pem).unwrap(), d_of(&key), "{kind} {cipher}");
        }
        let rsa = jwk("rsa");
        let pkcs1 = export_private_der(&rsa, PrivateFormat::Pkcs1).unwrap();
        let pem = encrypt_pem("RSA PRIVATE KEY", &pkcs1, b"pw", "aes-256-cbc").unwrap();
        assert_eq!(node_private_d(&pem).unwrap(), d_of(&rsa));
        let p384 = jwk("p384");
        let sec1 = export_private_der(&p384, PrivateFormat::Sec1).unwrap();
        let pem = encrypt_pem("EC PRIVATE KEY", &sec1, b"pw", "aes-128-cbc").unwrap();
        assert_eq!(node_private_d(&pem).unwrap(), d_of(&p384));
    }
}

/// A minimal DER writer for building test inputs by hand, apart from the
/// code under test (which writes with the `der` crate).
mod build {
    pub mod tag {
        pub const INTEGER: u8 = 0x02;
        pub const OCTET_STRING: u8 = 0x04;
        /// `[0]` constructed.
        pub const CONTEXT_0: u8 = 0xa0;
        /// `[1]` constructed.
        pub const CONTEXT_1: u8 = 0xa1;
    }

    pub fn tlv(tag: u8, contents: &[u8]) -> Vec<u8> {
        let mut out = vec![tag];
        let len = contents.len();
        if len < 0x80 {
            out.push(len as u8);
        } else {
            let bytes: Vec<u8> = len
                .to_be_bytes()
                .into_iter()
                .skip_while(|b| *b == 0)
                .collect();
            out.push(0x80 | bytes.len() as u8);
            out.extend(bytes);
        }
        out.extend_from_slice(contents);
        out
    }

    pub fn sequence(elements: &[&[u8]]) -> Vec<u8> {
        tlv(0x30, &elements.concat())
    }

    pub fn context(tag: u8, contents: &[u8]) -> Vec<u8> {
        tlv(tag, contents)
    }

    pub fn small_integer(value: u64) -> Vec<u8> {
        let mut bytes: Vec<u8> = value
            .to_be_bytes()
            .into_iter()
            .skip_while(|b| *b == 0)
            .collect();
        if bytes.first().is_none_or(|b| *b >= 0x80) {
            bytes.insert(0, 0);
        }
        tlv(0x02, &bytes)
    }

    pub fn octet_string(bytes: &[u8]) -> Vec<u8> {
        tlv(0x04, bytes)
    }

    pub fn bit_string(bytes: &[u8]) -> Vec<u8> {
        tlv(0x03, &[&[0u8][..], bytes].concat())
    }

    pub fn object_identifier(oid: impl AsRef<[u8]>) -> Vec<u8> {
        tlv(0x06, oid.as_ref())
    }
}
