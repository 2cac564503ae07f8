//! ECDH-ES key agreement (RFC 7518 4.6; RFC 8037 for X25519/X448) on
//! P-256, P-384, P-521, X25519 and X448, followed by the Concat KDF.
//! Direct ECDH-ES derives the CEK itself (AlgorithmID = `enc`, length of the
//! `enc` key); ECDH-ES+A*KW derives an AES-KW KEK (AlgorithmID = `alg`) that
//! the caller passes to `aes_kw::wrap`/`unwrap` with the same `alg`.
//! X448 comes from `curve448.rs` (AWS-LC has no X448). secp256k1 is not an ECDH-ES curve in jose and is refused.
//!
//! The shared secret Z, the derived key and the X448 private key are
//! `SecretBytes`, wiped when dropped; aws-lc-rs wipes its own keys.

use aws_lc_rs::agreement::{self, PrivateKey, UnparsedPublicKey};
use zeroize::Zeroizing;

use super::jwe_algs::{EncAlg, KeyAlg, KeyFamily};
use super::{concat_kdf, curve448};
use crate::error::{Error, Result};
use crate::jwk::material::{pad_secret, pad_to, EcCurve, Material, OkpCurve, SecretBytes};

/// The sender's result: the derived key (CEK or KEK) and the public
/// ephemeral key that goes into the `epk` header.
#[derive(Debug)]
pub struct Agreed {
    pub key: SecretBytes,
    pub epk: Material,
}

/// The curves ECDH-ES runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Curve {
    P256,
    P384,
    P521,
    X25519,
    X448,
}

/// Sender side: makes an ephemeral key on the recipient's curve, agrees
/// with the recipient's public key and derives the key `alg`/`enc` need.
pub fn sender_derive(
    alg: &KeyAlg,
    enc: &EncAlg,
    recipient: &Material,
    apu: &[u8],
    apv: &[u8],
) -> Result<Agreed> {
    let (key_len, algorithm_id) = kdf_inputs(alg, enc, true)?;
    let curve = curve_of(recipient).ok_or_else(|| alg.key_unsupported(true))?;
    let (z, epk) = agree_ephemeral(curve, recipient).map_err(|_| Error::import_failed())?;
    let key = concat_kdf::derive(&z, key_len, algorithm_id.as_bytes(), apu, apv)?;
    Ok(Agreed { key, epk })
}

/// Recipient side: agrees between the recipient's private key and the
/// sender's `epk` and derives the same key. Any failure, including an `epk`
/// that is not a point on the key's curve, is `JWEDecryptionFailed`.
pub fn recipient_derive(
    alg: &KeyAlg,
    enc: &EncAlg,
    own: &Material,
    epk: &Material,
    apu: &[u8],
    apv: &[u8],
) -> Result<SecretBytes> {
    recipient_derive_with(alg, enc, &StaticKey::new(own), epk, apu, apv)
}

/// [`recipient_derive`] with the recipient's key prepared beforehand (a
/// `JWK.Key` keeps its [`StaticKey`]).
pub fn recipient_derive_with(
    alg: &KeyAlg,
    enc: &EncAlg,
    own: &StaticKey,
    epk: &Material,
    apu: &[u8],
    apv: &[u8],
) -> Result<SecretBytes> {
    let (key_len, algorithm_id) = kdf_inputs(alg, enc, false)?;
    let curve = own.curve.ok_or_else(|| alg.key_unsupported(false))?;
    let z = agree_static(curve, own, epk).map_err(|_| Error::decryption_failed())?;
    concat_kdf::derive(&z, key_len, algorithm_id.as_bytes(), apu, apv)
}

/// A recipient's own key, ready for agreement. aws-lc's private key is
/// built from `d` once: building it derives the public point, a scalar
/// multiplication that came with every JWE decrypted when it was built per
/// call (half the time of an ECDH-ES decryption on P-256).
pub struct StaticKey {
    /// `None` for a key no ECDH-ES curve has.
    curve: Option<Curve>,
    private: std::result::Result<OwnPrivate, Failed>,
}

enum OwnPrivate {
    Lc(PrivateKey),
    /// X448's `d`, for `curve448.rs`.
    X448(SecretBytes),
}

