'use strict'

// The rows of the main table, the --filter rule and the correctness checks
// each case passes once before it is timed, so that no rate is that of a
// failure path (an exception thrown and caught is fast, and wrong).

const assert = require('assert')
const { CLAIMS, PLAINTEXT, ENC } = require('./peers')

const JWT_ALGS = ['HS256', 'RS256', 'ES256', 'EdDSA']
const JWE_ALGS = ['dir', 'RSA-OAEP-256', 'ECDH-ES']
const V6_JWE_ALGS = ['dir', 'ECDH-ES']

function rows () {
  const list = []
  for (const alg of JWT_ALGS) {
    for (const op of ['sign', 'verify']) list.push({ name: `JWT ${alg} ${op}`, kind: 'jwt', alg, op })
  }
  for (const alg of JWE_ALGS) {
    for (const op of ['encrypt', 'decrypt']) list.push({ name: `JWE ${alg}+${ENC} ${op}`, kind: 'jwe', alg, op })
  }
  return list
}

// The rows of the jose 6 API table: the same operations through
// jose-native/v6, named with a `v6` prefix (so `--filter v6` picks them).
function v6Rows () {
  return rows()
    .filter((row) => row.kind === 'jwt' || V6_JWE_ALGS.includes(row.alg))
    .map((row) => ({ ...row, name: `v6 ${row.name}` }))
}

// `--filter <substring>`: case-insensitive, on every section's row names.
function filterOf (args) {
  const at = args.indexOf('--filter')
  return at === -1 ? null : String(args[at + 1] || '').toLowerCase()
}

function selected (name, args) {
  const filter = filterOf(args)
  return filter === null || name.toLowerCase().includes(filter)
}

function checkClaims (claims) {
  for (const [name, value] of Object.entries(CLAIMS)) {
    assert.strictEqual(claims[name], value, `claim ${name}`)
  }
  assert.ok(claims.exp > Date.now() / 1000 + 3000, 'exp about an hour ahead')
}

const checkPlaintext = (text) => assert.strictEqual(String(text), PLAINTEXT)

// The function to time for `row` with `setup` (the adapter's `{ sign,
// verify }` or `{ encrypt, decrypt }`), after one checked run. `referee` is
// jose 1.28.2's setup for the same algorithm: what one library produces,
// an independent implementation must accept.
async function prepare (row, setup, referee) {
  if (row.kind === 'jwt') {
    const token = await setup.sign()
    checkClaims(await setup.verify(token))
    checkClaims(await referee.verify(token))
    return row.op === 'sign' ? setup.sign : () => setup.verify(token)
  }
  const jwe = await setup.encrypt()
  checkPlaintext(await setup.decrypt(jwe))
  checkPlaintext(await referee.decrypt(jwe))
  return row.op === 'encrypt' ? setup.encrypt : () => setup.decrypt(jwe)
}

module.exports = { rows, v6Rows, filterOf, selected, checkClaims, prepare, JWT_ALGS, JWE_ALGS, V6_JWE_ALGS }
