'use strict'

// jose-native/v6's JWE against jose 6: the same inputs through both, every
// key management and content encryption algorithm, each key form, every
// serialization, and a table of broken inputs.

const test = require('node:test')
const assert = require('node:assert')
const crypto = require('crypto')
const { createSecretKey } = crypto

const { both, jose6, nodeKeys, v6 } = require('./v6-helpers')

const keys = nodeKeys()
const PLAINTEXT = new TextEncoder().encode('The true sign of intelligence is not knowledge but imagination.')
const bytes = (n, seed = 1) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + seed) & 255)

const ENCS = { A128GCM: 16, A192GCM: 24, A256GCM: 32, 'A128CBC-HS256': 32, 'A192CBC-HS384': 48, 'A256CBC-HS512': 64 }
const IV = { A128GCM: 12, A192GCM: 12, A256GCM: 12, 'A128CBC-HS256': 16, 'A192CBC-HS384': 16, 'A256CBC-HS512': 16 }

/** Symmetric algorithms: a secret in every form jose 6 takes. */
const SYMMETRIC = { A128KW: 16, A192KW: 24, A256KW: 32, A128GCMKW: 16, A192GCMKW: 24, A256GCMKW: 32, 'PBES2-HS256+A128KW': 12, 'PBES2-HS384+A192KW': 12, 'PBES2-HS512+A256KW': 12 }

async function secretForms (alg, length) {
  const jose = await jose6()
  const secret = bytes(length, 3)
  const forms = { Uint8Array: secret, KeyObject: createSecretKey(Buffer.from(secret)), JWK: { kty: 'oct', k: Buffer.from(secret).toString('base64url') } }
  if (!alg.startsWith('PBES2')) forms.CryptoKey = await jose.importJWK({ kty: 'oct', k: Buffer.from(secret).toString('base64url') }, alg, { extractable: true }).catch(() => undefined)
  if (forms.CryptoKey === undefined) delete forms.CryptoKey
  return forms
}

test('deterministic encryption (given CEK, IV and parameters) gives the same JWE, and each decrypts the other\'s', async () => {
  const jose = await jose6()
  for (const [enc, cekLength] of Object.entries(ENCS)) {
    const dirForms = await secretForms('dir', cekLength)
    delete dirForms.CryptoKey
    for (const [form, key] of Object.entries(dirForms)) {
      const make = (lib) => new lib.FlattenedEncrypt(PLAINTEXT).setProtectedHeader({ alg: 'dir', enc }).setInitializationVector(bytes(IV[enc])).setAdditionalAuthenticatedData(bytes(5)).setSharedUnprotectedHeader({ s: 1 }).encrypt(key)
      const [a, b] = await both(make)
      assert.deepStrictEqual(b, a, `dir ${enc} ${form}`)
    }
    for (const [alg, length] of Object.entries(SYMMETRIC)) {
      for (const [form, key] of Object.entries(await secretForms(alg, length))) {
        const parameters = alg.startsWith('PBES2') ? { p2c: 1000, p2s: bytes(16) } : alg.includes('GCMKW') ? { iv: bytes(12, 9) } : undefined
        const make = (lib) => {
          const jwe = new lib.FlattenedEncrypt(PLAINTEXT).setProtectedHeader({ alg, enc }).setContentEncryptionKey(bytes(cekLength, 5)).setInitializationVector(bytes(IV[enc])).setUnprotectedHeader({ kid: form })
          if (parameters) jwe.setKeyManagementParameters(parameters)
          return jwe.encrypt(key)
        }
        const [a, b] = await both(make)
        assert.ok(a.ok, `${alg} ${enc} ${form} encrypts with jose6: ${JSON.stringify(a.error)}`)
        assert.deepStrictEqual(b, a, `${alg} ${enc} ${form}`)
        const mine = await make(v6)
        const options = alg.startsWith('PBES2') ? { keyManagementAlgorithms: [alg] } : undefined
        const [c, d] = await both((lib) => lib.flattenedDecrypt(mine, key, options))
        assert.deepStrictEqual(d, c, `${alg} ${enc} ${form} decrypts`)
        assert.deepStrictEqual(Array.from(await jose.flattenedDecrypt(mine, key, options).then((r) => r.plaintext)), Array.from(PLAINTEXT))
      }
    }
  }
})

