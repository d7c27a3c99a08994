//! Never lose an answer: the kiosk loop and the worker, with a journal,
//! against the demo server's injected faults over real HTTP (real time, with
//! short retry waits).

// A test that cannot set up stops with the reason: `expect` is how it says so.
#![allow(clippy::expect_used)]

use std::path::Path;
use std::time::{Duration, Instant};

use rand::SeedableRng;
use rand::rngs::StdRng;
use survey_kiosk::api::{Client, ClientSettings};
use survey_kiosk::demo::{Call, DEMO_API_KEY, DEMO_SURVEY_ID, DemoServer, Fault};
use survey_kiosk::journal::{self, ExportFormat, Journal};
use survey_kiosk::kiosk::{Action, EndKind, Kiosk, Screen, Settings};
use survey_kiosk::rehearsal::{WalkOptions, random_answer, walk};
use survey_kiosk::survey::FormBody;
use survey_kiosk::worker::{Records, RetryPolicy, Worker};

mod common;
use common::{demo_server, temp, wait_for, wait_until};

const TIMEOUT: Duration = Duration::from_millis(800);

fn client(server: &DemoServer) -> Client {
    let mut settings = ClientSettings::new(server.base_url(), DEMO_API_KEY);
    settings.request_timeout = TIMEOUT;
    settings.connect_timeout = TIMEOUT;
    Client::new(&settings).expect("a client of the demo server")
}

fn fast_settings() -> Settings {
    Settings {
        retry_initial: Duration::from_millis(20),
        retry_max: Duration::from_millis(200),
        ..Settings::default()
    }
}

/// The kiosk loop with a real worker, pumped in real time.
struct Driver {
    kiosk: Kiosk,
    worker: Worker,
    rng: StdRng,
}

impl Driver {
    fn new(server: &DemoServer, journal: &Path) -> Driver {
        Driver::with_settings(server, journal, fast_settings())
    }

    fn with_settings(server: &DemoServer, journal: &Path, settings: Settings) -> Driver {
        let journal = Journal::open(journal, false).expect("the journal opens");
        let records = Records::Journal {
            journal,
            rehearsal: false,
        };
        let worker = Worker::spawn_configured(
            client(server),
            DEMO_SURVEY_ID,
            records,
            RetryPolicy::from(&settings),
            || {},
        )
        .expect("the worker starts");
        Driver {
            kiosk: Kiosk::new(settings, Instant::now()),
            worker,
            rng: StdRng::seed_from_u64(7),
        }
    }

    fn act(&mut self, action: Action) {
        for effect in self.kiosk.act(action, Instant::now()) {
            self.worker
                .send(effect)
                .expect("the worker takes the effect");
        }
    }

    /// Runs the loop until `done` holds for the screen.
    fn until(&mut self, what: &str, done: impl Fn(&Screen) -> bool) {
        let started = Instant::now();
        while !done(self.kiosk.screen()) {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "waited too long for {what}; screen: {:?}",
                self.kiosk.screen()
            );
            let effects = match self.worker.recv_timeout(Duration::from_millis(10)) {
                Some(reply) => self.kiosk.receive(reply, Instant::now()),
                None => self.kiosk.tick(Instant::now()),
            };
            for effect in effects {
                self.worker
                    .send(effect)
                    .expect("the worker takes the effect");
            }
        }
    }

    fn page(&self) -> Option<u64> {
        match self.kiosk.screen() {
            Screen::Page(page) if page.busy.is_none() => Some(page.serial),
            _ => None,
        }
    }

    /// Answers the page on screen with valid random answers; returns the
    /// body that Next will send.
    fn answer(&mut self) -> FormBody {
        let Screen::Page(page) = self.kiosk.screen().clone() else {
            panic!("not on a page")
        };
        for (index, question) in page.questions.iter().enumerate() {
            let answer = random_answer(question, &mut self.rng);
            self.act(Action::Answered { index, answer });
        }
        let Screen::Page(page) = self.kiosk.screen() else {
            panic!("not on a page")
        };
        survey_kiosk::survey::encode_page(&page.questions, &page.answers)
    }

    fn start(&mut self) {
        self.act(Action::Start);
        self.until(
            "the first page",
            |s| matches!(s, Screen::Page(p) if p.busy.is_none()),
        );
    }

    /// Answers page one so the survey goes on (not the screen-out).
    fn past_page_one(&mut self) -> FormBody {
        let Screen::Page(page) = self.kiosk.screen().clone() else {
            panic!("not on a page")
        };
        let index = page
            .questions
            .iter()
            .position(|q| q.id == 5000000001)
            .expect("page one has its question");
        let answer = survey_kiosk::survey::Answer::Single {
            choice: Some(5000000101),
            other_text: std::collections::BTreeMap::default(),
        };
        self.act(Action::Answered { index, answer });
        let Screen::Page(page) = self.kiosk.screen() else {
            panic!("not on a page")
        };
        let body = survey_kiosk::survey::encode_page(&page.questions, &page.answers);
        let before = self.page();
        self.act(Action::Next);
        self.until(
            "page two",
            |s| matches!(s, Screen::Page(p) if p.busy.is_none() && Some(p.serial) != before),
        );
        body
    }
}

