//! The admin screen: is the survey reachable, today's counts, what the
//! journal holds and what waits to be sent, exports, settings, quit.

use egui::{RichText, Ui};

use crate::i18n::{Words, fl};

use crate::check::CheckReport;
use crate::journal::{Counts, ExportFormat};
use crate::operator::{ExportKind, Today};

use super::{Connection, Facts, button, heading};

/// What the operator did on the admin screen.
pub(super) enum AdminChoice {
    Back,
    /// "Quit the kiosk": ask to be sure.
    Quit,
    QuitConfirmed,
    QuitCancelled,
    Test,
    Edit,
    Refresh,
    /// Export this; `true`: into the exports folder, without a dialog.
    Export(ExportKind, bool),
}

/// The admin screen and what it shows that the background thread found.
pub(super) struct AdminPanel {
    /// `None` while they are being read.
    pub(super) counts: Option<Result<(Today, Counts), Words>>,
    pub(super) format: ExportFormat,
    pub(super) message: Option<Words>,
    pub(super) exporting: bool,
    /// "Quit the kiosk" was tapped: asking to be sure.
    pub(super) confirm_quit: bool,
}

impl Default for AdminPanel {
    fn default() -> AdminPanel {
        AdminPanel {
            counts: None,
            format: ExportFormat::Csv,
            message: None,
            exporting: false,
            confirm_quit: false,
        }
    }
}

impl AdminPanel {
    pub(super) fn ui(
        &mut self,
        ui: &mut Ui,
        facts: &Facts<'_>,
        connection: &Connection<'_>,
    ) -> Option<AdminChoice> {
        let tr = crate::ui::words(ui.ctx());
        heading(ui, &fl!(tr, "operator-title"));
        if self.confirm_quit {
            return quit_confirm_ui(ui);
        }
        let mut choice = actions_ui(ui, connection.testing);
        ui.add_space(12.0);
        about_ui(ui, facts);
        ui.add_space(12.0);
        connection_ui(ui, facts, connection);
        ui.add_space(12.0);
        crate::ui::bidi::label(ui, RichText::new(fl!(tr, "admin-today")).strong());
        counts_ui(ui, self.counts.as_ref(), facts.client);
        waiting_ui(ui, facts);
        offline_ui(ui, facts, self.counts.as_ref());
        ui.add_space(12.0);
        choice = self.export_ui(ui).or(choice);
        if let Some(message) = &self.message {
            crate::ui::bidi::label(ui, tr.say(message));
        }
        ui.add_space(24.0);
        choice
    }

    /// The export format and the export buttons.
    fn export_ui(&mut self, ui: &mut Ui) -> Option<AdminChoice> {
        let tr = crate::ui::words(ui.ctx());
        let format = &mut self.format;
        ui.horizontal_wrapped(|ui| {
            crate::ui::bidi::label(ui, fl!(tr, "admin-export-as"));
            ui.radio_value(format, ExportFormat::Csv, fl!(tr, "admin-format-csv"));
            ui.radio_value(format, ExportFormat::Jsonl, fl!(tr, "admin-format-jsonl"));
        });
        let enabled = !self.exporting;
        let dialog = export_row(
            ui,
            [
                &fl!(tr, "admin-export-responses"),
                &fl!(tr, "admin-export-journal"),
            ],
            enabled,
        )
        .map(|kind| AdminChoice::Export(kind, false));
        let folder = export_row(
            ui,
            [
                &fl!(tr, "admin-save-responses"),
                &fl!(tr, "admin-save-journal"),
            ],
            enabled,
        )
        .map(|kind| AdminChoice::Export(kind, true));
        folder.or(dialog)
    }
}

/// A row of two export buttons (the responses, the journal): which was
/// tapped.
fn export_row(ui: &mut Ui, [responses, journal]: [&str; 2], enabled: bool) -> Option<ExportKind> {
    ui.horizontal_wrapped(|ui| {
        let responses = button(ui, responses, enabled);
        let journal = button(ui, journal, enabled);
        if journal {
            Some(ExportKind::Journal)
        } else {
            responses.then_some(ExportKind::Responses)
        }
    })
    .inner
}

/// "Quit the kiosk?" with its two answers.
fn quit_confirm_ui(ui: &mut Ui) -> Option<AdminChoice> {
    let tr = crate::ui::words(ui.ctx());
    crate::ui::bidi::label(
        ui,
        RichText::new(fl!(tr, "admin-quit-confirm"))
            .strong()
            .color(ui.visuals().warn_fg_color),
    );
    ui.horizontal_wrapped(|ui| {
        let yes = button(ui, &fl!(tr, "admin-quit-yes"), true);
        let no = button(ui, &fl!(tr, "admin-quit-no"), true);
        if no {
            Some(AdminChoice::QuitCancelled)
        } else {
            yes.then_some(AdminChoice::QuitConfirmed)
        }
    })
    .inner
}

/// The row of the screen's actions (the last one tapped wins).
fn actions_ui(ui: &mut Ui, testing: bool) -> Option<AdminChoice> {
    let tr = crate::ui::words(ui.ctx());
    ui.horizontal_wrapped(|ui| {
        [
            (fl!(tr, "admin-back"), true, AdminChoice::Back),
            (fl!(tr, "admin-test"), !testing, AdminChoice::Test),
            (fl!(tr, "admin-edit"), true, AdminChoice::Edit),
            (fl!(tr, "admin-refresh"), true, AdminChoice::Refresh),
            (fl!(tr, "admin-quit"), true, AdminChoice::Quit),
        ]
        .into_iter()
        .fold(None, |chosen, (text, enabled, choice)| {
            if button(ui, &text, enabled) {
                Some(choice)
            } else {
                chosen
            }
        })
    })
    .inner
}

