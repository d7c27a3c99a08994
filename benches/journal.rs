//! The journal's cost per respondent: a respondent's record begun, three
//! page bodies written before they are sent, each settled as accepted (the
//! body removed), the record closed (the write-ahead log emptied) — with
//! `SQLite`'s `secure_delete` on (the default: removed bodies are overwritten)
//! and off, to show what overwriting costs. Then what encryption costs: one
//! page (with a token and cookies) written and settled with its values
//! sealed and in plain text, and opening an existing journal (its key read
//! from the key file and checked).
//!
//! Run: `cargo bench --bench journal` (see BENCHMARKS.md).

// A bench that cannot set up stops with the reason: `expect` is how it says so.
#![allow(clippy::expect_used)]

use std::path::PathBuf;

use base64::Engine as _;
use chacha20poly1305::aead::{Aead, Payload};
use chacha20poly1305::{Key, KeyInit, XChaCha20Poly1305, XNonce};
use criterion::{Criterion, criterion_group, criterion_main};
use rand::RngCore as _;
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

fn bench_dir(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!(
        "survey-kiosk-bench-journal-{name}-{}",
        std::process::id()
    ))
}

/// One page written before it is sent (body, token and cookies sealed, or
/// not) and settled as accepted: what sealing adds to each page.
fn sealing(c: &mut Criterion) {
    let mut group = c.benchmark_group("journal");
    let body = body(1);
    let session = SessionState {
        page_key: Some("page"),
        token: Some("eyJyZXZpc2lvbiI6MiwidXVpZCI6ImUzZjFkNGM4In0.c2lnbmF0dXJlLW9mLWEtdG9rZW4"),
        cookies: Some("JSESSIONID=0b7e5a52-9f3c-4a8e-8d1b-2f6c7e9a1d34; Path=/; HttpOnly"),
    };
    for sealed in [true, false] {
        let dir = bench_dir(if sealed { "sealed" } else { "plain" });
        let mut journal = Journal::open(&dir.join("journal.sqlite3"), false).expect("opens");
        journal.set_sealing(sealed);
        let respondent = journal.begin_respondent(10000001, false).expect("begin");
        let name = if sealed { "page/sealed" } else { "page/plain" };
        group.bench_function(name, |b| {
            b.iter(|| {
                let page = journal
                    .write_page(respondent, &body, 12.5, &session)
                    .expect("write");
                journal
                    .settle_page(page, PageState::Accepted, None)
                    .expect("settle");
            });
        });
        drop(journal);
        let _ = std::fs::remove_dir_all(&dir);
    }
    // The cipher alone, as the journal calls it for a body: a fresh nonce,
    // XChaCha20-Poly1305 with the column as associated data, base64.
    let text = serde_json::to_string(&body).expect("JSON");
    let cipher = XChaCha20Poly1305::new(&Key::from([7u8; 32]));
    group.bench_function("cipher/body", |b| {
        b.iter(|| {
            let mut nonce = [0u8; 24];
            rand::rng().fill_bytes(&mut nonce);
            let sealed = cipher
                .encrypt(
                    &XNonce::from(nonce),
                    Payload {
                        msg: text.as_bytes(),
                        aad: b"pages.body",
                    },
                )
                .expect("sealed");
            base64::engine::general_purpose::STANDARD.encode(sealed)
        });
    });
    // Opening a journal that exists, with a key file next to it: the
    // key read, the check value opened (the start-up cost).
    let dir = bench_dir("open");
    let path = dir.join("journal.sqlite3");
    drop(Journal::open(&path, false).expect("a journal and its key file"));
    group.bench_function("open/key_file", |b| {
        b.iter(|| Journal::open(&path, false).expect("opens"));
    });
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(journal, benches, sealing);
criterion_main!(journal);
