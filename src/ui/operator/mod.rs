//! The operator's screens: the unlock gesture (`unlock`), the PIN prompt
//! with its keypad (`pin`), the admin screen (`admin`) and setup
//! (`setup`). They sit over the kiosk; the respondent loop waits on its
//! attract screen while one is open.
//!
//! Like the respondent's path, a frame only draws and collects what was
//! tapped: checking a PIN, reading counts, testing the connection, saving
//! and exporting are `Job`s for the operator's background thread
//! (`crate::operator::tasks`), whose replies arrive in a later frame.
//!
//! Each screen is a struct holding its own state (`pin::PinPanel`,
//! `admin::AdminPanel` with its quit confirmation, `setup::SetupPanel`,
//! `unlock::NoPinNotice`) whose `ui()` draws it and returns what the
//! operator picked; `OperatorUi::draw` applies that after drawing
//! (starts jobs, switches screens), as the respondent's screens return
//! their actions to the app.

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
use crate::operator::tasks::{Done, Job, Relaunch, Tasks, TasksError, TestTarget};
use crate::operator::{Attempt, CornerTaps, PinGate, WayIn};

use admin::{AdminChoice, AdminPanel};
use pin::{PinChoice, PinPanel};
use setup::{SetupChoice, SetupPanel};
use unlock::{NoPinNotice, NoticeChoice};

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

/// The open screen, each with its own state.
enum Panel {
    Pin(PinPanel),
    Admin(AdminPanel),
    Setup(SetupPanel),
}

/// What the operator picked on the open screen, applied after drawing
/// ([`OperatorUi::apply`]).
enum Choice {
    Pin(PinChoice),
    Admin(AdminChoice),
    Setup(SetupChoice),
}

impl Panel {
    /// Draws the screen; `locked`: how long the PIN lock still holds.
    fn ui(
        &mut self,
        ui: &mut Ui,
        facts: &Facts<'_>,
        connection: &Connection<'_>,
        locked: Option<Duration>,
    ) -> Option<Choice> {
        match self {
            Panel::Pin(panel) => panel.ui(ui, locked).map(Choice::Pin),
            Panel::Admin(panel) => panel.ui(ui, facts, connection).map(Choice::Admin),
            Panel::Setup(panel) => {
                panel.ui(ui, facts.config, connection);
                None
            }
        }
    }

    /// The bar at the foot of the screen, for the screens that have one
    /// (setup: its messages and buttons stay in view).
    fn bar(&mut self, ui: &mut Ui, connection: &Connection<'_>) -> Option<Choice> {
        match self {
            Panel::Setup(panel) => panel.bar_ui(ui, connection).map(Choice::Setup),
            Panel::Pin(_) | Panel::Admin(_) => None,
        }
    }
}

/// The connection test as the screens show it.
struct Connection<'a> {
    /// A test is under way.
    testing: bool,
    /// The last test's report, with the setup form it tested (`None`: the
    /// running kiosk's own connection).
    report: Option<&'a (CheckReport, Option<SetupForm>)>,
}

impl<'a> Connection<'a> {
    /// The last report, whatever it tested.
    fn report(&self) -> Option<&'a CheckReport> {
        self.report.map(|(report, _)| report)
    }

    /// The last report if it tested exactly `form`.
    fn report_of(&self, form: &SetupForm) -> Option<&'a CheckReport> {
        self.report
            .filter(|(_, of)| of.as_ref() == Some(form))
            .map(|(report, _)| report)
    }
}

/// What the admin screen needs once the PIN is right.
struct OnUnlock {
    journal: Option<PathBuf>,
    current: (Client, u64),
    map: MapKey,
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
    /// "No operator PIN is set", while it is shown.
    no_pin_notice: Option<NoPinNotice>,
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
    /// Respondents are captured offline now (the API could not be reached
    /// at the last start).
    pub capturing_offline: bool,
    /// Captured respondents and their replay, as replay last counted them.
    pub captured: crate::journal::CaptureSummary,
}

/// Which survey map the admin screen shows: the survey and language.
pub type MapKey = (u64, String);

