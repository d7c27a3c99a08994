//! One function per screen. Each draws the kiosk's state and returns the
//! actions the respondent took; none of them changes state itself.

use std::time::{Duration, Instant};

use egui::{Align, Layout, RichText, Sense, Ui};

use crate::config::Config;
use crate::i18n::{Tr, fl};
use crate::kiosk::{Action, EndKind, EndScreen, Kiosk, PageScreen, Screen};

use super::theme;
use super::widgets::{TOUCH_HEIGHT, error_note, question_ui};

/// Widest a column of questions gets, in points: lines stay readable.
pub(super) const PAGE_WIDTH: f32 = 920.0;
/// Kept clear at each side of a column in a window narrower than
/// `PAGE_WIDTH` (with the panel's own margin of 8: the header's 24), so
/// that text and answers do not run to the screen's edge (portrait).
const SIDE_MARGIN: f32 = 16.0;

/// The width of a column of questions or words in `available` points:
/// `PAGE_WIDTH` at most, in the middle, a margin at each side.
pub(super) fn column_width(available: f32) -> f32 {
    PAGE_WIDTH.min((available - 2.0 * SIDE_MARGIN).max(available * 0.8))
}

/// Below this window width, matrices stack their rows.
pub(super) const NARROW: f32 = 700.0;

/// Whether the screen shows a countdown that must tick every second.
pub fn shows_countdown(screen: &Screen) -> bool {
    match screen {
        Screen::Ending(_) => true,
        Screen::Page(page) => page.idle_deadline.is_some() || page.busy.is_some(),
        _ => false,
    }
}

/// The whole seconds a countdown shows with `remaining` left (rounded up:
/// "1 s" until the very end).
pub fn seconds_shown(remaining: Duration) -> u64 {
    remaining.as_secs() + u64::from(remaining.subsec_nanos() > 0)
}

/// How long until a countdown showing `remaining` (see [`seconds_shown`])
/// shows the next number: one repaint a second, no more.
pub fn until_next_second(remaining: Duration) -> Duration {
    let fraction = remaining.subsec_nanos();
    let step = if fraction == 0 {
        Duration::from_secs(1)
    } else {
        Duration::from_nanos(u64::from(fraction))
    };
    // A little late rather than early: an early wake would draw the same
    // number again and then wake once more.
    step + Duration::from_millis(2)
}

/// `notice` is for the operator (e.g. the journal cannot be written); it
/// shows small at the foot of the attract screen, never on a survey page.
pub fn draw(
    ui: &mut Ui,
    kiosk: &Kiosk,
    config: &Config,
    notice: Option<&str>,
    logo: Option<&egui::TextureHandle>,
    first_question: Option<&crate::survey::Question>,
    now: Instant,
) -> Vec<Action> {
    let mut actions = Vec::new();
    let tr = super::words(ui.ctx());
    match kiosk.screen() {
        Screen::Attract { offline } => {
            if let Some(notice) = notice {
                egui::Panel::bottom("operator-notice")
                    .frame(bar_frame())
                    .show(ui, |ui| {
                        super::bidi::label(
                            ui,
                            RichText::new(fl!(tr, "attract-operator-note", note = notice))
                                .small()
                                .color(ui.visuals().warn_fg_color),
                        );
                    });
            }
            let look = super::attract::Attract {
                logo,
                offline: offline.is_some(),
                first_question,
            };
            super::attract::attract(ui, config, &look, &tr, &mut actions);
        }
        Screen::Starting { .. } => centered(ui, |ui| {
            ui.add(egui::Spinner::new().size(64.0));
            super::bidi::label(ui, RichText::new(fl!(tr, "loading-survey")).heading());
        }),
        Screen::Page(page) => survey_page(ui, page, config, now, &tr, &mut actions),
        Screen::Ending(end) => ending(ui, end, config, now, &tr, &mut actions),
        Screen::OutOfService(_) => centered(ui, |ui| {
            super::bidi::label(
                ui,
                RichText::new(fl!(tr, "out-of-service-title")).text_style(theme::title()),
            );
            ui.add_space(16.0);
            super::bidi::label(ui, fl!(tr, "out-of-service-text"));
        }),
    }
    actions
}

/// A full-window panel with its content centred.
fn centered(ui: &mut Ui, content: impl FnOnce(&mut Ui)) {
    centered_sized(ui, None, content);
}

