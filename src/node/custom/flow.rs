//! `KeyFlow`: one operation with keys whose code is JavaScript's, driven
//! by the facade one question at a time (see `oracle.rs`). The facade
//! calls `step()` (or `stepAsync()`, which runs on the libuv pool), asks
//! the key or store the returned request names, hands the answer back with
//! `answerKeys` / `answerVerdict` / `answerBytes`, and steps again until
//! `step()` returns null; the result is then read once, in the shape the
//! one-call export of the same operation returns.

use std::sync::{Arc, Mutex, MutexGuard};

use napi::bindgen_prelude::{AsyncTask, Buffer, Either};
use napi::Env;
use napi_derive::napi;
use zeroize::Zeroizing;

use super::keys::{jws_query, Custom, CustomKeyInfo, FlowKey, Try};
use super::keys::{Answer, Oracle};
use crate::error::{Error, Result};
use crate::jwe::{self, JweInput};
use crate::jws::{self, Header, Recipient, Serialization, SigningKey};
use crate::jwt;
use crate::node::args::{bytes, header, serialized};
use crate::node::boundary::guard;
use crate::node::error::Fail;
use crate::node::job::{self, Job, OffThread};
use crate::node::jwe::{decrypt_output, JweDecrypted};
use crate::node::jws::{
    jws_input, sign_result, to_js, verify_output, SignResult, VerifyOutput, VerifyResult,
};
use crate::node::jwt::{verified_token, JwtVerification, Prepared, VerifiedToken};
use crate::node::key_args::KeyArg;
use crate::node::options::{JweDecryptOptions, JweDecryptSettings, JwsVerifySettings};
use crate::replay::{out_of_step, KeyMethod, Want};

/// The operation a flow runs.
enum Work {
    Sign {
        payload: Vec<u8>,
        recipients: Vec<(FlowKey, Option<Header>, Option<Header>)>,
        serialization: Serialization,
    },
    JwsVerify {
        input: String,
        json: Option<serde_json::Value>,
        payload: Option<Vec<u8>>,
        settings: Arc<crate::node::options::JwsVerifyOptions>,
        key: FlowKey,
    },
    JwtVerify {
        prepared: Arc<Prepared>,
        key: FlowKey,
    },
    JweDecrypt {
        input: String,
        json: Option<serde_json::Value>,
        settings: Arc<JweDecryptOptions>,
        max_inflated_size: usize,
        key: FlowKey,
    },
}

/// A finished flow's result.
enum Finished {
    Sign(SignResult),
    JwsVerify(VerifyOutput),
    JwtVerify(u32),
    JweDecrypt(JweDecrypted),
}

impl Work {
    /// The key operation keys of this flow are asked for.
    fn method(&self) -> KeyMethod {
        match self {
            Work::Sign { .. } => KeyMethod::Sign,
            Work::JwsVerify { .. } | Work::JwtVerify { .. } => KeyMethod::Verify,
            Work::JweDecrypt { .. } => KeyMethod::UnwrapKey,
        }
    }

    /// One run over the log: the core's operation with this flow's keys.
    fn run(&self, oracle: &Oracle<'_>) -> Result<Finished> {
        match self {
            Work::Sign {
                payload,
                recipients,
                serialization,
            } => {
                let keys: Vec<Try<'_, '_>> = recipients
                    .iter()
                    .map(|(key, _, _)| Try::new(key.clone(), oracle))
                    .collect();
                let list: Vec<Recipient<'_>> = recipients
                    .iter()
                    .zip(&keys)
                    .map(|((key, protected, header), signer)| Recipient {
                        key: signer as &dyn SigningKey,
                        protected: protected.clone(),
                        header: header.clone(),
                        default_alg: key.default_sign_alg(),
                    })
                    .collect();
                jws::validate(&list, *serialization)?;
                if recipients.iter().any(|(key, _, _)| key.is_encryption_key()) {
                    return Err(Error::type_error(
                        "a key with \"use\":\"enc\" is not usable for signing",
                    ));
                }
                let signed = jws::sign(payload, list, *serialization)?;
                Ok(Finished::Sign(sign_result(&signed)))
            }
            Work::JwsVerify {
                input,
                json,
                payload,
                settings,
                key,
            } => {
                let input = jws_input(input, json.as_ref(), payload.as_deref());
                let lists = settings.lists();
                let candidates = |header: &Header, _: Option<&str>| {
                    let (kid, alg) = jws_query(header);
                    key.candidates(oracle, kid, alg, "verify")
                };
                let verified = jws::verify_in_parts(input, &lists.jws(), candidates, oracle)?;
                let index = verified.key.index();
                Ok(Finished::JwsVerify(verify_output(
                    verified,
                    settings.complete,
                    Some(index),
                )))
            }
            Work::JwtVerify { prepared, key } => {
                let Prepared { decoded, options } = &**prepared;
                let verified = jwt::verify_signature(decoded, options, |header, _| {
                    let (kid, alg) = jws_query(header);
                    key.candidates(oracle, kid, alg, "verify")
                })?;
                jwt::validate_claims(decoded, options)?;
                Ok(Finished::JwtVerify(verified.index()))
            }
            Work::JweDecrypt {
                input,
                json,
                settings,
                max_inflated_size,
                key,
            } => {
                let input = match json {
                    Some(value) => JweInput::Json(value),
                    None => JweInput::Compact(input),
                };
                let lists = settings.lists();
                let options = settings.core(&lists, *max_inflated_size);
                let candidates =
                    |q: &jwe::KeyQuery<'_>| key.candidates(oracle, q.kid, Some(q.alg), q.key_op);
                let out = jwe::decrypt_in_parts(input, &options, candidates, oracle)?;
                let index = out.key.index();
                Ok(Finished::JweDecrypt(decrypt_output(out, Some(index))))
            }
        }
    }
}