test('asymmetric key management: each library decrypts the other\'s JWE, in every key form', async () => {
  const jose = await jose6()
  const pairs = {
    'RSA-OAEP': keys.rsa,
    'RSA-OAEP-256': keys.rsa,
    'RSA-OAEP-384': keys.rsa,
    'RSA-OAEP-512': keys.rsa,
    'ECDH-ES': keys.p256,
    'ECDH-ES+A128KW': keys.p384,
    'ECDH-ES+A192KW': keys.p521,
    'ECDH-ES+A256KW': keys.x25519
  }
  for (const [alg, pair] of Object.entries(pairs)) {
    const publicJwk = pair.publicKey.export({ format: 'jwk' })
    const privateJwk = pair.privateKey.export({ format: 'jwk' })
    const forms = {
      KeyObject: [pair.publicKey, pair.privateKey],
      JWK: [publicJwk, privateJwk],
      CryptoKey: [await jose.importJWK(publicJwk, alg), await jose.importJWK(privateJwk, alg)]
    }
    for (const [form, [encryptKey, decryptKey]] of Object.entries(forms)) {
      for (const enc of ['A256GCM', 'A128CBC-HS256']) {
        const make = (lib) => new lib.CompactEncrypt(PLAINTEXT).setProtectedHeader({ alg, enc, kid: form }).encrypt(encryptKey)
        const mine = await make(v6)
        const theirs = await make(jose)
        const [a, b] = await both((lib) => lib.compactDecrypt(mine, decryptKey))
        assert.ok(a.ok, `${alg} ${enc} ${form}: jose6 decrypts ours: ${JSON.stringify(a.error)}`)
        assert.deepStrictEqual(b, a, `${alg} ${enc} ${form}`)
        const [c, d] = await both((lib) => lib.compactDecrypt(theirs, decryptKey))
        assert.deepStrictEqual(d, c, `${alg} ${enc} ${form} (jose 6's JWE)`)
      }
    }
  }
})

test('general JWE: several recipients, one CEK; both decrypt each recipient', async () => {
  const jose = await jose6()
  const a = bytes(16, 1)
  const b = bytes(32, 2)
  const make = (lib) => new lib.GeneralEncrypt(PLAINTEXT).setProtectedHeader({ enc: 'A256GCM' }).setSharedUnprotectedHeader({ s: 1 })
    .addRecipient(a).setUnprotectedHeader({ alg: 'A128KW', kid: 'a' })
    .addRecipient(keys.rsa.publicKey).setUnprotectedHeader({ alg: 'RSA-OAEP-256' })
    .addRecipient(keys.p256.publicKey).setUnprotectedHeader({ alg: 'ECDH-ES+A256KW' })
    .addRecipient(b).setUnprotectedHeader({ alg: 'A256GCMKW' }).done().encrypt()
  for (const jwe of [await make(v6), await make(jose)]) {
    for (const key of [a, b, keys.rsa.privateKey, keys.p256.privateKey, bytes(16, 9)]) {
      const [c, d] = await both((lib) => lib.generalDecrypt(jwe, key))
      assert.deepStrictEqual(d, c)
    }
  }
  const errorsOf = [
    (lib) => new lib.GeneralEncrypt(PLAINTEXT).encrypt(),
    (lib) => new lib.GeneralEncrypt(PLAINTEXT).addRecipient(a).setUnprotectedHeader({ alg: 'dir', enc: 'A128GCM' }).addRecipient(a).setUnprotectedHeader({ alg: 'A128KW', enc: 'A128GCM' }).encrypt(),
    (lib) => new lib.GeneralEncrypt(PLAINTEXT).addRecipient(a).setUnprotectedHeader({ alg: 'A128KW', enc: 'A128GCM' }).addRecipient(a).setUnprotectedHeader({ alg: 'A128KW', enc: 'A256GCM' }).encrypt(),
    (lib) => new lib.GeneralEncrypt('x').addRecipient(a).setUnprotectedHeader({ alg: 'A128KW', enc: 'A128GCM' }).encrypt()
  ]
  for (const [i, fn] of errorsOf.entries()) {
    const [c, d] = await both(fn)
    assert.deepStrictEqual(d, c, `general error #${i}`)
  }
})

