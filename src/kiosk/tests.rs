//! The kiosk loop with a fake clock: every timeout and fault path, no waiting.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::*;
use crate::api::{ApiError, Envelope, Status};
use crate::survey::Answer;

pub(super) struct Clock(pub(super) Instant);

impl Clock {
    pub(super) fn at(&self, secs: f64) -> Instant {
        self.0 + Duration::from_secs_f64(secs)
    }
}

fn page(progress: u8, back: bool) -> Envelope {
    envelope(json!({"response": {
        "status": "success",
        "meta": {"isFinalPage": false, "progressPercentage": progress},
        "navigation": {"previousPageUrl": if back { json!("/prev") } else { Value::Null }, "nextPageSubmitUrl": "/next"},
        "questions": [{"html": null, "json": {"id": 10001, "type": "U", "text": "Pick", "required": true,
            "answers": [{"id": 50001, "text": "A"}, {"id": 50002, "text": "B"}],
            "formParam": {"paramPrefix": "u_", "paramIdType": "questionId"}}}]
    }}))
}

fn status(status: &str) -> Envelope {
    envelope(json!({"response": {"status": status}}))
}

pub(super) fn envelope(value: Value) -> Envelope {
    Envelope::from_value(&value).unwrap_or_else(|e| panic!("{e}"))
}

pub(super) fn reply(kiosk: &Kiosk, request: Request, outcome: Result<Envelope, ApiError>) -> Reply {
    Reply {
        respondent: kiosk.respondent(),
        request,
        outcome,
    }
}

fn choose(answer: u64) -> Action {
    Action::Answered {
        index: 0,
        answer: Answer::Single {
            choice: Some(answer),
            other_text: std::collections::BTreeMap::default(),
        },
    }
}

pub(super) fn on_page(kiosk: &Kiosk) -> &PageScreen {
    match kiosk.screen() {
        Screen::Page(page) => page,
        other => panic!("not on a page: {other:?}"),
    }
}

/// A kiosk on the first page of a survey at t = 0.
fn started() -> (Kiosk, Clock) {
    let clock = Clock(Instant::now());
    let mut kiosk = Kiosk::new(Settings::default(), clock.at(0.0));
    let effects = kiosk.act(Action::Start, clock.at(0.0));
    assert_eq!(
        effects,
        vec![Effect::ResetUi, Effect::Start { respondent: 1 }]
    );
    assert!(matches!(kiosk.screen(), Screen::Starting { .. }));
    let r = reply(&kiosk, Request::Start, Ok(page(0, false)));
    assert_eq!(kiosk.receive(r, clock.at(0.0)), vec![]);
    (kiosk, clock)
}

fn submit_b(kiosk: &mut Kiosk, clock: &Clock, at: f64) -> FormBody {
    kiosk.act(choose(50002), clock.at(at));
    let effects = kiosk.act(Action::Next, clock.at(at));
    let [Effect::Submit { respondent, body }] = &effects[..] else {
        panic!("expected a submit: {effects:?}");
    };
    assert_eq!(*respondent, kiosk.respondent());
    assert_eq!(
        serde_json::to_value(body).ok(),
        Some(json!({"u_10001": "50002"}))
    );
    body.clone()
}

#[test]
fn a_whole_respondent_then_the_attract_screen() {
    let (mut kiosk, clock) = started();
    assert_eq!(on_page(&kiosk).progress_percent, Some(0));
    submit_b(&mut kiosk, &clock, 5.0);
    assert!(
        on_page(&kiosk).busy.is_some(),
        "the page shows it is being sent"
    );
    let r = reply(&kiosk, Request::Submit, Ok(status("survey_complete")));
    let effects = kiosk.receive(r, clock.at(6.0));
    assert_eq!(
        effects,
        vec![
            Effect::End {
                respondent: 1,
                outcome: Outcome::Final(Status::SurveyComplete)
            },
            Effect::ResetUi
        ]
    );
    let Screen::Ending(end) = kiosk.screen() else {
        panic!("no end screen");
    };
    assert_eq!(end.kind, EndKind::Thanks);
    assert_eq!(kiosk.next_deadline(), Some(clock.at(16.0)));
    assert!(kiosk.tick(clock.at(15.9)).is_empty());
    assert_eq!(kiosk.tick(clock.at(16.0)), vec![Effect::ResetUi]);
    assert!(matches!(kiosk.screen(), Screen::Attract { offline: None }));
}

#[test]
fn local_validation_blocks_next_and_keeps_answers() {
    let (mut kiosk, clock) = started();
    assert!(kiosk.act(Action::Next, clock.at(1.0)).is_empty());
    let page = on_page(&kiosk);
    assert_eq!(
        page.problems[0]
            .as_ref()
            .map(ToString::to_string)
            .as_deref(),
        Some("Please choose an answer.")
    );
    assert_eq!(page.scroll_to, Some(0));
    kiosk.act(choose(50001), clock.at(2.0));
    assert_eq!(
        on_page(&kiosk).problems[0],
        None,
        "answering clears the message"
    );
}

#[test]
fn each_final_status_has_its_end_screen() {
    for (wire, kind) in [
        ("survey_complete", EndKind::Thanks),
        ("terminated", EndKind::ScreenedOut),
        ("quota_full", EndKind::QuotaFull),
        ("survey_opt_out", EndKind::OptedOut),
        ("already_completed", EndKind::AlreadyDone),
        ("redirect", EndKind::Redirected),
    ] {
        let (mut kiosk, clock) = started();
        submit_b(&mut kiosk, &clock, 1.0);
        let r = reply(&kiosk, Request::Submit, Ok(status(wire)));
        kiosk.receive(r, clock.at(2.0));
        assert!(
            matches!(kiosk.screen(), Screen::Ending(end) if end.kind == kind),
            "{wire}: {:?}",
            kiosk.screen()
        );
        assert_eq!(
            kiosk.act(Action::Dismiss, clock.at(3.0)),
            vec![Effect::ResetUi]
        );
        assert!(matches!(kiosk.screen(), Screen::Attract { offline: None }));
    }
}

