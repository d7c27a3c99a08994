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

/// What the operator did on the PIN prompt.
pub(super) enum PinChoice {
    /// Check this PIN (taken from the field, which is empty again).
    Unlock(String),
    Cancel,
}

/// The PIN prompt: what was typed and what it says.
#[derive(Default)]
pub(super) struct PinPanel {
    pub(super) entered: String,
    pub(super) message: Option<Words>,
    /// The entered PIN is being checked.
    pub(super) checking: bool,
}

/// A key of the PIN keypad.
const KEY_WIDTH: f32 = 150.0;

/// The keypad's width (three keys and the gaps between them): the PIN
/// prompt's column.
pub(super) fn keypad_width(ui: &Ui) -> f32 {
    3.0 * KEY_WIDTH + 2.0 * ui.spacing().item_spacing.x
}

impl PinPanel {
    /// `locked`: how long the PIN lock still holds, if it does.
    pub(super) fn ui(&mut self, ui: &mut Ui, locked: Option<Duration>) -> Option<PinChoice> {
        let tr = crate::ui::words(ui.ctx());
        heading(ui, &crate::i18n::fl!(tr, "operator-title"));
        let label = crate::ui::bidi::label(ui, crate::i18n::fl!(tr, "operator-pin"));
        ui.add_space(8.0);
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut self.entered)
                    .id_salt("operator-pin")
                    .password(true)
                    .hint_text(crate::ui::bidi::line_text(&crate::i18n::fl!(
                        tr,
                        "operator-pin-hint"
                    )))
                    .desired_width(320.0)
                    .font(egui::TextStyle::Heading),
            )
            .labelled_by(label.id);
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        ui.add_space(8.0);
        self.note_ui(ui, locked);
        ui.add_space(12.0);
        let can_unlock = locked.is_none() && !self.checking;
        let unlock = self.keypad_ui(ui, can_unlock) || (enter && can_unlock);
        ui.add_space(16.0);
        if button(ui, &crate::i18n::fl!(tr, "operator-cancel"), true) {
            return Some(PinChoice::Cancel);
        }
        unlock.then(|| PinChoice::Unlock(std::mem::take(&mut self.entered)))
    }

    /// One line kept for the message: "Wrong PIN" never moves the keypad.
    fn note_ui(&self, ui: &mut Ui, locked: Option<Duration>) {
        note_slot(ui, |ui| {
            if self.checking {
                ui.horizontal(|ui| {
                    ui.spinner();
                    crate::ui::bidi::label(
                        ui,
                        crate::i18n::fl!(crate::ui::words(ui.ctx()), "operator-checking"),
                    );
                });
            } else if let Some(message) = locked.map(locked_text).as_ref().or(self.message.as_ref())
            {
                let text = crate::ui::words(ui.ctx()).say(message);
                crate::ui::bidi::label(ui, RichText::new(text).color(ui.visuals().error_fg_color));
            }
        });
    }

    /// A keypad: kiosks often have no keyboard. Every key the same size, so
    /// the rows line up. Returns whether "Unlock" was tapped.
    fn keypad_ui(&mut self, ui: &mut Ui, can_unlock: bool) -> bool {
        let size = egui::vec2(KEY_WIDTH, TOUCH_HEIGHT * 1.2);
        let entered = &mut self.entered;
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
        ui.horizontal(|ui| {
            let tr = crate::ui::words(ui.ctx());
            if ui
                .add(
                    egui::Button::new(
                        RichText::new(crate::i18n::fl!(tr, "operator-clear")).heading(),
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
            ui.add_enabled(
                can_unlock,
                egui::Button::new(RichText::new(crate::i18n::fl!(tr, "operator-unlock")).heading())
                    .min_size(size),
            )
            .clicked()
        })
        .inner
    }
}
