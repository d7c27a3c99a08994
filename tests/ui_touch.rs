//! A touch-only kiosk: the showcase survey's text, e-mail, number and phone
//! fields answered with the on-screen keyboard alone (taps, never a typed
//! key), through the real app against the embedded demo server.

// A test that cannot set up stops with the reason: `expect` is how it says so.
#![allow(clippy::expect_used)]

mod common;

use common::Kit;
use egui_kittest::kittest::Queryable;
use survey_kiosk::config::{Config, KeyboardMode};
use survey_kiosk::demo::DEMO_SURVEY_ID;
use survey_kiosk::kiosk::Screen;
use survey_kiosk::worker::Records;

fn kit(config: Config) -> Kit {
    let survey_id = config.survey_id.unwrap_or(DEMO_SURVEY_ID);
    Kit::start(config, survey_id, Records::None, egui::vec2(1000.0, 1000.0))
}

/// The app on `survey_id` with the default settings, in a window
/// `width` x `height`.
fn on_screen(survey_id: u64, width: f32, height: f32) -> Kit {
    Kit::start(
        Config::default(),
        survey_id,
        Records::None,
        egui::vec2(width, height),
    )
}

/// What a finger does with the on-screen keyboard.
trait Touch {
    /// Taps the keys of `keys` one by one: a character is the key of that
    /// name; `{Name}` is a named key (`{Shift}`, `{Delete}`, `{.com}`).
    fn keys(&mut self, keys: &str);
    fn keyboard_open(&self) -> bool;
}

/// Pages one to three answered by taps: the page with rank and constant sum.
fn to_rank_and_sum_page(k: &mut Kit) {
    k.tap("Start the survey");
    k.tap("I came to shop");
    k.tap("Next");
    k.tap("9");
    k.tap("Groceries");
    k.tap("Next");
    for row in [
        "Staff friendliness",
        "Cleanliness",
        "Prices",
        "Product choice",
    ] {
        k.tap(&format!("{row}: Good"));
    }
    k.tap("Next");
}

/// On through rank and constant sum (by taps and keys): the dates page.
fn to_dates_page(k: &mut Kit) {
    to_rank_and_sum_page(k);
    k.tap("Keep this order");
    k.tap("Food");
    k.keys("60");
    k.tap("Household");
    k.keys("40");
    k.keys("{Hide keyboard}");
    k.tap("Next");
}

/// On through the dates page: the page with the text, e-mail, phone and
/// number fields.
fn to_contact_page(k: &mut Kit) {
    to_dates_page(k);
    k.tap("Next");
}

impl Touch for Kit {
    fn keys(&mut self, keys: &str) {
        let mut chars = keys.chars();
        while let Some(c) = chars.next() {
            let name = if c == '{' {
                chars.by_ref().take_while(|c| *c != '}').collect()
            } else {
                c.to_string()
            };
            let key = self
                .h
                .query_by_label(&name)
                .unwrap_or_else(|| panic!("no key {name:?} on the keyboard"));
            key.click();
            self.h.step();
        }
        self.h.run();
    }

    fn keyboard_open(&self) -> bool {
        self.h.query_by_label("Hide keyboard").is_some()
    }
}

