//! The question widgets: one function draws a question with its inputs and
//! edits the respondent's [`Answer`] in place.
//!
//! Every size comes from the current style and [`TOUCH_HEIGHT`]; every colour
//! from `ui.visuals()`, so the app's theme (and a high-contrast one) applies.
//! Widget ids derive from `("q", question.id, index)`: two questions never
//! collide, and clearing egui memory forgets search texts, open popups and
//! text undo history.

mod choice;
mod common;
mod date;
mod matrix;
mod rank;
mod sum;
mod text;

pub(crate) use common::{error_note, note_slot};

use egui::text::LayoutJob;
use egui::{Id, Label, TextFormat, Ui, UiBuilder};

use crate::survey::html::{Emphasis, Style};
use crate::survey::{Answer, PairMut, Question, QuestionKind};

/// Minimum height of every tappable row or button (points).
pub const TOUCH_HEIGHT: f32 = 52.0;

/// What a widget family needs to know about the question it draws.
pub(crate) struct Ctx {
    /// The root of every id of this question.
    pub id: Id,
    /// The question's title label: the accessible name of inputs that have
    /// no label of their own.
    pub title: Id,
}

/// Draws question `index` (its 0-based position on the page, which keeps its
/// widget ids apart; shown as `number` when the question takes an answer)
/// with its text, required mark, input widgets and
/// `problem`, a validation message shown under the question in the error
/// colour. Returns true when the respondent changed the answer this frame.
/// `narrow`: the window is narrow (matrices stack their rows).
pub fn question_ui(
    ui: &mut Ui,
    index: usize,
    number: usize,
    question: &Question,
    answer: &mut Answer,
    problem: Option<&crate::i18n::Words>,
    narrow: bool,
) -> bool {
    let id = Id::unique(("q", question.id, index));
    ui.scope_builder(UiBuilder::new().id_salt(id), |ui| {
        let title = title_ui(ui, number, question);
        let cx = Ctx { id, title };
        // A question that takes an answer keeps a line for its message, so
        // a message appearing never moves the answers under the finger.
        let problem = problem
            .map(|p| crate::ui::words(ui.ctx()).say(p))
            .filter(|p| !p.trim().is_empty());
        let problem = problem.as_deref();
        if question.takes_answer() {
            common::note_slot(ui, |ui| {
                if let Some(problem) = problem {
                    common::error_note(ui, problem);
                }
            });
        } else if let Some(problem) = problem {
            common::error_note(ui, problem);
        }
        ui.add_space(ui.spacing().item_spacing.y);
        match question.pair_mut(answer) {
            PairMut::Single {
                choices,
                choice,
                other_text,
            } => choice::single_ui(ui, &cx, choices, choice, other_text),
            PairMut::Multiple {
                choices,
                min_select,
                max_select,
                chosen,
                other_text,
            } => choice::multiple_ui(ui, &cx, choices, min_select, max_select, chosen, other_text),
            PairMut::Text { fields, values } => text::text_ui(ui, &cx, fields, values),
            PairMut::Rank { items, ranks } => rank::rank_ui(ui, &cx, items, ranks),
            PairMut::Sum {
                items,
                total,
                values,
            } => sum::sum_ui(ui, &cx, items, total, values),
            PairMut::Date {
                fields,
                format,
                values,
            } => date::date_ui(ui, &cx, fields, format, values),
            PairMut::Matrix {
                rows,
                columns,
                multiple,
                chosen,
            } => matrix::matrix_ui(ui, &cx, rows, columns, multiple, narrow, chosen),
            PairMut::Nothing if matches!(question.kind, QuestionKind::Unsupported { .. }) => {
                common::hint(
                    ui,
                    &crate::i18n::fl!(crate::ui::words(ui.ctx()), "question-unsupported"),
                );
                false
            }
            PairMut::Nothing => false,
        }
    })
    .inner
}

