//! Fonts: egui's defaults up front, Arabic, Hebrew and CJK on first use.
//!
//! egui's default fonts (Ubuntu Light, Hack, two emoji fonts) cover Latin,
//! Greek and Cyrillic, so English, Spanish, French, German and Portuguese
//! need nothing more. Three bundled fonts cover the other shipped languages
//! and the scripts surveys bring with them:
//!
//! | font | covers | size |
//! |---|---|---|
//! | Noto Sans Arabic (OFL 1.1) | Arabic, Persian, Urdu, Arabic-Indic digits, `؟ ، ٪` | 244 KB |
//! | Noto Sans Hebrew (OFL 1.1) | Hebrew, with points | 27 KB |
//! | Droid Sans Fallback (Apache 2.0) | Chinese, Japanese kana and kanji, full-width forms (not Korean Hangul) | 3.9 MB |
//! | Symbola (free for any use) | emoji and symbols in survey texts (as outlines) | 3.1 MB |
//! | Noto Sans Bold (OFL 1.1) | bold Latin, Greek, Cyrillic (a family of its own: [`bold`]) | 516 KB |
//!
//! They are compiled into the binary (`include_bytes!`), but **not parsed at
//! start**: [`install`] registers a [`egui::FontProvider`] that egui asks
//! the first time it meets a character no installed font has. The provider
//! answers with the bundled font whose character map has it; egui parses
//! that font then (a few milliseconds, once) and appends it to the family's
//! fallback chain, so later text finds it at once. The attract screen in a
//! Latin language therefore starts exactly like a bare eframe window: the
//! first frame parses only egui's own fonts.
//!
//! A language whose words are known to come (the configured default, or a
//! language the respondent just chose) can be made ready ahead of its first
//! frame with [`preload`], e.g. once after the first frame is painted.

use std::sync::Arc;

use egui::{FallbackRequest, FontData, FontFamily, FontId, FontInsert, FontProvider};
use egui::{FontPriority, InsertFontFamily};
use skrifa::MetadataProvider as _;

use crate::i18n::Language;

/// A font compiled into the binary and installed on first use.
#[derive(Clone, Copy, Debug)]
pub struct BundledFont {
    /// The name egui installs it under.
    pub name: &'static str,
    /// The font file.
    pub bytes: &'static [u8],
}

/// Noto Sans Arabic (SIL OFL 1.1): Arabic, Persian, Urdu.
pub const ARABIC: BundledFont = BundledFont {
    name: "noto_sans_arabic",
    bytes: include_bytes!("../../assets/fonts/NotoSansArabic-Regular.ttf"),
};

/// Noto Sans Hebrew (SIL OFL 1.1).
pub const HEBREW: BundledFont = BundledFont {
    name: "noto_sans_hebrew",
    bytes: include_bytes!("../../assets/fonts/NotoSansHebrew-Regular.ttf"),
};

/// Droid Sans Fallback (Apache 2.0): Chinese and Japanese.
pub const CJK: BundledFont = BundledFont {
    name: "droid_sans_fallback",
    bytes: include_bytes!("../../assets/fonts/DroidSansFallbackFull.ttf"),
};

/// Symbola (free for any use, see its licence file): emoji and symbols in
/// question texts, drawn as outlines (egui draws no colour emoji).
pub const EMOJI: BundledFont = BundledFont {
    name: "symbola",
    bytes: include_bytes!("../../assets/fonts/Symbola.ttf"),
};

/// Noto Sans Bold (SIL OFL 1.1): Latin, Greek and Cyrillic in bold, for
/// what a question's HTML makes bold. Not a fallback: its own family
/// ([`bold`]), installed the first time bold text is drawn.
pub const BOLD: BundledFont = BundledFont {
    name: "noto_sans_bold",
    bytes: include_bytes!("../../assets/fonts/NotoSans-Bold.ttf"),
};

/// The name of the bold family.
pub const BOLD_FAMILY: &str = "bold";

