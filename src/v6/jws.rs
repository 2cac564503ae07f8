//! JWS as jose 6 signs and verifies it: the flattened form underneath the
//! compact and general ones, checked in jose 6's order. Verification comes
//! in two steps because jose 6 asks a key *function* for the key between
//! them: [`check`] reads everything the function is shown, [`verify`] does
//! the rest with the key.

use std::borrow::Cow;
use std::sync::Arc;

use super::algs::{self, JwsAlg};
use super::b64;
use super::header::{self, Header, Understood, JWS_RECOGNIZED};
use super::keys::{KeyInput, Ready, Usage};
use crate::b64 as b64u;
use crate::error::{Error, Kind, Result};
use crate::jwa::signing::Signer;
use crate::jwk::material::Material;

/// A member of a JavaScript object as the facade reports it: missing
/// (`undefined`), there but of a type jose 6 refuses, or given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Member<T> {
    Absent,
    Wrong,
    Given(T),
}

impl<T> Member<T> {
    /// The given value changed by `f`; `Absent` and `Wrong` as they are.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Member<U> {
        match self {
            Member::Absent => Member::Absent,
            Member::Wrong => Member::Wrong,
            Member::Given(value) => Member::Given(f(value)),
        }
    }
}

/// Text that owns what it borrowed.
fn owned(text: Cow<'_, str>) -> Cow<'static, str> {
    Cow::Owned(text.into_owned())
}

/// A JWS payload: base64url text, or (RFC 7797) the bytes themselves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Payload<'a> {
    Text(Cow<'a, str>),
    Bytes(Cow<'a, [u8]>),
}

impl Payload<'_> {
    fn into_owned(self) -> Payload<'static> {
        match self {
            Payload::Text(text) => Payload::Text(owned(text)),
            Payload::Bytes(bytes) => Payload::Bytes(Cow::Owned(bytes.into_owned())),
        }
    }
}

/// Where the JWS came from, which decides how an unencoded text payload
/// becomes bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Compact,
    /// Flattened or general JSON; `well_formed` says whether a text
    /// payload is well-formed UTF-16 (no lone surrogate).
    Json {
        well_formed: bool,
    },
}

/// A flattened JWS's members.
#[derive(Debug, Clone)]
/// A compact JWS's parts borrow the token.
pub struct Flattened<'a> {
    pub protected: Member<Cow<'a, str>>,
    /// The unprotected header as JSON text.
    pub header: Member<String>,
    pub payload: Member<Payload<'a>>,
    pub signature: Member<Cow<'a, str>>,
    /// A compact JWS's signing input, `protected.payload` as the token has
    /// it (no copy is made of it to verify).
    pub compact_input: Option<&'a str>,
}

impl Flattened<'_> {
    /// The members, owning what they borrowed.
    pub fn into_owned(self) -> Flattened<'static> {
        Flattened {
            protected: self.protected.map(owned),
            header: self.header,
            payload: self.payload.map(Payload::into_owned),
            signature: self.signature.map(owned),
            compact_input: None,
        }
    }
}

/// The options verification shares across signatures.
#[derive(Debug, Clone)]
pub struct VerifyOptions {
    /// `Wrong`: not an array of strings.
    pub algorithms: Member<Vec<String>>,
    pub crit: Option<Vec<Understood>>,
}

impl Default for VerifyOptions {
    fn default() -> Self {
        VerifyOptions {
            algorithms: Member::Absent,
            crit: None,
        }
    }
}

impl VerifyOptions {
    /// jose 6's `validateAlgorithms`.
    pub fn check(&self) -> Result<()> {
        if self.algorithms == Member::Wrong {
            return Err(Error::type_error(
                "\"algorithms\" option must be an array of strings",
            ));
        }
        Ok(())
    }
}

/// A JWS whose headers passed: what a key function is shown, and what
/// [`verify`] needs.
#[derive(Debug, Clone)]
pub struct Checked<'a> {
    /// The protected header (empty, with no text, when there is none).
    pub protected: Arc<Protected>,
    protected_encoded: Option<Cow<'a, str>>,
    pub alg: String,
    pub b64: bool,
    signing_payload: Payload<'a>,
    signature: Cow<'a, str>,
    compact_input: Option<&'a str>,
}

