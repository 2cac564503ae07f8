// Type tests for jose-native's own surface: exact result types of the
// overloads, the runtime key classes, CustomKey, the Async twins, JARM and the
// decryption caps. Type-checked only (tsconfig.json), never run.

import { KeyObject } from 'crypto'
import * as jose from 'jose-native'
import * as legacy from 'jose-native/P-256K'
import { JWE, JWK, JWKS, JWS, JWT, errors, ConsumeKeyInput, ECCurve, JWTProfiles } from 'jose-native'

// `exact<T>()(value)` compiles only when value's type is exactly T.
type Equals<A, B> = (<V>() => V extends A ? 1 : 2) extends (<V>() => V extends B ? 1 : 2) ? true : false
declare function exact<Expected> (): <Actual>(actual: Actual, ...mismatch: Equals<Actual, Expected> extends true ? [] : [never]) => void

declare const rsa: JWK.RSAKey
declare const ec: JWK.ECKey
declare const oct: JWK.OctKey
declare const okp: JWK.OKPKey
declare const store: JWKS.KeyStore
declare const token: string
declare const pem: string

// --- keys: classes at run time, narrowed by instanceof ---

declare const anyKey: JWK.Key
if (anyKey instanceof JWK.RSAKey) {
  exact<string>()(anyKey.n)
  exact<number>()(anyKey.length)
}
if (anyKey instanceof JWK.ECKey) exact<ECCurve>()(anyKey.crv)
if (anyKey instanceof JWK.OctKey) exact<number | undefined>()(anyKey.length)
exact<JWK.ECKey>()(JWK.asKey({ kty: 'EC', crv: 'P-256', x: 'x', y: 'y' }))
exact<JWK.OctKey>()(JWK.asKey({ kty: 'oct', k: 'k' }, { alg: 'HS256', use: 'sig' }))
exact<JWK.RSAKey | JWK.ECKey | JWK.OKPKey | JWK.OctKey>()(JWK.asKey(pem, { alg: 'RS256' }))
exact<JWK.ECKey>()(JWK.generateSync('EC', 'P-256K'))
exact<JWK.OKPKey>()(JWK.generateSync('OKP', 'X448'))
exact<Promise<JWK.RSAKey>>()(JWK.generate('RSA', 4096, { use: 'enc' }, false))
exact<Promise<JWK.OctKey>>()(JWK.generate('oct', 512))
exact<jose.JSONWebKey>()(anyKey.toJWK(true))
exact<jose.JWKRSAKey>()(rsa.toJWK())
exact<jose.JWKOKPKey>()(okp.toJWK(true))
exact<KeyObject>()(ec.keyObject)
exact<string | undefined>()(oct.k)
exact<undefined>()(oct.crv)
exact<'secret'>()(oct.type)
exact<Set<string>>()(rsa.algorithms('unwrapKey'))
exact<string>()(ec.toPEM(true, { type: 'sec1', passphrase: Buffer.from('pass'), cipher: 'aes-128-cbc' }))

// --- KeyStore: varargs and arrays, iteration ---

const ks = new JWKS.KeyStore(rsa, ec, [oct, okp])
const ks2 = new JWKS.KeyStore([rsa])
const ks3 = new JWKS.KeyStore()
for (const k of ks) exact<JWK.Key>()(k)
exact<JWK.Key[]>()(ks2.all({ kty: 'RSA' }))
exact<Promise<void>>()(ks3.generate('OKP', 'Ed448'))

// --- CustomKey: sync and async KMS-style keys ---

class SyncKmsKey extends JWK.CustomKey {
  constructor () {
    super({ alg: 'EC', use: 'sig', kid: '12345678', ops: ['sign', 'verify'], keyType: 'private' })
  }

  algorithms (operation?: jose.keyOperation): Set<string> {
    return new Set(operation === 'sign' || operation === 'verify' || operation === undefined ? ['ES256'] : [])
  }

  sign (alg: string, data: Buffer): Buffer {
    return Buffer.from(alg + data.length)
  }

