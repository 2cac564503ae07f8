'use strict'

// jose 6's key import, export and generation. Keys are read and made by
// the core (src/v6/jwks.rs and src/node/v6_keys.rs say which WebCrypto
// algorithm and usages a key gets; generation is aws-lc's); the
// `CryptoKey` a caller receives is made from that material with
// `crypto.subtle.importKey`, an output format, and its core handle is
// remembered so no operation reads the material again. Export turns a
// key the caller holds into another format, as jose 6 does.

const errors = require('./errors')
const { binding, call, translate } = require('./native')
const { settle } = require('../native')
const { isCryptoKey, isKeyObject, isObject, jwkText, register } = require('./keys')
const { base64url } = require('./util')

/** @typedef {import('crypto').webcrypto.CryptoKey} CryptoKey */

/** @type {any} WebCrypto, typed loosely: it only makes and exports keys here */
const { subtle } = globalThis.crypto

/** @typedef {import('../binding').V6KeyAlgorithm} V6KeyAlgorithm */
/** @typedef {import('../binding').NativeKey} NativeKey */

/**
 * @param {unknown} extractable
 * @returns {boolean | undefined}
 */
function checkExtractable (extractable) {
  if (extractable !== undefined && typeof extractable !== 'boolean') throw new TypeError('"extractable" option must be a boolean')
  return /** @type {boolean | undefined} */ (extractable)
}

/**
 * The WebCrypto algorithm of a key algorithm.
 * @param {V6KeyAlgorithm} algorithm
 */
function webAlgorithm ({ name, hash, namedCurve, length }) {
  const web = /** @type {Record<string, unknown>} */ ({ name })
  if (hash != null) web.hash = hash
  if (namedCurve != null) web.namedCurve = namedCurve
  if (length != null) web.length = length
  return /** @type {any} */ (web)
}

/** @param {unknown} value */
const stringOrUndefined = (value) => typeof value === 'string' ? value : undefined

/**
 * jose 6's `jwkToKey`: a CryptoKey for an asymmetric JWK.
 * @param {V6KeyAlgorithm} algorithm
 * @param {Record<string, any>} jwk
 * @param {boolean} [extractable]
 */
async function jwkToKey (algorithm, jwk, extractable) {
  const isPrivate = !!(jwk.d || jwk.priv)
  const keyData = /** @type {Record<string, any>} */ ({ ...jwk, ext: extractable ?? jwk.ext })
  delete keyData.alg
  delete keyData.use
  const usages = jwk.key_ops ?? (isPrivate ? algorithm.usagesPrivate : algorithm.usagesPublic)
  const web = webAlgorithm(algorithm)
  // jose 6 hands an EC JWK's crv to WebCrypto's ECDH as it is; the core
  // reads string curves only, so any other value goes on from here
  if (web.name === 'ECDH' && jwk.crv !== undefined && typeof jwk.crv !== 'string') web.namedCurve = jwk.crv
  const key = await subtle.importKey('jwk', keyData, web, keyData.ext ?? !isPrivate, usages)
  register(key, () => call(binding.importJwk, jwkText(jwk), '{}', false, false))
  return key
}

/**
 * @param {unknown} jwk
 * @param {unknown} [alg]
 * @param {{ extractable?: boolean }} [options]
 */
async function importJWK (jwk, alg, options) {
  if (!isObject(jwk)) throw new TypeError('JWK must be an object')
  call(binding.v6CheckJwk, jwkText(jwk))
  const extractable = checkExtractable(options?.extractable)
  alg ??= jwk.alg
  if (jwk.kty !== 'oct' && !alg) throw new TypeError('"alg" argument is required when "jwk.alg" is not present')
  switch (jwk.kty) {
    case 'oct':
      if (typeof jwk.k !== 'string') throw new TypeError('missing "k" (Key Value) Parameter value')
      return base64url.decode(jwk.k)
    case 'RSA':
    case 'EC':
    case 'OKP': {
      const algorithm = call(binding.v6KeyAlgorithm, stringOrUndefined(alg), 'jwk', jwk.kty, stringOrUndefined(jwk.crv), undefined, false)
      return jwkToKey(algorithm, jwk, extractable)
    }
    default:
      throw new errors.JOSENotSupported('Unsupported "kty" (Key Type) Parameter value')
  }
}

/**
 * The DER in a PEM text, as jose 6 reads it: everything but the armor and
 * whitespace is base64, decoded by `atob` (so anything else in it is
 * `atob`'s InvalidCharacterError, as in jose 6).
 * @param {string} pem
 * @param {RegExp} armor
 */
const pemBody = (pem, armor) => Buffer.from(atob(pem.replace(armor, '')), 'latin1')

/**
 * @param {Buffer} der
 * @param {'spki' | 'pkcs8'} format
 * @returns {NativeKey | undefined}
 */
function readDer (der, format) {
  try {
    return binding.importDer(der, format, '{}', false)
  } catch {
    return undefined
  }
}

