// jose 6's 'jose/jws/flattened/sign', from jose-native/v6 (scripts/v6-subpaths.js writes this file)
export { FlattenedSign } from 'jose-native/v6/jws/flattened/sign'
