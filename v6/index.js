'use strict'

// `require('jose-native/v6')`: jose 6.2's API (SignJWT, jwtVerify,
// createRemoteJWKSet, ...) on the native core.
module.exports = require('../lib/v6')
