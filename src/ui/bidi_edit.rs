//! Text fields that read right for right-to-left text.
//!
//! egui's `TextEdit` lays its text out left to right in storage order and
//! puts the caret after the glyph of the character before it, which is wrong
//! for Arabic or Hebrew: the words of a line come out in mirrored order, and
//! the caret sits on the wrong side of what was just typed. A field whose
//! text is right-to-left (its first strong character, or the kiosk's
//! language while it is empty) is therefore drawn like [`super::bidi`]'s
//! labels:
//!
//! * a layouter gives the `TextEdit` the text in **visual order** (the
//!   Unicode Bidirectional Algorithm, each logical line broken at the
//!   field's width and reordered), each row aligned right;
//! * egui's own caret is hidden, and the caret is drawn where the logical
//!   cursor is **in the visual line**: after the character before it, on
//!   that character's trailing side (the left of a right-to-left letter,
//!   the right of a Latin one), found through where each shown character
//!   comes from ([`super::bidi::wrap_visual_sources`]); so it sits to the
//!   left of an Arabic letter just typed, and new letters appear there;
//! * a tap puts the logical cursor at the boundary nearest to the tap,
//!   since egui's own mapping from a position to a character assumes
//!   left-to-right order.
//!
//! The text itself (the buffer, what is submitted) stays in logical order;
//! typing, deleting and the on-screen keyboard work on it as usual. Not
//! handled: the arrow keys still move in logical order (Left moves back in
//! the text, which in a right-to-left line is to the right), and a
//! selection is highlighted over the wrong glyphs.

use std::cell::Cell;
use std::sync::Arc;

use egui::text::{CCursor, CCursorRange, LayoutJob, TextFormat};
use egui::text_edit::TextEditOutput;
use egui::{Galley, Pos2, Rect, Response, TextBuffer, TextEdit, Ui};

use super::bidi::{Direction, SEPARATOR, Source, VisualLine, base_direction, needs_bidi};

/// Whether `text` is edited right to left: its base direction, or the
/// kiosk's while it has no strong character.
pub fn is_rtl(text: &str, fallback: Direction) -> bool {
    base_direction(text, fallback).is_rtl() || (fallback.is_rtl() && text.trim().is_empty())
}

/// A `TextEdit` over `text` (multi-line or one line, then set up by
/// `configure`), right-to-left aware: an ordinary `TextEdit` for
/// left-to-right text, the visual layout and caret described in the module
/// docs otherwise. `fallback` is the kiosk's direction. Returns the field's
/// response.
pub fn show(
    ui: &mut Ui,
    text: &mut String,
    multiline: bool,
    fallback: Direction,
    configure: impl for<'a> FnOnce(TextEdit<'a>) -> TextEdit<'a>,
) -> Response {
    if !is_rtl(text, fallback) && !needs_bidi(text) {
        return ui.add(configure(base_edit(text, multiline)));
    }
    let shown = visual_edit(ui, text, multiline, fallback, configure);
    let output = &shown.output;
    let response = output.response.response.clone();
    let id = response.id;
    let origin = output.galley_pos - egui::vec2(output.galley.rect.left(), 0.0);
    let tapped = response.clicked() || response.drag_started();
    let focused = ui.memory(|m| m.has_focus(id));
    if !tapped && !focused {
        // No caret to draw: nothing to measure.
        return response;
    }
    let measured = Measured::new(ui, &shown.text, fallback, shown.wrap_at, &shown.format);
    let caret_at = |index: usize| {
        caret_rect(ui, &measured, index, &output.galley, &shown.format)
            .map(|rect| rect.translate(origin.to_vec2()))
    };
    if tapped && let Some(pointer) = response.interact_pointer_pos() {
        let index = nearest_boundary(pointer, shown.text.chars().count(), &caret_at);
        if let Some(mut state) = TextEdit::load_state(ui.ctx(), id) {
            state
                .cursor
                .set_char_range(Some(CCursorRange::one(CCursor::new(index))));
            state.store(ui.ctx(), id);
        }
    }
    if focused {
        draw_caret(ui, &shown, &caret_at);
    }
    response
}

