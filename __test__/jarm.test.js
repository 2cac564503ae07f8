'use strict'

// JARM (OpenID FAPI JWT Secured Authorization Response Mode), which jose
// 1.x listed but never shipped: JWT.JARM.verify and profile 'jarm'. Signed
// code and error responses, the required options and claims, `state`, and
// the signed-then-encrypted form.

const test = require('node:test')
const assert = require('assert')

const { JWT, JWE, JWK, JWKS, errors } = require('..')
const jose = require('jose')
const { thrown } = require('./helpers')

const NOW = new Date(1600000000000)
const T = 1600000000
const ISSUER = 'https://as.example.com'
const CLIENT = 's6BhdRkqt3'

const signingKey = JWK.generateSync('EC', 'P-256')
const verificationKey = JWK.asKey(signingKey.toJWK())
const options = { issuer: ISSUER, audience: CLIENT, now: NOW }

// A response signed by the authorization server: `claims` over the usual
// iss, aud and exp (ten minutes).
const respond = (claims, signOptions = {}) => JWT.sign(claims, signingKey, {
  issuer: ISSUER, audience: CLIENT, expiresIn: '10 minutes', iat: false, now: NOW, ...signOptions
})

const code = { code: 'PyyFaux2o7Q0YfXBU32jhw.5FXSQpvr8akv9CeRDSd0QA', state: 'S8NJ7uqk5fY4EjNvP_G_FtyJu6pUsvH9jsYni9dMAJw' }
const error = { error: 'access_denied', error_description: 'the resource owner denied the request', state: code.state }

// Both entry points, sync and async, must give the same outcome.
async function everyWay (response, key, opts) {
  const outcomes = []
  for (const fn of [
    () => JWT.JARM.verify(response, key, opts),
    () => JWT.JARM.verifyAsync(response, key, opts),
    () => JWT.verify(response, key, { ...opts, profile: 'jarm' }),
    () => JWT.verifyAsync(response, key, { ...opts, profile: 'jarm' })
  ]) {
    try {
      outcomes.push({ value: await fn() })
    } catch (err) {
      outcomes.push({ error: err })
    }
  }
  for (const other of outcomes.slice(1)) {
    if (outcomes[0].error) {
      assert.ok(other.error, 'all fail alike')
      assert.strictEqual(other.error.constructor, outcomes[0].error.constructor)
      assert.strictEqual(other.error.message, outcomes[0].error.message)
      assert.strictEqual(other.error.claim, outcomes[0].error.claim)
    } else {
      assert.deepStrictEqual(other.value, outcomes[0].value)
    }
  }
  return outcomes[0]
}

async function verified (response, key = verificationKey, opts = options) {
  const result = await everyWay(response, key, opts)
  assert.ok(!result.error, result.error && result.error.message)
  return result.value
}

async function rejected (response, key = verificationKey, opts = options) {
  const result = await everyWay(response, key, opts)
  assert.ok(result.error, `expected an error, got ${JSON.stringify(result.value)}`)
  return result.error
}

function claimError (err, Class, claim, reason, message) {
  assert.ok(err instanceof Class, `${err.name}: ${err.message}`)
  assert.strictEqual(err.claim, claim)
  assert.strictEqual(err.reason, reason)
  if (message) assert.strictEqual(err.message, message)
}

test('a signed code response verifies and gives its parameters', async () => {
  const payload = await verified(respond(code))
  assert.deepStrictEqual(payload, { ...code, aud: CLIENT, iss: ISSUER, exp: T + 600 })
  const complete = await verified(respond(code), verificationKey, { ...options, complete: true })
  assert.strictEqual(complete.header.alg, 'ES256')
  assert.strictEqual(complete.key, verificationKey)
  assert.deepStrictEqual(complete.payload, payload)
})

test('a signed error response verifies too; the caller reads `error`', async () => {
  const payload = await verified(respond(error))
  assert.strictEqual(payload.error, 'access_denied')
  assert.strictEqual(payload.error_description, error.error_description)
  assert.strictEqual(payload.code, undefined)
  const withUri = await verified(respond({ ...error, error_uri: 'https://as.example.com/errors/denied' }))
  assert.strictEqual(withUri.error_uri, 'https://as.example.com/errors/denied')
})

