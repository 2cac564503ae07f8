//! JSON text as JavaScript reads and writes it, lone surrogates included.
//!
//! A JavaScript string is UTF-16 and may hold an unpaired surrogate
//! (`'\ud800'`): `JSON.stringify` writes one as the escape `"\ud800"`,
//! `JSON.parse` reads the escape back, and jose round-trips such strings
//! through headers, claims and key parameters. A Rust `String` cannot hold
//! one, and serde_json refuses the escape. So text from JavaScript (or from
//! a token, which JavaScript would parse) goes through [`parse`], which
//! first rewrites each unpaired surrogate escape into a private stand-in,
//! and text for JavaScript (or for a token) comes out of [`to_text`], which
//! writes each stand-in back as its escape.
//!
//! The stand-in is two characters: U+10FFFF, then U+10F000 plus the
//! surrogate's offset from U+D800. A real U+10FFFF becomes U+10FFFF twice,
//! so the mapping is one-to-one and prefix-free: two strings are equal
//! after it exactly when they were equal before, and claim comparisons in
//! the core compare as JavaScript's `===` does.
//!
//! `JSON.parse` also reads a number beyond f64's range (`1e400`) as
//! `Infinity`, where serde_json refuses it. [`read`] (under [`parse`] and
//! the claims readers) reads such text again with each of those numbers as
//! the largest f64 of its sign, which every check compares with a finite
//! limit exactly as it would compare `Infinity`.

use std::borrow::Cow;

use serde::de::DeserializeOwned;
use serde::Serialize;

/// Starts every stand-in.
const MARK: char = '\u{10FFFF}';
/// The stand-in's second character for U+D800; U+DFFF gets BASE + 0x7FF.
const BASE: u32 = 0x10F000;
const SURROGATES: std::ops::Range<u32> = 0xD800..0xE000;

/// Parses JSON text as `JSON.parse` reads it (see the module docs).
pub fn parse<T: DeserializeOwned>(text: &str) -> serde_json::Result<T> {
    read(text, |json| serde_json::from_str(json))
}

/// Runs `reader` over the text's internal form (its lone surrogates as
/// stand-ins). Should serde_json refuse a number as out of range, it runs
/// once more over the text with those numbers brought into range; the
/// common text pays nothing for that.
pub fn read<T>(
    text: &str,
    reader: impl Fn(&str) -> serde_json::Result<T>,
) -> serde_json::Result<T> {
    let json = to_internal(text);
    match reader(&json) {
        Err(e) if e.to_string().starts_with("number out of range") => reader(&within_range(&json)),
        result => result,
    }
}

/// JSON text with each number beyond f64's range written as the largest
/// f64 of its sign (`JSON.parse` reads it as an infinity of that sign).
/// Strings, escapes included, are copied as they are.
fn within_range(json: &str) -> String {
    let bytes = json.as_bytes();
    let mut out = String::with_capacity(json.len());
    let mut copied = 0;
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'"' => at = string_end(bytes, at),
            b'-' | b'0'..=b'9' => {
                let end = number_end(bytes, at);
                let literal = &json[at..end];
                if literal.parse::<f64>().is_ok_and(f64::is_infinite) {
                    out.push_str(&json[copied..at]);
                    let sign = if literal.starts_with('-') { "-" } else { "" };
                    out.push_str(sign);
                    out.push_str("1.7976931348623157e308");
                    copied = end;
                }
                at = end;
            }
            _ => at += 1,
        }
    }
    out.push_str(&json[copied..]);
    out
}

/// Where the string starting at `start` (its opening quote) ends: just
/// past its closing quote, or the text's end.
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut at = start + 1;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 2,
            b'"' => return at + 1,
            _ => at += 1,
        }
    }
    bytes.len()
}

/// Where the number starting at `start` ends: past its sign, digits,
/// fraction and exponent.
fn number_end(bytes: &[u8], start: usize) -> usize {
    let mut at = start + 1;
    while at < bytes.len() && matches!(bytes[at], b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-') {
        at += 1;
    }
    at
}

/// [`parse`] for bytes: decoded as Node decodes a Buffer to a string
/// (invalid UTF-8 becomes U+FFFD), as jose does before `JSON.parse`.
pub fn parse_bytes<T: DeserializeOwned>(bytes: &[u8]) -> serde_json::Result<T> {
    parse(&String::from_utf8_lossy(bytes))
}

/// JSON text as `JSON.stringify` writes the value.
pub fn to_text<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let text = serde_json::to_string(value)?;
    // the common case, no stand-in, keeps serde's string: no second copy
    Ok(match to_external(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(fixed) => fixed,
    })
}

