'use strict'

// What jose 6's builder classes (SignJWT, CompactSign, GeneralEncrypt, ...)
// check of their arguments before any work: TypeErrors with its messages.

/**
 * @param {unknown} value
 * @param {string} label
 */
function assertUint8Array (value, label) {
  if (!(value instanceof Uint8Array)) throw new TypeError(`${label} must be an instance of Uint8Array`)
}

/**
 * @param {unknown} value
 * @param {string} name
 */
function assertNotSet (value, name) {
  if (value !== undefined) throw new TypeError(`${name} can only be called once`)
}

/**
 * A setter jose 6 allows once: stores `value` at `state[index]`.
 * @template T
 * @param {T} builder returned, for chaining
 * @param {unknown[]} state
 * @param {number} index
 * @param {unknown} value
 * @param {string} name
 * @returns {T}
 */
function setOnce (builder, state, index, value, name) {
  assertNotSet(state[index], name)
  state[index] = value
  return builder
}

module.exports = { assertNotSet, assertUint8Array, setOnce }
