'use strict'

// jose 6's JWT builders: SignJWT, EncryptJWT and UnsecuredJWT, with the
// claims builder they share. Their argument checks are TypeErrors jose 6
// throws before any work; verifying is jwt-verify.js's.

const { setOnce } = require('./builder')
const { isKmsKey } = require('./kms')
const { binding, call } = require('./native')
const { isObject, keyArg, used } = require('./keys')
const { critList, headerText, signCompact } = require('./jws')
const { checking, clock, epoch, verifierOf } = require('./jwt-verify')

/** @returns {typeof import('./jwe')} loaded on first use: jwe.js needs jws.js, not this file */
const jwe = () => require('./jwe')

/**
 * @param {string} label
 * @param {number} input
 */
function finite (label, input) {
  if (!Number.isFinite(input)) throw new TypeError(`Invalid ${label} input`)
  return input
}

/** Timespans read so far: the core's answer for each text (bounded). */
const SPANS = new Map()

/**
 * A timespan in seconds: the core reads it (src/jwt/timespan.rs); the same
 * few texts ('1h', '2 hours') come back on every token, so the answers are
 * remembered.
 * @param {unknown} text
 * @returns {number}
 */
function seconds (text) {
  if (typeof text !== 'string') return call(binding.v6Seconds, undefined)
  let value = SPANS.get(text)
  if (value === undefined) {
    value = call(binding.v6Seconds, text)
    if (SPANS.size >= 256) SPANS.clear()
    SPANS.set(text, value)
  }
  return value
}

/**
 * A copy of the claims set as `structuredClone` makes it. Claims are
 * mostly strings, numbers and arrays of them, which are copied directly;
 * anything else (nested objects, Dates, functions...) goes to
 * structuredClone itself, errors included.
 * @param {Record<string, any>} claims
 */
function copyClaims (claims) {
  const copy = /** @type {Record<string, any>} */ ({})
  for (const name of Object.keys(claims)) {
    const value = claims[name]
    if (name === '__proto__' || !isPlainValue(value)) return structuredClone(claims)
    copy[name] = Array.isArray(value) ? value.slice() : value
  }
  return copy
}

/** @param {unknown} value */
const isPrimitive = (value) => value === null || (typeof value !== 'object' && typeof value !== 'function' && typeof value !== 'symbol')

/** @param {unknown} value */
const isPlainValue = (value) => isPrimitive(value) ||
  (Array.isArray(value) && Object.getPrototypeOf(value) === Array.prototype && value.every(isPrimitive))

/**
 * A time claim's value: a number of seconds, a Date, or a timespan from now.
 * @param {unknown} value
 * @param {string} label
 */
function numericDate (value, label) {
  if (typeof value === 'number') return finite(label, value)
  if (value instanceof Date) return finite(label, epoch(value))
  return epoch(new Date()) + seconds(value)
}

/**
 * A builder's claims set (set by the class's static block: a private
 * field, as jose 6 keeps it, read by this module's functions).
 * @type {(builder: object) => Record<string, any>}
 */
let claimsOf

/**
 * @param {string} claim
 * @param {unknown} value
 */
function assertString (claim, value) {
  if (typeof value !== 'string') throw new TypeError(`"${claim}" claim must be a string`)
}

class JWTClaimsBuilder {
  /** @type {Record<string, any>} */
  #claims

  static {
    claimsOf = (builder) => /** @type {JWTClaimsBuilder} */ (builder).#claims
  }

  /** @param {Record<string, any>} [claimsSet] */
  constructor (claimsSet = {}) {
    if (!isObject(claimsSet)) throw new TypeError('JWT Claims Set MUST be an object')
    this.#claims = copyClaims(claimsSet)
  }

  /** @param {string} value */
  setIssuer (value) {
    assertString('iss', value)
    claimsOf(this).iss = value
    return this
  }

  /** @param {string} value */
  setSubject (value) {
    assertString('sub', value)
    claimsOf(this).sub = value
    return this
  }

  /** @param {string | string[]} value */
  setAudience (value) {
    if (typeof value !== 'string' && (!Array.isArray(value) || Array.from(value).some((member) => typeof member !== 'string'))) {
      throw new TypeError('"aud" claim must be a string or an array of strings')
    }
    claimsOf(this).aud = value
    return this
  }

  /** @param {string} value */
  setJti (value) {
    assertString('jti', value)
    claimsOf(this).jti = value
    return this
  }

