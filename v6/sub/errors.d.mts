// jose 6's 'jose/errors', from jose-native/v6 (scripts/v6-subpaths.js writes this file)
import { errors } from '../index.mjs'
export import JOSEAlgNotAllowed = errors.JOSEAlgNotAllowed
export import JOSEError = errors.JOSEError
export import JOSENotSupported = errors.JOSENotSupported
export import JWEDecryptionFailed = errors.JWEDecryptionFailed
export import JWEInvalid = errors.JWEInvalid
export import JWKInvalid = errors.JWKInvalid
export import JWKSInvalid = errors.JWKSInvalid
export import JWKSMultipleMatchingKeys = errors.JWKSMultipleMatchingKeys
export import JWKSNoMatchingKey = errors.JWKSNoMatchingKey
export import JWKSTimeout = errors.JWKSTimeout
export import JWSInvalid = errors.JWSInvalid
export import JWSSignatureVerificationFailed = errors.JWSSignatureVerificationFailed
export import JWTClaimValidationFailed = errors.JWTClaimValidationFailed
export import JWTExpired = errors.JWTExpired
export import JWTInvalid = errors.JWTInvalid
