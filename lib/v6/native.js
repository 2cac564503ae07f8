'use strict'

// The addon for jose 6's API, with its errors turned into jose 6's
// classes. A core error arrives as a NativeFailure (lib/binding.d.ts)
// naming the class in `joseClass`, with its `message` and for a claim error
// `claim`, `reason` and the rejected claims set's JSON text in `payload`.
// `DataError` is WebCrypto's DOMException, which jose 6 lets through for
// key material WebCrypto refuses.

const binding = require('../binding')
const errors = require('./errors')
const { isFailure } = require('../native')

/**
 * @param {unknown} err
 * @returns {unknown}
 */
function translate (err) {
  if (!isFailure(err)) {
    if (!(err instanceof Error) || err instanceof errors.JOSEError || err instanceof TypeError) return err
    return new TypeError(err.message)
  }
  const { joseClass, message, claim, reason, payload } = err
  switch (joseClass) {
    case 'TypeError': return new TypeError(message)
    case 'DataError': return new DOMException(message, 'DataError')
    // a panic the addon caught: a bug, reported as one
    case 'Error': return new Error(message)
  }
  const JoseClass = /** @type {any} */ (errors)[joseClass]
  if (!JoseClass) return new TypeError(message)
  if (claim !== undefined) return new JoseClass(message, payload === undefined ? {} : JSON.parse(payload), claim, reason)
  return new JoseClass(message)
}

/**
 * Calls fn(...args), rethrowing its error as jose 6 would.
 * @template {(...args: any[]) => any} F
 * @param {F} fn
 * @param {Parameters<F>} args
 * @returns {ReturnType<F>}
 */
function call (fn, ...args) {
  try {
    return fn(...args)
  } catch (err) {
    throw translate(err)
  }
}

module.exports = { binding, call, translate }
