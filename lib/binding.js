'use strict'

// Finds the compiled addon: a locally built `jose-native.<triple>.node` in the
// package root (a source checkout), else the installed platform package.

const { join } = require('path')
const { existsSync, readFileSync } = require('fs')

function isMusl () {
  if (process.platform !== 'linux') return false
  const report = typeof process.report?.getReport === 'function' ? process.report.getReport() : null
  if (report && report.header) return !report.header.glibcVersionRuntime
  try {
    return readFileSync('/usr/bin/ldd', 'utf8').includes('musl')
  } catch {
    return false
  }
}

function triple () {
  const { platform, arch } = process
  if (platform === 'linux') return `linux-${arch}-${isMusl() ? 'musl' : 'gnu'}`
  if (platform === 'win32') return `win32-${arch}-msvc`
  return `${platform}-${arch}`
}

function load () {
  const target = triple()
  const local = join(__dirname, '..', `jose-native.${target}.node`)
  if (existsSync(local)) return require(local)
  try {
    return require(`jose-native-${target}`)
  } catch (err) {
    const hint = `jose-native has no binary for ${target}: install the optional dependency ` +
      `jose-native-${target}, or build from source with \`npm run build\` (needs Rust).`
    throw Object.assign(new Error(hint), { cause: err })
  }
}

module.exports = load()
