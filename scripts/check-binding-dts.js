'use strict'

// `npm run lint`: checks that lib/binding.d.ts, the committed declarations
// of the addon that tsconfig.lib.json type-checks lib/ against, is exactly
// what the last `npm run build` generated (target/napi-generated.d.ts).
// A change to the addon's exports shows up there after a build; the fix is
// to copy it over and commit it, which `--update` does:
//
//   node scripts/check-binding-dts.js            check (exit 1 on a difference)
//   node scripts/check-binding-dts.js --update   copy the generated file over

const { existsSync, readFileSync, copyFileSync } = require('fs')
const { join, relative } = require('path')

const root = join(__dirname, '..')
const generated = join(root, 'target', 'napi-generated.d.ts')
const committed = join(root, 'lib', 'binding.d.ts')
const show = (path) => relative(process.cwd(), path) || path

function fail (message) {
  console.error(`check-binding-dts: ${message}`)
  process.exit(1)
}

if (!existsSync(generated)) {
  fail(`${show(generated)} is missing: run \`npm run build\` first (it writes the addon's declarations there)`)
}

if (process.argv.includes('--update')) {
  copyFileSync(generated, committed)
  console.log(`check-binding-dts: copied ${show(generated)} to ${show(committed)}; commit it`)
  process.exit(0)
}

// Line endings aside (a Windows checkout may have CRLF), byte for byte.
const read = (path) => readFileSync(path, 'utf8').replace(/\r\n/g, '\n')
const want = read(generated)
const have = existsSync(committed) ? read(committed) : null

if (have !== want) {
  let where = ''
  if (have !== null) {
    const a = have.split('\n')
    const b = want.split('\n')
    let line = 0
    while (line < a.length && line < b.length && a[line] === b[line]) line++
    where = ` (first difference at line ${line + 1}:\n` +
      `  committed: ${a[line] === undefined ? '<end of file>' : JSON.stringify(a[line])}\n` +
      `  generated: ${b[line] === undefined ? '<end of file>' : JSON.stringify(b[line])})`
  }
  fail(`${show(committed)} is ${have === null ? 'missing' : 'not what the build generated'}${where}.\n` +
    'It is the build\'s output, unedited, and changes with the addon\'s exports: after `npm run build`, ' +
    `copy ${show(generated)} to ${show(committed)} (\`node scripts/check-binding-dts.js --update\`), ` +
    'run `npm run lint` again (lib/ is type-checked against it) and commit the file.')
}
