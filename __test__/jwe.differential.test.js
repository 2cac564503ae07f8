'use strict'

// JWE differential tests against jose@1.28.2: every alg x enc encrypted
// here decrypts there and the reverse, in every serialization; broken
// inputs fail with the same error class and code; the cost caps (p2c,
// inflated size) refuse fast with a typed error; the Async twins agree.
//
// RSA1_5: jose 1.28.2 cannot decrypt it on Node 20 (Node refuses PKCS#1
// v1.5 private decryption), so that direction is covered by this
// library's own round trip, and jose-encrypted RSA1_5 decrypts here.

const test = require('node:test')
const assert = require('assert')
const crypto = require('crypto')
const zlib = require('zlib')

const native = require('..')
const jose = require('jose')
const { thrown, outcome } = require('./helpers')

const ENCS = ['A128CBC-HS256', 'A192CBC-HS384', 'A256CBC-HS512', 'A128GCM', 'A192GCM', 'A256GCM']
const CEK_BITS = { 'A128CBC-HS256': 256, 'A192CBC-HS384': 384, 'A256CBC-HS512': 512, A128GCM: 128, A192GCM: 192, A256GCM: 256 }

// [alg, kty, size or curve]; `dir` keys are sized per enc.
const ALGS = [
  ['dir', 'oct', null],
  ['A128KW', 'oct', 128], ['A192KW', 'oct', 192], ['A256KW', 'oct', 256],
  ['A128GCMKW', 'oct', 128], ['A192GCMKW', 'oct', 192], ['A256GCMKW', 'oct', 256],
  ['PBES2-HS256+A128KW', 'oct', 160], ['PBES2-HS384+A192KW', 'oct', 160], ['PBES2-HS512+A256KW', 'oct', 160],
  ['RSA-OAEP', 'RSA', 2048], ['RSA-OAEP-256', 'RSA', 2048], ['RSA-OAEP-384', 'RSA', 2048], ['RSA-OAEP-512', 'RSA', 2048],
  ['RSA1_5', 'RSA', 2048],
  ['ECDH-ES', 'EC', 'P-256'], ['ECDH-ES+A128KW', 'EC', 'P-384'], ['ECDH-ES+A192KW', 'EC', 'P-521'], ['ECDH-ES+A256KW', 'OKP', 'X25519']
]
const CURVES = [['EC', 'P-256'], ['EC', 'P-384'], ['EC', 'P-521'], ['OKP', 'X25519'], ['OKP', 'X448']]

const CLEARTEXTS = ['plain text ✓', Buffer.from([0, 1, 2, 250, 255])]

// The same key in both libraries (and its public half, to encrypt with).
const cache = new Map()
function twins (kty, sizeOrCrv) {
  const id = `${kty} ${sizeOrCrv}`
  if (!cache.has(id)) {
    const theirs = jose.JWK.generateSync(kty, sizeOrCrv)
    const ours = native.JWK.asKey(theirs.toJWK(true))
    const pub = kty === 'oct' ? { ours, theirs } : { ours: native.JWK.asKey(theirs.toJWK()), theirs: jose.JWK.asKey(theirs.toJWK()) }
    cache.set(id, { ours, theirs, pub })
  }
  return cache.get(id)
}

const SERIALIZATIONS = ['compact', 'flattened', 'general']
const encrypter = (lib, form, async = false) => {
  const base = async ? lib.JWE.encryptAsync : lib.JWE.encrypt
  return form === 'compact' ? base : base[form]
}

