//! The embedded demo server: the take-survey contract on 127.0.0.1, with
//! HMAC-signed rotating tokens, a `JSESSIONID` cookie, the error envelopes,
//! server-side validation, previous-page with embedded answers, and fault
//! injection for tests. Its surveys are data in `assets/surveys/`.

mod faults;
mod handlers;
mod rules;
mod sessions;
mod survey;

use faults::Faults;
pub use faults::{Call, Fault};
use handlers::router;
use sessions::Sessions;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::Value;

use survey::Survey;

pub const DEMO_API_KEY: &str = "demo-key";
pub const DEMO_SURVEY_ID: u64 = 10000001;
pub const QUOTA_SURVEY_ID: u64 = 10000002;
pub const CLOSED_SURVEY_ID: u64 = 10000003;
pub const LONG_SURVEY_ID: u64 = 10000004;
pub const FORBIDDEN_SURVEY_ID: u64 = 10000005;
pub const LANGUAGE_SURVEY_ID: u64 = 10000006;
/// The showcase survey on a server that rejects any call of a session
/// without its `JSESSIONID` cookie.
pub const COOKIE_SURVEY_ID: u64 = 10000007;
/// Thirty short pages: a respondent long enough to be cut off mid-way.
pub const PAGES_SURVEY_ID: u64 = 10000008;

const API: &str = "/a/api/v2";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Availability {
    Open,
    Closed,
    Paused,
    Suspended,
    QuotaFull,
}

/// A page body the server accepted.
#[derive(Clone, Debug)]
pub struct AcceptedPage {
    pub session: String,
    pub survey_id: u64,
    pub page_id: String,
    pub body: Value,
}

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("cannot listen on 127.0.0.1:{port}: {source}")]
    Bind { port: u16, source: std::io::Error },
    #[error("demo survey {file} is not valid: {reason}")]
    Asset {
        file: &'static str,
        #[source]
        reason: survey::Invalid,
    },
    #[error("demo survey {file} is not JSON: {source}")]
    AssetJson {
        file: &'static str,
        #[source]
        source: serde_json::Error,
    },
    #[error("cannot start the demo server's thread: {0}")]
    Thread(std::io::Error),
}

struct Shared {
    secret: [u8; 32],
    /// Swapped whole when a test edits a survey while the server runs.
    surveys: Mutex<HashMap<u64, Arc<Survey>>>,
    sessions: Mutex<Sessions>,
    faults: Mutex<Faults>,
    availability: Mutex<HashMap<u64, Availability>>,
    accepted: Mutex<Vec<AcceptedPage>>,
    /// Whether `accepted` is kept (the test oracle; off for long soak runs,
    /// where it would be the only thing growing).
    recording: std::sync::atomic::AtomicBool,
    requests: Mutex<u64>,
    /// Requests now hanging ([`Fault::Hang`], [`Fault::Delay`]).
    hanging: std::sync::atomic::AtomicUsize,
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// A running demo server; dropping it stops it.
pub struct DemoServer {
    shared: Arc<Shared>,
    address: SocketAddr,
    /// The task serving now (none while down).
    serving: Arc<Mutex<Option<tokio::task::JoinHandle<()>>>>,
    /// The runtime it serves on.
    runtime: tokio::runtime::Handle,
    /// Ends the thread of [`DemoServer::start_background`].
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// Serves the API on `listener` until the returned task is aborted.
fn serve(
    runtime: &tokio::runtime::Handle,
    listener: tokio::net::TcpListener,
    shared: Arc<Shared>,
) -> tokio::task::JoinHandle<()> {
    let app = router(shared);
    runtime.spawn(async move {
        if let Err(error) = axum::serve(listener, app).await {
            tracing::error!(%error, "the demo server stopped");
        }
    })
}

impl DemoServer {
    /// Listens on 127.0.0.1:`port` (0 = any free port) on the current tokio runtime.
    pub async fn start(port: u16) -> Result<DemoServer, DemoError> {
        let shared = Arc::new(Shared::new()?);
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
            .await
            .map_err(|source| DemoError::Bind { port, source })?;
        let address = listener
            .local_addr()
            .map_err(|source| DemoError::Bind { port, source })?;
        let runtime = tokio::runtime::Handle::current();
        let stop = serve(&runtime, listener, shared.clone());
        tracing::info!(%address, "demo server listening");
        Ok(DemoServer {
            shared,
            address,
            serving: Arc::new(Mutex::new(Some(stop))),
            runtime,
            stop: None,
            thread: None,
        })
    }

