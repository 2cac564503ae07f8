//! The crate's only `unsafe` code: every call into AWS-LC's C API
//! (aws-lc-sys) and the raw N-API string calls, each behind a safe wrapper.
//!
//! Everything above this module (`jwk`, `jwa`, `node`) uses the safe API
//! only; no raw pointer leaves it. `Cargo.toml` denies `unsafe_code` for the
//! whole crate and this module alone allows it, so `unsafe` written anywhere
//! else fails to compile.
//!
//! The submodules, by what they wrap:
//! - `bn`: `BIGNUM`s (`bn::Bn`, the one owner of them, cleared on drop)
//!   and the big-number arithmetic of RSA key generation and prime recovery.
//! - `rsa`: `RSA` objects (checked construction, generation, components)
//!   and RSA `EVP_PKEY`s for encryption and signatures of any modulus size.
//! - `ec`: points on the built-in curves and the `EC_KEY` ECDSA signs with.
//! - `ed25519`: `ED25519_sign` on a prepared 64-byte private key.
//! - `aes`: AES key wrap with a 192-bit KEK.
//! - `pbe`: what password-based key encryption needs beyond aws-lc-rs
//!   (DES-EDE3-CBC decryption, PBKDF2-HMAC-SHA224, scrypt, MD5).
//! - `napi_text` (with the `node` feature): reading and creating JS strings.
//!
//! Each `unsafe` block carries a `SAFETY:` comment. The common ground: every
//! pointer handed to AWS-LC comes from a live owned guard or a live slice
//! with its own length, outputs are fresh values distinct from the inputs,
//! and each return code is checked. A [`Failed`] from an AWS-LC call leaves
//! AWS-LC's thread-local error queue empty, so no stale entry reaches a
//! later aws-lc-rs call.

#![allow(unsafe_code)]

use std::os::raw::c_int;

pub(crate) mod aes;
pub(crate) mod bn;
pub(crate) mod ec;
pub(crate) mod ed25519;
#[cfg(feature = "node")]
pub(crate) mod napi_text;
pub(crate) mod pbe;
pub(crate) mod rsa;

/// An AWS-LC call failed (allocation, bad argument, a mathematical
/// precondition such as a non-invertible element, a refused key or a failed
/// integrity check). Callers decide which jose error that is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Failed;

pub(crate) type SysResult<T> = std::result::Result<T, Failed>;

/// Empties AWS-LC's thread-local error queue. jose shows none of what it
/// holds, and a stale entry would confuse the next aws-lc-rs call.
#[inline]
pub(crate) fn clear_error_queue() {
    // SAFETY: takes no arguments and only touches this thread's queue.
    unsafe { aws_lc_sys::ERR_clear_error() }
}

/// The [`Failed`] of an AWS-LC call that just failed, its reasons cleared.
#[cold]
fn failed() -> Failed {
    clear_error_queue();
    Failed
}

/// Turns an AWS-LC status (1 = success) into a [`SysResult`].
#[inline]
fn check(status: c_int) -> SysResult<()> {
    if status == 1 {
        Ok(())
    } else {
        Err(failed())
    }
}

#[cfg(test)]
mod tests {
    /// The grep criterion of this module, as a test: outside `src/sys/`, no
    /// source mentions the keyword (the lint in `Cargo.toml` catches the code;
    /// this catches a stray `allow` of it as well).
    #[test]
    fn unsafe_appears_only_under_sys() {
        let keyword = concat!("uns", "afe");
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut dirs = vec![src.clone()];
        let mut sources = 0;
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    if path != src.join("sys") {
                        dirs.push(path);
                    }
                } else if path.extension().is_some_and(|ext| ext == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    assert!(
                        !text.contains(keyword),
                        "{} mentions `{keyword}` outside src/sys",
                        path.display()
                    );
                    sources += 1;
                }
            }
        }
        assert!(sources > 50, "only {sources} sources found");
    }
}
