// `jose-native/P-256K` is the same API; only secp256k1's JWK `crv` reads 'P-256K'.
export * from './index'
