//! The operator's screens: the PIN prompt (with a keypad for touch screens),
//! the admin screen, and setup. They sit over the kiosk; the respondent loop
//! waits on its attract screen while one is open.

use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use egui::{Align, Layout, RichText, Ui};

use crate::api::Client;
use crate::check::CheckReport;
use crate::config::Config;
use crate::journal::{Counts, ExportFormat, Journal};
use crate::operator::{self, Attempt, CornerTaps, ExportKind, PinGate, Today};

use super::theme;
use super::widgets::TOUCH_HEIGHT;

/// The operator's screens close themselves after this long without input.
pub const IDLE_CLOSE: Duration = Duration::from_secs(90);
/// The corner that takes the unlock taps (top left), in points.
pub const CORNER: f32 = 90.0;

/// What the operator asked the app to do.
#[derive(Debug)]
pub enum Request {
    /// Save this configuration (already written) and restart the kiosk on it.
    Apply(Box<Config>),
    Quit,
}

/// A client and survey to test, or why there is none.
type Connected = Result<(Client, u64), String>;

/// A connection test running on its own thread.
struct Test {
    replies: mpsc::Receiver<CheckReport>,
    /// The form as it was tested (Save needs a passing test of these values).
    of: Option<SetupForm>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SetupForm {
    /// A key is saved already (empty keeps it).
    pub has_key: bool,
    pub survey_id: String,
    pub datacenter: String,
    pub base_url: String,
    pub api_key: String,
    pub pin: String,
    pub pin_again: String,
    pub title: String,
    pub welcome: String,
}

impl SetupForm {
    fn from_config(config: &Config) -> SetupForm {
        SetupForm {
            has_key: config.is_remote() && config.api_key.is_some(),
            survey_id: config
                .survey_id
                .map(|id| id.to_string())
                .unwrap_or_default(),
            datacenter: config.datacenter.clone().unwrap_or_else(|| "com".into()),
            base_url: config.base_url.clone().unwrap_or_default(),
            // Never shown again: left empty keeps the saved key.
            api_key: String::new(),
            pin: String::new(),
            pin_again: String::new(),
            title: config.title.clone(),
            welcome: config.welcome.clone(),
        }
    }

    /// The configuration this form describes, on top of `current`.
    fn to_config(&self, current: &Config) -> Result<Config, String> {
        let mut config = current.clone();
        let survey_id = self.survey_id.trim();
        config.survey_id = Some(
            survey_id
                .parse()
                .map_err(|_| "The survey id is a number, e.g. 12345678.".to_owned())?,
        );
        let base_url = self.base_url.trim();
        if base_url.is_empty() {
            config.base_url = None;
            let datacenter = self.datacenter.trim().trim_start_matches('.');
            config.datacenter = Some(if datacenter.is_empty() {
                "com".into()
            } else {
                datacenter.to_owned()
            });
        } else {
            crate::api::check_base_url(base_url)
                .map_err(|reason| format!("The base URL cannot be used: {reason}."))?;
            config.base_url = Some(base_url.to_owned());
            config.datacenter = None;
        }
        let key = self.api_key.trim();
        if !key.is_empty() {
            config.api_key = Some(key.to_owned());
        } else if !current.is_remote() || current.api_key.is_none() {
            // The demo's key is not the survey's.
            return Err("Please enter the API key.".into());
        }
        for (field, value) in [("title", &self.title), ("welcome text", &self.welcome)] {
            if value.trim().is_empty() {
                return Err(format!("Please enter the {field}."));
            }
        }
        config.title = self.title.trim().to_owned();
        config.welcome = self.welcome.trim().to_owned();
        if self.pin.is_empty() && self.pin_again.is_empty() {
            if config.operator_pin_hash.is_none() {
                return Err("Please choose an operator PIN (4 to 12 digits).".into());
            }
        } else {
            operator::check_new_pin(&self.pin)?;
            if self.pin != self.pin_again {
                return Err("The two PINs are not the same.".into());
            }
        }
        Ok(config)
    }
}

enum Panel {
    Pin {
        entered: String,
        message: Option<String>,
    },
    Admin {
        counts: Result<(Today, Counts), String>,
        format: ExportFormat,
        message: Option<String>,
    },
    Setup {
        form: SetupForm,
        message: Option<String>,
    },
}

/// Everything about the operator's side that lives in the window.
pub struct OperatorUi {
    panel: Option<Panel>,
    gate: PinGate,
    taps: CornerTaps,
    last_input: Instant,
    test: Option<Test>,
    report: Option<(CheckReport, Option<SetupForm>)>,
    exports: Option<mpsc::Receiver<String>>,
}

/// What the admin screen shows that the app knows.
pub struct Facts<'a> {
    pub config: &'a Config,
    pub client: &'a Client,
    pub survey_id: u64,
    pub base_url: &'a str,
    pub journal: Option<&'a std::path::Path>,
    pub journal_problem: Option<String>,
    /// Pages not yet settled with the server, as the worker's recovery last
    /// counted them.
    pub waiting: crate::journal::WaitingSummary,
    pub last_problem: Option<&'a str>,
    pub demo: bool,
}

