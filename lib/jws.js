'use strict'

// JWS: jose 1.x's argument checks and result shapes around the native
// signer and verifier. Every operation has an Async twin that does its
// crypto on the libuv thread pool.

const errors = require('./errors')
const { binding, call, settle, perSerialization, rejecting } = require('./native')
const { getKey, nativeKey, verificationKeys, usedKey } = require('./keys')
const curves = require('./jwk/curves')
const { stringify, isObject } = require('./json')
const custom = require('./custom')
const { memo, checkLists } = require('./options')

const SERIALIZATIONS = new Set(['compact', 'flattened', 'general'])

/**
 * binding.jwsSign's arguments, but that a JWK.CustomKey stands in its
 * recipient's place as itself, for lib/custom.js to take.
 * @typedef {[
 *   payload: string | Buffer,
 *   keys: Array<import('./binding').KeyArg | import('./jwk/custom').CustomKey>,
 *   protectedHeaders: Array<string | undefined>,
 *   headers: Array<string | undefined>,
 *   serialization: string
 * ]} SignArgs
 */
/** @typedef {Parameters<typeof binding.jwsSign>} NativeSignArgs */

const isDisjoint = (a, b) => !a || !b || !Object.keys(a).some((name) => name in b)

class Sign {
  constructor (payload) {
    if (typeof payload === 'string' || Buffer.isBuffer(payload)) {
      this._payload = payload
    } else if (isObject(payload)) {
      this._payload = stringify(payload, () => new TypeError('payload argument could not be serialized to JSON'), false)
    } else {
      throw new TypeError('payload argument must be a Buffer, string or an object')
    }
    this._recipients = []
  }

  recipient (key, protectedHeader, unprotectedHeader) {
    key = getKey(key)
    if (protectedHeader !== undefined && !isObject(protectedHeader)) {
      throw new TypeError('protectedHeader argument must be a plain object when provided')
    }
    if (unprotectedHeader !== undefined && !isObject(unprotectedHeader)) {
      throw new TypeError('unprotectedHeader argument must be a plain object when provided')
    }
    if (!isDisjoint(protectedHeader, unprotectedHeader)) {
      throw new errors.JWSInvalid('JWS Protected and JWS Unprotected Header Parameter names must be disjoint')
    }
    // a custom key takes the stepwise path (lib/custom.js)
    if (custom.isCustom(key)) this._custom = true
    // headers are copied now, as jose deep-clones them here
    const tooDeep = () => new TypeError('header could not be serialized to JSON')
    this._recipients.push({
      key: nativeKey(key),
      protected: protectedHeader && stringify(protectedHeader, tooDeep),
      header: unprotectedHeader && stringify(unprotectedHeader, tooDeep)
    })
    return this
  }

  /** @returns {SignArgs} */
  _args (serialization) {
    if (!SERIALIZATIONS.has(serialization)) {
      throw new TypeError('serialization must be one of "compact", "flattened", "general"')
    }
    if (!this._recipients.length) {
      throw new errors.JWSInvalid('missing recipients')
    }
    const r = this._recipients
    return [this._payload, r.map((x) => x.key), r.map((x) => x.protected), r.map((x) => x.header), serialization]
  }

  sign (serialization) {
    if (this._custom) return signed(custom.sign(this._args(serialization), SIGN_CLASS), this._payload)
    // no custom key: the arguments are binding.jwsSign's
    const args = /** @type {NativeSignArgs} */ (this._args(serialization))
    return signed(call(binding.jwsSign, ...args), this._payload)
  }

  // The Async twin of sign(serialization).
  async signAsync (serialization) {
    if (this._custom) return signed(await custom.signAsync(this._args(serialization)), this._payload)
    const args = /** @type {NativeSignArgs} */ (this._args(serialization))
    return signed(await settle(call(binding.jwsSignAsync, ...args)), this._payload)
  }
}

/**
 * The JWS as jose returns it: the compact string, or the JSON object, whose
 * unencoded payload (RFC 7797) is the very Buffer or string signed.
 * @param {import('./binding').SignResult} out
 * @param {string | Buffer} payload
 */
function signed (out, payload) {
  if (typeof out === 'string') return out
  const jws = JSON.parse(out.json)
  if (out.unencoded) jws.payload = payload
  return jws
}

// What a sync API names in its TypeError for a custom key that answered
// with a Promise: itself and its Async twin.
const SIGN_CLASS = { api: 'JWS.Sign#sign', twin: 'JWS.Sign#signAsync' }
const SIGN = {
  compact: { api: 'JWS.sign', twin: 'JWS.signAsync' },
  flattened: { api: 'JWS.sign.flattened', twin: 'JWS.signAsync.flattened' },
  general: { api: 'JWS.sign.general', twin: 'JWS.signAsync.general' }
}
const VERIFY = { api: 'JWS.verify', twin: 'JWS.verifyAsync' }

