//! The survey hot paths, without network: parsing a page envelope with its
//! section JSON, building the page's answer state, local validation and
//! encoding the flat submit body.
//!
//! Two pages, both captured once at start-up as raw response bodies from the
//! embedded demo server (real HTTP, real serving code):
//! - `page5`: a typical page of five mixed questions: the demo survey's
//!   "satisfaction" page (2 single choice, 1 multiple choice) with the
//!   questions of its "ratings" page (single and multiple matrix) added, as
//!   the server serves them (some section JSON as a string, some as objects);
//! - `page120`: the demo server's 120-question page (survey 10000004).
//!
//! Run: `cargo bench --bench survey` (see BENCHMARKS.md).

// A bench that cannot set up stops with the reason: `expect` is how it says so.
#![allow(clippy::expect_used)]

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use rand::SeedableRng;
use rand::rngs::StdRng;
use serde_json::Value;
use survey_kiosk::api::Envelope;
use survey_kiosk::demo::{DEMO_API_KEY, DEMO_SURVEY_ID, DemoServer, LONG_SURVEY_ID};
use survey_kiosk::kiosk::PageScreen;
use survey_kiosk::rehearsal::random_answer;
use survey_kiosk::survey::html::to_plain_text;
use survey_kiosk::survey::{Answer, Question, encode_page, validate_page};

/// A page as the server sent it, and what the benchmarks need around it.
struct Page {
    name: &'static str,
    bytes: Vec<u8>,
    envelope: Envelope,
    /// Valid answers to every question, as a respondent would leave them.
    answers: Vec<Answer>,
    /// Each question's `html` fragment (the fallback text).
    html: Vec<String>,
}

