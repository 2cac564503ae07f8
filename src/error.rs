//! One error type for the whole core. Each variant is a jose 1.x error class;
//! the Node layer turns it into an instance of that class with its `code`.

use std::fmt;

/// The error classes of both APIs (jose 1.x's and jose 6's; several are
/// shared by name and code), plus `TypeError` for wrong argument shapes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    TypeError,
    AlgNotWhitelisted,
    CritNotUnderstood,
    InvalidEncoding,
    NotSupported,
    JweDecryptionFailed,
    JweInvalid,
    JwkImportFailed,
    JwkInvalid,
    JwkKeySupport,
    JwksNoMatchingKey,
    JwsInvalid,
    JwsVerificationFailed,
    JwtClaimInvalid,
    JwtExpired,
    JwtMalformed,
    /// Several errors at once (`Error::errors` holds them).
    MultiError,
    // jose 6's own classes (src/v6 throws them):
    AlgNotAllowed,
    JwsSignatureVerificationFailed,
    JwtClaimValidationFailed,
    JwtInvalid,
    JwksInvalid,
    JwksMultipleMatchingKeys,
    JwksTimeout,
    /// WebCrypto's `DOMException` named `DataError`, which jose 6 lets
    /// through for key material WebCrypto refuses.
    DataError,
    /// Node's `RangeError` (code `ERR_OUT_OF_RANGE`), which jose lets
    /// through where Node refuses a size.
    RangeError,
    /// A bug in this library caught before it could abort the process (a
    /// panic); JavaScript sees a plain `Error`, not a jose class.
    Internal,
}

impl Kind {
    /// Every kind, for the table the facade builds its classes' codes from.
    pub const ALL: [Kind; 27] = [
        Kind::TypeError,
        Kind::AlgNotWhitelisted,
        Kind::CritNotUnderstood,
        Kind::InvalidEncoding,
        Kind::NotSupported,
        Kind::JweDecryptionFailed,
        Kind::JweInvalid,
        Kind::JwkImportFailed,
        Kind::JwkInvalid,
        Kind::JwkKeySupport,
        Kind::JwksNoMatchingKey,
        Kind::JwsInvalid,
        Kind::JwsVerificationFailed,
        Kind::JwtClaimInvalid,
        Kind::JwtExpired,
        Kind::JwtMalformed,
        Kind::MultiError,
        Kind::AlgNotAllowed,
        Kind::JwsSignatureVerificationFailed,
        Kind::JwtClaimValidationFailed,
        Kind::JwtInvalid,
        Kind::JwksInvalid,
        Kind::JwksMultipleMatchingKeys,
        Kind::JwksTimeout,
        Kind::DataError,
        Kind::RangeError,
        Kind::Internal,
    ];

    /// Whether jose 1.x has this class (`v1`) and whether jose 6 has it
    /// (`v6`); `TypeError` and the internal `Error` are in neither.
    pub fn apis(self) -> (bool, bool) {
        match self {
            Kind::TypeError | Kind::Internal | Kind::DataError | Kind::RangeError => (false, false),
            Kind::NotSupported
            | Kind::JweDecryptionFailed
            | Kind::JweInvalid
            | Kind::JwkInvalid
            | Kind::JwksNoMatchingKey
            | Kind::JwsInvalid
            | Kind::JwtExpired => (true, true),
            Kind::AlgNotAllowed
            | Kind::JwsSignatureVerificationFailed
            | Kind::JwtClaimValidationFailed
            | Kind::JwtInvalid
            | Kind::JwksInvalid
            | Kind::JwksMultipleMatchingKeys
            | Kind::JwksTimeout => (false, true),
            _ => (true, false),
        }
    }

