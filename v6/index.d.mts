// Types for `import ... from 'jose-native/v6'`: the same declarations as the
// CommonJS entry (index.mjs re-exports index.js), plus the default export,
// which is the whole CommonJS module object as Node gives it.
import * as jose from './index.js'

export * from './index.js'
export default jose
