// Type definitions for jose-native.
//
// The public API of jose 1.28.2 under the same names, with the same generic
// parameters, so that code type-checked against jose's own typings compiles
// unchanged here (also when installed as `jose@npm:jose-native`). On top of
// that: the runtime key classes, JWK.CustomKey, the `...Async` twins of every
// synchronous operation, the JARM profile and the decryption cost caps.
//
// Where jose 1.x's typings are looser or stricter than its runtime, the shape
// that keeps jose-typed code compiling wins, and widening is preferred to
// narrowing (a narrower type would reject code that compiles against jose).

/// <reference types="node" />

import { KeyObject, PrivateKeyInput, PublicKeyInput } from 'crypto'

export type use = 'sig' | 'enc'
export type keyOperation = 'sign' | 'verify' | 'encrypt' | 'decrypt' | 'wrapKey' | 'unwrapKey' | 'deriveKey'

/** JWK parameters every key may carry. */
export interface BasicParameters {
  alg?: string
  use?: use
  kid?: string
  key_ops?: keyOperation[]
}

/** JWK parameters of asymmetric keys, including the X.509 ones. */
export interface KeyParameters extends BasicParameters {
  x5c?: string[]
  x5t?: string
  'x5t#S256'?: string
}

/** `P-256K` is secp256k1's legacy name, used after `require('jose-native/P-256K')`. */
export type ECCurve = 'P-256' | 'secp256k1' | 'P-256K' | 'P-384' | 'P-521'
export type OKPCurve = 'Ed25519' | 'Ed448' | 'X25519' | 'X448'
export type Curves = OKPCurve | ECCurve
export type keyType = 'RSA' | 'EC' | 'OKP' | 'oct'
export type asymmetricKeyObjectTypes = 'private' | 'public'
export type keyObjectTypes = asymmetricKeyObjectTypes | 'secret'
export type JWTProfiles = 'id_token' | 'at+JWT' | 'logout_token' | 'jarm'

/** Key material `JWK.asKey` reads: PEM or DER text, a secret, or Node's key input objects. */
export type KeyInput = PrivateKeyInput | PublicKeyInput | string | Buffer
/** What signing and encryption take: a key, or anything `JWK.asKey` imports. */
export type ProduceKeyInput = JWK.Key | KeyObject | KeyInput | JWKOctKey | JWKRSAKey | JWKECKey | JWKOKPKey
/** What verification and decryption take: a key input or a KeyStore. */
export type ConsumeKeyInput = ProduceKeyInput | JWKS.KeyStore
export type NoneKey = JWK.NoneKey
export type EmbeddedJWK = JWK.EmbeddedJWK
export type EmbeddedX5C = JWK.EmbeddedX5C
export type EmbeddedVerifyKeys = EmbeddedJWK | EmbeddedX5C
export type ProduceKeyInputWithNone = ProduceKeyInput | NoneKey
export type ConsumeKeyInputWithNone = ConsumeKeyInput | NoneKey

/** An `oct` JWK. Without `k` it is a reference key: it can be held and matched but not used. */
export interface JWKOctKey extends BasicParameters {
  kty: 'oct'
  k?: string
}

export interface JWKECKey extends KeyParameters {
  kty: 'EC'
  crv: ECCurve
  x: string
  y: string
  d?: string
}

export interface JWKOKPKey extends KeyParameters {
  kty: 'OKP'
  crv: OKPCurve
  x: string
  d?: string
}

export interface JWKRSAKey extends KeyParameters {
  kty: 'RSA'
  e: string
  n: string
  d?: string
  p?: string
  q?: string
  dp?: string
  dq?: string
  qi?: string
}

export type JSONWebKey = JWKRSAKey | JWKOKPKey | JWKECKey | JWKOctKey

export interface JSONWebKeySet {
  keys: JSONWebKey[]
}

export interface ImportOptions {
  /**
   * Import private RSA JWKs that lack `p`, `q`, `dp`, `dq` and `qi` by
   * recovering them from `n`, `e` and `d`. Costly: use for trusted input only.
   */
  calculateMissingRSAPrimes?: boolean
}

export namespace JWK {
  interface pemEncodingOptions {
    /** 'spki' or 'pkcs1' for public keys; 'pkcs8', 'pkcs1' or 'sec1' for private keys. */
    type?: string
    /** A cipher such as 'aes-256-cbc': encrypts the private key PEM with `passphrase`. */
    cipher?: string
    passphrase?: string | Buffer
  }

  /**
   * The base class of every key (`JWK.isKey(x)` is `x instanceof JWK.Key`).
   * Keys are made by `JWK.asKey`, `JWK.generate` and `JWK.generateSync`, or
   * by subclassing `JWK.CustomKey`; the constructor is not public.
   */
  class Key {
    protected constructor ()

