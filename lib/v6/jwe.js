'use strict'

// jose 6's JWE: CompactEncrypt, FlattenedEncrypt, GeneralEncrypt and the
// three decrypt functions. The checks and their order are the core's
// (src/v6/jwe.rs, src/v6/jwe_keys.rs); here the JavaScript values are
// described for it (`false` for a value of a type jose 6 refuses), key
// functions are called, and results get jose 6's shapes.

const errors = require('./errors')
const { binding, call } = require('./native')
const { assertUint8Array, setOnce } = require('./builder')
const { isObject, keyArg, used } = require('./keys')
const { critList, headerText } = require('./jws')
const kms = require('./kms')

/** @typedef {import('../binding').V6JweInput} V6JweInput */
/** @typedef {import('../binding').V6Decrypted} V6Decrypted */
/** @typedef {import('../binding').V6EncryptInput} V6EncryptInput */

/**
 * @param {unknown} value
 * @returns {string | false | undefined}
 */
const text = (value) => value === undefined ? undefined : typeof value === 'string' ? value : false

/**
 * @param {unknown} value
 * @returns {string | false | undefined}
 */
const objectText = (value) => value === undefined ? undefined : isObject(value) ? JSON.stringify(value) : false

/**
 * A flattened JWE's members (or a general one's, with one recipient's).
 * @param {Record<string, any>} jwe
 * @param {Record<string, any>} [recipient]
 * @returns {V6JweInput}
 */
function jweInput (jwe, recipient = jwe) {
  return {
    protected: text(jwe.protected),
    unprotected: objectText(jwe.unprotected),
    header: objectText(recipient.header),
    encryptedKey: text(recipient.encrypted_key),
    iv: text(jwe.iv),
    ciphertext: text(jwe.ciphertext),
    tag: text(jwe.tag),
    aad: text(jwe.aad)
  }
}

/**
 * @param {unknown} value
 * @returns {number | false | undefined}
 */
const numberOption = (value) => value === undefined ? undefined : typeof value === 'number' ? value : false

/**
 * @param {unknown} list
 * @returns {string[] | false | undefined}
 */
const algorithmsOption = (list) => list === undefined ? undefined : Array.isArray(list) && list.every((s) => typeof s === 'string') ? list : false

/** @param {Record<string, any> | undefined} options */
function decryptOptions (options) {
  return {
    keyManagementAlgorithms: algorithmsOption(options?.keyManagementAlgorithms),
    contentEncryptionAlgorithms: algorithmsOption(options?.contentEncryptionAlgorithms),
    crit: critList(options?.crit),
    maxPBES2Count: numberOption(options?.maxPBES2Count),
    maxDecompressedLength: numberOption(options?.maxDecompressedLength)
  }
}

/** @param {Buffer} buffer */
const bytes = (buffer) => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length)

/**
 * Decrypts with a key, or with the key a key function gives for the
 * protected header and the JWE.
 * @param {V6JweInput} input
 * @param {ReturnType<typeof decryptOptions>} options
 * @param {unknown} key
 * @param {object} token what a key function is shown
 * @param {(decrypted: V6Decrypted) => Record<string, unknown>} shape
 */
async function decryptWith (input, options, key, token, shape) {
  if (kms.isKmsKey(key)) {
    const checked = call(binding.v6JweCheck, input, options)
    const cek = await /** @type {any} */ (key).unwrapPending(checked)
    return shape(call(() => checked.decryptWithCek(cek)))
  }
  if (typeof key !== 'function') {
    const handle = keyArg(key)
    const decrypted = call(binding.v6JweDecrypt, input, options, handle)
    used(key, handle)
    return shape(decrypted)
  }
  const checked = call(binding.v6JweCheck, input, options)
  const protectedHeader = checked.protectedHeader == null ? undefined : JSON.parse(checked.protectedHeader)
  const resolved = await key(protectedHeader, token)
  if (kms.isKmsKey(resolved)) {
    const cek = await /** @type {any} */ (resolved).unwrapPending(checked)
    return { ...shape(call(() => checked.decryptWithCek(cek))), key: resolved }
  }
  const handle = keyArg(resolved)
  const decrypted = call(() => checked.decrypt(handle))
  used(resolved, handle)
  return { ...shape(decrypted), key: resolved }
}

/**
 * jose 6's result: plaintext, then the headers and aad present.
 * @param {Record<string, any>} jwe
 * @param {Record<string, any>} [recipient]
 */
