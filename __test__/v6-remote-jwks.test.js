'use strict'

// jose 6's createRemoteJWKSet: ours (lib/v6/jwks/remote.js, over the real
// lib/v6/jwks/local.js) beside the reference (jose6). Each scenario runs
// once per implementation against its own HTTP server on 127.0.0.1, and
// both must make the same requests and give the same keys, errors and
// member values; the expected values are spelled out as well, so a change
// in both at once still fails. Time is a Date.now the tests freeze and move
// (both implementations read it; undici's timers count ticks, not Date.now).

const test = require('node:test')
const assert = require('assert')
const http = require('http')
const { once } = require('events')
const { inspect } = require('util')

const remote = require('../lib/v6/jwks/remote')
const errors = require('../lib/v6/errors')

const reference = () => import('jose6')

// jose 6 sends `jose/v<its version>`; ours, the release it follows
const OUR_USER_AGENT = 'jose/v6.2.18'
const ACCEPT = 'application/json, application/jwk-set+json'

async function implementations () {
  const jose6 = await reference()
  return [
    { ...remote, errors, userAgent: OUR_USER_AGENT },
    {
      createRemoteJWKSet: jose6.createRemoteJWKSet,
      customFetch: jose6.customFetch,
      jwksCache: jose6.jwksCache,
      errors: jose6.errors,
      userAgent: `jose/v${require('jose6/package.json').version}`
    }
  ]
}

// Runs the scenario for ours, then jose 6, and returns what ours saw once
// both saw the same.
async function differential (scenario) {
  const [ours, theirs] = await implementations()
  const mine = await scenario(ours)
  assert.deepStrictEqual(mine, await scenario(theirs))
  return mine
}

// Two ES256 keys, k1 and k2, as public JWKs and a token each signed by it.
let fixtures
function keys () {
  fixtures ??= (async () => {
    const jose6 = await reference()
    const out = {}
    for (const kid of ['k1', 'k2']) {
      const { publicKey, privateKey } = await jose6.generateKeyPair('ES256')
      const jwk = { ...(await jose6.exportJWK(publicKey)), kid }
      const token = await new jose6.SignJWT({ sub: kid }).setProtectedHeader({ alg: 'ES256', kid }).sign(privateKey)
      out[kid] = { jwk, token }
    }
    return out
  })()
  return fixtures
}

const header = (kid) => ({ alg: 'ES256', kid })
const withoutKid = ({ kid, ...jwk }) => jwk

// Which fixture key a resolved key is: the one whose token it verifies.
async function kidOf (key) {
  const jose6 = await reference()
  for (const [kid, { token }] of Object.entries(await keys())) {
    try {
      await jose6.jwtVerify(token, key)
      return kid
    } catch {}
  }
  return 'none'
}

// An error's observable identity; `own` says it is the library's own class.
function describe (err, impl) {
  const Class = impl.errors[err.constructor.name]
  return {
    name: err.constructor.name,
    code: err.code,
    message: err.message,
    own: typeof Class === 'function' && err instanceof Class,
    cause: err.cause === undefined ? undefined : { name: err.cause.name, code: err.cause.code }
  }
}

async function outcome (promise, impl) {
  try {
    return { kid: await kidOf(await promise) }
  } catch (err) {
    return { error: describe(err, impl) }
  }
}

const members = (set) => ({ coolingDown: set.coolingDown, fresh: set.fresh, reloading: set.reloading, jwks: set.jwks() })

function freezeClock (t) {
  const clock = { now: Date.now() }
  t.mock.method(Date, 'now', () => clock.now)
  return clock
}

function send (res, status, body, headers = {}) {
  // no keep-alive: each fetch has its own connection
  res.writeHead(status, { 'content-type': 'application/json', connection: 'close', ...headers })
  res.end(body)
}

