//! What an operator sees: configuration mistakes in plain words (file, line,
//! field, what is expected), and logs that never hold the API key or a
//! respondent's free text.

// A test that cannot set up stops with the reason: `expect` is how it says so.
#![allow(clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;
use common::temp;

/// Runs `check` with this configuration; returns what the user sees.
fn mistake(toml: &str) -> String {
    let dir = temp("mistake");
    let config = dir.join("config.toml");
    std::fs::write(&config, toml).expect("the configuration file is written");
    let output = common::process::run(&config, &dir.join("data"), &["check"]);
    assert!(!output.status.success(), "accepted: {toml}");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        stderr.contains(&config.display().to_string()),
        "the file is named: {stderr}"
    );
    stderr
}

#[test]
fn bad_toml_names_the_line() {
    let seen = mistake("survey_id = 12345678\ndatacenter = \n");
    assert!(seen.contains("line 2, field `datacenter`"), "{seen}");
    assert!(seen.contains("the value is missing"), "{seen}");
}

#[test]
fn an_unknown_field_lists_the_known_ones() {
    let seen = mistake("survey = 12345678\n");
    assert!(seen.contains("line 1"), "{seen}");
    assert!(seen.contains("unknown field `survey`"), "{seen}");
    assert!(seen.contains("`survey_id`"), "{seen}");
}

#[test]
fn a_wrong_type_says_what_is_expected() {
    let seen = mistake("survey_id = 12345678\nidle_after_secs = \"a minute\"\n");
    assert!(seen.contains("line 2, field `idle_after_secs`"), "{seen}");
    assert!(seen.contains("expected a whole number"), "{seen}");
}

#[test]
fn a_missing_survey_id_says_where_to_put_it() {
    let seen = mistake("datacenter = \"eu\"\n");
    assert!(seen.contains("no survey id"), "{seen}");
    assert!(seen.contains("survey_id = "), "{seen}");
}

#[test]
fn a_brand_that_would_put_text_under_4_5_to_1_is_refused_naming_the_pair() {
    let seen = mistake("[brand]\nbackground = \"#ffffff\"\ntext = \"#999999\"\n");
    assert!(
        seen.contains("[brand] text #999999 on background #ffffff is 2.85:1"),
        "{seen}"
    );
    let seen = mistake("[brand]\naccent = \"#ffd200\"\n");
    assert!(
        seen.contains("[brand] accent #ffd200 on background"),
        "{seen}"
    );
    let seen = mistake("[brand]\naccent = \"teal\"\n");
    assert!(seen.contains("\"teal\" is not a colour"), "{seen}");
}

#[test]
fn a_plain_http_remote_url_is_refused() {
    let seen = mistake("survey_id = 12345678\nbase_url = \"http://api.example.com/a/api/v2\"\n");
    assert!(seen.contains("base_url"), "{seen}");
    assert!(
        seen.contains("plain http is allowed only for this computer"),
        "{seen}"
    );
}

#[test]
fn logs_hold_neither_the_key_nor_free_text() {
    let dir = temp("logs");
    let data = dir.join("data");
    let config = dir.join("config.toml");
    std::fs::write(&config, "").expect("the configuration file is written");
    // The most verbose logging there is, every crate included.
    let output = common::process::kiosk(
        &config,
        &data,
        &["walk", "--respondents", "5", "--seed", "9"],
    )
    .env("RUST_LOG", "trace")
    .output()
    .expect("survey-kiosk runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert!(
        stdout.contains("survey_complete"),
        "some respondents typed their comments: {stdout}"
    );
    let mut logs = String::new();
    for entry in std::fs::read_dir(data.join("logs")).expect("the logs folder") {
        let path = entry.expect("a log file").path();
        logs.push_str(&std::fs::read_to_string(&path).expect("the log reads"));
    }
    assert!(
        logs.len() > 10_000,
        "the logs were written ({} bytes)",
        logs.len()
    );
    assert!(logs.contains("running on the embedded demo server"));
    let key = survey_kiosk::demo::DEMO_API_KEY;
    assert!(!logs.contains(key), "the API key is in the logs");
    // Every free-text answer of a rehearsal starts like this.
    assert!(
        !logs.contains("Rehearsal answer"),
        "a typed answer is in the logs"
    );
    assert!(
        !logs.contains("@example.com"),
        "an email answer is in the logs"
    );
    let config_text = std::fs::read_to_string(&config).unwrap_or_default();
    assert!(!config_text.contains(key));
}

/// The mode bits of `path` (permission and sticky bits).
#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .expect("the file exists")
        .permissions()
        .mode()
        & 0o7777
}

/// Runs the real binary under `umask 022` (the usual one, which leaves new
/// files readable by everyone) with `data` as its data directory.
#[cfg(unix)]
fn kiosk_with_umask_022(config: &Path, data: &Path, args: &[&str]) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg("umask 022; exec \"$0\" \"$@\"")
        .arg(common::process::BIN)
        .arg("--config")
        .arg(config)
        .args(args)
        .env("SURVEY_KIOSK_DATA_DIR", data)
        .env_remove("SURVEY_KIOSK_API_KEY")
        .output()
        .expect("sh runs survey-kiosk")
}

