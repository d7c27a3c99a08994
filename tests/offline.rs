//! Offline capture and verified replay, with the real binary (`walk`)
//! against the embedded demo server: the survey map learned online,
//! respondents captured with the server down, replayed when it is back —
//! each captured page on the server exactly as captured, in order, once; a
//! survey changed in between stops replay at the changed page with
//! everything kept; a kill during replay loses and doubles nothing.

// A test that cannot set up stops with the reason: `expect` is how it says so.
#![allow(clippy::expect_used)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

use serde_json::{Value, json};
use survey_kiosk::demo::{Call, DEMO_API_KEY, DEMO_SURVEY_ID, DemoServer, Fault};
use survey_kiosk::journal::{self, FILE_NAME, Journal};
use survey_kiosk::survey::FormBody;

mod common;
use common::process::text;
use common::{demo_server, temp, wait_for};

/// `offline = "capture"`, fast retries, a request timeout long enough that
/// a hanging request is still in flight when the process is killed.
fn config(dir: &Path) -> PathBuf {
    let path = dir.join("config.toml");
    std::fs::write(
        &path,
        "offline = \"capture\"\nretry_initial_ms = 10\nretry_max_secs = 1\n\
         request_timeout_secs = 60\nconnect_timeout_secs = 2\n",
    )
    .expect("the configuration can be written");
    path
}

fn walk(dir: &Path, server: &DemoServer, respondents: u32, seed: u64, back: f64) -> Command {
    let (base_url, respondents, seed, back) = (
        server.base_url(),
        respondents.to_string(),
        seed.to_string(),
        back.to_string(),
    );
    let survey = DEMO_SURVEY_ID.to_string();
    let mut command = common::process::kiosk(
        &config(dir),
        &dir.join("data"),
        &[
            "walk",
            "--base-url",
            &base_url,
            "--survey",
            &survey,
            "--respondents",
            &respondents,
            "--seed",
            &seed,
            "--back-chance",
            &back,
            "--give-up-after",
            "20",
        ],
    );
    command
        .env("SURVEY_KIOSK_API_KEY", DEMO_API_KEY)
        .env_remove("RUST_LOG");
    command
}

fn run(command: &mut Command) -> (bool, String) {
    let output: Output = command.output().expect("the walk runs");
    (output.status.success(), text(&output))
}

/// Learns the map online (30 respondents), then captures `captured` with
/// the server down. Returns the number of bodies the server had before.
fn learn_then_capture(dir: &Path, server: &DemoServer, captured: u32) -> usize {
    let (ok, said) = run(&mut walk(dir, server, 30, 1, 0.0));
    assert!(ok, "the online walk succeeds:\n{said}");
    let before = server.accepted().len();
    server.go_down();
    let (ok, said) = run(&mut walk(dir, server, captured, 7, 0.3));
    assert!(ok, "the offline walk succeeds:\n{said}");
    assert!(
        said.contains(&format!("{captured} captured offline")),
        "the walk says it captured them:\n{said}"
    );
    assert_eq!(
        server.accepted().len(),
        before,
        "nothing reached the server"
    );
    before
}

/// Each captured respondent's bodies, in the order replay must send them.
fn captured_bodies(dir: &Path) -> Vec<Vec<FormBody>> {
    let journal = Journal::open(&dir.join("data").join(FILE_NAME), true).expect("the journal");
    journal
        .replay_queue()
        .expect("the replay queue")
        .into_iter()
        .map(|c| {
            c.pages
                .into_iter()
                .map(|p| p.body.expect("a captured body is kept"))
                .collect()
        })
        .collect()
}

/// The server's bodies from `from` on, by session, in the order it took them.
fn by_session(server: &DemoServer, from: usize) -> Vec<Vec<FormBody>> {
    let mut order: Vec<String> = Vec::new();
    let mut bodies: HashMap<String, Vec<FormBody>> = HashMap::new();
    for page in server.accepted().into_iter().skip(from) {
        if !order.contains(&page.session) {
            order.push(page.session.clone());
        }
        bodies
            .entry(page.session)
            .or_default()
            .push(serde_json::from_value(page.body).expect("a body"));
    }
    order
        .into_iter()
        .map(|s| bodies.remove(&s).unwrap_or_default())
        .collect()
}

