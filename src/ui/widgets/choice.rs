//! Single and multiple choice: large tappable rows, a 0–10 scale as square
//! buttons, a searchable list for long answer lists, "other, please specify".

use std::collections::BTreeMap;

use egui::{
    Id, Role, ScrollArea, Sense, Shape, Stroke, StrokeKind, TextEdit, TextStyle, TextWrapMode, Ui,
    Vec2, WidgetInfo, WidgetText, pos2, vec2,
};

use super::common::{self, FIELD_ALIGN, Mark, choice_row, square_button};
use super::{Ctx, TOUCH_HEIGHT};
use crate::i18n::{Tr, fl};
use crate::survey::{Choice, Id as AnswerId};

/// More answers than this: a searchable list instead of rows.
const LONG_LIST: usize = 12;
/// At most this many all-numeric answers: a row of square buttons.
const MAX_SCALE: usize = 11;

/// Single choice: the chosen id and "please specify" texts.
pub(super) fn single_ui(
    ui: &mut Ui,
    cx: &Ctx,
    choices: &[Choice],
    choice: &mut Option<AnswerId>,
    other_text: &mut BTreeMap<AnswerId, String>,
) -> bool {
    if is_scale(choices) {
        return scale_ui(ui, cx, choices, choice);
    }
    if choices.len() > LONG_LIST {
        return long_list_ui(ui, cx, choices, choice, other_text);
    }
    let mut changed = false;
    for c in choices {
        let selected = *choice == Some(c.id);
        let response = choice_row(ui, row_id(cx, c), &c.text, &c.text, Mark::Radio, selected);
        let picked = response.clicked() && !selected;
        if picked {
            *choice = Some(c.id);
            changed = true;
        }
        if c.other && *choice == Some(c.id) {
            changed |= other_ui(ui, cx, c, other_text, picked);
        }
    }
    changed
}

/// Multiple choice (`Answer::Multiple`): exclusive answers stand alone, at
/// most `max_select` answers can be chosen.
pub(super) fn multiple_ui(
    ui: &mut Ui,
    cx: &Ctx,
    choices: &[Choice],
    min_select: Option<u32>,
    max_select: Option<u32>,
    chosen: &mut Vec<AnswerId>,
    other_text: &mut BTreeMap<AnswerId, String>,
) -> bool {
    let max = max_select.filter(|&m| m > 0);
    let note_id = cx.id.with("max_note");
    let note_before = ui
        .ctx()
        .data(|d| d.get_temp::<ChoiceNote>(note_id))
        .unwrap_or_default();
    let mut note = note_before.clone();
    // The hint's line takes the note (the limit is hit, an exclusive answer
    // cleared others): nothing below moves under the finger.
    common::note_slot(ui, |ui| {
        let tr = crate::ui::words(ui.ctx());
        match (&note, max) {
            (ChoiceNote::Limit, Some(max)) => {
                common::error_note(ui, &fl!(tr, "choice-limit-reached", max = max));
            }
            (ChoiceNote::Cleared { answer, count }, _) => {
                let answer: &str = answer;
                let count: u64 = *count;
                let said: String = fl!(
                    tr,
                    "choice-exclusive-cleared",
                    answer = answer,
                    count = count
                );
                common::hint(ui, &said);
            }
            _ => {
                common::hint(ui, &select_hint(&tr, min_select, max));
            }
        }
    });
    let is_exclusive = |id: &AnswerId| choices.iter().any(|c| c.id == *id && c.exclusive);
    let mut changed = false;
    for c in choices {
        let selected = chosen.contains(&c.id);
        let response = choice_row(ui, row_id(cx, c), &c.text, &c.text, Mark::Check, selected);
        let mut picked = false;
        if response.clicked() {
            if selected {
                chosen.retain(|id| *id != c.id);
                changed = true;
                note = ChoiceNote::None;
            } else if c.exclusive {
                // Said, not silent: the ticks it takes away.
                let cleared = chosen.len() as u64;
                chosen.clear();
                chosen.push(c.id);
                changed = true;
                picked = true;
                note = if cleared > 0 {
                    ChoiceNote::Cleared {
                        answer: c.text.clone(),
                        count: cleared,
                    }
                } else {
                    ChoiceNote::None
                };
            } else {
                let count = chosen
                    .iter()
                    .filter(|id| !is_exclusive(id) && choices.iter().any(|o| o.id == **id))
                    .count();
                if max.is_some_and(|m| count >= m as usize) {
                    note = ChoiceNote::Limit;
                } else {
                    chosen.retain(|id| !is_exclusive(id));
                    chosen.push(c.id);
                    changed = true;
                    picked = true;
                    note = ChoiceNote::None;
                }
            }
        }
        if c.other && chosen.contains(&c.id) {
            changed |= other_ui(ui, cx, c, other_text, picked);
        }
    }
    if note != note_before {
        ui.ctx().data_mut(|d| d.insert_temp(note_id, note));
        ui.ctx().request_repaint();
    }
    changed
}

