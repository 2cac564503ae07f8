// jose-native's v6 declarations next to jose 6's own (the jose6
// devDependency), export by export: each `Check<...>` fails to compile when
// the two differ. Type-checked by tsconfig.json only (it needs both).
//
// Interfaces, type aliases, functions (with all their overloads) and the
// error classes are compared for identity. The builder classes carry a
// `#private` brand in both, which makes any two of them distinct, so they
// are compared through their constructor parameters and public methods.

import type * as N from 'jose-native/v6'
import type * as U from 'jose6'

// Identical (not merely mutually assignable) types.
type Same<A, B> = (<V>() => V extends A ? 1 : 2) extends (<V>() => V extends B ? 1 : 2) ? true : false
type Check<T extends true> = T

// A class's public surface without its brand: methods returning the class
// itself (`this`) or one of the builder classes or their companion
// interfaces (compared on their own) read as a tag.
type Builder<R> =
  R extends N.GeneralSign | U.GeneralSign ? 'GeneralSign'
    : R extends N.GeneralEncrypt | U.GeneralEncrypt ? 'GeneralEncrypt'
      : R extends N.Signature | U.Signature ? 'Signature'
        : R extends N.Recipient | U.Recipient ? 'Recipient'
          : R
type Surface<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R
    ? (...args: A) => ([R] extends [T] ? 'this' : Builder<R>)
    : T[K]
}
type SameClass<NC extends abstract new (...args: any) => any, UC extends abstract new (...args: any) => any> =
  [Same<ConstructorParameters<NC>, ConstructorParameters<UC>>, Same<Surface<InstanceType<NC>>, Surface<InstanceType<UC>>>] extends [true, true] ? true : false

interface Claims { role: string }

