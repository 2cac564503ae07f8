'use strict'

// What real jose 1.x applications rely on beyond the documented calls: a
// KeyStore whose all() is their own (an OpenID provider adding a client's
// secret-derived keys lazily), RFC 7797 payloads as Buffers, and jose's
// deprecated members. Each case runs through jose 1.28.2 and jose-native
// alike and compares what comes out, including the calls made to all().

const test = require('node:test')
const assert = require('assert')
const crypto = require('crypto')

const native = require('..')
const jose = require('jose')
const { thrown, outcome } = require('./helpers')

const LIBS = [['jose', jose], ['native', native]]
const SECRET = crypto.randomBytes(32)
const k = SECRET.toString('base64url')

// A store whose all() adds the secret-derived key on its first call, then
// calls the original, logging every query: the provider's pattern.
function lazyStore (lib, log = []) {
  const store = new lib.JWKS.KeyStore()
  const original = store.all
  let added = false
  store.all = function (query) {
    log.push(JSON.parse(JSON.stringify(query)))
    if (!added) {
      added = true
      this.add(lib.JWK.asKey({ kty: 'oct', k }))
    }
    return original.call(this, query)
  }
  return store
}

// Runs fn with each library; returns [joseResult, nativeResult], each
// { value } or { error: outcome and message }.
async function both (fn) {
  const out = []
  for (const [, lib] of LIBS) {
    try {
      out.push({ value: await fn(lib) })
    } catch (err) {
      out.push({ error: { ...outcome(err), message: err.message } })
    }
  }
  return out
}

async function same (label, fn) {
  const [expected, actual] = await both(fn)
  assert.deepStrictEqual(actual, expected, label)
  return actual
}

test('the reproductions: a store whose all() adds the key when asked', async () => {
  const token = jose.JWT.sign({ sub: 'client' }, jose.JWK.asKey(SECRET), { algorithm: 'HS256' })
  const jws = jose.JWS.sign({ a: 1 }, jose.JWK.asKey(SECRET), { alg: 'HS256' })
  const dir = jose.JWE.encrypt('hi', jose.JWK.asKey(SECRET.subarray(0, 16)), { alg: 'dir', enc: 'A128GCM' })
  const kw = jose.JWE.encrypt('hi', jose.JWK.asKey(SECRET.subarray(0, 16)), { alg: 'A128KW', enc: 'A128GCM' })
  const short = SECRET.subarray(0, 16).toString('base64url')
  const lazyShort = (lib, log) => {
    const store = lazyStore(lib, log)
    const original = store.all
    store.all = function (query) {
      if (!this.size) this.add(lib.JWK.asKey({ kty: 'oct', k: short }))
      return original.call(this, query)
    }
    return store
  }
  const cases = {
    'JWT.verify': (lib, log) => lib.JWT.verify(token, lazyStore(lib, log)),
    'JWT.verifyAsync': (lib, log) => lib === jose ? jose.JWT.verify(token, lazyStore(lib, log)) : lib.JWT.verifyAsync(token, lazyStore(lib, log)),
    'JWT.verify complete': (lib, log) => {
      const result = lib.JWT.verify(token, lazyStore(lib, log), { complete: true })
      return [result.payload, result.key.kty, result.key.k === k]
    },
    'JWS.verify': (lib, log) => lib.JWS.verify(jws, lazyStore(lib, log)),
    'JWS.verifyAsync': (lib, log) => lib === jose ? jose.JWS.verify(jws, lazyStore(lib, log)) : lib.JWS.verifyAsync(jws, lazyStore(lib, log)),
    'JWE.decrypt dir': (lib, log) => lib.JWE.decrypt(dir, lazyShort(lib, log)).toString(),
    'JWE.decrypt A128KW': (lib, log) => lib.JWE.decrypt(kw, lazyShort(lib, log)).toString(),
    'JWE.decryptAsync A128KW': async (lib, log) => (await (lib === jose ? jose.JWE.decrypt(kw, lazyShort(lib, log)) : lib.JWE.decryptAsync(kw, lazyShort(lib, log)))).toString()
  }
  for (const [label, fn] of Object.entries(cases)) {
    const logs = [[], []]
    let i = 0
    const [expected, actual] = await both((lib) => fn(lib, logs[i++]))
    assert.ok(expected.value !== undefined, `${label}: jose succeeds`)
    assert.deepStrictEqual(actual, expected, label)
    assert.deepStrictEqual(logs[1], logs[0], `${label}: the queries all() was asked`)
  }
})