/// What the line above the answers says instead of the hint.
#[derive(Clone, Debug, Default, PartialEq)]
enum ChoiceNote {
    #[default]
    None,
    /// The most answers allowed are ticked already.
    Limit,
    /// An exclusive answer ("None of these") took `count` ticks away.
    Cleared { answer: String, count: u64 },
}

fn select_hint(tr: &Tr, min: Option<u32>, max: Option<u32>) -> String {
    match (min.filter(|&m| m > 0), max) {
        (Some(a), Some(b)) if a == b => fl!(tr, "choice-hint-exactly", count = a),
        (Some(a), Some(b)) if a < b => fl!(tr, "choice-hint-between", min = a, max = b),
        (_, Some(b)) => fl!(tr, "choice-hint-up-to", max = b),
        (Some(a), None) if a > 1 => fl!(tr, "choice-hint-at-least", min = a),
        _ => fl!(tr, "choice-hint-any"),
    }
}

fn row_id(cx: &Ctx, c: &Choice) -> Id {
    cx.id.with(("choice", c.id))
}

/// The "please specify" box under a chosen "other" answer. `focus`: the
/// answer was just chosen, so the box takes the keyboard focus.
fn other_ui(
    ui: &mut Ui,
    cx: &Ctx,
    c: &Choice,
    other_text: &mut BTreeMap<AnswerId, String>,
    focus: bool,
) -> bool {
    let text = other_text.entry(c.id).or_default();
    let response = ui
        .indent(cx.id.with(("other_indent", c.id)), |ui| {
            let tr = crate::ui::words(ui.ctx());
            let hint = fl!(tr, "choice-other-hint");
            crate::ui::bidi_edit::show(ui, text, false, tr.direction(), |edit| {
                edit.id(cx.id.with(("other", c.id)))
                    .hint_text(crate::ui::bidi::line_text(&hint))
                    .desired_width(f32::INFINITY)
                    .min_size(vec2(0.0, TOUCH_HEIGHT))
                    .align(FIELD_ALIGN)
            })
            .accessible_name(fl!(
                crate::ui::words(ui.ctx()),
                "choice-other-name",
                answer = c.text.as_str()
            ))
        })
        .inner;
    crate::ui::keyboard::field(ui, &response, crate::ui::keyboard::Kind::Text);
    if focus {
        response.request_focus();
    }
    response.changed()
}

/// Short all-integer answer lists (e.g. 0–10) are scales.
fn is_scale(choices: &[Choice]) -> bool {
    (2..=MAX_SCALE).contains(&choices.len())
        && choices
            .iter()
            .all(|c| !c.other && c.text.trim().parse::<i64>().is_ok())
}

