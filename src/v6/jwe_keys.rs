//! jose 6's JWE key management on the core's primitives: what each
//! `alg` family checks of its key and header, and which failures end as a
//! random CEK (so the content decryption fails as a wrong key would)
//! rather than as an error of their own.

use serde_json::{Map, Value};
use zeroize::Zeroizing;

use super::algs::Subtle;
use super::b64;
use super::header::Header;
use super::keys::{check_crypto_key, check_modulus_length, check_usage, Entry, KeyInput, Ready};
use crate::b64 as b64u;
use crate::error::{Error, Kind, Result};
use crate::jwa::jwe_algs::{EncAlg, EncFamily, Hash, KeyAlg, KeyFamily};
use crate::jwa::{aes_gcm_kw, aes_kw, cek, ecdh_es, pbes2, rsaes};
use crate::jwk::json::{self, JwkImportOptions};
use crate::jwk::material::{Material, SecretBytes};

pub(crate) fn invalid(message: impl Into<String>) -> Error {
    Error::new(Kind::JweInvalid, message)
}

/// The `prepareKey` entry of a key-management algorithm (`dir` uses the
/// content encryption algorithm's, [`enc_entry`]).
pub fn alg_entry(alg: &KeyAlg) -> Entry {
    let (secret, kty, ops): (bool, &'static [&'static str], _) = match alg.family {
        KeyFamily::Dir => (true, &["oct"], (Some("encrypt"), Some("decrypt"))),
        KeyFamily::AesKw => (true, &["oct"], (Some("wrapKey"), Some("unwrapKey"))),
        KeyFamily::AesGcmKw => (true, &["oct"], (Some("encrypt"), Some("decrypt"))),
        KeyFamily::Pbes2(_) => (true, &["oct"], (Some("deriveBits"), Some("deriveBits"))),
        KeyFamily::RsaOaep(_) | KeyFamily::Rsa1_5 => {
            (false, &["RSA"], (Some("wrapKey"), Some("unwrapKey")))
        }
        KeyFamily::EcdhEs | KeyFamily::EcdhEsKw => {
            (false, &["EC", "OKP"], (None, Some("deriveBits")))
        }
    };
    Entry {
        name: alg.name,
        secret,
        kty,
        crv: None,
        ops,
        hmac: false,
    }
}

pub fn enc_entry(enc: &EncAlg) -> Entry {
    Entry {
        name: enc.name,
        secret: true,
        kty: &["oct"],
        crv: None,
        ops: (Some("encrypt"), Some("decrypt")),
        hmac: false,
    }
}

fn aes(name: &'static str) -> Subtle {
    Subtle {
        name,
        hash: None,
        named_curve: None,
    }
}

fn bits(len: usize) -> u32 {
    u32::try_from(len * 8).unwrap_or(u32::MAX)
}

/// A CEK or KEK given as bytes must have the algorithm's length.
fn check_cek_length(cek: &[u8], expected_bits: u32) -> Result<()> {
    let actual = bits(cek.len());
    if actual != expected_bits {
        return Err(invalid(format!(
            "Invalid Content Encryption Key length. Expected {expected_bits} bits, got {actual} bits"
        )));
    }
    Ok(())
}

/// The key of a content encryption (`dir`'s key, or a CEK): for AES-GCM a
/// `CryptoKey` must be AES-GCM of the right length; AES-CBC-HMAC takes
/// bytes only.
pub fn content_key(enc: &EncAlg, key: &KeyInput, ready: &Ready, op: &str) -> Result<SecretBytes> {
    if let Some((algorithm, usages)) = key.crypto_key() {
        if let EncFamily::AesCbcHmac(_) = enc.family {
            return Err(Error::type_error(format!(
                "Key must be of type Uint8Array.{}",
                key.received
            )));
        }
        check_crypto_key(
            algorithm,
            usages,
            &aes("AES-GCM"),
            Some(bits(enc.key_len)),
            op,
        )?;
    }
    match ready.secret() {
        Some(k) => {
            if key.crypto_key().is_none() {
                check_cek_length(k, bits(enc.key_len))?;
            }
            Ok(Zeroizing::new(k.to_vec()))
        }
        None => Err(Error::type_error(format!(
            "Key must be one of type CryptoKey, KeyObject, Uint8Array, or JSON Web Key.{}",
            key.received
        ))),
    }
}

