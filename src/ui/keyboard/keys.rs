//! The keyboard's key state machine, apart from the drawing: what a press
//! does to Shift, the page and the alphabet, what it types, and when a
//! held Backspace repeats. Pure: unit-tested without a window.

use egui::Key;

/// Held Backspace repeats after this long, this often (seconds).
const REPEAT_AFTER: f64 = 0.5;
const REPEAT_EVERY: f64 = 0.07;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Page {
    Letters,
    Symbols,
    Accents,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Shift {
    Off,
    /// The next letter only.
    Once,
    /// Caps lock (a second tap on Shift).
    Locked,
}

/// What a key does.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Press {
    Text(String),
    Key(Key),
    Shift,
    Page(Page),
    /// Latin letters (`true`) or the language's own (`false`).
    Latin(bool),
    Hide,
}

/// What a press asks of the field.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Typed {
    /// Text to insert (Shift applied).
    Text(String),
    /// A key to send (Backspace, Enter).
    Key(Key),
    /// Typing is over: the field gives up the focus.
    Hide,
    /// Only the keyboard changed (Shift, a page, the alphabet).
    Nothing,
}

/// The keyboard's own state: the page, Shift, the alphabet, a held
/// Backspace.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct KeyState {
    pub(super) page: Page,
    pub(super) shift: Shift,
    /// Latin letters chosen instead of the language's own (Arabic).
    pub(super) latin: bool,
    /// When Backspace was pressed down and when it last repeated.
    backspace: Option<(f64, f64)>,
}

impl Default for KeyState {
    fn default() -> KeyState {
        KeyState {
            page: Page::Letters,
            shift: Shift::Off,
            latin: false,
            backspace: None,
        }
    }
}

impl KeyState {
    /// The keyboard opens for another field: the first page, no Shift (the
    /// alphabet chosen stays).
    pub(super) fn open(&mut self) {
        self.page = Page::Letters;
        self.shift = Shift::Off;
        self.backspace = None;
    }

    /// The keyboard closes.
    pub(super) fn close(&mut self) {
        self.backspace = None;
    }

    /// A key was tapped (released on it).
    pub(super) fn press(&mut self, press: Press) -> Typed {
        match press {
            Press::Text(text) => {
                let text = match self.shift {
                    Shift::Off => text,
                    Shift::Once | Shift::Locked => text.to_uppercase(),
                };
                if self.shift == Shift::Once {
                    self.shift = Shift::Off;
                }
                Typed::Text(text)
            }
            // Released after repeating: the repeats were the deletes.
            Press::Key(Key::Backspace) if self.backspace.is_some_and(|(_, n)| n > 0.0) => {
                Typed::Nothing
            }
            Press::Key(key) => Typed::Key(key),
            Press::Shift => {
                self.shift = match self.shift {
                    Shift::Off => Shift::Once,
                    Shift::Once => Shift::Locked,
                    Shift::Locked => Shift::Off,
                };
                Typed::Nothing
            }
            Press::Page(page) => {
                self.page = page;
                self.shift = Shift::Off;
                Typed::Nothing
            }
            Press::Latin(latin) => {
                self.latin = latin;
                self.page = Page::Letters;
                self.shift = Shift::Off;
                Typed::Nothing
            }
            Press::Hide => Typed::Hide,
        }
    }

    /// Backspace is held down at `now` (seconds): whether a repeat is due.
    pub(super) fn backspace_held(&mut self, now: f64) -> bool {
        let (since, last) = *self.backspace.get_or_insert((now, 0.0));
        let due = if last > 0.0 {
            last + REPEAT_EVERY
        } else {
            since + REPEAT_AFTER
        };
        if now >= due {
            self.backspace = Some((since, now));
        }
        now >= due
    }

    /// No pointer is down any more: a held Backspace is let go.
    pub(super) fn released(&mut self) {
        self.backspace = None;
    }

    /// Whether a key shows as switched on (Shift).
    pub(super) fn lit(&self, press: &Press) -> bool {
        match press {
            Press::Shift => self.shift != Shift::Off,
            Press::Text(_) | Press::Key(_) | Press::Page(_) | Press::Latin(_) | Press::Hide => {
                false
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(state: &mut KeyState, text: &str) -> Typed {
        state.press(Press::Text(text.into()))
    }

    #[test]
    fn shift_once_capitalises_one_letter_twice_locks_three_times_off() {
        let mut state = KeyState::default();
        state.press(Press::Shift);
        assert!(state.lit(&Press::Shift));
        assert_eq!(typed(&mut state, "a"), Typed::Text("A".into()));
        assert_eq!(typed(&mut state, "b"), Typed::Text("b".into()));
        state.press(Press::Shift);
        state.press(Press::Shift);
        assert_eq!(typed(&mut state, "c"), Typed::Text("C".into()));
        assert_eq!(typed(&mut state, "d"), Typed::Text("D".into()));
        state.press(Press::Shift);
        assert!(!state.lit(&Press::Shift));
        assert_eq!(typed(&mut state, "e"), Typed::Text("e".into()));
    }

    #[test]
    fn a_page_or_alphabet_switch_drops_shift_and_opening_starts_on_letters() {
        let mut state = KeyState::default();
        state.press(Press::Shift);
        assert_eq!(state.press(Press::Page(Page::Symbols)), Typed::Nothing);
        assert_eq!((state.page, state.shift), (Page::Symbols, Shift::Off));
        state.press(Press::Latin(true));
        assert_eq!(state.page, Page::Letters);
        assert!(state.latin);
        state.press(Press::Page(Page::Accents));
        state.open();
        assert_eq!(state.page, Page::Letters);
        assert!(state.latin, "the alphabet chosen stays");
    }

    #[test]
    fn a_held_backspace_repeats_after_half_a_second_then_every_70_ms() {
        let mut state = KeyState::default();
        assert!(!state.backspace_held(10.0));
        assert!(!state.backspace_held(10.4));
        assert!(state.backspace_held(10.5));
        assert!(!state.backspace_held(10.55));
        assert!(state.backspace_held(10.58));
        // Released after repeating: the release deletes nothing more.
        assert_eq!(state.press(Press::Key(Key::Backspace)), Typed::Nothing);
        state.released();
        assert_eq!(
            state.press(Press::Key(Key::Backspace)),
            Typed::Key(Key::Backspace)
        );
    }

    #[test]
    fn hide_and_keys_pass_through() {
        let mut state = KeyState::default();
        assert_eq!(state.press(Press::Hide), Typed::Hide);
        assert_eq!(state.press(Press::Key(Key::Enter)), Typed::Key(Key::Enter));
    }
}
