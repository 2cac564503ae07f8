//! Ed448 signatures (RFC 8032, pure Ed448 with an empty context) and X448 key
//! agreement (RFC 7748). AWS-LC implements neither, so these come from the
//! pure-Rust `ed448-goldilocks-plus` crate; randomness still comes from
//! AWS-LC's system RNG.
//!
//! Keys are the raw RFC 8037 encodings: Ed448 `d` and `x` are 57 bytes, X448
//! `d` and `x` are 56 bytes. Private keys and shared secrets come back as
//! `SecretBytes`, wiped when dropped (the crate's `SigningKey` wipes itself).

use ed448_goldilocks_plus::ed448::{SecretKey, Signature, SigningKey, VerifyingKey};
use ed448_goldilocks_plus::x448::{x448, X448_BASEPOINT_BYTES};
use zeroize::{Zeroize, Zeroizing};

use crate::error::{Error, Result};
use crate::jwk::material::SecretBytes;

pub const ED448_KEY_LEN: usize = 57;
pub const ED448_SIGNATURE_LEN: usize = 114;
pub const X448_KEY_LEN: usize = 56;

/// A fresh Ed448 private key `d` and its public key `x`.
pub fn ed448_generate() -> Result<(SecretBytes, Vec<u8>)> {
    let d = random_bytes(ED448_KEY_LEN)?;
    let x = ed448_public(&d)?;
    Ok((d, x))
}

/// The Ed448 public key of the private key `d`.
pub fn ed448_public(d: &[u8]) -> Result<Vec<u8>> {
    Ok(ed448_signing_key(d)?.verifying_key().to_bytes().to_vec())
}

/// Signs `message` with pure Ed448 (no pre-hash, empty context).
pub fn ed448_sign(d: &[u8], message: &[u8]) -> Result<Vec<u8>> {
    Ok(ed448_signing_key(d)?.sign_raw(message).to_bytes().to_vec())
}

/// Checks a pure Ed448 signature. A public key or signature that cannot be
/// decoded is a failed verification, not an error, as it is in Node.
pub fn ed448_verify(x: &[u8], message: &[u8], signature: &[u8]) -> Result<bool> {
    let Ok(x) = <[u8; ED448_KEY_LEN]>::try_from(x) else {
        return Ok(false);
    };
    let Ok(key) = VerifyingKey::from_bytes(&x) else {
        return Ok(false);
    };
    let Ok(signature) = Signature::from_slice(signature) else {
        return Ok(false);
    };
    Ok(key.verify_raw(&signature, message).is_ok())
}

/// A fresh X448 private key `d` and its public key `x`. `d` is kept as drawn,
/// unclamped, as RFC 7748 stores it; clamping happens inside every use.
pub fn x448_generate() -> Result<(SecretBytes, Vec<u8>)> {
    let d = random_bytes(X448_KEY_LEN)?;
    let x = x448_public(&d)?;
    Ok((d, x))
}

/// The X448 public key of the private key `d`: `X448(d, 5)`.
pub fn x448_public(d: &[u8]) -> Result<Vec<u8>> {
    Ok(x448(x448_array(d)?, X448_BASEPOINT_BYTES).to_vec())
}

/// The X448 shared secret of our `d` and the peer's public `peer_x`.
/// An all-zero result means the peer sent a small-order point; RFC 7748
/// section 6.2 lets us abort, and we do, as OpenSSL (and so Node) does.
pub fn x448_agree(d: &[u8], peer_x: &[u8]) -> Result<SecretBytes> {
    let mut shared = x448(x448_array(d)?, x448_array(peer_x)?);
    // Not secret-dependent in a way worth hiding: the all-zero outcome
    // depends only on the peer's (public) point.
    if shared.iter().all(|b| *b == 0) {
        return Err(Error::jwk_invalid(
            "X448 key agreement produced an all-zero shared secret",
        ));
    }
    let out = Zeroizing::new(shared.to_vec());
    shared.zeroize();
    Ok(out)
}

fn ed448_signing_key(d: &[u8]) -> Result<SigningKey> {
    let seed = SecretKey::try_from(d).map_err(|_| invalid_key("Ed448"))?;
    Ok(SigningKey::from(&seed))
}

fn x448_array(bytes: &[u8]) -> Result<[u8; X448_KEY_LEN]> {
    <[u8; X448_KEY_LEN]>::try_from(bytes).map_err(|_| invalid_key("X448"))
}

