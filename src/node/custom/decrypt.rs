//! JWE recipients checked up to their keys, for keys chosen in JavaScript.

use napi::bindgen_prelude::{AsyncTask, Buffer};
use napi_derive::napi;

use crate::error::{Error, Result};
use crate::jwe::{self, CheckedRecipient, JweInput, JweKey, JweOp, PendingRecipient};
use crate::node::args::js_text;
use crate::node::boundary::guard;
use crate::node::error::OrThrow;
use crate::node::job::{self, Job, OffThread};
use crate::node::jwe::JweDecrypted;
use crate::node::key_args::KeyArg;
use crate::node::key_args::{node_key, NodeKey};
use crate::node::options::JweDecryptSettings;

use super::{encoded, json_text};

/// What jose's decryption rules need to know about one custom key.
#[napi(object)]
pub struct CustomUnwrapper {
    pub alg: Option<String>,
    pub key_use: Option<String>,
    /// `key.algorithms('unwrapKey')` among RSA-OAEP, RSA-OAEP-256 and
    /// RSA1_5, empty when the key has no `unwrapKey` method.
    pub algorithms: Vec<String>,
}

impl JweKey for CustomUnwrapper {
    fn key(&self) -> Option<&crate::jwk::key::Key> {
        None
    }

    fn declared_alg(&self) -> Option<&str> {
        self.alg.as_deref()
    }

    fn declared_use(&self) -> Option<&str> {
        self.key_use.as_deref()
    }

    fn external_algorithms(&self, op: JweOp) -> Option<&[String]> {
        Some(match op {
            JweOp::KeyDecrypt => &self.algorithms,
            _ => &[],
        })
    }
}

/// A JWE's recipients with their headers checked, for keys chosen in
/// JavaScript: a KeyStore whose `all()` is the user's, or a custom key.
#[napi]
pub struct JweDecryptPending {
    recipients: Vec<std::result::Result<CheckedRecipient, String>>,
}

/// One recipient: its error, or its combined JOSE Header (JSON text), which
/// a KeyStore is asked with.
#[napi(object)]
pub struct RecipientCheck {
    pub error: Option<String>,
    pub header: Option<String>,
}

#[napi(catch_unwind)]
pub fn jwe_decrypt_prepare(
    input: String,
    json: bool,
    settings: &JweDecryptSettings,
) -> napi::Result<JweDecryptPending> {
    guard("jweDecryptPrepare", || {
        let options = &settings.options;
        let max_inflated_size = options.inflate_cap().or_throw()?;
        let value: Option<serde_json::Value> = if json {
            Some(jwe::parse_json(&input).or_throw()?)
        } else {
            None
        };
        let input = match &value {
            Some(value) => JweInput::Json(value),
            None => JweInput::Compact(&input),
        };
        let lists = options.lists();
        let recipients =
            jwe::checked(input, &options.core(&lists, max_inflated_size)).or_throw()?;
        Ok(JweDecryptPending {
            recipients: recipients.into_iter().map(|r| r.map_err(encoded)).collect(),
        })
    })
}

fn decrypted_to_js(mut out: jwe::Decrypted<()>) -> JweDecrypted {
    JweDecrypted {
        cleartext: out.cleartext.into(),
        // Handed to JavaScript: moved out of its wiping wrapper.
        cek: std::mem::take(&mut *out.cek).into(),
        enc: out.enc.to_owned(),
        key_index: None,
        protected: json_text(out.protected),
        unprotected: json_text(out.unprotected),
        header: json_text(out.header),
        aad: out.aad,
    }
}

/// Decrypting one recipient with one native key.
pub struct DecryptWithJob {
    recipient: CheckedRecipient,
    key: NodeKey,
}

impl Job for DecryptWithJob {
    type Output = jwe::Decrypted<()>;
    type JsValue = JweDecrypted;

    fn run(&self) -> Result<jwe::Decrypted<()>> {
        self.recipient.decrypt_with(&self.key)
    }

    fn finish(&self, out: jwe::Decrypted<()>) -> JweDecrypted {
        decrypted_to_js(out)
    }
}

/// A custom key's part of one recipient: the Encrypted Key its
/// `unwrapKey` gets, then the content opened with the CEK it gave.
#[napi]
pub struct JweUnwrapPending {
    recipient: PendingRecipient,
}

/// Decrypting one recipient's content with the CEK a custom key gave.
pub struct OpenJob {
    recipient: PendingRecipient,
    /// The CEK the key's `unwrapKey` returned, wiped when the job drops.
    cek: Option<zeroize::Zeroizing<Vec<u8>>>,
}

