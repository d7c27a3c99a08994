//! The way in: five taps in the top-left corner within three seconds (or
//! Ctrl+Shift+O), and on a first run a small "Set up this kiosk" link.

use egui::RichText;

use super::{CORNER, IDLE_CLOSE, OperatorUi};
use crate::config::Config;
use crate::ui::widgets::TOUCH_HEIGHT;

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
/// yet (first run: [`crate::operator::WayIn::Setup`]); returns `true` when
/// tapped.
pub fn setup_link(ctx: &egui::Context) -> bool {
    egui::Area::new(egui::Id::unique("setup-link"))
        .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-16.0, -16.0))
        // Shown at once: a fade-in repaints the whole window for a while
        // after every reset, which a software renderer pays for.
        .fade_in(false)
        .show(ctx, |ui| {
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
