'use strict'

// The addon, with its errors turned into jose's classes. A core error
// arrives as "<ClassName>\0<message>"; anything else napi throws on its own
// is an argument that did not convert, which jose would report as TypeError.
// A JWT claim error's head is "<ClassName>\u0001<claim>\u0001<reason>".

const binding = require('./binding')
const errors = require('./errors')

const RANGE_CODE = binding.errorClasses().find(({ name }) => name === 'RangeError')?.code

function translate (err) {
  if (!(err instanceof Error) || err instanceof errors.JOSEError || err instanceof TypeError) return err
  const cut = err.message.indexOf('\u0000')
  if (cut === -1) return new TypeError(err.message)
  return fromParts(err.message.slice(0, cut), err.message.slice(cut + 1))
}

// A JOSEMultiError's message is the JSON list of its [class, message] pairs.
function fromParts (head, message) {
  const [name, claim, reason] = head.split('\u0001')
  if (name === 'TypeError') return new TypeError(message)
  // Node's own RangeError, where jose lets Node refuse a size
  if (name === 'RangeError') return Object.assign(new RangeError(message), { code: RANGE_CODE })
  // a panic the addon caught: a bug, reported as one (never a jose class)
  if (name === 'Error') return new Error(message)
  if (name === 'JOSEMultiError') {
    return new errors.JOSEMultiError(JSON.parse(message).map(([n, m]) => fromParts(n, m)))
  }
  const JoseClass = errors[name]
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
 * Rejects with jose's class for a native Promise's failure.
 *
 * napi-rs declares every Async twin (an AsyncTask) as returning
 * Promise<unknown>: it cannot see the task's result type. Each twin runs
 * its sync twin's job (src/node/job.rs), so callers cast its Promise to
 * `Promise<ReturnType<sync twin>>`.
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

module.exports = { binding, call, settle, translate, perSerialization, rejecting }