/// The question's number, text and required mark (descriptive text: its
/// paragraphs, larger). Returns the id of the title label.
fn title_ui(ui: &mut Ui, number: usize, question: &Question) -> Id {
    let strong = ui.visuals().strong_text_color();
    let error = ui.visuals().error_fg_color;
    if question.kind == QuestionKind::Descriptive {
        let font = common::scaled_body_font(ui, 1.1);
        let color = strong;
        let mut first = None;
        for paragraph in paragraphs(&question.text) {
            let response = if crate::ui::bidi::needs_bidi(paragraph) {
                crate::ui::bidi::bidi_text(ui, paragraph, words_direction(ui), &font, color)
            } else {
                let mut job = LayoutJob::default();
                let emphasis = emphasis_within(&question.text, paragraph, &question.emphasis);
                append_styled(ui, &mut job, paragraph, &emphasis, &font, color);
                ui.add(Label::new(job).wrap())
            };
            first.get_or_insert(response.id);
            ui.add_space(font.size * 0.5);
        }
        return first.unwrap_or_else(|| ui.scope_id());
    }
    let font = common::scaled_body_font(ui, 1.15);
    let mut job = LayoutJob::default();
    let text = question.text.trim();
    // Only questions that take an answer are numbered (0: not numbered,
    // e.g. the attract screen's question).
    let number = if question.takes_answer() && number > 0 {
        format!("{number}. ")
    } else {
        String::new()
    };
    let title = format!("{number}{text}");
    if crate::ui::bidi::needs_bidi(&title) {
        // Right-to-left (or mixed) text: the number and the required mark
        // where its reader expects them, lines in visual order.
        let title = if question.required {
            format!("{title} *")
        } else {
            title
        };
        return crate::ui::bidi::bidi_text(ui, &title, words_direction(ui), &font, strong).id;
    }
    if !number.is_empty() {
        job.append(&number, 0.0, TextFormat::simple(font.clone(), strong));
    }
    let emphasis = emphasis_within(&question.text, text, &question.emphasis);
    append_styled(ui, &mut job, text, &emphasis, &font, strong);
    if question.required {
        job.append(" *", 0.0, TextFormat::simple(font, error));
    }
    ui.add(Label::new(job).wrap()).id
}

/// The emphasis of `whole` that falls within `part` (a slice of `whole`),
/// with ranges relative to `part`.
fn emphasis_within(whole: &str, part: &str, emphasis: &[Emphasis]) -> Vec<Emphasis> {
    let start = (part.as_ptr() as usize).saturating_sub(whole.as_ptr() as usize);
    let end = start + part.len();
    if end > whole.len() {
        return Vec::new();
    }
    emphasis
        .iter()
        .filter(|e| e.range.start < end && e.range.end > start)
        .map(|e| Emphasis {
            range: e.range.start.max(start) - start..e.range.end.min(end) - start,
            style: e.style,
        })
        .collect()
}

/// Appends `text` to `job` with its emphasis kept: italic text slanted,
/// bold text in the bold font (in the strong colour on the frame or two
/// before that font is installed).
fn append_styled(
    ui: &Ui,
    job: &mut LayoutJob,
    text: &str,
    emphasis: &[Emphasis],
    font: &egui::FontId,
    color: egui::Color32,
) {
    let plain = TextFormat::simple(font.clone(), color);
    let styled = |style: Style| {
        let mut format = plain.clone();
        format.italics = style.emphasis;
        if style.strong {
            match crate::ui::fonts::bold(ui.ctx()) {
                Some(family) => format.font_id.family = family,
                None => format.color = ui.visuals().strong_text_color(),
            }
        }
        format
    };
    let mut append = |text: &str, format: TextFormat| {
        if !text.is_empty() {
            job.append(text, 0.0, format);
        }
    };
    let mut at = 0;
    for span in emphasis {
        let (Some(before), Some(inside)) =
            (text.get(at..span.range.start), text.get(span.range.clone()))
        else {
            continue;
        };
        append(before, plain.clone());
        append(inside, styled(span.style));
        at = span.range.end;
    }
    append(text.get(at..).unwrap_or_default(), plain);
}

/// The direction of the kiosk's words, for text with no strong character.
fn words_direction(ui: &Ui) -> crate::ui::bidi::Direction {
    crate::ui::words(ui.ctx()).direction()
}

/// Paragraphs split at blank lines, trimmed, empty ones dropped.
fn paragraphs(text: &str) -> impl Iterator<Item = &str> {
    text.split("\n\n").map(str::trim).filter(|p| !p.is_empty())
}
