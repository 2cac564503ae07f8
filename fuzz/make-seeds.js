'use strict'

// Writes fuzz/seeds/<target>/: valid inputs for every fuzz target, made with
// the keys the Rust harness holds (src/fuzzing/keys.rs: the RFC 7520
// cookbook keys, tests/fixtures/node-keys.json and the cookbook's PBES2
// password), so the fuzzers start from inputs that reach the crypto and
// succeed. Each file is one flags byte (see src/fuzzing/mod.rs) followed by
// the input. Run from the repository root after `npm run build`:
//   node fuzz/make-seeds.js
// Signatures and ciphertexts are random, so a rerun rewrites most files.

const crypto = require('crypto')
const { execFileSync } = require('child_process')
const { mkdirSync, readFileSync, rmSync, writeFileSync } = require('fs')
const { join } = require('path')

const { JWK, JWS, JWE, JWT } = require('..')

const root = join(__dirname, '..')
const out = join(__dirname, 'seeds')
const read = (...p) => readFileSync(join(root, ...p), 'utf8')

const PASSWORD = 'entrap_o\u2013peter_long\u2013credit_tun'
const PASSPHRASE = 'fuzz-passphrase'

// Flags, as src/fuzzing/mod.rs reads them.
const STORE = 0
const NONE = 1
const EMBEDDED_JWK = 2
const EMBEDDED_X5C = 3
const CRIT = 4
const ALLOWLIST = 8
const RAW = 0x10
const JWE_PASSWORD = 1
const DER_TYPES = ['pkcs8', 'sec1', 'spki', 'pkcs1']

const written = {}
function seed (target, name, flags, data) {
  const dir = join(out, target)
  mkdirSync(dir, { recursive: true })
  const body = Buffer.isBuffer(data) ? data : Buffer.from(typeof data === 'string' ? data : JSON.stringify(data))
  const file = `${name.replace(/[^A-Za-z0-9._+-]+/g, '_')}`
  // timespan inputs have no flags byte
  writeFileSync(join(dir, file), flags === null ? body : Buffer.concat([Buffer.from([flags]), body]))
  written[target] = (written[target] || 0) + 1
  // compact tokens once more with a raw header, so its JSON is mutated directly
  const dot = typeof data === 'string' ? data.indexOf('.') : -1
  if (target.endsWith('_compact') && dot > 0 && !(flags & RAW)) {
    const header = Buffer.from(data.slice(0, dot), 'base64url')
    seed(target, `raw-${name}`, flags | RAW, Buffer.concat([header, Buffer.from([0]), Buffer.from(data.slice(dot + 1))]))
  }
}

// Every JWK in the cookbook and node-keys.json, as the harness collects them.
function collect (value, list) {
  if (Array.isArray(value)) value.forEach((v) => collect(v, list))
  else if (value && typeof value === 'object') {
    if (typeof value.kty === 'string') list.push(value)
    else Object.values(value).forEach((v) => collect(v, list))
  }
}
const cookbook = JSON.parse(read('tests', 'vectors', 'rfc-cookbook.json'))
const jwks = []
collect(JSON.parse(read('tests', 'vectors', 'rfc-cookbook.json')), jwks)
collect(JSON.parse(read('tests', 'fixtures', 'node-keys.json')), jwks)
const keys = []
for (const jwk of jwks) {
  try {
    keys.push(JWK.asKey(jwk))
  } catch {}
}
const privateKeys = keys.filter((k) => k.private || k.secret)
const password = JWK.asKey(Buffer.from(PASSWORD))
const label = (k, i) => `${i}-${k.kty}-${k.crv || k.length}`

rmSync(out, { recursive: true, force: true })

