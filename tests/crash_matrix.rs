//! The crash matrix: the real binary (`walk`, the kiosk loop with scripted
//! respondents) killed with SIGKILL at each point of a submit, on a plain, a
//! cookie and a 30-page survey, then started again in each order: server
//! up, server down first, server restarted having forgotten its sessions.
//!
//! Every cell asserts, from the demo server's own record and the journal,
//! that each answered page is on the server exactly once **or** kept with
//! its body: a body is deleted only after the server's reply to it, never
//! while it is absent from the server. The cells run in parallel threads,
//! each with its own server and data folder.

// A test that cannot set up stops with the reason: `expect` is how it says so.
#![allow(clippy::expect_used)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::Duration;

use survey_kiosk::demo::{
    COOKIE_SURVEY_ID, Call, DEMO_API_KEY, DEMO_SURVEY_ID, DemoServer, Fault, PAGES_SURVEY_ID,
};
use survey_kiosk::journal::{self, FILE_NAME};
use survey_kiosk::survey::FormBody;

mod common;
use common::process::text;
use common::{demo_server, temp, wait_for};

/// Where the first kill falls.
#[derive(Clone, Copy, Debug)]
enum KillPoint {
    /// A submit hangs unprocessed.
    SubmitHanging,
    /// A submit is processed; its reply is slow.
    SubmitProcessedReplySlow,
    /// Back is in flight.
    BackInFlight,
    /// A respondent's start is in flight.
    StartInFlight,
    /// After a kill with a submit hanging, recovery's reload is processed
    /// and the process is killed again before its reply arrives.
    SecondKillInReload,
    /// After a kill with a submit hanging, recovery's resend is processed
    /// and the process is killed again before its reply arrives.
    SecondKillInResend,
}

const KILL_POINTS: [KillPoint; 6] = [
    KillPoint::SubmitHanging,
    KillPoint::SubmitProcessedReplySlow,
    KillPoint::BackInFlight,
    KillPoint::StartInFlight,
    KillPoint::SecondKillInReload,
    KillPoint::SecondKillInResend,
];

/// How the kiosk comes back: the server's state as it starts again.
#[derive(Clone, Copy, Debug)]
enum Restart {
    /// The server is up, with its sessions.
    Up,
    /// The kiosk starts while the server is down; the server comes back
    /// a little later.
    DownFirst,
    /// The server restarted and forgot every session (its record stays).
    ForgotSessions,
}

const RESTARTS: [Restart; 3] = [Restart::Up, Restart::DownFirst, Restart::ForgotSessions];

/// The surveys: plain, cookie, and a long one killed mid-way.
const SURVEYS: [u64; 3] = [DEMO_SURVEY_ID, COOKIE_SURVEY_ID, PAGES_SURVEY_ID];

/// Pages the 30-page survey's respondent sends before the kill point.
const MID_WAY: usize = 10;

#[derive(Clone, Copy, Debug)]
struct Cell {
    kill: KillPoint,
    survey: u64,
    restart: Restart,
}

/// Fast retries; a request timeout long enough that a hanging request is
/// still in flight when the process is killed.
fn config(dir: &Path) -> PathBuf {
    let path = dir.join("config.toml");
    std::fs::create_dir_all(dir).expect("the cell's folder can be made");
    std::fs::write(
        &path,
        "retry_initial_ms = 10\nretry_max_secs = 1\nrequest_timeout_secs = 60\n",
    )
    .expect("the configuration can be written");
    path
}

/// `walk` of `respondents` scripted respondents against `server`.
fn walk(cell_dir: &Path, server: &DemoServer, survey: u64, respondents: u32, seed: u64) -> Command {
    let (base_url, survey) = (server.base_url(), survey.to_string());
    let (respondents, seed) = (respondents.to_string(), seed.to_string());
    let mut command = common::process::kiosk(
        &config(cell_dir),
        &cell_dir.join("data"),
        &[
            "walk",
            "--base-url",
            &base_url,
            "--survey",
            &survey,
            "--respondents",
            &respondents,
            "--seed",
            &seed,
            "--back-chance",
            "0.5",
            "--give-up-after",
            "30",
        ],
    );
    command
        .env("SURVEY_KIOSK_API_KEY", DEMO_API_KEY)
        .env_remove("RUST_LOG");
    command
}

/// Waits until the server holds more requests hanging than `before`, or
/// the child ended (the kill point was never reached).
fn until_hanging(server: &DemoServer, before: usize, child: &mut Child) -> Result<(), String> {
    let mut ended = None;
    let reached = wait_for(Duration::from_secs(60), || {
        if server.hanging() > before {
            return true;
        }
        ended = child.try_wait().ok().flatten();
        ended.is_some()
    });
    match ended {
        Some(status) => Err(format!("the walk ended ({status}) before the kill point")),
        None if reached => Ok(()),
        None => Err("the kill point was not reached in 60 s".into()),
    }
}

fn kill(mut child: Child) {
    child.kill().expect("the walk can be killed");
    child.wait().expect("the killed walk is reaped");
}

