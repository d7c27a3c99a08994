//! Recovery: a standing duty of the worker. Pages that no live session owns
//! any more (an earlier process died while sending them, or a session ended
//! before its page was settled) are found in the journal and settled with
//! the server, with the same back-off as live retries, on every start and
//! for as long as the kiosk runs.
//!
//! Only the server's reply to a body is proof. For each page, recovery
//! first asks the server where the session is: a `GET take` with the
//! session's stored token (and cookies) reloads its current page. A mark is
//! written before the reload and the new token as soon as its reply comes.
//! - The same page the journal holds: the submit never reached the server.
//!   It is sent now with the token the reload just issued; the server's
//!   reply to it settles the page (and a final status there becomes the
//!   respondent's).
//! - The token refused: if some attempt may have reached the server, or an
//!   earlier reload's reply never came, nobody can tell whether the server
//!   has the page (it may have processed it, or forgotten the session): the
//!   page is **unconfirmed**, its body kept for the operator. If no attempt
//!   can have reached it, the server dropped the session without it: kept.
//! - Another page, an ended session: unconfirmed, body kept.
//!
//! A network fault, a server error or a survey that is closed just now
//! leaves the page waiting for the next try.

use std::collections::HashMap;
use std::sync::{Arc, Mutex as StdMutex};
use std::time::{Duration, Instant};

use tokio::sync::{Notify, watch};

use super::{Ledger, RetryPolicy};
use crate::api::{Client, Session, Status};
use crate::journal::{PageState, SessionState, Waiting, WaitingSummary, page_verdict};
use crate::survey;

/// With nothing due, recovery still looks at the journal this often (a page
/// written by another process, a summary to refresh).
const IDLE_LOOK: Duration = Duration::from_secs(60);

/// What one try at a waiting page came to.
enum Resolution {
    /// The page's state, how it was found out, and the final status the
    /// server answered the page with, if it did.
    Settled(PageState, String, Option<Status>),
    /// Not settled; try again after a back-off, and not before the
    /// server's `Retry-After` (an API call limit), if it gave one.
    Retry(String, Option<Duration>),
}

pub(super) async fn run(
    client: Client,
    ledger: Ledger,
    retry: RetryPolicy,
    kick: Arc<Notify>,
    mut stop: watch::Receiver<bool>,
    summary: Arc<StdMutex<WaitingSummary>>,
) {
    // Per page: when to try next and how many tries have failed in a row.
    let mut schedule: HashMap<i64, (Instant, u32)> = HashMap::new();
    let mut jitter = rand::random::<u64>() | 1;
    loop {
        let waiting = ledger.with("recovery", |j| j.waiting()).unwrap_or_default();
        schedule.retain(|page, _| waiting.iter().any(|w| w.page == *page));
        for page in &waiting {
            let now = Instant::now();
            if schedule.get(&page.page).is_some_and(|(at, _)| *at > now) {
                continue;
            }
            if *stop.borrow() {
                return;
            }
            match resolve(&client, &ledger, page).await {
                Resolution::Settled(state, note, final_status) => {
                    tracing::info!(
                        page = page.page,
                        respondent = page.respondent,
                        state = state.as_str(),
                        %note,
                        "recovered page settled"
                    );
                    ledger.with("recovered page", |j| {
                        j.settle_page(page.page, state, Some(&note))?;
                        if let Some(status) = &final_status {
                            j.respondent_finished_by_recovery(page.respondent, status.as_str())?;
                        }
                        j.flush_removed()
                    });
                    crate::metrics::page_recovered(state);
                    schedule.remove(&page.page);
                }
                Resolution::Retry(error, retry_after) => {
                    let failures = schedule.get(&page.page).map_or(0, |(_, n)| *n) + 1;
                    crate::metrics::page_retried("recovery");
                    let wait = retry
                        .delay(failures, &mut jitter)
                        .max(retry_after.unwrap_or_default());
                    tracing::warn!(
                        page = page.page,
                        %error,
                        retry_in_ms = wait.as_millis() as u64,
                        "a waiting page could not be settled yet"
                    );
                    schedule.insert(page.page, (Instant::now() + wait, failures));
                }
            }
        }
        if let Some(now) = ledger.with("waiting summary", |j| j.waiting_summary()) {
            crate::metrics::journal_waiting(&now);
            *summary.lock().unwrap_or_else(|e| e.into_inner()) = now;
        }
        let wait = schedule
            .values()
            .map(|(at, _)| at.saturating_duration_since(Instant::now()))
            .min()
            .unwrap_or(IDLE_LOOK)
            .min(IDLE_LOOK);
        tokio::select! {
            () = tokio::time::sleep(wait) => {}
            () = kick.notified() => {}
            _ = stop.changed() => return,
        }
    }
}

