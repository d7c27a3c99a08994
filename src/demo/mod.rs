//! The embedded demo server: the take-survey contract on 127.0.0.1, with
//! HMAC-signed rotating tokens, a `JSESSIONID` cookie, the error envelopes,
//! server-side validation, previous-page with embedded answers, and fault
//! injection for tests. Its surveys are data in `assets/surveys/`.

mod rules;
mod survey;

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{Map, Value, json};
use sha2::Sha256;

use survey::{Goto, Survey};

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

/// A fault the next request(s) suffer instead of being processed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// HTTP 500 with the error envelope.
    Status500,
    /// HTTP 503 with an HTML page, as a proxy would send.
    Html503,
    /// HTTP 200 with a body that is not JSON.
    Garbage,
    /// HTTP 200 with a page envelope cut in half.
    Truncated,
    /// The connection breaks before the answer's body arrives.
    Drop,
    /// The answer comes this much later (processed only if the client waits).
    Delay(Duration),
    /// The request is processed (a page is accepted), then the connection
    /// breaks before the answer: the server has it, the client never hears.
    AcceptThenDrop,
    /// The request is processed at once, and its answer is held back this
    /// long (the client hears only if it waits that long; a client that
    /// dies or times out meanwhile never does).
    AcceptThenDelay(Duration),
    /// The request hangs unprocessed until the client gives up or dies (or
    /// ten minutes pass), then the connection breaks.
    Hang,
    /// HTTP 429 with the error envelope and a `Retry-After` header, as
    /// QuestionPro answers once a key, an organisation or a licence has
    /// used up its API calls.
    TooMany { retry_after_secs: u64 },
}

/// Which endpoint a request is for.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Call {
    /// `GET take`, with or without a token.
    Take,
    Submit,
    Previous,
    /// As a target for faults only: a `GET take` that carries a session
    /// token (a reload, such as recovery's), not a new session's start.
    Reload,
}

impl Call {
    /// Whether a fault aimed at `self` hits a request to `call`.
    fn hits(self, call: Call, has_token: bool) -> bool {
        match self {
            Call::Reload => call == Call::Take && has_token,
            other => other == call,
        }
    }
}

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
    Asset { file: &'static str, reason: String },
    #[error("cannot start the demo server's thread: {0}")]
    Thread(std::io::Error),
}

struct Session {
    survey_id: u64,
    revision: u64,
    page: usize,
    history: Vec<usize>,
    answers: HashMap<usize, Map<String, Value>>,
    finished: bool,
    last_used: Instant,
}

/// Finished sessions kept to answer `already_completed`; older ones are
/// dropped (their tokens then get `authentication_required`), so a demo
/// server running all day does not grow with every respondent.
const FINISHED_KEPT: usize = 1024;
/// Sessions nobody finished (the respondent walked away) are dropped after
/// this long without a request.
const ABANDONED_AFTER: Duration = Duration::from_secs(2 * 60 * 60);

#[derive(Default)]
struct Sessions {
    by_id: HashMap<String, Session>,
    /// Finished sessions, oldest first.
    finished: VecDeque<String>,
    /// When abandoned sessions were last swept.
    swept: Option<Instant>,
}

impl Sessions {
    /// A new session of `survey_id` at its first page; its id.
    fn start(&mut self, survey_id: u64, now: Instant) -> String {
        let uuid = uuid::Uuid::new_v4().to_string();
        self.by_id.insert(
            uuid.clone(),
            Session {
                survey_id,
                revision: 0,
                page: 0,
                history: Vec::new(),
                answers: HashMap::new(),
                finished: false,
                last_used: now,
            },
        );
        uuid
    }

    /// Notes that `uuid` has just finished, and forgets the oldest finished
    /// sessions beyond [`FINISHED_KEPT`].
    fn mark_finished(&mut self, uuid: &str) {
        self.finished.push_back(uuid.to_owned());
        while self.finished.len() > FINISHED_KEPT {
            if let Some(old) = self.finished.pop_front() {
                self.by_id.remove(&old);
            }
        }
    }

    /// Forgets unfinished sessions idle for [`ABANDONED_AFTER`] (checked at
    /// most once a minute).
    fn sweep(&mut self, now: Instant) {
        if self
            .swept
            .is_some_and(|at| now.duration_since(at) < Duration::from_secs(60))
        {
            return;
        }
        self.swept = Some(now);
        self.by_id
            .retain(|_, s| s.finished || now.duration_since(s.last_used) < ABANDONED_AFTER);
    }
}

