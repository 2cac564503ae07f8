//! `JWK.CustomKey`: keys whose operations run in the user's JavaScript (a
//! KMS or HSM client). That code may answer with a Promise and cannot be
//! called from the libuv thread pool, so custom keys never enter Rust as
//! keys. Each operation comes in steps instead: a native step does all of
//! jose's work up to the key operation and hands JavaScript what the key
//! needs (the `alg` and the signing input, the signature to check, the
//! Encrypted Key); the facade calls the key; a native step finishes with
//! its answer. What Rust needs to apply jose's rules to a custom key (its
//! `alg`, `use`, the algorithms it lists) comes in as plain data.

use std::cell::RefCell;
use std::sync::Arc;

use napi::bindgen_prelude::{AsyncTask, Buffer, ClassInstance, Either};
use napi_derive::napi;

use super::args::{bytes, header, js_text};
use super::boundary::guard;
use super::error::{to_napi, OrThrow};
use super::job::{self, twins, Job, OffThread};
use super::jwe::{inflate_cap, node_key, JweDecrypted, NodeKey};
use super::jws::{
    jws_input, jws_key, payload_to_js, serialization, sign_result, KeyArg, SignResult,
};
use super::jwt::{verified_token, JwtVerification, Prepared, VerifiedToken};
use super::key::NativeKey;
use crate::b64;
use crate::error::{Error, Kind, Result};
use crate::jwa::registry::Operation;
use crate::jwa::signing::{SignatureAlgorithm, SignatureLen};
use crate::jwe::{
    self, CheckedRecipient, DecryptOptions, JweInput, JweKey, JweOp, PendingRecipient,
};
use crate::jws::key_policy::check_support;
use crate::jws::{
    self, Header, JwsKey, Recipient, Serialization, SignedJws, SigningKey, VerificationKey,
};
use crate::jwt;

/// The thrown form of a core error (what `lib/native.js` translates), for
/// errors handed to JavaScript as values.
fn encoded(e: Error) -> String {
    to_napi(e).reason
}

fn json_text(header: Option<Header>) -> Option<String> {
    header.map(|h| js_text(&h))
}

// ---------------------------------------------------------------- signing

/// What jose's signing rules need to know about one custom key.
#[napi(object)]
pub struct CustomSigner {
    /// The `alg` to sign with when no header names one: the key's `alg`,
    /// else the first of `key.algorithms('sign')`.
    pub default_alg: Option<String>,
    /// `use: "enc"`, which jose refuses for signing.
    pub enc_use: bool,
    /// `key.algorithms('sign')`.
    pub algorithms: Vec<String>,
    /// The RSA modulus length in bits, when the key declares it (its
    /// `length`): RS* and PS* signatures must be that long.
    pub modulus_length: Option<u32>,
}

enum SignKey {
    Native(JwsKey),
    Custom(CustomSigner),
}

/// A custom key inside [`jws::sign`]: checks the `alg` with jose's rules,
/// records the signing input and leaves the signature empty for now.
struct Deferred<'a> {
    info: &'a CustomSigner,
    request: RefCell<Option<(String, Vec<u8>)>>,
}

impl SigningKey for Deferred<'_> {
    fn sign(&self, alg: &str, data: &[u8]) -> Result<Vec<u8>> {
        // `none` belongs to JWK.None alone, whatever a custom key lists.
        check_support(Operation::Sign, alg, || {
            Ok(alg != "none" && self.info.algorithms.iter().any(|a| a == alg))
        })?;
        *self.request.borrow_mut() = Some((alg.to_owned(), data.to_vec()));
        Ok(Vec::new())
    }
}

/// A sign call with at least one custom key: everything but the custom
/// keys' signatures.
pub struct SignPrepareJob {
    payload: Vec<u8>,
    recipients: Vec<(SignKey, Option<Header>, Option<Header>)>,
    serialization: Serialization,
}

impl SignPrepareJob {
    fn new(
        payload: Either<String, Buffer>,
        keys: Vec<KeyArg<'_>>,
        custom: Vec<Option<CustomSigner>>,
        protected: Vec<Option<String>>,
        headers: Vec<Option<String>>,
        serialization_name: String,
    ) -> Result<SignPrepareJob> {
        let mut custom = custom.into_iter();
        let mut protected = protected.into_iter();
        let mut headers = headers.into_iter();
        let mut recipients = Vec::with_capacity(keys.len());
        for key in &keys {
            let key = match custom.next().flatten() {
                Some(info) => SignKey::Custom(info),
                None => SignKey::Native(jws_key(key)?),
            };
            let p = header(protected.next().flatten())?;
            let h = header(headers.next().flatten())?;
            recipients.push((key, p, h));
        }
        Ok(SignPrepareJob {
            payload: bytes(payload),
            recipients,
            serialization: serialization(&serialization_name)?,
        })
    }
}