fn map_key(facts: &Facts<'_>) -> MapKey {
    (
        facts.survey_id,
        facts.config.language.clone().unwrap_or_default(),
    )
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
            WayIn::Pin => Some(Panel::Pin(PinPanel::default())),
            WayIn::Setup => Some(self.setup_panel(config)),
            WayIn::NoPin => {
                tracing::warn!(
                    "the operator gesture opens nothing: no operator PIN is set \
                     (survey-kiosk set-pin)"
                );
                self.no_pin_notice = Some(NoPinNotice {
                    until: now + NO_PIN_NOTICE,
                });
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
        let Some(notice) = &mut self.no_pin_notice else {
            return;
        };
        if let Some(NoticeChoice::Close) = notice.ui(ctx, now) {
            self.no_pin_notice = None;
        }
    }

    fn setup_panel(&mut self, config: &Config) -> Panel {
        self.report = None;
        let mut form = SetupForm::from_config(config);
        if !config.is_remote() {
            // The demo's settings are no starting point for a real survey.
            form.survey_id.clear();
        }
        Panel::Setup(SetupPanel::new(form, false))
    }

    pub fn close(&mut self) {
        self.panel = None;
        self.report = None;
        self.on_unlock = None;
    }

    /// Hands the kiosk's previous worker (or the embedded demo server) to
    /// the background thread, which lets its in-flight sends finish and
    /// joins it: the window never waits.
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
        match (done, &mut self.panel) {
            (Done::Pin { matched }, _) => self.take_pin(matched, now),
            (Done::Counts(loaded), Some(Panel::Admin(admin))) => admin.counts = Some(loaded),
            (Done::Test(report), _) => {
                let of = self.testing.take().flatten();
                self.report = Some((report, of));
            }
            (Done::Saved(Ok(relaunch)), _) => {
                // Handed to the app (and the screen closed) by the next draw.
                self.request = Some(Request::Apply(relaunch));
            }
            (Done::Saved(Err(problem)), Some(Panel::Setup(setup))) => {
                setup.saving = false;
                setup.message = Some(problem);
            }
            (Done::Exported(text), Some(Panel::Admin(admin))) => {
                admin.exporting = false;
                admin.message = Some(text);
            }
            // A reply for a screen no longer open.
            (Done::Counts(_) | Done::Saved(Err(_)) | Done::Exported(_), _) => {}
            (Done::Retired | Done::LockSaved, _) => {}
        }
    }

    /// Takes the PIN check's result: the gate counts it, and a right PIN
    /// opens the admin screen.
    fn take_pin(&mut self, matched: bool, now: Instant) {
        let before = self.gate.clone();
        let attempt = self.gate.record(matched, now);
        if self.gate != before {
            let gate = self.gate.clone();
            self.keep_lock(&gate, now);
        }
        let Some(Panel::Pin(prompt)) = &mut self.panel else {
            return;
        };
        prompt.checking = false;
        match attempt {
            Attempt::Unlocked => {
                tracing::info!("operator unlocked the kiosk");
                let Some(unlock) = self.on_unlock.take() else {
                    return;
                };
                self.panel = Some(Panel::Admin(AdminPanel::default()));
                self.tasks.send(Job::Counts {
                    journal: unlock.journal,
                    map: unlock.map,
                    counting_since: crate::operator::counting_since(&unlock.current.0),
                });
                // Is the survey reachable and open? Asked at once.
                let (client, survey_id) = unlock.current;
                self.start_test(TestTarget::Running(client, survey_id), None);
            }
            Attempt::Wrong { left } => prompt.message = Some(pin::wrong_text(left)),
            // The prompt says so from the gate, counting down.
            Attempt::Locked { .. } => prompt.message = None,
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

    /// Draws the open screen, then applies what the operator picked there;
    /// returns what the app must do.
    pub fn draw(&mut self, ui: &mut Ui, facts: &Facts<'_>, now: Instant) -> Option<Request> {
        while let Some(done) = self.tasks.try_recv() {
            self.take(done, now);
        }
        if let Some(request) = self.request.take() {
            self.close();
            return Some(request);
        }
        let locked = self.gate.locked_for(now);
        if let Some(left) = locked {
            // The lock message counts down by itself.
            ui.ctx()
                .request_repaint_after(crate::ui::screens::until_next_second(left));
        }
        let connection = Connection {
            testing: self.testing.is_some(),
            report: self.report.as_ref(),
        };
        let panel = self.panel.as_mut()?;
        // Laid out before the form (which takes what is left), drawn after
        // it (Tab reaches the buttons last).
        let bar = matches!(panel, Panel::Setup(_)).then(|| setup::reserve_bar(ui));
        let choice = egui::CentralPanel::default()
            .frame(crate::ui::theme::panel_frame(ui.style()))
            .show(ui, |ui| {
                // As wide as the window: a scroll area shrunk to its content
                // stood at the left, its bar beside the keypad.
                let area = egui::ScrollArea::vertical().auto_shrink([false, false]);
                crate::ui::swipe::show(ui, area, "operator", |ui| {
                    let choice = ui
                        .vertical_centered(|ui| {
                            // The PIN prompt as wide as its keypad, in the
                            // middle; the other screens a wider column.
                            let width = match panel {
                                Panel::Pin(_) => pin::keypad_width(ui),
                                Panel::Admin(_) | Panel::Setup(_) => 820.0,
                            };
                            ui.set_max_width(width.min(ui.available_width()));
                            ui.add_space(24.0);
                            ui.with_layout(Layout::top_down(Align::Min), |ui| {
                                panel.ui(ui, facts, &connection, locked)
                            })
                            .inner
                        })
                        .inner;
                    crate::ui::screens::tab_into_view(ui);
                    choice
                })
            })
            .inner;
        let bar_choice =
            bar.and_then(|rect| setup::draw_bar(ui, rect, |ui| panel.bar(ui, &connection)));
        let choice = choice.or(bar_choice)?;
        self.apply(choice, facts, ui.ctx(), now)
    }

    /// Applies what the operator picked on the screen just drawn: starts
    /// the jobs, switches the screen.
    fn apply(
        &mut self,
        choice: Choice,
        facts: &Facts<'_>,
        ctx: &egui::Context,
        now: Instant,
    ) -> Option<Request> {
        match choice {
            Choice::Pin(choice) => self.apply_pin(choice, facts, now),
            Choice::Admin(choice) => return self.apply_admin(choice, facts, ctx),
            Choice::Setup(choice) => self.apply_setup(choice, facts, ctx),
        }
        None
    }

    fn apply_pin(&mut self, choice: PinChoice, facts: &Facts<'_>, now: Instant) {
        let pin = match choice {
            PinChoice::Cancel => return self.leave(),
            PinChoice::Unlock(pin) => pin,
        };
        let Some(Panel::Pin(prompt)) = &mut self.panel else {
            return;
        };
        if let Some(remaining) = self.gate.locked_for(now) {
            prompt.checking = false;
            prompt.message = Some(pin::locked_text(remaining));
            return;
        }
        prompt.checking = true;
        prompt.message = None;
        self.on_unlock = Some(OnUnlock {
            journal: facts.journal.map(std::path::Path::to_owned),
            current: (facts.client.clone(), facts.survey_id),
            map: map_key(facts),
        });
        // Kept as a wrong try before the (slow) check: stopping the kiosk
        // meanwhile gives no free try.
        let if_wrong = self.gate.if_wrong(now);
        self.keep_lock(&if_wrong, now);
        let hash = facts.config.operator_pin_hash.clone().unwrap_or_default();
        self.tasks.send(Job::VerifyPin { hash, pin });
    }

    fn apply_admin(
        &mut self,
        choice: AdminChoice,
        facts: &Facts<'_>,
        ctx: &egui::Context,
    ) -> Option<Request> {
        let Some(Panel::Admin(admin)) = &mut self.panel else {
            return None;
        };
        let journal = facts.journal.map(std::path::Path::to_owned);
        match choice {
            AdminChoice::Back => self.leave(),
            AdminChoice::Quit => admin.confirm_quit = true,
            AdminChoice::QuitConfirmed => return Some(Request::Quit),
            AdminChoice::QuitCancelled => admin.confirm_quit = false,
            AdminChoice::Test => {
                // The running kiosk's own connection (the demo's too).
                let target = TestTarget::Running(facts.client.clone(), facts.survey_id);
                self.start_test(target, None);
            }
            AdminChoice::Edit => {
                let form = SetupForm::from_config(facts.config);
                self.panel = Some(Panel::Setup(SetupPanel::new(form, true)));
            }
            AdminChoice::Refresh => {
                admin.counts = None;
                let map = map_key(facts);
                self.tasks.send(Job::Counts {
                    journal,
                    map,
                    counting_since: crate::operator::counting_since(facts.client),
                });
            }
            AdminChoice::Export(kind, to_folder) => {
                admin.exporting = true;
                admin.message = None;
                let format = admin.format;
                self.tasks.send(Job::Export {
                    journal,
                    kind,
                    format,
                    to_folder: if to_folder { exports_folder() } else { None },
                    title: crate::i18n::fl!(crate::ui::words(ctx), "admin-export-title"),
                });
            }
        }
        None
    }

    fn apply_setup(&mut self, choice: SetupChoice, facts: &Facts<'_>, ctx: &egui::Context) {
        let Some(Panel::Setup(setup)) = &mut self.panel else {
            return;
        };
        let journal = facts.journal.map(std::path::Path::to_owned);
        match choice {
            SetupChoice::Cancel if setup.from_admin => {
                self.panel = Some(Panel::Admin(AdminPanel::default()));
                let map = map_key(facts);
                self.tasks.send(Job::Counts {
                    journal,
                    map,
                    counting_since: crate::operator::counting_since(facts.client),
                });
            }
            SetupChoice::Cancel => self.leave(),
            SetupChoice::Test => match setup.form.to_config(facts.config) {
                Ok(config) => {
                    let form = setup.form.clone();
                    self.start_test(TestTarget::Candidate(Box::new(config)), Some(form));
                }
                Err(problem) => setup.message = Some(problem),
            },
            SetupChoice::Save => match setup.form.to_config(facts.config) {
                Ok(config) => {
                    setup.saving = true;
                    setup.message = None;
                    let new_pin = Some(setup.form.pin.clone()).filter(|p| !p.is_empty());
                    let repaint = ctx.clone();
                    self.tasks.send(Job::Save {
                        config: Box::new(config),
                        new_pin,
                        journal,
                        repaint: std::sync::Arc::new(move || repaint.request_repaint()),
                    });
                }
                Err(problem) => setup.message = Some(problem),
            },
        }
    }

    /// Closes the screen from one of its buttons (the report goes too).
    fn leave(&mut self) {
        self.panel = None;
        self.report = None;
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
