// Keys as jose 6 users handle them: PEM and JWK import, export, generation,
// Node.js KeyObjects and Web Crypto CryptoKeys as inputs, thumbprints, JWK
// shapes, remote JWKS options, base64url, cryptoRuntime.

import { createPublicKey, createSecretKey, generateKeyPairSync, webcrypto } from 'node:crypto'
import { readFileSync } from 'node:fs'
import {
  importSPKI,
  importPKCS8,
  importX509,
  importJWK,
  exportSPKI,
  exportPKCS8,
  exportJWK,
  generateKeyPair,
  generateSecret,
  calculateJwkThumbprint,
  calculateJwkThumbprintUri,
  createRemoteJWKSet,
  jwksCache,
  customFetch,
  base64url,
  cryptoRuntime,
  SignJWT,
  jwtVerify,
  type AnyJWK,
  type CryptoKey,
  type ExportedJWKSCache,
  type FetchImplementation,
  type GenerateKeyPairAlgorithm,
  type GenerateKeyPairOptions,
  type GenerateKeyPairResult,
  type GenerateSecretAlgorithm,
  type GenerateSecretOptions,
  type JSONWebKeySet,
  type JWK,
  type JWK_AKP_Private,
  type JWK_EC_Private,
  type JWK_EC_Public,
  type JWK_oct,
  type JWK_OKP_Public,
  type JWK_RSA_Private,
  type JWK_RSA_Public,
  type JWKSCacheInput,
  type KeyImportOptions,
  type KeyInput,
  type KeyObject,
  type RemoteJWKSet,
  type RemoteJWKSetOptions
} from 'jose-native/v6'
import { exact } from './expect.mjs'

// --- PEM import and export ---

const alg = 'RS256'
const privateKey = await importPKCS8(readFileSync('./private-key.pem', 'utf-8'), alg)
const publicKey = await importSPKI(readFileSync('./public-key.pem', 'utf-8'), alg)
const fromCertificate = await importX509('-----BEGIN CERTIFICATE-----', 'ES256', { extractable: false })
exact<CryptoKey>()(privateKey)
exact<CryptoKey>()(publicKey)
exact<CryptoKey>()(fromCertificate)
console.log(privateKey.type, privateKey.algorithm.name, privateKey.extractable, privateKey.usages)

const importOptions: KeyImportOptions = { extractable: true }
const exportable = await importPKCS8('-----BEGIN PRIVATE KEY-----', 'PS256', importOptions)
exact<string>()(await exportPKCS8(exportable))
exact<string>()(await exportSPKI(publicKey))

// --- JWK import and export ---

const jwk = await exportJWK(publicKey)
exact<JWK>()(jwk)
exact<string | undefined>()(jwk.n)
jwk.kid = await calculateJwkThumbprint(jwk)
jwk.alg = alg
jwk.use = 'sig'
const set: JSONWebKeySet = { keys: [jwk] }
console.log(JSON.stringify(set))

// what importJWK resolves to follows "kty"
exact<CryptoKey>()(await importJWK({ kty: 'RSA', n: 'whYOFK2Ocbbpb', e: 'AQAB' }, 'RS256'))
exact<CryptoKey>()(await importJWK({ kty: 'EC', crv: 'P-256', x: 'x', y: 'y', d: 'd' }, 'ES256'))
exact<CryptoKey>()(await importJWK({ kty: 'OKP', crv: 'Ed25519', x: 'x' }))
exact<CryptoKey>()(await importJWK({ kty: 'AKP', alg: 'ML-DSA-44', pub: 'pub' }))
exact<Uint8Array>()(await importJWK({ kty: 'oct', k: 'c2VjcmV0' }))
exact<CryptoKey | Uint8Array>()(await importJWK(jwk))
exact<CryptoKey | Uint8Array>()(await importJWK(jwk, 'RS256', { extractable: true }))

// a JWK goes wherever a JsonWebKey does
const nodeKey = createPublicKey({ key: jwk, format: 'jwk' })
const subtleKey = await webcrypto.subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify'])

// the JWK shapes
const rsaPublic: JWK_RSA_Public = { kty: 'RSA', n: 'n', e: 'AQAB', kid: 'rsa-1' }
const rsaPrivate: JWK_RSA_Private = { ...rsaPublic, d: 'd', p: 'p', q: 'q', dp: 'dp', dq: 'dq', qi: 'qi' }
const ecPublic: JWK_EC_Public = { crv: 'P-256', x: 'x', y: 'y' }
const ecPrivate: JWK_EC_Private = { ...ecPublic, d: 'd' }
const okp: JWK_OKP_Public = { crv: 'Ed25519', x: 'x' }
const akp: JWK_AKP_Private = { alg: 'ML-DSA-65', pub: 'pub', priv: 'priv' }
const oct: JWK_oct = { k: 'k', ext: true, key_ops: ['sign', 'verify'] }
const shapes: JWK[] = [rsaPublic, rsaPrivate, ecPublic, ecPrivate, okp, akp, oct]

function describe (key: AnyJWK): string {
  switch (key.kty) {
    case 'RSA':
      return `RSA ${key.n.length}`
    case 'EC':
      return `EC ${key.crv} ${key.y}`
    case 'OKP':
      return `OKP ${key.crv}`
    case 'AKP':
      return `AKP ${key.alg} ${key.pub}`
    case 'oct':
      return `oct ${key.k.length}`
  }
}
describe({ kty: 'EC', crv: 'P-256', x: 'x', y: 'y' })

// --- generation ---

