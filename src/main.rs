//! `survey-kiosk`: run the kiosk, serve the demo surveys, check a survey,
//! or rehearse it with scripted respondents.

use std::path::PathBuf;
use std::process::ExitCode;

use survey_kiosk::api::Client;
use survey_kiosk::config::Config;
use survey_kiosk::demo::{DEMO_API_KEY, DEMO_SURVEY_ID, DemoServer};
use survey_kiosk::journal::{self, Journal, JournalError};
use survey_kiosk::rehearsal::{self, WalkOptions, walk};
use survey_kiosk::ui::app::{Backend, RunError};
use survey_kiosk::worker::Records;

#[path = "main/cli.rs"]
mod cli;
#[path = "main/logs.rs"]
mod logs;

use cli::{Cli, Command, Connection, JournalCommand};
use logs::{init_logging, log_dir};

/// Why a command could not do its work, in plain words.
#[derive(Debug, thiserror::Error)]
enum CliError {
    #[error(transparent)]
    Config(#[from] survey_kiosk::config::ConfigError),
    #[error(transparent)]
    Target(#[from] TargetError),
    #[error(transparent)]
    Api(#[from] survey_kiosk::api::ApiError),
    #[error(transparent)]
    Journal(#[from] JournalError),
    #[error(transparent)]
    Walk(#[from] survey_kiosk::rehearsal::WalkError),
    #[error("the kiosk window could not run: {0}")]
    Window(#[from] eframe::Error),
    #[error("cannot create {path}: {source}")]
    Create {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("could not start the async runtime: {0}")]
    Runtime(std::io::Error),
    #[error("could not wait for Ctrl+C: {0}")]
    Signal(std::io::Error),
    #[error("{file}: {source}")]
    PinHash {
        file: String,
        #[source]
        source: survey_kiosk::operator::OperatorError,
    },
    #[error(transparent)]
    SetPin(#[from] survey_kiosk::operator::set_pin::SetPinError),
    /// A flag that does not fit the rest of the command line.
    #[error("{0}")]
    Usage(String),
}

/// Why the survey to run cannot be reached (kept apart from [`CliError`]
/// because the kiosk finds it on a thread of its own: this one is `Send`).
#[derive(Debug, thiserror::Error)]
enum TargetError {
    #[error(transparent)]
    Connect(#[from] survey_kiosk::config::ConnectError),
    #[error(transparent)]
    Api(#[from] survey_kiosk::api::ApiError),
    #[error("could not start the embedded demo server: {0}")]
    Demo(#[from] survey_kiosk::demo::DemoError),
}

/// The survey to run and, when it is the demo, the server serving it.
struct Target {
    client: Client,
    survey_id: u64,
    demo: Option<DemoServer>,
}

fn resolve(connection: &Connection, config: &Config) -> Result<Target, TargetError> {
    let mut config = config.clone();
    config.base_url = connection.base_url.clone().or(config.base_url);
    config.datacenter = connection.datacenter.clone().or(config.datacenter);
    config.api_key = connection.api_key.clone().or(config.api_key);
    // A survey id alone on the command line picks a demo survey.
    let remote = config.is_remote();
    config.survey_id = connection.survey.or(config.survey_id);
    if !remote {
        let demo = DemoServer::start_background(0)?;
        let settings = config.client_settings(demo.base_url(), DEMO_API_KEY.to_owned());
        let client = Client::new(&settings)?;
        tracing::info!(base_url = %demo.base_url(), "running on the embedded demo server");
        return Ok(Target {
            client,
            survey_id: config.survey_id.unwrap_or(DEMO_SURVEY_ID),
            demo: Some(demo),
        });
    }
    let (client, survey_id) = config.connect()?;
    Ok(Target {
        client,
        survey_id,
        demo: None,
    })
}

fn load_config(path: Option<&PathBuf>) -> Result<Config, CliError> {
    Ok(match path {
        Some(path) => Config::load(path, true),
        None => match Config::default_path() {
            Some(path) => Config::load(&path, false),
            None => Ok(Config::default()),
        },
    }?)
}

fn journal_path() -> Result<PathBuf, JournalError> {
    Journal::default_path().ok_or_else(|| JournalError::CreateDir {
        path: PathBuf::from("(no data directory)"),
        source: std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "the OS data directory is unknown; set SURVEY_KIOSK_DATA_DIR",
        ),
    })
}

/// The journal for the worker, or why there is none (the kiosk runs on).
fn records(config: &Config, rehearsal: bool) -> (Records, Option<String>) {
    match journal_path().and_then(|path| Journal::open(&path, config.keep_answers)) {
        Ok(journal) => {
            let run_id = journal.run_id().to_owned();
            (Records::Journal { journal, rehearsal }, Some(run_id))
        }
        Err(error) => {
            eprintln!("survey-kiosk: {}", error.for_operator());
            (Records::Unavailable(error), None)
        }
    }
}

// Long because each journal subcommand is one arm.
fn journal_command(command: JournalCommand) -> Result<ExitCode, CliError> {
    let path = journal_path()?;
    let journal = Journal::open(&path, true)?;
    // Sessions of a process that died (a crash, a power cut) are closed as
    // the next kiosk would close them, so their pages count as waiting now.
    let closed = journal.close_dead_sessions()?;
    match command {
        JournalCommand::Status => {
            if closed > 0 {
                println!(
                    "{closed} session(s) of a kiosk that stopped without closing them are \
                     marked interrupted; their pages wait to be sent."
                );
            }
            let counts = journal.counts()?;
            println!("Journal: {}", path.display());
            println!("Encrypted with: {}", journal.key_description());
            let total: u64 = counts.respondents.iter().map(|(_, n)| n).sum();
            println!(
                "Respondents: {total} ({} rehearsal)",
                counts.rehearsal_respondents
            );
            for (state, n) in &counts.respondents {
                println!("  {state:<22} {n}");
            }
            let pages: u64 = counts.pages.iter().map(|(_, n)| n).sum();
            println!("Pages: {pages}");
            for (state, n) in &counts.pages {
                println!("  {state:<22} {n}");
            }
            let waiting = journal.waiting_summary()?;
            println!(
                "Waiting to be sent: {}{}",
                waiting.pages,
                waiting
                    .oldest
                    .as_deref()
                    .map(|t| format!(" (the oldest written {t})"))
                    .unwrap_or_default()
            );
            if let Some(error) = &waiting.last_error {
                println!("Last error: {error}");
            }
            println!("Kept for the operator (cannot be sent): {}", waiting.kept);
            println!(
                "Unconfirmed (the server's answer never came; body kept): {}",
                waiting.unconfirmed
            );
            let captured = journal.capture_summary()?;
            println!(
                "Captured offline: waiting to be replayed: {} ({} page(s)), replayed: {}, \
                 needs attention: {}",
                captured.waiting, captured.pages, captured.replayed, captured.needs_attention
            );
            for (respondent, started, why) in journal.needing_attention()? {
                println!("  respondent {respondent} (started {started}): {why}");
            }
            if waiting.kept + waiting.unconfirmed + captured.needs_attention > 0 {
                println!(
                    "Export them (survey-kiosk journal export), then `survey-kiosk journal \
                     discard --yes` gives them up."
                );
            }
        }
        JournalCommand::Export { format, output } => {
            let rows = match &output {
                Some(file) => {
                    // Pages and their answers: the owner's only.
                    let mut out =
                        survey_kiosk::config::create_private_file(file).map_err(|source| {
                            CliError::Create {
                                path: file.clone(),
                                source,
                            }
                        })?;
                    journal::export(&journal, format, &mut out)
                }
                None => journal::export(&journal, format, &mut std::io::stdout().lock()),
            }?;
            if let Some(file) = output {
                eprintln!("{rows} row(s) written to {}", file.display());
            }
        }
        JournalCommand::Discard { yes } => {
            let waiting = journal.waiting_summary()?;
            if !yes {
                println!(
                    "{} page(s) wait to be sent, {} are kept and {} are unconfirmed. Export them \
                     first (survey-kiosk journal export), then run `survey-kiosk journal discard \
                     --yes`.",
                    waiting.pages, waiting.kept, waiting.unconfirmed
                );
                return Ok(ExitCode::from(2));
            }
            let discarded = journal.discard_waiting()?;
            println!("{discarded} page(s) discarded.");
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn runtime() -> Result<tokio::runtime::Runtime, CliError> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(CliError::Runtime)
}

/// `--version`: the version, and where the kiosk keeps its files.
fn version_text() -> String {
    let show = |path: Option<PathBuf>| {
        path.map_or_else(|| "(unknown)".to_owned(), |p| p.display().to_string())
    };
    format!(
        "{}\nconfiguration: {}\njournal:       {}\nlogs:          {}",
        env!("CARGO_PKG_VERSION"),
        show(Config::default_path()),
        show(Journal::default_path()),
        show(log_dir()),
    )
}

fn main() -> ExitCode {
    // `set-pin` is often run with sudo: it leaves the data directory (maybe
    // another user's, with sudo's HOME) alone.
    let _logs = init_logging(!std::env::args_os().any(|arg| arg == "set-pin"));
    let matches = <Cli as clap::CommandFactory>::command()
        .long_version(version_text())
        .get_matches();
    let cli = match <Cli as clap::FromArgMatches>::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(error) => error.exit(),
    };
    match run(cli) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("survey-kiosk: {message}");
            ExitCode::FAILURE
        }
    }
}

// Long because each command of the binary is one arm.
fn run(cli: Cli) -> Result<ExitCode, CliError> {
    if let Some(Command::SetPin) = cli.command {
        let path = survey_kiosk::operator::set_pin::target(cli.config.as_deref())?;
        let mut terminal = survey_kiosk::operator::set_pin::Terminal;
        survey_kiosk::operator::set_pin::run(&path, &mut terminal)?;
        return Ok(ExitCode::SUCCESS);
    }
    let config = load_config(cli.config.as_ref())?;
    if matches!(cli.command, None | Some(Command::Check { .. }))
        && let Some(hash) = &config.operator_pin_hash
    {
        // A weak or damaged hash is refused before anything runs on it.
        survey_kiosk::operator::check_stored_hash(hash).map_err(|source| CliError::PinHash {
            file: config.source.as_ref().map_or_else(
                || "the configuration file".to_owned(),
                |path| path.display().to_string(),
            ),
            source,
        })?;
    }
    let kiosk = survey_kiosk::identity::name_this_kiosk(config.kiosk_name.as_deref());
    match cli.command {
        None => {
            tracing::info!(%kiosk, version = env!("CARGO_PKG_VERSION"), "the kiosk starts");
            let mut config = config;
            config.windowed |= cli.windowed;
            let connection = cli.connection.clone();
            let for_start = config.clone();
            // Off the UI thread, while eframe opens the window: metrics, the
            // embedded demo server, the journal (see ui::app::run).
            let start = move || {
                // Off unless configured; a failure is logged and never stops the kiosk.
                let metrics = match for_start.metrics_address() {
                    Ok(listen) => survey_kiosk::metrics::install(
                        listen,
                        for_start.metrics_textfile.clone(),
                        &kiosk,
                    )
                    .unwrap_or_else(|error| {
                        tracing::error!(%error, "no metrics");
                        None
                    }),
                    Err(error) => {
                        tracing::error!(%error, "no metrics");
                        None
                    }
                };
                let target = resolve(&connection, &for_start)?;
                let (records, _) = records(&for_start, false);
                Ok::<_, TargetError>(Backend {
                    client: target.client,
                    survey_id: target.survey_id,
                    demo: target.demo,
                    records,
                    keep: metrics.map(|handle| Box::new(handle) as Box<dyn std::any::Any + Send>),
                })
            };
            survey_kiosk::ui::app::run(config, start).map_err(|error| match error {
                RunError::Start(error) => CliError::Target(error),
                RunError::Window(error) => CliError::Window(error),
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Journal { command }) => journal_command(command),
        Some(Command::SetPin) => Ok(ExitCode::SUCCESS),
        Some(Command::DemoServer { port }) => {
            let runtime = runtime()?;
            runtime.block_on(async {
                let server = DemoServer::start(port).await.map_err(TargetError::Demo)?;
                println!("Demo server listening. Base URL: {}", server.base_url());
                println!("API key: {DEMO_API_KEY}   Demo survey: {DEMO_SURVEY_ID}");
                println!(
                    "Try: survey-kiosk walk --base-url {} --survey {DEMO_SURVEY_ID} --api-key {DEMO_API_KEY}",
                    server.base_url()
                );
                println!("Press Ctrl+C to stop.");
                tokio::signal::ctrl_c().await.map_err(CliError::Signal)?;
                server.shutdown();
                Ok::<_, CliError>(ExitCode::SUCCESS)
            })
        }
        Some(Command::Check { connection }) => {
            let target = resolve(&connection.or(&cli.connection), &config)?;
            let mut report =
                runtime()?.block_on(survey_kiosk::check::check(&target.client, target.survey_id));
            for problem in survey_kiosk::check::config_problems(&config) {
                report.lines.push(problem);
                report.ok = false;
            }
            print!("{report}");
            drop(target.demo);
            Ok(if report.ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            })
        }
        Some(Command::Walk {
            connection,
            respondents,
            seed,
            json,
            quiet,
            faults,
            give_up_after,
            back_chance,
        }) => {
            if !(0.0..=1.0).contains(&back_chance) {
                return Err(CliError::Usage(format!(
                    "--back-chance is {back_chance}; expected 0.0 to 1.0"
                )));
            }
            let target = resolve(&connection.or(&cli.connection), &config)?;
            if let Some(demo) = &target.demo {
                // The record of accepted bodies is for the exactly-once check.
                demo.record_accepted(faults.is_some());
            }
            if let Some(rate) = faults {
                let demo = target.demo.as_ref().ok_or_else(|| {
                    CliError::Usage(
                        "--faults works with the embedded demo server only (no --base-url, \
                         no configured survey)"
                            .into(),
                    )
                })?;
                if !(0.0..=1.0).contains(&rate) {
                    return Err(CliError::Usage(format!(
                        "--faults is {rate}; expected 0.0 to 1.0"
                    )));
                }
                demo.set_fault_rate(rate, seed);
            }
            let (records, run_id) = records(&config, true);
            let options = WalkOptions {
                respondents,
                seed,
                json,
                page_lines: !quiet,
                respondent_lines: !quiet,
                wait_lines: !quiet,
                give_up_after: std::time::Duration::from_secs(give_up_after),
                back_chance,
                ..WalkOptions::default()
            };
            let mut out = std::io::stdout().lock();
            let report = walk(
                target.client,
                target.survey_id,
                config.kiosk_settings(),
                records,
                &options,
                &mut out,
            )?;
            let mut exactly_once = true;
            if let (Some(demo), Some(run_id), Some(_)) = (&target.demo, &run_id, faults) {
                demo.set_fault_rate(0.0, seed);
                let journal = Journal::open(&journal_path()?, false)?;
                exactly_once =
                    rehearsal::check_exactly_once(demo, &journal, run_id, json, &mut out)?;
            }
            if let Some(problem) = &report.journal_problem {
                eprintln!("survey-kiosk: {problem}");
            }
            rehearsal::print_summary(&report, respondents, json, &mut out)?;
            drop(out);
            if report.unsettled > 0 {
                eprintln!(
                    "survey-kiosk: {} answer set(s) of earlier sessions could not be sent yet; \
                     `survey-kiosk journal status` shows why",
                    report.unsettled
                );
            }
            if report.survey_refused() {
                eprintln!("survey-kiosk: the survey's quota is full: respondents are turned away");
            }
            let replay_unfinished = report.replay_unfinished(report.capturing);
            if replay_unfinished > 0 {
                eprintln!(
                    "survey-kiosk: {replay_unfinished} respondent(s) captured offline were not \
                     replayed; `survey-kiosk journal status` shows why"
                );
            }
            Ok(
                if report.all_final()
                    && exactly_once
                    && report.unsettled == 0
                    && replay_unfinished == 0
                    && !report.survey_refused()
                {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(1)
                },
            )
        }
    }
}
