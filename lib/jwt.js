'use strict'

// JWT: jose 1.x's JWT.sign, verify and decode, the profile shorthands and
// JARM, each verify with an Async twin. Option checks and claim rules run
// natively; this file hands the options over as JSON (lib/options.js),
// lays the claims over the payload as jose's object spread does, and shapes
// the results.

const JWS = require('./jws')
const { binding, call, settle, translate } = require('./native')
const { getKey, verificationKeys, usedKey } = require('./keys')
const { Key, NATIVE, HANDLE } = require('./jwk/key')
const curves = require('./jwk/curves')
const jarm = require('./jarm')
const { stringify, isObject } = require('./json')
const custom = require('./custom')
const { signOptionsJSON, verifyOptionsJSON } = require('./options')

/** @typedef {import('./jwk/key').AnyKey} AnyKey */

const CLAIMS = ['sub', 'aud', 'iss', 'jti', 'iat', 'nonce', 'exp', 'nbf']

const own = (object, name) => Object.prototype.hasOwnProperty.call(object, name)

// Without an explicit choice the kid goes in for asymmetric keys only.
const includesKid = (kid, key) => typeof kid === 'boolean' ? kid : !key.secret

// jose's protected header: the `header` option, with the `algorithm`
// option and (when included) the key's kid laid over it.
const protectedHeaderOf = (header, options, key, includeKid) =>
  ({ ...header, alg: options.algorithm || header.alg, kid: includeKid ? key.kid : header.kid })

// JWS.sign's arguments for JWT.sign's, with jose's checks in jose's order:
// options, payload, timespans (natively), then the key.
function signArgs (payload, key, options = {}) {
  if (!isObject(options)) {
    throw new TypeError('options must be an object')
  }
  const claims = JSON.parse(call(binding.jwtSignClaims, signOptionsJSON(options), isObject(payload)))
  // jose's `{ ...payload, sub: subject || payload.sub, ... }`: a claim the
  // payload already has keeps its place, new ones follow in this order.
  const claimsSet = { ...payload }
  for (const name of CLAIMS) {
    claimsSet[name] = own(claims, name) ? claims[name] : payload[name]
  }
  key = getKey(key)
  const { header = {}, kid } = options
  const text = stringify(claimsSet, () => new TypeError('payload argument could not be serialized to JSON'), false)
  return [text, key, protectedHeaderOf(header, options, key, includesKid(kid, key))]
}

// What the sync APIs name in their TypeError for a custom key that
// answered with a Promise.
const SIGN = { api: 'JWT.sign', twin: 'JWT.signAsync' }
const VERIFY = { api: 'JWT.verify', twin: 'JWT.verifyAsync' }

// Whether the payload has its own member for a claim the options set
// (`iat` unless `iat: false`): jose's spread keeps that member's place,
// which appending the claims to the payload's JSON text cannot do.
const ownClaim = (payload, o) =>
  (o.iat !== false && own(payload, 'iat')) ||
  (o.subject !== undefined && own(payload, 'sub')) ||
  (o.audience !== undefined && own(payload, 'aud')) ||
  (o.issuer !== undefined && own(payload, 'iss')) ||
  (o.jti !== undefined && own(payload, 'jti')) ||
  (o.nonce !== undefined && own(payload, 'nonce')) ||
  (o.expiresIn !== undefined && own(payload, 'exp')) ||
  (o.notBefore !== undefined && own(payload, 'nbf'))

// What fastSign returns when the call is not its case.
const STEPWISE = Symbol('stepwise')

/**
 * JWT.sign's common case in one native call (`signFn`, jwtSign or its
 * Async twin): a plain-object payload with none of the claims the options
 * set as its own members (so the claims are appended to its JSON text,
 * where jose's spread puts them) and a key with material. The native side
 * checks the options in jose's order; anything else is STEPWISE, for
 * signArgs, whose checks come in jose's order across both sides. Without a
 * `header` option the native side writes the protected header itself
 * (`alg` from the checked options, then the key's `kid` if asked).
 * @param {typeof binding.jwtSign | typeof binding.jwtSignAsync} signFn
 */
function fastSign (signFn, payload, key, options = {}) {
  if (!isObject(options) || !isObject(payload) || !(key instanceof Key) || !key[NATIVE]) return STEPWISE
  if (typeof payload.toJSON === 'function' || ownClaim(payload, options)) return STEPWISE
  const { header, kid } = options
  if (header !== undefined && !isObject(header)) return STEPWISE
  const includeKid = includesKid(kid, key)
  // a payload or header JSON cannot carry fails in signArgs, in jose's order
  let text
  let headerText = null
  try {
    text = JSON.stringify(payload)
    if (header !== undefined) {
      headerText = stringify(protectedHeaderOf(header, options, key, includeKid), () => new TypeError('header could not be serialized to JSON'))
    }
  } catch {
    return STEPWISE
  }
  const optionsText = signOptionsJSON(options)
  try {
    return signFn(optionsText, text, key[HANDLE], headerText, includeKid)
  } catch (err) {
    throw translate(err)
  }
}

function sign (payload, key, options) {
  const out = fastSign(binding.jwtSign, payload, key, options)
  if (out !== STEPWISE) return out
  const args = signArgs(payload, key, options)
  if (custom.isCustom(args[1])) {
    return custom.sign(new JWS.Sign(args[0]).recipient(args[1], args[2])._args('compact'), SIGN)
  }
  return JWS.sign(...args)
}