impl Job for OpenJob {
    type Output = jwe::Decrypted<()>;
    type JsValue = JweDecrypted;

    fn run(&self) -> Result<jwe::Decrypted<()>> {
        self.recipient.open(self.cek.as_deref().map(Vec::as_slice))
    }

    fn finish(&self, out: jwe::Decrypted<()>) -> JweDecrypted {
        decrypted_to_js(out)
    }
}

#[napi]
impl JweUnwrapPending {
    /// The key management algorithm.
    #[napi(getter, catch_unwind)]
    pub fn alg(&self) -> napi::Result<String> {
        guard("JweUnwrapPending.alg", || Ok(self.recipient.alg.to_owned()))
    }

    /// The Encrypted Key (none when it is absent or not base64url).
    #[napi(getter, catch_unwind)]
    pub fn encrypted_key(&self) -> napi::Result<Option<Buffer>> {
        guard("JweUnwrapPending.encryptedKey", || {
            Ok(self.recipient.encrypted_key.clone().map(Buffer::from))
        })
    }

    /// Decrypts the content with `cek` (none, or one of the wrong length:
    /// a random one, so a failed unwrap ends as a wrong key does).
    #[napi(catch_unwind)]
    pub fn open(&self, cek: Option<Buffer>) -> napi::Result<JweDecrypted> {
        guard("JweUnwrapPending.open", || job::now(Ok(self.open_job(cek))))
    }

    #[napi(catch_unwind)]
    pub fn open_async(&self, cek: Option<Buffer>) -> napi::Result<AsyncTask<OffThread<OpenJob>>> {
        guard("JweUnwrapPending.openAsync", || {
            job::off_thread(Ok(self.open_job(cek)))
        })
    }
}

impl JweUnwrapPending {
    fn open_job(&self, cek: Option<Buffer>) -> OpenJob {
        OpenJob {
            recipient: self.recipient.clone(),
            cek: cek.map(|c| zeroize::Zeroizing::new(c.to_vec())),
        }
    }
}

#[napi]
impl JweDecryptPending {
    #[napi(catch_unwind)]
    pub fn recipients(&self) -> napi::Result<Vec<RecipientCheck>> {
        guard("JweDecryptPending.recipients", || {
            Ok(self
                .recipients
                .iter()
                .map(|r| match r {
                    Ok(checked) => RecipientCheck {
                        error: None,
                        header: Some(js_text(checked.combined())),
                    },
                    Err(e) => RecipientCheck {
                        error: Some(e.clone()),
                        header: None,
                    },
                })
                .collect())
        })
    }

    /// Recipient `index` decrypted with a native key (a handle, or the
    /// description of a key without material).
    #[napi(catch_unwind)]
    pub fn decrypt_with(&self, index: u32, key: KeyArg<'_>) -> napi::Result<JweDecrypted> {
        guard("JweDecryptPending.decryptWith", || {
            job::now(self.decrypt_job(index, &key))
        })
    }

    #[napi(catch_unwind)]
    pub fn decrypt_with_async(
        &self,
        index: u32,
        key: KeyArg<'_>,
    ) -> napi::Result<AsyncTask<OffThread<DecryptWithJob>>> {
        guard("JweDecryptPending.decryptWithAsync", || {
            job::off_thread(self.decrypt_job(index, &key))
        })
    }

    /// Recipient `index` checked for a custom key up to its CEK.
    #[napi(catch_unwind)]
    pub fn unwrap_request(
        &self,
        index: u32,
        key: CustomUnwrapper,
    ) -> napi::Result<JweUnwrapPending> {
        guard("JweDecryptPending.unwrapRequest", || {
            let recipient = self.recipient(index).or_throw()?;
            Ok(JweUnwrapPending {
                recipient: recipient.pending(&key).or_throw()?,
            })
        })
    }
}

impl JweDecryptPending {
    fn recipient(&self, index: u32) -> Result<&CheckedRecipient> {
        usize::try_from(index)
            .ok()
            .and_then(|i| self.recipients.get(i))
            .and_then(|r| r.as_ref().ok())
            .ok_or_else(|| Error::type_error("invalid recipient"))
    }

    fn decrypt_job(&self, index: u32, key: &KeyArg<'_>) -> Result<DecryptWithJob> {
        Ok(DecryptWithJob {
            recipient: self.recipient(index)?.clone(),
            key: node_key(key)?,
        })
    }
}