    readonly private: boolean
    readonly public: boolean
    readonly secret: boolean
    readonly type: keyObjectTypes

    readonly kty: keyType
    readonly alg?: string | undefined
    readonly use?: use | undefined
    readonly key_ops?: ReadonlyArray<keyOperation> | undefined
    /** The `kid` parameter, or the RFC 7638 thumbprint when the key has none. */
    readonly kid: string
    /** The RFC 7638 SHA-256 JWK thumbprint. */
    readonly thumbprint: string
    readonly x5c?: ReadonlyArray<string> | undefined
    readonly x5t?: string | undefined
    readonly 'x5t#S256'?: string | undefined
    /** The key as a Node.js KeyObject. */
    readonly keyObject: KeyObject

    readonly crv?: ECCurve | OKPCurve | undefined
    readonly d?: string | undefined
    readonly dp?: string | undefined
    readonly dq?: string | undefined
    readonly e?: string | undefined
    readonly k?: string | undefined
    readonly n?: string | undefined
    readonly p?: string | undefined
    readonly q?: string | undefined
    readonly qi?: string | undefined
    readonly x?: string | undefined
    readonly y?: string | undefined

    /** Exports the key as a JWK; private (and secret) members only when `priv` is true. */
    toJWK (priv?: boolean): JSONWebKey
    /** Exports an asymmetric key as PEM (public unless `priv`), optionally encrypted. */
    toPEM (priv?: boolean, encoding?: pemEncodingOptions): string
    /** The algorithms this key may be used with, for one operation or for any. */
    algorithms (operation?: keyOperation): Set<string>
  }

  class RSAKey extends Key {
    readonly secret: false
    readonly type: asymmetricKeyObjectTypes

    readonly kty: 'RSA'

    readonly e: string
    readonly n: string
    readonly d?: string | undefined
    readonly p?: string | undefined
    readonly q?: string | undefined
    readonly dp?: string | undefined
    readonly dq?: string | undefined
    readonly qi?: string | undefined

    readonly crv: undefined
    readonly k: undefined
    readonly x: undefined
    readonly y: undefined

    /** The modulus size in bits. */
    readonly length: number

    toJWK (priv?: boolean): JWKRSAKey
  }

  class ECKey extends Key {
    readonly secret: false
    readonly type: asymmetricKeyObjectTypes

    readonly kty: 'EC'

    readonly crv: ECCurve
    readonly x: string
    readonly y: string
    readonly d?: string | undefined

    readonly dp: undefined
    readonly dq: undefined
    readonly e: undefined
    readonly k: undefined
    readonly n: undefined
    readonly p: undefined
    readonly q: undefined
    readonly qi: undefined

    toJWK (priv?: boolean): JWKECKey
  }

  class OKPKey extends Key {
    readonly secret: false
    readonly type: asymmetricKeyObjectTypes

    readonly kty: 'OKP'

    readonly crv: OKPCurve
    readonly x: string
    readonly d?: string | undefined

    readonly dp: undefined
    readonly dq: undefined
    readonly e: undefined
    readonly k: undefined
    readonly n: undefined
    readonly p: undefined
    readonly q: undefined
    readonly qi: undefined
    readonly y: undefined

    toJWK (priv?: boolean): JWKOKPKey
  }

  class OctKey extends Key {
    readonly private: false
    readonly public: false
    readonly secret: true
    readonly type: 'secret'

    readonly kty: 'oct'

    /** The secret, base64url; undefined for a reference key (a JWK without `k`). */
    readonly k?: string | undefined
    /** The secret's size in bits; undefined for a reference key. */
    readonly length?: number | undefined

    readonly crv: undefined
    readonly d: undefined
    readonly dp: undefined
    readonly dq: undefined
    readonly e: undefined
    readonly n: undefined
    readonly p: undefined
    readonly q: undefined
    readonly qi: undefined
    readonly x: undefined
    readonly y: undefined

    toJWK (priv?: boolean): JWKOctKey
  }

  /** What the `JWK.CustomKey` constructor takes. */
  interface CustomKeyOptions {
    /**
     * The key's `alg`. A key type name ('RSA', 'EC', 'OKP', 'oct') given here
     * is taken as `kty` (a different `kty` is a TypeError), as in jose-based KMS examples.
     */
    alg?: string
    kty?: keyType
    use?: use
    kid?: string
    /** The key's `key_ops`. */
    ops?: keyOperation[]
    /** The key's `type`. */
    keyType?: keyObjectTypes
  }

