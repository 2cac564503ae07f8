'use strict'

module.exports = {
  JWK: require('./jwk'),
  JWKS: require('./jwks'),
  JWS: require('./jws'),
  JWE: require('./jwe'),
  errors: require('./errors')
}
