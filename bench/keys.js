'use strict'

// The key material every library gets, made once per process with Node's
// crypto and handed out in the forms the libraries take: KeyObjects, PEM
// (PKCS#8 / SPKI), JWK and raw secret bytes. Fresh keys each run are fine:
// no rate here depends on the key's value.

const crypto = require('crypto')

function pair (type, options) {
  const { privateKey, publicKey } = crypto.generateKeyPairSync(type, options)
  return {
    privateKey,
    publicKey,
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }),
    privateJwk: privateKey.export({ format: 'jwk' }),
    publicJwk: publicKey.export({ format: 'jwk' })
  }
}

function secret (bytes) {
  const raw = crypto.randomBytes(bytes)
  const keyObject = crypto.createSecretKey(raw)
  return { raw, keyObject, jwk: keyObject.export({ format: 'jwk' }) }
}

let keys

// One set per process: RSA key generation takes ~100 ms.
function get () {
  if (!keys) {
    const rsa = pair('rsa', { modulusLength: 2048 })
    const p256 = pair('ec', { namedCurve: 'P-256' })
    keys = {
      // JWT algorithms
      HS256: secret(32),
      RS256: rsa,
      ES256: p256,
      EdDSA: pair('ed25519'),
      // JWE key management algorithms
      dir: secret(32),
      'RSA-OAEP-256': rsa,
      'ECDH-ES': p256
    }
  }
  return keys
}

module.exports = { get }
