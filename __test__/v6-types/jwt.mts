// JWTs as jose 6 users write them: SignJWT chains, jwtVerify with secrets,
// keys and JWKS resolvers, payload type parameters, EncryptJWT/jwtDecrypt,
// UnsecuredJWT and the decode helpers.

import * as jose from 'jose-native/v6'
import {
  SignJWT,
  EncryptJWT,
  UnsecuredJWT,
  jwtVerify,
  jwtDecrypt,
  createRemoteJWKSet,
  createLocalJWKSet,
  importSPKI,
  decodeJwt,
  decodeProtectedHeader,
  type CompactJWEHeaderParameters,
  type CryptoKey,
  type JWEContentEncryptionAlgorithm,
  type JWSAlgorithm,
  type JWTDecryptResult,
  type JWTHeaderParameters,
  type JWTPayload,
  type JWTVerifyGetKey,
  type JWTVerifyOptions,
  type JWTVerifyResult,
  type KeyInput,
  type ProtectedHeaderParameters,
  type ResolvedKey,
  type UnsecuredResult
} from 'jose-native/v6'
import { exact } from './expect.mjs'

interface Claims {
  role: 'admin' | 'user'
  tenant: string
}

const issuer = 'urn:example:issuer'
const audience = 'urn:example:audience'
const secret: Uint8Array = new TextEncoder().encode('cc7e0d44fd473002f1c42167459001140ec6389b7353f8088f4d9a95f2f596f2')

// --- signing ---

const jwt = await new SignJWT({ 'urn:example:claim': true })
  .setProtectedHeader({ alg: 'HS256' })
  .setIssuedAt()
  .setIssuer(issuer)
  .setAudience(audience)
  .setExpirationTime('2h')
  .sign(secret)
exact<string>()(jwt)

const claims: Claims = { role: 'admin', tenant: 't1' }
const full = await new jose.SignJWT({ ...claims, sub: 'user_123' })
  .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: 'rsa-key-2026-01' })
  .setSubject('user_123')
  .setJti(crypto.randomUUID())
  .setAudience([audience, 'urn:example:other'])
  .setNotBefore('-30s')
  .setIssuedAt(new Date())
  .setExpirationTime(Math.floor(Date.now() / 1000) + 900)
  .sign(await importSPKI('-----BEGIN PUBLIC KEY-----', 'RS256'), { crit: {} })
exact<string>()(full)

// the builder returns its own type through the chain
const builder = new SignJWT().setIssuer(issuer).setSubject('s')
exact<SignJWT>()(builder)
const header: JWTHeaderParameters = { alg: 'ES256', b64: true, 'urn:custom': 1 }
builder.setProtectedHeader(header)

// --- verifying with a key or secret ---

const verified = await jwtVerify(jwt, secret, { issuer, audience, algorithms: ['HS256'] })
exact<JWTPayload>()(verified.payload)
exact<JWTHeaderParameters>()(verified.protectedHeader)
exact<JWSAlgorithm>()(verified.protectedHeader.alg)
exact<string | undefined>()(verified.payload.sub)
exact<string | string[] | undefined>()(verified.payload.aud)
exact<number | undefined>()(verified.payload.exp)
exact<unknown>()(verified.payload['urn:example:claim'])

const options: JWTVerifyOptions = {
  issuer: [issuer, 'urn:example:other-issuer'],
  audience,
  subject: 'user_123',
  typ: 'at+jwt',
  clockTolerance: '30s',
  maxTokenAge: '2 hours',
  currentDate: new Date(),
  requiredClaims: ['jti'],
  algorithms: ['RS256', 'PS256'],
  crit: { 'urn:custom': true }
}

// an explicit payload type
const typed = await jwtVerify<Claims>(jwt, secret, options)
exact<Claims & JWTPayload>()(typed.payload)
exact<'admin' | 'user'>()(typed.payload.role)
exact<string | undefined>()(typed.payload.iss)
exact<JWTVerifyResult<Claims>>()(typed)

// or one taken from the context
const contextual: JWTVerifyResult<Claims> = await jwtVerify(jwt, secret)
exact<'admin' | 'user'>()(contextual.payload.role)

async function verifyClaims (token: string): Promise<JWTVerifyResult<Claims>> {
  return await jwtVerify(token, secret, { algorithms: ['HS256'] })
}
exact<Promise<JWTVerifyResult<Claims>>>()(verifyClaims(jwt))

// --- verifying with a remote JWKS (a key resolver) ---

const JWKS = createRemoteJWKSet(new URL('https://www.googleapis.com/oauth2/v3/certs'))
const remote = await jwtVerify(jwt, JWKS, {
  issuer: 'https://accounts.google.com',
  audience: 'your-client-id.apps.googleusercontent.com',
  algorithms: ['RS256']
})
exact<JWTPayload>()(remote.payload)
exact<CryptoKey>()(remote.key)
console.log(remote.protectedHeader.kid, remote.payload.sub)

const remoteTyped = await jwtVerify<Claims>(jwt, JWKS)
exact<JWTVerifyResult<Claims> & ResolvedKey<CryptoKey | Uint8Array>>()(remoteTyped)
exact<string>()(remoteTyped.payload.tenant)

// a resolver of one's own
const getKey: JWTVerifyGetKey = async (protectedHeader, token) => {
  exact<JWSAlgorithm>()(protectedHeader.alg)
  exact<string | undefined>()(protectedHeader.kid)
  exact<string | Uint8Array>()(token.payload)
  if (protectedHeader.alg === 'HS256') return secret
  return await JWKS(protectedHeader, token)
}
const resolved = await jwtVerify(jwt, getKey)
exact<CryptoKey | Uint8Array>()(resolved.key)

