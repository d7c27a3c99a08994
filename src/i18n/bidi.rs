//! Right-to-left and mixed text: the Unicode Bidirectional Algorithm
//! (UAX #9, the `unicode-bidi` crate) before egui draws a line. This module
//! is the algorithm alone (text in, visual lines out, no egui); `ui::bidi`
//! draws its lines.
//!
//! # What egui 0.37 does by itself
//!
//! Measured in `tests/i18n.rs`, which lays text out with egui's real fonts
//! and reads each glyph's position.
//!
//! epaint shapes text with harfrust but has no bidi algorithm. It cuts a
//! line into *runs by font* (the first font of the family that has the
//! character: Ubuntu Light for Latin, digits, spaces and ASCII punctuation;
//! Noto Sans Arabic, Noto Sans Hebrew for their letters and for `؟ ، ٪`),
//! shapes each run on its own, with the direction harfrust guesses from the
//! run's first character of a real script, and places the runs left to
//! right in storage order. So:
//!
//! * an Arabic or Hebrew **word given in logical order comes out right**:
//!   harfrust shapes the run right to left, and Arabic letters join
//!   (`a_word_in_logical_order_is_drawn_right_to_left_and_joined`);
//! * a **multi-word** right-to-left line comes out with its *words* in
//!   mirrored order, because the spaces are Ubuntu Light runs between
//!   Arabic-font runs, placed left to right
//!   (`egui_alone_mirrors_the_words_of_a_right_to_left_line`);
//! * reversing a word's characters ("visual order" for a plain left-to-right
//!   renderer) would be wrong: harfrust reverses the run again, and the
//!   letters would join backwards.
//!
//! # The representation
//!
//! Hence a visual line is a list of [`Segment`]s in **left-to-right display
//! order**, where a segment holding text of a right-to-left script (Arabic,
//! Hebrew, Syriac, Thaana…) keeps that text **in logical order** for the
//! shaper to lay out right to left, and every other segment is already in
//! display order (left-to-right runs as they are; neutrals of a right-to-left
//! run one grapheme at a time, reversed, brackets mirrored). This is the
//! usual "reorder runs, let the shaper handle each run" approach, with the
//! runs cut where harfrust decides direction (the script) rather than where
//! the bidi levels change. Grapheme clusters are never split, so combining
//! marks (Arabic harakat, Hebrew points) stay on their letter.
//!
//! A right-to-left segment must be shaped on its own: if a neighbour in the
//! same font joined its run (`؟` or `،` next to an Arabic word), harfrust
//! would reverse the neighbour too, and the comma would land on the word's
//! other side. Sections of a layout job are *not* shaped apart (epaint cuts
//! runs by font across sections), so both [`visual_line`] (one `String`,
//! for widgets that take plain text: buttons) and `ui::bidi::visual_job`
//! (a section per segment: what `ui::bidi::bidi_label` draws) put
//! U+2060 WORD JOINER, which egui draws as nothing and resolves to the
//! primary (Latin) font, around right-to-left segments, which ends the font
//! run as long as the primary font has no Arabic or Hebrew letters (true of
//! egui's default Ubuntu Light).
//!
//! Explicit formatting characters (LRM, RLM, ALM, LRE…PDF, LRI…PDI, such as
//! the isolates Fluent puts around arguments) take part in the algorithm and
//! are then dropped from the output.
//!
//! Accessibility: a screen reader must get the *logical* text. `ui::bidi::bidi_label`
//! gives its widget the logical text as its accessible name; a widget drawn
//! with `visual_line` text should do the same.

use std::ops::Range;

use icu_properties::CodePointMapData;
use icu_properties::props::{BidiMirroringGlyph, Script};
use unicode_bidi::{BidiClass, Level, ParagraphBidiInfo, bidi_class};
use unicode_segmentation::UnicodeSegmentation as _;

use super::Direction;

/// Put around right-to-left segments by [`visual_line`]: invisible in egui,
/// no line break, and it ends the font run.
pub const SEPARATOR: char = '\u{2060}';

/// A piece of a visual line, shaped on its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    /// Text of a right-to-left script, in logical order: the shaper lays it
    /// out right to left. Otherwise the text is in display order.
    pub rtl: bool,
}

impl Segment {
    fn ltr(text: impl Into<String>) -> Segment {
        Segment {
            text: text.into(),
            rtl: false,
        }
    }

