'use strict'

// The one memo of options: a call's options are read once, by name, and
// what they are turned into (the JSON view jose 1.x's JWT.sign and
// JWT.verify hand the core, or jose 6's native JWT verifier) is
// remembered for the last few distinct option values. Callers pass the
// same options again and again, often as a fresh literal each call, and
// turning them over costs more than the rest of an HS256 verification's
// JavaScript. A call whose values equal a remembered set's (primitives by
// value, arrays of primitives element by element, and for jose 1.x plain
// objects and other values by the view they get) reuses its result.
// Dates are never remembered: their time can change under the same
// object; nor, for jose 6, any other object, whose members matter.
//
// jose 1.x's JSON view: strings, booleans and arrays keep their values;
// `now` becomes its Date's milliseconds (NaN, and so null, for an invalid
// Date); `header` becomes `{}` when it is a plain object. Anything else
// JSON cannot carry as it is becomes null, which no check accepts, just
// as jose accepts none of those values.

const { isObject, isPrimitive } = require('./json')

// Each option is read by name, once, as jose reads it (inherited and
// non-enumerable members included). Named reads stay fast on the caller's
// object shape, where a loop over a list of names would make every read a
// megamorphic lookup.
const SIGN = {
  marks: true,
  names: ['algorithm', 'audience', 'expiresIn', 'header', 'iat', 'issuer', 'jti', 'kid', 'nonce',
    'notBefore', 'now', 'subject'],
  read: (o) => [o.algorithm, o.audience, o.expiresIn, o.header, o.iat, o.issuer, o.jti, o.kid,
    o.nonce, o.notBefore, o.now, o.subject]
}

const VERIFY = {
  marks: true,
  names: ['algorithms', 'audience', 'clockTolerance', 'complete', 'crit', 'ignoreExp', 'ignoreIat',
    'ignoreNbf', 'issuer', 'jti', 'maxAuthAge', 'maxTokenAge', 'nonce', 'now', 'profile', 'state',
    'subject', 'typ'],
  read: (o) => [o.algorithms, o.audience, o.clockTolerance, o.complete, o.crit, o.ignoreExp,
    o.ignoreIat, o.ignoreNbf, o.issuer, o.jti, o.maxAuthAge, o.maxTokenAge, o.nonce, o.now,
    o.profile, o.state, o.subject, o.typ]
}

function viewOf (name, value) {
  if (name === 'now') return value instanceof Date ? value.getTime() : null
  if (name === 'header') return isObject(value) ? {} : null
  if (typeof value === 'string' || typeof value === 'boolean') return value
  if (Array.isArray(value)) return value.map((item) => typeof item === 'string' ? item : null)
  return null
}

function toJSON (names, values) {
  const view = {}
  for (let i = 0; i < names.length; i++) {
    if (values[i] !== undefined) view[names[i]] = viewOf(names[i], values[i])
  }
  return JSON.stringify(view)
}

// jose 1.x's markers: every value of a kind gets the same view.
const PLAIN_OBJECT = { marker: 'plain object' }
const NULL_VIEW = { marker: 'null view' }
const MARKERS = [PLAIN_OBJECT, NULL_VIEW]

// The marker of a jose 1.x value that is neither a primitive nor an array
// (jose 6 marks none: every other object is left unremembered).
function markerOf (value) {
  if (value instanceof Date) return undefined
  return isObject(value) ? PLAIN_OBJECT : NULL_VIEW
}

// What a value is remembered as: itself, a copy of an array of
// primitives, a marker, or undefined when it is not to be remembered.
function keyOf (value, marks) {
  if (isPrimitive(value)) return value
  if (Array.isArray(value)) return value.every(isPrimitive) ? value.slice() : undefined
  return marks ? markerOf(value) : undefined
}

function matches (value, key) {
  if (value === key) return true
  if (isPrimitive(key)) return false
  if (Array.isArray(key)) {
    if (!Array.isArray(value) || value.length !== key.length) return false
    for (let i = 0; i < key.length; i++) {
      if (value[i] !== key[i]) return false
    }
    return true
  }
  // a Date has no marker: it matches nothing, undefined included
  return MARKERS.includes(key) && !isPrimitive(value) && !Array.isArray(value) && markerOf(value) === key
}

function matchesAll (values, keys) {
  for (let i = 0; i < values.length; i++) {
    if (!matches(values[i], keys[i])) return false
  }
  return true
}

const REMEMBERED = 4

/**
 * Remembers `build(values)` for the last few distinct option values.
 * @template T
 * @param {{ read: (options: any) => unknown[], marks?: boolean }} kind `read` reads the options
 *   by name; `marks`: plain objects and other values count by the view jose 1.x gives them
 * @param {(values: unknown[]) => T} build
 * @returns {(options: any) => T}
 */
function memo (kind, build) {
  /** @type {{ keys: unknown[], result: T }[]} */
  const entries = []
  return function remembered (options) {
    const values = kind.read(options)
    for (const entry of entries) {
      if (matchesAll(values, entry.keys)) return entry.result
    }
    const result = build(values)
    const keys = values.map((value) => keyOf(value, kind.marks))
    if (!values.some((value, i) => value !== undefined && keys[i] === undefined)) {
      entries.unshift({ keys, result })
      if (entries.length > REMEMBERED) entries.pop()
    }
    return result
  }
}

// jose 1.x's checks of JWS.verify's and JWE.decrypt's `algorithms` and
// `crit` options, before any work.
function checkLists (algorithms, crit) {
  if (algorithms !== undefined && (!Array.isArray(algorithms) || algorithms.some((s) => typeof s !== 'string' || !s))) {
    throw new TypeError('"algorithms" option must be an array of non-empty strings')
  }
  if (!Array.isArray(crit) || crit.some((s) => typeof s !== 'string' || !s)) {
    throw new TypeError('"crit" option must be an array of non-empty strings')
  }
}

module.exports = {
  memo,
  checkLists,
  signOptionsJSON: memo(SIGN, (values) => toJSON(SIGN.names, values)),
  verifyOptionsJSON: memo(VERIFY, (values) => toJSON(VERIFY.names, values))
}
