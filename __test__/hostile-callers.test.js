'use strict'

// The security review's findings, each as an attacker or a careless caller
// would meet it: a KMS whose unwrap failures could be told apart (a padding
// oracle), headers whose `alg` is not a string, custom keys answering with
// signatures of the wrong length, and lone UTF-16 surrogates in options,
// headers and key parameters. Where jose 1.28.2 has the behaviour, both
// libraries get the same input and must give the same result or error.

const test = require('node:test')
const assert = require('assert')
const crypto = require('crypto')

const native = require('..')
const jose = require('jose')
const { thrown, outcome } = require('./helpers')

const { JWK, JWKS, JWS, JWT, JWE, errors } = native
const LIBS = [['jose', jose], ['native', native]]

const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 })
const rsaPublic = JWK.asKey(rsa.publicKey)
const later = () => new Promise((resolve) => setImmediate(resolve))

async function settled (fn) {
  try {
    return { value: await fn() }
  } catch (err) {
    return { error: err }
  }
}

// What a caller (and so an attacker) can see of a failure.
const visible = (err) => ({ ...outcome(err), message: err.message, cause: err.cause, keys: Object.keys(err) })

// ------------------------------------------------------------ unwrap oracle

// A KMS decrypting key whose unwrapKey is `unwrap`, recording what its
// onUnwrapError hook hears and when.
function kmsKey (unwrap, { hook = true } = {}) {
  class KmsDecrypter extends JWK.CustomKey {
    constructor () {
      super({ kty: 'RSA', use: 'enc', kid: 'kms' })
      this.heard = []
    }

    algorithms () { return new Set(['RSA-OAEP', 'RSA-OAEP-256', 'RSA1_5']) }
    unwrapKey (alg, encryptedKey) { return unwrap(alg, encryptedKey) }
  }
  if (hook) {
    KmsDecrypter.prototype.onUnwrapError = function (err) { this.heard.push(err) }
  }
  return new KmsDecrypter()
}

// A real KMS: Node's RSA decryption, which throws on bad OAEP padding.
function realUnwrap (alg, encryptedKey) {
  if (alg === 'RSA1_5') throw new Error('RSA1_5 not offered by this KMS')
  return crypto.privateDecrypt({ key: rsa.privateKey, oaepHash: alg === 'RSA-OAEP' ? 'sha1' : 'sha256' }, encryptedKey)
}

test('an unwrapKey failure of any kind ends exactly as a wrong key does', async () => {
  const outage = new Error('KMS: padding check failed')
  const behaviours = {
    throws: () => { throw outage },
    rejects: async () => { throw outage },
    'returns null': () => null,
    'returns text': () => 'not a key',
    'returns a short CEK': () => Buffer.alloc(3),
    'returns a wrong CEK': () => crypto.randomBytes(32)
  }
  for (const alg of ['RSA-OAEP', 'RSA-OAEP-256', 'RSA1_5']) {
    const jwe = JWE.encrypt('secret', rsaPublic, { alg, enc: 'A128CBC-HS256' })
    // the reference: a key that is simply wrong
    const wrong = JWK.generateSync('RSA', 2048)
    const reference = visible(thrown(() => JWE.decrypt(jwe, wrong)))
    assert.strictEqual(reference.name, 'JWEDecryptionFailed')
    for (const [label, unwrap] of Object.entries(behaviours)) {
      const key = kmsKey(unwrap)
      if (label !== 'rejects') {
        assert.deepStrictEqual(visible(thrown(() => JWE.decrypt(jwe, key))), reference, `${alg} ${label} (sync)`)
      }
      const outcomeAsync = await settled(() => JWE.decryptAsync(jwe, key))
      assert.deepStrictEqual(visible(outcomeAsync.error), reference, `${alg} ${label} (async)`)
    }
  }
})

