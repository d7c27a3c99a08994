//! Swipe to scroll with a finger, as egui-winit reports a touch screen (a
//! touch event with the pointer events it emulates): the page moves by the
//! finger's travel wherever the swipe starts (an answer, a text field, a
//! matrix), in slow frames too, and a tap after a swipe lands where it was
//! aimed. The whole app against the embedded demo server.

// A test that cannot set up stops with the reason: `expect` is how it says so.
#![allow(clippy::expect_used)]

mod common;

use common::Kit;
use egui::{Event, Pos2, TouchDeviceId, TouchId, TouchPhase, pos2, vec2};
use egui_kittest::kittest::{NodeT as _, Queryable};
use survey_kiosk::config::Config;
use survey_kiosk::demo::{DEMO_SURVEY_ID, LONG_SURVEY_ID};
use survey_kiosk::kiosk::Screen;
use survey_kiosk::survey::Answer;
use survey_kiosk::worker::Records;

/// The long survey's one page: 120 questions (single, multiple, text,
/// matrix, in turn), each "Question n: how do you feel about item n?".
fn long_page() -> Kit {
    let mut k = Kit::start(
        Config::default(),
        LONG_SURVEY_ID,
        Records::None,
        vec2(1280.0, 800.0),
    );
    k.tap("Start the survey");
    assert!(matches!(k.screen(), Screen::Page(_)), "the page is up");
    k
}

fn question(n: usize) -> String {
    format!("Question {n}: how do you feel about item {n}?")
}

/// Where the text containing `label` is on screen (the first if several).
fn top_of(k: &Kit, label: &str) -> f32 {
    k.h.query_all_by_label_contains(label)
        .next()
        .unwrap_or_else(|| panic!("{label:?} is on the page"))
        .rect()
        .top()
}

/// The centre of the first node labelled `label` below the `y`.
fn first_below(k: &Kit, label: &str, y: f32) -> Pos2 {
    k.h.query_all_by_label(label)
        .map(|n| n.rect())
        .filter(|r| r.top() > y)
        .min_by(|a, b| a.top().total_cmp(&b.top()))
        .unwrap_or_else(|| panic!("a {label:?} below {y}"))
        .center()
}

/// The first node whose label starts with `prefix`, below `y`.
fn first_starting_below(k: &Kit, prefix: &str, y: f32) -> Pos2 {
    k.h.query_all_by_label_contains(prefix)
        .filter(|n| {
            n.accesskit_node()
                .label()
                .is_some_and(|l| l.starts_with(prefix))
        })
        .map(|n| n.rect())
        .filter(|r| r.top() > y)
        .min_by(|a, b| a.top().total_cmp(&b.top()))
        .unwrap_or_else(|| panic!("something starting {prefix:?} below {y}"))
        .center()
}

/// Swipes (from the left margin, where nothing is) until question `n`'s
/// title is in the top part of the 800-point screen.
fn bring_up(k: &mut Kit, n: usize) {
    for _ in 0..20 {
        let top = top_of(k, &question(n));
        if (100.0..400.0).contains(&top) {
            return;
        }
        let by = (top - 200.0).clamp(-500.0, 500.0);
        let from = pos2(60.0, if by > 0.0 { 700.0 } else { 150.0 });
        swipe(k, from, from - vec2(0.0, by), 6);
    }
    panic!("question {n} did not come into view");
}

fn touch(phase: TouchPhase, pos: Pos2) -> Event {
    Event::Touch {
        device_id: TouchDeviceId(1),
        id: TouchId(0),
        phase,
        pos,
        force: None,
    }
}

fn button(pos: Pos2, pressed: bool) -> Event {
    Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: egui::Modifiers::NONE,
    }
}

/// What egui-winit sends for a finger coming down, moving to, and lifting.
fn down(pos: Pos2) -> Vec<Event> {
    vec![
        touch(TouchPhase::Start, pos),
        Event::PointerMoved(pos),
        button(pos, true),
    ]
}
fn moved(pos: Pos2) -> Vec<Event> {
    vec![touch(TouchPhase::Move, pos), Event::PointerMoved(pos)]
}
fn up(pos: Pos2) -> Vec<Event> {
    vec![
        touch(TouchPhase::End, pos),
        button(pos, false),
        Event::PointerGone,
    ]
}

/// One frame with `events`.
fn frame(k: &mut Kit, events: Vec<Event>) {
    k.h.input_mut().events.extend(events);
    k.h.step();
}

/// A finger from `from` straight to `to` in `frames` frames (down in the
/// first, up in the last), then the frames that follow.
fn swipe(k: &mut Kit, from: Pos2, to: Pos2, frames: usize) {
    if frames <= 1 {
        let mut events = down(from);
        events.extend(moved(to));
        events.extend(up(to));
        frame(k, events);
    } else {
        frame(k, down(from));
        for i in 1..frames {
            #[allow(clippy::cast_precision_loss)] // a few frames
            let at = from + (to - from) * (i as f32 / (frames - 1) as f32);
            frame(k, moved(at));
        }
        frame(k, up(to));
    }
    k.h.run();
}

/// A finger down and up at `pos`, in two frames (as a person taps).
fn tap_at(k: &mut Kit, pos: Pos2) {
    frame(k, down(pos));
    frame(k, up(pos));
    k.settle();
}

fn answer(k: &Kit, index: usize) -> Answer {
    match k.screen() {
        Screen::Page(page) => page.answers[index].clone(),
        other => panic!("not on a page: {other:?}"),
    }
}

fn keyboard_open(k: &Kit) -> bool {
    k.shows("Hide keyboard")
}

