// ESM entry. It re-exports the CommonJS module instead of being a second
// copy, so `import` and `require` in one process share the same key classes,
// error classes and KeyStore (instanceof keeps working across both).
import jose from './index.js'

export const { JWE, JWK, JWKS, JWS, JWT, errors } = jose
export default jose
