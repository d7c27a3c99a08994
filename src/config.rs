//! The operator's settings: a TOML file in the OS configuration directory.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::api::{Client, ClientSettings, datacenter_base_url};
use crate::brand::Brand;
use crate::kiosk::{IdleAction, Layout, Settings};
use crate::open_hours::OpenHours;

/// Everything an operator can set. Every field is optional in the file.
mod choices;
pub use choices::{AttractMode, KeyboardMode, LetterLayout, OfflineMode, Theme};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// The QuestionPro survey to run.
    pub survey_id: Option<u64>,
    /// `com` (US, the default), `eu`, `ca`, … — the account's datacenter.
    pub datacenter: Option<String>,
    /// A full API base URL instead of a datacenter, e.g.
    /// `https://api.questionpro.com/a/api/v2`.
    pub base_url: Option<String>,
    /// Prefer the `SURVEY_KIOSK_API_KEY` environment variable.
    pub api_key: Option<String>,
    /// Heading of the attract screen.
    pub title: String,
    /// The invitation under it.
    pub welcome: String,
    /// A PNG shown above the title (the embedded demo shows its own).
    pub logo: Option<PathBuf>,
    pub idle_after_secs: u64,
    pub idle_countdown_secs: u64,
    pub end_screen_secs: u64,
    pub idle_action: IdleAction,
    pub recheck_secs: u64,
    pub retry_initial_ms: u64,
    pub retry_max_secs: u64,
    pub still_trying_secs: u64,
    pub connect_timeout_secs: u64,
    pub request_timeout_secs: u64,
    /// A normal window instead of full screen (laptops).
    pub windowed: bool,
    /// 1.0 = a base text size of about 20 px.
    pub text_scale: f32,
    pub theme: Theme,
    /// The on-screen keyboard: `auto` (shown until a physical key is
    /// pressed; forgotten at every reset), `on_screen` (always) or
    /// `physical` (never).
    pub keyboard: KeyboardMode,
    /// The on-screen keyboard's letter rows.
    pub keyboard_layout: LetterLayout,
    /// A tap that lands on a new page within this long after it appeared
    /// is ignored (the second tap of a double tap on Next).
    pub tap_guard_ms: u64,
    /// When the survey asks for a language, the answer to choose in advance
    /// (as the survey names it, e.g. "English" or "Français").
    pub language: Option<String>,
    /// Show a final page's redirect link as a QR code for the respondent's phone.
    pub show_redirect_qr: bool,
    /// Keep answers in the local journal after the server accepted them
    /// (by default they are removed then: they are personal data).
    pub keep_answers: bool,
    /// What the kiosk does when the API cannot be reached as a respondent
    /// starts: `"off"` (the attract screen says "We'll be right back") or
    /// `"capture"` (respondents are taken from the survey map learned
    /// online and replayed, verified page by page, when the API answers).
    pub offline: OfflineMode,
    /// `"page"` (every question of a page on one screen) or `"question"`
    /// (each on a screen of its own, large).
    pub layout: Layout,
    /// The attract screen: `"button"` (a Start button) or
    /// `"first_question"` (the survey's first question, when it is a single
    /// choice and the survey map knows it: the first tap answers it and
    /// starts the session).
    pub attract: AttractMode,
    /// With `layout = "question"`: a single choice moves on this many
    /// milliseconds after the tap that answered it (0: only Next moves on).
    pub auto_advance_ms: u64,
    /// The kiosk in a brand's colours (`[brand]`: accent, background, text,
    /// …), checked at load: see [`crate::brand`].
    pub brand: Brand,
    /// When the kiosk takes respondents: `"08:00-21:00"` every day, or a
    /// table by weekday, `{ mon = "08:00-21:00", sun = "closed", default =
    /// "09:00-18:00" }` (days not named take `default`, else are open all
    /// day). Outside them the attract screen says "Closed" and when it
    /// opens again. See [`crate::open_hours`].
    pub open_hours: Option<OpenHours>,
    /// The operator PIN as an Argon2 hash (set by the setup screen; the PIN
    /// itself is never stored).
    pub operator_pin_hash: Option<String>,
    /// This device's name in metrics, logs and exports (default: the host name).
    pub kiosk_name: Option<String>,
    /// Serve Prometheus metrics here: `IP:PORT`, or a port alone for
    /// 127.0.0.1 only (off by default). See `crate::metrics`.
    pub metrics_listen: Option<String>,
    /// Write Prometheus metrics to this node_exporter textfile (`*.prom`),
    /// atomically, every 15 s and at exit.
    pub metrics_textfile: Option<PathBuf>,
    /// The file this was read from (not a setting).
    #[serde(skip)]
    pub source: Option<PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        let settings = Settings::default();
        Config {
            survey_id: None,
            datacenter: None,
            base_url: None,
            api_key: None,
            title: "We'd love your feedback".into(),
            welcome: "It takes about two minutes. Your answers are anonymous.".into(),
            logo: None,
            idle_after_secs: settings.idle_after.as_secs(),
            idle_countdown_secs: settings.idle_countdown.as_secs(),
            end_screen_secs: settings.end_screen.as_secs(),
            idle_action: settings.idle_action,
            recheck_secs: settings.recheck_every.as_secs(),
            retry_initial_ms: settings.retry_initial.as_millis() as u64,
            retry_max_secs: settings.retry_max.as_secs(),
            still_trying_secs: settings.still_trying_after.as_secs(),
            connect_timeout_secs: 5,
            request_timeout_secs: 20,
            windowed: false,
            text_scale: 1.0,
            theme: Theme::Light,
            keyboard: KeyboardMode::Auto,
            keyboard_layout: LetterLayout::Qwerty,
            tap_guard_ms: 400,
            language: None,
            show_redirect_qr: false,
            keep_answers: false,
            offline: OfflineMode::Off,
            layout: Layout::Page,
            attract: AttractMode::Button,
            auto_advance_ms: 700,
            brand: Brand::default(),
            open_hours: None,
            operator_pin_hash: None,
            kiosk_name: None,
            metrics_listen: None,
            metrics_textfile: None,
            source: None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read the configuration file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The message names the line, the column and the field.
    #[error("the configuration file {path} has a mistake: {source}")]
    Invalid { path: PathBuf, source: ParseError },
    #[error("cannot write the configuration file {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the configuration cannot be written as TOML: {0}")]
    Serialise(#[from] toml::ser::Error),
}

/// A mistake in a configuration file's text, in plain words.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// Not valid TOML, or a field of the wrong type or unknown: the line,
    /// the field, what was found and what is expected.
    #[error("{0}")]
    Syntax(String),
    /// A field holds a value the kiosk cannot use.
    #[error("{0}")]
    Value(String),
}

