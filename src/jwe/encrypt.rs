//! Producing a JWE (RFC 7516 section 5.1) in any of the three
//! serializations, for one or more recipients, with jose's checks in jose's
//! order.

use serde_json::{Map, Value};

use super::header::{self, check_crit, combine, declared_crit, encode_protected, invalid};
use super::key_management;
use super::policy::{check, default_alg, JweKey, JweOp};
use crate::b64;
use crate::error::{Error, Result};
use crate::jwa::cek::{generate_cek, generate_iv};
use crate::jwa::jwe_algs::{EncAlg, KeyAlg, KeyFamily};
use crate::jwa::{content, deflate};
use crate::jwk::material::{Material, SecretBytes};
use crate::jws::header::{js_display, truthy, Header};

/// The three serializations, shared with JWS.
pub use crate::jws::Serialization;

/// What to encrypt, with the headers and AAD shared by every recipient.
#[derive(Debug, Clone, Default)]
pub struct Plaintext<'a> {
    pub cleartext: &'a [u8],
    /// JWE Protected Header. An empty object still counts as present.
    pub protected: Option<Header>,
    /// JWE Shared Unprotected Header.
    pub unprotected: Option<Header>,
    /// JWE AAD; empty means none, as jose treats an empty string.
    pub aad: Option<&'a [u8]>,
}

/// One recipient: a key and its JWE Per-Recipient Unprotected Header.
#[derive(Debug, Clone)]
pub struct Recipient<K> {
    pub key: K,
    pub header: Option<Header>,
}

/// A finished JWE: the compact string, or the flattened / general object.
#[derive(Debug, Clone, PartialEq)]
pub enum Encrypted {
    Compact(String),
    Json(Value),
}

/// A recipient after key management.
struct Prepared {
    header: Option<Header>,
    encrypted_key: Vec<u8>,
    generated: Option<Header>,
}

/// Encrypts `plaintext` to `recipients`, as jose's `Encrypt#encrypt`.
pub fn encrypt<K: JweKey>(
    plaintext: &Plaintext<'_>,
    recipients: &[Recipient<K>],
    serialization: Serialization,
) -> Result<Encrypted> {
    if recipients.is_empty() {
        return Err(invalid("missing recipients"));
    }
    let aad = plaintext.aad.filter(|a| !a.is_empty());
    let mut protected = plaintext.protected.clone();
    let unprotected = plaintext.unprotected.as_ref();
    let mut headers: Vec<Option<Header>> = recipients.iter().map(|r| r.header.clone()).collect();

    validate_serialization(
        serialization,
        protected.as_ref(),
        unprotected,
        aad,
        &headers,
    )?;
    let crit: Vec<String> = declared_crit(protected.as_ref())
        .into_iter()
        .map(str::to_owned)
        .collect();
    let crit: Vec<&str> = crit.iter().map(String::as_str).collect();
    let header_refs: Vec<Option<&Header>> = headers.iter().map(Option::as_ref).collect();
    let enc = header::validate(protected.as_ref(), unprotected, &header_refs, false, &crit)?;
    let enc = match enc {
        Some(enc) if truthy(Some(&enc)) => enc,
        // jose's default, written into the protected header.
        _ => {
            let enc = Value::from("A128CBC-HS256");
            protected
                .get_or_insert_with(Header::new)
                .insert("enc".into(), enc.clone());
            enc
        }
    };
    let enc_alg = enc.as_str().and_then(EncAlg::from_name);
    let mut cek = enc_alg.map(generate_cek).transpose()?;

    let mut prepared = Vec::with_capacity(recipients.len());
    for (i, recipient) in recipients.iter().enumerate() {
        let p = prepare_recipient(
            recipient,
            recipients.len(),
            &mut protected,
            unprotected,
            &mut headers[i],
            &enc,
            &mut cek,
        )?;
        prepared.push(p);
    }

    // Every path to here checked `enc` (dir against the key, the others
    // before wrapping), so both are set; stay typed if not.
    let (Some(enc_alg), Some(cek)) = (enc_alg, cek) else {
        return Err(unsupported_enc(&enc));
    };
    let iv = generate_iv(enc_alg)?;

    if let [only] = prepared.as_mut_slice() {
        if let Some(generated) = only.generated.take() {
            let p = protected.get_or_insert_with(Header::new);
            p.extend(generated);
        }
    }

    let encoded_protected = protected.as_ref().map(encode_protected).transpose()?;
    let encoded_aad = aad.map(b64::encode);
    let mut aad_input = encoded_protected.clone().unwrap_or_default();
    if let Some(a) = &encoded_aad {
        aad_input.push('.');
        aad_input.push_str(a);
    }
    let compressed;
    let mut content_input = plaintext.cleartext;
    if protected.as_ref().is_some_and(|p| p.contains_key("zip")) {
        compressed = deflate::compress(content_input)?;
        content_input = &compressed;
    }
    let sealed = content::encrypt(enc_alg, &cek, &iv, aad_input.as_bytes(), content_input)?;

    let parts = Parts {
        protected: encoded_protected,
        unprotected,
        aad: encoded_aad,
        iv: b64::encode(&iv),
        ciphertext: b64::encode(&sealed.ciphertext),
        tag: b64::encode(&sealed.tag),
    };
    // Compact and flattened were checked to have exactly one recipient.
    let first = prepared
        .first()
        .ok_or_else(|| invalid("missing recipients"))?;
    Ok(match serialization {
        Serialization::Compact => Encrypted::Compact(parts.compact(first)),
        Serialization::Flattened => Encrypted::Json(parts.flattened(first)),
        Serialization::General => Encrypted::Json(parts.general(&prepared)),
    })
}

