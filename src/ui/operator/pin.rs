//! The PIN prompt, with a keypad: kiosks often have no keyboard. The PIN is
//! checked on the operator's background thread (Argon2 is slow on purpose).

use std::time::Duration;

use egui::{RichText, Ui};

use crate::i18n::Words;
use crate::words;

use super::{button, heading};
use crate::ui::widgets::TOUCH_HEIGHT;
use crate::ui::widgets::note_slot;

pub(super) fn locked_text(remaining: Duration) -> Words {
    words!(
        "operator-locked",
        seconds = crate::ui::screens::seconds_shown(remaining)
    )
}

/// After a wrong PIN: how many tries are left before the lock.
pub(super) fn wrong_text(left: u32) -> Words {
    words!("operator-wrong-pin", left = left)
}

pub(super) enum PinChoice {
    None,
    Unlock,
    Cancel,
}

pub(super) fn pin_ui(
    ui: &mut Ui,
    entered: &mut String,
    message: Option<&Words>,
    locked: Option<Duration>,
    checking: bool,
) -> PinChoice {
    heading(
        ui,
        &crate::i18n::fl!(crate::ui::words(ui.ctx()), "operator-title"),
    );
    let label = crate::ui::bidi::label(
        ui,
        crate::i18n::fl!(crate::ui::words(ui.ctx()), "operator-pin"),
    );
    ui.add_space(8.0);
    let field = ui
        .add(
            egui::TextEdit::singleline(entered)
                .id_salt("operator-pin")
                .password(true)
                .hint_text(crate::ui::bidi::line_text(&crate::i18n::fl!(
                    crate::ui::words(ui.ctx()),
                    "operator-pin-hint"
                )))
                .desired_width(320.0)
                .font(egui::TextStyle::Heading),
        )
        .labelled_by(label.id);
    let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    ui.add_space(8.0);
    // One line kept for the message: "Wrong PIN" never moves the keypad.
    note_slot(ui, |ui| {
        if checking {
            ui.horizontal(|ui| {
                ui.spinner();
                crate::ui::bidi::label(
                    ui,
                    crate::i18n::fl!(crate::ui::words(ui.ctx()), "operator-checking"),
                );
            });
        } else if let Some(message) = locked.map(locked_text).as_ref().or(message) {
            let text = crate::ui::words(ui.ctx()).say(message);
            crate::ui::bidi::label(ui, RichText::new(text).color(ui.visuals().error_fg_color));
        }
    });
    ui.add_space(12.0);
    // A keypad: kiosks often have no keyboard. Every key the same size, so
    // the rows line up.
    let size = egui::vec2(150.0, TOUCH_HEIGHT * 1.2);
    for row in [["1", "2", "3"], ["4", "5", "6"], ["7", "8", "9"]] {
        ui.horizontal(|ui| {
            for digit in row {
                if ui
                    .add(egui::Button::new(RichText::new(digit).heading()).min_size(size))
                    .clicked()
                    && entered.len() < 12
                {
                    entered.push_str(digit);
                }
            }
        });
    }
    let mut choice = PinChoice::None;
    ui.horizontal(|ui| {
        if ui
            .add(
                egui::Button::new(
                    RichText::new(crate::i18n::fl!(
                        crate::ui::words(ui.ctx()),
                        "operator-clear"
                    ))
                    .heading(),
                )
                .min_size(size),
            )
            .clicked()
        {
            entered.clear();
        }
        if ui
            .add(egui::Button::new(RichText::new("0").heading()).min_size(size))
            .clicked()
            && entered.len() < 12
        {
            entered.push('0');
        }
        if ui
            .add_enabled(
                locked.is_none() && !checking,
                egui::Button::new(
                    RichText::new(crate::i18n::fl!(
                        crate::ui::words(ui.ctx()),
                        "operator-unlock"
                    ))
                    .heading(),
                )
                .min_size(size),
            )
            .clicked()
            || (enter && locked.is_none() && !checking)
        {
            choice = PinChoice::Unlock;
        }
    });
    ui.add_space(16.0);
    if button(
        ui,
        &crate::i18n::fl!(crate::ui::words(ui.ctx()), "operator-cancel"),
        true,
    ) {
        choice = PinChoice::Cancel;
    }
    choice
}
