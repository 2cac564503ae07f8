// jose 6's 'jose/base64url', from jose-native/v6 (scripts/v6-subpaths.js writes this file)
export { decode, encode } from 'jose-native/v6/base64url'