pub struct SignPrepared {
    signed: SignedJws,
    requests: Vec<Request>,
}

/// One signature a custom key owes: the recipient's place, the `alg`, the
/// JWS Signing Input and the modulus size the answer is held to.
struct Request {
    index: usize,
    alg: String,
    input: Vec<u8>,
    modulus_bytes: Option<usize>,
}

impl Job for SignPrepareJob {
    type Output = SignPrepared;
    type JsValue = JwsSignPending;

    /// The same steps as the one-call signer, in the same order, with the
    /// custom keys' signing inputs recorded instead of signed.
    fn run(&self) -> Result<SignPrepared> {
        let deferred: Vec<Option<Deferred<'_>>> = self
            .recipients
            .iter()
            .map(|(key, _, _)| match key {
                SignKey::Custom(info) => Some(Deferred {
                    info,
                    request: RefCell::new(None),
                }),
                SignKey::Native(_) => None,
            })
            .collect();
        let mut recipients = Vec::with_capacity(self.recipients.len());
        for ((key, protected, header), deferred) in self.recipients.iter().zip(&deferred) {
            let (signer, default_alg): (&dyn SigningKey, Option<String>) = match (key, deferred) {
                (SignKey::Native(key), _) => (key, key.default_sign_alg()),
                (SignKey::Custom(info), Some(deferred)) => (deferred, info.default_alg.clone()),
                (SignKey::Custom(_), None) => return Err(Error::type_error("invalid key")),
            };
            recipients.push(Recipient {
                key: signer,
                protected: protected.clone(),
                header: header.clone(),
                default_alg,
            });
        }
        jws::validate(&recipients, self.serialization)?;
        let encryption_key = self.recipients.iter().any(|(key, _, _)| match key {
            SignKey::Native(key) => key.is_encryption_key(),
            SignKey::Custom(info) => info.enc_use,
        });
        if encryption_key {
            return Err(Error::type_error(
                "a key with \"use\":\"enc\" is not usable for signing",
            ));
        }
        let signed = jws::sign(&self.payload, recipients, self.serialization)?;
        let requests = deferred
            .into_iter()
            .enumerate()
            .filter_map(|(index, d)| {
                let d = d?;
                let modulus_bytes = d
                    .info
                    .modulus_length
                    .and_then(|bits| usize::try_from(bits.div_ceil(8)).ok());
                let (alg, input) = d.request.into_inner()?;
                Some(Request {
                    index,
                    alg,
                    input,
                    modulus_bytes,
                })
            })
            .collect();
        Ok(SignPrepared { signed, requests })
    }

    fn finish(&self, output: SignPrepared) -> JwsSignPending {
        JwsSignPending {
            signed: output.signed,
            requests: output.requests,
        }
    }
}

/// A JWS signed but for its custom keys' signatures.
#[napi]
pub struct JwsSignPending {
    signed: SignedJws,
    requests: Vec<Request>,
}

/// One signature a custom key has to make: the recipient's place, the
/// `alg` and the JWS Signing Input.
#[napi(object)]
pub struct SignRequest {
    pub index: u32,
    pub alg: String,
    pub input: Buffer,
}

#[napi]
impl JwsSignPending {
    /// The signatures to make, in recipient order.
    #[napi(catch_unwind)]
    pub fn requests(&self) -> napi::Result<Vec<SignRequest>> {
        guard("JwsSignPending.requests", || {
            Ok(self
                .requests
                .iter()
                .map(|r| SignRequest {
                    index: u32::try_from(r.index).unwrap_or(u32::MAX),
                    alg: r.alg.clone(),
                    input: r.input.clone().into(),
                })
                .collect())
        })
    }

    /// The JWS with `signatures` (one per request, in order).
    #[napi(catch_unwind)]
    pub fn finish(&self, signatures: Vec<Buffer>) -> napi::Result<SignResult> {
        guard("JwsSignPending.finish", || {
            self.complete(signatures).or_throw()
        })
    }
}