// A JWKS endpoint: serves `jwks` unless `respond` is replaced; records
// every request.
async function serve (t, jwks) {
  const srv = {
    jwks,
    requests: [],
    respond (req, res) { send(res, 200, JSON.stringify(srv.jwks)) }
  }
  const server = http.createServer((req, res) => {
    srv.requests.push({ method: req.method, path: req.url, headers: req.headers })
    srv.respond(req, res)
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  srv.url = new URL(`http://127.0.0.1:${server.address().port}/jwks.json`)
  t.after(() => {
    server.closeAllConnections()
    server.close()
  })
  return srv
}

const ERRORS = {
  noMatch: {
    name: 'JWKSNoMatchingKey',
    code: 'ERR_JWKS_NO_MATCHING_KEY',
    message: 'no applicable key found in the JSON Web Key Set',
    own: true,
    cause: undefined
  },
  not200: {
    name: 'JOSEError',
    code: 'ERR_JOSE_GENERIC',
    message: 'Expected 200 OK from the JSON Web Key Set HTTP response',
    own: true,
    cause: undefined
  },
  timeout: {
    name: 'JWKSTimeout',
    code: 'ERR_JWKS_TIMEOUT',
    message: 'request timed out',
    own: true,
    cause: { name: 'TimeoutError', code: 23 }
  }
}

test('one GET fetches the set; the key the header names is resolved and verifies', async (t) => {
  const fx = await keys()
  const jose6 = await reference()
  const seen = await differential(async (impl) => {
    const srv = await serve(t, { keys: [fx.k1.jwk, fx.k2.jwk] })
    const set = impl.createRemoteJWKSet(srv.url)
    const before = members(set)
    const resolved = await outcome(set(header('k2')), impl)
    const { payload } = await jose6.jwtVerify(fx.k1.token, set)
    return { before, resolved, payload, after: members(set), requests: srv.requests.map(({ method, path }) => ({ method, path })) }
  })
  assert.deepStrictEqual(seen.before, { coolingDown: false, fresh: false, reloading: false, jwks: undefined })
  assert.deepStrictEqual(seen.resolved, { kid: 'k2' })
  assert.deepStrictEqual(seen.payload, { sub: 'k1' })
  assert.deepStrictEqual(seen.after, { coolingDown: true, fresh: true, reloading: false, jwks: { keys: [fx.k1.jwk, fx.k2.jwk] } })
  assert.deepStrictEqual(seen.requests, [{ method: 'GET', path: '/jwks.json' }])
})

test('request headers: accept and User-Agent by default, the caller\'s taking precedence', async (t) => {
  const fx = await keys()
  const cases = [
    undefined,
    { 'x-tenant': 'blue' },
    { 'User-Agent': 'mine/1', Accept: 'application/jwk-set+json' },
    [['x-pair', '1']]
  ]
  const seen = await differential(async (impl) => {
    const srv = await serve(t, { keys: [fx.k1.jwk] })
    const sent = []
    for (const headers of cases) {
      await impl.createRemoteJWKSet(srv.url, { headers }).reload()
      // the host's port is the server's; the default User-Agent names the release
      const { host, ...rest } = srv.requests.at(-1).headers
      if (rest['user-agent'] === impl.userAgent) rest['user-agent'] = '<default>'
      sent.push(rest)
    }
    return sent
  })
  assert.strictEqual(seen[0]['user-agent'], '<default>')
  assert.strictEqual(seen[0].accept, ACCEPT)
  assert.strictEqual(seen[1]['x-tenant'], 'blue')
  assert.strictEqual(seen[1]['user-agent'], '<default>')
  assert.strictEqual(seen[2]['user-agent'], 'mine/1')
  assert.strictEqual(seen[2].accept, 'application/jwk-set+json')
  assert.strictEqual(seen[3]['x-pair'], '1')
})

test('a server that never answers, or stops mid-body, is JWKSTimeout', async (t) => {
  const seen = await differential(async (impl) => {
    const srv = await serve(t)
    srv.respond = () => {}
    const set = impl.createRemoteJWKSet(srv.url, { timeoutDuration: 50 })
    const pending = outcome(set(header('k1')), impl)
    const reloadingMeanwhile = set.reloading
    const silent = await pending
    const after = members(set)

    srv.respond = (req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write('{"keys":[')
    }
    const midBody = await outcome(impl.createRemoteJWKSet(srv.url, { timeoutDuration: 300 })(header('k1')), impl)
    return { reloadingMeanwhile, silent, after, midBody, requests: srv.requests.length }
  })
  assert.deepStrictEqual(seen, {
    reloadingMeanwhile: true,
    silent: { error: ERRORS.timeout },
    after: { coolingDown: false, fresh: false, reloading: false, jwks: undefined },
    midBody: { error: ERRORS.timeout },
    requests: 2
  })
})

test('an unknown kid refetches only once cooldownDuration has passed since the last fetch', async (t) => {
  const fx = await keys()
  const clock = freezeClock(t)
  const seen = await differential(async (impl) => {
    const srv = await serve(t, { keys: [fx.k1.jwk] })
    const set = impl.createRemoteJWKSet(srv.url)
    const steps = []
    const step = async (kid) => {
      const { kid: found, error } = await outcome(set(header(kid)), impl)
      steps.push([found ?? error.name, srv.requests.length, set.coolingDown])
    }
    await step('k1')
    srv.jwks = { keys: [fx.k1.jwk, fx.k2.jwk] }
    await step('k2') // cooling down: no request
    clock.now += 29_999
    await step('k2')
    clock.now += 1
    await step('k2') // refetched and found
    await step('k3') // that fetch starts a new cooldown
    clock.now += 30_000
    await step('k3') // refetched once, still unknown
    return steps
  })
  assert.deepStrictEqual(seen, [
    ['k1', 1, true],
    ['JWKSNoMatchingKey', 1, true],
    ['JWKSNoMatchingKey', 1, true],
    ['k2', 2, true],
    ['JWKSNoMatchingKey', 2, true],
    ['JWKSNoMatchingKey', 3, true]
  ])
})

test('without a cooldown each miss refetches exactly once; the first fetch counts as one', async (t) => {
  const fx = await keys()
  const seen = await differential(async (impl) => {
    const srv = await serve(t, { keys: [fx.k1.jwk] })
    const eager = impl.createRemoteJWKSet(srv.url, { cooldownDuration: 0 })
    const counts = []
    for (const kid of ['k3', 'k3', 'k1']) {
      const result = await outcome(eager(header(kid)), impl)
      counts.push([result.kid ?? result.error, srv.requests.length, eager.coolingDown])
    }
    // a first call with an unknown kid: the fetch it made is fresh enough
    const plain = impl.createRemoteJWKSet(srv.url)
    counts.push([(await outcome(plain(header('k3')), impl)).error, srv.requests.length, plain.coolingDown])
    return counts
  })
  assert.deepStrictEqual(seen, [
    [ERRORS.noMatch, 2, false],
    [ERRORS.noMatch, 3, false],
    ['k1', 3, false],
    [ERRORS.noMatch, 4, true]
  ])
})

test('cacheMaxAge: a set that old is fetched again; Infinity never, 0 always', async (t) => {
  const fx = await keys()
  const clock = freezeClock(t)
  const seen = await differential(async (impl) => {
    const srv = await serve(t, { keys: [fx.k1.jwk] })
    const steps = []
    const step = async (set) => {
      const freshBefore = set.fresh
      const { kid } = await outcome(set(header('k1')), impl)
      steps.push([freshBefore, kid, srv.requests.length])
    }
    const minute = impl.createRemoteJWKSet(srv.url, { cacheMaxAge: 60_000 })
    await step(minute)
    clock.now += 59_999
    await step(minute)
    clock.now += 1
    await step(minute)

    const forever = impl.createRemoteJWKSet(srv.url, { cacheMaxAge: Infinity })
    await step(forever)
    clock.now += 10 * 365 * 24 * 3600_000
    await step(forever)

    const never = impl.createRemoteJWKSet(srv.url, { cacheMaxAge: 0 })
    await step(never)
    await step(never)
    return steps
  })
  assert.deepStrictEqual(seen, [
    [false, 'k1', 1], [true, 'k1', 1], [false, 'k1', 2],
    [false, 'k1', 3], [true, 'k1', 3],
    [false, 'k1', 4], [false, 'k1', 5]
  ])
})

test('several matching keys: JWKSMultipleMatchingKeys, iterable, and no refetch', async (t) => {
  const fx = await keys()
  const seen = await differential(async (impl) => {
    const srv = await serve(t, { keys: [withoutKid(fx.k1.jwk), withoutKid(fx.k2.jwk)] })
    const set = impl.createRemoteJWKSet(srv.url, { cooldownDuration: 0 })
    const err = await set({ alg: 'ES256' }).then(() => assert.fail('resolved'), (e) => e)
    const kids = []
    for await (const key of err) kids.push(await kidOf(key))
    return { error: describe(err, impl), kids, requests: srv.requests.length }
  })
  assert.deepStrictEqual(seen, {
    error: {
      name: 'JWKSMultipleMatchingKeys',
      code: 'ERR_JWKS_MULTIPLE_MATCHING_KEYS',
      message: 'multiple matching keys found in the JSON Web Key Set',
      own: true,
      cause: undefined
    },
    kids: ['k1', 'k2'],
    requests: 1
  })
})

test('anything but 200 fails, redirects are not followed, and nothing is remembered', async (t) => {
  const fx = await keys()
  const seen = await differential(async (impl) => {
    const srv = await serve(t, { keys: [fx.k1.jwk] })
    const set = impl.createRemoteJWKSet(srv.url)
    const failures = []
    for (const [status, headers] of [[404], [500], [201], [204], [302, { location: '/moved.json' }]]) {
      srv.respond = (req, res) => send(res, status, status === 204 ? undefined : JSON.stringify(srv.jwks), headers)
      failures.push(await outcome(set(header('k1')), impl))
    }
    const after = members(set)
    srv.respond = (req, res) => send(res, 200, JSON.stringify(srv.jwks))
    const recovered = await outcome(set(header('k1')), impl)
    return { failures, after, recovered, paths: srv.requests.map((r) => r.path) }
  })
  assert.deepStrictEqual(seen.failures, Array(5).fill({ error: ERRORS.not200 }))
  assert.deepStrictEqual(seen.after, { coolingDown: false, fresh: false, reloading: false, jwks: undefined })
  assert.deepStrictEqual(seen.recovered, { kid: 'k1' })
  assert.deepStrictEqual(seen.paths, Array(6).fill('/jwks.json'))
})

test('a body that is not JSON, or not a JSON Web Key Set, fails; the cache keeps nothing', async (t) => {
  const seen = await differential(async (impl) => {
    const srv = await serve(t)
    const results = []
    for (const body of ['not json', '', '{"keys":{}}', '[]', 'null', '{"keys":[1]}']) {
      srv.respond = (req, res) => send(res, 200, body)
      const cache = {}
      const set = impl.createRemoteJWKSet(srv.url, { [impl.jwksCache]: cache })
      results.push([(await outcome(set(header('k1')), impl)).error, cache, set.fresh])
    }
    return results
  })
  const parse = {
    name: 'JOSEError',
    code: 'ERR_JOSE_GENERIC',
    message: 'Failed to parse the JSON Web Key Set HTTP response as JSON',
    own: true,
    cause: { name: 'SyntaxError', code: undefined }
  }
  const malformed = {
    name: 'JWKSInvalid',
    code: 'ERR_JWKS_INVALID',
    message: 'JSON Web Key Set malformed',
    own: true,
    cause: undefined
  }
  assert.deepStrictEqual(seen, [parse, parse, malformed, malformed, malformed, malformed].map((e) => [e, {}, false]))
})

test('a network error reaches the caller as fetch rejected with it', async (t) => {
  // a port nothing listens on any more
  const closed = http.createServer().listen(0, '127.0.0.1')
  await once(closed, 'listening')
  const url = new URL(`http://127.0.0.1:${closed.address().port}/jwks.json`)
  closed.close()
  await once(closed, 'close')

  const seen = await differential(async (impl) => {
    const set = impl.createRemoteJWKSet(url)
    const viaCall = await outcome(set(header('k1')), impl)
    const viaReload = await set.reload().then(() => 'resolved', (err) => describe(err, impl))
    return { viaCall, viaReload, after: members(set) }
  })
  const refused = { name: 'TypeError', code: undefined, message: 'fetch failed', own: false, cause: { name: 'Error', code: 'ECONNREFUSED' } }
  assert.deepStrictEqual(seen, {
    viaCall: { error: refused },
    viaReload: refused,
    after: { coolingDown: false, fresh: false, reloading: false, jwks: undefined }
  })
})

test('[customFetch] is called as jose 6 calls fetch, and its failures are handled alike', async () => {
  const fx = await keys()
  const seen = await differential(async (impl) => {
    const calls = []
    let answer = async () => new Response(JSON.stringify({ keys: [fx.k1.jwk] }))
    const url = new URL('https://issuer.example/jwks?v=1#top')
    const set = impl.createRemoteJWKSet(url, {
      cooldownDuration: 0,
      [impl.customFetch]: (...args) => {
        calls.push(args)
        return answer()
      }
    })
    url.pathname = '/elsewhere' // the set keeps the URL it was given
    const found = await outcome(set(header('k1')), impl)
    const missed = await outcome(set(header('k3')), impl) // refetches once

    const slow = Object.assign(new Error('slow'), { name: 'TimeoutError' })
    answer = async () => { throw slow }
    const timedOut = await set.reload().catch((err) => [describe(err, impl), err.cause === slow])
    const boom = new RangeError('boom')
    answer = () => { throw boom }
    const thrown = await set.reload().catch((err) => err === boom)
    answer = async () => new Response('{}', { status: 404 })
    const notFound = await set.reload().catch((err) => describe(err, impl))

    const [href, init] = calls[0]
    return {
      found,
      missed,
      timedOut,
      thrown,
      notFound,
      calls: calls.length,
      arity: calls.map((args) => args.length),
      href,
      init: Object.keys(init),
      method: init.method,
      redirect: init.redirect,
      signal: init.signal instanceof AbortSignal && !init.signal.aborted,
      headers: init.headers instanceof Headers && [...init.headers].map(([k, v]) => [k, v === impl.userAgent ? '<default>' : v]),
      sameHeaders: calls[1][1].headers === init.headers,
      sameSignal: calls[1][1].signal === init.signal
    }
  })
  assert.deepStrictEqual(seen, {
    found: { kid: 'k1' },
    missed: { error: ERRORS.noMatch },
    timedOut: [{ ...ERRORS.timeout, cause: { name: 'TimeoutError', code: undefined } }, true],
    thrown: true,
    notFound: ERRORS.not200,
    calls: 5,
    arity: [2, 2, 2, 2, 2],
    href: 'https://issuer.example/jwks?v=1#top',
    init: ['method', 'signal', 'redirect', 'headers'],
    method: 'GET',
    redirect: 'manual',
    signal: true,
    headers: [['accept', ACCEPT], ['user-agent', '<default>']],
    sameHeaders: true,
    sameSignal: false
  })
})

test('[jwksCache]: a fresh one stands for a fetch at its uat; each fetch writes { uat, jwks }', async (t) => {
  const fx = await keys()
  const clock = freezeClock(t)
  const seen = await differential(async (impl) => {
    const start = clock.now
    const srv = await serve(t, { keys: [fx.k1.jwk, fx.k2.jwk] })
    const seeded = { uat: start - 1000, jwks: { keys: [fx.k1.jwk] } }
    const set = impl.createRemoteJWKSet(srv.url, { [impl.jwksCache]: seeded })
    const atStart = members(set)
    const k1 = await outcome(set(header('k1')), impl)
    const k2Cooling = await outcome(set(header('k2')), impl)
    const untouched = { uat: seeded.uat - start, jwks: seeded.jwks }
    clock.now += 29_000
    const k2 = await outcome(set(header('k2')), impl)
    const written = { keys: Object.keys(seeded), uat: seeded.uat - start, jwks: seeded.jwks, copy: seeded.jwks !== set.jwks() }
    const requests = srv.requests.length

    // seeds that do not count: each set fetches and then writes its cache
    const ignored = []
    for (const cache of [
      {},
      { uat: clock.now - 600_000, jwks: { keys: [fx.k1.jwk] } }, // as old as cacheMaxAge
      { uat: clock.now, jwks: { keys: 'x' } },
      { uat: String(clock.now), jwks: { keys: [fx.k1.jwk] } },
      { uat: clock.now, jwks: Object.create({ keys: [] }) }
    ]) {
      const before = srv.requests.length
      const other = impl.createRemoteJWKSet(srv.url, { [impl.jwksCache]: cache })
      await outcome(other(header('k2')), impl)
      ignored.push([srv.requests.length - before, cache.uat - clock.now, cache.jwks])
    }

    // Infinity keeps any finite uat fresh
    const ancient = impl.createRemoteJWKSet(srv.url, { cacheMaxAge: Infinity, [impl.jwksCache]: { uat: 0, jwks: { keys: [] } } })

    // the cache is written before the set is timed: one that cannot be
    // written fails the fetch, leaving the new set in use but not fresh
    const frozen = impl.createRemoteJWKSet(srv.url, { [impl.jwksCache]: Object.freeze({}) })
    const frozenError = await frozen.reload().then(() => 'resolved', (err) => describe(err, impl))
    const unwritable = { error: frozenError, ...members(frozen) }

    // a failed fetch writes nothing
    srv.respond = (req, res) => send(res, 500, '{}')
    const failing = {}
    await impl.createRemoteJWKSet(srv.url, { [impl.jwksCache]: failing }).reload().catch(() => {})

    return { atStart, k1, k2Cooling, untouched, k2, written, requests, ignored, ancientFresh: ancient.fresh, unwritable, failing }
  })
  const both = { keys: [fx.k1.jwk, fx.k2.jwk] }
  assert.deepStrictEqual(seen.atStart, { coolingDown: true, fresh: true, reloading: false, jwks: { keys: [fx.k1.jwk] } })
  assert.deepStrictEqual([seen.k1, seen.k2Cooling, seen.k2], [{ kid: 'k1' }, { error: ERRORS.noMatch }, { kid: 'k2' }])
  assert.deepStrictEqual(seen.untouched, { uat: -1000, jwks: { keys: [fx.k1.jwk] } }) // until the fetch
  assert.deepStrictEqual(seen.written, { keys: ['uat', 'jwks'], uat: 29_000, jwks: both, copy: true })
  assert.strictEqual(seen.requests, 1)
  assert.deepStrictEqual(seen.ignored, Array(5).fill([1, 0, both]))
  assert.strictEqual(seen.ancientFresh, true)
  assert.deepStrictEqual(seen.unwritable, {
    error: { name: 'TypeError', code: undefined, message: 'Cannot add property uat, object is not extensible', own: false, cause: undefined },
    coolingDown: false,
    fresh: false,
    reloading: false,
    jwks: both
  })
  assert.deepStrictEqual(seen.failing, {})
})

test('members: reload() bypasses the cooldown and is shared by concurrent callers; jwks() is a copy', async (t) => {
  const fx = await keys()
  const clock = freezeClock(t)
  const seen = await differential(async (impl) => {
    const srv = await serve(t, { keys: [fx.k1.jwk, fx.k2.jwk] })
    const set = impl.createRemoteJWKSet(srv.url)
    const reloading = set.reload()
    const during = set.reloading
    const resolved = await Promise.all([reloading, set.reload(), set(header('k1')), set(header('k2'))])
    const afterFirst = { ...members(set), requests: srv.requests.length, kids: await Promise.all(resolved.slice(2).map(kidOf)) }

    await set.reload() // while cooling down
    const second = srv.requests.length

    const copy = set.jwks()
    copy.keys.length = 0
    const stillTwo = set.jwks().keys.length

    // a failing reload: every waiter gets the one error; the old set stays
    srv.respond = (req, res) => send(res, 500, '{}')
    const settled = await Promise.allSettled([set.reload(), set.reload()])
    const failed = {
      statuses: settled.map((s) => s.status),
      shared: settled[0].reason === settled[1].reason,
      error: describe(settled[0].reason, impl),
      ...members(set)
    }
    // once stale, a call reloads, and the failure is the caller's
    clock.now += 600_000
    const stale = await outcome(set(header('k1')), impl)
    return { during, afterFirst, second, stillTwo, failed, stale, staleMembers: members(set), requests: srv.requests.length }
  })
  const both = { keys: [fx.k1.jwk, fx.k2.jwk] }
  assert.deepStrictEqual(seen, {
    during: true,
    afterFirst: { coolingDown: true, fresh: true, reloading: false, jwks: both, requests: 1, kids: ['k1', 'k2'] },
    second: 2,
    stillTwo: 2,
    failed: {
      statuses: ['rejected', 'rejected'],
      shared: true,
      error: ERRORS.not200,
      coolingDown: true,
      fresh: true,
      reloading: false,
      jwks: both
    },
    stale: { error: ERRORS.not200 },
    staleMembers: { coolingDown: false, fresh: false, reloading: false, jwks: both },
    requests: 4
  })
})

test('the returned function and its members have jose 6\'s shape', async () => {
  const shape = (fn) => ({
    kind: Object.getPrototypeOf(fn).constructor.name,
    hasPrototype: 'prototype' in fn,
    props: Reflect.ownKeys(fn).map((key) => {
      const descriptor = Object.getOwnPropertyDescriptor(fn, key)
      const summary = Object.entries(descriptor).map(([k, v]) => [k, typeof v === 'function' ? `function ${v.name}/${v.length}` : v])
      return [String(key), Object.fromEntries(summary)]
    })
  })
  const [ours, theirs] = await implementations()
  const url = new URL('http://127.0.0.1:9/jwks.json')
  const mine = shape(ours.createRemoteJWKSet(url))
  assert.deepStrictEqual(mine, shape(theirs.createRemoteJWKSet(url)))
  assert.strictEqual(mine.kind, 'AsyncFunction')
  assert.deepStrictEqual(mine.props.map(([key]) => key), ['length', 'name', 'coolingDown', 'fresh', 'reload', 'reloading', 'jwks'])
  assert.deepStrictEqual(mine.props[2][1], { get: 'function get/0', set: undefined, enumerable: true, configurable: false })
  assert.deepStrictEqual(mine.props[4][1], { value: 'function reload/0', writable: false, enumerable: true, configurable: false })

  assert.strictEqual(typeof remote.customFetch, 'symbol')
  assert.strictEqual(typeof remote.jwksCache, 'symbol')
  assert.notStrictEqual(remote.customFetch, remote.jwksCache)
  assert.strictEqual(remote.customFetch.description, theirs.customFetch.description)
  assert.strictEqual(remote.jwksCache.description, theirs.jwksCache.description)
})

test('bad arguments: jose 6\'s TypeErrors, checked in its order', async () => {
  const [ours, theirs] = await implementations()
  const url = new URL('http://127.0.0.1:9/jwks.json')
  const cases = [
    [], ['http://127.0.0.1/jwks.json'], [{ href: url.href }], [null],
    [url, { timeoutDuration: -1 }], [url, { timeoutDuration: 1.5 }], [url, { timeoutDuration: NaN }],
    [url, { timeoutDuration: Infinity }],
    [url, { cooldownDuration: NaN }], [url, { cooldownDuration: -1 }], [url, { cooldownDuration: -Infinity }],
    [url, { cacheMaxAge: NaN }], [url, { cacheMaxAge: -0.5 }],
    [url, { timeoutDuration: -1, cooldownDuration: -1, cacheMaxAge: -1 }],
    [url, { cooldownDuration: NaN, cacheMaxAge: -1 }],
    [url, { cacheMaxAge: -1, headers: { 'bad header': 'x' } }],
    [url, { headers: { 'bad header': 'x' } }], [url, { headers: 'nope' }],
    // accepted
    [url], [url, null], [url, 42], [url, {}],
    [url, { timeoutDuration: '5', cooldownDuration: '1', cacheMaxAge: null }],
    [url, { timeoutDuration: 0, cooldownDuration: Infinity, cacheMaxAge: Infinity }]
  ]
  const attempt = (impl, args) => {
    try {
      return { returned: typeof impl.createRemoteJWKSet(...args) }
    } catch (err) {
      return { name: err.constructor.name, message: err.message }
    }
  }
  for (const args of cases) {
    assert.deepStrictEqual(attempt(ours, args), attempt(theirs, args), inspect(args))
  }
  assert.deepStrictEqual(attempt(ours, ['http://127.0.0.1/']), { name: 'TypeError', message: 'url must be an instance of URL' })
  assert.deepStrictEqual(attempt(ours, [url, { timeoutDuration: 1.5 }]), { name: 'TypeError', message: '"timeoutDuration" option must be a non-negative integer' })
  assert.deepStrictEqual(attempt(ours, [url, { cooldownDuration: NaN }]), { name: 'TypeError', message: '"cooldownDuration" option must not be NaN' })
  assert.deepStrictEqual(attempt(ours, [url, { cacheMaxAge: -1 }]), { name: 'TypeError', message: '"cacheMaxAge" option must not be negative' })
  assert.deepStrictEqual(attempt(ours, [url, 42]), { returned: 'function' })

  // which options are read, in which order
  const reads = (impl) => {
    const seen = []
    const names = new Map([[impl.customFetch, '[customFetch]'], [impl.jwksCache, '[jwksCache]']])
    impl.createRemoteJWKSet(url, new Proxy({}, { get: (target, key) => { seen.push(names.get(key) ?? key) } }))
    return seen
  }
  assert.deepStrictEqual(reads(ours), reads(theirs))
  assert.deepStrictEqual(reads(ours), ['timeoutDuration', 'cooldownDuration', 'cacheMaxAge', 'headers', '[customFetch]', '[jwksCache]'])
})
