'use strict'

// JWT differential tests against jose@1.28.2: a table of tokens and option
// sets goes through both libraries and must come out the same, as the same
// payload (or complete result), or as an error of the same class with the
// same code, claim, reason and message. verifyAsync must agree with verify.

const test = require('node:test')
const assert = require('assert')
const { createHmac } = require('crypto')

const native = require('..')
const jose = require('jose')

const NOW = new Date(1600000000000)
const T = 1600000000
const SECRET = { kty: 'oct', k: 'hJtXIZ2uSN5kbQfbtTNWbpdmhkV8FJG-Onbc6mxCcYg' }
const BCL = 'http://schemas.openid.net/event/backchannel-logout'

const keys = {
  ours: native.JWK.asKey(SECRET),
  theirs: jose.JWK.asKey(SECRET)
}

const b64u = (text) => Buffer.from(text).toString('base64url')

// An HS256 token over any header and payload text, JSON or not.
function raw (header, payload) {
  const input = `${b64u(header)}.${b64u(payload)}`
  return `${input}.${createHmac('sha256', Buffer.from(SECRET.k, 'base64url')).update(input).digest('base64url')}`
}

const hs = (payload, header = { alg: 'HS256' }) => raw(JSON.stringify(header), JSON.stringify(payload))

// What a call gives: its value, or the observable parts of its error.
function outcome (fn) {
  try {
    return { value: fn() }
  } catch (err) {
    return { error: describe(err) }
  }
}

async function outcomeAsync (fn) {
  try {
    return { value: await fn() }
  } catch (err) {
    return { error: describe(err) }
  }
}

const describe = (err) => ({
  name: err.constructor.name,
  code: err.code,
  claim: err.claim,
  reason: err.reason,
  message: err.message
})

// Complete results hold a key object of each library's own class.
function comparable (result) {
  if (result.value && result.value.key) {
    return { value: { ...result.value, key: result.value.key.kid } }
  }
  return result
}

// Runs one verify case through both libraries (and our verifyAsync) and
// requires the same outcome; returns it so cases can also pin it down.
async function same (token, options, { ours = keys.ours, theirs = keys.theirs, label } = {}) {
  const expected = comparable(outcome(() => jose.JWT.verify(token, theirs, options)))
  const actual = comparable(outcome(() => native.JWT.verify(token, ours, options)))
  const name = label || JSON.stringify(options)
  assert.deepStrictEqual(actual, expected, `verify ${name}`)
  const viaAsync = comparable(await outcomeAsync(() => native.JWT.verifyAsync(token, ours, options)))
  assert.deepStrictEqual(viaAsync, expected, `verifyAsync ${name}`)
  return expected
}

const ok = (result) => assert.ok('value' in result, JSON.stringify(result))
const failed = (result, name, claim) => {
  assert.ok(result.error, 'expected an error')
  assert.strictEqual(result.error.name, name)
  if (claim) assert.strictEqual(result.error.claim, claim)
}

test('plain tokens and complete results', async () => {
  const token = hs({ sub: 'a', iat: T, exp: T + 60, nested: { list: [1, 'x'] } }, { alg: 'HS256', typ: 'JWT', kid: 'k1' })
  ok(await same(token, { now: NOW }))
  ok(await same(token, { now: NOW, complete: true }))
  ok(await same(token, { now: NOW, algorithms: ['HS256'] }))
  failed(await same(token, { now: NOW, algorithms: ['RS256'] }), 'JOSEAlgNotWhitelisted')
  failed(await same(token.slice(0, -2), { now: NOW }), 'JWSVerificationFailed')
  // a wrong signature wins over any claim problem
  failed(await same(hs({ exp: 0 }).slice(0, -2), { now: NOW, issuer: 'x' }), 'JWSVerificationFailed')
})

