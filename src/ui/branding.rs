//! The `[brand]` table applied over the theme: colours on every screen and
//! the on-screen keyboard (they all read the style), rounded corners, and a
//! brand font in front of the bundled ones. The colours were checked when
//! the configuration loaded ([`crate::brand::Brand::check`]).

use egui::{Color32, CornerRadius, FontData, FontFamily, FontInsert, Stroke};

use crate::brand::{Colour, Palette};
use crate::config::Config;

fn colour(c: Colour) -> Color32 {
    let [r, g, b] = c.0;
    Color32::from_rgb(r, g, b)
}

/// Applies `config.brand` over the theme already applied; nothing when the
/// table is empty. Reads the brand font's file (at start or a relaunch,
/// never in a frame).
pub fn apply(ctx: &egui::Context, config: &Config) {
    let brand = &config.brand;
    if !brand.is_set() {
        return;
    }
    let palette = brand.palette(&config.theme.palette());
    let colours_set = brand.background.is_some() || brand.text.is_some();
    ctx.all_styles_mut(|style| {
        let visuals = &mut style.visuals;
        if colours_set {
            paint_page(visuals, &palette);
        }
        if brand.accent.is_some() || brand.accent_text.is_some() {
            visuals.selection.bg_fill = colour(palette.accent);
            visuals.selection.stroke.color = colour(palette.accent_text);
        }
        if brand.error.is_some() || brand.background.is_some() {
            visuals.error_fg_color = colour(palette.error);
        }
        if let Some(radius) = brand.corner_radius {
            let radius = CornerRadius::same(radius.round().clamp(0.0, 40.0) as u8);
            for widget in widgets(visuals) {
                widget.corner_radius = radius;
            }
            visuals.window_corner_radius = radius;
            visuals.menu_corner_radius = radius;
        }
    });
    if let Some(path) = &brand.font {
        match std::fs::read(path) {
            Ok(bytes) => ctx.add_font(FontInsert::new(
                "brand",
                FontData::from_owned(bytes),
                vec![egui::epaint::text::InsertFontFamily {
                    family: FontFamily::Proportional,
                    priority: egui::epaint::text::FontPriority::Highest,
                }],
            )),
            Err(error) => {
                tracing::warn!(path = %path.display(), %error, "the brand font cannot be read");
            }
        }
    }
}

fn widgets(visuals: &mut egui::Visuals) -> [&mut egui::style::WidgetVisuals; 5] {
    let w = &mut visuals.widgets;
    [
        &mut w.noninteractive,
        &mut w.inactive,
        &mut w.hovered,
        &mut w.active,
        &mut w.open,
    ]
}

/// The page, text and the controls' fills in the brand's colours.
fn paint_page(visuals: &mut egui::Visuals, palette: &Palette) {
    let background = colour(palette.background);
    let text = colour(palette.text);
    let surface = colour(palette.surface);
    visuals.panel_fill = background;
    visuals.window_fill = background;
    visuals.extreme_bg_color = background;
    visuals.faint_bg_color = surface;
    visuals.weak_text_color = Some(text);
    visuals.hyperlink_color = text;
    let hovered = colour(palette.surface.mix(palette.text, 0.08));
    for widget in widgets(visuals) {
        widget.fg_stroke.color = text;
        widget.bg_fill = surface;
        widget.weak_bg_fill = surface;
    }
    visuals.widgets.hovered.bg_fill = hovered;
    visuals.widgets.hovered.weak_bg_fill = hovered;
    // A field's edge: the text's colour, so it shows on any background.
    visuals.widgets.inactive.bg_stroke = Stroke::new(1.5, text);
    visuals.widgets.noninteractive.bg_stroke.color = colour(palette.surface.mix(palette.text, 0.3));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Theme;

    fn ctx_with(config: &Config) -> egui::Context {
        let ctx = egui::Context::default();
        crate::ui::theme::apply(&ctx, config.theme, 1.0);
        apply(&ctx, config);
        ctx
    }

    #[test]
    fn the_config_palette_is_the_themes_own() {
        for theme in [Theme::Light, Theme::Dark, Theme::HighContrast] {
            let config = Config {
                theme,
                ..Config::default()
            };
            let ctx = ctx_with(&config);
            let style = ctx.global_style();
            let v = &style.visuals;
            let p = theme.palette();
            assert_eq!(v.panel_fill, colour(p.background), "{theme:?} background");
            assert_eq!(v.selection.bg_fill, colour(p.accent), "{theme:?} accent");
            assert_eq!(
                v.selection.stroke.color,
                colour(p.accent_text),
                "{theme:?} accent text"
            );
            assert_eq!(v.error_fg_color, colour(p.error), "{theme:?} error");
            assert_eq!(
                v.widgets.inactive.fg_stroke.color,
                colour(p.text),
                "{theme:?} text"
            );
            assert_eq!(
                v.widgets.inactive.weak_bg_fill,
                colour(p.surface),
                "{theme:?} surface"
            );
        }
    }

    #[test]
    fn a_brand_colours_the_page_the_buttons_and_the_accent() {
        let config = Config::parse(
            "[brand]\naccent = \"#005a9c\"\nbackground = \"#fffaf0\"\ntext = \"#1a1a1a\"\n\
             corner_radius = 16",
        )
        .expect("a readable brand");
        let ctx = ctx_with(&config);
        let style = ctx.global_style();
        let v = &style.visuals;
        assert_eq!(v.panel_fill, Color32::from_rgb(0xff, 0xfa, 0xf0));
        assert_eq!(v.selection.bg_fill, Color32::from_rgb(0x00, 0x5a, 0x9c));
        assert_eq!(v.selection.stroke.color, Color32::WHITE);
        assert_eq!(
            v.widgets.inactive.fg_stroke.color,
            Color32::from_rgb(26, 26, 26)
        );
        assert_eq!(v.widgets.inactive.corner_radius, CornerRadius::same(16));
    }
}
