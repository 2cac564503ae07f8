//! Running an operation whose keys answer from elsewhere, one answer at a
//! time.
//!
//! A key flow is one of the core's ordinary operations (`jws::sign`,
//! `jws::verify`, `jwt::verify_signature`, `jwe::decrypt`) run with keys
//! whose operations are asked of someone this crate cannot wait for (the
//! Node layer's JavaScript, whose answer may be a Promise). The operation
//! is replayed: each run reads the answers given so far from the log, in
//! the order it asks for them, and stops at the first question the log
//! cannot answer; the caller answers it and the next run goes one question
//! further. The core's operations are deterministic given their answers,
//! so every run asks the same questions in the same order, and every rule
//! (key choice, error collection across keys, signatures and recipients)
//! stays the operation's own. A native key's operation is logged too, so
//! a replay never repeats its crypto.

use std::cell::{Cell, RefCell};

use zeroize::Zeroizing;

use crate::error::{Error, Kind, Result};

/// What a key flow asks: a key operation, or a store's `all()`. A string
/// enum at the Node boundary.
#[cfg_attr(feature = "node", napi_derive::napi(string_enum = "camelCase"))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyMethod {
    All,
    Sign,
    Verify,
    UnwrapKey,
}

/// One question: `key` is the flow's index of the key (or store) to ask.
#[derive(Debug, Clone)]
pub struct Want {
    pub key: u32,
    pub method: KeyMethod,
    /// The algorithm for a key operation.
    pub alg: Option<String>,
    /// The signing input (`sign`, `verify`) or the Encrypted Key.
    pub data: Option<Vec<u8>>,
    pub signature: Option<Vec<u8>>,
    /// For `all()`: its query as JSON text (`kid` and `alg` as the header
    /// has them, absent when it has none, and `key_ops`).
    pub query: Option<String>,
}

impl Want {
    pub fn op(key: u32, method: KeyMethod, alg: &str, data: &[u8]) -> Want {
        Want {
            key,
            method,
            alg: Some(alg.to_owned()),
            data: Some(data.to_vec()),
            signature: None,
            query: None,
        }
    }
}

/// An answer in the log: the caller's, or a native key's own result. `K`
/// is the flow's key type.
#[derive(Clone)]
pub enum Answer<K> {
    /// The keys a store offered, in its order.
    Keys(Vec<K>),
    /// `verify`'s verdict.
    Verdict(Result<bool>),
    /// A signature.
    Bytes(Result<Vec<u8>>),
    /// An unwrapped CEK; `None` when unwrapping failed in any way.
    Cek(Option<Zeroizing<Vec<u8>>>),
}

/// An operation made of independent parts (the signatures of a general
/// JWS, the recipients of a general JWE), tried in order until one
/// succeeds, tells its caller which parts are decided, so that a replay
/// resumes after them instead of running them again: otherwise each answer
/// would replay every part before it, and a JWS of N signatures would cost
/// N² signature checks.
pub trait PartMemo {
    /// Whether earlier runs decided parts: the operation's whole input
    /// passed its checks then, and need not be walked again.
    fn resuming(&self) -> bool {
        false
    }
    /// The errors of the parts decided in earlier runs, in order (moved
    /// out); the operation resumes with the next part.
    fn resume(&self) -> Vec<Error> {
        Vec::new()
    }
    /// The part just tried failed for good: the parts so far are decided.
    fn decided(&self) {}
    /// The run stops here: the decided parts' errors, for the next run.
    fn keep(&self, _errors: Vec<Error>) {}
    /// What an earlier run worked out for every part at once (a general
    /// JWE's PBES2 budgets, each part's share of the cap), so a resumed
    /// run need not walk the parts before the one it resumes at.
    fn budgets(&self) -> Option<Vec<f64>> {
        None
    }
    /// Remembers [`PartMemo::budgets`] for the runs that follow.
    fn keep_budgets(&self, _budgets: &[f64]) {}
}

