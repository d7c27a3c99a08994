#!/bin/bash
# Whole-app benchmark: runs the real kiosk (release build) under X with
# Mesa's software renderer, next to a bare eframe window
# (examples/bare_eframe.rs) as the reference, and prints for each renderer:
#   - launch (median, min and max of RUNS launches after one warm-up launch,
#     the kiosk's and the bare window's interleaved), from just before exec:
#     to the window's MapNotify (eframe keeps its window hidden until the
#     first frame is painted, then maps it: "first frame on screen"); to the
#     settled screen: the first frame whose picture equals what the screen
#     shows SETTLE_SECS later, as the apps' frame log says
#     (SURVEY_KIOSK_BENCH=1, src/ui/frame_log.rs: a line per frame with its
#     times and a hash of what it paints); and to the start of the first
#     frame;
#   - resident memory (RSS from /proc/PID/status, PSS from
#     /proc/PID/smaps_rollup) on the attract screen and on a survey page;
#   - CPU seconds (utime+stime of /proc/PID/stat) used in IDLE_SECS of
#     idling on the attract screen, and on a survey page (the idle timer
#     running: "Are you still there?" comes 60 s after the last input);
#   - the release binary's size.
# Both apps run full screen (the kiosk as deployed; the bare window with
# --fullscreen), the same size; WINDOWED=1 runs both at 1100x800 instead.
# The kiosk has no configuration, so it serves its embedded demo survey;
# "Start the survey" is clicked with xdotool at the position found in a
# screenshot.
#
# Usage: scripts/bench-app.sh   (about 10 minutes with both renderers, plus
#   about 7 the first time, to build the wgpu variant)
# Environment: RUNS (5), IDLE_SECS (60), SETTLE_SECS (3), RENDERERS
#   ("glow wgpu"), WINDOWED (unset), LAUNCH_ONLY (unset: 1 skips memory and
#   idle CPU), OUT (target/bench-app: screenshots and stderr of every run).
# Without Xvfb, xdotool, ImageMagick or xev it says what is missing and
# exits with 0 (nothing measured); a failed build exits with its status.
# Needs: apt-get install -y xvfb mesa-utils x11-utils xdotool imagemagick
#   python3, and for wgpu on lavapipe: mesa-vulkan-drivers.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS="${RUNS:-5}"
IDLE_SECS="${IDLE_SECS:-60}"
SETTLE_SECS="${SETTLE_SECS:-3}"
LAUNCH_ONLY="${LAUNCH_ONLY:-}"
if [ -n "${WINDOWED:-}" ]; then
    KIOSK_ARGS=(--windowed)
    BARE_ARGS=()
    SIZE="1100x800 windows"
else
    KIOSK_ARGS=()
    BARE_ARGS=(--fullscreen)
    SIZE="full screen (1280x1024)"
fi
RENDERERS="${RENDERERS:-glow wgpu}"
OUT="${OUT:-target/bench-app}"

for tool in xdotool import xev stdbuf python3; do
    if ! command -v "$tool" >/dev/null; then
        echo "bench-app: $tool is missing (apt-get install -y xvfb x11-utils xdotool imagemagick python3); nothing measured" >&2
        exit 0
    fi
done

if [ -z "${DISPLAY:-}" ]; then
    command -v xvfb-run >/dev/null || {
        echo "bench-app: no DISPLAY and no xvfb-run (apt-get install -y xvfb); nothing measured" >&2
        exit 0
    }
    exec xvfb-run -a -s "-screen 0 1280x1024x24 -nolisten tcp" "$0" "$@"
fi
export LIBGL_ALWAYS_SOFTWARE=1
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
TICKS="$(getconf CLK_TCK)"

# ---------------------------------------------------------------- building
# The binaries are copied into OUT at once: a shared target directory
# (CARGO_TARGET_DIR) may get another checkout's build meanwhile.
# BINARIES=DIR skips building and takes DIR/survey-kiosk and
# DIR/bare_eframe (glow only).
declare -A KIOSK BARE
TARGET="${CARGO_TARGET_DIR:-target}"
mkdir -p "$OUT/bin"
if [ -n "${BINARIES:-}" ]; then
    cp "$BINARIES/survey-kiosk" "$BINARIES/bare_eframe" "$OUT/bin/"
    RENDERERS="glow"
else
    echo "building (release)…" >&2
    cargo build --release --bin survey-kiosk --example bare_eframe >&2
    cp "$TARGET/release/survey-kiosk" "$TARGET/release/examples/bare_eframe" "$OUT/bin/"
