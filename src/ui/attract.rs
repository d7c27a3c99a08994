//! The attract screen: the logo, title, welcome and Start (or the survey's
//! first question, `attract = "first_question"`), placed in the middle of a
//! portrait screen from its height measured before it is drawn.

use egui::{Align, Layout, RichText, Ui};

use crate::config::Config;
use crate::i18n::{Tr, fl};
use crate::kiosk::Action;

use super::screens::{NARROW, PAGE_WIDTH, big_button, centered_sized, column_width};
use super::theme;
use super::widgets::TOUCH_HEIGHT;

/// What the attract screen shows besides the configured words.
pub(super) struct Attract<'a> {
    pub(super) logo: Option<&'a egui::TextureHandle>,
    /// The API cannot be reached: "We'll be right back".
    pub(super) offline: bool,
    /// The survey's first question, asked here (`attract = "first_question"`).
    pub(super) first_question: Option<&'a crate::survey::Question>,
}

pub(super) fn attract(
    ui: &mut Ui,
    config: &Config,
    look: &Attract<'_>,
    tr: &Tr,
    actions: &mut Vec<Action>,
) {
    let (logo, offline) = (look.logo, look.offline);
    // The operator's own words as configured; the defaults in the
    // respondent's language.
    let defaults = Config::default();
    let title = if config.title == defaults.title {
        fl!(tr, "attract-title")
    } else {
        config.title.clone()
    };
    let welcome = if config.welcome == defaults.welcome {
        fl!(tr, "attract-welcome")
    } else {
        config.welcome.clone()
    };
    let height = attract_height(ui, logo, &title, &welcome, look.first_question.is_some());
    centered_sized(ui, height, |ui| {
        if let Some(logo) = logo {
            // At most 160 points high, proportions kept.
            let size = logo.size_vec2();
            let scale = (160.0 / size.y).min(1.0).min(PAGE_WIDTH / size.x);
            ui.add(egui::Image::new((logo.id(), size * scale)).alt_text(fl!(tr, "attract-logo")));
            ui.add_space(16.0);
        }
        super::bidi::label(ui, RichText::new(title).text_style(theme::title()).strong());
        ui.add_space(12.0);
        if let (Some(question), false) = (look.first_question, offline) {
            // The first tap answers the survey's first question and starts.
            ui.add_space(12.0);
            ui.with_layout(Layout::top_down(Align::Min), |ui| {
                let mut answer = crate::survey::Answer::empty(question);
                let narrow = ui.available_width() < NARROW;
                if super::widgets::question_ui(ui, 0, 0, question, &mut answer, None, narrow) {
                    actions.push(Action::StartAnswering {
                        question: question.id,
                        answer,
                    });
                }
            });
            return;
        }
        super::bidi::label(ui, RichText::new(welcome).heading());
        ui.add_space(40.0);
        if offline {
            ui.add(egui::Spinner::new().size(40.0));
            super::bidi::label(
                ui,
                RichText::new(fl!(tr, "attract-reconnecting-title")).heading(),
            );
            super::bidi::label(ui, fl!(tr, "attract-reconnecting-text"));
        } else {
            let start = big_button(ui, &fl!(tr, "attract-start"), true);
            let enter =
                ui.input(|i| i.key_pressed(egui::Key::Enter) || i.key_pressed(egui::Key::Space));
            if start.clicked() || (enter && !ui.ctx().memory(|m| m.focused().is_some())) {
                actions.push(Action::Start);
            }
        }
    });
}

/// How tall the attract screen's content is (the logo, title, welcome and
/// Start), from its text laid out at the width it will have; none for the
/// first question's attract screen.
fn attract_height(
    ui: &Ui,
    logo: Option<&egui::TextureHandle>,
    title: &str,
    welcome: &str,
    first_question: bool,
) -> Option<f32> {
    if first_question {
        return None;
    }
    let width = column_width(ui.available_width());
    let text = |rich: RichText| {
        egui::WidgetText::from(rich)
            .into_galley(
                ui,
                Some(egui::TextWrapMode::Wrap),
                width,
                egui::FontSelection::Default,
            )
            .size()
            .y
    };
    let logo = logo.map_or(0.0, |logo| {
        let size = logo.size_vec2();
        size.y * (160.0 / size.y).min(1.0).min(PAGE_WIDTH / size.x) + 16.0
    });
    let spacing = ui.spacing().item_spacing.y;
    Some(
        logo + text(RichText::new(title).text_style(theme::title()).strong())
            + 12.0
            + text(RichText::new(welcome).heading())
            + 40.0
            + TOUCH_HEIGHT * 1.6
            + 4.0 * spacing,
    )
}