#[test]
fn a_respondent_fills_every_text_field_by_taps_alone() {
    let mut k = kit(Config::default());
    to_rank_and_sum_page(&mut k);
    k.tap("Keep this order");
    // Constant sum: the number pad.
    assert!(!k.keyboard_open(), "no keyboard before a field is tapped");
    k.tap("Food");
    assert!(k.keyboard_open(), "a tap on the field opens the keyboard");
    assert!(
        !k.shows("Decimal point") && !k.shows("Minus"),
        "whole points get a digit pad: no decimal point, no minus"
    );
    k.keys("60");
    k.tap("Household");
    k.keys("40");
    k.keys("{Hide keyboard}");
    assert!(!k.keyboard_open(), "Done hides it");
    k.tap("Next");
    k.tap("Next");
    // The last page: a comment, a contact form, a number.
    k.tap("Comments");
    assert!(k.shows("New line"), "a multi-line field has a Return key");
    k.keys("{Shift}great{Space}{Delete}{Delete}{Delete}{Delete}{Delete}{Delete}{Shift}lovely{New line}staff");
    k.tap("Name");
    k.keys("{Shift}ann");
    k.tap("Email");
    assert!(k.shows(".com"), "an e-mail field has .com");
    assert!(!k.shows("Space"), "and no space bar");
    k.keys("ann@example{.com}");
    k.tap("Phone");
    assert!(k.shows("Plus"), "a phone field gets the dial pad");
    k.keys("{Plus}1{Space}555{Dash}0100");
    k.tap("People");
    k.keys("3");
    // A tap outside the field and the keyboard closes it.
    k.tap("Submit");
    assert!(k.shows("Thank you!"), "the survey was submitted");
    let last = k
        .server
        .accepted()
        .last()
        .map(|p| p.body.clone())
        .expect("pages were accepted");
    assert_eq!(last["t_60001"], "Lovely\nstaff");
    assert_eq!(last["t_60101"], "Ann");
    assert_eq!(last["t_60102"], "ann@example.com");
    assert_eq!(last["t_60103"], "+1 555-0100");
    assert_eq!(last["t_60201"], "3");
    let sums = &k.server.accepted()[3].body;
    assert_eq!(sums["s_40101"], "60", "{sums}");
    assert_eq!(sums["s_40103"], "40", "{sums}");
}

#[test]
fn a_physical_key_hides_the_keyboard_until_the_next_respondent() {
    let mut k = kit(Config::default());
    to_rank_and_sum_page(&mut k);
    k.tap("Food");
    assert!(k.keyboard_open());
    k.h.get_by_label("Food").type_text("5");
    k.h.run();
    assert!(
        !k.keyboard_open(),
        "someone has a keyboard: auto steps aside"
    );
    k.tap("Household");
    assert!(!k.keyboard_open(), "and stays aside for this respondent");
    let physical = Config {
        keyboard: KeyboardMode::Physical,
        ..Config::default()
    };
    let mut k = kit(physical);
    k.tap("Start the survey");
    k.tap("I came to shop");
    k.tap("Next");
    k.tap("9");
    k.tap("Groceries");
    k.tap("Next");
    for row in [
        "Staff friendliness",
        "Cleanliness",
        "Prices",
        "Product choice",
    ] {
        k.tap(&format!("{row}: Good"));
    }
    k.tap("Next");
    k.tap("Food");
    assert!(!k.keyboard_open(), "keyboard = \"physical\" never shows it");
}

#[test]
fn rank_by_taps_and_points_by_steppers() {
    let mut k = kit(Config::default());
    to_rank_and_sum_page(&mut k);
    // Tap in order of preference; start again; tap again.
    for item in ["Service", "Price"] {
        k.tap(item);
    }
    assert!(k.shows("Start again"));
    k.tap("Start again");
    for item in ["Quality", "Location", "Service", "Price"] {
        k.tap(item);
    }
    assert!(k.shows("Move up: Quality"), "the arrows are there too");
    // 60 and 40 of 100 with + alone (5 a tap), one − to correct.
    for _ in 0..13 {
        k.tap("More: Food");
    }
    k.tap("Less: Food");
    for _ in 0..8 {
        k.tap("More: Household");
    }
    assert!(!k.keyboard_open(), "steppers need no keyboard");
    k.tap("Next");
    let page = &k.server.accepted()[3].body;
    assert_eq!(page["r_40002"], "1", "{page}");
    assert_eq!(page["r_40004"], "2", "{page}");
    assert_eq!(page["r_40003"], "3", "{page}");
    assert_eq!(page["r_40001"], "4", "{page}");
    assert_eq!(page["s_40101"], "60", "{page}");
    assert_eq!(page["s_40103"], "40", "{page}");
}

