//! DER writing. Each function returns one complete element; constructed
//! elements are built from already encoded children.
//!
//! Private keys are written with these too, so the working copies made
//! here are wiped when dropped, and each result is allocated once at its
//! final size (no reallocation leaves a copy behind). What the caller gets
//! back it wipes itself where it holds a secret.

use zeroize::Zeroizing;

use super::tag;

/// One element with `contents`, length in minimal definite form.
pub fn tlv(tag: u8, contents: &[u8]) -> Vec<u8> {
    // Tag, and a length of up to 2^64 - 1 in at most 9 octets.
    let mut out = Vec::with_capacity(contents.len() + 10);
    out.push(tag);
    push_length(&mut out, contents.len());
    out.extend_from_slice(contents);
    out
}

fn push_length(out: &mut Vec<u8>, len: usize) {
    if len < 0x80 {
        out.push(len as u8);
        return;
    }
    let octets = len.to_be_bytes();
    // len >= 0x80 here, so at least one octet is significant.
    let significant = &octets[(len.leading_zeros() / 8) as usize..];
    out.push(0x80 | significant.len() as u8);
    out.extend_from_slice(significant);
}

/// SEQUENCE of the given encoded elements, in order.
pub fn sequence(elements: &[&[u8]]) -> Vec<u8> {
    tlv(tag::SEQUENCE, &Zeroizing::new(elements.concat()))
}

/// A context-specific element `tag` (e.g. [`tag::CONTEXT_0`]) around
/// already encoded contents.
pub fn context(tag: u8, contents: &[u8]) -> Vec<u8> {
    tlv(tag, contents)
}

/// A non-negative INTEGER from an unsigned big-endian magnitude: leading
/// zeros are dropped and a 0x00 sign octet added when the top bit is set.
pub fn integer(magnitude: &[u8]) -> Vec<u8> {
    let start = magnitude
        .iter()
        .position(|b| *b != 0)
        .unwrap_or(magnitude.len());
    let significant = &magnitude[start..];
    let mut contents = Zeroizing::new(Vec::with_capacity(significant.len() + 1));
    if significant.first().is_none_or(|b| b & 0x80 != 0) {
        contents.push(0);
    }
    contents.extend_from_slice(significant);
    tlv(tag::INTEGER, &contents)
}

pub fn small_integer(value: u64) -> Vec<u8> {
    integer(&value.to_be_bytes())
}

pub fn octet_string(bytes: &[u8]) -> Vec<u8> {
    tlv(tag::OCTET_STRING, bytes)
}

/// A BIT STRING of whole octets (unused-bits octet 0).
pub fn bit_string(bytes: &[u8]) -> Vec<u8> {
    let mut contents = Zeroizing::new(Vec::with_capacity(bytes.len() + 1));
    contents.push(0);
    contents.extend_from_slice(bytes);
    tlv(tag::BIT_STRING, &contents)
}

/// An OBJECT IDENTIFIER from its encoded contents (see [`super::oid`]).
pub fn object_identifier(encoded: &[u8]) -> Vec<u8> {
    tlv(tag::OBJECT_IDENTIFIER, encoded)
}

pub fn null() -> Vec<u8> {
    vec![tag::NULL, 0]
}