/// A plain `TextEdit` over `text`, multi-line or one line.
fn base_edit(text: &mut String, multiline: bool) -> TextEdit<'_> {
    if multiline {
        TextEdit::multiline(text)
    } else {
        TextEdit::singleline(text)
    }
}

/// A right-to-left field as drawn this frame: egui's output, the text after
/// this frame's typing, the format it is laid out in and the width it wraps
/// at.
struct Shown {
    output: TextEditOutput,
    text: String,
    format: TextFormat,
    wrap_at: f32,
}

/// The `TextEdit` (set up by `configure`) showing `text` in visual order,
/// rows aligned right, without egui's own caret.
fn visual_edit(
    ui: &mut Ui,
    text: &mut String,
    multiline: bool,
    fallback: Direction,
    configure: impl for<'a> FnOnce(TextEdit<'a>) -> TextEdit<'a>,
) -> Shown {
    let font_id = egui::TextStyle::Body.resolve(ui.style());
    let color = ui.visuals().text_color();
    let format = TextFormat::simple(font_id, color);
    let wrap_at = Cell::new(f32::INFINITY);
    let mut layouter = |ui: &Ui, buffer: &dyn TextBuffer, wrap_width: f32| -> Arc<Galley> {
        let width = if multiline { wrap_width } else { f32::INFINITY };
        wrap_at.set(width);
        let job = visual_layout_job(ui, buffer.as_str(), fallback, width, &format);
        ui.ctx().fonts_mut(|fonts| fonts.layout_job(job))
    };
    let align = if multiline {
        egui::Align2::RIGHT_TOP
    } else {
        egui::Align2::RIGHT_CENTER
    };
    let (output, text) = ui
        .scope(|ui| {
            // The caret is drawn below, where a reader expects it.
            ui.visuals_mut().text_cursor.stroke = egui::Stroke::NONE;
            let (output, buffer) = configure(base_edit(text, multiline))
                .layouter(&mut layouter)
                .align(align)
                .show_returning_text(ui);
            (output, buffer.as_str().to_owned())
        })
        .inner;
    Shown {
        output,
        text,
        format,
        wrap_at: wrap_at.get(),
    }
}

/// The caret of a focused field, at the logical cursor (`caret_at` gives
/// where each boundary shows); at the right edge of an empty field.
fn draw_caret(ui: &Ui, shown: &Shown, caret_at: &impl Fn(usize) -> Option<Rect>) {
    let output = &shown.output;
    let id = output.response.response.id;
    let cursor = TextEdit::load_state(ui.ctx(), id)
        .and_then(|state| state.cursor.char_range())
        .map(|range| range.primary.index.0);
    let Some(index) = cursor else {
        return;
    };
    let rect = caret_at(index.min(shown.text.chars().count())).unwrap_or_else(|| {
        // An empty field: at its right edge.
        let inner = output.text_clip_rect;
        let height = ui.text_style_height(&egui::TextStyle::Body);
        Rect::from_center_size(
            Pos2::new(inner.right() - 2.0, inner.center().y),
            egui::vec2(0.0, height),
        )
    });
    let stroke = egui::Stroke::new(2.0, ui.visuals().strong_text_color());
    ui.painter()
        .with_clip_rect(output.text_clip_rect.expand(2.0))
        .line_segment([rect.center_top(), rect.center_bottom()], stroke);
}