    /// The same on a thread of its own (for the GUI and synchronous tests).
    pub fn start_background(port: u16) -> Result<DemoServer, DemoError> {
        let (ready_tx, ready_rx) = std::sync::mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("demo-server".into())
            .spawn(move || {
                let runtime = match tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                {
                    Ok(runtime) => runtime,
                    Err(error) => {
                        let _ = ready_tx.send(Err(DemoError::Thread(error)));
                        return;
                    }
                };
                runtime.block_on(async move {
                    match DemoServer::start(port).await {
                        Ok(server) => {
                            let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
                            let handle = DemoServer {
                                shared: server.shared.clone(),
                                address: server.address,
                                serving: server.serving.clone(),
                                runtime: server.runtime.clone(),
                                stop: Some(stop_tx),
                                thread: None,
                            };
                            if ready_tx.send(Ok(handle)).is_err() {
                                return;
                            }
                            // Serving until the handle is dropped.
                            let _ = stop_rx.await;
                            server.stop_serving();
                        }
                        Err(error) => {
                            let _ = ready_tx.send(Err(error));
                        }
                    }
                });
            })
            .map_err(DemoError::Thread)?;
        let mut server = ready_rx.recv().map_err(|_| {
            DemoError::Thread(std::io::Error::other("the demo server thread ended"))
        })??;
        server.thread = Some(thread);
        Ok(server)
    }

    /// The API base URL, path included.
    pub fn base_url(&self) -> String {
        format!("http://{}{API}", self.address)
    }

    pub fn port(&self) -> u16 {
        self.address.port()
    }

    /// The next `count` API requests fail with `fault`.
    pub fn inject(&self, fault: Fault, count: usize) {
        lock(&self.shared.faults)
            .queue
            .extend(std::iter::repeat_n(fault, count));
    }

    /// The next `count` requests to `call`'s endpoint fail with `fault`
    /// (other requests go through).
    pub fn inject_on(&self, call: Call, fault: Fault, count: usize) {
        lock(&self.shared.faults)
            .on_call
            .extend(std::iter::repeat_n((call, fault), count));
    }

    pub fn clear_faults(&self) {
        let mut faults = lock(&self.shared.faults);
        faults.queue.clear();
        faults.on_call.clear();
        faults.rate = None;
    }

