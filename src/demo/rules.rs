//! The demo server's own judgement of submitted pages, written from the API
//! contract (`take-api.md`: "The section object" and "The submit-page body")
//! and working on the section JSON and the flat body directly.
//!
//! It shares nothing with the client's `survey` module on purpose: when the
//! client's parsing, encoding or local validation is wrong, the server
//! refuses the page and a test fails, instead of agreeing with the mistake.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

/// What one section asks for, read from its JSON.
pub struct Rules {
    question_id: u64,
    required: bool,
    form: Form,
}

/// The kinds of the contract's table, with what judging needs of each.
enum Form {
    /// Nothing to submit: descriptive text, a section without an id, a
    /// prefix or type the contract does not list.
    Nothing,
    /// `u_{questionId}` = one offered answer id.
    Single { offered: Vec<Offered> },
    /// `m_{questionId}` = an array of offered answer ids.
    Multiple {
        offered: Vec<Offered>,
        min: Option<u64>,
        max: Option<u64>,
    },
    /// `t_{answerId}` per field.
    Text { fields: Vec<Field> },
    /// `r_{answerId}` = the item's position, 1 first.
    Rank { items: Vec<u64> },
    /// `s_{answerId}` = a number; together `total`.
    Sum { items: Vec<u64>, total: Option<f64> },
    /// `dt_{part}_{answerId}` per field.
    Date { fields: Vec<u64>, format: DateForm },
    /// `u_{rowId}` (one column id) or `m_{rowId}` (an array) per row.
    Matrix {
        rows: Vec<Offered>,
        columns: Vec<u64>,
        multiple: bool,
    },
}

/// An answer (or a matrix row) of a section.
struct Offered {
    id: u64,
    text: String,
    /// "Other, please specify": `t_{id}` carries the text.
    other: bool,
    /// Chosen alone ("None of these").
    exclusive: bool,
}

struct Field {
    id: u64,
    text: String,
    input: Input,
}

/// A text field's `inputType`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Input {
    Free,
    Email,
    Number,
    Phone,
}

/// A date section's `dateFormat`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum DateForm {
    /// `dt_day_`, `dt_month_`, `dt_year_`.
    Dmy,
    /// The three above and `dt_hr_`, `dt_min_`, `dt_ampm_`.
    DmyTime,
    /// `dt_cal_` = `YYYY-MM-DD`.
    Calendar,
}

impl DateForm {
    fn parts(self) -> &'static [&'static str] {
        match self {
            DateForm::Dmy => &["day", "month", "year"],
            DateForm::DmyTime => &["day", "month", "year", "hr", "min", "ampm"],
            DateForm::Calendar => &["cal"],
        }
    }
}

/// What a form key must hold.
pub enum Expect {
    Text,
    /// One of these ids, as a string.
    Id(Vec<u64>),
    /// An array of these ids, as strings.
    Ids(Vec<u64>),
}

