//! The attract screen's logo: the operator's PNG (`logo` in the
//! configuration), or the bundled one on the embedded demo.

use std::io::Cursor;

use crate::config::Config;

const DEMO_LOGO: &[u8] = include_bytes!("../../assets/logo.png");
/// Larger images are refused (a logo is small; this bounds the memory).
const MAX_SIDE: u32 = 2048;

/// Decodes a PNG into an egui image; `Err` says why not.
pub fn decode(bytes: &[u8]) -> Result<egui::ColorImage, String> {
    let mut decoder = png::Decoder::new(Cursor::new(bytes));
    decoder.set_transformations(
        png::Transformations::normalize_to_color8() | png::Transformations::ALPHA,
    );
    let mut reader = decoder.read_info().map_err(|e| e.to_string())?;
    let (width, height) = {
        let info = reader.info();
        (info.width, info.height)
    };
    if width == 0 || height == 0 || width > MAX_SIDE || height > MAX_SIDE {
        return Err(format!(
            "the image is {width}×{height}; at most {MAX_SIDE}×{MAX_SIDE} is used"
        ));
    }
    let size = reader
        .output_buffer_size()
        .ok_or("the image is too large")?;
    let mut buffer = vec![0; size];
    let frame = reader.next_frame(&mut buffer).map_err(|e| e.to_string())?;
    let bytes = &buffer[..frame.buffer_size()];
    let pixels = [frame.width as usize, frame.height as usize];
    match frame.color_type {
        png::ColorType::Rgba => Ok(egui::ColorImage::from_rgba_unmultiplied(pixels, bytes)),
        png::ColorType::GrayscaleAlpha => {
            let rgba: Vec<u8> = bytes
                .chunks_exact(2)
                .flat_map(|ga| [ga[0], ga[0], ga[0], ga[1]])
                .collect();
            Ok(egui::ColorImage::from_rgba_unmultiplied(pixels, &rgba))
        }
        other => Err(format!("unsupported PNG colour type {other:?}")),
    }
}

/// The logo to show, loaded as a texture, if any.
pub fn load(ctx: &egui::Context, config: &Config) -> Option<egui::TextureHandle> {
    texture(ctx, image(config)?)
}

/// The logo as a texture.
pub fn texture(ctx: &egui::Context, image: egui::ColorImage) -> Option<egui::TextureHandle> {
    Some(ctx.load_texture("logo", image, egui::TextureOptions::LINEAR))
}

/// The logo's image, read and decoded (file I/O: not in a frame).
pub fn image(config: &Config) -> Option<egui::ColorImage> {
    let image = match &config.logo {
        Some(path) => match std::fs::read(path)
            .map_err(|e| e.to_string())
            .and_then(|bytes| decode(&bytes))
        {
            Ok(image) => image,
            Err(reason) => {
                tracing::warn!(path = %path.display(), %reason, "the logo cannot be shown");
                return None;
            }
        },
        None if !config.is_remote() => decode(DEMO_LOGO).ok()?,
        None => return None,
    };
    Some(image)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_logo_decodes_and_junk_does_not() {
        let image = decode(DEMO_LOGO).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(image.size, [192, 192]);
        assert!(decode(b"not a png").is_err());
        assert!(decode(&DEMO_LOGO[..100]).is_err());
    }
}