/**
 * jose 6's `genericImport` of SPKI or PKCS#8 DER.
 * @param {'spki' | 'pkcs8'} format
 * @param {Buffer} der
 * @param {unknown} alg
 * @param {{ extractable?: boolean }} [options]
 */
async function importDer (format, der, alg, options) {
  const extractable = checkExtractable(options?.extractable)
  const native = readDer(der, format)
  const algorithm = call(binding.v6KeyAlgorithm, stringOrUndefined(alg), 'argument', undefined, undefined, der, format === 'pkcs8')
  const isPublic = format === 'spki'
  const usages = isPublic ? algorithm.usagesPublic : algorithm.usagesPrivate
  const key = await subtle.importKey(format, der, webAlgorithm(algorithm), extractable ?? isPublic, usages)
  if (native) register(key, () => native)
  return key
}

/**
 * @param {unknown} spki
 * @param {string} alg
 * @param {{ extractable?: boolean }} [options]
 */
async function importSPKI (spki, alg, options) {
  if (typeof spki !== 'string' || spki.indexOf('-----BEGIN PUBLIC KEY-----') !== 0) throw new TypeError('"spki" must be SPKI formatted string')
  return importDer('spki', pemBody(spki, /(?:-----(?:BEGIN|END) PUBLIC KEY-----|\s)/g), alg, options)
}

/**
 * @param {unknown} pkcs8
 * @param {string} alg
 * @param {{ extractable?: boolean }} [options]
 */
async function importPKCS8 (pkcs8, alg, options) {
  if (typeof pkcs8 !== 'string' || pkcs8.indexOf('-----BEGIN PRIVATE KEY-----') !== 0) throw new TypeError('"pkcs8" must be PKCS#8 formatted string')
  return importDer('pkcs8', pemBody(pkcs8, /(?:-----(?:BEGIN|END) PRIVATE KEY-----|\s)/g), alg, options)
}

/**
 * @param {unknown} x509
 * @param {string} alg
 * @param {{ extractable?: boolean }} [options]
 */
async function importX509 (x509, alg, options) {
  if (typeof x509 !== 'string' || x509.indexOf('-----BEGIN CERTIFICATE-----') !== 0) throw new TypeError('"x509" must be X.509 formatted string')
  let spki
  try {
    spki = binding.v6SpkiOfCertificate(pemBody(x509, /(?:-----(?:BEGIN|END) CERTIFICATE-----|\s)/g))
  } catch (err) {
    throw new TypeError('Failed to parse the X.509 certificate', { cause: translate(err) })
  }
  return importDer('spki', spki, alg, options)
}

/**
 * jose 6's message for a key argument of the wrong kind.
 * @param {any} actual
 * @param {string[]} types
 */
function invalidKeyInput (actual, ...types) {
  let message = 'Key must be '
  if (types.length > 2) {
    const last = types.pop()
    message += `one of type ${types.join(', ')}, or ${last}.`
  } else if (types.length === 2) {
    message += `one of type ${types[0]} or ${types[1]}.`
  } else {
    message += `of type ${types[0]}.`
  }
  if (actual == null) message += ` Received ${actual}`
  else if (typeof actual === 'function' && actual.name) message += ` Received function ${actual.name}`
  else if (typeof actual === 'object' && actual.constructor?.name) message += ` Received an instance of ${actual.constructor.name}`
  return message
}

/**
 * @param {unknown} key
 * @returns {Promise<Record<string, unknown>>}
 */
async function exportJWK (key) {
  if (isKeyObject(key)) {
    const keyObject = /** @type {import('crypto').KeyObject} */ (key)
    if (keyObject.type !== 'secret') return /** @type {any} */ (keyObject.export({ format: 'jwk' }))
    key = keyObject.export()
  }
  if (key instanceof Uint8Array) return { kty: 'oct', k: base64url.encode(key) }
  if (!isCryptoKey(key)) throw new TypeError(invalidKeyInput(key, 'CryptoKey', 'KeyObject', 'Uint8Array'))
  const cryptoKey = /** @type {CryptoKey} */ (key)
  if (!cryptoKey.extractable) throw new TypeError('non-extractable CryptoKey cannot be exported as a JWK')
  const jwk = /** @type {Record<string, unknown>} */ (await subtle.exportKey('jwk', cryptoKey))
  delete jwk.ext
  delete jwk.key_ops
  delete jwk.use
  if (jwk.kty !== 'AKP') delete jwk.alg
  for (const parameter of Object.keys(jwk)) if (jwk[parameter] === undefined) delete jwk[parameter]
  return jwk
}

/**
 * @param {'public' | 'private'} keyType
 * @param {'spki' | 'pkcs8'} format
 * @param {unknown} key
 */
