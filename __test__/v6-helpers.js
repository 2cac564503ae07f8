'use strict'

// Shared by the jose 6 differential tests: both libraries, and outcomes
// reduced to what can be compared (a CryptoKey by its attributes, bytes as
// arrays, an error by class, code, message and claim members).

const test = require('node:test')
const assert = require('node:assert')
const { generateKeyPairSync, createSecretKey } = require('crypto')
const { isDeepStrictEqual } = require('util')

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

/**
 * Runs every case through both libraries: the cases whose outcomes differ,
 * each with its label and both outcomes (an empty list when all agree).
 * @param {Iterable<[string, (lib: any) => any]>} cases
 */
async function differences (cases) {
  const found = []
  for (const [label, fn] of cases) {
    const [theirs, mine] = await both(fn)
    if (!isDeepStrictEqual(mine, theirs)) found.push({ label, jose6: theirs, v6: mine })
  }
  return found
}

/**
 * Which known divergence (label predicates with a reason) a case's label
 * falls under: the index of the first that matches it, or -1.
 * @param {Array<[RegExp | ((label: string) => boolean), string]>} known
 * @param {string} label
 */
function divergence (known, label) {
  return known.findIndex(([which]) => typeof which === 'function' ? which(label) : which.test(label))
}

/**
 * Splits labelled cases by a list of known divergences: `[agreeing,
 * divergent]`, so every agreeing case can be asserted.
 * @template {[string, any]} C
 * @param {C[]} cases
 * @param {Array<[RegExp | ((label: string) => boolean), string]>} known
 * @returns {[C[], C[]]}
 */
function partition (cases, known) {
  return [cases.filter(([label]) => divergence(known, label) === -1), cases.filter(([label]) => divergence(known, label) !== -1)]
}

/**
 * One `todo` test per known divergence, holding exactly the cases that
 * fall under it (each case under the first that matches), asserting that
 * both libraries agree on them: the suite stays green while they differ,
 * and the runner reports a todo that passes once one is fixed.
 * @param {string} title
 * @param {Array<[RegExp | ((label: string) => boolean), string]>} known
 * @param {() => Promise<Array<[string, (lib: any) => any]>> | Array<[string, (lib: any) => any]>} makeCases
 * @param {(t: import('node:test').TestContext) => void} [setup] run first, e.g. to freeze the clock
 */
function divergenceTests (title, known, makeCases, setup) {
  for (const [index, [, reason]] of known.entries()) {
    test(`${title}: known divergence ${index + 1}`, { todo: reason }, async (t) => {
      setup?.(t)
      const cases = (await makeCases()).filter(([label]) => divergence(known, label) === index)
      assert.ok(cases.length > 0, 'the divergence names cases')
      assert.deepStrictEqual(await differences(cases), [])
    })
  }
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

module.exports = { both, comparable, differences, divergenceTests, errorShape, jose6, nodeKeys, outcome, partition, v6 }
