//! Watching a fleet: metrics in the Prometheus text format.
//!
//! The worker records what happens through the [`metrics`] facade (one call
//! where a request finishes, where a respondent's session ends, where the
//! journal's waiting pages are counted); the UI says whether the kiosk is in
//! service. With nothing configured no recorder is installed and every call
//! here costs next to nothing.
//!
//! [`install`] sets up `metrics-exporter-prometheus` as the process's
//! recorder, with the kiosk's name as a label on every series, and starts
//! - an HTTP listener (`metrics_listen`, off by default; a bare port binds to
//!   127.0.0.1 only), on a thread of its own named `metrics-listener`;
//! - a node_exporter textfile (`metrics_textfile`), rewritten every
//!   [`TEXTFILE_EVERY`] and when the [`MetricsHandle`] is dropped, through a
//!   temporary file renamed over it (node_exporter never reads half a file),
//!   on a thread named `metrics-textfile`.
//!
//! The metric names are public constants below; `deploy/` (the alert rules
//! and the Grafana dashboard) uses exactly these, and `tests/metrics.rs`
//! checks that it does.

use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Mutex, mpsc};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use metrics::{Unit, counter, describe_counter, describe_gauge, describe_histogram, gauge};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

use crate::api::{ApiError, Envelope, Status};
use crate::config::Config;
use crate::journal::{PageState, WaitingSummary};
use crate::kiosk::{Outcome, Request, Screen, ServiceCause};

/// Respondents whose session ended, by `status`: the server's final status
/// (`survey_complete`, `terminated`, `quota_full`, …) or the kiosk's
/// (`timed_out`, `abandoned`, `failed`, `start_failed`).
pub const RESPONDENTS: &str = "survey_kiosk_respondents_total";
/// Pages the server took from a live session.
pub const PAGES_SENT: &str = "survey_kiosk_pages_sent_total";
/// Pages the server's own validation refused (the respondent corrects them).
pub const PAGES_REJECTED: &str = "survey_kiosk_pages_rejected_total";
/// Pages recovery settled, by the `state` it found (`accepted`, `taken`,
/// `kept`, `unknown`, `rejected`).
pub const PAGES_RECOVERED: &str = "survey_kiosk_pages_recovered_total";
/// The same page sent again after a failure, by `request` (`submit`: a live
/// session's retry; `recovery`: a waiting page's next try).
pub const RETRIES: &str = "survey_kiosk_request_retries_total";
/// Calls to the take API by `endpoint` (`take`, `submit_page`,
/// `previous_page`): what counts against QuestionPro's limits (300 a minute
/// per key, 2,400 per organisation, a fixed number per licence).
pub const API_CALLS: &str = "survey_kiosk_api_calls_total";
/// 1 for the reason the kiosk is out of service (`reason`: `survey_closed`,
/// `api_call_limit`, `api_key`, `forbidden`, `not_found`,
/// `unsupported_survey`, `other`), 0 for the others; all 0 in service.
pub const OUT_OF_SERVICE: &str = "survey_kiosk_out_of_service";
/// Failed requests by `request` (`start`, `submit`, `previous`) and `kind`.
pub const ERRORS: &str = "survey_kiosk_request_errors_total";
/// How long requests took, by `request`.
pub const REQUEST_SECONDS: &str = "survey_kiosk_request_duration_seconds";
/// Pages in the journal waiting for recovery.
pub const PAGES_WAITING: &str = "survey_kiosk_journal_pages_waiting";
/// Age of the oldest of them (0 when none wait).
pub const OLDEST_WAITING: &str = "survey_kiosk_journal_oldest_waiting_seconds";
/// Pages that can never be sent, kept for the operator.
pub const PAGES_KEPT: &str = "survey_kiosk_journal_pages_kept";
/// Pages whose fate cannot be known (the server's answer never came and
/// the session's token was refused since), kept with their bodies.
pub const PAGES_UNCONFIRMED: &str = "survey_kiosk_pages_unconfirmed";
/// Unix time of the last request the API answered (the kiosk's start until
/// the first): alerts use `time() - …`.
pub const LAST_SUCCESS: &str = "survey_kiosk_last_success_timestamp_seconds";
/// Unix time the server last took a page (the kiosk's start until the first).
pub const LAST_PAGE_ACCEPTED: &str = "survey_kiosk_last_page_accepted_timestamp_seconds";
/// 1 while the kiosk can take respondents, 0 out of service or offline.
pub const IN_SERVICE: &str = "survey_kiosk_in_service";
/// 1 within the opening hours (`open_hours`; always 1 without them), 0
/// outside: alerts about submits apply while it is 1.
pub const OPEN: &str = "survey_kiosk_open";
/// Changed configuration files that could not be used.
pub const CONFIG_RELOAD_FAILURES: &str = "survey_kiosk_config_reload_failures_total";
/// Always 1, with the `version` label.
pub const BUILD_INFO: &str = "survey_kiosk_build_info";
/// Unix time the process started.
pub const START_TIME: &str = "survey_kiosk_start_timestamp_seconds";

