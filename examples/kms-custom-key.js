'use strict'

// Signing JWTs with a key that never leaves a KMS, through JWK.CustomKey.
// Run it with `node examples/kms-custom-key.js`.
//
// The "KMS" here is simulated: a P-256 private key held in a closure, with
// the operations a real KMS client offers (sign, and hand out the public
// key). The CustomKey class is the one from jose-based KMS examples, its
// sign() and verify() bodies filled in. Tokens it makes are verified with
// the public key alone, by jose-native and by jose 1.28.2.

const crypto = require('crypto')

// as the seed has it (KeyObject is not used, and jose 1.x has none either)
const { JWT, JWK, KeyObject } = require('..') // eslint-disable-line no-unused-vars

// --- the simulated KMS: nothing outside this function sees the private key
function createKms () {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' })
  return {
    // ECDSA over SHA-256, answered as JWS wants it: R || S, not DER
    sign: (data) => crypto.sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' }),
    // A real KMS client answers with a Promise; the `...Async` twins take that.
    signAsync: async (data) => crypto.sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' }),
    publicKeyPEM: () => publicKey.export({ type: 'spki', format: 'pem' })
  }
}
const kms = createKms()
const publicKeyPEM = kms.publicKeyPEM()

// --- the seed example, its logging left out; the seed elides the body of
// sign(), and its verify() accepts anything, so here both do the real work
class CustomKey extends JWK.CustomKey {
  constructor () {
    super({ alg: 'EC', use: 'sig', kid: '12345678', ops: ['sign', 'verify'], keyType: 'private' })
  }

  toPEM (priv, encoding) {
    return undefined
  }

  algorithms (operation) {
    return new Set(['ES256'])
  }

  sign (alg, buffer) {
    return kms.sign(buffer)
  }

  verify (alg, buffer, signature) {
    return crypto.verify('sha256', buffer, { key: publicKeyPEM, dsaEncoding: 'ieee-p1363' }, signature)
  }
}

const customKey = new CustomKey()
const encoded = JWT.sign({}, customKey, {
  expiresIn: '600s'
})
console.log('encoded : ', encoded)
const decoded = JWT.verify(encoded, customKey)
console.log('decoded : ', decoded)

// --- anyone with the public key verifies it, here and with jose 1.x
const publicKey = JWK.asKey(publicKeyPEM)
console.log('jose-native, public key:', JWT.verify(encoded, publicKey))
let jose
try {
  jose = require('jose')
} catch {
  console.log('(install jose@1.28.2 to check the token with it too)')
}
if (jose) {
  console.log('jose 1.28.2, public key: ', jose.JWT.verify(encoded, jose.JWK.asKey(publicKeyPEM)))
}

// --- an async KMS client: the same key with a Promise-returning sign()
class AsyncKmsKey extends CustomKey {
  sign (alg, buffer) {
    return kms.signAsync(buffer)
  }
}

async function main () {
  const asyncKey = new AsyncKmsKey()
  const token = await JWT.signAsync({ sub: 'async-client' }, asyncKey, { expiresIn: '10m', issuer: 'https://kms.example' })
  console.log('async   : ', await JWT.verifyAsync(token, publicKey, { issuer: 'https://kms.example' }))
  try {
    JWT.sign({}, asyncKey)
  } catch (err) {
    console.log('sync API with a Promise-returning sign():', err.message)
  }
}

main().catch((err) => {
  console.error(err)
  process.exitCode = 1
})
