// jose 6's 'jose/key/generate/secret', from jose-native/v6 (scripts/v6-subpaths.js writes this file)
export { generateSecret } from 'jose-native/v6/key/generate/secret'
