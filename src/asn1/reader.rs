//! DER reading over a borrowed buffer. Every read either consumes one
//! complete element from the front or leaves the reader untouched and fails.

use super::{tag, Malformed};

/// How deep constructed elements may nest. The structures read here go about
/// six levels deep; the limit only guards against hostile input.
pub const MAX_DEPTH: usize = 16;

/// Longest length-of-length accepted: four octets, i.e. contents under 4 GiB.
const MAX_LENGTH_OCTETS: usize = 4;

/// One element as found in the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tlv<'a> {
    pub tag: u8,
    /// The contents octets only.
    pub contents: &'a [u8],
    /// The whole element: tag, length and contents.
    pub encoded: &'a [u8],
}

/// A cursor over a sequence of DER elements (a whole input, or the contents
/// of one constructed element).
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    rest: &'a [u8],
    depth: usize,
}

type Result<T> = std::result::Result<T, Malformed>;

impl<'a> Reader<'a> {
    pub fn new(input: &'a [u8]) -> Self {
        Reader {
            rest: input,
            depth: 0,
        }
    }

    /// Runs `read` over `input` and requires it to consume every byte, so
    /// trailing garbage after a structure is an error rather than ignored.
    pub fn parse_all<T, E: From<Malformed>>(
        input: &'a [u8],
        read: impl FnOnce(&mut Reader<'a>) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let mut reader = Reader::new(input);
        let value = read(&mut reader)?;
        reader.finish()?;
        Ok(value)
    }

    pub fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }

    /// The tag of the next element, if any, without consuming it.
    pub fn peek_tag(&self) -> Option<u8> {
        self.rest.first().copied()
    }

    /// Succeeds only when everything has been read.
    pub fn finish(&self) -> Result<()> {
        if self.rest.is_empty() {
            Ok(())
        } else {
            Err(Malformed)
        }
    }

