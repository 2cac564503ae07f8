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

const KEY_TYPES = new Set(['RSA', 'EC', 'OKP', 'oct'])
const OBJECT_TYPES = new Set(['private', 'public', 'secret'])
// The operations each `use` allows (KeyStore matching reads it too).
const USES_MAPPING = {
  sig: new Set(['sign', 'verify']),
  enc: new Set(['encrypt', 'decrypt', 'wrapKey', 'unwrapKey', 'deriveKey'])
}
const OPERATIONS = new Set([...USES_MAPPING.sig, ...USES_MAPPING.enc])
// What a public key cannot do, as jose's own key classes rule it.
const NEEDS_PRIVATE = new Set(['sign', 'decrypt', 'unwrapKey'])

// The key type an algorithm name implies, when it implies one.
function impliedKeyType (alg) {
  if (/^HS\d+$/.test(alg)) return 'oct'
  if (/^(RS|PS)\d+$/.test(alg) || /^RSA/.test(alg)) return 'RSA'
  if (/^ES\d+K?$/.test(alg)) return 'EC'
  if (alg === 'EdDSA') return 'OKP'
  return undefined
}

/**
 * A parameter as the core takes it: itself when of the type jose wants,
 * `false` for any other value (null included), undefined when absent.
 * @template T
 * @param {unknown} value
 * @param {(value: any) => value is T} wanted
 * @returns {T | false | undefined}
 */
const described = (value, wanted) => value === undefined ? undefined : wanted(value) ? value : false

/** @type {(list: unknown) => list is string[]} */
const isStrings = (list) => Array.isArray(list) && list.every((op) => typeof op === 'string')

/** @type {(value: unknown) => value is string} */
const isString = (value) => typeof value === 'string'

/**
 * jose's checks of the common JWK parameters, with its messages: the
 * core's (src/jwk/params.rs `KeyParams::common`), as for every key.
 * Returns `key_ops` as the key keeps it.
 */
function checkParameters ({ alg, use, kid, ops }) {
  return call(binding.checkKeyParameters, described(alg, isString), described(use, isString),
    described(kid, isString), described(ops, isStrings)) ?? undefined
}

// The algorithms a custom key may use for `operation`: what its own
// `algorithms()` lists, narrowed the way jose narrows any key's list by
// `key_ops`, `use`, the key's type and its `alg`.
function usable (key, listed, operation) {
  if (operation !== undefined && !OPERATIONS.has(operation)) {
    throw new TypeError('invalid key operation')
  }
  if (operation === undefined) {
    const all = new Set()
    for (const op of OPERATIONS) {
      for (const alg of usable(key, listed, op)) all.add(alg)
    }
    return all
  }
  const ops = key.key_ops
  if (ops && !ops.includes(operation)) return new Set()
  if (key.use && !USES_MAPPING[key.use].has(operation)) return new Set()
  if (key.public && NEEDS_PRIVATE.has(operation)) return new Set()
  const list = listed.call(key, operation)
  if (!list || typeof list === 'string' || typeof list[Symbol.iterator] !== 'function') {
    throw new TypeError(`${key.constructor.name}#algorithms() must return a Set of algorithm names`)
  }
  const names = [...list].filter((alg) => typeof alg === 'string' && alg)
  if (key.alg) return new Set(names.includes(key.alg) ? [key.alg] : [])
  return new Set(names)
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
    // The KMS example this API comes from passes the key type as `alg`
    // ({ alg: 'EC' }). No JWA algorithm is called RSA, EC, OKP or oct, so
    // such a value can only name the key type: it is taken as `kty`, and
    // the key gets no `alg` (which would otherwise restrict it to an
    // algorithm that does not exist).
    if (KEY_TYPES.has(alg)) {
      if (kty !== undefined && kty !== alg) {
        throw new TypeError(`\`alg\` names the key type ${alg}, but \`kty\` is ${kty}`)
      }
      kty = alg
      alg = undefined
    }
    const keyOps = checkParameters({ alg, use, kid, ops })
    if (kty === undefined && alg !== undefined) kty = impliedKeyType(alg)
    if (!KEY_TYPES.has(kty)) {
      throw new TypeError('`kty` must be "RSA", "EC", "OKP" or "oct" (or implied by `alg`)')
    }
    if (keyType === undefined) keyType = kty === 'oct' ? 'secret' : 'private'
    if (!OBJECT_TYPES.has(keyType) || (keyType === 'secret') !== (kty === 'oct')) {
      throw new TypeError('`keyType` must be "secret" for an "oct" key, else "private" or "public"')
    }
    // the modulus length in bits, as an RSAKey's `length`: RS* and PS*
    // signatures the key makes are then held to it
    if (length !== undefined && (kty !== 'RSA' || !Number.isSafeInteger(length) || length < 512 || length % 8)) {
      throw new TypeError('`length` must be an RSA key\'s modulus length in bits (a multiple of 8, at least 512)')
    }

    const params = {}
    if (alg !== undefined) params.alg = alg
    if (use !== undefined) params.use = use
    if (keyOps !== undefined) params.key_ops = keyOps
    // no material: no handle, and no thumbprint to stand in for a kid
    super(INTERNAL, null, { type: keyType, params, identified: false })

    const listed = this.algorithms
    if (listed === CustomKey.prototype.algorithms) {
      throw notImplemented(this, 'algorithms(operation)')
    }
    Object.defineProperties(this, {
      kid: { value: kid, enumerable: kid !== undefined },
      kty: { value: kty, enumerable: true },
      length: { value: length },
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

module.exports = { CustomKey, USES_MAPPING }
