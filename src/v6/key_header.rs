//! The curve of an ECDH key in SPKI or PKCS#8 DER as jose 6's `importSPKI`
//! and `importPKCS8` find it: only the headers on the way to the
//! AlgorithmIdentifier are walked (the outer SEQUENCE's length is not
//! followed, a PKCS#8 version is stepped over), then the algorithm OID and,
//! for `id-ecPublicKey`, the curve OID are read. What the rest holds is
//! WebCrypto's to judge, so a truncated or padded key still finds its curve.
//! (The whole structure is the core's to read: `jwk::der`.)

use der::asn1::ObjectIdentifier;
use der::{Decode, Header, Reader, SliceReader, Tag};

use crate::asn1::oid;
use crate::jwk::der::ec_curve;
use crate::jwk::material::EcCurve;

/// `"X25519"`, `"P-256"`, `"P-384"` or `"P-521"`; `None` where jose 6
/// fails ("Invalid or unsupported key format").
pub fn ecdh_curve(der: &[u8], pkcs8: bool) -> Option<&'static str> {
    let mut reader = SliceReader::new(der).ok()?;
    expect(&mut reader, Tag::Sequence)?;
    if pkcs8 {
        let version = expect(&mut reader, Tag::Integer)?;
        reader.read_slice(version.length()).ok()?;
    }
    expect(&mut reader, Tag::Sequence)?;
    let algorithm = ObjectIdentifier::decode(&mut reader).ok()?;
    if algorithm == oid::X25519 {
        return Some("X25519");
    }
    if algorithm != oid::EC_PUBLIC_KEY {
        return None;
    }
    let curve = ObjectIdentifier::decode(&mut reader).ok()?;
    // jose 6 names the NIST curves only (WebCrypto has no secp256k1)
    ec_curve(curve)
        .filter(|curve| *curve != EcCurve::Secp256k1)
        .map(EcCurve::name)
}

/// A header of `tag`, its contents left for the caller.
fn expect(reader: &mut SliceReader<'_>, tag: Tag) -> Option<Header> {
    Header::decode(reader)
        .ok()
        .filter(|header| header.tag() == tag)
}

#[cfg(test)]
mod tests {
    use super::ecdh_curve;

    #[test]
    fn only_the_headers_on_the_way_are_read() {
        // SPKI { AlgorithmIdentifier { id-ecPublicKey, prime256v1 }, ... }
        // with an outer length far beyond the input, as a truncated key has.
        let header = [0x30, 0x82, 0x7f, 0xff, 0x30, 0x13];
        let ec = [0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
        let p256 = [0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
        let spki = [&header[..], &ec, &p256].concat();
        assert_eq!(ecdh_curve(&spki, false), Some("P-256"));
        // PKCS#8 steps over its version first.
        let pkcs8 = [&header[..4], &[0x02, 0x01, 0x00], &header[4..], &ec, &p256].concat();
        assert_eq!(ecdh_curve(&pkcs8, true), Some("P-256"));
        assert_eq!(ecdh_curve(&spki, true), None);
        // X25519 names no curve parameter.
        let x25519 = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e];
        assert_eq!(ecdh_curve(&x25519, false), Some("X25519"));
        // Ed25519 and secp256k1 are not ECDH keys jose 6 takes.
        assert_eq!(
            ecdh_curve(
                &[0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70],
                false
            ),
            None
        );
        let k1 = [0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x0a];
        assert_eq!(ecdh_curve(&[&header[..], &ec, &k1].concat(), false), None);
        assert_eq!(ecdh_curve(&spki[..12], false), None);
    }
}
