'use strict'

// The compiled addon for this platform; lib/platform.js says where it is
// looked for and in which order.
module.exports = require('./platform').loadAddon()
