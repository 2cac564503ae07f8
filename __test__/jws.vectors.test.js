'use strict'

// JWS against published vectors: every RFC 7520 section 4 case, RFC 7797
// 4.1/4.2 and RFC 8037 A.4 verify, and the deterministic ones (HMAC,
// RSASSA-PKCS1-v1_5, Ed25519) are reproduced byte for byte.

const test = require('node:test')
const assert = require('assert')

const { JWK, JWKS, JWS } = require('..')
const { vectors } = require('./helpers')

const CASES = ['4.1', '4.2', '4.3', '4.4', '4.6', '4.7', '4.8', '4.1 rfc7797', '4.2 rfc7797', 'A.4 rfc8037']
// deterministic algorithms: the signature is a function of key and input
const DETERMINISTIC = new Set(['HS256', 'RS256', 'EdDSA'])

const keysOf = (c) => (Array.isArray(c.input.key) ? c.input.key : [c.input.key]).map((jwk) => JWK.asKey(jwk))
const optionsOf = (c) => {
  const steps = Array.isArray(c.signing) ? c.signing : [c.signing]
  return steps.some((s) => s.protected && s.protected.b64 === false) ? { crit: ['b64'] } : {}
}

for (const id of CASES) {
  const c = vectors.cases[id]
  test(`RFC ${id} ${c.title}: every serialization verifies`, () => {
    const keys = keysOf(c)
    const store = new JWKS.KeyStore(keys)
    const options = { ...optionsOf(c), complete: true }
    for (const [form, jws] of Object.entries(c.output)) {
      const { payload, key } = JWS.verify(jws, keys.length === 1 ? keys[0] : store, options)
      assert.strictEqual(typeof payload === 'string' ? payload : JSON.stringify(payload), c.input.payload, form)
      assert.ok(keys.includes(key), `${form}: the verifying key is one of the inputs`)
      // a flipped signature bit fails
      assert.throws(() => JWS.verify(tamper(jws), keys.length === 1 ? keys[0] : store, options),
        (err) => err.code === 'ERR_JWS_VERIFICATION_FAILED' || err.code === 'ERR_JOSE_MULTIPLE_ERRORS', form)
    }
  })

  const steps = Array.isArray(c.signing) ? c.signing : [c.signing]
  const algs = steps.map((s) => (s.protected && s.protected.alg) || (s.unprotected && s.unprotected.alg))
  if (algs.every((alg) => DETERMINISTIC.has(alg))) {
    test(`RFC ${id} ${c.title}: reproduced byte for byte`, () => {
      const keys = keysOf(c)
      const sign = new JWS.Sign(c.input.payload)
      steps.forEach((step, i) => sign.recipient(keys[i] || keys[0], step.protected, step.unprotected))
      for (const [form, expected] of Object.entries(c.output)) {
        const serialization = { compact: 'compact', json: 'general', json_flat: 'flattened' }[form]
        assert.deepStrictEqual(sign.sign(serialization), expected, form)
      }
    })
  }
}

// Flips one bit in the (first) signature.
function tamper (jws) {
  const flip = (sig) => (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1)
  if (typeof jws === 'string') {
    const [h, p, s] = jws.split('.')
    return `${h}.${p}.${flip(s)}`
  }
  if (jws.signatures) {
    return { ...jws, signatures: jws.signatures.map((s) => ({ ...s, signature: flip(s.signature) })) }
  }
  return { ...jws, signature: flip(jws.signature) }
}
