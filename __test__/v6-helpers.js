'use strict'

// Shared by the jose 6 differential tests: both libraries, and outcomes
// reduced to what can be compared (a CryptoKey by its attributes, bytes as
// arrays, an error by class, code, message and claim members).

const { generateKeyPairSync, createSecretKey } = require('crypto')

const v6 = require('../lib/v6')

/** @returns {Promise<any>} */
const jose6 = () => import('jose6')

/** @param {any} value */
function comparable (value) {
  if (value instanceof Uint8Array) return { bytes: Array.from(value) }
  if (value?.[Symbol.toStringTag] === 'CryptoKey') {
    const { type, extractable, algorithm, usages } = value
    return { cryptoKey: { type, extractable, algorithm: comparable(algorithm), usages: [...usages].sort() } }
  }
  if (Array.isArray(value)) return value.map(comparable)
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, comparable(v)]))
  }
  return value
}

/** @param {any} err */
function errorShape (err) {
  const shape = { class: err?.constructor?.name, name: err?.name, code: err?.code, message: err?.message }
  if ('claim' in Object(err)) Object.assign(shape, { claim: err.claim, reason: err.reason, payload: err.payload })
  return shape
}

/**
 * What `fn(lib)` gives for a library: its result or its error.
 * @param {any} lib
 * @param {(lib: any) => any} fn
 */
async function outcome (lib, fn) {
  try {
    return { ok: comparable(await fn(lib)) }
  } catch (err) {
    return { error: errorShape(err) }
  }
}

/**
 * Runs `fn` with jose 6 and with jose-native/v6; both outcomes.
 * @param {(lib: any) => any} fn
 */
async function both (fn) {
  return [await outcome(await jose6(), fn), await outcome(v6, fn)]
}

/** Keys of every kind jose 6 signs with, made once. */
function nodeKeys () {
  return {
    rsa: generateKeyPairSync('rsa', { modulusLength: 2048 }),
    rsa1024: generateKeyPairSync('rsa', { modulusLength: 1024 }),
    p256: generateKeyPairSync('ec', { namedCurve: 'P-256' }),
    p384: generateKeyPairSync('ec', { namedCurve: 'P-384' }),
    p521: generateKeyPairSync('ec', { namedCurve: 'P-521' }),
    ed25519: generateKeyPairSync('ed25519'),
    x25519: generateKeyPairSync('x25519'),
    secret: createSecretKey(Buffer.from('a-string-secret-at-least-256-bits-long!!'))
  }
}

module.exports = { both, comparable, errorShape, jose6, nodeKeys, outcome, v6 }
