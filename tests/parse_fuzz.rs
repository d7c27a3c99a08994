//! Parsing never panics, whatever the server sends, and the body a parsed
//! question produces is stable: encode → read back → encode gives the same
//! body.

// A test that cannot set up stops with the reason: `expect` is how it says so.
#![allow(clippy::expect_used)]

use proptest::prelude::*;
use serde_json::{Map, Number, Value, json};
use survey_kiosk::api::Envelope;
use survey_kiosk::survey::{
    Answer, DateParts, FormBody, Meridiem, Question, QuestionKind, encode_page, prefill, validate,
    validate_page,
};

/// The field names of the real envelope and section objects.
const FIELDS: &[&str] = &[
    "response",
    "status",
    "questions",
    "json",
    "html",
    "id",
    "type",
    "text",
    "answers",
    "rows",
    "formParam",
    "paramPrefix",
    "paramIdType",
    "selected",
    "value",
    "required",
    "total",
    "dateFormat",
    "minSelect",
    "maxSelect",
    "meta",
    "progressPercentage",
    "navigation",
    "validationErrors",
    "other",
    "exclusive",
    "inputType",
    "multiline",
];

/// Words the parser looks for in values.
const WORDS: &[&str] = &[
    "u_",
    "m_",
    "t_",
    "r_",
    "s_",
    "dt_",
    " U_ ",
    "x_",
    "",
    "U",
    "M",
    "T",
    "R",
    "S",
    "DT",
    "MU",
    "mm",
    "D",
    "questionId",
    "answerId",
    "dmy",
    "dmy_time",
    "calendar",
    "date picker",
    "email",
    "number",
    "phone",
    "tel",
    "true",
    "false",
    "yes",
    "1",
    "0",
    "AM",
    "pm",
    "success",
    "validation_errors",
    "survey_complete",
];

/// Form-key prefixes of the body.
const PREFIXES: &[&str] = &[
    "u_",
    "m_",
    "t_",
    "r_",
    "s_",
    "dt_day_",
    "dt_month_",
    "dt_year_",
    "dt_hr_",
    "dt_min_",
    "dt_ampm_",
    "dt_cal_",
];

/// A small pool of ids so that questions, answers, rows and body keys meet.
const IDS: &[u64] = &[0, 1, 2, 3, 5_000_000_001, u64::MAX];

/// 512 cases, or `PROPTEST_CASES` when set (for a longer run).
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(512);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------
// Strategies
// ---------------------------------------------------------------------------

fn arb_number() -> BoxedStrategy<Value> {
    prop_oneof![
        (0u64..10).prop_map(Value::from),
        prop::sample::select(IDS).prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        Just(json!(i64::MIN)),
        any::<f64>().prop_filter_map("finite", |f| Number::from_f64(f).map(Value::Number)),
        prop::sample::select(&[0.5, -0.0, 12.25, 100.0, 1e300, -1e-300][..]).prop_map(Value::from),
    ]
    .boxed()
}

fn arb_text() -> BoxedStrategy<String> {
    prop_oneof![
        3 => prop::sample::select(WORDS).prop_map(str::to_owned),
        2 => ".{0,12}",
        1 => "[0-9]{1,22}",
        1 => " ?-?[0-9]{0,4}(\\.[0-9]{0,3})?(e[0-9]{1,3})? ?",
        2 => arb_date_text(),
        1 => "(<[a-z]{1,4}>)?[a-z &;]{0,8}(</?[a-z]{1,4}/?>)?(&[a-z#0-9]{0,6};?)?",
        1 => "[a-z]{0,4}@?[a-z.]{0,6}",
    ]
    .boxed()
}

/// Strings `DateParts::parse` reads, and near misses.
fn arb_date_text() -> BoxedStrategy<String> {
    "-?[0-9]{0,5}[-/.]-?[0-9]{0,3}[-/.]-?[0-9]{0,5}( -?[0-9]{0,3}(:[0-9]{0,3})?( (AM|pm|xx))?)?"
        .boxed()
}

fn arb_key() -> BoxedStrategy<String> {
    prop_oneof![
        9 => prop::sample::select(FIELDS).prop_map(str::to_owned),
        1 => "[a-zA-Z_]{0,8}",
    ]
    .boxed()
}

