//! `journal export`: one row per page, with its respondent's record, as CSV
//! or JSON lines. Respondents without a page get one row with empty page
//! columns, so every record is in the export.

use std::io::Write;

use serde::Serialize;

use super::{Journal, JournalError};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Csv,
    Jsonl,
}

#[derive(Debug, Default, Serialize)]
struct Row {
    respondent: i64,
    survey_id: i64,
    rehearsal: bool,
    started_at: String,
    ended_at: Option<String>,
    respondent_state: String,
    detail: Option<String>,
    page: Option<i64>,
    page_state: Option<String>,
    written_at: Option<String>,
    settled_at: Option<String>,
    seconds_on_page: Option<f64>,
    attempts: Option<i64>,
    fields: Option<i64>,
    body_sha256: Option<String>,
    /// How its state was found out (e.g. by recovery after a crash).
    note: Option<String>,
    /// The latest failure in sending it.
    last_error: Option<String>,
    /// The flat body as JSON, when the journal still holds it (not yet
    /// accepted, or the operator keeps answers).
    body: Option<String>,
    /// The device ([`crate::identity::this_kiosk`]: `kiosk_name` or the host name).
    kiosk: String,
    /// A respondent captured offline: `waiting` (to be replayed),
    /// `replaying`, `replayed` or `needs_attention`; empty for one taken
    /// online. Its pages' `written_at` is when the person answered,
    /// `settled_at` when replay sent it (the server records that time).
    offline: Option<String>,
    /// Why its replay stopped, or how it ended.
    offline_note: Option<String>,
    /// When its replay ended.
    replayed_at: Option<String>,
}

/// Writes every record of the journal to `out`; returns the number of rows.
pub fn export(
    journal: &Journal,
    format: ExportFormat,
    out: &mut dyn Write,
) -> Result<u64, JournalError> {
    let mut statement = journal.connection().prepare(
        "SELECT r.id, r.survey_id, r.rehearsal, r.started_at, r.ended_at, r.state, r.detail,
                p.seq, p.state, p.written_at, p.settled_at, p.seconds_on_page, p.attempts,
                p.fields, p.body_sha256, p.note, p.last_error, p.body,
                CASE r.replay WHEN 'capturing' THEN 'waiting' ELSE r.replay END,
                r.replay_note, r.replayed_at
         FROM respondents r LEFT JOIN pages p ON p.respondent = r.id
         ORDER BY r.id, p.seq",
    )?;
    let kiosk = crate::identity::this_kiosk();
    let rows = statement.query_map([], |row| {
        Ok(Row {
            respondent: row.get(0)?,
            survey_id: row.get(1)?,
            rehearsal: row.get(2)?,
            started_at: row.get(3)?,
            ended_at: row.get(4)?,
            respondent_state: row.get(5)?,
            detail: row.get(6)?,
            page: row.get(7)?,
            page_state: row.get(8)?,
            written_at: row.get(9)?,
            settled_at: row.get(10)?,
            seconds_on_page: row.get(11)?,
            attempts: row.get(12)?,
            fields: row.get(13)?,
            body_sha256: row.get(14)?,
            note: row.get(15)?,
            last_error: row.get(16)?,
            body: row.get(17)?,
            kiosk: kiosk.clone(),
            offline: row.get(18)?,
            offline_note: row.get(19)?,
            replayed_at: row.get(20)?,
        })
    })?;
    let mut count = 0;
    match format {
        ExportFormat::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            for row in rows {
                writer.serialize(opened(journal, row?))?;
                count += 1;
            }
            if count == 0 {
                // Still a header, so a spreadsheet shows the columns.
                writer.write_record(&csv_header::<Row>()?)?;
            }
            writer.flush()?;
        }
        ExportFormat::Jsonl => {
            for row in rows {
                let line = serde_json::to_string(&opened(journal, row?))?;
                writeln!(out, "{line}")?;
                count += 1;
            }
            out.flush()?;
        }
    }
    Ok(count)
}

