//! Respondents captured offline and their replay.
//!
//! A captured respondent's record carries `replay`: `capturing` while the
//! session runs from the map, `waiting` once it ended with pages to send,
//! `replaying` while the worker sends them through a live session,
//! `replayed` when every captured page was sent and the server took it, and
//! `needs_attention` when replay stopped (the survey changed, refused an
//! answer, closed, or the session was lost): everything not proven taken is
//! kept. Its pages are `captured` until replay sends them (`pending` while a
//! send is in flight, then settled as any page), or `superseded` when the
//! respondent went back and answered that page again.
//!
//! The live recovery leaves these respondents alone: replay owns them.

use rusqlite::params;

use super::{Journal, JournalError, PageState, now_text};
use crate::survey::FormBody;

/// A page captured offline, not yet sent.
pub const CAPTURED: &str = "captured";
/// A captured page the respondent answered again after going back.
pub const SUPERSEDED: &str = "superseded";

/// How a replay ended, for [`Journal::replay_finished`].
#[derive(Clone, Debug, PartialEq)]
pub enum ReplayEnd {
    /// Every captured page was sent and taken; the server's status at the
    /// end (a final status, or `None` when it went on to a page nobody
    /// answered offline), and a note.
    Replayed {
        final_status: Option<String>,
        note: String,
    },
    /// Replay stopped; why, in words for the operator.
    NeedsAttention(String),
}

/// A respondent waiting for replay (or part-way through it).
#[derive(Clone)]
pub struct Captured {
    pub respondent: i64,
    pub survey_id: u64,
    pub language: String,
    /// When the respondent started (RFC 3339).
    pub started_at: String,
    /// The replay session's latest token and cookies, once it has one.
    pub token: Option<String>,
    pub cookies: Option<String>,
    /// Its pages in the order they were answered (superseded ones left out).
    pub pages: Vec<CapturedPage>,
}

impl std::fmt::Debug for Captured {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Captured")
            .field("respondent", &self.respondent)
            .field("survey_id", &self.survey_id)
            .field("pages", &self.pages.len())
            .field("token", &self.token.as_ref().map(|_| "<hidden>"))
            .finish_non_exhaustive()
    }
}

/// One captured page.
#[derive(Clone, Debug)]
pub struct CapturedPage {
    pub page: i64,
    pub seq: i64,
    /// `captured`, `pending` (a send in flight when the process stopped),
    /// or settled (`accepted`, `unconfirmed`, `kept`, …).
    pub state: String,
    /// `None` when the body was removed (accepted) or cannot be read.
    pub body: Option<FormBody>,
    pub page_key: Option<String>,
    /// The fingerprint of the page the respondent saw.
    pub page_hash: Option<String>,
    pub maybe_sent: bool,
    pub reloading: bool,
}

/// Captured respondents for the operator.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct CaptureSummary {
    /// Respondents captured offline whose pages wait to be replayed.
    pub waiting: u64,
    /// Their captured pages.
    pub pages: u64,
    /// Respondents whose every captured page the server took.
    pub replayed: u64,
    /// Respondents whose replay stopped and who keep their answers.
    pub needs_attention: u64,
}

impl Journal {
    /// This respondent's session runs from the map, offline.
    pub fn begin_capture(&self, respondent: i64, language: &str) -> Result<(), JournalError> {
        self.conn.execute(
            "UPDATE respondents SET replay = 'capturing', language = ?2 WHERE id = ?1",
            params![respondent, language],
        )?;
        Ok(())
    }

