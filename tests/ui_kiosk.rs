//! The whole kiosk app (state machine, worker, widgets) driven as a
//! respondent would, by label, against the embedded demo server over real
//! HTTP. Time is a fake clock: idle and end-screen timeouts never wait.

// A test that cannot set up stops with the reason: `expect` is how it says so.
#![allow(clippy::expect_used)]

use std::time::Duration;

use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT as _, Queryable};
use serde_json::Value;
use survey_kiosk::config::Config;
use survey_kiosk::demo::{DEMO_SURVEY_ID, DemoServer, Fault, LANGUAGE_SURVEY_ID};
use survey_kiosk::kiosk::Screen;
use survey_kiosk::worker::Records;

mod common;
use common::Kit;

fn kit_with(config: Config) -> Kit {
    let survey_id = config.survey_id.unwrap_or(DEMO_SURVEY_ID);
    Kit::start(config, survey_id, Records::None, egui::vec2(1100.0, 900.0))
}

fn kit() -> Kit {
    kit_with(Config::default())
}

/// The showcase survey's pages, answered as a respondent would.
trait Respondent {
    fn start(&mut self);
    fn page_one(&mut self, choice: &str);
    fn page_two(&mut self);
    fn page_three(&mut self);
    fn page_four(&mut self);
}

impl Respondent for Kit {
    fn start(&mut self) {
        assert!(self.shows("Start the survey"));
        self.tap("Start the survey");
        assert!(matches!(self.screen(), Screen::Page(_)), "a page is shown");
    }

    fn page_one(&mut self, choice: &str) {
        assert!(self.page_has("Which best describes you"));
        self.tap(choice);
        self.tap("Next");
    }

    fn page_two(&mut self) {
        assert!(self.page_has("How likely are you to recommend"));
        self.tap("9");
        self.tap("Groceries");
        self.tap("Next");
    }

    fn page_three(&mut self) {
        assert!(self.page_has("How would you rate each of these"));
        for row in [
            "Staff friendliness",
            "Cleanliness",
            "Prices",
            "Product choice",
        ] {
            self.tap(&format!("{row}: Good"));
        }
        self.tap("Next");
    }

    fn page_four(&mut self) {
        assert!(self.page_has("Put these in order"));
        self.tap("Keep this order");
        self.type_into("Food", "60");
        self.type_into("Household", "40");
        self.tap("Next");
    }
}

fn accepted_bodies(server: &DemoServer) -> Vec<Value> {
    server.accepted().into_iter().map(|p| p.body).collect()
}

#[test]
fn the_thank_you_screen_can_show_the_redirect_link_as_a_qr_code() {
    let mut k = kit_with(Config {
        show_redirect_qr: true,
        ..Config::default()
    });
    k.start();
    k.page_one("I came to shop");
    k.page_two();
    k.page_three();
    k.page_four();
    k.tap("Next");
    k.tap("Submit");
    assert!(k.shows("Thank you!"));
    assert!(k.shows("QR code of the survey's link"));
    assert!(k.shows("Scan to continue on your phone"));
    // No link (a screen-out here), no code.
    let mut k = kit();
    k.start();
    k.page_one("I work for a competing retailer");
    assert!(!k.shows("QR code of the survey's link"));
}

#[test]
fn a_respondent_completes_the_demo_survey() {
    let mut k = kit();
    k.start();
    k.page_one("I came to shop");
    k.page_two();
    k.page_three();
    k.page_four();
    assert!(k.page_has("When did you last visit"));
    k.tap("Next");
    assert!(k.page_has("Anything else you"));
    assert!(k.shows("Submit"), "the final page says Submit");
    k.h.get_by_role(Role::MultilineTextInput).focus();
    k.h.step();
    k.h.get_by_role(Role::MultilineTextInput)
        .type_text("Lovely staff");
    k.h.run();
    k.tap("Submit");
    assert!(k.shows("Thank you!"));
    assert!(k.page_has("Your answers have been saved"));
    let bodies = accepted_bodies(&k.server);
    assert_eq!(bodies.len(), 6, "six pages accepted once each");
    assert_eq!(bodies[0]["u_5000000001"], "5000000101");
    assert_eq!(bodies[1]["m_10004"], serde_json::json!(["20201"]));
    assert_eq!(bodies[5]["t_60001"], "Lovely staff");
}

