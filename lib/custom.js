'use strict'

// Operations whose keys are the user's code: a JWK.CustomKey (a KMS
// client), or a JWKS.KeyStore whose `all()` is not the built-in one (an
// application that adds keys lazily, as jose 1.x lets it). That code runs
// on the JS thread and may answer with a Promise, so it cannot be called
// from Rust. Each operation is therefore a generator of steps: native
// steps (jose's checks up to the key choice or the key operation, then the
// rest) and calls into the user's code. One generator serves the sync API
// and its Async twin; the two drivers below differ only in awaiting.
// Native keys in plain stores keep their one-call paths.
//
// The key's answers are checked before use: `sign` must give bytes of the
// algorithm's length, `verify` a boolean, and a Promise given to a sync API
// is a TypeError naming the Async twin, so no token ever carries a bogus
// signature. An exception thrown by `sign` or `verify` propagates
// unchanged, also where jose would collect errors across keys or
// signatures: a KMS outage must not read as a bad signature. `unwrapKey`
// is the exception: whatever it does besides giving bytes (throw, reject,
// answer anything else) ends as a wrong key does, with a random CEK, or an
// attacker could tell bad padding from good (RFC 7516 section 11.5); the
// key's `onUnwrapError(error)`, when it has one, hears of it afterwards.

const errors = require('./errors')
const { binding, call, settle, translate } = require('./native')
const { NATIVE } = require('./jwk/key')
const { CustomKey } = require('./jwk/custom')
const { KeyStore } = require('./jwks')
const { jweKey } = require('./keys')

/** @typedef {import('./binding').SignatureCheck} SignatureCheck */
/** @typedef {import('./binding').JwtVerification} JwtVerification */
/** @typedef {import('./binding').JweDecryptPending} JweDecryptPending */

// An error the native side handed over as a value, as jose's class.
const fromNative = (encoded) => translate(new Error(encoded))

// The key management algorithms an `unwrapKey(alg, encryptedKey)` hook can
// do: those that decrypt an Encrypted Key with the private key alone.
const UNWRAP_ALGORITHMS = new Set(['RSA-OAEP', 'RSA-OAEP-256', 'RSA1_5'])

// --- steps and drivers

// A call into the key: key[method](...args).
const keyCall = (key, method, ...args) => ({ key, method, args })
// A call whose failure the flow must not show: unwrapKey. The driver hands
// back undefined for any throw, rejection or answer that is not bytes, and
// tells the key's onUnwrapError (see quietly()).
const quietCall = (key, method, ...args) => ({ key, method, args, quiet: true })
// A store's own `all(query)`, called as jose calls it.
const storeCall = (store, query) => ({ key: store, method: 'all', args: [query], store: true })
// A native step: `now()` for the sync API, `later()` (a Promise) for the
// Async twin, which does the work on the libuv thread pool.
const nativeStep = (now, later) => ({ now, later })

const isThenable = (value) => !!value && typeof value.then === 'function'

const toBuffer = (bytes) => Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)

const WANTED = {
  sign: 'the signature as a Buffer or Uint8Array',
  verify: 'a boolean',
  unwrapKey: 'the CEK as a Buffer or Uint8Array'
}

// The key's answer, checked.
function answer ({ key, method, store }, value) {
  if (store) {
    if (!Array.isArray(value)) throw new TypeError(`${key.constructor.name}#all() must return an array of keys`)
    return value
  }
  if (method === 'verify' ? typeof value === 'boolean' : value instanceof Uint8Array) {
    return method === 'verify' ? value : toBuffer(value)
  }
  throw new TypeError(`${key.constructor.name}#${method}() must return ${WANTED[method]}`)
}

// A quiet call's failure: the flow gets undefined (a random CEK follows),
// and the key's onUnwrapError hears of it once this call is over, out of
// the caller's way; whatever the hook does stays there.
function quietly (key, err) {
  if (typeof key.onUnwrapError !== 'function') return undefined
  process.nextTick(() => {
    try {
      Promise.resolve(key.onUnwrapError(err)).catch(() => {})
    } catch {}
  })
  return undefined
}

