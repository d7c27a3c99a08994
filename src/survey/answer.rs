//! The respondent's answer to each question, and the flat formParam body.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::pair::{Pair, PairMut};
use super::question::{DateFormat, Id, Question, QuestionKind, parse_id};

/// The flat submit-page body: `paramPrefix + id` → string or array of strings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FormBody(pub Map<String, Value>);

impl FormBody {
    pub fn get_str(&self, key: &str) -> Option<&str> {
        self.0.get(key).and_then(Value::as_str)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn put(&mut self, key: String, value: impl Into<String>) {
        self.0.insert(key, Value::String(value.into()));
    }
}

/// AM or PM on a 12-hour clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Meridiem {
    Am,
    Pm,
}

impl Meridiem {
    pub fn as_str(self) -> &'static str {
        match self {
            Meridiem::Am => "AM",
            Meridiem::Pm => "PM",
        }
    }
}

/// The parts of one date field as the respondent set them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DateParts {
    pub day: Option<u32>,
    pub month: Option<u32>,
    pub year: Option<i32>,
    /// 1–12.
    pub hour: Option<u32>,
    pub minute: Option<u32>,
    pub meridiem: Option<Meridiem>,
}

impl DateParts {
    pub fn is_empty(&self) -> bool {
        *self == DateParts::default()
    }

    pub fn date(&self) -> Option<chrono::NaiveDate> {
        chrono::NaiveDate::from_ymd_opt(self.year?, self.month?, self.day?)
    }

    /// Reads `2024-06-15`, `2024-06-15 10:30 AM`, `15/06/2024` and `15/06/2024 10:30 PM`.
    pub fn parse(text: &str) -> DateParts {
        let mut parts = text.split_whitespace();
        let mut out = DateParts::default();
        if let Some(date) = parts.next() {
            let numbers: Vec<&str> = date.split(['-', '/', '.']).collect();
            if let [a, b, c] = numbers[..] {
                // Year first when the first part has four digits or more (`12345-01-02`
                // is what a calendar date with a five-digit year encodes to).
                let (day, month, year) = if a.len() >= 4 { (c, b, a) } else { (a, b, c) };
                out.day = day.parse().ok();
                out.month = month.parse().ok();
                out.year = year.parse().ok();
            }
        }
        if let Some(time) = parts.next()
            && let Some((hour, minute)) = time.split_once(':')
        {
            out.hour = hour.parse().ok();
            out.minute = minute.parse().ok();
        }
        out.meridiem = match parts.next().map(str::to_ascii_uppercase).as_deref() {
            Some("AM") => Some(Meridiem::Am),
            Some("PM") => Some(Meridiem::Pm),
            _ => None,
        };
        out
    }
}

/// The respondent's answer to one question. Each variant's vectors run
/// parallel to the question's choices, fields, items or rows.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    /// Descriptive text and unsupported kinds: nothing to give.
    Nothing,
    Single {
        choice: Option<Id>,
        /// "Please specify" text, by the id of the "other" choice.
        other_text: BTreeMap<Id, String>,
    },
    Multiple {
        chosen: Vec<Id>,
        other_text: BTreeMap<Id, String>,
    },
    Text {
        values: Vec<String>,
    },
    /// Position of each item (1 = first); `None` while unranked.
    Rank {
        ranks: Vec<Option<u32>>,
    },
    /// The numbers as typed.
    Sum {
        values: Vec<String>,
    },
    Date {
        values: Vec<DateParts>,
    },
    /// Chosen column ids per row.
    Matrix {
        rows: Vec<Vec<Id>>,
    },
}

