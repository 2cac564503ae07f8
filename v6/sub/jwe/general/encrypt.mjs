// jose 6's 'jose/jwe/general/encrypt', from jose-native/v6 (scripts/v6-subpaths.js writes this file)
export { GeneralEncrypt } from '../../../index.mjs'