/// As [`centered`]; on a portrait screen, content of about `height`
/// points (measured before it is drawn, so the first frame is already
/// right) stands in the middle of the screen, not in its top third.
pub(super) fn centered_sized(ui: &mut Ui, height: Option<f32>, content: impl FnOnce(&mut Ui)) {
    egui::CentralPanel::default()
        .frame(theme::panel_frame(ui.style()))
        .show(ui, |ui| {
            let available = ui.available_size();
            let top = match height {
                // A little above the middle, where the eye goes first.
                Some(content) if available.y > available.x * 1.1 => (available.y - content) * 0.45,
                _ => available.y * 0.2,
            };
            ui.vertical_centered(|ui| {
                ui.add_space(top.max(24.0));
                ui.set_max_width(column_width(ui.available_width()));
                content(ui);
            });
        });
}

pub(super) fn big_button(ui: &mut Ui, text: &str, enabled: bool) -> egui::Response {
    let button = primary(ui, text).min_size(egui::vec2(320.0, TOUCH_HEIGHT * 1.6));
    ui.add_enabled(enabled, button)
}

/// The button that moves the respondent on: filled with the accent colour.
fn primary<'a>(ui: &Ui, text: &str) -> egui::Button<'a> {
    let selection = ui.visuals().selection;
    egui::Button::new(
        RichText::new(super::bidi::line_text(text))
            .heading()
            .color(selection.stroke.color),
    )
    .fill(selection.bg_fill)
}

/// Padding of the top and bottom bars of a survey page.
fn bar_frame() -> egui::Frame {
    bar_frame_sized(false)
}

/// The same, thinner on a short screen (`compact`).
pub(super) fn bar_frame_sized(compact: bool) -> egui::Frame {
    let vertical = if compact { 4 } else { 10 };
    // No fill: the window is cleared to the panel colour (theme::panel_frame).
    egui::Frame::new().inner_margin(egui::Margin::symmetric(24, vertical))
}

/// Below this height (the window's, less the on-screen keyboard's when it
/// is up), a page's header is one line and its bars are thinner: the
/// questions keep room (a 1024×600 screen with the keyboard up).
const SHORT: f32 = 700.0;

fn survey_page(
    ui: &mut Ui,
    page: &PageScreen,
    config: &Config,
    now: Instant,
    tr: &Tr,
    actions: &mut Vec<Action>,
) {
    let title = if config.title == Config::default().title {
        fl!(tr, "attract-title")
    } else {
        config.title.clone()
    };
    // The keyboard, when up, has taken its panel already.
    let compact = ui.available_height() < SHORT;
    super::progress::progress_panel(ui, page, title, tr, compact);
    // Back and Next stand in a bar at the bottom, but are drawn after the
    // questions, so Tab follows reading order (the questions, then Back and
    // Next): the bar's panel is laid out first, empty, to keep the questions
    // off its space, and the buttons are put into it at the end.
    let nav_rect = egui::Panel::bottom("navigation")
        .frame(bar_frame_sized(compact))
        .show(ui, |ui| {
            let size = egui::vec2(ui.available_width(), TOUCH_HEIGHT);
            ui.allocate_exact_size(size, egui::Sense::hover()).0
        })
        .inner;
    egui::CentralPanel::default()
        .frame(theme::panel_frame(ui.style()))
        .show(ui, |ui| page_body(ui, page, actions));
    let mut bar = ui.new_child(
        egui::UiBuilder::new()
            .id_salt("navigation-buttons")
            .max_rect(nav_rect)
            .layout(Layout::top_down(Align::Min)),
    );
    navigation(&mut bar, page, tr, actions);
    if let Some(deadline) = page.idle_deadline {
        idle_overlay(ui, deadline, now, tr, actions);
    }
}

