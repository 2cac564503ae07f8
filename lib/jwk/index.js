'use strict'

const { deprecate } = require('util')

const { Key, RSAKey, ECKey, OKPKey, OctKey } = require('./key')
const { asKey } = require('./import')
const { generate, generateSync } = require('./generate')
const { None, EmbeddedJWK, EmbeddedX5C } = require('./special')
const { CustomKey } = require('./custom')

module.exports = {
  generate,
  generateSync,
  asKey,
  /**
   * @param {unknown} input
   * @returns {input is import('./key').AnyKey} every key has the properties its constructor defines
   */
  isKey: (input) => input instanceof Key,
  None,
  EmbeddedJWK,
  EmbeddedX5C,
  Key,
  RSAKey,
  ECKey,
  OKPKey,
  OctKey,
  CustomKey
}

// jose 1.x's deprecated name for asKey, which also computes the primes an
// RSA JWK lacks; not enumerable, and it warns once, as in jose.
Object.defineProperty(module.exports, 'importKey', {
  value: deprecate((key, parameters) => asKey(key, parameters, { calculateMissingRSAPrimes: true }),
    'JWK.importKey() is deprecated, use JWK.asKey() instead'),
  enumerable: false
})
