//! base64url (no padding) as JOSE uses it, and standard base64 for PEM / x5c.

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::{alphabet, Engine};

use crate::error::{Error, Kind, Result};

/// Lenient about trailing padding on input, as jose 1.x is when it reads JWKs.
const URL_LENIENT: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

pub fn encode(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Decodes base64url; the error is jose's `JOSEInvalidEncoding`.
pub fn decode(text: &str) -> Result<Vec<u8>> {
    URL_LENIENT.decode(text).map_err(|_| {
        Error::new(
            Kind::InvalidEncoding,
            "input is not a valid base64url encoded string",
        )
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_without_padding() {
        assert_eq!(encode(b"\xfb\xff"), "-_8");
        assert_eq!(decode("-_8").unwrap(), b"\xfb\xff");
        assert_eq!(decode("-_8=").unwrap(), b"\xfb\xff");
    }

    #[test]
    fn rejects_foreign_alphabet() {
        assert_eq!(decode("+/8").unwrap_err().kind, Kind::InvalidEncoding);
    }
}
