//! The journal through the real binary: random faults, a process killed
//! mid-survey, an unwritable data directory, and the journal commands.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use survey_kiosk::demo::{DEMO_API_KEY, DEMO_SURVEY_ID, DemoServer};
use survey_kiosk::journal::{self, Journal};
use survey_kiosk::survey::FormBody;

fn temp(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!(
        "survey-kiosk-{name}-{}-{}",
        std::process::id(),
        uuid::Uuid::new_v4()
    ))
}

/// Fast retries, so faults cost milliseconds.
fn config() -> PathBuf {
    let path = temp("config").with_extension("toml");
    std::fs::write(
        &path,
        "retry_initial_ms = 10\nretry_max_secs = 1\nrequest_timeout_secs = 2\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    path
}

fn kiosk(data: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_survey-kiosk"));
    command
        .arg("--config")
        .arg(config())
        .args(args)
        .env("SURVEY_KIOSK_DATA_DIR", data)
        .env_remove("SURVEY_KIOSK_API_KEY");
    command
}

fn run(data: &Path, args: &[&str]) -> Output {
    kiosk(data, args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run survey-kiosk: {e}"))
}

fn text(output: &Output) -> String {
    format!(
        "{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn two_hundred_respondents_with_a_fifth_of_requests_failing_all_finish() {
    let data = temp("faults");
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
    let journal =
        Journal::open(&data.join(journal::FILE_NAME), false).unwrap_or_else(|e| panic!("{e}"));
    let counts = journal.counts().unwrap_or_else(|e| panic!("{e}"));
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
    let server = DemoServer::start_background(0).unwrap_or_else(|e| panic!("{e}"));
    let data = temp("kill");
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
            .unwrap_or_else(|e| panic!("{e}"));
        // Let it send some pages (a different number each round), then kill
        // it without warning: SIGKILL, nothing gets to clean up.
        let stdout = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
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
        child.kill().unwrap_or_else(|e| panic!("{e}"));
        child.wait().unwrap_or_else(|e| panic!("{e}"));
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
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(after.status.success(), "{}", text(&after));

    let journal =
        Journal::open(&data.join(journal::FILE_NAME), false).unwrap_or_else(|e| panic!("{e}"));
    let counts = journal.counts().unwrap_or_else(|e| panic!("{e}"));
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
    let pages = journal.page_hashes().unwrap_or_else(|e| panic!("{e}"));
    for accepted in server.accepted() {
        assert_eq!(accepted.survey_id, DEMO_SURVEY_ID);
        let body: FormBody =
            serde_json::from_value(accepted.body).unwrap_or_else(|e| panic!("{e}"));
        let hash = journal::body_hash(&body);
        let states: Vec<&str> = pages
            .iter()
            .filter(|(h, _)| *h == hash)
            .map(|(_, s)| s.as_str())
            .collect();
        assert!(
            states.iter().any(|s| *s == "accepted" || *s == "unknown"),
            "a page the server took is not in the journal: {states:?}"
        );
    }
    for (_, state) in &pages {
        assert!(
            ["accepted", "unknown", "kept", "rejected"].contains(&state.as_str()),
            "{state}"
        );
    }
}

#[test]
fn an_unwritable_data_directory_is_reported_and_the_walk_goes_on() {
    // A file where the directory should be: nothing can be created under it
    // (chmod would not stop root).
    let blocker = temp("blocked");
    std::fs::write(&blocker, "not a directory").unwrap_or_else(|e| panic!("{e}"));
    let output = run(&blocker.join("data"), &["walk", "--respondents", "3"]);
    let all = text(&output);
    assert!(output.status.success(), "{all}");
    assert!(all.contains("cannot keep a local copy"), "{all}");
    assert!(all.contains("3 respondent(s)"), "{all}");
}

#[test]
fn journal_export_writes_csv_and_json_lines() {
    let data = temp("export");
    let walked = run(&data, &["walk", "--respondents", "2", "--seed", "5"]);
    assert!(walked.status.success(), "{}", text(&walked));
    let file = temp("export").with_extension("csv");
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
    let csv = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        csv.starts_with("respondent,survey_id,rehearsal,started_at"),
        "{csv}"
    );
    assert!(csv.lines().count() > 2, "{csv}");
    let jsonl = run(&data, &["journal", "export", "--format", "jsonl"]);
    assert!(jsonl.status.success(), "{}", text(&jsonl));
    for line in String::from_utf8_lossy(&jsonl.stdout).lines() {
        let row: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        assert!(row["respondent"].as_i64().is_some(), "{line}");
        assert!(
            row["body"].is_null(),
            "accepted answers are not kept: {line}"
        );
    }
}
