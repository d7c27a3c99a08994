//! The journal's key: 32 random bytes (no key derivation, so opening costs
//! nothing), found in this order:
//!
//! 1. the systemd credential `journal-key` (`$CREDENTIALS_DIRECTORY`), which
//!    the packaged unit decrypts from `/etc/survey-kiosk/journal-key.cred`
//!    (bound to the TPM: a pulled disk does not carry it);
//! 2. a key file `journal-key` next to the journal (owner-only), created with
//!    a new journal when there is no credential. It protects a journal
//!    file copied on its own, not a stolen disk.
//!
//! The OS keyring is not used (README "Encryption at rest" says why).
//!
//! The journal keeps a check value sealed with its key and the key's id (a
//! fingerprint), so a journal opened with another key, or with none, says
//! so in plain words instead of reading as damaged.

use std::path::{Path, PathBuf};
use std::sync::Once;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use rand::TryRngCore as _;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::seal::{Sealer, seal_plaintext};
use super::{Journal, JournalError, now_text};

/// The key file's name, in the journal's folder.
pub const KEY_FILE: &str = "journal-key";
/// The systemd credential's name (`LoadCredentialEncrypted=journal-key:…`).
pub const CREDENTIAL: &str = "journal-key";
/// What the unit's `SetCredential=journal-key:none` passes when the
/// encrypted credential file does not exist: no credential, use the key file.
const NO_CREDENTIAL: &[u8] = b"none";

const CHECK_COLUMN: &str = "key_check.check_value";
const CHECK_TEXT: &str = "survey-kiosk journal key check";

const KEY_SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS key_check (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    key_id TEXT NOT NULL,
    check_value TEXT NOT NULL,
    source TEXT NOT NULL,
    sealed_at TEXT NOT NULL
);
";

/// Why the journal's key cannot be had, or a value cannot be opened.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error(
        "the journal at {journal} was encrypted with a key this kiosk no longer has \
         ({sealed_with}; no key at {looked}); its answers cannot be read: restore the key, \
         or move the journal aside to start a new one"
    )]
    Missing {
        journal: PathBuf,
        /// Which key sealed it and where that key was, e.g. "key 0dc726b5,
        /// from journal-key in /var/lib/…".
        sealed_with: String,
        looked: String,
    },
    #[error(
        "the journal at {journal} was encrypted with a key this kiosk no longer has \
         ({sealed_with}; {looked} holds another key); its answers cannot be read: restore \
         the key, or move the journal aside to start a new one"
    )]
    Mismatch {
        journal: PathBuf,
        sealed_with: String,
        looked: String,
    },
    #[error("cannot read the journal key {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot create the journal key {path}: {source}")]
    Create {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is not a journal key (32 bytes, or their base64 on one line)")]
    Invalid { path: PathBuf },
    #[error("a value in {column} cannot be decrypted (damaged, or sealed with another key)")]
    Damaged { column: String },
}

impl Journal {
    /// Opens the journal at `path` with `key` (tests and benchmarks):
    /// neither the credential nor a key file is looked at.
    pub fn open_with_key(
        path: &Path,
        keep_answers: bool,
        key: &[u8; 32],
    ) -> Result<Journal, JournalError> {
        Journal::open_keyed(path, keep_answers, Some(key))
    }
}

/// A key and where it came from (in words, for the operator).
struct FoundKey {
    key: [u8; 32],
    source: String,
    file: bool,
}

