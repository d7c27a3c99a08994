//! Fonts: egui's defaults plus bundled fallbacks for CJK and Arabic, so surveys
//! in those scripts show glyphs instead of empty boxes.

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

/// Droid Sans Fallback (Apache 2.0): Chinese, Japanese, Korean.
const CJK_NAME: &str = "droid_sans_fallback";
const CJK: &[u8] = include_bytes!("../../assets/fonts/DroidSansFallbackFull.ttf");

/// Noto Sans Arabic (SIL OFL 1.1).
const ARABIC_NAME: &str = "noto_sans_arabic";
const ARABIC: &[u8] = include_bytes!("../../assets/fonts/NotoSansArabic-Regular.ttf");

/// egui's default font definitions with the bundled fallbacks appended to
/// both the proportional and the monospace family.
pub fn definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    for (name, bytes) in [(CJK_NAME, CJK), (ARABIC_NAME, ARABIC)] {
        fonts
            .font_data
            .insert(name.to_owned(), Arc::new(FontData::from_static(bytes)));
        for family in [FontFamily::Proportional, FontFamily::Monospace] {
            fonts
                .families
                .entry(family)
                .or_default()
                .push(name.to_owned());
        }
    }
    fonts
}

/// Installs [`definitions`] on `ctx` (takes effect from the next pass).
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
}
