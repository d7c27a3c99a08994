//! The keyboard's layouts as data: which keys a field of each kind gets on
//! each page, in the kiosk's words. No drawing here.

use egui::Key;

use super::keys::{KeyState, Page, Press, Shift};
use super::{GAP, Kind};
use crate::config::LetterLayout;
use crate::i18n::Tr;

/// One key: what it shows, its accessible name, its width in key units.
#[derive(Clone)]
pub(super) struct KeyDef {
    pub(super) label: String,
    pub(super) name: String,
    pub(super) press: Press,
    pub(super) units: f32,
    pub(super) special: bool,
}

impl KeyDef {
    pub(super) fn text(text: &str) -> KeyDef {
        KeyDef {
            label: text.to_owned(),
            name: text.to_owned(),
            press: Press::Text(text.to_owned()),
            units: 1.0,
            special: false,
        }
    }

    pub(super) fn special(label: &str, name: &str, press: Press, units: f32) -> KeyDef {
        KeyDef {
            label: label.to_owned(),
            name: name.to_owned(),
            press,
            units,
            special: true,
        }
    }
}

/// The rows of keys for a field of `kind` in `state` (its page, Shift,
/// Latin or own letters), with `letters` for the Latin alphabet; key names
/// in `tr`'s language.
/// (Long because it is data: the keys of each kind of field and page, row by row.)
pub(super) fn rows(
    kind: Kind,
    state: &KeyState,
    letters: LetterLayout,
    tr: &Tr,
) -> Vec<Vec<KeyDef>> {
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
                if state.shift != Shift::Off {
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
        // 1 2 3 on top as on every pad a respondent meets on this screen
        // (the digit and phone pads) and on a phone, not a calculator's 7 8 9.
        Kind::Number => vec![
            [chars("123"), vec![delete()]].concat(),
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
                chars("789"),
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
            let native = own.is_some() && !state.latin && state.page == Page::Letters;
            let mut rows = match state.page {
                Page::Letters if native => own
                    .unwrap_or_default()
                    .iter()
                    .map(|row| row.iter().map(|key| KeyDef::text(key)).collect())
                    .collect(),
                Page::Letters => {
                    let [top, middle, bottom] = match letters {
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
            if state.page != Page::Symbols && !native {
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
            let switch = match state.page {
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
            if own.is_some() && state.page == Page::Letters {
                last.push(if native {
                    KeyDef::special("ABC", &word("keyboard-latin-name"), Press::Latin(true), 1.5)
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
                    if state.page != Page::Accents {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Language;

    fn labels(kind: Kind, state: &KeyState, language: Language) -> Vec<Vec<String>> {
        rows(kind, state, LetterLayout::Qwerty, &Tr::new(language))
            .into_iter()
            .map(|row| row.into_iter().map(|key| key.label).collect())
            .collect()
    }

    #[test]
    fn a_digit_pad_has_the_ten_digits_and_no_letters() {
        let rows = labels(Kind::Digits, &KeyState::default(), Language::English);
        let all: String = rows.concat().concat();
        for digit in '0'..='9' {
            assert!(all.contains(digit), "{digit} in {rows:?}");
        }
        assert!(!all.contains('q'), "{rows:?}");
    }

    #[test]
    fn every_number_pad_reads_1_2_3_on_top() {
        // The sum's digit pad had 1 2 3 on top and the number pad 7 8 9,
        // on the same survey.
        for kind in [Kind::Digits, Kind::Number, Kind::Phone] {
            let rows = labels(kind, &KeyState::default(), Language::English);
            assert_eq!(rows[0][..3], ["1", "2", "3"], "{kind:?}: {rows:?}");
            assert_eq!(rows[2][..3], ["7", "8", "9"], "{kind:?}: {rows:?}");
        }
    }

    #[test]
    fn an_email_field_gets_at_and_dot_com_and_no_space_bar() {
        let rows = rows(
            Kind::Email,
            &KeyState::default(),
            LetterLayout::Qwerty,
            &Tr::new(Language::English),
        );
        let last = rows.last().expect("a last row");
        assert!(last.iter().any(|k| k.label == "@"));
        assert!(last.iter().any(|k| k.label == ".com"));
        assert!(!last.iter().any(|k| k.press == Press::Text(" ".into())));
    }

    #[test]
    fn arabic_text_gets_arabic_letters_with_a_key_to_latin_and_back() {
        let mut state = KeyState::default();
        let rows = labels(Kind::Text, &state, Language::Arabic);
        assert!(rows[1].contains(&"\u{0627}".to_owned()), "alef: {rows:?}");
        assert!(
            rows.last()
                .is_some_and(|row| row.contains(&"ABC".to_owned()))
        );
        state.press(Press::Latin(true));
        let rows = labels(Kind::Text, &state, Language::Arabic);
        assert!(rows[0].contains(&"q".to_owned()), "{rows:?}");
        // An e-mail address is typed in Latin letters whatever the language.
        let rows = labels(Kind::Email, &KeyState::default(), Language::Arabic);
        assert!(rows[0].contains(&"q".to_owned()), "{rows:?}");
    }

    #[test]
    fn shift_shows_capitals_on_the_keys() {
        let mut state = KeyState::default();
        state.press(Press::Shift);
        let rows = labels(Kind::Text, &state, Language::English);
        assert!(rows[0].contains(&"Q".to_owned()), "{rows:?}");
    }
}