test('broken and unusual JWEs fail alike', async () => {
  const jose = await jose6()
  const key = bytes(16)
  const good = await new jose.FlattenedEncrypt(PLAINTEXT).setProtectedHeader({ alg: 'A128KW', enc: 'A128GCM' }).encrypt(key)
  const compact = [good.protected, good.encrypted_key, good.iv, good.ciphertext, good.tag].join('.')
  const enc = (o) => Buffer.from(JSON.stringify(o)).toString('base64url')
  const withHeader = (h) => [enc(h), good.encrypted_key, good.iv, good.ciphertext, good.tag].join('.')
  const compacts = [
    compact, compact + '.', compact.split('.').slice(0, 4).join('.'), `x${compact}`, compact.replace(good.tag, 'AAAA'), compact.replace(good.tag, ''),
    compact.replace(good.iv, ''), compact.replace(good.iv, 'AAAA'), compact.replace(good.encrypted_key, ''), compact.replace(good.encrypted_key, '!!'),
    withHeader({ alg: 'A128KW' }), withHeader({ enc: 'A128GCM' }), withHeader({ alg: 'RSA1_5', enc: 'A128GCM' }), withHeader({ alg: 'A128KW', enc: 'A1GCM' }),
    withHeader({ alg: 'A128KW', enc: 'A128GCM', zip: 'DEF' }), withHeader({ alg: 'A128KW', enc: 'A128GCM', zip: 'X' }), withHeader({ alg: 'A128KW', enc: 'A128GCM', crit: ['x'], x: 1 }),
    withHeader({ alg: 'PBES2-HS256+A128KW', enc: 'A128GCM', p2c: 1, p2s: 'AAAAAAAAAAA' }), withHeader({ alg: 'dir', enc: 'A128GCM' }), withHeader({ alg: 'ECDH-ES', enc: 'A128GCM' }),
    withHeader({ alg: 'A128GCMKW', enc: 'A128GCM' }), withHeader({ alg: 'A128GCMKW', enc: 'A128GCM', iv: 'AAAA', tag: 'AAAA' }), withHeader([]), 'a.b.c.d.e', '....', 42, Buffer.from(compact)
  ]
  const options = [undefined, { keyManagementAlgorithms: ['A256KW'] }, { contentEncryptionAlgorithms: ['A256GCM'] }, { maxPBES2Count: 0 }, { maxPBES2Count: 'x' }, { maxDecompressedLength: -1 }, { keyManagementAlgorithms: 'x' }, { crit: { x: true } }]
  for (const [i, input] of compacts.entries()) {
    for (const option of options) {
      const [a, b] = await both((lib) => lib.compactDecrypt(input, key, option))
      assert.deepStrictEqual(b, a, `compact #${i} ${JSON.stringify(option)}`)
    }
  }
  const flattened = [
    good, { ...good, iv: 1 }, { ...good, iv: '' }, { ...good, ciphertext: undefined }, { ...good, tag: 5 }, { ...good, protected: 1 }, { ...good, aad: '' },
    { ...good, unprotected: [] }, { ...good, encrypted_key: 1 }, { ...good, header: 'x' }, { ciphertext: good.ciphertext }, { ...good, header: { alg: 'A128KW' } },
    { ...good, unprotected: { kid: 1 }, header: { kid: 2 } }, { ...good, aad: 'é' }, [], null
  ]
  for (const [i, input] of flattened.entries()) {
    for (const option of options.slice(0, 3)) {
      const [a, b] = await both((lib) => lib.flattenedDecrypt(input, key, option))
      assert.deepStrictEqual(b, a, `flattened #${i} ${JSON.stringify(option)}`)
    }
  }
  const general = [
    { ...good, recipients: [{ encrypted_key: good.encrypted_key }] }, { ciphertext: good.ciphertext, recipients: [] }, { ciphertext: good.ciphertext, recipients: {} },
    { ciphertext: good.ciphertext, recipients: [1] }, { protected: good.protected, ciphertext: 1, recipients: [{}] },
    { protected: enc({ enc: 'A128GCM' }), ciphertext: good.ciphertext, iv: good.iv, tag: good.tag, recipients: [{ header: { alg: 'dir' } }, { header: { alg: 'A128KW' } }] }, 'x'
  ]
  for (const [i, input] of general.entries()) {
    const [a, b] = await both((lib) => lib.generalDecrypt(input, key))
    assert.deepStrictEqual(b, a, `general #${i}`)
  }
})

