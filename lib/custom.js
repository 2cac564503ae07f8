'use strict'

// Operations whose keys are the user's code: a JWK.CustomKey (a KMS
// client), or a JWKS.KeyStore whose `all()` is not the built-in one (an
// application that adds keys lazily, as jose 1.x lets it). That code runs
// on the JS thread and may answer with a Promise, so it cannot be called
// from Rust. The core runs such an operation as a key flow
// (src/node/custom/): each step runs it as far as the answers given so
// far take it and returns the next request (a store's `all(query)`, or a
// key's `sign`, `verify` or `unwrapKey`); this module only asks the key
// and hands back its answer. Key choice, error collection across keys,
// signatures and recipients, and every check are the core's. One driver
// serves the sync API, one its Async twin (whose steps run on the libuv
// thread pool); they differ only in awaiting.
//
// The key's answers are checked before use: `sign` must give bytes (of
// the algorithm's length, which the core checks), `verify` a boolean, and
// a Promise given to a sync API is a TypeError naming the Async twin, so
// no token ever carries a bogus signature. An exception thrown by `sign`
// or `verify` propagates unchanged, also where jose would collect errors
// across keys or signatures: a KMS outage must not read as a bad
// signature. `unwrapKey` is the exception: whatever it does besides giving
// bytes (throw, reject, answer anything else) ends as a wrong key does,
// with a random CEK, or an attacker could tell bad padding from good (RFC
// 7516 section 11.5); the key's `onUnwrapError(error)`, when it has one,
// hears of it afterwards.

const { binding, call, settle } = require('./native')
const { NATIVE } = require('./jwk/key')
const { CustomKey } = require('./jwk/custom')
const { KeyStore } = require('./jwks')
const { jweKey } = require('./keys')

/** @typedef {import('./binding').KeyFlow} KeyFlow */
/** @typedef {import('./binding').KeyRequest} KeyRequest */
/** @typedef {import('./binding').CustomKeyInfo} CustomKeyInfo */

const isThenable = (value) => !!value && typeof value.then === 'function'

const toBuffer = (bytes) => Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)

// --- keys as the flow takes them

/**
 * What jose's rules need to know about a custom key for `method` (the
 * flow's key operation), or undefined for any other key.
 * @returns {CustomKeyInfo | undefined}
 */
function describe (key, method) {
  if (!(key instanceof CustomKey)) return undefined
  // its parameters are the user's subclass's (out of TypeScript's sight)
  const { alg, use, length, unwrapKey } = /** @type {any} */ (key)
  const can = method !== 'unwrapKey' || typeof unwrapKey === 'function'
  return { alg, keyUse: use, length, algorithms: can ? [...key.algorithms(method)] : [] }
}

// A key a store offered, as the operation takes a native key: a verifier
// by its handle (a key without material can do no algorithm), a decrypter
// by its handle or its `alg` and `use`. A custom key's place holds a name.
/** @returns {import('./binding').KeyArg} */
function nativeArg (key, method) {
  if (key instanceof CustomKey) return 'embedded'
  return method === 'unwrapKey' ? jweKey(key) : key[NATIVE] || 'embedded'
}

// --- asking the keys

/**
 * The call a request names, made on the flow's key list.
 * @param {any[]} keys
 * @param {KeyRequest} request
 */
function ask (keys, { key, method, alg, data, signature, query }) {
  const target = keys[key]
  if (method === 'all') {
    const { kid, alg, key_ops: keyOps } = JSON.parse(/** @type {string} */ (query))
    return target.all({ kid, alg, key_ops: keyOps })
  }
  if (method === 'verify') return target.verify(alg, data, signature)
  return target[method](alg, data)
}

const WANTED = {
  sign: 'the signature as a Buffer or Uint8Array',
  verify: 'a boolean',
  unwrapKey: 'the CEK as a Buffer or Uint8Array'
}

const wrongAnswer = (key, method) => new TypeError(`${key.constructor.name}#${method}() must return ${WANTED[method]}`)

// A failed unwrapKey: the flow gets no CEK (a random one follows), and the
// key's onUnwrapError hears of it once this call is over, out of the
// caller's way; whatever the hook does stays there.
function quietly (key, err) {
  if (typeof key.onUnwrapError !== 'function') return undefined
  process.nextTick(() => {
    try {
      Promise.resolve(key.onUnwrapError(err)).catch(() => {})
    } catch {}
  })
  return undefined
}

/**
 * Hands the key's answer to the flow, checked; a store's keys join the
 * flow's key list.
 * @param {KeyFlow} flow
 * @param {any[]} keys
 * @param {'sign' | 'verify' | 'unwrapKey'} operation the flow's key operation
 * @param {KeyRequest} request
 */
function give (flow, keys, operation, { key, method }, value) {
  const target = keys[key]
  if (method === 'all') {
    if (!Array.isArray(value)) throw new TypeError(`${target.constructor.name}#all() must return an array of keys`)
    const natives = value.map((k) => nativeArg(k, operation))
    keys.push(...value)
    return call(() => flow.answerKeys(natives, value.map((k) => describe(k, operation))))
  }
  if (method === 'verify') {
    if (typeof value !== 'boolean') throw wrongAnswer(target, method)
    return call(() => flow.answerVerdict(value))
  }
  if (value instanceof Uint8Array) return call(() => flow.answerBytes(toBuffer(value)))
  if (method === 'sign') throw wrongAnswer(target, method)
  return call(() => flow.answerBytes(quietly(target, wrongAnswer(target, method))))
}

