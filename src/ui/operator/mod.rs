//! The operator's screens: the unlock gesture ([`unlock`]), the PIN prompt
//! with its keypad ([`pin`]), the admin screen ([`admin`]) and setup
//! ([`setup`]). They sit over the kiosk; the respondent loop waits on its
//! attract screen while one is open.
//!
//! Like the respondent's path, a frame only draws and collects what was
//! tapped: checking a PIN, reading counts, testing the connection, saving
//! and exporting are [`Job`]s for the operator's background thread
//! ([`crate::operator::tasks`]), whose replies arrive in a later frame.

mod admin;
mod pin;
mod setup;
mod unlock;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use egui::{Align, Layout, RichText, Ui};

use crate::api::Client;
use crate::check::CheckReport;
use crate::config::Config;
use crate::i18n::Words;
use crate::journal::{Counts, ExportFormat};
use crate::operator::tasks::{Done, Job, Relaunch, Tasks, TasksError, TestTarget};
use crate::operator::{Attempt, CornerTaps, PinGate, Today, WayIn};

pub use setup::SetupForm;
pub use unlock::setup_link;

use super::theme;
use super::widgets::TOUCH_HEIGHT;

/// The operator's screens close themselves after this long without input.
pub const IDLE_CLOSE: Duration = Duration::from_secs(90);
/// The corner that takes the unlock taps (top left), in points.
pub const CORNER: f32 = 90.0;
/// How long "no operator PIN is set" stays up (a tap on it closes it).
pub const NO_PIN_NOTICE: Duration = Duration::from_secs(12);

/// What the operator asked the app to do.
pub enum Request {
    /// Setup saved: run the kiosk on this (a new client, worker and
    /// configuration, made on the background thread).
    Apply(Box<Relaunch>),
    Quit,
}

enum Panel {
    Pin {
        entered: String,
        message: Option<Words>,
        /// The entered PIN is being checked.
        checking: bool,
    },
    Admin {
        /// `None` while they are being read.
        counts: Option<Result<(Today, Counts), Words>>,
        format: ExportFormat,
        message: Option<Words>,
        exporting: bool,
        /// "Quit the kiosk" was tapped: asking to be sure.
        confirm_quit: bool,
    },
    Setup {
        form: SetupForm,
        message: Option<Words>,
        saving: bool,
        /// Opened from the admin screen: Cancel goes back there.
        from_admin: bool,
    },
}

/// What the admin screen needs once the PIN is right.
struct OnUnlock {
    journal: Option<PathBuf>,
    current: (Client, u64),
}

/// Everything about the operator's side that lives in the window.
pub struct OperatorUi {
    panel: Option<Panel>,
    gate: PinGate,
    taps: CornerTaps,
    last_input: Instant,
    tasks: Tasks,
    /// A connection test under way, with the setup form it tests (`None`
    /// for the running kiosk's own connection).
    testing: Option<Option<SetupForm>>,
    report: Option<(CheckReport, Option<SetupForm>)>,
    on_unlock: Option<OnUnlock>,
    /// What the app must do, found while taking a job's reply.
    request: Option<Request>,
    /// Where the PIN lock is kept (next to the journal), if anywhere.
    lock_file: Option<PathBuf>,
    /// "No operator PIN is set", shown until then.
    no_pin_notice: Option<Instant>,
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
    /// The configuration file changed and cannot be used: why
    /// ([`crate::config_watch::ConfigWatch::last_error`]).
    pub config_problem: Option<&'a str>,
}

impl OperatorUi {
    /// `ctx` is asked to repaint when a background job is done. The PIN
    /// lock is kept in `lock_file` (read here, at start: a restart gives no
    /// fresh tries).
    pub fn new(
        ctx: &egui::Context,
        now: Instant,
        lock_file: Option<PathBuf>,
    ) -> Result<OperatorUi, TasksError> {
        let repaint = ctx.clone();
        let gate = lock_file.as_deref().map_or_else(PinGate::default, |path| {
            PinGate::load(path, now, std::time::SystemTime::now())
        });
        Ok(OperatorUi {
            panel: None,
            gate,
            taps: CornerTaps::default(),
            last_input: now,
            tasks: Tasks::spawn(move || repaint.request_repaint())?,
            testing: None,
            report: None,
            on_unlock: None,
            request: None,
            lock_file,
            no_pin_notice: None,
        })
    }

    pub fn is_open(&self) -> bool {
        self.panel.is_some()
    }