    /// The message an instance gets when none is given: jose 1.x's
    /// (`v1`) and jose 6's (`v6`), where the class has one. The core's
    /// own errors of these kinds carry it too.
    pub fn default_messages(self) -> (Option<&'static str>, Option<&'static str>) {
        match self {
            Kind::JweDecryptionFailed => (
                Some("decryption operation failed"),
                Some("decryption operation failed"),
            ),
            Kind::JweInvalid => (Some("JWE invalid"), None),
            Kind::JwsInvalid => (Some("JWS invalid"), None),
            Kind::JwksNoMatchingKey => (
                Some("no matching key found in the KeyStore"),
                Some("no applicable key found in the JSON Web Key Set"),
            ),
            Kind::JwsVerificationFailed => (Some("signature verification failed"), None),
            Kind::JwsSignatureVerificationFailed => (None, Some("signature verification failed")),
            Kind::JwksMultipleMatchingKeys => (
                None,
                Some("multiple matching keys found in the JSON Web Key Set"),
            ),
            Kind::JwksTimeout => (None, Some("request timed out")),
            _ => (None, None),
        }
    }

    /// An error of this kind with its default message (jose 1.x's where it
    /// has one, else jose 6's).
    pub fn error(self) -> Error {
        let (v1, v6) = self.default_messages();
        Error::new(self, v1.or(v6).unwrap_or_default())
    }

    /// The jose class name, as `err.name` reads in JavaScript.
    pub fn class_name(self) -> &'static str {
        match self {
            Kind::TypeError => "TypeError",
            Kind::AlgNotWhitelisted => "JOSEAlgNotWhitelisted",
            Kind::CritNotUnderstood => "JOSECritNotUnderstood",
            Kind::InvalidEncoding => "JOSEInvalidEncoding",
            Kind::NotSupported => "JOSENotSupported",
            Kind::JweDecryptionFailed => "JWEDecryptionFailed",
            Kind::JweInvalid => "JWEInvalid",
            Kind::JwkImportFailed => "JWKImportFailed",
            Kind::JwkInvalid => "JWKInvalid",
            Kind::JwkKeySupport => "JWKKeySupport",
            Kind::JwksNoMatchingKey => "JWKSNoMatchingKey",
            Kind::JwsInvalid => "JWSInvalid",
            Kind::JwsVerificationFailed => "JWSVerificationFailed",
            Kind::JwtClaimInvalid => "JWTClaimInvalid",
            Kind::JwtExpired => "JWTExpired",
            Kind::JwtMalformed => "JWTMalformed",
            Kind::MultiError => "JOSEMultiError",
            Kind::AlgNotAllowed => "JOSEAlgNotAllowed",
            Kind::JwsSignatureVerificationFailed => "JWSSignatureVerificationFailed",
            Kind::JwtClaimValidationFailed => "JWTClaimValidationFailed",
            Kind::JwtInvalid => "JWTInvalid",
            Kind::JwksInvalid => "JWKSInvalid",
            Kind::JwksMultipleMatchingKeys => "JWKSMultipleMatchingKeys",
            Kind::JwksTimeout => "JWKSTimeout",
            Kind::DataError => "DataError",
            Kind::RangeError => "RangeError",
            Kind::Internal => "Error",
        }
    }

    /// The `code` jose puts on instances of the class.
    pub fn code(self) -> &'static str {
        match self {
            Kind::TypeError => "ERR_INVALID_ARG_TYPE",
            Kind::AlgNotWhitelisted => "ERR_JOSE_ALG_NOT_WHITELISTED",
            Kind::CritNotUnderstood => "ERR_JOSE_CRIT_NOT_UNDERSTOOD",
            Kind::InvalidEncoding => "ERR_JOSE_INVALID_ENCODING",
            Kind::NotSupported => "ERR_JOSE_NOT_SUPPORTED",
            Kind::JweDecryptionFailed => "ERR_JWE_DECRYPTION_FAILED",
            Kind::JweInvalid => "ERR_JWE_INVALID",
            Kind::JwkImportFailed => "ERR_JWK_IMPORT_FAILED",
            Kind::JwkInvalid => "ERR_JWK_INVALID",
            Kind::JwkKeySupport => "ERR_JWK_KEY_SUPPORT",
            Kind::JwksNoMatchingKey => "ERR_JWKS_NO_MATCHING_KEY",
            Kind::JwsInvalid => "ERR_JWS_INVALID",
            Kind::JwsVerificationFailed => "ERR_JWS_VERIFICATION_FAILED",
            Kind::JwtClaimInvalid => "ERR_JWT_CLAIM_INVALID",
            Kind::JwtExpired => "ERR_JWT_EXPIRED",
            Kind::JwtMalformed => "ERR_JWT_MALFORMED",
            Kind::MultiError => "ERR_JOSE_MULTIPLE_ERRORS",
            Kind::AlgNotAllowed => "ERR_JOSE_ALG_NOT_ALLOWED",
            Kind::JwsSignatureVerificationFailed => "ERR_JWS_SIGNATURE_VERIFICATION_FAILED",
            Kind::JwtClaimValidationFailed => "ERR_JWT_CLAIM_VALIDATION_FAILED",
            Kind::JwtInvalid => "ERR_JWT_INVALID",
            Kind::JwksInvalid => "ERR_JWKS_INVALID",
            Kind::JwksMultipleMatchingKeys => "ERR_JWKS_MULTIPLE_MATCHING_KEYS",
            Kind::JwksTimeout => "ERR_JWKS_TIMEOUT",
            Kind::DataError => "",
            Kind::RangeError => "ERR_OUT_OF_RANGE",
            Kind::Internal => "ERR_JOSE_NATIVE_INTERNAL",
        }
    }
}

