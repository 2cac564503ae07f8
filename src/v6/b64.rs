//! base64url as jose 6 decodes it on Node 20: the text goes through
//! `atob` after `-`/`_` become `+`/`/`, so it is forgiving base64 (ASCII
//! whitespace skipped, `=` padding optional, leftover bits dropped), but a
//! `+` or `/` in the input is refused.

use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine;

const FORGIVING: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::RequireNone)
        .with_decode_allow_trailing_bits(true),
);

/// The bytes, or `None` where jose 6 throws.
pub fn decode(text: &str) -> Option<Vec<u8>> {
    if let Ok(bytes) = FORGIVING.decode(text) {
        return Some(bytes);
    }
    // the slow path: whitespace and padding, which atob takes
    let mut compact: String = text
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\u{c}' | '\r' | ' '))
        .collect();
    if compact.len().is_multiple_of(4) {
        let strip = if compact.ends_with("==") {
            2
        } else {
            usize::from(compact.ends_with('='))
        };
        compact.truncate(compact.len() - strip);
    }
    if compact.len() % 4 == 1 {
        return None;
    }
    FORGIVING.decode(compact).ok()
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn forgiving_like_atob() {
        assert_eq!(decode("YQ").unwrap(), b"a");
        assert_eq!(decode("YQ==").unwrap(), b"a");
        assert_eq!(decode(" Y Q\n").unwrap(), b"a");
        assert_eq!(decode("YR").unwrap(), b"a", "leftover bits dropped");
        assert_eq!(decode("-_8").unwrap(), [0xfb, 0xff]);
        assert_eq!(decode("").unwrap(), b"");
        for bad in [
            "Y", "YQ=", "Y===", "+w", "/w", "YQ.", "Y\u{e9}", "=YQ", "YQ===",
        ] {
            assert_eq!(decode(bad), None, "{bad:?}");
        }
    }
}
