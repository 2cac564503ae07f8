//! The binding of jose 6's API (`lib/v6`, rules in `crate::v6`).
//!
//! A JavaScript value whose type jose 6 checks arrives as a [`Member`]:
//! `undefined` is absent, `false` stands for "there, but of a type jose 6
//! refuses" (the facade sends `false` for every such value, `null`
//! included: N-API reads `null` as absent), anything else is the value. Keys arrive as an `External`
//! made once per key object by `v6Key` (the description of the value and
//! its material), or as the bytes of a plain `Uint8Array` secret.

use std::borrow::Cow;
use std::sync::Arc;

use napi::bindgen_prelude::{Buffer, ClassInstance, Either, External, Uint8Array};
use napi::Env;
use napi_derive::napi;
use zeroize::Zeroizing;

use super::boundary::guard;
use super::error::{Fail, Outcome};
use super::key::NativeKey;
use crate::error::{Error, Result};
use crate::v6::header::Understood;
use crate::v6::jws::{self, Checked, Flattened, Form, Member, Payload, SignInput, Unencoded};
use crate::v6::keys::{CryptoAlgorithm, KeyForm, KeyInput};

/// A key as the v6 calls take it: a handle `v6Key` made, or a plain
/// `Uint8Array` secret's bytes.
pub type V6KeyHandle = External<Arc<KeyInput>>;
#[napi]
pub type V6KeyArg<'a> = Either<&'a V6KeyHandle, Uint8Array>;

fn member<T, U>(value: Option<Either<T, bool>>, f: impl FnOnce(T) -> U) -> Member<U> {
    match value {
        None => Member::Absent,
        Some(Either::B(_)) => Member::Wrong,
        Some(Either::A(v)) => Member::Given(f(v)),
    }
}

pub(crate) fn key_input(arg: &V6KeyArg<'_>) -> KeyInputRef {
    match arg {
        Either::A(handle) => KeyInputRef::Shared(Arc::clone(handle)),
        Either::B(bytes) => KeyInputRef::Owned(KeyInput::new(
            KeyForm::Bytes(Zeroizing::new(bytes.to_vec())),
            " Received an instance of Uint8Array".to_owned(),
            None,
        )),
    }
}

pub(crate) enum KeyInputRef {
    Shared(Arc<KeyInput>),
    Owned(KeyInput),
}

impl std::ops::Deref for KeyInputRef {
    type Target = KeyInput;
    fn deref(&self) -> &KeyInput {
        match self {
            KeyInputRef::Shared(k) => k,
            KeyInputRef::Owned(k) => k,
        }
    }
}

/// `key.algorithm` of a `CryptoKey`.
#[napi(object)]
pub struct V6CryptoAlgorithm {
    pub name: String,
    pub hash: Option<String>,
    pub named_curve: Option<String>,
    pub modulus_length: Option<f64>,
    pub length: Option<u32>,
}

/// What the facade knows of a key value (see `crate::v6::keys`).
#[napi(object)]
pub struct V6KeyDescription {
    /// "bytes", "jwk", "CryptoKey", "KeyObject" or "other".
    pub form: String,
    /// How jose 6's messages name the value (" Received ..." or "").
    pub received: String,
    pub bytes: Option<Uint8Array>,
    /// A JWK object as JSON text.
    pub jwk: Option<String>,
    /// `key.type` of a `CryptoKey` or `KeyObject`.
    pub key_type: Option<String>,
    pub algorithm: Option<V6CryptoAlgorithm>,
    pub usages: Option<Vec<String>>,
    /// `key.extractable` of a `CryptoKey`.
    pub extractable: Option<bool>,
}

