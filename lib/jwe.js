'use strict'

// JWE: jose 1.x's argument checks and result shapes around the native
// encrypter and decrypter. Every operation has an Async twin that does its
// crypto on the libuv thread pool.

const { createSecretKey } = require('crypto')

const errors = require('./errors')
const { binding, call, settle, perSerialization, rejecting } = require('./native')
const { getKey, jweKey, needsJavaScript } = require('./keys')
const { asKey } = require('./jwk/import')
const { NATIVE } = require('./jwk/key')
const { KeyStore } = require('./jwks')
const { stringify, isObject } = require('./json')
const custom = require('./custom')
const { memo, checkLists } = require('./options')

const SERIALIZATIONS = new Set(['compact', 'flattened', 'general'])

const headerTooDeep = () => new TypeError('header could not be serialized to JSON')

class Encrypt {
  constructor (cleartext, protectedHeader, unprotectedHeader, aad) {
    if (!Buffer.isBuffer(cleartext) && typeof cleartext !== 'string') {
      throw new TypeError('cleartext argument must be a Buffer or a string')
    }
    if (aad !== undefined && !Buffer.isBuffer(aad) && typeof aad !== 'string') {
      throw new TypeError('aad argument must be a Buffer or a string when provided')
    }
    if (protectedHeader !== undefined && !isObject(protectedHeader)) {
      throw new TypeError('protectedHeader argument must be a plain object when provided')
    }
    if (unprotectedHeader !== undefined && !isObject(unprotectedHeader)) {
      throw new TypeError('unprotectedHeader argument must be a plain object when provided')
    }
    // copied now, as jose copies them here
    this._cleartext = Buffer.from(cleartext)
    this._aad = aad ? Buffer.from(aad) : undefined
    this._protected = protectedHeader && stringify(protectedHeader, headerTooDeep)
    this._unprotected = unprotectedHeader && stringify(unprotectedHeader, headerTooDeep)
    this._recipients = []
  }

  recipient (key, header) {
    key = getKey(key)
    if (header !== undefined && !isObject(header)) {
      throw new TypeError('header argument must be a plain object when provided')
    }
    this._recipients.push({ key: jweKey(key), header: header && stringify(header, headerTooDeep) })
    return this
  }

  /** @returns {Parameters<typeof binding.jweEncrypt>} */
  _args (serialization) {
    if (!SERIALIZATIONS.has(serialization)) {
      throw new TypeError('serialization must be one of "compact", "flattened", "general"')
    }
    const r = this._recipients
    return [this._cleartext, this._protected, this._unprotected, this._aad, r.map((x) => x.key), r.map((x) => x.header), serialization]
  }

  encrypt (serialization) {
    const out = call(binding.jweEncrypt, ...this._args(serialization))
    return serialization === 'compact' ? out : JSON.parse(out)
  }

  // The Async twin of encrypt(serialization).
  async encryptAsync (serialization) {
    const out = await settle(call(binding.jweEncryptAsync, ...this._args(serialization)))
    return serialization === 'compact' ? out : JSON.parse(out)
  }
}

const single = (serialization, cleartext, key, protectedHeader, unprotectedHeader, aad) =>
  new Encrypt(cleartext, protectedHeader, unprotectedHeader, aad).recipient(key).encrypt(serialization)

const encrypt = perSerialization(single)
const encryptAsync = perSerialization(rejecting((serialization, cleartext, key, protectedHeader, unprotectedHeader, aad) =>
  new Encrypt(cleartext, protectedHeader, unprotectedHeader, aad).recipient(key).encryptAsync(serialization)))

/**
 * JWE.decrypt's options, as jose 1.x takes them, and this library's
 * `maxInflatedSize`.
 * @typedef {object} DecryptOptions
 * @property {string[]} [crit]
 * @property {boolean} [complete]
 * @property {string[]} [algorithms]
 * @property {number} [maxPBES2Count]
 * @property {number} [maxInflatedSize]
 */

/**
 * jose's option defaults; maxInflatedSize is this library's own (its
 * default and its check live in Rust, see jwe::inflate_cap).
 * @param {DecryptOptions} [options]
 */