impl Checked<'_> {
    /// What was checked, owning what it borrowed from the token (to wait
    /// for a key function's key).
    pub fn into_owned(self) -> Checked<'static> {
        Checked {
            protected: self.protected,
            protected_encoded: self.protected_encoded.map(owned),
            alg: self.alg,
            b64: self.b64,
            signing_payload: self.signing_payload.into_owned(),
            signature: owned(self.signature),
            compact_input: None,
        }
    }
}

/// The compact serialization's three parts (`None`: not a string).
pub fn split_compact(token: Option<&str>) -> Result<Flattened<'_>> {
    let token = token.ok_or_else(|| invalid("Compact JWS must be a string or Uint8Array"))?;
    let mut parts = token.split('.');
    let (Some(protected), Some(payload), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(invalid("Invalid Compact JWS"));
    };
    Ok(Flattened {
        protected: Member::Given(Cow::Borrowed(protected)),
        header: Member::Absent,
        payload: Member::Given(Payload::Text(Cow::Borrowed(payload))),
        signature: Member::Given(Cow::Borrowed(signature)),
        compact_input: token.get(..protected.len() + 1 + payload.len()),
    })
}

fn invalid(message: impl Into<String>) -> Error {
    Error::new(Kind::JwsInvalid, message)
}

/// jose 6's `snapshotJws`: the members' presence and types.
pub fn check_members(jws: &Flattened) -> Result<()> {
    if jws.protected == Member::Absent && jws.header == Member::Absent {
        return Err(invalid(
            "Flattened JWS must have either of the \"protected\" or \"header\" members",
        ));
    }
    if jws.protected == Member::Wrong {
        return Err(invalid("JWS Protected Header incorrect type"));
    }
    if jws.payload == Member::Absent {
        return Err(invalid("JWS Payload missing"));
    }
    if !matches!(jws.signature, Member::Given(_)) {
        return Err(invalid("JWS Signature missing or incorrect type"));
    }
    if jws.header == Member::Wrong {
        return Err(invalid("JWS Unprotected Header incorrect type"));
    }
    Ok(())
}

/// A protected header as the token has it: its members and its JSON text
/// (no members and no text when there is none).
#[derive(Debug, Default)]
pub struct Protected {
    pub members: Header,
    pub text: Option<String>,
}

/// Reads a protected header segment; shared, as the thread remembers the
/// last few.
pub fn protected_header(encoded: Option<&str>) -> Result<Arc<Protected>> {
    let Some(encoded) = encoded else {
        return Ok(Arc::default());
    };
    if let Some(known) = RECENT_HEADERS.with(|r| r.borrow().find(encoded)) {
        return Ok(known);
    }
    let fail = || invalid("JWS Protected Header is invalid");
    let bytes = b64::decode(encoded).ok_or_else(fail)?;
    let text = header::strict_utf8(&bytes).ok_or_else(fail)?;
    let read = Arc::new(Protected {
        members: header::parse_object(text).ok_or_else(fail)?,
        text: Some(text.to_owned()),
    });
    // a segment that is not the one signing writes for the text (a BOM
    // dropped, bits atob ignores) is never handed out for signing
    let canonical = text.len() == bytes.len() && b64u::encode(&bytes) == encoded;
    RECENT_HEADERS.with(|r| r.borrow_mut().remember(encoded, &read, canonical));
    Ok(read)
}

/// The protected header segments read last on this thread, with what they
/// hold: a service verifies tokens with the same few headers over and over,
/// and reading one (base64url, UTF-8, JSON) is a good part of an HS256
/// verification. Only headers that read cleanly are kept, and a hit is the
/// same segment byte for byte, so it reads the same; entries are shared,
/// never copied.
struct RecentHeaders {
    /// A segment, what it holds, and whether it is the segment signing
    /// writes for that text.
    entries: Vec<(Box<str>, Arc<Protected>, bool)>,
    next: usize,
}

