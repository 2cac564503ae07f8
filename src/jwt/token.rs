//! Taking a compact JWT apart without verifying anything: jose's
//! `JWT.decode`, which JWT verification also starts with.
//!
//! jose reads each segment with Node's forgiving base64 decoder and the
//! bytes as UTF-8 with replacement characters, then `JSON.parse`s them; a
//! token whose segments only that forgiving reading accepts (padding, the
//! `+/` alphabet) is still a JWT to jose, and so it is here.

use std::cell::RefCell;
use std::sync::Arc;

use serde_json::Value;

use super::claims_set::ClaimsSet;
use super::memo::Memo;
use crate::b64;
use crate::error::{Error, Kind, Result};
use crate::js_json;

/// A JWT's parts, parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct DecodedJwt {
    /// The JOSE Header, shared with other tokens that carry the very same
    /// header segment (see [`header`]).
    pub header: Arc<Segment>,
    /// The JWT Claims Set as the claim checks read it; JavaScript gets the
    /// whole payload from `payload_json`.
    pub payload: ClaimsSet,
    /// The payload's JSON text as decoded, for a caller that parses it
    /// again in JavaScript to get jose's exact object.
    pub payload_json: String,
    /// The token itself, of which the signing input and the signature are
    /// slices.
    token: String,
    /// Where the second `.` is.
    signature_dot: usize,
}

/// A decoded segment: its JSON text and the value parsed from it (any JSON
/// value, as `JSON.parse` would give it).
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub json: String,
    pub value: Value,
}

impl DecodedJwt {
    /// The JWS Signing Input: the first two segments and the `.` between.
    pub fn signing_input(&self) -> &str {
        &self.token[..self.signature_dot]
    }

    /// The third segment, still encoded.
    pub fn signature(&self) -> &str {
        &self.token[self.signature_dot + 1..]
    }
}

fn malformed() -> Error {
    Error::new(Kind::JwtMalformed, "JWT is malformed")
}

/// Splits and parses `token`, with jose's errors: a `TypeError` for an
/// empty token or a JWE (five segments), `JWTMalformed` for any other
/// segment count or a segment that is not JSON.
pub fn decode(token: &str) -> Result<DecodedJwt> {
    decode_owned(token.to_owned())
}

/// [`decode`] of a token the caller hands over, which the result keeps
/// without copying it.
pub fn decode_owned(token: String) -> Result<DecodedJwt> {
    if token.is_empty() {
        return Err(Error::type_error("JWT must be a string"));
    }
    // where the first two dots are, and how many there are (up to 5)
    let mut dots = [0; 2];
    let mut count = 0;
    for (at, _) in token.match_indices('.').take(5) {
        if count < 2 {
            dots[count] = at;
        }
        count += 1;
    }
    let [first, second] = match count {
        2 => dots,
        4 => {
            return Err(Error::type_error("JWTs must be decrypted first"));
        }
        _ => {
            return Err(Error::new(
                Kind::JwtMalformed,
                "JWTs must have three components",
            ))
        }
    };
    let header = self::header(&token[..first])?;
    let (payload_json, payload) = claims_set(&token[first + 1..second])?;
    Ok(DecodedJwt {
        header,
        payload,
        payload_json,
        token,
        signature_dot: second,
    })
}

/// How long a header segment may be to be remembered.
const HEADER_KEPT_LEN: usize = 512;

thread_local! {
    /// Recently decoded header segments.
    static HEADERS: RefCell<Memo<Segment>> = const { RefCell::new(Memo::new()) };
}

/// A header segment decoded and parsed. The tokens of one issuer share their
/// header segment (`alg`, `typ`, `kid`), so the last few short ones are
/// remembered per thread and a repeat costs one comparison; a segment that
/// does not parse is never kept.
fn header(segment: &str) -> Result<Arc<Segment>> {
    let parse = || parse_segment(segment).map(|(json, value)| Segment { json, value });
    if segment.len() > HEADER_KEPT_LEN {
        return parse().map(Arc::new);
    }
    HEADERS.with(|kept| kept.borrow_mut().get_or_parse(segment, parse))
}

/// A segment's JSON text and value.
fn parse_segment(segment: &str) -> Result<(String, Value)> {
    let text = segment_text(segment);
    let value = js_json::parse(&text).map_err(|_| malformed())?;
    Ok((text, value))
}

/// The payload segment's JSON text and its claims.
fn claims_set(segment: &str) -> Result<(String, ClaimsSet)> {
    let text = segment_text(segment);
    let claims = js_json::read(&text, |json| {
        let mut de = serde_json::Deserializer::from_str(json);
        ClaimsSet::read(&mut de).and_then(|claims| de.end().map(|()| claims))
    })
    .map_err(|_| malformed())?;
    Ok((text, claims))
}

