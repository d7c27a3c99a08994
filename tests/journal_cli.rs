//! The journal through the real binary: random faults, a process killed
//! mid-survey, an unwritable data directory, and the journal commands.

// A test that cannot set up stops with the reason: `expect` is how it says so.
#![allow(clippy::expect_used)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use survey_kiosk::demo::{COOKIE_SURVEY_ID, Call, DEMO_API_KEY, DEMO_SURVEY_ID, DemoServer, Fault};
use survey_kiosk::journal::{self, Journal};
use survey_kiosk::survey::FormBody;

mod common;
use common::process::text;
use common::{demo_server, temp, wait_until};

/// Fast retries, so faults cost milliseconds.
fn config() -> PathBuf {
    config_with("request_timeout_secs = 2\n")
}

fn config_with(extra: &str) -> PathBuf {
    let path = temp("config").join("config.toml");
    std::fs::write(
        &path,
        format!("retry_initial_ms = 10\nretry_max_secs = 1\n{extra}"),
    )
    .expect("the test's configuration can be written");
    path
}

/// The binary on the fast-retry configuration, with `data` as its data
/// directory.
fn kiosk(data: &Path, args: &[&str]) -> Command {
    common::process::kiosk(&config(), data, args)
}

fn run(data: &Path, args: &[&str]) -> Output {
    common::process::run(&config(), data, args)
}

#[test]
fn two_hundred_respondents_with_a_fifth_of_requests_failing_all_finish() {
    let data = temp("faults").join("data");
    let output = run(
        &data,
        &[
            "walk",
            "--respondents",
            "200",
            "--faults",
            "0.2",
            "--seed",
            "3",
        ],
    );
    let all = text(&output);
    assert!(output.status.success(), "{all}");
    assert!(all.contains("0 did not finish"), "{all}");
    assert!(
        all.contains("each exactly once, all recorded in the journal"),
        "{all}"
    );
    let journal = Journal::open(&data.join(journal::FILE_NAME), false).expect("the journal opens");
    let counts = journal.counts().expect("the journal counts");
    assert_eq!(counts.pages_in("pending"), 0, "{counts:?}");
    assert_eq!(counts.pages_in("kept"), 0, "{counts:?}");
    assert_eq!(counts.respondents_in("in_progress"), 0, "{counts:?}");
    let finished = counts.respondents_in("survey_complete") + counts.respondents_in("terminated");
    assert_eq!(finished, 200, "{counts:?}");
    let status = run(&data, &["journal", "status"]);
    let status_text = text(&status);
    assert!(status.status.success(), "{status_text}");
    assert!(status_text.contains("survey_complete"), "{status_text}");
    assert!(status_text.contains("rehearsal"), "{status_text}");
}

#[test]
fn a_walk_killed_mid_survey_loses_no_page() {
    let server = demo_server();
    let data = temp("kill").join("data");
    let base_url = server.base_url();
    let args = [
        "walk",
        "--base-url",
        base_url.as_str(),
        "--survey",
        "10000001",
        "--respondents",
        "100000",
    ];
    for round in 0..3 {
        let mut child = kiosk(&data, &args)
            .env("SURVEY_KIOSK_API_KEY", DEMO_API_KEY)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the walk starts");
        // Let it send some pages (a different number each round), then kill
        // it without warning: SIGKILL, nothing gets to clean up.
        let stdout = child.stdout.take().expect("the walk's stdout is piped");
        let mut lines = BufReader::new(stdout).lines();
        let wanted = 15 + round * 7;
        let started = Instant::now();
        let mut seen = 0;
        while seen < wanted && started.elapsed() < Duration::from_secs(60) {
            match lines.next() {
                Some(Ok(line)) if line.contains(" page ") => seen += 1,
                Some(Ok(_)) => {}
                _ => break,
            }
        }
        assert_eq!(seen, wanted, "the walk did not get going");
        child.kill().expect("the walk can be killed");
        child.wait().expect("the killed walk is reaped");
    }
    // The next start recovers in the background; a short walk lets it finish.
    let after = kiosk(
        &data,
        &[
            "walk",
            "--base-url",
            base_url.as_str(),
            "--survey",
            "10000001",
            "--respondents",
            "1",
        ],
    )
    .env("SURVEY_KIOSK_API_KEY", DEMO_API_KEY)
    .output()
    .expect("the walk runs again");
    assert!(after.status.success(), "{}", text(&after));

    let journal = Journal::open(&data.join(journal::FILE_NAME), false).expect("the journal opens");
    let counts = journal.counts().expect("the journal counts");
    assert_eq!(
        counts.pages_in("pending"),
        0,
        "nothing left hanging: {counts:?}"
    );
    assert_eq!(
        counts.respondents_in("in_progress"),
        0,
        "every session closed: {counts:?}"
    );
    assert!(
        counts.respondents_in("interrupted") >= 3,
        "the killed sessions are marked: {counts:?}"
    );
    // Every body the server took is in the journal, as accepted or as
    // "sent, outcome unknown"; nothing sent is missing.
    let pages = journal.page_hashes().expect("the journal lists its pages");
    for accepted in server.accepted() {
        assert_eq!(accepted.survey_id, DEMO_SURVEY_ID);
        let body: FormBody =
            serde_json::from_value(accepted.body).expect("the server's record is a body");
        let hash = journal::body_hash(&body);
        let states: Vec<&str> = pages
            .iter()
            .filter(|(h, _)| *h == hash)
            .map(|(_, s)| s.as_str())
            .collect();
        assert!(
            states
                .iter()
                .any(|s| *s == "accepted" || *s == "unconfirmed"),
            "a page the server took is not in the journal: {states:?}"
        );
    }
    for (_, state) in &pages {
        assert!(
            ["accepted", "unconfirmed", "kept", "rejected"].contains(&state.as_str()),
            "{state}"
        );
    }
}