test('onUnwrapError hears the original error, after the call, out of the caller\'s way', async () => {
  const outage = new Error('KMS unavailable')
  const key = kmsKey(() => { throw outage })
  const jwe = JWE.encrypt('x', rsaPublic, { alg: 'RSA-OAEP' })
  assert.throws(() => JWE.decrypt(jwe, key), errors.JWEDecryptionFailed)
  // not yet: the hook runs once the decrypt call is over
  assert.deepStrictEqual(key.heard, [])
  await later()
  assert.deepStrictEqual(key.heard, [outage])
  // a bad answer is reported as a TypeError naming the method
  const bad = kmsKey(() => 'nope')
  await settled(() => JWE.decryptAsync(jwe, bad))
  await later()
  assert.ok(bad.heard[0] instanceof TypeError)
  assert.match(bad.heard[0].message, /unwrapKey\(\) must return/)
  // a hook that throws or rejects changes nothing for anybody
  const noisy = kmsKey(() => { throw outage })
  noisy.onUnwrapError = () => { throw new Error('hook broke') }
  assert.throws(() => JWE.decrypt(jwe, noisy), errors.JWEDecryptionFailed)
  const rejecting = kmsKey(() => { throw outage })
  rejecting.onUnwrapError = async () => { throw new Error('hook rejected') }
  assert.throws(() => JWE.decrypt(jwe, rejecting), errors.JWEDecryptionFailed)
  await later()
  // without a hook it is silent
  assert.throws(() => JWE.decrypt(jwe, kmsKey(() => { throw outage }, { hook: false })), errors.JWEDecryptionFailed)
})

test('a real KMS: good padding decrypts, bad padding fails as a wrong key, and the search goes on', async () => {
  const key = kmsKey(realUnwrap)
  const good = JWE.encrypt('hello', rsaPublic, { alg: 'RSA-OAEP-256' })
  assert.strictEqual(JWE.decrypt(good, key).toString(), 'hello')
  assert.strictEqual((await JWE.decryptAsync(good, key)).toString(), 'hello')
  const [h, , iv, ct, tag] = good.split('.')
  const garbage = [h, crypto.randomBytes(256).toString('base64url'), iv, ct, tag].join('.')
  assert.deepStrictEqual(visible(thrown(() => JWE.decrypt(garbage, key))), visible(thrown(() => JWE.decrypt(good, JWK.generateSync('RSA')))))
  // a general JWE whose first recipient the KMS refuses: the second decrypts
  const general = new JWE.Encrypt('for two')
    .recipient(JWK.generateSync('RSA', 2048, { kid: 'someone-else' }), { alg: 'RSA-OAEP' })
    .recipient(rsaPublic, { alg: 'RSA-OAEP' })
    .encrypt('general')
  assert.strictEqual(JWE.decrypt(general, key).toString(), 'for two')
  assert.strictEqual((await JWE.decryptAsync(general, key)).toString(), 'for two')
  // inside a KeyStore, beside native keys
  const store = new JWKS.KeyStore(JWK.generateSync('RSA', 2048, { use: 'enc' }), key)
  assert.strictEqual(JWE.decrypt(good, store).toString(), 'hello')
  const { key: used } = JWE.decrypt(good, store, { complete: true })
  assert.strictEqual(used, key)
})

// ----------------------------------------------------------- non-string alg

