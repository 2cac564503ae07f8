'use strict'

// `require('jose-native/P-256K')`: the library with secp256k1 named by its
// legacy JWK curve name `P-256K` (as `require('jose/P-256K')` did).
require('./lib/jwk/curves').legacy = true
module.exports = require('./lib')
