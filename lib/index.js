'use strict'

module.exports = {
  JWK: require('./jwk'),
  JWKS: (({ KeyStore, asKeyStore }) => ({ KeyStore, asKeyStore }))(require('./jwks')),
  JWS: require('./jws'),
  JWE: require('./jwe'),
  JWT: require('./jwt'),
  errors: require('./errors')
}
