//! Building blocks shared by the widget families: large tappable rows and
//! buttons, focus rings, fonts and short notes. Sizes come from the current
//! style and [`TOUCH_HEIGHT`]; colours only from `ui.visuals()`.

use egui::{
    Align2, Color32, FontId, Id, Pos2, Rect, Response, RichText, Role, Sense, Shape, Stroke,
    StrokeKind, TextStyle, TextWrapMode, Ui, Vec2, WidgetInfo, WidgetText, pos2, vec2,
};

use super::TOUCH_HEIGHT;

/// The mark drawn at the start of a choice row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mark {
    Radio,
    Check,
}

impl Mark {
    fn role(self) -> Role {
        match self {
            Mark::Radio => Role::RadioButton,
            Mark::Check => Role::CheckBox,
        }
    }
}

/// The body font of the current style.
pub(crate) fn body_font(ui: &Ui) -> FontId {
    TextStyle::Body.resolve(ui.style())
}

/// The body font scaled by `factor`.
pub(crate) fn scaled_body_font(ui: &Ui, factor: f32) -> FontId {
    let body = body_font(ui);
    FontId::new(body.size * factor, body.family)
}

/// The size of the radio/check mark in a row: at least the style's icon size,
/// and in proportion to the body text.
fn mark_size(ui: &Ui) -> f32 {
    (body_font(ui).size * 1.2).max(ui.spacing().icon_width)
}

/// A ring around a focused widget (keyboard users must see where they are).
pub(crate) fn paint_focus_ring(ui: &Ui, response: &Response) {
    if response.has_focus() {
        let visuals = ui.visuals();
        let width = visuals.selection.stroke.width.max(1.0) * 2.0;
        ui.painter().rect_stroke(
            response.rect,
            visuals.widgets.hovered.corner_radius,
            Stroke::new(width, crate::ui::theme::focus_color(visuals)),
            StrokeKind::Outside,
        );
    }
}

/// A full-width choice row: a radio or check mark and a wrapped label; the
/// whole row is the target. `name` is the accessible name (usually the label
/// itself; a matrix row adds the row text).
pub(crate) fn choice_row(
    ui: &mut Ui,
    id: Id,
    text: &str,
    name: &str,
    mark: Mark,
    selected: bool,
) -> Response {
    let padding = ui.spacing().button_padding;
    let gap = ui.spacing().item_spacing.x;
    let mark_side = mark_size(ui);
    let width = ui.available_width().max(TOUCH_HEIGHT * 2.0);
    let wrap_width = (width - padding.x * 2.0 - mark_side - gap * 1.5).max(TOUCH_HEIGHT);
    // Right-to-left text (or a page in a right-to-left language): the mark
    // on the right, the lines in visual order and aligned right.
    let fallback = crate::ui::words(ui.ctx()).direction();
    let rtl = crate::ui::bidi::base_direction(text, fallback).is_rtl();
    let lines = if rtl || crate::ui::bidi::needs_bidi(text) {
        let font = TextStyle::Body.resolve(ui.style());
        let color = ui.visuals().text_color();
        crate::ui::bidi::visual_galleys(ui, text, fallback, wrap_width, &font, color)
    } else {
        let galley = WidgetText::from(text).into_galley(
            ui,
            Some(TextWrapMode::Wrap),
            wrap_width,
            TextStyle::Body,
        );
        vec![(crate::ui::bidi::Direction::Ltr, galley)]
    };
    let text_height: f32 = lines.iter().map(|(_, g)| g.size().y).sum();
    let height = (text_height + padding.y * 2.0).max(TOUCH_HEIGHT);
    let (_, rect) = ui.allocate_space(vec2(width, height));
    let response = ui.interact(rect, id, Sense::click());
    response.widget_info(|| WidgetInfo::selected(mark.role(), ui.is_enabled(), selected, name));

    if ui.is_rect_visible(rect) {
        let visuals = ui.style().interact_selectable(&response, selected);
        ui.painter().rect(
            rect,
            visuals.corner_radius,
            visuals.weak_bg_fill,
            visuals.bg_stroke,
            StrokeKind::Inside,
        );
        let mark_x = if rtl {
            rect.right() - padding.x - mark_side / 2.0
        } else {
            rect.left() + padding.x + mark_side / 2.0
        };
        let mark_rect =
            Rect::from_center_size(pos2(mark_x, rect.center().y), Vec2::splat(mark_side));
        paint_mark(ui, mark, mark_rect, selected, visuals.fg_stroke);
        let mut y = rect.center().y - text_height / 2.0;
        for (_, galley) in lines {
            let x = if rtl {
                mark_rect.left() - gap * 1.5 - galley.size().x
            } else {
                mark_rect.right() + gap * 1.5
            };
            let line_height = galley.size().y;
            ui.painter().galley_with_override_text_color(
                pos2(x, y),
                galley,
                visuals.fg_stroke.color,
            );
            y += line_height;
        }
        paint_focus_ring(ui, &response);
    }
    response
}

