// jose 6's 'jose/jws/general/verify', from jose-native/v6 (scripts/v6-subpaths.js writes this file)
export { generalVerify } from 'jose-native/v6/jws/general/verify'