// ---------------------------------------------------------------- JWS
const payload = 'It\u2019s a dangerous business, Frodo'
for (const c of Object.values(cookbook.cases)) {
  if (!c.signing || !c.output) continue
  const flags = c.signing.protected && c.signing.protected.b64 === false ? CRIT : STORE
  if (c.output.compact) seed('jws_compact', `cookbook-${c.title}`, flags, c.output.compact)
  if (c.output.json_flat) seed('jws_json', `cookbook-flat-${c.title}`, flags, c.output.json_flat)
  if (c.output.json) seed('jws_json', `cookbook-general-${c.title}`, flags, c.output.json)
}
privateKeys.forEach((key, i) => {
  for (const alg of key.algorithms('sign')) {
    const header = { alg, kid: key.kid }
    seed('jws_compact', `${label(key, i)}-${alg}`, STORE, JWS.sign(payload, key, header))
    seed('jws_json', `${label(key, i)}-${alg}-flat`, STORE, JWS.sign.flattened(payload, key, { alg }, { kid: key.kid }))
  }
})
const hs = JWK.asKey(cookbook.cases['3.5'])
const es = privateKeys.find((k) => k.kty === 'EC')
seed('jws_compact', 'allowlisted', ALLOWLIST, JWS.sign(payload, hs, { alg: 'HS256' }))
seed('jws_compact', 'none', NONE, JWS.sign(payload, JWK.None))
seed('jws_compact', 'b64-false', CRIT, JWS.sign(payload, hs, { alg: 'HS256', b64: false, crit: ['b64'] }))
seed('jws_compact', 'embedded-jwk', EMBEDDED_JWK, JWS.sign(payload, es, { alg: [...es.algorithms('sign')][0], jwk: es.toJWK() }))
const certPem = read('__test__', 'fixtures', 'cert.pem')
const certKey = JWK.asKey(read('__test__', 'fixtures', 'cert-key.pem'))
const x5c = [certPem.replace(/-----[A-Z ]+-----|\s/g, '')]
seed('jws_compact', 'embedded-x5c', EMBEDDED_X5C, JWS.sign(payload, certKey, { alg: 'ES256', x5c }))
seed('jws_json', 'embedded-x5c', EMBEDDED_X5C, JWS.sign.flattened(payload, certKey, { alg: 'ES256' }, { x5c }))
seed('jws_json', 'b64-false', CRIT, JWS.sign.flattened(payload, hs, { alg: 'HS256', b64: false, crit: ['b64'] }))
const general = new JWS.Sign(payload)
general.recipient(hs, { alg: 'HS256' }).recipient(es, undefined, { alg: [...es.algorithms('sign')][0], kid: es.kid }).recipient(JWK.None)
seed('jws_json', 'general-three', STORE, general.sign('general'))
seed('jws_json', 'general-none', NONE, general.sign('general'))
for (const broken of ['', '.', '..', 'a.b.c', 'e30..', 'eyJhbGciOiJub25lIn0..']) {
  seed('jws_compact', `broken-${broken}`, STORE, broken)
}

