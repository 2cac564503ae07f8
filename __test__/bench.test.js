'use strict'

// The benchmark harness's own logic, without timing anything for real:
// slices are taken in turns, and a run's summary becomes the README
// section, RESULTS.md and the chart with each target marked.

const test = require('node:test')
const assert = require('assert')
const fs = require('fs')
const path = require('path')

const { measureInTurns, SLICES } = require('../bench/measure')
const report = require('../bench/report')
const targets = require('../bench/targets')
const cases = require('../bench/cases')

test('measureInTurns goes round the operations, one slice each per round', async () => {
  const calls = []
  const external = (name, rate) => ({
    warm: async () => { calls.push(`warm ${name}`) },
    slice: async () => { calls.push(name); return rate }
  })
  let syncCalls = 0
  const rates = await measureInTurns(
    [external('a', 5), { fn: () => { syncCalls++ } }, external('b', 7)],
    { warmupMs: 1, measureMs: 8 }
  )
  assert.deepStrictEqual(calls.slice(0, 2), ['warm a', 'warm b'])
  const slices = calls.slice(2)
  assert.strictEqual(slices.length, 2 * SLICES)
  for (let round = 0; round < SLICES; round++) {
    assert.deepStrictEqual(slices.slice(2 * round, 2 * round + 2), ['a', 'b'], `round ${round}`)
  }
  assert.strictEqual(rates[0], 5)
  assert.strictEqual(rates[2], 7)
  assert.ok(syncCalls > 0 && rates[1] > 0, 'the sync operation ran and has a rate')
})

function summary () {
  const libraries = [
    { name: 'jose-native', short: 'jose-native', package: 'jose-native', version: '0.1.0' },
    { name: 'fast-jwt', short: 'fast-jwt', package: 'fast-jwt', version: '6.3.6' }
  ]
  const row = (name, native, peer, vsRaw) => ({
    name,
    rates: { 'jose-native': native, 'fast-jwt': peer },
    failed: {},
    best: { short: 'fast-jwt', ops: peer },
    ratio: native / peer,
    target: targets.ratio[name] || null,
    vsRaw,
    vsRawTarget: targets.vsRaw.rows.includes(name) ? targets.vsRaw.min : null
  })
  const v6Row = (name, v6, jose6, v1) => ({
    name,
    rates: { 'jose-native/v6': v6, jose6, 'jose-native': v1 },
    failed: {},
    notYet: v6 === null,
    vsJose6: v6 === null ? null : v6 / jose6,
    vsJose6Target: targets.v6.ratio[name] || null,
    vs1x: v6 === null ? null : v6 / v1,
    vs1xTarget: targets.v6.vs1x
  })
  return {
    rows: [row('JWT HS256 sign', 500000, 200000, null), row('JWT ES256 sign', 50000, 40000, 0.7)],
    v6: {
      rows: [
        v6Row('v6 JWT HS256 sign', 420000, 8000, 500000),
        v6Row('v6 JWT ES256 verify', 10000, 5500, 19000),
        v6Row('v6 JWE dir+A256GCM encrypt', null, null, null)
      ]
    },
    raw: { rates: { 'p256-sign': 70000 }, buildSeconds: 1, messageLen: 261 },
    async: { inFlight: 64, rows: [{ name: 'JWT RS256 sign', sync: 3500, async: 6300, ratio: 1.8, target: 1.7 }] },
    memory: {
      ops: 1000000,
      warmup: 50000,
      batch: 1000,
      seconds: 3,
      maxRss: 50 << 20,
      noYield: { bytesPerCall: 0, calls: 20000 },
      baseline: { heapUsed: 4 << 20, rss: 50 << 20 },
      end: { heapUsed: 4 << 20, rss: 50 << 20 },
      heapGrowth: 0,
      rssGrowth: 0
    },
    libraries,
    meta: {
      date: '2026-12-02T00:00:00.000Z',
      cpu: 'CPU',
      cores: 2,
      os: 'Linux',
      load: '0.1',
      loadEnd: '0.2',
      node: 'v20',
      quick: false,
      windows: { warmupMs: 100, measureMs: 400, slices: SLICES },
      seconds: 60
    }
  }
}

test('the README section marks each target met or missed', () => {
  const text = report.readme(summary(), targets)
  assert.match(text, /\| JWT HS256 sign \| 500k \| fast-jwt 200k \| 2\.50x ✓ \| ≥2\.00x \|/)
  assert.match(text, /\| JWT ES256 sign \| 50\.0k \| fast-jwt 40\.0k \| 1\.25x ✗ \| ≥1\.60x \| 0\.70 ✗ \|/)
  assert.match(text, /!\[jose-native ÷ best peer\]\(bench\/ratios\.svg\)/)
  assert.match(text, /1\.80x the sync loop on 2 cores \(target ≥1\.70x\)/)
  assert.match(text, /heap \+0\.0 MB, RSS \+0\.0 MB/)
})

