// ESM entry of `jose-native/v6`. It re-exports the CommonJS module instead of
// being a second copy, so `import` and `require` in one process share the
// same classes, error classes and symbols (instanceof, `jwksCache` and
// `customFetch` keep working across both). See ../index.mjs.
import v6 from './index.js'

export const {
  // jose-native extensions
  KMSKey,
  // JWT
  SignJWT,
  jwtVerify,
  EncryptJWT,
  jwtDecrypt,
  UnsecuredJWT,
  // JWS
  CompactSign,
  FlattenedSign,
  GeneralSign,
  compactVerify,
  flattenedVerify,
  generalVerify,
  // JWE
  CompactEncrypt,
  FlattenedEncrypt,
  GeneralEncrypt,
  compactDecrypt,
  flattenedDecrypt,
  generalDecrypt,
  // keys
  importSPKI,
  importPKCS8,
  importX509,
  importJWK,
  exportSPKI,
  exportPKCS8,
  exportJWK,
  generateKeyPair,
  generateSecret,
  // JWK and JWKS
  calculateJwkThumbprint,
  calculateJwkThumbprintUri,
  EmbeddedJWK,
  createLocalJWKSet,
  createRemoteJWKSet,
  jwksCache,
  customFetch,
  // utilities
  decodeJwt,
  decodeProtectedHeader,
  base64url,
  errors,
  cryptoRuntime
} = v6
export default v6
