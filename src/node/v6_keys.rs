//! The binding of jose 6's key rules: which WebCrypto algorithm and usages
//! a key is imported or generated with (the facade then makes the
//! `CryptoKey`), the generation options, thumbprints, the local JWKS's
//! key selection and `EmbeddedJWK`'s checks.

use napi::bindgen_prelude::{AsyncTask, Buffer, Either};
use napi::Env;
use napi_derive::napi;

use super::boundary::guard;
use super::error::Fail;
use super::job::{off_thread, OffThread};
use super::key::GenerateRequest;
use crate::error::Error;
use crate::jwk::generate::GenerateSpec;
use crate::jwk::material::{EcCurve, OkpCurve};
use crate::v6::header::{parse_object, Header};
use crate::v6::jwks::{self, AlgSource, Import, Kid};
use crate::v6::{key_header, keys, thumbprint};

/// A key algorithm as the facade makes `CryptoKey`s for it.
#[napi(object)]
pub struct V6KeyAlgorithm {
    pub alg: String,
    pub secret: bool,
    /// The key types it takes (its first is the one generated).
    pub kty: Vec<String>,
    pub crv: Option<String>,
    /// The WebCrypto algorithm.
    pub name: String,
    pub hash: Option<String>,
    pub named_curve: Option<String>,
    pub length: Option<u32>,
    pub usages_public: Vec<String>,
    pub usages_private: Vec<String>,
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

impl From<Import> for V6KeyAlgorithm {
    fn from(i: Import) -> V6KeyAlgorithm {
        V6KeyAlgorithm {
            alg: i.alg.name.to_owned(),
            secret: i.alg.secret,
            kty: strings(i.alg.kty),
            crv: i.alg.crv.map(str::to_owned),
            name: i.subtle.name.to_owned(),
            hash: i.subtle.hash.map(str::to_owned),
            named_curve: i.named_curve,
            length: i.alg.length,
            usages_public: strings(i.alg.usages.0),
            usages_private: strings(i.alg.usages.1),
        }
    }
}

/// The algorithm to import a key for. `source` is "jwk" or "argument"
/// (how a refusal names the `alg`); `kty`/`crv` are a JWK's; for SPKI or
/// PKCS#8 DER (`der`, `pkcs8` telling which) the curve its algorithm
/// identifier names decides ECDH's algorithm.
#[napi(catch_unwind)]
pub fn v6_key_algorithm(
    env: Env,
    alg: Option<String>,
    source: String,
    kty: Option<String>,
    crv: Option<String>,
    der: Option<Buffer>,
    pkcs8: bool,
) -> napi::Result<V6KeyAlgorithm> {
    guard(&env, "v6KeyAlgorithm", || {
        let source = if source == "jwk" {
            AlgSource::Jwk
        } else {
            AlgSource::Argument
        };
        let import = jwks::import(alg.as_deref(), source, kty.as_deref(), crv.as_deref())?;
        if import.alg.secret && source == AlgSource::Argument {
            return Err(Fail::from(Error::not_supported(
                "Invalid or unsupported \"alg\" (Algorithm) value",
            )));
        }
        let Some(der) = der.filter(|_| import.alg.ecdh) else {
            return Ok(import.into());
        };
        // ECDH from DER: the curve of the key decides, X25519 or a NIST one
        let crv = key_header::ecdh_curve(&der, pkcs8)
            .ok_or_else(|| Fail::from(Error::not_supported("Invalid or unsupported key format")))?;
        jwks::import(alg.as_deref(), source, None, Some(crv))
            .map(Into::into)
            .map_err(Fail::from)
    })
}

/// What `generateKeyPair` makes: the algorithm, and the core's
/// generation parameters.
#[napi(object)]
pub struct V6GenerateSpec {
    pub algorithm: V6KeyAlgorithm,
    pub kty: String,
    pub crv: Option<String>,
    pub modulus_length: Option<u32>,
}

/// `generateKeyPair`'s options checked as jose 6 checks them. `crv` and
/// `modulusLength` as given (`false`: of another type; `crv_null`: the
/// option is `null`, which ECDH reads as absent and the others as a curve).
#[napi(catch_unwind)]
pub fn v6_generate_spec(
    env: Env,
    alg: Option<String>,
    crv: Option<Either<String, bool>>,
    crv_null: bool,
    modulus_length: Option<Either<f64, bool>>,
) -> napi::Result<V6GenerateSpec> {
    guard(&env, "v6GenerateSpec", || {
        let unsupported = |m: String| Fail::from(Error::not_supported(m));
        let import = jwks::import(alg.as_deref(), AlgSource::Argument, None, None)?;
        let entry = import.alg;
        if entry.secret {
            return Err(unsupported(
                "Invalid or unsupported \"alg\" (Algorithm) value".into(),
            ));
        }
        let crv = match crv {
            None if crv_null && !entry.ecdh => Some(String::new()),
            None => None,
            Some(Either::A(c)) => Some(c),
            Some(Either::B(_)) => Some(String::new()),
        };
        if entry.ecdh {
            let crv = crv.unwrap_or_else(|| "P-256".to_owned());
            if !["P-256", "P-384", "P-521", "X25519"].contains(&crv.as_str()) {
                return Err(unsupported("Invalid or unsupported crv option provided, supported values are P-256, P-384, P-521, and X25519".into()));
            }
            let kty = if crv == "X25519" { "OKP" } else { "EC" };
            let import = jwks::import(alg.as_deref(), AlgSource::Argument, None, Some(&crv))?;
            return Ok(V6GenerateSpec {
                algorithm: import.into(),
                kty: kty.to_owned(),
                crv: Some(crv),
                modulus_length: None,
            });
        }
        if let (Some(expected), Some(given)) = (entry.crv, &crv) {
            if given != expected {
                return Err(unsupported(format!("Invalid or unsupported crv option provided, the only supported value for {} is {expected}", entry.name)));
            }
        }
        let kty = entry.kty[0];
        let modulus_length = if kty == "RSA" {
            let bits = match modulus_length {
                None => 2048.0,
                Some(Either::A(n)) => n,
                Some(Either::B(_)) => f64::NAN,
            };
            if bits.fract() != 0.0 || !(2048.0..=16384.0).contains(&bits) {
                return Err(unsupported("Invalid or unsupported modulusLength option provided, 2048 bits or larger keys must be used".into()));
            }
            Some(bits as u32)
        } else {
            None
        };
        Ok(V6GenerateSpec {
            algorithm: import.into(),
            kty: kty.to_owned(),
            crv: entry.crv.map(str::to_owned),
            modulus_length,
        })
    })
}

/// jose 6's checks of a JWK's `ext` and `key_ops` (TypeErrors).
#[napi(catch_unwind)]
pub fn v6_check_jwk(env: Env, jwk: String) -> napi::Result<()> {
    guard(&env, "v6CheckJwk", || {
        keys::normalize_jwk(&parse_object(&jwk).unwrap_or_default()).map_err(Fail::from)
    })
}

/// A JWK's thumbprint (`digest`: "sha256", "sha384" or "sha512").
#[napi(catch_unwind)]
pub fn v6_thumbprint(env: Env, jwk: String, digest: String) -> napi::Result<String> {
    guard(&env, "v6Thumbprint", || {
        thumbprint::thumbprint(&parse_object(&jwk).unwrap_or_default(), &digest).map_err(Fail::from)
    })
}

/// A local JSON Web Key Set's keys, for selection.
#[napi]
pub struct V6Jwks {
    keys: Vec<Header>,
}

#[napi]
impl V6Jwks {
    /// The set's keys, each as JSON text of a plain object.
    #[napi(constructor)]
    pub fn new(env: Env, keys: Vec<String>) -> napi::Result<V6Jwks> {
        guard(&env, "V6Jwks.constructor", || {
            Ok(V6Jwks {
                keys: keys
                    .iter()
                    .map(|k| parse_object(k).unwrap_or_default())
                    .collect(),
            })
        })
    }