impl JwsSignPending {
    fn complete(&self, signatures: Vec<Buffer>) -> Result<SignResult> {
        if signatures.len() != self.requests.len() {
            return Err(Error::type_error("one signature per request is expected"));
        }
        let mut signed = self.signed.clone();
        for (request, signature) in self.requests.iter().zip(&signatures) {
            check_length(request, signature.len())?;
            let slot = signed
                .signatures
                .get_mut(request.index)
                .ok_or_else(|| Error::type_error("invalid signature request"))?;
            slot.signature = b64::encode(signature);
        }
        Ok(sign_result(&signed))
    }
}

/// A custom key's signature must have the length its algorithm gives
/// (never empty): a KMS answering with nothing, or with a DER-encoded
/// ECDSA signature, must not produce a token.
fn check_length(request: &Request, len: usize) -> Result<()> {
    let alg = SignatureAlgorithm::from_name(&request.alg)
        .ok_or_else(|| Error::type_error("invalid signature request"))?;
    let expected = alg.signature_len();
    if expected.fits(len, request.modulus_bytes) {
        return Ok(());
    }
    let name = &request.alg;
    Err(Error::type_error(match (expected, request.modulus_bytes) {
        (SignatureLen::Exact(n), _) if name.starts_with("ES") => format!(
            "sign() returned {len} bytes for {name}, whose JWS signature is {n} bytes (R || S); a DER-encoded ECDSA signature must be converted"
        ),
        (SignatureLen::Exact(n), _) => {
            format!("sign() returned {len} bytes for {name}, whose signature is {n} bytes")
        }
        (SignatureLen::Edwards, _) => format!(
            "sign() returned {len} bytes for {name}, whose signature is 64 (Ed25519) or 114 (Ed448) bytes"
        ),
        (SignatureLen::Modulus, Some(n)) => format!(
            "sign() returned {len} bytes for {name}, whose signature is as long as the key's modulus, {n} bytes"
        ),
        (SignatureLen::Modulus, None) => {
            format!("sign() returned an empty signature for {name}")
        }
    }))
}

twins! {
    jws_sign_prepare("jwsSignPrepare") / jws_sign_prepare_async("jwsSignPrepareAsync")
    (
        payload: Either<String, Buffer>,
        keys: Vec<KeyArg<'_>>,
        custom: Vec<Option<CustomSigner>>,
        protected: Vec<Option<String>>,
        headers: Vec<Option<String>>,
        serialization: String,
    ) -> JwsSignPending, SignPrepareJob = SignPrepareJob::new(payload, keys, custom, protected, headers, serialization)
}

// ----------------------------------------------------------- verification

/// One signature checked up to its keys (or the error jose reports for it).
#[napi(object)]
#[derive(Default)]
pub struct SignatureCheck {
    /// The signature's own error, in the thrown form `lib/native.js` reads.
    pub error: Option<String>,
    /// The combined JOSE Header, JSON text: keys are chosen by its `kid`
    /// and `alg`.
    pub header: Option<String>,
    /// The `alg` as JavaScript prints the header value.
    pub alg: Option<String>,
    /// Whether jose implements `alg` (else `JOSENotSupported`): a known
    /// name, and a string (`["HS256"]` prints as `HS256` but is none).
    pub alg_known: bool,
    /// Whether `alg` is a string: a non-string one is refused by every key
    /// before the signature is read, a string one after.
    pub alg_is_string: bool,
    /// The JWS Signing Input and the signature, which a custom key checks
    /// (a JWT's come from `JwtVerification.signedBytes()` instead).
    pub input: Option<Buffer>,
    pub signature: Option<Buffer>,
    /// `false` when the signature is not base64url.
    pub has_signature: bool,
    pub payload: Option<Either<String, Buffer>>,
    /// The error decoding the payload gives once a key verified.
    pub payload_error: Option<String>,
    pub unencoded: bool,
    pub protected: Option<String>,
    pub unprotected: Option<String>,
}

impl From<Result<jws::Pending>> for SignatureCheck {
    fn from(pending: Result<jws::Pending>) -> SignatureCheck {
        match pending {
            Ok(p) => {
                let (payload, payload_error) = match p.payload {
                    Ok(bytes) => (Some(payload_to_js(bytes)), None),
                    Err(e) => (None, Some(encoded(e))),
                };
                SignatureCheck {
                    error: None,
                    header: json_text(Some(p.combined)),
                    alg_known: p.alg.is_string
                        && SignatureAlgorithm::from_name(&p.alg.name).is_some(),
                    alg_is_string: p.alg.is_string,
                    alg: Some(p.alg.name),
                    input: Some(p.signing_input.into()),
                    has_signature: p.signature.is_some(),
                    signature: p.signature.map(Buffer::from),
                    payload,
                    payload_error,
                    unencoded: p.unencoded_payload,
                    protected: json_text(p.protected),
                    unprotected: json_text(p.header),
                }
            }
            Err(e) => SignatureCheck {
                error: Some(encoded(e)),
                ..SignatureCheck::default()
            },
        }
    }
}

