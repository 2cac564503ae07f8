//! PKCS#8 `EncryptedPrivateKeyInfo` (RFC 5958 3) with PKCS#5 v2.0 PBES2
//! (RFC 8018 6.2), the `ENCRYPTED PRIVATE KEY` PEM that Node writes for
//! `type: 'pkcs8'` with a `cipher`.
//!
//! Read: key derivation PBKDF2 (HMAC-SHA1, -SHA224, -SHA256, -SHA384,
//! -SHA512) or scrypt (RFC 7914); encryption AES-128/192/256-CBC or
//! DES-EDE3-CBC. PBES1 and PKCS#12 schemes are `JOSENotSupported`. Costs are
//! capped (PBKDF2 at 10,000,000 iterations, scrypt at 64 MiB and N·r·p of
//! 2^22), so a hostile file fails instead of hanging the process.
//!
//! Written: what OpenSSL 3 writes by default, PBKDF2 with HMAC-SHA256 and
//! 2048 iterations, a random IV and AES-CBC; the salt is 16 random bytes
//! (OpenSSL 3.0, which Node 20 bundles, uses 8; 3.2 and later use 16, the
//! NIST SP 800-132 minimum). The structure is otherwise identical.

use zeroize::Zeroizing;

use crate::asn1::{self, oid, Reader};
use crate::error::{Error, Result};
use crate::jwk::material::SecretBytes;
use crate::jwk::pbe::{self, Cipher, Prf};

const UNSUPPORTED_SCHEME: &str = "unsupported key encryption algorithm";

/// What OpenSSL 3 writes.
const WRITE_ITERATIONS: u64 = 2048;
const WRITE_SALT_LEN: usize = 16;

/// Decrypts an EncryptedPrivateKeyInfo and returns the PKCS#8 PrivateKeyInfo
/// DER inside, wiped when dropped (as is the derived key). A wrong
/// passphrase is `JWKImportFailed`, as is any malformed input, including a
/// decryption that does not yield a DER SEQUENCE.
pub fn decrypt(epki_der: &[u8], passphrase: &[u8]) -> Result<SecretBytes> {
    let (scheme, ciphertext) = Reader::parse_all(epki_der, read_encrypted_private_key_info)?;
    let mut key = Zeroizing::new(vec![0u8; scheme.cipher.key_len()]);
    match scheme.kdf {
        Kdf::Pbkdf2 {
            salt,
            iterations,
            prf,
        } => pbe::pbkdf2(prf, passphrase, salt, iterations, &mut key)?,
        Kdf::Scrypt { salt, n, r, p } => pbe::scrypt(passphrase, salt, n, r, p, &mut key)?,
    }
    let plaintext = pbe::cbc_decrypt(scheme.cipher, &key, scheme.iv, ciphertext)?;
    // Padding passes by chance for about 1 in 256 wrong passphrases; what
    // follows must then at least be one whole DER element.
    Reader::parse_all(&plaintext, |r| r.read_sequence().map(|_| ()))?;
    Ok(plaintext)
}

/// Encrypts PKCS#8 PrivateKeyInfo DER with `passphrase` under `cipher`
/// (`aes-128-cbc`, `aes-192-cbc`, `aes-256-cbc`; unknown names are a
/// `TypeError` "Unknown cipher", as in Node).
pub fn encrypt(pkcs8_der: &[u8], passphrase: &[u8], cipher: &str) -> Result<Vec<u8>> {
    let cipher = Cipher::for_writing(cipher).ok_or_else(|| Error::type_error("Unknown cipher"))?;
    let salt = pbe::random(WRITE_SALT_LEN)?;
    let iv = pbe::random(cipher.iv_len())?;
    let mut key = Zeroizing::new(vec![0u8; cipher.key_len()]);
    pbe::pbkdf2(Prf::Sha256, passphrase, &salt, WRITE_ITERATIONS, &mut key)?;
    let ciphertext = pbe::cbc_encrypt(cipher, &key, &iv, pkcs8_der)?;

    let kdf = asn1::sequence(&[
        &asn1::object_identifier(oid::PBKDF2),
        &asn1::sequence(&[
            &asn1::octet_string(&salt),
            &asn1::small_integer(WRITE_ITERATIONS),
            &asn1::sequence(&[&asn1::object_identifier(oid::HMAC_SHA256), &asn1::null()]),
        ]),
    ]);
    let encryption = asn1::sequence(&[
        &asn1::object_identifier(cipher_oid(cipher)),
        &asn1::octet_string(&iv),
    ]);
    Ok(asn1::sequence(&[
        &asn1::sequence(&[
            &asn1::object_identifier(oid::PBES2),
            &asn1::sequence(&[&kdf, &encryption]),
        ]),
        &asn1::octet_string(&ciphertext),
    ]))
}

enum Kdf<'a> {
    Pbkdf2 {
        salt: &'a [u8],
        iterations: u64,
        prf: Prf,
    },
    Scrypt {
        salt: &'a [u8],
        n: u64,
        r: u64,
        p: u64,
    },
}

struct Scheme<'a> {
    kdf: Kdf<'a>,
    cipher: Cipher,
    iv: &'a [u8],
}