/// A key handle for a key value: its description, and the material of a
/// `CryptoKey` or `KeyObject` (imported by the facade through
/// `importDer` / `importSecret`).
#[napi(catch_unwind)]
pub fn v6_key(
    env: Env,
    description: V6KeyDescription,
    material: Option<ClassInstance<'_, NativeKey>>,
) -> napi::Result<V6KeyHandle> {
    guard(&env, "v6Key", || {
        let form = match description.form.as_str() {
            "bytes" => KeyForm::Bytes(Zeroizing::new(
                description.bytes.map(|b| b.to_vec()).unwrap_or_default(),
            )),
            "jwk" => KeyForm::Jwk(
                description
                    .jwk
                    .as_deref()
                    .and_then(crate::v6::header::parse_object)
                    .unwrap_or_default(),
            ),
            "CryptoKey" => KeyForm::CryptoKey {
                key_type: description.key_type.unwrap_or_default(),
                algorithm: description
                    .algorithm
                    .map(|a| CryptoAlgorithm {
                        name: a.name,
                        hash: a.hash,
                        named_curve: a.named_curve,
                        modulus_length: a.modulus_length,
                        length: a.length,
                    })
                    .unwrap_or_default(),
                usages: description.usages.unwrap_or_default(),
                extractable: description.extractable.unwrap_or(false),
            },
            "KeyObject" => KeyForm::KeyObject {
                key_type: description.key_type.unwrap_or_default(),
            },
            _ => KeyForm::Other,
        };
        let material = material.map(|m| Arc::clone(&m.inner));
        Ok(External::new(Arc::new(KeyInput::new(
            form,
            description.received,
            material,
        ))))
    })
}

/// An extension the caller understands (jose 6's `crit` option entry).
#[napi(object)]
pub struct V6Understood {
    pub name: String,
    pub protected: bool,
}

pub(crate) fn understood(list: Option<Vec<V6Understood>>) -> Option<Vec<Understood>> {
    list.as_deref().map(understood_list)
}

pub(crate) fn understood_list(list: &[V6Understood]) -> Vec<Understood> {
    list.iter()
        .map(|u| Understood {
            name: u.name.clone(),
            protected: u.protected,
        })
        .collect()
}

/// A JWS's members (see the module docs for `null`). A compact JWS comes
/// as `compact`, the others unset.
#[napi(object)]
pub struct V6JwsInput {
    pub compact: Option<Either<String, bool>>,
    pub protected: Option<Either<String, bool>>,
    /// The unprotected header as `JSON.stringify` of the plain object.
    pub header: Option<Either<String, bool>>,
    pub payload: Option<Either<Either<String, Uint8Array>, bool>>,
    /// A text payload holds no lone surrogate.
    pub well_formed: bool,
    pub signature: Option<Either<String, bool>>,
}

/// jose 6's verify options (`algorithms`: `false` when it is not an
/// array of strings).
#[napi(object)]
pub struct V6VerifyOptions {
    pub algorithms: Option<Either<Vec<String>, bool>>,
    pub crit: Option<Vec<V6Understood>>,
}

pub(crate) fn verify_options(options: V6VerifyOptions) -> jws::VerifyOptions {
    jws::VerifyOptions {
        algorithms: member(options.algorithms, |a| a),
        crit: understood(options.crit),
    }
}

fn flattened(
    input: V6JwsInput,
    options: &jws::VerifyOptions,
) -> Result<(Flattened<'static>, Form)> {
    if let Some(compact) = input.compact {
        // jose 6 reads the options before the token
        options.check()?;
        let token = match &compact {
            Either::A(t) => Some(t.as_str()),
            Either::B(_) => None,
        };
        return Ok((jws::split_compact(token)?.into_owned(), Form::Compact));
    }
    let payload = member(input.payload, |p| match p {
        Either::A(text) => Payload::Text(Cow::Owned(text)),
        Either::B(bytes) => Payload::Bytes(Cow::Owned(bytes.to_vec())),
    });
    Ok((
        Flattened {
            protected: member(input.protected, Cow::Owned),
            header: member(input.header, |h| h),
            payload,
            signature: member(input.signature, Cow::Owned),
            compact_input: None,
        },
        Form::Json {
            well_formed: input.well_formed,
        },
    ))
}

/// A verified JWS: the payload, and the protected header's JSON text as
/// the token has it (for the facade to `JSON.parse`).
#[napi(object)]
pub struct V6Verified {
    pub payload: Buffer,
    pub protected_header: Option<String>,
}

/// A JWS whose headers passed, waiting for the key a key function gives.
#[napi]
pub struct V6JwsChecked {
    pub(crate) checked: Checked<'static>,
}

