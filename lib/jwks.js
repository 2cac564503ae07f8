'use strict'

// JWKS.KeyStore and JWKS.asKeyStore. The store holds JWK.Key instances;
// filtering reads their (cached) properties and native algorithm lists.

const { deprecate, inspect } = require('util')

const { isKey, asKey, generate, generateSync, CustomKey } = require('./jwk')
const { binding, call } = require('./native')
const { NATIVE } = require('./jwk/key')
const { isObject, described, isString } = require('./json')

/** @typedef {import('./jwk/key').AnyKey} AnyKey */

/**
 * KeyStore#all's query, as jose 1.x takes it.
 * @typedef {{
 *   alg?: string, kid?: string, thumbprint?: string, use?: string, kty?: string,
 *   key_ops?: string[], x5t?: string, 'x5t#S256'?: string, crv?: string
 * }} KeyQuery
 */

/**
 * A store's keys: `_keys`, an own property the constructor defines with
 * Object.defineProperty (out of TypeScript's sight).
 * @param {KeyStore} store
 * @returns {Set<AnyKey>}
 */
const keysOf = (store) => /** @type {any} */ (store)._keys

// A key without a handle (an `oct` reference, a custom key) as the core's
// store query reads it, as JSON text (src/node/jwks.rs); what may throw (a
// reference key's `kid` or `thumbprint`) or is the user's code (a custom
// key's `algorithms()`) is read only when the query asks for it.
function unheld (key, query) {
  return JSON.stringify({
    kid: query.kid === undefined ? undefined : key.kid,
    thumbprint: query.thumbprint === undefined ? undefined : key.thumbprint,
    kty: key.kty,
    crv: key.crv,
    alg: key.alg,
    use: key.use,
    key_ops: key.key_ops,
    algorithms: query.alg === undefined ? undefined : [...key.algorithms()]
  })
}

// The store's keys as the core holds them, made again when they change
// (jose keeps them in the public `_keys`, which anyone may change).
const NATIVE_STORE = Symbol('native store')

/** @returns {import('./binding').NativeStore} */
function nativeStore (store, keys) {
  const held = store[NATIVE_STORE]
  if (held && held.keys.length === keys.length && held.keys.every((key, i) => key === keys[i])) return held.native
  const native = call(binding.nativeStore, keys.map((key) => key[NATIVE] || null))
  Object.defineProperty(store, NATIVE_STORE, { value: { keys, native }, configurable: true })
  return native
}

class KeyStore {
  constructor (...keys) {
    keys = keys.flat(Infinity)
    if (keys.some((k) => !isKey(k) || !k.kty)) {
      throw new TypeError('all keys must be instances of a key instantiated by JWK.asKey')
    }
    Object.defineProperty(this, '_keys', { value: new Set(keys), writable: true })
  }

  /**
   * @param {KeyQuery} [query]
   * @returns {AnyKey[]}
   */
  all ({ alg, kid, thumbprint, use, kty, key_ops: ops, x5t, 'x5t#S256': x5t256, crv } = {}) {
    if (ops !== undefined && (!Array.isArray(ops) || !ops.length || ops.some((x) => typeof x !== 'string'))) {
      throw new TypeError('`key_ops` must be a non-empty array of strings')
    }
    // jose's matching and ranking: the core's (src/jwks.rs); each member a
    // string, or false for a value of another type, which matches nothing
    const query = {
      kid: described(kid, isString),
      thumbprint: described(thumbprint, isString),
      x5t: described(x5t, isString),
      'x5t#S256': described(x5t256, isString),
      kty: described(kty, isString),
      crv: described(crv, isString),
      alg: described(alg, isString),
      use: described(use, isString),
      key_ops: ops
    }
    const keys = [...keysOf(this)]
    const unheldKeys = keys.filter((key) => !key[NATIVE]).map((key) => unheld(key, query))
    const picked = call(() => nativeStore(this, keys).select(JSON.stringify(query), unheldKeys))
    return picked.map((index) => keys[index])
  }

  get (...args) {
    return this.all(...args)[0]
  }

  add (key) {
    if (!isKey(key) || !key.kty) {
      throw new TypeError('key must be an instance of a key instantiated by JWK.asKey')
    }
    keysOf(this).add(key)
  }

  remove (key) {
    if (!isKey(key)) {
      throw new TypeError('key must be an instance of a key instantiated by JWK.asKey')
    }
    keysOf(this).delete(key)
  }

  toJWKS (priv = false) {
    return {
      keys: [...keysOf(this)].map((key) => key.toJWK(priv && (key.private || (key.secret && key.k !== undefined))))
    }
  }

  async generate (...args) {
    keysOf(this).add(await generate(...args))
  }

  generateSync (...args) {
    keysOf(this).add(generateSync(...args))
  }

  get size () {
    return keysOf(this).size
  }

  [inspect.custom] () {
    // a JWK.CustomKey may have no JWK to show: it shows itself instead
    const shown = (key) => key instanceof CustomKey ? key : key.toJWK(false)
    return `${this.constructor.name} ${inspect({ keys: [...keysOf(this)].map(shown) }, {
      depth: Infinity,
      colors: process.stdout.isTTY,
      compact: false,
      sorted: true
    })}`
  }

  * [Symbol.iterator] () {
    yield * keysOf(this)
  }
}

// The built-in `all`, as defined here: a store whose `all` is anything
// else (its own property, a subclass's, a patched prototype's) is asked
// through it, as jose asks every store.
const BUILT_IN_ALL = KeyStore.prototype.all
const asksItsOwnAll = (store) => store.all !== BUILT_IN_ALL

function asKeyStore (jwks, { ignoreErrors = false, calculateMissingRSAPrimes = false } = {}) {
  if (!isObject(jwks) || !Array.isArray(jwks.keys) || jwks.keys.some((k) => !isObject(k) || !('kty' in k))) {
    throw new TypeError('jwks must be a JSON Web Key Set formatted object')
  }
  const keys = []
  for (const jwk of jwks.keys) {
    try {
      keys.push(asKey(jwk, { calculateMissingRSAPrimes }))
    } catch (err) {
      if (!ignoreErrors) throw err
    }
  }
  return new KeyStore(...keys)
}

// jose 1.x's deprecated name for asKeyStore, computing missing RSA primes;
// not enumerable, and it warns once, as in jose.
Object.defineProperty(KeyStore, 'fromJWKS', {
  value: deprecate((jwks) => asKeyStore(jwks, { calculateMissingRSAPrimes: true }),
    'JWKS.KeyStore.fromJWKS() is deprecated, use JWKS.asKeyStore() instead'),
  enumerable: false
})

module.exports = { KeyStore, asKeyStore, asksItsOwnAll }
