'use strict'

// Memory stays flat over many operations, error paths and Async included:
// scripts/leak-check.js in a child process (it needs --expose-gc) with
// 200,000 operations; the script itself runs 1,000,000 by default.

const test = require('node:test')
const assert = require('assert')
const { execFile } = require('child_process')
const { join } = require('path')

test('RSS and heap stay flat over 200,000 operations', async () => {
  const script = join(__dirname, '..', 'scripts', 'leak-check.js')
  const args = ['--expose-gc', '--max-semi-space-size=1', script, '--ops', '200000', '--json']
  const stdout = await new Promise((resolve, reject) => {
    // the script exits 1 on a leak; its report says why, so read it anyway
    execFile(process.execPath, args, (err, out, stderr) => {
      if (err && err.code !== 1) reject(new Error(`leak-check failed: ${stderr || err.message}`))
      else resolve(out)
    })
  })
  const report = JSON.parse(stdout)
  assert.ok(report.ops >= 200000)
  assert.strictEqual(report.leaked, false, `memory grew: ${stdout}`)
  assert.ok(report.rssGrowthMB < 12, stdout)
  assert.ok(report.heapGrowthMB < 2, stdout)
})