// ---------------------------------------------------------------- JWE
const plaintext = 'You can trust us to stick with you through thick and thin'
for (const c of Object.values(cookbook.cases)) {
  if (!c.encrypting_content || !c.output) continue
  if (c.output.compact) seed('jwe_compact', `cookbook-${c.title}`, STORE, c.output.compact)
  if (c.output.json_flat) seed('jwe_json', `cookbook-flat-${c.title}`, STORE, c.output.json_flat)
  if (c.output.json) seed('jwe_json', `cookbook-general-${c.title}`, STORE, c.output.json)
}
const ENCS = ['A128GCM', 'A192GCM', 'A256GCM', 'A128CBC-HS256', 'A192CBC-HS384', 'A256CBC-HS512']
keys.forEach((key, i) => {
  const algs = [...key.algorithms('wrapKey'), ...key.algorithms('deriveKey')].filter((a) => !a.startsWith('PBES2'))
  algs.forEach((alg, j) => {
    // RSA-OAEP-256 with a 1024-bit key cannot carry a 64-byte CEK
    const enc = key.kty === 'RSA' ? 'A128GCM' : ENCS[(i + j) % ENCS.length]
    const header = { alg, enc, kid: key.kid }
    seed('jwe_compact', `${label(key, i)}-${alg}-${enc}`, STORE, JWE.encrypt(plaintext, key, header))
    seed('jwe_json', `${label(key, i)}-${alg}-flat`, STORE, JWE.encrypt.flattened(plaintext, key, { alg, enc }, { kid: key.kid }, 'aad'))
  })
  if (key.secret && key.algorithms('encrypt').size) {
    const enc = [...key.algorithms('encrypt')][0]
    seed('jwe_compact', `${label(key, i)}-dir-${enc}`, STORE, JWE.encrypt(plaintext, key, { alg: 'dir', enc, kid: key.kid }))
  }
})
for (const alg of ['PBES2-HS256+A128KW', 'PBES2-HS384+A192KW', 'PBES2-HS512+A256KW']) {
  seed('jwe_compact', `password-${alg}`, JWE_PASSWORD, JWE.encrypt(plaintext, password, { alg, enc: 'A128GCM' }))
}
const wrapKey = JWK.asKey(cookbook.cases['5.8'].input.key)
const rsa = keys.find((k) => k.kty === 'RSA' && k.private && k.use !== 'sig')
const ec = keys.find((k) => k.kty === 'EC' && k.private && k.use !== 'sig' && k.crv === 'P-256')
const big = 'x'.repeat(4096)
seed('jwe_compact', 'zip', STORE, JWE.encrypt(big, wrapKey, { alg: 'A128KW', enc: 'A128GCM', zip: 'DEF', kid: wrapKey.kid }))
seed('jwe_compact', 'allowlisted', ALLOWLIST, JWE.encrypt(plaintext, ec, { alg: 'ECDH-ES', enc: 'A128GCM' }))
seed('jwe_compact', 'crit-exp', CRIT, JWE.encrypt(plaintext, wrapKey, { alg: 'A128KW', enc: 'A128GCM', crit: ['exp'], exp: 1, kid: wrapKey.kid }))
const multi = new JWE.Encrypt(plaintext, { enc: 'A256GCM', zip: 'DEF' }, { cty: 'text' }, 'aad')
multi.recipient(rsa, { alg: 'RSA-OAEP' }).recipient(ec, { alg: 'ECDH-ES+A128KW' }).recipient(wrapKey, { alg: 'A128KW' })
seed('jwe_json', 'general-three', STORE, multi.encrypt('general'))
seed('jwe_json', 'password-general', JWE_PASSWORD, JWE.encrypt.general(plaintext, password, { alg: 'PBES2-HS256+A128KW', enc: 'A128CBC-HS256' }))

// ---------------------------------------------------------------- JWK
keys.forEach((key, i) => {
  seed('jwk_json', `${label(key, i)}-public`, 0, key.toJWK())
  if (key.private || key.secret) seed('jwk_json', `${label(key, i)}-private`, 0, key.toJWK(true))
})
const rsaJwk = rsa.toJWK(true)
seed('jwk_json', 'rsa-without-primes', 1, { kty: 'RSA', n: rsaJwk.n, e: rsaJwk.e, d: rsaJwk.d })
const k1 = keys.find((k) => k.crv === 'secp256k1')
seed('jwk_json', 'p-256k', 2, { ...k1.toJWK(true), crv: 'P-256K' })
seed('jwk_json', 'with-params', 0, { ...hs.toJWK(true), use: 'sig', key_ops: ['sign', 'verify'], x5t: 'AAAA' })

keys.filter((k) => !k.secret).forEach((key, i) => {
  const name = label(key, i)
  if (key.private) {
    seed('jwk_pem', `${name}-pkcs8`, 0, key.toPEM(true))
    seed('jwk_pem', `${name}-pkcs8-encrypted`, 1, key.toPEM(true, { cipher: 'aes-256-cbc', passphrase: PASSPHRASE }))
    const object = crypto.createPrivateKey(key.toPEM(true))
    seed('jwk_der', `${name}-pkcs8`, 0, object.export({ format: 'der', type: 'pkcs8' }))
    seed('pkcs8_encrypted', `${name}-aes256`, 0,
      object.export({ format: 'der', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: PASSPHRASE }))
    const legacy = key.kty === 'RSA' ? 'pkcs1' : key.kty === 'EC' ? 'sec1' : undefined
    if (legacy) {
      seed('jwk_pem', `${name}-${legacy}`, 0, key.toPEM(true, { type: legacy }))
      seed('jwk_pem', `${name}-${legacy}-encrypted`, 1, key.toPEM(true, { type: legacy, cipher: 'aes-128-cbc', passphrase: PASSPHRASE }))
      seed('jwk_der', `${name}-${legacy}`, DER_TYPES.indexOf(legacy), object.export({ format: 'der', type: legacy }))
    }
  }
  seed('jwk_pem', `${name}-spki`, 0, key.toPEM())
  const pub = crypto.createPublicKey(key.toPEM())
  seed('jwk_der', `${name}-spki`, 2, pub.export({ format: 'der', type: 'spki' }))
  if (key.kty === 'RSA') {
    seed('jwk_pem', `${name}-pkcs1-public`, 0, pub.export({ format: 'pem', type: 'pkcs1' }))
    seed('jwk_der', `${name}-pkcs1-public`, 3, pub.export({ format: 'der', type: 'pkcs1' }))
  }
})
for (const file of ['cert.pem', 'cert-rsa.pem']) {
  const pem = read('__test__', 'fixtures', file)
  seed('jwk_pem', file, 0, pem)
  seed('jwk_pem', `${file}-x5c`, 2, pem)
}