/// Why a configuration names no survey the kiosk can reach.
#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error(
        "no survey id: a datacenter or base URL is set but no survey; set survey_id = 12345678 \
         in {file} or pass --survey ID"
    )]
    NoSurveyId { file: String },
    #[error(
        "no API key: set the SURVEY_KIOSK_API_KEY environment variable (or api_key in the \
         configuration file)"
    )]
    NoApiKey,
    #[error(transparent)]
    Client(#[from] crate::api::ApiError),
}

/// Where the kiosk keeps its journal and logs: `SURVEY_KIOSK_DATA_DIR`, or
/// the OS data directory (e.g. `~/.local/share/survey-kiosk` on Linux).
pub fn data_dir() -> Option<PathBuf> {
    match std::env::var_os("SURVEY_KIOSK_DATA_DIR") {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => directories::ProjectDirs::from("", "", "survey-kiosk")
            .map(|dirs| dirs.data_dir().to_owned()),
    }
}

/// Creates `dir` and any missing parent, each folder it creates readable
/// by its owner only (0700, whatever the umask). A folder that exists is
/// left as it is: a data directory pointed at a shared folder keeps its
/// mode (and sticky bit).
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut missing = Vec::new();
    let mut at = Some(dir);
    while let Some(path) = at.filter(|p| !p.as_os_str().is_empty()) {
        match std::fs::symlink_metadata(path) {
            Ok(_) => break,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => missing.push(path),
            Err(e) => return Err(e),
        }
        at = path.parent();
    }
    for path in missing.into_iter().rev() {
        let mut builder = std::fs::DirBuilder::new();
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            builder.mode(0o700);
        }
        match builder.create(path) {
            // Made by someone else meanwhile: theirs, left alone.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            other => other?,
        }
        set_mode(path, 0o700)?;
    }
    Ok(())
}

