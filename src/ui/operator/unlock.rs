//! The way in: five taps in the top-left corner within three seconds (or
//! Ctrl+Shift+O), on a first run a small "Set up this kiosk" link, and on a
//! kiosk with no operator PIN the notice that says how to set one.

use std::time::Instant;

use egui::RichText;

use super::{CORNER, IDLE_CLOSE, OperatorUi};
use crate::config::Config;
use crate::ui::widgets::TOUCH_HEIGHT;

/// "No operator PIN is set", over the kiosk until `until` (a tap on it
/// closes it sooner).
pub(super) struct NoPinNotice {
    pub(super) until: Instant,
}

/// What became of the notice this frame.
pub(super) enum NoticeChoice {
    /// Tapped, or its time is up.
    Close,
}

impl NoPinNotice {
    /// Draws the notice in an area of its own over the kiosk.
    pub(super) fn ui(&mut self, ctx: &egui::Context, now: Instant) -> Option<NoticeChoice> {
        if now >= self.until {
            return Some(NoticeChoice::Close);
        }
        let tapped = egui::Area::new(egui::Id::unique("no-pin-notice"))
            .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 16.0))
            .order(egui::Order::Foreground)
            .fade_in(false)
            .show(ctx, |ui| {
                ui.set_max_width(640.0f32.min(ui.available_width()));
                let text = crate::i18n::fl!(crate::ui::words(ui.ctx()), "operator-no-pin");
                ui.add(
                    egui::Button::new(RichText::new(crate::ui::bidi::line_text(&text)).strong())
                        .wrap()
                        .min_size(egui::vec2(0.0, TOUCH_HEIGHT)),
                )
                .clicked()
            })
            .inner;
        if tapped {
            return Some(NoticeChoice::Close);
        }
        ctx.request_repaint_after(self.until.saturating_duration_since(now));
        None
    }
}

impl OperatorUi {
    /// Watches this frame's input for the unlock gesture (five taps in the
    /// top-left corner within three seconds, or Ctrl+Shift+O) and for
    /// activity. Returns `true` when the gesture opened the operator's side.
    pub fn watch(&mut self, ctx: &egui::Context, config: &Config, now: std::time::Instant) -> bool {
        let (shortcut, corner_taps, active) = ctx.input(|i| {
            let shortcut = i.modifiers.ctrl && i.modifiers.shift && i.key_pressed(egui::Key::O);
            let taps = i
                .events
                .iter()
                .filter(|e| {
                    matches!(e, egui::Event::PointerButton { pos, pressed: true, .. }
                        if pos.x <= CORNER && pos.y <= CORNER)
                })
                .count();
            (shortcut, taps, !i.events.is_empty())
        });
        if active {
            self.last_input = now;
        }
        if self.panel.is_some() {
            if now.duration_since(self.last_input) >= IDLE_CLOSE {
                tracing::info!("operator screen closed after idling");
                self.close();
            }
            return false;
        }
        let tapped = (0..corner_taps).any(|_| self.taps.tap(now));
        if shortcut || tapped {
            return self.open(config, now);
        }
        false
    }
}

/// The small "Set up this kiosk" link on a kiosk that has no operator PIN
/// yet (first run: [`crate::operator::WayIn::Setup`]), in the bottom-right
/// corner over the screen `ui` (the root) already shows; returns `true`
/// when tapped.
///
/// Placed by a bottom-up, right-aligned layout, not in an anchored
/// [`egui::Area`]: an area whose size egui does not know yet (its first
/// frame, and again after every reset forgets it) is drawn invisibly to
/// measure it and shown only on the frame after, so the attract screen's
/// first frame would lack the link.
pub fn setup_link(ui: &mut egui::Ui) -> bool {
    let corner = ui.ctx().content_rect().shrink(16.0);
    let builder = egui::UiBuilder::new()
        .max_rect(corner)
        .layout(egui::Layout::bottom_up(egui::Align::Max));
    ui.scope_builder(builder, |ui| {
        ui.add(
            egui::Button::new(RichText::new(crate::ui::bidi::line_text(
                &crate::i18n::fl!(crate::ui::words(ui.ctx()), "attract-setup-link"),
            )))
            .min_size(egui::vec2(0.0, TOUCH_HEIGHT)),
        )
        .clicked()
    })
    .inner
}