async function exportPEM (keyType, format, key) {
  if (isKeyObject(key)) {
    const keyObject = /** @type {import('crypto').KeyObject} */ (key)
    if (keyObject.type !== keyType) throw new TypeError(`key is not a ${keyType} key`)
    return /** @type {string} */ (keyObject.export({ format: 'pem', type: /** @type {any} */ (format) }))
  }
  if (!isCryptoKey(key)) throw new TypeError(invalidKeyInput(key, 'CryptoKey', 'KeyObject'))
  const cryptoKey = /** @type {CryptoKey} */ (key)
  if (!cryptoKey.extractable) throw new TypeError('CryptoKey is not extractable')
  if (cryptoKey.type !== keyType) throw new TypeError(`key is not a ${keyType} key`)
  const body = Buffer.from(await subtle.exportKey(format, cryptoKey)).toString('base64')
  const label = `${keyType.toUpperCase()} KEY`
  return `-----BEGIN ${label}-----\n${(body.match(/.{1,64}/g) || []).join('\n')}\n-----END ${label}-----`
}

/** @param {unknown} key */
const exportSPKI = (key) => exportPEM('public', 'spki', key)
/** @param {unknown} key */
const exportPKCS8 = (key) => exportPEM('private', 'pkcs8', key)

/**
 * @param {unknown} alg
 * @param {{ extractable?: boolean, crv?: string, modulusLength?: number }} [options]
 */
async function generateKeyPair (alg, options) {
  const extractable = checkExtractable(options?.extractable)
  const crv = options?.crv == null ? undefined : typeof options.crv === 'string' ? options.crv : false
  const bits = options?.modulusLength ?? undefined
  const spec = call(binding.v6GenerateSpec, stringOrUndefined(alg), crv, options?.crv === null, bits === undefined ? undefined : typeof bits === 'number' ? bits : false)
  const generate = call(binding.v6GenerateKeyAsync, spec.kty, spec.crv, spec.modulusLength)
  const native = await settle(generate)
  const algorithm = webAlgorithm(spec.algorithm)
  const publicJwk = JSON.parse(call(() => native.toJWK(false)))
  const privateKey = await subtle.importKey('jwk', JSON.parse(call(() => native.toJWK(true))), algorithm, extractable ?? false, spec.algorithm.usagesPrivate)
  const publicKey = await subtle.importKey('jwk', publicJwk, algorithm, true, spec.algorithm.usagesPublic)
  register(privateKey, () => native)
  register(publicKey, () => call(binding.importJwk, JSON.stringify(publicJwk), '{}', false, false))
  return { publicKey, privateKey }
}

/** The secrets `generateSecret` makes: bits, WebCrypto algorithm, usages. */
const SECRETS = {
  __proto__: null,
  HS256: [256, { name: 'HMAC', hash: 'SHA-256', length: 256 }, ['sign', 'verify']],
  HS384: [384, { name: 'HMAC', hash: 'SHA-384', length: 384 }, ['sign', 'verify']],
  HS512: [512, { name: 'HMAC', hash: 'SHA-512', length: 512 }, ['sign', 'verify']],
  'A128CBC-HS256': [256],
  'A192CBC-HS384': [384],
  'A256CBC-HS512': [512],
  A128KW: [128, { name: 'AES-KW', length: 128 }, ['wrapKey', 'unwrapKey']],
  A192KW: [192, { name: 'AES-KW', length: 192 }, ['wrapKey', 'unwrapKey']],
  A256KW: [256, { name: 'AES-KW', length: 256 }, ['wrapKey', 'unwrapKey']],
  A128GCMKW: [128, { name: 'AES-GCM', length: 128 }, ['encrypt', 'decrypt']],
  A192GCMKW: [192, { name: 'AES-GCM', length: 192 }, ['encrypt', 'decrypt']],
  A256GCMKW: [256, { name: 'AES-GCM', length: 256 }, ['encrypt', 'decrypt']],
  A128GCM: [128, { name: 'AES-GCM', length: 128 }, ['encrypt', 'decrypt']],
  A192GCM: [192, { name: 'AES-GCM', length: 192 }, ['encrypt', 'decrypt']],
  A256GCM: [256, { name: 'AES-GCM', length: 256 }, ['encrypt', 'decrypt']]
}

/**
 * @param {unknown} alg
 * @param {{ extractable?: boolean }} [options]
 */
async function generateSecret (alg, options) {
  const extractable = checkExtractable(options?.extractable)
  const entry = typeof alg === 'string' ? /** @type {any} */ (SECRETS)[alg] : undefined
  if (!entry) throw new errors.JOSENotSupported('Invalid or unsupported "alg" (Algorithm) value')
  const [bits, algorithm, usages] = entry
  const native = await settle(call(binding.v6GenerateKeyAsync, 'oct', undefined, bits))
  const bytes = new Uint8Array(call(() => native.secretBytes()))
  if (!algorithm) return bytes
  const key = await subtle.importKey('raw', bytes, algorithm, extractable ?? false, usages)
  register(key, () => native)
  return key
}

module.exports = {
  importJWK,
  importSPKI,
  importPKCS8,
  importX509,
  exportJWK,
  exportSPKI,
  exportPKCS8,
  generateKeyPair,
  generateSecret,
  invalidKeyInput,
  jwkToKey,
  webAlgorithm
}