  /**
   * A key whose operations run in your own code, e.g. a KMS or HSM client.
   * Extend it and implement `algorithms`, `sign` and `verify` (and `unwrapKey`
   * to decrypt JWEs). A custom key works wherever a key signs or verifies,
   * and inside a `JWKS.KeyStore`. When `sign`, `verify` or `unwrapKey`
   * returns a Promise, call the `...Async` twins (`JWS.signAsync`,
   * `JWT.signAsync`, `JWT.verifyAsync`, `JWE.decryptAsync`, ...); the
   * synchronous APIs throw a TypeError for it.
   */
  abstract class CustomKey extends Key {
    constructor (options?: CustomKeyOptions)

    /** The algorithms the key supports, for one operation or for any. */
    abstract algorithms (operation?: keyOperation): Set<string>
    /** Signs `data` with `alg`; returns the signature in JWS form (e.g. R||S for ECDSA), a Buffer or any Uint8Array. */
    abstract sign (alg: string, data: Buffer): Uint8Array | Promise<Uint8Array>
    /** Whether `signature` is a valid `alg` signature of `data`. */
    abstract verify (alg: string, data: Buffer, signature: Buffer): boolean | Promise<boolean>
    /** Decrypts a JWE Encrypted Key (RSA-OAEP, RSA-OAEP-256, RSA1_5) and returns the CEK. */
    unwrapKey? (alg: string, encryptedKey: Buffer): Uint8Array | Promise<Uint8Array>
  }

  /** The type of `JWK.None`: opts into the unsecured `none` JWS algorithm. */
  interface NoneKey {
    readonly type: 'unsecured'
    readonly alg: 'none'
    algorithms (operation?: keyOperation): Set<string>
  }

  const None: NoneKey

  /** The type of `JWK.EmbeddedJWK`: verify with the public key in the JWS header `jwk`. */
  interface EmbeddedJWK {
    readonly type: 'embedded'
    algorithms (operation?: keyOperation): Set<string>
  }

  const EmbeddedJWK: EmbeddedJWK

  /** The type of `JWK.EmbeddedX5C`: verify with the first JWS header `x5c` certificate (chain not validated). */
  interface EmbeddedX5C {
    readonly type: 'embedded'
    algorithms (operation?: keyOperation): Set<string>
  }

  const EmbeddedX5C: EmbeddedX5C

  /** True for instances of `JWK.Key` (including custom keys). */
  function isKey (object: any): boolean

  /** Imports PEM, DER, a KeyObject, Node's key input objects or a secret. */
  function asKey (key: KeyObject | KeyInput, parameters?: KeyParameters): RSAKey | ECKey | OKPKey | OctKey
  /** Imports a JWK. For `oct` JWKs, `parameters` given here override the JWK's own. */
  function asKey (jwk: JWKOctKey, parameters?: BasicParameters): OctKey
  function asKey (jwk: JWKRSAKey, options?: ImportOptions): RSAKey
  function asKey (jwk: JWKECKey): ECKey
  function asKey (jwk: JWKOKPKey): OKPKey

  /** @deprecated jose 1.x's name for `asKey` (which also computes an RSA JWK's missing primes); warns once. */
  function importKey (key: KeyObject | KeyInput, parameters?: KeyParameters): RSAKey | ECKey | OKPKey | OctKey
  function importKey (jwk: JWKOctKey): OctKey
  function importKey (jwk: JWKRSAKey): RSAKey
  function importKey (jwk: JWKECKey): ECKey
  function importKey (jwk: JWKOKPKey): OKPKey

  // The general signature comes first, as in jose's typings: jose-typed code
  // such as `let key = generateSync('EC'); key = asKey(pem)` relies on the
  // result being the base type.
  /** Generates a key (off the main thread). Defaults: RSA 2048, EC P-256, OKP Ed25519, oct 256. */
  function generate (kty: keyType, crvOrSize?: Curves | number, parameters?: BasicParameters, priv?: boolean): Promise<JWK.Key>
  function generate (kty: 'EC', crv?: ECCurve, parameters?: BasicParameters, priv?: boolean): Promise<ECKey>
  function generate (kty: 'OKP', crv?: OKPCurve, parameters?: BasicParameters, priv?: boolean): Promise<OKPKey>
  function generate (kty: 'RSA', bitlength?: number, parameters?: BasicParameters, priv?: boolean): Promise<RSAKey>
  function generate (kty: 'oct', bitlength?: number, parameters?: BasicParameters): Promise<OctKey>