const quietAnswer = (request, value) => value instanceof Uint8Array
  ? toBuffer(value)
  : quietly(request.key, new TypeError(`${request.key.constructor.name}#${request.method}() must return ${WANTED[request.method]}`))

// Runs `flow` now; `names` are the API called and its Async twin. A native
// step's error goes back into the flow, which may collect it as jose
// collects errors across keys and recipients; the key's own errors end the
// flow where they are thrown.
function runSync (flow, { api, twin }) {
  let step = flow.next()
  while (!step.done) {
    const request = step.value
    if (request.now) {
      let value
      try {
        value = request.now()
      } catch (err) {
        step = flow.throw(err)
        continue
      }
      step = flow.next(value)
      continue
    }
    let value
    try {
      value = request.key[request.method](...request.args)
    } catch (err) {
      if (!request.quiet) throw err
      step = flow.next(quietly(request.key, err))
      continue
    }
    if (isThenable(value)) {
      // nobody will wait for it; its failure must not go unhandled
      Promise.resolve(value).catch(() => {})
      throw new TypeError(`${api}: this key's ${request.method}() returned a Promise; use ${twin}`)
    }
    step = flow.next(request.quiet ? quietAnswer(request, value) : answer(request, value))
  }
  return step.value
}

async function runAsync (flow) {
  let step = flow.next()
  while (!step.done) {
    const request = step.value
    if (request.later) {
      let value
      try {
        value = await request.later()
      } catch (err) {
        step = flow.throw(err)
        continue
      }
      step = flow.next(value)
      continue
    }
    if (!request.quiet) {
      step = flow.next(answer(request, await request.key[request.method](...request.args)))
      continue
    }
    let value
    try {
      value = await request.key[request.method](...request.args)
    } catch (err) {
      step = flow.next(quietly(request.key, err))
      continue
    }
    step = flow.next(quietAnswer(request, value))
  }
  return step.value
}

// jose's error when several signatures or recipients all failed: a
// verification (decryption) failure if any got that far, no matching key
// if none found one, else all of them. Several keys for one signature or
// recipient fail the same way but for the no-matching-key case, which the
// store's answer already settled (`acrossKeys`).
function aggregate (errs, Failed, acrossKeys = false) {
  if (errs.some((e) => e instanceof Failed)) return new Failed()
  if (!acrossKeys && errs.every((e) => e instanceof errors.JWKSNoMatchingKey)) return new errors.JWKSNoMatchingKey()
  return new errors.JOSEMultiError(errs)
}

// Runs `attempt` (a generator function) on each item until one succeeds;
// one item reports its own error, as jose does.
function * firstOf (items, attempt, Failed, acrossKeys) {
  if (items.length === 1) return yield * attempt(items[0], 0)
  const errs = []
  for (const [index, item] of items.entries()) {
    try {
      return yield * attempt(item, index)
    } catch (err) {
      errs.push(err)
    }
  }
  throw aggregate(errs, Failed, acrossKeys)
}

// The keys a store offers for `query` (jose's order and results), or
// JWKSNoMatchingKey.
function * storeKeys (store, query) {
  const keys = yield storeCall(store, query)
  if (!keys.length) throw new errors.JWKSNoMatchingKey()
  return keys
}

// --- signing

// What jose's signing rules need to know about a custom key.
function signer (key) {
  const algorithms = [...key.algorithms('sign')]
  return {
    defaultAlg: key.alg || algorithms[0],
    encUse: key.use === 'enc',
    algorithms,
    modulusLength: key.length
  }
}

/**
 * `args` are JWS.Sign's native arguments, custom keys in place of handles.
 * @param {import('./jws').SignArgs} args
 */
