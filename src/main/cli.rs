//! The binary's command line: its commands, flags and what their values
//! must be.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use survey_kiosk::journal::ExportFormat;

#[derive(Parser)]
#[command(
    name = "survey-kiosk",
    version,
    about = "A native survey kiosk for QuestionPro surveys.",
    long_about = "A native survey kiosk for QuestionPro surveys.\n\n\
        With no configuration it runs the embedded demo survey on a local demo server \
        (no account, no API key, no network). Point it at a real survey with a \
        configuration file, or with --survey, --datacenter/--base-url and the \
        SURVEY_KIOSK_API_KEY environment variable."
)]
pub(crate) struct Cli {
    /// Use this configuration file instead of the one in the OS configuration directory.
    #[arg(long, global = true, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
    #[command(subcommand)]
    pub(crate) command: Option<Command>,
    #[command(flatten)]
    pub(crate) connection: Connection,
    /// Run in a normal window instead of full screen (laptops).
    #[arg(long)]
    pub(crate) windowed: bool,
}

#[derive(Subcommand)]
pub(crate) enum Command {
    /// Serve the demo surveys on this computer and print the base URL to use.
    DemoServer {
        /// Port to listen on (0 picks a free one).
        #[arg(long, default_value_t = 0)]
        port: u16,
    },
    /// Check the configuration: reach the API, fetch the first page, and say
    /// whether every question on it can be shown. Exits non-zero with the reason otherwise.
    Check {
        #[command(flatten)]
        connection: Connection,
    },
    /// Rehearse a survey: take it headless N times with random valid answers,
    /// through the same session code the kiosk uses. Exits 0 only if every
    /// respondent reached a final status.
    Walk {
        #[command(flatten)]
        connection: Connection,
        /// How many respondents to walk through the survey.
        #[arg(long, default_value_t = 1)]
        respondents: u32,
        /// Seed for the random answers (the same seed gives the same answers).
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// One JSON object per line instead of text.
        #[arg(long)]
        json: bool,
        /// Only the summary: no line per page or per respondent (soak runs).
        #[arg(long)]
        quiet: bool,
        /// Embedded demo server only: make this share of requests fail at
        /// random (500, HTML 503, garbage, truncated, dropped), 0.0 to 1.0.
        #[arg(long, value_name = "RATE")]
        faults: Option<f64>,
        /// Stop the walk when requests have failed in a row (retries, no
        /// connection, survey closed, paused or quota full) for this many
        /// seconds; respondents not yet started are reported as not tried.
        #[arg(long, value_name = "SECS", default_value_t = 180)]
        give_up_after: u64,
        /// How often a scripted respondent goes back a page before answering
        /// it, 0.0 to 1.0 (never twice in a row).
        #[arg(long, value_name = "CHANCE", default_value_t = 0.15)]
        back_chance: f64,
    },
    /// Set the operator PIN: asks for it twice (without echo; from a pipe,
    /// two lines) and writes its Argon2id hash into the configuration file
    /// as `operator_pin_hash`, keeping the rest of the file. Run as root
    /// without --config, it sets the packaged kiosk's PIN (the file of the
    /// survey-kiosk user in /var/lib/survey-kiosk).
    SetPin,
    /// The local journal of pages and respondents.
    Journal {
        #[command(subcommand)]
        command: JournalCommand,
    },
}

#[derive(Subcommand)]
pub(crate) enum JournalCommand {
    /// Print counts of respondents and pages by state.
    Status,
    /// Write every record (one row per page) as CSV or JSON lines.
    Export {
        #[arg(long, value_enum, default_value = "csv")]
        format: ExportFormat,
        /// Write to this file instead of standard output.
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Give up on every page that waits to be sent or was kept: export the
    /// journal first, then run this with --yes. A running kiosk's current
    /// respondent is left alone.
    Discard {
        /// Really discard (without it, only says what would be discarded).
        #[arg(long)]
        yes: bool,
    },
}

/// Which survey on which server.
#[derive(Args, Clone, Default)]
pub(crate) struct Connection {
    /// The survey id (with the demo server: 10000001 demo, 10000002 quota full, 10000003 closed).
    #[arg(
        long,
        value_name = "ID",
        allow_negative_numbers = true,
        value_parser = survey_id
    )]
    pub(crate) survey: Option<u64>,
    /// Full API base URL including the API path, e.g. <https://api.questionpro.com/a/api/v2>.
    #[arg(
        long,
        value_name = "URL",
        conflicts_with = "datacenter",
        value_parser = base_url
    )]
    pub(crate) base_url: Option<String>,
    /// The account's datacenter: com (US, default), eu, ca, sg, au, ae, sa
    /// (api.surveyanalytics.com), ksa (api.questionprosa.com).
    #[arg(long, value_name = "D")]
    pub(crate) datacenter: Option<String>,
    /// The API key. Prefer the `SURVEY_KIOSK_API_KEY` environment variable: a
    /// flag shows in the process list.
    #[arg(
        long,
        env = "SURVEY_KIOSK_API_KEY",
        hide_env_values = true,
        value_name = "KEY"
    )]
    pub(crate) api_key: Option<String>,
}

/// A value on the command line that does not fit its flag (clap names the
/// flag and the value before this).
#[derive(Debug, thiserror::Error)]
pub(crate) enum FlagError {
    #[error("a survey id is a positive whole number, e.g. 12345678")]
    SurveyId,
    #[error(transparent)]
    BaseUrl(#[from] survey_kiosk::api::BaseUrlError),
}

/// `--survey`: a positive whole number (a negative one reaches this too, so
/// it gets this message rather than "unexpected argument").
pub(crate) fn survey_id(text: &str) -> Result<u64, FlagError> {
    match text.trim().parse::<u64>() {
        Ok(id) if id > 0 => Ok(id),
        _ => Err(FlagError::SurveyId),
    }
}

/// `--base-url`: an absolute https URL (http for this computer only).
pub(crate) fn base_url(text: &str) -> Result<String, FlagError> {
    survey_kiosk::api::check_base_url(text).map_err(FlagError::BaseUrl)?;
    Ok(text.to_owned())
}

impl Connection {
    pub(crate) fn or(self, other: &Connection) -> Connection {
        Connection {
            survey: self.survey.or(other.survey),
            base_url: self.base_url.or_else(|| other.base_url.clone()),
            datacenter: self.datacenter.or_else(|| other.datacenter.clone()),
            api_key: self.api_key.or_else(|| other.api_key.clone()),
        }
    }
}