test('RESULTS.md and the chart carry every row', () => {
  const s = summary()
  const markdown = report.toMarkdown(s, targets)
  const svg = report.svg(s)
  for (const row of s.rows) {
    assert.ok(markdown.includes(`| ${row.name} |`), row.name)
    assert.ok(svg.includes(`>${row.name}<`), row.name)
  }
  assert.match(markdown, /over 261-byte messages/)
  assert.ok(svg.startsWith('<svg') && svg.trimEnd().endsWith('</svg>'))
})

test('the jose 6 API table marks both targets per row, and "not yet" where v6 lacks the API', () => {
  const s = summary()
  const markdown = report.toMarkdown(s, targets)
  assert.match(markdown, /## jose 6's API \(jose-native\/v6\), ops\/s/)
  assert.match(markdown, /\| v6 JWT HS256 sign \| 420k \| 8,000 \| 500k \| 52\.50x \| ≥20\.00x \| ✓ \| 0\.84x \| ≥0\.77x \| ✓ \|/)
  assert.match(markdown, /\| v6 JWT ES256 verify \| 10\.0k \| 5,500 \| 19\.0k \| 1\.82x \| ≥2\.00x \| ✗ \| 0\.53x \| ≥0\.77x \| ✗ \|/)
  assert.ok(markdown.includes('| v6 JWE dir+A256GCM encrypt | not yet |  |  |  |  |  |  | ≥0.77x |  |'))
  assert.match(markdown, /not yet: jose-native\/v6 has no CompactEncrypt/)
  const text = report.toText(s, targets)
  assert.match(text, /v6 JWT HS256 sign +420k +8,000 +500k +52\.50x +≥20\.00x +✓ +0\.84x +≥0\.77x +✓/)
  const readme = report.readme(s, targets)
  assert.match(readme, /\| v6 JWT HS256 sign \| 420k \| 8,000 \| 52\.50x ✓ \| ≥20\.00x \| 0\.84x ✓ \|/)
  assert.match(readme, /\| v6 JWE dir\+A256GCM encrypt \| not yet \|/)
  // a filtered run without v6 rows says so instead
  assert.match(report.toText({ ...s, v6: { error: 'not selected by --filter' } }, targets),
    /== jose 6's API \(jose-native\/v6\), ops\/s ==\nnot selected by --filter/)
})

test('every target names a row, and the v6 rows are the issue\'s', () => {
  const names = cases.rows().map((row) => row.name)
  const v6Names = cases.v6Rows().map((row) => row.name)
  for (const name of [...Object.keys(targets.ratio), ...targets.vsRaw.rows, ...Object.keys(targets.async)]) {
    assert.ok(names.includes(name), name)
  }
  for (const name of Object.keys(targets.v6.ratio)) assert.ok(v6Names.includes(name), name)
  const expected = []
  for (const alg of ['HS256', 'RS256', 'ES256', 'EdDSA']) expected.push(`v6 JWT ${alg} sign`, `v6 JWT ${alg} verify`)
  for (const alg of ['dir', 'ECDH-ES']) expected.push(`v6 JWE ${alg}+A256GCM encrypt`, `v6 JWE ${alg}+A256GCM decrypt`)
  assert.deepStrictEqual(v6Names, expected)
  assert.deepStrictEqual(Object.keys(targets.v6.ratio), expected.filter((name) => name.startsWith('v6 JWT')))
  assert.ok(v6Names.every((name) => cases.selected(name, ['--filter', 'V6'])), '--filter v6 picks them')
  assert.ok(names.every((name) => !cases.selected(name, ['--filter', 'v6'])), '--filter v6 picks only them')
  assert.ok(Math.abs(targets.v6.vs1x * 1.3 - 1) < 1e-12, 'within 1.3x of the 1.x API')
})

test('a jose 6 style library without CompactEncrypt has no JWE setup (its rows: not yet)', async () => {
  const { jose6Style } = require('../bench/peers')
  const secretOf = (raw) => new Uint8Array(raw)
  assert.strictEqual(await jose6Style('v6', { SignJWT: class {} }, secretOf).jwe('dir', {}), null)
  const withJwe = jose6Style('v6', { CompactEncrypt: class {}, compactDecrypt () {} }, secretOf)
  const setup = await withJwe.jwe('dir', { dir: { raw: Buffer.alloc(32) } })
  assert.strictEqual(typeof setup.encrypt, 'function')
  assert.strictEqual(typeof setup.decrypt, 'function')
})

test('README.md has the markers a full bench run writes between, once each', () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8')
  const count = (marker) => readme.split(marker).length - 1
  assert.strictEqual(count('<!-- bench:start (written by npm run bench) -->'), 1)
  assert.strictEqual(count('<!-- bench:end -->'), 1)
  assert.ok(readme.indexOf('<!-- bench:start') < readme.indexOf('<!-- bench:end -->'))
})

test('a failed child process is summed up by its error or its last lines', () => {
  const { failure } = require('../bench/log')
  assert.strictEqual(failure({ error: new Error('spawn cargo ENOENT') }), 'spawn cargo ENOENT')
  assert.strictEqual(failure({ stderr: 'a\nb\nc\nd\n', status: 1 }), 'b / c / d')
  assert.strictEqual(failure({ stderr: '', status: 3 }), 'exit code 3')
})
