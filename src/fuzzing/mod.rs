//! Entry points for the coverage-guided fuzz targets in `fuzz/` and for the
//! cargo test that replays their seeds and every input that once broke
//! something (`fuzz/seeds/<target>/`, `fuzz/regressions/<target>/`).
//!
//! Each target takes the fuzzer's bytes and runs them through the core
//! functions the Node bindings call, with the same key selection. Errors are
//! the expected outcome; what must never happen is a panic (in the addon it
//! aborts the user's Node process), a hang, or a broken invariant, which the
//! targets check with `assert!` so the fuzzer reports it.
//!
//! Each returns whether the input was accepted (verified, decrypted,
//! imported), which the replay test uses to see that the seeds still reach
//! the end of their paths.
//!
//! The first byte of every input but the timespan's is a set of flags
//! choosing options (key mode, `crit`, `algorithms`, DER type...), so the
//! fuzzer explores them too; the rest is the token, JWK, PEM or DER.

mod keys;
#[cfg(test)]
mod tests;

use std::sync::Arc;

use serde_json::{Map, Value};

use crate::b64;
use crate::error::{Error, Kind, Result};
use crate::jwa::jwe_algs::EncAlg;
use crate::jwe::{self, DecryptOptions, JweInput, KeyQuery};
use crate::jwk::der::{self, PrivateFormat, PublicFormat};
use crate::jwk::json::{self, JwkImportOptions};
use crate::jwk::key::Key;
use crate::jwk::material::KeyType;
use crate::jwk::{import, pkcs8_encrypted};
use crate::jwks::{self, Query};
use crate::jws::header::truthy;
use crate::jws::{self, embedded, Header, JwsInput, JwsKey, VerifyOptions};
use crate::jwt;

pub use keys::PASSWORD;

