#!/bin/sh
# Renders every kiosk screen to PNG files (default: target/screens/) for
# review. Runs the real app under Xvfb with Mesa's software renderer when
# there is no display. Needs: xvfb (apt-get install xvfb).
set -eu
cd "$(dirname "$0")/.."
out="${1:-target/screens}"
cargo build --example gallery
if [ -z "${DISPLAY:-}" ]; then
    exec xvfb-run -a -s "-screen 0 1920x2000x24" env LIBGL_ALWAYS_SOFTWARE=1 \
        target/debug/examples/gallery "$out"
fi
exec target/debug/examples/gallery "$out"
