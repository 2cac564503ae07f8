//! One shape for every operation with an Async twin: the call is first
//! turned into an owned job, then run either right away on the JS thread or
//! on the libuv thread pool. Both paths run the same `run` and `finish`, so
//! the twins cannot drift apart. A panic in either step becomes the
//! `Kind::Internal` error: `now` runs inside an export's guard and catches
//! its own, and the libuv task's two steps are boundaries of their own
//! (`OffThread.compute` on a pool thread, `OffThread.resolve` back on the JS
//! thread), which `testForcePanic` can name.

use napi::bindgen_prelude::{AsyncTask, ToNapiValue, TypeName};
use napi::{Env, Task};

use super::boundary::checked;
use super::error::{rejection, Fail, Outcome};
use crate::error::{Error, Result};

pub trait Job: Send + Sized + 'static {
    /// What the work produces, off the JS thread.
    type Output: Send + 'static;
    /// What JavaScript receives.
    type JsValue: ToNapiValue + TypeName;

    /// The work itself: pure Rust, no JavaScript values.
    fn run(&self) -> Result<Self::Output>;

    /// Shapes the output for JavaScript (on the JS thread).
    fn finish(&self, output: Self::Output) -> Self::JsValue;
}

/// Runs `job` now, on the calling thread.
pub fn now<J: Job>(job: Result<J>) -> Outcome<J::JsValue> {
    let job = job?;
    Ok(Error::guarded(|| {
        job.run().map(|output| job.finish(output))
    })?)
}

/// Queues `job` on the libuv thread pool; JavaScript gets a Promise.
pub fn off_thread<J: Job>(job: Result<J>) -> Outcome<AsyncTask<OffThread<J>>> {
    Ok(AsyncTask::new(OffThread {
        job: job?,
        failure: None,
    }))
}

/// A job on the libuv pool. Its failure is kept as the core's until
/// `reject`, back on the JS thread, rejects the Promise with its object.
pub struct OffThread<J> {
    job: J,
    failure: Option<Fail>,
}

impl<J: Job> Task for OffThread<J> {
    type Output = J::Output;
    type JsValue = J::JsValue;

    fn compute(&mut self) -> napi::Result<J::Output> {
        checked("OffThread.compute", || Ok(self.job.run()?)).map_err(|fail| {
            self.failure = Some(fail);
            napi::Error::from_reason("jose-native: the job failed")
        })
    }

    /// Runs in the async work's completion, where a thrown exception would
    /// be uncaught: a failure here rejects the Promise instead.
    fn resolve(&mut self, env: Env, output: J::Output) -> napi::Result<J::JsValue> {
        checked("OffThread.resolve", || Ok(self.job.finish(output)))
            .map_err(|fail| rejection(&env, fail))
    }

    fn reject(&mut self, env: Env, err: napi::Error) -> napi::Result<J::JsValue> {
        Err(rejection(
            &env,
            self.failure.take().unwrap_or(Fail::Napi(err)),
        ))
    }
}

/// An export and its Async twin made from one job constructor, so the two
/// cannot differ in their arguments: `$sync` runs the job now, `$twin` on
/// the libuv pool, each under its own guard (named as JavaScript names it).
/// `$ts` is the twin's TypeScript return type (napi-rs cannot see an
/// AsyncTask's result type). It takes no doc comment: one that comes
/// through a macro reaches napi-rs as a raw string, which it writes into
/// the declarations with its `r"` prefix; say what the pair does in a
/// plain comment above it.
macro_rules! twins {
    (
        $sync:ident($sync_name:literal) / $twin:ident($twin_name:literal)
        ($($arg:ident: $ty:ty),* $(,)?) -> $out:ty as $ts:literal, $job:ty = $make:expr
    ) => {
        #[napi_derive::napi(catch_unwind)]
        #[allow(clippy::too_many_arguments)]
        pub fn $sync(env: napi::Env, $($arg: $ty),*) -> napi::Result<$out> {
            $crate::node::boundary::guard(&env, $sync_name, || $crate::node::job::now($make))
        }

        #[napi_derive::napi(catch_unwind, ts_return_type = $ts)]
        #[allow(clippy::too_many_arguments)]
        pub fn $twin(
            env: napi::Env,
            $($arg: $ty),*
        ) -> napi::Result<napi::bindgen_prelude::AsyncTask<$crate::node::job::OffThread<$job>>> {
            $crate::node::boundary::guard(&env, $twin_name, || $crate::node::job::off_thread($make))
        }
    };
}

pub(super) use twins;
