//! The configuration's choices among named values (`theme = "dark"`,
//! `offline = "capture"`, …), and the theme's own colours under `[brand]`.

use serde::{Deserialize, Serialize};

use crate::brand::{Colour, Palette};

/// `attract = "button" | "first_question"`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttractMode {
    #[default]
    Button,
    FirstQuestion,
}

/// `offline = "off" | "capture"`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OfflineMode {
    #[default]
    Off,
    Capture,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    #[default]
    Light,
    Dark,
    HighContrast,
}

impl Theme {
    /// The theme's own colours, under any `[brand]` (the window's theme,
    /// `ui::theme`, draws with these; a test there keeps them equal).
    pub fn palette(self) -> Palette {
        let grey = |v: u8| Colour([v, v, v]);
        match self {
            Theme::Light => Palette {
                background: Colour([247, 248, 250]),
                surface: grey(230),
                text: grey(60),
                accent: Colour([30, 100, 200]),
                accent_text: grey(255),
                error: Colour([190, 20, 20]),
            },
            Theme::Dark => Palette {
                background: grey(27),
                surface: grey(50),
                text: grey(215),
                accent: Colour([0, 92, 128]),
                accent_text: Colour([192, 222, 255]),
                error: Colour([255, 100, 100]),
            },
            Theme::HighContrast => Palette {
                background: grey(0),
                surface: grey(0),
                text: grey(255),
                accent: Colour([255, 230, 0]),
                accent_text: grey(0),
                error: Colour([255, 120, 120]),
            },
        }
    }
}

/// When the on-screen keyboard shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyboardMode {
    /// Until a physical key press is seen (forgotten at every reset).
    #[default]
    Auto,
    OnScreen,
    Physical,
}

/// The on-screen keyboard's letter rows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LetterLayout {
    #[default]
    Qwerty,
    Azerty,
    Qwertz,
}
