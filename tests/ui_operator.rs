//! The operator's side through the real app (`egui_kittest`, by label):
//! first-run setup against the demo server, the unlock gesture and PIN lock,
//! the admin screen's counts, and exports.

// A test that cannot set up stops with the reason: `expect` is how it says so.
#![allow(clippy::expect_used)]

use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};
use std::time::Duration;

use egui_kittest::kittest::{NodeT as _, Queryable};
use survey_kiosk::config::Config;
use survey_kiosk::demo::{DEMO_API_KEY, DEMO_SURVEY_ID, QUOTA_SURVEY_ID};
use survey_kiosk::journal::{self, ExportFormat, Journal};
use survey_kiosk::operator::{self, ExportKind, Today};
use survey_kiosk::worker::Records;

mod common;
use common::{PATIENCE, step_until, temp};

const PIN: &str = "2468";

/// The app with a configuration file and a journal in a folder of its own.
struct Kit {
    app: common::Kit,
    dir: PathBuf,
}

impl Deref for Kit {
    type Target = common::Kit;

    fn deref(&self) -> &common::Kit {
        &self.app
    }
}

impl DerefMut for Kit {
    fn deref_mut(&mut self) -> &mut common::Kit {
        &mut self.app
    }
}

fn kit(pin: Option<&str>) -> Kit {
    kit_configured(pin, None)
}

/// `survey_id`: the survey of a configuration file (`None`: first run).
fn kit_configured(pin: Option<&str>, survey_id: Option<u64>) -> Kit {
    kit_in(pin, survey_id, None)
}

/// A kiosk whose configured language is `language`.
fn kit_in(pin: Option<&str>, survey_id: Option<u64>, language: Option<&str>) -> Kit {
    kit_at(temp("operator"), pin, survey_id, language)
}

/// The same, with `prepare` run on the journal before the kiosk starts.
fn kit_prepared(
    pin: Option<&str>,
    survey_id: Option<u64>,
    language: Option<&str>,
    prepare: impl FnOnce(&Journal),
) -> Kit {
    let dir = temp("operator");
    let config = config_in(&dir, pin, survey_id, language);
    kit_with_journal(dir, config, prepare)
}

/// A kiosk whose files (configuration, journal, PIN lock) are in `dir`.
fn kit_at(dir: PathBuf, pin: Option<&str>, survey_id: Option<u64>, language: Option<&str>) -> Kit {
    let config = config_in(&dir, pin, survey_id, language);
    kit_with(dir, config)
}

/// The configuration of a kiosk whose files are in `dir`.
fn config_in(
    dir: &Path,
    pin: Option<&str>,
    survey_id: Option<u64>,
    language: Option<&str>,
) -> Config {
    Config {
        source: Some(dir.join("config.toml")),
        survey_id,
        operator_pin_hash: pin.map(|p| operator::hash_pin(p).expect("a PIN hash")),
        language: language.map(str::to_owned),
        ..Config::default()
    }
}

/// A kiosk on `config`, its journal in `dir`.
fn kit_with(dir: PathBuf, config: Config) -> Kit {
    kit_with_journal(dir, config, |_| {})
}

/// The same, with `prepare` run on the journal before the kiosk starts.
fn kit_with_journal(dir: PathBuf, config: Config, prepare: impl FnOnce(&Journal)) -> Kit {
    let journal = Journal::open(&dir.join(journal::FILE_NAME), false).expect("a journal");
    prepare(&journal);
    let app = common::Kit::start(
        config,
        DEMO_SURVEY_ID,
        Records::Journal {
            journal,
            rehearsal: false,
        },
        egui::vec2(1000.0, 1400.0),
    );
    Kit { app, dir }
}

/// Today's counts in the journal of `dir`.
fn journal_today(dir: &Path) -> Today {
    let journal = Journal::open(&dir.join(journal::FILE_NAME), false).expect("the journal");
    Today::from_journal(&journal, operator::start_of_today()).expect("today's counts")
}

