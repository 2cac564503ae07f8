use aws_lc_rs::agreement;
use aws_lc_rs::signature::{self, EcdsaKeyPair, Ed25519KeyPair, KeyPair, UnparsedPublicKey};

use super::*;
use crate::error::Kind;
use crate::jwk::rsa_primes;

fn rsa_parts(m: &Material) -> (Vec<u8>, Vec<u8>, RsaPrivate) {
    let Material::Rsa {
        n,
        e,
        private: Some(private),
    } = m
    else {
        panic!("not a private RSA key")
    };
    (n.clone(), e.clone(), (**private).clone())
}

fn check_rsa(bits: u32) {
    let m = generate(GenerateSpec::Rsa { bits }).unwrap();
    assert!(validate::finish(m.clone()).unwrap() == m);
    // jose's `length`: the modulus's bytes, in bits
    assert_eq!(m.bit_length(), Some(bits.div_ceil(8) as usize * 8));
    let (n, e, private) = rsa_parts(&m);
    assert_eq!(Bn::from_be(&n).unwrap().bits(), bits);
    assert_eq!(e, vec![1, 0, 1]);
    assert!(Bn::from_be(&private.p).unwrap() > Bn::from_be(&private.q).unwrap());
    // Prime recovery from (n, e, d) finds the very same key.
    assert!(rsa_primes::recover(&n, &e, &private.d).unwrap() == private);
}

#[test]
fn rsa_512_from_aws_lc() {
    check_rsa(512);
}

#[test]
fn rsa_1032_from_primes() {
    check_rsa(1024 + 8);
}

#[test]
fn rsa_520_from_primes() {
    check_rsa(520);
}

#[test]
fn rsa_2048_signs_with_aws_lc() {
    let m = generate(GenerateSpec::Rsa { bits: 2048 }).unwrap();
    let (n, e, private) = rsa_parts(&m);
    // Through aws-lc-rs's own RSA code: sign, then verify with (n, e).
    let key = rsa_key_pair(&n, &e, &private);
    let rng = aws_lc_rs::rand::SystemRandom::new();
    let mut sig = vec![0u8; key.public_modulus_len()];
    key.sign(&signature::RSA_PKCS1_SHA256, &rng, b"message", &mut sig)
        .unwrap();
    let public = signature::RsaPublicKeyComponents { n: &n, e: &e };
    public
        .verify(&signature::RSA_PKCS1_2048_8192_SHA256, b"message", &sig)
        .unwrap();
    assert!(public
        .verify(&signature::RSA_PKCS1_2048_8192_SHA256, b"massage", &sig)
        .is_err());
}

/// An aws-lc-rs key pair from raw components, through a PKCS#1 DER.
fn rsa_key_pair(n: &[u8], e: &[u8], k: &RsaPrivate) -> signature::RsaKeyPair {
    fn der_len(len: usize) -> Vec<u8> {
        match len {
            0..=0x7f => vec![len as u8],
            0x80..=0xff => vec![0x81, len as u8],
            _ => vec![0x82, (len >> 8) as u8, len as u8],
        }
    }
    fn der_int(v: &[u8]) -> Vec<u8> {
        let mut body = v.to_vec();
        if body[0] & 0x80 != 0 {
            body.insert(0, 0);
        }
        let mut out = vec![0x02];
        out.extend(der_len(body.len()));
        out.extend(body);
        out
    }
    let mut body = der_int(&[0]);
    for v in [n, e, &k.d, &k.p, &k.q, &k.dp, &k.dq, &k.qi] {
        body.extend(der_int(v));
    }
    let mut der = vec![0x30];
    der.extend(der_len(body.len()));
    der.extend(body);
    signature::RsaKeyPair::from_der(&der).unwrap()
}

#[test]
fn rsa_bit_lengths_outside_jose_range_are_type_errors() {
    for bits in [0, 8, 256, 504, 511, 16384 + 8, u32::MAX] {
        let err = generate(GenerateSpec::Rsa { bits }).err().unwrap();
        assert_eq!(err, Error::type_error("invalid bit length"), "{bits}");
    }
    // jose 1.x's multiples of 8 are its arguments' rule (`spec`); WebCrypto
    // takes any size
    for bits in [513.0, 1028.0, 2049.0] {
        let request = Request {
            kty: Some("RSA"),
            kty_text: Some("RSA"),
            crv_or_size: CrvOrSize::Bits(bits),
            crv_or_size_text: None,
            private: true,
            legacy_p256k: false,
        };
        assert_eq!(
            spec(&request),
            Err(Error::type_error("invalid bit length")),
            "{bits}"
        );
    }
}

#[test]
fn an_odd_rsa_size_has_exactly_that_many_bits() {
    check_rsa(521);
}

