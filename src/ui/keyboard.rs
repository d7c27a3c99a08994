//! The on-screen keyboard: kiosks are often a touchscreen with no keyboard,
//! and a kiosk session (the `cage` compositor) cannot host the system's.
//!
//! Text fields register themselves with [`field`] (their kind and place)
//! every frame they are drawn. When one of them has the focus, the app draws
//! the keyboard as a bottom panel *before* the screen, so the page above
//! shrinks and the field is scrolled into view above the keys. A key adds
//! its text (or Backspace, Enter) to this frame's input events, which the
//! focused `TextEdit` then reads as if typed: one path for physical and
//! on-screen typing. While the keyboard is up, a tap on a key does not take
//! the focus from the field; a tap anywhere else does, and hides it.
//!
//! `keyboard = "auto"` (the default) shows it until a physical key press is
//! seen, and forgets that at every reset; `on_screen` always; `physical`
//! never.

use egui::{
    Align2, Color32, Event, FontId, Id, Key, Modifiers, Rect, Response, Sense, Stroke, Ui, vec2,
};

use crate::config::{KeyboardMode, LetterLayout};
use crate::i18n::Tr;

/// Height of a key, in points (at least 56 px on a 1.0 scale).
pub const KEY_HEIGHT: f32 = 60.0;
/// Gap between keys.
const GAP: f32 = 6.0;
/// Held Backspace repeats after this long, this often.
const REPEAT_AFTER: f64 = 0.5;
const REPEAT_EVERY: f64 = 0.07;

/// What a text field holds, so the keyboard shows the keys it needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Kind {
    /// Letters, a page of digits and symbols, accented letters.
    #[default]
    Text,
    /// As text, with a Return key for new lines.
    Multiline,
    /// Letters with `@`, `.`, `.com`; no space.
    Email,
    /// Digits, decimal separator, minus.
    Number,
    /// A dial pad with `+`, space, `-` and parentheses.
    Phone,
    /// Digits only (a survey id, a PIN).
    Digits,
    /// Letters with `:`, `/`, `.`, `-`; no space (a web address).
    Url,
}

/// What [`field`] remembers of a field for the keyboard.
#[derive(Clone, Copy, Debug)]
struct FieldInfo {
    kind: Kind,
    rect: Rect,
}

fn info_id(field: Id) -> Id {
    field.with("on-screen-keyboard")
}

fn scroll_request_id() -> Id {
    Id::unique("on-screen-keyboard-scroll")
}

