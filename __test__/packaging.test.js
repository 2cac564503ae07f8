'use strict'

// Packaging: the platform loader's order, package.json's entry points and
// file list, CommonJS and ESM consumers, the install script, and the real
// thing: `npm run package` tarballs installed offline into an empty project
// with no Rust toolchain on PATH.

const { test } = require('node:test')
const assert = require('assert')
const { spawnSync } = require('child_process')
const {
  chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync
} = require('fs')
const { delimiter, join } = require('path')
const { tmpdir } = require('os')

const { loadAddon, triple, PUBLISHED } = require('../lib/platform')

const root = join(__dirname, '..')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))

function tempDir (t, prefix) {
  const dir = mkdtempSync(join(tmpdir(), `jose-native-${prefix}-`))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

function run (command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 120000, ...options })
  const output = `${result.stdout || ''}${result.stderr || ''}`
  assert.strictEqual(result.status, 0, `${command} ${args.join(' ')} failed (${result.status}, ${result.error || ''}):\n${output}`)
  return result.stdout
}

// --- the loader ---

// A fake module system: `installed` names resolve, anything else is missing.
function fakeLoad (installed) {
  const loaded = []
  const load = (id) => {
    if (!installed.includes(id)) {
      throw Object.assign(new Error(`Cannot find module '${id}'`), { code: 'MODULE_NOT_FOUND' })
    }
    loaded.push(id)
    return { id }
  }
  return { load, loaded }
}

test('loader: a source checkout uses its own build before an installed platform package', (t) => {
  const dir = tempDir(t, 'loader')
  const local = join(dir, 'jose-native.linux-x64-gnu.node')
  writeFileSync(join(dir, 'Cargo.toml'), '')
  writeFileSync(local, '')
  const { load } = fakeLoad([local, 'jose-native-linux-x64-gnu'])
  assert.deepStrictEqual(loadAddon({ root: dir, target: 'linux-x64-gnu', load }), { id: local })
})

test('loader: an installed package prefers its platform package over a stray local binary', (t) => {
  const dir = tempDir(t, 'loader')
  const local = join(dir, 'jose-native.darwin-arm64.node')
  writeFileSync(local, '')
  const { load } = fakeLoad([local, 'jose-native-darwin-arm64'])
  assert.deepStrictEqual(loadAddon({ root: dir, target: 'darwin-arm64', load }), { id: 'jose-native-darwin-arm64' })
})

test('loader: a checkout without a build falls back to the platform package', (t) => {
  const dir = tempDir(t, 'loader')
  writeFileSync(join(dir, 'Cargo.toml'), '')
  const { load } = fakeLoad(['jose-native-linux-x64-musl'])
  assert.deepStrictEqual(loadAddon({ root: dir, target: 'linux-x64-musl', load }), { id: 'jose-native-linux-x64-musl' })
})

test('loader: without a platform package, a local binary is used', (t) => {
  const dir = tempDir(t, 'loader')
  const local = join(dir, 'jose-native.win32-x64-msvc.node')
  writeFileSync(local, '')
  const { load } = fakeLoad([local])
  assert.deepStrictEqual(loadAddon({ root: dir, target: 'win32-x64-msvc', load }), { id: local })
})

test('loader: with nothing to load, the error names the triple and the package to install', (t) => {
  const dir = tempDir(t, 'loader')
  const { load } = fakeLoad([])
  assert.throws(() => loadAddon({ root: dir, target: 'linux-arm64-gnu', load }), (err) => {
    assert.match(err.message, /no native binary for linux-arm64-gnu/)
    assert.match(err.message, /jose-native-linux-arm64-gnu/)
    assert.match(err.message, /npm run build/)
    return true
  })
  assert.throws(() => loadAddon({ root: dir, target: 'freebsd-x64', load }), /no prebuilt binary is published for freebsd-x64/)
})

