'use strict'

// JWT.verify with a JWKS.KeyStore: the built-in all() (the one-call native
// path), a store whose all() is the application's own (asked through it,
// as jose asks it), and one key for scale, against jose 1.28.2.
//
//   node bench/keystore.js [--against <checkout>] [--quick]
//
// `--against` also times another jose-native checkout (for before/after
// numbers), in turns with this one.

const { join } = require('path')

const { measureInTurns, WINDOWS } = require('./measure')

const args = process.argv.slice(2)
const quick = args.includes('--quick')
const at = args.indexOf('--against')

const libs = [['jose-native', require('..')], ['jose@1', require('jose')]]
if (at !== -1) libs.push([`jose-native at ${args[at + 1]}`, require(join(process.cwd(), args[at + 1]))])

const ISSUER = 'https://issuer.example'
const OPTIONS = { algorithms: ['HS256', 'RS256', 'ES256'], issuer: ISSUER }

function cases (lib) {
  const { JWK, JWKS, JWT } = lib
  const out = {}
  for (const [alg, make] of [
    ['HS256', () => JWK.generateSync('oct', 256, { use: 'sig' })],
    ['ES256', () => JWK.generateSync('EC', 'P-256', { use: 'sig' })],
    ['RS256', () => JWK.generateSync('RSA', 2048, { use: 'sig' })]
  ]) {
    const keys = [make(), make(), make()]
    const token = JWT.sign({ sub: 'user' }, keys[1], { algorithm: alg, issuer: ISSUER, kid: true })
    const store = new JWKS.KeyStore(keys)
    // the application's all(): a store subclass that logs and delegates
    class AppStore extends JWKS.KeyStore {
      all (query) {
        return super.all(query)
      }
    }
    const own = new AppStore(keys)
    out[`${alg} one key`] = () => JWT.verify(token, keys[1], OPTIONS)
    out[`${alg} KeyStore`] = () => JWT.verify(token, store, OPTIONS)
    out[`${alg} KeyStore, own all()`] = () => JWT.verify(token, own, OPTIONS)
  }
  return out
}

async function main () {
  const prepared = libs.map(([name, lib]) => [name, cases(lib)])
  const names = Object.keys(prepared[0][1])
  const rows = []
  for (const name of names) {
    const fns = prepared.map(([lib, list]) => [lib, list[name]])
    for (const [lib, fn] of fns) {
      try {
        fn()
      } catch (err) {
        // jose 1.28.2 and older jose-native checkouts may fail a case
        fns.splice(fns.findIndex(([l]) => l === lib), 1, [lib, null])
        console.error(`${lib} ${name}: ${err.constructor.name}`)
      }
    }
    const timed = fns.filter(([, fn]) => fn)
    const rates = await measureInTurns(timed.map(([, fn]) => ({ fn })), quick ? WINDOWS.quick : WINDOWS.normal)
    const byLib = new Map(timed.map(([lib], i) => [lib, rates[i]]))
    rows.push([name, fns.map(([lib]) => byLib.get(lib))])
  }
  console.log(`| case | ${libs.map(([name]) => name).join(' | ')} |`)
  console.log(`| --- |${libs.map(() => ' ---: |').join('')}`)
  for (const [name, rates] of rows) {
    console.log(`| ${name} | ${rates.map((r) => r === undefined ? 'fails' : Math.round(r).toLocaleString('en-US')).join(' | ')} |`)
  }
}

main()
