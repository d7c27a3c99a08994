//! One question at a time (`layout = "question"`) with a fake clock: each
//! question on its own screen, checked on its own, the page sent after its
//! last; Back within the page; the server's problems brought back to their
//! question; a single choice moving on after a visible moment, never the
//! survey's last question, never a changed earlier answer.

use std::collections::BTreeMap;
use std::time::Duration;

use serde_json::json;

use super::tests::{Clock, envelope, on_page, reply};
use super::*;
use crate::api::Envelope;
use crate::survey::Answer;

/// A page of three: a single choice (required), a text, a single choice.
fn three(final_page: bool) -> Envelope {
    let single = |id: u64, first: u64| {
        json!({"html": null, "json": {"id": id, "type": "U", "text": format!("Q{id}"),
            "required": true,
            "answers": [{"id": first, "text": "A"}, {"id": first + 1, "text": "Other", "other": true}],
            "formParam": {"paramPrefix": "u_", "paramIdType": "questionId"}}})
    };
    envelope(json!({"response": {
        "status": "success",
        "meta": {"isFinalPage": final_page, "progressPercentage": 10},
        "navigation": {"previousPageUrl": "/prev", "nextPageSubmitUrl": "/next"},
        "questions": [
            single(1, 11),
            {"html": null, "json": {"id": 2, "type": "T", "text": "Q2",
                "answers": [{"id": 21, "text": ""}],
                "formParam": {"paramPrefix": "t_", "paramIdType": "answerId"}}},
            single(3, 31),
        ]
    }}))
}

fn pick(index: usize, choice: u64) -> Action {
    Action::Answered {
        index,
        answer: Answer::Single {
            choice: Some(choice),
            other_text: BTreeMap::default(),
        },
    }
}

/// A kiosk, one question at a time, on a page of three at t = 0.
fn started(final_page: bool, auto_advance: Option<Duration>) -> (Kiosk, Clock) {
    let clock = Clock(Instant::now());
    let settings = Settings {
        layout: Layout::Question,
        auto_advance,
        ..Settings::default()
    };
    let mut kiosk = Kiosk::new(settings, clock.at(0.0));
    kiosk.act(Action::Start, clock.at(0.0));
    let r = reply(&kiosk, Request::Start, Ok(three(final_page)));
    kiosk.receive(r, clock.at(0.0));
    (kiosk, clock)
}

#[test]
fn each_question_is_checked_on_its_own_and_the_page_goes_after_its_last() {
    let (mut kiosk, clock) = started(false, None);
    assert_eq!(on_page(&kiosk).question, Some(0));
    // The required first question, unanswered: stays, with its problem.
    assert_eq!(kiosk.act(Action::Next, clock.at(1.0)), vec![]);
    assert_eq!(on_page(&kiosk).question, Some(0));
    assert!(on_page(&kiosk).problems[0].is_some());
    kiosk.act(pick(0, 11), clock.at(2.0));
    assert_eq!(kiosk.act(Action::Next, clock.at(3.0)), vec![]);
    assert_eq!(on_page(&kiosk).question, Some(1));
    // The optional text: on without an answer. Back, then forward again.
    kiosk.act(Action::Next, clock.at(4.0));
    assert_eq!(on_page(&kiosk).question, Some(2));
    assert_eq!(kiosk.act(Action::Back, clock.at(5.0)), vec![]);
    assert_eq!(on_page(&kiosk).question, Some(1));
    kiosk.act(Action::Next, clock.at(6.0));
    kiosk.act(pick(2, 31), clock.at(7.0));
    let effects = kiosk.act(Action::Next, clock.at(8.0));
    let [Effect::Submit { body, .. }] = effects.as_slice() else {
        panic!("the page is sent after its last question: {effects:?}");
    };
    assert_eq!(body.get_str("u_1"), Some("11"));
    assert_eq!(body.get_str("u_3"), Some("31"));
}

