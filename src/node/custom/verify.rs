//! Signatures checked up to their keys, for keys chosen in JavaScript.

use std::sync::Arc;

use napi::bindgen_prelude::{Buffer, ClassInstance, Either};
use napi_derive::napi;

use crate::error::{Kind, Result};
use crate::jwa::signing::SignatureAlgorithm;
use crate::jws::{self, JwsKey, VerificationKey};
use crate::jwt;
use crate::node::boundary::guard;
use crate::node::error::OrThrow;
use crate::node::jws::{jws_input, payload_to_js};
use crate::node::jwt::{verified_token, JwtVerification, Prepared, VerifiedToken};
use crate::node::key::NativeKey;
use crate::node::options::JwsVerifySettings;

use super::{encoded, json_text};

/// One signature checked up to its keys (or the error jose reports for it).
#[napi(object)]
#[derive(Default)]
pub struct SignatureCheck {
    /// The signature's own error, in the thrown form `lib/native.js` reads.
    pub error: Option<String>,
    /// The combined JOSE Header, JSON text: keys are chosen by its `kid`
    /// and `alg`.
    pub header: Option<String>,
    /// The `alg` as JavaScript prints the header value.
    pub alg: Option<String>,
    /// Whether jose implements `alg` (else `JOSENotSupported`): a known
    /// name, and a string (`["HS256"]` prints as `HS256` but is none).
    pub alg_known: bool,
    /// Whether `alg` is a string: a non-string one is refused by every key
    /// before the signature is read, a string one after.
    pub alg_is_string: bool,
    /// The JWS Signing Input and the signature, which a custom key checks
    /// (a JWT's come from `JwtVerification.signedBytes()` instead).
    pub input: Option<Buffer>,
    pub signature: Option<Buffer>,
    /// `false` when the signature is not base64url.
    pub has_signature: bool,
    pub payload: Option<Either<String, Buffer>>,
    /// The error decoding the payload gives once a key verified.
    pub payload_error: Option<String>,
    pub unencoded: bool,
    pub protected: Option<String>,
    pub unprotected: Option<String>,
}

impl From<Result<jws::Pending>> for SignatureCheck {
    fn from(pending: Result<jws::Pending>) -> SignatureCheck {
        match pending {
            Ok(p) => {
                let (payload, payload_error) = match p.payload {
                    Ok(bytes) => (Some(payload_to_js(bytes)), None),
                    Err(e) => (None, Some(encoded(e))),
                };
                SignatureCheck {
                    error: None,
                    header: json_text(Some(p.combined)),
                    alg_known: p.alg.is_string
                        && SignatureAlgorithm::from_name(&p.alg.name).is_some(),
                    alg_is_string: p.alg.is_string,
                    alg: Some(p.alg.name),
                    input: Some(p.signing_input.into()),
                    has_signature: p.signature.is_some(),
                    signature: p.signature.map(Buffer::from),
                    payload,
                    payload_error,
                    unencoded: p.unencoded_payload,
                    protected: json_text(p.protected),
                    unprotected: json_text(p.header),
                }
            }
            Err(e) => SignatureCheck {
                error: Some(encoded(e)),
                ..SignatureCheck::default()
            },
        }
    }
}

/// Every signature of a JWS checked as `JWS.verify` checks it before keys
/// are tried; a JWS malformed as a whole throws.
#[napi(catch_unwind)]
pub fn jws_verify_prepare(
    input: String,
    json: bool,
    settings: &JwsVerifySettings,
    payload: Option<Buffer>,
) -> napi::Result<Vec<SignatureCheck>> {
    guard("jwsVerifyPrepare", || {
        let value = if json {
            Some(jws::parse_json(&input).or_throw()?)
        } else {
            None
        };
        let input = jws_input(&input, value.as_ref(), payload.as_deref());
        let pending = jws::pending(input, &settings.options.lists().jws()).or_throw()?;
        Ok(pending.into_iter().map(SignatureCheck::from).collect())
    })
}

/// One signature checked with one native key (a KeyStore can hold custom
/// and native keys): jose's key check, then the signature.
#[napi(catch_unwind)]
pub fn jws_verify_signature(
    key: ClassInstance<'_, NativeKey>,
    alg: String,
    input: Buffer,
    signature: Buffer,
) -> napi::Result<bool> {
    guard("jwsVerifySignature", || {
        JwsKey::Key(Arc::clone(&key.inner))
            .verify(&alg, &input, &signature)
            .or_throw()
    })
}

#[napi]
impl JwtVerification {
    /// The token's signature checked up to its keys, for keys chosen in
    /// JavaScript: the header and `alg` they are chosen by. The bytes a
    /// custom key checks come from `signedBytes()`, and a native key
    /// verifies in place (`verifyWith`), so nothing is copied for it.
    #[napi(catch_unwind)]
    pub fn pending_signature(&self) -> napi::Result<SignatureCheck> {
        guard("JwtVerification.pendingSignature", || {
            let Prepared { decoded, options } = &*self.prepared;
            let alg = jwt::signature_alg(decoded, options).or_throw()?;
            Ok(SignatureCheck {
                // a JWT's JOSE Header is its protected header, as it came
                header: Some(decoded.header.json.clone()),
                alg_known: alg.is_string && SignatureAlgorithm::from_name(&alg.name).is_some(),
                alg_is_string: alg.is_string,
                alg: Some(alg.name),
                // decoded as Node decodes, so never missing
                has_signature: true,
                ..SignatureCheck::default()
            })
        })
    }

    /// The JWS Signing Input and the signature, for a custom key.
    #[napi(catch_unwind)]
    pub fn signed_bytes(&self) -> napi::Result<Vec<Buffer>> {
        guard("JwtVerification.signedBytes", || {
            let (input, signature) = jwt::signed_bytes(&self.prepared.decoded);
            Ok(vec![input.to_vec().into(), signature.into()])
        })
    }

    /// The signature checked with one native key (jose's key check, then
    /// the signature), as `jwsVerifySignature` checks a JWS's.
    #[napi(catch_unwind)]
    pub fn verify_with(&self, key: ClassInstance<'_, NativeKey>) -> napi::Result<bool> {
        guard("JwtVerification.verifyWith", || {
            let Prepared { decoded, options } = &*self.prepared;
            let key = JwsKey::Key(Arc::clone(&key.inner));
            match jwt::verify_signature(decoded, options, |_, _| Ok(vec![&key])) {
                Ok(_) => Ok(true),
                Err(e) if e.kind == Kind::JwsVerificationFailed => Ok(false),
                Err(e) => Err(e).or_throw(),
            }
        })
    }

    /// The claim checks alone, once the facade has verified the signature
    /// with keys it chose: the payload's JSON text, or with `complete`
    /// every part (as `jwtVerify` returns them).
    #[napi(catch_unwind)]
    pub fn claims(&self, complete: bool) -> napi::Result<VerifiedToken> {
        guard("JwtVerification.claims", || {
            let prepared = &self.prepared;
            jwt::validate_claims(&prepared.decoded, &prepared.options).or_throw()?;
            Ok(verified_token(&prepared.decoded, complete, None))
        })
    }
}
