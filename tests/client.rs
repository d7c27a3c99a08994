//! The take-survey client against the embedded demo server, over real HTTP.

// A test that cannot set up stops with the reason: `expect` is how it says so.
#![allow(clippy::expect_used)]

use std::time::Duration;

use rand::SeedableRng;
use rand::rngs::StdRng;
use survey_kiosk::api::{ApiError, Client, ClientSettings, Envelope, ErrorKind, Session, Status};
use survey_kiosk::demo::{
    Availability, CLOSED_SURVEY_ID, DEMO_API_KEY, DEMO_SURVEY_ID, DemoServer, FORBIDDEN_SURVEY_ID,
    Fault, LONG_SURVEY_ID, QUOTA_SURVEY_ID,
};
use survey_kiosk::rehearsal::random_answer;
use survey_kiosk::survey::{self, Answer, FormBody, QuestionKind};

mod common;
use common::demo_server_here;

fn client(server: &DemoServer) -> Client {
    let mut settings = ClientSettings::new(server.base_url(), DEMO_API_KEY);
    settings.request_timeout = Duration::from_secs(2);
    Client::new(&settings).expect("a client of the demo server")
}

fn ok(result: Result<Envelope, ApiError>) -> Envelope {
    result.expect("an answer, not an error")
}

/// Valid random answers for a page, encoded.
fn answer_page(envelope: &Envelope, rng: &mut StdRng) -> FormBody {
    let answers: Vec<Answer> = envelope
        .questions
        .iter()
        .map(|q| random_answer(q, rng))
        .collect();
    assert!(survey::validate_page(&envelope.questions, &answers).is_empty());
    survey::encode_page(&envelope.questions, &answers)
}

#[tokio::test]
async fn a_session_rotates_its_token_and_only_the_latest_works() {
    let server = demo_server_here().await;
    let client = client(&server);
    let mut session = client.respondent(DEMO_SURVEY_ID);
    assert_eq!(session.token(), None);
    let first = ok(session.take().await);
    assert_eq!(first.status, Status::Success);
    assert!(!first.can_go_back());
    let first_token = session.token().map(str::to_owned).unwrap_or_default();
    assert!(!first_token.is_empty(), "the first take gives a token");
    let reload = ok(session.take().await);
    assert_eq!(
        reload.questions, first.questions,
        "take with a token reloads the page"
    );
    let second_token = session.token().map(str::to_owned).unwrap_or_default();
    assert_ne!(
        first_token, second_token,
        "every answer refreshes the token"
    );
    // A client that resent the stale token would be refused.
    let mut stale = Session::resume(&client, DEMO_SURVEY_ID, first_token, None);
    assert_eq!(
        ok(stale.take().await).status,
        Status::AuthenticationRequired
    );
    // The session itself still works: it sends the latest.
    assert_eq!(ok(session.take().await).status, Status::Success);
    let mut tampered = Session::resume(&client, DEMO_SURVEY_ID, format!("{second_token}x"), None);
    assert_eq!(
        ok(tampered.take().await).status,
        Status::AuthenticationRequired
    );
}

#[tokio::test]
async fn the_showcase_survey_parses_every_kind_with_big_ids() {
    let server = demo_server_here().await;
    let client = client(&server);
    let mut rng = StdRng::seed_from_u64(3);
    let mut kinds = std::collections::BTreeSet::new();
    let mut big_ids = 0;
    // Walk until the survey completes (re-starting after a screen-out).
    for _ in 0..20 {
        let mut session = client.respondent(DEMO_SURVEY_ID);
        let mut page = ok(session.take().await);
        while page.status == Status::Success {
            for q in &page.questions {
                kinds.insert(
                    survey_kiosk::check::describe(q)
                        .split([',', ' '])
                        .next()
                        .unwrap_or("")
                        .to_owned(),
                );
                if matches!(q.kind, QuestionKind::Matrix { multiple: true, .. }) {
                    kinds.insert("matrix-multi".into());
                }
                if q.id > u64::from(u32::MAX) {
                    big_ids += 1;
                }
            }
            let body = answer_page(&page, &mut rng);
            page = ok(session.submit_page(&body).await);
        }
        if page.status == Status::SurveyComplete {
            break;
        }
        assert_eq!(page.status, Status::Terminated);
    }
    for kind in [
        "single",
        "multiple",
        "text",
        "contact",
        "rank",
        "constant",
        "date",
        "calendar",
        "matrix",
        "matrix-multi",
        "descriptive",
        "NOT",
    ] {
        assert!(
            kinds.contains(kind),
            "the demo survey lacks {kind}: {kinds:?}"
        );
    }
    assert!(big_ids > 0, "no question id above 2^32");
}

