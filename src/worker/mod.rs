//! The I/O side of the kiosk: a thread with a tokio runtime that owns the
//! HTTP client and the respondents' sessions, executes the kiosk's effects
//! and reports back, and recovers pages no live session owns
//! (`recovery`).

mod capture;
mod pages;
mod recovery;
mod replay;

use std::collections::HashMap;
use std::sync::mpsc as std_mpsc;
use std::sync::{Arc, Mutex as StdMutex};
use std::time::{Duration, Instant};

use tokio::sync::{Mutex, Notify, mpsc, watch};

use crate::api::{Client, Session, Status};
use crate::journal::{CaptureSummary, Journal, JournalError, MapOf, SessionState, WaitingSummary};
pub use crate::kiosk::RetryPolicy;
use crate::kiosk::{Effect, Outcome, Reply, Request, Settings};
use crate::survey::{self, FormBody};
pub use capture::{CaptureSettings, OfflineState};
use pages::{end, submit};

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
    #[error("the background worker's queue is full")]
    Full,
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

/// How the worker retries and whether it captures offline.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WorkerOptions {
    pub retry: RetryPolicy,
    pub capture: CaptureSettings,
}

impl From<RetryPolicy> for WorkerOptions {
    fn from(retry: RetryPolicy) -> WorkerOptions {
        WorkerOptions {
            retry,
            capture: CaptureSettings::default(),
        }
    }
}

impl From<&Settings> for WorkerOptions {
    fn from(settings: &Settings) -> WorkerOptions {
        WorkerOptions {
            retry: RetryPolicy::from(settings),
            capture: CaptureSettings {
                enabled: settings.offline_capture,
                language: settings.language.clone().unwrap_or_default(),
            },
        }
    }
}