const single = (serialization, payload, key, protectedHeader, unprotectedHeader) => {
  const signer = new Sign(payload).recipient(key, protectedHeader, unprotectedHeader)
  if (signer._custom) return signed(custom.sign(signer._args(serialization), SIGN[serialization]), signer._payload)
  return signer.sign(serialization)
}

const sign = perSerialization(single)
const signAsync = perSerialization(rejecting((serialization, payload, key, protectedHeader, unprotectedHeader) =>
  new Sign(payload).recipient(key, protectedHeader, unprotectedHeader).signAsync(serialization)))

// JSON too deep to hand over (lib/json.js) is malformed as the core would
// call it.
/**
 * The native settings for a verification's options, made once per
 * distinct set of values (lib/options.js).
 * @type {(options: import('./binding').JwsVerifyOptions) => import('./binding').JwsVerifySettings}
 */
const verifySettings = memo({ read: (o) => [o.algorithms, o.crit, o.legacyP256K, o.complete] },
  ([algorithms, crit, legacyP256K, complete]) =>
    call(binding.jwsVerifySettings, /** @type {any} */ ({ algorithms, crit, legacyP256K, complete })))

const tooDeep = () => new errors.JWSInvalid('JWS malformed or invalid serialization')

/**
 * The JWS as the core takes it: compact text, or a plain object's JSON
 * text; the core decides whether either is a JWS. A Buffer payload goes as
 * its bytes beside the JSON text (an empty string stands in for it there),
 * which jose uses as they are. Anything else goes as the empty compact
 * JWS, which the core refuses as jose does.
 * @returns {[input: string, json: boolean, payload: Buffer | undefined]}
 */
function serialize (jws) {
  if (typeof jws === 'string') return [jws, false, undefined]
  if (!isObject(jws)) return ['', false, undefined]
  if (!Buffer.isBuffer(jws.payload)) return [stringify(jws, tooDeep), true, undefined]
  return [stringify({ ...jws, payload: '' }, tooDeep), true, jws.payload]
}

/**
 * JWS.verify's options, as jose 1.x takes them.
 * @typedef {object} VerifyOptions
 * @property {string[]} [crit]
 * @property {boolean} [complete]
 * @property {string[]} [algorithms]
 * @property {boolean} [parse]
 * @property {BufferEncoding} [encoding]
 */

/**
 * Argument checks in jose's order; returns the native arguments and what
 * finishing the result needs.
 * @param {unknown} jws
 * @param {unknown} key
 * @param {VerifyOptions} [options]
 */
function verifyJob (jws, key, { crit = [], complete = false, algorithms, parse = true, encoding = 'utf8' } = {}) {
  key = getKey(key, true)
  checkLists(algorithms, crit)
  const [input, json, payloadBytes] = serialize(jws)
  const [mode, natives, storeKeys, withCustom] = verificationKeys(key)
  /** @type {Parameters<typeof binding.jwsVerify>} */
  const args = [input, json, mode, natives, verifySettings({ algorithms, crit, legacyP256K: curves.legacy, complete: !!complete }), payloadBytes]
  return {
    args,
    custom: withCustom,
    key,
    finish: (out) => verified(out, { key, storeKeys, complete, parse, encoding, payloadBytes })
  }
}

// The result as jose shapes it: the payload (parsed JSON when it is JSON,
// else text, or a Buffer without `parse`), or with `complete` the payload,
// the key and the headers. An unencoded payload is returned as given (the
// caller's Buffer, or text).
function verified (out, { key, storeKeys, complete, parse, encoding, payloadBytes }) {
  // the native side returns the bare payload (text, or bytes that are not
  // UTF-8) unless `complete` or an unencoded payload needs the full record
  const bare = typeof out === 'string' || Buffer.isBuffer(out)
  const raw = bare ? out : out.payload
  let payload
  if (!bare && out.unencoded) {
    payload = payloadBytes || raw.toString()
  } else if (parse) {
    const text = typeof raw === 'string' && encoding === 'utf8' ? raw : Buffer.from(raw).toString(encoding)
    try {
      payload = JSON.parse(text)
    } catch {
      payload = text
    }
  } else {
    payload = Buffer.from(raw)
  }
  if (!complete) return payload
  const protectedHeader = out.protected === undefined || out.protected === null ? undefined : JSON.parse(out.protected)
  const header = out.header === undefined || out.header === null ? undefined : JSON.parse(out.header)
  const result = { payload, key: usedKey(key, storeKeys, out, { ...protectedHeader, ...header }) }
  if (protectedHeader) result.protected = protectedHeader
  if (header) result.header = header
  return result
}

const [verify, verifyAsync] = custom.twins(verifyJob, [binding.jwsVerify, binding.jwsVerifyAsync], custom.VERIFY_JWS, VERIFY)

module.exports = { Sign, sign, signAsync, verify, verifyAsync }
