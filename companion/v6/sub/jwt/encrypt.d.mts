// jose 6's 'jose/jwt/encrypt', from jose-native/v6 (scripts/v6-subpaths.js writes this file)
export { EncryptJWT } from 'jose-native/v6/jwt/encrypt'