#[test]
fn idle_warning_then_reset() {
    let (mut kiosk, clock) = started();
    kiosk.act(choose(50001), clock.at(10.0));
    assert_eq!(kiosk.next_deadline(), Some(clock.at(70.0)));
    assert!(kiosk.tick(clock.at(69.0)).is_empty());
    assert_eq!(on_page(&kiosk).idle_deadline, None);
    assert!(kiosk.tick(clock.at(70.0)).is_empty());
    assert_eq!(
        on_page(&kiosk).idle_deadline,
        Some(clock.at(85.0)),
        "the overlay counts down"
    );
    // Any input dismisses it.
    kiosk.act(Action::Activity, clock.at(80.0));
    assert_eq!(on_page(&kiosk).idle_deadline, None);
    assert!(kiosk.tick(clock.at(139.0)).is_empty());
    kiosk.tick(clock.at(140.0));
    assert!(on_page(&kiosk).idle_deadline.is_some());
    let effects = kiosk.tick(clock.at(155.0));
    assert_eq!(
        effects,
        vec![
            Effect::End {
                respondent: 1,
                outcome: Outcome::TimedOut
            },
            Effect::ResetUi
        ],
        "the default discards the page"
    );
    assert!(matches!(kiosk.screen(), Screen::Attract { offline: None }));
}

#[test]
fn a_late_tick_past_the_countdown_resets_at_once() {
    let (mut kiosk, clock) = started();
    // The machine slept: the first tick comes after the whole countdown.
    let effects = kiosk.tick(clock.at(500.0));
    assert!(effects.contains(&Effect::ResetUi));
}

#[test]
fn idle_can_submit_a_valid_page() {
    let clock = Clock(Instant::now());
    let settings = Settings {
        idle_action: IdleAction::SubmitIfValid,
        ..Settings::default()
    };
    let mut kiosk = Kiosk::new(settings, clock.at(0.0));
    kiosk.act(Action::Start, clock.at(0.0));
    let r = reply(&kiosk, Request::Start, Ok(page(0, false)));
    kiosk.receive(r, clock.at(0.0));
    kiosk.act(choose(50002), clock.at(1.0));
    kiosk.tick(clock.at(61.0));
    let effects = kiosk.tick(clock.at(76.0));
    assert_eq!(
        effects[0],
        Effect::Submit {
            respondent: 1,
            body: FormBody(
                json!({"u_10001": "50002"})
                    .as_object()
                    .cloned()
                    .unwrap_or_default()
            )
        }
    );
    assert!(matches!(kiosk.screen(), Screen::Attract { .. }));
}

#[test]
fn replies_for_an_earlier_respondent_are_ignored() {
    let (mut kiosk, clock) = started();
    submit_b(&mut kiosk, &clock, 1.0);
    let stale = reply(&kiosk, Request::Submit, Ok(page(50, true)));
    kiosk.tick(clock.at(1000.0)); // busy: no idle reset while sending
    assert!(on_page(&kiosk).busy.is_some());
    let r = reply(&kiosk, Request::Submit, Ok(status("survey_complete")));
    kiosk.receive(r, clock.at(1001.0));
    kiosk.act(Action::Dismiss, clock.at(1002.0));
    kiosk.act(Action::Start, clock.at(1003.0));
    assert_eq!(kiosk.respondent(), 3);
    assert!(kiosk.receive(stale, clock.at(1004.0)).is_empty());
    assert!(matches!(kiosk.screen(), Screen::Starting { .. }));
}

#[test]
fn transient_failures_retry_the_same_body() {
    let (mut kiosk, clock) = started();
    let body = submit_b(&mut kiosk, &clock, 1.0);
    let r = reply(&kiosk, Request::Submit, Err(ApiError::Timeout));
    assert!(kiosk.receive(r, clock.at(2.0)).is_empty());
    let retry_at = on_page(&kiosk).busy.as_ref().and_then(|b| b.retry_at);
    let Some(retry_at) = retry_at else {
        panic!("no retry scheduled");
    };
    assert!(
        retry_at >= clock.at(2.5) && retry_at <= clock.at(2.7),
        "{retry_at:?}"
    );
    assert_eq!(kiosk.next_deadline(), Some(retry_at));
    let effects = kiosk.tick(retry_at);
    assert_eq!(
        effects,
        vec![Effect::Submit {
            respondent: 1,
            body: body.clone()
        }]
    );
    // The answers stay on the page meanwhile.
    assert!(!on_page(&kiosk).answers[0].is_empty());
    let error = ApiError::Unparseable {
        status: 503,
        reason: "html".into(),
        excerpt: "<html>".into(),
    };
    let r = reply(&kiosk, Request::Submit, Err(error));
    kiosk.receive(r, clock.at(3.0));
    let busy = on_page(&kiosk).busy.clone();
    assert_eq!(busy.as_ref().map(|b| b.attempts), Some(2));
    assert!(busy.as_ref().and_then(|b| b.retry_at) >= Some(clock.at(4.0)));
    assert!(!busy.is_some_and(|b| b.still_trying));
    kiosk.tick(clock.at(13.5));
    assert!(
        on_page(&kiosk)
            .busy
            .as_ref()
            .is_some_and(|b| b.still_trying)
    );
    let r = reply(&kiosk, Request::Submit, Ok(page(50, true)));
    kiosk.receive(r, clock.at(14.0));
    assert_eq!(on_page(&kiosk).progress_percent, Some(50));
    assert!(on_page(&kiosk).busy.is_none());
}

