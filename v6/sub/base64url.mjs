// jose 6's 'jose/base64url', from jose-native/v6 (scripts/v6-subpaths.js writes this file)
import { base64url } from '../index.mjs'
export const { decode, encode } = base64url
