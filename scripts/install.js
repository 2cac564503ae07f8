'use strict'

// `npm install` hook. In a source checkout (Cargo.toml beside package.json)
// it builds the addon from source in release mode; an installed package,
// which ships prebuilt platform binaries instead, has nothing to do here.

const { existsSync } = require('fs')
const { join } = require('path')
const { spawnSync } = require('child_process')

const root = join(__dirname, '..')

if (!existsSync(join(root, 'Cargo.toml'))) {
  process.exit(0)
}

const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' })
if (result.status !== 0) {
  console.error('jose-native: building the native addon failed (a Rust toolchain is needed in a source checkout)')
  process.exit(result.status || 1)
}