/// Rewrites the unpaired surrogate escapes in JSON text (and any real
/// U+10FFFF) into their stand-ins.
pub fn to_internal(text: &str) -> Cow<'_, str> {
    // most JSON has neither an escape nor a character of plane 16: one
    // vectorised pass for the bytes that could start one says so (this
    // runs on every token payload)
    if memchr::memchr2(b'\\', 0xF4, text.as_bytes()).is_none() {
        return Cow::Borrowed(text);
    }
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => match escape_at(bytes, i) {
                Some(unit) if SURROGATES.contains(&unit) => {
                    let pair = (0xD800..0xDC00).contains(&unit)
                        && escape_at(bytes, i + 6)
                            .is_some_and(|low| (0xDC00..0xE000).contains(&low));
                    out.push_str(&text[copied..i]);
                    if pair {
                        let low = escape_at(bytes, i + 6).unwrap_or(0xDC00);
                        let code = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                        push_internal(&mut out, char::from_u32(code).unwrap_or(MARK));
                        i += 12;
                    } else {
                        out.push(MARK);
                        out.push(char::from_u32(BASE + unit - 0xD800).unwrap_or(MARK));
                        i += 6;
                    }
                    copied = i;
                }
                Some(_) => i += 6,
                // any other escape: skip both characters, so `\\u` stays text
                None => i += 2,
            },
            0xF4 if text[i..].starts_with(MARK) => {
                out.push_str(&text[copied..i]);
                out.push(MARK);
                out.push(MARK);
                i += MARK.len_utf8();
                copied = i;
            }
            _ => i += 1,
        }
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

/// A character decoded from a surrogate pair escape, as its stand-in when
/// it is U+10FFFF.
fn push_internal(out: &mut String, c: char) {
    out.push(c);
    if c == MARK {
        out.push(MARK);
    }
}

/// The code unit of a `\uXXXX` escape at `i`.
fn escape_at(bytes: &[u8], i: usize) -> Option<u32> {
    let escape = bytes.get(i..i + 6)?;
    if escape[0] != b'\\' || escape[1] != b'u' {
        return None;
    }
    u32::from_str_radix(std::str::from_utf8(&escape[2..]).ok()?, 16).ok()
}

/// Whether `text` holds a stand-in (or a real U+10FFFF): one vectorised
/// pass for the mark's first byte, which only a plane 16 character has.
fn has_stand_in(text: &str) -> bool {
    memchr::memchr(0xF4, text.as_bytes()).is_some() && text.contains(MARK)
}

/// Writes the stand-ins in JSON text back as `JSON.stringify` writes the
/// strings they stand for.
pub fn to_external(text: &str) -> Cow<'_, str> {
    if !has_stand_in(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != MARK {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some(MARK) | None => out.push(MARK),
            Some(next) => match (next as u32).checked_sub(BASE).filter(|n| *n < 0x800) {
                Some(offset) => {
                    out.push_str(&format!("\\u{:04x}", 0xD800 + offset));
                }
                // not a stand-in (cannot come from to_internal): as it is
                None => {
                    out.push(MARK);
                    out.push(next);
                }
            },
        }
    }
    Cow::Owned(out)
}

