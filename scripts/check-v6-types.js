'use strict'

// `npm run lint`: checks the typings of `jose-native/v6` against jose 6's.
//
//  1. tsc -p __test__/v6-types/tsconfig.json: the consumer files there
//     (written the way jose 6 users write code), type-checked against
//     v6/index.d.mts and v6/index.d.ts through the package's exports map,
//     plus compat.mts, which compares the declarations with jose 6's own
//     export by export;
//  2. tsc -p __test__/v6-types/tsconfig.jose6.json: the same consumer files
//     type-checked against jose 6's own typings (the jose6 devDependency),
//     which proves they are valid jose 6 code;
//  3. the export lists: every name jose 6's typings export (the `errors` and
//     `base64url` namespaces' members included) is declared in v6/index.d.ts,
//     and v6/index.mjs re-exports exactly the values v6/index.d.ts declares.
//
// Static checks only: nothing here loads the addon or lib/v6.
//
//   node scripts/check-v6-types.js    exit 1 on any failure

const { spawnSync } = require('child_process')
const { readFileSync } = require('fs')
const { join, relative } = require('path')

const ts = require('typescript')

const root = join(__dirname, '..')
const tests = join(root, '__test__', 'v6-types')
const ours = join(root, 'v6', 'index.d.ts')
const esmEntry = join(root, 'v6', 'index.mjs')
const theirs = join(root, 'node_modules', 'jose6', 'dist', 'types', 'index.d.ts')
const show = (path) => relative(process.cwd(), path) || path

const failures = []

// --- 1 and 2: the two compilations ---

const tscBin = require.resolve('typescript/bin/tsc')
for (const config of ['tsconfig.json', 'tsconfig.jose6.json']) {
  const project = join(tests, config)
  const result = spawnSync(process.execPath, [tscBin, '-p', project, '--pretty', 'false'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 300000
  })
  if (result.status === 0) {
    console.log(`check-v6-types: tsc -p ${show(project)}: ok`)
  } else {
    const output = `${result.stdout || ''}${result.stderr || ''}${result.error ? result.error.message : ''}`.trim()
    failures.push(`tsc -p ${show(project)} failed (exit ${result.status}):\n${output}`)
  }
}

// --- 3: the export lists ---

const program = ts.createProgram([ours, theirs], {
  noEmit: true,
  strict: true,
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts'],
  types: ['node'],
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext
})
const checker = program.getTypeChecker()

const resolve = (symbol) => (symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol)

// name -> 'value' | 'type' for a module's (or namespace's) exports; the
// members of the errors and base64url namespaces as 'errors.X', ...
function exportsOf (file) {
  const source = program.getSourceFile(file)
  if (!source) throw new Error(`${show(file)} is missing`)
  const names = new Map()
  for (const exported of checker.getExportsOfModule(checker.getSymbolAtLocation(source))) {
    const symbol = resolve(exported)
    names.set(exported.name, symbol.flags & ts.SymbolFlags.Value ? 'value' : 'type')
    if (symbol.flags & (ts.SymbolFlags.Module | ts.SymbolFlags.Namespace)) {
      for (const member of checker.getExportsOfModule(symbol)) {
        names.set(`${exported.name}.${member.name}`, resolve(member).flags & ts.SymbolFlags.Value ? 'value' : 'type')
      }
    }
  }
  return names
}

const declared = exportsOf(ours)
const upstream = exportsOf(theirs)

const missing = []
for (const [name, kind] of upstream) {
  if (!declared.has(name)) {
    missing.push(`${name} (${kind})`)
  } else if (kind === 'value' && declared.get(name) !== 'value') {
    missing.push(`${name} (a value in jose 6, only a type here)`)
  }
}
if (missing.length) {
  failures.push(`${show(ours)} does not declare these exports of jose 6 (${show(theirs)}): ${missing.join(', ')}`)
}

// the named exports of the ESM entry: `export const { ... } = v6` and the like
const esm = ts.createSourceFile(esmEntry, readFileSync(esmEntry, 'utf8'), ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS)
const reexported = new Set()
for (const statement of esm.statements) {
  const exported = ts.canHaveModifiers(statement) &&
    (ts.getModifiers(statement) || []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
  if (exported && ts.isVariableStatement(statement)) {
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isObjectBindingPattern(declaration.name)) {
        for (const element of declaration.name.elements) reexported.add(element.name.getText(esm))
      } else {
        reexported.add(declaration.name.getText(esm))
      }
    }
  } else if (exported && (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) {
    reexported.add(statement.name.text)
  } else if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
    for (const element of statement.exportClause.elements) reexported.add(element.name.text)
  }
}
const declaredValues = [...declared].filter(([name, kind]) => kind === 'value' && !name.includes('.')).map(([name]) => name)
const notReexported = declaredValues.filter((name) => !reexported.has(name))
const undeclared = [...reexported].filter((name) => !declaredValues.includes(name))
if (notReexported.length) {
  failures.push(`${show(esmEntry)} does not re-export these values that ${show(ours)} declares: ${notReexported.join(', ')}`)
}
if (undeclared.length) {
  failures.push(`${show(esmEntry)} re-exports these names that ${show(ours)} does not declare: ${undeclared.join(', ')}`)
}
if (!missing.length && !notReexported.length && !undeclared.length) {
  const extra = [...declared.keys()].filter((name) => !upstream.has(name))
  console.log(`check-v6-types: exports: ok (all ${upstream.size} of jose 6's names declared, ` +
    `${reexported.size} values re-exported by ${show(esmEntry)}` +
    `${extra.length ? `; also declared, beyond jose 6's exports: ${extra.join(', ')}` : ''})`)
}

if (failures.length) {
  for (const failure of failures) console.error(`check-v6-types: ${failure}`)
  process.exit(1)
}