/// Hanging requests of killed processes end when their connections close
/// (at most 10 s is waited for that; the cell goes on either way).
fn until_no_hanging(server: &DemoServer) {
    let _ = wait_for(Duration::from_secs(10), || server.hanging() == 0);
}

/// A walk of one respondent killed with SIGKILL at `fault` on `call`
/// (injected after `after` accepted pages); `Err` when this seed's
/// respondent never reached that request (e.g. screened out first).
fn kill_at(
    dir: &Path,
    server: &DemoServer,
    survey: u64,
    seed: u64,
    call: Call,
    fault: Fault,
    after: usize,
) -> Result<(), String> {
    let mut child = walk(dir, server, survey, 1, seed)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the walk starts");
    let mut ended = None;
    let progressed = wait_for(Duration::from_secs(60), || {
        if server.accepted().len() >= after {
            return true;
        }
        ended = child.try_wait().ok().flatten();
        ended.is_some()
    });
    if let Some(status) = ended {
        return Err(format!("the walk ended ({status}) before page {after}"));
    }
    assert!(progressed, "no progress to page {after}");
    server.inject_on(call, fault, 1);
    let reached = until_hanging(server, 0, &mut child);
    kill(child);
    server.clear_faults();
    until_no_hanging(server);
    reached
}

/// A recovery-only walk (no respondents) killed when the server holds
/// `call` with `fault`.
fn kill_recovery_at(
    dir: &Path,
    server: &DemoServer,
    survey: u64,
    call: Call,
    fault: Fault,
) -> Result<(), String> {
    server.inject_on(call, fault, 1);
    let mut child = walk(dir, server, survey, 0, 1)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the recovery walk starts");
    let reached = until_hanging(server, 0, &mut child);
    kill(child);
    server.clear_faults();
    until_no_hanging(server);
    reached
}

/// The first part of a cell: the process dies at the kill point. A
/// respondent who is screened out or finishes before it leaves nothing to
/// test: the next seed is tried, with a fresh server and folder. Returns the
/// server whose record the cell checks.
fn crash(cell: Cell, dir: &Path) -> Result<DemoServer, String> {
    let mut last = String::new();
    for seed in 1..=12u64 {
        let server = demo_server();
        let _ = std::fs::remove_dir_all(dir.join("data"));
        match crash_with(cell, dir, &server, seed) {
            Ok(()) => return Ok(server),
            Err(why) => last = why,
        }
    }
    Err(format!("no seed reached the kill point: {last}"))
}

fn crash_with(cell: Cell, dir: &Path, server: &DemoServer, seed: u64) -> Result<(), String> {
    let after = if cell.survey == PAGES_SURVEY_ID {
        MID_WAY
    } else {
        0
    };
    let slow = Fault::AcceptThenDelay(Duration::from_secs(600));
    let (call, fault, after) = match cell.kill {
        KillPoint::SubmitProcessedReplySlow => (Call::Submit, slow, after),
        KillPoint::BackInFlight => (Call::Previous, Fault::Hang, after),
        KillPoint::StartInFlight => (Call::Take, Fault::Hang, 0),
        KillPoint::SubmitHanging
        | KillPoint::SecondKillInReload
        | KillPoint::SecondKillInResend => (Call::Submit, Fault::Hang, after),
    };
    kill_at(dir, server, cell.survey, seed, call, fault, after)?;
    match cell.kill {
        KillPoint::SecondKillInReload => {
            kill_recovery_at(dir, server, cell.survey, Call::Reload, slow)
        }
        KillPoint::SecondKillInResend => {
            kill_recovery_at(dir, server, cell.survey, Call::Submit, slow)
        }
        _ => Ok(()),
    }
}

/// The second part: the kiosk starts again, in the cell's order, and
/// recovery runs until nothing waits.
fn restart(cell: Cell, dir: &Path, server: &DemoServer) -> String {
    let mut command = walk(dir, server, cell.survey, 0, 1);
    command.stdout(Stdio::piped()).stderr(Stdio::piped());
    match cell.restart {
        Restart::Up => {}
        Restart::ForgotSessions => server.forget_sessions(),
        Restart::DownFirst => {
            server.go_down();
            let child = command.spawn().expect("the walk starts again");
            // Not a wait for a condition: the server stays down a while, so
            // the walk meets it down, then comes back.
            std::thread::sleep(Duration::from_millis(1500));
            server.come_back().expect("the demo server listens again");
            return text(&child.wait_with_output().expect("the walk ends"));
        }
    }
    text(&command.output().expect("the walk runs again"))
}

/// One page row of the journal.
struct Row {
    hash: String,
    state: String,
    has_body: bool,
}

