//! Watching a fleet: after a rehearsal against the demo server (over real
//! HTTP, with injected faults), the Prometheus listener's scrape and the
//! `node_exporter` textfile count what happened; the textfile is valid
//! Prometheus text; the alert rules and the dashboard in `deploy/` use the
//! kiosk's metric names.
//!
//! A process has one global recorder: one test here installs it.

// A test that cannot set up stops with the reason: `expect` is how it says so.
#![allow(clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use prometheus_parse::{LineInfo, Scrape, Value};
use survey_kiosk::api::{Client, ClientSettings};
use survey_kiosk::config::Config;
use survey_kiosk::demo::{Call, DEMO_API_KEY, DEMO_SURVEY_ID, DemoServer, Fault};
use survey_kiosk::journal::{self, Journal};
use survey_kiosk::kiosk::{Screen, ServiceProblem, Settings};
use survey_kiosk::metrics;
use survey_kiosk::rehearsal::{WalkOptions, walk};
use survey_kiosk::worker::Records;

mod common;
use common::{demo_server, temp};

const KIOSK: &str = "lobby-1";

fn client(server: &DemoServer) -> Client {
    let mut settings = ClientSettings::new(server.base_url(), DEMO_API_KEY);
    settings.request_timeout = Duration::from_secs(5);
    settings.connect_timeout = Duration::from_secs(2);
    Client::new(&settings).expect("a client")
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// GET /metrics over plain HTTP/1.1.
fn scrape(address: SocketAddr) -> String {
    let mut stream = TcpStream::connect(address).expect("the listener accepts");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("a timeout");
    write!(
        stream,
        "GET /metrics HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .expect("the request is sent");
    let mut response = String::new();
    stream
        .read_to_string(&mut response)
        .expect("the answer is read");
    let (head, body) = response.split_once("\r\n\r\n").expect("a head and a body");
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    body.to_owned()
}

/// Parses exposition text; every line must be a comment, empty, or a
/// sample the parser understood (it skips what it cannot read).
fn parse(text: &str) -> Scrape {
    for line in text.lines() {
        let comment = line.starts_with('#');
        let parsed = LineInfo::parse(line);
        assert!(
            comment || !matches!(parsed, LineInfo::Ignored),
            "not a Prometheus sample line: {line:?}"
        );
    }
    Scrape::parse(text.lines().map(|l| Ok(l.to_owned()))).expect("Prometheus text")
}

/// The value of `name{labels}` (the `kiosk` label checked on every series).
fn value(scrape: &Scrape, name: &str, labels: &[(&str, &str)]) -> Option<f64> {
    scrape
        .samples
        .iter()
        .filter(|s| s.metric == name)
        .find(|s| labels.iter().all(|(k, v)| s.labels.get(k) == Some(*v)))
        .and_then(|s| match &s.value {
            Value::Counter(v) | Value::Gauge(v) | Value::Untyped(v) => Some(*v),
            Value::Histogram(buckets) => buckets.last().map(|b| b.count),
            Value::Summary(_) => None,
        })
}

fn promtool() -> Option<PathBuf> {
    let found = Command::new("promtool")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    found.then(|| PathBuf::from("promtool"))
}

/// `promtool check metrics` (Prometheus's own parser and linter), when
/// installed (`apt-get install prometheus`).
fn promtool_check_metrics(text: &str) {
    let Some(promtool) = promtool() else {
        eprintln!("skipped: promtool is not installed (apt-get install prometheus)");
        return;
    };
    let mut child = Command::new(promtool)
        .args(["check", "metrics"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("promtool starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(text.as_bytes())
        .expect("the text goes to promtool");
    let output = child.wait_with_output().expect("promtool ends");
    assert!(
        output.status.success(),
        "promtool check metrics: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn the_listener_and_the_textfile_count_what_a_rehearsal_did() {
    let server = demo_server();
    let dir = temp("metrics");
    let textfile = dir.join("survey-kiosk.prom");
    let address = SocketAddr::from(([127, 0, 0, 1], free_port()));
    let config = Config::parse(&format!(
        "kiosk_name = \"{KIOSK}\"\nmetrics_listen = \"{address}\"\nmetrics_textfile = \"{}\"\n",
        textfile.display()
    ))
    .expect("a valid configuration");
    let started = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("after 1970")
        .as_secs_f64();
    let kiosk = survey_kiosk::identity::name_this_kiosk(config.kiosk_name.as_deref());
    let listen = config.metrics_address().expect("a listen address");
    let handle = metrics::install(listen, config.metrics_textfile.clone(), &kiosk)
        .expect("metrics install")
        .expect("metrics are configured");
    assert_eq!(handle.listening_on(), Some(address));
    assert!(textfile.exists(), "the textfile is written at once");

    // Four submits fail: 500 twice, a proxy's HTML 503, a dropped
    // connection; the live session sends each page again.
    server.inject_on(Call::Submit, Fault::Status500, 2);
    server.inject_on(Call::Submit, Fault::Html503, 1);
    server.inject_on(Call::Submit, Fault::Drop, 1);
    let journal = Journal::open(&dir.join(journal::FILE_NAME), false).expect("a journal");
    let options = WalkOptions {
        respondents: 4,
        seed: 5,
        page_lines: false,
        respondent_lines: false,
        wait_lines: false,
        ..WalkOptions::default()
    };
    let settings = Settings {
        retry_initial: Duration::from_millis(20),
        retry_max: Duration::from_millis(200),
        ..Settings::default()
    };
    let report = walk(
        client(&server),
        DEMO_SURVEY_ID,
        settings,
        Records::Journal {
            journal,
            rehearsal: true,
        },
        &options,
        &mut std::io::sink(),
    )
    .expect("the walk runs");
    assert!(report.all_final(), "{report:?}");
    metrics::screen_shown(&Screen::Attract { offline: None }, false);

    let text = scrape(address);
    let scraped = parse(&text);
    for sample in &scraped.samples {
        assert_eq!(
            sample.labels.get("kiosk"),
            Some(KIOSK),
            "{} has no kiosk label",
            sample.metric
        );
    }
    let get = |name: &str, labels: &[(&str, &str)]| value(&scraped, name, labels);
    for (status, count) in &report.finals {
        assert_eq!(
            get(metrics::RESPONDENTS, &[("status", status)]),
            Some(f64::from(*count)),
            "respondents {status}\n{text}"
        );
    }
    let counted: f64 = scraped
        .samples
        .iter()
        .filter(|s| s.metric == metrics::RESPONDENTS)
        .filter_map(|s| match s.value {
            Value::Counter(v) | Value::Untyped(v) => Some(v),
            _ => None,
        })
        .sum();
    assert_eq!(counted, 4.0, "every respondent counted once\n{text}");
    assert_eq!(
        get(metrics::PAGES_SENT, &[]),
        Some(report.pages as f64),
        "{text}"
    );
    assert_eq!(
        get(metrics::RETRIES, &[("request", "submit")]),
        Some(4.0),
        "{text}"
    );
    assert_eq!(
        get(
            metrics::ERRORS,
            &[("request", "submit"), ("kind", "server_error")]
        ),
        Some(3.0),
        "{text}"
    );
    assert_eq!(
        get(
            metrics::ERRORS,
            &[("request", "submit"), ("kind", "connection_broke")]
        ),
        Some(1.0),
        "{text}"
    );
    // Each page sent once more after its failure; each back a Previous.
    assert_eq!(
        get(metrics::REQUEST_SECONDS, &[("request", "submit")]),
        Some(report.pages as f64 + 4.0),
        "{text}"
    );
    assert_eq!(
        get(metrics::REQUEST_SECONDS, &[("request", "start")]),
        Some(4.0),
        "{text}"
    );
    assert_eq!(get(metrics::PAGES_WAITING, &[]), Some(0.0), "{text}");
    assert_eq!(get(metrics::OLDEST_WAITING, &[]), Some(0.0), "{text}");
    assert_eq!(get(metrics::IN_SERVICE, &[]), Some(1.0), "{text}");
    // Every call to the API, by endpoint: as many as the walk counted.
    for (endpoint, calls) in [
        ("take", report.api_calls.take),
        ("submit_page", report.api_calls.submit_page),
        ("previous_page", report.api_calls.previous_page),
    ] {
        assert_eq!(
            get(metrics::API_CALLS, &[("endpoint", endpoint)]),
            Some(calls as f64),
            "{endpoint}\n{text}"
        );
    }
    assert_eq!(
        report.api_calls.submit_page,
        report.pages + 4,
        "each page, and each failed submit once more"
    );
    for reason in ["survey_closed", "api_call_limit", "api_key", "other"] {
        assert_eq!(
            get(metrics::OUT_OF_SERVICE, &[("reason", reason)]),
            Some(0.0),
            "{reason}\n{text}"
        );
    }
    assert_eq!(
        get(
            metrics::BUILD_INFO,
            &[("version", env!("CARGO_PKG_VERSION"))]
        ),
        Some(1.0)
    );
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("after 1970")
        .as_secs_f64();
    for name in [metrics::LAST_SUCCESS, metrics::LAST_PAGE_ACCEPTED] {
        let at = get(name, &[]).unwrap_or_default();
        assert!(at >= started - 1.0 && at <= now + 1.0, "{name} {at}");
    }
    assert!(
        scraped.docs.contains_key(metrics::PAGES_SENT),
        "HELP lines are there"
    );
    // Every name the kiosk exports is in the scrape (dashboards rely on it)
    // except the recovered pages, which need a page to recover.
    for name in metrics::NAMES {
        if *name == metrics::PAGES_RECOVERED {
            continue;
        }
        assert!(
            scraped.samples.iter().any(|s| s.metric == *name),
            "{name} missing\n{text}"
        );
    }

    // Out of service: the gauge follows the screen.
    metrics::screen_shown(
        &Screen::OutOfService(ServiceProblem {
            reason: "survey closed".into(),
            survey_unavailable: true,
            cause: survey_kiosk::kiosk::ServiceCause::SurveyClosed,
            next_check: std::time::Instant::now(),
            checking: false,
        }),
        false,
    );
    let scraped = parse(&scrape(address));
    assert_eq!(value(&scraped, metrics::IN_SERVICE, &[]), Some(0.0));
    assert_eq!(
        value(
            &scraped,
            metrics::OUT_OF_SERVICE,
            &[("reason", "survey_closed")]
        ),
        Some(1.0)
    );
    // QuestionPro's API call limit: its own reason.
    metrics::screen_shown(
        &Screen::OutOfService(ServiceProblem {
            reason: "QuestionPro's API call limit is reached".into(),
            survey_unavailable: true,
            cause: survey_kiosk::kiosk::ServiceCause::ApiCallLimit,
            next_check: std::time::Instant::now(),
            checking: false,
        }),
        false,
    );
    let scraped = parse(&scrape(address));
    assert_eq!(
        value(
            &scraped,
            metrics::OUT_OF_SERVICE,
            &[("reason", "api_call_limit")]
        ),
        Some(1.0)
    );
    assert_eq!(
        value(
            &scraped,
            metrics::OUT_OF_SERVICE,
            &[("reason", "survey_closed")]
        ),
        Some(0.0)
    );
    // Closed by the opening hours: not open, and not "out of service" (no
    // alert for a kiosk closed for the night).
    metrics::screen_shown(&Screen::Attract { offline: None }, true);
    let scraped = parse(&scrape(address));
    assert_eq!(value(&scraped, metrics::IN_SERVICE, &[]), Some(1.0));
    assert_eq!(value(&scraped, metrics::OPEN, &[]), Some(0.0));

    // The textfile: written once more as the handle goes, valid, whole.
    drop(handle);
    let written = std::fs::read_to_string(&textfile).expect("the textfile");
    let from_file = parse(&written);
    assert_eq!(
        value(&from_file, metrics::PAGES_SENT, &[]),
        Some(report.pages as f64)
    );
    assert_eq!(value(&from_file, metrics::IN_SERVICE, &[]), Some(1.0));
    assert_eq!(value(&from_file, metrics::OPEN, &[]), Some(0.0));
    assert_eq!(
        value(&from_file, metrics::RETRIES, &[("request", "submit")]),
        Some(4.0)
    );
    let left: Vec<_> = std::fs::read_dir(&dir)
        .expect("the directory")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains(".tmp"))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
    promtool_check_metrics(&written);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_listen_address_is_checked_when_the_configuration_loads() {
    let error = Config::parse("metrics_listen = \"localhost:9464\"")
        .expect_err("refused")
        .to_string();
    assert!(error.contains("metrics_listen"), "{error}");
    assert!(error.contains("0.0.0.0:9464"), "{error}");
    let config = Config::parse("metrics_listen = \"9464\"").expect("a port alone");
    assert_eq!(config.metrics_listen.as_deref(), Some("9464"));
}

fn deploy(path: &str) -> (PathBuf, String) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("deploy")
        .join(path);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    (path, text)
}

/// The `survey_kiosk_…` names a text uses (histogram series folded into
/// their metric).
fn names_used(text: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut rest = text;
    while let Some(at) = rest.find("survey_kiosk_") {
        let tail = &rest[at..];
        let end = tail
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(tail.len());
        let name = &tail[..end];
        let name = ["_bucket", "_sum", "_count"]
            .iter()
            .find_map(|suffix| name.strip_suffix(suffix))
            .filter(|base| metrics::NAMES.contains(base))
            .unwrap_or(name);
        names.insert(name.to_owned());
        rest = &tail[end..];
    }
    names
}

#[test]
fn the_alert_rules_and_the_dashboard_use_the_kiosks_metric_names() {
    let (rules_path, rules) = deploy("prometheus/survey-kiosk-alerts.yml");
    let (_, dashboard) = deploy("grafana/survey-kiosk-dashboard.json");
    let known: BTreeSet<&str> = metrics::NAMES.iter().copied().collect();
    for (file, text) in [("alert rules", &rules), ("dashboard", &dashboard)] {
        let used = names_used(text);
        assert!(!used.is_empty(), "the {file} use no kiosk metric");
        let unknown: Vec<_> = used
            .iter()
            .filter(|n| !known.contains(n.as_str()))
            .collect();
        assert!(
            unknown.is_empty(),
            "the {file} use unknown names {unknown:?}"
        );
    }
    for alert in [
        "SurveyKioskDown",
        "SurveyKioskNoPageAccepted",
        "SurveyKioskPagesWaiting",
    ] {
        assert!(
            rules.contains(&format!("alert: {alert}")),
            "{alert} missing"
        );
    }
    let json: serde_json::Value = serde_json::from_str(&dashboard).expect("the dashboard is JSON");
    let panels = json["panels"].as_array().map_or(0, Vec::len);
    assert!(panels >= 8, "{panels} panels");
    let titles: BTreeMap<String, usize> = json["panels"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p["title"].as_str())
        .fold(BTreeMap::new(), |mut seen, t| {
            *seen.entry(t.to_owned()).or_default() += 1;
            seen
        });
    assert!(titles.values().all(|n| *n == 1), "{titles:?}");

    let Some(promtool) = promtool() else {
        eprintln!("skipped: promtool is not installed (apt-get install prometheus)");
        return;
    };
    let output = Command::new(promtool)
        .args(["check", "rules"])
        .arg(&rules_path)
        .output()
        .expect("promtool runs");
    assert!(
        output.status.success(),
        "promtool check rules: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
