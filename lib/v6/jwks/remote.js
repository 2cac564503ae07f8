'use strict'

// jose 6's createRemoteJWKSet on Node: a local set (./local) over a JSON Web
// Key Set fetched with the global fetch (or the caller's [customFetch]),
// fetched again when older than cacheMaxAge, and once more when no key
// matches unless the last fetch is younger than cooldownDuration.

const { JOSEError, JWKSNoMatchingKey, JWKSTimeout } = require('../errors')
const { createLocalJWKSet } = require('./local')

/**
 * @typedef {(url: string, options: {
 *   headers: Headers, method: 'GET', redirect: 'manual', signal: AbortSignal
 * }) => Promise<Response>} FetchImplementation
 */

/** @typedef {{ keys: object[] }} JSONWebKeySet */
/** @typedef {import('crypto').webcrypto.CryptoKey} CryptoKey */

/** @typedef {{ uat: number, jwks: JSONWebKeySet }} ExportedJWKSCache */

/**
 * What ./local's createLocalJWKSet returns, as used here.
 * @typedef {((protectedHeader?: object, token?: object) => Promise<CryptoKey>) & { jwks: () => JSONWebKeySet }} LocalJWKSet
 */

/** Option key: a fetch to use instead of the global one. */
// eslint-disable-next-line symbol-description -- jose 6's option keys have none
const customFetch = Symbol()

/** Option key: a caller-owned `{ uat, jwks }` that seeds the set and receives each fetched one. */
// eslint-disable-next-line symbol-description -- as above
const jwksCache = Symbol()

/**
 * @typedef {{
 *   timeoutDuration?: number, cooldownDuration?: number, cacheMaxAge?: number,
 *   headers?: Record<string, string>,
 *   [customFetch]?: FetchImplementation,
 *   [jwksCache]?: ExportedJWKSCache | Record<string, never>
 * }} RemoteJWKSetOptions
 */

/**
 * @typedef {((protectedHeader?: object, token?: object) => Promise<CryptoKey>) & {
 *   readonly coolingDown: boolean, readonly fresh: boolean, readonly reloading: boolean,
 *   reload: () => Promise<void>, jwks: () => JSONWebKeySet | undefined
 * }} RemoteJWKSet
 */

// jose 6 names itself in a User-Agent header everywhere but in browsers
// (whose navigator.userAgent starts "Mozilla/5.0 "): on Node always, as
// Node 20 has no navigator and later ones say "Node.js/...". The version
// is that of the jose release this module follows.
const browserLike = /** @type {any} */ (globalThis).navigator?.userAgent?.startsWith?.('Mozilla/5.0 ')
const USER_AGENT = browserLike ? undefined : 'jose/v6.2.18'

/**
 * jose 6's test for a plain object: its prototype is Object.prototype (of
 * any realm) or null.
 * @param {unknown} input
 * @returns {input is Record<string, any>}
 */
function isPlainObject (input) {
  if (typeof input !== 'object' || input === null || Object.prototype.toString.call(input) !== '[object Object]') {
    return false
  }
  const proto = Object.getPrototypeOf(input)
  return proto === null || Object.getPrototypeOf(proto) === null
}

/**
 * @param {unknown} input
 * @returns {input is JSONWebKeySet}
 */
const isJwkSet = (input) => isPlainObject(input) && Array.isArray(input.keys) && Array.from(input.keys).every(isPlainObject)

/**
 * @param {number | undefined} timestamp
 * @param {number} duration
 */
const isFreshFor = (timestamp, duration) => Number.isFinite(timestamp) && Date.now() < timestamp + duration

/**
 * cooldownDuration and cacheMaxAge: any non-negative number (Infinity
 * included); a value that is not a number means the default.
 * @param {unknown} value
 * @param {number} fallback
 * @param {string} option
 * @returns {number}
 */
function duration (value, fallback, option) {
  if (Number.isNaN(value)) throw new TypeError(`"${option}" option must not be NaN`)
  if (typeof value !== 'number') return fallback
  if (value < 0) throw new TypeError(`"${option}" option must not be negative`)
  return value
}

/**
 * One GET of the set. A timeout (while waiting for the response or reading
 * its body) is JWKSTimeout; any other failure to get a response reaches the
 * caller as the fetch rejected with it.
 * @param {string} href
 * @param {Headers} headers
 * @param {AbortSignal} signal
 * @param {FetchImplementation | undefined} fetchImpl
 * @returns {Promise<unknown>}
 */