/// The page's questions in a scroll area, a column no wider than
/// `PAGE_WIDTH` in the middle.
fn page_body(ui: &mut Ui, page: &PageScreen, actions: &mut Vec<Action>) {
    let narrow = ui.available_width() < NARROW;
    // A new page gets a new scroll area: it opens at the top.
    // Swipe to scroll from anywhere on the page, also on touch panels that
    // report as a mouse. Jumps, not glides, to a field or an error: a
    // glide on slow frames fights the finger that comes next.
    let area = egui::ScrollArea::vertical()
        .animated(false)
        .auto_shrink([false, false]);
    // The column stands where it would with the scroll bar shown, shown or
    // not: a page that becomes scrollable (the keyboard comes up, an
    // "Other" field opens) must not move its answers under the finger.
    let outer = ui.available_width();
    let bar = ui.spacing().scroll.allocated_width();
    super::swipe::show(ui, area, ("page", page.serial), |ui| {
        page_keys(ui);
        let taken = outer - ui.available_width();
        if taken < bar {
            ui.set_max_width(ui.available_width() - (bar - taken));
        }
        ui.vertical_centered(|ui| {
            ui.set_max_width(column_width(ui.available_width()));
            ui.with_layout(Layout::top_down(Align::Min), |ui| {
                questions(ui, page, narrow, actions);
                ui.add_space(24.0);
            });
        });
        tab_into_view(ui);
    });
}

/// Page Up / Page Down scroll a screenful (keyboard-only use).
fn page_keys(ui: &mut Ui) {
    let screenful = ui.clip_rect().height() * 0.9;
    let (up, down) = ui.input(|i| {
        (
            i.key_pressed(egui::Key::PageUp),
            i.key_pressed(egui::Key::PageDown),
        )
    });
    if up || down {
        let delta = if down { -screenful } else { screenful };
        ui.scroll_with_delta(egui::vec2(0.0, delta));
    }
}

/// The page's messages, then its questions (numbered if they take an
/// answer), disabled while the page is busy: what was answered, and that
/// the question to show was scrolled to, go into `actions`.
fn questions(ui: &mut Ui, page: &PageScreen, narrow: bool, actions: &mut Vec<Action>) {
    let busy = page.busy.is_some();
    for message in &page.page_messages {
        error_note(ui, message);
    }
    if page.question.is_some() {
        // One question at a time: large.
        // Whole points, so every widget still sits on the pixel grid.
        let style = ui.style_mut();
        for font in style.text_styles.values_mut() {
            font.size = (font.size * 1.25).round();
        }
        style.spacing.interact_size = (style.spacing.interact_size * 1.2).round();
        style.spacing.item_spacing = (style.spacing.item_spacing * 1.2).round();
    }
    let mut number = 0;
    for (index, question) in page.questions.iter().enumerate() {
        if question.takes_answer() {
            number += 1;
        }
        if page.question.is_some_and(|at| at != index) {
            continue;
        }
        ui.add_space(10.0);
        let mut answer = page.answers[index].clone();
        let shown = ui.add_enabled_ui(!busy, |ui| {
            question_ui(
                ui,
                index,
                number,
                question,
                &mut answer,
                page.problems[index].as_ref(),
                narrow,
            )
        });
        if shown.inner {
            actions.push(Action::Answered { index, answer });
        }
        if page.scroll_to == Some(index) {
            shown.response.scroll_to_me(Some(Align::TOP));
            actions.push(Action::Scrolled);
        }
        ui.add_space(10.0);
        if page.question.is_some() {
            if page.advance_at.is_some() {
                // The visible confirmation before the next question comes.
                let tr = crate::ui::words(ui.ctx());
                super::bidi::label(
                    ui,
                    RichText::new(fl!(tr, "question-advancing"))
                        .color(ui.visuals().weak_text_color()),
                );
            }
        } else {
            ui.separator();
        }
    }
}

/// Keyboard use: the control Tab (or Shift+Tab) just moved the focus to is
/// scrolled into view. Called at the end of a scroll area's content: the
/// focus has moved by then if it moved to a control inside the area (egui
/// hands it over as the controls are laid out).
pub(crate) fn tab_into_view(ui: &Ui) {
    let ctx = ui.ctx();
    if !ui.input(|i| i.key_pressed(egui::Key::Tab)) {
        return;
    }
    let focused = ctx
        .memory(|m| m.focused())
        .and_then(|id| ctx.read_response(id));
    if let Some(response) = focused.filter(egui::Response::gained_focus) {
        response.scroll_to_me(None);
    }
}

