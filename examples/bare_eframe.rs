//! The reference for `scripts/bench-app.sh`: a bare eframe window (a heading,
//! a few radio buttons and checkboxes, a text box) with eframe's defaults,
//! so the kiosk's launch time and memory compare with eframe's own on the
//! same machine. Like the kiosk, it logs every frame to stderr when
//! `SURVEY_KIOSK_BENCH` is set (`survey_kiosk::ui::frame_log`), and takes
//! its renderer from `SURVEY_KIOSK_RENDERER` (`glow`, or `wgpu` when built
//! with the `wgpu` feature). `--fullscreen` opens it full screen without
//! decorations, placed and sized as the kiosk opens
//! (`survey_kiosk::ui::monitor`); otherwise 1100x800, as `--windowed`.
//!
//! Run: `cargo run --release --example bare_eframe [-- --fullscreen]`

// A tool that cannot set up stops with the reason: `expect` is how it says so.
#![allow(clippy::expect_used)]

fn main() -> Result<(), eframe::Error> {
    let renderer = match std::env::var("SURVEY_KIOSK_RENDERER").as_deref() {
        #[cfg(feature = "wgpu")]
        Ok("wgpu") => eframe::Renderer::Wgpu,
        Ok("glow") | Err(_) => eframe::Renderer::Glow,
        Ok(other) => {
            eprintln!("unknown or not built-in renderer {other:?}; using glow");
            eframe::Renderer::Glow
        }
    };
    let viewport = egui::ViewportBuilder::default().with_title("bare eframe");
    let viewport = if std::env::args().any(|arg| arg == "--fullscreen") {
        // As the kiosk opens: at the monitor's size from the start.
        survey_kiosk::ui::monitor::full_screen(viewport)
    } else {
        viewport.with_inner_size([1100.0, 800.0])
    };
    let options = eframe::NativeOptions {
        viewport,
        renderer,
        ..Default::default()
    };
    eframe::run_native(
        "bare-eframe",
        options,
        Box::new(|cc| {
            survey_kiosk::ui::frame_log::install(&cc.egui_ctx);
            Ok(Box::new(Bare::default()))
        }),
    )
}

#[derive(Default)]
struct Bare {
    choice: u8,
    checks: [bool; 3],
    text: String,
}

impl eframe::App for Bare {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.heading("How was your visit?");
            for (value, label) in [(1, "Good"), (2, "Fair"), (3, "Poor")] {
                ui.radio_value(&mut self.choice, value, label);
            }
            for (check, label) in self.checks.iter_mut().zip(["Price", "Service", "Choice"]) {
                ui.checkbox(check, label);
            }
            ui.text_edit_singleline(&mut self.text);
        });
    }
}
