'use strict'

// 10,000 Async operations in flight at once on one shared key and one
// shared KeyStore: JWS sign and verify, JWE encrypt and decrypt, good and
// broken inputs mixed. The libuv pool runs them in parallel on the same
// native key handles; every result must be the right one for its input.

const test = require('node:test')
const assert = require('assert')

const { JWK, JWKS, JWS, JWE, errors } = require('..')
const { vectors } = require('./helpers')

const hs = JWK.asKey(vectors.cases['3.5'])
const ec = JWK.asKey(vectors.cases['3.2'])
const kw = JWK.asKey(vectors.cases['5.8'].input.key)
const dir = JWK.asKey(vectors.cases['5.6'].input.key)
const store = new JWKS.KeyStore(hs, ec, kw, dir, JWK.generateSync('RSA', 2048))

const OPERATIONS = 10000

test(`${OPERATIONS} Async operations in flight on one key and one KeyStore`, async () => {
  // Inputs made beforehand, each with its own payload, so a result that
  // went to the wrong caller shows.
  const tokens = []
  const jwes = []
  for (let i = 0; i < 500; i++) {
    tokens.push(JWS.sign({ i }, i % 10 ? hs : ec, { kid: i % 10 ? hs.kid : ec.kid }))
    jwes.push(JWE.encrypt(`jwe ${i}`, i % 2 ? kw : dir, i % 2 ? { kid: kw.kid } : { alg: 'dir', enc: 'A128GCM', kid: dir.kid }))
  }

  const inFlight = []
  for (let i = 0; i < OPERATIONS; i++) {
    const n = i % 500
    switch (i % 8) {
      case 0:
        inFlight.push(JWS.signAsync({ i }, hs).then((jws) => {
          assert.deepStrictEqual(JWS.verify(jws, hs), { i })
        }))
        break
      case 1:
        inFlight.push(JWS.verifyAsync(tokens[n], store).then((payload) => {
          assert.deepStrictEqual(payload, { i: n })
        }))
        break
      case 2:
        inFlight.push(JWS.verifyAsync(tokens[n], n % 10 ? hs : ec, { complete: true }).then((result) => {
          assert.deepStrictEqual(result.payload, { i: n })
          assert.strictEqual(result.key, n % 10 ? hs : ec)
        }))
        break
      case 3: {
        // a signature from another token: must fail, and fail as jose does
        const [h, p] = tokens[n].split('.')
        const forged = `${h}.${p}.${tokens[(n + 1) % 500].split('.')[2]}`
        inFlight.push(assert.rejects(JWS.verifyAsync(forged, store), errors.JWSVerificationFailed))
        break
      }
      case 4:
        inFlight.push(JWE.encryptAsync(`enc ${i}`, kw).then((jwe) => {
          assert.strictEqual(JWE.decrypt(jwe, kw).toString(), `enc ${i}`)
        }))
        break
      case 5:
        inFlight.push(JWE.decryptAsync(jwes[n], store).then((cleartext) => {
          assert.strictEqual(cleartext.toString(), `jwe ${n}`)
        }))
        break
      case 6:
        inFlight.push(JWE.decryptAsync(jwes[n], n % 2 ? kw : dir, { complete: true }).then((result) => {
          assert.strictEqual(result.cleartext.toString(), `jwe ${n}`)
          assert.strictEqual(result.key, n % 2 ? kw : dir)
        }))
        break
      default: {
        // a ciphertext from another JWE under the same key: the tag fails
        const parts = jwes[n].split('.')
        parts[3] = jwes[(n + 2) % 500].split('.')[3]
        inFlight.push(assert.rejects(JWE.decryptAsync(parts.join('.'), store), errors.JWEDecryptionFailed))
      }
    }
  }
  assert.strictEqual(inFlight.length, OPERATIONS)
  const settled = await Promise.allSettled(inFlight)
  const failed = settled.filter((s) => s.status === 'rejected')
  assert.deepStrictEqual(failed.map((s) => s.reason.message).slice(0, 5), [])
  // the shared key and store are untouched by it all
  assert.strictEqual(store.size, 5)
  assert.deepStrictEqual(JWS.verify(JWS.sign({ after: true }, hs), store), { after: true })
})
