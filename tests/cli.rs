//! The command line, run as a real process against the embedded demo server.

// A test that cannot set up stops with the reason: `expect` is how it says so.
#![allow(clippy::expect_used)]

use std::process::{Command, Output};

fn kiosk(args: &[&str]) -> Output {
    // An empty configuration: the embedded demo, whatever this machine has.
    let config = std::env::temp_dir().join(format!("survey-kiosk-cli-{}.toml", std::process::id()));
    std::fs::write(&config, "").unwrap_or_else(|e| panic!("{e}"));
    Command::new(env!("CARGO_BIN_EXE_survey-kiosk"))
        .arg("--config")
        .arg(&config)
        .args(args)
        .env_remove("SURVEY_KIOSK_API_KEY")
        // Never the real journal of this machine.
        .env(
            "SURVEY_KIOSK_DATA_DIR",
            std::env::temp_dir().join(format!(
                "survey-kiosk-cli-data-{}-{}",
                std::process::id(),
                uuid::Uuid::new_v4()
            )),
        )
        .output()
        .unwrap_or_else(|e| panic!("cannot run survey-kiosk: {e}"))
}

#[test]
fn walk_50_respondents_all_reach_a_final_status_some_screened_out() {
    let output = kiosk(&["walk", "--respondents", "50", "--seed", "1", "--json"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    let finals: Vec<&str> = lines
        .iter()
        .filter(|l| l.get("pages").is_some() && l.get("status").is_some())
        .filter_map(|l| l["status"].as_str())
        .collect();
    assert_eq!(finals.len(), 50, "{stdout}");
    assert!(finals.contains(&"terminated"), "nobody was screened out");
    assert!(finals.contains(&"survey_complete"), "nobody completed");
    assert!(
        lines.iter().any(|l| l.get("page").is_some()),
        "no page lines"
    );
    assert!(
        lines.iter().any(|l| l["prefilled"] == true),
        "never went back"
    );
}

#[test]
fn walk_is_repeatable_with_a_seed() {
    let first = kiosk(&["walk", "--respondents", "5", "--seed", "7", "--json"]);
    let second = kiosk(&["walk", "--respondents", "5", "--seed", "7", "--json"]);
    // Everything but the timing and memory figures.
    let answers = |out: &[u8]| -> Vec<String> {
        String::from_utf8_lossy(out)
            .lines()
            .filter(|l| !l.contains("respondents_per_second"))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(answers(&first.stdout), answers(&second.stdout));
    assert!(answers(&first.stdout).len() > 5);
}

#[test]
fn check_describes_the_first_page() {
    let output = kiosk(&["check"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert!(stdout.contains("The survey is open"), "{stdout}");
    assert!(stdout.contains("single choice, 4 answers"), "{stdout}");
    assert!(
        stdout.contains("Every question on the first page can be shown."),
        "{stdout}"
    );
}

#[test]
fn check_accepts_a_survey_that_asks_for_a_language_first() {
    let output = kiosk(&["check", "--survey", "10000006"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert!(stdout.contains("asks for a language first"), "{stdout}");
}

#[test]
fn check_fails_in_plain_words_for_a_closed_or_unknown_survey() {
    let output = kiosk(&["check", "--survey", "10000003"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stdout).contains("not taking responses"));
    let output = kiosk(&["check", "--survey", "42"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stdout).contains("no survey with this id"));
}

#[test]
fn a_real_survey_without_a_key_is_refused_with_the_reason() {
    let output = kiosk(&["check", "--datacenter", "eu", "--survey", "1"]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("SURVEY_KIOSK_API_KEY"));
    let output = kiosk(&[
        "check",
        "--base-url",
        "http://example.com/a/api/v2",
        "--survey",
        "1",
        "--api-key",
        "k",
    ]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("https"));
}

#[test]
fn help_explains_each_command() {
    let output = kiosk(&["--help"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    for command in ["demo-server", "check", "walk", "set-pin"] {
        assert!(stdout.contains(command), "{stdout}");
    }
}

#[test]
fn walk_waits_out_a_closed_survey_then_gives_up_and_counts_the_rest_not_tried() {
    let output = kiosk(&[
        "walk",
        "--survey",
        "10000003",
        "--respondents",
        "3",
        "--give-up-after",
        "1",
    ]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("respondent 1: out of service (") && stdout.contains("checking again in"),
        "the wait is announced: {stdout}"
    );
    assert!(
        stdout.contains("gave up after 1 s of failures: ") && stdout.contains("survey_closed"),
        "{stdout}"
    );
    assert!(
        stdout.contains("respondent(s) in") && stdout.contains("1 did not finish; 2 not tried;"),
        "{stdout}"
    );
    assert!(!stdout.contains("respondent 2:"), "{stdout}");

    let output = kiosk(&[
        "walk",
        "--survey",
        "10000003",
        "--respondents",
        "3",
        "--give-up-after",
        "1",
        "--json",
    ]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert!(
        lines.iter().any(|l| l["wait"] == "out_of_service"),
        "{stdout}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l["gave_up"].is_string() && l["not_tried"] == 2),
        "{stdout}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l["not_tried"] == 2 && l.get("respondents_per_second").is_some())
    );
}

#[test]
fn walk_says_when_it_retries() {
    let output = kiosk(&[
        "walk",
        "--respondents",
        "2",
        "--faults",
        "0.3",
        "--seed",
        "1",
    ]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    let waits: Vec<&str> = stdout
        .lines()
        .filter(|l| {
            l.contains(": could not start (") && l.contains("); trying again in ")
                || l.contains(": answers not sent (") && l.contains("); retry ")
        })
        .collect();
    assert!(!waits.is_empty(), "{stdout}");
    assert!(
        waits.iter().all(|l| !l.contains(" page ")),
        "a wait line is not a page line: {waits:?}"
    );
    assert!(
        stdout.contains("0 did not finish; 0 not tried;"),
        "{stdout}"
    );
}