test('a subclass, an own property and a patched prototype are each asked', async () => {
  const token = jose.JWT.sign({ sub: 'x' }, jose.JWK.asKey(SECRET), { algorithm: 'HS256', kid: false })
  // a subclass overriding all, as a provider's ClientKeyStore does
  await same('subclass', (lib) => {
    const seen = []
    class ClientStore extends lib.JWKS.KeyStore {
      all (query) {
        seen.push(query)
        if (!this.size) this.add(lib.JWK.asKey(SECRET))
        return super.all(query)
      }
    }
    const store = new ClientStore()
    return [lib.JWT.verify(token, store), seen.length, store.get({ kty: 'oct' }).kty, seen.length]
  })
  // a patched prototype, restored afterwards
  for (const [, lib] of LIBS) {
    const original = lib.JWKS.KeyStore.prototype.all
    const seen = []
    lib.JWKS.KeyStore.prototype.all = function (query) {
      seen.push(query)
      return original.call(this, query)
    }
    try {
      const store = new lib.JWKS.KeyStore(lib.JWK.asKey(SECRET))
      assert.strictEqual(lib.JWT.verify(token, store).sub, 'x')
      assert.deepStrictEqual(seen.map((q) => q.key_ops), [['verify']])
    } finally {
      lib.JWKS.KeyStore.prototype.all = original
    }
  }
  // the built-in all keeps the native path and the same answers
  await same('built-in', (lib) => lib.JWT.verify(token, new lib.JWKS.KeyStore(lib.JWK.asKey(SECRET))))
})

test('keys from all() are tried in its order, with jose\'s errors', async () => {
  const other = crypto.randomBytes(32)
  const token = jose.JWT.sign({ sub: 'x' }, jose.JWK.asKey(SECRET), { algorithm: 'HS256' })
  const withKeys = (secrets) => (lib) => {
    const store = new lib.JWKS.KeyStore()
    store.all = () => secrets.map((s) => lib.JWK.asKey(s))
    return store
  }
  for (const [label, secrets] of Object.entries({
    none: [],
    'wrong only': [other],
    'two wrong': [other, other],
    'wrong then right': [other, SECRET],
    'right then wrong': [SECRET, other]
  })) {
    await same(`JWT ${label}`, (lib) => lib.JWT.verify(token, withKeys(secrets)(lib)))
    await same(`JWS ${label}`, (lib) => lib.JWS.verify(token, withKeys(secrets)(lib), { complete: true }).payload)
    const jwe = jose.JWE.encrypt('x', jose.JWK.asKey(SECRET), { alg: 'A256KW', enc: 'A128GCM' })
    await same(`JWE ${label}`, (lib) => lib.JWE.decrypt(jwe, withKeys(secrets)(lib)).toString())
  }
  // an exception from all() is the caller's
  const broken = new Error('store down')
  for (const [, lib] of LIBS) {
    const store = new lib.JWKS.KeyStore()
    store.all = () => { throw broken }
    assert.strictEqual(thrown(() => lib.JWT.verify(token, store)), broken)
  }
})

test('a general JWS and a general JWE ask all() once per signature and recipient, in order', async () => {
  const a = crypto.randomBytes(32)
  const b = crypto.randomBytes(32)
  const jws = new jose.JWS.Sign({ a: 1 })
    .recipient(jose.JWK.asKey(a, { kid: 'a' }), { alg: 'HS256', kid: 'a' })
    .recipient(jose.JWK.asKey(b, { kid: 'b' }), { alg: 'HS512', kid: 'b' })
    .sign('general')
  const jwe = new jose.JWE.Encrypt('x')
    .recipient(jose.JWK.asKey(a, { kid: 'a' }), { alg: 'A256KW', kid: 'a' })
    .recipient(jose.JWK.asKey(b, { kid: 'b' }), { alg: 'A256GCMKW', kid: 'b' })
    .encrypt('general')
  const logs = { jose: [], native: [] }
  const store = (lib, name) => {
    const s = new lib.JWKS.KeyStore(lib.JWK.asKey(b, { kid: 'b' }))
    const original = s.all
    s.all = function (query) {
      logs[name].push(query)
      return original.call(this, query)
    }
    return s
  }
  for (const [name, lib] of LIBS) {
    assert.deepStrictEqual(lib.JWS.verify(jws, store(lib, name)), { a: 1 })
    assert.strictEqual(lib.JWE.decrypt(jwe, store(lib, name)).toString(), 'x')
  }
  assert.deepStrictEqual(logs.native, logs.jose)
  assert.strictEqual(logs.jose.length, 4)
})

test('custom keys inside a store whose all() is overridden', async () => {
  class HmacKms extends native.JWK.CustomKey {
    constructor () {
      super({ kty: 'oct', kid: 'kms' })
    }

    algorithms () { return new Set(['HS256']) }
    sign (alg, data) { return crypto.createHmac('sha256', SECRET).update(data).digest() }
    verify (alg, data, signature) { return crypto.timingSafeEqual(this.sign(alg, data), signature) }
  }
  const token = jose.JWT.sign({ sub: 'x' }, jose.JWK.asKey(SECRET, { kid: 'kms' }), { algorithm: 'HS256', kid: true })
  const store = new native.JWKS.KeyStore()
  const seen = []
  store.all = (query) => {
    seen.push(query)
    return [new HmacKms()]
  }
  assert.strictEqual(native.JWT.verify(token, store).sub, 'x')
  assert.strictEqual((await native.JWT.verifyAsync(token, store)).sub, 'x')
  assert.deepStrictEqual(seen[0], { kid: 'kms', alg: 'HS256', key_ops: ['verify'] })
})

