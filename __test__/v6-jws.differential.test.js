'use strict'

// jose-native/v6 against jose 6 (the jose6 devDependency): the same JWS
// and JWT inputs through both, over every algorithm and key form, and a
// table of broken inputs; results, or error class, code and message, must
// be the same.

const test = require('node:test')
const assert = require('node:assert')

const { both, jose6, nodeKeys, v6 } = require('./v6-helpers')

const keys = nodeKeys()
const SECRET = new Uint8Array(keys.secret.export())

const ASYMMETRIC = {
  RS256: keys.rsa,
  RS384: keys.rsa,
  RS512: keys.rsa,
  PS256: keys.rsa,
  PS384: keys.rsa,
  PS512: keys.rsa,
  ES256: keys.p256,
  ES384: keys.p384,
  ES512: keys.p521,
  EdDSA: keys.ed25519,
  Ed25519: keys.ed25519
}
// signatures that come out the same each time, so tokens compare as text
const DETERMINISTIC = new Set(['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'EdDSA', 'Ed25519'])

/**
 * Every form jose 6 takes a key in, for `alg`: KeyObject, JWK, CryptoKey
 * (made by jose 6 itself) and, for HMAC, Uint8Array.
 * @param {string} alg
 * @param {'private' | 'public'} type
 */
async function keyForms (alg, type) {
  const jose = await jose6()
  if (alg.startsWith('HS')) {
    const cryptoKey = await jose.importJWK({ kty: 'oct', k: Buffer.from(SECRET).toString('base64url') }, alg, { extractable: true })
    return { Uint8Array: SECRET, KeyObject: keys.secret, JWK: { kty: 'oct', k: Buffer.from(SECRET).toString('base64url') }, CryptoKey: cryptoKey }
  }
  const keyObject = ASYMMETRIC[alg][`${type}Key`]
  const jwk = keyObject.export({ format: 'jwk' })
  return { KeyObject: keyObject, JWK: jwk, CryptoKey: await jose.importJWK(jwk, alg) }
}

const ALGS = ['HS256', 'HS384', 'HS512', ...Object.keys(ASYMMETRIC)]

test('SignJWT: the same token (or one the other verifies) for every algorithm and key form', async () => {
  const jose = await jose6()
  for (const alg of ALGS) {
    const forms = await keyForms(alg, 'private')
    const verifyKey = alg.startsWith('HS') ? SECRET : ASYMMETRIC[alg].publicKey
    for (const [form, key] of Object.entries(forms)) {
      const sign = (lib) => new lib.SignJWT({ sub: 'alice', 'urn:x': [1, 'é', '\ud800'] })
        .setProtectedHeader({ alg, kid: 'k1', typ: 'JWT' })
        .setIssuedAt(1700000000).setNotBefore(1700000000).setExpirationTime(2000000000)
        .setIssuer('iss').setAudience(['a', 'b']).setJti('j')
        .sign(key)
      const mine = await sign(v6)
      const theirs = await sign(jose)
      if (DETERMINISTIC.has(alg)) assert.strictEqual(mine, theirs, `${alg} ${form}`)
      const checked = await jose.jwtVerify(mine, verifyKey, { currentDate: new Date(1800000000000) })
      assert.deepStrictEqual(checked, await v6.jwtVerify(theirs, verifyKey, { currentDate: new Date(1800000000000) }), `${alg} ${form}`)
    }
  }
})

test('compact, flattened and general JWS: same output and same verification for every algorithm and key form', async () => {
  const jose = await jose6()
  const payload = new Uint8Array([0, 1, 2, 250, 255])
  for (const alg of ALGS) {
    const signing = await keyForms(alg, 'private')
    const verifying = await keyForms(alg, 'public')
    for (const form of Object.keys(signing)) {
      const flattened = (lib) => new lib.FlattenedSign(payload).setProtectedHeader({ alg }).setUnprotectedHeader({ kid: form }).sign(signing[form])
      const general = (lib) => new lib.GeneralSign(payload).addSignature(signing[form]).setProtectedHeader({ alg }).addSignature(SECRET).setProtectedHeader({ alg: 'HS256' }).done().sign()
      const compact = (lib) => new lib.CompactSign(payload).setProtectedHeader({ alg }).sign(signing[form])
      for (const make of [compact, flattened, general]) {
        const mine = await make(v6)
        const theirs = await make(jose)
        if (DETERMINISTIC.has(alg)) assert.deepStrictEqual(mine, theirs, `${alg} ${form} ${make.name}`)
        const verify = { compact: 'compactVerify', flattened: 'flattenedVerify', general: 'generalVerify' }[make.name]
        const [a, b] = await both((lib) => lib[verify](mine, verifying[form]))
        assert.ok(a.ok, `${alg} ${form} ${make.name} verifies with jose6: ${JSON.stringify(a.error)}`)
        assert.deepStrictEqual(b, a, `${alg} ${form} ${make.name}`)
        const [c, d] = await both((lib) => lib[verify](theirs, verifying[form]))
        assert.deepStrictEqual(d, c, `${alg} ${form} ${make.name} (jose 6's JWS)`)
      }
    }
  }
})

/** Broken or unusual inputs for each verify function, all with an HS256 key. */
async function brokenInputs () {
  const jose = await jose6()
  const good = await new jose.CompactSign(new Uint8Array([1])).setProtectedHeader({ alg: 'HS256' }).sign(SECRET)
  const [h, p, s] = good.split('.')
  const enc = (o) => Buffer.from(JSON.stringify(o)).toString('base64url')
  const signWith = async (header, payload = new Uint8Array([1])) => new jose.FlattenedSign(payload).setProtectedHeader(header).sign(SECRET)
  const unencoded = await signWith({ alg: 'HS256', b64: false, crit: ['b64'] })
  return {
    compact: [
      good, `${h}.${p}.${s}x`, `${h}.${p}`, `${h}.${p}.${s}.x`, `.${p}.${s}`, `${h}..${s}`, `${h}.${p}.`, `${h}.${p}.!!`,
      `${h} .${p}.${s}`, `${enc({ alg: 'HS256' })}=.${p}.${s}`, `${enc({ alg: 'none' })}.${p}.`, `${enc({ alg: 'ES256K' })}.${p}.${s}`,
      `${enc({})}.${p}.${s}`, `${enc({ alg: '' })}.${p}.${s}`, `${enc({ alg: 1 })}.${p}.${s}`, `${enc([1])}.${p}.${s}`,
      `${enc({ alg: 'HS256', crit: ['b64'] })}.${p}.${s}`, `${enc({ alg: 'HS256', crit: ['x'], x: 1 })}.${p}.${s}`,
      `${enc({ alg: 'HS256', crit: [] })}.${p}.${s}`, `${enc({ alg: 'HS256', crit: 'b64' })}.${p}.${s}`,
      `${enc({ alg: 'HS256', b64: false, crit: ['b64'] })}.é.${s}`, `${enc({ alg: 'HS256', b64: 'no', crit: ['b64'] })}.${p}.${s}`,
      `${h}.é.${s}`, `${Buffer.from('{"alg":"HS256"').toString('base64url')}.${p}.${s}`, `${Buffer.from([0xff, 0xfe]).toString('base64url')}.${p}.${s}`,
      `\ufeff${good}`, Buffer.from(good), 42, null, undefined, {}
    ],
    flattened: [
      await signWith({ alg: 'HS256' }), unencoded, { ...unencoded, payload: '\x01' }, { ...unencoded, payload: '\ud800' },
      { ...unencoded, payload: new Uint8Array([1]) }, { ...unencoded, payload: 7 },
      { payload: p, signature: s }, { protected: 1, payload: p, signature: s }, { protected: h, signature: s },
      { protected: h, payload: p }, { protected: h, payload: p, signature: s, header: [] }, { protected: h, payload: p, signature: s, header: { alg: 'HS256' } },
      { header: { alg: 'HS256' }, payload: p, signature: s }, { protected: h, payload: 5, signature: s }, { protected: h, payload: p, signature: s, header: { crit: ['x'] } },
      { protected: h, payload: new Uint8Array([1]), signature: s }, [], 'x', null
    ],
    general: [
      { payload: p, signatures: [{ protected: h, signature: s }] }, { payload: p, signatures: [{ protected: h, signature: 'AAAA' }, { protected: h, signature: s }] },
      { payload: p, signatures: [] }, { payload: p, signatures: {} }, { payload: p, signatures: [1] }, { signatures: [{ protected: h, signature: s }] },
      { payload: '\x01', signatures: [{ protected: unencoded.protected, signature: unencoded.signature }, { protected: h, signature: s }] },
      { payload: p, signatures: [{ protected: 'x', signature: s }] }, null
    ]
  }
}

test('broken inputs: compactVerify, flattenedVerify, generalVerify fail alike', async () => {
  const inputs = await brokenInputs()
  const options = [undefined, { algorithms: ['HS256'] }, { algorithms: ['RS256'] }, { crit: { x: true } }, { crit: { b64: false } }, { algorithms: 'HS256' }]
  for (const [fn, list] of [['compactVerify', inputs.compact], ['flattenedVerify', inputs.flattened], ['generalVerify', inputs.general]]) {
    for (const [i, input] of list.entries()) {
      for (const option of options) {
        const [a, b] = await both((lib) => lib[fn](input, SECRET, option))
        assert.deepStrictEqual(b, a, `${fn} #${i} ${JSON.stringify(option)}`)
      }
    }
  }
})

test('key functions are called with the header and token, and the key is in the result', async () => {
  const jose = await jose6()
  const token = await new jose.CompactSign(new Uint8Array([1])).setProtectedHeader({ alg: 'HS256', kid: 'a' }).sign(SECRET)
  const seen = []
  const getKey = (header, jws) => { seen.push([header, jws]); return SECRET }
  const [a, b] = await both((lib) => lib.compactVerify(token, getKey))
  assert.deepStrictEqual(b, a)
  assert.deepStrictEqual(seen[1], seen[0])
  const failing = () => { throw new Error('no key') }
  assert.deepStrictEqual(...(await both((lib) => lib.compactVerify(token, failing))))
})

test('signing: header and crit rules fail alike', async () => {
  const cases = [
    [{ alg: 'HS256' }, undefined], [undefined, { alg: 'HS256' }], [undefined, undefined], [{ alg: 'HS256' }, { alg: 'HS256' }],
    [{ alg: 'HS256', b64: false, crit: ['b64'] }, undefined], [{ alg: 'HS256', b64: 'x', crit: ['b64'] }, undefined],
    [{ alg: 'HS256', crit: ['b64', 'b64'], b64: true }, undefined], [{ alg: 'HS256', crit: ['x'] }, undefined], [{ alg: 'HS256', crit: ['x'], x: 1 }, undefined],
    [{ alg: 'HS256' }, { crit: ['x'] }], [{}, undefined], [{ alg: 'none' }, undefined], [{ alg: 'ES256K' }, undefined], [{ alg: 'HS256', n: 1n }, undefined],
    [[], undefined], [null, undefined], [{ alg: 'HS256', u: '\ud800' }, undefined], [{ alg: 'HS256', crit: ['x'], x: 1 }, { y: 2 }]
  ]
  const options = [undefined, { crit: { x: true } }, { crit: { x: false } }]
  for (const [i, [protectedHeader, unprotectedHeader]] of cases.entries()) {
    for (const option of options) {
      const flattened = (lib) => {
        const signer = new lib.FlattenedSign(new Uint8Array([1]))
        if (protectedHeader !== undefined) signer.setProtectedHeader(protectedHeader)
        if (unprotectedHeader !== undefined) signer.setUnprotectedHeader(unprotectedHeader)
        return signer.sign(SECRET, option)
      }
      assert.deepStrictEqual(...(await both(flattened)).reverse(), `flattened #${i} ${JSON.stringify(option)}`)
      if (unprotectedHeader === undefined) {
        const compact = (lib) => new lib.CompactSign(new Uint8Array([1])).setProtectedHeader(protectedHeader).sign(SECRET, option)
        assert.deepStrictEqual(...(await both(compact)).reverse(), `compact #${i}`)
        const jwt = (lib) => new lib.SignJWT({}).setProtectedHeader(protectedHeader).sign(SECRET, option)
        assert.deepStrictEqual(...(await both(jwt)).reverse(), `jwt #${i}`)
      }
    }
  }
  assert.deepStrictEqual(...(await both((lib) => new lib.GeneralSign(new Uint8Array([1])).sign())))
  assert.deepStrictEqual(...(await both((lib) => new lib.GeneralSign('x').addSignature(SECRET).setProtectedHeader({ alg: 'HS256' }).sign())))
  assert.deepStrictEqual(...(await both((lib) => new lib.GeneralSign(new Uint8Array([1]))
    .addSignature(SECRET).setProtectedHeader({ alg: 'HS256' })
    .addSignature(SECRET).setProtectedHeader({ alg: 'HS256', b64: false, crit: ['b64'] }).sign())))
  assert.deepStrictEqual(...(await both((lib) => new lib.CompactSign('x'))))
  assert.deepStrictEqual(...(await both((lib) => new lib.CompactSign(new Uint8Array()).setProtectedHeader({}).setProtectedHeader({}))))
})

test('keys of the wrong kind, type, usage or size fail alike', async () => {
  const jose = await jose6()
  const token = await new jose.CompactSign(new Uint8Array([1])).setProtectedHeader({ alg: 'ES256' }).sign(keys.p256.privateKey)
  const rsToken = await new jose.CompactSign(new Uint8Array([1])).setProtectedHeader({ alg: 'RS256' }).sign(keys.rsa.privateKey)
  const hsToken = await new jose.CompactSign(new Uint8Array([1])).setProtectedHeader({ alg: 'HS256' }).sign(SECRET)
  const p256Jwk = keys.p256.publicKey.export({ format: 'jwk' })
  const verifyOnly = await jose.importJWK(p256Jwk, 'ES256')
  const ecdh = await jose.importJWK(p256Jwk, 'ECDH-ES')
  const hmac384 = await jose.importJWK({ kty: 'oct', k: Buffer.from(SECRET).toString('base64url') }, 'HS384')
  const candidates = {
    privateKeyObject: keys.p256.privateKey,
    p384: keys.p384.publicKey,
    ed25519: keys.ed25519.publicKey,
    rsa1024: keys.rsa1024.publicKey,
    secretKeyObject: keys.secret,
    ecdh,
    hmac384,
    string: 'secret',
    buffer: Buffer.from(SECRET),
    emptyBytes: new Uint8Array(0),
    nothing: undefined,
    nul: null,
    fn: function namedFn () {},
    jwkPrivate: keys.p256.privateKey.export({ format: 'jwk' }),
    jwkEnc: { ...p256Jwk, use: 'enc' },
    jwkAlg: { ...p256Jwk, alg: 'ES384' },
    jwkOps: { ...p256Jwk, key_ops: ['sign'] },
    jwkOpsDup: { ...p256Jwk, key_ops: ['verify', 'verify'] },
    jwkExt: { ...p256Jwk, ext: 'yes' },
    jwkNoKty: { crv: 'P-256' },
    jwkOct: { kty: 'oct', k: 'AAAA' },
    jwkOctBad: { kty: 'oct', k: '+' },
    jwkBroken: { kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'AAAA' },
    jwkWrongCrv: { ...keys.p384.publicKey.export({ format: 'jwk' }) },
    jwkRsa: keys.rsa.publicKey.export({ format: 'jwk' })
  }
  for (const [name, key] of Object.entries(candidates)) {
    for (const [label, jws] of [['ES256', token], ['RS256', rsToken], ['HS256', hsToken]]) {
      const [a, b] = await both((lib) => lib.compactVerify(jws, typeof key === 'object' && key && !ArrayBuffer.isView(key) && !key.type ? { ...key } : key))
      assert.deepStrictEqual(b, a, `verify ${label} with ${name}`)
    }
  }
  for (const [name, key] of Object.entries({ ...candidates, verifyOnly, publicKeyObject: keys.p256.publicKey })) {
    for (const alg of ['ES256', 'HS256', 'RS256']) {
      const [a, b] = await both((lib) => new lib.CompactSign(new Uint8Array([1])).setProtectedHeader({ alg }).sign(typeof key === 'object' && key && !ArrayBuffer.isView(key) && !key.type ? { ...key } : key))
      // ECDSA signatures differ from run to run: a success is a success
      assert.deepStrictEqual(b.error ?? 'signed', a.error ?? 'signed', `sign ${alg} with ${name}`)
    }
  }
})

test('JWK objects are frozen once used, as jose 6 freezes them', async () => {
  const jwk = keys.p256.publicKey.export({ format: 'jwk' })
  const jose = await jose6()
  const token = await new jose.CompactSign(new Uint8Array([1])).setProtectedHeader({ alg: 'ES256' }).sign(keys.p256.privateKey)
  await v6.compactVerify(token, jwk)
  assert.ok(Object.isFrozen(jwk))
  const secretJwk = { kty: 'oct', k: Buffer.from(SECRET).toString('base64url') }
  const hs = await jose.compactVerify(await new jose.CompactSign(new Uint8Array([1])).setProtectedHeader({ alg: 'HS256' }).sign(SECRET), secretJwk)
  assert.ok(hs && !Object.isFrozen(secretJwk))
  await v6.compactVerify(await new jose.CompactSign(new Uint8Array([1])).setProtectedHeader({ alg: 'HS256' }).sign(SECRET), secretJwk)
  assert.ok(!Object.isFrozen(secretJwk), 'an oct JWK is left alone')
})