const RECENT_HEADER_SLOTS: usize = 8;
/// Longer segments are not kept (an embedded `jwk`, say).
const RECENT_HEADER_MAX_LEN: usize = 512;

impl RecentHeaders {
    fn find(&self, encoded: &str) -> Option<Arc<Protected>> {
        self.entries
            .iter()
            .find(|(e, _, _)| &**e == encoded)
            .map(|(_, read, _)| Arc::clone(read))
    }

    /// The entry of a header's JSON text, with its segment.
    fn find_text(&self, text: &str) -> Option<(Arc<Protected>, Box<str>)> {
        self.entries
            .iter()
            .find(|(_, read, canonical)| *canonical && read.text.as_deref() == Some(text))
            .map(|(encoded, read, _)| (Arc::clone(read), encoded.clone()))
    }

    fn remember(&mut self, encoded: &str, read: &Arc<Protected>, canonical: bool) {
        if encoded.len() > RECENT_HEADER_MAX_LEN {
            return;
        }
        let entry = (encoded.into(), Arc::clone(read), canonical);
        if self.entries.len() < RECENT_HEADER_SLOTS {
            self.entries.push(entry);
        } else {
            self.entries[self.next] = entry;
            self.next = (self.next + 1) % RECENT_HEADER_SLOTS;
        }
    }
}

thread_local! {
    static RECENT_HEADERS: std::cell::RefCell<RecentHeaders> = const {
        std::cell::RefCell::new(RecentHeaders {
            entries: Vec::new(),
            next: 0,
        })
    };
}

/// How a general JWS's signature encodes the payload, as jose 6 screens
/// signatures before trying them: `None` when its members or protected
/// header cannot be read (it is skipped), else 1 for base64url, 2 for
/// unencoded, 0 for a listed `b64` that is not a boolean.
pub fn payload_encoding(jws: &Flattened) -> Option<u8> {
    check_members(jws).ok()?;
    let protected = match &jws.protected {
        Member::Given(p) => Some(&**p),
        _ => None,
    };
    let read = protected_header(protected).ok()?;
    let header = &read.members;
    let lists_b64 = header
        .get("crit")
        .and_then(|c| c.as_array())
        .is_some_and(|c| c.iter().any(|v| v == "b64"));
    Some(match (lists_b64, header.get("b64")) {
        (false, _) => 1,
        (true, Some(serde_json::Value::Bool(true))) => 1,
        (true, Some(serde_json::Value::Bool(false))) => 2,
        (true, _) => 0,
    })
}

/// The signatures of a general JWS worth trying, in order; a mix of
/// encoded and unencoded payloads is refused outright.
pub fn general_candidates(signatures: &[Flattened]) -> Result<Vec<usize>> {
    let mut seen = 0;
    let mut candidates = Vec::new();
    for (index, jws) in signatures.iter().enumerate() {
        if let Some(encoding) = payload_encoding(jws) {
            seen |= encoding;
            if seen == 3 {
                return Err(invalid(
                    "inconsistent use of JWS Unencoded Payload (RFC7797)",
                ));
            }
            candidates.push(index);
        }
    }
    Ok(candidates)
}

