// jose 6's 'jose/jwe/flattened/decrypt', from jose-native/v6 (scripts/v6-subpaths.js writes this file)
export { flattenedDecrypt } from 'jose-native/v6/jwe/flattened/decrypt'