impl OperatorUi {
    pub fn new(now: Instant) -> OperatorUi {
        OperatorUi {
            panel: None,
            gate: PinGate::default(),
            taps: CornerTaps::default(),
            last_input: now,
            test: None,
            report: None,
            exports: None,
        }
    }

    pub fn is_open(&self) -> bool {
        self.panel.is_some()
    }

    /// Watches this frame's input for the unlock gesture (five taps in the
    /// top-left corner within three seconds, or Ctrl+Shift+O) and for
    /// activity. Returns `true` when the gesture opened the operator's side.
    pub fn watch(&mut self, ctx: &egui::Context, config: &Config, now: Instant) -> bool {
        let (shortcut, corner_taps, active) = ctx.input(|i| {
            let shortcut = i.modifiers.ctrl && i.modifiers.shift && i.key_pressed(egui::Key::O);
            let taps = i
                .events
                .iter()
                .filter(|e| {
                    matches!(e, egui::Event::PointerButton { pos, pressed: true, .. }
                        if pos.x <= CORNER && pos.y <= CORNER)
                })
                .count();
            (shortcut, taps, !i.events.is_empty())
        });
        if active {
            self.last_input = now;
        }
        if self.panel.is_some() {
            if now.duration_since(self.last_input) >= IDLE_CLOSE {
                tracing::info!("operator screen closed after idling");
                self.close();
            }
            return false;
        }
        let tapped = (0..corner_taps).any(|_| self.taps.tap(now));
        if shortcut || tapped {
            self.open(config, now);
            return true;
        }
        false
    }

    /// Opens the operator's side: the PIN prompt, or setup when no PIN was
    /// ever set (first run).
    pub fn open(&mut self, config: &Config, now: Instant) {
        self.last_input = now;
        self.panel = Some(if config.operator_pin_hash.is_some() {
            Panel::Pin {
                entered: String::new(),
                message: None,
            }
        } else {
            self.setup_panel(config)
        });
    }

    fn setup_panel(&mut self, config: &Config) -> Panel {
        self.report = None;
        let mut form = SetupForm::from_config(config);
        if !config.is_remote() {
            // The demo's settings are no starting point for a real survey.
            form.survey_id.clear();
        }
        Panel::Setup {
            form,
            message: None,
        }
    }

    pub fn close(&mut self) {
        self.panel = None;
        self.report = None;
    }

    fn admin_panel(facts: &Facts<'_>) -> Panel {
        Panel::Admin {
            counts: load_counts(facts.journal),
            format: ExportFormat::Csv,
            message: None,
        }
    }