test('claim types and presence', async () => {
  const cases = [
    [{ iat: '1' }, {}], [{ exp: null }, {}], [{ nbf: true }, {}], [{ auth_time: '0' }, {}],
    [{}, { maxAuthAge: '1h' }], [{}, { maxTokenAge: '1h' }],
    [{ jti: '' }, {}], [{ jti: 1 }, {}], [{}, { jti: 'j' }],
    [{ acr: 1 }, {}], [{ acr: 'a' }, {}],
    [{ nonce: [] }, {}], [{}, { nonce: 'n' }],
    [{ iss: ['a', 1] }, {}], [{ iss: [] }, {}], [{ iss: ['a', 'b'] }, {}], [{}, { issuer: 'i' }],
    [{ sub: {} }, {}], [{}, { subject: 's' }],
    [{ aud: [] }, {}], [{ aud: [''] }, {}], [{ aud: 5 }, {}], [{}, { audience: 'a' }],
    [{ azp: 0 }, {}], [{ amr: 'pwd' }, {}], [{ amr: [1] }, {}], [{ amr: ['pwd', 'otp'] }, {}],
    [{}, { typ: 'JWT' }],
    // several bad at once: jose's order decides which is reported
    [{ iat: 'x', iss: 1, sub: 2 }, {}], [{ sub: 2, aud: 1 }, {}], [{ amr: 1, azp: 1 }, { typ: 'x' }]
  ]
  for (const [payload, options] of cases) {
    await same(hs(payload), { ...options, now: NOW }, { label: JSON.stringify([payload, options]) })
  }
  await same(hs({}, { alg: 'HS256', typ: 1 }), { now: NOW })
  await same(hs({}, { alg: 'HS256', typ: '' }), { now: NOW })
})

test('claim values', async () => {
  const token = hs({ iss: 'i', nonce: 'n', sub: 's', jti: 'j', aud: ['a', 'b'] })
  const cases = [
    {}, { issuer: 'i' }, { issuer: 'x' }, { issuer: ['x', 'i'] }, { issuer: ['x', 'y'] },
    { nonce: 'n' }, { nonce: 'x' }, { subject: 's' }, { subject: 'x' }, { jti: 'j' }, { jti: 'x' },
    { audience: 'a' }, { audience: 'b' }, { audience: 'c' }, { audience: ['c', 'b'] }, { audience: ['c', 'd'] },
    { issuer: 'x', audience: 'c' }, { nonce: 'x', subject: 'x', jti: 'x', audience: 'x' }
  ]
  for (const options of cases) await same(token, { ...options, now: NOW })
  await same(hs({ iss: ['i'] }), { issuer: 'i', now: NOW })
  await same(hs({ aud: 'a' }), { audience: ['b', 'a'], now: NOW })
  for (const typ of ['JWT', 'jwt', 'application/jwt', 'application/JWT', 'at+jwt', 'APPLICATION/JWT', 'application/application/jwt']) {
    for (const expected of ['JWT', 'application/jwt', 'secevent+jwt']) {
      await same(hs({}, { alg: 'HS256', typ }), { typ: expected, now: NOW })
    }
  }
})

test('clock: exp, nbf, iat and clock tolerance edges', async () => {
  const cases = []
  for (const delta of [-61, -60, -1, 0, 1, 59, 60, 61]) {
    for (const clockTolerance of [undefined, '1s', '60s', '1 min', '0s']) {
      cases.push([{ exp: T + delta }, { clockTolerance }])
      cases.push([{ nbf: T + delta }, { clockTolerance }])
      cases.push([{ iat: T + delta }, { clockTolerance }])
      cases.push([{ iat: T + delta, exp: T + 3600 }, { clockTolerance }])
    }
  }
  cases.push(
    [{ exp: T }, { ignoreExp: true }], [{ nbf: T + 100 }, { ignoreNbf: true }], [{ iat: T + 100 }, { ignoreIat: true }],
    [{ exp: T + 0.5 }, {}], [{ exp: T + 1.5 }, {}], [{ nbf: T + 0.5 }, {}], [{ iat: T + 0.25 }, {}],
    [{ exp: 1e300 }, {}], [{ exp: -1e300 }, {}], [{ nbf: T + 1, exp: T }, {}]
  )
  for (const [payload, options] of cases) {
    await same(hs(payload), { ...options, now: NOW }, { label: JSON.stringify([payload, options]) })
  }
  // milliseconds of `now` do not count
  for (const ms of [0, 1, 999]) {
    await same(hs({ exp: T + 1 }), { now: new Date(NOW.getTime() + ms) })
    await same(hs({ nbf: T }), { now: new Date(NOW.getTime() - ms) })
  }
  // dates before 1970 floor toward the past
  await same(hs({ exp: -1 }), { now: new Date(-1500) })
  await same(hs({ exp: -2 }), { now: new Date(-1500) })
})

