//! Numbers and percentages written the way each language writes them.
//!
//! A small table per language (CLDR's symbols for the Latin digits), no ICU:
//!
//! | language | 1234567.5 | 1234 | 50 % |
//! |---|---|---|---|
//! | English, Japanese, Chinese | `1,234,567.5` | `1,234` | `50%` |
//! | Spanish | `1.234.567,5` | `1234` (grouped from 5 digits) | `50 %` |
//! | French | `1 234 567,5` (narrow no-break space) | `1 234` | `50 %` (narrow no-break space) |
//! | German | `1.234.567,5` | `1.234` | `50 %` (no-break space) |
//! | Portuguese (Brazil) | `1.234.567,5` | `1.234` | `50%` |
//! | Arabic | `1,234,567.5` | `1,234` | `50%` |
//!
//! **Arabic uses Western digits** (0–9), as kiosks and apps in the Gulf and
//! the Maghreb mostly do and as CLDR's `ar` "latn" numbering system does;
//! answers typed by respondents use them too. A negative number gets a
//! left-to-right mark before its minus sign so that "-5" stays "-5" inside
//! right-to-left text.
//!
//! Every number placed in a Fluent message goes through [`format_fluent`]
//! (installed as each bundle's formatter), so `{ $count }` and
//! `{ NUMBER($count, minimumFractionDigits: 1) }` follow the same table.

use std::convert::Infallible;

use fluent_bundle::FluentValue;
use fluent_bundle::types::{FluentNumber, FluentNumberOptions, FluentNumberStyle};
use i18n_embed::unic_langid::LanguageIdentifier;
use intl_memoizer::Memoizable;
use intl_memoizer::concurrent::IntlLangMemoizer;

use super::Language;

/// How a language writes numbers with Latin digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NumberSymbols {
    pub decimal: &'static str,
    pub group: &'static str,
    /// Grouping starts at `3 + minimum_grouping` integer digits (Spanish:
    /// 2, so `1234` but `12.345`).
    pub minimum_grouping: usize,
    pub minus: &'static str,
    /// The percentage, `{}` standing for the number.
    pub percent: &'static str,
}

const NARROW_NBSP: &str = "\u{202F}";

impl NumberSymbols {
    pub fn of(language: Language) -> NumberSymbols {
        let latin = NumberSymbols {
            decimal: ".",
            group: ",",
            minimum_grouping: 1,
            minus: "-",
            percent: "{}%",
        };
        match language {
            Language::English | Language::Japanese | Language::ChineseSimplified => latin,
            Language::Spanish => NumberSymbols {
                decimal: ",",
                group: ".",
                minimum_grouping: 2,
                percent: "{}\u{00A0}%",
                ..latin
            },
            Language::French => NumberSymbols {
                decimal: ",",
                group: NARROW_NBSP,
                percent: "{}\u{202F}%",
                ..latin
            },
            Language::German => NumberSymbols {
                decimal: ",",
                group: ".",
                percent: "{}\u{00A0}%",
                ..latin
            },
            Language::Portuguese => NumberSymbols {
                decimal: ",",
                group: ".",
                ..latin
            },
            Language::Arabic | Language::Hebrew | Language::Persian | Language::Urdu => {
                NumberSymbols {
                    minus: "\u{200E}-",
                    ..latin
                }
            }
        }
    }

    /// For a Fluent bundle's locale (its language subtag decides).
    fn of_identifier(id: &LanguageIdentifier) -> NumberSymbols {
        NumberSymbols::of(Language::from_tag(&id.to_string()).unwrap_or(Language::English))
    }

