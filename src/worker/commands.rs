//! The worker's loop: the kiosk's effects executed against the API (or,
//! offline, the survey map), each respondent's requests in the background,
//! with recovery and replay running beside it.

use std::collections::HashMap;
use std::sync::mpsc as std_mpsc;
use std::sync::{Arc, Mutex as StdMutex};
use std::time::Instant;

use tokio::sync::{Mutex, Notify, mpsc, watch};

use super::pages::{end, submit};
use super::{
    CaptureSettings, FirstQuestion, Ledger, Respondent, RetryPolicy, Shared, capture, recovery,
    replay,
};
use crate::api::{Client, Session, Status};
use crate::journal::{CaptureSummary, MapOf, WaitingSummary};
use crate::kiosk::{Effect, Outcome, Reply, Request};
use crate::survey::{self, FormBody};

pub(super) struct Loop {
    pub(super) client: Client,
    pub(super) survey_id: u64,
    pub(super) ledger: Ledger,
    pub(super) replies: std_mpsc::SyncSender<Reply>,
    pub(super) notify: Arc<dyn Fn() + Send + Sync>,
    /// Wakes recovery when a session ends with a page still unsettled.
    pub(super) kick: Arc<Notify>,
    /// Wakes replay when a session captured offline ends.
    pub(super) replay_kick: Arc<Notify>,
    /// The session the probes of the current outage use: an outage leaves at
    /// most one open session on the server. Dropped when a respondent starts.
    pub(super) probe_session: Arc<Mutex<Option<Session>>>,
    pub(super) capture: CaptureSettings,
    pub(super) offline: capture::Offline,
    pub(super) first_question: FirstQuestion,
}

/// What the worker's standing duties (recovery, replay) use.
pub(super) struct Duties {
    pub(super) retry: RetryPolicy,
    pub(super) waiting: Arc<StdMutex<WaitingSummary>>,
    pub(super) captured: Arc<StdMutex<CaptureSummary>>,
}

/// The worker's loop: effects in, until the kiosk drops its handle; with
/// recovery beside it when there is a journal.
pub(super) async fn run(this: Loop, duties: Duties, mut commands: mpsc::Receiver<Effect>) {
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
