//! The keys of a key flow and how the core's operations use them: a key
//! with material (asked natively, its result logged), a custom key (asked
//! of JavaScript through the log), or a store whose `all()` JavaScript
//! answers. Each plays the core's key traits, so signing, verification
//! and decryption apply their own rules to it.

use std::sync::Arc;

use napi_derive::napi;
use serde_json::{Map, Value};
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::jwa::jwe_algs::KeyAlg;
use crate::jwa::registry::Operation;
use crate::jwa::signing::{SignatureAlgorithm, SignatureLen};
use crate::jwe::{ExternalUnwrap, JweKey, JweOp};
use crate::jwk::key::Key;
use crate::jws::key_policy::check_support;
use crate::jws::{Header, JwsKey, SigningKey, VerificationKey};
use crate::node::key_args::{jws_key, node_key, KeyArg, NodeKey};
use crate::replay::{out_of_step, KeyMethod, Want};

/// A flow's log entries and runs, over its keys.
pub(super) type Answer = crate::replay::Answer<FlowKey>;
pub(super) type Oracle<'l> = crate::replay::Oracle<'l, FlowKey>;

/// What jose's rules need to know about a `JWK.CustomKey` for one
/// operation.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct CustomKeyInfo {
    pub alg: Option<String>,
    pub key_use: Option<String>,
    /// The RSA modulus length in bits, when the key declares it (its
    /// `length`): RS* and PS* signatures must be that long.
    pub length: Option<u32>,
    /// `key.algorithms(op)` for the flow's operation (`sign`, `verify`,
    /// `unwrapKey`; none when the key has no `unwrapKey` method).
    pub algorithms: Vec<String>,
}

/// A custom key as a flow holds it.
#[derive(Debug)]
pub(super) struct Custom {
    info: CustomKeyInfo,
}

impl Custom {
    /// `info` for `method`: a key asked to unwrap keeps only the algorithms
    /// an `unwrapKey` hook can do.
    pub(super) fn new(mut info: CustomKeyInfo, method: KeyMethod) -> Arc<Custom> {
        if method == KeyMethod::UnwrapKey {
            info.algorithms
                .retain(|alg| KeyAlg::from_name(alg).is_some_and(KeyAlg::unwraps_by_decryption));
        }
        Arc::new(Custom { info })
    }

    /// Whether the key does `alg`; `none` belongs to JWK.None alone,
    /// whatever a custom key lists.
    fn allows(&self, alg: &str) -> bool {
        alg != "none" && self.info.algorithms.iter().any(|a| a == alg)
    }

    /// The `alg` to sign with when no header names one: the key's `alg`,
    /// else the first it lists.
    fn default_sign_alg(&self) -> Option<String> {
        let alg = self.info.alg.as_deref().filter(|alg| !alg.is_empty());
        alg.or(self.info.algorithms.first().map(String::as_str))
            .map(str::to_owned)
    }

    fn is_encryption_key(&self) -> bool {
        self.info.key_use.as_deref() == Some("enc")
    }

    fn modulus_bytes(&self) -> Option<usize> {
        let bits = self.info.length?;
        usize::try_from(bits.div_ceil(8)).ok()
    }
}

/// A key of a flow, with its index in the facade's list of the flow's keys
/// (the key argument first, then every key a store offered).
#[derive(Debug, Clone)]
pub(super) enum FlowKey {
    /// A key with material (or a key without, which can do nothing), for
    /// JWS.
    Jws(u32, JwsKey),
    /// The same, for JWE.
    Jwe(u32, NodeKey),
    Custom(u32, Arc<Custom>),
    /// A KeyStore whose `all()` is asked.
    Store(u32),
}