function decryptOptions ({ crit = [], complete = false, algorithms, maxPBES2Count = 10000, maxInflatedSize } = {}) {
  checkLists(algorithms, crit)
  // jose compares p2c with `>`, so a numeric string works there too
  const maxCount = Number(maxPBES2Count)
  if (typeof maxPBES2Count === 'object' || Number.isNaN(maxCount)) {
    throw new TypeError('"maxPBES2Count" option must be a number')
  }
  // the core checks maxInflatedSize (jwe::inflate_cap); what is not a
  // number goes as NaN, which it refuses
  const inflated = maxInflatedSize === undefined || typeof maxInflatedSize === 'number' ? maxInflatedSize : NaN
  return { crit, complete, algorithms, maxCount, maxInflatedSize: inflated }
}

/**
 * The native settings for a decryption's options, made once per distinct
 * set of values (lib/options.js).
 * @type {(options: { algorithms?: string[], crit: string[], maxCount: number, maxInflatedSize?: number }) => import('./binding').JweDecryptSettings}
 */
const decryptSettings = memo({ read: (o) => [o.algorithms, o.crit, o.maxCount, o.maxInflatedSize] },
  ([algorithms, crit, maxPBES2Count, maxInflatedSize]) =>
    call(binding.jweDecryptSettings, /** @type {any} */ ({ algorithms, crit, maxPBES2Count, maxInflatedSize })))

// JSON too deep to hand over (lib/json.js) is malformed as the core would
// call it.
const tooDeep = () => new errors.JWEInvalid('JWE malformed or invalid serialization')

/**
 * The JWE as the core takes it: compact text, or a plain object's JSON
 * text; the core decides whether either is a JWE. Anything else goes as
 * the empty compact JWE, which the core refuses as jose does.
 * @returns {[input: string, json: boolean]}
 */
function serialize (jwe) {
  if (typeof jwe === 'string') return [jwe, false]
  if (!isObject(jwe)) return ['', false]
  return [stringify(jwe, tooDeep), true]
}

// Argument checks in jose's order; returns the native arguments and what
// finishing the result needs.
function decryptJob (jwe, key, options) {
  key = getKey(key, true)
  const { crit, complete, algorithms, maxCount, maxInflatedSize } = decryptOptions(options)
  const [input, json] = serialize(jwe)
  let mode, natives, storeKeys
  if (key instanceof KeyStore) {
    storeKeys = [...key].filter((k) => k[NATIVE])
    mode = binding.KeyMode.Store
    natives = storeKeys.map((k) => k[NATIVE])
  } else {
    mode = binding.KeyMode.Key
    natives = [jweKey(key)]
  }
  /** @type {Parameters<typeof binding.jweDecrypt>} */
  const args = [input, json, mode, natives, decryptSettings({ algorithms, crit, maxCount, maxInflatedSize })]
  return {
    args,
    // a custom key unwraps the CEK itself, a store may pick keys with its
    // own all() (lib/custom.js)
    custom: needsJavaScript(key),
    key,
    finish: (out) => decrypted(out, { key, storeKeys, complete })
  }
}

// The cleartext, or with `complete` jose's full result: the cleartext, the
// key that decrypted, the CEK as a key, and the parts the JWE had.
function decrypted (out, { key, storeKeys, complete }) {
  if (!complete) return out.cleartext
  const usedKey = out.key || (out.keyIndex !== undefined && out.keyIndex !== null ? storeKeys[out.keyIndex] : key)
  const result = {
    cleartext: out.cleartext,
    key: usedKey,
    cek: asKey(createSecretKey(out.cek), { alg: out.enc, use: 'enc' })
  }
  const parsed = (text) => text === undefined || text === null ? undefined : JSON.parse(text)
  if (out.aad) result.aad = out.aad
  if (out.header) result.header = parsed(out.header)
  if (out.unprotected) result.unprotected = parsed(out.unprotected)
  if (out.protected) result.protected = parsed(out.protected)
  return result
}

// What the sync API names in its TypeError for a custom key that answered
// with a Promise.
const DECRYPT = { api: 'JWE.decrypt', twin: 'JWE.decryptAsync' }

const [decrypt, decryptAsync] = custom.twins(decryptJob, [binding.jweDecrypt, binding.jweDecryptAsync], custom.DECRYPT, DECRYPT)

module.exports = { Encrypt, encrypt, encryptAsync, decrypt, decryptAsync }