/// Registers a text field (call it every frame the field is drawn, with the
/// `TextEdit`'s response): the keyboard shows `kind`'s keys for it, and the
/// field is scrolled above the keyboard when the keyboard opens for it.
pub fn field(ui: &Ui, response: &Response, kind: Kind) {
    let ctx = ui.ctx();
    ctx.data_mut(|d| {
        d.insert_temp(
            info_id(response.id),
            FieldInfo {
                kind,
                rect: response.rect,
            },
        )
    });
    if response.has_focus() {
        let wanted = ctx.data_mut(|d| d.remove_temp::<Option<Id>>(scroll_request_id()));
        if wanted.flatten() == Some(response.id) {
            response.scroll_to_me(Some(egui::Align::Center));
        }
    }
    if response.gained_focus() {
        // The keyboard opens on the next frame.
        ctx.request_repaint();
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Page {
    Letters,
    Symbols,
    Accents,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shift {
    Off,
    /// The next letter only.
    Once,
    /// Caps lock (a second tap on Shift).
    Locked,
}

/// What a key does.
#[derive(Clone, Debug, PartialEq)]
enum Press {
    Text(String),
    Key(Key),
    Shift,
    Page(Page),
    /// Latin letters (`true`) or the language's own (`false`).
    Latin(bool),
    Hide,
}

/// One key: what it shows, its accessible name, its width in key units.
#[derive(Clone)]
struct KeyDef {
    label: String,
    name: String,
    press: Press,
    units: f32,
    special: bool,
}

impl KeyDef {
    fn text(text: &str) -> KeyDef {
        KeyDef {
            label: text.to_owned(),
            name: text.to_owned(),
            press: Press::Text(text.to_owned()),
            units: 1.0,
            special: false,
        }
    }

    fn special(label: &str, name: &str, press: Press, units: f32) -> KeyDef {
        KeyDef {
            label: label.to_owned(),
            name: name.to_owned(),
            press,
            units,
            special: true,
        }
    }
}

/// The keyboard's state, kept by the app (not in egui memory, so a reset is
/// one call).
pub struct Keyboard {
    mode: KeyboardMode,
    letters: LetterLayout,
    physical_seen: bool,
    page: Page,
    shift: Shift,
    /// Latin letters chosen instead of the language's own (Arabic).
    latin: bool,
    /// The field it is open for.
    open_for: Option<Id>,
    /// Where it was drawn last frame (taps there keep the field's focus).
    rect: Option<Rect>,
    /// When Backspace was pressed down and when it last repeated.
    backspace: Option<(f64, f64)>,
}

impl Keyboard {
    pub fn new(mode: KeyboardMode, letters: LetterLayout) -> Keyboard {
        Keyboard {
            mode,
            letters,
            physical_seen: false,
            page: Page::Letters,
            shift: Shift::Off,
            latin: false,
            open_for: None,
            rect: None,
            backspace: None,
        }
    }

    /// A new respondent: a physical keyboard seen before is forgotten, the
    /// keyboard is closed and on its first page.
    pub fn reset(&mut self, ctx: &egui::Context) {
        self.close(ctx);
        self.physical_seen = false;
        self.page = Page::Letters;
        self.shift = Shift::Off;
        self.latin = false;
        self.open_for = None;
        self.rect = None;
        self.backspace = None;
    }

    /// Whether it is up.
    pub fn is_open(&self) -> bool {
        self.open_for.is_some()
    }

    /// Draws the keyboard, when a registered field has the focus, as a
    /// bottom panel of `ui`. Call it before the screen is drawn.
    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        // A key from a physical keyboard (before this frame's own keys are
        // added): `auto` then stays out of the way until the next reset.
        let physical = ctx.input(|i| {
            i.events
                .iter()
                .any(|e| matches!(e, Event::Text(_) | Event::Key { pressed: true, .. }))
        });
        if physical && self.mode == KeyboardMode::Auto && !self.physical_seen {
            tracing::debug!("a physical key was pressed: the on-screen keyboard stays hidden");
            self.physical_seen = true;
        }
        let focused = ctx.memory(|m| m.focused());
        let info = focused.and_then(|id| {
            ctx.data(|d| d.get_temp::<FieldInfo>(info_id(id)))
                .map(|info| (id, info))
        });
        let wanted = match self.mode {
            KeyboardMode::Physical => false,
            KeyboardMode::OnScreen => true,
            KeyboardMode::Auto => !self.physical_seen,
        };
        let Some((target, info)) = info.filter(|_| wanted) else {
            self.close(&ctx);
            return;
        };
        // A tap outside the keyboard and the field ends the typing. The
        // keyboard still stands this frame, so what was tapped is where the
        // finger saw it (Submit, another field) and takes the tap; it goes
        // on the next frame.
        let tapped_elsewhere = ctx.input(|i| {
            i.pointer.any_click()
                && i.pointer.press_origin().is_some_and(|at| {
                    !info.rect.contains(at) && !self.rect.is_some_and(|r| r.contains(at))
                })
        });
        let leaving = tapped_elsewhere && self.open_for == Some(target);
        if self.open_for != Some(target) {
            self.open_for = Some(target);
            self.page = Page::Letters;
            self.shift = Shift::Off;
            self.backspace = None;
            ctx.data_mut(|d| d.insert_temp(scroll_request_id(), Some(target)));
        }
        // Taps on keys must not take the focus from the field.
        ctx.options_mut(|o| o.input_options.surrender_focus_on = egui::SurrenderFocusOn::Never);
        let rows = self.rows(info.kind, &crate::ui::words(&ctx));
        let mut pressed: Vec<Press> = Vec::new();
        let mut backspace_down = false;
        let panel = egui::Panel::bottom("on-screen-keyboard")
            .frame(
                egui::Frame::new()
                    .fill(ui.visuals().extreme_bg_color)
                    .inner_margin(egui::Margin::symmetric(12, 10)),
            )
            .show(ui, |ui| {
                ui.spacing_mut().item_spacing = vec2(GAP, GAP);
                let width = ui.available_width().min(1100.0);
                let units = rows
                    .iter()
                    .map(|row| row.iter().map(|k| k.units).sum::<f32>())
                    .fold(1.0f32, f32::max);
                let unit = ((width - GAP * (units - 1.0)) / units).max(20.0);
                ui.vertical_centered(|ui| {
                    for row in &rows {
                        let row_width = row.iter().map(|k| k.units * unit).sum::<f32>()
                            + GAP * (row.len().saturating_sub(1)) as f32;
                        ui.allocate_ui_with_layout(
                            vec2(row_width, KEY_HEIGHT),
                            egui::Layout::left_to_right(egui::Align::Center),
                            |ui| {
                                for key in row {
                                    let response = key_ui(ui, key, unit, self.lit(key));
                                    if key.press == Press::Key(Key::Backspace)
                                        && response.is_pointer_button_down_on()
                                    {
                                        backspace_down = true;
                                    }
                                    if response.clicked() {
                                        pressed.push(key.press.clone());
                                    }
                                }
                            },
                        );
                    }
                });
            });
        self.rect = Some(panel.response.rect);
        let now = ctx.input(|i| i.time);
        let mut events = Vec::new();
        for press in pressed {
            match press {
                Press::Text(text) => {
                    let text = match self.shift {
                        Shift::Off => text,
                        Shift::Once | Shift::Locked => text.to_uppercase(),
                    };
                    if self.shift == Shift::Once {
                        self.shift = Shift::Off;
                    }
                    events.push(Event::Text(text));
                }
                Press::Key(Key::Backspace) if self.backspace.is_some_and(|(_, n)| n > 0.0) => {
                    // Released after repeating: the repeats were the deletes.
                }
                Press::Key(key) => events.push(key_event(key)),
                Press::Shift => {
                    self.shift = match self.shift {
                        Shift::Off => Shift::Once,
                        Shift::Once => Shift::Locked,
                        Shift::Locked => Shift::Off,
                    };
                }
                Press::Page(page) => {
                    self.page = page;
                    self.shift = Shift::Off;
                }
                Press::Latin(latin) => {
                    self.latin = latin;
                    self.page = Page::Letters;
                    self.shift = Shift::Off;
                }
                Press::Hide => {
                    ctx.memory_mut(|m| m.surrender_focus(target));
                    self.close(&ctx);
                    return;
                }
            }
        }
        // Held Backspace repeats.
        if backspace_down {
            let (since, last) = *self.backspace.get_or_insert((now, 0.0));
            let due = if last > 0.0 {
                last + REPEAT_EVERY
            } else {
                since + REPEAT_AFTER
            };
            if now >= due {
                events.push(key_event(Key::Backspace));
                self.backspace = Some((since, now));
            }
            ctx.request_repaint_after(std::time::Duration::from_millis(40));
        } else if !ctx.input(|i| i.pointer.any_down()) {
            self.backspace = None;
        }
        if !events.is_empty() {
            ctx.input_mut(|i| i.events.extend(events));
        }
        if leaving {
            ctx.memory_mut(|m| m.surrender_focus(target));
            ctx.request_repaint();
        } else {
            ctx.memory_mut(|m| m.request_focus(target));
        }
    }

    fn close(&mut self, ctx: &egui::Context) {
        if self.open_for.take().is_some() {
            self.rect = None;
            self.backspace = None;
            ctx.options_mut(|o| {
                o.input_options.surrender_focus_on = egui::SurrenderFocusOn::default()
            });
        }
    }

    /// Whether a key shows as switched on (Shift, the current page).
    fn lit(&self, key: &KeyDef) -> bool {
        match &key.press {
            Press::Shift => self.shift != Shift::Off,
            Press::Text(_) | Press::Key(_) | Press::Page(_) | Press::Latin(_) | Press::Hide => {
                false
            }
        }
    }

    /// The rows of keys for a field of `kind` on the current page.
    fn rows(&self, kind: Kind, tr: &Tr) -> Vec<Vec<KeyDef>> {
        let word = |id: &str| tr.get(id);
        let hide = || {
            KeyDef::special(
                &word("keyboard-enter"),
                &word("keyboard-hide"),
                Press::Hide,
                1.5,
            )
        };
        let delete = || {
            let name = word("keyboard-backspace");
            KeyDef::special(&name, &name, Press::Key(Key::Backspace), 1.5)
        };
        let space = |units: f32| {
            let name = word("keyboard-space");
            KeyDef::special(&name, &name, Press::Text(" ".into()), units)
        };
        let chars = |s: &str| -> Vec<KeyDef> {
            s.chars()
                .map(|c| {
                    let mut key = KeyDef::text(&c.to_string());
                    if self.shift != Shift::Off {
                        key.label = key.label.to_uppercase();
                    }
                    key
                })
                .collect()
        };
        match kind {
            Kind::Digits => vec![
                chars("123"),
                chars("456"),
                chars("789"),
                vec![delete(), KeyDef::text("0"), hide()],
            ],
            Kind::Number => vec![
                [chars("789"), vec![delete()]].concat(),
                [
                    chars("456"),
                    vec![KeyDef::special(
                        "−",
                        &word("keyboard-minus"),
                        Press::Text("-".into()),
                        1.5,
                    )],
                ]
                .concat(),
                [
                    chars("123"),
                    vec![KeyDef::special(
                        ".",
                        &word("keyboard-decimal-point"),
                        Press::Text(".".into()),
                        1.5,
                    )],
                ]
                .concat(),
                vec![
                    KeyDef {
                        units: 3.0 + 2.0 * GAP / 60.0,
                        ..KeyDef::text("0")
                    },
                    hide(),
                ],
            ],
            Kind::Phone => vec![
                [
                    chars("123"),
                    vec![KeyDef::special(
                        "+",
                        &word("keyboard-plus"),
                        Press::Text("+".into()),
                        1.5,
                    )],
                ]
                .concat(),
                [
                    chars("456"),
                    vec![KeyDef::special(
                        "-",
                        &word("keyboard-dash"),
                        Press::Text("-".into()),
                        1.5,
                    )],
                ]
                .concat(),
                [
                    chars("789"),
                    vec![
                        KeyDef::special(
                            "(",
                            &word("keyboard-open-bracket"),
                            Press::Text("(".into()),
                            0.75,
                        ),
                        KeyDef::special(
                            ")",
                            &word("keyboard-close-bracket"),
                            Press::Text(")".into()),
                            0.75,
                        ),
                    ],
                ]
                .concat(),
                vec![space(1.0), KeyDef::text("0"), delete(), hide()],
            ],
            Kind::Text | Kind::Multiline | Kind::Email | Kind::Url => {
                // The language's own letters (Arabic) for free text, with a
                // key to Latin letters and back.
                let own = matches!(kind, Kind::Text | Kind::Multiline)
                    .then(|| own_letters(tr.language()))
                    .flatten();
                let native = own.is_some() && !self.latin && self.page == Page::Letters;
                let mut rows = match self.page {
                    Page::Letters if native => own
                        .unwrap_or_default()
                        .iter()
                        .map(|row| row.iter().map(|key| KeyDef::text(key)).collect())
                        .collect(),
                    Page::Letters => {
                        let [top, middle, bottom] = match self.letters {
                            LetterLayout::Qwerty => ["qwertyuiop", "asdfghjkl", "zxcvbnm"],
                            LetterLayout::Azerty => ["azertyuiop", "qsdfghjklm", "wxcvbn"],
                            LetterLayout::Qwertz => ["qwertzuiopü", "asdfghjklöä", "yxcvbnm"],
                        };
                        vec![chars(top), chars(middle), chars(bottom)]
                    }
                    Page::Symbols => vec![
                        chars("1234567890"),
                        chars("-/:;()€&@\""),
                        chars(".,?!'#%+=_"),
                    ],
                    Page::Accents => vec![
                        chars("àáâäãåæçèé"),
                        chars("êëìíîïñòóô"),
                        chars("öõøœßùúûüý"),
                    ],
                };
                // Shift at the start of the third row (not for a script
                // without capitals), Delete at its end.
                if self.page != Page::Symbols && !native {
                    rows[2].insert(
                        0,
                        KeyDef::special(
                            &word("keyboard-shift"),
                            &word("keyboard-shift"),
                            Press::Shift,
                            1.5,
                        ),
                    );
                }
                rows[2].push(delete());
                let switch = match self.page {
                    Page::Letters => KeyDef::special(
                        &word("keyboard-symbols"),
                        &word("keyboard-symbols-name"),
                        Press::Page(Page::Symbols),
                        1.5,
                    ),
                    Page::Symbols | Page::Accents => KeyDef::special(
                        &word("keyboard-letters"),
                        &word("keyboard-letters-name"),
                        Press::Page(Page::Letters),
                        1.5,
                    ),
                };
                let mut last = vec![switch];
                if own.is_some() && self.page == Page::Letters {
                    last.push(if native {
                        KeyDef::special(
                            "ABC",
                            &word("keyboard-latin-name"),
                            Press::Latin(true),
                            1.5,
                        )
                    } else {
                        KeyDef::special(
                            &word("keyboard-letters"),
                            &word("keyboard-letters-name"),
                            Press::Latin(false),
                            1.5,
                        )
                    });
                }
                match kind {
                    Kind::Email => {
                        last.extend(chars("@."));
                        last.push(KeyDef::special(
                            ".com",
                            ".com",
                            Press::Text(".com".into()),
                            1.5,
                        ));
                        last.extend(chars("-_"));
                    }
                    Kind::Url => {
                        last.extend(chars(":/.-"));
                    }
                    Kind::Text | Kind::Multiline if native => {
                        last.push(space(4.0));
                        // Arabic comma and question mark, and a full stop.
                        last.extend(chars("\u{060C}\u{061F}."));
                    }
                    Kind::Text | Kind::Multiline | Kind::Number | Kind::Phone | Kind::Digits => {
                        if self.page != Page::Accents {
                            last.push(KeyDef::special(
                                &word("keyboard-accents"),
                                &word("keyboard-accents-name"),
                                Press::Page(Page::Accents),
                                1.0,
                            ));
                        }
                        last.push(space(4.0));
                        last.extend(chars(",."));
                    }
                }
                if kind == Kind::Multiline {
                    last.push(KeyDef::special(
                        &word("keyboard-return"),
                        &word("keyboard-new-line"),
                        Press::Key(Key::Enter),
                        1.5,
                    ));
                }
                last.push(hide());
                rows.push(last);
                rows
            }
        }
    }
}

/// The rows of letters of a language written in a script of its own, as
/// its usual keyboard has them (Arabic: the standard Arabic PC layout,
/// lam-alef on a key of its own, the hamza forms of alef that layout puts
/// under Shift at the end of the middle row); `None` for the Latin alphabet, and for
/// languages typed through an input method (Japanese, Chinese), for which
/// the keyboard offers Latin letters.
fn own_letters(language: crate::i18n::Language) -> Option<&'static [&'static [&'static str]]> {
    const ARABIC: &[&[&str]] = &[
        &[
            "\u{0636}", "\u{0635}", "\u{062B}", "\u{0642}", "\u{0641}", "\u{063A}", "\u{0639}",
            "\u{0647}", "\u{062E}", "\u{062D}", "\u{062C}", "\u{062F}",
        ],
        &[
            "\u{0634}", "\u{0633}", "\u{064A}", "\u{0628}", "\u{0644}", "\u{0627}", "\u{062A}",
            "\u{0646}", "\u{0645}", "\u{0643}", "\u{0637}", "\u{0623}", "\u{0625}", "\u{0622}",
        ],
        &[
            "\u{0626}",
            "\u{0621}",
            "\u{0624}",
            "\u{0631}",
            "\u{0644}\u{0627}",
            "\u{0649}",
            "\u{0629}",
            "\u{0648}",
            "\u{0632}",
            "\u{0638}",
            "\u{0630}",
        ],
    ];
    match language {
        crate::i18n::Language::Arabic => Some(ARABIC),
        _ => None,
    }
}

fn key_event(key: Key) -> Event {
    Event::Key {
        key,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: Modifiers::NONE,
    }
}

/// One key: a rounded rectangle with its label, darker while pressed, an
/// accessible button named `key.name`.
fn key_ui(ui: &mut Ui, key: &KeyDef, unit: f32, lit: bool) -> Response {
    let width = key.units * unit + GAP * (key.units - 1.0).max(0.0);
    let (rect, response) = ui.allocate_exact_size(vec2(width, KEY_HEIGHT), Sense::click());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &key.name));
    if ui.is_rect_visible(rect) {
        let visuals = ui.visuals();
        let down = response.is_pointer_button_down_on();
        let (fill, text) = if down || lit {
            (visuals.selection.bg_fill, visuals.selection.stroke.color)
        } else if key.special {
            (
                visuals.widgets.inactive.weak_bg_fill,
                visuals.strong_text_color(),
            )
        } else {
            (
                visuals.widgets.inactive.bg_fill,
                visuals.strong_text_color(),
            )
        };
        let stroke = Stroke::new(1.0, visuals.widgets.inactive.bg_stroke.color);
        ui.painter()
            .rect(rect, 8.0, fill, stroke, egui::StrokeKind::Inside);
        let size = if key.label.chars().count() > 2 {
            18.0
        } else {
            24.0
        };
        ui.painter().text(
            rect.center(),
            Align2::CENTER_CENTER,
            &key.label,
            FontId::proportional(size),
            if down { Color32::WHITE } else { text },
        );
    }
    response
}