    /// How many requests are hanging right now ([`Fault::Hang`],
    /// [`Fault::Delay`]).
    pub fn hanging(&self) -> usize {
        self.shared
            .hanging
            .load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Stops listening, as a server that went down would (connections are
    /// refused), keeping every session. [`DemoServer::come_back`] listens
    /// again on the same port.
    pub fn go_down(&self) {
        self.stop_serving();
        // The listener goes when the runtime next runs the aborted task.
        let started = Instant::now();
        while std::net::TcpStream::connect_timeout(&self.address, Duration::from_millis(100))
            .is_ok()
            && started.elapsed() < Duration::from_secs(2)
        {
            std::thread::sleep(Duration::from_millis(5));
        }
        tracing::info!(address = %self.address, "demo server down");
    }

    /// Aborts the serve task: its listener is dropped (a graceful stop would
    /// keep it until every connection, hanging ones included, has closed).
    fn stop_serving(&self) {
        if let Some(serving) = lock(&self.serving).take() {
            serving.abort();
        }
    }

    /// Listens again on the same port after [`DemoServer::go_down`].
    pub fn come_back(&self) -> Result<(), DemoError> {
        let port = self.address.port();
        let listener = std::net::TcpListener::bind(self.address)
            .and_then(|l| l.set_nonblocking(true).map(|()| l))
            .map_err(|source| DemoError::Bind { port, source })?;
        let listener = {
            let _inside = self.runtime.enter();
            tokio::net::TcpListener::from_std(listener)
                .map_err(|source| DemoError::Bind { port, source })?
        };
        let stop = serve(&self.runtime, listener, self.shared.clone());
        *lock(&self.serving) = Some(stop);
        tracing::info!(address = %self.address, "demo server back");
        Ok(())
    }

    /// The server restarts having forgotten every session (as one without a
    /// shared session store would, or as sessions expire over a long
    /// outage): every token and cookie it issued is refused from now on. Its
    /// record of accepted pages is kept.
    pub fn forget_sessions(&self) {
        let mut sessions = lock(&self.shared.sessions);
        sessions.by_id.clear();
        sessions.finished.clear();
        tracing::info!("demo server forgot every session");
    }

    /// Each request fails with probability `rate` (short faults only).
    pub fn set_fault_rate(&self, rate: f64, seed: u64) {
        lock(&self.shared.faults).rate = (rate > 0.0).then(|| (rate, StdRng::seed_from_u64(seed)));
    }

    /// Changes a survey while the server runs, as an author editing it
    /// would (add a question, change an answer id): `edit` changes a copy
    /// of the survey's JSON (the format of `assets/surveys/`), which is
    /// checked and then served to every request from now on. Sessions keep
    /// their page number.
    pub fn edit_survey(
        &self,
        survey_id: u64,
        edit: impl FnOnce(&mut Value),
    ) -> Result<(), DemoError> {
        let file = "an edited survey";
        let mut surveys = lock(&self.shared.surveys);
        let Some(current) = surveys.get(&survey_id) else {
            return Err(DemoError::Asset {
                file,
                reason: survey::Invalid(format!("there is no survey {survey_id}")),
            });
        };
        let mut source = current.source.clone();
        edit(&mut source);
        let edited =
            Survey::from_value(&source).map_err(|reason| DemoError::Asset { file, reason })?;
        surveys.insert(survey_id, Arc::new(edited));
        Ok(())
    }

    pub fn set_availability(&self, survey_id: u64, availability: Availability) {
        lock(&self.shared.availability).insert(survey_id, availability);
    }

    /// Whether to keep every accepted body for [`DemoServer::accepted`] (on
    /// by default). Soak runs turn it off: it is the one thing that grows.
    pub fn record_accepted(&self, on: bool) {
        self.shared
            .recording
            .store(on, std::sync::atomic::Ordering::Relaxed);
    }

    /// Every page body accepted, in order.
    pub fn accepted(&self) -> Vec<AcceptedPage> {
        lock(&self.shared.accepted).clone()
    }

    pub fn request_count(&self) -> u64 {
        *lock(&self.shared.requests)
    }

    pub fn shutdown(self) {}
}

impl Drop for DemoServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        } else {
            self.stop_serving();
        }
        if let Some(thread) = self.thread.take()
            && thread.join().is_err()
        {
            tracing::error!("the demo server thread panicked");
        }
    }
}

impl Shared {
    fn new() -> Result<Shared, DemoError> {
        let mut surveys = HashMap::new();
        let mut availability = HashMap::new();
        for survey in survey::load_all()? {
            availability.insert(survey.id, survey.availability);
            surveys.insert(survey.id, Arc::new(survey));
        }
        let mut secret = [0u8; 32];
        rand::rng().fill(&mut secret);
        Ok(Shared {
            secret,
            surveys: Mutex::new(surveys),
            sessions: Mutex::new(Sessions::default()),
            faults: Mutex::new(Faults::default()),
            availability: Mutex::new(availability),
            accepted: Mutex::new(Vec::new()),
            recording: std::sync::atomic::AtomicBool::new(true),
            requests: Mutex::new(0),
            hanging: std::sync::atomic::AtomicUsize::new(0),
        })
    }

    /// The status every request to `survey_id` gets while it takes no
    /// responses (closed, paused, suspended, quota full).
    fn unavailable(&self, survey_id: u64) -> Option<&'static str> {
        let availability = lock(&self.availability)
            .get(&survey_id)
            .copied()
            .unwrap_or(Availability::Open);
        match availability {
            Availability::Open => None,
            Availability::Closed => Some("survey_closed"),
            Availability::Paused => Some("survey_paused"),
            Availability::Suspended => Some("survey_suspended"),
            Availability::QuotaFull => Some("quota_full"),
        }
    }
}