#[test]
fn a_tap_on_a_sum_field_selects_its_number_so_typing_replaces_it() {
    let mut k = kit(Config::default());
    to_rank_and_sum_page(&mut k);
    k.tap("Keep this order");
    // 10 with the steppers, then the field tapped and 50 typed: 50.
    k.tap("More: Food");
    k.tap("More: Food");
    k.tap("Food");
    assert!(k.keyboard_open());
    k.keys("50");
    k.tap("Household");
    k.keys("50");
    k.keys("{Hide keyboard}");
    k.tap("Next");
    let page = &k.server.accepted()[3].body;
    assert_eq!(page["s_40101"], "50", "{page}");
    assert_eq!(page["s_40103"], "50", "{page}");
}

#[test]
fn none_of_these_says_which_ticks_it_cleared() {
    let mut k = kit(Config::default());
    k.tap("Start the survey");
    k.tap("I came to shop");
    k.tap("Next");
    for department in ["Groceries", "Clothing", "Electronics"] {
        k.tap(department);
    }
    k.tap("None of these");
    assert!(
        k.page_has("“None of these” cleared your 3 other answers."),
        "the ticks it took away are said, not silent"
    );
    // The next tap is an answer again: the note goes, the hint comes back.
    k.tap("Groceries");
    assert!(
        !k.page_has("cleared your"),
        "the note goes with the next tap"
    );
}

#[test]
fn a_validation_message_does_not_move_the_answers_under_the_finger() {
    let mut k = kit(Config::default());
    k.tap("Start the survey");
    let gap = |k: &Kit| {
        let title =
            k.h.get_by_label_contains("Which best describes you")
                .rect()
                .top();
        k.h.get_by_label("Just browsing").rect().top() - title
    };
    let before = gap(&k);
    k.tap("Next");
    assert!(k.shows("Please choose an answer."), "the message shows");
    assert!(
        (gap(&k) - before).abs() < 0.5,
        "the answers stay where they were: {before} then {}",
        gap(&k)
    );
    k.tap("Just browsing");
    assert!(!k.shows("Please choose an answer."), "and goes");
    assert!((gap(&k) - before).abs() < 0.5, "and still nothing moves");
}

#[test]
fn a_tap_in_a_new_pages_first_moment_presses_nothing() {
    let mut k = kit(Config {
        tap_guard_ms: 5_000,
        ..Config::default()
    });
    k.tap("Start the survey");
    // The second tap of a double tap lands on the new page at once.
    k.tap("Just browsing");
    let chosen = |k: &Kit| match k.h.state().kiosk().screen() {
        Screen::Page(page) => !page.answers[1].is_empty(),
        _ => false,
    };
    assert!(!chosen(&k), "ignored in the page's first moment");
    k.h.run_steps(24); // six seconds of the harness's time
    k.tap("Just browsing");
    assert!(chosen(&k), "a deliberate tap later counts");
}

/// A kiosk with an operator PIN and a journal.
fn operator_kit(pin: &str) -> Kit {
    operator_kit_sized(pin, egui::vec2(1000.0, 1400.0))
}

fn operator_kit_sized(pin: &str, size: egui::Vec2) -> Kit {
    let dir = common::temp("touch");
    let config = Config {
        source: Some(dir.join("config.toml")),
        operator_pin_hash: Some(survey_kiosk::operator::hash_pin(pin).expect("a hash")),
        ..Config::default()
    };
    let journal = survey_kiosk::journal::Journal::open(&dir.join("journal.sqlite3"), false)
        .expect("a journal");
    let records = Records::Journal {
        journal,
        rehearsal: false,
    };
    Kit::start(config, DEMO_SURVEY_ID, records, size)
}

