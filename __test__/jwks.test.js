'use strict'

// JWKS.KeyStore: the same keys for the same queries as jose@1.28.2.

const test = require('node:test')
const assert = require('assert')

const { JWK, JWKS } = require('..')
const jose = require('jose')
const { thrown, outcome } = require('./helpers')

// One set of JWKs imported into both libraries, in the same order.
function twinStores () {
  const specs = [
    ['RSA', 2048, { use: 'sig', kid: 'rsa-sig' }],
    ['RSA', 2048, { use: 'enc' }],
    ['RSA', 1024, { alg: 'RS256' }],
    ['EC', 'P-256', { kid: 'shared' }],
    ['EC', 'P-384', { key_ops: ['verify'] }],
    ['EC', 'secp256k1', {}],
    ['OKP', 'Ed25519', { kid: 'shared', use: 'sig' }],
    ['OKP', 'X448', { use: 'enc' }],
    ['oct', 256, { alg: 'A256GCM' }],
    ['oct', 128, { key_ops: ['wrapKey', 'unwrapKey'] }]
  ]
  const jwks = { keys: specs.map(([kty, c, opts]) => jose.JWK.generateSync(kty, c, opts).toJWK(true)) }
  jwks.keys.push(jose.JWK.generateSync('EC', 'P-521', {}, false).toJWK())
  return { ours: JWKS.asKeyStore(jwks), theirs: jose.JWKS.asKeyStore(jwks), jwks }
}

const QUERIES = [
  undefined, {}, { kty: 'RSA' }, { kty: 'EC', crv: 'P-384' }, { crv: 'Ed25519' }, { kid: 'shared' },
  { kid: 'rsa-sig', use: 'enc' }, { alg: 'RS256' }, { alg: 'PS256' }, { alg: 'ES256K' }, { alg: 'EdDSA' },
  { alg: 'ECDH-ES' }, { alg: 'A256GCM' }, { alg: 'A128KW' }, { alg: 'HS256' }, { use: 'sig' }, { use: 'enc' },
  { key_ops: ['verify'] }, { key_ops: ['sign'] }, { key_ops: ['wrapKey'] }, { key_ops: ['deriveKey'], kty: 'OKP' },
  { use: 'sig', alg: 'RS256' }, { thumbprint: 'nope' }, { x5t: 'nope' }, { 'x5t#S256': 'nope' }, { kty: 'oct', use: 'enc' }
]

test('all() and get() return the same keys in the same order as jose', () => {
  const { ours, theirs } = twinStores()
  assert.strictEqual(ours.size, theirs.size)
  for (const query of QUERIES) {
    const mine = ours.all(query).map((k) => k.thumbprint)
    const ref = theirs.all(query).map((k) => k.thumbprint)
    assert.deepStrictEqual(mine, ref, JSON.stringify(query))
    assert.strictEqual(ours.get(query)?.thumbprint, theirs.get(query)?.thumbprint)
  }
  const some = theirs.all()[3]
  assert.strictEqual(ours.get({ thumbprint: some.thumbprint }).thumbprint, some.thumbprint)
})

test('toJWKS matches jose, public and private', () => {
  const { ours, theirs } = twinStores()
  assert.deepStrictEqual(ours.toJWKS(), theirs.toJWKS())
  assert.deepStrictEqual(ours.toJWKS(true), theirs.toJWKS(true))
})

test('add, remove, generate, generateSync, iteration and constructor forms', async () => {
  const a = JWK.generateSync('oct')
  const b = JWK.generateSync('EC')
  const store = new JWKS.KeyStore([a], b)
  assert.strictEqual(store.size, 2)
  store.add(a)
  assert.strictEqual(store.size, 2)
  store.remove(a)
  assert.deepStrictEqual([...store], [b])
  store.generateSync('OKP', 'Ed25519', { kid: 'g1' })
  await store.generate('RSA', 1024, { kid: 'g2' })
  assert.deepStrictEqual(store.all().map((k) => k.kid).slice(1), ['g1', 'g2'])
  assert.ok(new JWKS.KeyStore() instanceof JWKS.KeyStore)
  for (const bad of [() => new JWKS.KeyStore({}), () => store.add('x'), () => store.remove(null), () => store.all({ key_ops: 'sign' })]) {
    assert.ok(thrown(bad) instanceof TypeError)
  }
  assert.ok(thrown(() => new JWKS.KeyStore(JWK.None)) instanceof TypeError)
})

