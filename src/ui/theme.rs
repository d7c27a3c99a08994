//! Sizes and colours: readable at arm's length, large touch targets, and a
//! high-contrast option. Every screen and widget reads these from the style.

use egui::{Color32, FontFamily, FontId, Stroke, TextStyle, Visuals};

use crate::config::Theme;

/// Base text size in points at `text_scale = 1.0`.
pub const BASE_TEXT: f32 = 20.0;

/// Applies the theme and text size to every style egui keeps.
pub fn apply(ctx: &egui::Context, theme: Theme, text_scale: f32) {
    let visuals = match theme {
        Theme::Light => light(),
        Theme::Dark => dark(),
        Theme::HighContrast => high_contrast(),
    };
    let egui_theme = if visuals.dark_mode {
        egui::Theme::Dark
    } else {
        egui::Theme::Light
    };
    ctx.set_theme(egui_theme);
    ctx.set_visuals_of(egui_theme, visuals);
    let size = |points: f32| points * text_scale;
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (
                TextStyle::Small,
                FontId::new(size(16.0), FontFamily::Proportional),
            ),
            (
                TextStyle::Body,
                FontId::new(size(BASE_TEXT), FontFamily::Proportional),
            ),
            (
                TextStyle::Button,
                FontId::new(size(BASE_TEXT), FontFamily::Proportional),
            ),
            (
                TextStyle::Heading,
                FontId::new(size(30.0), FontFamily::Proportional),
            ),
            (
                TextStyle::Monospace,
                FontId::new(size(18.0), FontFamily::Monospace),
            ),
            (title(), FontId::new(size(46.0), FontFamily::Proportional)),
        ]
        .into();
        let spacing = &mut style.spacing;
        spacing.item_spacing = egui::vec2(12.0, 12.0) * text_scale;
        spacing.button_padding = egui::vec2(18.0, 10.0) * text_scale;
        spacing.interact_size = egui::vec2(48.0, 48.0) * text_scale;
        spacing.icon_width = 26.0 * text_scale;
        spacing.icon_width_inner = 14.0 * text_scale;
        spacing.icon_spacing = 10.0 * text_scale;
        spacing.combo_height = 400.0;
        spacing.scroll.bar_width = 14.0;
        spacing.scroll.floating = false;
        style.interaction.selectable_labels = false;
    });
}

/// The frame of a screen's panels (the central one and the bars): its
/// margins, and no fill. The window is cleared to the panel colour before
/// each frame is painted ([`clear_color`]), so a panel filled with it again
/// would only paint every pixel a second time: on a software renderer (a
/// kiosk without a GPU) that fill is the largest part of a frame's paint.
pub fn panel_frame(style: &egui::Style) -> egui::Frame {
    egui::Frame::central_panel(style).fill(Color32::TRANSPARENT)
}

/// What the window is cleared to before each frame: the panel colour, which
/// [`panel_frame`]'s panels leave as it is.
pub fn clear_color(visuals: &Visuals) -> [f32; 4] {
    visuals.panel_fill.to_normalized_gamma_f32()
}

/// The attract screen's and end screens' large heading.
pub fn title() -> TextStyle {
    TextStyle::Name("Title".into())
}

fn light() -> Visuals {
    let mut visuals = Visuals::light();
    visuals.panel_fill = Color32::from_rgb(247, 248, 250);
    visuals.window_fill = Color32::WHITE;
    visuals.extreme_bg_color = Color32::WHITE;
    visuals.selection.bg_fill = Color32::from_rgb(30, 100, 200);
    visuals.selection.stroke = Stroke::new(2.0, Color32::WHITE);
    visuals.hyperlink_color = Color32::from_rgb(20, 80, 170);
    visuals.error_fg_color = Color32::from_rgb(190, 20, 20);
    // Hints and countdowns: 7.5:1 on the panel (egui's default is fainter).
    visuals.weak_text_color = Some(Color32::from_gray(80));
    // A text field has a visible edge before it is touched.
    visuals.widgets.inactive.bg_stroke = Stroke::new(1.5, Color32::from_gray(120));
    // Disabled controls: 3.6:1, against 8.8:1 enabled (egui's 0.5: 2.6:1).
    visuals.disabled_alpha = DISABLED_ALPHA;
    visuals
}