/// The failures of key management that jose 6 lets through; any other
/// ends in a random CEK.
fn passes(e: &Error) -> bool {
    matches!(
        e.kind,
        Kind::TypeError | Kind::JweInvalid | Kind::NotSupported
    )
}

/// An `apu` / `apv` header value: absent, or base64url text.
fn party_info(header: &Header, name: &str) -> Result<Option<Vec<u8>>> {
    match header.get(name) {
        None => Ok(None),
        Some(Value::String(text)) => b64::decode(text)
            .map(Some)
            .ok_or_else(|| invalid(format!("Failed to base64url decode the {name}"))),
        Some(_) => Err(invalid(format!(
            "JOSE Header \"{name}\" (Agreement Party{}Info) invalid",
            if name == "apu" { "U" } else { "V" }
        ))),
    }
}

pub(crate) fn check_party_info(apu: Option<&[u8]>, apv: Option<&[u8]>) -> Result<()> {
    if let (Some(u), Some(v)) = (apu, apv) {
        if u == v {
            return Err(invalid(
                "JOSE Header \"apu\" and \"apv\" values must be distinct",
            ));
        }
    }
    Ok(())
}

/// The key's material for ECDH: a private or public EC (P-256/384/521)
/// or X25519 key; anything else jose 6 does not do.
pub(crate) fn ecdh_material<'a>(key: &KeyInput, ready: &'a Ready) -> Result<&'a Material> {
    ecdh_key(key, ready).map(|k| k.material())
}

/// [`ecdh_material`]'s key, whose agreement key is made once and kept.
fn ecdh_key<'a>(key: &KeyInput, ready: &'a Ready) -> Result<&'a crate::jwk::key::Key> {
    let unsupported = || {
        Error::not_supported(
            "ECDH with the provided key is not allowed or not supported by your javascript runtime",
        )
    };
    let Ready::Key(k) = ready else {
        return Err(unsupported());
    };
    let m = k.material();
    let ok = match m {
        Material::Ec { curve, .. } => matches!(curve.name(), "P-256" | "P-384" | "P-521"),
        Material::Okp { curve, .. } => curve.name() == "X25519",
        _ => false,
    };
    if !ok {
        return Err(unsupported());
    }
    if let Some((algorithm, _)) = key.crypto_key() {
        if algorithm.name != "ECDH" && algorithm.name != "X25519" {
            return Err(Error::type_error(
                "CryptoKey does not support this operation, its algorithm.name must be ECDH or X25519",
            ));
        }
    }
    Ok(k)
}

/// The CEK of a recipient: `dir`'s key, or the one the encrypted key
/// holds; failures jose 6 hides come back as a random CEK.
#[allow(clippy::too_many_arguments)]
pub fn decrypt_cek(
    alg: &KeyAlg,
    enc: &EncAlg,
    key: &KeyInput,
    ready: &Ready,
    encrypted_key: Option<&[u8]>,
    jose: &Header,
    max_pbes2_count: f64,
) -> Result<SecretBytes> {
    let random = || cek::generate_cek(enc);
    if alg.family == KeyFamily::Dir {
        if encrypted_key.is_some() {
            return Err(invalid("Encountered unexpected JWE Encrypted Key"));
        }
        return content_key(enc, key, ready, "decrypt");
    }
    let ek = encrypted_key.unwrap_or_default();
    let result = unwrap(
        alg,
        enc,
        key,
        ready,
        encrypted_key,
        ek,
        jose,
        max_pbes2_count,
    );
    match result {
        Ok(cek) if alg.family == KeyFamily::EcdhEs => Ok(cek),
        Ok(cek) if cek.len() == enc.key_len => Ok(cek),
        Ok(_) => random(),
        Err(e) if passes(&e) => Err(e),
        Err(_) => random(),
    }
}