/// Every signature of a JWS checked as `JWS.verify` checks it before keys
/// are tried; a JWS malformed as a whole throws.
#[napi(catch_unwind)]
pub fn jws_verify_prepare(
    input: String,
    json: bool,
    algorithms: Option<Vec<String>>,
    crit: Vec<String>,
    payload: Option<Buffer>,
) -> napi::Result<Vec<SignatureCheck>> {
    guard("jwsVerifyPrepare", || {
        let value = if json {
            Some(jws::parse_json(&input).or_throw()?)
        } else {
            None
        };
        let input = jws_input(&input, value.as_ref(), payload.as_deref());
        let crit: Vec<&str> = crit.iter().map(String::as_str).collect();
        let algorithms: Option<Vec<&str>> = algorithms
            .as_ref()
            .map(|list| list.iter().map(String::as_str).collect());
        let options = jws::VerifyOptions {
            crit: &crit,
            algorithms: algorithms.as_deref(),
        };
        let pending = jws::pending(input, &options).or_throw()?;
        Ok(pending.into_iter().map(SignatureCheck::from).collect())
    })
}

/// One signature checked with one native key (a KeyStore can hold custom
/// and native keys): jose's key check, then the signature.
#[napi(catch_unwind)]
pub fn jws_verify_signature(
    key: ClassInstance<'_, NativeKey>,
    alg: String,
    input: Buffer,
    signature: Buffer,
) -> napi::Result<bool> {
    guard("jwsVerifySignature", || {
        JwsKey::Key(Arc::clone(&key.inner))
            .verify(&alg, &input, &signature)
            .or_throw()
    })
}

#[napi]
impl JwtVerification {
    /// The token's signature checked up to its keys, for keys chosen in
    /// JavaScript: the header and `alg` they are chosen by. The bytes a
    /// custom key checks come from `signedBytes()`, and a native key
    /// verifies in place (`verifyWith`), so nothing is copied for it.
    #[napi(catch_unwind)]
    pub fn pending_signature(&self) -> napi::Result<SignatureCheck> {
        guard("JwtVerification.pendingSignature", || {
            let Prepared { decoded, options } = &*self.prepared;
            let alg = jwt::signature_alg(decoded, options).or_throw()?;
            Ok(SignatureCheck {
                // a JWT's JOSE Header is its protected header, as it came
                header: Some(decoded.header.json.clone()),
                alg_known: alg.is_string && SignatureAlgorithm::from_name(&alg.name).is_some(),
                alg_is_string: alg.is_string,
                alg: Some(alg.name),
                // decoded as Node decodes, so never missing
                has_signature: true,
                ..SignatureCheck::default()
            })
        })
    }

    /// The JWS Signing Input and the signature, for a custom key.
    #[napi(catch_unwind)]
    pub fn signed_bytes(&self) -> napi::Result<Vec<Buffer>> {
        guard("JwtVerification.signedBytes", || {
            let (input, signature) = jwt::signed_bytes(&self.prepared.decoded);
            Ok(vec![input.to_vec().into(), signature.into()])
        })
    }

    /// The signature checked with one native key (jose's key check, then
    /// the signature), as `jwsVerifySignature` checks a JWS's.
    #[napi(catch_unwind)]
    pub fn verify_with(&self, key: ClassInstance<'_, NativeKey>) -> napi::Result<bool> {
        guard("JwtVerification.verifyWith", || {
            let Prepared { decoded, options } = &*self.prepared;
            let key = JwsKey::Key(Arc::clone(&key.inner));
            match jwt::verify_signature(decoded, options, |_, _| Ok(vec![&key])) {
                Ok(_) => Ok(true),
                Err(e) if e.kind == Kind::JwsVerificationFailed => Ok(false),
                Err(e) => Err(e).or_throw(),
            }
        })
    }