/// Sets a file's or folder's mode (Unix; elsewhere nothing).
pub fn set_mode(path: &Path, mode: u32) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
    }
    #[cfg(not(unix))]
    {
        let _ = (path, mode);
        Ok(())
    }
}

/// Creates (or truncates) `path` for writing, readable by its owner only
/// (0600 whatever the umask, also when the file was already there).
pub fn create_private_file(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let file = options.open(path)?;
    set_mode(path, 0o600)?;
    Ok(file)
}

/// Writes `bytes` to `path` readable by its owner only, atomically: a new
/// file beside it (0600), synced, then renamed over the old one. A missing
/// folder is created owner-only ([`create_private_dir`]).
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        create_private_dir(dir)?;
    }
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".new");
    let temporary = PathBuf::from(temporary);
    let mut file = create_private_file(&temporary)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    drop(file);
    std::fs::rename(&temporary, path)
}

impl Config {
    /// Where the configuration lives by default, e.g.
    /// `~/.config/survey-kiosk/config.toml` on Linux.
    pub fn default_path() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "survey-kiosk")
            .map(|dirs| dirs.config_dir().join("config.toml"))
    }

    /// Reads `path`. A missing file at the default location is no error: the
    /// kiosk then runs the embedded demo.
    pub fn load(path: &Path, must_exist: bool) -> Result<Config, ConfigError> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !must_exist => {
                return Ok(Config::default());
            }
            Err(source) => {
                return Err(ConfigError::Read {
                    path: path.to_owned(),
                    source,
                });
            }
        };
        let mut config = Config::parse(&text).map_err(|source| ConfigError::Invalid {
            path: path.to_owned(),
            source,
        })?;
        config.source = Some(path.to_owned());
        Ok(config)
    }

    pub fn parse(text: &str) -> Result<Config, ParseError> {
        let config: Config =
            toml::from_str(text).map_err(|e| ParseError::Syntax(describe_toml_error(text, &e)))?;
        if !(0.5..=3.0).contains(&config.text_scale) {
            return Err(ParseError::Value(format!(
                "text_scale is {}; expected a number from 0.5 to 3.0 (1.0 is about 20 px)",
                config.text_scale
            )));
        }
        if let Some(url) = &config.base_url
            && let Err(reason) = crate::api::check_base_url(url)
        {
            return Err(ParseError::Value(format!(
                "base_url \"{url}\" cannot be used: {reason}"
            )));
        }
        if config.auto_advance_ms > 10_000 {
            return Err(ParseError::Value(format!(
                "auto_advance_ms is {}; expected 0 (off) to 10000 (milliseconds)",
                config.auto_advance_ms
            )));
        }
        for (field, value, range, unit) in config.timings() {
            if !range.contains(&value) {
                return Err(ParseError::Value(format!(
                    "{field} is {value}; expected {} to {} ({unit})",
                    range.start(),
                    range.end()
                )));
            }
        }
        if let Some(address) = &config.metrics_listen {
            listen_address(address).map_err(|e| ParseError::Value(e.to_string()))?;
        }
        config
            .brand
            .check(&config.theme.palette())
            .map_err(|e| ParseError::Value(e.to_string()))?;
        Ok(config)
    }

    /// The timings where 0 (or a huge value) makes no sense: the field, its
    /// value, the range allowed and the unit. Checked when the file loads.
    fn timings(
        &self,
    ) -> [(
        &'static str,
        u64,
        std::ops::RangeInclusive<u64>,
        &'static str,
    ); 7] {
        const DAY: u64 = 24 * 60 * 60;
        [
            ("idle_after_secs", self.idle_after_secs, 1..=DAY, "seconds"),
            ("end_screen_secs", self.end_screen_secs, 1..=3600, "seconds"),
            ("recheck_secs", self.recheck_secs, 1..=DAY, "seconds"),
            (
                "retry_initial_ms",
                self.retry_initial_ms,
                10..=60_000,
                "milliseconds",
            ),
            ("retry_max_secs", self.retry_max_secs, 1..=3600, "seconds"),
            (
                "connect_timeout_secs",
                self.connect_timeout_secs,
                1..=300,
                "seconds",
            ),
            (
                "request_timeout_secs",
                self.request_timeout_secs,
                1..=600,
                "seconds",
            ),
        ]
    }

    /// Whether this names a survey on a server (otherwise: the embedded demo).
    pub fn is_remote(&self) -> bool {
        self.base_url.is_some() || self.datacenter.is_some() || self.survey_id.is_some()
    }

    /// Client settings for `base_url` with this configuration's timeouts.
    pub fn client_settings(&self, base_url: String, api_key: String) -> ClientSettings {
        let mut settings = ClientSettings::new(base_url, api_key);
        settings.connect_timeout = Duration::from_secs(self.connect_timeout_secs.max(1));
        settings.request_timeout = Duration::from_secs(self.request_timeout_secs.max(1));
        settings
    }

    /// The client and survey id of the configured survey, or what is missing
    /// in plain words.
    pub fn connect(&self) -> Result<(Client, u64), ConnectError> {
        let survey_id = self.survey_id.ok_or_else(|| ConnectError::NoSurveyId {
            file: self.source.as_ref().map_or_else(
                || "the configuration file".to_owned(),
                |path| path.display().to_string(),
            ),
        })?;
        let api_key = self
            .api_key
            .clone()
            .filter(|k| !k.trim().is_empty())
            .ok_or(ConnectError::NoApiKey)?;
        let base_url = self
            .base_url
            .clone()
            .unwrap_or_else(|| datacenter_base_url(self.datacenter.as_deref().unwrap_or("com")));
        let client = Client::new(&self.client_settings(base_url, api_key))?;
        Ok((client, survey_id))
    }

    /// Writes the configuration to `path`, readable by its owner only (it
    /// holds the API key and the PIN's hash), atomically: a new file beside
    /// it, synced, then renamed over the old one.
    pub fn save(&self, path: &Path) -> Result<(), ConfigError> {
        let text = toml::to_string_pretty(self)?;
        let header = "# survey-kiosk configuration, written by the kiosk's setup screen.\n\
                      # Every field is explained in the README. Keep this file private:\n\
                      # it holds the API key.\n\n";
        write_private(path, format!("{header}{text}").as_bytes()).map_err(|source| {
            ConfigError::Write {
                path: path.to_owned(),
                source,
            }
        })
    }

    /// The kiosk loop's timings.
    pub fn kiosk_settings(&self) -> Settings {
        Settings {
            idle_after: Duration::from_secs(self.idle_after_secs),
            idle_countdown: Duration::from_secs(self.idle_countdown_secs),
            end_screen: Duration::from_secs(self.end_screen_secs),
            idle_action: self.idle_action,
            recheck_every: Duration::from_secs(self.recheck_secs.max(1)),
            retry_initial: Duration::from_millis(self.retry_initial_ms.max(10)),
            retry_max: Duration::from_secs(self.retry_max_secs.max(1)),
            still_trying_after: Duration::from_secs(self.still_trying_secs),
            language: self.language.clone(),
            offline_capture: self.offline == OfflineMode::Capture,
            layout: self.layout,
            auto_advance: (self.layout == Layout::Question && self.auto_advance_ms > 0)
                .then(|| Duration::from_millis(self.auto_advance_ms)),
        }
    }

    /// The attract screen's logo: `[brand] logo`, else `logo`.
    pub fn logo_path(&self) -> Option<&Path> {
        self.brand.logo.as_deref().or(self.logo.as_deref())
    }

    /// Whether the file names a real survey (otherwise the demo runs).
    pub fn names_a_survey(&self) -> bool {
        self.survey_id.is_some() || self.base_url.is_some() || self.datacenter.is_some()
    }
}

