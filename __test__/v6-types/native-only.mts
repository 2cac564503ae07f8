// What jose-native/v6 has beyond jose 6, so tsconfig.json checks it and
// tsconfig.jose6.json does not: the ESM entry's default export (the whole
// CommonJS module, as for the root entry), and the separation from the root
// entry, which is jose 1.x's API.

import v6, { SignJWT, errors, jwtVerify, type KeyInput } from 'jose-native/v6'
import * as star from 'jose-native/v6'
import legacy from 'jose-native'
import { exact } from './expect.mjs'

exact<typeof SignJWT>()(v6.SignJWT)
exact<typeof jwtVerify>()(star.jwtVerify)
exact<typeof errors.JOSEError>()(v6.errors.JOSEError)
exact<typeof v6>()(star.default)

// the two entry points do not mix
// @ts-expect-error jose 1.x's JWK namespace is not part of jose-native/v6
console.log(v6.JWK)
// @ts-expect-error jose 6's SignJWT is not part of the root entry
console.log(legacy.SignJWT)

// (jose 6's KeyObject type is structural, `{ type: string }`, so a jose 1.x
// key object passes for a key input as far as the types go)
const key: KeyInput = legacy.JWK.generateSync('oct')

export { key }
