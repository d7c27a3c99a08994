//! Offline capture as a respondent and an operator see it (egui_kittest, by
//! label): with the server down, a kiosk whose map was learned online shows
//! the survey's first page as it would online (not "We'll be right back"),
//! and the admin screen says "Offline, capturing", how many wait, and how
//! much of the survey the map knows.

// A test that cannot set up stops with the reason: `expect` is how it says so.
#![allow(clippy::expect_used)]

use std::time::Duration;

use egui_kittest::kittest::Queryable;

use survey_kiosk::config::{Config, OfflineMode};
use survey_kiosk::demo::DEMO_SURVEY_ID;
use survey_kiosk::journal::{self, Journal};
use survey_kiosk::kiosk::{Screen, Settings};
use survey_kiosk::operator;
use survey_kiosk::rehearsal::{WalkOptions, walk};
use survey_kiosk::worker::Records;

mod common;
use common::{Kit, PATIENCE, demo_client, temp};

const PIN: &str = "2468";

fn corner_taps(kit: &mut Kit) {
    for _ in 0..5 {
        for pressed in [true, false] {
            kit.h.event(egui::Event::PointerButton {
                pos: egui::pos2(20.0, 20.0),
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: egui::Modifiers::default(),
            });
        }
        kit.h.step();
    }
    kit.h.run();
}

#[test]
fn with_the_server_down_a_respondent_is_captured_and_the_operator_is_told() {
    let dir = temp("ui-offline");
    let path = dir.join(journal::FILE_NAME);
    let config = Config {
        source: Some(dir.join("config.toml")),
        survey_id: Some(DEMO_SURVEY_ID),
        offline: OfflineMode::Capture,
        operator_pin_hash: Some(operator::hash_pin(PIN).expect("a PIN hash")),
        ..Config::default()
    };
    let mut kit = Kit::start(
        config,
        DEMO_SURVEY_ID,
        Records::Journal {
            journal: Journal::open(&path, false).expect("a journal"),
            rehearsal: false,
        },
        egui::vec2(1000.0, 1400.0),
    );
    // The map is learned online (a rehearsal on the same journal).
    let learned = walk(
        demo_client(&kit.server),
        DEMO_SURVEY_ID,
        Settings::default(),
        Records::Journal {
            journal: Journal::open(&path, false).expect("the journal again"),
            rehearsal: true,
        },
        &WalkOptions {
            respondents: 20,
            back_chance: 0.0,
            page_lines: false,
            respondent_lines: false,
            wait_lines: false,
            ..WalkOptions::default()
        },
        &mut std::io::sink(),
    )
    .expect("the rehearsal runs");
    assert!(learned.all_final(), "{learned:?}");

    kit.server.go_down();
    kit.tap("Start the survey");
    common::step_until(&mut kit.h, "the first page", PATIENCE, |app| {
        matches!(app.kiosk().screen(), Screen::Page(_))
    });
    kit.h.run();
    assert!(
        kit.page_has("Which best describes you"),
        "the survey's first page, from the map"
    );
    assert!(!kit.page_has("We'll be right back"));

    corner_taps(&mut kit);
    for digit in PIN.chars() {
        kit.h.get_by_label(&digit.to_string()).click();
        kit.h.step();
    }
    kit.h.get_by_label("Unlock").click();
    kit.h.step();
    kit.h.step();
    assert!(kit.h.state_mut().wait_for_operator(PATIENCE));
    kit.h.run();
    assert!(
        kit.page_has("Offline, capturing"),
        "the admin screen says the kiosk captures offline"
    );
    assert!(kit.page_has("Pages seen: 6;"), "and what the map knows");
    kit.pass(Duration::from_millis(10));
}
