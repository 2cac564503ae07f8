'use strict'

// The JavaScript linter's configuration: neostandard (the `standard` style
// on ESLint's flat config), over the facade, tests, benchmarks, examples and
// scripts. `npm run lint` runs it beside rustfmt, clippy and the typings.

const neostandard = require('neostandard')

module.exports = [
  ...neostandard({
    ignores: ['.probe/**', 'target/**', 'fuzz/**', 'npm/**', 'dist/**', '**/*.d.ts', '**/*.d.mts', '__test__/types/**']
  })
]
