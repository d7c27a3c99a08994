//! Matrices: a grid (column labels in a header row, row labels in the first
//! column, one large radio/check cell per column) or, when narrow or too wide,
//! one stacked group per row.

use egui::{Align, Grid, Id, Layout, RichText, Ui, vec2};

use super::common::{self, Mark, choice_row, mark_cell};
use super::{Ctx, TOUCH_HEIGHT};
use crate::survey::{Choice, Id as AnswerId, Row};

/// More columns than this always stack (column labels must stay readable).
const MAX_GRID_COLUMNS: usize = 7;

/// The matrix: chosen column ids per row.
pub(super) fn matrix_ui(
    ui: &mut Ui,
    cx: &Ctx,
    rows: &[Row],
    columns: &[Choice],
    multiple: bool,
    narrow: bool,
    chosen: &mut [Vec<AnswerId>],
) -> bool {
    let mark = if multiple { Mark::Check } else { Mark::Radio };
    // Right-to-left rows or answers: stacked, each row's label on the right
    // and its answers mirrored (a grid would read from the wrong side).
    let fallback = crate::ui::words(ui.ctx()).direction();
    let rtl = rows
        .iter()
        .map(|r| r.text.as_str())
        .chain(columns.iter().map(|c| c.text.as_str()))
        .any(|text| crate::ui::bidi::base_direction(text, fallback).is_rtl());
    let layout = (!narrow && !rtl && columns.len() <= MAX_GRID_COLUMNS)
        .then(|| grid_layout(ui, rows, columns))
        .flatten();
    let mut clicks: Vec<(usize, AnswerId)> = Vec::new();
    match layout {
        Some((label_width, column_width)) => {
            let sizes = GridSizes {
                mark,
                label_width,
                column_width,
            };
            grid_ui(ui, cx, rows, columns, chosen, sizes, &mut clicks);
        }
        None => stacked_ui(ui, cx, rows, columns, chosen, mark, &mut clicks),
    }
    let mut changed = false;
    for (row, column) in clicks {
        if let Some(ids) = chosen.get_mut(row) {
            changed |= toggle(ids, column, multiple);
        }
    }
    changed
}

/// Applies a tap on `column`: a check toggles; a radio replaces the row's answer.
fn toggle(ids: &mut Vec<AnswerId>, column: AnswerId, multiple: bool) -> bool {
    if multiple {
        if ids.contains(&column) {
            ids.retain(|id| *id != column);
        } else {
            ids.push(column);
        }
        true
    } else if ids.as_slice() == [column] {
        false
    } else {
        ids.clear();
        ids.push(column);
        true
    }
}

fn cell_id(cx: &Ctx, row: &Row, column: &Choice) -> Id {
    cx.id.with(("cell", row.id, column.id))
}

fn cell_name(row: &Row, column: &Choice) -> String {
    format!("{}: {}", row.text.trim(), column.text.trim())
}

/// The widths of the row-label column and of each answer column, or `None`
/// when the grid would not fit the available width.
fn grid_layout(ui: &Ui, rows: &[Row], columns: &[Choice]) -> Option<(f32, f32)> {
    let available = ui.available_width();
    let gap = ui.spacing().item_spacing.x;
    let body = common::body_font(ui);
    let bold_width = |text: &str| {
        ui.painter()
            .layout_no_wrap(text.to_owned(), body.clone(), ui.visuals().text_color())
            .size()
            .x
    };
    // Column labels may wrap onto two or three lines, never below a touch target.
    let widest_column = columns
        .iter()
        .map(|c| bold_width(&c.text))
        .fold(0.0_f32, f32::max);
    let column_width = (widest_column / 2.0)
        .max(widest_longest_word(ui, columns, &body))
        .max(TOUCH_HEIGHT * 1.2)
        .min(available / 4.0)
        .max(TOUCH_HEIGHT);
    let widest_row = rows
        .iter()
        .map(|r| bold_width(&r.text))
        .fold(0.0_f32, f32::max);
    let label_width = widest_row.min(available * 0.4).max(TOUCH_HEIGHT * 2.0);
    let needed = label_width + (column_width + gap) * columns.len() as f32;
    (needed <= available).then_some((label_width, column_width))
}

/// The widest single word of the column labels (a column is never narrower).
fn widest_longest_word(ui: &Ui, columns: &[Choice], font: &egui::FontId) -> f32 {
    columns
        .iter()
        .flat_map(|c| c.text.split_whitespace())
        .map(|word| {
            ui.painter()
                .layout_no_wrap(word.to_owned(), font.clone(), ui.visuals().text_color())
                .size()
                .x
        })
        .fold(0.0_f32, f32::max)
}

/// How a grid's cells look: the mark, the row labels' width, each
/// column's width.
#[derive(Clone, Copy)]
struct GridSizes {
    mark: Mark,
    label_width: f32,
    column_width: f32,
}

