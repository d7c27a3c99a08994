#!/bin/bash
# The kiosk beside a browser kiosk: Chromium's kiosk mode on the showcase
# survey's first page as a web survey shows it (scripts/bench/one-page-survey.html,
# served over loopback), survey-kiosk on its attract screen (the embedded
# demo) and, for the floor, the bare eframe window (examples/bare_eframe.rs),
# launched in turn on one Xvfb screen (1280x1024, software rendering, all full
# screen), RUNS times after one warm-up launch each. Prints medians:
#   - launch to the settled screen, the same way for all: the root window is
#     captured whenever the X server reports something drawn on it, from the
#     launch on (scripts/bench/settled-screen.py: DAMAGE and XGetImage, 5-10 ms
#     a capture, the figures' resolution); the settled screen is the first
#     capture equal to every later one up to SETTLE_SECS, and its time is when
#     that capture ended;
#   - RSS and PSS summed over every process the app started (Chromium's
#     renderer, GPU and utility processes too) once settled;
# and the ratios, for BENCHMARKS.md.
#
# Usage: scripts/bench-chromium.sh   (about 2 minutes, plus a release build)
# Environment: RUNS (5), SETTLE_SECS (6), CHROMIUM (the browser's path),
#   BINARIES=DIR (take DIR/survey-kiosk and DIR/bare_eframe instead of building),
#   OUT (target/bench-chromium: screenshots and logs).
# Without Chromium, Xvfb, ImageMagick or python3 it says what is missing and
# exits with 0 (nothing measured). Needs: apt-get install -y chromium xvfb imagemagick
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS="${RUNS:-5}"
SETTLE_SECS="${SETTLE_SECS:-6}"
OUT="${OUT:-target/bench-chromium}"
CHROMIUM="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}"

if [ -z "$CHROMIUM" ]; then
    echo "bench-chromium: Chromium is not installed (apt-get install -y chromium); nothing measured" >&2
    exit 0
fi
for tool in python3 import setsid; do
    if ! command -v "$tool" >/dev/null; then
        echo "bench-chromium: $tool is missing (apt-get install -y imagemagick python3); nothing measured" >&2
        exit 0
    fi
done
if [ -z "${DISPLAY:-}" ]; then
    command -v xvfb-run >/dev/null || {
        echo "bench-chromium: no DISPLAY and no xvfb-run (apt-get install -y xvfb); nothing measured" >&2
        exit 0
    }
    exec xvfb-run -a -s "-screen 0 1280x1024x24 -nolisten tcp" "$0" "$@"
fi
export LIBGL_ALWAYS_SOFTWARE=1
mkdir -p "$OUT/bin"
OUT="$(cd "$OUT" && pwd)"

if [ -n "${BINARIES:-}" ]; then
    cp "$BINARIES/survey-kiosk" "$BINARIES/bare_eframe" "$OUT/bin/"
else
    echo "building (release)…" >&2
    cargo build --release --bin survey-kiosk --example bare_eframe >&2
    cp "${CARGO_TARGET_DIR:-target}/release/survey-kiosk" \
        "${CARGO_TARGET_DIR:-target}/release/examples/bare_eframe" "$OUT/bin/"
fi

# The page over loopback, as a browser kiosk would load its survey.
PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
python3 -m http.server --bind 127.0.0.1 --directory scripts/bench "$PORT" >"$OUT/http.log" 2>&1 &
HTTP_PID=$!
APP_PID=""
RUN_DIR=""
cleanup() {
    [ -n "$APP_PID" ] && kill -- -"$APP_PID" 2>/dev/null || true
    kill "$HTTP_PID" 2>/dev/null || true
    [ -n "$RUN_DIR" ] && rm -rf "$RUN_DIR"
    return 0
}
trap cleanup EXIT
for _ in $(seq 50); do
    python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/one-page-survey.html')" 2>/dev/null && break
    sleep 0.1
done
URL="http://127.0.0.1:$PORT/one-page-survey.html"

