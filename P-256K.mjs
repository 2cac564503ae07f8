// ESM entry of `jose-native/P-256K`: the legacy `P-256K` curve name, switched
// on process-wide by the CommonJS module it re-exports (see index.mjs).
import jose from './P-256K.js'

export const { JWE, JWK, JWKS, JWS, JWT, errors } = jose
export default jose
