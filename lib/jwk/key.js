'use strict'

// JWK.Key and its four key-type classes. A key wraps a native handle that
// holds the parsed material; everything users read often is a plain property
// filled from one `describe()` call, and private members are fetched from the
// handle on first read.

const { inspect } = require('util')
const { createPrivateKey, createPublicKey, createSecretKey } = require('crypto')

const { binding, call } = require('../native')

/** @typedef {import('../binding').NativeKey} NativeKey */

/**
 * A key's parameters and, for a key with material, what its handle's
 * `describe()` gives (src/node/key.rs).
 * @typedef {object} KeyInfo
 * @property {string} type 'private', 'public' or 'secret'; 'unsecured' or 'embedded' for the special keys
 * @property {KeyParams} params
 * @property {string} [kty]
 * @property {string} [thumbprint]
 * @property {number} [length] the key's size in bits
 * @property {Object<string, string>} [members] the public JWK members
 * @property {boolean} [identified] false for a JWK.CustomKey, which defines its own kid
 */

/**
 * @typedef {{
 *   alg?: string, use?: string, kid?: string, key_ops?: string[],
 *   x5c?: string[], x5t?: string, 'x5t#S256'?: string
 * }} KeyParams
 */

/**
 * The properties every key has, which its constructors define with
 * Object.defineProperties (out of TypeScript's sight). Undefined where a
 * key has none (JWK.None, the Embedded keys, a reference `oct` key, a
 * JWK.CustomKey).
 * @typedef {object} KeyProperties
 * @property {string} type
 * @property {boolean} private
 * @property {boolean} public
 * @property {boolean} secret
 * @property {string | undefined} alg
 * @property {string | undefined} use
 * @property {string[] | undefined} key_ops
 * @property {string[] | undefined} x5c
 * @property {string | undefined} kty
 * @property {string | undefined} kid
 * @property {string | undefined} thumbprint
 * @property {string | undefined} x5t
 * @property {string | undefined} crv
 * @property {string | undefined} k
 * @property {number | undefined} length
 */

/** @typedef {Key & KeyProperties} AnyKey */

const NATIVE = Symbol('jose-native handle')
// The same key as an N-API External, which the hot JWT calls take: it
// crosses into Rust cheaper than the class instance (src/node/key.rs).
const HANDLE = Symbol('jose-native external handle')
const INTERNAL = Symbol('jose-native internal construction')
const ALGORITHMS = Symbol('algorithms cache')

function noThumbprint () {
  throw new TypeError('reference "oct" keys without "k" cannot have their thumbprint calculated')
}

// Real keys have a kid and thumbprint; JWK.None and the Embedded keys do not.
const IDENTIFIED_TYPES = new Set(['private', 'public', 'secret'])

const OPERATIONS = new Set(['sign', 'verify', 'encrypt', 'decrypt', 'wrapKey', 'unwrapKey', 'deriveKey'])

class Key {
  /**
   * Keys come from JWK.asKey / JWK.generate; `info` is the handle's describe().
   * @param {symbol} token
   * @param {NativeKey | null} native
   * @param {KeyInfo} info
   */
  constructor (token, native, info) {
    if (token !== INTERNAL) {
      throw new TypeError('keys are created with JWK.asKey() or JWK.generate()')
    }
    const params = info.params
    Object.defineProperties(this, {
      [NATIVE]: { value: native },
      [HANDLE]: { value: native ? binding.keyHandle(native) : undefined },
      [ALGORITHMS]: { value: new Map() },
      type: { value: info.type },
      private: { value: info.type === 'private' },
      public: { value: info.type === 'public' },
      secret: { value: info.type === 'secret' },
      alg: { value: params.alg, enumerable: params.alg !== undefined },
      use: { value: params.use, enumerable: params.use !== undefined },
      x5c: params.x5c
        ? { enumerable: true, get () { return [...params.x5c] } }
        : { value: undefined },
      key_ops: params.key_ops
        ? { enumerable: true, get () { return [...params.key_ops] } }
        : { value: undefined }
    })
    // a JWK.CustomKey (`identified: false`) defines its own kid: it has no
    // material, so no thumbprint to fall back on
    if (IDENTIFIED_TYPES.has(info.type) && info.identified !== false) {
      Object.defineProperties(this, {
        kid: params.kid || info.thumbprint
          ? { value: params.kid || info.thumbprint, enumerable: true }
          : { enumerable: true, get: noThumbprint },
        ...(params.x5c
          ? {
              x5t: { value: params.x5t, enumerable: true },
              'x5t#S256': { value: params['x5t#S256'], enumerable: true }
            }
          : {}),
        thumbprint: info.thumbprint ? { value: info.thumbprint } : { get: noThumbprint }
      })
    }
  }

