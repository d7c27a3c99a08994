//! The submit-page body, exactly as the spec's "submit-page body" table says,
//! its round trip back into answers, pre-filling, and local validation.
//!
//! Every question is built from section JSON, the way the server sends it.

// A test that cannot set up stops with the reason: `expect` is how it says so.
#![allow(clippy::expect_used)]

use std::collections::BTreeMap;
use std::slice;

use serde_json::{Value, json};
use survey_kiosk::survey::{
    Answer, DateParts, FormBody, Meridiem, Question, QuestionKind, encode_page, normalize_number,
    prefill, validate, validate_page,
};

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// A `questions[]` entry with `json` as an object.
fn question(section: Value) -> Question {
    Question::from_entry(&json!({ "html": null, "json": section }))
}

/// The body of a page holding only `q`, answered with `a`, as JSON.
fn encode_one(q: &Question, a: &Answer) -> Value {
    Value::Object(encode_page(slice::from_ref(q), slice::from_ref(a)).0)
}

fn encode_all(questions: &[Question], answers: &[Answer]) -> Value {
    Value::Object(encode_page(questions, answers).0)
}

fn form_body(value: Value) -> FormBody {
    let Value::Object(map) = value else {
        panic!("a body is a JSON object: {value}");
    };
    FormBody(map)
}

fn no_text() -> BTreeMap<u64, String> {
    BTreeMap::new()
}

fn single(choice: Option<u64>) -> Answer {
    Answer::Single {
        choice,
        other_text: no_text(),
    }
}

fn multiple(chosen: &[u64]) -> Answer {
    Answer::Multiple {
        chosen: chosen.to_vec(),
        other_text: no_text(),
    }
}

fn texts(values: &[&str]) -> Vec<String> {
    values.iter().map(|v| (*v).to_owned()).collect()
}

fn date(day: u32, month: u32, year: i32) -> DateParts {
    DateParts {
        day: Some(day),
        month: Some(month),
        year: Some(year),
        ..DateParts::default()
    }
}

fn date_time(day: u32, month: u32, year: i32, hour: u32, minute: u32, m: Meridiem) -> DateParts {
    DateParts {
        hour: Some(hour),
        minute: Some(minute),
        meridiem: Some(m),
        ..date(day, month, year)
    }
}

// --- Sections -------------------------------------------------------------

fn single_section() -> Value {
    json!({"id": 10001, "type": "U", "text": "How satisfied are you?",
        "answers": [{"id": 50001, "text": "Very satisfied"}, {"id": 50002, "text": "Satisfied"},
                    {"id": 50003, "text": "Not satisfied"}],
        "formParam": {"paramPrefix": "u_", "paramIdType": "questionId"}})
}

fn single_other_section() -> Value {
    json!({"id": 10011, "type": "U", "text": "Where did you hear about us?",
        "answers": [{"id": 51001, "text": "Radio"}, {"id": 51002, "text": "Friends"},
                    {"id": 51009, "text": "Other", "other": true}],
        "formParam": {"paramPrefix": "u_", "paramIdType": "questionId"}})
}

fn multiple_section() -> Value {
    json!({"id": 10002, "type": "M", "text": "Which did you buy?",
        "answers": [{"id": 60001, "text": "Bread"}, {"id": 60002, "text": "Milk"},
                    {"id": 60003, "text": "Eggs"}, {"id": 60004, "text": "Something else", "other": true},
                    {"id": 60009, "text": "None of these", "exclusive": true}],
        "minSelect": 1, "maxSelect": 3,
        "formParam": {"paramPrefix": "m_", "paramIdType": "questionId"}})
}

fn text_section() -> Value {
    json!({"id": 10003, "type": "T", "text": "Any comments?",
        "answers": [{"id": 70001, "text": "Comments", "multiline": true}],
        "formParam": {"paramPrefix": "t_", "paramIdType": "answerId"}})
}

fn contact_section() -> Value {
    json!({"id": 10004, "type": "T", "text": "How can we reach you?",
        "answers": [{"id": 80001, "text": "Name"},
                    {"id": 80002, "text": "Email", "inputType": "email"},
                    {"id": 80003, "text": "Phone", "inputType": "phone"},
                    {"id": 80004, "text": "Age", "inputType": "number"}],
        "formParam": {"paramPrefix": "t_", "paramIdType": "answerId"}})
}

fn rank_section() -> Value {
    json!({"id": 10005, "type": "R", "text": "Order these",
        "answers": [{"id": 60101, "text": "Price"}, {"id": 60102, "text": "Quality"},
                    {"id": 60103, "text": "Service"}],
        "formParam": {"paramPrefix": "r_", "paramIdType": "answerId"}})
}

fn sum_section() -> Value {
    json!({"id": 10006, "type": "S", "text": "Split 100 points", "total": 100,
        "answers": [{"id": 80010, "text": "Food"}, {"id": 80011, "text": "Drinks"},
                    {"id": 80012, "text": "Music"}],
        "formParam": {"paramPrefix": "s_", "paramIdType": "answerId"}})
}

fn date_section(format: &str) -> Value {
    json!({"id": 10007, "type": "DT", "text": "When did you visit?", "dateFormat": format,
        "answers": [{"id": 90001, "text": "Visit"}],
        "formParam": {"paramPrefix": "dt_", "paramIdType": "answerId"}})
}

fn matrix_section(multiple: bool) -> Value {
    let (code, prefix) = if multiple { ("MM", "m_") } else { ("MU", "u_") };
    json!({"id": 10008, "type": code, "text": "Rate each",
        "rows": [{"id": 11001, "text": "Staff"}, {"id": 11002, "text": "Prices"},
                 {"id": 11003, "text": "Parking"}],
        "answers": [{"id": 1, "text": "Bad"}, {"id": 2, "text": "OK"}, {"id": 3, "text": "Good"}],
        "formParam": {"paramPrefix": prefix, "paramIdType": "questionId"}})
}

fn required(mut section: Value) -> Value {
    section["required"] = json!(true);
    section
}

