// CommonJS consumers under `module: nodenext`: `require` resolves through the
// `require` condition of the exports map (index.d.ts). Type-checked only.

import jose = require('jose-native')
import legacy = require('jose-native/P-256K')

const key: jose.JWK.RSAKey = jose.JWK.generateSync('RSA', 2048)
const token: string = jose.JWT.sign({}, key, { expiresIn: '1h' })
const payload: object = legacy.JWT.verify(token, key)
const store: jose.JWKS.KeyStore = new legacy.JWKS.KeyStore(key)

// @ts-expect-error the CommonJS module has no default export
jose.default

export { payload, store }
