//! RFC 7638 JWK thumbprints and the x5t / x5t#S256 certificate thumbprints.

use aws_lc_rs::digest;
use zeroize::Zeroizing;

use crate::b64;
use crate::jwk::material::Material;

/// The RFC 7638 thumbprint: SHA-256 over the required members, sorted, with
/// no whitespace. `crv` is the name the key shows (`P-256K` on the legacy
/// entry point, as jose 1.x hashed it). For an `oct` key the hashed text
/// holds the secret, so it is wiped when dropped.
pub fn jwk_thumbprint(m: &Material, crv_name: Option<&str>) -> String {
    let canonical = Zeroizing::new(match m {
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
        Material::Oct { k } => {
            // Built in one allocation, with no separate base64 copy of `k`.
            let (open, close) = (r#"{"k":""#, r#"","kty":"oct"}"#);
            let mut text =
                String::with_capacity(open.len() + k.len().div_ceil(3) * 4 + close.len());
            text.push_str(open);
            b64::encode_onto(k, &mut text);
            text.push_str(close);
            text
        }
    });
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
        let n = b64::decode("0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw");
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

    /// The `oct` text is built in place (to leave no copy of `k` behind);
    /// it must hash as the RFC 7638 members would, whatever `k`'s length.
    #[test]
    fn oct_thumbprint_hashes_the_canonical_members() {
        for len in [0, 1, 2, 3, 32, 64, 65] {
            let k: Vec<u8> = (0..len).map(|i| i as u8).collect();
            let canonical = format!(r#"{{"k":"{}","kty":"oct"}}"#, b64::encode(&k));
            let expected =
                b64::encode(digest::digest(&digest::SHA256, canonical.as_bytes()).as_ref());
            let m = Material::Oct { k: k.into() };
            assert_eq!(jwk_thumbprint(&m, None), expected, "{len}");
        }
        // The text written out by hand, so its layout is checked too.
        let k = b64::decode("hJtXIZ2uSN5kbQfbtTNWbpdmhkV8FJG-Onbc6mxCcYg");
        let canonical = r#"{"k":"hJtXIZ2uSN5kbQfbtTNWbpdmhkV8FJG-Onbc6mxCcYg","kty":"oct"}"#;
        assert_eq!(
            jwk_thumbprint(&Material::Oct { k: k.into() }, None),
            b64::encode(digest::digest(&digest::SHA256, canonical.as_bytes()).as_ref())
        );
    }
}
