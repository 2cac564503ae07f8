'use strict'

// Signing, verifying and decrypting with JWK.CustomKey. The key's code is
// the user's (a KMS client): it runs on the JS thread and may answer with
// a Promise, so it cannot be called from Rust. Each operation is therefore
// a generator of steps: native steps (jose's checks up to the key
// operation, then the rest) and calls into the key. One generator serves
// the sync API and its Async twin; the two drivers below differ only in
// awaiting. Native keys keep their one-call paths; only calls that involve
// a custom key come here.
//
// The key's answers are checked before use: `sign` and `unwrapKey` must
// give bytes, `verify` a boolean, and a Promise given to a sync API is a
// TypeError naming the Async twin, so no token ever carries a bogus
// signature. An exception thrown by the key's code propagates unchanged,
// also where jose would collect errors across keys or signatures: a KMS
// outage must not read as a bad signature.

const errors = require('./errors')
const { binding, call, translate } = require('./native')
const { NATIVE } = require('./jwk/key')
const { CustomKey } = require('./jwk/custom')
const { KeyStore } = require('./jwks')

// Rejects with jose's class for a native Promise's failure.
const settle = (promise) => promise.catch((err) => { throw translate(err) })

// An error the native side handed over as a value, as jose's class.
const fromNative = (encoded) => translate(new Error(encoded))

// The key management algorithms an `unwrapKey(alg, encryptedKey)` hook can
// do: those that decrypt an Encrypted Key with the private key alone.
const UNWRAP_ALGORITHMS = new Set(['RSA-OAEP', 'RSA-OAEP-256', 'RSA1_5'])

// --- steps and drivers

// A call into the key: key[method](...args).
const keyCall = (key, method, ...args) => ({ key, method, args })
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
function answer ({ key, method }, value) {
  if (method === 'verify' ? typeof value === 'boolean' : value instanceof Uint8Array) {
    return method === 'verify' ? value : toBuffer(value)
  }
  throw new TypeError(`${key.constructor.name}#${method}() must return ${WANTED[method]}`)
}

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
    const value = request.key[request.method](...request.args)
    if (isThenable(value)) {
      // nobody will wait for it; its failure must not go unhandled
      Promise.resolve(value).catch(() => {})
      throw new TypeError(`${api}: this key's ${request.method}() returned a Promise; use ${twin}`)
    }
    step = flow.next(answer(request, value))
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
    step = flow.next(answer(request, await request.key[request.method](...request.args)))
  }
  return step.value
}

// jose's error when several signatures or recipients all failed: a
// verification (decryption) failure if any got that far, no matching key
// if none found one, else all of them.
function aggregate (errs, Failed) {
  if (errs.some((e) => e instanceof Failed)) return new Failed()
  if (errs.every((e) => e instanceof errors.JWKSNoMatchingKey)) return new errors.JWKSNoMatchingKey()
  return new errors.JOSEMultiError(errs)
}

// --- signing

// What jose's signing rules need to know about a custom key.
function signer (key) {
  const algorithms = [...key.algorithms('sign')]
  return { defaultAlg: key.alg || algorithms[0], encUse: key.use === 'enc', algorithms }
}

// `args` are JWS.Sign's native arguments, custom keys in place of handles.
function * signFlow ([payload, keys, protectedHeaders, headers, serialization]) {
  const natives = keys.map((key) => key instanceof CustomKey ? 'embedded' : key)
  const custom = keys.map((key) => key instanceof CustomKey ? signer(key) : null)
  const prepared = [payload, natives, custom, protectedHeaders, headers, serialization]
  const pending = yield nativeStep(
    () => call(binding.jwsSignPrepare, ...prepared),
    () => settle(call(binding.jwsSignPrepareAsync, ...prepared))
  )
  const signatures = []
  for (const { index, alg, input } of pending.requests()) {
    signatures.push(yield keyCall(keys[index], 'sign', alg, input))
  }
  const out = call(() => pending.finish(signatures))
  return serialization === 'compact' ? out : JSON.parse(out)
}

// --- verification

// One candidate key's verdict on a checked signature.
function * verifyWith (key, check) {
  if (key instanceof CustomKey) {
    if (!check.algKnown) {
      throw new errors.JOSENotSupported(`unsupported verify alg: ${check.alg}`)
    }
    // `none` belongs to JWK.None alone, whatever a custom key lists.
    if (check.alg === 'none' || !key.algorithms('verify').has(check.alg)) {
      throw new errors.JWKKeySupport(`the key does not support ${check.alg} verify algorithm`)
    }
    return yield keyCall(key, 'verify', check.alg, check.input, check.signature)
  }
  if (key[NATIVE]) {
    return call(binding.jwsVerifySignature, key[NATIVE], check.alg, check.input, check.signature)
  }
  // a key without material (an `oct` reference) can do no algorithm
  throw new errors.JWKKeySupport(`the key does not support ${check.alg} verify algorithm`)
}

