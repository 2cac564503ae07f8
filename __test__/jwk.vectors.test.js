'use strict'

// Key import against published vectors: RFC 7520 section 3 keys and the
// RFC 7638 thumbprint example.

const test = require('node:test')
const assert = require('assert')

const { JWK } = require('..')
const jose = require('jose')
const { vectors } = require('./helpers')

const SECTION_3 = ['3.1', '3.2', '3.3', '3.4', '3.5', '3.6']

for (const id of SECTION_3) {
  const jwk = vectors.cases[id]
  test(`RFC 7520 ${id} ${jwk.kty} key imports with its kid, members and jose's thumbprint`, () => {
    const key = JWK.asKey(jwk)
    assert.strictEqual(key.kid, jwk.kid)
    assert.strictEqual(key.use, jwk.use)
    assert.strictEqual(key.alg, jwk.alg)
    assert.strictEqual(key.type, jwk.d || jwk.k ? (jwk.k ? 'secret' : 'private') : 'public')
    const exported = key.toJWK(true && key.type !== 'public')
    for (const [member, value] of Object.entries(jwk)) {
      assert.strictEqual(exported[member], value, `member ${member}`)
    }
    assert.strictEqual(key.thumbprint, jose.JWK.asKey(jwk).thumbprint)
  })
}

test('RFC 7520 3.2 private EC key exposes d only non-enumerably', () => {
  const key = JWK.asKey(vectors.cases['3.2'])
  assert.strictEqual(key.d, vectors.cases['3.2'].d)
  assert.ok(!Object.keys(key).includes('d'))
  assert.deepStrictEqual(Object.keys(key), ['use', 'kid', 'crv', 'x', 'y', 'kty'])
})

test('RFC 7638 section 3.1 thumbprint', () => {
  const key = JWK.asKey({
    kty: 'RSA',
    n: '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw',
    e: 'AQAB',
    alg: 'RS256',
    kid: '2011-04-29'
  })
  assert.strictEqual(key.thumbprint, 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs')
  assert.strictEqual(key.kid, '2011-04-29')
  assert.strictEqual(key.length, 2048)
  assert.deepStrictEqual([...key.algorithms()], ['RS256'])
})
