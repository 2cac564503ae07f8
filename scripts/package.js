'use strict'

// `npm run package`: the tarballs this machine can make, in dist/:
//   jose-native-<version>.tgz                  the main package (JS, typings)
//   jose-native-linux-x64-gnu-<version>.tgz    its linux-x64-gnu binary
//   jose-native-v6-<version>.tgz               the companion package (companion/v6/),
//                                              jose-native/v6 under a name of its own
//                                              for `npm install jose@npm:jose-native-v6`
// The binary is a release build of this checkout. The other five platform
// packages are built on their own runners by .github/workflows/release.yml.
//
// Options:
//   --binary <file>  pack this release build (e.g. jose-native.linux-x64-gnu.node)
//                    instead of running the build; tests use it to reuse one
//   --out <dir>      write the tarballs there instead of dist/

const { spawnSync } = require('child_process')
const { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } = require('fs')
const { join, resolve } = require('path')
const { tmpdir } = require('os')

const { triple } = require('../lib/platform')

const root = join(__dirname, '..')
const TARGET = 'linux-x64-gnu'

function option (name) {
  const at = process.argv.indexOf(name)
  if (at === -1) return undefined
  const value = process.argv[at + 1]
  if (value === undefined || value.startsWith('--')) fail(`${name} needs a value`)
  return value
}

function fail (message) {
  console.error(`package: ${message}`)
  process.exit(1)
}

function run (command, args, cwd) {
  const result = spawnSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', shell: process.platform === 'win32' })
  if (result.status !== 0) fail(`${command} ${args.join(' ')} failed (exit ${result.status})`)
  return result.stdout
}

// Packs `dir` into `out` and returns the tarball's path.
function pack (dir, out) {
  const [info] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', out], dir))
  return join(out, info.filename)
}

// A release build of this checkout, written outside the package root so a
// debug build there is left alone.
function releaseBuild (scratch) {
  run('npx', ['napi', 'build', '--platform', '--release', '--no-js',
    '--output-dir', scratch, '--dts', 'napi-generated.d.ts'], root)
  return join(scratch, `jose-native.${TARGET}.node`)
}

// The companion package must be the main package's version and depend on
// exactly that version of it.
function checkCompanion (dir) {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
  const companion = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
  if (companion.version !== version) fail(`${companion.name} is at ${companion.version}, jose-native at ${version}`)
  const dependency = companion.dependencies && companion.dependencies['jose-native']
  if (dependency !== version) fail(`${companion.name} depends on jose-native ${dependency}, not ${version}`)
}

function main () {
  if (triple() !== TARGET) fail(`this script builds the ${TARGET} package; this machine is ${triple()}`)
  checkCompanion(join(root, 'companion', 'v6'))

  const out = resolve(option('--out') || join(root, 'dist'))
  const scratch = mkdtempSync(join(tmpdir(), 'jose-native-package-'))
  try {
    const given = option('--binary')
    const binary = given ? resolve(given) : releaseBuild(scratch)
    if (!existsSync(binary)) fail(`no binary at ${binary}`)

    // The platform package is staged, not packed in place, so a stray binary
    // never lingers in npm/<triple>/ to be published by mistake later.
    const stage = join(scratch, TARGET)
    mkdirSync(stage)
    for (const file of ['package.json', 'README.md']) {
      copyFileSync(join(root, 'npm', TARGET, file), join(stage, file))
    }
    const { main: binaryName } = JSON.parse(readFileSync(join(stage, 'package.json'), 'utf8'))
    copyFileSync(binary, join(stage, binaryName))

    // The companion is staged too, to ship the main package's LICENSE.
    const companion = join(scratch, 'companion-v6')
    mkdirSync(companion)
    cpSync(join(root, 'companion', 'v6'), companion, { recursive: true })
    copyFileSync(join(root, 'LICENSE'), join(companion, 'LICENSE'))

    mkdirSync(out, { recursive: true })
    const tarballs = [pack(root, out), pack(stage, out), pack(companion, out)]
    for (const tarball of tarballs) {
      console.log(`${tarball}\t${statSync(tarball).size} bytes`)
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

main()
