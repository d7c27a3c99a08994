//! A changed configuration file, picked up without a restart.
//!
//! A named background thread (`config-watch`) looks at the file's
//! modification time (and size) every [`EVERY`]. When it changed, the
//! thread loads it with [`Config::load`] and, if it can be used, prepares
//! what the kiosk will run on, off the UI thread: for a survey on a server
//! a new client and worker ([`crate::operator::tasks::prepare`], as setup
//! does), for the embedded demo only the new settings. The app takes it
//! with [`ConfigWatch::poll`] and applies it **between respondents** (on
//! the attract or out-of-service screen, no operator screen open): never in
//! the middle of someone's survey.
//!
//! A file that cannot be used (a mistake, a survey that cannot be reached
//! without an API key, a file that went away) is refused: the kiosk keeps
//! the settings it runs on, the log says why (`error`, with the file), the
//! `survey_kiosk_config_reload_failures_total` counter goes up, and the
//! admin screen shows it ([`ConfigWatch::last_error`]) until the file is
//! usable again.
//!
//! What the file does not say is kept from the running configuration: the
//! API key (it may come from `SURVEY_KIOSK_API_KEY`, which, as at start,
//! is preferred when set) and `windowed` (it may come from `--windowed`).
//! `metrics_listen`, `metrics_textfile` and `kiosk_name` take effect at the
//! next start (the log says so when they change).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant, SystemTime};

use crate::config::Config;
use crate::kiosk::Screen;
use crate::operator::tasks::{self, Relaunch};

/// How often the file's modification time is looked at.
pub const EVERY: Duration = Duration::from_secs(2);

/// A usable new configuration, ready to swap in.
pub enum Reload {
    /// The file names a survey on a server: a new client, worker and
    /// settings (made on the watcher's thread).
    Survey(Box<Relaunch>),
    /// The file names no survey (the kiosk runs the embedded demo): only
    /// the settings change; the kiosk keeps its survey, client and worker.
    Settings(Box<NewSettings>),
}

/// New settings for the survey the kiosk already runs.
pub struct NewSettings {
    pub config: Config,
    /// The attract screen's logo, read and decoded.
    pub logo: Option<egui::ColorImage>,
}

impl Reload {
    /// The configuration it brings.
    pub fn config(&self) -> &Config {
        match self {
            Reload::Survey(relaunch) => &relaunch.config,
            Reload::Settings(settings) => &settings.config,
        }
    }
}

/// Whether nobody is in the middle of a survey: the screen a reload (or
/// the closed screen of the opening hours) may replace.
pub fn between_respondents(screen: &Screen) -> bool {
    matches!(screen, Screen::Attract { .. } | Screen::OutOfService(_))
}

/// What the thread reports.
enum Event {
    Ready(Reload),
    /// The file changed and cannot be used: why, in plain words.
    Refused(String),
    /// The file changed and says what already runs (nothing to do; an
    /// earlier refusal no longer holds).
    Unchanged,
}

/// What the app tells the thread.
enum Command {
    /// The kiosk now runs on this (setup saved, or a reload was applied).
    Running(Box<Config>),
    /// A reload the app will not use: dropped here, where joining its
    /// worker's thread stalls no frame.
    Discard(Box<Reload>),
}

/// The app's handle on the watcher. Dropping it ends the thread.
pub struct ConfigWatch {
    path: PathBuf,
    events: mpsc::Receiver<Event>,
    commands: mpsc::Sender<Command>,
    /// Prepared, to be applied between respondents.
    waiting: Option<Reload>,
    problem: Option<String>,
    /// The configuration the thread was last told the kiosk runs on.
    running: Config,
}

impl ConfigWatch {
    /// Watches `path` every `every`. `running` is what the kiosk runs on
    /// now; a new worker keeps the journal at `journal`; `repaint` is
    /// called when something was found (and by a new worker's replies).
    pub fn start(
        path: PathBuf,
        running: Config,
        journal: Option<PathBuf>,
        every: Duration,
        repaint: Arc<dyn Fn() + Send + Sync>,
    ) -> Result<ConfigWatch, std::io::Error> {
        let (commands, inbox) = mpsc::channel();
        let (outbox, events) = mpsc::channel();
        // Changes are counted from now (not from when the thread first runs).
        let seen = signature(&path);
        let watcher = Watcher {
            path: path.clone(),
            running: running.clone(),
            journal,
            repaint,
        };
        std::thread::Builder::new()
            .name("config-watch".into())
            .spawn(move || watcher.run(seen, every, &inbox, &outbox))?;
        tracing::info!(file = %path.display(), "the configuration file is watched for changes");
        Ok(ConfigWatch {
            path,
            events,
            commands,
            waiting: None,
            problem: None,
            running,
        })
    }

