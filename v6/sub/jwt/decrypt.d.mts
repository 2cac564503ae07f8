// jose 6's 'jose/jwt/decrypt', from jose-native/v6 (scripts/v6-subpaths.js writes this file)
export { jwtDecrypt } from '../../index.mjs'