/// The text in visual order as one layout job: each logical line broken at
/// `width` (infinite: not at all) and reordered, each right-to-left segment
/// a section of its own, rows aligned right (by a leading space as wide as
/// the row is narrower than the widest: where each character stands is then
/// known from the segments' own widths, see [`caret_rect`]). Never fewer
/// characters than `text`, so egui's logical cursor is never clamped
/// (invisible word joiners fill up for the control characters the
/// reordering drops).
fn visual_layout_job(
    ui: &Ui,
    text: &str,
    fallback: Direction,
    width: f32,
    format: &TextFormat,
) -> LayoutJob {
    let Measured {
        lines,
        widths,
        widest,
        ..
    } = Measured::new(ui, text, fallback, width, format);
    let mut job = LayoutJob::default();
    for (i, ((line, _, _), widths)) in lines.iter().zip(&widths).enumerate() {
        if i > 0 {
            job.append("\n", 0.0, format.clone());
        }
        let mut leading = widest - widths.iter().sum::<f32>();
        // Each segment a section of its own: shaped apart (see `bidi`).
        for segment in &line.segments {
            job.append(&segment.text, leading, format.clone());
            leading = 0.0;
        }
    }
    if job.sections.is_empty() {
        // An empty field: one empty section, so that its row is a line of
        // text tall and egui places it (and the caret on it) as it places
        // a line, in the middle of a one-line field, not a row 0 high.
        job.append("", 0.0, format.clone());
    }
    let shown = job.text.chars().count();
    let wanted = text.chars().count();
    if shown < wanted {
        let filler: String = std::iter::repeat_n(SEPARATOR, wanted - shown).collect();
        job.append(&filler, 0.0, format.clone());
    }
    job.wrap.max_width = f32::INFINITY;
    job
}

/// The width of each segment of `line`, laid out alone (as egui shapes it
/// in the field: a section of its own).
fn segment_widths(ui: &Ui, line: &VisualLine, format: &TextFormat) -> Vec<f32> {
    line.segments
        .iter()
        .map(|segment| text_width(ui, &segment.text, format))
        .collect()
}

fn text_width(ui: &Ui, text: &str, format: &TextFormat) -> f32 {
    if text.is_empty() {
        return 0.0;
    }
    ui.ctx().fonts_mut(|fonts| {
        fonts
            .layout_no_wrap(text.to_owned(), format.font_id.clone(), format.color)
            .size()
            .x
    })
}

/// `text` broken at `width` and reordered, line by line, with where each
/// shown character comes from.
fn visual_lines(
    ui: &Ui,
    text: &str,
    fallback: Direction,
    width: f32,
    format: &TextFormat,
) -> Vec<Line> {
    ui.ctx().fonts_mut(|fonts| {
        super::bidi::wrap_visual_sources(text, fallback, width.max(1.0), |piece| {
            fonts
                .layout_no_wrap(piece.to_owned(), format.font_id.clone(), format.color)
                .size()
                .x
        })
    })
}

/// A visual line, where each of its characters comes from, and its
/// characters' range in the text.
type Line = (VisualLine, Vec<Source>, std::ops::Range<usize>);

/// A field's text measured once a frame for its caret: the lines, each
/// line's segment widths, the widest line, a space's width.
struct Measured {
    lines: Vec<Line>,
    widths: Vec<Vec<f32>>,
    widest: f32,
    space: f32,
}

impl Measured {
    fn new(ui: &Ui, text: &str, fallback: Direction, width: f32, format: &TextFormat) -> Measured {
        let lines = visual_lines(ui, text, fallback, width, format);
        let widths: Vec<Vec<f32>> = lines
            .iter()
            .map(|(line, _, _)| segment_widths(ui, line, format))
            .collect();
        let widest = widths
            .iter()
            .map(|w| w.iter().sum::<f32>())
            .fold(0.0, f32::max);
        Measured {
            lines,
            widths,
            widest,
            space: text_width(ui, " ", format),
        }
    }
}