#[derive(Default)]
struct Faults {
    queue: VecDeque<Fault>,
    /// Faults for the next requests to one endpoint.
    on_call: VecDeque<(Call, Fault)>,
    rate: Option<(f64, StdRng)>,
}

struct Shared {
    secret: [u8; 32],
    surveys: HashMap<u64, Survey>,
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
            surveys.insert(survey.id, survey);
        }
        let mut secret = [0u8; 32];
        rand::rng().fill(&mut secret);
        Ok(Shared {
            secret,
            surveys,
            sessions: Mutex::new(Sessions::default()),
            faults: Mutex::new(Faults::default()),
            availability: Mutex::new(availability),
            accepted: Mutex::new(Vec::new()),
            recording: std::sync::atomic::AtomicBool::new(true),
            requests: Mutex::new(0),
            hanging: std::sync::atomic::AtomicUsize::new(0),
        })
    }

    fn sign(&self, payload: &str) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.secret)
            .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
        mac.update(payload.as_bytes());
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
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

    fn token(&self, uuid: &str, revision: u64) -> String {
        let payload = URL_SAFE_NO_PAD.encode(json!({"uuid": uuid, "rs": revision}).to_string());
        let signature = self.sign(&payload);
        format!("{payload}.{signature}")
    }

    /// The session a token names, if the token is authentic and the latest.
    fn verify(&self, token: &str) -> Option<(String, u64)> {
        let (payload, signature) = token.split_once('.')?;
        let signature = URL_SAFE_NO_PAD.decode(signature).ok()?;
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.secret).ok()?;
        mac.update(payload.as_bytes());
        mac.verify_slice(&signature).ok()?;
        let claims: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).ok()?).ok()?;
        Some((
            claims.get("uuid")?.as_str()?.to_owned(),
            claims.get("rs")?.as_u64()?,
        ))
    }
}

fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(&format!("{API}/surveys/{{id}}/take"), get(take))
        .route(&format!("{API}/surveys/{{id}}/submit-page"), post(submit))
        .route(
            &format!("{API}/surveys/{{id}}/previous-page"),
            get(previous),
        )
        .with_state(shared)
}

async fn take(
    State(s): State<Arc<Shared>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    handle(s, Call::Take, id, headers, Bytes::new()).await
}

async fn submit(
    State(s): State<Arc<Shared>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    handle(s, Call::Submit, id, headers, body).await
}

async fn previous(
    State(s): State<Arc<Shared>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    handle(s, Call::Previous, id, headers, Bytes::new()).await
}

