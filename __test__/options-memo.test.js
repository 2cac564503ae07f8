'use strict'

// JWT options are turned into their JSON view once and remembered by their
// values (lib/options.js), and the native side keeps their checked form by
// that text (src/jwt/memo.rs). These tests change options between calls,
// the way a caller may, and require every call to see the options as they
// are at that call, as jose 1.28.2 does: same value, or same error class,
// code, claim and message, call after call.

const test = require('node:test')
const assert = require('assert')

const native = require('..')
const jose = require('jose')

const SECRET = { kty: 'oct', k: 'hJtXIZ2uSN5kbQfbtTNWbpdmhkV8FJG-Onbc6mxCcYg' }
const ours = native.JWK.asKey(SECRET)
const theirs = jose.JWK.asKey(SECRET)
const NOW = new Date(1600000000000)
const T = NOW.getTime() / 1000

function outcome (fn) {
  try {
    return { value: fn() }
  } catch (err) {
    return { error: { name: err.constructor.name, code: err.code, claim: err.claim, message: err.message } }
  }
}

// Each step changes `options` in place, then both libraries verify.
function sameOverSteps (token, options, steps) {
  for (const [label, change] of steps) {
    change(options)
    const expected = outcome(() => jose.JWT.verify(token, theirs, options))
    const actual = outcome(() => native.JWT.verify(token, ours, options))
    assert.deepStrictEqual(actual, expected, label)
  }
}

// Valid until 2100 by the clock, and one minute from NOW: options without
// `now` are remembered, options with a Date are not.
const EXP_2100 = 4102444800
const token = jose.JWT.sign({ sub: 'a', iss: 'x', aud: ['c1', 'c2'], iat: T, exp: EXP_2100 }, theirs, { iat: false, algorithm: 'HS256' })
const shortLived = jose.JWT.sign({ sub: 'a', iss: 'x', aud: 'c1', iat: T, exp: T + 60 }, theirs, { iat: false, algorithm: 'HS256' })

test('verify sees options changed in place between calls', () => {
  sameOverSteps(token, { issuer: 'x', algorithms: ['HS256'] }, [
    ['as given', () => {}],
    ['as given, again', () => {}],
    ['issuer changed', (o) => { o.issuer = 'y' }],
    ['issuer back', (o) => { o.issuer = 'x' }],
    ['algorithm replaced inside the same array', (o) => { o.algorithms[0] = 'RS256' }],
    ['algorithm added to the same array', (o) => { o.algorithms.push('HS256') }],
    ['array holds a non-string', (o) => { o.algorithms[0] = 5 }],
    ['array back', (o) => { o.algorithms = ['HS256'] }],
    ['audience as a string', (o) => { o.audience = 'c2' }],
    ['audience wrong', (o) => { o.audience = 'c3' }],
    ['audience list', (o) => { o.audience = ['c3', 'c1'] }],
    ['audience a number', (o) => { o.audience = 1 }],
    ['audience an object', (o) => { o.audience = {} }],
    ['audience removed', (o) => { delete o.audience }],
    ['ignoreExp a string', (o) => { o.ignoreExp = 'true' }],
    ['ignoreExp false', (o) => { o.ignoreExp = false }],
    ['now a number', (o) => { o.now = NOW.getTime() }],
    ['now removed', (o) => { delete o.now }],
    ['profile unknown', (o) => { o.profile = 'nope' }],
    ['profile id_token without audience', (o) => { o.profile = 'id_token' }],
    ['profile removed', (o) => { delete o.profile }]
  ])
})

test('verify sees a Date changed in place between calls', () => {
  sameOverSteps(shortLived, { now: new Date(NOW) }, [
    ['as given', () => {}],
    ['now moved past exp on the same Date', (o) => { o.now.setTime(NOW.getTime() + 120000) }],
    ['ignoreExp true', (o) => { o.ignoreExp = true }],
    ['ignoreExp false', (o) => { o.ignoreExp = false }],
    ['now back', (o) => { o.now.setTime(NOW.getTime()) }],
    ['now invalid', (o) => { o.now = new Date(NaN) }],
    ['now removed: the clock is past exp', (o) => { delete o.now }]
  ])
})

test('verify with a fresh literal each call sees each call\'s values', () => {
  for (const issuer of ['x', 'y', 'x', ['y', 'x'], ['y'], 'x']) {
    for (const audience of ['c1', 'c3', ['c3'], undefined]) {
      const options = { issuer, audience }
      assert.deepStrictEqual(
        outcome(() => native.JWT.verify(token, ours, { issuer, audience })),
        outcome(() => jose.JWT.verify(token, theirs, options)),
        JSON.stringify({ issuer, audience })
      )
    }
  }
})

test('more distinct option sets than are remembered, over and over', () => {
  const sets = Array.from({ length: 12 }, (_, i) => ({ issuer: i % 3 ? 'x' : 'z', jti: i % 2 ? undefined : `j${i}`, clockTolerance: `${i}s` }))
  for (let round = 0; round < 3; round++) {
    for (const options of sets) {
      assert.deepStrictEqual(
        outcome(() => native.JWT.verify(token, ours, options)),
        outcome(() => jose.JWT.verify(token, theirs, options)),
        JSON.stringify(options)
      )
    }
  }
})

// A signed token as its header and payload, with the times the clock set
// (`iat`, and `exp` or `nbf` relative to it) rounded to ten seconds, so
// that two libraries signing a moment apart agree.
function signed (fn) {
  const result = outcome(fn)
  if (!result.value) return result
  const { header, payload } = jose.JWT.decode(result.value, { complete: true })
  for (const claim of ['iat', 'exp', 'nbf']) {
    if (claim in payload) payload[claim] = Math.round(payload[claim] / 10)
  }
  return { header, payload }
}

test('sign sees options changed in place between calls', () => {
  const options = { algorithm: 'HS256', expiresIn: '1h', header: { typ: 'JWT' } }
  const steps = [
    ['as given', () => {}],
    ['as given, again', () => {}],
    ['expiresIn changed', (o) => { o.expiresIn = '2h' }],
    ['expiresIn invalid', (o) => { o.expiresIn = 'soon' }],
    ['expiresIn back', (o) => { o.expiresIn = '1h' }],
    ['audience list', (o) => { o.audience = ['a', 'b'] }],
    ['audience list changed in place', (o) => { o.audience[1] = 'c' }],
    ['header a string', (o) => { o.header = 'x' }],
    ['header back', (o) => { o.header = { typ: 'JWT' } }],
    ['header member changed', (o) => { o.header.typ = 'at+jwt' }],
    ['iat off', (o) => { o.iat = false }],
    ['iat a number', (o) => { o.iat = 0 }],
    ['iat back', (o) => { delete o.iat }],
    ['now set', (o) => { o.now = new Date(NOW) }],
    ['now moved on the same Date', (o) => { o.now.setTime(NOW.getTime() + 3600000) }],
    ['now removed', (o) => { delete o.now }],
    ['subject empty', (o) => { o.subject = '' }],
    ['subject set', (o) => { o.subject = 's' }],
    ['kid a string', (o) => { o.kid = 'k' }],
    ['kid true', (o) => { o.kid = true }]
  ]
  for (const [label, change] of steps) {
    change(options)
    assert.deepStrictEqual(
      signed(() => native.JWT.sign({ a: 1 }, ours, options)),
      signed(() => jose.JWT.sign({ a: 1 }, theirs, options)),
      label
    )
  }
})