// a function that forwards either a key or a resolver
async function verifyWith (key: KeyInput | JWTVerifyGetKey) {
  const result = await jwtVerify(jwt, key, options)
  exact<CryptoKey | Uint8Array | undefined>()(result.key)
  const typedResult = await jwtVerify<Claims>(jwt, key)
  exact<JWTVerifyResult<Claims> & Partial<ResolvedKey>>()(typedResult)
  return result.payload
}
await verifyWith(secret)
await verifyWith(JWKS)

// a local JWKS (the seed's key rotation example)
const localJWKS = createLocalJWKSet({
  keys: [
    { kty: 'OKP', crv: 'Ed25519', kid: 'key-2026', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' },
    { kty: 'OKP', crv: 'Ed25519', kid: 'key-2025', x: 'T8WHDRJ5bcnGHSlr4A6zzVhj5eVvPGRNthr9eHNbCd4' }
  ]
})
const local = await jwtVerify(jwt, localJWKS, { algorithms: ['EdDSA'] })
exact<CryptoKey>()(local.key)
exact<string | undefined>()(localJWKS.jwks().keys[0]?.kid)

// --- encrypted JWTs ---

const encrypted = await new EncryptJWT({ 'urn:example:claim': true })
  .setProtectedHeader({ alg: 'dir', enc: 'A128CBC-HS256' })
  .setIssuedAt()
  .setIssuer(issuer)
  .setAudience(audience)
  .setExpirationTime('2h')
  .replicateIssuerAsHeader()
  .replicateAudienceAsHeader()
  .replicateSubjectAsHeader()
  .encrypt(secret)
exact<string>()(encrypted)

const decrypted = await jwtDecrypt(encrypted, secret, {
  issuer,
  audience,
  keyManagementAlgorithms: ['dir'],
  contentEncryptionAlgorithms: ['A128CBC-HS256', 'A256GCM'],
  maxPBES2Count: 10000
})
exact<JWTPayload>()(decrypted.payload)
exact<CompactJWEHeaderParameters>()(decrypted.protectedHeader)
exact<JWEContentEncryptionAlgorithm>()(decrypted.protectedHeader.enc)

const decryptedTyped = await jwtDecrypt<Claims>(encrypted, secret)
exact<JWTDecryptResult<Claims>>()(decryptedTyped)
const decryptedContextual: JWTDecryptResult<Claims> = await jwtDecrypt(encrypted, secret)
exact<string>()(decryptedContextual.payload.tenant)

const decryptedResolved = await jwtDecrypt(encrypted, async (protectedHeader) => {
  exact<CompactJWEHeaderParameters>()(protectedHeader)
  return secret
})
exact<Uint8Array>()(decryptedResolved.key)

const pbes2 = await new EncryptJWT({ scope: 'read' })
  .setProtectedHeader({ alg: 'PBES2-HS256+A128KW', enc: 'A256GCM', cty: 'JWT' })
  .setKeyManagementParameters({ p2c: 600000 })
  .encrypt(new TextEncoder().encode('correct horse battery staple'))
await jwtDecrypt(pbes2, secret, { keyManagementAlgorithms: ['PBES2-HS256+A128KW'], maxPBES2Count: Infinity })

// --- unsecured JWTs ---

const unsecured = new UnsecuredJWT({ 'urn:example:claim': true })
  .setIssuedAt()
  .setIssuer(issuer)
  .setAudience(audience)
  .setExpirationTime('2h')
  .encode()
exact<string>()(unsecured)

const decoded = UnsecuredJWT.decode(unsecured, { issuer, audience })
exact<JWTPayload>()(decoded.payload)
console.log(decoded.header.alg)
exact<UnsecuredResult<Claims>>()(UnsecuredJWT.decode<Claims>(unsecured))
const decodedContextual: UnsecuredResult<Claims> = UnsecuredJWT.decode(unsecured)
exact<'admin' | 'user'>()(decodedContextual.payload.role)

// --- decoding without verifying ---

const payload = decodeJwt(jwt)
exact<JWTPayload>()(payload)
exact<Claims & JWTPayload>()(decodeJwt<Claims>(jwt))
const payloadContextual: Claims = decodeJwt(jwt)
exact<Claims>()(payloadContextual)

const protectedHeader = decodeProtectedHeader(jwt)
exact<ProtectedHeaderParameters>()(protectedHeader)
console.log(protectedHeader.alg, protectedHeader.enc, protectedHeader.kid, protectedHeader.b64, protectedHeader.zip)
decodeProtectedHeader({ protected: 'eyJhbGciOiJIUzI1NiJ9', payload: '', signature: '' })

// --- misuse both typings reject ---

// @ts-expect-error the JWT's Protected Header needs "alg"
new SignJWT({}).setProtectedHeader({ typ: 'JWT' })
// @ts-expect-error the JWE's Protected Header needs "enc" too
new EncryptJWT({}).setProtectedHeader({ alg: 'dir' })
// @ts-expect-error a string is not a key
await jwtVerify(jwt, 'secret')
// @ts-expect-error the URL is a URL object
createRemoteJWKSet('https://example.com/.well-known/jwks.json')
// @ts-expect-error a JWT Claims Set is an object, so a string payload type leaves nothing to use
decodeJwt<string>(jwt).toUpperCase()
// @ts-expect-error the claim setters take strings
new SignJWT({}).setIssuer(42)
// @ts-expect-error the time setters take a number, Date or time span string
new SignJWT({}).setExpirationTime(true)
// @ts-expect-error the payload is typed: no such claim
typed.payload.role === 'root'