for (const [alg, kty, size] of ALGS) {
  test(`${alg}: every enc, encrypted here and decrypted by jose, and back`, async () => {
    for (const enc of ENCS) {
      const k = twins(kty, alg === 'dir' ? CEK_BITS[enc] : size)
      const header = { alg, enc }
      for (const cleartext of CLEARTEXTS) {
        const expected = Buffer.from(cleartext)
        for (const form of SERIALIZATIONS) {
          const extra = form === 'compact' ? [] : [{ cty: 'x' }, 'some aad']
          const ours = encrypter(native, form)(cleartext, k.pub.ours, header, ...extra)
          if (alg !== 'RSA1_5') {
            assert.ok(jose.JWE.decrypt(ours, k.theirs).equals(expected), `${enc} ${form}: jose decrypts ours`)
          }
          assert.ok(native.JWE.decrypt(ours, k.ours).equals(expected), `${enc} ${form}: our own round trip`)

          const theirs = encrypter(jose, form)(cleartext, k.pub.theirs, header, ...extra)
          assert.ok(native.JWE.decrypt(theirs, k.ours).equals(expected), `${enc} ${form}: jose's decrypts here`)
          assert.ok((await native.JWE.decryptAsync(theirs, k.ours)).equals(expected), `${enc} ${form}: decryptAsync agrees`)
        }
      }
      const viaAsync = await native.JWE.encryptAsync.general('async', k.pub.ours, header)
      const check = alg === 'RSA1_5' ? native.JWE.decrypt(viaAsync, k.ours) : jose.JWE.decrypt(viaAsync, k.theirs)
      assert.strictEqual(check.toString(), 'async', `${enc}: encryptAsync output decrypts`)
    }
  })
}

test('ECDH-ES and ECDH-ES+A*KW on every curve, both directions', () => {
  for (const [kty, crv] of CURVES) {
    const k = twins(kty, crv)
    for (const alg of ['ECDH-ES', 'ECDH-ES+A128KW', 'ECDH-ES+A192KW', 'ECDH-ES+A256KW']) {
      const header = { alg, enc: 'A256GCM', apu: 'QWxpY2U', apv: 'Qm9i' }
      const ours = native.JWE.encrypt('ecdh', k.pub.ours, header)
      assert.strictEqual(jose.JWE.decrypt(ours, k.theirs).toString(), 'ecdh', `${crv} ${alg}`)
      const theirs = jose.JWE.encrypt('ecdh', k.pub.theirs, { alg, enc: 'A256GCM' })
      assert.strictEqual(native.JWE.decrypt(theirs, k.ours).toString(), 'ecdh', `${crv} ${alg} from jose`)
    }
  }
})

test('the alg and enc jose picks when no header names them', () => {
  for (const [kty, size] of [['oct', 128], ['oct', 256], ['oct', 512], ['RSA', 2048], ['EC', 'P-256'], ['OKP', 'X25519']]) {
    const k = twins(kty, size)
    const header = (jwe) => JSON.parse(Buffer.from(jwe.split('.')[0], 'base64url'))
    const ours = header(native.JWE.encrypt('x', k.pub.ours))
    const theirs = header(jose.JWE.encrypt('x', k.pub.theirs))
    assert.deepStrictEqual(Object.keys(ours), Object.keys(theirs), `${kty} ${size}`)
    assert.strictEqual(ours.alg, theirs.alg)
    assert.strictEqual(ours.enc, theirs.enc)
  }
})

test('JWE.Encrypt with several recipients, general serialization, both directions', async () => {
  const rsa = twins('RSA', 2048)
  const ec = twins('EC', 'P-256')
  const kw = twins('oct', 256)
  const pw = twins('oct', 160)
  const build = (lib, pick) => new lib.JWE.Encrypt('to many', { enc: 'A128GCM', zip: 'DEF' }, { cty: 'text/plain' }, 'aad')
    .recipient(pick(rsa), { kid: 'rsa' })
    .recipient(pick(ec))
    .recipient(pick(kw), { alg: 'A256GCMKW' })
    .recipient(pick(pw), { alg: 'PBES2-HS256+A128KW' })
  const ours = build(native, (k) => k.pub.ours).encrypt('general')
  assert.strictEqual(ours.recipients.length, 4)
  assert.strictEqual(ours.recipients[1].header.alg, 'ECDH-ES+A128KW')
  const theirs = build(jose, (k) => k.pub.theirs).encrypt('general')
  assert.deepStrictEqual(Object.keys(ours), Object.keys(theirs))
  for (const k of [rsa, ec, kw, pw]) {
    assert.strictEqual(jose.JWE.decrypt(ours, k.theirs).toString(), 'to many')
    assert.strictEqual(native.JWE.decrypt(theirs, k.ours).toString(), 'to many')
    const result = native.JWE.decrypt(ours, k.ours, { complete: true })
    assert.strictEqual(result.key, k.ours)
    assert.strictEqual(result.aad, Buffer.from('aad').toString('base64url'))
  }
  const asyncOut = await build(native, (k) => k.pub.ours).encryptAsync('general')
  assert.strictEqual(jose.JWE.decrypt(asyncOut, pw.theirs).toString(), 'to many')
  // the store's own key object comes back with complete
  const store = new native.JWKS.KeyStore(native.JWK.generateSync('oct', 256), kw.ours)
  assert.strictEqual(native.JWE.decrypt(ours, store, { complete: true }).key, kw.ours)
})

