//! Object identifiers as their DER contents octets, so they compare with what
//! [`super::Reader::read_oid`] returns without decoding. The dotted form is in
//! each comment; a unit test re-encodes every one from it.

/// rsaEncryption, 1.2.840.113549.1.1.1
pub const RSA_ENCRYPTION: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
/// id-RSASSA-PSS, 1.2.840.113549.1.1.10
pub const RSASSA_PSS: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a];
/// id-ecPublicKey, 1.2.840.10045.2.1
pub const EC_PUBLIC_KEY: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];

/// prime256v1 / P-256, 1.2.840.10045.3.1.7
pub const CURVE_P256: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
/// secp384r1 / P-384, 1.3.132.0.34
pub const CURVE_P384: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x22];
/// secp521r1 / P-521, 1.3.132.0.35
pub const CURVE_P521: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x23];
/// secp256k1, 1.3.132.0.10
pub const CURVE_SECP256K1: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x0a];

/// id-X25519, 1.3.101.110
pub const X25519: &[u8] = &[0x2b, 0x65, 0x6e];
/// id-X448, 1.3.101.111
pub const X448: &[u8] = &[0x2b, 0x65, 0x6f];
/// id-Ed25519, 1.3.101.112
pub const ED25519: &[u8] = &[0x2b, 0x65, 0x70];
/// id-Ed448, 1.3.101.113
pub const ED448: &[u8] = &[0x2b, 0x65, 0x71];

/// id-PBES2, 1.2.840.113549.1.5.13
pub const PBES2: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0d];
/// id-PBKDF2, 1.2.840.113549.1.5.12
pub const PBKDF2: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0c];
/// id-scrypt, 1.3.6.1.4.1.11591.4.11
pub const SCRYPT: &[u8] = &[0x2b, 0x06, 0x01, 0x04, 0x01, 0xda, 0x47, 0x04, 0x0b];

/// hmacWithSHA1, 1.2.840.113549.2.7
pub const HMAC_SHA1: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x07];
/// hmacWithSHA224, 1.2.840.113549.2.8
pub const HMAC_SHA224: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x08];
/// hmacWithSHA256, 1.2.840.113549.2.9
pub const HMAC_SHA256: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x09];
/// hmacWithSHA384, 1.2.840.113549.2.10
pub const HMAC_SHA384: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x0a];
/// hmacWithSHA512, 1.2.840.113549.2.11
pub const HMAC_SHA512: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x0b];

/// aes128-CBC, 2.16.840.1.101.3.4.1.2
pub const AES128_CBC: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x02];
/// aes192-CBC, 2.16.840.1.101.3.4.1.22
pub const AES192_CBC: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x16];
/// aes256-CBC, 2.16.840.1.101.3.4.1.42
pub const AES256_CBC: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x2a];
/// des-ede3-cbc, 1.2.840.113549.3.7
pub const DES_EDE3_CBC: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x03, 0x07];

#[cfg(test)]
mod tests {
    use super::*;

    /// Encodes a dotted OID independently of the hand-written constants.
    fn encode(dotted: &str) -> Vec<u8> {
        let arcs: Vec<u64> = dotted.split('.').map(|a| a.parse().unwrap()).collect();
        let mut out = Vec::new();
        let mut push = |mut value: u64| {
            let mut chunk = vec![(value & 0x7f) as u8];
            value >>= 7;
            while value > 0 {
                chunk.push(0x80 | (value & 0x7f) as u8);
                value >>= 7;
            }
            chunk.reverse();
            out.extend(chunk);
        };
        push(arcs[0] * 40 + arcs[1]);
        arcs[2..].iter().for_each(|a| push(*a));
        out
    }

    #[test]
    fn constants_match_their_dotted_form() {
        let table: &[(&[u8], &str)] = &[
            (RSA_ENCRYPTION, "1.2.840.113549.1.1.1"),
            (RSASSA_PSS, "1.2.840.113549.1.1.10"),
            (EC_PUBLIC_KEY, "1.2.840.10045.2.1"),
            (CURVE_P256, "1.2.840.10045.3.1.7"),
            (CURVE_P384, "1.3.132.0.34"),
            (CURVE_P521, "1.3.132.0.35"),
            (CURVE_SECP256K1, "1.3.132.0.10"),
            (X25519, "1.3.101.110"),
            (X448, "1.3.101.111"),
            (ED25519, "1.3.101.112"),
            (ED448, "1.3.101.113"),
            (PBES2, "1.2.840.113549.1.5.13"),
            (PBKDF2, "1.2.840.113549.1.5.12"),
            (SCRYPT, "1.3.6.1.4.1.11591.4.11"),
            (HMAC_SHA1, "1.2.840.113549.2.7"),
            (HMAC_SHA224, "1.2.840.113549.2.8"),
            (HMAC_SHA256, "1.2.840.113549.2.9"),
            (HMAC_SHA384, "1.2.840.113549.2.10"),
            (HMAC_SHA512, "1.2.840.113549.2.11"),
            (AES128_CBC, "2.16.840.1.101.3.4.1.2"),
            (AES192_CBC, "2.16.840.1.101.3.4.1.22"),
            (AES256_CBC, "2.16.840.1.101.3.4.1.42"),
            (DES_EDE3_CBC, "1.2.840.113549.3.7"),
        ];
        for (constant, dotted) in table {
            assert_eq!(*constant, encode(dotted).as_slice(), "{dotted}");
        }
    }
}
