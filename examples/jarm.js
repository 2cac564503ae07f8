'use strict'

// JARM end to end: the authorization server signs its responses as JWTs,
// possibly encrypted too; the client verifies them with JWT.JARM.verify.
// Run: node examples/jarm.js

const { JWE, JWK, JWKS, JWT, errors } = require('..')

const ISSUER = 'https://as.example.com'
const CLIENT_ID = 's6BhdRkqt3'
const STATE = 'S8NJ7uqk5fY4EjNvP_G_FtyJu6pUsvH9jsYni9dMAJw'

// The authorization server's signing key; the client knows its public JWKS.
const asKey = JWK.generateSync('EC', 'P-256', { use: 'sig' })
const asJwks = JWKS.asKeyStore({ keys: [asKey.toJWK()] })

// What the authorization server puts in the `response` parameter.
const respond = (params) => JWT.sign(params, asKey, {
  issuer: ISSUER, audience: CLIENT_ID, expiresIn: '10 minutes', iat: false
})

const verifyOptions = { issuer: ISSUER, audience: CLIENT_ID, state: STATE }

const codeResponse = respond({ code: 'PyyFaux2o7Q0YfXBU32jhw.5FXSQpvr8akv9CeRDSd0QA', state: STATE })
console.log('code response:', JWT.JARM.verify(codeResponse, asJwks, verifyOptions))

const errorResponse = respond({ error: 'access_denied', error_description: 'the user said no', state: STATE })
const params = JWT.JARM.verify(errorResponse, asJwks, verifyOptions)
console.log(`error response: ${params.error} (${params.error_description})`)

// A response for another client is refused.
const forSomeoneElse = JWT.sign({ code: 'x', state: STATE }, asKey, { issuer: ISSUER, audience: 'another-client', expiresIn: '10m' })
try {
  JWT.JARM.verify(forSomeoneElse, asJwks, verifyOptions)
} catch (err) {
  console.log(`refused: ${err instanceof errors.JWTClaimInvalid ? `${err.name} (${err.claim}, ${err.reason})` : err}`)
}

// A client registered for encrypted responses: the authorization server
// signs, then encrypts to the client's public key.
const clientKey = JWK.generateSync('RSA', 2048, { use: 'enc' })
const encrypted = JWE.encrypt(codeResponse, JWK.asKey(clientKey.toJWK()), { alg: 'RSA-OAEP-256', enc: 'A256GCM', cty: 'JWT' })
const decrypted = JWT.JARM.verify(encrypted, asJwks, {
  ...verifyOptions, decryptionKey: clientKey, decryptionAlgorithms: ['RSA-OAEP-256', 'A256GCM']
})
console.log('encrypted code response:', decrypted.code)

// The same, off the main thread.
JWT.JARM.verifyAsync(codeResponse, asJwks, verifyOptions)
  .then((result) => console.log('verifyAsync code:', result.code))
