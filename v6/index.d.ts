// Type definitions for `jose-native/v6`.
//
// The public API of jose 6.2 (JWA, JWS, JWE, JWT, JWK, JWKS) under the same
// names, with the same generic parameters and the same overloads, so that
// code type-checked against jose 6's own typings compiles unchanged when it
// imports from 'jose-native/v6' instead of 'jose'. Written from jose 6.2's
// API documentation; __test__/v6-types/ checks one set of consumer files
// against both these declarations and jose 6's (`npm run lint`).
//
// Like jose 6's, these declarations need no Node.js types: a Node.js
// KeyObject and a Web Crypto CryptoKey are described structurally, and the
// CryptoKey type is whichever one the consumer's environment declares
// (lib.dom or @types/node).
//
// Only the `export`ed declarations are public (see `export {}` below); the
// few helper types near the end of the file are not part of the API.

// ---------------------------------------------------------------------------
// Algorithm identifiers
// ---------------------------------------------------------------------------

/**
 * A JWS "alg" (Algorithm) Header Parameter value. The named ones are those
 * jose 6 knows; any other string is accepted by the type (and rejected at
 * run time when unsupported).
 */
export type JWSAlgorithm =
  | 'HS256' | 'HS384' | 'HS512'
  | 'RS256' | 'RS384' | 'RS512'
  | 'PS256' | 'PS384' | 'PS512'
  | 'ES256' | 'ES384' | 'ES512'
  | 'EdDSA' | 'Ed25519'
  | 'ML-DSA-44' | 'ML-DSA-65' | 'ML-DSA-87'
  | (string & {})

/** A JWE "alg" (Key Management Algorithm) Header Parameter value. */
export type JWEKeyManagementAlgorithm =
  | 'dir'
  | 'A128KW' | 'A192KW' | 'A256KW'
  | 'A128GCMKW' | 'A192GCMKW' | 'A256GCMKW'
  | 'ECDH-ES' | 'ECDH-ES+A128KW' | 'ECDH-ES+A192KW' | 'ECDH-ES+A256KW'
  | 'RSA-OAEP' | 'RSA-OAEP-256' | 'RSA-OAEP-384' | 'RSA-OAEP-512'
  | 'PBES2-HS256+A128KW' | 'PBES2-HS384+A192KW' | 'PBES2-HS512+A256KW'
  | (string & {})

/** A JWE "enc" (Content Encryption Algorithm) Header Parameter value. */
export type JWEContentEncryptionAlgorithm =
  | 'A128CBC-HS256' | 'A192CBC-HS384' | 'A256CBC-HS512'
  | 'A128GCM' | 'A192GCM' | 'A256GCM'
  | (string & {})

/** A JWK "kty" (Key Type) value. */
export type JWKKeyType = 'EC' | 'RSA' | 'OKP' | 'AKP' | 'oct' | (string & {})

// ---------------------------------------------------------------------------
// JSON Web Keys
// ---------------------------------------------------------------------------

/**
 * The JWK members every key type may carry.
 *
 * A type alias, not an interface, so that it is assignable to types with an
 * implicit index signature, such as the `JsonWebKey` of lib.dom and
 * @types/node.
 */
export type JWKParameters = {
  /** "kty" (Key Type). */
  kty?: JWKKeyType
  /** "alg" (Algorithm) the key is meant for. */
  alg?: JWSAlgorithm | JWEKeyManagementAlgorithm | JWEContentEncryptionAlgorithm
  /** "key_ops" (Key Operations). */
  key_ops?: string[]
  /** Web Crypto's "ext" (extractable) member. */
  ext?: boolean
  /** "use" (Public Key Use). */
  use?: 'sig' | 'enc' | (string & {})
  /** "x5c" (X.509 Certificate Chain): base64 (not base64url) DER certificates. */
  x5c?: string[]
  /** "x5t" (X.509 Certificate SHA-1 Thumbprint), base64url. */
  x5t?: string
  /** "x5t#S256" (X.509 Certificate SHA-256 Thumbprint), base64url. */
  'x5t#S256'?: string
  /** "x5u" (X.509 URL). */
  x5u?: string
  /** "kid" (Key ID). */
  kid?: string
}

/** A public OKP (Ed25519, X25519, ...) JWK. */
export interface JWK_OKP_Public extends JWKParameters {
  /** "crv": the key's subtype. */
  crv: string
  /** The public key, base64url. */
  x: string
}

/** A private OKP JWK. */
export interface JWK_OKP_Private extends JWK_OKP_Public {
  /** The private key, base64url. */
  d: string
}

/** A public AKP (ML-DSA) JWK. */
export interface JWK_AKP_Public extends JWKParameters {
  /** "alg": required on AKP keys. */
  alg: string
  /** "pub": the public key, base64url. */
  pub: string
}

/** A private AKP JWK. */
export interface JWK_AKP_Private extends JWK_AKP_Public {
  /** "priv": the private key (for ML-DSA its 32-byte seed), base64url. */
  priv: string
}

/** A public EC JWK. */
export interface JWK_EC_Public extends JWKParameters {
  /** "crv": the curve. */
  crv: string
  /** The x coordinate, base64url. */
  x: string
  /** The y coordinate, base64url. */
  y: string
}

/** A private EC JWK. */
export interface JWK_EC_Private extends JWK_EC_Public {
  /** The private scalar, base64url. */
  d: string
}

/** A public RSA JWK. */
export interface JWK_RSA_Public extends JWKParameters {
  /** The public exponent, Base64urlUInt. */
  e: string
  /** The modulus, Base64urlUInt. */
  n: string
}

/** A private RSA JWK. */
export interface JWK_RSA_Private extends JWK_RSA_Public {
  /** The private exponent. */
  d: string
  /** The first factor's CRT exponent. */
  dp: string
  /** The second factor's CRT exponent. */
  dq: string
  /** The first prime factor. */
  p: string
  /** The second prime factor. */
  q: string
  /** The first CRT coefficient. */
  qi: string
}

/** A symmetric ("oct") JWK. */
export interface JWK_oct extends JWKParameters {
  /** "k": the key bytes, base64url. */
  k: string
}

/**
 * A JSON Web Key of any supported type ("RSA", "EC", "OKP", "AKP", "oct"),
 * every member optional.
 *
 * A type alias, not an interface, for the same reason as
 * {@link JWKParameters}, whose members it repeats.
 */
export type JWK = {
  /** "kty" (Key Type). */
  kty?: JWKKeyType
  /** "alg" (Algorithm) the key is meant for. */
  alg?: JWSAlgorithm | JWEKeyManagementAlgorithm | JWEContentEncryptionAlgorithm
  /** "key_ops" (Key Operations). */
  key_ops?: string[]
  /** Web Crypto's "ext" (extractable) member. */
  ext?: boolean
  /** "use" (Public Key Use). */
  use?: 'sig' | 'enc' | (string & {})
  /** "x5c" (X.509 Certificate Chain): base64 (not base64url) DER certificates. */
  x5c?: string[]
  /** "x5t" (X.509 Certificate SHA-1 Thumbprint), base64url. */
  x5t?: string
  /** "x5t#S256" (X.509 Certificate SHA-256 Thumbprint), base64url. */
  'x5t#S256'?: string
  /** "x5u" (X.509 URL). */
  x5u?: string
  /** "kid" (Key ID). */
  kid?: string
  /** "crv": an EC key's curve or an OKP key's subtype. */
  crv?: string
  /** The private key: RSA private exponent, EC private scalar or OKP private key. */
  d?: string
  /** RSA: the first factor's CRT exponent. */
  dp?: string
  /** RSA: the second factor's CRT exponent. */
  dq?: string
  /** RSA: the public exponent. */
  e?: string
  /** oct: the key bytes, base64url. */
  k?: string
  /** RSA: the modulus. */
  n?: string
  /** RSA: the first prime factor. */
  p?: string
  /** RSA: the second prime factor. */
  q?: string
  /** RSA: the first CRT coefficient. */
  qi?: string
  /** EC: the x coordinate; OKP: the public key. */
  x?: string
  /** EC: the y coordinate. */
  y?: string
  /** AKP: the public key, base64url. */
  pub?: string
  /** AKP: the private key (for ML-DSA its 32-byte seed), base64url. */
  priv?: string
  /** RSA: further prime factors (multi-prime keys). */
  oth?: Array<{
    /** The factor's CRT exponent. */
    d?: string
    /** The prime factor. */
    r?: string
    /** The factor's CRT coefficient. */
    t?: string
  }>
}

/** The supported JWK shapes as a union discriminated by "kty". */
export type AnyJWK =
  | (JWK_EC_Private & { kty: 'EC' })
  | (JWK_EC_Public & { kty: 'EC' })
  | (JWK_RSA_Private & { kty: 'RSA' })
  | (JWK_RSA_Public & { kty: 'RSA' })
  | (JWK_OKP_Private & { kty: 'OKP' })
  | (JWK_OKP_Public & { kty: 'OKP' })
  | (JWK_AKP_Private & { kty: 'AKP' })
  | (JWK_AKP_Public & { kty: 'AKP' })
  | (JWK_oct & { kty: 'oct' })