fn dark() -> Visuals {
    let mut visuals = Visuals::dark();
    // Hints and countdowns: 9:1 on the panel.
    visuals.weak_text_color = Some(Color32::from_gray(190));
    visuals.widgets.inactive.bg_stroke = Stroke::new(1.5, Color32::from_gray(150));
    // Error text: 6:1 on the panel (egui's pure red: 4.3:1).
    visuals.error_fg_color = Color32::from_rgb(255, 100, 100);
    // Disabled controls: 5.1:1, against 8.9:1 enabled.
    visuals.disabled_alpha = DISABLED_ALPHA;
    visuals
}

/// White on black, yellow for what is chosen or focused: WCAG AAA contrast.
fn high_contrast() -> Visuals {
    let mut visuals = Visuals::dark();
    let fg = Color32::WHITE;
    let accent = Color32::from_rgb(255, 230, 0);
    // No override of the text colour: a chosen answer's text is black on
    // the yellow (19:1), everything else white on black (21:1). Hints and
    // a field's placeholder a light grey (12.6:1): a placeholder does not
    // look typed.
    visuals.weak_text_color = Some(Color32::from_gray(200));
    visuals.disabled_alpha = DISABLED_ALPHA;
    visuals.panel_fill = Color32::BLACK;
    visuals.window_fill = Color32::BLACK;
    visuals.extreme_bg_color = Color32::BLACK;
    visuals.faint_bg_color = Color32::from_gray(20);
    visuals.selection.bg_fill = accent;
    visuals.selection.stroke = Stroke::new(3.0, Color32::BLACK);
    visuals.error_fg_color = Color32::from_rgb(255, 120, 120);
    visuals.warn_fg_color = accent;
    for widget in [
        &mut visuals.widgets.noninteractive,
        &mut visuals.widgets.inactive,
        &mut visuals.widgets.hovered,
        &mut visuals.widgets.active,
        &mut visuals.widgets.open,
    ] {
        widget.bg_stroke = Stroke::new(2.0, fg);
        widget.fg_stroke = Stroke::new(2.0, fg);
        widget.bg_fill = Color32::BLACK;
        widget.weak_bg_fill = Color32::BLACK;
    }
    visuals.widgets.hovered.bg_stroke = Stroke::new(3.0, accent);
    visuals.widgets.active.bg_stroke = Stroke::new(3.0, accent);
    visuals
}

/// How much of a disabled control's colour shows over what is behind it:
/// at least 3:1 in every theme, and visibly fainter than enabled.
const DISABLED_ALPHA: f32 = 0.65;

/// The colour `color` looks when drawn disabled over `background` (egui
/// multiplies a disabled widget's opacity by `disabled_alpha`), for what
/// the kiosk paints itself.
pub fn disabled(visuals: &Visuals, color: Color32, background: Color32) -> Color32 {
    over(color, background, visuals.disabled_alpha())
}

/// `color` at `alpha` over an opaque `background` (blended as egui does, in
/// gamma space).
fn over(color: Color32, background: Color32, alpha: f32) -> Color32 {
    let mix = |c: u8, b: u8| (f32::from(b) + (f32::from(c) - f32::from(b)) * alpha).round() as u8;
    Color32::from_rgb(
        mix(color.r(), background.r()),
        mix(color.g(), background.g()),
        mix(color.b(), background.b()),
    )
}

/// The outline of the control that has the keyboard focus: of the
/// selection's two colours, the one that stands out on the page (the
/// selection's text colour is white in the light theme, black in high
/// contrast: as an outline on the page it would not show).
pub fn focus_color(visuals: &Visuals) -> Color32 {
    let (stroke, fill) = (visuals.selection.stroke.color, visuals.selection.bg_fill);
    if contrast(stroke, visuals.panel_fill) >= contrast(fill, visuals.panel_fill) {
        stroke
    } else {
        fill
    }
}