function * signFlow ([payload, keys, protectedHeaders, headers, serialization]) {
  const natives = keys.map((key) => key instanceof CustomKey ? 'embedded' : key)
  const custom = keys.map((key) => key instanceof CustomKey ? signer(key) : null)
  /** @type {Parameters<typeof binding.jwsSignPrepare>} */
  const prepared = [payload, natives, custom, protectedHeaders, headers, serialization]
  /** @type {import('./binding').JwsSignPending} */
  const pending = yield nativeStep(
    () => call(binding.jwsSignPrepare, ...prepared),
    () => settle(call(binding.jwsSignPrepareAsync, ...prepared))
  )
  const signatures = []
  for (const { index, alg, input } of pending.requests()) {
    signatures.push(yield keyCall(keys[index], 'sign', alg, input))
  }
  return call(() => pending.finish(signatures))
}

// --- verification

// A signature checked natively up to its keys (`check`), with how a
// native key verifies it in place and where a custom key gets its bytes:
// a JWS's come with the check, a JWT's from its prepared verification.
/** @param {SignatureCheck} check */
const jwsSignature = (check) => ({
  check,
  verifyNative: (handle) => call(binding.jwsVerifySignature, handle, check.alg, check.input, check.signature),
  bytes: () => [check.input, check.signature]
})

/** @param {JwtVerification} verification */
const jwtSignature = (verification) => ({
  check: call(() => verification.pendingSignature()),
  verifyNative: (handle) => call(() => verification.verifyWith(handle)),
  bytes: () => call(() => verification.signedBytes())
})

// One candidate key's verdict on a signature.
function * verifyWith (key, { check, verifyNative, bytes }) {
  if (!check.algKnown) {
    throw new errors.JOSENotSupported(`unsupported verify alg: ${check.alg}`)
  }
  if (key instanceof CustomKey) {
    // `none` belongs to JWK.None alone, whatever a custom key lists.
    if (check.alg === 'none' || !key.algorithms('verify').has(check.alg)) {
      throw new errors.JWKKeySupport(`the key does not support ${check.alg} verify algorithm`)
    }
    return yield keyCall(key, 'verify', check.alg, ...bytes())
  }
  if (key[NATIVE]) return verifyNative(key[NATIVE])
  // a key without material (an `oct` reference) can do no algorithm
  throw new errors.JWKKeySupport(`the key does not support ${check.alg} verify algorithm`)
}

// One signature, checked natively up to its keys, with jose's key choice
// and errors: a KeyStore's `all({ kid, alg, key_ops: ['verify'] })`, and
// with several candidates a verification failure if any got that far.
// Returns the key that verified.
function * verifyOne (signature, key) {
  const { check } = signature
  if (check.error) throw fromNative(check.error)
  let keys = [key]
  if (key instanceof KeyStore) {
    const header = JSON.parse(check.header)
    keys = yield * storeKeys(key, { kid: header.kid, alg: header.alg, key_ops: ['verify'] })
  }
  return yield * firstOf(keys, function * (candidate) {
    // a signature that is not base64url cannot be the right one (a
    // non-string alg is refused first, by verifyWith)
    if (check.algIsString && !check.hasSignature) throw new errors.JWSVerificationFailed()
    if (yield * verifyWith(candidate, signature)) return candidate
    throw new errors.JWSVerificationFailed()
  }, errors.JWSVerificationFailed, true)
}

/**
 * JWS.verify's native arguments; returns what the native verifier would,
 * with the store's key that verified as `key`.
 * @param {Parameters<typeof binding.jwsVerify>} args
 */
function * verifyJWSFlow ([input, json, , , options, payload], key) {
  const checks = call(binding.jwsVerifyPrepare, input, json, options, payload)
  /** @type {SignatureCheck} */
  let check
  let used
  yield * firstOf(checks, function * (candidate) {
    used = yield * verifyOne(jwsSignature(candidate), key)
    check = candidate
  }, errors.JWSVerificationFailed)
  if (check.payloadError) throw fromNative(check.payloadError)
  return {
    payload: check.payload,
    unencoded: check.unencoded,
    protected: check.protected,
    header: check.unprotected,
    key: used
  }
}

