'use strict'

// Finds and loads the compiled addon, `jose-native.<triple>.node`
// (lib/binding.js calls loadAddon once and exports what it returns).
//
// Order:
// 1. a source checkout (Cargo.toml in the package root) uses the binary built
//    there by `npm run build`, so developers test what they just compiled even
//    when a published platform package is installed too;
// 2. otherwise the platform package npm installed from optionalDependencies
//    (`jose-native-<triple>`, picked by its os/cpu/libc fields);
// 3. otherwise a binary someone built or copied into the package root;
// 4. otherwise an error that names the triple and what to install.

const { join } = require('path')
const { existsSync, readFileSync } = require('fs')

// The triples jose-native publishes a platform package for.
const PUBLISHED = ['linux-x64-gnu', 'linux-x64-musl', 'linux-arm64-gnu', 'darwin-x64', 'darwin-arm64', 'win32-x64-msvc']

function isMusl () {
  // glibc's version is in the process report header; musl has none
  /** @type {{ header?: { glibcVersionRuntime?: string } } | null} */
  const report = typeof process.report?.getReport === 'function' ? process.report.getReport() : null
  if (report && report.header) return !report.header.glibcVersionRuntime
  try {
    return readFileSync('/usr/bin/ldd', 'utf8').includes('musl')
  } catch {
    return false
  }
}

// napi-rs's platform name: linux-x64-gnu, darwin-arm64, win32-x64-msvc, ...
function triple ({ platform = process.platform, arch = process.arch, musl = isMusl } = {}) {
  if (platform === 'linux') return `linux-${arch}-${musl() ? 'musl' : 'gnu'}`
  if (platform === 'win32') return `win32-${arch}-msvc`
  return `${platform}-${arch}`
}

const isMissing = (err, id) => err && err.code === 'MODULE_NOT_FOUND' && String(err.message).includes(id)

// `load` and `exists` are injectable so the order can be tested without
// installing packages; by default they are require and fs.existsSync.
function loadAddon ({ root = join(__dirname, '..'), target = triple(), load = require, exists = existsSync } = {}) {
  const local = join(root, `jose-native.${target}.node`)
  if (exists(join(root, 'Cargo.toml')) && exists(local)) {
    return load(local)
  }

  const platformPackage = `jose-native-${target}`
  let failure
  try {
    return load(platformPackage)
  } catch (err) {
    // a package that is there but does not load (wrong libc, truncated file)
    // is worth reporting; one that is simply absent is the normal fallback
    if (!isMissing(err, platformPackage)) failure = err
  }

  if (exists(local)) return load(local)

  const supported = PUBLISHED.includes(target)
    ? `install its optional dependency ${platformPackage} (npm skips it with --omit=optional or --no-optional)`
    : `no prebuilt binary is published for ${target} (only ${PUBLISHED.join(', ')})`
  const message = failure
    ? `jose-native: ${platformPackage} is installed but could not be loaded: ${failure.message}`
    : `jose-native: no native binary for ${target}: ${supported}, or build it from a source checkout with \`npm run build\` (needs Rust)`
  throw Object.assign(new Error(message), failure ? { cause: failure } : {})
}

module.exports = { loadAddon, triple, isMusl, PUBLISHED }
