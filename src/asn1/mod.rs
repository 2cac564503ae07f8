//! A small, strict DER codec: just what key, certificate and PBES2 structures
//! need. The reader accepts definite lengths in minimal form only, low tag
//! numbers only and minimally encoded INTEGERs, and checks every bound, so it
//! can be fed arbitrary bytes: the worst outcome is [`Malformed`]. The writer
//! produces the canonical DER the reader accepts.

pub mod oid;
mod reader;
mod writer;

pub use reader::{Reader, Tlv, MAX_DEPTH};
pub use writer::{
    bit_string, context, integer, null, object_identifier, octet_string, sequence, small_integer,
    tlv,
};

use crate::error::Error;

/// Tag bytes (class, constructed bit and number in one octet).
pub mod tag {
    pub const INTEGER: u8 = 0x02;
    pub const BIT_STRING: u8 = 0x03;
    pub const OCTET_STRING: u8 = 0x04;
    pub const NULL: u8 = 0x05;
    pub const OBJECT_IDENTIFIER: u8 = 0x06;
    pub const SEQUENCE: u8 = 0x30;
    pub const SET: u8 = 0x31;
    /// `[0]` constructed: EXPLICIT tagging, or IMPLICIT over a SEQUENCE/SET.
    pub const CONTEXT_0: u8 = 0xa0;
    /// `[1]` constructed.
    pub const CONTEXT_1: u8 = 0xa1;
    /// `[1] IMPLICIT` over a primitive type (PKCS#8 v2 `publicKey` BIT STRING).
    pub const CONTEXT_1_PRIMITIVE: u8 = 0x81;
}

/// The input is not the DER structure that was expected. Deliberately
/// without detail: key import reports one message for every malformed key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Malformed;

impl From<Malformed> for Error {
    fn from(_: Malformed) -> Self {
        Error::import_failed()
    }
}

#[cfg(test)]
mod tests;
