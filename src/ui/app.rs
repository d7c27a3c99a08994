//! The eframe app: drains the worker, advances the kiosk's timers, draws the
//! screen, and turns the respondent's input into kiosk actions.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::api::Client;
use crate::config::Config;
use crate::demo::DemoServer;
use crate::kiosk::{Action, Effect, Kiosk};
use crate::worker::{Records, Worker, WorkerError};

use super::screens;

/// Where the kiosk's "now" comes from: the system clock, or a fake one in
/// tests.
pub trait Clock: Send + Sync {
    fn now(&self) -> Instant;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Instant {
        Instant::now()
    }
}

/// A clock that moves only when told to.
pub struct FakeClock(Mutex<Instant>);

impl FakeClock {
    pub fn new() -> Arc<FakeClock> {
        Arc::new(FakeClock(Mutex::new(Instant::now())))
    }

    pub fn advance(&self, by: Duration) {
        let mut now = self.0.lock().unwrap_or_else(|e| e.into_inner());
        *now += by;
    }
}

impl Clock for FakeClock {
    fn now(&self) -> Instant {
        *self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The kiosk application.
pub struct KioskApp {
    kiosk: Kiosk,
    worker: Worker,
    clock: Arc<dyn Clock>,
    config: Config,
    /// Keeps the embedded demo server running while the kiosk uses it.
    _demo: Option<DemoServer>,
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
    ) -> Result<KioskApp, WorkerError> {
        super::fonts::install(ctx);
        super::theme::apply(ctx, config.theme, config.text_scale);
        let repaint = ctx.clone();
        let worker = Worker::spawn_with(client, survey_id, records, move || {
            repaint.request_repaint()
        })?;
        Ok(KioskApp {
            kiosk: Kiosk::new(config.kiosk_settings(), clock.now()),
            worker,
            clock,
            config,
            _demo: demo,
        })
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
                reset_ui_memory(ctx);
            } else if let Err(error) = self.worker.send(effect) {
                tracing::error!(%error, "could not hand a request to the worker");
            }
        }
    }
}

/// Forgets everything egui remembers about widgets (text undo history,
/// scroll offsets, open pop-ups, focus), keeping the look.
pub fn reset_ui_memory(ctx: &egui::Context) {
    let options = ctx.options(|o| o.clone());
    ctx.memory_mut(|memory| *memory = Default::default());
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
        if !self.config.windowed && ctx.input(|i| i.viewport().close_requested()) {
            // Kiosk mode: only the operator may close the app.
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
        }
        while let Some(reply) = self.worker.try_recv() {
            let effects = self.kiosk.receive(reply, self.clock.now());
            self.apply(ctx, effects);
        }
        if had_input(ctx) {
            self.act(ctx, Action::Activity);
        }
        let now = self.clock.now();
        let effects = self.kiosk.tick(now);
        self.apply(ctx, effects);
        // Sleep until the next thing that changes on screen: a deadline, or
        // the next second of a visible countdown.
        if let Some(deadline) = self.kiosk.next_deadline() {
            let wait = deadline.saturating_duration_since(now);
            let wait = if screens::shows_countdown(self.kiosk.screen()) {
                wait.min(Duration::from_millis(250))
            } else {
                wait
            };
            ctx.request_repaint_after(wait.max(Duration::from_millis(10)));
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let now = self.clock.now();
        let notice = self.worker.journal_problem();
        let actions = screens::draw(ui, &self.kiosk, &self.config, notice.as_deref(), now);
        let ctx = ui.ctx().clone();
        for action in actions {
            self.act(&ctx, action);
        }
    }
}

/// Opens the kiosk window and runs until the operator closes it.
pub fn run(
    config: Config,
    client: Client,
    survey_id: u64,
    demo: Option<DemoServer>,
    records: Records,
) -> Result<(), eframe::Error> {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title(config.title.clone())
        .with_min_inner_size([480.0, 400.0]);
    viewport = if config.windowed {
        viewport.with_inner_size([1100.0, 800.0])
    } else {
        viewport.with_fullscreen(true).with_decorations(false)
    };
    let options = eframe::NativeOptions {
        viewport,
        renderer: eframe::Renderer::Glow,
        ..Default::default()
    };
    eframe::run_native(
        "survey-kiosk",
        options,
        Box::new(move |cc| {
            let app = KioskApp::new(
                &cc.egui_ctx,
                config,
                client,
                survey_id,
                demo,
                records,
                Arc::new(SystemClock),
            )?;
            Ok(Box::new(app))
        }),
    )
}