/** A JSON Web Key Set. */
export interface JSONWebKeySet {
  /** "keys": the set's JWKs. */
  keys: JWK[]
}

// ---------------------------------------------------------------------------
// Keys
// ---------------------------------------------------------------------------

/**
 * A Node.js `KeyObject` (from `crypto.createPublicKey`, `createPrivateKey`,
 * `createSecretKey`, ...), described by the one member jose relies on so
 * that Node's own KeyObject type is assignable without Node's typings.
 */
export interface KeyObject {
  type: string
}

/**
 * The environment's Web Crypto `CryptoKey` type: the key type its
 * `crypto.subtle.generateKey` resolves to (lib.dom's or @types/node's), or
 * {@link CryptoKeyStructuralFallback} where there is none.
 */
export type CryptoKey = typeof globalThis extends {
  crypto: { subtle: { generateKey (...args: any[]): Promise<infer GeneratedKey> } }
}
  ? Extract<GeneratedKey, { type: string }>
  : CryptoKeyStructuralFallback

/** The shape of a CryptoKey, for environments that declare none. */
export interface CryptoKeyStructuralFallback {
  readonly algorithm: { name: string }
  readonly extractable: boolean
  readonly type: string
  readonly usages: string[]
}

/**
 * A key or secret as every sign, verify, encrypt and decrypt operation takes
 * it: a CryptoKey, a Node.js KeyObject, a JWK, or secret bytes.
 */
export type KeyInput = CryptoKey | KeyObject | JWK | Uint8Array

/**
 * A key resolver: called with the token's (unverified) header and the token
 * itself, it returns (or resolves to) the key to use, and throws when it has
 * none.
 */
export interface GetKeyFunction<IProtectedHeader, IToken, KeyTypes extends KeyInput = KeyInput> {
  (protectedHeader: IProtectedHeader, token: IToken): Promise<KeyTypes> | KeyTypes
}

/** The key a key resolver returned, on the result of the operation that used it. */
export interface ResolvedKey<KeyType extends CryptoKey | Uint8Array = CryptoKey | Uint8Array> {
  /** The key the resolver function returned (present only when one was used). */
  key: KeyType
}

// ---------------------------------------------------------------------------
// Header parameters
// ---------------------------------------------------------------------------

/** Header Parameters shared by JWS and JWE. */
export interface JoseHeaderParameters {
  /** "kid" (Key ID). */
  kid?: string
  /** "x5t" (X.509 Certificate SHA-1 Thumbprint). */
  x5t?: string
  /** "x5c" (X.509 Certificate Chain). */
  x5c?: string[]
  /** "x5u" (X.509 URL). */
  x5u?: string
  /** "jku" (JWK Set URL). */
  jku?: string
  /** "jwk" (JSON Web Key): a public key, never private or symmetric key members. */
  jwk?: Omit<JWK, 'd' | 'dp' | 'dq' | 'k' | 'p' | 'q' | 'qi' | 'priv' | 'oth'>
  /** "typ" (Type). */
  typ?: string
  /** "cty" (Content Type). */
  cty?: string
}

/** JWS Header Parameters; any other member is allowed too. */
export interface JWSHeaderParameters extends JoseHeaderParameters {
  /** "alg" (Algorithm). */
  alg?: JWSAlgorithm
  /**
   * "b64" (RFC 7797): `false` signs the payload unencoded; "b64" must then
   * also be listed in "crit".
   */
  b64?: boolean
  /** "crit" (Critical): extensions the recipient must understand; must be protected. */
  crit?: string[]
  /** Any other Header Parameter. */
  [propName: string]: unknown
}

/** The JWS Protected Header of a JWS in Compact Serialization: "alg" is required. */
export interface CompactJWSHeaderParameters extends JWSHeaderParameters {
  alg: JWSAlgorithm
}

/** The JWS Protected Header of a signed JWT. */
export interface JWTHeaderParameters extends CompactJWSHeaderParameters {
  b64?: boolean
}

/** JWE Header Parameters; any other member is allowed too. */
export interface JWEHeaderParameters extends JoseHeaderParameters {
  /** "alg" (Key Management Algorithm). */
  alg?: JWEKeyManagementAlgorithm
  /** "enc" (Content Encryption Algorithm). */
  enc?: JWEContentEncryptionAlgorithm
  /** "crit" (Critical): extensions the recipient must understand; must be protected. */
  crit?: string[]
  /**
   * "zip" (Compression Algorithm), integrity protected. Only "DEF" (raw
   * DEFLATE) is supported.
   */
  zip?: 'DEF' | (string & {})
  /** Any other Header Parameter. */
  [propName: string]: unknown
}

/** The JWE Protected Header of a JWE in Compact Serialization: "alg" and "enc" are required. */
export interface CompactJWEHeaderParameters extends JWEHeaderParameters {
  alg: JWEKeyManagementAlgorithm
  enc: JWEContentEncryptionAlgorithm
}

/**
 * Inputs of the key management algorithm. The library writes the matching
 * Header Parameters ("apu", "apv", "p2c", "p2s", "iv", "epk") itself.
 */
export interface JWEKeyManagementHeaderParameters {
  /** ECDH-ES Agreement PartyUInfo, as bytes. */
  apu?: Uint8Array
  /** ECDH-ES Agreement PartyVInfo, as bytes. */
  apv?: Uint8Array
  /** PBES2 iteration count. */
  p2c?: number
  /**
   * PBES2 salt input, as bytes.
   *
   * @deprecated Only for testing and vector validation.
   */
  p2s?: Uint8Array
  /**
   * AES GCM key wrapping Initialization Vector, as bytes.
   *
   * @deprecated Only for testing and vector validation.
   */
  iv?: Uint8Array
  /**
   * The ECDH-ES ephemeral private key; only its public part goes into "epk".
   *
   * @deprecated Only for testing and vector validation.
   */
  epk?: CryptoKey | KeyObject
}

// ---------------------------------------------------------------------------
// JWS and JWE serializations
// ---------------------------------------------------------------------------

/** A JWS in Flattened JSON Serialization, as verification takes it. */
export interface FlattenedJWSInput {
  /** The JWS Unprotected Header (not integrity protected). */
  header?: JWSHeaderParameters
  /** The payload, base64url; a string or bytes as-is when "b64" is false. */
  payload: string | Uint8Array
  /** The JWS Protected Header, base64url of its JSON. */
  protected?: string
  /** The signature or MAC, base64url. */
  signature: string
}

/** A JWS in General JSON Serialization, as verification takes it. */
export interface GeneralJWSInput {
  /** The payload, base64url; a string or bytes as-is when "b64" is false. */
  payload: string | Uint8Array
  /** The signatures, each with its own headers. */
  signatures: Omit<FlattenedJWSInput, 'payload'>[]
}

/**
 * A JWS in Flattened JSON Serialization, as signing produces it. The payload
 * is the empty string for detached content (unencoded payload option).
 */
export interface FlattenedJWS extends Partial<FlattenedJWSInput> {
  payload: string
  signature: string
}

/**
 * A JWS in General JSON Serialization, as signing produces it. The payload
 * is the empty string for detached content (unencoded payload option).
 */
export interface GeneralJWS {
  payload: string
  signatures: Omit<FlattenedJWSInput, 'payload'>[]
}

/** A JWE in Flattened JSON Serialization. */
export interface FlattenedJWE {
  /** Additional Authenticated Data, base64url. */
  aad?: string
  /** The ciphertext, base64url. */
  ciphertext: string
  /** The encrypted key, base64url (absent when there is none). */
  encrypted_key?: string
  /** The Per-Recipient Unprotected Header (not integrity protected). */
  header?: JWEHeaderParameters
  /** The Initialization Vector, base64url. */
  iv?: string
  /** The JWE Protected Header, base64url of its JSON. */
  protected?: string
  /** The Authentication Tag, base64url. */
  tag?: string
  /** The Shared Unprotected Header (not integrity protected). */
  unprotected?: JWEHeaderParameters
}

/** A JWE in General JSON Serialization. */
export interface GeneralJWE extends Omit<FlattenedJWE, 'encrypted_key' | 'header'> {
  recipients: Pick<FlattenedJWE, 'encrypted_key' | 'header'>[]
}

// ---------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------

/** The "crit" option of every sign, verify, encrypt and decrypt operation. */
export interface CritOption {
  /**
   * Extension Header Parameters this application understands, each mapped to
   * whether it must be integrity protected. ("b64" is always understood.)
   * Only their syntax and protection are checked: processing them is up to
   * the application.
   */
  crit?: {
    [propName: string]: boolean
  }
}

/** Options of JWS verification. */
export interface VerifyOptions extends CritOption {
  /**
   * Accepted "alg" values. Defaults to every algorithm the key can be used
   * with; "none" is never accepted.
   */
  algorithms?: JWSAlgorithm[]
}

/** Options of JWS signing. */
export interface SignOptions extends CritOption {}

