'use strict'

// The JSON view of JWT.sign and JWT.verify options, which the native checks
// read. Strings, booleans and arrays keep their values; `now` becomes its
// Date's milliseconds (NaN, and so null, for an invalid Date); `header`
// becomes `{}` when it is a plain object. Anything else JSON cannot carry
// as it is becomes null, which no check accepts, just as jose accepts none
// of those values.
//
// Building the text costs more than the rest of an HS256 verification's
// JavaScript (a JSON.stringify per value), and callers pass the same
// options again and again, often as a fresh literal each call. So the
// views of the last few distinct option values are remembered: a call
// whose values equal a remembered set's (strings and booleans by value,
// arrays element by element, plain objects and other values by the view
// they get) reuses its text. Dates are never remembered: their time can
// change under the same object.

const { isObject } = require('./json')

// Each option is read by name, once, as jose reads it (inherited and
// non-enumerable members included). Named reads stay fast on the caller's
// object shape, where a loop over a list of names would make every read a
// megamorphic lookup.
const SIGN = {
  names: ['algorithm', 'audience', 'expiresIn', 'header', 'iat', 'issuer', 'jti', 'kid', 'nonce',
    'notBefore', 'now', 'subject'],
  read: (o) => [o.algorithm, o.audience, o.expiresIn, o.header, o.iat, o.issuer, o.jti, o.kid,
    o.nonce, o.notBefore, o.now, o.subject]
}

const VERIFY = {
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

// What a value is remembered as: itself when comparing it by identity is
// exact, a copy of an array, or a marker for the view every value of its
// kind gets. undefined when the value is not to be remembered (a Date).
const PLAIN_OBJECT = Symbol('plain object')
const NULL_VIEW = Symbol('null view')

const keptAsItself = (value) => value === undefined || typeof value === 'string' || typeof value === 'boolean'

// The marker of a value that is neither kept as itself nor an array.
function markerOf (value) {
  if (value instanceof Date) return undefined
  return isObject(value) ? PLAIN_OBJECT : NULL_VIEW
}

function keyOf (value) {
  if (keptAsItself(value)) return value
  if (Array.isArray(value)) return value.slice()
  return markerOf(value)
}

function matches (value, key) {
  if (value === key) return true
  if (Array.isArray(key)) {
    if (!Array.isArray(value) || value.length !== key.length) return false
    for (let i = 0; i < key.length; i++) {
      if (value[i] !== key[i]) return false
    }
    return true
  }
  // a Date has no marker: it matches nothing, undefined included
  return typeof key === 'symbol' && !keptAsItself(value) && !Array.isArray(value) && markerOf(value) === key
}

function matchesAll (values, keys) {
  for (let i = 0; i < values.length; i++) {
    if (!matches(values[i], keys[i])) return false
  }
  return true
}

const REMEMBERED = 4

function memo (kind) {
  const entries = []
  return function optionsJSON (options) {
    const values = kind.read(options)
    for (const entry of entries) {
      if (matchesAll(values, entry.keys)) return entry.json
    }
    const json = toJSON(kind.names, values)
    const keys = values.map(keyOf)
    if (!values.some((value, i) => value !== undefined && keys[i] === undefined)) {
      entries.unshift({ keys, json })
      if (entries.length > REMEMBERED) entries.pop()
    }
    return json
  }
}

module.exports = {
  signOptionsJSON: memo(SIGN),
  verifyOptionsJSON: memo(VERIFY)
}
