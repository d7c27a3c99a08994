//! Rank order, made for a finger: tap the items in order of preference
//! (each tap gives the next number; "Start again" clears them), or move an
//! item with its up/down arrows (always visible, drawn over the row), or
//! drag it by its grip. A drag starts only from the grip, so a finger that
//! scrolls past the list never reorders it. Until the respondent touches the
//! list the items show "–"; the first arrow move (or "Keep this order")
//! ranks every item in the order shown.

use egui::{
    Align2, Id, LayerId, Order, Rect, Role, Sense, Stroke, StrokeKind, TextStyle, TextWrapMode, Ui,
    WidgetInfo, WidgetText, pos2, vec2,
};

use super::common::{self, arrow_button};
use super::{Ctx, TOUCH_HEIGHT};
use crate::i18n::fl;
use crate::survey::Choice;

/// What is dragged: an item of one list, by its displayed position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct RankDrag {
    list: Id,
    from: usize,
}

/// What the respondent did to one row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RowAction {
    /// Move the item at displayed position `from` to `to`.
    Move { from: usize, to: usize },
    /// The row was tapped: give it the next number.
    Tap,
}

/// The rank list (`Answer::Rank`).
pub(super) fn rank_ui(ui: &mut Ui, cx: &Ctx, items: &[Choice], ranks: &mut [Option<u32>]) -> bool {
    let order = display_order(ranks);
    let all_ranked = ranks.iter().all(Option::is_some);
    let any_ranked = ranks.iter().any(Option::is_some);
    common::hint(ui, &fl!(crate::ui::words(ui.ctx()), "rank-instructions"));
    let mut action: Option<(usize, RowAction)> = None;
    let last = order.len().saturating_sub(1);
    for (pos, &item) in order.iter().enumerate() {
        let Some(choice) = items.get(item) else {
            continue;
        };
        let badge = ranks
            .get(item)
            .copied()
            .flatten()
            .map_or_else(|| "\u{2013}".to_owned(), |r| r.to_string());
        if let Some(row_action) = rank_row(ui, cx, choice, &badge, pos, last) {
            action = Some((item, row_action));
        }
    }
    let mut start_again = false;
    ui.horizontal_wrapped(|ui| {
        let size = vec2(TOUCH_HEIGHT * 3.0, TOUCH_HEIGHT);
        if !all_ranked
            && ui
                .add(
                    egui::Button::new(crate::ui::bidi::line_text(&fl!(
                        crate::ui::words(ui.ctx()),
                        "rank-keep-order"
                    )))
                    .min_size(size),
                )
                .clicked()
        {
            action = Some((0, RowAction::Move { from: 0, to: 0 }));
        }
        if any_ranked
            && ui
                .add(
                    egui::Button::new(crate::ui::bidi::line_text(&fl!(
                        crate::ui::words(ui.ctx()),
                        "rank-start-again"
                    )))
                    .min_size(size),
                )
                .clicked()
        {
            start_again = true;
        }
    });
    if start_again {
        ranks.iter_mut().for_each(|r| *r = None);
        return true;
    }
    let Some((item, row_action)) = action else {
        return false;
    };
    let (from, to) = match row_action {
        RowAction::Tap => {
            if ranks.get(item).copied().flatten().is_some() {
                return false;
            }
            let next = ranks.iter().filter(|r| r.is_some()).count() + 1;
            if let Some(rank) = ranks.get_mut(item) {
                *rank = u32::try_from(next).ok();
            }
            return true;
        }
        RowAction::Move { from, to } => (from, to),
    };
    if from == to && all_ranked {
        return false;
    }
    let mut order = order;
    if from != to && from < order.len() && to < order.len() {
        let moved = order.remove(from);
        order.insert(to, moved);
    }
    for (pos, &item) in order.iter().enumerate() {
        if let Some(rank) = ranks.get_mut(item) {
            *rank = u32::try_from(pos + 1).ok();
        }
    }
    true
}

/// Items by rank, unranked ones after them in their original order.
pub(super) fn display_order(ranks: &[Option<u32>]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..ranks.len()).collect();
    order.sort_by_key(|&i| (ranks[i].is_none(), ranks[i].unwrap_or(0), i));
    order
}

