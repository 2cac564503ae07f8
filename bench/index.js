'use strict'

// `npm run bench`: jose-native against its peers, against the raw
// aws-lc-rs primitives, jose 6's API (jose-native/v6) against jose 6 and
// against jose-native's 1.x API, its Async scaling and its memory over 1M
// calls.
//
//   node --expose-gc bench/index.js [--quick] [--filter <substring>]
//   (npm run bench [-- --quick] [-- --filter <substring>])
//
// Prints the tables on stdout (progress on stderr) and, for an unfiltered
// run, writes bench/RESULTS.md, bench/ratios.svg and the README's
// Performance section.

const fs = require('fs')
const os = require('os')
const path = require('path')
const { spawnSync } = require('child_process')

const peers = require('./peers')
const cases = require('./cases')
const targets = require('./targets')
const report = require('./report')
const { WINDOWS, SLICES, measureInTurns } = require('./measure')
const primitives = require('./primitives')
const { progress, failure } = require('./log')
const keys = require('./keys').get()

const ROOT = path.join(__dirname, '..')

// The aws-lc-rs primitives behind each row. A JWE row runs two (key
// management, then AES-GCM over the content), so its limit adds their
// per-op times. HS256 and dir, symmetric, are not compared.
const RAW_OF = {
  'JWT RS256 sign': ['rsa2048-sign'],
  'JWT RS256 verify': ['rsa2048-verify'],
  'JWT ES256 sign': ['p256-sign'],
  'JWT ES256 verify': ['p256-verify'],
  'JWT EdDSA sign': ['ed25519-sign'],
  'JWT EdDSA verify': ['ed25519-verify'],
  'JWE RSA-OAEP-256+A256GCM encrypt': ['rsa-oaep256-encrypt', 'aes256gcm-seal'],
  'JWE RSA-OAEP-256+A256GCM decrypt': ['rsa-oaep256-decrypt', 'aes256gcm-open'],
  'JWE ECDH-ES+A256GCM encrypt': ['ecdh-p256', 'aes256gcm-seal'],
  'JWE ECDH-ES+A256GCM decrypt': ['ecdh-p256-static', 'aes256gcm-open']
}

// Display names and the packages behind them, for the legend.
const LIBRARIES = [
  { name: 'jose-native', short: 'jose-native', package: 'jose-native' },
  { name: 'jose', short: 'jose@1', package: 'jose' },
  { name: 'jose6', short: 'jose@6', package: 'jose', dir: 'jose6' },
  { name: 'fast-jwt', short: 'fast-jwt', package: 'fast-jwt' },
  { name: '@node-rs/jsonwebtoken', short: 'node-rs', package: '@node-rs/jsonwebtoken' },
  { name: 'jsonwebtoken', short: 'jsonwebtoken', package: 'jsonwebtoken' }
]

function version (lib) {
  const file = lib.name === 'jose-native'
    ? path.join(ROOT, 'package.json')
    : path.join(ROOT, 'node_modules', lib.dir || lib.package, 'package.json')
  return JSON.parse(fs.readFileSync(file, 'utf8')).version
}

// 1 / (sum of per-op times): the rate of running the primitives in turn.
function rawLimit (names, rates) {
  if (!names || !rates || names.some((n) => !rates[n])) return null
  return 1 / names.reduce((sum, n) => sum + 1 / rates[n], 0)
}

// The length of the signing input the asymmetric JWT rows sign and verify
// (protected header with `alg` and `kid`, then the claims): the message
// length the raw primitives take, so that their limit is for the same work.
function signingInputLength () {
  const { lib } = peers.native()
  const key = lib.JWK.asKey(keys.EdDSA.privateKey)
  return lib.JWT.sign(peers.CLAIMS, key, { algorithm: 'EdDSA', expiresIn: '1h' }).lastIndexOf('.')
}

// --- main table -------------------------------------------------------

// One setup per library and algorithm, shared by its sign and verify rows
// (and by the jose 6 API table's); null where the library cannot do the
// algorithm.
function setups () {
  const cache = new Map()
  return (adapter, row) => {
    const id = `${adapter.name} ${row.kind} ${row.alg}`
    if (!cache.has(id)) cache.set(id, Promise.resolve(adapter[row.kind](row.alg, keys)))
    return cache.get(id)
  }
}

// The operations of one row to time in turns (see measureInTurns), one
// per library, each checked once against `referee`, jose 1.28.2's adapter.
// `rates` starts at null (n/a) for every library; a case that fails its
// check is not timed but listed in `failed` (shown as FAIL with the
// reason) so one broken library does not hide everyone else's results.
async function casesOf (row, adapters, referee, setupOf) {
  const refereeSetup = await setupOf(referee, row)
  const rates = {}
  const failed = {}
  const timed = []
  for (const adapter of adapters) {
    rates[adapter.name] = null
    try {
      const setup = await setupOf(adapter, row)
      if (!setup) continue
      timed.push({ name: adapter.name, fn: await cases.prepare(row, setup, refereeSetup), promises: !!adapter.promises })
    } catch (err) {
      failed[adapter.name] = err.message.split('\n')[0]
    }
  }
  return { rates, failed, timed }
}

