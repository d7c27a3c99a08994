//! The on-screen keyboard: kiosks are often a touchscreen with no keyboard,
//! and a kiosk session (the `cage` compositor) cannot host the system's.
//!
//! Text fields register themselves with [`field`] (their kind and place)
//! every frame they are drawn. When one of them has the focus, the app draws
//! the keyboard as a bottom panel *before* the screen, so the page above
//! shrinks and the field is scrolled into view above the keys. A key adds
//! its text (or Backspace, Enter) to this frame's input events, which the
//! focused `TextEdit` then reads as if typed: one path for physical and
//! on-screen typing. While the keyboard is up, a tap on a key does not take
//! the focus from the field; a tap anywhere else does, and hides it.
//!
//! `keyboard = "auto"` (the default) shows it until a physical key press is
//! seen, and forgets that at every reset; `on_screen` always; `physical`
//! never.

use egui::{
    Align2, Color32, Event, FontId, Id, Key, Modifiers, Rect, Response, Sense, Stroke, Ui, vec2,
};

mod keys;
mod layout;

use keys::{KeyState, Typed};
use layout::KeyDef;

use crate::config::{KeyboardMode, LetterLayout};

/// Height of a key, in points (at least 56 px on a 1.0 scale).
pub const KEY_HEIGHT: f32 = 60.0;
/// Gap between keys.
const GAP: f32 = 6.0;

/// What a text field holds, so the keyboard shows the keys it needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Kind {
    /// Letters, a page of digits and symbols, accented letters.
    #[default]
    Text,
    /// As text, with a Return key for new lines.
    Multiline,
    /// Letters with `@`, `.`, `.com`; no space.
    Email,
    /// Digits, decimal separator, minus.
    Number,
    /// A dial pad with `+`, space, `-` and parentheses.
    Phone,
    /// Digits only (a survey id, a PIN).
    Digits,
    /// Letters with `:`, `/`, `.`, `-`; no space (a web address).
    Url,
}

/// What [`field`] remembers of a field for the keyboard.
#[derive(Clone, Copy, Debug)]
struct FieldInfo {
    kind: Kind,
    rect: Rect,
}

fn info_id(field: Id) -> Id {
    field.with("on-screen-keyboard")
}

fn scroll_request_id() -> Id {
    Id::unique("on-screen-keyboard-scroll")
}

/// Registers a text field (call it every frame the field is drawn, with the
/// `TextEdit`'s response): the keyboard shows `kind`'s keys for it, and the
/// field is scrolled above the keyboard when the keyboard opens for it.
pub fn field(ui: &Ui, response: &Response, kind: Kind) {
    let ctx = ui.ctx();
    ctx.data_mut(|d| {
        d.insert_temp(
            info_id(response.id),
            FieldInfo {
                kind,
                rect: response.rect,
            },
        )
    });
    // The memory's focus, not `Response::has_focus`: that also asks whether
    // the window has the system's focus, which a kiosk window may not have
    // (no window manager, a notification): the on-screen keyboard types
    // into the field all the same, so it must also scroll it into view.
    if ctx.memory(|m| m.has_focus(response.id)) {
        // egui outlines a focused field in the selection's text colour
        // (white in the light theme: invisible on the page).
        let visuals = ui.visuals();
        ui.painter().rect_stroke(
            response.rect,
            visuals.widgets.inactive.corner_radius,
            egui::Stroke::new(2.0, crate::ui::theme::focus_color(visuals)),
            egui::StrokeKind::Outside,
        );
        let wanted = ctx.data(|d| d.get_temp::<Option<Id>>(scroll_request_id()));
        if wanted.flatten() == Some(response.id) {
            scroll_into_view(ui, response);
        }
    }
    if response.gained_focus() {
        // The keyboard opens on the next frame.
        ctx.request_repaint();
    }
}

/// Scrolls the focused field the keyboard just opened for into the middle
/// of what the page shows, frame after frame until it is wholly in view
/// on two frames in a row with the same view (the page's area shrinks as
/// the keyboard and a compact header settle: on the keyboard's first frame
/// its panel is not yet its full height, and a field in view then is
/// under the keys on the next); a few frames at most, then it gives up: a
/// field taller than the view.
fn scroll_into_view(ui: &Ui, response: &Response) {
    let ctx = ui.ctx();
    let view = ui.clip_rect();
    let tries = ctx.data_mut(|d| {
        let tries = d.get_temp_mut_or_default::<ScrollTries>(scroll_tries_id());
        tries.count = tries.count.saturating_add(1);
        let settled = tries.view == Some(view);
        tries.view = Some(view);
        (tries.count, settled)
    });
    let (count, settled) = tries;
    let in_view = view.contains_rect(response.rect);
    if (in_view && settled) || count > 8 {
        ctx.data_mut(|d| {
            d.remove_temp::<Option<Id>>(scroll_request_id());
            d.remove_temp::<ScrollTries>(scroll_tries_id());
        });
    } else {
        if !in_view {
            response.scroll_to_me(Some(egui::Align::Center));
        }
        ctx.request_repaint();
    }
}

