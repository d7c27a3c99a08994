//! The eframe app: drains the worker, advances the kiosk's timers, draws the
//! screen, and turns the respondent's input into kiosk actions.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::api::Client;
use crate::config::Config;
use crate::config_watch::{self, ConfigWatch, NewSettings, Reload};
use crate::demo::DemoServer;
use crate::kiosk::{Action, Effect, Kiosk, Screen};
use crate::open_hours::Schedule;
use crate::operator::tasks::{Relaunch, TasksError};
use crate::worker::{Records, Worker, WorkerError};

use super::keyboard::Keyboard;
use super::operator::{self, Facts, OperatorUi, Request};
use super::screens;
use crate::i18n::{Language, Tr};

pub use super::clock::{Clock, FakeClock, SystemClock};
pub use super::window::{Backend, RunError, Started, run};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Worker(#[from] WorkerError),
    #[error(transparent)]
    Operator(#[from] TasksError),
}

/// The kiosk application.
pub struct KioskApp {
    kiosk: Kiosk,
    worker: Worker,
    clock: Arc<dyn Clock>,
    config: Config,
    /// Keeps the embedded demo server running while the kiosk uses it.
    demo: Option<DemoServer>,
    survey_id: u64,
    /// The client the worker uses (the admin screen tests it).
    client: Client,
    base_url: String,
    journal_path: Option<PathBuf>,
    operator: OperatorUi,
    /// The on-screen keyboard (shown while a text field has the focus).
    keyboard: Keyboard,
    /// The kiosk's words in the respondent's language: the configured one
    /// at every reset, the respondent's once chosen.
    words: Tr,
    /// Times the window was moved and sized to cover the monitor itself
    /// (an X server without a window manager ignores "full screen").
    covered: u8,
    /// The language chosen on the language page on screen, with that
    /// page's serial: the kiosk speaks it from the next screen on (a switch
    /// on the tap would mirror the page under the finger).
    chosen_language: Option<(u64, Language)>,
    /// A word to the operator after setup saved, shown over the attract
    /// screen until then.
    saved_notice: Option<(crate::i18n::Words, Instant)>,
    /// The page on screen (and, one question at a time, the question) and
    /// when it appeared (egui's input time, in seconds): taps in its first
    /// moment are ignored.
    page_shown: Option<((u64, Option<usize>), f64)>,
    /// The operator chose to quit: the close request is not cancelled.
    quitting: bool,
    logo: Option<egui::TextureHandle>,
    /// The configuration file, watched: a changed one is applied at the
    /// next reset ([`crate::config_watch`]).
    config_watch: Option<ConfigWatch>,
    /// Open or closed by the opening hours (`open_hours`), and until when.
    schedule: Schedule,
}

impl KioskApp {
    pub fn new(
        ctx: &egui::Context,
        config: Config,
        client: Client,
        survey_id: u64,
        demo: Option<DemoServer>,
        records: Records,
        clock: Arc<dyn Clock>,
    ) -> Result<KioskApp, AppError> {
        let repaint = ctx.clone();
        let started = Started::spawn(&config, client, survey_id, demo, records, move || {
            repaint.request_repaint();
        })?;
        KioskApp::start(ctx, config, started, clock)
    }

    /// The app on what [`Started::spawn`] made (maybe on another thread,
    /// while the window opened): only what needs the egui context is left
    /// (fonts, theme, textures, the configuration watcher, the operator).
    pub fn start(
        ctx: &egui::Context,
        config: Config,
        started: Started,
        clock: Arc<dyn Clock>,
    ) -> Result<KioskApp, AppError> {
        let Started {
            client,
            survey_id,
            demo,
            worker,
            journal_path,
            logo,
        } = started;
        super::fonts::install(ctx);
        super::theme::apply(ctx, config.theme, config.text_scale);
        super::branding::apply(ctx, &config);
        let base_url = client.base_url().to_owned();
        if crate::operator::way_in(&config) == crate::operator::WayIn::NoPin {
            tracing::warn!(
                "no operator PIN is set: the operator gesture opens nothing; set one with \
                 `survey-kiosk set-pin`"
            );
        }
        // The PIN lock is kept next to the journal (a restart gives no
        // fresh tries); without a journal, in memory only.
        let lock_file = journal_path
            .as_deref()
            .and_then(std::path::Path::parent)
            .map(|dir| dir.join(crate::operator::LOCK_FILE));
        let config_watch = ConfigWatch::for_app(ctx, &config, journal_path.clone());
        let now = clock.now();
        Ok(KioskApp {
            kiosk: Kiosk::new(config.kiosk_settings(), now),
            worker,
            clock,
            demo,
            survey_id,
            client,
            base_url,
            journal_path,
            operator: OperatorUi::new(ctx, now, lock_file)?,
            keyboard: Keyboard::new(config.keyboard, config.keyboard_layout),
            words: Tr::for_configured(config.language.as_deref()),
            chosen_language: None,
            page_shown: None,
            saved_notice: None,
            covered: 0,
            quitting: false,
            logo: logo.and_then(|image| super::logo::texture(ctx, image)),
            config_watch,
            schedule: Schedule::default(),
            config,
        })
    }

    /// The survey the kiosk runs.
    pub fn survey_id(&self) -> u64 {
        self.survey_id
    }

    /// Whether an operator screen (PIN, admin, setup) is open.
    pub fn operator_open(&self) -> bool {
        self.operator.is_open()
    }

    /// Waits (really) until the operator's background jobs are done: the
    /// PIN check, the counts, the connection test, a save. For tests.
    pub fn wait_for_operator(&mut self, timeout: Duration) -> bool {
        let now = self.clock.now();
        self.operator.wait_until_idle(timeout, now)
    }

    /// Runs the kiosk on what setup saved (made on the operator's
    /// background thread): the new client, worker and session loop; the
    /// demo server stops when the survey is a real one. The old worker is
    /// handed back to that thread, which lets its in-flight sends finish.
    fn reconfigure(&mut self, ctx: &egui::Context, relaunch: Relaunch) {
        let Relaunch {
            config,
            client,
            survey_id,
            worker,
            logo,
        } = relaunch;
        let old = std::mem::replace(&mut self.worker, worker);
        self.operator.retire(Box::new(old));
        if let Some(demo) = self.demo.take() {
            // Dropping the demo server stops it and joins its thread, which
            // can wait on its in-flight requests: never in a frame (this runs
            // from `ui()` when setup saved). The operator's background thread
            // drops it, after the old worker that may still be talking to it.
            self.operator.retire(Box::new(demo));
        }
        self.survey_id = survey_id;
        self.base_url = client.base_url().to_owned();
        self.client = client;
        super::theme::apply(ctx, config.theme, config.text_scale);
        super::branding::apply(ctx, &config);
        self.kiosk = Kiosk::new(config.kiosk_settings(), self.clock.now());
        self.logo = logo.and_then(|image| super::logo::texture(ctx, image));
        self.config = config;
        reset_ui_memory(ctx);
        self.saved_notice = Some((
            crate::words!("admin-settings-saved", survey = survey_id.to_string()),
            self.clock.now() + Duration::from_secs(8),
        ));
        tracing::info!(survey_id, "the kiosk now runs the configured survey");
    }

    /// New settings from the configuration file for the survey the kiosk
    /// already runs (the sibling of [`KioskApp::reconfigure`] when the file
    /// names no survey): the look, the session loop's timings, the logo.
    fn resettle(&mut self, ctx: &egui::Context, settings: NewSettings) {
        let NewSettings { config, logo } = settings;
        super::theme::apply(ctx, config.theme, config.text_scale);
        super::branding::apply(ctx, &config);
        // The same worker: the session loop goes on (its respondent numbers
        // are the worker's), with the new timings.
        self.kiosk.set_settings(config.kiosk_settings());
        self.logo = logo.and_then(|image| super::logo::texture(ctx, image));
        self.config = config;
        reset_ui_memory(ctx);
    }

    /// Applies a changed configuration file waiting on the watcher, at the
    /// next reset: only between respondents (attract or out of service)
    /// and with no operator screen open.
    fn take_config_reload(&mut self, ctx: &egui::Context) {
        let Some(watch) = &mut self.config_watch else {
            return;
        };
        let at_rest =
            config_watch::between_respondents(self.kiosk.screen()) && !self.operator.is_open();
        match watch.poll(&self.config, at_rest) {
            Some(Reload::Survey(relaunch)) => {
                // The embedded demo server stops on the operator's thread
                // (after the old worker), not in this frame: see reconfigure.
                self.reconfigure(ctx, *relaunch);
                // Respondents need no word of it.
                self.saved_notice = None;
            }
            Some(Reload::Settings(settings)) => self.resettle(ctx, *settings),
            None => return,
        }
        self.keyboard = Keyboard::new(self.config.keyboard, self.config.keyboard_layout);
        self.words = Tr::for_configured(self.config.language.as_deref());
        tracing::info!("the changed configuration file is in use");
    }

    /// Whether the opening hours say closed now, from the wall clock at
    /// most when the last answer runs out; asks for a frame when it changes.
    fn follow_open_hours(&mut self, ctx: &egui::Context) {
        let now = self.clock.now();
        if let Some(wait) = self.schedule.update(self.config.open_hours.as_ref(), now) {
            ctx.request_repaint_after(wait);
        }
    }

    /// Whether the page (or one question at a time, the question) on screen
    /// appeared less than `tap_guard_ms` ago (a double tap's second tap must
    /// not press a button of the new page or question).
    fn in_tap_guard(&mut self, ctx: &egui::Context) -> bool {
        let Screen::Page(page) = self.kiosk.screen() else {
            self.page_shown = None;
            return false;
        };
        let now = ctx.input(|i| i.time);
        let guard = self.config.tap_guard_ms as f64 / 1000.0;
        match self.page_shown {
            Some((shown, since)) if shown == (page.serial, page.question) => now - since < guard,
            _ => {
                self.page_shown = Some(((page.serial, page.question), now));
                if guard > 0.0 {
                    ctx.request_repaint_after(Duration::from_secs_f64(guard));
                }
                true
            }
        }
    }

    /// Full screen means the whole screen: where the full-screen request is
    /// not honoured (an X server with no window manager: the classic `xinit`
    /// kiosk, Xvfb), the window moves to the corner and takes the monitor's
    /// size itself. Tried a few times, as the monitor's size arrives.
    fn cover_the_monitor(&mut self, ctx: &egui::Context) {
        if self.config.windowed || self.covered >= 3 {
            return;
        }
        let (monitor, inner, fullscreen) = ctx.input(|i| {
            let viewport = i.viewport();
            (
                viewport.monitor_size,
                viewport.inner_rect,
                viewport.fullscreen,
            )
        });
        let (Some(monitor), Some(inner)) = (monitor, inner) else {
            return;
        };
        let short = inner.width() + 1.0 < monitor.x || inner.height() + 1.0 < monitor.y;
        if fullscreen == Some(true) && !short {
            self.covered = u8::MAX;
            return;
        }
        if short {
            self.covered += 1;
            tracing::info!(
                width = monitor.x,
                height = monitor.y,
                "full screen was not honoured: covering the monitor"
            );
            ctx.send_viewport_cmd(egui::ViewportCommand::OuterPosition(egui::pos2(0.0, 0.0)));
            ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(monitor));
            ctx.request_repaint_after(Duration::from_millis(200));
        }
    }

    /// On a page that asks for a language, the kiosk's words follow the
    /// answer chosen there (its text names the language: "Español",
    /// "العربية"…) from the next screen on: the page the respondent taps on
    /// keeps its words and its direction (Next stays where it was), the
    /// page the server sends next (or the end screen) speaks the language
    /// chosen. Its fonts are made ready at the tap.
    fn follow_the_respondents_language(&mut self, ctx: &egui::Context) {
        match self.kiosk.screen() {
            Screen::Page(page) => {
                if let Some((serial, language)) = self.chosen_language
                    && serial != page.serial
                {
                    self.chosen_language = None;
                    speak(&mut self.words, language);
                }
                if !page.language_page {
                    return;
                }
                let chosen = language_chosen(page);
                if let Some(language) = chosen
                    && self.chosen_language.map(|(_, l)| l) != Some(language)
                {
                    super::fonts::preload(ctx, language);
                }
                self.chosen_language = chosen.map(|language| (page.serial, language));
            }
            Screen::Ending(_) => {
                if let Some((_, language)) = self.chosen_language.take() {
                    speak(&mut self.words, language);
                }
            }
            Screen::Attract { .. } | Screen::Starting { .. } | Screen::OutOfService(_) => {}
        }
    }

    /// Draws the open operator screen and does what the operator asked.
    fn draw_operator(&mut self, ui: &mut egui::Ui, journal_problem: Option<String>, now: Instant) {
        let ctx = ui.ctx().clone();
        let facts = Facts {
            config: &self.config,
            client: &self.client,
            survey_id: self.survey_id,
            base_url: &self.base_url,
            journal: self.journal_path.as_deref(),
            journal_problem,
            waiting: self.worker.waiting(),
            last_problem: self.kiosk.last_problem(),
            demo: self.demo.is_some(),
            config_problem: self.config_watch.as_ref().and_then(ConfigWatch::last_error),
            capturing_offline: self.worker.capturing_offline(),
            captured: self.worker.captured(),
        };
        match self.operator.draw(ui, &facts, now) {
            Some(Request::Apply(relaunch)) => self.reconfigure(&ctx, *relaunch),
            Some(Request::Quit) => {
                tracing::info!("the operator quit the kiosk");
                self.quitting = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            None => {}
        }
    }

    pub fn kiosk(&self) -> &Kiosk {
        &self.kiosk
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Waits (really) for the worker's next reply and handles it. For tests
    /// and tools that need the kiosk to have heard back.
    pub fn wait_for_reply(&mut self, ctx: &egui::Context, timeout: Duration) -> bool {
        match self.worker.recv_timeout(timeout) {
            Some(reply) => {
                let effects = self.kiosk.receive(reply, self.clock.now());
                self.apply(ctx, effects);
                true
            }
            None => false,
        }
    }

    /// Performs an action as if the respondent had taken it (tools such as
    /// the screen gallery script the kiosk with it).
    pub fn perform(&mut self, ctx: &egui::Context, action: Action) {
        self.act(ctx, action);
    }

    fn act(&mut self, ctx: &egui::Context, action: Action) {
        let effects = self.kiosk.act(action, self.clock.now());
        self.apply(ctx, effects);
    }

    fn apply(&mut self, ctx: &egui::Context, effects: Vec<Effect>) {
        for effect in effects {
            if effect == Effect::ResetUi {
                self.keyboard.reset(ctx);
                // The end screen still speaks the respondent's language;
                // the next respondent starts in the configured one.
                if !matches!(self.kiosk.screen(), Screen::Ending(_)) {
                    self.words = Tr::for_configured(self.config.language.as_deref());
                    self.chosen_language = None;
                }
                reset_ui_memory(ctx);
            } else if let Err(error) = self.worker.send(effect) {
                tracing::error!(%error, "could not hand a request to the worker");
            }
        }
    }
}

/// The kiosk's words in `language` (when it speaks it).
fn speak(words: &mut Tr, language: Language) {
    if words.switch_to(language) {
        tracing::info!(%language, "the kiosk speaks the respondent's language");
    }
}

/// The language a language page's answer names, once one is chosen.
fn language_chosen(page: &crate::kiosk::PageScreen) -> Option<Language> {
    page.questions
        .iter()
        .zip(&page.answers)
        .find_map(|(question, answer)| match question.pair(answer) {
            crate::survey::Pair::Single {
                choices,
                choice: Some(id),
                ..
            } => choices.iter().find(|c| c.id == id),
            _ => None,
        })
        .and_then(|choice| Language::from_name(&choice.text))
}

/// Forgets everything egui remembers about widgets (text undo history,
/// scroll offsets, open pop-ups, focus), keeping the look.
pub fn reset_ui_memory(ctx: &egui::Context) {
    let options = ctx.options(|o| o.clone());
    ctx.memory_mut(|memory| *memory = egui::Memory::default());
    ctx.options_mut(|o| *o = options);
}

/// Whether this frame brought input from a person.
fn had_input(ctx: &egui::Context) -> bool {
    ctx.input(|i| {
        i.events.iter().any(|e| {
            matches!(
                e,
                egui::Event::Key { .. }
                    | egui::Event::Text(_)
                    | egui::Event::Paste(_)
                    | egui::Event::PointerButton { .. }
                    | egui::Event::PointerMoved(_)
                    | egui::Event::MouseWheel { .. }
                    | egui::Event::Touch { .. }
                    | egui::Event::Ime(_)
            )
        })
    })
}

impl eframe::App for KioskApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        if !self.config.windowed && !self.quitting && ctx.input(|i| i.viewport().close_requested())
        {
            // Kiosk mode: only the operator may close the app.
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
        }
        self.cover_the_monitor(ctx);
        while let Some(reply) = self.worker.try_recv() {
            let effects = self.kiosk.receive(reply, self.clock.now());
            self.apply(ctx, effects);
        }
        if self.operator.watch(ctx, &self.config, self.clock.now()) {
            // The operator takes the screen: any respondent's session ends.
            self.act(ctx, Action::Abandon);
        }
        if had_input(ctx) && !self.operator.is_open() {
            self.act(ctx, Action::Activity);
        }
        let now = self.clock.now();
        let effects = self.kiosk.tick(now);
        self.apply(ctx, effects);
        self.take_config_reload(ctx);
        self.follow_open_hours(ctx);
        crate::metrics::screen_shown(self.kiosk.screen(), self.schedule.closed());
        // Sleep until the next thing that changes on screen: a deadline, or
        // the next second of a visible countdown.
        if let Some(deadline) = self.kiosk.next_deadline() {
            let wait = deadline.saturating_duration_since(now);
            let wait = if screens::shows_countdown(self.kiosk.screen()) {
                wait.min(screens::until_next_second(wait))
            } else {
                wait
            };
            ctx.request_repaint_after(wait.max(Duration::from_millis(10)));
        }
    }

    fn clear_color(&self, visuals: &egui::Visuals) -> [f32; 4] {
        super::theme::clear_color(visuals)
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let now = self.clock.now();
        let ctx = ui.ctx().clone();
        let journal_problem = self.worker.journal_problem();
        self.follow_the_respondents_language(&ctx);
        super::set_words(&ctx, &self.words);
        // Before the screen: the page above it shrinks to make room.
        self.keyboard.show(ui);
        if self.operator.is_open() {
            self.draw_operator(ui, journal_problem, now);
            return;
        }
        // Outside the opening hours the closed screen replaces the attract
        // screen (a respondent in a survey finishes first): no session starts.
        let actions = if self.schedule.closed()
            && config_watch::between_respondents(self.kiosk.screen())
        {
            super::closed::draw(ui, &self.schedule, now);
            Vec::new()
        } else {
            let first_question = (self.config.attract == crate::config::AttractMode::FirstQuestion
                && matches!(self.kiosk.screen(), Screen::Attract { offline: None }))
            .then(|| self.worker.first_question())
            .flatten();
            screens::draw(
                ui,
                &self.kiosk,
                &self.config,
                journal_problem.as_deref(),
                self.logo.as_ref(),
                first_question.as_ref(),
                now,
            )
        };
        if let Some((text, until)) = &self.saved_notice {
            if now < *until && matches!(self.kiosk.screen(), Screen::Attract { .. }) {
                egui::Area::new(egui::Id::unique("saved-notice"))
                    .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 16.0))
                    .fade_in(false)
                    .show(&ctx, |ui| {
                        egui::Frame::popup(ui.style()).show(ui, |ui| {
                            let text = crate::ui::words(ui.ctx()).say(text);
                            ui.label(egui::RichText::new(text).strong());
                        });
                    });
                ctx.request_repaint_after(until.saturating_duration_since(now));
            } else {
                self.saved_notice = None;
            }
        }
        self.operator.draw_notice(&ctx, now);
        let guarded = self.in_tap_guard(&ctx);
        for action in actions {
            if guarded && action.is_a_tap_on_the_page() {
                tracing::debug!(?action, "a tap in a new page's first moment is ignored");
                continue;
            }
            self.act(&ctx, action);
        }
        // First run (no survey configured, no PIN yet): setup is one visible
        // tap away. A configured kiosk never shows it to respondents; without
        // a PIN its operator uses the gesture or the shortcut.
        if crate::operator::way_in(&self.config) == crate::operator::WayIn::Setup
            && matches!(
                self.kiosk.screen(),
                Screen::Attract { .. } | Screen::OutOfService(_)
            )
            && operator::setup_link(ui)
        {
            self.operator.open(&self.config, now);
        }
    }
}