fn arb_leaf() -> BoxedStrategy<Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        arb_number(),
        arb_text().prop_map(Value::String),
    ]
    .boxed()
}

/// Any JSON value, with object keys drawn from the real field names.
fn arb_value() -> BoxedStrategy<Value> {
    arb_leaf()
        .prop_recursive(5, 96, 8, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
                prop::collection::btree_map(arb_key(), inner, 0..10)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
        .boxed()
}

/// An id as the server may send it: a number, a string of digits, or junk.
fn arb_id() -> BoxedStrategy<Value> {
    prop_oneof![
        4 => prop::sample::select(IDS).prop_map(Value::from),
        2 => prop::sample::select(IDS).prop_map(|id| Value::from(format!(" {id}"))),
        1 => arb_leaf(),
    ]
    .boxed()
}

fn arb_flag() -> BoxedStrategy<Value> {
    prop_oneof![
        4 => any::<bool>().prop_map(Value::Bool),
        1 => arb_leaf(),
    ]
    .boxed()
}

/// Builds an object from optional fields.
fn object(fields: Vec<(&str, Option<Value>)>) -> Value {
    Value::Object(
        fields
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v)))
            .collect::<Map<_, _>>(),
    )
}

fn arb_choice() -> BoxedStrategy<Value> {
    (
        prop::option::weighted(0.95, arb_id()),
        prop::option::of(arb_text().prop_map(Value::String)),
        prop::option::of(arb_flag()),
        prop::option::of(arb_flag()),
        prop::option::of(arb_flag()),
        prop::option::of(arb_leaf()),
        prop::option::of(prop_oneof![arb_flag(), arb_id()]),
        prop::option::of(prop_oneof![
            3 => arb_text().prop_map(Value::String),
            1 => arb_leaf(),
        ]),
    )
        .prop_map(
            |(id, text, other, exclusive, multiline, input, selected, value)| {
                object(vec![
                    ("id", id),
                    ("text", text),
                    ("other", other),
                    ("exclusive", exclusive),
                    ("multiline", multiline),
                    ("inputType", input),
                    ("selected", selected),
                    ("value", value),
                ])
            },
        )
        .boxed()
}

fn arb_row() -> BoxedStrategy<Value> {
    (
        prop::option::weighted(0.95, arb_id()),
        prop::option::of(arb_text().prop_map(Value::String)),
        prop::option::of(prop_oneof![
            3 => prop::collection::vec(arb_id(), 0..4).prop_map(Value::Array),
            1 => arb_id(),
        ]),
    )
        .prop_map(|(id, text, selected)| {
            object(vec![("id", id), ("text", text), ("selected", selected)])
        })
        .boxed()
}

/// Mostly one of `likely`, sometimes any word the parser looks for.
fn word(likely: &'static [&'static str]) -> BoxedStrategy<Value> {
    prop_oneof![
        4 => prop::sample::select(likely).prop_map(Value::from),
        1 => prop::sample::select(WORDS).prop_map(Value::from),
    ]
    .boxed()
}

/// A section object shaped like the real ones, with every field optional and
/// any value possibly off.
fn arb_section() -> BoxedStrategy<Value> {
    let head = (
        prop::option::weighted(0.9, arb_id()),
        prop::option::of(word(&["U", "M", "T", "R", "S", "DT", "MU", "MM", "D", "X"])),
        prop::option::of(arb_text().prop_map(Value::String)),
        prop::option::of(arb_flag()),
        prop::option::weighted(
            0.8,
            (
                prop::option::weighted(0.9, word(&["u_", "m_", "t_", "r_", "s_", "dt_"])),
                prop::option::of(word(&["questionId", "answerId"])),
            )
                .prop_map(|(prefix, id_type)| {
                    object(vec![("paramPrefix", prefix), ("paramIdType", id_type)])
                }),
        ),
    );
    let body = (
        prop::option::weighted(
            0.9,
            prop::collection::vec(arb_choice(), 0..5).prop_map(Value::Array),
        ),
        prop::option::of(prop::collection::vec(arb_row(), 0..4).prop_map(Value::Array)),
        prop::option::of(prop_oneof![
            arb_number(),
            arb_text().prop_map(Value::String)
        ]),
        prop::option::of(word(&["dmy", "dmy_time", "calendar"])),
        prop::option::of(arb_id()),
        prop::option::of(arb_id()),
        prop::option::of(arb_value()),
    );
    (head, body)
        .prop_map(
            |(
                (id, code, text, required, form_param),
                (answers, rows, total, date_format, min, max, extra),
            )| {
                object(vec![
                    ("id", id),
                    ("type", code),
                    ("text", text),
                    ("required", required),
                    ("formParam", form_param),
                    ("answers", answers),
                    ("rows", rows),
                    ("total", total),
                    ("dateFormat", date_format),
                    ("minSelect", min),
                    ("maxSelect", max),
                    ("unknownField", extra),
                ])
            },
        )
        .boxed()
}

