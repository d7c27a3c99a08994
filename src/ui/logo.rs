//! The attract screen's logo as a texture; the image itself comes from
//! [`crate::logo`] (read and decoded off the UI thread).

use crate::config::Config;

/// The logo to show, loaded as a texture, if any.
pub fn load(ctx: &egui::Context, config: &Config) -> Option<egui::TextureHandle> {
    texture(ctx, crate::logo::image(config)?)
}

/// The logo as a texture.
pub fn texture(ctx: &egui::Context, image: egui::ColorImage) -> Option<egui::TextureHandle> {
    Some(ctx.load_texture("logo", image, egui::TextureOptions::LINEAR))
}
