'use strict'

// JARM (OpenID FAPI JWT Secured Authorization Response Mode): the response
// is a signed JWT, or a signed JWT then encrypted (a Nested JWT, RFC 7519
// section 5.2). A client registered for encrypted responses passes its key
// as `decryptionKey`; the response must then be a JWE, and its plaintext is
// the JWT verified as any other. Without `decryptionKey` an encrypted
// response cannot be read, and a client expecting encryption must not take
// a response that skipped it, so both mismatches throw. The optional
// `decryptionAlgorithms` lists the JWE "alg" and "enc" values accepted
// (JWE.decrypt's `algorithms`; the JWT's own `algorithms` is for its
// signature).

const errors = require('./errors')
const JWE = require('./jwe')

const isJWE = (response) => response.split('.').length === 5

const isArrayOfStrings = (value) => Array.isArray(value) && value.length > 0 &&
  value.every((item) => typeof item === 'string' && item)

// Whether `response` has to be decrypted first, given the options.
function mustDecrypt (response, { decryptionKey, decryptionAlgorithms }) {
  if (decryptionAlgorithms !== undefined && !isArrayOfStrings(decryptionAlgorithms)) {
    throw new TypeError('options.decryptionAlgorithms must be an array of strings')
  }
  // anything but a token is left to JWT decoding's TypeError
  if (typeof response !== 'string' || !response) return false
  if (decryptionKey === undefined) {
    if (isJWE(response)) {
      throw new TypeError('the JARM response is encrypted, options.decryptionKey is required to decrypt it')
    }
    return false
  }
  if (!isJWE(response)) {
    throw new errors.JWTMalformed('the JARM response is not encrypted, options.decryptionKey expects an encrypted response')
  }
  return true
}

const jweOptions = ({ decryptionAlgorithms }) => ({ algorithms: decryptionAlgorithms })

// The signed JWT inside `response` (or `response` itself when it is one).
function decrypt (response, options) {
  if (!mustDecrypt(response, options)) return response
  return JWE.decrypt(response, options.decryptionKey, jweOptions(options)).toString('utf8')
}

async function decryptAsync (response, options) {
  if (!mustDecrypt(response, options)) return response
  return (await JWE.decryptAsync(response, options.decryptionKey, jweOptions(options))).toString('utf8')
}

module.exports = { decrypt, decryptAsync }
