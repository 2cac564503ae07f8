//! The binding of jose 6's API (`lib/v6`, rules in `crate::v6`).
//!
//! A JavaScript value whose type jose 6 checks arrives as a [`Member`]:
//! `undefined` is absent, `false` stands for "there, but of a type jose 6
//! refuses" (the facade sends `false` for every such value, `null`
//! included: N-API reads `null` as absent), anything else is the value. Keys arrive as an `External`
//! made once per key object by `v6Key` (the description of the value and
//! its material), or as the bytes of a plain `Uint8Array` secret.

use std::sync::Arc;

use napi::bindgen_prelude::{Buffer, ClassInstance, Either, External, Uint8Array};
use napi_derive::napi;
use serde_json::Value;
use zeroize::Zeroizing;

use super::boundary::guard;
use super::error::{to_napi, OrThrow};
use super::key::NativeKey;
use crate::error::{Error, Result};
use crate::sys::napi_text::{OutText, Text};
use crate::v6::claims::{self, ClaimOptions, Span};
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
    description: V6KeyDescription,
    material: Option<ClassInstance<'_, NativeKey>>,
) -> napi::Result<V6KeyHandle> {
    guard("v6Key", || {
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

fn verify_options(options: V6VerifyOptions) -> jws::VerifyOptions {
    jws::VerifyOptions {
        algorithms: member(options.algorithms, |a| a),
        crit: understood(options.crit),
    }
}

fn flattened(input: V6JwsInput, options: &jws::VerifyOptions) -> Result<(Flattened, Form)> {
    if let Some(compact) = input.compact {
        // jose 6 reads the options before the token
        options.check()?;
        let token = match &compact {
            Either::A(t) => Some(t.as_str()),
            Either::B(_) => None,
        };
        return Ok((jws::split_compact(token)?, Form::Compact));
    }
    let payload = member(input.payload, |p| match p {
        Either::A(text) => Payload::Text(text),
        Either::B(bytes) => Payload::Bytes(bytes.to_vec()),
    });
    Ok((
        Flattened {
            protected: member(input.protected, |p| p),
            header: member(input.header, |h| h),
            payload,
            signature: member(input.signature, |s| s),
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

/// A verified JWT as one string: the protected header's JSON text, U+0000,
/// the claims set's JSON text (JSON text never holds a raw U+0000). One
/// string, not an object holding a Buffer: creating those cost more than
/// the HS256 verification itself.
fn jwt_text(protected: Option<&str>, claims: &str) -> String {
    let protected = protected.unwrap_or("{}");
    let mut out = String::with_capacity(protected.len() + 1 + claims.len());
    out.push_str(protected);
    out.push('\u{0}');
    out.push_str(claims);
    out
}

/// A JWS whose headers passed, waiting for the key a key function gives.
#[napi]
pub struct V6JwsChecked {
    checked: Checked,
}

#[napi]
impl V6JwsChecked {
    /// The protected header's JSON text (what the key function is shown).
    #[napi(getter, catch_unwind)]
    pub fn protected_header(&self) -> napi::Result<Option<String>> {
        guard("V6JwsChecked.protectedHeader", || {
            Ok(self.checked.protected_text.clone())
        })
    }

    #[napi(catch_unwind)]
    pub fn verify(&self, key: V6KeyArg<'_>) -> napi::Result<V6Verified> {
        guard("V6JwsChecked.verify", || {
            verified(&self.checked, &key_input(&key)).or_throw()
        })
    }

    /// For a JWT: verifies, then checks the claims (see `jwt_text`).
    #[napi(catch_unwind)]
    pub fn verify_jwt(
        &self,
        key: V6KeyArg<'_>,
        now: f64,
        claims: Option<V6ClaimOptions>,
    ) -> napi::Result<String> {
        guard("V6JwsChecked.verifyJwt", || {
            verified_jwt(&self.checked, &key_input(&key), now, claims).or_throw()
        })
    }
}

fn verified(checked: &Checked, key: &KeyInput) -> Result<V6Verified> {
    let payload = jws::verify(checked, key)?;
    Ok(V6Verified {
        payload: payload.into(),
        protected_header: checked.protected_text.clone(),
    })
}

/// Checks a JWS up to its key.
#[napi(catch_unwind)]
pub fn v6_jws_check(input: V6JwsInput, options: V6VerifyOptions) -> napi::Result<V6JwsChecked> {
    guard("v6JwsCheck", || {
        let options = verify_options(options);
        let (jws, form) = flattened(input, &options).map_err(to_napi)?;
        jws::check(jws, &options, form)
            .map(|checked| V6JwsChecked { checked })
            .or_throw()
    })
}

/// The signatures of a general JWS worth trying (indexes, in order),
/// after the options (jose 6 reads them once the JWS's shape passed).
#[napi(catch_unwind)]
pub fn v6_general_candidates(
    signatures: Vec<V6JwsInput>,
    options: V6VerifyOptions,
) -> napi::Result<Vec<u32>> {
    guard("v6GeneralCandidates", || {
        verify_options(options).check().map_err(to_napi)?;
        let mut list = Vec::with_capacity(signatures.len());
        let options = jws::VerifyOptions::default();
        for input in signatures {
            list.push(flattened(input, &options).map_err(to_napi)?.0);
        }
        let candidates = jws::general_candidates(&list).map_err(to_napi)?;
        Ok(candidates
            .into_iter()
            .filter_map(|i| u32::try_from(i).ok())
            .collect())
    })
}

/// Verifies a JWS with a key given up front.
#[napi(catch_unwind)]
pub fn v6_jws_verify(
    input: V6JwsInput,
    options: V6VerifyOptions,
    key: V6KeyArg<'_>,
) -> napi::Result<V6Verified> {
    guard("v6JwsVerify", || {
        let options = verify_options(options);
        let (jws, form) = flattened(input, &options).map_err(to_napi)?;
        let checked = jws::check(jws, &options, form).map_err(to_napi)?;
        verified(&checked, &key_input(&key)).or_throw()
    })
}

/// jose 6's claim options. `issuer`, `subject` and `audience` are JSON
/// text (of a list, a value, a list); `wrongType` names the time options
/// given with a type jose 6 refuses.
#[napi(object)]
pub struct V6ClaimOptions {
    pub typ: Option<String>,
    pub required_claims: Option<Vec<String>>,
    pub issuer: Option<String>,
    pub subject: Option<String>,
    pub audience: Option<String>,
    pub max_token_age: Option<Either<f64, String>>,
    pub clock_tolerance: Option<Either<f64, String>>,
    pub wrong_type: Option<Vec<String>>,
}

fn claim_options(options: Option<V6ClaimOptions>, now: f64) -> ClaimOptions {
    let Some(o) = options else {
        return ClaimOptions {
            now,
            ..ClaimOptions::default()
        };
    };
    let wrong = o.wrong_type.unwrap_or_default();
    let span = |name: &str, value: Option<Either<f64, String>>| {
        if wrong.iter().any(|w| w == name) {
            return Some(Span::WrongType);
        }
        value.map(|v| match v {
            Either::A(seconds) => Span::Seconds(seconds),
            Either::B(text) => Span::Text(text),
        })
    };
    let json = |text: Option<String>| text.and_then(|t| crate::js_json::parse::<Value>(&t).ok());
    let list = |text: Option<String>| {
        json(text).map(|v| match v {
            Value::Array(items) => items,
            other => vec![other],
        })
    };
    ClaimOptions {
        typ: if wrong.iter().any(|w| w == "typNull") {
            Some(claims::Typ::Null)
        } else if wrong.iter().any(|w| w == "typ") {
            Some(claims::Typ::NotText)
        } else {
            o.typ.map(claims::Typ::Text)
        },
        required_claims: o.required_claims.unwrap_or_default(),
        required_claims_wrong: wrong.iter().any(|w| w == "requiredClaims"),
        issuer: list(o.issuer),
        subject: json(o.subject),
        audience: list(o.audience),
        max_token_age: span("maxTokenAge", o.max_token_age),
        clock_tolerance: span("clockTolerance", o.clock_tolerance),
        now,
    }
}

fn verified_jwt(
    checked: &Checked,
    key: &KeyInput,
    now: f64,
    options: Option<V6ClaimOptions>,
) -> Result<String> {
    let payload = jws::verify(checked, key)?;
    if !checked.b64 {
        return Err(Error::new(
            crate::error::Kind::JwtInvalid,
            "JWTs MUST NOT use unencoded payload",
        ));
    }
    let claims = claims::parse(&payload)?;
    claims::validate(&checked.protected, &claims, &claim_options(options, now))?;
    Ok(jwt_text(checked.protected_text.as_deref(), &claims.text))
}

/// `jwtVerify` with a key given up front and a token that is a string (the
/// hot path: strings cross as `Text` / `OutText`): the token, the
/// signature, the claims (`now` is the caller's clock in seconds, read at
/// call time). The result is `jwt_text`'s.
#[napi(catch_unwind)]
pub fn v6_jwt_verify_text(
    token: Text,
    options: V6VerifyOptions,
    key: V6KeyArg<'_>,
    now: f64,
    claims: Option<V6ClaimOptions>,
) -> napi::Result<OutText> {
    guard("v6JwtVerifyText", || {
        let options = verify_options(options);
        options.check().map_err(to_napi)?;
        let jws = jws::split_compact(Some(&token.0)).map_err(to_napi)?;
        let checked = jws::check(jws, &options, Form::Compact).map_err(to_napi)?;
        verified_jwt(&checked, &key_input(&key), now, claims)
            .map(OutText)
            .or_throw()
    })
}

/// `jwtVerify`'s checks up to the key, for a key function.
#[napi(catch_unwind)]
pub fn v6_jwt_check(
    token: Option<Either<String, bool>>,
    options: V6VerifyOptions,
) -> napi::Result<V6JwsChecked> {
    guard("v6JwtCheck", || {
        jwt_check(token, options)
            .map(|checked| V6JwsChecked { checked })
            .or_throw()
    })
}

fn jwt_check(token: Option<Either<String, bool>>, options: V6VerifyOptions) -> Result<Checked> {
    let token = match &token {
        Some(Either::A(t)) => Some(t.as_str()),
        _ => None,
    };
    let options = verify_options(options);
    options.check()?;
    let jws = jws::split_compact(token)?;
    jws::check(jws, &options, Form::Compact)
}

/// A signed flattened JWS.
#[napi(object)]
pub struct V6Signed {
    pub protected: Option<String>,
    pub payload: String,
    pub signature: String,
    pub b64: bool,
}

impl From<jws::Signed> for V6Signed {
    fn from(signed: jws::Signed) -> V6Signed {
        V6Signed {
            protected: signed.protected,
            payload: signed.payload,
            signature: signed.signature,
            b64: signed.b64,
        }
    }
}

/// Signs: the headers as `JSON.stringify` wrote them (`null`: it threw or
/// gave nothing), `unencoded` says what `b64: false` does ("allowed",
/// "compact" or "jwt"). Returns the flattened JWS.
#[napi(catch_unwind)]
pub fn v6_jws_sign(
    payload: Either<String, Uint8Array>,
    protected: Option<Either<String, bool>>,
    unprotected: Option<Either<String, bool>>,
    crit: Option<Vec<V6Understood>>,
    unencoded: String,
    key: V6KeyArg<'_>,
) -> napi::Result<V6Signed> {
    guard("v6JwsSign", || {
        sign(&payload, protected, unprotected, crit, &unencoded, &key).map(Into::into)
    })
}

/// `SignJWT#sign`: the claims set's JSON text and the protected header's
/// (absent: not set; `header_wrong`: `JSON.stringify` threw or gave
/// nothing). Strings cross as `Text` / `OutText`, the hot path's encoding.
#[napi(catch_unwind)]
pub fn v6_jwt_sign(
    claims: Text,
    protected: Option<Text>,
    header_wrong: bool,
    crit: Option<Vec<V6Understood>>,
    key: V6KeyArg<'_>,
) -> napi::Result<OutText> {
    guard("v6JwtSign", || {
        let protected = match (protected, header_wrong) {
            (_, true) => Member::Wrong,
            (Some(text), false) => Member::Given(text.0),
            (None, false) => Member::Absent,
        };
        let input = SignInput {
            payload: claims.0.as_bytes(),
            protected,
            unprotected: Member::Absent,
            crit: understood(crit),
            unencoded: Unencoded::JwtRefused,
        };
        jws::sign(&input, &key_input(&key))
            .map(|signed| OutText(signed.compact()))
            .or_throw()
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
    pub fn signing_input(&self) -> napi::Result<Buffer> {
        guard("V6SignPending.signingInput", || {
            Ok(self.prepared.signing_input.clone().into())
        })
    }

    /// The header's `alg`.
    #[napi(getter, catch_unwind)]
    pub fn alg(&self) -> napi::Result<String> {
        guard("V6SignPending.alg", || {
            Ok(self.prepared.alg.name.to_owned())
        })
    }

    /// The JWS with the key's signature (`keyAlg`: what the key signs
    /// with; `modulusLength`: an RSA key's size in bits, when known).
    #[napi(catch_unwind)]
    pub fn finish(
        &self,
        key_alg: String,
        signature: Uint8Array,
        modulus_length: Option<u32>,
    ) -> napi::Result<V6Signed> {
        guard("V6SignPending.finish", || {
            self.prepared
                .clone()
                .finish_external(&key_alg, &signature, modulus_length)
                .map(Into::into)
                .or_throw()
        })
    }
}

/// Everything signing checks before the key, for a KMS key.
#[napi(catch_unwind)]
pub fn v6_jws_sign_prepare(
    payload: Either<String, Uint8Array>,
    protected: Option<Either<String, bool>>,
    unprotected: Option<Either<String, bool>>,
    crit: Option<Vec<V6Understood>>,
    unencoded: String,
) -> napi::Result<V6SignPending> {
    guard("v6JwsSignPrepare", || {
        let input = sign_input(&payload, protected, unprotected, crit, &unencoded);
        jws::prepare_sign(&input)
            .map(|prepared| V6SignPending { prepared })
            .or_throw()
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
    payload: Either<String, Uint8Array>,
    protected: Option<Either<String, bool>>,
    crit: Option<Vec<V6Understood>>,
    unencoded: String,
    key: V6KeyArg<'_>,
) -> napi::Result<String> {
    guard("v6CompactSign", || {
        Ok(sign(&payload, protected, None, crit, &unencoded, &key)?.compact())
    })
}

fn sign(
    payload: &Either<String, Uint8Array>,
    protected: Option<Either<String, bool>>,
    unprotected: Option<Either<String, bool>>,
    crit: Option<Vec<V6Understood>>,
    unencoded: &str,
    key: &V6KeyArg<'_>,
) -> napi::Result<jws::Signed> {
    let input = sign_input(payload, protected, unprotected, crit, unencoded);
    jws::sign(&input, &key_input(key)).or_throw()
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
pub fn v6_decode_header(encoded: String) -> napi::Result<String> {
    guard("v6DecodeHeader", || {
        let message = "Invalid Token or Protected Header formatting";
        jws::protected_header(Some(&encoded))
            .ok()
            .and_then(|(_, text)| text)
            .ok_or_else(|| to_napi(Error::type_error(message)))
    })
}

/// The claims a JWT holds, unverified (jose 6's `decodeJwt`): their JSON
/// text. `None`: the token is not a string.
#[napi(catch_unwind)]
pub fn v6_decode_jwt(token: Option<String>) -> napi::Result<String> {
    guard("v6DecodeJwt", || {
        crate::v6::jwt::decode(token.as_deref()).or_throw()
    })
}

/// `UnsecuredJWT.decode`: the header's and the claims' JSON text.
#[napi(catch_unwind)]
pub fn v6_unsecured_decode(
    token: Option<String>,
    now: f64,
    claims: Option<V6ClaimOptions>,
) -> napi::Result<V6Unsecured> {
    guard("v6UnsecuredDecode", || {
        let options = claim_options(claims, now);
        crate::v6::jwt::decode_unsecured(token.as_deref(), &options)
            .map(|(header, payload)| V6Unsecured { header, payload })
            .or_throw()
    })
}

#[napi(object)]
pub struct V6Unsecured {
    pub header: String,
    pub payload: String,
}

/// jose 6's timespan in seconds (`None`: not a string), for the claims
/// builder's `setExpirationTime('2h')` and the like.
#[napi(catch_unwind)]
pub fn v6_seconds(text: Option<String>) -> napi::Result<f64> {
    guard("v6Seconds", || {
        text.as_deref()
            .and_then(crate::jwt::timespan::signed_seconds)
            .ok_or_else(|| to_napi(Error::type_error("Invalid time period format")))
    })
}

/// base64url as jose 6 decodes it (its forgiving `atob` route).
#[napi(catch_unwind)]
pub fn v6_base64url_decode(text: String) -> napi::Result<Buffer> {
    guard("v6Base64UrlDecode", || {
        crate::v6::b64::decode(&text)
            .map(Buffer::from)
            .ok_or_else(|| {
                to_napi(Error::type_error(
                    "The input to be decoded is not correctly encoded.",
                ))
            })
    })
}

/// `jwtDecrypt`'s claims: the decrypted plaintext read and checked as a
/// claims set, and the claims the protected header replicates; its JSON
/// text.
#[napi(catch_unwind)]
pub fn v6_jwt_decrypt_claims(
    protected_header: Option<String>,
    plaintext: Buffer,
    now: f64,
    claims: Option<V6ClaimOptions>,
) -> napi::Result<String> {
    guard("v6JwtDecryptClaims", || {
        let protected = protected_header
            .as_deref()
            .and_then(crate::v6::header::parse_object)
            .unwrap_or_default();
        let set = claims::parse(&plaintext).map_err(to_napi)?;
        claims::validate(&protected, &set, &claim_options(claims, now)).map_err(to_napi)?;
        claims::check_replicated(&protected, &set).map_err(to_napi)?;
        Ok(set.text)
    })
}