fn unsupported_enc(enc: &Value) -> Error {
    Error::not_supported(format!("unsupported encrypt alg: {}", js_display(enc)))
}

fn single_recipient_only() -> Error {
    invalid("dir and ECDH-ES alg may only be used with a single recipient")
}

/// jose's per-serialization checks, run before anything else.
fn validate_serialization(
    serialization: Serialization,
    protected: Option<&Header>,
    unprotected: Option<&Header>,
    aad: Option<&[u8]>,
    headers: &[Option<Header>],
) -> Result<()> {
    let crit = declared_crit(protected);
    match serialization {
        Serialization::Compact => {
            if headers.len() != 1 || aad.is_some() || unprotected.is_some() || headers[0].is_some()
            {
                return Err(invalid(
                    "JWE Compact Serialization doesn't support multiple recipients, JWE unprotected headers or AAD",
                ));
            }
            check_crit(protected, None, None, &crit)
        }
        Serialization::Flattened => {
            if headers.len() != 1 {
                return Err(invalid(
                    "Flattened JWE JSON Serialization doesn't support multiple recipients",
                ));
            }
            check_crit(protected, unprotected, headers[0].as_ref(), &crit)
        }
        Serialization::General => headers
            .iter()
            .try_for_each(|h| check_crit(protected, unprotected, h.as_ref(), &crit)),
    }
}

/// jose's per-recipient step: settle the `alg` (writing a chosen one into
/// the protected header for a lone recipient, else into the recipient's
/// header), check the key, and wrap or derive the CEK.
fn prepare_recipient<K: JweKey>(
    recipient: &Recipient<K>,
    count: usize,
    protected: &mut Option<Header>,
    unprotected: Option<&Header>,
    header: &mut Option<Header>,
    enc: &Value,
    cek: &mut Option<SecretBytes>,
) -> Result<Prepared> {
    let key = &recipient.key;
    let combined = combine(&[protected.as_ref(), unprotected, header.as_ref()]);
    if key.declared_use() == Some("sig") {
        return Err(Error::type_error(
            "a key with \"use\":\"sig\" is not usable for encryption",
        ));
    }
    let named = combined.get("alg");
    let alg = if named.is_some_and(|a| a == "dir") {
        check(key, JweOp::Encrypt, enc)?;
        "dir".to_owned()
    } else if truthy(named) {
        let named = named.cloned().unwrap_or_default();
        check(key, JweOp::KeyEncrypt, &named)?;
        named.as_str().unwrap_or_default().to_owned()
    } else {
        let alg = default_alg(key, count)
            .ok_or_else(|| invalid("could not resolve a usable \"alg\" for a recipient"))?;
        let target = if count == 1 {
            &mut *protected
        } else {
            &mut *header
        };
        target
            .get_or_insert_with(Header::new)
            .insert("alg".into(), Value::from(alg.clone()));
        alg
    };

    let real = key.key();
    if let (Some(real), "dir") = (real, alg.as_str()) {
        if let Material::Oct { k } = real.material() {
            // An `alg: "dir"` taken from the key itself was not checked yet.
            check(key, JweOp::Encrypt, enc)?;
            if count != 1 {
                return Err(single_recipient_only());
            }
            *cek = Some(k.clone());
            return Ok(Prepared {
                header: header.clone(),
                encrypted_key: Vec::new(),
                generated: None,
            });
        }
    }

    let enc_alg = enc
        .as_str()
        .and_then(EncAlg::from_name)
        .ok_or_else(|| unsupported_enc(enc))?;
    check(key, JweOp::KeyEncrypt, &Value::from(alg.as_str()))?;
    let (Some(real), Some(key_alg)) = (real, KeyAlg::from_name(&alg)) else {
        return Err(Error::not_supported(format!(
            "unsupported key management (encryption) alg: {alg}"
        )));
    };
    if key_alg.family == KeyFamily::EcdhEs && count != 1 {
        return Err(single_recipient_only());
    }
    let current = cek.as_deref().ok_or_else(|| unsupported_enc(enc))?;
    let wrapped = key_management::wrap(key_alg, enc_alg, real, current, &combined)?;
    if let Some(derived) = wrapped.derived_cek {
        *cek = Some(derived);
    }
    Ok(Prepared {
        header: header.clone(),
        encrypted_key: wrapped.encrypted_key,
        generated: Some(wrapped.header).filter(|h| !h.is_empty()),
    })
}

