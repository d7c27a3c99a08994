//! egui frame cost of the real kiosk app (its own screen code and question
//! widgets), headless: `Context::run_ui` (layout) plus `Context::tessellate`
//! (meshes), as eframe does each frame before handing the meshes to the GPU.
//! Painting itself (glow, Mesa) is not included: see `scripts/bench-app.sh`.
//!
//! The app runs against the embedded demo server with a fake clock (no idle
//! timer fires), in a 1100x800 point window at 1 pixel per point (the
//! windowed kiosk). Pages:
//! - `demo-pageN`: each of the six pages of the demo survey (2 to 4
//!   questions of every kind: the typical pages);
//! - `page120`: the demo server's 120-question page.
//!
//! For each page:
//! - `steady`: a repaint with nothing changed (text layout cached);
//! - `new-page`: the first frame of a page: egui's text layout cache is cold
//!   (an empty frame runs between iterations, which evicts it) and the UI
//!   memory is reset as on a new respondent.
//!
//! Run: `cargo bench --bench frame` (see BENCHMARKS.md).

// A bench that cannot set up stops with the reason: `expect` is how it says so.
#![allow(clippy::expect_used)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use eframe::App as _;
use rand::SeedableRng;
use rand::rngs::StdRng;
use survey_kiosk::api::{Client, ClientSettings};
use survey_kiosk::config::Config;
use survey_kiosk::demo::{DEMO_API_KEY, DEMO_SURVEY_ID, DemoServer, LONG_SURVEY_ID};
use survey_kiosk::kiosk::{Action, Screen};
use survey_kiosk::rehearsal::random_answer;
use survey_kiosk::ui::app::{FakeClock, KioskApp, reset_ui_memory};
use survey_kiosk::worker::Records;

const WIDTH: f32 = 1100.0;
const HEIGHT: f32 = 800.0;
const PIXELS_PER_POINT: f32 = 1.0;

/// The kiosk app, headless.
struct Kiosk {
    ctx: egui::Context,
    app: KioskApp,
    frame: eframe::Frame,
}

impl Kiosk {
    fn new(client: &Client, survey_id: u64) -> Kiosk {
        let ctx = egui::Context::default();
        let config = Config {
            windowed: true,
            ..Config::default()
        };
        let app = KioskApp::new(
            &ctx,
            config,
            client.clone(),
            survey_id,
            None,
            Records::None,
            FakeClock::new(),
        )
        .expect("the kiosk app starts");
        let mut kiosk = Kiosk {
            ctx,
            app,
            frame: eframe::Frame::_new_kittest(),
        };
        // Fonts load on the first frames.
        for _ in 0..3 {
            kiosk.frame();
        }
        kiosk
    }

    fn input() -> egui::RawInput {
        egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(WIDTH, HEIGHT),
            )),
            ..Default::default()
        }
    }

    /// One frame as eframe runs it: the app's logic and UI, then tessellation.
    fn frame(&mut self) -> Vec<egui::ClippedPrimitive> {
        let output = self.layout();
        self.ctx.tessellate(output.shapes, PIXELS_PER_POINT)
    }

    /// Only the layout pass (no tessellation).
    fn layout(&mut self) -> egui::FullOutput {
        let Kiosk { ctx, app, frame } = self;
        ctx.run_ui(Kiosk::input(), |ui| {
            app.logic(ui.ctx(), frame);
            app.ui(ui, frame);
        })
    }

    /// A frame that draws nothing: egui drops every cached text layout that
    /// it did not use.
    fn empty_frame(&mut self) {
        let output = self.ctx.run_ui(Kiosk::input(), |_| {});
        black_box(self.ctx.tessellate(output.shapes, PIXELS_PER_POINT));
        reset_ui_memory(&self.ctx);
    }

    fn act(&mut self, action: Action) {
        let ctx = self.ctx.clone();
        self.app.perform(&ctx, action);
        self.frame();
    }

    /// Waits for the worker's answer to the last request.
    fn settle(&mut self) {
        let ctx = self.ctx.clone();
        while matches!(self.app.kiosk().screen(), Screen::Starting { .. })
            || matches!(self.app.kiosk().screen(), Screen::Page(p) if p.busy.is_some())
        {
            assert!(
                self.app.wait_for_reply(&ctx, Duration::from_secs(10)),
                "the worker did not answer"
            );
        }
        for _ in 0..3 {
            self.frame();
        }
    }

    fn question_count(&self) -> Option<usize> {
        match self.app.kiosk().screen() {
            Screen::Page(page) => Some(page.questions.len()),
            _ => None,
        }
    }

    /// Answers the page on screen with valid random answers and goes on.
    fn answer_and_next(&mut self, rng: &mut StdRng) {
        let answers: Vec<_> = match self.app.kiosk().screen() {
            Screen::Page(page) => page
                .questions
                .iter()
                .map(|q| random_answer(q, rng))
                .collect(),
            _ => return,
        };
        for (index, answer) in answers.into_iter().enumerate() {
            self.act(Action::Answered { index, answer });
        }
        self.act(Action::Next);
        self.settle();
    }
}