#[tokio::test]
async fn previous_page_embeds_what_was_sent() {
    let server = demo_server_here().await;
    let client = client(&server);
    for seed in 0..10 {
        let mut rng = StdRng::seed_from_u64(seed);
        let mut session = client.respondent(DEMO_SURVEY_ID);
        let first = ok(session.take().await);
        let sent = answer_page(&first, &mut rng);
        let second = ok(session.submit_page(&sent).await);
        if second.status != Status::Success {
            continue; // screened out on the first page
        }
        assert!(second.can_go_back());
        let back = ok(session.previous_page().await);
        assert_eq!(back.status, Status::Success);
        // What the server embedded, read back and encoded again, is what was sent.
        let prefilled = survey::prefill(&back.questions, None);
        assert_eq!(survey::encode_page(&back.questions, &prefilled), sent);
        // Resubmitting goes forward again.
        assert_eq!(ok(session.submit_page(&sent).await).status, Status::Success);
        return;
    }
    panic!("every seed was screened out");
}

#[tokio::test]
async fn two_respondents_in_a_row_share_nothing() {
    let server = demo_server_here().await;
    let client = client(&server);
    let mut rng = StdRng::seed_from_u64(9);
    let mut first = client.respondent(DEMO_SURVEY_ID);
    let page = ok(first.take().await);
    let body = answer_page(&page, &mut rng);
    ok(first.submit_page(&body).await);
    let mut second = client.respondent(DEMO_SURVEY_ID);
    assert_eq!(second.token(), None);
    let fresh = ok(second.take().await);
    assert_eq!(fresh.status, Status::Success);
    assert!(
        !fresh.can_go_back(),
        "a new respondent starts on the first page"
    );
    assert_ne!(second.token(), first.token());
    assert!(
        survey::prefill(&fresh.questions, None)
            .iter()
            .all(Answer::is_empty)
    );
    // The server would refuse a cookie from the other session; both go on.
    assert_eq!(ok(second.take().await).status, Status::Success);
    // (The first may have been screened out: then it is already completed.)
    assert_ne!(
        ok(first.take().await).status,
        Status::AuthenticationRequired
    );
}

#[tokio::test]
async fn statuses_map_to_their_variants() {
    let server = demo_server_here().await;
    let client = client(&server);
    let mut closed = client.respondent(CLOSED_SURVEY_ID);
    assert_eq!(ok(closed.take().await).status, Status::SurveyClosed);

    let mut quota = client.respondent(QUOTA_SURVEY_ID);
    let page = ok(quota.take().await);
    let body = answer_page(&page, &mut StdRng::seed_from_u64(1));
    assert_eq!(ok(quota.submit_page(&body).await).status, Status::QuotaFull);
    assert_eq!(ok(quota.take().await).status, Status::AlreadyCompleted);

    for (availability, status) in [
        (Availability::Paused, Status::SurveyPaused),
        (Availability::Suspended, Status::SurveySuspended),
        (Availability::QuotaFull, Status::QuotaFull),
        (Availability::Closed, Status::SurveyClosed),
    ] {
        server.set_availability(DEMO_SURVEY_ID, availability);
        let mut session = client.respondent(DEMO_SURVEY_ID);
        assert_eq!(ok(session.take().await).status, status);
    }
    server.set_availability(DEMO_SURVEY_ID, Availability::Open);

    let mut session = client.respondent(DEMO_SURVEY_ID);
    let page = ok(session.take().await);
    let rejected = ok(session.submit_page(&FormBody::default()).await);
    assert_eq!(rejected.status, Status::ValidationErrors);
    assert!(!rejected.validation_errors.is_empty());
    for problem in &rejected.validation_errors {
        assert!(
            problem.question_index(&page.questions).is_some(),
            "{problem:?} names no question"
        );
    }
}