#[napi]
impl V6JwsChecked {
    /// The protected header's JSON text (what the key function is shown).
    #[napi(getter, catch_unwind)]
    pub fn protected_header(&self, env: Env) -> napi::Result<Option<String>> {
        guard(&env, "V6JwsChecked.protectedHeader", || {
            Ok(self.checked.protected.text.clone())
        })
    }

    #[napi(catch_unwind)]
    pub fn verify(&self, env: Env, key: V6KeyArg<'_>) -> napi::Result<V6Verified> {
        guard(&env, "V6JwsChecked.verify", || {
            verified(&self.checked, &key_input(&key)).map_err(Fail::from)
        })
    }
}

fn verified(checked: &Checked, key: &KeyInput) -> Result<V6Verified> {
    let payload = jws::verify(checked, key)?;
    Ok(V6Verified {
        payload: payload.into(),
        protected_header: checked.protected.text.clone(),
    })
}

/// Checks a JWS up to its key.
#[napi(catch_unwind)]
pub fn v6_jws_check(
    env: Env,
    input: V6JwsInput,
    options: V6VerifyOptions,
) -> napi::Result<V6JwsChecked> {
    guard(&env, "v6JwsCheck", || {
        let options = verify_options(options);
        let (jws, form) = flattened(input, &options)?;
        jws::check(jws, &options, form)
            .map(|checked| V6JwsChecked { checked })
            .map_err(Fail::from)
    })
}

/// The signatures of a general JWS worth trying (indexes, in order),
/// after the options (jose 6 reads them once the JWS's shape passed).
#[napi(catch_unwind)]
pub fn v6_general_candidates(
    env: Env,
    signatures: Vec<V6JwsInput>,
    options: V6VerifyOptions,
) -> napi::Result<Vec<u32>> {
    guard(&env, "v6GeneralCandidates", || {
        verify_options(options).check()?;
        let mut list = Vec::with_capacity(signatures.len());
        let options = jws::VerifyOptions::default();
        for input in signatures {
            list.push(flattened(input, &options)?.0);
        }
        let candidates = jws::general_candidates(&list)?;
        Ok(candidates
            .into_iter()
            .filter_map(|i| u32::try_from(i).ok())
            .collect())
    })
}

/// Verifies a JWS with a key given up front.
#[napi(catch_unwind)]
pub fn v6_jws_verify(
    env: Env,
    input: V6JwsInput,
    options: V6VerifyOptions,
    key: V6KeyArg<'_>,
) -> napi::Result<V6Verified> {
    guard(&env, "v6JwsVerify", || {
        let options = verify_options(options);
        let (jws, form) = flattened(input, &options)?;
        let checked = jws::check(jws, &options, form)?;
        verified(&checked, &key_input(&key)).map_err(Fail::from)
    })
}

/// Signs: the headers as `JSON.stringify` wrote them (`null`: it threw or
/// gave nothing), `unencoded` says what `b64: false` does ("allowed",
/// "compact" or "jwt"). Returns the flattened JWS.
#[napi(catch_unwind)]
pub fn v6_jws_sign(
    env: Env,
    payload: Either<String, Uint8Array>,
    protected: Option<Either<String, bool>>,
    unprotected: Option<Either<String, bool>>,
    crit: Option<Vec<V6Understood>>,
    unencoded: String,
    key: V6KeyArg<'_>,
) -> napi::Result<jws::Signed> {
    guard(&env, "v6JwsSign", || {
        sign(&payload, protected, unprotected, crit, &unencoded, &key)
    })
}

/// A JWS waiting for a signature made outside the core (a KMS key).
#[napi]
pub struct V6SignPending {
    prepared: jws::PreparedSign,
}

#[napi]
impl V6SignPending {
    /// The bytes to sign.
    #[napi(getter, catch_unwind)]
    pub fn signing_input(&self, env: Env) -> napi::Result<Buffer> {
        guard(&env, "V6SignPending.signingInput", || {
            Ok(self.prepared.signing_input.clone().into())
        })
    }

    /// The header's `alg`.
    #[napi(getter, catch_unwind)]
    pub fn alg(&self, env: Env) -> napi::Result<String> {
        guard(&env, "V6SignPending.alg", || {
            Ok(self.prepared.alg.name.to_owned())
        })
    }