test('loader: a platform package that fails to load is reported, not skipped', (t) => {
  const dir = tempDir(t, 'loader')
  const broken = new Error('invalid ELF header')
  const load = () => { throw broken }
  assert.throws(() => loadAddon({ root: dir, target: 'linux-x64-gnu', load }), (err) => {
    assert.match(err.message, /jose-native-linux-x64-gnu is installed but could not be loaded: invalid ELF header/)
    assert.strictEqual(err.cause, broken)
    return true
  })
})

test('loader: platform triples follow napi-rs naming', () => {
  assert.strictEqual(triple({ platform: 'linux', arch: 'x64', musl: () => false }), 'linux-x64-gnu')
  assert.strictEqual(triple({ platform: 'linux', arch: 'x64', musl: () => true }), 'linux-x64-musl')
  assert.strictEqual(triple({ platform: 'linux', arch: 'arm64', musl: () => false }), 'linux-arm64-gnu')
  assert.strictEqual(triple({ platform: 'darwin', arch: 'arm64' }), 'darwin-arm64')
  assert.strictEqual(triple({ platform: 'win32', arch: 'x64' }), 'win32-x64-msvc')
  assert.deepStrictEqual([...PUBLISHED].sort(), readdirSync(join(root, 'npm')).sort())
})

// --- package.json and the platform packages ---

test('platform packages declare os, cpu and libc as napi-rs does', () => {
  const expected = {
    'linux-x64-gnu': { os: ['linux'], cpu: ['x64'], libc: ['glibc'] },
    'linux-x64-musl': { os: ['linux'], cpu: ['x64'], libc: ['musl'] },
    'linux-arm64-gnu': { os: ['linux'], cpu: ['arm64'], libc: ['glibc'] },
    'darwin-x64': { os: ['darwin'], cpu: ['x64'] },
    'darwin-arm64': { os: ['darwin'], cpu: ['arm64'] },
    'win32-x64-msvc': { os: ['win32'], cpu: ['x64'] }
  }
  for (const [platform, fields] of Object.entries(expected)) {
    const npmPkg = JSON.parse(readFileSync(join(root, 'npm', platform, 'package.json'), 'utf8'))
    assert.strictEqual(npmPkg.name, `jose-native-${platform}`)
    assert.strictEqual(npmPkg.main, `jose-native.${platform}.node`)
    assert.deepStrictEqual(npmPkg.files, [npmPkg.main])
    assert.deepStrictEqual(npmPkg.os, fields.os, platform)
    assert.deepStrictEqual(npmPkg.cpu, fields.cpu, platform)
    assert.deepStrictEqual(npmPkg.libc, fields.libc, platform)
    assert.strictEqual(npmPkg.license, pkg.license)
    assert.deepStrictEqual(npmPkg.engines, pkg.engines)
  }
  assert.strictEqual(pkg.napi.binaryName, 'jose-native')
})

test('the exports map has import, require and types conditions for both entry points', () => {
  for (const [subpath, base] of [['.', 'index'], ['./P-256K', 'P-256K'], ['./v6', 'v6/index']]) {
    assert.deepStrictEqual(pkg.exports[subpath], {
      import: { types: `./${base}.d.mts`, default: `./${base}.mjs` },
      require: { types: `./${base}.d.ts`, default: `./${base}.js` }
    })
    for (const file of [`${base}.d.mts`, `${base}.mjs`, `${base}.d.ts`, `${base}.js`]) {
      assert.ok(existsSync(join(root, file)), `${file} exists`)
    }
  }
  assert.strictEqual(pkg.main, 'index.js')
  assert.strictEqual(pkg.types, 'index.d.ts')
})

