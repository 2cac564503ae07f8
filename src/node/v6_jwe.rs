//! The binding of jose 6's JWE (`crate::v6::jwe`). Members and keys cross
//! as in `node::v6` (`false`: a value of a type jose 6 refuses).

use napi::bindgen_prelude::{Buffer, Either, Uint8Array};
use napi::Env;
use napi_derive::napi;

use super::boundary::guard;
use super::error::Fail;
use super::v6::{key_input, understood, understood_list, V6KeyArg, V6Understood};
use crate::error::{Error, Kind, Result};
use crate::v6::header::parse_object;
use crate::v6::jwe::{self, Checked, DecryptOptions, EncryptHeaders, EncryptInput, JweInput};
use crate::v6::jwe_keys::KeyParameters;
use crate::v6::jws::Member;

fn member<T>(value: Option<Either<T, bool>>) -> Member<T> {
    match value {
        None => Member::Absent,
        Some(Either::B(_)) => Member::Wrong,
        Some(Either::A(v)) => Member::Given(v),
    }
}

/// A JWE's members; a compact JWE comes as `compact` alone. Headers are
/// JSON text of plain objects.
#[napi(object)]
pub struct V6JweInput {
    pub compact: Option<Either<String, bool>>,
    pub protected: Option<Either<String, bool>>,
    pub unprotected: Option<Either<String, bool>>,
    pub header: Option<Either<String, bool>>,
    pub encrypted_key: Option<Either<String, bool>>,
    pub iv: Option<Either<String, bool>>,
    pub ciphertext: Option<Either<String, bool>>,
    pub tag: Option<Either<String, bool>>,
    pub aad: Option<Either<String, bool>>,
}

/// jose 6's decrypt options (numbers, or `false` for another type).
#[napi(object)]
pub struct V6DecryptOptions {
    pub key_management_algorithms: Option<Either<Vec<String>, bool>>,
    pub content_encryption_algorithms: Option<Either<Vec<String>, bool>>,
    pub crit: Option<Vec<V6Understood>>,
    #[napi(js_name = "maxPBES2Count")]
    pub max_pbes2_count: Option<Either<f64, bool>>,
    pub max_decompressed_length: Option<Either<f64, bool>>,
}

fn decrypt_options(o: V6DecryptOptions) -> DecryptOptions {
    DecryptOptions {
        key_management_algorithms: member(o.key_management_algorithms),
        content_encryption_algorithms: member(o.content_encryption_algorithms),
        crit: understood(o.crit),
        max_pbes2_count: member(o.max_pbes2_count),
        max_decompressed_length: member(o.max_decompressed_length),
    }
}

/// The members, the options checked in jose 6's order (a compact JWE's
/// options come first, a flattened one's after its members).
fn read(input: V6JweInput, options: &DecryptOptions) -> Result<JweInput> {
    if let Some(compact) = input.compact {
        options.check()?;
        let token = match &compact {
            Either::A(t) => Some(t.as_str()),
            Either::B(_) => None,
        };
        return jwe::split_compact(token);
    }
    let jwe = JweInput {
        protected: member(input.protected),
        unprotected: member(input.unprotected),
        header: member(input.header),
        encrypted_key: member(input.encrypted_key),
        iv: member(input.iv),
        ciphertext: member(input.ciphertext),
        tag: member(input.tag),
        aad: member(input.aad),
    };
    jwe::check_members(&jwe)?;
    options.check()?;
    Ok(jwe)
}

fn checked(input: V6JweInput, options: V6DecryptOptions) -> Result<Checked> {
    let options = decrypt_options(options);
    let jwe = read(input, &options)?;
    let shared = jwe::share(&jwe)?;
    jwe::check(&jwe, shared, &options)
}

/// A decrypted JWE: the plaintext, the protected header's JSON text as the
/// token has it, the decoded `aad`.
#[napi(object)]
pub struct V6Decrypted {
    pub plaintext: Buffer,
    pub protected_header: Option<String>,
    pub additional_data: Option<Buffer>,
}

fn decrypted(checked: &Checked, key: &V6KeyArg<'_>) -> Result<V6Decrypted> {
    let plaintext = jwe::decrypt(checked, &key_input(key))?;
    let shared = checked.shared();
    Ok(V6Decrypted {
        plaintext: plaintext.into(),
        protected_header: shared.protected_text.clone(),
        additional_data: shared.additional_data.clone().map(Into::into),
    })
}

/// A JWE whose headers passed, waiting for the key a key function gives.
#[napi]
pub struct V6JweChecked {
    checked: Checked,
}

#[napi]
impl V6JweChecked {
    #[napi(getter, catch_unwind)]
    pub fn protected_header(&self, env: Env) -> napi::Result<Option<String>> {
        guard(&env, "V6JweChecked.protectedHeader", || {
            Ok(self.checked.shared().protected_text.clone())
        })
    }

    #[napi(catch_unwind)]
    pub fn decrypt(&self, env: Env, key: V6KeyArg<'_>) -> napi::Result<V6Decrypted> {
        guard(&env, "V6JweChecked.decrypt", || {
            decrypted(&self.checked, &key).map_err(Fail::from)
        })
    }

