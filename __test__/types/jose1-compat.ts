// Typical jose 1.x TypeScript code, written against jose 1.28.2's own typings
// and importing 'jose'. It is type-checked twice: against jose's typings
// (tsconfig.jose.json, proof that it is real jose-1.x-typed code) and with
// 'jose' mapped to jose-native's index.d.ts (tsconfig.json), which is what a
// user gets after `npm install jose@npm:jose-native`. Both must compile.
// Nothing here runs; only the types are checked.

import { readFileSync } from 'fs'
import { createPrivateKey, KeyObject } from 'crypto'
import * as jose from 'jose'
import {
  JWE,
  JWK,
  JWKS,
  JWS,
  JWT,
  errors,
  JSONWebKey,
  JSONWebKeySet,
  ConsumeKeyInput,
  ProduceKeyInput,
  KeyParameters,
  BasicParameters,
  keyOperation,
  ECCurve
} from 'jose'

// --- keys and key stores (README "Keys and KeyStores") ---

const key = jose.JWK.asKey(readFileSync('path/to/key/file'))
const jwk = {
  kty: 'EC' as const,
  kid: 'dl4M_fcI7XoFCsQ22PYrQBkuxZ2pDcbDimcdFmmXM98',
  crv: 'P-256' as const,
  x: 'v37avifcL-xgh8cy6IFzcINqqmFLc2JF20XUpn4Y2uQ',
  y: 'QTwy27XgP7ZMOdGOSopAHB-FU1JMQn3J9GEWGtUXreQ'
}
const anotherKey: JWK.ECKey = jose.JWK.asKey(jwk)
const keystore = new jose.JWKS.KeyStore([key, anotherKey])

const secret: JWK.OctKey = JWK.asKey({ kty: 'oct', k: 'hJtXIZ2uSN5kbQfbtTNWbpdmhkV8FJG-Onbc6mxCcYg' })
const fromSecret = JWK.asKey(Buffer.from('8yHym6h5CG5FylbzrCn8fhxEbp3kOaTsgLaawaaJ'))
const fromKeyObject = JWK.asKey(createPrivateKey(readFileSync('key.pem')), { use: 'sig', kid: 'k1' })
const fromDer = JWK.asKey({ key: readFileSync('key.der'), format: 'der', type: 'pkcs8' })
const encrypted = JWK.asKey({ key: readFileSync('key.pem'), passphrase: 'top secret' })
const rsa: JWK.RSAKey = JWK.asKey({ kty: 'RSA', e: 'AQAB', n: 'n', d: 'd' }, { calculateMissingRSAPrimes: true })
const okp: JWK.OKPKey = JWK.asKey({ kty: 'OKP', crv: 'Ed25519', x: 'x' })
// jose's deprecated names
const imported: JWK.RSAKey = JWK.importKey({ kty: 'RSA', e: 'AQAB', n: 'n', d: 'd' })
const importedPem = JWK.importKey(readFileSync('path/to/key/file'), { kid: 'k2' })

// The secp256k1 README pattern, with the base type jose's typings need for it.
let k1: JWK.Key = JWK.generateSync('EC', 'secp256k1')
k1 = JWK.asKey(readFileSync('path/to/key/file'))
const curve: string | undefined = k1.crv

async function generateKeys (): Promise<JWK.Key[]> {
  const ec = await JWK.generate('EC', 'P-384', { use: 'sig' })
  const rsaEnc = JWK.generateSync('RSA', 2048, { use: 'enc' })
  const pub = JWK.generateSync('RSA', 2048, { use: 'enc' }, false)
  const oct = await JWK.generate('oct', 256, { alg: 'HS256', key_ops: ['sign', 'verify'] })
  const ed = JWK.generateSync('OKP')
  await keystore.generate('EC', 'P-256')
  keystore.generateSync('RSA', 2048, { kid: 'rsa' })
  return [ec, rsaEnc, pub, oct, ed]
}

function describeKey (k: JWK.Key): object {
  const ops: ReadonlyArray<keyOperation> | undefined = k.key_ops
  const algs: Set<string> = k.algorithms('sign')
  const all: string[] = [...k.algorithms()]
  const pem: string = k.toPEM(true, { type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'pass' })
  const publicPem: string = k.toPEM()
  const ko: KeyObject = k.keyObject
  const x5t: string | undefined = k['x5t#S256']
  return {
    kty: k.kty,
    kid: k.kid,
    thumbprint: k.thumbprint,
    type: k.type,
    flags: [k.public, k.private, k.secret],
    alg: k.alg,
    use: k.use,
    ops,
    algs,
    all,
    pem,
    publicPem,
    ko,
    x5c: k.x5c,
    x5t
  }
}