/// How often [`scroll_into_view`] has looked, and the view it saw last.
#[derive(Clone, Copy, Debug, Default)]
struct ScrollTries {
    count: u8,
    view: Option<egui::Rect>,
}

/// A swipe began: the field the keyboard opened for is no longer scrolled
/// into view (the page follows the finger, not the field).
pub fn forget_scroll_request(ctx: &egui::Context) {
    ctx.data_mut(|d| {
        d.remove_temp::<Option<Id>>(scroll_request_id());
        d.remove_temp::<ScrollTries>(scroll_tries_id());
    });
}

fn scroll_tries_id() -> Id {
    Id::unique("on-screen-keyboard-scroll-tries")
}

/// The keyboard's state, kept by the app (not in egui memory, so a reset is
/// one call).
pub struct Keyboard {
    mode: KeyboardMode,
    letters: LetterLayout,
    physical_seen: bool,
    /// Its page, Shift, alphabet and a held Backspace.
    keys: KeyState,
    /// The field it is open for.
    open_for: Option<Id>,
    /// Where it was drawn last frame (taps there keep the field's focus).
    rect: Option<Rect>,
}

impl Keyboard {
    pub fn new(mode: KeyboardMode, letters: LetterLayout) -> Keyboard {
        Keyboard {
            mode,
            letters,
            physical_seen: false,
            keys: KeyState::default(),
            open_for: None,
            rect: None,
        }
    }

    /// A new respondent: a physical keyboard seen before is forgotten, the
    /// keyboard is closed and on its first page.
    pub fn reset(&mut self, ctx: &egui::Context) {
        self.close(ctx);
        self.physical_seen = false;
        self.keys = KeyState::default();
        self.open_for = None;
        self.rect = None;
    }

    /// Whether it is up.
    pub fn is_open(&self) -> bool {
        self.open_for.is_some()
    }

