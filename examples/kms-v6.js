'use strict'

// jose-native/v6 with keys it never holds: a (simulated) KMS signs JWTs and
// unwraps JWE content keys, and jose 6 itself verifies what it signed.
// The KMS here is a few lines of Node's crypto standing in for AWS KMS,
// Google Cloud KMS or an HSM: what matters is that jose-native only ever
// sees the bytes it asks to have signed or unwrapped, and the answers.

const crypto = require('crypto')

const { KMSKey, SignJWT, jwtVerify, CompactEncrypt, compactDecrypt, importJWK } = require('../v6') // in an app: require('jose-native/v6')

// --- the "KMS": private keys that never leave it
const signingKey = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' })
const wrappingKey = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 })
const kms = {
  async sign (data) {
    // ES256 signatures in JWS are R || S, not DER
    return new Uint8Array(crypto.sign('sha256', data, { key: signingKey.privateKey, dsaEncoding: 'ieee-p1363' }))
  },
  async decrypt (ciphertext) {
    return new Uint8Array(crypto.privateDecrypt({ key: wrappingKey.privateKey, oaepHash: 'sha256' }, ciphertext))
  }
}

async function main () {
  const jose6 = await import('jose6')

  // sign with the KMS
  const kmsKey = new KMSKey({ alg: 'ES256', sign: (data) => kms.sign(data) })
  const jwt = await new SignJWT({ scope: 'read' })
    .setProtectedHeader({ alg: 'ES256', kid: 'kms-1' })
    .setIssuer('https://issuer.example')
    .setExpirationTime('10m')
    .sign(kmsKey)
  console.log('signed by the KMS:', jwt)

  // jose 6 verifies it with the public key the KMS publishes
  const publicJwk = signingKey.publicKey.export({ format: 'jwk' })
  const { payload } = await jose6.jwtVerify(jwt, await jose6.importJWK(publicJwk, 'ES256'), { issuer: 'https://issuer.example' })
  console.log('jose 6 verified it:', payload)
  // and so does jose-native/v6
  console.log('jose-native/v6 verified it too:', (await jwtVerify(jwt, await importJWK(publicJwk, 'ES256'))).payload.scope)

  // decrypt with the KMS: the content key is unwrapped there
  const encryptionKey = await importJWK(wrappingKey.publicKey.export({ format: 'jwk' }), 'RSA-OAEP-256')
  const jwe = await new CompactEncrypt(new TextEncoder().encode('for the KMS holder'))
    .setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM' })
    .encrypt(encryptionKey)
  const unwrapping = new KMSKey({
    alg: 'RSA-OAEP-256',
    unwrapKey: (encryptedKey) => kms.decrypt(encryptedKey),
    onUnwrapError: (err) => console.error('the KMS failed:', err.message)
  })
  const { plaintext } = await compactDecrypt(jwe, unwrapping)
  console.log('decrypted through the KMS:', new TextDecoder().decode(plaintext))
}

main().catch((err) => {
  console.error(err)
  process.exitCode = 1
})
