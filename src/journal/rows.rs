//! Writing a page row: the one insert a live page and a captured page share.

use rusqlite::params;

use super::{JournalError, body_hash, now_text};
use crate::survey::FormBody;

/// A page row to write ([`insert_page`]).
pub(super) struct NewPage<'a> {
    pub(super) respondent: i64,
    pub(super) state: &'a str,
    /// Written before it is sent (a live page, one attempt that may reach
    /// the server), or kept to be sent later (captured offline).
    pub(super) sent: bool,
    pub(super) seconds_on_page: f64,
    pub(super) body: &'a FormBody,
    /// `body` as the journal stores it (sealed).
    pub(super) sealed_body: &'a str,
    pub(super) page_key: Option<&'a str>,
    pub(super) token: Option<&'a str>,
    pub(super) cookies: Option<&'a str>,
    pub(super) page_hash: Option<&'a str>,
    pub(super) depth: Option<i64>,
}

/// Writes a page row after the respondent's last, counted on its record,
/// inside `tx`; returns its id.
pub(super) fn insert_page(
    tx: &rusqlite::Transaction<'_>,
    page: &NewPage<'_>,
) -> Result<i64, JournalError> {
    let seq: i64 = tx.query_row(
        "SELECT COUNT(*) FROM pages WHERE respondent = ?1",
        [page.respondent],
        |row| row.get(0),
    )?;
    tx.execute(
        "INSERT INTO pages (respondent, seq, state, written_at, seconds_on_page, attempts,
                            fields, body_sha256, body, page_key, token, cookies, maybe_sent,
                            page_hash, depth)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?6, ?13, ?14)",
        params![
            page.respondent,
            seq + 1,
            page.state,
            now_text(),
            page.seconds_on_page,
            i64::from(page.sent),
            page.body.len() as i64,
            body_hash(page.body),
            page.sealed_body,
            page.page_key,
            page.token,
            page.cookies,
            page.page_hash,
            page.depth
        ],
    )?;
    let id = tx.last_insert_rowid();
    tx.execute(
        "UPDATE respondents SET pages = pages + 1 WHERE id = ?1",
        [page.respondent],
    )?;
    Ok(id)
}