/// Everything up to the key, in jose 6's order.
pub fn check<'a>(jws: Flattened<'a>, options: &VerifyOptions, form: Form) -> Result<Checked<'a>> {
    check_members(&jws)?;
    options.check()?;
    let protected_encoded = match jws.protected {
        Member::Given(p) => Some(p),
        _ => None,
    };
    let read = protected_header(protected_encoded.as_deref())?;
    let protected = &read.members;
    let unprotected = match &jws.header {
        Member::Given(text) => Some(
            header::parse_object(text)
                .ok_or_else(|| invalid("JWS Unprotected Header incorrect type"))?,
        ),
        _ => None,
    };
    if !header::is_disjoint(Some(protected), unprotected.as_ref()) {
        return Err(invalid(
            "JWS Protected and JWS Unprotected Header Parameter names must be disjoint",
        ));
    }
    // a compact JWS (the common case) has no other header to join
    let joined;
    let jose = match &unprotected {
        Some(u) => {
            joined = header::joined(Some(protected), Some(u));
            &joined
        }
        None => protected,
    };
    let extensions = header::validate_crit(
        Kind::JwsInvalid,
        JWS_RECOGNIZED,
        options.crit.as_deref(),
        Some(protected),
        jose,
    )?;
    let b64 = header::validate_b64(Some(protected), &extensions)?;
    let alg = match jose.get("alg").and_then(|a| a.as_str()) {
        Some(alg) if !alg.is_empty() => alg.to_owned(),
        _ => {
            return Err(invalid(
                "JWS \"alg\" (Algorithm) Header Parameter missing or invalid",
            ))
        }
    };
    if let Member::Given(allowed) = &options.algorithms {
        if !allowed.contains(&alg) {
            return Err(Error::new(
                Kind::AlgNotAllowed,
                "\"alg\" (Algorithm) Header Parameter value not allowed",
            ));
        }
    }
    let signing_payload = match (jws.payload, b64) {
        (Member::Given(Payload::Text(text)), true) => Payload::Text(text),
        (_, true) => return Err(invalid("JWS Payload must be a string")),
        (Member::Given(Payload::Text(text)), false) => {
            Payload::Bytes(Cow::Owned(unencoded(text.into_owned(), form)?))
        }
        (Member::Given(Payload::Bytes(bytes)), false) => Payload::Bytes(bytes),
        _ => {
            return Err(invalid(
                "JWS Payload must be a string or an Uint8Array instance",
            ))
        }
    };
    let Member::Given(signature) = jws.signature else {
        return Err(invalid("JWS Signature missing or incorrect type"));
    };
    Ok(Checked {
        protected: read,
        protected_encoded,
        alg,
        b64,
        signing_payload,
        signature,
        compact_input: jws.compact_input,
    })
}

/// An RFC 7797 payload given as text, as bytes.
fn unencoded(text: String, form: Form) -> Result<Vec<u8>> {
    match form {
        Form::Compact if !text.is_ascii() => Err(invalid(
            "JWS Compact Serialization payload must use only ASCII characters",
        )),
        Form::Json { well_formed: false } => {
            Err(invalid("JWS Payload must be a well-formed Unicode string"))
        }
        _ => Ok(text.into_bytes()),
    }
}

/// The algorithm `alg` names, or jose 6's refusal.
pub fn algorithm(alg: &str) -> Result<&'static JwsAlg> {
    algs::jws(alg).ok_or_else(|| {
        Error::not_supported(format!(
            "alg {alg} is not supported either by JOSE or your javascript runtime"
        ))
    })
}

/// The rest of verification, with the key: returns the payload's bytes.
pub fn verify(checked: &Checked<'_>, key: &KeyInput) -> Result<Vec<u8>> {
    let alg = algorithm(&checked.alg)?;
    if matches!(&checked.signing_payload, Payload::Text(text) if !text.is_ascii()) {
        return Err(invalid("The payload is not a valid base64url string"));
    }
    let joined;
    let input = match checked.compact_input {
        Some(compact) => compact.as_bytes(),
        None => {
            let protected = checked.protected_encoded.as_deref().unwrap_or_default();
            let payload = match &checked.signing_payload {
                Payload::Text(text) => text.as_bytes(),
                Payload::Bytes(bytes) => bytes,
            };
            joined = [protected.as_bytes(), b".", payload].concat();
            &joined
        }
    };
    let signature = b64::decode(&checked.signature)
        .ok_or_else(|| invalid("Failed to base64url decode the signature"))?;
    let ready = key.prepare(alg, Usage::Verify)?;
    if !with_signer(&ready, |s| s.verify(alg.core, input, &signature))? {
        return Err(Kind::JwsSignatureVerificationFailed.error());
    }
    match &checked.signing_payload {
        Payload::Text(text) => {
            b64::decode(text).ok_or_else(|| invalid("Failed to base64url decode the payload"))
        }
        Payload::Bytes(bytes) => Ok(bytes.to_vec()),
    }
}

