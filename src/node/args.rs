//! Argument shapes several exports share: header JSON and text-or-bytes.

use napi::bindgen_prelude::{Buffer, Either};

use crate::error::{Error, Result};
use crate::js_json;
use crate::jws::Header;

/// JSON text for JavaScript's `JSON.parse`, lone surrogates written back as
/// their escapes (see `js_json`). Serializing a JSON value cannot fail.
pub fn js_text(value: &impl serde::Serialize) -> String {
    js_json::to_text(value).unwrap_or_default()
}

/// A header the facade passed as `JSON.stringify` of a plain object.
pub fn header(json: Option<String>) -> Result<Option<Header>> {
    json.map(|text| {
        js_json::parse::<Header>(&text)
            .map_err(|_| Error::type_error("header must be a plain object"))
    })
    .transpose()
}

/// A string (as UTF-8) or a Buffer, as owned bytes.
pub fn bytes(input: Either<String, Buffer>) -> Vec<u8> {
    match input {
        Either::A(text) => text.into_bytes(),
        Either::B(buffer) => buffer.to_vec(),
    }
}

/// A JWS or JWE as a call keeps it: the compact text, or (`json`) the JSON
/// serialization parsed by the operation's own parser, for its errors.
pub(crate) fn serialized(
    input: String,
    json: bool,
    parse: fn(&str) -> Result<serde_json::Value>,
) -> Result<(String, Option<serde_json::Value>)> {
    if json {
        Ok((String::new(), Some(parse(&input)?)))
    } else {
        Ok((input, None))
    }
}
