'use strict'

// Packaging: the platform loader's order, package.json's entry points and
// file list, CommonJS and ESM consumers, the install script, and the real
// thing: `npm run package` tarballs installed offline into an empty project
// with no Rust toolchain on PATH.

const { after, test } = require('node:test')
const assert = require('assert')
const { spawnSync } = require('child_process')
const { createHash } = require('crypto')
const {
  chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync
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
    ...files.filter((f) => f.startsWith('v6/sub/')),
    ...files.filter((f) => f.startsWith('lib/')),
    'package.json', 'scripts/install.js'
  ].sort())
  assert.ok(files.includes('lib/binding.js') && files.includes('lib/platform.js'))
  assert.ok(files.filter((f) => f.startsWith('lib/')).every((f) => f.endsWith('.js')))
  // no Cargo.toml either: with it, the install script would try to build
  assert.ok(!files.some((f) => /^(src|__test__|tests|examples|target|npm|companion|dist)\/|Cargo\.|\.node$|\.rs$/.test(f)), files.join(', '))
})

test('the companion package jose-native-v6 is jose-native/v6 under its own name, at the same version', () => {
  const dir = join(root, 'companion', 'v6')
  const companion = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
  assert.strictEqual(companion.name, 'jose-native-v6')
  assert.strictEqual(companion.version, pkg.version)
  assert.deepStrictEqual(companion.dependencies, { 'jose-native': pkg.version })
  assert.strictEqual(companion.license, pkg.license)
  assert.deepStrictEqual(companion.engines, pkg.engines)
  assert.strictEqual(companion.main, 'index.js')
  assert.strictEqual(companion.types, 'index.d.ts')
  assert.deepStrictEqual(companion.exports, {
    '.': {
      import: { types: './index.d.mts', default: './index.mjs' },
      require: { types: './index.d.ts', default: './index.js' }
    },
    './*': { types: './sub/*.d.mts', default: './sub/*.mjs' },
    './package.json': './package.json'
  })
  assert.deepStrictEqual(companion.files, ['index.js', 'index.mjs', 'index.d.ts', 'index.d.mts', 'sub/**'])
  for (const file of companion.files.slice(0, 4)) assert.ok(existsSync(join(dir, file)), `companion/v6/${file} exists`)
  assert.ok(existsSync(join(dir, 'sub', 'jwt', 'verify.mjs')), 'jose 6\'s subpath modules')
})

// --- CommonJS and ESM consumers of this checkout ---

test('jose-native/v6 gives the same module to require and import, with every jose 6 export', async (t) => {
  const dir = consumer(t)
  writeFileSync(join(dir, 'probe.mjs'), `
    import { createRequire } from 'module'
    import * as esm from 'jose-native/v6'
    import * as jose6 from 'jose6'
    const cjs = createRequire(import.meta.url)('jose-native/v6')
    // jose 6's subpath modules: the same names, the same values as the entry's
    const exportsMap = createRequire(import.meta.url)('jose6/package.json').exports
    const subpaths = ['jwt/verify', 'jwt/sign', 'jwt/decode', 'jwks/remote', 'key/import', 'key/generate/keypair', 'jws/general/verify', 'jwe/compact/decrypt', 'decode/protected_header', 'errors', 'base64url']
    const subpathDiffs = []
    for (const sub of subpaths) {
      const mine = await import('jose-native/v6/' + sub)
      const theirs = await import('jose6/' + sub)
      const names = Object.keys(theirs).sort()
      if (JSON.stringify(Object.keys(mine).sort()) !== JSON.stringify(names)) subpathDiffs.push(sub)
      for (const name of names) if (mine[name] !== (cjs[name] ?? cjs.errors[name] ?? cjs.base64url[name])) subpathDiffs.push(sub + ' ' + name)
    }
    console.log(JSON.stringify({
      differ: Object.keys(cjs).filter((name) => esm[name] !== cjs[name]),
      missing: Object.keys(jose6).filter((name) => cjs[name] === undefined),
      subpathDiffs,
      patterns: Object.keys(exportsMap).length
    }))
  `)
  symlinkSync(join(root, 'node_modules', 'jose6'), join(dir, 'node_modules', 'jose6'), 'dir')
  const result = JSON.parse(run(process.execPath, [join(dir, 'probe.mjs')], { cwd: dir }))
  assert.deepStrictEqual(result.differ, [], 'every CommonJS export is an ESM named export')
  assert.deepStrictEqual(result.missing, [], 'every export of jose 6 is here')
  assert.deepStrictEqual(result.subpathDiffs, [], 'jose 6\'s subpath modules, with its names')
})

