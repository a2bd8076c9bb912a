#!/usr/bin/env bash
# tests/e2e/report.sh: `starlint report` and `starlint export` as a reader sees them. Run from
# anywhere; needs target/release/starlint (or STARLINT_BIN) and ../shared/tools/perf/gen_corpus.py.
#   1. on examples/ and on a generated 200-story bank: the report and the cheat sheet rendered in
#      headless Chromium (Debian's chromium, apt) by playwright-core, with axe-core run in the
#      page (both npm, pinned by tests/e2e/report/package-lock.json, cached in
#      $XDG_CACHE_HOME/starlint-report-e2e): the matrix equals `coverage --format json`, no
#      serious or critical accessibility violation, no network request, no sideways scrolling on
#      a phone, the examples' cheat sheet prints on one A4 page (tests/e2e/report/drive.mjs)
#   2. the CSV and Anki exports parsed back with Python's csv module and compared with the JSON
#   3. the 2 MB bank (gen_corpus.py --standard, large/story_bank.md): the report's size, the time
#      to write it and the time Chromium takes to load and lay it out (printed, not enforced)
# STARLINT_REPORT_SHOTS=DIR keeps the screenshots (report.png is the README's). ~1 min warm.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BIN="${STARLINT_BIN:-$ROOT/target/release/starlint}"
BIN="$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")"
SHARED="${STARLINT_SHARED:-$ROOT/../shared}"
DEPS="${STARLINT_REPORT_DEPS:-${XDG_CACHE_HOME:-$HOME/.cache}/starlint-report-e2e}"
start=$SECONDS
step() { printf '\n-- report: %s (%ds)\n' "$*" "$((SECONDS - start))"; }

[ -x "$BIN" ] || { echo "tests/e2e/report.sh: $BIN not found: run cargo build --release first" >&2; exit 1; }
[ -f "$SHARED/tools/perf/gen_corpus.py" ] || { echo "tests/e2e/report.sh: $SHARED/tools/perf/gen_corpus.py not found" >&2; exit 1; }
command -v npm >/dev/null || { echo "tests/e2e/report.sh: npm not found (apt-get install nodejs npm)" >&2; exit 1; }
if ! command -v chromium >/dev/null; then
  echo "apt-get install chromium"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi

