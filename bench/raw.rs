//! The raw aws-lc-rs rate of each primitive behind the JWT and JWE rows of
//! `npm run bench`: the physical limit a binding on aws-lc-rs can reach,
//! with keys made once and nothing around the primitive call.
//!
//!   cargo run --release --example raw --no-default-features --target <host triple> \
//!     [-- [--quick] [--message-len <bytes>] [--serve]]
//!
//! Prints one JSON object, `{ "<primitive>": opsPerSec, ... }`, on stdout.
//!
//! With `--serve` it measures on demand instead, so that bench/index.js can
//! time a primitive in turns with the JavaScript calls built on it: each
//! line `warm <primitive> <ms>` or `run <primitive> <ms>` on stdin is
//! answered by one line on stdout: for `run`, the ops/s of that window; for
//! `warm`, the batch size the warm-up found, which later runs use.
//!
//! Every `unwrap` and `expect` below is on a fixed benchmark input (keys
//! generated here, constant messages and buffers sized for them): a failure
//! is a broken aws-lc-rs, not a case this program handles.

use std::hint::black_box;
use std::io::Write;
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

/// A JWS signing input's size (base64url header, a dot, base64url claims)
/// when no `--message-len` is given. bench/index.js passes the length of
/// the signing input its JWT rows sign and verify, so that the limit is
/// that of the same work: Ed25519 hashes the message twice, and a longer
/// one takes more SHA-512 blocks.
const MESSAGE_LEN: usize = 150;
/// The JWE rows' plaintext size.
const PLAINTEXT_LEN: usize = 200;
/// A JWE protected header, the AAD of its content encryption.
const AAD: &[u8] = b"eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0";

/// One primitive's call, owning everything it needs.
type Op = Box<dyn FnMut()>;

struct Windows {
    warmup: Duration,
    measure: Duration,
}

/// The measured window is cut into this many slices and the best slice's
/// rate is the result: another process on the machine can only slow a
/// slice down (bench/measure.js does the same).
const SLICES: u32 = 8;

/// ops/s of `op`: a warm-up, then the slices, each in batches that grew
/// during the warm-up until one takes ~1 ms, so the clock is read rarely.
fn rate(windows: &Windows, op: &mut dyn FnMut()) -> f64 {
    let batch = warm_up(windows.warmup, op);
    let slice = windows.measure / SLICES;
    (0..SLICES).fold(0.0, |best: f64, _| best.max(slice_rate(slice, batch, op)))
}

/// Runs `op` for `window`, doubling the batch while one takes under 0.5 ms;
/// returns the batch size found.
fn warm_up(window: Duration, op: &mut dyn FnMut()) -> u64 {
    let mut batch: u64 = 1;
    let start = Instant::now();
    while start.elapsed() < window {
        let batch_start = Instant::now();
        for _ in 0..batch {
            op();
        }
        if batch_start.elapsed() < Duration::from_micros(500) {
            batch *= 2;
        }
    }
    batch
}

/// ops/s of `op` over `window`, in batches of `batch`.
fn slice_rate(window: Duration, batch: u64, op: &mut dyn FnMut()) -> f64 {
    let start = Instant::now();
    let mut ops: u64 = 0;
    while start.elapsed() < window {
        for _ in 0..batch {
            op();
        }
        ops += batch;
    }
    ops as f64 / start.elapsed().as_secs_f64()
}

