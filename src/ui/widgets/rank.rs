//! Rank order, made for a finger: tap the items in order of preference
//! (each tap gives the next number, shown on the row, which stays in place
//! until every item has one; "Start again" clears them), or move an
//! item with its up/down arrows (always visible, drawn over the row), or
//! drag it by its grip. A drag starts only from the grip, so a finger that
//! scrolls past the list never reorders it. Until the respondent touches the
//! list the items show "–"; the first arrow move (or "Keep this order")
//! ranks every item in the order shown.

use std::sync::Arc;

use egui::{
    Align2, FontId, Galley, Id, LayerId, Order, Pos2, Rect, Response, Role, Sense, Stroke,
    StrokeKind, TextStyle, TextWrapMode, Ui, Vec2, WidgetInfo, WidgetText, pos2, vec2,
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
    let mut action = rank_rows(ui, cx, items, ranks, &order);
    let buttons = list_buttons(ui, all_ranked, any_ranked);
    if buttons.keep_order {
        action = Some((0, RowAction::Move { from: 0, to: 0 }));
    }
    if buttons.start_again {
        ranks.iter_mut().for_each(|r| *r = None);
        return true;
    }
    let Some((item, row_action)) = action else {
        return false;
    };
    apply(ranks, order, item, row_action)
}

/// The rows in displayed order; what was done to one (and to which item).
fn rank_rows(
    ui: &mut Ui,
    cx: &Ctx,
    items: &[Choice],
    ranks: &[Option<u32>],
    order: &[usize],
) -> Option<(usize, RowAction)> {
    let mut action = None;
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
        let row = Row {
            item: choice,
            badge: &badge,
            pos,
            last,
        };
        if let Some(row_action) = rank_row(ui, cx, &row) {
            action = Some((item, row_action));
        }
    }
    action
}

/// Which of the buttons under the list were tapped.
#[derive(Clone, Copy, Debug, Default)]
struct ListButtons {
    keep_order: bool,
    start_again: bool,
}

/// "Keep this order" and "Start again", each always in its own place:
/// "Keep this order" is disabled once every item is ranked, "Start again"
/// until one is. A double tap on one of them never lands on the other (it
/// would clear what the first tap ranked).
fn list_buttons(ui: &mut Ui, all_ranked: bool, any_ranked: bool) -> ListButtons {
    let size = vec2(TOUCH_HEIGHT * 3.0, TOUCH_HEIGHT);
    let tr = crate::ui::words(ui.ctx());
    let button = |ui: &mut Ui, text: &str, enabled: bool| {
        let text = crate::ui::bidi::line_text(text);
        ui.add_enabled(enabled, egui::Button::new(text).min_size(size))
            .clicked()
    };
    ui.horizontal_wrapped(|ui| ListButtons {
        keep_order: button(ui, &fl!(tr, "rank-keep-order"), !all_ranked),
        start_again: button(ui, &fl!(tr, "rank-start-again"), any_ranked),
    })
    .inner
}

/// Applies what was done to `item` (shown in `order`): a tap gives it the
/// next number; a move ranks every item in the new order. Whether the ranks
/// changed.
fn apply(ranks: &mut [Option<u32>], mut order: Vec<usize>, item: usize, action: RowAction) -> bool {
    let (from, to) = match action {
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
    if from == to && ranks.iter().all(Option::is_some) {
        return false;
    }
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

/// The order the rows are shown in: by rank once every item is ranked;
/// while the respondent ranks by taps (some items still unranked), in the
/// survey's own order, so no row moves under the finger (each shows its
/// number as a badge) and a second tap at the same spot finds the same,
/// already ranked, item (which it leaves alone).
pub(super) fn display_order(ranks: &[Option<u32>]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..ranks.len()).collect();
    if ranks.iter().all(Option::is_some) {
        order.sort_by_key(|&i| (ranks[i].unwrap_or(0), i));
    }
    order
}

/// An item as a row shows it: its position (`badge`, "–" while unranked)
/// and its place in the list.
struct Row<'a> {
    item: &'a Choice,
    badge: &'a str,
    pos: usize,
    last: usize,
}

