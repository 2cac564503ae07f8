'use strict'

// Memory over many jose-native JWT.verify calls (HS256, the cheapest
// operation, so a leak of a few bytes per call adds up fastest per second).
// bench/index.js runs it as a child process:
//
//   node --expose-gc --max-semi-space-size=1 bench/memory.js [--ops N]
//
// `--expose-gc` lets it take both readings after a full GC, so garbage not
// yet collected does not count as growth. A fixed 1 MB young generation
// keeps V8 from growing its semi-spaces during the run, which moves RSS by
// tens of MB with nothing leaked (scripts/leak-check.js found the same).
//
// The loop yields to the event loop every BATCH calls, as a server does
// between requests: Node runs the finalizers of N-API objects (jose-native
// makes two per JWT.verify) from the event loop, so a loop that never
// yields keeps every call's native memory until it does. That case is
// measured too, on its own (`noYield`), as bytes per call.
// Prints one JSON object on stdout.

const { setImmediate: tick } = require('timers/promises')
const peers = require('./peers')
const keys = require('./keys').get()
const { checkClaims } = require('./cases')

const WARMUP = 50000
const BATCH = 1000
const NO_YIELD_CALLS = 20000
// Readings between the two that count, to show a trend, not just ends.
const SAMPLES = 10

// A reading with garbage collected and the finalizers it queued run: gc,
// a turn of the event loop (the finalizers), gc again for what they freed.
async function memory () {
  global.gc()
  await tick()
  global.gc()
  const { rss, heapUsed } = process.memoryUsage()
  return { rss, heapUsed }
}

async function run (verify, calls) {
  for (let done = 0; done < calls; done += BATCH) {
    for (let i = 0; i < BATCH; i++) verify()
    await tick()
  }
}

// RSS bytes per call over calls made without a turn of the event loop.
async function noYield (verify) {
  const before = await memory()
  for (let i = 0; i < NO_YIELD_CALLS; i++) verify()
  global.gc()
  const grown = process.memoryUsage().rss - before.rss
  return { calls: NO_YIELD_CALLS, bytesPerCall: grown / NO_YIELD_CALLS }
}

async function main () {
  if (typeof global.gc !== 'function') throw new Error('run with --expose-gc')
  const args = process.argv.slice(2)
  const at = args.indexOf('--ops')
  const ops = at === -1 ? 1e6 : Number(args[at + 1])
  const jwt = peers.native().jwt('HS256', keys)
  const token = jwt.sign()
  checkClaims(jwt.verify(token))

  const verify = () => jwt.verify(token)

  await run(verify, WARMUP)
  const baseline = await memory()
  const started = process.hrtime.bigint()
  const samples = []
  const step = Math.ceil(ops / SAMPLES / BATCH) * BATCH
  for (let done = 0; done < ops;) {
    const n = Math.min(step, ops - done)
    await run(verify, n)
    done += n
    samples.push({ ops: done, ...await memory() })
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  const end = samples[samples.length - 1]
  process.stdout.write(JSON.stringify({
    ops,
    warmup: WARMUP,
    batch: BATCH,
    seconds,
    noYield: await noYield(verify),
    baseline,
    end,
    maxRss: Math.max(...samples.map((s) => s.rss)),
    heapGrowth: end.heapUsed - baseline.heapUsed,
    rssGrowth: end.rss - baseline.rss
  }) + '\n')
}

main().catch((err) => {
  console.error(err)
  process.exitCode = 1
})