/// The journal's cipher: with `given`, that key; otherwise the credential
/// or the key file next to `journal` (created with a new journal). A journal
/// with plain values from an older version has them sealed here, once.
pub(super) fn unlock(
    conn: &Connection,
    journal: &Path,
    given: Option<&[u8; 32]>,
) -> Result<Sealer, JournalError> {
    let dir = journal
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    conn.execute_batch(KEY_SCHEMA)?;
    let find = || -> Result<Vec<FoundKey>, KeyError> {
        Ok(match given {
            Some(key) => vec![FoundKey {
                key: *key,
                source: "a key given by the caller".to_owned(),
                file: false,
            }],
            None => [credential()?, key_file(dir)?]
                .into_iter()
                .flatten()
                .collect(),
        })
    };
    if let Some(check) = read_check(conn)? {
        return open_with(find()?, &check, journal, dir, given.is_some());
    }
    // A journal not sealed yet (new, or from an older version). The write
    // lock makes a second process opening it now wait, then find the row.
    let tx = rusqlite::Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    if let Some(check) = read_check(&tx)? {
        // Sealed meanwhile by another process, with the key it found or made.
        drop(tx);
        return open_with(find()?, &check, journal, dir, given.is_some());
    }
    let chosen = match find()?.into_iter().next() {
        Some(found) => found,
        None => create_key_file(dir)?,
    };
    let sealer = Sealer::new(&chosen.key).with_source(chosen.source.clone());
    tx.execute(
        "INSERT INTO key_check (id, key_id, check_value, source, sealed_at)
         VALUES (1, ?1, ?2, ?3, ?4)",
        params![
            sealer.id(),
            sealer.seal(CHECK_COLUMN, CHECK_TEXT)?,
            chosen.source,
            now_text()
        ],
    )?;
    let sealed = seal_plaintext(&tx, &sealer)?;
    let older: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM respondents)", [], |row| {
        row.get(0)
    })?;
    tx.commit()?;
    if older {
        // A journal an older version wrote. The plain values are overwritten
        // in the database file (`secure_delete`); the log's old frames go
        // with a checkpoint, and any free space an older version left
        // unscrubbed with a VACUUM. Once: the journal is sealed from now on.
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        conn.execute_batch("VACUUM")?;
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        tracing::info!(
            values = sealed,
            journal = %journal.display(),
            "the journal's answers, tokens and cookies written by an older version are now encrypted"
        );
    }
    announce(&chosen);
    Ok(sealer)
}

struct Check {
    key_id: String,
    value: String,
    source: String,
}

impl Check {
    fn sealed_with(&self) -> String {
        format!("key {}, from {}", self.key_id, self.source)
    }
}

fn read_check(conn: &Connection) -> rusqlite::Result<Option<Check>> {
    conn.query_row(
        "SELECT key_id, check_value, source FROM key_check WHERE id = 1",
        [],
        |row| {
            Ok(Check {
                key_id: row.get(0)?,
                value: row.get(1)?,
                source: row.get(2)?,
            })
        },
    )
    .optional()
}

/// The one of `found` that sealed the journal's check value.
fn open_with(
    found: Vec<FoundKey>,
    check: &Check,
    journal: &Path,
    dir: &Path,
    given: bool,
) -> Result<Sealer, JournalError> {
    let looked = if given {
        "the key given".to_owned()
    } else {
        places(dir)
    };
    if found.is_empty() {
        return Err(KeyError::Missing {
            journal: journal.to_owned(),
            sealed_with: check.sealed_with(),
            looked,
        }
        .into());
    }
    let credential_present = found.iter().any(|f| !f.file);
    for candidate in found {
        let sealer = Sealer::new(&candidate.key).with_source(candidate.source.clone());
        if sealer
            .unseal(CHECK_COLUMN, &check.value)
            .is_ok_and(|text| text == CHECK_TEXT)
        {
            if candidate.file && credential_present {
                tracing::warn!(
                    journal = %journal.display(),
                    "the journal is encrypted with its key file, not the systemd credential: \
                     the credential protects only a new journal (move this one aside after \
                     its pages are sent)"
                );
            }
            announce(&candidate);
            return Ok(sealer);
        }
    }
    Err(KeyError::Mismatch {
        journal: journal.to_owned(),
        sealed_with: check.sealed_with(),
        looked,
    }
    .into())
}

/// Where the key is looked for, in words.
fn places(dir: &Path) -> String {
    let file = dir.join(KEY_FILE);
    match credentials_dir() {
        Some(creds) => format!(
            "the systemd credential {} or {}",
            creds.join(CREDENTIAL).display(),
            file.display()
        ),
        None => file.display().to_string(),
    }
}

