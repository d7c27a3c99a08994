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

mod capture;
mod export;
mod key;
mod map;
mod process;
mod queries;
mod rows;
mod schema;
mod seal;
mod states;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, params};

use crate::survey::FormBody;

pub use capture::{CAPTURED, CaptureSummary, Captured, CapturedPage, ReplayEnd, SUPERSEDED};
pub use export::{ExportFormat, export, export_respondents};
pub use key::{CREDENTIAL as KEY_CREDENTIAL, KEY_FILE, KeyError};
pub use map::{Coverage, MapNext, MapOf, StepTo};
use rows::{NewPage, insert_page};
use schema::{SCHEMA, create_owner_only, migrate, owner_only};
pub use states::{
    Counts, PageState, RespondentEnd, SessionState, Waiting, WaitingSummary, body_hash,
    page_verdict,
};

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
    #[error("cannot keep {path} readable by its owner only: {source}")]
    Private {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the journal could not be written: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("could not write the export: {0}")]
    Export(#[from] csv::Error),
    #[error("could not write the export: {0}")]
    ExportIo(#[from] std::io::Error),
    #[error("a page body does not serialise as JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// The key is gone or another, or a value cannot be decrypted.
    #[error(transparent)]
    Key(#[from] KeyError),
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

/// The journal. Not `Sync`: the worker keeps it behind a mutex.
pub struct Journal {
    conn: Connection,
    path: PathBuf,
    keep_answers: bool,
    /// This process, so start-up recovery leaves a live process's rows alone.
    run_id: String,
    /// Seals and opens answers, tokens and cookies ([`Journal::seal`]).
    sealer: seal::Sealer,
}

pub(crate) fn now_text() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

impl Journal {
    /// Where the journal lives by default, e.g.
    /// `~/.local/share/survey-kiosk/journal.sqlite3` on Linux.
    pub fn default_path() -> Option<PathBuf> {
        crate::config::data_dir().map(|dir| dir.join(FILE_NAME))
    }

    /// Opens (creating if needed) the journal at `path`, with its key from
    /// the systemd credential or the key file next to it (created with a
    /// new journal; README "Encryption at rest").
    pub fn open(path: &Path, keep_answers: bool) -> Result<Journal, JournalError> {
        Journal::open_keyed(path, keep_answers, None)
    }

    fn open_keyed(
        path: &Path,
        keep_answers: bool,
        key: Option<&[u8; 32]>,
    ) -> Result<Journal, JournalError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            // A folder the journal creates is its owner's only (0700); one
            // that exists (a shared SURVEY_KIOSK_DATA_DIR) keeps its mode.
            crate::config::create_private_dir(dir).map_err(|source| JournalError::CreateDir {
                path: dir.to_owned(),
                source,
            })?;
        }
        create_owner_only(path).map_err(|source| JournalError::Private {
            path: path.to_owned(),
            source,
        })?;
        let open = |path: &Path| -> rusqlite::Result<Connection> {
            let conn = Connection::open(path)?;
            conn.busy_timeout(Duration::from_secs(5))?;
            // WAL: readers (journal status) never block the kiosk. FULL: a
            // written page survives a power cut, not only a crash.
            conn.pragma_update(None, "journal_mode", "WAL")?;
            conn.pragma_update(None, "synchronous", "FULL")?;
            // A removed body is overwritten, not left readable in the file's
            // free pages (BENCHMARKS.md says what it costs).
            conn.pragma_update(None, "secure_delete", "ON")?;
            conn.execute_batch(SCHEMA)?;
            migrate(&conn)?;
            Ok(conn)
        };
        owner_only(path).map_err(|source| JournalError::Private {
            path: path.to_owned(),
            source,
        })?;
        let conn = open(path).map_err(|source| JournalError::Open {
            path: path.to_owned(),
            source,
        })?;
        let sealer = key::unlock(&conn, path, key)?;
        Ok(Journal {
            conn,
            path: path.to_owned(),
            keep_answers,
            run_id: process::new_run_id(),
            sealer,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Turns SQLite's `secure_delete` off or on again (on by default: a
    /// removed body is overwritten). Only for measuring what it costs
    /// (`cargo bench --bench journal`).
    pub fn set_secure_delete(&self, on: bool) -> Result<(), JournalError> {
        self.conn
            .pragma_update(None, "secure_delete", if on { "ON" } else { "OFF" })?;
        Ok(())
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

    /// Writes a page body before it is sent, with what is needed to send it
    /// again as the live session would (`page_key`, the latest token and the
    /// cookies); returns the page's id.
    pub fn write_page(
        &self,
        respondent: i64,
        body: &FormBody,
        seconds_on_page: f64,
        session: &SessionState<'_>,
    ) -> Result<i64, JournalError> {
        let text = self.seal("pages.body", &serde_json::to_string(body)?)?;
        let (token, cookies) = self.seal_session(session)?;
        let tx = self.conn.unchecked_transaction()?;
        let id = insert_page(
            &tx,
            &NewPage {
                respondent,
                state: "pending",
                sent: true,
                seconds_on_page,
                body,
                sealed_body: &text,
                page_key: session.page_key,
                token: token.as_deref(),
                cookies: cookies.as_deref(),
                page_hash: None,
                depth: None,
            },
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// Counts one more attempt at sending a page, written before it is
    /// sent: if the process dies now, the attempt may have reached the
    /// server.
    pub fn retrying(&self, page: i64) -> Result<(), JournalError> {
        self.conn.execute(
            "UPDATE pages SET attempts = attempts + 1, last_try_at = ?2, maybe_sent = 1
             WHERE id = ?1",
            params![page, now_text()],
        )?;
        Ok(())
    }

    /// After an attempt that did not settle the page: the session's latest
    /// token and cookies (the next attempt must use them), whether any
    /// attempt so far may have reached the server, and, if it failed, why.
    pub fn page_unsettled(
        &self,
        page: i64,
        session: &SessionState<'_>,
        maybe_sent: bool,
        error: Option<&str>,
    ) -> Result<(), JournalError> {
        let (token, cookies) = self.seal_session(session)?;
        self.conn.execute(
            "UPDATE pages SET token = ?2, cookies = ?3, last_try_at = ?4,
                    last_error = COALESCE(?5, last_error), maybe_sent = ?6
             WHERE id = ?1 AND state = 'pending'",
            params![page, token, cookies, now_text(), error, maybe_sent],
        )?;
        Ok(())
    }

    /// Records what became of a page, with a note saying how it was found
    /// out. Only the server's reply to the body ([`PageState::Accepted`])
    /// or the operator ([`PageState::Discarded`]) removes the body, and with
    /// it the session's token and cookies; everything inferred keeps them.
    /// A rejected body keeps its text (the respondent sends a corrected one)
    /// but not the session's secrets.
    pub fn settle_page(
        &self,
        page: i64,
        state: PageState,
        note: Option<&str>,
    ) -> Result<(), JournalError> {
        let scrub = (state.proven_taken() && !self.keep_answers) || state == PageState::Discarded;
        let forget_session = matches!(
            state,
            PageState::Accepted | PageState::Rejected | PageState::Discarded
        );
        self.conn.execute(
            "UPDATE pages SET state = ?2, settled_at = ?3, note = COALESCE(?5, note),
                    token = CASE WHEN ?6 THEN NULL ELSE token END,
                    cookies = CASE WHEN ?6 THEN NULL ELSE cookies END,
                    reloading = CASE WHEN ?6 THEN NULL ELSE reloading END,
                    body = CASE WHEN ?4 THEN NULL ELSE body END
             WHERE id = ?1",
            params![
                page,
                state.as_str(),
                now_text(),
                scrub,
                note,
                forget_session
            ],
        )?;
        Ok(())
    }

    /// Written before recovery reloads a page's session: the reload uses up
    /// the stored token, so until its reply is recorded
    /// ([`Journal::reload_answered`]) a refused token proves nothing.
    pub fn reload_started(&self, page: i64) -> Result<(), JournalError> {
        self.conn.execute(
            "UPDATE pages SET reloading = 1, last_try_at = ?2 WHERE id = ?1 AND state = 'pending'",
            params![page, now_text()],
        )?;
        Ok(())
    }

    /// The reload's reply arrived: the session's new token and cookies are
    /// written down before anything else is done with it.
    pub fn reload_answered(
        &self,
        page: i64,
        session: &SessionState<'_>,
    ) -> Result<(), JournalError> {
        let (token, cookies) = self.seal_session(session)?;
        self.conn.execute(
            "UPDATE pages SET token = ?2, cookies = ?3, reloading = 0
             WHERE id = ?1 AND state = 'pending'",
            params![page, token, cookies],
        )?;
        Ok(())
    }

    /// Recovery sent a respondent's page and the server answered with a
    /// final status: the respondent's record takes it (so the counts match
    /// the server's), with a detail saying how it ended.
    pub fn respondent_finished_by_recovery(
        &self,
        respondent: i64,
        status: &str,
    ) -> Result<(), JournalError> {
        self.conn.execute(
            "UPDATE respondents SET state = ?2,
                    detail = 'its last page was sent by recovery after the session had ended'
             WHERE id = ?1 AND state != 'in_progress'",
            params![respondent, status],
        )?;
        Ok(())
    }

    /// Moves the write-ahead log into the database file and empties it, so a
    /// body just removed is not left readable in the log's old frames
    /// (`secure_delete` clears the database file's own pages). Skipped
    /// quietly while a reader holds the log.
    pub fn flush_removed(&self) -> Result<(), JournalError> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// Closes a respondent's record. A page still pending stays pending,
    /// with its token and cookies: the worker's recovery sends it.
    pub fn end_respondent(&self, respondent: i64, end: &RespondentEnd) -> Result<(), JournalError> {
        self.conn.execute(
            "UPDATE respondents SET state = ?2, detail = ?3, ended_at = ?4, token = NULL
             WHERE id = ?1",
            params![respondent, end.state(), end.detail(), now_text()],
        )?;
        // The session's accepted bodies are gone from the log too.
        self.flush_removed()
    }

    /// Sessions left `in_progress` by a process that is no longer running
    /// are marked interrupted (their pending pages then wait for recovery);
    /// returns how many.
    pub fn close_dead_sessions(&self) -> Result<usize, JournalError> {
        let mut statement = self.conn.prepare(
            "SELECT id, run_id, pid FROM respondents WHERE state = 'in_progress' ORDER BY id",
        )?;
        let rows = statement
            .query_map([], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, i64>(2)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut closed = 0;
        for (respondent, run_id, pid) in rows {
            if run_id == self.run_id || process::alive(pid, &run_id) {
                continue;
            }
            self.end_respondent(respondent, &RespondentEnd::Interrupted)?;
            closed += 1;
        }
        Ok(closed)
    }

    /// Pages waiting for recovery: pending, of a session no longer live
    /// (ended here, or closed by [`Journal::close_dead_sessions`]), oldest
    /// first. A row whose body cannot be read is settled as kept.
    pub fn waiting(&self) -> Result<Vec<Waiting>, JournalError> {
        let mut statement = self.conn.prepare(
            "SELECT p.id, p.respondent, r.survey_id, p.body, p.page_key, p.token, p.cookies,
                    p.attempts, COALESCE(p.maybe_sent, 1), r.run_id, r.pid,
                    COALESCE(p.reloading, 0)
             FROM pages p JOIN respondents r ON p.respondent = r.id
             WHERE p.state = 'pending' AND r.state != 'in_progress' AND r.replay IS NULL
             ORDER BY p.id",
        )?;
        let rows = statement
            .query_map([], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, i64>(1)?,
                    row.get::<_, i64>(2)?,
                    row.get::<_, Option<String>>(3)?,
                    row.get::<_, Option<String>>(4)?,
                    row.get::<_, Option<String>>(5)?,
                    row.get::<_, Option<String>>(6)?,
                    row.get::<_, i64>(7)?,
                    row.get::<_, bool>(8)?,
                    row.get::<_, String>(9)?,
                    row.get::<_, i64>(10)?,
                    row.get::<_, bool>(11)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut found = Vec::new();
        for (
            page,
            respondent,
            survey_id,
            body,
            page_key,
            token,
            cookies,
            attempts,
            maybe_sent,
            run_id,
            pid,
            reloading,
        ) in rows
        {
            // Another kiosk process still running on this journal recovers
            // its own pages.
            if run_id != self.run_id && process::alive(pid, &run_id) {
                continue;
            }
            // A value that cannot be decrypted reads as a body that cannot
            // be read: kept for the operator, never a panic.
            let (body, token, cookies) = self.unseal_page(page, body, token, cookies);
            let Some(body) = body.and_then(|b| serde_json::from_str::<FormBody>(&b).ok()) else {
                self.settle_page(
                    page,
                    PageState::Kept,
                    Some("the stored body cannot be read"),
                )?;
                continue;
            };
            found.push(Waiting {
                page,
                respondent,
                survey_id: survey_id as u64,
                body,
                page_key,
                token,
                cookies,
                attempts: u32::try_from(attempts).unwrap_or(u32::MAX),
                maybe_sent,
                reloading,
            });
        }
        Ok(found)
    }

    /// How many pages wait for recovery (pending, of a session no longer
    /// live), since when, and the last error.
    pub fn waiting_summary(&self) -> Result<WaitingSummary, JournalError> {
        // `?1` matches no run: only ended sessions count.
        self.summary_where(
            "state = 'pending' AND respondent IN
             (SELECT id FROM respondents WHERE (state != 'in_progress' OR run_id = ?1)
              AND replay IS NULL)",
            "",
        )
    }

    /// The same, counting also every pending page of this process's own
    /// sessions, ended or not: for a walk that has finished its respondents
    /// (a session whose end the worker has not yet recorded still has a
    /// page to settle).
    pub fn unsettled_summary(&self) -> Result<WaitingSummary, JournalError> {
        self.summary_where(
            "state = 'pending' AND respondent IN
             (SELECT id FROM respondents WHERE (state != 'in_progress' OR run_id = ?1)
              AND replay IS NULL)",
            &self.run_id,
        )
    }

    fn summary_where(&self, waiting: &str, run_id: &str) -> Result<WaitingSummary, JournalError> {
        let (pages, oldest): (i64, Option<String>) = self.conn.query_row(
            &format!("SELECT COUNT(*), MIN(written_at) FROM pages WHERE {waiting}"),
            [run_id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        let last_error: Option<String> = self
            .conn
            .query_row(
                &format!(
                    "SELECT last_error FROM pages WHERE {waiting} AND last_error IS NOT NULL
                     ORDER BY last_try_at DESC LIMIT 1"
                ),
                [run_id],
                |row| row.get(0),
            )
            .optional()?;
        let (kept, unconfirmed): (i64, i64) = self.conn.query_row(
            "SELECT COUNT(*) FILTER (WHERE state = 'kept'),
                    COUNT(*) FILTER (WHERE state = 'unconfirmed')
             FROM pages WHERE state IN ('kept', 'unconfirmed')",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        Ok(WaitingSummary {
            pages: pages as u64,
            oldest,
            last_error,
            kept: kept as u64,
            unconfirmed: unconfirmed as u64,
        })
    }

    /// The operator gives up on every page that waits, was kept or is
    /// unconfirmed (after exporting them): marked discarded, bodies, tokens
    /// and cookies deleted. Returns how many. Pages of a live session are
    /// left alone.
    pub fn discard_waiting(&self) -> Result<usize, JournalError> {
        let count = self.conn.execute(
            "UPDATE pages SET state = 'discarded', settled_at = ?1, body = NULL, token = NULL,
                    cookies = NULL, reloading = NULL, note = 'discarded by the operator'
             WHERE (state IN ('kept', 'unconfirmed') OR (state = 'pending' AND respondent IN
                    (SELECT id FROM respondents WHERE state != 'in_progress'
                     AND (replay IS NULL OR replay = 'needs_attention')))
                    OR (state = 'captured' AND respondent IN
                    (SELECT id FROM respondents WHERE replay = 'needs_attention')))",
            [now_text()],
        )?;
        self.conn.execute(
            "UPDATE respondents SET replay = 'discarded', token = NULL, cookies = NULL
             WHERE replay = 'needs_attention'",
            [],
        )?;
        self.flush_removed()?;
        Ok(count)
    }

    /// Forgets a record that only checked whether the API answers.
    pub fn forget_probe(&self, respondent: i64) -> Result<(), JournalError> {
        self.conn.execute(
            "DELETE FROM respondents WHERE id = ?1 AND pages = 0",
            [respondent],
        )?;
        Ok(())
    }

    /// This process's identity in the journal.
    pub fn run_id(&self) -> &str {
        &self.run_id
    }

    fn connection(&self) -> &Connection {
        &self.conn
    }
}
