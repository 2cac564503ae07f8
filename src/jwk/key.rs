//! A key as jose users hold it: material that is parsed and checked once,
//! its JWK parameters, and what is derived from both.

use std::sync::OnceLock;

use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::jwa::ecdh_es::StaticKey;
use crate::jwa::registry::{self, Operation, Restrictions};
use crate::jwa::rsaes::RsaKey;
use crate::jwa::signing::Signer;
use crate::jwk::json;
use crate::jwk::material::{EcCurve, KeyType, Material};
use crate::jwk::params::KeyParams;
use crate::jwk::thumbprint;
use crate::jwk::validate;

#[derive(Debug)]
pub struct Key {
    material: Material,
    params: KeyParams,
    /// Name secp256k1 `P-256K`, for the legacy `jose-native/P-256K` entry.
    legacy_p256k: bool,
    thumbprint: String,
    /// The JWS signer, prepared on first use and kept for the key's life.
    signer: OnceLock<Result<Signer>>,
    /// The RSA key for JWE key encryption, prepared on first use.
    rsa_cipher: OnceLock<Result<RsaKey>>,
    /// The private key for ECDH-ES key agreement, prepared on first use.
    agreement: OnceLock<StaticKey>,
    /// `algorithms("sign")` and `algorithms("verify")`, which every JWS
    /// operation asks: computed once, as nothing they depend on changes.
    jws_algorithms: [OnceLock<Vec<&'static str>>; 2],
    /// `algorithms()`, which every KeyStore query with an `alg` asks.
    all_algorithms: OnceLock<Vec<&'static str>>,
}

impl Key {
    /// Checks `material` (deriving what an encoding left out) and the JWK
    /// parameters, in that order, as jose does.
    pub fn new(material: Material, params: &Map<String, Value>, legacy_p256k: bool) -> Result<Key> {
        let material = validate::finish(material)?;
        let params = KeyParams::from_json(params, &material)?;
        let crv = crv_name(&material, legacy_p256k);
        let thumbprint = thumbprint::jwk_thumbprint(&material, crv);
        Ok(Key {
            material,
            params,
            legacy_p256k,
            thumbprint,
            signer: OnceLock::new(),
            rsa_cipher: OnceLock::new(),
            agreement: OnceLock::new(),
            jws_algorithms: [OnceLock::new(), OnceLock::new()],
            all_algorithms: OnceLock::new(),
        })
    }

    /// The prepared JWS signer (built once; later calls share it).
    pub fn signer(&self) -> Result<&Signer> {
        self.signer
            .get_or_init(|| Signer::new(&self.material))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The RSA key JWE wraps and unwraps CEKs with (built once).
    pub fn rsa_cipher(&self) -> Result<&RsaKey> {
        self.rsa_cipher
            .get_or_init(|| RsaKey::from_material(&self.material))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The key as ECDH-ES agreement takes it (built once).
    pub fn agreement_key(&self) -> &StaticKey {
        self.agreement
            .get_or_init(|| StaticKey::new(&self.material))
    }

    pub fn material(&self) -> &Material {
        &self.material
    }

    pub fn params(&self) -> &KeyParams {
        &self.params
    }

    pub fn thumbprint(&self) -> &str {
        &self.thumbprint
    }

    /// `kid`: as given, else the thumbprint.
    pub fn kid(&self) -> &str {
        self.params.kid.as_deref().unwrap_or(&self.thumbprint)
    }

    pub fn key_type(&self) -> KeyType {
        self.material.key_type()
    }

    /// `key.algorithms([operation])`.
    pub fn algorithms(&self, operation: Option<&str>) -> Result<Vec<&'static str>> {
        let op = operation.map(Operation::parse).transpose()?;
        Ok(registry::algorithms(
            &self.material,
            self.restrictions(),
            op,
        ))
    }

    /// The algorithms this key may sign (`Operation::Sign`) or verify
    /// (`Operation::Verify`) with, as [`algorithms`](Self::algorithms)
    /// lists them; `None` for any other operation.
    pub fn jws_algorithms(&self, op: Operation) -> Option<&[&'static str]> {
        let slot = match op {
            Operation::Sign => &self.jws_algorithms[0],
            Operation::Verify => &self.jws_algorithms[1],
            _ => return None,
        };
        Some(
            slot.get_or_init(|| {
                registry::algorithms(&self.material, self.restrictions(), Some(op))
            }),
        )
    }

    /// Whether `algorithms()` has `alg`.
    pub fn allows(&self, alg: &str) -> bool {
        self.all_algorithms
            .get_or_init(|| registry::algorithms(&self.material, self.restrictions(), None))
            .contains(&alg)
    }

    pub fn restrictions(&self) -> Restrictions<'_> {
        Restrictions {
            alg: self.params.alg.as_deref(),
            key_use: self.params.key_use.as_deref(),
            key_ops: self.params.key_ops.as_deref(),
        }
    }

    /// The public JWK members (`crv` renamed on the legacy entry point).
    pub fn public_members(&self) -> Vec<(&'static str, String)> {
        let mut members = json::public_members(&self.material);
        if let Some(name) = crv_name(&self.material, self.legacy_p256k) {
            for (member, value) in members.iter_mut() {
                if *member == "crv" {
                    *value = name.to_string();
                }
            }
        }
        members
    }

    /// The `crv` the key shows (`P-256K` for secp256k1 under the legacy
    /// name), none for RSA and `oct`.
    pub fn crv(&self) -> Option<&'static str> {
        crv_name(&self.material, self.legacy_p256k)
            .or_else(|| crate::jwks::material_crv(&self.material))
    }

    pub fn private_members(&self) -> Vec<(&'static str, String)> {
        json::private_members(&self.material)
    }

    /// `key.toJWK([private])`: members, then kty, kid and the parameters,
    /// in jose's order.
    pub fn to_jwk(&self, private: bool) -> Result<Map<String, Value>> {
        if private && self.key_type() == KeyType::Public {
            return Err(Error::type_error(
                "public key cannot be exported as private",
            ));
        }
        let mut jwk = Map::new();
        let members = if private {
            let mut all = self.public_members();
            all.extend(self.private_members());
            all
        } else {
            self.public_members()
        };
        for (name, value) in members {
            jwk.insert(name.into(), Value::String(value));
        }
        jwk.insert("kty".into(), self.material.kty().into());
        jwk.insert("kid".into(), self.kid().into());
        let p = &self.params;
        let mut put = |name: &str, value: Option<Value>| {
            if let Some(v) = value {
                jwk.insert(name.into(), v);
            }
        };
        put("alg", p.alg.clone().map(Value::from));
        put(
            "key_ops",
            p.key_ops.clone().filter(|o| !o.is_empty()).map(Value::from),
        );
        put("use", p.key_use.clone().map(Value::from));
        put("x5c", p.x5c.clone().map(Value::from));
        put("x5t", p.x5t.clone().map(Value::from));
        put("x5t#S256", p.x5t_s256.clone().map(Value::from));
        Ok(jwk)
    }
}

/// The curve name to show when it differs from the registered one.
fn crv_name(m: &Material, legacy_p256k: bool) -> Option<&'static str> {
    match m {
        Material::Ec {
            curve: EcCurve::Secp256k1,
            ..
        } if legacy_p256k => Some("P-256K"),
        _ => None,
    }
}