/// Once per process: what a key file protects, and what not.
fn announce(key: &FoundKey) {
    static ONCE: Once = Once::new();
    if key.file {
        ONCE.call_once(|| {
            tracing::info!(
                key = %key.source,
                "the journal is encrypted with a key file next to it: this protects a copied \
                 journal, not a stolen disk (README \"Encryption at rest\")"
            );
        });
    }
}

fn credentials_dir() -> Option<PathBuf> {
    std::env::var_os("CREDENTIALS_DIRECTORY")
        .filter(|dir| !dir.is_empty())
        .map(PathBuf::from)
}

/// The systemd credential, if the unit passes one.
fn credential() -> Result<Option<FoundKey>, KeyError> {
    let Some(dir) = credentials_dir() else {
        return Ok(None);
    };
    let path = dir.join(CREDENTIAL);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => return Err(KeyError::Read { path, source }),
    };
    if bytes.trim_ascii().is_empty() || bytes.trim_ascii() == NO_CREDENTIAL {
        tracing::debug!("no journal-key credential (the unit's default): using the key file");
        return Ok(None);
    }
    let key = parse_key(&bytes).ok_or(KeyError::Invalid { path })?;
    Ok(Some(FoundKey {
        key,
        source: format!("the systemd credential {CREDENTIAL}"),
        file: false,
    }))
}

/// The key file next to the journal, if there is one.
fn key_file(dir: &Path) -> Result<Option<FoundKey>, KeyError> {
    let path = dir.join(KEY_FILE);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => return Err(KeyError::Read { path, source }),
    };
    let key = parse_key(&bytes).ok_or(KeyError::Invalid { path: path.clone() })?;
    Ok(Some(FoundKey {
        key,
        source: format!("{KEY_FILE} in {}", dir.display()),
        file: true,
    }))
}

/// A new random key in a new key file (owner-only), never replacing one:
/// written beside it, synced, then linked into place.
fn create_key_file(dir: &Path) -> Result<FoundKey, KeyError> {
    use std::io::Write as _;
    let path = dir.join(KEY_FILE);
    let create = |source| KeyError::Create {
        path: path.clone(),
        source,
    };
    let mut key = [0u8; 32];
    rand::rngs::OsRng
        .try_fill_bytes(&mut key)
        .map_err(|e| create(std::io::Error::other(e)))?;
    let temporary = dir.join(format!("{KEY_FILE}.{}.new", std::process::id()));
    let written = (|| {
        let mut file = crate::config::create_private_file(&temporary)?;
        file.write_all(format!("{}\n", BASE64.encode(key)).as_bytes())?;
        file.sync_all()?;
        std::fs::hard_link(&temporary, &path)
    })();
    // The temporary name goes whatever happened (the key is at `path`).
    let _ = std::fs::remove_file(&temporary);
    match written {
        Ok(()) => {}
        // Another process made one meanwhile: that one is the key.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return key_file(dir)?.ok_or_else(|| create(e));
        }
        Err(e) => return Err(create(e)),
    }
    tracing::info!(key = %path.display(), "created the journal's key file");
    Ok(FoundKey {
        key,
        source: format!("{KEY_FILE} in {}", dir.display()),
        file: true,
    })
}

/// 32 raw bytes, or their base64 on one line.
fn parse_key(bytes: &[u8]) -> Option<[u8; 32]> {
    if let Ok(raw) = <[u8; 32]>::try_from(bytes) {
        return Some(raw);
    }
    BASE64
        .decode(bytes.trim_ascii())
        .ok()
        .and_then(|decoded| <[u8; 32]>::try_from(decoded.as_slice()).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_32_bytes_raw_or_in_base64() {
        assert_eq!(parse_key(&[5; 32]), Some([5; 32]));
        let text = format!("{}\n", BASE64.encode([6u8; 32]));
        assert_eq!(parse_key(text.as_bytes()), Some([6; 32]));
        assert_eq!(parse_key(b"none"), None);
        assert_eq!(parse_key(&[5; 31]), None);
        assert_eq!(parse_key(BASE64.encode([6u8; 16]).as_bytes()), None);
    }
}