#[test]
fn giving_up_after_still_trying_returns_to_attract() {
    let (mut kiosk, clock) = started();
    submit_b(&mut kiosk, &clock, 1.0);
    assert!(
        kiosk.act(Action::GiveUp, clock.at(2.0)).is_empty(),
        "only once still trying"
    );
    let r = reply(
        &kiosk,
        Request::Submit,
        Err(ApiError::Connect("refused".into())),
    );
    kiosk.receive(r, clock.at(2.0));
    kiosk.tick(clock.at(13.0));
    let effects = kiosk.act(Action::GiveUp, clock.at(14.0));
    assert_eq!(
        effects[0],
        Effect::End {
            respondent: 1,
            outcome: Outcome::Abandoned
        }
    );
    assert!(matches!(kiosk.screen(), Screen::Attract { offline: None }));
}

#[test]
fn a_stale_token_after_a_retry_is_sent_outcome_unknown() {
    let (mut kiosk, clock) = started();
    submit_b(&mut kiosk, &clock, 1.0);
    let r = reply(
        &kiosk,
        Request::Submit,
        Err(ApiError::Transport("reset".into())),
    );
    kiosk.receive(r, clock.at(2.0));
    kiosk.tick(clock.at(5.0));
    let r = reply(
        &kiosk,
        Request::Submit,
        Ok(status("authentication_required")),
    );
    let effects = kiosk.receive(r, clock.at(5.1));
    assert!(
        matches!(&effects[0], Effect::End { outcome: Outcome::Failed(why), .. } if why.contains("unknown"))
    );
    assert!(matches!(kiosk.screen(), Screen::Ending(end) if end.kind == EndKind::Interrupted));
}

#[test]
fn offline_at_start_probes_until_the_api_answers() {
    let clock = Clock(Instant::now());
    let mut kiosk = Kiosk::new(Settings::default(), clock.at(0.0));
    kiosk.act(Action::Start, clock.at(0.0));
    let r = reply(
        &kiosk,
        Request::Start,
        Err(ApiError::Connect("refused".into())),
    );
    kiosk.receive(r, clock.at(0.1));
    let Screen::Attract {
        offline: Some(offline),
    } = kiosk.screen().clone()
    else {
        panic!("not offline: {:?}", kiosk.screen());
    };
    assert!(
        kiosk.act(Action::Start, clock.at(0.2)).is_empty(),
        "no start while offline"
    );
    let effects = kiosk.tick(offline.next_check);
    assert_eq!(effects, vec![Effect::Probe { respondent: 2 }]);
    assert_eq!(kiosk.next_deadline(), None, "waiting for the probe");
    let r = reply(&kiosk, Request::Start, Err(ApiError::Timeout));
    kiosk.receive(r, clock.at(5.0));
    let Some(next) = kiosk.next_deadline() else {
        panic!("no next probe");
    };
    let effects = kiosk.tick(next);
    assert_eq!(effects, vec![Effect::Probe { respondent: 3 }]);
    let r = reply(&kiosk, Request::Start, Ok(page(0, false)));
    let effects = kiosk.receive(r, clock.at(30.0));
    assert_eq!(
        effects,
        vec![Effect::End {
            respondent: 3,
            outcome: Outcome::Probe
        }]
    );
    assert!(matches!(kiosk.screen(), Screen::Attract { offline: None }));
}

#[test]
fn a_closed_survey_is_out_of_service_until_it_opens() {
    let clock = Clock(Instant::now());
    let mut kiosk = Kiosk::new(Settings::default(), clock.at(0.0));
    kiosk.act(Action::Start, clock.at(0.0));
    let r = reply(&kiosk, Request::Start, Ok(status("survey_closed")));
    kiosk.receive(r, clock.at(1.0));
    let Screen::OutOfService(problem) = kiosk.screen() else {
        panic!("{:?}", kiosk.screen());
    };
    assert!(problem.survey_unavailable);
    assert!(problem.reason.contains("survey_closed"));
    assert!(kiosk.tick(clock.at(30.0)).is_empty());
    assert_eq!(
        kiosk.tick(clock.at(31.0)),
        vec![Effect::Probe { respondent: 2 }]
    );
    let r = reply(&kiosk, Request::Start, Ok(status("survey_paused")));
    kiosk.receive(r, clock.at(31.5));
    assert!(matches!(kiosk.screen(), Screen::OutOfService(_)));
    kiosk.tick(clock.at(62.0));
    let r = reply(&kiosk, Request::Start, Ok(page(0, false)));
    kiosk.receive(r, clock.at(62.5));
    assert!(matches!(kiosk.screen(), Screen::Attract { offline: None }));
}

#[test]
fn wrong_key_forbidden_and_unknown_survey_are_out_of_service() {
    for status in [401u16, 403, 404] {
        let clock = Clock(Instant::now());
        let mut kiosk = Kiosk::new(Settings::default(), clock.at(0.0));
        kiosk.act(Action::Start, clock.at(0.0));
        let error = ApiError::Http {
            status,
            name: "X".into(),
            id: "1".into(),
            message: "no".into(),
        };
        let r = reply(&kiosk, Request::Start, Err(error));
        kiosk.receive(r, clock.at(1.0));
        assert!(
            matches!(kiosk.screen(), Screen::OutOfService(p) if !p.survey_unavailable && p.reason.contains(&status.to_string())),
            "{status}: {:?}",
            kiosk.screen()
        );
    }
}

#[test]
fn a_bad_request_resets_with_an_apology() {
    let (mut kiosk, clock) = started();
    submit_b(&mut kiosk, &clock, 1.0);
    let error = ApiError::Http {
        status: 400,
        name: "BAD_REQUEST".into(),
        id: "1000".into(),
        message: "Invalid URL parameters".into(),
    };
    let r = reply(&kiosk, Request::Submit, Err(error));
    kiosk.receive(r, clock.at(2.0));
    assert!(matches!(kiosk.screen(), Screen::Ending(end) if end.kind == EndKind::Problem));
}