test('complete: true has jose\'s shape', async () => {
  const k = twins('oct', 256)
  const theirs = jose.JWE.encrypt.flattened('c', k.theirs, { enc: 'A128GCM' }, { u: 1 }, 'aad')
  const a = jose.JWE.decrypt(theirs, k.theirs, { complete: true })
  const b = native.JWE.decrypt(theirs, k.ours, { complete: true })
  const c = await native.JWE.decryptAsync(theirs, k.ours, { complete: true })
  for (const result of [b, c]) {
    assert.deepStrictEqual(Object.keys(result), Object.keys(a))
    assert.ok(result.cleartext.equals(a.cleartext))
    assert.strictEqual(result.key, k.ours)
    assert.deepStrictEqual(result.cek.toJWK(true), a.cek.toJWK(true))
    for (const member of ['aad', 'protected', 'unprotected']) assert.deepStrictEqual(result[member], a[member], member)
  }
})

test('KeyStore decryption picks by kid and algorithm', () => {
  const keys = [native.JWK.generateSync('oct', 128, { kid: 'one' }), native.JWK.generateSync('oct', 128, { kid: 'two' }),
    native.JWK.generateSync('RSA', 2048, { kid: 'two' }), native.JWK.generateSync('oct', 256, { kid: 'two', use: 'sig' })]
  const store = new native.JWKS.KeyStore(keys)
  const jwe = native.JWE.encrypt('s', keys[1], { kid: 'two' })
  assert.strictEqual(native.JWE.decrypt(jwe, store, { complete: true }).key, keys[1])
  const unknownKid = native.JWE.encrypt('s', keys[1], { kid: 'three' })
  assert.strictEqual(thrown(() => native.JWE.decrypt(unknownKid, store)).code, 'ERR_JWKS_NO_MATCHING_KEY')
  // no kid: every A128KW key is tried, the right one decrypts
  assert.strictEqual(native.JWE.decrypt(native.JWE.encrypt('t', keys[0]), store).toString(), 't')
})

// ------------------------------------------------------------- broken inputs

const b64 = (s) => Buffer.from(s).toString('base64url')
const SECRET = { kty: 'oct', k: b64('0123456789abcdef') } // 128 bits

// Reassembles a compact JWE with a new protected header (the tag no longer
// matches it, which the checks under test come before).
const withHeader = (jwe, header) => [b64(JSON.stringify(header)), ...jwe.split('.').slice(1)].join('.')
const flip = (s) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1)
const part = (jwe, i, value) => jwe.split('.').map((p, j) => (j === i ? value : p)).join('.')

