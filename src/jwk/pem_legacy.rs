//! OpenSSL's legacy ("traditional") PEM encryption: a PKCS#1 or SEC1 body
//! encrypted in CBC mode, announced by the headers
//!
//! ```text
//! Proc-Type: 4,ENCRYPTED
//! DEK-Info: AES-256-CBC,<IV in hex>
//! ```
//!
//! The key is `EVP_BytesToKey(MD5, salt = first 8 IV bytes, 1 iteration)`.
//! Node writes this for `type: 'pkcs1'` or `'sec1'` PEM export with a
//! `cipher`. Read: AES-128/192/256-CBC and DES-EDE3-CBC; written: AES only.

use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::jwk::material::SecretBytes;
use crate::jwk::pbe::{self, Cipher};
use crate::jwk::pem::{encode_pem_with_headers, PemHeader};

const UNSUPPORTED_CIPHER: &str = "unsupported key encryption algorithm";

/// Whether the headers announce encryption. Any other header set is not
/// something OpenSSL reads as a key either.
pub fn is_encrypted(headers: &[PemHeader]) -> bool {
    header(headers, "Proc-Type").is_some()
}

/// Decrypts the body of a legacy encrypted PEM block; the key DER comes back
/// wiped when dropped (as is the derived key). A wrong passphrase, bad
/// headers or a body that does not decrypt to a DER SEQUENCE are
/// `JWKImportFailed`; a cipher other than the ones above is
/// `JOSENotSupported`.
pub fn decrypt(headers: &[PemHeader], body: &[u8], passphrase: &[u8]) -> Result<SecretBytes> {
    if header(headers, "Proc-Type") != Some("4,ENCRYPTED") {
        return Err(Error::import_failed());
    }
    let (name, iv_hex) = header(headers, "DEK-Info")
        .and_then(|info| info.split_once(','))
        .ok_or_else(Error::import_failed)?;
    let cipher = match name.trim().to_ascii_uppercase().as_str() {
        "AES-128-CBC" => Cipher::Aes128,
        "AES-192-CBC" => Cipher::Aes192,
        "AES-256-CBC" => Cipher::Aes256,
        "DES-EDE3-CBC" => Cipher::DesEde3,
        _ => return Err(Error::not_supported(UNSUPPORTED_CIPHER)),
    };
    let iv = decode_hex(iv_hex.trim()).ok_or_else(Error::import_failed)?;
    if iv.len() != cipher.iv_len() {
        return Err(Error::import_failed());
    }
    let mut key = Zeroizing::new(vec![0u8; cipher.key_len()]);
    pbe::evp_bytes_to_key_md5(
        passphrase,
        iv.get(..8).ok_or_else(Error::import_failed)?,
        &mut key,
    );
    let plaintext = pbe::cbc_decrypt(cipher, &key, &iv, body)?;
    // Wrong passphrases pass the padding check about 1 time in 256.
    crate::asn1::one_sequence(&plaintext)?;
    Ok(plaintext)
}

/// Legacy encrypted PEM text of `der` under `label`, as Node writes it
/// (upper-case cipher name and IV hex, blank line after the headers).
/// `cipher` takes the names of [`crate::jwk::pkcs8_encrypted::encrypt`].
pub fn encrypt_pem(label: &str, der: &[u8], passphrase: &[u8], cipher: &str) -> Result<String> {
    let cipher = Cipher::for_writing(cipher).ok_or_else(|| Error::type_error("Unknown cipher"))?;
    let iv = pbe::random(cipher.iv_len())?;
    let mut key = Zeroizing::new(vec![0u8; cipher.key_len()]);
    pbe::evp_bytes_to_key_md5(passphrase, iv.get(..8).unwrap_or_default(), &mut key);
    let ciphertext = pbe::cbc_encrypt(cipher, &key, &iv, der)?;
    let name = match cipher {
        Cipher::Aes128 => "AES-128-CBC",
        Cipher::Aes192 => "AES-192-CBC",
        _ => "AES-256-CBC",
    };
    let dek_info = format!("{name},{}", encode_hex_upper(&iv));
    Ok(encode_pem_with_headers(
        label,
        &[("Proc-Type", "4,ENCRYPTED"), ("DEK-Info", &dek_info)],
        &ciphertext,
    ))
}

