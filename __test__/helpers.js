'use strict'

// Shared test fixtures: the RFC cookbook vectors and the reference library.

const { readFileSync } = require('fs')
const { join } = require('path')
const assert = require('assert')

// A copy of shared/vectors/rfc-cookbook.json, so a checkout tests on its own.
const vectors = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'rfc-cookbook.json'), 'utf8'))

// Runs fn and returns what it threw, failing when it throws nothing.
function thrown (fn) {
  try {
    fn()
  } catch (err) {
    return err
  }
  assert.fail('expected an error')
}

// The observable identity of an error: its class name and code.
const outcome = (err) => ({ name: err.constructor.name, code: err.code })

module.exports = { vectors, thrown, outcome }