// [name, (lib, key, sample) => [jwe, key, options]]; `sample` is a compact
// A128KW/A128GCM JWE for `key`.
const BAD_DECRYPT = [
  ['four segments', (lib, k) => ['a.b.c.d', k]],
  ['number input', (lib, k) => [42, k]],
  ['protected not base64url JSON', (lib, k, s) => [part(s, 0, '!!!'), k]],
  ['empty protected header', (lib, k, s) => [part(s, 0, ''), k]],
  ['protected JSON array', (lib, k, s) => [part(s, 0, b64('[]')), k]],
  ['no alg', (lib, k, s) => [withHeader(s, { enc: 'A128GCM' }), k]],
  ['no enc', (lib, k, s) => [withHeader(s, { alg: 'A128KW' }), k]],
  ['tag flipped', (lib, k, s) => [part(s, 4, flip(s.split('.')[4])), k]],
  ['ciphertext flipped', (lib, k, s) => [part(s, 3, flip(s.split('.')[3])), k]],
  ['encrypted key flipped', (lib, k, s) => [part(s, 1, flip(s.split('.')[1])), k]],
  ['iv of the wrong length', (lib, k, s) => [part(s, 2, 'AAAA'), k]],
  ['tag of the wrong length', (lib, k, s) => [part(s, 4, 'AAAA'), k]],
  ['alg not whitelisted', (lib, k, s) => [s, k, { algorithms: ['A256KW'] }]],
  ['dir allowlist names the alg instead of the enc', (lib, k) => [lib.JWE.encrypt('x', k, { alg: 'dir', enc: 'A128GCM' }), k, { algorithms: ['dir'] }]],
  ['algorithms not an array', (lib, k, s) => [s, k, { algorithms: 'A128KW' }]],
  ['crit option with an empty string', (lib, k, s) => [s, k, { crit: [''] }]],
  ['unknown crit', (lib, k) => [lib.JWE.encrypt('x', k, { crit: ['ext'], ext: 1 }), k]],
  ['crit not an array', (lib, k, s) => [withHeader(s, { alg: 'A128KW', enc: 'A128GCM', crit: 'ext' }), k]],
  ['alg the key cannot do', (lib, k, s) => [s, lib.JWK.generateSync('oct', 256)]],
  ['unknown alg', (lib, k, s) => [withHeader(s, { alg: 'A100KW', enc: 'A128GCM' }), k]],
  ['unknown enc', (lib, k, s) => [withHeader(s, { alg: 'A128KW', enc: 'A100GCM' }), k]],
  ['zip in the shared unprotected header', (lib, k) => [{ ...lib.JWE.encrypt.flattened('x', k), unprotected: { zip: 'DEF' } }, k]],
  ['zip other than DEF', (lib, k, s) => [withHeader(s, { alg: 'A128KW', enc: 'A128GCM', zip: 'GZIP' }), k]],
  ['overlapping headers', (lib, k) => [{ ...lib.JWE.encrypt.flattened('x', k, { enc: 'A128GCM' }), header: { enc: 'A128GCM' } }, k]],
  ['p2c of 2e8', (lib) => {
    const pw = lib.JWK.asKey(SECRET)
    const jwe = lib.JWE.encrypt('x', pw, { alg: 'PBES2-HS256+A128KW' })
    const header = JSON.parse(Buffer.from(jwe.split('.')[0], 'base64url'))
    return [withHeader(jwe, { ...header, p2c: 2e8 }), pw]
  }],
  ['p2c above a lowered maxPBES2Count', (lib) => {
    const pw = lib.JWK.asKey(SECRET)
    return [lib.JWE.encrypt('x', pw, { alg: 'PBES2-HS256+A128KW' }), pw, { maxPBES2Count: 100 }]
  }],
  ['key argument not a key', (lib, k, s) => [s, 42]],
  ['KeyStore without a usable key', (lib, k, s) => [s, new lib.JWKS.KeyStore(lib.JWK.generateSync('RSA', 1024))]],
  ['KeyStore with two wrong keys', (lib, k, s) => [s, new lib.JWKS.KeyStore(lib.JWK.generateSync('oct', 128), lib.JWK.generateSync('oct', 128))]],
  ['general JWE, every recipient the wrong key', (lib, k) => [
    new lib.JWE.Encrypt('x').recipient(lib.JWK.generateSync('oct', 128)).recipient(lib.JWK.generateSync('oct', 128)).encrypt('general'), k]],
  ['general JWE, no recipient usable by the key', (lib, k) => [
    new lib.JWE.Encrypt('x').recipient(lib.JWK.generateSync('oct', 256)).recipient(lib.JWK.generateSync('oct', 192)).encrypt('general'), k]],
  ['dir with a key of the wrong size', (lib, k) => [lib.JWE.encrypt('x', lib.JWK.generateSync('oct', 256), { alg: 'dir', enc: 'A256GCM' }), k]],
  ['EC public key', (lib) => {
    const ec = lib.JWK.generateSync('EC', 'P-256')
    return [lib.JWE.encrypt('x', ec), lib.JWK.asKey(ec.toJWK())]
  }],
  ['ECDH-ES epk off the curve', (lib) => {
    const ec = lib.JWK.generateSync('EC', 'P-256')
    const jwe = lib.JWE.encrypt('x', ec, { alg: 'ECDH-ES', enc: 'A128GCM' })
    const header = JSON.parse(Buffer.from(jwe.split('.')[0], 'base64url'))
    const y = Buffer.from(header.epk.y, 'base64url')
    y[31] ^= 1
    return [withHeader(jwe, { ...header, epk: { ...header.epk, y: y.toString('base64url') } }), ec]
  }],
  ['RSA1_5 encrypted key tampered', (lib) => {
    const rsa = twins('RSA', 2048)
    const key = lib === jose ? rsa.theirs : rsa.ours
    const jwe = lib.JWE.encrypt('x', key, { alg: 'RSA1_5' })
    return [part(jwe, 1, flip(jwe.split('.')[1])), key]
  }],
  ['flattened with a non-string iv', (lib, k) => [{ ...lib.JWE.encrypt.flattened('x', k), iv: 1 }, k]],
  ['JWK.None as the key', (lib, k, s) => [s, lib.JWK.None]]
]

