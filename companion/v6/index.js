'use strict'

// `require('jose-native-v6')`, or `require('jose')` when installed as
// `jose@npm:jose-native-v6`: the module `require('jose-native/v6')` gives.
module.exports = require('jose-native/v6')