/// A submit body as the client may have kept it: keys mostly of the right
/// shape and naming ids of the pool, values mostly strings.
fn arb_body() -> BoxedStrategy<FormBody> {
    let key = prop_oneof![
        6 => (prop::sample::select(PREFIXES), prop::sample::select(IDS))
            .prop_map(|(prefix, id)| format!("{prefix}{id}")),
        1 => arb_key(),
    ];
    let value = prop_oneof![
        4 => arb_text().prop_map(Value::String),
        2 => prop::sample::select(IDS).prop_map(|id| Value::String(id.to_string())),
        2 => prop::collection::vec(
            prop_oneof![
                prop::sample::select(IDS).prop_map(|id| Value::String(id.to_string())),
                arb_leaf(),
            ],
            0..4,
        )
        .prop_map(Value::Array),
        1 => arb_value(),
    ];
    prop::collection::btree_map(key, value, 0..12)
        .prop_map(|m| FormBody(m.into_iter().collect()))
        .boxed()
}

fn arb_date_parts() -> BoxedStrategy<DateParts> {
    let small = || prop::option::of(prop_oneof![0u32..62, any::<u32>()]);
    (
        small(),
        small(),
        prop::option::of(prop_oneof![1900i32..2100, any::<i32>()]),
        small(),
        small(),
        prop::option::of(prop_oneof![Just(Meridiem::Am), Just(Meridiem::Pm)]),
    )
        .prop_map(|(day, month, year, hour, minute, meridiem)| DateParts {
            day,
            month,
            year,
            hour,
            minute,
            meridiem,
        })
        .boxed()
}

/// Any answer, of any shape and length: it need not fit the question.
fn arb_answer() -> BoxedStrategy<Answer> {
    let id = || prop::sample::select(IDS);
    let ids = move || prop::collection::vec(id(), 0..4);
    let strings = || prop::collection::vec(arb_text(), 0..5);
    let other_text = move || prop::collection::btree_map(id(), arb_text(), 0..3);
    prop_oneof![
        Just(Answer::Nothing),
        (prop::option::of(id()), other_text())
            .prop_map(|(choice, other_text)| Answer::Single { choice, other_text }),
        (ids(), other_text())
            .prop_map(|(chosen, other_text)| Answer::Multiple { chosen, other_text }),
        strings().prop_map(|values| Answer::Text { values }),
        prop::collection::vec(prop::option::of(prop_oneof![0u32..5, any::<u32>()]), 0..5)
            .prop_map(|ranks| Answer::Rank { ranks }),
        strings().prop_map(|values| Answer::Sum { values }),
        prop::collection::vec(arb_date_parts(), 0..3).prop_map(|values| Answer::Date { values }),
        prop::collection::vec(ids(), 0..4).prop_map(|rows| Answer::Matrix { rows }),
    ]
    .boxed()
}

// ---------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------

fn encode(q: &Question, a: &Answer) -> FormBody {
    encode_page(std::slice::from_ref(q), std::slice::from_ref(a))
}