fn faults() -> Vec<(&'static str, Fault)> {
    vec![
        ("500", Fault::Status500),
        ("html 503", Fault::Html503),
        ("garbage", Fault::Garbage),
        ("truncated", Fault::Truncated),
        ("dropped", Fault::Drop),
        ("delay past the timeout", Fault::Delay(TIMEOUT * 3)),
    ]
}

fn count(server: &DemoServer, body: &FormBody) -> usize {
    server
        .accepted()
        .iter()
        .filter(|p| {
            serde_json::from_value::<FormBody>(p.body.clone())
                .ok()
                .as_ref()
                == Some(body)
        })
        .count()
}

#[test]
fn every_fault_on_submit_is_retried_until_the_page_is_accepted_once() {
    for (name, fault) in faults() {
        let server = demo_server();
        let dir = temp("submit");
        let mut d = Driver::new(&server, &dir.join(journal::FILE_NAME));
        d.start();
        d.past_page_one();
        let body = d.answer();
        let before = d.page();
        server.inject(fault, 2);
        d.act(Action::Next);
        d.until(
            &format!("page three after {name}"),
            |s| matches!(s, Screen::Page(p) if p.busy.is_none() && Some(p.serial) != before),
        );
        assert_eq!(count(&server, &body), 1, "{name}: accepted exactly once");
        drop(d);
        let journal =
            Journal::open(&dir.join(journal::FILE_NAME), false).expect("the journal opens");
        let counts = journal.counts().expect("the journal counts");
        assert_eq!(counts.pages_in("accepted"), 2, "{name}: {counts:?}");
        assert_eq!(counts.pages_in("pending"), 0, "{name}: {counts:?}");
    }
}

#[test]
fn every_fault_on_previous_page_is_retried_and_the_answers_come_back() {
    for (name, fault) in faults() {
        let server = demo_server();
        let dir = temp("previous");
        let mut d = Driver::new(&server, &dir.join(journal::FILE_NAME));
        d.start();
        let first = d.past_page_one();
        let before = d.page();
        server.inject(fault, 2);
        d.act(Action::Back);
        d.until(
            &format!("page one again after {name}"),
            |s| matches!(s, Screen::Page(p) if p.busy.is_none() && Some(p.serial) != before),
        );
        let Screen::Page(page) = d.kiosk.screen() else {
            panic!("not a page")
        };
        let again = survey_kiosk::survey::encode_page(&page.questions, &page.answers);
        assert_eq!(again, first, "{name}: the answers are pre-filled");
        // Sending it again is a new, legitimate submission.
        let before = d.page();
        d.act(Action::Next);
        d.until(
            "page two again",
            |s| matches!(s, Screen::Page(p) if p.busy.is_none() && Some(p.serial) != before),
        );
        assert_eq!(count(&server, &first), 2, "{name}: sent once per Next");
    }
}

#[test]
fn a_start_that_fails_waits_offline_then_comes_back_by_itself() {
    let server = demo_server();
    let dir = temp("start");
    let mut d = Driver::new(&server, &dir.join(journal::FILE_NAME));
    server.inject(Fault::Html503, 3);
    d.act(Action::Start);
    d.until("the offline attract screen", |s| {
        matches!(s, Screen::Attract { offline: Some(_) })
    });
    d.until("the attract screen again", |s| {
        matches!(s, Screen::Attract { offline: None })
    });
    d.start();
    assert!(d.page().is_some());
}

