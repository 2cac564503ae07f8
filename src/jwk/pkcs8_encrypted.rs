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

use der::asn1::{AnyRef, Null, ObjectIdentifier, OctetStringRef};
use der::{Decode, Tag};
use spki::AlgorithmIdentifierRef;

use crate::asn1::{encode, oid, one_sequence};
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
    let (scheme, ciphertext) = read_encrypted_private_key_info(epki_der)?;
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
    one_sequence(&plaintext)?;
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

    let prf = AlgorithmIdentifierRef {
        oid: oid::HMAC_SHA256,
        parameters: Some(Null.into()),
    };
    let pbkdf2_parameters = [
        encode(&OctetStringRef::new(&salt)?)?,
        encode(&WRITE_ITERATIONS)?,
        encode(&prf)?,
    ]
    .concat();
    let kdf = AlgorithmIdentifierRef {
        oid: oid::PBKDF2,
        parameters: Some(AnyRef::new(Tag::Sequence, &pbkdf2_parameters)?),
    };
    let encryption = AlgorithmIdentifierRef {
        oid: cipher_oid(cipher),
        parameters: Some(OctetStringRef::new(&iv)?.into()),
    };
    let pbes2_parameters = [encode(&kdf)?, encode(&encryption)?].concat();
    let algorithm = AlgorithmIdentifierRef {
        oid: oid::PBES2,
        parameters: Some(AnyRef::new(Tag::Sequence, &pbes2_parameters)?),
    };
    let info = [
        encode(&algorithm)?,
        encode(&OctetStringRef::new(&ciphertext)?)?,
    ]
    .concat();
    encode(&AnyRef::new(Tag::Sequence, &info)?)
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
///
/// The PBES2 parameters are read with `der` here, not with the `pkcs5`
/// crate: its DES-EDE3-CBC scheme (which OpenSSL still writes with
/// `-des3`) exists only with its `3des` feature, which brings RustCrypto's
/// ciphers and KDFs along, and decryption here is aws-lc's.
fn read_encrypted_private_key_info(der: &[u8]) -> Result<(Scheme<'_>, &[u8])> {
    let (algorithm, ciphertext) = AnyRef::from_der(der)?.sequence(|info| {
        let algorithm = AlgorithmIdentifierRef::decode(info)?;
        let ciphertext = <&OctetStringRef>::decode(info)?.as_bytes();
        Ok::<_, Error>((algorithm, ciphertext))
    })?;
    let parameters = algorithm.parameters.ok_or_else(Error::import_failed)?;
    // Only a well-formed structure with another scheme is "not supported".
    if algorithm.oid != oid::PBES2 {
        return Err(Error::not_supported(UNSUPPORTED_SCHEME));
    }
    Ok((read_pbes2_parameters(parameters)?, ciphertext))
}

/// `PBES2-params ::= SEQUENCE { keyDerivationFunc, encryptionScheme }`.
fn read_pbes2_parameters(parameters: AnyRef<'_>) -> Result<Scheme<'_>> {
    let (kdf, encryption) = parameters.sequence(|r| {
        let kdf = AlgorithmIdentifierRef::decode(r)?;
        let encryption = AlgorithmIdentifierRef::decode(r)?;
        Ok::<_, Error>((kdf, encryption))
    })?;
    let (kdf, key_length) = read_kdf(kdf)?;
    let (cipher, iv) = read_encryption_scheme(encryption)?;
    // A stated key length other than the cipher's cannot decrypt anything.
    if key_length.is_some_and(|len| len != cipher.key_len() as u64) {
        return Err(Error::import_failed());
    }
    Ok(Scheme { kdf, cipher, iv })
}

/// The key derivation function, and the keyLength it states.
fn read_kdf(identifier: AlgorithmIdentifierRef<'_>) -> Result<(Kdf<'_>, Option<u64>)> {
    let is_pbkdf2 = identifier.oid == oid::PBKDF2;
    if !is_pbkdf2 && identifier.oid != oid::SCRYPT {
        return Err(Error::not_supported(UNSUPPORTED_SCHEME));
    }
    let parameters = identifier.parameters.ok_or_else(Error::import_failed)?;
    parameters.sequence(|r| {
        // Both start with the salt. PBKDF2's other salt choice (an
        // AlgorithmIdentifier) is reserved and fails here as malformed.
        let salt = <&OctetStringRef>::decode(r)?.as_bytes();
        if is_pbkdf2 {
            // PBKDF2-params: salt, iterationCount, keyLength OPTIONAL,
            // prf AlgorithmIdentifier DEFAULT hmacWithSHA1.
            let iterations = u64::decode(r)?;
            let key_length = Option::<u64>::decode(r)?;
            let prf = match Option::<AlgorithmIdentifierRef>::decode(r)? {
                Some(prf) => read_prf(prf)?,
                None => Prf::Sha1,
            };
            let kdf = Kdf::Pbkdf2 {
                salt,
                iterations,
                prf,
            };
            Ok((kdf, key_length))
        } else {
            // scrypt-params: salt, costParameter, blockSize,
            // parallelizationParameter, keyLength OPTIONAL.
            let n = u64::decode(r)?;
            let block_size = u64::decode(r)?;
            let p = u64::decode(r)?;
            let key_length = Option::<u64>::decode(r)?;
            let kdf = Kdf::Scrypt {
                salt,
                n,
                r: block_size,
                p,
            };
            Ok((kdf, key_length))
        }
    })
}

const PRFS: [(ObjectIdentifier, Prf); 5] = [
    (oid::HMAC_SHA1, Prf::Sha1),
    (oid::HMAC_SHA224, Prf::Sha224),
    (oid::HMAC_SHA256, Prf::Sha256),
    (oid::HMAC_SHA384, Prf::Sha384),
    (oid::HMAC_SHA512, Prf::Sha512),
];

/// `AlgorithmIdentifier { hmacWithSHAx, NULL }`; the NULL is often absent.
fn read_prf(identifier: AlgorithmIdentifierRef<'_>) -> Result<Prf> {
    let prf = PRFS
        .iter()
        .find(|(named, _)| *named == identifier.oid)
        .map(|(_, prf)| *prf)
        .ok_or_else(|| Error::not_supported(UNSUPPORTED_SCHEME))?;
    match identifier.parameters {
        Some(parameters) if !parameters.is_null() => Err(Error::import_failed()),
        _ => Ok(prf),
    }
}

const CIPHERS: [Cipher; 4] = [
    Cipher::Aes128,
    Cipher::Aes192,
    Cipher::Aes256,
    Cipher::DesEde3,
];

/// `AlgorithmIdentifier { cipher, iv OCTET STRING }`.
fn read_encryption_scheme(identifier: AlgorithmIdentifierRef<'_>) -> Result<(Cipher, &[u8])> {
    let cipher = CIPHERS
        .into_iter()
        .find(|cipher| cipher_oid(*cipher) == identifier.oid)
        .ok_or_else(|| Error::not_supported(UNSUPPORTED_SCHEME))?;
    let iv = identifier
        .parameters
        .ok_or_else(Error::import_failed)?
        .decode_as::<&OctetStringRef>()?
        .as_bytes();
    if iv.len() != cipher.iv_len() {
        return Err(Error::import_failed());
    }
    Ok((cipher, iv))
}

fn cipher_oid(cipher: Cipher) -> ObjectIdentifier {
    match cipher {
        Cipher::Aes128 => oid::AES128_CBC,
        Cipher::Aes192 => oid::AES192_CBC,
        Cipher::Aes256 => oid::AES256_CBC,
        Cipher::DesEde3 => oid::DES_EDE3_CBC,
    }
}
