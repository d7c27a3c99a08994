//! The local journal: every page body is written here before it is sent,
//! and marked when the server accepts it, so no answer is lost to a network
//! fault, a server error or a crash.
//!
//! One SQLite file in the OS data directory. A respondent row holds the
//! session's metadata (times, final state, the latest token while the
//! session is open); a page row holds one submitted body and what became of
//! it. Once the server accepts a page its body is removed (answers are
//! personal data) unless the operator chose to keep answers; a hash of the
//! body stays so the record can still be matched against the server's.

mod export;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

use crate::survey::FormBody;

pub use export::{ExportFormat, export, export_respondents};

/// What the journal file is called inside the data directory.
pub const FILE_NAME: &str = "journal.sqlite3";

#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    #[error("cannot create the data directory {path}: {source}")]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot open the journal {path}: {source}")]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("the journal could not be written: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("could not write the export: {0}")]
    Export(String),
}

impl JournalError {
    /// Plain words for the operator, e.g. on the attract screen's footer.
    pub fn for_operator(&self) -> String {
        let full = match self {
            JournalError::Sqlite(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::DiskFull =>
            {
                "the disk is full".to_owned()
            }
            JournalError::Sqlite(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::ReadOnly =>
            {
                "the data directory is read-only".to_owned()
            }
            other => other.to_string(),
        };
        format!("This kiosk cannot keep a local copy of answers ({full}).")
    }
}

/// The state of one page row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageState {
    /// Written, being sent (or the process died while sending).
    Pending,
    /// The server took it.
    Accepted,
    /// The server answered `validation_errors`; the respondent corrected it
    /// on screen and sent another row.
    Rejected,
    /// Sent, but the connection dropped and the retry's token was stale: the
    /// server most likely has it. Never counted as lost nor as accepted.
    Unknown,
    /// Could not be sent; the body is kept for the operator.
    Kept,
}

impl PageState {
    pub fn as_str(self) -> &'static str {
        match self {
            PageState::Pending => "pending",
            PageState::Accepted => "accepted",
            PageState::Rejected => "rejected",
            PageState::Unknown => "unknown",
            PageState::Kept => "kept",
        }
    }
}

/// How a respondent's record ends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RespondentEnd {
    /// A final status of the API (`survey_complete`, `terminated`, …).
    Final(String),
    TimedOut,
    Abandoned,
    Failed(String),
    /// The first page never came (the API could not be reached).
    StartFailed(String),
    /// The process stopped (crash, power) in the middle of the session.
    Interrupted,
}

impl RespondentEnd {
    fn state(&self) -> &str {
        match self {
            RespondentEnd::Final(status) => status,
            RespondentEnd::TimedOut => "timed_out",
            RespondentEnd::Abandoned => "abandoned",
            RespondentEnd::Failed(_) => "failed",
            RespondentEnd::StartFailed(_) => "start_failed",
            RespondentEnd::Interrupted => "interrupted",
        }
    }

    fn detail(&self) -> Option<&str> {
        match self {
            RespondentEnd::Failed(why) | RespondentEnd::StartFailed(why) => Some(why),
            _ => None,
        }
    }
}

/// A page that was written but never confirmed, from a session that did not
/// finish (found at start-up).
#[derive(Clone, Debug)]
pub struct Unfinished {
    pub respondent: i64,
    pub survey_id: u64,
    pub token: Option<String>,
    pub pending: Vec<(i64, FormBody)>,
}

/// Counts for `journal status` and the operator.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    /// Respondents by state (`in_progress`, `survey_complete`, `timed_out`, …).
    pub respondents: Vec<(String, u64)>,
    /// Pages by state (`pending`, `accepted`, `unknown`, `kept`, …).
    pub pages: Vec<(String, u64)>,
    /// Of those, rehearsal (walk) respondents.
    pub rehearsal_respondents: u64,
}

impl Counts {
    pub fn respondents_in(&self, state: &str) -> u64 {
        lookup(&self.respondents, state)
    }