    /// The claim checks alone, once the facade has verified the signature
    /// with keys it chose: the payload's JSON text, or with `complete`
    /// every part (as `jwtVerify` returns them).
    #[napi(catch_unwind)]
    pub fn claims(&self, complete: bool) -> napi::Result<VerifiedToken> {
        guard("JwtVerification.claims", || {
            let prepared = &self.prepared;
            jwt::validate_claims(&prepared.decoded, &prepared.options).or_throw()?;
            Ok(verified_token(&prepared.decoded, complete, None))
        })
    }
}

// ------------------------------------------------------------- decryption

/// What jose's decryption rules need to know about one custom key.
#[napi(object)]
pub struct CustomUnwrapper {
    pub alg: Option<String>,
    pub key_use: Option<String>,
    /// `key.algorithms('unwrapKey')` among RSA-OAEP, RSA-OAEP-256 and
    /// RSA1_5, empty when the key has no `unwrapKey` method.
    pub algorithms: Vec<String>,
}

impl JweKey for CustomUnwrapper {
    fn key(&self) -> Option<&crate::jwk::key::Key> {
        None
    }

    fn declared_alg(&self) -> Option<&str> {
        self.alg.as_deref()
    }

    fn declared_use(&self) -> Option<&str> {
        self.key_use.as_deref()
    }

    fn external_algorithms(&self, op: JweOp) -> Option<&[String]> {
        Some(match op {
            JweOp::KeyDecrypt => &self.algorithms,
            _ => &[],
        })
    }
}

/// A JWE's recipients with their headers checked, for keys chosen in
/// JavaScript: a KeyStore whose `all()` is the user's, or a custom key.
#[napi]
pub struct JweDecryptPending {
    recipients: Vec<std::result::Result<CheckedRecipient, String>>,
}

/// One recipient: its error, or its combined JOSE Header (JSON text), which
/// a KeyStore is asked with.
#[napi(object)]
pub struct RecipientCheck {
    pub error: Option<String>,
    pub header: Option<String>,
}

#[napi(catch_unwind)]
pub fn jwe_decrypt_prepare(
    input: String,
    json: bool,
    algorithms: Option<Vec<String>>,
    crit: Vec<String>,
    max_pbes2_count: f64,
    max_inflated_size: Option<f64>,
) -> napi::Result<JweDecryptPending> {
    guard("jweDecryptPrepare", || {
        let value: Option<serde_json::Value> = if json {
            Some(jwe::parse_json(&input).or_throw()?)
        } else {
            None
        };
        let input = match &value {
            Some(value) => JweInput::Json(value),
            None => JweInput::Compact(&input),
        };
        let crit: Vec<&str> = crit.iter().map(String::as_str).collect();
        let algorithms: Option<Vec<&str>> = algorithms
            .as_ref()
            .map(|list| list.iter().map(String::as_str).collect());
        let options = DecryptOptions {
            crit: &crit,
            algorithms: algorithms.as_deref(),
            max_pbes2_count,
            max_inflated_size: inflate_cap(max_inflated_size).or_throw()?,
        };
        let recipients = jwe::checked(input, &options).or_throw()?;
        Ok(JweDecryptPending {
            recipients: recipients.into_iter().map(|r| r.map_err(encoded)).collect(),
        })
    })
}

fn decrypted_to_js(mut out: jwe::Decrypted<()>) -> JweDecrypted {
    JweDecrypted {
        cleartext: out.cleartext.into(),
        // Handed to JavaScript: moved out of its wiping wrapper.
        cek: std::mem::take(&mut *out.cek).into(),
        enc: out.enc.to_owned(),
        key_index: None,
        protected: json_text(out.protected),
        unprotected: json_text(out.unprotected),
        header: json_text(out.header),
        aad: out.aad,
    }
}

/// Decrypting one recipient with one native key.
pub struct DecryptWithJob {
    recipient: CheckedRecipient,
    key: NodeKey,
}

impl Job for DecryptWithJob {
    type Output = jwe::Decrypted<()>;
    type JsValue = JweDecrypted;

    fn run(&self) -> Result<jwe::Decrypted<()>> {
        self.recipient.decrypt_with(&self.key)
    }

    fn finish(&self, out: jwe::Decrypted<()>) -> JweDecrypted {
        decrypted_to_js(out)
    }
}

/// A custom key's part of one recipient: the Encrypted Key its
/// `unwrapKey` gets, then the content opened with the CEK it gave.
#[napi]
pub struct JweUnwrapPending {
    recipient: PendingRecipient,
}

/// Decrypting one recipient's content with the CEK a custom key gave.
pub struct OpenJob {
    recipient: PendingRecipient,
    /// The CEK the key's `unwrapKey` returned, wiped when the job drops.
    cek: Option<zeroize::Zeroizing<Vec<u8>>>,
}