/// `SEQUENCE { encryptionAlgorithm AlgorithmIdentifier, encryptedData OCTET STRING }`
/// with the algorithm `{ id-PBES2, SEQUENCE { keyDerivationFunc, encryptionScheme } }`.
fn read_encrypted_private_key_info<'a>(r: &mut Reader<'a>) -> Result<(Scheme<'a>, &'a [u8])> {
    let mut info = r.read_sequence()?;
    let mut algorithm = info.read_sequence()?;
    let scheme = algorithm.read_oid()?;
    let parameters = algorithm.read_any()?;
    algorithm.finish()?;
    let ciphertext = info.read_octet_string()?;
    info.finish()?;
    // Only a well-formed structure with another scheme is "not supported".
    if scheme != oid::PBES2 {
        return Err(Error::not_supported(UNSUPPORTED_SCHEME));
    }
    let scheme = Reader::parse_all(parameters.encoded, read_pbes2_parameters)?;
    Ok((scheme, ciphertext))
}

/// `PBES2-params ::= SEQUENCE { keyDerivationFunc, encryptionScheme }`.
fn read_pbes2_parameters<'a>(r: &mut Reader<'a>) -> Result<Scheme<'a>> {
    let mut parameters = r.read_sequence()?;
    let (kdf, key_length) = read_kdf(&mut parameters)?;
    let (cipher, iv) = read_encryption_scheme(&mut parameters)?;
    parameters.finish()?;
    // A stated key length other than the cipher's cannot decrypt anything.
    if key_length.is_some_and(|len| len != cipher.key_len() as u64) {
        return Err(Error::import_failed());
    }
    Ok(Scheme { kdf, cipher, iv })
}

/// The key derivation AlgorithmIdentifier, and the keyLength it states.
fn read_kdf<'a>(r: &mut Reader<'a>) -> Result<(Kdf<'a>, Option<u64>)> {
    let mut identifier = r.read_sequence()?;
    let algorithm = identifier.read_oid()?;
    if algorithm != oid::PBKDF2 && algorithm != oid::SCRYPT {
        return Err(Error::not_supported(UNSUPPORTED_SCHEME));
    }
    let mut parameters = identifier.read_sequence()?;
    identifier.finish()?;
    // Both start with the salt. PBKDF2's other salt choice (an
    // AlgorithmIdentifier) is reserved and fails here as malformed.
    let salt = parameters.read_octet_string()?;
    let result = if algorithm == oid::PBKDF2 {
        // PBKDF2-params: salt, iterationCount, keyLength OPTIONAL,
        // prf AlgorithmIdentifier DEFAULT hmacWithSHA1.
        let iterations = parameters.read_small_unsigned()?;
        let key_length = read_optional_small_unsigned(&mut parameters)?;
        let prf = if parameters.is_empty() {
            Prf::Sha1
        } else {
            read_prf(&mut parameters)?
        };
        (
            Kdf::Pbkdf2 {
                salt,
                iterations,
                prf,
            },
            key_length,
        )
    } else {
        // scrypt-params: salt, costParameter, blockSize,
        // parallelizationParameter, keyLength OPTIONAL.
        let n = parameters.read_small_unsigned()?;
        let r = parameters.read_small_unsigned()?;
        let p = parameters.read_small_unsigned()?;
        let key_length = read_optional_small_unsigned(&mut parameters)?;
        (Kdf::Scrypt { salt, n, r, p }, key_length)
    };
    parameters.finish()?;
    Ok(result)
}

fn read_optional_small_unsigned(r: &mut Reader) -> Result<Option<u64>> {
    if r.peek_tag() == Some(asn1::tag::INTEGER) {
        Ok(Some(r.read_small_unsigned()?))
    } else {
        Ok(None)
    }
}

/// `AlgorithmIdentifier { hmacWithSHAx, NULL }`; the NULL is often absent.
fn read_prf(r: &mut Reader) -> Result<Prf> {
    let mut identifier = r.read_sequence()?;
    let prf = match identifier.read_oid()? {
        oid::HMAC_SHA1 => Prf::Sha1,
        oid::HMAC_SHA224 => Prf::Sha224,
        oid::HMAC_SHA256 => Prf::Sha256,
        oid::HMAC_SHA384 => Prf::Sha384,
        oid::HMAC_SHA512 => Prf::Sha512,
        _ => return Err(Error::not_supported(UNSUPPORTED_SCHEME)),
    };
    if !identifier.is_empty() {
        identifier.read_null()?;
    }
    identifier.finish()?;
    Ok(prf)
}

/// `AlgorithmIdentifier { cipher, iv OCTET STRING }`.
fn read_encryption_scheme<'a>(r: &mut Reader<'a>) -> Result<(Cipher, &'a [u8])> {
    let mut identifier = r.read_sequence()?;
    let cipher = match identifier.read_oid()? {
        oid::AES128_CBC => Cipher::Aes128,
        oid::AES192_CBC => Cipher::Aes192,
        oid::AES256_CBC => Cipher::Aes256,
        oid::DES_EDE3_CBC => Cipher::DesEde3,
        _ => return Err(Error::not_supported(UNSUPPORTED_SCHEME)),
    };
    let iv = identifier.read_octet_string()?;
    identifier.finish()?;
    if iv.len() != cipher.iv_len() {
        return Err(Error::import_failed());
    }
    Ok((cipher, iv))
}

fn cipher_oid(cipher: Cipher) -> &'static [u8] {
    match cipher {
        Cipher::Aes128 => oid::AES128_CBC,
        Cipher::Aes192 => oid::AES192_CBC,
        Cipher::Aes256 => oid::AES256_CBC,
        Cipher::DesEde3 => oid::DES_EDE3_CBC,
    }
}
