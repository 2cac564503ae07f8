//! Strings across N-API on the hot JWT calls (`node::jwt`): an argument
//! read with one call instead of two, and a result created without UTF-8
//! decoding when it is ASCII. Here because napi-rs' conversion traits are
//! `unsafe` to implement (they take raw N-API handles).
//!
//! napi-rs reads a `String` argument by asking V8 for its UTF-8 length (a
//! pass over the string) and then for the bytes. The hot JWT calls take
//! short strings (tokens, option texts, payloads), so those are written
//! into a stack buffer straight away, and only a string that may not have
//! fit is read the long way.

use std::mem::MaybeUninit;

use napi::bindgen_prelude::{FromNapiValue, Latin1String, ToNapiValue};
use napi::sys;
use napi_derive::napi;

/// The stack buffer's size. V8 cuts a string that does not fit at a
/// character boundary, so a result that leaves fewer than 4 bytes (the
/// longest UTF-8 character) plus the NUL unused may have been cut, and is
/// read again the long way.
const STACK_BYTES: usize = 2048;
const COMPLETE_BELOW: usize = STACK_BYTES - 4;

/// A string argument of the hot JWT calls.
// `transparent` derives `String`'s type name, validation and TypeScript
// type (`string`, for the generated declarations); reading it is below.
#[napi(transparent, object_from_js = false)]
pub struct Text(pub String);

impl FromNapiValue for Text {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> napi::Result<Text> {
        let mut buffer = [MaybeUninit::<u8>::uninit(); STACK_BYTES];
        let mut written = 0;
        // SAFETY: V8 writes at most STACK_BYTES bytes, NUL included, into
        // the buffer and says how many it wrote before the NUL.
        let status = unsafe {
            sys::napi_get_value_string_utf8(
                env,
                value,
                buffer.as_mut_ptr().cast(),
                STACK_BYTES,
                &mut written,
            )
        };
        if status == sys::Status::napi_ok && written < COMPLETE_BELOW {
            // SAFETY: the first `written` bytes were written just now, and
            // V8 writes well-formed UTF-8 (lone surrogates as U+FFFD).
            let bytes =
                unsafe { std::slice::from_raw_parts(buffer.as_ptr().cast::<u8>(), written) };
            // SAFETY: well-formed UTF-8, as just said.
            return Ok(Text(
                unsafe { std::str::from_utf8_unchecked(bytes) }.to_owned(),
            ));
        }
        // not a string (napi-rs makes the error), or maybe cut short
        // SAFETY: the arguments are the ones this call received.
        unsafe { String::from_napi_value(env, value) }.map(Text)
    }
}

/// A string result. ASCII (every compact token, most payloads) is created
/// as Latin-1, which V8 copies as it is; anything else as UTF-8, which V8
/// decodes.
// `transparent` as for `Text`; creating it is below.
#[napi(transparent, object_from_js = false, object_to_js = false)]
pub struct OutText(pub String);

impl ToNapiValue for OutText {
    unsafe fn to_napi_value(env: sys::napi_env, value: OutText) -> napi::Result<sys::napi_value> {
        if value.0.is_ascii() {
            // SAFETY: forwards this call's own arguments.
            unsafe { Latin1String::to_napi_value(env, Latin1String::from(value.0)) }
        } else {
            // SAFETY: as above.
            unsafe { String::to_napi_value(env, value.0) }
        }
    }
}