test('verifies with a KeyStore, a list of audiences and several issuers', async () => {
  const store = new JWKS.KeyStore([JWK.generateSync('EC', 'P-256'), verificationKey, JWK.generateSync('RSA', 2048)])
  await verified(respond(code), store)
  await verified(respond(code, { audience: [CLIENT, 'https://rs.example.com'] }))
  await verified(respond(code), verificationKey, { ...options, issuer: ['https://other.example.com', ISSUER] })
  await verified(respond(code), verificationKey, { ...options, audience: ['another-client', CLIENT] })
})

test('issuer and audience options are required', async () => {
  const response = respond(code)
  for (const [opts, message] of [
    [{ audience: CLIENT }, '"issuer" option is required to validate a JARM response'],
    [{ issuer: ISSUER }, '"audience" option is required to validate a JARM response'],
    [{}, '"issuer" option is required to validate a JARM response'],
    [undefined, '"issuer" option is required to validate a JARM response']
  ]) {
    // everyWay itself, as `rejected` would fill in the default options
    const { error: err } = await everyWay(response, verificationKey, opts)
    assert.ok(err instanceof TypeError)
    assert.strictEqual(err.message, message)
  }
  const err = await rejected(response, verificationKey, { ...options, issuer: 1 })
  assert.strictEqual(err.message, 'options.issuer must be a string or an array of strings')
})

test('iss, aud and exp claims are required and checked', async () => {
  for (const claim of ['iss', 'aud', 'exp']) {
    const signOptions = { issuer: undefined, audience: undefined, expiresIn: undefined }
    const present = { iss: ISSUER, aud: CLIENT, exp: T + 600 }
    delete present[claim]
    const err = await rejected(respond({ ...code, ...present }, signOptions))
    claimError(err, errors.JWTClaimInvalid, claim, 'missing', `"${claim}" claim is missing`)
  }
  claimError(await rejected(respond(code, { issuer: 'https://evil.example.com' })),
    errors.JWTClaimInvalid, 'iss', 'check_failed', 'unexpected "iss" claim value')
  claimError(await rejected(respond(code, { audience: 'another-client' })),
    errors.JWTClaimInvalid, 'aud', 'check_failed', 'unexpected "aud" claim value')
  claimError(await rejected(respond({ ...code, exp: 'soon' }, { expiresIn: undefined })),
    errors.JWTClaimInvalid, 'exp', 'invalid', '"exp" claim must be a JSON numeric value')
})

test('an expired response is JWTExpired, within clock tolerance it is not', async () => {
  const late = respond(code, { expiresIn: '0s' })
  claimError(await rejected(late), errors.JWTExpired, 'exp', 'check_failed', '"exp" claim timestamp check failed')
  await verified(late, verificationKey, { ...options, clockTolerance: '5s' })
  const future = respond(code, { notBefore: '1 min' })
  claimError(await rejected(future), errors.JWTClaimInvalid, 'nbf', 'check_failed')
})

test('response parameters must be strings', async () => {
  for (const name of ['code', 'state', 'error', 'error_description', 'error_uri']) {
    for (const value of [1, '', null, ['x'], {}]) {
      const err = await rejected(respond({ ...code, [name]: value }))
      claimError(err, errors.JWTClaimInvalid, name, 'invalid', `"${name}" claim must be a string`)
    }
  }
})

test('the state option: present, matching', async () => {
  await verified(respond(code), verificationKey, { ...options, state: code.state })
  claimError(await rejected(respond(code), verificationKey, { ...options, state: 'other' }),
    errors.JWTClaimInvalid, 'state', 'check_failed', 'unexpected "state" claim value')
  claimError(await rejected(respond({ code: code.code }), verificationKey, { ...options, state: code.state }),
    errors.JWTClaimInvalid, 'state', 'missing', '"state" claim is missing')
  const err = await rejected(respond(code), verificationKey, { ...options, state: 1 })
  assert.ok(err instanceof TypeError)
  assert.strictEqual(err.message, 'options.state must be a string')
  // outside the JARM profile `state` is an unknown option and ignored, as jose would
  assert.ok(JWT.verify(respond(code), verificationKey, { now: NOW, state: 'other' }))
})

