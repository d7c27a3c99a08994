//! A full-screen window that covers the monitor from its first frame.
//!
//! On X11 with no window manager (the classic `xinit` kiosk, Xvfb) nobody
//! honours "full screen": winit opens an 800x600 window, the kiosk paints
//! its first frame in it, then grows it to the monitor (see
//! `KioskApp::cover_the_monitor`) and paints again, so the first picture on
//! screen is not the one that stays. There the window is asked for at the
//! corner, larger than any monitor: eframe clamps an initial size to the
//! largest monitor winit knows of (`clamp_size_to_monitor_size`), so it
//! opens at the monitor's size, with no round trip of our own to the X
//! server. (An earlier version asked the server itself, over a second
//! connection, and made Xlib's own connection fail now and then.) Under
//! Wayland (cage) the compositor sizes the window before its first frame:
//! nothing to do.

/// Larger than any monitor, in points: eframe clamps it to the largest.
const LARGER_THAN_ANY: f32 = 100_000.0;

/// Whether winit will open an X11 window (it prefers Wayland when
/// `WAYLAND_DISPLAY` is set).
fn on_x11() -> bool {
    cfg!(target_os = "linux")
        && std::env::var_os("WAYLAND_DISPLAY").is_none()
        && std::env::var_os("DISPLAY").is_some()
}

/// `viewport` full screen without decorations and, on X11, at the
/// monitor's size and place from the start.
pub fn full_screen(viewport: egui::ViewportBuilder) -> egui::ViewportBuilder {
    let viewport = viewport.with_fullscreen(true).with_decorations(false);
    if on_x11() {
        viewport
            .with_position([0.0, 0.0])
            .with_inner_size([LARGER_THAN_ANY, LARGER_THAN_ANY])
            .with_clamp_size_to_monitor_size(true)
    } else {
        viewport
    }
}