for (const [name, make] of BAD_DECRYPT) {
  test(`decrypt refuses like jose: ${name}`, async () => {
    const args = (lib) => {
      const key = lib.JWK.asKey(SECRET)
      return make(lib, key, lib.JWE.encrypt('sample', key, { alg: 'A128KW', enc: 'A128GCM' }))
    }
    const expected = outcome(thrown(() => jose.JWE.decrypt(...args(jose))))
    const ourArgs = args(native)
    const actual = thrown(() => native.JWE.decrypt(...ourArgs))
    assert.deepStrictEqual(outcome(actual), expected, actual.message)
    const rejected = await native.JWE.decryptAsync(...ourArgs).then(() => null, (err) => err)
    assert.deepStrictEqual(outcome(rejected), expected, 'decryptAsync rejects the same way')
  })
}

test('decrypt reads loose base64url members as jose does', () => {
  // each member of a valid JWE in standard base64 with padding, or with a
  // character outside the alphabet: Node's decoder, which jose uses, reads
  // them; the tag then still matches where the protected header is intact
  const loosen = [
    (p) => Buffer.from(p, 'base64url').toString('base64'),
    (p) => `${p.slice(0, 2)}!${p.slice(2)}`,
    (p) => `${p}=`
  ]
  for (const [i, how] of loosen.entries()) {
    for (const member of [1, 2, 3, 4]) {
      const run = (lib) => {
        const key = lib.JWK.asKey(SECRET)
        const jwe = lib.JWE.encrypt('sample', key, { alg: 'A128KW', enc: 'A128GCM' })
        try {
          return { value: lib.JWE.decrypt(part(jwe, member, how(jwe.split('.')[member])), key).toString() }
        } catch (err) {
          return outcome(err)
        }
      }
      assert.deepStrictEqual(run(native), run(jose), `member ${member}, way ${i}`)
    }
  }
})

test('a multi error holds each recipient\'s error', () => {
  const jwe = new native.JWE.Encrypt('x').recipient(native.JWK.generateSync('oct', 256)).recipient(native.JWK.generateSync('oct', 192)).encrypt('general')
  const err = thrown(() => native.JWE.decrypt(jwe, native.JWK.asKey(SECRET)))
  assert.ok(err instanceof native.errors.JOSEMultiError)
  const inner = [...err]
  assert.strictEqual(inner.length, 2)
  assert.ok(inner.every((e) => e instanceof native.errors.JWKKeySupport))
})

