//! The raw aws-lc-rs rate of each primitive behind the JWT and JWE rows of
//! `npm run bench`: the physical limit a binding on aws-lc-rs can reach,
//! with keys made once and nothing around the primitive call.
//!
//!   cargo run --release --example raw --no-default-features --target <host triple> [-- --quick]
//!
//! Prints one JSON object, `{ "<primitive>": opsPerSec, ... }`, on stdout.
//!
//! Every `unwrap` and `expect` below is on a fixed benchmark input (keys
//! generated here, constant messages and buffers sized for them): a failure
//! is a broken aws-lc-rs, not a case this program handles.

use std::hint::black_box;
use std::time::{Duration, Instant};

use aws_lc_rs::aead::{Aad, LessSafeKey, Nonce, UnboundKey, AES_256_GCM, NONCE_LEN};
use aws_lc_rs::agreement::{self, EphemeralPrivateKey, PrivateKey, UnparsedPublicKey, ECDH_P256};
use aws_lc_rs::error::Unspecified;
use aws_lc_rs::hmac;
use aws_lc_rs::rand::{self, SystemRandom};
use aws_lc_rs::rsa::{
    KeySize, OaepPrivateDecryptingKey, OaepPublicEncryptingKey, PrivateDecryptingKey,
    OAEP_SHA256_MGF1SHA256,
};
use aws_lc_rs::signature::{
    EcdsaKeyPair, Ed25519KeyPair, KeyPair, ParsedPublicKey, RsaKeyPair, ECDSA_P256_SHA256_FIXED,
    ECDSA_P256_SHA256_FIXED_SIGNING, ED25519, RSA_PKCS1_2048_8192_SHA256, RSA_PKCS1_SHA256,
};

/// A JWS signing input's size: base64url header, a dot, base64url claims.
const MESSAGE_LEN: usize = 150;
/// The JWE rows' plaintext size.
const PLAINTEXT_LEN: usize = 200;
/// A JWE protected header, the AAD of its content encryption.
const AAD: &[u8] = b"eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0";

struct Windows {
    warmup: Duration,
    measure: Duration,
}

/// The measured window is cut into this many slices and the best slice's
/// rate is the result: another process on the machine can only slow a
/// slice down (bench/measure.js does the same).
const SLICES: u32 = 4;

/// ops/s of `op`: a warm-up, then the slices, each in batches that grew
/// during the warm-up until one takes ~1 ms, so the clock is read rarely.
fn rate(windows: &Windows, mut op: impl FnMut()) -> f64 {
    let mut batch: u64 = 1;
    let start = Instant::now();
    while start.elapsed() < windows.warmup {
        let batch_start = Instant::now();
        for _ in 0..batch {
            op();
        }
        if batch_start.elapsed() < Duration::from_micros(500) {
            batch *= 2;
        }
    }
    let slice = windows.measure / SLICES;
    let mut best: f64 = 0.0;
    for _ in 0..SLICES {
        let start = Instant::now();
        let mut ops: u64 = 0;
        while start.elapsed() < slice {
            for _ in 0..batch {
                op();
            }
            ops += batch;
        }
        best = best.max(ops as f64 / start.elapsed().as_secs_f64());
    }
    best
}

