use super::*;
use crate::error::Kind;
use crate::jwk::test_keys::{field, fixtures, node_rsa};

fn rsa(n: &[u8], e: &[u8], private: Option<RsaPrivate>) -> Material {
    Material::Rsa {
        n: n.to_vec(),
        e: e.to_vec(),
        private: private.map(Box::new),
    }
}

fn assert_import_failed(m: Material) {
    let err = finish(m).unwrap_err();
    assert_eq!(err.kind, Kind::JwkImportFailed);
    assert_eq!(err, Error::import_failed());
}

fn ec_curve(name: &str) -> EcCurve {
    EcCurve::from_name(name, false).unwrap()
}

#[test]
fn rsa_node_private_key_is_accepted_unchanged() {
    let (n, e, private) = node_rsa();
    let m = rsa(&n, &e, Some(private));
    assert_eq!(finish(m.clone()).unwrap(), m);
}

#[test]
fn rsa_inconsistent_private_components_are_rejected() {
    let (n, e, private) = node_rsa();
    type Corrupt = fn(&mut RsaPrivate) -> &mut Vec<u8>;
    let parts: [Corrupt; 6] = [
        |k| &mut k.d,
        |k| &mut k.p,
        |k| &mut k.q,
        |k| &mut k.dp,
        |k| &mut k.dq,
        |k| &mut k.qi,
    ];
    for part in parts {
        let mut key = private.clone();
        let value = part(&mut key);
        let last = value.len() - 1;
        value[last] ^= 2;
        assert_import_failed(rsa(&n, &e, Some(key)));
    }
    // Swapping p and q leaves qi wrong.
    let mut swapped = private.clone();
    std::mem::swap(&mut swapped.p, &mut swapped.q);
    assert_import_failed(rsa(&n, &e, Some(swapped)));
    // Another e with the same d.
    assert_import_failed(rsa(&n, &[3], Some(private.clone())));
    let mut empty = private.clone();
    empty.qi.clear();
    assert_import_failed(rsa(&n, &e, Some(empty)));
}

#[test]
fn rsa_private_exponent_must_be_below_n() {
    let (n, e, mut private) = node_rsa();
    private.d = n.clone().into();
    assert_import_failed(rsa(&n, &e, Some(private)));
}

#[test]
fn rsa_public_keys_mirror_node_acceptance() {
    // Node and jose 1.x import all of these public keys (checked with
    // node 20: crypto.createPublicKey and JWK.asKey), so we do too.
    let (n, e, _) = node_rsa();
    let n256 = &n[..32];
    let mut even_n = n.clone();
    *even_n.last_mut().unwrap() &= 0xfe;
    for (n, e) in [
        (n256, &e[..]),
        (&even_n, &e),
        (&n, &[1]),
        (&n, &[2]),
        (&[15], &[3]),
        (&[0], &e),
    ] {
        finish(rsa(n, e, None)).unwrap();
    }
    assert_import_failed(rsa(&[], &e, None));
    assert_import_failed(rsa(&n, &[], None));
}

#[test]
fn rsa_integers_are_trimmed() {
    let (n, e, private) = node_rsa();
    let mut padded_n = vec![0, 0];
    padded_n.extend_from_slice(&n);
    let mut padded = private.clone();
    padded.d.insert(0, 0);
    let Material::Rsa {
        n: out_n,
        e: out_e,
        private: out_private,
    } = finish(rsa(&padded_n, &[0, 1, 0, 1], Some(padded))).unwrap()
    else {
        panic!("not RSA")
    };
    assert_eq!((out_n, out_e), (n, e));
    assert!(*out_private.unwrap() == private);
}

#[test]
fn ec_node_keys_are_accepted_and_public_points_derived() {
    let fixtures = fixtures();
    for (name, jwk) in fixtures["ec"].as_object().unwrap() {
        let curve = ec_curve(name);
        let (x, y, d) = (field(jwk, "x"), field(jwk, "y"), field(jwk, "d"));
        let full = Material::Ec {
            curve,
            x: x.clone(),
            y: y.clone(),
            d: Some(d.clone().into()),
        };
        assert_eq!(finish(full.clone()).unwrap(), full, "{name}");

        let public = Material::Ec {
            curve,
            x: x.clone(),
            y: y.clone(),
            d: None,
        };
        assert_eq!(finish(public.clone()).unwrap(), public, "{name}");

        let bare = Material::Ec {
            curve,
            x: vec![],
            y: vec![],
            d: Some(d.clone().into()),
        };
        assert_eq!(finish(bare).unwrap(), full, "{name}");
    }
}

#[test]
fn ec_points_off_the_curve_or_mismatched_are_rejected() {
    let fixtures = fixtures();
    let jwk = &fixtures["ec"]["P-256"];
    let other = &fixtures["ec"]["secp256k1"];
    let (x, y, d) = (field(jwk, "x"), field(jwk, "y"), field(jwk, "d"));
    let curve = EcCurve::P256;

    let mut bad_y = y.clone();
    bad_y[31] ^= 1;
    assert_import_failed(Material::Ec {
        curve,
        x: x.clone(),
        y: bad_y,
        d: None,
    });
    // A valid secp256k1 point is not on P-256.
    assert_import_failed(Material::Ec {
        curve,
        x: field(other, "x"),
        y: field(other, "y"),
        d: None,
    });
    // The scalar of another key.
    assert_import_failed(Material::Ec {
        curve,
        x: x.clone(),
        y: y.clone(),
        d: Some(field(other, "d").into()),
    });
    // Scalars 0 and >= n.
    for bad_d in [vec![0u8; 32], vec![0xff; 32], vec![]] {
        assert_import_failed(Material::Ec {
            curve,
            x: vec![],
            y: vec![],
            d: Some(bad_d.into()),
        });
    }
    // Half a point, or nothing at all.
    assert_import_failed(Material::Ec {
        curve,
        x: x.clone(),
        y: vec![],
        d: Some(d.clone().into()),
    });
    assert_import_failed(Material::Ec {
        curve,
        x: vec![],
        y: vec![],
        d: None,
    });
}

