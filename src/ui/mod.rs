//! The kiosk's window: the eframe app, its screens, the question widgets,
//! the theme and the fonts.

pub mod app;
mod attract;
pub mod bidi;
pub mod bidi_edit;
pub mod branding;
mod clock;
mod closed;
pub mod fonts;
pub mod frame_log;
pub mod keyboard;
pub mod logo;
pub mod monitor;
pub mod operator;
mod progress;
mod screens;
pub mod swipe;
pub mod theme;
pub mod widgets;
mod window;

use crate::i18n::Tr;

fn words_id() -> egui::Id {
    egui::Id::unique("kiosk-words")
}

/// The kiosk's words for this frame, in the respondent's language: the app
/// sets them at the start of every frame ([`set_words`]); widgets read them
/// here. English before the first frame.
pub fn words(ctx: &egui::Context) -> Tr {
    ctx.data(|d| d.get_temp::<Tr>(words_id()))
        .unwrap_or_default()
}

/// Sets the words [`words`] returns (the app, once a frame).
pub fn set_words(ctx: &egui::Context, tr: &Tr) {
    ctx.data_mut(|d| d.insert_temp(words_id(), tr.clone()));
}
