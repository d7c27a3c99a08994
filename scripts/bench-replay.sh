#!/bin/bash
# Offline capture and replay throughput, with the release binary against
# the demo server run as its own process on loopback:
#   1. `walk` teaches the survey map online (LEARN respondents);
#   2. the server stops; `walk` captures CAPTURE respondents offline;
#   3. the server starts again; `walk --respondents 0` replays them,
#      verified page by page, and the script prints respondents and pages
#      replayed per second (and captured per second in step 2).
# Usage: scripts/bench-replay.sh   (about a minute)
# Environment: LEARN (30), CAPTURE (200), SURVEY (10000001),
#   BIN (target/release/survey-kiosk; built if missing).
set -euo pipefail
cd "$(dirname "$0")/.."

LEARN="${LEARN:-30}"
CAPTURE="${CAPTURE:-200}"
SURVEY="${SURVEY:-10000001}"
TARGET="${CARGO_TARGET_DIR:-target}"
BIN="${BIN:-$TARGET/release/survey-kiosk}"
if [ ! -x "$BIN" ]; then
    cargo build --release --bin survey-kiosk
fi

WORK="$(mktemp -d)"
SERVER=""
cleanup() {
    if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
BASE="http://127.0.0.1:$PORT/a/api/v2"
printf 'offline = "capture"\nretry_initial_ms = 50\nretry_max_secs = 1\nconnect_timeout_secs = 2\n' >"$WORK/config.toml"
export SURVEY_KIOSK_DATA_DIR="$WORK/data" SURVEY_KIOSK_API_KEY="demo-key"

serve() {
    "$BIN" demo-server --port "$PORT" >"$WORK/server.log" 2>&1 &
    SERVER=$!
    for _ in $(seq 100); do
        if python3 -c "import socket; socket.create_connection(('127.0.0.1',$PORT),0.2)" 2>/dev/null; then
            return
        fi
        sleep 0.05
    done
    echo "the demo server did not start" >&2
    exit 1
}

walk() {
    "$BIN" --config "$WORK/config.toml" walk --base-url "$BASE" --survey "$SURVEY" \
        --back-chance 0 --give-up-after 30 --quiet "$@"
}

now() { python3 -c 'import time; print(time.monotonic())'; }

serve
walk --respondents "$LEARN" --seed 1 >/dev/null
kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=""

start=$(now)
walk --respondents "$CAPTURE" --seed 2 >"$WORK/capture.txt"
captured_secs=$(python3 -c "print($(now) - $start)")
pages=$("$BIN" --config "$WORK/config.toml" journal status | sed -n 's/.*waiting to be replayed: [0-9]* (\([0-9]*\) page.*/\1/p')

serve
start=$(now)
walk --respondents 0 >"$WORK/replay.txt"
replay_secs=$(python3 -c "print($(now) - $start)")
"$BIN" --config "$WORK/config.toml" journal status | grep -i "captured offline" || true

python3 - "$CAPTURE" "$pages" "$captured_secs" "$replay_secs" <<'EOF'
import sys
respondents, pages, captured, replayed = int(sys.argv[1]), int(sys.argv[2] or 0), float(sys.argv[3]), float(sys.argv[4])
print(f"captured {respondents} respondents ({pages} pages) offline in {captured:.2f} s: "
      f"{respondents / captured:.0f} respondents/s")
print(f"replayed them in {replayed:.2f} s (process start and the closing journal read included): "
      f"{respondents / replayed:.1f} respondents/s, {pages / replayed:.0f} pages/s")
EOF