    /// Starts the connection test for `config` in the background.
    fn start_test(&mut self, connected: Connected, of: Option<SetupForm>) {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let report = match connected {
                Ok((client, survey_id)) => {
                    match tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                    {
                        Ok(runtime) => runtime.block_on(crate::check::check(&client, survey_id)),
                        Err(e) => CheckReport {
                            ok: false,
                            lines: vec![format!("Could not start the test: {e}")],
                            unsupported: 0,
                        },
                    }
                }
                Err(reason) => CheckReport {
                    ok: false,
                    lines: vec![reason],
                    unsupported: 0,
                },
            };
            let _ = tx.send(report);
        });
        self.report = None;
        self.test = Some(Test { replies: rx, of });
    }

    fn poll(&mut self, ctx: &egui::Context) {
        if let Some(test) = &self.test {
            match test.replies.try_recv() {
                Ok(report) => {
                    let of = self.test.take().and_then(|t| t.of);
                    self.report = Some((report, of));
                }
                Err(mpsc::TryRecvError::Empty) => {
                    ctx.request_repaint_after(Duration::from_millis(100))
                }
                Err(mpsc::TryRecvError::Disconnected) => self.test = None,
            }
        }
        if let Some(exports) = &self.exports {
            match exports.try_recv() {
                Ok(message) => {
                    self.exports = None;
                    if let Some(Panel::Admin { message: slot, .. }) = &mut self.panel {
                        *slot = Some(message);
                    }
                }
                Err(mpsc::TryRecvError::Empty) => {
                    ctx.request_repaint_after(Duration::from_millis(200))
                }
                Err(mpsc::TryRecvError::Disconnected) => self.exports = None,
            }
        }
    }

    /// Waits (really) for a running connection test. For tests and tools.
    pub fn wait_for_test(&mut self, timeout: Duration) -> bool {
        let Some(test) = &self.test else {
            // Already heard back (or never started).
            return self.report.is_some();
        };
        match test.replies.recv_timeout(timeout) {
            Ok(report) => {
                let of = self.test.take().and_then(|t| t.of);
                self.report = Some((report, of));
                true
            }
            Err(_) => false,
        }
    }

    /// Draws the open screen; returns what the app must do.
    pub fn draw(&mut self, ui: &mut Ui, facts: &Facts<'_>, now: Instant) -> Option<Request> {
        self.poll(ui.ctx());
        let mut request = None;
        let mut next: Option<Option<Panel>> = None;
        let mut test: Option<(Connected, Option<SetupForm>)> = None;
        // The running kiosk's own connection (the demo's too).
        let current = || Ok((facts.client.clone(), facts.survey_id));
        let mut export: Option<(ExportKind, ExportFormat)> = None;
        let testing = self.test.is_some();
        let report = self.report.clone();
        let locked = self.gate.locked_for(now);
        let gate = &mut self.gate;
        let panel = self.panel.as_mut()?;
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                ui.vertical_centered(|ui| {
                    ui.set_max_width(820.0f32.min(ui.available_width()));
                    ui.add_space(24.0);
                    ui.with_layout(Layout::top_down(Align::Min), |ui| match panel {
                        Panel::Pin { entered, message } => {
                            match pin_ui(ui, entered, message.as_deref(), locked) {
                                PinChoice::None => {}
                                PinChoice::Cancel => next = Some(None),
                                PinChoice::Unlock => {
                                    let hash =
                                        facts.config.operator_pin_hash.clone().unwrap_or_default();
                                    match gate.attempt(&hash, entered, now) {
                                        Attempt::Unlocked => {
                                            tracing::info!("operator unlocked the kiosk");
                                            next = Some(Some(Self::admin_panel(facts)));
                                            // Is the survey reachable and open? Asked at once.
                                            test = Some((current(), None));
                                        }
                                        Attempt::Wrong { left } => {
                                            *message = Some(format!(
                                                "Wrong PIN. {left} {} left.",
                                                if left == 1 { "try" } else { "tries" }
                                            ));
                                        }
                                        Attempt::Locked { remaining } => {
                                            *message = Some(locked_text(remaining));
                                        }
                                    }
                                    entered.clear();
                                }
                            }
                        }
                        Panel::Admin {
                            counts,
                            format,
                            message,
                        } => {
                            match admin_ui(
                                ui,
                                facts,
                                counts,
                                format,
                                message.as_deref(),
                                testing,
                                &report,
                            ) {
                                AdminChoice::None => {}
                                AdminChoice::Back => next = Some(None),
                                AdminChoice::Quit => request = Some(Request::Quit),
                                AdminChoice::Test => test = Some((current(), None)),
                                AdminChoice::Edit => {
                                    next = Some(Some(Panel::Setup {
                                        form: SetupForm::from_config(facts.config),
                                        message: None,
                                    }))
                                }
                                AdminChoice::Refresh => *counts = load_counts(facts.journal),
                                AdminChoice::Export(kind) => export = Some((kind, *format)),
                            }
                        }
                        Panel::Setup { form, message } => {
                            let tested_ok = report
                                .as_ref()
                                .is_some_and(|(r, of)| r.ok && of.as_ref() == Some(form));
                            match setup_ui(
                                ui,
                                form,
                                message.as_deref(),
                                testing,
                                &report,
                                tested_ok,
                            ) {
                                SetupChoice::None => {}
                                SetupChoice::Cancel => next = Some(None),
                                SetupChoice::Test => match form.to_config(facts.config) {
                                    Ok(config) => {
                                        test = Some((config.connect(), Some(form.clone())))
                                    }
                                    Err(problem) => *message = Some(problem),
                                },
                                SetupChoice::Save => match save(form, facts.config) {
                                    Ok(config) => {
                                        request = Some(Request::Apply(Box::new(config)));
                                        next = Some(None);
                                    }
                                    Err(problem) => *message = Some(problem),
                                },
                            }
                        }
                    });
                });
            });
        });
        if let Some((connected, of)) = test {
            self.start_test(connected, of);
        }
        if let Some((kind, format)) = export {
            self.start_export(facts.journal.map(std::path::Path::to_owned), kind, format);
        }
        if let Some(panel) = next {
            self.panel = panel;
            if self.panel.is_none() {
                self.report = None;
            }
        }
        request
    }

    /// Asks where to save through the native dialog (on its own thread: the
    /// window keeps painting), then writes the export.
    fn start_export(&mut self, journal: Option<PathBuf>, kind: ExportKind, format: ExportFormat) {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let message = match journal {
                None => "This kiosk keeps no journal, so there is nothing to export.".to_owned(),
                Some(journal) => match rfd::FileDialog::new()
                    .set_title("Export")
                    .set_file_name(kind.file_name(format))
                    .save_file()
                {
                    None => "Export cancelled.".to_owned(),
                    Some(path) => match operator::export_to(&journal, &path, kind, format) {
                        Ok(rows) => format!("{rows} row(s) saved to {}.", path.display()),
                        Err(problem) => format!("The export failed: {problem}"),
                    },
                },
            };
            let _ = tx.send(message);
        });
        self.exports = Some(rx);
    }
}