// A project that has this checkout installed as node_modules/jose-native.
function consumer (t) {
  const dir = tempDir(t, 'consumer')
  mkdirSync(join(dir, 'node_modules'))
  symlinkSync(root, join(dir, 'node_modules', 'jose-native'), 'dir')
  writeFileSync(join(dir, 'package.json'), '{ "name": "consumer", "private": true }')
  return dir
}

// The companion's files copied in as node_modules/jose, beside this checkout
// as node_modules/jose-native: what `npm install jose@npm:jose-native-v6` makes.
test('the companion package as `jose` gives jose-native/v6 to require and import', (t) => {
  const dir = consumer(t)
  cpSync(join(root, 'companion', 'v6'), join(dir, 'node_modules', 'jose'), { recursive: true })
  writeFileSync(join(dir, 'probe.mjs'), `
    import { createRequire } from 'module'
    import { jwtVerify as fromSubpath } from 'jose/jwt/verify'
    import * as esm from 'jose'
    import v6default from 'jose'
    import * as v6 from 'jose-native/v6'
    const require = createRequire(import.meta.url)
    console.log(JSON.stringify({
      sameModule: require('jose') === require('jose-native/v6'),
      sameDefault: v6default === require('jose-native/v6'),
      differ: Object.keys(v6).filter((name) => esm[name] !== v6[name]),
      extra: Object.keys(esm).filter((name) => !(name in v6)),
      subpath: fromSubpath === v6.jwtVerify
    }))
  `)
  const result = JSON.parse(run(process.execPath, [join(dir, 'probe.mjs')], { cwd: dir }))
  assert.deepStrictEqual(result, { sameModule: true, sameDefault: true, differ: [], extra: [], subpath: true })
})

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
// a full release build (LTO) takes long on a small machine; reusing one is quick
const packageTimeout = reuse ? 5 * 60 * 1000 : 60 * 60 * 1000

// `npm run package`'s tarballs, made once by the first test that needs them
// and removed after the last.
let packed
after(() => { if (packed) rmSync(packed.out, { recursive: true, force: true }) })

function tarballs (t) {
  if (packed) return packed
  assert.strictEqual(triple(), 'linux-x64-gnu', 'this machine builds the linux-x64-gnu package')
  const out = mkdtempSync(join(tmpdir(), 'jose-native-dist-'))
  packed = {
    out,
    main: join(out, `jose-native-${pkg.version}.tgz`),
    platform: join(out, `jose-native-linux-x64-gnu-${pkg.version}.tgz`),
    companion: join(out, `jose-native-v6-${pkg.version}.tgz`)
  }
  const args = [join(root, 'scripts', 'package.js'), '--out', out, ...(reuse ? ['--binary', reuse] : [])]
  t.diagnostic(reuse ? `packing the existing release build ${reuse}` : 'no release build found: building one')
  run(process.execPath, args, { cwd: root, timeout: 55 * 60 * 1000 })
  for (const tarball of [packed.main, packed.platform, packed.companion]) {
    assert.ok(existsSync(tarball), `${tarball} was made`)
    t.diagnostic(`${tarball.slice(out.length + 1)}: ${statSync(tarball).size} bytes`)
  }
  return packed
}