    /// The indexes of the keys for a JWS's `alg` and `kid` (`false`: not
    /// a string).
    #[napi(catch_unwind)]
    pub fn select(
        &self,
        env: Env,
        alg: Option<Either<String, bool>>,
        kid: Option<Either<String, bool>>,
    ) -> napi::Result<Vec<u32>> {
        guard(&env, "V6Jwks.select", || {
            let alg = match &alg {
                Some(Either::A(a)) => Some(a.as_str()),
                _ => None,
            };
            let kid = match &kid {
                None => Kid::Absent,
                Some(Either::B(_)) => Kid::NotString,
                Some(Either::A(k)) => Kid::Given(k),
            };
            let found = jwks::select(&self.keys, alg, &kid)?;
            Ok(found
                .into_iter()
                .filter_map(|i| u32::try_from(i).ok())
                .collect())
        })
    }
}

/// `EmbeddedJWK`'s checks: the header's `jwk` (JSON text of a plain
/// object, `false` otherwise), its `alg` (`false` if not a string) and how
/// JavaScript prints the `alg`.
#[napi(catch_unwind)]
pub fn v6_embedded_check(
    env: Env,
    jwk: Option<Either<String, bool>>,
    alg: Option<Either<String, bool>>,
    alg_text: String,
) -> napi::Result<V6KeyAlgorithm> {
    guard(&env, "v6EmbeddedCheck", || {
        let jwk = match &jwk {
            Some(Either::A(text)) => parse_object(text),
            _ => None,
        };
        let alg = match &alg {
            Some(Either::A(a)) => Some(a.as_str()),
            _ => None,
        };
        jwks::embedded(jwk.as_ref(), alg, &alg_text)
            .map(Into::into)
            .map_err(Fail::from)
    })
}

/// Generates, off the main thread, the key `v6GenerateSpec` chose (or a
/// secret of `bits`): jose 6's rules made the choice, so none of jose
/// 1.x's argument rules apply here (WebCrypto takes RSA sizes that are not
/// multiples of 8).
#[napi(catch_unwind, ts_return_type = "Promise<NativeKey>")]
pub fn v6_generate_key_async(
    env: Env,
    kty: String,
    crv: Option<String>,
    bits: Option<u32>,
) -> napi::Result<AsyncTask<OffThread<GenerateRequest>>> {
    guard(&env, "v6GenerateKeyAsync", || {
        let spec = match (kty.as_str(), crv.as_deref(), bits) {
            ("RSA", _, Some(bits)) => Some(GenerateSpec::Rsa { bits }),
            ("oct", _, Some(bits)) => Some(GenerateSpec::Oct { bits }),
            ("EC", Some(crv), _) => EcCurve::from_name(crv, false).map(GenerateSpec::Ec),
            ("OKP", Some(crv), _) => OkpCurve::from_name(crv).map(GenerateSpec::Okp),
            _ => None,
        }
        .ok_or_else(|| Error::not_supported("key generation: no such key"));
        off_thread(spec.map(GenerateRequest::private_key))
    })
}

/// `importX509`'s SPKI: the certificate's DER walked as jose 6 walks it
/// (`v6::x509`).
#[napi(catch_unwind)]
pub fn v6_spki_of_certificate(env: Env, der: Buffer) -> napi::Result<Buffer> {
    guard(&env, "v6SpkiOfCertificate", || {
        crate::v6::x509::spki_of_certificate(&der)
            .map(Buffer::from)
            .map_err(Fail::from)
    })
}
