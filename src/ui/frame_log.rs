//! Benchmarks (`scripts/bench-app.sh`): with `SURVEY_KIOSK_BENCH` set, a
//! line on stderr for every frame, so a launch can be measured to the
//! moment the screen stops changing, not only to the first frame.
//!
//! ```text
//! first-frame-unix-micros <begin of the first frame>
//! frame <n> <begin> <end> <hash> <width>x<height> <discarded> <hashing>
//! ```
//!
//! Times are wall-clock UNIX microseconds (comparable with `date +%s%6N`):
//! `begin` when egui starts the pass (after the previous frame was painted
//! and swapped), `end` when its output is ready (before tessellation and
//! painting). `hash` is a hash of everything the frame paints (every clipped
//! shape, text included, with its texture ids and positions) and of the
//! viewport's size in pixels: two frames with the same hash show the same
//! picture. `discarded` is 1 for a pass egui throws away to run another one
//! at once (`Context::request_discard`): never shown. `hashing` is how
//! long the hash took, in microseconds: it runs before the frame is
//! painted, so it delays the picture by that much (in every app alike).
//!
//! So that a changed picture's time on screen is known, the frame after
//! one whose hash changed is asked for at once: its `begin` is when the
//! changed picture was on screen. That adds one repaint of an unchanged
//! picture per change (to every app measured alike), nothing else.

use std::fmt::Write as _;
use std::hash::{DefaultHasher, Hasher as _};

/// Installs the log on `ctx` when `SURVEY_KIOSK_BENCH` is set; otherwise
/// does nothing.
pub fn install(ctx: &egui::Context) {
    if std::env::var_os("SURVEY_KIOSK_BENCH").is_some() {
        ctx.add_plugin(FrameLog::default());
    }
}

#[derive(Default)]
struct FrameLog {
    frames: u64,
    begin: u128,
    last_hash: Option<u64>,
}

fn unix_micros() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| since.as_micros())
}

/// Feeds `Debug` output into a hasher without building the string.
struct HashWriter(DefaultHasher);

impl std::fmt::Write for HashWriter {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.write(s.as_bytes());
        Ok(())
    }
}

/// A hash of what the frame paints (see the module docs).
pub fn picture_hash(output: &egui::FullOutput, size_px: [u32; 2]) -> u64 {
    let mut writer = HashWriter(DefaultHasher::new());
    // Writing to a hasher cannot fail.
    let _ = write!(
        writer,
        "{:?} {} {:?}",
        size_px, output.pixels_per_point, output.shapes
    );
    writer.0.finish()
}

impl egui::Plugin for FrameLog {
    fn debug_name(&self) -> &'static str {
        "survey-kiosk frame log"
    }

    fn input_hook(&mut self, _ctx: &egui::Context, _input: &mut egui::RawInput) {
        self.begin = unix_micros();
        if self.frames == 0 {
            eprintln!("first-frame-unix-micros {}", self.begin);
        }
    }

    fn output_hook(&mut self, ctx: &egui::Context, output: &mut egui::FullOutput) {
        let end = unix_micros();
        self.frames += 1;
        let max_passes = ctx.options(|o| o.max_passes.get());
        let discarded = output.platform_output.requested_discard()
            && output.platform_output.num_completed_passes < max_passes;
        let rect = ctx.viewport_rect();
        let ppp = output.pixels_per_point;
        let size_px = [
            (rect.width() * ppp).round() as u32,
            (rect.height() * ppp).round() as u32,
        ];
        let hash = picture_hash(output, size_px);
        let hashed = unix_micros().saturating_sub(end);
        eprintln!(
            "frame {} {} {end} {hash:016x} {}x{} {} {hashed}",
            self.frames,
            self.begin,
            size_px[0],
            size_px[1],
            u8::from(discarded)
        );
        if !discarded {
            if self.last_hash != Some(hash) {
                // The next frame's start tells when this one was on screen
                // (a delay of zero would ask for two frames, not one).
                ctx.request_repaint_after(std::time::Duration::from_micros(1));
            }
            self.last_hash = Some(hash);
        }
    }
}