#[allow(clippy::too_many_arguments)]
fn unwrap(
    alg: &KeyAlg,
    enc: &EncAlg,
    key: &KeyInput,
    ready: &Ready,
    encrypted_key: Option<&[u8]>,
    ek: &[u8],
    jose: &Header,
    max_pbes2_count: f64,
) -> Result<SecretBytes> {
    match alg.family {
        KeyFamily::EcdhEs | KeyFamily::EcdhEsKw => {
            if alg.family == KeyFamily::EcdhEs && encrypted_key.is_some() {
                return Err(invalid("Encountered unexpected JWE Encrypted Key"));
            }
            let epk = match jose.get("epk") {
                Some(Value::Object(epk))
                    if !["d", "k", "p", "q", "dp", "dq", "qi", "oth", "priv"]
                        .iter()
                        .any(|p| epk.contains_key(*p)) =>
                {
                    epk
                }
                _ => {
                    return Err(invalid(
                        "JOSE Header \"epk\" (Ephemeral Public Key) missing or invalid",
                    ))
                }
            };
            let own = ecdh_key(key, ready)?.agreement_key();
            let epk = ephemeral_key(epk)?;
            let apu = party_info(jose, "apu")?;
            let apv = party_info(jose, "apv")?;
            check_party_info(apu.as_deref(), apv.as_deref())?;
            if let Some((_, usages)) = key.crypto_key() {
                check_usage(usages, "deriveBits")?;
            }
            let derived = ecdh_es::recipient_derive_with(
                alg,
                enc,
                own,
                &epk,
                apu.as_deref().unwrap_or_default(),
                apv.as_deref().unwrap_or_default(),
            )?;
            if alg.family == KeyFamily::EcdhEs {
                return Ok(derived);
            }
            aes_kw::unwrap(alg, &derived, ek)
        }
        KeyFamily::RsaOaep(hash) => {
            let rsa = rsa_key(alg, hash, key, ready, "decrypt")?;
            rsaes::unwrap(alg, &rsa, ek, enc.key_len)
        }
        KeyFamily::Pbes2(_) => {
            let p2c = match jose.get("p2c") {
                Some(Value::Number(n)) => n.as_f64().unwrap_or(f64::NAN),
                _ => {
                    return Err(invalid(
                        "JOSE Header \"p2c\" (PBES2 Count) missing or invalid",
                    ))
                }
            };
            if p2c > max_pbes2_count {
                return Err(invalid(
                    "JOSE Header \"p2c\" (PBES2 Count) out is of acceptable bounds",
                ));
            }
            let p2s = match jose.get("p2s") {
                Some(Value::String(s)) => {
                    b64::decode(s).ok_or_else(|| invalid("Failed to base64url decode the p2s"))?
                }
                _ => {
                    return Err(invalid(
                        "JOSE Header \"p2s\" (PBES2 Salt) missing or invalid",
                    ))
                }
            };
            check_pbes2_inputs(&p2s, p2c)?;
            let password = pbes2_password(key, ready)?;
            pbes2::unwrap(alg, &password, ek, &p2s, p2c as u64, u64::MAX)
        }
        KeyFamily::AesGcmKw => {
            let member = |name: &str, what: &str| match jose.get(name) {
                Some(Value::String(s)) => Ok(s.clone()),
                _ => Err(invalid(format!(
                    "JOSE Header \"{name}\" ({what}) missing or invalid"
                ))),
            };
            let iv = member("iv", "Initialization Vector")?;
            let tag = member("tag", "Authentication Tag")?;
            let iv =
                b64::decode(&iv).ok_or_else(|| invalid("Failed to base64url decode the iv"))?;
            let tag =
                b64::decode(&tag).ok_or_else(|| invalid("Failed to base64url decode the tag"))?;
            if iv.len() != 12 {
                return Err(invalid("Invalid Initialization Vector length"));
            }
            if tag.len() != 16 {
                return Err(invalid("Invalid Authentication Tag length"));
            }
            let kek = wrapping_key(alg, key, ready, "AES-GCM", "decrypt")?;
            aes_gcm_kw::unwrap(alg, &kek, ek, &iv, &tag)
        }
        KeyFamily::AesKw => {
            let kek = wrapping_key(alg, key, ready, "AES-KW", "unwrapKey")?;
            aes_kw::unwrap(alg, &kek, ek)
        }
        KeyFamily::Dir | KeyFamily::Rsa1_5 => Err(Error::not_supported(format!(
            "Invalid or unsupported \"alg\" (JWE Algorithm) header value: {}",
            alg.name
        ))),
    }
}