impl Kit {
    /// Five quick taps in the top-left corner.
    fn corner_taps(&mut self) {
        for _ in 0..5 {
            for pressed in [true, false] {
                self.h.event(egui::Event::PointerButton {
                    pos: egui::pos2(20.0, 20.0),
                    button: egui::PointerButton::Primary,
                    pressed,
                    modifiers: egui::Modifiers::default(),
                });
            }
            self.h.step();
        }
        self.h.run();
    }

    fn enter_pin(&mut self, pin: &str) {
        self.enter_pin_with(pin, "Unlock");
    }

    /// The PIN, then the button that unlocks (its label in the kiosk's
    /// language).
    fn enter_pin_with(&mut self, pin: &str, unlock: &str) {
        for digit in pin.chars() {
            self.h.get_by_label(&digit.to_string()).click();
            self.h.step();
        }
        self.h.get_by_label(unlock).click();
        self.h.step();
        self.h.step();
        // The admin screen tests the connection as it opens.
        self.h.state_mut().wait_for_operator(PATIENCE);
        self.h.run();
    }
}

#[test]
fn first_run_setup_tests_saves_and_runs_the_configured_survey() {
    let mut k = kit(None);
    assert!(k.shows("Set up this kiosk"), "a visible way into setup");
    k.tap("Set up this kiosk");
    assert!(k.h.state().operator_open());
    let base_url = k.server.base_url();
    k.type_into("Survey id", &QUOTA_SURVEY_ID.to_string());
    k.type_into("Base URL (instead of a datacenter)", &base_url);
    k.type_into("API key", DEMO_API_KEY);
    k.type_into("Operator PIN", PIN);
    k.type_into("Operator PIN again", PIN);
    assert!(
        k.h.get_by_label("Save").accesskit_node().is_disabled(),
        "nothing is saved before a connection test"
    );
    k.h.get_by_label("Test the connection").click();
    k.h.step();
    k.h.step();
    assert!(
        k.h.state_mut().wait_for_operator(Duration::from_secs(10)),
        "the test did not finish"
    );
    k.h.run();
    assert!(k.shows("Connected: the survey is reachable and open."));
    k.tap("Save");
    assert!(!k.h.state().operator_open(), "back to the kiosk");
    assert_eq!(k.h.state().survey_id(), QUOTA_SURVEY_ID);

    let path = k.dir.join("config.toml");
    let text = std::fs::read_to_string(&path).expect("the saved configuration");
    assert!(
        text.contains(&format!("survey_id = {QUOTA_SURVEY_ID}")),
        "{text}"
    );
    assert!(text.contains("operator_pin_hash = \"$argon2id$"), "{text}");
    assert!(
        !text.contains(&format!("\"{PIN}\"")),
        "the PIN itself is not stored"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path)
            .expect("the configuration's permissions")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "readable by its owner only");
    }
    let saved = Config::load(&path, true).expect("the saved configuration loads");
    assert_eq!(saved.survey_id, Some(QUOTA_SURVEY_ID));
    assert!(operator::verify_pin(
        saved.operator_pin_hash.as_deref().unwrap_or_default(),
        PIN
    ));

    // The kiosk now runs the configured survey, and setup needs the PIN.
    assert!(!k.shows("Set up this kiosk"));
    k.tap("Start the survey");
    assert!(
        k.h.query_by_label_contains("Have you shopped with us before")
            .is_some()
    );
}