export type Checked = [
  // algorithm identifiers
  Check<Same<N.JWSAlgorithm, U.JWSAlgorithm>>,
  Check<Same<N.JWEKeyManagementAlgorithm, U.JWEKeyManagementAlgorithm>>,
  Check<Same<N.JWEContentEncryptionAlgorithm, U.JWEContentEncryptionAlgorithm>>,
  Check<Same<N.JWKKeyType, U.JWKKeyType>>,

  // keys and JWKs
  Check<Same<N.JWKParameters, U.JWKParameters>>,
  Check<Same<N.JWK, U.JWK>>,
  Check<Same<N.AnyJWK, U.AnyJWK>>,
  Check<Same<N.JWK_AKP_Private, U.JWK_AKP_Private>>,
  Check<Same<N.JWK_AKP_Public, U.JWK_AKP_Public>>,
  Check<Same<N.JWK_EC_Private, U.JWK_EC_Private>>,
  Check<Same<N.JWK_EC_Public, U.JWK_EC_Public>>,
  Check<Same<N.JWK_oct, U.JWK_oct>>,
  Check<Same<N.JWK_OKP_Private, U.JWK_OKP_Private>>,
  Check<Same<N.JWK_OKP_Public, U.JWK_OKP_Public>>,
  Check<Same<N.JWK_RSA_Private, U.JWK_RSA_Private>>,
  Check<Same<N.JWK_RSA_Public, U.JWK_RSA_Public>>,
  Check<Same<N.JSONWebKeySet, U.JSONWebKeySet>>,
  Check<Same<N.KeyObject, U.KeyObject>>,
  Check<Same<N.CryptoKey, U.CryptoKey>>,
  Check<Same<N.KeyInput, U.KeyInput>>,
  Check<Same<N.GetKeyFunction<N.JWSHeaderParameters, string>, U.GetKeyFunction<U.JWSHeaderParameters, string>>>,
  Check<Same<N.GetKeyFunction<number, string, Uint8Array>, U.GetKeyFunction<number, string, Uint8Array>>>,
  Check<Same<N.ResolvedKey, U.ResolvedKey>>,
  Check<Same<N.ResolvedKey<Uint8Array>, U.ResolvedKey<Uint8Array>>>,

  // headers
  Check<Same<N.JoseHeaderParameters, U.JoseHeaderParameters>>,
  Check<Same<N.JWSHeaderParameters, U.JWSHeaderParameters>>,
  Check<Same<N.CompactJWSHeaderParameters, U.CompactJWSHeaderParameters>>,
  Check<Same<N.JWTHeaderParameters, U.JWTHeaderParameters>>,
  Check<Same<N.JWEHeaderParameters, U.JWEHeaderParameters>>,
  Check<Same<N.CompactJWEHeaderParameters, U.CompactJWEHeaderParameters>>,
  Check<Same<N.JWEKeyManagementHeaderParameters, U.JWEKeyManagementHeaderParameters>>,
  Check<Same<N.ProtectedHeaderParameters, U.ProtectedHeaderParameters>>,

  // serializations
  Check<Same<N.FlattenedJWSInput, U.FlattenedJWSInput>>,
  Check<Same<N.GeneralJWSInput, U.GeneralJWSInput>>,
  Check<Same<N.FlattenedJWS, U.FlattenedJWS>>,
  Check<Same<N.GeneralJWS, U.GeneralJWS>>,
  Check<Same<N.FlattenedJWE, U.FlattenedJWE>>,
  Check<Same<N.GeneralJWE, U.GeneralJWE>>,

  // options
  Check<Same<N.CritOption, U.CritOption>>,
  Check<Same<N.VerifyOptions, U.VerifyOptions>>,
  Check<Same<N.SignOptions, U.SignOptions>>,
  Check<Same<N.DecryptOptions, U.DecryptOptions>>,
  Check<Same<N.EncryptOptions, U.EncryptOptions>>,
  Check<Same<N.JWTClaimVerificationOptions, U.JWTClaimVerificationOptions>>,
  Check<Same<N.JWTVerifyOptions, U.JWTVerifyOptions>>,
  Check<Same<N.JWTDecryptOptions, U.JWTDecryptOptions>>,
  Check<Same<N.KeyImportOptions, U.KeyImportOptions>>,
  Check<Same<N.GenerateKeyPairOptions, U.GenerateKeyPairOptions>>,
  Check<Same<N.GenerateSecretOptions, U.GenerateSecretOptions>>,
  Check<Same<N.GenerateKeyPairAlgorithm, U.GenerateKeyPairAlgorithm>>,
  Check<Same<N.GenerateSecretAlgorithm, U.GenerateSecretAlgorithm>>,
  // the two unique symbols differ, so the members they key are compared on their own
  Check<Same<Omit<N.RemoteJWKSetOptions, typeof N.jwksCache | typeof N.customFetch>, Omit<U.RemoteJWKSetOptions, typeof U.jwksCache | typeof U.customFetch>>>,
  Check<Same<N.RemoteJWKSetOptions[typeof N.jwksCache], U.RemoteJWKSetOptions[typeof U.jwksCache]>>,
  Check<Same<N.RemoteJWKSetOptions[typeof N.customFetch], U.RemoteJWKSetOptions[typeof U.customFetch]>>,
  Check<Same<N.FetchImplementation, U.FetchImplementation>>,
  Check<Same<N.JWKSCacheInput, U.JWKSCacheInput>>,
  Check<Same<N.ExportedJWKSCache, U.ExportedJWKSCache>>,

  // results
  Check<Same<N.JWTPayload, U.JWTPayload>>,
  Check<Same<N.JWTVerifyResult, U.JWTVerifyResult>>,
  Check<Same<N.JWTVerifyResult<Claims>, U.JWTVerifyResult<Claims>>>,
  Check<Same<N.JWTVerifyResult<string>, U.JWTVerifyResult<string>>>,
  Check<Same<N.JWTVerifyResult<unknown>, U.JWTVerifyResult<unknown>>>,
  Check<Same<N.JWTDecryptResult, U.JWTDecryptResult>>,
  Check<Same<N.JWTDecryptResult<Claims>, U.JWTDecryptResult<Claims>>>,
  Check<Same<N.UnsecuredResult, U.UnsecuredResult>>,
  Check<Same<N.UnsecuredResult<Claims>, U.UnsecuredResult<Claims>>>,
  Check<Same<N.CompactVerifyResult, U.CompactVerifyResult>>,
  Check<Same<N.FlattenedVerifyResult, U.FlattenedVerifyResult>>,
  Check<Same<N.GeneralVerifyResult, U.GeneralVerifyResult>>,
  Check<Same<N.CompactDecryptResult, U.CompactDecryptResult>>,
  Check<Same<N.FlattenedDecryptResult, U.FlattenedDecryptResult>>,
  Check<Same<N.GeneralDecryptResult, U.GeneralDecryptResult>>,
  Check<Same<N.GenerateKeyPairResult, U.GenerateKeyPairResult>>,

  // key resolvers
  Check<Same<N.JWTVerifyGetKey, U.JWTVerifyGetKey>>,
  Check<Same<N.JWTVerifyGetKey<Uint8Array>, U.JWTVerifyGetKey<Uint8Array>>>,
  Check<Same<N.JWTDecryptGetKey, U.JWTDecryptGetKey>>,
  Check<Same<N.CompactVerifyGetKey, U.CompactVerifyGetKey>>,
  Check<Same<N.FlattenedVerifyGetKey, U.FlattenedVerifyGetKey>>,
  Check<Same<N.GeneralVerifyGetKey, U.GeneralVerifyGetKey>>,
  Check<Same<N.CompactDecryptGetKey, U.CompactDecryptGetKey>>,
  Check<Same<N.FlattenedDecryptGetKey, U.FlattenedDecryptGetKey>>,
  Check<Same<N.GeneralDecryptGetKey, U.GeneralDecryptGetKey>>,
  Check<Same<N.LocalJWKSet, U.LocalJWKSet>>,
  Check<Same<N.RemoteJWKSet, U.RemoteJWKSet>>,

  // functions, every overload (jwtVerify, jwtDecrypt, decodeJwt and
  // UnsecuredJWT.decode: by their calls, below)
  Check<Same<typeof N.compactVerify, typeof U.compactVerify>>,
  Check<Same<typeof N.flattenedVerify, typeof U.flattenedVerify>>,
  Check<Same<typeof N.generalVerify, typeof U.generalVerify>>,
  Check<Same<typeof N.compactDecrypt, typeof U.compactDecrypt>>,
  Check<Same<typeof N.flattenedDecrypt, typeof U.flattenedDecrypt>>,
  Check<Same<typeof N.generalDecrypt, typeof U.generalDecrypt>>,
  Check<Same<typeof N.importSPKI, typeof U.importSPKI>>,
  Check<Same<typeof N.importPKCS8, typeof U.importPKCS8>>,
  Check<Same<typeof N.importX509, typeof U.importX509>>,
  Check<Same<typeof N.importJWK, typeof U.importJWK>>,
  Check<Same<typeof N.exportSPKI, typeof U.exportSPKI>>,
  Check<Same<typeof N.exportPKCS8, typeof U.exportPKCS8>>,
  Check<Same<typeof N.exportJWK, typeof U.exportJWK>>,
  Check<Same<typeof N.generateKeyPair, typeof U.generateKeyPair>>,
  Check<Same<typeof N.generateSecret, typeof U.generateSecret>>,
  Check<Same<typeof N.calculateJwkThumbprint, typeof U.calculateJwkThumbprint>>,
  Check<Same<typeof N.calculateJwkThumbprintUri, typeof U.calculateJwkThumbprintUri>>,
  Check<Same<typeof N.EmbeddedJWK, typeof U.EmbeddedJWK>>,
  Check<Same<typeof N.createLocalJWKSet, typeof U.createLocalJWKSet>>,
  Check<Same<Parameters<typeof N.createRemoteJWKSet>[0], Parameters<typeof U.createRemoteJWKSet>[0]>>,
  Check<Same<ReturnType<typeof N.createRemoteJWKSet>, ReturnType<typeof U.createRemoteJWKSet>>>,
  Check<Same<typeof N.decodeProtectedHeader, typeof U.decodeProtectedHeader>>,
  Check<Same<typeof N.base64url, typeof U.base64url>>,
  Check<Same<typeof N.cryptoRuntime, typeof U.cryptoRuntime>>,

  // builder classes and their companions
  Check<SameClass<typeof N.SignJWT, typeof U.SignJWT>>,
  Check<SameClass<typeof N.EncryptJWT, typeof U.EncryptJWT>>,
  Check<SameClass<typeof N.UnsecuredJWT, typeof U.UnsecuredJWT>>,
  Check<SameClass<typeof N.CompactSign, typeof U.CompactSign>>,
  Check<SameClass<typeof N.FlattenedSign, typeof U.FlattenedSign>>,
  Check<SameClass<typeof N.GeneralSign, typeof U.GeneralSign>>,
  Check<SameClass<typeof N.CompactEncrypt, typeof U.CompactEncrypt>>,
  Check<SameClass<typeof N.FlattenedEncrypt, typeof U.FlattenedEncrypt>>,
  Check<SameClass<typeof N.GeneralEncrypt, typeof U.GeneralEncrypt>>,
  Check<Same<Surface<N.Signature>, Surface<U.Signature>>>,
  Check<Same<Surface<N.Recipient>, Surface<U.Recipient>>>,
  Check<Same<Surface<N.ProduceJWT>, Surface<U.ProduceJWT>>>,

  // errors
  Check<Same<N.errors.JOSEErrorCode, U.errors.JOSEErrorCode>>,
  Check<Same<N.errors.JWTClaimValidationReason, U.errors.JWTClaimValidationReason>>,
  Check<Same<N.errors.JWTClaimValidationFailure, U.errors.JWTClaimValidationFailure>>,
  Check<Same<N.errors.JWTClaimValidationError, U.errors.JWTClaimValidationError>>,
  Check<Same<N.errors.AnyJOSEError, U.errors.AnyJOSEError>>,
  Check<Same<typeof N.errors.JOSEError, typeof U.errors.JOSEError>>,
  Check<Same<typeof N.errors.JWTClaimValidationFailed, typeof U.errors.JWTClaimValidationFailed>>,
  Check<Same<typeof N.errors.JWTExpired, typeof U.errors.JWTExpired>>,
  Check<Same<typeof N.errors.JOSEAlgNotAllowed, typeof U.errors.JOSEAlgNotAllowed>>,
  Check<Same<typeof N.errors.JOSENotSupported, typeof U.errors.JOSENotSupported>>,
  Check<Same<typeof N.errors.JWEDecryptionFailed, typeof U.errors.JWEDecryptionFailed>>,
  Check<Same<typeof N.errors.JWEInvalid, typeof U.errors.JWEInvalid>>,
  Check<Same<typeof N.errors.JWSInvalid, typeof U.errors.JWSInvalid>>,
  Check<Same<typeof N.errors.JWTInvalid, typeof U.errors.JWTInvalid>>,
  Check<Same<typeof N.errors.JWKInvalid, typeof U.errors.JWKInvalid>>,
  Check<Same<typeof N.errors.JWKSInvalid, typeof U.errors.JWKSInvalid>>,
  Check<Same<typeof N.errors.JWKSNoMatchingKey, typeof U.errors.JWKSNoMatchingKey>>,
  Check<Same<typeof N.errors.JWKSMultipleMatchingKeys, typeof U.errors.JWKSMultipleMatchingKeys>>,
  Check<Same<typeof N.errors.JWKSTimeout, typeof U.errors.JWKSTimeout>>,
  Check<Same<typeof N.errors.JWSSignatureVerificationFailed, typeof U.errors.JWSSignatureVerificationFailed>>
]

