//! The admin screen: is the survey reachable, today's counts, what the
//! journal holds and what waits to be sent, exports, settings, quit.

use egui::{RichText, Ui};

use crate::check::CheckReport;
use crate::journal::{Counts, ExportFormat};
use crate::operator::{ExportKind, Today};

use super::{Facts, SetupForm, button, heading};

pub(super) enum AdminChoice {
    None,
    Back,
    Quit,
    QuitConfirmed,
    QuitCancelled,
    Test,
    Edit,
    Refresh,
    /// Export this; `true`: into the exports folder, without a dialog.
    Export(ExportKind, bool),
}

pub(super) fn report_ui(ui: &mut Ui, testing: bool, report: Option<&CheckReport>) {
    if testing {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(crate::i18n::fl!(
                crate::ui::words(ui.ctx()),
                "admin-testing"
            ));
        });
    } else if let Some(report) = report {
        let tr = crate::ui::words(ui.ctx());
        let (mark, color) = if report.ok {
            (
                crate::i18n::fl!(tr, "admin-connected"),
                ui.visuals().selection.bg_fill,
            )
        } else {
            (
                crate::i18n::fl!(tr, "admin-cannot-run"),
                ui.visuals().error_fg_color,
            )
        };
        ui.label(RichText::new(mark).strong().color(color));
        for line in &report.lines {
            ui.label(RichText::new(line).small());
        }
    }
}

