// jose 6's 'jose/key/import', from jose-native/v6 (scripts/v6-subpaths.js writes this file)
export { importJWK, importPKCS8, importSPKI, importX509 } from '../../index.mjs'
