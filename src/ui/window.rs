//! The window: eframe's options (size, full screen, renderer) and the app
//! started in it.

use std::sync::Arc;

use super::app::KioskApp;
use super::clock::SystemClock;
use crate::api::Client;
use crate::config::Config;
use crate::demo::DemoServer;
use crate::worker::Records;

/// The renderer named by `SURVEY_KIOSK_RENDERER`: `glow` (the default), or
/// `wgpu` when built with the `wgpu` feature. Anything else falls back to
/// glow with a warning.
fn renderer() -> eframe::Renderer {
    let chosen = std::env::var("SURVEY_KIOSK_RENDERER").unwrap_or_default();
    match chosen.trim() {
        "" | "glow" => eframe::Renderer::Glow,
        #[cfg(feature = "wgpu")]
        "wgpu" => eframe::Renderer::Wgpu,
        other => {
            tracing::warn!(
                renderer = other,
                "unknown or not built-in SURVEY_KIOSK_RENDERER; using glow"
            );
            eframe::Renderer::Glow
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
        renderer: renderer(),
        ..Default::default()
    };
    eframe::run_native(
        "survey-kiosk",
        options,
        Box::new(move |cc| {
            super::frame_log::install(&cc.egui_ctx);
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
