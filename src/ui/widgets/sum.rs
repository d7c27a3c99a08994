//! Constant sum: a number per item, with − and + steppers beside it (and the
//! on-screen number pad), and a live total.

use egui::{RichText, TextEdit, Ui, vec2};

use super::common::{self, filter_decimal};
use super::{Ctx, TOUCH_HEIGHT};
use crate::i18n::{Tr, fl};
use crate::survey::Choice;

/// Number fields (`Answer::Sum`) and a "Total: 70 of 100 — 30 left" line that
/// turns the error colour when the total is exceeded.
pub(super) fn sum_ui(
    ui: &mut Ui,
    cx: &Ctx,
    items: &[Choice],
    total: Option<f64>,
    values: &mut [String],
) -> bool {
    let mut changed = false;
    let field_width = common::body_font(ui).size * 4.0;
    let step = stepper_step(total);
    // Whole points (a total of 100) take a digit pad: no minus, no decimal
    // point to type what cannot be valid.
    let kind = if total.is_none_or(|t| t.fract() == 0.0) {
        crate::ui::keyboard::Kind::Digits
    } else {
        crate::ui::keyboard::Kind::Number
    };
    for (item, value) in items.iter().zip(values.iter_mut()) {
        ui.horizontal(|ui| {
            changed |= number_field(ui, cx, item, value, (field_width, kind));
            changed |= steppers(ui, item, value, step);
        });
    }
    total_label(ui, values, total);
    changed
}

/// An item's label and its number field (with the number pad), the label as
/// wide as the row leaves beside the field and the steppers. Whether the
/// value was typed in.
fn number_field(
    ui: &mut Ui,
    cx: &Ctx,
    item: &Choice,
    value: &mut String,
    (field_width, kind): (f32, crate::ui::keyboard::Kind),
) -> bool {
    let gap = ui.spacing().item_spacing.x;
    let steppers = (TOUCH_HEIGHT + gap) * 2.0;
    let label_width = (ui.available_width() - field_width - steppers - gap).max(TOUCH_HEIGHT);
    let label = ui
        .scope(|ui| {
            ui.set_width(label_width);
            crate::ui::bidi::label(ui, item.text.as_str())
        })
        .inner;
    let id = cx.id.with(("sum", item.id));
    let response = ui
        .add(
            TextEdit::singleline(value)
                .id(id)
                .hint_text("0")
                .desired_width(field_width)
                .min_size(vec2(field_width, TOUCH_HEIGHT))
                .align(egui::Align2::RIGHT_CENTER),
        )
        .labelled_by(label.id);
    crate::ui::keyboard::field(ui, &response, kind);
    if response.gained_focus() {
        // A tap selects the number, so what is typed replaces it ("10", then
        // 5 and 0, is 50, not 5010).
        if let Some(mut state) = egui::text_edit::TextEditState::load(ui.ctx(), id) {
            state
                .cursor
                .set_char_range(Some(egui::text::CCursorRange::select_all_str(value)));
            state.store(ui.ctx(), id);
        }
    }
    if !response.changed() {
        return false;
    }
    let filtered = filter_decimal(value, false);
    if filtered != *value {
        *value = filtered;
    }
    true
}

/// The − and + buttons beside an item's field: `step` less (not below 0) or
/// more. Whether one was tapped.
fn steppers(ui: &mut Ui, item: &Choice, value: &mut String, step: f64) -> bool {
    let mut changed = false;
    let size = vec2(TOUCH_HEIGHT, TOUCH_HEIGHT);
    let current: f64 = value.trim().parse().unwrap_or(0.0);
    let minus = ui
        .add_enabled(
            current > 0.0,
            egui::Button::new(RichText::new("\u{2212}").heading()).min_size(size),
        )
        .on_hover_text(fl!(
            crate::ui::words(ui.ctx()),
            "sum-step-less",
            step = step
        ));
    // Words first: `widget_info`'s closure runs with the context locked.
    let tr = crate::ui::words(ui.ctx());
    let less = fl!(tr, "sum-less", item = item.text.as_str());
    let more = fl!(tr, "sum-more", item = item.text.as_str());
    minus.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, current > 0.0, &less));
    if minus.clicked() {
        *value = number((current - step).max(0.0));
        changed = true;
    }
    let plus = ui
        .add(egui::Button::new(RichText::new("+").heading()).min_size(size))
        .on_hover_text(fl!(tr, "sum-step-more", step = step));
    plus.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &more));
    if plus.clicked() {
        *value = number(current + step);
        changed = true;
    }
    changed
}

/// The total line under the fields, in the error colour when over.
fn total_label(ui: &mut Ui, values: &[String], total: Option<f64>) {
    let sum: f64 = values
        .iter()
        .filter_map(|v| v.trim().parse::<f64>().ok())
        .filter(|n| n.is_finite())
        .sum();
    let (line, over) = total_line(&crate::ui::words(ui.ctx()), sum, total);
    let color = if over {
        ui.visuals().error_fg_color
    } else {
        ui.visuals().strong_text_color()
    };
    crate::ui::bidi::label(ui, RichText::new(line).color(color).strong());
}

/// How much a − or + tap changes a value: 5 of a total of 50 or more
/// (points out of 100 go in fives), else 1.
fn stepper_step(total: Option<f64>) -> f64 {
    match total {
        Some(total) if total >= 50.0 => 5.0,
        _ => 1.0,
    }
}

/// The total line and whether the total is exceeded.
pub(super) fn total_line(tr: &Tr, sum: f64, total: Option<f64>) -> (String, bool) {
    let sum = round2(sum);
    let Some(total) = total else {
        return (fl!(tr, "sum-total", sum = sum), false);
    };
    let left = round2(total - sum);
    let line = if left > 0.0 {
        fl!(tr, "sum-left", sum = sum, total = total, left = left)
    } else if left < 0.0 {
        let over = -left;
        fl!(tr, "sum-over", sum = sum, total = total, over = over)
    } else {
        fl!(tr, "sum-total-of", sum = sum, total = total)
    };
    (line, left < 0.0)
}

/// Two decimals at most; `+ 0.0` turns `-0` (the sum of nothing) into `0`.
fn round2(n: f64) -> f64 {
    (n * 100.0).round() / 100.0 + 0.0
}

/// `70` rather than `70.0`; at most two decimals.
fn number(n: f64) -> String {
    format!("{}", round2(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines() {
        assert_eq!(
            total_line(&Tr::default(), 70.0, Some(100.0)),
            ("Total: 70 of 100 \u{2014} 30 left".into(), false)
        );
        assert_eq!(
            total_line(&Tr::default(), 120.0, Some(100.0)),
            ("Total: 120 of 100 \u{2014} 20 too many".into(), true)
        );
        assert_eq!(
            total_line(&Tr::default(), 100.0, Some(100.0)),
            ("Total: 100 of 100".into(), false)
        );
        let nothing: f64 = std::iter::empty::<f64>().sum();
        assert_eq!(
            total_line(&Tr::default(), nothing, Some(10.0)).0,
            "Total: 0 of 10 \u{2014} 10 left"
        );
        assert_eq!(
            total_line(&Tr::default(), 0.1 + 0.2, None),
            ("Total: 0.3".into(), false)
        );
    }
}