fn invalid_key(curve: &str) -> Error {
    Error::jwk_invalid(format!("invalid {curve} key length"))
}

/// Random private key bytes, wiped when dropped.
fn random_bytes(len: usize) -> Result<SecretBytes> {
    let mut bytes = Zeroizing::new(vec![0u8; len]);
    aws_lc_rs::rand::fill(&mut bytes)
        .map_err(|_| Error::not_supported("random number generation failed"))?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwa::test_vectors::hex;
    use crate::jwk::material::assert_wiped;

    struct Ed448Vector {
        d: &'static str,
        x: &'static str,
        message: &'static str,
        signature: &'static str,
    }

    // RFC 8032 section 7.4, the pure Ed448 cases without a context
    // ("blank", "1 octet", "256 octets").
    const ED448_VECTORS: [Ed448Vector; 3] = [
        Ed448Vector {
            d: "6c82a562cb808d10d632be89c8513ebf6c929f34ddfa8c9f63c9960ef6e348a3
                528c8a3fcc2f044e39a3fc5b94492f8f032e7549a20098f95b",
            x: "5fd7449b59b461fd2ce787ec616ad46a1da1342485a70e1f8a0ea75d80e96778
                edf124769b46c7061bd6783df1e50f6cd1fa1abeafe8256180",
            message: "",
            signature: "533a37f6bbe457251f023c0d88f976ae2dfb504a843e34d2074fd823d41a591f
                        2b233f034f628281f2fd7a22ddd47d7828c59bd0a21bfd3980ff0d2028d4b18a
                        9df63e006c5d1c2d345b925d8dc00b4104852db99ac5c7cdda8530a113a0f4db
                        b61149f05a7363268c71d95808ff2e652600",
        },
        Ed448Vector {
            d: "c4eab05d357007c632f3dbb48489924d552b08fe0c353a0d4a1f00acda2c463a
                fbea67c5e8d2877c5e3bc397a659949ef8021e954e0a12274e",
            x: "43ba28f430cdff456ae531545f7ecd0ac834a55d9358c0372bfa0c6c6798c086
                6aea01eb00742802b8438ea4cb82169c235160627b4c3a9480",
            message: "03",
            signature: "26b8f91727bd62897af15e41eb43c377efb9c610d48f2335cb0bd0087810f435
                        2541b143c4b981b7e18f62de8ccdf633fc1bf037ab7cd779805e0dbcc0aae1cb
                        cee1afb2e027df36bc04dcecbf154336c19f0af7e0a6472905e799f1953d2a0f
                        f3348ab21aa4adafd1d234441cf807c03a00",
        },
        Ed448Vector {
            d: "2ec5fe3c17045abdb136a5e6a913e32ab75ae68b53d2fc149b77e504132d3756
                9b7e766ba74a19bd6162343a21c8590aa9cebca9014c636df5",
            x: "79756f014dcfe2079f5dd9e718be4171e2ef2486a08f25186f6bff43a9936b9b
                fe12402b08ae65798a3d81e22e9ec80e7690862ef3d4ed3a00",
            message: "15777532b0bdd0d1389f636c5f6b9ba734c90af572877e2d272dd078aa1e567c
                      fa80e12928bb542330e8409f3174504107ecd5efac61ae7504dabe2a602ede89
                      e5cca6257a7c77e27a702b3ae39fc769fc54f2395ae6a1178cab4738e543072f
                      c1c177fe71e92e25bf03e4ecb72f47b64d0465aaea4c7fad372536c8ba516a60
                      39c3c2a39f0e4d832be432dfa9a706a6e5c7e19f397964ca4258002f7c0541b5
                      90316dbc5622b6b2a6fe7a4abffd96105eca76ea7b98816af0748c10df048ce0
                      12d901015a51f189f3888145c03650aa23ce894c3bd889e030d565071c59f409
                      a9981b51878fd6fc110624dcbcde0bf7a69ccce38fabdf86f3bef6044819de11",
            signature: "c650ddbb0601c19ca11439e1640dd931f43c518ea5bea70d3dcde5f4191fe53f
                        00cf966546b72bcc7d58be2b9badef28743954e3a44a23f880e8d4f1cfce2d7a
                        61452d26da05896f0a50da66a239a8a188b6d825b3305ad77b73fbac0836ecc6
                        0987fd08527c1a8e80d5823e65cafe2a3d00",
        },
    ];

    #[test]
    fn ed448_matches_rfc8032_vectors() {
        for v in &ED448_VECTORS {
            let (d, x, message) = (hex(v.d), hex(v.x), hex(v.message));
            assert_eq!(ed448_public(&d).unwrap(), x);
            let signature = ed448_sign(&d, &message).unwrap();
            assert_eq!(signature, hex(v.signature));
            assert!(ed448_verify(&x, &message, &signature).unwrap());
        }
    }

    #[test]
    fn ed448_rejects_altered_message_signature_or_key() {
        let v = &ED448_VECTORS[1];
        let (x, message, signature) = (hex(v.x), hex(v.message), hex(v.signature));
        assert!(!ed448_verify(&x, b"\x04", &signature).unwrap());

        let mut bad_signature = signature.clone();
        bad_signature[10] ^= 1;
        assert!(!ed448_verify(&x, &message, &bad_signature).unwrap());

        let other_x = hex(ED448_VECTORS[0].x);
        assert!(!ed448_verify(&other_x, &message, &signature).unwrap());
    }

    #[test]
    fn ed448_malformed_inputs_fail_verification_without_error() {
        let v = &ED448_VECTORS[0];
        let (x, signature) = (hex(v.x), hex(v.signature));
        assert!(!ed448_verify(&x[..56], b"", &signature).unwrap());
        assert!(!ed448_verify(&x, b"", &signature[..113]).unwrap());
        assert!(!ed448_verify(&[], b"", &[]).unwrap());
        // S with its top byte set is not a canonical scalar.
        let mut big_s = signature.clone();
        big_s[113] = 0xff;
        assert!(!ed448_verify(&x, b"", &big_s).unwrap());
        // A y coordinate >= p does not decode to a point.
        assert!(!ed448_verify(&[0xff; 57], b"", &signature).unwrap());
    }

    #[test]
    fn ed448_rejects_wrong_private_key_length() {
        assert!(ed448_public(&[1; 56]).is_err());
        assert!(ed448_sign(&[1; 58], b"m").is_err());
    }

    #[test]
    fn ed448_generated_keys_sign_and_verify() {
        let (d, x) = ed448_generate().unwrap();
        assert_wiped(&d);
        assert_eq!(d.len(), ED448_KEY_LEN);
        assert_eq!(x, ed448_public(&d).unwrap());
        let signature = ed448_sign(&d, b"payload").unwrap();
        assert_eq!(signature.len(), ED448_SIGNATURE_LEN);
        assert!(ed448_verify(&x, b"payload", &signature).unwrap());
        let (d2, _) = ed448_generate().unwrap();
        assert_ne!(d, d2);
    }

    #[test]
    fn x448_matches_rfc7748_function_vectors() {
        // RFC 7748 section 5.2.
        let cases = [
            (
                "3d262fddf9ec8e88495266fea19a34d28882acef045104d0d1aae121700a779c984c24f8cdd78fbff44943eba368f54b29259a4f1c600ad3",
                "06fce640fa3487bfda5f6cf2d5263f8aad88334cbd07437f020f08f9814dc031ddbdc38c19c6da2583fa5429db94ada18aa7a7fb4ef8a086",
                "ce3e4ff95a60dc6697da1db1d85e6afbdf79b50a2412d7546d5f239fe14fbaadeb445fc66a01b0779d98223961111e21766282f73dd96b6f",
            ),
            (
                "203d494428b8399352665ddca42f9de8fef600908e0d461cb021f8c538345dd77c3e4806e25f46d3315c44e0a5b4371282dd2c8d5be3095f",
                "0fbcc2f993cd56d3305b0b7d9e55d4c1a8fb5dbb52f8e9a1e9b6201b165d015894e56c4d3570bee52fe205e28a78b91cdfbde71ce8d157db",
                "884a02576239ff7a2f2f63b2db6a9ff37047ac13568e1e30fe63c4a7ad1b3ee3a5700df34321d62077e63633c575c1c954514e99da7c179d",
            ),
        ];
        for (scalar, u, expected) in cases {
            assert_eq!(*x448_agree(&hex(scalar), &hex(u)).unwrap(), hex(expected));
        }
    }

    #[test]
    fn x448_matches_rfc7748_iterated_vector() {
        // RFC 7748 section 5.2, after one iteration (1,000 is the next one
        // listed; it runs in well under a second).
        let mut k = X448_BASEPOINT_BYTES.to_vec();
        let mut u = X448_BASEPOINT_BYTES.to_vec();
        for round in 1..=1000 {
            let next = x448_agree(&k, &u).unwrap().to_vec();
            u = std::mem::replace(&mut k, next);
            if round == 1 {
                assert_eq!(
                    k,
                    hex("3f482c8a9f19b01e6c46ee9711d9dc14fd4bf67af30765c2ae2b846a4d23a8cd0db897086239492caf350b51f833868b9bc2b3bca9cf4113")
                );
            }
        }
        assert_eq!(
            k,
            hex("aa3b4749d55b9daf1e5b00288826c467274ce3ebbdd5c17b975e09d4af6c67cf10d087202db88286e2b79fceea3ec353ef54faa26e219f38")
        );
    }

    #[test]
    fn x448_matches_rfc7748_diffie_hellman_vector() {
        // RFC 7748 section 6.2.
        let alice_d = hex("9a8f4925d1519f5775cf46b04b5800d4ee9ee8bae8bc5565d498c28dd9c9baf574a9419744897391006382a6f127ab1d9ac2d8c0a598726b");
        let bob_d = hex("1c306a7ac2a0e2e0990b294470cba339e6453772b075811d8fad0d1d6927c120bb5ee8972b0d3e21374c9c921b09d1b0366f10b65173992d");
        let alice_x = x448_public(&alice_d).unwrap();
        let bob_x = x448_public(&bob_d).unwrap();
        assert_eq!(alice_x, hex("9b08f7cc31b7e3e67d22d5aea121074a273bd2b83de09c63faa73d2c22c5d9bbc836647241d953d40c5b12da88120d53177f80e532c41fa0"));
        assert_eq!(bob_x, hex("3eb7a829b0cd20f5bcfc0b599b6feccf6da4627107bdb0d4f345b43027d8b972fc3e34fb4232a13ca706dcb57aec3dae07bdc1c67bf33609"));
        let shared = hex("07fff4181ac6cc95ec1c16a94a0f74d12da232ce40a77552281d282bb60c0b56fd2464c335543936521c24403085d59a449a5037514a879d");
        assert_eq!(*x448_agree(&alice_d, &bob_x).unwrap(), shared);
        assert_eq!(*x448_agree(&bob_d, &alice_x).unwrap(), shared);
    }

    #[test]
    fn x448_rejects_small_order_peer_and_bad_lengths() {
        let (d, _) = x448_generate().unwrap();
        // u = 0 and u = 1 are small-order points: the result is all zero.
        assert!(x448_agree(&d, &[0; 56]).is_err());
        let mut one = [0u8; 56];
        one[0] = 1;
        assert!(x448_agree(&d, &one).is_err());
        assert!(x448_agree(&d, &[9; 55]).is_err());
        assert!(x448_agree(&d[..55], &[9; 56]).is_err());
        assert!(x448_public(&[]).is_err());
    }

    #[test]
    fn node_ed448_and_x448_results_match() {
        // Keys, a signature and a shared secret made by Node's OpenSSL
        // (tests/fixtures/node-keys.js).
        use crate::jwk::test_keys::{field, fixtures};
        let fixtures = fixtures();
        let (ed, x) = (&fixtures["okp"]["Ed448"], &fixtures["okp"]["X448"]);
        let message = field(&fixtures["ed448"], "message");
        let signature = field(&fixtures["ed448"], "signature");
        // Ed448 is deterministic: our signature is byte-for-byte Node's.
        assert_eq!(ed448_sign(&field(ed, "d"), &message).unwrap(), signature);
        assert!(ed448_verify(&field(ed, "x"), &message, &signature).unwrap());
        assert_eq!(ed448_public(&field(ed, "d")).unwrap(), field(ed, "x"));

        assert_eq!(x448_public(&field(x, "d")).unwrap(), field(x, "x"));
        let shared = x448_agree(&field(x, "d"), &field(&fixtures["x448"], "peerX")).unwrap();
        assert_eq!(*shared, field(&fixtures["x448"], "shared"));
    }

    #[test]
    fn x448_generated_keys_agree() {
        let (a_d, a_x) = x448_generate().unwrap();
        let (b_d, b_x) = x448_generate().unwrap();
        assert_wiped(&a_d);
        assert_eq!(a_d.len(), X448_KEY_LEN);
        assert_eq!(a_x.len(), X448_KEY_LEN);
        let shared = x448_agree(&a_d, &b_x).unwrap();
        assert_wiped(&shared);
        assert_eq!(shared, x448_agree(&b_d, &a_x).unwrap());
    }
}