    fn rtl(text: impl Into<String>) -> Segment {
        Segment {
            text: text.into(),
            rtl: true,
        }
    }
}

/// One line of a paragraph, ready to draw.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VisualLine {
    /// Left to right on screen.
    pub segments: Vec<Segment>,
    /// The paragraph's base direction: a right-to-left line is aligned right.
    pub direction: Direction,
}

impl VisualLine {
    /// The line as one string for egui (see [`visual_line`]).
    pub fn text(&self) -> String {
        join(&self.segments)
    }

    /// The characters in the order they appear on screen, left to right
    /// (see [`display_order`]).
    pub fn display_order(&self) -> String {
        self.segments
            .iter()
            .map(|segment| {
                if segment.rtl {
                    segment.text.graphemes(true).rev().collect()
                } else {
                    segment.text.clone()
                }
            })
            .collect()
    }
}

/// The base direction of a paragraph: its first strong character (letters;
/// digits and punctuation are not strong), skipping isolated text, or
/// `fallback` (the survey's language) when it has none.
pub fn base_direction(text: &str, fallback: Direction) -> Direction {
    match unicode_bidi::get_base_direction(text) {
        unicode_bidi::Direction::Ltr => Direction::Ltr,
        unicode_bidi::Direction::Rtl => Direction::Rtl,
        unicode_bidi::Direction::Mixed => fallback,
    }
}

/// Whether `text` needs the algorithm at all: it has right-to-left letters,
/// Arabic digits or explicit direction controls.
pub fn needs_bidi(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(
            bidi_class(c),
            BidiClass::R
                | BidiClass::AL
                | BidiClass::AN
                | BidiClass::RLE
                | BidiClass::RLO
                | BidiClass::RLI
                | BidiClass::FSI
        )
    })
}

/// One line (no line break inside) in display order, as [`Segment`]s.
/// `base` is the paragraph's direction (see [`base_direction`]).
pub fn visual_segments(line: &str, base: Direction) -> Vec<Segment> {
    let line = line.trim_end_matches(['\n', '\r']);
    if base == Direction::Ltr && !needs_bidi(line) {
        let text = without_controls(line);
        return if text.is_empty() {
            Vec::new()
        } else {
            vec![Segment::ltr(text)]
        };
    }
    let info = ParagraphBidiInfo::new(line, Some(level(base)));
    segments_of(&info, 0..line.len())
}

/// One line in display order as a single string for egui: left-to-right
/// text as it is, right-to-left words in logical order for the shaper,
/// [`SEPARATOR`] around them. A text with several lines (`\n`) is reordered
/// line by line, each line its own paragraph.
pub fn visual_line(line: &str, base: Direction) -> String {
    line.split('\n')
        .map(|part| join(&visual_segments(part, base)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The characters of one line in the order a reader sees them on screen,
/// left to right (grapheme clusters kept whole, brackets mirrored): the
/// reference visual order of UAX #9, for tests and comparisons. Not for
/// egui, which would reverse right-to-left words once more.
pub fn display_order(line: &str, base: Direction) -> String {
    VisualLine {
        segments: visual_segments(line, base),
        direction: base,
    }
    .display_order()
}

/// Breaks `text` into lines no wider than `width` (greedy, at the line
/// break opportunities of UAX #14, in logical order; a word wider than the
/// line is broken between grapheme clusters), then reorders each line.
/// `measure` gives the width of a piece of logical text. Each paragraph
/// (`\n`) has its own base direction, from its first strong character or
/// `fallback`.
pub fn wrap_visual(
    text: &str,
    fallback: Direction,
    width: f32,
    mut measure: impl FnMut(&str) -> f32,
) -> Vec<VisualLine> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let paragraph = paragraph.trim_end_matches('\r');
        let direction = base_direction(paragraph, fallback);
        let info = ParagraphBidiInfo::new(paragraph, Some(level(direction)));
        for range in break_lines(paragraph, width, &mut measure) {
            lines.push(VisualLine {
                segments: segments_of(&info, range),
                direction,
            });
        }
    }
    lines
}

/// Where a character of a visual line comes from (see [`wrap_visual_sources`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Source {
    /// The character's index (in chars, not bytes) in the whole text.
    pub index: usize,
    /// It is at a right-to-left embedding level: its caret-side edge (where
    /// the caret goes after it) is its left one.
    pub rtl: bool,
}

