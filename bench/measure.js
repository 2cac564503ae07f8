'use strict'

// The timing loops. Each runs an operation for a fixed wall time and
// returns ops/s. A fixed time (not a fixed count) keeps the whole suite's
// duration predictable whatever the rates, from ~1k/s (RSA sign) to ~1M/s.

const now = process.hrtime.bigint

// Window lengths in ms: `normal` fits the whole suite in under two minutes
// on 2 cores; `--quick` shortens them for a smoke run with noisier rates.
const WINDOWS = {
  normal: { warmupMs: 100, measureMs: 400, asyncMs: 1000 },
  quick: { warmupMs: 50, measureMs: 150, asyncMs: 400 }
}

// Batches of about this long between clock reads: hrtime costs ~50 ns,
// which would be a visible share of a 1 µs operation if read every call.
const BATCH_NS = 1000000n

// Holds each result so that no result is provably unused. V8 does not
// drop calls into native code or crypto anyway; this keeps it that way for
// the pure JS peers too.
let sink // eslint-disable-line no-unused-vars

// Runs `fn` in batches for `ms` milliseconds; returns the ops done, the
// time taken and the batch size. With `grow`, the batch doubles while one
// batch takes under half of BATCH_NS: the warm-up finds the size, the
// measured window keeps it so its loop does the same work throughout.
function runFor (fn, ms, batch, grow) {
  const start = now()
  const end = start + BigInt(Math.round(ms * 1e6))
  let ops = 0
  let t = start
  while (t < end) {
    const batchStart = t
    for (let i = 0; i < batch; i++) sink = fn()
    ops += batch
    t = now()
    if (grow && t - batchStart < BATCH_NS / 2n) batch *= 2
  }
  return { ops, ns: Number(t - start), batch }
}

// The measured window is cut into this many slices and the best slice's
// rate is the result: another process on the machine (a build, a
// profiler) can only slow a slice down, so the best slice is the closest
// to the rate on an idle machine, and the ranking stays fair when the
// interference comes and goes during the run.
const SLICES = 8

// ops/s of a synchronous operation: a warm-up (JIT tiers, caches, the
// batch size) then the measured window.
function measureSync (fn, { warmupMs, measureMs }) {
  const { batch } = runFor(fn, warmupMs, 1, true)
  let best = 0
  for (let i = 0; i < SLICES; i++) {
    const { ops, ns } = runFor(fn, measureMs / SLICES, batch, false)
    best = Math.max(best, ops / ns * 1e9)
  }
  return best
}

// ops/s of several operations measured in turns: each is warmed up, then
// the slices go round them, one slice each per round, and each operation's
// best slice is its rate. A slow spell of the machine (another process, a
// frequency change) then falls on every operation alike, so the ratios
// between them hold even where absolute rates drift; measured one after
// the other, one library could get the slow spell and another the fast
// one. An operation is `{ fn }` (a sync call), `{ fn, promises: true }`
// (awaited one call at a time) or `{ warm(ms), slice(ms) }` (timed
// elsewhere, a Promise of its ops/s: bench/raw.rs --serve).
async function measureInTurns (ops, { warmupMs, measureMs }) {
  const turns = ops.map(turnOf)
  for (const turn of turns) await turn.warm(warmupMs)
  const best = ops.map(() => 0)
  const sliceMs = measureMs / SLICES
  for (let round = 0; round < SLICES; round++) {
    for (let i = 0; i < turns.length; i++) {
      collectGarbage()
      best[i] = Math.max(best[i], await turns[i].slice(sliceMs))
    }
  }
  return best
}

// In one process, the garbage one library's slice leaves is collected in
// whichever slice comes next: a full collection before each slice (outside
// its timing) has every slice start from a clean heap, so each library
// pays for its own garbage only. `npm run bench` passes --expose-gc.
function collectGarbage () {
  if (typeof global.gc === 'function') global.gc({ type: 'minor' })
}

function turnOf (op) {
  if (op.slice) return op
  const rate = ({ ops, ns }) => ops / ns * 1e9
  if (op.promises) {
    return {
      warm: (ms) => sequentialFor(op.fn, ms),
      slice: async (ms) => rate(await sequentialFor(op.fn, ms))
    }
  }
  let batch = 1
  return {
    warm: (ms) => { batch = runFor(op.fn, ms, 1, true).batch },
    slice: (ms) => rate(runFor(op.fn, ms, batch, false))
  }
}

// ops/s of a Promise API awaited one call at a time, as the sync loop
// runs its calls: the cost of one call plus its Promise round trip.
async function measureSequential (fn, { warmupMs, measureMs }) {
  await sequentialFor(fn, warmupMs)
  let best = 0
  for (let i = 0; i < SLICES; i++) {
    const { ops, ns } = await sequentialFor(fn, measureMs / SLICES)
    best = Math.max(best, ops / ns * 1e9)
  }
  return best
}

async function sequentialFor (fn, ms) {
  const start = now()
  const end = start + BigInt(Math.round(ms * 1e6))
  let ops = 0
  let t = start
  while (t < end) {
    // Promise round trips are ~µs, so reading the clock every 16 calls
    // costs little and keeps the window exact.
    for (let i = 0; i < 16; i++) sink = await fn()
    ops += 16
    t = now()
  }
  return { ops, ns: Number(t - start) }
}

// ops/s with `inFlight` calls pending at all times: that many workers,
// each awaiting its call and starting the next. With the crypto on the
// libuv pool this is what keeps every core busy. One window, not slices:
// the calls still in flight at a slice's end would blur its edges.
async function measureInFlight (fn, { inFlight, warmupMs, measureMs }) {
  await inFlightFor(fn, inFlight, warmupMs)
  const { ops, ns } = await inFlightFor(fn, inFlight, measureMs)
  return ops / ns * 1e9
}

async function inFlightFor (fn, inFlight, ms) {
  const start = now()
  const end = start + BigInt(Math.round(ms * 1e6))
  let ops = 0
  const worker = async () => {
    while (now() < end) {
      sink = await fn()
      ops++
    }
  }
  await Promise.all(Array.from({ length: inFlight }, worker))
  return { ops, ns: Number(now() - start) }
}

module.exports = { WINDOWS, SLICES, measureSync, measureSequential, measureInTurns, measureInFlight }