// ---------------------------------------------------------------------------
// Parsing sanity: the sections above are the kinds the tests think they are
// ---------------------------------------------------------------------------

#[test]
fn sections_parse_into_the_intended_kinds() {
    let kind = |section: Value| question(section).kind;
    assert!(matches!(
        kind(single_section()),
        QuestionKind::SingleChoice { .. }
    ));
    assert!(matches!(
        kind(multiple_section()),
        QuestionKind::MultipleChoice {
            min_select: Some(1),
            max_select: Some(3),
            ..
        }
    ));
    assert!(
        matches!(kind(contact_section()), QuestionKind::Text { ref fields } if fields.len() == 4)
    );
    assert!(matches!(kind(rank_section()), QuestionKind::Rank { .. }));
    assert!(matches!(
        kind(sum_section()),
        QuestionKind::ConstantSum {
            total: Some(t),
            ..
        } if t == 100.0
    ));
    assert!(matches!(
        kind(date_section("dmy")),
        QuestionKind::Date { .. }
    ));
    assert!(matches!(
        kind(matrix_section(false)),
        QuestionKind::Matrix {
            multiple: false,
            ..
        }
    ));
    assert!(matches!(
        kind(matrix_section(true)),
        QuestionKind::Matrix { multiple: true, .. }
    ));
}

// ---------------------------------------------------------------------------
// The body, one kind at a time
// ---------------------------------------------------------------------------

#[test]
fn single_choice_body() {
    let q = question(single_section());
    assert_eq!(
        encode_one(&q, &single(Some(50002))),
        json!({"u_10001": "50002"})
    );
}

#[test]
fn single_choice_json_as_string_gives_the_same_body() {
    let q = Question::from_entry(&json!({"html": null, "json": single_section().to_string()}));
    assert_eq!(q, question(single_section()));
    assert_eq!(
        encode_one(&q, &single(Some(50001))),
        json!({"u_10001": "50001"})
    );
}

#[test]
fn single_choice_with_other_please_specify() {
    let q = question(single_other_section());
    let mut answer = Answer::empty(&q);
    let Answer::Single { choice, other_text } = &mut answer else {
        panic!("single choice takes Answer::Single: {answer:?}");
    };
    *choice = Some(51009);
    other_text.insert(51009, "  A poster at the station ".to_owned());
    assert_eq!(
        encode_one(&q, &answer),
        json!({"u_10011": "51009", "t_51009": "A poster at the station"})
    );
}

#[test]
fn other_text_is_not_sent_when_other_is_not_chosen() {
    let q = question(single_other_section());
    let answer = Answer::Single {
        choice: Some(51001),
        other_text: BTreeMap::from([(51009, "typed, then changed my mind".to_owned())]),
    };
    assert_eq!(encode_one(&q, &answer), json!({"u_10011": "51001"}));
}

#[test]
fn multiple_choice_body_is_in_listed_order() {
    let q = question(multiple_section());
    assert_eq!(
        encode_one(&q, &multiple(&[60003, 60001])),
        json!({"m_10002": ["60001", "60003"]})
    );
}

#[test]
fn multiple_choice_drops_duplicates_and_ids_not_offered() {
    let q = question(multiple_section());
    assert_eq!(
        encode_one(&q, &multiple(&[60002, 99999, 60002])),
        json!({"m_10002": ["60002"]})
    );
    assert_eq!(encode_one(&q, &multiple(&[99999])), json!({}));
}

#[test]
fn multiple_choice_with_other_text() {
    let q = question(multiple_section());
    let answer = Answer::Multiple {
        chosen: vec![60004, 60002],
        other_text: BTreeMap::from([(60004, " Cheese".to_owned())]),
    };
    assert_eq!(
        encode_one(&q, &answer),
        json!({"m_10002": ["60002", "60004"], "t_60004": "Cheese"})
    );
}

#[test]
fn text_single_field_is_trimmed() {
    let q = question(text_section());
    let answer = Answer::Text {
        values: texts(&["  Additional comments here\n"]),
    };
    assert_eq!(
        encode_one(&q, &answer),
        json!({"t_70001": "Additional comments here"})
    );
}

#[test]
fn text_keeps_inner_line_breaks() {
    let q = question(text_section());
    let answer = Answer::Text {
        values: texts(&["line one\nline two"]),
    };
    assert_eq!(
        encode_one(&q, &answer),
        json!({"t_70001": "line one\nline two"})
    );
}

#[test]
fn contact_form_one_key_per_field_blank_fields_absent() {
    let q = question(contact_section());
    let mut answer = Answer::empty(&q);
    let Answer::Text { values } = &mut answer else {
        panic!("text takes Answer::Text: {answer:?}");
    };
    assert_eq!(values.len(), 4);
    values[0] = " My name ".to_owned();
    values[1] = "   ".to_owned();
    values[2] = "+44 20 7946 0000".to_owned();
    assert_eq!(
        encode_one(&q, &answer),
        json!({"t_80001": "My name", "t_80003": "+44 20 7946 0000"})
    );
}

#[test]
fn rank_body() {
    let q = question(rank_section());
    let answer = Answer::Rank {
        ranks: vec![Some(2), Some(3), Some(1)],
    };
    assert_eq!(
        encode_one(&q, &answer),
        json!({"r_60101": "2", "r_60102": "3", "r_60103": "1"})
    );
}

#[test]
fn rank_unranked_items_are_absent() {
    let q = question(rank_section());
    let answer = Answer::Rank {
        ranks: vec![None, Some(1), None],
    };
    assert_eq!(encode_one(&q, &answer), json!({"r_60102": "1"}));
}

#[test]
fn constant_sum_body_normalises_numbers() {
    let q = question(sum_section());
    let answer = Answer::Sum {
        values: texts(&["050", " 30 ", "20"]),
    };
    assert_eq!(
        encode_one(&q, &answer),
        json!({"s_80010": "50", "s_80011": "30", "s_80012": "20"})
    );
    let decimals = Answer::Sum {
        values: texts(&["12.50", "", "87.5"]),
    };
    assert_eq!(
        encode_one(&q, &decimals),
        json!({"s_80010": "12.5", "s_80012": "87.5"})
    );
}

