//! Section JSON (`questions[].json`) into typed questions.
//!
//! Parsing is total: whatever the server sends becomes a [`Question`]; a kind
//! the kiosk cannot show becomes [`QuestionKind::Unsupported`] with a plain
//! text rendering, never an error for the whole page.

use serde_json::Value;

use super::html::{Emphasis, Styled, to_plain_text, to_styled_text};

/// Question, answer and row ids. Real ids exceed 32 bits.
pub type Id = u64;

/// One question of a page, ready to draw and to answer.
#[derive(Clone, Debug, PartialEq)]
pub struct Question {
    /// The section's id (`0` when the server sent none, e.g. descriptive text).
    pub id: Id,
    /// The question text, as plain text.
    pub text: String,
    /// What the question's HTML made bold or italic, over `text`.
    pub emphasis: Vec<Emphasis>,
    pub required: bool,
    pub kind: QuestionKind,
}

/// What kind of input a question asks for, with the kind's own data.
#[derive(Clone, Debug, PartialEq)]
pub enum QuestionKind {
    /// Radio buttons, a drop-down, a 0–10 scale: one answer (`u_{questionId}`).
    SingleChoice { choices: Vec<Choice> },
    /// Check boxes (`m_{questionId}`).
    MultipleChoice {
        choices: Vec<Choice>,
        min_select: Option<u32>,
        max_select: Option<u32>,
    },
    /// Open-ended text, one field per answer (`t_{answerId}`): a comment box
    /// or a contact form.
    Text { fields: Vec<Choice> },
    /// Rank order (`r_{answerId}` = position, 1 = first).
    Rank { items: Vec<Choice> },
    /// Constant sum (`s_{answerId}`), the values adding up to `total`.
    ConstantSum {
        items: Vec<Choice>,
        total: Option<f64>,
    },
    /// Date, date and time, or calendar date, one per answer (`dt_…`).
    Date {
        fields: Vec<Choice>,
        format: DateFormat,
    },
    /// A grid: rows are asked, `columns` are the answers. One answer per row
    /// (`u_{rowId}`) or several (`m_{rowId}`).
    Matrix {
        rows: Vec<Row>,
        columns: Vec<Choice>,
        multiple: bool,
    },
    /// Text to read; nothing to submit.
    Descriptive,
    /// A kind this kiosk does not know: its text is shown, nothing is submitted.
    Unsupported { type_code: String },
}

/// One of the answers the server offers (a choice, a text field, an item).
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    pub id: Id,
    pub text: String,
    /// "Other, please specify": choosing it asks for a text.
    pub other: bool,
    /// Chosen alone (e.g. "None of these").
    pub exclusive: bool,
    /// A text field of several lines.
    pub multiline: bool,
    pub input: InputKind,
    /// Pre-filled by the server (previous-page): chosen.
    pub selected: bool,
    /// Pre-filled by the server (previous-page): the value given.
    pub value: Option<String>,
}

/// A matrix row. Its id acts as a question id in the body.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub id: Id,
    pub text: String,
    /// Pre-filled by the server (previous-page): the chosen column ids.
    pub selected: Vec<Id>,
}

/// The hint on a text field: which keyboard and which check fit it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum InputKind {
    #[default]
    Text,
    Email,
    Number,
    Phone,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DateFormat {
    /// Day, month, year.
    #[default]
    DayMonthYear,
    /// Day, month, year, hour, minute, AM/PM.
    DayMonthYearTime,
    /// One calendar date (`YYYY-MM-DD`).
    Calendar,
}

impl Question {
    /// Parses one `questions[]` entry: `json` may be an object or a string
    /// holding JSON; `html` is the fallback text when `json` is unusable.
    pub fn from_entry(entry: &Value) -> Question {
        let html = entry.get("html").and_then(Value::as_str).unwrap_or("");
        let parsed;
        let section = match entry.get("json") {
            Some(Value::String(s)) => {
                parsed = serde_json::from_str::<Value>(s).ok();
                parsed.as_ref()
            }
            Some(v @ Value::Object(_)) => Some(v),
            _ => None,
        };
        match section {
            Some(section) if section.is_object() => Question::from_section(section, html),
            _ => {
                let Styled { text, emphasis } = to_styled_text(html);
                Question {
                    id: 0,
                    text,
                    emphasis,
                    required: false,
                    kind: QuestionKind::Unsupported {
                        type_code: String::new(),
                    },
                }
            }
        }
    }