#[test]
fn an_unwritable_data_directory_is_reported_and_the_walk_goes_on() {
    // A file where the directory should be: nothing can be created under it
    // (chmod would not stop root).
    let blocker = temp("blocked").join("blocker");
    std::fs::write(&blocker, "not a directory").expect("a file where the data directory should be");
    let output = run(&blocker.join("data"), &["walk", "--respondents", "3"]);
    let all = text(&output);
    assert!(output.status.success(), "{all}");
    assert!(all.contains("cannot keep a local copy"), "{all}");
    assert!(all.contains("3 respondent(s)"), "{all}");
}

#[test]
fn journal_export_writes_csv_and_json_lines() {
    let data = temp("export").join("data");
    let walked = run(&data, &["walk", "--respondents", "2", "--seed", "5"]);
    assert!(walked.status.success(), "{}", text(&walked));
    let file = temp("export").join("export.csv");
    let output = run(
        &data,
        &[
            "journal",
            "export",
            "--format",
            "csv",
            "--output",
            file.to_str().unwrap_or_default(),
        ],
    );
    assert!(output.status.success(), "{}", text(&output));
    let csv = std::fs::read_to_string(&file).expect("the export file reads");
    assert!(
        csv.starts_with("respondent,survey_id,rehearsal,started_at"),
        "{csv}"
    );
    assert!(csv.lines().count() > 2, "{csv}");
    let jsonl = run(&data, &["journal", "export", "--format", "jsonl"]);
    assert!(jsonl.status.success(), "{}", text(&jsonl));
    for line in String::from_utf8_lossy(&jsonl.stdout).lines() {
        let row: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("not a JSON line ({e}): {line}"));
        assert!(row["respondent"].as_i64().is_some(), "{line}");
        assert!(
            row["body"].is_null(),
            "accepted answers are not kept: {line}"
        );
    }
}

/// One `walk` of one respondent against `server`, as a child process.
fn walk_child(data: &Path, config: PathBuf, server: &DemoServer, survey: u64) -> Command {
    let base_url = server.base_url();
    let survey = survey.to_string();
    let mut command = common::process::kiosk(
        &config,
        data,
        &[
            "walk",
            "--base-url",
            base_url.as_str(),
            "--survey",
            survey.as_str(),
            "--respondents",
            "1",
            "--give-up-after",
            "60",
        ],
    );
    command.env("SURVEY_KIOSK_API_KEY", DEMO_API_KEY);
    command
}

/// Runs a walk until the server holds one of its requests hanging, then
/// kills it with SIGKILL: nothing gets to clean up.
fn kill_while_a_submit_hangs(data: &Path, server: &DemoServer, survey: u64) {
    // A long request timeout: the hanging submit is still in flight when
    // the process dies.
    let mut child = walk_child(
        data,
        config_with("request_timeout_secs = 60\n"),
        server,
        survey,
    )
    .stdout(Stdio::null())
    .stderr(Stdio::null())
    .spawn()
    .expect("the walk starts");
    wait_until("the submit never hung", Duration::from_secs(60), || {
        server.hanging() > 0
    });
    assert_eq!(server.hanging(), 1, "the submit never hung");
    child.kill().expect("the walk can be killed");
    child.wait().expect("the killed walk is reaped");
}