const { privateKey: edPrivate, publicKey: edPublic } = await generateKeyPair('EdDSA', { crv: 'Ed25519' })
exact<CryptoKey>()(edPrivate)
exact<GenerateKeyPairResult>()(await generateKeyPair('PS256', { modulusLength: 4096, extractable: true }))
const pairAlg: GenerateKeyPairAlgorithm = 'ML-DSA-65'
const pairOptions: GenerateKeyPairOptions = { extractable: true }
await generateKeyPair(pairAlg, pairOptions)
await generateKeyPair('ES256K' as string)

// what generateSecret resolves to follows the algorithm
exact<CryptoKey>()(await generateSecret('HS256'))
exact<CryptoKey>()(await generateSecret('A256GCM', { extractable: true }))
exact<Uint8Array>()(await generateSecret('A128CBC-HS256'))
exact<Uint8Array>()(await generateSecret('A256CBC-HS512'))
declare const someAlg: string
exact<CryptoKey | Uint8Array>()(await generateSecret(someAlg))
const secretAlg: GenerateSecretAlgorithm = 'A192KW'
const secretOptions: GenerateSecretOptions = { extractable: false }
await generateSecret(secretAlg, secretOptions)

// --- every kind of key input ---

const secret = new TextEncoder().encode('cc7e0d44fd473002f1c42167459001140ec6389b7353f8088f4d9a95f2f596f2')
const nodeSecret = createSecretKey(secret)
const nodePair = generateKeyPairSync('ed25519')
const hmacKey = await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify'])
const inputs: KeyInput[] = [secret, nodeSecret, nodePair.privateKey, hmacKey, subtleKey, edPrivate, jwk, rsaPrivate]
const asKeyObject: KeyObject = nodeKey
for (const key of inputs) {
  await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).sign(key)
}
const token = await new SignJWT({ sub: 'x' }).setProtectedHeader({ alg: 'EdDSA' }).sign(nodePair.privateKey)
await jwtVerify(token, nodePair.publicKey)
await jwtVerify(token, asKeyObject)
exact<string>()(await exportJWK(nodePair.publicKey).then((exported) => exported.x ?? ''))
exact<JWK>()(await exportJWK(secret))
await exportSPKI(nodePair.publicKey)
await exportPKCS8(nodePair.privateKey)

// --- thumbprints ---

exact<string>()(await calculateJwkThumbprint({ kty: 'EC', crv: 'P-256', x: 'x', y: 'y' }))
exact<string>()(await calculateJwkThumbprint(edPublic, 'sha512'))
exact<string>()(await calculateJwkThumbprintUri(nodePair.publicKey, 'sha384'))
exact<string>()(await calculateJwkThumbprintUri(jwk))

// --- remote JWKS options ---

// a cache persisted between processes (the jwksCache documentation's example)
let url!: URL
let jwt!: string
let getPreviouslyCachedJWKS!: () => Promise<ExportedJWKSCache>
let storeNewJWKScache!: (cache: ExportedJWKSCache) => Promise<void>
const cache: JWKSCacheInput = (await getPreviouslyCachedJWKS()) || {}
const { uat } = cache
const cached = createRemoteJWKSet(url, {
  [jwksCache]: cache
})
await jwtVerify(jwt, cached)
if (uat !== cache.uat) {
  await storeNewJWKScache(cache)
}

const fetchImpl: FetchImplementation = async (url, options) => {
  exact<'GET'>()(options.method)
  return await fetch(url, { ...options, headers: { ...Object.fromEntries(options.headers), 'x-trace': '1' } })
}
const remoteOptions: RemoteJWKSetOptions = {
  timeoutDuration: 10_000,
  cooldownDuration: 30_000,
  cacheMaxAge: Infinity,
  headers: { 'user-agent': 'my-app/1.0' },
  [jwksCache]: cache,
  [customFetch]: fetchImpl
}
const JWKS: RemoteJWKSet = createRemoteJWKSet(new URL('https://example.com/.well-known/jwks.json'), remoteOptions)
await jwtVerify(token, JWKS)
if (!JWKS.fresh && !JWKS.coolingDown && !JWKS.reloading) await JWKS.reload()
exact<JSONWebKeySet | undefined>()(JWKS.jwks())
createRemoteJWKSet(new URL('https://example.com/jwks'), { [jwksCache]: {}, [customFetch]: (...args) => fetch(...args) })

// --- base64url and cryptoRuntime ---

exact<string>()(base64url.encode('Hello, world'))
exact<string>()(base64url.encode(new Uint8Array([1, 2, 3])))
exact<Uint8Array>()(base64url.decode('SGVsbG8'))
exact<Uint8Array>()(base64url.decode(new TextEncoder().encode('SGVsbG8')))
const runtime: 'WebCryptoAPI' = cryptoRuntime
console.log(runtime)

// --- misuse both typings reject ---

// @ts-expect-error PEM import needs the algorithm
await importSPKI('-----BEGIN PUBLIC KEY-----')
// @ts-expect-error a generated HMAC secret is a CryptoKey, not bytes
const notBytes: Uint8Array = await generateSecret('HS256')
// @ts-expect-error an RSA JWK has "e"
const missingE: JWK_RSA_Public = { n: 'n' }
// @ts-expect-error a secret's bytes cannot be exported as SPKI
await exportSPKI(secret)
// @ts-expect-error "kty" narrows the union: an oct JWK has no "crv"
describe({ kty: 'oct', k: 'k' }).crv
// @ts-expect-error cryptoRuntime is always "WebCryptoAPI"
if (cryptoRuntime === 'node:crypto') console.log('never')
// @ts-expect-error thumbprints use SHA-2
await calculateJwkThumbprint(jwk, 'md5')

export { shapes, notBytes, missingE }