test('RFC 7797: Buffer payloads are signed, returned and verified as bytes', async () => {
  const bytes = Buffer.from([0xff, 0xfe, 0x00, 0x80, 0xc3, 0x28, 0x41])
  const header = { alg: 'HS256', b64: false, crit: ['b64'] }
  for (const [name, lib] of LIBS) {
    const key = lib.JWK.asKey(SECRET)
    const flattened = lib.JWS.sign.flattened(bytes, key, header)
    const general = lib.JWS.sign.general(bytes, key, header)
    const viaClass = new lib.JWS.Sign(bytes).recipient(key, header).sign('flattened')
    for (const jws of [flattened, general, viaClass]) {
      assert.ok(Buffer.isBuffer(jws.payload), `${name}: the payload stays a Buffer`)
      assert.deepStrictEqual(jws.payload, bytes)
    }
    if (lib === native) {
      const viaAsync = await native.JWS.signAsync.flattened(bytes, key, header)
      assert.ok(Buffer.isBuffer(viaAsync.payload))
      assert.strictEqual(viaAsync.signature, flattened.signature)
    }
  }
  // the same signatures, and each library verifies the other's JWS
  const josed = jose.JWS.sign.flattened(bytes, jose.JWK.asKey(SECRET), header)
  const natived = native.JWS.sign.flattened(bytes, native.JWK.asKey(SECRET), header)
  assert.strictEqual(natived.signature, josed.signature)
  for (const jws of [josed, natived, { payload: bytes, signatures: [{ protected: josed.protected, signature: josed.signature }] }]) {
    await same('verify', (lib) => {
      const out = lib.JWS.verify(jws, lib.JWK.asKey(SECRET), { crit: ['b64'], complete: true })
      return [Buffer.isBuffer(out.payload), Buffer.from(out.payload).toString('hex'), out.protected]
    })
  }
  // tampered bytes fail
  await same('tampered', (lib) => lib.JWS.verify({ ...josed, payload: Buffer.from([0xff]) }, lib.JWK.asKey(SECRET), { crit: ['b64'] }))
  // a string payload stays a string
  await same('string', (lib) => lib.JWS.sign.flattened('$.02', lib.JWK.asKey(SECRET), header).payload)
  // with b64 true, jose takes a Buffer payload's bytes as they are too
  const encoded = jose.JWS.sign.flattened({ hello: 'world' }, jose.JWK.asKey(SECRET), { alg: 'HS256' })
  await same('b64 true Buffer', (lib) => lib.JWS.verify({ ...encoded, payload: Buffer.from(encoded.payload) }, lib.JWK.asKey(SECRET)))
  await same('b64 true Buffer parse false', (lib) => lib.JWS.verify({ ...encoded, payload: Buffer.from(encoded.payload) }, lib.JWK.asKey(SECRET), { parse: false }).toString())
})

test('JWK.importKey and JWKS.KeyStore.fromJWKS: deprecated, hidden, warning once', async () => {
  const warnings = []
  const listener = (warning) => warnings.push(warning)
  process.on('warning', listener)
  try {
    const rsa = native.JWK.generateSync('RSA', 2048).toJWK(true)
    const { kty, e, n, d } = rsa
    for (const [, lib] of LIBS) {
      assert.ok(!Object.keys(lib.JWK).includes('importKey'))
      assert.ok(!Object.keys(lib.JWKS.KeyStore).includes('fromJWKS'))
      assert.strictEqual(typeof lib.JWK.importKey, 'function')
      assert.strictEqual(typeof lib.JWKS.KeyStore.fromJWKS, 'function')
    }
    // primes are computed, as with calculateMissingRSAPrimes
    await same('importKey without primes', (lib) => {
      const key = lib.JWK.importKey({ kty, e, n, d })
      return [key.kty, key.private, key.toJWK(true).p === rsa.p || key.toJWK(true).p === rsa.q]
    })
    await same('importKey PEM', (lib) => lib.JWK.importKey(native.JWK.asKey(rsa).toPEM()).thumbprint)
    await same('fromJWKS', (lib) => {
      const store = lib.JWKS.KeyStore.fromJWKS({ keys: [{ kty, e, n, d, kid: 'r' }] })
      return [store.size, store.get({ kid: 'r' }).private]
    })
    await same('asKey without primes', (lib) => lib.JWK.asKey({ kty, e, n, d }))
    await same('asKey third argument', (lib) => lib.JWK.asKey({ kty, e, n, d }, undefined, { calculateMissingRSAPrimes: true }).private)
    await new Promise((resolve) => setImmediate(resolve))
    const messages = warnings.filter((w) => w.name === 'DeprecationWarning').map((w) => w.message)
    for (const message of ['JWK.importKey() is deprecated, use JWK.asKey() instead', 'JWKS.KeyStore.fromJWKS() is deprecated, use JWKS.asKeyStore() instead']) {
      // once per library
      assert.strictEqual(messages.filter((m) => m === message).length, 2, message)
    }
  } finally {
    process.off('warning', listener)
  }
})