fn hmac_ops(message_len: usize, out: &mut Vec<(&'static str, Op)>) {
    let key = hmac::Key::new(hmac::HMAC_SHA256, &[0x0b; 32]);
    let message = vec![b'a'; message_len];
    out.push((
        "hmac-sha256",
        Box::new(move || {
            black_box(hmac::sign(&key, black_box(&message)));
        }),
    ));
}

fn rsa_signature_ops(message_len: usize, out: &mut Vec<(&'static str, Op)>) {
    let rng = SystemRandom::new();
    let key_pair = RsaKeyPair::generate(KeySize::Rsa2048).unwrap();
    let message = vec![b'a'; message_len];
    let verified_message = message.clone();
    let mut signature = vec![0; key_pair.public_modulus_len()];
    key_pair
        .sign(&RSA_PKCS1_SHA256, &rng, &message, &mut signature)
        .unwrap();
    let public_key =
        ParsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, key_pair.public_key().as_ref()).unwrap();
    let mut out_signature = signature.clone();
    out.push((
        "rsa2048-sign",
        Box::new(move || {
            key_pair
                .sign(&RSA_PKCS1_SHA256, &rng, &message, &mut out_signature)
                .unwrap();
        }),
    ));
    out.push((
        "rsa2048-verify",
        Box::new(move || {
            public_key
                .verify_sig(&verified_message, &signature)
                .unwrap();
        }),
    ));
}

fn p256_ops(message_len: usize, out: &mut Vec<(&'static str, Op)>) {
    let rng = SystemRandom::new();
    let key_pair = EcdsaKeyPair::generate(&ECDSA_P256_SHA256_FIXED_SIGNING).unwrap();
    let message = vec![b'a'; message_len];
    let verified_message = message.clone();
    let signature = key_pair.sign(&rng, &message).unwrap();
    let public_key =
        ParsedPublicKey::new(&ECDSA_P256_SHA256_FIXED, key_pair.public_key().as_ref()).unwrap();
    out.push((
        "p256-sign",
        Box::new(move || {
            black_box(key_pair.sign(&rng, &message).unwrap());
        }),
    ));
    out.push((
        "p256-verify",
        Box::new(move || {
            public_key
                .verify_sig(&verified_message, signature.as_ref())
                .unwrap();
        }),
    ));
}

fn ed25519_ops(message_len: usize, out: &mut Vec<(&'static str, Op)>) {
    let key_pair = Ed25519KeyPair::generate().unwrap();
    let message = vec![b'a'; message_len];
    let verified_message = message.clone();
    let signature = key_pair.sign(&message);
    let public_key = ParsedPublicKey::new(&ED25519, key_pair.public_key().as_ref()).unwrap();
    out.push((
        "ed25519-sign",
        Box::new(move || {
            black_box(key_pair.sign(&message));
        }),
    ));
    out.push((
        "ed25519-verify",
        Box::new(move || {
            public_key
                .verify_sig(&verified_message, signature.as_ref())
                .unwrap();
        }),
    ));
}

/// A fresh random IV per seal, as every JWE encryption draws one.
fn fresh_nonce() -> Nonce {
    let mut iv = [0; NONCE_LEN];
    rand::fill(&mut iv).unwrap();
    Nonce::assume_unique_for_key(iv)
}

fn aes_key() -> LessSafeKey {
    LessSafeKey::new(UnboundKey::new(&AES_256_GCM, &[0x42; 32]).unwrap())
}

fn aes_gcm_ops(out: &mut Vec<(&'static str, Op)>) {
    let plaintext = [b'a'; PLAINTEXT_LEN];
    // In-place APIs: each call copies the 200 bytes into the working buffer
    // first, as a real JWE allocates its output.
    let sealing = aes_key();
    let mut buffer = plaintext;
    out.push((
        "aes256gcm-seal",
        Box::new(move || {
            buffer.copy_from_slice(&plaintext);
            let tag = sealing
                .seal_in_place_separate_tag(fresh_nonce(), Aad::from(AAD), &mut buffer)
                .unwrap();
            black_box(&tag);
        }),
    ));
    let opening = aes_key();
    let iv = [7; NONCE_LEN];
    let mut sealed = plaintext.to_vec();
    opening
        .seal_in_place_append_tag(
            Nonce::assume_unique_for_key(iv),
            Aad::from(AAD),
            &mut sealed,
        )
        .unwrap();
    let mut working = sealed.clone();
    out.push((
        "aes256gcm-open",
        Box::new(move || {
            working.copy_from_slice(&sealed);
            let opened = opening
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

fn rsa_oaep_ops(out: &mut Vec<(&'static str, Op)>) {
    let private_key = PrivateDecryptingKey::generate(KeySize::Rsa2048).unwrap();
    let public_key = OaepPublicEncryptingKey::new(private_key.public_key()).unwrap();
    let private_key = OaepPrivateDecryptingKey::new(private_key).unwrap();
    let cek = [0x42; 32];
    let mut ciphertext = vec![0; public_key.ciphertext_size()];
    public_key
        .encrypt(&OAEP_SHA256_MGF1SHA256, &cek, &mut ciphertext, None)
        .unwrap();
    let mut encrypted = ciphertext.clone();
    out.push((
        "rsa-oaep256-encrypt",
        Box::new(move || {
            public_key
                .encrypt(&OAEP_SHA256_MGF1SHA256, &cek, &mut encrypted, None)
                .unwrap();
        }),
    ));
    let mut plaintext = vec![0; private_key.min_output_size()];
    out.push((
        "rsa-oaep256-decrypt",
        Box::new(move || {
            private_key
                .decrypt(&OAEP_SHA256_MGF1SHA256, &ciphertext, &mut plaintext, None)
                .unwrap();
        }),
    ));
}

fn ecdh_ops(out: &mut Vec<(&'static str, Op)>) {
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
        Box::new(move || {
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
        Box::new(move || {
            let peer = UnparsedPublicKey::new(&ECDH_P256, epk.as_ref());
            agreement::agree(&recipient, peer, Unspecified, |z| {
                black_box(z);
                Ok(())
            })
            .unwrap();
        }),
    ));
}

/// Every primitive, in the order the table lists them.
fn all_ops(message_len: usize) -> Vec<(&'static str, Op)> {
    let mut ops = Vec::new();
    hmac_ops(message_len, &mut ops);
    rsa_signature_ops(message_len, &mut ops);
    p256_ops(message_len, &mut ops);
    ed25519_ops(message_len, &mut ops);
    aes_gcm_ops(&mut ops);
    rsa_oaep_ops(&mut ops);
    ecdh_ops(&mut ops);
    ops
}

/// `--serve`: answers `warm|run <primitive> <ms>` lines until stdin ends.
fn serve(mut ops: Vec<(&'static str, Op)>) {
    let mut batches = vec![1; ops.len()];
    let stdout = std::io::stdout();
    for line in std::io::stdin().lines() {
        // a closed pipe ends the session, as the end of input does
        let Ok(line) = line else { break };
        let words: Vec<&str> = line.split_whitespace().collect();
        let answer = match words.as_slice() {
            [verb, name, ms] => {
                match (ops.iter().position(|(n, _)| n == name), ms.parse::<u64>()) {
                    (Some(i), Ok(ms)) => {
                        let window = Duration::from_millis(ms);
                        let op = &mut *ops[i].1;
                        if *verb == "warm" {
                            // the answer is the batch size the warm-up found
                            batches[i] = warm_up(window, op);
                            batches[i].to_string()
                        } else {
                            format!("{:.1}", slice_rate(window, batches[i], op))
                        }
                    }
                    _ => format!("error: unknown primitive or window in {line:?}"),
                }
            }
            _ => format!("error: expected `warm|run <primitive> <ms>`, got {line:?}"),
        };
        let mut out = stdout.lock();
        if writeln!(out, "{answer}")
            .and_then(|()| out.flush())
            .is_err()
        {
            break;
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let message_len = args
        .iter()
        .position(|arg| arg == "--message-len")
        .and_then(|at| args.get(at + 1)?.parse().ok())
        .unwrap_or(MESSAGE_LEN);
    if args.iter().any(|arg| arg == "--serve") {
        return serve(all_ops(message_len));
    }
    let windows = if args.iter().any(|arg| arg == "--quick") {
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
    let fields: Vec<String> = all_ops(message_len)
        .into_iter()
        .map(|(name, mut op)| format!("\"{name}\": {:.1}", rate(&windows, &mut *op)))
        .collect();
    println!("{{ {} }}", fields.join(", "));
}