fn bench_page(c: &mut Criterion, kiosk: &mut Kiosk, name: &str) {
    let questions = kiosk.question_count().expect("a page is on screen");
    eprintln!("{name}: {questions} questions");
    let mut group = c.benchmark_group(name);
    group.bench_function("steady", |b| b.iter(|| kiosk.frame()));
    group.bench_function("new-page", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                kiosk.empty_frame();
                let started = Instant::now();
                black_box(kiosk.frame());
                total += started.elapsed();
            }
            total
        });
    });
    if questions > 10 {
        group.bench_function("steady/layout-only", |b| b.iter(|| kiosk.layout()));
        group.bench_function("steady/tessellate-only", |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let shapes = kiosk.layout().shapes;
                    let started = Instant::now();
                    black_box(kiosk.ctx.tessellate(shapes, PIXELS_PER_POINT));
                    total += started.elapsed();
                }
                total
            });
        });
    }
    group.finish();
    // Leave the page as it was drawn (memory reset by new-page).
    kiosk.frame();
}

/// A scripted swipe, as a finger scrolls the page: each frame's CPU time
/// (the app's logic and UI, then tessellation) while the pointer drags the
/// page up 600 points in 30 frames, lets go, and the page glides to a stop;
/// then the same back down; 10 times. Frames are 1/60 s apart in egui's
/// input time. Prints the median, 95th percentile and maximum, and how many
/// frames showed a new picture (the page really moved).
fn swipe(kiosk: &mut Kiosk, name: &str) {
    let mut time = 0.0;
    let mut times = Vec::new();
    let mut pictures = std::collections::HashSet::new();
    // Left of the column of questions (920 points wide, centred): on the
    // page's scroll area, not on a widget.
    let x = 40.0;
    for round in 0..20 {
        let (from, step) = if round % 2 == 0 {
            (700.0, -20.0)
        } else {
            (100.0, 20.0)
        };
        let mut events = vec![
            egui::Event::PointerMoved(egui::pos2(x, from)),
            egui::Event::PointerButton {
                pos: egui::pos2(x, from),
                button: egui::PointerButton::Primary,
                pressed: true,
                modifiers: egui::Modifiers::NONE,
            },
        ];
        let mut y = from;
        for i in 0..=90 {
            if (1..=30).contains(&i) {
                y += step;
                events.push(egui::Event::PointerMoved(egui::pos2(x, y)));
            } else if i == 31 {
                events.push(egui::Event::PointerButton {
                    pos: egui::pos2(x, y),
                    button: egui::PointerButton::Primary,
                    pressed: false,
                    modifiers: egui::Modifiers::NONE,
                });
                events.push(egui::Event::PointerGone);
            }
            time += 1.0 / 60.0;
            let input = egui::RawInput {
                time: Some(time),
                events: std::mem::take(&mut events),
                ..Kiosk::input()
            };
            let started = Instant::now();
            let Kiosk { ctx, app, frame } = kiosk;
            let output = ctx.run_ui(input, |ui| {
                app.logic(ui.ctx(), frame);
                app.ui(ui, frame);
            });
            let layout = started.elapsed();
            // Not timed: which picture it was.
            pictures.insert(survey_kiosk::ui::frame_log::picture_hash(
                &output,
                [WIDTH as u32, HEIGHT as u32],
            ));
            let egui::FullOutput {
                shapes,
                mut textures_delta,
                ..
            } = output;
            textures_delta.clear();
            let started = Instant::now();
            black_box(ctx.tessellate(shapes, PIXELS_PER_POINT));
            times.push(layout + started.elapsed());
        }
    }
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    eprintln!(
        "{name}/swipe: {} frames, CPU time a frame: p50 {:.2?}, p95 {:.2?}, max {:.2?}; {} different pictures",
        times.len(),
        at(0.5),
        at(0.95),
        times[times.len() - 1],
        pictures.len()
    );
}

fn benches(c: &mut Criterion) {
    let server = DemoServer::start_background(0).expect("the demo server starts");
    let client =
        Client::new(&ClientSettings::new(server.base_url(), DEMO_API_KEY)).expect("a client");

    // The demo survey, page by page (a respondent screened out on page 1 is
    // walked again with another seed).
    let mut benched = 0;
    for seed in 0..50 {
        let mut rng = StdRng::seed_from_u64(seed);
        let mut kiosk = Kiosk::new(&client, DEMO_SURVEY_ID);
        kiosk.act(Action::Start);
        kiosk.settle();
        let mut page = 0;
        while kiosk.question_count().is_some() {
            page += 1;
            if page > benched {
                bench_page(c, &mut kiosk, &format!("demo-page{page}"));
                benched = page;
            }
            kiosk.answer_and_next(&mut rng);
        }
        if benched >= 6 {
            break;
        }
    }

    let mut kiosk = Kiosk::new(&client, LONG_SURVEY_ID);
    kiosk.act(Action::Start);
    kiosk.settle();
    assert_eq!(
        kiosk.question_count(),
        Some(120),
        "the long page is on screen"
    );
    bench_page(c, &mut kiosk, "page120");
    swipe(&mut kiosk, "page120");
    drop(server);
}

criterion_group!(frame, benches);
criterion_main!(frame);
