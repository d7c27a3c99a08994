//! Opening hours through the real app (`egui_kittest`, fake clock; the wall
//! clock moves with it): a respondent in a survey at closing time finishes,
//! then the closed screen says when the kiosk opens again, starts no
//! session, lets the operator in, and gives way at opening time.

// A test that cannot set up stops with the reason: `expect` is how it says so.
#![allow(clippy::expect_used)]

use std::time::Duration;

use chrono::{Local, NaiveDateTime, TimeDelta, Timelike};
use survey_kiosk::config::Config;
use survey_kiosk::demo::DEMO_SURVEY_ID;
use survey_kiosk::kiosk::Screen;
use survey_kiosk::open_hours::OpenHours;
use survey_kiosk::worker::Records;

mod common;

fn hhmm(at: NaiveDateTime) -> String {
    at.format("%H:%M").to_string()
}

fn to_the_minute(at: NaiveDateTime) -> NaiveDateTime {
    at.with_second(0)
        .and_then(|at| at.with_nanosecond(0))
        .expect("a time")
}

#[test]
fn a_respondent_finishes_then_the_kiosk_is_closed_until_it_opens() {
    // Open from an hour ago until ten minutes from now (crossing midnight
    // if need be), by the wall clock.
    let now = Local::now().naive_local();
    let opens = to_the_minute(now - TimeDelta::hours(1));
    let closes = to_the_minute(now + TimeDelta::minutes(10));
    let hours =
        OpenHours::parse(&format!("{}-{}", hhmm(opens), hhmm(closes))).expect("the opening hours");
    let config = Config {
        open_hours: Some(hours),
        // Nobody is timed out while the clock runs on.
        idle_after_secs: 4 * 3600,
        ..Config::default()
    };
    let mut k = common::Kit::start(
        config,
        DEMO_SURVEY_ID,
        Records::None,
        egui::vec2(1000.0, 1400.0),
    );
    assert!(k.shows("Start the survey"), "open now");
    k.tap("Start the survey");
    assert!(k.page_has("Which best describes you"));

    // Closing time passes: the respondent in the survey goes on.
    k.pass(Duration::from_secs(20 * 60));
    assert!(k.page_has("Which best describes you"));
    assert!(!k.shows("Closed"));
    k.tap("I work for a competing retailer");
    k.tap("Next");
    assert!(k.shows("Thank you for your interest"));
    k.tap("Done");

    // At the reset: closed, and when it opens again.
    assert!(k.shows("Closed"));
    assert!(!k.shows("Start the survey"));
    assert!(
        k.page_has(&format!("at {}", hhmm(opens))),
        "says when it opens"
    );
    assert!(k.page_has("Open again"));
    // No session starts.
    k.h.key_press(egui::Key::Enter);
    k.h.step();
    k.h.run();
    assert!(matches!(k.screen(), Screen::Attract { .. }));
    assert!(k.shows("Closed"));

    // The operator still gets in (no PIN set: straight to setup).
    k.h.key_press_modifiers(egui::Modifiers::CTRL | egui::Modifiers::SHIFT, egui::Key::O);
    k.h.step();
    k.h.run();
    assert!(k.h.state().operator_open());
    k.tap("Cancel");
    assert!(!k.h.state().operator_open());
    assert!(k.shows("Closed"));

    // At opening time the attract screen is back.
    k.pass(Duration::from_secs(23 * 3600));
    assert!(k.shows("Start the survey"), "open again");
    assert!(!k.shows("Closed"));
}
