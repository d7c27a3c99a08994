//! The real binary, run as a process: its configuration file, its data
//! directory, never the API key of whoever runs the tests.

use std::path::Path;
use std::process::{Command, Output};

/// The `survey-kiosk` binary cargo built for these tests.
pub const BIN: &str = env!("CARGO_BIN_EXE_survey-kiosk");

/// `survey-kiosk --config <config> <args>` with `data` as its data
/// directory (never this machine's journal, nor its key) and no API key
/// from the environment; the caller adds its own environment and runs it.
pub fn kiosk(config: &Path, data: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(BIN);
    command
        .arg("--config")
        .arg(config)
        .args(args)
        .env("SURVEY_KIOSK_DATA_DIR", data)
        .env_remove("SURVEY_KIOSK_API_KEY")
        // The journal's key is the key file in `data`, never a credential.
        .env_remove("CREDENTIALS_DIRECTORY");
    command
}

/// Runs [`kiosk`] to its end.
pub fn run(config: &Path, data: &Path, args: &[&str]) -> Output {
    kiosk(config, data, args)
        .output()
        .expect("survey-kiosk runs")
}

/// What a run printed: its standard output, then its standard error.
pub fn text(output: &Output) -> String {
    format!(
        "{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}
