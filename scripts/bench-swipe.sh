#!/bin/bash
# Frame times of the real kiosk (release build, glow on Mesa's software
# renderer) while a finger swipes the 120-question page, and while it swipes
# with the on-screen keyboard up, driven by pointer events alone (xdotool:
# press, moves, release) on Xvfb at 1280x800, against a demo server of its
# own. The kiosk logs every frame (SURVEY_KIOSK_BENCH, src/ui/frame_log.rs);
# for the frames that changed the picture while the page moves
# (scripts/bench/swipe-report.py) it prints p50, p95 and max of:
#   - the whole frame, paint included: from its start to the next frame's
#     (the log asks for the next frame at once after a changed picture, and
#     eframe starts it only after this one is painted and swapped), less the
#     log's own hashing of the picture;
#   - the CPU part: egui's pass (layout of the page) up to its output,
#     before tessellation and painting;
#   - the rest: tessellation, the GL paint and the swap.
# xdotool runs a process per pointer move, on the same 2 cores: a real
# touch screen costs the kiosk less.
#
# Usage: scripts/bench-swipe.sh   (about a minute, plus a release build)
# Environment: SWIPES (10 pairs), BINARIES=DIR (take DIR/survey-kiosk),
#   OUT (target/bench-swipe: the frame log and screenshots).
# Without Xvfb, xdotool, ImageMagick or python3 it says what is missing and
# exits with 0. Needs: apt-get install -y xvfb xdotool imagemagick python3
set -euo pipefail
cd "$(dirname "$0")/.."

SWIPES="${SWIPES:-10}"
OUT="${OUT:-target/bench-swipe}"
for tool in xdotool import python3; do
    if ! command -v "$tool" >/dev/null; then
        echo "bench-swipe: $tool is missing (apt-get install -y xvfb xdotool imagemagick python3); nothing measured" >&2
        exit 0
    fi
done
if [ -z "${DISPLAY:-}" ]; then
    command -v xvfb-run >/dev/null || {
        echo "bench-swipe: no DISPLAY and no xvfb-run (apt-get install -y xvfb); nothing measured" >&2
        exit 0
    }
    exec xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" "$0" "$@"
fi
export LIBGL_ALWAYS_SOFTWARE=1
mkdir -p "$OUT/bin"
OUT="$(cd "$OUT" && pwd)"
if [ -n "${BINARIES:-}" ]; then
    cp "$BINARIES/survey-kiosk" "$OUT/bin/"
else
    echo "building (release)…" >&2
    cargo build --release --bin survey-kiosk >&2
    cp "${CARGO_TARGET_DIR:-target}/release/survey-kiosk" "$OUT/bin/"
fi
KIOSK="$OUT/bin/survey-kiosk"

RUN_DIR="$(mktemp -d)"
PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$KIOSK" demo-server --port "$PORT" >"$OUT/demo.log" 2>&1 &
DEMO_PID=$!
APP_PID=""
cleanup() {
    [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null || true
    kill "$DEMO_PID" 2>/dev/null || true
    rm -rf "$RUN_DIR"
}
trap cleanup EXIT
cat >"$RUN_DIR/config.toml" <<EOF
survey_id = 10000004
base_url = "http://127.0.0.1:$PORT/a/api/v2"
api_key = "demo-key"
EOF
sleep 1
SURVEY_KIOSK_BENCH=1 SURVEY_KIOSK_DATA_DIR="$RUN_DIR/data" \
    "$KIOSK" --config "$RUN_DIR/config.toml" 2>"$OUT/frames.log" >/dev/null &
APP_PID=$!
sleep 3
where="$(import -window root -depth 8 "ppm:-" | python3 scripts/bench/find-button.py)"
[ -n "$where" ] || { echo "bench-swipe: no Start button on the screen" >&2; exit 1; }
# shellcheck disable=SC2086
xdotool mousemove $where click 1
sleep 2
import -window root "$OUT/page.png"

now_us() { date +%s%6N; }
# swipe X Y DY [rest]: a finger down at X,Y, 30 moves to Y+DY about 8 ms
# apart, up (after resting 0.3 s with "rest": no glide). One xdotool process
# runs the whole swipe (its commands chained), as a touch screen's driver
# would not start a process per move on the kiosk's cores.
swipe() {
    local i moves=()
    for i in $(seq 1 30); do
        moves+=(mousemove "$1" $(($2 + $3 * i / 30)) sleep 0.008)
    done
    [ "${4:-}" = rest ] && moves+=(sleep 0.3)
    xdotool mousemove "$1" "$2" mousedown 1 "${moves[@]}" mouseup 1
}

# Phase 1: swipes up and down the page, each with its glide.
SWIPE_FROM="$(now_us)"
for _ in $(seq 1 "$SWIPES"); do
    swipe 600 650 -450
    sleep 1.2
    swipe 600 200 450
    sleep 1.2
done
SWIPE_TO="$(now_us)"

# Phase 2: the keyboard up. Rested swipes down take the page back to its
# top (it stops there); two rested swipes of 400 points bring question 3's
# text field into view, and a tap on it opens the keyboard for it.
for _ in 1 2 3 4; do
    swipe 60 150 550 rest
    sleep 0.3
done
swipe 60 650 -400 rest
sleep 0.5
swipe 60 650 -400 rest
sleep 0.5
field="$(import -window root -depth 8 "ppm:-" | python3 scripts/bench/find-button.py field)"
[ -n "$field" ] || { echo "bench-swipe: no text field on the screen" >&2; exit 1; }
# shellcheck disable=SC2086
xdotool mousemove $field click 1
sleep 1.5
import -window root "$OUT/keyboard.png"
KEYS_FROM="$(now_us)"
for _ in $(seq 1 "$SWIPES"); do
    swipe 600 420 -250
    sleep 1.2
    swipe 600 150 250
    sleep 1.2
done
KEYS_TO="$(now_us)"
import -window root "$OUT/keyboard-after.png"
kill "$APP_PID"
wait "$APP_PID" 2>/dev/null || true
APP_PID=""

echo "$SWIPE_FROM $SWIPE_TO $KEYS_FROM $KEYS_TO" >"$OUT/phases.txt"
# shellcheck disable=SC2046
python3 scripts/bench/swipe-report.py "$OUT/frames.log" $(cat "$OUT/phases.txt")
echo "screenshots and the frame log in $OUT" >&2
