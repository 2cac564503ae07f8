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

use super::boundary::guard;
use super::error::to_napi;
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
pub fn now<J: Job>(job: Result<J>) -> napi::Result<J::JsValue> {
    let job = job.map_err(to_napi)?;
    Error::guarded(|| job.run().map(|output| job.finish(output))).map_err(to_napi)
}

/// Queues `job` on the libuv thread pool; JavaScript gets a Promise.
pub fn off_thread<J: Job>(job: Result<J>) -> napi::Result<AsyncTask<OffThread<J>>> {
    Ok(AsyncTask::new(OffThread(job.map_err(to_napi)?)))
}

pub struct OffThread<J>(J);

impl<J: Job> Task for OffThread<J> {
    type Output = J::Output;
    type JsValue = J::JsValue;

    fn compute(&mut self) -> napi::Result<J::Output> {
        guard("OffThread.compute", || self.0.run().map_err(to_napi))
    }

    fn resolve(&mut self, _env: Env, output: J::Output) -> napi::Result<J::JsValue> {
        guard("OffThread.resolve", || Ok(self.0.finish(output)))
    }
}

/// An export and its Async twin made from one job constructor, so the two
/// cannot differ in their arguments: `$sync` runs the job now, `$twin` on
/// the libuv pool, each under its own guard (named as JavaScript names it).
macro_rules! twins {
    (
        $(#[doc = $doc:literal])*
        $sync:ident($sync_name:literal) / $twin:ident($twin_name:literal)
        ($($arg:ident: $ty:ty),* $(,)?) -> $out:ty, $job:ty = $make:expr
    ) => {
        $(#[doc = $doc])*
        #[napi_derive::napi(catch_unwind)]
        #[allow(clippy::too_many_arguments)]
        pub fn $sync($($arg: $ty),*) -> napi::Result<$out> {
            $crate::node::boundary::guard($sync_name, || $crate::node::job::now($make))
        }

        $(#[doc = $doc])*
        #[napi_derive::napi(catch_unwind)]
        #[allow(clippy::too_many_arguments)]
        pub fn $twin(
            $($arg: $ty),*
        ) -> napi::Result<napi::bindgen_prelude::AsyncTask<$crate::node::job::OffThread<$job>>> {
            $crate::node::boundary::guard($twin_name, || $crate::node::job::off_thread($make))
        }
    };
}

pub(super) use twins;