async function fetchJwks (href, headers, signal, fetchImpl) {
  const doFetch = fetchImpl === undefined ? fetch : fetchImpl
  // redirect 'manual': a redirect is answered like any other non-200
  const response = await doFetch(href, { method: 'GET', signal, redirect: 'manual', headers }).catch((err) => {
    throw err.name === 'TimeoutError' ? new JWKSTimeout(undefined, { cause: err }) : err
  })
  if (response.status !== 200) {
    throw new JOSEError('Expected 200 OK from the JSON Web Key Set HTTP response')
  }
  try {
    return await response.json()
  } catch (cause) {
    if (signal.aborted) throw new JWKSTimeout(undefined, { cause })
    throw new JOSEError('Failed to parse the JSON Web Key Set HTTP response as JSON', { cause })
  }
}

/**
 * @param {URL} url
 * @param {RemoteJWKSetOptions} [options]
 * @returns {RemoteJWKSet}
 */
function createRemoteJWKSet (url, options) {
  if (!(url instanceof URL)) throw new TypeError('url must be an instance of URL')
  // a copy: the caller may change their URL object afterwards
  const href = new URL(url.href).href
  const opts = options ?? {}

  // each option read once, in jose 6's order
  const timeoutOption = opts.timeoutDuration
  if (typeof timeoutOption === 'number' && !(Number.isInteger(timeoutOption) && timeoutOption >= 0)) {
    throw new TypeError('"timeoutDuration" option must be a non-negative integer')
  }
  const timeoutDuration = typeof timeoutOption === 'number' ? timeoutOption : 5000
  const cooldownDuration = duration(opts.cooldownDuration, 30000, 'cooldownDuration')
  const cacheMaxAge = duration(opts.cacheMaxAge, 600000, 'cacheMaxAge')
  const headers = new Headers(opts.headers)
  if (USER_AGENT && !headers.has('User-Agent')) headers.set('User-Agent', USER_AGENT)
  if (!headers.has('accept')) headers.set('accept', 'application/json, application/jwk-set+json')
  const fetchImpl = opts[customFetch]
  const cache = opts[jwksCache]

  /** @type {LocalJWKSet | undefined} */
  let local
  /** @type {number | undefined} when the set in use was fetched (or, when seeded, the cache's uat) */
  let updatedAt
  /** @type {Promise<void> | undefined} the fetch every concurrent reload waits on */
  let inFlight

  // a fresh, well-formed cache stands for a fetch made at its uat
  if (cache && typeof cache === 'object') {
    const { uat, jwks } = cache
    if (isFreshFor(uat, cacheMaxAge) && isJwkSet(jwks)) {
      updatedAt = uat
      local = /** @type {LocalJWKSet} */ (createLocalJWKSet(jwks))
    }
  }

  // (jose 6 also abandons a pending fetch on Cloudflare Workers and Vercel
  // Edge, where a promise cannot outlive its request; no Node addon runs there)
  const reload = async () => {
    inFlight ??= fetchJwks(href, headers, AbortSignal.timeout(timeoutDuration), fetchImpl)
      .then((json) => {
        // a malformed set throws JWKSInvalid here and leaves the old one in use
        local = /** @type {LocalJWKSet} */ (createLocalJWKSet(json))
        const now = Date.now()
        // jose 6 writes to any truthy cache, and times the set only once the
        // cache took it
        if (cache) {
          cache.uat = now
          cache.jwks = /** @type {JSONWebKeySet} */ (json)
        }
        updatedAt = now
      })
      .finally(() => { inFlight = undefined })
    await inFlight
  }

  // an anonymous arrow, as jose 6's: its name is ''
  const resolver = Object.defineProperties(async (protectedHeader, token) => {
    if (!local || !isFreshFor(updatedAt, cacheMaxAge)) await reload()
    try {
      return await local(protectedHeader, token)
    } catch (err) {
      // the key may be new: fetch once more, unless the set was just fetched
      if (err instanceof JWKSNoMatchingKey && !isFreshFor(updatedAt, cooldownDuration)) {
        await reload()
        return local(protectedHeader, token)
      }
      throw err
    }
  }, {
    coolingDown: { get: () => isFreshFor(updatedAt, cooldownDuration), enumerable: true },
    fresh: { get: () => isFreshFor(updatedAt, cacheMaxAge), enumerable: true },
    reload: { value: reload, enumerable: true },
    reloading: { get: () => inFlight !== undefined, enumerable: true },
    jwks: { value: () => local?.jwks(), enumerable: true }
  })
  return /** @type {RemoteJWKSet} */ (resolver)
}

module.exports = { createRemoteJWKSet, customFetch, jwksCache }
