// JWS in its three serializations, as jose 6 users write it: CompactSign and
// compactVerify, FlattenedSign with the unencoded payload option, GeneralSign
// addSignature chains, key resolvers (EmbeddedJWK, a local JWKS with more than
// one matching key).

import {
  CompactSign,
  FlattenedSign,
  GeneralSign,
  compactVerify,
  flattenedVerify,
  generalVerify,
  generateKeyPair,
  createLocalJWKSet,
  EmbeddedJWK,
  jwtVerify,
  errors,
  type CompactJWSHeaderParameters,
  type CompactVerifyGetKey,
  type CompactVerifyResult,
  type CryptoKey,
  type FlattenedJWS,
  type FlattenedJWSInput,
  type FlattenedVerifyGetKey,
  type FlattenedVerifyResult,
  type GeneralJWS,
  type GeneralJWSInput,
  type GeneralVerifyGetKey,
  type GeneralVerifyResult,
  type JSONWebKeySet,
  type JWSHeaderParameters,
  type JWTVerifyResult,
  type KeyInput,
  type ResolvedKey,
  type Signature,
  type VerifyOptions
} from 'jose-native/v6'
import { exact } from './expect.mjs'

const encoder = new TextEncoder()
const decoder = new TextDecoder()
const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' })

// --- compact ---

const data = encoder.encode(JSON.stringify({ event: 'order.created', id: 'ord_42' }))
const jws = await new CompactSign(data)
  .setProtectedHeader({ alg: 'EdDSA' })
  .sign(privateKey)
exact<string>()(jws)

const { payload: rawBytes, protectedHeader } = await compactVerify(jws, publicKey, { algorithms: ['EdDSA'] })
exact<Uint8Array>()(rawBytes)
exact<CompactJWSHeaderParameters>()(protectedHeader)
const event: { event: string, id: string } = JSON.parse(decoder.decode(rawBytes))
console.log(event.id, protectedHeader.alg)

exact<CompactVerifyResult>()(await compactVerify(encoder.encode(jws), publicKey))

const compactGetKey: CompactVerifyGetKey = (header, token) => {
  exact<CompactJWSHeaderParameters>()(header)
  exact<FlattenedJWSInput>()(token)
  return publicKey
}
const viaResolver = await compactVerify(jws, compactGetKey)
exact<CompactVerifyResult & ResolvedKey<CryptoKey | Uint8Array>>()(viaResolver)
const viaEmbedded = await compactVerify(jws, EmbeddedJWK, { algorithms: ['ES256'] })
exact<CryptoKey>()(viaEmbedded.key)

declare const eitherKey: KeyInput | CompactVerifyGetKey
exact<CryptoKey | Uint8Array | undefined>()((await compactVerify(jws, eitherKey)).key)

// --- flattened, unencoded payload ---

const flattened = await new FlattenedSign(encoder.encode('$.02'))
  .setProtectedHeader({ alg: 'HS256', b64: false, crit: ['b64'] })
  .setUnprotectedHeader({ kid: 'hmac-key-1', 'urn:example:note': 'not integrity protected' })
  .sign(encoder.encode('a 256-bit secret a 256-bit secret'), { crit: { b64: true } })
exact<FlattenedJWS>()(flattened)
exact<string>()(flattened.payload)
exact<string | undefined>()(flattened.protected)

const flatVerified = await flattenedVerify(flattened, encoder.encode('a 256-bit secret a 256-bit secret'))
exact<FlattenedVerifyResult>()(flatVerified)
exact<JWSHeaderParameters | undefined>()(flatVerified.protectedHeader)
exact<JWSHeaderParameters | undefined>()(flatVerified.unprotectedHeader)
exact<boolean | undefined>()(flatVerified.protectedHeader?.b64)

// detached payload: verify with the payload put back in
const detached: FlattenedJWSInput = { ...flattened, payload: encoder.encode('$.02') }
await flattenedVerify(detached, publicKey)

const flatGetKey: FlattenedVerifyGetKey = async (header) => {
  exact<JWSHeaderParameters>()(header)
  return { kty: 'oct', k: 'c2VjcmV0' }
}
exact<CryptoKey | Uint8Array>()((await flattenedVerify(flattened, flatGetKey)).key)

