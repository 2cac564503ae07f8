//! JWT for the facade. Verification comes in steps so that errors keep
//! jose's order: options (`jwtVerifyOptions`), the token (`prepare`; a JARM
//! response may be decrypted in between), then, once the facade has
//! resolved the key argument, the signature and the claims (`run`, or
//! `runAsync` on the libuv thread pool). Header and payload go
//! back as the decoded JSON text, which the facade `JSON.parse`s to get
//! exactly jose's objects.

use std::sync::Arc;

use napi::bindgen_prelude::{AsyncTask, Either};
use napi::Env;
use napi_derive::napi;
use serde_json::Value;

use super::args::js_text;
use super::boundary::guard;
use super::error::{parse_object, Fail};
use super::job::{self, twins, Job, OffThread};
use super::jws::{refuse_encryption_keys, SignJob};
use super::key::KeyHandle;
use super::key_args::{KeyArg, KeyMode, KeySource, KeysArg};
use crate::error::Result;
use crate::jwk::key::Key;
use crate::jws::{self, JwsKey};
use crate::jwt::{self, DecodedJwt, VerifyOptions};
use crate::sys::napi_text::{OutText, Text};

/// A token's parts as `JWT.decode` gives them, header and payload as JSON
/// text.
#[napi(object)]
pub struct JwtParts {
    pub header: String,
    pub payload: String,
    pub signature: String,
}

impl From<&DecodedJwt> for JwtParts {
    fn from(d: &DecodedJwt) -> JwtParts {
        JwtParts {
            header: d.header.json.clone(),
            payload: d.payload_json.clone(),
            signature: d.signature().to_owned(),
        }
    }
}

#[napi(catch_unwind)]
pub fn jwt_decode(env: Env, token: String) -> napi::Result<JwtParts> {
    guard(&env, "jwtDecode", || {
        jwt::decode(&token)
            .map(|d| JwtParts::from(&d))
            .map_err(Fail::from)
    })
}

/// Checks `JWT.sign` options (their JSON view) and returns, as JSON text,
/// the claims they set over the payload.
#[napi(catch_unwind)]
pub fn jwt_sign_claims(env: Env, options: String, payload_is_object: bool) -> napi::Result<String> {
    guard(&env, "jwtSignClaims", || {
        jwt::sign_options(&options)
            .and_then(|o| o.claims(payload_is_object))
            .map(|claims| {
                let claims: serde_json::Map<String, Value> = claims
                    .into_iter()
                    .map(|(name, value)| (name.to_owned(), value))
                    .collect();
                js_text(&claims)
            })
            .map_err(Fail::from)
    })
}

// `JWT.sign` in one call, for the facade's common case: a plain-object
// payload (its `JSON.stringify` text) holding none of the claims the
// options set, a key with material, and the protected header the facade
// composed, or none when the caller gave no `header` option: then it is
// `alg` from the checked options and, with `include_kid`, the key's
// `kid`. Options are checked here in jose's order before anything is
// signed.
twins! {
    jwt_sign("jwtSign") / jwt_sign_async("jwtSignAsync")
    (
        options: Text,
        payload: Text,
        key: &KeyHandle,
        protected: Option<String>,
        include_kid: bool,
    ) -> OutText as "Promise<OutText>", JwtSignJob = sign_job(&options.0, payload.0, key, protected, include_kid)
}

fn sign_job(
    options: &str,
    payload: String,
    key: &Arc<Key>,
    protected: Option<String>,
    include_kid: bool,
) -> Result<JwtSignJob> {
    let options = jwt::sign_options(options)?;
    let claims = options.claims_set_text(payload)?;
    let kid = include_kid.then(|| key.kid().to_owned());
    let key = JwsKey::Key(Arc::clone(key));
    Ok(match protected {
        Some(header) => JwtSignJob::General(SignJob::compact(
            claims.into_bytes(),
            key,
            parse_object(&header)?,
        )),
        None => JwtSignJob::OwnHeader {
            claims,
            key,
            alg: options.algorithm.clone(),
            kid,
        },
    })
}

/// One `jwtSign` call's signing: with the caller's `header` option, the
/// general JWS path; without, the JWT's own header of `alg` and `kid`,
/// written straight into the compact string.
pub enum JwtSignJob {
    General(SignJob),
    OwnHeader {
        claims: String,
        key: JwsKey,
        alg: Option<String>,
        kid: Option<String>,
    },
}

impl Job for JwtSignJob {
    type Output = String;
    type JsValue = OutText;

    fn run(&self) -> Result<String> {
        match self {
            JwtSignJob::General(job) => Ok(job.signed()?.to_compact()),
            JwtSignJob::OwnHeader {
                claims,
                key,
                alg,
                kid,
            } => {
                refuse_encryption_keys([key].into_iter())?;
                let default_alg = match alg {
                    Some(_) => None,
                    None => key.default_sign_alg(),
                };
                jws::compact_with_alg_and_kid(
                    claims.as_bytes(),
                    key,
                    alg.as_deref(),
                    kid.as_deref(),
                    default_alg,
                )
            }
        }
    }

    fn finish(&self, output: String) -> OutText {
        OutText(output)
    }
}

// `JWT.verify` in one call, for the facade's common case (a string token,
// keys that need no JavaScript, no JARM decryption first): options, token,
// signature and claims, in jose's order. The result is the payload's JSON
// text, or with `complete` every part.
twins! {
    jwt_verify("jwtVerify") / jwt_verify_async("jwtVerifyAsync")
    (
        options: String,
        token: String,
        mode: KeyMode,
        keys: KeysArg<'_>,
        legacy_p256k: bool,
        complete: bool,
    ) -> VerifiedToken as "Promise<VerifiedToken>", JwtVerifyJob = verify_job(&options, token, || KeySource::from_arg(mode, &keys, legacy_p256k), complete)
}