#[test]
fn date_dmy_body_is_unpadded() {
    let q = question(date_section("dmy"));
    let answer = Answer::Date {
        values: vec![date(15, 6, 2024)],
    };
    assert_eq!(
        encode_one(&q, &answer),
        json!({"dt_day_90001": "15", "dt_month_90001": "6", "dt_year_90001": "2024"})
    );
    let early = Answer::Date {
        values: vec![date(5, 1, 2024)],
    };
    assert_eq!(
        encode_one(&q, &early),
        json!({"dt_day_90001": "5", "dt_month_90001": "1", "dt_year_90001": "2024"})
    );
}

#[test]
fn date_dmy_ignores_time_parts() {
    let q = question(date_section("dmy"));
    let answer = Answer::Date {
        values: vec![date_time(15, 6, 2024, 10, 30, Meridiem::Am)],
    };
    assert_eq!(
        encode_one(&q, &answer),
        json!({"dt_day_90001": "15", "dt_month_90001": "6", "dt_year_90001": "2024"})
    );
}

#[test]
fn date_and_time_body() {
    let q = question(date_section("dmy_time"));
    let answer = Answer::Date {
        values: vec![date_time(15, 6, 2024, 10, 30, Meridiem::Am)],
    };
    assert_eq!(
        encode_one(&q, &answer),
        json!({"dt_day_90001": "15", "dt_month_90001": "6", "dt_year_90001": "2024",
               "dt_hr_90001": "10", "dt_min_90001": "30", "dt_ampm_90001": "AM"})
    );
    let evening = Answer::Date {
        values: vec![date_time(1, 12, 2023, 7, 45, Meridiem::Pm)],
    };
    assert_eq!(
        encode_one(&q, &evening),
        json!({"dt_day_90001": "1", "dt_month_90001": "12", "dt_year_90001": "2023",
               "dt_hr_90001": "7", "dt_min_90001": "45", "dt_ampm_90001": "PM"})
    );
}

#[test]
fn calendar_date_body_is_zero_padded() {
    let q = question(date_section("calendar"));
    let answer = Answer::Date {
        values: vec![date(15, 6, 2024)],
    };
    assert_eq!(
        encode_one(&q, &answer),
        json!({"dt_cal_90001": "2024-06-15"})
    );
    let early = Answer::Date {
        values: vec![date(5, 1, 2024)],
    };
    assert_eq!(
        encode_one(&q, &early),
        json!({"dt_cal_90001": "2024-01-05"})
    );
}

#[test]
fn matrix_one_per_row_body() {
    let q = question(matrix_section(false));
    let answer = Answer::Matrix {
        rows: vec![vec![3], vec![], vec![1]],
    };
    assert_eq!(
        encode_one(&q, &answer),
        json!({"u_11001": "3", "u_11003": "1"})
    );
}

#[test]
fn matrix_several_per_row_body() {
    let q = question(matrix_section(true));
    let answer = Answer::Matrix {
        rows: vec![vec![3, 1], vec![2], vec![]],
    };
    assert_eq!(
        encode_one(&q, &answer),
        json!({"m_11001": ["1", "3"], "m_11002": ["2"]})
    );
}

#[test]
fn matrix_several_per_row_drops_columns_not_offered() {
    let q = question(matrix_section(true));
    // A row left with no offered column is unanswered: absent, not `[]`.
    let answer = Answer::Matrix {
        rows: vec![vec![2, 42], vec![42], vec![]],
    };
    assert_eq!(encode_one(&q, &answer), json!({"m_11001": ["2"]}));
}

#[test]
fn descriptive_and_unsupported_add_nothing() {
    let descriptive = question(json!({"type": "D", "text": "<p>Welcome!</p>"}));
    assert_eq!(descriptive.kind, QuestionKind::Descriptive);
    assert_eq!(Answer::empty(&descriptive), Answer::Nothing);
    assert_eq!(encode_one(&descriptive, &Answer::Nothing), json!({}));

    let unsupported = question(json!({"id": 9, "type": "HEATMAP", "text": "Click the map"}));
    assert!(matches!(unsupported.kind, QuestionKind::Unsupported { .. }));
    assert_eq!(Answer::empty(&unsupported), Answer::Nothing);
    assert_eq!(encode_one(&unsupported, &Answer::Nothing), json!({}));
    // Even an answer of another kind adds nothing for them.
    assert_eq!(encode_one(&unsupported, &single(Some(1))), json!({}));
    assert_eq!(encode_one(&descriptive, &single(Some(1))), json!({}));
}

fn every_kind() -> Vec<Question> {
    vec![
        question(single_section()),
        question(single_other_section()),
        question(multiple_section()),
        question(text_section()),
        question(contact_section()),
        question(rank_section()),
        question(sum_section()),
        question(date_section("dmy")),
        question(date_section("dmy_time")),
        question(date_section("calendar")),
        question(matrix_section(false)),
        question(matrix_section(true)),
        question(json!({"type": "D", "text": "Thanks"})),
        question(json!({"id": 9, "type": "HEATMAP"})),
    ]
}

#[test]
fn unanswered_optional_questions_are_absent() {
    let questions = every_kind();
    let answers: Vec<Answer> = questions.iter().map(Answer::empty).collect();
    assert_eq!(encode_all(&questions, &answers), json!({}));

    // One answered question among unanswered ones: only its key.
    let mut answers = answers;
    answers[2] = multiple(&[60002]);
    assert_eq!(
        encode_all(&questions, &answers),
        json!({"m_10002": ["60002"]})
    );
}