test('encryption: header, key and parameter rules fail alike', async () => {
  const key = bytes(16)
  const cases = [
    [{ alg: 'A128KW', enc: 'A128GCM' }, key], [{ enc: 'A128GCM' }, key], [{ alg: 'A128KW' }, key], [{ alg: 'A128KW', enc: 'A1' }, key], [{ alg: 'RSA1_5', enc: 'A128GCM' }, keys.rsa.publicKey],
    [{ alg: 'A128KW', enc: 'A128GCM', zip: 'DEF' }, key], [{ alg: 'A128KW', enc: 'A128GCM', crit: ['b64'] }, key], [{ alg: 'A256KW', enc: 'A128GCM' }, key],
    [{ alg: 'dir', enc: 'A256GCM' }, key], [{ alg: 'A128KW', enc: 'A128GCM' }, keys.rsa.publicKey], [{ alg: 'RSA-OAEP', enc: 'A128GCM' }, keys.rsa.privateKey],
    [{ alg: 'RSA-OAEP', enc: 'A128GCM' }, keys.rsa1024.publicKey], [{ alg: 'ECDH-ES', enc: 'A128GCM' }, keys.ed25519.publicKey], [{ alg: 'ECDH-ES', enc: 'A128GCM' }, key],
    [{ alg: 'A128KW', enc: 'A128GCM', apu: 'AQ', apv: 'AQ' }, key], [{ alg: 'ECDH-ES', enc: 'A128GCM', apu: 'AQ', apv: 'AQ' }, keys.p256.publicKey],
    [{ alg: 'A128KW', enc: 'A128GCM', n: 1n }, key], [null, key], [{ alg: 'A128GCMKW', enc: 'A128GCM' }, bytes(20)], [{ alg: 'PBES2-HS256+A128KW', enc: 'A128GCM' }, bytes(3)]
  ]
  for (const [i, [header, k]] of cases.entries()) {
    const [a, b] = await both((lib) => new lib.CompactEncrypt(PLAINTEXT).setProtectedHeader(header).encrypt(k))
    assert.deepStrictEqual(b.error ?? 'encrypted', a.error ?? 'encrypted', `compact #${i} ${JSON.stringify(header, (_, v) => typeof v === 'bigint' ? String(v) : v)}`)
  }
  const parameterCases = [{ p2c: 0 }, { p2c: 1.5 }, { p2s: bytes(4) }, { p2s: 'x' }, { iv: 'x' }, { apu: 'x' }, 5]
  for (const [i, parameters] of parameterCases.entries()) {
    const alg = i < 4 ? 'PBES2-HS256+A128KW' : i === 4 ? 'A128GCMKW' : 'ECDH-ES'
    const k = alg === 'ECDH-ES' ? keys.p256.publicKey : key
    const [a, b] = await both((lib) => new lib.CompactEncrypt(PLAINTEXT).setProtectedHeader({ alg, enc: 'A128GCM' }).setKeyManagementParameters(parameters).encrypt(k))
    assert.deepStrictEqual(b.error ?? 'encrypted', a.error ?? 'encrypted', `parameters #${i}`)
  }
  const [a, b] = await both((lib) => new lib.CompactEncrypt(PLAINTEXT).setProtectedHeader({ alg: 'dir', enc: 'A128GCM' }).setContentEncryptionKey(key).encrypt(key))
  assert.deepStrictEqual(b, a)
  const [c, d] = await both((lib) => new lib.CompactEncrypt(PLAINTEXT).setProtectedHeader({ alg: 'A128KW', enc: 'A128GCM' }).setInitializationVector(bytes(5)).encrypt(key))
  assert.deepStrictEqual(d, c)
})