#[test]
fn setup_keeps_its_buttons_in_view_on_a_short_screen_whatever_it_says() {
    let mut k = kit(None);
    k.h.set_size(egui::vec2(1024.0, 600.0));
    k.h.run();
    k.tap("Set up this kiosk");
    let in_view = |k: &Kit, label: &str| {
        let rect = k.h.get_by_label(label).rect();
        rect.top() >= 0.0 && rect.bottom() <= 600.0
    };
    assert!(in_view(&k, "Survey id"), "the form opens at its top");
    // The datacenters not chosen are buttons too, not words.
    let europe = k.h.get_by_label("Europe (eu)").rect();
    let framed =
        k.h.output()
            .shapes
            .iter()
            .any(|clipped| match &clipped.shape {
                egui::Shape::Rect(r) => {
                    (r.rect.center() - europe.center()).length() < 3.0
                        && (r.fill.a() > 0 || r.stroke.width > 0.0)
                }
                _ => false,
            });
    assert!(framed, "Europe (eu) is drawn as a button");
    for button in ["Test the connection", "Save", "Cancel"] {
        assert!(in_view(&k, button), "{button} in view at first");
    }
    // A failed test's report, then a message: the buttons stay in view.
    k.type_into("Survey id", "1");
    let nowhere = format!("{}/nowhere", k.server.base_url());
    k.type_into("Base URL (instead of a datacenter)", &nowhere);
    k.type_into("API key", "secret");
    k.type_into("Operator PIN", PIN);
    k.type_into("Operator PIN again", PIN);
    k.h.get_by_label("Test the connection").click();
    k.settle();
    let report =
        k.h.query_by_label_contains("The survey cannot run")
            .map(|n| n.rect())
            .expect("a failed test's report is shown");
    let bar = k.h.get_by_label("Test the connection").rect();
    assert!(
        report.top() >= 0.0 && report.bottom() <= bar.top(),
        "the report scrolled into view above the buttons: {report:?}"
    );
    for button in ["Test the connection", "Save", "Cancel"] {
        assert!(in_view(&k, button), "{button} in view with the report");
    }
    k.type_into("Survey id", "x");
    k.h.get_by_label("Test the connection").click();
    k.settle();
    assert!(in_view(&k, "The survey id is a number, e.g. 12345678."));
    for button in ["Test the connection", "Save", "Cancel"] {
        assert!(in_view(&k, button), "{button} still in view");
    }
    k.h.get_by_label("Cancel").click();
    k.settle();
    assert!(
        !k.h.state().operator_open(),
        "Cancel was tapped where it shows"
    );
}

#[test]
fn setup_refuses_what_cannot_work_in_plain_words() {
    let mut k = kit(None);
    k.tap("Set up this kiosk");
    k.type_into("Survey id", "twelve");
    k.tap("Test the connection");
    assert!(k.shows("The survey id is a number, e.g. 12345678."));
    let mut k = kit(None);
    k.tap("Set up this kiosk");
    k.type_into("Survey id", "12345678");
    k.type_into(
        "Base URL (instead of a datacenter)",
        "http://api.example.com/a/api/v2",
    );
    k.type_into("API key", "secret");
    k.type_into("Operator PIN", PIN);
    k.type_into("Operator PIN again", PIN);
    k.tap("Test the connection");
    assert!(
        k.h.query_by_label_contains("plain http is allowed only for this computer")
            .is_some()
    );
    k.tap("Cancel");
    assert!(!k.h.state().operator_open());
}

#[test]
fn wrong_pins_are_refused_counted_and_locked_then_the_right_one_opens() {
    let mut k = kit(Some(PIN));
    assert!(
        !k.shows("Set up this kiosk"),
        "no setup link once a PIN is set"
    );
    // Four taps are not enough.
    for _ in 0..4 {
        k.h.event(egui::Event::PointerButton {
            pos: egui::pos2(20.0, 20.0),
            button: egui::PointerButton::Primary,
            pressed: true,
            modifiers: egui::Modifiers::default(),
        });
        k.h.step();
    }
    k.h.run();
    assert!(!k.h.state().operator_open());
    k.pass(Duration::from_secs(4));
    k.corner_taps();
    assert!(k.h.state().operator_open(), "five taps open the PIN prompt");
    for left in (1..5).rev() {
        k.enter_pin("1111");
        let tries = if left == 1 { "try" } else { "tries" };
        assert!(
            k.shows(&format!("Wrong PIN. {left} {tries} left.")),
            "{left} left"
        );
    }
    k.enter_pin("1111");
    assert!(k.shows("Too many wrong PINs. Try again in 30 seconds."));
    assert!(k.h.get_by_label("Unlock").accesskit_node().is_disabled());
    k.pass(Duration::from_secs(31));
    assert!(!k.h.get_by_label("Unlock").accesskit_node().is_disabled());
    k.enter_pin(PIN);
    assert!(k.shows("Today"), "the admin screen");
    assert!(k.shows("Connected: the survey is reachable and open."));
    // Left alone, the admin screen closes itself.
    k.pass(Duration::from_secs(60));
    assert!(k.h.state().operator_open(), "not yet");
    k.pass(Duration::from_secs(31));
    assert!(!k.h.state().operator_open(), "closed after 90 s idle");
    assert!(k.shows("Start the survey"));
    // The keyboard shortcut opens the prompt too.
    k.h.key_press_modifiers(egui::Modifiers::CTRL | egui::Modifiers::SHIFT, egui::Key::O);
    k.h.step();
    k.h.run();
    assert!(k.shows("Unlock"));
}