/** Options of JWE decryption. */
export interface DecryptOptions extends CritOption {
  /**
   * Accepted "alg" values. Defaults to every algorithm the key can be used
   * with, except PBES2, which must be allowed explicitly.
   */
  keyManagementAlgorithms?: JWEKeyManagementAlgorithm[]
  /** Accepted "enc" values. Defaults to every algorithm the key can be used with. */
  contentEncryptionAlgorithms?: JWEContentEncryptionAlgorithm[]
  /** Largest accepted PBES2 "p2c" iteration count (default 10000; `Infinity`: no limit). */
  maxPBES2Count?: number
  /**
   * Largest accepted decompressed plaintext, in bytes (default 250000; `0`
   * rejects compressed JWEs; `Infinity`: no limit).
   */
  maxDecompressedLength?: number
}

/** Options of JWE encryption. */
export interface EncryptOptions extends CritOption {}

/** Options of JWT Claims Set validation. */
export interface JWTClaimVerificationOptions {
  /** Expected "aud" value(s); the claim becomes required. */
  audience?: string | string[]
  /**
   * Clock skew allowed for "nbf", "exp" (and "iat" with `maxTokenAge`), in
   * seconds or as a time span string such as "30s".
   */
  clockTolerance?: string | number
  /** Expected "iss" value(s); the claim becomes required. */
  issuer?: string | string[]
  /**
   * Largest accepted age since "iat", in seconds or as a time span string
   * such as "2 hours"; the claim becomes required.
   */
  maxTokenAge?: string | number
  /** Expected "sub" value; the claim becomes required. */
  subject?: string
  /** Expected "typ" Header Parameter value; the parameter becomes required. */
  typ?: string
  /** The date to compare the NumericDate claims against (default: now). */
  currentDate?: Date
  /** Further claims that must be present. */
  requiredClaims?: string[]
}

// ---------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------

/** The JWT Claims Set: the registered claims, and any others. */
export interface JWTPayload {
  /** "iss" (Issuer). */
  iss?: string
  /** "sub" (Subject). */
  sub?: string
  /** "aud" (Audience). */
  aud?: string | string[]
  /** "jti" (JWT ID). */
  jti?: string
  /** "nbf" (Not Before), a NumericDate (seconds since the epoch). */
  nbf?: number
  /** "exp" (Expiration Time), a NumericDate. */
  exp?: number
  /** "iat" (Issued At), a NumericDate. */
  iat?: number
  /** Any other claim. */
  [propName: string]: unknown
}

/** What flattenedVerify resolves to. */
export interface FlattenedVerifyResult {
  /** The payload bytes. */
  payload: Uint8Array
  /** The JWS Protected Header. */
  protectedHeader?: JWSHeaderParameters
  /** The JWS Unprotected Header (not integrity protected). */
  unprotectedHeader?: JWSHeaderParameters
}

/** What generalVerify resolves to: the first signature that verified. */
export interface GeneralVerifyResult extends FlattenedVerifyResult {}

/** What compactVerify resolves to. */
export interface CompactVerifyResult {
  /** The payload bytes. */
  payload: Uint8Array
  /** The JWS Protected Header. */
  protectedHeader: CompactJWSHeaderParameters
}

/** What flattenedDecrypt resolves to. */
export interface FlattenedDecryptResult {
  /** The decoded Additional Authenticated Data. */
  additionalAuthenticatedData?: Uint8Array
  /** The plaintext bytes. */
  plaintext: Uint8Array
  /** The JWE Protected Header. */
  protectedHeader?: JWEHeaderParameters
  /** The Shared Unprotected Header (not integrity protected). */
  sharedUnprotectedHeader?: JWEHeaderParameters
  /** The Per-Recipient Unprotected Header (not integrity protected). */
  unprotectedHeader?: JWEHeaderParameters
}

/** What generalDecrypt resolves to: the first recipient that decrypted. */
export interface GeneralDecryptResult extends FlattenedDecryptResult {}

/** What compactDecrypt resolves to. */
export interface CompactDecryptResult {
  /** The plaintext bytes. */
  plaintext: Uint8Array
  /** The JWE Protected Header. */
  protectedHeader: CompactJWEHeaderParameters
}

/**
 * What jwtVerify resolves to. A `PayloadType` that is not an object type
 * (`string`, say) makes the payload `never`.
 */
export interface JWTVerifyResult<PayloadType = JWTPayload> {
  /** The JWT Claims Set. */
  payload: PayloadType & JWTPayload & ([PayloadType] extends [object] ? unknown : unknown extends PayloadType ? unknown : never)
  /** The JWS Protected Header. */
  protectedHeader: JWTHeaderParameters
}

/**
 * What jwtDecrypt resolves to. A `PayloadType` that is not an object type
 * makes the payload `never`.
 */
export interface JWTDecryptResult<PayloadType = JWTPayload> {
  /** The JWT Claims Set. */
  payload: PayloadType & JWTPayload & ([PayloadType] extends [object] ? unknown : unknown extends PayloadType ? unknown : never)
  /** The JWE Protected Header. */
  protectedHeader: CompactJWEHeaderParameters
}

// ---------------------------------------------------------------------------
// JWT: producing
// ---------------------------------------------------------------------------

/** The claim setters SignJWT, EncryptJWT and UnsecuredJWT share. */
export interface ProduceJWT {
  /** Sets "iss" (Issuer). */
  setIssuer (issuer: string): this
  /** Sets "sub" (Subject). */
  setSubject (subject: string): this
  /** Sets "aud" (Audience). */
  setAudience (audience: string | string[]): this
  /** Sets "jti" (JWT ID). */
  setJti (jwtId: string): this
  /**
   * Sets "nbf" (Not Before): a NumericDate, a Date, or a time span relative
   * to now such as "5 minutes" ("-2h" or "2 hours ago" for the past; units
   * from seconds to years, no months).
   */
  setNotBefore (input: number | string | Date): this
  /** Sets "exp" (Expiration Time), taking the same inputs as {@link setNotBefore}. */
  setExpirationTime (input: number | string | Date): this
  /**
   * Sets "iat" (Issued At): now when called without an argument, otherwise
   * the same inputs as {@link setNotBefore}.
   */
  setIssuedAt (input?: number | string | Date): this
}

/** Builds and signs a JWT (JWS Compact Serialization). */
export declare class SignJWT implements ProduceJWT {
  #private
  /** @param payload The initial JWT Claims Set (default: empty). */
  constructor (payload?: JWTPayload)
  setIssuer (issuer: string): this
  setSubject (subject: string): this
  setAudience (audience: string | string[]): this
  setJti (jwtId: string): this
  setNotBefore (input: number | string | Date): this
  setExpirationTime (input: number | string | Date): this
  setIssuedAt (input?: number | string | Date): this
  /** Sets the JWS Protected Header, which must name the "alg". Once only. */
  setProtectedHeader (protectedHeader: JWTHeaderParameters): this
  /** Signs the JWT with a private key or secret. */
  sign (key: KeyInput, options?: SignOptions): Promise<string>
}

/** Builds and encrypts a JWT (JWE Compact Serialization). */
export declare class EncryptJWT implements ProduceJWT {
  #private
  /** @param payload The initial JWT Claims Set (default: empty). */
  constructor (payload?: JWTPayload)
  setIssuer (issuer: string): this
  setSubject (subject: string): this
  setAudience (audience: string | string[]): this
  setJti (jwtId: string): this
  setNotBefore (input: number | string | Date): this
  setExpirationTime (input: number | string | Date): this
  setIssuedAt (input?: number | string | Date): this
  /** Sets the JWE Protected Header, which must name "alg" and "enc". Once only. */
  setProtectedHeader (protectedHeader: CompactJWEHeaderParameters): this
  /** Sets the key management algorithm's inputs ("apu", "apv", "p2c", ...). Once only. */
  setKeyManagementParameters (parameters: JWEKeyManagementHeaderParameters): this
  /**
   * Sets the content encryption key instead of a random one. Once only.
   *
   * @deprecated Only for testing and vector validation.
   */
  setContentEncryptionKey (cek: Uint8Array): this
  /**
   * Sets the Initialization Vector instead of a random one. Once only.
   *
   * @deprecated Only for testing and vector validation.
   */
  setInitializationVector (iv: Uint8Array): this
  /** Copies "iss" into the JWE Protected Header (readable without decrypting). */
  replicateIssuerAsHeader (): this
  /** Copies "sub" into the JWE Protected Header (readable without decrypting). */
  replicateSubjectAsHeader (): this
  /** Copies "aud" into the JWE Protected Header (readable without decrypting). */
  replicateAudienceAsHeader (): this
  /** Encrypts the JWT to a public key or secret. */
  encrypt (key: KeyInput, options?: EncryptOptions): Promise<string>
}

/** A decoded Unsecured JWT. */
export interface UnsecuredResult<PayloadType = JWTPayload> {
  /** The JWT Claims Set. */
  payload: PayloadType & JWTPayload & ([PayloadType] extends [object] ? unknown : unknown extends PayloadType ? unknown : never)
  /** The JOSE Header (its "alg" is "none"). */
  header: JWSHeaderParameters
}