/// The log and where the flow stands.
#[derive(Default)]
struct State {
    log: Vec<Answer>,
    /// The parts (signatures, recipients) decided so far.
    parts: crate::replay::Parts,
    /// The flow's keys so far: the key argument (or every signer's key),
    /// then those stores offered.
    keys: u32,
    /// The question the facade has to answer before the next step.
    asked: Option<KeyMethod>,
    outcome: Option<Finished>,
}

struct FlowCore {
    work: Work,
    state: Mutex<State>,
}

impl FlowCore {
    fn state(&self) -> Result<MutexGuard<'_, State>> {
        self.state.lock().map_err(|_| out_of_step())
    }

    /// One run: the next question, or `None` once the flow is done.
    fn step(&self) -> Result<Option<Want>> {
        let mut state = self.state()?;
        if state.asked.is_some() {
            return Err(Error::type_error(
                "the key flow's last request has no answer",
            ));
        }
        if state.outcome.is_some() {
            return Ok(None);
        }
        let State { log, parts, .. } = &mut *state;
        let oracle = Oracle::new(log, parts);
        let result = self.work.run(&oracle);
        if let Some(want) = oracle.into_want() {
            state.asked = Some(want.method);
            return Ok(Some(want));
        }
        state.outcome = Some(result?);
        Ok(None)
    }

    /// Logs the facade's answer to the question asked.
    fn answer(
        &self,
        method: KeyMethod,
        answer: impl FnOnce(&mut State) -> Result<Answer>,
    ) -> Result<()> {
        let mut state = self.state()?;
        if state.asked != Some(method) {
            return Err(out_of_step());
        }
        let answer = answer(&mut state)?;
        state.log.push(answer);
        state.asked = None;
        Ok(())
    }

    fn outcome(&self) -> Result<Finished> {
        self.state()?.outcome.take().ok_or_else(out_of_step)
    }
}

/// A request for the facade: `key` is the index of the key (or store) to
/// ask in its list of this flow's keys.
#[napi(object)]
pub struct KeyRequest {
    pub key: u32,
    pub method: KeyMethod,
    pub alg: Option<String>,
    /// The signing input, or the Encrypted Key to unwrap.
    pub data: Option<Buffer>,
    pub signature: Option<Buffer>,
    /// A store's query as JSON text: `kid` and `alg` (absent when the
    /// header has none) and `key_ops`.
    pub query: Option<String>,
}

impl From<Want> for KeyRequest {
    fn from(want: Want) -> KeyRequest {
        KeyRequest {
            key: want.key,
            method: want.method,
            alg: want.alg,
            data: want.data.map(Buffer::from),
            signature: want.signature.map(Buffer::from),
            query: want.query,
        }
    }
}

/// One step, now or on the libuv pool.
pub struct StepJob(Arc<FlowCore>);

impl Job for StepJob {
    type Output = Option<Want>;
    type JsValue = Option<KeyRequest>;

    fn run(&self) -> Result<Option<Want>> {
        self.0.step()
    }

    fn finish(&self, want: Option<Want>) -> Option<KeyRequest> {
        want.map(KeyRequest::from)
    }
}

#[napi]
pub struct KeyFlow {
    core: Arc<FlowCore>,
}

