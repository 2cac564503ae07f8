//! Decrypting a JWE (RFC 7516 section 5.2) in any serialization, with
//! jose's checks in jose's order. Which keys to try is the caller's choice,
//! made per recipient from its JOSE Header (one key, or a KeyStore lookup).

use serde_json::{Map, Value};

use super::header::{self, combine, decode_protected, invalid};
use super::key_management::{self, check_pbes2_count, js_number};
use super::policy::{check, ExternalUnwrap, JweKey, JweOp};
use super::{DEFAULT_MAX_INFLATED_SIZE, DEFAULT_MAX_PBES2_COUNT};
use crate::b64;
use crate::error::{Error, Kind, Result};
use crate::js_json;
use crate::jwa::cek::generate_cek;
use crate::jwa::jwe_algs::{EncAlg, KeyAlg, KeyFamily};
use crate::jwa::{content, deflate};
use crate::jwk::material::{Material, SecretBytes};
use crate::jws::header::{js_display, truthy, Header};
use crate::replay::{try_parts, NoMemo, PartMemo};

/// A JWE to decrypt: a compact string or a JSON (flattened or general) object.
#[derive(Debug, Clone, Copy)]
pub enum JweInput<'a> {
    Compact(&'a str),
    Json(&'a Value),
}

/// jose's decrypt options, plus the inflate cap it lacks.
#[derive(Debug, Clone, Copy)]
pub struct DecryptOptions<'a> {
    /// Extension Header Parameters the caller processes.
    pub crit: &'a [&'a str],
    /// When set, the only algorithms accepted: the `enc` for `dir`, the
    /// `alg` otherwise (as jose matches them).
    pub algorithms: Option<&'a [&'a str]>,
    /// The largest PBES2 `p2c` accepted (a JavaScript number, so it may be
    /// infinite).
    pub max_pbes2_count: f64,
    /// The most bytes a `zip: "DEF"` plaintext may inflate to.
    pub max_inflated_size: usize,
}

impl Default for DecryptOptions<'_> {
    fn default() -> Self {
        DecryptOptions {
            crit: &[],
            algorithms: None,
            max_pbes2_count: DEFAULT_MAX_PBES2_COUNT,
            max_inflated_size: DEFAULT_MAX_INFLATED_SIZE,
        }
    }
}

/// What the caller picks candidate keys by, for one recipient.
#[derive(Debug, Clone, Copy)]
pub struct KeyQuery<'a> {
    /// The recipient's combined JOSE Header.
    pub header: &'a Header,
    pub kid: Option<&'a Value>,
    /// The algorithm a key must support: `enc` for `dir`, else `alg`.
    pub alg: &'a Value,
    /// The key operation a key must allow: `decrypt` for `dir`, else
    /// `unwrapKey`.
    pub key_op: &'static str,
}

/// A successful decryption, with what jose's `complete: true` shows.
#[derive(Debug, Clone)]
pub struct Decrypted<K> {
    pub cleartext: Vec<u8>,
    /// Wiped when dropped; a caller handing it on (to JavaScript) takes the
    /// bytes out with `std::mem::take`.
    pub cek: SecretBytes,
    /// The `enc` the CEK is for.
    pub enc: &'static str,
    /// The candidate key that decrypted.
    pub key: K,
    pub protected: Option<Header>,
    pub unprotected: Option<Header>,
    pub header: Option<Header>,
    pub aad: Option<String>,
}

fn malformed() -> Error {
    invalid("JWE malformed or invalid serialization")
}

/// The JSON text of a flattened or general JWE, parsed as `JSON.parse`
/// would (text that is not JSON is a malformed JWE).
pub fn parse_json(text: &str) -> Result<Value> {
    js_json::parse(text).map_err(|_| malformed())
}

/// One recipient's view of the JWE. For a general JWE this is a recipient
/// entry over the top-level members (jose spreads both into one object, the
/// entry's members winning).
#[derive(Clone, Copy)]
struct Parts<'a> {
    protected: Option<&'a str>,
    encrypted_key: Option<&'a str>,
    iv: &'a str,
    ciphertext: &'a str,
    tag: &'a str,
    aad: Option<&'a str>,
    unprotected: Option<&'a Header>,
    header: Option<&'a Header>,
}

