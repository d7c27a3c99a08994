//! `survey-kiosk set-pin`: the operator PIN set from a terminal (also over
//! SSH), for a kiosk whose configuration was written by hand. The PIN is
//! asked twice without echo (from a pipe: two lines), checked as setup
//! checks it, and its Argon2id hash is written into the configuration file
//! as `operator_pin_hash`; the rest of the file stays as it was written.

use std::io::BufRead;
use std::path::{Path, PathBuf};

use crate::config::{Config, ConfigError};

use super::{OperatorError, check_new_pin, hash_pin};

/// The packaged kiosk's home (README "Install on a kiosk"): run as root
/// without `--config`, `set-pin` sets the PIN of the kiosk user's file.
pub const PACKAGED_HOME: &str = "/var/lib/survey-kiosk";

#[derive(Debug, thiserror::Error)]
pub enum SetPinError {
    #[error("this computer has no configuration folder: pass --config FILE")]
    NoConfigFolder,
    #[error("cannot read the PIN: {0}")]
    ReadPin(#[source] std::io::Error),
    #[error(
        "no PIN was given: type it twice (from a pipe: two lines, the PIN and the PIN again); \
         nothing was changed"
    )]
    NoPin,
    #[error("the PIN must be 4 to 12 digits (0-9); nothing was changed")]
    PinDigits,
    #[error("the two PINs differ; nothing was changed")]
    Differ,
    #[error(transparent)]
    Hash(#[from] OperatorError),
    #[error("cannot read the configuration file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "the configuration file {path} is not valid TOML; put it right first (nothing was \
         changed): {source}"
    )]
    Toml {
        path: PathBuf,
        #[source]
        source: toml_edit::TomlError,
    },
    /// The file with the new hash would not load (a mistake already in it).
    #[error("{0}; put it right first (nothing was changed)")]
    Config(#[source] ConfigError),
    #[error("cannot write the configuration file {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Where the PIN comes from: the terminal, or lines given by a test.
pub trait PinSource {
    /// One PIN, asked with `prompt`; `None` when there is no more input.
    fn read_pin(&mut self, prompt: &str) -> std::io::Result<Option<String>>;
}

/// The PIN from the terminal without echo; from standard input, a line at a
/// time, when that is not a terminal (a pipe, a post-install script).
pub struct Terminal;

impl PinSource for Terminal {
    fn read_pin(&mut self, prompt: &str) -> std::io::Result<Option<String>> {
        use std::io::IsTerminal;
        if std::io::stdin().is_terminal() {
            return rpassword::prompt_password(prompt).map(Some);
        }
        let mut line = String::new();
        if std::io::stdin().lock().read_line(&mut line)? == 0 {
            return Ok(None);
        }
        Ok(Some(line))
    }
}

/// The file `set-pin` writes: `--config FILE`; as root with the packaged
/// kiosk installed, the kiosk user's file; else this user's default file.
pub fn target(config: Option<&Path>) -> Result<PathBuf, SetPinError> {
    if let Some(path) = config {
        return Ok(path.to_owned());
    }
    if running_as_root() && Path::new(PACKAGED_HOME).is_dir() {
        return Ok(packaged_config());
    }
    Config::default_path().ok_or(SetPinError::NoConfigFolder)
}

fn packaged_config() -> PathBuf {
    Path::new(PACKAGED_HOME).join(".config/survey-kiosk/config.toml")
}

#[cfg(unix)]
fn running_as_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    // `/proc/self` belongs to the process's effective user.
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

#[cfg(not(unix))]
fn running_as_root() -> bool {
    false
}

/// `text` (a configuration file) with `operator_pin_hash` set to `hash`,
/// everything else (comments, order, tables) as it was.
pub fn with_pin_hash(text: &str, hash: &str) -> Result<String, toml_edit::TomlError> {
    let mut document: toml_edit::DocumentMut = text.parse()?;
    document["operator_pin_hash"] = toml_edit::value(hash);
    Ok(document.to_string())
}

/// Asks for the PIN twice, checks it, and writes its hash into `path`
/// (created owner-only when missing, 0600 in any case).
pub fn run(path: &Path, source: &mut dyn PinSource) -> Result<(), SetPinError> {
    let mut ask = |prompt: &str| -> Result<String, SetPinError> {
        let pin = source
            .read_pin(prompt)
            .map_err(SetPinError::ReadPin)?
            .ok_or(SetPinError::NoPin)?;
        Ok(pin.trim_end_matches(['\r', '\n']).to_owned())
    };
    let pin = ask("New operator PIN (4 to 12 digits): ")?;
    check_new_pin(&pin).map_err(|_| SetPinError::PinDigits)?;
    let again = ask("The same PIN again: ")?;
    if pin != again {
        return Err(SetPinError::Differ);
    }
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(source) => {
            return Err(SetPinError::Read {
                path: path.to_owned(),
                source,
            });
        }
    };
    let hash = hash_pin(&pin)?;
    let text = with_pin_hash(&text, &hash).map_err(|source| SetPinError::Toml {
        path: path.to_owned(),
        source,
    })?;
    Config::parse(&text).map_err(|source| {
        SetPinError::Config(ConfigError::Invalid {
            path: path.to_owned(),
            source,
        })
    })?;
    crate::config::write_private(path, text.as_bytes()).map_err(|source| SetPinError::Write {
        path: path.to_owned(),
        source,
    })?;
    give_to_the_kiosk_user(path);
    eprintln!(
        "The operator PIN is set in {}. A running kiosk uses it from its next reset.",
        path.display()
    );
    Ok(())
}

