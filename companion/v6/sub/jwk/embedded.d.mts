// jose 6's 'jose/jwk/embedded', from jose-native/v6 (scripts/v6-subpaths.js writes this file)
export { EmbeddedJWK } from 'jose-native/v6/jwk/embedded'