/// One try at one waiting page. Every token the server issues on the way is
/// written to the journal before anything else is done with its reply, and
/// a reload is marked before it is sent, so a crash anywhere leaves the
/// journal able to go on without guessing.
async fn resolve(client: &Client, ledger: &Ledger, page: &Waiting) -> Resolution {
    let Some(token) = page.token.clone() else {
        return Resolution::Settled(
            PageState::Kept,
            "no session token was kept with it, so it cannot be sent".into(),
            None,
        );
    };
    let mut session = Session::resume(client, page.survey_id, token, page.cookies.as_deref());
    let maybe_sent = page.maybe_sent;
    let session_state =
        |session: &Session| (session.token().map(str::to_owned), session.cookie_header());
    let keep = |session: &Session, maybe_sent: bool, error: Option<&str>| {
        let (token, cookies) = session_state(session);
        let state = SessionState {
            page_key: page.page_key.as_deref(),
            token: token.as_deref(),
            cookies: cookies.as_deref(),
        };
        ledger.with("recovery", |j| {
            j.page_unsettled(page.page, &state, maybe_sent, error)
        });
    };
    // The reload's reply: its token is written down first, and the mark
    // taken off.
    let answered = |session: &Session| {
        let (token, cookies) = session_state(session);
        let state = SessionState {
            page_key: page.page_key.as_deref(),
            token: token.as_deref(),
            cookies: cookies.as_deref(),
        };
        ledger.with("recovery", |j| j.reload_answered(page.page, &state));
    };
    // The reload uses up the stored token: marked before it is sent.
    ledger.with("recovery", |j| j.reload_started(page.page));
    let reload = match session.take().await {
        Ok(envelope) => {
            answered(&session);
            envelope
        }
        Err(error) => {
            if !error.may_have_arrived() {
                // Refused before it was sent: the token was not used up.
                answered(&session);
            }
            let retry_after = error.retry_after();
            let error = format!("asking the server where the session is: {error}");
            keep(&session, maybe_sent, Some(&error));
            return Resolution::Retry(error, retry_after);
        }
    };
    match &reload.status {
        Status::AuthenticationRequired if page.reloading => {
            return Resolution::Settled(
                PageState::Unconfirmed,
                "the session's token was refused, and an earlier reload by recovery was sent \
                 without its answer arriving (it may have used the token up): whether the \
                 server has this page cannot be told; its body is kept"
                    .into(),
                None,
            );
        }
        Status::AuthenticationRequired if maybe_sent => {
            return Resolution::Settled(
                PageState::Unconfirmed,
                "the session's token was refused after an attempt that may have reached the \
                 server: it may have processed the page, or forgotten the session; whether \
                 it has this page cannot be told, so its body is kept"
                    .into(),
                None,
            );
        }
        Status::AuthenticationRequired => {
            return Resolution::Settled(
                PageState::Kept,
                "the server no longer knows the session and no attempt can have reached it: \
                 the page was never received; kept for the operator"
                    .into(),
                None,
            );
        }
        status if status.is_final() => {
            return Resolution::Settled(
                PageState::Unconfirmed,
                format!(
                    "the server says the session has ended ({status}); whether this page \
                     counted cannot be told, so its body is kept"
                ),
                None,
            );
        }
        Status::Success | Status::LanguageSelectionRequired | Status::Unknown(_)
            if !reload.questions.is_empty() =>
        {
            let shown = survey::page_key(&reload.questions);
            if page.page_key.as_deref().is_some_and(|key| key != shown) {
                return Resolution::Settled(
                    PageState::Unconfirmed,
                    "the server shows another page of the session than the one this body \
                     answers: whether it counted cannot be told, so its body is kept"
                        .into(),
                    None,
                );
            }
        }
        other => {
            // Closed, paused, a server error: the session is still there.
            let error = format!("the server cannot take it now ({other})");
            keep(&session, maybe_sent, Some(&error));
            return Resolution::Retry(error, None);
        }
    }
    // The same page: the submit never reached the server. Send it now with
    // the token the reload issued (already written down), marked as maybe
    // sent first.
    keep(&session, true, None);
    ledger.with("recovery", |j| j.retrying(page.page));
    match session.submit_page(&page.body).await {
        Ok(envelope) => match page_verdict(&envelope) {
            Some(PageState::Rejected) => {
                let messages: Vec<String> = envelope
                    .validation_errors
                    .iter()
                    .map(|p| p.message.clone())
                    .collect();
                Resolution::Settled(
                    PageState::Rejected,
                    format!(
                        "sent again by recovery; the server refused it: {}",
                        messages.join("; ")
                    ),
                    None,
                )
            }
            Some(state) => Resolution::Settled(
                state,
                "it had never reached the server; recovery sent it and the server took it".into(),
                envelope.status.is_final().then(|| envelope.status.clone()),
            ),
            None if envelope.status == Status::AuthenticationRequired => Resolution::Settled(
                PageState::Unconfirmed,
                "the token the reload had just issued was refused when the page was sent: \
                 whether the server has it cannot be told, so its body is kept"
                    .into(),
                None,
            ),
            None => {
                let error = format!("sent again; the server answered {}", envelope.status);
                keep(&session, true, Some(&error));
                Resolution::Retry(error, None)
            }
        },
        Err(error) => {
            // The reload showed that no earlier attempt was processed; only
            // this one may have been (a refused connection cannot have).
            let arrived = error.may_have_arrived();
            let retry_after = error.retry_after();
            let error = format!("sending it again: {error}");
            keep(&session, arrived, Some(&error));
            Resolution::Retry(error, retry_after)
        }
    }
}
