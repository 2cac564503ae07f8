'use strict'

// JWK.asKey over every documented input, and the key object's API.

const test = require('node:test')
const assert = require('assert')
const crypto = require('crypto')
const { readFileSync } = require('fs')
const { join } = require('path')

const { JWK, errors } = require('..')
const jose = require('jose')
const { thrown } = require('./helpers')

const fixture = (name) => readFileSync(join(__dirname, 'fixtures', name), 'utf8')

test('PEM and DER in pkcs1, pkcs8, spki and sec1', () => {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 })
  const ref = jose.JWK.asKey(privateKey)
  const inputs = [
    privateKey.export({ format: 'pem', type: 'pkcs1' }),
    privateKey.export({ format: 'pem', type: 'pkcs8' }),
    Buffer.from(privateKey.export({ format: 'pem', type: 'pkcs8' })),
    { key: privateKey.export({ format: 'der', type: 'pkcs1' }), format: 'der', type: 'pkcs1' },
    { key: privateKey.export({ format: 'der', type: 'pkcs8' }), format: 'der', type: 'pkcs8' },
    { key: publicKey.export({ format: 'der', type: 'spki' }), format: 'der', type: 'spki' },
    { key: publicKey.export({ format: 'der', type: 'pkcs1' }), format: 'der', type: 'pkcs1' },
    publicKey.export({ format: 'pem', type: 'spki' }),
    publicKey.export({ format: 'pem', type: 'pkcs1' }),
    privateKey,
    publicKey
  ]
  for (const input of inputs) {
    const key = JWK.asKey(input)
    assert.ok(key instanceof JWK.RSAKey && key instanceof JWK.Key)
    assert.strictEqual(key.thumbprint, ref.thumbprint)
  }
  const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-521' }).privateKey
  const sec1 = JWK.asKey({ key: ec.export({ format: 'der', type: 'sec1' }), format: 'der', type: 'sec1' })
  assert.strictEqual(sec1.thumbprint, jose.JWK.asKey(ec).thumbprint)
  assert.strictEqual(sec1.crv, 'P-521')
})

test('X.509 certificates: public key, x5c and its thumbprints', () => {
  const pem = fixture('cert.pem')
  const key = JWK.asKey(pem)
  const ref = jose.JWK.asKey(pem)
  assert.strictEqual(key.type, 'public')
  assert.strictEqual(key.thumbprint, jose.JWK.asKey(fixture('cert-key.pem')).thumbprint)
  assert.deepStrictEqual(key.x5c, ref.x5c)
  assert.strictEqual(key.x5t, ref.x5t)
  assert.strictEqual(key['x5t#S256'], ref['x5t#S256'])
  assert.deepStrictEqual(key.toJWK(), ref.toJWK())
  // a Buffer certificate gets no x5c in jose; neither here
  assert.strictEqual(JWK.asKey(Buffer.from(pem)).x5c, undefined)
  // the private key with its certificate chain as an option
  const withChain = JWK.asKey(fixture('cert-key.pem'), { x5c: ref.x5c })
  assert.strictEqual(withChain.x5t, ref.x5t)
  const rsa = JWK.asKey(fixture('cert-rsa.pem'))
  assert.strictEqual(rsa.kty, 'RSA')
  assert.strictEqual(rsa.x5t, jose.JWK.asKey(fixture('cert-rsa.pem')).x5t)
})

test('secrets as string, Buffer and KeyObject', () => {
  const fromString = JWK.asKey('8yHym6h5CG5FylbzrCn8fhxEbp3kOaTsgLaawaaJ')
  const fromBuffer = JWK.asKey(Buffer.from('8yHym6h5CG5FylbzrCn8fhxEbp3kOaTsgLaawaaJ'))
  const fromKeyObject = JWK.asKey(crypto.createSecretKey(Buffer.from('8yHym6h5CG5FylbzrCn8fhxEbp3kOaTsgLaawaaJ')))
  for (const key of [fromString, fromBuffer, fromKeyObject]) {
    assert.ok(key instanceof JWK.OctKey)
    assert.strictEqual(key.kid, jose.JWK.asKey('8yHym6h5CG5FylbzrCn8fhxEbp3kOaTsgLaawaaJ').kid)
    assert.strictEqual(key.length, 320)
    assert.strictEqual(Buffer.from(key.k, 'base64url').toString(), '8yHym6h5CG5FylbzrCn8fhxEbp3kOaTsgLaawaaJ')
    assert.ok(!Object.keys(key).includes('k'))
  }
  const empty = JWK.asKey(Buffer.alloc(0))
  assert.strictEqual(empty.length, 0)
  assert.strictEqual(empty.kid, jose.JWK.asKey(Buffer.alloc(0)).kid)
})

test('options alg, use, kid, key_ops apply; JWK members win for asymmetric JWKs', () => {
  const key = JWK.asKey('secret', { alg: 'HS256', use: 'sig', kid: 'mine', key_ops: ['sign', 'sign', 'foo'] })
  assert.strictEqual(key.alg, 'HS256')
  assert.strictEqual(key.use, 'sig')
  assert.strictEqual(key.kid, 'mine')
  assert.deepStrictEqual(key.key_ops, ['sign'])
  assert.deepStrictEqual([...key.algorithms()], ['HS256'])
  assert.deepStrictEqual([...key.algorithms('verify')], [])
  const jwk = jose.JWK.generateSync('EC', 'P-256', { kid: 'from-jwk' }).toJWK()
  const ec = JWK.asKey(jwk, { kid: 'ignored', use: 'enc' })
  assert.strictEqual(ec.kid, 'from-jwk')
  assert.strictEqual(ec.use, undefined)
  const oct = JWK.asKey({ kty: 'oct', k: 'AAAA', kid: 'jwk' }, { kid: 'explicit' })
  assert.strictEqual(oct.kid, 'explicit')
})