impl Job for OpenJob {
    type Output = jwe::Decrypted<()>;
    type JsValue = JweDecrypted;

    fn run(&self) -> Result<jwe::Decrypted<()>> {
        self.recipient.open(self.cek.as_deref().map(Vec::as_slice))
    }

    fn finish(&self, out: jwe::Decrypted<()>) -> JweDecrypted {
        decrypted_to_js(out)
    }
}

#[napi]
impl JweUnwrapPending {
    /// The key management algorithm.
    #[napi(getter, catch_unwind)]
    pub fn alg(&self) -> napi::Result<String> {
        guard("JweUnwrapPending.alg", || Ok(self.recipient.alg.to_owned()))
    }

    /// The Encrypted Key (none when it is absent or not base64url).
    #[napi(getter, catch_unwind)]
    pub fn encrypted_key(&self) -> napi::Result<Option<Buffer>> {
        guard("JweUnwrapPending.encryptedKey", || {
            Ok(self.recipient.encrypted_key.clone().map(Buffer::from))
        })
    }

    /// Decrypts the content with `cek` (none, or one of the wrong length:
    /// a random one, so a failed unwrap ends as a wrong key does).
    #[napi(catch_unwind)]
    pub fn open(&self, cek: Option<Buffer>) -> napi::Result<JweDecrypted> {
        guard("JweUnwrapPending.open", || job::now(Ok(self.open_job(cek))))
    }

    #[napi(catch_unwind)]
    pub fn open_async(&self, cek: Option<Buffer>) -> napi::Result<AsyncTask<OffThread<OpenJob>>> {
        guard("JweUnwrapPending.openAsync", || {
            job::off_thread(Ok(self.open_job(cek)))
        })
    }
}

impl JweUnwrapPending {
    fn open_job(&self, cek: Option<Buffer>) -> OpenJob {
        OpenJob {
            recipient: self.recipient.clone(),
            cek: cek.map(|c| zeroize::Zeroizing::new(c.to_vec())),
        }
    }
}

#[napi]
impl JweDecryptPending {
    #[napi(catch_unwind)]
    pub fn recipients(&self) -> napi::Result<Vec<RecipientCheck>> {
        guard("JweDecryptPending.recipients", || {
            Ok(self
                .recipients
                .iter()
                .map(|r| match r {
                    Ok(checked) => RecipientCheck {
                        error: None,
                        header: Some(js_text(checked.combined())),
                    },
                    Err(e) => RecipientCheck {
                        error: Some(e.clone()),
                        header: None,
                    },
                })
                .collect())
        })
    }

    /// Recipient `index` decrypted with a native key (a handle, or the
    /// description of a key without material).
    #[napi(catch_unwind)]
    pub fn decrypt_with(&self, index: u32, key: KeyArg<'_>) -> napi::Result<JweDecrypted> {
        guard("JweDecryptPending.decryptWith", || {
            job::now(self.decrypt_job(index, &key))
        })
    }

    #[napi(catch_unwind)]
    pub fn decrypt_with_async(
        &self,
        index: u32,
        key: KeyArg<'_>,
    ) -> napi::Result<AsyncTask<OffThread<DecryptWithJob>>> {
        guard("JweDecryptPending.decryptWithAsync", || {
            job::off_thread(self.decrypt_job(index, &key))
        })
    }

    /// Recipient `index` checked for a custom key up to its CEK.
    #[napi(catch_unwind)]
    pub fn unwrap_request(
        &self,
        index: u32,
        key: CustomUnwrapper,
    ) -> napi::Result<JweUnwrapPending> {
        guard("JweDecryptPending.unwrapRequest", || {
            let recipient = self.recipient(index).or_throw()?;
            Ok(JweUnwrapPending {
                recipient: recipient.pending(&key).or_throw()?,
            })
        })
    }
}

impl JweDecryptPending {
    fn recipient(&self, index: u32) -> Result<&CheckedRecipient> {
        usize::try_from(index)
            .ok()
            .and_then(|i| self.recipients.get(i))
            .and_then(|r| r.as_ref().ok())
            .ok_or_else(|| Error::type_error("invalid recipient"))
    }

    fn decrypt_job(&self, index: u32, key: &KeyArg<'_>) -> Result<DecryptWithJob> {
        Ok(DecryptWithJob {
            recipient: self.recipient(index)?.clone(),
            key: node_key(key)?,
        })
    }
}