impl StaticKey {
    pub fn new(own: &Material) -> StaticKey {
        let curve = curve_of(own);
        let private = match curve {
            Some(curve) => prepare_private(curve, own),
            None => Err(Failed),
        };
        StaticKey { curve, private }
    }
}

impl std::fmt::Debug for StaticKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "StaticKey({:?})", self.curve)
    }
}

fn prepare_private(curve: Curve, own: &Material) -> std::result::Result<OwnPrivate, Failed> {
    let d = own_private_bytes(curve, own).ok_or(Failed)?;
    match lc_alg(curve) {
        Some(alg) => PrivateKey::from_private_key(alg, &d)
            .map(OwnPrivate::Lc)
            .map_err(|_| Failed),
        None => Ok(OwnPrivate::X448(d)),
    }
}

/// Derived length and AlgorithmID for `alg` (and `enc` when direct).
fn kdf_inputs(alg: &KeyAlg, enc: &EncAlg, encrypting: bool) -> Result<(usize, &'static str)> {
    match alg.family {
        KeyFamily::EcdhEs => Ok((enc.key_len, enc.name)),
        KeyFamily::EcdhEsKw => Ok((alg.key_len, alg.name)),
        _ => Err(alg.key_unsupported(encrypting)),
    }
}

fn curve_of(m: &Material) -> Option<Curve> {
    match m {
        Material::Ec { curve, .. } => match curve {
            EcCurve::P256 => Some(Curve::P256),
            EcCurve::P384 => Some(Curve::P384),
            EcCurve::P521 => Some(Curve::P521),
            EcCurve::Secp256k1 => None,
        },
        Material::Okp { curve, .. } => match curve {
            OkpCurve::X25519 => Some(Curve::X25519),
            OkpCurve::X448 => Some(Curve::X448),
            OkpCurve::Ed25519 | OkpCurve::Ed448 => None,
        },
        _ => None,
    }
}

/// Internal failure marker; callers turn it into the error of their side.
struct Failed;

fn lc_alg(curve: Curve) -> Option<&'static agreement::Algorithm> {
    match curve {
        Curve::P256 => Some(&agreement::ECDH_P256),
        Curve::P384 => Some(&agreement::ECDH_P384),
        Curve::P521 => Some(&agreement::ECDH_P521),
        Curve::X25519 => Some(&agreement::X25519),
        Curve::X448 => None,
    }
}

fn coordinate_len(curve: Curve) -> usize {
    match curve {
        Curve::P256 => EcCurve::P256.coordinate_len(),
        Curve::P384 => EcCurve::P384.coordinate_len(),
        Curve::P521 => EcCurve::P521.coordinate_len(),
        Curve::X25519 => OkpCurve::X25519.public_len(),
        Curve::X448 => OkpCurve::X448.public_len(),
    }
}

/// The peer's public key in the encoding aws-lc expects: the uncompressed
/// SEC1 point for EC, the raw u-coordinate for X25519/X448. `None` when the
/// peer is on another curve or has malformed components.
fn peer_public_bytes(curve: Curve, peer: &Material) -> Option<Vec<u8>> {
    if curve_of(peer) != Some(curve) {
        return None;
    }
    let len = coordinate_len(curve);
    match peer {
        Material::Ec { x, y, .. } => {
            if x.len() > len || y.len() > len {
                return None;
            }
            let mut point = Vec::with_capacity(1 + 2 * len);
            point.push(0x04);
            point.extend_from_slice(&pad_to(x, len)?);
            point.extend_from_slice(&pad_to(y, len)?);
            Some(point)
        }
        Material::Okp { x, .. } if x.len() == len => Some(x.clone()),
        _ => None,
    }
}

fn own_private_bytes(curve: Curve, own: &Material) -> Option<SecretBytes> {
    let len = coordinate_len(curve);
    match own {
        Material::Ec { d: Some(d), .. } if d.len() <= len => pad_secret(d, len),
        Material::Okp { d: Some(d), .. } if d.len() == len => Some(d.clone()),
        _ => None,
    }
}

/// Z from a stored private key and the peer's public key.
fn agree_static(
    curve: Curve,
    own: &StaticKey,
    peer: &Material,
) -> std::result::Result<SecretBytes, Failed> {
    let private = own.private.as_ref().map_err(|_| Failed)?;
    let peer = peer_public_bytes(curve, peer).ok_or(Failed)?;
    match private {
        OwnPrivate::Lc(private) => lc_agree(lc_alg(curve).ok_or(Failed)?, private, &peer),
        OwnPrivate::X448(d) => x448_agree(d, &peer),
    }
}