/// Runs `f` with the core's signer for a prepared key (a secret's is
/// made for the call, as jose 6 imports a `Uint8Array` for each).
fn with_signer<T>(ready: &Ready, f: impl FnOnce(&Signer) -> Result<T>) -> Result<T> {
    match ready {
        Ready::Secret(k) => f(&Signer::new(&Material::Oct { k: k.clone() })?),
        Ready::Key(key) => f(key.signer()?),
    }
}

/// What `rejectUnencoded` does when signing with `b64: false` where jose 6
/// does not allow it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unencoded {
    Allowed,
    /// CompactSign: "use the flattened module ..." (a TypeError).
    CompactRefused,
    /// SignJWT: JWTs never use it.
    JwtRefused,
}

/// What signing takes beside the key.
#[derive(Debug, Clone)]
pub struct SignInput<'a> {
    pub payload: &'a [u8],
    /// The protected header as `JSON.stringify` wrote it (`Wrong` when it
    /// threw or gave nothing).
    pub protected: Member<String>,
    pub unprotected: Member<String>,
    pub crit: Option<Vec<Understood>>,
    pub unencoded: Unencoded,
}

/// A signed flattened JWS. It crosses to JavaScript as it is (the one
/// declaration of `V6Signed`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "node", napi_derive::napi(object, js_name = "V6Signed"))]
pub struct Signed {
    pub protected: Option<String>,
    /// The encoded payload ("" with `b64: false`, as jose 6 leaves it).
    pub payload: String,
    pub signature: String,
    pub b64: bool,
}

/// A header the caller set, as jose 6's `serializeJoseHeader` checks it:
/// what it holds, and its base64url segment. An app signs with the same
/// few headers, so they come from the thread's recent headers too.
fn serialized(member: &Member<String>) -> Result<Option<(Arc<Protected>, Box<str>)>> {
    let text = match member {
        Member::Absent => return Ok(None),
        Member::Wrong => return Err(invalid("JOSE Header is not valid JSON")),
        Member::Given(text) => text,
    };
    if let Some(known) = RECENT_HEADERS.with(|r| r.borrow().find_text(text)) {
        return Ok(Some(known));
    }
    let members =
        header::parse_object(text).ok_or_else(|| invalid("JOSE Header is not a JSON object"))?;
    let read = Arc::new(Protected {
        members,
        text: Some(text.clone()),
    });
    let encoded: Box<str> = b64u::encode(text.as_bytes()).into();
    RECENT_HEADERS.with(|r| r.borrow_mut().remember(&encoded, &read, true));
    Ok(Some((read, encoded)))
}

/// Signs in jose 6's order: headers, `crit`, `b64`, `alg`, then the key.
pub fn sign(input: &SignInput<'_>, key: &KeyInput) -> Result<Signed> {
    let prepared = prepare_sign(input)?;
    let signature = prepared.sign_with(key)?;
    Ok(prepared.finish(&signature))
}

/// [`sign`], written as a compact JWS (`b64` must not be false: the
/// compact callers refuse it in [`prepare_sign`]).
pub fn sign_compact(input: &SignInput<'_>, key: &KeyInput) -> Result<String> {
    let prepared = prepare_sign(input)?;
    let signature = prepared.sign_with(key)?;
    prepared.into_compact(&signature)
}

/// A JWS whose headers passed, waiting for its signature: the signing
/// input, for a key that signs outside the core (a KMS).
#[derive(Debug, Clone)]
pub struct PreparedSign {
    pub alg: &'static JwsAlg,
    /// `protected.payload`, the payload encoded or (`b64: false`) as given.
    pub signing_input: Vec<u8>,
    /// The protected segment's length (`None`: no protected header).
    protected_len: Option<usize>,
    b64: bool,
}

impl PreparedSign {
    fn sign_with(&self, key: &KeyInput) -> Result<Vec<u8>> {
        let ready = key.prepare(self.alg, Usage::Sign)?;
        with_signer(&ready, |s| s.sign(self.alg.core, &self.signing_input))
    }

    fn finish(self, signature: &[u8]) -> Signed {
        let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
        let protected_len = self.protected_len.unwrap_or(0);
        Signed {
            protected: self.protected_len.map(|n| text(&self.signing_input[..n])),
            payload: if self.b64 {
                text(&self.signing_input[protected_len + 1..])
            } else {
                String::new()
            },
            signature: b64u::encode(signature),
            b64: self.b64,
        }
    }

