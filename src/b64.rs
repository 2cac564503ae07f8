//! base64url (no padding) as JOSE uses it, and standard base64 for PEM / x5c.

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::{alphabet, Engine};

/// base64url without padding, leftover bits dropped: the subset of
/// `decode_like_node`'s input that needs none of its leniency.
const URL_NO_PAD_TRAILING: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::RequireNone)
        .with_decode_allow_trailing_bits(true),
);

pub fn encode(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// [`encode`], appended to `out`.
pub fn encode_onto(bytes: &[u8], out: &mut String) {
    URL_SAFE_NO_PAD.encode_string(bytes, out)
}

pub fn encode_std(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}

/// Standard base64 that ignores ASCII whitespace, as PEM bodies and x5c need.
pub fn decode_std_lenient(text: &str) -> Option<Vec<u8>> {
    let compact: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    GeneralPurpose::new(
        &alphabet::STANDARD,
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
    )
    .decode(compact)
    .ok()
}

/// Decodes as Node's `Buffer.from(text, 'base64')`, which is how jose 1.x
/// reads every base64url value (token segments, JWE members, JWK members):
/// both alphabets, characters outside them skipped, decoding stopped by the
/// first `=`, leftover bits dropped. It never fails, so neither does jose
/// (its `JOSEInvalidEncoding` is never thrown). Node reads each UTF-16 code
/// unit by its low byte, so that is what counts here.
pub fn decode(text: &str) -> Vec<u8> {
    // Plain base64url, what every real token holds, decodes the same
    // either way; the engine does it several times faster.
    if let Ok(bytes) = URL_NO_PAD_TRAILING.decode(text) {
        return bytes;
    }
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut bits: u32 = 0;
    let mut count = 0;
    for unit in text.encode_utf16() {
        let sextet = match unit as u8 {
            c @ b'A'..=b'Z' => c - b'A',
            c @ b'a'..=b'z' => c - b'a' + 26,
            c @ b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' => break,
            _ => continue,
        };
        bits = (bits << 6) | u32::from(sextet);
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_without_padding() {
        assert_eq!(encode(b"\xfb\xff"), "-_8");
        assert_eq!(decode("-_8"), b"\xfb\xff");
        assert_eq!(decode("-_8="), b"\xfb\xff");
    }

    #[test]
    fn node_style_decoding() {
        // Each expectation is what Node 20's Buffer.from(text, 'base64') gives.
        for (text, hex) in [
            ("YWJj", "616263"),
            ("YWJ", "6162"),
            ("YWJjZA==", "61626364"),
            ("YW=JjZA", "61"),
            ("YW JjZA", "61626364"),
            ("YW*JjZA", "61626364"),
            ("-_8", "fbff"),
            ("+/8", "fbff"),
            ("Y", ""),
            ("YR", "61"),
            ("=YWJj", ""),
            ("YWJjZA==YWJj", "61626364"),
            ("YW\u{e9}Jj", "616263"),
            ("YW\u{161}Jj", "616689"),
            ("YW\u{13d}Jj", "61"),
            ("YW\u{1F600}Jj", "61"),
        ] {
            let got: String = decode(text).iter().map(|b| format!("{b:02x}")).collect();
            assert_eq!(got, hex, "{text:?}");
        }
    }
}