fi
KIOSK[glow]="$OUT/bin/survey-kiosk"
BARE[glow]="$OUT/bin/bare_eframe"
if [[ " $RENDERERS " == *" wgpu "* ]]; then
    # A target directory of its own: the glow binary stays glow-only.
    if cargo build --release --features wgpu --target-dir "$TARGET/wgpu" \
        --bin survey-kiosk --example bare_eframe >"$OUT/wgpu-build.log" 2>&1; then
        mkdir -p "$OUT/bin/wgpu"
        cp "$TARGET/wgpu/release/survey-kiosk" "$TARGET/wgpu/release/examples/bare_eframe" "$OUT/bin/wgpu/"
        KIOSK[wgpu]="$OUT/bin/wgpu/survey-kiosk"
        BARE[wgpu]="$OUT/bin/wgpu/bare_eframe"
    else
        echo "wgpu: the build failed (see $OUT/wgpu-build.log); measuring glow only" >&2
        RENDERERS="glow"
    fi
fi

# ---------------------------------------------------------------- helpers
# Every top-level window mapped on the display, as a UNIX time in
# microseconds per line (xev reports the MapNotify as the X server sends it).
MAPS="$OUT/map-times"
: >"$MAPS"
python3 -u -c '
import signal, subprocess, sys, time
xev = subprocess.Popen(["stdbuf", "-oL", "xev", "-root", "-event", "substructure"],
                       stdout=subprocess.PIPE, text=True)
def stop(*_):
    xev.terminate()
    sys.exit(0)
signal.signal(signal.SIGTERM, stop)
for line in xev.stdout:
    if line.startswith("MapNotify"):
        print(int(time.time() * 1e6), flush=True)
' >"$MAPS" &
WATCH_PID=$!
sleep 0.5
APP_PID=""
APP_ERR=""
RUN_DIR=""

cleanup() {
    kill "$WATCH_PID" 2>/dev/null || true
    if [ -n "$APP_PID" ]; then
        kill "$APP_PID" 2>/dev/null || true
        wait "$APP_PID" 2>/dev/null || true
    fi
    [ -n "$RUN_DIR" ] && rm -rf "$RUN_DIR"
    return 0
}
trap cleanup EXIT

now_us() { date +%s%6N; }

# launch NAME BINARY RENDERER ARGS...: starts the app with empty
# configuration and data directories; sets APP_PID, APP_ERR, LAUNCHED_US.
launch() {
    local name="$1" binary="$2" renderer="$3"
    shift 3
    RUN_DIR="$(mktemp -d)"
    mkdir -p "$RUN_DIR/config" "$RUN_DIR/data"
    APP_ERR="$OUT/$name.stderr"
    : >"$APP_ERR"
    LAUNCHED_US="$(now_us)"
    echo "$LAUNCHED_US" >"$OUT/$name.launched"
    XDG_CONFIG_HOME="$RUN_DIR/config" XDG_DATA_HOME="$RUN_DIR/data" \
        SURVEY_KIOSK_BENCH=1 SURVEY_KIOSK_RENDERER="$renderer" \
        "$binary" "$@" 2>"$APP_ERR" &
    APP_PID=$!
}

# Waits for the first-frame line and the window's MapNotify (eframe maps
# its window right after the first frame is painted); prints both times
# from launch, in ms: "first-frame-starts on-screen".
first_frame_ms() {
    local line mapped deadline=$((SECONDS + 30))
    while :; do
        line="$(grep -m1 '^first-frame-unix-micros ' "$APP_ERR" || true)"
        mapped="$(awk -v t0="$LAUNCHED_US" '$1 > t0 { print $1; exit }' "$MAPS")"
        [ -n "$line" ] && [ -n "$mapped" ] && break
        if ! kill -0 "$APP_PID" 2>/dev/null || [ "$SECONDS" -ge "$deadline" ]; then
            echo "bench-app: no first frame (see $APP_ERR)" >&2
            return 1
        fi
        sleep 0.01
    done
    awk -v t0="$LAUNCHED_US" -v m="$mapped" '{ printf "%.1f %.1f", ($2 - t0) / 1000, (m - t0) / 1000 }' <<<"$line"
}

stop() {
    kill "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
    APP_PID=""
    rm -rf "$RUN_DIR"
    RUN_DIR=""
}