/// Handle to the worker thread. Dropping it lets in-flight requests finish
/// (up to their timeout), then joins the thread.
pub struct Worker {
    commands: Option<mpsc::Sender<Effect>>,
    journal_problem: Arc<StdMutex<Option<String>>>,
    waiting: Arc<StdMutex<WaitingSummary>>,
    /// Respondents captured offline and their replay, as replay last
    /// counted them.
    captured: Arc<StdMutex<CaptureSummary>>,
    offline: capture::Offline,
    /// The survey's first question, as the map knows it, for the attract
    /// screen (`attract = "first_question"`).
    first_question: FirstQuestion,
    /// The journal, for a summary read now (walk's last lines).
    ledger: Ledger,
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
        Worker::spawn_configured(client, survey_id, records, RetryPolicy::default(), notify)
    }

    /// The same, with the retry policy recovery uses and whether to capture
    /// offline (the kiosk's settings: `&Settings`, or a `RetryPolicy` alone).
    pub fn spawn_configured(
        client: Client,
        survey_id: u64,
        records: Records,
        options: impl Into<WorkerOptions>,
        notify: impl Fn() + Send + Sync + 'static,
    ) -> Result<Worker, WorkerError> {
        let WorkerOptions {
            retry,
            capture: capture_settings,
        } = options.into();
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
        let waiting = Arc::new(StdMutex::new(WaitingSummary::default()));
        let ledger = Ledger {
            journal,
            problem: journal_problem.clone(),
            rehearsal,
        };
        // Sessions an earlier process left open are closed first, so their
        // pages count as waiting from the start.
        match ledger.with("recovery", |j| j.close_dead_sessions()) {
            Some(0) | None => {}
            Some(closed) => tracing::info!(
                sessions = closed,
                "sessions an earlier run left open were closed; their pages are recovered"
            ),
        }
        if let Some(summary) = ledger.with("waiting summary", |j| j.waiting_summary()) {
            crate::metrics::journal_waiting(&summary);
            *waiting.lock().unwrap_or_else(|e| e.into_inner()) = summary;
        }
        let captured = Arc::new(StdMutex::new(
            ledger
                .with("capture summary", |j| j.capture_summary())
                .unwrap_or_default(),
        ));
        let offline: capture::Offline = Arc::default();
        let first_question: FirstQuestion =
            Arc::new(StdMutex::new(capture::first_question_in_map(
                &ledger,
                MapOf {
                    survey_id,
                    language: &capture_settings.language,
                },
            )));
        let (command_tx, command_rx) = mpsc::channel(COMMAND_CAPACITY);
        let (reply_tx, reply_rx) = std_mpsc::sync_channel(REPLY_CAPACITY);
        let duties = Duties {
            retry,
            waiting: waiting.clone(),
            captured: captured.clone(),
        };
        let offline_for_thread = offline.clone();
        let first_question_for_thread = first_question.clone();
        let ledger_for_reads = ledger.clone();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let thread = std::thread::Builder::new()
            .name("kiosk-worker".into())
            .spawn(move || {
                let this = Loop {
                    client,
                    survey_id,
                    ledger,
                    replies: reply_tx,
                    notify: Arc::new(notify),
                    kick: Arc::new(Notify::new()),
                    replay_kick: Arc::new(Notify::new()),
                    probe_session: Arc::new(Mutex::new(None)),
                    capture: capture_settings,
                    offline: offline_for_thread,
                    first_question: first_question_for_thread,
                };
                runtime.block_on(run(this, duties, command_rx));
            })?;
        Ok(Worker {
            commands: Some(command_tx),
            journal_problem,
            waiting,
            captured,
            offline,
            first_question,
            ledger: ledger_for_reads,
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
        // Logged by the caller, which knows what it was handing over.
        commands.try_send(effect).map_err(|error| match error {
            mpsc::error::TrySendError::Full(_) => WorkerError::Full,
            mpsc::error::TrySendError::Closed(_) => WorkerError::Stopped,
        })
    }

    /// Why the kiosk cannot keep a local copy of answers, if it cannot.
    pub fn journal_problem(&self) -> Option<String> {
        self.journal_problem
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Pages not yet settled with the server (how many, since when, the last
    /// error), as recovery last counted them: cheap, for the screen.
    pub fn waiting(&self) -> WaitingSummary {
        self.waiting
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Respondents captured offline waiting for replay, replayed, needing
    /// attention, as replay last counted them: cheap, for the screen.
    pub fn captured(&self) -> CaptureSummary {
        self.captured
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Whether respondents are being captured offline now (the API could not
    /// be reached at the last start).
    pub fn capturing_offline(&self) -> bool {
        self.offline
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .capturing
    }

    /// The survey's first question, when the survey map knows it and it is
    /// a single choice: the attract screen may ask it.
    pub fn first_question(&self) -> Option<survey::Question> {
        self.first_question
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// How many respondents this process captured offline.
    pub fn captured_in_this_run(&self) -> Option<u64> {
        self.ledger
            .with("captured", |j| j.captured_in_run(j.run_id()))
    }

    /// The same counts read from the journal now (walk's last lines).
    pub fn captured_now(&self) -> Option<CaptureSummary> {
        self.ledger.with("capture summary", |j| j.capture_summary())
    }

    /// What is not settled with the server, read from the journal now: the
    /// pages waiting for recovery and every pending page of this process's
    /// own sessions (for a walk whose respondents are done). `None` without
    /// a journal.
    pub fn unsettled_now(&self) -> Option<WaitingSummary> {
        self.ledger
            .with("unsettled summary", |j| j.unsettled_summary())
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
    /// The page written to the journal and not yet settled.
    pending: Option<Pending>,
    /// When the page now on screen arrived (time per page).
    shown_at: Instant,
    /// Which page is on screen ([`survey::page_key`]).
    page_key: Option<String>,
    /// Its fingerprint ([`survey::page_hash`]), for the survey map.
    page_hash: Option<String>,
    /// Only a check whether the API answers: nothing is learned or captured.
    probe: bool,
    /// The session runs from the survey map, offline.
    capture: Option<capture::Capture>,
}

/// A page being sent by its live session.
struct Pending {
    /// Its journal row, when there is a journal.
    page: Option<i64>,
    body: FormBody,
    attempts: u32,
    /// An earlier attempt may have reached the server (the connection broke
    /// after sending, the answer could not be read).
    may_have_arrived: bool,
}

type Shared = Arc<Mutex<Respondent>>;

type FirstQuestion = Arc<StdMutex<Option<survey::Question>>>;

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

    /// Keeps the session's latest token and cookies with its pending page.
    fn keep_session(
        &self,
        page: i64,
        session: &Session,
        page_key: Option<&str>,
        maybe_sent: bool,
        error: Option<&str>,
    ) {
        let cookies = session.cookie_header();
        let state = SessionState {
            page_key,
            token: session.token(),
            cookies: cookies.as_deref(),
        };
        self.with("keep session", |j| {
            j.page_unsettled(page, &state, maybe_sent, error)
        });
    }
}

struct Loop {
    client: Client,
    survey_id: u64,
    ledger: Ledger,
    replies: std_mpsc::SyncSender<Reply>,
    notify: Arc<dyn Fn() + Send + Sync>,
    /// Wakes recovery when a session ends with a page still unsettled.
    kick: Arc<Notify>,
    /// Wakes replay when a session captured offline ends.
    replay_kick: Arc<Notify>,
    /// The session the probes of the current outage use: an outage leaves at
    /// most one open session on the server. Dropped when a respondent starts.
    probe_session: Arc<Mutex<Option<Session>>>,
    capture: CaptureSettings,
    offline: capture::Offline,
    first_question: FirstQuestion,
}

/// What the worker's standing duties (recovery, replay) use.
struct Duties {
    retry: RetryPolicy,
    waiting: Arc<StdMutex<WaitingSummary>>,
    captured: Arc<StdMutex<CaptureSummary>>,
}

/// The worker's loop: effects in, until the kiosk drops its handle; with
/// recovery beside it when there is a journal.
async fn run(this: Loop, duties: Duties, mut commands: mpsc::Receiver<Effect>) {
    let mut sessions: HashMap<u64, Shared> = HashMap::new();
    let mut tasks = tokio::task::JoinSet::new();
    let (stop_tx, stop_rx) = watch::channel(false);
    let mut recovery_task = None;
    let mut replay_task = None;
    if this.ledger.journal.is_some() {
        // Respondents captured offline: replayed, verified page by page,
        // when the API answers again.
        replay_task = Some(tokio::spawn(replay::run(
            replay::Replayer {
                client: this.client.clone(),
                ledger: this.ledger.clone(),
                retry: duties.retry,
                offline: this.offline.clone(),
                summary: duties.captured.clone(),
            },
            this.replay_kick.clone(),
            stop_rx.clone(),
        )));
        // Pages no live session owns (an earlier process died, or a session
        // ended before its page was settled): a standing duty, in the
        // background, never on screen.
        recovery_task = Some(tokio::spawn(recovery::run(
            this.client.clone(),
            this.ledger.clone(),
            duties.retry,
            this.kick.clone(),
            stop_rx,
            duties.waiting,
        )));
    }
    while let Some(effect) = commands.recv().await {
        // Reap finished tasks so the set does not grow all day.
        while tasks.try_join_next().is_some() {}
        this.handle(effect, &mut sessions, &mut tasks).await;
    }
    // Let in-flight sends finish: a reset or shutdown never cancels answers.
    while tasks.join_next().await.is_some() {}
    let _ = stop_tx.send(true);
    if let Some(task) = recovery_task
        && task.await.is_err()
    {
        tracing::error!("the recovery task panicked");
    }
    if let Some(task) = replay_task
        && task.await.is_err()
    {
        tracing::error!("the replay task panicked");
    }
}

impl Loop {
    async fn handle(
        &self,
        effect: Effect,
        sessions: &mut HashMap<u64, Shared>,
        tasks: &mut tokio::task::JoinSet<()>,
    ) {
        let (respondent, request, body) = match effect {
            Effect::Start { respondent } => {
                self.open_session(respondent, false, sessions).await;
                (respondent, Request::Start, None)
            }
            Effect::Probe { respondent } => {
                self.open_session(respondent, true, sessions).await;
                (respondent, Request::Start, None)
            }
            Effect::Submit { respondent, body } => (respondent, Request::Submit, Some(body)),
            Effect::Previous { respondent } => (respondent, Request::Previous, None),
            Effect::End {
                respondent,
                outcome,
            } => {
                self.close_session(respondent, outcome, sessions, tasks);
                return;
            }
            Effect::ResetUi => return,
        };
        let Some(shared) = sessions.get(&respondent).cloned() else {
            tracing::warn!(
                respondent,
                ?request,
                "no session for this respondent any more"
            );
            return;
        };
        self.spawn_request(shared, respondent, request, body, tasks);
    }

    /// A respondent's session (a brand-new one: no token, no cookies), or a
    /// probe's (the outage's session reloaded, if a probe opened one).
    async fn open_session(
        &self,
        respondent: u64,
        probe: bool,
        sessions: &mut HashMap<u64, Shared>,
    ) {
        // A respondent ends the outage: its session is left alone.
        let outage = self.probe_session.lock().await.take();
        let session = outage
            .filter(|_| probe)
            .unwrap_or_else(|| self.client.respondent(self.survey_id));
        let record = if probe {
            None
        } else {
            self.ledger.with("begin", |j| {
                j.begin_respondent(self.survey_id, self.ledger.rehearsal)
            })
        };
        let state = Respondent {
            session,
            record,
            pending: None,
            shown_at: Instant::now(),
            page_key: None,
            page_hash: None,
            probe,
            capture: None,
        };
        sessions.insert(respondent, Arc::new(Mutex::new(state)));
    }

    /// Ends a respondent's session, after any send still in flight for it;
    /// a page left unsettled goes to recovery.
    fn close_session(
        &self,
        respondent: u64,
        outcome: Outcome,
        sessions: &mut HashMap<u64, Shared>,
        tasks: &mut tokio::task::JoinSet<()>,
    ) {
        let Some(shared) = sessions.remove(&respondent) else {
            return;
        };
        let ledger = self.ledger.clone();
        let kick = self.kick.clone();
        let replay_kick = self.replay_kick.clone();
        let probe_session = self.probe_session.clone();
        let client = self.client.clone();
        let survey_id = self.survey_id;
        tasks.spawn(async move {
            let mut state = shared.lock().await;
            let started = state.session.token().is_some();
            if outcome == Outcome::Probe && started {
                let session = std::mem::replace(&mut state.session, client.respondent(survey_id));
                *probe_session.lock().await = Some(session);
            }
            let unsettled = state.pending.is_some();
            end(&ledger, state.record, started, respondent, outcome);
            if unsettled {
                // Recovery sends it from here on.
                kick.notify_one();
            }
            if state.capture.is_some() {
                // Replay sends its pages when the API answers.
                replay_kick.notify_one();
            }
        });
    }

    /// Sends one request of a respondent's session in the background and
    /// reports its outcome to the kiosk.
    fn spawn_request(
        &self,
        shared: Shared,
        respondent: u64,
        request: Request,
        body: Option<FormBody>,
        tasks: &mut tokio::task::JoinSet<()>,
    ) {
        let replies = self.replies.clone();
        let notify = self.notify.clone();
        let ledger = self.ledger.clone();
        let client = self.client.clone();
        let survey_id = self.survey_id;
        let capture_settings = self.capture.clone();
        let offline = self.offline.clone();
        let first_question = self.first_question.clone();
        tasks.spawn(async move {
            let mut state = shared.lock().await;
            let started = Instant::now();
            let from = state.page_hash.clone().unwrap_or_default();
            let choices = body.as_ref().map(survey::path_choices).unwrap_or_default();
            let captured = state.capture.is_some();
            let outcome = match (request, &body) {
                (Request::Start, _) => {
                    start(&client, &ledger, &capture_settings, &offline, &mut state).await
                }
                (Request::Submit, Some(body)) if captured => {
                    Ok(capture::submit(&ledger, &mut state, body))
                }
                (Request::Submit, Some(body)) => submit(&ledger, &mut state, body).await,
                (Request::Submit, None) | (Request::Previous, _) if captured => {
                    Ok(capture::previous(&mut state))
                }
                (Request::Submit, None) | (Request::Previous, _) => {
                    state.session.previous_page().await
                }
            };
            let learn_from = match request {
                Request::Start => Some(""),
                Request::Submit => Some(from.as_str()),
                Request::Previous => None,
            };
            if let (Ok(envelope), Some(from), false, false, Some(_)) = (
                &outcome,
                learn_from,
                state.probe,
                state.capture.is_some(),
                state.record,
            ) {
                let map = MapOf {
                    survey_id,
                    language: &capture_settings.language,
                };
                capture::learn(&ledger, map, from, &choices, envelope);
                if from.is_empty() && !envelope.questions.is_empty() {
                    *first_question.lock().unwrap_or_else(|e| e.into_inner()) =
                        capture::first_question(envelope);
                }
            }
            crate::metrics::request_finished(request, &outcome, started.elapsed());
            if let Ok(envelope) = &outcome
                && !envelope.questions.is_empty()
            {
                state.shown_at = Instant::now();
                state.page_key = Some(survey::page_key(&envelope.questions));
                state.page_hash = Some(survey::page_hash(&envelope.questions));
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
}

/// A respondent's first page: from the API, or, when it cannot be reached
/// and offline capture is on, from the survey map. A probe's start also
/// reloads the outage's session when a probe opened one.
async fn start(
    client: &Client,
    ledger: &Ledger,
    settings: &CaptureSettings,
    offline: &capture::Offline,
    state: &mut Respondent,
) -> Result<crate::api::Envelope, crate::api::ApiError> {
    let survey_id = state.session.survey_id();
    let may_capture = settings.enabled && !state.probe;
    let from_map = |state: &mut Respondent| {
        let record = state.record?;
        let (captured, envelope) = capture::start(ledger, survey_id, settings, record)?;
        state.capture = Some(captured);
        Some(envelope)
    };
    if may_capture
        && capture::recently_offline(offline)
        && let Some(envelope) = from_map(state)
    {
        return Ok(envelope);
    }
    let reloading = state.session.token().is_some();
    let first = match state.session.take().await {
        // The outage's session is gone on the server: start afresh.
        Ok(e) if reloading && e.status == Status::AuthenticationRequired => {
            state.session = client.respondent(survey_id);
            state.session.take().await
        }
        other => other,
    };
    match first {
        Err(error) if may_capture && capture::network_fault(&error) => {
            capture::set_offline(offline, true);
            from_map(state).ok_or(error)
        }
        Ok(envelope) => {
            if settings.enabled {
                capture::set_offline(offline, false);
            }
            Ok(envelope)
        }
        other => other,
    }
}
