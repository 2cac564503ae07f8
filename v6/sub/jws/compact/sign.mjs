// jose 6's 'jose/jws/compact/sign', from jose-native/v6 (scripts/v6-subpaths.js writes this file)
export { CompactSign } from '../../../index.mjs'
