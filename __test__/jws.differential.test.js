'use strict'

// JWS differential tests against jose@1.28.2: every algorithm in every
// serialization signed here verifies there and the reverse, and broken
// inputs fail with the same error class and code.

const test = require('node:test')
const assert = require('assert')

const native = require('..')
const jose = require('jose')
const { thrown, outcome } = require('./helpers')

const ALGS = [
  ['HS256', 'oct', 256], ['HS384', 'oct', 384], ['HS512', 'oct', 512],
  ['RS256', 'RSA', 2048], ['RS384', 'RSA', 2048], ['RS512', 'RSA', 2048],
  ['PS256', 'RSA', 2048], ['PS384', 'RSA', 2048], ['PS512', 'RSA', 2048],
  ['ES256', 'EC', 'P-256'], ['ES384', 'EC', 'P-384'], ['ES512', 'EC', 'P-521'], ['ES256K', 'EC', 'secp256k1'],
  ['EdDSA', 'OKP', 'Ed25519'], ['EdDSA', 'OKP', 'Ed448']
]

const PAYLOADS = [{ sub: 'john', n: 1 }, 'plain text ✓', Buffer.from([0, 1, 2, 250, 255])]

// The same key in both libraries.
function twins (kty, crvOrSize) {
  const theirs = jose.JWK.generateSync(kty, crvOrSize)
  return { theirs, ours: native.JWK.asKey(theirs.toJWK(true)) }
}

for (const [alg, kty, crvOrSize] of ALGS) {
  test(`${alg} (${kty} ${crvOrSize}): signed here, verified by jose, and back`, async () => {
    const { ours, theirs } = twins(kty, crvOrSize)
    for (const payload of PAYLOADS) {
      const expected = jose.JWS.verify(jose.JWS.sign(payload, theirs, { alg }), theirs, { parse: true })
      for (const form of ['compact', 'flattened', 'general']) {
        const signer = form === 'compact' ? native.JWS.sign : native.JWS.sign[form]
        const ourJws = signer(payload, ours, { alg, kid: ours.kid }, form === 'compact' ? undefined : { x: 1 })
        assert.deepStrictEqual(jose.JWS.verify(ourJws, theirs, { complete: true }).payload, expected, `${form} verifies in jose`)

        const joseSigner = form === 'compact' ? jose.JWS.sign : jose.JWS.sign[form]
        const theirJws = joseSigner(payload, theirs, { alg })
        assert.deepStrictEqual(native.JWS.verify(theirJws, ours), expected, `${form} from jose verifies here`)
        assert.deepStrictEqual(await native.JWS.verifyAsync(theirJws, ours), expected, 'verifyAsync agrees')
        const raw = native.JWS.verify(theirJws, ours, { parse: false })
        assert.deepStrictEqual(raw, jose.JWS.verify(theirJws, theirs, { parse: false }), 'parse: false gives the bytes')
      }
      const asyncJws = await native.JWS.signAsync(payload, ours, { alg })
      assert.deepStrictEqual(jose.JWS.verify(asyncJws, theirs), expected, 'signAsync output verifies in jose')
    }
  })
}

test('deterministic algorithms produce jose\'s exact bytes', () => {
  for (const [alg, kty, crv] of [['HS256', 'oct', 256], ['RS256', 'RSA', 2048], ['EdDSA', 'OKP', 'Ed25519'], ['EdDSA', 'OKP', 'Ed448']]) {
    const { ours, theirs } = twins(kty, crv)
    const payload = { iss: 'x', list: [1, 2] }
    assert.strictEqual(native.JWS.sign(payload, ours, { alg }), jose.JWS.sign(payload, theirs, { alg }), alg)
    assert.deepStrictEqual(native.JWS.sign.general(payload, ours, { alg }, { kid: 'k' }), jose.JWS.sign.general(payload, theirs, { alg }, { kid: 'k' }))
  }
  // alg from the key: its `alg`, else the first algorithm it can sign with
  const rsa = jose.JWK.generateSync('RSA', 2048)
  assert.strictEqual(native.JWS.sign('x', native.JWK.asKey(rsa.toJWK(true))).split('.')[0], jose.JWS.sign('x', rsa).split('.')[0])
  const pinned = jose.JWK.generateSync('oct', 256, { alg: 'HS384' })
  assert.strictEqual(native.JWS.sign('x', native.JWK.asKey(pinned.toJWK(true))), jose.JWS.sign('x', pinned))
})

