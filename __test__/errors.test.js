'use strict'

const test = require('node:test')
const assert = require('assert')

const { errors } = require('..')
const reference = require('jose').errors

test('every jose error class exists with the same code and default message', () => {
  for (const [name, RefClass] of Object.entries(reference)) {
    const Class = errors[name]
    assert.ok(Class, `${name} is exported`)
    if (name === 'JOSEError' || name === 'JOSEMultiError') continue
    const ours = new Class()
    const theirs = new RefClass()
    assert.strictEqual(ours.name, theirs.name)
    assert.strictEqual(ours.code, theirs.code)
    assert.strictEqual(ours.message, theirs.message)
    assert.ok(ours instanceof errors.JOSEError)
    assert.ok(ours instanceof Error)
  }
})

test('JWTExpired is a JWTClaimInvalid with claim and reason', () => {
  const err = new errors.JWTExpired('"exp" claim timestamp check failed', 'exp', 'check_failed')
  assert.ok(err instanceof errors.JWTClaimInvalid)
  assert.strictEqual(err.code, 'ERR_JWT_EXPIRED')
  assert.strictEqual(err.claim, 'exp')
  assert.strictEqual(err.reason, 'check_failed')
  const bare = new errors.JWTClaimInvalid('x')
  assert.strictEqual(bare.claim, 'unspecified')
  assert.strictEqual(bare.reason, 'unspecified')
})

test('JOSEMultiError is iterable and flattens nested multi errors', () => {
  const a = new errors.JWSInvalid()
  const b = new errors.JWKKeySupport('b')
  const c = new errors.JOSENotSupported('c')
  const err = new errors.JOSEMultiError([a, new errors.JOSEMultiError([b, c])])
  assert.strictEqual(err.code, 'ERR_JOSE_MULTIPLE_ERRORS')
  assert.deepStrictEqual([...err], [a, b, c])
  assert.ok(!Object.keys(err).includes('errors'))
})

test('every error kind the core throws has its class here, with the core\'s code', () => {
  const binding = require('../lib/binding')
  const table = binding.errorClasses()
  assert.ok(table.length >= 18)
  for (const { name, code, v1 } of table) {
    if (!v1) continue
    assert.ok(errors[name], `${name} is a class of the facade`)
    const instance = name === 'JOSEMultiError' ? new errors[name]([]) : new errors[name]()
    assert.strictEqual(instance.code, code, name)
  }
})

test('jose 6\'s error classes have its codes and default messages, from the core\'s one table', async () => {
  const jose6 = await import('jose6')
  const ours = require('../v6').errors
  for (const [name, RefClass] of Object.entries(jose6.errors)) {
    const Class = ours[name]
    assert.ok(Class, `${name} is exported`)
    if (name === 'JOSEError') continue
    const args = name.startsWith('JWT') && name !== 'JWTInvalid' ? ['m', {}] : []
    const mine = new Class(...args)
    const theirs = new RefClass(...args)
    assert.deepStrictEqual([mine.name, mine.code, mine.message], [theirs.name, theirs.code, theirs.message], name)
  }
  // the core's own errors of a kind carry the class's default message
  const table = require('../lib/binding').errorClasses()
  for (const { name, v1, v6, v1Message, v6Message } of table) {
    if (v1 && v1Message) assert.strictEqual(new errors[name]().message, v1Message)
    if (v6 && v6Message) assert.strictEqual(new ours[name]().message, v6Message)
  }
})

test('a core error crosses N-API as one object naming its class, code, message, claim and reason', async () => {
  const binding = require('../lib/binding')
  const table = new Map(binding.errorClasses().map(({ name, code }) => [name, code]))
  const thrown = (fn) => {
    try {
      fn()
    } catch (err) {
      return err
    }
    assert.fail('expected a throw')
  }
  const failure = thrown(() => binding.importPem('garbage', null, '{}', false, false))
  assert.ok(!(failure instanceof Error), 'a plain object, not an Error')
  assert.deepStrictEqual({ ...failure }, { joseClass: 'JWKImportFailed', code: table.get('JWKImportFailed'), message: 'key import failed' })

  // a claim check carries its claim and reason; the Async twin rejects with the same shape
  const { JWK, JWT } = require('..')
  const key = JWK.asKey({ kty: 'oct', k: 'a'.repeat(43) })
  const token = JWT.sign({ exp: 1 }, key, { iat: false })
  const { NATIVE } = require('../lib/jwk/key')
  const { verifyOptionsJSON } = require('../lib/options')
  const args = [verifyOptionsJSON({}), token, binding.KeyMode.Key, key[NATIVE], false, false]
  for (const failed of [thrown(() => binding.jwtVerify(...args)), await binding.jwtVerifyAsync(...args).catch((err) => err)]) {
    assert.strictEqual(failed.joseClass, 'JWTExpired')
    assert.strictEqual(failed.code, table.get('JWTExpired'))
    assert.strictEqual(failed.claim, 'exp')
    assert.strictEqual(failed.reason, 'check_failed')
  }
})