fn load_counts(journal: Option<&std::path::Path>) -> Result<(Today, Counts), String> {
    let path = journal.ok_or("This kiosk keeps no journal.")?;
    let journal = Journal::open(path, true).map_err(|e| e.to_string())?;
    let today =
        Today::from_journal(&journal, operator::start_of_today()).map_err(|e| e.to_string())?;
    let counts = journal.counts().map_err(|e| e.to_string())?;
    Ok((today, counts))
}

fn save(form: &SetupForm, current: &Config) -> Result<Config, String> {
    let mut config = form.to_config(current)?;
    if !form.pin.is_empty() {
        config.operator_pin_hash = Some(operator::hash_pin(&form.pin).map_err(|e| e.to_string())?);
    }
    let path = current
        .source
        .clone()
        .or_else(Config::default_path)
        .ok_or("This computer has no configuration folder.")?;
    // `--windowed` on the command line is not a setting: keep the file's.
    let mut on_disk = config.clone();
    on_disk.windowed = Config::load(&path, false).is_ok_and(|c| c.windowed);
    operator::save_config(&on_disk, &path)?;
    config.source = Some(path.clone());
    tracing::info!(path = %path.display(), "configuration saved by the operator");
    Ok(config)
}

fn locked_text(remaining: Duration) -> String {
    format!(
        "Too many wrong PINs. Try again in {} s.",
        super::screens::seconds_shown(remaining)
    )
}

fn heading(ui: &mut Ui, text: &str) {
    ui.label(RichText::new(text).text_style(theme::title()).strong());
    ui.add_space(12.0);
}

fn button(ui: &mut Ui, text: &str, enabled: bool) -> bool {
    ui.add_enabled(
        enabled,
        egui::Button::new(RichText::new(text))
            .min_size(egui::vec2(TOUCH_HEIGHT * 3.0, TOUCH_HEIGHT)),
    )
    .clicked()
}