/** Encodes and decodes Unsecured JWTs (`{ "alg": "none" }`). */
export declare class UnsecuredJWT implements ProduceJWT {
  #private
  /** @param payload The initial JWT Claims Set (default: empty). */
  constructor (payload?: JWTPayload)
  setIssuer (issuer: string): this
  setSubject (subject: string): this
  setAudience (audience: string | string[]): this
  setJti (jwtId: string): this
  setNotBefore (input: number | string | Date): this
  setExpirationTime (input: number | string | Date): this
  setIssuedAt (input?: number | string | Date): this
  /** The Unsecured JWT. */
  encode (): string
  /** Decodes an Unsecured JWT and validates its claims (nothing is authenticated). */
  static decode<PayloadType, InferredPayloadType> (jwt: string, options?: JWTClaimVerificationOptions): InferredJWTResult<UnsecuredResult<unknown>, InferredPayloadType & ([PayloadType] extends [object] ? unknown : unknown extends PayloadType ? unknown : never)>
  /** Decodes an Unsecured JWT and validates its claims (nothing is authenticated). */
  static decode<PayloadType = JWTPayload> (jwt: string, options?: JWTClaimVerificationOptions): UnsecuredResult<PayloadType>
}

// ---------------------------------------------------------------------------
// JWT: consuming
// ---------------------------------------------------------------------------

/** Options of jwtVerify: JWS verification and JWT Claims Set validation. */
export interface JWTVerifyOptions extends VerifyOptions, JWTClaimVerificationOptions {}

/** A key resolver for jwtVerify (the token is not yet verified when it runs). */
export interface JWTVerifyGetKey<KeyType extends CryptoKey | Uint8Array = CryptoKey | Uint8Array>
  extends GetKeyFunction<CompactJWSHeaderParameters, FlattenedJWSInput, KeyType | KeyObject | JWK> {}

// Calls without type arguments get the first three overloads of jwtVerify
// and jwtDecrypt (the first of decodeJwt and UnsecuredJWT.decode): they take
// the payload type from the call's context, if any
// (`const result: JWTVerifyResult<Claims> = await jwtVerify(jwt, key)`).
// Calls with type arguments get the documented overloads after them. In all
// of them, `([PayloadType] extends [object] ? unknown : ...)` is `unknown`
// for an object type (or unknown, or any) and `never` for any other payload
// type (a JWT Claims Set is a JSON object); it is spelled out each time, as
// jose 6 spells it.

export declare function jwtVerify<PayloadType, KeyType extends KeyInput, InferredPayloadType> (jwt: string | Uint8Array, key: KeyType, options?: JWTVerifyOptions): Promise<InferredJWTResult<JWTVerifyResult<unknown>, InferredPayloadType & ([PayloadType] extends [object] ? unknown : unknown extends PayloadType ? unknown : never)>>
export declare function jwtVerify<PayloadType, KeyType extends CryptoKey | Uint8Array, InferredPayloadType> (jwt: string | Uint8Array, getKey: JWTVerifyGetKey<KeyType>, options?: JWTVerifyOptions): Promise<InferredJWTResult<JWTVerifyResult<unknown>, InferredPayloadType & ([PayloadType] extends [object] ? unknown : unknown extends PayloadType ? unknown : never)> & ResolvedKey<KeyType>>
export declare function jwtVerify<PayloadType, KeyType extends KeyInput | JWTVerifyGetKey, InferredPayloadType> (jwt: string | Uint8Array, key: KeyType, options?: JWTVerifyOptions): Promise<InferredJWTResult<JWTVerifyResult<unknown>, InferredPayloadType & ([PayloadType] extends [object] ? unknown : unknown extends PayloadType ? unknown : never)> & Partial<ResolvedKey>>
/**
 * Verifies a JWT (JWS Compact Serialization): its signature or MAC, then its
 * JWT Claims Set.
 *
 * @param key The public key or secret to verify with.
 */
export declare function jwtVerify<PayloadType = JWTPayload> (jwt: string | Uint8Array, key: KeyInput, options?: JWTVerifyOptions): Promise<JWTVerifyResult<PayloadType>>
/**
 * Verifies a JWT with the key a resolver function (such as a JWKS from
 * {@link createRemoteJWKSet}) returns; the result carries that key.
 */
export declare function jwtVerify<PayloadType = JWTPayload, KeyType extends CryptoKey | Uint8Array = CryptoKey | Uint8Array> (jwt: string | Uint8Array, getKey: JWTVerifyGetKey<KeyType>, options?: JWTVerifyOptions): Promise<JWTVerifyResult<PayloadType> & ResolvedKey<KeyType>>
/**
 * Verifies a JWT with a key or a key resolver, for callers that pass either
 * along; the result's `key` is there only when a resolver was used.
 */
export declare function jwtVerify<PayloadType = JWTPayload> (jwt: string | Uint8Array, key: KeyInput | JWTVerifyGetKey, options?: JWTVerifyOptions): Promise<JWTVerifyResult<PayloadType> & Partial<ResolvedKey>>

/** Options of jwtDecrypt: JWE decryption and JWT Claims Set validation. */
export interface JWTDecryptOptions extends DecryptOptions, JWTClaimVerificationOptions {}

/** A key resolver for jwtDecrypt (the token is not yet authenticated when it runs). */
export interface JWTDecryptGetKey<KeyType extends CryptoKey | Uint8Array = CryptoKey | Uint8Array>
  extends GetKeyFunction<CompactJWEHeaderParameters, FlattenedJWE, KeyType | KeyObject | JWK> {}

export declare function jwtDecrypt<PayloadType, KeyType extends KeyInput, InferredPayloadType> (jwt: string | Uint8Array, key: KeyType, options?: JWTDecryptOptions): Promise<InferredJWTResult<JWTDecryptResult<unknown>, InferredPayloadType & ([PayloadType] extends [object] ? unknown : unknown extends PayloadType ? unknown : never)>>
export declare function jwtDecrypt<PayloadType, KeyType extends CryptoKey | Uint8Array, InferredPayloadType> (jwt: string | Uint8Array, getKey: JWTDecryptGetKey<KeyType>, options?: JWTDecryptOptions): Promise<InferredJWTResult<JWTDecryptResult<unknown>, InferredPayloadType & ([PayloadType] extends [object] ? unknown : unknown extends PayloadType ? unknown : never)> & ResolvedKey<KeyType>>
export declare function jwtDecrypt<PayloadType, KeyType extends KeyInput | JWTDecryptGetKey, InferredPayloadType> (jwt: string | Uint8Array, key: KeyType, options?: JWTDecryptOptions): Promise<InferredJWTResult<JWTDecryptResult<unknown>, InferredPayloadType & ([PayloadType] extends [object] ? unknown : unknown extends PayloadType ? unknown : never)> & Partial<ResolvedKey>>
/**
 * Decrypts a JWT (JWE Compact Serialization), then validates its JWT Claims
 * Set.
 *
 * @param key The private key or secret to decrypt with.
 */
export declare function jwtDecrypt<PayloadType = JWTPayload> (jwt: string | Uint8Array, key: KeyInput, options?: JWTDecryptOptions): Promise<JWTDecryptResult<PayloadType>>
/** Decrypts a JWT with the key a resolver function returns; the result carries that key. */
export declare function jwtDecrypt<PayloadType = JWTPayload, KeyType extends CryptoKey | Uint8Array = CryptoKey | Uint8Array> (jwt: string | Uint8Array, getKey: JWTDecryptGetKey<KeyType>, options?: JWTDecryptOptions): Promise<JWTDecryptResult<PayloadType> & ResolvedKey<KeyType>>
/**
 * Decrypts a JWT with a key or a key resolver; the result's `key` is there
 * only when a resolver was used.
 */
export declare function jwtDecrypt<PayloadType = JWTPayload> (jwt: string | Uint8Array, key: KeyInput | JWTDecryptGetKey, options?: JWTDecryptOptions): Promise<JWTDecryptResult<PayloadType> & Partial<ResolvedKey>>

// ---------------------------------------------------------------------------
// JWS
// ---------------------------------------------------------------------------

/** Signs a payload into a JWS in Compact Serialization. */
export declare class CompactSign {
  #private
  /** @param payload The bytes to sign. */
  constructor (payload: Uint8Array)
  /** Sets the JWS Protected Header, which must name the "alg". Once only. */
  setProtectedHeader (protectedHeader: CompactJWSHeaderParameters): this
  /** Signs with a private key or secret. */
  sign (key: KeyInput, options?: SignOptions): Promise<string>
}

/** Signs a payload into a JWS in Flattened JSON Serialization. */
export declare class FlattenedSign {
  #private
  /** @param payload The bytes to sign. */
  constructor (payload: Uint8Array)
  /** Sets the JWS Protected Header. Once only. */
  setProtectedHeader (protectedHeader: JWSHeaderParameters): this
  /** Sets the JWS Unprotected Header. Once only. */
  setUnprotectedHeader (unprotectedHeader: JWSHeaderParameters): this
  /** Signs with a private key or secret. */
  sign (key: KeyInput, options?: SignOptions): Promise<FlattenedJWS>
}