/// The widths of a row's parts, from the width it has.
struct RowLayout {
    padding: Vec2,
    gap: f32,
    font: FontId,
    grip_width: f32,
    badge_width: f32,
    buttons_width: f32,
    width: f32,
}

impl RowLayout {
    fn new(ui: &Ui) -> RowLayout {
        let gap = ui.spacing().item_spacing.x;
        let font = common::scaled_body_font(ui, 1.1);
        let badge_width = font.size * 2.0;
        RowLayout {
            padding: ui.spacing().button_padding,
            gap,
            font,
            grip_width: TOUCH_HEIGHT * 0.8,
            badge_width,
            buttons_width: TOUCH_HEIGHT * 2.0 + gap,
            width: ui.available_width().max(TOUCH_HEIGHT * 5.0),
        }
    }

    /// What is left for the item's text.
    fn text_width(&self) -> f32 {
        (self.width
            - self.padding.x * 2.0
            - self.grip_width
            - self.badge_width
            - self.buttons_width
            - self.gap * 3.0)
            .max(TOUCH_HEIGHT)
    }
}

/// A placed row, as it is drawn this frame.
struct RowView {
    layout: RowLayout,
    rect: Rect,
    grip_rect: Rect,
    galley: Arc<Galley>,
    /// Its grip is being dragged.
    dragged: bool,
    /// Another item of the list is dragged over it.
    hovered_by: Option<RankDrag>,
}

/// One item: a grip, its position, its text, and up/down buttons. The row
/// takes taps and drops; only the grip starts a drag.
fn rank_row(ui: &mut Ui, cx: &Ctx, row: &Row<'_>) -> Option<RowAction> {
    let Row {
        item, badge, pos, ..
    } = *row;
    let layout = RowLayout::new(ui);
    let galley = WidgetText::from(item.text.as_str()).into_galley(
        ui,
        Some(TextWrapMode::Wrap),
        layout.text_width(),
        TextStyle::Body,
    );
    let height = (galley.size().y + layout.padding.y * 2.0).max(TOUCH_HEIGHT);
    let (_, rect) = ui.allocate_space(vec2(layout.width, height));
    let row_id = cx.id.with(("rank", item.id));
    let response = ui.interact(rect, row_id, Sense::click());
    response.widget_info(|| {
        // Screen readers hear the position ("–" while unranked) as the value.
        let mut info = WidgetInfo::labeled(Role::ListItem, ui.is_enabled(), &item.text);
        info.current_text_value = Some(badge.to_owned());
        info
    });
    let grip_rect = Rect::from_min_size(
        pos2(rect.left() + layout.padding.x / 2.0, rect.top()),
        vec2(layout.grip_width, rect.height()),
    );
    let grip = grip_ui(ui, cx, row, grip_rect, row_id);
    let ours = |d: &RankDrag| d.list == cx.id && d.from != pos;
    let hovered_by = response.dnd_hover_payload::<RankDrag>().filter(|d| ours(d));
    let mut action = response.clicked().then_some(RowAction::Tap);
    if let Some(drop) = response
        .dnd_release_payload::<RankDrag>()
        .filter(|d| ours(d))
    {
        action = Some(RowAction::Move {
            from: drop.from,
            to: pos,
        });
    }
    let view = RowView {
        layout,
        rect,
        grip_rect,
        galley,
        dragged: grip.dragged(),
        hovered_by: hovered_by.as_deref().copied(),
    };
    // The row first, so the arrows drawn after it stay visible on it.
    if ui.is_rect_visible(rect) {
        paint_row(ui, row, &view, &response);
    }
    if let Some(moved) = arrows_ui(ui, cx, row, &view) {
        action = Some(moved);
    }
    if view.dragged
        && let Some(pointer) = ui.ctx().pointer_interact_pos()
    {
        paint_floating(ui, row_id, &view, pointer);
    }
    action
}

