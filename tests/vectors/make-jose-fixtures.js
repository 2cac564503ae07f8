const { JWK, JWS } = require('jose')
const msg = 'jose-native fixture message \u00e9'
const out = { message: msg, keys: {}, signatures: [], jws: {} }
const gen = (name, ...args) => { const k = JWK.generateSync(...args); out.keys[name] = k.toJWK(true); return k }
const rsa512 = gen('rsa512', 'RSA', 512)
const rsa1024 = gen('rsa1024', 'RSA', 1024)
const p256 = gen('p256', 'EC', 'P-256')
const p384 = gen('p384', 'EC', 'P-384')
const k1 = gen('secp256k1', 'EC', 'secp256k1')
// Above aws-lc-rs's 8192-bit limit (made once with `openssl genrsa 9216`,
// since jose's generateSync takes minutes for it).
const rsa9216 = JWK.asKey(require('fs').readFileSync(process.env.RSA9216_PEM || '/tmp/rsa9216.pem'))
out.keys.rsa9216 = rsa9216.toJWK(true)
const ed = gen('ed25519', 'OKP', 'Ed25519')
const ed448 = gen('ed448', 'OKP', 'Ed448')
const sig = (key, keyName, alg) => {
  const s = JWS.sign.flattened(msg, key, { alg })
  out.signatures.push({ key: keyName, alg, input: `${s.protected}.${s.payload}`, signature: s.signature })
}
sig(rsa512, 'rsa512', 'RS256')
sig(rsa1024, 'rsa1024', 'RS256')
sig(rsa1024, 'rsa1024', 'RS384')
sig(rsa1024, 'rsa1024', 'RS512')
sig(rsa1024, 'rsa1024', 'PS256')
sig(rsa1024, 'rsa1024', 'PS384')
sig(rsa9216, 'rsa9216', 'RS512')
sig(rsa9216, 'rsa9216', 'PS512')
sig(p256, 'p256', 'ES256')
sig(p384, 'p384', 'ES384')
sig(k1, 'secp256k1', 'ES256K')
sig(ed, 'ed25519', 'EdDSA')
sig(ed448, 'ed448', 'EdDSA')
// JWS shapes produced by jose for the same HMAC key (deterministic)
const oct = JWK.asKey({ kty: 'oct', k: 'hJtXIZ2uSN5kbQfbtTNWbpdmhkV8FJG-Onbc6mxCcYg' })
out.jws.alg_appended = new JWS.Sign('x').recipient(oct, { b64: false, crit: ['b64'] }).sign('flattened')
out.jws.empty_protected = new JWS.Sign('x').recipient(oct, undefined, { alg: 'HS256' }).sign('flattened')
out.jws.general = new JWS.Sign({ sub: 'John Doe' }).recipient(oct, { alg: 'HS256' }, { foo: 'bar' }).recipient(oct, { alg: 'HS512' }, { foo: 'baz' }).sign('general')
out.jws.compact_empty_protected = (() => { try { return new JWS.Sign('x').recipient(oct, {}, undefined).sign('compact') } catch (e) { return e.message } })()
console.log(JSON.stringify(out, null, 1))
