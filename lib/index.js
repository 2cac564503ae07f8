'use strict'

module.exports = {
  JWK: require('./jwk'),
  JWKS: require('./jwks'),
  JWS: require('./jws'),
  errors: require('./errors')
}