#[test]
fn a_configured_kiosk_without_a_pin_opens_nothing_and_says_how_to_set_one() {
    let mut k = kit_configured(None, Some(DEMO_SURVEY_ID));
    assert!(k.shows("Start the survey"));
    assert!(!k.shows("Set up this kiosk"));
    let notice = "sudo survey-kiosk set-pin";
    assert!(!k.page_has(notice));
    // Neither the shortcut nor the gesture opens setup (the saved key
    // would be one tap away from anyone): a notice says how to set a PIN.
    k.h.key_press_modifiers(egui::Modifiers::CTRL | egui::Modifiers::SHIFT, egui::Key::O);
    k.h.step();
    k.h.run();
    assert!(!k.h.state().operator_open(), "no PIN, no operator screen");
    assert!(!k.shows("Operator PIN"));
    assert!(k.page_has(notice), "how to set a PIN");
    assert!(k.page_has("survey-kiosk set-pin --config FILE"));
    // A tap on it closes it.
    k.h.get_by_label_contains(notice).click();
    k.h.step();
    k.h.run();
    assert!(!k.page_has(notice), "closed by a tap");
    assert!(!k.h.state().operator_open());
    // The gesture shows it again; it goes away by itself.
    k.corner_taps();
    assert!(!k.h.state().operator_open(), "five taps open nothing");
    assert!(k.page_has(notice));
    k.pass(Duration::from_secs(5));
    assert!(k.page_has(notice), "not yet");
    k.pass(Duration::from_secs(8));
    assert!(!k.page_has(notice), "gone after some seconds");
    assert!(k.shows("Start the survey"));
}

#[test]
fn the_notice_speaks_the_kiosks_language() {
    let mut k = kit_in(None, Some(DEMO_SURVEY_ID), Some("de"));
    k.corner_taps();
    assert!(!k.h.state().operator_open());
    assert!(
        k.page_has("keine Bediener-PIN gesetzt"),
        "the notice in German"
    );
}

#[test]
fn the_pin_lock_holds_after_a_restart() {
    let mut k = kit(Some(PIN));
    k.corner_taps();
    for _ in 0..5 {
        k.enter_pin("1111");
    }
    assert!(k.shows("Too many wrong PINs. Try again in 30 seconds."));
    k.pass(Duration::from_secs(3));
    assert!(
        k.shows("Too many wrong PINs. Try again in 27 seconds."),
        "it counts down"
    );
    assert!(k.h.state_mut().wait_for_operator(PATIENCE));
    let dir = k.dir.clone();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let lock = dir.join(operator::LOCK_FILE);
        let mode = std::fs::metadata(&lock)
            .expect("the lock is kept next to the journal")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "owner-only");
    }
    drop(k);

    // The kiosk restarts (a crash, a power cut): no fresh tries.
    let mut k = kit_at(dir.clone(), Some(PIN), None, None);
    k.corner_taps();
    assert!(k.h.state().operator_open());
    assert!(
        k.h.query_by_label_contains("Too many wrong PINs").is_some(),
        "still locked after the restart"
    );
    assert!(k.h.get_by_label("Unlock").accesskit_node().is_disabled());

    // Wrong tries in a row are kept too, counted before the check.
    let dir = temp("operator");
    let mut k = kit_at(dir.clone(), Some(PIN), None, None);
    k.corner_taps();
    k.enter_pin("1111");
    k.enter_pin("1111");
    assert!(k.shows("Wrong PIN. 3 tries left."));
    drop(k);
    let mut k = kit_at(dir, Some(PIN), None, None);
    k.corner_taps();
    k.enter_pin("1111");
    assert!(k.shows("Wrong PIN. 2 tries left."), "the count went on");
}