    /// Draws the keyboard, when a registered field has the focus, as a
    /// bottom panel of `ui`. Call it before the screen is drawn.
    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.note_physical_keys(&ctx);
        let Some((mut target, mut info)) = self.wanted_for(&ctx) else {
            self.close(&ctx);
            return;
        };
        // A field takes the focus when a finger comes down on it, but the
        // press may become a swipe (which gives the focus back): the
        // keyboard opens, or moves to another field, when the finger lifts.
        if self.open_for != Some(target) && ctx.input(|i| i.pointer.any_down()) {
            let open = self.open_for.and_then(|id| {
                ctx.data(|d| d.get_temp::<FieldInfo>(info_id(id)))
                    .map(|i| (id, i))
            });
            match open {
                Some((id, open_info)) => (target, info) = (id, open_info),
                None => return,
            }
        }
        // A tap outside the keyboard and the field ends the typing. The
        // keyboard still stands this frame, so what was tapped is where the
        // finger saw it (Submit, another field) and takes the tap; it goes
        // on the next frame.
        let tapped_elsewhere = ctx.input(|i| {
            i.pointer.any_click()
                && i.pointer.press_origin().is_some_and(|at| {
                    !info.rect.contains(at) && !self.rect.is_some_and(|r| r.contains(at))
                })
        });
        let leaving = tapped_elsewhere && self.open_for == Some(target);
        if self.open_for != Some(target) {
            self.open_for = Some(target);
            self.keys.open();
            ctx.data_mut(|d| {
                d.insert_temp(scroll_request_id(), Some(target));
                d.remove_temp::<ScrollTries>(scroll_tries_id());
            });
        }
        // Taps on keys must not take the focus from the field.
        ctx.options_mut(|o| o.input_options.surrender_focus_on = egui::SurrenderFocusOn::Never);
        let rows = layout::rows(info.kind, &self.keys, self.letters, &crate::ui::words(&ctx));
        let taps = self.panel(ui, &rows);
        let now = ctx.input(|i| i.time);
        let Some(mut events) = self.typed(&ctx, target, taps.pressed) else {
            return;
        };
        // Held Backspace repeats.
        if taps.backspace_down {
            if self.keys.backspace_held(now) {
                events.push(key_event(Key::Backspace));
            }
            ctx.request_repaint_after(std::time::Duration::from_millis(40));
        } else if !ctx.input(|i| i.pointer.any_down()) {
            self.keys.released();
        }
        if !events.is_empty() {
            ctx.input_mut(|i| i.events.extend(events));
        }
        if leaving {
            ctx.memory_mut(|m| m.surrender_focus(target));
            ctx.request_repaint();
        } else {
            ctx.memory_mut(|m| m.request_focus(target));
        }
    }

    /// A key from a physical keyboard (before this frame's own keys are
    /// added): `auto` then stays out of the way until the next reset.
    fn note_physical_keys(&mut self, ctx: &egui::Context) {
        let physical = ctx.input(|i| {
            i.events
                .iter()
                .any(|e| matches!(e, Event::Text(_) | Event::Key { pressed: true, .. }))
        });
        if physical && self.mode == KeyboardMode::Auto && !self.physical_seen {
            tracing::debug!("a physical key was pressed: the on-screen keyboard stays hidden");
            self.physical_seen = true;
        }
    }

    /// The focused field and what it registered, if it is a registered
    /// field and the keyboard is wanted.
    fn wanted_for(&self, ctx: &egui::Context) -> Option<(Id, FieldInfo)> {
        let focused = ctx.memory(|m| m.focused());
        let info = focused.and_then(|id| {
            ctx.data(|d| d.get_temp::<FieldInfo>(info_id(id)))
                .map(|info| (id, info))
        });
        let wanted = match self.mode {
            KeyboardMode::Physical => false,
            KeyboardMode::OnScreen => true,
            KeyboardMode::Auto => !self.physical_seen,
        };
        info.filter(|_| wanted)
    }

    /// The keys in a bottom panel, each row centred; what was tapped. Keeps
    /// where the panel is.
    fn panel(&mut self, ui: &mut Ui, rows: &[Vec<KeyDef>]) -> Taps {
        let mut taps = Taps::default();
        let panel = egui::Panel::bottom("on-screen-keyboard")
            // On the panel colour the window is cleared to (no fill of its
            // own: a fill would be painted on every frame the keyboard is up,
            // the costliest part of such a frame without a GPU); the letter
            // keys stand out from it in the field's colour.
            .frame(egui::Frame::new().inner_margin(egui::Margin::symmetric(12, 10)))
            .show(ui, |ui| {
                ui.spacing_mut().item_spacing = vec2(GAP, GAP);
                let width = ui.available_width().min(1100.0);
                let units = rows
                    .iter()
                    .map(|row| row.iter().map(|k| k.units).sum::<f32>())
                    .fold(1.0f32, f32::max);
                let unit = ((width - GAP * (units - 1.0)) / units).max(20.0);
                ui.vertical_centered(|ui| {
                    for row in rows {
                        self.key_row(ui, row, unit, &mut taps);
                    }
                });
            });
        self.rect = Some(panel.response.rect);
        taps
    }

    /// One row of keys, `unit` the width of a one-unit key.
    fn key_row(&self, ui: &mut Ui, row: &[KeyDef], unit: f32, taps: &mut Taps) {
        let row_width = row.iter().map(|k| k.units * unit).sum::<f32>()
            + GAP * (row.len().saturating_sub(1)) as f32;
        ui.allocate_ui_with_layout(
            vec2(row_width, KEY_HEIGHT),
            egui::Layout::left_to_right(egui::Align::Center),
            |ui| {
                for key in row {
                    let response = key_ui(ui, key, unit, self.keys.lit(&key.press));
                    if key.press == keys::Press::Key(Key::Backspace)
                        && response.is_pointer_button_down_on()
                    {
                        taps.backspace_down = true;
                    }
                    if response.clicked() {
                        taps.pressed.push(key.press.clone());
                    }
                }
            },
        );
    }

    /// The input events the tapped keys type; `None` if one of them hid the
    /// keyboard (the field then loses the focus).
    fn typed(
        &mut self,
        ctx: &egui::Context,
        target: Id,
        pressed: Vec<keys::Press>,
    ) -> Option<Vec<Event>> {
        let mut events = Vec::new();
        for press in pressed {
            match self.keys.press(press) {
                Typed::Text(text) => events.push(Event::Text(text)),
                Typed::Key(key) => events.push(key_event(key)),
                Typed::Nothing => {}
                Typed::Hide => {
                    ctx.memory_mut(|m| m.surrender_focus(target));
                    self.close(ctx);
                    return None;
                }
            }
        }
        Some(events)
    }

    fn close(&mut self, ctx: &egui::Context) {
        if self.open_for.take().is_some() {
            self.rect = None;
            self.keys.close();
            ctx.options_mut(|o| {
                o.input_options.surrender_focus_on = egui::SurrenderFocusOn::default();
            });
        }
    }
}

/// What was done to the keys this frame.
#[derive(Default)]
struct Taps {
    /// The keys tapped, in order.
    pressed: Vec<keys::Press>,
    /// Backspace is held down.
    backspace_down: bool,
}