test('maxTokenAge and maxAuthAge', async () => {
  const cases = []
  for (const age of [-11, -10, 0, 3599, 3600, 3601]) {
    for (const clockTolerance of [undefined, '10s']) {
      cases.push([{ iat: T - age, exp: T + 60 }, { maxTokenAge: '1 hour', clockTolerance }])
      cases.push([{ auth_time: T - age }, { maxAuthAge: '1h', clockTolerance }])
    }
  }
  cases.push(
    [{ iat: T }, { maxTokenAge: 'soon' }], [{ auth_time: T }, { maxAuthAge: 'soon' }],
    [{ iat: T, exp: T }, { maxTokenAge: 'soon' }], [{ iat: T - 100 }, { maxTokenAge: '1 min' }],
    [{ iat: '1' }, { maxTokenAge: '1h' }], [{ auth_time: null }, { maxAuthAge: '1h' }]
  )
  for (const [payload, options] of cases) {
    await same(hs(payload), { ...options, now: NOW }, { label: JSON.stringify([payload, options]) })
  }
})

const SPANS = [
  '2 hours', '20 m', '60s', '1 week', '1.5 days', '1 year', '2 years', '1 yr', '3 yrs', '1y',
  '1 sec', '2 secs', '1 second', '3 seconds', '1 min', '2 mins', '1 minute', '5 minutes',
  '1 hr', '2 hrs', '1h', '1 day', '1d', '2 weeks', '1w', '0.5s', '0.4s', '1.5 m', '0s',
  '1 HOUR', '1 Day', '007 s', '0.001 y',
  // not timespans to jose
  '-1 h', '+1 h', '1.s', '.5 s', '1e3 s', '1  s', ' 1s', '1s ', '1 ms', '1 hourss', '1,5 h',
  'soon', '', 'Infinity s'
]

test('timespan strings, as clockTolerance and in JWT.sign', async () => {
  for (const span of SPANS) {
    // exp 30 days ago: the tolerance decides, and a bad one is a TypeError
    await same(hs({ exp: T - 2592000 }), { now: NOW, clockTolerance: span }, { label: span })
    await same(hs({ exp: T - 31557600 }), { now: NOW, clockTolerance: span }, { label: span })
    for (const option of ['expiresIn', 'notBefore']) {
      const options = { now: NOW, [option]: span }
      const expected = outcome(() => jose.JWT.sign({ a: 1 }, keys.theirs, options))
      assert.deepStrictEqual(outcome(() => native.JWT.sign({ a: 1 }, keys.ours, options)), expected, `${option} ${span}`)
    }
  }
  const huge = `${'9'.repeat(400)} s`
  const options = { now: NOW, expiresIn: huge }
  assert.deepStrictEqual(native.JWT.sign({}, keys.ours, options), jose.JWT.sign({}, keys.theirs, options), 'exp Infinity becomes null')
})