fn navigation(ui: &mut Ui, page: &PageScreen, tr: &Tr, actions: &mut Vec<Action>) {
    let busy = page.busy.as_ref();
    // Right to left: Next on the left, Back on the right.
    let rtl = tr.direction().is_rtl();
    let end = if rtl {
        Layout::left_to_right(Align::Center)
    } else {
        Layout::right_to_left(Align::Center)
    };
    row(ui, rtl, |ui| {
        let size = egui::vec2(180.0, TOUCH_HEIGHT);
        if page.can_go_back || page.question.unwrap_or(0) > 0 {
            let back = egui::Button::new(
                RichText::new(super::bidi::line_text(&fl!(tr, "nav-back"))).heading(),
            )
            .min_size(size);
            if ui.add_enabled(busy.is_none(), back).clicked() {
                actions.push(Action::Back);
            }
        }
        ui.with_layout(end, |ui| {
            let last_question = page
                .question
                .is_none_or(|at| at + 1 >= page.questions.len());
            let label = if page.is_final_page && last_question {
                fl!(tr, "nav-submit")
            } else {
                fl!(tr, "nav-next")
            };
            let next = primary(ui, &label).min_size(size);
            if ui.add_enabled(busy.is_none(), next).clicked() {
                actions.push(Action::Next);
            }
            if let Some(busy) = busy {
                ui.add(egui::Spinner::new().size(32.0));
                if busy.still_trying {
                    if ui
                        .button(super::bidi::line_text(&fl!(tr, "nav-stop-here")))
                        .clicked()
                    {
                        actions.push(Action::GiveUp);
                    }
                    if ui
                        .button(super::bidi::line_text(&fl!(tr, "nav-keep-waiting")))
                        .clicked()
                    {
                        actions.push(Action::Activity);
                    }
                    super::bidi::label(ui, fl!(tr, "page-still-trying"));
                } else if busy.body.is_some() {
                    super::bidi::label(ui, fl!(tr, "page-saving"));
                } else {
                    super::bidi::label(ui, fl!(tr, "page-loading"));
                }
            } else if page.problems.iter().any(Option::is_some) {
                super::bidi::label(
                    ui,
                    RichText::new(fl!(tr, "page-check-highlighted"))
                        .color(ui.visuals().error_fg_color),
                );
            }
        });
    });
}

fn idle_overlay(ui: &mut Ui, deadline: Instant, now: Instant, tr: &Tr, actions: &mut Vec<Action>) {
    let seconds = seconds_shown(deadline.saturating_duration_since(now));
    let frame = egui::Frame::popup(ui.style()).inner_margin(egui::Margin::same(28));
    let id = egui::Id::unique("idle-warning");
    // No fade-in: on a software renderer each animated frame is a whole
    // window's repaint, and the warning must appear at once anyway.
    egui::Modal::new(id)
        .area(egui::Modal::default_area(id).fade_in(false))
        .frame(frame)
        .show(ui.ctx(), |ui| {
            ui.set_width(480.0);
            ui.vertical_centered(|ui| {
                super::bidi::label(
                    ui,
                    RichText::new(fl!(tr, "idle-title"))
                        .text_style(theme::title())
                        .strong(),
                );
                ui.add_space(8.0);
                super::bidi::label(ui, fl!(tr, "idle-countdown", seconds = seconds));
                ui.add_space(16.0);
                if big_button(ui, &fl!(tr, "idle-still-here"), true).clicked() {
                    actions.push(Action::Activity);
                }
            });
        });
}

fn ending(
    ui: &mut Ui,
    end: &EndScreen,
    config: &Config,
    now: Instant,
    tr: &Tr,
    actions: &mut Vec<Action>,
) {
    let qr = end
        .redirect_url
        .as_deref()
        .filter(|_| config.show_redirect_qr)
        .and_then(|url| qrcode::QrCode::new(url.as_bytes()).ok());
    let (heading, text) = end_words(end.kind, tr);
    let seconds = seconds_shown(end.until.saturating_duration_since(now));
    let panel = egui::CentralPanel::default()
        .frame(theme::panel_frame(ui.style()))
        .show(ui, |ui| {
            let height = ui.available_height();
            // On a portrait screen the words stand about the middle, where
            // the attract screen's stood (not in its upper quarter).
            let portrait = height > ui.available_width() * 1.1;
            ui.vertical_centered(|ui| {
                let top = match (qr.is_some(), portrait) {
                    (true, _) => 0.08,
                    (false, true) => 0.42,
                    (false, false) => 0.28,
                };
                ui.add_space((height * top).max(24.0));
                ui.set_max_width(column_width(ui.available_width()));
                super::bidi::label(
                    ui,
                    RichText::new(heading).text_style(theme::title()).strong(),
                );
                ui.add_space(16.0);
                super::bidi::label(ui, RichText::new(text).heading());
                if let Some(code) = &qr {
                    ui.add_space(20.0);
                    qr_code(
                        ui,
                        code,
                        (height * 0.3).clamp(160.0, 320.0),
                        &fl!(tr, "end-qr-code"),
                    );
                    super::bidi::label(ui, fl!(tr, "end-scan"));
                }
                ui.add_space(32.0);
                let done = big_button(ui, &fl!(tr, "end-done"), true).clicked();
                ui.add_space(12.0);
                super::bidi::label(
                    ui,
                    RichText::new(fl!(tr, "end-countdown", seconds = seconds)).weak(),
                );
                done
            })
            .inner
        });
    // A tap anywhere returns at once.
    let anywhere = ui.interact(
        panel.response.rect,
        ui.scope_id().with("end-screen-tap"),
        Sense::click(),
    );
    if panel.inner || anywhere.clicked() {
        actions.push(Action::Dismiss);
    }
}

