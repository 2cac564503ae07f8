// jose 6's 'jose/jwk/thumbprint', from jose-native/v6 (scripts/v6-subpaths.js writes this file)
export { calculateJwkThumbprint, calculateJwkThumbprintUri } from 'jose-native/v6/jwk/thumbprint'
