'use strict'

// KMSKey: jose-native's key for jose 6's API whose private operations run
// in the caller's code (a KMS, an HSM): `sign(data, alg)` for JWS and JWT,
// `unwrapKey(encryptedKey, alg)` for RSA-OAEP JWE. The core prepares what
// is signed or unwrapped and checks what comes back (a signature's
// length; a CEK that is missing or of the wrong length fails exactly as a
// wrong key, src/v6/jwe.rs `decrypt_with_cek`).

const { binding, call } = require('./native')

class KMSKey {
  #alg
  #sign
  #unwrapKey
  #modulusLength
  #onUnwrapError

  /**
   * @param {{
   *   alg: string,
   *   sign?: (data: Uint8Array, alg: string) => Uint8Array | Promise<Uint8Array>,
   *   unwrapKey?: (encryptedKey: Uint8Array, alg: string) => Uint8Array | Promise<Uint8Array>,
   *   modulusLength?: number,
   *   onUnwrapError?: (err: unknown) => void
   * }} options
   */
  constructor (options) {
    const { alg, sign, unwrapKey, modulusLength, onUnwrapError } = options ?? /** @type {any} */ ({})
    if (typeof alg !== 'string' || !alg) throw new TypeError('KMSKey "alg" must be a non-empty string')
    if (sign !== undefined && typeof sign !== 'function') throw new TypeError('KMSKey "sign" must be a function')
    if (unwrapKey !== undefined && typeof unwrapKey !== 'function') throw new TypeError('KMSKey "unwrapKey" must be a function')
    if (sign === undefined && unwrapKey === undefined) throw new TypeError('KMSKey needs "sign" or "unwrapKey"')
    if (modulusLength !== undefined && (!Number.isSafeInteger(modulusLength) || modulusLength < 1)) {
      throw new TypeError('KMSKey "modulusLength" must be a positive integer')
    }
    if (onUnwrapError !== undefined && typeof onUnwrapError !== 'function') throw new TypeError('KMSKey "onUnwrapError" must be a function')
    this.#alg = alg
    this.#sign = sign
    this.#unwrapKey = unwrapKey
    this.#modulusLength = modulusLength
    this.#onUnwrapError = onUnwrapError
  }

  get alg () {
    return this.#alg
  }

  /** A private key's operations, as a KeyObject would say (and so jose 6's typings take it). */
  get type () {
    return 'private'
  }

  get [Symbol.toStringTag] () {
    return 'KMSKey'
  }

  /**
   * Signs what the core prepared and has the core check and place it.
   * @param {import('../binding').V6SignPending} pending
   */
  async signPending (pending) {
    if (!this.#sign) throw new TypeError('KMSKey cannot sign: it has no "sign" function')
    // a header naming another alg is refused (by the core) before the KMS is asked
    if (pending.alg !== this.#alg) call(() => pending.finish(this.#alg, new Uint8Array(0), this.#modulusLength))
    const data = new Uint8Array(pending.signingInput)
    const signature = await this.#sign(data, pending.alg)
    if (!(signature instanceof Uint8Array)) throw new TypeError('KMSKey "sign" must return a Uint8Array')
    return call(() => pending.finish(this.#alg, signature, this.#modulusLength))
  }

  /**
   * Unwraps a JWE's CEK: undefined when there is nothing to unwrap for this
   * key or the KMS failed (the failure goes to onUnwrapError on the next
   * tick, never to the caller, who sees what a wrong key gives).
   * @param {import('../binding').V6JweChecked} checked
   */
  async unwrapPending (checked) {
    const request = checked.unwrapRequest()
    if (!request || !this.#unwrapKey || request.alg !== this.#alg) return undefined
    try {
      const cek = await this.#unwrapKey(new Uint8Array(request.encryptedKey), request.alg)
      return cek instanceof Uint8Array ? cek : undefined
    } catch (err) {
      const hear = this.#onUnwrapError
      if (hear) process.nextTick(() => hear(err))
      return undefined
    }
  }
}

/** @param {unknown} key */
const isKmsKey = (key) => key instanceof KMSKey

/**
 * Signs with a KMS key: the core's checks, the key's signature.
 * @param {KMSKey} key
 * @param {Parameters<typeof binding.v6JwsSignPrepare>} args
 */
const signWith = (key, ...args) => key.signPending(call(binding.v6JwsSignPrepare, ...args))

module.exports = { KMSKey, isKmsKey, signWith }
