//! The operator's side as logic: the PIN (hashed with Argon2), the lock
//! after wrong tries, the unlock gesture, today's counts, exports, and
//! saving what setup chose. The slow parts (hashing, SQLite, files, the
//! connection test) run on [`tasks::Tasks`], never in a frame. The screens
//! that use them are in `ui::operator`.

pub mod set_pin;
pub mod tasks;

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

use crate::journal::{ExportFormat, Journal, JournalError};

/// Wrong PINs in a row before the prompt locks.
pub const MAX_TRIES: u32 = 5;
/// The first lock; each further one doubles, up to [`LONGEST_LOCK`].
pub const FIRST_LOCK: Duration = Duration::from_secs(30);
pub const LONGEST_LOCK: Duration = Duration::from_secs(3600);
/// Taps in the top-left corner, within [`TAP_WINDOW`], that open the PIN prompt.
pub const TAPS: usize = 5;
pub const TAP_WINDOW: Duration = Duration::from_secs(3);

#[derive(Debug, thiserror::Error)]
pub enum OperatorError {
    #[error("the PIN could not be hashed: {0}")]
    Hash(argon2::password_hash::Error),
    #[error("The PIN must be 4 to 12 digits.")]
    PinDigits,
    #[error(transparent)]
    Journal(#[from] JournalError),
    #[error("cannot create {path}: {source}")]
    ExportFile {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("This computer has no configuration folder.")]
    NoConfigFolder,
    #[error("This kiosk keeps no journal.")]
    NoJournal,
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    #[error(transparent)]
    Connect(#[from] crate::config::ConnectError),
    #[error(transparent)]
    Worker(#[from] crate::worker::WorkerError),
    /// The stored PIN hash is damaged or weaker than this version makes.
    #[error(
        "the operator PIN hash in the configuration {reason}: set a new PIN with \
         `survey-kiosk set-pin` (or `survey-kiosk set-pin --config FILE`)"
    )]
    WeakPinHash { reason: String },
    #[error("cannot read the PIN lock file {path}: {source}")]
    LockRead {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the PIN lock file {path} is damaged: {source}")]
    LockDamaged {
        path: PathBuf,
        #[source]
        source: serde_json::Error,
    },
    #[error("cannot write the PIN lock file {path}: {source}")]
    LockWrite {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Whether a stored PIN hash is as strong as the ones [`hash_pin`] makes:
/// Argon2id, version 0x13, and at least the default memory, iterations and
/// lanes. A weaker one (hand-made, or from an old tool) is refused at start:
/// guessing it offline would be cheaper than the kiosk promises.
pub fn check_stored_hash(hash: &str) -> Result<(), OperatorError> {
    let weak = |reason: &str| OperatorError::WeakPinHash {
        reason: reason.to_owned(),
    };
    let parsed = PasswordHash::new(hash).map_err(|_| weak("is damaged (not a PHC string)"))?;
    if parsed.algorithm.as_str() != "argon2id" {
        return Err(weak(&format!(
            "uses {} instead of argon2id",
            parsed.algorithm.as_str()
        )));
    }
    if parsed.version != Some(0x13) {
        return Err(weak("is not Argon2 version 19 (0x13)"));
    }
    let params = argon2::Params::try_from(&parsed).map_err(|_| weak("has damaged parameters"))?;
    let default = argon2::Params::default();
    if params.m_cost() < default.m_cost()
        || params.t_cost() < default.t_cost()
        || params.p_cost() < default.p_cost()
    {
        return Err(weak(&format!(
            "is weaker than the default (m={}, t={}, p={}; at least m={}, t={}, p={})",
            params.m_cost(),
            params.t_cost(),
            params.p_cost(),
            default.m_cost(),
            default.t_cost(),
            default.p_cost()
        )));
    }
    if parsed.salt.is_none() || parsed.hash.is_none() {
        return Err(weak("has no salt or no hash"));
    }
    Ok(())
}

/// Whether `pin` may be used as a new PIN: 4 to 12 digits.
pub fn check_new_pin(pin: &str) -> Result<(), OperatorError> {
    if !(4..=12).contains(&pin.chars().count()) || !pin.chars().all(|c| c.is_ascii_digit()) {
        return Err(OperatorError::PinDigits);
    }
    Ok(())
}

/// The PIN as an Argon2id PHC string (salted); the PIN itself is never kept.
pub fn hash_pin(pin: &str) -> Result<String, OperatorError> {
    Argon2::default()
        .hash_password(pin.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(OperatorError::Hash)
}

/// Whether `pin` matches the stored hash. A damaged hash matches nothing.
pub fn verify_pin(hash: &str, pin: &str) -> bool {
    match PasswordHash::new(hash) {
        Ok(parsed) => Argon2::default()
            .verify_password(pin.as_bytes(), &parsed)
            .is_ok(),
        Err(error) => {
            tracing::error!(%error, "the stored PIN hash is damaged");
            false
        }
    }
}

/// What became of a PIN attempt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Attempt {
    Unlocked,
    /// Wrong; this many tries are left before the lock.
    Wrong {
        left: u32,
    },
    /// Locked (now, or by this attempt) for this long.
    Locked {
        remaining: Duration,
    },
}

/// Counts wrong PINs and locks the prompt for a growing time.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PinGate {
    wrong: u32,
    locks: u32,
    locked_until: Option<Instant>,
}

/// The PIN lock as kept on disk ([`LOCK_FILE`], next to the journal): a
/// restart, a crash or a power cut gives no fresh tries. The end of a lock
/// is wall-clock time (an `Instant` means nothing to the next process).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LockState {
    /// Wrong PINs in a row since the last lock (or the last right one).
    pub wrong: u32,
    /// Locks so far: each doubles the next.
    pub locks: u32,
    /// Milliseconds since the Unix epoch at which the current lock ends.
    pub locked_until_unix_ms: Option<i64>,
}

/// The PIN lock's file name, in the data directory next to the journal.
pub const LOCK_FILE: &str = "operator-lock.json";

fn unix_ms(at: SystemTime) -> i64 {
    match at.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_millis()).unwrap_or(i64::MAX),
        Err(before) => -i64::try_from(before.duration().as_millis()).unwrap_or(i64::MAX),
    }
}

