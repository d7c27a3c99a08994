//! The journal encrypts what it keeps of a respondent: a journal from a
//! version that did not is sealed when it is opened (nothing readable left in
//! its files), and a journal whose key is gone or another says so.

// A test that cannot set up stops with the reason: `expect` is how it says so.
#![allow(clippy::expect_used)]

use std::path::{Path, PathBuf};

use survey_kiosk::journal::{self, ExportFormat, Journal, JournalError, KeyError};

mod common;
use common::process::text;
use common::temp;

const ANSWER: &str = "PLAINTEXT-ANSWER-42";
const TOKEN: &str = "PLAINTEXT-TOKEN-42";
const COOKIE: &str = "JSESSIONID=PLAINTEXT-COOKIE-42";
/// A body deleted without scrubbing: left in the file's free space.
const REMOVED: &str = "PLAINTEXT-REMOVED-43";

/// The schema the journal had before it encrypted, with one interrupted
/// respondent whose page waits (body, token, cookie in plain text), and
/// the remnant of a row deleted without `secure_delete`.
fn old_journal(path: &Path) {
    let db = rusqlite::Connection::open(path).expect("a new SQLite file");
    db.pragma_update(None, "journal_mode", "WAL").expect("WAL");
    db.pragma_update(None, "secure_delete", "OFF")
        .expect("no scrubbing");
    db.execute_batch(
        "CREATE TABLE respondents (
            id INTEGER PRIMARY KEY, run_id TEXT NOT NULL, pid INTEGER NOT NULL,
            survey_id INTEGER NOT NULL, rehearsal INTEGER NOT NULL, started_at TEXT NOT NULL,
            ended_at TEXT, state TEXT NOT NULL, detail TEXT, token TEXT,
            pages INTEGER NOT NULL DEFAULT 0);
         CREATE TABLE pages (
            id INTEGER PRIMARY KEY, respondent INTEGER NOT NULL REFERENCES respondents(id),
            seq INTEGER NOT NULL, state TEXT NOT NULL, written_at TEXT NOT NULL,
            settled_at TEXT, seconds_on_page REAL, attempts INTEGER NOT NULL DEFAULT 0,
            fields INTEGER NOT NULL, body_sha256 TEXT NOT NULL, body TEXT,
            page_key TEXT, token TEXT, cookies TEXT, last_error TEXT, last_try_at TEXT,
            note TEXT, maybe_sent INTEGER, reloading INTEGER);",
    )
    .expect("the old schema");
    db.execute(
        "INSERT INTO respondents (id, run_id, pid, survey_id, rehearsal, started_at, state, pages)
         VALUES (1, 'old-run', 999999999, 10000001, 0, '2026-01-01T00:00:00.000Z',
                 'interrupted', 2)",
        [],
    )
    .expect("a respondent");
    let body = format!("{{\"q1\":\"{ANSWER}\"}}");
    db.execute(
        "INSERT INTO pages (respondent, seq, state, written_at, fields, body_sha256, body,
                            page_key, token, cookies, attempts, maybe_sent)
         VALUES (1, 1, 'pending', '2026-01-01T00:00:01.000Z', 1, 'hash', ?1, 'p1', ?2, ?3, 1, 0)",
        rusqlite::params![body, TOKEN, COOKIE],
    )
    .expect("a waiting page");
    db.execute(
        "INSERT INTO pages (respondent, seq, state, written_at, fields, body_sha256, body)
         VALUES (1, 2, 'accepted', '2026-01-01T00:00:02.000Z', 1, 'hash2', ?1)",
        [format!("{{\"q2\":\"{REMOVED}\"}}")],
    )
    .expect("an accepted page");
    db.execute("DELETE FROM pages WHERE seq = 2", [])
        .expect("its row removed, without scrubbing");
    // The database file holds it all, as an older kiosk left it.
    db.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .expect("checkpoint");
}