impl<'a> Parts<'a> {
    fn from_json(root: &'a Map<String, Value>, entry: &'a Map<String, Value>) -> Result<Parts<'a>> {
        let get = |name: &str| entry.get(name).or_else(|| root.get(name));
        let string = |name: &str| match get(name) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.as_str())),
            Some(_) => Err(malformed()),
        };
        let object = |name: &str| match get(name) {
            None => Ok(None),
            Some(Value::Object(o)) => Ok(Some(o)),
            Some(_) => Err(malformed()),
        };
        let required = |name: &str| string(name)?.ok_or_else(malformed);
        Ok(Parts {
            protected: string("protected")?,
            encrypted_key: string("encrypted_key")?,
            iv: required("iv")?,
            ciphertext: required("ciphertext")?,
            tag: required("tag")?,
            aad: string("aad")?,
            unprotected: object("unprotected")?,
            header: object("header")?,
        })
    }
}

/// jose's shape tests: the members every JSON serialization has...
fn is_json_jwe(o: &Map<String, Value>) -> bool {
    let is = |name: &str, test: fn(&Value) -> bool| o.get(name).is_some_and(test);
    let absent_or = |name: &str, test: fn(&Value) -> bool| o.get(name).is_none_or(test);
    is("ciphertext", Value::is_string)
        && is("iv", Value::is_string)
        && is("tag", Value::is_string)
        && absent_or("unprotected", Value::is_object)
        && absent_or("protected", Value::is_string)
        && absent_or("aad", Value::is_string)
}

/// ...a `recipients` list of entries with an `encrypted_key` each...
/// (`checked`: an earlier run over the same input found them so).
fn recipients_of(o: &Map<String, Value>, checked: bool) -> Option<&Vec<Value>> {
    o.get("recipients")
        .and_then(Value::as_array)
        .filter(|list| {
            checked
                || list.iter().all(|r| {
                    r.as_object().is_some_and(|r| {
                        r.get("encrypted_key").is_some_and(Value::is_string)
                            && r.get("header").is_none_or(Value::is_object)
                    })
                })
        })
}

/// ...or the members of a single flattened recipient.
fn is_single_recipient(o: &Map<String, Value>) -> bool {
    o.get("encrypted_key").is_none_or(Value::is_string)
        && o.get("header").is_none_or(Value::is_object)
}

