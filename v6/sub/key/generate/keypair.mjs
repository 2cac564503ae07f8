// jose 6's 'jose/key/generate/keypair', from jose-native/v6 (scripts/v6-subpaths.js writes this file)
export { generateKeyPair } from '../../../index.mjs'
