'use strict'

// Keys as jose 6 takes them, turned into the core's key handles. A
// handle is made once per key object (a CryptoKey or KeyObject never
// changes; a JWK object is frozen once used, as jose 6 freezes it) and
// remembered in a WeakMap, so no operation reads key material twice. A
// plain Uint8Array secret goes to the core as its bytes on every call (it
// can change between calls). Which key fits which algorithm is the core's
// rule (src/v6/keys.rs); this file only describes the JavaScript value.

const { KeyObject } = require('crypto')

const { binding, call } = require('./native')

/** @typedef {import('crypto').webcrypto.CryptoKey} CryptoKey */

/** @typedef {import('../binding').V6KeyDescription} V6KeyDescription */

/** @type {WeakMap<object, V6KeyHandle>} */
const HANDLES = new WeakMap()

/** @param {any} key */
const isCryptoKey = (key) => key?.[Symbol.toStringTag] === 'CryptoKey' || key instanceof /** @type {any} */ (globalThis).CryptoKey
/** @param {any} key */
const isKeyObject = (key) => key?.[Symbol.toStringTag] === 'KeyObject' || key instanceof KeyObject

/**
 * jose 6's test for a plain object.
 * @param {unknown} input
 * @returns {input is Record<string, any>}
 */
function isObject (input) {
  if (typeof input !== 'object' || input === null || Object.prototype.toString.call(input) !== '[object Object]') return false
  const prototype = Object.getPrototypeOf(input)
  return prototype === null || Object.getPrototypeOf(prototype) === null
}

/**
 * A JWK object as JSON text for the core. jose 6 reads only the members it
 * needs, so one it cannot serialize (a BigInt) is left out, not an error.
 * @param {object} jwk
 */
const jwkText = (jwk) => JSON.stringify(jwk, (_, value) => typeof value === 'bigint' ? undefined : value)

/**
 * How jose 6's messages name a value it refuses.
 * @param {any} actual
 */
function received (actual) {
  if (actual == null) return ` Received ${actual}`
  if (typeof actual === 'function' && actual.name) return ` Received function ${actual.name}`
  if (typeof actual === 'object' && actual.constructor?.name) return ` Received an instance of ${actual.constructor.name}`
  return ''
}

/**
 * A KeyObject's material as the core's key (undefined when the core does
 * not read that kind of key; the core then refuses it by its rules).
 * @param {import('crypto').KeyObject} keyObject
 */
function material (keyObject) {
  try {
    if (keyObject.type === 'secret') return binding.importSecret(keyObject.export(), '{}')
    const type = keyObject.type === 'private' ? 'pkcs8' : 'spki'
    return binding.importDer(keyObject.export({ format: 'der', type }), type, '{}', false)
  } catch {
    return undefined
  }
}

/**
 * A CryptoKey's handle.
 * @param {any} key
 * @param {import('../binding').NativeKey | undefined} native its material
 * @returns {V6KeyHandle}
 */
function cryptoKeyHandle (key, native) {
  const { name, hash, namedCurve, modulusLength, length } = key.algorithm
  const description = {
    received: received(key),
    form: 'CryptoKey',
    keyType: key.type,
    algorithm: { name, hash: hash?.name, namedCurve, modulusLength, length },
    usages: [...key.usages],
    extractable: key.extractable
  }
  return call(binding.v6Key, description, native)
}

/**
 * @param {any} key
 * @returns {V6KeyHandle}
 */
function describe (key) {
  const base = { received: received(key) }
  if (isCryptoKey(key)) return cryptoKeyHandle(key, material(KeyObject.from(key)))
  if (isKeyObject(key)) {
    return call(binding.v6Key, { ...base, form: 'KeyObject', keyType: key.type }, material(key))
  }
  if (isObject(key)) {
    return call(binding.v6Key, { ...base, form: 'jwk', jwk: jwkText(key) }, undefined)
  }
  if (key instanceof Uint8Array) {
    return call(binding.v6Key, { ...base, form: 'bytes', bytes: key }, undefined)
  }
  return call(binding.v6Key, { ...base, form: 'other' }, undefined)
}

/** Plain Uint8Array secrets seen before: a copy of their bytes, and the
 * handle made for them. */
const SECRETS = /** @type {WeakMap<Uint8Array, [Buffer, V6KeyHandle]>} */ (new WeakMap())

/**
 * A plain Uint8Array secret's handle, remade when its bytes changed (a
 * jose 6 app keeps one secret for every token; jose 6 itself imports it
 * each time, which is what the bytes comparison stands for).
 * @param {Uint8Array} key
 */
function secretArg (key) {
  const known = SECRETS.get(key)
  if (known !== undefined && known[0].equals(key)) return known[1]
  const copy = Buffer.from(key)
  const native = copy.length === 0 ? undefined : call(binding.importSecret, copy, '{}')
  const handle = call(binding.v6Key, { received: received(key), form: 'bytes', bytes: key }, native)
  SECRETS.set(key, [copy, handle])
  return handle
}

/**
 * The key argument of a native call.
 * @param {unknown} key
 * @returns {V6KeyHandle | Uint8Array}
 */
function keyArg (key) {
  if (key instanceof Uint8Array && key.constructor === Uint8Array) return secretArg(key)
  if (typeof key !== 'object' || key === null) return describe(key)
  const known = HANDLES.get(key)
  if (known !== undefined) return known
  const handle = describe(key)
  if (isCryptoKey(key) || isKeyObject(key)) HANDLES.set(key, handle)
  return handle
}

/**
 * After a JWK passed the core's checks: jose 6 freezes an asymmetric JWK
 * (and its key_ops), which is also what lets its handle be remembered.
 * @param {unknown} key
 * @param {V6KeyHandle | Uint8Array} handle
 */
function used (key, handle) {
  if (key instanceof Uint8Array || !isObject(key) || key.kty === 'oct' || HANDLES.has(key)) return
  if (!Object.isFrozen(key)) {
    if (Array.isArray(key.key_ops)) Object.freeze(key.key_ops)
    Object.freeze(key)
  }
  if (!(handle instanceof Uint8Array)) HANDLES.set(key, handle)
}

/**
 * Remembers the handle of a CryptoKey this API made (import, generate)
 * from the material it made it from (if the core cannot read that, the
 * key is read from its KeyObject when first used).
 * @param {CryptoKey} key
 * @param {() => import('../binding').NativeKey} native
 */
function register (key, native) {
  let material
  try {
    material = native()
  } catch {
    return
  }
  HANDLES.set(key, cryptoKeyHandle(key, material))
}

module.exports = { isCryptoKey, isKeyObject, isObject, jwkText, keyArg, received, register, used }