    /// Parses a section object. `fallback_html` (the entry's `html`, an HTML
    /// fragment) is shown as plain text when the section has no text of its
    /// own; it is only converted then.
    /// (Long because each kind of section is one arm of the dispatch the spec describes (prefix, then type, then shape).)
    pub fn from_section(section: &Value, fallback_html: &str) -> Question {
        let type_code = section
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or("")
            .trim()
            .to_ascii_uppercase();
        let prefix = section
            .get("formParam")
            .and_then(|f| f.get("paramPrefix"))
            .and_then(Value::as_str)
            .map(|p| p.trim().to_ascii_lowercase());
        let Styled { text, emphasis } = section
            .get("text")
            .and_then(Value::as_str)
            .map(to_styled_text)
            .filter(|t| !t.text.is_empty())
            .unwrap_or_else(|| to_styled_text(fallback_html));
        let id = section.get("id").and_then(parse_id);
        let required = section.get("required").is_some_and(truthy);
        let choices = parse_choices(section.get("answers"));
        let rows = parse_rows(section.get("rows"));
        let has_rows = !rows.is_empty();

        // Whether it is required is kept: a required question the kiosk
        // cannot show must put the kiosk out of service (and fail `check`),
        // not trap a respondent.
        let unsupported = |text: String, emphasis: Vec<Emphasis>| Question {
            id: id.unwrap_or(0),
            text,
            emphasis,
            required,
            kind: QuestionKind::Unsupported {
                type_code: type_code.clone(),
            },
        };

        let code = match prefix.as_deref() {
            Some("u_") if has_rows || type_code == "MU" => "MU",
            Some("u_") => "U",
            Some("m_") if has_rows || type_code == "MM" => "MM",
            Some("m_") => "M",
            Some("t_") => "T",
            Some("r_") => "R",
            Some("s_") => "S",
            Some("dt_") => "DT",
            Some(_) => "",
            None => match type_code.as_str() {
                "D" | "U" | "M" | "T" | "R" | "S" | "DT" | "MU" | "MM" => type_code.as_str(),
                _ => "",
            },
        };
        if code == "D" {
            return Question {
                id: id.unwrap_or(0),
                text,
                emphasis,
                required: false,
                kind: QuestionKind::Descriptive,
            };
        }
        // Everything below is submitted under an id: without one it cannot be answered.
        let Some(id) = id else {
            return unsupported(text, emphasis);
        };
        let kind = match code {
            "U" => QuestionKind::SingleChoice { choices },
            "M" => QuestionKind::MultipleChoice {
                choices,
                min_select: section.get("minSelect").and_then(parse_count),
                max_select: section.get("maxSelect").and_then(parse_count),
            },
            "T" => QuestionKind::Text { fields: choices },
            "R" => QuestionKind::Rank { items: choices },
            "S" => QuestionKind::ConstantSum {
                items: choices,
                total: section.get("total").and_then(parse_number),
            },
            "DT" => QuestionKind::Date {
                fields: choices,
                format: section
                    .get("dateFormat")
                    .and_then(Value::as_str)
                    .map(parse_date_format)
                    .unwrap_or_default(),
            },
            "MU" | "MM" => QuestionKind::Matrix {
                rows,
                columns: choices,
                multiple: code == "MM",
            },
            _ => return unsupported(text, emphasis),
        };
        let answerable = match &kind {
            QuestionKind::Matrix { rows, .. } => !rows.is_empty() && !kind.choices().is_empty(),
            QuestionKind::SingleChoice { .. }
            | QuestionKind::MultipleChoice { .. }
            | QuestionKind::Text { .. }
            | QuestionKind::Rank { .. }
            | QuestionKind::ConstantSum { .. }
            | QuestionKind::Date { .. } => !kind.choices().is_empty(),
            QuestionKind::Descriptive | QuestionKind::Unsupported { .. } => true,
        };
        if !answerable {
            return unsupported(text, emphasis);
        }
        Question {
            id,
            text,
            emphasis,
            required,
            kind,
        }
    }

