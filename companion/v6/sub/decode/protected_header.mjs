// jose 6's 'jose/decode/protected_header', from jose-native/v6 (scripts/v6-subpaths.js writes this file)
export { decodeProtectedHeader } from 'jose-native/v6/decode/protected_header'
