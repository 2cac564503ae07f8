//! JWS sign and verify for the facade, each with an off-thread twin. A call
//! is turned into an owned job first, so the sync function and the libuv
//! task run exactly the same code.

use std::sync::Arc;

use napi::bindgen_prelude::{Buffer, Either};
use napi_derive::napi;

use super::args::{bytes, header, js_text, serialized};
use super::job::{twins, Job};
use super::key_args::{jws_key, KeyArg, KeyMode, KeySource};
use super::options::{JwsVerifyOptions, JwsVerifySettings};
use crate::error::{Error, Result};
use crate::jws::{self, Header, JwsInput, JwsKey, Recipient, Serialization};

/// Everything one sign call needs, owned.
pub struct SignJob {
    payload: Vec<u8>,
    recipients: Vec<(JwsKey, Option<Header>, Option<Header>)>,
    serialization: Serialization,
}

impl SignJob {
    fn new(
        payload: Either<String, Buffer>,
        keys: Vec<KeyArg<'_>>,
        protected: Vec<Option<String>>,
        headers: Vec<Option<String>>,
        serialization_name: String,
    ) -> Result<SignJob> {
        let payload = bytes(payload);
        let mut recipients = Vec::with_capacity(keys.len());
        let mut protected = protected.into_iter();
        let mut headers = headers.into_iter();
        for key in &keys {
            let p = header(protected.next().flatten())?;
            let h = header(headers.next().flatten())?;
            recipients.push((jws_key(key)?, p, h));
        }
        Ok(SignJob {
            payload,
            recipients,
            serialization: Serialization::parse(&serialization_name)?,
        })
    }
}

impl SignJob {
    /// One key, one protected header, compact: what `JWT.sign` makes.
    pub(super) fn compact(payload: Vec<u8>, key: JwsKey, protected: Header) -> SignJob {
        SignJob {
            payload,
            recipients: vec![(key, Some(protected), None)],
            serialization: Serialization::Compact,
        }
    }
}

/// jose's refusal of a key with `"use":"enc"` for signing.
pub(super) fn refuse_encryption_keys<'k>(mut keys: impl Iterator<Item = &'k JwsKey>) -> Result<()> {
    if keys.any(JwsKey::is_encryption_key) {
        return Err(Error::type_error(
            "a key with \"use\":\"enc\" is not usable for signing",
        ));
    }
    Ok(())
}

/// A signed JWS for the facade: the compact string, or a flattened /
/// general JWS as JSON text with whether its payload is unencoded (RFC
/// 7797), which the facade then gives back as the Buffer it was handed.
#[napi(object)]
pub struct JwsJson {
    pub json: String,
    pub unencoded: bool,
}

/// A signed JWS: the compact string, or a flattened or general one.
#[napi]
pub type SignResult = Either<String, JwsJson>;

pub(super) fn sign_result(signed: &jws::SignedJws) -> SignResult {
    match signed.serialization {
        Serialization::Compact => Either::A(signed.to_compact()),
        _ => Either::B(JwsJson {
            json: js_text(&signed.to_json()),
            unencoded: signed.unencoded_payload,
        }),
    }
}

impl SignJob {
    /// The JWS, signed as `JWS.sign` signs it.
    pub(super) fn signed(&self) -> Result<jws::SignedJws> {
        let recipients: Vec<Recipient<'_>> = self
            .recipients
            .iter()
            .map(|(key, protected, header)| Recipient {
                key,
                protected: protected.clone(),
                header: header.clone(),
                default_alg: key.default_sign_alg(),
            })
            .collect();
        jws::validate(&recipients, self.serialization)?;
        // jose refuses encryption keys once the serialization is known good
        refuse_encryption_keys(self.recipients.iter().map(|(k, _, _)| k))?;
        jws::sign(&self.payload, recipients, self.serialization)
    }
}

impl Job for SignJob {
    type Output = SignResult;
    type JsValue = SignResult;

    fn run(&self) -> Result<SignResult> {
        Ok(sign_result(&self.signed()?))
    }

    fn finish(&self, output: SignResult) -> SignResult {
        output
    }
}

twins! {
    jws_sign("jwsSign") / jws_sign_async("jwsSignAsync")
    (
        payload: Either<String, Buffer>,
        keys: Vec<KeyArg<'_>>,
        protected: Vec<Option<String>>,
        headers: Vec<Option<String>>,
        serialization: String,
    ) -> SignResult as "Promise<SignResult>", SignJob = SignJob::new(payload, keys, protected, headers, serialization)
}