  /** Synchronous `JWK.generate`. */
  function generateSync (kty: keyType, crvOrSize?: Curves | number, parameters?: BasicParameters, priv?: boolean): JWK.Key
  function generateSync (kty: 'EC', crv?: ECCurve, parameters?: BasicParameters, priv?: boolean): ECKey
  function generateSync (kty: 'OKP', crv?: OKPCurve, parameters?: BasicParameters, priv?: boolean): OKPKey
  function generateSync (kty: 'RSA', bitlength?: number, parameters?: BasicParameters, priv?: boolean): RSAKey
  function generateSync (kty: 'oct', bitlength?: number, parameters?: BasicParameters): OctKey
}

export namespace JWKS {
  /** Filters for `keystore.all()` and `keystore.get()`. */
  interface KeyQuery extends BasicParameters {
    kty?: keyType
    x5t?: string
    'x5t#S256'?: string
    crv?: string
    thumbprint?: string
  }

  class KeyStore {
    /** @deprecated jose 1.x's name for `JWKS.asKeyStore` (computing missing RSA primes); warns once. */
    static fromJWKS (jwks: JSONWebKeySet): KeyStore

    constructor (keys?: JWK.Key[])
    /** Keys may also be passed one by one, or as nested arrays. */
    constructor (...keys: Array<JWK.Key | JWK.Key[]>)

    readonly size: number

    add (key: JWK.Key): void
    remove (key: JWK.Key): void
    /** Matching keys, best match (declared alg, use, key_ops) first. */
    all (parameters?: KeyQuery): JWK.Key[]
    /** The best matching key; undefined at run time when none matches. */
    get (parameters?: KeyQuery): JWK.Key

    toJWKS (priv?: boolean): JSONWebKeySet

    generate (kty: keyType, crvOrSize?: Curves | number, parameters?: BasicParameters, priv?: boolean): Promise<void>
    generate (kty: 'EC', crv?: ECCurve, parameters?: BasicParameters, priv?: boolean): Promise<void>
    generate (kty: 'OKP', crv?: OKPCurve, parameters?: BasicParameters, priv?: boolean): Promise<void>
    generate (kty: 'RSA', bitlength?: number, parameters?: BasicParameters, priv?: boolean): Promise<void>
    generate (kty: 'oct', bitlength?: number, parameters?: BasicParameters): Promise<void>

    generateSync (kty: keyType, crvOrSize?: Curves | number, parameters?: BasicParameters, priv?: boolean): void
    generateSync (kty: 'EC', crv?: ECCurve, parameters?: BasicParameters, priv?: boolean): void
    generateSync (kty: 'OKP', crv?: OKPCurve, parameters?: BasicParameters, priv?: boolean): void
    generateSync (kty: 'RSA', bitlength?: number, parameters?: BasicParameters, priv?: boolean): void
    generateSync (kty: 'oct', bitlength?: number, parameters?: BasicParameters): void

    [Symbol.iterator] (): IterableIterator<JWK.Key>
  }

  interface JWKSImportOptions extends ImportOptions {
    /** Skip keys that fail to import instead of throwing. */
    ignoreErrors?: boolean
  }

  function asKeyStore (jwks: JSONWebKeySet, options?: JWKSImportOptions): KeyStore
}

export namespace JWS {
  interface JWSJSON {
    payload: string
  }

  interface JWSRecipient {
    signature: string
    protected?: string
    header?: object
  }

  interface FlattenedJWS extends JWSRecipient, JWSJSON {}

  interface GeneralJWS extends JWSJSON {
    signatures: JWSRecipient[]
  }

  /** Builds a JWS for one or more signers (General JSON serialization for several). */
  class Sign {
    /** Objects are serialized as JSON. */
    constructor (payload: string | Buffer | object)

    /** Adds a signer; `alg` comes from the headers or is inferred from the key. */
    recipient (key: ProduceKeyInputWithNone, protectedHeader?: object, header?: object): this

    sign (serialization: 'compact'): string
    sign (serialization: 'flattened'): FlattenedJWS
    sign (serialization: 'general'): GeneralJWS

    /** `sign` with the signing on the libuv thread pool, and Promise-returning custom keys. */
    signAsync (serialization: 'compact'): Promise<string>
    signAsync (serialization: 'flattened'): Promise<FlattenedJWS>
    signAsync (serialization: 'general'): Promise<GeneralJWS>
  }

  /** Signs and returns the compact serialization. */
  function sign (payload: string | Buffer | object, key: ProduceKeyInputWithNone, protectedHeader?: object): string
  namespace sign {
    function flattened (payload: string | Buffer | object, key: ProduceKeyInputWithNone, protectedHeader?: object, header?: object): FlattenedJWS
    function general (payload: string | Buffer | object, key: ProduceKeyInputWithNone, protectedHeader?: object, header?: object): GeneralJWS
  }