#[test]
fn server_validation_errors_stand_beside_their_questions() {
    let (mut kiosk, clock) = started();
    submit_b(&mut kiosk, &clock, 1.0);
    let r = reply(
        &kiosk,
        Request::Submit,
        Ok(envelope(json!({"response": {"status": "validation_errors",
            "validationErrors": [{"questionId": 10001, "message": "Not that one."}, "Page problem"]}}))),
    );
    kiosk.receive(r, clock.at(2.0));
    let page = on_page(&kiosk);
    assert_eq!(
        page.problems[0]
            .as_ref()
            .map(ToString::to_string)
            .as_deref(),
        Some("Not that one.")
    );
    assert_eq!(page.page_messages, vec!["Page problem".to_owned()]);
    assert!(page.busy.is_none());
    assert!(
        matches!(
            &page.answers[0],
            Answer::Single {
                choice: Some(50002),
                ..
            }
        ),
        "answers kept"
    );
}

#[test]
fn back_prefills_from_what_was_sent() {
    let (mut kiosk, clock) = started();
    submit_b(&mut kiosk, &clock, 1.0);
    let r = reply(&kiosk, Request::Submit, Ok(page(50, true)));
    kiosk.receive(r, clock.at(2.0));
    assert!(
        on_page(&kiosk).answers[0].is_empty(),
        "a new page starts empty"
    );
    let serial = on_page(&kiosk).serial;
    assert_eq!(
        kiosk.act(Action::Back, clock.at(3.0)),
        vec![Effect::Previous { respondent: 1 }]
    );
    let r = reply(&kiosk, Request::Previous, Ok(page(0, false)));
    kiosk.receive(r, clock.at(4.0));
    let page = on_page(&kiosk);
    assert!(page.serial > serial);
    assert!(matches!(
        &page.answers[0],
        Answer::Single {
            choice: Some(50002),
            ..
        }
    ));
    assert!(!page.can_go_back);
    assert!(
        kiosk.act(Action::Back, clock.at(5.0)).is_empty(),
        "no way back from the first page"
    );
}

#[test]
fn a_new_respondent_starts_from_nothing() {
    let (mut kiosk, clock) = started();
    kiosk.act(choose(50001), clock.at(1.0));
    kiosk.tick(clock.at(61.0));
    kiosk.tick(clock.at(76.0));
    kiosk.act(Action::Start, clock.at(80.0));
    assert_eq!(kiosk.respondent(), 3);
    let r = reply(&kiosk, Request::Start, Ok(page(0, false)));
    kiosk.receive(r, clock.at(81.0));
    assert!(on_page(&kiosk).answers.iter().all(Answer::is_empty));
}

fn language_page() -> Envelope {
    envelope(json!({"response": {
        "status": "language_selection_required",
        "meta": {"isFinalPage": false, "progressPercentage": 0},
        "navigation": {"previousPageUrl": null, "nextPageSubmitUrl": "/next"},
        "questions": [{"html": null, "json": {"id": 10009, "type": "U", "text": "Language", "required": true,
            "answers": [{"id": 1, "text": "English (US)"}, {"id": 2, "text": "Français"}, {"id": 3, "text": "Deutsch"}],
            "formParam": {"paramPrefix": "u_", "paramIdType": "questionId"}}}]
    }}))
}

fn on_language_page(language: Option<&str>, envelope: Envelope) -> Kiosk {
    let clock = Clock(Instant::now());
    let settings = Settings {
        language: language.map(str::to_owned),
        ..Settings::default()
    };
    let mut kiosk = Kiosk::new(settings, clock.at(0.0));
    kiosk.act(Action::Start, clock.at(0.0));
    let r = reply(&kiosk, Request::Start, Ok(envelope));
    kiosk.receive(r, clock.at(0.0));
    kiosk
}

fn chosen(kiosk: &Kiosk) -> Option<u64> {
    match &on_page(kiosk).answers[0] {
        Answer::Single { choice, .. } => *choice,
        other => panic!("not a single choice: {other:?}"),
    }
}

#[test]
fn the_configured_language_is_chosen_in_advance() {
    assert_eq!(
        chosen(&on_language_page(Some("français"), language_page())),
        Some(2)
    );
    assert_eq!(
        chosen(&on_language_page(Some(" English "), language_page())),
        Some(1)
    );
    // Not offered, or not configured: the respondent chooses.
    assert_eq!(
        chosen(&on_language_page(Some("Español"), language_page())),
        None
    );
    assert_eq!(chosen(&on_language_page(None, language_page())), None);
    // "Eng" is not "English": no guessing on prefixes of a word.
    assert_eq!(
        chosen(&on_language_page(Some("Eng"), language_page())),
        None
    );
    // Only a language page gets it: an ordinary page is never pre-answered.
    let ordinary = envelope(json!({"response": {
        "status": "success",
        "meta": {"isFinalPage": false, "progressPercentage": 0},
        "navigation": {"previousPageUrl": null, "nextPageSubmitUrl": "/next"},
        "questions": [{"html": null, "json": {"id": 10009, "type": "U", "text": "Favourite",
            "answers": [{"id": 2, "text": "Français"}],
            "formParam": {"paramPrefix": "u_", "paramIdType": "questionId"}}}]
    }}));
    assert_eq!(chosen(&on_language_page(Some("Français"), ordinary)), None);
}

#[test]
fn a_language_request_without_choices_is_out_of_service() {
    let kiosk = on_language_page(Some("English"), status("language_selection_required"));
    let Screen::OutOfService(problem) = kiosk.screen() else {
        panic!("{:?}", kiosk.screen());
    };
    assert!(problem.reason.contains("language"), "{}", problem.reason);
}

/// The kiosk after its end screen of a dead-end start: out of service.
fn out_of_service(kiosk: &Kiosk) -> &ServiceProblem {
    match kiosk.screen() {
        Screen::OutOfService(problem) => problem,
        other => panic!("not out of service: {other:?}"),
    }
}