impl Rules {
    /// Reads a section object (`questions[].json`) as the contract lays it
    /// out: the form prefix decides the kind, then the type code.
    pub fn from_section(section: &Value) -> Rules {
        let field = |name: &str| section.get(name);
        let prefix = field("formParam")
            .and_then(|f| f.get("paramPrefix"))
            .and_then(Value::as_str)
            .unwrap_or("");
        let type_code = field("type").and_then(Value::as_str).unwrap_or("");
        let rows = offered(field("rows"));
        let answers = offered(field("answers"));
        let ids = |list: &[Offered]| list.iter().map(|a| a.id).collect::<Vec<_>>();
        let kind = match (prefix, type_code) {
            ("u_", _) if !rows.is_empty() || type_code == "MU" => "MU",
            ("m_", _) if !rows.is_empty() || type_code == "MM" => "MM",
            ("u_", _) => "U",
            ("m_", _) => "M",
            ("t_", _) => "T",
            ("r_", _) => "R",
            ("s_", _) => "S",
            ("dt_", _) => "DT",
            ("", code) => code,
            _ => "",
        };
        let question_id = field("id").and_then(number_id);
        let form = match (question_id, kind) {
            (None, _) => Form::Nothing,
            (Some(_), "U") => Form::Single { offered: answers },
            (Some(_), "M") => Form::Multiple {
                offered: answers,
                min: field("minSelect").and_then(number_id),
                max: field("maxSelect").and_then(number_id).filter(|&m| m > 0),
            },
            (Some(_), "T") => Form::Text {
                fields: text_fields(field("answers")),
            },
            (Some(_), "R") => Form::Rank {
                items: ids(&answers),
            },
            (Some(_), "S") => Form::Sum {
                items: ids(&answers),
                total: field("total").and_then(number),
            },
            (Some(_), "DT") => Form::Date {
                fields: ids(&answers),
                format: match field("dateFormat").and_then(Value::as_str) {
                    Some("dmy_time") => DateForm::DmyTime,
                    Some("calendar") => DateForm::Calendar,
                    _ => DateForm::Dmy,
                },
            },
            (Some(_), "MU" | "MM") => Form::Matrix {
                rows,
                columns: ids(&answers),
                multiple: kind == "MM",
            },
            (Some(_), _) => Form::Nothing,
        };
        Rules {
            question_id: question_id.unwrap_or(0),
            required: field("required").is_some_and(|r| {
                r == &Value::Bool(true) || r.as_str().is_some_and(|s| s == "true")
            }),
            form,
        }
    }

    /// The keys this section may put in a body, and what each must hold.
    pub fn expected_keys(&self, out: &mut HashMap<String, Expect>) {
        let qid = self.question_id;
        let other_texts = |out: &mut HashMap<String, Expect>, offered: &[Offered]| {
            for answer in offered.iter().filter(|a| a.other) {
                out.insert(format!("t_{}", answer.id), Expect::Text);
            }
        };
        match &self.form {
            Form::Nothing => {}
            Form::Single { offered } => {
                out.insert(format!("u_{qid}"), Expect::Id(ids_of(offered)));
                other_texts(out, offered);
            }
            Form::Multiple { offered, .. } => {
                out.insert(format!("m_{qid}"), Expect::Ids(ids_of(offered)));
                other_texts(out, offered);
            }
            Form::Text { fields } => {
                for field in fields {
                    out.insert(format!("t_{}", field.id), Expect::Text);
                }
            }
            Form::Rank { items } => {
                for item in items {
                    out.insert(format!("r_{item}"), Expect::Text);
                }
            }
            Form::Sum { items, .. } => {
                for item in items {
                    out.insert(format!("s_{item}"), Expect::Text);
                }
            }
            Form::Date { fields, format } => {
                for field in fields {
                    for part in format.parts() {
                        out.insert(format!("dt_{part}_{field}"), Expect::Text);
                    }
                }
            }
            Form::Matrix {
                rows,
                columns,
                multiple,
            } => {
                for row in rows {
                    if *multiple {
                        out.insert(format!("m_{}", row.id), Expect::Ids(columns.clone()));
                    } else {
                        out.insert(format!("u_{}", row.id), Expect::Id(columns.clone()));
                    }
                }
            }
        }
    }

    /// The section's validation error, in the contract's shape, if `body`
    /// does not answer it well. `body` holds only this page's keys, each of
    /// the right type ([`Expect`]).
    pub fn judge(&self, body: &Map<String, Value>) -> Option<Value> {
        self.problem(&Body(body))
            .map(|message| serde_json::json!({"questionId": self.question_id, "message": message}))
    }