/// Every key is a known prefix and a decimal id; every value a string or an
/// array of strings.
fn assert_well_formed(body: &FormBody) {
    for (key, value) in &body.0 {
        let id = PREFIXES
            .iter()
            .filter_map(|p| key.strip_prefix(p))
            .find(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()));
        assert!(id.is_some(), "bad key {key:?} in {body:?}");
        match value {
            Value::String(_) => {}
            Value::Array(items) => {
                assert!(!items.is_empty(), "empty array at {key:?} in {body:?}");
                assert!(
                    items.iter().all(Value::is_string),
                    "bad array at {key:?} in {body:?}"
                );
            }
            other => panic!("bad value {other:?} at {key:?} in {body:?}"),
        }
    }
}

/// `body` (an encoded answer) read back and encoded again is `body`, and
/// reading that again gives the same answer.
fn assert_stable(q: &Question, body: &FormBody) {
    assert_well_formed(body);
    let back = Answer::from_body(q, body);
    let again = encode(q, &back);
    assert_eq!(
        &again, body,
        "body not stable for {q:?}\nread back as {back:?}"
    );
    assert_eq!(Answer::from_body(q, &again), back);
}

fn check_question(q: &Question, body: &FormBody, answer: &Answer) {
    let empty = Answer::empty(q);
    assert!(empty.is_empty(), "{empty:?}");
    assert!(
        encode(q, &empty).is_empty(),
        "empty answer encodes for {q:?}"
    );
    if !q.required {
        assert_eq!(validate(q, &empty), None, "optional empty refused: {q:?}");
    }
    if !q.takes_answer() {
        assert_eq!(empty, Answer::Nothing);
        // A question the kiosk cannot show keeps the server's "required",
        // so the kiosk can refuse the page instead of trapping anyone.
        assert!(
            !q.required || matches!(q.kind, QuestionKind::Unsupported { .. }),
            "{q:?}"
        );
    }

    // What the server embedded: encode, read back, encode again.
    let embedded = Answer::from_embedded(q);
    let _ = validate(q, &embedded);
    assert_stable(q, &encode(q, &embedded));

    // The client's own copy, arbitrary.
    let restored = Answer::from_body(q, body);
    let _ = validate(q, &restored);
    assert_stable(q, &encode(q, &restored));
    let _ = prefill(std::slice::from_ref(q), Some(body));

    // An answer of any shape must not panic either.
    let _ = validate(q, answer);
    assert_well_formed(&encode(q, answer));
    let _ = validate_page(std::slice::from_ref(q), &[answer.clone(), Answer::Nothing]);
}

fn check_value(value: &Value, body: &FormBody, answer: &Answer) {
    if let Ok(envelope) = Envelope::from_value(value) {
        for q in &envelope.questions {
            check_question(q, body, answer);
        }
        let answers = prefill(&envelope.questions, Some(body));
        assert_eq!(answers.len(), envelope.questions.len());
        let page = encode_page(&envelope.questions, &answers);
        assert_well_formed(&page);
        let _ = validate_page(&envelope.questions, &answers);
        for p in &envelope.validation_errors {
            let _ = p.question_index(&envelope.questions);
        }
    }
    for q in [
        Question::from_entry(value),
        Question::from_section(value, "fallback"),
        Question::from_entry(&json!({"html": value, "json": value})),
        Question::from_entry(&json!({"html": "<b>x</b>", "json": value.to_string()})),
    ] {
        check_question(&q, body, answer);
    }
}

