//! Setup: where the survey is, the API key, the operator PIN and the
//! attract screen's words. Nothing is saved before a connection test of
//! exactly these values passed.

use egui::{RichText, Ui};

use crate::config::Config;
use crate::i18n::{Words, fl};
use crate::operator;
use crate::words;

use super::admin::report_ui;
use super::{Connection, button, heading};
use crate::ui::keyboard::{self, Kind};
use crate::ui::widgets::TOUCH_HEIGHT;

/// What the setup screen edits (its fields as typed).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SetupForm {
    /// A key is saved already (empty keeps it).
    pub has_key: bool,
    pub survey_id: String,
    pub datacenter: String,
    pub base_url: String,
    pub api_key: String,
    pub pin: String,
    pub pin_again: String,
    pub title: String,
    pub welcome: String,
}

impl SetupForm {
    pub(super) fn from_config(config: &Config) -> SetupForm {
        SetupForm {
            has_key: config.is_remote() && config.api_key.is_some(),
            survey_id: config
                .survey_id
                .map(|id| id.to_string())
                .unwrap_or_default(),
            datacenter: config.datacenter.clone().unwrap_or_else(|| "com".into()),
            base_url: config.base_url.clone().unwrap_or_default(),
            // Never shown again: left empty keeps the saved key.
            api_key: String::new(),
            pin: String::new(),
            pin_again: String::new(),
            title: config.title.clone(),
            welcome: config.welcome.clone(),
        }
    }

    /// The base URL the form points at: the one typed, or the chosen
    /// datacenter's.
    pub(super) fn chosen_base_url(&self) -> String {
        let base_url = self.base_url.trim();
        if base_url.is_empty() {
            crate::api::datacenter_base_url(&self.datacenter)
        } else {
            base_url.to_owned()
        }
    }

    /// The host the saved API key was saved for, when the form points at
    /// another one and no key was typed: the saved key is not sent there
    /// ([`operator::saved_key_may_go_to`]), it must be typed again.
    pub(super) fn saved_key_stays_with(&self, current: &Config) -> Option<String> {
        let saved_for = operator::base_url_of(current);
        (self.has_key
            && self.api_key.trim().is_empty()
            && !operator::saved_key_may_go_to(&saved_for, &self.chosen_base_url()))
        .then(|| operator::host_of(&saved_for))
    }

    /// The configuration this form describes, on top of `current`.
    pub(super) fn to_config(&self, current: &Config) -> Result<Config, Words> {
        let mut config = current.clone();
        let survey_id = self.survey_id.trim();
        config.survey_id = Some(
            survey_id
                .parse()
                .map_err(|_| words!("setup-survey-id-invalid"))?,
        );
        let base_url = self.base_url.trim();
        if base_url.is_empty() {
            config.base_url = None;
            let datacenter = self.datacenter.trim().trim_start_matches('.');
            config.datacenter = Some(if datacenter.is_empty() {
                "com".into()
            } else {
                datacenter.to_owned()
            });
        } else {
            crate::api::check_base_url(base_url)
                .map_err(|reason| words!("setup-base-url-invalid", reason = reason.to_string()))?;
            config.base_url = Some(base_url.to_owned());
            config.datacenter = None;
        }
        let key = self.api_key.trim();
        if let Some(host) = self.saved_key_stays_with(current) {
            // Neither tested with nor saved for another server.
            return Err(words!("setup-api-key-again", host = host));
        }
        if !key.is_empty() {
            config.api_key = Some(key.to_owned());
        } else if !current.is_remote() || current.api_key.is_none() {
            // The demo's key is not the survey's.
            return Err(words!("setup-api-key-missing"));
        }
        if self.title.trim().is_empty() {
            return Err(words!("setup-title-missing"));
        }
        if self.welcome.trim().is_empty() {
            return Err(words!("setup-welcome-missing"));
        }
        self.title.trim().clone_into(&mut config.title);
        self.welcome.trim().clone_into(&mut config.welcome);
        if self.pin.is_empty() && self.pin_again.is_empty() {
            if config.operator_pin_hash.is_none() {
                return Err(words!("setup-pin-missing"));
            }
        } else {
            operator::check_new_pin(&self.pin).map_err(|_| words!("setup-pin-invalid"))?;
            if self.pin != self.pin_again {
                return Err(words!("setup-pins-differ"));
            }
        }
        Ok(config)
    }
}