/// A TOML mistake in plain words: the line, the field, what was found and
/// what is expected, and the line itself.
fn describe_toml_error(text: &str, error: &toml::de::Error) -> String {
    let line_number = error
        .span()
        .map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
    let line = line_number
        .and_then(|n| text.lines().nth(n - 1))
        .unwrap_or("")
        .trim();
    let field = line
        .split_once('=')
        .map(|(key, _)| key.trim())
        .filter(|key| !key.is_empty());
    let plain = error
        .message()
        .trim()
        .replace(
            "expected u64",
            &format!("expected {}", whole_number_hint(field)),
        )
        .replace("expected f32", "expected a number, e.g. 1.25")
        .replace("expected a boolean", "expected true or false")
        .replace(
            "string values must be quoted, expected literal string",
            "the value is missing (text goes in quotes, e.g. \"eu\")",
        );
    let Some(line_number) = line_number else {
        return plain;
    };
    match field {
        Some(field) if !plain.contains(field) => {
            format!("line {line_number}, field `{field}`: {plain}\n    {line}")
        }
        _ => format!("line {line_number}: {plain}\n    {line}"),
    }
}

/// What a whole-number field expects, with an example that fits it.
fn whole_number_hint(field: Option<&str>) -> &'static str {
    match field {
        Some("survey_id") => "a whole number, e.g. 12345678 (the survey's id)",
        Some(f) if f.ends_with("_ms") => "a whole number of milliseconds, e.g. 500",
        Some(f) if f.ends_with("_secs") => "a whole number of seconds, e.g. 60",
        _ => "a whole number, e.g. 60",
    }
}