/// The row with its body decrypted. A body that cannot be is left out and
/// the row's note says so: one damaged value does not stop the export.
fn opened(journal: &Journal, mut row: Row) -> Row {
    if let Some(stored) = row.body.take() {
        match journal.unseal("pages.body", &stored) {
            Ok(body) => row.body = Some(body),
            Err(error) => {
                tracing::warn!(respondent = row.respondent, page = ?row.page, "{error}");
                row.note = Some(
                    "its body cannot be decrypted (damaged, or sealed with another key)".to_owned(),
                );
            }
        }
    }
    row
}

#[derive(Debug, Default, Serialize)]
struct RespondentRow {
    respondent: i64,
    survey_id: i64,
    rehearsal: bool,
    started_at: String,
    ended_at: Option<String>,
    state: String,
    detail: Option<String>,
    pages: i64,
    seconds: Option<f64>,
    kiosk: String,
    /// Captured offline: its replay state (see [`Row`]'s `offline`).
    offline: Option<String>,
    offline_note: Option<String>,
    replayed_at: Option<String>,
}

/// The response log: one row per respondent (no answers); returns the rows.
pub fn export_respondents(
    journal: &Journal,
    format: ExportFormat,
    out: &mut dyn Write,
) -> Result<u64, JournalError> {
    let mut statement = journal.connection().prepare(
        "SELECT r.id, r.survey_id, r.rehearsal, r.started_at, r.ended_at, r.state, r.detail,
                r.pages, (SELECT SUM(seconds_on_page) FROM pages p WHERE p.respondent = r.id),
                CASE r.replay WHEN 'capturing' THEN 'waiting' ELSE r.replay END,
                r.replay_note, r.replayed_at
         FROM respondents r ORDER BY r.id",
    )?;
    let kiosk = crate::identity::this_kiosk();
    let rows = statement.query_map([], |row| {
        Ok(RespondentRow {
            respondent: row.get(0)?,
            survey_id: row.get(1)?,
            rehearsal: row.get(2)?,
            started_at: row.get(3)?,
            ended_at: row.get(4)?,
            state: row.get(5)?,
            detail: row.get(6)?,
            pages: row.get(7)?,
            seconds: row.get(8)?,
            kiosk: kiosk.clone(),
            offline: row.get(9)?,
            offline_note: row.get(10)?,
            replayed_at: row.get(11)?,
        })
    })?;
    let mut count = 0;
    match format {
        ExportFormat::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            for row in rows {
                writer.serialize(row?)?;
                count += 1;
            }
            if count == 0 {
                writer.write_record(&csv_header::<RespondentRow>()?)?;
            }
            writer.flush()?;
        }
        ExportFormat::Jsonl => {
            for row in rows {
                let line = serde_json::to_string(&row?)?;
                writeln!(out, "{line}")?;
                count += 1;
            }
            out.flush()?;
        }
    }
    Ok(count)
}

/// The CSV header of rows of type `T`: its field names, as the row's one
/// definition (its serde derive) gives them for the rows themselves.
fn csv_header<T: Serialize + Default>() -> Result<csv::StringRecord, JournalError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.serialize(T::default())?;
    let bytes = writer.into_inner().map_err(|e| e.into_error())?;
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    Ok(reader.headers()?.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_empty_export_header_is_the_rows_own_field_names() {
        let header = csv_header::<Row>().expect("a header");
        assert_eq!(header.get(0), Some("respondent"));
        assert_eq!(header.get(header.len() - 1), Some("replayed_at"));
        assert!(header.iter().any(|field| field == "page_state"));
        let header = csv_header::<RespondentRow>().expect("a header");
        assert_eq!(
            header.iter().collect::<Vec<_>>(),
            [
                "respondent",
                "survey_id",
                "rehearsal",
                "started_at",
                "ended_at",
                "state",
                "detail",
                "pages",
                "seconds",
                "kiosk",
                "offline",
                "offline_note",
                "replayed_at"
            ]
        );
    }
}
