//! The attract screen is complete on its very first frame (issue 23): what
//! the first frame paints equals what the screen shows once it has settled,
//! so a launch is on screen when the window appears, and a reset (which
//! forgets egui's memory) shows the next respondent the whole screen at
//! once. Compared by a hash of everything a frame paints
//! (`survey_kiosk::ui::frame_log::picture_hash`, the benchmark's own), with
//! the real app headless as eframe runs it. No timings here.

// A test that cannot set up stops with the reason: `expect` is how it says so.
#![allow(clippy::expect_used)]

use eframe::App as _;
use survey_kiosk::api::{Client, ClientSettings};
use survey_kiosk::config::Config;
use survey_kiosk::demo::{DEMO_API_KEY, DEMO_SURVEY_ID, DemoServer};
use survey_kiosk::ui::app::{FakeClock, KioskApp, reset_ui_memory};
use survey_kiosk::ui::frame_log::picture_hash;
use survey_kiosk::worker::Records;

const SIZE: [u32; 2] = [1280, 1024];

struct Headless {
    ctx: egui::Context,
    app: KioskApp,
    frame: eframe::Frame,
}

impl Headless {
    fn start(server: &DemoServer, config: Config) -> Headless {
        let client =
            Client::new(&ClientSettings::new(server.base_url(), DEMO_API_KEY)).expect("a client");
        let ctx = egui::Context::default();
        let app = KioskApp::new(
            &ctx,
            config,
            client,
            DEMO_SURVEY_ID,
            None,
            Records::None,
            FakeClock::new(),
        )
        .expect("the kiosk app starts");
        Headless {
            ctx,
            app,
            frame: eframe::Frame::_new_kittest(),
        }
    }

    /// One frame as eframe runs it; the hash of what it paints.
    fn frame(&mut self) -> u64 {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(SIZE[0] as f32, SIZE[1] as f32),
            )),
            ..Default::default()
        };
        let Headless { ctx, app, frame } = self;
        let output = ctx.run_ui(input, |ui| {
            app.logic(ui.ctx(), frame);
            app.ui(ui, frame);
        });
        let hash = picture_hash(&output, SIZE);
        let egui::FullOutput {
            shapes,
            mut textures_delta,
            pixels_per_point,
            ..
        } = output;
        // No painter here: the textures are not needed.
        textures_delta.clear();
        let _ = ctx.tessellate(shapes, pixels_per_point);
        hash
    }

    /// Frames 1 to 6 after the start (or a reset): each one's hash.
    fn frames(&mut self) -> Vec<u64> {
        (0..6).map(|_| self.frame()).collect()
    }
}

fn assert_complete_at_once(hashes: &[u64], what: &str) {
    let settled = hashes.last().expect("frames ran");
    let first_settled = hashes.iter().position(|h| h == settled).unwrap_or(0);
    assert_eq!(
        first_settled,
        0,
        "{what}: the first frame differs from the settled screen; frame {} is the first like it \
         (hashes {hashes:016x?})",
        first_settled + 1
    );
}

#[test]
fn the_attract_screen_is_complete_on_its_first_frame_and_after_a_reset() {
    let server = DemoServer::start_background(0).expect("the demo server starts");
    // A first run: no PIN, so the "Set up this kiosk" link shows too; the
    // demo's logo; full-screen size.
    let mut kiosk = Headless::start(&server, Config::default());
    assert_complete_at_once(&kiosk.frames(), "first run, at launch");
    reset_ui_memory(&kiosk.ctx);
    assert_complete_at_once(&kiosk.frames(), "first run, after a reset");
}

#[test]
fn the_attract_screen_with_an_operator_pin_is_complete_on_its_first_frame() {
    let server = DemoServer::start_background(0).expect("the demo server starts");
    let config = Config {
        // With a PIN the attract screen has no set-up link.
        operator_pin_hash: Some(survey_kiosk::operator::hash_pin("2468").expect("a PIN hash")),
        ..Config::default()
    };
    let mut kiosk = Headless::start(&server, config);
    assert_complete_at_once(&kiosk.frames(), "with a PIN, at launch");
}