/**
 * JWT.verify after its options and token: the signature here, then the
 * claims natively. Returns what the native run would: the payload's text,
 * or with `complete` every part and the key that verified.
 * @param {JwtVerification} verification
 * @param {boolean} complete
 */
function * verifyJWTFlow (verification, key, complete) {
  const used = yield * verifyOne(jwtSignature(verification), key)
  const out = call(() => verification.claims(complete))
  if (!complete) return out
  // with `complete`, every part rather than the payload's text
  const parts = /** @type {import('./binding').JwtVerified} */ (out)
  return { ...parts, key: used }
}

// --- decryption

// What jose's decryption rules need to know about a custom key.
const unwrapper = (key) => ({
  alg: key.alg,
  keyUse: key.use,
  algorithms: typeof key.unwrapKey === 'function'
    ? [...key.algorithms('unwrapKey')].filter((alg) => UNWRAP_ALGORITHMS.has(alg))
    : []
})

/**
 * One recipient with one key: natively for a native key; for a custom key
 * the CEK comes from its `unwrapKey` (quietly: any failure there is a
 * random CEK natively, so it ends as a wrong key does) and the content is
 * decrypted natively.
 * @param {JweDecryptPending} pending
 * @param {number} index
 */
function * openWith (pending, index, key) {
  if (!(key instanceof CustomKey)) {
    const native = jweKey(key)
    return yield nativeStep(
      () => call(() => pending.decryptWith(index, native)),
      () => settle(call(() => pending.decryptWithAsync(index, native)))
    )
  }
  const unwrap = call(() => pending.unwrapRequest(index, unwrapper(key)))
  const cek = unwrap.encryptedKey
    ? yield quietCall(key, 'unwrapKey', unwrap.alg, unwrap.encryptedKey)
    : undefined
  return yield nativeStep(
    () => call(() => unwrap.open(cek)),
    () => settle(call(() => unwrap.openAsync(cek)))
  )
}

/**
 * One recipient: its checks' error, or the keys jose would try for it (a
 * store's `all()` answer) each in turn. Returns the result and the key.
 * @param {JweDecryptPending} pending
 * @param {import('./binding').RecipientCheck} recipient
 * @param {number} index
 */
function * openOne (pending, recipient, index, key) {
  if (recipient.error) throw fromNative(recipient.error)
  let keys = [key]
  if (key instanceof KeyStore) {
    const header = JSON.parse(recipient.header)
    keys = yield * storeKeys(key, header.alg === 'dir'
      ? { kid: header.kid, alg: header.enc, key_ops: ['decrypt'] }
      : { kid: header.kid, alg: header.alg, key_ops: ['unwrapKey'] })
  }
  return yield * firstOf(keys, function * (candidate) {
    return { ...(yield * openWith(pending, index, candidate)), key: candidate }
  }, errors.JWEDecryptionFailed, true)
}

/**
 * JWE.decrypt's native arguments and a custom key or a store; returns what
 * the native decrypter would, with the key that decrypted as `key`.
 * @param {Parameters<typeof binding.jweDecrypt>} args
 */
function * decryptFlow ([input, json, , , options], key) {
  const pending = call(binding.jweDecryptPrepare, input, json, options)
  return yield * firstOf(pending.recipients(), (recipient, index) => openOne(pending, recipient, index, key),
    errors.JWEDecryptionFailed)
}

module.exports = {
  isCustom: (key) => key instanceof CustomKey,
  sign: (args, names) => runSync(signFlow(args), names),
  signAsync: (args) => runAsync(signFlow(args)),
  verifyJWS: (args, key, names) => runSync(verifyJWSFlow(args, key), names),
  verifyJWSAsync: (args, key) => runAsync(verifyJWSFlow(args, key)),
  verifyJWT: (verification, key, complete, names) => runSync(verifyJWTFlow(verification, key, complete), names),
  verifyJWTAsync: (verification, key, complete) => runAsync(verifyJWTFlow(verification, key, complete)),
  decrypt: (args, key, names) => runSync(decryptFlow(args, key), names),
  decryptAsync: (args, key) => runAsync(decryptFlow(args, key))
}