const rsaJwk: jose.JWKRSAKey = rsa.toJWK(true)
const ecJwk: jose.JWKECKey = anotherKey.toJWK()
const octJwk: jose.JWKOctKey = secret.toJWK(true)
const okpJwk: jose.JWKOKPKey = okp.toJWK()
const modulus: string = rsa.n
const ecCurve: ECCurve = anotherKey.crv
const isKey: boolean = JWK.isKey(rsa)

const jwks: JSONWebKeySet = keystore.toJWKS(true)
const store2 = JWKS.asKeyStore(jwks, { ignoreErrors: true, calculateMissingRSAPrimes: false })
const store3: JWKS.KeyStore = JWKS.asKeyStore({ keys: [rsaJwk, ecJwk, octJwk, okpJwk] })
const store4: JWKS.KeyStore = JWKS.KeyStore.fromJWKS({ keys: [rsaJwk] })
const found: JWK.Key = store2.get({ kid: 'k1', kty: 'RSA', use: 'sig', alg: 'PS256' })
const candidates: JWK.Key[] = store2.all({ key_ops: ['verify'], 'x5t#S256': 'x', crv: 'P-256', thumbprint: 't' })
store2.add(secret)
store2.remove(secret)
const size: number = store3.size

const params: KeyParameters = { alg: 'RS256', use: 'sig', kid: 'k', x5c: ['MII...'] }
const basic: BasicParameters = { key_ops: ['wrapKey', 'unwrapKey'] }
const jsonKeys: JSONWebKey[] = jwks.keys

// --- JWT (README "JWT Signing" / "JWT Verifying" / "ID Token Verifying") ---

const privateKey = JWK.asKey(readFileSync('private.pem'))
const publicKey = JWK.asKey(readFileSync('public.pem'))

const token: string = jose.JWT.sign(
  { 'urn:example:claim': 'foo' },
  privateKey,
  {
    algorithm: 'PS256',
    audience: 'urn:example:client_id',
    expiresIn: '1 hour',
    header: {
      typ: 'JWT'
    },
    issuer: 'https://op.example.com'
  }
)

const signOptions: JWT.SignOptions = {
  iat: false,
  kid: true,
  subject: 'sub',
  jti: 'jti',
  nonce: 'nonce',
  notBefore: '10s',
  now: new Date()
}
JWT.sign({ sub: 'John Doe' }, JWK.None, signOptions)

const payload: object = jose.JWT.verify(
  token,
  publicKey,
  {
    issuer: 'https://op.example.com',
    audience: 'urn:example:client_id',
    algorithms: ['PS256'],
    clockTolerance: '1 min',
    maxTokenAge: '1 hour',
    crit: ['b64'],
    ignoreExp: false,
    ignoreIat: false,
    ignoreNbf: false,
    typ: 'JWT',
    now: new Date(),
    jti: 'jti',
    subject: 'sub',
    maxAuthAge: '1 day'
  }
)

const complete: JWT.completeResult = JWT.verify(token, keystore, { complete: true })
const verifiedWith: JWK.Key = complete.key
const signature: string = complete.signature
const header: object = complete.header

const unsecured = JWT.verify(JWT.sign({}, JWK.None), JWK.None, { complete: true })
const noneKey: JWK.NoneKey = unsecured.key

const embedded = JWT.verify(token, JWK.EmbeddedJWK, { complete: true, algorithms: ['ES256'] })
const embeddedKey: JWK.Key = embedded.key
JWT.verify(token, JWK.EmbeddedX5C)

const decoded: object = JWT.decode(token)
const decodedComplete = JWT.decode(token, { complete: true })
const noKey: undefined = decodedComplete.key

const verifyOptions: JWT.VerifyOptions<false> = { profile: 'id_token', nonce: 'n', issuer: 'i', audience: 'a' }
JWT.verify(token, publicKey, verifyOptions)

const idToken: object = jose.JWT.IdToken.verify(token, keystore, {
  issuer: 'https://op.example.com',
  audience: 'urn:example:client_id',
  nonce: 'a51ccf08f4bbb06e88715ddc4bbb41d8',
  algorithms: ['PS256']
})
const at = JWT.AccessToken.verify(token, keystore, {
  issuer: 'https://op.example.com',
  audience: 'urn:example:resource-server',
  algorithms: ['PS256'],
  complete: true
})
const atKey: JWK.Key = at.key
JWT.LogoutToken.verify(token, publicKey, {
  issuer: 'https://op.example.com',
  audience: 'urn:example:client_id',
  algorithms: ['PS256']
})

// --- JWS ---

const compact: string = jose.JWS.sign({ sub: 'johndoe' }, privateKey, { kid: privateKey.kid })
const flattened: JWS.FlattenedJWS = JWS.sign.flattened('payload', secret, { alg: 'HS256' }, { foo: 'bar' })
const general: JWS.GeneralJWS = JWS.sign.general(Buffer.from('payload'), secret)