test('the main package ships only what users need', () => {
  const [info] = JSON.parse(run('npm', ['pack', '--dry-run', '--json'], { cwd: root }))
  const files = info.files.map((f) => f.path).sort()
  assert.deepStrictEqual(files, [
    'LICENSE', 'P-256K.d.mts', 'P-256K.d.ts', 'P-256K.js', 'P-256K.mjs', 'README.md',
    'index.d.mts', 'index.d.ts', 'index.js', 'index.mjs',
    'v6/index.d.mts', 'v6/index.d.ts', 'v6/index.js', 'v6/index.mjs',
    ...files.filter((f) => f.startsWith('lib/')),
    'package.json', 'scripts/install.js'
  ].sort())
  assert.ok(files.includes('lib/binding.js') && files.includes('lib/platform.js'))
  assert.ok(files.filter((f) => f.startsWith('lib/')).every((f) => f.endsWith('.js')))
  // no Cargo.toml either: with it, the install script would try to build
  assert.ok(!files.some((f) => /^(src|__test__|tests|examples|target|npm|dist)\/|Cargo\.|\.node$|\.rs$/.test(f)), files.join(', '))
})

// --- CommonJS and ESM consumers of this checkout ---

test('jose-native/v6 gives the same module to require and import, with every jose 6 export', async (t) => {
  const dir = consumer(t)
  writeFileSync(join(dir, 'probe.mjs'), `
    import { createRequire } from 'module'
    import * as esm from 'jose-native/v6'
    import * as jose6 from 'jose6'
    const cjs = createRequire(import.meta.url)('jose-native/v6')
    console.log(JSON.stringify({
      differ: Object.keys(cjs).filter((name) => esm[name] !== cjs[name]),
      missing: Object.keys(jose6).filter((name) => cjs[name] === undefined)
    }))
  `)
  symlinkSync(join(root, 'node_modules', 'jose6'), join(dir, 'node_modules', 'jose6'), 'dir')
  const result = JSON.parse(run(process.execPath, [join(dir, 'probe.mjs')], { cwd: dir }))
  assert.deepStrictEqual(result.differ, [], 'every CommonJS export is an ESM named export')
  assert.deepStrictEqual(result.missing.sort(), [
    'CompactEncrypt', 'EncryptJWT', 'FlattenedEncrypt', 'GeneralEncrypt',
    'compactDecrypt', 'flattenedDecrypt', 'generalDecrypt', 'jwtDecrypt'
  ], 'only JWE is still to come')
})

// A project that has this checkout installed as node_modules/jose-native.
function consumer (t) {
  const dir = tempDir(t, 'consumer')
  mkdirSync(join(dir, 'node_modules'))
  symlinkSync(root, join(dir, 'node_modules', 'jose-native'), 'dir')
  writeFileSync(join(dir, 'package.json'), '{ "name": "consumer", "private": true }')
  return dir
}

test('require(\'jose-native\') and import from \'jose-native\' give the same module', (t) => {
  const dir = consumer(t)
  writeFileSync(join(dir, 'probe.mjs'), `
    import { createRequire } from 'module'
    import jose, * as esm from 'jose-native'
    import { JWK } from 'jose-native'
    const cjs = createRequire(import.meta.url)('jose-native')
    const missing = Object.keys(cjs).filter((name) => esm[name] !== cjs[name])
    const key = JWK.generateSync('EC', 'P-256')
    console.log(JSON.stringify({
      sameDefault: jose === cjs,
      missing,
      keyClassShared: key instanceof cjs.JWK.ECKey,
      thumbprint: key.thumbprint
    }))
  `)
  const result = JSON.parse(run(process.execPath, [join(dir, 'probe.mjs')], { cwd: dir }))
  assert.strictEqual(result.sameDefault, true)
  assert.deepStrictEqual(result.missing, [], 'every CommonJS export is an ESM named export')
  assert.strictEqual(result.keyClassShared, true)
  assert.match(result.thumbprint, /^[A-Za-z0-9_-]{43}$/)
})

