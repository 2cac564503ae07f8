'use strict'

// jose 6's error classes: same names, codes, default messages, `cause`
// and claim members. Each `code` comes from the core's table of its error
// kinds (the classes jose 6 has are marked `v6` there).

const binding = require('../binding')

const V6 = binding.errorClasses().filter((c) => c.v6)
const CODES = Object.fromEntries(V6.map(({ name, code }) => [name, code]))
const DEFAULT_MESSAGES = Object.fromEntries(V6.map(({ name, v6Message }) => [name, v6Message ?? undefined]))

class JOSEError extends Error {
  static code = 'ERR_JOSE_GENERIC'
  code = 'ERR_JOSE_GENERIC'

  /**
   * @param {string} [message]
   * @param {{ cause?: unknown }} [options]
   */
  constructor (message, options) {
    super(message, options)
    this.name = this.constructor.name
    Error.captureStackTrace?.(this, this.constructor)
  }
}

/**
 * A class with the core's code for its name and, when jose 6 has one, its
 * default message (from the same table).
 * @param {string} name
 * @returns {typeof JOSEError}
 */
function simple (name) {
  const code = CODES[name]
  const defaultMessage = DEFAULT_MESSAGES[name]
  const Class = {
    [name]: class extends JOSEError {
      static code = code
      code = code
      constructor (message = defaultMessage, options) {
        super(message, options)
      }
    }
  }[name]
  return Class
}

/**
 * jose 6's two claim classes: the failed claim, why, and the claims set.
 * @param {string} name
 */
function claimClass (name) {
  const code = CODES[name]
  return {
    [name]: class extends JOSEError {
      static code = code
      code = code
      claim
      reason
      payload
      /**
       * @param {string} message
       * @param {Record<string, unknown>} payload
       * @param {string} [claim]
       * @param {string} [reason]
       */
      constructor (message, payload, claim = 'unspecified', reason = 'unspecified') {
        super(message, { cause: { claim, reason, payload } })
        this.claim = claim
        this.reason = reason
        this.payload = payload
      }
    }
  }[name]
}

const JWKSMultipleMatchingKeysBase = simple('JWKSMultipleMatchingKeys')

// jose 6 makes it async-iterable (the local set replaces the iterator with
// one over the matching keys); a bare instance yields nothing.
class JWKSMultipleMatchingKeys extends JWKSMultipleMatchingKeysBase {
  [Symbol.asyncIterator] = async function * () {}
}

module.exports = {
  JOSEError,
  JWTClaimValidationFailed: claimClass('JWTClaimValidationFailed'),
  JWTExpired: claimClass('JWTExpired'),
  JOSEAlgNotAllowed: simple('JOSEAlgNotAllowed'),
  JOSENotSupported: simple('JOSENotSupported'),
  JWEDecryptionFailed: simple('JWEDecryptionFailed'),
  JWEInvalid: simple('JWEInvalid'),
  JWSInvalid: simple('JWSInvalid'),
  JWTInvalid: simple('JWTInvalid'),
  JWKInvalid: simple('JWKInvalid'),
  JWKSInvalid: simple('JWKSInvalid'),
  JWKSNoMatchingKey: simple('JWKSNoMatchingKey'),
  JWKSMultipleMatchingKeys,
  JWKSTimeout: simple('JWKSTimeout'),
  JWSSignatureVerificationFailed: simple('JWSSignatureVerificationFailed')
}
