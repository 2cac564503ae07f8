'use strict'

// jose 6's JWT verification: jwtVerify, the claims half of jwtDecrypt and
// UnsecuredJWT.decode. The checks are the core's (src/v6/claims.rs,
// src/v6/jws.rs); here the options are described for it once per distinct
// set of values (a native verifier, remembered by lib/options.js), and the
// caller's clock is read at call time (`new Date()`, or `currentDate`).

const { isPrimitive } = require('../json')
const { memo } = require('../options')
const { binding, call } = require('./native')
const errors = require('./errors')
const { keyArg, used } = require('./keys')
const { verifyOptions } = require('./jws')

/** @returns {typeof import('./jwe')} loaded on first use: jwe.js needs jws.js, not this file */
const jwe = () => require('./jwe')

/** @typedef {import('../binding').V6ClaimOptions} V6ClaimOptions */
/** @typedef {import('../binding').V6JwtVerifier} V6JwtVerifier */

/** @param {Date} date */
const epoch = (date) => Math.floor(date.getTime() / 1000)

/**
 * The caller's clock in seconds: `currentDate`, else `new Date()` now.
 * A `currentDate` without a `getTime` method gives the message of the
 * TypeError jose 6 throws reading it, which the core throws at the step
 * jose 6 reads the clock (src/v6/claims.rs `Clock`).
 * @param {Record<string, any> | null | undefined} options
 * @returns {number | string}
 */
function clock (options) {
  const currentDate = options?.currentDate
  const date = currentDate === undefined ? new Date() : currentDate
  if (date === null) return 'Cannot read properties of null (reading \'getTime\')'
  return typeof date.getTime === 'function' ? epoch(date) : 'date.getTime is not a function'
}

/**
 * A time option as the core takes it: a number, a timespan, or (listed in
 * `wrongType`) another type.
 * @param {string} name
 * @param {unknown} value
 * @param {string[]} wrongType
 * @returns {number | string | undefined}
 */
function span (name, value, wrongType) {
  if (value === undefined || typeof value === 'number' || typeof value === 'string') return /** @type {number | string | undefined} */ (value)
  wrongType.push(name)
  return undefined
}

/**
 * The `typ` option: a string, or (listed in `wrongType`) a value jose 6
 * fails on when it lowercases it.
 * @param {unknown} typ
 * @param {string[]} wrongType
 * @returns {string | undefined}
 */
function typOption (typ, wrongType) {
  if (typ === undefined || typeof typ === 'string') return /** @type {string | undefined} */ (typ)
  wrongType.push(typ === null ? 'typNull' : 'typ')
  return undefined
}

/**
 * `requiredClaims` as its members (jose 6 spreads it into a list, so any
 * iterable will do; anything else is listed in `wrongType`).
 * @param {unknown} list
 * @param {string[]} wrongType
 * @returns {unknown[] | undefined}
 */
function requiredMembers (list, wrongType) {
  if (list === undefined) return undefined
  if (list == null || typeof (/** @type {any} */ (list))[Symbol.iterator] !== 'function') {
    wrongType.push('requiredClaims')
    return undefined
  }
  return Array.from(/** @type {Iterable<unknown>} */ (list))
}

/**
 * A requiredClaims member as the core looks it up: its property key, or
 * null for a Symbol, which jose 6 cannot print in its message.
 * @param {unknown} member
 */
const propertyKey = (member) => typeof member === 'string' ? member : typeof member === 'symbol' ? null : String(member)

/**
 * The requiredClaims members that are not strings, and the claims the
 * other options imply, of each verifier that has such members: jose 6
 * reports a missing required claim by the member itself (`1` stays a
 * number), where the core names it by its property key.
 * @type {WeakMap<V6JwtVerifier, { members: unknown[], implied: string[] }>}
 */
const NAMED_BY = new WeakMap()

/**
 * A verifier's call, its missing-claim error naming the requiredClaims
 * member as jose 6 does: the claims the options imply are checked first,
 * then the members from last to first.
 * @template T
 * @param {V6JwtVerifier} verifier
 * @param {() => T} fn
 * @returns {T}
 */
function checking (verifier, fn) {
  try {
    return call(fn)
  } catch (err) {
    const named = NAMED_BY.get(verifier)
    if (named && err instanceof errors.JWTClaimValidationFailed && err.reason === 'missing' && !named.implied.includes(err.claim)) {
      for (let i = named.members.length - 1; i >= 0; i--) {
        const member = named.members[i]
        if (typeof member !== 'symbol' && String(member) === err.claim) {
          // the member itself, as jose 6 reports it (not always a string)
          const failed = /** @type {{ claim: unknown, cause: { claim: unknown } }} */ (/** @type {unknown} */ (err))
          failed.claim = member
          failed.cause.claim = member
          break
        }
      }
    }
    throw err
  }
}

/**
 * An option value as the core compares it with a claim (as `===` and
 * `includes` do): a JSON primitive as itself; anything else, which no
 * claim read from JSON can equal (NaN, undefined, a BigInt, a Symbol, an
 * object), as `{}`, which the core never finds equal.
 * @param {unknown} value
 */
const comparable = (value) => value === null || typeof value === 'string' || typeof value === 'boolean' ||
  (typeof value === 'number' && Number.isFinite(value))
  ? value
  : {}

/**
 * The `audience` option as JSON text of a list; one neither a string nor
 * an array is listed in `wrongType` (jose 6 calls `includes` or `some` on
 * it, which the core reproduces).
 * @param {unknown} audience
 * @param {string[]} wrongType
 */