/// Five taps in the top-left corner: the operator's gesture.
fn operator_gesture(k: &mut Kit) {
    for _ in 0..5 {
        for pressed in [true, false] {
            k.h.event(egui::Event::PointerButton {
                pos: egui::pos2(20.0, 20.0),
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: egui::Modifiers::default(),
            });
        }
        k.h.step();
    }
    k.h.run();
}

#[test]
fn the_operator_side_works_by_touch() {
    let mut k = operator_kit("2468");
    // Five taps in the corner, then the keypad.
    operator_gesture(&mut k);
    assert!(k.shows("Unlock"));
    let before = k.h.get_by_label("1").rect().left();
    k.keys("2468");
    assert_eq!(
        k.h.get_by_label("Clear").rect().left(),
        before,
        "the keypad's rows line up"
    );
    k.h.get_by_label("Unlock").click();
    k.settle();
    assert!(k.shows("Today"), "the admin screen");
    // Quit asks first.
    k.tap("Quit the kiosk");
    assert!(k.shows("Yes, quit"), "a confirmation");
    k.tap("No, keep it running");
    assert!(k.shows("Today"), "still the admin screen");
    // Settings, then Cancel: back to the admin screen, not the kiosk.
    k.tap("Edit settings");
    assert!(k.shows("Europe (eu)"), "the datacenter is a choice");
    k.tap("Survey id");
    assert!(k.shows("Hide keyboard"), "the survey id gets a digit pad");
    assert!(!k.shows("Space"), "digits only");
    k.keys("{Hide keyboard}");
    k.tap("Cancel");
    k.settle();
    assert!(k.shows("Today"), "Cancel returns to the admin screen");
    assert!(k.h.state().operator_open());
}

#[test]
fn the_operators_keypad_stands_in_the_middle_of_a_short_screen() {
    // 1024x600: the prompt scrolls. Its scroll area shrank to the keypad
    // and stood at the left of the window, the scroll bar beside the keys.
    let mut k = operator_kit_sized("2468", egui::vec2(1024.0, 600.0));
    operator_gesture(&mut k);
    assert!(k.shows("Unlock"));
    let left = k.h.get_by_label("1").rect().left();
    let right = k.h.get_by_label("Unlock").rect().right();
    let middle = (left + right) / 2.0;
    assert!(
        (middle - 512.0).abs() < 20.0,
        "the keypad spans {left}..{right}, not around the middle of 1024"
    );
}

#[test]
fn an_arabic_reader_gets_arabic_words_and_a_mirrored_page() {
    let mut k = kit(Config {
        survey_id: Some(survey_kiosk::demo::LANGUAGE_SURVEY_ID),
        ..Config::default()
    });
    k.tap("Start the survey");
    k.tap("العربية");
    // The kiosk's own words follow the language chosen from the next page
    // on (the page under the finger does not mirror).
    assert!(k.shows("Next"), "the language page keeps its words");
    k.tap("Next");
    assert!(k.shows("التالي"), "Next is in Arabic");
    k.tap("Yes");
    k.tap("التالي");
    assert!(
        k.h.query_by_label_contains("كم مرة زرت متجر Coca-Cola")
            .is_some(),
        "the Arabic page with Latin names"
    );
    // Mirrored: Next on the left of Back; the answers' text on the right.
    // The last page: Submit ("إرسال") stands where Next would.
    let next = k.h.get_by_label("إرسال").rect();
    let back = k.h.get_by_label("السابق").rect();
    assert!(
        next.center().x < back.center().x,
        "Next on the left, Back on the right"
    );
    k.tap("سعر مناسب 👍");
    assert!(matches!(k.h.state().kiosk().screen(), Screen::Page(_)));
    // Free text in Arabic, by taps: the keyboard has Arabic letters (no
    // Shift: no capitals), and a key to Latin letters and back.
    k.h.get_by_role(egui::accesskit::Role::TextInput)
        .scroll_to_me();
    k.h.run();
    k.h.get_by_role(egui::accesskit::Role::TextInput).click();
    k.h.run();
    assert!(
        k.shows("\u{0636}"),
        "the keyboard opens with Arabic letters"
    );
    assert!(!k.shows("q") && k.h.query_by_label("Shift").is_none());
    k.keys("\u{0645}\u{0631}\u{062D}\u{0628}\u{0627}");
    // The "ABC" key, by its accessible name; the keys change on the next frame.
    k.keys("{حروف لاتينية}");
    k.keys("ok");
    assert!(k.shows("q"), "Latin letters after ABC");
    let typed = match k.h.state().kiosk().screen() {
        Screen::Page(page) => page.answers.last().cloned(),
        _ => None,
    };
    assert_eq!(
        typed,
        Some(survey_kiosk::survey::Answer::Text {
            values: vec!["\u{0645}\u{0631}\u{062D}\u{0628}\u{0627}ok".to_owned()]
        })
    );
}

