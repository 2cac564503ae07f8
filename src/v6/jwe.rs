//! JWE as jose 6 encrypts and decrypts it: the flattened form under the
//! compact and general ones, checked in jose 6's order. Decryption comes in
//! two steps, [`check`] and [`decrypt`], because jose 6 asks a key
//! function for the key between them.

use serde_json::{Map, Value};

use super::b64;
use super::header::{self, Header, Understood};
use super::jwe_keys::{self, alg_entry, enc_entry, invalid, KeyParameters};
use super::jws::Member;
use super::keys::{KeyInput, Usage};
use crate::b64 as b64u;
use crate::error::{Error, Kind, Result};
use crate::js_json;
use crate::jwa::jwe_algs::{EncAlg, EncFamily, KeyAlg, KeyFamily};
use crate::jwa::{cek, content, deflate};

/// The members of a flattened JWE (and of one recipient): text members as
/// given, headers as JSON text of plain objects.
#[derive(Debug, Clone)]
pub struct JweInput {
    pub protected: Member<String>,
    pub unprotected: Member<String>,
    pub header: Member<String>,
    pub encrypted_key: Member<String>,
    pub iv: Member<String>,
    pub ciphertext: Member<String>,
    pub tag: Member<String>,
    pub aad: Member<String>,
}

/// `compactDecrypt`'s split: empty parts are absent.
pub fn split_compact(token: Option<&str>) -> Result<JweInput> {
    let token = token.ok_or_else(|| invalid("Compact JWE must be a string or Uint8Array"))?;
    let parts: Vec<&str> = token.split('.').collect();
    if parts.len() != 5 {
        return Err(invalid("Invalid Compact JWE"));
    }
    let optional = |p: &str| {
        if p.is_empty() {
            Member::Absent
        } else {
            Member::Given(p.to_owned())
        }
    };
    Ok(JweInput {
        protected: Member::Given(parts[0].to_owned()),
        unprotected: Member::Absent,
        header: Member::Absent,
        encrypted_key: optional(parts[1]),
        iv: optional(parts[2]),
        ciphertext: Member::Given(parts[3].to_owned()),
        tag: optional(parts[4]),
        aad: Member::Absent,
    })
}

/// jose 6's decrypt options (`Wrong`: a value of a type it refuses).
#[derive(Debug, Clone)]
pub struct DecryptOptions {
    pub key_management_algorithms: Member<Vec<String>>,
    pub content_encryption_algorithms: Member<Vec<String>>,
    pub crit: Option<Vec<Understood>>,
    pub max_pbes2_count: Member<f64>,
    pub max_decompressed_length: Member<f64>,
}

const MAX_SAFE: f64 = 9_007_199_254_740_991.0;

fn safe_positive(n: f64) -> bool {
    n.fract() == 0.0 && (1.0..=MAX_SAFE).contains(&n)
}

impl DecryptOptions {
    /// jose 6's `prepareDecrypt`.
    pub fn check(&self) -> Result<()> {
        for (member, name) in [
            (&self.key_management_algorithms, "keyManagementAlgorithms"),
            (
                &self.content_encryption_algorithms,
                "contentEncryptionAlgorithms",
            ),
        ] {
            if *member == Member::Wrong {
                return Err(Error::type_error(format!(
                    "\"{name}\" option must be an array of strings"
                )));
            }
        }
        match self.max_pbes2_count {
            Member::Wrong => return Err(pbes2_count_error()),
            Member::Given(n) if n != f64::INFINITY && !safe_positive(n) => {
                return Err(pbes2_count_error())
            }
            _ => {}
        }
        match self.max_decompressed_length {
            Member::Wrong => return Err(decompressed_error()),
            Member::Given(n) if n != 0.0 && n != f64::INFINITY && !safe_positive(n) => {
                return Err(decompressed_error())
            }
            _ => {}
        }
        Ok(())
    }

    fn max_pbes2_count(&self) -> f64 {
        match self.max_pbes2_count {
            Member::Given(n) => n,
            _ => 10_000.0,
        }
    }

    fn max_decompressed_length(&self) -> f64 {
        match self.max_decompressed_length {
            Member::Given(n) => n,
            _ => 250_000.0,
        }
    }
}

fn pbes2_count_error() -> Error {
    Error::type_error("maxPBES2Count must be a positive safe integer or Infinity")
}

fn decompressed_error() -> Error {
    Error::type_error("maxDecompressedLength must be 0, a positive safe integer, or Infinity")
}