#[test]
fn ec_keys_are_valid_and_sign() {
    for curve in [
        EcCurve::P256,
        EcCurve::P384,
        EcCurve::P521,
        EcCurve::Secp256k1,
    ] {
        let m = generate(GenerateSpec::Ec(curve)).unwrap();
        assert!(validate::finish(m.clone()).unwrap() == m, "{curve:?}");
        let Material::Ec {
            x, y, d: Some(d), ..
        } = &m
        else {
            panic!("not EC")
        };
        let len = curve.coordinate_len();
        assert_eq!((x.len(), y.len(), d.len()), (len, len, len));

        let (signing, verifying) = match curve {
            EcCurve::P256 => (
                &signature::ECDSA_P256_SHA256_FIXED_SIGNING,
                &signature::ECDSA_P256_SHA256_FIXED,
            ),
            EcCurve::P384 => (
                &signature::ECDSA_P384_SHA384_FIXED_SIGNING,
                &signature::ECDSA_P384_SHA384_FIXED,
            ),
            EcCurve::P521 => (
                &signature::ECDSA_P521_SHA512_FIXED_SIGNING,
                &signature::ECDSA_P521_SHA512_FIXED,
            ),
            EcCurve::Secp256k1 => (
                &signature::ECDSA_P256K1_SHA256_FIXED_SIGNING,
                &signature::ECDSA_P256K1_SHA256_FIXED,
            ),
        };
        let point = [&[4u8][..], x, y].concat();
        let pair = EcdsaKeyPair::from_private_key_and_public_key(signing, d, &point).unwrap();
        let rng = aws_lc_rs::rand::SystemRandom::new();
        let sig = pair.sign(&rng, b"message").unwrap();
        UnparsedPublicKey::new(verifying, &point)
            .verify(b"message", sig.as_ref())
            .unwrap();
    }
}

#[test]
fn ed25519_keys_sign_and_verify_with_aws_lc() {
    let m = generate(GenerateSpec::Okp(OkpCurve::Ed25519)).unwrap();
    assert!(validate::finish(m.clone()).unwrap() == m);
    let Material::Okp { x, d: Some(d), .. } = &m else {
        panic!("not OKP")
    };
    let pair = Ed25519KeyPair::from_seed_and_public_key(d, x).unwrap();
    let sig = pair.sign(b"message");
    let public = UnparsedPublicKey::new(&signature::ED25519, x);
    public.verify(b"message", sig.as_ref()).unwrap();
    assert!(public.verify(b"messagE", sig.as_ref()).is_err());
    assert_eq!(pair.public_key().as_ref(), &x[..]);
}

#[test]
fn x25519_keys_agree_with_aws_lc() {
    let a = generate(GenerateSpec::Okp(OkpCurve::X25519)).unwrap();
    let b = generate(GenerateSpec::Okp(OkpCurve::X25519)).unwrap();
    let (Material::Okp { d: Some(a_d), .. }, Material::Okp { x: b_x, .. }) = (&a, &b) else {
        panic!("not OKP")
    };
    let (Material::Okp { x: a_x, .. }, Material::Okp { d: Some(b_d), .. }) = (&a, &b) else {
        panic!("not OKP")
    };
    let agree = |d: &[u8], peer: &[u8]| {
        let key = agreement::PrivateKey::from_private_key(&agreement::X25519, d).unwrap();
        let peer = agreement::UnparsedPublicKey::new(&agreement::X25519, peer);
        agreement::agree(&key, peer, (), |secret| Ok(secret.to_vec())).unwrap()
    };
    assert_eq!(agree(a_d, b_x), agree(b_d, a_x));
}

#[test]
fn curve448_keys_are_valid_and_usable() {
    let ed = generate(GenerateSpec::Okp(OkpCurve::Ed448)).unwrap();
    assert!(validate::finish(ed.clone()).unwrap() == ed);
    let Material::Okp { x, d: Some(d), .. } = &ed else {
        panic!("not OKP")
    };
    assert_eq!((x.len(), d.len()), (57, 57));
    let sig = curve448::ed448_sign(d, b"message").unwrap();
    assert!(curve448::ed448_verify(x, b"message", &sig).unwrap());

    let a = generate(GenerateSpec::Okp(OkpCurve::X448)).unwrap();
    let b = generate(GenerateSpec::Okp(OkpCurve::X448)).unwrap();
    assert!(validate::finish(a.clone()).unwrap() == a);
    let (
        Material::Okp {
            x: a_x,
            d: Some(a_d),
            ..
        },
        Material::Okp {
            x: b_x,
            d: Some(b_d),
            ..
        },
    ) = (&a, &b)
    else {
        panic!("not OKP")
    };
    assert_eq!(a_x.len(), 56);
    assert_eq!(
        curve448::x448_agree(a_d, b_x).unwrap(),
        curve448::x448_agree(b_d, a_x).unwrap()
    );
}

#[test]
fn oct_secrets_have_the_asked_length() {
    for (bits, len) in [(8, 1), (128, 16), (256, 32), (4096, 512)] {
        let Material::Oct { k } = generate(GenerateSpec::Oct { bits }).unwrap() else {
            panic!("not oct")
        };
        assert_eq!(k.len(), len);
    }
    let Material::Oct { k: a } = generate(GenerateSpec::Oct { bits: 256 }).unwrap() else {
        panic!()
    };
    let Material::Oct { k: b } = generate(GenerateSpec::Oct { bits: 256 }).unwrap() else {
        panic!()
    };
    assert_ne!(a, b);
    for bits in [0, 7, 9, 255] {
        let err = generate(GenerateSpec::Oct { bits }).err().unwrap();
        assert_eq!(err.kind, Kind::TypeError);
        assert_eq!(err.message, "invalid bit length");
    }
}

#[test]
fn generated_keys_are_private_and_distinct() {
    let specs = [
        GenerateSpec::Ec(EcCurve::P256),
        GenerateSpec::Okp(OkpCurve::Ed25519),
        GenerateSpec::Okp(OkpCurve::X448),
    ];
    for spec in specs {
        let a = generate(spec).unwrap();
        let b = generate(spec).unwrap();
        assert_eq!(a.key_type(), crate::jwk::material::KeyType::Private);
        assert!(a != b, "{spec:?}");
    }
}
