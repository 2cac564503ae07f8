//! The JavaScript semantics jose's JWT checks rely on, applied to parsed
//! JSON: what counts as a plain object or a non-empty string, how a number
//! prints, and what a property read or an `in` test does on a value that
//! is not an object (jose does not guard those, so V8 throws a TypeError,
//! whose message is reproduced here).

use serde_json::Value;

use crate::error::{Error, Result};

/// jose's `isObject`: `!!a && a.constructor === Object`. A parsed JSON
/// object qualifies unless it has its own `constructor` member, which then
/// shadows `Object`.
pub fn is_plain_object(value: &Value) -> bool {
    value
        .as_object()
        .is_some_and(|o| !o.contains_key("constructor"))
}

/// `typeof value === 'string' && value.length > 0`.
pub fn is_non_empty_string(value: &Value) -> bool {
    value.as_str().is_some_and(|s| !s.is_empty())
}

/// A non-empty array of non-empty strings.
pub fn is_array_of_strings(value: &Value) -> bool {
    value
        .as_array()
        .is_some_and(|list| !list.is_empty() && list.iter().all(is_non_empty_string))
}

/// Stands for a method a primitive inherits: a function, so neither a
/// string, a number nor an array to jose's type checks.
static INHERITED_METHOD: Value = Value::Bool(true);

/// `value[name]` where the value may be any JSON: `None` stands for
/// `undefined`. Reading from `null` throws, as it does in JavaScript. Of
/// the names jose reads, only `sub` is inherited by a primitive: strings
/// have `String.prototype.sub`.
pub fn get<'v>(value: &'v Value, name: &str) -> Result<Option<&'v Value>> {
    match value {
        Value::Object(o) => Ok(o.get(name)),
        Value::Null => Err(Error::type_error(format!(
            "Cannot read properties of null (reading '{name}')"
        ))),
        Value::String(_) if name == "sub" => Ok(Some(&INHERITED_METHOD)),
        _ => Ok(None),
    }
}

/// `name in value`: throws for primitives, as JavaScript does.
pub fn has(value: &Value, name: &str) -> Result<bool> {
    match value {
        Value::Object(o) => Ok(o.contains_key(name)),
        Value::Array(_) => Ok(false),
        Value::Null => Err(Error::type_error(format!(
            "Cannot use 'in' operator to search for '{name}' in null"
        ))),
        other => Err(Error::type_error(format!(
            "Cannot use 'in' operator to search for '{name}' in {}",
            to_js_string(other)
        ))),
    }
}

/// `String(value)` for a JSON primitive.
pub fn to_js_string(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => number_to_string(n.as_f64().unwrap_or(f64::NAN)),
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Array(_) | Value::Object(_) => "[object Object]".into(),
    }
}

/// JavaScript's `Number.prototype.toString()`: the shortest digits that
/// round-trip (which Rust's formatting also finds), laid out by ECMAScript's
/// rules: plain up to 21 integer digits and down to 6 leading zeros, an
/// exponent with a sign otherwise.
pub fn number_to_string(n: f64) -> String {
    if n.is_nan() {
        return "NaN".into();
    }
    if n.is_infinite() {
        return if n > 0.0 { "Infinity" } else { "-Infinity" }.into();
    }
    if n == 0.0 {
        return "0".into();
    }
    let sign = if n < 0.0 { "-" } else { "" };
    let scientific = format!("{:e}", n.abs());
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let k = digits.len() as i64;
    // The decimal point sits after `point` digits.
    let point = exponent.parse::<i64>().unwrap_or(0) + 1;
    let body = if k <= point && point <= 21 {
        format!("{digits}{}", "0".repeat((point - k) as usize))
    } else if 0 < point && point <= 21 {
        let (whole, fraction) = digits.split_at(point as usize);
        format!("{whole}.{fraction}")
    } else if -6 < point && point <= 0 {
        format!("0.{}{digits}", "0".repeat((-point) as usize))
    } else {
        let (first, rest) = digits.split_at(1);
        let fraction = if rest.is_empty() {
            String::new()
        } else {
            format!(".{rest}")
        };
        let e = point - 1;
        let e_sign = if e < 0 { '-' } else { '+' };
        format!("{first}{fraction}e{e_sign}{}", e.abs())
    };
    format!("{sign}{body}")
}

/// An `f64` as the JSON value `JSON.stringify` would write: integers as
/// integers, non-finite numbers as `null`.
pub fn number_value(n: f64) -> Value {
    if !n.is_finite() {
        Value::Null
    } else if n.fract() == 0.0 && n.abs() < 9.007_199_254_740_992e15 {
        Value::from(n as i64)
    } else {
        serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number)
    }
}

/// `Date.now()`: milliseconds since the epoch.
pub fn date_now() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_millis() as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn numbers_print_as_in_javascript() {
        for (n, text) in [
            (5.0, "5"),
            (1.5, "1.5"),
            (-1.5, "-1.5"),
            (1e21, "1e+21"),
            (1e20, "100000000000000000000"),
            (123_456_789_012_345_680_000.0, "123456789012345680000"),
            (1e-7, "1e-7"),
            (0.000_001, "0.000001"),
            (1.234e-7, "1.234e-7"),
            (2.5e300, "2.5e+300"),
            (0.1, "0.1"),
            (-0.0, "0"),
            (f64::INFINITY, "Infinity"),
        ] {
            assert_eq!(number_to_string(n), text, "{n}");
        }
    }

    #[test]
    fn plain_objects_as_jose_sees_them() {
        assert!(is_plain_object(&json!({})));
        assert!(!is_plain_object(&json!({"constructor": 1})));
        assert!(!is_plain_object(&json!([])));
        assert!(!is_plain_object(&json!(null)));
    }

    #[test]
    fn strings_and_arrays_of_strings() {
        assert!(is_non_empty_string(&json!("a")));
        assert!(!is_non_empty_string(&json!("")));
        assert!(is_array_of_strings(&json!(["a", "b"])));
        assert!(!is_array_of_strings(&json!([])));
        assert!(!is_array_of_strings(&json!(["a", ""])));
        assert!(!is_array_of_strings(&json!(["a", 1])));
    }

    #[test]
    fn reads_and_in_tests_on_primitives_throw_like_v8() {
        assert_eq!(
            get(&json!(null), "iat").unwrap_err().message,
            "Cannot read properties of null (reading 'iat')"
        );
        assert_eq!(get(&json!(5), "iat").unwrap(), None);
        assert_eq!(get(&json!("s"), "iat").unwrap(), None);
        assert!(get(&json!("s"), "sub")
            .unwrap()
            .is_some_and(|v| !v.is_string()));
        assert!(!has(&json!([1]), "exp").unwrap());
        assert_eq!(
            has(&json!(1e21), "exp").unwrap_err().message,
            "Cannot use 'in' operator to search for 'exp' in 1e+21"
        );
        assert_eq!(
            has(&json!("abc"), "nbf").unwrap_err().message,
            "Cannot use 'in' operator to search for 'nbf' in abc"
        );
        assert_eq!(
            has(&json!(true), "exp").unwrap_err().message,
            "Cannot use 'in' operator to search for 'exp' in true"
        );
    }

    #[test]
    fn numbers_as_json_values() {
        assert_eq!(number_value(1_700_000_000.0), json!(1_700_000_000));
        assert_eq!(number_value(f64::INFINITY), json!(null));
        assert_eq!(number_value(1.5), json!(1.5));
    }
}