test('JWS.Sign with several recipients, general serialization, both directions', () => {
  const a = twins('EC', 'P-256')
  const b = twins('oct', 256)
  const c = twins('OKP', 'Ed25519')
  const ours = new native.JWS.Sign({ multi: true })
    .recipient(a.ours, { alg: 'ES256' }, { kid: 'a' })
    .recipient(b.ours, undefined, { alg: 'HS256' })
    .recipient(c.ours)
    .sign('general')
  assert.strictEqual(ours.signatures.length, 3)
  for (const k of [a, b, c]) assert.deepStrictEqual(jose.JWS.verify(ours, k.theirs), { multi: true })
  const store = new native.JWKS.KeyStore(c.ours)
  assert.deepStrictEqual(native.JWS.verify(ours, store), { multi: true })
})

test('KeyStore verification picks by kid and alg, and returns the store\'s key with complete', () => {
  const keys = [native.JWK.generateSync('EC', 'P-256', { kid: 'one' }), native.JWK.generateSync('EC', 'P-256', { kid: 'two' }),
    native.JWK.generateSync('RSA', 2048, { kid: 'two', use: 'enc' }), native.JWK.generateSync('oct', 256, { kid: 'two' })]
  const store = new native.JWKS.KeyStore(keys)
  const jws = native.JWS.sign({ ok: 1 }, keys[1], { kid: 'two' })
  const result = native.JWS.verify(jws, store, { complete: true })
  assert.strictEqual(result.key, keys[1])
  const unknownKid = native.JWS.sign({ ok: 1 }, keys[1], { kid: 'three' })
  assert.deepStrictEqual(outcome(thrown(() => native.JWS.verify(unknownKid, store))), outcome(new native.errors.JWKSNoMatchingKey()))
  // no kid: every ES256 key is a candidate, the right one verifies
  assert.deepStrictEqual(native.JWS.verify(native.JWS.sign({ ok: 2 }, keys[0]), store), { ok: 2 })
})

test('JWK.None, EmbeddedJWK and EmbeddedX5C verification as jose', () => {
  const rsa = twins('RSA', 2048)
  const unsecured = native.JWS.sign('foobar', native.JWK.None)
  assert.strictEqual(unsecured, jose.JWS.sign('foobar', jose.JWK.None))
  assert.strictEqual(native.JWS.verify(unsecured, native.JWK.None), 'foobar')
  assert.deepStrictEqual(outcome(thrown(() => native.JWS.verify(unsecured, rsa.ours))), outcome(thrown(() => jose.JWS.verify(unsecured, rsa.theirs))))
  const signed = native.JWS.sign('x', rsa.ours)
  assert.deepStrictEqual(outcome(thrown(() => native.JWS.verify(signed, native.JWK.None))), outcome(thrown(() => jose.JWS.verify(signed, jose.JWK.None))))

  const withJwk = jose.JWS.sign({ e: 1 }, rsa.theirs, { jwk: rsa.theirs.toJWK() })
  const done = native.JWS.verify(withJwk, native.JWK.EmbeddedJWK, { complete: true })
  assert.deepStrictEqual(done.payload, { e: 1 })
  assert.strictEqual(done.key.thumbprint, rsa.theirs.thumbprint)
  const privateJwk = jose.JWS.sign({ e: 1 }, rsa.theirs, { jwk: rsa.theirs.toJWK(true) })
  assert.deepStrictEqual(outcome(thrown(() => native.JWS.verify(privateJwk, native.JWK.EmbeddedJWK))),
    outcome(thrown(() => jose.JWS.verify(privateJwk, jose.JWK.EmbeddedJWK))))

  const { readFileSync } = require('fs')
  const { join } = require('path')
  const certKey = jose.JWK.asKey(readFileSync(join(__dirname, 'fixtures', 'cert-key.pem')))
  const cert = jose.JWK.asKey(readFileSync(join(__dirname, 'fixtures', 'cert.pem'), 'utf8'))
  const withX5c = jose.JWS.sign({ c: 1 }, certKey, { x5c: cert.x5c })
  const viaX5c = native.JWS.verify(withX5c, native.JWK.EmbeddedX5C, { complete: true })
  assert.deepStrictEqual(viaX5c.payload, { c: 1 })
  assert.strictEqual(viaX5c.key.x5t, cert.x5t)
})