    /// `value` with at least `min_fraction` and at most `max_fraction`
    /// decimals (rounded), grouped unless `grouping` is false.
    pub fn format(
        &self,
        value: f64,
        min_fraction: usize,
        max_fraction: usize,
        grouping: bool,
    ) -> String {
        if !value.is_finite() {
            return if value.is_nan() {
                "NaN".to_owned()
            } else if value > 0.0 {
                "∞".to_owned()
            } else {
                format!("{}∞", self.minus)
            };
        }
        let max_fraction = max_fraction.max(min_fraction);
        let fixed = format!("{:.*}", max_fraction, value.abs());
        let (integer, fraction) = fixed.split_once('.').unwrap_or((&fixed, ""));
        let mut fraction = fraction.to_owned();
        while fraction.len() > min_fraction && fraction.ends_with('0') {
            fraction.pop();
        }
        let negative = value < 0.0 && (integer.bytes().any(|b| b != b'0') || !fraction.is_empty());
        let mut out = String::new();
        if negative {
            out.push_str(self.minus);
        }
        if grouping && integer.len() >= 3 + self.minimum_grouping {
            let first = integer.len() % 3;
            for (i, digit) in integer.char_indices() {
                if i > 0 && (i + 3 - first) % 3 == 0 {
                    out.push_str(self.group);
                }
                out.push(digit);
            }
        } else {
            out.push_str(integer);
        }
        if !fraction.is_empty() {
            out.push_str(self.decimal);
            out.push_str(&fraction);
        }
        out
    }

    /// A Fluent number, with its options (`minimumFractionDigits`,
    /// `maximumFractionDigits`, `useGrouping`, `style: "percent"`).
    pub fn format_fluent(&self, number: &FluentNumber) -> String {
        let options = &number.options;
        let percent = options.style == FluentNumberStyle::Percent;
        let value = if percent {
            number.value * 100.0
        } else {
            number.value
        };
        let min = options.minimum_fraction_digits.unwrap_or(0);
        let max = options
            .maximum_fraction_digits
            .unwrap_or(if percent { 0 } else { 3 });
        let mut text = self.format(value, min, max, options.use_grouping);
        if let Some(digits) = options.minimum_integer_digits {
            let start = text
                .find(|c: char| c.is_ascii_digit())
                .unwrap_or(text.len());
            let integer_digits = text[start..]
                .chars()
                .take_while(|c| c.is_ascii_digit() || self.group.contains(*c))
                .filter(char::is_ascii_digit)
                .count();
            if integer_digits < digits {
                text.insert_str(start, &"0".repeat(digits - integer_digits));
            }
        }
        if percent {
            self.percent.replace("{}", &text)
        } else {
            text
        }
    }
}

/// `value` as `language` writes it, up to three decimals.
pub fn format_number(language: Language, value: f64) -> String {
    NumberSymbols::of(language).format(value, 0, 3, true)
}

/// `percent` (50 for half) as `language` writes a percentage, rounded to a
/// whole number: `50%`, `50 %`.
pub fn format_percent(language: Language, percent: f64) -> String {
    let symbols = NumberSymbols::of(language);
    symbols
        .percent
        .replace("{}", &symbols.format(percent, 0, 0, true))
}

/// `percent` (50 for half) as a Fluent argument that writes itself as a
/// percentage, sign included (`{ $percent }` gives `50%`, `50 %`): a
/// message must not put the sign beside the placeable. Fluent isolates each
/// argument (FSI…PDI) in a right-to-left language, and a `%` outside the
/// isolate no longer belongs to the number for the bidi algorithm: Arabic's
/// `اكتمل { $percent }%` was drawn as "%42".
pub fn percent_arg(percent: f64) -> FluentValue<'static> {
    FluentValue::Number(FluentNumber::new(
        percent / 100.0,
        FluentNumberOptions {
            style: FluentNumberStyle::Percent,
            ..FluentNumberOptions::default()
        },
    ))
}

impl Memoizable for NumberSymbols {
    type Args = ();
    type Error = Infallible;

    fn construct(language: LanguageIdentifier, _: ()) -> Result<NumberSymbols, Infallible> {
        Ok(NumberSymbols::of_identifier(&language))
    }
}

