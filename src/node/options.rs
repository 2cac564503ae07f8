//! The options of the 1.x JWS and JWE calls as they cross N-API: the
//! facade checks their types as jose does (TypeErrors before any work) and
//! describes them with these structs; they become the core's option
//! structs here, in one place.
//!
//! Reading a described object costs a property lookup per member, a good
//! part of a `dir` decryption; so the options cross once per distinct set
//! of values, as a settings object the facade remembers (`lib/options.js`,
//! the one memo of option values), and each call passes that.

use std::sync::Arc;

use napi::Env;
use napi_derive::napi;

use crate::error::Result;
use crate::jwe::{self, DecryptOptions};
use crate::jws;

/// `JWS.verify`'s options.
#[napi(object)]
pub struct JwsVerifyOptions {
    pub algorithms: Option<Vec<String>>,
    pub crit: Vec<String>,
    /// The `P-256K` curve name of jose's legacy entry point.
    #[napi(js_name = "legacyP256K")]
    pub legacy_p256k: bool,
    /// Headers and the key's place are wanted (`complete: true`).
    pub complete: bool,
}

/// `JWE.decrypt`'s options.
#[napi(object)]
pub struct JweDecryptOptions {
    pub algorithms: Option<Vec<String>>,
    pub crit: Vec<String>,
    #[napi(js_name = "maxPBES2Count")]
    pub max_pbes2_count: f64,
    /// This library's cap (`jwe::inflate_cap`); absent for the default.
    pub max_inflated_size: Option<f64>,
}

/// [`JwsVerifyOptions`] read once, for every call with the same values.
#[napi]
pub struct JwsVerifySettings {
    pub(crate) options: Arc<JwsVerifyOptions>,
}

#[napi(catch_unwind)]
pub fn jws_verify_settings(env: Env, options: JwsVerifyOptions) -> napi::Result<JwsVerifySettings> {
    crate::node::boundary::guard(&env, "jwsVerifySettings", || {
        Ok(JwsVerifySettings {
            options: Arc::new(options),
        })
    })
}

/// [`JweDecryptOptions`] read once, for every call with the same values.
#[napi]
pub struct JweDecryptSettings {
    pub(crate) options: Arc<JweDecryptOptions>,
}

#[napi(catch_unwind)]
pub fn jwe_decrypt_settings(
    env: Env,
    options: JweDecryptOptions,
) -> napi::Result<JweDecryptSettings> {
    crate::node::boundary::guard(&env, "jweDecryptSettings", || {
        Ok(JweDecryptSettings {
            options: Arc::new(options),
        })
    })
}

/// `crit` and `algorithms` as the core's option structs borrow them.
pub(crate) struct Lists<'a> {
    crit: Vec<&'a str>,
    algorithms: Option<Vec<&'a str>>,
}

impl<'a> Lists<'a> {
    pub(crate) fn of(crit: &'a [String], algorithms: Option<&'a [String]>) -> Lists<'a> {
        Lists {
            crit: crit.iter().map(String::as_str).collect(),
            algorithms: algorithms.map(|list| list.iter().map(String::as_str).collect()),
        }
    }

    pub(crate) fn jws(&self) -> jws::VerifyOptions<'_> {
        jws::VerifyOptions {
            crit: &self.crit,
            algorithms: self.algorithms.as_deref(),
        }
    }
}

impl JwsVerifyOptions {
    pub(crate) fn lists(&self) -> Lists<'_> {
        Lists::of(&self.crit, self.algorithms.as_deref())
    }
}

impl JweDecryptOptions {
    pub(crate) fn lists(&self) -> Lists<'_> {
        Lists::of(&self.crit, self.algorithms.as_deref())
    }

    /// The `maxInflatedSize` cap, checked (`jwe::inflate_cap`).
    pub(crate) fn inflate_cap(&self) -> Result<usize> {
        jwe::inflate_cap(self.max_inflated_size)
    }

    /// The core's options, with the cap `inflate_cap` read.
    pub(crate) fn core<'l>(
        &self,
        lists: &'l Lists<'_>,
        max_inflated_size: usize,
    ) -> DecryptOptions<'l> {
        DecryptOptions {
            crit: &lists.crit,
            algorithms: lists.algorithms.as_deref(),
            max_pbes2_count: self.max_pbes2_count,
            max_inflated_size,
        }
    }
}
