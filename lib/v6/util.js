'use strict'

// jose 6's utilities: base64url, decodeJwt, decodeProtectedHeader.

const { binding, call } = require('./native')

const INVALID = 'The input to be decoded is not correctly encoded.'

/**
 * base64url as jose 6 decodes it (the core's forgiving decoder).
 * @param {Uint8Array | string} input
 * @returns {Uint8Array}
 */
function decode (input) {
  const text = typeof input === 'string' ? input : new TextDecoder().decode(input)
  let bytes
  try {
    bytes = call(binding.v6Base64UrlDecode, text)
  } catch (cause) {
    throw new TypeError(INVALID, { cause })
  }
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length)
}

/**
 * @param {Uint8Array | string} input
 * @returns {string}
 */
function encode (input) {
  const bytes = typeof input === 'string' ? Buffer.from(input) : Buffer.from(input.buffer, input.byteOffset, input.byteLength)
  return bytes.toString('base64url')
}

/**
 * @param {unknown} jwt
 * @returns {Record<string, unknown>}
 */
function decodeJwt (jwt) {
  return JSON.parse(call(binding.v6DecodeJwt, typeof jwt === 'string' ? jwt : undefined))
}

/**
 * @param {unknown} token
 * @returns {Record<string, unknown>}
 */
function decodeProtectedHeader (token) {
  let encoded
  if (typeof token === 'string') {
    const parts = token.split('.')
    if (parts.length === 3 || parts.length === 5) encoded = parts[0]
  } else if (typeof token === 'object' && token) {
    if (!('protected' in token)) throw new TypeError('Token does not contain a Protected Header')
    encoded = token.protected
  }
  if (typeof encoded !== 'string' || !encoded) throw new TypeError('Invalid Token or Protected Header formatting')
  return JSON.parse(call(binding.v6DecodeHeader, encoded))
}

module.exports = { base64url: { decode, encode }, decodeJwt, decodeProtectedHeader }