  /** `JWS.sign` with the signing on the libuv thread pool, and Promise-returning custom keys. */
  function signAsync (payload: string | Buffer | object, key: ProduceKeyInputWithNone, protectedHeader?: object): Promise<string>
  namespace signAsync {
    function flattened (payload: string | Buffer | object, key: ProduceKeyInputWithNone, protectedHeader?: object, header?: object): Promise<FlattenedJWS>
    function general (payload: string | Buffer | object, key: ProduceKeyInputWithNone, protectedHeader?: object, header?: object): Promise<GeneralJWS>
  }

  interface VerifyOptions<komplet = false, parse = true> {
    /** Return the payload with its headers and the key that verified. */
    complete?: komplet
    /** JSON.parse the payload when it is JSON (default); false returns a Buffer. */
    parse?: parse
    encoding?: BufferEncoding
    /** Critical header parameters the caller understands. */
    crit?: string[]
    /** Accepted algorithms; default: every algorithm the key(s) support. */
    algorithms?: string[]
  }

  interface completeVerification<T, T2> {
    payload: T
    key: T2
    protected?: object
    header?: object
  }

  type JWSInput = string | FlattenedJWS | GeneralJWS

  /** Verifies a JWS in any serialization and returns its payload. */
  function verify (jws: JWSInput, key: ConsumeKeyInputWithNone | EmbeddedVerifyKeys, options?: VerifyOptions): string | object
  function verify (jws: JWSInput, key: ConsumeKeyInputWithNone | EmbeddedVerifyKeys, options?: VerifyOptions<false, false>): Buffer
  function verify (jws: JWSInput, key: ConsumeKeyInput | EmbeddedVerifyKeys, options?: VerifyOptions<true>): completeVerification<string | object, JWK.Key>
  function verify (jws: JWSInput, key: ConsumeKeyInput | EmbeddedVerifyKeys, options?: VerifyOptions<true, false>): completeVerification<Buffer, JWK.Key>
  function verify (jws: JWSInput, key: NoneKey, options?: VerifyOptions<true>): completeVerification<string | object, NoneKey>
  function verify (jws: JWSInput, key: NoneKey, options?: VerifyOptions<true, false>): completeVerification<Buffer, NoneKey>
  // For options whose `complete`/`parse` are not literals: every result shape.
  function verify (jws: JWSInput, key: ConsumeKeyInputWithNone | EmbeddedVerifyKeys, options?: VerifyOptions<boolean, boolean>): string | object | Buffer | completeVerification<string | object | Buffer, JWK.Key | NoneKey>

  /** `JWS.verify` with the verification on the libuv thread pool, and Promise-returning custom keys. */
  function verifyAsync (jws: JWSInput, key: ConsumeKeyInputWithNone | EmbeddedVerifyKeys, options?: VerifyOptions): Promise<string | object>
  function verifyAsync (jws: JWSInput, key: ConsumeKeyInputWithNone | EmbeddedVerifyKeys, options?: VerifyOptions<false, false>): Promise<Buffer>
  function verifyAsync (jws: JWSInput, key: ConsumeKeyInput | EmbeddedVerifyKeys, options?: VerifyOptions<true>): Promise<completeVerification<string | object, JWK.Key>>
  function verifyAsync (jws: JWSInput, key: ConsumeKeyInput | EmbeddedVerifyKeys, options?: VerifyOptions<true, false>): Promise<completeVerification<Buffer, JWK.Key>>
  function verifyAsync (jws: JWSInput, key: NoneKey, options?: VerifyOptions<true>): Promise<completeVerification<string | object, NoneKey>>
  function verifyAsync (jws: JWSInput, key: NoneKey, options?: VerifyOptions<true, false>): Promise<completeVerification<Buffer, NoneKey>>
  function verifyAsync (jws: JWSInput, key: ConsumeKeyInputWithNone | EmbeddedVerifyKeys, options?: VerifyOptions<boolean, boolean>): Promise<string | object | Buffer | completeVerification<string | object | Buffer, JWK.Key | NoneKey>>
}

export namespace JWE {
  interface JWEJSON {
    protected?: string
    unprotected?: object
    ciphertext: string
    tag: string
    iv: string
    aad?: string
  }

  interface JWERecipient {
    header?: object
    encrypted_key: string
  }

  interface FlattenedJWE extends JWERecipient, JWEJSON {}

  interface GeneralJWE extends JWEJSON {
    recipients: JWERecipient[]
  }