// One signature, checked natively up to its keys, with jose's key choice
// and errors: a KeyStore's `all({ kid, alg, key_ops: ['verify'] })`, and
// with several candidates a verification failure if any got that far.
// Returns the key that verified.
function * verifyOne (check, key, store) {
  if (check.error) throw fromNative(check.error)
  let keys = [key]
  if (store) {
    const header = JSON.parse(check.header)
    keys = store.all({ kid: header.kid, alg: header.alg, key_ops: ['verify'] })
    if (!keys.length) throw new errors.JWKSNoMatchingKey()
  }
  // a signature that is not base64url cannot be the right one
  if (!check.signature) throw new errors.JWSVerificationFailed()
  const errs = []
  for (const candidate of keys) {
    try {
      if (yield * verifyWith(candidate, check)) return candidate
      errs.push(new errors.JWSVerificationFailed())
    } catch (err) {
      errs.push(err)
    }
  }
  if (keys.length === 1) throw errs[0]
  throw errs.some((e) => e instanceof errors.JWSVerificationFailed)
    ? new errors.JWSVerificationFailed()
    : new errors.JOSEMultiError(errs)
}

// A snapshot of the store's keys to choose from, so that the index handed
// back matches the list the facade shapes the result with.
const storeOf = (key, storeKeys) => key instanceof KeyStore ? new KeyStore(storeKeys) : undefined

// JWS.verify's native arguments; returns what the native verifier would,
// with `keyIndex` into `storeKeys`.
function * verifyJWSFlow ([input, json, , , algorithms, crit], key, storeKeys) {
  const checks = call(binding.jwsVerifyPrepare, input, json, algorithms, crit)
  const store = storeOf(key, storeKeys)
  let check, used
  if (checks.length === 1) {
    // a single signature reports its own error, as jose does
    check = checks[0]
    used = yield * verifyOne(check, key, store)
  } else {
    const errs = []
    for (const candidate of checks) {
      try {
        used = yield * verifyOne(candidate, key, store)
        check = candidate
        break
      } catch (err) {
        errs.push(err)
      }
    }
    if (!check) throw aggregate(errs, errors.JWSVerificationFailed)
  }
  if (check.payloadError) throw fromNative(check.payloadError)
  return {
    payload: check.payload,
    unencoded: check.unencoded,
    protected: check.protected,
    header: check.unprotected,
    keyIndex: store ? storeKeys.indexOf(used) : null
  }
}

// JWT.verify after its options and token: the signature here, then the
// claims natively. Returns what the native run would.
function * verifyJWTFlow (verification, key, storeKeys) {
  const check = call(() => verification.pendingSignature())
  const store = storeOf(key, storeKeys)
  const used = yield * verifyOne(check, key, store)
  const { parts } = call(() => verification.claims())
  return { parts, keyIndex: store ? storeKeys.indexOf(used) : null }
}

// --- decryption

// One recipient: its checks' error, or the CEK from the key's `unwrapKey`
// and the content decrypted with it (natively; a missing CEK or one of the
// wrong length becomes a random one there, so RSA1_5 padding failures end
// in the same error as a wrong key).
function * openOne (pending, recipient, index, key) {
  if (recipient.error) throw fromNative(recipient.error)
  const cek = recipient.encryptedKey
    ? yield keyCall(key, 'unwrapKey', recipient.alg, recipient.encryptedKey)
    : null
  return yield nativeStep(
    () => call(() => pending.open(index, cek)),
    () => settle(call(() => pending.openAsync(index, cek)))
  )
}

// JWE.decrypt's native arguments and a custom key; returns what the native
// decrypter would.
function * decryptFlow ([input, json, , , algorithms, crit, maxCount, maxInflatedSize], key) {
  const unwrapper = {
    alg: key.alg,
    keyUse: key.use,
    algorithms: typeof key.unwrapKey === 'function'
      ? [...key.algorithms('unwrapKey')].filter((alg) => UNWRAP_ALGORITHMS.has(alg))
      : []
  }
  const pending = call(binding.jweDecryptPrepare, input, json, algorithms, crit, maxCount, maxInflatedSize, unwrapper)
  const recipients = pending.recipients()
  // one recipient reports its own error, as jose does
  if (recipients.length === 1) return yield * openOne(pending, recipients[0], 0, key)
  const errs = []
  for (const [index, recipient] of recipients.entries()) {
    try {
      return yield * openOne(pending, recipient, index, key)
    } catch (err) {
      errs.push(err)
    }
  }
  throw aggregate(errs, errors.JWEDecryptionFailed)
}

module.exports = {
  isCustom: (key) => key instanceof CustomKey,
  sign: (args, names) => runSync(signFlow(args), names),
  signAsync: (args) => runAsync(signFlow(args)),
  verifyJWS: (args, key, storeKeys, names) => runSync(verifyJWSFlow(args, key, storeKeys), names),
  verifyJWSAsync: (args, key, storeKeys) => runAsync(verifyJWSFlow(args, key, storeKeys)),
  verifyJWT: (verification, key, storeKeys, names) => runSync(verifyJWTFlow(verification, key, storeKeys), names),
  verifyJWTAsync: (verification, key, storeKeys) => runAsync(verifyJWTFlow(verification, key, storeKeys)),
  decrypt: (args, key, names) => runSync(decryptFlow(args, key), names),
  decryptAsync: (args, key) => runAsync(decryptFlow(args, key))
}