/// The port `metrics_listen` examples use (node_exporter's neighbour).
pub const DEFAULT_METRICS_PORT: u16 = 9464;

/// `metrics_listen` that is not an address.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "metrics_listen \"{0}\" is not an address and port; expected e.g. \"127.0.0.1:{DEFAULT_METRICS_PORT}\" \
     (this computer only), \"0.0.0.0:{DEFAULT_METRICS_PORT}\" (the network) or a port alone"
)]
pub struct ListenAddressError(String);

/// `metrics_listen` as an address: `IP:PORT` (e.g. `0.0.0.0:9464` to be
/// scraped from the network), or a bare port, which binds to 127.0.0.1 only.
pub fn listen_address(text: &str) -> Result<SocketAddr, ListenAddressError> {
    let text = text.trim();
    if let Ok(port) = text.parse::<u16>() {
        return Ok(SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), port));
    }
    text.parse::<SocketAddr>()
        .map_err(|_| ListenAddressError(text.to_owned()))
}

impl Config {
    /// Where metrics are served (`metrics_listen`), if they are.
    pub fn metrics_address(&self) -> Result<Option<SocketAddr>, ListenAddressError> {
        self.metrics_listen
            .as_deref()
            .map(listen_address)
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_file_is_the_defaults() {
        assert_eq!(Config::parse(""), Ok(Config::default()));
    }

    #[test]
    fn mistakes_name_the_line_and_the_field() {
        let message = |text: &str| Config::parse(text).err().map(|e| e.to_string());
        let error = message("survey_id = 12\nidle_after_secs = \"soon\"\n").unwrap_or_default();
        assert!(error.contains("line 2"), "{error}");
        assert!(error.contains("idle_after_secs"), "{error}");
        let error = message("survey = 12\n").unwrap_or_default();
        assert!(error.contains("unknown field `survey`"), "{error}");
        let error = message("title = \n").unwrap_or_default();
        assert!(error.contains("line 1"), "{error}");
    }

    #[test]
    fn open_hours_are_checked_as_the_file_loads() {
        let config = Config::parse("open_hours = { mon = \"08:00-21:00\", sun = \"closed\" }")
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(config.open_hours.is_some());
        let error = Config::parse("title = \"Hi\"\nopen_hours = \"8 to 9\"\n")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(error.contains("line 2"), "{error}");
        assert!(error.contains("\"8 to 9\" is not a time range"), "{error}");
        let error = Config::parse("open_hours = { mon = \"08:00-21:00\", holiday = \"closed\" }")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(error.contains("unknown day `holiday`"), "{error}");
    }

    #[test]
    fn settings_come_through() {
        let config = Config::parse(
            "idle_after_secs = 90\nidle_action = \"submit_if_valid\"\ntheme = \"high_contrast\"",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(config.kiosk_settings().idle_after, Duration::from_secs(90));
        assert_eq!(
            config.kiosk_settings().idle_action,
            IdleAction::SubmitIfValid
        );
        assert_eq!(config.theme, Theme::HighContrast);
    }

    #[test]
    fn a_survey_id_that_is_not_a_number_says_what_is_expected() {
        for text in ["survey_id = \"abc\"\n", "survey_id = -5\n"] {
            let error = Config::parse(text)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(error.contains("field `survey_id`"), "{error}");
            assert!(error.contains("a whole number, e.g. 12345678"), "{error}");
            assert!(!error.contains("e.g. 60"), "{error}");
        }
        let error = Config::parse("retry_initial_ms = \"fast\"\n")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(error.contains("milliseconds, e.g. 500"), "{error}");
    }

    #[test]
    fn timings_of_zero_are_refused_with_the_field_and_the_range() {
        for (text, field, range) in [
            (
                "connect_timeout_secs = 0",
                "connect_timeout_secs",
                "1 to 300 (seconds)",
            ),
            (
                "request_timeout_secs = 0",
                "request_timeout_secs",
                "1 to 600 (seconds)",
            ),
            ("recheck_secs = 0", "recheck_secs", "1 to 86400 (seconds)"),
            (
                "retry_max_secs = 0",
                "retry_max_secs",
                "1 to 3600 (seconds)",
            ),
            (
                "retry_initial_ms = 0",
                "retry_initial_ms",
                "10 to 60000 (milliseconds)",
            ),
            (
                "idle_after_secs = 0",
                "idle_after_secs",
                "1 to 86400 (seconds)",
            ),
            (
                "end_screen_secs = 0",
                "end_screen_secs",
                "1 to 3600 (seconds)",
            ),
        ] {
            let error = Config::parse(text)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert_eq!(error, format!("{field} is 0; expected {range}"), "{text}");
        }
        assert!(Config::parse("connect_timeout_secs = 1\nrequest_timeout_secs = 600").is_ok());
    }

    #[test]
    fn a_base_url_that_is_no_url_says_what_is_expected() {
        let error = Config::parse("base_url = \"not a url\"")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(error.contains("base_url"), "{error}");
        assert!(
            error.contains("expected an absolute URL such as https://api.questionpro.com/a/api/v2"),
            "{error}"
        );
    }

    #[test]
    fn datacenters_by_their_short_keys() {
        let config = Config::parse("survey_id = 1\ndatacenter = \"sg\"\napi_key = \"k\"")
            .unwrap_or_else(|e| panic!("{e}"));
        let (client, _) = config.connect().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(client.base_url(), "https://api.questionpro.sg/a/api/v2");
        let config = Config {
            datacenter: Some("ksa".into()),
            ..config
        };
        let (client, _) = config.connect().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(client.base_url(), "https://api.questionprosa.com/a/api/v2");
    }

    #[test]
    fn a_bare_port_listens_on_this_computer_only() {
        assert_eq!(
            listen_address("9464"),
            Ok(SocketAddr::from(([127, 0, 0, 1], 9464)))
        );
        assert_eq!(
            listen_address("0.0.0.0:9464"),
            Ok(SocketAddr::from(([0, 0, 0, 0], 9464)))
        );
        assert!(listen_address("[::1]:9464").is_ok());
        let error = listen_address("localhost:9464")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(error.contains("metrics_listen"), "{error}");
        assert!(listen_address("").is_err());
    }
}
