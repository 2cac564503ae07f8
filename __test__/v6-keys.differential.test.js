'use strict'

// jose-native/v6 against jose 6 (the jose6 devDependency) for keys: the
// import functions (JWK, SPKI, PKCS#8, X.509) over every key type and
// algorithm, export (JWK, SPKI, PKCS#8 text compared exactly), key pair and
// secret generation (CryptoKeys compared by their attributes; random keys
// cross-checked by using one library's key with the other), JWK
// thumbprints, createLocalJWKSet and EmbeddedJWK. Each case's result, or
// error class, code and message, must be the same in both; cases where
// jose-native/v6 is known to differ run in their own `todo` tests.

const test = require('node:test')
const assert = require('node:assert')
const { readFileSync } = require('node:fs')
const path = require('node:path')
const { generateKeyPairSync, createSecretKey, webcrypto } = require('node:crypto')

const { comparable, differences, divergenceTests, jose6, nodeKeys, partition, v6 } = require('./v6-helpers')

const keys = {
  ...nodeKeys(),
  secp256k1: generateKeyPairSync('ec', { namedCurve: 'secp256k1' }),
  ed448: generateKeyPairSync('ed448'),
  x448: generateKeyPairSync('x448'),
  rsaPss: generateKeyPairSync('rsa-pss', { modulusLength: 2048 })
}
const SECRET = new Uint8Array(keys.secret.export())
const CERT_EC = readFileSync(path.join(__dirname, 'fixtures/cert.pem'), 'utf8')
const CERT_RSA = readFileSync(path.join(__dirname, 'fixtures/cert-rsa.pem'), 'utf8')

const JWS_ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519']
const JWE_ASYMMETRIC = ['RSA-OAEP', 'RSA-OAEP-256', 'RSA-OAEP-384', 'RSA-OAEP-512', 'ECDH-ES', 'ECDH-ES+A128KW', 'ECDH-ES+A192KW', 'ECDH-ES+A256KW']
const NOT_ASYMMETRIC = ['HS256', 'HS512', 'dir', 'A128KW', 'A256GCMKW', 'A128GCM', 'A128CBC-HS256', 'PBES2-HS256+A128KW', 'ES256K', 'Ed448', 'ML-DSA-44', 'none', '', 'rs256', undefined, null, 1]
const ALGS = [...JWS_ASYMMETRIC, ...JWE_ASYMMETRIC, ...NOT_ASYMMETRIC]

const text = (value) => typeof value === 'string' ? value : String(value)
const jwkOf = (keyObject) => keyObject.export({ format: 'jwk' })
const pem = (keyObject, type) => keyObject.export({ format: 'pem', type })

// key pairs by name, each as KeyObjects
const PAIRS = {
  rsa: keys.rsa,
  rsa1024: keys.rsa1024,
  p256: keys.p256,
  p384: keys.p384,
  p521: keys.p521,
  ed25519: keys.ed25519,
  x25519: keys.x25519,
  secp256k1: keys.secp256k1,
  ed448: keys.ed448,
  x448: keys.x448
}

// ---------------------------------------------------------------- importJWK

function jwks () {
  const list = []
  for (const [name, pair] of Object.entries(PAIRS)) {
    list.push([`${name} public`, jwkOf(pair.publicKey)])
    list.push([`${name} private`, jwkOf(pair.privateKey)])
  }
  const k = Buffer.from(SECRET).toString('base64url')
  const p256 = jwkOf(keys.p256.publicKey)
  const p256d = jwkOf(keys.p256.privateKey)
  list.push(
    ['oct', { kty: 'oct', k }],
    ['oct empty k', { kty: 'oct', k: '' }],
    ['oct k plus', { kty: 'oct', k: 'AA+A' }],
    ['oct k junk', { kty: 'oct', k: '!!' }],
    ['oct k one char', { kty: 'oct', k: 'A' }],
    ['oct k whitespace', { kty: 'oct', k: 'AA AA' }],
    ['oct k padded', { kty: 'oct', k: 'AA==' }],
    ['oct k number', { kty: 'oct', k: 1 }],
    ['oct no k', { kty: 'oct' }],
    ['oct with alg', { kty: 'oct', k, alg: 'HS256' }],
    ['no kty', { crv: 'P-256', x: p256.x, y: p256.y }],
    ['kty number', { ...p256, kty: 1 }],
    ['kty unknown', { ...p256, kty: 'ec' }],
    ['AKP', { kty: 'AKP', alg: 'ML-DSA-44', pub: 'AAAA' }],
    ['p256 alg ES256', { ...p256, alg: 'ES256' }],
    ['p256 alg ES384', { ...p256, alg: 'ES384' }],
    ['p256 alg number', { ...p256, alg: 1 }],
    ['p256 use enc', { ...p256, use: 'enc' }],
    ['p256 use sig', { ...p256, use: 'sig' }],
    ['p256 key_ops verify', { ...p256, key_ops: ['verify'] }],
    ['p256 key_ops sign', { ...p256, key_ops: ['sign'] }],
    ['p256 key_ops empty', { ...p256, key_ops: [] }],
    ['p256 key_ops duplicates', { ...p256, key_ops: ['verify', 'verify'] }],
    ['p256 key_ops string', { ...p256, key_ops: 'verify' }],
    ['p256 key_ops numbers', { ...p256, key_ops: [1] }],
    ['p256 key_ops unknown', { ...p256, key_ops: ['fly'] }],
    ['p256 ext true', { ...p256, ext: true }],
    ['p256 ext false', { ...p256, ext: false }],
    ['p256 ext string', { ...p256, ext: 'yes' }],
    ['p256 crv number', { ...p256, crv: 5 }],
    ['p256 crv missing', { kty: 'EC', x: p256.x, y: p256.y }],
    ['p256 x broken', { ...p256, x: 'AAAA' }],
    ['p256 private ext false', { ...p256d, ext: false }],
    ['p256 private ext true', { ...p256d, ext: true }],
    ['p256 private key_ops sign', { ...p256d, key_ops: ['sign'] }],
    ['p256 private key_ops deriveBits', { ...p256d, key_ops: ['deriveBits'] }],
    ['p256 private empty d', { ...p256d, d: '' }],
    ['rsa public alg RSA-OAEP', { ...jwkOf(keys.rsa.publicKey), alg: 'RSA-OAEP' }],
    ['rsa private missing primes', (({ kty, n, e, d }) => ({ kty, n, e, d }))(jwkOf(keys.rsa.privateKey))],
    ['x25519 public use enc', { ...jwkOf(keys.x25519.publicKey), use: 'enc' }],
    ['ed25519 private key_ops sign', { ...jwkOf(keys.ed25519.privateKey), key_ops: ['sign'] }]
  )
  return list
}

