//! A JWT Claims Set as the claim checks read it. Of an object payload only
//! the members the checks read (`claims::READ`) are built, each with its
//! slot (its index in `READ`);
//! the others are still parsed (so malformed JSON stays malformed) but
//! skipped. No member name is allocated or hashed: a verification reads a
//! handful of claims, and building a JSON map of them cost more than the
//! HMAC. Any other JSON value is kept whole, for the checks to treat as
//! JavaScript would (see `js::get`).

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::claims::READ;
use super::js;
use crate::error::Result;

#[derive(Debug, Clone, PartialEq)]
pub enum ClaimsSet {
    /// An object: the members present, with their slots. A short list,
    /// not a slot for every name: a 20-slot vector was big enough for
    /// glibc to consolidate its free lists on many allocations.
    Object(Vec<(u8, Value)>),
    /// Any other JSON value.
    Other(Value),
}

/// The slot of a member name, if the checks read it: its index in `READ`
/// (a test holds the two together). A `match`, not a search of `READ`: the
/// checks look claims up by constant names, which then compare as a few
/// integer loads, and tokens' member names are matched once each.
#[inline]
fn slot(name: &str) -> Option<usize> {
    match name {
        "acr" => Some(0),
        "amr" => Some(1),
        "aud" => Some(2),
        "auth_time" => Some(3),
        "azp" => Some(4),
        "client_id" => Some(5),
        "code" => Some(6),
        "error" => Some(7),
        "error_description" => Some(8),
        "error_uri" => Some(9),
        "events" => Some(10),
        "exp" => Some(11),
        "iat" => Some(12),
        "iss" => Some(13),
        "jti" => Some(14),
        "nbf" => Some(15),
        "nonce" => Some(16),
        "sid" => Some(17),
        "state" => Some(18),
        "sub" => Some(19),
        _ => None,
    }
}

impl ClaimsSet {
    /// Parses one JSON value, as `JSON.parse` would give it, except that an
    /// object keeps only the members the checks read. Later duplicates
    /// win, as in `JSON.parse`.
    pub fn read<'de, D: Deserializer<'de>>(de: D) -> std::result::Result<ClaimsSet, D::Error> {
        TopLevel.deserialize(de)
    }

    /// True when an object's `name` member is kept (it is one of `READ`).
    pub fn reads(name: &str) -> bool {
        slot(name).is_some()
    }

    /// `payload[name]` (see `js::get`); `name` must be one of `READ`.
    pub fn get(&self, name: &str) -> Result<Option<&Value>> {
        match self {
            ClaimsSet::Object(members) => Ok(slot(name).and_then(|i| member(members, i))),
            ClaimsSet::Other(value) => js::get(value, name),
        }
    }

    /// `name in payload` (see `js::has`); `name` must be one of `READ`.
    pub fn has(&self, name: &str) -> Result<bool> {
        match self {
            ClaimsSet::Object(members) => {
                Ok(slot(name).is_some_and(|i| member(members, i).is_some()))
            }
            ClaimsSet::Other(value) => js::has(value, name),
        }
    }

    /// The claims kept, as a JSON value (an object's members in `READ`'s
    /// order).
    pub fn to_value(&self) -> Value {
        match self {
            ClaimsSet::Object(members) => Value::Object(
                READ.iter()
                    .enumerate()
                    .filter_map(|(i, name)| Some(((*name).to_owned(), member(members, i)?.clone())))
                    .collect::<Map<String, Value>>(),
            ),
            ClaimsSet::Other(value) => value.clone(),
        }
    }
}

fn member(members: &[(u8, Value)], slot: usize) -> Option<&Value> {
    members
        .iter()
        .find(|(i, _)| usize::from(*i) == slot)
        .map(|(_, value)| value)
}

/// The top-level value: slots for an object, a whole `Value` otherwise.
struct TopLevel;