enum PinChoice {
    None,
    Unlock,
    Cancel,
}

fn pin_ui(
    ui: &mut Ui,
    entered: &mut String,
    message: Option<&str>,
    locked: Option<Duration>,
) -> PinChoice {
    heading(ui, "Operator");
    let label = ui.label("PIN");
    ui.add_space(8.0);
    let field = ui
        .add(
            egui::TextEdit::singleline(entered)
                .password(true)
                .hint_text("Enter the operator PIN")
                .desired_width(320.0)
                .font(egui::TextStyle::Heading),
        )
        .labelled_by(label.id);
    let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    if let Some(message) = locked.map(locked_text).as_deref().or(message) {
        ui.add_space(8.0);
        ui.label(RichText::new(message).color(ui.visuals().error_fg_color));
    }
    ui.add_space(12.0);
    // A keypad: kiosks often have no keyboard.
    let size = egui::vec2(TOUCH_HEIGHT * 1.6, TOUCH_HEIGHT * 1.2);
    for row in [["1", "2", "3"], ["4", "5", "6"], ["7", "8", "9"]] {
        ui.horizontal(|ui| {
            for digit in row {
                if ui
                    .add(egui::Button::new(RichText::new(digit).heading()).min_size(size))
                    .clicked()
                    && entered.len() < 12
                {
                    entered.push_str(digit);
                }
            }
        });
    }
    let mut choice = PinChoice::None;
    ui.horizontal(|ui| {
        if ui
            .add(egui::Button::new(RichText::new("Clear").heading()).min_size(size))
            .clicked()
        {
            entered.clear();
        }
        if ui
            .add(egui::Button::new(RichText::new("0").heading()).min_size(size))
            .clicked()
            && entered.len() < 12
        {
            entered.push('0');
        }
        if ui
            .add_enabled(
                locked.is_none(),
                egui::Button::new(RichText::new("Unlock").heading()).min_size(size),
            )
            .clicked()
            || (enter && locked.is_none())
        {
            choice = PinChoice::Unlock;
        }
    });
    ui.add_space(16.0);
    if button(ui, "Cancel", true) {
        choice = PinChoice::Cancel;
    }
    choice
}

enum AdminChoice {
    None,
    Back,
    Quit,
    Test,
    Edit,
    Refresh,
    Export(ExportKind),
}