const JWK_OPTIONS = [['no options', undefined], ['extractable true', { extractable: true }], ['extractable false', { extractable: false }], ['extractable string', { extractable: 'yes' }]]

function importJwkCases () {
  const cases = []
  for (const [name, jwk] of jwks()) {
    for (const alg of ALGS) {
      cases.push([`${name} | ${text(alg)}`, (lib) => lib.importJWK({ ...jwk }, alg)])
    }
    // the JWK's own alg (or none)
    for (const [optionsName, options] of JWK_OPTIONS) {
      cases.push([`${name} | no alg | ${optionsName}`, (lib) => lib.importJWK({ ...jwk }, undefined, options)])
    }
  }
  // the options over keys that import
  const good = [
    ['rsa public', jwkOf(keys.rsa.publicKey), ['RS256', 'PS384', 'RSA-OAEP-256']],
    ['rsa private', jwkOf(keys.rsa.privateKey), ['RS512', 'PS256', 'RSA-OAEP']],
    ['p384 private', jwkOf(keys.p384.privateKey), ['ES384', 'ECDH-ES+A192KW']],
    ['ed25519 private', jwkOf(keys.ed25519.privateKey), ['EdDSA', 'Ed25519']],
    ['x25519 private', jwkOf(keys.x25519.privateKey), ['ECDH-ES']],
    ['p256 public ext false', { ...jwkOf(keys.p256.publicKey), ext: false }, ['ES256']],
    ['p256 private ext true', { ...jwkOf(keys.p256.privateKey), ext: true }, ['ES256']],
    ['oct', { kty: 'oct', k: 'AAAA' }, ['HS256', 'A128KW']]
  ]
  for (const [name, jwk, algs] of good) {
    for (const alg of algs) {
      for (const [optionsName, options] of JWK_OPTIONS) {
        cases.push([`${name} | ${alg} | ${optionsName}`, (lib) => lib.importJWK({ ...jwk }, alg, options)])
      }
    }
  }
  for (const input of [null, undefined, 'x', [], new Map(), Object.create({ kty: 'oct' }), keys.p256.publicKey]) {
    cases.push([`not a JWK: ${Object.prototype.toString.call(input)} | ES256`, (lib) => lib.importJWK(input, 'ES256')])
  }
  cases.push(['null prototype JWK | ES256', (lib) => lib.importJWK(Object.assign(Object.create(null), jwkOf(keys.p256.publicKey)), 'ES256')])
  cases.push(['JWK with BigInt member | ES256', (lib) => lib.importJWK({ ...jwkOf(keys.p256.publicKey), n: 1n }, 'ES256')])
  cases.push(['JWK with a function member | ES256', (lib) => lib.importJWK({ ...jwkOf(keys.p256.publicKey), f () {} }, 'ES256')])
  return cases
}

const IMPORT_JWK_DIVERGENT = [
  [(label) => label.startsWith('AKP |') && !['AKP | ', 'AKP | no alg | extractable string'].includes(label), 'v6 divergence: kty "AKP" (ML-DSA) is refused as an unsupported kty; jose 6 requires the argument alg to equal the JWK alg ("JWK alg and alg option value mismatch") and leaves ML-DSA to WebCrypto (NotSupportedError on Node 20)']
]

test('importJWK: every key type × every algorithm, and the options', async () => {
  const [agreeing] = partition(importJwkCases(), IMPORT_JWK_DIVERGENT)
  assert.ok(agreeing.length > 1000)
  assert.deepStrictEqual(await differences(agreeing), [])
})

divergenceTests('importJWK', IMPORT_JWK_DIVERGENT, importJwkCases)

// ------------------------------------------- importSPKI, importPKCS8, importX509