test('bad verify option values are the same TypeErrors, in the same order', async () => {
  const token = hs({ iat: T })
  const fn = () => {}
  const cases = [
    { profile: '' }, { profile: 1 }, { profile: 'foo' }, { profile: 'AT+JWT' }, { profile: 'JARM' },
    { complete: 'yes' }, { complete: null }, { complete: 1 }, { ignoreExp: 'true' }, { ignoreNbf: 0 }, { ignoreIat: fn },
    { maxTokenAge: 60 }, { subject: '' }, { maxAuthAge: [] }, { jti: {} }, { clockTolerance: 60 }, { typ: true },
    { issuer: [] }, { issuer: [''] }, { issuer: ['a', 1] }, { issuer: 1 }, { issuer: '' },
    { audience: {} }, { audience: [null] }, { algorithms: 'HS256' }, { algorithms: [] }, { algorithms: [''] },
    { nonce: Symbol('n') }, { nonce: 1n }, { now: 0 }, { now: Date.now() }, { now: new Date('nope') }, { now: new Date(0) }, { now: null },
    { ignoreIat: true, maxTokenAge: '1h' }, { crit: [] }, { crit: 'b64' }, { crit: [1] },
    { profile: 'id_token' }, { profile: 'id_token', issuer: 'i' }, { profile: 'at+JWT', audience: 'a' },
    { profile: 'logout_token', issuer: ['i'] },
    { crit: 1, now: 'x', nonce: 1, profile: 1 }, { crit: 1, now: 'x', nonce: 1 }, { profile: 'nope', crit: 1 },
    { typ: 1, profile: 'at+JWT', issuer: 'i', audience: 'a' }
  ]
  for (const options of cases) {
    const result = await same(token, options, { label: String(Object.keys(options)) })
    assert.strictEqual(result.error && result.error.name, 'TypeError', String(Object.keys(options)))
  }
  for (const options of [null, [], 'x', new Date(), Object.create(null)]) {
    await same(token, options, { label: Object.prototype.toString.call(options) })
  }
  // option errors come before token and key errors
  await same('not a jwt', { complete: 1 }, { ours: 'nope', theirs: 'nope' })
  await same('not a jwt', {}, { ours: 'nope', theirs: 'nope' })
  await same(token, {}, { ours: 'nope', theirs: 'nope' })
  await same(hs({}), {}, { ours: native.JWK.None, theirs: jose.JWK.None })
})

test('tokens that are not JWTs', async () => {
  const cases = [
    undefined, null, 1, {}, '', 'a', 'a.b', 'a.b.c.d', 'a.b.c.d.e', 'a.b.c.d.e.f', '..', 'e30.e30', 'e30.e30.',
    raw('{', '{}'), raw('{"alg":"HS256"}', 'nope'), raw('{"alg":"HS256"}', ''),
    raw('{"alg":"HS256"}', '{"a":"\\ud800"}'), raw('{"alg":"HS256"}', '{"a":1}   ')
  ]
  for (const token of cases) await same(token, { now: NOW }, { label: String(token) })
  // segments only Node's forgiving base64 reads, signed as they stand
  const [h, p] = hs({ a: '???' }).split('.')
  const std = (x) => x.replace(/-/g, '+').replace(/_/g, '/')
  const mac = (input) => createHmac('sha256', Buffer.from(SECRET.k, 'base64url')).update(input).digest('base64')
  const input = `${h}=.${std(p)}==`
  ok(await same(`${input}.${mac(input)}`, { now: NOW }))
  ok(await same(`${input}.${mac(input).replace(/=/g, '')}~`, { now: NOW }))
  failed(await same(`${input}.=${mac(input)}`, { now: NOW }), 'JWSVerificationFailed')
  failed(await same(`${h}.${p}.${mac(`${h}.${p}`)}`.replace(h, `${h}=`), { now: NOW }), 'JWSVerificationFailed')
})

test('headers and payloads that are JSON but not objects', async () => {
  const headers = ['null', '0', '1', '1.5', '"x"', '""', 'true', 'false', '[]', '[1]', '{}', '{"alg":1}', '{"alg":"none"}']
  for (const header of headers) await same(raw(header, '{}'), { now: NOW }, { label: header })
  const payloads = ['null', '12', '1e21', '"s"', '""', 'true', 'false', '[1]', '[]']
  const optionSets = [{}, { ignoreIat: true }, { ignoreIat: true, ignoreNbf: true }, { ignoreIat: true, ignoreNbf: true, ignoreExp: true },
    { issuer: 'i' }, { profile: 'logout_token', issuer: 'i', audience: 'a' }]
  for (const payload of payloads) {
    for (const options of optionSets) {
      await same(raw('{"alg":"HS256"}', payload), { ...options, now: NOW }, { label: `${payload} ${JSON.stringify(options)}` })
    }
  }
})