fn error(status: StatusCode, name: &str, id: &str, message: &str) -> Response {
    let body = json!({"response": {"error": {
        "docs": "https://www.questionpro.com/api/error-codes.html",
        "name": name, "httpStatusCode": status.as_u16(), "id": id, "message": message,
        "resourceUrl": "resource_url"}}});
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

fn envelope(response: Value) -> Value {
    json!({"response": response, "requestID": uuid::Uuid::new_v4().to_string()})
}

fn status_only(status: &str) -> Value {
    envelope(json!({"status": status}))
}

async fn handle(
    s: Arc<Shared>,
    call: Call,
    id: String,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    *lock(&s.requests) += 1;
    let has_token = headers.contains_key("x-survey-token");
    let fault = {
        let mut faults = lock(&s.faults);
        let targeted = faults
            .on_call
            .iter()
            .position(|(on, _)| on.hits(call, has_token))
            .and_then(|at| faults.on_call.remove(at))
            .map(|(_, fault)| fault);
        let queued = targeted.or_else(|| faults.queue.pop_front());
        queued.or_else(|| {
            let (rate, rng) = faults.rate.as_mut()?;
            rng.random_bool(rate.clamp(0.0, 1.0)).then(|| {
                [
                    Fault::Status500,
                    Fault::Html503,
                    Fault::Garbage,
                    Fault::Truncated,
                    Fault::Drop,
                ][rng.random_range(0..5)]
            })
        })
    };
    if let Some(fault) = fault {
        tracing::debug!(?call, ?fault, "injected fault");
        match fault {
            Fault::Delay(delay) => {
                let _hanging = Hanging::new(&s);
                tokio::time::sleep(delay).await;
            }
            Fault::Hang => {
                let _hanging = Hanging::new(&s);
                tokio::time::sleep(Duration::from_secs(600)).await;
                return faulty(Fault::Drop);
            }
            Fault::AcceptThenDelay(delay) => {
                let processed = answer(&s, call, &id, &headers, &body);
                let _hanging = Hanging::new(&s);
                tokio::time::sleep(delay).await;
                return processed;
            }
            Fault::AcceptThenDrop => {
                let processed = answer(&s, call, &id, &headers, &body);
                tracing::debug!(
                    ?call,
                    status = processed.status().as_u16(),
                    "processed; the answer is dropped"
                );
                return faulty(Fault::Drop);
            }
            other => return faulty(other),
        }
    }
    let response = answer(&s, call, &id, &headers, &body);
    tracing::debug!(?call, survey = %id, status = response.status().as_u16(), "demo answered");
    response
}

/// Counts a hanging request while it hangs (also when the client goes away
/// and the request's future is dropped).
struct Hanging(Arc<Shared>);

impl Hanging {
    fn new(shared: &Arc<Shared>) -> Hanging {
        shared
            .hanging
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Hanging(shared.clone())
    }
}

impl Drop for Hanging {
    fn drop(&mut self) {
        self.0
            .hanging
            .fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
    }
}

fn faulty(fault: Fault) -> Response {
    match fault {
        Fault::Status500 => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "INTERNAL_SERVER_ERROR",
            "1026",
            "We are not able to process your request",
        ),
        Fault::Html503 => (
            StatusCode::SERVICE_UNAVAILABLE,
            [(header::CONTENT_TYPE, "text/html")],
            "<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>",
        )
            .into_response(),
        Fault::Garbage => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/json")],
            "\u{1}\u{2}garbage{{{",
        )
            .into_response(),
        Fault::Truncated => {
            let whole = status_only("survey_complete").to_string();
            let half = whole[..whole.len() / 2].to_owned();
            (
                StatusCode::OK,
                [(header::CONTENT_TYPE, "application/json")],
                half,
            )
                .into_response()
        }
        Fault::TooMany { retry_after_secs } => {
            let mut response = error(
                StatusCode::TOO_MANY_REQUESTS,
                "TOO_MANY_REQUESTS",
                "1029",
                "API call limit exceeded",
            );
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
            response
        }
        Fault::Drop
        | Fault::Delay(_)
        | Fault::Hang
        | Fault::AcceptThenDrop
        | Fault::AcceptThenDelay(_) => {
            let broken = futures_util::stream::once(async {
                Err::<Bytes, _>(std::io::Error::new(
                    std::io::ErrorKind::ConnectionReset,
                    "dropped",
                ))
            });
            (
                StatusCode::OK,
                [(header::CONTENT_TYPE, "application/json")],
                Body::from_stream(broken),
            )
                .into_response()
        }
    }
}

/// The answer to one request that suffered no fault.
fn answer(s: &Shared, call: Call, id: &str, headers: &HeaderMap, body: &[u8]) -> Response {
    respond(s, call, id, headers, body).unwrap_or_else(Refusal::into_response)
}

/// The steps of a request, top-down: the key, the survey, the session, the
/// call. Each step may refuse the request.
fn respond(
    s: &Shared,
    call: Call,
    id: &str,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Response, Refusal> {
    authenticate(headers)?;
    let target = find_survey(s, id)?;
    let now = Instant::now();
    let mut sessions = lock(&s.sessions);
    sessions.sweep(now);
    let uuid = find_session(s, &mut sessions, &target, call, headers, now)?;
    dispatch(s, &mut sessions, &target, &uuid, call, body, now)
}

/// The survey a request is for, and whether it takes responses now.
struct Target<'s> {
    survey: &'s Survey,
    /// The status every request gets while it takes none (closed, paused,
    /// suspended, quota full).
    unavailable: Option<&'static str>,
}

/// A request answered without a page and without a new token.
enum Refusal {
    /// An HTTP error with the contract's error envelope.
    Error {
        status: StatusCode,
        name: &'static str,
        id: &'static str,
        message: String,
    },
    /// HTTP 200 with a status alone (`authentication_required`,
    /// `survey_closed`, …).
    Status(&'static str),
}

impl Refusal {
    /// The token or the cookie names no session that may go on.
    const NOT_AUTHENTICATED: Refusal = Refusal::Status("authentication_required");

    fn bad_request(message: impl Into<String>) -> Refusal {
        Refusal::Error {
            status: StatusCode::BAD_REQUEST,
            name: "BAD_REQUEST",
            id: "1000",
            message: message.into(),
        }
    }