/// The journal's file, its log and its index, as bytes (text where text).
fn raw_files(path: &Path) -> String {
    let mut bytes = Vec::new();
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        if let Ok(read) = std::fs::read(PathBuf::from(name)) {
            bytes.extend_from_slice(&read);
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

#[test]
fn a_plaintext_journal_is_sealed_at_open_and_its_page_still_recovered_and_exported() {
    let dir = temp("crypt-migrate");
    let path = dir.join(journal::FILE_NAME);
    old_journal(&path);
    let before = raw_files(&path);
    for marker in [ANSWER, TOKEN, REMOVED] {
        assert!(before.contains(marker), "{marker} is in the old journal");
    }

    let journal = Journal::open(&path, false).expect("the old journal opens");
    let key_file = dir.join(journal::KEY_FILE);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key_file)
            .expect("a key file")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "the key file is its owner's only");
    }
    for (when, raw) in [
        ("open", raw_files(&path)),
        ("after", {
            drop(journal);
            raw_files(&path)
        }),
    ] {
        for secret in [ANSWER, TOKEN, COOKIE, "PLAINTEXT-COOKIE", REMOVED] {
            assert!(
                !raw.contains(secret),
                "{secret} readable in the journal's files ({when})"
            );
        }
    }

    // Still the same page, with its answer, token and cookie.
    let journal = Journal::open(&path, false).expect("the journal opens again");
    let waiting = journal.waiting().expect("what waits");
    assert_eq!(waiting.len(), 1, "{waiting:?}");
    assert_eq!(waiting[0].body.get_str("q1"), Some(ANSWER));
    assert_eq!(waiting[0].token.as_deref(), Some(TOKEN));
    assert_eq!(waiting[0].cookies.as_deref(), Some(COOKIE));
    let mut out = Vec::new();
    journal::export(&journal, ExportFormat::Jsonl, &mut out).expect("the export");
    let exported = String::from_utf8(out).expect("UTF-8");
    assert!(exported.contains(ANSWER), "{exported}");
    let mut out = Vec::new();
    journal::export(&journal, ExportFormat::Csv, &mut out).expect("the export");
    assert!(String::from_utf8_lossy(&out).contains(ANSWER));
}

/// A journal with one page waiting, written by this version.
fn new_journal_with_a_page(path: &Path) {
    let journal = Journal::open(path, false).expect("a new journal");
    let respondent = journal
        .begin_respondent(10000001, false)
        .expect("a respondent");
    let mut body = survey_kiosk::survey::FormBody::default();
    body.0.insert("q1".into(), ANSWER.into());
    let session = journal::SessionState {
        page_key: Some("p1"),
        token: Some(TOKEN),
        cookies: Some(COOKIE),
    };
    journal
        .write_page(respondent, &body, 1.0, &session)
        .expect("a page");
    journal
        .end_respondent(respondent, &journal::RespondentEnd::Interrupted)
        .expect("ended");
    let raw = raw_files(path);
    assert!(!raw.contains(ANSWER) && !raw.contains(TOKEN) && !raw.contains("PLAINTEXT-COOKIE"));
}

#[test]
fn a_journal_whose_key_is_gone_or_another_says_so_in_plain_words() {
    let dir = temp("crypt-key");
    let path = dir.join(journal::FILE_NAME);
    new_journal_with_a_page(&path);
    let key_file = dir.join(journal::KEY_FILE);
    let key = std::fs::read(&key_file).expect("the key file");

    // Another key.
    std::fs::write(&key_file, [9u8; 32]).expect("another key");
    let Err(error) = Journal::open(&path, false) else {
        panic!("a journal opened with another key");
    };
    assert!(
        matches!(error, JournalError::Key(KeyError::Mismatch { .. })),
        "{error:?}"
    );
    let said = error.to_string();
    assert!(said.contains("no longer has"), "{said}");
    assert!(said.contains(&path.display().to_string()), "{said}");
    assert!(said.contains("move the journal aside"), "{said}");
    assert!(
        Journal::open_with_key(&path, false, &[9; 32]).is_err(),
        "a given key is checked too"
    );

    // No key at all: not a new key (that would hide the answers for good).
    std::fs::remove_file(&key_file).expect("the key goes");
    let Err(error) = Journal::open(&path, false) else {
        panic!("a journal opened without its key");
    };
    assert!(
        matches!(error, JournalError::Key(KeyError::Missing { .. })),
        "{error:?}"
    );
    assert!(error.to_string().contains(journal::KEY_FILE), "{error}");
    assert!(!key_file.exists(), "no new key replaces the lost one");

    // The key back: everything reads again.
    std::fs::write(&key_file, &key).expect("the key restored");
    let journal = Journal::open(&path, false).expect("the journal opens with its key");
    let waiting = journal.waiting().expect("what waits");
    assert_eq!(waiting[0].body.get_str("q1"), Some(ANSWER));
    assert_eq!(waiting[0].token.as_deref(), Some(TOKEN));
}

#[test]
fn a_damaged_value_settles_its_page_as_kept_without_a_panic() {
    let dir = temp("crypt-damaged");
    let path = dir.join(journal::FILE_NAME);
    new_journal_with_a_page(&path);
    let db = rusqlite::Connection::open(&path).expect("the file");
    // A token moved into the body's column does not open as a body.
    db.execute("UPDATE pages SET body = token", [])
        .expect("swapped");
    drop(db);
    let journal = Journal::open(&path, false).expect("the journal opens");
    assert!(journal.waiting().expect("what waits").is_empty());
    assert_eq!(journal.counts().expect("counts").pages_in("kept"), 1);
    let mut out = Vec::new();
    journal::export(&journal, ExportFormat::Jsonl, &mut out).expect("the export goes on");
    assert!(String::from_utf8_lossy(&out).contains("cannot be decrypted"));
}

