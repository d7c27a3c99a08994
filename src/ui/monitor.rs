//! The monitor a full-screen window covers, asked of the X server before
//! the window opens.
//!
//! On X11 with no window manager (the classic `xinit` kiosk, Xvfb) nobody
//! honours "full screen": winit opens an 800x600 window, the kiosk paints
//! its first frame in it, then grows it to the monitor (see
//! `KioskApp::cover_the_monitor`) and paints again, so the first picture on
//! screen is not the one that stays. Opening the window at the monitor's
//! place and size from the start avoids that. Under Wayland (cage) the
//! compositor sizes the window before its first frame: nothing to do.

// An operator's full-screen kiosk has one monitor; with several, the
// primary one (`KioskApp::cover_the_monitor` still corrects the size).

/// The monitor's rectangle in pixels (RandR's primary monitor, else the
/// first, else the whole X screen), when the window will be an X11 window;
/// `None` under Wayland, without `DISPLAY`, or when the server cannot be
/// asked (logged).
#[cfg(target_os = "linux")]
pub fn x11_monitor() -> Option<egui::Rect> {
    if std::env::var_os("WAYLAND_DISPLAY").is_some() || std::env::var_os("DISPLAY").is_none() {
        return None;
    }
    query()
        .inspect_err(|error| {
            tracing::debug!(%error, "the X server's monitor size is unknown");
        })
        .ok()
        .flatten()
}

/// Why the X server could not say.
#[cfg(target_os = "linux")]
#[derive(Debug, thiserror::Error)]
enum AskError {
    #[error(transparent)]
    Connect(#[from] x11rb::errors::ConnectError),
    #[error(transparent)]
    Connection(#[from] x11rb::errors::ConnectionError),
}

#[cfg(target_os = "linux")]
fn query() -> Result<Option<egui::Rect>, AskError> {
    use x11rb::connection::Connection as _;
    use x11rb::protocol::randr::ConnectionExt as _;

    let (conn, screen) = x11rb::connect(None)?;
    let Some(screen) = conn.setup().roots.get(screen) else {
        return Ok(None);
    };
    let whole = egui::Rect::from_min_size(
        egui::Pos2::ZERO,
        egui::vec2(
            f32::from(screen.width_in_pixels),
            f32::from(screen.height_in_pixels),
        ),
    );
    // RandR 1.5 lists monitors; an older server or none listed: the screen.
    let monitors = match conn.randr_get_monitors(screen.root, true)?.reply() {
        Ok(reply) => reply.monitors,
        Err(_) => return Ok(Some(whole)),
    };
    let monitor = monitors
        .iter()
        .find(|m| m.primary)
        .or_else(|| monitors.first());
    Ok(Some(monitor.map_or(whole, |m| {
        egui::Rect::from_min_size(
            egui::pos2(f32::from(m.x), f32::from(m.y)),
            egui::vec2(f32::from(m.width), f32::from(m.height)),
        )
    })))
}

/// Makes `options`' window full screen without decorations and, where the
/// X server says where the monitor is, places it on the monitor at its size
/// from the start. The server is asked on a thread of its own while eframe
/// sets up (its event loop takes longer), and the answer is applied as the
/// window is made (`NativeOptions::window_builder`).
pub fn full_screen(options: &mut eframe::NativeOptions) {
    options.viewport = options
        .viewport
        .clone()
        .with_fullscreen(true)
        .with_decorations(false);
    #[cfg(target_os = "linux")]
    {
        let asking = std::thread::Builder::new()
            .name("x11-monitor".into())
            .spawn(x11_monitor);
        let asking = match asking {
            Ok(asking) => asking,
            Err(error) => {
                tracing::debug!(%error, "the X server's monitor size is not asked");
                return;
            }
        };
        options.window_builder = Some(Box::new(move |viewport| {
            match asking.join().ok().flatten() {
                Some(monitor) => viewport
                    .with_position(monitor.min)
                    .with_inner_size(monitor.size()),
                None => viewport,
            }
        }));
    }
}
