'use strict'

// jose 1.x's error classes: same names, codes, default messages and shapes.

// Each class's `code`, from the core's table of its error kinds (the
// core's own names for what it throws, which lib/native.js maps back to
// these classes). TypeError and the internal Error are not jose classes.
const binding = require('./binding')

const CLASSES = binding.errorClasses()
const CODES = Object.fromEntries(CLASSES.map(({ name, code }) => [name, code]))
// the message an instance gets when none is given, from the same table
const DEFAULT_MESSAGES = Object.fromEntries(CLASSES.map(({ name, v1Message }) => [name, v1Message ?? undefined]))

class JOSEError extends Error {
  constructor (message) {
    super(message)
    const name = this.constructor.name
    if (message === undefined) {
      this.message = DEFAULT_MESSAGES[name]
    }
    this.name = name
    this.code = CODES[name]
    Error.captureStackTrace(this, this.constructor)
  }
}

/**
 * A JOSEMultiError's `errors`, an own property its constructor defines
 * with Object.defineProperty (out of TypeScript's sight).
 * @param {JOSEMultiError} multi
 * @returns {Error[]}
 */
const errorsOf = (multi) => /** @type {any} */ (multi).errors

class JOSEMultiError extends JOSEError {
  constructor (errors) {
    super()
    // nested multi errors are spread into one flat list
    const flat = []
    const add = (e) => { if (e instanceof JOSEMultiError) errorsOf(e).forEach(add); else flat.push(e) }
    errors.forEach(add)
    Object.defineProperty(this, 'errors', { value: flat })
  }

  * [Symbol.iterator] () {
    yield * errorsOf(this)
  }
}

class JWTClaimInvalid extends JOSEError {
  constructor (message, claim = 'unspecified', reason = 'unspecified') {
    super(message)
    this.claim = claim
    this.reason = reason
  }
}

const simple = (name) => ({ [name]: class extends JOSEError {} })[name]

module.exports = {
  JOSEError,
  JOSEAlgNotWhitelisted: simple('JOSEAlgNotWhitelisted'),
  JOSECritNotUnderstood: simple('JOSECritNotUnderstood'),
  JOSEInvalidEncoding: simple('JOSEInvalidEncoding'),
  JOSEMultiError,
  JOSENotSupported: simple('JOSENotSupported'),
  JWEDecryptionFailed: simple('JWEDecryptionFailed'),
  JWEInvalid: simple('JWEInvalid'),
  JWKImportFailed: simple('JWKImportFailed'),
  JWKInvalid: simple('JWKInvalid'),
  JWKKeySupport: simple('JWKKeySupport'),
  JWKSNoMatchingKey: simple('JWKSNoMatchingKey'),
  JWSInvalid: simple('JWSInvalid'),
  JWSVerificationFailed: simple('JWSVerificationFailed'),
  JWTClaimInvalid,
  JWTExpired: class JWTExpired extends JWTClaimInvalid {},
  JWTMalformed: simple('JWTMalformed')
}
