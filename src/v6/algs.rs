//! The algorithms jose 6 implements on Node 20, as the core's tables
//! (`jwa::signing`, `jwa::jwe_algs`) describe them, with what jose 6 adds:
//! which names it takes, RSA's 2048-bit floor, and the WebCrypto algorithm
//! and usages a `CryptoKey` for each carries (which the facade also uses to
//! make `CryptoKey`s on import and generation). Key type, curve, hash and
//! key length all come from the core's descriptors, so the two APIs cannot
//! disagree on them; signing and verifying are the core's.
//!
//! Not here, as in jose 6 on Node 20: ES256K (secp256k1), Ed448, RSA1_5 and
//! the ML-DSA family (Node 20's WebCrypto has none of them).

use crate::jwa::jwe_algs::{self, KeyFamily};
use crate::jwa::signing::{RsaPadding, SignatureAlgorithm};

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

/// jose 6's entry for `name`, the core's algorithm `core`: everything but
/// the name derives from the core's descriptor.
const fn jws_alg(name: &'static str, core: SignatureAlgorithm) -> JwsAlg {
    let (subtle, hash, named_curve) = match (core.hmac(), core.rsa(), core.ec_curve()) {
        (Some(sha), _, _) => ("HMAC", Some(sha.web_name()), None),
        (_, Some((RsaPadding::Pkcs1, sha)), _) => ("RSASSA-PKCS1-v1_5", Some(sha.web_name()), None),
        (_, Some((RsaPadding::Pss, sha)), _) => ("RSA-PSS", Some(sha.web_name()), None),
        (_, _, Some(curve)) => ("ECDSA", None, Some(curve.name())),
        // EdDSA, the one family left: WebCrypto's Ed25519
        _ => ("Ed25519", None, None),
    };
    let okp = matches!(core, SignatureAlgorithm::EdDsa);
    JwsAlg {
        name,
        core: core.name(),
        kty: match core.kty() {
            Some(kty) => kty,
            None => "oct",
        },
        crv: if okp { Some("Ed25519") } else { named_curve },
        secret: core.hmac().is_some(),
        min_rsa_bits: core.rsa().is_some(),
        subtle: Subtle {
            name: subtle,
            hash,
            named_curve,
        },
    }
}

pub const JWS: [JwsAlg; 14] = [
    jws_alg("HS256", SignatureAlgorithm::Hs256),
    jws_alg("HS384", SignatureAlgorithm::Hs384),
    jws_alg("HS512", SignatureAlgorithm::Hs512),
    jws_alg("RS256", SignatureAlgorithm::Rs256),
    jws_alg("RS384", SignatureAlgorithm::Rs384),
    jws_alg("RS512", SignatureAlgorithm::Rs512),
    jws_alg("PS256", SignatureAlgorithm::Ps256),
    jws_alg("PS384", SignatureAlgorithm::Ps384),
    jws_alg("PS512", SignatureAlgorithm::Ps512),
    jws_alg("ES256", SignatureAlgorithm::Es256),
    jws_alg("ES384", SignatureAlgorithm::Es384),
    jws_alg("ES512", SignatureAlgorithm::Es512),
    jws_alg("EdDSA", SignatureAlgorithm::EdDsa),
    // jose 6's fully-specified name for EdDSA over Ed25519
    jws_alg("Ed25519", SignatureAlgorithm::EdDsa),
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

/// jose 6's entry for a key-management algorithm of the core's table, or
/// `None` for one jose 6 dropped (RSA1_5).
fn jwe_key_alg(alg: &'static jwe_algs::KeyAlg) -> Option<KeyAlg> {
    let bits = Some(alg.key_len as u32 * 8);
    let secret = |subtle, length| KeyAlg {
        name: alg.name,
        kty: OCT,
        crv: None,
        secret: true,
        subtle,
        length,
        ecdh: false,
        usages: NONE,
    };
    Some(match alg.family {
        KeyFamily::Dir => secret(subtle("AES-GCM", None), None),
        KeyFamily::AesKw => secret(subtle("AES-KW", None), bits),
        KeyFamily::AesGcmKw => secret(subtle("AES-GCM", None), bits),
        KeyFamily::Pbes2(_) => secret(subtle("PBKDF2", None), None),
        KeyFamily::RsaOaep(hash) => KeyAlg {
            kty: RSA,
            secret: false,
            usages: WRAP,
            ..secret(subtle("RSA-OAEP", Some(hash.web_name())), None)
        },
        KeyFamily::EcdhEs | KeyFamily::EcdhEsKw => KeyAlg {
            kty: EC_OKP,
            secret: false,
            ecdh: true,
            usages: DERIVE,
            ..secret(subtle("ECDH", None), None)
        },
        KeyFamily::Rsa1_5 => return None,
    })
}

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
        .or_else(|| jwe_algs::KeyAlg::from_name(name).and_then(jwe_key_alg))
}

#[cfg(test)]
mod tests {
    use super::{jws, key_alg};

    #[test]
    fn entries_derive_from_the_core_tables() {
        let es512 = jws("ES512").unwrap();
        assert_eq!(
            (es512.kty, es512.crv, es512.subtle.name),
            ("EC", Some("P-521"), "ECDSA")
        );
        assert_eq!(es512.subtle.named_curve, Some("P-521"));
        let ps384 = jws("PS384").unwrap();
        assert_eq!(
            (ps384.subtle.name, ps384.subtle.hash),
            ("RSA-PSS", Some("SHA-384"))
        );
        assert!(ps384.min_rsa_bits && !ps384.secret);
        let ed = jws("Ed25519").unwrap();
        assert_eq!(
            (ed.core, ed.kty, ed.crv, ed.subtle.name),
            ("EdDSA", "OKP", Some("Ed25519"), "Ed25519")
        );
        assert!(jws("HS512").unwrap().secret);
        assert!(jws("ES256K").is_none());

        let oaep = key_alg("RSA-OAEP").unwrap();
        assert_eq!((oaep.kty, oaep.subtle.hash), (&["RSA"][..], Some("SHA-1")));
        assert_eq!(key_alg("A192KW").unwrap().length, Some(192));
        assert_eq!(key_alg("A256GCMKW").unwrap().subtle.name, "AES-GCM");
        assert_eq!(key_alg("dir").unwrap().length, None);
        assert!(key_alg("ECDH-ES+A128KW").unwrap().ecdh);
        assert_eq!(key_alg("PBES2-HS384+A192KW").unwrap().subtle.name, "PBKDF2");
        // jose 6 dropped RSA1_5
        assert!(key_alg("RSA1_5").is_none());
    }
}
