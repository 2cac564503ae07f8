'use strict'

// jose 6's JWS: CompactSign, FlattenedSign, GeneralSign and the three
// verify functions. The checks and their order are the core's
// (src/v6/jws.rs); here the JavaScript values are described for it
// (`false` for a member of a type jose 6 refuses), key functions are
// called, and results get jose 6's shapes.

const errors = require('./errors')
const { binding, call } = require('./native')
const { assertUint8Array, setOnce } = require('./builder')
const { isObject, keyArg, used } = require('./keys')
const kms = require('./kms')
const { isPrimitive } = require('../json')

/** @typedef {import('../binding').V6JwsInput} V6JwsInput */
/** @typedef {import('../binding').V6Verified} V6Verified */

/**
 * A header as `JSON.stringify` writes it; false when it throws or writes
 * nothing (jose 6's "JOSE Header is not valid JSON").
 * @param {unknown} header
 * @returns {string | false | undefined}
 */
function headerText (header) {
  if (header === undefined) return undefined
  try {
    if (!isObject(header) || typeof (/** @type {any} */ (header)).toJSON === 'function') return JSON.stringify(header) ?? false
    return plainHeaderText(/** @type {Record<string, unknown>} */ (header))
  } catch {
    return false
  }
}

/** The last plain header written with only primitive members. */
let lastHeader = { names: /** @type {string[]} */ ([]), values: /** @type {unknown[]} */ ([]), text: '' }

/**
 * A plain object header's JSON text. An app signs with the same few
 * headers, written afresh each call (`{ alg: 'HS256' }`); one whose names
 * and primitive values equal the last one's has its text. Each member is
 * read once (as `JSON.stringify` reads it), and the text written from the
 * values read.
 * @param {Record<string, unknown>} header
 */
function plainHeaderText (header) {
  const names = Object.keys(header)
  const values = names.map((name) => header[name])
  if (names.length === lastHeader.names.length && names.every((name, i) => name === lastHeader.names[i] && values[i] === lastHeader.values[i])) {
    return lastHeader.text
  }
  const text = JSON.stringify(Object.fromEntries(names.map((name, i) => [name, values[i]])))
  if (values.every(isPrimitive)) lastHeader = { names, values, text }
  return text
}

/**
 * jose 6's `crit` option (an object of understood names, each true when
 * the extension must be integrity protected) as a list.
 * @param {unknown} crit
 */
function critList (crit) {
  if (crit === undefined) return undefined
  if (crit === null) return []
  return Object.entries(Object(crit)).map(([name, flag]) => ({ name, protected: !!flag }))
}

/**
 * @param {unknown} value
 * @returns {string | false | undefined}
 */
const stringMember = (value) => value === undefined ? undefined : typeof value === 'string' ? value : false

/**
 * A flattened JWS's members as the core takes them.
 * @param {Record<string, any>} jws
 * @param {unknown} [payload] a general JWS's shared payload
 * @returns {V6JwsInput}
 */
function jwsInput (jws, payload = jws.payload) {
  const { header } = jws
  return {
    protected: stringMember(jws.protected),
    header: header === undefined ? undefined : isObject(header) ? JSON.stringify(header) : false,
    payload: payload === undefined ? undefined : typeof payload === 'string' || payload instanceof Uint8Array ? payload : false,
    wellFormed: typeof payload !== 'string' || /** @type {any} */ (payload).isWellFormed(),
    signature: stringMember(jws.signature)
  }
}

/**
 * @param {Record<string, any> | undefined} options
 */
function verifyOptions (options) {
  const algorithms = options?.algorithms
  const crit = options?.crit
  if (algorithms === undefined && crit === undefined) return NO_OPTIONS
  const strings = Array.isArray(algorithms) && algorithms.every((s) => typeof s === 'string')
  return { algorithms: algorithms === undefined || strings ? algorithms : false, crit: critList(crit) }
}

/** Verify options that set nothing, shared (the common case). */
const NO_OPTIONS = Object.freeze({ algorithms: undefined, crit: undefined })

/** @param {Buffer} buffer */
const bytes = (buffer) => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length)

/**
 * Verifies with a key, or with the key a key function gives for the
 * protected header and the token (which the result then includes).
 * @param {V6JwsInput} input
 * @param {ReturnType<typeof verifyOptions>} options
 * @param {unknown} key
 * @param {object} token what a key function is shown as the token
 * @param {(verified: V6Verified) => Record<string, unknown>} shape
 */
async function verifyWith (input, options, key, token, shape) {
  if (typeof key !== 'function') {
    const handle = keyArg(key)
    const verified = call(binding.v6JwsVerify, input, options, handle)
    used(key, handle)
    return shape(verified)
  }
  const checked = call(binding.v6JwsCheck, input, options)
  const protectedHeader = checked.protectedHeader === null ? {} : JSON.parse(checked.protectedHeader)
  const resolved = await key(protectedHeader, token)
  const handle = keyArg(resolved)
  const verified = call(() => checked.verify(handle))
  used(resolved, handle)
  return { ...shape(verified), key: resolved }
}