const shapeOf = (jwe, recipient = jwe) => (/** @type {V6Decrypted} */ decrypted) => {
  const result = /** @type {Record<string, unknown>} */ ({ plaintext: bytes(decrypted.plaintext) })
  if (decrypted.protectedHeader != null) result.protectedHeader = JSON.parse(decrypted.protectedHeader)
  if (decrypted.additionalData != null) result.additionalAuthenticatedData = bytes(decrypted.additionalData)
  if (isObject(jwe.unprotected)) result.sharedUnprotectedHeader = { ...jwe.unprotected }
  if (isObject(recipient.header)) result.unprotectedHeader = { ...recipient.header }
  return result
}

/**
 * @param {unknown} jwe
 * @param {unknown} key
 * @param {Record<string, any>} [options]
 */
async function compactDecrypt (jwe, key, options) {
  const token = jwe instanceof Uint8Array ? new TextDecoder().decode(jwe) : jwe
  const compact = typeof token === 'string' ? token : false
  const parts = compact === false ? [] : compact.split('.')
  const snapshot = { ciphertext: parts[3], iv: parts[2] || undefined, protected: parts[0], tag: parts[4] || undefined, encrypted_key: parts[1] || undefined }
  return decryptWith({ compact }, decryptOptions(options), key, snapshot, shapeOf({}))
}

/**
 * @param {unknown} jwe
 * @param {unknown} key
 * @param {Record<string, any>} [options]
 */
async function flattenedDecrypt (jwe, key, options) {
  if (!isObject(jwe)) throw new errors.JWEInvalid('Flattened JWE must be an object')
  return decryptWith(jweInput(jwe), decryptOptions(options), key, { ...jwe }, shapeOf(jwe))
}

/**
 * @param {unknown} jwe
 * @param {unknown} key
 * @param {Record<string, any>} [options]
 */
async function generalDecrypt (jwe, key, options) {
  if (!isObject(jwe)) throw new errors.JWEInvalid('General JWE must be an object')
  const { recipients } = jwe
  const list = Array.isArray(recipients) ? Array.from(recipients) : undefined
  const algs = list?.map((r) => isObject(r) && isObject(r.header) && typeof r.header.alg === 'string' ? r.header.alg : undefined)
  const prepared = decryptOptions(options)
  call(binding.v6GeneralDecryptCheck, jweInput(jwe, {}), algs, !!list?.every(isObject), prepared)
  for (const recipient of /** @type {Record<string, any>[]} */ (list)) {
    try {
      const token = { ...jwe, ...recipient }
      delete token.recipients
      return await decryptWith(jweInput(jwe, recipient), prepared, key, token, shapeOf(jwe, recipient))
    } catch {
      // jose 6 tries the next recipient whatever went wrong with this one
    }
  }
  throw new errors.JWEDecryptionFailed()
}

/**
 * `setKeyManagementParameters`'s value as the core takes it.
 * @param {unknown} parameters
 */
function keyParameters (parameters) {
  if (parameters === undefined) return undefined
  if (!isObject(parameters)) return false
  const { apu, apv, p2c, p2s, iv } = parameters
  if (apu !== undefined) assertUint8Array(apu, '"apu"')
  if (apv !== undefined) assertUint8Array(apv, '"apv"')
  if (iv !== undefined && !(iv instanceof Uint8Array)) throw new TypeError('"iv" must be an instance of Uint8Array')
  return {
    apu,
    apv,
    p2c: p2c === undefined ? undefined : typeof p2c === 'number' ? p2c : NaN,
    p2s: p2s === undefined ? undefined : p2s instanceof Uint8Array ? p2s : new Uint8Array(),
    iv
  }
}

/**
 * The inputs of one encryption as the core takes them.
 * @param {unknown[]} state [plaintext, protected, unprotected, shared, aad, cek, iv, parameters]
 * @param {Record<string, any> | undefined} options
 * @returns {V6EncryptInput}
 */
function encryptInput (state, options) {
  const [plaintext, protectedHeader, unprotectedHeader, sharedHeader, aad, cek, iv, parameters] = state
  if (aad !== undefined) assertUint8Array(aad, 'JWE Additional Authenticated Data')
  if (cek !== undefined) assertUint8Array(cek, 'JWE Content Encryption Key')
  if (iv !== undefined) assertUint8Array(iv, 'JWE Initialization Vector')
  // jose 6 counts a falsy header as not set when none is set
  const anySet = !!(protectedHeader || unprotectedHeader || sharedHeader)
  return {
    plaintext: /** @type {Uint8Array} */ (plaintext),
    protected: anySet ? headerText(protectedHeader) : undefined,
    unprotected: anySet ? headerText(unprotectedHeader) : undefined,
    sharedUnprotected: anySet ? headerText(sharedHeader) : undefined,
    aad: /** @type {Uint8Array | undefined} */ (aad),
    cek: /** @type {Uint8Array | undefined} */ (cek),
    iv: /** @type {Uint8Array | undefined} */ (iv),
    parameters: keyParameters(parameters),
    crit: critList(options?.crit)
  }
}

