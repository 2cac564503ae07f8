//! The one writer of a compact JWS (`segment.payload.signature`), for
//! jose 1.x's `JWT.sign` and jose 6's `SignJWT` / `CompactSign` alike: the
//! signing input is built once, in a string with room for the signature,
//! which is then appended to it. No part is copied twice.

use crate::b64;
use crate::error::Result;

/// Room for the longest signature's base64url after the signing input:
/// RSA-4096 (512 bytes) is 683 characters; larger keys grow the string.
const SIGNATURE_ROOM: usize = 700;

/// `segment.b64url(payload)`, the signing input of an encoded payload.
pub fn signing_input(segment: &str, payload: &[u8]) -> String {
    let mut input =
        String::with_capacity(segment.len() + 2 + payload.len().div_ceil(3) * 4 + SIGNATURE_ROOM);
    input.push_str(segment);
    input.push('.');
    b64::encode_onto(payload, &mut input);
    input
}

/// The compact JWS: the signing input, `.`, the signature's base64url.
pub fn finish(mut input: String, signature: &[u8]) -> String {
    input.push('.');
    b64::encode_onto(signature, &mut input);
    input
}

/// Signs `payload` under a protected header segment and writes the compact
/// JWS.
pub fn write(
    segment: &str,
    payload: &[u8],
    sign: impl FnOnce(&[u8]) -> Result<Vec<u8>>,
) -> Result<String> {
    let input = signing_input(segment, payload);
    let signature = sign(input.as_bytes())?;
    Ok(finish(input, &signature))
}