  /** Builds a JWE for one or more recipients (General JSON serialization for several). */
  class Encrypt {
    constructor (cleartext: string | Buffer, protectedHeader?: object, unprotectedHeader?: object, aad?: string | Buffer)

    /** Adds a recipient; `alg` comes from the headers or is inferred from the key. */
    recipient (key: ProduceKeyInput, header?: object): this

    encrypt (serialization: 'compact'): string
    encrypt (serialization: 'flattened'): FlattenedJWE
    encrypt (serialization: 'general'): GeneralJWE

    /** `encrypt` with the key management and encryption on the libuv thread pool. */
    encryptAsync (serialization: 'compact'): Promise<string>
    encryptAsync (serialization: 'flattened'): Promise<FlattenedJWE>
    encryptAsync (serialization: 'general'): Promise<GeneralJWE>
  }

  /** Encrypts and returns the compact serialization. */
  function encrypt (cleartext: string | Buffer, key: ProduceKeyInput, protectedHeader?: object): string
  namespace encrypt {
    function flattened (cleartext: string | Buffer, key: ProduceKeyInput, protectedHeader?: object, unprotectedHeader?: object, aad?: string | Buffer): FlattenedJWE
    function general (cleartext: string | Buffer, key: ProduceKeyInput, protectedHeader?: object, unprotectedHeader?: object, aad?: string | Buffer): GeneralJWE
  }

  /** `JWE.encrypt` with the key management and encryption on the libuv thread pool. */
  function encryptAsync (cleartext: string | Buffer, key: ProduceKeyInput, protectedHeader?: object): Promise<string>
  namespace encryptAsync {
    function flattened (cleartext: string | Buffer, key: ProduceKeyInput, protectedHeader?: object, unprotectedHeader?: object, aad?: string | Buffer): Promise<FlattenedJWE>
    function general (cleartext: string | Buffer, key: ProduceKeyInput, protectedHeader?: object, unprotectedHeader?: object, aad?: string | Buffer): Promise<GeneralJWE>
  }

  interface DecryptOptions<komplet = false> {
    /** Return the cleartext with headers, AAD, CEK and the key that decrypted. */
    complete?: komplet
    /** Critical header parameters the caller understands. */
    crit?: string[]
    /** Accepted key management algorithms; default: every algorithm the key(s) support. */
    algorithms?: string[]
    /** Largest accepted PBES2 `p2c` (PBKDF2 iterations), checked before any work. Default 10000. */
    maxPBES2Count?: number
    /** Largest accepted size in bytes of `zip: "DEF"` cleartext once inflated; larger fails fast. */
    maxInflatedSize?: number
  }

  interface completeDecrypt {
    cleartext: Buffer
    key: JWK.Key
    cek: JWK.OctKey
    aad?: string
    header?: object
    unprotected?: object
    protected?: object
  }

  type JWEInput = string | FlattenedJWE | GeneralJWE

  /** Decrypts a JWE in any serialization. Only decrypts: a nested JWS/JWT is not verified. */
  function decrypt (jwe: JWEInput, key: ConsumeKeyInput, options?: DecryptOptions<false>): Buffer
  function decrypt (jwe: JWEInput, key: ConsumeKeyInput, options?: DecryptOptions<true>): completeDecrypt
  function decrypt (jwe: JWEInput, key: ConsumeKeyInput, options?: DecryptOptions<boolean>): Buffer | completeDecrypt

  /** `JWE.decrypt` with the work on the libuv thread pool, and Promise-returning `unwrapKey`. */
  function decryptAsync (jwe: JWEInput, key: ConsumeKeyInput, options?: DecryptOptions<false>): Promise<Buffer>
  function decryptAsync (jwe: JWEInput, key: ConsumeKeyInput, options?: DecryptOptions<true>): Promise<completeDecrypt>
  function decryptAsync (jwe: JWEInput, key: ConsumeKeyInput, options?: DecryptOptions<boolean>): Promise<Buffer | completeDecrypt>
}

export namespace JWT {
  /**
   * The `complete: true` result. `P` is the payload's type: `object` as in
   * jose, a typed claims set for the JARM profile.
   */
  interface completeResult<T = JWK.Key, P extends object = object> {
    payload: P
    header: object
    signature: string
    key: T
  }

  interface DecodeOptions<komplet = false> {
    complete?: komplet
  }

  /** Decodes without verifying anything. */
  function decode (jwt: string, options?: DecodeOptions<false>): object
  function decode (jwt: string, options?: DecodeOptions<true>): completeResult<undefined>
  function decode (jwt: string, options?: DecodeOptions<boolean>): object | completeResult<undefined>