# launch NAME: starts the app in a session of its own (so all its processes
# can be found and stopped), with empty configuration and data directories.
launch() {
    RUN_DIR="$(mktemp -d)"
    mkdir -p "$RUN_DIR/config" "$RUN_DIR/data" "$RUN_DIR/profile"
    case "$1" in
    chromium)
        XDG_CONFIG_HOME="$RUN_DIR/config" setsid "$CHROMIUM" --kiosk --no-sandbox \
            --no-first-run --no-default-browser-check --noerrdialogs --disable-infobars \
            --password-store=basic --user-data-dir="$RUN_DIR/profile" \
            --window-position=0,0 --window-size=1280,1024 "$URL" \
            >"$OUT/$2.log" 2>&1 &
        ;;
    kiosk)
        XDG_CONFIG_HOME="$RUN_DIR/config" XDG_DATA_HOME="$RUN_DIR/data" \
            setsid "$OUT/bin/survey-kiosk" >"$OUT/$2.log" 2>&1 &
        ;;
    bare)
        setsid "$OUT/bin/bare_eframe" --fullscreen >"$OUT/$2.log" 2>&1 &
        ;;
    esac
    APP_PID=$!
}

# start_watch: starts watching the screen (scripts/bench/settled-screen.py)
# before the app is launched; settled T0: gives it the launch time (UNIX µs)
# and sets ms (the settled time from T0), pictures (how many different ones
# were seen up to it) and captures (how many were taken).
start_watch() {
    coproc WATCH { python3 scripts/bench/settled-screen.py "$SETTLE_SECS"; }
    local ready
    read -r ready <&"${WATCH[0]}"
    [ "$ready" = ready ] || { echo "bench-chromium: the screen watcher did not start" >&2; exit 1; }
}
settled() {
    local watcher="$WATCH_PID"
    echo "$1" >&"${WATCH[1]}"
    read -r ms pictures captures <&"${WATCH[0]}"
    wait "$watcher" 2>/dev/null || true
}

# RSS and PSS (kB) summed over the session's processes.
memory_kb() {
    local rss=0 pss=0 pid r p
    for pid in $(ps -o pid= -s "$APP_PID"); do
        r="$(awk '/^Rss:/ { print $2 }' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)"
        p="$(awk '/^Pss:/ { print $2 }' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)"
        rss=$((rss + ${r:-0}))
        pss=$((pss + ${p:-0}))
    done
    echo "$rss $pss"
}

stop() {
    kill -- -"$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
    APP_PID=""
    sleep 0.5
    rm -rf "$RUN_DIR"
    RUN_DIR=""
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

declare -A LAUNCH RSS PSS
for i in $(seq 0 "$RUNS"); do
    for app in chromium kiosk bare; do
        start_watch
        t0="$(date +%s%6N)"
        launch "$app" "$app-$i"
        settled "$t0"
        read -r rss pss <<<"$(memory_kb)"
        [ "$i" -eq 0 ] && import -window root "$OUT/$app-settled.png"
        stop
        echo "   launch $i, $app: settled ${ms} ms (${pictures} picture(s) up to it, ${captures} captures), RSS $((rss / 1024)) MiB, PSS $((pss / 1024)) MiB" >&2
        if [ "$i" -gt 0 ]; then
            LAUNCH[$app]+="$ms "
            RSS[$app]+="$rss "
            PSS[$app]+="$pss "
        fi
    done
done

m() { tr ' ' '\n' <<<"$1" | grep . | median; }
declare -A M
for app in chromium kiosk bare; do
    M[$app/launch]="$(m "${LAUNCH[$app]}")"
    M[$app/rss]="$(m "${RSS[$app]}")"
    M[$app/pss]="$(m "${PSS[$app]}")"
done
row() {
    awk -v name="$1" -v l="${M[$2/launch]}" -v r="${M[$2/rss]}" -v p="${M[$2/pss]}" \
        'BEGIN { printf "| %s | %d ms | %.0f MiB | %.0f MiB |\n", name, l, r / 1024, p / 1024 }'
}
ratio() {
    awk -v name="$1" -v cl="${M[chromium/launch]}" -v kl="${M[$2/launch]}" \
        -v cr="${M[chromium/rss]}" -v kr="${M[$2/rss]}" -v cp="${M[chromium/pss]}" -v kp="${M[$2/pss]}" \
        'BEGIN { printf "| %s | %.1fx | %.1fx | %.1fx |\n", name, cl / kl, cr / kr, cp / kp }'
}
echo
echo "medians of $RUNS launches each (load before: $(cut -d' ' -f1-3 /proc/loadavg)); screenshots in $OUT"
echo "| | launch → settled screen | RSS (all processes) | PSS (all processes) |"
echo "|---|---|---|---|"
row "Chromium --kiosk, the one-page survey" chromium
row "survey-kiosk, attract screen (demo)" kiosk
row "bare eframe window (the floor)" bare
ratio "ratio Chromium / kiosk" kiosk
ratio "ratio Chromium / bare window" bare
