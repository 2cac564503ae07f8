//! jose's timespan strings ("2 hours", "20 m", "60s", "1.5 days", ...), as
//! `expiresIn`, `notBefore`, `clockTolerance`, `maxAuthAge` and
//! `maxTokenAge` take them.
//!
//! The grammar is jose's: ASCII digits with an optional fraction (no sign,
//! no exponent, no leading dot), at most one space, then a unit in any
//! letter case. A negative span cannot be written; "-1 h" is as invalid as
//! any other text.

use crate::error::{Error, Result};

const MINUTE: f64 = 60.0;
const HOUR: f64 = MINUTE * 60.0;
const DAY: f64 = HOUR * 24.0;
const WEEK: f64 = DAY * 7.0;
const YEAR: f64 = DAY * 365.25;

/// Unit names and how many seconds each stands for.
const UNITS: [(&[&str], f64); 6] = [
    (&["s", "sec", "secs", "second", "seconds"], 1.0),
    (&["m", "min", "mins", "minute", "minutes"], MINUTE),
    (&["h", "hr", "hrs", "hour", "hours"], HOUR),
    (&["d", "day", "days"], DAY),
    (&["w", "week", "weeks"], WEEK),
    (&["y", "yr", "yrs", "year", "years"], YEAR),
];

/// The span in whole seconds, rounded as JavaScript's `Math.round` does
/// (the value is never negative, where the two roundings differ). Very long
/// digit strings overflow to infinity, as they do in jose.
pub fn seconds(text: &str) -> Result<f64> {
    parse(text).ok_or_else(|| Error::type_error(format!("invalid time period format (\"{text}\")")))
}

/// A span as jose 6 writes it: jose 1.x's grammar with an optional sign
/// and one optional space, or an " ago" / " from now" suffix, never both;
/// "ago" and "-" make it negative. `None` for anything else, an infinite
/// span included (jose 6 throws "Invalid time period format").
pub fn signed_seconds(text: &str) -> Option<f64> {
    let (negative, rest) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let signed = rest.len() != text.len();
    let rest = rest.strip_prefix(' ').unwrap_or(rest);
    let lower = rest.to_ascii_lowercase();
    let (span, ago) = if let Some(span) = lower.strip_suffix(" ago") {
        (span, true)
    } else if let Some(span) = lower.strip_suffix(" from now") {
        (span, false)
    } else {
        (lower.as_str(), false)
    };
    if signed && span.len() != lower.len() {
        return None;
    }
    let seconds = parse(span).filter(|s| s.is_finite())?;
    Some(if negative || ago { -seconds } else { seconds })
}

fn parse(text: &str) -> Option<f64> {
    let number_len = number_prefix_len(text)?;
    let (number, rest) = text.split_at(number_len);
    let unit = rest.strip_prefix(' ').unwrap_or(rest).to_ascii_lowercase();
    let per_unit = UNITS
        .iter()
        .find(|(names, _)| names.contains(&unit.as_str()))
        .map(|&(_, seconds)| seconds)?;
    let value: f64 = number.parse().ok()?;
    Some((value * per_unit).round())
}

/// Length of the leading `\d+` or `\d+\.\d+`.
fn number_prefix_len(text: &str) -> Option<usize> {
    let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    let whole = digits(text);
    if whole == 0 {
        return None;
    }
    match text[whole..].strip_prefix('.') {
        Some(after_dot) => match digits(after_dot) {
            0 => None,
            fraction => Some(whole + 1 + fraction),
        },
        None => Some(whole),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Kind;

    #[test]
    fn every_unit_spelling() {
        for (text, expected) in [
            ("60s", 60.0),
            ("1 sec", 1.0),
            ("2 secs", 2.0),
            ("1 second", 1.0),
            ("3 seconds", 3.0),
            ("20 m", 1200.0),
            ("1min", 60.0),
            ("2 mins", 120.0),
            ("1 minute", 60.0),
            ("2 minutes", 120.0),
            ("2 hours", 7200.0),
            ("1 hour", 3600.0),
            ("1h", 3600.0),
            ("1 hr", 3600.0),
            ("2hrs", 7200.0),
            ("1 day", 86400.0),
            ("2 days", 172_800.0),
            ("1d", 86400.0),
            ("1 week", 604_800.0),
            ("2 weeks", 1_209_600.0),
            ("1w", 604_800.0),
            ("1 year", 31_557_600.0),
            ("2 years", 63_115_200.0),
            ("1 yr", 31_557_600.0),
            ("1 yrs", 31_557_600.0),
            ("1y", 31_557_600.0),
        ] {
            assert_eq!(seconds(text).unwrap(), expected, "{text}");
        }
    }

    #[test]
    fn letter_case_and_fractions() {
        assert_eq!(seconds("2 HOURS").unwrap(), 7200.0);
        assert_eq!(seconds("1 Week").unwrap(), 604_800.0);
        assert_eq!(seconds("1.5 days").unwrap(), 129_600.0);
        assert_eq!(seconds("0.5s").unwrap(), 1.0, "half rounds up");
        assert_eq!(seconds("0.4s").unwrap(), 0.0);
        assert_eq!(seconds("0s").unwrap(), 0.0);
        assert_eq!(seconds("0.01 m").unwrap(), 1.0);
        assert_eq!(seconds("007 s").unwrap(), 7.0);
    }

    #[test]
    fn jose6_signs_and_suffixes() {
        for (text, expected) in [
            ("1h", Some(3600.0)),
            ("+1h", Some(3600.0)),
            ("- 2 hours", Some(-7200.0)),
            ("2 hours ago", Some(-7200.0)),
            ("2 HOURS FROM NOW", Some(7200.0)),
            ("-2 hours ago", None),
            ("+2 hours from now", None),
            (" 1h", Some(3600.0)),
            ("  1h", None),
            ("1h ago ", None),
            ("1hago", None),
        ] {
            assert_eq!(signed_seconds(text), expected, "{text:?}");
        }
        assert_eq!(signed_seconds(&format!("{}y", "9".repeat(400))), None);
    }

    #[test]
    fn overflow_is_infinite() {
        let huge = format!("{}y", "9".repeat(400));
        assert_eq!(seconds(&huge).unwrap(), f64::INFINITY);
    }

    #[test]
    fn rejects_anything_else() {
        for text in [
            "",
            "s",
            "1",
            "-1 h",
            "+1 h",
            "1.s",
            ".5 s",
            "1e3 s",
            "1  s",
            " 1s",
            "1s ",
            "1 ms",
            "1 hourss",
            "1,5 h",
            "1 Ｓ",
            "١ s",
            "1\ts",
            "Infinity s",
        ] {
            let err = seconds(text).unwrap_err();
            assert_eq!(err.kind, Kind::TypeError, "{text:?}");
            assert_eq!(
                err.message,
                format!("invalid time period format (\"{text}\")")
            );
        }
    }
}