    /// Whether this question takes an answer at all.
    pub fn takes_answer(&self) -> bool {
        !matches!(
            self.kind,
            QuestionKind::Descriptive | QuestionKind::Unsupported { .. }
        )
    }
}

impl QuestionKind {
    /// What the server offers under the section's `answers`: the choices,
    /// text fields, items, date fields or matrix columns; empty for kinds
    /// that have none.
    pub fn choices(&self) -> &[Choice] {
        match self {
            QuestionKind::SingleChoice { choices }
            | QuestionKind::MultipleChoice { choices, .. } => choices,
            QuestionKind::Text { fields } | QuestionKind::Date { fields, .. } => fields,
            QuestionKind::Rank { items } | QuestionKind::ConstantSum { items, .. } => items,
            QuestionKind::Matrix { columns, .. } => columns,
            QuestionKind::Descriptive | QuestionKind::Unsupported { .. } => &[],
        }
    }
}

/// An id as a JSON number or a string of digits.
pub fn parse_id(value: &Value) -> Option<Id> {
    match value {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn parse_count(value: &Value) -> Option<u32> {
    parse_id(value).and_then(|n| u32::try_from(n).ok())
}

fn parse_number(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
    .filter(|n: &f64| n.is_finite())
}

/// `true`, `"true"`, `1`, `"1"`, `"yes"`.
fn truthy(value: &Value) -> bool {
    match value {
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|n| n != 0.0),
        Value::String(s) => matches!(s.trim().to_ascii_lowercase().as_str(), "true" | "1" | "yes"),
        _ => false,
    }
}

fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn parse_input_kind(value: Option<&Value>) -> InputKind {
    match value
        .and_then(Value::as_str)
        .map(|s| s.trim().to_ascii_lowercase())
        .as_deref()
    {
        Some("email") => InputKind::Email,
        Some("number" | "numeric" | "integer" | "decimal") => InputKind::Number,
        Some("phone" | "tel" | "telephone") => InputKind::Phone,
        _ => InputKind::Text,
    }
}

fn parse_date_format(format: &str) -> DateFormat {
    let format = format.trim().to_ascii_lowercase().replace(['-', ' '], "_");
    match format.as_str() {
        "calendar" | "cal" | "date_picker" => DateFormat::Calendar,
        f if f.contains("time") => DateFormat::DayMonthYearTime,
        _ => DateFormat::DayMonthYear,
    }
}

fn parse_choices(value: Option<&Value>) -> Vec<Choice> {
    let Some(Value::Array(items)) = value else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| {
            let id = item.get("id").and_then(parse_id)?;
            Some(Choice {
                id,
                text: item
                    .get("text")
                    .and_then(Value::as_str)
                    .map(to_plain_text)
                    .unwrap_or_default(),
                other: item.get("other").is_some_and(truthy),
                exclusive: item.get("exclusive").is_some_and(truthy),
                multiline: item.get("multiline").is_some_and(truthy),
                input: parse_input_kind(item.get("inputType")),
                selected: item.get("selected").is_some_and(truthy),
                value: item.get("value").and_then(text_of),
            })
        })
        .collect()
}

