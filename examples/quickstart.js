'use strict'

// A short tour of jose-native. Run it with `npm start`.

const { JWK, JWKS } = require('..')

const show = (title, value) => console.log(`\n== ${title}\n${typeof value === 'string' ? value : JSON.stringify(value, null, 2)}`)

// Keys of every type jose 1.x knows.
const kinds = [['RSA', 2048], ['EC', 'P-256'], ['EC', 'P-384'], ['EC', 'P-521'], ['EC', 'secp256k1'],
  ['OKP', 'Ed25519'], ['OKP', 'Ed448'], ['OKP', 'X25519'], ['OKP', 'X448'], ['oct', 256]]
const keys = kinds.map(([kty, crvOrSize]) => JWK.generateSync(kty, crvOrSize))
for (const key of keys) {
  console.log(`${key.kty.padEnd(3)} ${String(key.crv || key.length).padEnd(9)} ${key.type.padEnd(7)} thumbprint ${key.thumbprint}  algorithms ${[...key.algorithms()].slice(0, 4).join(' ')}`)
}

// A public JWK and its RFC 7638 thumbprint (the default kid).
const ec = keys[1]
show('public JWK of the P-256 key', ec.toJWK())

// PEM round trip, including an encrypted PKCS#8 private key.
const pem = ec.toPEM(true, { cipher: 'aes-256-cbc', passphrase: 'correct horse' })
show('encrypted PKCS#8 PEM', pem)
const back = JWK.asKey({ key: pem, passphrase: 'correct horse' })
console.log(`read back: same thumbprint = ${back.thumbprint === ec.thumbprint}`)
show('SPKI PEM of the Ed25519 key', keys[5].toPEM())

// A KeyStore, queried the way verification picks keys.
const store = new JWKS.KeyStore(keys)
console.log(`\nKeyStore of ${store.size}: get({ alg: 'EdDSA' }) -> ${store.get({ alg: 'EdDSA' }).crv}, ` +
  `all({ use: 'enc', kty: 'OKP' }) -> ${store.all({ kty: 'OKP', alg: 'ECDH-ES' }).map((k) => k.crv).join(', ')}`)

// JWS: sign and verify in the compact and the general JSON serializations.
const { JWS } = require('..')
const jws = JWS.sign({ hello: 'world' }, keys[5], { kid: keys[5].kid })
show('EdDSA compact JWS', jws)
console.log('verified with the KeyStore:', JSON.stringify(JWS.verify(jws, store)))
const general = new JWS.Sign('signed twice').recipient(keys[1]).recipient(keys[9], undefined, { kid: keys[9].kid }).sign('general')
console.log(`general JWS with ${general.signatures.length} signatures verifies with the HMAC key:`, JWS.verify(general, keys[9]))

// JWE: encrypt to a public key (alg and enc chosen from the key), decrypt with
// the private key; then one JWE for two recipients, one of them a password.
const { JWE } = require('..')
const x25519 = keys[7]
const jwe = JWE.encrypt('a secret message', JWK.asKey(x25519.toJWK()), { kid: x25519.kid })
show('ECDH-ES compact JWE', jwe)
console.log('decrypted with the KeyStore:', JWE.decrypt(jwe, store).toString())
const password = JWK.asKey({ kty: 'oct', k: Buffer.from('correct horse battery staple').toString('base64url') })
const shared = new JWE.Encrypt('for two', { enc: 'A256GCM', zip: 'DEF' })
  .recipient(keys[0])
  .recipient(password, { alg: 'PBES2-HS512+A256KW' })
  .encrypt('general')
console.log(`general JWE with ${shared.recipients.length} recipients decrypts with the password:`, JWE.decrypt(shared, password).toString())

// JWT: sign with registered claims from options, verify them back.
const { JWT } = require('..')
const jwt = JWT.sign({ 'urn:example:claim': 'foo' }, keys[1], {
  issuer: 'https://op.example.com', audience: 'urn:example:client', subject: 'user-1', expiresIn: '2 hours'
})
show('ES256 JWT', jwt)
console.log('verified claims:', JSON.stringify(JWT.verify(jwt, store, {
  issuer: 'https://op.example.com', audience: 'urn:example:client', clockTolerance: '1 min'
})))
try {
  JWT.verify(jwt, store, { issuer: 'https://someone-else.example.com' })
} catch (err) {
  console.log(`wrong issuer: ${err.name} (claim ${err.claim}, reason ${err.reason})`)
}