/// [`wrap_visual`], with, for each line, where each character of its
/// segments comes from in `text`, in the segments' order (their texts
/// joined: a right-to-left segment's characters in logical order).
/// Characters the lines leave out (explicit formatting characters, the
/// spaces at a line break, the `\n`s) have no source. The range is the
/// line's characters in `text` (its trimmed spaces left out).
pub fn wrap_visual_sources(
    text: &str,
    fallback: Direction,
    width: f32,
    mut measure: impl FnMut(&str) -> f32,
) -> Vec<(VisualLine, Vec<Source>, Range<usize>)> {
    let mut lines = Vec::new();
    let mut first_char = 0;
    for paragraph in text.split('\n') {
        let chars_in_paragraph = paragraph.chars().count();
        let paragraph = paragraph.trim_end_matches('\r');
        let direction = base_direction(paragraph, fallback);
        let info = ParagraphBidiInfo::new(paragraph, Some(level(direction)));
        for range in break_lines(paragraph, width, &mut measure) {
            let sources = sources_of(&info, range.clone(), first_char);
            let chars = first_char + paragraph[..range.start].chars().count()
                ..first_char + paragraph[..range.end].chars().count();
            lines.push((
                VisualLine {
                    segments: segments_of(&info, range),
                    direction,
                },
                sources,
                chars,
            ));
        }
        // The paragraph and its `\n`.
        first_char += chars_in_paragraph + 1;
    }
    lines
}

/// The sources of the characters [`segments_of`] gives for `line`, in the
/// same order (the same grouping: right-to-left words kept in logical
/// order, every other grapheme of a right-to-left run on its own, the run
/// reversed). `first_char`: the paragraph's first character in the text.
fn sources_of(info: &ParagraphBidiInfo<'_>, line: Range<usize>, first_char: usize) -> Vec<Source> {
    let mut out = Vec::new();
    if line.is_empty() {
        return out;
    }
    let text = info.text;
    let char_of = |byte: usize| first_char + text[..byte].chars().count();
    let (levels, runs) = info.visual_runs(line);
    for run in runs {
        let rtl_level = levels[run.start].is_rtl();
        // (a right-to-left word, its characters)
        let mut pieces: Vec<(bool, Vec<Source>)> = Vec::new();
        for (offset, grapheme) in text[run.clone()].grapheme_indices(true) {
            let start = run.start + offset;
            let chars: Vec<Source> = grapheme
                .char_indices()
                .filter(|(_, c)| !is_control(*c))
                .map(|(at, _)| Source {
                    index: char_of(start + at),
                    rtl: rtl_level,
                })
                .collect();
            if chars.is_empty() {
                continue;
            }
            let kept = without_controls(grapheme);
            let rtl = kept.chars().any(is_rtl_script);
            let joiner = kept.chars().all(is_joiner);
            match pieces.last_mut() {
                Some((true, last)) if rtl_level && (rtl || joiner) => last.extend(chars),
                _ => pieces.push((rtl, chars)),
            }
        }
        if rtl_level {
            pieces.reverse();
        }
        out.extend(pieces.into_iter().flat_map(|(_, chars)| chars));
    }
    out
}

/// One line of text for a widget that takes a plain string (a button):
/// in display order ([`visual_line`]) when it has right-to-left content,
/// as it is otherwise.
pub fn line_text(text: &str) -> String {
    if needs_bidi(text) {
        visual_line(text, base_direction(text, Direction::Ltr))
    } else {
        text.to_owned()
    }
}

fn level(direction: Direction) -> Level {
    match direction {
        Direction::Ltr => Level::ltr(),
        Direction::Rtl => Level::rtl(),
    }
}

fn join(segments: &[Segment]) -> String {
    let mut out = String::new();
    let mut previous_rtl = false;
    for (i, segment) in segments.iter().enumerate() {
        if i > 0 && (previous_rtl || segment.rtl) {
            out.push(SEPARATOR);
        }
        out.push_str(&segment.text);
        previous_rtl = segment.rtl;
    }
    out
}

