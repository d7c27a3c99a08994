//! Open-ended text and contact forms: one labelled field per answer.

use egui::{Id, Ui, vec2};

use super::common::{self, FIELD_ALIGN, filter_decimal, filter_phone};
use super::{Ctx, TOUCH_HEIGHT};
use crate::i18n::fl;
use crate::survey::{Choice, InputKind};
use crate::ui::keyboard;

/// Text fields (`Answer::Text`). A lone field without a text of its own is
/// named by the question title; every other field has its label above it.
pub(super) fn text_ui(ui: &mut Ui, cx: &Ctx, fields: &[Choice], values: &mut [String]) -> bool {
    let lone = fields.len() == 1;
    let mut changed = false;
    for (i, (field, value)) in fields.iter().zip(values.iter_mut()).enumerate() {
        let label = field.text.trim();
        let label_id = if lone && label.is_empty() {
            cx.title
        } else if label.is_empty() {
            let tr = crate::ui::words(ui.ctx());
            let number: usize = i + 1;
            common::field_label(ui, &fl!(tr, "text-answer-number", number = number)).id
        } else {
            common::field_label(ui, label).id
        };
        changed |= text_field(
            ui,
            cx.id.with(("text", field.id)),
            field.multiline,
            field.input,
            value,
            label_id,
        );
        ui.add_space(ui.spacing().item_spacing.y);
    }
    changed
}

/// One full-width field named by `label_id`. Number and phone fields drop the
/// characters they cannot hold as they are typed.
pub(super) fn text_field(
    ui: &mut Ui,
    id: Id,
    multiline: bool,
    input: InputKind,
    value: &mut String,
    label_id: Id,
) -> bool {
    let tr = crate::ui::words(ui.ctx());
    let hint = match input {
        InputKind::Text => String::new(),
        InputKind::Email => fl!(tr, "text-hint-email"),
        InputKind::Number => fl!(tr, "text-hint-number"),
        InputKind::Phone => fl!(tr, "text-hint-phone"),
    };
    // Free text may be right to left; e-mail, numbers and phones never are.
    let direction = if input == InputKind::Text {
        tr.direction()
    } else {
        crate::i18n::Direction::Ltr
    };
    let response = crate::ui::bidi_edit::show(ui, value, multiline, direction, |edit| {
        let edit = if multiline {
            edit.desired_rows(4)
        } else {
            edit.min_size(vec2(0.0, TOUCH_HEIGHT)).align(FIELD_ALIGN)
        };
        // The hint is one line egui lays out itself: in display order.
        edit.id(id)
            .hint_text(crate::ui::bidi::line_text(&hint))
            .desired_width(f32::INFINITY)
    })
    .labelled_by(label_id);
    let kind = match input {
        InputKind::Text if multiline => keyboard::Kind::Multiline,
        InputKind::Text => keyboard::Kind::Text,
        InputKind::Email => keyboard::Kind::Email,
        InputKind::Number => keyboard::Kind::Number,
        InputKind::Phone => keyboard::Kind::Phone,
    };
    keyboard::field(ui, &response, kind);
    if !response.changed() {
        return false;
    }
    let filtered = match input {
        InputKind::Number => filter_decimal(value, true),
        InputKind::Phone => filter_phone(value),
        InputKind::Text | InputKind::Email => return true,
    };
    if filtered != *value {
        *value = filtered;
    }
    true
}