fn key_event(key: Key) -> Event {
    Event::Key {
        key,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: Modifiers::NONE,
    }
}

/// What sets a key apart from the panel it sits on.
#[derive(Debug, PartialEq)]
enum Edge {
    /// A line along the bottom edge and up the rounded corners: a key's
    /// shadow, where its fill already differs from the panel.
    Shadow(Stroke),
    /// An outline all round, where the fill is the panel's own colour
    /// (black on black in high contrast).
    Outline(Stroke),
}

/// The edge for a key filled with `fill`. An outline per key costs about
/// 1 ms a frame with software rendering while the page moves with the
/// keyboard up (hundreds of triangles each, the shadow a few dozen;
/// `scripts/bench-swipe.sh`, BENCHMARKS.md), so only keys that need one
/// get it.
fn key_edge(visuals: &egui::Visuals, fill: Color32) -> Edge {
    if crate::ui::theme::contrast(fill, visuals.panel_fill) < 1.02 {
        Edge::Outline(visuals.widgets.inactive.bg_stroke)
    } else {
        Edge::Shadow(Stroke::new(
            2.0,
            visuals.widgets.noninteractive.bg_stroke.color,
        ))
    }
}

/// A key's face: its fill, rounded, and its edge.
fn key_face(ui: &Ui, rect: Rect, fill: Color32) {
    const RADIUS: f32 = 8.0;
    let painter = ui.painter();
    match key_edge(ui.visuals(), fill) {
        Edge::Outline(outline) => {
            painter.rect(rect, RADIUS, fill, outline, egui::StrokeKind::Inside);
        }
        Edge::Shadow(shadow) => {
            painter.rect_filled(rect, RADIUS, fill);
            let r = RADIUS - shadow.width / 2.0;
            let corner = |center: egui::Pos2, from: f32, to: f32| {
                (0..=4).map(move |i| {
                    let angle = (from + (to - from) * i as f32 / 4.0).to_radians();
                    center + r * vec2(angle.cos(), angle.sin())
                })
            };
            let (left, right) = (rect.left() + RADIUS, rect.right() - RADIUS);
            let y = rect.bottom() - RADIUS;
            let points = corner(egui::pos2(left, y), 150.0, 90.0)
                .chain(corner(egui::pos2(right, y), 90.0, 30.0))
                .collect();
            painter.add(egui::Shape::line(points, shadow));
        }
    }
}

/// One key: a rounded rectangle with its label, darker while pressed, an
/// accessible button named `key.name`.
fn key_ui(ui: &mut Ui, key: &KeyDef, unit: f32, lit: bool) -> Response {
    let width = key.units * unit + GAP * (key.units - 1.0).max(0.0);
    let (rect, response) = ui.allocate_exact_size(vec2(width, KEY_HEIGHT), Sense::click());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &key.name));
    if ui.is_rect_visible(rect) {
        let visuals = ui.visuals();
        let down = response.is_pointer_button_down_on();
        let (fill, text) = if down || lit {
            (visuals.selection.bg_fill, visuals.selection.stroke.color)
        } else if key.special {
            (
                visuals.widgets.inactive.weak_bg_fill,
                visuals.strong_text_color(),
            )
        } else {
            (visuals.extreme_bg_color, visuals.strong_text_color())
        };
        key_face(ui, rect, fill);
        let size = if key.label.chars().count() > 2 {
            18.0
        } else {
            24.0
        };
        ui.painter().text(
            rect.center(),
            Align2::CENTER_CENTER,
            &key.label,
            FontId::proportional(size),
            if down { Color32::WHITE } else { text },
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::{Edge, key_edge};
    use crate::config::Theme;

    fn visuals(theme: Theme) -> egui::Visuals {
        let ctx = egui::Context::default();
        crate::ui::theme::apply(&ctx, theme, 1.0);
        ctx.global_style().visuals.clone()
    }

    #[test]
    fn keys_the_panel_shows_through_are_outlined_others_shadowed() {
        for theme in [Theme::Light, Theme::Dark] {
            let v = visuals(theme);
            for fill in [v.extreme_bg_color, v.widgets.inactive.weak_bg_fill] {
                assert!(
                    matches!(key_edge(&v, fill), Edge::Shadow(_)),
                    "{theme:?} {fill:?}"
                );
            }
        }
        let v = visuals(Theme::HighContrast);
        // Letter and special keys are black on the black panel: outlined in
        // the theme's white; a lit key is yellow, its fill enough.
        for fill in [v.extreme_bg_color, v.widgets.inactive.weak_bg_fill] {
            assert_eq!(
                key_edge(&v, fill),
                Edge::Outline(v.widgets.inactive.bg_stroke)
            );
        }
        assert!(matches!(key_edge(&v, v.selection.bg_fill), Edge::Shadow(_)));
    }
}
