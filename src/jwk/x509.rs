//! The public key of an X.509 certificate (RFC 5280 4.1). Only the path to
//! the SubjectPublicKeyInfo is parsed; names, validity and extensions are
//! stepped over unread and the signature is not checked, as jose only takes
//! the key out of a certificate.

use crate::asn1::{tag, Reader};
use crate::error::{Error, Result};
use crate::jwk::der::{import_public_der, PublicFormat};
use crate::jwk::material::Material;

/// The key in the certificate's SubjectPublicKeyInfo.
pub fn certificate_public_key(cert_der: &[u8]) -> Result<Material> {
    import_public_der(&certificate_spki_der(cert_der)?, PublicFormat::Spki)
}

/// The certificate's SubjectPublicKeyInfo exactly as encoded in it.
pub fn certificate_spki_der(cert_der: &[u8]) -> Result<Vec<u8>> {
    Reader::parse_all(cert_der, read_certificate_spki).map(<[u8]>::to_vec)
}

/// `Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signature }`
/// with `TBSCertificate ::= SEQUENCE { [0] EXPLICIT version DEFAULT v1,
/// serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo,
/// [1] issuerUniqueID, [2] subjectUniqueID, [3] extensions }`.
fn read_certificate_spki<'a>(r: &mut Reader<'a>) -> Result<&'a [u8]> {
    let mut certificate = r.read_sequence()?;
    let mut tbs = certificate.read_sequence()?;
    if let Some(mut version) = tbs.read_optional_constructed(tag::CONTEXT_0)? {
        // v1, v2 or v3.
        if version.read_small_unsigned()? > 2 {
            return Err(Error::import_failed());
        }
        version.finish()?;
    }
    // Serial numbers are meant to be positive but negative ones exist.
    tbs.read_integer_contents()?;
    // signature, issuer, validity, subject: all SEQUENCEs, not needed.
    for _ in 0..4 {
        tbs.read_sequence()?;
    }
    let spki = tbs.read_any()?;
    if spki.tag != tag::SEQUENCE {
        return Err(Error::import_failed());
    }
    // Optional unique identifiers ([1], [2] IMPLICIT BIT STRING) and
    // extensions ([3] EXPLICIT), left unread.
    while !tbs.is_empty() {
        if !matches!(tbs.read_any()?.tag, 0x81 | 0x82 | 0xa3) {
            return Err(Error::import_failed());
        }
    }
    certificate.read_sequence()?;
    certificate.read_element(tag::BIT_STRING)?;
    certificate.finish()?;
    Ok(spki.encoded)
}
