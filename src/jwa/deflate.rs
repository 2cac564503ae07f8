//! `zip: "DEF"`: raw DEFLATE (RFC 1951) of the JWE plaintext, as jose does
//! with zlib's deflateRaw/inflateRaw. Inflation has a hard output cap so a
//! small ciphertext cannot expand into an unbounded allocation.

use std::io::Write;

use flate2::write::DeflateEncoder;
use flate2::{Compression, Decompress, FlushDecompress, Status};

use crate::error::{Error, Kind, Result};

/// Inflation works through a fixed buffer of this size, so memory stays at
/// about the cap plus one chunk however far the stream would expand.
const CHUNK: usize = 32 * 1024;

/// Compresses at zlib's default level, as Node's `deflateRawSync` does.
pub fn compress(plaintext: &[u8]) -> Result<Vec<u8>> {
    let mut encoder = DeflateEncoder::new(Vec::new(), Compression::default());
    encoder
        .write_all(plaintext)
        .and_then(|()| encoder.finish())
        .map_err(|_| Error::new(Kind::JweInvalid, "compression failed"))
}

/// Inflates `data`, failing with `JWEInvalid` as soon as the output would
/// pass `max_output` bytes, or when the stream is corrupt or truncated.
pub fn decompress(data: &[u8], max_output: usize) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    inflate_into(data, max_output, &mut out)?;
    Ok(out)
}

fn inflate_into(data: &[u8], max_output: usize, out: &mut Vec<u8>) -> Result<()> {
    let mut inflater = Decompress::new(false);
    let mut buf = vec![0u8; CHUNK];
    loop {
        let (in_before, out_before) = (inflater.total_in(), inflater.total_out());
        let consumed = usize::try_from(in_before).map_err(|_| corrupt())?;
        let rest = data.get(consumed..).ok_or_else(corrupt)?;
        let status = inflater
            .decompress(rest, &mut buf, FlushDecompress::None)
            .map_err(|_| corrupt())?;
        let produced = usize::try_from(inflater.total_out() - out_before).map_err(|_| corrupt())?;
        if produced > max_output.saturating_sub(out.len()) {
            return Err(Error::new(
                Kind::JweInvalid,
                "decompressed plaintext exceeds the allowed size",
            ));
        }
        out.extend_from_slice(&buf[..produced]);
        match status {
            Status::StreamEnd => return Ok(()),
            // No input taken and no output made: the stream ended early.
            _ if produced == 0 && inflater.total_in() == in_before => return Err(corrupt()),
            _ => {}
        }
    }
}

fn corrupt() -> Error {
    Error::new(Kind::JweInvalid, "invalid compressed plaintext")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwa::aes_kw;
    use crate::jwa::jwe_algs::{EncAlg, KeyAlg};
    use crate::jwa::test_vectors::*;
    use flate2::{Compress, FlushCompress};

    fn rfc7520_5_9_compressed() -> Vec<u8> {
        let c = &DEFLATE_A128KW_A128GCM;
        let kw = KeyAlg::from_name("A128KW").unwrap();
        let cek = aes_kw::unwrap(kw, &b(DEFLATE_A128KW_A128GCM_K), &b(c.encrypted_key)).unwrap();
        let enc = EncAlg::from_name("A128GCM").unwrap();
        c.open(enc, &cek).unwrap()
    }

    #[test]
    fn rfc7520_5_9_inflates_to_the_plaintext() {
        let compressed = rfc7520_5_9_compressed();
        assert!(compressed.len() < PLAINTEXT.len());
        assert_eq!(
            decompress(&compressed, 1 << 20).unwrap(),
            PLAINTEXT.as_bytes()
        );
    }

    #[test]
    fn compress_round_trips() {
        for data in [
            Vec::new(),
            PLAINTEXT.as_bytes().to_vec(),
            vec![0xab; 200_000],
        ] {
            let z = compress(&data).unwrap();
            assert_eq!(decompress(&z, data.len()).unwrap(), data);
        }
    }

    #[test]
    fn cap_is_exact() {
        let z = compress(PLAINTEXT.as_bytes()).unwrap();
        let n = PLAINTEXT.len();
        assert!(decompress(&z, n).is_ok());
        let err = decompress(&z, n - 1).unwrap_err();
        assert_eq!(err.kind, Kind::JweInvalid);
    }

    /// A raw DEFLATE stream that inflates to `mib` MiB of zeros, built from
    /// one repeated sync-flushed 1 MiB block run so the test never holds the
    /// expanded data.
    fn zero_bomb(mib: usize) -> Vec<u8> {
        let zeros = vec![0u8; 1 << 20];
        let mut c = Compress::new(Compression::best(), false);
        let mut piece = Vec::with_capacity(1 << 16);
        c.compress_vec(&zeros, &mut piece, FlushCompress::Sync)
            .unwrap();
        assert_eq!(c.total_in(), zeros.len() as u64);
        let mut bomb = Vec::with_capacity(piece.len() * mib + 8);
        for _ in 0..mib {
            bomb.extend_from_slice(&piece);
        }
        // A final empty fixed-Huffman block closes the stream.
        bomb.extend_from_slice(&[0x03, 0x00]);
        bomb
    }

    #[test]
    fn bomb_is_refused_without_expanding_it() {
        let bomb = zero_bomb(256);
        assert!(
            bomb.len() < 1 << 20,
            "bomb input stays small: {}",
            bomb.len()
        );
        // The bomb is well formed: a small slice of it inflates fine.
        let small = {
            let mut b = zero_bomb(2);
            b.shrink_to_fit();
            b
        };
        assert_eq!(decompress(&small, 2 << 20).unwrap().len(), 2 << 20);

        let cap = 1 << 20;
        let mut out = Vec::new();
        let err = inflate_into(&bomb, cap, &mut out).unwrap_err();
        assert_eq!(err.kind, Kind::JweInvalid);
        assert_eq!(
            err.message,
            "decompressed plaintext exceeds the allowed size"
        );
        // Never more than the cap was kept, and the buffer never grew to
        // anything near the 256 MiB the stream describes.
        assert!(out.len() <= cap);
        assert!(
            out.capacity() <= 2 * cap + CHUNK,
            "capacity {}",
            out.capacity()
        );
    }

    #[test]
    fn corrupt_and_truncated_streams_are_refused() {
        let z = compress(PLAINTEXT.as_bytes()).unwrap();
        let err = decompress(&z[..z.len() / 2], 1 << 20).unwrap_err();
        assert_eq!(
            (err.kind, err.message.as_str()),
            (Kind::JweInvalid, "invalid compressed plaintext")
        );
        assert_eq!(decompress(&[], 1 << 20).unwrap_err().kind, Kind::JweInvalid);
        // BTYPE = 11 is reserved.
        assert_eq!(
            decompress(&[0x07, 0x00], 1 << 20).unwrap_err().kind,
            Kind::JweInvalid
        );
    }
}
