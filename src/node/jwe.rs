//! JWE encrypt and decrypt for the facade, each with an off-thread twin. A
//! call is turned into an owned job first, so the sync function and the
//! libuv task run exactly the same code.

use std::sync::Arc;

use napi::bindgen_prelude::{Buffer, Either};
use napi_derive::napi;

use super::args::{bytes, header, js_text, serialized};
use super::job::{twins, Job};
use super::key_args::{node_key, only_key, store_keys, KeyArg, KeyMode, NodeKey};
use super::options::{JweDecryptOptions, JweDecryptSettings};
use crate::error::Result;
use crate::jwe::{
    self, Encrypted, JweInput, JweKey, KeyQuery, Plaintext, Recipient, Serialization,
};
use crate::jwk::key::Key;
use crate::jwks::{self, Query};
use crate::jws::Header;

/// Everything one encrypt call needs, owned.
pub struct EncryptJob {
    cleartext: Vec<u8>,
    protected: Option<Header>,
    unprotected: Option<Header>,
    aad: Option<Vec<u8>>,
    recipients: Vec<Recipient<NodeKey>>,
    serialization: Serialization,
}

impl EncryptJob {
    #[allow(clippy::too_many_arguments)]
    fn new(
        cleartext: Either<String, Buffer>,
        protected: Option<String>,
        unprotected: Option<String>,
        aad: Option<Either<String, Buffer>>,
        keys: Vec<KeyArg<'_>>,
        headers: Vec<Option<String>>,
        serialization: String,
    ) -> Result<EncryptJob> {
        let serialization = Serialization::parse(&serialization)?;
        let mut headers = headers.into_iter();
        let recipients = keys
            .iter()
            .map(|key| {
                Ok(Recipient {
                    key: node_key(key)?,
                    header: header(headers.next().flatten())?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(EncryptJob {
            cleartext: bytes(cleartext),
            protected: header(protected)?,
            unprotected: header(unprotected)?,
            aad: aad.map(bytes),
            recipients,
            serialization,
        })
    }
}

impl Job for EncryptJob {
    type Output = String;
    type JsValue = String;

    /// The compact string, or the JSON text of a flattened / general JWE.
    fn run(&self) -> Result<String> {
        let plaintext = Plaintext {
            cleartext: &self.cleartext,
            protected: self.protected.clone(),
            unprotected: self.unprotected.clone(),
            aad: self.aad.as_deref(),
        };
        Ok(
            match jwe::encrypt(&plaintext, &self.recipients, self.serialization)? {
                Encrypted::Compact(text) => text,
                Encrypted::Json(value) => js_text(&value),
            },
        )
    }

    fn finish(&self, output: String) -> String {
        output
    }
}

twins! {
    jwe_encrypt("jweEncrypt") / jwe_encrypt_async("jweEncryptAsync")
    (
        cleartext: Either<String, Buffer>,
        protected: Option<String>,
        unprotected: Option<String>,
        aad: Option<Either<String, Buffer>>,
        keys: Vec<KeyArg<'_>>,
        headers: Vec<Option<String>>,
        serialization: String,
    ) -> String as "Promise<string>", EncryptJob = EncryptJob::new(cleartext, protected, unprotected, aad, keys, headers, serialization)
}

/// Where decryption keys come from.
enum Keys {
    One(NodeKey),
    /// A KeyStore: chosen per recipient by `kid`, the algorithm and
    /// `key_ops`, as jose's `keystore.all()`.
    Store(Vec<Arc<Key>>),
}

/// A candidate with its place in the store, so the facade can hand back the
/// store's own key object.
#[derive(Debug, Clone)]
struct Candidate {
    index: Option<u32>,
    key: NodeKey,
}

impl JweKey for Candidate {
    fn key(&self) -> Option<&Key> {
        self.key.key()
    }

    fn declared_alg(&self) -> Option<&str> {
        self.key.declared_alg()
    }

    fn declared_use(&self) -> Option<&str> {
        self.key.declared_use()
    }
}

/// What the facade gets back from a decryption.
#[napi(object)]
pub struct JweDecrypted {
    pub cleartext: Buffer,
    pub cek: Buffer,
    /// The `enc` the CEK is for.
    pub enc: String,
    /// The decrypting key's index in the KeyStore list, for a KeyStore.
    pub key_index: Option<u32>,
    pub protected: Option<String>,
    pub unprotected: Option<String>,
    pub header: Option<String>,
    pub aad: Option<String>,
}

pub struct DecryptJob {
    input: String,
    json: Option<serde_json::Value>,
    keys: Keys,
    options: Arc<JweDecryptOptions>,
    /// `options.max_inflated_size`, checked.
    max_inflated_size: usize,
}

impl DecryptJob {
    fn new(
        input: String,
        json: bool,
        mode: KeyMode,
        keys: Vec<KeyArg<'_>>,
        options: &JweDecryptSettings,
    ) -> Result<DecryptJob> {
        let options = Arc::clone(&options.options);
        let max_inflated_size = options.inflate_cap()?;
        let (input, json) = serialized(input, json, jwe::parse_json)?;
        let keys = match mode {
            KeyMode::Store => Keys::Store(store_keys(&keys)),
            _ => Keys::One(node_key(only_key(&keys)?)?),
        };
        Ok(DecryptJob {
            input,
            json,
            keys,
            options,
            max_inflated_size,
        })
    }

    fn candidates(&self, q: &KeyQuery<'_>) -> Result<Vec<Candidate>> {
        match &self.keys {
            Keys::One(key) => Ok(vec![Candidate {
                index: None,
                key: key.clone(),
            }]),
            Keys::Store(keys) => {
                let query = Query::operation(q.kid, Some(q.alg), std::slice::from_ref(&q.key_op));
                Ok(jwks::select(keys, &query)
                    .into_iter()
                    .map(|i| Candidate {
                        index: u32::try_from(i).ok(),
                        key: NodeKey::Real(Arc::clone(&keys[i])),
                    })
                    .collect())
            }
        }
    }
}

impl Job for DecryptJob {
    type Output = JweDecrypted;
    type JsValue = JweDecrypted;

    fn run(&self) -> Result<JweDecrypted> {
        let input = match &self.json {
            Some(value) => JweInput::Json(value),
            None => JweInput::Compact(&self.input),
        };
        let lists = self.options.lists();
        let options = self.options.core(&lists, self.max_inflated_size);
        let out = jwe::decrypt(input, &options, |q| self.candidates(q))?;
        let key_index = out.key.index;
        Ok(decrypt_output(out, key_index))
    }

    fn finish(&self, out: JweDecrypted) -> JweDecrypted {
        out
    }
}

/// What decryption hands back, with the index of the key that decrypted in
/// the list the facade holds.
pub(super) fn decrypt_output<K>(
    mut out: jwe::Decrypted<K>,
    key_index: Option<u32>,
) -> JweDecrypted {
    let text = |h: Option<Header>| h.map(|h| js_text(&h));
    JweDecrypted {
        cleartext: out.cleartext.into(),
        // Handed to JavaScript (jose's `complete` result): moved out of
        // its wiping wrapper, not copied.
        cek: std::mem::take(&mut *out.cek).into(),
        enc: out.enc.to_owned(),
        key_index,
        protected: text(out.protected),
        unprotected: text(out.unprotected),
        header: text(out.header),
        aad: out.aad,
    }
}

twins! {
    jwe_decrypt("jweDecrypt") / jwe_decrypt_async("jweDecryptAsync")
    (
        input: String,
        json: bool,
        mode: KeyMode,
        keys: Vec<KeyArg<'_>>,
        options: &JweDecryptSettings,
    ) -> JweDecrypted as "Promise<JweDecrypted>", DecryptJob = DecryptJob::new(input, json, mode, keys, options)
}
