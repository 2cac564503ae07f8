'use strict'

// JWK.generate / JWK.generateSync: the arguments described for the core,
// which checks them as jose 1.x does and generates (on the libuv pool for
// the Promise version).

const { binding, call, settle } = require('../native')
const { fromNative } = require('./key')
const curves = require('./curves')

/**
 * `${value}`, as jose's messages show a value; undefined when that throws
 * (a Symbol), which the core then reports as JavaScript would.
 * @param {unknown} value
 */
function text (value) {
  try {
    return `${value}`
  } catch {
    return undefined
  }
}

/**
 * The native call's arguments. The rules (defaults, curves, bit lengths
 * and their errors) are the core's (src/jwk/generate.rs `spec`); jose's
 * TypeError for `params` comes first, before any work.
 * @returns {Parameters<typeof binding.generateKey>}
 */
function args (kty, crvOrSize, params, generatePrivate) {
  if (params !== undefined && (!params || params.constructor !== Object)) {
    throw new TypeError('parameters argument must be a plain object when provided')
  }
  const description = {
    kty: typeof kty === 'string' ? kty : undefined,
    ktyText: text(kty),
    crv: typeof crvOrSize === 'string' ? crvOrSize : undefined,
    bits: typeof crvOrSize === 'number' ? crvOrSize : undefined,
    crvOrSizeGiven: crvOrSize !== undefined,
    crvOrSizeText: text(crvOrSize),
    private: !!generatePrivate,
    legacyP256K: curves.legacy
  }
  return [description, JSON.stringify(params || {})]
}

function generateSync (kty, crvOrSize, params, generatePrivate = true) {
  return fromNative(call(binding.generateKey, ...args(kty, crvOrSize, params, generatePrivate)))
}

async function generate (kty, crvOrSize, params, generatePrivate = true) {
  return fromNative(await settle(call(binding.generateKeyAsync, ...args(kty, crvOrSize, params, generatePrivate))))
}

module.exports = { generate, generateSync }
