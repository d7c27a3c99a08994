//! A kiosk in a brand's colours without code: the `[brand]` table of the
//! configuration (accent, background, text, the text on the accent, error
//! text, corner radius, a font file, a logo), **checked at load**: colours
//! that would put any text under 4.5:1 (WCAG AA), or the accent under 3:1
//! against the background (a control's edge), are refused with a message
//! naming the pair and its ratio. The window applies it (`ui::branding`).

use std::path::PathBuf;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Text must stand out this much from what is behind it (WCAG 2 AA).
pub const TEXT_CONTRAST: f32 = 4.5;
/// A control (the accent's buttons, the progress bar) against the page.
pub const CONTROL_CONTRAST: f32 = 3.0;

/// An sRGB colour, written `"#1e64c8"` in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Colour(pub [u8; 3]);

impl Colour {
    pub fn parse(text: &str) -> Option<Colour> {
        let hex = text.trim().strip_prefix('#')?;
        let hex = match hex.len() {
            6 => hex.to_owned(),
            3 => hex.chars().flat_map(|c| [c, c]).collect(),
            _ => return None,
        };
        let byte = |at: usize| u8::from_str_radix(hex.get(at..at + 2)?, 16).ok();
        Some(Colour([byte(0)?, byte(2)?, byte(4)?]))
    }

    /// Relative luminance (WCAG 2).
    pub fn luminance(self) -> f32 {
        let channel = |v: u8| {
            let v = f32::from(v) / 255.0;
            if v <= 0.039_28 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        let [r, g, b] = self.0;
        0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }

    /// `self` moved `amount` (0 to 1) of the way towards `other`.
    pub fn mix(self, other: Colour, amount: f32) -> Colour {
        let blend = |a: u8, b: u8| {
            (f32::from(a) + (f32::from(b) - f32::from(a)) * amount.clamp(0.0, 1.0)).round() as u8
        };
        Colour([
            blend(self.0[0], other.0[0]),
            blend(self.0[1], other.0[1]),
            blend(self.0[2], other.0[2]),
        ])
    }
}

impl std::fmt::Display for Colour {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let [r, g, b] = self.0;
        write!(f, "#{r:02x}{g:02x}{b:02x}")
    }
}

impl Serialize for Colour {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Colour {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Colour, D::Error> {
        let text = String::deserialize(deserializer)?;
        Colour::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "\"{text}\" is not a colour; expected \"#rrggbb\", e.g. \"#1e64c8\""
            ))
        })
    }
}

/// WCAG 2 contrast ratio of two colours (1 to 21).
pub fn contrast(a: Colour, b: Colour) -> f32 {
    let (la, lb) = (a.luminance(), b.luminance());
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// The `[brand]` table. Every field is optional; what is not given comes
/// from the theme.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Brand {
    /// Buttons, chosen answers, the progress bar, the keyboard's keys.
    pub accent: Option<Colour>,
    /// Text on the accent (default: white or black, whichever reads better).
    pub accent_text: Option<Colour>,
    /// The page behind everything.
    pub background: Option<Colour>,
    /// Every text.
    pub text: Option<Colour>,
    /// Messages about a problem (default: the theme's red, or a lighter
    /// red on a dark background).
    pub error: Option<Colour>,
    /// Rounded corners of buttons, fields and panels, in points (0 to 40).
    pub corner_radius: Option<f32>,
    /// A TrueType or OpenType font file for every text (the bundled fonts
    /// stay behind it for the scripts it lacks).
    pub font: Option<PathBuf>,
    /// The attract screen's logo (as the top-level `logo`, which it
    /// replaces when both are given).
    pub logo: Option<PathBuf>,
}

/// The colours a screen is drawn with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Palette {
    pub background: Colour,
    /// Buttons' and fields' own fill, a little apart from the background.
    pub surface: Colour,
    pub text: Colour,
    pub accent: Colour,
    pub accent_text: Colour,
    pub error: Colour,
}

const WHITE: Colour = Colour([255, 255, 255]);
const BLACK: Colour = Colour([0, 0, 0]);

/// Why a brand cannot be used, in words naming the field.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum BrandError {
    #[error(
        "[brand] {front} {front_colour} on {back} {back_colour} is {ratio:.2}:1; text needs at \
         least {TEXT_CONTRAST}:1 (WCAG AA): choose a darker or lighter colour"
    )]
    TextContrast {
        front: &'static str,
        front_colour: Colour,
        back: &'static str,
        back_colour: Colour,
        ratio: f32,
    },
    #[error(
        "[brand] accent {accent} on background {background} is {ratio:.2}:1; buttons and the \
         progress bar need at least {CONTROL_CONTRAST}:1 against the page"
    )]
    ControlContrast {
        accent: Colour,
        background: Colour,
        ratio: f32,
    },
    #[error("[brand] corner_radius is {0}; expected 0 to 40 (points)")]
    CornerRadius(f32),
    #[error("[brand] font {path}: {reason}")]
    Font { path: PathBuf, reason: String },
}

impl Brand {
    /// Whether the table sets anything.
    pub fn is_set(&self) -> bool {
        *self != Brand::default()
    }

    /// The palette of a screen: the brand's colours over the theme's.
    pub fn palette(&self, theme: &Palette) -> Palette {
        let background = self.background.unwrap_or(theme.background);
        let text = self.text.unwrap_or(theme.text);
        let accent = self.accent.unwrap_or(theme.accent);
        let dark = background.luminance() < 0.2;
        let accent_text = self.accent_text.unwrap_or_else(|| {
            if self.accent.is_none() {
                theme.accent_text
            } else if contrast(WHITE, accent) >= contrast(BLACK, accent) {
                WHITE
            } else {
                BLACK
            }
        });
        let error = self.error.unwrap_or(if self.background.is_none() {
            theme.error
        } else if dark {
            Colour([255, 130, 130])
        } else {
            Colour([180, 20, 20])
        });
        let surface = if self.background.is_none() && self.text.is_none() {
            theme.surface
        } else {
            background.mix(text, 0.08)
        };
        Palette {
            background,
            surface,
            text,
            accent,
            accent_text,
            error,
        }
    }