step "playwright-core and axe-core"
mkdir -p "$DEPS"
stamp="$(cat "$HERE/report/package.json" "$HERE/report/package-lock.json" | sha256sum | cut -c1-16)"
if [ "$(cat "$DEPS/.stamp" 2>/dev/null)" != "$stamp" ] || [ ! -d "$DEPS/node_modules/axe-core" ]; then
  cp "$HERE/report/package.json" "$HERE/report/package-lock.json" "$DEPS/"
  (cd "$DEPS" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$stamp" >"$DEPS/.stamp"
fi
cp "$HERE/report/drive.mjs" "$DEPS/drive.mjs"

WORK="$(mktemp -d /tmp/starlint-report.XXXXXX)"
trap 'rc=$?; [ "$rc" = 0 ] && rm -rf "$WORK"; exit "$rc"' EXIT
SHOTS="${STARLINT_REPORT_SHOTS:-$WORK/shots}"
mkdir -p "$SHOTS"

step "the banks"
mkdir -p "$WORK/examples"
cp -r "$ROOT/examples/." "$WORK/examples/"
python3 "$SHARED/tools/perf/gen_corpus.py" --out "$WORK/bank200" --files 200 --prfaq-every 100000 >/dev/null
# The standard set's large/story_bank.md (--standard writes it with these same defaults), alone.
mkdir -p "$WORK/large"
python3 "$SHARED/tools/perf/gen_corpus.py" --single "$WORK/large/story_bank.md" >/dev/null

# Each bank: its JSON, report, cheat sheet and exports, written from inside the bank's parent so
# the paths are those a user sees. Exit 1 from coverage/report never happens (they report only).
render() { # NAME
  local name="$1"
  (cd "$WORK" && "$BIN" coverage "$name" --format json --no-config >"$name.json" \
    && "$BIN" report "$name" --no-config -o "$name.html" \
    && "$BIN" export "$name" --format cheatsheet --no-config -o "$name-cheatsheet.html" \
    && "$BIN" export "$name" --format csv --no-config -o "$name.csv" \
    && "$BIN" export "$name" --format anki --no-config -o "$name.txt")
}
render examples
render bank200
n200="$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["stories"]))' "$WORK/bank200.json")"
[ "$n200" -ge 200 ] || { echo "FAIL the generated bank has $n200 stories, not 200"; exit 1; }

step "the 2 MB bank: writing the report"
t0=$(date +%s%N)
(cd "$WORK" && "$BIN" coverage large --format json --no-config >large.json)
t1=$(date +%s%N)
(cd "$WORK" && "$BIN" report large --no-config -o large.html)
t2=$(date +%s%N)
bank_bytes=$(wc -c <"$WORK/large/story_bank.md")
report_bytes=$(wc -c <"$WORK/large.html")
nstories="$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["stories"]))' "$WORK/large.json")"
echo "     2 MB bank: $bank_bytes bytes, $nstories stories; coverage --format json $(((t1 - t0) / 1000000)) ms; report $(((t2 - t1) / 1000000)) ms, $report_bytes bytes"

step "the exports parsed back (Python csv)"
python3 - "$WORK" examples bank200 <<'PY'
import csv, html, json, re, sys
work, names = sys.argv[1], sys.argv[2:]
failed = 0
def check(cond, what):
    global failed
    print(("ok   " if cond else "FAIL ") + what)
    failed += not cond
for name in names:
    bank = json.load(open(f"{work}/{name}.json"))
    stories = bank["stories"]
    with open(f"{work}/{name}.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    check(len(rows) == len(stories), f"{name}: CSV has one row per story ({len(rows)})")
    split = lambda s: [x for x in s.split(" | ") if x]
    same = all(
        r["title"] == s["title"] and r["path"] == s["path"] and int(r["line"]) == s["line"]
        and split(r["principles"]) == s["principles"] and split(r["parts"]) == s["parts"]
        and int(r["words"]) == s["words"] and int(r["seconds"]) == -(-s["words"] * 60 // 150)
        and r["state"] in ("clean", "warnings", "errors")
        and (int(r["problems"]) == 0) == (r["codes"] == "")
        for r, s in zip(rows, stories))
    check(same, f"{name}: CSV title, path, line, principles, parts, words, seconds equal the JSON")
    with open(f"{work}/{name}.txt", newline="", encoding="utf-8") as f:
        lines = f.read().split("\n")
    header = [l for l in lines if l.startswith("#")]
    check(header[:2] == ["#separator:tab", "#html:true"], f"{name}: Anki header lines")
    cards = list(csv.reader([l for l in lines if l and not l.startswith("#")], delimiter="\t"))
    check(len(cards) == len(stories) and all(len(c) == 3 for c in cards),
          f"{name}: Anki has one three-field card per story ({len(cards)})")
    ok = True
    for card, s in zip(cards, stories):
        front = html.unescape(card[0].split("<br>")[0])
        tags = card[2].split(" ")
        tag = lambda p: "_".join(w for w in (re.sub(r"[^\w-]", "", w) for w in p.split()) if w)
        want = [tag(p) for p in s["principles"]] + ["starlint"]
        ok = ok and front == s["title"] and tags == want and f'{s["path"]}:{s["line"]}' in html.unescape(card[1])
    check(ok, f"{name}: each card's front is the story's title, its tags its principles, its back names path:line")
sys.exit(1 if failed else 0)
PY

step "Chromium: the report and the cheat sheet"
cat >"$WORK/manifest.json" <<EOF
[
  {"name": "report", "kind": "report", "html": "$WORK/examples.html", "json": "$WORK/examples.json", "shots": "$SHOTS", "axe": true},
  {"name": "cheatsheet", "kind": "cheatsheet", "html": "$WORK/examples-cheatsheet.html", "json": "$WORK/examples.json", "shots": "$SHOTS", "axe": true, "onePage": true},
  {"name": "bank200", "kind": "report", "html": "$WORK/bank200.html", "json": "$WORK/bank200.json", "shots": "$SHOTS", "axe": true},
  {"name": "bank200-cheatsheet", "kind": "cheatsheet", "html": "$WORK/bank200-cheatsheet.html", "json": "$WORK/bank200.json", "shots": "$SHOTS", "axe": true},
  {"name": "large", "kind": "report", "html": "$WORK/large.html", "json": "$WORK/large.json", "shots": "$SHOTS", "axe": false}
]
EOF
(cd "$DEPS" && node drive.mjs "$WORK/manifest.json")
echo "report: done in $((SECONDS - start))s; screenshots in $SHOTS"