/**
 * A flattened JWE in jose 6's member order.
 * @param {import('../binding').V6Encrypted} encrypted
 * @param {unknown} sharedHeader
 */
function flattened (encrypted, sharedHeader) {
  const jwe = /** @type {Record<string, unknown>} */ ({ ciphertext: encrypted.ciphertext })
  if (encrypted.iv != null) jwe.iv = encrypted.iv
  if (encrypted.tag != null) jwe.tag = encrypted.tag
  if (encrypted.encryptedKey != null) jwe.encrypted_key = encrypted.encryptedKey
  if (encrypted.aad != null) jwe.aad = encrypted.aad
  if (encrypted.protected != null) jwe.protected = encrypted.protected
  if (sharedHeader !== undefined) jwe.unprotected = JSON.parse(/** @type {string} */ (headerText(sharedHeader)))
  if (encrypted.header != null) jwe.header = JSON.parse(encrypted.header)
  return jwe
}

/**
 * The ECDH-ES ephemeral key a caller gave (`setKeyManagementParameters({
 * epk })`) as a key argument.
 * @param {unknown} parameters
 */
const epkArg = (parameters) => isObject(parameters) && parameters.epk !== undefined ? keyArg(parameters.epk) : undefined

/**
 * Encrypts one recipient's JWE.
 * @param {unknown[]} state
 * @param {unknown} key
 * @param {Record<string, any> | undefined} options
 */
function encryptOne (state, key, options) {
  const input = encryptInput(state, options)
  const handle = keyArg(key)
  const encrypted = call(binding.v6JweEncrypt, input, handle, epkArg(state[7]))
  used(key, handle)
  return flattened(encrypted, state[3])
}

/**
 * @param {Record<string, unknown>} jwe
 */
const compact = (jwe) => [jwe.protected, jwe.encrypted_key, jwe.iv, jwe.ciphertext, jwe.tag].map((p) => p ?? '').join('.')

class FlattenedEncrypt {
  /** @type {unknown[]} */
  #state

  /** @param {Uint8Array} plaintext */
  constructor (plaintext) {
    assertUint8Array(plaintext, 'plaintext')
    this.#state = [plaintext]
  }

