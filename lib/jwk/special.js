'use strict'

// JWK.None, JWK.EmbeddedJWK and JWK.EmbeddedX5C: keys with no material that
// opt into the unsecured `none` algorithm or into the key a JWS header embeds.

const { inspect } = require('util')

const { Key, INTERNAL } = require('./key')

class SpecialKey extends Key {
  constructor (type, alg, label) {
    super(INTERNAL, null, { type, params: alg ? { alg } : {} })
    // the attributes jose's own instances have: an enumerable `kid` and a
    // `keyObject` getter, both undefined
    Object.defineProperties(this, {
      kid: { value: undefined, enumerable: true, configurable: true },
      kty: { value: undefined },
      thumbprint: { value: undefined, configurable: true },
      toJWK: { value: undefined },
      toPEM: { value: undefined },
      keyObject: { get: () => undefined },
      [inspect.custom]: { value: () => label }
    })
  }
}

class NoneKey extends SpecialKey {
  algorithms (operation) {
    switch (operation) {
      case 'sign':
      case 'verify':
      case undefined:
        return new Set(['none'])
      default:
        return new Set()
    }
  }
}

class EmbeddedKey extends SpecialKey {
  algorithms () {
    return new Set()
  }
}

module.exports = {
  None: new NoneKey('unsecured', 'none', 'None {}'),
  EmbeddedJWK: new EmbeddedKey('embedded', undefined, 'Embedded.JWK {}'),
  EmbeddedX5C: new EmbeddedKey('embedded', undefined, 'Embedded.X5C {}')
}
