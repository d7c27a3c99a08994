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
use crate::api::{Client, Envelope, Session, Status};
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
    let mut attempt = Attempt {
        ledger,
        page,
        session: Session::resume(client, page.survey_id, token, page.cookies.as_deref()),
    };
    match attempt.reload().await {
        // The same page: the submit never reached the server.
        Ok(()) => attempt.resend().await,
        Err(resolution) => resolution,
    }
}

/// One try at a page: its session as recovery resumed it.
struct Attempt<'a> {
    ledger: &'a Ledger,
    page: &'a Waiting,
    session: Session,
}

impl Attempt<'_> {
    /// The session's latest token and cookies as the journal keeps them.
    fn with_state<T>(&self, f: impl FnOnce(&SessionState<'_>) -> T) -> T {
        let token = self.session.token().map(str::to_owned);
        let cookies = self.session.cookie_header();
        f(&SessionState {
            page_key: self.page.page_key.as_deref(),
            token: token.as_deref(),
            cookies: cookies.as_deref(),
        })
    }

    /// Not settled: the latest token and cookies, whether an attempt may
    /// have reached the server, and why it failed.
    fn keep(&self, maybe_sent: bool, error: Option<&str>) {
        let page = self.page.page;
        self.with_state(|state| {
            self.ledger.with("recovery", |j| {
                j.page_unsettled(page, state, maybe_sent, error)
            })
        });
    }

    /// The reload's reply: its token written down first, the mark taken off.
    fn answered(&self) {
        let page = self.page.page;
        self.with_state(|state| {
            self.ledger
                .with("recovery", |j| j.reload_answered(page, state))
        });
    }

    /// Asks the server where the session is. `Ok` when it shows the page
    /// this body answers (the submit never arrived); otherwise what became
    /// of the page, or a retry.
    async fn reload(&mut self) -> Result<(), Resolution> {
        let page = self.page;
        // The reload uses up the stored token: marked before it is sent.
        self.ledger
            .with("recovery", |j| j.reload_started(page.page));
        let reload = match self.session.take().await {
            Ok(envelope) => {
                self.answered();
                envelope
            }
            Err(error) => {
                if !error.may_have_arrived() {
                    // Refused before it was sent: the token was not used up.
                    self.answered();
                }
                let retry_after = error.retry_after();
                let error = format!("asking the server where the session is: {error}");
                self.keep(page.maybe_sent, Some(&error));
                return Err(Resolution::Retry(error, retry_after));
            }
        };
        match judge_reload(page, &reload) {
            Some(resolution) => {
                if let Resolution::Retry(error, _) = &resolution {
                    self.keep(page.maybe_sent, Some(error));
                }
                Err(resolution)
            }
            None => Ok(()),
        }
    }

    /// Sends the body again with the token the reload issued (already
    /// written down), marked as maybe sent first.
    async fn resend(&mut self) -> Resolution {
        self.keep(true, None);
        let page = self.page.page;
        self.ledger.with("recovery", |j| j.retrying(page));
        match self.session.submit_page(&self.page.body).await {
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
                    "it had never reached the server; recovery sent it and the server took it"
                        .into(),
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
                    self.keep(true, Some(&error));
                    Resolution::Retry(error, None)
                }
            },
            Err(error) => {
                // The reload showed that no earlier attempt was processed;
                // only this one may have been (a refused connection cannot
                // have).
                let arrived = error.may_have_arrived();
                let retry_after = error.retry_after();
                let error = format!("sending it again: {error}");
                self.keep(arrived, Some(&error));
                Resolution::Retry(error, retry_after)
            }
        }
    }
}

/// What the server's answer to recovery's reload says of `page`: `None`
/// when it shows the page this body answers (send it), else what became of
/// it (never "taken": a refused token is no proof) or a retry.
fn judge_reload(page: &Waiting, reload: &Envelope) -> Option<Resolution> {
    let unconfirmed = |why: String| Some(Resolution::Settled(PageState::Unconfirmed, why, None));
    match &reload.status {
        Status::AuthenticationRequired if page.reloading => unconfirmed(
            "the session's token was refused, and an earlier reload by recovery was sent \
             without its answer arriving (it may have used the token up): whether the \
             server has this page cannot be told; its body is kept"
                .into(),
        ),
        Status::AuthenticationRequired if page.maybe_sent => unconfirmed(
            "the session's token was refused after an attempt that may have reached the \
             server: it may have processed the page, or forgotten the session; whether \
             it has this page cannot be told, so its body is kept"
                .into(),
        ),
        Status::AuthenticationRequired => Some(Resolution::Settled(
            PageState::Kept,
            "the server no longer knows the session and no attempt can have reached it: \
             the page was never received; kept for the operator"
                .into(),
            None,
        )),
        status if status.is_final() => unconfirmed(format!(
            "the server says the session has ended ({status}); whether this page \
             counted cannot be told, so its body is kept"
        )),
        Status::Success | Status::LanguageSelectionRequired | Status::Unknown(_)
            if !reload.questions.is_empty() =>
        {
            let shown = survey::page_key(&reload.questions);
            page.page_key
                .as_deref()
                .is_some_and(|key| key != shown)
                .then(|| {
                    Resolution::Settled(
                        PageState::Unconfirmed,
                        "the server shows another page of the session than the one this body \
                         answers: whether it counted cannot be told, so its body is kept"
                            .into(),
                        None,
                    )
                })
        }
        // Closed, paused, a server error: the session is still there.
        other => Some(Resolution::Retry(
            format!("the server cannot take it now ({other})"),
            None,
        )),
    }
}