#[test]
fn a_validation_message_shows_and_then_passes() {
    let mut k = kit();
    k.start();
    k.tap("Next");
    assert!(k.shows("Please choose an answer."), "the message is shown");
    assert!(k.shows("Please check the highlighted questions."));
    assert!(k.page_has("Which best describes you"), "still on page one");
    assert!(k.server.accepted().is_empty(), "nothing was sent");
    k.tap("Just browsing");
    assert!(
        !k.shows("Please choose an answer."),
        "answering clears the message"
    );
    k.tap("Next");
    assert!(k.page_has("How likely are you to recommend"));
}

#[test]
fn back_shows_the_earlier_answers() {
    let mut k = kit();
    k.start();
    k.page_one("I came to pick up an order");
    k.page_two();
    assert!(k.page_has("How would you rate each of these"));
    k.tap("Back");
    assert!(k.page_has("How likely are you to recommend"));
    let Screen::Page(page) = k.screen() else {
        panic!("not a page")
    };
    let nps = format!("{:?}", page.answers[0]);
    let departments = format!("{:?}", page.answers[2]);
    assert!(nps.contains("20009"), "NPS 9 is pre-filled: {nps}");
    assert!(
        departments.contains("20201"),
        "Groceries is pre-filled: {departments}"
    );
    // The pre-filled page goes on as it is.
    k.tap("Next");
    assert!(k.page_has("How would you rate each of these"));
}

#[test]
fn the_configured_language_is_chosen_when_the_survey_asks_for_one() {
    let mut k = kit_with(Config {
        survey_id: Some(LANGUAGE_SURVEY_ID),
        language: Some("Français".into()),
        ..Config::default()
    });
    // The configured language is the attract screen's.
    assert!(
        k.shows("Commencer le questionnaire"),
        "the attract screen speaks French"
    );
    k.tap("Commencer le questionnaire");
    assert!(k.page_has("Choose your language"));
    let Screen::Page(page) = k.screen() else {
        panic!("not a page")
    };
    let language = format!("{:?}", page.answers[0]);
    assert!(language.contains("95102"), "Français is chosen: {language}");
    // The respondent only has to go on (or may pick another language); the
    // kiosk's own words follow the language chosen.
    k.tap("Suivant");
    assert!(k.page_has("Did you find what you came for?"));
    let bodies = accepted_bodies(&k.server);
    assert_eq!(bodies, vec![serde_json::json!({"u_95001": "95102"})]);
}

#[test]
fn choosing_arabic_mirrors_the_next_page_not_the_one_under_the_finger() {
    let mut k = kit_with(Config {
        survey_id: Some(LANGUAGE_SURVEY_ID),
        ..Config::default()
    });
    k.tap("Start the survey");
    let next = k.h.get_by_label("Next").rect();
    k.tap("العربية");
    // A second tap where Next was still finds Next: the page tapped on
    // keeps its words and its direction.
    assert!(k.shows("Next"), "the page tapped on keeps its words");
    assert_eq!(k.h.get_by_label("Next").rect(), next, "Next stays put");
    k.tap("Next");
    assert!(k.page_has("Did you find what you came for?"));
    // The page the server sent next speaks Arabic, right to left.
    let next = ["التالي", "إرسال"]
        .into_iter()
        .find_map(|label| k.h.query_by_label(label).map(|n| n.rect()))
        .expect("the next page's button in Arabic");
    assert!(next.center().x < 550.0, "mirrored: it stands on the left");
}

#[test]
fn the_end_screen_speaks_the_respondents_language_and_the_next_starts_in_the_kiosks() {
    let mut k = kit_with(Config {
        survey_id: Some(LANGUAGE_SURVEY_ID),
        ..Config::default()
    });
    k.tap("Start the survey");
    k.tap("العربية");
    k.tap("Next");
    k.tap("Yes");
    k.tap("التالي");
    k.tap("1–2 مرة");
    k.tap("إرسال");
    assert!(matches!(k.screen(), Screen::Ending(_)), "the survey ended");
    assert!(k.shows("شكرًا لك!"), "thanks in Arabic");
    assert!(!k.shows("Thank you!"));
    k.pass(Duration::from_secs(120));
    assert!(k.shows("Start the survey"), "the next respondent: English");
}

