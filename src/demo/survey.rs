//! The demo surveys as data: loading, serving pages (with earlier answers
//! embedded), strict checking of submitted bodies (by the demo's own
//! [`Rules`], not the client's), and branching.

use std::collections::HashMap;

use serde_json::{Map, Value, json};

use super::rules::{Expect, Rules};
use super::{Availability, COOKIE_SURVEY_ID, DemoError, LONG_SURVEY_ID, PAGES_SURVEY_ID};
use crate::survey::{DateFormat, Question, QuestionKind};

const ASSETS: [(&str, &str); 5] = [
    ("demo.json", include_str!("../../assets/surveys/demo.json")),
    (
        "quota.json",
        include_str!("../../assets/surveys/quota.json"),
    ),
    (
        "closed.json",
        include_str!("../../assets/surveys/closed.json"),
    ),
    (
        "forbidden.json",
        include_str!("../../assets/surveys/forbidden.json"),
    ),
    (
        "language.json",
        include_str!("../../assets/surveys/language.json"),
    ),
];

pub struct Survey {
    pub id: u64,
    pub pages: Vec<Page>,
    pub complete: (String, Option<String>),
    pub availability: Availability,
    pub forbidden: bool,
    /// Every call after the first must carry the session's `JSESSIONID`
    /// cookie as well as its token (the older, cookie-based flow).
    pub requires_cookie: bool,
    /// The JSON it was built from ([`super::DemoServer::edit_survey`]
    /// changes a copy and builds it again).
    pub source: Value,
}

pub struct Page {
    pub id: String,
    pub questions: Vec<DemoQuestion>,
    branches: Vec<(String, String, String)>,
    /// The status the page is served with (`success` unless the file says
    /// otherwise, e.g. `language_selection_required`).
    pub status: String,
}

pub struct DemoQuestion {
    section: Value,
    as_string: bool,
    html: String,
    /// The client's reading of the section, used only to serve it (to
    /// embed earlier answers).
    parsed: Question,
    /// The demo's own reading, which judges what is submitted.
    rules: Rules,
}

pub enum Goto {
    Page(usize),
    End(String, Option<String>),
}

/// Why the demo cannot use something, in words: a survey file (the demo
/// stops with it) or a submitted body (sent back as the API's message).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Invalid(pub String);

impl From<String> for Invalid {
    fn from(reason: String) -> Invalid {
        Invalid(reason)
    }
}

impl From<&str> for Invalid {
    fn from(reason: &str) -> Invalid {
        Invalid(reason.to_owned())
    }
}

pub fn load_all() -> Result<Vec<Survey>, DemoError> {
    let mut surveys = Vec::new();
    for (file, text) in ASSETS {
        let value: Value =
            serde_json::from_str(text).map_err(|source| DemoError::AssetJson { file, source })?;
        surveys
            .push(Survey::from_value(&value).map_err(|reason| DemoError::Asset { file, reason })?);
    }
    surveys.push(
        Survey::from_value(&long_survey()).map_err(|reason| DemoError::Asset {
            file: "the generated long survey",
            reason,
        })?,
    );
    surveys.push(
        Survey::from_value(&many_pages_survey()).map_err(|reason| DemoError::Asset {
            file: "the generated 30-page survey",
            reason,
        })?,
    );
    // The showcase survey again, on a server that insists on the session
    // cookie: crash recovery must send it back too.
    let file = "demo.json (as the cookie survey)";
    let mut cookie: Value = serde_json::from_str(ASSETS[0].1)
        .map_err(|source| DemoError::AssetJson { file, source })?;
    cookie["id"] = json!(COOKIE_SURVEY_ID);
    cookie["requiresCookie"] = json!(true);
    surveys.push(Survey::from_value(&cookie).map_err(|reason| DemoError::Asset { file, reason })?);
    Ok(surveys)
}

