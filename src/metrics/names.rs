//! The metric names (public: `deploy/` and `tests/metrics.rs` use exactly
//! these) and their descriptions.

use std::time::Duration;

use metrics::{Unit, describe_counter, describe_gauge, describe_histogram};

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
pub const API_CALLS: &str = crate::api::API_CALLS_METRIC;
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
/// 1 while respondents are captured offline (the API could not be reached
/// at the last start and `offline = "capture"`), else 0.
pub const OFFLINE_CAPTURING: &str = "survey_kiosk_offline_capturing";
/// Respondents taken from the survey map while offline.
pub const RESPONDENTS_CAPTURED: &str = "survey_kiosk_respondents_captured_total";
/// Respondents captured offline whose pages wait to be replayed.
pub const CAPTURED_WAITING: &str = "survey_kiosk_captured_respondents_waiting";
/// Captured respondents whose replay stopped (the survey changed, an answer
/// was refused, …): everything kept for the operator.
pub const CAPTURED_NEEDS_ATTENTION: &str = "survey_kiosk_captured_needs_attention";
/// Captured pages replay settled, by the state the server's reply gave.
pub const PAGES_REPLAYED: &str = "survey_kiosk_pages_replayed_total";
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
    OFFLINE_CAPTURING,
    RESPONDENTS_CAPTURED,
    CAPTURED_WAITING,
    CAPTURED_NEEDS_ATTENTION,
    PAGES_REPLAYED,
];

/// The label every series carries: the kiosk's name.
pub const KIOSK_LABEL: &str = "kiosk";

/// How often the textfile is rewritten.
pub const TEXTFILE_EVERY: Duration = Duration::from_secs(15);

/// Request durations' histogram buckets, in seconds (the client's timeouts
/// are 5 s to connect and 20 s in all by default).
pub(super) const DURATION_BUCKETS: &[f64] =
    &[0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 20.0, 30.0];

// Long because it is one description per metric, a list.
pub(super) fn describe_all() {
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
        OFFLINE_CAPTURING,
        "1 while respondents are captured offline from the survey map; else 0."
    );
    describe_counter!(
        RESPONDENTS_CAPTURED,
        "Respondents taken from the survey map while the API could not be reached."
    );
    describe_gauge!(
        CAPTURED_WAITING,
        "Respondents captured offline whose pages wait to be replayed."
    );
    describe_gauge!(
        CAPTURED_NEEDS_ATTENTION,
        "Respondents captured offline whose replay stopped; their answers are kept."
    );
    describe_counter!(
        PAGES_REPLAYED,
        "Captured pages replay settled with the server, by state."
    );
    describe_gauge!(
        START_TIME,
        Unit::Seconds,
        "Unix time the kiosk process started."
    );
}