/// Every (session, page) the server accepted, exactly once.
fn assert_each_page_accepted_once(server: &DemoServer) {
    let accepted = server.accepted();
    let mut seen = std::collections::HashSet::new();
    for page in &accepted {
        assert!(
            seen.insert((page.session.clone(), page.page_id.clone())),
            "page {} of session {} accepted twice",
            page.page_id,
            page.session
        );
    }
}

/// The killed walk's session is the first the server accepted a page of:
/// it has exactly one page, the one the journal holds as `hash`.
fn assert_killed_sessions_page_reached_the_server_once(server: &DemoServer, hash: &str) {
    let accepted = server.accepted();
    let killed = &accepted.first().expect("the server accepted pages").session;
    let of_killed: Vec<_> = accepted.iter().filter(|p| p.session == *killed).collect();
    assert_eq!(of_killed.len(), 1, "the killed session's page, once");
    assert_eq!(
        hash_of(&of_killed[0].body),
        hash,
        "the body the journal holds"
    );
}

fn hash_of(body: &serde_json::Value) -> String {
    let body: FormBody =
        serde_json::from_value(body.clone()).expect("the server's record is a body");
    journal::body_hash(&body)
}

/// The journal's file, its log and its index, as a pulled disk shows them.
fn raw_files(path: &Path) -> String {
    let mut bytes = Vec::new();
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        if let Ok(read) = std::fs::read(&name) {
            bytes.extend_from_slice(&read);
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// None of a page's answers (each `"key":value` as the journal writes it),
/// nor its session's cookie or tokens (the demo server's, for the first
/// revisions of `session`), is in `files`.
fn assert_nothing_readable(files: &str, body: &serde_json::Value, session: &str) {
    let body = body.as_object().expect("a body is an object");
    assert!(!body.is_empty());
    for (key, value) in body {
        let answer = format!("{}:{value}", serde_json::Value::from(key.as_str()));
        assert!(!files.contains(&answer), "the answer {answer} is readable");
    }
    assert!(!files.contains("JSESSIONID"), "the cookie is readable");
    assert!(!files.contains(session), "the session id is readable");
    for revision in 1..=4 {
        for claims in [
            format!(r#"{{"rs":{revision},"uuid":"{session}"}}"#),
            format!(r#"{{"uuid":"{session}","rs":{revision}}}"#),
        ] {
            use base64::Engine as _;
            let payload = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(claims);
            assert!(!files.contains(&payload), "a token is readable");
        }
    }
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .expect("the file exists")
        .permissions()
        .mode()
        & 0o777
}

#[test]
fn a_crash_mid_submit_on_the_cookie_survey_is_sent_once_when_the_server_is_back() {
    let server = demo_server();
    let data = temp("cookie-crash").join("data");
    server.inject_on(Call::Submit, Fault::Hang, 1);
    kill_while_a_submit_hangs(&data, &server, COOKIE_SURVEY_ID);
    assert!(
        server.accepted().is_empty(),
        "the hanging submit was not processed"
    );

    // What the dead process left: the page, with what it takes to send it
    // again, in a file only its owner can read.
    let path = data.join(journal::FILE_NAME);
    #[cfg(unix)]
    {
        assert_eq!(mode(&path), 0o600, "the journal is the owner's only");
        assert_eq!(mode(&data), 0o700, "its folder is the owner's only");
    }
    // As a pulled disk shows them: the files' bytes, before anything opens
    // the journal again (checked once the server says what was in them).
    let files_after_crash = raw_files(&path);
    {
        let db = rusqlite::Connection::open(&path).expect("the journal opens");
        let (state, token, cookies): (String, Option<String>, Option<String>) = db
            .query_row("SELECT state, token, cookies FROM pages", [], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?))
            })
            .expect("one page was written before it was sent");
        assert_eq!(state, "pending");
        let sealed = |value: &Option<String>| value.as_deref().map(|v| v.starts_with("sk1:"));
        assert_eq!(
            sealed(&token),
            Some(true),
            "the token is kept, encrypted, with the pending page"
        );
        assert_eq!(
            sealed(&cookies),
            Some(true),
            "the session cookie is kept, encrypted, with the pending page"
        );
    }

    // The power comes back before the network: the server is down when the
    // kiosk starts again, and comes back a little later.
    server.go_down();
    let address = server.base_url();
    let port = server.port();
    assert!(
        std::net::TcpStream::connect(("127.0.0.1", port)).is_err(),
        "{address} refuses connections while down"
    );
    let child = walk_child(&data, config(), &server, COOKIE_SURVEY_ID)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the walk starts again");
    // Not a wait for a condition: the server stays down a while, so the
    // walk meets it down, then comes back.
    std::thread::sleep(Duration::from_millis(1500));
    server.come_back().expect("the demo server listens again");
    let output = child.wait_with_output().expect("the walk ends");
    let all = text(&output);
    assert!(output.status.success(), "{all}");
    assert!(
        all.contains("could not start"),
        "the walk met the server down and said so: {all}"
    );

    assert_each_page_accepted_once(&server);
    let journal = Journal::open(&path, false).expect("the journal opens");
    let counts = journal.counts().expect("counts");
    assert_eq!(counts.pages_in("pending"), 0, "nothing waits: {counts:?}");
    // The killed session's record ends as the server answered recovery's
    // resend (a final status), or interrupted when the server went on to
    // another page.
    let db = rusqlite::Connection::open(&path).expect("the journal opens");
    let (state, detail): (String, Option<String>) = db
        .query_row(
            "SELECT state, detail FROM respondents ORDER BY id LIMIT 1",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .expect("the killed session's record");
    assert!(
        state == "interrupted" || detail.is_some_and(|d| d.contains("recovery")),
        "{state}: {counts:?}"
    );
    // The page of the killed session reached the server exactly once, as
    // recovery found out and recorded.
    let pages = journal.page_hashes().expect("pages");
    let (first_hash, first_state) = pages.first().expect("the killed session's page");
    assert_eq!(first_state, "accepted", "{pages:?}");
    assert_killed_sessions_page_reached_the_server_once(&server, first_hash);
    // Recovery could send it, and nothing of it was readable in the files
    // the dead kiosk left: no answer, no cookie, no token.
    let sent = &server.accepted()[0];
    assert_nothing_readable(&files_after_crash, &sent.body, &sent.session);
    // Its session's secrets went as soon as it settled.
    let db = rusqlite::Connection::open(&path).expect("the journal opens");
    let secrets: i64 = db
        .query_row(
            "SELECT COUNT(*) FROM pages WHERE token IS NOT NULL OR cookies IS NOT NULL",
            [],
            |row| row.get(0),
        )
        .expect("count");
    assert_eq!(secrets, 0, "no token or cookie outlives its page");
}

#[test]
fn a_page_the_server_took_without_answering_is_found_out_after_a_crash() {
    let server = demo_server();
    let data = temp("taken-crash").join("data");
    // The first submit is processed but its answer never arrives; the
    // kiosk's retry then hangs, and the process dies during it.
    server.inject_on(Call::Submit, Fault::AcceptThenDrop, 1);
    server.inject_on(Call::Submit, Fault::Hang, 1);
    kill_while_a_submit_hangs(&data, &server, DEMO_SURVEY_ID);
    assert_eq!(server.accepted().len(), 1, "the server has the page");

    let output = walk_child(&data, config(), &server, DEMO_SURVEY_ID)
        .output()
        .expect("the walk runs again");
    let all = text(&output);
    assert!(output.status.success(), "{all}");

    assert_each_page_accepted_once(&server);
    let path = data.join(journal::FILE_NAME);
    let journal = Journal::open(&path, false).expect("the journal opens");
    let pages = journal.page_hashes().expect("pages");
    let (first_hash, first_state) = pages.first().expect("the killed session's page");
    // The token was refused when recovery asked: the server may have
    // processed the page or forgotten the session. Not proof: the page is
    // unconfirmed and keeps its body for the operator.
    assert_eq!(
        first_state, "unconfirmed",
        "a refused token is not proof: {pages:?}"
    );
    assert_killed_sessions_page_reached_the_server_once(&server, first_hash);
    let counts = journal.counts().expect("counts");
    assert_eq!(counts.pages_in("pending"), 0, "{counts:?}");
    let db = rusqlite::Connection::open(&path).expect("the journal opens");
    let kept: bool = db
        .query_row(
            "SELECT body IS NOT NULL FROM pages WHERE body_sha256 = ?1",
            [first_hash],
            |row| row.get(0),
        )
        .expect("the page's row");
    assert!(kept, "an unconfirmed page keeps its body");
    // The operator sees it, and gives it up only by discarding.
    let status = run(&data, &["journal", "status"]);
    let said = text(&status);
    assert!(
        said.contains("Unconfirmed (the server's answer never came; body kept): 1"),
        "{said}"
    );
}

#[test]
fn no_cookie_value_reaches_a_trace_log() {
    let data = temp("cookie-log").join("data");
    let output = kiosk(
        &data,
        &["walk", "--survey", "10000007", "--respondents", "3"],
    )
    .env("RUST_LOG", "trace")
    .output()
    .expect("the walk runs");
    assert!(output.status.success(), "{}", text(&output));
    let mut logged = text(&output);
    for entry in std::fs::read_dir(data.join("logs")).expect("a log folder") {
        let path = entry.expect("a log file").path();
        logged.push_str(&std::fs::read_to_string(&path).expect("the log reads"));
    }
    assert!(logged.contains("TRACE"), "trace logging was on");
    assert!(
        !logged.contains("JSESSIONID"),
        "a session cookie was logged"
    );
}

#[test]
fn right_after_a_crash_journal_status_and_discard_count_the_dead_kiosks_page() {
    let server = demo_server();
    let data = temp("status-after-crash").join("data");
    server.inject_on(Call::Submit, Fault::Hang, 1);
    kill_while_a_submit_hangs(&data, &server, DEMO_SURVEY_ID);
    // No kiosk has started since: the dead process's session is still open
    // in the journal.
    let status = run(&data, &["journal", "status"]);
    let said = text(&status);
    assert!(status.status.success(), "{said}");
    assert!(said.contains("Waiting to be sent: 1"), "{said}");
    let discard = run(&data, &["journal", "discard"]);
    let said = text(&discard);
    assert!(said.contains("1 page(s) wait to be sent"), "{said}");
    // Without --yes nothing is given up: the next kiosk still sends it.
    let journal = Journal::open(&data.join(journal::FILE_NAME), false).expect("the journal opens");
    assert_eq!(journal.counts().expect("counts").pages_in("pending"), 1);
}

#[test]
fn a_respondent_whose_last_page_recovery_sent_takes_the_servers_final_status() {
    let server = demo_server();
    let data = temp("final-by-recovery").join("data");
    // The quota survey ends after its one page with quota_full.
    let survey = survey_kiosk::demo::QUOTA_SURVEY_ID;
    server.inject_on(Call::Submit, Fault::Hang, 1);
    kill_while_a_submit_hangs(&data, &server, survey);
    let mut command = kiosk(&data, &["walk", "--base-url", &server.base_url()]);
    command
        .args(["--survey", &survey.to_string(), "--respondents", "0"])
        .env("SURVEY_KIOSK_API_KEY", DEMO_API_KEY);
    let output = command.output().expect("the recovery walk runs");
    assert!(output.status.success(), "{}", text(&output));
    let journal = Journal::open(&data.join(journal::FILE_NAME), false).expect("the journal opens");
    let counts = journal.counts().expect("counts");
    assert_eq!(counts.pages_in("accepted"), 1, "{counts:?}");
    assert_eq!(
        counts.respondents_in("quota_full"),
        1,
        "the server's final status, not 'interrupted': {counts:?}"
    );
}

#[test]
fn an_accepted_answer_is_gone_from_the_journal_file_and_its_log() {
    let server = demo_server();
    server.record_accepted(true);
    let data = temp("secure-delete").join("data");
    // Thirty pages, each with a free-text answer.
    let output = walk_child(
        &data,
        config(),
        &server,
        survey_kiosk::demo::PAGES_SURVEY_ID,
    )
    .output()
    .expect("the walk runs");
    assert!(output.status.success(), "{}", text(&output));
    // Every free-text answer the server took (the walk types them).
    let mut answers = Vec::new();
    for page in server.accepted() {
        for (key, value) in page.body.as_object().expect("a body is an object") {
            if let Some(text) = value.as_str()
                && key.starts_with("t_")
                && text.len() >= 6
            {
                answers.push(text.to_owned());
            }
        }
    }
    assert!(!answers.is_empty(), "the walk typed some answers");
    let mut stored = Vec::new();
    for suffix in ["", "-wal"] {
        let mut name = data.join(journal::FILE_NAME).into_os_string();
        name.push(suffix);
        if let Ok(bytes) = std::fs::read(&name) {
            stored.extend_from_slice(&bytes);
        }
    }
    let stored = String::from_utf8_lossy(&stored);
    for answer in &answers {
        assert!(
            !stored.contains(answer.as_str()),
            "the accepted answer {answer:?} is still readable in the journal's files"
        );
    }
}