function audienceList (audience, wrongType) {
  if (audience === undefined) return undefined
  if (typeof audience === 'string') return JSON.stringify([audience])
  if (Array.isArray(audience)) return JSON.stringify(audience.map(comparable))
  wrongType.push(audience === null ? 'audienceNull' : 'audience')
  return undefined
}

/**
 * jose 6's claim options as the core takes them; undefined when none is set.
 * @param {unknown[]} values as `OPTIONS.read` reads them
 * @returns {V6ClaimOptions | undefined}
 */
function claimOptions ([, , typ, requiredClaims, issuer, subject, audience, maxTokenAge, clockTolerance, isNull], members) {
  if (isNull) return { wrongType: ['options'] }
  if (typ === undefined && requiredClaims === undefined && issuer === undefined && subject === undefined &&
    audience === undefined && maxTokenAge === undefined && clockTolerance === undefined) {
    return undefined
  }
  /** @type {string[]} */
  const wrongType = []
  const typText = typOption(typ, wrongType)
  const required = requiredMembers(requiredClaims, wrongType)
  members.push(...(required ?? []))
  return {
    typ: typText,
    requiredClaims: required?.map(propertyKey),
    issuer: issuer === undefined ? undefined : JSON.stringify((Array.isArray(issuer) ? issuer : [issuer]).map(comparable)),
    subject: subject === undefined ? undefined : JSON.stringify(comparable(subject)),
    audience: audienceList(audience, wrongType),
    maxTokenAge: span('maxTokenAge', maxTokenAge, wrongType),
    clockTolerance: span('clockTolerance', clockTolerance, wrongType),
    wrongType
  }
}

/** The options a verifier is made of, each read once by name. */
const OPTIONS = {
  read: (/** @type {Record<string, any> | undefined} */ options) => {
    const o = options ?? {}
    // null options read as none until the claims, where jose 6 fails on them
    return [o.algorithms, o.crit, o.typ, o.requiredClaims, o.issuer, o.subject, o.audience, o.maxTokenAge,
      o.clockTolerance, options === null]
  }
}

/**
 * The native verifier for these options, made once per distinct set of
 * values.
 * @type {(options: Record<string, any> | undefined) => V6JwtVerifier}
 */
const verifierOf = memo(OPTIONS, (values) => {
  /** @type {unknown[]} */
  const members = []
  const verifier = call(binding.v6JwtVerifier, verifyOptions({ algorithms: values[0], crit: values[1] }), claimOptions(values, members))
  if (members.some((member) => typeof member !== 'string' && typeof member !== 'symbol')) {
    const implied = [[values[4], 'iss'], [values[5], 'sub'], [values[6], 'aud'], [values[7], 'iat']]
    NAMED_BY.set(verifier, { members, implied: implied.filter(([option]) => option !== undefined).map(([, name]) => String(name)) })
  }
  return verifier
})

/** The last protected header read whose members are all primitives. */
let lastHeader = { text: '', members: {} }

/**
 * A protected header's JSON text as an object. An issuer's tokens share
 * their header, so the last one is kept: a header of primitives only is
 * then a fresh shallow copy, which no caller can tell from a fresh parse.
 * @param {string} text
 * @returns {Record<string, unknown>}
 */
function headerOf (text) {
  if (text === lastHeader.text) return { ...lastHeader.members }
  const members = JSON.parse(text)
  if (Object.values(members).every(isPrimitive)) lastHeader = { text, members: { ...members } }
  return members
}

/**
 * A verified JWT as the core sends it: the protected header's JSON text,
 * U+0000, the claims set's (src/node/v6_jwt.rs `jwt_text`).
 * @param {string} verified
 */
function jwtResult (verified) {
  const cut = verified.indexOf('\u0000')
  return { payload: JSON.parse(verified.slice(cut + 1)), protectedHeader: headerOf(verified.slice(0, cut)) }
}

/**
 * @param {unknown} jwt
 * @param {unknown} key
 * @param {Record<string, any>} [options]
 */
async function jwtVerify (jwt, key, options) {
  const verifier = verifierOf(options)
  const token = jwt instanceof Uint8Array ? new TextDecoder().decode(jwt) : jwt
  if (typeof key !== 'function' && typeof token === 'string') {
    const handle = keyArg(key)
    const verified = checking(verifier, () => verifier.verify(token, handle, clock(options)))
    used(key, handle)
    return jwtResult(verified)
  }
  const checked = call(() => verifier.check(typeof token === 'string' ? token : false))
  if (typeof key !== 'function') {
    const handle = keyArg(key)
    return jwtResult(checking(verifier, () => verifier.verifyChecked(checked, handle, clock(options))))
  }
  const protectedHeader = JSON.parse(/** @type {string} */ (checked.protectedHeader))
  const [protectedPart, payload, signature] = /** @type {string} */ (token).split('.')
  const resolved = await key(protectedHeader, { payload, protected: protectedPart, signature })
  const handle = keyArg(resolved)
  const verified = checking(verifier, () => verifier.verifyChecked(checked, handle, clock(options)))
  used(resolved, handle)
  return { ...jwtResult(verified), key: resolved }
}

/**
 * @param {unknown} jwt
 * @param {unknown} key
 * @param {Record<string, any>} [options]
 */
async function jwtDecrypt (jwt, key, options) {
  const { plaintext, ...result } = /** @type {Record<string, any>} */ (await jwe().compactDecrypt(jwt, key, options))
  const verifier = verifierOf(options)
  const header = result.protectedHeader === undefined ? undefined : JSON.stringify(result.protectedHeader)
  const payload = JSON.parse(checking(verifier, () => verifier.decryptedClaims(header, Buffer.from(plaintext), clock(options))))
  return { payload, ...result }
}

module.exports = { checking, clock, epoch, jwtDecrypt, jwtVerify, verifierOf }
