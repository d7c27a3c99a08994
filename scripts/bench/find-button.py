# Reads a PPM screenshot (ImageMagick's `import -window root -depth 8 ppm:-`)
# on stdin and prints "X Y", the centre of the widest run of the accent blue
# that is at least 250 px wide ("Start the survey"; the logo is narrower),
# or nothing. Used by scripts/bench-app.sh and scripts/bench-swipe.sh.
# With the argument "field": the first text field instead (a run of white at
# least 800 px wide, the first such band from the top).
import sys
FIELD = sys.argv[1:] == ["field"]
data = sys.stdin.buffer.read()
fields, pos = [], 0
while len(fields) < 4:
    while data[pos:pos + 1].isspace():
        pos += 1
    if data[pos:pos + 1] == b"#":
        pos = data.index(b"\n", pos)
        continue
    end = pos
    while not data[end:end + 1].isspace():
        end += 1
    fields.append(data[pos:end])
    pos = end
pos += 1
width, height = int(fields[1]), int(fields[2])
assert int(fields[3]) == 255, "expected 8-bit samples"
pixels = data[pos:]
rows = []
for y in range(height):
    run = best = start = best_start = 0
    for x in range(width):
        i = (y * width + x) * 3
        r, g, b = pixels[i], pixels[i + 1], pixels[i + 2]
        if (r == g == b == 255) if FIELD else (b > 150 and r < 90 and 60 < g < 150):
            if run == 0:
                start = x
            run += 1
            if run > best:
                best, best_start = run, start
        else:
            run = 0
    if best >= (800 if FIELD else 250):
        rows.append((y, best_start, best))
if rows and FIELD:
    band = [rows[0]]
    for row in rows[1:]:
        if row[0] != band[-1][0] + 1:
            break
        band.append(row)
    rows = band
if rows:
    ys = [r[0] for r in rows]
    y = (min(ys) + max(ys)) // 2
    _, x0, w = max(rows, key=lambda r: r[2])
    print(x0 + w // 2, y)
