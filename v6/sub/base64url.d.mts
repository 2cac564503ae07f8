// jose 6's 'jose/base64url', from jose-native/v6 (scripts/v6-subpaths.js writes this file)
import { base64url } from '../index.mjs'
export import decode = base64url.decode
export import encode = base64url.encode