/// Z from a fresh ephemeral key and the recipient's public key, with the
/// ephemeral public key as `epk` Material.
fn agree_ephemeral(
    curve: Curve,
    recipient: &Material,
) -> std::result::Result<(SecretBytes, Material), Failed> {
    let peer = peer_public_bytes(curve, recipient).ok_or(Failed)?;
    let Some(alg) = lc_alg(curve) else {
        let (d, x) = x448_generate()?;
        let z = x448_agree(&d, &peer)?;
        let epk = Material::Okp {
            curve: OkpCurve::X448,
            x,
            d: None,
        };
        return Ok((z, epk));
    };
    let private = PrivateKey::generate(alg).map_err(|_| Failed)?;
    let public = private.compute_public_key().map_err(|_| Failed)?;
    let public = public.as_ref();
    let len = coordinate_len(curve);
    let epk = match curve {
        Curve::X25519 => Material::Okp {
            curve: OkpCurve::X25519,
            x: public.to_vec(),
            d: None,
        },
        _ => {
            // Uncompressed SEC1: 0x04 || x || y.
            if public.len() != 1 + 2 * len {
                return Err(Failed);
            }
            let ec_curve = match curve {
                Curve::P256 => EcCurve::P256,
                Curve::P384 => EcCurve::P384,
                _ => EcCurve::P521,
            };
            Material::Ec {
                curve: ec_curve,
                x: public[1..1 + len].to_vec(),
                y: public[1 + len..].to_vec(),
                d: None,
            }
        }
    };
    let z = lc_agree(alg, &private, &peer)?;
    Ok((z, epk))
}

/// aws-lc's agreement parses the peer key and checks the point is on the
/// curve (EC) or yields a non-zero secret (X25519) before agreeing.
fn lc_agree(
    alg: &'static agreement::Algorithm,
    private: &PrivateKey,
    peer: &[u8],
) -> std::result::Result<SecretBytes, Failed> {
    agreement::agree(private, UnparsedPublicKey::new(alg, peer), Failed, |z| {
        Ok(Zeroizing::new(z.to_vec()))
    })
}

// X448 is not in AWS-LC; curve448.rs has it (and refuses an all-zero
// secret, i.e. a small-order peer point).
fn x448_agree(d: &[u8], peer_x: &[u8]) -> std::result::Result<SecretBytes, Failed> {
    curve448::x448_agree(d, peer_x).map_err(|_| Failed)
}