    /// Reads the next element whatever its tag.
    pub fn read_any(&mut self) -> Result<Tlv<'a>> {
        let input = self.rest;
        let (&tag, after_tag) = input.split_first().ok_or(Malformed)?;
        // High tag numbers (0x1f) never occur in the structures read here.
        if tag & 0x1f == 0x1f {
            return Err(Malformed);
        }
        let (len, after_len) = read_length(after_tag)?;
        if len > after_len.len() {
            return Err(Malformed);
        }
        let (contents, rest) = after_len.split_at(len);
        let header_len = input.len() - after_len.len();
        let encoded = input.get(..header_len + len).ok_or(Malformed)?;
        self.rest = rest;
        Ok(Tlv {
            tag,
            contents,
            encoded,
        })
    }

    /// Reads the next element, which must carry `expected`; returns its contents.
    pub fn read_element(&mut self, expected: u8) -> Result<&'a [u8]> {
        if self.peek_tag() != Some(expected) {
            return Err(Malformed);
        }
        Ok(self.read_any()?.contents)
    }

    /// Reads the next element only if it carries `expected`.
    pub fn read_optional(&mut self, expected: u8) -> Result<Option<&'a [u8]>> {
        if self.peek_tag() == Some(expected) {
            self.read_element(expected).map(Some)
        } else {
            Ok(None)
        }
    }

    /// Enters a constructed element tagged `expected`: returns a reader over
    /// its contents.
    pub fn read_constructed(&mut self, expected: u8) -> Result<Reader<'a>> {
        if expected & 0x20 == 0 || self.depth >= MAX_DEPTH {
            return Err(Malformed);
        }
        let contents = self.read_element(expected)?;
        Ok(Reader {
            rest: contents,
            depth: self.depth + 1,
        })
    }

    pub fn read_optional_constructed(&mut self, expected: u8) -> Result<Option<Reader<'a>>> {
        if self.peek_tag() == Some(expected) {
            self.read_constructed(expected).map(Some)
        } else {
            Ok(None)
        }
    }

    pub fn read_sequence(&mut self) -> Result<Reader<'a>> {
        self.read_constructed(tag::SEQUENCE)
    }

    /// Reads an INTEGER that must not be negative and returns its magnitude,
    /// big-endian without the sign octet (zero reads as a single 0x00).
    pub fn read_unsigned(&mut self) -> Result<&'a [u8]> {
        self.attempt(|r| match r.read_integer_contents()? {
            [first, ..] if first & 0x80 != 0 => Err(Malformed),
            [0, rest @ ..] if !rest.is_empty() => Ok(rest),
            contents => Ok(contents),
        })
    }

    /// Reads a non-negative INTEGER that fits in a `u64` (versions, counts).
    pub fn read_small_unsigned(&mut self) -> Result<u64> {
        self.attempt(|r| {
            let magnitude = r.read_unsigned()?;
            if magnitude.len() > 8 {
                return Err(Malformed);
            }
            Ok(magnitude
                .iter()
                .fold(0u64, |value, byte| (value << 8) | u64::from(*byte)))
        })
    }

    /// Reads an INTEGER of any sign, returning its two's complement contents
    /// (for values only skipped over or compared, like serial numbers).
    pub fn read_integer_contents(&mut self) -> Result<&'a [u8]> {
        // DER: at least one octet, and no redundant leading 0x00 / 0xff.
        self.attempt(|r| match r.read_element(tag::INTEGER)? {
            [] => Err(Malformed),
            [0x00, next, ..] if next & 0x80 == 0 => Err(Malformed),
            [0xff, next, ..] if next & 0x80 != 0 => Err(Malformed),
            contents => Ok(contents),
        })
    }

    pub fn read_octet_string(&mut self) -> Result<&'a [u8]> {
        self.read_element(tag::OCTET_STRING)
    }

    /// Reads a BIT STRING holding whole octets (no unused bits), as every key
    /// and signature encoding does.
    pub fn read_bit_string(&mut self) -> Result<&'a [u8]> {
        self.read_bit_string_tagged(tag::BIT_STRING)
    }

    /// A BIT STRING under an IMPLICIT tag.
    pub fn read_bit_string_tagged(&mut self, expected: u8) -> Result<&'a [u8]> {
        self.attempt(|r| match r.read_element(expected)? {
            [0, bits @ ..] => Ok(bits),
            _ => Err(Malformed),
        })
    }

    /// Reads an OBJECT IDENTIFIER and returns its encoded contents, to be
    /// compared against the constants in [`super::oid`].
    pub fn read_oid(&mut self) -> Result<&'a [u8]> {
        self.attempt(|r| {
            let contents = r.read_element(tag::OBJECT_IDENTIFIER)?;
            if is_valid_oid(contents) {
                Ok(contents)
            } else {
                Err(Malformed)
            }
        })
    }

    pub fn read_null(&mut self) -> Result<()> {
        self.attempt(|r| match r.read_element(tag::NULL)? {
            [] => Ok(()),
            _ => Err(Malformed),
        })
    }

    /// Runs a compound read on a copy and keeps its progress only on success.
    fn attempt<T>(&mut self, read: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        let mut probe = self.clone();
        let value = read(&mut probe)?;
        *self = probe;
        Ok(value)
    }
}

/// Parses a definite length in minimal form; returns it and what follows.
fn read_length(input: &[u8]) -> Result<(usize, &[u8])> {
    let (&first, rest) = input.split_first().ok_or(Malformed)?;
    if first < 0x80 {
        return Ok((usize::from(first), rest));
    }
    // 0x80 is BER's indefinite length; 0xff is reserved.
    let count = usize::from(first & 0x7f);
    if count == 0 || count > MAX_LENGTH_OCTETS {
        return Err(Malformed);
    }
    let (octets, rest) = rest.split_at_checked(count).ok_or(Malformed)?;
    if octets.first() == Some(&0) {
        return Err(Malformed);
    }
    let len = octets
        .iter()
        .fold(0usize, |len, byte| (len << 8) | usize::from(*byte));
    // A length under 128 must use the short form.
    if len < 0x80 {
        return Err(Malformed);
    }
    Ok((len, rest))
}

/// Every sub-identifier minimally encoded (no leading 0x80) and terminated.
fn is_valid_oid(contents: &[u8]) -> bool {
    let mut at_start = true;
    for byte in contents {
        if at_start && *byte == 0x80 {
            return false;
        }
        at_start = byte & 0x80 == 0;
    }
    !contents.is_empty() && at_start
}