// Broken inputs: [name, () => [jws, key, options]] for verify.
const flip = (s) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1)
const BAD_VERIFY = [
  ['two segments', (k) => ['a.b', k]],
  ['four segments', (k) => ['a.b.c.d', k]],
  ['number input', (k) => [42, k]],
  ['header not base64url JSON', (k) => ['!!!.eyJ9.sig', k]],
  ['header JSON array', (k) => [`${b64('[]')}.e30.sig`, k]],
  ['no alg', (k) => [`${b64('{"typ":"JWT"}')}.e30.c2ln`, k]],
  ['bad signature', (k, s) => [s.replace(/\.[^.]+$/, (x) => '.' + flip(x.slice(1))), k]],
  ['alg not whitelisted', (k, s) => [s, k, { algorithms: ['RS256'] }]],
  ['algorithms not an array', (k, s) => [s, k, { algorithms: 'HS256' }]],
  ['crit option with empty string', (k, s) => [s, k, { crit: [''] }]],
  ['unknown crit', (k) => [signedWith(k, { alg: 'HS256', crit: ['foo'], foo: 1 }), k]],
  ['crit not an array', (k) => [signedWith(k, { alg: 'HS256', crit: 'foo' }), k]],
  ['b64 without acknowledging crit', (k) => [signedWith(k, { alg: 'HS256', crit: ['b64'], b64: false }, 'abc'), k]],
  ['alg the key cannot do', (k) => [signedWith(k, { alg: 'HS384' }), native.JWK.generateSync('EC')]],
  ['unknown alg', (k) => [`${b64('{"alg":"XX256"}')}.e30.c2ln`, k]],
  ['alg none with a real key', (k) => [`${b64('{"alg":"none"}')}.e30.`, k]],
  ['flattened with overlapping headers', (k) => [{ payload: 'e30', protected: b64('{"alg":"HS256"}'), header: { alg: 'HS256' }, signature: 'c2ln' }, k]],
  ['flattened missing signature', (k) => [{ payload: 'e30', protected: b64('{"alg":"HS256"}') }, k]],
  ['general with no signatures', (k) => [{ payload: 'e30', signatures: [] }, k]],
  ['general every signature bad', (k, s) => [{ payload: s.split('.')[1], signatures: [{ protected: s.split('.')[0], signature: flip(s.split('.')[2]) }, { protected: s.split('.')[0], signature: 'AAAA' }] }, k]],
  ['key argument not a key', (k, s) => [s, 42]],
  ['KeyStore without a usable key', (k, s) => [s, 'store']]
]
const b64 = (s) => Buffer.from(s).toString('base64url')
const SECRET = 'a very secret secret of enough length'
const signedWith = (key, protectedHeader, payload = '{}') => {
  const h = b64(JSON.stringify(protectedHeader))
  const input = `${h}.${protectedHeader.b64 === false ? payload : b64(payload)}`
  const sig = require('crypto').createHmac('sha256', Buffer.from(SECRET)).update(input).digest('base64url')
  return `${input}.${sig}`
}

for (const [name, make] of BAD_VERIFY) {
  test(`verify refuses like jose: ${name}`, async () => {
    const sample = jose.JWS.sign({}, jose.JWK.asKey(SECRET), { alg: 'HS256' })
    const resolve = (lib, args) => args.map((a) => (a === 'store' ? new lib.JWKS.KeyStore(lib.JWK.generateSync('RSA', 1024)) : a))
    const theirArgs = resolve(jose, make(jose.JWK.asKey(SECRET), sample))
    const ourArgs = resolve(native, make(native.JWK.asKey(SECRET), sample))
    const expected = outcome(thrown(() => jose.JWS.verify(...theirArgs)))
    const actual = thrown(() => native.JWS.verify(...ourArgs))
    assert.deepStrictEqual(outcome(actual), expected, actual.message)
    const rejected = await native.JWS.verifyAsync(...ourArgs).then(() => null, (err) => err)
    assert.deepStrictEqual(outcome(rejected), expected, 'verifyAsync rejects the same way')
  })
}

const BAD_SIGN = [
  ['payload a number', () => [1, 'k']],
  ['protected header not an object', () => ['x', 'k', 'alg']],
  ['encryption key', (lib) => ['x', lib.JWK.generateSync('oct', 256, { use: 'enc' })]],
  ['alg the key cannot do', (lib) => ['x', lib.JWK.generateSync('EC'), { alg: 'RS256' }]],
  ['unknown alg', (lib) => ['x', lib.JWK.generateSync('EC'), { alg: 'FOO' }]],
  ['public key', (lib) => ['x', lib.JWK.generateSync('EC', 'P-256', {}, false)]],
  ['KeyStore as key', (lib) => ['x', new lib.JWKS.KeyStore()]],
  ['X25519 key', (lib) => ['x', lib.JWK.generateSync('OKP', 'X25519')]],
  ['key_ops without sign', (lib) => ['x', lib.JWK.generateSync('oct', 256, { key_ops: ['verify'] })]],
  ['crit naming a missing parameter', (lib) => ['x', lib.JWK.asKey(SECRET), { alg: 'HS256', crit: ['exp'] }]],
  ['crit naming a registered parameter', (lib) => ['x', lib.JWK.asKey(SECRET), { alg: 'HS256', crit: ['alg'] }]],
  ['JWK.EmbeddedJWK as signing key', (lib) => ['x', lib.JWK.EmbeddedJWK]]
]