  verify (alg: string, data: Buffer, signature: Buffer): boolean {
    return signature.length === alg.length + data.length
  }

  toPEM (): string {
    return '-----BEGIN PUBLIC KEY-----'
  }
}

class AsyncKmsKey extends JWK.CustomKey {
  constructor () {
    super({ kty: 'RSA', alg: 'PS256', keyType: 'private' })
  }

  algorithms (): Set<string> {
    return new Set(['PS256', 'RSA-OAEP'])
  }

  async sign (_alg: string, data: Buffer): Promise<Buffer> {
    return data
  }

  async verify (): Promise<boolean> {
    return true
  }

  async unwrapKey (_alg: string, encryptedKey: Buffer): Promise<Buffer> {
    return encryptedKey
  }
}

const custom = new SyncKmsKey()
const kms = new AsyncKmsKey()
exact<string>()(custom.kid)
exact<boolean>()(JWK.isKey(custom))
exact<string>()(JWT.sign({ sub: 'x' }, custom, { expiresIn: '600s' }))
exact<object>()(JWT.verify(token, custom))
exact<Promise<string>>()(JWT.signAsync({ sub: 'x' }, kms, { algorithm: 'PS256' }))
exact<Promise<JWT.completeResult>>()(JWT.verifyAsync(token, kms, { complete: true }))
exact<Promise<Buffer>>()(JWE.decryptAsync(token, kms, { algorithms: ['RSA-OAEP'] }))
new JWKS.KeyStore(custom, kms).add(rsa)
exact<Promise<JWS.FlattenedJWS>>()(JWS.signAsync.flattened('payload', kms))

// --- JWS: overload results, sync and Async ---

exact<string>()(JWS.sign({ a: 1 }, rsa, { alg: 'PS256' }))
exact<JWS.GeneralJWS>()(JWS.sign.general('x', rsa))
exact<Promise<string>>()(JWS.signAsync(Buffer.from('x'), JWK.None))
exact<Promise<JWS.GeneralJWS>>()(JWS.signAsync.general('x', oct, { alg: 'HS256' }, { kid: 'a' }))
exact<string | object>()(JWS.verify(token, rsa))
exact<Buffer>()(JWS.verify(token, rsa, { parse: false }))
exact<JWS.completeVerification<string | object, JWK.Key>>()(JWS.verify(token, store, { complete: true }))
exact<JWS.completeVerification<Buffer, JWK.NoneKey>>()(JWS.verify(token, JWK.None, { complete: true, parse: false }))
exact<Promise<string | object>>()(JWS.verifyAsync(token, JWK.EmbeddedJWK, { algorithms: ['ES256'] }))
exact<Promise<Buffer>>()(JWS.verifyAsync(token, rsa, { parse: false }))
exact<Promise<JWS.completeVerification<Buffer, JWK.Key>>>()(JWS.verifyAsync(token, store, { complete: true, parse: false }))
const sign = new JWS.Sign({ sub: 'x' }).recipient(rsa, { alg: 'RS256' }).recipient(ec)
exact<JWS.Sign>()(sign)
exact<JWS.FlattenedJWS>()(sign.sign('flattened'))
exact<Promise<JWS.GeneralJWS>>()(sign.signAsync('general'))

// options not known as literals still type-check, to the union of results
declare const jwsOptions: JWS.VerifyOptions<boolean, boolean>
JWS.verify(token, rsa, jwsOptions)

// --- JWE: Async twins and the decryption caps ---

