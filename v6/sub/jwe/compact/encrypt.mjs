// jose 6's 'jose/jwe/compact/encrypt', from jose-native/v6 (scripts/v6-subpaths.js writes this file)
export { CompactEncrypt } from '../../../index.mjs'