test('an alg that is not a string is refused as jose refuses it', async () => {
  const secret = crypto.randomBytes(32)
  const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url')
  const hmac = (input) => crypto.createHmac('sha256', secret).update(input).digest('base64url')
  const compact = (alg) => {
    const input = `${b64({ alg })}.${b64({ sub: 'x' })}`
    return `${input}.${hmac(input)}`
  }
  const unprotected = (alg) => {
    const payload = b64({ sub: 'x' })
    return { payload, header: { alg }, signature: hmac(`.${payload}`) }
  }
  const embedded = (alg, lib) => {
    const jwk = lib.JWK.generateSync('EC').toJWK()
    const input = `${b64({ alg, jwk })}.${b64({ sub: 'x' })}`
    return `${input}.AAAA`
  }
  for (const alg of [['HS256'], [['HS256']], 5, true, { alg: 'HS256' }, ['HS256', 'HS512']]) {
    for (const [label, verify] of Object.entries({
      'JWS key': (lib) => lib.JWS.verify(compact(alg), lib.JWK.asKey(secret)),
      'JWS store': (lib) => lib.JWS.verify(compact(alg), new lib.JWKS.KeyStore(lib.JWK.asKey(secret))),
      'JWS unprotected': (lib) => lib.JWS.verify(unprotected(alg), lib.JWK.asKey(secret)),
      'JWS unprotected store': (lib) => lib.JWS.verify(unprotected(alg), new lib.JWKS.KeyStore(lib.JWK.asKey(secret))),
      'JWT key': (lib) => lib.JWT.verify(compact(alg), lib.JWK.asKey(secret)),
      'JWT store': (lib) => lib.JWT.verify(compact(alg), new lib.JWKS.KeyStore(lib.JWK.asKey(secret))),
      EmbeddedJWK: (lib) => lib.JWS.verify(embedded(alg, lib), lib.JWK.EmbeddedJWK)
    })) {
      const results = []
      for (const [, lib] of LIBS) {
        const err = thrown(() => verify(lib))
        results.push({ ...outcome(err), message: err.message })
      }
      assert.deepStrictEqual(results[1], results[0], `${JSON.stringify(alg)} ${label}`)
      assert.ok(['JOSENotSupported', 'JWKSNoMatchingKey', 'JWTClaimInvalid'].includes(results[0].name), `${label}: ${results[0].name}`)
    }
    // custom keys, which jose does not have, refuse it the same way
    class HmacKms extends JWK.CustomKey {
      constructor () { super({ kty: 'oct' }) }
      algorithms () { return new Set(['HS256']) }
      verify () { return true }
    }
    const message = `unsupported verify alg: ${String(alg)}`
    assert.throws(() => JWS.verify(compact(alg), new HmacKms()), { name: 'JOSENotSupported', message })
    assert.throws(() => JWT.verify(compact(alg), new HmacKms()), { name: 'JOSENotSupported', message })
    await assert.rejects(JWT.verifyAsync(compact(alg), new HmacKms()), { name: 'JOSENotSupported', message })
    assert.throws(() => JWS.verify(compact(alg), new JWKS.KeyStore(new HmacKms())), errors.JWKSNoMatchingKey)
    const asked = new JWKS.KeyStore()
    asked.all = () => [new HmacKms()]
    assert.throws(() => JWS.verify(compact(alg), asked), { name: 'JOSENotSupported', message })
  }
})

// ------------------------------------------------------- signature lengths

test('a custom key\'s signature must have its algorithm\'s length, never zero', async () => {
  const answering = (alg, kty, length, options = {}) => {
    class Fixed extends JWK.CustomKey {
      constructor () { super({ kty, ...options }) }
      algorithms () { return new Set([alg]) }
      sign () { return Buffer.alloc(length, 1) }
    }
    return new Fixed()
  }
  const cases = [
    ['HS256', 'oct', [32], [0, 31, 33, 64]],
    ['HS384', 'oct', [48], [0, 32, 64]],
    ['HS512', 'oct', [64], [0, 32, 63]],
    ['ES256', 'EC', [64], [0, 70, 72]],
    ['ES384', 'EC', [96], [0, 104]],
    ['ES512', 'EC', [132], [0, 139]],
    ['EdDSA', 'OKP', [64, 114], [0, 32, 65, 113]],
    ['RS256', 'RSA', [1, 256, 512], [0]],
    ['PS512', 'RSA', [256], [0]]
  ]
  for (const [alg, kty, good, bad] of cases) {
    for (const length of good) {
      const token = JWS.sign('x', answering(alg, kty, length))
      assert.strictEqual(Buffer.from(token.split('.')[2], 'base64url').length, length, `${alg} ${length}`)
    }
    for (const length of bad) {
      const key = answering(alg, kty, length)
      for (const sign of [() => JWS.sign('x', key), () => JWT.sign({}, key), () => JWS.sign.general('x', key)]) {
        const err = thrown(sign)
        assert.ok(err instanceof TypeError, `${alg} with ${length} bytes: ${err}`)
        assert.match(err.message, new RegExp(`sign\\(\\) returned (${length} bytes|an empty signature)`))
      }
      await assert.rejects(JWT.signAsync({}, key), TypeError)
    }
  }
  // an RSA key that declares its modulus is held to it
  for (const alg of ['RS256', 'PS256']) {
    assert.ok(JWS.sign('x', answering(alg, 'RSA', 256, { length: 2048 })))
    for (const length of [255, 257, 384, 1]) {
      assert.throws(() => JWS.sign('x', answering(alg, 'RSA', length, { length: 2048 })),
        { name: 'TypeError', message: `sign() returned ${length} bytes for ${alg}, whose signature is as long as the key's modulus, 256 bytes` })
    }
  }
})

