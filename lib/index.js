'use strict'

module.exports = {
  JWK: require('./jwk'),
  JWKS: require('./jwks'),
  JWS: require('./jws'),
  JWE: require('./jwe'),
  JWT: require('./jwt'),
  errors: require('./errors')
}
