//! The whole kiosk app in an `egui_kittest` harness against the embedded demo
//! server (over real HTTP, with a fake clock), respondent-like helpers (tap,
//! type, look), and [`step_until`] to wait for the worker or the operator's
//! jobs without sleeping.

use std::sync::Arc;
use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use survey_kiosk::config::Config;
use survey_kiosk::demo::DemoServer;
use survey_kiosk::kiosk::Screen;
use survey_kiosk::ui::app::{FakeClock, KioskApp};
use survey_kiosk::worker::Records;

use super::{PATIENCE, demo_client, demo_server};

/// Whether the kiosk waits for the worker (a start or a page in flight).
pub fn waiting(app: &KioskApp) -> bool {
    match app.kiosk().screen() {
        Screen::Starting { .. } => true,
        Screen::Page(page) => page.busy.as_ref().is_some_and(|b| b.retry_at.is_none()),
        Screen::Attract { .. } | Screen::Ending(_) | Screen::OutOfService(_) => false,
    }
}

/// Steps `harness` (and hands it the worker's replies as they come) until
/// `done` holds; fails with `what` when it does not within `deadline`.
pub fn step_until(
    harness: &mut Harness<'_, KioskApp>,
    what: &str,
    deadline: Duration,
    done: impl Fn(&KioskApp) -> bool,
) {
    let started = Instant::now();
    loop {
        harness.step();
        if done(harness.state()) {
            return;
        }
        let left = deadline.saturating_sub(started.elapsed());
        assert!(!left.is_zero(), "{what}: not within {deadline:?}");
        let ctx = harness.ctx.clone();
        harness
            .state_mut()
            .wait_for_reply(&ctx, left.min(Duration::from_millis(50)));
    }
}

/// The kiosk app against its own demo server.
pub struct Kit {
    pub h: Harness<'static, KioskApp>,
    pub clock: Arc<FakeClock>,
    pub server: DemoServer,
}

impl Kit {
    /// The app on `survey_id` of a fresh demo server, in a window of `size`,
    /// after its first frames.
    pub fn start(config: Config, survey_id: u64, records: Records, size: egui::Vec2) -> Kit {
        let server = demo_server();
        let client = demo_client(&server);
        let clock = FakeClock::new();
        let app_clock = clock.clone();
        let h = Harness::builder().with_size(size).build_eframe(move |cc| {
            KioskApp::new(
                &cc.egui_ctx,
                config,
                client,
                survey_id,
                None,
                records,
                app_clock,
            )
            .expect("the app starts")
        });
        let mut kit = Kit { h, clock, server };
        kit.h.run();
        kit
    }

    /// Whether the kiosk waits for the worker.
    pub fn waiting(&self) -> bool {
        waiting(self.h.state())
    }

    /// Lets the frame that handles the last input run, waits (really) for
    /// the operator's background jobs (PIN check, save, counts) and the
    /// worker's answer, and draws the result.
    pub fn settle(&mut self) {
        self.h.step();
        assert!(
            self.h.state_mut().wait_for_operator(PATIENCE),
            "the operator's background jobs did not finish"
        );
        step_until(&mut self.h, "the worker did not answer", PATIENCE, |app| {
            !waiting(app)
        });
        self.h.run();
    }

    /// Scrolls the control into view, as a person would, then taps it.
    pub fn tap(&mut self, label: &str) {
        self.h.get_by_label(label).scroll_to_me();
        self.h.run();
        self.h.get_by_label(label).click();
        self.settle();
    }

    pub fn type_into(&mut self, label: &str, text: &str) {
        self.h.get_by_label(label).focus();
        self.h.step();
        self.h.get_by_label(label).type_text(text);
        self.h.run();
    }

    /// Whether a widget or text is labelled exactly `text`.
    pub fn shows(&self, text: &str) -> bool {
        self.h.query_by_label(text).is_some()
    }

    /// Whether a label contains `text`.
    pub fn page_has(&self, text: &str) -> bool {
        self.h.query_by_label_contains(text).is_some()
    }

    pub fn screen(&self) -> &Screen {
        self.h.state().kiosk().screen()
    }

    /// Lets `by` pass on the fake clock and draws what follows.
    pub fn pass(&mut self, by: Duration) {
        self.clock.advance(by);
        self.h.step();
        self.h.run();
    }
}