#[tokio::test]
async fn http_errors_keep_name_id_and_message() {
    let server = demo_server_here().await;
    let wrong_key = Client::new(&ClientSettings::new(server.base_url(), "not-the-key"))
        .expect("a client with the wrong key");
    let error = wrong_key.respondent(DEMO_SURVEY_ID).take().await.err();
    assert!(
        matches!(&error, Some(ApiError::Http { status: 401, name, id, .. }) if name == "UNAUTHORIZED" && id == "1010"),
        "{error:?}"
    );
    assert_eq!(error.map(|e| e.kind()), Some(ErrorKind::Unauthorized));

    let client = client(&server);
    let error = client.respondent(987654321).take().await.err();
    assert!(
        matches!(&error, Some(ApiError::Http { status: 404, name, .. }) if name == "NOT_FOUND"),
        "{error:?}"
    );
    let error = client.respondent(FORBIDDEN_SURVEY_ID).take().await.err();
    assert!(
        matches!(&error, Some(ApiError::Http { status: 403, name, .. }) if name == "FORBIDDEN"),
        "{error:?}"
    );

    let mut session = client.respondent(DEMO_SURVEY_ID);
    ok(session.take().await);
    let mut bogus = FormBody::default();
    bogus.0.insert("u_1".into(), "2".into());
    let error = session.submit_page(&bogus).await.err();
    assert!(
        matches!(&error, Some(ApiError::Http { status: 400, message, .. }) if message.contains("u_1")),
        "{error:?}"
    );
    assert_eq!(error.map(|e| e.is_retryable()), Some(false));
}

#[tokio::test]
async fn a_session_cannot_submit_before_it_starts() {
    let server = demo_server_here().await;
    let mut session = client(&server).respondent(DEMO_SURVEY_ID);
    assert!(matches!(
        session.submit_page(&FormBody::default()).await,
        Err(ApiError::NoSession)
    ));
    assert!(matches!(
        session.previous_page().await,
        Err(ApiError::NoSession)
    ));
}

#[tokio::test]
async fn each_fault_is_retryable_and_the_retry_is_accepted_once() {
    let server = demo_server_here().await;
    let client = client(&server);
    let faults = [
        Fault::Status500,
        Fault::Html503,
        Fault::Garbage,
        Fault::Truncated,
        Fault::Drop,
        Fault::Delay(Duration::from_secs(3)),
    ];
    for (n, fault) in faults.into_iter().enumerate() {
        let mut rng = StdRng::seed_from_u64(n as u64);
        // On take.
        let mut session = client.respondent(LONG_SURVEY_ID);
        let first = ok(session.take().await);
        server.inject(fault, 1);
        let error = session.take().await.err();
        assert!(
            error.as_ref().is_some_and(ApiError::is_retryable),
            "{fault:?} on take: {error:?}"
        );
        assert_eq!(
            ok(session.take().await).questions,
            first.questions,
            "{fault:?}"
        );
        // On submit-page: the same token and body succeed after the fault.
        let body = answer_page(&first, &mut rng);
        let before = server.accepted().len();
        server.inject(fault, 1);
        let error = session.submit_page(&body).await.err();
        assert!(
            error.as_ref().is_some_and(ApiError::is_retryable),
            "{fault:?} on submit: {error:?}"
        );
        assert_eq!(
            ok(session.submit_page(&body).await).status,
            Status::SurveyComplete,
            "{fault:?}"
        );
        let accepted = server.accepted();
        assert_eq!(
            accepted.len(),
            before + 1,
            "{fault:?}: accepted exactly once"
        );
        assert_eq!(
            accepted.last().map(|a| &a.body),
            serde_json::to_value(&body).ok().as_ref()
        );
    }
}

