//! The DER / PEM / X.509 / encrypted PKCS#8 codec against fixtures written
//! by Node.js 20 and the openssl CLI (`tests/fixtures/der/make.js`).

use std::path::PathBuf;

use jose_native::asn1::{self, oid, tag};
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
    let field = |name: &str| b64::decode(json[name].as_str().unwrap()).unwrap();
    match json["kty"].as_str().unwrap() {
        "RSA" => Material::Rsa {
            n: field("n"),
            e: field("e"),
            private: Some(Box::new(RsaPrivate {
                d: field("d"),
                p: field("p"),
                q: field("q"),
                dp: field("dp"),
                dq: field("dq"),
                qi: field("qi"),
            })),
        },
        "EC" => Material::Ec {
            curve: EcCurve::from_name(json["crv"].as_str().unwrap(), false).unwrap(),
            x: field("x"),
            y: field("y"),
            d: Some(field("d")),
        },
        "OKP" => Material::Okp {
            curve: OkpCurve::from_name(json["crv"].as_str().unwrap()).unwrap(),
            x: field("x"),
            d: Some(field("d")),
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
                export_private_der(&key, PrivateFormat::Pkcs8).unwrap(),
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
            export_private_der(&rsa, PrivateFormat::Pkcs1).unwrap(),
            fixture("rsa.pkcs1.der")
        );
        assert_eq!(
            export_public_der(&rsa, PublicFormat::Pkcs1).unwrap(),
            fixture("rsa.pkcs1-pub.der")
        );
        for kind in EC {
            assert_eq!(
                export_private_der(&jwk(kind), PrivateFormat::Sec1).unwrap(),
                fixture(&format!("{kind}.sec1.der")),
                "{kind} sec1"
            );
        }
    }

    #[test]
    fn ec_pkcs8_omits_curve_parameters_inside_but_sec1_has_them() {
        let pkcs8 = export_private_der(&jwk("p256"), PrivateFormat::Pkcs8).unwrap();
        let inner = asn1::Reader::parse_all(&pkcs8, |r| {
            let mut info = r.read_sequence()?;
            info.read_small_unsigned()?;
            info.read_sequence()?;
            info.read_octet_string()
        })
        .unwrap();
        let tags = |der: &[u8]| {
            asn1::Reader::parse_all(der, |r| {
                let mut key = r.read_sequence()?;
                let mut tags = Vec::new();
                while !key.is_empty() {
                    tags.push(key.read_any()?.tag);
                }
                Ok::<_, asn1::Malformed>(tags)
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
        let sec1 = asn1::sequence(&[
            &asn1::small_integer(1),
            &asn1::octet_string(d),
            &asn1::context(tag::CONTEXT_0, &asn1::object_identifier(oid::CURVE_P384)),
        ]);
        let imported = import_private_der(&sec1, PrivateFormat::Sec1).unwrap();
        assert!(imported == without_public(&key));
        // PKCS#8 around an ECPrivateKey without either.
        let pkcs8 = pkcs8_ec(
            oid::CURVE_P384,
            &asn1::sequence(&[&asn1::small_integer(1), &asn1::octet_string(d)]),
        );
        assert!(import_private_der(&pkcs8, PrivateFormat::Pkcs8).unwrap() == without_public(&key));
        // Exporting such material leaves [1] out instead of inventing it.
        let der = export_private_der(&without_public(&key), PrivateFormat::Sec1).unwrap();
        assert_eq!(der, sec1);
    }

    fn pkcs8_ec(curve: &[u8], ec_private_key: &[u8]) -> Vec<u8> {
        asn1::sequence(&[
            &asn1::small_integer(0),
            &asn1::sequence(&[
                &asn1::object_identifier(oid::EC_PUBLIC_KEY),
                &asn1::object_identifier(curve),
            ]),
            &asn1::octet_string(ec_private_key),
        ])
    }

    #[test]
    fn short_ec_scalars_are_padded() {
        let short = asn1::sequence(&[
            &asn1::small_integer(1),
            &asn1::octet_string(&[0x01, 0x02]),
            &asn1::context(tag::CONTEXT_0, &asn1::object_identifier(oid::CURVE_P256)),
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
        let key = asn1::sequence(&[
            &asn1::small_integer(1),
            &asn1::octet_string(&[7; 32]),
            &asn1::context(
                tag::CONTEXT_0,
                &asn1::object_identifier(oid::CURVE_SECP256K1),
            ),
        ]);
        assert_import_failed(import_private_der(
            &pkcs8_ec(oid::CURVE_P256, &key),
            PrivateFormat::Pkcs8,
        ));
        let no_curve = asn1::sequence(&[&asn1::small_integer(1), &asn1::octet_string(&[7; 32])]);
        assert_import_failed(import_private_der(&no_curve, PrivateFormat::Sec1));
        // A point of the wrong size for the curve.
        let spki = asn1::sequence(&[
            &asn1::sequence(&[
                &asn1::object_identifier(oid::EC_PUBLIC_KEY),
                &asn1::object_identifier(oid::CURVE_P256),
            ]),
            &asn1::bit_string(&[4; 65 + 2]),
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
        let spki = asn1::sequence(&[
            &asn1::sequence(&[
                &asn1::object_identifier(oid::EC_PUBLIC_KEY),
                &asn1::object_identifier(&[0x2b, 0x81, 0x04, 0x00, 0x21]),
            ]),
            &asn1::bit_string(&[4; 57]),
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
        let secret = Material::Oct { k: vec![1; 32] };
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
}