#[allow(clippy::too_many_arguments)]
pub(super) fn admin_ui(
    ui: &mut Ui,
    facts: &Facts<'_>,
    counts: Option<&Result<(Today, Counts), String>>,
    format: &mut ExportFormat,
    message: Option<&str>,
    testing: bool,
    exporting: bool,
    confirm_quit: bool,
    report: &Option<(CheckReport, Option<SetupForm>)>,
) -> AdminChoice {
    let mut choice = AdminChoice::None;
    heading(
        ui,
        &crate::i18n::fl!(crate::ui::words(ui.ctx()), "operator-title"),
    );
    if confirm_quit {
        ui.label(
            RichText::new("Quit the kiosk? Respondents cannot use it until it is started again.")
                .strong()
                .color(ui.visuals().warn_fg_color),
        );
        ui.horizontal_wrapped(|ui| {
            if button(ui, "Yes, quit", true) {
                choice = AdminChoice::QuitConfirmed;
            }
            if button(ui, "No, keep it running", true) {
                choice = AdminChoice::QuitCancelled;
            }
        });
        return choice;
    }
    ui.horizontal_wrapped(|ui| {
        if button(
            ui,
            &crate::i18n::fl!(crate::ui::words(ui.ctx()), "admin-back"),
            true,
        ) {
            choice = AdminChoice::Back;
        }
        if button(
            ui,
            &crate::i18n::fl!(crate::ui::words(ui.ctx()), "admin-test"),
            !testing,
        ) {
            choice = AdminChoice::Test;
        }
        if button(
            ui,
            &crate::i18n::fl!(crate::ui::words(ui.ctx()), "admin-edit"),
            true,
        ) {
            choice = AdminChoice::Edit;
        }
        if button(
            ui,
            &crate::i18n::fl!(crate::ui::words(ui.ctx()), "admin-refresh"),
            true,
        ) {
            choice = AdminChoice::Refresh;
        }
        if button(
            ui,
            &crate::i18n::fl!(crate::ui::words(ui.ctx()), "admin-quit"),
            true,
        ) {
            choice = AdminChoice::Quit;
        }
    });
    ui.add_space(12.0);
    ui.label(format!(
        "survey-kiosk {} \u{00b7} survey {} \u{00b7} {}{}",
        env!("CARGO_PKG_VERSION"),
        facts.survey_id,
        facts.base_url,
        if facts.demo { " (embedded demo)" } else { "" }
    ));
    ui.add_space(12.0);
    ui.label(
        RichText::new(crate::i18n::fl!(
            crate::ui::words(ui.ctx()),
            "admin-connection"
        ))
        .strong(),
    );
    report_ui(ui, testing, report.as_ref().map(|(r, _)| r));
    if !testing && report.is_none() {
        ui.label(crate::i18n::fl!(
            crate::ui::words(ui.ctx()),
            "admin-not-tested"
        ));
    }
    ui.label(format!(
        "Last problem: {}",
        facts.last_problem.unwrap_or("none")
    ));
    if let Some(problem) = facts.config_problem {
        ui.label(
            RichText::new(format!(
                "The configuration file changed but cannot be used: {problem}; the kiosk \
                 keeps the previous settings."
            ))
            .color(ui.visuals().warn_fg_color),
        );
    }
    ui.add_space(12.0);
    ui.label(RichText::new(crate::i18n::fl!(crate::ui::words(ui.ctx()), "admin-today")).strong());
    match counts {
        None => {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(crate::i18n::fl!(
                    crate::ui::words(ui.ctx()),
                    "admin-counting"
                ));
            });
        }
        Some(Ok((today, journal))) => {
            {
                for (label, n) in [
                    ("Started", today.started),
                    ("Completed", today.completed),
                    ("Screened out", today.screened_out),
                    ("Quota full", today.quota_full),
                    ("Abandoned", today.abandoned),
                    ("Timed out", today.timed_out),
                    ("Rehearsals (walk)", today.rehearsals),
                ] {
                    ui.label(format!("{label}: {n}"));
                }
            }
            ui.add_space(12.0);
            ui.label(
                RichText::new(crate::i18n::fl!(
                    crate::ui::words(ui.ctx()),
                    "admin-journal"
                ))
                .strong(),
            );
            let total: u64 = journal.pages.iter().map(|(_, n)| n).sum();
            ui.label(format!(
                "{total} page(s): {} accepted, {} found taken by the server after a fault, \
                 {} waiting to be sent, {} kept for you, {} sent with outcome unknown.",
                journal.pages_in("accepted"),
                journal.pages_in("taken"),
                journal.pages_in("pending"),
                journal.pages_in("kept"),
                journal.pages_in("unknown"),
            ));
        }
        Some(Err(problem)) => {
            ui.label(problem.as_str());
        }
    }
    let waiting = &facts.waiting;
    if waiting.pages > 0 {
        let mut line = format!(
            "{} page(s) waiting to be sent to the server (the kiosk keeps trying)",
            waiting.pages
        );
        if let Some(oldest) = &waiting.oldest {
            line.push_str(&format!(", the oldest since {}", local_time(oldest)));
        }
        if let Some(error) = &waiting.last_error {
            line.push_str(&format!(". Last error: {error}"));
        }
        ui.label(RichText::new(line).color(ui.visuals().warn_fg_color));
    }
    if waiting.kept > 0 {
        ui.label(format!(
            "{} page(s) could not be sent and are kept for you: export the journal, then \
             `survey-kiosk journal discard` removes them.",
            waiting.kept
        ));
    }
    if let Some(problem) = &facts.journal_problem {
        ui.label(RichText::new(problem).color(ui.visuals().warn_fg_color));
    }
    if let Some(path) = facts.journal {
        ui.label(RichText::new(format!("Journal file: {}", path.display())).small());
    }
    if let Some(dir) = crate::config::data_dir() {
        ui.label(RichText::new(format!("Log files: {}", dir.join("logs").display())).small());
    }
    ui.add_space(12.0);
    ui.horizontal_wrapped(|ui| {
        ui.label(crate::i18n::fl!(
            crate::ui::words(ui.ctx()),
            "admin-export-as"
        ));
        ui.radio_value(format, ExportFormat::Csv, "CSV");
        ui.radio_value(format, ExportFormat::Jsonl, "JSON lines");
    });
    ui.horizontal_wrapped(|ui| {
        if button(
            ui,
            &crate::i18n::fl!(crate::ui::words(ui.ctx()), "admin-export-responses"),
            !exporting,
        ) {
            choice = AdminChoice::Export(ExportKind::Responses, false);
        }
        if button(
            ui,
            &crate::i18n::fl!(crate::ui::words(ui.ctx()), "admin-export-journal"),
            !exporting,
        ) {
            choice = AdminChoice::Export(ExportKind::Journal, false);
        }
    });
    ui.horizontal_wrapped(|ui| {
        if button(
            ui,
            "Save the response log in the kiosk's exports folder",
            !exporting,
        ) {
            choice = AdminChoice::Export(ExportKind::Responses, true);
        }
        if button(
            ui,
            "Save the journal in the kiosk's exports folder",
            !exporting,
        ) {
            choice = AdminChoice::Export(ExportKind::Journal, true);
        }
    });
    if let Some(message) = message {
        ui.label(message);
    }
    ui.add_space(24.0);
    choice
}

/// An RFC 3339 time from the journal in this computer's time, e.g.
/// `2026-11-30 14:05`.
fn local_time(rfc3339: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .map(|t| {
            t.with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_else(|_| rfc3339.to_owned())
}