/// The shared members of the finished JWE, base64url encoded.
struct Parts<'a> {
    protected: Option<String>,
    unprotected: Option<&'a Header>,
    aad: Option<String>,
    iv: String,
    ciphertext: String,
    tag: String,
}

impl Parts<'_> {
    fn compact(&self, r: &Prepared) -> String {
        format!(
            "{}.{}.{}.{}.{}",
            self.protected.as_deref().unwrap_or_default(),
            b64::encode(&r.encrypted_key),
            self.iv,
            self.ciphertext,
            self.tag
        )
    }

    /// jose's member order: protected, unprotected, header, encrypted_key,
    /// aad, iv, ciphertext, tag; empty `encrypted_key` left out.
    fn flattened(&self, r: &Prepared) -> Value {
        let mut out = Map::new();
        self.put_shared_headers(&mut out);
        if let Some(h) = &r.header {
            out.insert("header".into(), Value::Object(h.clone()));
        }
        if !r.encrypted_key.is_empty() {
            out.insert("encrypted_key".into(), b64::encode(&r.encrypted_key).into());
        }
        self.put_content(&mut out);
        Value::Object(out)
    }

    /// Recipients with nothing to say (no header, no encrypted key) are
    /// left out, and so is an empty `recipients`, as in jose.
    fn general(&self, recipients: &[Prepared]) -> Value {
        let mut out = Map::new();
        self.put_shared_headers(&mut out);
        let list: Vec<Value> = recipients
            .iter()
            .filter_map(|r| {
                let mut entry = Map::new();
                if r.header.is_some() || r.generated.is_some() {
                    let merged = combine(&[r.header.as_ref(), r.generated.as_ref()]);
                    entry.insert("header".into(), Value::Object(merged));
                }
                if !r.encrypted_key.is_empty() {
                    entry.insert("encrypted_key".into(), b64::encode(&r.encrypted_key).into());
                }
                (!entry.is_empty()).then_some(Value::Object(entry))
            })
            .collect();
        if !list.is_empty() {
            out.insert("recipients".into(), Value::Array(list));
        }
        self.put_content(&mut out);
        Value::Object(out)
    }

    fn put_shared_headers(&self, out: &mut Map<String, Value>) {
        if let Some(p) = &self.protected {
            out.insert("protected".into(), p.clone().into());
        }
        if let Some(u) = self.unprotected {
            out.insert("unprotected".into(), Value::Object(u.clone()));
        }
    }

    fn put_content(&self, out: &mut Map<String, Value>) {
        if let Some(a) = &self.aad {
            out.insert("aad".into(), a.clone().into());
        }
        out.insert("iv".into(), self.iv.clone().into());
        out.insert("ciphertext".into(), self.ciphertext.clone().into());
        out.insert("tag".into(), self.tag.clone().into());
    }
}