    fn into_response(self) -> Response {
        match self {
            Refusal::Error {
                status,
                name,
                id,
                message,
            } => error(status, name, id, &message),
            Refusal::Status(status) => json_response(status_only(status), None, None),
        }
    }
}

/// The request must carry the demo's API key.
fn authenticate(headers: &HeaderMap) -> Result<(), Refusal> {
    if headers.get("api-key").and_then(|k| k.to_str().ok()) == Some(DEMO_API_KEY) {
        return Ok(());
    }
    Err(Refusal::Error {
        status: StatusCode::UNAUTHORIZED,
        name: "UNAUTHORIZED",
        id: "1010",
        message: "Incorrect API Key".into(),
    })
}

/// The survey the path names, if it exists and the key may take it, and
/// its availability.
fn find_survey<'s>(s: &'s Shared, id: &str) -> Result<Target<'s>, Refusal> {
    let survey_id = id
        .parse::<u64>()
        .map_err(|_| Refusal::bad_request("Invalid URL parameters"))?;
    let survey = s.surveys.get(&survey_id).ok_or_else(|| Refusal::Error {
        status: StatusCode::NOT_FOUND,
        name: "NOT_FOUND",
        id: "1040",
        message: "The resource that you're trying to access doesn't exist".into(),
    })?;
    if survey.forbidden {
        return Err(Refusal::Error {
            status: StatusCode::FORBIDDEN,
            name: "FORBIDDEN",
            id: "1013",
            message: "The user does not have permission to access the resource".into(),
        });
    }
    Ok(Target {
        survey,
        unavailable: s.unavailable(survey.id),
    })
}

/// The respondent's session: a new one for a first `take` without a token
/// (unless the survey takes no responses now), otherwise the one the token
/// names.
fn find_session(
    s: &Shared,
    sessions: &mut Sessions,
    target: &Target<'_>,
    call: Call,
    headers: &HeaderMap,
    now: Instant,
) -> Result<String, Refusal> {
    match headers.get("x-survey-token").and_then(|t| t.to_str().ok()) {
        None if call == Call::Take => match target.unavailable {
            Some(status) => Err(Refusal::Status(status)),
            None => Ok(sessions.start(target.survey.id, now)),
        },
        None => Err(Refusal::NOT_AUTHENTICATED),
        Some(token) => verify_session(s, sessions, target.survey, token, headers),
    }
}

/// The session `token` names, if the token is authentic and its latest,
/// for this survey, and the `JSESSIONID` cookie (when sent, or when the
/// survey requires it) is its own.
fn verify_session(
    s: &Shared,
    sessions: &Sessions,
    survey: &Survey,
    token: &str,
    headers: &HeaderMap,
) -> Result<String, Refusal> {
    let (uuid, revision) = s.verify(token).ok_or(Refusal::NOT_AUTHENTICATED)?;
    let latest = sessions
        .by_id
        .get(&uuid)
        .is_some_and(|sess| sess.revision == revision && sess.survey_id == survey.id);
    let cookie = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| c.trim().strip_prefix("JSESSIONID="));
    let cookie_fits = match cookie {
        Some(c) => c == uuid,
        None => !survey.requires_cookie,
    };
    if latest && cookie_fits {
        Ok(uuid)
    } else {
        Err(Refusal::NOT_AUTHENTICATED)
    }
}

/// Takes, submits or goes back in `uuid`'s session, and answers with the
/// session's next token. A refused call leaves the session's token as it
/// was.
fn dispatch(
    s: &Shared,
    sessions: &mut Sessions,
    target: &Target<'_>,
    uuid: &str,
    call: Call,
    body: &[u8],
    now: Instant,
) -> Result<Response, Refusal> {
    let survey = target.survey;
    let session = sessions
        .by_id
        .get_mut(uuid)
        .ok_or(Refusal::NOT_AUTHENTICATED)?;
    session.last_used = now;
    let was_finished = session.finished;
    let reply = if session.finished {
        status_only("already_completed")
    } else if let Some(status) = target.unavailable {
        status_only(status)
    } else {
        match call {
            // A reload is a `GET take` too (its name only aims faults).
            Call::Take | Call::Reload => page_envelope(survey, session, None),
            Call::Previous => {
                let page = session
                    .history
                    .pop()
                    .ok_or_else(|| Refusal::bad_request("There is no previous page"))?;
                session.page = page;
                page_envelope(survey, session, None)
            }
            Call::Submit => {
                submit_page(s, survey, session, uuid, body).map_err(Refusal::bad_request)?
            }
        }
    };
    session.revision += 1;
    let token = s.token(uuid, session.revision);
    let cookie = (session.revision == 1).then(|| format!("JSESSIONID={uuid}; Path=/; HttpOnly"));
    if session.finished && !was_finished {
        sessions.mark_finished(uuid);
    }
    Ok(json_response(reply, Some(token), cookie))
}

