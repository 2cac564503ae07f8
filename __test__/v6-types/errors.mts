// Error handling as jose 6 users write it: `instanceof` checks on the
// `errors` namespace, narrowing AnyJOSEError by `code`, the claim failure
// details, static codes, constructing and subclassing errors.

import { jwtVerify, errors, type CryptoKey, type JWTPayload } from 'jose-native/v6'
import { exact } from './expect.mjs'

declare const token: string
declare const key: CryptoKey

try {
  await jwtVerify(token, key, { issuer: 'urn:example:issuer' })
} catch (err) {
  if (err instanceof errors.JWTExpired) {
    exact<string>()(err.claim)
    exact<errors.JWTClaimValidationReason>()(err.reason)
    exact<JWTPayload>()(err.payload)
    exact<number | undefined>()(err.payload.exp)
    exact<errors.JWTClaimValidationFailure>()(err.cause)
    console.log(err.message, err.stack, err.name)
  } else if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'iss' && err.reason === 'check_failed') {
      console.log(err.payload.iss)
    }
  } else if (err instanceof errors.JOSEError) {
    exact<errors.JOSEErrorCode | (string & {})>()(err.code)
    if (err.code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') {
      console.log('bad signature')
    }
  } else {
    throw err
  }
}

// the codes as a discriminated union
function status (err: errors.AnyJOSEError): number {
  switch (err.code) {
    case 'ERR_JWT_EXPIRED':
      exact<errors.JWTExpired & { code: 'ERR_JWT_EXPIRED' }>()(err)
      return 401
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      console.log(err.claim, err.reason)
      return 401
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      exact<AsyncIterableIterator<CryptoKey>>()(err[Symbol.asyncIterator]())
      return 401
    case 'ERR_JWKS_TIMEOUT':
    case 'ERR_JWKS_NO_MATCHING_KEY':
    case 'ERR_JWKS_INVALID':
      return 503
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
    case 'ERR_JOSE_NOT_SUPPORTED':
    case 'ERR_JWE_DECRYPTION_FAILED':
    case 'ERR_JWE_INVALID':
    case 'ERR_JWK_INVALID':
    case 'ERR_JWS_INVALID':
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
    case 'ERR_JWT_INVALID':
      return 400
  }
}

function handle (err: unknown): number {
  if (err instanceof errors.JOSEError) {
    return status(err as errors.AnyJOSEError)
  }
  return 500
}
handle(new Error('x'))

function isClaimError (err: unknown): err is errors.JWTClaimValidationError {
  return err instanceof errors.JWTClaimValidationFailed || err instanceof errors.JWTExpired
}
declare const caught: unknown
if (isClaimError(caught)) {
  exact<string>()(caught.claim)
}

// static codes
const codes: string[] = [
  errors.JOSEError.code,
  errors.JOSEAlgNotAllowed.code,
  errors.JOSENotSupported.code,
  errors.JWEDecryptionFailed.code,
  errors.JWEInvalid.code,
  errors.JWKInvalid.code,
  errors.JWKSInvalid.code,
  errors.JWKSMultipleMatchingKeys.code,
  errors.JWKSNoMatchingKey.code,
  errors.JWKSTimeout.code,
  errors.JWSInvalid.code,
  errors.JWSSignatureVerificationFailed.code,
  errors.JWTClaimValidationFailed.code,
  errors.JWTExpired.code,
  errors.JWTInvalid.code
]
declare const thrown: errors.JOSEError
if (thrown.code === errors.JWTExpired.code) {
  console.log(codes)
}

// constructing and subclassing
const failed = new errors.JWTClaimValidationFailed('unexpected "aud" claim value', { aud: 'x' }, 'aud', 'check_failed')
const expired = new errors.JWTExpired('"exp" claim timestamp check failed', { exp: 0 })
const generic = new errors.JOSEError('something', { cause: failed })
const timeout = new errors.JWKSTimeout()
const noKey = new errors.JWKSNoMatchingKey('no key', { cause: expired })
const invalid = new errors.JWSInvalid('Invalid Compact JWS')
const all: errors.JOSEError[] = [failed, expired, generic, timeout, noKey, invalid, new errors.JWKSMultipleMatchingKeys()]
const asError: Error = generic
console.log(all, asError)

class ReplayDetected extends errors.JOSEError {
  static override code = 'ERR_REPLAY_DETECTED'
  override code = 'ERR_REPLAY_DETECTED'
}
exact<string>()(new ReplayDetected('jti seen before').code)

// --- misuse both typings reject ---

// @ts-expect-error only the claim errors have a claim
console.log(invalid.claim)
// @ts-expect-error the claim errors take the payload
new errors.JWTExpired('expired')
// @ts-expect-error a JOSEError's code is any string until checked, so it is no AnyJOSEError
status(invalid)