#[cfg(unix)]
#[test]
fn what_the_kiosk_creates_is_its_owners_only_whatever_the_umask() {
    // Not made here: the kiosk makes it, and its parent.
    let root = temp("modes").join("root");
    let data = root.join("data");
    let config = temp("config").join("config.toml");
    std::fs::write(&config, "").expect("a configuration file");
    let export = temp("export").join("export.csv");
    let output = kiosk_with_umask_022(
        &config,
        &data,
        &[
            "journal",
            "export",
            "--output",
            &export.display().to_string(),
        ],
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(mode(&root), 0o700, "a parent the kiosk created");
    assert_eq!(mode(&data), 0o700, "the data directory it created");
    assert_eq!(mode(&data.join("logs")), 0o700, "the logs folder");
    let logs: Vec<PathBuf> = std::fs::read_dir(data.join("logs"))
        .expect("the logs folder")
        .map(|entry| entry.expect("an entry").path())
        .collect();
    assert!(!logs.is_empty(), "a log file");
    for log in &logs {
        assert_eq!(mode(log), 0o600, "{}", log.display());
    }
    assert_eq!(mode(&data.join("journal.sqlite3")), 0o600, "the journal");
    assert_eq!(mode(&export), 0o600, "journal export --output");

    // An export over an existing file readable by everyone: made private.
    std::fs::write(&export, "old").expect("an old export");
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&export, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    }
    let output = kiosk_with_umask_022(
        &config,
        &data,
        &[
            "journal",
            "export",
            "--output",
            &export.display().to_string(),
        ],
    );
    assert!(output.status.success());
    assert_eq!(mode(&export), 0o600, "an existing export file");
}

#[cfg(unix)]
#[test]
fn an_existing_data_directory_keeps_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let data = temp("shared-data");
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o1777)).expect("chmod");
    let config = temp("config").join("config.toml");
    std::fs::write(&config, "").expect("a configuration file");
    let output = kiosk_with_umask_022(&config, &data, &["journal", "status"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        mode(&data),
        0o1777,
        "the shared folder keeps its sticky bit"
    );
    assert_eq!(
        mode(&data.join("logs")),
        0o700,
        "the kiosk's own logs folder"
    );
    assert_eq!(mode(&data.join("journal.sqlite3")), 0o600);
}

/// `set-pin` with `lines` piped to its standard input.
fn set_pin(config: &Path, lines: &str) -> Output {
    use std::io::Write;
    let data = temp("set-pin").join("data");
    let mut child = Command::new(common::process::BIN)
        .arg("set-pin")
        .arg("--config")
        .arg(config)
        .env("SURVEY_KIOSK_DATA_DIR", &data)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("survey-kiosk runs");
    child
        .stdin
        .take()
        .expect("its stdin")
        .write_all(lines.as_bytes())
        .expect("the PIN is piped");
    let output = child.wait_with_output().expect("survey-kiosk ends");
    // Often run with sudo: it leaves the data directory (and its logs) alone.
    assert!(!data.exists(), "set-pin wrote into the data directory");
    output
}

#[test]
fn set_pin_writes_the_hash_and_keeps_the_rest_of_a_hand_written_file() {
    let config = temp("config").join("config.toml");
    let hand_written = "# lobby kiosk, written by hand\nsurvey_id = 12345678 # the spring survey\n\
                        datacenter = \"eu\"\n";
    std::fs::write(&config, hand_written).expect("a configuration file");

    // Refused: nothing changes, and the reason is plain.
    for (lines, reason) in [
        ("2468\n2469\n", "the two PINs differ"),
        ("12\n12\n", "4 to 12 digits"),
        ("24a8\n24a8\n", "4 to 12 digits"),
        ("", "no PIN was given"),
    ] {
        let output = set_pin(&config, lines);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "accepted {lines:?}");
        assert!(stderr.contains(reason), "{lines:?}: {stderr}");
        assert_eq!(
            std::fs::read_to_string(&config).expect("the file"),
            hand_written,
            "unchanged after {lines:?}"
        );
    }

    let output = set_pin(&config, "2468\n2468\n");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = std::fs::read_to_string(&config).expect("the file");
    assert!(text.starts_with(hand_written), "the rest is kept: {text}");
    let loaded = survey_kiosk::config::Config::load(&config, true).expect("it loads");
    let hash = loaded.operator_pin_hash.expect("a PIN hash");
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    assert!(!text.contains("2468"), "the PIN itself is not stored");
    assert!(survey_kiosk::operator::verify_pin(&hash, "2468"));
    #[cfg(unix)]
    assert_eq!(mode(&config), 0o600, "the file is the owner's only");
}

#[test]
fn a_weak_pin_hash_stops_check_and_names_the_fix() {
    use argon2::password_hash::PasswordHasher;
    let params = argon2::Params::new(1024, 1, 1, None).expect("weak parameters");
    let weak = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params)
        .hash_password(b"2468")
        .expect("a weak hash")
        .to_string();
    let seen = mistake(&format!("operator_pin_hash = \"{weak}\"\n"));
    assert!(seen.contains("survey-kiosk set-pin"), "{seen}");
    assert!(seen.contains("weaker than the default"), "{seen}");
}
