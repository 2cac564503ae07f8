// jose 6's 'jose/jwt/verify', from jose-native/v6 (scripts/v6-subpaths.js writes this file)
export { jwtVerify } from '../../index.mjs'