  interface VerifyOptions<komplet = false> {
    complete?: komplet
    ignoreExp?: boolean
    ignoreNbf?: boolean
    ignoreIat?: boolean
    /** Timespan, e.g. '30m', '24 hours': the longest accepted age of `iat`. */
    maxTokenAge?: string
    subject?: string
    issuer?: string | string[]
    /** Timespan: the longest accepted age of `auth_time`. */
    maxAuthAge?: string
    jti?: string
    /** Timespan, e.g. '120s', '2 minutes'. */
    clockTolerance?: string
    audience?: string | string[]
    algorithms?: string[]
    nonce?: string
    typ?: string
    now?: Date
    crit?: string[]
    profile?: JWTProfiles
    /** Expected `state` claim value (JARM responses). */
    state?: string
    /**
     * `profile: 'jarm'` only: the key or KeyStore that decrypts an encrypted
     * (signed, then encrypted) response; the response must then be a JWE.
     */
    decryptionKey?: ConsumeKeyInput
    /** `profile: 'jarm'` only: the JWE `alg` and `enc` values accepted with `decryptionKey`. */
    decryptionAlgorithms?: string[]
  }

  type VerifyKey = ConsumeKeyInputWithNone | EmbeddedVerifyKeys

  /** Verifies the signature and claims and returns the payload. */
  function verify (jwt: string, key: VerifyKey, options?: VerifyOptions<false>): object
  function verify (jwt: string, key: ConsumeKeyInput | EmbeddedVerifyKeys, options?: VerifyOptions<true>): completeResult
  function verify (jwt: string, key: NoneKey, options?: VerifyOptions<true>): completeResult<NoneKey>
  function verify (jwt: string, key: VerifyKey, options?: VerifyOptions<boolean>): object | completeResult<JWK.Key | NoneKey>

  /** `JWT.verify` with the verification on the libuv thread pool, and Promise-returning custom keys. */
  function verifyAsync (jwt: string, key: VerifyKey, options?: VerifyOptions<false>): Promise<object>
  function verifyAsync (jwt: string, key: ConsumeKeyInput | EmbeddedVerifyKeys, options?: VerifyOptions<true>): Promise<completeResult>
  function verifyAsync (jwt: string, key: NoneKey, options?: VerifyOptions<true>): Promise<completeResult<NoneKey>>
  function verifyAsync (jwt: string, key: VerifyKey, options?: VerifyOptions<boolean>): Promise<object | completeResult<JWK.Key | NoneKey>>

  interface SignOptions {
    /** Put `iat` in the payload. Default true. */
    iat?: boolean
    /** Put the key's `kid` in the header. Default true for asymmetric keys. */
    kid?: boolean
    subject?: string
    issuer?: string
    audience?: string | string[]
    header?: object
    algorithm?: string
    /** Timespan from `now`, e.g. '2 hours'. */
    expiresIn?: string
    /** Timespan from `now`. */
    notBefore?: string
    jti?: string
    nonce?: string
    now?: Date
  }

  /** Signs a claims set and returns the compact JWT. */
  function sign (payload: object, key: ProduceKeyInputWithNone, options?: SignOptions): string
  /** `JWT.sign` with the signing on the libuv thread pool, and Promise-returning custom keys. */
  function signAsync (payload: object, key: ProduceKeyInputWithNone, options?: SignOptions): Promise<string>

  /** The options a profile shorthand requires on top of `VerifyOptions`. */
  interface VerifyProfileOptions<profile> {
    issuer: string | string[]
    audience: string | string[]
    profile?: profile
  }

  /** `JWT.verify` and `JWT.verifyAsync` with `profile` fixed to `P`. */
  interface ProfileVerifier<P extends JWTProfiles> {
    verify (jwt: string, key: VerifyKey, options: VerifyOptions<false> & VerifyProfileOptions<P>): object
    verify (jwt: string, key: ConsumeKeyInput | EmbeddedVerifyKeys, options: VerifyOptions<true> & VerifyProfileOptions<P>): completeResult
    verify (jwt: string, key: NoneKey, options: VerifyOptions<true> & VerifyProfileOptions<P>): completeResult<NoneKey>
    verify (jwt: string, key: VerifyKey, options: VerifyOptions<boolean> & VerifyProfileOptions<P>): object | completeResult<JWK.Key | NoneKey>

    verifyAsync (jwt: string, key: VerifyKey, options: VerifyOptions<false> & VerifyProfileOptions<P>): Promise<object>
    verifyAsync (jwt: string, key: ConsumeKeyInput | EmbeddedVerifyKeys, options: VerifyOptions<true> & VerifyProfileOptions<P>): Promise<completeResult>
    verifyAsync (jwt: string, key: NoneKey, options: VerifyOptions<true> & VerifyProfileOptions<P>): Promise<completeResult<NoneKey>>
    verifyAsync (jwt: string, key: VerifyKey, options: VerifyOptions<boolean> & VerifyProfileOptions<P>): Promise<object | completeResult<JWK.Key | NoneKey>>
  }