/// What the operator did on the setup screen.
pub(super) enum SetupChoice {
    Test,
    Save,
    Cancel,
}

/// The setup screen: the form as typed and what it says.
pub(super) struct SetupPanel {
    pub(super) form: SetupForm,
    pub(super) message: Option<Words>,
    pub(super) saving: bool,
    /// Opened from the admin screen: Cancel goes back there.
    pub(super) from_admin: bool,
    /// What the screen said last frame (message, report): scrolled into
    /// view when it changes.
    said: String,
}

impl SetupPanel {
    pub(super) fn new(form: SetupForm, from_admin: bool) -> SetupPanel {
        SetupPanel {
            form,
            message: None,
            saving: false,
            from_admin,
            said: String::new(),
        }
    }

    /// The form and what it says (the message, the connection test's
    /// report), which is scrolled into view when it changes; the buttons
    /// are in a bar of their own ([`SetupPanel::bar_ui`]). `current`: the
    /// configuration the kiosk runs on (the form is on top of it).
    pub(super) fn ui(&mut self, ui: &mut Ui, current: &Config, connection: &Connection<'_>) {
        // A test or a save is under way.
        let busy = connection.testing || self.saving;
        let report = connection.report_of(&self.form);
        let tr = crate::ui::words(ui.ctx());
        heading(ui, &crate::i18n::fl!(tr, "setup-title"));
        crate::ui::bidi::label(ui, crate::i18n::fl!(tr, "setup-intro"));
        ui.add_space(12.0);
        form_ui(ui, &mut self.form, current);
        let top = ui.cursor().top();
        if let Some(message) = &self.message {
            let text = tr.say(message);
            crate::ui::bidi::label(ui, RichText::new(text).color(ui.visuals().error_fg_color));
        }
        report_ui(ui, busy, report);
        if !report.is_some_and(|r| r.ok) {
            crate::ui::bidi::label(
                ui,
                RichText::new(crate::i18n::fl!(tr, "setup-save-after-test")).small(),
            );
        }
        ui.add_space(12.0);
        let said = format!("{busy} {:?} {report:?}", self.message);
        if said != self.said {
            // Just above the buttons, where the operator looks (the form
            // opens at its top: nothing is said yet).
            if busy || self.message.is_some() || report.is_some() {
                let rect =
                    egui::Rect::from_x_y_ranges(ui.max_rect().x_range(), top..=ui.cursor().top());
                ui.scroll_to_rect(rect, Some(egui::Align::Max));
            }
            self.said = said;
        }
    }

    /// Test, Save and Cancel, in the bar at the foot of the screen
    /// ([`reserve_bar`]): in view whatever the form's length and its
    /// messages.
    pub(super) fn bar_ui(&self, ui: &mut Ui, connection: &Connection<'_>) -> Option<SetupChoice> {
        let busy = connection.testing || self.saving;
        let tested_ok = connection.report_of(&self.form).is_some_and(|r| r.ok);
        let tr = crate::ui::words(ui.ctx());
        ui.horizontal_wrapped(|ui| {
            let test = button(ui, &crate::i18n::fl!(tr, "admin-test"), !busy);
            let save = button(ui, &crate::i18n::fl!(tr, "setup-save"), tested_ok && !busy);
            let cancel = button(ui, &crate::i18n::fl!(tr, "operator-cancel"), true);
            [
                (cancel, SetupChoice::Cancel),
                (save, SetupChoice::Save),
                (test, SetupChoice::Test),
            ]
            .into_iter()
            .find_map(|(tapped, choice)| tapped.then_some(choice))
        })
        .inner
    }
}

fn bar_height_id() -> egui::Id {
    egui::Id::unique("setup-bar-height")
}