fn x448_generate() -> std::result::Result<(SecretBytes, Vec<u8>), Failed> {
    curve448::x448_generate().map_err(|_| Failed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Kind;
    use crate::jwa::aes_kw;
    use crate::jwa::jwe_algs::ENC_ALGS;
    use crate::jwa::test_vectors::*;
    use crate::jwk::material::assert_wiped;

    fn alg(name: &str) -> &'static KeyAlg {
        KeyAlg::from_name(name).unwrap()
    }

    fn ec(curve: EcCurve, x: &str, y: &str, d: Option<&str>) -> Material {
        Material::Ec {
            curve,
            x: b(x),
            y: b(y),
            d: d.map(|d| b(d).into()),
        }
    }

    #[test]
    fn rfc7518_appendix_c_both_sides() {
        let alice = ec(
            EcCurve::P256,
            "gI0GAILBdu7T53akrFmMyGcsF3n5dO7MmwNBHKW5SV0",
            "SLW_xSffzlPWrHEVI30DHM_4egVwt3NQqeUD7nMFpps",
            Some("0_NxaRPUMQoAJt50Gz8YiTr8gRTwyEaCumd-MToTmIo"),
        );
        let bob = ec(
            EcCurve::P256,
            "weNJy2HscCSM6AEDTDg04biOvhFhyyWvOHQfeF_PxMQ",
            "e8lnCO-AlStT-NJVX-crhB7QRYhiix03illJOVAOyck",
            Some("VEmDZpDXXK8p8N0Cndsxs924q6nS1RXFASRl6BfUqdw"),
        );
        let (a, e) = (alg("ECDH-ES"), enc("A128GCM"));
        let at_bob =
            recipient_derive(a, e, &bob, &alice.to_public().unwrap(), b"Alice", b"Bob").unwrap();
        let at_alice =
            recipient_derive(a, e, &alice, &bob.to_public().unwrap(), b"Alice", b"Bob").unwrap();
        assert_eq!(crate::b64::encode(&at_bob), "VqqN6vgjbSBcIijNcacQGg");
        assert_eq!(at_alice, at_bob);
    }

    #[test]
    fn rfc7520_5_4_p384_ecdh_es_a128kw() {
        let c = &ECDH_ES_KW_A128GCM;
        let own = Material::Ec {
            curve: EcCurve::P384,
            x: b(ECDH_ES_KW_A128GCM_X),
            y: b(ECDH_ES_KW_A128GCM_Y),
            d: Some(b(ECDH_ES_KW_A128GCM_D).into()),
        };
        let epk = ec(
            EcCurve::P384,
            ECDH_ES_KW_A128GCM_EPK_X,
            ECDH_ES_KW_A128GCM_EPK_Y,
            None,
        );
        let a = alg("ECDH-ES+A128KW");
        let kek = recipient_derive(a, enc("A128GCM"), &own, &epk, b"", b"").unwrap();
        assert_eq!(kek.len(), 16);
        let cek = aes_kw::unwrap(a, &kek, &b(c.encrypted_key)).unwrap();
        let pt = c.open(enc("A128GCM"), &cek).unwrap();
        assert_eq!(pt, PLAINTEXT.as_bytes());
    }

    #[test]
    fn rfc7520_5_5_p256_direct_ecdh_es() {
        let c = &ECDH_ES_A128CBC;
        let own = ec(
            EcCurve::P256,
            ECDH_ES_A128CBC_X,
            ECDH_ES_A128CBC_Y,
            Some(ECDH_ES_A128CBC_D),
        );
        let epk = ec(
            EcCurve::P256,
            ECDH_ES_A128CBC_EPK_X,
            ECDH_ES_A128CBC_EPK_Y,
            None,
        );
        let e = enc("A128CBC-HS256");
        let cek = recipient_derive(alg("ECDH-ES"), e, &own, &epk, b"", b"").unwrap();
        assert_eq!(cek.len(), 32);
        let pt = c.open(e, &cek).unwrap();
        assert_eq!(pt, PLAINTEXT.as_bytes());
    }

    #[test]
    fn rfc7748_x25519_shared_secret_feeds_the_kdf() {
        let alice = Material::Okp {
            curve: OkpCurve::X25519,
            x: hex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"),
            d: Some(hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a").into()),
        };
        let bob_public = Material::Okp {
            curve: OkpCurve::X25519,
            x: hex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"),
            d: None,
        };
        let z = hex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
        let (a, e) = (alg("ECDH-ES"), enc("A256GCM"));
        let key = recipient_derive(a, e, &alice, &bob_public, b"", b"").unwrap();
        assert_eq!(
            key,
            concat_kdf::derive(&z, 32, b"A256GCM", b"", b"").unwrap()
        );
    }

    #[test]
    fn rfc7748_x448_shared_secret_feeds_the_kdf() {
        let alice = Material::Okp {
            curve: OkpCurve::X448,
            x: hex("9b08f7cc31b7e3e67d22d5aea121074a273bd2b83de09c63faa73d2c22c5d9bbc836647241d953d40c5b12da88120d53177f80e532c41fa0"),
            d: Some(hex("9a8f4925d1519f5775cf46b04b5800d4ee9ee8bae8bc5565d498c28dd9c9baf574a9419744897391006382a6f127ab1d9ac2d8c0a598726b").into()),
        };
        let bob_public = Material::Okp {
            curve: OkpCurve::X448,
            x: hex("3eb7a829b0cd20f5bcfc0b599b6feccf6da4627107bdb0d4f345b43027d8b972fc3e34fb4232a13ca706dcb57aec3dae07bdc1c67bf33609"),
            d: None,
        };
        let z = hex("07fff4181ac6cc95ec1c16a94a0f74d12da232ce40a77552281d282bb60c0b56fd2464c335543936521c24403085d59a449a5037514a879d");
        let (a, e) = (alg("ECDH-ES+A256KW"), enc("A128GCM"));
        let key = recipient_derive(a, e, &alice, &bob_public, b"", b"").unwrap();
        assert_eq!(
            key,
            concat_kdf::derive(&z, 32, b"ECDH-ES+A256KW", b"", b"").unwrap()
        );
        // A small-order (all-zero) peer point is refused.
        let zero = Material::Okp {
            curve: OkpCurve::X448,
            x: vec![0u8; 56],
            d: None,
        };
        assert_eq!(
            recipient_derive(a, e, &alice, &zero, b"", b"")
                .unwrap_err()
                .kind,
            Kind::JweDecryptionFailed
        );
    }

    #[test]
    fn shared_secrets_derived_keys_and_x448_keys_are_wiped_on_drop() {
        let (a, e) = (alg("ECDH-ES+A128KW"), enc("A128GCM"));
        for (curve, d, x) in [
            (
                OkpCurve::X448,
                "9a8f4925d1519f5775cf46b04b5800d4ee9ee8bae8bc5565d498c28dd9c9baf574a9419744897391006382a6f127ab1d9ac2d8c0a598726b",
                "9b08f7cc31b7e3e67d22d5aea121074a273bd2b83de09c63faa73d2c22c5d9bbc836647241d953d40c5b12da88120d53177f80e532c41fa0",
            ),
            (
                OkpCurve::X25519,
                "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a",
                "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a",
            ),
        ] {
            let own = Material::Okp {
                curve,
                x: hex(x),
                d: Some(hex(d).into()),
            };
            let sent = sender_derive(a, e, &own.to_public().unwrap(), b"", b"").unwrap();
            assert_wiped(&sent.key);
            let key = StaticKey::new(&own);
            let received = recipient_derive_with(a, e, &key, &sent.epk, b"", b"").unwrap();
            assert_wiped(&received);
            assert_eq!(received, sent.key);
            let ecdh_curve = key.curve.unwrap();
            let z = agree_static(ecdh_curve, &key, &sent.epk).ok().unwrap();
            assert_wiped(&z);
            match &key.private {
                Ok(OwnPrivate::X448(d)) => assert_wiped(d),
                Ok(OwnPrivate::Lc(_)) => assert_eq!(curve, OkpCurve::X25519),
                Err(_) => panic!("the key is usable"),
            }
        }
    }

    #[test]
    fn sender_and_recipient_agree_on_every_curve() {
        let recipients: Vec<Material> = [
            (Curve::P256, &agreement::ECDH_P256, EcCurve::P256),
            (Curve::P384, &agreement::ECDH_P384, EcCurve::P384),
            (Curve::P521, &agreement::ECDH_P521, EcCurve::P521),
        ]
        .into_iter()
        .map(|(curve, lc, ec_curve)| {
            let len = coordinate_len(curve);
            // Pick a private scalar and let aws-lc compute its public point.
            let d = vec![0x11u8; len];
            let d = if curve == Curve::P521 {
                let mut d = d;
                d[0] = 0x01;
                d
            } else {
                d
            };
            let pk = PrivateKey::from_private_key(lc, &d).unwrap();
            let p = pk.compute_public_key().unwrap();
            let p = p.as_ref();
            Material::Ec {
                curve: ec_curve,
                x: p[1..1 + len].to_vec(),
                y: p[1 + len..].to_vec(),
                d: Some(d.into()),
            }
        })
        .chain(std::iter::once(Material::Okp {
            curve: OkpCurve::X25519,
            x: hex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"),
            d: Some(hex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb").into()),
        }))
        .collect();
        for recipient in &recipients {
            for a in [
                "ECDH-ES",
                "ECDH-ES+A128KW",
                "ECDH-ES+A192KW",
                "ECDH-ES+A256KW",
            ] {
                for e in ENC_ALGS {
                    let sent =
                        sender_derive(alg(a), e, &recipient.to_public().unwrap(), b"u", b"v")
                            .unwrap();
                    assert_eq!(sent.epk.kty(), recipient.kty());
                    assert_eq!(sent.epk.key_type(), crate::jwk::material::KeyType::Public);
                    let got =
                        recipient_derive(alg(a), e, recipient, &sent.epk, b"u", b"v").unwrap();
                    assert_eq!(got, sent.key, "{a} {}", e.name);
                    let expected_len = if a == "ECDH-ES" {
                        e.key_len
                    } else {
                        alg(a).key_len
                    };
                    assert_eq!(got.len(), expected_len);
                    // apu/apv are bound into the key.
                    let other =
                        recipient_derive(alg(a), e, recipient, &sent.epk, b"u", b"w").unwrap();
                    assert_ne!(other, sent.key);
                }
            }
        }
    }

    #[test]
    fn off_curve_and_mismatched_peers_are_refused() {
        let own = ec(
            EcCurve::P256,
            ECDH_ES_A128CBC_X,
            ECDH_ES_A128CBC_Y,
            Some(ECDH_ES_A128CBC_D),
        );
        let mut y = b(ECDH_ES_A128CBC_EPK_Y);
        y[31] ^= 1;
        let off_curve = Material::Ec {
            curve: EcCurve::P256,
            x: b(ECDH_ES_A128CBC_EPK_X),
            y,
            d: None,
        };
        let (a, e) = (alg("ECDH-ES"), enc("A128GCM"));
        let err = recipient_derive(a, e, &own, &off_curve, b"", b"").unwrap_err();
        assert_eq!(
            (err.kind, err.message.as_str()),
            (Kind::JweDecryptionFailed, "decryption operation failed")
        );
        // The sender refuses an off-curve recipient key too.
        assert!(sender_derive(a, e, &off_curve, b"", b"").is_err());

        // An epk on another curve.
        let p384 = ec(
            EcCurve::P384,
            ECDH_ES_KW_A128GCM_EPK_X,
            ECDH_ES_KW_A128GCM_EPK_Y,
            None,
        );
        assert_eq!(
            recipient_derive(a, e, &own, &p384, b"", b"")
                .unwrap_err()
                .kind,
            Kind::JweDecryptionFailed
        );
        // Oversized coordinates.
        let long = Material::Ec {
            curve: EcCurve::P256,
            x: vec![1u8; 40],
            y: vec![1u8; 32],
            d: None,
        };
        assert_eq!(
            recipient_derive(a, e, &own, &long, b"", b"")
                .unwrap_err()
                .kind,
            Kind::JweDecryptionFailed
        );
        // An X25519 low-order point (all-zero shared secret).
        let x_own = Material::Okp {
            curve: OkpCurve::X25519,
            x: vec![9u8; 32],
            d: Some(hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a").into()),
        };
        let zero = Material::Okp {
            curve: OkpCurve::X25519,
            x: vec![0u8; 32],
            d: None,
        };
        assert_eq!(
            recipient_derive(a, e, &x_own, &zero, b"", b"")
                .unwrap_err()
                .kind,
            Kind::JweDecryptionFailed
        );
    }

    #[test]
    fn unsupported_keys_and_algs_are_key_support_errors() {
        let k1 = Material::Ec {
            curve: EcCurve::Secp256k1,
            x: vec![1; 32],
            y: vec![2; 32],
            d: Some(vec![3; 32].into()),
        };
        let (a, e) = (alg("ECDH-ES"), enc("A128GCM"));
        assert_eq!(
            sender_derive(a, e, &k1, b"", b"").unwrap_err().kind,
            Kind::JwkKeySupport
        );
        assert_eq!(
            recipient_derive(a, e, &k1, &k1, b"", b"").unwrap_err().kind,
            Kind::JwkKeySupport
        );
        let ed = Material::Okp {
            curve: OkpCurve::Ed25519,
            x: vec![1; 32],
            d: None,
        };
        assert_eq!(
            sender_derive(a, e, &ed, b"", b"").unwrap_err().kind,
            Kind::JwkKeySupport
        );
        let oct = Material::Oct {
            k: vec![0; 16].into(),
        };
        assert_eq!(
            sender_derive(a, e, &oct, b"", b"").unwrap_err().kind,
            Kind::JwkKeySupport
        );
        let own = ec(
            EcCurve::P256,
            ECDH_ES_A128CBC_X,
            ECDH_ES_A128CBC_Y,
            Some(ECDH_ES_A128CBC_D),
        );
        let err = sender_derive(alg("A128KW"), e, &own, b"", b"").unwrap_err();
        assert_eq!(err.kind, Kind::JwkKeySupport);
        // A public key cannot be the recipient's own key.
        let public = own.to_public().unwrap();
        assert_eq!(
            recipient_derive(a, e, &public, &public, b"", b"")
                .unwrap_err()
                .kind,
            Kind::JweDecryptionFailed
        );
    }
}