impl Answer {
    /// An empty answer of the right shape for `question`.
    pub fn empty(question: &Question) -> Answer {
        match &question.kind {
            QuestionKind::SingleChoice { .. } => Answer::Single {
                choice: None,
                other_text: BTreeMap::new(),
            },
            QuestionKind::MultipleChoice { .. } => Answer::Multiple {
                chosen: Vec::new(),
                other_text: BTreeMap::new(),
            },
            QuestionKind::Text { fields } => Answer::Text {
                values: vec![String::new(); fields.len()],
            },
            QuestionKind::Rank { items } => Answer::Rank {
                ranks: vec![None; items.len()],
            },
            QuestionKind::ConstantSum { items, .. } => Answer::Sum {
                values: vec![String::new(); items.len()],
            },
            QuestionKind::Date { fields, .. } => Answer::Date {
                values: vec![DateParts::default(); fields.len()],
            },
            QuestionKind::Matrix { rows, .. } => Answer::Matrix {
                rows: vec![Vec::new(); rows.len()],
            },
            QuestionKind::Descriptive | QuestionKind::Unsupported { .. } => Answer::Nothing,
        }
    }

    /// The answer the server embedded in the question (a page from
    /// previous-page), or an empty one.
    pub fn from_embedded(question: &Question) -> Answer {
        let mut answer = Answer::empty(question);
        match question.pair_mut(&mut answer) {
            PairMut::Nothing => {}
            PairMut::Single {
                choices,
                choice,
                other_text,
            } => {
                *choice = choices.iter().find(|c| c.selected).map(|c| c.id);
                embedded_other_text(choices, other_text);
            }
            PairMut::Multiple {
                choices,
                chosen,
                other_text,
                ..
            } => {
                *chosen = choices
                    .iter()
                    .filter(|c| c.selected)
                    .map(|c| c.id)
                    .collect();
                embedded_other_text(choices, other_text);
            }
            PairMut::Text { fields, values } => {
                for (value, field) in values.iter_mut().zip(fields) {
                    *value = field.value.clone().unwrap_or_default();
                }
            }
            PairMut::Rank { items, ranks } => {
                for (rank, item) in ranks.iter_mut().zip(items) {
                    *rank = item.value.as_deref().and_then(|v| v.trim().parse().ok());
                }
            }
            PairMut::Sum { items, values, .. } => {
                for (value, item) in values.iter_mut().zip(items) {
                    *value = item.value.clone().unwrap_or_default();
                }
            }
            PairMut::Date { fields, values, .. } => {
                for (value, field) in values.iter_mut().zip(fields) {
                    *value = field
                        .value
                        .as_deref()
                        .map(DateParts::parse)
                        .unwrap_or_default();
                }
            }
            PairMut::Matrix { rows, chosen, .. } => {
                for (chosen, row) in chosen.iter_mut().zip(rows) {
                    chosen.clone_from(&row.selected);
                }
            }
        }
        answer
    }