/// Keeps room for setup's buttons at the foot of the screen, before the
/// form takes the rest: the rect to draw them in ([`draw_bar`]), after the
/// form (so Tab reaches them last). As tall as they were last frame.
pub(super) fn reserve_bar(ui: &mut Ui) -> egui::Rect {
    let height = ui
        .ctx()
        .data(|d| d.get_temp::<f32>(bar_height_id()))
        .unwrap_or(TOUCH_HEIGHT * 2.0);
    egui::Panel::bottom("setup-buttons")
        .frame(
            // No fill: the window is cleared to the panel colour.
            egui::Frame::new().inner_margin(egui::Margin::symmetric(24, 10)),
        )
        .show(ui, |ui| {
            let size = egui::vec2(ui.available_width(), height);
            ui.allocate_exact_size(size, egui::Sense::hover()).0
        })
        .inner
}

/// Draws `buttons` into the bar [`reserve_bar`] kept, centred like the
/// form; remembers how tall they were (and draws again when that changed).
pub(super) fn draw_bar<R>(ui: &mut Ui, rect: egui::Rect, buttons: impl FnOnce(&mut Ui) -> R) -> R {
    let mut bar = ui.new_child(
        egui::UiBuilder::new()
            .id_salt("setup-buttons")
            .max_rect(rect)
            .layout(egui::Layout::top_down(egui::Align::Center)),
    );
    bar.set_max_width(820.0f32.min(rect.width()));
    let inner = bar
        .with_layout(egui::Layout::top_down(egui::Align::Min), buttons)
        .inner;
    let height = bar.min_rect().height();
    if (height - rect.height()).abs() > 0.5 {
        ui.ctx()
            .data_mut(|d| d.insert_temp(bar_height_id(), height));
        ui.ctx().request_repaint();
    }
    inner
}

/// A text field of the form, with its label above it.
struct Field<'a> {
    label: &'a str,
    hint: &'a str,
    /// Shown as dots.
    password: bool,
    /// Which on-screen keyboard it takes.
    kind: Kind,
}

impl Field<'_> {
    fn ui(self, ui: &mut Ui, value: &mut String) {
        let salt = ("setup", self.label);
        let label = crate::ui::bidi::label(ui, self.label);
        let field = ui
            .add(
                egui::TextEdit::singleline(value)
                    // A stable id: the focus (and the keyboard) stays with the
                    // field whatever appears above it.
                    .id_salt(salt)
                    .password(self.password)
                    .hint_text(crate::ui::bidi::line_text(self.hint))
                    .desired_width(f32::INFINITY)
                    .min_size(egui::vec2(0.0, TOUCH_HEIGHT)),
            )
            .labelled_by(label.id);
        keyboard::field(ui, &field, self.kind);
        ui.add_space(6.0);
    }
}

/// The form's fields, each with its label.
fn form_ui(ui: &mut Ui, form: &mut SetupForm, current: &Config) {
    let tr = crate::ui::words(ui.ctx());
    Field {
        label: &crate::i18n::fl!(tr, "setup-survey-id"),
        hint: &crate::i18n::fl!(tr, "setup-survey-id-hint"),
        password: false,
        kind: Kind::Digits,
    }
    .ui(ui, &mut form.survey_id);
    datacenter_ui(ui, &mut form.datacenter);
    Field {
        label: &crate::i18n::fl!(tr, "setup-base-url"),
        hint: "https://api.questionpro.com/a/api/v2",
        password: false,
        kind: Kind::Url,
    }
    .ui(ui, &mut form.base_url);
    api_key_ui(ui, form, current);
    Field {
        label: &crate::i18n::fl!(tr, "setup-pin"),
        hint: &crate::i18n::fl!(tr, "setup-pin-hint"),
        password: true,
        kind: Kind::Digits,
    }
    .ui(ui, &mut form.pin);
    Field {
        label: &crate::i18n::fl!(tr, "setup-pin-again"),
        hint: &crate::i18n::fl!(tr, "setup-pin-again-hint"),
        password: true,
        kind: Kind::Digits,
    }
    .ui(ui, &mut form.pin_again);
    Field {
        label: &crate::i18n::fl!(tr, "setup-kiosk-title"),
        hint: &crate::i18n::fl!(tr, "attract-title"),
        password: false,
        kind: Kind::Text,
    }
    .ui(ui, &mut form.title);
    Field {
        label: &crate::i18n::fl!(tr, "setup-welcome"),
        hint: &crate::i18n::fl!(tr, "setup-welcome-hint"),
        password: false,
        kind: Kind::Text,
    }
    .ui(ui, &mut form.welcome);
}