    /// The app's watcher: of `config.source`, the file the configuration
    /// was read from (none without one); repaints `ctx` when something was
    /// found. A thread that cannot start is logged and the kiosk runs on
    /// without.
    pub fn for_app(
        ctx: &egui::Context,
        config: &Config,
        journal: Option<PathBuf>,
    ) -> Option<ConfigWatch> {
        let path = config.source.clone()?;
        let repaint = ctx.clone();
        let repaint: Arc<dyn Fn() + Send + Sync> = Arc::new(move || repaint.request_repaint());
        ConfigWatch::start(path, config.clone(), journal, EVERY, repaint)
            .inspect_err(|error| {
                tracing::error!(%error, "the configuration file cannot be watched for changes");
            })
            .ok()
    }

    /// The file watched.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Takes what the thread found (cheap: for every frame). `running` is
    /// what the kiosk runs on now; `between_respondents`: whether a reload
    /// may be applied now (see [`between_respondents`]; no operator screen
    /// open). Returns the reload to apply now, if one waits.
    pub fn poll(&mut self, running: &Config, between_respondents: bool) -> Option<Reload> {
        if *running != self.running {
            self.running = running.clone();
            self.tell(Command::Running(Box::new(running.clone())));
        }
        while let Ok(event) = self.events.try_recv() {
            self.take(event);
        }
        if !between_respondents {
            return None;
        }
        let reload = self.waiting.take()?;
        if same(reload.config(), running) {
            // Setup saved this very file a moment ago: it already runs.
            self.tell(Command::Discard(Box::new(reload)));
            return None;
        }
        Some(reload)
    }

    /// Why the file, changed, could not be used ("the configuration file …
    /// has a mistake: line 2 …"), until it is usable again.
    pub fn last_error(&self) -> Option<&str> {
        self.problem.as_deref()
    }

    /// Whether a reload waits for the next reset.
    pub fn has_waiting(&self) -> bool {
        self.waiting.is_some()
    }

    /// Waits (really) up to `timeout` for the thread's next report and
    /// takes it; `false` if none came. For tests and tools.
    pub fn wait(&mut self, timeout: Duration) -> bool {
        match self.events.recv_timeout(timeout) {
            Ok(event) => {
                self.take(event);
                true
            }
            Err(_) => false,
        }
    }

    fn take(&mut self, event: Event) {
        match event {
            Event::Ready(reload) => {
                self.problem = None;
                if let Some(older) = self.waiting.replace(reload) {
                    self.tell(Command::Discard(Box::new(older)));
                }
            }
            Event::Refused(reason) => self.problem = Some(reason),
            Event::Unchanged => {
                self.problem = None;
                if let Some(stale) = self.waiting.take() {
                    self.tell(Command::Discard(Box::new(stale)));
                }
            }
        }
    }

    fn tell(&self, command: Command) {
        if let Err(mpsc::SendError(command)) = self.commands.send(command) {
            tracing::error!("the configuration watcher has stopped");
            drop(command);
        }
    }
}

/// The file's identity as far as changes go: modification time, size (and
/// inode: a file renamed over it), or `None` when it cannot be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Signature {
    modified: Option<SystemTime>,
    len: u64,
    inode: u64,
}

fn signature(path: &Path) -> Option<Signature> {
    let metadata = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&metadata);
    #[cfg(not(unix))]
    let inode = 0;
    Some(Signature {
        modified: metadata.modified().ok(),
        len: metadata.len(),
        inode,
    })
}

/// Whether two configurations say the same (where they were read from aside).
fn same(a: &Config, b: &Config) -> bool {
    let mut a = a.clone();
    a.source.clone_from(&b.source);
    a == *b
}

