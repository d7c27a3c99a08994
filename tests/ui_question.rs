//! One question at a time (`layout = "question"`), as a respondent sees it
//! (egui_kittest, by label, against the demo server): each question on its
//! own screen, a single choice moving on after a visible "Got it", and a
//! double tap on Next that does not skip the next question.

// A test that cannot set up stops with the reason: `expect` is how it says so.
#![allow(clippy::expect_used)]

use std::time::Duration;

use egui_kittest::kittest::Queryable;
use survey_kiosk::config::{AttractMode, Config};
use survey_kiosk::demo::DEMO_SURVEY_ID;
use survey_kiosk::journal::{self, Journal};
use survey_kiosk::kiosk::Settings;
use survey_kiosk::kiosk::{Layout, Screen};
use survey_kiosk::rehearsal::{WalkOptions, walk};
use survey_kiosk::worker::Records;

mod common;
use common::{Kit, PATIENCE, demo_client, demo_server, temp};

fn kit() -> Kit {
    kit_with(Config::default())
}

fn kit_with(config: Config) -> Kit {
    let config = Config {
        layout: Layout::Question,
        ..config
    };
    Kit::start(
        config,
        DEMO_SURVEY_ID,
        Records::None,
        egui::vec2(1000.0, 800.0),
    )
}

fn question(kit: &Kit) -> Option<usize> {
    match kit.screen() {
        Screen::Page(page) => page.question,
        _ => None,
    }
}

#[test]
fn each_question_has_its_own_screen_and_a_single_choice_moves_on_by_itself() {
    let mut k = kit();
    k.tap("Start the survey");
    assert!(
        k.page_has("Welcome!"),
        "the page's first question: its text"
    );
    assert!(
        !k.page_has("Which best describes you"),
        "alone on its screen"
    );
    k.tap("Next");
    assert!(k.page_has("Which best describes you"));
    assert!(!k.page_has("Welcome!"));
    k.tap("I came to shop");
    assert!(k.page_has("Got it"), "a visible moment before it moves on");
    k.clock.advance(Duration::from_millis(800));
    k.h.step();
    common::step_until(
        &mut k.h,
        "the next page",
        PATIENCE,
        |app| matches!(app.kiosk().screen(), Screen::Page(p) if p.busy.is_none() && p.serial > 1),
    );
    k.h.run();
    assert!(k.page_has("How likely are you to recommend"));
    assert!(!k.page_has("What brought you in today?"));
    k.tap("9");
    k.pass(Duration::from_millis(800));
    assert!(k.page_has("What brought you in today?"), "on by itself");
    assert!(!k.page_has("How likely are you to recommend"));
    // Back within the page: the question before, its answer kept.
    k.tap("Back");
    assert!(k.page_has("How likely are you to recommend"));
    assert_eq!(question(&k), Some(0));
}

#[test]
fn a_double_tap_on_next_does_not_skip_the_next_question() {
    // The harness's frames are a quarter second apart and a tap takes a
    // few: a guard of seconds stands for the real 400 ms (as in ui_touch).
    let mut k = kit_with(Config {
        tap_guard_ms: 5_000,
        ..Config::default()
    });
    k.tap("Start the survey");
    k.h.run_steps(30);
    assert_eq!(question(&k), Some(0));
    // Two taps on Next in quick succession: the second lands on the new
    // question's first moment and presses nothing.
    for _ in 0..2 {
        k.h.get_by_label("Next").click();
        k.h.step();
    }
    k.h.run();
    assert_eq!(question(&k), Some(1), "on the second question, not past it");
    let problems = match k.screen() {
        Screen::Page(page) => page.problems.iter().flatten().count(),
        _ => 0,
    };
    assert_eq!(
        problems, 0,
        "and nothing was checked before it was answered"
    );
}

#[test]
fn the_attract_screen_asks_the_first_question_and_the_first_tap_answers_it() {
    // The survey map knows the first page from an earlier respondent.
    let dir = temp("attract-question");
    let path = dir.join(journal::FILE_NAME);
    let server = demo_server();
    let learned = walk(
        demo_client(&server),
        DEMO_SURVEY_ID,
        Settings::default(),
        Records::Journal {
            journal: Journal::open(&path, false).expect("a journal"),
            rehearsal: true,
        },
        &WalkOptions {
            respondents: 1,
            back_chance: 0.0,
            page_lines: false,
            respondent_lines: false,
            wait_lines: false,
            ..WalkOptions::default()
        },
        &mut std::io::sink(),
    )
    .expect("a rehearsal");
    assert!(learned.all_final());
    let config = Config {
        layout: Layout::Question,
        attract: AttractMode::FirstQuestion,
        ..Config::default()
    };
    let records = Records::Journal {
        journal: Journal::open(&path, false).expect("the journal"),
        rehearsal: false,
    };
    let mut k = Kit::start(config, DEMO_SURVEY_ID, records, egui::vec2(1000.0, 800.0));
    assert!(
        k.page_has("Which best describes you"),
        "the first question is on the attract screen"
    );
    assert!(!k.shows("Start the survey"));
    k.tap("I came to shop");
    common::step_until(
        &mut k.h,
        "the first page",
        PATIENCE,
        |app| matches!(app.kiosk().screen(), Screen::Page(p) if p.busy.is_none()),
    );
    k.h.run();
    // Answered as tapped, on its own screen, and moving on.
    let chosen = match k.screen() {
        Screen::Page(page) => (
            page.question,
            page.answers[1].is_empty(),
            page.advance_at.is_some(),
        ),
        _ => (None, true, false),
    };
    assert_eq!(chosen, (Some(1), false, true));
    k.clock.advance(Duration::from_millis(800));
    k.h.step();
    common::step_until(
        &mut k.h,
        "the second page",
        PATIENCE,
        |app| matches!(app.kiosk().screen(), Screen::Page(p) if p.busy.is_none() && p.serial > 1),
    );
    k.h.run();
    assert!(k.page_has("How likely are you to recommend"));
}

#[test]
fn without_a_known_first_page_the_attract_screen_keeps_its_button() {
    let config = Config {
        attract: AttractMode::FirstQuestion,
        ..Config::default()
    };
    let k = Kit::start(
        config,
        DEMO_SURVEY_ID,
        Records::None,
        egui::vec2(1000.0, 800.0),
    );
    assert!(k.shows("Start the survey"));
}
