// Types for `import ... from 'jose-native/P-256K'` (see index.d.mts).
import * as jose from './P-256K.js'

export * from './P-256K.js'
export default jose