/// jose 6's `snapshotSharedJWE` and `checkRecipient`: the members' types.
pub fn check_members(jwe: &JweInput) -> Result<()> {
    check_shared(jwe)?;
    check_recipient(jwe)
}

/// The members every recipient shares (jose 6's `snapshotSharedJWE`).
pub fn check_shared(jwe: &JweInput) -> Result<()> {
    let nonempty_text = |m: &Member<String>| match m {
        Member::Absent => true,
        Member::Given(s) => !s.is_empty(),
        Member::Wrong => false,
    };
    if !nonempty_text(&jwe.iv) {
        return Err(invalid("JWE Initialization Vector incorrect type"));
    }
    if !matches!(jwe.ciphertext, Member::Given(_)) {
        return Err(invalid("JWE Ciphertext missing or incorrect type"));
    }
    if !nonempty_text(&jwe.tag) {
        return Err(invalid("JWE Authentication Tag incorrect type"));
    }
    if jwe.protected == Member::Wrong {
        return Err(invalid("JWE Protected Header incorrect type"));
    }
    if !nonempty_text(&jwe.aad) {
        return Err(invalid("JWE AAD incorrect type"));
    }
    if jwe.unprotected == Member::Wrong {
        return Err(invalid("JWE Shared Unprotected Header incorrect type"));
    }
    Ok(())
}

fn check_recipient(jwe: &JweInput) -> Result<()> {
    if jwe.encrypted_key == Member::Wrong {
        return Err(invalid("JWE Encrypted Key incorrect type"));
    }
    if jwe.header == Member::Wrong {
        return Err(invalid(
            "JWE Per-Recipient Unprotected Header incorrect type",
        ));
    }
    if jwe.protected == Member::Absent
        && jwe.header == Member::Absent
        && jwe.unprotected == Member::Absent
    {
        return Err(invalid("JOSE Header missing"));
    }
    Ok(())
}

fn given(m: &Member<String>) -> Option<&str> {
    match m {
        Member::Given(s) => Some(s),
        _ => None,
    }
}

fn object(m: &Member<String>) -> Option<Header> {
    given(m).and_then(header::parse_object)
}

/// The parts every recipient shares (jose 6's `shareJWE`).
#[derive(Debug, Clone)]
pub struct Shared {
    pub protected: Option<Header>,
    pub protected_text: Option<String>,
    ciphertext: Vec<u8>,
    iv: Option<Vec<u8>>,
    tag: Option<Vec<u8>>,
    aad: Vec<u8>,
    /// The decoded `aad` member.
    pub additional_data: Option<Vec<u8>>,
}

pub fn share(jwe: &JweInput) -> Result<Shared> {
    let (protected, protected_text) = match given(&jwe.protected) {
        Some(p) => {
            let fail = || invalid("JWE Protected Header is invalid");
            let bytes = b64::decode(p).ok_or_else(fail)?;
            let text = header::strict_utf8(&bytes).ok_or_else(fail)?;
            (
                Some(header::parse_object(text).ok_or_else(fail)?),
                Some(text.to_owned()),
            )
        }
        None => (None, None),
    };
    let decode = |m: &Member<String>, label: &str| -> Result<Option<Vec<u8>>> {
        given(m)
            .map(|s| {
                b64::decode(s)
                    .ok_or_else(|| invalid(format!("Failed to base64url decode the {label}")))
            })
            .transpose()
    };
    let ciphertext = decode(&jwe.ciphertext, "ciphertext")?.unwrap_or_default();
    let iv = decode(&jwe.iv, "iv")?;
    let tag = decode(&jwe.tag, "tag")?;
    let mut aad = given(&jwe.protected).unwrap_or_default().to_owned();
    if let Some(a) = given(&jwe.aad) {
        aad.push('.');
        aad.push_str(a);
    }
    if !aad.is_ascii() {
        return Err(invalid("The aad is not a valid base64url string"));
    }
    let additional_data = match given(&jwe.aad) {
        Some(a) => {
            Some(b64::decode(a).ok_or_else(|| invalid("Failed to base64url decode the aad"))?)
        }
        None => None,
    };
    Ok(Shared {
        protected,
        protected_text,
        ciphertext,
        iv,
        tag,
        aad: aad.into_bytes(),
        additional_data,
    })
}

