//! The command line, run as a real process against the embedded demo server.

// A test that cannot set up stops with the reason: `expect` is how it says so.
#![allow(clippy::expect_used)]

use std::process::Output;

mod common;
use common::temp;

/// The binary on an empty configuration: the embedded demo, whatever this
/// machine has.
fn kiosk(args: &[&str]) -> Output {
    kiosk_with_config("", args)
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
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line ({e}): {l}")))
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
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line ({e}): {l}")))
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

/// The binary with `config` as its configuration file's text.
fn kiosk_with_config(config: &str, args: &[&str]) -> Output {
    let dir = temp("cli");
    let path = dir.join("config.toml");
    std::fs::write(&path, config).expect("a temporary configuration file");
    // Never the real journal of this machine.
    let output = common::process::run(&path, &dir.join("data"), args);
    let _ = std::fs::remove_dir_all(&dir);
    output
}

#[test]
fn a_negative_survey_id_is_refused_with_what_is_expected() {
    for value in ["-5", "0", "abc"] {
        let output = kiosk(&["check", "--survey", value]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{value}: {stderr}");
        assert!(stderr.contains("--survey"), "{value}: {stderr}");
        assert!(
            stderr.contains("a survey id is a positive whole number, e.g. 12345678"),
            "{value}: {stderr}"
        );
        assert!(!stderr.contains("unexpected argument"), "{value}: {stderr}");
    }
}

#[test]
fn a_base_url_that_is_no_url_is_refused_with_what_is_expected() {
    let output = kiosk(&["check", "--base-url", "not a url", "--survey", "1"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{stderr}");
    assert!(stderr.contains("--base-url"), "{stderr}");
    assert!(
        stderr.contains("expected an absolute URL such as https://api.questionpro.com/a/api/v2"),
        "{stderr}"
    );
}

#[test]
fn a_file_mistake_names_the_field_and_what_it_expects() {
    let output = kiosk_with_config("survey_id = \"abc\"\n", &["check"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{stderr}");
    assert!(stderr.contains("survey_id"), "{stderr}");
    assert!(stderr.contains("a whole number, e.g. 12345678"), "{stderr}");
    let output = kiosk_with_config("connect_timeout_secs = 0\n", &["check"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{stderr}");
    assert!(
        stderr.contains("connect_timeout_secs is 0; expected 1 to 300 (seconds)"),
        "{stderr}"
    );
}

#[test]
fn check_fails_for_a_missing_logo_and_a_metrics_file_in_a_missing_folder() {
    let missing = temp("cli-missing").join("missing");
    let config = format!(
        "logo = {:?}\nmetrics_textfile = {:?}\n",
        missing.join("logo.png"),
        missing.join("survey-kiosk.prom")
    );
    let output = kiosk_with_config(&config, &["check"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(2), "{stdout}");
    assert!(stdout.contains("The survey is open"), "{stdout}");
    assert!(stdout.contains("Problem: logo:"), "{stdout}");
    assert!(
        stdout.contains("Problem: metrics_textfile: the folder"),
        "{stdout}"
    );
}

#[test]
fn walk_says_how_many_api_calls_a_respondent_costs() {
    let output = kiosk(&["walk", "--respondents", "2", "--seed", "3", "--quiet"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    let summary = stdout
        .lines()
        .find(|l| l.contains("respondent(s) in"))
        .unwrap_or_default();
    assert!(summary.contains("API call(s), "), "{stdout}");
    assert!(
        summary.contains(" per respondent (take 2, submit-page "),
        "{stdout}"
    );
    let output = kiosk(&[
        "walk",
        "--respondents",
        "2",
        "--seed",
        "3",
        "--json",
        "--quiet",
    ]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let last: serde_json::Value = stdout
        .lines()
        .last()
        .and_then(|l| serde_json::from_str(l).ok())
        .unwrap_or_default();
    let calls = last["api_calls"].as_u64().unwrap_or_default();
    assert!(
        calls >= 2 * 3,
        "a respondent costs at least a take and two submits: {stdout}"
    );
    assert_eq!(
        last["api_calls_per_respondent"].as_f64(),
        Some(calls as f64 / 2.0),
        "{stdout}"
    );
}
