'use strict'

// KMSKey: jose-native/v6's key whose private operations run in the
// caller's code. What it signs, jose 6 verifies; what it cannot unwrap
// fails exactly as a wrong key does.

const test = require('node:test')
const assert = require('node:assert')
const crypto = require('crypto')

const v6 = require('../lib/v6')

const jose6 = () => import('jose6')
const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' })
const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 })
const ed = crypto.generateKeyPairSync('ed25519')

/** A KMS standing in for a real one: signs with keys it never hands out. */
function signer (alg) {
  const calls = []
  const sign = async (data, askedAlg) => {
    calls.push([Buffer.from(data).toString(), askedAlg])
    if (alg === 'ES256') return new Uint8Array(crypto.sign('sha256', data, { key: ec.privateKey, dsaEncoding: 'ieee-p1363' }))
    if (alg === 'RS256') return new Uint8Array(crypto.sign('sha256', data, rsa.privateKey))
    return new Uint8Array(crypto.sign(null, data, ed.privateKey))
  }
  return { calls, key: new v6.KMSKey({ alg, sign, modulusLength: alg === 'RS256' ? 2048 : undefined }) }
}

const publicOf = { ES256: ec.publicKey, RS256: rsa.publicKey, EdDSA: ed.publicKey }

test('a KMSKey signs JWTs and every JWS serialization, and jose 6 verifies them', async () => {
  const jose = await jose6()
  for (const alg of ['ES256', 'RS256', 'EdDSA']) {
    const { key, calls } = signer(alg)
    const jwt = await new v6.SignJWT({ sub: 'kms' }).setProtectedHeader({ alg }).setIssuedAt().sign(key)
    assert.strictEqual((await jose.jwtVerify(jwt, publicOf[alg])).payload.sub, 'kms')
    assert.deepStrictEqual(calls[0], [jwt.split('.').slice(0, 2).join('.'), alg], 'the KMS signs the signing input')
    const compact = await new v6.CompactSign(new Uint8Array([1, 2])).setProtectedHeader({ alg }).sign(key)
    await jose.compactVerify(compact, publicOf[alg])
    const flattened = await new v6.FlattenedSign(new Uint8Array([3])).setProtectedHeader({ alg }).setUnprotectedHeader({ kid: 'kms' }).sign(key)
    await jose.flattenedVerify(flattened, publicOf[alg])
    const secret = new Uint8Array(32).fill(1)
    const general = await new v6.GeneralSign(new Uint8Array([4]))
      .addSignature(key).setProtectedHeader({ alg })
      .addSignature(secret).setProtectedHeader({ alg: 'HS256' }).done().sign()
    assert.strictEqual(general.signatures.length, 2)
    for (const [i, verifyKey] of [publicOf[alg], secret].entries()) {
      const one = { payload: general.payload, ...general.signatures[i] }
      await jose.flattenedVerify(one, verifyKey)
    }
  }
})

test('the core checks the headers before the KMS is asked, and what it answers', async () => {
  const { key, calls } = signer('ES256')
  await assert.rejects(new v6.CompactSign(new Uint8Array([1])).setProtectedHeader({}).sign(key),
    { name: 'JWSInvalid', message: 'JWS "alg" (Algorithm) Header Parameter missing or invalid' })
  await assert.rejects(new v6.CompactSign(new Uint8Array([1])).setProtectedHeader({ alg: 'ES384' }).sign(key),
    { name: 'TypeError', message: 'Invalid key for this operation, its "alg" must be "ES384" when present' })
  await assert.rejects(new v6.SignJWT({}).setProtectedHeader({ alg: 'ES256', b64: false, crit: ['b64'] }).sign(key), { name: 'JWTInvalid' })
  assert.strictEqual(calls.length, 0, 'the KMS was never asked')
  const short = new v6.KMSKey({ alg: 'ES256', sign: async () => new Uint8Array(63) })
  await assert.rejects(new v6.SignJWT({}).setProtectedHeader({ alg: 'ES256' }).sign(short), { name: 'TypeError', message: /returned 63 bytes, not a ES256 signature/ })
  const wrongType = new v6.KMSKey({ alg: 'ES256', sign: async () => 'signature' })
  await assert.rejects(new v6.SignJWT({}).setProtectedHeader({ alg: 'ES256' }).sign(wrongType), { name: 'TypeError', message: 'KMSKey "sign" must return a Uint8Array' })
  const rsaShort = new v6.KMSKey({ alg: 'RS256', modulusLength: 2048, sign: async () => new Uint8Array(255) })
  await assert.rejects(new v6.SignJWT({}).setProtectedHeader({ alg: 'RS256' }).sign(rsaShort), { name: 'TypeError' })
  const failing = new v6.KMSKey({ alg: 'ES256', sign: async () => { throw new Error('KMS down') } })
  await assert.rejects(new v6.SignJWT({}).setProtectedHeader({ alg: 'ES256' }).sign(failing), { message: 'KMS down' })
})