#[test]
fn the_kiosks_arabic_messages_stand_on_the_right() {
    let mut k = kit(Config {
        survey_id: Some(survey_kiosk::demo::LANGUAGE_SURVEY_ID),
        ..Config::default()
    });
    k.tap("Start the survey");
    k.tap("العربية");
    k.tap("Next");
    // Next with nothing chosen: the message in Arabic, on the right of the
    // 1000-point window, as an Arabic reader starts reading there.
    k.tap("التالي");
    let message = k.h.get_by_label("يُرجى اختيار إجابة.").rect();
    assert!(message.left() > 500.0, "on the right: {message:?}");
}

/// The top of the on-screen keyboard: its highest key.
fn keyboard_top(k: &Kit) -> f32 {
    let keys = [
        "q",
        "w",
        "1",
        "2",
        "3",
        "Shift",
        "Hide keyboard",
        "New line",
        "Plus",
    ];
    keys.iter()
        .flat_map(|key| {
            k.h.query_all_by_label(key)
                .map(|n| n.rect().top())
                .collect::<Vec<_>>()
        })
        .fold(f32::INFINITY, f32::min)
}

#[test]
fn on_a_short_screen_the_focused_field_stays_in_view_above_the_keyboard() {
    let mut k = on_screen(DEMO_SURVEY_ID, 1024.0, 600.0);
    to_contact_page(&mut k);
    for field in ["Comments", "Name", "Email", "Phone", "People"] {
        k.tap(field);
        assert!(k.keyboard_open(), "{field}: the keyboard is up");
        let rect = k.h.get_by_label(field).rect();
        let keyboard = keyboard_top(&k);
        // The header: the progress figure is its lowest part.
        let header =
            k.h.query_all_by_label_contains("% done")
                .map(|n| n.rect().bottom())
                .fold(0.0f32, f32::max);
        let nav = k.h.get_by_label("Submit").rect();
        assert!(nav.bottom() <= keyboard, "Submit above the keyboard");
        // A compact header and bar leave the questions room.
        assert!(
            nav.top() - header >= 180.0,
            "room for the questions: {header} to {}",
            nav.top()
        );
        // The field between the header and the navigation bar.
        assert!(
            rect.top() >= header && rect.bottom() <= nav.top(),
            "{field} ({rect:?}) in view between {header} and {}",
            nav.top()
        );
    }
}

#[test]
fn on_a_short_screen_a_field_focused_out_of_view_comes_into_view_above_the_keyboard() {
    let mut k = on_screen(DEMO_SURVEY_ID, 1024.0, 600.0);
    to_rank_and_sum_page(&mut k);
    assert!(
        k.h.get_by_label("Food").rect().top() > 600.0,
        "below the window at first"
    );
    // Focused without a tap (a screen reader, a script): nothing scrolled
    // it into view before the keyboard took the lower half.
    k.h.get_by_label("Food").focus();
    k.h.run();
    assert!(k.keyboard_open());
    let food = k.h.get_by_label("Food").rect();
    let header =
        k.h.query_all_by_label_contains("% done")
            .map(|n| n.rect().bottom())
            .fold(0.0f32, f32::max);
    let nav = k.h.get_by_label("Next").rect();
    assert!(
        food.top() >= header && food.bottom() <= nav.top(),
        "Food ({food:?}) in view between {header} and {}",
        nav.top()
    );
    assert!(nav.bottom() <= keyboard_top(&k));
}

