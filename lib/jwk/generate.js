'use strict'

// JWK.generate / JWK.generateSync: argument checks as jose 1.x makes them,
// then generation in Rust (on the libuv pool for the Promise version).

const errors = require('../errors')
const { binding, call, settle } = require('../native')
const { fromNative } = require('./key')
const curves = require('./curves')

const EC_CURVES = () => new Set(['P-256', curves.legacy ? 'P-256K' : 'secp256k1', 'P-384', 'P-521'])
const OKP_CURVES = new Set(['Ed25519', 'Ed448', 'X25519', 'X448'])

/**
 * Returns [crv, size] for the native call, or throws jose's error.
 * @returns {[crv: string | undefined, size: number | undefined]}
 */
function normalise (kty, crvOrSize, generatePrivate) {
  switch (kty) {
    case 'RSA': {
      const len = crvOrSize === undefined ? 2048 : crvOrSize
      if (!Number.isSafeInteger(len) || len < 512 || len % 8 !== 0) {
        throw new TypeError('invalid bit length')
      }
      return [undefined, len]
    }
    case 'EC': {
      const crv = crvOrSize === undefined ? 'P-256' : crvOrSize
      if (!EC_CURVES().has(crv)) throw new errors.JOSENotSupported(`unsupported EC key curve: ${crv}`)
      return [crv, undefined]
    }
    case 'OKP': {
      const crv = crvOrSize === undefined ? 'Ed25519' : crvOrSize
      if (!OKP_CURVES.has(crv)) throw new errors.JOSENotSupported(`unsupported OKP key curve: ${crv}`)
      return [crv, undefined]
    }
    case 'oct': {
      if (!generatePrivate) throw new TypeError('"oct" keys cannot be generated as public')
      const len = crvOrSize === undefined ? 256 : crvOrSize
      if (!Number.isSafeInteger(len) || !len || len % 8 !== 0) {
        throw new TypeError('invalid bit length')
      }
      return [undefined, len]
    }
    default:
      throw new errors.JOSENotSupported(`unsupported key type: ${kty}`)
  }
}

/** @returns {Parameters<typeof binding.generateKey>} */
function args (kty, crvOrSize, params, generatePrivate) {
  if (params !== undefined && (!params || params.constructor !== Object)) {
    throw new TypeError('parameters argument must be a plain object when provided')
  }
  const [crv, size] = normalise(kty, crvOrSize, generatePrivate)
  return [kty, crv, size, !!generatePrivate, JSON.stringify(params || {}), curves.legacy]
}

function generateSync (kty, crvOrSize, params, generatePrivate = true) {
  return fromNative(call(binding.generateKey, ...args(kty, crvOrSize, params, generatePrivate)))
}

async function generate (kty, crvOrSize, params, generatePrivate = true) {
  const generated = /** @type {Promise<ReturnType<typeof binding.generateKey>>} */ (
    call(binding.generateKeyAsync, ...args(kty, crvOrSize, params, generatePrivate)))
  return fromNative(await settle(generated))
}

module.exports = { generate, generateSync }