#[test]
fn the_saved_key_is_not_sent_to_another_server() {
    let dir = temp("operator");
    let config = Config {
        source: Some(dir.join("config.toml")),
        survey_id: Some(DEMO_SURVEY_ID),
        datacenter: Some("com".into()),
        api_key: Some("the-saved-secret".into()),
        operator_pin_hash: Some(operator::hash_pin(PIN).expect("a PIN hash")),
        ..Config::default()
    };
    let mut k = kit_with(dir, config);
    k.corner_taps();
    k.enter_pin(PIN);
    k.tap("Edit settings");
    assert!(k.shows("API key"), "setup");
    let warning = "The saved API key is only sent to api.questionpro.com";
    assert!(!k.page_has(warning));
    let elsewhere = k.server.base_url();
    k.type_into("Base URL (instead of a datacenter)", &elsewhere);
    assert!(k.page_has(warning), "said under the key field");
    k.tap("Test the connection");
    assert_eq!(
        k.h.query_all_by_label_contains("type the key again")
            .count(),
        2,
        "under the field, and as the reason there is no test with the saved key"
    );
    assert!(!k.page_has("Connected"), "nothing was sent to {elsewhere}");
    // With the key typed again, the test runs.
    k.type_into("API key", DEMO_API_KEY);
    assert_eq!(
        k.h.query_all_by_label_contains("type the key again")
            .count(),
        1,
        "no more under the field (the last test's message stays until the next)"
    );
    k.tap("Test the connection");
    assert!(
        k.h.query_by_label_contains("Connected").is_some(),
        "tested with the typed key"
    );
}