  get keyObject () {
    /** @type {NativeKey} */
    const native = this[NATIVE]
    // `this` with the properties the constructors define (KeyProperties)
    const key = /** @type {AnyKey} */ (/** @type {Key} */ (this))
    let keyObject
    if (key.secret) {
      keyObject = createSecretKey(call(() => native.secretBytes()))
    } else {
      const der = call(() => native.keyObjectDer())
      keyObject = key.private
        ? createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })
        : createPublicKey({ key: der, format: 'der', type: 'spki' })
    }
    Object.defineProperty(this, 'keyObject', { value: keyObject })
    return keyObject
  }

  /**
   * @param {string} [operation]
   * @returns {Set<string>}
   */
  algorithms (operation) {
    if (operation !== undefined && !OPERATIONS.has(operation)) {
      throw new TypeError('invalid key operation')
    }
    /** @type {Map<string | undefined, string[]>} */
    const cache = this[ALGORITHMS]
    let list = cache.get(operation)
    if (list === undefined) {
      list = call(() => this[NATIVE].algorithms(operation))
      cache.set(operation, list)
    }
    return new Set(list)
  }

  toJWK (priv = false) {
    /** @type {NativeKey} */
    const native = this[NATIVE]
    return JSON.parse(call(() => native.toJWK(Boolean(priv))))
  }

  toPEM (priv = false, encoding = {}) {
    const { type, cipher, passphrase } = encoding
    /** @type {NativeKey} */
    const native = this[NATIVE]
    const secret = passphrase === undefined ? undefined : Buffer.from(passphrase)
    return call(() => native.toPEM(Boolean(priv), type, cipher, secret))
  }

  [inspect.custom] () {
    return `${this.constructor.name} ${inspect(this.toJWK(false), {
      depth: Infinity,
      colors: process.stdout.isTTY,
      compact: false,
      sorted: true
    })}`
  }
}

// Defines the component properties: public ones enumerable with their values,
// private ones non-enumerable getters that ask the handle once.
function defineMembers (key, info, publicNames, privateNames) {
  /** @type {PropertyDescriptorMap} */
  const descriptors = {}
  for (const name of publicNames) {
    descriptors[name] = { value: info.members[name], enumerable: true }
  }
  if (key.type !== 'public') {
    for (const name of privateNames) {
      descriptors[name] = {
        configurable: true,
        get () {
          const members = JSON.parse(call(() => key[NATIVE].privateMembers()))
          for (const member of privateNames) {
            Object.defineProperty(key, member, { value: members[member], enumerable: false, configurable: false })
          }
          return members[name]
        }
      }
    }
  }
  Object.defineProperties(key, descriptors)
}

class RSAKey extends Key {
  constructor (token, native, info) {
    super(token, native, info)
    defineMembers(this, info, ['e', 'n'], ['d', 'p', 'q', 'dp', 'dq', 'qi'])
    Object.defineProperties(this, {
      kty: { value: 'RSA', enumerable: true },
      length: { value: info.length }
    })
  }
}

class ECKey extends Key {
  constructor (token, native, info) {
    super(token, native, info)
    defineMembers(this, info, ['crv', 'x', 'y'], ['d'])
    Object.defineProperty(this, 'kty', { value: 'EC', enumerable: true })
  }
}

// The parts of OctKey a reference key (no `k`, no handle) answers itself.
const referenceKey = {
  algorithms (operation) {
    if (operation !== undefined && !OPERATIONS.has(operation)) {
      throw new TypeError('invalid key operation')
    }
    return new Set()
  },
  toJWK () {
    const jwk = { kty: 'oct', kid: this.kid }
    if (this.alg) jwk.alg = this.alg
    if (this.key_ops && this.key_ops.length) jwk.key_ops = this.key_ops
    if (this.use) jwk.use = this.use
    return jwk
  },
  toPEM () {
    throw new TypeError('symmetric keys cannot be exported as PEM')
  }
}

class OKPKey extends Key {
  constructor (token, native, info) {
    super(token, native, info)
    defineMembers(this, info, ['crv', 'x'], ['d'])
    Object.defineProperty(this, 'kty', { value: 'OKP', enumerable: true })
  }
}

class OctKey extends Key {
  constructor (token, native, info) {
    super(token, native, info)
    if (native === null) {
      for (const [name, fn] of Object.entries(referenceKey)) {
        Object.defineProperty(this, name, { value: fn, configurable: true, writable: true })
      }
      // a reference key: an `oct` JWK without `k` can be held but do nothing
      Object.defineProperties(this, {
        kty: { value: 'oct', enumerable: true },
        length: { value: undefined },
        k: { value: undefined },
        keyObject: { value: undefined }
      })
      return
    }
    defineMembers(this, info, [], ['k'])
    Object.defineProperties(this, {
      kty: { value: 'oct', enumerable: true },
      length: { value: info.length }
    })
  }
}

const CLASSES = { RSA: RSAKey, EC: ECKey, OKP: OKPKey, oct: OctKey }

/**
 * Wraps a native handle in the class of its key type.
 * @param {NativeKey} native
 * @returns {AnyKey}
 */
function fromNative (native) {
  const info = JSON.parse(call(() => native.describe()))
  return new CLASSES[info.kty](INTERNAL, native, info)
}

// An `oct` JWK without `k`, with its checked parameters.
function referenceOctKey (params) {
  return new OctKey(INTERNAL, null, { type: 'secret', params, members: {} })
}

module.exports = { Key, RSAKey, ECKey, OKPKey, OctKey, fromNative, referenceOctKey, NATIVE, HANDLE, INTERNAL }