#[test]
fn blank_answers_add_nothing() {
    let q = question(contact_section());
    let blank = Answer::Text {
        values: texts(&["", " ", "\n\t", ""]),
    };
    assert_eq!(encode_one(&q, &blank), json!({}));
    let sum = question(sum_section());
    assert_eq!(
        encode_one(
            &sum,
            &Answer::Sum {
                values: texts(&["", "  ", ""])
            }
        ),
        json!({})
    );
}

#[test]
fn empty_page_is_an_empty_object() {
    assert_eq!(encode_all(&[], &[]), json!({}));
    assert_eq!(
        serde_json::to_string(&encode_page(&[], &[]))
            .ok()
            .as_deref(),
        Some("{}")
    );
}

#[test]
fn ids_above_32_bits_are_decimal_strings() {
    let q = question(json!({"id": 5_000_000_001_u64, "type": "U",
        "answers": [{"id": "5000000002", "text": "A"}, {"id": 18_446_744_073_709_551_615_u64, "text": "B"}],
        "formParam": {"paramPrefix": "u_", "paramIdType": "questionId"}}));
    assert_eq!(q.id, 5_000_000_001);
    let answer = single(Some(5_000_000_002));
    let body = encode_one(&q, &answer);
    assert_eq!(body, json!({"u_5000000001": "5000000002"}));
    assert_eq!(Answer::from_body(&q, &form_body(body)), answer);

    let max = single(Some(u64::MAX));
    let body = encode_one(&q, &max);
    assert_eq!(body, json!({"u_5000000001": "18446744073709551615"}));
    assert_eq!(Answer::from_body(&q, &form_body(body)), max);

    let m = question(json!({"id": "7000000001", "type": "MM",
        "rows": [{"id": "7000000002", "text": "Row"}],
        "answers": [{"id": 7_000_000_003_u64}, {"id": 7_000_000_004_u64}],
        "formParam": {"paramPrefix": "m_", "paramIdType": "questionId"}}));
    let answer = Answer::Matrix {
        rows: vec![vec![7_000_000_004, 7_000_000_003]],
    };
    let body = encode_one(&m, &answer);
    assert_eq!(body, json!({"m_7000000002": ["7000000003", "7000000004"]}));
    assert_eq!(
        Answer::from_body(&m, &form_body(body)),
        Answer::Matrix {
            rows: vec![vec![7_000_000_003, 7_000_000_004]]
        }
    );
}

/// The spec's whole-page example, reproduced from section JSON.
#[test]
fn spec_mixed_page_example() {
    let questions = vec![
        question(single_section()),
        question(json!({"id": 10002, "type": "M", "text": "Pick",
            "answers": [{"id": 60001}, {"id": 60002}, {"id": 60003}],
            "formParam": {"paramPrefix": "m_", "paramIdType": "questionId"}})),
        question(
            json!({"id": 10003, "type": "T", "answers": [{"id": 70001, "multiline": true}],
            "formParam": {"paramPrefix": "t_", "paramIdType": "answerId"}}),
        ),
        question(
            json!({"id": 10004, "type": "T", "answers": [{"id": 80001, "text": "Name"}],
            "formParam": {"paramPrefix": "t_", "paramIdType": "answerId"}}),
        ),
        question(
            json!({"id": 10005, "type": "R", "answers": [{"id": 60001}, {"id": 60002}],
            "formParam": {"paramPrefix": "r_", "paramIdType": "answerId"}}),
        ),
        question(json!({"id": 10006, "type": "S", "total": 100,
            "answers": [{"id": 80010}, {"id": 80011}, {"id": 80012}],
            "formParam": {"paramPrefix": "s_", "paramIdType": "answerId"}})),
        question(json!({"id": 10007, "type": "DT", "dateFormat": "dmy",
            "answers": [{"id": 90001}],
            "formParam": {"paramPrefix": "dt_", "paramIdType": "answerId"}})),
        question(json!({"type": "D", "text": "Thank you"})),
    ];
    let answers = vec![
        single(Some(50002)),
        multiple(&[60001, 60003]),
        Answer::Text {
            values: texts(&["Additional comments here"]),
        },
        Answer::Text {
            values: texts(&["My name"]),
        },
        Answer::Rank {
            ranks: vec![Some(1), Some(2)],
        },
        Answer::Sum {
            values: texts(&["50", "30", "20"]),
        },
        Answer::Date {
            values: vec![date(15, 6, 2024)],
        },
        Answer::Nothing,
    ];
    let expected = json!({ "u_10001": "50002", "m_10002": ["60001", "60003"],
      "t_70001": "Additional comments here", "t_80001": "My name",
      "r_60001": "1", "r_60002": "2",
      "s_80010": "50", "s_80011": "30", "s_80012": "20",
      "dt_day_90001": "15", "dt_month_90001": "6", "dt_year_90001": "2024" });
    assert_eq!(encode_all(&questions, &answers), expected);
    assert!(validate_page(&questions, &answers).is_empty());

    // The same body read back gives the same answers.
    let body = form_body(expected);
    let back: Vec<Answer> = questions
        .iter()
        .map(|q| Answer::from_body(q, &body))
        .collect();
    assert_eq!(back, answers);
}

// ---------------------------------------------------------------------------
// Round trip: the body read back is the answer (normalised)
// ---------------------------------------------------------------------------

fn assert_round_trip(q: &Question, answer: &Answer, normalised: &Answer) {
    let body = encode_page(slice::from_ref(q), slice::from_ref(answer));
    assert!(!body.is_empty(), "nothing encoded for {answer:?}");
    let back = Answer::from_body(q, &body);
    assert_eq!(&back, normalised, "body: {body:?}");
    // And the normalised answer encodes to the same body.
    assert_eq!(
        encode_page(slice::from_ref(q), slice::from_ref(&back)),
        body
    );
}

#[test]
fn round_trip_single() {
    let q = question(single_section());
    assert_round_trip(&q, &single(Some(50003)), &single(Some(50003)));
}

