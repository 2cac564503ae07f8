//! `JWK.CustomKey` and KeyStores whose `all()` is the user's: operations
//! whose keys run in the user's JavaScript (a KMS or HSM client). That
//! code may answer with a Promise and cannot be called from the libuv
//! thread pool, so the core's operation runs as a key flow: replayed over
//! a log of answers until every question it asks (a store's `all()`, a
//! key's `sign`, `verify` or `unwrapKey`) has one (`crate::replay`). The keys
//! play the core's key traits (`keys`), so key choice, error collection
//! and every check stay the core's; the facade only answers (`flow`).
//! The key's own description is checked by the core too (`describe`).

mod describe;
mod flow;
mod keys;