/** One signature of a {@link GeneralSign}, as `addSignature` returns it. */
export interface Signature {
  /** Sets this signature's JWS Protected Header. Once only. */
  setProtectedHeader (protectedHeader: JWSHeaderParameters): Signature
  /** Sets this signature's JWS Unprotected Header. Once only. */
  setUnprotectedHeader (unprotectedHeader: JWSHeaderParameters): Signature
  /** Adds another signature to the same GeneralSign. */
  addSignature (key: KeyInput, options?: SignOptions): Signature
  /** Signs: same as the GeneralSign's `sign()`. */
  sign (): Promise<GeneralJWS>
  /** The GeneralSign this signature belongs to. */
  done (): GeneralSign
}

/** Signs a payload into a JWS in General JSON Serialization, with one or more signatures. */
export declare class GeneralSign {
  #private
  /** @param payload The bytes to sign. */
  constructor (payload: Uint8Array)
  /** Adds a signature made with a private key or secret. */
  addSignature (key: KeyInput, options?: SignOptions): Signature
  /** Computes every signature. */
  sign (): Promise<GeneralJWS>
}

/** A key resolver for compactVerify. */
export interface CompactVerifyGetKey<KeyType extends CryptoKey | Uint8Array = CryptoKey | Uint8Array>
  extends GetKeyFunction<CompactJWSHeaderParameters, FlattenedJWSInput, KeyType | KeyObject | JWK> {}

/** Verifies a JWS in Compact Serialization and decodes its payload. */
export declare function compactVerify (jws: string | Uint8Array, key: KeyInput, options?: VerifyOptions): Promise<CompactVerifyResult>
/** Verifies with the key a resolver function returns; the result carries that key. */
export declare function compactVerify<KeyType extends CryptoKey | Uint8Array = CryptoKey | Uint8Array> (jws: string | Uint8Array, getKey: CompactVerifyGetKey<KeyType>, options?: VerifyOptions): Promise<CompactVerifyResult & ResolvedKey<KeyType>>
/** Verifies with a key or a key resolver; `key` is on the result only when a resolver was used. */
export declare function compactVerify (jws: string | Uint8Array, key: KeyInput | CompactVerifyGetKey, options?: VerifyOptions): Promise<CompactVerifyResult & Partial<ResolvedKey>>

/** A key resolver for flattenedVerify. */
export interface FlattenedVerifyGetKey<KeyType extends CryptoKey | Uint8Array = CryptoKey | Uint8Array>
  extends GetKeyFunction<JWSHeaderParameters, FlattenedJWSInput, KeyType | KeyObject | JWK> {}

/** Verifies a JWS in Flattened JSON Serialization and decodes its payload. */
export declare function flattenedVerify (jws: FlattenedJWSInput, key: KeyInput, options?: VerifyOptions): Promise<FlattenedVerifyResult>
/** Verifies with the key a resolver function returns; the result carries that key. */
export declare function flattenedVerify<KeyType extends CryptoKey | Uint8Array = CryptoKey | Uint8Array> (jws: FlattenedJWSInput, getKey: FlattenedVerifyGetKey<KeyType>, options?: VerifyOptions): Promise<FlattenedVerifyResult & ResolvedKey<KeyType>>
/** Verifies with a key or a key resolver; `key` is on the result only when a resolver was used. */
export declare function flattenedVerify (jws: FlattenedJWSInput, key: KeyInput | FlattenedVerifyGetKey, options?: VerifyOptions): Promise<FlattenedVerifyResult & Partial<ResolvedKey>>

/** A key resolver for generalVerify. */
export interface GeneralVerifyGetKey<KeyType extends CryptoKey | Uint8Array = CryptoKey | Uint8Array>
  extends GetKeyFunction<JWSHeaderParameters, FlattenedJWSInput, KeyType | KeyObject | JWK> {}

/**
 * Verifies a JWS in General JSON Serialization and decodes its payload. The
 * result describes the first signature that verified; the others' headers
 * are not part of it.
 */
export declare function generalVerify (jws: GeneralJWSInput, key: KeyInput, options?: VerifyOptions): Promise<GeneralVerifyResult>
/** Verifies with the key a resolver function returns; the result carries that key. */
export declare function generalVerify<KeyType extends CryptoKey | Uint8Array = CryptoKey | Uint8Array> (jws: GeneralJWSInput, getKey: GeneralVerifyGetKey<KeyType>, options?: VerifyOptions): Promise<GeneralVerifyResult & ResolvedKey<KeyType>>
/** Verifies with a key or a key resolver; `key` is on the result only when a resolver was used. */
export declare function generalVerify (jws: GeneralJWSInput, key: KeyInput | GeneralVerifyGetKey, options?: VerifyOptions): Promise<GeneralVerifyResult & Partial<ResolvedKey>>

// ---------------------------------------------------------------------------
// JWE
// ---------------------------------------------------------------------------

/** Encrypts a plaintext into a JWE in Compact Serialization. */
export declare class CompactEncrypt {
  #private
  /** @param plaintext The bytes to encrypt. */
  constructor (plaintext: Uint8Array)
  /**
   * Sets the content encryption key instead of a random one. Once only.
   *
   * @deprecated Only for testing and vector validation.
   */
  setContentEncryptionKey (cek: Uint8Array): this
  /**
   * Sets the Initialization Vector instead of a random one. Once only.
   *
   * @deprecated Only for testing and vector validation.
   */
  setInitializationVector (iv: Uint8Array): this
  /** Sets the JWE Protected Header, which must name "alg" and "enc". Once only. */
  setProtectedHeader (protectedHeader: CompactJWEHeaderParameters): this
  /** Sets the key management algorithm's inputs ("apu", "apv", "p2c", ...). Once only. */
  setKeyManagementParameters (parameters: JWEKeyManagementHeaderParameters): this
  /** Encrypts to a public key or secret. */
  encrypt (key: KeyInput, options?: EncryptOptions): Promise<string>
}

/** Encrypts a plaintext into a JWE in Flattened JSON Serialization. */
export declare class FlattenedEncrypt {
  #private
  /** @param plaintext The bytes to encrypt. */
  constructor (plaintext: Uint8Array)
  /** Sets the key management algorithm's inputs ("apu", "apv", "p2c", ...). Once only. */
  setKeyManagementParameters (parameters: JWEKeyManagementHeaderParameters): this
  /** Sets the JWE Protected Header. Once only. */
  setProtectedHeader (protectedHeader: JWEHeaderParameters): this
  /** Sets the Shared Unprotected Header. Once only. */
  setSharedUnprotectedHeader (sharedUnprotectedHeader: JWEHeaderParameters): this
  /** Sets the Per-Recipient Unprotected Header. Once only. */
  setUnprotectedHeader (unprotectedHeader: JWEHeaderParameters): this
  /** Sets the Additional Authenticated Data (authenticated, not encrypted). */
  setAdditionalAuthenticatedData (aad: Uint8Array): this
  /**
   * Sets the content encryption key instead of a random one. Once only.
   *
   * @deprecated Only for testing and vector validation.
   */
  setContentEncryptionKey (cek: Uint8Array): this
  /**
   * Sets the Initialization Vector instead of a random one. Once only.
   *
   * @deprecated Only for testing and vector validation.
   */
  setInitializationVector (iv: Uint8Array): this
  /** Encrypts to a public key or secret. */
  encrypt (key: KeyInput, options?: EncryptOptions): Promise<FlattenedJWE>
}

/** One recipient of a {@link GeneralEncrypt}, as `addRecipient` returns it. */
export interface Recipient {
  /** Sets this recipient's Per-Recipient Unprotected Header. Once only. */
  setUnprotectedHeader (unprotectedHeader: JWEHeaderParameters): Recipient
  /** Sets this recipient's key management inputs ("apu", "apv", "p2c", ...). Once only. */
  setKeyManagementParameters (parameters: JWEKeyManagementHeaderParameters): Recipient
  /** Adds another recipient to the same GeneralEncrypt. */
  addRecipient (key: KeyInput, options?: CritOption): Recipient
  /** Encrypts: same as the GeneralEncrypt's `encrypt()`. */
  encrypt (): Promise<GeneralJWE>
  /** The GeneralEncrypt this recipient belongs to. */
  done (): GeneralEncrypt
}

/** Encrypts a plaintext into a JWE in General JSON Serialization, for one or more recipients. */
export declare class GeneralEncrypt {
  #private
  /** @param plaintext The bytes to encrypt. */
  constructor (plaintext: Uint8Array)
  /** Adds a recipient: a public key or secret. */
  addRecipient (key: KeyInput, options?: CritOption): Recipient
  /** Sets the JWE Protected Header. Once only. */
  setProtectedHeader (protectedHeader: JWEHeaderParameters): this
  /** Sets the Shared Unprotected Header. Once only. */
  setSharedUnprotectedHeader (sharedUnprotectedHeader: JWEHeaderParameters): this
  /** Sets the Additional Authenticated Data (authenticated, not encrypted). */
  setAdditionalAuthenticatedData (aad: Uint8Array): this
  /** Encrypts for every recipient. */
  encrypt (): Promise<GeneralJWE>
}