#[test]
fn journal_status_without_the_key_says_what_to_do() {
    let data = temp("crypt-cli").join("data");
    new_journal_with_a_page(&data.join(journal::FILE_NAME));
    std::fs::remove_file(data.join(journal::KEY_FILE)).expect("the key goes");
    let config = temp("crypt-cli").join("config.toml");
    std::fs::write(&config, "").expect("a configuration");
    let output = common::process::run(&config, &data, &["journal", "status"]);
    let said = text(&output);
    assert!(!output.status.success(), "{said}");
    assert!(said.contains("restore the key"), "{said}");
}

#[test]
fn a_systemd_credential_is_the_key_and_none_stands_for_no_credential() {
    let data = temp("crypt-credential").join("data");
    let credentials = temp("crypt-credential").join("credentials");
    std::fs::create_dir_all(&credentials).expect("a credentials folder");
    let config = temp("crypt-credential").join("config.toml");
    std::fs::write(&config, "").expect("a configuration");
    let status = |credential: Option<&[u8]>| {
        let mut command = common::process::kiosk(&config, &data, &["journal", "status"]);
        if let Some(bytes) = credential {
            std::fs::write(credentials.join(journal::KEY_CREDENTIAL), bytes).expect("written");
            command.env("CREDENTIALS_DIRECTORY", &credentials);
        }
        command.output().expect("survey-kiosk runs")
    };
    // A new journal takes the credential's key: no key file on the disk.
    let output = status(Some(&[3u8; 32]));
    let said = text(&output);
    assert!(output.status.success(), "{said}");
    assert!(
        said.contains("Encrypted with: key ") && said.contains("from the systemd credential"),
        "{said}"
    );
    assert!(
        !data.join(journal::KEY_FILE).exists(),
        "the credential is the key"
    );
    let path = data.join(journal::FILE_NAME);
    Journal::open_with_key(&path, false, &[3; 32]).expect("sealed with the credential's key");
    // Started without it (a shell), the kiosk says where the key was.
    let output = status(None);
    let said = text(&output);
    assert!(!output.status.success(), "{said}");
    assert!(
        said.contains("the systemd credential journal-key"),
        "{said}"
    );
    // The unit's stand-in for a missing .cred file: no credential, so a
    // key file, for a new journal.
    std::fs::remove_file(&path).expect("the journal moved aside");
    let output = status(Some(b"none"));
    assert!(output.status.success(), "{}", text(&output));
    assert!(data.join(journal::KEY_FILE).exists(), "a key file instead");
}

#[test]
fn a_captured_respondent_is_sealed_too_and_replays_with_its_answers() {
    let dir = temp("crypt-capture");
    let path = dir.join(journal::FILE_NAME);
    let journal = Journal::open(&path, false).expect("a journal");
    let respondent = journal
        .begin_respondent(10000001, false)
        .expect("a respondent");
    journal.begin_capture(respondent, "en").expect("capturing");
    let mut body = survey_kiosk::survey::FormBody::default();
    body.0.insert("q1".into(), ANSWER.into());
    journal
        .write_captured_page(respondent, &body, 1.0, "p1", "hash-p1", 0)
        .expect("a captured page");
    journal
        .end_respondent(respondent, &journal::RespondentEnd::Abandoned)
        .expect("ended");
    journal
        .replay_session(respondent, None, Some(TOKEN), Some(COOKIE))
        .expect("the replay session's secrets");
    // A page of the survey map that pipes an earlier answer into its text.
    let map = journal::MapOf {
        survey_id: 10000001,
        language: "en",
    };
    let piped = format!("{{\"status\":\"success\",\"text\":\"You said {ANSWER}\"}}");
    journal
        .learn_page(map, "hash-p2", "2", &piped)
        .expect("a map page");
    journal
        .learn_step(
            map,
            "hash-p2",
            "",
            journal::StepTo::End {
                status: "survey_complete",
                envelope: &piped,
            },
        )
        .expect("a map step");
    let raw = raw_files(&path);
    for secret in [ANSWER, TOKEN, "PLAINTEXT-COOKIE"] {
        assert!(
            !raw.contains(secret),
            "{secret} readable in the journal's files"
        );
    }
    assert_eq!(
        journal
            .map_page(map, "hash-p2")
            .expect("the map")
            .as_deref(),
        Some(piped.as_str())
    );
    assert_eq!(
        journal.map_next(map, "hash-p2", "").expect("the map"),
        journal::MapNext::End {
            status: "survey_complete".into(),
            envelope: piped.clone()
        }
    );
    let queue = journal.replay_queue().expect("what replays");
    assert_eq!(queue.len(), 1);
    assert_eq!(queue[0].token.as_deref(), Some(TOKEN));
    assert_eq!(queue[0].cookies.as_deref(), Some(COOKIE));
    let page = &queue[0].pages[0];
    assert_eq!(
        page.body.as_ref().and_then(|b| b.get_str("q1")),
        Some(ANSWER)
    );
}
