'use strict'

// JWKS.KeyStore and JWKS.asKeyStore. The store holds JWK.Key instances;
// filtering reads their (cached) properties and native algorithm lists.

const { deprecate, inspect } = require('util')

const { isKey, asKey, generate, generateSync, CustomKey } = require('./jwk')
const { isObject } = require('./json')
const { USES_MAPPING } = require('./jwk/custom')

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

// Keys that declare the asked-for alg, use or key_ops rank first.
function score (key, { alg, use, ops }) {
  return (alg && key.alg ? 1 : 0) + (use && key.use ? 1 : 0) + (ops && key.key_ops ? 1 : 0)
}

function matches (key, query) {
  const { alg, kid, thumbprint, use, kty, ops, x5t, x5t256, crv } = query
  if (kid !== undefined && key.kid !== kid) return false
  if (thumbprint !== undefined && key.thumbprint !== thumbprint) return false
  if (x5t !== undefined && key.x5t !== x5t) return false
  if (x5t256 !== undefined && key['x5t#S256'] !== x5t256) return false
  if (kty !== undefined && key.kty !== kty) return false
  if (crv !== undefined && key.crv !== crv) return false
  if (alg !== undefined && !key.algorithms().has(alg)) return false
  if (use !== undefined && key.use !== undefined && key.use !== use) return false
  if (ops !== undefined && (key.key_ops !== undefined || key.use !== undefined)) {
    const allowed = key.key_ops ? new Set(key.key_ops) : USES_MAPPING[key.use]
    if (ops.some((op) => !allowed.has(op))) return false
  }
  return true
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
    const query = { alg, kid, thumbprint, use, kty, ops, x5t, x5t256, crv }
    const rank = { alg, use, ops }
    return [...keysOf(this)]
      .filter((key) => matches(key, query))
      .sort((a, b) => score(b, rank) - score(a, rank))
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