// [name, (lib) => arguments of JWE.encrypt.flattened]
const BAD_ENCRYPT = [
  ['cleartext a number', (lib) => [1, lib.JWK.asKey(SECRET)]],
  ['protected header not an object', (lib) => ['x', lib.JWK.asKey(SECRET), 'alg']],
  ['aad a number', (lib) => ['x', lib.JWK.asKey(SECRET), undefined, undefined, 5]],
  ['signing key', (lib) => ['x', lib.JWK.generateSync('oct', 128, { use: 'sig' })]],
  ['alg the key cannot do', (lib) => ['x', lib.JWK.asKey(SECRET), { alg: 'A256KW' }]],
  ['unknown alg', (lib) => ['x', lib.JWK.asKey(SECRET), { alg: 'A100KW' }]],
  ['unknown enc', (lib) => ['x', lib.JWK.asKey(SECRET), { enc: 'A100GCM' }]],
  ['dir with a key of the wrong size', (lib) => ['x', lib.JWK.asKey(SECRET), { alg: 'dir', enc: 'A256GCM' }]],
  ['crit naming a missing parameter', (lib) => ['x', lib.JWK.asKey(SECRET), { crit: ['ext'] }]],
  ['crit naming a registered parameter', (lib) => ['x', lib.JWK.asKey(SECRET), { crit: ['enc'] }]],
  ['zip other than DEF', (lib) => ['x', lib.JWK.asKey(SECRET), { zip: 'GZIP' }]],
  ['zip unprotected', (lib) => ['x', lib.JWK.asKey(SECRET), undefined, { zip: 'DEF' }]],
  ['overlapping headers', (lib) => ['x', lib.JWK.asKey(SECRET), { enc: 'A128GCM' }, { enc: 'A128GCM' }]],
  ['EC key limited to signing', (lib) => ['x', lib.JWK.generateSync('EC', 'P-256', { key_ops: ['sign'] })]],
  ['Ed25519 key', (lib) => ['x', lib.JWK.generateSync('OKP', 'Ed25519')]],
  ['KeyStore as key', (lib) => ['x', new lib.JWKS.KeyStore()]],
  ['JWK.None', (lib) => ['x', lib.JWK.None]],
  ['JWK.EmbeddedJWK', (lib) => ['x', lib.JWK.EmbeddedJWK]]
]

for (const [name, make] of BAD_ENCRYPT) {
  test(`encrypt refuses like jose: ${name}`, async () => {
    const expected = outcome(thrown(() => jose.JWE.encrypt.flattened(...make(jose))))
    assert.deepStrictEqual(outcome(thrown(() => native.JWE.encrypt.flattened(...make(native)))), expected)
    const rejected = await native.JWE.encryptAsync.flattened(...make(native)).then(() => null, (err) => err)
    assert.deepStrictEqual(outcome(rejected), expected, 'encryptAsync rejects the same way')
  })
}

test('Encrypt class errors as jose: serialization name, recipients, single-recipient forms', () => {
  for (const lib of [jose, native]) {
    const key = lib.JWK.asKey(SECRET)
    const code = (fn) => thrown(fn).code
    assert.strictEqual(code(() => new lib.JWE.Encrypt('x').encrypt('general')), 'ERR_JWE_INVALID')
    assert.ok(thrown(() => new lib.JWE.Encrypt('x').recipient(key).encrypt('json')) instanceof TypeError)
    assert.ok(thrown(() => new lib.JWE.Encrypt('x').recipient(key, 'h')) instanceof TypeError)
    const two = () => new lib.JWE.Encrypt('x').recipient(key).recipient(key)
    assert.strictEqual(code(() => two().encrypt('compact')), 'ERR_JWE_INVALID')
    assert.strictEqual(code(() => two().encrypt('flattened')), 'ERR_JWE_INVALID')
    assert.strictEqual(code(() => new lib.JWE.Encrypt('x', { alg: 'dir' }).recipient(key).recipient(key).encrypt('general')), 'ERR_JWE_INVALID')
    assert.strictEqual(code(() => new lib.JWE.Encrypt('x', undefined, undefined, 'aad').recipient(key).encrypt('compact')), 'ERR_JWE_INVALID')
  }
})

