//! The operator's side through the real app (egui_kittest, by label):
//! first-run setup against the demo server, the unlock gesture and PIN lock,
//! the admin screen's counts, and exports.

// A test that cannot set up stops with the reason: `expect` is how it says so.
#![allow(clippy::expect_used)]

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};
use survey_kiosk::api::{Client, ClientSettings};
use survey_kiosk::config::Config;
use survey_kiosk::demo::{DEMO_API_KEY, DEMO_SURVEY_ID, DemoServer, QUOTA_SURVEY_ID};
use survey_kiosk::journal::{self, ExportFormat, Journal};
use survey_kiosk::kiosk::Screen;
use survey_kiosk::operator::{self, ExportKind, Today};
use survey_kiosk::ui::app::{FakeClock, KioskApp};
use survey_kiosk::worker::Records;

const PIN: &str = "2468";

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "survey-kiosk-{name}-{}-{}",
        std::process::id(),
        uuid::Uuid::new_v4()
    ));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

struct Kit {
    h: Harness<'static, KioskApp>,
    clock: Arc<FakeClock>,
    server: DemoServer,
    dir: PathBuf,
}

fn kit(pin: Option<&str>) -> Kit {
    kit_configured(pin, None)
}

/// `survey_id`: the survey of a configuration file (`None`: first run).
fn kit_configured(pin: Option<&str>, survey_id: Option<u64>) -> Kit {
    let server = DemoServer::start_background(0).unwrap_or_else(|e| panic!("{e}"));
    let dir = temp("operator");
    let config = Config {
        source: Some(dir.join("config.toml")),
        survey_id,
        operator_pin_hash: pin.map(|p| operator::hash_pin(p).unwrap_or_else(|e| panic!("{e}"))),
        ..Config::default()
    };
    let mut settings = ClientSettings::new(server.base_url(), DEMO_API_KEY);
    settings.request_timeout = Duration::from_secs(3);
    let client = Client::new(&settings).unwrap_or_else(|e| panic!("{e}"));
    let journal =
        Journal::open(&dir.join(journal::FILE_NAME), false).unwrap_or_else(|e| panic!("{e}"));
    let clock = FakeClock::new();
    let app_clock = clock.clone();
    let h = Harness::builder()
        .with_size(egui::vec2(1000.0, 1400.0))
        .build_eframe(move |cc| {
            KioskApp::new(
                &cc.egui_ctx,
                config,
                client,
                DEMO_SURVEY_ID,
                None,
                Records::Journal {
                    journal,
                    rehearsal: false,
                },
                app_clock,
            )
            .unwrap_or_else(|e| panic!("{e}"))
        });
    let mut kit = Kit {
        h,
        clock,
        server,
        dir,
    };
    kit.h.run();
    kit
}

impl Kit {
    fn waiting(&self) -> bool {
        match self.h.state().kiosk().screen() {
            Screen::Starting { .. } => true,
            Screen::Page(page) => page.busy.as_ref().is_some_and(|b| b.retry_at.is_none()),
            _ => false,
        }
    }

    fn settle(&mut self) {
        self.h.step();
        // The operator's background jobs (PIN check, save, counts) too.
        let ctx_done = self
            .h
            .state_mut()
            .wait_for_operator(Duration::from_secs(10));
        assert!(ctx_done, "the operator's background jobs did not finish");
        self.h.step();
        while self.waiting() {
            let ctx = self.h.ctx.clone();
            assert!(
                self.h
                    .state_mut()
                    .wait_for_reply(&ctx, Duration::from_secs(10)),
                "the worker did not answer"
            );
        }
        self.h.run();
    }

    fn tap(&mut self, label: &str) {
        self.h.get_by_label(label).click();
        self.settle();
    }

    fn type_into(&mut self, label: &str, text: &str) {
        self.h.get_by_label(label).focus();
        self.h.step();
        self.h.get_by_label(label).type_text(text);
        self.h.run();
    }

    fn shows(&self, text: &str) -> bool {
        self.h.query_by_label(text).is_some()
    }

    fn pass(&mut self, by: Duration) {
        self.clock.advance(by);
        self.h.step();
        self.h.run();
    }

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
        for digit in pin.chars() {
            self.h.get_by_label(&digit.to_string()).click();
            self.h.step();
        }
        self.h.get_by_label("Unlock").click();
        self.h.step();
        self.h.step();
        // The admin screen tests the connection as it opens.
        self.h
            .state_mut()
            .wait_for_operator(Duration::from_secs(10));
        self.h.run();
    }

    fn journal_today(&self) -> Today {
        let journal = Journal::open(&self.dir.join(journal::FILE_NAME), false)
            .unwrap_or_else(|e| panic!("{e}"));
        Today::from_journal(&journal, operator::start_of_today()).unwrap_or_else(|e| panic!("{e}"))
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
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
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
            .unwrap_or_else(|e| panic!("{e}"))
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "readable by its owner only");
    }
    let saved = Config::load(&path, true).unwrap_or_else(|e| panic!("{e}"));
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
    assert!(k.shows("Too many wrong PINs. Try again in 30 s."));
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
fn a_configured_kiosk_without_a_pin_shows_no_setup_link_to_respondents() {
    let mut k = kit_configured(None, Some(DEMO_SURVEY_ID));
    assert!(k.shows("Start the survey"));
    assert!(!k.shows("Set up this kiosk"));
    // Its operator still gets in, by the shortcut, straight to setup.
    k.h.key_press_modifiers(egui::Modifiers::CTRL | egui::Modifiers::SHIFT, egui::Key::O);
    k.h.step();
    k.h.run();
    assert!(k.h.state().operator_open());
    assert!(k.shows("Operator PIN"), "setup asks for a PIN");
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
    let started = Instant::now();
    while k.journal_today().started < 3 && started.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(20));
    }
    k.enter_pin(PIN);
    for line in [
        "Started: 3",
        "Completed: 0",
        "Screened out: 1",
        "Quota full: 0",
        "Abandoned: 1",
        "Timed out: 1",
    ] {
        assert!(k.shows(line), "{line}");
    }
    // Export (the dialog is the OS's; the function behind it takes a path).
    let journal = k.dir.join(journal::FILE_NAME);
    let responses = k.dir.join("responses.csv");
    let rows = operator::export_to(
        &journal,
        &responses,
        ExportKind::Responses,
        ExportFormat::Csv,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(rows, 3);
    let csv = std::fs::read_to_string(&responses).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        csv.starts_with("respondent,survey_id,rehearsal,started_at"),
        "{csv}"
    );
    assert!(csv.contains(",terminated,"), "{csv}");
    assert!(csv.contains(",timed_out,"), "{csv}");
    assert!(csv.contains(",abandoned,"), "{csv}");
    let pages = k.dir.join("journal.jsonl");
    let rows = operator::export_to(&journal, &pages, ExportKind::Journal, ExportFormat::Jsonl)
        .unwrap_or_else(|e| panic!("{e}"));
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