impl Page {
    fn new(name: &'static str, bytes: Vec<u8>) -> Page {
        let envelope = Envelope::parse(&bytes).expect("the captured page parses");
        let mut rng = StdRng::seed_from_u64(7);
        let answers = envelope
            .questions
            .iter()
            .map(|q| random_answer(q, &mut rng))
            .collect();
        let value: Value = serde_json::from_slice(&bytes).expect("the page is JSON");
        let html = value
            .pointer("/response/questions")
            .and_then(Value::as_array)
            .map(|entries| {
                entries
                    .iter()
                    .filter_map(|e| e.get("html").and_then(Value::as_str).map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        Page {
            name,
            bytes,
            envelope,
            answers,
            html,
        }
    }

    fn questions(&self) -> &[Question] {
        &self.envelope.questions
    }
}

/// One respondent's raw conversation with the demo server.
struct Walker {
    http: reqwest::Client,
    base: String,
    survey_id: u64,
    token: Option<String>,
}

impl Walker {
    async fn send(&mut self, action: &str, body: Option<Vec<u8>>) -> Vec<u8> {
        let url = format!("{}/surveys/{}/{action}", self.base, self.survey_id);
        let mut request = match body {
            Some(body) => self
                .http
                .post(url)
                .header("content-type", "application/json")
                .body(body),
            None => self.http.get(url),
        }
        .header("api-key", DEMO_API_KEY)
        .header("accept", "application/json");
        if let Some(token) = &self.token {
            request = request.header("x-survey-token", token.as_str());
        }
        let response = request.send().await.expect("the demo server answers");
        if let Some(token) = response
            .headers()
            .get("x-survey-token")
            .and_then(|t| t.to_str().ok())
        {
            self.token = Some(token.to_owned());
        }
        response
            .bytes()
            .await
            .expect("the demo server sends a body")
            .to_vec()
    }

    /// Answers the page in `bytes` with valid random answers and submits it.
    async fn submit(&mut self, bytes: &[u8], rng: &mut StdRng) -> Vec<u8> {
        let envelope = Envelope::parse(bytes).expect("a demo page parses");
        let answers: Vec<Answer> = envelope
            .questions
            .iter()
            .map(|q| random_answer(q, rng))
            .collect();
        let body = encode_page(&envelope.questions, &answers);
        let body = serde_json::to_vec(&body).expect("a body serializes");
        self.send("submit-page", Some(body)).await
    }
}

/// The raw bodies of the demo survey's pages 2 and 3 (some respondents are
/// screened out on page 1: those are walked again with another seed).
async fn demo_pages_2_and_3(http: &reqwest::Client, base: &str) -> (Vec<u8>, Vec<u8>) {
    for seed in 0..50 {
        let mut rng = StdRng::seed_from_u64(seed);
        let mut walker = Walker {
            http: http.clone(),
            base: base.to_owned(),
            survey_id: DEMO_SURVEY_ID,
            token: None,
        };
        let first = walker.send("take", None).await;
        let second = walker.submit(&first, &mut rng).await;
        if Envelope::parse(&second).map_or(true, |e| e.questions.is_empty()) {
            continue;
        }
        let third = walker.submit(&second, &mut rng).await;
        if Envelope::parse(&third).map_or(true, |e| e.questions.is_empty()) {
            continue;
        }
        return (second, third);
    }
    panic!("no walk of the demo survey reached its third page");
}

/// Captures both pages from a demo server started for the purpose.
fn capture() -> Vec<Page> {
    let server = DemoServer::start_background(0).expect("the demo server starts");
    let base = server.base_url();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let (second, third, long) = runtime.block_on(async {
        let http = reqwest::Client::new();
        let (second, third) = demo_pages_2_and_3(&http, &base).await;
        let mut walker = Walker {
            http,
            base: base.clone(),
            survey_id: LONG_SURVEY_ID,
            token: None,
        };
        let long = walker.send("take", None).await;
        (second, third, long)
    });
    // The five-question page: page 2's envelope with page 3's questions added.
    let mut page5: Value = serde_json::from_slice(&second).expect("page 2 is JSON");
    let third: Value = serde_json::from_slice(&third).expect("page 3 is JSON");
    let more = third
        .pointer("/response/questions")
        .and_then(Value::as_array)
        .cloned()
        .expect("page 3 has questions");
    page5
        .pointer_mut("/response/questions")
        .and_then(Value::as_array_mut)
        .expect("page 2 has questions")
        .extend(more);
    let page5 = serde_json::to_vec(&page5).expect("the page serializes");
    let pages = vec![Page::new("page5", page5), Page::new("page120", long)];
    for page in &pages {
        eprintln!(
            "{}: {} questions, {} bytes",
            page.name,
            page.questions().len(),
            page.bytes.len()
        );
    }
    assert_eq!(
        pages[0].questions().len(),
        5,
        "the typical page has 5 questions"
    );
    assert_eq!(pages[1].questions().len(), 120, "the long page has 120");
    pages
}

fn benches(c: &mut Criterion) {
    let pages = capture();
    for page in &pages {
        let mut group = c.benchmark_group(page.name);
        group.bench_function("parse", |b| {
            b.iter(|| Envelope::parse(black_box(&page.bytes)).expect("parses"));
        });
        // What converting every question's `html` fragment to plain text
        // (html2text) costs; `parse` only does it for a question whose
        // section JSON has no text of its own.
        group.bench_function("parse/html-fallback-only", |b| {
            b.iter(|| {
                page.html
                    .iter()
                    .map(|h| to_plain_text(black_box(h)))
                    .collect::<Vec<_>>()
            });
        });
        group.bench_function("state", |b| {
            b.iter_batched(
                || page.envelope.clone(),
                |envelope| PageScreen::new(envelope, None, 1),
                BatchSize::SmallInput,
            );
        });
        group.bench_function("validate", |b| {
            b.iter(|| validate_page(black_box(page.questions()), black_box(&page.answers)));
        });
        group.bench_function("encode", |b| {
            b.iter(|| encode_page(black_box(page.questions()), black_box(&page.answers)));
        });
        // What the kiosk does with one page: the body in, the page state up,
        // then (once answered) validated and encoded for the submit.
        group.bench_function("parse+state+validate+encode", |b| {
            b.iter(|| {
                let envelope = Envelope::parse(black_box(&page.bytes)).expect("parses");
                let screen = PageScreen::new(envelope, None, 1);
                let problems = validate_page(&screen.questions, &page.answers);
                let body = encode_page(&screen.questions, &page.answers);
                (screen, problems, body)
            });
        });
        group.finish();
    }
}

criterion_group!(survey, benches);
criterion_main!(survey);