/// A segment's bytes as jose reads them: decoded as forgivingly as Node
/// does, then as UTF-8 with replacement characters.
fn segment_text(segment: &str) -> String {
    let bytes = b64::decode(segment);
    match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
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
        let t = token(r#"{"alg":"HS256","n":1}"#, r#"{"sub":"a","n":1,"exp":2}"#);
        let d = decode(&t).unwrap();
        assert_eq!(d.header.value, json!({"alg": "HS256", "n": 1}));
        assert_eq!(d.header.json, r#"{"alg":"HS256","n":1}"#);
        // of the payload only the members the claim checks read
        assert_eq!(d.payload.to_value(), json!({"sub": "a", "exp": 2}));
        assert_eq!(d.payload_json, r#"{"sub":"a","n":1,"exp":2}"#);
        assert_eq!(d.signature(), "sig");
        assert_eq!(format!("{}.sig", d.signing_input()), t);
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
        assert_eq!(d.header.value, json!({"alg": "HS256"}));
        let d = decode("eyJhbGciOiJIUzI1NiJ9.eyJhIjoiPz8/In0.x").unwrap();
        assert_eq!(d.payload_json, r#"{"a":"???"}"#);
    }

    #[test]
    fn invalid_utf8_becomes_replacement_characters() {
        let payload = b64::encode(b"{\"sub\":\"\xff\"}");
        let d = decode(&format!("e30.{payload}.x")).unwrap();
        assert_eq!(d.payload.to_value(), json!({"sub": "\u{fffd}"}));
    }

    #[test]
    fn unpaired_surrogate_escapes_parse() {
        let d = decode(&token(
            "{}",
            r#"{"sub":"\ud800","iss":"\udc00x","jti":"\ud83d\ude00","nonce":"\\ud800"}"#,
        ))
        .unwrap();
        // lone ones as the stand-ins js_json compares exactly and writes
        // back as the escapes
        let claims = d.payload.to_value();
        let text = |name: &str| js_json::to_text(&claims[name]).unwrap();
        assert_eq!(text("sub"), r#""\ud800""#);
        assert_eq!(text("iss"), r#""\udc00x""#);
        assert_eq!(text("jti"), "\"\u{1F600}\"");
        assert_eq!(text("nonce"), r#""\\ud800""#);
        assert_ne!(claims["sub"], json!("\u{fffd}"));
    }

    #[test]
    fn skipped_members_are_still_parsed_and_later_duplicates_win() {
        let e = decode(&token("{}", r#"{"n":[1,}"#)).unwrap_err();
        assert_eq!(e.kind, Kind::JwtMalformed);
        let e = decode(&token("{}", r#"{"n":1} x"#)).unwrap_err();
        assert_eq!(e.kind, Kind::JwtMalformed);
        let d = decode(&token("{}", r#"{"sub":"a","x":{"sub":"b"},"sub":"c"}"#)).unwrap();
        assert_eq!(d.payload.to_value(), json!({"sub": "c"}));
    }

    #[test]
    fn nesting_counts_only_in_members_the_checks_read() {
        // JSON.parse takes any depth; serde_json builds values 128 deep at most
        let deep = format!("{}{}", "[".repeat(300), "]".repeat(300));
        let d = decode(&token("{}", &format!(r#"{{"x":{deep},"sub":"a"}}"#))).unwrap();
        assert_eq!(d.payload.to_value(), json!({"sub": "a"}));
        let e = decode(&token("{}", &format!(r#"{{"aud":{deep}}}"#))).unwrap_err();
        assert_eq!(e.kind, Kind::JwtMalformed);
    }

    #[test]
    fn header_segments_seen_again_are_shared_and_long_ones_are_not_kept() {
        let a = decode(&token(r#"{"alg":"HS256","kid":"memo"}"#, "{}")).unwrap();
        let b = decode(&token(r#"{"alg":"HS256","kid":"memo"}"#, "[]")).unwrap();
        assert!(Arc::ptr_eq(&a.header, &b.header));
        assert_eq!(b.header.value, json!({"alg": "HS256", "kid": "memo"}));
        let long = format!(r#"{{"alg":"HS256","x":"{}"}}"#, "x".repeat(600));
        let c = decode(&token(&long, "{}")).unwrap();
        let d = decode(&token(&long, "{}")).unwrap();
        assert!(!Arc::ptr_eq(&c.header, &d.header));
        assert_eq!(c.header, d.header);
        // more distinct headers than are kept: each still decodes as itself
        for round in 0..2 {
            for i in 0..super::super::memo::KEPT + 3 {
                let h = format!(r#"{{"alg":"HS256","n":{i}}}"#);
                let d = decode(&token(&h, "{}")).unwrap();
                assert_eq!(d.header.json, h, "round {round}");
            }
        }
        // a header that does not parse fails every time
        for _ in 0..2 {
            assert_eq!(
                decode(&token("{", "{}")).unwrap_err().kind,
                Kind::JwtMalformed
            );
        }
    }

    #[test]
    fn non_object_payloads_are_whole_values() {
        let d = decode(&token("{}", r#"[{"x":1},2]"#)).unwrap();
        assert_eq!(d.payload.to_value(), json!([{"x": 1}, 2]));
    }

    /// `claims::READ` must name every member the checks read, or a check
    /// would see a claim as missing: the names passed to the readers in
    /// claims.rs are collected from its source.
    #[test]
    fn claims_read_names_every_member_the_checks_use() {
        let source = include_str!("claims.rs");
        let readers = [
            "claim(\"",
            "get(payload, \"",
            "has(payload, \"",
            "number(payload, \"",
            "claim_str(\"",
        ];
        let mut used = 0;
        for reader in readers {
            for (at, _) in source.match_indices(reader) {
                let rest = &source[at + reader.len()..];
                let name = &rest[..rest.find('"').unwrap()];
                assert!(
                    crate::jwt::claims::READ.contains(&name),
                    "claims::READ lacks {name:?}"
                );
                used += 1;
            }
        }
        assert!(
            used > 30,
            "the readers were not found in claims.rs ({used})"
        );
    }
}
