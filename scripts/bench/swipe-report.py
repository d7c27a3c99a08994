#!/usr/bin/env python3
"""The report of scripts/bench-swipe.sh from the kiosk's frame log.

Usage: swipe-report.py FRAMES.LOG SWIPES_FROM SWIPES_TO KEYS_FROM KEYS_TO
(the phases' bounds in UNIX microseconds, as `date +%s%6N` prints them).
"""
import sys
path, phases = sys.argv[1], sys.argv[2:]
# A frame: (begin, end, hash, hashing in its discarded passes, hashing of
# the picture shown). A pass egui discarded to run another at once belongs
# to the frame shown after it: that frame begins with it.
frames, begin, hashing = [], None, 0
for line in open(path, errors="replace"):
    f = line.split()
    if len(f) < 8 or f[0] != "frame":
        continue
    begin = int(f[2]) if begin is None else begin
    if f[6] == "0":
        frames.append((begin, int(f[3]), f[4], hashing / 1000, int(f[7]) / 1000))
        begin, hashing = None, 0
    else:
        hashing += int(f[7])

def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(p * len(values)))]

print("| phase | frames | whole frame p50 / p95 / max | over 16 ms | CPU (egui pass) p50 / p95 / max | tessellate, paint, swap p50 / p95 / max |")
print("|---|---|---|---|---|---|")
for name, (start, end) in zip(["swipes on the 120-question page", "swipes with the keyboard up"],
                              [(int(phases[0]), int(phases[1])), (int(phases[2]), int(phases[3]))]):
    run = [f for f in frames if start <= f[0] <= end]
    # Frames that changed the picture. The frame log asks for the next frame
    # at once after such a frame, so the next one begins as soon as this one
    # is painted and swapped: the gap is the frame's whole time, with no
    # waiting for input in it. The log's own hashing of the picture (it
    # delays the paint by its time) is taken out.
    whole, cpu, rest = [], [], []
    for before, a, b in zip(run, run[1:], run[2:]):
        if a[2] == before[2]:
            continue
        whole.append((b[0] - a[0]) / 1000 - a[3] - a[4])
        cpu.append((a[1] - a[0]) / 1000 - a[3])
        rest.append((b[0] - a[1]) / 1000 - a[4])
    if not whole:
        print(f"| {name} | 0 | | | | |")
        continue
    fmt = lambda v: "%.1f / %.1f / %.1f ms" % (pct(v, 0.5), pct(v, 0.95), max(v))
    over = sum(1 for w in whole if w >= 16.0)
    print(f"| {name} | {len(whole)} | {fmt(whole)} | {over} | {fmt(cpu)} | {fmt(rest)} |")