/**
 * @param {Record<string, any>} jws
 * @returns {(verified: V6Verified) => Record<string, unknown>}
 */
const flattenedShape = (jws) => (verified) => {
  const result = /** @type {Record<string, unknown>} */ ({ payload: bytes(verified.payload) })
  if (verified.protectedHeader != null) result.protectedHeader = JSON.parse(verified.protectedHeader)
  if (jws.header !== undefined) result.unprotectedHeader = isObject(jws.header) ? { ...jws.header } : jws.header
  return result
}

/**
 * @param {unknown} jws
 * @param {unknown} key
 * @param {Record<string, any>} [options]
 */
async function compactVerify (jws, key, options) {
  const prepared = verifyOptions(options)
  const token = jws instanceof Uint8Array ? new TextDecoder().decode(jws) : jws
  const compact = typeof token === 'string' ? token : false
  const [protectedHeader, payload, signature] = compact === false ? [] : compact.split('.')
  return verifyWith({ compact, wellFormed: true }, prepared, key, { payload, protected: protectedHeader, signature }, (verified) => ({
    payload: bytes(verified.payload),
    protectedHeader: JSON.parse(/** @type {string} */ (verified.protectedHeader))
  }))
}

/**
 * @param {unknown} jws
 * @param {unknown} key
 * @param {Record<string, any>} [options]
 */
async function flattenedVerify (jws, key, options) {
  if (!isObject(jws)) throw new errors.JWSInvalid('Flattened JWS must be an object')
  const input = jwsInput(jws)
  return verifyWith(input, verifyOptions(options), key, snapshot(jws), flattenedShape(jws))
}

/**
 * The token a key function is shown: the members as given, headers copied.
 * @param {Record<string, any>} jws
 * @param {unknown} [payload]
 */
function snapshot (jws, payload = jws.payload) {
  const token = /** @type {Record<string, unknown>} */ ({ payload: payload instanceof Uint8Array ? new Uint8Array(payload) : payload, signature: jws.signature })
  if (jws.protected !== undefined) token.protected = jws.protected
  if (jws.header !== undefined) token.header = isObject(jws.header) ? { ...jws.header } : jws.header
  return token
}

/**
 * @param {unknown} jws
 * @param {unknown} key
 * @param {Record<string, any>} [options]
 */
async function generalVerify (jws, key, options) {
  if (!isObject(jws)) throw new errors.JWSInvalid('General JWS must be an object')
  const { signatures, payload } = jws
  if (!Array.isArray(signatures)) throw new errors.JWSInvalid('JWS Signatures missing or incorrect type')
  const entries = Array.from(signatures)
  if (!entries.every(isObject)) throw new errors.JWSInvalid('JWS Signatures missing or incorrect type')
  if (payload === undefined) throw new errors.JWSSignatureVerificationFailed()
  const prepared = verifyOptions(options)
  const inputs = entries.map((signature) => jwsInput(signature, payload))
  for (const index of call(binding.v6GeneralCandidates, inputs, prepared)) {
    try {
      return await verifyWith(inputs[index], prepared, key, snapshot(entries[index], payload), flattenedShape(entries[index]))
    } catch {
      // jose 6 tries the next signature whatever went wrong with this one
    }
  }
  throw new errors.JWSSignatureVerificationFailed()
}

/**
 * Signs a flattened JWS, with the headers as set.
 * @param {Uint8Array | string} payload
 * @param {unknown} protectedHeader
 * @param {unknown} unprotectedHeader
 * @param {Record<string, any> | undefined} options
 * @param {unknown} key
 */
async function signFlattened (payload, protectedHeader, unprotectedHeader, options, key) {
  const args = /** @type {const} */ ([payload, headerText(protectedHeader), headerText(unprotectedHeader), critList(options?.crit), 'allowed'])
  let signed
  if (kms.isKmsKey(key)) {
    signed = await kms.signWith(/** @type {any} */ (key), ...args)
  } else {
    const handle = keyArg(key)
    signed = call(binding.v6JwsSign, ...args, handle)
    used(key, handle)
  }
  const jws = /** @type {Record<string, unknown>} */ ({ signature: signed.signature, payload: signed.payload })
  if (signed.protected != null) jws.protected = signed.protected
  if (unprotectedHeader !== undefined) jws.header = JSON.parse(/** @type {string} */ (headerText(unprotectedHeader)))
  return { jws, b64: signed.b64 }
}