/// jose's walk over the parts of a general JWS or JWE: each in turn (after
/// those `memo` has decided) until one succeeds; when all fail, one error
/// for them all (`Error::all_failed` with `failed`). `attempt`'s outer
/// error ends the walk as it is (a malformed entry); so does an internal
/// one (a bug, or a key flow's pause), which `memo` remembers the decided
/// parts across. With `single`, a lone part reports its own error.
pub fn try_parts<P, T>(
    parts: impl Iterator<Item = P>,
    memo: &dyn PartMemo,
    failed: fn() -> Error,
    single: bool,
    mut attempt: impl FnMut(P) -> Result<Result<T>>,
) -> Result<T> {
    let mut errors = memo.resume();
    for part in parts.skip(errors.len()) {
        match attempt(part)? {
            Ok(done) => return Ok(done),
            Err(e) if single => return Err(e),
            Err(e) if e.kind == Kind::Internal => {
                memo.keep(errors);
                return Err(e);
            }
            Err(e) => {
                errors.push(e);
                memo.decided();
            }
        }
    }
    Err(Error::all_failed(errors, failed, true))
}

/// No memo: every part runs (an operation run once).
pub struct NoMemo;

impl PartMemo for NoMemo {}

/// What a flow knows of its parts across runs: the decided parts' errors,
/// how many log entries their runs took, and the parts' budgets.
#[derive(Default)]
pub struct Parts {
    errors: Vec<Error>,
    taken: usize,
    budgets: Option<Vec<f64>>,
}

/// One run over the log.
pub struct Oracle<'l, K> {
    log: RefCell<&'l mut Vec<Answer<K>>>,
    cursor: Cell<usize>,
    want: RefCell<Option<Want>>,
    parts: RefCell<&'l mut Parts>,
}

/// The error a run stops with at an unanswered question: `Kind::Internal`,
/// which ends the operation at once (no part or key collects it). The
/// run's result is then set aside, so nothing sees it.
fn paused() -> Error {
    Error::new(Kind::Internal, "the key flow paused for an answer")
}

/// An answer of another kind than the question's: a bug in the driver.
pub fn out_of_step() -> Error {
    Error::new(Kind::Internal, "the key flow was answered out of step")
}

impl<K: Clone> PartMemo for Oracle<'_, K> {
    fn resuming(&self) -> bool {
        !self.parts.borrow().errors.is_empty()
    }

    fn resume(&self) -> Vec<Error> {
        let mut parts = self.parts.borrow_mut();
        self.cursor.set(parts.taken);
        std::mem::take(&mut parts.errors)
    }

    fn decided(&self) {
        if !self.stopped() {
            self.parts.borrow_mut().taken = self.cursor.get();
        }
    }

    fn keep(&self, errors: Vec<Error>) {
        self.parts.borrow_mut().errors = errors;
    }

    fn budgets(&self) -> Option<Vec<f64>> {
        self.parts.borrow().budgets.clone()
    }

    fn keep_budgets(&self, budgets: &[f64]) {
        self.parts.borrow_mut().budgets = Some(budgets.to_vec());
    }
}

