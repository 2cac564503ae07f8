//! The one place a panic is stopped before it reaches N-API. A panic
//! unwinding out of a Rust callback into Node (an `extern "C"` boundary)
//! aborts the whole process, so every `#[napi]` function, method and
//! getter runs its body through [`guard`], which turns a panic into the
//! `Kind::Internal` error (a plain JavaScript `Error` saying "jose-native
//! internal error (please report it): ..."). The attributes also carry
//! napi-rs's own `catch_unwind`, a backstop for the argument conversions
//! that run before the body.
//!
//! Tests prove each boundary with a forced panic: with
//! `JOSE_NATIVE_TEST_PANICS=1` in the environment when the addon loads,
//! `testForcePanic(name)` makes the boundary of that name panic before it
//! runs its body (`__test__/panics.test.js`). Otherwise the switch cannot
//! be turned on, and the cost per call is one relaxed atomic load.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock, PoisonError};

use napi::{Env, Status};
use napi_derive::napi;

use super::error::{thrown, Fail, Outcome};
use crate::error::Error;

/// Whether `JOSE_NATIVE_TEST_PANICS=1` was set when the addon loaded.
static TEST_PANICS: OnceLock<bool> = OnceLock::new();
/// Set while a boundary is named in `FORCED`: the fast path's one check.
static ARMED: AtomicBool = AtomicBool::new(false);
/// The boundary that is to panic, by its JavaScript name.
static FORCED: Mutex<Option<String>> = Mutex::new(None);

/// Runs `f` (an export's body) and returns its result, or the
/// `Kind::Internal` error if it panics; a core error becomes the error
/// object JavaScript receives (`error::thrown`). `name` is the export's
/// JavaScript name, `Class.member` for methods and getters.
#[inline]
pub fn guard<T>(env: &Env, name: &'static str, f: impl FnOnce() -> Outcome<T>) -> napi::Result<T> {
    checked(name, f).map_err(|fail| thrown(env, fail))
}

/// [`guard`] for a step with no JavaScript at hand (a libuv pool thread):
/// the failure stays the core's until the JS thread throws it.
#[inline]
pub fn checked<T>(name: &'static str, f: impl FnOnce() -> Outcome<T>) -> Outcome<T> {
    caught(|| {
        if ARMED.load(Ordering::Relaxed) {
            forced(name);
        }
        f()
    })
}

/// `f`'s result, or the `Kind::Internal` error if it panics.
#[inline]
fn caught<T>(f: impl FnOnce() -> Outcome<T>) -> Outcome<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
        .unwrap_or_else(|payload| Err(Fail::Core(Error::from_panic(payload.as_ref()))))
}

/// Panics if the test switch names `name`.
#[cold]
#[inline(never)]
fn forced(name: &str) {
    let hit = FORCED
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .as_deref()
        == Some(name);
    if hit {
        // Deliberate, and never from caller input: only a test that loaded
        // the addon with JOSE_NATIVE_TEST_PANICS=1 and named this boundary
        // gets here, and `guard` turns the panic into the internal error.
        panic!("panic forced at {name} by testForcePanic");
    }
}

/// Reads the test switch's environment variable, once, as the addon loads.
#[napi(module_exports)]
pub fn read_test_panics_switch() -> napi::Result<()> {
    TEST_PANICS
        .get_or_init(|| std::env::var_os("JOSE_NATIVE_TEST_PANICS").is_some_and(|v| v == "1"));
    Ok(())
}

/// Test only: makes the boundary called `name` panic before its body on
/// every call until the next `testForcePanic` (`null` turns it off).
/// Throws a TypeError unless `JOSE_NATIVE_TEST_PANICS=1` was set when the
/// addon loaded.
#[napi(catch_unwind)]
pub fn test_force_panic(env: Env, name: Option<String>) -> napi::Result<()> {
    // caught, but never forced: this switch could not be turned off again
    caught(|| {
        if !TEST_PANICS.get().copied().unwrap_or(false) {
            env.throw_type_error(
                "testForcePanic needs JOSE_NATIVE_TEST_PANICS=1 in the environment when jose-native loads",
                None,
            )?;
            return Err(napi::Error::from_status(Status::PendingException).into());
        }
        let mut forced = FORCED.lock().unwrap_or_else(PoisonError::into_inner);
        ARMED.store(name.is_some(), Ordering::Relaxed);
        *forced = name;
        Ok(())
    })
    .map_err(|fail| thrown(&env, fail))
}
