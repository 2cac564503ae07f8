'use strict'

// The raw aws-lc-rs rates of bench/raw.rs: built and run once for the raw
// table, then served (`--serve`) so that each row can time its primitives
// in turns with the JavaScript calls built on them. A rate measured
// minutes apart, in another process, can land in a faster or slower spell
// of the machine than the row it is compared with; in turns, both share it.

const path = require('path')
const readline = require('readline')
const { spawn, spawnSync } = require('child_process')

const { progress, failure } = require('./log')

const ROOT = path.join(__dirname, '..')

const seconds = (since) => Number(process.hrtime.bigint() - since) / 1e9

function hostTriple () {
  const result = spawnSync('rustc', ['-vV'], { encoding: 'utf8' })
  if (result.error || result.status !== 0) return null
  const line = result.stdout.split('\n').find((l) => l.startsWith('host: '))
  return line ? line.slice(6).trim() : null
}

// Builds and runs bench/raw.rs. The addon's build (`napi build --platform
// --release`) passes the host triple as --target, so passing it here too
// lands in the same target/<triple>/release and reuses its compiled
// aws-lc-sys, which would otherwise take minutes to build. The build is
// timed on its own so its cost shows separately from the measurement.
// Never throws: any failure becomes `{ error }` and the table goes on
// without the column.
function run (quick, messageLen) {
  const triple = hostTriple()
  if (!triple) return { error: 'rustc/cargo not found (raw aws-lc-rs rates need a Rust toolchain)' }
  const args = ['--quiet', '--release', '--example', 'raw', '--no-default-features', '--target', triple]
  const options = { cwd: ROOT, encoding: 'utf8', timeout: 600000 }
  progress('raw: building bench/raw.rs ...')
  const started = process.hrtime.bigint()
  const build = spawnSync('cargo', ['build', ...args], options)
  const buildSeconds = seconds(started)
  if (build.error || build.status !== 0) {
    return { error: `cargo build of bench/raw.rs failed: ${failure(build)}` }
  }
  progress(`raw: built in ${buildSeconds.toFixed(1)} s, measuring ...`)
  const binary = path.join(ROOT, 'target', triple, 'release', 'examples', process.platform === 'win32' ? 'raw.exe' : 'raw')
  const result = spawnSync(binary, [...(quick ? ['--quick'] : []), '--message-len', String(messageLen)], options)
  if (result.error || result.status !== 0) return { error: `bench/raw.rs failed: ${failure(result)}` }
  try {
    return { rates: JSON.parse(result.stdout), buildSeconds, binary, messageLen }
  } catch (err) {
    return { error: `bench/raw.rs printed no JSON: ${err.message}` }
  }
}

// bench/raw.rs --serve as a client: `warm(name, ms)` and `run(name, ms)`
// send one request line each and resolve with the answer (the batch size,
// the ops/s). Requests are answered in order, one at a time.
function serve (binary, messageLen) {
  const child = spawn(binary, ['--serve', '--message-len', String(messageLen)], { stdio: ['pipe', 'pipe', 'inherit'] })
  const waiting = []
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    const { resolve, reject } = waiting.shift()
    const value = Number(line)
    if (Number.isFinite(value)) resolve(value)
    else reject(new Error(`bench/raw.rs --serve: ${line}`))
  })
  child.on('exit', () => {
    for (const { reject } of waiting.splice(0)) reject(new Error('bench/raw.rs --serve exited'))
  })
  const request = (verb, name, ms) => new Promise((resolve, reject) => {
    waiting.push({ resolve, reject })
    child.stdin.write(`${verb} ${name} ${Math.round(ms)}\n`)
  })
  return {
    warm: (name, ms) => request('warm', name, ms),
    run: (name, ms) => request('run', name, ms),
    close: () => child.stdin.end()
  }
}

module.exports = { run, serve }