/// What the facade gets back from a verification.
#[napi(object)]
pub struct JwsVerified {
    /// Text when the payload is UTF-8 (a JS string is much cheaper to make
    /// than a Buffer), else the bytes.
    pub payload: Either<String, Buffer>,
    /// An RFC 7797 payload: returned as transmitted, never decoded or parsed.
    pub unencoded: bool,
    pub protected: Option<String>,
    pub header: Option<String>,
    /// The verifying key's index in the KeyStore list, for a KeyStore.
    pub key_index: Option<u32>,
}

pub struct VerifyOutput {
    payload: Vec<u8>,
    unencoded: bool,
    protected: Option<String>,
    header: Option<String>,
    key_index: Option<u32>,
}

pub struct VerifyJob {
    input: String,
    json: Option<serde_json::Value>,
    /// A JSON JWS's payload, when the caller passed it as a Buffer.
    payload: Option<Vec<u8>>,
    keys: KeySource,
    options: Arc<JwsVerifyOptions>,
}

impl VerifyJob {
    fn new(
        input: String,
        json: bool,
        mode: KeyMode,
        keys: Vec<KeyArg<'_>>,
        options: &JwsVerifySettings,
        payload: Option<Buffer>,
    ) -> Result<VerifyJob> {
        let options = Arc::clone(&options.options);
        let (input, json) = serialized(input, json, jws::parse_json)?;
        let keys = KeySource::new(mode, &keys, options.legacy_p256k)?;
        Ok(VerifyJob {
            input,
            json,
            payload: payload.map(|p| p.to_vec()),
            keys,
            options,
        })
    }
}

impl Job for VerifyJob {
    type Output = VerifyOutput;
    type JsValue = VerifyResult;

    fn run(&self) -> Result<VerifyOutput> {
        let input = jws_input(&self.input, self.json.as_ref(), self.payload.as_deref());
        let lists = self.options.lists();
        let verified = jws::verify(input, &lists.jws(), |header, alg| {
            self.keys.candidates(header, alg)
        })?;
        let key_index = verified.key.index;
        Ok(verify_output(verified, self.options.complete, key_index))
    }

    fn finish(&self, output: VerifyOutput) -> VerifyResult {
        to_js(output, self.options.complete)
    }
}

/// What verification hands back: the headers only for `complete`, and the
/// index of the key that verified, in the list the facade holds.
pub(super) fn verify_output<K>(
    verified: jws::Verified<K>,
    complete: bool,
    key_index: Option<u32>,
) -> VerifyOutput {
    let text = |h: Option<Header>| h.filter(|_| complete).map(|h| js_text(&h));
    VerifyOutput {
        payload: verified.payload,
        unencoded: verified.unencoded_payload,
        protected: text(verified.protected),
        header: text(verified.header),
        key_index,
    }
}

/// The JWS to verify: compact text, or a parsed JSON JWS with the payload
/// bytes the caller passed as a Buffer, if any.
pub(super) fn jws_input<'a>(
    compact: &'a str,
    json: Option<&'a serde_json::Value>,
    payload: Option<&'a [u8]>,
) -> JwsInput<'a> {
    match (json, payload) {
        (Some(value), Some(bytes)) => JwsInput::JsonWithBytes(value, bytes),
        (Some(value), None) => JwsInput::Json(value),
        (None, _) => JwsInput::Compact(compact),
    }
}

pub(super) fn payload_to_js(bytes: Vec<u8>) -> Either<String, Buffer> {
    match String::from_utf8(bytes) {
        Ok(text) => Either::A(text),
        Err(e) => Either::B(e.into_bytes().into()),
    }
}

/// The result for the facade: just the payload in the common case (not
/// `complete`, an encoded payload), which keeps the hot path to one value
/// crossing back; the whole record otherwise.
#[napi]
pub type VerifyResult = Either<Either<String, Buffer>, JwsVerified>;

pub(super) fn to_js(out: VerifyOutput, complete: bool) -> VerifyResult {
    if !complete && !out.unencoded {
        return Either::A(payload_to_js(out.payload));
    }
    Either::B(JwsVerified {
        payload: payload_to_js(out.payload),
        unencoded: out.unencoded,
        protected: out.protected,
        header: out.header,
        key_index: out.key_index,
    })
}

twins! {
    jws_verify("jwsVerify") / jws_verify_async("jwsVerifyAsync")
    (
        input: String,
        json: bool,
        mode: KeyMode,
        keys: Vec<KeyArg<'_>>,
        options: &JwsVerifySettings,
        payload: Option<Buffer>,
    ) -> VerifyResult as "Promise<VerifyResult>", VerifyJob = VerifyJob::new(input, json, mode, keys, options, payload)
}