fn grid_ui(
    ui: &mut Ui,
    cx: &Ctx,
    rows: &[Row],
    columns: &[Choice],
    chosen: &[Vec<AnswerId>],
    sizes: GridSizes,
    clicks: &mut Vec<(usize, AnswerId)>,
) {
    let GridSizes {
        mark,
        label_width,
        column_width,
    } = sizes;
    // Where each column's heading is, for the copy kept in view below.
    let mut headings: Vec<(egui::Rect, &str)> = Vec::new();
    let grid = Grid::new(cx.id.with("matrix_grid"))
        .num_columns(columns.len() + 1)
        .striped(true)
        .min_row_height(TOUCH_HEIGHT)
        .show(ui, |ui| {
            ui.allocate_space(vec2(label_width, 0.0));
            for column in columns {
                let heading = ui.allocate_ui_with_layout(
                    vec2(column_width, TOUCH_HEIGHT),
                    Layout::top_down(Align::Center),
                    |ui| {
                        ui.set_width(column_width);
                        crate::ui::bidi::label(ui, RichText::new(column.text.trim()).strong());
                    },
                );
                headings.push((heading.response.rect, column.text.trim()));
            }
            ui.end_row();
            for (r, row) in rows.iter().enumerate() {
                ui.allocate_ui_with_layout(
                    vec2(label_width, TOUCH_HEIGHT),
                    Layout::left_to_right(Align::Center).with_main_wrap(true),
                    |ui| {
                        ui.set_width(label_width);
                        crate::ui::bidi::label(ui, row.text.trim());
                    },
                );
                let picked = chosen.get(r).map_or(&[][..], Vec::as_slice);
                for column in columns {
                    let selected = picked.contains(&column.id);
                    let response = mark_cell(
                        ui,
                        cell_id(cx, row, column),
                        &cell_name(row, column),
                        mark,
                        selected,
                        vec2(column_width, TOUCH_HEIGHT),
                    );
                    if response.clicked() {
                        clicks.push((r, column.id));
                    }
                }
                ui.end_row();
            }
        });
    sticky_headings(ui, cx, &headings, grid.response.rect);
}

/// Where the copy of the heading row (`row`) goes in a matrix (`grid`)
/// whose page shows from `top` down: at `top`, across the matrix, once the
/// real row is above `top` and at least a row of answers still shows below
/// the copy; `None` otherwise.
fn sticky_band(row: egui::Rect, grid: egui::Rect, top: f32) -> Option<egui::Rect> {
    let height = row.height();
    (row.top() < top && grid.bottom() >= top + height * 2.0).then(|| {
        egui::Rect::from_min_max(
            egui::pos2(grid.left(), top),
            egui::pos2(grid.right(), top + height),
        )
    })
}

/// The column headings kept in view while the matrix's rows scroll under
/// the top of the page: once the real heading row has scrolled out and
/// rows are still showing, a copy is painted at the top of the visible
/// area. It takes taps itself, so a tap on it never answers a row hidden
/// beneath.
fn sticky_headings(ui: &mut Ui, cx: &Ctx, headings: &[(egui::Rect, &str)], grid: egui::Rect) {
    let Some(row) = headings
        .iter()
        .map(|(rect, _)| *rect)
        .reduce(|a, b| a.union(b))
    else {
        return;
    };
    let Some(band) = sticky_band(row, grid, ui.clip_rect().top()) else {
        return;
    };
    let _ = ui.interact(band, cx.id.with("matrix_sticky"), egui::Sense::click());
    let painter = ui.painter();
    let visuals = ui.visuals();
    painter.rect_filled(band, 0.0, visuals.panel_fill);
    painter.hline(
        band.x_range(),
        band.bottom(),
        egui::Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color),
    );
    let font = egui::TextStyle::Body.resolve(ui.style());
    for (rect, text) in headings {
        let galley = painter.layout(
            (*text).to_owned(),
            font.clone(),
            visuals.strong_text_color(),
            rect.width(),
        );
        let at = egui::pos2(
            rect.center().x - galley.size().x / 2.0,
            band.center().y - galley.size().y / 2.0,
        );
        painter.galley(at, galley, visuals.strong_text_color());
    }
}

fn stacked_ui(
    ui: &mut Ui,
    cx: &Ctx,
    rows: &[Row],
    columns: &[Choice],
    chosen: &[Vec<AnswerId>],
    mark: Mark,
    clicks: &mut Vec<(usize, AnswerId)>,
) {
    for (r, row) in rows.iter().enumerate() {
        let fallback = crate::ui::words(ui.ctx()).direction();
        if crate::ui::bidi::base_direction(row.text.trim(), fallback).is_rtl() {
            crate::ui::bidi::bidi_label(ui, row.text.trim(), fallback);
        } else {
            common::field_label(ui, row.text.trim());
        }
        let picked = chosen.get(r).map_or(&[][..], Vec::as_slice);
        ui.indent(cx.id.with(("matrix_row", row.id)), |ui| {
            for column in columns {
                let selected = picked.contains(&column.id);
                let response = choice_row(
                    ui,
                    cell_id(cx, row, column),
                    column.text.trim(),
                    &cell_name(row, column),
                    mark,
                    selected,
                );
                if response.clicked() {
                    clicks.push((r, column.id));
                }
            }
        });
        ui.add_space(ui.spacing().item_spacing.y * 2.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_headings_follow_only_while_rows_show_under_them() {
        use egui::{Rect, pos2};
        let grid = Rect::from_min_max(pos2(0.0, 100.0), pos2(800.0, 400.0));
        let row = Rect::from_min_max(pos2(100.0, 100.0), pos2(800.0, 152.0));
        // The real headings in view: no copy.
        assert_eq!(sticky_band(row, grid, 50.0), None);
        // Scrolled past them, rows still under the top: a copy at the top.
        let band = sticky_band(row, grid, 200.0).expect("a copy");
        assert_eq!(band.top(), 200.0);
        assert_eq!(band.height(), 52.0);
        assert_eq!((band.left(), band.right()), (0.0, 800.0));
        // Nearly all of the matrix scrolled away: no copy over the next
        // question.
        assert_eq!(sticky_band(row, grid, 350.0), None);
    }

    #[test]
    fn toggling() {
        let mut ids = vec![1];
        assert!(!toggle(&mut ids, 1, false));
        assert!(toggle(&mut ids, 2, false));
        assert_eq!(ids, vec![2]);
        assert!(toggle(&mut ids, 3, true));
        assert!(toggle(&mut ids, 2, true));
        assert_eq!(ids, vec![3]);
    }
}