exact<string>()(JWE.encrypt('x', rsa, { alg: 'RSA-OAEP', enc: 'A256GCM' }))
exact<Promise<string>>()(JWE.encryptAsync(Buffer.from('x'), oct))
exact<Promise<JWE.FlattenedJWE>>()(JWE.encryptAsync.flattened('x', oct, { alg: 'A128KW' }, { zip: 'DEF' }, Buffer.from('aad')))
exact<Promise<JWE.GeneralJWE>>()(JWE.encryptAsync.general('x', ec))
exact<Buffer>()(JWE.decrypt(token, oct, { maxPBES2Count: 1000, maxInflatedSize: 1 << 20 }))
exact<JWE.completeDecrypt>()(JWE.decrypt(token, store, { complete: true, crit: ['x'] }))
exact<Promise<JWE.completeDecrypt>>()(JWE.decryptAsync(token, store, { complete: true, maxInflatedSize: 1024 }))
const encrypt = new JWE.Encrypt('x', { enc: 'A128GCM' }, undefined, Buffer.from('aad')).recipient(rsa).recipient(oct, { alg: 'A128KW' })
exact<JWE.GeneralJWE>()(encrypt.encrypt('general'))
exact<Promise<string>>()(encrypt.encryptAsync('compact'))

// --- JWT: profiles, their Async twins, JARM ---

exact<object>()(JWT.decode(token))
exact<JWT.completeResult<undefined>>()(JWT.decode(token, { complete: true }))
exact<JWT.completeResult<JWK.NoneKey>>()(JWT.verify(token, JWK.None, { complete: true }))
exact<Promise<object>>()(JWT.verifyAsync(token, store, { profile: 'jarm', issuer: 'i', audience: 'a' }))
exact<Promise<object>>()(JWT.IdToken.verifyAsync(token, store, { issuer: 'i', audience: 'a', nonce: 'n' }))
exact<Promise<JWT.completeResult>>()(JWT.AccessToken.verifyAsync(token, rsa, { issuer: 'i', audience: 'a', complete: true }))
exact<Promise<object>>()(JWT.LogoutToken.verifyAsync(token, rsa, { issuer: 'i', audience: ['a', 'b'] }))
exact<object>()(JWT.IdToken.verify(token, store, { issuer: 'i', audience: 'a', maxAuthAge: '1h' }))

const response = JWT.JARM.verify(token, store, { issuer: 'https://as.example.com', audience: 'client' })
exact<JWT.JARMResponse>()(response)
exact<string | undefined>()(response.code)
exact<string | undefined>()(response.state)
exact<string | undefined>()(response.error)
exact<string>()(response.iss)
exact<number>()(response.exp)
const encrypted = JWT.JARM.verify(token, store, { issuer: 'i', audience: 'c', decryptionKey: rsa, complete: true })
exact<JWT.completeResult<JWK.Key, JWT.JARMResponse>>()(encrypted)
exact<Promise<JWT.JARMResponse>>()(JWT.JARM.verifyAsync(token, rsa, { issuer: 'i', audience: 'c', decryptionKey: store, decryptionAlgorithms: ['ECDH-ES', 'A256GCM'] }))
exact<string | undefined>()(JWT.JARM.verify(token, rsa, { issuer: 'i', audience: 'c', state: 'af0ifjsldkj' }).error_uri)
exact<object>()(JWT.verify(token, store, { profile: 'jarm', issuer: 'i', audience: 'c', decryptionKey: oct, state: 's' }))
exact<JWTProfiles>()('jarm' as const as JWTProfiles)

// --- errors ---

const multi = new errors.JOSEMultiError([new errors.JWSVerificationFailed(), new TypeError('x')])
for (const e of multi) exact<Error>()(e)
exact<Error[]>()(multi.errors)
exact<'ERR_JOSE_MULTIPLE_ERRORS'>()(multi.code)
exact<'ERR_JWT_EXPIRED'>()(new errors.JWTExpired('expired', 'exp', 'check_failed').code)

// --- jose-native/P-256K has the same surface ---

exact<typeof jose.JWK.generateSync>()(legacy.JWK.generateSync)
exact<typeof jose.errors>()(legacy.errors)

// keys passed where a ConsumeKeyInput is expected, custom ones included
const inputs: ConsumeKeyInput[] = [rsa, ec, oct, okp, store, custom, pem, Buffer.from(pem), { kty: 'oct', k: 'k' }]
export { inputs }
