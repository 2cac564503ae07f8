'use strict'

// The addon, with its errors turned into jose's classes. A core error
// arrives as a NativeFailure (lib/binding.d.ts, made by src/node/error.rs)
// naming the class in `joseClass`, with its `message`, `code` and for a JWT
// claim check `claim` and `reason`; anything else napi throws on its own is
// an argument that did not convert, which jose would report as TypeError.

const binding = require('./binding')
const errors = require('./errors')

/** @typedef {import('./binding').NativeFailure} NativeFailure */

/**
 * Whether the addon threw `err` for a core error (an object of its own
 * making, never an Error).
 * @param {unknown} err
 * @returns {err is NativeFailure}
 */
const isFailure = (err) =>
  typeof err === 'object' && err !== null && !(err instanceof Error) && typeof (/** @type {any} */ (err).joseClass) === 'string'

/**
 * @param {unknown} err
 * @returns {unknown}
 */
function translate (err) {
  if (isFailure(err)) return fromFailure(err)
  if (!(err instanceof Error) || err instanceof errors.JOSEError || err instanceof TypeError) return err
  return new TypeError(err.message)
}

/**
 * @param {NativeFailure} failure
 * @returns {Error}
 */
function fromFailure ({ joseClass, code, message, claim, reason, errors: inner }) {
  switch (joseClass) {
    case 'TypeError': return new TypeError(message)
    // Node's own RangeError, where jose lets Node refuse a size
    case 'RangeError': return Object.assign(new RangeError(message), { code })
    // a panic the addon caught: a bug, reported as one (never a jose class)
    case 'Error': return new Error(message)
    case 'JOSEMultiError': return new errors.JOSEMultiError((inner || []).map(fromFailure))
  }
  const JoseClass = /** @type {any} */ (errors)[joseClass]
  if (!JoseClass) return new TypeError(message)
  return claim === undefined ? new JoseClass(message) : new JoseClass(message, claim, reason)
}

/**
 * Calls fn(...args) and rethrows its error as jose would. Typed so that
 * the arguments are checked against the addon's declarations.
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

/**
 * Rejects with jose's class for a native Promise's failure. (Each Async
 * twin's result type is declared with the export, `ts_return_type` in
 * src/node: napi-rs cannot see an AsyncTask's.)
 * @template T
 * @param {Promise<T>} promise
 * @returns {Promise<T>}
 */
const settle = (promise) => promise.catch((err) => { throw translate(err) })

/**
 * jose's one-shot shape (`JWS.sign`, `JWE.encrypt` and their Async twins):
 * the compact serialization, with `.flattened` and `.general` beside it,
 * each calling `single(serialization, ...args)`.
 * @param {(serialization: string, ...args: any[]) => any} single
 */
function perSerialization (single) {
  return Object.assign(single.bind(undefined, 'compact'), {
    flattened: single.bind(undefined, 'flattened'),
    general: single.bind(undefined, 'general')
  })
}

/**
 * An Async twin's body: what `fn` throws before its Promise exists
 * becomes the rejection, as jose's Async forms never throw.
 * @param {(...args: any[]) => Promise<any>} fn
 */
const rejecting = (fn) => (...args) => {
  try {
    return fn(...args)
  } catch (err) {
    return Promise.reject(err)
  }
}

module.exports = { binding, call, settle, translate, isFailure, perSerialization, rejecting }
