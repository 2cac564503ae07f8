'use strict'

// A tour of jose-native/v6, jose 6's API on the native core. Every call is
// written as jose 6's documentation writes it; a jose 6 user's code differs
// only in the module specifier ('jose-native/v6' instead of 'jose'), or not
// at all with `npm install jose@npm:jose-native-v6`. Run it with `npm start`
// (after the jose 1.x quickstart) or `node examples/v6-tour.js`.

const jose = require('../v6') // in an application: require('jose-native/v6')

const {
  SignJWT, jwtVerify, CompactSign, compactVerify, FlattenedSign, flattenedVerify, GeneralSign, generalVerify,
  generateKeyPair, generateSecret, importPKCS8, importSPKI, importJWK, exportPKCS8, exportSPKI, exportJWK,
  calculateJwkThumbprint, calculateJwkThumbprintUri, createLocalJWKSet, EmbeddedJWK,
  decodeJwt, decodeProtectedHeader, base64url, errors,
  EncryptJWT, jwtDecrypt, CompactEncrypt, compactDecrypt, GeneralEncrypt, generalDecrypt
} = jose

const show = (title, value) => console.log(`\n== ${title}\n${typeof value === 'string' ? value : JSON.stringify(value, null, 2)}`)
const text = (bytes) => new TextDecoder().decode(bytes)

const ISSUER = 'https://op.example.com'
const AUDIENCE = 'urn:example:client'

