//! The attract screen's logo as an image: the operator's PNG (`logo` in the
//! configuration), or the bundled one on the embedded demo. Read and decoded
//! off the UI thread (start-up, the configuration watcher, setup's save);
//! `ui::logo` makes it a texture.

use std::io::Cursor;
use std::path::PathBuf;

use crate::config::Config;

const DEMO_LOGO: &[u8] = include_bytes!("../assets/logo.png");
/// Larger images are refused (a logo is small; this bounds the memory).
const MAX_SIDE: u32 = 2048;

/// Why a logo cannot be shown.
#[derive(Debug, thiserror::Error)]
pub enum LogoError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("not a PNG image that can be read: {0}")]
    Decode(#[from] png::DecodingError),
    #[error("the image is {width}×{height}; at most {MAX_SIDE}×{MAX_SIDE} is used")]
    TooLarge { width: u32, height: u32 },
    #[error("unsupported PNG colour type {0:?}")]
    ColourType(png::ColorType),
}

/// Decodes a PNG into an egui image.
pub fn decode(bytes: &[u8]) -> Result<egui::ColorImage, LogoError> {
    let mut decoder = png::Decoder::new(Cursor::new(bytes));
    decoder.set_transformations(
        png::Transformations::normalize_to_color8() | png::Transformations::ALPHA,
    );
    let mut reader = decoder.read_info()?;
    let (width, height) = {
        let info = reader.info();
        (info.width, info.height)
    };
    if width == 0 || height == 0 || width > MAX_SIDE || height > MAX_SIDE {
        return Err(LogoError::TooLarge { width, height });
    }
    let size = reader
        .output_buffer_size()
        .ok_or(LogoError::TooLarge { width, height })?;
    let mut buffer = vec![0; size];
    let frame = reader.next_frame(&mut buffer)?;
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
        other => Err(LogoError::ColourType(other)),
    }
}

/// The configured logo file, read and decoded.
pub fn read(path: &std::path::Path) -> Result<egui::ColorImage, LogoError> {
    let bytes = std::fs::read(path).map_err(|source| LogoError::Read {
        path: path.to_owned(),
        source,
    })?;
    decode(&bytes)
}

/// The logo's image, read and decoded (file I/O: not in a frame). A logo
/// that cannot be shown is logged here and left out.
pub fn image(config: &Config) -> Option<egui::ColorImage> {
    match config.logo_path() {
        Some(path) => match read(path) {
            Ok(image) => Some(image),
            Err(error) => {
                tracing::warn!(path = %path.display(), %error, "the logo cannot be shown");
                None
            }
        },
        None if !config.is_remote() => decode(DEMO_LOGO).ok(),
        None => None,
    }
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