    // Long because each question kind is one arm of one match, as the server checks them.
    fn problem(&self, body: &Body<'_>) -> Option<String> {
        let qid = self.question_id;
        let required = self.required;
        match &self.form {
            Form::Nothing => None,
            Form::Single { offered } => {
                let Some(chosen) = body.text(&format!("u_{qid}")) else {
                    return required.then(|| "Please choose an answer.".into());
                };
                let chosen: Vec<u64> = chosen.parse().ok().into_iter().collect();
                other_text_missing(body, offered, &chosen)
            }
            Form::Multiple { offered, min, max } => {
                let chosen = body.ids(&format!("m_{qid}"));
                if chosen.is_empty() {
                    return required.then(|| "Please choose at least one answer.".into());
                }
                let distinct: HashSet<u64> = chosen.iter().copied().collect();
                if distinct.len() < chosen.len() {
                    return Some("Each answer may be chosen only once.".into());
                }
                if let Some(alone) = offered
                    .iter()
                    .find(|a| a.exclusive && distinct.contains(&a.id))
                {
                    if distinct.len() > 1 {
                        return Some(format!(
                            "\u{201c}{}\u{201d} goes alone: choose it or the others.",
                            alone.text
                        ));
                    }
                } else {
                    let count = distinct.len() as u64;
                    if let Some(min) = min.filter(|&m| count < m) {
                        return Some(format!("Choose {min} answers or more."));
                    }
                    if let Some(max) = max.filter(|&m| count > m) {
                        return Some(format!("Choose {max} answers or fewer."));
                    }
                }
                other_text_missing(body, offered, &chosen)
            }
            Form::Text { fields } => fields.iter().find_map(|field| {
                let Some(value) = body.text(&format!("t_{}", field.id)) else {
                    return required.then(|| {
                        if fields.len() > 1 && !field.text.is_empty() {
                            format!("\u{201c}{}\u{201d} is required.", field.text)
                        } else {
                            "Please answer this question.".into()
                        }
                    });
                };
                let what = match field.input {
                    Input::Free => return None,
                    Input::Email if plausible_email(value) => return None,
                    Input::Number if plain_number(value).is_some() => return None,
                    Input::Phone if plausible_phone(value) => return None,
                    Input::Email => "an e-mail address",
                    Input::Number => "a number",
                    Input::Phone => "a phone number",
                };
                Some(format!("\u{201c}{value}\u{201d} is not {what}."))
            }),
            Form::Rank { items } => {
                let given: Vec<Option<&str>> = items
                    .iter()
                    .map(|item| body.text(&format!("r_{item}")))
                    .collect();
                if given.iter().all(Option::is_none) {
                    return required.then(|| "Please put the items in order.".into());
                }
                let n = items.len();
                let mut ranks: Vec<usize> = given
                    .iter()
                    .filter_map(|rank| rank.and_then(|r| r.parse().ok()))
                    .collect();
                ranks.sort_unstable();
                let permutation = ranks.len() == n && ranks.iter().copied().eq(1..=n);
                (!permutation).then(|| format!("Rank every item once, from 1 to {n}."))
            }
            Form::Sum { items, total } => {
                let given: Vec<&str> = items
                    .iter()
                    .filter_map(|item| body.text(&format!("s_{item}")))
                    .collect();
                if given.is_empty() {
                    return required.then(|| "Please answer this question.".into());
                }
                let mut sum = 0.0;
                for value in given {
                    match plain_number(value) {
                        Some(n) if n >= 0.0 => sum += n,
                        _ => {
                            return Some(format!(
                                "\u{201c}{value}\u{201d} is not a number of zero or more."
                            ));
                        }
                    }
                }
                total
                    .filter(|total| (sum - total).abs() > 1e-6)
                    .map(|total| format!("The numbers add up to {sum}, not {total}."))
            }
            Form::Date { fields, format } => fields.iter().find_map(|field| {
                let part = |name: &str| body.text(&format!("dt_{name}_{field}"));
                if format.parts().iter().all(|name| part(name).is_none()) {
                    return required.then(|| "Please give a date.".into());
                }
                date_problem(*format, part)
            }),
            Form::Matrix {
                rows,
                multiple,
                columns: _,
            } => {
                let prefix = if *multiple { "m" } else { "u" };
                let missing = rows
                    .iter()
                    .find(|row| body.ids(&format!("{prefix}_{}", row.id)).is_empty())?;
                required.then(|| format!("Please answer the row \u{201c}{}\u{201d}.", missing.text))
            }
        }
    }
}

/// A submitted body, read leniently: blank values are no answer.
struct Body<'a>(&'a Map<String, Value>);