test('calculateMissingRSAPrimes recovers the CRT parameters', () => {
  const full = jose.JWK.generateSync('RSA', 1024).toJWK(true)
  const { p, q, dp, dq, qi, ...bare } = full
  const err = thrown(() => JWK.asKey(bare))
  assert.ok(err instanceof errors.JOSENotSupported)
  const key = JWK.asKey(bare, { calculateMissingRSAPrimes: true })
  assert.deepStrictEqual(key.toJWK(true), jose.JWK.asKey(bare, { calculateMissingRSAPrimes: true }).toJWK(true))
  assert.strictEqual(key.p, p)
})

test('oct JWK without k is a reference key', () => {
  const key = JWK.asKey({ kty: 'oct', kid: 'ref' })
  const ref = jose.JWK.asKey({ kty: 'oct', kid: 'ref' })
  assert.strictEqual(key.kid, 'ref')
  assert.deepStrictEqual([...key.algorithms()], [...ref.algorithms()])
  assert.deepStrictEqual(key.toJWK(), ref.toJWK())
  assert.strictEqual(thrown(() => key.thumbprint).constructor, TypeError)
  assert.strictEqual(key.keyObject, undefined)
})

test('toJWK and toPEM argument rules', () => {
  const publicKey = JWK.generateSync('EC', 'P-256', {}, false)
  assert.strictEqual(publicKey.type, 'public')
  assert.ok(thrown(() => publicKey.toJWK(true)) instanceof TypeError)
  assert.ok(thrown(() => publicKey.toPEM(true)) instanceof TypeError)
  assert.ok(thrown(() => JWK.generateSync('oct').toPEM()) instanceof TypeError)
  const privateKey = JWK.generateSync('EC', 'P-256')
  assert.ok(thrown(() => privateKey.toPEM(false, { passphrase: 'x' })) instanceof TypeError)
  assert.ok(thrown(() => privateKey.toPEM(true, { type: 'pkcs1' })) instanceof TypeError)
  assert.ok(thrown(() => privateKey.algorithms('foo')) instanceof TypeError)
})

test('algorithms() matches jose for every key kind and operation', () => {
  const kinds = [['RSA', 2048], ['RSA', 512], ['EC', 'P-256'], ['EC', 'secp256k1'], ['OKP', 'Ed448'], ['OKP', 'X25519'],
    ['oct', 128], ['oct', 192], ['oct', 256], ['oct', 384], ['oct', 512], ['oct', 8]]
  const ops = [undefined, 'sign', 'verify', 'encrypt', 'decrypt', 'wrapKey', 'unwrapKey', 'deriveKey']
  for (const kind of kinds) {
    for (const options of [{}, { use: 'sig' }, { use: 'enc' }, { key_ops: ['verify', 'wrapKey'] }]) {
      for (const priv of kind[0] === 'oct' ? [true] : [true, false]) {
        const ref = jose.JWK.generateSync(kind[0], kind[1], options, priv)
        const ours = JWK.asKey(ref.toJWK(priv))
        for (const op of ops) {
          assert.deepStrictEqual([...ours.algorithms(op)], [...ref.algorithms(op)], `${kind} ${JSON.stringify(options)} ${priv} ${op}`)
        }
      }
    }
  }
})

test('generate resolves to a key off the main thread; every type and size jose accepts', async () => {
  const rsa = await JWK.generate('RSA', 1032, { use: 'sig' })
  assert.strictEqual(rsa.length, 1032)
  assert.strictEqual(rsa.use, 'sig')
  const publicKey = await JWK.generate('OKP', 'Ed448', undefined, false)
  assert.strictEqual(publicKey.type, 'public')
  assert.strictEqual(publicKey.d, undefined)
  assert.ok(JWK.isKey(rsa) && !JWK.isKey({}))
})

test('JWK.None and the embedded keys', () => {
  assert.ok(JWK.isKey(JWK.None))
  assert.deepStrictEqual([...JWK.None.algorithms()], ['none'])
  assert.deepStrictEqual([...JWK.None.algorithms('encrypt')], [])
  assert.strictEqual(JWK.None.kid, undefined)
  assert.strictEqual(JWK.None.type, 'unsecured')
  assert.strictEqual(JWK.EmbeddedJWK.type, 'embedded')
  assert.strictEqual(JWK.EmbeddedX5C.algorithms().size, 0)
})

test('the P-256K entry point names secp256k1 P-256K', () => {
  const { execFileSync } = require('child_process')
  const script = `
    const { JWK } = require(${JSON.stringify(join(__dirname, '..', 'P-256K.js'))})
    const key = JWK.generateSync('EC', 'P-256K')
    const back = JWK.asKey(key.toJWK(true))
    let refused = false
    try { JWK.asKey({ ...key.toJWK(), crv: 'secp256k1' }) } catch (e) { refused = e.code === 'ERR_JOSE_NOT_SUPPORTED' }
    console.log(JSON.stringify([key.crv, back.crv, [...key.algorithms()], refused]))`
  const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }))
  assert.deepStrictEqual(out, ['P-256K', 'P-256K', ['ES256K'], true])
})
