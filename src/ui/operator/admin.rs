//! The admin screen: is the survey reachable, today's counts, what the
//! journal holds and what waits to be sent, exports, settings, quit.

use egui::{RichText, Ui};

use crate::i18n::{Words, fl};

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

/// "API calls today: N (M per respondent)", so an operator can size the
/// licence's call budget (the calls of this kiosk's client since it started
/// today, probes and recovery included; per respondent started today).
fn api_calls_line(tr: &crate::i18n::Tr, client: &crate::api::Client, started: u64) -> String {
    let calls = client.calls_today();
    if started == 0 {
        return fl!(tr, "admin-api-calls", calls = calls);
    }
    let per = (calls as f64 / started as f64 * 10.0).round() / 10.0;
    fl!(tr, "admin-api-calls-per", calls = calls, per = per)
}

pub(super) fn report_ui(ui: &mut Ui, testing: bool, report: Option<&CheckReport>) {
    if testing {
        ui.horizontal(|ui| {
            ui.spinner();
            crate::ui::bidi::label(
                ui,
                crate::i18n::fl!(crate::ui::words(ui.ctx()), "admin-testing"),
            );
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
        crate::ui::bidi::label(ui, RichText::new(mark).strong().color(color));
        for line in &report.lines {
            crate::ui::bidi::label(ui, RichText::new(line).small());
        }
    }
}

#[allow(clippy::too_many_arguments)]
pub(super) fn admin_ui(
    ui: &mut Ui,
    facts: &Facts<'_>,
    counts: Option<&Result<(Today, Counts), Words>>,
    format: &mut ExportFormat,
    message: Option<&Words>,
    testing: bool,
    exporting: bool,
    confirm_quit: bool,
    report: &Option<(CheckReport, Option<SetupForm>)>,
) -> AdminChoice {
    let mut choice = AdminChoice::None;
    let tr = crate::ui::words(ui.ctx());
    heading(ui, &fl!(tr, "operator-title"));
    if confirm_quit {
        crate::ui::bidi::label(
            ui,
            RichText::new(fl!(tr, "admin-quit-confirm"))
                .strong()
                .color(ui.visuals().warn_fg_color),
        );
        ui.horizontal_wrapped(|ui| {
            if button(ui, &fl!(tr, "admin-quit-yes"), true) {
                choice = AdminChoice::QuitConfirmed;
            }
            if button(ui, &fl!(tr, "admin-quit-no"), true) {
                choice = AdminChoice::QuitCancelled;
            }
        });
        return choice;
    }
    ui.horizontal_wrapped(|ui| {
        if button(ui, &fl!(tr, "admin-back"), true) {
            choice = AdminChoice::Back;
        }
        if button(ui, &fl!(tr, "admin-test"), !testing) {
            choice = AdminChoice::Test;
        }
        if button(ui, &fl!(tr, "admin-edit"), true) {
            choice = AdminChoice::Edit;
        }
        if button(ui, &fl!(tr, "admin-refresh"), true) {
            choice = AdminChoice::Refresh;
        }
        if button(ui, &fl!(tr, "admin-quit"), true) {
            choice = AdminChoice::Quit;
        }
    });
    ui.add_space(12.0);
    let version = env!("CARGO_PKG_VERSION");
    let survey = facts.survey_id.to_string();
    let url = facts.base_url.to_owned();
    crate::ui::bidi::label(
        ui,
        if facts.demo {
            fl!(
                tr,
                "admin-about-demo",
                version = version,
                survey = survey,
                url = url
            )
        } else {
            fl!(
                tr,
                "admin-about",
                version = version,
                survey = survey,
                url = url
            )
        },
    );
    ui.add_space(12.0);
    crate::ui::bidi::label(ui, RichText::new(fl!(tr, "admin-connection")).strong());
    report_ui(ui, testing, report.as_ref().map(|(r, _)| r));
    if !testing && report.is_none() {
        crate::ui::bidi::label(ui, fl!(tr, "admin-not-tested"));
    }
    crate::ui::bidi::label(
        ui,
        match facts.last_problem {
            Some(problem) => fl!(tr, "admin-last-problem", problem = problem),
            None => fl!(tr, "admin-no-problem"),
        },
    );
    if let Some(problem) = facts.config_problem {
        crate::ui::bidi::label(
            ui,
            RichText::new(fl!(
                tr,
                "admin-config-broken",
                problem = problem.to_string()
            ))
            .color(ui.visuals().warn_fg_color),
        );
    }
    ui.add_space(12.0);
    crate::ui::bidi::label(ui, RichText::new(fl!(tr, "admin-today")).strong());
    match counts {
        None => {
            ui.horizontal(|ui| {
                ui.spinner();
                crate::ui::bidi::label(ui, fl!(tr, "admin-counting"));
            });
        }
        Some(Ok((today, journal))) => {
            for line in [
                fl!(tr, "admin-started", count = today.started),
                fl!(tr, "admin-completed", count = today.completed),
                fl!(tr, "admin-screened-out", count = today.screened_out),
                fl!(tr, "admin-quota-full", count = today.quota_full),
                fl!(tr, "admin-abandoned", count = today.abandoned),
                fl!(tr, "admin-timed-out", count = today.timed_out),
                fl!(tr, "admin-rehearsals", count = today.rehearsals),
            ] {
                crate::ui::bidi::label(ui, line);
            }
            crate::ui::bidi::label(ui, api_calls_line(&tr, facts.client, today.started));
            ui.add_space(12.0);
            crate::ui::bidi::label(ui, RichText::new(fl!(tr, "admin-journal")).strong());
            let total: u64 = journal.pages.iter().map(|(_, n)| n).sum();
            crate::ui::bidi::label(
                ui,
                fl!(
                    tr,
                    "admin-journal-pages",
                    total = total,
                    accepted = journal.pages_in("accepted"),
                    pending = journal.pages_in("pending"),
                    kept = journal.pages_in("kept"),
                    unconfirmed = journal.pages_in("unconfirmed")
                ),
            );
        }
        Some(Err(problem)) => {
            crate::ui::bidi::label(ui, tr.say(problem));
        }
    }
    let waiting = &facts.waiting;
    if waiting.pages > 0 {
        let mut line = fl!(tr, "admin-waiting", pages = waiting.pages);
        if let Some(oldest) = &waiting.oldest {
            line.push(' ');
            line.push_str(&fl!(tr, "admin-waiting-since", time = local_time(oldest)));
        }
        if let Some(error) = &waiting.last_error {
            line.push(' ');
            line.push_str(&fl!(tr, "admin-last-error", error = error.clone()));
        }
        crate::ui::bidi::label(ui, RichText::new(line).color(ui.visuals().warn_fg_color));
    }
    if waiting.kept > 0 {
        crate::ui::bidi::label(ui, fl!(tr, "admin-kept", pages = waiting.kept));
    }
    if waiting.unconfirmed > 0 {
        crate::ui::bidi::label(
            ui,
            RichText::new(fl!(tr, "admin-unconfirmed", pages = waiting.unconfirmed))
                .color(ui.visuals().warn_fg_color),
        );
    }
    if let Some(problem) = &facts.journal_problem {
        crate::ui::bidi::label(ui, RichText::new(problem).color(ui.visuals().warn_fg_color));
    }
    if let Some(path) = facts.journal {
        crate::ui::bidi::label(
            ui,
            RichText::new(fl!(
                tr,
                "admin-journal-file",
                path = path.display().to_string()
            ))
            .small(),
        );
    }
    if let Some(dir) = crate::config::data_dir() {
        let path = dir.join("logs").display().to_string();
        crate::ui::bidi::label(
            ui,
            RichText::new(fl!(tr, "admin-log-files", path = path)).small(),
        );
    }
    ui.add_space(12.0);
    ui.horizontal_wrapped(|ui| {
        crate::ui::bidi::label(ui, fl!(tr, "admin-export-as"));
        ui.radio_value(format, ExportFormat::Csv, fl!(tr, "admin-format-csv"));
        ui.radio_value(format, ExportFormat::Jsonl, fl!(tr, "admin-format-jsonl"));
    });
    ui.horizontal_wrapped(|ui| {
        if button(ui, &fl!(tr, "admin-export-responses"), !exporting) {
            choice = AdminChoice::Export(ExportKind::Responses, false);
        }
        if button(ui, &fl!(tr, "admin-export-journal"), !exporting) {
            choice = AdminChoice::Export(ExportKind::Journal, false);
        }
    });
    ui.horizontal_wrapped(|ui| {
        if button(ui, &fl!(tr, "admin-save-responses"), !exporting) {
            choice = AdminChoice::Export(ExportKind::Responses, true);
        }
        if button(ui, &fl!(tr, "admin-save-journal"), !exporting) {
            choice = AdminChoice::Export(ExportKind::Journal, true);
        }
    });
    if let Some(message) = message {
        crate::ui::bidi::label(ui, tr.say(message));
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
