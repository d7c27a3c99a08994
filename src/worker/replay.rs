//! Replay: a standing duty of the worker, like recovery. Respondents
//! captured offline are sent through a fresh, token-less session when the
//! API answers again, oldest first, one at a time, page by page; every page
//! the server serves is compared with the page the respondent saw, and only
//! the same page gets the captured body.
//!
//! Anything else stops that respondent with everything kept and a reason
//! for the operator (**needs attention**): the survey changed ("question
//! 'Region' is new"), the server refused an answer, the survey is closed or
//! full, the session was lost. Nothing is adapted, dropped or invented.
//!
//! The same journal guarantees as live pages: a captured page is marked
//! pending (maybe sent) before it is sent, the session's new token is
//! written with the server's reply to it, and only that reply settles the
//! page. After a crash, the session is reloaded: the same page again means
//! the send never arrived (it is sent); the next captured page means it
//! arrived but its reply was lost (the page is unconfirmed, kept, and replay
//! goes on); anything else stops with the page unconfirmed.

use std::sync::{Arc, Mutex as StdMutex};
use std::time::{Duration, Instant};

use tokio::sync::{Notify, watch};

use super::capture::{Offline, set_offline};
use super::{Ledger, RetryPolicy};
use crate::api::{ApiError, Client, Envelope, Session, Status};
use crate::journal::{
    CAPTURED, CaptureSummary, Captured, CapturedPage, MapOf, PageState, ReplayEnd, SessionState,
    page_verdict,
};
use crate::survey;

/// With nothing due, replay still looks at the journal this often.
const IDLE_LOOK: Duration = Duration::from_secs(30);

pub(super) struct Replayer {
    pub client: Client,
    pub ledger: Ledger,
    pub retry: RetryPolicy,
    pub offline: Offline,
    pub summary: Arc<StdMutex<CaptureSummary>>,
}

/// What one go at a respondent came to.
enum Go {
    Finished(ReplayEnd),
    /// Not now (the network, a server error): try again after a back-off,
    /// and not before the server's `Retry-After`.
    Later(String, Option<Duration>),
}

pub(super) async fn run(this: Replayer, kick: Arc<Notify>, mut stop: watch::Receiver<bool>) {
    let mut failures = 0u32;
    let mut next_try = Instant::now();
    let mut jitter = rand::random::<u64>() | 1;
    loop {
        if Instant::now() >= next_try {
            let queue = this
                .ledger
                .with("replay", |j| j.replay_queue())
                .unwrap_or_default();
            for captured in &queue {
                if *stop.borrow() {
                    return;
                }
                match replay_one(&this, captured).await {
                    Go::Finished(end) => {
                        failures = 0;
                        match &end {
                            ReplayEnd::Replayed { note, .. } => tracing::info!(
                                respondent = captured.respondent,
                                %note,
                                "a respondent captured offline was replayed"
                            ),
                            ReplayEnd::NeedsAttention(why) => tracing::warn!(
                                respondent = captured.respondent,
                                %why,
                                "the replay of a respondent captured offline stopped; \
                                 everything is kept"
                            ),
                        }
                        this.ledger
                            .with("replay", |j| j.replay_finished(captured.respondent, &end));
                    }
                    Go::Later(error, retry_after) => {
                        failures += 1;
                        let wait = this
                            .retry
                            .delay(failures, &mut jitter)
                            .max(retry_after.unwrap_or_default());
                        tracing::warn!(
                            respondent = captured.respondent,
                            %error,
                            retry_in_ms = wait.as_millis() as u64,
                            "replay waits"
                        );
                        next_try = Instant::now() + wait;
                        // Oldest first: the others wait their turn.
                        break;
                    }
                }
            }
        }
        if let Some(now) = this.ledger.with("capture summary", |j| j.capture_summary()) {
            crate::metrics::captured(&now);
            *this.summary.lock().unwrap_or_else(|e| e.into_inner()) = now;
        }
        let wait = next_try
            .saturating_duration_since(Instant::now())
            .max(Duration::from_millis(1));
        let wait = if failures == 0 { IDLE_LOOK } else { wait };
        tokio::select! {
            () = tokio::time::sleep(wait) => {}
            () = kick.notified() => {}
            _ = stop.changed() => return,
        }
    }
}

/// What the server serves, compared with the captured page a respondent saw.
enum Compared {
    Same,
    /// Replay of this respondent must stop: why.
    Stop(String),
    /// The server cannot answer now (an error status): later.
    Later(String),
}

