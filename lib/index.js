'use strict'

module.exports = {
  JWK: require('./jwk'),
  JWKS: require('./jwks'),
  errors: require('./errors')
}