fn parse_rows(value: Option<&Value>) -> Vec<Row> {
    let Some(Value::Array(items)) = value else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| {
            let id = item.get("id").and_then(parse_id)?;
            let selected = match item.get("selected") {
                Some(Value::Array(ids)) => ids.iter().filter_map(parse_id).collect(),
                Some(single) => parse_id(single).into_iter().collect(),
                None => Vec::new(),
            };
            Some(Row {
                id,
                text: item
                    .get("text")
                    .and_then(Value::as_str)
                    .map(to_plain_text)
                    .unwrap_or_default(),
                selected,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn seed_example_is_single_choice() {
        let q = Question::from_entry(&json!({
            "html": "<div>ignored</div>",
            "json": {"id": 10001, "type": "U", "text": "How satisfied are you?",
                "answers": [{"id": 50001, "text": "Very satisfied"}, {"id": 50002, "text": "Satisfied"}],
                "formParam": {"paramPrefix": "u_", "paramIdType": "questionId"}}
        }));
        assert_eq!(q.id, 10001);
        assert_eq!(q.text, "How satisfied are you?");
        let QuestionKind::SingleChoice { choices } = &q.kind else {
            panic!("not single choice: {q:?}");
        };
        assert_eq!(choices.len(), 2);
        assert_eq!(choices[1].id, 50002);
    }

    #[test]
    fn json_as_a_string_is_parsed() {
        let section = json!({"id": "5000000001", "type": "M", "text": "Pick",
            "answers": [{"id": "6000000001", "text": "A", "exclusive": true}],
            "minSelect": 1, "maxSelect": "2",
            "formParam": {"paramPrefix": "m_", "paramIdType": "questionId"}});
        let q = Question::from_entry(&json!({"html": null, "json": section.to_string()}));
        assert_eq!(q.id, 5_000_000_001);
        assert_eq!(
            q.kind,
            QuestionKind::MultipleChoice {
                choices: vec![Choice {
                    id: 6_000_000_001,
                    text: "A".into(),
                    other: false,
                    exclusive: true,
                    multiline: false,
                    input: InputKind::Text,
                    selected: false,
                    value: None,
                }],
                min_select: Some(1),
                max_select: Some(2),
            }
        );
    }

    #[test]
    fn prefix_wins_over_type_and_rows_make_a_matrix() {
        let q = Question::from_section(
            &json!({"id": 1, "type": "weird", "rows": [{"id": 7, "text": "Row", "selected": ["3"]}],
                "answers": [{"id": 3, "text": "Good"}], "formParam": {"paramPrefix": "m_"}}),
            "",
        );
        let QuestionKind::Matrix { rows, multiple, .. } = &q.kind else {
            panic!("{q:?}");
        };
        assert!(multiple);
        assert_eq!(rows[0].selected, vec![3]);
    }

    #[test]
    fn unknown_kinds_keep_their_text() {
        let q = Question::from_entry(&json!({
            "html": "<p>Rate the <b>heat</b> map</p>",
            "json": {"id": 9, "type": "HEATMAP"}
        }));
        assert_eq!(q.text, "Rate the heat map");
        assert!(
            matches!(q.kind, QuestionKind::Unsupported { ref type_code } if type_code == "HEATMAP")
        );
        let broken = Question::from_entry(&json!({"html": "Broken", "json": "{not json"}));
        assert!(matches!(broken.kind, QuestionKind::Unsupported { .. }));
        assert_eq!(broken.text, "Broken");
    }

    #[test]
    fn descriptive_needs_no_id() {
        let q = Question::from_section(&json!({"type": "D", "text": "<p>Hello</p>"}), "");
        assert_eq!(q.kind, QuestionKind::Descriptive);
        assert_eq!(q.text, "Hello");
    }

    #[test]
    fn choices_are_the_answers_of_every_kind_that_has_them() {
        let ids = |section: Value| -> Vec<Id> {
            let q = Question::from_section(&section, "");
            q.kind.choices().iter().map(|c| c.id).collect()
        };
        let answers = json!([{"id": 2, "text": "A"}, {"id": 3, "text": "B"}]);
        for prefix in ["u_", "m_", "t_", "r_", "s_", "dt_"] {
            let section =
                json!({"id": 1, "answers": answers, "formParam": {"paramPrefix": prefix}});
            assert_eq!(ids(section), vec![2, 3], "{prefix}");
        }
        let matrix = json!({"id": 1, "rows": [{"id": 7, "text": "Row"}], "answers": answers,
            "formParam": {"paramPrefix": "u_"}});
        assert_eq!(ids(matrix), vec![2, 3], "a matrix's columns");
        assert!(ids(json!({"type": "D", "text": "Hi"})).is_empty());
        assert!(ids(json!({"id": 1, "type": "HEATMAP", "answers": answers})).is_empty());
    }

    #[test]
    fn date_formats() {
        for (format, expected) in [
            ("dmy", DateFormat::DayMonthYear),
            ("dmy_time", DateFormat::DayMonthYearTime),
            ("calendar", DateFormat::Calendar),
        ] {
            let q = Question::from_section(
                &json!({"id": 1, "type": "DT", "dateFormat": format,
                    "answers": [{"id": 2, "text": "Date"}], "formParam": {"paramPrefix": "dt_"}}),
                "",
            );
            assert!(matches!(q.kind, QuestionKind::Date { format: f, .. } if f == expected));
        }
    }
}
