// CommonJS consumers: `require('jose-native/v6')` (under `module: nodenext`
// the `require` condition of the exports map, v6/index.d.ts).

import jose = require('jose-native/v6')
import { exact } from './expect.mjs'

async function main (): Promise<void> {
  const secret = new TextEncoder().encode('cc7e0d44fd473002f1c42167459001140ec6389b7353f8088f4d9a95f2f596f2')
  const jwt = await new jose.SignJWT({ 'urn:example:claim': true })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(secret)
  const { payload } = await jose.jwtVerify<{ 'urn:example:claim': boolean }>(jwt, secret)
  exact<boolean>()(payload['urn:example:claim'])

  const JWKS = jose.createRemoteJWKSet(new URL('https://example.com/jwks'), { [jose.jwksCache]: {} })
  exact<jose.CryptoKey>()((await jose.jwtVerify(jwt, JWKS)).key)

  try {
    await jose.compactVerify(jwt, secret)
  } catch (err) {
    if (err instanceof jose.errors.JWSSignatureVerificationFailed) {
      exact<jose.errors.JOSEErrorCode | (string & {})>()(err.code)
    }
  }
  const key: jose.KeyInput = await jose.importJWK({ kty: 'oct', k: jose.base64url.encode(secret) })
  exact<jose.JWK>()(await jose.exportJWK(secret))
  console.log(key)
}

main().catch(console.error)