#[test]
fn a_configured_language_tag_chooses_the_answer_that_names_it() {
    let mut k = kit_with(Config {
        survey_id: Some(LANGUAGE_SURVEY_ID),
        language: Some("ar".into()),
        ..Config::default()
    });
    // A button's text is in display order.
    k.tap(&survey_kiosk::ui::bidi::line_text("بدء الاستبيان"));
    let Screen::Page(page) = k.screen() else {
        panic!("not a page")
    };
    let language = format!("{:?}", page.answers[0]);
    assert!(language.contains("95107"), "العربية is chosen: {language}");
    k.tap("التالي");
    assert!(k.page_has("Did you find what you came for?"));
    let bodies = accepted_bodies(&k.server);
    assert_eq!(bodies, vec![serde_json::json!({"u_95001": "95107"})]);
}

#[test]
fn the_last_page_shows_the_progress_the_server_sent() {
    let mut k = kit_with(Config {
        survey_id: Some(LANGUAGE_SURVEY_ID),
        ..Config::default()
    });
    k.tap("Start the survey");
    k.tap("English");
    k.tap("Next");
    k.tap("Yes");
    k.tap("Next");
    let Screen::Page(page) = k.screen() else {
        panic!("not a page")
    };
    assert!(page.is_final_page);
    assert_eq!(page.progress_percent, Some(100), "the server says 100");
    let shown: Vec<String> =
        k.h.query_all_by_label_contains("% done")
            .filter_map(|n| n.accesskit_node().label())
            .collect();
    assert!(!shown.is_empty(), "the progress figure");
    assert!(
        shown.iter().all(|s| s.contains("100")),
        "shown as sent: {shown:?}"
    );
}

#[test]
fn the_screen_out_branch_ends_politely_and_counts_down() {
    let mut k = kit_with(Config {
        end_screen_secs: 8,
        ..Config::default()
    });
    k.start();
    k.page_one("I work for a competing retailer");
    assert!(k.shows("Thank you for your interest"));
    assert!(k.shows("Back to the start in 8 seconds"));
    k.pass(Duration::from_secs(3));
    assert!(
        k.shows("Back to the start in 5 seconds"),
        "the countdown moves"
    );
    k.pass(Duration::from_secs(5));
    assert!(k.shows("Start the survey"), "back to the attract screen");
}

#[test]
fn a_tap_on_the_end_screen_returns_at_once() {
    let mut k = kit();
    k.start();
    k.page_one("I work for a competing retailer");
    k.tap("Done");
    assert!(k.shows("Start the survey"));
}

#[test]
fn walking_away_warns_then_resets() {
    let mut k = kit_with(Config {
        idle_after_secs: 60,
        idle_countdown_secs: 15,
        ..Config::default()
    });
    k.start();
    k.tap("Just browsing");
    k.pass(Duration::from_secs(59));
    assert!(!k.shows("Are you still there?"), "not yet");
    k.pass(Duration::from_secs(2));
    assert!(k.shows("Are you still there?"));
    // Any input dismisses it, and the answer is still there.
    k.tap("I'm still here");
    assert!(!k.shows("Are you still there?"));
    assert!(k.page_has("Which best describes you"));
    k.pass(Duration::from_secs(61));
    assert!(k.shows("Are you still there?"));
    k.pass(Duration::from_secs(16));
    assert!(k.shows("Start the survey"), "the session was discarded");
    assert!(k.server.accepted().is_empty(), "nothing was submitted");
}

#[test]
fn the_second_respondent_starts_empty() {
    let mut k = kit();
    k.start();
    k.page_one("I came to shop");
    k.tap("9");
    k.tap("Other, please specify");
    k.type_into("Please specify: Other, please specify", "my secret");
    // Walk away mid-page.
    k.pass(Duration::from_secs(61));
    k.pass(Duration::from_secs(16));
    assert!(k.shows("Start the survey"));
    let first = k.h.state().kiosk().respondent();
    k.start();
    assert_ne!(k.h.state().kiosk().respondent(), first, "a new session");
    assert!(
        k.page_has("Which best describes you"),
        "the survey starts at its first page"
    );
    let Screen::Page(page) = k.screen() else {
        panic!("not a page")
    };
    assert!(page.answers.iter().all(|a| a.is_empty()), "nothing chosen");
    assert!(
        k.h.query_all_by_value("my secret").next().is_none(),
        "no text survives"
    );
    k.page_one("I came to shop");
    let Screen::Page(page) = k.screen() else {
        panic!("not a page")
    };
    assert!(
        page.answers.iter().all(|a| a.is_empty()),
        "page two is empty"
    );
    assert!(k.h.query_all_by_value("my secret").next().is_none());
    assert!(
        k.h.query_by_label("Please specify: Other, please specify")
            .is_none()
    );
}