fn json_response(body: Value, token: Option<String>, cookie: Option<String>) -> Response {
    let mut response = (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response();
    if let Some(token) = token.and_then(|t| HeaderValue::from_str(&t).ok()) {
        response.headers_mut().insert("x-survey-token", token);
    }
    if let Some(cookie) = cookie.and_then(|c| HeaderValue::from_str(&c).ok()) {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}

fn page_envelope(survey: &Survey, session: &Session, problems: Option<Vec<Value>>) -> Value {
    let page = &survey.pages[session.page];
    let embedded = session.answers.get(&session.page);
    let questions: Vec<Value> = page.questions.iter().map(|q| q.served(embedded)).collect();
    let mut response = json!({
        "status": if problems.is_some() { "validation_errors" } else { page.status.as_str() },
        "meta": {
            "isFinalPage": session.page + 1 == survey.pages.len(),
            "progressPercentage": session.page * 100 / survey.pages.len(),
        },
        "navigation": {
            "previousPageUrl": if session.history.is_empty() { Value::Null } else {
                Value::String(format!("{API}/surveys/{}/previous-page", survey.id)) },
            "nextPageSubmitUrl": format!("{API}/surveys/{}/submit-page", survey.id),
        },
        "themeConfig": {"cssUrls": [], "jsUrls": []},
        "questions": questions,
    });
    if let Some(problems) = problems {
        response["validationErrors"] = Value::Array(problems);
    }
    envelope(response)
}

fn submit_page(
    s: &Shared,
    survey: &Survey,
    session: &mut Session,
    uuid: &str,
    body: &[u8],
) -> Result<Value, String> {
    let body: Value =
        serde_json::from_slice(body).map_err(|e| format!("The body is not JSON: {e}"))?;
    let Value::Object(body) = body else {
        return Err("The body must be a JSON object of form parameters".into());
    };
    let page = &survey.pages[session.page];
    page.check_keys(&body)?;
    let problems = page.validate(&body);
    if !problems.is_empty() {
        return Ok(page_envelope(survey, session, Some(problems)));
    }
    if s.recording.load(std::sync::atomic::Ordering::Relaxed) {
        lock(&s.accepted).push(AcceptedPage {
            session: uuid.to_owned(),
            survey_id: survey.id,
            page_id: page.id.clone(),
            body: Value::Object(body.clone()),
        });
    }
    session.answers.insert(session.page, body.clone());
    let goto = page.next(&body, session.page, survey);
    match goto {
        Goto::Page(next) => {
            session.history.push(session.page);
            session.page = next;
            Ok(page_envelope(survey, session, None))
        }
        Goto::End(status, redirect) => {
            session.finished = true;
            // A finished session only answers `already_completed` from now on.
            session.answers = HashMap::new();
            session.history = Vec::new();
            let mut response = json!({"status": status});
            if let Some(redirect) = redirect {
                response["redirectUrl"] = Value::String(redirect);
            }
            Ok(envelope(response))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(finished: bool, last_used: Instant) -> Session {
        Session {
            survey_id: 1,
            revision: 1,
            page: 0,
            history: Vec::new(),
            answers: HashMap::new(),
            finished,
            last_used,
        }
    }

    #[test]
    fn only_the_latest_finished_sessions_are_kept() {
        let now = Instant::now();
        let mut sessions = Sessions::default();
        sessions.by_id.insert("open".into(), session(false, now));
        for n in 0..FINISHED_KEPT + 10 {
            let id = format!("done-{n}");
            sessions.by_id.insert(id.clone(), session(true, now));
            sessions.mark_finished(&id);
        }
        assert_eq!(sessions.by_id.len(), FINISHED_KEPT + 1);
        assert!(!sessions.by_id.contains_key("done-9"));
        assert!(sessions.by_id.contains_key("done-10"));
        assert!(sessions.by_id.contains_key("open"), "an open session stays");
    }

    #[test]
    fn abandoned_sessions_are_swept_after_hours() {
        let start = Instant::now();
        let mut sessions = Sessions::default();
        sessions
            .by_id
            .insert("walked-away".into(), session(false, start));
        sessions.sweep(start + Duration::from_secs(60 * 60));
        assert!(sessions.by_id.contains_key("walked-away"));
        sessions
            .by_id
            .insert("active".into(), session(false, start + ABANDONED_AFTER));
        sessions.sweep(start + ABANDONED_AFTER + Duration::from_secs(61));
        assert!(!sessions.by_id.contains_key("walked-away"));
        assert!(sessions.by_id.contains_key("active"));
    }
}