/// Swipes up by `travel` from `start` and checks question 1's title went
/// up by just as much.
fn swipe_moves_the_page_by_the_travel(k: &mut Kit, start: Pos2, travel: f32, frames: usize) {
    let before = top_of(k, &question(1));
    swipe(k, start, start - vec2(0.0, travel), frames);
    let after = top_of(k, &question(1));
    assert!(
        ((before - after) - travel).abs() < 1.0,
        "the page moved {} for a finger's {travel}",
        before - after
    );
}

#[test]
fn a_swipe_that_starts_on_an_answer_moves_the_page_and_chooses_nothing() {
    let mut k = long_page();
    let q1 = top_of(&k, &question(1));
    let start = first_below(&k, "Answer 3", q1);
    swipe_moves_the_page_by_the_travel(&mut k, start, 300.0, 6);
    assert!(
        matches!(answer(&k, 0), Answer::Single { choice: None, .. }),
        "the swipe was not a tap on the answer it started on"
    );
    // And down again, from the same place on the screen.
    let before = top_of(&k, &question(1));
    swipe(&mut k, start, start + vec2(0.0, 200.0), 5);
    assert!((top_of(&k, &question(1)) - before - 200.0).abs() < 1.0);
}

#[test]
fn a_swipe_in_one_slow_frame_moves_the_page_all_the_way() {
    let mut k = long_page();
    let q1 = top_of(&k, &question(1));
    let start = first_below(&k, "Answer 2", q1);
    swipe_moves_the_page_by_the_travel(&mut k, start, 250.0, 1);
}

#[test]
fn a_swipe_that_starts_on_a_text_field_moves_the_page_and_opens_no_keyboard() {
    let mut k = long_page();
    bring_up(&mut k, 3);
    let q3 = top_of(&k, &question(3));
    let field = first_below(&k, "Your answer", q3);
    swipe_moves_the_page_by_the_travel(&mut k, field, 280.0, 6);
    assert!(!keyboard_open(&k), "no keyboard for a swipe");
    assert!(
        k.h.query_all_by_label("Your answer")
            .all(|n| !n.is_focused()),
        "the field the swipe began on did not take the focus"
    );
    // Back down (from the margin), and a tap on the field opens the
    // keyboard for it.
    swipe(&mut k, pos2(60.0, 300.0), pos2(60.0, 580.0), 6);
    assert!((first_below(&k, "Your answer", q3).y - field.y).abs() < 1.0);
    tap_at(&mut k, field);
    assert!(keyboard_open(&k), "a tap on a field opens the keyboard");
}

#[test]
fn a_swipe_that_starts_on_a_matrix_moves_the_page_and_ticks_nothing() {
    let mut k = long_page();
    bring_up(&mut k, 4);
    let q4 = top_of(&k, &question(4));
    let cell = first_starting_below(&k, "Row 2", q4);
    swipe_moves_the_page_by_the_travel(&mut k, cell, 320.0, 8);
    match answer(&k, 3) {
        Answer::Matrix { rows } => assert!(
            rows.iter().all(Vec::is_empty),
            "the swipe ticked nothing: {rows:?}"
        ),
        other => panic!("a matrix answer: {other:?}"),
    }
}

#[test]
fn a_tap_after_a_swipe_lands_where_it_was_aimed() {
    let mut k = long_page();
    bring_up(&mut k, 5);
    // Question 5 (a single choice) is on screen now: aim at its "Answer 2".
    let q5 = top_of(&k, &question(5));
    let aim = first_below(&k, "Answer 2", q5);
    assert!(aim.y > 0.0 && aim.y < 800.0, "aimed on screen: {aim:?}");
    tap_at(&mut k, aim);
    assert_eq!(
        top_of(&k, &question(5)),
        q5,
        "the tap did not move the page"
    );
    // Question 5's answers are 700 040 and on: "Answer 2" is 700 041.
    match answer(&k, 4) {
        Answer::Single { choice, .. } => {
            assert_eq!(choice.map(|c| c.to_string()), Some("700041".into()));
        }
        other => panic!("a single choice: {other:?}"),
    }
    // A second tap at the same place still hits it (it stays chosen).
    tap_at(&mut k, aim);
    assert_eq!(top_of(&k, &question(5)), q5);
}

#[test]
fn the_showcase_surveys_first_page_scrolls_on_a_small_screen() {
    let mut k = Kit::start(
        Config::default(),
        DEMO_SURVEY_ID,
        Records::None,
        vec2(1024.0, 600.0),
    );
    k.tap("Start the survey");
    // The page's first question.
    let title = match k.screen() {
        Screen::Page(page) => page.questions[0]
            .text
            .lines()
            .next()
            .unwrap_or_default()
            .to_owned(),
        other => panic!("not on a page: {other:?}"),
    };
    let top = |k: &Kit| top_of(k, &title);
    let start = top(&k);
    let from = pos2(512.0, 450.0);
    swipe(&mut k, from, from - vec2(0.0, 60.0), 4);
    assert!(
        (start - top(&k) - 60.0).abs() < 1.0,
        "the page moved {} for a finger's 60",
        start - top(&k)
    );
    // Far past its end: it stops there, and turns back with the finger.
    swipe(&mut k, from, from - vec2(0.0, 2000.0), 8);
    let end = top(&k);
    assert!(end < start - 60.0, "the page went on to its end");
    let from = pos2(512.0, 300.0);
    let mut events = down(from);
    events.extend(moved(from - vec2(0.0, 3000.0)));
    frame(&mut k, events);
    frame(&mut k, moved(from - vec2(0.0, 2970.0)));
    assert!(
        (top(&k) - end - 30.0).abs() < 1.0,
        "30 back from past the end is 30 back: {}",
        top(&k) - end
    );
    frame(&mut k, up(from - vec2(0.0, 2970.0)));
}