    /// What a KMS key is asked to unwrap (RSA-OAEP only), or nothing for
    /// another `alg`.
    #[napi(catch_unwind)]
    pub fn unwrap_request(&self, env: Env) -> napi::Result<Option<V6UnwrapRequest>> {
        guard(&env, "V6JweChecked.unwrapRequest", || {
            Ok(
                jwe::unwrap_request(&self.checked).map(|(alg, encrypted_key)| V6UnwrapRequest {
                    alg: alg.to_owned(),
                    encrypted_key: encrypted_key.into(),
                }),
            )
        })
    }

    /// Decrypts with the CEK a KMS key unwrapped (absent: it failed; the
    /// JWE then fails as for a wrong key).
    #[napi(catch_unwind)]
    pub fn decrypt_with_cek(&self, env: Env, cek: Option<Uint8Array>) -> napi::Result<V6Decrypted> {
        guard(&env, "V6JweChecked.decryptWithCek", || {
            let plaintext = jwe::decrypt_with_cek(&self.checked, cek.as_deref())?;
            let shared = self.checked.shared();
            Ok(V6Decrypted {
                plaintext: plaintext.into(),
                protected_header: shared.protected_text.clone(),
                additional_data: shared.additional_data.clone().map(Into::into),
            })
        })
    }
}

/// A KMS key's unwrap request.
#[napi(object)]
pub struct V6UnwrapRequest {
    pub alg: String,
    pub encrypted_key: Buffer,
}

#[napi(catch_unwind)]
pub fn v6_jwe_check(
    env: Env,
    input: V6JweInput,
    options: V6DecryptOptions,
) -> napi::Result<V6JweChecked> {
    guard(&env, "v6JweCheck", || {
        checked(input, options)
            .map(|checked| V6JweChecked { checked })
            .map_err(Fail::from)
    })
}

#[napi(catch_unwind)]
pub fn v6_jwe_decrypt(
    env: Env,
    input: V6JweInput,
    options: V6DecryptOptions,
    key: V6KeyArg<'_>,
) -> napi::Result<V6Decrypted> {
    guard(&env, "v6JweDecrypt", || {
        let checked = checked(input, options)?;
        decrypted(&checked, &key).map_err(Fail::from)
    })
}

/// A general JWE before its recipients are tried: `recipients` is the
/// `alg` each recipient's header names (`None` when the member is not an
/// array, `allObjects` false when a recipient is not a plain object).
#[napi(catch_unwind)]
pub fn v6_general_decrypt_check(
    env: Env,
    shared: V6JweInput,
    recipient_algs: Option<Vec<Option<String>>>,
    all_objects: bool,
    options: V6DecryptOptions,
) -> napi::Result<()> {
    guard(&env, "v6GeneralDecryptCheck", || {
        let invalid = |m: &str| Fail::from(Error::new(Kind::JweInvalid, m));
        let algs = match recipient_algs {
            Some(algs) if all_objects => algs,
            _ => return Err(invalid("JWE Recipients missing or incorrect type")),
        };
        if algs.is_empty() {
            return Err(invalid("JWE Recipients has no members"));
        }
        decrypt_options(options).check()?;
        let jwe = JweInput {
            protected: member(shared.protected),
            unprotected: member(shared.unprotected),
            header: Member::Absent,
            encrypted_key: Member::Absent,
            iv: member(shared.iv),
            ciphertext: member(shared.ciphertext),
            tag: member(shared.tag),
            aad: member(shared.aad),
        };
        let failed = || Fail::from(Error::decryption_failed());
        let unprotected = match &jwe.unprotected {
            Member::Given(t) => parse_object(t),
            _ => None,
        };
        // jose 6 reads the shared members before any recipient
        let shared = match jwe::check_shared(&jwe).and_then(|_| jwe::share(&jwe)) {
            Ok(s) => s,
            Err(_) => return Err(failed()),
        };
        jwe::check_recipients(&shared, &algs, unprotected.as_ref()).map_err(Fail::from)
    })
}

/// What `setKeyManagementParameters` set (`p2c` NaN when not a number).
#[napi(object)]
pub struct V6KeyParameters {
    pub apu: Option<Uint8Array>,
    pub apv: Option<Uint8Array>,
    #[napi(js_name = "p2c")]
    pub p2c: Option<f64>,
    #[napi(js_name = "p2s")]
    pub p2s: Option<Uint8Array>,
    pub iv: Option<Uint8Array>,
}

/// One encryption's inputs (the per-recipient header is `unprotected`).
#[napi(object)]
pub struct V6EncryptInput {
    pub plaintext: Uint8Array,
    pub protected: Option<Either<String, bool>>,
    pub unprotected: Option<Either<String, bool>>,
    pub shared_unprotected: Option<Either<String, bool>>,
    pub aad: Option<Uint8Array>,
    pub cek: Option<Uint8Array>,
    pub iv: Option<Uint8Array>,
    /// `false`: set to something not an object.
    pub parameters: Option<Either<V6KeyParameters, bool>>,
    pub crit: Option<Vec<V6Understood>>,
}