impl<'l, K: Clone> Oracle<'l, K> {
    pub fn new(log: &'l mut Vec<Answer<K>>, parts: &'l mut Parts) -> Oracle<'l, K> {
        Oracle {
            log: RefCell::new(log),
            cursor: Cell::new(0),
            want: RefCell::new(None),
            parts: RefCell::new(parts),
        }
    }

    /// The question this run stopped at, if it stopped.
    pub fn into_want(self) -> Option<Want> {
        self.want.into_inner()
    }

    /// Whether the run has stopped: a key without JavaScript then does no
    /// work (its result would be set aside).
    fn stopped(&self) -> bool {
        self.want.borrow().is_some()
    }

    /// The next logged answer, if the log has it.
    fn replay(&self) -> Option<Answer<K>> {
        let at = self.cursor.get();
        let answer = self.log.borrow().get(at).cloned()?;
        self.cursor.set(at + 1);
        Some(answer)
    }

    /// JavaScript's answer to `want`, from the log, or the run stops here.
    pub fn ask(&self, want: impl FnOnce() -> Want) -> Result<Answer<K>> {
        if let Some(answer) = self.replay() {
            return Ok(answer);
        }
        if !self.stopped() {
            *self.want.borrow_mut() = Some(want());
        }
        Err(paused())
    }

    /// A native key's operation: done once, then read from the log.
    pub fn native(&self, op: impl FnOnce() -> Answer<K>) -> Result<Answer<K>> {
        if let Some(answer) = self.replay() {
            return Ok(answer);
        }
        if self.stopped() {
            return Err(paused());
        }
        let answer = op();
        self.log.borrow_mut().push(answer.clone());
        self.cursor.set(self.cursor.get() + 1);
        Ok(answer)
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    /// A flow's shape: a question for JavaScript, a native operation, a
    /// second question. Returns the verdicts it read.
    fn run(oracle: &Oracle<'_, ()>, native_runs: &Cell<u32>) -> Result<(bool, bool, bool)> {
        let verdict = |answer: Answer<()>| match answer {
            Answer::Verdict(v) => v,
            _ => Err(out_of_step()),
        };
        let ask = |key| {
            oracle
                .ask(|| Want::op(key, KeyMethod::Verify, "HS256", b"input"))
                .and_then(verdict)
        };
        let first = ask(0);
        let native = oracle
            .native(|| {
                native_runs.set(native_runs.get() + 1);
                Answer::Verdict(Ok(true))
            })
            .and_then(verdict);
        let second = ask(1);
        Ok((first?, native?, second?))
    }

    #[test]
    fn each_run_goes_one_answer_further_and_native_work_happens_once() {
        let mut log = Vec::new();
        let mut parts = Parts::default();
        let native_runs = Cell::new(0);

        // no answers: the run stops at the first question, and the native
        // operation after it does no work
        let oracle = Oracle::new(&mut log, &mut parts);
        assert!(run(&oracle, &native_runs).is_err());
        let want = oracle.into_want().unwrap();
        assert_eq!((want.key, want.method), (0, KeyMethod::Verify));
        assert_eq!(native_runs.get(), 0);

        // one answer: the native operation runs and is logged; the second
        // question stops the run
        log.push(Answer::Verdict(Ok(false)));
        let oracle = Oracle::new(&mut log, &mut parts);
        assert!(run(&oracle, &native_runs).is_err());
        assert_eq!(oracle.into_want().unwrap().key, 1);
        assert_eq!(native_runs.get(), 1);
        assert_eq!(log.len(), 2);

        // every answer: the run completes, reading the native result from
        // the log instead of doing the work again
        log.push(Answer::Verdict(Ok(true)));
        let oracle = Oracle::new(&mut log, &mut parts);
        assert_eq!(run(&oracle, &native_runs).unwrap(), (false, true, true));
        assert!(oracle.into_want().is_none());
        assert_eq!(native_runs.get(), 1);
    }

    #[test]
    fn an_answer_of_the_wrong_kind_is_an_error_not_a_guess() {
        let mut log = vec![Answer::Cek(None)];
        let mut parts = Parts::default();
        let oracle = Oracle::new(&mut log, &mut parts);
        let err = run(&oracle, &Cell::new(0)).unwrap_err();
        assert_eq!(err.kind, Kind::Internal);
        assert_eq!(err.message, out_of_step().message);
    }

    /// A key whose verification is asked of the log.
    #[derive(Clone)]
    struct Asked<'o, 'l>(&'o Oracle<'l, ()>);

    impl crate::jws::VerificationKey for Asked<'_, '_> {
        fn verify(&self, alg: &str, data: &[u8], _signature: &[u8]) -> Result<bool> {
            match self.0.ask(|| Want::op(0, KeyMethod::Verify, alg, data))? {
                Answer::Verdict(verdict) => verdict,
                _ => Err(out_of_step()),
            }
        }
    }

    #[test]
    fn a_replay_resumes_after_the_parts_already_decided() {
        use crate::jws::{verify_in_parts, JwsInput, VerifyOptions};
        let protected = crate::b64::encode(br#"{"alg":"HS256"}"#);
        let entry = serde_json::json!({ "protected": protected, "signature": "c2ln" });
        let count = 200;
        let jws = serde_json::json!({ "payload": "e30", "signatures": vec![entry; count] });
        let options = VerifyOptions::default();
        let mut log = Vec::new();
        let mut parts = Parts::default();
        let (mut runs, mut keys_asked) = (0, 0);
        let result = loop {
            runs += 1;
            let oracle = Oracle::new(&mut log, &mut parts);
            let result = verify_in_parts(
                JwsInput::Json(&jws),
                &options,
                |_, _| {
                    keys_asked += 1;
                    Ok(vec![Asked(&oracle)])
                },
                &oracle,
            )
            .map(|_| ());
            if oracle.into_want().is_none() {
                break result;
            }
            // every signature is refused, the last one too
            log.push(Answer::Verdict(Ok(false)));
        };
        assert_eq!(result.unwrap_err().kind, Kind::JwsVerificationFailed);
        assert_eq!(runs, count + 1);
        // each run tries the one undecided signature: linear, not N²
        assert!(keys_asked <= 2 * count + 1, "{keys_asked} key lookups");
    }

    /// A key whose unwrapping is asked of the log (a custom key's).
    struct Unwrapping<'o, 'l>(&'o Oracle<'l, ()>);

    impl crate::jwe::JweKey for Unwrapping<'_, '_> {
        fn key(&self) -> Option<&crate::jwk::key::Key> {
            None
        }
        fn declared_alg(&self) -> Option<&str> {
            None
        }
        fn declared_use(&self) -> Option<&str> {
            None
        }
        fn external_algorithms(&self, _op: crate::jwe::JweOp) -> Option<&[String]> {
            Some(OAEP_ALGS.get_or_init(|| vec!["RSA-OAEP".to_owned()]))
        }
        fn external_unwrap(&self) -> Option<&dyn crate::jwe::ExternalUnwrap> {
            Some(self)
        }
    }

    static OAEP_ALGS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();

    impl crate::jwe::ExternalUnwrap for Unwrapping<'_, '_> {
        fn unwrap(
            &self,
            alg: &'static str,
            encrypted_key: &[u8],
        ) -> Result<Option<Zeroizing<Vec<u8>>>> {
            match self
                .0
                .ask(|| Want::op(0, KeyMethod::UnwrapKey, alg, encrypted_key))?
            {
                Answer::Cek(cek) => Ok(cek),
                _ => Err(out_of_step()),
            }
        }
    }

    /// The oracle, counting how often the PBES2 budgets are worked out.
    struct Counting<'o, 'l> {
        oracle: &'o Oracle<'l, ()>,
        budgets_made: &'o Cell<u32>,
    }

    impl PartMemo for Counting<'_, '_> {
        fn resuming(&self) -> bool {
            self.oracle.resuming()
        }
        fn resume(&self) -> Vec<Error> {
            self.oracle.resume()
        }
        fn decided(&self) {
            self.oracle.decided()
        }
        fn keep(&self, errors: Vec<Error>) {
            self.oracle.keep(errors)
        }
        fn budgets(&self) -> Option<Vec<f64>> {
            self.oracle.budgets()
        }
        fn keep_budgets(&self, budgets: &[f64]) {
            self.budgets_made.set(self.budgets_made.get() + 1);
            self.oracle.keep_budgets(budgets)
        }
    }

    #[test]
    fn a_general_jwe_replay_resumes_without_rereading_its_recipients() {
        use crate::jwe::{decrypt_in_parts, DecryptOptions, JweInput};
        let protected = crate::b64::encode(br#"{"enc":"A128GCM"}"#);
        let entry = serde_json::json!({ "encrypted_key": "ZWs", "header": { "alg": "RSA-OAEP" } });
        let count = 200;
        let jwe = serde_json::json!({
            "protected": protected,
            "recipients": vec![entry; count],
            "iv": "AAAAAAAAAAAAAAAA",
            "ciphertext": "Y2lwaGVy",
            "tag": "AAAAAAAAAAAAAAAAAAAAAA",
        });
        let options = DecryptOptions::default();
        let mut log = Vec::new();
        let mut parts = Parts::default();
        let (mut runs, mut keys_asked) = (0, 0);
        let budgets_made = Cell::new(0);
        let result = loop {
            runs += 1;
            let oracle = Oracle::new(&mut log, &mut parts);
            let memo = Counting {
                oracle: &oracle,
                budgets_made: &budgets_made,
            };
            let result = decrypt_in_parts(
                JweInput::Json(&jwe),
                &options,
                |_| {
                    keys_asked += 1;
                    Ok(vec![Unwrapping(&oracle)])
                },
                &memo,
            )
            .map(|_| ());
            if oracle.into_want().is_none() {
                break result;
            }
            // every unwrapping fails, as a wrong key's does
            log.push(Answer::Cek(None));
        };
        assert_eq!(result.unwrap_err().kind, Kind::JweDecryptionFailed);
        assert_eq!(runs, count + 1);
        assert!(keys_asked <= 2 * count + 1, "{keys_asked} key lookups");
        // the budgets depend on every recipient: worked out once, not per run
        assert_eq!(budgets_made.get(), 1);
    }
}