// ----------------------------------------------------------------- cost caps

test('a 256 MiB deflate bomb is refused with a typed error, and maxInflatedSize raises the cap', async () => {
  const size = 256 * 1024 * 1024
  const compressed = zlib.deflateRawSync(Buffer.alloc(size), { level: 9 })
  assert.ok(compressed.length < 1024 * 1024)
  // A dir JWE around the compressed bytes, made with Node's AES-GCM.
  const secret = crypto.randomBytes(16)
  const key = native.JWK.asKey(secret)
  const protectedHeader = b64(JSON.stringify({ alg: 'dir', enc: 'A128GCM', zip: 'DEF' }))
  const iv = crypto.randomBytes(12)
  const cipher = crypto.createCipheriv('aes-128-gcm', secret, iv)
  cipher.setAAD(Buffer.from(protectedHeader))
  const ciphertext = Buffer.concat([cipher.update(compressed), cipher.final()])
  const jwe = [protectedHeader, '', iv.toString('base64url'), ciphertext.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.')

  const err = thrown(() => native.JWE.decrypt(jwe, key))
  assert.ok(err instanceof native.errors.JWEInvalid, err.message)
  const rejected = await native.JWE.decryptAsync(jwe, key).then(() => null, (e) => e)
  assert.ok(rejected instanceof native.errors.JWEInvalid)
  const tight = thrown(() => native.JWE.decrypt(native.JWE.encrypt('a'.repeat(1000), key, { zip: 'DEF' }), key, { maxInflatedSize: 999 }))
  assert.strictEqual(tight.code, 'ERR_JWE_INVALID')
  assert.strictEqual(native.JWE.decrypt(jwe, key, { maxInflatedSize: size }).length, size)
  assert.strictEqual(thrown(() => native.JWE.decrypt(jwe, key, { maxInflatedSize: -1 })).constructor, TypeError)
  // the option's one rule (jwe::inflate_cap): a positive integer or Infinity;
  // checked before the JWE is read, on every path
  const small = native.JWE.encrypt('a', key, { zip: 'DEF' })
  for (const value of [0, -1, 1.5, NaN, -Infinity, 2 ** 53, '1024', null, {}, [1], true, 1n]) {
    for (const input of [small, 'not a JWE']) {
      const err = thrown(() => native.JWE.decrypt(input, key, { maxInflatedSize: value }))
      assert.strictEqual(err.constructor, TypeError, String(value))
      assert.strictEqual(err.message, '"maxInflatedSize" option must be a positive integer')
      const rejected = await native.JWE.decryptAsync(input, key, { maxInflatedSize: value }).then(() => null, (e) => e)
      assert.strictEqual(rejected && rejected.message, err.message)
    }
  }
  for (const value of [1, 2 ** 53 - 1, Infinity, undefined]) {
    assert.strictEqual(native.JWE.decrypt(small, key, { maxInflatedSize: value }).toString(), 'a')
  }
})

test('a p2c of 2e8 is refused with a typed error, raising maxPBES2Count lets real counts through', async () => {
  const pw = native.JWK.asKey(SECRET)
  const jwe = native.JWE.encrypt('x', pw, { alg: 'PBES2-HS512+A256KW' })
  const header = JSON.parse(Buffer.from(jwe.split('.')[0], 'base64url'))
  const bomb = withHeader(jwe, { ...header, p2c: 2e8 })
  for (const options of [undefined, { maxPBES2Count: 1e5 }]) {
    assert.ok(thrown(() => native.JWE.decrypt(bomb, pw, options)) instanceof native.errors.JWEInvalid)
    const rejected = await native.JWE.decryptAsync(bomb, pw, options).then(() => null, (e) => e)
    assert.ok(rejected instanceof native.errors.JWEInvalid)
  }
  assert.strictEqual(native.JWE.decrypt(jwe, pw, { maxPBES2Count: header.p2c }).toString(), 'x')
  assert.strictEqual(thrown(() => native.JWE.decrypt(jwe, pw, { maxPBES2Count: header.p2c - 1 })).code, 'ERR_JWE_INVALID')
})