/// Every metric name, for checks of the dashboards and rules.
pub const NAMES: &[&str] = &[
    RESPONDENTS,
    PAGES_SENT,
    PAGES_REJECTED,
    PAGES_RECOVERED,
    RETRIES,
    API_CALLS,
    ERRORS,
    REQUEST_SECONDS,
    PAGES_WAITING,
    OLDEST_WAITING,
    PAGES_KEPT,
    PAGES_UNCONFIRMED,
    LAST_SUCCESS,
    LAST_PAGE_ACCEPTED,
    IN_SERVICE,
    OUT_OF_SERVICE,
    OPEN,
    CONFIG_RELOAD_FAILURES,
    BUILD_INFO,
    START_TIME,
];

/// The label every series carries: the kiosk's name.
pub const KIOSK_LABEL: &str = "kiosk";

/// How often the textfile is rewritten.
pub const TEXTFILE_EVERY: Duration = Duration::from_secs(15);

/// Request durations' histogram buckets, in seconds (the client's timeouts
/// are 5 s to connect and 20 s in all by default).
const DURATION_BUCKETS: &[f64] = &[0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 20.0, 30.0];

/// The port `metrics_listen` examples use (node_exporter's neighbour).
pub const DEFAULT_PORT: u16 = 9464;

#[derive(Debug, thiserror::Error)]
pub enum MetricsError {
    #[error("cannot serve metrics on {address} (metrics_listen): {reason}")]
    Listen { address: SocketAddr, reason: String },
    #[error("the metrics exporter could not be set up: {0}")]
    Build(String),
    #[error("a metrics recorder is already installed in this process")]
    AlreadyInstalled,
    #[error("cannot start the {what} thread: {source}")]
    Thread {
        what: &'static str,
        source: std::io::Error,
    },
    #[error("cannot write the metrics file {path} (metrics_textfile): {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// `metrics_listen` as an address: `IP:PORT` (e.g. `0.0.0.0:9464` to be
/// scraped from the network), or a bare port, which binds to 127.0.0.1 only.
pub fn listen_address(text: &str) -> Result<SocketAddr, String> {
    let text = text.trim();
    if let Ok(port) = text.parse::<u16>() {
        return Ok(SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), port));
    }
    text.parse::<SocketAddr>().map_err(|_| {
        format!(
            "metrics_listen \"{text}\" is not an address and port; expected e.g. \
             \"127.0.0.1:{DEFAULT_PORT}\" (this computer only), \"0.0.0.0:{DEFAULT_PORT}\" \
             (the network) or a port alone"
        )
    })
}

/// The computer's host name, or `unnamed-kiosk`.
pub fn host_name() -> String {
    let from_file = |path: &str| std::fs::read_to_string(path).ok();
    from_file("/proc/sys/kernel/hostname")
        .or_else(|| from_file("/etc/hostname"))
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|name| name.trim().to_owned())
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| "unnamed-kiosk".to_owned())
}

/// The kiosk's name: `kiosk_name` from the configuration, or the host name.
pub fn kiosk_name(config: &Config) -> String {
    config
        .kiosk_name
        .as_deref()
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map_or_else(host_name, str::to_owned)
}