fn hmac_rates(w: &Windows, out: &mut Vec<(&'static str, f64)>) {
    let key = hmac::Key::new(hmac::HMAC_SHA256, &[0x0b; 32]);
    let message = [b'a'; MESSAGE_LEN];
    out.push((
        "hmac-sha256",
        rate(w, || {
            black_box(hmac::sign(&key, black_box(&message)));
        }),
    ));
}

fn rsa_signature_rates(w: &Windows, out: &mut Vec<(&'static str, f64)>) {
    let rng = SystemRandom::new();
    let key_pair = RsaKeyPair::generate(KeySize::Rsa2048).unwrap();
    let message = [b'a'; MESSAGE_LEN];
    let mut signature = vec![0; key_pair.public_modulus_len()];
    out.push((
        "rsa2048-sign",
        rate(w, || {
            key_pair
                .sign(&RSA_PKCS1_SHA256, &rng, &message, &mut signature)
                .unwrap();
        }),
    ));
    let public_key =
        ParsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, key_pair.public_key().as_ref()).unwrap();
    out.push((
        "rsa2048-verify",
        rate(w, || {
            public_key.verify_sig(&message, &signature).unwrap();
        }),
    ));
}

fn p256_rates(w: &Windows, out: &mut Vec<(&'static str, f64)>) {
    let rng = SystemRandom::new();
    let key_pair = EcdsaKeyPair::generate(&ECDSA_P256_SHA256_FIXED_SIGNING).unwrap();
    let message = [b'a'; MESSAGE_LEN];
    out.push((
        "p256-sign",
        rate(w, || {
            black_box(key_pair.sign(&rng, &message).unwrap());
        }),
    ));
    let signature = key_pair.sign(&rng, &message).unwrap();
    let public_key =
        ParsedPublicKey::new(&ECDSA_P256_SHA256_FIXED, key_pair.public_key().as_ref()).unwrap();
    out.push((
        "p256-verify",
        rate(w, || {
            public_key.verify_sig(&message, signature.as_ref()).unwrap();
        }),
    ));
}

fn ed25519_rates(w: &Windows, out: &mut Vec<(&'static str, f64)>) {
    let key_pair = Ed25519KeyPair::generate().unwrap();
    let message = [b'a'; MESSAGE_LEN];
    out.push((
        "ed25519-sign",
        rate(w, || {
            black_box(key_pair.sign(&message));
        }),
    ));
    let signature = key_pair.sign(&message);
    let public_key = ParsedPublicKey::new(&ED25519, key_pair.public_key().as_ref()).unwrap();
    out.push((
        "ed25519-verify",
        rate(w, || {
            public_key.verify_sig(&message, signature.as_ref()).unwrap();
        }),
    ));
}

/// A fresh random IV per seal, as every JWE encryption draws one.
fn fresh_nonce() -> Nonce {
    let mut iv = [0; NONCE_LEN];
    rand::fill(&mut iv).unwrap();
    Nonce::assume_unique_for_key(iv)
}

fn aes_gcm_rates(w: &Windows, out: &mut Vec<(&'static str, f64)>) {
    let key = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, &[0x42; 32]).unwrap());
    let plaintext = [b'a'; PLAINTEXT_LEN];
    // In-place APIs: each call copies the 200 bytes into the working buffer
    // first, as a real JWE allocates its output.
    let mut buffer = plaintext;
    out.push((
        "aes256gcm-seal",
        rate(w, || {
            buffer.copy_from_slice(&plaintext);
            let tag = key
                .seal_in_place_separate_tag(fresh_nonce(), Aad::from(AAD), &mut buffer)
                .unwrap();
            black_box(&tag);
        }),
    ));
    let iv = [7; NONCE_LEN];
    let mut sealed = plaintext.to_vec();
    key.seal_in_place_append_tag(
        Nonce::assume_unique_for_key(iv),
        Aad::from(AAD),
        &mut sealed,
    )
    .unwrap();
    let mut working = sealed.clone();
    out.push((
        "aes256gcm-open",
        rate(w, || {
            working.copy_from_slice(&sealed);
            let opened = key
                .open_in_place(
                    Nonce::assume_unique_for_key(iv),
                    Aad::from(AAD),
                    &mut working,
                )
                .unwrap();
            black_box(opened);
        }),
    ));
}

fn rsa_oaep_rates(w: &Windows, out: &mut Vec<(&'static str, f64)>) {
    let private_key = PrivateDecryptingKey::generate(KeySize::Rsa2048).unwrap();
    let public_key = OaepPublicEncryptingKey::new(private_key.public_key()).unwrap();
    let private_key = OaepPrivateDecryptingKey::new(private_key).unwrap();
    let cek = [0x42; 32];
    let mut ciphertext = vec![0; public_key.ciphertext_size()];
    out.push((
        "rsa-oaep256-encrypt",
        rate(w, || {
            public_key
                .encrypt(&OAEP_SHA256_MGF1SHA256, &cek, &mut ciphertext, None)
                .unwrap();
        }),
    ));
    let mut plaintext = vec![0; private_key.min_output_size()];
    out.push((
        "rsa-oaep256-decrypt",
        rate(w, || {
            private_key
                .decrypt(&OAEP_SHA256_MGF1SHA256, &ciphertext, &mut plaintext, None)
                .unwrap();
        }),
    ));
}

fn ecdh_rates(w: &Windows, out: &mut Vec<(&'static str, f64)>) {
    let rng = SystemRandom::new();
    // ECDH-ES encryption: a fresh ephemeral key (and its public point, the
    // `epk` header) per message, agreed with the recipient's key, which an
    // application parses once.
    let recipient = PrivateKey::generate(&ECDH_P256).unwrap();
    let recipient_public = recipient.compute_public_key().unwrap();
    let recipient_parsed: agreement::ParsedPublicKey =
        (&UnparsedPublicKey::new(&ECDH_P256, recipient_public.as_ref()))
            .try_into()
            .unwrap();
    out.push((
        "ecdh-p256",
        rate(w, || {
            let ephemeral = EphemeralPrivateKey::generate(&ECDH_P256, &rng).unwrap();
            black_box(ephemeral.compute_public_key().unwrap());
            agreement::agree_ephemeral(ephemeral, recipient_parsed.clone(), Unspecified, |z| {
                black_box(z);
                Ok(())
            })
            .unwrap();
        }),
    ));
    // ECDH-ES decryption: the recipient's static key with the `epk` of the
    // message, which arrives (and is parsed) with every JWE.
    let epk = PrivateKey::generate(&ECDH_P256)
        .unwrap()
        .compute_public_key()
        .unwrap();
    out.push((
        "ecdh-p256-static",
        rate(w, || {
            let peer = UnparsedPublicKey::new(&ECDH_P256, epk.as_ref());
            agreement::agree(&recipient, peer, Unspecified, |z| {
                black_box(z);
                Ok(())
            })
            .unwrap();
        }),
    ));
}

fn main() {
    let quick = std::env::args().any(|arg| arg == "--quick");
    let windows = if quick {
        Windows {
            warmup: Duration::from_millis(50),
            measure: Duration::from_millis(200),
        }
    } else {
        Windows {
            warmup: Duration::from_millis(100),
            measure: Duration::from_millis(400),
        }
    };
    let mut rates = Vec::new();
    hmac_rates(&windows, &mut rates);
    rsa_signature_rates(&windows, &mut rates);
    p256_rates(&windows, &mut rates);
    ed25519_rates(&windows, &mut rates);
    aes_gcm_rates(&windows, &mut rates);
    rsa_oaep_rates(&windows, &mut rates);
    ecdh_rates(&windows, &mut rates);
    let fields: Vec<String> = rates
        .iter()
        .map(|(name, ops)| format!("\"{name}\": {ops:.1}"))
        .collect();
    println!("{{ {} }}", fields.join(", "));
}