// An empty project with a fresh npm cache, no registry and no Rust: its
// directory, and the environment to run npm and node in it with.
function offlineProject (t, manifest) {
  const work = tempDir(t, 'offline')
  const project = join(work, 'project')
  const home = join(work, 'home')
  mkdirSync(project)
  mkdirSync(home)
  writeFileSync(join(project, 'package.json'), JSON.stringify(manifest, null, 2))
  const env = {
    PATH: pathWithoutRust(work),
    HOME: home,
    npm_config_cache: join(work, 'npm-cache'),
    npm_config_registry: 'http://127.0.0.1:9/',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false'
  }
  return { project, env }
}

// A tsconfig.json for `files`, type-checked with the installed typings.
function typecheck (project, files) {
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      strict: true,
      noEmit: true,
      module: 'nodenext',
      typeRoots: [join(root, 'node_modules', '@types')],
      types: ['node']
    },
    files
  }))
  run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', project], { cwd: project })
}

test('npm run package tarballs install offline and work without a Rust toolchain', { timeout: packageTimeout }, (t) => {
  const { main, platform } = tarballs(t)
  const platformFiles = run('tar', ['-tzf', platform]).trim().split('\n').sort()
  assert.deepStrictEqual(platformFiles, ['package/README.md', 'package/jose-native.linux-x64-gnu.node', 'package/package.json'])

  const { project, env } = offlineProject(t, { name: 'offline-project', version: '1.0.0', private: true })
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
  typecheck(project, ['consumer.mts'])
})

// The package-lock.json entry npm would write for a tarball fetched from a
// registry, made from the tarball's own package.json, but `resolved` to the
// tarball itself, so that `npm install --offline` takes it from there.
function lockEntry (tarball) {
  const manifest = JSON.parse(run('tar', ['-xOzf', tarball, 'package/package.json']))
  const entry = {
    version: manifest.version,
    resolved: `file:${tarball}`,
    integrity: `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`
  }
  if (manifest.scripts && manifest.scripts.install) entry.hasInstallScript = true
  for (const field of ['license', 'dependencies', 'optionalDependencies', 'engines', 'os', 'cpu', 'libc']) {
    if (manifest[field] !== undefined) entry[field] = manifest[field]
  }
  return entry
}

