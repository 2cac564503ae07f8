//! What the key formats share on top of RustCrypto's `der` crate: the object
//! identifiers jose's key files use, the one error every malformed structure
//! becomes, and the "is this one whole DER SEQUENCE" check.
//!
//! The structures themselves are read and written with `der`, `spki`,
//! `pkcs1`, `pkcs8` and `sec1` (see `jwk::der`, `jwk::x509`,
//! `jwk::pkcs8_encrypted`). `der` accepts definite lengths in minimal form
//! and minimally encoded INTEGERs only, checks every bound and never
//! recurses on its own, so it can be fed arbitrary bytes.

use der::asn1::{AnyRef, ObjectIdentifier};
use der::{Decode, Encode, Tag, Tagged};

use crate::error::{Error, Result};

/// Malformed DER is `JWKImportFailed`, deliberately without detail: key
/// import reports one message for every malformed key.
impl From<der::Error> for Error {
    fn from(_: der::Error) -> Self {
        Error::import_failed()
    }
}

/// Checks that `bytes` are exactly one DER SEQUENCE (its contents unread):
/// what a decrypted key file or a DSA key must at least be.
pub fn one_sequence(bytes: &[u8]) -> Result<()> {
    match AnyRef::from_der(bytes)?.tag() {
        Tag::Sequence => Ok(()),
        _ => Err(Error::import_failed()),
    }
}

/// DER of a value built by this crate. `der` fails to encode only lengths
/// beyond 256 MiB, which no key reaches; the error says so if one ever does.
pub fn encode(value: &impl Encode) -> Result<Vec<u8>> {
    value
        .to_der()
        .map_err(|_| Error::type_error("key too large to encode"))
}

/// Object identifiers, written in dotted form and encoded at compile time
/// (`new_unwrap` in a `const` cannot fail at run time: a typo fails the
/// build).
pub mod oid {
    use super::ObjectIdentifier;

    const fn oid(dotted: &str) -> ObjectIdentifier {
        ObjectIdentifier::new_unwrap(dotted)
    }

    pub const RSA_ENCRYPTION: ObjectIdentifier = oid("1.2.840.113549.1.1.1");
    pub const EC_PUBLIC_KEY: ObjectIdentifier = oid("1.2.840.10045.2.1");
    /// prime256v1 / P-256.
    pub const CURVE_P256: ObjectIdentifier = oid("1.2.840.10045.3.1.7");
    pub const CURVE_P384: ObjectIdentifier = oid("1.3.132.0.34");
    pub const CURVE_P521: ObjectIdentifier = oid("1.3.132.0.35");
    pub const CURVE_SECP256K1: ObjectIdentifier = oid("1.3.132.0.10");
    pub const X25519: ObjectIdentifier = oid("1.3.101.110");
    pub const X448: ObjectIdentifier = oid("1.3.101.111");
    pub const ED25519: ObjectIdentifier = oid("1.3.101.112");
    pub const ED448: ObjectIdentifier = oid("1.3.101.113");
    pub const PBES2: ObjectIdentifier = oid("1.2.840.113549.1.5.13");
    pub const PBKDF2: ObjectIdentifier = oid("1.2.840.113549.1.5.12");
    pub const SCRYPT: ObjectIdentifier = oid("1.3.6.1.4.1.11591.4.11");
    pub const HMAC_SHA1: ObjectIdentifier = oid("1.2.840.113549.2.7");
    pub const HMAC_SHA224: ObjectIdentifier = oid("1.2.840.113549.2.8");
    pub const HMAC_SHA256: ObjectIdentifier = oid("1.2.840.113549.2.9");
    pub const HMAC_SHA384: ObjectIdentifier = oid("1.2.840.113549.2.10");
    pub const HMAC_SHA512: ObjectIdentifier = oid("1.2.840.113549.2.11");
    pub const AES128_CBC: ObjectIdentifier = oid("2.16.840.1.101.3.4.1.2");
    pub const AES192_CBC: ObjectIdentifier = oid("2.16.840.1.101.3.4.1.22");
    pub const AES256_CBC: ObjectIdentifier = oid("2.16.840.1.101.3.4.1.42");
    pub const DES_EDE3_CBC: ObjectIdentifier = oid("1.2.840.113549.3.7");
}
