'use strict'

// Strings reach the hot native calls (JWT.sign's payload and options,
// JWT.verify's token and options) through a 2 KB stack buffer, and the
// long way when they may not fit (src/sys/napi_text.rs). These tests put
// strings on both sides of that limit, with multi-byte characters across
// it and lone surrogates, and require jose 1.28.2's results.

const test = require('node:test')
const assert = require('assert')

const native = require('..')
const jose = require('jose')

const SECRET = { kty: 'oct', k: 'hJtXIZ2uSN5kbQfbtTNWbpdmhkV8FJG-Onbc6mxCcYg' }
const ours = native.JWK.asKey(SECRET)
const theirs = jose.JWK.asKey(SECRET)
const NOW = new Date(1600000000000)

function outcome (fn) {
  try {
    return { value: fn() }
  } catch (err) {
    return { error: { name: err.constructor.name, code: err.code, message: err.message } }
  }
}

// Payload texts whose JSON is about `bytes` long, in UTF-8, around 2048.
function payloads () {
  const list = []
  for (const bytes of [2000, 2046, 2047, 2048, 2049, 4096, 70000]) {
    list.push({ sub: 'a'.repeat(bytes - 11) })
  }
  // two- and four-byte characters across the limit, at every offset
  for (let ascii = 2020; ascii < 2050; ascii++) {
    list.push({ sub: 'a'.repeat(ascii) + 'éé😀😀éé' })
  }
  list.push({ sub: 'x\ud800y', name: '\udc00' })
  return list
}

test('JWT.sign with payloads around the one-call limit', () => {
  for (const payload of payloads()) {
    const options = { now: NOW, iat: false, algorithm: 'HS256' }
    assert.deepStrictEqual(
      outcome(() => native.JWT.sign(payload, ours, options)),
      outcome(() => jose.JWT.sign(payload, theirs, options)),
      `${JSON.stringify(payload).length} characters`
    )
  }
})

test('JWT.verify with tokens around the one-call limit', () => {
  for (const payload of payloads()) {
    const token = jose.JWT.sign(payload, theirs, { now: NOW, iat: false })
    assert.deepStrictEqual(
      outcome(() => native.JWT.verify(token, ours, { now: NOW })),
      outcome(() => jose.JWT.verify(token, theirs, { now: NOW })),
      `${token.length} characters`
    )
    // a two-byte character in the token where the buffer ends: jose's
    // base64 decoding skips it, and so must the native side
    for (const at of [2044, 2045, 2046, 2047]) {
      const marked = token.slice(0, at) + 'é' + token.slice(at)
      assert.deepStrictEqual(
        outcome(() => native.JWT.verify(marked, ours, { now: NOW })),
        outcome(() => jose.JWT.verify(marked, theirs, { now: NOW })),
        `${token.length} characters, é at ${at}`
      )
    }
    // a token cut inside the buffer's last bytes is malformed or fails its signature
    const cut = token.slice(0, 2047)
    assert.deepStrictEqual(
      outcome(() => native.JWT.verify(cut, ours, { now: NOW })),
      outcome(() => jose.JWT.verify(cut, theirs, { now: NOW })),
      `cut to ${cut.length} characters`
    )
  }
})

test('options texts around the one-call limit', () => {
  const token = jose.JWT.sign({ sub: 'a', iss: 'i' }, theirs, { now: NOW })
  for (const length of [2000, 2046, 2047, 2048, 3000]) {
    const options = { now: NOW, issuer: ['i', 'x'.repeat(length)] }
    assert.deepStrictEqual(
      outcome(() => native.JWT.verify(token, ours, options)),
      outcome(() => jose.JWT.verify(token, theirs, options)),
      `issuer list of ${length}`
    )
    const signOptions = { now: NOW, subject: 'é'.repeat(length / 2), algorithm: 'HS256' }
    assert.deepStrictEqual(
      outcome(() => native.JWT.sign({}, ours, signOptions)),
      outcome(() => jose.JWT.sign({}, theirs, signOptions)),
      `subject of ${length}`
    )
  }
})
