'use strict'

// JWK.CustomKey: a key whose operations run in the user's own code, for
// keys that never leave a KMS or an HSM. A subclass supplies
// `algorithms(operation)`, `sign(alg, data)`, `verify(alg, data, signature)`
// and optionally `unwrapKey(alg, encryptedKey)` and `toPEM()`; each may
// answer with a Promise when called through the `...Async` twins. The key
// holds no material, so everything jose does around the key operation
// (headers, `alg` resolution, claims, content decryption) still runs
// natively; lib/custom.js drives the steps.

const { inspect } = require('util')

const { binding, call } = require('../native')
const { Key, INTERNAL } = require('./key')
const { described, isString } = require('../json')

/** @type {(list: unknown) => list is string[]} */
const isStrings = (list) => Array.isArray(list) && list.every((op) => typeof op === 'string')

/** @type {(value: unknown) => value is number} */
const isNumber = (value) => typeof value === 'number'

// The algorithms a custom key may use for `operation`: what its own
// `algorithms()` lists for each operation its parameters allow (the
// core's rules: `key_ops`, `use`, a public key neither signs nor
// decrypts), narrowed to its `alg`.
function usable (key, listed, operation) {
  const op = operation === undefined ? undefined : typeof operation === 'string' ? operation : ''
  const operations = call(binding.customKeyOperations, key.key_ops, key.use, key.type, op)
  const all = new Set()
  for (const allowed of operations) {
    const list = listed.call(key, allowed)
    if (!list || typeof list === 'string' || typeof list[Symbol.iterator] !== 'function') {
      throw new TypeError(`${key.constructor.name}#algorithms() must return a Set of algorithm names`)
    }
    for (const alg of list) {
      if (typeof alg === 'string' && alg && (!key.alg || alg === key.alg)) all.add(alg)
    }
  }
  return all
}

function notImplemented (key, signature) {
  return new TypeError(`${key.constructor.name} does not implement ${signature}`)
}

/**
 * What a JWK.CustomKey subclass passes to `super()`: the key's JWK
 * parameters, its type, and for RSA its modulus length in bits.
 * @typedef {object} CustomKeyOptions
 * @property {string} [alg]
 * @property {string} [use]
 * @property {string} [kid]
 * @property {string[]} [ops] its `key_ops`
 * @property {string} [kty] implied by `alg` when left out
 * @property {string} [keyType] 'private' (the default), 'public', or 'secret' for an `oct` key
 * @property {number} [length]
 */

class CustomKey extends Key {
  /** @param {CustomKeyOptions} [options] */
  constructor ({ alg, use, kid, ops, kty, keyType, length } = {}) {
    if (new.target === CustomKey) {
      throw new TypeError('JWK.CustomKey is a base class: extend it with algorithms(), sign() and verify()')
    }
    // jose's checks of the JWK parameters, then the key type (implied by
    // `alg` when left out), object type and modulus length: the core's
    // (src/jwk/custom.rs)
    const checked = call(binding.describeCustomKey, {
      alg: described(alg, isString),
      keyUse: described(use, isString),
      kid: described(kid, isString),
      keyOps: described(ops, isStrings),
      kty: described(kty, isString),
      ktyText: kty === undefined ? undefined : String(kty),
      keyType: described(keyType, isString),
      length: described(length, isNumber)
    })
    const params = {}
    if (checked.alg != null) params.alg = checked.alg
    if (checked.keyUse != null) params.use = checked.keyUse
    if (checked.keyOps != null) params.key_ops = checked.keyOps
    // no material: no handle, and no thumbprint to stand in for a kid
    super(INTERNAL, null, { type: checked.keyType, params, identified: false })

    const listed = this.algorithms
    if (listed === CustomKey.prototype.algorithms) {
      throw notImplemented(this, 'algorithms(operation)')
    }
    Object.defineProperties(this, {
      kid: { value: kid, enumerable: kid !== undefined },
      kty: { value: checked.kty, enumerable: true },
      length: { value: checked.length ?? undefined },
      thumbprint: { value: undefined },
      keyObject: { value: undefined },
      x5t: { value: undefined },
      'x5t#S256': { value: undefined },
      // The subclass's own list, narrowed as jose narrows every key's.
      algorithms: { value: (operation) => usable(this, listed, operation) }
    })
  }

  /** @type {Key['algorithms']} */
  algorithms () {
    throw notImplemented(this, 'algorithms(operation)')
  }

  sign () {
    throw notImplemented(this, 'sign(alg, data)')
  }

  verify () {
    throw notImplemented(this, 'verify(alg, data, signature)')
  }

  toJWK () {
    throw new TypeError(`${this.constructor.name} holds no key material to export; implement toJWK() to publish its public key`)
  }

  /** @type {Key['toPEM']} */
  toPEM () {
    throw new TypeError(`${this.constructor.name} holds no key material to export; implement toPEM() to publish its public key`)
  }

  [inspect.custom] () {
    const shown = {}
    for (const name of ['kty', 'kid', 'alg', 'use', 'key_ops']) {
      if (this[name] !== undefined) shown[name] = this[name]
    }
    return `${this.constructor.name} ${inspect(shown, { colors: process.stdout.isTTY })}`
  }
}

module.exports = { CustomKey }