#[test]
fn quota_full_at_the_start_shows_its_end_then_goes_out_of_service() {
    let clock = Clock(Instant::now());
    let mut kiosk = Kiosk::new(Settings::default(), clock.at(0.0));
    kiosk.act(Action::Start, clock.at(0.0));
    let r = reply(&kiosk, Request::Start, Ok(status("quota_full")));
    let effects = kiosk.receive(r, clock.at(1.0));
    assert_eq!(
        effects,
        vec![
            Effect::End {
                respondent: 1,
                outcome: Outcome::Final(Status::QuotaFull)
            },
            Effect::ResetUi
        ]
    );
    assert!(
        matches!(kiosk.screen(), Screen::Ending(end) if end.kind == EndKind::QuotaFull),
        "the person who tapped sees the quota-full end: {:?}",
        kiosk.screen()
    );
    // The end screen times out: out of service, not an invitation.
    assert_eq!(kiosk.tick(clock.at(11.0)), vec![Effect::ResetUi]);
    let problem = out_of_service(&kiosk);
    assert!(problem.survey_unavailable);
    assert!(problem.reason.contains("quota_full"), "{}", problem.reason);
    assert_eq!(kiosk.last_problem(), Some(problem.reason.as_str()));
    assert!(
        kiosk.act(Action::Start, clock.at(12.0)).is_empty(),
        "nobody can start"
    );
    assert_eq!(kiosk.next_deadline(), Some(clock.at(41.0)));
    assert!(kiosk.tick(clock.at(40.9)).is_empty());
    assert_eq!(
        kiosk.tick(clock.at(41.0)),
        vec![Effect::Probe { respondent: 3 }]
    );
    // Still full: still out of service, and the probe's session is ended.
    let r = reply(&kiosk, Request::Start, Ok(status("quota_full")));
    let effects = kiosk.receive(r, clock.at(41.5));
    assert_eq!(
        effects[0],
        Effect::End {
            respondent: 3,
            outcome: Outcome::Probe
        }
    );
    let problem = out_of_service(&kiosk);
    assert!(problem.survey_unavailable && !problem.checking);
    assert_eq!(kiosk.next_deadline(), Some(clock.at(71.5)));
    // The quota was raised: a page, and the attract screen is back.
    assert_eq!(
        kiosk.tick(clock.at(71.5)),
        vec![Effect::Probe { respondent: 4 }]
    );
    let r = reply(&kiosk, Request::Start, Ok(page(0, false)));
    kiosk.receive(r, clock.at(72.0));
    assert!(matches!(kiosk.screen(), Screen::Attract { offline: None }));
}

#[test]
fn dismissing_the_quota_full_end_of_a_start_goes_out_of_service_too() {
    let clock = Clock(Instant::now());
    let mut kiosk = Kiosk::new(Settings::default(), clock.at(0.0));
    kiosk.act(Action::Start, clock.at(0.0));
    let r = reply(&kiosk, Request::Start, Ok(status("quota_full")));
    kiosk.receive(r, clock.at(1.0));
    assert_eq!(
        kiosk.act(Action::Dismiss, clock.at(2.0)),
        vec![Effect::ResetUi]
    );
    assert!(out_of_service(&kiosk).survey_unavailable);
    assert_eq!(kiosk.next_deadline(), Some(clock.at(32.0)));
}

#[test]
fn quota_full_after_a_submit_returns_to_the_attract_screen() {
    let (mut kiosk, clock) = started();
    submit_b(&mut kiosk, &clock, 1.0);
    let r = reply(&kiosk, Request::Submit, Ok(status("quota_full")));
    kiosk.receive(r, clock.at(2.0));
    assert!(matches!(kiosk.screen(), Screen::Ending(end) if end.kind == EndKind::QuotaFull));
    assert_eq!(kiosk.tick(clock.at(12.0)), vec![Effect::ResetUi]);
    assert!(
        matches!(kiosk.screen(), Screen::Attract { offline: None }),
        "a segment's quota depends on the answers: the next person may fit"
    );
}

#[test]
fn a_dead_end_while_probing_keeps_the_kiosk_out_of_service() {
    for wire in [
        "quota_full",
        "survey_closed",
        "survey_paused",
        "survey_suspended",
    ] {
        let clock = Clock(Instant::now());
        let mut kiosk = Kiosk::new(Settings::default(), clock.at(0.0));
        kiosk.act(Action::Start, clock.at(0.0));
        let r = reply(&kiosk, Request::Start, Ok(status("survey_closed")));
        kiosk.receive(r, clock.at(1.0));
        assert_eq!(
            kiosk.tick(clock.at(31.0)),
            vec![Effect::Probe { respondent: 2 }]
        );
        assert!(out_of_service(&kiosk).checking);
        let r = reply(&kiosk, Request::Start, Ok(status(wire)));
        let effects = kiosk.receive(r, clock.at(32.0));
        assert_eq!(
            effects[0],
            Effect::End {
                respondent: 2,
                outcome: Outcome::Probe
            },
            "{wire}"
        );
        let problem = out_of_service(&kiosk);
        assert!(problem.survey_unavailable, "{wire}");
        assert!(problem.reason.contains(wire), "{wire}: {}", problem.reason);
        assert!(!problem.checking, "{wire}");
        assert_eq!(kiosk.next_deadline(), Some(clock.at(62.0)), "{wire}");
    }
}

#[test]
fn a_probe_from_the_offline_screen_that_meets_a_full_quota_goes_out_of_service() {
    let clock = Clock(Instant::now());
    let mut kiosk = Kiosk::new(Settings::default(), clock.at(0.0));
    kiosk.act(Action::Start, clock.at(0.0));
    let r = reply(&kiosk, Request::Start, Err(ApiError::Timeout));
    kiosk.receive(r, clock.at(0.1));
    let Some(next) = kiosk.next_deadline() else {
        panic!("no probe planned");
    };
    assert_eq!(kiosk.tick(next), vec![Effect::Probe { respondent: 2 }]);
    let r = reply(&kiosk, Request::Start, Ok(status("quota_full")));
    kiosk.receive(r, clock.at(5.0));
    let problem = out_of_service(&kiosk);
    assert!(problem.survey_unavailable && problem.reason.contains("quota_full"));
}