impl PinGate {
    /// How long the prompt stays locked, if it is.
    pub fn locked_for(&self, now: Instant) -> Option<Duration> {
        self.locked_until
            .filter(|until| *until > now)
            .map(|until| until - now)
    }

    /// Checks `pin` against `hash` at once (tests and tools; the screens
    /// verify on the background task and then [`PinGate::record`]).
    pub fn attempt(&mut self, hash: &str, pin: &str, now: Instant) -> Attempt {
        if let Some(remaining) = self.locked_for(now) {
            return Attempt::Locked { remaining };
        }
        self.record(verify_pin(hash, pin), now)
    }

    /// Records the result of a PIN check made while the prompt was not
    /// locked.
    pub fn record(&mut self, matched: bool, now: Instant) -> Attempt {
        let attempt = self.count(matched, now);
        match &attempt {
            Attempt::Unlocked => {}
            Attempt::Wrong { .. } => {
                tracing::warn!(left = MAX_TRIES - self.wrong, "a wrong operator PIN");
            }
            Attempt::Locked { remaining } => {
                tracing::warn!(seconds = remaining.as_secs(), "operator PIN prompt locked");
            }
        }
        attempt
    }

    /// The gate as it would be if the PIN being checked now is wrong: kept
    /// on disk before the (slow) check, so stopping the kiosk during it
    /// gives no free try.
    pub fn if_wrong(&self, now: Instant) -> PinGate {
        let mut gate = self.clone();
        gate.count(false, now);
        gate
    }