impl FlowKey {
    /// A key the facade handed over for a flow whose keys do `method`: a
    /// custom key's description, or a native key argument as the
    /// operation takes it.
    pub(super) fn of(
        index: u32,
        native: &KeyArg<'_>,
        custom: Option<CustomKeyInfo>,
        method: KeyMethod,
    ) -> Result<FlowKey> {
        Ok(match (custom, method) {
            (Some(info), method) => FlowKey::Custom(index, Custom::new(info, method)),
            (None, KeyMethod::UnwrapKey) => FlowKey::Jwe(index, node_key(native)?),
            (None, _) => FlowKey::Jws(index, jws_key(native)?),
        })
    }

    /// The `alg` a signer uses when no header names one.
    pub(super) fn default_sign_alg(&self) -> Option<String> {
        match self {
            FlowKey::Jws(_, key) => key.default_sign_alg(),
            FlowKey::Custom(_, custom) => custom.default_sign_alg(),
            FlowKey::Jwe(..) | FlowKey::Store(_) => None,
        }
    }

    /// `use: "enc"`, which jose refuses for signing.
    pub(super) fn is_encryption_key(&self) -> bool {
        match self {
            FlowKey::Jws(_, key) => key.is_encryption_key(),
            FlowKey::Custom(_, custom) => custom.is_encryption_key(),
            FlowKey::Jwe(..) | FlowKey::Store(_) => false,
        }
    }

    pub(super) fn index(&self) -> u32 {
        match self {
            FlowKey::Jws(index, _)
            | FlowKey::Jwe(index, _)
            | FlowKey::Custom(index, _)
            | FlowKey::Store(index) => *index,
        }
    }

    /// The keys to try for `header`: the store's answer to jose's query
    /// (`kid` and the algorithm as the header has them, and `key_op`), or
    /// the key itself.
    pub(super) fn candidates<'o, 'l>(
        &self,
        oracle: &'o Oracle<'l>,
        kid: Option<&Value>,
        alg: Option<&Value>,
        key_op: &str,
    ) -> Result<Vec<Try<'o, 'l>>> {
        let FlowKey::Store(index) = self else {
            return Ok(vec![Try {
                key: self.clone(),
                oracle,
            }]);
        };
        let answer = oracle.ask(|| Want {
            key: *index,
            method: KeyMethod::All,
            alg: None,
            data: None,
            signature: None,
            query: Some(query(kid, alg, key_op)),
        })?;
        let Answer::Keys(keys) = answer else {
            return Err(out_of_step());
        };
        Ok(keys.into_iter().map(|key| Try { key, oracle }).collect())
    }
}

/// jose's KeyStore query as JSON text.
fn query(kid: Option<&Value>, alg: Option<&Value>, key_op: &str) -> String {
    let mut query = Map::new();
    let present = |v: Option<&Value>| v.filter(|v| !v.is_null()).cloned();
    if let Some(kid) = present(kid) {
        query.insert("kid".into(), kid);
    }
    if let Some(alg) = present(alg) {
        query.insert("alg".into(), alg);
    }
    query.insert("key_ops".into(), Value::from(vec![key_op]));
    crate::node::args::js_text(&query)
}

/// The members a JWS key query reads from a JOSE Header.
pub(super) fn jws_query(header: &Header) -> (Option<&Value>, Option<&Value>) {
    (header.get("kid"), header.get("alg"))
}

/// A key tried within one run of a flow.
pub(super) struct Try<'o, 'l> {
    pub(super) key: FlowKey,
    oracle: &'o Oracle<'l>,
}

impl<'o, 'l> Try<'o, 'l> {
    pub(super) fn new(key: FlowKey, oracle: &'o Oracle<'l>) -> Try<'o, 'l> {
        Try { key, oracle }
    }

    pub(super) fn index(&self) -> u32 {
        self.key.index()
    }
}

