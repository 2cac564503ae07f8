'use strict'

// jose 6's subpath modules ('jose/jwt/verify', 'jose/errors', ...) for
// jose-native/v6 (v6/sub/) and the companion package (companion/v6/sub/):
// each re-exports the names jose 6's module of that path exports. The list
// is read from the jose6 devDependency, so it follows jose 6.
//
//   node scripts/v6-subpaths.js          write the files
//   node scripts/v6-subpaths.js --check  fail if they are not up to date

const fs = require('fs')
const path = require('path')

const ROOT = path.join(__dirname, '..')
const JOSE6 = path.join(ROOT, 'node_modules', 'jose6')

/** jose 6's subpaths and the module each one serves. */
function subpaths () {
  const { exports } = require(path.join(JOSE6, 'package.json'))
  const found = []
  for (const [subpath, target] of Object.entries(exports)) {
    if (subpath === '.' || subpath === './package.json') continue
    const file = target.default
    if (!subpath.includes('*')) {
      found.push([subpath.slice(2), path.join(JOSE6, file)])
      continue
    }
    // a pattern: every module in the folder it names
    const [prefix] = subpath.slice(2).split('*')
    const [dir] = file.split('*')
    const base = path.join(JOSE6, dir)
    const walk = (folder, rel) => {
      for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
        const next = path.join(folder, entry.name)
        if (entry.isDirectory()) walk(next, `${rel}${entry.name}/`)
        else if (entry.name.endsWith('.js')) found.push([`${prefix}${rel}${entry.name.slice(0, -3)}`, next])
      }
    }
    walk(base, '')
  }
  return found.sort(([a], [b]) => a.localeCompare(b))
}

/** The names a module of jose 6 exports. */
async function namesOf (file) {
  return Object.keys(await import(file)).sort()
}

/**
 * A module re-exporting `names` from the v6 entry `from`: top-level names
 * directly; jose 6's `errors` and `base64url` modules are namespaces of
 * the entry.
 * @param {string[]} names
 * @param {string} from
 * @param {Set<string>} topLevel
 * @param {boolean} types
 */
function reexport (names, from, topLevel, types) {
  if (names.every((name) => topLevel.has(name))) return `export { ${names.join(', ')} } from '${from}'\n`
  const namespace = names.includes('JOSEError') ? 'errors' : 'base64url'
  if (types) {
    return `import { ${namespace} } from '${from}'\n` + names.map((name) => `export import ${name} = ${namespace}.${name}\n`).join('')
  }
  return `import { ${namespace} } from '${from}'\nexport const { ${names.join(', ')} } = ${namespace}\n`
}

async function files () {
  const out = new Map()
  const topLevel = new Set(Object.keys(require(path.join(ROOT, 'lib', 'v6'))))
  for (const [subpath, file] of subpaths()) {
    const names = await namesOf(file)
    const depth = subpath.split('/').length
    const up = '../'.repeat(depth)
    const note = `// jose 6's '${'jose'}/${subpath}', from jose-native/v6 (scripts/v6-subpaths.js writes this file)\n`
    out.set(`v6/sub/${subpath}.mjs`, note + reexport(names, `${up}index.mjs`, topLevel, false))
    out.set(`v6/sub/${subpath}.d.mts`, note + reexport(names, `${up}index.mjs`, topLevel, true))
    const all = `${note}export { ${names.join(', ')} } from 'jose-native/v6/${subpath}'\n`
    out.set(`companion/v6/sub/${subpath}.mjs`, all)
    out.set(`companion/v6/sub/${subpath}.d.mts`, all)
  }
  return out
}

async function main () {
  const check = process.argv.includes('--check')
  const stale = []
  for (const [rel, text] of await files()) {
    const target = path.join(ROOT, rel)
    const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined
    if (current === text) continue
    if (check) {
      stale.push(rel)
      continue
    }
    fs.mkdirSync(path.dirname(target), { recursive: true })
    fs.writeFileSync(target, text)
  }
  if (stale.length) {
    console.error(`v6-subpaths: not up to date (run node scripts/v6-subpaths.js): ${stale.join(', ')}`)
    process.exitCode = 1
  }
}

main()
