//! A certificate's SubjectPublicKeyInfo as jose 6's `importX509` finds it:
//! it walks only the headers on the way (the Certificate and
//! tbsCertificate SEQUENCEs, the optional `[0]` version and the five
//! elements before the key, whatever they hold) and takes the SPKI
//! SEQUENCE; what follows, inside the certificate or after it, is never
//! read. WebCrypto then judges the SPKI itself. (jose 1.x's strict reading
//! of a whole certificate is `jwk::x509`.)

use crate::asn1::{tag, Reader};
use crate::error::{Error, Result};

/// The SPKI's DER, as encoded in the certificate.
pub fn spki_of_certificate(der: &[u8]) -> Result<Vec<u8>> {
    let invalid = |what: &str| Error::type_error(format!("Invalid {what} structure"));
    let mut outer = Reader::new(der);
    let mut certificate = outer.read_sequence().map_err(|_| invalid("certificate"))?;
    let mut tbs = certificate
        .read_sequence()
        .map_err(|_| invalid("tbsCertificate"))?;
    let skipped = if tbs.peek_tag() == Some(tag::CONTEXT_0) {
        6
    } else {
        5
    };
    for _ in 0..skipped {
        tbs.read_any().map_err(|_| invalid("tbsCertificate"))?;
    }
    let spki = tbs.read_any().map_err(|_| invalid("SPKI"))?;
    if spki.tag != tag::SEQUENCE {
        return Err(invalid("SPKI"));
    }
    Ok(spki.encoded.to_vec())
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
