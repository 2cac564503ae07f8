//! RFC 7638 JWK thumbprints and the x5t / x5t#S256 certificate thumbprints.

use aws_lc_rs::digest;

use crate::b64;
use crate::jwk::material::Material;

/// The RFC 7638 thumbprint: SHA-256 over the required members, sorted, with
/// no whitespace. `crv` is the name the key shows (`P-256K` on the legacy
/// entry point, as jose 1.x hashed it).
pub fn jwk_thumbprint(m: &Material, crv_name: Option<&str>) -> String {
    let canonical = match m {
        Material::Rsa { n, e, .. } => format!(
            r#"{{"e":"{}","kty":"RSA","n":"{}"}}"#,
            b64::encode(e),
            b64::encode(n)
        ),
        Material::Ec { curve, x, y, .. } => format!(
            r#"{{"crv":"{}","kty":"EC","x":"{}","y":"{}"}}"#,
            crv_name.unwrap_or(curve.name()),
            b64::encode(x),
            b64::encode(y)
        ),
        Material::Okp { curve, x, .. } => format!(
            r#"{{"crv":"{}","kty":"OKP","x":"{}"}}"#,
            curve.name(),
            b64::encode(x)
        ),
        Material::Oct { k } => format!(r#"{{"k":"{}","kty":"oct"}}"#, b64::encode(k)),
    };
    b64::encode(digest::digest(&digest::SHA256, canonical.as_bytes()).as_ref())
}

/// `x5t`: SHA-1 of the DER certificate (legacy use, as RFC 7517 defines it).
pub fn x5t(cert_der: &[u8]) -> String {
    b64::encode(digest::digest(&digest::SHA1_FOR_LEGACY_USE_ONLY, cert_der).as_ref())
}

/// `x5t#S256`: SHA-256 of the DER certificate.
pub fn x5t_s256(cert_der: &[u8]) -> String {
    b64::encode(digest::digest(&digest::SHA256, cert_der).as_ref())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 7638 section 3.1.
    #[test]
    fn rfc7638_example() {
        let n = b64::decode("0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw").unwrap();
        let m = Material::Rsa {
            n,
            e: vec![1, 0, 1],
            private: None,
        };
        assert_eq!(
            jwk_thumbprint(&m, None),
            "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"
        );
    }
}