#[test]
fn on_a_short_screen_a_field_the_keys_will_cover_comes_into_view_above_them() {
    // The Arabic page's last question, a text field low on the screen but
    // in view before the tap: the keyboard's panel is not its full height
    // on its first frame, where the field still looked in view; on the
    // next the keys covered it, and nothing scrolled it up.
    let mut k = on_screen(survey_kiosk::demo::LANGUAGE_SURVEY_ID, 1024.0, 600.0);
    k.tap("Start the survey");
    k.tap("العربية");
    k.tap("Next");
    k.tap("Yes");
    k.tap("التالي");
    let field = || egui::accesskit::Role::TextInput;
    k.h.get_by_role(field()).scroll_to_me();
    k.h.run();
    let before = k.h.get_by_role(field()).rect();
    assert!(
        before.top() > 330.0 && before.bottom() < 540.0,
        "low on the page, in view: {before:?}"
    );
    k.h.get_by_role(field()).click();
    k.settle();
    // The top row of the Arabic letters (ض is its first key).
    let keys = k.h.get_by_label("\u{0636}").rect().top();
    let nav = k.h.get_by_label("إرسال").rect();
    let header =
        k.h.query_all_by_label_contains("اكتمل")
            .map(|n| n.rect().bottom())
            .fold(0.0f32, f32::max);
    let after = k.h.get_by_role(field()).rect();
    assert!(nav.bottom() <= keys, "Submit above the keyboard");
    assert!(
        after.top() >= header && after.bottom() <= nav.top(),
        "the field ({after:?}) in view between {header} and {}",
        nav.top()
    );
}

#[test]
fn on_a_portrait_screen_the_attract_screen_stands_in_the_middle() {
    let k = on_screen(DEMO_SURVEY_ID, 1080.0, 1920.0);
    let top =
        k.h.get_by_label_contains("We'd love your feedback")
            .rect()
            .top();
    let bottom = k.h.get_by_label("Start the survey").rect().bottom();
    let middle = (top + bottom) / 2.0;
    assert!(
        (860.0..1060.0).contains(&middle),
        "the title and Start span {top}..{bottom}: not around the middle of 1920"
    );
    // A landscape screen keeps its layout: the title above the middle.
    let k = on_screen(DEMO_SURVEY_ID, 1280.0, 800.0);
    let top =
        k.h.get_by_label_contains("We'd love your feedback")
            .rect()
            .top();
    assert!(top < 360.0, "landscape title at {top}");
}

#[test]
fn on_a_narrow_portrait_screen_text_and_answers_keep_off_the_edges() {
    // 800 points wide: narrower than a column of questions. They ran to
    // 8 points from the glass, the header above them 24.
    let mut k = on_screen(DEMO_SURVEY_ID, 800.0, 1280.0);
    let welcome =
        k.h.get_by_label_contains("It takes about two minutes")
            .rect();
    assert!(
        welcome.left() >= 24.0 && welcome.right() <= 776.0,
        "the welcome {welcome:?}"
    );
    k.tap("Start the survey");
    for label in ["I came to shop", "Just browsing"] {
        let answer = k.h.get_by_label(label).rect();
        assert!(
            answer.left() >= 24.0 && answer.right() <= 776.0,
            "{label}: {answer:?} within 24 of each edge"
        );
    }
    let question = k.h.get_by_label_contains("Which best describes you").rect();
    assert!(question.left() >= 24.0, "the question {question:?}");
}