// ops/s per library for one row of the main table, with its raw
// primitives timed in the same turns.
async function measureRow (row, adapters, setupOf, windows, server) {
  const referee = adapters.find((a) => a.name === 'jose')
  const { rates, failed, timed } = await casesOf(row, adapters, referee, setupOf)
  // the row's raw primitives take their turns too, in bench/raw.rs --serve
  const rawNames = server ? RAW_OF[row.name] || [] : []
  for (const name of rawNames) {
    timed.push({ name: `raw ${name}`, warm: (ms) => server.warm(name, ms), slice: (ms) => server.run(name, ms) })
  }
  const measured = await measureInTurns(timed, windows)
  const rawRates = {}
  timed.forEach(({ name }, i) => {
    if (name.startsWith('raw ')) rawRates[name.slice(4)] = measured[i]
    else rates[name] = measured[i]
  })
  return { rates, failed, rawRates: rawNames.length ? rawRates : null }
}

// The derived columns of one row.
function summarizeRow (row, { rates, failed, rawRates }, raw) {
  const peerRates = LIBRARIES.slice(1).filter((lib) => rates[lib.name] !== null && rates[lib.name] !== undefined)
  const bestLib = peerRates.sort((a, b) => rates[b.name] - rates[a.name])[0]
  const native = rates['jose-native']
  const best = bestLib ? { short: bestLib.short, ops: rates[bestLib.name] } : null
  // the rates measured in turns with the row, else the table's
  const limit = rawLimit(RAW_OF[row.name], rawRates || (raw.error ? null : raw.rates))
  return {
    name: row.name,
    rates,
    failed,
    best,
    ratio: best && native ? native / best.ops : null,
    target: targets.ratio[row.name] || null,
    vsRaw: limit ? native / limit : null,
    vsRawTarget: targets.vsRaw.rows.includes(row.name) ? targets.vsRaw.min : null
  }
}

// --- jose 6's API (jose-native/v6) -----------------------------------

// The columns of its table: jose-native/v6 and jose 6, each call awaited
// before the next as an application awaits them, and jose-native's 1.x API
// doing the same operation (the main table's jose-native adapter, a
// synchronous loop); timed in turns like the main table.
const V6_COLUMNS = ['jose-native/v6', 'jose6', 'jose-native']

// ops/s per column for one row. Where jose-native/v6 does not have the
// row's API yet (no CompactEncrypt before JWE lands) the row is `notYet`
// and nothing is timed.
async function measureV6Row (row, adapters, referee, setupOf, windows) {
  const { rates, failed, timed } = await casesOf(row, adapters, referee, setupOf)
  const v6 = V6_COLUMNS[0]
  if (!failed[v6] && !timed.some((t) => t.name === v6)) return { rates, failed, notYet: true }
  const measured = await measureInTurns(timed, windows)
  timed.forEach(({ name }, i) => { rates[name] = measured[i] })
  return { rates, failed, notYet: false }
}

function summarizeV6Row (row, { rates, failed, notYet }) {
  const [v6, jose6, v1] = V6_COLUMNS.map((name) => rates[name])
  return {
    name: row.name,
    rates,
    failed,
    notYet,
    vsJose6: v6 && jose6 ? v6 / jose6 : null,
    vsJose6Target: targets.v6.ratio[row.name] || null,
    vs1x: v6 && v1 ? v6 / v1 : null,
    vs1xTarget: targets.v6.vs1x
  }
}

async function measureV6Table (rows, adapters, setupOf, windows) {
  const byName = (name) => adapters.find((a) => a.name === name)
  const columns = [peers.native6(), byName('jose6'), byName('jose-native')]
  const summaryRows = []
  for (const row of rows) {
    progress(`measuring ${row.name} ...`)
    summaryRows.push(summarizeV6Row(row, await measureV6Row(row, columns, byName('jose'), setupOf, windows)))
  }
  return summaryRows
}

// --- child processes --------------------------------------------------

// Runs a bench script in its own Node process; its stdout is one JSON
// object. Failures become `{ error }` so the other sections still print.
function child (script, nodeFlags, args, env) {
  const result = spawnSync(process.execPath, [...nodeFlags, path.join(__dirname, script), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 300000
  })
  if (result.error || result.status !== 0) return { error: `bench/${script} failed: ${failure(result)}` }
  return JSON.parse(result.stdout)
}