impl Survey {
    pub fn from_value(value: &Value) -> Result<Survey, Invalid> {
        let id = value
            .get("id")
            .and_then(Value::as_u64)
            .ok_or("no numeric \"id\"")?;
        let pages = value
            .get("pages")
            .and_then(Value::as_array)
            .filter(|p| !p.is_empty())
            .ok_or("no \"pages\"")?;
        let pages = pages
            .iter()
            .enumerate()
            .map(|(n, page)| Page::from_value(page, n))
            .collect::<Result<Vec<_>, _>>()?;
        let complete = value.get("complete");
        let status = complete
            .and_then(|c| c.get("status"))
            .and_then(Value::as_str)
            .unwrap_or("survey_complete");
        let redirect = complete
            .and_then(|c| c.get("redirectUrl"))
            .and_then(Value::as_str)
            .map(str::to_owned);
        let availability = match value.get("availability").and_then(Value::as_str) {
            Some("closed") => Availability::Closed,
            Some("paused") => Availability::Paused,
            Some("suspended") => Availability::Suspended,
            Some("quota_full") => Availability::QuotaFull,
            _ => Availability::Open,
        };
        Ok(Survey {
            id,
            pages,
            complete: (status.to_owned(), redirect),
            availability,
            forbidden: value
                .get("forbidden")
                .and_then(Value::as_bool)
                .unwrap_or(false),
            requires_cookie: value
                .get("requiresCookie")
                .and_then(Value::as_bool)
                .unwrap_or(false),
            source: value.clone(),
        })
    }
}

