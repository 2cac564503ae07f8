// jose 6's 'jose/jwe/general/decrypt', from jose-native/v6 (scripts/v6-subpaths.js writes this file)
export { generalDecrypt } from 'jose-native/v6/jwe/general/decrypt'
