//! Rank order: a list with each item's position, reordered with up/down
//! buttons or by dragging. Until the respondent touches the list the items show
//! "–"; the first move (or "Keep this order") ranks every item in the order
//! shown.

use egui::{
    Align2, Id, LayerId, Order, Rect, Role, Sense, Stroke, StrokeKind, TextStyle, TextWrapMode, Ui,
    WidgetInfo, WidgetText, pos2, vec2,
};

use super::common::{self, arrow_button};
use super::{Ctx, TOUCH_HEIGHT};
use crate::survey::{Answer, Choice};

/// What is dragged: an item of one list, by its displayed position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct RankDrag {
    list: Id,
    from: usize,
}

/// The rank list (`Answer::Rank`).
pub(super) fn rank_ui(ui: &mut Ui, cx: &Ctx, items: &[Choice], answer: &mut Answer) -> bool {
    let Answer::Rank { ranks } = answer else {
        return false;
    };
    let order = display_order(ranks);
    let all_ranked = ranks.iter().all(Option::is_some);
    common::hint(
        ui,
        "Put the items in order, 1 = first: use the arrows or drag an item.",
    );
    let mut action: Option<(usize, usize)> = None;
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
        if let Some(mv) = rank_row(ui, cx, choice, &badge, pos, last) {
            action = Some(mv);
        }
    }
    if !all_ranked {
        let keep = ui.add(
            egui::Button::new("Keep this order").min_size(vec2(TOUCH_HEIGHT * 3.0, TOUCH_HEIGHT)),
        );
        if keep.clicked() {
            action = Some((0, 0));
        }
    }
    let Some((from, to)) = action else {
        return false;
    };
    if from == to && all_ranked {
        return false;
    }
    let mut order = order;
    if from != to && from < order.len() && to < order.len() {
        let item = order.remove(from);
        order.insert(to, item);
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

/// One item: its position, its text, and up/down buttons. The row is a drag
/// source and a drop target. Returns a move `(from, to)` in displayed positions.
fn rank_row(
    ui: &mut Ui,
    cx: &Ctx,
    item: &Choice,
    badge: &str,
    pos: usize,
    last: usize,
) -> Option<(usize, usize)> {
    let padding = ui.spacing().button_padding;
    let gap = ui.spacing().item_spacing.x;
    let font = common::scaled_body_font(ui, 1.1);
    let badge_width = font.size * 2.0;
    let buttons_width = TOUCH_HEIGHT * 2.0 + gap;
    let width = ui.available_width().max(TOUCH_HEIGHT * 4.0);
    let text_width =
        (width - padding.x * 2.0 - badge_width - buttons_width - gap * 2.0).max(TOUCH_HEIGHT);
    let galley = WidgetText::from(item.text.as_str()).into_galley(
        ui,
        Some(TextWrapMode::Wrap),
        text_width,
        TextStyle::Body,
    );
    let height = (galley.size().y + padding.y * 2.0).max(TOUCH_HEIGHT);
    let (_, rect) = ui.allocate_space(vec2(width, height));
    let row_id = cx.id.with(("rank", item.id));
    let row = ui.interact(rect, row_id, Sense::DRAG);
    row.widget_info(|| {
        // Screen readers hear the position ("–" while unranked) as the value.
        let mut info = WidgetInfo::labeled(Role::ListItem, ui.is_enabled(), &item.text);
        info.current_text_value = Some(badge.to_owned());
        info
    });
    row.dnd_set_drag_payload(RankDrag {
        list: cx.id,
        from: pos,
    });

    let up_rect = Rect::from_min_size(
        pos2(
            rect.right() - buttons_width,
            rect.center().y - TOUCH_HEIGHT / 2.0,
        ),
        vec2(TOUCH_HEIGHT, TOUCH_HEIGHT),
    );
    let down_rect = up_rect.translate(vec2(TOUCH_HEIGHT + gap, 0.0));
    let mut action = None;
    if arrow_button(
        ui,
        up_rect,
        cx.id.with(("rank_up", item.id)),
        true,
        &format!("Move up: {}", item.text),
        pos > 0,
    )
    .clicked()
    {
        action = Some((pos, pos - 1));
    }
    if arrow_button(
        ui,
        down_rect,
        cx.id.with(("rank_down", item.id)),
        false,
        &format!("Move down: {}", item.text),
        pos < last,
    )
    .clicked()
    {
        action = Some((pos, pos + 1));
    }

    let hovered_by = row
        .dnd_hover_payload::<RankDrag>()
        .filter(|d| d.list == cx.id && d.from != pos);
    if let Some(drop) = row
        .dnd_release_payload::<RankDrag>()
        .filter(|d| d.list == cx.id && d.from != pos)
    {
        action = Some((drop.from, pos));
    }

    if ui.is_rect_visible(rect) {
        let visuals = ui.style().interact(&row);
        let painter = ui.painter();
        let fill = if row.dragged() {
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
        let text_color = visuals.fg_stroke.color;
        painter.text(
            pos2(rect.left() + padding.x + badge_width / 2.0, rect.center().y),
            Align2::CENTER_CENTER,
            badge,
            font.clone(),
            ui.visuals().strong_text_color(),
        );
        painter.galley(
            pos2(
                rect.left() + padding.x + badge_width + gap,
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
            let selection = ui.visuals().selection.stroke;
            let stroke = Stroke::new(selection.width.max(1.0) * 3.0, selection.color);
            painter.hline(rect.x_range(), y, stroke);
        }
    }
    if row.dragged()
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
                floating.left() + padding.x + badge_width + gap,
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
