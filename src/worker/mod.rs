//! The I/O side of the kiosk: a thread with a tokio runtime that owns the
//! HTTP client and the respondents' sessions, executes the kiosk's effects
//! and reports back, and recovers pages no live session owns
//! (`recovery`).

mod capture;
mod commands;
mod pages;
mod recovery;
mod replay;

use std::sync::mpsc as std_mpsc;
use std::sync::{Arc, Mutex as StdMutex};
use std::time::{Duration, Instant};

use tokio::sync::{Mutex, Notify, mpsc};

use crate::api::{Client, Session};
use crate::journal::{CaptureSummary, Journal, JournalError, MapOf, SessionState, WaitingSummary};
pub use crate::kiosk::RetryPolicy;
use crate::kiosk::{Effect, Reply, Settings};
use crate::survey::{self, FormBody};
pub use capture::{CaptureSettings, OfflineState};
use commands::{Duties, Loop, run};

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