/// The explicit formatting characters, dropped after reordering (UAX #9
/// X9 and the marks, which only steer the algorithm).
fn is_control(c: char) -> bool {
    matches!(
        c,
        '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

fn without_controls(text: &str) -> String {
    text.chars().filter(|&c| !is_control(c)).collect()
}

/// Whether harfrust shapes `c` right to left: a letter, mark or digit of a
/// right-to-left script, or any strong right-to-left character.
fn is_rtl_script(c: char) -> bool {
    if c.is_ascii() {
        return false;
    }
    let script = CodePointMapData::<Script>::new().get(c);
    [
        Script::Arabic,
        Script::Hebrew,
        Script::Syriac,
        Script::Thaana,
        Script::Nko,
        Script::Samaritan,
        Script::Mandaic,
        Script::Adlam,
        Script::HanifiRohingya,
        Script::Yezidi,
    ]
    .contains(&script)
        || matches!(bidi_class(c), BidiClass::R | BidiClass::AL)
}

/// Characters that join Arabic letters without being letters (tatweel,
/// zero-width joiner and non-joiner): kept in the right-to-left segment.
fn is_joiner(c: char) -> bool {
    matches!(c, '\u{0640}' | '\u{200C}' | '\u{200D}')
}

/// `grapheme` as a right-to-left run shows it: its first character
/// replaced by its mirror image when it has one (`(` → `)`, `«` → `»`).
fn mirrored(grapheme: &str) -> String {
    let mut chars = grapheme.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let mirroring = CodePointMapData::<BidiMirroringGlyph>::new().get(first);
    let first = match mirroring.mirroring_glyph {
        Some(mirror) if mirroring.mirrored => mirror,
        _ => first,
    };
    std::iter::once(first).chain(chars).collect()
}

/// The segments of `line` (a byte range of the paragraph) in display order.
fn segments_of(info: &ParagraphBidiInfo<'_>, line: Range<usize>) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    if line.is_empty() {
        return out;
    }
    let (levels, runs) = info.visual_runs(line);
    for run in runs {
        let text = &info.text[run.clone()];
        let pieces = if levels[run.start].is_rtl() {
            rtl_run(text)
        } else {
            ltr_run(text)
        };
        for piece in pieces {
            match out.last_mut() {
                // Display-order text next to display-order text: one segment.
                Some(last) if !last.rtl && !piece.rtl => last.text.push_str(&piece.text),
                _ => out.push(piece),
            }
        }
    }
    out
}

/// A run at a right-to-left level: right-to-left words kept whole in
/// logical order, everything else one grapheme at a time, mirrored; then
/// all of it reversed into display order.
fn rtl_run(text: &str) -> Vec<Segment> {
    let mut pieces: Vec<Segment> = Vec::new();
    for grapheme in text.graphemes(true) {
        let grapheme = without_controls(grapheme);
        if grapheme.is_empty() {
            continue;
        }
        let rtl = grapheme.chars().any(is_rtl_script);
        let joiner = grapheme.chars().all(is_joiner);
        match pieces.last_mut() {
            Some(last) if last.rtl && (rtl || joiner) => last.text.push_str(&grapheme),
            _ if rtl => pieces.push(Segment::rtl(grapheme)),
            _ => pieces.push(Segment::ltr(mirrored(&grapheme))),
        }
    }
    pieces.reverse();
    pieces
}

/// A run at a left-to-right level: as it is, except that a grapheme of a
/// right-to-left script (an Arabic-Indic digit) is set apart, so the shaper
/// does not reverse a number.
fn ltr_run(text: &str) -> Vec<Segment> {
    let mut pieces: Vec<Segment> = Vec::new();
    for grapheme in text.graphemes(true) {
        let grapheme = without_controls(grapheme);
        if grapheme.is_empty() {
            continue;
        }
        if grapheme.chars().any(is_rtl_script) {
            pieces.push(Segment::rtl(grapheme));
            continue;
        }
        match pieces.last_mut() {
            Some(last) if !last.rtl => last.text.push_str(&grapheme),
            _ => pieces.push(Segment::ltr(grapheme)),
        }
    }
    pieces
}

/// Byte ranges of the lines of `paragraph`, greedily filled up to `width`,
/// trailing spaces left out.
fn break_lines(
    paragraph: &str,
    width: f32,
    measure: &mut impl FnMut(&str) -> f32,
) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut last_fit: Option<usize> = None;
    let trimmed_end = |start: usize, end: usize| start + paragraph[start..end].trim_end().len();
    for (opportunity, _) in unicode_linebreak::linebreaks(paragraph) {
        if opportunity <= start {
            continue;
        }
        loop {
            let end = trimmed_end(start, opportunity);
            if end == start || measure(&paragraph[start..end]) <= width {
                last_fit = Some(opportunity);
                break;
            }
            if let Some(fit) = last_fit.take() {
                lines.push(start..trimmed_end(start, fit));
                start = fit;
                continue;
            }
            // One word wider than the line: cut it between graphemes.
            let cut = widest_fit(paragraph, start, end, width, measure);
            if cut >= end {
                last_fit = Some(opportunity);
                break;
            }
            lines.push(start..cut);
            start = cut;
        }
    }
    let end = trimmed_end(start, paragraph.len());
    if end > start || lines.is_empty() {
        lines.push(start..end);
    }
    lines
}

