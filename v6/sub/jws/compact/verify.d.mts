// jose 6's 'jose/jws/compact/verify', from jose-native/v6 (scripts/v6-subpaths.js writes this file)
export { compactVerify } from '../../../index.mjs'