test('crit passes through to JWS', async () => {
  const token = hs({}, { alg: 'HS256', crit: ['exp'], exp: 1 })
  failed(await same(token, { now: NOW }), 'JOSECritNotUnderstood')
  ok(await same(token, { now: NOW, crit: ['exp'] }))
  await same(hs({}, { alg: 'HS256', crit: ['alg'] }), { now: NOW, crit: ['alg'] })
  await same(hs({}, { alg: 'HS256', crit: [] }), { now: NOW })
  // RFC 7797 unencoded payloads: signed alike, and no JWT to either library
  const b64 = { now: NOW, header: { b64: false, crit: ['b64'] } }
  const unencoded = jose.JWT.sign({ a: 1 }, keys.theirs, b64)
  assert.strictEqual(native.JWT.sign({ a: 1 }, keys.ours, b64), unencoded)
  failed(await same(unencoded, { now: NOW, crit: ['b64'] }), 'JWTMalformed')
})

// Runs a profile case through JWT.verify with `profile` and through the
// profile's shorthand.
async function sameProfile (namespace, profile, token, options) {
  const result = await same(token, { ...options, profile })
  const theirs = outcome(() => jose.JWT[namespace].verify(token, keys.theirs, options))
  const ours = outcome(() => native.JWT[namespace].verify(token, keys.ours, options))
  assert.deepStrictEqual(comparable(ours), comparable(theirs), `${namespace}.verify`)
  const viaAsync = await outcomeAsync(() => native.JWT[namespace].verifyAsync(token, keys.ours, options))
  assert.deepStrictEqual(comparable(viaAsync), comparable(theirs), `${namespace}.verifyAsync`)
  return result
}

const without = (object, name) => { const copy = { ...object }; delete copy[name]; return copy }

test('id_token profile', async () => {
  const base = { iss: 'https://op', sub: 'u', aud: 'client', iat: T, exp: T + 60 }
  const options = { issuer: 'https://op', audience: 'client', now: NOW }
  ok(await sameProfile('IdToken', 'id_token', hs(base), options))
  const payloads = [
    without(base, 'iat'), without(base, 'exp'), without(base, 'sub'), without(base, 'iss'), without(base, 'aud'),
    { ...base, aud: ['client', 'other'] }, { ...base, aud: ['client', 'other'], azp: 'client' },
    { ...base, aud: ['client', 'other'], azp: 'other' }, { ...base, aud: ['client'] }, { ...base, aud: ['other', 'x'], azp: 'client' },
    { ...base, azp: 'someone' }, { ...base, azp: 1 }, { ...base, nonce: 'n' }, { ...base, auth_time: T - 100 }, { ...base, exp: T }
  ]
  const optionSets = [options, { ...options, nonce: 'n' }, { ...options, maxAuthAge: '1m' }, { ...options, maxAuthAge: '5m' },
    { ...options, audience: ['client'] }, { ...options, audience: ['x', 'client'] }]
  for (const payload of payloads) {
    for (const set of optionSets) await sameProfile('IdToken', 'id_token', hs(payload), set)
  }
  for (const bad of [{}, { issuer: 'x' }, { audience: 'x' }, undefined]) {
    failed(await sameProfile('IdToken', 'id_token', hs(base), bad), 'TypeError')
  }
})

test('at+JWT profile', async () => {
  const base = { iss: 'https://op', sub: 'u', aud: 'rs', iat: T, exp: T + 60, jti: 'j', client_id: 'c' }
  const options = { issuer: 'https://op', audience: 'rs', now: NOW }
  const header = (typ) => typ === undefined ? { alg: 'HS256' } : { alg: 'HS256', typ }
  ok(await sameProfile('AccessToken', 'at+JWT', hs(base, header('at+jwt')), options))
  for (const typ of [undefined, 'at+jwt', 'AT+JWT', 'application/at+jwt', 'Application/At+Jwt', 'JWT', 1, '']) {
    await sameProfile('AccessToken', 'at+JWT', hs(base, header(typ)), options)
    await sameProfile('AccessToken', 'at+JWT', hs(base, header(typ)), { ...options, typ: 'JWT' })
  }
  for (const claim of ['iat', 'exp', 'sub', 'jti', 'client_id', 'iss', 'aud']) {
    await sameProfile('AccessToken', 'at+JWT', hs(without(base, claim), header('at+jwt')), options)
  }
  await sameProfile('AccessToken', 'at+JWT', hs({ ...base, client_id: 1 }, header('at+jwt')), options)
  await sameProfile('AccessToken', 'at+JWT', hs({ ...base, client_id: '' }, header('at+jwt')), options)
  for (const bad of [{}, { issuer: 'x' }, { audience: 'x' }]) {
    failed(await sameProfile('AccessToken', 'at+JWT', hs(base), bad), 'TypeError')
  }
})