/// A fuzz target: its name (the folder under `fuzz/`) and its function.
pub type Target = (&'static str, fn(&[u8]) -> bool);

/// Every target, for the replay test and `scripts/fuzz.sh`'s list.
pub const TARGETS: &[Target] = &[
    ("jws_compact", jws_compact),
    ("jws_json", jws_json),
    ("jwe_compact", jwe_compact),
    ("jwe_json", jwe_json),
    ("jwk_json", jwk_json),
    ("jwk_pem", jwk_pem),
    ("jwk_der", jwk_der),
    ("pkcs8_encrypted", pkcs8_encrypted),
    ("jwt_claims", jwt_claims),
    ("timespan", timespan),
];

/// The passphrase the PEM and encrypted PKCS#8 targets decrypt with.
pub const PASSPHRASE: &[u8] = b"fuzz-passphrase";

/// Small, so a `p2c` the fuzzer inflates costs little; jose's encrypt
/// draws `p2c` from 2048..=4096, so generated seeds stay under it.
const MAX_PBES2_COUNT: f64 = 4096.0;

/// Far below the 16 MiB default: a deflate bomb is found as well at 1 MiB
/// and costs the fuzzer sixteen times less.
const MAX_INFLATED_SIZE: usize = 1 << 20;

const SIGNATURE_ALGS: &[&str] = &["HS256", "RS256", "PS384", "ES256", "ES512", "EdDSA", "none"];
const ENCRYPTION_ALGS: &[&str] = &[
    "dir",
    "A128GCM",
    "RSA-OAEP",
    "RSA1_5",
    "ECDH-ES",
    "ECDH-ES+A128KW",
    "A256GCMKW",
    "PBES2-HS512+A256KW",
];

fn split(data: &[u8]) -> (u8, &[u8]) {
    match data.split_first() {
        Some((flags, rest)) => (*flags, rest),
        None => (0, data),
    }
}

/// Text as napi hands it over: always UTF-8, so invalid bytes are replaced
/// rather than the input thrown away.
fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// The compact-target flag for a raw header: the input is the protected
/// header's JSON, a NUL byte, then the rest of the token after its first
/// dot; the header is base64url-encoded here. The fuzzer then mutates the
/// JSON directly, which it seldom gets right through base64url.
pub const RAW: u8 = 0x10;

fn compact(flags: u8, rest: &[u8]) -> String {
    if flags & RAW == 0 {
        return text(rest);
    }
    let mut halves = rest.splitn(2, |b| *b == 0);
    let header = halves.next().unwrap_or_default();
    let tail = halves.next().unwrap_or_default();
    format!("{}.{}", b64::encode(header), text(tail))
}

/// Errors must be well formed: a multi error holds a flat, non-empty list.
/// Returns false, the outcome of an input that failed.
fn check_error(e: &Error) -> bool {
    if e.kind == Kind::MultiError {
        assert!(!e.errors.is_empty(), "empty JOSEMultiError");
        assert!(
            e.errors.iter().all(|inner| inner.kind != Kind::MultiError),
            "nested JOSEMultiError"
        );
    } else {
        assert!(e.errors.is_empty(), "{e} carries inner errors");
    }
    false
}

// ---------------------------------------------------------------- JWS

/// Compact JWS verification. Flags: bits 0-1 key mode (KeyStore of every
/// key, `JWK.None`, `EmbeddedJWK`, `EmbeddedX5C`), bit 2 `crit: ["b64"]`,
/// bit 3 an `algorithms` allowlist, bit 4 [`RAW`] parts.
pub fn jws_compact(data: &[u8]) -> bool {
    let (flags, rest) = split(data);
    let token = compact(flags, rest);
    jws_verify(JwsInput::Compact(&token), flags)
}

/// Flattened and general JWS verification, flags as for `jws_compact`.
pub fn jws_json(data: &[u8]) -> bool {
    let (flags, rest) = split(data);
    let Ok(value) = serde_json::from_slice::<Value>(rest) else {
        return false;
    };
    jws_verify(JwsInput::Json(&value), flags)
}

fn jws_verify(input: JwsInput<'_>, flags: u8) -> bool {
    let crit: &[&str] = if flags & 4 != 0 { &["b64"] } else { &[] };
    let options = VerifyOptions {
        crit,
        algorithms: (flags & 8 != 0).then_some(SIGNATURE_ALGS),
    };
    let mode = flags & 3;
    match jws::verify(input, &options, |header, alg| {
        jws_candidates(mode, header, alg)
    }) {
        Ok(verified) => {
            // An unencoded payload is only possible when `b64` is understood.
            assert!(!verified.unencoded_payload || flags & 4 != 0);
            // `JWK.None` verifies `alg: "none"` and nothing else.
            if mode == 1 {
                let alg = [&verified.protected, &verified.header]
                    .into_iter()
                    .flatten()
                    .find_map(|h| h.get("alg").filter(|a| truthy(Some(a))));
                assert_eq!(alg, Some(&Value::from("none")));
            }
            true
        }
        Err(e) => check_error(&e),
    }
}

/// The node layer's choice of keys, per key mode.
fn jws_candidates(mode: u8, header: &Header, _alg: Option<&str>) -> Result<Vec<JwsKey>> {
    match mode {
        1 => Ok(vec![JwsKey::Unsecured]),
        2 => Ok(vec![JwsKey::Key(Arc::new(embedded::from_jwk_header(
            header, false,
        )?))]),
        3 => Ok(vec![JwsKey::Key(Arc::new(embedded::from_x5c_header(
            header, false,
        )?))]),
        _ => {
            let query = Query::operation(header.get("kid"), header.get("alg"), &["verify"]);
            let all = &keys::get().all;
            Ok(jwks::select(all, &query)
                .into_iter()
                .map(|i| JwsKey::Key(Arc::clone(&all[i])))
                .collect())
        }
    }
}

// ---------------------------------------------------------------- JWE

/// Compact JWE decryption. Flags: bits 0-1 key mode (KeyStore of every
/// key, the PBES2 password, one key picked by bits 5-7), bit 2
/// `crit: ["exp"]`, bit 3 an `algorithms` allowlist, bit 4 [`RAW`] parts.
pub fn jwe_compact(data: &[u8]) -> bool {
    let (flags, rest) = split(data);
    let token = compact(flags, rest);
    jwe_decrypt(JweInput::Compact(&token), flags)
}

/// Flattened and general JWE decryption, flags as for `jwe_compact`.
pub fn jwe_json(data: &[u8]) -> bool {
    let (flags, rest) = split(data);
    let Ok(value) = serde_json::from_slice::<Value>(rest) else {
        return false;
    };
    jwe_decrypt(JweInput::Json(&value), flags)
}

fn jwe_decrypt(input: JweInput<'_>, flags: u8) -> bool {
    let crit: &[&str] = if flags & 4 != 0 { &["exp"] } else { &[] };
    let options = DecryptOptions {
        crit,
        algorithms: (flags & 8 != 0).then_some(ENCRYPTION_ALGS),
        max_pbes2_count: MAX_PBES2_COUNT,
        max_inflated_size: MAX_INFLATED_SIZE,
    };
    let set = keys::get();
    let one = |key: &Arc<Key>| Ok(vec![Arc::clone(key)]);
    // eight keys spread over the set, whatever its size
    let picked = &set.all[usize::from(flags >> 5) * set.all.len() / 8];
    let result = jwe::decrypt(input, &options, |query: &KeyQuery<'_>| match flags & 3 {
        1 => one(&set.password),
        2 => one(picked),
        _ => {
            let ops = [query.key_op];
            let query = Query::operation(query.kid, Some(query.alg), &ops);
            Ok(jwks::select(&set.all, &query)
                .into_iter()
                .map(|i| Arc::clone(&set.all[i]))
                .collect())
        }
    });
    match result {
        Ok(done) => {
            let enc = EncAlg::from_name(done.enc);
            assert_eq!(enc.map(|e| e.key_len), Some(done.cek.len()), "CEK length");
            assert!(done.cleartext.len() <= MAX_INFLATED_SIZE.max(data_len(input)));
            true
        }
        Err(e) => check_error(&e),
    }
}