# From the frame log of the run that just stopped (APP_ERR): prints, in ms
# from launch, "settled frames pictures": when the settled picture was on
# screen (the start of the frame after it: eframe starts a frame only after
# the previous one is painted and swapped), how many frames were drawn up
# to it, and how many different pictures were shown up to it (1: the first
# frame was already the settled screen). Discarded passes are left out.
settled_ms() {
    python3 - "$APP_ERR" "$LAUNCHED_US" <<'PY'
import sys
path, t0 = sys.argv[1], int(sys.argv[2])
frames = []
for line in open(path, errors="replace"):
    f = line.split()
    if len(f) >= 7 and f[0] == "frame" and f[6] == "0":
        frames.append((int(f[2]), int(f[3]), f[4] + " " + f[5]))
if not frames:
    sys.exit("no frame log (SURVEY_KIOSK_BENCH) in " + path)
final = frames[-1][2]
k = len(frames) - 1
while k > 0 and frames[k - 1][2] == final:
    k -= 1
# The frame after the settled one is always asked for (frame_log.rs); if
# it never came, its own end (before painting) stands in.
shown = frames[k + 1][0] if k + 1 < len(frames) else frames[k][1]
pictures = 1 + sum(1 for i in range(1, k + 1) if frames[i][2] != frames[i - 1][2])
print("%.1f %d %d" % ((shown - t0) / 1000, k + 1, pictures))
PY
}

mb() { awk -v kb="$1" 'BEGIN { printf "%.1f", kb / 1024 }'; }
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$APP_PID/status"; }
pss_kb() { awk '/^Pss:/ { print $2 }' "/proc/$APP_PID/smaps_rollup"; }
# utime + stime of the whole process, in clock ticks (the command name has
# no spaces, so fields 14 and 15 are in place).
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$APP_PID/stat"; }

# CPU seconds the app uses in IDLE_SECS without input; the ticks used in
# each second go to the file $1, one line each: "second ticks".
idle_cpu() {
    local samples="$1" before last now i
    : >"$samples"
    before="$(cpu_ticks)"
    last="$before"
    for i in $(seq 1 "$IDLE_SECS"); do
        sleep 1
        now="$(cpu_ticks)"
        echo "$i $((now - last))" >>"$samples"
        last="$now"
    done
    awk -v a="$last" -v b="$before" -v t="$TICKS" 'BEGIN { printf "%.2f", (a - b) / t }'
}

# CPU seconds in the samples of seconds FROM to TO (inclusive).
cpu_between() {
    awk -v from="$1" -v to="$2" -v t="$TICKS" '$1 >= from && $1 <= to { sum += $2 } END { printf "%.2f", sum / t }' "$3"
}