  /** OpenID Connect ID Tokens (`profile: 'id_token'`). */
  const IdToken: ProfileVerifier<'id_token'>
  /** JWT access tokens (`profile: 'at+JWT'`). */
  const AccessToken: ProfileVerifier<'at+JWT'>
  /** OpenID Connect Back-Channel Logout Tokens (`profile: 'logout_token'`). */
  const LogoutToken: ProfileVerifier<'logout_token'>

  /** The claims of a verified JARM authorization response. */
  interface JARMResponse {
    iss: string
    aud: string | string[]
    exp: number
    code?: string
    state?: string
    error?: string
    error_description?: string
    error_uri?: string
    [claim: string]: unknown
  }

  /** JARM verify options: `issuer` and `audience` (the client_id) are required. */
  interface JARMVerifyOptions<komplet = false> extends VerifyOptions<komplet> {
    issuer: string | string[]
    /** The client_id. */
    audience: string | string[]
    profile?: 'jarm'
  }

  /** JWT Secured Authorization Response Mode for OAuth 2.0 (`profile: 'jarm'`). */
  interface JARMVerifier {
    verify (response: string, key: ConsumeKeyInput, options: JARMVerifyOptions<false>): JARMResponse
    verify (response: string, key: ConsumeKeyInput, options: JARMVerifyOptions<true>): completeResult<JWK.Key, JARMResponse>
    verify (response: string, key: ConsumeKeyInput, options: JARMVerifyOptions<boolean>): JARMResponse | completeResult<JWK.Key, JARMResponse>

    verifyAsync (response: string, key: ConsumeKeyInput, options: JARMVerifyOptions<false>): Promise<JARMResponse>
    verifyAsync (response: string, key: ConsumeKeyInput, options: JARMVerifyOptions<true>): Promise<completeResult<JWK.Key, JARMResponse>>
    verifyAsync (response: string, key: ConsumeKeyInput, options: JARMVerifyOptions<boolean>): Promise<JARMResponse | completeResult<JWK.Key, JARMResponse>>
  }

  const JARM: JARMVerifier
}

export namespace errors {
  class JOSEError<T = string> extends Error {
    constructor (message?: string)
    code: T
  }

  class JOSEInvalidEncoding extends JOSEError<'ERR_JOSE_INVALID_ENCODING'> {}
  /** Several failures at once (each recipient, each candidate key); iterates over them. */
  class JOSEMultiError extends JOSEError<'ERR_JOSE_MULTIPLE_ERRORS'> {
    constructor (errors: Error[])
    readonly errors: Error[]
    [Symbol.iterator] (): IterableIterator<Error>
  }

  class JOSEAlgNotWhitelisted extends JOSEError<'ERR_JOSE_ALG_NOT_WHITELISTED'> {}
  class JOSECritNotUnderstood extends JOSEError<'ERR_JOSE_CRIT_NOT_UNDERSTOOD'> {}
  class JOSENotSupported extends JOSEError<'ERR_JOSE_NOT_SUPPORTED'> {}

  class JWEDecryptionFailed extends JOSEError<'ERR_JWE_DECRYPTION_FAILED'> {}
  class JWEInvalid extends JOSEError<'ERR_JWE_INVALID'> {}

  class JWKImportFailed extends JOSEError<'ERR_JWK_IMPORT_FAILED'> {}
  class JWKInvalid extends JOSEError<'ERR_JWK_INVALID'> {}
  class JWKKeySupport extends JOSEError<'ERR_JWK_KEY_SUPPORT'> {}

  class JWKSNoMatchingKey extends JOSEError<'ERR_JWKS_NO_MATCHING_KEY'> {}

  class JWSInvalid extends JOSEError<'ERR_JWS_INVALID'> {}
  class JWSVerificationFailed extends JOSEError<'ERR_JWS_VERIFICATION_FAILED'> {}

  class JWTClaimInvalid<T = 'ERR_JWT_CLAIM_INVALID'> extends JOSEError<T> {
    constructor (message?: string, claim?: string, reason?: string)

    claim: string
    reason: 'prohibited' | 'missing' | 'invalid' | 'check_failed' | 'unspecified'
  }
  class JWTExpired extends JWTClaimInvalid<'ERR_JWT_EXPIRED'> {}
  class JWTMalformed extends JOSEError<'ERR_JWT_MALFORMED'> {}
}
