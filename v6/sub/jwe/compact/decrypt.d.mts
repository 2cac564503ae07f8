// jose 6's 'jose/jwe/compact/decrypt', from jose-native/v6 (scripts/v6-subpaths.js writes this file)
export { compactDecrypt } from '../../../index.mjs'