#[test]
fn a_field_stays_under_the_finger_when_the_keyboard_makes_the_page_scroll() {
    // Portrait: the rank and sum page fits the window until the keyboard
    // takes the lower half; then the page scrolls and its scroll bar shows.
    // The column moved left by the bar's width, the field with it.
    let mut k = on_screen(DEMO_SURVEY_ID, 800.0, 1280.0);
    to_rank_and_sum_page(&mut k);
    k.tap("Keep this order");
    let before = k.h.get_by_label("Food").rect();
    assert!(!k.keyboard_open());
    k.tap("Food");
    assert!(k.keyboard_open(), "the keyboard is up");
    let after = k.h.get_by_label("Food").rect();
    assert!(
        (after.left() - before.left()).abs() < 0.5 && (after.right() - before.right()).abs() < 0.5,
        "the field moved sideways: {before:?} then {after:?}"
    );
}

#[test]
fn on_a_narrow_portrait_screen_a_date_and_time_row_wraps_whole_pickers() {
    // 800 points wide: day, month, year, hour, minute, AM/PM and Clear do
    // not fit on one line. Clear took what was left of it: "Clea r" on two
    // lines, past the column's edge, and everything below grew as wide.
    let mut k = on_screen(DEMO_SURVEY_ID, 800.0, 1280.0);
    to_dates_page(&mut k);
    assert!(k.page_has("When did you arrive today?"), "the dates page");
    let clears: Vec<egui::Rect> = k.h.query_all_by_label("Clear").map(|n| n.rect()).collect();
    assert!(clears.len() >= 2, "a Clear for each date: {clears:?}");
    // The column's right edge: 800 less the panel's margin, the scroll
    // bar's room and the side margin.
    let edge = 760.0;
    let hour = k.h.get_by_label("Hour").rect();
    for clear in &clears {
        assert!(clear.right() <= edge, "Clear within the column: {clear:?}");
        assert!(
            clear.height() <= hour.height() + 1.0,
            "Clear's word on one line, as tall as the pickers: {clear:?} against {hour:?}"
        );
    }
    assert!(hour.right() <= edge, "Hour within the column: {hour:?}");
    // The region's drop-down: the lowest of the page's drop-downs.
    let region =
        k.h.query_all_by_role(egui::accesskit::Role::ComboBox)
            .map(|n| n.rect())
            .max_by(|a, b| a.top().total_cmp(&b.top()))
            .expect("drop-downs on the page");
    assert!(
        region.right() <= edge,
        "what follows keeps the column: {region:?}"
    );
}

#[test]
fn on_a_portrait_screen_the_end_screen_stands_where_the_attract_screen_did() {
    let mut k = on_screen(DEMO_SURVEY_ID, 1080.0, 1920.0);
    k.tap("Start the survey");
    k.tap("I work for a competing retailer");
    k.tap("Next");
    assert!(k.shows("Thank you for your interest"), "screened out");
    let top = k.h.get_by_label("Thank you for your interest").rect().top();
    let bottom = k.h.get_by_label("Done").rect().bottom();
    let middle = (top + bottom) / 2.0;
    assert!(
        (860.0..1060.0).contains(&middle),
        "the end screen spans {top}..{bottom}: not around the middle of 1920"
    );
}

#[test]
fn a_field_focused_while_the_window_lacks_the_systems_focus_still_comes_into_view() {
    // A kiosk window without a window manager (or under a notification)
    // may not have the system's focus: the on-screen keyboard types into
    // the focused field all the same, so the field must be in view.
    let mut k = on_screen(DEMO_SURVEY_ID, 1100.0, 800.0);
    to_contact_page(&mut k);
    assert!(
        k.h.get_by_label("Phone").rect().top() > 800.0,
        "below at first"
    );
    k.h.input_mut().focused = false;
    k.h.get_by_label("Phone").focus();
    k.h.run();
    assert!(k.keyboard_open());
    let phone = k.h.get_by_label("Phone").rect();
    assert!(
        phone.top() >= 0.0 && phone.bottom() <= keyboard_top(&k),
        "Phone ({phone:?}) in view above the keyboard"
    );
}