function pemCases () {
  const cases = []
  const options = [['no options', undefined], ['extractable true', { extractable: true }], ['extractable false', { extractable: false }], ['extractable number', { extractable: 1 }]]
  for (const [name, pair] of Object.entries({ ...PAIRS, rsaPss: keys.rsaPss })) {
    const spki = pem(pair.publicKey, 'spki')
    const pkcs8 = pem(pair.privateKey, 'pkcs8')
    for (const alg of ALGS) {
      cases.push([`importSPKI ${name} | ${text(alg)}`, (lib) => lib.importSPKI(spki, alg)])
      cases.push([`importPKCS8 ${name} | ${text(alg)}`, (lib) => lib.importPKCS8(pkcs8, alg)])
    }
    const alg = { rsa: 'PS256', rsa1024: 'RS256', p256: 'ES256', p384: 'ECDH-ES', p521: 'ES512', ed25519: 'EdDSA', x25519: 'ECDH-ES+A256KW' }[name] ?? 'RS256'
    for (const [optionsName, option] of options) {
      cases.push([`importSPKI ${name} | ${alg} | ${optionsName}`, (lib) => lib.importSPKI(spki, alg, option)])
      cases.push([`importPKCS8 ${name} | ${alg} | ${optionsName}`, (lib) => lib.importPKCS8(pkcs8, alg, option)])
    }
  }
  for (const [name, cert] of [['cert EC', CERT_EC], ['cert RSA', CERT_RSA]]) {
    for (const alg of ALGS) {
      cases.push([`importX509 ${name} | ${text(alg)}`, (lib) => lib.importX509(cert, alg)])
    }
    for (const [optionsName, option] of options) {
      cases.push([`importX509 ${name} | ${name === 'cert EC' ? 'ES256' : 'RS256'} | ${optionsName}`, (lib) => lib.importX509(cert, name === 'cert EC' ? 'ES256' : 'RS256', option)])
    }
  }
  // broken or unusual PEM text
  const spki = pem(keys.p256.publicKey, 'spki')
  const pkcs8 = pem(keys.p256.privateKey, 'pkcs8')
  const body = (p) => p.split('\n').slice(1, -2).join('\n')
  const variants = (text, label) => [
    ['as is', text],
    ['CRLF', text.replace(/\n/g, '\r\n')],
    ['no line breaks', text.replace(/\n/g, '')],
    ['leading space', ` ${text}`],
    ['leading newline', `\n${text}`],
    ['lowercase label', text.replace(/-----BEGIN [A-Z ]+-----/, (m) => m.toLowerCase())],
    ['trailing text', `${text}trailing`],
    ['text after END', `${text}\n-----BEGIN ${label}-----\nAAAA\n-----END ${label}-----\n`],
    ['junk in body', text.replace('\n', '\n!!!!')],
    ['tab in body', text.replace('\n', '\n\t')],
    ['padding inside body', text.replace('\n', '\nAA==')],
    ['truncated body', `-----BEGIN ${label}-----\n${body(text).slice(0, 40)}\n-----END ${label}-----\n`],
    ['empty body', `-----BEGIN ${label}-----\n-----END ${label}-----\n`],
    ['body only', body(text)],
    ['base64url body', text.replace(/\+/g, '-').replace(/\//g, '_')],
    ['no END', `-----BEGIN ${label}-----\n${body(text)}\n`],
    ['empty', ''],
    ['not a string', Buffer.from(text)],
    ['null', null]
  ]
  for (const [name, input] of variants(spki, 'PUBLIC KEY')) {
    cases.push([`importSPKI text ${name} | ES256`, (lib) => lib.importSPKI(input, 'ES256')])
    cases.push([`importSPKI text ${name} | ECDH-ES`, (lib) => lib.importSPKI(input, 'ECDH-ES')])
  }
  for (const [name, input] of variants(pkcs8, 'PRIVATE KEY')) {
    cases.push([`importPKCS8 text ${name} | ES256`, (lib) => lib.importPKCS8(input, 'ES256')])
    cases.push([`importPKCS8 text ${name} | ECDH-ES`, (lib) => lib.importPKCS8(input, 'ECDH-ES')])
  }
  for (const [name, input] of variants(CERT_EC, 'CERTIFICATE')) {
    cases.push([`importX509 text ${name} | ES256`, (lib) => lib.importX509(input, 'ES256')])
    cases.push([`importX509 text ${name} | ECDH-ES`, (lib) => lib.importX509(input, 'ECDH-ES')])
  }
  const mislabelled = [
    ['SPKI body as PKCS#8', 'importPKCS8', `-----BEGIN PRIVATE KEY-----\n${body(spki)}\n-----END PRIVATE KEY-----\n`],
    ['PKCS#8 body as SPKI', 'importSPKI', `-----BEGIN PUBLIC KEY-----\n${body(pkcs8)}\n-----END PUBLIC KEY-----\n`],
    ['certificate body as SPKI', 'importSPKI', `-----BEGIN PUBLIC KEY-----\n${body(CERT_EC)}\n-----END PUBLIC KEY-----\n`],
    ['SPKI body as certificate', 'importX509', `-----BEGIN CERTIFICATE-----\n${body(spki)}\n-----END CERTIFICATE-----\n`],
    ['PKCS#1 RSA', 'importPKCS8', keys.rsa.privateKey.export({ format: 'pem', type: 'pkcs1' })],
    ['PKCS#1 RSA public', 'importSPKI', keys.rsa.publicKey.export({ format: 'pem', type: 'pkcs1' })],
    ['SEC1 EC', 'importPKCS8', keys.p256.privateKey.export({ format: 'pem', type: 'sec1' })],
    ['SPKI as PKCS#8', 'importPKCS8', spki],
    ['PKCS#8 as X.509', 'importX509', pkcs8],
    ['X.509 as SPKI', 'importSPKI', CERT_EC]
  ]
  for (const [name, fn, input] of mislabelled) {
    for (const alg of ['ES256', 'ECDH-ES', 'RS256']) {
      cases.push([`${fn} ${name} | ${alg}`, (lib) => lib[fn](input, alg)])
    }
  }
  return cases
}

const PEM_DIVERGENT = [
  [/\| ML-DSA-44$/, 'v6 divergence: no ML-DSA (AKP) at all; jose 6 knows the algorithms and leaves them to WebCrypto, which on Node 20 throws NotSupportedError']
]

test('importSPKI, importPKCS8, importX509: every key type × every algorithm, the options, broken PEM', async () => {
  const [agreeing] = partition(pemCases(), PEM_DIVERGENT)
  assert.ok(agreeing.length > 900)
  assert.deepStrictEqual(await differences(agreeing), [])
})

divergenceTests('importSPKI, importPKCS8, importX509', PEM_DIVERGENT, pemCases)

// ------------------------------------------------------------------- export

/** Keys to export, made by each library (`lib`) or given to both. */
async function exportInputs (lib) {
  const inputs = []
  const imported = [
    ['RSA', 'RS256', keys.rsa], ['RSA-PSS', 'PS512', keys.rsa], ['RSA-OAEP', 'RSA-OAEP-384', keys.rsa],
    ['P-256', 'ES256', keys.p256], ['P-384', 'ES384', keys.p384], ['P-521', 'ES512', keys.p521],
    ['ECDH P-521', 'ECDH-ES+A128KW', keys.p521], ['Ed25519', 'EdDSA', keys.ed25519], ['X25519', 'ECDH-ES', keys.x25519]
  ]
  for (const [name, alg, pair] of imported) {
    inputs.push([`${name} JWK public`, () => lib.importJWK(jwkOf(pair.publicKey), alg)])
    inputs.push([`${name} JWK private extractable`, () => lib.importJWK(jwkOf(pair.privateKey), alg, { extractable: true })])
    inputs.push([`${name} JWK private`, () => lib.importJWK(jwkOf(pair.privateKey), alg)])
    inputs.push([`${name} SPKI`, () => lib.importSPKI(pem(pair.publicKey, 'spki'), alg)])
    inputs.push([`${name} SPKI not extractable`, () => lib.importSPKI(pem(pair.publicKey, 'spki'), alg, { extractable: false })])
    inputs.push([`${name} PKCS#8 extractable`, () => lib.importPKCS8(pem(pair.privateKey, 'pkcs8'), alg, { extractable: true })])
    inputs.push([`${name} PKCS#8`, () => lib.importPKCS8(pem(pair.privateKey, 'pkcs8'), alg)])
  }
  inputs.push(['X.509 EC', () => lib.importX509(CERT_EC, 'ES256')])
  inputs.push(['X.509 RSA', () => lib.importX509(CERT_RSA, 'RSA-OAEP')])
  inputs.push(['oct JWK', () => lib.importJWK({ kty: 'oct', k: 'AAECAw' }, 'HS256')])
  return inputs
}

/** Keys handed to both libraries as they are. */
async function sharedExportInputs () {
  const subtle = webcrypto.subtle
  const hmac = await subtle.importKey('raw', SECRET, { name: 'HMAC', hash: 'SHA-256' }, true, ['sign'])
  const aes = await subtle.importKey('raw', SECRET.slice(0, 16), { name: 'AES-KW' }, true, ['wrapKey'])
  const hidden = await subtle.importKey('raw', SECRET, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  const ec = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])
  const ed448 = await subtle.generateKey({ name: 'Ed448' }, true, ['sign', 'verify'])
  return [
    ['HMAC CryptoKey', hmac], ['AES-KW CryptoKey', aes], ['non-extractable HMAC CryptoKey', hidden],
    ['ECDSA CryptoKey public', ec.publicKey], ['ECDSA CryptoKey private', ec.privateKey],
    ['Ed448 CryptoKey public', ed448.publicKey], ['Ed448 CryptoKey private', ed448.privateKey],
    ...Object.entries(PAIRS).flatMap(([name, pair]) => [[`${name} KeyObject public`, pair.publicKey], [`${name} KeyObject private`, pair.privateKey]]),
    ['RSA-PSS KeyObject public', keys.rsaPss.publicKey], ['RSA-PSS KeyObject private', keys.rsaPss.privateKey],
    ['secret KeyObject', keys.secret], ['empty secret KeyObject', createSecretKey(Buffer.alloc(0))],
    ['Uint8Array', SECRET], ['empty Uint8Array', new Uint8Array(0)], ['Buffer', Buffer.from('abc')],
    ['DataView', new DataView(SECRET.buffer)], ['ArrayBuffer', SECRET.buffer], ['JWK', jwkOf(keys.p256.publicKey)],
    ['string', 'x'], ['null', null], ['undefined', undefined], ['function', function named () {}], ['object', {}]
  ]
}

const EXPORTS = ['exportJWK', 'exportSPKI', 'exportPKCS8']

async function exportCases () {
  const cases = []
  for (const [name, key] of await sharedExportInputs()) {
    for (const fn of EXPORTS) cases.push([`${fn} ${name}`, (lib) => lib[fn](key)])
  }
  // each library exports the keys it made itself
  for (const [i, [name]] of (await exportInputs(v6)).entries()) {
    for (const fn of EXPORTS) {
      cases.push([`${fn} own ${name}`, async (lib) => lib[fn](await (await exportInputs(lib))[i][1]())])
    }
  }
  // and the other library's keys
  for (const [i, [name]] of (await exportInputs(v6)).entries()) {
    cases.push([`exportJWK other's ${name}`, async (lib) => lib.exportJWK(await (await exportInputs(lib === v6 ? await jose6() : v6))[i][1]())])
  }
  return cases
}

test('exportJWK, exportSPKI, exportPKCS8: the same text for every key form and kind', async () => {
  assert.deepStrictEqual(await differences(await exportCases()), [])
})

// --------------------------------------------------------- generateKeyPair

/** A result with the random parts replaced by their shape. */
function shape (value) {
  if (value instanceof Uint8Array) return { randomBytes: value.length }
  return comparable(value)
}

function generateCases () {
  const cases = []
  for (const alg of ALGS) {
    cases.push([`generateKeyPair ${text(alg)}`, async (lib) => shape(await lib.generateKeyPair(alg))])
    cases.push([`generateKeyPair ${text(alg)} extractable`, async (lib) => shape(await lib.generateKeyPair(alg, { extractable: true }))])
  }
  const options = [
    ['ES256', { crv: 'P-256' }], ['ES256', { crv: 'P-384' }], ['ES256', { crv: null }], ['ES256', { crv: 1 }], ['ES384', { crv: 'P-384' }],
    ['EdDSA', { crv: 'Ed25519' }], ['EdDSA', { crv: 'Ed448' }], ['Ed25519', { crv: 'X25519' }], ['Ed25519', { crv: '' }],
    ['ECDH-ES', { crv: 'P-384' }], ['ECDH-ES', { crv: 'P-521' }], ['ECDH-ES', { crv: 'X25519' }], ['ECDH-ES+A128KW', { crv: 'X25519' }],
    ['ECDH-ES', { crv: 'Ed25519' }], ['ECDH-ES', { crv: 'X448' }], ['ECDH-ES', { crv: 'secp256k1' }], ['ECDH-ES', { crv: null }],
    ['ECDH-ES', { crv: 1 }], ['ECDH-ES', { crv: undefined }], ['ECDH-ES+A256KW', { crv: 'P-256', extractable: true }],
    ['RS256', { crv: 'P-256' }], ['RS256', { modulusLength: 2048 }], ['RS256', { modulusLength: 3072 }], ['RS256', { modulusLength: 2047 }],
    ['RS256', { modulusLength: 1024 }], ['RS256', { modulusLength: 2049 }], ['PS256', { modulusLength: 2304 }], ['RS256', { modulusLength: '2048' }],
    ['RS256', { modulusLength: 2048.5 }], ['RS256', { modulusLength: NaN }], ['RS256', { modulusLength: Infinity }], ['RS256', { modulusLength: null }],
    ['RSA-OAEP', { modulusLength: 3072 }], ['RSA-OAEP-256', { modulusLength: 2047 }], ['ES256', { modulusLength: 1 }],
    ['ES256', { extractable: 'yes' }], ['ES256', { extractable: false }], ['RS256', { extractable: 1 }], ['HS256', { extractable: 1 }],
    ['EdDSA', null], ['ECDH-ES', 'P-384']
  ]
  for (const [alg, option] of options) {
    cases.push([`generateKeyPair ${alg} ${JSON.stringify(option)}`, async (lib) => shape(await lib.generateKeyPair(alg, option))])
  }
  const secrets = ['HS256', 'HS384', 'HS512', 'A128KW', 'A192KW', 'A256KW', 'A128GCMKW', 'A192GCMKW', 'A256GCMKW', 'A128GCM', 'A192GCM', 'A256GCM',
    'A128CBC-HS256', 'A192CBC-HS384', 'A256CBC-HS512', 'dir', 'PBES2-HS256+A128KW', 'RS256', 'ES256', 'hs256', '', undefined, null, 1]
  for (const alg of secrets) {
    for (const option of [undefined, { extractable: true }, { extractable: false }, { extractable: 'yes' }, null]) {
      cases.push([`generateSecret ${text(alg)} ${JSON.stringify(option)}`, async (lib) => shape(await lib.generateSecret(alg, option))])
    }
  }
  return cases
}

const GENERATE_DIVERGENT = [
  [/^generateKeyPair ML-DSA-44/, 'v6 divergence: no ML-DSA (AKP) at all; jose 6 knows the algorithms and leaves them to WebCrypto, which on Node 20 throws NotSupportedError']
]

test('generateKeyPair and generateSecret: every algorithm and option, keys alike by their attributes', async () => {
  const [agreeing] = partition(generateCases(), GENERATE_DIVERGENT)
  assert.deepStrictEqual(await differences(agreeing), [])
})

divergenceTests('generateKeyPair and generateSecret', GENERATE_DIVERGENT, generateCases)

test('generated and imported keys work across the libraries: one signs, the other verifies', async () => {
  const jose = await jose6()
  const libs = { jose6: jose, v6 }
  for (const alg of JWS_ASYMMETRIC) {
    for (const [maker, keyLib] of Object.entries(libs)) {
      const { publicKey, privateKey } = await keyLib.generateKeyPair(alg, { extractable: true })
      for (const [signer, signLib] of Object.entries(libs)) {
        const jwt = await new signLib.SignJWT({ sub: alg }).setProtectedHeader({ alg }).sign(privateKey)
        for (const [verifier, verifyLib] of Object.entries(libs)) {
          const { payload } = await verifyLib.jwtVerify(jwt, publicKey)
          assert.strictEqual(payload.sub, alg, `${alg}: ${maker}'s key, ${signer} signs, ${verifier} verifies`)
        }
        // and with the key exported by the other library
        const other = maker === 'v6' ? jose : v6
        const jwk = await other.exportJWK(publicKey)
        const { payload } = await other.jwtVerify(jwt, await other.importJWK(jwk, alg))
        assert.strictEqual(payload.sub, alg)
        assert.deepStrictEqual(jwk, await keyLib.exportJWK(publicKey))
        assert.strictEqual(await other.exportPKCS8(privateKey), await keyLib.exportPKCS8(privateKey))
      }
    }
    // non-extractable private keys (the default) made by one, used by the other
    for (const [keyLib, signLib] of [[v6, jose], [jose, v6]]) {
      const { publicKey, privateKey } = await keyLib.generateKeyPair(alg)
      assert.strictEqual(privateKey.extractable, false)
      const jwt = await new signLib.SignJWT({ sub: 'n' }).setProtectedHeader({ alg }).sign(privateKey)
      assert.strictEqual((await keyLib.jwtVerify(jwt, publicKey)).payload.sub, 'n')
    }
    // a key imported by v6 signs with jose 6, and the other way round
    const pair = { RS: keys.rsa, PS: keys.rsa, ES: { ES256: keys.p256, ES384: keys.p384, ES512: keys.p521 }[alg], Ed: keys.ed25519 }[alg.slice(0, 2)]
    for (const [signLib, verifyLib] of [[jose, v6], [v6, jose]]) {
      const privateKey = await verifyLib.importPKCS8(pem(pair.privateKey, 'pkcs8'), alg)
      const jwt = await new signLib.SignJWT({ sub: 'x' }).setProtectedHeader({ alg }).sign(privateKey)
      for (const lib of [jose, v6]) {
        assert.ok(await lib.jwtVerify(jwt, await verifyLib.importSPKI(pem(pair.publicKey, 'spki'), alg)))
        assert.ok(await lib.jwtVerify(jwt, await signLib.importJWK(jwkOf(pair.publicKey), alg)))
      }
    }
  }
})

test('generated key-management keys work across the libraries: RSA-OAEP encryption, ECDH agreement', async () => {
  const jose = await jose6()
  const plaintext = new TextEncoder().encode('across')
  for (const alg of ['RSA-OAEP', 'RSA-OAEP-256', 'RSA-OAEP-384', 'RSA-OAEP-512', 'ECDH-ES', 'ECDH-ES+A128KW', 'ECDH-ES+A256KW']) {
    for (const crv of alg.startsWith('ECDH') ? ['P-256', 'P-384', 'P-521', 'X25519'] : [undefined]) {
      const mine = await v6.generateKeyPair(alg, { crv, extractable: true })
      const theirs = await jose.generateKeyPair(alg, { crv, extractable: true })
      assert.deepStrictEqual(comparable(mine), comparable(theirs), `${alg} ${crv}`)
      // jose 6's JWE with v6's keys
      const jwe = await new jose.CompactEncrypt(plaintext).setProtectedHeader({ alg, enc: 'A128GCM' }).encrypt(mine.publicKey)
      assert.deepStrictEqual((await jose.compactDecrypt(jwe, mine.privateKey)).plaintext, plaintext)
      // keys exported by one library, imported by the other, still pair up
      const reimported = await jose.importJWK(await v6.exportJWK(mine.privateKey), alg)
      assert.deepStrictEqual((await jose.compactDecrypt(jwe, reimported)).plaintext, plaintext)
      if (alg.startsWith('ECDH')) {
        const name = crv === 'X25519' ? 'X25519' : 'ECDH'
        const bits = crv === 'P-521' ? 528 : crv === 'P-384' ? 384 : 256
        const ab = await webcrypto.subtle.deriveBits({ name, public: theirs.publicKey }, mine.privateKey, bits)
        const ba = await webcrypto.subtle.deriveBits({ name, public: mine.publicKey }, theirs.privateKey, bits)
        assert.deepStrictEqual(Buffer.from(ab), Buffer.from(ba), `${alg} ${crv}`)
      }
    }
  }
  for (const alg of ['HS256', 'A128KW', 'A256GCMKW', 'A128GCM']) {
    const secret = await v6.generateSecret(alg, { extractable: true })
    assert.deepStrictEqual(comparable(secret), comparable(await jose.generateSecret(alg, { extractable: true })))
    if (alg === 'HS256') {
      const jwt = await new jose.SignJWT({}).setProtectedHeader({ alg }).sign(secret)
      assert.ok(await v6.jwtVerify(jwt, secret))
    } else {
      const jwe = await new jose.CompactEncrypt(plaintext).setProtectedHeader({ alg: alg === 'A128GCM' ? 'dir' : alg, enc: 'A128GCM' }).encrypt(secret)
      assert.deepStrictEqual((await jose.compactDecrypt(jwe, secret)).plaintext, plaintext)
    }
  }
})

// ---------------------------------------------------------------- thumbprints

async function thumbprintCases () {
  const jose = await jose6()
  const rsa = jwkOf(keys.rsa.publicKey)
  const ec = jwkOf(keys.p256.publicKey)
  const okp = jwkOf(keys.ed25519.publicKey)
  const inputs = [
    ['RSA public', rsa], ['RSA private', jwkOf(keys.rsa.privateKey)], ['EC public', ec], ['EC private', jwkOf(keys.p521.privateKey)],
    ['OKP public', okp], ['OKP private', jwkOf(keys.x25519.privateKey)], ['oct', { kty: 'oct', k: 'AAAA' }], ['oct empty k', { kty: 'oct', k: '' }],
    ['Ed448', jwkOf(keys.ed448.publicKey)], ['secp256k1', jwkOf(keys.secp256k1.publicKey)],
    ['extra members', { ...ec, kid: 'k', alg: 'ES256', use: 'sig', key_ops: ['verify'], ext: true, x5c: ['x'] }],
    ['member order', { y: ec.y, x: ec.x, kty: 'EC', crv: ec.crv }],
    ['EC missing y', { kty: 'EC', crv: ec.crv, x: ec.x }], ['EC y number', { ...ec, y: 1 }], ['EC crv empty', { ...ec, crv: '' }],
    ['EC crv null', { ...ec, crv: null }], ['EC missing crv', { kty: 'EC', x: ec.x, y: ec.y }],
    ['OKP missing x', { kty: 'OKP', crv: 'Ed25519' }], ['OKP x empty', { ...okp, x: '' }], ['OKP crv object', { ...okp, crv: {} }],
    ['RSA missing e', { kty: 'RSA', n: rsa.n }], ['RSA n number', { ...rsa, n: 1 }], ['RSA e empty', { ...rsa, e: '' }],
    ['oct k number', { kty: 'oct', k: 1 }], ['oct missing k', { kty: 'oct' }],
    ['kty unknown', { kty: 'foo' }], ['kty lowercase', { ...ec, kty: 'ec' }], ['kty AKP', { kty: 'AKP', alg: 'ML-DSA-44', pub: 'AAAA' }],
    ['kty AKP without alg', { kty: 'AKP', pub: 'AAAA' }], ['kty number', { kty: 1 }], ['no kty', { crv: ec.crv, x: ec.x, y: ec.y }], ['empty', {}],
    ['non-ASCII crv', { ...ec, crv: 'P-256é' }], ['non-ASCII x', { ...okp, x: 'é' }], ['non-ASCII k', { kty: 'oct', k: 'ключ' }],
    ['astral k', { kty: 'oct', k: '😀' }], ['lone surrogate k', { kty: 'oct', k: '\ud800' }], ['lone surrogate x', { ...okp, x: 'a\udc00b' }],
    ['U+10FFFF k', { kty: 'oct', k: '\u{10ffff}' }], ['control character k', { kty: 'oct', k: 'a\u0001\u001f\u007f' }],
    ['escapes k', { kty: 'oct', k: '"\\\n\t/\u2028' }], ['non-ASCII extra member', { ...ec, kid: 'é' }],
    ['BigInt extra member', { ...ec, extra: 1n }], ['long k', { kty: 'oct', k: 'A'.repeat(200) }],
    ['null prototype', Object.assign(Object.create(null), ec)],
    ['public KeyObject', keys.p384.publicKey], ['private KeyObject', keys.rsa.privateKey], ['secret KeyObject', keys.secret],
    ['X25519 KeyObject', keys.x25519.publicKey], ['Ed448 KeyObject', keys.ed448.privateKey],
    ['jose 6 CryptoKey', await jose.importJWK(ec, 'ES256')], ['jose 6 CryptoKey private', await jose.importJWK(jwkOf(keys.p256.privateKey), 'ES256', { extractable: true })],
    ['jose 6 non-extractable CryptoKey', await jose.importJWK(jwkOf(keys.p256.privateKey), 'ES256')],
    ['v6 CryptoKey', await v6.importJWK(okp, 'EdDSA')], ['v6 CryptoKey RSA', await v6.importSPKI(pem(keys.rsa.publicKey, 'spki'), 'PS256')],
    ['v6 non-extractable CryptoKey', await v6.importPKCS8(pem(keys.rsa.privateKey, 'pkcs8'), 'RS256')],
    ['HMAC CryptoKey', await jose.importJWK({ kty: 'oct', k: 'AAAA' }, 'HS256', { extractable: true })],
    ['Uint8Array', SECRET], ['string', 'x'], ['null', null], ['undefined', undefined], ['list', [ec]], ['Map', new Map()]
  ]
  const digests = [undefined, null, 'sha256', 'sha384', 'sha512', 'SHA-256', 'sha1', 256, '']
  const cases = []
  for (const [name, key] of inputs) {
    for (const digest of digests) {
      const fresh = () => (key && typeof key === 'object' && Object.getPrototypeOf(key) === Object.prototype) ? { ...key } : key
      cases.push([`calculateJwkThumbprint ${name} | ${text(digest)}`, (lib) => lib.calculateJwkThumbprint(fresh(), digest)])
      cases.push([`calculateJwkThumbprintUri ${name} | ${text(digest)}`, (lib) => lib.calculateJwkThumbprintUri(fresh(), digest)])
    }
  }
  return cases
}

const THUMBPRINT_DIVERGENT = [
]

test('calculateJwkThumbprint and calculateJwkThumbprintUri: every key type, digest, broken and non-ASCII member, key form', async () => {
  const [agreeing] = partition(await thumbprintCases(), THUMBPRINT_DIVERGENT)
  assert.deepStrictEqual(await differences(agreeing), [])
  // RFC 7638 section 3.1's example
  const jwk = {
    kty: 'RSA',
    e: 'AQAB',
    n: '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw'
  }
  assert.strictEqual(await v6.calculateJwkThumbprint(jwk), 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs')
})

divergenceTests('calculateJwkThumbprint', THUMBPRINT_DIVERGENT, thumbprintCases)

// ----------------------------------------------------------- createLocalJWKSet

const p256 = jwkOf(keys.p256.publicKey)
const p384 = jwkOf(keys.p384.publicKey)
const rsaPublic = jwkOf(keys.rsa.publicKey)
const ed = jwkOf(keys.ed25519.publicKey)
const SET = {
  keys: [
    { ...p256, kid: 'a' },
    { ...p256, kid: 'b', alg: 'ES256', use: 'sig', key_ops: ['verify'] },
    { ...p384, kid: 'a' },
    { ...rsaPublic, kid: 'r', alg: 'RS256' },
    { ...rsaPublic, kid: 'r2' },
    { ...ed, kid: 'e' },
    { ...p256, kid: 'enc', use: 'enc' },
    { ...p256, kid: 'ops', key_ops: ['sign'] },
    { ...p256, kid: 'opsdup', key_ops: ['verify', 'verify'] },
    { ...p256, kid: 'opsstr', key_ops: 'verify' },
    { ...p256, kid: 'ext', ext: 'yes' },
    { ...p256, kid: 'extfalse', ext: false },
    { ...p384, kid: 'crv', crv: 'P-256' },
    { ...p256, kid: 'algx', alg: 'ES384' },
    { ...p256, kid: 1 },
    { kty: 'oct', k: 'AAAA', kid: 'oct' },
    { ...jwkOf(keys.p521.privateKey), kid: 'private' },
    { ...jwkOf(keys.p521.publicKey), kid: 'private' },
    { ...jwkOf(keys.x25519.publicKey), kid: 'x' },
    { kty: 'AKP', alg: 'ML-DSA-44', pub: 'AAAA', kid: 'akp' },
    { ...p256, kid: 'dup' },
    { ...p256, kid: 'dup', x: p384.x },
    { kid: 'nokty' },
    { ...p256, kid: 'undefined members', alg: undefined, use: undefined, key_ops: undefined, ext: undefined },
    { ...p256, kid: 'null use', use: null },
    { ...p256, kid: 'null ext', ext: null },
    { ...p256, kid: 'null key_ops', key_ops: null },
    { ...p256, kid: 'null alg', alg: null },
    { ...p256, kid: 'key_ops with others', key_ops: ['sign', 'verify'] },
    { ...p256, kid: 'key_ops not strings', key_ops: ['verify', 1] }
  ]
}

const HEADERS = [
  {}, { alg: 'ES256' }, { alg: 'ES256', kid: 'a' }, { alg: 'ES384', kid: 'a' }, { alg: 'ES256', kid: 'b' }, { alg: 'ES384', kid: 'b' },
  { alg: 'RS256' }, { alg: 'RS256', kid: 'r' }, { alg: 'PS256', kid: 'r' }, { alg: 'PS256' }, { alg: 'RS384', kid: 'r2' }, { alg: 'EdDSA' },
  { alg: 'Ed25519', kid: 'e' }, { alg: 'ES256', kid: 'enc' }, { alg: 'ES256', kid: 'ops' }, { alg: 'ES256', kid: 'opsdup' },
  { alg: 'ES256', kid: 'opsstr' }, { alg: 'ES256', kid: 'ext' }, { alg: 'ES256', kid: 'extfalse' }, { alg: 'ES256', kid: 'crv' },
  { alg: 'ES384', kid: 'crv' }, { alg: 'ES256', kid: 'algx' }, { alg: 'ES384', kid: 'algx' }, { alg: 'ES256', kid: 1 }, { alg: 'ES256', kid: '1' },
  { alg: 'ES256', kid: null }, { alg: 'HS256', kid: 'oct' }, { alg: 'ES512', kid: 'private' }, { alg: 'ES512' }, { alg: 'ECDH-ES', kid: 'x' },
  { alg: 'ML-DSA-44', kid: 'akp' }, { alg: 'ES256', kid: 'dup' }, { alg: 'ES256', kid: 'nokty' }, { alg: 'ES256K' }, { alg: 'none' },
  { alg: 1 }, { alg: 'ES256', kid: 'missing' }, { alg: 'ES256', kid: 'undefined members' }, { alg: 'ES256', kid: 'null use' },
  { alg: 'ES256', kid: 'null ext' }, { alg: 'ES256', kid: 'null key_ops' }, { alg: 'ES256', kid: 'null alg' },
  { alg: 'ES256', kid: 'key_ops with others' }, { alg: 'ES256', kid: 'key_ops not strings' }
]

/** A JWKS outcome with the async iterator of a JWKSMultipleMatchingKeys run. */
async function selected (lib, jwks, header, token) {
  try {
    return { key: comparable(await jwks(header, token)) }
  } catch (err) {
    const yielded = []
    if (err?.code === 'ERR_JWKS_MULTIPLE_MATCHING_KEYS') {
      for await (const key of err) yielded.push(comparable(key))
    }
    return { error: { class: err?.constructor?.name, code: err?.code, message: err?.message }, yielded }
  }
}

function localCases () {
  const cases = []
  for (const header of HEADERS) {
    cases.push([`header ${JSON.stringify(header)}`, (lib) => selected(lib, lib.createLocalJWKSet(SET), header)])
    // the same through the token's unprotected header
    const { kid, ...rest } = header
    if (kid !== undefined) cases.push([`header ${JSON.stringify(header)} via unprotected kid`, (lib) => selected(lib, lib.createLocalJWKSet(SET), rest, { header: { kid } })])
  }
  cases.push(['unprotected header wins', (lib) => selected(lib, lib.createLocalJWKSet(SET), { alg: 'ES256', kid: 'missing' }, { header: { kid: 'b' } })])
  cases.push(['a member that does not import is skipped by the iterator', (lib) => selected(lib, lib.createLocalJWKSet({ keys: [p256, { kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'AAAA' }, p256] }), { alg: 'ES256' })])
  cases.push(['no header at all', (lib) => selected(lib, lib.createLocalJWKSet(SET))])
  cases.push(['second call, cached', async (lib) => {
    const set = lib.createLocalJWKSet(SET)
    const first = await set({ alg: 'ES256', kid: 'b' })
    return [comparable(first), (await set({ alg: 'ES256', kid: 'b' })) === first]
  }])
  cases.push(['private member fails every time', async (lib) => {
    const set = lib.createLocalJWKSet({ keys: [jwkOf(keys.p256.privateKey)] })
    return [await selected(lib, set, { alg: 'ES256' }), await selected(lib, set, { alg: 'ES256' })]
  }])
  cases.push(['jwks() accessor', (lib) => {
    const set = lib.createLocalJWKSet(SET)
    const copy = set.jwks()
    copy.keys.pop()
    return [set.jwks(), copy === set.jwks(), Object.getOwnPropertyDescriptor(set, 'jwks')?.enumerable, typeof set, set.length]
  }])
  cases.push(['the set is a snapshot', async (lib) => {
    const jwks = structuredClone(SET)
    const set = lib.createLocalJWKSet(jwks)
    jwks.keys.length = 0
    return [set.jwks().keys.length, await selected(lib, set, { alg: 'EdDSA' })]
  }])
  const malformed = [
    ['null', null], ['undefined', undefined], ['empty object', {}], ['keys object', { keys: {} }], ['keys null', { keys: null }],
    ['keys with a number', { keys: [1] }], ['keys with null', { keys: [null] }], ['keys with a list', { keys: [[]] }], ['empty keys', { keys: [] }],
    ['function member', { keys: [{ ...p256, f () {} }] }], ['BigInt member', { keys: [{ ...p256, kid: 'big', n: 1n }] }],
    ['Date member', { keys: [{ ...p256, kid: 'date', d8: new Date(0) }] }], ['null prototype member', { keys: [Object.assign(Object.create(null), p256)] }],
    ['class instance', new (class Jwks { keys = [p256] })()], ['sparse keys', { keys: [, p256] }], // eslint-disable-line no-sparse-arrays
    ['extra members', { keys: [p256], other: 1 }], ['string', 'x']
  ]
  for (const [name, jwks] of malformed) {
    cases.push([`malformed ${name}`, (lib) => selected(lib, lib.createLocalJWKSet(jwks), { alg: 'ES256' })])
  }
  return cases
}

const LOCAL_DIVERGENT = [
  [/ML-DSA-44/, 'v6 divergence: no ML-DSA (AKP) at all; jose 6 knows the algorithms and leaves them to WebCrypto, which on Node 20 throws NotSupportedError'],
]

test('createLocalJWKSet: selection by kid, alg, use, key_ops, crv, ext; no match; several matches and their iterator; malformed sets', async () => {
  const [agreeing] = partition(localCases(), LOCAL_DIVERGENT)
  assert.deepStrictEqual(await differences(agreeing), [])
})

divergenceTests('createLocalJWKSet', LOCAL_DIVERGENT, localCases)

test('createLocalJWKSet verifies JWTs signed by the other library', async () => {
  const jose = await jose6()
  const jwt = await new jose.SignJWT({ sub: 's' }).setProtectedHeader({ alg: 'ES256', kid: 'b' }).sign(keys.p256.privateKey)
  const [a, b] = [await jose.jwtVerify(jwt, jose.createLocalJWKSet(SET)), await v6.jwtVerify(jwt, v6.createLocalJWKSet(SET))]
  assert.deepStrictEqual(comparable(b), comparable(a))
  assert.strictEqual(b.payload.sub, 's')
})

// ------------------------------------------------------------------ EmbeddedJWK

function embeddedCases () {
  const p256d = jwkOf(keys.p256.privateKey)
  const headers = [
    ['EC', { alg: 'ES256', jwk: p256 }], ['P-384', { alg: 'ES384', jwk: p384 }], ['RSA', { alg: 'PS256', jwk: rsaPublic }],
    ['RSA 1024', { alg: 'RS256', jwk: jwkOf(keys.rsa1024.publicKey) }], ['Ed25519', { alg: 'EdDSA', jwk: ed }], ['Ed25519 alg', { alg: 'Ed25519', jwk: ed }],
    ['private JWK', { alg: 'ES256', jwk: p256d }], ['use enc', { alg: 'ES256', jwk: { ...p256, use: 'enc' } }], ['use sig', { alg: 'ES256', jwk: { ...p256, use: 'sig' } }],
    ['use number', { alg: 'ES256', jwk: { ...p256, use: 1 } }], ['alg matches', { alg: 'ES256', jwk: { ...p256, alg: 'ES256' } }],
    ['alg mismatch', { alg: 'ES256', jwk: { ...p256, alg: 'ES384' } }], ['alg number', { alg: 'ES256', jwk: { ...p256, alg: 1 } }],
    ['curve mismatch', { alg: 'ES256', jwk: p384 }], ['kty mismatch', { alg: 'RS256', jwk: p256 }], ['X25519 for EdDSA', { alg: 'EdDSA', jwk: jwkOf(keys.x25519.publicKey) }],
    ['key_ops', { alg: 'ES256', jwk: { ...p256, key_ops: ['verify'] } }], ['key_ops sign', { alg: 'ES256', jwk: { ...p256, key_ops: ['sign'] } }],
    ['key_ops broken', { alg: 'ES256', jwk: { ...p256, key_ops: 'verify' } }], ['ext string', { alg: 'ES256', jwk: { ...p256, ext: 'x' } }],
    ['ext false', { alg: 'ES256', jwk: { ...p256, ext: false } }], ['oct for HS256', { alg: 'HS256', jwk: { kty: 'oct', k: 'AAAA' } }],
    ['EC for HS256', { alg: 'HS256', jwk: p256 }], ['ES256K', { alg: 'ES256K', jwk: jwkOf(keys.secp256k1.publicKey) }],
    ['alg none', { alg: 'none', jwk: p256 }], ['alg missing', { jwk: p256 }], ['alg number', { alg: 1, jwk: p256 }], ['alg object', { alg: {}, jwk: p256 }],
    ['ECDH-ES', { alg: 'ECDH-ES', jwk: p256 }], ['ML-DSA', { alg: 'ML-DSA-44', jwk: { kty: 'AKP', alg: 'ML-DSA-44', pub: 'AAAA' } }],
    ['jwk string', { alg: 'ES256', jwk: 'x' }], ['jwk list', { alg: 'ES256', jwk: [p256] }], ['jwk null', { alg: 'ES256', jwk: null }],
    ['jwk missing', { alg: 'ES256' }], ['jwk without kty', { alg: 'ES256', jwk: { crv: 'P-256', x: p256.x, y: p256.y } }],
    ['jwk broken', { alg: 'ES256', jwk: { ...p256, x: 'AAAA' } }], ['jwk BigInt member', { alg: 'ES256', jwk: { ...p256, n: 1n } }]
  ]
  const cases = []
  for (const [name, header] of headers) {
    cases.push([`protected ${name}`, (lib) => lib.EmbeddedJWK({ ...header })])
    cases.push([`unprotected ${name}`, (lib) => lib.EmbeddedJWK({ alg: header.alg }, { header: { jwk: header.jwk } })])
  }
  cases.push(['no arguments', (lib) => lib.EmbeddedJWK()])
  cases.push(['unprotected overrides protected', (lib) => lib.EmbeddedJWK({ alg: 'ES256', jwk: p384 }, { header: { jwk: p256 } })])
  return cases
}

const EMBEDDED_DIVERGENT = [
  [/^(un)?protected ML-DSA$/, 'v6 divergence: no ML-DSA (AKP) at all; jose 6 knows the algorithms and leaves them to WebCrypto, which on Node 20 throws NotSupportedError'],
]

test('EmbeddedJWK: valid, private, use enc, alg mismatch, non-object and unsupported alg', async () => {
  const [agreeing] = partition(embeddedCases(), EMBEDDED_DIVERGENT)
  assert.deepStrictEqual(await differences(agreeing), [])
})

divergenceTests('EmbeddedJWK', EMBEDDED_DIVERGENT, embeddedCases)

test('EmbeddedJWK as the key of jwtVerify and flattenedVerify', async () => {
  const jose = await jose6()
  const cases = []
  for (const [name, alg, pair] of [['ES256', 'ES256', keys.p256], ['EdDSA', 'EdDSA', keys.ed25519], ['PS256', 'PS256', keys.rsa], ['private', 'ES256', { privateKey: keys.p256.privateKey, publicKey: keys.p256.privateKey }]]) {
    const jwk = jwkOf(pair.publicKey)
    const jwt = await new jose.SignJWT({ sub: 's' }).setProtectedHeader({ alg, jwk }).sign(pair.privateKey)
    cases.push([`jwtVerify ${name}`, (lib) => lib.jwtVerify(jwt, lib.EmbeddedJWK)])
    const flattened = await new jose.FlattenedSign(new Uint8Array([1])).setProtectedHeader({ alg }).setUnprotectedHeader({ jwk }).sign(pair.privateKey)
    cases.push([`flattenedVerify ${name} unprotected jwk`, (lib) => lib.flattenedVerify(flattened, lib.EmbeddedJWK)])
  }
  const other = await new jose.SignJWT({}).setProtectedHeader({ alg: 'ES256', jwk: p384 }).sign(keys.p256.privateKey)
  cases.push(['jwtVerify wrong embedded key', (lib) => lib.jwtVerify(other, lib.EmbeddedJWK)])
  assert.deepStrictEqual(await differences(cases), [])
})
