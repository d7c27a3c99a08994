//! The binary's logs: daily files in the data directory, owner-only,
//! written off the UI thread.

use std::path::PathBuf;

/// Where the log files go: `logs/` in the data directory.
pub(crate) fn log_dir() -> Option<PathBuf> {
    survey_kiosk::config::data_dir().map(|dir| dir.join("logs"))
}

/// The daily log files, readable by their owner only whatever the umask:
/// today's file is made 0600 before the appender opens it, and each new
/// day's file as the first line goes into it (the folder is 0700 meanwhile).
pub(crate) struct PrivateLogs {
    inner: tracing_appender::rolling::RollingFileAppender,
    dir: PathBuf,
    /// The day (UTC, as the appender names its files) whose file is made
    /// owner-only.
    private_day: Option<chrono::NaiveDate>,
}

impl PrivateLogs {
    const PREFIX: &str = "survey-kiosk";
    const SUFFIX: &str = "log";

    fn new(dir: PathBuf) -> Option<PrivateLogs> {
        // Today's file made first, owner-only: the appender appends to it.
        let today = Self::file(&dir, chrono::Utc::now().date_naive());
        let mut options = std::fs::OpenOptions::new();
        options.append(true).create(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        drop(options.open(today));
        let mut logs = PrivateLogs {
            inner: tracing_appender::rolling::Builder::new()
                .rotation(tracing_appender::rolling::Rotation::DAILY)
                .max_log_files(7)
                .filename_prefix(Self::PREFIX)
                .filename_suffix(Self::SUFFIX)
                .build(&dir)
                .ok()?,
            dir,
            private_day: None,
        };
        logs.make_private();
        Some(logs)
    }

    /// A day's file: `survey-kiosk.YYYY-MM-DD.log`, the appender's name.
    fn file(dir: &std::path::Path, day: chrono::NaiveDate) -> PathBuf {
        dir.join(format!(
            "{}.{}.{}",
            Self::PREFIX,
            day.format("%Y-%m-%d"),
            Self::SUFFIX
        ))
    }

    /// Makes today's file owner-only, once a day.
    fn make_private(&mut self) {
        let today = chrono::Utc::now().date_naive();
        if self.private_day == Some(today) {
            return;
        }
        if survey_kiosk::config::set_mode(&Self::file(&self.dir, today), 0o600).is_ok() {
            self.private_day = Some(today);
        }
    }
}

impl std::io::Write for PrivateLogs {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let written = self.inner.write(buf)?;
        self.make_private();
        Ok(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Logs to a daily file in the data directory (seven kept) and, from a
/// terminal, to stderr. Answers and the API key are never logged.
/// Silences the crates that would log cookie values.
pub(crate) const NO_COOKIE_LOGS: &str = "cookie_store=off";

/// Lines the log file's writer thread may have waiting. tracing-appender's
/// default (128,000) allocates and touches a 4 MB queue up front: a
/// quarter of the kiosk's memory above a bare eframe window (BENCHMARKS.md,
/// issue 23). The kiosk writes a few lines a respondent; a burst past
/// this while the disk stalls drops lines (counted by the appender), it
/// never blocks the UI.
const LOG_QUEUE_LINES: usize = 4_096;

pub(crate) fn init_logging(files: bool) -> Option<tracing_appender::non_blocking::WorkerGuard> {
    use std::io::IsTerminal;
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("survey_kiosk=info,warn"))
        // The cookie store logs each Set-Cookie whole, session cookie values
        // included: those are secrets of a live session, never logged at
        // any level (added last, so RUST_LOG cannot turn it back on).
        .add_directive(NO_COOKIE_LOGS.parse().unwrap_or_default());
    let appender = log_dir().filter(|_| files).and_then(|dir| {
        // The data directory and `logs/` are created owner-only; an
        // existing data directory keeps its mode, `logs/` is the kiosk's.
        survey_kiosk::config::create_private_dir(&dir).ok()?;
        survey_kiosk::config::set_mode(&dir, 0o700).ok()?;
        PrivateLogs::new(dir)
    });
    let (file, guard) = match appender {
        Some(appender) => {
            let (writer, guard) = tracing_appender::non_blocking::NonBlockingBuilder::default()
                .buffered_lines_limit(LOG_QUEUE_LINES)
                .finish(appender);
            let layer = tracing_subscriber::fmt::layer()
                .with_ansi(false)
                .with_writer(writer);
            (Some(layer), Some(guard))
        }
        None => (None, None),
    };
    let terminal = std::io::stderr()
        .is_terminal()
        .then(|| tracing_subscriber::fmt::layer().with_writer(std::io::stderr));
    tracing_subscriber::registry()
        .with(filter)
        .with(file)
        .with(terminal)
        .init();
    guard
}