static THIS_KIOSK: Mutex<Option<String>> = Mutex::new(None);

/// Names this process's kiosk from its configuration (metrics, logs and
/// exports use it); returns the name.
pub fn name_this_kiosk(config: &Config) -> String {
    let name = kiosk_name(config);
    *THIS_KIOSK.lock().unwrap_or_else(|e| e.into_inner()) = Some(name.clone());
    name
}

/// The name [`name_this_kiosk`] gave, or the host name.
pub fn this_kiosk() -> String {
    THIS_KIOSK
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clone()
        .unwrap_or_else(host_name)
}

/// The installed recorder: renders the exposition text, and keeps the
/// textfile written until it is dropped (then writes it one last time).
pub struct MetricsHandle {
    handle: PrometheusHandle,
    listening: Option<SocketAddr>,
    textfile: Option<Textfile>,
}

struct Textfile {
    path: PathBuf,
    stop: Option<mpsc::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl MetricsHandle {
    /// The metrics now, in the Prometheus text format.
    pub fn render(&self) -> String {
        self.handle.render()
    }

    /// Where the HTTP listener listens, if it does.
    pub fn listening_on(&self) -> Option<SocketAddr> {
        self.listening
    }

    /// Where the textfile is written, if it is.
    pub fn textfile(&self) -> Option<&Path> {
        self.textfile.as_ref().map(|t| t.path.as_path())
    }

    /// Writes the textfile now (it is also written every [`TEXTFILE_EVERY`]).
    pub fn write_textfile(&self) -> Result<(), MetricsError> {
        match &self.textfile {
            Some(textfile) => write_atomically(&textfile.path, &self.handle.render()),
            None => Ok(()),
        }
    }
}

impl Drop for MetricsHandle {
    fn drop(&mut self) {
        if let Some(textfile) = &mut self.textfile {
            // The thread writes once more as it stops.
            textfile.stop.take();
            if let Some(thread) = textfile.thread.take()
                && thread.join().is_err()
            {
                tracing::error!("the metrics textfile thread panicked");
            }
        }
    }
}

/// Installs the Prometheus recorder when the configuration asks for metrics
/// (`metrics_listen` or `metrics_textfile`), and starts the listener and the
/// textfile writer. `Ok(None)`: nothing asked for, nothing recorded.
pub fn install(config: &Config) -> Result<Option<MetricsHandle>, MetricsError> {
    let listen = config
        .metrics_listen
        .as_deref()
        .map(listen_address)
        .transpose()
        .map_err(MetricsError::Build)?;
    let textfile = config.metrics_textfile.clone();
    if listen.is_none() && textfile.is_none() {
        return Ok(None);
    }
    let name = this_kiosk_or(config);
    let builder = PrometheusBuilder::new()
        .add_global_label(KIOSK_LABEL, name.clone())
        .set_buckets_for_metric(Matcher::Full(REQUEST_SECONDS.to_owned()), DURATION_BUCKETS)
        .map_err(|e| MetricsError::Build(e.to_string()))?;
    let (handle, listening) = match listen {
        Some(address) => {
            let handle = serve(builder.with_http_listener(address), address)?;
            (handle, Some(address))
        }
        None => {
            let recorder = builder.build_recorder();
            let handle = recorder.handle();
            metrics::set_global_recorder(recorder).map_err(|_| MetricsError::AlreadyInstalled)?;
            (handle, None)
        }
    };
    describe_all();
    record_start();
    let textfile = match textfile {
        Some(path) => Some(start_textfile(path, handle.clone())?),
        None => None,
    };
    tracing::info!(
        kiosk = %name,
        listen = ?listening,
        textfile = ?textfile.as_ref().map(|t| &t.path),
        "metrics are recorded"
    );
    Ok(Some(MetricsHandle {
        handle,
        listening,
        textfile,
    }))
}

/// The name set by [`name_this_kiosk`], else the configuration's.
fn this_kiosk_or(config: &Config) -> String {
    THIS_KIOSK
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clone()
        .unwrap_or_else(|| kiosk_name(config))
}

/// Binds the listener, installs the recorder, and serves scrapes on a
/// thread with a small runtime of its own (never the worker's or the UI's).
fn serve(
    builder: PrometheusBuilder,
    address: SocketAddr,
) -> Result<PrometheusHandle, MetricsError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| MetricsError::Build(format!("no runtime for the listener: {e}")))?;
    let (recorder, exporter) = {
        // The exporter spawns its upkeep task on this runtime.
        let _entered = runtime.enter();
        builder.build().map_err(|e| MetricsError::Listen {
            address,
            reason: e.to_string(),
        })?
    };
    let handle = recorder.handle();
    metrics::set_global_recorder(recorder).map_err(|_| MetricsError::AlreadyInstalled)?;
    std::thread::Builder::new()
        .name("metrics-listener".into())
        .spawn(move || {
            if let Err(error) = runtime.block_on(exporter) {
                tracing::error!(?error, %address, "the metrics listener stopped");
            }
        })
        .map_err(|source| MetricsError::Thread {
            what: "metrics listener",
            source,
        })?;
    Ok(handle)
}