    fn count(&mut self, matched: bool, now: Instant) -> Attempt {
        if matched {
            self.wrong = 0;
            self.locks = 0;
            self.locked_until = None;
            return Attempt::Unlocked;
        }
        self.wrong += 1;
        if self.wrong < MAX_TRIES {
            return Attempt::Wrong {
                left: MAX_TRIES - self.wrong,
            };
        }
        self.wrong = 0;
        self.locks += 1;
        let lock = FIRST_LOCK
            .saturating_mul(2u32.saturating_pow(self.locks - 1))
            .min(LONGEST_LOCK);
        self.locked_until = Some(now + lock);
        Attempt::Locked { remaining: lock }
    }

    /// What to keep on disk; `now` and `wall` are the same moment.
    pub fn state(&self, now: Instant, wall: SystemTime) -> LockState {
        LockState {
            wrong: self.wrong,
            locks: self.locks,
            locked_until_unix_ms: self.locked_for(now).map(|left| unix_ms(wall + left)),
        }
    }

    /// The gate kept on disk, at `now` (`wall` is the same moment). A lock
    /// never lasts longer than [`LONGEST_LOCK`] from now, whatever the
    /// clock did meanwhile.
    pub fn from_state(state: &LockState, now: Instant, wall: SystemTime) -> PinGate {
        let locked_until = state.locked_until_unix_ms.and_then(|until| {
            let left_ms = until.saturating_sub(unix_ms(wall));
            let left = Duration::from_millis(u64::try_from(left_ms).ok()?);
            (!left.is_zero()).then(|| now + left.min(LONGEST_LOCK))
        });
        PinGate {
            wrong: state.wrong.min(MAX_TRIES - 1),
            locks: state.locks.min(32),
            locked_until,
        }
    }

    /// The gate kept at `path`: a fresh one when there is no file; locked
    /// for [`FIRST_LOCK`] when the file cannot be read or is damaged (no
    /// fresh tries from a broken file).
    pub fn load(path: &Path, now: Instant, wall: SystemTime) -> PinGate {
        match load_lock(path) {
            Ok(None) => PinGate::default(),
            Ok(Some(state)) => PinGate::from_state(&state, now, wall),
            Err(error) => {
                tracing::error!(%error, "the PIN prompt starts locked");
                PinGate {
                    wrong: 0,
                    locks: 1,
                    locked_until: Some(now + FIRST_LOCK),
                }
            }
        }
    }
}

/// Reads the PIN lock kept at `path` (`None`: no file yet).
pub fn load_lock(path: &Path) -> Result<Option<LockState>, OperatorError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(OperatorError::LockRead {
                path: path.to_owned(),
                source,
            });
        }
    };
    serde_json::from_str(&text)
        .map(Some)
        .map_err(|source| OperatorError::LockDamaged {
            path: path.to_owned(),
            source,
        })
}

/// Keeps the PIN lock at `path`, readable by its owner only, atomically (a
/// new file beside it, synced, renamed over the old one). Its folder is
/// created owner-only when missing.
pub fn save_lock(path: &Path, state: &LockState) -> Result<(), OperatorError> {
    let error = |source: std::io::Error| OperatorError::LockWrite {
        path: path.to_owned(),
        source,
    };
    let text = serde_json::to_string(state).map_err(|e| error(std::io::Error::other(e)))?;
    crate::config::write_private(path, text.as_bytes()).map_err(error)
}

/// The unlock gesture: [`TAPS`] taps in one corner within [`TAP_WINDOW`].
#[derive(Clone, Debug, Default)]
pub struct CornerTaps {
    taps: VecDeque<Instant>,
}

impl CornerTaps {
    /// A tap in the corner; `true` when it completes the gesture.
    pub fn tap(&mut self, now: Instant) -> bool {
        self.taps.push_back(now);
        while self
            .taps
            .front()
            .is_some_and(|first| now.duration_since(*first) > TAP_WINDOW)
        {
            self.taps.pop_front();
        }
        if self.taps.len() >= TAPS {
            self.taps.clear();
            return true;
        }
        false
    }
}

