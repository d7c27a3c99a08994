//! The survey model: section JSON into typed questions, the respondent's
//! answers, the flat submit body, and local validation.

mod answer;
mod fingerprint;
pub mod html;
mod pair;
mod question;
mod validate;

pub use answer::{Answer, DateParts, FormBody, Meridiem, encode_page, normalize_number};
pub use fingerprint::{describe_change, page_hash, path_choices};
pub use pair::{Pair, PairMut};
pub use question::{Choice, DateFormat, Id, InputKind, Question, QuestionKind, Row, parse_id};
pub use validate::{Problem, looks_like_email, looks_like_phone, validate, validate_page};

/// The starting answers for a page: what the server embedded (a page from
/// previous-page) and, for each question where it embedded nothing, what this
/// client sent for the page before (`own_copy`).
pub fn prefill(questions: &[Question], own_copy: Option<&FormBody>) -> Vec<Answer> {
    questions
        .iter()
        .map(|question| {
            let embedded = Answer::from_embedded(question);
            match own_copy {
                Some(body) if embedded.is_empty() => Answer::from_body(question, body),
                _ => embedded,
            }
        })
        .collect()
}

/// Which page of a survey these questions are: their ids in order, e.g.
/// `10001,10002`. Crash recovery compares the page a reload shows with the
/// page a pending body answers; the kiosk keeps a draft per page with it.
pub fn page_key(questions: &[Question]) -> String {
    let ids: Vec<String> = questions.iter().map(|q| q.id.to_string()).collect();
    ids.join(",")
}