/// jose 6's `checkRsaKey`: a `CryptoKey` of RSA-OAEP with the algorithm's
/// hash and the usage, a modulus of 2048 bits or more; the core's key.
fn rsa_key(
    alg: &KeyAlg,
    hash: Hash,
    key: &KeyInput,
    ready: &Ready,
    op: &str,
) -> Result<rsaes::RsaKey> {
    if let Some((algorithm, usages)) = key.crypto_key() {
        let subtle = Subtle {
            name: "RSA-OAEP",
            hash: Some(hash_name(hash)),
            named_curve: None,
        };
        check_crypto_key(algorithm, usages, &subtle, None, op)?;
    }
    check_modulus_length(alg.name, ready)?;
    let Ready::Key(k) = ready else {
        return Err(Error::type_error("CryptoKey instance expected"));
    };
    rsaes::RsaKey::from_material(k.material())
}

pub(crate) fn hash_name(hash: Hash) -> &'static str {
    match hash {
        Hash::Sha1 => "SHA-1",
        Hash::Sha256 => "SHA-256",
        Hash::Sha384 => "SHA-384",
        Hash::Sha512 => "SHA-512",
    }
}

/// jose 6's `deriveKey` checks of the salt and count.
pub(crate) fn check_pbes2_inputs(p2s: &[u8], p2c: f64) -> Result<()> {
    if p2s.len() < 8 {
        return Err(invalid("PBES2 Salt Input must be 8 or more octets"));
    }
    if !(p2c.fract() == 0.0 && (1.0..=9_007_199_254_740_991.0).contains(&p2c)) {
        return Err(invalid("PBES2 Count Input must be a positive integer"));
    }
    Ok(())
}

pub(crate) fn pbes2_password(key: &KeyInput, ready: &Ready) -> Result<SecretBytes> {
    if let Some((algorithm, usages)) = key.crypto_key() {
        check_crypto_key(algorithm, usages, &aes("PBKDF2"), None, "deriveBits")?;
    }
    ready
        .secret()
        .map(|k| Zeroizing::new(k.to_vec()))
        .ok_or_else(|| Error::type_error("invalid PBES2 key"))
}

/// An AES-KW or AES-GCMKW key: a `CryptoKey` of that algorithm and length,
/// or bytes: for AES-KW ones WebCrypto imports (16, 24 or 32 of them; a
/// valid AES key of another length than the algorithm's is refused by the
/// length check), for AES-GCMKW exactly the algorithm's length.
pub(crate) fn wrapping_key(
    alg: &KeyAlg,
    key: &KeyInput,
    ready: &Ready,
    name: &'static str,
    op: &str,
) -> Result<SecretBytes> {
    let Some(k) = ready.secret() else {
        return Err(Error::type_error("invalid key"));
    };
    match key.crypto_key() {
        Some((algorithm, usages)) => {
            check_crypto_key(algorithm, usages, &aes(name), Some(bits(alg.key_len)), op)?
        }
        // AES-GCMKW runs the content encryption's own length check
        None if name == "AES-GCM" => check_cek_length(k, bits(alg.key_len))?,
        None if ![16, 24, 32].contains(&k.len()) => {
            return Err(Error::new(Kind::DataError, "Invalid key length"))
        }
        None if k.len() != alg.key_len => {
            return Err(Error::type_error(format!(
                "CryptoKey does not support this operation, its algorithm.length must be {}",
                bits(alg.key_len)
            )))
        }
        None => {}
    }
    Ok(Zeroizing::new(k.to_vec()))
}