impl SigningKey for Try<'_, '_> {
    fn sign(&self, alg: &str, data: &[u8]) -> Result<Vec<u8>> {
        let answer = match &self.key {
            FlowKey::Jws(_, key) => self.oracle.native(|| Answer::Bytes(key.sign(alg, data)))?,
            FlowKey::Custom(index, custom) => {
                check_support(Operation::Sign, alg, || Ok(custom.allows(alg)))?;
                let answer = self
                    .oracle
                    .ask(|| Want::op(*index, KeyMethod::Sign, alg, data))?;
                if let Answer::Bytes(Ok(signature)) = &answer {
                    check_length(alg, signature.len(), custom.modulus_bytes())?;
                }
                answer
            }
            FlowKey::Jwe(..) | FlowKey::Store(_) => return Err(out_of_step()),
        };
        match answer {
            Answer::Bytes(signature) => signature,
            _ => Err(out_of_step()),
        }
    }
}

impl VerificationKey for Try<'_, '_> {
    fn verify(&self, alg: &str, data: &[u8], signature: &[u8]) -> Result<bool> {
        let answer = match &self.key {
            FlowKey::Jws(_, key) => self
                .oracle
                .native(|| Answer::Verdict(key.verify(alg, data, signature)))?,
            FlowKey::Custom(index, custom) => {
                check_support(Operation::Verify, alg, || Ok(custom.allows(alg)))?;
                self.oracle.ask(|| Want {
                    signature: Some(signature.to_vec()),
                    ..Want::op(*index, KeyMethod::Verify, alg, data)
                })?
            }
            FlowKey::Jwe(..) | FlowKey::Store(_) => return Err(out_of_step()),
        };
        match answer {
            Answer::Verdict(verdict) => verdict,
            _ => Err(out_of_step()),
        }
    }
}

impl JweKey for Try<'_, '_> {
    fn key(&self) -> Option<&Key> {
        match &self.key {
            FlowKey::Jwe(_, key) => key.key(),
            _ => None,
        }
    }

    fn declared_alg(&self) -> Option<&str> {
        match &self.key {
            FlowKey::Jwe(_, key) => key.declared_alg(),
            FlowKey::Custom(_, custom) => custom.info.alg.as_deref(),
            _ => None,
        }
    }

    fn declared_use(&self) -> Option<&str> {
        match &self.key {
            FlowKey::Jwe(_, key) => key.declared_use(),
            FlowKey::Custom(_, custom) => custom.info.key_use.as_deref(),
            _ => None,
        }
    }

    fn external_algorithms(&self, op: JweOp) -> Option<&[String]> {
        let FlowKey::Custom(_, custom) = &self.key else {
            return None;
        };
        Some(match op {
            JweOp::KeyDecrypt => &custom.info.algorithms,
            _ => &[],
        })
    }

    fn external_unwrap(&self) -> Option<&dyn ExternalUnwrap> {
        matches!(self.key, FlowKey::Custom(..)).then_some(self as &dyn ExternalUnwrap)
    }
}

impl ExternalUnwrap for Try<'_, '_> {
    fn unwrap(
        &self,
        alg: &'static str,
        encrypted_key: &[u8],
    ) -> Result<Option<Zeroizing<Vec<u8>>>> {
        let index = self.key.index();
        match self
            .oracle
            .ask(|| Want::op(index, KeyMethod::UnwrapKey, alg, encrypted_key))?
        {
            Answer::Cek(cek) => Ok(cek),
            _ => Err(out_of_step()),
        }
    }
}

/// A custom key's signature must have the length its algorithm gives
/// (never empty): a KMS answering with nothing, or with a DER-encoded
/// ECDSA signature, must not produce a token.
fn check_length(name: &str, len: usize, modulus_bytes: Option<usize>) -> Result<()> {
    let alg = SignatureAlgorithm::from_name(name)
        .ok_or_else(|| Error::type_error("invalid signature request"))?;
    let expected = alg.signature_len();
    if expected.fits(len, modulus_bytes) {
        return Ok(());
    }
    Err(Error::type_error(match (expected, modulus_bytes) {
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