/// What the unlock gesture (or the first-run link) opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WayIn {
    /// The PIN prompt.
    Pin,
    /// Setup with no PIN: the first start, on the embedded demo (no survey
    /// configured, no PIN yet). Nothing there is worth a PIN: setup asks
    /// for the survey's key and a PIN before it saves.
    Setup,
    /// Nothing: a survey is configured (by hand) but no PIN is set. A
    /// passer-by must not reach setup and the saved key; the kiosk says how
    /// to set a PIN (`survey-kiosk set-pin`).
    NoPin,
}

/// What the gesture opens on a kiosk configured so.
pub fn way_in(config: &crate::config::Config) -> WayIn {
    if config.operator_pin_hash.is_some() {
        WayIn::Pin
    } else if config.names_a_survey() {
        WayIn::NoPin
    } else {
        WayIn::Setup
    }
}

/// The API base URL a configuration's requests go to.
pub fn base_url_of(config: &crate::config::Config) -> String {
    config.base_url.clone().unwrap_or_else(|| {
        crate::api::datacenter_base_url(config.datacenter.as_deref().unwrap_or("com"))
    })
}

/// Whether the API key saved for `saved_for` (a base URL) may be sent to
/// `base_url`: only to the same scheme, host and port. A key is never
/// carried to a server someone typed in setup; it must be typed again.
pub fn saved_key_may_go_to(saved_for: &str, base_url: &str) -> bool {
    match (url::Url::parse(saved_for), url::Url::parse(base_url.trim())) {
        (Ok(saved), Ok(new)) => saved.origin().is_tuple() && saved.origin() == new.origin(),
        _ => false,
    }
}

/// The host of a base URL, to name it to the operator (the URL itself when
/// it has none).
pub fn host_of(base_url: &str) -> String {
    url::Url::parse(base_url)
        .ok()
        .and_then(|url| url.host_str().map(str::to_owned))
        .unwrap_or_else(|| base_url.to_owned())
}

/// Today's respondents, for the admin screen (rehearsals apart).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Today {
    pub started: u64,
    pub completed: u64,
    pub screened_out: u64,
    pub quota_full: u64,
    pub abandoned: u64,
    pub timed_out: u64,
    pub other: u64,
    pub rehearsals: u64,
    /// Of `started`, those since the running client began counting its API
    /// calls ([`counting_since`]): what the calls are divided by.
    pub started_while_counting: u64,
    /// How much of the running survey the offline map knows.
    pub coverage: crate::journal::Coverage,
}

impl Today {
    /// Counts the respondents that started since `since` (e.g. local midnight).
    pub fn from_journal(
        journal: &Journal,
        since: chrono::DateTime<chrono::Utc>,
    ) -> Result<Today, JournalError> {
        let mut today = Today::default();
        for (state, rehearsal, n) in journal.respondent_states_since(since)? {
            if rehearsal {
                today.rehearsals += n;
                continue;
            }
            if state == "start_failed" {
                continue;
            }
            today.started += n;
            match state.as_str() {
                "survey_complete" => today.completed += n,
                "terminated" => today.screened_out += n,
                "quota_full" => today.quota_full += n,
                "abandoned" => today.abandoned += n,
                "timed_out" => today.timed_out += n,
                _ => today.other += n,
            }
        }
        Ok(today)
    }
}

/// Since when `client`'s API calls count today: local midnight, or when
/// the client was built (the kiosk started, or setup saved) if later.
pub fn counting_since(client: &crate::api::Client) -> chrono::DateTime<chrono::Utc> {
    client.created().max(start_of_today())
}