/// A page whose first question is of a kind the kiosk cannot show.
fn unshowable_page(required: bool, back: bool) -> Envelope {
    let mut envelope = envelope(json!({"response": {
        "status": "success",
        "meta": {"isFinalPage": false, "progressPercentage": 50},
        "navigation": {"previousPageUrl": if back { json!("/prev") } else { Value::Null }, "nextPageSubmitUrl": "/next"},
        "questions": [{"html": null, "json": {"id": 30001, "type": "HEATMAP", "text": "Where?", "required": true}}]
    }}));
    // Set by hand: the parser may not keep `required` on a kind it cannot show.
    envelope.questions[0].required = required;
    envelope
}

#[test]
fn a_first_page_with_a_required_question_the_kiosk_cannot_show_is_out_of_service() {
    let clock = Clock(Instant::now());
    let mut kiosk = Kiosk::new(Settings::default(), clock.at(0.0));
    kiosk.act(Action::Start, clock.at(0.0));
    let r = reply(&kiosk, Request::Start, Ok(unshowable_page(true, false)));
    let effects = kiosk.receive(r, clock.at(1.0));
    assert!(
        matches!(&effects[0], Effect::End { respondent: 1, outcome: Outcome::Failed(why) } if why.contains("HEATMAP")),
        "{effects:?}"
    );
    let problem = out_of_service(&kiosk);
    assert!(!problem.survey_unavailable, "a setup problem, not a pause");
    assert!(problem.reason.contains("\"HEATMAP\""), "{}", problem.reason);
    assert!(problem.reason.contains("30001"), "{}", problem.reason);
    assert_eq!(kiosk.last_problem(), Some(problem.reason.as_str()));
    // The re-check meets the same page: still out of service.
    assert_eq!(
        kiosk.tick(clock.at(31.0)),
        vec![Effect::Probe { respondent: 2 }]
    );
    let r = reply(&kiosk, Request::Start, Ok(unshowable_page(true, false)));
    let effects = kiosk.receive(r, clock.at(32.0));
    assert_eq!(
        effects[0],
        Effect::End {
            respondent: 2,
            outcome: Outcome::Probe
        }
    );
    assert!(!out_of_service(&kiosk).checking);
    // The survey was fixed.
    assert_eq!(
        kiosk.tick(clock.at(62.0)),
        vec![Effect::Probe { respondent: 3 }]
    );
    let r = reply(&kiosk, Request::Start, Ok(page(0, false)));
    kiosk.receive(r, clock.at(63.0));
    assert!(matches!(kiosk.screen(), Screen::Attract { offline: None }));
}

#[test]
fn a_later_page_with_a_required_question_the_kiosk_cannot_show_ends_with_an_apology() {
    let (mut kiosk, clock) = started();
    submit_b(&mut kiosk, &clock, 1.0);
    let r = reply(&kiosk, Request::Submit, Ok(unshowable_page(true, true)));
    let effects = kiosk.receive(r, clock.at(2.0));
    assert!(
        matches!(&effects[0], Effect::End { respondent: 1, outcome: Outcome::Failed(why) } if why.contains("HEATMAP")),
        "{effects:?}"
    );
    assert!(matches!(kiosk.screen(), Screen::Ending(end) if end.kind == EndKind::Problem));
    assert!(kiosk.last_problem().is_some_and(|p| p.contains("HEATMAP")));
    assert_eq!(kiosk.tick(clock.at(12.0)), vec![Effect::ResetUi]);
    assert!(matches!(kiosk.screen(), Screen::Attract { offline: None }));
}

#[test]
fn an_optional_question_the_kiosk_cannot_show_is_shown_as_text() {
    let clock = Clock(Instant::now());
    let mut kiosk = Kiosk::new(Settings::default(), clock.at(0.0));
    kiosk.act(Action::Start, clock.at(0.0));
    let r = reply(&kiosk, Request::Start, Ok(unshowable_page(false, false)));
    assert!(kiosk.receive(r, clock.at(1.0)).is_empty());
    assert_eq!(on_page(&kiosk).questions[0].text, "Where?");
}

/// The second page: a contact form (two text fields) and a choice.
fn page_two(text: &str, embedded: Option<&str>) -> Envelope {
    envelope(json!({"response": {
        "status": "success",
        "meta": {"isFinalPage": false, "progressPercentage": 50},
        "navigation": {"previousPageUrl": "/prev", "nextPageSubmitUrl": "/next"},
        "questions": [
            {"html": null, "json": {"id": 20001, "type": "T", "text": text,
                "answers": [{"id": 60001, "text": "Name", "value": embedded}, {"id": 60002, "text": "Town"}],
                "formParam": {"paramPrefix": "t_", "paramIdType": "answerId"}}},
            {"html": null, "json": {"id": 20002, "type": "U", "text": "Again?",
                "answers": [{"id": 70001, "text": "Yes"}, {"id": 70002, "text": "No"}],
                "formParam": {"paramPrefix": "u_", "paramIdType": "questionId"}}}
        ]
    }}))
}