#[test]
fn ec_lengths_are_padded_when_short_and_refused_when_long() {
    let curve = EcCurve::P384;
    let Material::Ec { x, y, d, .. } = finish(Material::Ec {
        curve,
        x: vec![],
        y: vec![],
        d: Some(vec![7].into()),
    })
    .unwrap() else {
        panic!("not EC")
    };
    let mut padded_d = vec![0u8; 48];
    padded_d[47] = 7;
    assert_eq!(d.as_deref(), Some(&padded_d));
    assert_eq!((x.len(), y.len()), (48, 48));

    let mut long_x = vec![0u8];
    long_x.extend_from_slice(&x);
    assert_import_failed(Material::Ec {
        curve,
        x: long_x,
        y: y.clone(),
        d: None,
    });
    let mut long_d = vec![0u8];
    long_d.extend_from_slice(&padded_d);
    assert_import_failed(Material::Ec {
        curve,
        x,
        y,
        d: Some(long_d.into()),
    });
}

#[test]
fn okp_node_keys_are_accepted_and_public_keys_derived() {
    let fixtures = fixtures();
    for (name, jwk) in fixtures["okp"].as_object().unwrap() {
        let curve = OkpCurve::from_name(name).unwrap();
        let (x, d) = (field(jwk, "x"), field(jwk, "d"));
        let full = Material::Okp {
            curve,
            x: x.clone(),
            d: Some(d.clone().into()),
        };
        assert_eq!(finish(full.clone()).unwrap(), full, "{name}");
        let bare = Material::Okp {
            curve,
            x: vec![],
            d: Some(d.clone().into()),
        };
        assert_eq!(finish(bare).unwrap(), full, "{name}");
        let public = Material::Okp {
            curve,
            x: x.clone(),
            d: None,
        };
        assert_eq!(finish(public.clone()).unwrap(), public, "{name}");
    }
}

#[test]
fn okp_mismatched_or_misshapen_keys_are_rejected() {
    let fixtures = fixtures();
    for (name, jwk) in fixtures["okp"].as_object().unwrap() {
        let curve = OkpCurve::from_name(name).unwrap();
        let (x, d) = (field(jwk, "x"), field(jwk, "d"));
        let mut other_x = x.clone();
        other_x[0] ^= 1;
        assert_import_failed(Material::Okp {
            curve,
            x: other_x,
            d: Some(d.clone().into()),
        });
        assert_import_failed(Material::Okp {
            curve,
            x: vec![],
            d: Some(d[1..].to_vec().into()),
        });
        let mut long_d = d.clone();
        long_d.push(0);
        assert_import_failed(Material::Okp {
            curve,
            x: vec![],
            d: Some(long_d.into()),
        });
        assert_import_failed(Material::Okp {
            curve,
            x: x[1..].to_vec(),
            d: None,
        });
        assert_import_failed(Material::Okp {
            curve,
            x: vec![],
            d: None,
        });
    }
}

#[test]
fn okp_public_keys_are_not_decoded_at_import() {
    // Node imports any 32 bytes as an Ed25519 public key; so do we.
    let junk = Material::Okp {
        curve: OkpCurve::Ed25519,
        x: vec![0xff; 32],
        d: None,
    };
    finish(junk).unwrap();
}

#[test]
fn oct_accepts_any_secret_including_empty() {
    for k in [vec![], vec![0u8], vec![1u8; 64]] {
        assert_eq!(
            finish(Material::Oct {
                k: k.clone().into()
            })
            .unwrap(),
            Material::Oct { k: k.into() }
        );
    }
}

#[test]
fn garbage_of_any_length_never_panics() {
    let lengths = [0usize, 1, 31, 32, 33, 56, 57, 58, 66, 67, 200];
    for &a in &lengths {
        for &b in &lengths {
            let (va, vb) = (vec![0xa5u8; a], vec![0x5au8; b]);
            for curve in [
                EcCurve::P256,
                EcCurve::P384,
                EcCurve::P521,
                EcCurve::Secp256k1,
            ] {
                let _ = finish(Material::Ec {
                    curve,
                    x: va.clone(),
                    y: vb.clone(),
                    d: Some(vb.clone().into()),
                });
                let _ = finish(Material::Ec {
                    curve,
                    x: va.clone(),
                    y: vb.clone(),
                    d: None,
                });
            }
            for curve in [
                OkpCurve::Ed25519,
                OkpCurve::Ed448,
                OkpCurve::X25519,
                OkpCurve::X448,
            ] {
                let _ = finish(Material::Okp {
                    curve,
                    x: va.clone(),
                    d: Some(vb.clone().into()),
                });
            }
            let key = RsaPrivate {
                d: va.clone().into(),
                p: vb.clone().into(),
                q: va.clone().into(),
                dp: vb.clone().into(),
                dq: va.clone().into(),
                qi: vb.clone().into(),
            };
            let _ = finish(rsa(&va, &vb, Some(key)));
        }
    }
}