// ---------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(config())]

    #[test]
    fn envelope_parse_never_panics_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        let _ = Envelope::parse(&bytes);
    }

    #[test]
    fn envelope_parse_never_panics_on_json_text(value in arb_value()) {
        let text = value.to_string();
        let parsed = Envelope::parse(text.as_bytes());
        // Text that is JSON never fails as "not JSON".
        prop_assert!(!matches!(parsed, Err(survey_kiosk::api::EnvelopeError::NotJson(_))));
        // Cut anywhere: never a panic.
        for cut in [text.len() / 3, text.len() / 2, text.len().saturating_sub(1)] {
            let _ = Envelope::parse(&text.as_bytes()[..cut]);
        }
    }

    #[test]
    fn arbitrary_values_never_panic(value in arb_value(), body in arb_body(), answer in arb_answer()) {
        check_value(&value, &body, &answer);
        // The same value as a whole envelope, and as one entry of a page.
        let page = json!({"response": {"status": "success", "questions": [
            {"html": null, "json": value}, {"json": value.to_string()}, value
        ]}});
        check_value(&page, &body, &answer);
    }

    #[test]
    fn arbitrary_sections_never_panic(section in arb_section(), body in arb_body(), answer in arb_answer()) {
        let q = Question::from_section(&section, "");
        check_question(&q, &body, &answer);
        // Object or string-encoded JSON: the same question. (Compared with the
        // section as serde_json reads its own text back: without its
        // `float_roundtrip` feature a float may come back one ulp off.)
        let text = section.to_string();
        let reread: Value = match serde_json::from_str(&text) {
            Ok(v) => v,
            Err(e) => return Err(TestCaseError::fail(format!("{e}: {text}"))),
        };
        let q_text = Question::from_section(&reread, "");
        let from_object = Question::from_entry(&json!({"html": null, "json": section}));
        let from_string = Question::from_entry(&json!({"html": null, "json": text}));
        prop_assert_eq!(&from_object, &q);
        prop_assert_eq!(&from_string, &q_text);
        let page = json!({"response": {"status": "success", "questions": [
            {"html": null, "json": section}, {"json": text}
        ]}});
        match Envelope::from_value(&page) {
            Ok(envelope) => prop_assert_eq!(envelope.questions, vec![q, q_text]),
            Err(e) => prop_assert!(false, "page with a status refused: {e}"),
        }
    }

    #[test]
    fn date_questions_are_stable(
        format in word(&["dmy", "dmy_time", "calendar"]),
        values in prop::collection::vec(prop::option::weighted(0.9, arb_date_text()), 1..4),
        body in prop::collection::btree_map(
            (prop::sample::select(&PREFIXES[5..]), 0u64..4).prop_map(|(p, id)| format!("{p}{id}")),
            prop_oneof![arb_date_text(), "-?[0-9]{0,6}", prop::sample::select(&["AM", "pm", "x"][..]).prop_map(str::to_owned)],
            0..10,
        ),
        answer in arb_answer(),
    ) {
        let answers: Vec<Value> = values
            .iter()
            .enumerate()
            .map(|(id, value)| json!({"id": id, "value": value}))
            .collect();
        let q = Question::from_section(
            &json!({"id": 9, "type": "DT", "dateFormat": format, "answers": answers,
                "formParam": {"paramPrefix": "dt_", "paramIdType": "answerId"}}),
            "",
        );
        let body = FormBody(body.into_iter().map(|(k, v)| (k, Value::String(v))).collect());
        check_question(&q, &body, &answer);
    }

    #[test]
    fn arbitrary_sections_in_arbitrary_envelopes(
        sections in prop::collection::vec(arb_section(), 0..4),
        envelope in arb_value(),
        body in arb_body(),
        answer in arb_answer(),
    ) {
        let mut value = envelope;
        if let Value::Object(map) = &mut value {
            map.insert("status".to_owned(), json!("validation_errors"));
            map.insert(
                "questions".to_owned(),
                Value::Array(sections.iter().map(|s| json!({"json": s})).collect()),
            );
        }
        check_value(&value, &body, &answer);
    }
}

/// The fuzz checks themselves can fail: a body that is not a fixed point,
/// and a malformed body, are caught.
#[test]
fn checks_catch_unstable_and_malformed_bodies() {
    let q = Question::from_section(
        &json!({"id": 1, "type": "M", "answers": [{"id": 2}, {"id": 3}],
            "formParam": {"paramPrefix": "m_"}}),
        "",
    );
    let unordered = FormBody(
        json!({"m_1": ["3", "2"]})
            .as_object()
            .cloned()
            .unwrap_or_default(),
    );
    assert!(std::panic::catch_unwind(|| assert_stable(&q, &unordered)).is_err());
    let empty_array = FormBody(json!({"m_1": []}).as_object().cloned().unwrap_or_default());
    assert!(std::panic::catch_unwind(|| assert_well_formed(&empty_array)).is_err());
    let ordered = FormBody(
        json!({"m_1": ["2", "3"]})
            .as_object()
            .cloned()
            .unwrap_or_default(),
    );
    assert_stable(&q, &ordered);
}
