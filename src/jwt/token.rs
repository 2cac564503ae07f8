//! Taking a compact JWT apart without verifying anything: jose's
//! `JWT.decode`, which JWT verification also starts with.
//!
//! jose reads each segment with Node's forgiving base64 decoder and the
//! bytes as UTF-8 with replacement characters, then `JSON.parse`s them; a
//! token whose segments only that forgiving reading accepts (padding, the
//! `+/` alphabet) is still a JWT to jose, and so it is here.

use std::borrow::Cow;

use serde_json::Value;

use crate::b64;
use crate::error::{Error, Kind, Result};

/// A JWT's parts, parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct DecodedJwt {
    /// The JOSE Header: any JSON value, as `JSON.parse` would give it.
    pub header: Value,
    /// The JWT Claims Set: any JSON value.
    pub payload: Value,
    /// The header and payload JSON texts as decoded, for a caller that
    /// parses them again in JavaScript to get jose's exact objects.
    pub header_json: String,
    pub payload_json: String,
    /// The third segment, still encoded.
    pub signature: String,
    /// The JWS Signing Input: the first two segments and the `.` between.
    pub signing_input: String,
}

fn malformed() -> Error {
    Error::new(Kind::JwtMalformed, "JWT is malformed")
}

/// Splits and parses `token`, with jose's errors: a `TypeError` for an
/// empty token or a JWE (five segments), `JWTMalformed` for any other
/// segment count or a segment that is not JSON.
pub fn decode(token: &str) -> Result<DecodedJwt> {
    if token.is_empty() {
        return Err(Error::type_error("JWT must be a string"));
    }
    let segments: Vec<&str> = token.split('.').collect();
    let [header, payload, signature] = match segments.as_slice() {
        [a, b, c] => [*a, *b, *c],
        parts if parts.len() == 5 => {
            return Err(Error::type_error("JWTs must be decrypted first"));
        }
        _ => {
            return Err(Error::new(
                Kind::JwtMalformed,
                "JWTs must have three components",
            ))
        }
    };
    let (header_json, header_value) = parse_segment(header)?;
    let (payload_json, payload_value) = parse_segment(payload)?;
    Ok(DecodedJwt {
        header: header_value,
        payload: payload_value,
        header_json,
        payload_json,
        signature: signature.to_owned(),
        signing_input: format!("{header}.{payload}"),
    })
}

fn parse_segment(segment: &str) -> Result<(String, Value)> {
    let bytes = b64::decode_like_node(segment);
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let value = serde_json::from_str(&without_lone_surrogates(&text)).map_err(|_| malformed())?;
    Ok((text, value))
}

/// `JSON.parse` takes a `\u` escape of an unpaired surrogate (the string
/// then holds it); serde_json refuses one. Such escapes become U+FFFD for
/// the Rust-side view, the only place the difference could show being a
/// comparison of that very string.
fn without_lone_surrogates(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let escape_at = |i: usize| -> Option<u16> {
        let hex = bytes.get(i..i + 6)?;
        if hex[0] != b'\\' || hex[1] != b'u' {
            return None;
        }
        u16::from_str_radix(std::str::from_utf8(&hex[2..]).ok()?, 16).ok()
    };
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        let Some(unit) = escape_at(i) else {
            // Any other escape: skip both characters, so `\\u` stays text.
            i += 2;
            continue;
        };
        let paired = (0xD800..0xDC00).contains(&unit)
            && escape_at(i + 6).is_some_and(|next| (0xDC00..0xE000).contains(&next));
        if paired {
            i += 12;
        } else if (0xD800..0xE000).contains(&unit) {
            let fixed = out.get_or_insert_with(String::new);
            fixed.push_str(&text[copied..i]);
            fixed.push_str("\\ufffd");
            i += 6;
            copied = i;
        } else {
            i += 6;
        }
    }
    match out {
        Some(mut fixed) => {
            fixed.push_str(&text[copied..]);
            Cow::Owned(fixed)
        }
        None => Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn token(header: &str, payload: &str) -> String {
        format!(
            "{}.{}.sig",
            b64::encode(header.as_bytes()),
            b64::encode(payload.as_bytes())
        )
    }

    #[test]
    fn decodes_header_payload_and_keeps_the_signature_segment() {
        let t = token(r#"{"alg":"HS256"}"#, r#"{"sub":"a","n":1}"#);
        let d = decode(&t).unwrap();
        assert_eq!(d.header, json!({"alg": "HS256"}));
        assert_eq!(d.payload, json!({"sub": "a", "n": 1}));
        assert_eq!(d.payload_json, r#"{"sub":"a","n":1}"#);
        assert_eq!(d.signature, "sig");
        assert_eq!(format!("{}.sig", d.signing_input), t);
    }

    #[test]
    fn segment_count_and_emptiness() {
        assert_eq!(
            decode("").unwrap_err(),
            Error::type_error("JWT must be a string")
        );
        assert_eq!(
            decode("a.b.c.d.e").unwrap_err(),
            Error::type_error("JWTs must be decrypted first")
        );
        for t in ["a", "a.b", "a.b.c.d", "a.b.c.d.e.f"] {
            let e = decode(t).unwrap_err();
            assert_eq!(e.kind, Kind::JwtMalformed);
            assert_eq!(e.message, "JWTs must have three components");
        }
    }

    #[test]
    fn bad_json_is_malformed() {
        for t in [
            token("{", "{}"),
            token("{}", "nope"),
            "..".to_owned(),
            "e30.!.x".to_owned(),
        ] {
            let e = decode(&t).unwrap_err();
            assert_eq!(
                (e.kind, e.message.as_str()),
                (Kind::JwtMalformed, "JWT is malformed")
            );
        }
    }

    #[test]
    fn any_json_value_is_a_payload() {
        for p in ["null", "1", "\"s\"", "[1]", "true"] {
            assert_eq!(decode(&token("{}", p)).unwrap().payload_json, p);
        }
    }

    #[test]
    fn forgiving_base64_as_node_reads_it() {
        // {"alg":"HS256"} with padding and the standard alphabet's characters.
        let d = decode("eyJhbGciOiJIUzI1NiJ9==.eyJhIjoiPz8_In0=.x").unwrap();
        assert_eq!(d.header, json!({"alg": "HS256"}));
        let d = decode("eyJhbGciOiJIUzI1NiJ9.eyJhIjoiPz8/In0.x").unwrap();
        assert_eq!(d.payload, json!({"a": "???"}));
    }

    #[test]
    fn invalid_utf8_becomes_replacement_characters() {
        let payload = b64::encode(b"{\"a\":\"\xff\"}");
        let d = decode(&format!("e30.{payload}.x")).unwrap();
        assert_eq!(d.payload, json!({"a": "\u{fffd}"}));
    }

    #[test]
    fn unpaired_surrogate_escapes_parse() {
        let d = decode(&token(
            "{}",
            r#"{"a":"\ud800","b":"\udc00x","c":"\ud83d\ude00","d":"\\ud800"}"#,
        ))
        .unwrap();
        assert_eq!(
            d.payload,
            json!({"a": "\u{fffd}", "b": "\u{fffd}x", "c": "\u{1F600}", "d": "\\ud800"})
        );
        assert_eq!(without_lone_surrogates(r#""\n\u0041""#), r#""\n\u0041""#);
    }
}
