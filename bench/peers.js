'use strict'

// One adapter per library. `jwt(alg, keys)` and `jwe(alg, keys)` return
// `{ sign, verify }` / `{ encrypt, decrypt }` with every key already
// imported, or null when the library cannot do that algorithm (shown as
// "n/a"). Each library is used as its own docs recommend. Verification
// checks the same things everywhere: the algorithm allow-list, the
// signature, `iss`, `aud` and `exp` (which every library checks by default).
// `promises: true` marks an adapter whose calls return Promises.

const { webcrypto } = require('crypto')

const ISSUER = 'https://issuer.example'
const AUDIENCE = 'client-abc'
const CLAIMS = Object.freeze({ sub: 'user-123', iss: ISSUER, aud: AUDIENCE, scope: 'openid profile' })
const ENC = 'A256GCM'
// ~200 bytes of JSON, a typical encrypted ID token or session payload.
const PLAINTEXT = JSON.stringify({
  sub: 'user-123',
  email: 'user-123@example.com',
  name: 'Example User',
  roles: ['reader', 'writer'],
  locale: 'en-GB',
  tenant: 'tenant-42',
  session: 'c2Vzc2lvbi1pZGVudGlmaWVyLTAxMjM0NTY3ODk',
  iat: 1700000000
})

const epoch = () => Math.floor(Date.now() / 1000)

// jose-native and jose 1.28.2 share one API, so one adapter shape serves
// both: JWK.asKey once, JWT.sign with expiresIn, JWT.verify with the
// public key.
function jose1Style (name, lib) {
  const privateOf = (k) => lib.JWK.asKey(k.privateKey || k.keyObject)
  const publicOf = (k) => lib.JWK.asKey(k.publicKey || k.keyObject)
  return {
    name,
    lib,
    jwt (alg, keys) {
      const signKey = privateOf(keys[alg])
      const verifyKey = publicOf(keys[alg])
      const options = { algorithms: [alg], issuer: ISSUER, audience: AUDIENCE }
      return {
        sign: () => lib.JWT.sign(CLAIMS, signKey, { algorithm: alg, expiresIn: '1h' }),
        verify: (token) => lib.JWT.verify(token, verifyKey, options)
      }
    },
    jwe (alg, keys) {
      const encryptKey = publicOf(keys[alg])
      const decryptKey = privateOf(keys[alg])
      // jose 1.x's one allow-list holds `enc` for dir and `alg` otherwise.
      const options = { algorithms: [alg, ENC] }
      return {
        encrypt: () => lib.JWE.encrypt(PLAINTEXT, encryptKey, { alg, enc: ENC }),
        decrypt: (jwe) => lib.JWE.decrypt(jwe, decryptKey, options).toString()
      }
    }
  }
}

// jose 6's API, as jose 6 itself and jose-native/v6 serve it: one adapter
// shape for both, every call a Promise. Asymmetric keys are imported once
// with the library's own importPKCS8 / importSPKI, as jose 6 apps do;
// `secretOf(raw, algorithm, usages)` makes the HS256 and dir keys. A
// library without CompactEncrypt has no JWE setup (null).
function jose6Style (name, lib, secretOf) {
  const pairOf = async (k, alg) => [await lib.importPKCS8(k.privatePem, alg), await lib.importSPKI(k.publicPem, alg)]
  return {
    name,
    lib,
    promises: true,
    async jwt (alg, keys) {
      const [signKey, verifyKey] = alg === 'HS256'
        ? Array(2).fill(await secretOf(keys.HS256.raw, { name: 'HMAC', hash: 'SHA-256' }, ['sign', 'verify']))
        : await pairOf(keys[alg], alg)
      const options = { algorithms: [alg], issuer: ISSUER, audience: AUDIENCE }
      return {
        sign: () => new lib.SignJWT(CLAIMS).setProtectedHeader({ alg }).setIssuedAt().setExpirationTime('1h').sign(signKey),
        verify: async (token) => (await lib.jwtVerify(token, verifyKey, options)).payload
      }
    },
    async jwe (alg, keys) {
      if (!lib.CompactEncrypt || !lib.compactDecrypt) return null
      const [decryptKey, encryptKey] = alg === 'dir'
        ? Array(2).fill(await secretOf(keys.dir.raw, { name: 'AES-GCM' }, ['encrypt', 'decrypt']))
        : await pairOf(keys[alg], alg)
      const bytes = new TextEncoder().encode(PLAINTEXT)
      const decoder = new TextDecoder()
      const options = { keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: [ENC] }
      return {
        encrypt: () => new lib.CompactEncrypt(bytes).setProtectedHeader({ alg, enc: ENC }).encrypt(encryptKey),
        decrypt: async (jwe) => decoder.decode((await lib.compactDecrypt(jwe, decryptKey, options)).plaintext)
      }
    }
  }
}

