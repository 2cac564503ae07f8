'use strict'

// Hostile input through every public entry point: thousands of mutated
// tokens, JSON serializations and keys (bit flips, truncation, swapped and
// dropped segments, hostile headers, deep nesting, huge strings, wrong types
// everywhere), sync and Async. Whatever arrives, the process stays up and
// every failure is a jose error class or a TypeError; a mutation that still
// verifies or decrypts must yield the original content; the sync and Async
// twins must agree. Deterministic: one seeded PRNG drives every choice.

const test = require('node:test')
const assert = require('assert')

const { JWK, JWKS, JWS, JWE, JWT, errors } = require('..')
const { vectors } = require('./helpers')

// mulberry32: small, fast, and the same sequence on every machine.
function prng (seed) {
  return () => {
    seed = (seed + 0x6D2B79F5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const rand = prng(0x4a4f5345)
const int = (n) => Math.floor(rand() * n)
const pick = (list) => list[int(list.length)]

// Nested objects built without recursion; JSON.parse makes them as easily.
function deep (levels, leaf = 1) {
  let value = leaf
  for (let i = 0; i < levels; i++) value = { a: value }
  return value
}
const deepArray = (levels) => JSON.parse('['.repeat(levels) + ']'.repeat(levels))

// base64url of a text as it is, or of a value's JSON.
function b64 (value) {
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return Buffer.from(text).toString('base64url')
}

// Big enough to matter, small enough to mutate thousands of times; the
// 'huge and deep' test below sends bigger and deeper values once each.
const HUGE = 'A'.repeat(256 << 10)

// Values of every type but the one expected.
const WRONG = [
  undefined, null, true, false, 0, -1, 1.5, 1e308, NaN, Infinity, '', 'x', '\u0000', '\ud800',
  [], [null], ['x'], {}, { a: 1 }, Buffer.alloc(0), Buffer.from('x'), Symbol('x'), () => {},
  deep(200), deepArray(1000), HUGE, new Date(0), Object.create(null)
]

// ---------------------------------------------------------------- keys

const c = vectors.cases
const hs = JWK.asKey(c['3.5'])
const rsaSig = JWK.asKey(c['3.4'])
const ecSig = JWK.asKey(c['3.2'])
const ed = JWK.asKey(c['A.4 rfc8037'].input.key)
const rsaEnc = JWK.asKey(c['5.1'].input.key)
const ecEnc = JWK.asKey(c['5.5'].input.key)
const dirKey = JWK.asKey(c['5.6'].input.key)
const kwKey = JWK.asKey(c['5.8'].input.key)
const gcmkwKey = JWK.asKey(c['5.7'].input.key)
const x25519 = JWK.generateSync('OKP', 'X25519')
const password = JWK.asKey(Buffer.from('hostile-password'))
const ALL_KEYS = [hs, rsaSig, ecSig, ed, rsaEnc, ecEnc, dirKey, kwKey, gcmkwKey, x25519, password]
const store = new JWKS.KeyStore(ALL_KEYS)

// ---------------------------------------------------------------- checks

function isJoseOrTypeError (err) {
  if (err instanceof errors.JOSEMultiError) return err.errors.length > 0 && err.errors.every(isJoseOrTypeError)
  return err instanceof errors.JOSEError || err instanceof TypeError
}

// A short printable form of any value, for failure messages.
function describe (value) {
  let text
  try {
    text = typeof value === 'string' ? value : JSON.stringify(value)
  } catch {
    text = Object.prototype.toString.call(value)
  }
  return typeof text === 'string' ? text.slice(0, 200) : typeof value
}

let outcomes = 0
// Runs fn; returns ['ok', value] or ['error', className], failing the test
// on any other kind of error.
function attempt (fn, context) {
  outcomes++
  try {
    return ['ok', fn()]
  } catch (err) {
    if (!isJoseOrTypeError(err)) {
      assert.fail(`${context()}: threw ${err && err.name}: ${err && err.message}`)
    }
    return ['error', err.constructor.name]
  }
}

// The Async twins run in batches; each must settle as its sync twin did.
const pending = []
function attemptAsync (fn, expected, context) {
  outcomes++
  let promise
  try {
    promise = Promise.resolve(fn())
  } catch (err) {
    promise = Promise.reject(err)
  }
  // messages are built only on failure: describing a value can be costly
  pending.push(promise.then(
    () => {
      if (expected[0] !== 'ok') assert.fail(`${context()}: Async resolved, sync threw ${expected[1]}`)
    },
    (err) => {
      if (!isJoseOrTypeError(err)) assert.fail(`${context()}: Async rejected with ${err && err.name}: ${err && err.message}`)
      if (expected[0] !== 'error' || expected[1] !== err.constructor.name) {
        assert.fail(`${context()}: sync ${expected.join(' ')}, Async ${err.constructor.name}`)
      }
    }
  ))
}

async function drain () {
  while (pending.length) await Promise.all(pending.splice(0))
}

// ---------------------------------------------------------------- mutations

const B64_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

function mutateString (s) {
  const at = int(s.length + 1)
  switch (int(10)) {
    case 0: { // flip one bit of one character
      if (!s.length) return 'A'
      const i = int(s.length)
      return s.slice(0, i) + String.fromCharCode(s.charCodeAt(i) ^ (1 << int(8))) + s.slice(i + 1)
    }
    case 1: return s.slice(0, at) // truncate
    case 2: return s.slice(0, at) + s.slice(at + 1 + int(16)) // drop a run
    case 3: return s.slice(0, at) + s.slice(at, at + int(64)).repeat(2 + int(3)) + s.slice(at) // duplicate a run
    case 4: return s.slice(0, at) + B64_CHARS[int(64)] + s.slice(at) // insert a base64url character
    case 5: return s.slice(0, at) + pick(['.', '=', '+', '/', ' ', '\n', '\u0000', '\u00e9', '\ud83d', '{', '"']) + s.slice(at)
    case 6: { // swap two segments
      const parts = s.split('.')
      const i = int(parts.length)
      const j = int(parts.length);
      [parts[i], parts[j]] = [parts[j], parts[i]]
      return parts.join('.')
    }
    case 7: { // drop or add a segment
      const parts = s.split('.')
      if (rand() < 0.5) parts.splice(int(parts.length), 1)
      else parts.splice(int(parts.length + 1), 0, pick(['', 'e30', b64(HUGE.slice(0, 100))]))
      return parts.join('.')
    }
    case 8: { // replace the first segment with a hostile header
      const parts = s.split('.')
      parts[0] = b64(pick(HEADER_TEXTS))
      return parts.join('.')
    }
    default: { // flip several bits
      let out = s
      for (let n = 1 + int(4); n > 0; n--) out = mutateString(out.length ? out : 'A')
      return out
    }
  }
}

// Mutates a JSON value in place somewhere (a member's value, a member gone,
// a new member, a header replaced), returning the value.
function mutateJson (value, headers, texts = HEADER_TEXTS) {
  const containers = []
  const walk = (v, depth) => {
    if (depth > 4 || !v || typeof v !== 'object') return
    containers.push(v)
    for (const child of Object.values(v)) walk(child, depth + 1)
  }
  walk(value, 0)
  const target = pick(containers)
  const keys = Object.keys(target)
  const key = Array.isArray(target) ? int(target.length + 1) : (keys.length && rand() < 0.8 ? pick(keys) : pick(['header', 'protected', 'kid', 'alg', 'crit', 'jwk', 'x5c', 'zip', 'p2c', 'epk', 'k', 'n']))
  switch (int(5)) {
    case 0: target[key] = pick(WRONG); break
    case 1: if (Array.isArray(target)) target.splice(key, 1); else delete target[key]; break
    case 2: target[key] = typeof target[key] === 'string' ? mutateString(target[key]) : pick(WRONG); break
    case 3: target[key] = pick(headers); break
    default: if (typeof value.protected === 'string' || rand() < 0.5) value.protected = b64(pick(texts))
  }
  return value
}

const clone = (v) => JSON.parse(JSON.stringify(v))

// ---------------------------------------------------------------- headers

// Headers as the JSON text an attacker sends (JSON.stringify cannot write
// the deepest ones), and as the objects JSON.parse makes of them.
const j = (v) => JSON.stringify(v)
const deepText = (levels) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels)
const deepArrayText = (levels) => '['.repeat(levels) + ']'.repeat(levels)

const JWS_HEADER_TEXTS = [
  j({ alg: 'none' }), j({ alg: 'NONE' }), j({ alg: '' }), j({ alg: null }), j({ alg: 1 }), j({ alg: ['HS256'] }), j({ alg: {} }),
  j({ alg: 'HS256', crit: ['unknown'] }), j({ alg: 'HS256', crit: ['b64'] }), j({ alg: 'HS256', crit: 'b64' }),
  j({ alg: 'HS256', crit: [] }), j({ alg: 'HS256', crit: ['alg'] }), j({ alg: 'HS256', crit: [1] }),
  j({ alg: 'HS256', b64: false }), j({ alg: 'HS256', b64: 'false', crit: ['b64'] }), j({ alg: 'HS256', b64: false, crit: ['b64'] }),
  `{"alg":"HS256","kid":${deepText(300)}}`, j({ alg: 'HS256', kid: HUGE }), j({ alg: 'HS256', kid: 1 }), j({ alg: 'HS256', kid: '' }),
  j({ alg: 'ES256', jwk: { kty: 'EC', crv: 'P-256', x: HUGE, y: 'AAAA' } }), j({ alg: 'ES256', jwk: { kty: 'oct', k: 'AAAA' } }),
  j({ alg: 'ES512', jwk: ecSig.toJWK(true) }), j({ alg: 'ES256', jwk: 'x' }), j({ alg: 'RS256', jwk: { kty: 'RSA', n: 'AQAB', e: 'AQAB' } }),
  j({ alg: 'ES256', x5c: ['AAAA'] }), j({ alg: 'ES256', x5c: 'x' }), j({ alg: 'ES256', x5c: [] }), j({ alg: 'ES256', x5c: [HUGE] }),
  `{"alg":"HS256","x":${deepText(1000)}}`, `{"alg":"HS256","x":${deepArrayText(129)}}`, deepArrayText(2000), '[]', '"x"', '1', 'null',
  '{"alg":"HS256","__proto__":{"alg":"none"}}', '{"alg":"HS256","constructor":"x","toString":1}', '{"alg":"HS256","alg":"none"}'
]

const JWE_HEADER_TEXTS = [
  j({ alg: 'PBES2-HS256+A128KW', enc: 'A128GCM', p2c: 1e9, p2s: 'AAAAAAAAAAAAAAAAAAAAAA' }),
  j({ alg: 'PBES2-HS256+A128KW', enc: 'A128GCM', p2c: '1e9', p2s: 'AAAAAAAAAAAAAAAAAAAAAA' }),
  j({ alg: 'PBES2-HS256+A128KW', enc: 'A128GCM', p2c: -1, p2s: 'AAAA' }), j({ alg: 'PBES2-HS256+A128KW', enc: 'A128GCM', p2c: 0 }),
  j({ alg: 'PBES2-HS256+A128KW', enc: 'A128GCM', p2c: 1000, p2s: HUGE }), j({ alg: 'PBES2-HS256+A128KW', enc: 'A128GCM', p2c: 1.5, p2s: '' }),
  j({ alg: 'ECDH-ES', enc: 'A128GCM', epk: { kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'AAAA' } }),
  j({ alg: 'ECDH-ES', enc: 'A128GCM', epk: { kty: 'OKP', crv: 'X25519', x: 'AAAA' } }), `{"alg":"ECDH-ES","enc":"A128GCM","epk":${deepText(500)}}`,
  j({ alg: 'ECDH-ES', enc: 'A128GCM', epk: ecSig.toJWK() }), j({ alg: 'ECDH-ES', enc: 'A128GCM', epk: 'x', apu: 1, apv: HUGE }),
  j({ alg: 'dir', enc: 'A128GCM', zip: 'DEF' }), j({ alg: 'dir', enc: 'A128GCM', zip: 'XYZ' }), j({ alg: 'dir', enc: 'A128GCM', zip: 1 }),
  j({ alg: 'A128GCMKW', enc: 'A128GCM', iv: '', tag: '' }), j({ alg: 'A128GCMKW', enc: 'A128GCM', iv: HUGE, tag: 1 }),
  j({ enc: 'A128GCM' }), j({ alg: 'RSA1_5', enc: 'A128CBC-HS256' }), j({ alg: 'dir', enc: 'A999GCM' }), j({ alg: 'dir', enc: null }),
  j({ alg: 'A128KW', enc: 'A128GCM', crit: ['exp'] }), j({ alg: 'A128KW', enc: 'A128GCM', crit: ['exp'], exp: 1 }),
  j({ alg: 'none', enc: 'A128GCM' }), j({ alg: 'dir', enc: ['A128GCM'] }), `{"alg":"dir","enc":"A128GCM","kid":${deepText(129)}}`
]

const JWS_HEADERS = JWS_HEADER_TEXTS.map((text) => JSON.parse(text))
const JWE_HEADERS = JWE_HEADER_TEXTS.map((text) => JSON.parse(text))
const HEADER_TEXTS = JWS_HEADER_TEXTS.concat(JWE_HEADER_TEXTS)

// ---------------------------------------------------------------- corpora

const PAYLOAD = 'It\u2019s a dangerous business, Frodo'
const PLAINTEXT = Buffer.from('You can trust us to stick with you through thick and thin')

function signed () {
  const list = []
  for (const [key, alg] of [[hs, 'HS256'], [rsaSig, 'PS256'], [ecSig, 'ES512'], [ed, 'EdDSA']]) {
    list.push({ jws: JWS.sign(PAYLOAD, key, { alg, kid: key.kid }), key })
    list.push({ jws: JWS.sign.flattened(PAYLOAD, key, { alg }, { kid: key.kid }), key })
    list.push({ jws: JWS.sign.general(PAYLOAD, key, { alg }), key })
  }
  list.push({ jws: JWS.sign(PAYLOAD, hs, { alg: 'HS256', b64: false, crit: ['b64'] }), key: hs, options: { crit: ['b64'] } })
  list.push({ jws: JWS.sign(PAYLOAD, JWK.None), key: JWK.None })
  list.push({ jws: JWS.sign(PAYLOAD, ecSig, { alg: 'ES512', jwk: ecSig.toJWK() }), key: JWK.EmbeddedJWK })
  const several = new JWS.Sign(PAYLOAD)
  several.recipient(hs, { alg: 'HS256' }).recipient(rsaSig, { alg: 'RS256' }, { kid: rsaSig.kid }).recipient(ed)
  list.push({ jws: several.sign('general'), key: store })
  return list
}

function encrypted () {
  const list = []
  for (const [key, alg, enc] of [
    [dirKey, 'dir', 'A128GCM'], [kwKey, 'A128KW', 'A128CBC-HS256'], [gcmkwKey, 'A256GCMKW', 'A256GCM'],
    [rsaEnc, 'RSA-OAEP', 'A256GCM'], [rsaEnc, 'RSA1_5', 'A128CBC-HS256'], [ecEnc, 'ECDH-ES', 'A128GCM'],
    [ecEnc, 'ECDH-ES+A256KW', 'A192CBC-HS384'], [x25519, 'ECDH-ES', 'A256GCM'], [password, 'PBES2-HS256+A128KW', 'A128GCM']
  ]) {
    list.push({ jwe: JWE.encrypt(PLAINTEXT, key, { alg, enc, kid: key.kid }), key })
    list.push({ jwe: JWE.encrypt.flattened(PLAINTEXT, key, { alg, enc }, { kid: key.kid }, 'aad'), key })
  }
  list.push({ jwe: JWE.encrypt(PLAINTEXT, kwKey, { alg: 'A128KW', enc: 'A128GCM', zip: 'DEF' }), key: kwKey })
  const several = new JWE.Encrypt(PLAINTEXT, { enc: 'A256GCM' }, { cty: 'text' }, 'aad')
  several.recipient(rsaEnc, { alg: 'RSA-OAEP-256' }).recipient(ecEnc, { alg: 'ECDH-ES+A128KW' }).recipient(kwKey)
  list.push({ jwe: several.encrypt('general'), key: store })
  return list
}

const VERIFY_OPTIONS = [undefined, {}, { crit: ['b64'] }, { algorithms: ['HS256', 'ES512'] }, { complete: true }, { parse: false }, { encoding: 'latin1' }]
const DECRYPT_OPTIONS = [undefined, {}, { maxPBES2Count: 5000 }, { maxInflatedSize: 1024 }, { complete: true }, { crit: ['exp'] }, { algorithms: ['dir', 'A128KW'] }]

// What a verification returned, as the payload's text.
function payloadText (result, options) {
  const payload = options && options.complete ? result.payload : result
  if (Buffer.isBuffer(payload)) return payload.toString(options && options.encoding)
  return typeof payload === 'string' ? payload : JSON.stringify(payload)
}

// ---------------------------------------------------------------- tests

test('mutated JWS through JWS.verify and verifyAsync', async () => {
  const corpus = signed()
  for (let i = 0; i < 3000; i++) {
    const { jws, key: own } = pick(corpus)
    const mutated = typeof jws === 'string' ? mutateString(jws) : mutateJson(clone(jws), JWS_HEADERS)
    const key = rand() < 0.7 ? own : pick([hs, rsaSig, store, JWK.None, JWK.EmbeddedJWK, JWK.EmbeddedX5C])
    const options = pick(VERIFY_OPTIONS)
    const context = () => `JWS.verify(${describe(mutated)}, ${key.kty || 'special'}, ${describe(options)})`
    const result = attempt(() => JWS.verify(mutated, key, options), context)
    // a signature that still verifies after mutation still vouches for the
    // original payload (JWK.None vouches for nothing)
    if (result[0] === 'ok' && key !== JWK.None && !(options && options.encoding)) {
      if (payloadText(result[1], options) !== PAYLOAD) assert.fail(`${context()}: verified another payload`)
    }
    if (i % 4 === 0) attemptAsync(() => JWS.verifyAsync(mutated, key, options), result, context)
    if (i % 200 === 0) await drain()
  }
  await drain()
})

test('mutated JWE through JWE.decrypt and decryptAsync', async () => {
  const corpus = encrypted()
  for (let i = 0; i < 3000; i++) {
    const { jwe, key: own } = pick(corpus)
    const mutated = typeof jwe === 'string' ? mutateString(jwe) : mutateJson(clone(jwe), JWE_HEADERS)
    const key = rand() < 0.7 ? own : pick([store, password, dirKey, rsaEnc, hs])
    const options = pick(DECRYPT_OPTIONS)
    const context = () => `JWE.decrypt(${describe(mutated)}, ${key.kty || 'store'}, ${describe(options)})`
    const result = attempt(() => JWE.decrypt(mutated, key, options), context)
    if (result[0] === 'ok') {
      const cleartext = options && options.complete ? result[1].cleartext : result[1]
      if (!PLAINTEXT.equals(cleartext)) assert.fail(`${context()}: decrypted to another cleartext`)
    }
    if (i % 4 === 0) attemptAsync(() => JWE.decryptAsync(mutated, key, options), result, context)
    if (i % 200 === 0) await drain()
  }
  await drain()
})

test('hostile headers and wrong types through JWS.sign and JWE.encrypt, sync and Async', async () => {
  const sigKeys = [hs, rsaSig, ecSig, ed, JWK.None, dirKey]
  const encKeys = [dirKey, kwKey, rsaEnc, ecEnc, x25519, password, hs]
  const payloads = [PAYLOAD, Buffer.from(PAYLOAD), { sub: 'x' }, deep(300), ...WRONG]
  for (let i = 0; i < 1500; i++) {
    const key = pick(sigKeys)
    const payload = pick(payloads)
    const protectedHeader = rand() < 0.7 ? pick(JWS_HEADERS) : pick(WRONG)
    const header = rand() < 0.8 ? undefined : pick(WRONG.concat(JWS_HEADERS))
    const form = pick(['compact', 'flattened', 'general'])
    const sign = form === 'compact' ? JWS.sign : JWS.sign[form]
    const signAsync = form === 'compact' ? JWS.signAsync : JWS.signAsync[form]
    const context = () => `JWS.sign.${form}(${describe(payload)}, ${key.kty || 'None'}, ${describe(protectedHeader)}, ${describe(header)})`
    const result = attempt(() => sign(payload, key, protectedHeader, header), context)
    if (i % 4 === 0) attemptAsync(() => signAsync(payload, key, protectedHeader, header), result, context)
  }
  for (let i = 0; i < 1500; i++) {
    const key = pick(encKeys)
    const cleartext = rand() < 0.7 ? PLAINTEXT : pick(WRONG)
    const protectedHeader = rand() < 0.7 ? pick(JWE_HEADERS) : pick(WRONG)
    const unprotected = rand() < 0.8 ? undefined : pick(WRONG.concat(JWE_HEADERS))
    const aad = rand() < 0.8 ? undefined : pick(WRONG)
    const form = pick(['compact', 'flattened', 'general'])
    const encrypt = form === 'compact' ? JWE.encrypt : JWE.encrypt[form]
    const encryptAsync = form === 'compact' ? JWE.encryptAsync : JWE.encryptAsync[form]
    const context = () => `JWE.encrypt.${form}(${describe(cleartext)}, ${key.kty}, ${describe(protectedHeader)}, ${describe(unprotected)})`
    const result = attempt(() => encrypt(cleartext, key, protectedHeader, unprotected, aad), context)
    if (result[0] === 'ok') {
      // whatever was accepted must decrypt back
      const back = attempt(() => JWE.decrypt(result[1], key, { crit: ['exp'] }), context)
      if (back[0] !== 'ok' || !Buffer.from(cleartext).equals(back[1])) assert.fail(`${context()}: does not decrypt back`)
    }
    if (i % 4 === 0) attemptAsync(() => encryptAsync(cleartext, key, protectedHeader, unprotected, aad), result, context)
  }
  await drain()
})

// Claims an attacker controls, and options a caller might pass.
const CLAIM_VALUES = [
  { sub: 'x', iat: 1700000000, exp: 4102444800 }, { exp: 1 }, { nbf: 4102444800 }, { iat: 'x' }, { exp: '1' },
  { aud: [1, null] }, { aud: deep(100) }, { iss: HUGE }, { nonce: 1 }, { auth_time: -1 }, { jti: [] }, { azp: {} },
  { events: deep(120) }, { sid: 1 }, { client_id: null }, { exp: 1e308 }, { iat: -1e308 }, { exp: 0.5 }
]
const JWT_OPTIONS = [
  undefined, {}, { audience: 'a', issuer: 'i' }, { maxTokenAge: '1h' }, { maxTokenAge: '1e9 years' },
  { clockTolerance: '5 s' }, { profile: 'id_token', issuer: 'i', audience: 'a', nonce: 'n', maxAuthAge: '1h' },
  { profile: 'at+JWT', issuer: 'i', audience: 'a' }, { profile: 'logout_token', issuer: 'i', audience: 'a' },
  { ignoreExp: true, ignoreNbf: true }, { typ: 'JWT' }, { now: new Date(NaN) }, { complete: true },
  { algorithms: ['HS256'] }, { crit: ['b64'] }, { profile: 'unknown' }, { maxTokenAge: HUGE }, { clockTolerance: 1 }
]

test('mutated JWTs and hostile claims through JWT.verify, decode and sign, sync and Async', async () => {
  const tokens = CLAIM_VALUES.map((claims) => JWS.sign(claims, hs, { alg: 'HS256', typ: 'JWT' }))
    .concat([JWT.sign({ sub: 'x' }, rsaSig, { algorithm: 'PS256', expiresIn: '1 h', audience: 'a', issuer: 'i' })])
  const verifiers = [JWT, JWT.IdToken, JWT.AccessToken, JWT.LogoutToken]
  for (let i = 0; i < 2000; i++) {
    const token = rand() < 0.3 ? pick(tokens) : mutateString(pick(tokens))
    const key = pick([hs, rsaSig, store, JWK.None])
    const options = pick(JWT_OPTIONS)
    const verifier = pick(verifiers)
    const context = () => `JWT.verify(${describe(token)}, ${key.kty || 'special'}, ${describe(options)})`
    const result = attempt(() => verifier.verify(token, key, options), context)
    if (i % 4 === 0) attemptAsync(() => verifier.verifyAsync(token, key, options), result, context)
    attempt(() => JWT.decode(token, { complete: rand() < 0.5 }), () => `JWT.decode(${describe(token)})`)
    if (i % 200 === 0) await drain()
  }
  const SIGN_OPTIONS = [
    undefined, {}, { expiresIn: '1 h' }, { expiresIn: 'x' }, { expiresIn: 1 }, { notBefore: '1e999 d' },
    { audience: [1] }, { issuer: deep(200) }, { header: { crit: ['x'] } }, { header: deep(1000) }, { kid: 1 },
    { iat: 'x' }, { now: 'x' }, { algorithm: 'none' }, { jti: HUGE }, { nonce: {} }, { subject: null }
  ]
  for (let i = 0; i < 1000; i++) {
    const payload = rand() < 0.5 ? pick(CLAIM_VALUES) : pick(WRONG)
    const key = pick([hs, rsaSig, ecSig, JWK.None, dirKey])
    const options = pick(SIGN_OPTIONS)
    const context = () => `JWT.sign(${describe(payload)}, ${key.kty || 'None'}, ${describe(options)})`
    const result = attempt(() => JWT.sign(payload, key, options), context)
    if (i % 4 === 0) attemptAsync(() => JWT.signAsync(payload, key, options), result, context)
  }
  await drain()
})

test('wrong types as every argument of every entry point', async () => {
  const token = JWS.sign(PAYLOAD, hs)
  const jwe = JWE.encrypt(PLAINTEXT, dirKey, { alg: 'dir', enc: 'A128GCM' })
  const calls = [
    [(a) => JWK.asKey(a), 'asKey(x)'],
    [(a) => JWK.asKey(hs.toJWK(true), a), 'asKey(jwk, x)'],
    [(a) => JWK.asKey({ key: a, format: 'der', type: 'pkcs8' }), 'asKey({ der: x })'],
    [(a) => JWK.asKey({ key: rsaSig.toPEM(true), format: a, type: a, passphrase: a }), 'asKey({ pem, x })'],
    [(a) => JWKS.asKeyStore(a), 'asKeyStore(x)'],
    [(a) => JWKS.asKeyStore({ keys: [a] }), 'asKeyStore({ keys: [x] })'],
    [(a) => JWKS.asKeyStore({ keys: [hs.toJWK(true)] }, a), 'asKeyStore(jwks, x)'],
    [(a) => new JWKS.KeyStore(a), 'new KeyStore(x)'],
    [(a) => JWS.verify(a, hs), 'JWS.verify(x)'],
    [(a) => JWS.verify(token, a), 'JWS.verify(token, x)'],
    [(a) => JWS.verify(token, hs, a), 'JWS.verify(token, key, x)'],
    [(a) => JWS.verify(token, hs, { crit: a, algorithms: a, complete: a, parse: a, encoding: typeof a === 'string' ? undefined : a }), 'JWS.verify(token, key, { x })'],
    [(a) => JWS.sign(PAYLOAD, a), 'JWS.sign(payload, x)'],
    [(a) => new JWS.Sign(PAYLOAD).recipient(hs).sign(a), 'Sign#sign(x)'],
    [(a) => JWE.decrypt(a, dirKey), 'JWE.decrypt(x)'],
    [(a) => JWE.decrypt(jwe, a), 'JWE.decrypt(jwe, x)'],
    [(a) => JWE.decrypt(jwe, dirKey, a), 'JWE.decrypt(jwe, key, x)'],
    [(a) => JWE.decrypt(jwe, dirKey, { crit: a, algorithms: a, complete: a, maxPBES2Count: a, maxInflatedSize: a }), 'JWE.decrypt(jwe, key, { x })'],
    [(a) => JWE.encrypt(PLAINTEXT, a), 'JWE.encrypt(cleartext, x)'],
    [(a) => new JWE.Encrypt(PLAINTEXT).recipient(dirKey, a).encrypt('compact'), 'Encrypt#recipient(key, x)'],
    [(a) => new JWE.Encrypt(PLAINTEXT).recipient(dirKey).encrypt(a), 'Encrypt#encrypt(x)'],
    [(a) => hs.toPEM(a), 'key.toPEM(x)'],
    [(a) => rsaSig.toPEM(true, a), 'key.toPEM(true, x)'],
    [(a) => rsaSig.toJWK(a), 'key.toJWK(x)'],
    [(a) => rsaSig.algorithms(a), 'key.algorithms(x)'],
    [(a) => store.all(a), 'store.all(x)'],
    [(a) => JWK.generateSync(a), 'generateSync(x)'],
    [(a) => JWK.generateSync('EC', a), 'generateSync(EC, x)'],
    [(a) => JWK.generateSync('oct', a === Infinity || a === 1e308 ? 1 : a), 'generateSync(oct, x)'],
    [(a) => JWT.verify(a, hs), 'JWT.verify(x)'],
    [(a) => JWT.verify(JWT.sign({}, hs), a), 'JWT.verify(token, x)'],
    [(a) => JWT.verify(JWT.sign({}, hs), hs, a), 'JWT.verify(token, key, x)'],
    [(a) => JWT.decode(a), 'JWT.decode(x)'],
    [(a) => JWT.decode(token, a), 'JWT.decode(token, x)'],
    [(a) => JWT.sign(a, hs), 'JWT.sign(x)'],
    [(a) => JWT.sign({}, hs, a), 'JWT.sign(payload, key, x)'],
    [(a) => JWT.IdToken.verify(a, hs, { issuer: 'i', audience: 'a', nonce: 'n' }), 'IdToken.verify(x)']
  ]
  const asyncCalls = [
    [(a) => JWS.verifyAsync(a, hs), 'JWS.verifyAsync(x)'],
    [(a) => JWS.verifyAsync(token, a), 'JWS.verifyAsync(token, x)'],
    [(a) => JWS.signAsync(a, hs), 'JWS.signAsync(x)'],
    [(a) => JWE.decryptAsync(a, dirKey), 'JWE.decryptAsync(x)'],
    [(a) => JWE.decryptAsync(jwe, dirKey, a), 'JWE.decryptAsync(jwe, key, x)'],
    [(a) => JWE.encryptAsync(a, dirKey), 'JWE.encryptAsync(x)'],
    [(a) => JWK.generate(a), 'generate(x)'],
    [(a) => JWT.verifyAsync(a, hs), 'JWT.verifyAsync(x)'],
    [(a) => JWT.signAsync({}, hs, a), 'JWT.signAsync(payload, key, x)']
  ]
  for (const value of WRONG) {
    for (const [fn, name] of calls) {
      attempt(() => fn(value), () => `${name} with ${describe(value)}`)
    }
    for (const [fn, name] of asyncCalls) {
      const context = () => `${name} with ${describe(value)}`
      await Promise.resolve().then(() => fn(value)).catch((err) => {
        if (!isJoseOrTypeError(err)) assert.fail(`${context()}: rejected with ${err && err.name}: ${err && err.message}`)
      })
    }
  }
})

test('mutated keys through JWK.asKey and JWKS.asKeyStore', () => {
  const jwks = ALL_KEYS.flatMap((k) => k.private || k.secret ? [k.toJWK(true), k.toJWK()] : [k.toJWK()])
  const pems = [rsaSig, ecSig, ed, rsaEnc, ecEnc, x25519].flatMap((k) => [k.toPEM(true), k.toPEM()])
    .concat([rsaSig.toPEM(true, { type: 'pkcs1' }), ecSig.toPEM(true, { type: 'sec1' })])
  const encryptedPem = rsaSig.toPEM(true, { cipher: 'aes-256-cbc', passphrase: 'top secret' })
  const ders = [rsaSig, ecSig, ed].flatMap((k) => [
    { key: Buffer.from(k.toPEM(true).replace(/-----[A-Z ]+-----|\s/g, ''), 'base64'), type: 'pkcs8' },
    { key: Buffer.from(k.toPEM().replace(/-----[A-Z ]+-----|\s/g, ''), 'base64'), type: 'spki' }
  ])
  for (let i = 0; i < 4000; i++) {
    let input
    let context
    switch (int(6)) {
      case 0:
      case 1:
        input = mutateJson(clone(pick(jwks)), [deep(1000), HUGE, ...WRONG.slice(0, 20)])
        context = () => `JWK.asKey(${describe(input)})`
        attempt(() => JWK.asKey(input), context)
        break
      case 2:
        input = mutateString(pick(pems))
        context = () => `JWK.asKey(${describe(input)})`
        attempt(() => JWK.asKey(rand() < 0.5 ? input : Buffer.from(input)), context)
        break
      case 3: {
        const der = pick(ders)
        const bytes = Buffer.from(der.key)
        for (let n = 1 + int(3); n > 0; n--) {
          const at = int(bytes.length)
          bytes[at] = pick([bytes[at] ^ (1 << int(8)), 0, 0xff, 0x80, 0x81])
        }
        const key = rand() < 0.2 ? bytes.subarray(0, int(bytes.length)) : bytes
        context = () => `JWK.asKey(der ${key.toString('hex').slice(0, 80)})`
        attempt(() => JWK.asKey({ key, format: 'der', type: rand() < 0.8 ? der.type : pick(['pkcs1', 'sec1', 'x']) }), context)
        break
      }
      case 4:
        input = mutateString(encryptedPem)
        context = () => `JWK.asKey(encrypted ${describe(input)})`
        attempt(() => JWK.asKey({ key: input, passphrase: pick(['top secret', 'wrong', '']) }), context)
        break
      default: {
        const keys = Array.from({ length: 1 + int(4) }, () => mutateJson(clone(pick(jwks)), WRONG))
        context = () => `JWKS.asKeyStore(${describe({ keys })})`
        attempt(() => JWKS.asKeyStore({ keys }, { ignoreErrors: rand() < 0.5 }), context)
      }
    }
  }
})

test('huge and deep values, once through each entry point', async () => {
  const tooDeep = deep(100000) // past what JSON.stringify can recurse into
  const big = 'A'.repeat(8 << 20)
  const bigB64 = b64(big)
  const token = JWS.sign(PAYLOAD, hs)
  const jwe = JWE.encrypt(PLAINTEXT, kwKey)
  const cases = [
    ['JWS.verify(deep header)', () => JWS.verify({ payload: '', signature: '', protected: b64({ alg: 'HS256' }), header: tooDeep }, hs)],
    ['JWS.verify(deep protected)', () => JWS.verify(`${b64(`{"alg":"HS256","x":${deepText(100000)}}`)}.${b64(PAYLOAD)}.AAAA`, hs)],
    ['JWS.verify(deep signatures)', () => JWS.verify({ payload: '', signatures: [{ signature: '', header: tooDeep }] }, store)],
    ['JWS.verify(big)', () => JWS.verify(`${bigB64}.${bigB64}.${bigB64}`, hs)],
    ['JWS.verify(big payload)', () => JWS.verify(`${token.split('.')[0]}.${bigB64}.${token.split('.')[2]}`, hs)],
    ['JWS.verify(big kid)', () => JWS.verify(JWS.sign(PAYLOAD, hs, { alg: 'HS256', kid: big }), store)],
    ['JWS.sign(deep payload)', () => JWS.sign(tooDeep, hs)],
    ['JWS.sign(deep header)', () => JWS.sign(PAYLOAD, hs, { alg: 'HS256', x: tooDeep })],
    ['JWS.sign(deep unprotected)', () => JWS.sign.flattened(PAYLOAD, hs, undefined, { alg: 'HS256', x: tooDeep })],
    ['JWE.decrypt(deep header)', () => JWE.decrypt({ ciphertext: '', iv: '', tag: '', header: tooDeep }, kwKey)],
    ['JWE.decrypt(deep recipients)', () => JWE.decrypt({ ciphertext: '', iv: '', tag: '', recipients: [{ encrypted_key: '', header: tooDeep }] }, store)],
    ['JWE.decrypt(deep protected)', () => JWE.decrypt(`${b64(`{"alg":"A128KW","enc":"A128GCM","x":${deepText(100000)}}`)}.AAAA.AAAA.AAAA.AAAA`, kwKey)],
    ['JWE.decrypt(big)', () => JWE.decrypt(`${bigB64}.${bigB64}.${bigB64}.${bigB64}.${bigB64}`, kwKey)],
    ['JWE.decrypt(big ciphertext)', () => JWE.decrypt(jwe.split('.').map((part, i) => i === 3 ? bigB64 : part).join('.'), kwKey)],
    ['JWE.encrypt(deep header)', () => JWE.encrypt(PLAINTEXT, kwKey, { x: tooDeep })],
    ['JWE.encrypt(deep unprotected)', () => JWE.encrypt.flattened(PLAINTEXT, kwKey, undefined, { x: tooDeep })],
    ['JWE.encrypt(big header)', () => JWE.decrypt(JWE.encrypt(PLAINTEXT, kwKey, { x: big }), kwKey)],
    ['JWK.asKey(deep kid)', () => JWK.asKey({ kty: 'oct', k: 'AAAA', kid: tooDeep })],
    ['JWK.asKey(deep crv)', () => JWK.asKey({ kty: 'EC', crv: tooDeep, x: 'AAAA', y: 'AAAA' })],
    ['JWK.asKey(deep extra member)', () => JWK.asKey({ kty: 'oct', k: 'AAAA', ext: tooDeep })],
    ['JWK.asKey(deep oth)', () => JWK.asKey({ ...rsaSig.toJWK(true), oth: [tooDeep] })],
    ['JWK.asKey(big n)', () => JWK.asKey({ kty: 'RSA', n: bigB64, e: 'AQAB' })],
    ['JWK.asKey(big d)', () => JWK.asKey({ ...rsaSig.toJWK(true), d: bigB64 })],
    ['JWK.asKey(big EC x)', () => JWK.asKey({ kty: 'EC', crv: 'P-256', x: bigB64, y: bigB64 })],
    ['JWK.asKey(big PEM)', () => JWK.asKey(`-----BEGIN PUBLIC KEY-----\n${big}\n-----END PUBLIC KEY-----\n`)],
    ['JWK.asKey(big secret)', () => JWK.asKey(Buffer.from(big))],
    ['JWT.verify(big)', () => JWT.verify(`${bigB64}.${bigB64}.${bigB64}`, hs)],
    ['JWT.verify(deep claims)', () => JWT.verify(`${b64({ alg: 'HS256' })}.${b64(deepText(100000))}.AAAA`, hs)],
    ['JWT.decode(deep claims)', () => JWT.decode(`${b64({ alg: 'HS256' })}.${b64(deepText(100000))}.AAAA`)],
    ['JWT.decode(deep header)', () => JWT.decode(`${b64(deepArrayText(100000))}.${b64({})}.AAAA`)],
    ['JWT.sign(deep payload)', () => JWT.sign({ x: tooDeep }, hs)],
    ['JWT.sign(deep header option)', () => JWT.sign({}, hs, { header: { x: tooDeep } })],
    ['JWKS.asKeyStore(deep)', () => JWKS.asKeyStore({ keys: [{ kty: 'oct', k: 'AAAA', x5c: tooDeep }] })],
    ['JWKS.asKeyStore(many)', () => JWKS.asKeyStore({ keys: Array.from({ length: 2000 }, () => ({ kty: 'oct', k: 'AAAA', kid: tooDeep })) }, { ignoreErrors: true })]
  ]
  for (const [name, fn] of cases) {
    attempt(fn, () => name)
  }
  for (const [name, fn] of [
    ['JWS.verifyAsync(deep header)', () => JWS.verifyAsync({ payload: '', signature: '', header: tooDeep }, hs)],
    ['JWS.signAsync(deep header)', () => JWS.signAsync(PAYLOAD, hs, { x: tooDeep })],
    ['JWE.decryptAsync(deep header)', () => JWE.decryptAsync({ ciphertext: '', iv: '', tag: '', header: tooDeep }, kwKey)],
    ['JWE.encryptAsync(deep header)', () => JWE.encryptAsync(PLAINTEXT, kwKey, { x: tooDeep })],
    ['JWS.verifyAsync(big)', () => JWS.verifyAsync(`${bigB64}.${bigB64}.${bigB64}`, hs)],
    ['JWE.decryptAsync(big)', () => JWE.decryptAsync(`${bigB64}.${bigB64}.${bigB64}.${bigB64}.${bigB64}`, kwKey)]
  ]) {
    await assert.rejects(fn, (err) => isJoseOrTypeError(err) || assert.fail(`${name}: ${err.name}: ${err.message}`))
  }
})

test('cost caps hold against hostile tokens', () => {
  // p2c: 1e9 is refused before any PBKDF2 work
  const p2c = [b64({ alg: 'PBES2-HS256+A128KW', enc: 'A128GCM', p2c: 1e9, p2s: 'AAAAAAAAAAAAAAAAAAAAAA' }), 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'AAAAAAAAAAAAAAAA', 'AAAA', 'AAAAAAAAAAAAAAAAAAAAAA'].join('.')
  assert.throws(() => JWE.decrypt(p2c, password), errors.JWEInvalid)
  assert.throws(() => JWE.decrypt(p2c, password, { maxPBES2Count: 1e8 }), errors.JWEInvalid)

  // A general JWE shares one PBES2 budget among its recipients: three
  // recipients with p2c of at least 2048 each do not fit in 4096.
  const others = [JWK.asKey(Buffer.from('a')), JWK.asKey(Buffer.from('b'))]
  const pbes2 = new JWE.Encrypt(PLAINTEXT, { enc: 'A128GCM' })
  for (const key of [...others, password]) pbes2.recipient(key, { alg: 'PBES2-HS256+A128KW' })
  const jwe = pbes2.encrypt('general')
  assert.throws(() => JWE.decrypt(jwe, password, { maxPBES2Count: 4096 }), errors.JOSEError)
  assert.ok(PLAINTEXT.equals(JWE.decrypt(jwe, password, { maxPBES2Count: 3 * 4096 })))

  // A deflate bomb: 32 MiB of zeros, ~32 KiB on the wire.
  const bomb = JWE.encrypt(Buffer.alloc(32 << 20), kwKey, { alg: 'A128KW', enc: 'A128GCM', zip: 'DEF' })
  assert.ok(bomb.length < 64 << 10)
  assert.throws(() => JWE.decrypt(bomb, kwKey), errors.JWEInvalid)
  assert.throws(() => JWE.decrypt(bomb, kwKey, { maxInflatedSize: 1024 }), errors.JWEInvalid)
  assert.strictEqual(JWE.decrypt(bomb, kwKey, { maxInflatedSize: 32 << 20 }).length, 32 << 20)

  // JSON nested deeper than JSON.stringify can go fails with jose's class
  const deepJws = { payload: '', signature: '', protected: b64({ alg: 'HS256' }), header: deep(100000) }
  assert.throws(() => JWS.verify(deepJws, hs), errors.JWSInvalid)
  assert.throws(() => JWE.decrypt({ ciphertext: '', iv: '', tag: '', header: deep(100000) }, dirKey), errors.JWEInvalid)
  // and nesting past 128 levels inside a protected header is refused as
  // unparseable, however it arrives
  const header = { alg: 'HS256', x: deep(129) }
  const nested = `${b64(header)}.${b64(PAYLOAD)}.AAAA`
  assert.throws(() => JWS.verify(nested, hs), errors.JWSInvalid)
  assert.throws(() => JWS.sign(PAYLOAD, hs, header), TypeError)
  assert.strictEqual(JWS.verify(JWS.sign(PAYLOAD, hs, { alg: 'HS256', x: deep(120) }), hs), PAYLOAD)
})

test('the suite ran thousands of hostile inputs', () => {
  assert.ok(outcomes > 10000, `only ${outcomes} inputs`)
})