/// An error with jose's class and message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub kind: Kind,
    pub message: String,
    /// For `Kind::MultiError` only: each error encountered, flat (a multi
    /// error is never nested in another); empty for every other kind.
    pub errors: Vec<Error>,
    /// The `claim` and `reason` properties of a `JWTClaimInvalid` or
    /// `JWTExpired`; `None` leaves jose's defaults (`'unspecified'`).
    pub claim: Option<ClaimFailure>,
    /// jose 6's claim errors carry the claims set they rejected (as JSON
    /// text, for `err.payload`).
    pub payload: Option<String>,
}

/// Which JWT claim failed and why, as jose names them (`reason` is one of
/// `'missing'`, `'invalid'`, `'check_failed'`, `'prohibited'`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimFailure {
    /// A fixed name, or (jose 6's `requiredClaims`) one the caller gave.
    pub claim: std::borrow::Cow<'static, str>,
    pub reason: &'static str,
}

impl Error {
    pub fn new(kind: Kind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            errors: Vec::new(),
            claim: None,
            payload: None,
        }
    }

    /// A `JWTClaimInvalid` (or, with `Kind::JwtExpired`, a `JWTExpired`)
    /// naming the claim and the reason.
    pub fn claim(
        kind: Kind,
        message: impl Into<String>,
        claim: &'static str,
        reason: &'static str,
    ) -> Self {
        Error {
            claim: Some(ClaimFailure {
                claim: claim.into(),
                reason,
            }),
            ..Error::new(kind, message)
        }
    }

    /// jose's `JOSEMultiError`: several operations failed for reasons of
    /// their own. Nested multi errors are spread into one flat list, as
    /// jose's constructor does.
    pub fn multi(errors: Vec<Error>) -> Self {
        let mut flat = Vec::with_capacity(errors.len());
        for e in errors {
            if e.kind == Kind::MultiError {
                flat.extend(e.errors);
            } else {
                flat.push(e);
            }
        }
        Error {
            errors: flat,
            ..Error::new(Kind::MultiError, "")
        }
    }

    /// jose's `JWSVerificationFailed` with its default message.
    pub fn verification_failed() -> Self {
        Kind::JwsVerificationFailed.error()
    }

    /// jose's `JWEDecryptionFailed` with its default message: every way
    /// decryption fails once the key was accepted looks the same.
    pub fn decryption_failed() -> Self {
        Kind::JweDecryptionFailed.error()
    }

    /// jose 1.x's `JWKSNoMatchingKey` with its default message.
    pub fn no_matching_key() -> Self {
        Kind::JwksNoMatchingKey.error()
    }

    /// jose's error when several attempts all failed (the keys tried for
    /// one signature or recipient, or the signatures or recipients of one
    /// JWS or JWE): `failed` (a verification or decryption failure) if any
    /// attempt got that far; across signatures or recipients
    /// (`across_parts`), `JWKSNoMatchingKey` if none found a key; otherwise
    /// all of them as one `JOSEMultiError`.
    pub fn all_failed(errors: Vec<Error>, failed: fn() -> Error, across_parts: bool) -> Self {
        let failed = failed();
        if errors.iter().any(|e| e.kind == failed.kind) {
            failed
        } else if across_parts && errors.iter().all(|e| e.kind == Kind::JwksNoMatchingKey) {
            Error::no_matching_key()
        } else {
            Error::multi(errors)
        }
    }

    pub fn type_error(message: impl Into<String>) -> Self {
        Error::new(Kind::TypeError, message)
    }

    pub fn not_supported(message: impl Into<String>) -> Self {
        Error::new(Kind::NotSupported, message)
    }

    pub fn jwk_invalid(message: impl Into<String>) -> Self {
        Error::new(Kind::JwkInvalid, message)
    }

    /// Runs `f`, turning a panic into a `Kind::Internal` error. The Node
    /// layer runs all core work under a catch (`node::boundary::guard` at
    /// every export): a panic unwinding into N-API (an `extern "C"`
    /// boundary) aborts the whole Node process, which is worse than any
    /// wrong answer. The fuzz targets call the core without it, so that a
    /// panic is still found.
    pub fn guarded<T>(f: impl FnOnce() -> Result<T>) -> Result<T> {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
            .unwrap_or_else(|payload| Err(Error::from_panic(payload.as_ref())))
    }

    /// The `Kind::Internal` error for a caught panic, from its payload
    /// (the message of `panic!`, which is a `&str` or a `String`).
    pub fn from_panic(payload: &(dyn std::any::Any + Send)) -> Self {
        let what = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
            .unwrap_or_default();
        Error::new(
            Kind::Internal,
            format!("jose-native internal error (please report it): {what}"),
        )
    }

    /// jose's one message for any key material it could not read.
    pub fn import_failed() -> Self {
        Error::new(Kind::JwkImportFailed, "key import failed")
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.class_name(), self.message)
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multi_errors_are_flat() {
        let a = Error::new(Kind::JweInvalid, "a");
        let b = Error::new(Kind::JwkKeySupport, "b");
        let inner = Error::multi(vec![a.clone(), b.clone()]);
        let outer = Error::multi(vec![inner, a.clone()]);
        assert_eq!(outer.kind.class_name(), "JOSEMultiError");
        assert_eq!(outer.kind.code(), "ERR_JOSE_MULTIPLE_ERRORS");
        assert_eq!(outer.errors, vec![a.clone(), b, a]);
    }

    #[test]
    fn a_panic_becomes_an_internal_error() {
        let e = Error::guarded::<()>(|| panic!("boom")).unwrap_err();
        assert_eq!(e.kind, Kind::Internal);
        assert_eq!(e.kind.class_name(), "Error");
        assert!(e.message.ends_with("boom"), "{}", e.message);
        assert_eq!(Error::guarded(|| Ok(7)), Ok(7));
        let typed = Error::guarded::<()>(|| Err(Error::type_error("t"))).unwrap_err();
        assert_eq!(typed.kind, Kind::TypeError);
        let formatted = Error::guarded::<()>(|| panic!("at {}", 7)).unwrap_err();
        assert_eq!(
            formatted.message,
            "jose-native internal error (please report it): at 7"
        );
        let other = Error::guarded::<()>(|| std::panic::panic_any(7_u8)).unwrap_err();
        assert_eq!(
            other.message,
            "jose-native internal error (please report it): "
        );
    }
}