/// The sender's `epk` as jose 6 imports it: an EC or X25519 public key.
fn ephemeral_key(epk: &Map<String, Value>) -> Result<Material> {
    let kty = epk.get("kty").and_then(Value::as_str);
    let crv = epk.get("crv").and_then(Value::as_str);
    if !matches!(kty, Some("EC" | "OKP")) || (kty == Some("OKP") && crv != Some("X25519")) {
        return Err(Error::not_supported(
            "Invalid or unsupported JWK \"alg\" (Algorithm) Parameter value",
        ));
    }
    let opts = JwkImportOptions {
        calculate_missing_rsa_primes: false,
        legacy_p256k: false,
    };
    json::material_from_jwk(epk, opts).map_err(|_| Error::new(Kind::DataError, "Invalid keyData"))
}

/// What key management gives an encryption: the CEK, the encrypted key
/// and the header parameters it adds.
pub struct Wrapped {
    pub cek: SecretBytes,
    pub encrypted_key: Option<Vec<u8>>,
    pub parameters: Map<String, Value>,
}

/// What a caller set with `setKeyManagementParameters`.
#[derive(Default)]
pub struct KeyParameters {
    pub apu: Option<Vec<u8>>,
    pub apv: Option<Vec<u8>>,
    pub p2c: Option<f64>,
    pub p2s: Option<Vec<u8>>,
    pub iv: Option<Vec<u8>>,
}

/// jose 6's `encryptKeyManagement` (its arguments, one for one).
#[allow(clippy::too_many_arguments)]
pub fn encrypt_cek(
    alg: &KeyAlg,
    enc: &EncAlg,
    key: &KeyInput,
    ready: &Ready,
    jose: &Header,
    provided_cek: Option<&[u8]>,
    params: &KeyParameters,
    epk: Option<&KeyInput>,
) -> Result<Wrapped> {
    let transport = !matches!(alg.family, KeyFamily::Dir | KeyFamily::EcdhEs);
    if provided_cek.is_some() && !transport {
        return Err(Error::type_error(format!(
            "setContentEncryptionKey cannot be called with JWE \"alg\" (Algorithm) Header {}",
            alg.name
        )));
    }
    if alg.family == KeyFamily::Dir {
        return Ok(Wrapped {
            cek: content_key(enc, key, ready, "encrypt")?,
            encrypted_key: None,
            parameters: Map::new(),
        });
    }
    let cek = match provided_cek {
        Some(c) if transport => Zeroizing::new(c.to_vec()),
        _ if transport => cek::generate_cek(enc)?,
        _ => Zeroizing::new(Vec::new()),
    };
    if transport {
        check_cek_length(&cek, bits(enc.key_len))?;
    }
    let mut parameters = Map::new();
    let encrypted_key = match alg.family {
        KeyFamily::EcdhEs | KeyFamily::EcdhEsKw => {
            let recipient = ecdh_material(key, ready)?;
            let apu = match &params.apu {
                Some(a) => Some(a.clone()),
                None => party_info(jose, "apu")?,
            };
            let apv = match &params.apv {
                Some(a) => Some(a.clone()),
                None => party_info(jose, "apv")?,
            };
            check_party_info(apu.as_deref(), apv.as_deref())?;
            let agreed = match epk {
                None => ecdh_es::sender_derive(
                    alg,
                    enc,
                    recipient,
                    apu.as_deref().unwrap_or_default(),
                    apv.as_deref().unwrap_or_default(),
                )?,
                Some(epk) => {
                    given_ephemeral(alg, enc, epk, recipient, apu.as_deref(), apv.as_deref())?
                }
            };
            parameters.insert("epk".into(), Value::Object(epk_members(&agreed.epk)));
            if let Some(a) = &params.apu {
                parameters.insert("apu".into(), b64u::encode(a).into());
            }
            if let Some(a) = &params.apv {
                parameters.insert("apv".into(), b64u::encode(a).into());
            }
            if alg.family == KeyFamily::EcdhEs {
                return Ok(Wrapped {
                    cek: agreed.key,
                    encrypted_key: None,
                    parameters,
                });
            }
            aes_kw::wrap(alg, &agreed.key, &cek)?
        }
        KeyFamily::RsaOaep(hash) => {
            rsaes::wrap(alg, &rsa_key(alg, hash, key, ready, "encrypt")?, &cek)?
        }
        KeyFamily::Pbes2(_) => {
            let p2c = params.p2c.unwrap_or(2048.0);
            let p2s = match &params.p2s {
                Some(s) => s.clone(),
                None => cek::random_bytes(16)?,
            };
            check_pbes2_inputs(&p2s, p2c)?;
            let password = pbes2_password(key, ready)?;
            let count = u32::try_from(p2c as u64)
                .map_err(|_| invalid("PBES2 Count Input must be a positive integer"))?;
            let wrapped = pbes2::wrap_with(alg, &password, &cek, &p2s, count)?;
            parameters.insert("p2c".into(), Value::from(count));
            parameters.insert("p2s".into(), b64u::encode(&p2s).into());
            wrapped
        }
        KeyFamily::AesGcmKw => {
            let iv = match &params.iv {
                Some(iv) => iv.clone(),
                None => cek::random_bytes(12)?,
            };
            let kek = wrapping_key(alg, key, ready, "AES-GCM", "encrypt")?;
            if iv.len() != 12 {
                return Err(invalid("Invalid Initialization Vector length"));
            }
            let wrapped = aes_gcm_kw::wrap_with_iv(alg, &kek, &cek, &iv)?;
            parameters.insert("iv".into(), b64u::encode(&iv).into());
            parameters.insert("tag".into(), b64u::encode(&wrapped.tag).into());
            wrapped.encrypted_key
        }
        KeyFamily::AesKw => {
            let kek = wrapping_key(alg, key, ready, "AES-KW", "wrapKey")?;
            aes_kw::wrap(alg, &kek, &cek)?
        }
        KeyFamily::Dir | KeyFamily::Rsa1_5 => {
            return Err(Error::not_supported(
                "Invalid or unsupported \"alg\" (JWE Algorithm) header value",
            ))
        }
    };
    Ok(Wrapped {
        cek,
        encrypted_key: Some(encrypted_key),
        parameters,
    })
}