/// The version, the survey and the server.
fn about_ui(ui: &mut Ui, facts: &Facts<'_>) {
    let tr = crate::ui::words(ui.ctx());
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
}

/// The connection test, the last problem, a broken configuration file.
fn connection_ui(ui: &mut Ui, facts: &Facts<'_>, connection: &Connection<'_>) {
    let tr = crate::ui::words(ui.ctx());
    crate::ui::bidi::label(ui, RichText::new(fl!(tr, "admin-connection")).strong());
    let report = connection.report();
    report_ui(ui, connection.testing, report);
    if !connection.testing && report.is_none() {
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
}

/// Today's counts and the journal's (a spinner while they are read).
fn counts_ui(
    ui: &mut Ui,
    counts: Option<&Result<(Today, Counts), Words>>,
    client: &crate::api::Client,
) {
    let tr = crate::ui::words(ui.ctx());
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
                // So that the lines add up to "Started": a session a
                // restart or a power cut stopped, one that failed, and the
                // one under way.
                fl!(tr, "admin-other", count = today.other),
                fl!(tr, "admin-rehearsals", count = today.rehearsals),
            ] {
                crate::ui::bidi::label(ui, line);
            }
            crate::ui::bidi::label(
                ui,
                api_calls_line(&tr, client, today.started_while_counting),
            );
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
}

/// What waits to be sent, the journal's problem, where the files are.
fn waiting_ui(ui: &mut Ui, facts: &Facts<'_>) {
    let tr = crate::ui::words(ui.ctx());
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
}

/// Offline capture: whether the kiosk is capturing now, how many captured
/// respondents wait or need attention, and how much of the survey the map
/// knows (so a researcher knows before leaving the office whether it is
/// ready).
fn offline_ui(ui: &mut Ui, facts: &Facts<'_>, counts: Option<&Result<(Today, Counts), Words>>) {
    let tr = crate::ui::words(ui.ctx());
    let warn = ui.visuals().warn_fg_color;
    let captured = &facts.captured;
    let capture_on = facts.config.offline == crate::config::OfflineMode::Capture;
    if facts.capturing_offline {
        crate::ui::bidi::label(
            ui,
            RichText::new(fl!(
                tr,
                "admin-offline-capturing",
                respondents = captured.waiting
            ))
            .color(warn),
        );
    } else if captured.waiting > 0 {
        crate::ui::bidi::label(
            ui,
            fl!(
                tr,
                "admin-captured-waiting",
                respondents = captured.waiting,
                pages = captured.pages
            ),
        );
    }
    if captured.needs_attention > 0 {
        crate::ui::bidi::label(
            ui,
            RichText::new(fl!(
                tr,
                "admin-captured-attention",
                respondents = captured.needs_attention
            ))
            .color(warn),
        );
    }
    let Some(Ok((today, _))) = counts else {
        return;
    };
    let coverage = &today.coverage;
    if !capture_on && coverage.pages == 0 {
        return;
    }
    ui.add_space(12.0);
    crate::ui::bidi::label(ui, RichText::new(fl!(tr, "admin-map")).strong());
    if coverage.has_start {
        crate::ui::bidi::label(
            ui,
            fl!(
                tr,
                "admin-map-coverage",
                pages = coverage.pages,
                dead_ends = coverage.dead_ends,
                choices = coverage.choices_never_answered
            ),
        );
    } else {
        crate::ui::bidi::label(ui, RichText::new(fl!(tr, "admin-map-empty")).color(warn));
    }
}

/// "API calls today: N (M per respondent)", so an operator can size the
/// licence's call budget (the calls of this kiosk's client since it started
/// today, probes and recovery included; per respondent started today).
fn api_calls_line(tr: &crate::i18n::Tr, client: &crate::api::Client, started: u64) -> String {
    let calls = client.calls_today();
    let per = (started > 0).then(|| (calls as f64 / started as f64 * 10.0).round() / 10.0);
    let since = crate::operator::counting_since(client);
    if since <= crate::operator::start_of_today() {
        return match per {
            None => fl!(tr, "admin-api-calls", calls = calls),
            Some(per) => fl!(tr, "admin-api-calls-per", calls = calls, per = per),
        };
    }
    // Counted since the kiosk started (or setup saved), not since midnight:
    // say so, and divide by the respondents since then.
    let time = since
        .with_timezone(&chrono::Local)
        .format("%H:%M")
        .to_string();
    match per {
        None => fl!(tr, "admin-api-calls-since", calls = calls, time = time),
        Some(per) => fl!(
            tr,
            "admin-api-calls-since-per",
            calls = calls,
            time = time,
            per = per
        ),
    }
}

/// The connection test's result (a spinner while it runs).
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

/// An RFC 3339 time from the journal in this computer's time, e.g.
/// `2026-11-30 14:05`.
fn local_time(rfc3339: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(rfc3339).map_or_else(
        |_| rfc3339.to_owned(),
        |t| {
            t.with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        },
    )
}
