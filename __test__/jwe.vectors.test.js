'use strict'

// JWE against published vectors: every RFC 7520 section 5 case (RSA1_5,
// RSA-OAEP, PBES2, ECDH-ES with and without key wrap, dir, AES-GCM key
// wrap, AES key wrap, compressed, AAD, protected/unprotected splits,
// several recipients) and the RSA-OAEP-256 case decrypt in every
// serialization they are published in, with a key and with a KeyStore.

const test = require('node:test')
const assert = require('assert')

const { JWK, JWKS, JWE } = require('..')
const { vectors } = require('./helpers')

const CASES = ['5.1', '5.2', '5.3', '5.4', '5.5', '5.6', '5.7', '5.8', '5.9', '5.10', '5.11', '5.12', '5.13', 'ml-oeap-256']

// The case's keys; 5.3 is keyed by a password.
function keysOf (c) {
  if (c.input.pwd) return [JWK.asKey({ kty: 'oct', k: Buffer.from(c.input.pwd).toString('base64url') })]
  return (Array.isArray(c.input.key) ? c.input.key : [c.input.key]).map((jwk) => JWK.asKey(jwk))
}

// Flips one character of the authentication tag.
function tamper (jwe) {
  const flip = (tag) => (tag[0] === 'A' ? 'B' : 'A') + tag.slice(1)
  if (typeof jwe === 'string') {
    const parts = jwe.split('.')
    parts[4] = flip(parts[4])
    return parts.join('.')
  }
  return { ...jwe, tag: flip(jwe.tag) }
}

for (const id of CASES) {
  const c = vectors.cases[id]
  test(`RFC 7520 ${id} ${c.title}: every serialization decrypts`, async () => {
    const keys = keysOf(c)
    const store = new JWKS.KeyStore(keys)
    const forms = Object.entries(c.output)
    assert.ok(forms.length >= 1)
    for (const [form, jwe] of forms) {
      for (const key of [...keys, store]) {
        const result = JWE.decrypt(jwe, key, { complete: true })
        assert.strictEqual(result.cleartext.toString(), c.input.plaintext, `${form} with ${key === store ? 'the store' : key.kid}`)
        assert.ok(keys.includes(result.key), `${form}: the decrypting key is one of the inputs`)
        assert.strictEqual(result.cek.alg, c.input.enc.replace('A128CBC-H256', 'A128CBC-HS256'))
        const viaAsync = await JWE.decryptAsync(jwe, key)
        assert.ok(viaAsync.equals(result.cleartext), `${form}: decryptAsync agrees`)
      }
      assert.throws(() => JWE.decrypt(tamper(jwe), store), { code: 'ERR_JWE_DECRYPTION_FAILED' }, form)
    }
  })
}

test('RFC 7520 5.10 hands back the AAD, 5.11 and 5.12 the unprotected header', () => {
  const aadCase = vectors.cases['5.10']
  const [key] = keysOf(aadCase)
  const withAad = JWE.decrypt(aadCase.output.json_flat, key, { complete: true })
  assert.strictEqual(withAad.aad, aadCase.output.json_flat.aad)
  assert.strictEqual(Buffer.from(withAad.aad, 'base64url').toString(), aadCase.input.aad)

  for (const id of ['5.11', '5.12']) {
    const c = vectors.cases[id]
    const result = JWE.decrypt(c.output.json_flat, keysOf(c)[0], { complete: true })
    assert.deepStrictEqual(result.unprotected, c.encrypting_content.unprotected, id)
  }
  const contentOnly = JWE.decrypt(vectors.cases['5.12'].output.json_flat, keysOf(vectors.cases['5.12'])[0], { complete: true })
  assert.strictEqual(contentOnly.protected, undefined)
})

test('RFC 7520 5.9 is compressed and its zip header is protected', () => {
  const c = vectors.cases['5.9']
  const result = JWE.decrypt(c.output.compact, keysOf(c)[0], { complete: true })
  assert.strictEqual(result.protected.zip, 'DEF')
  assert.strictEqual(result.cleartext.toString(), c.input.plaintext)
})