fn summary(dir: &Path) -> journal::CaptureSummary {
    Journal::open(&dir.join("data").join(FILE_NAME), true)
        .expect("the journal")
        .capture_summary()
        .expect("the summary")
}

#[test]
fn captured_respondents_reach_the_server_exactly_as_captured_in_order_once() {
    let dir = temp("offline-replay");
    let server = demo_server();
    let before = learn_then_capture(&dir, &server, 5);
    let captured = captured_bodies(&dir);
    assert_eq!(captured.len(), 5, "five respondents wait for replay");
    assert!(captured.iter().all(|pages| !pages.is_empty()));
    assert_eq!(summary(&dir).waiting, 5);

    server.come_back().expect("the server comes back");
    let (ok, said) = run(&mut walk(&dir, &server, 0, 1, 0.0));
    assert!(ok, "the replay walk succeeds:\n{said}");
    assert_eq!(
        by_session(&server, before),
        captured,
        "the server holds each captured respondent's pages as captured, in order, once"
    );
    let after = summary(&dir);
    assert_eq!(
        (after.waiting, after.replayed, after.needs_attention),
        (0, 5, 0)
    );
    let status = common::process::run(&config(&dir), &dir.join("data"), &["journal", "status"]);
    let status = text(&status);
    assert!(status.contains("replayed: 5"), "journal status:\n{status}");
    // The export tells when the person answered and when replay sent it.
    let export = common::process::run(
        &config(&dir),
        &dir.join("data"),
        &["journal", "export", "--format", "jsonl"],
    );
    let replayed: Vec<Value> = String::from_utf8_lossy(&export.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter(|row| row["offline"] == "replayed")
        .collect();
    let captured_pages: usize = captured.iter().map(Vec::len).sum();
    assert!(replayed.len() >= captured_pages, "{replayed:?}");
    for row in replayed
        .iter()
        .filter(|row| row["page_state"] == "accepted")
    {
        let (answered, sent) = (row["written_at"].as_str(), row["settled_at"].as_str());
        assert!(
            answered.is_some() && sent.is_some() && answered < sent,
            "{row}"
        );
    }
}

#[test]
fn a_survey_changed_while_offline_stops_replay_at_the_changed_page_with_everything_kept() {
    let dir = temp("offline-changed");
    let server = demo_server();
    let before = learn_then_capture(&dir, &server, 3);
    let captured = captured_bodies(&dir);
    server.come_back().expect("the server comes back");
    // The author adds a question to the second page.
    server
        .edit_survey(DEMO_SURVEY_ID, |survey| {
            if let Some(questions) = survey
                .pointer_mut("/pages/1/questions")
                .and_then(Value::as_array_mut)
            {
                questions.push(json!({"id": 10099, "type": "U", "text": "Region",
                    "answers": [{"id": 70001, "text": "North"}, {"id": 70002, "text": "South"}],
                    "formParam": {"paramPrefix": "u_", "paramIdType": "questionId"}}));
            }
        })
        .expect("the survey can be edited");
    let (ok, said) = run(&mut walk(&dir, &server, 0, 1, 0.0));
    assert!(!ok, "a replay that stopped fails the walk:\n{said}");
    // Each respondent: page 1 sent, nothing after it.
    let sent = by_session(&server, before);
    let expected: Vec<Vec<FormBody>> = captured
        .iter()
        .map(|pages| pages.iter().take(1).cloned().collect())
        .collect();
    assert_eq!(sent, expected, "only the unchanged first page was sent");
    let journal = Journal::open(&dir.join("data").join(FILE_NAME), true).expect("the journal");
    let stopped = journal.needing_attention().expect("the list");
    let reaching_page_2 = captured.iter().filter(|pages| pages.len() > 1).count();
    assert_eq!(stopped.len(), reaching_page_2, "{stopped:?}");
    for (_, _, why) in &stopped {
        assert!(
            why.contains("the survey changed at page 2: question 'Region' is new"),
            "{why}"
        );
    }
    // Every page not sent keeps its body.
    let db = rusqlite::Connection::open(dir.join("data").join(FILE_NAME)).expect("the journal");
    let kept: i64 = db
        .query_row(
            "SELECT COUNT(*) FROM pages WHERE state = 'captured' AND body IS NOT NULL",
            [],
            |row| row.get(0),
        )
        .expect("a count");
    let unsent: usize = captured
        .iter()
        .map(|pages| pages.len().saturating_sub(1))
        .sum();
    assert_eq!(kept as usize, unsent);
}

fn spawn_quiet(mut command: Command) -> Child {
    command
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the walk starts")
}

fn kill(mut child: Child) {
    child.kill().expect("the walk can be killed");
    child.wait().expect("the killed walk is reaped");
}

/// Where a replay is killed.
#[derive(Clone, Copy, Debug)]
enum Kill {
    /// The replay's fresh session is being opened (its `take` hangs).
    Opening,
    /// A replayed page hangs unprocessed.
    Hanging,
    /// A replayed page is processed; its reply never comes.
    Processed,
    /// After a kill with a page hanging, the restart's reload of the
    /// session is processed and the process is killed again before its
    /// reply arrives.
    SecondKillInReload,
    /// After a kill with a page hanging, the restart's resend is processed
    /// and the process is killed again before its reply arrives.
    SecondKillInResend,
}

/// How the server is as the kiosk starts again.
#[derive(Clone, Copy, Debug)]
enum Restart {
    Up,
    /// Down as the kiosk starts; back 1.5 s later.
    DownFirst,
    /// Restarted, having forgotten every session.
    ForgotSessions,
}

#[test]
fn a_kill_at_any_point_of_replay_loses_and_doubles_nothing() {
    let mut cells = Vec::new();
    for kill in [
        Kill::Opening,
        Kill::Hanging,
        Kill::Processed,
        Kill::SecondKillInReload,
        Kill::SecondKillInResend,
    ] {
        for restart in [Restart::Up, Restart::DownFirst, Restart::ForgotSessions] {
            cells.push((kill, restart));
        }
    }
    let queue = std::sync::Mutex::new(cells);
    std::thread::scope(|scope| {
        let threads: Vec<_> = (0..4)
            .map(|_| {
                scope.spawn(|| {
                    while let Some((kill, restart)) = queue.lock().expect("the queue").pop() {
                        kill_during_replay(kill, restart);
                    }
                })
            })
            .collect();
        for thread in threads {
            thread.join().expect("a kill cell ran to its end");
        }
    });
}

/// Starts a replay walk with `fault` on `call`, and kills it once the
/// server holds that request.
fn kill_replay_at(dir: &Path, server: &DemoServer, call: Call, fault: Fault, what: &str) {
    server.inject_on(call, fault, 1);
    let child = spawn_quiet(walk(dir, server, 0, 1, 0.0));
    let hanging = wait_for(Duration::from_secs(30), || server.hanging() > 0);
    assert!(hanging, "{what}: the kill point is reached");
    kill(child);
    server.clear_faults();
    let _ = wait_for(Duration::from_secs(10), || server.hanging() == 0);
}

fn kill_during_replay(how: Kill, restart: Restart) {
    let said = format!("{how:?} then {restart:?}");
    let dir = temp(&format!("offline-kill-{how:?}-{restart:?}"));
    let server = demo_server();
    let before = learn_then_capture(&dir, &server, 2);
    let captured = captured_bodies(&dir);
    server.come_back().expect("the server comes back");
    let slow = Fault::AcceptThenDelay(Duration::from_secs(600));
    match how {
        Kill::Opening => kill_replay_at(&dir, &server, Call::Take, Fault::Hang, &said),
        Kill::Hanging => kill_replay_at(&dir, &server, Call::Submit, Fault::Hang, &said),
        Kill::Processed => kill_replay_at(&dir, &server, Call::Submit, slow, &said),
        Kill::SecondKillInReload => {
            kill_replay_at(&dir, &server, Call::Submit, Fault::Hang, &said);
            kill_replay_at(&dir, &server, Call::Reload, slow, &said);
        }
        Kill::SecondKillInResend => {
            kill_replay_at(&dir, &server, Call::Submit, Fault::Hang, &said);
            kill_replay_at(&dir, &server, Call::Submit, slow, &said);
        }
    }
    let command = walk(&dir, &server, 0, 1, 0.0);
    match restart {
        Restart::Up => {}
        Restart::ForgotSessions => server.forget_sessions(),
        Restart::DownFirst => server.go_down(),
    }
    let child = spawn_quiet(command);
    if let Restart::DownFirst = restart {
        // Not a wait for a condition: the server stays down a while, so the
        // walk meets it down, then comes back.
        std::thread::sleep(Duration::from_millis(1500));
        server.come_back().expect("the server comes back");
    }
    let output = child.wait_with_output().expect("the restarted walk ends");
    let said = format!("{said} (restart exit {})", output.status);

    // Per body: on the server at least as often as the journal says it was
    // accepted, at most that plus the copies it keeps with their bodies.
    let db = rusqlite::Connection::open(dir.join("data").join(FILE_NAME)).expect("the journal");
    let mut statement = db
        .prepare(
            "SELECT p.body_sha256, p.state, p.body IS NOT NULL FROM pages p
             JOIN respondents r ON p.respondent = r.id
             WHERE r.replay IS NOT NULL AND p.state != 'superseded'",
        )
        .expect("pages");
    let rows: Vec<(String, String, bool)> = statement
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
        .expect("pages")
        .collect::<Result<_, _>>()
        .expect("pages");
    let mut on_server: HashMap<String, usize> = HashMap::new();
    for page in server.accepted().into_iter().skip(before) {
        let body: FormBody = serde_json::from_value(page.body).expect("a body");
        *on_server.entry(journal::body_hash(&body)).or_default() += 1;
    }
    for pages in &captured {
        for body in pages {
            let hash = journal::body_hash(body);
            let accepted = rows
                .iter()
                .filter(|r| r.0 == hash && r.1 == "accepted")
                .count();
            let kept = rows
                .iter()
                .filter(|r| r.0 == hash && r.1 != "accepted" && r.2)
                .count();
            let server_has = on_server.get(&hash).copied().unwrap_or(0);
            assert!(
                server_has >= accepted && server_has <= accepted + kept,
                "{said}: a body is on the server {server_has} times; the journal has it \
                 accepted {accepted} and kept {kept} times"
            );
            assert!(
                accepted + kept >= 1,
                "{said}: a captured body is neither accepted nor kept"
            );
        }
    }
    assert!(
        rows.iter()
            .all(|(_, state, has_body)| state == "accepted" || *has_body),
        "{said}: a page lost its body without proof"
    );
    assert!(
        rows.iter().all(|(_, state, _)| state != "pending"),
        "{said}: a page is still pending"
    );
    let after = summary(&dir);
    assert_eq!(after.waiting, 0, "{said}: replay is over");
    assert_eq!(after.replayed + after.needs_attention, 2, "{said}");
    let everything_replayed = by_session(&server, before) == captured;
    match (how, restart) {
        // Nothing was processed before the restart: everything is replayed,
        // once, whatever the server remembers.
        (Kill::Opening | Kill::Hanging, Restart::Up | Restart::DownFirst)
        | (Kill::Opening, Restart::ForgotSessions) => {
            assert!(everything_replayed, "{said}: everything replayed once");
            assert_eq!(after.replayed, 2, "{said}");
        }
        // A session the server forgot, or a reply (and the token it
        // carried) lost: that respondent needs attention, the page whose
        // fate is unknown is unconfirmed with its body; the other one is
        // replayed whole.
        _ => {
            assert!(after.needs_attention >= 1, "{said}");
            assert_eq!(
                by_session(&server, before).last(),
                captured.last(),
                "{said}: the second respondent replayed whole"
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