/// One item: a grip, its position, its text, and up/down buttons. The row
/// takes taps and drops; only the grip starts a drag.
fn rank_row(
    ui: &mut Ui,
    cx: &Ctx,
    item: &Choice,
    badge: &str,
    pos: usize,
    last: usize,
) -> Option<RowAction> {
    let padding = ui.spacing().button_padding;
    let gap = ui.spacing().item_spacing.x;
    let font = common::scaled_body_font(ui, 1.1);
    let grip_width = TOUCH_HEIGHT * 0.8;
    let badge_width = font.size * 2.0;
    let buttons_width = TOUCH_HEIGHT * 2.0 + gap;
    let width = ui.available_width().max(TOUCH_HEIGHT * 5.0);
    let text_width =
        (width - padding.x * 2.0 - grip_width - badge_width - buttons_width - gap * 3.0)
            .max(TOUCH_HEIGHT);
    let galley = WidgetText::from(item.text.as_str()).into_galley(
        ui,
        Some(TextWrapMode::Wrap),
        text_width,
        TextStyle::Body,
    );
    let height = (galley.size().y + padding.y * 2.0).max(TOUCH_HEIGHT);
    let (_, rect) = ui.allocate_space(vec2(width, height));
    let row_id = cx.id.with(("rank", item.id));
    let row = ui.interact(rect, row_id, Sense::click());
    row.widget_info(|| {
        // Screen readers hear the position ("–" while unranked) as the value.
        let mut info = WidgetInfo::labeled(Role::ListItem, ui.is_enabled(), &item.text);
        info.current_text_value = Some(badge.to_owned());
        info
    });
    let grip_rect = Rect::from_min_size(
        pos2(rect.left() + padding.x / 2.0, rect.top()),
        vec2(grip_width, rect.height()),
    );
    let grip = ui.interact(grip_rect, row_id.with("grip"), Sense::drag());
    // Words first: `widget_info`'s closure runs with the context locked.
    let grip_name = fl!(
        crate::ui::words(ui.ctx()),
        "rank-drag",
        item = item.text.as_str()
    );
    let enabled = ui.is_enabled();
    grip.widget_info(|| WidgetInfo::labeled(Role::Button, enabled, &grip_name));
    grip.dnd_set_drag_payload(RankDrag {
        list: cx.id,
        from: pos,
    });
    let hovered_by = row
        .dnd_hover_payload::<RankDrag>()
        .filter(|d| d.list == cx.id && d.from != pos);
    let mut action = if row.clicked() {
        Some(RowAction::Tap)
    } else {
        None
    };
    if let Some(drop) = row
        .dnd_release_payload::<RankDrag>()
        .filter(|d| d.list == cx.id && d.from != pos)
    {
        action = Some(RowAction::Move {
            from: drop.from,
            to: pos,
        });
    }

    // The row first, so the arrows drawn after it stay visible on it.
    if ui.is_rect_visible(rect) {
        let visuals = ui.style().interact(&row);
        let painter = ui.painter();
        let fill = if grip.dragged() {
            ui.visuals().faint_bg_color
        } else {
            visuals.weak_bg_fill
        };
        painter.rect(
            rect,
            visuals.corner_radius,
            fill,
            visuals.bg_stroke,
            StrokeKind::Inside,
        );
        // The grip: three short lines.
        let grip_color = ui.visuals().strong_text_color();
        let c = grip_rect.center();
        for dy in [-8.0, 0.0, 8.0] {
            painter.hline(
                (c.x - 10.0)..=(c.x + 10.0),
                c.y + dy,
                Stroke::new(2.5, grip_color),
            );
        }
        let text_color = visuals.fg_stroke.color;
        let badge_left = grip_rect.right() + gap / 2.0;
        painter.text(
            pos2(badge_left + badge_width / 2.0, rect.center().y),
            Align2::CENTER_CENTER,
            badge,
            font.clone(),
            ui.visuals().strong_text_color(),
        );
        painter.galley(
            pos2(
                badge_left + badge_width + gap,
                rect.center().y - galley.size().y / 2.0,
            ),
            galley.clone(),
            text_color,
        );
        if let Some(drag) = hovered_by {
            // Where the dragged item will land.
            let y = if drag.from > pos {
                rect.top()
            } else {
                rect.bottom()
            };
            let selection = ui.visuals().selection.bg_fill;
            painter.hline(rect.x_range(), y, Stroke::new(4.0, selection));
        }
    }

    let up_rect = Rect::from_min_size(
        pos2(
            rect.right() - buttons_width,
            rect.center().y - TOUCH_HEIGHT / 2.0,
        ),
        vec2(TOUCH_HEIGHT, TOUCH_HEIGHT),
    );
    let down_rect = up_rect.translate(vec2(TOUCH_HEIGHT + gap, 0.0));
    if arrow_button(
        ui,
        up_rect,
        cx.id.with(("rank_up", item.id)),
        true,
        &fl!(
            crate::ui::words(ui.ctx()),
            "rank-move-up",
            item = item.text.as_str()
        ),
        pos > 0,
    )
    .clicked()
    {
        action = Some(RowAction::Move {
            from: pos,
            to: pos - 1,
        });
    }
    if arrow_button(
        ui,
        down_rect,
        cx.id.with(("rank_down", item.id)),
        false,
        &fl!(
            crate::ui::words(ui.ctx()),
            "rank-move-down",
            item = item.text.as_str()
        ),
        pos < last,
    )
    .clicked()
    {
        action = Some(RowAction::Move {
            from: pos,
            to: pos + 1,
        });
    }

    if grip.dragged()
        && let Some(pointer) = ui.ctx().pointer_interact_pos()
    {
        // The item follows the finger.
        let painter = ui.ctx().layer_painter(LayerId::new(Order::Tooltip, row_id));
        let floating = Rect::from_center_size(pointer, rect.size());
        let visuals = ui.visuals().widgets.active;
        painter.rect(
            floating,
            visuals.corner_radius,
            visuals.bg_fill,
            visuals.bg_stroke,
            StrokeKind::Inside,
        );
        painter.galley(
            pos2(
                floating.left() + padding.x + grip_width + badge_width + gap,
                floating.center().y - galley.size().y / 2.0,
            ),
            galley,
            visuals.fg_stroke.color,
        );
    }
    action
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_is_by_rank_then_original() {
        assert_eq!(
            display_order(&[None, Some(2), None, Some(1)]),
            vec![3, 1, 0, 2]
        );
        assert_eq!(display_order(&[None, None]), vec![0, 1]);
    }
}
