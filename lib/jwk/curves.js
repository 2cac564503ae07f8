'use strict'

// The legacy `P-256K` name for secp256k1, switched on by requiring
// `jose-native/P-256K` (as `jose/P-256K` once did). Process-wide, like jose's.

module.exports = { legacy: false }