test('signature problems keep their JWS classes', async () => {
  const response = respond(code)
  assert.ok(await rejected(response.slice(0, -4) + 'AAAA') instanceof errors.JWSVerificationFailed)
  assert.ok(await rejected(response, JWK.generateSync('EC', 'P-256')) instanceof errors.JWSVerificationFailed)
  assert.ok(await rejected(response, verificationKey, { ...options, algorithms: ['RS256'] }) instanceof errors.JOSEAlgNotWhitelisted)
  assert.ok(await rejected('not.a.jwt') instanceof errors.JWTMalformed)
  const none = JWT.sign({ ...code, iss: ISSUER, aud: CLIENT, exp: T + 60 }, JWK.None, { iat: false })
  assert.ok(await rejected(none) instanceof errors.JWKKeySupport)
})

test('jose 1.x itself has no JARM profile', () => {
  const err = thrown(() => jose.JWT.verify(respond(code), jose.JWK.asKey(verificationKey.toJWK()), { ...options, profile: 'jarm' }))
  assert.strictEqual(err.message, 'unsupported options.profile value "jarm"')
})

// The client's encryption keys, and a response signed then encrypted to one.
const clientRsa = JWK.generateSync('RSA', 2048, { use: 'enc' })
const clientEc = JWK.generateSync('EC', 'P-256', { use: 'enc' })
const encrypt = (jwt, key, header = { alg: 'RSA-OAEP-256', enc: 'A256GCM' }) =>
  JWE.encrypt(jwt, JWK.asKey(key.toJWK()), { ...header, cty: 'JWT' })

test('a signed then encrypted response is decrypted with decryptionKey, then verified', async () => {
  for (const [key, header] of [
    [clientRsa, { alg: 'RSA-OAEP-256', enc: 'A256GCM' }],
    [clientRsa, { alg: 'RSA-OAEP', enc: 'A128CBC-HS256' }],
    [clientEc, { alg: 'ECDH-ES', enc: 'A256GCM' }],
    [clientEc, { alg: 'ECDH-ES+A128KW', enc: 'A192CBC-HS384' }]
  ]) {
    const response = encrypt(respond(code), key, header)
    assert.strictEqual(response.split('.').length, 5)
    const payload = await verified(response, verificationKey, { ...options, decryptionKey: key })
    assert.deepStrictEqual(payload, { ...code, aud: CLIENT, iss: ISSUER, exp: T + 600 }, header.alg)
  }
  // a KeyStore as decryptionKey, and an error response
  const store = new JWKS.KeyStore([clientEc, clientRsa])
  const payload = await verified(encrypt(respond(error), clientRsa), verificationKey, { ...options, decryptionKey: store })
  assert.strictEqual(payload.error, 'access_denied')
  // complete results describe the signed JWT inside
  const complete = await verified(encrypt(respond(code), clientRsa), verificationKey, { ...options, decryptionKey: clientRsa, complete: true })
  assert.strictEqual(complete.header.alg, 'ES256')
  assert.strictEqual(complete.key, verificationKey)
})

test('responses encrypted by jose 1.28.2 decrypt here', async () => {
  const theirKey = jose.JWK.asKey(clientRsa.toJWK())
  const response = jose.JWE.encrypt(respond(code), theirKey, { alg: 'RSA-OAEP', enc: 'A128GCM', cty: 'JWT' })
  assert.strictEqual((await verified(response, verificationKey, { ...options, decryptionKey: clientRsa })).code, code.code)
})

