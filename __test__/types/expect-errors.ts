// Misuse the typings must reject. Each `@ts-expect-error` fails the type
// check when the line below it compiles, so every case here is a test that
// the typings are not too loose. Type-checked only, never run.

import { JWE, JWK, JWKS, JWS, JWT, errors } from 'jose-native'

declare const rsa: JWK.RSAKey
declare const oct: JWK.OctKey
declare const store: JWKS.KeyStore
declare const token: string

// keys are made by asKey/generate, not constructed
// @ts-expect-error the constructor is protected
new JWK.Key()
// @ts-expect-error RSAKey inherits the protected constructor
new JWK.RSAKey()
// @ts-expect-error not a key type
JWK.generateSync('DSA')
// @ts-expect-error an EC JWK needs `y`
JWK.asKey({ kty: 'EC', crv: 'P-256', x: 'x' })
// @ts-expect-error not a curve
JWK.asKey({ kty: 'OKP', crv: 'P-256', x: 'x' })
// @ts-expect-error key properties are read-only
rsa.kid = 'other'
// @ts-expect-error an oct key has no curve
const crv: string = oct.crv
// @ts-expect-error the passphrase is a string or Buffer
rsa.toPEM(true, { passphrase: 1234 })
// @ts-expect-error an operation name, not an algorithm
rsa.algorithms('RS256')
// @ts-expect-error a KeyStore takes keys
new JWKS.KeyStore('not a key')

// CustomKey subclasses must implement the operations, with the right types
// @ts-expect-error sign and verify are abstract
class NoOps extends JWK.CustomKey {
  algorithms (): Set<string> { return new Set() }
}
class WrongSign extends JWK.CustomKey {
  algorithms (): Set<string> { return new Set(['ES256']) }
  // @ts-expect-error signatures are bytes, not strings
  sign (): string { return 'sig' }
  verify (): boolean { return true }
}
// @ts-expect-error CustomKey is abstract
new JWK.CustomKey({ kty: 'EC' })
class WithOptions extends JWK.CustomKey {
  constructor () {
    // @ts-expect-error keyType is 'private', 'public' or 'secret'
    super({ keyType: 'symmetric' })
  }

  algorithms (): Set<string> { return new Set() }
  sign (): Buffer { return Buffer.alloc(0) }
  verify (): boolean { return false }
}

// results follow the options
// @ts-expect-error parse: false gives a Buffer
const text: string = JWS.verify(token, rsa, { parse: false })
// @ts-expect-error the complete result is an object with payload and key
const payloadOnly: string = JWS.verify(token, rsa, { complete: true }).payload
// @ts-expect-error JWK.None verifies to a NoneKey, which has no kid
JWT.verify(token, JWK.None, { complete: true }).key.kid
// @ts-expect-error decode without complete returns the payload only
JWT.decode(token).header
// @ts-expect-error compact serialization is a string
const flat: JWE.FlattenedJWE = new JWE.Encrypt('x').recipient(rsa).encrypt('compact')
// @ts-expect-error not a serialization
new JWS.Sign('x').sign('detached')
// @ts-expect-error Async twins return Promises
const compact: string = JWS.signAsync('x', rsa)
// @ts-expect-error Async twins return Promises
const cleartext: Buffer = JWE.decryptAsync(token, rsa)

// option types
// @ts-expect-error timespans are strings
JWT.sign({}, rsa, { expiresIn: 3600 })
// @ts-expect-error not a profile
JWT.verify(token, rsa, { profile: 'saml' })
// @ts-expect-error maxPBES2Count is a number
JWE.decrypt(token, rsa, { maxPBES2Count: '10000' })
// @ts-expect-error maxInflatedSize is a number
JWE.decryptAsync(token, rsa, { maxInflatedSize: '1MB' })
// @ts-expect-error the encoding is a BufferEncoding
JWS.verify(token, rsa, { encoding: 'ebcdic' })
// @ts-expect-error JWT payloads are objects
JWT.sign('sub', rsa)

// profile shorthands require issuer and audience
// @ts-expect-error issuer and audience are required
JWT.IdToken.verify(token, store, {})
// @ts-expect-error audience is required
JWT.AccessToken.verifyAsync(token, store, { issuer: 'i' })
// @ts-expect-error the profile is fixed by the shorthand
JWT.LogoutToken.verify(token, store, { issuer: 'i', audience: 'a', profile: 'id_token' })
// @ts-expect-error JARM needs the client_id as audience
JWT.JARM.verify(token, store, { issuer: 'https://as.example.com' })
// @ts-expect-error the JARM decryption key is a key or KeyStore
JWT.JARM.verifyAsync(token, store, { issuer: 'i', audience: 'c', decryptionKey: 42 })
// @ts-expect-error JARM responses are signed: JWK.None does not verify them
JWT.JARM.verify(token, JWK.None, { issuer: 'i', audience: 'c' })

// errors
declare const claimError: errors.JWTClaimInvalid
// @ts-expect-error reason is one of jose's five values
const reason: 'expired' = claimError.reason
// @ts-expect-error each error class has its own code
const code: 'ERR_JWT_EXPIRED' = new errors.JWTMalformed().code
// @ts-expect-error JOSEMultiError wraps a list of errors
new errors.JOSEMultiError('one error')

export { crv, NoOps, WrongSign, WithOptions, text, payloadOnly, flat, compact, cleartext, reason, code }