#[test]
fn the_servers_problem_brings_back_the_question_it_names() {
    let (mut kiosk, clock) = started(false, None);
    kiosk.act(pick(0, 11), clock.at(1.0));
    kiosk.act(Action::Next, clock.at(1.0));
    kiosk.act(Action::Next, clock.at(1.0));
    kiosk.act(pick(2, 31), clock.at(1.0));
    kiosk.act(Action::Next, clock.at(2.0));
    let refused = envelope(json!({"response": {"status": "validation_errors",
        "validationErrors": [{"questionId": 2, "message": "Please say more."}]}}));
    let r = reply(&kiosk, Request::Submit, Ok(refused));
    kiosk.receive(r, clock.at(3.0));
    assert_eq!(on_page(&kiosk).question, Some(1), "the text question again");
    assert!(on_page(&kiosk).problems[1].is_some());
}

#[test]
fn back_from_the_next_page_lands_on_the_last_question() {
    let (mut kiosk, clock) = started(false, None);
    kiosk.act(Action::Back, clock.at(1.0));
    assert!(
        on_page(&kiosk).busy.is_some(),
        "the first question: back to the server's page"
    );
    let r = reply(&kiosk, Request::Previous, Ok(three(false)));
    kiosk.receive(r, clock.at(2.0));
    assert_eq!(on_page(&kiosk).question, Some(2));
}

#[test]
fn a_single_choice_moves_on_after_a_moment_but_not_a_changed_one_nor_other() {
    let delay = Duration::from_millis(700);
    let (mut kiosk, clock) = started(false, Some(delay));
    kiosk.act(pick(0, 11), clock.at(1.0));
    let at = on_page(&kiosk).advance_at.expect("it will move on");
    assert_eq!(at, clock.at(1.0) + delay);
    assert_eq!(kiosk.next_deadline(), Some(at), "the UI wakes for it");
    // Shown chosen meanwhile.
    kiosk.tick(clock.at(1.5));
    assert_eq!(on_page(&kiosk).question, Some(0));
    kiosk.tick(clock.at(1.8));
    assert_eq!(on_page(&kiosk).question, Some(1));
    // Back to it and a changed answer: no jumping ahead.
    kiosk.act(Action::Back, clock.at(2.0));
    kiosk.act(pick(0, 12), clock.at(2.5));
    assert_eq!(on_page(&kiosk).advance_at, None);
    kiosk.tick(clock.at(4.0));
    assert_eq!(on_page(&kiosk).question, Some(0));
}

#[test]
fn an_other_please_specify_choice_waits_for_its_text() {
    let (mut kiosk, clock) = started(false, Some(Duration::from_millis(700)));
    kiosk.act(pick(0, 12), clock.at(1.0));
    assert_eq!(on_page(&kiosk).advance_at, None);
}

#[test]
fn the_surveys_last_question_is_sent_by_a_tap_not_by_itself() {
    let (mut kiosk, clock) = started(true, Some(Duration::from_millis(700)));
    kiosk.act(pick(0, 11), clock.at(0.5));
    kiosk.tick(clock.at(2.0));
    kiosk.act(Action::Next, clock.at(2.0));
    kiosk.act(pick(2, 31), clock.at(3.0));
    assert_eq!(on_page(&kiosk).advance_at, None);
    assert_eq!(kiosk.tick(clock.at(10.0)), vec![]);
    assert!(on_page(&kiosk).busy.is_none(), "nothing sent by itself");
}

#[test]
fn a_page_layout_kiosk_shows_the_whole_page() {
    let clock = Clock(Instant::now());
    let mut kiosk = Kiosk::new(Settings::default(), clock.at(0.0));
    kiosk.act(Action::Start, clock.at(0.0));
    let r = reply(&kiosk, Request::Start, Ok(three(false)));
    kiosk.receive(r, clock.at(0.0));
    assert_eq!(on_page(&kiosk).question, None);
}