/// An upper bound of the ciphertext's size, for the inflation check: a
/// plaintext without `zip` is as long as its ciphertext.
fn data_len(input: JweInput<'_>) -> usize {
    match input {
        JweInput::Compact(text) => text.len(),
        JweInput::Json(value) => value.to_string().len(),
    }
}

// ---------------------------------------------------------------- JWK

/// `JWK.asKey` of a JWK object (its own members as the parameters, as
/// jose takes them). Flags: bit 0 `calculateMissingRSAPrimes`, bit 1 the
/// legacy `P-256K` name for secp256k1.
pub fn jwk_json(data: &[u8]) -> bool {
    let (flags, rest) = split(data);
    let Ok(Value::Object(jwk)) = serde_json::from_slice::<Value>(rest) else {
        return false;
    };
    let opts = JwkImportOptions {
        calculate_missing_rsa_primes: flags & 1 != 0,
        legacy_p256k: flags & 2 != 0,
    };
    imported(import::from_jwk(&jwk, &jwk, opts), opts.legacy_p256k)
}

/// `JWK.asKey` of PEM text. Flags: bit 0 pass the passphrase, bit 1 take a
/// certificate's DER as `x5c`.
pub fn jwk_pem(data: &[u8]) -> bool {
    let (flags, rest) = split(data);
    let pem = text(rest);
    let passphrase = (flags & 1 != 0).then_some(PASSPHRASE);
    imported(
        import::from_pem(&pem, passphrase, &Map::new(), flags & 2 != 0, false),
        false,
    )
}

/// `JWK.asKey({ key, format: 'der', type })`. Flags: bits 0-2 the type
/// (`pkcs8`, `sec1`, `spki`, `pkcs1`, or one Node does not know).
pub fn jwk_der(data: &[u8]) -> bool {
    let (flags, rest) = split(data);
    let der_type = ["pkcs8", "sec1", "spki", "pkcs1", "x509"][usize::from(flags & 7) % 5];
    imported(import::from_der(rest, der_type, &Map::new(), false), false)
}

/// An `ENCRYPTED PRIVATE KEY`'s DER decrypted with the fuzz passphrase (or,
/// with flag bit 0, an empty one), then imported as PKCS#8.
pub fn pkcs8_encrypted(data: &[u8]) -> bool {
    let (flags, rest) = split(data);
    let passphrase: &[u8] = if flags & 1 != 0 { b"" } else { PASSPHRASE };
    let pkcs8 = match pkcs8_encrypted::decrypt(rest, passphrase) {
        Ok(pkcs8) => pkcs8,
        Err(e) => {
            check_error(&e);
            return false;
        }
    };
    let material = der::import_private_der(&pkcs8, PrivateFormat::Pkcs8);
    imported(
        material.and_then(|m| Key::new(m, &Map::new(), false)),
        false,
    )
}