#[test]
fn round_trip_single_other() {
    let q = question(single_other_section());
    let answer = Answer::Single {
        choice: Some(51009),
        other_text: BTreeMap::from([(51009, " Poster ".to_owned())]),
    };
    let normalised = Answer::Single {
        choice: Some(51009),
        other_text: BTreeMap::from([(51009, "Poster".to_owned())]),
    };
    assert_round_trip(&q, &answer, &normalised);
}

#[test]
fn round_trip_multiple() {
    let q = question(multiple_section());
    let answer = Answer::Multiple {
        chosen: vec![60004, 60001],
        other_text: BTreeMap::from([(60004, "Cheese".to_owned())]),
    };
    let normalised = Answer::Multiple {
        chosen: vec![60001, 60004],
        other_text: BTreeMap::from([(60004, "Cheese".to_owned())]),
    };
    assert_round_trip(&q, &answer, &normalised);
}

#[test]
fn round_trip_text_and_contact_form() {
    let q = question(text_section());
    assert_round_trip(
        &q,
        &Answer::Text {
            values: texts(&[" Great\nshop "]),
        },
        &Answer::Text {
            values: texts(&["Great\nshop"]),
        },
    );
    let q = question(contact_section());
    assert_round_trip(
        &q,
        &Answer::Text {
            values: texts(&["Ann", " ", "ann@example.com ", "42"]),
        },
        &Answer::Text {
            values: texts(&["Ann", "", "ann@example.com", "42"]),
        },
    );
}

#[test]
fn round_trip_rank() {
    let q = question(rank_section());
    let answer = Answer::Rank {
        ranks: vec![Some(3), None, Some(1)],
    };
    assert_round_trip(&q, &answer, &answer);
}

#[test]
fn round_trip_constant_sum() {
    let q = question(sum_section());
    assert_round_trip(
        &q,
        &Answer::Sum {
            values: texts(&["050", "", " 50.0"]),
        },
        &Answer::Sum {
            values: texts(&["50", "", "50"]),
        },
    );
}

#[test]
fn number_normalisation_is_idempotent() {
    // Found by tests/parse_fuzz.rs: "-0.0" became "-0", which became "0".
    for (typed, sent) in [
        ("050", "50"),
        (" 12.50 ", "12.5"),
        ("-0.0", "0"),
        ("-0", "0"),
        ("+7", "7"),
        ("1e2", "100"),
        ("abc", "abc"),
    ] {
        assert_eq!(normalize_number(typed), sent, "{typed:?}");
        assert_eq!(normalize_number(sent), sent, "{sent:?}");
    }
}

#[test]
fn round_trip_dates() {
    let dmy = question(date_section("dmy"));
    let answer = Answer::Date {
        values: vec![date(15, 6, 2024)],
    };
    assert_round_trip(&dmy, &answer, &answer);

    let with_time = question(date_section("dmy_time"));
    let answer = Answer::Date {
        values: vec![date_time(29, 2, 2024, 12, 5, Meridiem::Pm)],
    };
    assert_round_trip(&with_time, &answer, &answer);

    let calendar = question(date_section("calendar"));
    let answer = Answer::Date {
        values: vec![date(5, 1, 2024)],
    };
    assert_round_trip(&calendar, &answer, &answer);
    // A calendar date carries no time.
    assert_round_trip(
        &calendar,
        &Answer::Date {
            values: vec![date_time(5, 1, 2024, 9, 0, Meridiem::Am)],
        },
        &answer,
    );
}

#[test]
fn round_trip_calendar_with_a_five_digit_year() {
    // Found by tests/parse_fuzz.rs: "12345-02-01" used to read back as
    // day 12345 of February, year 1.
    let calendar = question(date_section("calendar"));
    let answer = Answer::Date {
        values: vec![date(1, 2, 12345)],
    };
    assert_eq!(
        encode_one(&calendar, &answer),
        json!({"dt_cal_90001": "12345-02-01"})
    );
    assert_round_trip(&calendar, &answer, &answer);
}

#[test]
fn round_trip_matrix() {
    let q = question(matrix_section(false));
    let answer = Answer::Matrix {
        rows: vec![vec![2], vec![], vec![3]],
    };
    assert_round_trip(&q, &answer, &answer);

    let q = question(matrix_section(true));
    assert_round_trip(
        &q,
        &Answer::Matrix {
            rows: vec![vec![3, 1], vec![2], vec![]],
        },
        &Answer::Matrix {
            rows: vec![vec![1, 3], vec![2], vec![]],
        },
    );
}

#[test]
fn from_body_ignores_keys_of_other_questions() {
    let q = question(single_section());
    let body = form_body(json!({"u_10002": "50001", "m_10001": ["50001"], "t_50001": "x"}));
    assert_eq!(Answer::from_body(&q, &body), single(None));
    let r = question(rank_section());
    let body = form_body(json!({"r_60101": "first", "r_60102": "2"}));
    assert_eq!(
        Answer::from_body(&r, &body),
        Answer::Rank {
            ranks: vec![None, Some(2), None]
        }
    );
}

// ---------------------------------------------------------------------------
// Prefill
// ---------------------------------------------------------------------------

