// jose 6's 'jose/jwt/sign', from jose-native/v6 (scripts/v6-subpaths.js writes this file)
export { SignJWT } from '../../index.mjs'
