//! JSON Web Signature: to be filled in.