// ---------------------------------------------------------- lone surrogates

test('lone surrogates round-trip through options, headers and keys as in jose', async () => {
  const secret = crypto.randomBytes(32)
  const k = secret.toString('base64url')
  const L = '\ud800'
  const cases = {
    'claims from options': (lib) => {
      const key = lib.JWK.asKey(secret)
      const token = lib.JWT.sign({ a: L, b: '\udfff\ud800' }, key, { subject: L, issuer: `x${L}`, jti: '\udc00', nonce: L, audience: [L, 'b'], header: { x: L }, iat: false })
      return [token, lib.JWT.verify(token, key, { subject: L, issuer: `x${L}`, jti: '\udc00', nonce: L, audience: L, complete: true })]
    },
    'a lone surrogate is not U+FFFD': (lib) => {
      const key = lib.JWK.asKey(secret)
      return lib.JWT.verify(lib.JWT.sign({}, key, { subject: L }), key, { subject: '\ufffd' })
    },
    'nor another surrogate': (lib) => {
      const key = lib.JWK.asKey(secret)
      return lib.JWT.verify(lib.JWT.sign({}, key, { subject: '\ud801' }), key, { subject: L })
    },
    'U+FFFD is not a lone surrogate': (lib) => {
      const key = lib.JWK.asKey(secret)
      return lib.JWT.verify(lib.JWT.sign({}, key, { issuer: '\ufffd' }), key, { issuer: L })
    },
    'plane 16 characters stay themselves': (lib) => {
      const key = lib.JWK.asKey(secret)
      const odd = '\u{10FFFF}\u{10F000}\u{10FFFF}'
      const token = lib.JWT.sign({ odd }, key, { subject: odd })
      return [token, lib.JWT.verify(token, key, { subject: odd }), thrown(() => lib.JWT.verify(token, key, { subject: L })).code]
    },
    'kid and key parameters': (lib) => {
      const key = lib.JWK.asKey({ kty: 'oct', k, kid: L, use: 'sig' })
      const ec = lib.JWK.generateSync('EC', 'P-256', { kid: `e${L}` })
      return [key.kid === L, key.toJWK(), ec.kid === `e${L}`, ec.toJWK().kid, key.thumbprint]
    },
    'a JWKS with such a kid': (lib) => {
      const store = lib.JWKS.asKeyStore({ keys: [{ kty: 'oct', k, kid: '\udc00' }, { kty: 'oct', k, kid: 'plain' }] })
      const token = lib.JWS.sign({ p: 1 }, store.get({ kid: '\udc00' }), { alg: 'HS256', kid: '\udc00' })
      return [store.size, store.toJWKS(true), token, lib.JWS.verify(token, store, { complete: true }).key.kid]
    },
    'JWS headers': (lib) => {
      const key = lib.JWK.asKey(secret)
      const jws = lib.JWS.sign.flattened({ p: L }, key, { alg: 'HS256', p: L }, { u: L })
      return [jws, lib.JWS.verify(jws, key, { complete: true })]
    },
    'JWE headers': (lib) => {
      const key = lib.JWK.asKey(secret)
      const jwe = lib.JWE.encrypt.flattened(`${L}x`, key, { alg: 'A256KW', enc: 'A128GCM', p: L }, { u: L })
      const out = lib.JWE.decrypt(jwe, key, { complete: true })
      return [out.cleartext.toString(), out.protected, out.unprotected]
    },
    'JWT.decode': (lib) => lib.JWT.decode(jose.JWT.sign({ s: L }, jose.JWK.asKey(secret), { header: { h: L } }), { complete: true })
  }
  for (const [label, fn] of Object.entries(cases)) {
    const results = []
    for (const [, lib] of LIBS) {
      const result = await settled(() => fn(lib))
      results.push(result.error ? { error: { ...outcome(result.error), message: result.error.message } } : result)
    }
    assert.deepStrictEqual(JSON.parse(JSON.stringify(results[1])), JSON.parse(JSON.stringify(results[0])), label)
  }
})