fn compare(
    this: &Replayer,
    captured: &Captured,
    served: &Envelope,
    page: &CapturedPage,
    number: usize,
) -> Compared {
    let status = &served.status;
    if status.is_final() {
        return Compared::Stop(format!(
            "the server ended the session ({status}) before page {number} captured offline \
             could be sent; it and the pages after it are kept"
        ));
    }
    if status.is_unavailable() {
        return Compared::Stop(format!(
            "the survey is not taking responses ({status}) at page {number}; the captured \
             pages are kept"
        ));
    }
    if *status == Status::AuthenticationRequired {
        return Compared::Stop(format!(
            "the server no longer knows the replay's session at page {number}; the captured \
             pages from there on are kept"
        ));
    }
    if served.questions.is_empty() {
        return Compared::Later(format!("the server answered {status} without a page"));
    }
    let hash = survey::page_hash(&served.questions);
    if page.page_hash.as_deref() == Some(hash.as_str()) {
        return Compared::Same;
    }
    let map = MapOf {
        survey_id: captured.survey_id,
        language: &captured.language,
    };
    let seen = page
        .page_hash
        .as_deref()
        .and_then(|h| this.ledger.with("map", |j| j.map_page(map, h)).flatten())
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
        .and_then(|value| Envelope::from_value(&value).ok())
        .map(|envelope| envelope.questions)
        .unwrap_or_default();
    let change = survey::describe_change(&seen, &served.questions)
        .unwrap_or_else(|| "the page is different".to_owned());
    Compared::Stop(format!(
        "the survey changed at page {number}: {change}; nothing more was sent, the captured \
         pages from there on are kept"
    ))
}

/// The replay session's latest token and cookies.
fn session_state(session: &Session) -> (Option<String>, Option<String>) {
    (session.token().map(str::to_owned), session.cookie_header())
}