/** A key resolver for compactDecrypt. */
export interface CompactDecryptGetKey<KeyType extends CryptoKey | Uint8Array = CryptoKey | Uint8Array>
  extends GetKeyFunction<CompactJWEHeaderParameters, FlattenedJWE, KeyType | KeyObject | JWK> {}

/** Decrypts a JWE in Compact Serialization. */
export declare function compactDecrypt (jwe: string | Uint8Array, key: KeyInput, options?: DecryptOptions): Promise<CompactDecryptResult>
/** Decrypts with the key a resolver function returns; the result carries that key. */
export declare function compactDecrypt<KeyType extends CryptoKey | Uint8Array = CryptoKey | Uint8Array> (jwe: string | Uint8Array, getKey: CompactDecryptGetKey<KeyType>, options?: DecryptOptions): Promise<CompactDecryptResult & ResolvedKey<KeyType>>
/** Decrypts with a key or a key resolver; `key` is on the result only when a resolver was used. */
export declare function compactDecrypt (jwe: string | Uint8Array, key: KeyInput | CompactDecryptGetKey, options?: DecryptOptions): Promise<CompactDecryptResult & Partial<ResolvedKey>>

/** A key resolver for flattenedDecrypt (a JWE may have no protected header). */
export interface FlattenedDecryptGetKey<KeyType extends CryptoKey | Uint8Array = CryptoKey | Uint8Array>
  extends GetKeyFunction<JWEHeaderParameters | undefined, FlattenedJWE, KeyType | KeyObject | JWK> {}

/** Decrypts a JWE in Flattened JSON Serialization. */
export declare function flattenedDecrypt (jwe: FlattenedJWE, key: KeyInput, options?: DecryptOptions): Promise<FlattenedDecryptResult>
/** Decrypts with the key a resolver function returns; the result carries that key. */
export declare function flattenedDecrypt<KeyType extends CryptoKey | Uint8Array = CryptoKey | Uint8Array> (jwe: FlattenedJWE, getKey: FlattenedDecryptGetKey<KeyType>, options?: DecryptOptions): Promise<FlattenedDecryptResult & ResolvedKey<KeyType>>
/** Decrypts with a key or a key resolver; `key` is on the result only when a resolver was used. */
export declare function flattenedDecrypt (jwe: FlattenedJWE, key: KeyInput | FlattenedDecryptGetKey, options?: DecryptOptions): Promise<FlattenedDecryptResult & Partial<ResolvedKey>>

/** A key resolver for generalDecrypt (a JWE may have no protected header). */
export interface GeneralDecryptGetKey<KeyType extends CryptoKey | Uint8Array = CryptoKey | Uint8Array>
  extends GetKeyFunction<JWEHeaderParameters | undefined, FlattenedJWE, KeyType | KeyObject | JWK> {}

/**
 * Decrypts a JWE in General JSON Serialization. The result describes the
 * first recipient that decrypted; the others' headers are not part of it.
 */
export declare function generalDecrypt (jwe: GeneralJWE, key: KeyInput, options?: DecryptOptions): Promise<GeneralDecryptResult>
/** Decrypts with the key a resolver function returns; the result carries that key. */
export declare function generalDecrypt<KeyType extends CryptoKey | Uint8Array = CryptoKey | Uint8Array> (jwe: GeneralJWE, getKey: GeneralDecryptGetKey<KeyType>, options?: DecryptOptions): Promise<GeneralDecryptResult & ResolvedKey<KeyType>>
/** Decrypts with a key or a key resolver; `key` is on the result only when a resolver was used. */
export declare function generalDecrypt (jwe: GeneralJWE, key: KeyInput | GeneralDecryptGetKey, options?: DecryptOptions): Promise<GeneralDecryptResult & Partial<ResolvedKey>>

// ---------------------------------------------------------------------------
// Key import, export and generation
// ---------------------------------------------------------------------------

/** Options of the key import functions. */
export interface KeyImportOptions {
  /**
   * Whether the imported CryptoKey can be exported. Takes precedence over a
   * JWK's "ext"; without either, private keys are not extractable and other
   * keys are.
   */
  extractable?: boolean
}

/**
 * Imports a public key from PEM SPKI ("BEGIN PUBLIC KEY").
 *
 * @param alg The JWA algorithm the key is for.
 */
export declare function importSPKI (spki: string, alg: string, options?: KeyImportOptions): Promise<CryptoKey>
/**
 * Imports the public key of a PEM X.509 certificate.
 *
 * @param alg The JWA algorithm the key is for.
 */
export declare function importX509 (x509: string, alg: string, options?: KeyImportOptions): Promise<CryptoKey>
/**
 * Imports a private key from PEM PKCS #8 ("BEGIN PRIVATE KEY").
 *
 * @param alg The JWA algorithm the key is for.
 */
export declare function importPKCS8 (pkcs8: string, alg: string, options?: KeyImportOptions): Promise<CryptoKey>
/**
 * Imports a JWK: an "oct" JWK gives its bytes (Uint8Array), other key types
 * a CryptoKey. Asymmetric keys need an algorithm, the argument or the JWK's
 * "alg".
 *
 * @param alg The JWA algorithm the key is for (default: the JWK's "alg").
 */
export declare function importJWK<JWKType extends JWK> (jwk: JWKType, alg?: string, options?: KeyImportOptions): Promise<ImportedJWK<JWKType>>

/** Exports a public key as PEM SPKI. A CryptoKey must be extractable. */
export declare function exportSPKI (key: CryptoKey | KeyObject): Promise<string>
/** Exports a private key as PEM PKCS #8. A CryptoKey must be extractable. */
export declare function exportPKCS8 (key: CryptoKey | KeyObject): Promise<string>
/** Exports a key or secret as a JWK. A CryptoKey must be extractable. */
export declare function exportJWK (key: CryptoKey | KeyObject | Uint8Array): Promise<JWK>

/** The algorithms generateKeyPair knows (others are checked at run time). */
export type GenerateKeyPairAlgorithm =
  | 'PS256' | 'PS384' | 'PS512'
  | 'RS256' | 'RS384' | 'RS512'
  | 'RSA-OAEP' | 'RSA-OAEP-256' | 'RSA-OAEP-384' | 'RSA-OAEP-512'
  | 'ES256' | 'ES384' | 'ES512'
  | 'Ed25519' | 'EdDSA'
  | 'ML-DSA-44' | 'ML-DSA-65' | 'ML-DSA-87'
  | 'ECDH-ES' | 'ECDH-ES+A128KW' | 'ECDH-ES+A192KW' | 'ECDH-ES+A256KW'
  | (string & {})

/** A generated key pair. */
export interface GenerateKeyPairResult {
  privateKey: CryptoKey
  publicKey: CryptoKey
}

/** Options of generateKeyPair. */
export interface GenerateKeyPairOptions {
  /** EC curve or OKP subtype, where the algorithm has a choice (ECDH-ES: default P-256). */
  crv?: string
  /** RSA modulus length in bits, 2048 or more (default 2048). */
  modulusLength?: number
  /** Whether the private key can be exported (default false; public keys always can). */
  extractable?: boolean
}

/**
 * Generates a key pair for a JWA algorithm. The private key is not
 * extractable unless `extractable` is set.
 */
export declare function generateKeyPair (alg: GenerateKeyPairAlgorithm, options?: GenerateKeyPairOptions): Promise<GenerateKeyPairResult>

/** The algorithms generateSecret knows (others are checked at run time). */
export type GenerateSecretAlgorithm =
  | 'HS256' | 'HS384' | 'HS512'
  | 'A128CBC-HS256' | 'A192CBC-HS384' | 'A256CBC-HS512'
  | 'A128KW' | 'A192KW' | 'A256KW'
  | 'A128GCMKW' | 'A192GCMKW' | 'A256GCMKW'
  | 'A128GCM' | 'A192GCM' | 'A256GCM'
  | (string & {})

/** Options of generateSecret. */
export interface GenerateSecretOptions {
  /**
   * Whether the CryptoKey can be exported (default false). The AES-CBC-HMAC
   * algorithms give bytes, to which this does not apply.
   */
  extractable?: boolean
}

/**
 * Generates a secret for a JWA algorithm: bytes (Uint8Array) for
 * A128CBC-HS256, A192CBC-HS384 and A256CBC-HS512, which have no CryptoKey
 * form, a non-extractable (by default) CryptoKey for the others.
 */
export declare function generateSecret<Alg extends GenerateSecretAlgorithm> (alg: Alg, options?: GenerateSecretOptions): Promise<GeneratedSecret<Alg>>

// ---------------------------------------------------------------------------
// JWK utilities
// ---------------------------------------------------------------------------

/**
 * The JWK Thumbprint (RFC 7638) of a key, base64url. A CryptoKey must be
 * extractable.
 *
 * @param digestAlgorithm Default "sha256".
 */