impl Page {
    fn from_value(value: &Value, number: usize) -> Result<Page, Invalid> {
        let id = value
            .get("id")
            .and_then(Value::as_str)
            .map_or_else(|| format!("page{}", number + 1), str::to_owned);
        let questions = value
            .get("questions")
            .and_then(Value::as_array)
            .ok_or(format!("page {id} has no \"questions\""))?
            .iter()
            .map(DemoQuestion::from_value)
            .collect();
        let branches = value
            .get("branches")
            .and_then(Value::as_array)
            .map(|branches| {
                branches
                    .iter()
                    .filter_map(|b| {
                        Some((
                            b.get("key")?.as_str()?.to_owned(),
                            b.get("equals")?.as_str()?.to_owned(),
                            b.get("goto")?.as_str()?.to_owned(),
                        ))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let status = value
            .get("status")
            .and_then(Value::as_str)
            .unwrap_or("success")
            .to_owned();
        Ok(Page {
            id,
            questions,
            branches,
            status,
        })
    }

    /// Refuses keys that are not on this page and values of the wrong shape.
    pub fn check_keys(&self, body: &Map<String, Value>) -> Result<(), Invalid> {
        let mut expected = HashMap::new();
        for q in &self.questions {
            q.rules.expected_keys(&mut expected);
        }
        for (key, value) in body {
            let ok = match (expected.get(key.as_str()), value) {
                (None, _) => return Err(format!("Unknown form parameter {key}").into()),
                (Some(Expect::Text), Value::String(_)) => true,
                (Some(Expect::Id(ids)), Value::String(s)) => {
                    s.trim().parse().is_ok_and(|id| ids.contains(&id))
                }
                (Some(Expect::Ids(ids)), Value::Array(items)) => items.iter().all(|item| {
                    item.as_str()
                        .and_then(|s| s.trim().parse().ok())
                        .is_some_and(|id| ids.contains(&id))
                }),
                _ => false,
            };
            if !ok {
                return Err(format!("Invalid value for form parameter {key}").into());
            }
        }
        Ok(())
    }

    /// The page's validation errors, in the spec's shape. `body` has
    /// passed [`Page::check_keys`].
    pub fn validate(&self, body: &Map<String, Value>) -> Vec<Value> {
        self.questions
            .iter()
            .filter_map(|q| q.rules.judge(body))
            .collect()
    }

    pub fn next(&self, body: &Map<String, Value>, index: usize, survey: &Survey) -> Goto {
        for (key, equals, goto) in &self.branches {
            let hit = match body.get(key) {
                Some(Value::String(s)) => s == equals,
                Some(Value::Array(items)) => items.iter().any(|i| i.as_str() == Some(equals)),
                _ => false,
            };
            if hit {
                if let Some(page) = survey.pages.iter().position(|p| &p.id == goto) {
                    return Goto::Page(page);
                }
                return Goto::End(goto.clone(), None);
            }
        }
        if index + 1 < survey.pages.len() {
            Goto::Page(index + 1)
        } else {
            Goto::End(survey.complete.0.clone(), survey.complete.1.clone())
        }
    }
}

impl DemoQuestion {
    fn from_value(value: &Value) -> DemoQuestion {
        let mut section = value.clone();
        let (as_string, html) = match section.as_object_mut() {
            Some(object) => (
                object
                    .remove("serveJsonAs")
                    .and_then(|v| v.as_str().map(|s| s == "string"))
                    == Some(true),
                object
                    .remove("html")
                    .and_then(|v| v.as_str().map(str::to_owned)),
            ),
            None => (false, None),
        };
        let text = section.get("text").and_then(Value::as_str).unwrap_or("");
        let html = html.unwrap_or_else(|| format!("<div class='qstn-row'>{text}</div>"));
        let parsed = Question::from_entry(&json!({"html": html, "json": section}));
        let rules = Rules::from_section(&section);
        DemoQuestion {
            section,
            as_string,
            html,
            parsed,
            rules,
        }
    }

    /// The `questions[]` entry, with `embedded` answers marked in it.
    pub fn served(&self, embedded: Option<&Map<String, Value>>) -> Value {
        let mut section = self.section.clone();
        if let Some(body) = embedded {
            self.embed(&mut section, body);
        }
        let json = if self.as_string {
            Value::String(section.to_string())
        } else {
            section
        };
        json!({"html": self.html, "json": json})
    }

    fn embed(&self, section: &mut Value, body: &Map<String, Value>) {
        let q = &self.parsed;
        let text = |key: String| body.get(&key).and_then(Value::as_str).map(str::to_owned);
        let has = |key: String, id: u64| match body.get(&key) {
            Some(Value::String(s)) => s.trim() == id.to_string(),
            Some(Value::Array(items)) => items.iter().any(|i| i.as_str() == Some(&id.to_string())),
            _ => false,
        };
        if let Some(Value::Array(answers)) = section.get_mut("answers") {
            for item in answers.iter_mut() {
                let Some(id) = item.get("id").and_then(crate::survey::parse_id) else {
                    continue;
                };
                let (selected, value) = match &q.kind {
                    QuestionKind::SingleChoice { .. } => {
                        (has(format!("u_{}", q.id), id), text(format!("t_{id}")))
                    }
                    QuestionKind::MultipleChoice { .. } => {
                        (has(format!("m_{}", q.id), id), text(format!("t_{id}")))
                    }
                    QuestionKind::Text { .. } => (false, text(format!("t_{id}"))),
                    QuestionKind::Rank { .. } => (false, text(format!("r_{id}"))),
                    QuestionKind::ConstantSum { .. } => (false, text(format!("s_{id}"))),
                    QuestionKind::Date { format, .. } => (false, date_value(body, *format, id)),
                    // A matrix's answers are its columns: marked on its rows below.
                    QuestionKind::Matrix { .. }
                    | QuestionKind::Descriptive
                    | QuestionKind::Unsupported { .. } => (false, None),
                };
                if let Some(object) = item.as_object_mut() {
                    if selected {
                        object.insert("selected".into(), Value::Bool(true));
                    }
                    if let Some(value) = value {
                        object.insert("value".into(), Value::String(value));
                    }
                }
            }
        }
        if let (QuestionKind::Matrix { .. }, Some(Value::Array(rows))) =
            (&q.kind, section.get_mut("rows"))
        {
            for row in rows.iter_mut() {
                let Some(id) = row.get("id").and_then(crate::survey::parse_id) else {
                    continue;
                };
                let chosen = match body
                    .get(&format!("u_{id}"))
                    .or_else(|| body.get(&format!("m_{id}")))
                {
                    Some(Value::String(s)) => vec![Value::String(s.clone())],
                    Some(Value::Array(items)) => items.clone(),
                    _ => continue,
                };
                if let Some(object) = row.as_object_mut() {
                    object.insert("selected".into(), Value::Array(chosen));
                }
            }
        }
    }
}

fn date_value(body: &Map<String, Value>, format: DateFormat, id: u64) -> Option<String> {
    let part = |name: &str| body.get(&format!("dt_{name}_{id}")).and_then(Value::as_str);
    if format == DateFormat::Calendar {
        return part("cal").map(str::to_owned);
    }
    let number = |name: &str| part(name).and_then(|s| s.trim().parse::<u32>().ok());
    let date = format!(
        "{:04}-{:02}-{:02}",
        number("year")?,
        number("month")?,
        number("day")?
    );
    if format == DateFormat::DayMonthYearTime {
        return Some(format!(
            "{date} {}:{:02} {}",
            number("hr")?,
            number("min")?,
            part("ampm")?
        ));
    }
    Some(date)
}

/// One page of 120 questions of mixed simple kinds (for benchmarks).
fn long_survey() -> Value {
    let choices = |base: u64, n: u64| -> Vec<Value> {
        (0..n)
            .map(|j| json!({"id": base + j, "text": format!("Answer {}", j + 1)}))
            .collect()
    };
    let questions: Vec<Value> = (0..120u64)
        .map(|i| {
            let id = 70_000 + i;
            let base = 700_000 + i * 10;
            let text = format!("Question {}: how do you feel about item {}?", i + 1, i + 1);
            match i % 4 {
                0 => json!({"id": id, "type": "U", "text": text, "required": i % 8 == 0,
                    "formParam": {"paramPrefix": "u_", "paramIdType": "questionId"}, "answers": choices(base, 5)}),
                1 => json!({"id": id, "type": "M", "text": text, "serveJsonAs": "string",
                    "formParam": {"paramPrefix": "m_", "paramIdType": "questionId"}, "answers": choices(base, 5)}),
                2 => json!({"id": id, "type": "T", "text": text,
                    "formParam": {"paramPrefix": "t_", "paramIdType": "answerId"}, "answers": [{"id": base, "text": "Your answer"}]}),
                _ => json!({"id": id, "type": "MU", "text": text,
                    "formParam": {"paramPrefix": "u_", "paramIdType": "questionId"},
                    "rows": (0..3).map(|r| json!({"id": 800_000 + i * 10 + r, "text": format!("Row {}", r + 1)})).collect::<Vec<_>>(),
                    "answers": choices(base, 5)}),
            }
        })
        .collect();
    json!({"id": LONG_SURVEY_ID, "title": "Long survey", "pages": [{"id": "long", "questions": questions}]})
}

/// Thirty short pages (a required single choice and an optional text
/// each): a long respondent, for crashes in the middle of a survey.
fn many_pages_survey() -> Value {
    let pages: Vec<Value> = (0..30u64)
        .map(|p| {
            let choice = 90_000 + p * 2;
            let text = choice + 1;
            let base = 900_000 + p * 10;
            json!({"id": format!("page-{}", p + 1), "questions": [
                {"id": choice, "type": "U", "required": true,
                 "text": format!("Page {}: how was this part of your visit?", p + 1),
                 "formParam": {"paramPrefix": "u_", "paramIdType": "questionId"},
                 "answers": (0..4).map(|j| json!({"id": base + j, "text": format!("Choice {}", j + 1)})).collect::<Vec<_>>()},
                {"id": text, "type": "T", "text": "Anything to add?",
                 "formParam": {"paramPrefix": "t_", "paramIdType": "answerId"},
                 "answers": [{"id": base + 9, "text": "Your answer"}]}
            ]})
        })
        .collect();
    json!({"id": PAGES_SURVEY_ID, "title": "Thirty pages", "pages": pages})
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    fn surveys() -> Vec<Survey> {
        load_all().expect("the demo surveys load")
    }

    fn object(body: Value) -> Map<String, Value> {
        match body {
            Value::Object(map) => map,
            other => panic!("not an object: {other}"),
        }
    }

    #[test]
    fn keys_not_on_the_page_or_of_the_wrong_shape_are_refused() {
        let surveys = surveys();
        let welcome = &surveys[0].pages[0];
        assert!(
            welcome
                .check_keys(&object(json!({"u_5000000001": "5000000101"})))
                .is_ok()
        );
        for body in [
            json!({"u_999": "1"}),
            json!({"u_5000000001": "42"}),
            json!({"u_5000000001": ["5000000101"]}),
            json!({"u_5000000001": 5000000101u64}),
        ] {
            assert!(welcome.check_keys(&object(body.clone())).is_err(), "{body}");
        }
    }

    #[test]
    fn an_empty_page_names_each_required_question() {
        let surveys = surveys();
        let satisfaction = &surveys[0].pages[1];
        let problems = satisfaction.validate(&Map::new());
        let ids: Vec<&Value> = problems.iter().map(|p| &p["questionId"]).collect();
        assert_eq!(ids, [&json!(10002), &json!(10004)]);
        assert!(problems.iter().all(|p| p["message"].is_string()));
    }

    /// Where both are right they agree: what the rehearsal's respondents
    /// send (the client's answers and encoding) passes the demo's rules.
    #[test]
    fn the_clients_valid_answers_pass_on_every_demo_page() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(7);
        for survey in surveys() {
            for page in &survey.pages {
                let questions: Vec<Question> =
                    page.questions.iter().map(|q| q.parsed.clone()).collect();
                for _ in 0..40 {
                    let answers: Vec<_> = questions
                        .iter()
                        .map(|q| crate::rehearsal::random_answer(q, &mut rng))
                        .collect();
                    let body = crate::survey::encode_page(&questions, &answers).0;
                    assert_eq!(page.check_keys(&body), Ok(()), "{}: {body:?}", page.id);
                    assert_eq!(page.validate(&body), Vec::<Value>::new(), "{body:?}");
                }
            }
        }
    }
}