test('the companion package installed offline as `jose` through an npm alias serves jose 6\'s API', { timeout: packageTimeout }, (t) => {
  const { main, platform, companion } = tarballs(t)
  const companionFiles = run('tar', ['-tzf', companion]).trim().split('\n').sort()
  assert.deepStrictEqual(companionFiles.filter((f) => !f.startsWith('package/sub/')), [
    'package/LICENSE', 'package/README.md', 'package/index.d.mts', 'package/index.d.ts',
    'package/index.js', 'package/index.mjs', 'package/package.json'
  ])
  // jose 6's subpath modules ('jose/jwt/verify', ...), each with its types
  assert.ok(companionFiles.includes('package/sub/jwt/verify.mjs') && companionFiles.includes('package/sub/jwt/verify.d.mts'))

  // What a jose 6 user's project holds after `npm install jose@npm:jose-native-v6`:
  // the alias in package.json, and a lockfile naming the packages behind it
  // (here their tarballs: there is no registry); npm checks the two agree.
  const alias = `npm:jose-native-v6@${pkg.version}`
  const manifest = { name: 'alias-project', version: '1.0.0', private: true, dependencies: { jose: alias } }
  const { project, env } = offlineProject(t, manifest)
  writeFileSync(join(project, 'package-lock.json'), JSON.stringify({
    name: manifest.name,
    version: manifest.version,
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: manifest.name, version: manifest.version, dependencies: manifest.dependencies },
      'node_modules/jose': { name: 'jose-native-v6', ...lockEntry(companion) },
      'node_modules/jose-native': lockEntry(main),
      'node_modules/jose-native-linux-x64-gnu': { ...lockEntry(platform), optional: true }
    }
  }, null, 2))
  run('npm', ['install', '--offline'], { cwd: project, env, timeout: 3 * 60 * 1000 })

  const modules = join(project, 'node_modules')
  assert.deepStrictEqual(JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')).dependencies, { jose: alias })
  assert.strictEqual(JSON.parse(readFileSync(join(modules, 'jose', 'package.json'), 'utf8')).name, 'jose-native-v6')
  assert.strictEqual(JSON.parse(readFileSync(join(modules, 'jose-native', 'package.json'), 'utf8')).version, pkg.version)

  // `require('jose')`: jose-native/v6 itself, on the installed binary
  const cjs = `
    const jose = require('jose')
    const secret = new TextEncoder().encode('a shared secret of at least 32 bytes')
    ;(async () => {
      const token = await new jose.SignJWT({ sub: 'cjs' }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('5m').sign(secret)
      const { payload, protectedHeader } = await jose.jwtVerify(token, secret, { algorithms: ['HS256'] })
      console.log(JSON.stringify({
        sub: payload.sub,
        alg: protectedHeader.alg,
        resolved: require.resolve('jose'),
        same: jose === require('jose-native/v6'),
        addon: Object.keys(require.cache).filter((f) => f.endsWith('.node'))
      }))
    })()
  `
  const fromRequire = JSON.parse(run('node', ['-e', cjs], { cwd: project, env }))
  assert.deepStrictEqual(fromRequire, {
    sub: 'cjs',
    alg: 'HS256',
    resolved: join(modules, 'jose', 'index.js'),
    same: true,
    addon: [join(modules, 'jose-native-linux-x64-gnu', 'jose-native.linux-x64-gnu.node')]
  })

  // `import { SignJWT, jwtVerify } from 'jose'`: the same objects, every name
  writeFileSync(join(project, 'probe.mjs'), `
    import { createRequire } from 'module'
    import { SignJWT, jwtVerify, errors } from 'jose'
    import * as jose from 'jose'
    import * as v6 from 'jose-native/v6'
    const secret = new TextEncoder().encode('a shared secret of at least 32 bytes')
    const token = await new SignJWT({ sub: 'esm' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(60).sign(secret)
    const expired = await jwtVerify(token, secret).catch((err) => err)
    const { payload } = await jwtVerify(token, secret, { currentDate: new Date(0) })
    console.log(JSON.stringify({
      sub: payload.sub,
      expired: expired instanceof errors.JWTExpired && expired.code,
      differ: Object.keys(v6).filter((name) => jose[name] !== v6[name]),
      extra: Object.keys(jose).filter((name) => !(name in v6)),
      sameAsRequire: SignJWT === createRequire(import.meta.url)('jose').SignJWT
    }))
  `)
  const fromImport = JSON.parse(run('node', [join(project, 'probe.mjs')], { cwd: project, env }))
  assert.deepStrictEqual(fromImport, { sub: 'esm', expired: 'ERR_JWT_EXPIRED', differ: [], extra: [], sameAsRequire: true })

  // TypeScript: 'jose' resolves to jose-native's v6 typings, for import and require
  writeFileSync(join(project, 'consumer.mts'), [
    "import { SignJWT, jwtVerify, errors, type JWTPayload } from 'jose'",
    "const secret: Uint8Array = new TextEncoder().encode('a shared secret of at least 32 bytes')",
    "export const token: Promise<string> = new SignJWT({ sub: 'ts' }).setProtectedHeader({ alg: 'HS256' }).sign(secret)",
    'export async function subject (jwt: string): Promise<JWTPayload[\'sub\']> {',
    "  const { payload } = await jwtVerify<{ scope: string }>(jwt, secret, { algorithms: ['HS256'] })",
    '  const scope: string = payload.scope',
    '  return scope ? payload.sub : undefined',
    '}',
    'export const expired = (err: unknown): boolean => err instanceof errors.JWTExpired && err.code === \'ERR_JWT_EXPIRED\'',
    '// @ts-expect-error: the typings are jose 6\'s, not `any`',
    'export const wrong = new SignJWT(\'not a claims set\')',
    ''
  ].join('\n'))
  writeFileSync(join(project, 'consumer.cts'), [
    "import jose = require('jose')",
    'export const check = (jwt: string, secret: Uint8Array): Promise<jose.JWTVerifyResult> => jose.jwtVerify(jwt, secret)',
    ''
  ].join('\n'))
  typecheck(project, ['consumer.mts', 'consumer.cts'])
})
