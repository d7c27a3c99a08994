//! The window: eframe's options (size, full screen, renderer) and the app
//! started in it. What the kiosk needs besides the window (the demo server,
//! the journal, the worker, the logo) is made on a thread of its own while
//! eframe opens the window, so it does not hold up the first frame.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};
use std::thread::JoinHandle;

use super::app::KioskApp;
use super::clock::SystemClock;
use crate::api::Client;
use crate::config::Config;
use crate::demo::DemoServer;
use crate::worker::{Records, Worker, WorkerError};

/// What the kiosk runs on besides its window: the survey's client, the
/// worker (started, its journal's leftovers recovered) and the logo's
/// image. [`Started::spawn`] needs no egui context, so it can run on a
/// thread of its own while eframe opens the window ([`run`]).
pub struct Started {
    pub(super) client: Client,
    pub(super) survey_id: u64,
    /// Keeps the embedded demo server running while the kiosk uses it.
    pub(super) demo: Option<DemoServer>,
    pub(super) worker: Worker,
    pub(super) journal_path: Option<PathBuf>,
    pub(super) logo: Option<egui::ColorImage>,
}

impl Started {
    /// Starts the worker on `records` (`notify` asks for a frame when it
    /// has news) and reads the logo.
    pub fn spawn(
        config: &Config,
        client: Client,
        survey_id: u64,
        demo: Option<DemoServer>,
        records: Records,
        notify: impl Fn() + Send + Sync + 'static,
    ) -> Result<Started, WorkerError> {
        let journal_path = match &records {
            Records::Journal { journal, .. } => Some(journal.path().to_owned()),
            _ => None,
        };
        let worker = Worker::spawn_configured(
            client.clone(),
            survey_id,
            records,
            &config.kiosk_settings(),
            notify,
        )?;
        Ok(Started {
            client,
            survey_id,
            demo,
            worker,
            journal_path,
            logo: crate::logo::image(config),
        })
    }
}

/// What [`run`]'s `start` makes off the UI thread: the survey and its
/// client, the embedded demo server if it is the demo, the records.
pub struct Backend {
    pub client: Client,
    pub survey_id: u64,
    pub demo: Option<DemoServer>,
    pub records: Records,
    /// Kept for as long as the window runs (e.g. the metrics exporter).
    pub keep: Keep,
}

/// Why [`run`] stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum RunError<E> {
    /// `start` failed (its error, as it said it).
    #[error(transparent)]
    Start(E),
    /// The window could not open or run.
    #[error("the kiosk window could not run: {0}")]
    Window(#[from] eframe::Error),
}

/// What the kiosk keeps for as long as the window runs ([`Backend::keep`]).
type Keep = Option<Box<dyn std::any::Any + Send>>;

/// The starting thread's result.
type Starting<E> = JoinHandle<Result<(Started, Keep), Failed<E>>>;

enum Failed<E> {
    Start(E),
    Worker(WorkerError),
}

/// Waits for the starting thread.
fn finish<E>(starting: Starting<E>) -> Result<(Started, Keep), Failed<E>> {
    starting
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

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

/// Opens the kiosk window and runs until the operator closes it. `start`
/// runs on a thread of its own meanwhile (eframe's window and OpenGL set-up
/// take longer than it does); the app is made when both are done, before
/// the first frame. An error of `start` is returned as it is, also when the
/// window could not open.
pub fn run<E: Send + 'static>(
    config: Config,
    start: impl FnOnce() -> Result<Backend, E> + Send + 'static,
) -> Result<(), RunError<E>> {
    let context: Arc<OnceLock<egui::Context>> = Arc::new(OnceLock::new());
    let for_worker = context.clone();
    let worker_config = config.clone();
    let starting: Starting<E> = std::thread::Builder::new()
        .name("kiosk-start".into())
        .spawn(move || {
            let Backend {
                client,
                survey_id,
                demo,
                records,
                keep,
            } = start().map_err(Failed::Start)?;
            // Replies that come before the window's context is set are
            // taken by the first frame anyway.
            let notify = move || {
                if let Some(ctx) = for_worker.get() {
                    ctx.request_repaint();
                }
            };
            let started = Started::spawn(&worker_config, client, survey_id, demo, records, notify)
                .map_err(Failed::Worker)?;
            Ok((started, keep))
        })
        .map_err(|error| RunError::Window(eframe::Error::AppCreation(Box::new(error))))?;
    let starting = Arc::new(Mutex::new(Some(starting)));
    let failed: Arc<Mutex<Option<E>>> = Arc::new(Mutex::new(None));
    let keep: Arc<Mutex<Keep>> = Arc::new(Mutex::new(None));

    let mut viewport = egui::ViewportBuilder::default()
        .with_title(config.title.clone())
        .with_min_inner_size([480.0, 400.0]);
    viewport = if config.windowed {
        viewport.with_inner_size([1100.0, 800.0])
    } else {
        super::monitor::full_screen(viewport)
    };
    let options = eframe::NativeOptions {
        viewport,
        renderer: renderer(),
        // Dithering adds work to every pixel painted, for gradients the kiosk
        // does not draw: without it a swiped frame paints 0.3–0.9 ms sooner on
        // a software renderer (scripts/bench-swipe.sh).
        dithering: false,
        ..Default::default()
    };
    let (for_app, failed_in_app, keep_in_app) = (starting.clone(), failed.clone(), keep.clone());
    let result = eframe::run_native(
        "survey-kiosk",
        options,
        Box::new(move |cc| {
            super::frame_log::install(&cc.egui_ctx);
            let _ = context.set(cc.egui_ctx.clone());
            let handle = for_app.lock().unwrap_or_else(|e| e.into_inner()).take();
            let Some(handle) = handle else {
                return Err("the kiosk was already started".into());
            };
            match finish(handle) {
                Ok((started, kept)) => {
                    *keep_in_app.lock().unwrap_or_else(|e| e.into_inner()) = kept;
                    let app =
                        KioskApp::start(&cc.egui_ctx, config, started, Arc::new(SystemClock))?;
                    Ok(Box::new(app))
                }
                Err(Failed::Worker(error)) => Err(Box::new(error)),
                Err(Failed::Start(error)) => {
                    *failed_in_app.lock().unwrap_or_else(|e| e.into_inner()) = Some(error);
                    Err("the kiosk could not start".into())
                }
            }
        }),
    );
    // The window never opened: `start`'s own error, if any, says more.
    if let Some(handle) = starting.lock().unwrap_or_else(|e| e.into_inner()).take()
        && let Err(Failed::Start(error)) = finish(handle)
    {
        return Err(RunError::Start(error));
    }
    if let Some(error) = failed.lock().unwrap_or_else(|e| e.into_inner()).take() {
        return Err(RunError::Start(error));
    }
    drop(keep);
    Ok(result?)
}
