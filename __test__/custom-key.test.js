'use strict'

// JWK.CustomKey: keys whose operations run in the user's own code (a KMS).
// Simulated KMSs hold real keys in closures: an ECDSA P-256 signer (sync
// and Promise-based) and an RSA decrypter for the unwrapKey hook. What they
// sign is checked against the public keys here and in jose 1.28.2; what
// jose encrypts they decrypt. Every entry point, the KeyStore case and each
// error the issue lists.

const test = require('node:test')
const assert = require('assert')
const crypto = require('crypto')

const { JWK, JWKS, JWS, JWT, JWE, errors } = require('..')
const jose = require('jose')
const { thrown } = require('./helpers')

const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' })
const ecPublicPEM = ec.publicKey.export({ type: 'spki', format: 'pem' })
const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 })
const rsaPublicPEM = rsa.publicKey.export({ type: 'spki', format: 'pem' })

// the public halves, as both libraries' keys
const publicKey = JWK.asKey(ecPublicPEM)
const josePublicKey = jose.JWK.asKey(ecPublicPEM)
const rsaPublic = JWK.asKey(rsaPublicPEM)
const joseRsaPublic = jose.JWK.asKey(rsaPublicPEM)

// A simulated KMS: the private key never leaves this closure, and it keeps
// a log of what it was asked to do.
function ecKms () {
  const calls = []
  return {
    calls,
    sign (alg, data) {
      calls.push(['sign', alg])
      return crypto.sign('sha256', data, { key: ec.privateKey, dsaEncoding: 'ieee-p1363' })
    },
    verify (alg, data, signature) {
      calls.push(['verify', alg])
      return crypto.verify('sha256', data, { key: ec.publicKey, dsaEncoding: 'ieee-p1363' }, signature)
    }
  }
}

class KmsKey extends JWK.CustomKey {
  constructor (options = {}, kms = ecKms()) {
    super({ kty: 'EC', kid: 'kms-p256', ...options })
    this.kms = kms
  }

  algorithms (operation) {
    return new Set(operation === undefined || operation === 'sign' || operation === 'verify' ? ['ES256'] : [])
  }

  sign (alg, data) {
    return this.kms.sign(alg, data)
  }

  verify (alg, data, signature) {
    return this.kms.verify(alg, data, signature)
  }
}

const later = () => new Promise((resolve) => setImmediate(resolve))

// The same KMS answering with Promises, as real KMS clients do.
class AsyncKmsKey extends KmsKey {
  async sign (alg, data) {
    await later()
    return super.sign(alg, data)
  }

  async verify (alg, data, signature) {
    await later()
    return super.verify(alg, data, signature)
  }
}

// RSAES-PKCS1-v1_5 decryption as a KMS would do it, with Node's raw RSA
// (Node refuses PKCS#1 v1.5 private decryption itself): a padding failure
// gives random bytes, never an error, so it tells an attacker nothing.
function pkcs1Decrypt (encryptedKey) {
  const em = crypto.privateDecrypt({ key: rsa.privateKey, padding: crypto.constants.RSA_NO_PADDING }, encryptedKey)
  const separator = em.indexOf(0, 2)
  if (em[0] !== 0 || em[1] !== 2 || separator < 10) return crypto.randomBytes(16)
  return em.subarray(separator + 1)
}

// A failed OAEP decryption also answers random bytes: a throw would
// propagate as the KMS's own failure, and would end the search through a
// general JWE's recipients at one that is not for this key.
function rsaUnwrap (alg, encryptedKey) {
  if (alg === 'RSA1_5') return pkcs1Decrypt(encryptedKey)
  try {
    return crypto.privateDecrypt({ key: rsa.privateKey, oaepHash: alg === 'RSA-OAEP' ? 'sha1' : 'sha256' }, encryptedKey)
  } catch {
    return crypto.randomBytes(16)
  }
}

class DecryptingKey extends JWK.CustomKey {
  constructor (unwrap = rsaUnwrap) {
    super({ kty: 'RSA', kid: 'kms-rsa', use: 'enc' })
    this.unwrap = unwrap
    this.unwrapped = []
  }

  algorithms (operation) {
    return new Set(operation === 'unwrapKey' || operation === undefined ? ['RSA-OAEP', 'RSA-OAEP-256', 'RSA1_5'] : [])
  }

  unwrapKey (alg, encryptedKey) {
    this.unwrapped.push(alg)
    return this.unwrap(alg, encryptedKey)
  }
}

class AsyncDecryptingKey extends DecryptingKey {
  async unwrapKey (alg, encryptedKey) {
    await later()
    return super.unwrapKey(alg, encryptedKey)
  }
}

const rejection = async (promise) => {
  try {
    await promise
  } catch (err) {
    return err
  }
  assert.fail('expected a rejection')
}

const decodeHeader = (token) => JSON.parse(Buffer.from(token.split('.')[0], 'base64url'))

test('the seed example runs as written and its token verifies with the public key here and in jose', () => {
  // The seed's code, logging aside; its sign() body is elided there, so
  // here it signs with the simulated KMS.
  const kms = ecKms()
  const { JWT, JWK } = require('..')
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
      return kms.sign(alg, buffer)
    }

    verify (alg, buffer) {
      return true
    }
  }
  const customKey = new CustomKey()
  const encoded = JWT.sign({}, customKey, {
    expiresIn: '600s'
  })
  const decoded = JWT.verify(encoded, customKey)

  assert.deepStrictEqual(decodeHeader(encoded), { kid: '12345678', alg: 'ES256' })
  assert.strictEqual(decoded.exp - decoded.iat, 600)
  assert.deepStrictEqual(JWT.verify(encoded, publicKey), decoded)
  assert.deepStrictEqual(jose.JWT.verify(encoded, josePublicKey), decoded)
  assert.deepStrictEqual(kms.calls, [['sign', 'ES256']])
  // the seed's `alg: 'EC'` names the key type
  assert.strictEqual(customKey.kty, 'EC')
  assert.strictEqual(customKey.alg, undefined)
  assert.strictEqual(customKey.toPEM(), undefined)
})