/// A string for a message or any text that is not JSON: each stand-in as
/// U+FFFD, which is what a lone surrogate becomes in UTF-8.
pub fn display(text: &str) -> Cow<'_, str> {
    if !has_stand_in(text) {
        return Cow::Borrowed(text);
    }
    let external = to_external(text);
    let mut out = String::with_capacity(external.len());
    let mut rest: &str = &external;
    while let Some(at) = rest.find("\\u") {
        out.push_str(&rest[..at]);
        match escape_at(rest.as_bytes(), at).filter(|u| SURROGATES.contains(u)) {
            Some(_) => {
                out.push('\u{FFFD}');
                rest = &rest[at + 6..];
            }
            None => {
                out.push_str("\\u");
                rest = &rest[at + 2..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn round_trip(text: &str) -> String {
        to_text(&parse::<Value>(text).unwrap()).unwrap()
    }

    #[test]
    fn numbers_beyond_f64_read_as_the_largest_of_their_sign() {
        let v: Value =
            parse(r#"{"exp":1e400,"nbf":-1E999,"x":[1e308,2e-400],"s":"1e400 \" 9e999"}"#).unwrap();
        assert_eq!(v["exp"].as_f64(), Some(f64::MAX));
        assert_eq!(v["nbf"].as_f64(), Some(f64::MIN));
        // in range, or below it (JSON.parse reads 2e-400 as 0): unchanged
        assert_eq!(v["x"][0].as_f64(), Some(1e308));
        assert_eq!(v["x"][1].as_f64(), Some(0.0));
        // a string that looks like numbers stays the string it is
        assert_eq!(v["s"], json!("1e400 \" 9e999"));
        // JSON that is malformed for another reason stays malformed
        assert!(parse::<Value>("[1e400,]").is_err());
        assert!(parse::<Value>("[1e400").is_err());
        // the reader sees the text once when nothing is out of range
        let calls = std::cell::Cell::new(0);
        let _ = read("[1]", |json| {
            calls.set(calls.get() + 1);
            serde_json::from_str::<Value>(json)
        });
        assert_eq!(calls.get(), 1);
    }

    #[test]
    fn any_text_reads_without_panicking_and_in_range_text_as_serde_reads_it() {
        // JSON-ish text from an alphabet of numbers' characters, quotes,
        // escapes and multi-byte characters, through the rewrite
        const PIECES: &[&str] = &[
            "1",
            "9",
            "0",
            "-",
            "+",
            ".",
            "e",
            "E",
            "400",
            "\"",
            "\\",
            "\\u",
            "d800",
            "é",
            "\u{10FFFF}",
            "[",
            "]",
            "{",
            "}",
            ":",
            ",",
            " ",
            "1e400",
            "-1e999",
            "\"a\"",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..(state % 12) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push_str(PIECES[(state % PIECES.len() as u64) as usize]);
            }
            let ours = parse::<Value>(&text);
            if let Ok(theirs) = serde_json::from_str::<Value>(&to_internal(&text)) {
                assert_eq!(ours.ok(), Some(theirs), "{text}");
            }
        }
    }

    #[test]
    fn lone_surrogates_round_trip_as_javascript_writes_them() {
        assert_eq!(round_trip(r#"{"a":"\ud800"}"#), r#"{"a":"\ud800"}"#);
        assert_eq!(round_trip(r#"{"a":"x\udfffy"}"#), r#"{"a":"x\udfffy"}"#);
        assert_eq!(round_trip(r#"["\udc00\ud800"]"#), r#"["\udc00\ud800"]"#);
        // a pair is a character, written raw as JSON.stringify writes it
        assert_eq!(round_trip(r#"["\ud83d\ude00"]"#), "[\"\u{1F600}\"]");
        // `\\u` is an escaped backslash, not an escape
        assert_eq!(round_trip(r#"["\\ud800"]"#), r#"["\\ud800"]"#);
        // keys too
        assert_eq!(round_trip(r#"{"\ud800":1}"#), r#"{"\ud800":1}"#);
    }

    #[test]
    fn the_mapping_keeps_strings_apart_exactly_when_javascript_does() {
        let parsed = |text: &str| parse::<Value>(text).unwrap();
        let lone = parsed(r#""\ud800""#);
        assert_eq!(lone, parsed(r#""\uD800""#));
        assert_ne!(lone, parsed(r#""\ufffd""#));
        assert_ne!(lone, parsed("\"\u{10F000}\""));
        assert_ne!(lone, parsed("\"\u{10FFFF}\u{10F000}\""));
        // a real U+10FFFF survives, escaped or raw
        let max = parsed("\"\u{10FFFF}\"");
        assert_eq!(max, parsed(r#""\udbff\udfff""#));
        assert_eq!(to_text(&max).unwrap(), "\"\u{10FFFF}\"");
        assert_eq!(
            to_text(&parsed("\"\u{10FFFF}\u{10F000}\"")).unwrap(),
            "\"\u{10FFFF}\u{10F000}\""
        );
    }

    #[test]
    fn text_without_escapes_is_borrowed() {
        assert!(matches!(to_internal(r#"{"a":"b"}"#), Cow::Borrowed(_)));
        assert!(matches!(to_external(r#"{"a":"b"}"#), Cow::Borrowed(_)));
        assert_eq!(
            parse::<Value>(r#"{"a":"\n\u0041"}"#).unwrap(),
            json!({"a": "\nA"})
        );
    }

    #[test]
    fn bytes_are_read_as_node_reads_a_buffer() {
        let value: Value = parse_bytes(b"{\"a\":\"\xff\"}").unwrap();
        assert_eq!(value, json!({"a": "\u{FFFD}"}));
    }

    #[test]
    fn display_shows_stand_ins_as_replacement_characters() {
        let value: Value = parse(r#""a\ud800b""#).unwrap();
        assert_eq!(display(value.as_str().unwrap()), "a\u{FFFD}b");
        assert_eq!(display("plain"), "plain");
    }
}
