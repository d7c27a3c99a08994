//! The kiosk's window: the eframe app, its screens, the question widgets,
//! the theme and the fonts.

pub mod app;
pub mod bidi;
pub mod fonts;
pub mod keyboard;
pub mod logo;
pub mod operator;
mod screens;
pub mod theme;
pub mod widgets;
