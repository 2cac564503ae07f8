'use strict'

// The typings' tests: tsc --strict over the .ts/.mts/.cts files beside this
// one (passing cases, `@ts-expect-error` cases, code written against jose
// 1.x's typings), and a check that everything the runtime exports is declared.

const { test } = require('node:test')
const assert = require('assert')
const { spawnSync } = require('child_process')
const { mkdtempSync, writeFileSync, rmSync } = require('fs')
const { join } = require('path')

const ts = require('typescript')

const here = __dirname
const root = join(here, '..', '..')
const tscBin = require.resolve('typescript/bin/tsc')

function tsc (...args) {
  const result = spawnSync(process.execPath, [tscBin, ...args], { cwd: here, encoding: 'utf8', timeout: 120000 })
  return { status: result.status, output: `${result.stdout}${result.stderr}` }
}

function assertCompiles (project) {
  const { status, output } = tsc('-p', project)
  assert.strictEqual(status, 0, `tsc -p ${project} failed:\n${output}`)
}

test('index.d.ts: jose-native usage and misuse type-check under --strict', () => {
  // tsconfig.json maps 'jose' to index.d.ts too, so jose1-compat.ts is
  // checked here against these typings
  assertCompiles('tsconfig.json')
})

test('jose1-compat.ts is valid against jose 1.28.2\'s own typings', () => {
  assertCompiles('tsconfig.jose.json')
})

test('ESM and CommonJS consumers resolve the typings through the exports map', () => {
  assertCompiles('tsconfig.node.json')
})

test('a type error in consumer code fails the check', () => {
  // guards the harness: a wrong result type must make tsc exit non-zero
  const dir = mkdtempSync(join(here, '.tmp-'))
  try {
    writeFileSync(join(dir, 'wrong.ts'), [
      "import { JWK, JWS } from 'jose-native'",
      'declare const key: JWK.RSAKey',
      "export const text: string = JWS.verify('a.b.c', key, { parse: false })",
      ''
    ].join('\n'))
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
      extends: '../tsconfig.base.json',
      compilerOptions: { module: 'commonjs', moduleResolution: 'node10', paths: { 'jose-native': ['../../../index.d.ts'] } },
      files: ['wrong.ts']
    }))
    const { status, output } = tsc('-p', join(dir, 'tsconfig.json'))
    assert.notStrictEqual(status, 0)
    assert.match(output, /wrong\.ts\(3,\d+\): error TS2322: Type 'Buffer<ArrayBufferLike>' is not assignable to type 'string'/)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

// The names index.d.ts declares for a symbol: namespace exports and, for
// values typed by an interface (e.g. JWT.IdToken), that type's properties.
function declaredNames (checker, symbol, node) {
  const names = new Set()
  if (symbol.flags & (ts.SymbolFlags.Module | ts.SymbolFlags.Namespace)) {
    for (const member of checker.getExportsOfModule(symbol)) names.add(member.name)
  }
  if (symbol.flags & ts.SymbolFlags.Value) {
    const type = checker.getTypeOfSymbolAtLocation(symbol, node)
    for (const property of checker.getPropertiesOfType(type)) names.add(property.name)
  }
  return names
}

function memberSymbol (checker, symbol, name, node) {
  if (symbol.flags & (ts.SymbolFlags.Module | ts.SymbolFlags.Namespace)) {
    const found = checker.getExportsOfModule(symbol).find((s) => s.name === name)
    if (found) return found
  }
  return checker.getTypeOfSymbolAtLocation(symbol, node).getProperty(name)
}

test('everything the runtime exports is declared in index.d.ts', () => {
  const program = ts.createProgram([join(root, 'index.d.ts')], { strict: true, types: ['node'], noEmit: true })
  const checker = program.getTypeChecker()
  const source = program.getSourceFile(join(root, 'index.d.ts'))
  const moduleSymbol = checker.getSymbolAtLocation(source)

  // Enumerable at run time as on jose's own instances, undeclared as in
  // jose's own typings (which make `JWK.None.kid` a type error)
  const undeclaredAsInJose = new Set(['jose-native.JWK.None.kid', 'jose-native.JWK.EmbeddedJWK.kid', 'jose-native.JWK.EmbeddedX5C.kid'])
  const missing = []
  let checked = 0
  // Walks the runtime object and the declarations side by side.
  const walk = (value, symbol, path, depth) => {
    const declared = declaredNames(checker, symbol, source)
    for (const name of Object.keys(value)) {
      checked++
      if (!declared.has(name)) {
        if (!undeclaredAsInJose.has(`${path}.${name}`)) missing.push(`${path}.${name}`)
        continue
      }
      const child = value[name]
      const childSymbol = memberSymbol(checker, symbol, name, source)
      if (typeof child === 'function' && childSymbol.flags & ts.SymbolFlags.Class) {
        methods(child, childSymbol, `${path}.${name}`)
      }
      if (depth < 3 && child && (typeof child === 'object' || typeof child === 'function')) {
        walk(child, childSymbol, `${path}.${name}`, depth + 1)
      }
    }
  }
  // A class's public prototype members (not `_`-prefixed internals) are
  // declared on its instance type.
  const methods = (cls, symbol, path) => {
    const instance = checker.getDeclaredTypeOfSymbol(symbol)
    for (const name of Object.getOwnPropertyNames(cls.prototype)) {
      if (name === 'constructor' || name.startsWith('_')) continue
      checked++
      if (!instance.getProperty(name)) missing.push(`${path}#${name}`)
    }
  }
  walk(require(root), moduleSymbol, 'jose-native', 0)

  assert.deepStrictEqual(missing, [], `exported at run time but not declared: ${missing.join(', ')}`)
  // JWK, JWKS, errors and their members at the least
  assert.ok(checked > 30, `only ${checked} runtime names were checked`)
})