test('examples/kms-custom-key.js runs, and jose 1.28.2 verifies its token with the public key', () => {
  const { execFileSync } = require('child_process')
  const path = require('path')
  const out = execFileSync(process.execPath, [path.join(__dirname, '..', 'examples', 'kms-custom-key.js')], { encoding: 'utf8' })
  const token = out.match(/^encoded : {2}(\S+)$/m)[1]
  assert.deepStrictEqual(decodeHeader(token), { kid: '12345678', alg: 'ES256' })
  assert.match(out, /^jose-native, public key: \{ iat: \d+, exp: \d+ \}$/m)
  assert.match(out, /^jose 1\.28\.2, public key: {2}\{ iat: \d+, exp: \d+ \}$/m)
  assert.match(out, /sub: 'async-client'/)
  assert.match(out, /JWT\.sign: this key's sign\(\) returned a Promise; use JWT\.signAsync$/m)
})

test('a custom key reads as any key: JWK.isKey, kid, use, key_ops, alg, kty, type', () => {
  const key = new KmsKey({ use: 'sig', ops: ['sign', 'verify', 'sign'], alg: 'ES256' })
  assert.ok(JWK.isKey(key))
  assert.ok(key instanceof JWK.Key)
  assert.ok(key instanceof JWK.CustomKey)
  assert.strictEqual(key.kid, 'kms-p256')
  assert.strictEqual(key.use, 'sig')
  assert.deepStrictEqual(key.key_ops, ['sign', 'verify'])
  assert.strictEqual(key.alg, 'ES256')
  assert.strictEqual(key.kty, 'EC')
  assert.strictEqual(key.type, 'private')
  assert.deepStrictEqual([key.private, key.public, key.secret], [true, false, false])
  assert.strictEqual(key.thumbprint, undefined)
  assert.strictEqual(key.keyObject, undefined)
  assert.deepStrictEqual(Object.keys(key).filter((k) => k !== 'kms'), ['alg', 'use', 'key_ops', 'kid', 'kty'])
  assert.throws(() => key.toJWK(), TypeError)

  const publicOnly = new KmsKey({ keyType: 'public' })
  assert.deepStrictEqual([publicOnly.type, publicOnly.private, publicOnly.public], ['public', false, true])
  const hmac = new (class extends KmsKey {
    algorithms () { return new Set(['HS256']) }
  })({ kty: undefined, alg: 'HS256' })
  assert.deepStrictEqual([hmac.kty, hmac.type, hmac.secret, hmac.alg], ['oct', 'secret', true, 'HS256'])
})

test('algorithms() is narrowed by key_ops, use, alg and the key type, as jose narrows any key', () => {
  const Everything = class extends KmsKey {
    algorithms () { return new Set(['ES256', 'ES384', 'RSA-OAEP']) }
  }
  assert.deepStrictEqual([...new Everything().algorithms('sign')], ['ES256', 'ES384', 'RSA-OAEP'])
  assert.deepStrictEqual([...new Everything({ ops: ['verify'] }).algorithms('sign')], [])
  assert.deepStrictEqual([...new Everything({ ops: ['verify'] }).algorithms('verify')], ['ES256', 'ES384', 'RSA-OAEP'])
  assert.deepStrictEqual([...new Everything({ use: 'enc' }).algorithms('verify')], [])
  assert.deepStrictEqual([...new Everything({ use: 'sig' }).algorithms('unwrapKey')], [])
  assert.deepStrictEqual([...new Everything({ alg: 'ES384' }).algorithms('sign')], ['ES384'])
  assert.deepStrictEqual([...new Everything({ alg: 'ES512' }).algorithms('sign')], [])
  assert.deepStrictEqual([...new Everything({ keyType: 'public' }).algorithms('sign')], [])
  assert.deepStrictEqual([...new Everything({ keyType: 'public' }).algorithms('verify')], ['ES256', 'ES384', 'RSA-OAEP'])
  assert.deepStrictEqual([...new Everything({ use: 'sig' }).algorithms()], ['ES256', 'ES384', 'RSA-OAEP'])
  assert.throws(() => new Everything().algorithms('nope'), { name: 'TypeError', message: 'invalid key operation' })
  const broken = new (class extends KmsKey { algorithms () { return 'ES256' } })()
  assert.throws(() => broken.algorithms('sign'), TypeError)
})

test('constructor options are checked as jose checks key parameters', () => {
  assert.throws(() => new JWK.CustomKey({ kty: 'EC' }), TypeError)
  assert.throws(() => new (class extends JWK.CustomKey {})({ kty: 'EC' }), /does not implement algorithms/)
  assert.throws(() => new KmsKey({ use: 'both' }), { name: 'TypeError', message: '`use` must be either "sig" or "enc" string when provided' })
  assert.throws(() => new KmsKey({ alg: '' }), { name: 'TypeError', message: '`alg` must be a non-empty string when provided' })
  assert.throws(() => new KmsKey({ kid: 7 }), { name: 'TypeError', message: '`kid` must be a non-empty string when provided' })
  assert.throws(() => new KmsKey({ ops: [] }), { name: 'TypeError', message: '`key_ops` must be a non-empty array of strings when provided' })
  assert.throws(() => new KmsKey({ use: 'enc', ops: ['sign'] }), errors.JWKInvalid)
  assert.throws(() => new KmsKey({ kty: 'DSA' }), TypeError)
  assert.throws(() => new KmsKey({ kty: undefined }), TypeError)
  assert.throws(() => new KmsKey({ keyType: 'secret' }), TypeError)
  assert.throws(() => new KmsKey({ keyType: 'symmetric' }), TypeError)
  // a key type given as `alg` must agree with `kty`
  assert.throws(() => new KmsKey({ kty: 'RSA', alg: 'EC' }), TypeError)
  assert.strictEqual(new KmsKey({ kty: undefined, alg: 'ES256' }).kty, 'EC')
  assert.strictEqual(new KmsKey({ kty: undefined, alg: 'PS256' }).kty, 'RSA')
  // the key type an alg implies comes from the algorithm tables: a name
  // that is no algorithm implies none
  assert.strictEqual(new KmsKey({ kty: undefined, alg: 'RSA-OAEP-256' }).kty, 'RSA')
  assert.strictEqual(new KmsKey({ kty: undefined, alg: 'EdDSA' }).kty, 'OKP')
  assert.strictEqual(new KmsKey({ kty: undefined, alg: 'HS512' }).type, 'secret')
  for (const alg of ['HS1', 'RSA-PSS', 'A128KW', 'ECDH-ES']) {
    assert.throws(() => new KmsKey({ kty: undefined, alg }), { name: 'TypeError', message: '`kty` must be "RSA", "EC", "OKP" or "oct" (or implied by `alg`)' })
  }
  // the messages name what was passed
  assert.throws(() => new KmsKey({ kty: 5, alg: 'EC' }), { name: 'TypeError', message: '`alg` names the key type EC, but `kty` is 5' })
  for (const length of [2047, 256, '2048', 2 ** 53, 2048.5]) {
    assert.throws(() => new KmsKey({ kty: 'RSA', length }), { name: 'TypeError', message: '`length` must be an RSA key\'s modulus length in bits (a multiple of 8, at least 512)' })
  }
  assert.strictEqual(new KmsKey({ kty: 'RSA', length: 3072 }).length, 3072)
  assert.throws(() => new KmsKey({ kty: 'oct', keyType: 'public' }), { name: 'TypeError', message: '`keyType` must be "secret" for an "oct" key, else "private" or "public"' })
  assert.throws(() => new KmsKey().algorithms(7), { name: 'TypeError', message: 'invalid key operation' })
  assert.throws(() => new KmsKey().algorithms(null), { name: 'TypeError', message: 'invalid key operation' })
})

test('a custom key\'s parameters fail as the same parameters of a JWK do (one check, in the core)', () => {
  const outcome = (fn) => {
    try {
      return { value: fn() }
    } catch (err) {
      return { name: err.constructor.name, code: err.code, message: err.message }
    }
  }
  const k = 'hJtXIZ2uSN5kbQfbtTNWbpdmhkV8FJG-Onbc6mxCcYg'
  const cases = [
    { use: 'both' }, { use: null }, { use: 1 }, { use: 'constructor' }, { alg: '' }, { alg: 5 }, { alg: null },
    { kid: 7 }, { kid: '' }, { kid: null }, { key_ops: [] }, { key_ops: 'sign' }, { key_ops: [1] }, { key_ops: null },
    { use: 'enc', key_ops: ['sign'] }, { use: 'sig', key_ops: ['sign', 'nope'] }, { use: 'both', alg: '' },
    { key_ops: ['verify', 'verify', 'x'] }
  ]
  for (const params of cases) {
    const { key_ops: ops, ...rest } = params
    const custom = outcome(() => new KmsKey({ ...rest, ops }).key_ops)
    const jwk = outcome(() => JWK.asKey({ kty: 'oct', k, ...params }).key_ops)
    assert.deepStrictEqual(custom, jwk, JSON.stringify(params))
  }
})

test('JWS.sign: compact, flattened and general, verified with the public key here and in jose', () => {
  const key = new KmsKey()
  const compact = JWS.sign({ hello: 'world' }, key)
  assert.deepStrictEqual(decodeHeader(compact), { alg: 'ES256' })
  assert.deepStrictEqual(JWS.verify(compact, publicKey), { hello: 'world' })
  assert.deepStrictEqual(jose.JWS.verify(compact, josePublicKey), { hello: 'world' })

  const flattened = JWS.sign.flattened('text', key, { typ: 'x' }, { note: 1 })
  assert.deepStrictEqual(flattened.header, { note: 1 })
  assert.strictEqual(JWS.verify(flattened, publicKey), 'text')
  assert.strictEqual(jose.JWS.verify(flattened, josePublicKey), 'text')

  const general = JWS.sign.general(Buffer.from('bytes'), key, undefined, { kid: key.kid })
  assert.strictEqual(general.signatures.length, 1)
  assert.deepStrictEqual(jose.JWS.verify(general, josePublicKey, { parse: false }), Buffer.from('bytes'))
  assert.deepStrictEqual(key.kms.calls, [['sign', 'ES256'], ['sign', 'ES256'], ['sign', 'ES256']])
})

test('the Sign class: a custom key beside native keys, each signature valid in jose', () => {
  const key = new KmsKey()
  const hmac = JWK.generateSync('oct', 256)
  const rsaKey = JWK.generateSync('RSA')
  const jws = new JWS.Sign({ sub: 'multi' })
    .recipient(hmac, { alg: 'HS256' })
    .recipient(key, { kid: key.kid })
    .recipient(rsaKey, undefined, { kid: rsaKey.kid })
    .sign('general')
  assert.strictEqual(jws.signatures.length, 3)
  const one = (i) => ({ payload: jws.payload, ...jws.signatures[i] })
  assert.deepStrictEqual(jose.JWS.verify(one(0), jose.JWK.asKey(hmac.toJWK(true))), { sub: 'multi' })
  assert.deepStrictEqual(jose.JWS.verify(one(1), josePublicKey), { sub: 'multi' })
  assert.deepStrictEqual(jose.JWS.verify(one(2), jose.JWK.asKey(rsaKey.toJWK())), { sub: 'multi' })
  assert.deepStrictEqual(JSON.parse(Buffer.from(jws.signatures[1].protected, 'base64url')), { kid: 'kms-p256', alg: 'ES256' })

  // b64: false applies to every signature, custom or native
  const unencoded = new JWS.Sign('$.02')
    .recipient(key, { alg: 'ES256', b64: false, crit: ['b64'] })
    .recipient(hmac, { alg: 'HS256', b64: false, crit: ['b64'] })
    .sign('general')
  assert.strictEqual(unencoded.payload, '$.02')
  assert.strictEqual(jose.JWS.verify({ payload: unencoded.payload, ...unencoded.signatures[0] }, josePublicKey, { crit: ['b64'] }), '$.02')
})

test('JWS.verify with a custom key: compact, flattened, general, complete', () => {
  const key = new KmsKey()
  const signer = JWK.asKey(ec.privateKey)
  const compact = JWS.sign({ a: 1 }, signer)
  assert.deepStrictEqual(JWS.verify(compact, key), { a: 1 })
  const complete = JWS.verify(compact, key, { complete: true })
  assert.strictEqual(complete.key, key)
  assert.deepStrictEqual(complete.protected, { alg: 'ES256' })

  const flattened = jose.JWS.sign.flattened('text', jose.JWK.asKey(ec.privateKey.export({ type: 'pkcs8', format: 'pem' })), undefined, { u: 1 })
  assert.strictEqual(JWS.verify(flattened, key), 'text')
  assert.deepStrictEqual(JWS.verify(flattened, key, { complete: true }).header, { u: 1 })

  // the custom key's signature is the second: the first is tried and fails
  const general = new JWS.Sign('payload').recipient(JWK.generateSync('EC')).recipient(signer).sign('general')
  assert.strictEqual(JWS.verify(general, key), 'payload')
  // two calls for the general JWS: the first signature is not the KMS key's
  assert.deepStrictEqual(key.kms.calls.map(([op]) => op), ['verify', 'verify', 'verify', 'verify', 'verify', 'verify'])
  assert.deepStrictEqual(JWS.verify(compact, key, { parse: false }), Buffer.from('{"a":1}'))
})

test('JWT.sign, JWT.verify and the IdToken profile with a custom key', () => {
  const key = new KmsKey()
  const now = new Date()
  const token = JWT.sign({ nonce: 'n-0S6_WzA2Mj' }, key, {
    issuer: 'https://op.example.com', audience: 'client', subject: 'user', expiresIn: '5m', now
  })
  assert.deepStrictEqual(decodeHeader(token), { alg: 'ES256', kid: 'kms-p256' })
  const claims = jose.JWT.verify(token, josePublicKey)
  assert.strictEqual(claims.sub, 'user')
  assert.deepStrictEqual(JWT.verify(token, key, { issuer: 'https://op.example.com' }), claims)
  const complete = JWT.verify(token, key, { complete: true })
  assert.strictEqual(complete.key, key)
  assert.deepStrictEqual(complete.header, { alg: 'ES256', kid: 'kms-p256' })
  assert.deepStrictEqual(
    JWT.IdToken.verify(token, key, { issuer: 'https://op.example.com', audience: 'client', nonce: 'n-0S6_WzA2Mj' }),
    claims
  )
  // claims are still checked after a custom key verified the signature
  assert.throws(() => JWT.IdToken.verify(token, key, { issuer: 'https://op.example.com', audience: 'client', nonce: 'other' }),
    { name: 'JWTClaimInvalid', claim: 'nonce' })
  assert.throws(() => JWT.verify(token, key, { now: new Date(now.getTime() + 3600000) }), errors.JWTExpired)
  assert.throws(() => JWT.verify(token, key, { algorithms: ['RS256'] }), errors.JOSEAlgNotWhitelisted)
})

test('a KeyStore of custom and native keys: selection by kid, alg and use', () => {
  const signing = new KmsKey({ kid: 'kms-sig', use: 'sig' })
  const encryption = new DecryptingKey()
  const es384 = new (class extends KmsKey {
    algorithms () { return new Set(['ES384']) }
  })({ kid: 'kms-384' })
  const native = JWK.generateSync('EC', 'P-256', { kid: 'native' })
  const hmac = JWK.generateSync('oct', 256, { kid: 'hmac' })
  const store = new JWKS.KeyStore(encryption, es384, native, signing, hmac)
  assert.strictEqual(store.get({ kid: 'kms-sig' }), signing)
  assert.deepStrictEqual(store.all({ alg: 'ES256' }), [native, signing])
  assert.deepStrictEqual(store.all({ use: 'enc', kty: 'RSA' }), [encryption])
  // a custom key has no JWK; the store still shows
  assert.match(require('util').inspect(store), /KmsKey \{[^}]*kid: 'kms-sig'/)
  assert.throws(() => store.toJWKS(), TypeError)

  // by kid: the custom key
  const byKid = JWS.sign({ by: 'kid' }, signing, { kid: 'kms-sig' })
  assert.strictEqual(JWS.verify(byKid, store, { complete: true }).key, signing)
  // by kid: the native key beside custom ones
  const nativeToken = JWT.sign({ by: 'native' }, native)
  assert.strictEqual(JWT.verify(nativeToken, store, { complete: true }).key, native)
  // by alg (no kid): ES256 candidates are the native key and the custom
  // one; the native key fails, the custom one verifies
  const byAlg = JWS.sign({ by: 'alg' }, signing)
  const result = JWS.verify(byAlg, store, { complete: true })
  assert.strictEqual(result.key, signing)
  assert.deepStrictEqual(result.payload, { by: 'alg' })
  // the encryption key (use: enc) is never asked to verify, nor the ES384 key
  assert.deepStrictEqual(encryption.unwrapped, [])
  assert.deepStrictEqual(es384.kms.calls, [])
  // a kid nothing has
  assert.throws(() => JWS.verify(JWS.sign('x', signing, { kid: 'nobody' }), store), errors.JWKSNoMatchingKey)
  // a JWT through the store, both ways round
  const token = JWT.sign({ sub: 'store' }, signing)
  assert.strictEqual(JWT.verify(token, store, { complete: true }).key, signing)
  // several candidates all failing: one verification failure, as jose
  const other = JWK.generateSync('EC', 'P-256')
  assert.throws(() => JWS.verify(JWS.sign('x', other), store), errors.JWSVerificationFailed)
})

test('Async twins with a Promise-returning KMS', async () => {
  const key = new AsyncKmsKey()
  const compact = await JWS.signAsync({ a: 'sync?' }, key)
  assert.deepStrictEqual(jose.JWS.verify(compact, josePublicKey), { a: 'sync?' })
  const flattened = await JWS.signAsync.flattened('f', key)
  assert.strictEqual(jose.JWS.verify(flattened, josePublicKey), 'f')
  const general = await new JWS.Sign('g').recipient(key).recipient(JWK.generateSync('oct')).signAsync('general')
  assert.strictEqual(jose.JWS.verify({ payload: general.payload, ...general.signatures[0] }, josePublicKey), 'g')
  assert.strictEqual(await JWS.verifyAsync(general, key), 'g')
  assert.deepStrictEqual(await JWS.verifyAsync(compact, key), { a: 'sync?' })

  const token = await JWT.signAsync({ sub: 'async' }, key, { expiresIn: '1m', audience: 'client', issuer: 'iss' })
  assert.strictEqual(jose.JWT.verify(token, josePublicKey).sub, 'async')
  assert.strictEqual((await JWT.verifyAsync(token, key)).sub, 'async')
  assert.strictEqual((await JWT.verifyAsync(token, new JWKS.KeyStore(JWK.generateSync('EC'), key), { complete: true })).key, key)
  const idToken = await JWT.signAsync({ nonce: 'n' }, key, { expiresIn: '1m', audience: 'client', issuer: 'iss', subject: 'u' })
  assert.strictEqual((await JWT.IdToken.verifyAsync(idToken, key, { issuer: 'iss', audience: 'client', nonce: 'n' })).sub, 'u')
  assert.deepStrictEqual(key.kms.calls.map(([op]) => op), ['sign', 'sign', 'sign', 'verify', 'verify', 'sign', 'verify', 'verify', 'sign', 'verify'])

  // a sync KMS works through the Async twins too
  const sync = new KmsKey()
  assert.strictEqual((await JWT.verifyAsync(await JWT.signAsync({ sub: 's' }, sync), sync)).sub, 's')
})

test('the unwrapKey hook decrypts RSA-OAEP, RSA-OAEP-256 and RSA1_5 JWEs, sync and async', async () => {
  for (const alg of ['RSA-OAEP', 'RSA-OAEP-256', 'RSA1_5']) {
    for (const enc of ['A128CBC-HS256', 'A256GCM']) {
      const ours = JWE.encrypt(`ours ${alg} ${enc}`, rsaPublic, { alg, enc })
      const theirs = jose.JWE.encrypt(`jose ${alg} ${enc}`, joseRsaPublic, { alg, enc, zip: 'DEF' })
      const key = new DecryptingKey()
      assert.strictEqual(JWE.decrypt(ours, key).toString(), `ours ${alg} ${enc}`)
      assert.strictEqual(JWE.decrypt(theirs, key).toString(), `jose ${alg} ${enc}`)
      const asyncKey = new AsyncDecryptingKey()
      assert.strictEqual((await JWE.decryptAsync(ours, asyncKey)).toString(), `ours ${alg} ${enc}`)
      assert.strictEqual((await JWE.decryptAsync(theirs, asyncKey)).toString(), `jose ${alg} ${enc}`)
      assert.deepStrictEqual(key.unwrapped, [alg, alg])
      assert.deepStrictEqual(asyncKey.unwrapped, [alg, alg])
    }
  }

  const key = new DecryptingKey()
  const flattened = JWE.encrypt.flattened('complete', rsaPublic, { alg: 'RSA-OAEP-256', enc: 'A128GCM' }, { kid: 'kms-rsa' }, 'aad')
  const complete = JWE.decrypt(flattened, key, { complete: true })
  assert.strictEqual(complete.key, key)
  assert.strictEqual(complete.cleartext.toString(), 'complete')
  assert.strictEqual(complete.cek.alg, 'A128GCM')
  assert.deepStrictEqual(complete.unprotected, { kid: 'kms-rsa' })
  // the same result as with the private key itself
  const native = JWE.decrypt(flattened, JWK.asKey(rsa.privateKey), { complete: true })
  assert.deepStrictEqual(Object.keys(complete), Object.keys(native))
  assert.deepStrictEqual({ ...complete, key: null, cek: null }, { ...native, key: null, cek: null })
  assert.strictEqual(complete.cek.k, native.cek.k)

  // a general JWE: the recipient for another key fails, the custom key's
  // recipient decrypts
  const general = new JWE.Encrypt('general', { enc: 'A128GCM' })
    .recipient(JWK.generateSync('RSA'), { alg: 'RSA-OAEP' })
    .recipient(rsaPublic, { alg: 'RSA1_5' })
    .encrypt('general')
  assert.strictEqual(JWE.decrypt(general, key).toString(), 'general')
  assert.strictEqual((await JWE.decryptAsync(general, new AsyncDecryptingKey())).toString(), 'general')

  // the options still apply
  assert.throws(() => JWE.decrypt(flattened, key, { algorithms: ['RSA1_5'] }), errors.JOSEAlgNotWhitelisted)
})

test('the unwrapKey hook cannot become an oracle: wrong or wrong-length CEKs end in one error', async () => {
  const jwe = (alg) => JWE.encrypt('x', rsaPublic, { alg, enc: 'A128CBC-HS256' })
  const answers = [Buffer.alloc(32), Buffer.alloc(5), Buffer.alloc(0), crypto.randomBytes(64)]
  for (const alg of ['RSA1_5', 'RSA-OAEP']) {
    for (const cek of answers) {
      const key = new DecryptingKey(() => cek)
      const err = thrown(() => JWE.decrypt(jwe(alg), key))
      assert.ok(err instanceof errors.JWEDecryptionFailed, `${alg} with a ${cek.length}-byte CEK`)
      assert.strictEqual(err.message, 'decryption operation failed')
      assert.ok((await rejection(JWE.decryptAsync(jwe(alg), new AsyncDecryptingKey(() => cek)))) instanceof errors.JWEDecryptionFailed)
    }
  }
  // a tampered Encrypted Key under RSA1_5: the KMS's random bytes, the same error
  const [h, , iv, ct, tag] = jwe('RSA1_5').split('.')
  const tampered = [h, Buffer.alloc(256, 7).toString('base64url'), iv, ct, tag].join('.')
  assert.throws(() => JWE.decrypt(tampered, new DecryptingKey()), errors.JWEDecryptionFailed)
})

test('decryption errors: algorithms the hook cannot do, keys without unwrapKey', () => {
  const key = new DecryptingKey()
  const kw = JWE.encrypt('x', JWK.generateSync('oct', 128), { alg: 'A128KW', enc: 'A128GCM' })
  assert.throws(() => JWE.decrypt(kw, key), { name: 'JWKKeySupport', message: 'the key does not support A128KW key management (decryption) algorithm' })
  const dir = JWE.encrypt('x', JWK.generateSync('oct', 128), { alg: 'dir', enc: 'A128GCM' })
  assert.throws(() => JWE.decrypt(dir, key), { name: 'JWKKeySupport', message: 'the key does not support A128GCM decrypt algorithm' })
  // a signing key has no unwrapKey: nothing to decrypt with
  const oaep = JWE.encrypt('x', rsaPublic, { alg: 'RSA-OAEP', enc: 'A128GCM' })
  assert.throws(() => JWE.decrypt(oaep, new KmsKey({ kty: 'RSA' })), errors.JWKKeySupport)
  // an RSA-OAEP the key does not list
  const onlyOaep256 = new (class extends DecryptingKey {
    algorithms () { return new Set(['RSA-OAEP-256']) }
  })()
  assert.throws(() => JWE.decrypt(oaep, onlyOaep256), { name: 'JWKKeySupport', message: 'the key does not support RSA-OAEP key management (decryption) algorithm' })
})

test('an algorithm the custom key does not list is JWKKeySupport', async () => {
  const key = new KmsKey()
  assert.throws(() => JWS.sign('x', key, { alg: 'ES384' }), { name: 'JWKKeySupport', message: 'the key does not support ES384 sign algorithm' })
  assert.ok((await rejection(JWT.signAsync({}, key, { algorithm: 'PS256' }))) instanceof errors.JWKKeySupport)
  const es384 = JWS.sign('x', JWK.generateSync('EC', 'P-384'))
  assert.throws(() => JWS.verify(es384, key), { name: 'JWKKeySupport', message: 'the key does not support ES384 verify algorithm' })
  assert.ok((await rejection(JWT.verifyAsync(JWT.sign({}, JWK.generateSync('EC', 'P-384')), key))) instanceof errors.JWKKeySupport)
  // an algorithm nobody implements is jose's JOSENotSupported
  assert.throws(() => JWS.sign('x', key, { alg: 'ES999' }), { name: 'JOSENotSupported', message: 'unsupported sign alg: ES999' })
  // `none` is JWK.None's alone, even when a custom key lists it
  const lax = new (class extends KmsKey { algorithms () { return new Set(['none', 'ES256']) } })()
  assert.throws(() => JWS.sign('x', lax, { alg: 'none' }), errors.JWKKeySupport)
  assert.throws(() => JWS.verify(JWS.sign('x', JWK.None), lax), errors.JWKKeySupport)
  assert.deepStrictEqual(key.kms.calls, [])
  assert.deepStrictEqual(lax.kms.calls, [])
  // an encryption key does not sign, as in jose
  assert.throws(() => JWS.sign('x', new KmsKey({ use: 'enc' }), { alg: 'ES256' }),
    { name: 'TypeError', message: 'a key with "use":"enc" is not usable for signing' })
})

test('sign() giving something other than bytes is a TypeError, and no token comes out', async () => {
  for (const bad of ['c2lnbmF0dXJl', 42, null, undefined, [1, 2, 3], {}]) {
    const key = new KmsKey({}, { sign: () => bad })
    assert.throws(() => JWS.sign('x', key), { name: 'TypeError', message: 'KmsKey#sign() must return the signature as a Buffer or Uint8Array' })
    assert.ok((await rejection(JWT.signAsync({}, key))) instanceof TypeError)
  }
  // a Uint8Array is bytes
  const plain = new KmsKey({}, { sign: (alg, data) => new Uint8Array(ecKms().sign(alg, data)) })
  assert.deepStrictEqual(jose.JWS.verify(JWS.sign({ ok: 1 }, plain), josePublicKey), { ok: 1 })
  // a DER-encoded ECDSA signature (what some KMSs return) is caught by its length
  const der = new KmsKey({}, { sign: (alg, data) => crypto.sign('sha256', data, ec.privateKey) })
  assert.throws(() => JWS.sign('x', der), { name: 'TypeError', message: /DER-encoded/ })
  // verify() must answer a boolean
  const truthy = new KmsKey({}, { verify: () => 'yes' })
  assert.throws(() => JWS.verify(JWS.sign('x', new KmsKey()), truthy), { name: 'TypeError', message: 'KmsKey#verify() must return a boolean' })
  // unwrapKey() answering anything but bytes ends as a wrong key does (an
  // answer an attacker could tell apart would be an oracle)
  const text = new DecryptingKey(() => 'cek')
  assert.throws(() => JWE.decrypt(JWE.encrypt('x', rsaPublic, { alg: 'RSA-OAEP' }), text),
    { name: 'JWEDecryptionFailed', message: 'decryption operation failed' })
})

test('a Promise given to a sync API is a TypeError naming the Async twin', async () => {
  const key = new AsyncKmsKey()
  const cases = [
    [() => JWS.sign('x', key), 'JWS.sign: this key\'s sign() returned a Promise; use JWS.signAsync'],
    [() => JWS.sign.flattened('x', key), 'JWS.sign.flattened: this key\'s sign() returned a Promise; use JWS.signAsync.flattened'],
    [() => JWS.sign.general('x', key), 'JWS.sign.general: this key\'s sign() returned a Promise; use JWS.signAsync.general'],
    [() => new JWS.Sign('x').recipient(key).sign('general'), 'JWS.Sign#sign: this key\'s sign() returned a Promise; use JWS.Sign#signAsync'],
    [() => JWT.sign({}, key), 'JWT.sign: this key\'s sign() returned a Promise; use JWT.signAsync'],
    [() => JWS.verify(JWS.sign('x', new KmsKey()), key), 'JWS.verify: this key\'s verify() returned a Promise; use JWS.verifyAsync'],
    [() => JWT.verify(JWT.sign({}, new KmsKey()), key), 'JWT.verify: this key\'s verify() returned a Promise; use JWT.verifyAsync'],
    [() => JWT.IdToken.verify(JWT.sign({}, new KmsKey()), new JWKS.KeyStore(key), { issuer: 'i', audience: 'a', nonce: 'n' }),
      'JWT.verify: this key\'s verify() returned a Promise; use JWT.verifyAsync'],
    [() => JWE.decrypt(JWE.encrypt('x', rsaPublic, { alg: 'RSA-OAEP' }), new AsyncDecryptingKey()),
      'JWE.decrypt: this key\'s unwrapKey() returned a Promise; use JWE.decryptAsync']
  ]
  for (const [fn, message] of cases) {
    assert.throws(fn, { name: 'TypeError', message })
  }
  // a Promise that rejects later is not left unhandled
  const failing = new KmsKey({}, { sign: () => Promise.reject(new Error('KMS down')) })
  assert.throws(() => JWS.sign('x', failing), TypeError)
  await later()
})

test('an exception from the user\'s code propagates unchanged, but for unwrapKey\'s', async () => {
  const outage = new Error('KMS unavailable')
  const down = { sign () { throw outage }, verify () { throw outage } }
  const key = new KmsKey({}, down)
  const token = JWT.sign({}, new KmsKey())
  assert.strictEqual(thrown(() => JWS.sign('x', key)), outage)
  assert.strictEqual(thrown(() => JWT.sign({}, key)), outage)
  assert.strictEqual(thrown(() => JWT.verify(token, key)), outage)
  assert.strictEqual(thrown(() => JWS.verify(token, key)), outage)
  // also from a KeyStore with other candidates, where jose would collect errors
  const twin = JWK.generateSync('EC', 'P-256', { kid: 'kms-p256' })
  assert.strictEqual(thrown(() => JWT.verify(token, new JWKS.KeyStore(new KmsKey({}, down), twin))), outage)
  const rejecting = new KmsKey({}, { sign: async () => { throw outage }, verify: async () => { throw outage } })
  assert.strictEqual(await rejection(JWT.signAsync({}, rejecting)), outage)
  assert.strictEqual(await rejection(JWT.verifyAsync(token, rejecting)), outage)
  assert.strictEqual(await rejection(JWS.signAsync.general('x', rejecting)), outage)
  // algorithms() is user code too
  const listing = new (class extends KmsKey { algorithms () { throw outage } })()
  assert.strictEqual(thrown(() => JWS.sign('x', listing)), outage)
})

test('verify() returning false is JWSVerificationFailed', async () => {
  const rejecting = new KmsKey({}, { verify: () => false })
  const token = JWT.sign({ sub: 'x' }, new KmsKey())
  assert.throws(() => JWT.verify(token, rejecting), { name: 'JWSVerificationFailed', message: 'signature verification failed' })
  assert.throws(() => JWS.verify(token, rejecting), errors.JWSVerificationFailed)
  assert.ok((await rejection(JWT.verifyAsync(token, new AsyncKmsKey({}, { verify: () => false })))) instanceof errors.JWSVerificationFailed)
  // the real KMS rejects a signature made by another key
  const forged = JWT.sign({ sub: 'x' }, JWK.generateSync('EC', 'P-256'))
  assert.throws(() => JWT.verify(forged, new KmsKey()), errors.JWSVerificationFailed)
  assert.ok((await rejection(JWT.verifyAsync(forged, new AsyncKmsKey()))) instanceof errors.JWSVerificationFailed)
  // and a tampered payload
  const [h, , s] = token.split('.')
  const tampered = [h, Buffer.from('{"sub":"admin"}').toString('base64url'), s].join('.')
  assert.throws(() => JWT.verify(tampered, new KmsKey()), errors.JWSVerificationFailed)
})

test('verification outcomes match the native public key\'s on well-formed and hostile input', async () => {
  const signer = JWK.asKey(ec.privateKey)
  const es384 = JWK.generateSync('EC', 'P-384')
  const hmac = JWK.generateSync('oct', 256)
  const valid = JWS.sign({ ok: true }, signer)
  const [h, p, s] = valid.split('.')
  const enc = (value) => Buffer.from(JSON.stringify(value)).toString('base64url')
  const inputs = [
    valid,
    [h, enc({ ok: false }), s].join('.'),
    [h, p, 'not*base64'].join('.'),
    [h, p, ''].join('.'),
    [enc({ alg: 'ES256', crit: ['exp'], exp: 1 }), p, s].join('.'),
    [enc({ typ: 'JWT' }), p, s].join('.'),
    [enc({ alg: 'XS256' }), p, s].join('.'),
    [enc({ alg: 'none' }), p, ''].join('.'),
    JWS.sign('x', es384),
    JWS.sign('x', JWK.None),
    JWS.sign.flattened('flat', signer, undefined, { kid: 'u' }),
    { ...JWS.sign.flattened('flat', signer, { kid: 'p' }), header: { kid: 'p' } },
    new JWS.Sign('g').recipient(es384).recipient(signer).sign('general'),
    new JWS.Sign('g').recipient(es384).recipient(hmac).sign('general'),
    new JWS.Sign('g').recipient(JWK.generateSync('EC')).recipient(JWK.generateSync('EC')).sign('general'),
    JWS.sign.general('$.02', signer, { b64: false, crit: ['b64'] }),
    'a.b',
    { payload: 'x' }
  ]
  const optionSets = [undefined, { algorithms: ['ES256'] }, { algorithms: ['PS256'] }, { crit: ['b64'] }, { complete: true }]
  const outcome = async (fn) => {
    try {
      const result = await fn()
      return { result: result && result.key ? { ...result, key: 'key' } : result }
    } catch (err) {
      return { error: err.constructor.name, message: err.message, inner: err.errors && err.errors.map((e) => e.constructor.name) }
    }
  }
  let compared = 0
  for (const input of inputs) {
    for (const options of optionSets) {
      const expected = await outcome(() => JWS.verify(input, publicKey, options))
      assert.deepStrictEqual(await outcome(() => JWS.verify(input, new KmsKey(), options)), expected, JSON.stringify([input, options]))
      assert.deepStrictEqual(await outcome(() => JWS.verifyAsync(input, new AsyncKmsKey(), options)), expected, JSON.stringify([input, options]))
      compared++
    }
  }
  assert.strictEqual(compared, inputs.length * optionSets.length)
})

test('JWT verification outcomes match the native public key\'s', async () => {
  const signer = JWK.asKey(ec.privateKey)
  const now = new Date(1700000000000)
  const tokens = [
    JWT.sign({ sub: 'a' }, signer, { now, expiresIn: '1h', audience: 'client', issuer: 'iss' }),
    JWT.sign({ sub: 'a' }, signer, { now, expiresIn: '1s', iat: false }),
    JWT.sign({ nonce: 'n', sub: 'a' }, signer, { now, expiresIn: '1h', audience: 'client', issuer: 'iss', header: { typ: 'JWT' } }),
    JWT.sign({ sub: 'a' }, JWK.generateSync('EC', 'P-384'), { now }),
    JWT.sign({ sub: 'a' }, JWK.generateSync('oct'), { now }),
    'e30.e30.e30',
    'not a token'
  ]
  const optionSets = [
    { now },
    { now: new Date(now.getTime() + 7200000) },
    { now, audience: 'other' },
    { now, issuer: 'iss', audience: 'client', profile: 'id_token', nonce: 'n' },
    { now, algorithms: ['ES256'], complete: true },
    { now, maxTokenAge: '1s' }
  ]
  const outcome = async (fn) => {
    try {
      const result = await fn()
      return { result: result && result.key ? { ...result, key: 'key' } : result }
    } catch (err) {
      return { error: err.constructor.name, message: err.message, claim: err.claim, reason: err.reason }
    }
  }
  for (const token of tokens) {
    for (const options of optionSets) {
      const expected = await outcome(() => JWT.verify(token, publicKey, options))
      const label = JSON.stringify([token, options])
      assert.deepStrictEqual(await outcome(() => JWT.verify(token, new KmsKey(), options)), expected, label)
      assert.deepStrictEqual(await outcome(() => JWT.verifyAsync(token, new AsyncKmsKey(), options)), expected, label)
    }
  }
})
