// jose 6's 'jose/jwt/unsecured', from jose-native/v6 (scripts/v6-subpaths.js writes this file)
export { UnsecuredJWT } from '../../index.mjs'