fn start_textfile(path: PathBuf, handle: PrometheusHandle) -> Result<Textfile, MetricsError> {
    if path.extension().is_none_or(|ext| ext != "prom") {
        tracing::warn!(
            path = %path.display(),
            "metrics_textfile does not end in .prom: node_exporter's textfile collector will not read it"
        );
    }
    // The first write says at once whether the place is writable.
    write_atomically(&path, &handle.render())?;
    let (stop, stopped) = mpsc::channel::<()>();
    let thread_path = path.clone();
    let thread = std::thread::Builder::new()
        .name("metrics-textfile".into())
        .spawn(move || {
            let mut failing = false;
            loop {
                let last = !matches!(
                    stopped.recv_timeout(TEXTFILE_EVERY),
                    Err(mpsc::RecvTimeoutError::Timeout)
                );
                handle.run_upkeep();
                match write_atomically(&thread_path, &handle.render()) {
                    Ok(()) if failing => {
                        failing = false;
                        tracing::info!(path = %thread_path.display(), "the metrics file is written again");
                    }
                    Ok(()) => {}
                    Err(error) if !failing => {
                        failing = true;
                        tracing::error!(%error, "the metrics file cannot be written");
                    }
                    Err(_) => {}
                }
                if last {
                    return;
                }
            }
        })
        .map_err(|source| MetricsError::Thread {
            what: "metrics textfile",
            source,
        })?;
    Ok(Textfile {
        path,
        stop: Some(stop),
        thread: Some(thread),
    })
}