/// The bold family for text a question's HTML makes bold, or `None` on the
/// frames before it is installed (show the text in the usual font, with the
/// strong colour, meanwhile). The first call installs it: egui parses the
/// font at the start of the next pass, so startup never pays for it.
/// Characters the bold font lacks (Arabic, CJK, emoji) come from the
/// bundled fallbacks on first use, as in the other families.
pub fn bold(ctx: &egui::Context) -> Option<FontFamily> {
    let family = FontFamily::Name(BOLD_FAMILY.into());
    if ctx.fonts(|fonts| fonts.definitions().families.contains_key(&family)) {
        return Some(family);
    }
    ctx.add_font(FontInsert::new(
        BOLD.name,
        FontData::from_static(BOLD.bytes),
        vec![InsertFontFamily {
            family,
            priority: FontPriority::Highest,
        }],
    ));
    ctx.request_repaint();
    None
}

/// The bundled fonts, in the order the provider asks them.
pub const BUNDLED: [BundledFont; 4] = [ARABIC, HEBREW, CJK, EMOJI];

impl BundledFont {
    /// Whether the font's character map has `c` (reads the file's `cmap`
    /// table; the font is not installed).
    pub fn has_glyph(&self, c: char) -> bool {
        match skrifa::FontRef::new(self.bytes) {
            Ok(font) => font.charmap().map(c).is_some(),
            Err(error) => {
                tracing::error!(font = self.name, %error, "a bundled font cannot be read");
                false
            }
        }
    }

    fn insert(&self, family: &FontFamily) -> FontInsert {
        FontInsert::new(
            self.name,
            FontData::from_static(self.bytes),
            vec![InsertFontFamily {
                family: family.clone(),
                priority: FontPriority::Lowest,
            }],
        )
    }
}

/// Answers egui's "which font has this character?" with a bundled font.
struct OnFirstUse;

impl FontProvider for OnFirstUse {
    fn font_for(&self, request: &FallbackRequest<'_>) -> Option<FontInsert> {
        let c = request.cluster.chars().next()?;
        let font = BUNDLED.iter().find(|font| font.has_glyph(c));
        if let Some(font) = font {
            tracing::debug!(font = font.name, character = %c.escape_unicode(), "loading a bundled font on first use");
            Some(font.insert(request.family))
        } else {
            tracing::debug!(character = %c.escape_unicode(), "no bundled font has this character");
            None
        }
    }
}

/// The provider that installs the bundled fonts on first use (for a
/// `epaint::Fonts` built by hand, e.g. in tests and benchmarks).
pub fn provider() -> Arc<dyn FontProvider> {
    Arc::new(OnFirstUse)
}

/// Makes the bundled fonts available on `ctx`: egui's default fonts stay
/// the only ones parsed at start; Arabic, Hebrew and CJK are parsed when
/// text first needs them (see the module docs). Replaces any other font
/// providers. Cheap: call it before the first frame.
pub fn install(ctx: &egui::Context) {
    ctx.set_font_providers(vec![provider()]);
}

/// egui's default fonts with every bundled font appended to both families,
/// all parsed up front: what [`install`] did before fonts were loaded on
/// first use. For comparisons and tools; the app uses [`install`].
pub fn eager_definitions() -> egui::FontDefinitions {
    let mut fonts = egui::FontDefinitions::default();
    for font in BUNDLED {
        fonts.font_data.insert(
            font.name.to_owned(),
            Arc::new(FontData::from_static(font.bytes)),
        );
        for family in [FontFamily::Proportional, FontFamily::Monospace] {
            fonts
                .families
                .entry(family)
                .or_default()
                .push(font.name.to_owned());
        }
    }
    fonts
}

/// A character of each script a language's own words are written in, whose
/// font is not one of egui's defaults.
fn sample_chars(language: Language) -> &'static [char] {
    match language {
        Language::Arabic | Language::Persian | Language::Urdu => &['\u{0628}'],
        Language::Hebrew => &['\u{05D0}'],
        // Kana and kanji (the same font, asked once per family).
        Language::Japanese => &['\u{3042}', '\u{65E5}'],
        Language::ChineseSimplified => &['\u{4E2D}'],
        _ => &[],
    }
}

