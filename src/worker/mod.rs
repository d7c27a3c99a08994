//! The I/O side of the kiosk: a thread with a tokio runtime that owns the
//! HTTP client and the respondents' sessions, executes the kiosk's effects
//! and reports back.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::mpsc as std_mpsc;
use std::time::Duration;

use tokio::sync::{Mutex, mpsc};

use crate::api::{Client, Session};
use crate::kiosk::{Effect, Outcome, Reply, Request};

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

/// Handle to the worker thread. Dropping it lets in-flight requests finish
/// (up to their timeout), then joins the thread.
pub struct Worker {
    commands: Option<mpsc::Sender<Effect>>,
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
                    command_rx,
                    reply_tx,
                    Arc::new(notify),
                ));
            })?;
        Ok(Worker {
            commands: Some(command_tx),
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

type Shared = Arc<Mutex<Session>>;

async fn run(
    client: Client,
    survey_id: u64,
    mut commands: mpsc::Receiver<Effect>,
    replies: std_mpsc::SyncSender<Reply>,
    notify: Arc<dyn Fn() + Send + Sync>,
) {
    let mut sessions: HashMap<u64, Shared> = HashMap::new();
    let mut tasks = tokio::task::JoinSet::new();
    while let Some(effect) = commands.recv().await {
        // Reap finished tasks so the set does not grow all day.
        while tasks.try_join_next().is_some() {}
        let (respondent, request, body) = match effect {
            Effect::Start { respondent } => {
                // A brand-new session: no token, no cookies.
                let session = Arc::new(Mutex::new(client.respondent(survey_id)));
                sessions.insert(respondent, session);
                (respondent, Request::Start, None)
            }
            Effect::Submit { respondent, body } => (respondent, Request::Submit, Some(body)),
            Effect::Previous { respondent } => (respondent, Request::Previous, None),
            Effect::End {
                respondent,
                outcome,
            } => {
                sessions.remove(&respondent);
                match outcome {
                    Outcome::Probe => tracing::debug!(respondent, "probe finished"),
                    outcome => tracing::debug!(respondent, ?outcome, "session ended"),
                }
                continue;
            }
            Effect::ResetUi => continue,
        };
        let Some(session) = sessions.get(&respondent).cloned() else {
            tracing::warn!(
                respondent,
                ?request,
                "no session for this respondent any more"
            );
            continue;
        };
        let replies = replies.clone();
        let notify = notify.clone();
        tasks.spawn(async move {
            let mut session = session.lock().await;
            let outcome = match (request, &body) {
                (Request::Start, _) => session.take().await,
                (Request::Submit, Some(body)) => session.submit_page(body).await,
                (Request::Submit, None) | (Request::Previous, _) => session.previous_page().await,
            };
            drop(session);
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
