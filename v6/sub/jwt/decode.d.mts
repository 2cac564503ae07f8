// jose 6's 'jose/jwt/decode', from jose-native/v6 (scripts/v6-subpaths.js writes this file)
export { decodeJwt } from '../../index.mjs'