test('logout_token profile', async () => {
  const base = { iss: 'https://op', aud: 'client', iat: T, jti: 'j', sid: 's', events: { [BCL]: {} } }
  const options = { issuer: 'https://op', audience: 'client', now: NOW }
  ok(await sameProfile('LogoutToken', 'logout_token', hs(base), options))
  const payloads = [
    without(base, 'iat'), without(base, 'jti'), without(base, 'sid'), { ...without(base, 'sid'), sub: 'u' },
    { ...base, sid: 1 }, { ...base, sid: '' }, { ...base, nonce: 'n' }, { ...base, nonce: undefined },
    without(base, 'events'), { ...base, events: [] }, { ...base, events: null }, { ...base, events: 'x' },
    { ...base, events: { constructor: {} } }, { ...base, events: {} }, { ...base, events: { [BCL]: 1 } },
    { ...base, events: { [BCL]: [] } }, { ...base, events: { [BCL]: { constructor: 1 } } },
    { ...base, events: { [BCL]: {}, other: 1 } }, { ...base, exp: T }, { ...base, iat: T + 10 }
  ]
  for (const payload of payloads) await sameProfile('LogoutToken', 'logout_token', hs(payload), options)
  for (const bad of [{}, { issuer: 'x' }, { audience: 'x' }]) {
    failed(await sameProfile('LogoutToken', 'logout_token', hs(base), bad), 'TypeError')
  }
})

test('KeyStores: candidate selection and the key in complete results', async () => {
  const rsa = jose.JWK.generateSync('RSA', 2048, { kid: 'rsa' })
  const ec = jose.JWK.generateSync('EC', 'P-256', { kid: 'ec' })
  const oct = jose.JWK.asKey({ ...SECRET, kid: 'oct' })
  const theirs = new jose.JWKS.KeyStore([rsa, ec, oct])
  const ours = new native.JWKS.KeyStore([rsa, ec, oct].map((k) => native.JWK.asKey(k.toJWK(true))))
  const payload = { sub: 'x', iat: T }
  for (const [key, header] of [[rsa, { alg: 'RS256' }], [ec, { alg: 'ES256', kid: 'ec' }], [oct, { alg: 'HS256' }], [rsa, { alg: 'PS256', kid: 'ec' }]]) {
    const token = jose.JWT.sign(payload, key, { header, now: NOW, kid: false })
    await same(token, { now: NOW, complete: true }, { ours, theirs, label: JSON.stringify(header) })
    await same(token, { now: NOW, algorithms: ['ES256'] }, { ours, theirs })
  }
  // and a token no key in the store matches
  const other = jose.JWK.generateSync('EC', 'P-384')
  await same(jose.JWT.sign(payload, other, { now: NOW }), { now: NOW }, { ours, theirs })
})

test('embedded keys: the key in the header verifies, and is the complete result\'s key', async () => {
  const ec = jose.JWK.generateSync('EC', 'P-256')
  const token = jose.JWT.sign({ sub: 'x' }, ec, { now: NOW, header: { jwk: ec.toJWK() } })
  ok(await same(token, { now: NOW, complete: true }, { ours: native.JWK.EmbeddedJWK, theirs: jose.JWK.EmbeddedJWK }))
  failed(await same(hs({}), { now: NOW }, { ours: native.JWK.EmbeddedJWK, theirs: jose.JWK.EmbeddedJWK }), 'JWSInvalid')
  // the unsecured JWT needs JWK.None on both sides
  const unsecured = jose.JWT.sign({ sub: 'x' }, jose.JWK.None, { now: NOW })
  ok(await same(unsecured, { now: NOW }, { ours: native.JWK.None, theirs: jose.JWK.None }))
  failed(await same(unsecured, { now: NOW }), 'JWKKeySupport')
})

