'use strict'

// The addon for jose 6's API, with its errors turned into jose 6's
// classes. A core error arrives as "<head>\0<message>", the head being the
// class name, for a claim error followed by "\u0001claim\u0001reason" and
// the rejected claims set's JSON text after a third "\u0001"
// (src/node/error.rs). `DataError` is WebCrypto's DOMException, which
// jose 6 lets through for key material WebCrypto refuses.

const binding = require('../binding')
const errors = require('./errors')

/**
 * @param {unknown} err
 * @returns {unknown}
 */
function translate (err) {
  if (!(err instanceof Error) || err instanceof errors.JOSEError || err instanceof TypeError) return err
  const cut = err.message.indexOf('\u0000')
  if (cut === -1) return new TypeError(err.message)
  const [name, claim, reason, payload] = err.message.slice(0, cut).split('\u0001')
  const message = err.message.slice(cut + 1)
  switch (name) {
    case 'TypeError': return new TypeError(message)
    case 'DataError': return new DOMException(message, 'DataError')
    // a panic the addon caught: a bug, reported as one
    case 'Error': return new Error(message)
  }
  const JoseClass = /** @type {any} */ (errors)[name]
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
