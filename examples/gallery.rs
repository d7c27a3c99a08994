//! Renders every kiosk screen to a PNG file for review: the attract screen,
//! a page of each widget family, a drop-down open, a validation error, the idle overlay,
//! "saving", each end screen, out of service and offline.
//!
//! It runs the real app in a real window (glow) against the embedded demo
//! server, scripts a respondent, and takes the window's own screenshots.
//! On a machine without a display, `scripts/screens.sh` runs it under Xvfb:
//!
//! ```sh
//! scripts/screens.sh            # PNGs in target/screens/
//! cargo run --example gallery -- OUT_DIR   # with a display
//! ```

// A tool that cannot set up stops with the reason: `expect` is how it says so.
#![allow(clippy::expect_used)]

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use rand::SeedableRng;
use rand::rngs::StdRng;
use survey_kiosk::api::{Client, ClientSettings};
use survey_kiosk::config::{Config, Theme};
use survey_kiosk::demo::{
    CLOSED_SURVEY_ID, DEMO_API_KEY, DEMO_SURVEY_ID, DemoServer, Fault, LANGUAGE_SURVEY_ID,
    QUOTA_SURVEY_ID,
};
use survey_kiosk::kiosk::{Action, Screen};
use survey_kiosk::rehearsal::random_answer;
use survey_kiosk::survey::Answer;
use survey_kiosk::ui::app::{FakeClock, KioskApp};
use survey_kiosk::worker::Records;

/// The first question of the demo survey, and two of its answers.
const WHO: u64 = 5000000001;
const SHOPPER: u64 = 5000000101;
const COMPETITOR: u64 = 5000000104;