for (const [name, make] of BAD_SIGN) {
  test(`sign refuses like jose: ${name}`, async () => {
    const expected = outcome(thrown(() => jose.JWS.sign(...make(jose))))
    assert.deepStrictEqual(outcome(thrown(() => native.JWS.sign(...make(native)))), expected)
    const rejected = await native.JWS.signAsync(...make(native)).then(() => null, (err) => err)
    assert.deepStrictEqual(outcome(rejected), expected, 'signAsync rejects the same way')
  })
}

// Segments that are not canonical base64url, which jose reads with Node's
// forgiving decoder: padding, `=` inside, characters outside the alphabet.
test('verify reads loose base64url segments as jose does', () => {
  const cases = [
    ['payload with a character outside base64url', (h) => `${h}.${b64('{"a":1}').slice(0, 4)}!${b64('{"a":1}').slice(4)}`],
    ['payload with = inside', (h) => `${h}.YW=Jj`],
    ['payload in standard base64', (h) => `${h}.a+b/`],
    ['header with padding', () => `${b64('{"alg":"HS256"}')}=.e30`],
    ['header with a character outside base64url', () => `${b64('{"alg":"HS256"}')}*.e30`]
  ]
  for (const [name, input] of cases) {
    const signingInput = input(b64('{"alg":"HS256"}'))
    const signature = require('crypto').createHmac('sha256', Buffer.from(SECRET)).update(signingInput).digest('base64url')
    for (const token of [`${signingInput}.${signature}`, `${signingInput}.${signature}!`, `${signingInput}.${signature}==`]) {
      const run = (lib) => {
        try {
          return { value: lib.JWS.verify(token, lib.JWK.asKey(SECRET), { complete: true, parse: false }).payload }
        } catch (err) {
          return outcome(err)
        }
      }
      assert.deepStrictEqual(run(native), run(jose), `${name}: ${token}`)
    }
  }
})

test('JOSEMultiError where jose throws one: several keys or signatures failing for their own reasons', () => {
  const header = { alg: 'ES256', kid: 'k' }
  const ec = twins('EC', 'P-256')
  const jws = native.JWS.sign('x', ec.ours, header)
  // two candidate keys that both claim kid and alg but are RSA keys pinned to ES256: key support fails
  const build = (lib) => {
    const keys = [1, 2].map(() => lib.JWK.asKey(jose.JWK.generateSync('EC', 'P-256').toJWK(), { kid: 'k' }))
    return new lib.JWKS.KeyStore(keys)
  }
  // all keys fail verification: a plain JWSVerificationFailed
  assert.strictEqual(thrown(() => native.JWS.verify(jws, build(native))).code, thrown(() => jose.JWS.verify(jws, build(jose))).code)
  // general JWS whose signatures all need unsupported algorithms
  const general = { payload: 'eA', signatures: [{ protected: b64('{"alg":"XX1"}'), signature: 'AA' }, { protected: b64('{"alg":"XX2"}'), signature: 'AA' }] }
  const theirs = thrown(() => jose.JWS.verify(general, ec.theirs))
  const ours = thrown(() => native.JWS.verify(general, ec.ours))
  assert.deepStrictEqual(outcome(ours), outcome(theirs))
  assert.ok(ours instanceof native.errors.JOSEMultiError)
  assert.deepStrictEqual([...ours].map(outcome), [...theirs].map(outcome))
  assert.deepStrictEqual([...ours].map((e) => e.message), [...theirs].map((e) => e.message))
})

test('b64: false without crit is an ordinary header, as in jose', () => {
  const header = { alg: 'HS256', b64: false }
  const ours = native.JWS.sign('x.y', native.JWK.asKey(SECRET), header)
  assert.strictEqual(ours, jose.JWS.sign('x.y', jose.JWK.asKey(SECRET), header))
  assert.strictEqual(native.JWS.verify(ours, native.JWK.asKey(SECRET)), 'x.y')
})

test('Sign class errors as jose: serialization name, recipients, disjoint headers', () => {
  for (const lib of [jose, native]) {
    assert.ok(thrown(() => new lib.JWS.Sign('x').sign('compact')) instanceof lib.errors.JWSInvalid)
    assert.ok(thrown(() => new lib.JWS.Sign('x').recipient(SECRET).sign('nope')) instanceof TypeError)
    assert.ok(thrown(() => new lib.JWS.Sign('x').recipient(SECRET, { a: 1 }, { a: 2 })) instanceof lib.errors.JWSInvalid)
    const two = new lib.JWS.Sign('x').recipient(SECRET).recipient(SECRET)
    assert.strictEqual(thrown(() => two.sign('compact')).code, 'ERR_JWS_INVALID')
    assert.strictEqual(thrown(() => two.sign('flattened')).code, 'ERR_JWS_INVALID')
  }
})
