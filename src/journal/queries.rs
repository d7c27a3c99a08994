//! What the operator and the tools read from the journal: counts by state,
//! today's respondents, body hashes to check against a server's record.

use rusqlite::OptionalExtension;

use super::{Counts, Journal, JournalError};

impl Journal {
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

    /// Hashes of the pages the server said it took, of one run (walk checks
    /// them against the demo server's record).
    pub fn accepted_hashes_of_run(&self, run_id: &str) -> Result<Vec<String>, JournalError> {
        self.hashes_of_run(run_id, "'accepted'")
    }

    /// Hashes of one run's pages that keep their bodies because nobody can
    /// tell whether the server has them (unconfirmed, or still pending).
    pub fn unproven_hashes_of_run(&self, run_id: &str) -> Result<Vec<String>, JournalError> {
        self.hashes_of_run(run_id, "'unconfirmed', 'pending'")
    }

    fn hashes_of_run(&self, run_id: &str, states: &str) -> Result<Vec<String>, JournalError> {
        let mut statement = self.conn.prepare(&format!(
            "SELECT p.body_sha256 FROM pages p JOIN respondents r ON p.respondent = r.id
             WHERE r.run_id = ?1 AND p.state IN ({states}) ORDER BY p.id"
        ))?;
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
}