/// Decrypts `input`. For each recipient, once its header checks pass,
/// `candidates` gets a [`KeyQuery`] and returns the keys to try, in order.
/// A single key passed by the caller is returned as it is, every time; a
/// KeyStore lookup may return none (jose's `JWKSNoMatchingKey`).
pub fn decrypt<K: JweKey>(
    input: JweInput<'_>,
    options: &DecryptOptions<'_>,
    candidates: impl FnMut(&KeyQuery<'_>) -> Result<Vec<K>>,
) -> Result<Decrypted<K>> {
    decrypt_in_parts(input, options, candidates, &NoMemo)
}

/// [`decrypt`], telling `memo` of each recipient of a general JWE (see
/// [`PartMemo`]).
pub fn decrypt_in_parts<K: JweKey>(
    input: JweInput<'_>,
    options: &DecryptOptions<'_>,
    mut candidates: impl FnMut(&KeyQuery<'_>) -> Result<Vec<K>>,
    memo: &dyn PartMemo,
) -> Result<Decrypted<K>> {
    match recipients(input, memo.resuming())? {
        Recipients::One(parts) => decrypt_recipient(parts, true, options, &mut candidates),
        Recipients::General(root, list) => {
            decrypt_general(root, list, options, &mut candidates, memo)
        }
    }
}

/// The recipients of a JWE as jose walks them: the one of a compact or
/// flattened JWE (a general JWE with one recipient counts as flattened), or
/// the entries of a general one.
enum Recipients<'a> {
    One(Parts<'a>),
    General(&'a Map<String, Value>, &'a [Value]),
}

/// `checked`: an earlier run over the same input found its shape sound.
fn recipients(input: JweInput<'_>, checked: bool) -> Result<Recipients<'_>> {
    match input {
        JweInput::Compact(text) => {
            let segments: Vec<&str> = text.split('.').collect();
            let [protected, encrypted_key, iv, ciphertext, tag] = segments[..] else {
                return Err(malformed());
            };
            Ok(Recipients::One(Parts {
                protected: Some(protected),
                encrypted_key: Some(encrypted_key),
                iv,
                ciphertext,
                tag,
                aad: None,
                unprotected: None,
                header: None,
            }))
        }
        JweInput::Json(value) => {
            let root = value
                .as_object()
                .filter(|o| is_json_jwe(o))
                .ok_or_else(malformed)?;
            match recipients_of(root, checked) {
                // One recipient is decrypted as the flattened JWE it is.
                Some(list) if list.len() == 1 => {
                    let entry = list[0].as_object().ok_or_else(malformed)?;
                    Ok(Recipients::One(Parts::from_json(root, entry)?))
                }
                Some(list) => Ok(Recipients::General(root, list)),
                None if is_single_recipient(root) => {
                    Ok(Recipients::One(Parts::from_json(root, root)?))
                }
                None => Err(malformed()),
            }
        }
    }
}

/// Several recipients: headers are checked once for all, then each
/// recipient is tried in turn. jose's error when none decrypts: a
/// decryption failure if any recipient got that far, `JWKSNoMatchingKey`
/// if none found a key, otherwise all the errors as one `JOSEMultiError`.
///
/// A run that resumes (a key flow's, after the recipients an earlier run
/// decided) neither checks the headers again nor reads the recipients it
/// skips: each entry is read when it is tried, and the PBES2 budgets,
/// which depend on every entry before, come from the memo. So N recipients
/// cost N reads, not N² (a general JWE of 1,500 recipients decrypted with
/// a custom key took 1.3 s when every answer re-read them all).
fn decrypt_general<K: JweKey>(
    root: &Map<String, Value>,
    list: &[Value],
    options: &DecryptOptions<'_>,
    candidates: &mut impl FnMut(&KeyQuery<'_>) -> Result<Vec<K>>,
    memo: &dyn PartMemo,
) -> Result<Decrypted<K>> {
    let entries: Vec<&Map<String, Value>> = list.iter().filter_map(Value::as_object).collect();
    let shared = root
        .get("protected")
        .and_then(Value::as_str)
        .map(|text| decode_protected(text).map(|header| (text, header)))
        .transpose()?;
    if !memo.resuming() {
        let headers: Vec<Option<&Header>> = entries
            .iter()
            .map(|e| e.get("header").and_then(Value::as_object))
            .collect();
        let unprotected = root.get("unprotected").and_then(Value::as_object);
        let protected = shared.as_ref().map(|(_, header)| header);
        header::validate(protected, unprotected, &headers, true, options.crit)?;
    }
    let budgets = match memo.budgets() {
        Some(budgets) => budgets,
        None => {
            let budgets = pbes2_budgets(root, &entries, shared.as_ref(), options.max_pbes2_count);
            memo.keep_budgets(&budgets);
            budgets
        }
    };
    try_parts(
        entries.into_iter().zip(budgets),
        memo,
        Error::decryption_failed,
        false,
        |(entry, max_pbes2_count)| {
            let budget = DecryptOptions {
                max_pbes2_count,
                ..*options
            };
            let parts = Parts::from_json(root, entry);
            Ok(parts.and_then(|parts| decrypt_recipient(parts, false, &budget, candidates)))
        },
    )
}

/// The PBES2 cap of each entry of a general JWE, in order.
/// `maxPBES2Count` bounds the PBKDF2 work of the whole JWE, not of each
/// recipient: otherwise every 60-byte recipient entry would buy another
/// `maxPBES2Count` iterations (300 of them cost seconds). Each entry gets
/// what the entries before it left; one whose `p2c` exceeds that fails as
/// one over the cap does, and leaves the rest to the next. `shared` is the
/// top-level protected header, as text and decoded.
fn pbes2_budgets(
    root: &Map<String, Value>,
    entries: &[&Map<String, Value>],
    shared: Option<&(&str, Header)>,
    max: f64,
) -> Vec<f64> {
    let mut left = max;
    entries
        .iter()
        .map(|entry| {
            let budget = left;
            if let Ok(parts) = Parts::from_json(root, entry) {
                // an entry may carry a `protected` of its own (jose spreads
                // it over the top level); the shared one is decoded once
                let own;
                let protected = match shared {
                    Some((text, header)) if parts.protected == Some(*text) => Some(header),
                    _ => {
                        own = parts.protected.and_then(|p| decode_protected(p).ok());
                        own.as_ref()
                    }
                };
                let cost = pbes2_cost(&[protected, parts.unprotected, parts.header]);
                if cost <= left {
                    left -= cost;
                }
            }
            budget
        })
        .collect()
}

/// The `p2c` a recipient's headers ask for when its `alg` is PBES2, else 0.
/// Read where `combine` would take it from (the last header that has it),
/// without copying the headers for every recipient.
fn pbes2_cost(headers: &[Option<&Header>]) -> f64 {
    let get = |name: &str| headers.iter().rev().flatten().find_map(|h| h.get(name));
    let pbes2 = get("alg")
        .and_then(Value::as_str)
        .and_then(KeyAlg::from_name)
        .is_some_and(|a| matches!(a.family, KeyFamily::Pbes2(_)));
    match js_number(get("p2c")) {
        Some(p2c) if pbes2 && p2c > 0.0 => p2c,
        _ => 0.0,
    }
}

/// One recipient's checks before keys are chosen: its headers (unless the
/// caller checked them for all recipients) and the algorithm allowlist.
struct RecipientHeaders {
    protected: Option<Header>,
    combined: Header,
}

fn recipient_headers(
    parts: &Parts<'_>,
    validate: bool,
    options: &DecryptOptions<'_>,
) -> Result<RecipientHeaders> {
    let protected = parts.protected.map(decode_protected).transpose()?;
    if validate {
        header::validate(
            protected.as_ref(),
            parts.unprotected,
            &[parts.header],
            true,
            options.crit,
        )?;
    }
    let combined = combine(&[protected.as_ref(), parts.unprotected, parts.header]);
    let alg = combined.get("alg").unwrap_or(&Value::Null);
    let enc = combined.get("enc").unwrap_or(&Value::Null);
    let selector = if alg == "dir" { enc } else { alg };
    if let Some(allowed) = options.algorithms {
        if !selector.as_str().is_some_and(|s| allowed.contains(&s)) {
            return Err(Error::new(Kind::AlgNotWhitelisted, "alg not whitelisted"));
        }
    }
    Ok(RecipientHeaders {
        protected,
        combined,
    })
}

/// One recipient: header checks (unless the caller made them for all
/// recipients), the algorithm allowlist, key selection, then decryption
/// with each candidate key.
fn decrypt_recipient<K: JweKey>(
    parts: Parts<'_>,
    validate: bool,
    options: &DecryptOptions<'_>,
    candidates: &mut impl FnMut(&KeyQuery<'_>) -> Result<Vec<K>>,
) -> Result<Decrypted<K>> {
    let RecipientHeaders {
        protected,
        combined,
    } = recipient_headers(&parts, validate, options)?;
    let alg = combined.get("alg").unwrap_or(&Value::Null);
    let enc = combined.get("enc").unwrap_or(&Value::Null);
    let mut keys = candidates(&key_query(&combined))?;
    let attempt = |key: K| {
        let cleartext = decrypt_with(&parts, &combined, alg, enc, &key, options)?;
        Ok(Decrypted {
            cleartext: cleartext.cleartext,
            cek: cleartext.cek,
            enc: cleartext.enc,
            key,
            protected: protected.clone(),
            unprotected: parts.unprotected.cloned(),
            header: parts.header.cloned(),
            aad: parts.aad.filter(|a| !a.is_empty()).map(str::to_owned),
        })
    };
    match keys.len() {
        0 => Err(Error::no_matching_key()),
        // One key reports its own error, as jose does.
        1 => attempt(keys.remove(0)),
        _ => {
            let mut errors = Vec::new();
            for key in keys {
                match attempt(key) {
                    Ok(done) => return Ok(done),
                    // an internal error (a bug, or a key flow's pause) ends it all
                    Err(e) if e.kind == Kind::Internal => return Err(e),
                    Err(e) => errors.push(e),
                }
            }
            Err(Error::all_failed(errors, Error::decryption_failed, false))
        }
    }
}

/// jose's KeyStore query for a recipient: `dir` asks for a key that
/// decrypts its `enc`, anything else for one that unwraps with its `alg`.
fn key_query(combined: &Header) -> KeyQuery<'_> {
    let alg = combined.get("alg").unwrap_or(&Value::Null);
    let enc = combined.get("enc").unwrap_or(&Value::Null);
    let dir = alg == "dir";
    KeyQuery {
        header: combined,
        kid: combined.get("kid"),
        alg: if dir { enc } else { alg },
        key_op: if dir { "decrypt" } else { "unwrapKey" },
    }
}

struct Opened {
    cleartext: Vec<u8>,
    cek: SecretBytes,
    enc: &'static str,
}

/// jose's key check, then the PBES2 cost cap, then a known `enc`: what
/// decryption with one key checks before it needs the CEK.
fn key_checks(
    combined: &Header,
    alg: &Value,
    enc: &Value,
    key: &dyn JweKey,
    options: &DecryptOptions<'_>,
) -> Result<(Option<&'static KeyAlg>, &'static EncAlg)> {
    if alg == "dir" {
        check(key, JweOp::Decrypt, enc)?;
    } else {
        check(key, JweOp::KeyDecrypt, alg)?;
    }
    let key_alg = alg.as_str().and_then(KeyAlg::from_name);
    if key_alg.is_some_and(|a| matches!(a.family, KeyFamily::Pbes2(_))) {
        check_pbes2_count(combined, options.max_pbes2_count)?;
    }
    let enc_alg = enc.as_str().and_then(EncAlg::from_name).ok_or_else(|| {
        Error::not_supported(format!("unsupported decrypt alg: {}", js_display(enc)))
    })?;
    Ok((key_alg, enc_alg))
}

/// Decryption with one key: [`key_checks`], the CEK (a random one when
/// unwrapping fails in any way, RFC 7516 11.5), then the content.
fn decrypt_with(
    parts: &Parts<'_>,
    combined: &Header,
    alg: &Value,
    enc: &Value,
    key: &dyn JweKey,
    options: &DecryptOptions<'_>,
) -> Result<Opened> {
    let (key_alg, enc_alg) = key_checks(combined, alg, enc, key, options)?;
    if let Some(external) = key.external_unwrap() {
        let cek = external_cek(external, key_alg, enc_alg, parts.encrypted_key)?;
        return open(
            parts,
            truthy(combined.get("zip")),
            enc_alg,
            cek,
            options.max_inflated_size,
        );
    }
    // `check` passed, so the key has material of the right type.
    let real = key
        .key()
        .ok_or_else(|| enc_alg.key_unsupported("decrypt"))?;

    let cek = match (alg == "dir", real.material(), key_alg) {
        (true, Material::Oct { k }, _) => k.clone(),
        (false, _, Some(key_alg)) => {
            key_management::unwrap(key_alg, enc_alg, real, parts.encrypted_key, combined)
                .ok()
                .filter(|cek| cek.len() == enc_alg.key_len)
                .map_or_else(|| generate_cek(enc_alg), Ok)?
        }
        _ => return Err(enc_alg.key_unsupported("decrypt")),
    };
    open(
        parts,
        truthy(combined.get("zip")),
        enc_alg,
        cek,
        options.max_inflated_size,
    )
}

/// The CEK from a key whose unwrapping runs outside this crate: only an
/// algorithm that decrypts the Encrypted Key with the private key alone can
/// be asked of it. A missing or undecodable Encrypted Key, a failed
/// unwrapping or a CEK of the wrong length all become a random CEK, as any
/// failed unwrapping does (RFC 7516 section 11.5).
fn external_cek(
    external: &dyn ExternalUnwrap,
    key_alg: Option<&'static KeyAlg>,
    enc_alg: &'static EncAlg,
    encrypted_key: Option<&str>,
) -> Result<SecretBytes> {
    let key_alg = match key_alg {
        Some(a) if a.unwraps_by_decryption() => a,
        Some(a) => return Err(a.key_unsupported(false)),
        None => return Err(enc_alg.key_unsupported("decrypt")),
    };
    let cek = match encrypted_key.map(b64::decode) {
        Some(encrypted_key) => external.unwrap(key_alg.name, &encrypted_key)?,
        None => None,
    };
    cek.filter(|cek| cek.len() == enc_alg.key_len)
        .map_or_else(|| generate_cek(enc_alg), Ok)
}

/// The content: lengths, then the ciphertext with the CEK, then inflation
/// when `zip` is set.
fn open(
    parts: &Parts<'_>,
    zip: bool,
    enc_alg: &'static EncAlg,
    cek: SecretBytes,
    max_inflated_size: usize,
) -> Result<Opened> {
    let mut aad = parts.protected.unwrap_or_default().to_owned();
    if let Some(extra) = parts.aad.filter(|a| !a.is_empty()) {
        aad.push('.');
        aad.push_str(extra);
    }
    // Lengths first, as jose checks them before it reads the ciphertext.
    let iv = b64::decode(parts.iv);
    let tag = b64::decode(parts.tag);
    if iv.len() != enc_alg.iv_len {
        return Err(invalid("invalid iv"));
    }
    if tag.len() != enc_alg.tag_len {
        return Err(invalid("invalid tag"));
    }
    let ciphertext = b64::decode(parts.ciphertext);
    let plaintext = content::decrypt(enc_alg, &cek, &iv, aad.as_bytes(), &ciphertext, &tag)?;
    let cleartext = if zip {
        deflate::decompress(&plaintext, max_inflated_size)?
    } else {
        plaintext
    };
    Ok(Opened {
        cleartext,
        cek,
        enc: enc_alg.name,
    })
}