fn encrypt_input(input: &V6EncryptInput) -> EncryptInput<'_> {
    let (parameters, parameters_ok) = match &input.parameters {
        None => (KeyParameters::default(), true),
        Some(Either::B(_)) => (KeyParameters::default(), false),
        Some(Either::A(p)) => (
            KeyParameters {
                apu: p.apu.as_ref().map(|b| b.to_vec()),
                apv: p.apv.as_ref().map(|b| b.to_vec()),
                p2c: p.p2c,
                p2s: p.p2s.as_ref().map(|b| b.to_vec()),
                iv: p.iv.as_ref().map(|b| b.to_vec()),
            },
            true,
        ),
    };
    let text = |m: &Option<Either<String, bool>>| match m {
        None => Member::Absent,
        Some(Either::B(_)) => Member::Wrong,
        Some(Either::A(t)) => Member::Given(t.clone()),
    };
    EncryptInput {
        plaintext: &input.plaintext,
        protected: text(&input.protected),
        unprotected: text(&input.unprotected),
        shared_unprotected: text(&input.shared_unprotected),
        aad: input.aad.as_deref(),
        cek: input.cek.as_deref(),
        iv: input.iv.as_deref(),
        parameters,
        parameters_ok,
        epk: None,
        crit: input.crit.as_deref().map(understood_list),
    }
}

/// Encrypts a flattened (or compact) JWE for one key.
#[napi(catch_unwind)]
pub fn v6_jwe_encrypt(
    env: Env,
    input: V6EncryptInput,
    key: V6KeyArg<'_>,
    epk: Option<V6KeyArg<'_>>,
) -> napi::Result<jwe::Encrypted> {
    guard(&env, "v6JweEncrypt", || {
        let epk = epk.as_ref().map(key_input);
        let mut input = encrypt_input(&input);
        input.epk = epk.as_deref();
        let headers = jwe::check_encrypt_headers(&input)?;
        jwe::encrypt(&input, &headers, &key_input(&key), false).map_err(Fail::from)
    })
}

/// A general JWE being encrypted: every recipient's headers checked up
/// front, one CEK for all, the first recipient encrypting the content.
#[napi]
pub struct V6GeneralEncrypt {
    inputs: Vec<V6EncryptInput>,
    headers: Vec<EncryptHeaders>,
    cek: Option<Vec<u8>>,
}

#[napi]
impl V6GeneralEncrypt {
    /// The recipients' inputs: the shared members repeated in each.
    #[napi(constructor)]
    pub fn new(env: Env, inputs: Vec<V6EncryptInput>) -> napi::Result<V6GeneralEncrypt> {
        guard(&env, "V6GeneralEncrypt.constructor", || {
            let mut headers = Vec::with_capacity(inputs.len());
            for input in &inputs {
                headers.push(jwe::check_encrypt_headers(&encrypt_input(input))?);
            }
            jwe::check_general(&headers)?;
            let cek = match headers.first() {
                Some(h) if headers.len() > 1 => Some(jwe::shared_cek(h.enc)?),
                _ => None,
            };
            Ok(V6GeneralEncrypt {
                inputs,
                headers,
                cek,
            })
        })
    }

    /// The first recipient: the content and its key management.
    #[napi(catch_unwind)]
    pub fn first(
        &self,
        env: Env,
        key: V6KeyArg<'_>,
        epk: Option<V6KeyArg<'_>>,
    ) -> napi::Result<jwe::Encrypted> {
        guard(&env, "V6GeneralEncrypt.first", || {
            let (Some(input), Some(headers)) = (self.inputs.first(), self.headers.first()) else {
                return Err(Fail::from(Error::new(
                    Kind::JweInvalid,
                    "at least one recipient must be added",
                )));
            };
            let epk = epk.as_ref().map(key_input);
            let mut input = encrypt_input(input);
            input.cek = self.cek.as_deref();
            input.epk = epk.as_deref();
            jwe::encrypt(&input, headers, &key_input(&key), self.cek.is_some()).map_err(Fail::from)
        })
    }

    /// A further recipient: the shared CEK under its key; its encrypted
    /// key and header (JSON text).
    #[napi(catch_unwind)]
    pub fn other(
        &self,
        env: Env,
        index: u32,
        key: V6KeyArg<'_>,
        epk: Option<V6KeyArg<'_>>,
    ) -> napi::Result<Vec<Option<String>>> {
        guard(&env, "V6GeneralEncrypt.other", || {
            let i = index as usize;
            let (Some(input), Some(headers), Some(cek)) =
                (self.inputs.get(i), self.headers.get(i), self.cek.as_deref())
            else {
                return Err(Fail::from(Error::type_error("no such recipient")));
            };
            let epk = epk.as_ref().map(key_input);
            let mut input = encrypt_input(input);
            input.epk = epk.as_deref();
            let (encrypted_key, header) =
                jwe::encrypt_recipient(&input, headers, &key_input(&key), cek)?;
            Ok(vec![Some(encrypted_key), header])
        })
    }
}