fn scale_ui(ui: &mut Ui, cx: &Ctx, choices: &[Choice], choice: &mut Option<AnswerId>) -> bool {
    let n = choices.len() as f32;
    let gap = ui.spacing().item_spacing.x;
    let side =
        ((ui.available_width() - gap * (n - 1.0)) / n).clamp(TOUCH_HEIGHT, TOUCH_HEIGHT * 1.5);
    let mut changed = false;
    ui.horizontal_wrapped(|ui| {
        for c in choices {
            let selected = *choice == Some(c.id);
            let response = square_button(
                ui,
                row_id(cx, c),
                c.text.trim(),
                c.text.trim(),
                Role::RadioButton,
                selected,
                Vec2::splat(side),
            );
            if response.clicked() && !selected {
                *choice = Some(c.id);
                changed = true;
            }
        }
    });
    changed
}

/// A drop-down button that opens an inline list with a search box, as tall
/// as most of the screen and scrolled to the top of the page as it opens.
/// The open state and the search text live in egui memory (a memory reset
/// clears them).
fn long_list_ui(
    ui: &mut Ui,
    cx: &Ctx,
    choices: &[Choice],
    choice: &mut Option<AnswerId>,
    other_text: &mut BTreeMap<AnswerId, String>,
) -> bool {
    let open_id = cx.id.with("list_open");
    let search_id = cx.id.with("list_search");
    let mut open = ui
        .ctx()
        .data(|d| d.get_temp::<bool>(open_id))
        .unwrap_or(false);
    let current = choices.iter().find(|c| Some(c.id) == *choice);
    let placeholder = fl!(crate::ui::words(ui.ctx()), "list-placeholder");
    let text = current.map_or(placeholder.as_str(), |c| c.text.as_str());
    let button = dropdown_button(ui, cx.id.with("list_button"), text, open).labelled_by(cx.title);
    let toggled = button.clicked();
    if toggled {
        open = !open;
        if open {
            // The list opens below its button: bring both to the top of
            // the page, so the list has the screen's height to show.
            button.scroll_to_me(Some(egui::Align::TOP));
        }
    }
    let mut changed = false;
    if open {
        let mut search: String = ui.ctx().data(|d| d.get_temp(search_id)).unwrap_or_default();
        ui.indent(cx.id.with("list_indent"), |ui| {
            let matches = search_field(ui, cx, choices, &mut search);
            if let Some(picked) = matching_rows(ui, cx, &matches, *choice) {
                changed |= *choice != Some(picked);
                *choice = Some(picked);
                open = false;
            }
        });
        if open {
            ui.ctx().data_mut(|d| d.insert_temp(search_id, search));
        } else {
            ui.ctx().data_mut(|d| d.remove_temp::<String>(search_id));
            button.request_focus();
        }
    }
    ui.ctx().data_mut(|d| d.insert_temp(open_id, open));
    if let Some(c) = choices.iter().find(|c| c.other && Some(c.id) == *choice) {
        changed |= other_ui(ui, cx, c, other_text, changed);
    }
    changed
}

/// The open list's search field (with the keyboard), and the answers whose
/// text holds what was typed ("no match" said when none does).
fn search_field<'c>(
    ui: &mut Ui,
    cx: &Ctx,
    choices: &'c [Choice],
    search: &mut String,
) -> Vec<&'c Choice> {
    let tr = crate::ui::words(ui.ctx());
    let label = common::field_label(ui, &fl!(tr, "list-search"));
    let field = ui
        .add(
            TextEdit::singleline(search)
                .id(cx.id.with("list_search_field"))
                .hint_text(crate::ui::bidi::line_text(&fl!(tr, "list-search-hint")))
                .desired_width(f32::INFINITY)
                .min_size(vec2(0.0, TOUCH_HEIGHT))
                .align(FIELD_ALIGN),
        )
        .labelled_by(label.id);
    // Not focused until tapped: on a touch screen the keyboard would cover
    // the list the respondent opened it for.
    crate::ui::keyboard::field(ui, &field, crate::ui::keyboard::Kind::Text);
    let needle = search.trim().to_lowercase();
    let matches: Vec<&Choice> = choices
        .iter()
        .filter(|c| needle.is_empty() || c.text.to_lowercase().contains(&needle))
        .collect();
    if matches.is_empty() {
        common::hint(ui, &fl!(tr, "list-no-match", search = search.trim()));
    }
    matches
}

