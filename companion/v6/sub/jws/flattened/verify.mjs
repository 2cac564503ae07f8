// jose 6's 'jose/jws/flattened/verify', from jose-native/v6 (scripts/v6-subpaths.js writes this file)
export { flattenedVerify } from 'jose-native/v6/jws/flattened/verify'
