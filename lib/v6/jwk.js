'use strict'

// jose 6's EmbeddedJWK and JWK thumbprints. Their checks are the core's
// (src/v6/jwks.rs, src/v6/thumbprint.rs).

const errors = require('./errors')
const { binding, call } = require('./native')
const { isCryptoKey, isKeyObject, isObject, jwkText } = require('./keys')
const { exportJWK, invalidKeyInput, jwkToKey } = require('./key-io')

/**
 * The key a JWS's header embeds as `jwk`, as a CryptoKey.
 * @param {Record<string, any>} [protectedHeader]
 * @param {{ header?: Record<string, any> }} [token]
 */
async function EmbeddedJWK (protectedHeader, token) {
  const joseHeader = { ...protectedHeader, ...token?.header }
  const { jwk, alg } = joseHeader
  const algorithm = call(binding.v6EmbeddedCheck, isObject(jwk) ? jwkText(jwk) : false, typeof alg === 'string' ? alg : false, String(alg))
  const key = await jwkToKey(algorithm, { ...jwk }, true)
  if (key.type !== 'public') throw new errors.JWSInvalid('"jwk" (JSON Web Key) Header Parameter must be a public key')
  return key
}

const DIGESTS = ['sha256', 'sha384', 'sha512']

/**
 * @param {unknown} key
 * @param {string} [digestAlgorithm]
 */
async function calculateJwkThumbprint (key, digestAlgorithm) {
  let jwk
  if (isObject(key)) {
    if (typeof key.kty !== 'string') throw new TypeError(invalidKeyInput(key, 'CryptoKey', 'KeyObject', 'JSON Web Key'))
    jwk = key
  } else if (isCryptoKey(key) || isKeyObject(key)) {
    jwk = await exportJWK(key)
  } else {
    throw new TypeError(invalidKeyInput(key, 'CryptoKey', 'KeyObject', 'JSON Web Key'))
  }
  digestAlgorithm ??= 'sha256'
  if (!DIGESTS.includes(digestAlgorithm)) throw new TypeError('digestAlgorithm must one of "sha256", "sha384", or "sha512"')
  return call(binding.v6Thumbprint, jwkText(jwk), digestAlgorithm)
}

/**
 * @param {unknown} key
 * @param {string} [digestAlgorithm]
 */
async function calculateJwkThumbprintUri (key, digestAlgorithm) {
  digestAlgorithm ??= 'sha256'
  const thumbprint = await calculateJwkThumbprint(key, digestAlgorithm)
  return `urn:ietf:params:oauth:jwk-thumbprint:sha-${digestAlgorithm.slice(-3)}:${thumbprint}`
}

module.exports = { EmbeddedJWK, calculateJwkThumbprint, calculateJwkThumbprintUri }
