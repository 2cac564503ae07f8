// jose 6's 'jose/jwks/local', from jose-native/v6 (scripts/v6-subpaths.js writes this file)
export { createLocalJWKSet } from '../../index.mjs'