/// A row like `ui.horizontal`, laid out from the right in a right-to-left
/// language.
pub(super) fn row<R>(ui: &mut Ui, rtl: bool, content: impl FnOnce(&mut Ui) -> R) -> R {
    let layout = if rtl {
        Layout::right_to_left(Align::Center)
    } else {
        Layout::left_to_right(Align::Center)
    };
    let size = egui::vec2(ui.available_width(), ui.spacing().interact_size.y);
    ui.allocate_ui_with_layout(size, layout, content).inner
}

/// An end screen's heading and text in the respondent's language.
fn end_words(kind: EndKind, tr: &Tr) -> (String, String) {
    match kind {
        EndKind::Thanks => (fl!(tr, "end-thanks-title"), fl!(tr, "end-thanks-text")),
        EndKind::ScreenedOut => (
            fl!(tr, "end-screened-out-title"),
            fl!(tr, "end-screened-out-text"),
        ),
        EndKind::QuotaFull => (
            fl!(tr, "end-quota-full-title"),
            fl!(tr, "end-quota-full-text"),
        ),
        EndKind::OptedOut => (
            fl!(tr, "end-opted-out-title"),
            fl!(tr, "end-opted-out-text"),
        ),
        EndKind::AlreadyDone => (
            fl!(tr, "end-already-done-title"),
            fl!(tr, "end-already-done-text"),
        ),
        EndKind::Redirected => (
            fl!(tr, "end-redirected-title"),
            fl!(tr, "end-redirected-text"),
        ),
        EndKind::Interrupted => (
            fl!(tr, "end-interrupted-title"),
            fl!(tr, "end-interrupted-text"),
        ),
        EndKind::Problem => (fl!(tr, "end-problem-title"), fl!(tr, "end-problem-text")),
    }
}

/// A QR code, dark modules on white with a quiet zone, `side` points square.
fn qr_code(ui: &mut Ui, code: &qrcode::QrCode, side: f32, name: &str) {
    let width = code.width();
    let modules = width + 8;
    // Whole points per module: no seams between neighbours.
    let cell = (side / modules as f32).floor().max(2.0);
    let side = cell * modules as f32;
    let (rect, response) = ui.allocate_exact_size(egui::vec2(side, side), Sense::hover());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, name));
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, egui::Color32::WHITE);
    for (index, color) in code.to_colors().iter().enumerate() {
        if *color == qrcode::Color::Dark {
            let (x, y) = ((index % width + 4) as f32, (index / width + 4) as f32);
            let min = rect.min + egui::vec2(x * cell, y * cell);
            painter.rect_filled(
                egui::Rect::from_min_size(min, egui::vec2(cell, cell)),
                0.0,
                egui::Color32::BLACK,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{seconds_shown, until_next_second};
    use std::time::Duration;

    #[test]
    fn a_countdown_wakes_when_its_number_changes() {
        // 14.3 s left shows "15"; "14" is due in 0.3 s.
        assert_eq!(seconds_shown(Duration::from_millis(14_300)), 15);
        let wait = until_next_second(Duration::from_millis(14_300));
        assert!(wait >= Duration::from_millis(300) && wait < Duration::from_millis(310));
        // Exactly 14 s left shows "14"; "13" is due in a second.
        assert_eq!(seconds_shown(Duration::from_secs(14)), 14);
        let wait = until_next_second(Duration::from_secs(14));
        assert!(wait >= Duration::from_secs(1) && wait < Duration::from_millis(1010));
    }
}
