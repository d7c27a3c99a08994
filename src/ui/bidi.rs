//! Drawing right-to-left and mixed text: the lines of the bidi algorithm
//! ([`crate::i18n::bidi`], re-exported here) as egui labels, each segment
//! shaped apart, right-to-left lines aligned right, the logical text as
//! the accessible name.

use std::sync::Arc;

use egui::text::{LayoutJob, TextFormat};
use egui::{Galley, Response, Sense, TextStyle, Ui};

pub use crate::i18n::Direction;
pub use crate::i18n::bidi::*;

/// A line as an egui layout job, each segment a section of its own, no
/// wrapping. A [`SEPARATOR`] stands between a right-to-left segment and its
/// neighbours, as in [`visual_line`]: epaint shapes runs *by font* across
/// sections, so without it an Arabic comma or question mark (drawn by the
/// Arabic font) next to an Arabic word would be shaped with that word, right
/// to left, and land on the word's other side.
pub fn visual_job(line: &VisualLine, format: &TextFormat) -> LayoutJob {
    let mut job = LayoutJob::default();
    let mut previous_rtl = false;
    for (i, segment) in line.segments.iter().enumerate() {
        if i > 0 && (previous_rtl || segment.rtl) {
            job.append(&SEPARATOR.to_string(), 0.0, format.clone());
        }
        job.append(&segment.text, 0.0, format.clone());
        previous_rtl = segment.rtl;
    }
    job.wrap.max_width = f32::INFINITY;
    job.break_on_newline = false;
    job
}

/// A paragraph label that reads right for any direction: the base direction
/// comes from the text's first strong character (`fallback`, the survey's
/// language, when it has none); right-to-left paragraphs are aligned right;
/// lines are broken at the available width and reordered. Text with no
/// right-to-left content in a left-to-right paragraph is an ordinary
/// `ui.label`. The accessible name is the logical text.
pub fn bidi_label(ui: &mut Ui, text: &str, fallback: Direction) -> Response {
    if base_direction(text, fallback) == Direction::Ltr && !needs_bidi(text) {
        return ui.label(text);
    }
    let font_id = TextStyle::Body.resolve(ui.style());
    let color = ui.visuals().text_color();
    bidi_text(ui, text, fallback, &font_id, color)
}

/// A label (any `RichText`: its font, colour and strength kept) that reads
/// right in any direction: `ui.label` for text with no right-to-left
/// content; otherwise lines broken at the available width and reordered,
/// each aligned to its own direction inside a label as wide as its widest
/// line, which the layout then places like any label (centred in a centred
/// layout). Every text of the kiosk's own that may be Arabic goes through
/// this (or [`line_text`] for a button). The accessible name is the
/// logical text.
pub fn label(ui: &mut Ui, text: impl Into<egui::RichText>) -> Response {
    let rich: egui::RichText = text.into();
    if !needs_bidi(rich.text()) {
        return ui.add(egui::Label::new(rich).wrap());
    }
    let logical = rich.text().to_owned();
    let fallback = crate::ui::words(ui.ctx()).direction();
    let mut job = LayoutJob::default();
    rich.append_to(
        &mut job,
        ui.style(),
        egui::FontSelection::Default,
        egui::Align::Min,
    );
    let format = job
        .sections
        .first()
        .map(|section| section.format.clone())
        .unwrap_or_default();
    let color = if format.color == egui::Color32::PLACEHOLDER {
        ui.visuals().text_color()
    } else {
        format.color
    };
    let width = ui.available_width().max(1.0);
    let galleys = visual_galleys(ui, &logical, fallback, width, &format.font_id, color);
    // Right-to-left text in a column that starts on the left (a question's
    // hints and field labels) stands on the right, like the question's
    // title; in a centred column or a row it is as wide as its widest line.
    let layout = ui.layout();
    let column = layout.is_vertical() && layout.horizontal_align() == egui::Align::Min;
    paint_lines(ui, galleys, column, color, &logical)
}

/// Lays out `galleys` (lines in visual order) one under the other, each
/// aligned to its direction, in a rect as wide as the widest line, or as
/// the available width when `full_width` and a line is right to left;
/// named `logical` for a screen reader.
fn paint_lines(
    ui: &mut Ui,
    galleys: Vec<(Direction, Arc<Galley>)>,
    full_width: bool,
    color: egui::Color32,
    logical: &str,
) -> Response {
    let widest = galleys
        .iter()
        .map(|(_, galley)| galley.size().x)
        .fold(0.0, f32::max);
    let height: f32 = galleys.iter().map(|(_, galley)| galley.size().y).sum();
    let any_rtl = galleys.iter().any(|(direction, _)| direction.is_rtl());
    let width = if full_width && any_rtl {
        ui.available_width().max(widest)
    } else {
        widest
    };
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, height), Sense::hover());
    if ui.is_rect_visible(rect) {
        let mut y = rect.top();
        for (direction, galley) in galleys {
            let x = if direction.is_rtl() {
                rect.right() - galley.size().x
            } else {
                rect.left()
            };
            let line_height = galley.size().y;
            ui.painter().galley(egui::pos2(x, y), galley, color);
            y += line_height;
        }
    }
    let enabled = ui.is_enabled();
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, enabled, logical));
    response
}

/// A paragraph in `font` and `color` through the algorithm, broken at the
/// available width, right-to-left lines aligned right (as [`bidi_label`],
/// for titles and other text in a font of their own). The accessible name
/// is the logical text.
pub fn bidi_text(
    ui: &mut Ui,
    text: &str,
    fallback: Direction,
    font_id: &egui::FontId,
    color: egui::Color32,
) -> Response {
    let width = ui.available_width().max(1.0);
    let galleys = visual_galleys(ui, text, fallback, width, font_id, color);
    paint_lines(ui, galleys, true, color, text)
}

/// `text` broken into lines at `width` and each line laid out in visual
/// order, with its direction (a right-to-left line is drawn right-aligned).
/// For widgets that paint their own text (answer rows, titles).
pub fn visual_galleys(
    ui: &Ui,
    text: &str,
    fallback: Direction,
    width: f32,
    font_id: &egui::FontId,
    color: egui::Color32,
) -> Vec<(Direction, Arc<Galley>)> {
    let format = TextFormat::simple(font_id.clone(), color);
    ui.ctx().fonts_mut(|fonts| {
        let lines = wrap_visual(text, fallback, width.max(1.0), |piece| {
            fonts
                .layout_no_wrap(piece.to_owned(), font_id.clone(), color)
                .size()
                .x
        });
        lines
            .iter()
            .map(|line| (line.direction, fonts.layout_job(visual_job(line, &format))))
            .collect()
    })
}