/// Where the caret before character `index` shows, in the coordinates of
/// `shown` (the field's galley, laid out by [`visual_layout_job`], one row
/// per line). On the line the cursor is on (a boundary at a line break goes
/// to the next line's start): on the trailing side of the character before
/// it (the left of a right-to-left one, the right of a left-to-right one)
/// and past the spaces the line leaves out at its end (`space`: a space's
/// width); at the line's start, on the leading side of its first character;
/// on an empty line, at the edge its paragraph starts from.
///
/// Positions come from the segments' own widths, not from egui's glyphs
/// (which, for a right-to-left word, are not one per character in order).
/// Inside a right-to-left word the boundary after `k` letters is where the
/// first `k` letters, shaped alone, end, scaled so the two parts of the word
/// fill its width (the letters at the cut change form, by a pixel or two).
fn caret_rect(
    ui: &Ui,
    measured: &Measured,
    index: usize,
    shown: &Galley,
    format: &TextFormat,
) -> Option<Rect> {
    let Measured {
        lines,
        widths,
        widest,
        space,
    } = measured;
    let row = lines
        .iter()
        .rposition(|(_, _, chars)| chars.start <= index)
        .unwrap_or(0);
    let (line, sources, chars) = lines.get(row)?;
    let widths = widths.get(row)?;
    let placed = shown.rows.get(row)?;
    let caret_row = CaretRow {
        ui,
        format,
        line,
        sources,
        chars: chars.clone(),
        widths,
        left: widest - widths.iter().sum::<f32>(),
        widest: *widest,
        space: *space,
    };
    let x = caret_row.x(index);
    let top = placed.pos.y;
    Some(Rect::from_min_max(
        Pos2::new(x, top),
        Pos2::new(x, top + placed.row.height()),
    ))
}

/// A visual line as [`caret_rect`] places a caret on it: its segments'
/// widths, where its row starts (`left`: rows align right), the widest
/// line and a space's width.
struct CaretRow<'a> {
    ui: &'a Ui,
    format: &'a TextFormat,
    line: &'a VisualLine,
    sources: &'a [Source],
    chars: std::ops::Range<usize>,
    widths: &'a [f32],
    left: f32,
    widest: f32,
    space: f32,
}

impl CaretRow<'_> {
    /// Where the caret before character `index` shows across the row.
    fn x(&self, index: usize) -> f32 {
        let rtl = self.line.direction.is_rtl();
        // The trailing side of the last shown character before the cursor.
        let after = (self.chars.start..index.min(self.chars.end))
            .rev()
            .find_map(|c| self.at(c).map(|found| (c, found)));
        match after {
            Some((c, ((left, right), source))) => {
                // Spaces the line does not show, between that character and
                // the cursor (at the end of a line): each a space further on.
                let hidden = index.saturating_sub(c + 1) as f32 * self.space;
                if source.rtl {
                    left - hidden
                } else {
                    right + if rtl { -hidden } else { hidden }
                }
            }
            None => match self.at(index) {
                // The leading side of the character at the cursor.
                Some(((left, right), source)) => {
                    if source.rtl {
                        right
                    } else {
                        left
                    }
                }
                // An empty line: the side its paragraph starts from.
                None if rtl => self.widest,
                None => self.left,
            },
        }
    }

    /// The left and right edge of character `c` of the text, if the row
    /// shows it, and where it comes from.
    fn at(&self, c: usize) -> Option<((f32, f32), Source)> {
        let position = self.sources.iter().position(|source| source.index == c)?;
        Some((self.edges(position)?, self.sources[position]))
    }

    /// Left and right edge of the character at `position` in `sources`.
    fn edges(&self, position: usize) -> Option<(f32, f32)> {
        let (ui, format) = (self.ui, self.format);
        let mut first = 0;
        let mut x = self.left;
        for (segment, width) in self.line.segments.iter().zip(self.widths) {
            let count = segment.text.chars().count();
            if position < first + count {
                let j = position - first;
                let prefix = |k: usize| -> String { segment.text.chars().take(k).collect() };
                return Some(if segment.rtl {
                    let at = |k: usize| rtl_boundary(ui, &segment.text, *width, k, format);
                    (x + width - at(j + 1), x + width - at(j))
                } else {
                    (
                        x + text_width(ui, &prefix(j), format),
                        x + text_width(ui, &prefix(j + 1), format),
                    )
                });
            }
            first += count;
            x += width;
        }
        None
    }
}

/// How far from the right edge of a right-to-left `word` (`width` wide) the
/// boundary after its first `k` letters is: where those letters, shaped
/// alone, end, scaled so the two parts of the word fill its width.
fn rtl_boundary(ui: &Ui, word: &str, width: f32, k: usize, format: &TextFormat) -> f32 {
    let before = text_width(ui, &word.chars().take(k).collect::<String>(), format);
    let after = text_width(ui, &word.chars().skip(k).collect::<String>(), format);
    if before + after > 0.0 {
        width * before / (before + after)
    } else {
        0.0
    }
}

