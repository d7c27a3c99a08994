//! The journal's cost per respondent: a respondent's record begun, three
//! page bodies written before they are sent, each settled as accepted (the
//! body removed), the record closed (the write-ahead log emptied) — with
//! `SQLite`'s `secure_delete` on (the default: removed bodies are overwritten)
//! and off, to show what overwriting costs.
//!
//! Run: `cargo bench --bench journal` (see BENCHMARKS.md).

// A bench that cannot set up stops with the reason: `expect` is how it says so.
#![allow(clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::json;
use survey_kiosk::journal::{Journal, PageState, RespondentEnd, SessionState};
use survey_kiosk::survey::FormBody;

fn body(page: u64) -> FormBody {
    serde_json::from_value(json!({
        format!("u_{page}01"): "5000000102",
        format!("m_{page}02"): ["5000000201", "5000000203"],
        format!("t_{page}03"): "The staff were friendly and the queue was short today.",
        format!("t_{page}04"): "walker42@example.com",
    }))
    .expect("a body")
}

fn benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("journal");
    for secure in [true, false] {
        let dir = std::env::temp_dir().join(format!(
            "survey-kiosk-bench-journal-{}-{secure}",
            std::process::id()
        ));
        let journal = Journal::open(&dir.join("journal.sqlite3"), false).expect("opens");
        journal.set_secure_delete(secure).expect("pragma");
        let bodies: Vec<FormBody> = (1..=3).map(body).collect();
        let name = if secure {
            "respondent/secure_delete"
        } else {
            "respondent/plain_delete"
        };
        group.bench_function(name, |b| {
            b.iter(|| {
                let respondent = journal.begin_respondent(10000001, false).expect("begin");
                let session = SessionState {
                    page_key: Some("page"),
                    token: Some("a-token-of-some-length-like-the-real-ones"),
                    cookies: None,
                };
                for body in &bodies {
                    let page = journal
                        .write_page(respondent, body, 12.5, &session)
                        .expect("write");
                    journal
                        .settle_page(page, PageState::Accepted, Some("the server answered"))
                        .expect("settle");
                }
                journal
                    .end_respondent(respondent, &RespondentEnd::Final("survey_complete".into()))
                    .expect("end");
            });
        });
        drop(journal);
        let _ = std::fs::remove_dir_all(&dir);
    }
    group.finish();
}

criterion_group!(journal, benches);
criterion_main!(journal);