    /// Opens the operator's side: the PIN prompt, or setup on a first run
    /// (no survey, no PIN); with a survey but no PIN, nothing opens and a
    /// notice says how to set one. Returns whether a screen opened.
    pub fn open(&mut self, config: &Config, now: Instant) -> bool {
        self.last_input = now;
        self.panel = match crate::operator::way_in(config) {
            WayIn::Pin => Some(Panel::Pin {
                entered: String::new(),
                message: None,
                checking: false,
            }),
            WayIn::Setup => Some(self.setup_panel(config)),
            WayIn::NoPin => {
                tracing::warn!(
                    "the operator gesture opens nothing: no operator PIN is set \
                     (survey-kiosk set-pin)"
                );
                self.no_pin_notice = Some(now + NO_PIN_NOTICE);
                None
            }
        };
        self.panel.is_some()
    }

    /// Whether "no operator PIN is set" is on screen.
    pub fn shows_no_pin_notice(&self) -> bool {
        self.no_pin_notice.is_some()
    }

    /// Draws "no operator PIN is set" over the kiosk while it lasts; a tap
    /// on it closes it.
    pub fn draw_notice(&mut self, ctx: &egui::Context, now: Instant) {
        let Some(until) = self.no_pin_notice else {
            return;
        };
        if now >= until {
            self.no_pin_notice = None;
            return;
        }
        let tapped = egui::Area::new(egui::Id::unique("no-pin-notice"))
            .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 16.0))
            .order(egui::Order::Foreground)
            .fade_in(false)
            .show(ctx, |ui| {
                ui.set_max_width(640.0f32.min(ui.available_width()));
                let text = crate::i18n::fl!(crate::ui::words(ui.ctx()), "operator-no-pin");
                ui.add(
                    egui::Button::new(RichText::new(crate::ui::bidi::line_text(&text)).strong())
                        .wrap()
                        .min_size(egui::vec2(0.0, TOUCH_HEIGHT)),
                )
                .clicked()
            })
            .inner;
        if tapped {
            self.no_pin_notice = None;
        } else {
            ctx.request_repaint_after(until.saturating_duration_since(now));
        }
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
            saving: false,
            from_admin: false,
        }
    }

    fn admin_panel() -> Panel {
        Panel::Admin {
            counts: None,
            format: ExportFormat::Csv,
            message: None,
            exporting: false,
            confirm_quit: false,
        }
    }

    pub fn close(&mut self) {
        self.panel = None;
        self.report = None;
        self.on_unlock = None;
    }

    /// Hands the kiosk's previous worker to the background thread, which
    /// lets its in-flight sends finish and joins it: the window never waits.
    pub fn retire(&mut self, old: Box<dyn Send>) {
        self.tasks.send(Job::Retire(old));
    }

    fn start_test(&mut self, target: TestTarget, of: Option<SetupForm>) {
        self.report = None;
        self.testing = Some(of);
        self.tasks.send(Job::Test { target });
    }

    /// Keeps `gate` on disk (on the background thread).
    fn keep_lock(&mut self, gate: &PinGate, now: Instant) {
        if let Some(path) = &self.lock_file {
            let state = gate.state(now, std::time::SystemTime::now());
            let path = path.clone();
            self.tasks.send(Job::SaveLock { path, state });
        }
    }

    /// Takes the background thread's reply to a job.
    fn take(&mut self, done: Done, now: Instant) {
        match done {
            Done::Pin { matched } => {
                let before = self.gate.clone();
                let attempt = self.gate.record(matched, now);
                if self.gate != before {
                    let gate = self.gate.clone();
                    self.keep_lock(&gate, now);
                }
                let Some(Panel::Pin {
                    message, checking, ..
                }) = &mut self.panel
                else {
                    return;
                };
                *checking = false;
                match attempt {
                    Attempt::Unlocked => {
                        tracing::info!("operator unlocked the kiosk");
                        let Some(unlock) = self.on_unlock.take() else {
                            return;
                        };
                        self.panel = Some(Self::admin_panel());
                        self.tasks.send(Job::Counts {
                            journal: unlock.journal,
                        });
                        // Is the survey reachable and open? Asked at once.
                        let (client, survey_id) = unlock.current;
                        self.start_test(TestTarget::Running(client, survey_id), None);
                    }
                    Attempt::Wrong { left } => {
                        *message = Some(pin::wrong_text(left));
                    }
                    Attempt::Locked { .. } => {
                        // The prompt says so from the gate, counting down.
                        *message = None;
                    }
                }
            }
            Done::Counts(loaded) => {
                if let Some(Panel::Admin { counts, .. }) = &mut self.panel {
                    *counts = Some(loaded);
                }
            }
            Done::Test(report) => {
                let of = self.testing.take().flatten();
                self.report = Some((report, of));
            }
            Done::Saved(Ok(relaunch)) => {
                // Handed to the app (and the screen closed) by the next draw.
                self.request = Some(Request::Apply(relaunch));
            }
            Done::Saved(Err(problem)) => {
                if let Some(Panel::Setup {
                    message, saving, ..
                }) = &mut self.panel
                {
                    *saving = false;
                    *message = Some(problem);
                }
            }
            Done::Exported(text) => {
                if let Some(Panel::Admin {
                    message, exporting, ..
                }) = &mut self.panel
                {
                    *exporting = false;
                    *message = Some(text);
                }
            }
            Done::Retired | Done::LockSaved => {}
        }
    }

    /// Waits (really) until every background job is done and taken, those
    /// a reply starts included (the PIN check, then the admin screen's
    /// counts and connection test). For tests and tools.
    pub fn wait_until_idle(&mut self, timeout: Duration, now: Instant) -> bool {
        let deadline = Instant::now() + timeout;
        while self.tasks.busy() {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.tasks.recv_timeout(left) {
                Some(done) => self.take(done, now),
                None => return false,
            }
        }
        true
    }

    /// Draws the open screen; returns what the app must do.
    pub fn draw(&mut self, ui: &mut Ui, facts: &Facts<'_>, now: Instant) -> Option<Request> {
        while let Some(done) = self.tasks.try_recv() {
            self.take(done, now);
        }
        if let Some(request) = self.request.take() {
            self.close();
            return Some(request);
        }
        let mut request = None;
        let mut next: Option<Option<Panel>> = None;
        let mut jobs: Vec<Job> = Vec::new();
        let mut test: Option<(TestTarget, Option<SetupForm>)> = None;
        // The running kiosk's own connection (the demo's too).
        let current = || (facts.client.clone(), facts.survey_id);
        let testing = self.testing.is_some();
        let report = self.report.clone();
        let locked = self.gate.locked_for(now);
        if let Some(left) = locked {
            // The lock message counts down by itself.
            ui.ctx()
                .request_repaint_after(crate::ui::screens::until_next_second(left));
        }
        let mut unlock_with: Option<String> = None;
        let panel = self.panel.as_mut()?;
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical()
                .scroll_source(egui::scroll_area::ScrollSource::ALL)
                .show(ui, |ui| {
                    ui.vertical_centered(|ui| {
                        ui.set_max_width(820.0f32.min(ui.available_width()));
                        ui.add_space(24.0);
                        ui.with_layout(Layout::top_down(Align::Min), |ui| match panel {
                            Panel::Pin {
                                entered,
                                message,
                                checking,
                            } => {
                                match pin::pin_ui(ui, entered, message.as_ref(), locked, *checking)
                                {
                                    pin::PinChoice::None => {}
                                    pin::PinChoice::Cancel => next = Some(None),
                                    pin::PinChoice::Unlock => {
                                        unlock_with = Some(std::mem::take(entered));
                                        *checking = true;
                                        *message = None;
                                    }
                                }
                            }
                            Panel::Admin {
                                counts,
                                format,
                                message,
                                exporting,
                                confirm_quit,
                            } => match admin::admin_ui(
                                ui,
                                facts,
                                counts.as_ref(),
                                format,
                                message.as_ref(),
                                testing,
                                *exporting,
                                *confirm_quit,
                                &report,
                            ) {
                                admin::AdminChoice::None => {}
                                admin::AdminChoice::Back => next = Some(None),
                                admin::AdminChoice::Quit => *confirm_quit = true,
                                admin::AdminChoice::QuitConfirmed => request = Some(Request::Quit),
                                admin::AdminChoice::QuitCancelled => *confirm_quit = false,
                                admin::AdminChoice::Test => {
                                    let (client, survey_id) = current();
                                    test = Some((TestTarget::Running(client, survey_id), None));
                                }
                                admin::AdminChoice::Edit => {
                                    next = Some(Some(Panel::Setup {
                                        form: SetupForm::from_config(facts.config),
                                        message: None,
                                        saving: false,
                                        from_admin: true,
                                    }))
                                }
                                admin::AdminChoice::Refresh => {
                                    *counts = None;
                                    jobs.push(Job::Counts {
                                        journal: facts.journal.map(std::path::Path::to_owned),
                                    });
                                }
                                admin::AdminChoice::Export(kind, to_folder) => {
                                    *exporting = true;
                                    *message = None;
                                    jobs.push(Job::Export {
                                        journal: facts.journal.map(std::path::Path::to_owned),
                                        kind,
                                        format: *format,
                                        to_folder: if to_folder { exports_folder() } else { None },
                                        title: crate::i18n::fl!(
                                            crate::ui::words(ui.ctx()),
                                            "admin-export-title"
                                        ),
                                    });
                                }
                            },
                            Panel::Setup {
                                form,
                                message,
                                saving,
                                from_admin,
                            } => {
                                let tested_ok = report
                                    .as_ref()
                                    .is_some_and(|(r, of)| r.ok && of.as_ref() == Some(form));
                                match setup::setup_ui(
                                    ui,
                                    facts.config,
                                    form,
                                    message.as_ref(),
                                    testing || *saving,
                                    &report,
                                    tested_ok,
                                ) {
                                    setup::SetupChoice::None => {}
                                    setup::SetupChoice::Cancel if *from_admin => {
                                        next = Some(Some(Self::admin_panel()));
                                        jobs.push(Job::Counts {
                                            journal: facts.journal.map(std::path::Path::to_owned),
                                        });
                                    }
                                    setup::SetupChoice::Cancel => next = Some(None),
                                    setup::SetupChoice::Test => {
                                        match form.to_config(facts.config) {
                                            Ok(config) => {
                                                test = Some((
                                                    TestTarget::Candidate(Box::new(config)),
                                                    Some(form.clone()),
                                                ));
                                            }
                                            Err(problem) => *message = Some(problem),
                                        }
                                    }
                                    setup::SetupChoice::Save => {
                                        match form.to_config(facts.config) {
                                            Ok(config) => {
                                                *saving = true;
                                                *message = None;
                                                let repaint = ui.ctx().clone();
                                                jobs.push(Job::Save {
                                                    config: Box::new(config),
                                                    new_pin: Some(form.pin.clone())
                                                        .filter(|p| !p.is_empty()),
                                                    journal: facts
                                                        .journal
                                                        .map(std::path::Path::to_owned),
                                                    repaint: std::sync::Arc::new(move || {
                                                        repaint.request_repaint()
                                                    }),
                                                });
                                            }
                                            Err(problem) => *message = Some(problem),
                                        }
                                    }
                                }
                            }
                        });
                    });
                    crate::ui::screens::tab_into_view(ui);
                });
        });
        if let Some(pin) = unlock_with {
            match self.gate.locked_for(now) {
                Some(remaining) => {
                    if let Some(Panel::Pin {
                        message, checking, ..
                    }) = &mut self.panel
                    {
                        *checking = false;
                        *message = Some(pin::locked_text(remaining));
                    }
                }
                None => {
                    self.on_unlock = Some(OnUnlock {
                        journal: facts.journal.map(std::path::Path::to_owned),
                        current: current(),
                    });
                    // Kept as a wrong try before the (slow) check: stopping
                    // the kiosk meanwhile gives no free try.
                    let if_wrong = self.gate.if_wrong(now);
                    self.keep_lock(&if_wrong, now);
                    let hash = facts.config.operator_pin_hash.clone().unwrap_or_default();
                    jobs.push(Job::VerifyPin { hash, pin });
                }
            }
        }
        for job in jobs {
            self.tasks.send(job);
        }
        if let Some((connected, of)) = test {
            self.start_test(connected, of);
        }
        if let Some(panel) = next {
            self.panel = panel;
            if self.panel.is_none() {
                self.report = None;
            }
        }
        request
    }
}

/// Where "Save in the kiosk's exports folder" writes: `exports/` in the
/// data directory (next to the journal and the logs).
pub fn exports_folder() -> Option<PathBuf> {
    crate::config::data_dir().map(|dir| dir.join("exports"))
}

fn heading(ui: &mut Ui, text: &str) {
    crate::ui::bidi::label(ui, RichText::new(text).text_style(theme::title()).strong());
    ui.add_space(12.0);
}

fn button(ui: &mut Ui, text: &str, enabled: bool) -> bool {
    ui.add_enabled(
        enabled,
        egui::Button::new(RichText::new(crate::ui::bidi::line_text(text)))
            .min_size(egui::vec2(TOUCH_HEIGHT * 3.0, TOUCH_HEIGHT)),
    )
    .clicked()
}