    fn into_compact(self, signature: &[u8]) -> Result<String> {
        let refused =
            || Error::type_error("use the flattened module for creating JWS with b64: false");
        if !self.b64 {
            return Err(refused());
        }
        // with b64 the signing input is base64url text: ASCII
        let input = String::from_utf8(self.signing_input).map_err(|_| refused())?;
        Ok(crate::jws::compact::finish(input, signature))
    }

    /// A signature made elsewhere, for `key_alg` (the algorithm the key
    /// signs with): the header's `alg` must be it, and the signature must
    /// have the length the algorithm gives (`modulus_bits` for RSA, when
    /// known), so a KMS answer that is no signature never becomes a JWS.
    pub fn finish_external(
        self,
        key_alg: &str,
        signature: &[u8],
        modulus_bits: Option<u32>,
    ) -> Result<Signed> {
        if key_alg != self.alg.name {
            return Err(Error::type_error(format!(
                "Invalid key for this operation, its \"alg\" must be \"{}\" when present",
                self.alg.name
            )));
        }
        let fits =
            crate::jwa::signing::SignatureAlgorithm::from_name(self.alg.core).is_some_and(|a| {
                a.signature_len().fits(
                    signature.len(),
                    modulus_bits.map(|b| (b as usize).div_ceil(8)),
                )
            });
        if !fits {
            return Err(Error::type_error(format!(
                "the key's sign() returned {} bytes, not a {} signature",
                signature.len(),
                self.alg.name
            )));
        }
        Ok(self.finish(signature))
    }
}

/// Everything signing does before the key, in jose 6's order.
pub fn prepare_sign(input: &SignInput<'_>) -> Result<PreparedSign> {
    let protected = serialized(&input.protected)?;
    let unprotected = serialized(&input.unprotected)?;
    if protected.is_none() && unprotected.is_none() {
        return Err(invalid(
            "either setProtectedHeader or setUnprotectedHeader must be called before #sign()",
        ));
    }
    let protected_header = protected.as_ref().map(|(h, _)| &h.members);
    let unprotected_header = unprotected.as_ref().map(|(h, _)| &h.members);
    if !header::is_disjoint(protected_header, unprotected_header) {
        return Err(invalid(
            "JWS Protected and JWS Unprotected Header Parameter names must be disjoint",
        ));
    }
    let joined;
    let jose = match (protected_header, unprotected_header) {
        (Some(p), None) => p,
        _ => {
            joined = header::joined(protected_header, unprotected_header);
            &joined
        }
    };
    header::check_crit_duplicates(Kind::JwsInvalid, protected_header)?;
    let extensions = header::validate_crit(
        Kind::JwsInvalid,
        JWS_RECOGNIZED,
        input.crit.as_deref(),
        protected_header,
        jose,
    )?;
    let b64 = header::validate_b64(protected_header, &extensions)?;
    if !b64 {
        match input.unencoded {
            Unencoded::Allowed => {}
            Unencoded::CompactRefused => {
                return Err(Error::type_error(
                    "use the flattened module for creating JWS with b64: false",
                ))
            }
            Unencoded::JwtRefused => {
                return Err(Error::new(
                    Kind::JwtInvalid,
                    "JWTs MUST NOT use unencoded payload",
                ))
            }
        }
    }
    let alg = match jose.get("alg").and_then(|a| a.as_str()) {
        Some(alg) if !alg.is_empty() => algorithm(alg)?,
        _ => {
            return Err(invalid(
                "JWS \"alg\" (Algorithm) Header Parameter missing or invalid",
            ))
        }
    };
    let segment = protected.as_ref().map_or("", |(_, encoded)| encoded);
    let signing_input = if b64 {
        crate::jws::compact::signing_input(segment, input.payload).into_bytes()
    } else {
        [segment.as_bytes(), b".", input.payload].concat()
    };
    Ok(PreparedSign {
        alg,
        signing_input,
        protected_len: protected.map(|(_, encoded)| encoded.len()),
        b64,
    })
}