test('jose-native/P-256K works from require and import', (t) => {
  const dir = consumer(t)
  writeFileSync(join(dir, 'probe.mjs'), `
    import { JWK } from 'jose-native/P-256K'
    console.log(JWK.generateSync('EC', 'P-256K').crv)
  `)
  assert.strictEqual(run(process.execPath, [join(dir, 'probe.mjs')], { cwd: dir }).trim(), 'P-256K')
  const cjs = "console.log(require('jose-native/P-256K').JWK.generateSync('EC', 'P-256K').crv)"
  assert.strictEqual(run(process.execPath, ['-e', cjs], { cwd: dir }).trim(), 'P-256K')
  // files outside the exports map stay private
  const deep = spawnSync(process.execPath, ['-e', "require('jose-native/lib/native')"], { cwd: dir, encoding: 'utf8' })
  assert.match(deep.stderr, /ERR_PACKAGE_PATH_NOT_EXPORTED/)
})

// --- the install script ---

// A copy of scripts/install.js in a package root, run with a fake `npm` on
// PATH that records what it was asked to do.
function runInstallScript (t, { checkout }) {
  const dir = tempDir(t, 'install')
  mkdirSync(join(dir, 'scripts'))
  mkdirSync(join(dir, 'bin'))
  copyFileSync(join(root, 'scripts', 'install.js'), join(dir, 'scripts', 'install.js'))
  writeFileSync(join(dir, 'package.json'), '{ "name": "jose-native" }')
  if (checkout) writeFileSync(join(dir, 'Cargo.toml'), '')
  const log = join(dir, 'npm-calls')
  writeFileSync(join(dir, 'bin', 'npm'), `#!/bin/sh\necho "$(pwd) $*" >> "${log}"\n`)
  chmodSync(join(dir, 'bin', 'npm'), 0o755)
  const result = spawnSync(process.execPath, [join(dir, 'scripts', 'install.js')], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${join(dir, 'bin')}${delimiter}${process.env.PATH}` }
  })
  return { status: result.status, calls: existsSync(log) ? readFileSync(log, 'utf8').trim() : '', dir }
}

test('install script: builds from source in a checkout', (t) => {
  const { status, calls, dir } = runInstallScript(t, { checkout: true })
  assert.strictEqual(status, 0)
  assert.strictEqual(calls, `${dir} run build`)
})

test('install script: does nothing in an installed package', (t) => {
  const { status, calls } = runInstallScript(t, { checkout: false })
  assert.strictEqual(status, 0)
  assert.strictEqual(calls, '')
})

// --- npm run package, installed offline without Rust ---

// The addon `npm install` built and copied into the checkout (CI's install
// makes one), so the test need not spend minutes on an LTO build; without
// one it builds. Not the library in target/: `npm run bench` builds its Rust
// example there without the `node` feature, overwriting that file with a
// library that has no N-API exports.
function existingReleaseBinary () {
  const built = join(root, 'jose-native.linux-x64-gnu.node')
  return existsSync(built) ? built : undefined
}

// npm's own script: the one running `npm test`, else the first on PATH.
function npmCli () {
  if (process.env.npm_execpath && /npm-cli\.js$/.test(process.env.npm_execpath)) return process.env.npm_execpath
  for (const entry of process.env.PATH.split(delimiter)) {
    if (existsSync(join(entry, 'npm'))) return realpathSync(join(entry, 'npm'))
  }
  assert.fail('npm is not on PATH')
}

// PATH for the install: node and npm only, plus the system directories,
// checked to hold no cargo or rustc.
function pathWithoutRust (dir) {
  const bin = join(dir, 'bin')
  mkdirSync(bin)
  symlinkSync(process.execPath, join(bin, 'node'))
  symlinkSync(npmCli(), join(bin, 'npm'))
  const path = [bin, '/usr/bin', '/bin'].join(delimiter)
  for (const entry of path.split(delimiter)) {
    for (const tool of ['cargo', 'rustc', 'rustup']) {
      assert.ok(!existsSync(join(entry, tool)), `${join(entry, tool)} is on the offline PATH`)
    }
  }
  return path
}

const reuse = existingReleaseBinary()

test('npm run package tarballs install offline and work without a Rust toolchain', {
  // a full release build (LTO) takes long on a small machine; reusing one is quick
  timeout: reuse ? 5 * 60 * 1000 : 60 * 60 * 1000
}, (t) => {
  assert.strictEqual(triple(), 'linux-x64-gnu', 'this machine builds the linux-x64-gnu package')
  const work = tempDir(t, 'offline')
  const out = join(work, 'dist')
  const args = [join(root, 'scripts', 'package.js'), '--out', out, ...(reuse ? ['--binary', reuse] : [])]
  t.diagnostic(reuse ? `packing the existing release build ${reuse}` : 'no release build found: building one')
  run(process.execPath, args, { cwd: root, timeout: 55 * 60 * 1000 })

  const main = join(out, `jose-native-${pkg.version}.tgz`)
  const platform = join(out, `jose-native-linux-x64-gnu-${pkg.version}.tgz`)
  for (const tarball of [main, platform]) {
    assert.ok(existsSync(tarball), `${tarball} was made`)
    t.diagnostic(`${tarball.slice(out.length + 1)}: ${statSync(tarball).size} bytes`)
  }
  const platformFiles = run('tar', ['-tzf', platform]).trim().split('\n').sort()
  assert.deepStrictEqual(platformFiles, ['package/README.md', 'package/jose-native.linux-x64-gnu.node', 'package/package.json'])

  // an empty project, a fresh npm cache, no registry, no Rust
  const project = join(work, 'project')
  const home = join(work, 'home')
  mkdirSync(project)
  mkdirSync(home)
  writeFileSync(join(project, 'package.json'), '{ "name": "offline-project", "version": "1.0.0", "private": true }')
  const env = {
    PATH: pathWithoutRust(work),
    HOME: home,
    npm_config_cache: join(work, 'npm-cache'),
    npm_config_registry: 'http://127.0.0.1:9/',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false'
  }
  run('npm', ['install', '--offline', main, platform], { cwd: project, env, timeout: 3 * 60 * 1000 })

  const installed = join(project, 'node_modules', 'jose-native')
  assert.ok(existsSync(join(project, 'node_modules', 'jose-native-linux-x64-gnu', 'jose-native.linux-x64-gnu.node')))
  for (const absent of ['Cargo.toml', 'src', '__test__', 'target', 'jose-native.linux-x64-gnu.node']) {
    assert.ok(!existsSync(join(installed, absent)), `${absent} is not in the installed package`)
  }

  const cjs = `
    const { JWK } = require('jose-native')
    const key = JWK.generateSync('EC', 'P-256')
    const addon = Object.keys(require.cache).filter((f) => f.endsWith('.node'))
    console.log(JSON.stringify({ thumbprint: key.thumbprint, addon }))
  `
  const result = JSON.parse(run('node', ['-e', cjs], { cwd: project, env }))
  assert.match(result.thumbprint, /^[A-Za-z0-9_-]{43}$/)
  assert.deepStrictEqual(result.addon, [join(project, 'node_modules', 'jose-native-linux-x64-gnu', 'jose-native.linux-x64-gnu.node')])

  const esm = "import { JWK } from 'jose-native'; console.log(JWK.generateSync('OKP').toJWK().crv)"
  assert.strictEqual(run('node', ['--input-type=module', '-e', esm], { cwd: project, env }).trim(), 'Ed25519')

  // the installed typings resolve for a TypeScript consumer
  writeFileSync(join(project, 'consumer.mts'), [
    "import { JWK, JWT } from 'jose-native'",
    "const key: JWK.ECKey = JWK.generateSync('EC')",
    'export const token: string = JWT.sign({}, key)',
    ''
  ].join('\n'))
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      strict: true,
      noEmit: true,
      module: 'nodenext',
      typeRoots: [join(root, 'node_modules', '@types')],
      types: ['node']
    },
    files: ['consumer.mts']
  }))
  run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', project], { cwd: project })
})
