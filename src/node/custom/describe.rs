//! `JWK.CustomKey`'s constructor and `algorithms()` rules, for the facade:
//! the description a subclass passes to `super()` checked by the core
//! (`jwk::custom`), and the operations its parameters let it do.

use napi::bindgen_prelude::Either;
use napi::Env;
use napi_derive::napi;
use serde_json::Value;

use crate::jwa::registry::{Operation, Restrictions};
use crate::jwk::custom::{self, Described};
use crate::jwk::material::KeyType;
use crate::node::boundary::guard;

/// What a subclass passed to `super()`: each member as itself when of the
/// type wanted, `false` when of another, absent when undefined.
#[napi(object)]
pub struct CustomKeyDescription {
    pub alg: Option<Either<String, bool>>,
    pub key_use: Option<Either<String, bool>>,
    pub kid: Option<Either<String, bool>>,
    pub key_ops: Option<Either<Vec<String>, bool>>,
    pub kty: Option<Either<String, bool>>,
    /// `String(kty)`, for the message naming a `kty` that contradicts `alg`.
    pub kty_text: Option<String>,
    pub key_type: Option<Either<String, bool>>,
    pub length: Option<Either<f64, bool>>,
}

/// The checked description: the key's JWK parameters (`key_ops` as jose
/// keeps it), its key type and object type, and its modulus length.
#[napi(object)]
pub struct CustomKeyDescribed {
    pub alg: Option<String>,
    pub key_use: Option<String>,
    pub key_ops: Option<Vec<String>>,
    pub kty: String,
    pub key_type: String,
    pub length: Option<u32>,
}

fn value<T: Into<Value>>(member: Option<Either<T, bool>>) -> Option<Value> {
    member.map(|m| match m {
        Either::A(v) => v.into(),
        Either::B(_) => Value::Bool(false),
    })
}

#[napi(catch_unwind)]
pub fn describe_custom_key(env: Env, d: CustomKeyDescription) -> napi::Result<CustomKeyDescribed> {
    guard(&env, "describeCustomKey", || {
        let checked = custom::describe(Described {
            alg: value(d.alg),
            key_use: value(d.key_use),
            kid: value(d.kid),
            key_ops: value(d.key_ops),
            kty: value(d.kty),
            kty_text: d.kty_text,
            key_type: value(d.key_type),
            length: value(d.length),
        })?;
        Ok(CustomKeyDescribed {
            alg: checked.params.alg,
            key_use: checked.params.key_use,
            key_ops: checked.params.key_ops,
            kty: checked.kty.to_owned(),
            key_type: checked.key_type.as_str().to_owned(),
            length: checked.length,
        })
    })
}

/// The operations a custom key with these parameters may do (`operation`
/// alone, or all of them in order); a name that is no operation is jose's
/// TypeError.
#[napi(catch_unwind)]
pub fn custom_key_operations(
    env: Env,
    key_ops: Option<Vec<String>>,
    key_use: Option<String>,
    key_type: String,
    operation: Option<String>,
) -> napi::Result<Vec<String>> {
    guard(&env, "customKeyOperations", || {
        let op = operation.as_deref().map(Operation::parse).transpose()?;
        let key_type = match key_type.as_str() {
            "public" => KeyType::Public,
            "secret" => KeyType::Secret,
            _ => KeyType::Private,
        };
        let restrictions = Restrictions {
            alg: None,
            key_use: key_use.as_deref(),
            key_ops: key_ops.as_deref(),
        };
        Ok(custom::operations(restrictions, key_type, op)
            .into_iter()
            .map(|op| op.name().to_owned())
            .collect())
    })
}