/// A previous-page page: the respondent's earlier answers embedded.
fn embedded_sections() -> Vec<Value> {
    vec![
        json!({"id": 10011, "type": "U",
            "answers": [{"id": 51001}, {"id": 51002},
                        {"id": 51009, "other": true, "selected": true, "value": "Poster"}],
            "formParam": {"paramPrefix": "u_", "paramIdType": "questionId"}}),
        json!({"id": 10002, "type": "M",
            "answers": [{"id": 60001, "selected": true}, {"id": 60002},
                        {"id": 60003, "selected": true}],
            "formParam": {"paramPrefix": "m_", "paramIdType": "questionId"}}),
        json!({"id": 10004, "type": "T",
            "answers": [{"id": 80001, "value": "My name"}, {"id": 80002, "inputType": "email"}],
            "formParam": {"paramPrefix": "t_", "paramIdType": "answerId"}}),
        json!({"id": 10005, "type": "R",
            "answers": [{"id": 60101, "value": "2"}, {"id": 60102, "value": 1}],
            "formParam": {"paramPrefix": "r_", "paramIdType": "answerId"}}),
        json!({"id": 10006, "type": "S", "total": 100,
            "answers": [{"id": 80010, "value": "70"}, {"id": 80011, "value": 30}],
            "formParam": {"paramPrefix": "s_", "paramIdType": "answerId"}}),
        json!({"id": 10007, "type": "DT", "dateFormat": "dmy",
            "answers": [{"id": 90001, "value": "15/06/2024"}],
            "formParam": {"paramPrefix": "dt_", "paramIdType": "answerId"}}),
        json!({"id": 10017, "type": "DT", "dateFormat": "dmy_time",
            "answers": [{"id": 90002, "value": "15/06/2024 10:30 AM"}],
            "formParam": {"paramPrefix": "dt_", "paramIdType": "answerId"}}),
        json!({"id": 10027, "type": "DT", "dateFormat": "calendar",
            "answers": [{"id": 90003, "value": "2024-06-15"}],
            "formParam": {"paramPrefix": "dt_", "paramIdType": "answerId"}}),
        json!({"id": 10008, "type": "MU",
            "rows": [{"id": 11001, "selected": ["3"]}, {"id": 11002, "selected": []}],
            "answers": [{"id": 1}, {"id": 2}, {"id": 3}],
            "formParam": {"paramPrefix": "u_", "paramIdType": "questionId"}}),
        json!({"id": 10009, "type": "MM",
            "rows": [{"id": 12001, "selected": ["1", 3]}, {"id": 12002, "selected": ["2"]}],
            "answers": [{"id": 1}, {"id": 2}, {"id": 3}],
            "formParam": {"paramPrefix": "m_", "paramIdType": "questionId"}}),
        json!({"type": "D", "text": "Thanks"}),
    ]
}

fn embedded_page() -> Vec<Question> {
    embedded_sections().into_iter().map(question).collect()
}