// jwtVerify, jwtDecrypt, decodeJwt and UnsecuredJWT.decode return types
// conditional on their type parameters, and TypeScript never finds two such
// signatures identical when they come from two declarations (not even from
// two copies of one file). So they are compared by their calls instead: the
// same calls, through each overload, must give identical result types.
declare const jwt: string
declare const key: N.KeyInput
declare const secret: Uint8Array
declare const resolver: N.RemoteJWKSet
declare const either: N.KeyInput | N.JWTVerifyGetKey
declare const eitherDecrypt: N.KeyInput | N.JWTDecryptGetKey

declare const nVerify: typeof N.jwtVerify
declare const uVerify: typeof U.jwtVerify
const verifyCalls = {
  n: [nVerify(jwt, key), nVerify(jwt, secret), nVerify(jwt, resolver), nVerify(jwt, either), nVerify(jwt, () => secret)] as const,
  u: [uVerify(jwt, key), uVerify(jwt, secret), uVerify(jwt, resolver), uVerify(jwt, either), uVerify(jwt, () => secret)] as const
}
const verifyTyped = {
  n: [nVerify<Claims>(jwt, key), nVerify<Claims>(jwt, resolver), nVerify<Claims, Uint8Array>(jwt, () => secret), nVerify<Claims>(jwt, either), nVerify<string>(jwt, key), nVerify<unknown>(jwt, key)] as const,
  u: [uVerify<Claims>(jwt, key), uVerify<Claims>(jwt, resolver), uVerify<Claims, Uint8Array>(jwt, () => secret), uVerify<Claims>(jwt, either), uVerify<string>(jwt, key), uVerify<unknown>(jwt, key)] as const
}