/// The end of the longest run of whole graphemes from `start` that fits in
/// `width` (at least one grapheme).
fn widest_fit(
    text: &str,
    start: usize,
    end: usize,
    width: f32,
    measure: &mut impl FnMut(&str) -> f32,
) -> usize {
    let mut fit = None;
    for (offset, grapheme) in text[start..end].grapheme_indices(true) {
        let next = start + offset + grapheme.len();
        if fit.is_some() && measure(&text[start..next]) > width {
            break;
        }
        fit = Some(next);
    }
    fit.unwrap_or(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    const RTL: Direction = Direction::Rtl;
    const LTR: Direction = Direction::Ltr;

    fn segments(line: &str, base: Direction) -> Vec<(&'static str, String)> {
        visual_segments(line, base)
            .into_iter()
            .map(|s| (if s.rtl { "rtl" } else { "ltr" }, s.text))
            .collect()
    }

    fn seg(kind: &'static str, text: &str) -> (&'static str, String) {
        (kind, text.to_owned())
    }

    #[test]
    fn the_first_strong_character_decides() {
        assert_eq!(base_direction("مرحبا Coca-Cola", LTR), RTL);
        assert_eq!(base_direction("Coca-Cola مرحبا", RTL), LTR);
        assert_eq!(base_direction("  123 – ?", RTL), RTL);
        assert_eq!(base_direction("  123 – ?", LTR), LTR);
        assert_eq!(base_direction("\"שלום\"", LTR), RTL);
        // Text inside an isolate does not count.
        assert_eq!(base_direction("\u{2068}Coca\u{2069} مرحبا", LTR), RTL);
    }

    #[test]
    fn plain_left_to_right_text_is_untouched() {
        assert_eq!(
            visual_line("Hello, world (again)!", LTR),
            "Hello, world (again)!"
        );
        assert_eq!(display_order("50% done", LTR), "50% done");
    }

    #[test]
    fn arabic_words_are_reordered_but_each_stays_in_logical_order() {
        // "أهلا بكم" (welcome): two words, right to left.
        let line = "أهلا بكم";
        assert_eq!(
            segments(line, RTL),
            vec![seg("rtl", "بكم"), seg("ltr", " "), seg("rtl", "أهلا")]
        );
        assert_eq!(visual_line(line, RTL), "بكم\u{2060} \u{2060}أهلا");
        assert_eq!(display_order(line, RTL), "مكب الهأ");
    }

    #[test]
    fn mixed_arabic_brand_name_number_and_arabic_question_mark() {
        // "Do you like Coca-Cola 330 ml?" with the Arabic question mark.
        let line = "هل تحب Coca-Cola 330 مل؟";
        assert_eq!(base_direction(line, LTR), RTL);
        assert_eq!(
            segments(line, RTL),
            vec![
                // "؟" is a strong Arabic character: shaped with its word.
                seg("rtl", "مل؟"),
                seg("ltr", " Coca-Cola 330 "),
                seg("rtl", "تحب"),
                seg("ltr", " "),
                seg("rtl", "هل"),
            ]
        );
        assert_eq!(display_order(line, RTL), "؟لم Coca-Cola 330 بحت له");
    }

    #[test]
    fn latin_question_mark_and_numbers_in_arabic() {
        // "Rate from 1 to 10?" — the "?" ends the sentence on the left.
        let line = "قيّم من 1 إلى 10?";
        assert_eq!(display_order(line, RTL), "?10 ىلإ 1 نم ميّق");
    }

    #[test]
    fn hebrew_with_a_latin_name_and_a_number() {
        // "I bought 2 iPhone 15 devices" (Hebrew).
        let line = "קניתי 2 מכשירי iPhone 15.";
        assert_eq!(base_direction(line, LTR), RTL);
        assert_eq!(display_order(line, RTL), ".iPhone 15 ירישכמ 2 יתינק");
        // Points stay on their letters: "שָׁלוֹם עולם" (shalom olam).
        let shin = "\u{05E9}\u{05B8}\u{05C1}";
        let vav = "\u{05D5}\u{05B9}";
        let pointed = format!("{shin}\u{05DC}{vav}\u{05DD} עולם");
        let order = display_order(&pointed, RTL);
        assert_eq!(order, format!("םלוע \u{05DD}{vav}\u{05DC}{shin}"));
    }

    #[test]
    fn brackets_are_mirrored_in_right_to_left_runs() {
        // "(Arabic) text": the brackets face the right way.
        let line = "السعر (ريال)";
        assert_eq!(display_order(line, RTL), "(لاير) رعسلا");
    }

    #[test]
    fn a_right_to_left_phrase_inside_english() {
        let line = "The word שלום עולם means hello world.";
        assert_eq!(base_direction(line, RTL), LTR);
        assert_eq!(
            display_order(line, LTR),
            "The word םלוע םולש means hello world."
        );
        assert_eq!(
            visual_line(line, LTR),
            "The word \u{2060}עולם\u{2060} \u{2060}שלום\u{2060} means hello world."
        );
    }

    #[test]
    fn arabic_indic_digits_keep_their_order() {
        // "١٢٣" (123) in Arabic text is a number: left to right.
        let line = "الرقم ١٢٣";
        assert_eq!(display_order(line, RTL), "١٢٣ مقرلا");
        let segments = visual_segments(line, RTL);
        assert_eq!(segments[0], Segment::rtl("١"));
        assert_eq!(segments[2], Segment::rtl("٣"));
    }

    #[test]
    fn fluent_isolates_are_honoured_then_dropped() {
        // Fluent puts an argument in FSI…PDI: a Latin name inside Arabic.
        let line = "يُرجى توضيح «\u{2068}Other, please say\u{2069}».";
        let order = display_order(line, RTL);
        assert!(!order.contains(['\u{2068}', '\u{2069}']));
        assert_eq!(order, ".«Other, please say» حيضوت ىجريُ");
    }

    #[test]
    fn agrees_with_unicode_bidi_reorder_line() {
        for line in [
            "هل تحب Coca-Cola 330 مل؟",
            "קניתי 2 מכשירי iPhone 15.",
            "abc אבג def",
            "1 2 3 ابت",
            "Price: 12.50 ريال, OK?",
        ] {
            for base in [LTR, RTL] {
                let info = ParagraphBidiInfo::new(line, Some(level(base)));
                let reference: String = info.reorder_line(0..line.len()).into_owned();
                assert_eq!(display_order(line, base), reference, "{line:?} {base:?}");
            }
        }
    }

    #[test]
    fn lines_break_in_logical_order_then_reorder() {
        // Every character 1 unit wide, lines of 9.
        let measure = |s: &str| s.chars().count() as f32;
        let text = "هذا نص عربي طويل يلتف";
        let lines = wrap_visual(text, LTR, 11.0, measure);
        let shown: Vec<String> = lines.iter().map(VisualLine::display_order).collect();
        assert_eq!(shown, vec!["يبرع صن اذه", "فتلي ليوط"]);
        assert!(lines.iter().all(|l| l.direction == RTL));
    }

    #[test]
    fn a_word_wider_than_the_line_is_cut_between_graphemes() {
        let measure = |s: &str| s.chars().count() as f32;
        let lines = wrap_visual("abcdefghij kl", LTR, 4.0, measure);
        let shown: Vec<String> = lines.iter().map(VisualLine::text).collect();
        assert_eq!(shown, vec!["abcd", "efgh", "ij", "kl"]);
    }

    #[test]
    fn each_paragraph_has_its_own_direction() {
        let measure = |s: &str| s.chars().count() as f32;
        let lines = wrap_visual("Hello\nשלום עולם", LTR, 100.0, measure);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].direction, LTR);
        assert_eq!(lines[1].direction, RTL);
        assert_eq!(lines[1].display_order(), "םלוע םולש");
    }

    #[test]
    fn empty_text() {
        assert_eq!(visual_line("", RTL), "");
        let lines = wrap_visual("", RTL, 10.0, |_| 0.0);
        assert_eq!(lines.len(), 1);
        assert!(lines[0].segments.is_empty());
    }
}