fn header<'a>(headers: &'a [PemHeader], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(key, _)| key.eq_ignore_ascii_case(name))
        .map(|(_, value)| value.as_str())
}

fn decode_hex(text: &str) -> Option<Vec<u8>> {
    // from_str_radix alone would take a sign ("+1").
    if !text.len().is_multiple_of(2) || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    text.as_bytes()
        .chunks(2)
        .map(|pair| {
            let digits = std::str::from_utf8(pair).ok()?;
            u8::from_str_radix(digits, 16).ok()
        })
        .collect()
}

fn encode_hex_upper(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_helpers() {
        assert_eq!(decode_hex("00ffA1"), Some(vec![0, 255, 0xa1]));
        assert_eq!(decode_hex("0"), None);
        assert_eq!(decode_hex("zz"), None);
        assert_eq!(decode_hex("+1"), None);
        assert_eq!(encode_hex_upper(&[0x0a, 0xbc]), "0ABC");
    }

    #[test]
    fn header_problems_fail() {
        let headers = |proc_type: &str, dek: &str| {
            vec![
                ("Proc-Type".to_string(), proc_type.to_string()),
                ("DEK-Info".to_string(), dek.to_string()),
            ]
        };
        let body = [0u8; 16];
        let iv = "00112233445566778899AABBCCDDEEFF";
        let failed = |h: Vec<PemHeader>| decrypt(&h, &body, b"x").unwrap_err().kind;
        use crate::error::Kind;
        assert_eq!(
            failed(headers("4,MIC-ONLY", &format!("AES-128-CBC,{iv}"))),
            Kind::JwkImportFailed
        );
        assert_eq!(
            failed(headers("4,ENCRYPTED", "AES-128-CBC")),
            Kind::JwkImportFailed
        );
        assert_eq!(
            failed(headers("4,ENCRYPTED", "AES-128-CBC,0011")),
            Kind::JwkImportFailed
        );
        assert_eq!(
            failed(headers("4,ENCRYPTED", &format!("BF-CBC,{iv}"))),
            Kind::NotSupported
        );
        assert_eq!(failed(vec![]), Kind::JwkImportFailed);
    }
}

#[cfg(test)]
mod wiping_tests {
    use super::*;
    use crate::jwk::der::{export_private_der, import_private_der, PrivateFormat};
    use crate::jwk::generate::{generate, GenerateSpec};
    use crate::jwk::material::{assert_wiped, EcCurve};
    use crate::jwk::{pem, pem_import, pkcs8_encrypted};

    #[test]
    fn decrypted_and_exported_key_files_are_wiped_on_drop() {
        let material = generate(GenerateSpec::Ec(EcCurve::P256)).unwrap();
        let pkcs8 = export_private_der(&material, PrivateFormat::Pkcs8).unwrap();
        assert_wiped(&pkcs8);
        let sealed = pkcs8_encrypted::encrypt(&pkcs8, b"pw", "aes-256-cbc").unwrap();
        let opened = pkcs8_encrypted::decrypt(&sealed, b"pw").unwrap();
        assert_wiped(&opened);
        assert_eq!(opened, pkcs8);

        let sec1 = export_private_der(&material, PrivateFormat::Sec1).unwrap();
        assert_wiped(&sec1);
        let text = encrypt_pem("EC PRIVATE KEY", &sec1, b"pw", "aes-128-cbc").unwrap();
        let (block, headers) = pem::parse_pem_with_headers(&text).unwrap();
        let opened = decrypt(&headers, &block.der, b"pw").unwrap();
        assert_wiped(&opened);
        assert_eq!(opened, sec1);

        // Both import back to the same key.
        let imported = pem_import::import_pem(&text, Some(b"pw")).unwrap();
        assert!(imported.material == import_private_der(&sec1, PrivateFormat::Sec1).unwrap());
    }
}
