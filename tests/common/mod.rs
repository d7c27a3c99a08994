//! What the suites share: a fresh folder per test ([`temp`]), the embedded
//! demo server and a client of it, [`wait_until`] for a condition outside
//! the UI, the real binary ([`process`]), and the whole app in a UI harness
//! ([`ui`], re-exported here: `common::Kit`, `common::step_until`).
//!
//! Used with `mod common;`: each suite uses only some of it, hence the
//! `dead_code` allowance.
#![allow(dead_code)]

pub mod process;
pub mod ui;

// A suite that drives no UI uses none of it.
#[allow(unused_imports)]
pub use ui::*;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use survey_kiosk::api::{Client, ClientSettings};
use survey_kiosk::demo::{DEMO_API_KEY, DemoServer};

/// How long a test waits for the worker or an operator job.
pub const PATIENCE: Duration = Duration::from_secs(10);

/// How often [`wait_for`] looks again.
const POLL: Duration = Duration::from_millis(5);

/// A fresh folder of its own under the system's temp dir, created: the name
/// says which test it is, the process id and a UUID keep parallel tests (and
/// runs) apart. A path the program under test must create itself (a data
/// directory, a file) goes inside it: `temp("x").join("data")`.
pub fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "survey-kiosk-{name}-{}-{}",
        std::process::id(),
        uuid::Uuid::new_v4()
    ));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    dir
}

/// The embedded demo server on a free port, on a thread of its own.
pub fn demo_server() -> DemoServer {
    DemoServer::start_background(0).expect("the demo server starts")
}

/// The embedded demo server on a free port, on the test's own runtime.
pub async fn demo_server_here() -> DemoServer {
    DemoServer::start(0).await.expect("the demo server starts")
}

/// A client of `server` with the demo key and a short request timeout.
pub fn demo_client(server: &DemoServer) -> Client {
    let mut settings = ClientSettings::new(server.base_url(), DEMO_API_KEY);
    settings.request_timeout = Duration::from_secs(3);
    Client::new(&settings).expect("a client of the demo server")
}

/// Looks at `condition` every few milliseconds until it holds (`true`) or
/// `deadline` has passed (`false`). For a wait whose timeout is not a
/// failure, or whose failure says more than [`wait_until`] would.
pub fn wait_for(deadline: Duration, mut condition: impl FnMut() -> bool) -> bool {
    let started = Instant::now();
    loop {
        if condition() {
            return true;
        }
        if started.elapsed() >= deadline {
            return false;
        }
        std::thread::sleep(POLL);
    }
}

/// Waits until `condition` holds; fails with `what` when it does not within
/// `deadline`. (The UI suites step the app instead: [`step_until`].)
pub fn wait_until(what: &str, deadline: Duration, condition: impl FnMut() -> bool) {
    assert!(
        wait_for(deadline, condition),
        "{what}: not within {deadline:?}"
    );
}