/// On page two, types a name (the town left blank) and chooses "No", then
/// goes back to page one and forward again; the page-two reply is `again`.
fn back_and_forth(kiosk: &mut Kiosk, clock: &Clock, again: Envelope) {
    submit_b(kiosk, clock, 1.0);
    let r = reply(kiosk, Request::Submit, Ok(page_two("Contact", None)));
    kiosk.receive(r, clock.at(2.0));
    kiosk.act(
        Action::Answered {
            index: 0,
            answer: Answer::Text {
                values: vec!["Ada".into(), String::new()],
            },
        },
        clock.at(3.0),
    );
    kiosk.act(
        Action::Answered {
            index: 1,
            answer: Answer::Single {
                choice: Some(70002),
                other_text: std::collections::BTreeMap::default(),
            },
        },
        clock.at(3.0),
    );
    assert_eq!(
        kiosk.act(Action::Back, clock.at(4.0)),
        vec![Effect::Previous {
            respondent: kiosk.respondent()
        }]
    );
    let r = reply(kiosk, Request::Previous, Ok(page(0, false)));
    kiosk.receive(r, clock.at(5.0));
    assert!(
        !on_page(kiosk).answers[0].is_empty(),
        "page one from what was sent"
    );
    let effects = kiosk.act(Action::Next, clock.at(6.0));
    assert!(
        matches!(&effects[..], [Effect::Submit { .. }]),
        "{effects:?}"
    );
    let r = reply(kiosk, Request::Submit, Ok(again));
    kiosk.receive(r, clock.at(7.0));
}

#[test]
fn going_back_keeps_what_was_entered_on_the_page_left() {
    let (mut kiosk, clock) = started();
    back_and_forth(&mut kiosk, &clock, page_two("Contact", None));
    let page = on_page(&kiosk);
    assert_eq!(
        page.answers[0],
        Answer::Text {
            values: vec!["Ada".into(), String::new()]
        },
        "the half-filled form is back"
    );
    assert!(matches!(
        page.answers[1],
        Answer::Single {
            choice: Some(70002),
            ..
        }
    ));
}

#[test]
fn a_draft_survives_a_page_whose_wording_changed() {
    let (mut kiosk, clock) = started();
    back_and_forth(&mut kiosk, &clock, page_two("Contact, please", None));
    let page = on_page(&kiosk);
    assert_eq!(page.questions[0].text, "Contact, please");
    assert!(
        matches!(&page.answers[0], Answer::Text { values } if values[0] == "Ada"),
        "{:?}",
        page.answers
    );
    assert!(matches!(
        page.answers[1],
        Answer::Single {
            choice: Some(70002),
            ..
        }
    ));
}

#[test]
fn answers_the_server_embedded_win_over_a_draft() {
    let (mut kiosk, clock) = started();
    back_and_forth(&mut kiosk, &clock, page_two("Contact", Some("Grace")));
    let page = on_page(&kiosk);
    assert_eq!(
        page.answers[0],
        Answer::Text {
            values: vec!["Grace".into(), String::new()]
        }
    );
    assert!(
        page.answers[1].is_empty(),
        "the server's answers, not the draft"
    );
}

#[test]
fn a_draft_never_reaches_the_next_respondent() {
    let (mut kiosk, clock) = started();
    submit_b(&mut kiosk, &clock, 1.0);
    let r = reply(&kiosk, Request::Submit, Ok(page_two("Contact", None)));
    kiosk.receive(r, clock.at(2.0));
    kiosk.act(
        Action::Answered {
            index: 0,
            answer: Answer::Text {
                values: vec!["Ada".into(), "Paris".into()],
            },
        },
        clock.at(3.0),
    );
    kiosk.act(Action::Back, clock.at(4.0));
    let r = reply(&kiosk, Request::Previous, Ok(page(0, false)));
    kiosk.receive(r, clock.at(5.0));
    // This respondent walks away on page one.
    kiosk.tick(clock.at(65.0));
    kiosk.tick(clock.at(80.0));
    assert!(matches!(kiosk.screen(), Screen::Attract { offline: None }));
    // The next one reaches page two: it is blank.
    kiosk.act(Action::Start, clock.at(90.0));
    let r = reply(&kiosk, Request::Start, Ok(page(0, false)));
    kiosk.receive(r, clock.at(90.0));
    submit_b(&mut kiosk, &clock, 91.0);
    let r = reply(&kiosk, Request::Submit, Ok(page_two("Contact", None)));
    kiosk.receive(r, clock.at(92.0));
    assert!(on_page(&kiosk).answers.iter().all(Answer::is_empty));
}

#[test]
fn a_draft_is_used_once() {
    // A later visit to the page does not bring back answers the respondent
    // has since changed and sent.
    let (mut kiosk, clock) = started();
    back_and_forth(&mut kiosk, &clock, page_two("Contact", None));
    assert!(kiosk.drafts.is_empty());
}

#[test]
fn an_answer_of_another_kind_is_refused_and_the_page_keeps_its_own() {
    let (mut kiosk, clock) = started();
    kiosk.act(choose(50002), clock.at(1.0));
    kiosk.act(
        Action::Answered {
            index: 0,
            answer: Answer::Text {
                values: vec!["not a choice".into()],
            },
        },
        clock.at(2.0),
    );
    let page = on_page(&kiosk);
    assert!(page.answers[0].fits(&page.questions[0]));
    assert_eq!(
        page.answers[0],
        Answer::Single {
            choice: Some(50002),
            other_text: std::collections::BTreeMap::default(),
        }
    );
}

fn too_many(retry_after_secs: u64) -> ApiError {
    ApiError::TooManyRequests {
        retry_after: Some(Duration::from_secs(retry_after_secs)),
        message: "API call limit exceeded".into(),
        held_back: false,
    }
}

