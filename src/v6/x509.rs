//! A certificate's SubjectPublicKeyInfo as jose 6's `importX509` finds it:
//! it walks only the headers on the way (the Certificate and
//! tbsCertificate SEQUENCEs, the optional `[0]` version and the five
//! elements before the key, whatever they hold) and takes the SPKI
//! SEQUENCE; what follows, inside the certificate or after it, is never
//! read. WebCrypto then judges the SPKI itself. (jose 1.x's strict reading
//! of a whole certificate is `jwk::x509`.)

use der::{Decode, Reader, SliceReader, Tag, TagNumber};

use crate::error::{Error, Result};

/// The SPKI's DER, as encoded in the certificate.
pub fn spki_of_certificate(der: &[u8]) -> Result<Vec<u8>> {
    let invalid =
        |what: &'static str| move |_| Error::type_error(format!("Invalid {what} structure"));
    let certificate = contents_of_sequence(der).map_err(invalid("certificate"))?;
    let tbs = contents_of_sequence(certificate).map_err(invalid("tbsCertificate"))?;
    let mut fields = SliceReader::new(tbs).map_err(invalid("tbsCertificate"))?;
    let version = Tag::ContextSpecific {
        constructed: true,
        number: TagNumber(0),
    };
    let skipped = if Tag::peek(&fields).ok() == Some(version) {
        6
    } else {
        5
    };
    for _ in 0..skipped {
        fields.tlv_bytes().map_err(invalid("tbsCertificate"))?;
    }
    let spki = Tag::peek(&fields)
        .and_then(|tag| tag.assert_eq(Tag::Sequence))
        .and_then(|_| fields.tlv_bytes())
        .map_err(invalid("SPKI"))?;
    Ok(spki.to_vec())
}

/// The contents of the SEQUENCE `bytes` start with; what follows it is
/// never read.
fn contents_of_sequence(bytes: &[u8]) -> der::Result<&[u8]> {
    let mut reader = SliceReader::new(bytes)?;
    let header = der::Header::decode(&mut reader)?;
    header.tag().assert_eq(Tag::Sequence)?;
    reader.read_slice(header.length())
}

#[cfg(test)]
mod tests {
    use super::spki_of_certificate;

    #[test]
    fn only_the_path_to_the_key_is_read() {
        // Certificate { tbs { [0] v3, serial, sigAlg, issuer, validity,
        // subject, SPKI { NULL } }, then bytes that are no signature } and
        // trailing bytes after the certificate
        let spki = [0x30, 0x02, 0x05, 0x00];
        let mut tbs = vec![0xa0, 0x03, 0x02, 0x01, 0x02];
        for _ in 0..5 {
            tbs.extend_from_slice(&[0x02, 0x01, 0x01]);
        }
        tbs.extend_from_slice(&spki);
        let mut cert = vec![0x30, tbs.len() as u8];
        cert.extend_from_slice(&tbs);
        cert.extend_from_slice(&[0xff, 0xff]);
        let mut der = vec![0x30, cert.len() as u8];
        der.extend_from_slice(&cert);
        der.extend_from_slice(b"trailing");
        assert_eq!(spki_of_certificate(&der).unwrap(), spki);
        assert_eq!(
            spki_of_certificate(&der[..4]).unwrap_err().message,
            "Invalid certificate structure"
        );
    }
}