impl KeyFlow {
    fn new(work: Work, keys: u32) -> KeyFlow {
        KeyFlow {
            core: Arc::new(FlowCore {
                work,
                state: Mutex::new(State {
                    keys,
                    ..State::default()
                }),
            }),
        }
    }

    /// The key argument of a verification or decryption: a custom key, or
    /// (without a description) a store whose `all()` is asked.
    fn first_key(custom: Option<CustomKeyInfo>, method: KeyMethod) -> FlowKey {
        match custom {
            Some(info) => FlowKey::Custom(0, Custom::new(info, method)),
            None => FlowKey::Store(0),
        }
    }
}

#[napi]
impl KeyFlow {
    /// Runs the flow to its next request (`null` once it is done).
    #[napi(catch_unwind)]
    pub fn step(&self, env: Env) -> napi::Result<Option<KeyRequest>> {
        guard(&env, "KeyFlow.step", || {
            job::now(Ok(StepJob(Arc::clone(&self.core))))
        })
    }

    #[napi(catch_unwind, ts_return_type = "Promise<KeyRequest | null>")]
    pub fn step_async(&self, env: Env) -> napi::Result<AsyncTask<OffThread<StepJob>>> {
        guard(&env, "KeyFlow.stepAsync", || {
            job::off_thread(Ok(StepJob(Arc::clone(&self.core))))
        })
    }

    /// A store's `all()` answer: each key as the operation takes a native
    /// key argument, with a description in `custom` for a custom key. They
    /// join the flow's keys in this order.
    #[napi(catch_unwind)]
    pub fn answer_keys(
        &self,
        env: Env,
        keys: Vec<KeyArg<'_>>,
        custom: Vec<Option<CustomKeyInfo>>,
    ) -> napi::Result<()> {
        guard(&env, "KeyFlow.answerKeys", || {
            let work = &self.core.work;
            self.core
                .answer(KeyMethod::All, |state| {
                    let mut custom = custom.into_iter();
                    let mut offered = Vec::with_capacity(keys.len());
                    for native in &keys {
                        offered.push(FlowKey::of(
                            state.keys,
                            native,
                            custom.next().flatten(),
                            work.method(),
                        )?);
                        state.keys += 1;
                    }
                    Ok(Answer::Keys(offered))
                })
                .map_err(Fail::from)
        })
    }

    /// A custom key's `verify()` answer.
    #[napi(catch_unwind)]
    pub fn answer_verdict(&self, env: Env, verdict: bool) -> napi::Result<()> {
        guard(&env, "KeyFlow.answerVerdict", || {
            self.core
                .answer(KeyMethod::Verify, |_| Ok(Answer::Verdict(Ok(verdict))))
                .map_err(Fail::from)
        })
    }

    /// A custom key's `sign()` answer, or its `unwrapKey()` answer (none
    /// when unwrapping failed in any way).
    #[napi(catch_unwind)]
    pub fn answer_bytes(&self, env: Env, bytes: Option<Buffer>) -> napi::Result<()> {
        guard(&env, "KeyFlow.answerBytes", || {
            let method = self.core.work.method();
            let answer = match (method, bytes) {
                (KeyMethod::Sign, Some(signature)) => Answer::Bytes(Ok(signature.to_vec())),
                (KeyMethod::UnwrapKey, cek) => {
                    Answer::Cek(cek.map(|cek| Zeroizing::new(cek.to_vec())))
                }
                _ => return Err(out_of_step().into()),
            };
            self.core.answer(method, |_| Ok(answer)).map_err(Fail::from)
        })
    }

    #[napi(catch_unwind)]
    pub fn sign_result(&self, env: Env) -> napi::Result<SignResult> {
        guard(&env, "KeyFlow.signResult", || {
            match self.core.outcome()? {
                Finished::Sign(out) => Ok(out),
                _ => Err(out_of_step().into()),
            }
        })
    }

    /// The verified JWS, with `keyIndex` naming the key that verified.
    #[napi(catch_unwind)]
    pub fn jws_result(&self, env: Env) -> napi::Result<VerifyResult> {
        guard(&env, "KeyFlow.jwsResult", || {
            let Work::JwsVerify { settings, .. } = &self.core.work else {
                return Err(out_of_step().into());
            };
            match self.core.outcome()? {
                Finished::JwsVerify(out) => Ok(to_js(out, settings.complete)),
                _ => Err(out_of_step().into()),
            }
        })
    }