test('asKeyStore errors and ignoreErrors as jose', () => {
  const good = jose.JWK.generateSync('EC').toJWK()
  const bad = { kty: 'EC', crv: 'P-256', x: good.x }
  const unsupported = { kty: 'EC', crv: 'P-192', x: 'AA', y: 'AA' }
  for (const jwks of [undefined, {}, { keys: {} }, { keys: [1] }, { keys: [{}] }, { keys: [good, bad] }, { keys: [unsupported] }]) {
    assert.deepStrictEqual(outcome(thrown(() => JWKS.asKeyStore(jwks))), outcome(thrown(() => jose.JWKS.asKeyStore(jwks))))
  }
  assert.strictEqual(JWKS.asKeyStore({ keys: [good, bad, unsupported] }, { ignoreErrors: true }).size, 1)
  const { p, q, dp, dq, qi, ...bare } = jose.JWK.generateSync('RSA', 1024).toJWK(true)
  assert.strictEqual(JWKS.asKeyStore({ keys: [bare] }, { calculateMissingRSAPrimes: true }).get().p, p)
})

test('all() queries odd values, changed key sets and keys without material as jose does', () => {
  const { ours, theirs, jwks } = twinStores()
  const odd = [{ kid: 5 }, { kid: null }, { use: false }, { use: '' }, { alg: ['RS256'] }, { kty: {} }, { crv: 1n },
    { kid: Symbol('k') }, { thumbprint: null }, { use: 'sig', alg: '' }, { alg: 'RS256', use: 'sig', key_ops: ['verify'] }]
  const kids = (store, query) => store.all(query).map((key) => key.thumbprint)
  for (const query of odd) {
    assert.deepStrictEqual(kids(ours, query), kids(theirs, query), Object.keys(query).join())
  }
  // jose keeps the keys in the public `_keys`: a key added or a set
  // replaced there is found
  const extra = { kty: 'oct', k: 'AAAAAAAAAAAAAAAAAAAAAA', kid: 'extra' }
  ours._keys.add(JWK.asKey(extra))
  theirs._keys.add(jose.JWK.asKey(extra))
  assert.deepStrictEqual(kids(ours, { kid: 'extra' }), kids(theirs, { kid: 'extra' }))
  assert.strictEqual(ours.all({ kid: 'extra' }).length, 1)
  ours._keys = new Set([...ours._keys].slice(0, 2))
  assert.strictEqual(ours.all().length, 2)
  ours.remove([...ours][0])
  assert.strictEqual(ours.all().length, 1)
  // a reference `oct` key (no `k`): found by its kid, refusing its
  // thumbprint as jose does
  const reference = { kty: 'oct', kid: 'ref', use: 'sig' }
  const ourRef = JWKS.asKeyStore({ keys: [reference, jwks.keys[0]] })
  const theirRef = jose.JWKS.asKeyStore({ keys: [reference, jwks.keys[0]] })
  for (const query of [{ kid: 'ref' }, { use: 'sig' }, { alg: 'HS256' }, { thumbprint: 'x' }]) {
    assert.deepStrictEqual(outcome(() => ourRef.all(query).map((k) => k.kid)), outcome(() => theirRef.all(query).map((k) => k.kid)))
  }
})

test('a custom key in a store is asked for its algorithms only when a query names an alg', () => {
  let asked = 0
  class Kms extends JWK.CustomKey {
    algorithms () {
      asked++
      return new Set(['ES256'])
    }
  }
  const store = new JWKS.KeyStore(new Kms({ kty: 'EC', kid: 'kms' }), JWK.generateSync('EC', 'P-256', { kid: 'local' }))
  const before = asked
  assert.deepStrictEqual(store.all({ kid: 'kms' }).map((k) => k.kid), ['kms'])
  assert.deepStrictEqual(store.all({ kty: 'EC', use: 'sig' }).map((k) => k.kid), ['kms', 'local'])
  assert.strictEqual(asked, before)
  assert.deepStrictEqual(store.all({ alg: 'ES256' }).map((k) => k.kid), ['kms', 'local'])
  assert.ok(asked > before)
  assert.deepStrictEqual(store.all({ alg: 'ES384' }).map((k) => k.kid), [])
})
