// ESM consumers under `module: nodenext`: 'jose-native' resolves through the
// package's own exports map (the `import` condition, index.d.mts), as it does
// for an installed copy. Type-checked only (tsconfig.node.json).

import jose, { JWK, JWKS, JWS, JWE, JWT, errors } from 'jose-native'
import * as star from 'jose-native'
import legacy, { JWK as LegacyJWK } from 'jose-native/P-256K'

type Equals<A, B> = (<V>() => V extends A ? 1 : 2) extends (<V>() => V extends B ? 1 : 2) ? true : false
declare function exact<Expected> (): <Actual>(actual: Actual, ...mismatch: Equals<Actual, Expected> extends true ? [] : [never]) => void

const key = JWK.generateSync('EC', 'P-256')
exact<JWK.ECKey>()(key)
exact<string>()(JWT.sign({ sub: 'x' }, key))
exact<Promise<string>>()(JWS.signAsync('x', key))
exact<Promise<Buffer>>()(JWE.decryptAsync('x', key))
exact<typeof JWT>()(jose.JWT)
exact<typeof JWKS.KeyStore>()(star.JWKS.KeyStore)
exact<typeof errors.JOSEError>()(jose.errors.JOSEError)
exact<JWK.OKPKey>()(LegacyJWK.generateSync('OKP'))
exact<typeof JWK>()(legacy.JWK)

// @ts-expect-error there is no such export
import { JWA } from 'jose-native'

export { JWA }