// --- drivers

/**
 * Runs `flow` now; `names` are the API called and its Async twin.
 * @param {KeyFlow} flow
 * @param {any[]} keys
 * @param {'sign' | 'verify' | 'unwrapKey'} operation
 */
function runSync (flow, keys, operation, { api, twin }) {
  for (let request = call(() => flow.step()); request; request = call(() => flow.step())) {
    let value
    try {
      value = ask(keys, request)
    } catch (err) {
      if (request.method !== 'unwrapKey') throw err
      call(() => flow.answerBytes(quietly(keys[request.key], err)))
      continue
    }
    if (isThenable(value)) {
      // nobody will wait for it; its failure must not go unhandled
      Promise.resolve(value).catch(() => {})
      throw new TypeError(`${api}: this key's ${request.method}() returned a Promise; use ${twin}`)
    }
    give(flow, keys, operation, request, value)
  }
}

/**
 * @param {KeyFlow} flow
 * @param {any[]} keys
 * @param {'sign' | 'verify' | 'unwrapKey'} operation
 */
async function runAsync (flow, keys, operation) {
  const step = () => settle(call(() => flow.stepAsync()))
  for (let request = await step(); request; request = await step()) {
    let value
    try {
      value = await ask(keys, request)
    } catch (err) {
      if (request.method !== 'unwrapKey') throw err
      call(() => flow.answerBytes(quietly(keys[request.key], err)))
      continue
    }
    give(flow, keys, operation, request, value)
  }
}

// The key that verified or decrypted, by its place in the flow's key list.
function withKey (out, keys) {
  if (typeof out === 'object' && out !== null && !Buffer.isBuffer(out) && typeof out.keyIndex === 'number') {
    out.key = keys[out.keyIndex]
  }
  return out
}

// The flow's first key: a custom key, or a store whose all() is asked.
const first = (key, method) => key instanceof KeyStore ? undefined : describe(key, method)

// --- operations

/**
 * An operation's sync form and Async twin: `start(input, key)` makes its
 * flow and the flow's key list, `operation` is the key operation its keys
 * are asked for, `result(flow, extra)` reads what it returns.
 * @param {(input: any, key: any) => { flow: KeyFlow, keys: any[] }} start
 * @param {'sign' | 'verify' | 'unwrapKey'} operation
 * @param {(flow: KeyFlow, extra?: any) => any} result
 */
function operation (start, operation, result) {
  return {
    now (input, key, names, extra) {
      const { flow, keys } = start(input, key)
      runSync(flow, keys, operation, names)
      return withKey(call(() => result(flow, extra)), keys)
    },
    async later (input, key, extra) {
      const { flow, keys } = start(input, key)
      await runAsync(flow, keys, operation)
      return withKey(call(() => result(flow, extra)), keys)
    }
  }
}

// JWS.Sign's native arguments, custom keys in place of their handles.
const SIGN = operation(([payload, keys, protectedHeaders, headers, serialization]) => {
  const natives = keys.map((key) => key instanceof CustomKey ? 'embedded' : key)
  const described = keys.map((key) => describe(key, 'sign'))
  return { flow: call(binding.keyFlowSign, payload, natives, described, protectedHeaders, headers, serialization), keys }
}, 'sign', (flow) => flow.signResult())

// JWS.verify's native arguments.
const VERIFY_JWS = operation(([input, json, , , settings, payload], key) => ({
  flow: call(binding.keyFlowJwsVerify, input, json, settings, payload, first(key, 'verify')),
  keys: [key]
}), 'verify', (flow) => flow.jwsResult())

// JWT.verify's prepared verification.
const VERIFY_JWT = operation((verification, key) => ({
  flow: call(() => verification.keyFlow(first(key, 'verify'))),
  keys: [key]
}), 'verify', (flow, complete) => flow.jwtResult(complete))

// JWE.decrypt's native arguments.
const DECRYPT = operation(([input, json, , , settings], key) => ({
  flow: call(binding.keyFlowJweDecrypt, input, json, settings, first(key, 'unwrapKey')),
  keys: [key]
}), 'unwrapKey', (flow) => flow.jweResult())

/**
 * A verify or decrypt API and its Async twin from one job maker: the
 * one-call native export (`now`, `later`) when only native keys take
 * part, else the key flow (`flow`); `names` for the sync API's TypeError.
 * @param {(...args: any[]) => { args: any[], custom: boolean, key: any, finish: (out: any) => any }} makeJob
 * @param {[(...args: any[]) => any, (...args: any[]) => any]} natives
 * @param {{ now: Function, later: Function }} flow
 * @param {{ api: string, twin: string }} names
 */
function twins (makeJob, [now, later], flow, names) {
  return [
    (...input) => {
      const job = makeJob(...input)
      return job.finish(job.custom ? flow.now(job.args, job.key, names) : call(now, ...job.args))
    },
    async (...input) => {
      const job = makeJob(...input)
      return job.finish(job.custom ? await flow.later(job.args, job.key) : await settle(call(later, ...job.args)))
    }
  ]
}

module.exports = {
  twins,
  VERIFY_JWS,
  DECRYPT,
  isCustom: (key) => key instanceof CustomKey,
  sign: (args, names) => SIGN.now(args, undefined, names),
  signAsync: (args) => SIGN.later(args, undefined),
  verifyJWT: (verification, key, complete, names) => VERIFY_JWT.now(verification, key, names, complete),
  verifyJWTAsync: (verification, key, complete) => VERIFY_JWT.later(verification, key, complete)
}
