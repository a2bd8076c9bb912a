#!/usr/bin/env bash
# Run the fuzz targets in fuzz/ (cargo-fuzz, nightly) for a bounded time each, keeping what they
# learn in a corpus directory between runs. A crash (panic, failed property, sanitizer report,
# timeout) fails the script; libFuzzer saves the input under fuzz/artifacts/<target>/ and prints
# how to reproduce it (`cargo +nightly fuzz run <target> <file>`).
#
# Seeds are copied at run time into a scratch directory: small Markdown files from fixtures/ and
# ../shared/corpus/ (engine, document), config texts written below (config), and framed
# messages (framing). They are never committed.
#
# Usage: scripts/fuzz.sh [SECONDS-PER-TARGET (default 45)] [TARGET...]
#   STARLINT_FUZZ_CORPUS=dir  where each target's corpus is kept (default ~/.cache/starlint-fuzz)
#   STARLINT_FUZZ_TARGET=dir  the fuzz build's target dir (default: <corpus dir>/target)
# Prints, per target, the executions, executions per second and corpus size.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo="$(pwd)"
secs="${1:-45}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(engine document config framing)
corpus_root="${STARLINT_FUZZ_CORPUS:-${XDG_CACHE_HOME:-$HOME/.cache}/starlint-fuzz}"
# The fuzz build (release, sanitizer) is kept beside the corpus: rebuilt only where the code
# changed.
target_dir="${STARLINT_FUZZ_TARGET:-$corpus_root/target}"
max_len=4096

seeds="$(mktemp -d)"
trap 'rm -rf "$seeds"' EXIT

# Markdown seeds: every small file of fixtures/ and the shared corpus.
mkdir -p "$seeds/md"
i=0
while IFS= read -r -d '' f; do
  i=$((i + 1))
  cp "$f" "$seeds/md/$i.md"
done < <(find fixtures ../shared/corpus -name '*.md' -size -"$max_len"c -print0 2>/dev/null)
mkdir -p "$seeds/engine" "$seeds/document"
for f in "$seeds"/md/*.md; do
  b="$(basename "$f" .md)"
  cp "$f" "$seeds/engine/$b"
  # The engine's first byte picks the kind and fix level: 0x81 = story bank, unsafe fixes.
  { printf '\x81'; cat "$f"; } >"$seeds/engine/$b-star-unsafe"
  cp "$f" "$seeds/document/$b"
  # The document target edits after a 0 byte.
  { cat "$f"; printf '\x00\x01\x02\x05\x00\x03\x00\x09\x00\x01\x00\x00\x00\x01'; } >"$seeds/document/$b-edit"
done

mkdir -p "$seeds/config"
cat >"$seeds/config/1.toml" <<'TOML'
select = ["STAR", "LP001"]
ignore = ["STAR005"]

[severity]
STAR006 = "error"
LP001 = "off"
TOML
cat >"$seeds/config/2.toml" <<'TOML'
[rules.story-too-long]
max-words = 400

[markers]
situation = ["Context"]
action = ["What I did"]

[principles]
set = "meta"
TOML
cat >"$seeds/config/3.toml" <<'TOML'
[bank]
target = 3
role-principles = ["Ownership", "Dive Deep"]
max-principles-per-story = 2

[files]
star = ["stories/**/*.md"]
prfaq = ["prfaq*.md"]
exclude = ["drafts/**"]
TOML
printf 'select = [\n' >"$seeds/config/4.toml"

mkdir -p "$seeds/framing"
frame() { printf 'Content-Length: %d\r\n\r\n%s' "${#1}" "$1"; }
{ printf '\x10\x02'; frame '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}'; } >"$seeds/framing/1"
{ printf '\x01\x03'; printf 'Content-Length: 3\r\n\r\n'; frame '{"jsonrpc":"2.0","method":"exit"}'; } >"$seeds/framing/2"
{ printf '\xff\x01'; printf 'Content-Length: 999\r\nContent-Type: x\r\n\r\n{}'; frame '{"id":2}'; } >"$seeds/framing/3"


for t in "${targets[@]}"; do cargo +nightly fuzz build --fuzz-dir fuzz --target-dir "$target_dir" "$t"; done
failed=0
summary=()
for t in "${targets[@]}"; do
  mkdir -p "$corpus_root/$t"
  log="$(mktemp)"
  rc=0
  cargo +nightly fuzz run --fuzz-dir fuzz --target-dir "$target_dir" "$t" "$corpus_root/$t" "$seeds/$t" -- \
    -max_total_time="$secs" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 >"$log" 2>&1 || rc=$?
  runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)"
  speed="$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)"
  size="$(find "$corpus_root/$t" -type f | wc -l)"
  if [ "$rc" = 0 ]; then
    result=ok
  else
    result="CRASH (exit $rc)"
    failed=1
    echo "---- $t: last lines of libFuzzer's log ----"
    grep -v '^#[0-9]' "$log" | tail -n 40
  fi
  summary+=("$(printf '%-10s %12s %10s %8s  %s' "$t" "${runs:-?}" "${speed:-?}" "$size" "$result")")
  rm -f "$log"
done
printf '\n%-10s %12s %10s %8s  %s\n' target executions exec/s corpus result
printf '%s\n' "${summary[@]}"
if [ "$failed" != 0 ]; then
  echo "fuzz: a target crashed; the input is in fuzz/artifacts/<target>/ (add it as a regression test)"
  exit 1
fi