  /** @param {unknown} parameters */
  setKeyManagementParameters (parameters) {
    return setOnce(this, this.#state, 7, parameters, 'setKeyManagementParameters')
  }

  /** @param {unknown} header */
  setProtectedHeader (header) {
    return setOnce(this, this.#state, 1, header, 'setProtectedHeader')
  }

  /** @param {unknown} header */
  setSharedUnprotectedHeader (header) {
    return setOnce(this, this.#state, 3, header, 'setSharedUnprotectedHeader')
  }

  /** @param {unknown} header */
  setUnprotectedHeader (header) {
    return setOnce(this, this.#state, 2, header, 'setUnprotectedHeader')
  }

  /** @param {Uint8Array} aad */
  setAdditionalAuthenticatedData (aad) {
    this.#state[4] = aad
    return this
  }

  /** @param {Uint8Array} cek */
  setContentEncryptionKey (cek) {
    return setOnce(this, this.#state, 5, cek, 'setContentEncryptionKey')
  }

  /** @param {Uint8Array} iv */
  setInitializationVector (iv) {
    return setOnce(this, this.#state, 6, iv, 'setInitializationVector')
  }

  /**
   * @param {unknown} key
   * @param {Record<string, any>} [options]
   */
  async encrypt (key, options) {
    return encryptOne([...this.#state], key, options)
  }
}

class CompactEncrypt {
  /** @type {unknown[]} */
  #state

  /** @param {Uint8Array} plaintext */
  constructor (plaintext) {
    assertUint8Array(plaintext, 'plaintext')
    this.#state = [plaintext]
  }

  /** @param {Uint8Array} cek */
  setContentEncryptionKey (cek) {
    return setOnce(this, this.#state, 5, cek, 'setContentEncryptionKey')
  }

  /** @param {Uint8Array} iv */
  setInitializationVector (iv) {
    return setOnce(this, this.#state, 6, iv, 'setInitializationVector')
  }

  /** @param {unknown} header */
  setProtectedHeader (header) {
    return setOnce(this, this.#state, 1, header, 'setProtectedHeader')
  }

  /** @param {unknown} parameters */
  setKeyManagementParameters (parameters) {
    return setOnce(this, this.#state, 7, parameters, 'setKeyManagementParameters')
  }

  /**
   * @param {unknown} key
   * @param {Record<string, any>} [options]
   */
  async encrypt (key, options) {
    return compact(encryptOne([...this.#state], key, options))
  }
}

class IndividualRecipient {
  #parent
  /** @type {[unknown, unknown, unknown, Record<string, any> | undefined]} */
  state

  /**
   * @param {GeneralEncrypt} parent
   * @param {unknown} key
   * @param {Record<string, any>} [options]
   */
  constructor (parent, key, options) {
    this.#parent = parent
    this.state = [undefined, undefined, key, options]
  }

  /** @param {unknown} header */
  setUnprotectedHeader (header) {
    return setOnce(this, this.state, 0, header, 'setUnprotectedHeader')
  }

  /** @param {unknown} parameters */
  setKeyManagementParameters (parameters) {
    return setOnce(this, this.state, 1, parameters, 'setKeyManagementParameters')
  }

  /** @param {[unknown, Record<string, any>?]} args */
  addRecipient (...args) {
    return this.#parent.addRecipient(...args)
  }

  encrypt () {
    return this.#parent.encrypt()
  }

  done () {
    return this.#parent
  }
}

class GeneralEncrypt {
  #plaintext
  /** @type {IndividualRecipient[]} */
  #recipients = []
  /** @type {unknown[]} [protected header, shared unprotected header] */
  #headers = []
  /** @type {unknown} */
  #aad

  /** @param {Uint8Array} plaintext */
  constructor (plaintext) {
    this.#plaintext = plaintext
  }

  /**
   * @param {unknown} key
   * @param {Record<string, any>} [options]
   */
  addRecipient (key, options) {
    const recipient = new IndividualRecipient(this, key, options)
    this.#recipients.push(recipient)
    return recipient
  }

  /** @param {unknown} header */
  setProtectedHeader (header) {
    return setOnce(this, this.#headers, 0, header, 'setProtectedHeader')
  }

  /** @param {unknown} header */
  setSharedUnprotectedHeader (header) {
    return setOnce(this, this.#headers, 1, header, 'setSharedUnprotectedHeader')
  }

  /** @param {Uint8Array} aad */
  setAdditionalAuthenticatedData (aad) {
    this.#aad = aad
    return this
  }

  async encrypt () {
    if (!this.#recipients.length) throw new errors.JWEInvalid('at least one recipient must be added')
    assertUint8Array(this.#plaintext, 'plaintext')
    const inputs = this.#recipients.map(({ state: [header, parameters, , options] }) =>
      encryptInput([this.#plaintext, this.#headers[0], header, this.#headers[1], this.#aad, undefined, undefined, parameters], { crit: options?.crit }))
    const general = call(() => new binding.V6GeneralEncrypt(inputs))
    const [first, ...others] = this.#recipients.map(({ state: [, , key] }) => key)
    const epks = this.#recipients.map(({ state: [, parameters] }) => epkArg(parameters))
    const handle = keyArg(first)
    const { header, encrypted_key: encryptedKey, ...shared } = flattened(call(() => general.first(handle, epks[0])), this.#headers[1])
    used(first, handle)
    const recipient = /** @type {Record<string, unknown>} */ ({})
    if (encryptedKey !== undefined) recipient.encrypted_key = encryptedKey
    if (header !== undefined) recipient.header = header
    const jwe = { ...shared, recipients: [recipient] }
    for (const [i, key] of others.entries()) {
      const otherHandle = keyArg(key)
      const [otherKey, otherHeader] = call(() => general.other(i + 1, otherHandle, epks[i + 1]))
      used(key, otherHandle)
      const target = /** @type {Record<string, unknown>} */ ({ encrypted_key: otherKey })
      if (otherHeader != null) target.header = JSON.parse(otherHeader)
      jwe.recipients.push(target)
    }
    return jwe
  }
}

module.exports = {
  CompactEncrypt,
  FlattenedEncrypt,
  GeneralEncrypt,
  compactDecrypt,
  flattenedDecrypt,
  generalDecrypt,
  compact,
  decryptOptions,
  encryptOne
}
