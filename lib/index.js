'use strict'

module.exports = {
  JWK: require('./jwk'),
  JWKS: require('./jwks'),
  JWS: require('./jws'),
  JWT: require('./jwt'),
  errors: require('./errors')
}
