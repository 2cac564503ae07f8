// jose 6's 'jose/jws/general/sign', from jose-native/v6 (scripts/v6-subpaths.js writes this file)
export { GeneralSign } from '../../../index.mjs'