test('EncryptJWT and jwtDecrypt: claims, replicated claims, failures', async () => {
  const jose = await jose6()
  const key = bytes(32)
  const now = new Date(1700000000000)
  const make = (lib) => new lib.EncryptJWT({ iss: 'i', sub: 's', aud: ['a'], exp: 1800000000 }).setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
    .replicateIssuerAsHeader().replicateSubjectAsHeader().replicateAudienceAsHeader().setInitializationVector(bytes(12)).encrypt(key)
  assert.strictEqual(await make(v6), await make(jose))
  const token = await make(jose)
  for (const options of [undefined, { issuer: 'i', currentDate: now }, { issuer: 'x', currentDate: now }, { currentDate: new Date(1900000000000) }, { audience: 'b', currentDate: now }]) {
    const [a, b] = await both((lib) => lib.jwtDecrypt(token, key, options))
    assert.deepStrictEqual(b, a, JSON.stringify(options))
  }
  const mismatch = await new jose.CompactEncrypt(new TextEncoder().encode('{"iss":"i"}')).setProtectedHeader({ alg: 'dir', enc: 'A256GCM', iss: 'other' }).encrypt(key)
  const notJson = await new jose.CompactEncrypt(new TextEncoder().encode('[1]')).setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).encrypt(key)
  for (const jwt of [mismatch, notJson]) {
    const [a, b] = await both((lib) => lib.jwtDecrypt(jwt, key))
    assert.deepStrictEqual(b, a)
  }
})

test('key functions for decryption see the protected header and the JWE', async () => {
  const jose = await jose6()
  const key = bytes(16)
  const jwe = await new jose.CompactEncrypt(PLAINTEXT).setProtectedHeader({ alg: 'A128KW', enc: 'A128GCM', kid: 'k' }).encrypt(key)
  const seen = []
  const [a, b] = await both((lib) => lib.compactDecrypt(jwe, (header, token) => { seen.push([header, token]); return key }))
  assert.deepStrictEqual(b, a)
  assert.deepStrictEqual(seen[1], seen[0])
})

test('ECDH-ES with a given ephemeral key (setKeyManagementParameters({ epk })): the same JWE as jose 6, in every key form', async () => {
  const jose = await jose6()
  const curves = { 'P-256': 'ec', 'P-384': 'ec', X25519: 'x25519' }
  for (const [crv, type] of Object.entries(curves)) {
    const recipient = type === 'ec' ? crypto.generateKeyPairSync('ec', { namedCurve: crv }) : crypto.generateKeyPairSync('x25519')
    const ephemeral = type === 'ec' ? crypto.generateKeyPairSync('ec', { namedCurve: crv }) : crypto.generateKeyPairSync('x25519')
    const ephemeralJwk = ephemeral.privateKey.export({ format: 'jwk' })
    for (const alg of ['ECDH-ES', 'ECDH-ES+A128KW']) {
      // jose 6 takes only an ephemeral key it can export: an extractable
      // CryptoKey or a JWK with ext: true (it imports the others non-extractable)
      const forms = {
        KeyObject: ephemeral.privateKey,
        JWK: ephemeralJwk,
        'JWK ext': { ...ephemeralJwk, ext: true },
        CryptoKey: await jose.importJWK(ephemeralJwk, alg, { extractable: true }),
        'CryptoKey not extractable': await jose.importJWK(ephemeralJwk, alg)
      }
      for (const [form, epk] of Object.entries(forms)) {
        const make = (lib) => {
          const jwe = new lib.FlattenedEncrypt(PLAINTEXT).setProtectedHeader({ alg, enc: 'A128GCM' })
            .setKeyManagementParameters({ epk, apu: bytes(3), apv: bytes(4, 2) }).setInitializationVector(bytes(12))
          if (alg !== 'ECDH-ES') jwe.setContentEncryptionKey(bytes(16, 5))
          return jwe.encrypt(recipient.publicKey)
        }
        const [a, b] = await both(make)
        assert.strictEqual(!!a.ok, form === 'JWK ext' || form === 'CryptoKey', `${crv} ${alg} ${form}: ${JSON.stringify(a.error)}`)
        assert.deepStrictEqual(b, a, `${crv} ${alg} ${form}`)
      }
    }
  }
  // a public key is no ephemeral key
  const p256 = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const [a, b] = await both((lib) => new lib.CompactEncrypt(PLAINTEXT).setProtectedHeader({ alg: 'ECDH-ES', enc: 'A128GCM' })
    .setKeyManagementParameters({ epk: p256.publicKey }).encrypt(p256.publicKey))
  assert.deepStrictEqual(b, a)
})