    /// The answer as it was sent in `body` (the client's own copy of a page it
    /// submitted). Keys that do not fit are ignored.
    /// (Long because each question kind is one arm of one match over the pairing.)
    pub fn from_body(question: &Question, body: &FormBody) -> Answer {
        let ids_at = |key: String| -> Vec<Id> {
            match body.0.get(&key) {
                Some(Value::Array(ids)) => ids.iter().filter_map(parse_id).collect(),
                Some(v) => parse_id(v).into_iter().collect(),
                None => Vec::new(),
            }
        };
        let text_at = |key: String| body.get_str(&key).map(str::to_owned);
        fn number<T: std::str::FromStr>(body: &FormBody, key: String) -> Option<T> {
            body.get_str(&key).and_then(|s| s.trim().parse().ok())
        }
        let number_at = |key: String| number(body, key);
        let mut answer = Answer::empty(question);
        match question.pair_mut(&mut answer) {
            PairMut::Nothing => {}
            PairMut::Single {
                choices,
                choice,
                other_text,
            } => {
                *choice = ids_at(format!("u_{}", question.id)).first().copied();
                for c in choices.iter().filter(|c| c.other) {
                    if let Some(t) = text_at(format!("t_{}", c.id)) {
                        other_text.insert(c.id, t);
                    }
                }
            }
            PairMut::Multiple {
                choices,
                chosen,
                other_text,
                ..
            } => {
                *chosen = ids_at(format!("m_{}", question.id));
                for c in choices.iter().filter(|c| c.other) {
                    if let Some(t) = text_at(format!("t_{}", c.id)) {
                        other_text.insert(c.id, t);
                    }
                }
            }
            PairMut::Text { fields, values } => {
                for (value, field) in values.iter_mut().zip(fields) {
                    *value = text_at(format!("t_{}", field.id)).unwrap_or_default();
                }
            }
            PairMut::Rank { items, ranks } => {
                for (rank, item) in ranks.iter_mut().zip(items) {
                    *rank = number_at(format!("r_{}", item.id));
                }
            }
            PairMut::Sum { items, values, .. } => {
                for (value, item) in values.iter_mut().zip(items) {
                    *value = text_at(format!("s_{}", item.id)).unwrap_or_default();
                }
            }
            PairMut::Date {
                fields,
                format,
                values,
            } => {
                for (value, field) in values.iter_mut().zip(fields) {
                    *value = if format == DateFormat::Calendar {
                        text_at(format!("dt_cal_{}", field.id))
                            .map(|t| DateParts::parse(&t))
                            .unwrap_or_default()
                    } else {
                        DateParts {
                            day: number_at(format!("dt_day_{}", field.id)),
                            month: number_at(format!("dt_month_{}", field.id)),
                            year: number(body, format!("dt_year_{}", field.id)),
                            hour: number_at(format!("dt_hr_{}", field.id)),
                            minute: number_at(format!("dt_min_{}", field.id)),
                            meridiem: match body.get_str(&format!("dt_ampm_{}", field.id)) {
                                Some(m) if m.eq_ignore_ascii_case("AM") => Some(Meridiem::Am),
                                Some(m) if m.eq_ignore_ascii_case("PM") => Some(Meridiem::Pm),
                                _ => None,
                            },
                        }
                    };
                }
            }
            PairMut::Matrix {
                rows,
                multiple,
                chosen,
                ..
            } => {
                let prefix = if multiple { "m_" } else { "u_" };
                for (chosen, row) in chosen.iter_mut().zip(rows) {
                    *chosen = ids_at(format!("{prefix}{}", row.id));
                }
            }
        }
        answer
    }

    /// Whether this answer is of `question`'s kind (an answer of another
    /// kind is never stored on a page: [`crate::kiosk`] refuses it).
    pub fn fits(&self, question: &Question) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(&Answer::empty(question))
    }

    /// Whether the respondent has given anything for this question.
    pub fn is_empty(&self) -> bool {
        match self {
            Answer::Nothing => true,
            Answer::Single { choice, .. } => choice.is_none(),
            Answer::Multiple { chosen, .. } => chosen.is_empty(),
            Answer::Text { values } | Answer::Sum { values } => {
                values.iter().all(|v| v.trim().is_empty())
            }
            Answer::Rank { ranks } => ranks.iter().all(Option::is_none),
            Answer::Date { values } => values.iter().all(DateParts::is_empty),
            Answer::Matrix { rows } => rows.iter().all(Vec::is_empty),
        }
    }

    /// Adds this answer's keys to `body`, exactly as the spec's body table
    /// says. An empty answer adds nothing.
    pub fn encode_into(&self, question: &Question, body: &mut FormBody) {
        let qid = question.id;
        match question.pair(self) {
            Pair::Nothing => {}
            Pair::Single {
                choices,
                choice,
                other_text,
            } => {
                // Only an offered choice is sent.
                if let Some(id) = choice.filter(|id| choices.iter().any(|c| c.id == *id)) {
                    body.put(format!("u_{qid}"), id.to_string());
                    put_other_text(body, choices, &[id], other_text);
                }
            }
            Pair::Multiple {
                choices,
                chosen,
                other_text,
                ..
            } => {
                let ids = in_choice_order(choices, chosen);
                if !ids.is_empty() {
                    body.0.insert(format!("m_{qid}"), id_array(&ids));
                    put_other_text(body, choices, &ids, other_text);
                }
            }
            Pair::Text { fields, values } => {
                for (field, value) in fields.iter().zip(values) {
                    if !value.trim().is_empty() {
                        body.put(format!("t_{}", field.id), value.trim());
                    }
                }
            }
            Pair::Rank { items, ranks } => {
                for (item, rank) in items.iter().zip(ranks) {
                    if let Some(rank) = rank {
                        body.put(format!("r_{}", item.id), rank.to_string());
                    }
                }
            }
            Pair::Sum { items, values, .. } => {
                for (item, value) in items.iter().zip(values) {
                    if !value.trim().is_empty() {
                        body.put(format!("s_{}", item.id), normalize_number(value));
                    }
                }
            }
            Pair::Date {
                fields,
                format,
                values,
            } => {
                for (field, parts) in fields.iter().zip(values) {
                    encode_date(body, field.id, format, parts);
                }
            }
            Pair::Matrix {
                rows,
                columns,
                multiple,
                chosen,
            } => {
                for (row, ids) in rows.iter().zip(chosen) {
                    if ids.is_empty() {
                        continue;
                    }
                    if multiple {
                        // Only offered columns; none left means the row is unanswered.
                        let ids = in_choice_order(columns, ids);
                        if !ids.is_empty() {
                            body.0.insert(format!("m_{}", row.id), id_array(&ids));
                        }
                    } else if let Some(id) = ids.first() {
                        body.put(format!("u_{}", row.id), id.to_string());
                    }
                }
            }
        }
    }
}

