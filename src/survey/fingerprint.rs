//! What offline capture needs to know of a page: a fingerprint of what it
//! asks (so replay can tell that the live survey still serves exactly the
//! page a respondent saw), the choices that may decide where the survey goes
//! next, and a plain description of how two versions of a page differ.

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::{FormBody, Question, QuestionKind};

/// A fingerprint of what a page asks: every question's id, kind, text and
/// required flag, and every answer, row and limit it offers, in order. What
/// the server embedded of earlier answers (a page from previous-page) is not
/// part of it. Hex SHA-256.
pub fn page_hash(questions: &[Question]) -> String {
    let described: Vec<Value> = questions.iter().map(describe).collect();
    let mut hasher = Sha256::new();
    hasher.update(Value::Array(described).to_string().as_bytes());
    hasher
        .finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

fn describe(question: &Question) -> Value {
    let choices = |choices: &[super::Choice]| -> Value {
        choices
            .iter()
            .map(|c| {
                json!([
                    c.id,
                    c.text,
                    c.other,
                    c.exclusive,
                    c.multiline,
                    format!("{:?}", c.input)
                ])
            })
            .collect()
    };
    let kind = match &question.kind {
        QuestionKind::SingleChoice { choices: c } => json!(["single", choices(c)]),
        QuestionKind::MultipleChoice {
            choices: c,
            min_select,
            max_select,
        } => json!(["multiple", choices(c), min_select, max_select]),
        QuestionKind::Text { fields } => json!(["text", choices(fields)]),
        QuestionKind::Rank { items } => json!(["rank", choices(items)]),
        QuestionKind::ConstantSum { items, total } => json!(["sum", choices(items), total]),
        QuestionKind::Date { fields, format } => {
            json!(["date", choices(fields), format!("{format:?}")])
        }
        QuestionKind::Matrix {
            rows,
            columns,
            multiple,
        } => {
            let rows: Vec<Value> = rows.iter().map(|r| json!([r.id, r.text])).collect();
            json!(["matrix", rows, choices(columns), multiple])
        }
        QuestionKind::Descriptive => json!(["descriptive"]),
        QuestionKind::Unsupported { type_code } => json!(["unsupported", type_code]),
    };
    json!([question.id, question.text, question.required, kind])
}

/// The answers of a body that may decide where a survey goes next, as one
/// line: which answer was chosen for each choice question (`u_…`, `m_…`),
/// and for everything typed (text, numbers, dates, ranks) only that it was
/// given. Keys in order, e.g. `m_10002=60001+60003;t_70001=given;u_10001=50002`.
///
/// The map assumes a survey branches on choices, not on what was typed;
/// replay verifies every page anyway, so a wrong guess stops a replay, it
/// never sends an answer the survey did not ask for.
pub fn path_choices(body: &FormBody) -> String {
    let mut parts: Vec<String> = body
        .0
        .iter()
        .filter_map(|(key, value)| {
            let chosen = key.starts_with("u_") || key.starts_with("m_");
            let shown = match value {
                Value::String(s) if s.trim().is_empty() => return None,
                Value::Array(items) if items.is_empty() => return None,
                Value::Null => return None,
                Value::String(s) if chosen => s.trim().to_owned(),
                Value::Array(items) if chosen => {
                    let mut ids: Vec<String> = items
                        .iter()
                        .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_owned))
                        .collect();
                    ids.sort();
                    ids.join("+")
                }
                _ => "given".to_owned(),
            };
            Some(format!("{key}={shown}"))
        })
        .collect();
    parts.sort();
    parts.join(";")
}