#[test]
fn admin_counts_match_the_respondents_and_exports_write_files() {
    let mut k = kit(Some(PIN));
    // One screened out.
    k.tap("Start the survey");
    k.tap("I work for a competing retailer");
    k.tap("Next");
    assert!(k.shows("Thank you for your interest"));
    k.tap("Done");
    // One walks away.
    k.tap("Start the survey");
    k.pass(Duration::from_secs(61));
    k.pass(Duration::from_secs(16));
    assert!(k.shows("Start the survey"));
    // One is interrupted by the operator.
    k.tap("Start the survey");
    k.tap("Just browsing");
    k.h.key_press_modifiers(egui::Modifiers::CTRL | egui::Modifiers::SHIFT, egui::Key::O);
    k.h.step();
    k.h.run();
    assert!(k.shows("Unlock"));
    // The worker records the ends in the background.
    let dir = k.dir.clone();
    step_until(
        &mut k.h,
        "the worker records three starts",
        PATIENCE,
        |_| journal_today(&dir).started >= 3,
    );
    k.enter_pin(PIN);
    for line in [
        "Started: 3",
        "Completed: 0",
        "Screened out: 1",
        "Quota full: 0",
        "Abandoned: 1",
        "Timed out: 1",
        "Other (interrupted, failed or under way): 0",
    ] {
        assert!(k.shows(line), "{line}");
    }
    // The calls this kiosk's client made, since it was built (this test's
    // start, not midnight), per respondent started since then.
    let calls =
        k.h.query_all_by_label_contains("API calls")
            .find_map(|n| {
                let node = n.accesskit_node();
                node.label().or_else(|| node.value())
            })
            .unwrap_or_default();
    assert!(
        calls.starts_with("API calls since ") || calls.starts_with("API calls today"),
        "{calls:?}"
    );
    let per: f64 = calls
        .rsplit('(')
        .next()
        .and_then(|p| p.split(' ').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or(0.0);
    assert!(per >= 1.0, "at least one call per respondent: {calls:?}");
    // Export (the dialog is the OS's; the function behind it takes a path).
    let journal = k.dir.join(journal::FILE_NAME);
    let responses = k.dir.join("responses.csv");
    let rows = operator::export_to(
        &journal,
        &responses,
        ExportKind::Responses,
        ExportFormat::Csv,
    )
    .expect("the responses export");
    assert_eq!(rows, 3);
    let csv = std::fs::read_to_string(&responses).expect("the exported responses");
    assert!(
        csv.starts_with("respondent,survey_id,rehearsal,started_at"),
        "{csv}"
    );
    assert!(csv.contains(",terminated,"), "{csv}");
    assert!(csv.contains(",timed_out,"), "{csv}");
    assert!(csv.contains(",abandoned,"), "{csv}");
    let pages = k.dir.join("journal.jsonl");
    let rows = operator::export_to(&journal, &pages, ExportKind::Journal, ExportFormat::Jsonl)
        .expect("the journal export");
    assert!(rows >= 3);
    assert_eq!(
        std::fs::read_to_string(&pages)
            .unwrap_or_default()
            .lines()
            .count() as u64,
        rows
    );
    k.tap("Quit the kiosk");
}

#[test]
fn the_operator_screens_speak_the_configured_language() {
    let mut k = kit_in(Some(PIN), Some(DEMO_SURVEY_ID), Some("de"));
    k.pass(Duration::from_secs(4));
    k.corner_taps();
    k.enter_pin_with("1111", "Entsperren");
    assert!(k.shows("Falsche PIN. Noch 4 Versuche."));
    k.enter_pin_with(PIN, "Entsperren");
    for line in [
        "Heute",
        "Begonnen: 0",
        "Abgeschlossen: 0",
        "Letztes Problem: keines",
        "Antwortprotokoll im Exportordner des Terminals speichern",
    ] {
        assert!(k.page_has(line), "{line}");
    }
    assert!(!k.page_has("Started"), "no English count left");
    k.tap("Terminal beenden");
    assert!(k.page_has("Bis zum nächsten Start kann niemand teilnehmen."));
    k.tap("Nein, weiterlaufen lassen");
    k.tap("Einstellungen bearbeiten");
    for datacenter in ["USA (com)", "Europa (eu)", "Kanada (ca)", "Andere"] {
        assert!(k.shows(datacenter), "{datacenter}");
    }
}

#[test]
fn the_admin_screen_shows_pages_the_server_never_confirmed() {
    let mut k = kit_prepared(Some(PIN), None, None, |journal| {
        // An earlier session's page whose answer never came and whose
        // token was refused since: kept, unconfirmed.
        let respondent = journal
            .begin_respondent(DEMO_SURVEY_ID, false)
            .expect("a respondent");
        let body: survey_kiosk::survey::FormBody =
            serde_json::from_value(serde_json::json!({"u_1": "2"})).expect("a body");
        let page = journal
            .write_page(respondent, &body, 3.0, &journal::SessionState::default())
            .expect("a page");
        journal
            .settle_page(page, journal::PageState::Unconfirmed, Some("a test"))
            .expect("settled");
        journal
            .end_respondent(respondent, &journal::RespondentEnd::Interrupted)
            .expect("ended");
    });
    k.corner_taps();
    k.enter_pin(PIN);
    assert!(
        k.page_has("1 page was sent but the server never confirmed it; its answers are kept"),
        "the admin screen says what is unconfirmed"
    );
    assert!(k.page_has("1 unconfirmed (answers kept)"), "and counts it");
    k.tap("Quit the kiosk");
}