impl<'a> Body<'a> {
    /// A string value, trimmed; `None` when absent or blank.
    fn text(&self, key: &str) -> Option<&'a str> {
        self.0
            .get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }

    /// The ids under `key`: an array of id strings, or one id string.
    fn ids(&self, key: &str) -> Vec<u64> {
        match self.0.get(key) {
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(|i| i.as_str().and_then(|s| s.trim().parse().ok()))
                .collect(),
            Some(Value::String(s)) => s.trim().parse().ok().into_iter().collect(),
            _ => Vec::new(),
        }
    }
}

/// The "please specify" text missing for a chosen "other" answer.
fn other_text_missing(body: &Body<'_>, offered: &[Offered], chosen: &[u64]) -> Option<String> {
    let other = offered
        .iter()
        .filter(|a| a.other && chosen.contains(&a.id))
        .find(|a| body.text(&format!("t_{}", a.id)).is_none())?;
    Some(format!(
        "You chose \u{201c}{}\u{201d}: please say what.",
        other.text
    ))
}

fn date_problem<'a>(format: DateForm, part: impl Fn(&str) -> Option<&'a str>) -> Option<String> {
    let number = |name: &str| part(name).and_then(|p| p.parse::<u32>().ok());
    let (year, month, day) = if format == DateForm::Calendar {
        let text = part("cal").unwrap_or_default();
        let pieces: Vec<&str> = text.split('-').collect();
        match pieces[..] {
            [y, m, d]
                if y.len() == 4
                    && m.len() == 2
                    && d.len() == 2
                    && text.bytes().all(|b| b.is_ascii_digit() || b == b'-') =>
            {
                (y.parse().ok(), m.parse().ok(), d.parse().ok())
            }
            _ => {
                return Some(format!(
                    "\u{201c}{text}\u{201d} is not a date (YYYY-MM-DD)."
                ));
            }
        }
    } else {
        (number("year"), number("month"), number("day"))
    };
    let (Some(year), Some(month), Some(day)) = (year, month, day) else {
        return Some("A date needs its day, month and year.".into());
    };
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return Some(format!(
            "{year}-{month:02}-{day:02} is not in the calendar."
        ));
    }
    if format == DateForm::DmyTime {
        let hour = number("hr").filter(|h| (1..=12).contains(h));
        let minute = number("min").filter(|m| *m <= 59);
        let half =
            part("ampm").filter(|m| m.eq_ignore_ascii_case("AM") || m.eq_ignore_ascii_case("PM"));
        if hour.is_none() || minute.is_none() || half.is_none() {
            return Some(
                "A time needs an hour from 1 to 12, minutes from 0 to 59, and AM or PM.".into(),
            );
        }
    }
    None
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

/// `name@host.tld`: one `@`, something before it, dotted labels after it,
/// no spaces.
fn plausible_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    let labels: Vec<&str> = domain.split('.').collect();
    !local.is_empty()
        && !value.contains(char::is_whitespace)
        && labels.len() >= 2
        && labels.iter().all(|l| !l.is_empty() && !l.contains('@'))
}

/// Digits with spaces, `+`, `-`, `(`, `)`; six digits at least.
fn plausible_phone(value: &str) -> bool {
    let digits = value.bytes().filter(u8::is_ascii_digit).count();
    digits >= 6
        && value
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b' ' | b'+' | b'-' | b'(' | b')'))
}

/// A decimal number as a person writes it (`12`, `-3`, `4.5`): digits, at
/// most one point, an optional leading minus; no exponents, no `inf`.
fn plain_number(value: &str) -> Option<f64> {
    let digits = value.strip_prefix('-').unwrap_or(value);
    let ok = !digits.is_empty()
        && digits.bytes().any(|b| b.is_ascii_digit())
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && digits.bytes().filter(|&b| b == b'.').count() <= 1;
    ok.then(|| value.parse().ok()).flatten()
}