  /** @param {number | string | Date} value */
  setNotBefore (value) {
    claimsOf(this).nbf = numericDate(value, 'setNotBefore')
    return this
  }

  /** @param {number | string | Date} value */
  setExpirationTime (value) {
    claimsOf(this).exp = numericDate(value, 'setExpirationTime')
    return this
  }

  /** @param {number | string | Date} [value] */
  setIssuedAt (value) {
    const claims = claimsOf(this)
    if (value === undefined) claims.iat = epoch(new Date())
    else if (typeof value === 'string') claims.iat = finite('setIssuedAt', epoch(new Date()) + seconds(value))
    else claims.iat = numericDate(value, 'setIssuedAt')
    return this
  }
}

/**
 * The claims set's JSON text, as jose 6 writes it.
 * @param {object} builder
 */
function claimsText (builder) {
  const claims = claimsOf(builder)
  assertFinite('iat', claims.iat)
  assertFinite('nbf', claims.nbf)
  assertFinite('exp', claims.exp)
  return JSON.stringify(claims)
}

/**
 * @param {string} claim
 * @param {unknown} value
 */
function assertFinite (claim, value) {
  if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError(`"${claim}" claim must be a finite number`)
}

class SignJWT extends JWTClaimsBuilder {
  /** @type {unknown[]} */
  #header = []

  /** @param {unknown} protectedHeader */
  setProtectedHeader (protectedHeader) {
    return setOnce(this, this.#header, 0, protectedHeader, 'setProtectedHeader')
  }

  /**
   * @param {unknown} key
   * @param {Record<string, any>} [options]
   */
  async sign (key, options) {
    const claims = claimsText(this)
    const header = headerText(this.#header[0])
    if (isKmsKey(key)) return signCompact(claims, this.#header[0], options, key, 'jwt')
    const handle = keyArg(key)
    const token = call(binding.v6JwtSign, claims, header || undefined, header === false, critList(options?.crit), handle)
    used(key, handle)
    return token
  }
}

const NONE_HEADER = Buffer.from('{"alg":"none"}').toString('base64url')

class UnsecuredJWT extends JWTClaimsBuilder {
  encode () {
    return `${NONE_HEADER}.${Buffer.from(claimsText(this)).toString('base64url')}.`
  }

  /**
   * @param {unknown} jwt
   * @param {Record<string, any>} [options]
   */
  static decode (jwt, options) {
    const verifier = verifierOf(options)
    const decoded = checking(verifier, () => verifier.decodeUnsecured(typeof jwt === 'string' ? jwt : undefined, clock(options)))
    return { payload: JSON.parse(decoded.payload), header: JSON.parse(decoded.header) }
  }
}

class EncryptJWT extends JWTClaimsBuilder {
  /** @type {unknown[]} */
  #state = [undefined]
  #replicate = { iss: false, sub: false, aud: false }

  /** @param {unknown} header */
  setProtectedHeader (header) {
    return setOnce(this, this.#state, 1, header, 'setProtectedHeader')
  }

  /** @param {unknown} parameters */
  setKeyManagementParameters (parameters) {
    return setOnce(this, this.#state, 7, parameters, 'setKeyManagementParameters')
  }

  /** @param {Uint8Array} cek */
  setContentEncryptionKey (cek) {
    return setOnce(this, this.#state, 5, cek, 'setContentEncryptionKey')
  }

  /** @param {Uint8Array} iv */
  setInitializationVector (iv) {
    return setOnce(this, this.#state, 6, iv, 'setInitializationVector')
  }

  replicateIssuerAsHeader () {
    this.#replicate.iss = true
    return this
  }

  replicateSubjectAsHeader () {
    this.#replicate.sub = true
    return this
  }

  replicateAudienceAsHeader () {
    this.#replicate.aud = true
    return this
  }

  /**
   * @param {unknown} key
   * @param {Record<string, any>} [options]
   */
  async encrypt (key, options) {
    const state = [...this.#state]
    state[0] = Buffer.from(claimsText(this))
    const replicated = Object.entries(this.#replicate).filter(([, on]) => on).map(([claim]) => claim)
    if (state[1] && replicated.length) {
      const header = /** @type {Record<string, unknown>} */ ({ ...Object(state[1]) })
      for (const claim of replicated) header[claim] = claimsOf(this)[claim]
      state[1] = header
    }
    return jwe().compact(jwe().encryptOne(state, key, options))
  }
}

module.exports = { EncryptJWT, SignJWT, UnsecuredJWT }