#[test]
fn a_slow_server_leaves_the_app_painting() {
    let mut k = kit();
    k.start();
    k.tap("I came to shop");
    k.server.inject(Fault::Delay(Duration::from_secs(2)), 1);
    k.h.get_by_label("Next").click();
    k.h.step();
    // Frames keep coming while the request is in flight: each step returns
    // at once and the spinner keeps asking for the next frame.
    let started = std::time::Instant::now();
    let mut frames = 0;
    while k.waiting() && started.elapsed() < Duration::from_secs(10) {
        k.h.step();
        frames += 1;
        if frames == 3 {
            assert!(k.shows("Saving your answers…"));
            assert!(
                k.h.get_by_label("Next").accesskit_node().is_disabled(),
                "Next is disabled while saving"
            );
        }
        let ctx = k.h.ctx.clone();
        k.h.state_mut()
            .wait_for_reply(&ctx, Duration::from_millis(20));
    }
    assert!(frames > 20, "only {frames} frames in a 2 s delay");
    k.h.run();
    assert!(k.page_has("How likely are you to recommend"));
}

/// The label and place of the focused widget, if any.
fn focused(k: &Kit) -> Option<(String, egui::Rect)> {
    k.h.query_by(|node| node.is_focused()).map(|node| {
        (
            node.accesskit_node().label().unwrap_or_default(),
            node.rect(),
        )
    })
}

#[test]
fn tab_follows_reading_order_questions_then_back_and_next() {
    let mut k = kit();
    k.start();
    k.page_one("I came to shop");
    // Page two: a scale, a single choice with "other", check boxes: taller
    // than the 900-point window.
    assert!(k.page_has("How likely are you to recommend"));
    let mut order: Vec<String> = Vec::new();
    for _ in 0..40 {
        k.h.key_press(egui::Key::Tab);
        k.h.run();
        let Some((label, rect)) = focused(&k) else {
            continue;
        };
        if order.contains(&label) {
            break;
        }
        // The focused control is scrolled into view.
        assert!(
            rect.top() >= 0.0 && rect.bottom() <= 900.0,
            "{label} is focused but out of view at {rect:?}"
        );
        order.push(label);
    }
    let at = |label: &str| {
        order
            .iter()
            .position(|l| l == label)
            .unwrap_or_else(|| panic!("{label} never had the focus: {order:?}"))
    };
    let back = at("Back");
    let next = at("Next");
    assert!(back < next, "Back, then Next: {order:?}");
    for answer in ["An advertisement", "Groceries", "None of these"] {
        assert!(
            at(answer) < back,
            "{answer} before Back and Next: {order:?}"
        );
    }
}

#[test]
fn a_drop_down_deep_in_a_page_opens_tall_and_in_view() {
    let mut k = kit();
    k.start();
    k.page_one("I came to shop");
    k.page_two();
    k.page_three();
    k.page_four();
    assert!(k.page_has("Which region do you live in"));
    // The region list is the page's last drop-down.
    k.h.query_all_by_role(Role::ComboBox)
        .last()
        .expect("the region drop-down")
        .scroll_to_me();
    k.h.run();
    let button =
        k.h.query_all_by_role(Role::ComboBox)
            .last()
            .expect("the region drop-down");
    button.click();
    k.h.run();
    // Regions fully on screen (the window is 900 points high; the top bar
    // ends at about 145).
    let regions = [
        "Northland",
        "Auckland",
        "Waikato",
        "Bay of Plenty",
        "Gisborne",
        "Hawke\u{2019}s Bay",
        "Taranaki",
        "Manawatū-Whanganui",
        "Wellington",
    ];
    let visible = regions
        .iter()
        .filter(|name| {
            k.h.query_by_label(name).is_some_and(|node| {
                let rect = node.rect();
                rect.top() >= 140.0 && rect.bottom() <= 900.0
            })
        })
        .count();
    assert!(
        visible >= 6,
        "the open list shows many answers at once, not one: {visible}"
    );
}
