'use strict'

// JSON.stringify for values on their way to the native side. A value nested
// deeper than V8's stack allows (easy to build with JSON.parse, which does
// not recurse) makes JSON.stringify throw a RangeError, as does a string
// past V8's length limit; `fail` makes the jose error (or TypeError) the
// caller would get for a malformed value instead. Rust rejects nesting past
// 128 levels anyway (serde_json's limit), so no usable input is lost.
function stringify (value, fail, replacer) {
  try {
    return JSON.stringify(value, replacer)
  } catch (err) {
    if (err instanceof RangeError) throw fail()
    throw err
  }
}

module.exports = { stringify }
