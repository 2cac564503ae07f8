// jose 6's 'jose/key/export', from jose-native/v6 (scripts/v6-subpaths.js writes this file)
export { exportJWK, exportPKCS8, exportSPKI } from '../../index.mjs'
