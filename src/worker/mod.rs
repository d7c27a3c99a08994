//! The I/O side of the kiosk: a thread with a tokio runtime that owns the
//! HTTP client and the respondents' sessions, executes the kiosk's effects
//! and reports back.

use std::collections::HashMap;
use std::sync::mpsc as std_mpsc;
use std::sync::{Arc, Mutex as StdMutex};
use std::time::{Duration, Instant};

use tokio::sync::{Mutex, mpsc};

use crate::api::{ApiError, Client, Envelope, Session, Status};
use crate::journal::{Journal, JournalError, PageState, RespondentEnd};
use crate::kiosk::{Effect, Outcome, Reply, Request};
use crate::survey::FormBody;

/// Commands waiting for the worker; the kiosk never has more than a few.
const COMMAND_CAPACITY: usize = 64;
/// Replies waiting for the UI; it drains them every frame.
const REPLY_CAPACITY: usize = 256;

#[derive(Debug, thiserror::Error)]
pub enum WorkerError {
    #[error("could not start the background worker: {0}")]
    Spawn(#[from] std::io::Error),
    #[error("the background worker has stopped")]
    Stopped,
}

/// Where the worker keeps its records.
pub enum Records {
    /// No journal at all (tests, tools).
    None,
    Journal {
        journal: Journal,
        rehearsal: bool,
    },
    /// A journal was wanted but could not be opened: the kiosk runs on and
    /// says so.
    Unavailable(JournalError),
}

/// Handle to the worker thread. Dropping it lets in-flight requests finish
/// (up to their timeout), then joins the thread.
pub struct Worker {
    commands: Option<mpsc::Sender<Effect>>,
    journal_problem: Arc<StdMutex<Option<String>>>,
    replies: std_mpsc::Receiver<Reply>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Worker {
    /// Starts the worker. `notify` is called after each reply (the UI asks
    /// egui for a repaint there).
    pub fn spawn(
        client: Client,
        survey_id: u64,
        notify: impl Fn() + Send + Sync + 'static,
    ) -> Result<Worker, WorkerError> {
        Worker::spawn_with(client, survey_id, Records::None, notify)
    }

    /// Starts the worker with a journal (or the reason there is none).
    /// `rehearsal` marks its respondents as rehearsals (walk).
    pub fn spawn_with(
        client: Client,
        survey_id: u64,
        records: Records,
        notify: impl Fn() + Send + Sync + 'static,
    ) -> Result<Worker, WorkerError> {
        let (journal, problem, rehearsal) = match records {
            Records::None => (None, None, false),
            Records::Journal { journal, rehearsal } => {
                (Some(Arc::new(StdMutex::new(journal))), None, rehearsal)
            }
            Records::Unavailable(error) => {
                tracing::error!(%error, "no local journal: answers go to the server only");
                (None, Some(error.for_operator()), false)
            }
        };
        let journal_problem = Arc::new(StdMutex::new(problem));
        let ledger = Ledger {
            journal,
            problem: journal_problem.clone(),
            rehearsal,
        };
        let (command_tx, command_rx) = mpsc::channel(COMMAND_CAPACITY);
        let (reply_tx, reply_rx) = std_mpsc::sync_channel(REPLY_CAPACITY);
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let thread = std::thread::Builder::new()
            .name("kiosk-worker".into())
            .spawn(move || {
                runtime.block_on(run(
                    client,
                    survey_id,
                    ledger,
                    command_rx,
                    reply_tx,
                    Arc::new(notify),
                ));
            })?;
        Ok(Worker {
            commands: Some(command_tx),
            journal_problem,
            replies: reply_rx,
            thread: Some(thread),
        })
    }

    /// Hands an effect to the worker without blocking. `ResetUi` is not the
    /// worker's and is ignored.
    pub fn send(&self, effect: Effect) -> Result<(), WorkerError> {
        if effect == Effect::ResetUi {
            return Ok(());
        }
        let commands = self.commands.as_ref().ok_or(WorkerError::Stopped)?;
        commands.try_send(effect).map_err(|e| {
            tracing::error!(error = %e, "the worker's queue refused a command");
            WorkerError::Stopped
        })
    }

    /// Why the kiosk cannot keep a local copy of answers, if it cannot.
    pub fn journal_problem(&self) -> Option<String> {
        self.journal_problem
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// A reply, if one is waiting.
    pub fn try_recv(&self) -> Option<Reply> {
        self.replies.try_recv().ok()
    }

    /// Waits up to `timeout` for a reply.
    pub fn recv_timeout(&self, timeout: Duration) -> Option<Reply> {
        self.replies.recv_timeout(timeout).ok()
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        // Closing the channel ends the command loop once in-flight sends finish.
        self.commands.take();
        if let Some(thread) = self.thread.take()
            && thread.join().is_err()
        {
            tracing::error!("the worker thread panicked");
        }
    }
}

/// One respondent's session and what the journal knows of it.
struct Respondent {
    session: Session,
    /// Its journal record, when there is a journal.
    record: Option<i64>,
    /// The page written to the journal and not yet settled, with its body
    /// and the number of attempts at sending it.
    pending: Option<(i64, FormBody, u32)>,
    /// When the page now on screen arrived (time per page).
    shown_at: Instant,
}

type Shared = Arc<Mutex<Respondent>>;

/// The journal as the worker uses it: every call is logged and reported on
/// failure, never fatal. Answers keep flowing to the server without it.
#[derive(Clone)]
struct Ledger {
    journal: Option<Arc<StdMutex<Journal>>>,
    problem: Arc<StdMutex<Option<String>>>,
    rehearsal: bool,
}

impl Ledger {
    fn with<T>(
        &self,
        what: &str,
        f: impl FnOnce(&Journal) -> Result<T, JournalError>,
    ) -> Option<T> {
        let journal = self.journal.as_ref()?;
        let journal = journal.lock().unwrap_or_else(|e| e.into_inner());
        match f(&journal) {
            Ok(value) => Some(value),
            Err(error) => {
                tracing::error!(%error, what, "the journal failed");
                *self.problem.lock().unwrap_or_else(|e| e.into_inner()) =
                    Some(error.for_operator());
                None
            }
        }
    }
}

async fn run(
    client: Client,
    survey_id: u64,
    ledger: Ledger,
    mut commands: mpsc::Receiver<Effect>,
    replies: std_mpsc::SyncSender<Reply>,
    notify: Arc<dyn Fn() + Send + Sync>,
) {
    let mut sessions: HashMap<u64, Shared> = HashMap::new();
    let mut tasks = tokio::task::JoinSet::new();
    if ledger.journal.is_some() {
        // Pages an earlier process could not confirm: in the background, never
        // on screen.
        tasks.spawn(recover(client.clone(), ledger.clone()));
    }
    while let Some(effect) = commands.recv().await {
        // Reap finished tasks so the set does not grow all day.
        while tasks.try_join_next().is_some() {}
        let (respondent, request, body) = match effect {
            Effect::Start { respondent } | Effect::Probe { respondent } => {
                // A brand-new session: no token, no cookies.
                let record =
                    ledger.with("begin", |j| j.begin_respondent(survey_id, ledger.rehearsal));
                let state = Respondent {
                    session: client.respondent(survey_id),
                    record,
                    pending: None,
                    shown_at: Instant::now(),
                };
                sessions.insert(respondent, Arc::new(Mutex::new(state)));
                (respondent, Request::Start, None)
            }
            Effect::Submit { respondent, body } => (respondent, Request::Submit, Some(body)),
            Effect::Previous { respondent } => (respondent, Request::Previous, None),
            Effect::End {
                respondent,
                outcome,
            } => {
                if let Some(shared) = sessions.remove(&respondent) {
                    // After any send still in flight for this respondent.
                    let ledger = ledger.clone();
                    tasks.spawn(async move {
                        let state = shared.lock().await;
                        let started = state.session.token().is_some();
                        end(&ledger, state.record, started, respondent, outcome);
                    });
                }
                continue;
            }
            Effect::ResetUi => continue,
        };
        let Some(shared) = sessions.get(&respondent).cloned() else {
            tracing::warn!(
                respondent,
                ?request,
                "no session for this respondent any more"
            );
            continue;
        };
        let replies = replies.clone();
        let notify = notify.clone();
        let ledger = ledger.clone();
        tasks.spawn(async move {
            let mut state = shared.lock().await;
            let outcome = match (request, &body) {
                (Request::Start, _) => state.session.take().await,
                (Request::Submit, Some(body)) => submit(&ledger, &mut state, body).await,
                (Request::Submit, None) | (Request::Previous, _) => {
                    state.session.previous_page().await
                }
            };
            if let Some(record) = state.record {
                let token = state.session.token().map(str::to_owned);
                ledger.with("token", |j| j.set_token(record, token.as_deref()));
            }
            if outcome.as_ref().is_ok_and(|e| !e.questions.is_empty()) {
                state.shown_at = Instant::now();
            }
            drop(state);
            let reply = Reply {
                respondent,
                request,
                outcome,
            };
            if replies.send(reply).is_err() {
                tracing::debug!("the kiosk is gone; reply dropped");
            }
            notify();
        });
    }
    // Let in-flight sends finish: a reset or shutdown never cancels answers.
    while tasks.join_next().await.is_some() {}
}

/// Sends a page: written to the journal first, settled by the answer.
async fn submit(
    ledger: &Ledger,
    state: &mut Respondent,
    body: &FormBody,
) -> Result<Envelope, ApiError> {
    let page = match (&mut state.pending, state.record) {
        // The same body again: a retry of the page already written.
        (Some((page, pending, attempts)), _) if pending == body => {
            *attempts += 1;
            let page = *page;
            ledger.with("retry", |j| j.retrying(page));
            Some(page)
        }
        (_, Some(record)) => {
            let seconds = state.shown_at.elapsed().as_secs_f64();
            let page = ledger.with("write", |j| j.write_page(record, body, seconds));
            state.pending = page.map(|page| (page, body.clone(), 1));
            page
        }
        (_, None) => None,
    };
    let outcome = state.session.submit_page(body).await;
    let attempts = state.pending.as_ref().map_or(1, |(_, _, n)| *n);
    let settled = match &outcome {
        Ok(envelope) => match &envelope.status {
            Status::Error => None,
            Status::ValidationErrors => Some(PageState::Rejected),
            Status::AuthenticationRequired if attempts > 1 => Some(PageState::Unknown),
            status if status.is_final() || !envelope.questions.is_empty() => {
                Some(PageState::Accepted)
            }
            Status::Success => Some(PageState::Accepted),
            _ => Some(PageState::Kept),
        },
        Err(error) if error.is_retryable() => None,
        Err(_) => Some(PageState::Kept),
    };
    if let (Some(state_of_page), Some(page)) = (settled, page) {
        ledger.with("settle", |j| j.settle_page(page, state_of_page));
    }
    if settled.is_some() {
        state.pending = None;
    }
    outcome
}

/// Closes a respondent's record (a probe's is forgotten).
fn end(ledger: &Ledger, record: Option<i64>, started: bool, respondent: u64, outcome: Outcome) {
    match &outcome {
        Outcome::Probe => tracing::debug!(respondent, "probe finished"),
        outcome => tracing::debug!(respondent, ?outcome, "session ended"),
    }
    let Some(record) = record else { return };
    let end = match outcome {
        Outcome::Probe => {
            ledger.with("forget probe", |j| j.forget_probe(record));
            return;
        }
        Outcome::Final(status) => RespondentEnd::Final(status.as_str().to_owned()),
        Outcome::TimedOut => RespondentEnd::TimedOut,
        Outcome::Abandoned => RespondentEnd::Abandoned,
        Outcome::Failed(why) if !started => RespondentEnd::StartFailed(why),
        Outcome::Failed(why) => RespondentEnd::Failed(why),
    };
    ledger.with("end", |j| j.end_respondent(record, &end));
}

/// Start-up recovery: a page an earlier process wrote but never saw
/// confirmed is sent once more with its session's stored token; whatever
/// cannot be completed stays in the journal, marked.
async fn recover(client: Client, ledger: Ledger) {
    let Some(unfinished) = ledger.with("recovery", |j| j.unfinished()) else {
        return;
    };
    if unfinished.is_empty() {
        return;
    }
    tracing::info!(
        sessions = unfinished.len(),
        "recovering sessions an earlier run left open"
    );
    let mut accepted = 0;
    for open in unfinished {
        for (page, body) in &open.pending {
            let state = match &open.token {
                Some(token) => {
                    let mut session = Session::resume(&client, open.survey_id, token.clone());
                    match session.submit_page(body).await {
                        Ok(envelope)
                            if envelope.status.is_final() || !envelope.questions.is_empty() =>
                        {
                            PageState::Accepted
                        }
                        Ok(envelope) if envelope.status == Status::AuthenticationRequired => {
                            PageState::Unknown
                        }
                        Ok(envelope) => {
                            tracing::warn!(status = %envelope.status, "a recovered page was not taken");
                            PageState::Kept
                        }
                        Err(error) => {
                            tracing::warn!(%error, "a recovered page could not be sent");
                            PageState::Kept
                        }
                    }
                }
                None => PageState::Kept,
            };
            if state == PageState::Accepted {
                accepted += 1;
            }
            ledger.with("recovered page", |j| j.settle_page(*page, state));
        }
        ledger.with("recovered session", |j| {
            j.end_respondent(open.respondent, &RespondentEnd::Interrupted)
        });
    }
    tracing::info!(accepted, "recovery finished");
}