// The pool needs a thread per core to use them all; libuv's default of 4
// already covers this 2-core machine, and more threads than cores only
// adds switching. So: the larger of 4 and the core count.
function runAsync (args) {
  const threads = Math.max(4, os.availableParallelism ? os.availableParallelism() : os.cpus().length)
  progress(`async: UV_THREADPOOL_SIZE=${threads} ...`)
  const result = child('async.js', [], args, { UV_THREADPOOL_SIZE: String(threads) })
  if (result.error) return result
  if (!result.rows.length && !result.peer) return { error: 'not selected by --filter' }
  for (const row of result.rows) row.target = targets.async[row.name] || null
  return result
}

function runMemory (quick) {
  // --quick keeps the section but with a fifth of the calls.
  const ops = quick ? targets.memory.ops / 5 : targets.memory.ops
  progress(`memory: ${ops.toLocaleString('en-US')} JWT.verify ...`)
  return child('memory.js', ['--expose-gc', '--max-semi-space-size=1'], ['--ops', String(ops)], {})
}

// --- output -----------------------------------------------------------

function meta (quick, load) {
  return {
    date: new Date().toISOString(),
    cpu: os.cpus()[0].model,
    cores: os.cpus().length,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    load: load.toFixed(2),
    loadEnd: os.loadavg()[0].toFixed(2),
    node: process.version,
    quick,
    windows: { ...WINDOWS[quick ? 'quick' : 'normal'], slices: SLICES },
    // From process start: key generation and module loading included.
    seconds: process.uptime()
  }
}

// The README's Performance section sits between these markers; a full run
// replaces what is between them, so the README shows the latest results.
const README_START = '<!-- bench:start (written by npm run bench) -->'
const README_END = '<!-- bench:end -->'

function write (summary) {
  fs.writeFileSync(path.join(__dirname, 'RESULTS.md'), report.toMarkdown(summary, targets))
  fs.writeFileSync(path.join(__dirname, 'ratios.svg'), report.svg(summary))
  const readmePath = path.join(ROOT, 'README.md')
  const readme = fs.readFileSync(readmePath, 'utf8')
  const start = readme.indexOf(README_START)
  const end = readme.indexOf(README_END)
  if (start === -1 || end < start) {
    progress('README.md has no bench markers: its Performance section was left as it was')
  } else {
    const section = `${README_START}\n${report.readme(summary, targets)}\n${README_END}`
    fs.writeFileSync(readmePath, readme.slice(0, start) + section + readme.slice(end + README_END.length))
  }
  progress('wrote bench/RESULTS.md, bench/ratios.svg and the README\'s Performance section')
}

async function measureTable (rows, adapters, setupOf, raw, windows) {
  const server = raw.error ? null : primitives.serve(raw.binary, raw.messageLen)
  const summaryRows = []
  try {
    for (const row of rows) {
      progress(`measuring ${row.name} ...`)
      summaryRows.push(summarizeRow(row, await measureRow(row, adapters, setupOf, windows, server), raw))
    }
  } finally {
    if (server) server.close()
  }
  return summaryRows
}

async function main () {
  const args = process.argv.slice(2)
  const quick = args.includes('--quick')
  const load = os.loadavg()[0]
  if (load > 0.5 * os.cpus().length) {
    progress(`note: load average ${load.toFixed(2)} on ${os.cpus().length} cores; other work will lower the rates`)
  }
  const rows = cases.rows().filter((row) => cases.selected(row.name, args))
  const v6Rows = cases.v6Rows().filter((row) => cases.selected(row.name, args))

  // Raw first: the one step that may compile, before anything is timed.
  const raw = rows.some((row) => RAW_OF[row.name])
    ? primitives.run(quick, signingInputLength())
    : { error: 'no selected row has a raw primitive' }
  if (raw.error) progress(`raw: ${raw.error}`)

  const windows = WINDOWS[quick ? 'quick' : 'normal']
  const adapters = await peers.load()
  const setupOf = setups()
  const summary = {
    rows: await measureTable(rows, adapters, setupOf, raw, windows),
    raw,
    v6: v6Rows.length
      ? { rows: await measureV6Table(v6Rows, adapters, setupOf, windows) }
      : { error: 'not selected by --filter' },
    async: runAsync(args),
    memory: cases.selected('memory JWT HS256 verify', args) ? runMemory(quick) : { error: 'not selected by --filter' },
    libraries: LIBRARIES.map((lib) => ({ ...lib, version: version(lib) })),
    meta: meta(quick, load)
  }
  process.stdout.write(report.toText(summary, targets))
  if (cases.filterOf(args) !== null) progress('filtered run: bench/RESULTS.md, bench/ratios.svg and README.md left as they were')
  else write(summary)
}

main().catch((err) => {
  console.error(err)
  process.exitCode = 1
})
