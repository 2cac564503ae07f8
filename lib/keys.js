'use strict'

// Turning a key argument into what the native layer takes, as jose's
// getKey does: a JWK.Key, a KeyStore where allowed, or any JWK.asKey input.

const { KeyMode } = require('./binding')
const errors = require('./errors')
const { asKey } = require('./jwk/import')
const { Key, NATIVE } = require('./jwk/key')
const { CustomKey } = require('./jwk/custom')
const { None, EmbeddedJWK, EmbeddedX5C } = require('./jwk/special')
const { KeyStore, asksItsOwnAll } = require('./jwks')

function getKey (input, keyStoreAllowed = false) {
  if (input instanceof Key) return input
  if (input instanceof KeyStore) {
    if (!keyStoreAllowed) {
      throw new TypeError('key argument for this operation must not be a JWKS.KeyStore instance')
    }
    return input
  }
  try {
    return asKey(input)
  } catch (err) {
    if (err instanceof errors.JOSEError && !(err instanceof errors.JWKImportFailed)) throw err
    throw new TypeError(keyStoreAllowed
      ? 'key must be an instance of a key instantiated by JWK.asKey, a valid JWK.asKey input, or a JWKS.KeyStore instance'
      : 'key must be an instance of a key instantiated by JWK.asKey, or a valid JWK.asKey input')
  }
}

// The native form of a key: its handle, or the name of a key without
// material. A JWK.CustomKey stays itself: only lib/custom.js takes it.
function nativeKey (key) {
  if (key === None) return 'none'
  if (key === EmbeddedJWK || key === EmbeddedX5C) return 'embedded'
  // an oct reference key (no `k`) can do no algorithm, like the embedded keys
  return key[NATIVE] || (key instanceof CustomKey ? key : 'embedded')
}

/**
 * How verification finds its key(s): [mode, native keys, the store's keys,
 * whether the user's code takes part]. It does for a custom key, and for a
 * store that holds one or whose `all()` is not the built-in one: such calls
 * run through lib/custom.js, which asks the store's own `all()` as jose
 * does.
 * @returns {[
 *   mode: import('./binding').KeyMode,
 *   natives: import('./binding').KeyArg[],
 *   storeKeys: import('./jwk/key').AnyKey[],
 *   withCustom: boolean
 * ]}
 */
function verificationKeys (key) {
  if (key instanceof KeyStore) {
    const all = [...key]
    const keys = all.filter((k) => k[NATIVE])
    if (asksItsOwnAll(key) || (keys.length !== all.length && all.some((k) => k instanceof CustomKey))) {
      return [KeyMode.Store, [], [], true]
    }
    return [KeyMode.Store, keys.map((k) => k[NATIVE]), keys, false]
  }
  if (key instanceof CustomKey) return [KeyMode.Key, [], [], true]
  if (key === EmbeddedJWK) return [KeyMode.EmbeddedJwk, [], [], false]
  if (key === EmbeddedX5C) return [KeyMode.EmbeddedX5c, [], [], false]
  return [KeyMode.Key, [nativeKey(key)], [], false]
}

// Whether an operation with `key` needs the user's code (see above).
const needsJavaScript = (key) => verificationKeys(key)[3]

// The key that verified: the store's own key object (named by the native
// side's index, or by lib/custom.js itself), the key passed in, or the key
// the header embedded.
function usedKey (key, storeKeys, out, joseHeader) {
  if (out.key) return out.key
  const index = out.keyIndex
  if (index !== undefined && index !== null) return storeKeys[index]
  if (key === EmbeddedJWK) return asKey(joseHeader.jwk)
  if (key === EmbeddedX5C) {
    const body = joseHeader.x5c[0].match(/.{1,64}/g).join('\n')
    return asKey(`-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----`, { x5c: joseHeader.x5c })
  }
  return key
}

// The native form of a key for JWE: its handle, or for a key without
// material (JWK.None, the Embedded keys, `oct` references) the `alg` and
// `use` that still decide which error jose reports.
function jweKey (key) {
  return key[NATIVE] || JSON.stringify({ alg: key.alg, use: key.use })
}

module.exports = { getKey, nativeKey, jweKey, needsJavaScript, verificationKeys, usedKey }