/// The thread's side.
struct Watcher {
    path: PathBuf,
    running: Config,
    journal: Option<PathBuf>,
    repaint: Arc<dyn Fn() + Send + Sync>,
}

impl Watcher {
    fn run(
        mut self,
        mut seen: Option<Signature>,
        every: Duration,
        inbox: &mpsc::Receiver<Command>,
        outbox: &mpsc::Sender<Event>,
    ) {
        let mut next = Instant::now() + every;
        loop {
            match inbox.recv_timeout(next.saturating_duration_since(Instant::now())) {
                Ok(Command::Running(config)) => {
                    self.running = *config;
                    continue;
                }
                Ok(Command::Discard(reload)) => {
                    drop(reload);
                    continue;
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return,
            }
            next = Instant::now() + every;
            let now = signature(&self.path);
            if now == seen {
                continue;
            }
            // A write under way (an editor truncates, then writes) is read
            // once the file has stayed the same for a moment.
            let settle = (every / 4).min(Duration::from_millis(500));
            std::thread::sleep(settle);
            if signature(&self.path) != now {
                next = Instant::now() + settle;
                continue;
            }
            let event = self.check();
            if signature(&self.path) != now {
                // Written to while it was read: read it again next time.
                drop(event);
                continue;
            }
            seen = now;
            if outbox.send(event).is_err() {
                return;
            }
            (self.repaint)();
        }
    }

    /// Loads the changed file and prepares what it says.
    fn check(&self) -> Event {
        let path = &self.path;
        let mut config = match Config::load(path, true) {
            Ok(config) => config,
            Err(error) => return self.refuse(error.to_string()),
        };
        // As at start: a weak or damaged PIN hash is not taken on.
        if let Some(hash) = &config.operator_pin_hash
            && let Err(error) = crate::operator::check_stored_hash(hash)
        {
            return self.refuse(error.to_string());
        }
        let running = &self.running;
        config.windowed = running.windowed;
        if config
            .api_key
            .as_deref()
            .is_none_or(|k| k.trim().is_empty())
        {
            config.api_key.clone_from(&running.api_key);
        }
        if same(&config, running) {
            tracing::info!(file = %path.display(), "the configuration file changed; its settings are already in use");
            return Event::Unchanged;
        }
        if config.metrics_listen != running.metrics_listen
            || config.metrics_textfile != running.metrics_textfile
            || config.kiosk_name != running.kiosk_name
        {
            tracing::warn!(
                file = %path.display(),
                "metrics_listen, metrics_textfile and kiosk_name take effect at the next start"
            );
        }
        if !config.is_remote() {
            if running.is_remote() {
                tracing::warn!(
                    file = %path.display(),
                    "the configuration file names no survey any more: the kiosk keeps its \
                     survey until it is restarted, with the file's other settings"
                );
            }
            let logo = crate::logo::image(&config);
            tracing::info!(file = %path.display(), "the configuration file changed: new settings ready for the next reset");
            return Event::Ready(Reload::Settings(Box::new(NewSettings { config, logo })));
        }
        // As at start: the environment's key is preferred when it is set.
        let mut connect = config.clone();
        if let Some(key) = std::env::var("SURVEY_KIOSK_API_KEY")
            .ok()
            .filter(|k| !k.trim().is_empty())
        {
            connect.api_key = Some(key);
        }
        match tasks::prepare(connect, self.journal.clone(), self.repaint.clone()) {
            Ok(mut relaunch) => {
                // The running configuration holds the file's key, not the
                // environment's (the client has the one it uses).
                relaunch.config.api_key = config.api_key;
                tracing::info!(
                    file = %path.display(),
                    survey_id = relaunch.survey_id,
                    "the configuration file changed: the survey is ready for the next reset"
                );
                Event::Ready(Reload::Survey(Box::new(relaunch)))
            }
            Err(error) => self.refuse(error.to_string()),
        }
    }

    fn refuse(&self, reason: String) -> Event {
        let file = self.path.display().to_string();
        let reason = if reason.contains(&file) {
            reason
        } else {
            format!("{file}: {reason}")
        };
        tracing::error!(
            %file,
            %reason,
            "the configuration file changed but cannot be used; the kiosk keeps the previous settings"
        );
        crate::metrics::config_reload_failed();
        Event::Refused(reason)
    }
}