/// The row's grip: the only place a drag of the item starts.
fn grip_ui(ui: &Ui, cx: &Ctx, row: &Row<'_>, grip_rect: Rect, row_id: Id) -> Response {
    let grip = ui.interact(grip_rect, row_id.with("grip"), Sense::drag());
    // A drag that starts on the grip moves the item, not the page.
    crate::ui::swipe::claim(ui.ctx(), Id::NULL, grip_rect);
    // Words first: `widget_info`'s closure runs with the context locked.
    let grip_name = fl!(
        crate::ui::words(ui.ctx()),
        "rank-drag",
        item = row.item.text.as_str()
    );
    let enabled = ui.is_enabled();
    grip.widget_info(|| WidgetInfo::labeled(Role::Button, enabled, &grip_name));
    grip.dnd_set_drag_payload(RankDrag {
        list: cx.id,
        from: row.pos,
    });
    grip
}

/// The row's background, grip lines, badge and text, and where a dragged
/// item would land.
fn paint_row(ui: &Ui, row: &Row<'_>, view: &RowView, response: &Response) {
    let RowView { layout, rect, .. } = view;
    let visuals = ui.style().interact(response);
    let painter = ui.painter();
    let fill = if view.dragged {
        ui.visuals().faint_bg_color
    } else {
        visuals.weak_bg_fill
    };
    painter.rect(
        *rect,
        visuals.corner_radius,
        fill,
        visuals.bg_stroke,
        StrokeKind::Inside,
    );
    // The grip: three short lines.
    let grip_color = ui.visuals().strong_text_color();
    let c = view.grip_rect.center();
    for dy in [-8.0, 0.0, 8.0] {
        painter.hline(
            (c.x - 10.0)..=(c.x + 10.0),
            c.y + dy,
            Stroke::new(2.5, grip_color),
        );
    }
    let text_color = visuals.fg_stroke.color;
    let badge_left = view.grip_rect.right() + layout.gap / 2.0;
    painter.text(
        pos2(badge_left + layout.badge_width / 2.0, rect.center().y),
        Align2::CENTER_CENTER,
        row.badge,
        layout.font.clone(),
        ui.visuals().strong_text_color(),
    );
    painter.galley(
        pos2(
            badge_left + layout.badge_width + layout.gap,
            rect.center().y - view.galley.size().y / 2.0,
        ),
        view.galley.clone(),
        text_color,
    );
    if let Some(drag) = view.hovered_by {
        // Where the dragged item will land.
        let y = if drag.from > row.pos {
            rect.top()
        } else {
            rect.bottom()
        };
        let selection = ui.visuals().selection.bg_fill;
        painter.hline(rect.x_range(), y, Stroke::new(4.0, selection));
    }
}

/// The up and down arrows at the row's end; the move one of them asks for.
fn arrows_ui(ui: &mut Ui, cx: &Ctx, row: &Row<'_>, view: &RowView) -> Option<RowAction> {
    let Row {
        item, pos, last, ..
    } = *row;
    let (rect, gap) = (view.rect, view.layout.gap);
    let up_rect = Rect::from_min_size(
        pos2(
            rect.right() - view.layout.buttons_width,
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
    action
}

/// The dragged item, following the finger at `pointer`.
fn paint_floating(ui: &Ui, row_id: Id, view: &RowView, pointer: Pos2) {
    let layout = &view.layout;
    let painter = ui.ctx().layer_painter(LayerId::new(Order::Tooltip, row_id));
    let floating = Rect::from_center_size(pointer, view.rect.size());
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
            floating.left()
                + layout.padding.x
                + layout.grip_width
                + layout.badge_width
                + layout.gap,
            floating.center().y - view.galley.size().y / 2.0,
        ),
        view.galley.clone(),
        visuals.fg_stroke.color,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_is_by_rank_once_every_item_is_ranked() {
        assert_eq!(
            display_order(&[Some(3), Some(2), Some(4), Some(1)]),
            vec![3, 1, 0, 2]
        );
        // Partly ranked by taps: nothing moves yet.
        assert_eq!(
            display_order(&[None, Some(2), None, Some(1)]),
            vec![0, 1, 2, 3]
        );
        assert_eq!(display_order(&[None, None]), vec![0, 1]);
    }
}