#[test]
fn a_429_on_submit_keeps_the_page_and_waits_for_retry_after() {
    let (mut kiosk, clock) = started();
    let body = submit_b(&mut kiosk, &clock, 1.0);
    let r = reply(&kiosk, Request::Submit, Err(too_many(90)));
    assert_eq!(kiosk.receive(r, clock.at(2.0)), vec![]);
    let shown = on_page(&kiosk);
    assert_eq!(shown.answers[0], {
        let Action::Answered { answer, .. } = choose(50002) else {
            unreachable!()
        };
        answer
    });
    let busy = shown.busy.as_ref().expect("the page is being sent");
    // Never before Retry-After, although the back-off alone is half a second.
    assert_eq!(busy.retry_at, Some(clock.at(92.0)));
    assert!(kiosk.tick(clock.at(91.9)).is_empty());
    assert_eq!(
        kiosk.tick(clock.at(92.0)),
        vec![Effect::Submit {
            respondent: 1,
            body: body.clone()
        }]
    );
    // A Retry-After shorter than the back-off: the back-off wins.
    let r = reply(&kiosk, Request::Submit, Err(too_many(0)));
    kiosk.receive(r, clock.at(93.0));
    let retry_at = on_page(&kiosk).busy.as_ref().and_then(|b| b.retry_at);
    assert!(
        retry_at.is_some_and(|at| at >= clock.at(94.0)),
        "{retry_at:?}"
    );
    // Another answer clears the run: the page goes on.
    let r = reply(&kiosk, Request::Submit, Ok(page(50, true)));
    kiosk.receive(r, clock.at(95.0));
    assert!(on_page(&kiosk).busy.is_none());
    assert_eq!(on_page(&kiosk).progress_percent, Some(50));
}

#[test]
fn a_persisting_429_puts_the_kiosk_out_of_service_until_the_limit_lifts() {
    let (mut kiosk, clock) = started();
    let body = submit_b(&mut kiosk, &clock, 1.0);
    let mut at = 2.0;
    for _ in 1..RATE_LIMIT_ANSWERS {
        let r = reply(&kiosk, Request::Submit, Err(too_many(60)));
        assert_eq!(kiosk.receive(r, clock.at(at)), vec![]);
        at += 60.0;
        assert!(
            kiosk.tick(clock.at(at - 0.1)).is_empty(),
            "before Retry-After"
        );
        assert_eq!(
            kiosk.tick(clock.at(at)),
            vec![Effect::Submit {
                respondent: 1,
                body: body.clone()
            }]
        );
    }
    // Still 429 after Retry-After was honoured: out of service, the page
    // left to the journal (recovery sends it when the limit lifts).
    let r = reply(&kiosk, Request::Submit, Err(too_many(600)));
    let effects = kiosk.receive(r, clock.at(at));
    assert!(
        matches!(
            &effects[..],
            [
                Effect::End {
                    respondent: 1,
                    outcome: Outcome::Failed(_)
                },
                Effect::ResetUi
            ]
        ),
        "{effects:?}"
    );
    let problem = out_of_service(&kiosk);
    assert_eq!(problem.cause, ServiceCause::ApiCallLimit);
    assert_eq!(problem.cause.label(), "api_call_limit");
    assert!(
        problem.reason.starts_with(API_CALL_LIMIT_REASON),
        "{}",
        problem.reason
    );
    assert!(
        problem.survey_unavailable,
        "waited out, not a setup problem"
    );
    assert_eq!(kiosk.last_problem(), Some(problem.reason.as_str()));
    // The re-check waits for Retry-After (longer than recheck_secs).
    assert_eq!(kiosk.next_deadline(), Some(clock.at(at + 600.0)));
    assert!(kiosk.tick(clock.at(at + 599.0)).is_empty());
    let effects = kiosk.tick(clock.at(at + 600.0));
    let [Effect::Probe { respondent }] = effects[..] else {
        panic!("expected a probe: {effects:?}");
    };
    // Still limited: stays out of service, next check after Retry-After again.
    let r = Reply {
        respondent,
        request: Request::Start,
        outcome: Err(too_many(120)),
    };
    kiosk.receive(r, clock.at(at + 601.0));
    assert_eq!(out_of_service(&kiosk).cause, ServiceCause::ApiCallLimit);
    assert_eq!(kiosk.next_deadline(), Some(clock.at(at + 721.0)));
    let effects = kiosk.tick(clock.at(at + 721.0));
    let [Effect::Probe { respondent }] = effects[..] else {
        panic!("expected a probe: {effects:?}");
    };
    // The limit lifted.
    let r = Reply {
        respondent,
        request: Request::Start,
        outcome: Ok(page(0, false)),
    };
    kiosk.receive(r, clock.at(at + 722.0));
    assert!(matches!(kiosk.screen(), Screen::Attract { offline: None }));
}

#[test]
fn a_429_at_the_start_waits_on_the_attract_screen_then_goes_out_of_service() {
    let clock = Clock(Instant::now());
    let mut kiosk = Kiosk::new(Settings::default(), clock.at(0.0));
    kiosk.act(Action::Start, clock.at(0.0));
    let r = reply(&kiosk, Request::Start, Err(too_many(45)));
    kiosk.receive(r, clock.at(0.0));
    assert!(matches!(
        kiosk.screen(),
        Screen::Attract { offline: Some(_) }
    ));
    assert_eq!(kiosk.next_deadline(), Some(clock.at(45.0)));
    // 429s for longer than RATE_LIMIT_PERSISTS (a probe each time it may).
    let mut now = 45.0;
    let limit = RATE_LIMIT_PERSISTS.as_secs_f64();
    while matches!(kiosk.screen(), Screen::Attract { .. }) {
        let effects = kiosk.tick(clock.at(now));
        let [Effect::Probe { respondent }] = effects[..] else {
            panic!("expected a probe at {now}: {effects:?}");
        };
        let r = Reply {
            respondent,
            request: Request::Start,
            outcome: Err(ApiError::TooManyRequests {
                retry_after: None,
                message: "limit".into(),
                held_back: true,
            }),
        };
        kiosk.receive(r, clock.at(now));
        let out = matches!(kiosk.screen(), Screen::OutOfService(_));
        assert_eq!(out, now >= limit, "at {now}");
        assert!(now <= limit + 40.0, "still not out of service at {now}");
        match kiosk.next_deadline() {
            Some(next) => now = next.duration_since(clock.0).as_secs_f64(),
            None => break,
        }
    }
    assert_eq!(out_of_service(&kiosk).cause, ServiceCause::ApiCallLimit);
}