/// Parses the fonts `language` needs now rather than on the frame that
/// first shows it (e.g. once the attract screen is painted, or when the
/// respondent picks a language). Returns `false`, doing nothing, before the
/// first frame has run (egui has no fonts yet): call it from the second
/// frame on. Fast when the fonts are already there.
///
/// The language's fonts come before the emoji font in the fallback order:
/// when the emoji font (Symbola, which also draws a few kana such as "の")
/// was discovered earlier, e.g. for a symbol an earlier respondent saw, a
/// font discovered now would only come after it, and "の" would be drawn
/// by Symbola among Droid's kana. Then the language's fonts are added to
/// the configured ones (ahead of every discovered font) from the next pass.
pub fn preload(ctx: &egui::Context, language: Language) -> bool {
    if ctx.cumulative_pass_nr() == 0 {
        return false;
    }
    let chars = sample_chars(language);
    if chars.is_empty() {
        return true;
    }
    let emoji_first = ctx.fonts(|fonts| {
        fonts
            .discovered_fonts()
            .iter()
            .any(|font| font.name == EMOJI.name)
    });
    if emoji_first {
        for font in chars
            .iter()
            .filter_map(|&c| BUNDLED.iter().find(|font| font.has_glyph(c)))
            .filter(|font| font.name != EMOJI.name)
        {
            let mut insert = font.insert(&FontFamily::Proportional);
            insert.families.push(InsertFontFamily {
                family: FontFamily::Monospace,
                priority: FontPriority::Lowest,
            });
            ctx.add_font(insert);
        }
        return true;
    }
    ctx.fonts_mut(|fonts| {
        for family in [FontFamily::Proportional, FontFamily::Monospace] {
            let font_id = FontId::new(14.0, family);
            for &c in chars {
                fonts.has_glyph(&font_id, c);
            }
        }
    });
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_bundled_font_reads_and_covers_its_script() {
        assert!(ARABIC.has_glyph('\u{0628}'), "beh");
        assert!(ARABIC.has_glyph('\u{061F}'), "Arabic question mark");
        assert!(ARABIC.has_glyph('\u{06CC}'), "Persian yeh");
        assert!(ARABIC.has_glyph('\u{06D2}'), "Urdu yeh barree");
        assert!(HEBREW.has_glyph('\u{05D0}'), "alef");
        assert!(HEBREW.has_glyph('\u{05B7}'), "patah");
        assert!(CJK.has_glyph('\u{4E2D}'), "中");
        assert!(CJK.has_glyph('\u{3042}'), "あ");
        assert!(CJK.has_glyph('\u{30AB}'), "カ");
        assert!(CJK.has_glyph('\u{3002}'), "。");
        assert!(CJK.has_glyph('\u{FF1F}'), "full-width ？");
        assert!(!HEBREW.has_glyph('\u{4E2D}'));
        assert!(BOLD.has_glyph('é') && BOLD.has_glyph('ß') && BOLD.has_glyph('\u{0436}'));
    }

    #[test]
    fn the_provider_answers_with_the_font_that_has_the_character() {
        let ask = |c: char| {
            let cluster = c.to_string();
            OnFirstUse
                .font_for(&FallbackRequest {
                    cluster: &cluster,
                    family: &FontFamily::Proportional,
                })
                .map(|insert| insert.name)
        };
        assert_eq!(ask('\u{0645}').as_deref(), Some(ARABIC.name));
        assert_eq!(ask('\u{05E9}').as_deref(), Some(HEBREW.name));
        assert_eq!(ask('\u{8A9E}').as_deref(), Some(CJK.name));
        // Nothing bundled has Ethiopic.
        assert_eq!(ask('\u{1200}'), None);
    }
}