/// One go at one captured respondent: from its first page not yet settled
/// to the end, or to the first thing that stops it.
async fn replay_one(this: &Replayer, captured: &Captured) -> Go {
    let ledger = &this.ledger;
    let respondent = captured.respondent;
    let Some(mut at) = captured
        .pages
        .iter()
        .position(|p| p.state == CAPTURED || p.state == PageState::Pending.as_str())
    else {
        return Go::Finished(ReplayEnd::Replayed {
            final_status: None,
            note: "every page captured offline was already settled".into(),
        });
    };
    let sent_before = at > 0 || captured.pages[at].state != CAPTURED;
    ledger.with("replay", |j| j.replay_started(respondent));
    let in_flight = captured.pages[at].state == PageState::Pending.as_str();
    let (mut session, resumed) = match &captured.token {
        None if sent_before => {
            return Go::Finished(ReplayEnd::NeedsAttention(format!(
                "the replay's session was lost after page {at}; the captured pages from \
                 there on are kept"
            )));
        }
        None => (this.client.respondent(captured.survey_id), false),
        Some(token) => (
            Session::resume(
                &this.client,
                captured.survey_id,
                token.clone(),
                captured.cookies.as_deref(),
            ),
            true,
        ),
    };
    if in_flight {
        // The reload uses the stored token up: marked before it is sent.
        ledger.with("replay", |j| j.reload_started(captured.pages[at].page));
    }
    let mut served = match session.take().await {
        Ok(envelope) => envelope,
        Err(error) => return later(&error, "asking the server for the replay's page"),
    };
    if resumed && !sent_before && served.status == Status::AuthenticationRequired {
        // A session opened before a crash, nothing sent yet, and the server
        // has forgotten it: nothing can be doubled by a fresh one.
        session = this.client.respondent(captured.survey_id);
        served = match session.take().await {
            Ok(envelope) => envelope,
            Err(error) => return later(&error, "starting the replay's session"),
        };
    }
    set_offline(&this.offline, false);
    let (token, cookies) = session_state(&session);
    let pending_page = in_flight.then(|| captured.pages[at].page);
    ledger.with("replay", |j| {
        j.replay_session(
            respondent,
            pending_page,
            token.as_deref(),
            cookies.as_deref(),
        )
    });
    if in_flight {
        // A send was in flight when the process stopped.
        let page = &captured.pages[at];
        match compare(this, captured, &served, page, at + 1) {
            Compared::Same => {}
            Compared::Later(why) => return Go::Later(why, None),
            Compared::Stop(_) => {
                let moved_on = captured.pages.get(at + 1).is_some_and(|next| {
                    matches!(
                        compare(this, captured, &served, next, at + 2),
                        Compared::Same
                    )
                });
                let note = "replay sent it and its reply never came; the server has moved \
                            on or the session is gone: whether it has this page cannot be \
                            told, so its body is kept";
                ledger.with("replay", |j| {
                    j.settle_page(page.page, PageState::Unconfirmed, Some(note))
                });
                crate::metrics::page_replayed(PageState::Unconfirmed);
                if !moved_on {
                    return Go::Finished(ReplayEnd::NeedsAttention(format!(
                        "page {} was sent by replay and its reply never came; the server's \
                         session is not where it was: that page is unconfirmed, the pages \
                         after it are kept",
                        at + 1
                    )));
                }
                at += 1;
            }
        }
    }
    while let Some(page) = captured.pages.get(at) {
        match compare(this, captured, &served, page, at + 1) {
            Compared::Same => {}
            Compared::Later(why) => return Go::Later(why, None),
            Compared::Stop(why) => return Go::Finished(ReplayEnd::NeedsAttention(why)),
        }
        let Some(body) = &page.body else {
            ledger.with("replay", |j| {
                j.settle_page(
                    page.page,
                    PageState::Kept,
                    Some("the captured body cannot be read"),
                )
            });
            return Go::Finished(ReplayEnd::NeedsAttention(format!(
                "page {}'s captured answers cannot be read",
                at + 1
            )));
        };
        let (token, cookies) = session_state(&session);
        ledger.with("replay", |j| {
            j.replay_sending(page.page, token.as_deref(), cookies.as_deref())
        });
        let reply = match session.submit_page(body).await {
            Ok(reply) => reply,
            Err(error) => {
                let (token, cookies) = session_state(&session);
                let state = SessionState {
                    page_key: page.page_key.as_deref(),
                    token: token.as_deref(),
                    cookies: cookies.as_deref(),
                };
                let message = format!("replaying page {}: {error}", at + 1);
                ledger.with("replay", |j| {
                    j.page_unsettled(page.page, &state, error.may_have_arrived(), Some(&message))?;
                    j.replay_session(respondent, None, token.as_deref(), cookies.as_deref())
                });
                return later(&error, &format!("replaying page {}", at + 1));
            }
        };
        let (token, cookies) = session_state(&session);
        let settle = |state: PageState, note: &str| {
            ledger.with("replay", |j| {
                j.replay_answered(
                    respondent,
                    page.page,
                    (token.as_deref(), cookies.as_deref()),
                    state,
                    note,
                )
            });
            crate::metrics::page_replayed(state);
        };
        match (&reply.status, page_verdict(&reply)) {
            (_, Some(PageState::Rejected)) => {
                let messages: Vec<String> = reply
                    .validation_errors
                    .iter()
                    .map(|p| p.message.clone())
                    .collect();
                let why = format!(
                    "the server refused page {}'s captured answers: {}",
                    at + 1,
                    messages.join("; ")
                );
                settle(PageState::Kept, &why);
                return Go::Finished(ReplayEnd::NeedsAttention(format!(
                    "{why}; nothing was changed, the captured pages from there on are kept"
                )));
            }
            (_, Some(state)) => {
                settle(
                    state,
                    "replayed: captured offline, sent by replay, taken by the server",
                );
                served = reply;
                at += 1;
            }
            (Status::AuthenticationRequired, None) => {
                settle(
                    PageState::Kept,
                    "replay sent it and the server refused the session's token: not taken",
                );
                return Go::Finished(ReplayEnd::NeedsAttention(format!(
                    "the server refused the replay's session at page {}; the captured pages \
                     from there on are kept",
                    at + 1
                )));
            }
            (status, None) => {
                let message = format!("replaying page {}: the server answered {status}", at + 1);
                let state = SessionState {
                    page_key: page.page_key.as_deref(),
                    token: token.as_deref(),
                    cookies: cookies.as_deref(),
                };
                ledger.with("replay", |j| {
                    j.page_unsettled(page.page, &state, true, Some(&message))?;
                    j.replay_session(respondent, None, token.as_deref(), cookies.as_deref())
                });
                return Go::Later(message, None);
            }
        }
    }
    Go::Finished(if served.status.is_final() {
        ReplayEnd::Replayed {
            final_status: Some(served.status.as_str().to_owned()),
            note: format!(
                "every page captured offline was sent and taken; the server ended the session \
                 with {}",
                served.status
            ),
        }
    } else {
        ReplayEnd::Replayed {
            final_status: None,
            note: "every page captured offline was sent and taken; the survey goes on past the \
                   last page answered offline, so the server holds an incomplete response"
                .into(),
        }
    })
}

/// A fault to wait out; a network fault keeps the kiosk capturing.
fn later(error: &ApiError, what: &str) -> Go {
    if super::capture::network_fault(error) {
        tracing::debug!(%error, "replay: the API cannot be reached yet");
    }
    Go::Later(format!("{what}: {error}"), error.retry_after())
}