/// Writes `text` to a temporary file beside `path` (whose name does not end
/// in `.prom`, so node_exporter skips it) and renames it over `path`.
pub fn write_atomically(path: &Path, text: &str) -> Result<(), MetricsError> {
    let failed = |source| MetricsError::Write {
        path: path.to_owned(),
        source,
    };
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(format!(".{}.tmp", std::process::id()));
    let temporary = PathBuf::from(temporary);
    let written = (|| {
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written.map_err(failed)
}

fn describe_all() {
    describe_counter!(
        RESPONDENTS,
        "Respondents whose session ended, by final status (the server's, or timed_out, abandoned, failed, start_failed)."
    );
    describe_counter!(PAGES_SENT, "Pages the server took from a live session.");
    describe_counter!(
        PAGES_REJECTED,
        "Pages the server's validation refused (the respondent corrects them)."
    );
    describe_counter!(
        PAGES_RECOVERED,
        "Pages recovery settled with the server, by the state it found."
    );
    describe_counter!(
        RETRIES,
        "Pages sent again after a failure: by a live session (submit) or by recovery."
    );
    describe_counter!(
        API_CALLS,
        "Calls to the take API by endpoint (they count against QuestionPro's API call limits)."
    );
    describe_counter!(
        ERRORS,
        "Failed requests to the survey API, by request and kind."
    );
    describe_histogram!(
        REQUEST_SECONDS,
        Unit::Seconds,
        "How long requests to the survey API took."
    );
    describe_gauge!(
        PAGES_WAITING,
        "Pages in the local journal waiting to be sent by recovery."
    );
    describe_gauge!(
        OLDEST_WAITING,
        Unit::Seconds,
        "Age of the oldest page waiting to be sent (0 when none; counted at least every minute)."
    );
    describe_gauge!(
        PAGES_KEPT,
        "Pages that can never be sent, kept in the journal for the operator."
    );
    describe_gauge!(
        PAGES_UNCONFIRMED,
        "Pages whose fate the server never confirmed, kept with their bodies until the operator gives them up."
    );
    describe_gauge!(
        LAST_SUCCESS,
        Unit::Seconds,
        "Unix time of the last request the survey API answered (the start until the first)."
    );
    describe_gauge!(
        LAST_PAGE_ACCEPTED,
        Unit::Seconds,
        "Unix time the server last took a page (the start until the first)."
    );
    describe_gauge!(
        IN_SERVICE,
        "1 while the kiosk can take respondents; 0 out of service or offline."
    );
    describe_gauge!(
        OUT_OF_SERVICE,
        "1 for the reason the kiosk is out of service, 0 for the others."
    );
    describe_gauge!(
        OPEN,
        "1 within the opening hours (always without them); 0 outside."
    );
    describe_counter!(
        CONFIG_RELOAD_FAILURES,
        "Changed configuration files refused (the kiosk kept its settings)."
    );
    describe_gauge!(BUILD_INFO, "Always 1; the version is a label.");
    describe_gauge!(
        START_TIME,
        Unit::Seconds,
        "Unix time the kiosk process started."
    );
}

/// The series that exist from the start (a counter that has not moved yet
/// reads 0 instead of being absent), the build and the start time.
fn record_start() {
    let now = unix_now();
    gauge!(BUILD_INFO, "version" => env!("CARGO_PKG_VERSION")).set(1.0);
    gauge!(START_TIME).set(now);
    gauge!(LAST_SUCCESS).set(now);
    gauge!(LAST_PAGE_ACCEPTED).set(now);
    gauge!(IN_SERVICE).set(0.0);
    gauge!(OPEN).set(1.0);
    gauge!(PAGES_WAITING).set(0.0);
    gauge!(OLDEST_WAITING).set(0.0);
    gauge!(PAGES_KEPT).set(0.0);
    gauge!(PAGES_UNCONFIRMED).set(0.0);
    counter!(PAGES_SENT).absolute(0);
    counter!(CONFIG_RELOAD_FAILURES).absolute(0);
    counter!(PAGES_REJECTED).absolute(0);
    for status in [
        "survey_complete",
        "terminated",
        "quota_full",
        "timed_out",
        "abandoned",
        "failed",
        "start_failed",
    ] {
        counter!(RESPONDENTS, "status" => status).absolute(0);
    }
    for request in ["submit", "recovery"] {
        counter!(RETRIES, "request" => request).absolute(0);
    }
    for endpoint in crate::api::Endpoint::ALL {
        counter!(API_CALLS, "endpoint" => endpoint.label()).absolute(0);
    }
    for cause in ServiceCause::ALL {
        gauge!(OUT_OF_SERVICE, "reason" => cause.label()).set(0.0);
    }
    LAST_IN_SERVICE.store(UNKNOWN, Ordering::Relaxed);
    *LAST_CAUSE.lock().unwrap_or_else(|e| e.into_inner()) = None;
    LAST_OPEN.store(UNKNOWN, Ordering::Relaxed);
}

fn unix_now() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |since| since.as_secs_f64())
}

fn request_label(request: Request) -> &'static str {
    match request {
        Request::Start => "start",
        Request::Submit => "submit",
        Request::Previous => "previous",
    }
}

/// The `kind` label of a failed request.
pub fn error_kind(error: &ApiError) -> &'static str {
    match error {
        ApiError::Connect(_) => "connect",
        ApiError::Timeout => "timeout",
        ApiError::Transport(_) => "connection_broke",
        ApiError::InvalidBaseUrl { .. } => "bad_address",
        ApiError::NoSession => "no_session",
        ApiError::Encode(_) => "encode",
        ApiError::TooManyRequests { .. } => "rate_limited",
        ApiError::Http { status, .. } | ApiError::Unparseable { status, .. }
            if (500..=599).contains(status) =>
        {
            "server_error"
        }
        ApiError::Unparseable { .. } => "unparseable",
        ApiError::Http { status, .. } => match status {
            400 => "bad_request",
            401 => "unauthorized",
            403 => "forbidden",
            404 => "not_found",
            429 => "rate_limited",
            _ => "refused",
        },
    }
}

