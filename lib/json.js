'use strict'

// JSON.stringify for values on their way to the native side, with the
// nesting cap the Rust side has: serde_json refuses JSON nested more than
// 127 levels (counting the outermost object or array), so a value the Rust
// side will parse is refused here already when nested deeper, without
// recursion. That matters for wire
// input: JSON.parse builds any depth without recursing, while JSON.stringify
// of 100,000 levels throws a RangeError only after ~10 ms of recursion.
// `fail` makes the jose error (or TypeError) the caller gets instead; it is
// used too when JSON.stringify throws a RangeError (a string past V8's
// length limit).

const MAX_DEPTH = 127

function tooDeep (value) {
  const stack = [[value, 1]]
  while (stack.length) {
    const [v, depth] = stack.pop()
    if (v === null || typeof v !== 'object' || ArrayBuffer.isView(v)) continue
    if (depth > MAX_DEPTH) return true
    for (const child of Object.values(v)) stack.push([child, depth + 1])
  }
  return false
}

// `parsed`: whether Rust parses the text (headers, serializations, keys);
// a payload it only signs or encrypts as bytes may nest as deep as
// JSON.stringify manages.
function stringify (value, fail, parsed = true) {
  if (parsed && tooDeep(value)) throw fail()
  try {
    return JSON.stringify(value)
  } catch (err) {
    if (err instanceof RangeError) throw fail()
    throw err
  }
}

// jose's plain-object test (an object literal, not a class instance or an
// array), for arguments and for values on their way to JSON.
const isObject = (value) => !!value && value.constructor === Object

// A primitive (null included): compared by value, never holding members.
const isPrimitive = (value) => value === null || (typeof value !== 'object' && typeof value !== 'function')

/**
 * A value as the core takes it where jose compares or checks one by type:
 * itself when of the type wanted, `false` for any other value (null
 * included), undefined when absent.
 * @template T
 * @param {unknown} value
 * @param {(value: any) => value is T} wanted
 * @returns {T | false | undefined}
 */
const described = (value, wanted) => value === undefined ? undefined : wanted(value) ? value : false

/** @type {(value: unknown) => value is string} */
const isString = (value) => typeof value === 'string'

module.exports = { stringify, isObject, isPrimitive, described, isString, MAX_DEPTH }