/// [`jwt_verify`] with one key, the commonest call.
#[napi(catch_unwind)]
pub fn jwt_verify_key(
    env: Env,
    options: Text,
    token: Text,
    key: &KeyHandle,
    legacy_p256k: bool,
    complete: bool,
) -> napi::Result<VerifiedToken> {
    guard(&env, "jwtVerifyKey", || {
        job::now(verify_job(
            &options.0,
            token.0,
            || Ok(KeySource::one(Arc::clone(key), legacy_p256k)),
            complete,
        ))
    })
}

/// Options, then the token, then the keys, as jose checks them.
fn verify_job(
    options: &str,
    token: String,
    keys: impl FnOnce() -> Result<KeySource>,
    complete: bool,
) -> Result<JwtVerifyJob> {
    let options = jwt::verify_options(options)?;
    let decoded = jwt::decode_owned(token)?;
    Ok(JwtVerifyJob {
        prepared: Arc::new(Prepared { options, decoded }),
        keys: keys()?,
        complete,
    })
}

/// Checked verify options, ready for tokens.
#[napi]
pub struct JwtVerifyOptions {
    options: Arc<VerifyOptions>,
}

#[napi(catch_unwind)]
pub fn jwt_verify_options(env: Env, options: String) -> napi::Result<JwtVerifyOptions> {
    guard(&env, "jwtVerifyOptions", || {
        Ok(JwtVerifyOptions {
            options: jwt::verify_options(&options)?,
        })
    })
}

#[napi]
impl JwtVerifyOptions {
    /// Decodes `token` for verification with these options.
    #[napi(catch_unwind)]
    pub fn prepare(&self, env: Env, token: String) -> napi::Result<JwtVerification> {
        guard(&env, "JwtVerifyOptions.prepare", || {
            let decoded = jwt::decode(&token)?;
            Ok(JwtVerification {
                prepared: Arc::new(Prepared {
                    options: Arc::clone(&self.options),
                    decoded,
                }),
            })
        })
    }
}

/// A decoded token and its options, waiting for keys.
pub(super) struct Prepared {
    pub(super) options: Arc<VerifyOptions>,
    pub(super) decoded: DecodedJwt,
}

#[napi]
pub struct JwtVerification {
    pub(super) prepared: Arc<Prepared>,
}

/// A verified token: its parts and, for a KeyStore, the index of the key
/// that verified.
#[napi(object)]
pub struct JwtVerified {
    pub parts: JwtParts,
    pub key_index: Option<u32>,
}

/// The payload's JSON text alone, or with `complete` every part.
#[napi]
pub type VerifiedToken = Either<OutText, JwtVerified>;

/// The signature and claim checks of one prepared token with its keys.
pub struct JwtVerifyJob {
    prepared: Arc<Prepared>,
    keys: KeySource,
    /// Whether JavaScript wants more than the payload back.
    complete: bool,
}

impl Job for JwtVerifyJob {
    type Output = Option<u32>;
    type JsValue = VerifiedToken;

    fn run(&self) -> Result<Option<u32>> {
        let Prepared { decoded, options } = &*self.prepared;
        let key = jwt::verify_signature(decoded, options, |header, alg| {
            self.keys.candidates(header, alg)
        })?;
        jwt::validate_claims(decoded, options)?;
        Ok(key.index)
    }

    fn finish(&self, key_index: Option<u32>) -> VerifiedToken {
        verified_token(&self.prepared.decoded, self.complete, key_index)
    }
}

/// A verified token for the facade: the payload's JSON text, or with
/// `complete` every part and the store index of the key that verified.
pub(super) fn verified_token(
    decoded: &DecodedJwt,
    complete: bool,
    key_index: Option<u32>,
) -> VerifiedToken {
    if !complete {
        return Either::A(OutText(decoded.payload_json.clone()));
    }
    Either::B(JwtVerified {
        parts: JwtParts::from(decoded),
        key_index,
    })
}

#[napi]
impl JwtVerification {
    /// `mode` and `keys` as `lib/keys.js`'s `verificationKeys` gives them.
    #[napi(catch_unwind)]
    pub fn run(
        &self,
        env: Env,
        mode: KeyMode,
        keys: Vec<KeyArg<'_>>,
        legacy_p256k: bool,
    ) -> napi::Result<VerifiedToken> {
        guard(&env, "JwtVerification.run", || {
            job::now(self.job(mode, &keys, legacy_p256k))
        })
    }

    #[napi(catch_unwind, ts_return_type = "Promise<VerifiedToken>")]
    pub fn run_async(
        &self,
        env: Env,
        mode: KeyMode,
        keys: Vec<KeyArg<'_>>,
        legacy_p256k: bool,
    ) -> napi::Result<AsyncTask<OffThread<JwtVerifyJob>>> {
        guard(&env, "JwtVerification.runAsync", || {
            job::off_thread(self.job(mode, &keys, legacy_p256k))
        })
    }
}

impl JwtVerification {
    fn job(&self, mode: KeyMode, keys: &[KeyArg<'_>], legacy_p256k: bool) -> Result<JwtVerifyJob> {
        Ok(JwtVerifyJob {
            prepared: Arc::clone(&self.prepared),
            keys: KeySource::new(mode, keys, legacy_p256k)?,
            complete: true,
        })
    }
}