/// The "please specify" texts a page from previous-page embeds.
fn embedded_other_text(choices: &[super::question::Choice], other_text: &mut BTreeMap<Id, String>) {
    for c in choices.iter().filter(|c| c.other) {
        if let Some(v) = &c.value {
            other_text.insert(c.id, v.clone());
        }
    }
}

fn id_array(ids: &[Id]) -> Value {
    Value::Array(ids.iter().map(|id| Value::String(id.to_string())).collect())
}

/// `chosen` in the order the choices are listed, without duplicates or
/// ids the question does not offer.
fn in_choice_order(choices: &[super::question::Choice], chosen: &[Id]) -> Vec<Id> {
    choices
        .iter()
        .map(|c| c.id)
        .filter(|id| chosen.contains(id))
        .collect()
}

fn put_other_text(
    body: &mut FormBody,
    choices: &[super::question::Choice],
    chosen: &[Id],
    other_text: &BTreeMap<Id, String>,
) {
    for c in choices.iter().filter(|c| c.other && chosen.contains(&c.id)) {
        if let Some(text) = other_text.get(&c.id).filter(|t| !t.trim().is_empty()) {
            body.put(format!("t_{}", c.id), text.trim());
        }
    }
}

fn encode_date(body: &mut FormBody, id: Id, format: DateFormat, parts: &DateParts) {
    if parts.is_empty() {
        return;
    }
    if format == DateFormat::Calendar {
        if let (Some(year), Some(month), Some(day)) = (parts.year, parts.month, parts.day) {
            body.put(
                format!("dt_cal_{id}"),
                format!("{year:04}-{month:02}-{day:02}"),
            );
        }
        return;
    }
    let mut put = |name: &str, value: Option<String>| {
        if let Some(value) = value {
            body.put(format!("dt_{name}_{id}"), value);
        }
    };
    put("day", parts.day.map(|d| d.to_string()));
    put("month", parts.month.map(|m| m.to_string()));
    put("year", parts.year.map(|y| y.to_string()));
    if format == DateFormat::DayMonthYearTime {
        put("hr", parts.hour.map(|h| h.to_string()));
        put("min", parts.minute.map(|m| m.to_string()));
        put("ampm", parts.meridiem.map(|m| m.as_str().to_owned()));
    }
}

/// `" 050 "` → `"50"`, `"12.50"` → `"12.5"`; anything else is sent trimmed.
pub fn normalize_number(text: &str) -> String {
    let text = text.trim();
    if let Ok(n) = text.parse::<i64>() {
        return n.to_string();
    }
    match text.parse::<f64>() {
        // `+ 0.0` turns -0 into 0, as the integer branch does for "-0".
        Ok(n) if n.is_finite() => (n + 0.0).to_string(),
        _ => text.to_owned(),
    }
}

/// The body for a whole page: each question's keys; `{}` when nothing is
/// answered.
pub fn encode_page(questions: &[Question], answers: &[Answer]) -> FormBody {
    let mut body = FormBody::default();
    for (question, answer) in questions.iter().zip(answers) {
        answer.encode_into(question, &mut body);
    }
    body
}