// jose 6: for secrets, importJWK returns the raw bytes, which jose would
// import into WebCrypto again on every call; a CryptoKey made once is its
// fast path.
async function jose6 () {
  const lib = await import('jose6')
  return jose6Style('jose6', lib, (raw, algorithm, usages) =>
    webcrypto.subtle.importKey('raw', raw, algorithm, false, usages))
}

// jose-native/v6: secrets as a plain Uint8Array, the way most jose 6 code
// holds them (`new TextEncoder().encode(...)`); it hands those bytes to the
// core as they are. Its JWE rows wait for its CompactEncrypt (null until
// then, reported as "not yet").
const native6 = () => jose6Style('jose-native/v6', require('../v6'), (raw) => new Uint8Array(raw))

// fast-jwt: a signer and a verifier made once with PEM keys, called in the
// loop. Its verified-token cache stays off (the default): with it on, the
// loop would time an LRU lookup of the same token, not a verification.
function fastJwt () {
  const { createSigner, createVerifier } = require('fast-jwt')
  return {
    name: 'fast-jwt',
    jwt (alg, keys) {
      const k = keys[alg]
      const sign = createSigner({ key: k.privatePem || k.raw, algorithm: alg, expiresIn: '1h' })
      const verify = createVerifier({ key: k.publicPem || k.raw, algorithms: [alg], allowedIss: ISSUER, allowedAud: AUDIENCE })
      return { sign: () => sign(CLAIMS), verify }
    },
    jwe: () => null
  }
}

// @node-rs/jsonwebtoken: signSync / verifySync with its Algorithm enum and
// PEM keys (secret bytes for HS256), as its tests use them. It takes no
// expiresIn, so `exp` (and `iat`, as the others add it) go in the claims.
function nodeRs () {
  const { signSync, verifySync, Algorithm } = require('@node-rs/jsonwebtoken')
  return {
    name: '@node-rs/jsonwebtoken',
    jwt (alg, keys) {
      const k = keys[alg]
      const header = { algorithm: Algorithm[alg] }
      const validation = { algorithms: [Algorithm[alg]], iss: [ISSUER], aud: [AUDIENCE] }
      const signKey = k.privatePem || k.raw
      const verifyKey = k.publicPem || k.raw
      return {
        sign: () => {
          const iat = epoch()
          return signSync({ ...CLAIMS, iat, exp: iat + 3600 }, signKey, header)
        },
        verify: (token) => verifySync(token, verifyKey, validation)
      }
    },
    jwe: () => null
  }
}

// jsonwebtoken: sign / verify with KeyObjects. It has no EdDSA (its
// algorithm list stops at the RSA, PSS, ECDSA and HMAC families).
function jsonwebtoken () {
  const jwt = require('jsonwebtoken')
  return {
    name: 'jsonwebtoken',
    jwt (alg, keys) {
      if (alg === 'EdDSA') return null
      const k = keys[alg]
      const options = { algorithms: [alg], issuer: ISSUER, audience: AUDIENCE }
      const signKey = k.privateKey || k.keyObject
      const verifyKey = k.publicKey || k.keyObject
      return {
        sign: () => jwt.sign(CLAIMS, signKey, { algorithm: alg, expiresIn: '1h' }),
        verify: (token) => jwt.verify(token, verifyKey, options)
      }
    },
    jwe: () => null
  }
}

const native = () => jose1Style('jose-native', require('..'))
const jose1 = () => jose1Style('jose', require('jose'))

// All adapters, jose-native first; the others are the peers.
async function load () {
  return [native(), jose1(), await jose6(), fastJwt(), nodeRs(), jsonwebtoken()]
}

module.exports = { load, native, native6, jose1, jose6, jose6Style, CLAIMS, PLAINTEXT, ISSUER, AUDIENCE, ENC }