fn rows(data: &Path) -> (Vec<Row>, Vec<String>) {
    let path = data.join(FILE_NAME);
    if !path.exists() {
        return (Vec::new(), Vec::new());
    }
    let db = rusqlite::Connection::open(&path).expect("the journal opens");
    let mut statement = db
        .prepare("SELECT body_sha256, state, body IS NOT NULL FROM pages ORDER BY id")
        .expect("pages");
    let pages = statement
        .query_map([], |row| {
            Ok(Row {
                hash: row.get(0)?,
                state: row.get(1)?,
                has_body: row.get(2)?,
            })
        })
        .expect("pages")
        .collect::<Result<Vec<_>, _>>()
        .expect("pages");
    let mut statement = db
        .prepare("SELECT state FROM respondents ORDER BY id")
        .expect("respondents");
    let respondents = statement
        .query_map([], |row| row.get(0))
        .expect("respondents")
        .collect::<Result<Vec<_>, _>>()
        .expect("respondents");
    (pages, respondents)
}

fn hash_of(body: &serde_json::Value) -> String {
    let body: FormBody =
        serde_json::from_value(body.clone()).expect("the server's record is a body");
    journal::body_hash(&body)
}

/// Runs one cell; `Ok` with a line for the report, `Err` with what broke.
fn run_cell(cell: Cell) -> Result<String, String> {
    let dir = temp(&format!(
        "matrix-{:?}-{}-{:?}",
        cell.kill, cell.survey, cell.restart
    ));
    let server = crash(cell, &dir)?;
    let said = restart(cell, &dir, &server);
    let (pages, respondents) = rows(&dir.join("data"));
    let accepted = server.accepted();

    // (A page sent again after Back is on the server twice, and in the
    // journal twice: the counts by body below hold either way.)
    let mut on_server: HashMap<String, usize> = HashMap::new();
    for page in &accepted {
        *on_server.entry(hash_of(&page.body)).or_default() += 1;
    }
    let mut proven: HashMap<&str, usize> = HashMap::new();
    let mut kept: HashMap<&str, usize> = HashMap::new();
    for row in &pages {
        match (row.state.as_str(), row.has_body) {
            ("accepted", _) => *proven.entry(&row.hash).or_default() += 1,
            (state, false) => {
                return Err(format!(
                    "a page {state} without its body (deleted without proof)\n{said}"
                ));
            }
            ("pending", true) => {
                return Err(format!("a page still pending after recovery\n{said}"));
            }
            (_, true) => *kept.entry(&row.hash).or_default() += 1,
        }
    }
    // Each body on the server exactly as often as the journal says it was
    // accepted, plus at most the copies it keeps unconfirmed.
    let hashes: std::collections::BTreeSet<&str> = on_server
        .keys()
        .map(String::as_str)
        .chain(proven.keys().copied())
        .collect();
    for hash in hashes {
        let server_has = on_server.get(hash).copied().unwrap_or(0);
        let accepted_here = proven.get(hash).copied().unwrap_or(0);
        let kept_here = kept.get(hash).copied().unwrap_or(0);
        if server_has < accepted_here {
            return Err(format!(
                "a page recorded accepted is not on the server ({server_has} < {accepted_here})\n{said}"
            ));
        }
        if server_has > accepted_here + kept_here {
            return Err(format!(
                "the server has a body {server_has} times; the journal accounts for {accepted_here} accepted and {kept_here} kept\n{said}"
            ));
        }
    }
    if respondents.iter().any(|s| s == "in_progress") {
        return Err(format!(
            "a respondent is still in progress: {respondents:?}\n{said}"
        ));
    }
    let mut states: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for row in &pages {
        *states.entry(row.state.as_str()).or_default() += 1;
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(format!(
        "{:<26} {:>8} {:<16} server pages {:>2}; journal {states:?}; respondents {respondents:?}",
        format!("{:?}", cell.kill),
        cell.survey,
        format!("{:?}", cell.restart),
        accepted.len()
    ))
}

#[test]
fn every_kill_point_and_restart_order_keeps_each_page_once_or_with_its_body() {
    let mut cells = Vec::new();
    for kill in KILL_POINTS {
        for survey in SURVEYS {
            for restart in RESTARTS {
                cells.push(Cell {
                    kill,
                    survey,
                    restart,
                });
            }
        }
    }
    let total = cells.len();
    let queue = Mutex::new(cells);
    let results = Mutex::new(Vec::new());
    // Cells wait on the network and on processes more than on the CPU.
    let threads = std::thread::available_parallelism()
        .map_or(2, usize::from)
        .clamp(2, 4)
        * 2;
    std::thread::scope(|scope| {
        for n in 0..threads {
            let queue = &queue;
            let results = &results;
            std::thread::Builder::new()
                .name(format!("matrix-{n}"))
                .spawn_scoped(scope, move || {
                    loop {
                        let Some(cell) = queue.lock().expect("the queue").pop() else {
                            return;
                        };
                        let outcome = run_cell(cell);
                        results.lock().expect("the results").push((cell, outcome));
                    }
                })
                .expect("a matrix thread starts");
        }
    });
    let results = results.into_inner().expect("the results");
    assert_eq!(results.len(), total, "every cell ran");
    let mut failures = Vec::new();
    for (cell, outcome) in &results {
        match outcome {
            Ok(line) => println!("{line}"),
            Err(why) => failures.push(format!("{cell:?}: {why}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {total} cells failed:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