test('numbers beyond f64 in claims and headers read as JSON.parse reads them (Infinity)', async () => {
  const payloads = ['{"exp":1e400}', '{"exp":-1e400}', '{"nbf":1e400}', '{"nbf":-1E999}', '{"iat":1e400}', '{"iat":-1e400}',
    '{"auth_time":-1e400}', '{"x":[1e400,{"y":-1e400}],"sub":"a"}', '{"exp":2e-400}', '{"s":"1e400","exp":1e400}']
  const optionSets = [{}, { maxTokenAge: '1h' }, { maxAuthAge: '1h' }, { ignoreExp: true, ignoreNbf: true, ignoreIat: true }, { complete: true }]
  for (const payload of payloads) {
    for (const options of optionSets) {
      await same(raw('{"alg":"HS256"}', payload), { ...options, now: NOW }, { label: `${payload} ${JSON.stringify(options)}` })
    }
    const token = raw('{"alg":"HS256"}', payload)
    assert.deepStrictEqual(outcome(() => native.JWT.decode(token, { complete: true })), outcome(() => jose.JWT.decode(token, { complete: true })))
  }
  // a header member out of range: verified as jose verifies it
  for (const header of ['{"alg":"HS256","x":1e400}', '{"alg":"HS256","crit":["x"],"x":-1e400}']) {
    await same(raw(header, '{}'), { now: NOW, crit: ['x'] }, { label: header })
  }
})

test('JWT.decode', () => {
  const token = hs({ sub: 'a' }, { alg: 'HS256', typ: 'JWT' })
  const inputs = [token, `${token}x`, undefined, '', 1, 'a.b', 'a.b.c.d.e', raw('{', '{}'), raw('{}', 'null'), raw('1', '"s"'),
    token.replace(/\./g, '=.')]
  for (const input of inputs) {
    for (const options of [undefined, {}, { complete: true }, { complete: 1 }]) {
      const expected = outcome(() => jose.JWT.decode(input, options))
      assert.deepStrictEqual(outcome(() => native.JWT.decode(input, options)), expected, `${input} ${JSON.stringify(options)}`)
    }
  }
  assert.deepStrictEqual(outcome(() => native.JWT.decode(token, null)).error.name, 'TypeError')
})

test('JWT.sign: options and claims produce jose\'s exact token', async () => {
  const payload = { 'urn:example:claim': 'foo', sub: 'kept-in-place', n: 1.5, big: 1e21, small: 1e-7, list: [1, 'x'] }
  const optionSets = [
    {}, { iat: false }, { kid: true }, { kid: false }, { algorithm: 'HS384' }, { header: { typ: 'JWT', alg: 'HS512', kid: 'h' } },
    { header: { kid: 'h' }, kid: true }, { header: { kid: 'h' }, kid: false },
    { audience: 'a', issuer: 'i', subject: 's', jti: 'j', nonce: 'n', expiresIn: '2 hours', notBefore: '10s' },
    { audience: ['a', 'b'], expiresIn: '1.5 days' }, { now: new Date(NOW.getTime() + 999) }, { now: new Date(500) }, { now: new Date(-1500) }
  ]
  for (const options of optionSets) {
    const opts = { now: NOW, ...options }
    for (const p of [payload, {}, { iat: 1, exp: 2, nbf: 3, aud: 'x' }]) {
      const expected = jose.JWT.sign(p, keys.theirs, opts)
      assert.strictEqual(native.JWT.sign(p, keys.ours, opts), expected, JSON.stringify(options))
      assert.strictEqual(await native.JWT.signAsync(p, keys.ours, opts), expected, `signAsync ${JSON.stringify(options)}`)
    }
  }
  // asymmetric keys get their kid by default; EdDSA is deterministic
  const ed = jose.JWK.generateSync('OKP', 'Ed25519')
  const edOurs = native.JWK.asKey(ed.toJWK(true))
  for (const options of [{}, { kid: false }, { header: { kid: 'mine' } }]) {
    assert.strictEqual(native.JWT.sign({ a: 1 }, edOurs, { now: NOW, ...options }), jose.JWT.sign({ a: 1 }, ed, { now: NOW, ...options }))
  }
  // the current time when `now` is not given
  const fresh = native.JWT.verify(native.JWT.sign({}, keys.ours), keys.ours)
  assert.ok(Math.abs(fresh.iat - Date.now() / 1000) < 5)
})

