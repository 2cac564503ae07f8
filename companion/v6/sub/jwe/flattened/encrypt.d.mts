// jose 6's 'jose/jwe/flattened/encrypt', from jose-native/v6 (scripts/v6-subpaths.js writes this file)
export { FlattenedEncrypt } from 'jose-native/v6/jwe/flattened/encrypt'