async function signAsync (payload, key, options) {
  const out = fastSign(binding.jwtSignAsync, payload, key, options)
  if (out !== STEPWISE) return settle(/** @type {ReturnType<typeof binding.jwtSignAsync>} */ (out))
  return JWS.signAsync(...signArgs(payload, key, options))
}

function decode (token, { complete = false } = {}) {
  if (typeof token !== 'string' || !token) {
    throw new TypeError('JWT must be a string')
  }
  const parts = call(binding.jwtDecode, token)
  const result = { header: JSON.parse(parts.header), payload: JSON.parse(parts.payload), signature: parts.signature }
  return complete ? result : result.payload
}

// The checked options of one verify call.
function checkOptions (options) {
  if (!isObject(options)) {
    throw new TypeError('options must be an object')
  }
  return {
    native: call(binding.jwtVerifyOptions, verifyOptionsJSON(options)),
    complete: options.complete === true,
    options
  }
}

/**
 * After the options: the token, then the key, as jose takes them.
 * @param {ReturnType<typeof checkOptions>} checked
 */
function prepare (checked, token, key) {
  const verification = call(() => checked.native.prepare(typeof token === 'string' ? token : ''))
  key = getKey(key, true)
  const [mode, natives, storeKeys, withCustom] = verificationKeys(key)
  return {
    run: withCustom
      ? () => custom.verifyJWT(verification, key, checked.complete, VERIFY)
      : () => call(() => verification.run(mode, natives, curves.legacy)),
    runAsync: withCustom
      ? () => custom.verifyJWTAsync(verification, key, checked.complete)
      : () => settle(call(() => verification.runAsync(mode, natives, curves.legacy))),
    finish: (out) => verified(out, checked.complete, key, storeKeys)
  }
}

// The result as jose shapes it, from the payload's JSON text or, for
// `complete` (and the stepwise path), every part. The header is parsed even
// when only the payload is wanted, as jose parses it: a header JSON.parse
// reads differently from serde_json would fail there.
function verified (out, complete, key, storeKeys) {
  if (typeof out === 'string') return JSON.parse(out)
  const { parts } = out
  const header = JSON.parse(parts.header)
  const payload = JSON.parse(parts.payload)
  if (!complete) return payload
  return { header, payload, signature: parts.signature, key: usedKey(key, storeKeys, out, header) }
}

// JWT.verify's common case in one native call: a string token, keys that
// need no JavaScript (no custom key), no JARM decryption between the
// options and the token. A key argument that does not resolve takes the
// stepwise path, which reports it after the options and the token, as jose
// does.
function fastVerifyJob (token, key, options) {
  if (typeof token !== 'string' || !isObject(options) || options.profile === 'jarm') return undefined
  try {
    key = getKey(key, true)
  } catch {
    return undefined
  }
  const [mode, natives, storeKeys, withCustom] = verificationKeys(key)
  if (withCustom) return undefined
  const complete = options.complete === true
  // one key handle goes alone, sparing an array
  const keys = mode === binding.KeyMode.Key && typeof natives[0] === 'object' ? natives[0] : natives
  /** @type {Parameters<typeof binding.jwtVerify>} */
  const args = [verifyOptionsJSON(options), token, mode, keys, curves.legacy, complete]
  return {
    args,
    finish: (out) => verified(out, complete, key, storeKeys)
  }
}

// The commonest call of all, a string token and one JWK.Key with material,
// goes straight to the native call with nothing allocated on the way.
const oneKey = (token, key, options) => typeof token === 'string' && key instanceof Key &&
  !!key[NATIVE] && isObject(options) && options.profile !== 'jarm'

function verifyOneKey (token, key, options) {
  const complete = options.complete === true
  let out
  try {
    out = binding.jwtVerifyKey(verifyOptionsJSON(options), token, key[HANDLE], curves.legacy, complete)
  } catch (err) {
    throw translate(err)
  }
  // without `complete` the result is the payload's JSON text
  return complete ? verified(out, true, key, []) : JSON.parse(/** @type {string} */ (out))
}

function verify (token, key, options = {}) {
  if (oneKey(token, key, options)) return verifyOneKey(token, key, options)
  const fast = fastVerifyJob(token, key, options)
  if (fast) return fast.finish(call(binding.jwtVerify, ...fast.args))
  const checked = checkOptions(options)
  if (checked.options.profile === 'jarm') {
    token = jarm.decrypt(token, checked.options)
  }
  const job = prepare(checked, token, key)
  return job.finish(job.run())
}

async function verifyAsync (token, key, options = {}) {
  const fast = fastVerifyJob(token, key, options)
  if (fast) return fast.finish(await settle(call(binding.jwtVerifyAsync, ...fast.args)))
  const checked = checkOptions(options)
  if (checked.options.profile === 'jarm') {
    token = await jarm.decryptAsync(token, checked.options)
  }
  const job = prepare(checked, token, key)
  return job.finish(await job.runAsync())
}

// JWT.verify with `profile` set, as jose's shorthands spread the options.
const withProfile = (profile) => ({
  verify: (token, key, options) => verify(token, key, { ...options, profile }),
  verifyAsync: (token, key, options) => verifyAsync(token, key, { ...options, profile })
})

module.exports = {
  decode,
  sign,
  signAsync,
  verify,
  verifyAsync,
  IdToken: withProfile('id_token'),
  LogoutToken: withProfile('logout_token'),
  AccessToken: withProfile('at+JWT'),
  JARM: withProfile('jarm')
}