/// Local midnight today, in UTC.
pub fn start_of_today() -> chrono::DateTime<chrono::Utc> {
    let now = chrono::Local::now();
    now.date_naive()
        .and_hms_opt(0, 0, 0)
        .and_then(|midnight| midnight.and_local_timezone(chrono::Local).earliest())
        .map_or_else(|| now.to_utc(), |midnight| midnight.to_utc())
}

/// What to export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    /// One row per respondent: times, pages, final state.
    Responses,
    /// One row per page: what was sent and what became of it.
    Journal,
}

impl ExportKind {
    pub fn file_name(self, format: ExportFormat) -> String {
        let stem = match self {
            ExportKind::Responses => "survey-kiosk-responses",
            ExportKind::Journal => "survey-kiosk-journal",
        };
        let date = chrono::Local::now().format("%Y-%m-%d");
        let extension = match format {
            ExportFormat::Csv => "csv",
            ExportFormat::Jsonl => "jsonl",
        };
        format!("{stem}-{date}.{extension}")
    }
}

/// Writes an export of the journal at `journal` to `to`; returns the rows.
pub fn export_to(
    journal: &Path,
    to: &Path,
    kind: ExportKind,
    format: ExportFormat,
) -> Result<u64, OperatorError> {
    let journal = Journal::open(journal, true)?;
    let mut file =
        crate::config::create_private_file(to).map_err(|source| OperatorError::ExportFile {
            path: to.to_owned(),
            source,
        })?;
    Ok(match kind {
        ExportKind::Responses => crate::journal::export_respondents(&journal, format, &mut file),
        ExportKind::Journal => crate::journal::export(&journal, format, &mut file),
    }?)
}