const sig = new JWS.Sign({ sub: 'John Doe' })
sig.recipient(secret, { alg: 'HS256' }, { foo: 'bar' })
sig.recipient(JWK.asKey({ kty: 'oct', k: 'AAPapAv4LbFbiVawEjagUBluYqN5rhna-8nuldDvOx8' }), { alg: 'HS512' }, { foo: 'baz' })
const signed: JWS.GeneralJWS = sig.sign('general')
const signedCompact: string = new JWS.Sign('x').sign('compact')
const signedFlat: JWS.FlattenedJWS = new JWS.Sign(Buffer.alloc(1)).sign('flattened')

const jwsPayload: string | object = jose.JWS.verify(compact, publicKey)
const raw: Buffer = JWS.verify(flattened, secret, { parse: false, encoding: 'utf8' })
const jwsComplete: JWS.completeVerification<string | object, JWK.Key> = JWS.verify(general, keystore, { complete: true })
const jwsCompleteRaw = JWS.verify(compact, secret, { complete: true, parse: false, algorithms: ['HS256'], crit: [] })
const rawPayload: Buffer = jwsCompleteRaw.payload
const protectedHeader: object | undefined = jwsCompleteRaw.protected
const jwsNone = JWS.verify(JWS.sign('foobar', JWK.None), JWK.None, { complete: true })
const jwsNoneKey: JWK.NoneKey = jwsNone.key
const jwsVerifyOptions: JWS.VerifyOptions<true, false> = { complete: true, parse: false }
JWS.verify(compact, publicKey, jwsVerifyOptions)

// --- JWE ---

const jwe: string = jose.JWE.encrypt(compact, publicKey, { kid: publicKey.kid })
const cleartext: Buffer = jose.JWE.decrypt(jwe, privateKey)
const jweFlat: JWE.FlattenedJWE = JWE.encrypt.flattened('cleartext', secret, { alg: 'A256KW' }, { enc: 'A128GCM' }, 'aad')
const jweGeneral: JWE.GeneralJWE = JWE.encrypt.general(Buffer.from('cleartext'), publicKey)

const enc = new JWE.Encrypt('cleartext', { enc: 'A128CBC-HS256' }, { shared: true }, 'aad')
enc.recipient(publicKey, { kid: publicKey.kid })
enc.recipient(secret)
const multi: JWE.GeneralJWE = enc.encrypt('general')
const single: string = new JWE.Encrypt(Buffer.from('x')).encrypt('compact')
const singleFlat: JWE.FlattenedJWE = new JWE.Encrypt('x').encrypt('flattened')

const decryptOptions: JWE.DecryptOptions<true> = { complete: true, algorithms: ['RSA-OAEP'], maxPBES2Count: 10000, crit: [] }
const decrypted: JWE.completeDecrypt = JWE.decrypt(jweGeneral, keystore, decryptOptions)
const cek: JWK.OctKey = decrypted.cek
const decryptedWith: JWK.Key = decrypted.key
const aad: string | undefined = decrypted.aad
const plain: Buffer = JWE.decrypt(jweFlat, secret, { complete: false })

// --- errors ---

function handle (err: unknown): string {
  if (err instanceof errors.JWTExpired) {
    const code: 'ERR_JWT_EXPIRED' = err.code
    return `${code} ${err.claim} ${err.reason}`
  }
  if (err instanceof errors.JWTClaimInvalid) {
    const reason: 'prohibited' | 'missing' | 'invalid' | 'check_failed' | 'unspecified' = err.reason
    return reason
  }
  if (err instanceof jose.errors.JOSEError && err.code === 'ERR_JWS_VERIFICATION_FAILED') {
    return err.message
  }
  if (err instanceof errors.JOSEMultiError) {
    return err.code
  }
  if (err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JOSEAlgNotWhitelisted) {
    return err.name
  }
  return String(err)
}
const claimError = new errors.JWTClaimInvalid('"iss" claim mismatch', 'iss', 'check_failed')

// --- helpers typed with jose's exported names ---

function signWith (input: ProduceKeyInput, claims: object): string {
  return JWT.sign(claims, input, { expiresIn: '2 hours' })
}
function verifyWith (input: ConsumeKeyInput, jwt: string): object {
  return JWT.verify(jwt, input)
}
signWith(readFileSync('key.pem'), {})
signWith({ kty: 'oct', k: 'secret' }, {})
verifyWith(keystore, token)
verifyWith('-----BEGIN PUBLIC KEY-----', token)

export {
  fromSecret, fromKeyObject, fromDer, encrypted, curve, generateKeys, describeKey, modulus, ecCurve, isKey,
  found, candidates, size, params, basic, payload, verifiedWith, signature, header, noneKey, embeddedKey,
  decoded, noKey, idToken, atKey, signed, signedCompact, signedFlat, jwsPayload, raw, jwsComplete, rawPayload,
  protectedHeader, jwsNoneKey, cleartext, multi, single, singleFlat, cek, decryptedWith, aad, plain, handle,
  claimError
}