/// A radio circle or a check box, with the dot / tick when `selected`: the
/// mark is a light box on the row with a dark dot or tick in it (the text
/// colour on the field colour), so what is chosen shows without colour.
pub(crate) fn paint_mark(ui: &Ui, mark: Mark, rect: Rect, selected: bool, fg: Stroke) {
    let painter = ui.painter();
    let fill = ui.visuals().extreme_bg_color;
    let stroke = Stroke::new(fg.width.max(1.0) * 1.5, fg.color);
    // The dot and tick contrast with the mark's own fill, whatever the row.
    let fg = Stroke::new(fg.width, ui.visuals().strong_text_color());
    match mark {
        Mark::Radio => {
            let radius = rect.width() / 2.0;
            painter.circle(rect.center(), radius, fill, stroke);
            if selected {
                painter.circle_filled(rect.center(), radius * 0.5, fg.color);
            }
        }
        Mark::Check => {
            let corner = ui.visuals().widgets.inactive.corner_radius;
            painter.rect(rect, corner, fill, stroke, StrokeKind::Inside);
            if selected {
                let r = rect.shrink(rect.width() * 0.2);
                painter.add(Shape::line(
                    vec![
                        pos2(r.left(), r.center().y),
                        pos2(r.center().x - r.width() * 0.1, r.bottom()),
                        pos2(r.right(), r.top()),
                    ],
                    Stroke::new(stroke.width * 1.5, fg.color),
                ));
            }
        }
    }
}

/// A square button with centred text (a point of a 0–10 scale, a matrix cell
/// without text). `name` is its accessible name.
pub(crate) fn square_button(
    ui: &mut Ui,
    id: Id,
    text: &str,
    name: &str,
    role: Role,
    selected: bool,
    size: Vec2,
) -> Response {
    let (_, rect) = ui.allocate_space(size);
    let response = ui.interact(rect, id, Sense::click());
    response.widget_info(|| WidgetInfo::selected(role, ui.is_enabled(), selected, name));
    if ui.is_rect_visible(rect) {
        let visuals = ui.style().interact_selectable(&response, selected);
        ui.painter().rect(
            rect,
            visuals.corner_radius,
            visuals.weak_bg_fill,
            visuals.bg_stroke,
            StrokeKind::Inside,
        );
        if !text.is_empty() {
            ui.painter().text(
                rect.center(),
                egui::Align2::CENTER_CENTER,
                text,
                scaled_body_font(ui, 1.1),
                visuals.fg_stroke.color,
            );
        }
        paint_focus_ring(ui, &response);
    }
    response
}

/// A grid cell holding only a radio or check mark (the column label is in the
/// header). `name` is its accessible name, e.g. "Service: Good".
pub(crate) fn mark_cell(
    ui: &mut Ui,
    id: Id,
    name: &str,
    mark: Mark,
    selected: bool,
    size: Vec2,
) -> Response {
    let (_, rect) = ui.allocate_space(size);
    let response = ui.interact(rect, id, Sense::click());
    response.widget_info(|| WidgetInfo::selected(mark.role(), ui.is_enabled(), selected, name));
    if ui.is_rect_visible(rect) {
        let visuals = ui.style().interact_selectable(&response, selected);
        if selected || response.hovered() || response.has_focus() {
            ui.painter()
                .rect_filled(rect, visuals.corner_radius, visuals.weak_bg_fill);
        }
        let side = mark_size(ui);
        let mark_rect = Rect::from_center_size(rect.center(), Vec2::splat(side));
        paint_mark(ui, mark, mark_rect, selected, visuals.fg_stroke);
        paint_focus_ring(ui, &response);
    }
    response
}

/// A square button with a painted up or down arrow (the fonts have no arrow
/// glyphs). Disabled buttons are drawn faded and ignore clicks.
pub(crate) fn arrow_button(
    ui: &mut Ui,
    rect: Rect,
    id: Id,
    up: bool,
    name: &str,
    enabled: bool,
) -> Response {
    let sense = if enabled {
        Sense::click()
    } else {
        Sense::hover()
    };
    let response = ui.interact(rect, id, sense);
    response.widget_info(|| WidgetInfo::labeled(Role::Button, enabled, name));
    if ui.is_rect_visible(rect) {
        // Disabled: the enabled look faded over the row (its edge too), so
        // it never looks tappable, also in high contrast.
        let (visuals, fade) = if enabled {
            (*ui.style().interact(&response), None)
        } else {
            let row = ui.visuals().widgets.noninteractive.weak_bg_fill;
            (ui.visuals().widgets.inactive, Some(row))
        };
        let faded = |color: Color32| match fade {
            Some(row) => crate::ui::theme::disabled(ui.visuals(), color, row),
            None => color,
        };
        ui.painter().rect(
            rect,
            visuals.corner_radius,
            faded(visuals.weak_bg_fill),
            Stroke::new(visuals.bg_stroke.width, faded(visuals.bg_stroke.color)),
            StrokeKind::Inside,
        );
        let color = faded(visuals.fg_stroke.color);
        let c = rect.center();
        let half = rect.width().min(rect.height()) * 0.22;
        let (tip, base) = if up {
            (c.y - half, c.y + half * 0.8)
        } else {
            (c.y + half, c.y - half * 0.8)
        };
        ui.painter().add(Shape::convex_polygon(
            vec![
                pos2(c.x, tip),
                pos2(c.x + half, base),
                pos2(c.x - half, base),
            ],
            color,
            Stroke::NONE,
        ));
        paint_focus_ring(ui, &response);
    }
    response
}