export declare function calculateJwkThumbprint (key: JWK | CryptoKey | KeyObject, digestAlgorithm?: 'sha256' | 'sha384' | 'sha512'): Promise<string>
/**
 * The JWK Thumbprint URI (RFC 9278) of a key. A CryptoKey must be
 * extractable.
 *
 * @param digestAlgorithm Default "sha256".
 */
export declare function calculateJwkThumbprintUri (key: CryptoKey | KeyObject | JWK, digestAlgorithm?: 'sha256' | 'sha384' | 'sha512'): Promise<string>

/**
 * A key resolver for JWS and JWT verification that uses the public key in
 * the token's own "jwk" Header Parameter. Using it means trusting whatever
 * key the token carries: restrict `algorithms`, and check the key.
 */
export declare function EmbeddedJWK (protectedHeader?: JWSHeaderParameters, token?: FlattenedJWSInput): Promise<CryptoKey>

// ---------------------------------------------------------------------------
// JSON Web Key Sets
// ---------------------------------------------------------------------------

/** The key resolver createLocalJWKSet returns. */
export interface LocalJWKSet {
  (protectedHeader?: JWSHeaderParameters, token?: FlattenedJWSInput): Promise<CryptoKey>
  /** A copy of the key set. */
  jwks: () => JSONWebKeySet
}

/**
 * A key resolver over a local JSON Web Key Set, for JWS and JWT
 * verification. A key is chosen by the header's "alg" and "kid" and the
 * JWKs' "use" and "key_ops"; exactly one must match.
 */
export declare function createLocalJWKSet (jwks: JSONWebKeySet): LocalJWKSet

/**
 * Option key of {@link createRemoteJWKSet}: a fetch function to use instead
 * of the global `fetch`.
 */
export declare const customFetch: unique symbol

/** A fetch function for {@link customFetch}; it must resolve to a 200 response with the JWKS JSON. */
export type FetchImplementation = (
  /** The JWKS URL. */
  url: string,
  /** The request options. */
  options: {
    headers: Headers
    method: 'GET'
    redirect: 'manual'
    signal: AbortSignal
  }
) => Promise<Response>

/**
 * Option key of {@link createRemoteJWKSet}: an object that holds the fetched
 * key set, so that it can be persisted and given to the next resolver. Only
 * trusted code should write it: its keys are trusted for verification.
 */
export declare const jwksCache: unique symbol

/** Options of createRemoteJWKSet. */
export interface RemoteJWKSetOptions {
  /** Request timeout in milliseconds (default 5000). */
  timeoutDuration?: number
  /**
   * Milliseconds after a fetch during which an unknown "kid" does not
   * trigger another fetch (default 30000).
   */
  cooldownDuration?: number
  /** Milliseconds a fetched key set stays fresh (default 600000; `Infinity`: forever). */
  cacheMaxAge?: number | typeof Infinity
  /** Headers sent with the request. */
  headers?: Record<string, string>
  /** See {@link jwksCache}. */
  [jwksCache]?: JWKSCacheInput
  /** See {@link customFetch}. */
  [customFetch]?: FetchImplementation
}

/** The content of a {@link jwksCache} object once a key set is cached. */
export interface ExportedJWKSCache {
  /** The cached key set. */
  jwks: JSONWebKeySet
  /** When it was fetched, in milliseconds since the epoch. */
  uat: number
}

/** What the {@link jwksCache} option takes: a filled cache or an empty object. */
export type JWKSCacheInput = ExportedJWKSCache | Record<string, never>

/** The key resolver createRemoteJWKSet returns. */
export interface RemoteJWKSet {
  (protectedHeader?: JWSHeaderParameters, token?: FlattenedJWSInput): Promise<CryptoKey>
  /** Whether the cooldown after the last fetch is still running. */
  readonly coolingDown: boolean
  /** Whether the cached key set is younger than `cacheMaxAge`. */
  readonly fresh: boolean
  /** Whether a fetch is in progress. */
  readonly reloading: boolean
  /** Fetches the key set now, cooldown or not. */
  reload: () => Promise<void>
  /** A copy of the cached key set, or `undefined` before there is one. */
  jwks: () => JSONWebKeySet | undefined
}

/**
 * A key resolver over the JSON Web Key Set at an HTTP(S) URL, for JWS and
 * JWT verification. The set is fetched when missing or stale, and again for
 * an unknown key once the cooldown is over. A key is chosen by the header's
 * "alg" and "kid" and the JWKs' "use" and "key_ops"; exactly one must match.
 */
export declare function createRemoteJWKSet (url: URL, options?: RemoteJWKSetOptions): RemoteJWKSet

// ---------------------------------------------------------------------------
// Utilities
// ---------------------------------------------------------------------------

export declare function decodeJwt<PayloadType, InferredPayloadType> (jwt: string): InferredPayloadType & JWTPayload & ([PayloadType] extends [object] ? unknown : unknown extends PayloadType ? unknown : never)
/**
 * The JWT Claims Set of a signed JWT, decoded without verifying anything:
 * neither the signature nor the claims.
 */
export declare function decodeJwt<PayloadType = JWTPayload> (jwt: string): PayloadType & JWTPayload & ([PayloadType] extends [object] ? unknown : unknown extends PayloadType ? unknown : never)

/** What decodeProtectedHeader returns: JWS and JWE Header Parameters alike. */
export type ProtectedHeaderParameters = JWSHeaderParameters & JWEHeaderParameters

/**
 * The Protected Header of a JWS, JWE or JWT, decoded without verifying
 * anything.
 *
 * @param token A compact token, or a JSON serialization object with a `protected` member.
 */
export declare function decodeProtectedHeader (token: string | object): ProtectedHeaderParameters

/** Unpadded base64url, as JOSE uses it. */
export declare namespace base64url {
  /** Encodes bytes, or a string as its UTF-8 bytes. */
  export function encode (input: Uint8Array | string): string
  /**
   * Decodes base64url text (or its UTF-8 bytes). Throws a TypeError on
   * anything else, standard base64's "+" and "/" included.
   */
  export function decode (input: Uint8Array | string): Uint8Array
}

/**
 * Named the runtime-specific build in older jose releases; now always
 * "WebCryptoAPI".
 *
 * @deprecated Do not branch on it: it is always "WebCryptoAPI".
 */
export declare const cryptoRuntime = 'WebCryptoAPI'

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

/** The error classes. Check with `instanceof`, or switch over `code`. */
export declare namespace errors {
  /** Every error code of the library. */
  export type JOSEErrorCode =
    | 'ERR_JOSE_ALG_NOT_ALLOWED'
    | 'ERR_JOSE_GENERIC'
    | 'ERR_JOSE_NOT_SUPPORTED'
    | 'ERR_JWE_DECRYPTION_FAILED'
    | 'ERR_JWE_INVALID'
    | 'ERR_JWK_INVALID'
    | 'ERR_JWKS_INVALID'
    | 'ERR_JWKS_MULTIPLE_MATCHING_KEYS'
    | 'ERR_JWKS_NO_MATCHING_KEY'
    | 'ERR_JWKS_TIMEOUT'
    | 'ERR_JWS_INVALID'
    | 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'
    | 'ERR_JWT_CLAIM_VALIDATION_FAILED'
    | 'ERR_JWT_EXPIRED'
    | 'ERR_JWT_INVALID'

  /** Why a JWT claim (or the "typ" header) failed validation. */
  export type JWTClaimValidationReason = 'check_failed' | 'invalid' | 'mismatch' | 'missing' | 'unspecified' | (string & {})

  /** What a failed JWT claim validation reports, also as the error's `cause`. */
  export interface JWTClaimValidationFailure {
    /** The claim (or header parameter) that failed. */
    claim: string
    /** Why it failed. */
    reason: JWTClaimValidationReason
    /** The JWT Claims Set; other claims may not have been validated yet. */
    payload: JWTPayload
  }

  /** The base class of every error the library throws. */
  export class JOSEError extends Error {
    /** The class's error code ('ERR_JOSE_GENERIC' here). */
    static code: JOSEErrorCode | (string & {})
    /** The error code; narrow an {@link AnyJOSEError} by it. */
    code: JOSEErrorCode | (string & {})
    constructor (message?: string, options?: { cause?: unknown })
  }

  /**
   * A JWT claim, or the "typ" header, failed validation (other than
   * expiration, which is {@link JWTExpired}). Code 'ERR_JWT_CLAIM_VALIDATION_FAILED'.
   */
  export class JWTClaimValidationFailed extends JOSEError implements JWTClaimValidationFailure {
    static code: JOSEErrorCode | (string & {})
    code: JOSEErrorCode | (string & {})
    /** The claim, reason and payload. */
    cause: JWTClaimValidationFailure
    /** The claim (or header parameter) that failed. */
    claim: string
    /** Why it failed. */
    reason: JWTClaimValidationReason
    /**
     * The JWT Claims Set. jwtVerify and jwtDecrypt have authenticated the
     * token by then; UnsecuredJWT.decode authenticates nothing.
     */
    payload: JWTPayload
    constructor (message: string, payload: JWTPayload, claim?: string, reason?: JWTClaimValidationReason)
  }