#[tokio::test]
async fn faults_on_previous_page_are_retryable() {
    let server = demo_server_here().await;
    let client = client(&server);
    for seed in 0..10 {
        let mut rng = StdRng::seed_from_u64(seed);
        let mut session = client.respondent(DEMO_SURVEY_ID);
        let first = ok(session.take().await);
        if ok(session.submit_page(&answer_page(&first, &mut rng)).await).status != Status::Success {
            continue;
        }
        for fault in [
            Fault::Status500,
            Fault::Html503,
            Fault::Garbage,
            Fault::Truncated,
            Fault::Drop,
        ] {
            server.inject(fault, 1);
            let error = session.previous_page().await.err();
            assert!(
                error.as_ref().is_some_and(ApiError::is_retryable),
                "{fault:?}: {error:?}"
            );
        }
        let back = ok(session.previous_page().await);
        let ids = |e: &Envelope| e.questions.iter().map(|q| q.id).collect::<Vec<_>>();
        assert_eq!(ids(&back), ids(&first), "back on the first page");
        return;
    }
    panic!("every seed was screened out");
}

#[tokio::test]
async fn a_delay_past_the_timeout_is_a_timeout() {
    let server = demo_server_here().await;
    let mut session = client(&server).respondent(DEMO_SURVEY_ID);
    server.inject(Fault::Delay(Duration::from_secs(5)), 1);
    let error = session.take().await.err();
    assert!(matches!(error, Some(ApiError::Timeout)), "{error:?}");
}

#[tokio::test]
async fn a_429_is_a_typed_error_with_its_retry_after_and_holds_the_client_back() {
    let server = demo_server_here().await;
    let client = client(&server);
    let mut session = client.respondent(DEMO_SURVEY_ID);
    let first = ok(session.take().await);
    assert_eq!(client.calls().take, 1);
    server.inject(
        Fault::TooMany {
            retry_after_secs: 1,
        },
        1,
    );
    let error = session.take().await.err();
    assert!(
        matches!(
            &error,
            Some(ApiError::TooManyRequests { retry_after: Some(wait), message, held_back: false })
                if *wait == Duration::from_secs(1) && message == "API call limit exceeded"
        ),
        "{error:?}"
    );
    let error = error.expect("an error");
    assert_eq!(error.kind(), ErrorKind::RateLimited);
    assert_eq!(error.http_status(), Some(429));
    assert!(error.is_retryable());
    assert_eq!(error.retry_after(), Some(Duration::from_secs(1)));
    assert_eq!(client.calls().take, 2, "the refused call counts too");
    // Until Retry-After has passed, nothing is sent (no retry storm): the
    // client answers for the server.
    let requests = server.request_count();
    let held = session.take().await.err();
    assert!(
        matches!(
            &held,
            Some(ApiError::TooManyRequests {
                held_back: true,
                retry_after: Some(_),
                ..
            })
        ),
        "{held:?}"
    );
    assert_eq!(server.request_count(), requests, "nothing was sent");
    assert_eq!(client.calls().take, 2);
    // Afterwards the same session goes on. (Not a wait for a condition:
    // the server's Retry-After of 1 s has to pass.)
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(ok(session.take().await).questions, first.questions);
    assert_eq!(client.calls().total(), 3);
}

#[test]
fn the_datacenters_are_questionpros_own() {
    use survey_kiosk::api::datacenter_base_url;
    for (key, host) in [
        ("com", "api.questionpro.com"),
        ("us", "api.questionpro.com"),
        ("eu", "api.questionpro.eu"),
        ("ca", "api.questionpro.ca"),
        ("sg", "api.questionpro.sg"),
        ("AU", "api.questionpro.au"),
        ("ae", "api.questionpro.ae"),
        ("sa", "api.surveyanalytics.com"),
        ("ksa", "api.questionprosa.com"),
        (".eu", "api.questionpro.eu"),
        ("", "api.questionpro.com"),
    ] {
        assert_eq!(
            datacenter_base_url(key),
            format!("https://{host}/a/api/v2"),
            "{key}"
        );
    }
}
