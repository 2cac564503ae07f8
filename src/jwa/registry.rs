//! Which algorithms a key may perform, by operation: the rules of jose 1.x's
//! JWA registry, in its order (a `Set`'s iteration order is observable).
//! The lists come from the algorithm tables themselves
//! (`SignatureAlgorithm::ALL`, `ENC_ALGS`, `KEY_ALGS`, each in jose's
//! order), filtered by what each algorithm says it needs of a key.

use super::jwe_algs::{ENC_ALGS, KEY_ALGS};
use super::signing::SignatureAlgorithm;
use crate::error::{Error, Result};
use crate::jwk::material::{KeyType, Material};

/// A key operation, as `key_ops` and `algorithms(operation)` name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    Sign,
    Verify,
    Encrypt,
    Decrypt,
    WrapKey,
    UnwrapKey,
    DeriveKey,
}

impl Operation {
    pub fn parse(name: &str) -> Result<Operation> {
        match name {
            "sign" => Ok(Operation::Sign),
            "verify" => Ok(Operation::Verify),
            "encrypt" => Ok(Operation::Encrypt),
            "decrypt" => Ok(Operation::Decrypt),
            "wrapKey" => Ok(Operation::WrapKey),
            "unwrapKey" => Ok(Operation::UnwrapKey),
            "deriveKey" => Ok(Operation::DeriveKey),
            _ => Err(Error::type_error("invalid key operation")),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Operation::Sign => "sign",
            Operation::Verify => "verify",
            Operation::Encrypt => "encrypt",
            Operation::Decrypt => "decrypt",
            Operation::WrapKey => "wrapKey",
            Operation::UnwrapKey => "unwrapKey",
            Operation::DeriveKey => "deriveKey",
        }
    }

    /// The `use` an operation belongs to.
    pub fn key_use(self) -> &'static str {
        match self {
            Operation::Sign | Operation::Verify => "sig",
            _ => "enc",
        }
    }

    /// The order jose lists operations in when none is asked for.
    pub const ALL: [Operation; 7] = [
        Operation::Sign,
        Operation::Verify,
        Operation::Decrypt,
        Operation::Encrypt,
        Operation::UnwrapKey,
        Operation::WrapKey,
        Operation::DeriveKey,
    ];
}

/// The JWK parameters that restrict what a key may do.
#[derive(Debug, Clone, Copy, Default)]
pub struct Restrictions<'a> {
    pub alg: Option<&'a str>,
    pub key_use: Option<&'a str>,
    pub key_ops: Option<&'a [String]>,
}

/// `key.algorithms([operation])`.
pub fn algorithms(m: &Material, r: Restrictions, op: Option<Operation>) -> Vec<&'static str> {
    let unrestricted = Restrictions { alg: None, ..r };
    let mut list = match op {
        Some(op) => for_operation(m, unrestricted, op),
        None => {
            let mut all: Vec<&'static str> = Vec::new();
            for op in Operation::ALL {
                for alg in for_operation(m, unrestricted, op) {
                    if !all.contains(&alg) {
                        all.push(alg);
                    }
                }
            }
            all
        }
    };
    if let Some(alg) = r.alg {
        list.retain(|candidate| *candidate == alg);
    }
    list
}

impl Restrictions<'_> {
    /// Whether a key with these parameters and this object type may do
    /// `op` at all: `key_ops` lists it, its `use` is the operation's (every
    /// algorithm belongs to one use), and a public key neither signs nor
    /// decrypts.
    pub fn permit(&self, op: Operation, key_type: KeyType) -> bool {
        if self
            .key_ops
            .is_some_and(|ops| !ops.iter().any(|o| o == op.name()))
        {
            return false;
        }
        if self.key_use.is_some_and(|u| u != op.key_use()) {
            return false;
        }
        let needs_private = matches!(
            op,
            Operation::Sign | Operation::Decrypt | Operation::UnwrapKey
        );
        !(needs_private && key_type == KeyType::Public)
    }
}

fn for_operation(m: &Material, r: Restrictions, op: Operation) -> Vec<&'static str> {
    if !r.permit(op, m.key_type()) {
        return Vec::new();
    }
    let bits = m.bit_length().unwrap_or(0);
    match op {
        Operation::Sign | Operation::Verify => SignatureAlgorithm::ALL
            .into_iter()
            .filter(|alg| alg.listed_for(m))
            .map(SignatureAlgorithm::name)
            .collect(),
        Operation::Encrypt | Operation::Decrypt => match m {
            Material::Oct { .. } => ENC_ALGS
                .iter()
                .filter(|enc| enc.key_len * 8 == bits)
                .map(|enc| enc.name)
                .collect(),
            _ => Vec::new(),
        },
        Operation::WrapKey | Operation::UnwrapKey | Operation::DeriveKey => {
            let derive = op == Operation::DeriveKey;
            KEY_ALGS
                .iter()
                .filter(|alg| alg.listed_for(m, derive, bits))
                .map(|alg| alg.name)
                .collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rsa(bits: usize, private: bool) -> Material {
        Material::Rsa {
            n: vec![0xff; bits / 8],
            e: vec![1, 0, 1],
            private: private.then(|| {
                Box::new(crate::jwk::material::RsaPrivate {
                    d: vec![1].into(),
                    p: vec![1].into(),
                    q: vec![1].into(),
                    dp: vec![1].into(),
                    dq: vec![1].into(),
                    qi: vec![1].into(),
                })
            }),
        }
    }

    #[test]
    fn rsa_public_key_with_enc_use() {
        let m = rsa(2048, false);
        let r = Restrictions {
            key_use: Some("enc"),
            ..Default::default()
        };
        assert!(algorithms(&m, r, Some(Operation::Sign)).is_empty());
        assert!(algorithms(&m, r, Some(Operation::UnwrapKey)).is_empty());
        assert_eq!(
            algorithms(&m, r, Some(Operation::WrapKey)),
            [
                "RSA-OAEP",
                "RSA-OAEP-256",
                "RSA-OAEP-384",
                "RSA-OAEP-512",
                "RSA1_5"
            ]
        );
    }

    #[test]
    fn rsa_sizes_gate_algorithms() {
        let m = rsa(1024, true);
        assert_eq!(
            algorithms(&m, Restrictions::default(), Some(Operation::Sign)),
            ["PS256", "PS384", "RS256", "RS384", "RS512"]
        );
    }

    #[test]
    fn alg_and_key_ops_narrow_the_set() {
        let m = Material::Oct {
            k: vec![0; 16].into(),
        };
        let ops = vec!["wrapKey".to_string()];
        let r = Restrictions {
            key_ops: Some(&ops),
            ..Default::default()
        };
        assert_eq!(algorithms(&m, r, None), ["A128KW", "A128GCMKW"]);
        let r = Restrictions {
            alg: Some("A128GCMKW"),
            ..r
        };
        assert_eq!(algorithms(&m, r, None), ["A128GCMKW"]);
        assert!(algorithms(&m, r, Some(Operation::Sign)).is_empty());
    }
}
