'use strict'

// JWT: jose 1.x's JWT.sign, verify and decode, the profile shorthands and
// JARM, each verify with an Async twin. Option checks and claim rules run
// natively; this file hands the options over as JSON, lays the claims over
// the payload as jose's object spread does, and shapes the results.

const JWS = require('./jws')
const { binding, call, translate } = require('./native')
const { getKey, verificationKeys, usedKey } = require('./keys')
const curves = require('./jwk/curves')
const jarm = require('./jarm')
const { stringify } = require('./json')
const custom = require('./custom')

const isObject = (value) => !!value && value.constructor === Object

// Rejects with jose's class for a native Promise's failure.
const settle = (promise) => promise.catch((err) => { throw translate(err) })

const SIGN_OPTIONS = ['algorithm', 'audience', 'expiresIn', 'header', 'iat', 'issuer', 'jti', 'kid',
  'nonce', 'notBefore', 'now', 'subject']
const VERIFY_OPTIONS = ['algorithms', 'audience', 'clockTolerance', 'complete', 'crit', 'ignoreExp',
  'ignoreIat', 'ignoreNbf', 'issuer', 'jti', 'maxAuthAge', 'maxTokenAge', 'nonce', 'now', 'profile',
  'state', 'subject', 'typ']
const CLAIMS = ['sub', 'aud', 'iss', 'jti', 'iat', 'nonce', 'exp', 'nbf']

// The JSON view of an option the native checks read. Strings, booleans and
// arrays keep their values; `now` becomes its Date's milliseconds (NaN, and
// so null, for an invalid Date); `header` becomes `{}` when it is a plain
// object. Anything else JSON cannot carry as it is becomes null, which no
// check accepts, just as jose accepts none of those values.
function viewOf (name, value) {
  if (name === 'now') return value instanceof Date ? value.getTime() : null
  if (name === 'header') return isObject(value) ? {} : null
  if (typeof value === 'string' || typeof value === 'boolean') return value
  if (Array.isArray(value)) return value.map((item) => typeof item === 'string' ? item : null)
  return null
}

function optionsJSON (options, names) {
  const view = {}
  for (const name of names) {
    const value = options[name]
    if (value !== undefined) view[name] = viewOf(name, value)
  }
  return JSON.stringify(view)
}

const own = (object, name) => Object.prototype.hasOwnProperty.call(object, name)

// JWS.sign's arguments for JWT.sign's, with jose's checks in jose's order:
// options, payload, timespans (natively), then the key.
function signArgs (payload, key, options = {}) {
  if (!isObject(options)) {
    throw new TypeError('options must be an object')
  }
  const claims = JSON.parse(call(binding.jwtSignClaims, optionsJSON(options, SIGN_OPTIONS), isObject(payload)))
  // jose's `{ ...payload, sub: subject || payload.sub, ... }`: a claim the
  // payload already has keeps its place, new ones follow in this order.
  const claimsSet = { ...payload }
  for (const name of CLAIMS) {
    claimsSet[name] = own(claims, name) ? claims[name] : payload[name]
  }
  key = getKey(key)
  const { header = {}, kid } = options
  // Without an explicit choice the kid goes in for asymmetric keys only.
  const includeKid = typeof kid === 'boolean' ? kid : !key.secret
  const text = stringify(claimsSet, () => new TypeError('payload argument could not be serialized to JSON'), false)
  return [text, key, {
    ...header,
    alg: options.algorithm || header.alg,
    kid: includeKid ? key.kid : header.kid
  }]
}

// What the sync APIs name in their TypeError for a custom key that
// answered with a Promise.
const SIGN = { api: 'JWT.sign', twin: 'JWT.signAsync' }
const VERIFY = { api: 'JWT.verify', twin: 'JWT.verifyAsync' }

function sign (payload, key, options) {
  const args = signArgs(payload, key, options)
  if (custom.isCustom(args[1])) {
    return custom.sign(new JWS.Sign(args[0]).recipient(args[1], args[2])._args('compact'), SIGN)
  }
  return JWS.sign(...args)
}

async function signAsync (payload, key, options) {
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
    native: call(binding.jwtVerifyOptions, optionsJSON(options, VERIFY_OPTIONS)),
    complete: options.complete === true,
    options
  }
}

// After the options: the token, then the key, as jose takes them.
function prepare (checked, token, key) {
  const verification = call(() => checked.native.prepare(typeof token === 'string' ? token : ''))
  key = getKey(key, true)
  const [mode, natives, storeKeys, withCustom] = verificationKeys(key)
  return {
    run: withCustom
      ? () => custom.verifyJWT(verification, key, storeKeys, VERIFY)
      : () => call(() => verification.run(mode, natives, curves.legacy)),
    runAsync: withCustom
      ? () => custom.verifyJWTAsync(verification, key, storeKeys)
      : () => settle(call(() => verification.runAsync(mode, natives, curves.legacy))),
    finish: ({ parts, keyIndex }) => {
      const header = JSON.parse(parts.header)
      const payload = JSON.parse(parts.payload)
      if (!checked.complete) return payload
      return { header, payload, signature: parts.signature, key: usedKey(key, storeKeys, keyIndex, header) }
    }
  }
}

function verify (token, key, options = {}) {
  const checked = checkOptions(options)
  if (checked.options.profile === 'jarm') {
    token = jarm.decrypt(token, checked.options)
  }
  const job = prepare(checked, token, key)
  return job.finish(job.run())
}

async function verifyAsync (token, key, options = {}) {
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