/// jose 6's `validateZip`.
fn check_zip(jose: &Header, protected: Option<&Header>) -> Result<()> {
    match jose.get("zip") {
        None => Ok(()),
        Some(z) if z != "DEF" => Err(Error::not_supported(
            "Unsupported JWE \"zip\" (Compression Algorithm) Header Parameter value.",
        )),
        Some(_) if !crate::jws::header::truthy(protected.and_then(|p| p.get("zip"))) => {
            Err(invalid(
                "JWE \"zip\" (Compression Algorithm) Header Parameter MUST be in a protected header.",
            ))
        }
        Some(_) => Ok(()),
    }
}

/// A recipient whose headers passed, waiting for its key.
#[derive(Debug, Clone)]
pub struct Checked {
    shared: Shared,
    jose: Header,
    alg: &'static KeyAlg,
    enc: &'static EncAlg,
    encrypted_key: Option<Vec<u8>>,
    max_pbes2_count: f64,
    max_decompressed_length: f64,
}

impl Checked {
    pub fn shared(&self) -> &Shared {
        &self.shared
    }
}

fn is_transport(alg: &KeyAlg) -> bool {
    !matches!(alg.family, KeyFamily::Dir | KeyFamily::EcdhEs)
}

/// jose 6's JWE `alg` lookup (it has no RSA1_5).
fn key_alg(name: &str) -> Option<&'static KeyAlg> {
    KeyAlg::from_name(name).filter(|a| a.family != KeyFamily::Rsa1_5)
}

fn unsupported_alg() -> Error {
    Error::not_supported("Invalid or unsupported \"alg\" (JWE Algorithm) header value")
}

fn unsupported_enc() -> Error {
    Error::not_supported("Invalid or unsupported \"enc\" (JWE Encryption Algorithm) header value")
}

