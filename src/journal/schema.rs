//! The journal's file: its tables, the columns added since the first
//! journal (and what older rows become), and its owner-only modes.

use std::path::Path;

use rusqlite::Connection;

pub(super) const SCHEMA: &str = "
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
CREATE INDEX IF NOT EXISTS pages_by_state ON pages(state);
CREATE INDEX IF NOT EXISTS pages_by_respondent ON pages(respondent);
CREATE INDEX IF NOT EXISTS respondents_by_state ON respondents(state);
CREATE TABLE IF NOT EXISTS map_pages (
    survey_id INTEGER NOT NULL,
    language TEXT NOT NULL,
    page_hash TEXT NOT NULL,
    page_key TEXT NOT NULL,
    envelope TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    seen INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (survey_id, language, page_hash)
);
CREATE TABLE IF NOT EXISTS map_steps (
    survey_id INTEGER NOT NULL,
    language TEXT NOT NULL,
    from_hash TEXT NOT NULL,
    choices TEXT NOT NULL,
    to_step TEXT NOT NULL,
    end_envelope TEXT,
    seen INTEGER NOT NULL DEFAULT 1,
    last_seen TEXT NOT NULL,
    PRIMARY KEY (survey_id, language, from_hash, choices, to_step)
);
";

/// Columns added since the first journal, and what older rows become: a
/// page an older version marked `kept` is pending again (recovery retries
/// it), with the token its respondent row held.
pub(super) fn migrate(conn: &Connection) -> rusqlite::Result<()> {
    let mut columns = conn.prepare("SELECT name FROM pragma_table_info('pages')")?;
    let have: Vec<String> = columns
        .query_map([], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    let added = [
        ("page_key", "TEXT"),
        ("token", "TEXT"),
        ("cookies", "TEXT"),
        ("last_error", "TEXT"),
        ("last_try_at", "TEXT"),
        ("note", "TEXT"),
        ("maybe_sent", "INTEGER"),
        ("reloading", "INTEGER"),
    ];
    let mut changed = false;
    // Offline capture (src/journal/capture.rs): the page a captured body
    // answers and how deep in the respondent's path it was.
    for (column, kind) in [("page_hash", "TEXT"), ("depth", "INTEGER")] {
        if !have.iter().any(|c| c == column) {
            conn.execute_batch(&format!("ALTER TABLE pages ADD COLUMN {column} {kind}"))?;
        }
    }
    let mut columns = conn.prepare("SELECT name FROM pragma_table_info('respondents')")?;
    let respondent_columns: Vec<String> = columns
        .query_map([], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    for (column, kind) in [
        ("replay", "TEXT"),
        ("replay_note", "TEXT"),
        ("replayed_at", "TEXT"),
        ("cookies", "TEXT"),
        ("language", "TEXT"),
    ] {
        if !respondent_columns.iter().any(|c| c == column) {
            conn.execute_batch(&format!(
                "ALTER TABLE respondents ADD COLUMN {column} {kind}"
            ))?;
        }
    }
    for (column, kind) in added {
        if !have.iter().any(|c| c == column) {
            conn.execute_batch(&format!("ALTER TABLE pages ADD COLUMN {column} {kind}"))?;
            changed = true;
        }
    }
    if changed {
        conn.execute_batch(
            "UPDATE pages SET state = 'pending',
                    token = (SELECT token FROM respondents r WHERE r.id = pages.respondent)
             WHERE state = 'kept' AND body IS NOT NULL;
             UPDATE respondents SET token = NULL WHERE state != 'in_progress';",
        )?;
    }
    // Older versions settled a page as `taken` (a refused token read as
    // "the server processed it") or `unknown`: inferences, not proof. A row
    // that still has its body is unconfirmed; one whose body those versions
    // deleted keeps its old state, so the operator sees what was inferred.
    conn.execute_batch(
        "UPDATE pages SET state = 'unconfirmed'
         WHERE state IN ('taken', 'unknown') AND body IS NOT NULL;",
    )?;
    Ok(())
}

/// The journal holds live sessions' tokens and cookies, and answers: its
/// file is readable by its owner only. SQLite creates the `-wal` and `-shm`
/// files with the database file's mode.
#[cfg(unix)]
pub(super) fn owner_only(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        match std::fs::set_permissions(&name, std::fs::Permissions::from_mode(0o600)) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !suffix.is_empty() => {}
            other => other?,
        }
    }
    Ok(())
}

#[cfg(not(unix))]
pub(super) fn owner_only(_path: &Path) -> std::io::Result<()> {
    Ok(())
}

/// Creates the journal file readable by its owner only before SQLite opens
/// it, so there is no moment at which it is readable by others.
#[cfg(unix)]
pub(super) fn create_owner_only(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .open(path)
        .map(drop)
}

#[cfg(not(unix))]
pub(super) fn create_owner_only(_path: &Path) -> std::io::Result<()> {
    Ok(())
}
