// jose 6's 'jose/jwks/remote', from jose-native/v6 (scripts/v6-subpaths.js writes this file)
export { createRemoteJWKSet, customFetch, jwksCache } from 'jose-native/v6/jwks/remote'
