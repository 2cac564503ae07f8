'use strict'

// JWK.asKey: sorts the input the way jose 1.x does (KeyObject, oct JWK,
// asymmetric JWK, PEM / DER / secret) and hands the material to Rust.

const { KeyObject } = require('crypto')

const errors = require('../errors')
const { binding, call } = require('../native')
const { fromNative, referenceOctKey } = require('./key')
const curves = require('./curves')
const { stringify, isObject } = require('../json')

const OPENSSH_PUBLIC_KEY = /^[a-zA-Z0-9-]+ AAAA(?:[0-9A-Za-z+/])+(?:==|=)?(?: .*)?$/

// jose takes a JWK's own parameters; for `oct` JWKs explicit ones win.
function jwkParameters (jwk, explicit = {}) {
  return {
    alg: jwk.alg,
    key_ops: jwk.key_ops,
    kid: jwk.kid,
    use: jwk.use,
    x5c: jwk.x5c,
    x5t: jwk.x5t,
    'x5t#S256': jwk['x5t#S256'],
    ...explicit
  }
}

// A parameter jose checks (kid, alg, x5c...) that cannot even be serialized
// is of the wrong type, which jose reports as a TypeError.
const json = (params) => stringify(params || {}, () => new TypeError('invalid key parameters'))

// The members key material is read from; anything else a JWK carries is
// left out, so a huge or deeply nested extra member costs nothing and cannot
// fail the import, as jose ignores it too.
const MATERIAL = ['kty', 'crv', 'x', 'y', 'd', 'n', 'e', 'p', 'q', 'dp', 'dq', 'qi', 'k', 'oth']

function importJwk (jwk, params, calculateMissingRSAPrimes) {
  const members = {}
  for (const name of MATERIAL) {
    if (Object.prototype.hasOwnProperty.call(jwk, name)) members[name] = jwk[name]
  }
  const material = stringify(members, () => new errors.JWKImportFailed('key import failed'))
  return fromNative(call(binding.importJwk, material, json(params), !!calculateMissingRSAPrimes, curves.legacy))
}

function importOctJwk (jwk, params) {
  if (!('k' in jwk)) {
    return referenceOctKey(JSON.parse(call(binding.referenceKeyParams, json(params))))
  }
  if (typeof jwk.k !== 'string') {
    throw new errors.JWKImportFailed('key import failed')
  }
  return importJwk(jwk, params, false)
}

function importSecret (secret, params) {
  return fromNative(call(binding.importSecret, secret, json(params)))
}

function importPem (text, passphrase, params, certAsX5c) {
  const secret = passphrase === undefined ? undefined : Buffer.from(passphrase)
  return fromNative(call(binding.importPem, text, secret, json(params), certAsX5c, curves.legacy))
}

function importKeyObject (keyObject, params) {
  if (keyObject.type === 'secret') {
    return importSecret(keyObject.export(), params)
  }
  const type = keyObject.type === 'private' ? 'pkcs8' : 'spki'
  let der
  try {
    der = keyObject.export({ format: 'der', type })
  } catch {
    throw new errors.JOSENotSupported('only RSA, EC and OKP asymmetric keys are supported')
  }
  return fromNative(call(binding.importDer, der, type, json(params), curves.legacy))
}

// Node's `{ key, format, type, passphrase }` input, as crypto.createPrivateKey takes it.
function importKeyInput (input, params) {
  const { key, format = 'pem', type, passphrase } = input
  if (format === 'jwk' && isObject(key)) {
    return importJwk(key, params, false)
  }
  if (format === 'der' && Buffer.isBuffer(key) && typeof type === 'string') {
    return fromNative(call(binding.importDer, key, type, json(params), curves.legacy))
  }
  if (format === 'pem' && (typeof key === 'string' || Buffer.isBuffer(key))) {
    return importPem(key.toString(), passphrase, params, false)
  }
  throw new errors.JWKImportFailed('key import failed')
}

// What jose 1.x makes of any other object: crypto.createPrivateKey /
// createPublicKey read a TypedArray as PEM text and a plain object as their
// `{ key, format, type, passphrase }`; failing that, the object's bytes
// (`Buffer.from(object)`: a Uint8Array's, an array's elements, a String
// object's text) are a secret, unless its own `includes('-----BEGIN')` or
// `toString()` as an OpenSSH public key says otherwise. Whatever throws
// on the way leaves no secret, as jose's try/catch does.
function importObject (input, params) {
  try {
    if (ArrayBuffer.isView(input) && !(input instanceof DataView)) {
      return importPem(Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('latin1'), undefined, params, false)
    }
    return importKeyInput(input, params)
  } catch (err) {
    if (!(err instanceof errors.JWKImportFailed)) throw err
  }
  let secret
  try {
    if (!input.includes('-----BEGIN') && !OPENSSH_PUBLIC_KEY.test(input.toString('ascii').replace(/[\r\n]/g, ''))) {
      secret = Buffer.from(input)
    }
  } catch {}
  if (secret === undefined) throw new errors.JWKImportFailed('key import failed')
  return importSecret(secret, params)
}

// A string or Buffer: PEM when it looks like PEM, otherwise a secret, except
// OpenSSH public keys, which jose refuses rather than take as secrets.
function importText (input, params) {
  const text = typeof input === 'string' ? input : input.toString('latin1')
  if (text.includes('-----BEGIN')) {
    const certAsX5c = typeof input === 'string' && input.startsWith('-----BEGIN CERTIFICATE-----') &&
      !(params && 'x5c' in params)
    return importPem(typeof input === 'string' ? input : input.toString(), undefined, params, certAsX5c)
  }
  if (OPENSSH_PUBLIC_KEY.test(text.replace(/[\r\n]/g, ''))) {
    throw new errors.JWKImportFailed('key import failed')
  }
  return importSecret(typeof input === 'string' ? Buffer.from(input) : input, params)
}

// The third argument is jose's too: how an RSA JWK without its primes is
// taken when no `parameters` say (JWK.importKey passes true).
function asKey (key, parameters, { calculateMissingRSAPrimes = false } = {}) {
  if (typeof key !== 'string' && typeof key !== 'object') {
    throw new TypeError('key argument must be a string, buffer or an object')
  }
  if (parameters !== undefined && !isObject(parameters)) {
    throw new TypeError('parameters argument must be a plain object when provided')
  }
  if (key instanceof KeyObject) {
    return importKeyObject(key, parameters)
  }
  if (key && typeof key === 'object' && !Buffer.isBuffer(key) && 'kty' in key) {
    if (key.kty === 'oct') {
      return importOctJwk(key, jwkParameters(key, parameters))
    }
    const calculate = parameters ? parameters.calculateMissingRSAPrimes : calculateMissingRSAPrimes
    return importJwk(key, jwkParameters(key), calculate)
  }
  if (typeof key === 'string' || Buffer.isBuffer(key)) {
    if (key === '') throw new errors.JWKImportFailed('key import failed')
    return importText(key, parameters)
  }
  if (key && typeof key === 'object') {
    return importObject(key, parameters)
  }
  throw new errors.JWKImportFailed('key import failed')
}

module.exports = { asKey }
