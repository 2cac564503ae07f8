'use strict'

// jose-native: a drop-in replacement for jose 1.x, with the work done in Rust.
module.exports = require('./lib')