test('JWT.sign: bad arguments are the same errors, in the same order', async () => {
  const fn = () => {}
  const cases = [
    [{}, { iat: 1 }], [{}, { kid: 'yes' }], [{}, { subject: '' }], [{}, { issuer: 1 }], [{}, { audience: [] }],
    [{}, { audience: [''] }], [{}, { audience: ['a', 1] }], [{}, { audience: 1 }], [{}, { header: null }], [{}, { header: [] }],
    [{}, { header: new Date() }], [{}, { algorithm: fn }], [{}, { expiresIn: 60 }], [{}, { notBefore: 60 }], [{}, { jti: 1 }],
    [{}, { nonce: 1 }], [{}, { now: 1 }], [{}, { now: new Date(0) }], [{}, { now: new Date('x') }],
    [{}, { iat: 1, kid: 1, subject: 1 }], [{}, { header: 1, algorithm: 1, now: 1 }],
    [null, {}], ['text', {}], [[], {}], [new Date(), {}], [null, { expiresIn: 'soon' }], [{}, { expiresIn: 'soon', notBefore: 'soon' }],
    [{}, { notBefore: 'soon' }], [null, { iat: 1 }], [{}, null], [{}, []], [{}, 'x'],
    [{}, { algorithm: 'RS256' }], [{}, { header: { alg: 'nope' } }], [{}, { header: { crit: ['x'] } }]
  ]
  for (const [payload, options] of cases) {
    const expected = outcome(() => jose.JWT.sign(payload, keys.theirs, options))
    assert.ok(expected.error, JSON.stringify([payload, options]))
    assert.deepStrictEqual(outcome(() => native.JWT.sign(payload, keys.ours, options)), expected, JSON.stringify([payload, options]))
    assert.deepStrictEqual(await outcomeAsync(() => native.JWT.signAsync(payload, keys.ours, options)), expected, 'signAsync')
  }
  // the key is looked at last
  for (const [payload, options] of [[{}, { expiresIn: 'soon' }], [null, {}], [{}, {}]]) {
    const expected = outcome(() => jose.JWT.sign(payload, 'not a key', options))
    assert.deepStrictEqual(outcome(() => native.JWT.sign(payload, 'not a key', options)), expected)
  }
  const stores = [new jose.JWKS.KeyStore(keys.theirs), new native.JWKS.KeyStore(keys.ours)]
  assert.deepStrictEqual(outcome(() => native.JWT.sign({}, stores[1])), outcome(() => jose.JWT.sign({}, stores[0])))
  const enc = jose.JWK.generateSync('RSA', 2048, { use: 'enc' })
  assert.deepStrictEqual(outcome(() => native.JWT.sign({}, native.JWK.asKey(enc.toJWK(true)))), outcome(() => jose.JWT.sign({}, enc)))
})

test('round trips between the libraries', async () => {
  for (const [kty, crv] of [['RSA', 2048], ['EC', 'P-256'], ['OKP', 'Ed25519'], ['oct', 256]]) {
    const theirs = jose.JWK.generateSync(kty, crv)
    const ours = native.JWK.asKey(theirs.toJWK(true))
    const options = { now: NOW, issuer: 'i', audience: 'a', subject: 's', expiresIn: '1h' }
    const verifyOptions = { now: NOW, issuer: 'i', audience: 'a', subject: 's', complete: true }
    const fromUs = native.JWT.sign({ x: 1 }, ours, options)
    const fromThem = jose.JWT.sign({ x: 1 }, theirs, options)
    // signatures may be randomized (PS256, ES256): compare the rest
    const { signature: a, ...there } = jose.JWT.verify(fromUs, theirs, verifyOptions)
    const { signature: b, ...here } = native.JWT.verify(fromThem, ours, verifyOptions)
    assert.deepStrictEqual(comparable({ value: here }), comparable({ value: there }), kty)
    assert.strictEqual(a, fromUs.split('.')[2])
    assert.strictEqual(b, fromThem.split('.')[2])
  }
})