/// The character boundary (0..=count) whose caret is nearest to `pointer`:
/// rows first, then across.
fn nearest_boundary(
    pointer: Pos2,
    count: usize,
    caret_at: &impl Fn(usize) -> Option<Rect>,
) -> usize {
    let mut best = (f32::INFINITY, f32::INFINITY, count);
    for index in 0..=count {
        let Some(rect) = caret_at(index) else {
            continue;
        };
        let dy = if rect.y_range().contains(pointer.y) {
            0.0
        } else {
            (rect.center().y - pointer.y).abs()
        };
        let dx = (rect.center().x - pointer.x).abs();
        if (dy, dx) < (best.0, best.1) {
            best = (dy, dx, index);
        }
    }
    best.2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_and_an_empty_field_in_an_arabic_kiosk_are_right_to_left() {
        assert!(is_rtl("مرحبا", Direction::Ltr));
        assert!(is_rtl("", Direction::Rtl));
        assert!(is_rtl("  ", Direction::Rtl));
        assert!(!is_rtl("", Direction::Ltr));
        assert!(!is_rtl("Coca-Cola", Direction::Rtl));
    }

    /// Where the caret shows before each character boundary of `text` in a
    /// right-to-left field `width` wide (the caret's centre, in the galley's
    /// coordinates).
    fn carets(text: &str, width: f32) -> Vec<Pos2> {
        caret_rects(text, width)
            .iter()
            .map(|r| r.map_or(Pos2::new(f32::NAN, f32::NAN), |r| r.center()))
            .collect()
    }

    /// The caret's rectangle before each character boundary of `text`.
    fn caret_rects(text: &str, width: f32) -> Vec<Option<Rect>> {
        let ctx = egui::Context::default();
        crate::ui::fonts::install(&ctx);
        let mut carets = Vec::new();
        // Fonts exist from the first pass; bundled ones load on first use.
        for _ in 0..2 {
            let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
                let font = egui::TextStyle::Body.resolve(ui.style());
                let format = TextFormat::simple(font, egui::Color32::WHITE);
                let job = visual_layout_job(ui, text, Direction::Rtl, width, &format);
                let shown = ui.ctx().fonts_mut(|f| f.layout_job(job));
                let mut measured = Measured::new(ui, text, Direction::Rtl, width, &format);
                measured.space = 5.0;
                carets = (0..=text.chars().count())
                    .map(|i| caret_rect(ui, &measured, i, &shown, &format))
                    .collect();
            });
            // No renderer takes the font atlas here.
            output.textures_delta.clear();
        }
        carets
    }

    #[test]
    fn an_empty_field_lays_out_a_row_a_line_tall() {
        // A galley 0 high was placed at the field's middle, and the caret
        // drawn from there down, cut at the field's text edge.
        let ctx = egui::Context::default();
        crate::ui::fonts::install(&ctx);
        let mut heights = (0.0, 0.0);
        for _ in 0..2 {
            let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
                let font = egui::TextStyle::Body.resolve(ui.style());
                let format = TextFormat::simple(font, egui::Color32::WHITE);
                let height = |text: &str| {
                    let job = visual_layout_job(ui, text, Direction::Rtl, f32::INFINITY, &format);
                    ui.ctx().fonts_mut(|f| f.layout_job(job)).size().y
                };
                heights = (height(""), height("\u{0645}"));
            });
            output.textures_delta.clear();
        }
        let (empty, one) = heights;
        assert!(one > 10.0, "{heights:?}");
        assert!((empty - one).abs() < 1.0, "empty {empty} against {one}");
    }

    #[test]
    fn the_caret_of_an_empty_field_is_a_line_tall() {
        // It was a dot: an empty row has no glyph to give it a height.
        let empty = caret_rects("", f32::INFINITY);
        let typed = caret_rects("\u{0645}", f32::INFINITY);
        let (Some(Some(empty)), Some(Some(typed))) = (empty.first(), typed.first()) else {
            panic!("a caret for each: {empty:?} {typed:?}");
        };
        assert!(typed.height() > 10.0, "{typed:?}");
        assert!(
            empty.height() >= typed.height() - 1.0,
            "empty {empty:?} against one letter {typed:?}"
        );
    }

    fn caret_xs(text: &str) -> Vec<f32> {
        carets(text, f32::INFINITY).iter().map(|p| p.x).collect()
    }

    #[test]
    fn a_space_typed_after_arabic_moves_the_caret_left() {
        let xs = caret_xs("\u{0645}\u{0631}\u{062D}\u{0628}\u{0627} ");
        assert!(xs[6] < xs[5] - 4.0, "the space counts: {xs:?}");
    }

    #[test]
    fn a_wrapped_arabic_text_reads_row_by_row() {
        // Four words, two to a row at this width: the caret goes down the
        // rows as the text goes on, and starts each row at its right.
        let word = "\u{0645}\u{0631}\u{062D}\u{0628}\u{0627}";
        let text = [word; 4].join(" ");
        let carets = carets(&text, 60.0);
        let ys: Vec<f32> = carets.iter().map(|p| p.y).collect();
        assert!(
            ys.windows(2).all(|w| w[1] >= w[0]),
            "down, never up: {ys:?}"
        );
        // The third word (from character 12) starts the second row, at
        // its right edge.
        let third = carets[12];
        let right = carets.iter().map(|p| p.x).fold(f32::MIN, f32::max);
        assert!(third.y > carets[0].y + 10.0, "{carets:?}");
        assert!((third.x - right).abs() < 0.5, "{carets:?}");
        assert!(carets[17].x < third.x - 10.0, "then leftwards: {carets:?}");
    }

    #[test]
    fn a_new_line_puts_the_caret_at_the_right_of_the_next_row() {
        let carets = carets("\u{0645}\u{0631}\u{062D}\n", f32::INFINITY);
        let (end, next) = (carets[3], carets[4]);
        assert!(next.y > end.y + 5.0, "on the next row: {carets:?}");
        let right = carets[0].x;
        assert!(
            (next.x - right).abs() < 0.5 && next.x > end.x,
            "at its right edge: {carets:?}"
        );
    }

    #[test]
    fn in_arabic_the_caret_moves_left_as_letters_are_typed() {
        // "مرحبا": each next boundary is further left; the end is the left
        // edge of the text, the start its right edge (0: rows align right).
        let xs = caret_xs("\u{0645}\u{0631}\u{062D}\u{0628}\u{0627}");
        assert_eq!(xs.len(), 6);
        assert!(xs[5].abs() < 0.5, "the end is at the left edge: {xs:?}");
        assert!(xs[0] > 20.0, "the start is at the right edge: {xs:?}");
        for pair in xs.windows(2) {
            assert!(
                pair[1] < pair[0],
                "each letter typed moves the caret left: {xs:?}"
            );
        }
    }

    #[test]
    fn across_two_arabic_words_the_caret_keeps_moving_left() {
        let word = "\u{0645}\u{0631}\u{062D}\u{0628}\u{0627}";
        let xs = caret_xs(&format!("{word} {word}"));
        for pair in xs.windows(2) {
            assert!(pair[1] < pair[0], "always leftwards: {xs:?}");
        }
        // The space between them is a space wide.
        assert!((xs[5] - xs[6]) > 2.0, "{xs:?}");
    }

    #[test]
    fn a_latin_word_in_an_arabic_line_keeps_its_caret_order() {
        // "سعر iPhone": the Arabic word on the right, "iPhone" on its left
        // reading left to right; inside "iPhone" the caret moves right.
        let text = "\u{0633}\u{0639}\u{0631} iPhone";
        let xs = caret_xs(text);
        // Boundaries 5..=9 are inside "iPhone" (after "i", "P", …).
        for i in 5..9 {
            assert!(xs[i + 1] > xs[i], "left to right inside iPhone: {xs:?}");
        }
        // The Arabic word is right of the Latin one.
        assert!(xs[1] > xs[6], "{xs:?}");
    }
}