/**
 * Signs a compact JWS (`unencoded` says who refuses `b64: false`).
 * @param {Uint8Array | string} payload
 * @param {unknown} protectedHeader
 * @param {Record<string, any> | undefined} options
 * @param {unknown} key
 * @param {'compact' | 'jwt'} unencoded
 */
async function signCompact (payload, protectedHeader, options, key, unencoded) {
  if (kms.isKmsKey(key)) {
    const signed = await kms.signWith(/** @type {any} */ (key), payload, headerText(protectedHeader), undefined, critList(options?.crit), unencoded)
    return `${signed.protected ?? ''}.${signed.payload}.${signed.signature}`
  }
  const handle = keyArg(key)
  const token = call(binding.v6CompactSign, payload, headerText(protectedHeader), critList(options?.crit), unencoded, handle)
  used(key, handle)
  return token
}

class CompactSign {
  #payload
  /** @type {unknown[]} */
  #state = []

  /** @param {Uint8Array} payload */
  constructor (payload) {
    assertUint8Array(payload, 'payload')
    this.#payload = payload
  }

  /** @param {unknown} protectedHeader */
  setProtectedHeader (protectedHeader) {
    return setOnce(this, this.#state, 0, protectedHeader, 'setProtectedHeader')
  }

  /**
   * @param {unknown} key
   * @param {Record<string, any>} [options]
   */
  async sign (key, options) {
    return signCompact(this.#payload, this.#state[0], options, key, 'compact')
  }
}

class FlattenedSign {
  #payload
  /** @type {unknown[]} [protected header, unprotected header] */
  #state = []

  /** @param {Uint8Array} payload */
  constructor (payload) {
    assertUint8Array(payload, 'payload')
    this.#payload = payload
  }

  /** @param {unknown} protectedHeader */
  setProtectedHeader (protectedHeader) {
    return setOnce(this, this.#state, 0, protectedHeader, 'setProtectedHeader')
  }

  /** @param {unknown} unprotectedHeader */
  setUnprotectedHeader (unprotectedHeader) {
    return setOnce(this, this.#state, 1, unprotectedHeader, 'setUnprotectedHeader')
  }

  /**
   * @param {unknown} key
   * @param {Record<string, any>} [options]
   */
  async sign (key, options) {
    return (await signFlattened(this.#payload, this.#state[0], this.#state[1], options, key)).jws
  }
}

class IndividualSignature {
  #parent
  /** @type {[unknown, unknown, unknown, Record<string, any> | undefined]} */
  state

  /**
   * @param {GeneralSign} parent
   * @param {unknown} key
   * @param {Record<string, any>} [options]
   */
  constructor (parent, key, options) {
    this.#parent = parent
    this.state = [undefined, undefined, key, options]
  }

  /** @param {unknown} protectedHeader */
  setProtectedHeader (protectedHeader) {
    return setOnce(this, this.state, 0, protectedHeader, 'setProtectedHeader')
  }

  /** @param {unknown} unprotectedHeader */
  setUnprotectedHeader (unprotectedHeader) {
    return setOnce(this, this.state, 1, unprotectedHeader, 'setUnprotectedHeader')
  }

  /** @param {[unknown, Record<string, any>?]} args */
  addSignature (...args) {
    return this.#parent.addSignature(...args)
  }

  sign () {
    return this.#parent.sign()
  }

  done () {
    return this.#parent
  }
}

class GeneralSign {
  #payload
  /** @type {IndividualSignature[]} */
  #signatures = []

  /** @param {Uint8Array} payload */
  constructor (payload) {
    this.#payload = payload
  }

  /**
   * @param {unknown} key
   * @param {Record<string, any>} [options]
   */
  addSignature (key, options) {
    const signature = new IndividualSignature(this, key, options)
    this.#signatures.push(signature)
    return signature
  }

  async sign () {
    if (!this.#signatures.length) throw new errors.JWSInvalid('at least one signature must be added')
    assertUint8Array(this.#payload, 'payload')
    const jws = { signatures: /** @type {Record<string, unknown>[]} */ ([]), payload: '' }
    /** @type {boolean | undefined} */
    let b64
    for (const { state: [protectedHeader, unprotectedHeader, key, options] } of this.#signatures) {
      const signed = await signFlattened(this.#payload, protectedHeader, unprotectedHeader, options, key)
      const { payload, ...members } = signed.jws
      if (b64 === undefined) {
        b64 = signed.b64
        jws.payload = /** @type {string} */ (payload)
      } else if (b64 !== signed.b64) {
        throw new errors.JWSInvalid('inconsistent use of JWS Unencoded Payload (RFC7797)')
      }
      jws.signatures.push(members)
    }
    return jws
  }
}

module.exports = {
  CompactSign,
  FlattenedSign,
  GeneralSign,
  compactVerify,
  flattenedVerify,
  generalVerify,
  critList,
  headerText,
  verifyOptions,
  signCompact
}
