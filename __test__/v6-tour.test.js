'use strict'

// examples/v6-tour.js: it runs, says what it should, jose 6 verifies the
// token it prints, and the same file with `require('jose')` for its one
// import prints the same (random parts masked) on jose 6 itself.

const { test } = require('node:test')
const assert = require('assert')
const { execFileSync } = require('child_process')
const { mkdtempSync, readFileSync, rmSync, writeFileSync } = require('fs')
const { join } = require('path')
const { tmpdir } = require('os')

const tour = join(__dirname, '..', 'examples', 'v6-tour.js')
const runTour = (file) => execFileSync(process.execPath, [file], { encoding: 'utf8', timeout: 60000 })

let output
const tourOutput = () => (output ??= runTour(tour))

// The text after a `== title` line, up to the next blank line.
function section (out, title) {
  const match = out.match(new RegExp(`^== ${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n([\\s\\S]*?)(?:\\n\\n|\\n?(?![\\s\\S]))`, 'm'))
  assert.ok(match, `the tour prints "${title}"`)
  return match[1]
}

// The JSON object printed after a `== title` line.
const jsonSection = (out, title) => JSON.parse(section(out, title).replace(/(?<=^\}$)[\s\S]*/m, ''))

test('examples/v6-tour.js runs and shows each part of the API', () => {
  const out = tourOutput()
  assert.match(out, /^ES256 {3}CryptoKey private ECDSA {3}P-256 {3}usages sign$/m)
  assert.match(out, /^HS256 {3}CryptoKey secret {2}HMAC {4}SHA-256 usages sign verify$/m)
  assert.match(out, /^wrong audience: JWTClaimValidationFailed ERR_JWT_CLAIM_VALIDATION_FAILED \(claim aud, reason check_failed\): unexpected "aud" claim value$/m)
  assert.match(out, /^ {2}instanceof errors\.JWTClaimValidationFailed: true, of errors\.JOSEError: true$/m)
  assert.match(out, /^three hours later: JWTExpired ERR_JWT_EXPIRED \(claim exp, reason check_failed\)$/m)
  assert.match(out, /^HS256 token, only ES256 allowed: JOSEAlgNotAllowed ERR_JOSE_ALG_NOT_ALLOWED$/m)
  assert.match(out, /^compactVerify: \{"event":"order\.created","id":"ord_42"\} \(alg EdDSA\)$/m)
  assert.match(out, /^flattenedVerify: unprotected header \{"kid":"rsa-1","department":"finance"\}$/m)
  assert.match(out, /^generalVerify with the ES256 key: the signature with kid es-1$/m)
  assert.match(out, /^generalVerify with the Ed25519 key: the signature with kid ed-1$/m)
  assert.match(out, /verifies with the imported SPKI key: true$/m)
  assert.match(out, /^importJWK: CryptoKey public ECDSA P-256$/m)
  assert.match(out, /^exportJWK of the HS256 secret: kty oct, 32 bytes$/m)
  const [, jwkThumbprint] = out.match(/^thumbprint of the ES256 JWK: +(\S{43})$/m)
  assert.match(out, new RegExp(`^the same, from the CryptoKey: +${jwkThumbprint}$`, 'm'))
  assert.match(out, /^its SHA-512 thumbprint: +[A-Za-z0-9_-]{86}$/m)
  assert.match(out, new RegExp(`^its thumbprint URI: +urn:ietf:params:oauth:jwk-thumbprint:sha-256:${jwkThumbprint}$`, 'm'))
  assert.match(out, /^jwtVerify with createLocalJWKSet: sub user-1, the key with kid es-1$/m)
  assert.match(out, /^a kid the set does not have: JWKSNoMatchingKey ERR_JWKS_NO_MATCHING_KEY$/m)
  assert.match(out, /^compactVerify with EmbeddedJWK: self-contained, signed by the key with thumbprint [A-Za-z0-9_-]{43}$/m)
  assert.deepStrictEqual(jsonSection(out, 'decodeProtectedHeader'), { alg: 'ES256', typ: 'JWT', kid: 'es-1' })
  const general = jsonSection(out, 'general JWS with 2 signatures')
  assert.strictEqual(general.signatures.length, 2)
  assert.match(out, /^jwtDecrypt: urn:example:claim=true, iss replicated in the header: https:\/\/op\.example\.com$/m)
  assert.match(out, /^compactDecrypt: for your eyes only$/m)
  assert.match(out, /^generalDecrypt with the password: for both of you$/m)
})

test('jose 6 verifies the JWT and the general JWS the tour prints with the public JWK it prints', async () => {
  const jose6 = await import('jose6')
  const out = tourOutput()
  const jwt = section(out, 'ES256 JWT')
  const jwk = jsonSection(out, 'ES256 public JWK')
  const { payload, protectedHeader } = await jose6.jwtVerify(jwt, await jose6.importJWK(jwk, 'ES256'), {
    issuer: 'https://op.example.com', audience: 'urn:example:client', requiredClaims: ['jti']
  })
  assert.deepStrictEqual(protectedHeader, { alg: 'ES256', typ: 'JWT', kid: 'es-1' })
  assert.deepStrictEqual(payload, jsonSection(out, 'decodeJwt'))
  assert.strictEqual(payload.sub, 'user-1')
  // and the general JWS's ES256 signature, made with the same key
  const general = await jose6.generalVerify(jsonSection(out, 'general JWS with 2 signatures'), await jose6.importJWK(jwk, 'ES256'))
  assert.deepStrictEqual(general.protectedHeader, { alg: 'ES256', kid: 'es-1' })
  assert.deepStrictEqual(JSON.parse(new TextDecoder().decode(general.payload)), { event: 'order.created', id: 'ord_42' })
})

// Tokens, signatures, keys and timestamps differ from run to run.
const mask = (out) => out.replace(/[A-Za-z0-9_+/=-]{20,}/g, '<b64>').replace(/\b1\d{9}\b/g, '<time>')

test('the tour, importing jose 6 instead, prints the same on jose 6', {
  skip: !process.features.require_module && 'this Node.js cannot require() jose 6 (an ES module)'
}, (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'jose-native-tour-'))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  const source = readFileSync(tour, 'utf8')
  const specifier = "require('../v6')"
  assert.strictEqual(source.split(specifier).length, 2, 'the tour imports the API once')
  const onJose6 = join(dir, 'v6-tour-jose6.js')
  writeFileSync(onJose6, source.replace(specifier, `require(${JSON.stringify(require.resolve('jose6'))})`))
  assert.strictEqual(mask(runTour(onJose6)), mask(tourOutput()))
})
