'use strict'

// .github/workflows/release.yml: valid YAML, and consistent with package.json
// and npm/: one build per published target on a runner of that platform, an
// artifact per binary, and a publish job that ships every platform package
// before the main one with the NPM_TOKEN secret.

const { test } = require('node:test')
const assert = require('assert')
const { readFileSync, readdirSync } = require('fs')
const { join } = require('path')
const YAML = require('yaml')

const root = join(__dirname, '..')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const text = readFileSync(join(root, '.github', 'workflows', 'release.yml'), 'utf8')

// Where each platform must be built: its runner, and for musl the container.
const EXPECTED = {
  'linux-x64-gnu': { target: 'x86_64-unknown-linux-gnu', host: /^ubuntu-/ },
  'linux-arm64-gnu': { target: 'aarch64-unknown-linux-gnu', host: /^ubuntu-/ },
  'linux-x64-musl': { target: 'x86_64-unknown-linux-musl', host: /^ubuntu-/, container: /alpine/ },
  'darwin-x64': { target: 'x86_64-apple-darwin', host: /^macos-13$/ },
  'darwin-arm64': { target: 'aarch64-apple-darwin', host: /^macos-14$/ },
  'win32-x64-msvc': { target: 'x86_64-pc-windows-msvc', host: /^windows-/ }
}

function parse () {
  const doc = YAML.parseDocument(text, { prettyErrors: true })
  assert.deepStrictEqual(doc.errors.map(String), [], 'release.yml is not valid YAML')
  return doc.toJS()
}

const workflow = parse()
const matrix = workflow.jobs.build.strategy.matrix.settings
const stepText = (job) => job.steps.map((step) => `${step.uses || ''} ${step.run || ''}`).join('\n')

test('release.yml parses as a workflow with build and publish jobs', () => {
  assert.strictEqual(typeof workflow, 'object')
  assert.ok(workflow.on.push.tags.includes('v*'), 'publishes from version tags')
  assert.ok(workflow.jobs.build, 'has a build job')
  assert.ok(workflow.jobs.publish, 'has a publish job')
  assert.ok(Array.isArray(matrix), 'the build job has a matrix of settings')
})

test('the build matrix covers exactly the six targets of package.json', () => {
  const targets = matrix.map((entry) => entry.target).sort()
  assert.deepStrictEqual(targets, [...pkg.napi.targets].sort())
  assert.deepStrictEqual(matrix.map((entry) => entry.platform).sort(), Object.keys(EXPECTED).sort())
})

test('each target builds on a runner of its own platform', () => {
  for (const entry of matrix) {
    const expected = EXPECTED[entry.platform]
    assert.ok(expected, `unexpected platform ${entry.platform}`)
    assert.strictEqual(entry.target, expected.target, entry.platform)
    assert.match(entry.host, expected.host, `${entry.platform} runs on ${entry.host}`)
    if (expected.container) {
      assert.match(entry.container || '', expected.container, `${entry.platform} builds in a musl container`)
    } else {
      assert.strictEqual(entry.container, undefined, `${entry.platform} builds outside a container`)
    }
    assert.ok(entry.build.includes(`--target ${entry.target}`), `${entry.platform} builds its own target`)
    // `npm run build` writes the generated declarations to target/, never
    // over the hand-written index.d.ts
    assert.match(entry.build, /^(?:\S+=\S+ )*npm run build -- /, `${entry.platform} builds through npm run build`)
  }
  assert.strictEqual(workflow.jobs.build.strategy['fail-fast'], false, 'one failing platform does not cancel the others')
  assert.match(pkg.scripts.build, /--dts target\//)
})

test('every binary is uploaded as an artifact named after its platform', () => {
  const upload = workflow.jobs.build.steps.find((step) => String(step.uses).startsWith('actions/upload-artifact@'))
  assert.ok(upload, 'the build job uploads an artifact')
  // GitHub Actions expressions, not template literals
  /* eslint-disable no-template-curly-in-string */
  assert.strictEqual(upload.with.path, 'jose-native.${{ matrix.settings.platform }}.node')
  assert.strictEqual(upload.with.name, 'bindings-${{ matrix.settings.platform }}')
  /* eslint-enable no-template-curly-in-string */
  assert.strictEqual(upload.with['if-no-files-found'], 'error')
  for (const entry of matrix) {
    // the artifact's file is the `main` of the platform package it goes into
    const npmPkg = JSON.parse(readFileSync(join(root, 'npm', entry.platform, 'package.json'), 'utf8'))
    assert.strictEqual(npmPkg.main, `jose-native.${entry.platform}.node`)
  }
})

test('cross-built binaries are tested on a native runner before publishing', () => {
  for (const entry of matrix.filter((e) => !e.smoke)) {
    const job = workflow.jobs[`test-${entry.platform}`]
    assert.ok(job, `a test job for ${entry.platform}`)
    assert.match(job['runs-on'], /arm/)
    assert.match(stepText(job), /download-artifact[\s\S]*require\('\.\/'\)/)
    assert.ok(workflow.jobs.publish.needs.includes(`test-${entry.platform}`))
  }
})

test('the publish job ships every platform package, then the main one, with NPM_TOKEN', () => {
  const publish = workflow.jobs.publish
  assert.ok(publish.needs.includes('build'))
  assert.match(publish.if, /refs\/tags\/v/)
  const steps = stepText(publish)
  assert.match(steps, /actions\/download-artifact@/)
  assert.match(steps, /napi artifacts/)
  assert.match(steps, /napi version/)

  const platformStep = publish.steps.findIndex((s) => /for dir in npm\/\*\/[\s\S]*npm publish "\$dir"/.test(s.run || ''))
  const mainStep = publish.steps.findIndex((s) => /^npm publish(?! ")/.test(s.run || ''))
  assert.ok(platformStep !== -1, 'publishes each npm/<triple> package')
  assert.ok(mainStep > platformStep, 'publishes jose-native after the platform packages')
  for (const index of [platformStep, mainStep]) {
    // a GitHub Actions expression, not a template literal
    // eslint-disable-next-line no-template-curly-in-string
    assert.strictEqual(publish.steps[index].env.NODE_AUTH_TOKEN, '${{ secrets.NPM_TOKEN }}')
  }
  const setup = publish.steps.find((s) => String(s.uses).startsWith('actions/setup-node@'))
  assert.strictEqual(setup.with['registry-url'], 'https://registry.npmjs.org')
})

test('npm/ holds one platform package per target, versioned with the main package', () => {
  const dirs = readdirSync(join(root, 'npm')).sort()
  assert.deepStrictEqual(dirs, Object.keys(EXPECTED).sort())
  for (const dir of dirs) {
    const npmPkg = JSON.parse(readFileSync(join(root, 'npm', dir, 'package.json'), 'utf8'))
    assert.strictEqual(npmPkg.name, `jose-native-${dir}`)
    assert.strictEqual(npmPkg.version, pkg.version)
    assert.strictEqual(pkg.optionalDependencies[npmPkg.name], pkg.version, `${npmPkg.name} is an optional dependency`)
  }
  assert.strictEqual(Object.keys(pkg.optionalDependencies).length, dirs.length)
})