/// The same page as the server sends it before anything was answered.
fn plain_page() -> Vec<Question> {
    fn strip(value: &mut Value) {
        match value {
            Value::Object(map) => {
                map.remove("selected");
                map.remove("value");
                map.values_mut().for_each(strip);
            }
            Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    embedded_sections()
        .into_iter()
        .map(|mut section| {
            strip(&mut section);
            question(section)
        })
        .collect()
}

fn embedded_answers() -> Vec<Answer> {
    vec![
        Answer::Single {
            choice: Some(51009),
            other_text: BTreeMap::from([(51009, "Poster".to_owned())]),
        },
        multiple(&[60001, 60003]),
        Answer::Text {
            values: texts(&["My name", ""]),
        },
        Answer::Rank {
            ranks: vec![Some(2), Some(1)],
        },
        Answer::Sum {
            values: texts(&["70", "30"]),
        },
        Answer::Date {
            values: vec![date(15, 6, 2024)],
        },
        Answer::Date {
            values: vec![date_time(15, 6, 2024, 10, 30, Meridiem::Am)],
        },
        Answer::Date {
            values: vec![date(15, 6, 2024)],
        },
        Answer::Matrix {
            rows: vec![vec![3], vec![]],
        },
        Answer::Matrix {
            rows: vec![vec![1, 3], vec![2]],
        },
        Answer::Nothing,
    ]
}

#[test]
fn prefill_reads_what_the_server_embedded() {
    let questions = embedded_page();
    assert_eq!(prefill(&questions, None), embedded_answers());
    assert_eq!(
        encode_all(&questions, &prefill(&questions, None)),
        json!({"u_10011": "51009", "t_51009": "Poster",
               "m_10002": ["60001", "60003"], "t_80001": "My name",
               "r_60101": "2", "r_60102": "1", "s_80010": "70", "s_80011": "30",
               "dt_day_90001": "15", "dt_month_90001": "6", "dt_year_90001": "2024",
               "dt_day_90002": "15", "dt_month_90002": "6", "dt_year_90002": "2024",
               "dt_hr_90002": "10", "dt_min_90002": "30", "dt_ampm_90002": "AM",
               "dt_cal_90003": "2024-06-15",
               "u_11001": "3", "m_12001": ["1", "3"], "m_12002": ["2"]})
    );
}

#[test]
fn prefill_from_the_clients_own_copy_when_nothing_is_embedded() {
    let questions = plain_page();
    // Nothing embedded: nothing to restore without the own copy.
    let empty: Vec<Answer> = questions.iter().map(Answer::empty).collect();
    assert_eq!(prefill(&questions, None), empty);
    assert_eq!(encode_all(&questions, &empty), json!({}));

    let answers = embedded_answers();
    let own_body = encode_page(&questions, &answers);
    assert_eq!(prefill(&questions, Some(&own_body)), answers);
}

#[test]
fn prefill_prefers_what_the_server_embedded() {
    let questions = embedded_page();
    // The own copy disagrees on the single choice and the matrix.
    let own_body = form_body(json!({"u_10011": "51001", "u_11001": "1", "t_80002": "a@b.co"}));
    let restored = prefill(&questions, Some(&own_body));
    let expected = embedded_answers();
    assert_eq!(restored[0], expected[0]);
    assert_eq!(restored[8], expected[8]);
    // The text question has an embedded value, so the own copy is not used.
    assert_eq!(restored[2], expected[2]);
}

#[test]
fn prefill_mixes_embedded_and_own_copy_per_question() {
    let mut questions = plain_page();
    questions[1] = embedded_page().swap_remove(1);
    let answers = embedded_answers();
    let mut own_answers = answers.clone();
    own_answers[1] = multiple(&[60002]);
    let own_body = encode_page(&questions, &own_answers);
    let restored = prefill(&questions, Some(&own_body));
    // The multiple-choice question comes from the server, the rest from the own copy.
    assert_eq!(restored, answers);
}

// ---------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------

fn is_ok(q: &Question, a: &Answer) -> bool {
    validate(q, a).is_none()
}

#[test]
fn optional_empty_questions_pass() {
    for q in every_kind() {
        assert!(!q.required);
        let empty = Answer::empty(&q);
        assert_eq!(validate(&q, &empty), None, "{q:?}");
    }
}

#[test]
fn required_questions_of_every_kind_need_an_answer() {
    let sections = [
        single_section(),
        single_other_section(),
        multiple_section(),
        text_section(),
        contact_section(),
        rank_section(),
        sum_section(),
        date_section("dmy"),
        date_section("dmy_time"),
        date_section("calendar"),
        matrix_section(false),
        matrix_section(true),
    ];
    for section in sections {
        let q = question(required(section));
        assert!(q.required, "{q:?}");
        let empty = Answer::empty(&q);
        assert!(validate(&q, &empty).is_some(), "empty answer passed: {q:?}");
    }
    // Descriptive text is never required, whatever the section says.
    let d = question(required(json!({"type": "D", "text": "Hi"})));
    assert_eq!(validate(&d, &Answer::Nothing), None);
}

#[test]
fn required_single_choice() {
    let q = question(required(single_section()));
    assert!(!is_ok(&q, &single(None)));
    assert!(is_ok(&q, &single(Some(50001))));
}

#[test]
fn other_needs_text() {
    let q = question(single_other_section());
    assert!(!is_ok(&q, &single(Some(51009))));
    let blank = Answer::Single {
        choice: Some(51009),
        other_text: BTreeMap::from([(51009, "   ".to_owned())]),
    };
    assert!(!is_ok(&q, &blank));
    let given = Answer::Single {
        choice: Some(51009),
        other_text: BTreeMap::from([(51009, "Poster".to_owned())]),
    };
    assert!(is_ok(&q, &given));
    // Not chosen: no text needed.
    assert!(is_ok(&q, &single(Some(51001))));

    let m = question(multiple_section());
    assert!(!is_ok(&m, &multiple(&[60001, 60004])));
    let given = Answer::Multiple {
        chosen: vec![60001, 60004],
        other_text: BTreeMap::from([(60004, "Cheese".to_owned())]),
    };
    assert!(is_ok(&m, &given));
}

#[test]
fn multiple_min_and_max_selections() {
    let q = question(json!({"id": 1, "type": "M", "minSelect": 2, "maxSelect": 3,
        "answers": [{"id": 11}, {"id": 12}, {"id": 13}, {"id": 14}],
        "formParam": {"paramPrefix": "m_"}}));
    assert!(!is_ok(&q, &multiple(&[11])));
    assert!(is_ok(&q, &multiple(&[11, 12])));
    assert!(is_ok(&q, &multiple(&[11, 12, 13])));
    assert!(!is_ok(&q, &multiple(&[11, 12, 13, 14])));
    // Optional and untouched: fine despite minSelect.
    assert!(is_ok(&q, &multiple(&[])));
    // Duplicates do not count twice.
    assert!(!is_ok(&q, &multiple(&[11, 11])));

    let required_q = question(required(multiple_section()));
    assert!(!is_ok(&required_q, &multiple(&[])));
    assert!(is_ok(&required_q, &multiple(&[60002])));
}

#[test]
fn exclusive_answer_stands_alone() {
    let q = question(multiple_section());
    assert!(is_ok(&q, &multiple(&[60009])));
    let message = validate(&q, &multiple(&[60001, 60009])).map(|m| m.to_string());
    assert!(
        message
            .as_deref()
            .is_some_and(|m| m.contains("None of these")),
        "{message:?}"
    );
}

#[test]
fn constant_sum_must_equal_the_total() {
    let q = question(sum_section());
    let sum = |values: &[&str]| Answer::Sum {
        values: texts(values),
    };
    assert!(is_ok(&q, &sum(&["50", "30", "20"])));
    assert!(is_ok(&q, &sum(&["050", "", "50"])));
    assert!(is_ok(&q, &sum(&["33.5", "33.5", "33"])));
    assert!(!is_ok(&q, &sum(&["50", "30", "10"])));
    assert!(!is_ok(&q, &sum(&["50", "30", "30"])));
    assert!(!is_ok(&q, &sum(&["50", "fifty", ""])));
    assert!(!is_ok(&q, &sum(&["100", "NaN", ""])));
    assert!(!is_ok(&q, &sum(&["110", "-10", ""])));

    let required_q = question(required(sum_section()));
    assert!(!is_ok(&required_q, &sum(&["", "", ""])));
    assert!(is_ok(&required_q, &sum(&["100", "", "0"])));
}

#[test]
fn rank_positions_are_distinct_and_contiguous() {
    let q = question(required(rank_section()));
    let rank = |ranks: &[Option<u32>]| Answer::Rank {
        ranks: ranks.to_vec(),
    };
    assert!(is_ok(&q, &rank(&[Some(2), Some(3), Some(1)])));
    assert!(!is_ok(&q, &rank(&[Some(1), Some(2), Some(2)])));
    assert!(!is_ok(&q, &rank(&[Some(1), Some(3), Some(4)])));
    assert!(!is_ok(&q, &rank(&[Some(0), Some(1), Some(2)])));
    // Required: every item needs a position.
    assert!(!is_ok(&q, &rank(&[Some(1), Some(2), None])));
    assert!(!is_ok(&q, &rank(&[None, None, None])));

    let optional = question(rank_section());
    assert!(is_ok(&optional, &rank(&[Some(1), Some(2), None])));
    assert!(is_ok(&optional, &rank(&[None, Some(1), None])));
    assert!(!is_ok(&optional, &rank(&[Some(1), None, Some(3)])));
    assert!(!is_ok(&optional, &rank(&[Some(2), None, None])));
    assert!(is_ok(&optional, &rank(&[None, None, None])));
}

#[test]
fn dates_must_exist() {
    let q = question(required(date_section("dmy")));
    let d = |day, month, year| Answer::Date {
        values: vec![date(day, month, year)],
    };
    assert!(is_ok(&q, &d(15, 6, 2024)));
    assert!(!is_ok(&q, &d(31, 2, 2024)));
    assert!(is_ok(&q, &d(29, 2, 2024)));
    assert!(!is_ok(&q, &d(29, 2, 2023)));
    assert!(!is_ok(&q, &d(31, 4, 2024)));
    assert!(!is_ok(&q, &d(1, 13, 2024)));
    assert!(!is_ok(&q, &d(0, 1, 2024)));
    // A part missing.
    let partial = Answer::Date {
        values: vec![DateParts {
            day: Some(15),
            month: Some(6),
            ..DateParts::default()
        }],
    };
    assert!(!is_ok(&q, &partial));

    let calendar = question(date_section("calendar"));
    assert!(!is_ok(
        &calendar,
        &Answer::Date {
            values: vec![date(30, 2, 2024)]
        }
    ));
    assert!(is_ok(
        &calendar,
        &Answer::Date {
            values: vec![date(29, 2, 2024)]
        }
    ));
}

#[test]
fn date_and_time_needs_a_12_hour_time() {
    let q = question(date_section("dmy_time"));
    let at = |hour: Option<u32>, minute: Option<u32>, meridiem: Option<Meridiem>| Answer::Date {
        values: vec![DateParts {
            hour,
            minute,
            meridiem,
            ..date(15, 6, 2024)
        }],
    };
    assert!(is_ok(&q, &at(Some(10), Some(30), Some(Meridiem::Am))));
    assert!(is_ok(&q, &at(Some(12), Some(59), Some(Meridiem::Pm))));
    assert!(is_ok(&q, &at(Some(1), Some(0), Some(Meridiem::Am))));
    assert!(!is_ok(&q, &at(Some(13), Some(0), Some(Meridiem::Pm))));
    assert!(!is_ok(&q, &at(Some(0), Some(30), Some(Meridiem::Am))));
    assert!(!is_ok(&q, &at(Some(10), Some(60), Some(Meridiem::Am))));
    assert!(!is_ok(&q, &at(Some(10), Some(30), None)));
    assert!(!is_ok(&q, &at(Some(10), None, Some(Meridiem::Am))));
    assert!(!is_ok(&q, &at(None, None, None)));
    // The date is still checked.
    let bad_date = Answer::Date {
        values: vec![date_time(29, 2, 2023, 10, 30, Meridiem::Am)],
    };
    assert!(!is_ok(&q, &bad_date));
}

#[test]
fn text_input_checks() {
    let q = question(contact_section());
    let with = |index: usize, value: &str| {
        let mut values = texts(&["", "", "", ""]);
        values[index] = value.to_owned();
        Answer::Text { values }
    };
    // Free text: anything goes.
    assert!(is_ok(&q, &with(0, "anything @ all")));
    // Email.
    assert!(is_ok(&q, &with(1, "name@example.com")));
    assert!(is_ok(&q, &with(1, "  name@example.com ")));
    for bad in [
        "name",
        "name@",
        "@example.com",
        "name@example",
        "na me@example.com",
        "a@b@example.com",
        "name@.com",
        "name@example.",
    ] {
        assert!(!is_ok(&q, &with(1, bad)), "{bad:?} accepted as email");
    }
    // Phone.
    assert!(is_ok(&q, &with(2, "+44 (20) 7946-0000")));
    assert!(is_ok(&q, &with(2, "0123456")));
    for bad in ["12345", "555-CALL-NOW", "+1 555 0100 ext 3", "phone"] {
        assert!(!is_ok(&q, &with(2, bad)), "{bad:?} accepted as phone");
    }
    // Number.
    assert!(is_ok(&q, &with(3, "42")));
    assert!(is_ok(&q, &with(3, "-1.5")));
    for bad in ["forty", "4 2", "NaN", "inf", "1,5"] {
        assert!(!is_ok(&q, &with(3, bad)), "{bad:?} accepted as number");
    }
}

#[test]
fn required_text_fields() {
    let q = question(required(contact_section()));
    let full = Answer::Text {
        values: texts(&["Ann", "ann@example.com", "0123456789", "42"]),
    };
    assert!(is_ok(&q, &full));
    let missing_email = Answer::Text {
        values: texts(&["Ann", "  ", "0123456789", "42"]),
    };
    let message = validate(&q, &missing_email).map(|m| m.to_string());
    assert!(
        message.as_deref().is_some_and(|m| m.contains("Email")),
        "{message:?}"
    );
    let single_field = question(required(text_section()));
    assert!(!is_ok(
        &single_field,
        &Answer::Text {
            values: texts(&[" \n "])
        }
    ));
    assert!(is_ok(
        &single_field,
        &Answer::Text {
            values: texts(&["ok"])
        }
    ));
}

#[test]
fn required_matrix_needs_every_row() {
    let q = question(required(matrix_section(false)));
    assert!(!is_ok(
        &q,
        &Answer::Matrix {
            rows: vec![vec![1], vec![], vec![3]]
        }
    ));
    assert!(is_ok(
        &q,
        &Answer::Matrix {
            rows: vec![vec![1], vec![2], vec![3]]
        }
    ));
    let optional = question(matrix_section(true));
    assert!(is_ok(
        &optional,
        &Answer::Matrix {
            rows: vec![vec![1, 2], vec![], vec![]]
        }
    ));
}

#[test]
fn validate_page_reports_by_index_in_order() {
    let questions = vec![
        question(json!({"type": "D", "text": "Intro"})),
        question(required(single_section())),
        question(sum_section()),
        question(required(rank_section())),
    ];
    let answers = vec![
        Answer::Nothing,
        single(None),
        Answer::Sum {
            values: texts(&["10", "", ""]),
        },
        Answer::Rank {
            ranks: vec![Some(1), Some(2), Some(3)],
        },
    ];
    let problems = validate_page(&questions, &answers);
    let indexes: Vec<usize> = problems.iter().map(|p| p.index).collect();
    assert_eq!(indexes, vec![1, 2]);
}