// --- general, several signatures (the seed's multi-party example) ---

const financeKeys = await generateKeyPair('ES256')
const legalKeys = await generateKeyPair('RS256', { modulusLength: 3072 })
const general = await new GeneralSign(encoder.encode(JSON.stringify({ orderId: 'ord_42', amount: 100 })))
  .addSignature(financeKeys.privateKey)
  .setProtectedHeader({ alg: 'ES256', kid: 'key-1' })
  .setUnprotectedHeader({ department: 'finance' })
  .addSignature(legalKeys.privateKey)
  .setProtectedHeader({ alg: 'RS256', kid: 'key-2' })
  .setUnprotectedHeader({ department: 'legal' })
  .sign()
exact<GeneralJWS>()(general)
exact<string>()(general.payload)
for (const signature of general.signatures) {
  console.log(signature.protected, signature.header?.kid, signature.signature)
}

// the same with the builder kept aside
const signer = new GeneralSign(encoder.encode('It’s a dangerous business, Frodo, going out your door.'))
const first: Signature = signer.addSignature(privateKey, { crit: {} }).setProtectedHeader({ alg: 'EdDSA' })
exact<GeneralSign>()(first.done())
signer.addSignature(financeKeys.privateKey).setProtectedHeader({ alg: 'ES256' })
const generalAgain = await signer.sign()

const verifyOptions: VerifyOptions = { algorithms: ['ES256'] }
const { payload: generalPayload, protectedHeader: generalHeader, unprotectedHeader } = await generalVerify(general, financeKeys.publicKey, verifyOptions)
exact<Uint8Array>()(generalPayload)
exact<JWSHeaderParameters | undefined>()(generalHeader)
console.log(unprotectedHeader?.['department'])
exact<GeneralVerifyResult>()(await generalVerify(generalAgain, publicKey))

const generalInput: GeneralJWSInput = { payload: general.payload, signatures: general.signatures }
const generalGetKey: GeneralVerifyGetKey<CryptoKey> = (header) => (header.alg === 'ES256' ? financeKeys.publicKey : legalKeys.publicKey)
exact<CryptoKey>()((await generalVerify(generalInput, generalGetKey)).key)

// --- a local JWKS where several keys match ---

const jwks: JSONWebKeySet = {
  keys: [
    { kty: 'EC', crv: 'P-256', x: 'x1', y: 'y1', kid: 'rotated', alg: 'ES256', use: 'sig' },
    { kty: 'EC', crv: 'P-256', x: 'x2', y: 'y2', kid: 'rotated', alg: 'ES256', use: 'sig' }
  ]
}
const JWKS = createLocalJWKSet(jwks)

async function verifyRotated (jwt: string): Promise<JWTVerifyResult & ResolvedKey<CryptoKey>> {
  const options = { issuer: 'urn:example:issuer', audience: 'urn:example:audience' }
  try {
    return await jwtVerify(jwt, JWKS, options)
  } catch (err) {
    if (err instanceof errors.JWKSMultipleMatchingKeys) {
      for await (const publicKey of err) {
        exact<CryptoKey>()(publicKey)
        try {
          return { ...(await jwtVerify(jwt, publicKey, options)), key: publicKey }
        } catch (innerError) {
          if (innerError instanceof errors.JWSSignatureVerificationFailed) {
            continue
          }
          throw innerError
        }
      }
      throw new errors.JWSSignatureVerificationFailed()
    }
    throw err
  }
}
await verifyRotated('eyJ...')

// --- misuse both typings reject ---

// @ts-expect-error the payload is bytes, not a string
new CompactSign('payload')
// @ts-expect-error a JWS in Compact Serialization needs "alg" in its Protected Header
new CompactSign(data).setProtectedHeader({ kid: 'k' })
// @ts-expect-error GeneralSign's sign() takes no key: each signature has its own
await new GeneralSign(data).sign(privateKey)
// @ts-expect-error a JWS in Flattened JSON Serialization needs its signature
await flattenedVerify({ payload: 'e30' }, publicKey)
// @ts-expect-error the "crit" option maps names to booleans
await compactVerify(jws, publicKey, { crit: ['b64'] })