/// WCAG 2 contrast ratio of two colours (1 to 21).
pub fn contrast(a: Color32, b: Color32) -> f32 {
    fn luminance(c: Color32) -> f32 {
        let channel = |v: u8| {
            let v = f32::from(v) / 255.0;
            if v <= 0.039_28 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(c.r()) + 0.7152 * channel(c.g()) + 0.0722 * channel(c.b())
    }
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx_with(theme: Theme) -> egui::Context {
        let ctx = egui::Context::default();
        apply(&ctx, theme, 1.0);
        ctx
    }

    #[test]
    fn chosen_answers_hints_and_fields_are_readable_in_every_theme() {
        for theme in [Theme::Light, Theme::Dark, Theme::HighContrast] {
            let ctx = ctx_with(theme);
            let style = ctx.global_style();
            let visuals = &style.visuals;
            // A chosen answer: the selection's text on the selection's fill.
            let chosen = contrast(visuals.selection.stroke.color, visuals.selection.bg_fill);
            let wanted = if theme == Theme::HighContrast {
                7.0
            } else {
                4.5
            };
            assert!(chosen >= wanted, "{theme:?}: chosen answer {chosen:.1}:1");
            // Hints and countdowns on the panel.
            let weak = contrast(visuals.weak_text_color(), visuals.panel_fill);
            assert!(weak >= 4.5, "{theme:?}: hint text {weak:.1}:1");
            // A text field's edge against the page.
            let edge = contrast(visuals.widgets.inactive.bg_stroke.color, visuals.panel_fill);
            assert!(edge >= 3.0, "{theme:?}: field edge {edge:.1}:1");
            assert!(visuals.override_text_color.is_none(), "{theme:?}");
        }
    }

    #[test]
    fn errors_disabled_controls_placeholders_and_focus_are_readable_in_every_theme() {
        for theme in [Theme::Light, Theme::Dark, Theme::HighContrast] {
            let ctx = ctx_with(theme);
            let style = ctx.global_style();
            let v = &style.visuals;
            let field = v.text_edit_bg_color();
            // Error text on the page, a window and a text field.
            for background in [v.panel_fill, v.window_fill, field] {
                let error = contrast(v.error_fg_color, background);
                assert!(error >= 4.5, "{theme:?}: error text {error:.2}:1");
            }
            // A disabled button: its text and fill faded over the page.
            let inactive = v.widgets.inactive;
            let fill = disabled(v, inactive.weak_bg_fill, v.panel_fill);
            let text = disabled(v, inactive.fg_stroke.color, fill);
            let (off, on) = (
                contrast(text, fill),
                contrast(inactive.fg_stroke.color, inactive.weak_bg_fill),
            );
            assert!(off >= 3.0, "{theme:?}: disabled button {off:.2}:1");
            assert!(
                on >= 1.5 * off,
                "{theme:?}: enabled {on:.1}:1 vs {off:.1}:1"
            );
            // A disabled rank arrow (painted by the kiosk) on its row.
            let row = v.widgets.noninteractive.weak_bg_fill;
            let arrow = disabled(v, inactive.fg_stroke.color, row);
            let (off, on) = (
                contrast(arrow, row),
                contrast(inactive.fg_stroke.color, row),
            );
            assert!(off >= 3.0, "{theme:?}: disabled arrow {off:.2}:1");
            assert!(on >= 1.5 * off, "{theme:?}: arrow {on:.1}:1 vs {off:.1}:1");
            // A field's placeholder: readable, and not the typed text's look.
            let placeholder = contrast(v.weak_text_color(), field);
            assert!(
                placeholder >= 4.5,
                "{theme:?}: placeholder {placeholder:.2}:1"
            );
            if theme == Theme::HighContrast {
                let typed = inactive.text_color();
                let apart = contrast(v.weak_text_color(), typed);
                assert!(apart >= 1.5, "{theme:?}: placeholder vs typed {apart:.2}:1");
            }
            // The focused control's outline, on the page and on a field.
            for background in [v.panel_fill, field] {
                let focus = contrast(focus_color(v), background);
                assert!(focus >= 3.0, "{theme:?}: focus outline {focus:.2}:1");
            }
        }
    }

    #[test]
    fn contrast_matches_wcag() {
        assert!((contrast(Color32::WHITE, Color32::BLACK) - 21.0).abs() < 0.01);
        assert!((contrast(Color32::WHITE, Color32::WHITE) - 1.0).abs() < 0.01);
    }
}
