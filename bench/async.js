'use strict'

// Async scaling, run by bench/index.js as a child process so that
// UV_THREADPOOL_SIZE (read by libuv once, at the pool's first use) can be
// set for it, and so the JIT state of the sync benchmarks does not leak in.
//
//   UV_THREADPOOL_SIZE=4 node bench/async.js [--quick] [--filter <substring>]
//
// For each operation: jose-native's sync loop, then its ...Async twin with
// IN_FLIGHT Promises pending at all times. Then jose6's RS256 sign with as
// many in flight (WebCrypto runs its jobs on the same libuv pool), the
// peers' best async figure. Prints one JSON object on stdout.

const peers = require('./peers')
const keys = require('./keys').get()
const { WINDOWS, measureSync, measureInFlight } = require('./measure')
const { selected, checkClaims } = require('./cases')

// Enough to keep every pool thread busy with work queued behind it, so a
// thread never waits for the main thread to hand it the next job.
const IN_FLIGHT = 64

const OPERATIONS = [
  { alg: 'RS256', op: 'sign' },
  { alg: 'RS256', op: 'verify' },
  { alg: 'ES256', op: 'sign' },
  { alg: 'ES256', op: 'verify' },
  { alg: 'EdDSA', op: 'sign' },
  { alg: 'EdDSA', op: 'verify' }
]

// jose-native's sync and Async calls of one operation, checked once.
async function nativeCalls (alg, op) {
  const { lib } = peers.native()
  const signKey = lib.JWK.asKey(keys[alg].privateKey)
  const verifyKey = lib.JWK.asKey(keys[alg].publicKey)
  const signOptions = { algorithm: alg, expiresIn: '1h' }
  const verifyOptions = { algorithms: [alg], issuer: peers.ISSUER, audience: peers.AUDIENCE }
  const token = lib.JWT.sign(peers.CLAIMS, signKey, signOptions)
  const calls = op === 'sign'
    ? {
        sync: () => lib.JWT.sign(peers.CLAIMS, signKey, signOptions),
        async: () => lib.JWT.signAsync(peers.CLAIMS, signKey, signOptions)
      }
    : {
        sync: () => lib.JWT.verify(token, verifyKey, verifyOptions),
        async: () => lib.JWT.verifyAsync(token, verifyKey, verifyOptions)
      }
  const check = (result) => checkClaims(op === 'sign' ? lib.JWT.verify(result, verifyKey, verifyOptions) : result)
  check(calls.sync())
  check(await calls.async())
  return calls
}

async function main () {
  const args = process.argv.slice(2)
  const windows = WINDOWS[args.includes('--quick') ? 'quick' : 'normal']
  const asyncWindows = { inFlight: IN_FLIGHT, warmupMs: windows.warmupMs, measureMs: windows.asyncMs }
  const rows = []
  for (const { alg, op } of OPERATIONS) {
    const name = `JWT ${alg} ${op}`
    if (!selected(`async ${name}`, args)) continue
    const calls = await nativeCalls(alg, op)
    const sync = measureSync(calls.sync, windows)
    const async = await measureInFlight(calls.async, asyncWindows)
    rows.push({ name, sync, async, ratio: async / sync })
  }
  let peer = null
  if (selected('async jose6 JWT RS256 sign', args)) {
    const jose6 = await (await peers.jose6()).jwt('RS256', keys)
    checkClaims(await jose6.verify(await jose6.sign()))
    peer = { name: 'jose6 JWT RS256 sign', async: await measureInFlight(jose6.sign, asyncWindows) }
  }
  const threadpool = Number(process.env.UV_THREADPOOL_SIZE) || 4
  process.stdout.write(JSON.stringify({ threadpool, inFlight: IN_FLIGHT, rows, peer }) + '\n')
}

main().catch((err) => {
  console.error(err)
  process.exitCode = 1
})