median() { sort -n | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.1f (min %.1f, max %.1f)", m, v[1], v[NR] }'; }

# Prints "X Y" (screen coordinates) of the centre of the widest run of the
# accent blue that is at least 250 px wide ("Start the survey"; the logo is
# narrower), or nothing.
find_button() {
    import -window root -depth 8 "ppm:-" | python3 scripts/bench/find-button.py
}

click() {
    xdotool mousemove "$1" "$2"
    sleep 0.15
    xdotool click 1
}

declare -A R
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"

# ---------------------------------------------------------------- measuring
# Launches of the bare window and the kiosk, one after the other in turn
# (the machine's other work then weighs on both alike).
launches() {
    local renderer="$1" i app binary ms settled key
    local -A starts shown settle
    echo "== $renderer: launches (bare window and kiosk in turn)" >&2
    for i in $(seq 0 "$RUNS"); do
        for app in bare kiosk; do
            if [ "$app" = bare ]; then
                binary="${BARE[$renderer]}"
                launch "$app-$renderer-launch$i" "$binary" "$renderer" ${BARE_ARGS[@]+"${BARE_ARGS[@]}"}
            else
                binary="${KIOSK[$renderer]}"
                launch "$app-$renderer-launch$i" "$binary" "$renderer" ${KIOSK_ARGS[@]+"${KIOSK_ARGS[@]}"}
            fi
            ms="$(first_frame_ms)"
            sleep "$SETTLE_SECS"
            [ "$i" -eq 0 ] && import -window root "$OUT/$app-$renderer-launch-settled.png"
            stop
            settled="$(settled_ms)"
            # Launch 0 warms the file cache and is not counted.
            if [ "$i" -gt 0 ]; then
                starts[$app]+="${ms% *} "
                shown[$app]+="${ms#* } "
                settle[$app]+="${settled%% *} "
            fi
            read -r s_ms s_frames s_pictures <<<"$settled"
            echo "   launch $i, $app: first frame starts ${ms% *} ms, on screen ${ms#* } ms; settled screen ${s_ms} ms (frame ${s_frames}, ${s_pictures} picture(s) shown)" >&2
            if [ "$i" -gt 0 ]; then
                R[$app/$renderer/frames]+="${s_frames} "
                R[$app/$renderer/pictures]+="${s_pictures} "
            fi
        done
    done
    # Where the time to the first picture goes, from the frame logs of the
    # counted launches (medians, ms): exec to the first frame's start, its
    # layout (egui's pass), and its painting (to the next frame's start).
    for app in bare kiosk; do
        R[$app/$renderer/phases]="$(python3 - "$OUT" "$app-$renderer-launch" "$RUNS" <<'PY'
import statistics, sys
out, prefix, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
start, layout, paint, hashing = [], [], [], []
for i in range(1, runs + 1):
    t0 = int(open(f"{out}/{prefix}{i}.launched").read())
    frames = [l.split() for l in open(f"{out}/{prefix}{i}.stderr", errors="replace")]
    frames = [(int(f[2]), int(f[3]), int(f[7]) if len(f) > 7 else 0) for f in frames if len(f) >= 7 and f[0] == "frame" and f[6] == "0"]
    if len(frames) < 2:
        continue
    start.append((frames[0][0] - t0) / 1000)
    layout.append((frames[0][1] - frames[0][0]) / 1000)
    paint.append((frames[1][0] - frames[0][1]) / 1000)
    hashing.append(frames[0][2] / 1000)
m = lambda v: statistics.median(v) if v else float("nan")
print("exec to first frame %.1f, its layout %.1f, its painting %.1f (of which the frame log's hash %.2f)" % (m(start), m(layout), m(paint), m(hashing)))
PY
)"
    done
    for app in bare kiosk; do
        key="$app/$renderer"
        # shellcheck disable=SC2086 # one value a word
        R[$key/launch_start]="$(printf '%s\n' ${starts[$app]} | median)"
        # shellcheck disable=SC2086
        R[$key/launch]="$(printf '%s\n' ${shown[$app]} | median)"
        # shellcheck disable=SC2086
        R[$key/settled]="$(printf '%s\n' ${settle[$app]} | median)"
        # shellcheck disable=SC2086
        R[$key/settled_med]="$(printf '%s\n' ${settle[$app]} | median | cut -d' ' -f1)"
        # shellcheck disable=SC2086
        R[$key/launch_med]="$(printf '%s\n' ${shown[$app]} | median | cut -d' ' -f1)"
    done
}

measure() {
    local app="$1" renderer="$2" binary="$3"
    shift 3
    local key="$app/$renderer" clicked_us idle_us
    echo "== $key: memory and idle CPU" >&2
    launch "$app-$renderer" "$binary" "$renderer" "$@"
    first_frame_ms >/dev/null
    sleep 3
    import -window root "$OUT/$app-$renderer-attract.png"
    R[$key/attract_rss]="$(mb "$(rss_kb)")"
    R[$key/attract_pss]="$(mb "$(pss_kb)")"
    echo "   attract: RSS ${R[$key/attract_rss]} MB, PSS ${R[$key/attract_pss]} MB; idling ${IDLE_SECS} s…" >&2
    R[$key/attract_cpu]="$(idle_cpu "$OUT/$app-$renderer-attract-cpu.txt")"
    R[$key/attract_rss_after]="$(mb "$(rss_kb)")"
    if [ "$app" = kiosk ]; then
        local where
        where="$(find_button)"
        if [ -z "$where" ]; then
            echo "bench-app: \"Start the survey\" not found on screen (see $OUT/$app-$renderer-attract.png)" >&2
            R[$key/page]="button not found"
        else
            # shellcheck disable=SC2086 # "X Y"
            click $where
            clicked_us="$(now_us)"
            sleep 4
            import -window root "$OUT/$app-$renderer-page.png"
            if [ -n "$(find_button)" ]; then
                echo "bench-app: the survey page did not open (see $OUT/$app-$renderer-page.png)" >&2
                R[$key/page]="did not open"
            else
                R[$key/page_rss]="$(mb "$(rss_kb)")"
                R[$key/page_pss]="$(mb "$(pss_kb)")"
                echo "   page: RSS ${R[$key/page_rss]} MB, PSS ${R[$key/page_pss]} MB; idling ${IDLE_SECS} s…" >&2
                local samples="$OUT/$app-$renderer-page-cpu.txt" warn
                idle_us="$(now_us)"
                R[$key/page_cpu]="$(idle_cpu "$samples")"
                # "Are you still there?" comes 60 s after the click (the last
                # input): the sample that holds that moment, and those after
                # it, are its countdown.
                warn="$(awk -v c="$clicked_us" -v i="$idle_us" 'BEGIN { printf "%d", int(60 - (i - c) / 1e6) + 1 }')"
                [ "$warn" -gt "$IDLE_SECS" ] && warn=$((IDLE_SECS + 1))
                R[$key/page_cpu_quiet]="$(cpu_between 1 $((warn - 1)) "$samples")"
                R[$key/page_cpu_quiet_secs]=$((warn - 1))
                R[$key/page_cpu_warning]="$(cpu_between "$warn" "$IDLE_SECS" "$samples")"
                R[$key/page_cpu_warning_secs]=$((IDLE_SECS - warn + 1))
                import -window root "$OUT/$app-$renderer-page-after-idle.png"
                R[$key/page]="ok"
            fi
        fi
    fi
    stop
}