    pub fn pages_in(&self, state: &str) -> u64 {
        lookup(&self.pages, state)
    }
}

fn lookup(list: &[(String, u64)], key: &str) -> u64 {
    list.iter()
        .find(|(k, _)| k == key)
        .map(|(_, n)| *n)
        .unwrap_or(0)
}

/// A hash of a body's canonical JSON, kept after the body itself is removed.
pub fn body_hash(body: &FormBody) -> String {
    let mut pairs: Vec<(&String, String)> =
        body.0.iter().map(|(k, v)| (k, v.to_string())).collect();
    pairs.sort();
    let mut hasher = Sha256::new();
    for (key, value) in pairs {
        hasher.update(key.as_bytes());
        hasher.update([0]);
        hasher.update(value.as_bytes());
        hasher.update([0]);
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The journal. Not `Sync`: the worker keeps it behind a mutex.
pub struct Journal {
    conn: Connection,
    path: PathBuf,
    keep_answers: bool,
    /// This process, so start-up recovery leaves a live process's rows alone.
    run_id: String,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS respondents (
    id INTEGER PRIMARY KEY,
    run_id TEXT NOT NULL,
    pid INTEGER NOT NULL,
    survey_id INTEGER NOT NULL,
    rehearsal INTEGER NOT NULL,
    started_at TEXT NOT NULL,
    ended_at TEXT,
    state TEXT NOT NULL,
    detail TEXT,
    token TEXT,
    pages INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS pages (
    id INTEGER PRIMARY KEY,
    respondent INTEGER NOT NULL REFERENCES respondents(id),
    seq INTEGER NOT NULL,
    state TEXT NOT NULL,
    written_at TEXT NOT NULL,
    settled_at TEXT,
    seconds_on_page REAL,
    attempts INTEGER NOT NULL DEFAULT 0,
    fields INTEGER NOT NULL,
    body_sha256 TEXT NOT NULL,
    body TEXT
);
CREATE INDEX IF NOT EXISTS pages_by_respondent ON pages(respondent);
CREATE INDEX IF NOT EXISTS respondents_by_state ON respondents(state);
";

fn now_text() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

impl Journal {
    /// Where the journal lives by default, e.g.
    /// `~/.local/share/survey-kiosk/journal.sqlite3` on Linux.
    pub fn default_path() -> Option<PathBuf> {
        crate::config::data_dir().map(|dir| dir.join(FILE_NAME))
    }

    /// Opens (creating if needed) the journal at `path`.
    pub fn open(path: &Path, keep_answers: bool) -> Result<Journal, JournalError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| JournalError::CreateDir {
                path: dir.to_owned(),
                source,
            })?;
        }
        let open = |path: &Path| -> rusqlite::Result<Connection> {
            let conn = Connection::open(path)?;
            conn.busy_timeout(Duration::from_secs(5))?;
            // WAL: readers (journal status) never block the kiosk. FULL: a
            // written page survives a power cut, not only a crash.
            conn.pragma_update(None, "journal_mode", "WAL")?;
            conn.pragma_update(None, "synchronous", "FULL")?;
            conn.execute_batch(SCHEMA)?;
            Ok(conn)
        };
        let conn = open(path).map_err(|source| JournalError::Open {
            path: path.to_owned(),
            source,
        })?;
        Ok(Journal {
            conn,
            path: path.to_owned(),
            keep_answers,
            run_id: uuid::Uuid::new_v4().to_string(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Caps the database's size (tests use it to simulate a full disk).
    pub fn limit_pages(&self, pages: u32) -> Result<(), JournalError> {
        self.conn
            .pragma_update(None, "max_page_count", pages.max(1))?;
        Ok(())
    }

    /// A new respondent record; returns its id.
    pub fn begin_respondent(&self, survey_id: u64, rehearsal: bool) -> Result<i64, JournalError> {
        self.conn.execute(
            "INSERT INTO respondents (run_id, pid, survey_id, rehearsal, started_at, state)
             VALUES (?1, ?2, ?3, ?4, ?5, 'in_progress')",
            params![
                self.run_id,
                std::process::id(),
                survey_id as i64,
                rehearsal,
                now_text()
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Remembers the session's latest token while the session is open (a
    /// page interrupted by a crash is retried with it).
    pub fn set_token(&self, respondent: i64, token: Option<&str>) -> Result<(), JournalError> {
        self.conn.execute(
            "UPDATE respondents SET token = ?2 WHERE id = ?1 AND state = 'in_progress'",
            params![respondent, token],
        )?;
        Ok(())
    }

    /// Writes a page body before it is sent; returns the page's id.
    pub fn write_page(
        &self,
        respondent: i64,
        body: &FormBody,
        seconds_on_page: f64,
    ) -> Result<i64, JournalError> {
        let text = serde_json::to_string(body)
            .map_err(|e| JournalError::Export(format!("body does not serialise: {e}")))?;
        let tx = self.conn.unchecked_transaction()?;
        let seq: i64 = tx.query_row(
            "SELECT COUNT(*) FROM pages WHERE respondent = ?1",
            [respondent],
            |row| row.get(0),
        )?;
        tx.execute(
            "INSERT INTO pages (respondent, seq, state, written_at, seconds_on_page, attempts,
                                fields, body_sha256, body)
             VALUES (?1, ?2, 'pending', ?3, ?4, 1, ?5, ?6, ?7)",
            params![
                respondent,
                seq + 1,
                now_text(),
                seconds_on_page,
                body.len() as i64,
                body_hash(body),
                text
            ],
        )?;
        let id = tx.last_insert_rowid();
        tx.execute(
            "UPDATE respondents SET pages = pages + 1 WHERE id = ?1",
            [respondent],
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// Counts one more attempt at sending a page.
    pub fn retrying(&self, page: i64) -> Result<(), JournalError> {
        self.conn.execute(
            "UPDATE pages SET attempts = attempts + 1 WHERE id = ?1",
            [page],
        )?;
        Ok(())
    }

    /// Records what became of a page. An accepted page loses its body unless
    /// the operator keeps answers.
    pub fn settle_page(&self, page: i64, state: PageState) -> Result<(), JournalError> {
        let scrub = state == PageState::Accepted && !self.keep_answers;
        self.conn.execute(
            "UPDATE pages SET state = ?2, settled_at = ?3,
                    body = CASE WHEN ?4 THEN NULL ELSE body END
             WHERE id = ?1",
            params![page, state.as_str(), now_text(), scrub],
        )?;
        Ok(())
    }

    /// Closes a respondent's record: its end, and its token forgotten. Pages
    /// still pending are kept for the operator.
    pub fn end_respondent(&self, respondent: i64, end: &RespondentEnd) -> Result<(), JournalError> {
        let tx = self.conn.unchecked_transaction()?;
        tx.execute(
            "UPDATE respondents SET state = ?2, detail = ?3, ended_at = ?4, token = NULL
             WHERE id = ?1",
            params![respondent, end.state(), end.detail(), now_text()],
        )?;
        tx.execute(
            "UPDATE pages SET state = 'kept', settled_at = ?2
             WHERE respondent = ?1 AND state = 'pending'",
            params![respondent, now_text()],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Forgets a record that only checked whether the API answers.
    pub fn forget_probe(&self, respondent: i64) -> Result<(), JournalError> {
        self.conn.execute(
            "DELETE FROM respondents WHERE id = ?1 AND pages = 0",
            [respondent],
        )?;
        Ok(())
    }

    /// Sessions left open by a process that is no longer running.
    pub fn unfinished(&self) -> Result<Vec<Unfinished>, JournalError> {
        let mut statement = self.conn.prepare(
            "SELECT id, survey_id, token, run_id, pid FROM respondents
             WHERE state = 'in_progress' ORDER BY id",
        )?;
        let rows = statement
            .query_map([], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, i64>(1)?,
                    row.get::<_, Option<String>>(2)?,
                    row.get::<_, String>(3)?,
                    row.get::<_, i64>(4)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut found = Vec::new();
        for (respondent, survey_id, token, run_id, pid) in rows {
            if run_id == self.run_id || process_alive(pid) {
                continue;
            }
            let mut pages = self.conn.prepare(
                "SELECT id, body FROM pages WHERE respondent = ?1 AND state = 'pending'
                 ORDER BY seq",
            )?;
            let pending = pages
                .query_map([respondent], |row| {
                    Ok((row.get::<_, i64>(0)?, row.get::<_, Option<String>>(1)?))
                })?
                .collect::<Result<Vec<_>, _>>()?
                .into_iter()
                .filter_map(|(id, body)| {
                    let body = serde_json::from_str::<FormBody>(body.as_deref()?).ok()?;
                    Some((id, body))
                })
                .collect();
            found.push(Unfinished {
                respondent,
                survey_id: survey_id as u64,
                token,
                pending,
            });
        }
        Ok(found)
    }

    /// Counts by state.
    pub fn counts(&self) -> Result<Counts, JournalError> {
        let group = |sql: &str| -> Result<Vec<(String, u64)>, JournalError> {
            let mut statement = self.conn.prepare(sql)?;
            let rows = statement
                .query_map([], |row| {
                    Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)? as u64))
                })?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(rows)
        };
        Ok(Counts {
            respondents: group(
                "SELECT state, COUNT(*) FROM respondents GROUP BY state ORDER BY state",
            )?,
            pages: group("SELECT state, COUNT(*) FROM pages GROUP BY state ORDER BY state")?,
            rehearsal_respondents: self.conn.query_row(
                "SELECT COUNT(*) FROM respondents WHERE rehearsal",
                [],
                |row| row.get::<_, i64>(0),
            )? as u64,
        })
    }

    /// Respondents by state and rehearsal flag, started at or after `since`.
    pub fn respondent_states_since(
        &self,
        since: chrono::DateTime<chrono::Utc>,
    ) -> Result<Vec<(String, bool, u64)>, JournalError> {
        let since = since.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
        let mut statement = self.conn.prepare(
            "SELECT state, rehearsal, COUNT(*) FROM respondents WHERE started_at >= ?1
             GROUP BY state, rehearsal",
        )?;
        let rows = statement
            .query_map([since], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get::<_, i64>(2)? as u64))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// This process's identity in the journal.
    pub fn run_id(&self) -> &str {
        &self.run_id
    }

    /// Hashes of the pages accepted by one run (walk checks them against the
    /// demo server's record).
    pub fn accepted_hashes_of_run(&self, run_id: &str) -> Result<Vec<String>, JournalError> {
        let mut statement = self.conn.prepare(
            "SELECT p.body_sha256 FROM pages p JOIN respondents r ON p.respondent = r.id
             WHERE r.run_id = ?1 AND p.state = 'accepted' ORDER BY p.id",
        )?;
        let rows = statement
            .query_map([run_id], |row| row.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// Every page's body hash and state, oldest first (tests and tools).
    pub fn page_hashes(&self) -> Result<Vec<(String, String)>, JournalError> {
        let mut statement = self
            .conn
            .prepare("SELECT body_sha256, state FROM pages ORDER BY id")?;
        let rows = statement
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// The state of one page (tests and tools).
    pub fn page_state(&self, page: i64) -> Result<Option<String>, JournalError> {
        Ok(self
            .conn
            .query_row("SELECT state FROM pages WHERE id = ?1", [page], |row| {
                row.get(0)
            })
            .optional()?)
    }

    fn connection(&self) -> &Connection {
        &self.conn
    }
}

/// Whether the process that wrote a row is still running. Only Linux can
/// tell cheaply; elsewhere every earlier process is taken as gone (one kiosk
/// per data directory).
fn process_alive(pid: i64) -> bool {
    if pid == i64::from(std::process::id()) {
        // Ours now, so the row's writer (another run) is gone.
        return false;
    }
    cfg!(target_os = "linux") && Path::new(&format!("/proc/{pid}")).exists()
}
