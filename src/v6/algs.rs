//! The JWS algorithms jose 6 implements on Node 20, each with what jose 6
//! checks a key against: its key type, curve, whether it takes a secret,
//! RSA's 2048-bit floor, and the WebCrypto algorithm a `CryptoKey` for it
//! carries (which the facade also uses to make `CryptoKey`s on import and
//! generation). Signing and verifying are the core's
//! (`jwa::signing`); `core` names the core's algorithm.
//!
//! Not here, as in jose 6 on Node 20: ES256K (secp256k1), Ed448 and the
//! ML-DSA family (Node 20's WebCrypto has none of them).

/// The WebCrypto algorithm of a key (`key.algorithm` of a `CryptoKey`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Subtle {
    pub name: &'static str,
    pub hash: Option<&'static str>,
    pub named_curve: Option<&'static str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JwsAlg {
    pub name: &'static str,
    /// The core's name for the signature algorithm.
    pub core: &'static str,
    pub kty: &'static str,
    pub crv: Option<&'static str>,
    pub secret: bool,
    pub min_rsa_bits: bool,
    pub subtle: Subtle,
}

const fn hmac(name: &'static str, hash: &'static str) -> JwsAlg {
    JwsAlg {
        name,
        core: name,
        kty: "oct",
        crv: None,
        secret: true,
        min_rsa_bits: false,
        subtle: Subtle {
            name: "HMAC",
            hash: Some(hash),
            named_curve: None,
        },
    }
}

const fn rsa(name: &'static str, subtle: &'static str, hash: &'static str) -> JwsAlg {
    JwsAlg {
        name,
        core: name,
        kty: "RSA",
        crv: None,
        secret: false,
        min_rsa_bits: true,
        subtle: Subtle {
            name: subtle,
            hash: Some(hash),
            named_curve: None,
        },
    }
}

const fn ecdsa(name: &'static str, crv: &'static str) -> JwsAlg {
    JwsAlg {
        name,
        core: name,
        kty: "EC",
        crv: Some(crv),
        secret: false,
        min_rsa_bits: false,
        subtle: Subtle {
            name: "ECDSA",
            hash: None,
            named_curve: Some(crv),
        },
    }
}

const fn ed25519(name: &'static str) -> JwsAlg {
    JwsAlg {
        name,
        core: "EdDSA",
        kty: "OKP",
        crv: Some("Ed25519"),
        secret: false,
        min_rsa_bits: false,
        subtle: Subtle {
            name: "Ed25519",
            hash: None,
            named_curve: None,
        },
    }
}

pub const JWS: [JwsAlg; 14] = [
    hmac("HS256", "SHA-256"),
    hmac("HS384", "SHA-384"),
    hmac("HS512", "SHA-512"),
    rsa("RS256", "RSASSA-PKCS1-v1_5", "SHA-256"),
    rsa("RS384", "RSASSA-PKCS1-v1_5", "SHA-384"),
    rsa("RS512", "RSASSA-PKCS1-v1_5", "SHA-512"),
    rsa("PS256", "RSA-PSS", "SHA-256"),
    rsa("PS384", "RSA-PSS", "SHA-384"),
    rsa("PS512", "RSA-PSS", "SHA-512"),
    ecdsa("ES256", "P-256"),
    ecdsa("ES384", "P-384"),
    ecdsa("ES512", "P-521"),
    ed25519("EdDSA"),
    ed25519("Ed25519"),
];

/// The algorithm `name` names, if jose 6 implements it.
pub fn jws(name: &str) -> Option<&'static JwsAlg> {
    JWS.iter().find(|a| a.name == name)
}

/// What a key for an algorithm is, as jose 6 imports and generates keys:
/// the key types it may have, the WebCrypto algorithm of the `CryptoKey`
/// and the usages a public and a private key get. ECDH's algorithm depends
/// on the key's curve (`resolve`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyAlg {
    pub name: &'static str,
    pub kty: &'static [&'static str],
    pub crv: Option<&'static str>,
    pub secret: bool,
    pub subtle: Subtle,
    /// AES key length in bits.
    pub length: Option<u32>,
    pub ecdh: bool,
    pub usages: (&'static [&'static str], &'static [&'static str]),
}