    /// The JWS with the key's signature (`keyAlg`: what the key signs
    /// with; `modulusLength`: an RSA key's size in bits, when known).
    #[napi(catch_unwind)]
    pub fn finish(
        &self,
        env: Env,
        key_alg: String,
        signature: Uint8Array,
        modulus_length: Option<u32>,
    ) -> napi::Result<jws::Signed> {
        guard(&env, "V6SignPending.finish", || {
            self.prepared
                .clone()
                .finish_external(&key_alg, &signature, modulus_length)
                .map_err(Fail::from)
        })
    }
}

/// Everything signing checks before the key, for a KMS key.
#[napi(catch_unwind)]
pub fn v6_jws_sign_prepare(
    env: Env,
    payload: Either<String, Uint8Array>,
    protected: Option<Either<String, bool>>,
    unprotected: Option<Either<String, bool>>,
    crit: Option<Vec<V6Understood>>,
    unencoded: String,
) -> napi::Result<V6SignPending> {
    guard(&env, "v6JwsSignPrepare", || {
        let input = sign_input(&payload, protected, unprotected, crit, &unencoded);
        jws::prepare_sign(&input)
            .map(|prepared| V6SignPending { prepared })
            .map_err(Fail::from)
    })
}

fn unencoded_mode(name: &str) -> Unencoded {
    match name {
        "compact" => Unencoded::CompactRefused,
        "jwt" => Unencoded::JwtRefused,
        _ => Unencoded::Allowed,
    }
}

/// [`v6_jws_sign`] for the compact serialization (CompactSign).
#[napi(catch_unwind)]
pub fn v6_compact_sign(
    env: Env,
    payload: Either<String, Uint8Array>,
    protected: Option<Either<String, bool>>,
    crit: Option<Vec<V6Understood>>,
    unencoded: String,
    key: V6KeyArg<'_>,
) -> napi::Result<String> {
    guard(&env, "v6CompactSign", || {
        let input = sign_input(&payload, protected, None, crit, &unencoded);
        jws::sign_compact(&input, &key_input(&key)).map_err(Fail::from)
    })
}

fn sign(
    payload: &Either<String, Uint8Array>,
    protected: Option<Either<String, bool>>,
    unprotected: Option<Either<String, bool>>,
    crit: Option<Vec<V6Understood>>,
    unencoded: &str,
    key: &V6KeyArg<'_>,
) -> Outcome<jws::Signed> {
    let input = sign_input(payload, protected, unprotected, crit, unencoded);
    Ok(jws::sign(&input, &key_input(key))?)
}

/// What signing takes, from the binding's arguments.
fn sign_input<'a>(
    payload: &'a Either<String, Uint8Array>,
    protected: Option<Either<String, bool>>,
    unprotected: Option<Either<String, bool>>,
    crit: Option<Vec<V6Understood>>,
    unencoded: &str,
) -> SignInput<'a> {
    SignInput {
        payload: match payload {
            Either::A(text) => text.as_bytes(),
            Either::B(bytes) => bytes,
        },
        protected: member(protected, |p| p),
        unprotected: member(unprotected, |p| p),
        crit: understood(crit),
        unencoded: unencoded_mode(unencoded),
    }
}

/// jose 6's `decodeProtectedHeader` of a base64url header: its JSON text
/// (every failure is the TypeError jose 6 throws).
#[napi(catch_unwind)]
pub fn v6_decode_header(env: Env, encoded: String) -> napi::Result<String> {
    guard(&env, "v6DecodeHeader", || {
        let message = "Invalid Token or Protected Header formatting";
        jws::protected_header(Some(&encoded))
            .ok()
            .and_then(|read| read.text.clone())
            .ok_or_else(|| Fail::from(Error::type_error(message)))
    })
}

/// base64url as jose 6 decodes it (its forgiving `atob` route).
#[napi(catch_unwind)]
pub fn v6_base64url_decode(env: Env, text: String) -> napi::Result<Buffer> {
    guard(&env, "v6Base64UrlDecode", || {
        crate::v6::b64::decode(&text)
            .map(Buffer::from)
            .ok_or_else(|| {
                Fail::from(Error::type_error(
                    "The input to be decoded is not correctly encoded.",
                ))
            })
    })
}
