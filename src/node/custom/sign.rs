//! Signing with custom keys among the signers.

use std::cell::RefCell;

use napi::bindgen_prelude::{Buffer, Either};
use napi_derive::napi;

use crate::b64;
use crate::error::{Error, Result};
use crate::jwa::registry::Operation;
use crate::jwa::signing::{SignatureAlgorithm, SignatureLen};
use crate::jws::key_policy::check_support;
use crate::jws::{self, Header, JwsKey, Recipient, Serialization, SignedJws, SigningKey};
use crate::node::args::{bytes, header};
use crate::node::boundary::guard;
use crate::node::error::OrThrow;
use crate::node::job::{twins, Job};
use crate::node::jws::{serialization, sign_result, SignResult};
use crate::node::key_args::{jws_key, KeyArg};

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
