'use strict'

const { Key, RSAKey, ECKey, OKPKey, OctKey } = require('./key')
const { asKey } = require('./import')
const { generate, generateSync } = require('./generate')
const { None, EmbeddedJWK, EmbeddedX5C } = require('./special')
const { CustomKey } = require('./custom')

module.exports = {
  generate,
  generateSync,
  asKey,
  isKey: (input) => input instanceof Key,
  None,
  EmbeddedJWK,
  EmbeddedX5C,
  Key,
  RSAKey,
  ECKey,
  OKPKey,
  OctKey,
  CustomKey
}