/// How the page a respondent saw (`seen`) differs from the page the server
/// serves now (`served`), in words for the operator: the first difference
/// found, e.g. "question 'Region' is new". `None` when they ask the same.
pub fn describe_change(seen: &[Question], served: &[Question]) -> Option<String> {
    if page_hash(seen) == page_hash(served) {
        return None;
    }
    let name = |q: &Question| {
        let text: String = q.text.chars().take(60).collect();
        if text.trim().is_empty() {
            format!("question {}", q.id)
        } else {
            format!("question '{}'", text.trim())
        }
    };
    for question in served {
        if !seen.iter().any(|s| s.id == question.id) {
            return Some(format!("{} is new", name(question)));
        }
    }
    for question in seen {
        let Some(now) = served.iter().find(|s| s.id == question.id) else {
            return Some(format!("{} is gone", name(question)));
        };
        let before = question.kind.choices();
        let after = now.kind.choices();
        if let Some(new) = after.iter().find(|c| !before.iter().any(|b| b.id == c.id)) {
            return Some(format!(
                "{} offers a new answer '{}' (id {})",
                name(question),
                new.text,
                new.id
            ));
        }
        if let Some(gone) = before.iter().find(|b| !after.iter().any(|c| c.id == b.id)) {
            return Some(format!(
                "{} no longer offers the answer '{}' (id {})",
                name(question),
                gone.text,
                gone.id
            ));
        }
        if describe(question) != describe(now) {
            return Some(format!("{} is asked differently", name(question)));
        }
    }
    let order = |qs: &[Question]| qs.iter().map(|q| q.id).collect::<Vec<_>>();
    if order(seen) != order(served) {
        return Some("the page's questions are in another order".to_owned());
    }
    Some("the page is different".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(value: Value) -> Vec<Question> {
        value
            .as_array()
            .into_iter()
            .flatten()
            .map(|section| Question::from_entry(&json!({"html": "", "json": section})))
            .collect()
    }

    fn region(answers: Value) -> Value {
        json!([{"id": 1, "type": "U", "text": "Region", "answers": answers,
                "formParam": {"paramPrefix": "u_", "paramIdType": "questionId"}}])
    }

    #[test]
    fn embedded_answers_do_not_change_the_fingerprint_but_an_answer_id_does() {
        let plain = page(region(
            json!([{"id": 11, "text": "North"}, {"id": 12, "text": "South"}]),
        ));
        let embedded = page(region(
            json!([{"id": 11, "text": "North", "selected": true}, {"id": 12, "text": "South"}]),
        ));
        let changed = page(region(
            json!([{"id": 11, "text": "North"}, {"id": 13, "text": "South"}]),
        ));
        assert_eq!(page_hash(&plain), page_hash(&embedded));
        assert_ne!(page_hash(&plain), page_hash(&changed));
        assert_eq!(
            describe_change(&plain, &changed).as_deref(),
            Some("question 'Region' offers a new answer 'South' (id 13)")
        );
        assert_eq!(describe_change(&plain, &embedded), None);
    }

    #[test]
    fn a_new_question_is_named() {
        let before = page(region(json!([{"id": 11, "text": "North"}])));
        let mut after = region(json!([{"id": 11, "text": "North"}]));
        if let Some(list) = after.as_array_mut() {
            list.push(
                json!({"id": 2, "type": "T", "text": "Town", "answers": [{"id": 21, "text": ""}],
                             "formParam": {"paramPrefix": "t_", "paramIdType": "answerId"}}),
            );
        }
        let after = page(after);
        assert_eq!(
            describe_change(&before, &after).as_deref(),
            Some("question 'Town' is new")
        );
        assert_eq!(
            describe_change(&after, &before).as_deref(),
            Some("question 'Town' is gone")
        );
    }

    #[test]
    fn path_choices_keep_choices_and_only_whether_text_was_given() {
        let body = FormBody(
            json!({"u_1": "11", "m_2": ["23", "21"], "t_31": "my secret words", "t_32": "",
                   "s_41": "50"})
            .as_object()
            .cloned()
            .unwrap_or_default(),
        );
        let line = path_choices(&body);
        assert_eq!(line, "m_2=21+23;s_41=given;t_31=given;u_1=11");
        assert!(!line.contains("secret"));
    }
}
