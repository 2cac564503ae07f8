'use strict'

// jose 6's createLocalJWKSet. Which key fits a JWS is the core's rule
// (src/v6/jwks.rs); here the set is snapshotted, and the chosen JWK is
// made a CryptoKey once per algorithm.

const errors = require('../errors')
const { binding, call } = require('../native')
const { isObject, jwkText } = require('../keys')
const { jwkToKey } = require('../key-io')

/** @typedef {import('crypto').webcrypto.CryptoKey} CryptoKey */

/** @typedef {{ keys: Record<string, any>[] }} JWKSet */

/** @param {unknown} input */
const isJwkSet = (input) => isObject(input) && Array.isArray(input.keys) && Array.from(input.keys).every(isObject)

/**
 * A set member as a CryptoKey for `alg`, imported once (a failed import is
 * forgotten, so a later call tries again).
 * @param {WeakMap<object, Record<string, Promise<CryptoKey>>>} cache
 * @param {Record<string, any>} jwk
 * @param {string} alg
 */
function importOnce (cache, jwk, alg) {
  let cached = cache.get(jwk)
  if (cached === undefined) cache.set(jwk, cached = {})
  const byAlg = cached
  if (byAlg[alg] === undefined) {
    const algorithm = call(binding.v6KeyAlgorithm, alg, 'jwk', jwk.kty, typeof jwk.crv === 'string' ? jwk.crv : undefined, undefined, false)
    const pending = jwkToKey(algorithm, jwk, true).then((key) => {
      if (key.type !== 'public') throw new errors.JWKSInvalid('JSON Web Key Set members must be public keys')
      return key
    }).catch((error) => {
      if (byAlg[alg] === pending) delete byAlg[alg]
      throw error
    })
    byAlg[alg] = pending
  }
  return byAlg[alg]
}

/**
 * @param {unknown} jwks
 */
function createLocalJWKSet (jwks) {
  /** @type {any} */
  let snapshot
  try {
    snapshot = structuredClone(jwks)
  } catch (cause) {
    throw new errors.JWKSInvalid('JSON Web Key Set malformed', { cause })
  }
  if (!isJwkSet(snapshot)) throw new errors.JWKSInvalid('JSON Web Key Set malformed')
  const set = call(() => new binding.V6Jwks(snapshot.keys.map(jwkText)))
  /** @type {WeakMap<object, Record<string, Promise<CryptoKey>>>} */
  const cache = new WeakMap()
  /**
   * @param {Record<string, any>} [protectedHeader]
   * @param {{ header?: Record<string, any> }} [token]
   */
  const getKey = async (protectedHeader, token) => {
    const { alg, kid } = { ...protectedHeader, ...token?.header }
    const indexes = call(() => set.select(typeof alg === 'string' ? alg : false, kid === undefined ? undefined : typeof kid === 'string' ? kid : false))
    const candidates = indexes.map((index) => snapshot.keys[index])
    if (candidates.length !== 1) {
      const error = /** @type {any} */ (new errors.JWKSMultipleMatchingKeys())
      error[Symbol.asyncIterator] = async function * () {
        for (const jwk of candidates) {
          try {
            yield await importOnce(cache, jwk, alg)
          } catch {
            // jose 6 skips a member it cannot import
          }
        }
      }
      throw error
    }
    return importOnce(cache, candidates[0], alg)
  }
  return Object.defineProperty(getKey, 'jwks', { value: () => structuredClone(snapshot) })
}

module.exports = { createLocalJWKSet, isJwkSet }