// Other PKCS#8 encryption schemes Node reads, written by OpenSSL: PBKDF2
// with other PRFs and ciphers, and scrypt with a small cost.
const ecPem = ec.toPEM(true)
const openssl = (args) => execFileSync('openssl', args, { input: ecPem })
for (const [name, args] of [
  ['des3-sha1', ['-v2', 'des3', '-v2prf', 'hmacWithSHA1']],
  ['aes128-sha512', ['-v2', 'aes-128-cbc', '-v2prf', 'hmacWithSHA512', '-iter', '100']],
  ['scrypt', ['-scrypt', '-scrypt_N', '1024', '-scrypt_r', '8', '-scrypt_p', '1']]
]) {
  try {
    const der = openssl(['pkcs8', '-topk8', '-outform', 'DER', '-passout', `pass:${PASSPHRASE}`, ...args])
    seed('pkcs8_encrypted', `openssl-${name}`, 0, der)
  } catch (err) {
    console.error(`skipped openssl ${name}: ${err.message.split('\n')[0]}`)
  }
}

// ---------------------------------------------------------------- JWT
for (const span of ['2 hours', '20 m', '60s', '1.5 days', '1 y', '10 weeks', '5 SECONDS', '0s', '3 hrs', '1.d', '-1 h', '']) {
  seed('timespan', `span-${span}`, null, span)
}
const NUL = Buffer.from([0])
const FUTURE = 4102444800 // 2100-01-01
const claims = { sub: 'sub', aud: ['aud', 'other'], iss: 'iss', iat: 1700000000, exp: FUTURE, nbf: 1700000000, jti: 'id', nonce: 'n', auth_time: 1700000000, azp: 'aud' }
const OPTIONS = [
  [{}, { alg: 'HS256' }, { sub: 'x' }],
  [{ audience: 'aud', issuer: 'iss', subject: 'sub', jti: 'id' }, { alg: 'HS256', typ: 'JWT' }, claims],
  [{ maxTokenAge: '100 years', clockTolerance: '5s' }, { alg: 'HS256' }, claims],
  [{ ignoreExp: true, ignoreNbf: true, ignoreIat: true }, { alg: 'HS256' }, { exp: 1, nbf: FUTURE }],
  [{ profile: 'id_token', issuer: 'iss', audience: 'aud', nonce: 'n', maxAuthAge: '100 years' }, { alg: 'RS256' }, claims],
  [{ profile: 'at+JWT', issuer: 'iss', audience: 'aud' }, { alg: 'RS256', typ: 'at+jwt' }, { ...claims, client_id: 'c' }],
  [{ profile: 'logout_token', issuer: 'iss', audience: 'aud' }, { alg: 'RS256' }, { ...claims, nonce: undefined, sid: 's', events: { 'http://schemas.openid.net/event/backchannel-logout': {} } }],
  [{ typ: 'JWT', algorithms: ['HS256'], crit: ['b64'] }, { alg: 'HS256', typ: 'JWT' }, claims],
  [{ audience: ['a', 'aud'], issuer: ['x', 'iss'] }, { alg: 'HS256' }, { ...claims, aud: 'aud' }]
]
OPTIONS.forEach(([options, header, payload], i) => {
  seed('jwt_claims', `claims-${i}`, 0, Buffer.concat([Buffer.from(JSON.stringify(options)), NUL,
    Buffer.from(JSON.stringify(header)), NUL, Buffer.from(JSON.stringify(payload))]))
})
seed('jwt_claims', 'token', 1, Buffer.concat([Buffer.from('{}'), NUL, Buffer.from(JWT.sign(claims, hs, { expiresIn: '1 h' }))]))

console.log(written)
