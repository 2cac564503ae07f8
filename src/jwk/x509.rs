//! The public key of an X.509 certificate (RFC 5280 4.1). Only the path to
//! the SubjectPublicKeyInfo is parsed; names, validity and extensions are
//! stepped over unread and the signature is not checked, as jose only takes
//! the key out of a certificate.

use der::asn1::{AnyRef, BitStringRef, ContextSpecific, IntRef, SequenceRef};
use der::{Decode, Reader, SliceReader, Tag, TagNumber, Tagged};

use crate::error::{Error, Result};
use crate::jwk::der::{import_public_der, PublicFormat};
use crate::jwk::material::Material;

/// The key in the certificate's SubjectPublicKeyInfo.
pub fn certificate_public_key(cert_der: &[u8]) -> Result<Material> {
    import_public_der(&certificate_spki_der(cert_der)?, PublicFormat::Spki)
}

/// The certificate's SubjectPublicKeyInfo exactly as encoded in it.
pub fn certificate_spki_der(cert_der: &[u8]) -> Result<Vec<u8>> {
    let spki = AnyRef::from_der(cert_der)?.sequence(read_certificate)?;
    Ok(spki.to_vec())
}

/// `Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signature }`.
fn read_certificate<'a>(certificate: &mut SliceReader<'a>) -> Result<&'a [u8]> {
    let spki = AnyRef::decode(certificate)?.sequence(read_tbs_certificate)?;
    certificate.decode::<&SequenceRef>()?;
    certificate.decode::<BitStringRef>()?;
    Ok(spki)
}

/// `TBSCertificate ::= SEQUENCE { [0] EXPLICIT version DEFAULT v1,
/// serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo,
/// [1] issuerUniqueID, [2] subjectUniqueID, [3] extensions }`.
fn read_tbs_certificate<'a>(tbs: &mut SliceReader<'a>) -> Result<&'a [u8]> {
    if let Some(version) = ContextSpecific::<u8>::decode_explicit(tbs, TagNumber(0))? {
        // v1, v2 or v3.
        if version.value > 2 {
            return Err(Error::import_failed());
        }
    }
    // Serial numbers are meant to be positive but negative ones exist.
    tbs.decode::<IntRef>()?;
    // signature, issuer, validity, subject: all SEQUENCEs, not needed.
    for _ in 0..4 {
        tbs.decode::<&SequenceRef>()?;
    }
    if Tag::peek(tbs)? != Tag::Sequence {
        return Err(Error::import_failed());
    }
    let spki = tbs.tlv_bytes()?;
    // Optional unique identifiers ([1], [2] IMPLICIT BIT STRING) and
    // extensions ([3] EXPLICIT), left unread.
    while !tbs.is_finished() {
        let field = AnyRef::decode(tbs)?.tag();
        let optional = |number, constructed| Tag::ContextSpecific {
            constructed,
            number: TagNumber(number),
        };
        if ![optional(1, false), optional(2, false), optional(3, true)].contains(&field) {
            return Err(Error::import_failed());
        }
    }
    Ok(spki)
}