    /// Writes a page answered offline; returns its id. A page answered
    /// again (after going back) supersedes what was captured from that
    /// depth of the path on: those bodies are replaced, not replayed.
    pub fn write_captured_page(
        &self,
        respondent: i64,
        body: &FormBody,
        seconds_on_page: f64,
        page_key: &str,
        page_hash: &str,
        depth: usize,
    ) -> Result<i64, JournalError> {
        let text = self.seal("pages.body", &serde_json::to_string(body)?)?;
        let tx = self.conn.unchecked_transaction()?;
        tx.execute(
            "UPDATE pages SET state = 'superseded', settled_at = ?3, body = NULL,
                    note = 'answered again after going back'
             WHERE respondent = ?1 AND state = 'captured' AND depth >= ?2",
            params![respondent, depth as i64, now_text()],
        )?;
        let id = super::rows::insert_page(
            &tx,
            &super::rows::NewPage {
                respondent,
                state: CAPTURED,
                sent: false,
                seconds_on_page,
                body,
                sealed_body: &text,
                page_key: Some(page_key),
                token: None,
                cookies: None,
                page_hash: Some(page_hash),
                depth: Some(depth as i64),
            },
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// Why a captured respondent's path ended where it did, for the
    /// operator (kept with the record).
    pub fn capture_note(&self, respondent: i64, note: &str) -> Result<(), JournalError> {
        self.conn.execute(
            "UPDATE respondents SET replay_note = ?2 WHERE id = ?1",
            params![respondent, note],
        )?;
        Ok(())
    }

    /// Respondents captured offline whose session has ended, oldest first,
    /// with their pages: replay's work. A respondent with nothing captured
    /// is settled here (nothing to replay).
    pub fn replay_queue(&self) -> Result<Vec<Captured>, JournalError> {
        self.conn.execute(
            "UPDATE respondents SET replay = NULL
             WHERE replay IN ('capturing', 'waiting') AND state != 'in_progress'
               AND NOT EXISTS (SELECT 1 FROM pages p WHERE p.respondent = respondents.id
                               AND p.state = 'captured')",
            [],
        )?;
        let mut statement = self.conn.prepare(
            "SELECT id, survey_id, COALESCE(language, ''), started_at, token, cookies
             FROM respondents
             WHERE replay IN ('capturing', 'waiting', 'replaying') AND state != 'in_progress'
             ORDER BY id",
        )?;
        let respondents = statement
            .query_map([], |row| {
                Ok(Captured {
                    respondent: row.get(0)?,
                    survey_id: row.get::<_, i64>(1)? as u64,
                    language: row.get(2)?,
                    started_at: row.get(3)?,
                    token: row.get(4)?,
                    cookies: row.get(5)?,
                    pages: Vec::new(),
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        // The replay session's secrets, opened (one that cannot be is
        // dropped: replay then starts a fresh session).
        let respondents = respondents.into_iter().map(|mut captured| {
            captured.token = self
                .unseal_opt("respondents.token", captured.token.as_deref())
                .ok()
                .flatten();
            captured.cookies = self
                .unseal_opt("respondents.cookies", captured.cookies.as_deref())
                .ok()
                .flatten();
            captured
        });
        let mut pages = self.conn.prepare(
            "SELECT id, seq, state, body, page_key, page_hash, COALESCE(maybe_sent, 0),
                    COALESCE(reloading, 0)
             FROM pages WHERE respondent = ?1 AND state != 'superseded' ORDER BY seq",
        )?;
        let mut queue = Vec::with_capacity(respondents.len());
        for mut captured in respondents {
            captured.pages = pages
                .query_map([captured.respondent], |row| {
                    Ok(CapturedPage {
                        page: row.get(0)?,
                        seq: row.get(1)?,
                        state: row.get(2)?,
                        body: self
                            .unseal_opt("pages.body", row.get::<_, Option<String>>(3)?.as_deref())
                            .ok()
                            .flatten()
                            .and_then(|text| serde_json::from_str(&text).ok()),
                        page_key: row.get(4)?,
                        page_hash: row.get(5)?,
                        maybe_sent: row.get(6)?,
                        reloading: row.get(7)?,
                    })
                })?
                .collect::<Result<Vec<_>, _>>()?;
            queue.push(captured);
        }
        Ok(queue)
    }

    /// Replay of this respondent begins (or goes on).
    pub fn replay_started(&self, respondent: i64) -> Result<(), JournalError> {
        self.conn.execute(
            "UPDATE respondents SET replay = 'replaying' WHERE id = ?1",
            [respondent],
        )?;
        Ok(())
    }

    /// The replay session's latest token and cookies, written as soon as an
    /// answer brings them; `page` (if any) takes them too, with its reload
    /// mark cleared.
    pub fn replay_session(
        &self,
        respondent: i64,
        page: Option<i64>,
        token: Option<&str>,
        cookies: Option<&str>,
    ) -> Result<(), JournalError> {
        let (respondent_token, respondent_cookies) =
            self.seal_secrets("respondents", token, cookies)?;
        let tx = self.conn.unchecked_transaction()?;
        tx.execute(
            "UPDATE respondents SET token = ?2, cookies = ?3 WHERE id = ?1",
            params![respondent, respondent_token, respondent_cookies],
        )?;
        if let Some(page) = page {
            let (token, cookies) = self.seal_secrets("pages", token, cookies)?;
            tx.execute(
                "UPDATE pages SET token = ?2, cookies = ?3, reloading = 0
                 WHERE id = ?1 AND state = 'pending'",
                params![page, token, cookies],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Written before a captured page is sent: from now on it may reach the
    /// server, exactly as a live page written before its send.
    pub fn replay_sending(
        &self,
        page: i64,
        token: Option<&str>,
        cookies: Option<&str>,
    ) -> Result<(), JournalError> {
        let (token, cookies) = self.seal_secrets("pages", token, cookies)?;
        self.conn.execute(
            "UPDATE pages SET state = 'pending', token = ?2, cookies = ?3, maybe_sent = 1,
                    attempts = attempts + 1, last_try_at = ?4, reloading = 0
             WHERE id = ?1",
            params![page, token, cookies, now_text()],
        )?;
        Ok(())
    }

    /// The server answered a replayed page: the session's new token first,
    /// then what became of the page, in one transaction.
    pub fn replay_answered(
        &self,
        respondent: i64,
        page: i64,
        session: (Option<&str>, Option<&str>),
        verdict: PageState,
        note: &str,
    ) -> Result<(), JournalError> {
        let (token, cookies) = self.seal_secrets("respondents", session.0, session.1)?;
        let tx = self.conn.unchecked_transaction()?;
        tx.execute(
            "UPDATE respondents SET token = ?2, cookies = ?3 WHERE id = ?1",
            params![respondent, token, cookies],
        )?;
        tx.commit()?;
        self.settle_page(page, verdict, Some(note))
    }

    /// Replay of a respondent is over: replayed, or stopped with a reason.
    /// The session's token and cookies are forgotten; every page not proven
    /// taken keeps its body.
    pub fn replay_finished(&self, respondent: i64, end: &ReplayEnd) -> Result<(), JournalError> {
        let (replay, note, status) = match end {
            ReplayEnd::Replayed { final_status, note } => {
                ("replayed", note.as_str(), final_status.as_deref())
            }
            ReplayEnd::NeedsAttention(why) => ("needs_attention", why.as_str(), None),
        };
        self.conn.execute(
            "UPDATE respondents SET replay = ?2, replay_note = ?3, replayed_at = ?4,
                    token = NULL, cookies = NULL, state = COALESCE(?5, state)
             WHERE id = ?1",
            params![respondent, replay, note, now_text(), status],
        )?;
        self.flush_removed()
    }

    /// Captured respondents by replay state, for the operator.
    pub fn capture_summary(&self) -> Result<CaptureSummary, JournalError> {
        Ok(self.conn.query_row(
            "SELECT
               (SELECT COUNT(*) FROM respondents
                 WHERE replay IN ('capturing', 'waiting', 'replaying')),
               (SELECT COUNT(*) FROM pages p JOIN respondents r ON p.respondent = r.id
                 WHERE p.state IN ('captured', 'pending')
                   AND r.replay IN ('capturing', 'waiting', 'replaying')),
               (SELECT COUNT(*) FROM respondents WHERE replay = 'replayed'),
               (SELECT COUNT(*) FROM respondents WHERE replay = 'needs_attention')",
            [],
            |row| {
                Ok(CaptureSummary {
                    waiting: row.get::<_, i64>(0)? as u64,
                    pages: row.get::<_, i64>(1)? as u64,
                    replayed: row.get::<_, i64>(2)? as u64,
                    needs_attention: row.get::<_, i64>(3)? as u64,
                })
            },
        )?)
    }

    /// How many respondents of one run were captured offline.
    pub fn captured_in_run(&self, run_id: &str) -> Result<u64, JournalError> {
        Ok(self.conn.query_row(
            "SELECT COUNT(*) FROM respondents WHERE run_id = ?1 AND replay IS NOT NULL",
            [run_id],
            |row| row.get::<_, i64>(0),
        )? as u64)
    }

    /// Why replay stopped, for each respondent that needs attention
    /// (respondent id, when it started, the reason), oldest first.
    pub fn needing_attention(&self) -> Result<Vec<(i64, String, String)>, JournalError> {
        let mut statement = self.conn.prepare(
            "SELECT id, started_at, COALESCE(replay_note, '') FROM respondents
             WHERE replay = 'needs_attention' ORDER BY id",
        )?;
        let rows = statement
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }
}