    /// The verified token: the payload's JSON text, or with `complete`
    /// every part and `keyIndex`.
    #[napi(catch_unwind)]
    pub fn jwt_result(&self, env: Env, complete: bool) -> napi::Result<VerifiedToken> {
        guard(&env, "KeyFlow.jwtResult", || {
            let Work::JwtVerify { prepared, .. } = &self.core.work else {
                return Err(out_of_step().into());
            };
            match self.core.outcome()? {
                Finished::JwtVerify(index) => {
                    Ok(verified_token(&prepared.decoded, complete, Some(index)))
                }
                _ => Err(out_of_step().into()),
            }
        })
    }

    #[napi(catch_unwind)]
    pub fn jwe_result(&self, env: Env) -> napi::Result<JweDecrypted> {
        guard(&env, "KeyFlow.jweResult", || match self.core.outcome()? {
            Finished::JweDecrypt(out) => Ok(out),
            _ => Err(out_of_step().into()),
        })
    }
}

/// Signing with custom keys among the signers: `keys` as `jwsSign` takes
/// them, with a description in `custom` in each custom key's place.
#[napi(catch_unwind)]
pub fn key_flow_sign(
    env: Env,
    payload: Either<String, Buffer>,
    keys: Vec<KeyArg<'_>>,
    custom: Vec<Option<CustomKeyInfo>>,
    protected: Vec<Option<String>>,
    headers: Vec<Option<String>>,
    serialization_name: String,
) -> napi::Result<KeyFlow> {
    guard(&env, "keyFlowSign", || {
        let mut custom = custom.into_iter();
        let mut protected = protected.into_iter();
        let mut headers = headers.into_iter();
        let mut recipients = Vec::with_capacity(keys.len());
        for (index, native) in (0u32..).zip(&keys) {
            let key = FlowKey::of(index, native, custom.next().flatten(), KeyMethod::Sign)?;
            let p = header(protected.next().flatten())?;
            let h = header(headers.next().flatten())?;
            recipients.push((key, p, h));
        }
        let count = u32::try_from(recipients.len()).unwrap_or(u32::MAX);
        let work = Work::Sign {
            payload: bytes(payload),
            recipients,
            serialization: Serialization::parse(&serialization_name)?,
        };
        Ok(KeyFlow::new(work, count))
    })
}

/// `JWS.verify` with a custom key, or a store whose `all()` is asked
/// (`custom` absent).
#[napi(catch_unwind)]
pub fn key_flow_jws_verify(
    env: Env,
    input: String,
    json: bool,
    settings: &JwsVerifySettings,
    payload: Option<Buffer>,
    custom: Option<CustomKeyInfo>,
) -> napi::Result<KeyFlow> {
    guard(&env, "keyFlowJwsVerify", || {
        let (input, json) = serialized(input, json, jws::parse_json)?;
        let work = Work::JwsVerify {
            input,
            json,
            payload: payload.map(|p| p.to_vec()),
            settings: Arc::clone(&settings.options),
            key: KeyFlow::first_key(custom, KeyMethod::Verify),
        };
        Ok(KeyFlow::new(work, 1))
    })
}

/// `JWE.decrypt` with a custom key, or a store whose `all()` is asked.
#[napi(catch_unwind)]
pub fn key_flow_jwe_decrypt(
    env: Env,
    input: String,
    json: bool,
    settings: &JweDecryptSettings,
    custom: Option<CustomKeyInfo>,
) -> napi::Result<KeyFlow> {
    guard(&env, "keyFlowJweDecrypt", || {
        let settings = Arc::clone(&settings.options);
        let max_inflated_size = settings.inflate_cap()?;
        let (input, json) = serialized(input, json, jwe::parse_json)?;
        let work = Work::JweDecrypt {
            input,
            json,
            settings,
            max_inflated_size,
            key: KeyFlow::first_key(custom, KeyMethod::UnwrapKey),
        };
        Ok(KeyFlow::new(work, 1))
    })
}

#[napi]
impl JwtVerification {
    /// The signature and claim checks of this token with a custom key, or
    /// a store whose `all()` is asked.
    #[napi(catch_unwind)]
    pub fn key_flow(&self, env: Env, custom: Option<CustomKeyInfo>) -> napi::Result<KeyFlow> {
        guard(&env, "JwtVerification.keyFlow", || {
            let work = Work::JwtVerify {
                prepared: Arc::clone(&self.prepared),
                key: KeyFlow::first_key(custom, KeyMethod::Verify),
            };
            Ok(KeyFlow::new(work, 1))
        })
    }
}