const RSA: &[&str] = &["RSA"];
const EC_OKP: &[&str] = &["EC", "OKP"];
const OCT: &[&str] = &["oct"];

const SIG: (&[&str], &[&str]) = (&["verify"], &["sign"]);
const WRAP: (&[&str], &[&str]) = (&["encrypt", "wrapKey"], &["decrypt", "unwrapKey"]);
const DERIVE: (&[&str], &[&str]) = (&[], &["deriveBits"]);
const NONE: (&[&str], &[&str]) = (&[], &[]);

const fn subtle(name: &'static str, hash: Option<&'static str>) -> Subtle {
    Subtle {
        name,
        hash,
        named_curve: None,
    }
}

const fn jwe(name: &'static str, kty: &'static [&'static str], subtle: Subtle) -> KeyAlg {
    KeyAlg {
        name,
        kty,
        crv: None,
        secret: false,
        subtle,
        length: None,
        ecdh: false,
        usages: NONE,
    }
}

const fn secret(name: &'static str, subtle: Subtle, length: Option<u32>) -> KeyAlg {
    KeyAlg {
        secret: true,
        length,
        ..jwe(name, OCT, subtle)
    }
}

const fn rsa_oaep(name: &'static str, hash: &'static str) -> KeyAlg {
    KeyAlg {
        usages: WRAP,
        ..jwe(name, RSA, subtle("RSA-OAEP", Some(hash)))
    }
}

const fn ecdh(name: &'static str) -> KeyAlg {
    KeyAlg {
        ecdh: true,
        usages: DERIVE,
        ..jwe(name, EC_OKP, subtle("ECDH", None))
    }
}

/// The key-management algorithms of JWE, as jose 6 has them.
pub const JWE_KEYS: [KeyAlg; 18] = [
    secret("dir", subtle("AES-GCM", None), None),
    rsa_oaep("RSA-OAEP", "SHA-1"),
    rsa_oaep("RSA-OAEP-256", "SHA-256"),
    rsa_oaep("RSA-OAEP-384", "SHA-384"),
    rsa_oaep("RSA-OAEP-512", "SHA-512"),
    ecdh("ECDH-ES"),
    ecdh("ECDH-ES+A128KW"),
    ecdh("ECDH-ES+A192KW"),
    ecdh("ECDH-ES+A256KW"),
    secret("A128KW", subtle("AES-KW", None), Some(128)),
    secret("A192KW", subtle("AES-KW", None), Some(192)),
    secret("A256KW", subtle("AES-KW", None), Some(256)),
    secret("A128GCMKW", subtle("AES-GCM", None), Some(128)),
    secret("A192GCMKW", subtle("AES-GCM", None), Some(192)),
    secret("A256GCMKW", subtle("AES-GCM", None), Some(256)),
    secret("PBES2-HS256+A128KW", subtle("PBKDF2", None), None),
    secret("PBES2-HS384+A192KW", subtle("PBKDF2", None), None),
    secret("PBES2-HS512+A256KW", subtle("PBKDF2", None), None),
];

impl JwsAlg {
    /// The JWS algorithm as a key algorithm.
    pub fn key_alg(&self) -> KeyAlg {
        KeyAlg {
            name: self.name,
            kty: match self.kty {
                "oct" => OCT,
                "RSA" => RSA,
                "EC" => &["EC"],
                _ => &["OKP"],
            },
            crv: self.crv,
            secret: self.secret,
            subtle: self.subtle,
            length: None,
            ecdh: false,
            usages: SIG,
        }
    }
}

/// The key algorithm `name` names: a JWS algorithm or a JWE
/// key-management one.
pub fn key_alg(name: &str) -> Option<KeyAlg> {
    jws(name)
        .map(JwsAlg::key_alg)
        .or_else(|| JWE_KEYS.iter().find(|a| a.name == name).copied())
}
