'use strict'

// Leak check: runs many cheap operations, success and error paths, sync and
// Async, and compares memory after a warm-up with memory at the end (both
// after a full GC). A leak of a few dozen bytes per operation, in V8 or in
// Rust (a handle or buffer never freed), shows as steady growth.
//
//   node --expose-gc --max-semi-space-size=1 scripts/leak-check.js [--ops N] [--json]
//
// A fixed, small young generation keeps V8's own sizing out of the RSS
// numbers: without it RSS climbs by ~30 MB over the first 150,000
// operations as the semi-spaces grow, while the heap in use stays flat.
//
// N defaults to 1,000,000. The exit code is 1 when RSS grew by more than
// RSS_SLACK or the V8 heap by more than HEAP_SLACK after the warm-up.
// `npm test` runs it with 200,000 operations (__test__/leak.test.js).

const { JWK, JWKS, JWS, JWE, errors } = require('..')

const args = process.argv.slice(2)
const opsArg = args.indexOf('--ops')
const OPS = opsArg === -1 ? 1e6 : Number(args[opsArg + 1])
const JSON_OUTPUT = args.includes('--json')

// Memory a healthy process may still take on after the warm-up (allocator
// arenas of the libuv threads, V8's old generation sizing): RSS moved by
// up to ±8 MB and the heap by under 0.5 MB in trial runs. Over the 150,000
// measured operations of `npm test`'s run, the slack catches a V8 leak of
// ~15 bytes per operation and a native one of ~80.
const RSS_SLACK = 12 << 20
const HEAP_SLACK = 2 << 20

if (typeof global.gc !== 'function') {
  console.error('run with --expose-gc')
  process.exit(2)
}

const hs = JWK.asKey({ kty: 'oct', kid: 'hs', k: 'AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow' })
const dir = JWK.asKey({ kty: 'oct', kid: 'dir', k: 'XctOhJAkA-pD9Lh7ZgW_2A' })
const store = new JWKS.KeyStore(hs, dir)
const token = JWS.sign({ sub: 'leak' }, hs)
const forged = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA')
const jwe = JWE.encrypt('leak check', dir, { alg: 'dir', enc: 'A128GCM' })
const tampered = jwe.split('.').map((part, i) => i === 4 ? 'AAAAAAAAAAAAAAAAAAAAAA' : part).join('.')
const jwk = hs.toJWK(true)

// Each operation returns or throws what it must; anything else stops the run.
function expectThrow (fn, ErrorClass) {
  try {
    fn()
  } catch (err) {
    if (err instanceof ErrorClass) return
    throw err
  }
  throw new Error(`expected ${ErrorClass.name}`)
}

// Successes three times as often as failures, whose Error objects and stack
// traces make them several times slower.
const SUCCESSES = [
  () => JWS.sign({ sub: 'leak' }, hs),
  () => JWS.verify(token, hs),
  () => JWS.verify(token, store, { complete: true }),
  () => JWE.encrypt('leak check', dir, { alg: 'dir', enc: 'A128GCM' }),
  () => JWE.decrypt(jwe, dir),
  () => JWK.asKey(jwk)
]
const FAILURES = [
  () => expectThrow(() => JWS.verify(forged, hs), errors.JWSVerificationFailed),
  () => expectThrow(() => JWS.verify('a.b.c', hs), errors.JWSInvalid),
  () => expectThrow(() => JWE.decrypt(tampered, store), errors.JWEDecryptionFailed),
  () => expectThrow(() => JWE.decrypt('a.b.c.d.e', dir), errors.JWEInvalid),
  () => expectThrow(() => JWK.asKey({ kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'AAAA' }), errors.JOSEError)
]
const SYNC = [...SUCCESSES, ...SUCCESSES, ...SUCCESSES, ...FAILURES]

const ASYNC = [
  () => JWS.signAsync({ sub: 'leak' }, hs),
  () => JWS.verifyAsync(token, store),
  () => JWS.verifyAsync(forged, hs).then(() => { throw new Error('forged verified') }, (err) => {
    if (!(err instanceof errors.JWSVerificationFailed)) throw err
  }),
  () => JWE.decryptAsync(jwe, dir),
  () => JWE.decryptAsync(tampered, dir).then(() => { throw new Error('tampered decrypted') }, (err) => {
    if (!(err instanceof errors.JWEDecryptionFailed)) throw err
  })
]

function memory () {
  global.gc()
  const { rss, heapUsed, external } = process.memoryUsage()
  return { rss, heapUsed, external }
}

const mb = (bytes) => Math.round(bytes / (1 << 20) * 10) / 10

async function main () {
  const started = Date.now()
  const warmup = Math.min(100000, Math.floor(OPS / 4))
  const samples = []
  let baseline
  let done = 0
  // batches of sync operations, each followed by a batch of Async ones in
  // flight together (about one operation in eleven is Async)
  while (done < OPS) {
    for (let i = 0; i < 1000; i++) SYNC[(done + i) % SYNC.length]()
    await Promise.all(Array.from({ length: 100 }, (_, i) => ASYNC[i % ASYNC.length]()))
    done += 1100
    if (!baseline && done >= warmup) baseline = memory()
    if (baseline && done % 55000 < 1100) samples.push({ ops: done, ...memory() })
  }
  const end = memory()
  const report = {
    ops: done,
    seconds: (Date.now() - started) / 1000,
    rssBaselineMB: mb(baseline.rss),
    rssEndMB: mb(end.rss),
    rssGrowthMB: mb(end.rss - baseline.rss),
    heapBaselineMB: mb(baseline.heapUsed),
    heapEndMB: mb(end.heapUsed),
    heapGrowthMB: mb(end.heapUsed - baseline.heapUsed),
    rssMaxMB: mb(Math.max(...samples.map((s) => s.rss), end.rss)),
    leaked: end.rss - baseline.rss > RSS_SLACK || end.heapUsed - baseline.heapUsed > HEAP_SLACK
  }
  if (JSON_OUTPUT) {
    console.log(JSON.stringify(report))
  } else {
    console.log(`${report.ops} operations in ${report.seconds} s`)
    console.log(`RSS  ${report.rssBaselineMB} MB after warm-up, ${report.rssEndMB} MB at the end (max ${report.rssMaxMB} MB)`)
    console.log(`heap ${report.heapBaselineMB} MB after warm-up, ${report.heapEndMB} MB at the end`)
    for (const s of samples) console.log(`  after ${s.ops}: RSS ${mb(s.rss)} MB, heap ${mb(s.heapUsed)} MB, external ${mb(s.external)} MB`)
    console.log(report.leaked ? 'LEAK: memory grew past the slack' : 'flat')
  }
  process.exitCode = report.leaked ? 1 : 0
}

main().catch((err) => {
  console.error(err)
  process.exitCode = 2
})