/// Everything up to the key, in jose 6's order (`shared` already read).
pub fn check(jwe: &JweInput, shared: Shared, options: &DecryptOptions) -> Result<Checked> {
    let protected = shared.protected.as_ref();
    let header = object(&jwe.header);
    let unprotected = object(&jwe.unprotected);
    let jose = if header.is_some() || unprotected.is_some() {
        let disjoint = header::is_disjoint(protected, header.as_ref())
            && header::is_disjoint(protected, unprotected.as_ref())
            && header::is_disjoint(header.as_ref(), unprotected.as_ref());
        if !disjoint {
            return Err(invalid("JWE Protected, JWE Unprotected Header, and JWE Per-Recipient Unprotected Header Parameter names must be disjoint"));
        }
        let mut all = header::joined(protected, header.as_ref());
        if let Some(u) = &unprotected {
            all.extend(u.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        all
    } else {
        protected.cloned().unwrap_or_default()
    };
    header::validate_crit(
        Kind::JweInvalid,
        &[],
        options.crit.as_deref(),
        protected,
        &jose,
    )?;
    check_zip(&jose, protected)?;
    let alg_name = match jose.get("alg").and_then(Value::as_str) {
        Some(a) if !a.is_empty() => a.to_owned(),
        _ => return Err(invalid("missing JWE Algorithm (alg) in JWE Header")),
    };
    let selected = key_alg(&alg_name);
    if given(&jwe.encrypted_key) == Some("") && !selected.is_some_and(is_transport) {
        return Err(invalid("JWE Encrypted Key incorrect type"));
    }
    let enc_name = match jose.get("enc").and_then(Value::as_str) {
        Some(e) if !e.is_empty() => e.to_owned(),
        _ => {
            return Err(invalid(
                "missing JWE Encryption Algorithm (enc) in JWE Header",
            ))
        }
    };
    let alg_allowed = match &options.key_management_algorithms {
        Member::Given(list) => list.contains(&alg_name),
        _ => !alg_name.starts_with("PBES2"),
    };
    if !alg_allowed {
        return Err(Error::new(
            Kind::AlgNotAllowed,
            "\"alg\" (Algorithm) Header Parameter value not allowed",
        ));
    }
    if let Member::Given(list) = &options.content_encryption_algorithms {
        if !list.contains(&enc_name) {
            return Err(Error::new(
                Kind::AlgNotAllowed,
                "\"enc\" (Encryption Algorithm) Header Parameter value not allowed",
            ));
        }
    }
    let enc = EncAlg::from_name(&enc_name).ok_or_else(unsupported_enc)?;
    let encrypted_key = match given(&jwe.encrypted_key) {
        None => None,
        Some(text) => match b64::decode(text) {
            Some(bytes) => Some(bytes),
            None if selected.is_some_and(is_transport) => Some(Vec::new()),
            None => return Err(invalid("Failed to base64url decode the encrypted_key")),
        },
    };
    let alg = match selected {
        Some(a) => a,
        // jose 6 asks a key function first, then refuses the alg
        None => &UNKNOWN,
    };
    Ok(Checked {
        shared,
        jose,
        alg,
        enc,
        encrypted_key,
        max_pbes2_count: options.max_pbes2_count(),
        max_decompressed_length: options.max_decompressed_length(),
    })
}

/// Stands for an `alg` jose 6 does not know until the key is in hand.
static UNKNOWN: KeyAlg = KeyAlg {
    name: "",
    family: KeyFamily::Rsa1_5,
    key_len: 0,
    iv_len: 0,
    min_rsa_bits: 0,
};

/// What a key that unwraps outside the core (a KMS) is asked: the `alg`
/// and the encrypted key. Only RSA-OAEP is handed out; `None` for any
/// other `alg` (the JWE then fails as for a wrong key).
pub fn unwrap_request(checked: &Checked) -> Option<(&'static str, Vec<u8>)> {
    matches!(checked.alg.family, KeyFamily::RsaOaep(_)).then(|| {
        (
            checked.alg.name,
            checked.encrypted_key.clone().unwrap_or_default(),
        )
    })
}

/// Decryption with a CEK a KMS unwrapped: `None` (it failed, threw or
/// answered no bytes) or a CEK of the wrong length ends exactly as a wrong
/// key does, with a random CEK and `JWEDecryptionFailed`.
pub fn decrypt_with_cek(checked: &Checked, cek: Option<&[u8]>) -> Result<Vec<u8>> {
    let enc = checked.enc;
    let cek = match cek {
        Some(c) if c.len() == enc.key_len && unwrap_request(checked).is_some() => {
            zeroize::Zeroizing::new(c.to_vec())
        }
        _ => cek::generate_cek(enc)?,
    };
    open_content(checked, &cek)
}

/// The rest of decryption, with the key: the plaintext.
pub fn decrypt(checked: &Checked, key: &KeyInput) -> Result<Vec<u8>> {
    let alg = checked.alg;
    if alg.name.is_empty() {
        return Err(unsupported_alg());
    }
    let enc = checked.enc;
    let encrypted_key = match (&checked.encrypted_key, is_transport(alg)) {
        (None, true) => Some(Vec::new()),
        (ek, _) => ek.clone(),
    };
    let entry = if alg.family == KeyFamily::Dir {
        enc_entry(enc)
    } else {
        alg_entry(alg)
    };
    let ready = key.prepare_entry(&entry, Usage::Decrypt)?;
    let cek = jwe_keys::decrypt_cek(
        alg,
        enc,
        key,
        &ready,
        encrypted_key.as_deref(),
        &checked.jose,
        checked.max_pbes2_count,
    )?;
    open_content(checked, &cek)
}

/// The content decryption, with the CEK in hand, and `zip`.
fn open_content(checked: &Checked, cek: &[u8]) -> Result<Vec<u8>> {
    let enc = checked.enc;
    let shared = &checked.shared;
    let iv = shared
        .iv
        .as_deref()
        .ok_or_else(|| invalid("JWE Initialization Vector missing"))?;
    let tag = shared
        .tag
        .as_deref()
        .ok_or_else(|| invalid("JWE Authentication Tag missing"))?;
    let gcm = enc.family == EncFamily::AesGcm;
    if gcm && tag.len() != 16 {
        return Err(invalid("Invalid Authentication Tag length"));
    }
    if iv.len() != enc.iv_len {
        return Err(invalid("Invalid Initialization Vector length"));
    }
    if cek.len() != enc.key_len {
        return Err(invalid(format!(
            "Invalid Content Encryption Key length. Expected {} bits, got {} bits",
            enc.key_len * 8,
            cek.len() * 8
        )));
    }
    if !gcm && tag.len() != enc.tag_len {
        return Err(Error::decryption_failed());
    }
    let plaintext = content::decrypt(enc, cek, iv, &shared.aad, &shared.ciphertext, tag)
        .map_err(|_| Error::decryption_failed())?;
    if checked.jose.get("zip").is_some_and(|z| z == "DEF") {
        return inflate(&plaintext, checked.max_decompressed_length);
    }
    Ok(plaintext)
}

fn inflate(data: &[u8], limit: f64) -> Result<Vec<u8>> {
    if limit == 0.0 {
        return Err(Error::not_supported(
            "JWE \"zip\" (Compression Algorithm) Header Parameter is not supported.",
        ));
    }
    let max = if limit.is_finite() {
        limit as usize
    } else {
        usize::MAX
    };
    deflate::decompress(data, max).map_err(|e| {
        if e.message.contains("limit") || e.message.contains("exceed") {
            invalid("Decompressed plaintext exceeded the configured limit")
        } else {
            invalid("Failed to decompress plaintext")
        }
    })
}

/// A general JWE's recipients screened as jose 6 does before trying them:
/// more than one with an `alg` that cannot share a CEK is refused.
pub fn check_recipients(
    shared: &Shared,
    algs: &[Option<String>],
    unprotected: Option<&Header>,
) -> Result<()> {
    if algs.len() < 2 {
        return Ok(());
    }
    for header_alg in algs {
        let alg = shared
            .protected
            .as_ref()
            .and_then(|p| p.get("alg"))
            .cloned()
            .or_else(|| header_alg.clone().map(Value::String))
            .or_else(|| unprotected.and_then(|u| u.get("alg")).cloned());
        if let Some(Value::String(alg)) = alg {
            if key_alg(&alg).is_some_and(|a| !is_transport(a)) {
                return Err(invalid(format!(
                    "\"{alg}\" alg may only have a single recipient"
                )));
            }
        }
    }
    Ok(())
}

// --- encryption

/// One encryption's inputs besides the key.
pub struct EncryptInput<'a> {
    pub plaintext: &'a [u8],
    pub protected: Member<String>,
    pub unprotected: Member<String>,
    pub shared_unprotected: Member<String>,
    pub aad: Option<&'a [u8]>,
    pub cek: Option<&'a [u8]>,
    pub iv: Option<&'a [u8]>,
    pub parameters: KeyParameters,
    /// `false`: `setKeyManagementParameters` got something not an object.
    pub parameters_ok: bool,
    /// The ECDH-ES ephemeral key the caller gave (`epk`).
    pub epk: Option<&'a KeyInput>,
    pub crit: Option<Vec<Understood>>,
}

/// The headers of an encryption, checked (jose 6's `checkEncryptHeaders`).
pub struct EncryptHeaders {
    pub protected: Option<(Header, String)>,
    pub unprotected: Option<Header>,
    pub shared_unprotected: Option<Header>,
    pub jose: Header,
    pub alg_name: String,
    pub enc: &'static EncAlg,
}

fn serialized(member: &Member<String>) -> Result<Option<(Header, String)>> {
    match member {
        Member::Absent => Ok(None),
        Member::Wrong => Err(invalid("JOSE Header is not valid JSON")),
        Member::Given(text) => header::parse_object(text)
            .map(|h| Some((h, text.clone())))
            .ok_or_else(|| invalid("JOSE Header is not a JSON object")),
    }
}

fn check_disjoint(a: Option<&Header>, b: Option<&Header>, c: Option<&Header>) -> Result<()> {
    if header::is_disjoint(a, b) && header::is_disjoint(a, c) && header::is_disjoint(b, c) {
        Ok(())
    } else {
        Err(invalid("JWE Protected, JWE Shared Unprotected and JWE Per-Recipient Header Parameter names must be disjoint"))
    }
}

pub fn check_encrypt_headers(input: &EncryptInput<'_>) -> Result<EncryptHeaders> {
    let none = |m: &Member<String>| *m == Member::Absent;
    if none(&input.protected) && none(&input.unprotected) && none(&input.shared_unprotected) {
        return Err(invalid("either setProtectedHeader, setUnprotectedHeader, or sharedUnprotectedHeader must be called before #encrypt()"));
    }
    let protected = serialized(&input.protected)?;
    let unprotected = serialized(&input.unprotected)?.map(|(h, _)| h);
    let shared_unprotected = serialized(&input.shared_unprotected)?.map(|(h, _)| h);
    if !input.parameters_ok {
        return Err(Error::type_error(
            "JWE Key Management Parameters must be an object",
        ));
    }
    let p = protected.as_ref().map(|(h, _)| h);
    check_disjoint(p, unprotected.as_ref(), shared_unprotected.as_ref())?;
    let mut jose = header::joined(p, unprotected.as_ref());
    if let Some(s) = &shared_unprotected {
        jose.extend(s.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    header::check_crit_duplicates(Kind::JweInvalid, p)?;
    header::validate_crit(Kind::JweInvalid, &[], input.crit.as_deref(), p, &jose)?;
    check_zip(&jose, p)?;
    let alg_name = match jose.get("alg").and_then(Value::as_str) {
        Some(a) if !a.is_empty() => a.to_owned(),
        _ => {
            return Err(invalid(
                "JWE \"alg\" (Algorithm) Header Parameter missing or invalid",
            ))
        }
    };
    let enc = match jose.get("enc").and_then(Value::as_str) {
        Some(e) if !e.is_empty() => EncAlg::from_name(e).ok_or_else(unsupported_enc)?,
        _ => {
            return Err(invalid(
                "JWE \"enc\" (Encryption Algorithm) Header Parameter missing or invalid",
            ))
        }
    };
    Ok(EncryptHeaders {
        protected,
        unprotected,
        shared_unprotected,
        jose,
        alg_name,
        enc,
    })
}

/// An encrypted flattened JWE. It crosses to JavaScript as it is (the
/// one declaration of `V6Encrypted`).
#[derive(Debug, Clone, Default)]
#[cfg_attr(feature = "node", napi_derive::napi(object, js_name = "V6Encrypted"))]
pub struct Encrypted {
    pub ciphertext: String,
    pub iv: Option<String>,
    pub tag: Option<String>,
    pub encrypted_key: Option<String>,
    pub aad: Option<String>,
    pub protected: Option<String>,
    /// The per-recipient header as JSON text (with any parameters key
    /// management added when they go there).
    pub header: Option<String>,
}

/// The header parameters key management adds, merged into a header's
/// JSON text as `{ ...header, ...parameters }` writes it.
fn merge(
    text: Option<&str>,
    parsed: Option<&Header>,
    parameters: &Map<String, Value>,
) -> Result<String> {
    if let (Some(text), true) = (text, parameters.is_empty()) {
        return Ok(text.to_owned());
    }
    let overlap = parsed.is_some_and(|h| parameters.keys().any(|k| h.contains_key(k)));
    let to_text = |v: &Map<String, Value>| {
        js_json::to_text(v).map_err(|_| invalid("JOSE Header is not valid JSON"))
    };
    match (text, parsed) {
        (Some(text), Some(h)) if !overlap && text.ends_with('}') => {
            let extra = to_text(parameters)?;
            Ok(if h.is_empty() {
                extra
            } else {
                format!("{},{}", &text[..text.len() - 1], &extra[1..])
            })
        }
        (_, Some(h)) => {
            let mut all = h.clone();
            all.extend(parameters.iter().map(|(k, v)| (k.clone(), v.clone())));
            to_text(&all)
        }
        _ => to_text(parameters),
    }
}

/// Encrypts for one recipient (jose 6's `encryptJWE`). `into_header`: key
/// management's parameters go to the per-recipient header (general JWE
/// with several recipients), not the protected one.
pub fn encrypt(
    input: &EncryptInput<'_>,
    headers: &EncryptHeaders,
    key: &KeyInput,
    into_header: bool,
) -> Result<Encrypted> {
    let alg = key_alg(&headers.alg_name).ok_or_else(unsupported_alg)?;
    let enc = headers.enc;
    let entry = if alg.family == KeyFamily::Dir {
        enc_entry(enc)
    } else {
        alg_entry(alg)
    };
    let ready = key.prepare_entry(&entry, Usage::Encrypt)?;
    let wrapped = jwe_keys::encrypt_cek(
        alg,
        enc,
        key,
        &ready,
        &headers.jose,
        input.cek,
        &input.parameters,
        input.epk,
    )?;
    let mut protected_text = headers.protected.as_ref().map(|(_, t)| t.clone());
    let mut header_text = headers
        .unprotected
        .as_ref()
        .map(|h| js_json::to_text(h).unwrap_or_default());
    if !wrapped.parameters.is_empty() {
        let p = headers.protected.as_ref().map(|(h, _)| h);
        if into_header {
            let merged = merge(
                header_text.as_deref(),
                headers.unprotected.as_ref(),
                &wrapped.parameters,
            )?;
            check_disjoint(
                p,
                header::parse_object(&merged).as_ref(),
                headers.shared_unprotected.as_ref(),
            )?;
            header_text = Some(merged);
        } else {
            let merged = merge(protected_text.as_deref(), p, &wrapped.parameters)?;
            check_disjoint(
                header::parse_object(&merged).as_ref(),
                headers.unprotected.as_ref(),
                headers.shared_unprotected.as_ref(),
            )?;
            protected_text = Some(merged);
        }
    }
    let encoded_protected = protected_text
        .as_deref()
        .map(|t| b64u::encode(t.as_bytes()));
    let encoded_aad = input.aad.filter(|a| !a.is_empty()).map(b64u::encode);
    let mut aad = encoded_protected.clone().unwrap_or_default();
    if let Some(a) = &encoded_aad {
        aad.push('.');
        aad.push_str(a);
    }
    let plaintext = if headers.jose.get("zip").is_some_and(|z| z == "DEF") {
        deflate::compress(input.plaintext).map_err(|_| invalid("Failed to compress plaintext"))?
    } else {
        input.plaintext.to_vec()
    };
    let iv = match input.iv {
        Some(iv) if iv.len() != enc.iv_len => {
            return Err(invalid("Invalid Initialization Vector length"))
        }
        Some(iv) => iv.to_vec(),
        None => cek::generate_iv(enc)?,
    };
    let sealed = content::encrypt(enc, &wrapped.cek, &iv, aad.as_bytes(), &plaintext)?;
    Ok(Encrypted {
        ciphertext: b64u::encode(&sealed.ciphertext),
        iv: Some(b64u::encode(&iv)),
        tag: Some(b64u::encode(&sealed.tag)),
        encrypted_key: wrapped
            .encrypted_key
            .filter(|k| !k.is_empty())
            .map(|k| b64u::encode(&k)),
        aad: encoded_aad,
        protected: encoded_protected,
        header: header_text,
    })
}

/// A further recipient of a general JWE: the shared CEK under its key.
pub fn encrypt_recipient(
    input: &EncryptInput<'_>,
    headers: &EncryptHeaders,
    key: &KeyInput,
    cek: &[u8],
) -> Result<(String, Option<String>)> {
    let alg = key_alg(&headers.alg_name).ok_or_else(unsupported_alg)?;
    let entry = if alg.family == KeyFamily::Dir {
        enc_entry(headers.enc)
    } else {
        alg_entry(alg)
    };
    let ready = key.prepare_entry(&entry, Usage::Encrypt)?;
    let wrapped = jwe_keys::encrypt_cek(
        alg,
        headers.enc,
        key,
        &ready,
        &headers.jose,
        Some(cek),
        &input.parameters,
        input.epk,
    )?;
    let encrypted_key = b64u::encode(&wrapped.encrypted_key.unwrap_or_default());
    let header = if headers.unprotected.is_some() || !wrapped.parameters.is_empty() {
        let text = headers
            .unprotected
            .as_ref()
            .map(|h| js_json::to_text(h).unwrap_or_default());
        let merged = merge(
            text.as_deref(),
            headers.unprotected.as_ref(),
            &wrapped.parameters,
        )?;
        if !wrapped.parameters.is_empty() {
            check_disjoint(
                headers.protected.as_ref().map(|(h, _)| h),
                header::parse_object(&merged).as_ref(),
                headers.shared_unprotected.as_ref(),
            )?;
        }
        Some(merged)
    } else {
        None
    };
    Ok((encrypted_key, header))
}

/// jose 6's rules for a general JWE's recipients: `alg`s that cannot share
/// a CEK stand alone, and every recipient has the same `enc`.
pub fn check_general(headers: &[EncryptHeaders]) -> Result<()> {
    let multiple = headers.len() > 1;
    let mut enc: Option<&str> = None;
    for h in headers {
        if multiple && key_alg(&h.alg_name).is_some_and(|a| !is_transport(a)) {
            return Err(invalid(format!(
                "\"{}\" alg may only have a single recipient",
                h.alg_name
            )));
        }
        match enc {
            None => enc = Some(h.enc.name),
            Some(e) if e != h.enc.name => {
                return Err(invalid(
                    "JWE \"enc\" (Encryption Algorithm) Header Parameter must be the same for all recipients",
                ))
            }
            _ => {}
        }
    }
    Ok(())
}

/// A CEK for a general JWE with several recipients.
pub fn shared_cek(enc: &EncAlg) -> Result<Vec<u8>> {
    Ok(cek::generate_cek(enc)?.to_vec())
}
