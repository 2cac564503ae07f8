'use strict'

// A panic in the Rust code (a bug) must never abort Node: every export of
// the addon, each method and getter of its classes, and the libuv task's
// steps turn one into jose-native's internal error, a plain Error. Proved
// by forcing a panic at each boundary in turn (testForcePanic, which works
// only with JOSE_NATIVE_TEST_PANICS=1 set when the addon loads, hence the
// child process running fixtures/panic-workload.js). An export the
// workload does not reach fails the test, so a new one needs coverage.

const test = require('node:test')
const assert = require('assert')
const { spawnSync } = require('child_process')
const { join } = require('path')

const binding = require('../lib/binding')

// What the child should find: every exported function but the switch, and
// `Class.member` for the methods and getters of the exported classes.
function boundaries () {
  const names = []
  for (const [name, value] of Object.entries(binding)) {
    if (name === 'testForcePanic' || typeof value !== 'function') continue
    if (!/^[A-Z]/.test(name)) {
      names.push(name)
      continue
    }
    for (const member of Object.getOwnPropertyNames(value.prototype)) {
      if (member !== 'constructor') names.push(`${name}.${member}`)
    }
  }
  return names.sort()
}

test('testForcePanic is refused unless JOSE_NATIVE_TEST_PANICS=1 was set when the addon loaded', { skip: process.env.JOSE_NATIVE_TEST_PANICS === '1' }, () => {
  assert.throws(() => binding.testForcePanic('jwtSign'), (err) =>
    err.constructor === TypeError && err.message.includes('JOSE_NATIVE_TEST_PANICS=1'))
  // set now, after the load: still refused
  process.env.JOSE_NATIVE_TEST_PANICS = '1'
  try {
    assert.throws(() => binding.testForcePanic('jwtSign'), TypeError)
  } finally {
    delete process.env.JOSE_NATIVE_TEST_PANICS
  }
})

test('a panic at any N-API boundary is an internal error, and Node goes on', () => {
  const child = spawnSync(process.execPath, [join(__dirname, 'fixtures', 'panic-workload.js')], {
    env: { ...process.env, JOSE_NATIVE_TEST_PANICS: '1', RUST_BACKTRACE: '0' },
    encoding: 'utf8',
    timeout: 300000
  })
  // the forced panics print their messages on stderr; shown on failure only
  const stderr = child.stderr.split('\n').filter((line) => line && !/panicked at|panic forced at|RUST_BACKTRACE/.test(line))
  const context = `stderr:\n${stderr.join('\n')}`
  assert.strictEqual(child.signal, null, `the child was killed by ${child.signal}\n${context}`)
  assert.strictEqual(child.status, 0, context)
  const report = JSON.parse(child.stdout.trim().split('\n').pop())
  assert.deepStrictEqual(report.boundaries, boundaries())
  assert.deepStrictEqual(report.unreached, [], `the workload never reached: ${report.unreached.join(', ')}`)
  assert.deepStrictEqual(report.failures, [])
  assert.deepStrictEqual(report.checked, report.boundaries)
  assert.ok(report.checked.length >= 51, `only ${report.checked.length} boundaries`)
})