/// Run as root on the packaged kiosk's file: the file and the folders
/// root just made belong to the kiosk user (the owner of its home), who
/// must read them.
#[cfg(unix)]
fn give_to_the_kiosk_user(path: &Path) {
    use std::os::unix::fs::MetadataExt;
    let home = Path::new(PACKAGED_HOME);
    if !running_as_root() || !path.starts_with(home) {
        return;
    }
    let Ok(owner) = std::fs::metadata(home) else {
        return;
    };
    if owner.uid() == 0 {
        return;
    }
    let mut at = Some(path);
    while let Some(item) = at.filter(|p| *p != home) {
        if std::fs::metadata(item).is_ok_and(|m| m.uid() == 0)
            && let Err(error) = std::os::unix::fs::chown(item, Some(owner.uid()), Some(owner.gid()))
        {
            eprintln!(
                "survey-kiosk: cannot give {} to the kiosk user: {error}",
                item.display()
            );
        }
        at = item.parent();
    }
}

#[cfg(not(unix))]
fn give_to_the_kiosk_user(_path: &Path) {}

#[cfg(test)]
mod tests {
    use super::*;

    struct Lines(Vec<&'static str>);

    impl PinSource for Lines {
        fn read_pin(&mut self, _prompt: &str) -> std::io::Result<Option<String>> {
            Ok((!self.0.is_empty()).then(|| self.0.remove(0).to_owned()))
        }
    }

    fn temp_file() -> PathBuf {
        std::env::temp_dir()
            .join(format!("survey-kiosk-set-pin-{}", uuid::Uuid::new_v4()))
            .join("config.toml")
    }

    #[test]
    fn the_hash_goes_in_and_the_rest_of_the_file_stays() {
        let text = "# the lobby kiosk\nsurvey_id = 12345678 # ours\n\n[open_hours]\nmon = \"08:00-21:00\"\n";
        let written = with_pin_hash(text, "$argon2id$x").unwrap_or_else(|e| panic!("{e}"));
        assert!(written.contains("# the lobby kiosk"), "{written}");
        assert!(written.contains("survey_id = 12345678 # ours"), "{written}");
        assert!(written.contains("mon = \"08:00-21:00\""), "{written}");
        let config = Config::parse(&written).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(config.operator_pin_hash.as_deref(), Some("$argon2id$x"));
        assert!(config.open_hours.is_some());
        // Set again: replaced, not repeated.
        let again = with_pin_hash(&written, "$argon2id$y").unwrap_or_default();
        assert_eq!(again.matches("operator_pin_hash").count(), 1, "{again}");
    }

    #[test]
    fn a_pin_typed_twice_is_written_hashed_and_owner_only() {
        let path = temp_file();
        run(&path, &mut Lines(vec!["2468\n", "2468\n"])).unwrap_or_else(|e| panic!("{e}"));
        let config = Config::load(&path, true).unwrap_or_else(|e| panic!("{e}"));
        let hash = config.operator_pin_hash.unwrap_or_default();
        assert!(super::super::verify_pin(&hash, "2468"));
        super::super::check_stored_hash(&hash).unwrap_or_else(|e| panic!("{e}"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode =
                |p: &Path| std::fs::metadata(p).map_or(0, |m| m.permissions().mode() & 0o777);
            assert_eq!(mode(&path), 0o600);
            assert_eq!(mode(path.parent().unwrap_or(&path)), 0o700);
        }
    }

    #[test]
    fn a_short_a_lettered_or_a_differing_pin_changes_nothing() {
        let path = temp_file();
        for lines in [
            vec!["123\n", "123\n"],
            vec!["12a4\n", "12a4\n"],
            vec!["2468\n", "2469\n"],
            vec!["2468\n"],
        ] {
            assert!(run(&path, &mut Lines(lines)).is_err());
        }
        assert!(!path.exists());
    }
}