enum Step {
    /// A fresh kiosk on this survey (`None`: a server that does not answer).
    Kiosk(Option<u64>),
    /// The same with a theme and a configured language.
    KioskWith(Option<u64>, Theme, Option<&'static str>),
    /// The demo survey in a brand's colours, corners and logo (`[brand]`).
    Branded,
    /// One question at a time, the first one asked on the attract screen
    /// (the survey map learned by a rehearsal first).
    OneAtATime,
    /// Taps a text field: question id, its index on the page, the field's
    /// id salt and answer id (the widgets' ids), so the keyboard opens.
    Focus(u64, usize, &'static str, u64),
    /// Opens the drop-down of question `.0` (at index `.1` on its page).
    OpenList(u64, usize),
    /// Scrolls the page down by this many points (a mouse wheel over it).
    Scroll(f32),
    /// Resizes the window to this width and height (a small or portrait
    /// screen), and waits until it has that size.
    Size(f32, f32),
    Act(Action),
    /// Until the worker has answered.
    Wait,
    /// Valid answers to every question on the page (`who`: page one's pick).
    Answer {
        who: u64,
    },
    /// Moves the fake clock.
    Pass(Duration),
    /// The next request is slow.
    Slow,
    Shot(&'static str),
}

fn script() -> Vec<Step> {
    use Step::*;
    let next = || Act(Action::Next);
    vec![
        Kiosk(Some(DEMO_SURVEY_ID)),
        Shot("01-attract"),
        Act(Action::Start),
        Wait,
        Shot("02-page-welcome-single-choice"),
        next(),
        Shot("03-validation-error"),
        Answer { who: SHOPPER },
        next(),
        Wait,
        Shot("04-page-scale-other-multiple"),
        Answer { who: SHOPPER },
        next(),
        Wait,
        Shot("05-page-matrices"),
        Scroll(120.0),
        Shot("05b-matrix-headings-kept"),
        Answer { who: SHOPPER },
        next(),
        Wait,
        Shot("06-page-rank-constant-sum"),
        Answer { who: SHOPPER },
        next(),
        Wait,
        Shot("07-page-dates-dropdown"),
        OpenList(10011, 3),
        Scroll(2000.0),
        Shot("07b-dropdown-open"),
        Answer { who: SHOPPER },
        next(),
        Wait,
        Shot("08-page-text-contact-unsupported"),
        Pass(Duration::from_secs(61)),
        Shot("09-idle-overlay"),
        Act(Action::Activity),
        Answer { who: SHOPPER },
        Slow,
        next(),
        Shot("10-saving"),
        Wait,
        Shot("11-end-thank-you"),
        Kiosk(Some(DEMO_SURVEY_ID)),
        Act(Action::Start),
        Wait,
        Answer { who: COMPETITOR },
        next(),
        Wait,
        Shot("12-end-screened-out"),
        Kiosk(Some(QUOTA_SURVEY_ID)),
        Act(Action::Start),
        Wait,
        Answer { who: SHOPPER },
        next(),
        Wait,
        Shot("13-end-quota-full"),
        Kiosk(Some(CLOSED_SURVEY_ID)),
        Act(Action::Start),
        Wait,
        Shot("14-out-of-service"),
        Kiosk(None),
        Act(Action::Start),
        Wait,
        Shot("15-offline"),
        // The on-screen keyboard, one layout per kind of field.
        Kiosk(Some(DEMO_SURVEY_ID)),
        Act(Action::Start),
        Wait,
        Answer { who: SHOPPER },
        next(),
        Wait,
        Answer { who: SHOPPER },
        next(),
        Wait,
        Answer { who: SHOPPER },
        next(),
        Wait,
        Focus(10008, 1, "sum", 40101),
        Shot("16-keyboard-number-pad"),
        Answer { who: SHOPPER },
        next(),
        Wait,
        Answer { who: SHOPPER },
        next(),
        Wait,
        Focus(10013, 1, "text", 60101),
        Shot("17-keyboard-letters"),
        Focus(10013, 1, "text", 60102),
        Shot("18-keyboard-email"),
        Focus(10013, 1, "text", 60103),
        Shot("19-keyboard-phone"),
        Focus(10012, 0, "text", 60001),
        Shot("20-keyboard-multiline"),
        // The high-contrast theme.
        KioskWith(Some(DEMO_SURVEY_ID), Theme::HighContrast, None),
        Act(Action::Start),
        Wait,
        Answer { who: SHOPPER },
        next(),
        Wait,
        Answer { who: SHOPPER },
        Shot("21-high-contrast"),
        next(),
        Wait,
        Answer { who: SHOPPER },
        next(),
        Wait,
        Answer { who: SHOPPER },
        next(),
        Wait,
        Answer { who: SHOPPER },
        next(),
        Wait,
        Focus(10013, 1, "text", 60101),
        Shot("21b-keyboard-high-contrast"),
        // Arabic and Japanese: the attract screen, a page, an end screen.
        KioskWith(Some(LANGUAGE_SURVEY_ID), Theme::Light, Some("العربية")),
        Shot("22-attract-arabic"),
        Act(Action::Start),
        Wait,
        Shot("23-language-page-arabic-chosen"),
        next(),
        Wait,
        Answer { who: SHOPPER },
        next(),
        Wait,
        Shot("24-page-arabic"),
        Answer { who: SHOPPER },
        next(),
        Wait,
        Shot("25-end-arabic"),
        KioskWith(Some(LANGUAGE_SURVEY_ID), Theme::Light, Some("日本語")),
        Shot("26-attract-japanese"),
        Act(Action::Start),
        Wait,
        next(),
        Wait,
        Answer { who: SHOPPER },
        Shot("27-page-japanese"),
        next(),
        Wait,
        Answer { who: SHOPPER },
        next(),
        Wait,
        Shot("28-end-japanese"),
        // A kiosk in a brand's colours (`[brand]`).
        Branded,
        Shot("29-attract-branded"),
        Act(Action::Start),
        Wait,
        Answer { who: SHOPPER },
        next(),
        Wait,
        Answer { who: SHOPPER },
        Shot("30-page-branded"),
        // One question at a time, the first asked on the attract screen.
        OneAtATime,
        Shot("31-attract-first-question"),
        Act(Action::StartAnswering {
            question: WHO,
            answer: survey_kiosk::survey::Answer::Single {
                choice: Some(SHOPPER),
                other_text: std::collections::BTreeMap::new(),
            },
        }),
        Wait,
        Shot("32-question-got-it"),
        Pass(Duration::from_millis(800)),
        Wait,
        Shot("33-question-layout"),
        // A small screen: 1024×600, compact header and navigation, the
        // keyboard beside the field it types into.
        Size(1024.0, 600.0),
        Kiosk(Some(DEMO_SURVEY_ID)),
        Shot("34-attract-1024x600"),
        Act(Action::Start),
        Wait,
        Shot("35-page-1024x600"),
        Answer { who: SHOPPER },
        next(),
        Wait,
        Answer { who: SHOPPER },
        next(),
        Wait,
        Answer { who: SHOPPER },
        next(),
        Wait,
        Answer { who: SHOPPER },
        next(),
        Wait,
        Answer { who: SHOPPER },
        next(),
        Wait,
        Focus(10013, 1, "text", 60102),
        Shot("36-keyboard-1024x600"),
        // A portrait screen.
        Size(1080.0, 1920.0),
        Kiosk(Some(DEMO_SURVEY_ID)),
        Shot("37-attract-portrait"),
        Act(Action::Start),
        Wait,
        Shot("38-page-portrait"),
        Answer { who: SHOPPER },
        next(),
        Wait,
        Answer { who: SHOPPER },
        next(),
        Wait,
        Answer { who: SHOPPER },
        next(),
        Wait,
        Answer { who: SHOPPER },
        next(),
        Wait,
        Answer { who: SHOPPER },
        next(),
        Wait,
        Focus(10013, 1, "text", 60101),
        Shot("39-keyboard-portrait"),
    ]
}

/// A brand as an operator would write it: a deep teal accent on a warm
/// off-white page, dark text, round corners.
fn brand() -> Result<survey_kiosk::brand::Brand, String> {
    toml::from_str(
        "accent = \"#006d6f\"\nbackground = \"#fbf7f0\"\ntext = \"#1f2a30\"\n\
         corner_radius = 14",
    )
    .map_err(|e| e.to_string())
}

struct Gallery {
    out: PathBuf,
    server: DemoServer,
    steps: VecDeque<Step>,
    app: Option<KioskApp>,
    clock: Arc<FakeClock>,
    rng: StdRng,
    /// Frames drawn since the last step, so a shot shows a settled screen.
    frames: u32,
    shot_done: Option<Arc<AtomicBool>>,
    /// A kiosk made this frame: drawn from the next one.
    fresh: bool,
    /// Points to scroll the page by, with the next frame's input.
    scroll: f32,
}

impl Gallery {
    fn kiosk(
        &mut self,
        ctx: &egui::Context,
        survey: Option<u64>,
        theme: Theme,
        language: Option<&str>,
        brand: survey_kiosk::brand::Brand,
        one_at_a_time: bool,
    ) -> Result<KioskApp, String> {
        let base_url = match survey {
            Some(_) => self.server.base_url(),
            // Nothing listens on port 9 of this machine.
            None => "http://127.0.0.1:9/a/api/v2".to_owned(),
        };
        let mut settings = ClientSettings::new(base_url, DEMO_API_KEY);
        settings.request_timeout = Duration::from_secs(5);
        let client = Client::new(&settings).map_err(|e| e.to_string())?;
        self.clock = FakeClock::new();
        let config = Config {
            windowed: true,
            show_redirect_qr: true,
            theme,
            language: language.map(str::to_owned),
            brand,
            ..Config::default()
        };
        let (config, records) = if one_at_a_time {
            let config = Config {
                layout: survey_kiosk::kiosk::Layout::Question,
                attract: survey_kiosk::config::AttractMode::FirstQuestion,
                ..config
            };
            (config, self.learned_map(&client)?)
        } else {
            (config, Records::None)
        };
        KioskApp::new(
            ctx,
            config,
            client,
            survey.unwrap_or(DEMO_SURVEY_ID),
            None,
            records,
            self.clock.clone(),
        )
        .map_err(|e| e.to_string())
    }

    /// A journal whose survey map knows the demo survey (a rehearsal of a
    /// few respondents), in a temporary folder.
    fn learned_map(&self, client: &Client) -> Result<Records, String> {
        let dir = std::env::temp_dir().join(format!("survey-kiosk-gallery-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let path = dir.join(survey_kiosk::journal::FILE_NAME);
        let open = || survey_kiosk::journal::Journal::open(&path, false).map_err(|e| e.to_string());
        let options = survey_kiosk::rehearsal::WalkOptions {
            respondents: 3,
            page_lines: false,
            respondent_lines: false,
            wait_lines: false,
            ..Default::default()
        };
        survey_kiosk::rehearsal::walk(
            client.clone(),
            DEMO_SURVEY_ID,
            survey_kiosk::kiosk::Settings::default(),
            Records::Journal {
                journal: open()?,
                rehearsal: true,
            },
            &options,
            &mut std::io::sink(),
        )
        .map_err(|e| e.to_string())?;
        Ok(Records::Journal {
            journal: open()?,
            rehearsal: false,
        })
    }

    /// Runs steps until one needs frames drawn first. `Err` ends the run.
    fn advance(&mut self, ctx: &egui::Context) -> Result<(), String> {
        if let Some(done) = &self.shot_done {
            if !done.load(Ordering::SeqCst) {
                return Ok(());
            }
            self.shot_done = None;
            self.steps.pop_front();
            self.frames = 0;
        }
        while let Some(step) = self.steps.front() {
            match step {
                Step::Kiosk(_) | Step::KioskWith(..) | Step::Branded | Step::OneAtATime => {
                    let (survey, theme, language) = match self.steps.front() {
                        Some(Step::KioskWith(survey, theme, language)) => {
                            (*survey, *theme, *language)
                        }
                        Some(Step::Kiosk(survey)) => (*survey, Theme::Light, None),
                        Some(Step::Branded | Step::OneAtATime) => {
                            (Some(DEMO_SURVEY_ID), Theme::Light, None)
                        }
                        _ => (None, Theme::Light, None),
                    };
                    let brand = match self.steps.front() {
                        Some(Step::Branded) => brand()?,
                        _ => survey_kiosk::brand::Brand::default(),
                    };
                    let one_at_a_time = matches!(self.steps.front(), Some(Step::OneAtATime));
                    self.app =
                        Some(self.kiosk(ctx, survey, theme, language, brand, one_at_a_time)?);
                    // Its fonts and styles take effect from the next frame.
                    self.fresh = true;
                    self.steps.pop_front();
                    self.frames = 0;
                    return Ok(());
                }
                Step::Act(action) => {
                    let action = action.clone();
                    self.app_mut()?.perform(ctx, action);
                }
                Step::Wait => {
                    let app = self.app_mut()?;
                    while matches!(app.kiosk().screen(), Screen::Starting { .. })
                        || matches!(app.kiosk().screen(), Screen::Page(p) if p.busy.is_some())
                    {
                        if !app.wait_for_reply(ctx, Duration::from_secs(15)) {
                            return Err("the demo server did not answer".into());
                        }
                    }
                }
                Step::Answer { who } => {
                    let who = *who;
                    let Screen::Page(page) = self.app_mut()?.kiosk().screen().clone() else {
                        return Err("expected a survey page".into());
                    };
                    for (index, question) in page.questions.iter().enumerate() {
                        let answer = if question.id == WHO {
                            Answer::Single {
                                choice: Some(who),
                                other_text: std::collections::BTreeMap::default(),
                            }
                        } else {
                            random_answer(question, &mut self.rng)
                        };
                        self.app_mut()?
                            .perform(ctx, Action::Answered { index, answer });
                    }
                }
                Step::Pass(by) => {
                    self.clock.advance(*by);
                    // Let the kiosk's timers see it before the next step.
                    self.steps.pop_front();
                    self.frames = 0;
                    return Ok(());
                }
                Step::Slow => self.server.inject(Fault::Delay(Duration::from_secs(3)), 1),
                Step::OpenList(question, index) => {
                    let id = egui::Id::unique(("q", *question, *index));
                    ctx.data_mut(|d| d.insert_temp(id.with("list_open"), true));
                    self.steps.pop_front();
                    self.frames = 0;
                    return Ok(());
                }
                Step::Scroll(by) => {
                    self.scroll = *by;
                    self.steps.pop_front();
                    self.frames = 0;
                    return Ok(());
                }
                Step::Size(width, height) => {
                    let wanted = egui::vec2(*width, *height);
                    if self.frames == 0 {
                        ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(wanted));
                    }
                    let size = ctx.content_rect().size();
                    if (size - wanted).length() > 1.0 {
                        if self.frames > 600 {
                            return Err(format!("the window did not become {wanted:?}: {size:?}"));
                        }
                        return Ok(());
                    }
                }
                Step::Focus(question, index, salt, field) => {
                    let id = egui::Id::unique(("q", *question, *index)).with((*salt, *field));
                    ctx.memory_mut(|m| m.request_focus(id));
                    self.steps.pop_front();
                    self.frames = 0;
                    return Ok(());
                }
                Step::Shot(name) => {
                    // A few frames first: layout passes, fonts, the modal's fade.
                    if self.frames < 12 {
                        return Ok(());
                    }
                    let path = self.out.join(format!("{name}.png"));
                    let done = Arc::new(AtomicBool::new(false));
                    let flag = done.clone();
                    ctx.send_viewport_cmd(egui::ViewportCommand::Screenshot(
                        egui::ScreenshotCallback::new(move |image| {
                            match save(&path, &image) {
                                Ok(()) => println!("{}", path.display()),
                                Err(e) => eprintln!("could not write {}: {e}", path.display()),
                            }
                            flag.store(true, Ordering::SeqCst);
                        }),
                    ));
                    self.shot_done = Some(done);
                    return Ok(());
                }
            }
            self.steps.pop_front();
            self.frames = 0;
        }
        Ok(())
    }

    fn app_mut(&mut self) -> Result<&mut KioskApp, String> {
        self.app.as_mut().ok_or_else(|| "no kiosk yet".to_owned())
    }
}

fn save(path: &Path, image: &egui::ColorImage) -> Result<(), String> {
    let file = std::fs::File::create(path).map_err(|e| e.to_string())?;
    let [width, height] = image.size;
    let mut encoder = png::Encoder::new(std::io::BufWriter::new(file), width as u32, height as u32);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
    let bytes: Vec<u8> = image
        .pixels
        .iter()
        .flat_map(egui::Color32::to_array)
        .collect();
    writer.write_image_data(&bytes).map_err(|e| e.to_string())
}

impl eframe::App for Gallery {
    fn clear_color(&self, visuals: &egui::Visuals) -> [f32; 4] {
        survey_kiosk::ui::theme::clear_color(visuals)
    }

    fn raw_input_hook(&mut self, _ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        let by = std::mem::take(&mut self.scroll);
        if by != 0.0 {
            // Over the middle of the page, then the wheel.
            raw_input
                .events
                .push(egui::Event::PointerMoved(egui::pos2(500.0, 400.0)));
            raw_input.events.push(egui::Event::MouseWheel {
                unit: egui::MouseWheelUnit::Point,
                delta: egui::vec2(0.0, -by),
                phase: egui::TouchPhase::Move,
                source: egui::MouseWheelSource::Unknown,
                modifiers: egui::Modifiers::default(),
            });
        }
    }

    fn logic(&mut self, ctx: &egui::Context, frame: &mut eframe::Frame) {
        if let Some(app) = &mut self.app {
            eframe::App::logic(app, ctx, frame);
        }
        if let Err(error) = self.advance(ctx) {
            eprintln!("gallery: {error}");
            std::process::exit(1);
        }
        if self.steps.is_empty() {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        self.frames += 1;
        ctx.request_repaint();
    }

    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        if std::mem::take(&mut self.fresh) {
            ui.ctx().request_repaint();
            return;
        }
        if let Some(app) = &mut self.app {
            eframe::App::ui(app, ui, frame);
        }
    }
}

fn main() -> Result<(), String> {
    let out = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "target/screens".into()),
    );
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let server = DemoServer::start_background(0).map_err(|e| e.to_string())?;
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("survey-kiosk gallery")
            .with_inner_size([1100.0, 800.0]),
        renderer: eframe::Renderer::Glow,
        ..Default::default()
    };
    eframe::run_native(
        "survey-kiosk-gallery",
        options,
        Box::new(move |_cc| {
            Ok(Box::new(Gallery {
                out,
                server,
                steps: script().into(),
                app: None,
                clock: FakeClock::new(),
                rng: StdRng::seed_from_u64(11),
                frames: 0,
                shot_done: None,
                fresh: false,
                scroll: 0.0,
            }))
        }),
    )
    .map_err(|e| e.to_string())
}