  /** The JWT is expired ("exp"), or older than `maxTokenAge`. Code 'ERR_JWT_EXPIRED'. */
  export class JWTExpired extends JOSEError implements JWTClaimValidationFailure {
    static code: JOSEErrorCode | (string & {})
    code: JOSEErrorCode | (string & {})
    /** The claim, reason and payload. */
    cause: JWTClaimValidationFailure
    /** The claim that failed. */
    claim: string
    /** Why it failed. */
    reason: JWTClaimValidationReason
    /** The JWT Claims Set (see {@link JWTClaimValidationFailed.payload}). */
    payload: JWTPayload
    constructor (message: string, payload: JWTPayload, claim?: string, reason?: JWTClaimValidationReason)
  }

  /** An algorithm the options do not allow. Code 'ERR_JOSE_ALG_NOT_ALLOWED'. */
  export class JOSEAlgNotAllowed extends JOSEError {
    static code: JOSEErrorCode | (string & {})
    code: JOSEErrorCode | (string & {})
  }

  /** An unsupported algorithm, key type or feature. Code 'ERR_JOSE_NOT_SUPPORTED'. */
  export class JOSENotSupported extends JOSEError {
    static code: JOSEErrorCode | (string & {})
    code: JOSEErrorCode | (string & {})
  }

  /** JWE decryption or authentication failed. Code 'ERR_JWE_DECRYPTION_FAILED'. */
  export class JWEDecryptionFailed extends JOSEError {
    static code: JOSEErrorCode | (string & {})
    code: JOSEErrorCode | (string & {})
    constructor (message?: string, options?: { cause?: unknown })
  }

  /** A malformed or invalid JWE. Code 'ERR_JWE_INVALID'. */
  export class JWEInvalid extends JOSEError {
    static code: JOSEErrorCode | (string & {})
    code: JOSEErrorCode | (string & {})
  }

  /** A malformed or invalid JWS. Code 'ERR_JWS_INVALID'. */
  export class JWSInvalid extends JOSEError {
    static code: JOSEErrorCode | (string & {})
    code: JOSEErrorCode | (string & {})
  }

  /** A malformed or invalid JWT. Code 'ERR_JWT_INVALID'. */
  export class JWTInvalid extends JOSEError {
    static code: JOSEErrorCode | (string & {})
    code: JOSEErrorCode | (string & {})
  }

  /** A malformed or invalid JWK. Code 'ERR_JWK_INVALID'. */
  export class JWKInvalid extends JOSEError {
    static code: JOSEErrorCode | (string & {})
    code: JOSEErrorCode | (string & {})
  }

  /** A malformed or invalid JWK Set. Code 'ERR_JWKS_INVALID'. */
  export class JWKSInvalid extends JOSEError {
    static code: JOSEErrorCode | (string & {})
    code: JOSEErrorCode | (string & {})
  }

  /** No key of the JWK Set matches the token. Code 'ERR_JWKS_NO_MATCHING_KEY'. */
  export class JWKSNoMatchingKey extends JOSEError {
    static code: JOSEErrorCode | (string & {})
    code: JOSEErrorCode | (string & {})
    constructor (message?: string, options?: { cause?: unknown })
  }

  /** More than one key of the JWK Set matches the token. Code 'ERR_JWKS_MULTIPLE_MATCHING_KEYS'. */
  export class JWKSMultipleMatchingKeys extends JOSEError {
    /**
     * Iterates the matching keys, so that each can be tried in turn (an
     * error constructed by hand yields none).
     */
    [Symbol.asyncIterator]: () => AsyncIterableIterator<CryptoKey>
    static code: JOSEErrorCode | (string & {})
    code: JOSEErrorCode | (string & {})
    constructor (message?: string, options?: { cause?: unknown })
  }

  /** Fetching a remote JWK Set timed out. Code 'ERR_JWKS_TIMEOUT'. */
  export class JWKSTimeout extends JOSEError {
    static code: JOSEErrorCode | (string & {})
    code: JOSEErrorCode | (string & {})
    constructor (message?: string, options?: { cause?: unknown })
  }

  /** The JWS signature or MAC did not verify. Code 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'. */
  export class JWSSignatureVerificationFailed extends JOSEError {
    static code: JOSEErrorCode | (string & {})
    code: JOSEErrorCode | (string & {})
    constructor (message?: string, options?: { cause?: unknown })
  }

  /** The errors JWT Claims Set validation throws. */
  export type JWTClaimValidationError = JWTClaimValidationFailed | JWTExpired

  /**
   * Every specific error class, as a union discriminated by `code`
   * (`switch (err.code)` narrows it). The base JOSEError is not part of it;
   * use `instanceof JOSEError` for "any error of this library".
   */
  export type AnyJOSEError =
    | (JOSEAlgNotAllowed & { code: 'ERR_JOSE_ALG_NOT_ALLOWED' })
    | (JOSENotSupported & { code: 'ERR_JOSE_NOT_SUPPORTED' })
    | (JWEDecryptionFailed & { code: 'ERR_JWE_DECRYPTION_FAILED' })
    | (JWEInvalid & { code: 'ERR_JWE_INVALID' })
    | (JWKInvalid & { code: 'ERR_JWK_INVALID' })
    | (JWKSInvalid & { code: 'ERR_JWKS_INVALID' })
    | (JWKSMultipleMatchingKeys & { code: 'ERR_JWKS_MULTIPLE_MATCHING_KEYS' })
    | (JWKSNoMatchingKey & { code: 'ERR_JWKS_NO_MATCHING_KEY' })
    | (JWKSTimeout & { code: 'ERR_JWKS_TIMEOUT' })
    | (JWSInvalid & { code: 'ERR_JWS_INVALID' })
    | (JWSSignatureVerificationFailed & { code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' })
    | (JWTClaimValidationFailed & { code: 'ERR_JWT_CLAIM_VALIDATION_FAILED' })
    | (JWTExpired & { code: 'ERR_JWT_EXPIRED' })
    | (JWTInvalid & { code: 'ERR_JWT_INVALID' })
}

// ---------------------------------------------------------------------------
// Helpers (not exported)
// ---------------------------------------------------------------------------

// In a declaration file every top-level declaration is public unless the
// file has an export statement; this one keeps the helpers below private.
export {}

/** `Result` with its payload replaced by a payload type inferred from the call's context. */
type InferredJWTResult<Result, Payload> = Omit<Result, 'payload'> & {
  payload: Payload & JWTPayload
}

/** What importJWK resolves to: bytes for "oct" JWKs, a CryptoKey for the other key types. */
type ImportedJWK<JWKType extends JWK> = JWKType extends { kty: 'oct' }
  ? Uint8Array
  : JWKType extends { kty: 'AKP' | 'EC' | 'OKP' | 'RSA' }
    ? CryptoKey
    : CryptoKey | Uint8Array

/**
 * What generateSecret resolves to: bytes for the AES-CBC-HMAC algorithms, a
 * CryptoKey for the others, either when the algorithm is not a literal type.
 */
type GeneratedSecret<Alg extends string> = Alg extends 'A128CBC-HS256' | 'A192CBC-HS384' | 'A256CBC-HS512'
  ? Uint8Array
  : string extends Alg ? CryptoKey | Uint8Array : CryptoKey

// ---------------------------------------------------------------------------
// jose-native extensions
// ---------------------------------------------------------------------------
// (Declarations here need `export` (see `export {}` above), and each new
// value must be re-exported by v6/index.mjs too: scripts/check-v6-types.js
// checks that.)

/** What a {@link KMSKey} is made from: the algorithm and the operations your code performs. */
export interface KMSKeyOptions {
  /** The JWS `alg` it signs with, or the JWE `alg` (RSA-OAEP*) it unwraps for. */
  alg: string
  /** Signs the JWS signing input; resolves to the signature as JWS carries it (ECDSA: R || S). */
  sign?: (data: Uint8Array, alg: string) => Uint8Array | Promise<Uint8Array>
  /** Decrypts a JWE's encrypted key; resolves to the content encryption key. */
  unwrapKey?: (encryptedKey: Uint8Array, alg: string) => Uint8Array | Promise<Uint8Array>
  /** An RSA key's modulus size in bits, for checking the signature's length. */
  modulusLength?: number
  /** Hears why `unwrapKey` failed (on the next tick; the decryption fails as for a wrong key). */
  onUnwrapError?: (err: unknown) => void
}

/**
 * jose-native's key whose private operations run in your code (a KMS, an
 * HSM): usable wherever jose 6's API takes a signing key (`SignJWT#sign`,
 * `CompactSign`, `FlattenedSign`, `GeneralSign`) and, for RSA-OAEP, a
 * decryption key (`jwtDecrypt`, `compactDecrypt`, `flattenedDecrypt`,
 * `generalDecrypt`). Not part of jose 6.
 */
export declare class KMSKey {
  constructor (options: KMSKeyOptions)
  readonly alg: string
  /** Always `'private'`; it also lets a KMSKey pass where jose 6's typings take a `KeyObject`. */
  readonly type: 'private'
}