declare const nDecrypt: typeof N.jwtDecrypt
declare const uDecrypt: typeof U.jwtDecrypt
const decryptCalls = {
  n: [nDecrypt(jwt, key), nDecrypt(jwt, () => secret), nDecrypt(jwt, eitherDecrypt), nDecrypt<Claims>(jwt, key), nDecrypt<Claims>(jwt, () => secret), nDecrypt<Claims>(jwt, eitherDecrypt), nDecrypt<string>(jwt, key)] as const,
  u: [uDecrypt(jwt, key), uDecrypt(jwt, () => secret), uDecrypt(jwt, eitherDecrypt), uDecrypt<Claims>(jwt, key), uDecrypt<Claims>(jwt, () => secret), uDecrypt<Claims>(jwt, eitherDecrypt), uDecrypt<string>(jwt, key)] as const
}

declare const nDecode: typeof N.decodeJwt
declare const uDecode: typeof U.decodeJwt
declare const nUnsecured: typeof N.UnsecuredJWT.decode
declare const uUnsecured: typeof U.UnsecuredJWT.decode
const decodeCalls = {
  n: [nDecode(jwt), nDecode<Claims>(jwt), nDecode<string>(jwt), nUnsecured(jwt), nUnsecured<Claims>(jwt, { issuer: 'i' }), nUnsecured<string>(jwt)] as const,
  u: [uDecode(jwt), uDecode<Claims>(jwt), uDecode<string>(jwt), uUnsecured(jwt), uUnsecured<Claims>(jwt, { issuer: 'i' }), uUnsecured<string>(jwt)] as const
}

// payload types taken from the call's context
const contextual = {
  n: [nVerify(jwt, key) satisfies Promise<N.JWTVerifyResult<Claims>>, nDecode(jwt) satisfies Claims] as const,
  u: [uVerify(jwt, key) satisfies Promise<U.JWTVerifyResult<Claims>>, uDecode(jwt) satisfies Claims] as const
}

export type CheckedCalls = [
  Check<Same<typeof verifyCalls.n, typeof verifyCalls.u>>,
  Check<Same<typeof verifyTyped.n, typeof verifyTyped.u>>,
  Check<Same<typeof decryptCalls.n, typeof decryptCalls.u>>,
  Check<Same<typeof decodeCalls.n, typeof decodeCalls.u>>,
  Check<Same<typeof contextual.n, typeof contextual.u>>
]

// The harness catches differences: these two are not the same.
// @ts-expect-error a JWS header is not a JWE header
export type Differs = Check<Same<N.JWSHeaderParameters, U.JWEHeaderParameters>>