test('what goes wrong inside an encrypted response keeps its class', async () => {
  const withKey = { ...options, decryptionKey: clientRsa }
  const otherRsa = JWK.generateSync('RSA', 2048)
  assert.ok(await rejected(encrypt(respond(code), clientRsa), verificationKey, { ...options, decryptionKey: otherRsa }) instanceof errors.JWEDecryptionFailed)
  assert.ok(await rejected(encrypt(respond(code), clientRsa), verificationKey, { ...options, decryptionKey: clientEc }) instanceof errors.JWKKeySupport)
  const broken = encrypt(respond(code), clientRsa).split('.')
  broken[3] = broken[3].slice(0, -2) + (broken[3].endsWith('AA') ? 'BA' : 'AA')
  assert.ok(await rejected(broken.join('.'), verificationKey, withKey) instanceof errors.JWEDecryptionFailed)
  // the signature and the claims of the JWT inside
  assert.ok(await rejected(encrypt(respond(code), clientRsa), JWK.generateSync('EC', 'P-256'), withKey) instanceof errors.JWSVerificationFailed)
  claimError(await rejected(encrypt(respond(code, { audience: 'another-client' }), clientRsa), verificationKey, withKey),
    errors.JWTClaimInvalid, 'aud', 'check_failed')
  claimError(await rejected(encrypt(respond(code, { expiresIn: '0s' }), clientRsa), verificationKey, withKey),
    errors.JWTExpired, 'exp', 'check_failed')
  // cleartext that is no JWT
  for (const [cleartext, message] of [['hello', 'JWTs must have three components'], ['{"code":"x"}', 'JWTs must have three components'], ['a.b.c', 'JWT is malformed']]) {
    const err = await rejected(encrypt(cleartext, clientRsa), verificationKey, withKey)
    assert.ok(err instanceof errors.JWTMalformed, err.message)
    assert.strictEqual(err.message, message)
  }
  // a JWE inside a JWE is not a JWT either
  const twice = encrypt(encrypt(respond(code), clientRsa), clientRsa)
  const err = await rejected(twice, verificationKey, withKey)
  assert.ok(err instanceof TypeError)
  assert.strictEqual(err.message, 'JWTs must be decrypted first')
})

test('decryptionAlgorithms limits the JWE algorithms', async () => {
  const response = encrypt(respond(code), clientRsa)
  await verified(response, verificationKey, { ...options, decryptionKey: clientRsa, decryptionAlgorithms: ['RSA-OAEP-256', 'A256GCM'] })
  assert.ok(await rejected(response, verificationKey, { ...options, decryptionKey: clientRsa, decryptionAlgorithms: ['RSA-OAEP', 'A256GCM'] }) instanceof errors.JOSEAlgNotWhitelisted)
  for (const bad of ['RSA-OAEP', [], [''], [1]]) {
    const err = await rejected(response, verificationKey, { ...options, decryptionKey: clientRsa, decryptionAlgorithms: bad })
    assert.ok(err instanceof TypeError)
    assert.strictEqual(err.message, 'options.decryptionAlgorithms must be an array of strings')
  }
  // the JWT's own `algorithms` is for its signature
  assert.ok(await verified(response, verificationKey, { ...options, decryptionKey: clientRsa, algorithms: ['ES256'] }))
})

test('an encrypted response needs decryptionKey, and decryptionKey needs an encrypted response', async () => {
  const encrypted = encrypt(respond(code), clientRsa)
  const err = await rejected(encrypted)
  assert.ok(err instanceof TypeError)
  assert.strictEqual(err.message, 'the JARM response is encrypted, options.decryptionKey is required to decrypt it')
  const plain = await rejected(respond(code), verificationKey, { ...options, decryptionKey: clientRsa })
  assert.ok(plain instanceof errors.JWTMalformed)
  assert.strictEqual(plain.message, 'the JARM response is not encrypted, options.decryptionKey expects an encrypted response')
  // option checks still come first, and a bad decryption key is JWE's TypeError
  const first = await rejected(encrypted, verificationKey, { audience: CLIENT, decryptionKey: clientRsa })
  assert.strictEqual(first.message, '"issuer" option is required to validate a JARM response')
  const badKey = await rejected(encrypted, verificationKey, { ...options, decryptionKey: 42 })
  assert.ok(badKey instanceof TypeError)
  assert.match(badKey.message, /^key must be an instance of a key instantiated by JWK.asKey/)
  // outside the JARM profile decryptionKey means nothing, as jose ignores unknown options
  assert.throws(() => JWT.verify(encrypted, verificationKey, { ...options, decryptionKey: clientRsa }), { message: 'JWTs must be decrypted first' })
})