/// An imported key must survive its own exports: its JWK, and its PKCS#8
/// or SPKI DER, import again to the same key.
fn imported(result: Result<Key>, legacy_p256k: bool) -> bool {
    let key = match result {
        Ok(key) => key,
        Err(e) => return check_error(&e),
    };
    let private = key.key_type() != KeyType::Public;
    let jwk = match key.to_jwk(private) {
        Ok(jwk) => jwk,
        // The fuzzer's oracle, not error handling: this module is built for
        // tests and fuzz targets only (never into the addon), and a panic
        // here is how a key that cannot export its own JWK is reported.
        Err(e) => panic!("an imported key fails to export as JWK: {e}"),
    };
    let opts = JwkImportOptions {
        legacy_p256k,
        ..Default::default()
    };
    let again =
        json::material_from_jwk(&jwk, opts).and_then(|m| Key::new(m, &Map::new(), legacy_p256k));
    same_key(&key, again, "JWK");

    let der = match key.key_type() {
        KeyType::Secret => return true,
        KeyType::Private => der::export_private_der(key.material(), PrivateFormat::Pkcs8)
            .and_then(|d| der::import_private_der(&d, PrivateFormat::Pkcs8)),
        KeyType::Public => der::export_public_der(key.material(), PublicFormat::Spki)
            .and_then(|d| der::import_public_der(&d, PublicFormat::Spki)),
    };
    let again = der.and_then(|m| Key::new(m, &Map::new(), legacy_p256k));
    same_key(&key, again, "DER");
    true
}

fn same_key(key: &Key, again: Result<Key>, via: &str) {
    match again {
        Ok(again) => {
            assert_eq!(key.thumbprint(), again.thumbprint(), "{via} round trip");
            assert_eq!(key.key_type(), again.key_type(), "{via} round trip");
            assert!(key.material() == again.material(), "{via} round trip");
        }
        // The fuzzer's oracle, as in `imported`: never built into the addon.
        Err(e) => panic!("an imported key does not import again from its {via}: {e}"),
    }
}

// ---------------------------------------------------------------- JWT

/// `JWT.verify`'s option checks and claim validation (the part after the
/// signature, which the fuzzer could never forge): the input is the
/// options' JSON, a NUL byte, the header's JSON, a NUL byte and the
/// payload's JSON, made into a token here. Flag bit 0 sends the rest as a
/// ready token instead (`JWT.decode`'s parsing).
pub fn jwt_claims(data: &[u8]) -> bool {
    let (flags, rest) = split(data);
    let mut parts = rest.splitn(3, |b| *b == 0);
    let options = parts.next().unwrap_or_default();
    let first = parts.next().unwrap_or_default();
    let second = parts.next().unwrap_or_default();
    let Ok(Value::Object(options)) = serde_json::from_slice::<Value>(options) else {
        return false;
    };
    let options = match jwt::VerifyOptions::from_json(&options) {
        Ok(options) => options,
        Err(e) => return check_error(&e),
    };
    let token = if flags & 1 != 0 {
        text(first)
    } else {
        format!("{}.{}.AAAA", b64::encode(first), b64::encode(second))
    };
    let decoded = match jwt::decode(&token) {
        Ok(decoded) => decoded,
        Err(e) => return check_error(&e),
    };
    match jwt::validate_claims(&decoded, &options) {
        Ok(()) => true,
        Err(e) => check_error(&e),
    }
}

/// jose's timespan strings (`expiresIn`, `maxTokenAge`...): a value, when
/// there is one, is a whole number of seconds, never negative, or infinite
/// for digit strings past `f64`'s range (as in jose, where `exp` then
/// becomes `null`; fuzz/regressions/timespan holds one).
pub fn timespan(data: &[u8]) -> bool {
    match jwt::timespan::seconds(&text(data)) {
        Ok(seconds) => {
            let whole = seconds.is_infinite() || seconds.fract() == 0.0;
            assert!(seconds >= 0.0 && whole, "{seconds}");
            true
        }
        Err(e) => check_error(&e),
    }
}