/// A request of a live session (or a probe) finished: its duration, whether
/// the API answered, and for a page what the server made of it.
pub fn request_finished(request: Request, outcome: &Result<Envelope, ApiError>, took: Duration) {
    let label = request_label(request);
    metrics::histogram!(REQUEST_SECONDS, "request" => label).record(took.as_secs_f64());
    let envelope = match outcome {
        Ok(envelope) if envelope.status == Status::Error => {
            counter!(ERRORS, "request" => label, "kind" => "api_error").increment(1);
            return;
        }
        Ok(envelope) => envelope,
        Err(error) => {
            counter!(ERRORS, "request" => label, "kind" => error_kind(error)).increment(1);
            return;
        }
    };
    let now = unix_now();
    gauge!(LAST_SUCCESS).set(now);
    if request == Request::Submit {
        match crate::journal::page_verdict(envelope) {
            Some(PageState::Accepted) => {
                counter!(PAGES_SENT).increment(1);
                gauge!(LAST_PAGE_ACCEPTED).set(now);
            }
            Some(PageState::Rejected) => counter!(PAGES_REJECTED).increment(1),
            _ => {}
        }
    }
}

/// A call to the take API went out (`endpoint`: `take`, `submit_page`,
/// `previous_page`); the client counts each one.
pub fn api_call(endpoint: &'static str) {
    counter!(API_CALLS, "endpoint" => endpoint).increment(1);
}

/// The same page is sent again: `"submit"` by a live session, `"recovery"`
/// by recovery.
pub fn page_retried(by: &'static str) {
    counter!(RETRIES, "request" => by).increment(1);
}

/// Recovery settled a waiting page.
pub fn page_recovered(state: PageState) {
    counter!(PAGES_RECOVERED, "state" => state.as_str()).increment(1);
    if state.proven_taken() {
        let now = unix_now();
        gauge!(LAST_SUCCESS).set(now);
        gauge!(LAST_PAGE_ACCEPTED).set(now);
    }
}

/// The `status` label of a respondent's end (`None` for a probe).
pub fn respondent_status(outcome: &Outcome, started: bool) -> Option<&'static str> {
    Some(match outcome {
        Outcome::Probe => return None,
        Outcome::Final(status) => match status {
            Status::SurveyComplete => "survey_complete",
            Status::Terminated => "terminated",
            Status::QuotaFull => "quota_full",
            Status::AlreadyCompleted => "already_completed",
            Status::SurveyOptOut => "survey_opt_out",
            Status::Redirect => "redirect",
            _ => "other",
        },
        Outcome::TimedOut => "timed_out",
        Outcome::Abandoned => "abandoned",
        Outcome::Failed(_) if !started => "start_failed",
        Outcome::Failed(_) => "failed",
    })
}

/// A respondent's session ended (a probe's end is not counted).
pub fn respondent_ended(outcome: &Outcome, started: bool) {
    if let Some(status) = respondent_status(outcome, started) {
        counter!(RESPONDENTS, "status" => status).increment(1);
    }
}

/// The journal's waiting pages, as the worker publishes them.
pub fn journal_waiting(summary: &WaitingSummary) {
    gauge!(PAGES_WAITING).set(summary.pages as f64);
    gauge!(PAGES_KEPT).set(summary.kept as f64);
    gauge!(PAGES_UNCONFIRMED).set(summary.unconfirmed as f64);
    let age = summary
        .oldest
        .as_deref()
        .filter(|_| summary.pages > 0)
        .and_then(|written| chrono::DateTime::parse_from_rfc3339(written).ok())
        .map_or(0.0, |written| {
            let age = chrono::Utc::now().signed_duration_since(written);
            (age.num_milliseconds() as f64 / 1000.0).max(0.0)
        });
    gauge!(OLDEST_WAITING).set(age);
}