/// Saves what setup chose: the new PIN hashed (when one was entered), the
/// file written where the configuration came from (or the default place).
/// `--windowed` on the command line is not a setting: the file's is kept.
/// Returns the configuration the kiosk now runs on.
pub fn save_setup(
    mut config: crate::config::Config,
    new_pin: Option<&str>,
) -> Result<crate::config::Config, OperatorError> {
    use crate::config::Config;
    if let Some(pin) = new_pin.filter(|p| !p.is_empty()) {
        config.operator_pin_hash = Some(hash_pin(pin)?);
    }
    let path = config
        .source
        .clone()
        .or_else(Config::default_path)
        .ok_or(OperatorError::NoConfigFolder)?;
    let mut on_disk = config.clone();
    on_disk.windowed = Config::load(&path, false).is_ok_and(|c| c.windowed);
    on_disk.save(&path)?;
    config.source = Some(path.clone());
    tracing::info!(path = %path.display(), "configuration saved by the operator");
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pin_is_stored_hashed_and_verified() {
        let hash = hash_pin("2468").unwrap_or_else(|e| panic!("{e}"));
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(!hash.contains("2468"));
        assert!(verify_pin(&hash, "2468"));
        assert!(!verify_pin(&hash, "2469"));
        assert!(!verify_pin("not a hash", "2468"));
        assert_ne!(hash, hash_pin("2468").unwrap_or_default(), "salted");
    }

    #[test]
    fn new_pins_are_digits() {
        assert!(check_new_pin("1234").is_ok());
        assert!(check_new_pin("123").is_err());
        assert!(check_new_pin("12a4").is_err());
        assert!(check_new_pin("1234567890123").is_err());
    }

    #[test]
    fn five_wrong_pins_lock_for_a_growing_time() {
        let hash = hash_pin("2468").unwrap_or_default();
        let mut gate = PinGate::default();
        let start = Instant::now();
        for left in (1..MAX_TRIES).rev() {
            assert_eq!(gate.attempt(&hash, "0000", start), Attempt::Wrong { left });
        }
        assert_eq!(
            gate.attempt(&hash, "0000", start),
            Attempt::Locked {
                remaining: FIRST_LOCK
            }
        );
        // Even the right PIN is refused while locked.
        assert!(matches!(
            gate.attempt(&hash, "2468", start + Duration::from_secs(10)),
            Attempt::Locked { .. }
        ));
        let later = start + FIRST_LOCK + Duration::from_secs(1);
        assert_eq!(gate.locked_for(later), None);
        for _ in 0..MAX_TRIES - 1 {
            gate.attempt(&hash, "0000", later);
        }
        assert_eq!(
            gate.attempt(&hash, "0000", later),
            Attempt::Locked {
                remaining: FIRST_LOCK * 2
            },
            "the second lock is longer"
        );
        let after = later + FIRST_LOCK * 2;
        assert_eq!(gate.attempt(&hash, "2468", after), Attempt::Unlocked);
    }

    #[test]
    fn the_saved_key_goes_only_to_the_host_it_was_saved_for() {
        let saved = "https://api.questionpro.com/a/api/v2";
        assert!(saved_key_may_go_to(saved, saved));
        assert!(saved_key_may_go_to(
            saved,
            " https://api.questionpro.com/a/api/v2/ "
        ));
        assert!(saved_key_may_go_to(
            saved,
            "https://API.questionpro.com:443/other"
        ));
        for elsewhere in [
            "https://api.questionpro.eu/a/api/v2",
            "https://evil.example/a/api/v2",
            "https://api.questionpro.com.evil.example/a/api/v2",
            "https://api.questionpro.com:8443/a/api/v2",
            "http://api.questionpro.com/a/api/v2",
            "not a url",
            "",
        ] {
            assert!(!saved_key_may_go_to(saved, elsewhere), "{elsewhere}");
        }
        assert!(!saved_key_may_go_to("not a url", "not a url"));
        let config = crate::config::Config {
            datacenter: Some("eu".into()),
            ..crate::config::Config::default()
        };
        assert!(saved_key_may_go_to(
            &base_url_of(&config),
            &crate::api::datacenter_base_url("eu")
        ));
        assert!(!saved_key_may_go_to(
            &base_url_of(&config),
            &crate::api::datacenter_base_url("com")
        ));
        assert_eq!(host_of(saved), "api.questionpro.com");
    }

    #[test]
    fn the_gesture_opens_setup_only_on_a_first_start() {
        use crate::config::Config;
        assert_eq!(way_in(&Config::default()), WayIn::Setup, "the demo");
        let hand_written = Config {
            survey_id: Some(12345678),
            ..Config::default()
        };
        assert_eq!(way_in(&hand_written), WayIn::NoPin);
        let datacenter_only = Config {
            datacenter: Some("eu".into()),
            ..Config::default()
        };
        assert_eq!(way_in(&datacenter_only), WayIn::NoPin);
        let with_pin = Config {
            operator_pin_hash: Some("$argon2id$…".into()),
            ..hand_written
        };
        assert_eq!(way_in(&with_pin), WayIn::Pin);
    }

    #[test]
    fn a_hash_weaker_than_the_default_is_refused() {
        let hash = hash_pin("2468").unwrap_or_else(|e| panic!("{e}"));
        assert!(check_stored_hash(&hash).is_ok(), "the hashes set-pin makes");
        let with = |algorithm, m, t| {
            let params = argon2::Params::new(m, t, 1, None).unwrap_or_else(|e| panic!("{e}"));
            Argon2::new(algorithm, argon2::Version::V0x13, params)
                .hash_password(b"2468")
                .map_or_else(|e| panic!("{e}"), |h| h.to_string())
        };
        let default = argon2::Params::default();
        for (weak, what) in [
            (with(argon2::Algorithm::Argon2id, 1024, 2), "less memory"),
            (
                with(argon2::Algorithm::Argon2id, default.m_cost(), 1),
                "fewer iterations",
            ),
            (
                with(argon2::Algorithm::Argon2i, default.m_cost(), 2),
                "not argon2id",
            ),
            ("not a hash".to_owned(), "damaged"),
        ] {
            // It still verifies: only the strength is wrong.
            let error = check_stored_hash(&weak).err().map_or_else(
                || panic!("accepted a hash with {what}: {weak}"),
                |e| e.to_string(),
            );
            assert!(error.contains("survey-kiosk set-pin"), "{error}");
        }
        let stronger = with(argon2::Algorithm::Argon2id, default.m_cost() * 2, 3);
        assert!(check_stored_hash(&stronger).is_ok(), "stronger is fine");
    }

    #[test]
    fn the_lock_is_kept_on_disk_and_still_holds_after_a_restart() {
        let hash = hash_pin("2468").unwrap_or_default();
        let dir = std::env::temp_dir().join(format!("survey-kiosk-lock-{}", uuid::Uuid::new_v4()));
        let path = dir.join(LOCK_FILE);
        assert_eq!(
            PinGate::load(&path, Instant::now(), SystemTime::now()),
            PinGate::default()
        );
        let start = Instant::now();
        let wall = SystemTime::now();
        let mut gate = PinGate::default();
        for _ in 0..MAX_TRIES {
            gate.attempt(&hash, "0000", start);
        }
        save_lock(&path, &gate.state(start, wall)).unwrap_or_else(|e| panic!("{e}"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode =
                |p: &Path| std::fs::metadata(p).map_or(0, |m| m.permissions().mode() & 0o777);
            assert_eq!(mode(&path), 0o600);
            assert_eq!(mode(&dir), 0o700);
        }
        // A new process, ten seconds later: still locked, for what is left.
        let later = Instant::now() + Duration::from_secs(60);
        let mut reloaded = PinGate::load(&path, later, wall + Duration::from_secs(10));
        assert_eq!(
            reloaded.locked_for(later),
            Some(FIRST_LOCK - Duration::from_secs(10))
        );
        assert!(matches!(
            reloaded.attempt(&hash, "2468", later),
            Attempt::Locked { .. }
        ));
        // After the lock, the next five wrong ones lock for longer: the
        // count of locks came through too.
        let after = later + FIRST_LOCK;
        for _ in 0..MAX_TRIES - 1 {
            reloaded.attempt(&hash, "0000", after);
        }
        assert_eq!(
            reloaded.attempt(&hash, "0000", after),
            Attempt::Locked {
                remaining: FIRST_LOCK * 2
            }
        );
        // Wrong tries in a row come through as well.
        let mut gate = PinGate::default();
        gate.attempt(&hash, "0000", start);
        gate.attempt(&hash, "0000", start);
        save_lock(&path, &gate.state(start, wall)).unwrap_or_else(|e| panic!("{e}"));
        let mut reloaded = PinGate::load(&path, start, wall);
        assert_eq!(
            reloaded.attempt(&hash, "0000", start),
            Attempt::Wrong {
                left: MAX_TRIES - 3
            }
        );
        // A clock set back does not lock for longer than the longest lock.
        let far = LockState {
            wrong: 0,
            locks: 3,
            locked_until_unix_ms: Some(unix_ms(wall + Duration::from_secs(86_400))),
        };
        assert_eq!(
            PinGate::from_state(&far, start, wall).locked_for(start),
            Some(LONGEST_LOCK)
        );
        // A damaged file gives no fresh tries.
        std::fs::write(&path, "{ not json").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            PinGate::load(&path, start, wall).locked_for(start),
            Some(FIRST_LOCK)
        );
    }

    #[test]
    fn five_quick_taps_open_the_prompt_slow_ones_do_not() {
        let mut taps = CornerTaps::default();
        let start = Instant::now();
        for i in 0..4 {
            assert!(!taps.tap(start + Duration::from_secs(i)));
        }
        // The first tap is now more than three seconds old.
        assert!(!taps.tap(start + Duration::from_millis(4100)));
        let mut taps = CornerTaps::default();
        for i in 0..4 {
            assert!(!taps.tap(start + Duration::from_millis(i * 400)));
        }
        assert!(taps.tap(start + Duration::from_millis(2000)));
    }
}