/// ECDH-ES with the ephemeral key the caller gave
/// (`setKeyManagementParameters({ epk })`, for test vectors): a private key
/// checked as jose 6 checks a decryption key for the algorithm; the
/// agreement is the recipient's computation with the roles swapped (Z is
/// the same either way).
fn given_ephemeral(
    alg: &KeyAlg,
    enc: &EncAlg,
    epk: &KeyInput,
    recipient: &Material,
    apu: Option<&[u8]>,
    apv: Option<&[u8]>,
) -> Result<ecdh_es::Agreed> {
    let ready = epk.prepare_entry(&alg_entry(alg), super::keys::Usage::Decrypt)?;
    let own = ecdh_key(epk, &ready)?;
    if !epk.exportable() {
        return Err(Error::type_error(
            "CryptoKey for \"epk\" must be extractable",
        ));
    }
    let key = ecdh_es::recipient_derive_with(
        alg,
        enc,
        own.agreement_key(),
        recipient,
        apu.unwrap_or_default(),
        apv.unwrap_or_default(),
    )?;
    Ok(ecdh_es::Agreed {
        key,
        epk: own.material().to_public()?,
    })
}

/// An ephemeral public key as jose 6 writes `epk`: `x`, `crv`, `kty`,
/// then `y` for EC.
fn epk_members(epk: &Material) -> Map<String, Value> {
    let mut out = Map::new();
    match epk {
        Material::Ec { curve, x, y, .. } => {
            out.insert("x".into(), b64u::encode(x).into());
            out.insert("crv".into(), curve.name().into());
            out.insert("kty".into(), "EC".into());
            out.insert("y".into(), b64u::encode(y).into());
        }
        Material::Okp { curve, x, .. } => {
            out.insert("x".into(), b64u::encode(x).into());
            out.insert("crv".into(), curve.name().into());
            out.insert("kty".into(), "OKP".into());
        }
        _ => {}
    }
    out
}