for renderer in $RENDERERS; do
    launches "$renderer"
    [ -n "$LAUNCH_ONLY" ] && continue
    measure bare "$renderer" "${BARE[$renderer]}" ${BARE_ARGS[@]+"${BARE_ARGS[@]}"}
    measure kiosk "$renderer" "${KIOSK[$renderer]}" ${KIOSK_ARGS[@]+"${KIOSK_ARGS[@]}"}
done

# ---------------------------------------------------------------- report
size_mb() { mb "$(($(stat -c %s "$1") / 1024))"; }
echo
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(uname -r)"
echo "display: ${DISPLAY} ($(command -v glxinfo >/dev/null && glxinfo -B 2>/dev/null | awk -F': ' '/OpenGL renderer/ { print $2 }' || echo 'glxinfo missing'))"
echo "load average: $LOAD_BEFORE before, $(cut -d' ' -f1-3 /proc/loadavg) after (other work on the machine skews launch times)"
echo "runs: $RUNS launches each (+1 warm-up), interleaved, $SIZE; settled screen = as ${SETTLE_SECS} s later; ${IDLE_SECS} s idle windows"
echo
echo "release binary: survey-kiosk $(size_mb "${KIOSK[glow]}") MB (glow build)$([ -n "${KIOSK[wgpu]:-}" ] && echo ", $(size_mb "${KIOSK[wgpu]}") MB (with wgpu)"); bare_eframe $(size_mb "${BARE[glow]}") MB"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
for renderer in $RENDERERS; do
    echo
    echo "[$renderer]"
    for app in bare kiosk; do
        key="$app/$renderer"
        echo "$app: launch to the settled screen ${R[$key/settled]} ms; frames drawn to it: ${R[$key/frames]}; pictures shown: ${R[$key/pictures]}"
        echo "$app: launch to first frame on screen ${R[$key/launch]} ms (frame starts: ${R[$key/launch_start]} ms)"
        echo "$app: medians (ms): ${R[$key/phases]}"
        [ -n "$LAUNCH_ONLY" ] && continue
        echo "$app: attract/idle screen: RSS ${R[$key/attract_rss]} MB, PSS ${R[$key/attract_pss]} MB (RSS ${R[$key/attract_rss_after]} MB after idling); idle CPU ${R[$key/attract_cpu]} s in ${IDLE_SECS} s"
        if [ "$app" = kiosk ]; then
            if [ "${R[$key/page]}" = ok ]; then
                echo "$app: survey page: RSS ${R[$key/page_rss]} MB, PSS ${R[$key/page_pss]} MB; idle CPU ${R[$key/page_cpu]} s in ${IDLE_SECS} s (idle timer running): ${R[$key/page_cpu_quiet]} s in the first ${R[$key/page_cpu_quiet_secs]} s$([ "${R[$key/page_cpu_warning_secs]}" -gt 0 ] && echo ", ${R[$key/page_cpu_warning]} s in the last ${R[$key/page_cpu_warning_secs]} s (\"Are you still there?\" counting down)")"
                echo "$app: survey page minus bare window: RSS $(awk -v a="${R[$key/page_rss]}" -v b="${R[bare/$renderer/attract_rss]}" 'BEGIN { printf "%+.1f", a - b }') MB, PSS $(awk -v a="${R[$key/page_pss]}" -v b="${R[bare/$renderer/attract_pss]}" 'BEGIN { printf "%+.1f", a - b }') MB"
            else
                echo "$app: survey page: ${R[$key/page]}"
            fi
        fi
    done
    echo "kiosk / bare (medians): settled screen $(ratio "${R[kiosk/$renderer/settled_med]}" "${R[bare/$renderer/settled_med]}")x, first frame on screen $(ratio "${R[kiosk/$renderer/launch_med]}" "${R[bare/$renderer/launch_med]}")x"
done
echo
echo "screenshots and stderr: $OUT"