/// The API key's field, and why the saved key is not used when it is not.
fn api_key_ui(ui: &mut Ui, form: &mut SetupForm, current: &Config) {
    let tr = crate::ui::words(ui.ctx());
    let key_stays_with = form.saved_key_stays_with(current);
    let key_hint = if form.has_key && key_stays_with.is_none() {
        crate::i18n::fl!(tr, "setup-api-key-keep")
    } else {
        crate::i18n::fl!(tr, "setup-api-key-hint")
    };
    Field {
        label: &crate::i18n::fl!(tr, "setup-api-key"),
        hint: &key_hint,
        password: true,
        kind: Kind::Text,
    }
    .ui(ui, &mut form.api_key);
    if let Some(host) = key_stays_with {
        let text = tr.say(&words!("setup-api-key-again", host = host));
        crate::ui::bidi::label(ui, RichText::new(text).color(ui.visuals().warn_fg_color));
        ui.add_space(6.0);
    }
}

/// The datacenters QuestionPro's own SDKs name (the keys of
/// [`crate::api::DATACENTERS`]); any other can be typed.
fn datacenters(tr: &crate::i18n::Tr) -> [(&'static str, String); 8] {
    [
        ("com", fl!(tr, "setup-datacenter-us")),
        ("eu", fl!(tr, "setup-datacenter-eu")),
        ("ca", fl!(tr, "setup-datacenter-ca")),
        ("sg", fl!(tr, "setup-datacenter-sg")),
        ("au", fl!(tr, "setup-datacenter-au")),
        ("ae", fl!(tr, "setup-datacenter-ae")),
        ("sa", fl!(tr, "setup-datacenter-sa")),
        ("ksa", fl!(tr, "setup-datacenter-ksa")),
    ]
}

/// The datacenter as a choice of buttons, with "Other" for one to type.
fn datacenter_ui(ui: &mut Ui, datacenter: &mut String) {
    let tr = crate::ui::words(ui.ctx());
    let label = crate::ui::bidi::label(ui, fl!(tr, "setup-datacenter"));
    let datacenters = datacenters(&tr);
    let known = datacenters
        .iter()
        .any(|(code, _)| datacenter.trim() == *code);
    let other_id = label.id.with("other");
    let mut other = ui
        .ctx()
        .data(|d| d.get_temp::<bool>(other_id))
        .unwrap_or(!known);
    ui.horizontal_wrapped(|ui| {
        for (code, name) in &datacenters {
            let chosen = !other && datacenter.trim() == *code;
            if ui
                .add(
                    // Framed also when not chosen: a button, not a word.
                    egui::Button::new(crate::ui::bidi::line_text(name))
                        .selected(chosen)
                        .min_size(egui::vec2(0.0, TOUCH_HEIGHT)),
                )
                .clicked()
            {
                (*code).clone_into(datacenter);
                other = false;
            }
        }
        if ui
            .add(
                egui::Button::new(crate::ui::bidi::line_text(&fl!(
                    tr,
                    "setup-datacenter-other"
                )))
                .selected(other)
                .min_size(egui::vec2(0.0, TOUCH_HEIGHT)),
            )
            .clicked()
        {
            other = true;
        }
    });
    ui.ctx().data_mut(|d| d.insert_temp(other_id, other));
    if other {
        let field = ui
            .add(
                egui::TextEdit::singleline(datacenter)
                    .id_salt("setup-datacenter")
                    .hint_text(crate::ui::bidi::line_text(&fl!(
                        tr,
                        "setup-datacenter-other-hint"
                    )))
                    .desired_width(f32::INFINITY)
                    .min_size(egui::vec2(0.0, TOUCH_HEIGHT)),
            )
            .labelled_by(label.id);
        keyboard::field(ui, &field, Kind::Text);
    }
    ui.add_space(6.0);
}