/// The formatter set on every Fluent bundle: numbers in the bundle's
/// language; everything else as Fluent writes it.
pub fn format_fluent(value: &FluentValue<'_>, intls: &IntlLangMemoizer) -> Option<String> {
    let FluentValue::Number(number) = value else {
        return None;
    };
    intls
        .with_try_get::<NumberSymbols, _, _>((), |symbols| symbols.format_fluent(number))
        .ok()
}

#[cfg(test)]
mod tests {
    use fluent_bundle::types::FluentNumberOptions;

    use super::*;

    #[test]
    fn grouping_and_decimals_per_language() {
        let n = |language, value| format_number(language, value);
        assert_eq!(n(Language::English, 1234567.5), "1,234,567.5");
        assert_eq!(n(Language::English, 1234.0), "1,234");
        assert_eq!(n(Language::English, 999.0), "999");
        assert_eq!(n(Language::English, 0.125), "0.125");
        assert_eq!(n(Language::English, 2.0 / 3.0), "0.667");
        assert_eq!(n(Language::English, -1234.5), "-1,234.5");
        assert_eq!(n(Language::English, -0.0001), "0");
        assert_eq!(n(Language::Spanish, 1234.0), "1234");
        assert_eq!(n(Language::Spanish, 12345.0), "12.345");
        assert_eq!(n(Language::Spanish, 1234567.25), "1.234.567,25");
        assert_eq!(n(Language::French, 1234567.5), "1\u{202F}234\u{202F}567,5");
        assert_eq!(n(Language::German, 1234567.5), "1.234.567,5");
        assert_eq!(n(Language::German, 0.5), "0,5");
        assert_eq!(n(Language::Portuguese, 1234.5), "1.234,5");
        assert_eq!(n(Language::Arabic, 1234567.5), "1,234,567.5");
        assert_eq!(n(Language::Arabic, -5.0), "\u{200E}-5");
        assert_eq!(n(Language::Japanese, 100000.0), "100,000");
        assert_eq!(n(Language::ChineseSimplified, 12345.678), "12,345.678");
    }

    #[test]
    fn percentages_per_language() {
        let p = |language| format_percent(language, 42.4);
        assert_eq!(p(Language::English), "42%");
        assert_eq!(p(Language::Spanish), "42\u{00A0}%");
        assert_eq!(p(Language::French), "42\u{202F}%");
        assert_eq!(p(Language::German), "42\u{00A0}%");
        assert_eq!(p(Language::Portuguese), "42%");
        assert_eq!(p(Language::Arabic), "42%");
        assert_eq!(p(Language::Japanese), "42%");
        assert_eq!(p(Language::ChineseSimplified), "42%");
        assert_eq!(format_percent(Language::English, 99.5), "100%");
    }

    #[test]
    fn fluent_number_options() {
        let de = NumberSymbols::of(Language::German);
        let number = |value, options| FluentNumber::new(value, options);
        let plain = FluentNumberOptions::default();
        assert_eq!(de.format_fluent(&number(1234.5, plain.clone())), "1.234,5");
        let two = FluentNumberOptions {
            minimum_fraction_digits: Some(2),
            ..Default::default()
        };
        assert_eq!(de.format_fluent(&number(3.0, two)), "3,00");
        let ungrouped = FluentNumberOptions {
            use_grouping: false,
            ..Default::default()
        };
        assert_eq!(de.format_fluent(&number(12345.0, ungrouped)), "12345");
        let percent = FluentNumberOptions {
            style: FluentNumberStyle::Percent,
            ..Default::default()
        };
        assert_eq!(de.format_fluent(&number(0.25, percent)), "25\u{00A0}%");
        let padded = FluentNumberOptions {
            minimum_integer_digits: Some(2),
            ..Default::default()
        };
        assert_eq!(de.format_fluent(&number(7.0, padded)), "07");
    }
}