const UNKNOWN: u8 = 2;
static LAST_IN_SERVICE: AtomicU8 = AtomicU8::new(UNKNOWN);
/// The last "open by the opening hours" value set (2: never set).
static LAST_OPEN: AtomicU8 = AtomicU8::new(UNKNOWN);

/// Whether the screen shown means the kiosk takes respondents: not out of
/// service, not offline on the attract screen. Cheap enough for every frame
/// (the gauge is set only when it changes).
pub fn in_service(screen: &Screen) -> bool {
    !matches!(
        screen,
        Screen::OutOfService(_) | Screen::Attract { offline: Some(_) }
    )
}

/// The UI reports the screen it shows.
pub fn screen_shown(screen: &Screen, closed: bool) {
    let open = u8::from(!closed);
    if LAST_OPEN.swap(open, Ordering::Relaxed) != open {
        gauge!(OPEN).set(f64::from(open));
    }
    // "In service" stays what the screen says: a kiosk closed for the night
    // is not a kiosk in trouble (alerts look at `survey_kiosk_open`).
    let now = u8::from(in_service(screen));
    if LAST_IN_SERVICE.swap(now, Ordering::Relaxed) != now {
        gauge!(IN_SERVICE).set(f64::from(now));
    }
    let cause = match screen {
        Screen::OutOfService(problem) => Some(problem.cause),
        _ => None,
    };
    let mut last = LAST_CAUSE.lock().unwrap_or_else(|e| e.into_inner());
    if *last != Some(cause) {
        if let Some(Some(before)) = *last {
            gauge!(OUT_OF_SERVICE, "reason" => before.label()).set(0.0);
        }
        if let Some(cause) = cause {
            gauge!(OUT_OF_SERVICE, "reason" => cause.label()).set(1.0);
        }
        *last = Some(cause);
    }
}

/// The out-of-service reason last set (outer `None`: never set).
static LAST_CAUSE: Mutex<Option<Option<ServiceCause>>> = Mutex::new(None);

/// A changed configuration file could not be used (the kiosk kept the
/// previous settings): `survey_kiosk_config_reload_failures_total`.
pub fn config_reload_failed() {
    counter!(CONFIG_RELOAD_FAILURES).increment(1);
}

#[cfg(test)]
mod tests {
    use super::*;
    use metrics_exporter_prometheus::PrometheusRecorder;

    fn recorder() -> PrometheusRecorder {
        PrometheusBuilder::new()
            .add_global_label(KIOSK_LABEL, "test-kiosk")
            .build_recorder()
    }

    #[test]
    fn a_bare_port_listens_on_this_computer_only() {
        assert_eq!(
            listen_address("9464"),
            Ok(SocketAddr::from(([127, 0, 0, 1], 9464)))
        );
        assert_eq!(
            listen_address("0.0.0.0:9464"),
            Ok(SocketAddr::from(([0, 0, 0, 0], 9464)))
        );
        assert!(listen_address("[::1]:9464").is_ok());
        let error = listen_address("localhost:9464").err().unwrap_or_default();
        assert!(error.contains("metrics_listen"), "{error}");
        assert!(listen_address("").is_err());
    }

    #[test]
    fn the_name_is_configured_or_the_host_name() {
        let mut config = Config {
            kiosk_name: Some("  lobby-2 ".into()),
            ..Config::default()
        };
        assert_eq!(kiosk_name(&config), "lobby-2");
        config.kiosk_name = Some(" ".into());
        assert_eq!(kiosk_name(&config), host_name());
        assert!(!host_name().is_empty());
    }

    #[test]
    fn errors_have_a_small_set_of_kinds() {
        let http = |status| ApiError::Http {
            status,
            name: String::new(),
            id: String::new(),
            message: String::new(),
        };
        assert_eq!(error_kind(&http(500)), "server_error");
        assert_eq!(
            error_kind(&ApiError::from_error_response(503, b"<html>")),
            "server_error"
        );
        assert_eq!(
            error_kind(&ApiError::from_error_response(200, b"garbage")),
            "unparseable"
        );
        assert_eq!(error_kind(&http(401)), "unauthorized");
        assert_eq!(error_kind(&http(418)), "refused");
        assert_eq!(error_kind(&ApiError::Timeout), "timeout");
    }