/// An id: a JSON number or a string of digits.
fn number_id(value: &Value) -> Option<u64> {
    match value {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn number(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => plain_number(s.trim()),
        _ => None,
    }
}

/// A text section's `answers`, each a field with its `inputType`.
fn text_fields(list: Option<&Value>) -> Vec<Field> {
    list.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|entry| {
            Some(Field {
                id: entry.get("id").and_then(number_id)?,
                text: entry
                    .get("text")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
                input: match entry.get("inputType").and_then(Value::as_str) {
                    Some("email") => Input::Email,
                    Some("number") => Input::Number,
                    Some("phone") => Input::Phone,
                    _ => Input::Free,
                },
            })
        })
        .collect()
}

/// A section's `answers` or `rows`: entries without an id are skipped.
fn offered(list: Option<&Value>) -> Vec<Offered> {
    let flag = |entry: &Value, name: &str| entry.get(name) == Some(&Value::Bool(true));
    list.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|entry| {
            Some(Offered {
                id: entry.get("id").and_then(number_id)?,
                text: entry
                    .get("text")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
                other: flag(entry, "other"),
                exclusive: flag(entry, "exclusive"),
            })
        })
        .collect()
}

fn ids_of(offered: &[Offered]) -> Vec<u64> {
    offered.iter().map(|a| a.id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rules(section: Value) -> Rules {
        Rules::from_section(&section)
    }

    /// The message for `body`, if the section refuses it.
    fn problem(rules: &Rules, body: Value) -> Option<String> {
        let Value::Object(body) = body else {
            panic!("not an object: {body}")
        };
        rules.judge(&body).map(|p| {
            assert_eq!(p["questionId"], json!(rules.question_id), "{p}");
            p["message"].as_str().map(str::to_owned).expect("a message")
        })
    }

    fn keys(rules: &Rules) -> Vec<String> {
        let mut out = HashMap::new();
        rules.expected_keys(&mut out);
        let mut keys: Vec<String> = out.into_keys().collect();
        keys.sort();
        keys
    }

    fn single(required: bool) -> Rules {
        rules(json!({"id": 10, "type": "U", "required": required,
            "formParam": {"paramPrefix": "u_", "paramIdType": "questionId"},
            "answers": [{"id": 1, "text": "Yes"}, {"id": 2, "text": "Other", "other": true}]}))
    }

    #[test]
    fn keys_follow_the_body_table() {
        assert_eq!(keys(&single(false)), ["t_2", "u_10"]);
        let date = rules(json!({"id": 3, "type": "DT", "dateFormat": "dmy_time",
            "formParam": {"paramPrefix": "dt_"}, "answers": [{"id": 7}]}));
        assert_eq!(
            keys(&date),
            [
                "dt_ampm_7",
                "dt_day_7",
                "dt_hr_7",
                "dt_min_7",
                "dt_month_7",
                "dt_year_7"
            ]
        );
        let matrix = rules(
            json!({"id": 4, "type": "MM", "formParam": {"paramPrefix": "m_"},
            "rows": [{"id": 41}, {"id": 42}], "answers": [{"id": 1}]}),
        );
        assert_eq!(keys(&matrix), ["m_41", "m_42"]);
        let descriptive = rules(json!({"type": "D", "text": "Hello"}));
        assert!(keys(&descriptive).is_empty());
        assert_eq!(problem(&descriptive, json!({})), None);
        let unknown = rules(json!({"id": 9, "type": "HEATMAP", "required": true}));
        assert!(keys(&unknown).is_empty());
        assert_eq!(problem(&unknown, json!({})), None);
    }

    #[test]
    fn single_choice_needs_an_answer_when_required_and_the_other_text() {
        assert_eq!(problem(&single(false), json!({})), None);
        assert!(problem(&single(true), json!({})).is_some());
        assert_eq!(problem(&single(true), json!({"u_10": "1"})), None);
        assert!(problem(&single(true), json!({"u_10": "2"})).is_some());
        assert!(problem(&single(true), json!({"u_10": "2", "t_2": "  "})).is_some());
        assert_eq!(
            problem(&single(true), json!({"u_10": "2", "t_2": "A flyer"})),
            None
        );
    }

    fn multiple(required: bool, min: Option<u64>, max: Option<u64>) -> Rules {
        rules(json!({"id": 20, "type": "M", "required": required,
            "minSelect": min, "maxSelect": max, "formParam": {"paramPrefix": "m_"},
            "answers": [{"id": 1, "text": "A"}, {"id": 2, "text": "B"}, {"id": 3, "text": "C"},
                {"id": 4, "text": "Other", "other": true},
                {"id": 9, "text": "None of these", "exclusive": true}]}))
    }

    #[test]
    fn multiple_choice_counts_within_min_and_max_and_exclusive_goes_alone() {
        let open = multiple(false, None, None);
        assert_eq!(problem(&open, json!({})), None);
        assert_eq!(problem(&open, json!({"m_20": []})), None);
        assert_eq!(problem(&open, json!({"m_20": ["1", "2", "3"]})), None);
        assert!(
            problem(&open, json!({"m_20": ["1", "1"]})).is_some(),
            "twice"
        );
        let required = multiple(true, Some(2), Some(3));
        assert!(problem(&required, json!({})).is_some());
        assert!(problem(&required, json!({"m_20": []})).is_some());
        assert!(
            problem(&required, json!({"m_20": ["1"]})).is_some(),
            "min 2"
        );
        assert_eq!(problem(&required, json!({"m_20": ["1", "3"]})), None);
        assert!(
            problem(&required, json!({"m_20": ["1", "2", "3", "4"]})).is_some(),
            "max 3"
        );
        assert_eq!(
            problem(&required, json!({"m_20": ["9"]})),
            None,
            "the exclusive answer alone meets the minimum"
        );
        assert!(problem(&required, json!({"m_20": ["9", "1"]})).is_some());
        assert!(
            problem(&required, json!({"m_20": ["1", "4"]})).is_some(),
            "other without its text"
        );
        assert_eq!(
            problem(&required, json!({"m_20": ["1", "4"], "t_4": "Mine"})),
            None
        );
    }

    fn contact(required: bool) -> Rules {
        rules(
            json!({"id": 30, "type": "T", "required": required, "formParam": {"paramPrefix": "t_"},
            "answers": [{"id": 1, "text": "Name"}, {"id": 2, "text": "Email", "inputType": "email"},
                {"id": 3, "text": "Phone", "inputType": "phone"},
                {"id": 4, "text": "Age", "inputType": "number"}]}),
        )
    }

    #[test]
    fn text_fields_are_required_and_in_their_input_type() {
        let optional = contact(false);
        assert_eq!(problem(&optional, json!({})), None);
        assert_eq!(problem(&optional, json!({"t_1": "Ada"})), None);
        let good = json!({"t_1": "Ada", "t_2": "ada@example.com", "t_3": "+44 (20) 7946-0958",
            "t_4": "36.5"});
        assert_eq!(problem(&contact(true), good.clone()), None);
        let mut missing = good.clone();
        missing["t_3"] = json!(" ");
        assert!(problem(&contact(true), missing).is_some(), "every field");
        for (key, bad) in [
            ("t_2", "ada"),
            ("t_2", "ada@example"),
            ("t_2", "ada@@example.com"),
            ("t_2", "ada@exa..com"),
            ("t_2", "a da@example.com"),
            ("t_2", "@example.com"),
            ("t_3", "12345"),
            ("t_3", "0800 FLOWERS"),
            ("t_4", "12a"),
            ("t_4", "1.2.3"),
            ("t_4", "inf"),
            ("t_4", "1e5"),
        ] {
            let mut body = good.clone();
            body[key] = json!(bad);
            assert!(problem(&optional, body).is_some(), "{key} = {bad:?} passed");
        }
        for (key, fine) in [
            ("t_2", "a.b@mail.example.co.uk"),
            ("t_4", "-3"),
            ("t_4", "7"),
        ] {
            let mut body = good.clone();
            body[key] = json!(fine);
            assert_eq!(problem(&optional, body), None, "{key} = {fine:?}");
        }
    }

    fn rank(required: bool) -> Rules {
        rules(
            json!({"id": 40, "type": "R", "required": required, "formParam": {"paramPrefix": "r_"},
            "answers": [{"id": 1}, {"id": 2}, {"id": 3}]}),
        )
    }

    #[test]
    fn rank_is_a_permutation_of_one_to_n_when_answered() {
        assert_eq!(problem(&rank(false), json!({})), None);
        assert!(problem(&rank(true), json!({})).is_some());
        let body = |a: &str, b: &str, c: &str| json!({"r_1": a, "r_2": b, "r_3": c});
        assert_eq!(problem(&rank(true), body("2", "3", "1")), None);
        assert_eq!(problem(&rank(false), body("1", "2", "3")), None);
        assert!(problem(&rank(false), body("1", "1", "2")).is_some());
        assert!(problem(&rank(false), body("0", "1", "2")).is_some());
        assert!(problem(&rank(false), body("2", "3", "4")).is_some());
        assert!(problem(&rank(false), body("1", "2", "x")).is_some());
        assert!(
            problem(&rank(false), json!({"r_1": "1", "r_2": "2"})).is_some(),
            "every item once answered"
        );
    }

    fn sum(required: bool, total: Value) -> Rules {
        rules(
            json!({"id": 50, "type": "S", "required": required, "total": total,
            "formParam": {"paramPrefix": "s_"}, "answers": [{"id": 1}, {"id": 2}]}),
        )
    }

    #[test]
    fn constant_sum_adds_up_to_its_total() {
        assert_eq!(problem(&sum(false, json!(100)), json!({})), None);
        assert!(problem(&sum(true, json!(100)), json!({})).is_some());
        assert_eq!(
            problem(&sum(true, json!(100)), json!({"s_1": "60", "s_2": "40"})),
            None
        );
        assert_eq!(
            problem(&sum(true, json!(100)), json!({"s_1": "100"})),
            None,
            "an item left out counts as 0"
        );
        assert_eq!(
            problem(&sum(false, json!(10)), json!({"s_1": "2.5", "s_2": "7.5"})),
            None
        );
        assert!(problem(&sum(true, json!(100)), json!({"s_1": "60", "s_2": "50"})).is_some());
        assert!(problem(&sum(true, json!(100)), json!({"s_1": "sixty", "s_2": "40"})).is_some());
        assert!(problem(&sum(true, json!(100)), json!({"s_1": "120", "s_2": "-20"})).is_some());
        assert_eq!(
            problem(&sum(false, Value::Null), json!({"s_1": "3", "s_2": "4"})),
            None,
            "no total, any numbers"
        );
    }

    fn date(format: &str, required: bool) -> Rules {
        rules(
            json!({"id": 60, "type": "DT", "dateFormat": format, "required": required,
            "formParam": {"paramPrefix": "dt_"}, "answers": [{"id": 7}]}),
        )
    }

    fn dmy(day: &str, month: &str, year: &str) -> Value {
        json!({"dt_day_7": day, "dt_month_7": month, "dt_year_7": year})
    }

    #[test]
    fn dates_are_real_calendar_dates() {
        assert_eq!(problem(&date("dmy", false), json!({})), None);
        assert!(problem(&date("dmy", true), json!({})).is_some());
        assert_eq!(problem(&date("dmy", true), dmy("15", "6", "2024")), None);
        assert_eq!(problem(&date("dmy", true), dmy("29", "2", "2024")), None);
        assert_eq!(problem(&date("dmy", true), dmy("29", "2", "2000")), None);
        for (d, m, y) in [
            ("29", "2", "2023"),
            ("29", "2", "1900"),
            ("31", "4", "2024"),
            ("0", "1", "2024"),
            ("1", "13", "2024"),
            ("x", "1", "2024"),
        ] {
            assert!(
                problem(&date("dmy", false), dmy(d, m, y)).is_some(),
                "{d}/{m}/{y}"
            );
        }
        assert!(
            problem(
                &date("dmy", false),
                json!({"dt_day_7": "1", "dt_month_7": "1"})
            )
            .is_some(),
            "no year"
        );
    }

    #[test]
    fn date_and_time_need_a_twelve_hour_time() {
        let rules = date("dmy_time", false);
        let with = |hr: &str, min: &str, ampm: &str| {
            let mut body = dmy("15", "6", "2024");
            body["dt_hr_7"] = json!(hr);
            body["dt_min_7"] = json!(min);
            body["dt_ampm_7"] = json!(ampm);
            body
        };
        assert_eq!(problem(&rules, with("10", "30", "AM")), None);
        assert_eq!(problem(&rules, with("12", "0", "PM")), None);
        assert_eq!(problem(&rules, with("1", "59", "pm")), None);
        for (hr, min, ampm) in [
            ("0", "30", "AM"),
            ("13", "30", "AM"),
            ("10", "60", "AM"),
            ("10", "30", "XM"),
            ("10", "30", ""),
        ] {
            assert!(
                problem(&rules, with(hr, min, ampm)).is_some(),
                "{hr}:{min} {ampm}"
            );
        }
        assert!(
            problem(&rules, dmy("15", "6", "2024")).is_some(),
            "the date without its time"
        );
        assert!(
            problem(
                &rules,
                json!({"dt_hr_7": "10", "dt_min_7": "5", "dt_ampm_7": "AM"})
            )
            .is_some(),
            "a time without its date"
        );
    }

    #[test]
    fn calendar_dates_are_yyyy_mm_dd() {
        let rules = date("calendar", true);
        assert!(problem(&rules, json!({})).is_some());
        assert_eq!(problem(&rules, json!({"dt_cal_7": "2024-06-15"})), None);
        assert_eq!(problem(&rules, json!({"dt_cal_7": "2024-02-29"})), None);
        for bad in [
            "2023-02-29",
            "2024-6-15",
            "15/06/2024",
            "2024-06-15 10:30",
            "24-06-15",
            "2024-13-01",
        ] {
            assert!(problem(&rules, json!({"dt_cal_7": bad})).is_some(), "{bad}");
        }
    }

    fn matrix(multiple: bool, required: bool) -> Rules {
        let (code, prefix) = if multiple { ("MM", "m_") } else { ("MU", "u_") };
        rules(json!({"id": 70, "type": code, "required": required,
            "formParam": {"paramPrefix": prefix},
            "rows": [{"id": 71, "text": "Service"}, {"id": 72, "text": "Prices"}],
            "answers": [{"id": 1}, {"id": 2}]}))
    }

    #[test]
    fn a_required_matrix_needs_every_row() {
        assert_eq!(problem(&matrix(false, false), json!({"u_71": "1"})), None);
        assert_eq!(problem(&matrix(false, false), json!({})), None);
        assert!(problem(&matrix(false, true), json!({"u_71": "1"})).is_some());
        assert_eq!(
            problem(&matrix(false, true), json!({"u_71": "1", "u_72": "2"})),
            None
        );
        assert!(problem(&matrix(true, true), json!({"m_71": ["1"], "m_72": []})).is_some());
        assert_eq!(
            problem(
                &matrix(true, true),
                json!({"m_71": ["1", "2"], "m_72": ["2"]})
            ),
            None
        );
    }

    #[test]
    fn the_prefix_decides_before_the_type() {
        // `u_` with rows is a matrix whatever the type says.
        let odd = rules(
            json!({"id": 80, "type": "U", "required": true, "formParam": {"paramPrefix": "u_"},
            "rows": [{"id": 81}], "answers": [{"id": 1}]}),
        );
        assert_eq!(keys(&odd), ["u_81"]);
        // No formParam: the type code.
        let typed = rules(json!({"id": "90", "type": "T", "answers": [{"id": "91"}]}));
        assert_eq!(keys(&typed), ["t_91"]);
        // No id: nothing can be submitted.
        let no_id = rules(
            json!({"type": "U", "required": true, "formParam": {"paramPrefix": "u_"},
            "answers": [{"id": 1}]}),
        );
        assert!(keys(&no_id).is_empty());
    }
}
