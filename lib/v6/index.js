'use strict'

// jose 6.2's API (`jose-native/v6`) on the native core.

const errors = require('./errors')
const jwk = require('./jwk')
const jwe = require('./jwe')
const jws = require('./jws')
const jwt = require('./jwt')
const jwtVerify = require('./jwt-verify')
const keyIO = require('./key-io')
const kms = require('./kms')
const local = require('./jwks/local')
const remote = require('./jwks/remote')
const util = require('./util')

module.exports = {
  CompactSign: jws.CompactSign,
  FlattenedSign: jws.FlattenedSign,
  GeneralSign: jws.GeneralSign,
  compactVerify: jws.compactVerify,
  flattenedVerify: jws.flattenedVerify,
  generalVerify: jws.generalVerify,
  CompactEncrypt: jwe.CompactEncrypt,
  FlattenedEncrypt: jwe.FlattenedEncrypt,
  GeneralEncrypt: jwe.GeneralEncrypt,
  compactDecrypt: jwe.compactDecrypt,
  flattenedDecrypt: jwe.flattenedDecrypt,
  generalDecrypt: jwe.generalDecrypt,
  EncryptJWT: jwt.EncryptJWT,
  jwtDecrypt: jwtVerify.jwtDecrypt,
  SignJWT: jwt.SignJWT,
  UnsecuredJWT: jwt.UnsecuredJWT,
  jwtVerify: jwtVerify.jwtVerify,
  importJWK: keyIO.importJWK,
  importSPKI: keyIO.importSPKI,
  importPKCS8: keyIO.importPKCS8,
  importX509: keyIO.importX509,
  exportJWK: keyIO.exportJWK,
  exportSPKI: keyIO.exportSPKI,
  exportPKCS8: keyIO.exportPKCS8,
  generateKeyPair: keyIO.generateKeyPair,
  generateSecret: keyIO.generateSecret,
  EmbeddedJWK: jwk.EmbeddedJWK,
  calculateJwkThumbprint: jwk.calculateJwkThumbprint,
  calculateJwkThumbprintUri: jwk.calculateJwkThumbprintUri,
  createLocalJWKSet: local.createLocalJWKSet,
  createRemoteJWKSet: remote.createRemoteJWKSet,
  jwksCache: remote.jwksCache,
  customFetch: remote.customFetch,
  base64url: util.base64url,
  decodeJwt: util.decodeJwt,
  decodeProtectedHeader: util.decodeProtectedHeader,
  errors,
  cryptoRuntime: 'WebCryptoAPI',
  // beyond jose 6: keys whose private operations run in the caller's code
  KMSKey: kms.KMSKey
}