    #[test]
    fn respondents_are_counted_by_final_status() {
        assert_eq!(
            respondent_status(&Outcome::Final(Status::QuotaFull), true),
            Some("quota_full")
        );
        assert_eq!(
            respondent_status(&Outcome::Failed("x".into()), false),
            Some("start_failed")
        );
        assert_eq!(respondent_status(&Outcome::Probe, false), None);
        assert_eq!(
            respondent_status(&Outcome::Final(Status::Unknown("odd".into())), true),
            Some("other")
        );
    }

    #[test]
    fn recorded_values_render_with_the_kiosk_label() {
        let recorder = recorder();
        let handle = recorder.handle();
        metrics::with_local_recorder(&recorder, || {
            describe_all();
            respondent_ended(&Outcome::Final(Status::SurveyComplete), true);
            respondent_ended(&Outcome::TimedOut, true);
            respondent_ended(&Outcome::Probe, true);
            request_finished(
                Request::Submit,
                &Err(ApiError::Timeout),
                Duration::from_millis(30),
            );
            page_retried("submit");
            journal_waiting(&WaitingSummary {
                pages: 2,
                oldest: Some("2000-01-01T00:00:00.000Z".into()),
                last_error: None,
                kept: 1,
                unconfirmed: 3,
            });
        });
        let text = handle.render();
        for line in [
            r#"survey_kiosk_respondents_total{kiosk="test-kiosk",status="survey_complete"} 1"#,
            r#"survey_kiosk_respondents_total{kiosk="test-kiosk",status="timed_out"} 1"#,
            r#"survey_kiosk_request_errors_total{kiosk="test-kiosk",request="submit",kind="timeout"} 1"#,
            r#"survey_kiosk_request_retries_total{kiosk="test-kiosk",request="submit"} 1"#,
            r#"survey_kiosk_journal_pages_waiting{kiosk="test-kiosk"} 2"#,
            r#"survey_kiosk_journal_pages_kept{kiosk="test-kiosk"} 1"#,
            r#"survey_kiosk_pages_unconfirmed{kiosk="test-kiosk"} 3"#,
            "# TYPE survey_kiosk_respondents_total counter",
        ] {
            assert!(text.contains(line), "{line} missing from\n{text}");
        }
        let age_line = text
            .lines()
            .find(|l| l.starts_with(OLDEST_WAITING))
            .unwrap_or_default();
        let age: f64 = age_line
            .rsplit(' ')
            .next()
            .and_then(|v| v.parse().ok())
            .unwrap_or_default();
        assert!(age > 20.0 * 365.0 * 86400.0, "{age_line}");
    }

    #[test]
    fn the_in_service_gauge_follows_the_screen() {
        assert!(in_service(&Screen::Attract { offline: None }));
        assert!(!in_service(&Screen::Attract {
            offline: Some(crate::kiosk::Offline {
                next_check: std::time::Instant::now(),
                checking: false,
                reason: "down".into(),
            })
        }));
    }

    #[test]
    fn the_textfile_is_replaced_whole() {
        let dir = std::env::temp_dir().join(format!(
            "survey-kiosk-metrics-{}-{}",
            std::process::id(),
            uuid::Uuid::new_v4()
        ));
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        let path = dir.join("survey-kiosk.prom");
        write_atomically(&path, "a 1\n").unwrap_or_else(|e| panic!("{e}"));
        write_atomically(&path, "a 2\n").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            std::fs::read_to_string(&path).ok().as_deref(),
            Some("a 2\n")
        );
        let files: Vec<_> = std::fs::read_dir(&dir)
            .map(|d| d.flatten().map(|e| e.file_name()).collect())
            .unwrap_or_default();
        assert_eq!(files.len(), 1, "{files:?}");
        let error = write_atomically(&dir.join("no/such/dir.prom"), "x").err();
        assert!(matches!(error, Some(MetricsError::Write { .. })));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