/// A label above a field; returns it so the field can be `labelled_by` it.
pub(crate) fn field_label(ui: &mut Ui, text: &str) -> Response {
    crate::ui::bidi::label(ui, RichText::new(text).strong())
}

/// A line that keeps at least one error note's height whatever it shows (a
/// hint, a message or nothing), so a message appearing there never moves
/// what is below it.
pub(crate) fn note_slot(ui: &mut Ui, content: impl FnOnce(&mut Ui)) {
    let height = note_line_height(ui);
    let width = ui.available_width();
    ui.allocate_ui_with_layout(
        vec2(width, height),
        egui::Layout::top_down(egui::Align::Min),
        |ui| {
            ui.set_min_height(height);
            content(ui);
        },
    );
}

/// A hint in weak text (e.g. "Choose up to 3").
pub(crate) fn hint(ui: &mut Ui, text: &str) -> Response {
    crate::ui::bidi::label(
        ui,
        RichText::new(text).color(ui.visuals().weak_text_color()),
    )
}

/// A short message in the error colour, after a painted warning sign.
pub(crate) fn error_note(ui: &mut Ui, text: &str) -> Response {
    let color = ui.visuals().error_fg_color;
    let line = note_line_height(ui);
    ui.scope(|ui| {
        // Rows as tall as a line of text (not a button's height), so the
        // note fits the line [`note_slot`] keeps for it.
        ui.spacing_mut().interact_size.y = line;
        // The sign before the text in its direction: on the right of a
        // right-to-left message.
        let fallback = crate::ui::words(ui.ctx()).direction();
        let layout = if crate::ui::bidi::base_direction(text, fallback).is_rtl() {
            egui::Layout::right_to_left(egui::Align::Center)
        } else {
            egui::Layout::left_to_right(egui::Align::Center)
        };
        ui.with_layout(layout.with_main_wrap(true), |ui| {
            warning_sign(ui, color);
            crate::ui::bidi::label(ui, RichText::new(text).color(color).strong())
        })
        .inner
    })
    .inner
}

/// The height of one line of an error note: a line of body text, or the
/// warning sign if taller.
fn note_line_height(ui: &Ui) -> f32 {
    ui.text_style_height(&TextStyle::Body)
        .max(body_font(ui).size * 1.1)
}

/// A small warning triangle with an "!" in `color` (no font has a warning glyph).
fn warning_sign(ui: &mut Ui, color: Color32) {
    let font = body_font(ui);
    let side = font.size * 1.1;
    let (rect, _) = ui.allocate_exact_size(Vec2::splat(side), Sense::hover());
    if !ui.is_rect_visible(rect) {
        return;
    }
    let painter = ui.painter();
    painter.add(Shape::convex_polygon(
        vec![
            pos2(rect.center().x, rect.top()),
            pos2(rect.right(), rect.bottom()),
            pos2(rect.left(), rect.bottom()),
        ],
        color,
        Stroke::NONE,
    ));
    painter.text(
        Pos2::new(rect.center().x, rect.bottom() - side * 0.05),
        egui::Align2::CENTER_BOTTOM,
        "!",
        FontId::new(side * 0.7, font.family),
        ui.visuals().extreme_bg_color,
    );
}

/// Text alignment in single-line fields (left, vertically centred).
pub(crate) const FIELD_ALIGN: Align2 = Align2::LEFT_CENTER;

/// Keeps digits and the first decimal point (commas become points).
pub(crate) fn filter_decimal(text: &str, allow_minus: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut seen_point = false;
    for (i, c) in text.trim().chars().enumerate() {
        match c {
            '0'..='9' => out.push(c),
            '.' | ',' if !seen_point => {
                seen_point = true;
                out.push('.');
            }
            '-' if allow_minus && i == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Keeps what a phone number may contain.
pub(crate) fn filter_phone(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '(' | ')' | '.' | '/'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_filter_keeps_digits_and_one_point() {
        assert_eq!(filter_decimal("12a.5.3", false), "12.53");
        assert_eq!(filter_decimal("-4,5", true), "-4.5");
        assert_eq!(filter_decimal("-4", false), "4");
    }

    #[test]
    fn phone_filter() {
        assert_eq!(filter_phone("+1 (555) abc-123"), "+1 (555) -123");
    }
}