#[test]
fn accepted_answers_leave_the_journal_unless_kept() {
    for keep in [false, true] {
        let server = demo_server();
        let dir = temp("scrub");
        let path = dir.join(journal::FILE_NAME);
        let journal = Journal::open(&path, keep).expect("the journal opens");
        let options = WalkOptions {
            respondents: 3,
            seed: 4,
            page_lines: false,
            ..WalkOptions::default()
        };
        let report = walk(
            client(&server),
            DEMO_SURVEY_ID,
            fast_settings(),
            Records::Journal {
                journal,
                rehearsal: true,
            },
            &options,
            &mut std::io::sink(),
        )
        .expect("the rehearsal runs");
        assert!(report.all_final(), "{report:?}");
        let journal = Journal::open(&path, keep).expect("the journal opens");
        let mut csv = Vec::new();
        let rows = journal::export(&journal, ExportFormat::Csv, &mut csv)
            .expect("the journal exports as CSV");
        let csv = String::from_utf8(csv).expect("the CSV is UTF-8");
        assert!(rows as usize >= report.pages as usize, "one row per page");
        assert!(csv.starts_with("respondent,survey_id,rehearsal"));
        let with_answers = csv.lines().filter(|l| l.contains("u_5000000001")).count();
        if keep {
            assert_eq!(with_answers, 3, "kept: every first page's body");
        } else {
            assert_eq!(with_answers, 0, "removed once accepted:\n{csv}");
        }
        let mut jsonl = Vec::new();
        journal::export(&journal, ExportFormat::Jsonl, &mut jsonl)
            .expect("the journal exports as JSON lines");
        for line in String::from_utf8_lossy(&jsonl).lines() {
            let row: serde_json::Value = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("not a JSON line ({e}): {line}"));
            assert_eq!(row["rehearsal"], true);
            assert_eq!(row["page_state"], "accepted");
        }
    }
}

#[test]
fn a_full_disk_is_reported_and_the_walk_goes_on() {
    let server = demo_server();
    let dir = temp("full");
    let path = dir.join(journal::FILE_NAME);
    let journal = Journal::open(&path, false).expect("the journal opens");
    // The file cannot grow any more: every write fails with SQLITE_FULL.
    journal.limit_pages(1).expect("the journal file is capped");
    let options = WalkOptions {
        respondents: 5,
        seed: 2,
        page_lines: false,
        ..WalkOptions::default()
    };
    let report = walk(
        client(&server),
        DEMO_SURVEY_ID,
        fast_settings(),
        Records::Journal {
            journal,
            rehearsal: true,
        },
        &options,
        &mut std::io::sink(),
    )
    .expect("the rehearsal runs");
    assert!(report.all_final(), "{report:?}");
    let problem = report.journal_problem.unwrap_or_default();
    assert!(
        problem.contains("cannot keep a local copy") && problem.contains("disk is full"),
        "{problem}"
    );
}

fn page_states(path: &Path) -> Vec<String> {
    Journal::open(path, false)
        .expect("the journal opens")
        .page_hashes()
        .expect("pages")
        .into_iter()
        .map(|(_, state)| state)
        .collect()
}

#[test]
fn a_page_the_server_took_without_answering_is_kept_unconfirmed() {
    let server = demo_server();
    let dir = temp("unconfirmed");
    let path = dir.join(journal::FILE_NAME);
    let mut d = Driver::new(&server, &path);
    d.start();
    d.past_page_one();
    let body = d.answer();
    // Processed, but the answer (and its new token) never arrives: the
    // kiosk's retry carries a stale token.
    server.inject_on(Call::Submit, Fault::AcceptThenDrop, 1);
    d.act(Action::Next);
    d.until(
        "the end of the session",
        |s| matches!(s, Screen::Ending(end) if end.kind == EndKind::Interrupted),
    );
    drop(d);
    assert_eq!(count(&server, &body), 1, "the server has it once");
    // The retry's refused token is no proof that the server has it (it may
    // have forgotten the session): kept, with its body, as unconfirmed.
    assert_eq!(
        page_states(&path),
        ["accepted", "unconfirmed"],
        "not guessed"
    );
    let journal = Journal::open(&path, false).expect("the journal opens");
    assert_eq!(journal.waiting_summary().expect("summary").unconfirmed, 1);
}

#[test]
fn a_page_left_while_the_server_was_down_is_sent_when_it_returns_without_a_restart() {
    let server = demo_server();
    let dir = temp("left");
    let path = dir.join(journal::FILE_NAME);
    let settings = Settings {
        still_trying_after: Duration::from_millis(300),
        ..fast_settings()
    };
    let mut d = Driver::with_settings(&server, &path, settings);
    d.start();
    d.past_page_one();
    let body = d.answer();
    server.go_down();
    d.act(Action::Next);
    d.until(
        "still trying",
        |s| matches!(s, Screen::Page(p) if p.busy.as_ref().is_some_and(|b| b.still_trying)),
    );
    // The respondent stops waiting; the page stays in the journal.
    d.act(Action::GiveUp);
    assert_eq!(page_states(&path), ["accepted", "pending"]);
    server.come_back().expect("the demo server listens again");
    let sent = wait_for(Duration::from_secs(30), || {
        page_states(&path) == ["accepted", "accepted"]
    });
    assert!(sent, "recovery never sent it: {:?}", page_states(&path));
    assert_eq!(count(&server, &body), 1, "sent once");
    wait_until("still counted as waiting", Duration::from_secs(30), || {
        d.worker.waiting().pages == 0
    });
}