/// The matching answers as rows in a tall scroll area; the one tapped.
fn matching_rows(
    ui: &mut Ui,
    cx: &Ctx,
    matches: &[&Choice],
    choice: Option<AnswerId>,
) -> Option<AnswerId> {
    let mut picked = None;
    let list_height = (ui.ctx().content_rect().height() * 0.55).max(TOUCH_HEIGHT * 6.5);
    let area = ScrollArea::vertical()
        // Most of the screen's height (a long list shows many answers at
        // once), at least six and a half rows; "min" too, or deep in a page
        // it would get only the little room left in the page's first
        // screenful.
        .max_height(list_height)
        .min_scrolled_height(list_height)
        .auto_shrink([false, true]);
    // A swipe on the list scrolls the list; on the rest of the page, the page.
    crate::ui::swipe::show(ui, area, cx.id.with("list_scroll"), |ui| {
        for c in matches {
            let selected = picked.or(choice) == Some(c.id);
            let response = choice_row(ui, row_id(cx, c), &c.text, &c.text, Mark::Radio, selected);
            if response.clicked() {
                picked = Some(c.id);
            }
        }
    });
    picked
}

/// A full-width button showing the current answer and a drop-down arrow.
fn dropdown_button(ui: &mut Ui, id: Id, text: &str, open: bool) -> egui::Response {
    let padding = ui.spacing().button_padding;
    let width = ui.available_width().max(TOUCH_HEIGHT * 2.0);
    let arrow = common::body_font(ui).size;
    let galley = WidgetText::from(text).into_galley(
        ui,
        Some(TextWrapMode::Wrap),
        width - padding.x * 3.0 - arrow,
        TextStyle::Body,
    );
    let height = (galley.size().y + padding.y * 2.0).max(TOUCH_HEIGHT);
    let (_, rect) = ui.allocate_space(vec2(width, height));
    let response = ui.interact(rect, id, Sense::click());
    response.widget_info(|| {
        let mut info = WidgetInfo::new(Role::ComboBox);
        info.enabled = ui.is_enabled();
        info.current_text_value = Some(text.to_owned());
        info
    });
    if ui.is_rect_visible(rect) {
        let visuals = if open {
            ui.visuals().widgets.open
        } else {
            *ui.style().interact(&response)
        };
        ui.painter().rect(
            rect,
            visuals.corner_radius,
            visuals.weak_bg_fill,
            visuals.bg_stroke,
            StrokeKind::Inside,
        );
        ui.painter().galley(
            pos2(
                rect.left() + padding.x,
                rect.center().y - galley.size().y / 2.0,
            ),
            galley,
            visuals.fg_stroke.color,
        );
        let c = pos2(rect.right() - padding.x - arrow / 2.0, rect.center().y);
        let h = arrow * 0.3;
        let points = if open {
            vec![
                pos2(c.x, c.y - h),
                pos2(c.x + h, c.y + h),
                pos2(c.x - h, c.y + h),
            ]
        } else {
            vec![
                pos2(c.x - h, c.y - h),
                pos2(c.x + h, c.y - h),
                pos2(c.x, c.y + h),
            ]
        };
        ui.painter().add(Shape::convex_polygon(
            points,
            visuals.fg_stroke.color,
            Stroke::NONE,
        ));
        common::paint_focus_ring(ui, &response);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints() {
        assert_eq!(select_hint(&Tr::default(), None, Some(3)), "Choose up to 3");
        assert_eq!(
            select_hint(&Tr::default(), Some(2), None),
            "Choose at least 2"
        );
        assert_eq!(select_hint(&Tr::default(), Some(2), Some(2)), "Choose 2");
        assert_eq!(
            select_hint(&Tr::default(), Some(1), Some(3)),
            "Choose between 1 and 3"
        );
        assert_eq!(
            select_hint(&Tr::default(), None, None),
            "Choose all that apply"
        );
    }
}