impl<'de> DeserializeSeed<'de> for TopLevel {
    type Value = ClaimsSet;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> std::result::Result<ClaimsSet, D::Error> {
        de.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for TopLevel {
    type Value = ClaimsSet;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<ClaimsSet, A::Error> {
        let mut members: Vec<(u8, Value)> = Vec::with_capacity(8);
        while let Some(name) = map.next_key_seed(SlotOf)? {
            match name {
                Some(i) => {
                    let value = map.next_value::<Value>()?;
                    // READ has fewer than 256 names (a test holds it)
                    let i = i as u8;
                    match members.iter_mut().find(|(at, _)| *at == i) {
                        Some(kept) => kept.1 = value,
                        None => members.push((i, value)),
                    }
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(ClaimsSet::Object(members))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<ClaimsSet, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Value>()? {
            items.push(item);
        }
        Ok(ClaimsSet::Other(Value::Array(items)))
    }

    fn visit_bool<E>(self, v: bool) -> std::result::Result<ClaimsSet, E> {
        Ok(ClaimsSet::Other(Value::Bool(v)))
    }

    fn visit_i64<E>(self, v: i64) -> std::result::Result<ClaimsSet, E> {
        Ok(ClaimsSet::Other(Value::from(v)))
    }

    fn visit_u64<E>(self, v: u64) -> std::result::Result<ClaimsSet, E> {
        Ok(ClaimsSet::Other(Value::from(v)))
    }

    fn visit_f64<E>(self, v: f64) -> std::result::Result<ClaimsSet, E> {
        Ok(ClaimsSet::Other(Value::from(v)))
    }

    fn visit_str<E>(self, v: &str) -> std::result::Result<ClaimsSet, E> {
        Ok(ClaimsSet::Other(Value::String(v.to_owned())))
    }

    fn visit_unit<E>(self) -> std::result::Result<ClaimsSet, E> {
        Ok(ClaimsSet::Other(Value::Null))
    }
}

/// An object member's name: `Some` of its slot when the checks read it,
/// else `None`, without allocating for the names skipped.
struct SlotOf;

impl<'de> DeserializeSeed<'de> for SlotOf {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(
        self,
        de: D,
    ) -> std::result::Result<Option<usize>, D::Error> {
        de.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for SlotOf {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E>(self, v: &str) -> std::result::Result<Option<usize>, E> {
        Ok(slot(v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read(text: &str) -> ClaimsSet {
        ClaimsSet::read(&mut serde_json::Deserializer::from_str(text)).unwrap()
    }

    #[test]
    fn every_name_read_has_its_slot() {
        assert!(READ.len() <= usize::from(u8::MAX), "slots are kept as u8");
        for (i, name) in READ.iter().enumerate() {
            assert_eq!(slot(name), Some(i));
        }
        assert_eq!(slot("scope"), None);
    }

    #[test]
    fn objects_keep_the_members_read_and_answer_as_javascript() {
        let claims = read(r#"{"sub":"a","scope":"x","exp":1,"nbf":null}"#);
        assert_eq!(claims.get("sub").unwrap(), Some(&json!("a")));
        assert_eq!(claims.get("iss").unwrap(), None);
        assert!(claims.has("nbf").unwrap(), "a null member is present");
        assert!(!claims.has("iat").unwrap());
        assert_eq!(
            claims.to_value(),
            json!({"exp": 1, "nbf": null, "sub": "a"})
        );
    }

    #[test]
    fn later_duplicates_win() {
        let claims = read(r#"{"sub":"a","x":{"sub":"b"},"sub":"c","exp":1,"exp":2}"#);
        assert_eq!(claims.to_value(), json!({"exp": 2, "sub": "c"}));
    }

    #[test]
    fn other_values_behave_as_they_do_in_javascript() {
        assert!(read("null").get("sub").is_err());
        assert!(read("1").has("exp").is_err());
        assert!(!read("[1]").has("exp").unwrap());
        assert!(
            read(r#""text""#).get("sub").unwrap().is_some(),
            "String.prototype.sub"
        );
        assert_eq!(read("[1,2]").to_value(), json!([1, 2]));
    }
}