    /// Refuses a brand that would put text under 4.5:1 (or the accent under
    /// 3:1 against the page), naming the pair and its ratio; a corner
    /// radius out of range; a font file that cannot be read as a font.
    pub fn check(&self, theme: &Palette) -> Result<(), BrandError> {
        if let Some(radius) = self.corner_radius
            && !(0.0..=40.0).contains(&radius)
        {
            return Err(BrandError::CornerRadius(radius));
        }
        if let Some(path) = &self.font {
            check_font(path)?;
        }
        let p = self.palette(theme);
        let pairs = [
            ("text", p.text, "background", p.background),
            ("text", p.text, "the buttons' fill", p.surface),
            ("accent_text", p.accent_text, "accent", p.accent),
            ("error", p.error, "background", p.background),
        ];
        for (front, front_colour, back, back_colour) in pairs {
            let ratio = contrast(front_colour, back_colour);
            if ratio < TEXT_CONTRAST {
                return Err(BrandError::TextContrast {
                    front,
                    front_colour,
                    back,
                    back_colour,
                    ratio,
                });
            }
        }
        let ratio = contrast(p.accent, p.background);
        if self.accent.is_some() && ratio < CONTROL_CONTRAST {
            return Err(BrandError::ControlContrast {
                accent: p.accent,
                background: p.background,
                ratio,
            });
        }
        Ok(())
    }
}

/// The font file exists and is a font (checked at load, so a kiosk never
/// starts with text it cannot draw).
fn check_font(path: &std::path::Path) -> Result<(), BrandError> {
    let failed = |reason: String| BrandError::Font {
        path: path.to_owned(),
        reason,
    };
    let bytes = std::fs::read(path).map_err(|e| failed(e.to_string()))?;
    skrifa::FontRef::new(&bytes)
        .map(drop)
        .map_err(|e| failed(format!("not a TrueType or OpenType font ({e})")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn theme() -> Palette {
        Palette {
            background: Colour([247, 248, 250]),
            surface: Colour([230, 230, 230]),
            text: Colour([60, 60, 60]),
            accent: Colour([30, 100, 200]),
            accent_text: WHITE,
            error: Colour([190, 20, 20]),
        }
    }

    fn brand(text: &str) -> Brand {
        toml::from_str(text).expect("a brand table")
    }

    #[test]
    fn colours_read_as_hex() {
        assert_eq!(Colour::parse("#1e64c8"), Some(Colour([30, 100, 200])));
        assert_eq!(Colour::parse("#fff"), Some(WHITE));
        assert_eq!(Colour::parse("1e64c8"), None);
        assert_eq!(Colour::parse("#12345"), None);
        assert!(toml::from_str::<Brand>("accent = \"blue\"").is_err());
    }

    #[test]
    fn a_readable_brand_passes_and_picks_the_text_on_its_accent() {
        let b = brand("accent = \"#ffd200\"\nbackground = \"#ffffff\"\ntext = \"#202020\"");
        // Yellow: black reads on it, white does not. The accent against
        // white is under 3:1 though: refused, naming the pair.
        assert_eq!(b.palette(&theme()).accent_text, BLACK);
        let error = b.check(&theme()).expect_err("a pale accent on white");
        assert!(
            error
                .to_string()
                .contains("accent #ffd200 on background #ffffff"),
            "{error}"
        );
        let b = brand("accent = \"#005a9c\"\nbackground = \"#ffffff\"\ntext = \"#202020\"");
        assert_eq!(b.check(&theme()), Ok(()));
        assert_eq!(b.palette(&theme()).accent_text, WHITE);
    }

    #[test]
    fn text_under_4_5_to_1_is_refused_naming_the_pair_and_its_ratio() {
        let b = brand("background = \"#ffffff\"\ntext = \"#999999\"");
        let error = b.check(&theme()).expect_err("grey on white");
        assert_eq!(
            error.to_string(),
            "[brand] text #999999 on background #ffffff is 2.85:1; text needs at least 4.5:1 \
             (WCAG AA): choose a darker or lighter colour"
        );
        let b = brand("accent = \"#3399ff\"\naccent_text = \"#ffffff\"");
        let error = b.check(&theme()).expect_err("white on a light blue");
        assert!(
            error
                .to_string()
                .contains("accent_text #ffffff on accent #3399ff"),
            "{error}"
        );
    }

    #[test]
    fn a_dark_background_gets_a_light_error_colour() {
        let b = brand("background = \"#101820\"\ntext = \"#f0f0f0\"\naccent = \"#ffb000\"");
        assert_eq!(b.check(&theme()), Ok(()));
        assert!(contrast(b.palette(&theme()).error, Colour([16, 24, 32])) >= TEXT_CONTRAST);
    }

    #[test]
    fn a_font_that_is_not_a_font_is_refused() {
        let path = std::env::temp_dir().join(format!("not-a-font-{}.ttf", std::process::id()));
        std::fs::write(&path, b"hello").expect("a file");
        let b = Brand {
            font: Some(path.clone()),
            ..Brand::default()
        };
        assert!(matches!(b.check(&theme()), Err(BrandError::Font { .. })));
        let _ = std::fs::remove_file(path);
    }
}