test('a KMSKey unwraps RSA-OAEP content keys; any failure is a wrong key', async () => {
  const jose = await jose6()
  const unwrap = async (encryptedKey) => new Uint8Array(crypto.privateDecrypt({ key: rsa.privateKey, oaepHash: 'sha256' }, encryptedKey))
  const key = new v6.KMSKey({ alg: 'RSA-OAEP-256', unwrapKey: unwrap })
  const plaintext = new TextEncoder().encode('secret')
  const compact = await new jose.CompactEncrypt(plaintext).setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM' }).encrypt(rsa.publicKey)
  assert.deepStrictEqual(Array.from((await v6.compactDecrypt(compact, key)).plaintext), Array.from(plaintext))
  const flattened = await new jose.FlattenedEncrypt(plaintext).setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A128CBC-HS256' }).encrypt(rsa.publicKey)
  assert.deepStrictEqual(Array.from((await v6.flattenedDecrypt(flattened, key)).plaintext), Array.from(plaintext))
  const jwt = await new jose.EncryptJWT({ sub: 'kms' }).setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM' }).encrypt(rsa.publicKey)
  assert.strictEqual((await v6.jwtDecrypt(jwt, key)).payload.sub, 'kms')
  assert.strictEqual((await v6.compactDecrypt(compact, () => key)).key, key, 'a key function may give one')
  const other = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 })
  const general = await new jose.GeneralEncrypt(plaintext).setProtectedHeader({ enc: 'A256GCM' })
    .addRecipient(other.publicKey).setUnprotectedHeader({ alg: 'RSA-OAEP-256' })
    .addRecipient(rsa.publicKey).setUnprotectedHeader({ alg: 'RSA-OAEP-256' }).encrypt()
  assert.deepStrictEqual(Array.from((await v6.generalDecrypt(general, key)).plaintext), Array.from(plaintext), 'the recipient it can unwrap')

  const wrongKeyError = await v6.compactDecrypt(compact, other.privateKey).catch((err) => err)
  assert.strictEqual(wrongKeyError.name, 'JWEDecryptionFailed')
  const heard = []
  const cases = [
    new v6.KMSKey({ alg: 'RSA-OAEP-256', unwrapKey: async () => { throw new Error('denied') }, onUnwrapError: (err) => heard.push(err.message) }),
    new v6.KMSKey({ alg: 'RSA-OAEP-256', unwrapKey: async () => new Uint8Array(16) }),
    new v6.KMSKey({ alg: 'RSA-OAEP-256', unwrapKey: async () => 'not bytes' }),
    new v6.KMSKey({ alg: 'RSA-OAEP', unwrapKey: unwrap }),
    new v6.KMSKey({ alg: 'ES256', sign: async () => new Uint8Array(64) })
  ]
  for (const [i, failing] of cases.entries()) {
    const err = await v6.compactDecrypt(compact, failing).catch((e) => e)
    assert.strictEqual(err.constructor, wrongKeyError.constructor, `case ${i}`)
    assert.strictEqual(err.message, wrongKeyError.message, `case ${i}`)
    assert.strictEqual(err.cause, undefined, `case ${i}: nothing of the KMS's failure shows`)
  }
  await new Promise((resolve) => setImmediate(resolve))
  assert.deepStrictEqual(heard, ['denied'], 'onUnwrapError hears the KMS failure, later')
})

test('KMSKey checks its options', () => {
  for (const options of [undefined, {}, { alg: '' }, { alg: 'ES256' }, { alg: 'ES256', sign: 1 }, { alg: 'ES256', unwrapKey: 'x' },
    { alg: 'RS256', sign () {}, modulusLength: 0 }, { alg: 'RS256', sign () {}, onUnwrapError: 5 }]) {
    assert.throws(() => new v6.KMSKey(options), TypeError, JSON.stringify(options))
  }
  const key = new v6.KMSKey({ alg: 'ES256', sign () {} })
  assert.strictEqual(key.alg, 'ES256')
  assert.strictEqual(Object.prototype.toString.call(key), '[object KMSKey]')
})

test('examples/kms-v6.js runs: jose 6 verifies what the KMS signed', () => {
  const { execFileSync } = require('child_process')
  const out = execFileSync(process.execPath, [require('path').join(__dirname, '..', 'examples', 'kms-v6.js')], { encoding: 'utf8' })
  assert.match(out, /^jose 6 verified it: /m)
  assert.match(out, /^decrypted through the KMS: for the KMS holder$/m)
})