async function main () {
  console.log("\n# jose-native/v6: jose 6's API\n")

  // Keys are CryptoKeys (Web Crypto's), as in jose 6. `extractable: true`
  // where the tour exports them later.
  const es256 = await generateKeyPair('ES256', { extractable: true })
  const ed25519 = await generateKeyPair('Ed25519')
  const rsa = await generateKeyPair('PS256', { modulusLength: 2048 })
  const secret = await generateSecret('HS256', { extractable: true })
  for (const [alg, key] of [['ES256', es256.privateKey], ['Ed25519', ed25519.privateKey], ['PS256', rsa.privateKey], ['HS256', secret]]) {
    const { name, namedCurve, modulusLength, hash } = key.algorithm
    console.log(`${alg.padEnd(7)} ${key.constructor.name} ${key.type.padEnd(7)} ${name.padEnd(7)} ${String(namedCurve || modulusLength || hash?.name || '').padEnd(7)} usages ${key.usages.join(' ')}`)
  }

  // --- JWT ---

  const jwt = await new SignJWT({ 'urn:example:claim': 'foo', scope: 'read write' })
    .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: 'es-1' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject('user-1')
    .setIssuedAt()
    .setNotBefore('0s')
    .setExpirationTime('2h')
    .setJti('id-1')
    .sign(es256.privateKey)
  show('ES256 JWT', jwt)
  show('ES256 public JWK', await exportJWK(es256.publicKey))

  const { payload, protectedHeader } = await jwtVerify(jwt, es256.publicKey, {
    issuer: ISSUER,
    audience: AUDIENCE,
    algorithms: ['ES256'],
    requiredClaims: ['sub', 'jti'],
    maxTokenAge: '1 day',
    clockTolerance: '1 min'
  })
  show('jwtVerify: protected header and claims', { protectedHeader, payload })

  // A claim that fails its check: jose 6's error class, code, claim and reason.
  try {
    await jwtVerify(jwt, es256.publicKey, { audience: 'urn:example:someone-else' })
  } catch (err) {
    console.log(`\nwrong audience: ${err.constructor.name} ${err.code} (claim ${err.claim}, reason ${err.reason}): ${err.message}`)
    console.log(`  instanceof errors.JWTClaimValidationFailed: ${err instanceof errors.JWTClaimValidationFailed}, of errors.JOSEError: ${err instanceof errors.JOSEError}`)
  }
  try {
    await jwtVerify(jwt, es256.publicKey, { currentDate: new Date(Date.now() + 3 * 3600 * 1000) })
  } catch (err) {
    console.log(`three hours later: ${err.constructor.name} ${err.code} (claim ${err.claim}, reason ${err.reason})`)
  }
  const hs256 = await new SignJWT({ sub: 'user-2' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('10m').sign(secret)
  try {
    await jwtVerify(hs256, secret, { algorithms: ['ES256'] })
  } catch (err) {
    console.log(`HS256 token, only ES256 allowed: ${err.constructor.name} ${err.code}`)
  }

  // --- JWS: compact, flattened and general serializations ---

  const data = new TextEncoder().encode(JSON.stringify({ event: 'order.created', id: 'ord_42' }))

  const compact = await new CompactSign(data).setProtectedHeader({ alg: 'EdDSA' }).sign(ed25519.privateKey)
  show('EdDSA compact JWS', compact)
  const compactResult = await compactVerify(compact, ed25519.publicKey, { algorithms: ['EdDSA'] })
  console.log(`compactVerify: ${text(compactResult.payload)} (alg ${compactResult.protectedHeader.alg})`)

  const flattened = await new FlattenedSign(data)
    .setProtectedHeader({ alg: 'PS256' })
    .setUnprotectedHeader({ kid: 'rsa-1', department: 'finance' })
    .sign(rsa.privateKey)
  show('PS256 flattened JWS with an unprotected header', flattened)
  const flattenedResult = await flattenedVerify(flattened, rsa.publicKey)
  console.log(`flattenedVerify: unprotected header ${JSON.stringify(flattenedResult.unprotectedHeader)}`)

  const general = await new GeneralSign(data)
    .addSignature(es256.privateKey).setProtectedHeader({ alg: 'ES256', kid: 'es-1' })
    .addSignature(ed25519.privateKey).setProtectedHeader({ alg: 'EdDSA', kid: 'ed-1' })
    .sign()
  show(`general JWS with ${general.signatures.length} signatures`, general)
  for (const [name, key] of [['ES256', es256.publicKey], ['Ed25519', ed25519.publicKey]]) {
    const { protectedHeader } = await generalVerify(general, key)
    console.log(`generalVerify with the ${name} key: the signature with kid ${protectedHeader.kid}`)
  }

  // --- keys: PEM and JWK, in and out ---

  const pkcs8 = await exportPKCS8(es256.privateKey)
  const spki = await exportSPKI(es256.publicKey)
  show('PKCS#8 PEM of the ES256 private key', pkcs8)
  show('SPKI PEM of its public key', spki)
  const fromPem = await importPKCS8(pkcs8, 'ES256')
  const publicFromPem = await importSPKI(spki, 'ES256')
  const signedAgain = await new SignJWT({ sub: 'pem' }).setProtectedHeader({ alg: 'ES256' }).sign(fromPem)
  console.log(`a token signed with the imported PKCS#8 key verifies with the imported SPKI key: ${(await jwtVerify(signedAgain, publicFromPem)).payload.sub === 'pem'}`)

  const publicJwk = { ...await exportJWK(es256.publicKey), kid: 'es-1', alg: 'ES256', use: 'sig' }
  const fromJwk = await importJWK(publicJwk)
  console.log(`importJWK: ${fromJwk.constructor.name} ${fromJwk.type} ${fromJwk.algorithm.name} ${fromJwk.algorithm.namedCurve}`)
  const secretJwk = await exportJWK(secret)
  console.log(`exportJWK of the HS256 secret: kty ${secretJwk.kty}, ${base64url.decode(secretJwk.k).length} bytes`)

  // --- thumbprints (RFC 7638, RFC 9278) ---

  console.log()
  for (const [label, thumbprint] of [
    ['thumbprint of the ES256 JWK', calculateJwkThumbprint(publicJwk)],
    ['the same, from the CryptoKey', calculateJwkThumbprint(es256.publicKey)],
    ['its SHA-512 thumbprint', calculateJwkThumbprint(publicJwk, 'sha512')],
    ['its thumbprint URI', calculateJwkThumbprintUri(publicJwk)]
  ]) {
    console.log(`${label}:`.padEnd(30), await thumbprint)
  }

  // --- JWKS: a local set picks the key by the token's kid and alg ---

  const JWKS = createLocalJWKSet({
    keys: [
      publicJwk,
      { ...await exportJWK(ed25519.publicKey), kid: 'ed-1', alg: 'EdDSA' }
    ]
  })
  const fromSet = await jwtVerify(jwt, JWKS, { issuer: ISSUER, audience: AUDIENCE })
  console.log(`\njwtVerify with createLocalJWKSet: sub ${fromSet.payload.sub}, the key with kid ${fromSet.protectedHeader.kid}`)
  const unknownKid = await new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: 'retired' }).sign(es256.privateKey)
  try {
    await jwtVerify(unknownKid, JWKS)
  } catch (err) {
    console.log(`a kid the set does not have: ${err.constructor.name} ${err.code}`)
  }

  // --- EmbeddedJWK: the key travels in the header (pin who may use it!) ---

  const embedded = await new CompactSign(new TextEncoder().encode('self-contained'))
    .setProtectedHeader({ alg: 'EdDSA', jwk: await exportJWK(ed25519.publicKey) })
    .sign(ed25519.privateKey)
  const embeddedResult = await compactVerify(embedded, EmbeddedJWK)
  const embeddedThumbprint = await calculateJwkThumbprint(embeddedResult.protectedHeader.jwk)
  console.log(`\ncompactVerify with EmbeddedJWK: ${text(embeddedResult.payload)}, signed by the key with thumbprint ${embeddedThumbprint}`)

  // --- decoding without verifying (never trust what these return) ---

  show('decodeProtectedHeader', decodeProtectedHeader(jwt))
  show('decodeJwt', decodeJwt(jwt))

  // --- JWE ---

  // an encrypted JWT to a P-256 key (ECDH-ES+A256KW), read back
  const ecdh = await generateKeyPair('ECDH-ES+A256KW')
  const encryptedJwt = await new EncryptJWT({ 'urn:example:claim': true })
    .setProtectedHeader({ alg: 'ECDH-ES+A256KW', enc: 'A256GCM' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setExpirationTime('2h')
    .replicateIssuerAsHeader()
    .encrypt(ecdh.publicKey)
  const decryptedJwt = await jwtDecrypt(encryptedJwt, ecdh.privateKey, { issuer: ISSUER, audience: AUDIENCE })
  console.log(`
jwtDecrypt: urn:example:claim=${decryptedJwt.payload['urn:example:claim']}, iss replicated in the header: ${decryptedJwt.protectedHeader.iss}`)

  // a compact JWE with a shared secret (dir + A256GCM)
  const aesKey = await generateSecret('A256GCM')
  const compactJwe = await new CompactEncrypt(new TextEncoder().encode('for your eyes only'))
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
    .encrypt(aesKey)
  console.log(`compactDecrypt: ${text((await compactDecrypt(compactJwe, aesKey)).plaintext)}`)

  // a general JWE for two recipients: an AES key-wrapping key and a password
  const kek = await generateSecret('A128KW')
  const password = new TextEncoder().encode('correct horse battery staple')
  const generalJwe = await new GeneralEncrypt(new TextEncoder().encode('for both of you'))
    .setProtectedHeader({ enc: 'A128GCM' })
    .addRecipient(kek).setUnprotectedHeader({ alg: 'A128KW' })
    .addRecipient(password).setUnprotectedHeader({ alg: 'PBES2-HS256+A128KW' })
    .encrypt()
  const byPassword = await generalDecrypt(generalJwe, password, { keyManagementAlgorithms: ['PBES2-HS256+A128KW'] })
  console.log(`generalDecrypt with the password: ${text(byPassword.plaintext)}`)
}

main().catch((err) => {
  console.error(err)
  process.exitCode = 1
})
