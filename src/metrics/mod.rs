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

mod exporter;
mod names;

use std::sync::Mutex;
use std::sync::atomic::{AtomicU8, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use metrics::{counter, gauge};

pub use exporter::{MetricsError, MetricsHandle, install, write_atomically};
pub use names::*;

use crate::api::{ApiError, Envelope, Status};
use crate::journal::{CaptureSummary, PageState, WaitingSummary};
use crate::kiosk::{Outcome, Request, Screen, ServiceCause};

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
    gauge!(OFFLINE_CAPTURING).set(0.0);
    gauge!(CAPTURED_WAITING).set(0.0);
    gauge!(CAPTURED_NEEDS_ATTENTION).set(0.0);
    counter!(RESPONDENTS_CAPTURED).increment(0);
    counter!(PAGES_REPLAYED, "state" => PageState::Accepted.as_str()).increment(0);
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

/// Whether respondents are captured offline now.
pub fn offline_capturing(on: bool) {
    gauge!(OFFLINE_CAPTURING).set(if on { 1.0 } else { 0.0 });
}

/// A respondent was taken from the survey map.
pub fn respondent_captured() {
    counter!(RESPONDENTS_CAPTURED).increment(1);
}

/// Replay settled a captured page.
pub fn page_replayed(state: PageState) {
    counter!(PAGES_REPLAYED, "state" => state.as_str()).increment(1);
    if state.proven_taken() {
        let now = unix_now();
        gauge!(LAST_SUCCESS).set(now);
        gauge!(LAST_PAGE_ACCEPTED).set(now);
    }
}

/// Captured respondents, as replay publishes them.
pub fn captured(summary: &CaptureSummary) {
    gauge!(CAPTURED_WAITING).set(summary.waiting as f64);
    gauge!(CAPTURED_NEEDS_ATTENTION).set(summary.needs_attention as f64);
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
    use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusRecorder};

    fn recorder() -> PrometheusRecorder {
        PrometheusBuilder::new()
            .add_global_label(KIOSK_LABEL, "test-kiosk")
            .build_recorder()
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