fn report_ui(ui: &mut Ui, testing: bool, report: Option<&CheckReport>) {
    if testing {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Testing the connection…");
        });
    } else if let Some(report) = report {
        let (mark, color) = if report.ok {
            (
                "Connected: the survey is reachable and open.",
                ui.visuals().selection.bg_fill,
            )
        } else {
            ("The survey cannot run:", ui.visuals().error_fg_color)
        };
        ui.label(RichText::new(mark).strong().color(color));
        for line in &report.lines {
            ui.label(RichText::new(line).small());
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn admin_ui(
    ui: &mut Ui,
    facts: &Facts<'_>,
    counts: &Result<(Today, Counts), String>,
    format: &mut ExportFormat,
    message: Option<&str>,
    testing: bool,
    report: &Option<(CheckReport, Option<SetupForm>)>,
) -> AdminChoice {
    let mut choice = AdminChoice::None;
    heading(ui, "Operator");
    ui.horizontal_wrapped(|ui| {
        if button(ui, "Back to the kiosk", true) {
            choice = AdminChoice::Back;
        }
        if button(ui, "Test the connection", !testing) {
            choice = AdminChoice::Test;
        }
        if button(ui, "Edit settings", true) {
            choice = AdminChoice::Edit;
        }
        if button(ui, "Refresh", true) {
            choice = AdminChoice::Refresh;
        }
        if button(ui, "Quit the kiosk", true) {
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
    ui.label(RichText::new("Connection").strong());
    report_ui(ui, testing, report.as_ref().map(|(r, _)| r));
    if !testing && report.is_none() {
        ui.label("Not tested yet.");
    }
    ui.label(format!(
        "Last problem: {}",
        facts.last_problem.unwrap_or("none")
    ));
    ui.add_space(12.0);
    ui.label(RichText::new("Today").strong());
    match counts {
        Ok((today, journal)) => {
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
            ui.label(RichText::new("Journal").strong());
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
        Err(problem) => {
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
        ui.label("Export as");
        ui.radio_value(format, ExportFormat::Csv, "CSV");
        ui.radio_value(format, ExportFormat::Jsonl, "JSON lines");
    });
    ui.horizontal_wrapped(|ui| {
        if button(ui, "Export the response log…", true) {
            choice = AdminChoice::Export(ExportKind::Responses);
        }
        if button(ui, "Export the journal…", true) {
            choice = AdminChoice::Export(ExportKind::Journal);
        }
    });
    if let Some(message) = message {
        ui.label(message);
    }
    ui.add_space(24.0);
    choice
}

enum SetupChoice {
    None,
    Test,
    Save,
    Cancel,
}

fn labelled(ui: &mut Ui, label: &str, hint: &str, value: &mut String, password: bool) {
    let label = ui.label(label);
    ui.add(
        egui::TextEdit::singleline(value)
            .password(password)
            .hint_text(hint)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
    ui.add_space(6.0);
}

fn setup_ui(
    ui: &mut Ui,
    form: &mut SetupForm,
    message: Option<&str>,
    testing: bool,
    report: &Option<(CheckReport, Option<SetupForm>)>,
    tested_ok: bool,
) -> SetupChoice {
    let mut choice = SetupChoice::None;
    heading(ui, "Set up this kiosk");
    ui.label("Point the kiosk at your QuestionPro survey. The connection is tested before anything is saved.");
    ui.add_space(12.0);
    labelled(ui, "Survey id", "e.g. 12345678", &mut form.survey_id, false);
    labelled(
        ui,
        "Datacenter",
        "com, eu, ca, …",
        &mut form.datacenter,
        false,
    );
    labelled(
        ui,
        "Base URL (instead of a datacenter)",
        "https://api.questionpro.com/a/api/v2",
        &mut form.base_url,
        false,
    );
    let key_hint = if form.has_key {
        "leave empty to keep the saved key"
    } else {
        "your QuestionPro API key"
    };
    labelled(ui, "API key", key_hint, &mut form.api_key, true);
    labelled(ui, "Operator PIN", "4 to 12 digits", &mut form.pin, true);
    labelled(
        ui,
        "Operator PIN again",
        "the same PIN",
        &mut form.pin_again,
        true,
    );
    labelled(
        ui,
        "Title",
        "We'd love your feedback",
        &mut form.title,
        false,
    );
    labelled(
        ui,
        "Welcome text",
        "It takes about two minutes.",
        &mut form.welcome,
        false,
    );
    if let Some(message) = message {
        ui.label(RichText::new(message).color(ui.visuals().error_fg_color));
    }
    let current = report
        .as_ref()
        .filter(|(_, of)| of.as_ref() == Some(form))
        .map(|(r, _)| r);
    report_ui(ui, testing, current);
    ui.add_space(12.0);
    ui.horizontal_wrapped(|ui| {
        if button(ui, "Test the connection", !testing) {
            choice = SetupChoice::Test;
        }
        if button(ui, "Save", tested_ok && !testing) {
            choice = SetupChoice::Save;
        }
        if button(ui, "Cancel", true) {
            choice = SetupChoice::Cancel;
        }
    });
    if !tested_ok {
        ui.label(RichText::new("Save is possible once the connection test passes.").small());
    }
    choice
}

/// The small "Set up this kiosk" link on a kiosk that has no operator PIN
/// yet (first run); returns `true` when tapped.
pub fn setup_link(ctx: &egui::Context) -> bool {
    egui::Area::new(egui::Id::unique("setup-link"))
        .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-16.0, -16.0))
        // Shown at once: a fade-in repaints the whole window for a while
        // after every reset, which a software renderer pays for.
        .fade_in(false)
        .show(ctx, |ui| {
            ui.add(
                egui::Button::new(RichText::new("Set up this kiosk"))
                    .min_size(egui::vec2(0.0, TOUCH_HEIGHT)),
            )
            .clicked()
        })
        .inner
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
