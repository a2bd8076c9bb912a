#!/usr/bin/env bash
# scripts/lsp_bench.sh: keystroke-to-diagnostics latency and memory of `starlint lsp`, with
# rumdl's server (and harper-ls, when installed) measured side by side in the same run, on a
# 300-word story and on the 2 MB story bank. Uses ../shared/tools/perf (lsp_bench.py,
# gen_corpus.py). Usage: scripts/lsp_bench.sh [EDITS] [OUTDIR]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PERF="${STARLINT_PERF_TOOLS:-$ROOT/../shared/tools/perf}"
EDITS="${1:-50}"
OUT="${2:-/tmp/starlint-lsp-bench}"
CORPUS="${STARLINT_PERF_CORPUS:-/tmp/perfcorpus}"
mkdir -p "$OUT"
[ -f "$CORPUS/large/story_bank.md" ] || python3 "$PERF/gen_corpus.py" --standard "$CORPUS" >/dev/null
(cd "$ROOT" && cargo build --release -q -p starlint)
BIN="$ROOT/target/release/starlint"

SERVERS=("starlint|$BIN lsp|")
command -v rumdl >/dev/null && SERVERS+=("rumdl|rumdl server --stdio|")
command -v harper-ls >/dev/null && SERVERS+=("harper-ls|harper-ls --stdio|{\"harper-ls\":{}}")

printf '%-10s %-6s %-16s %9s %9s %9s %9s %8s %6s\n' server mode file open_ms p50_ms p95_ms max_ms mem_MB diags
for f in "$CORPUS/tiny/story.md" "$CORPUS/large/story_bank.md"; do
  tag="$(basename "$f" .md)"
  for s in "${SERVERS[@]}"; do
    IFS='|' read -r name cmd config <<<"$s"
    for mode in pull push; do
      extra=()
      [ "$mode" = push ] && extra+=(--no-pull-capability)
      [ -n "$config" ] && extra+=(--config "$config")
      json="$OUT/${name}-${mode}_${tag}.json"
      python3 "$PERF/lsp_bench.py" --cmd "$cmd" --file "$f" --edits "$EDITS" --timeout 300 \
        "${extra[@]}" --out "$json" >/dev/null 2>&1 || true
      python3 - "$json" "$name" "$mode" "$tag" <<'PY'
import json, sys
path, name, mode, tag = sys.argv[1:5]
try:
    d = json.load(open(path))
except Exception as e:
    print(f"{name:<10} {mode:<6} {tag:<16} failed: {e}"); sys.exit(0)
e = d.get("edits") or {}
mem = (d.get("vmhwm_kb") or 0) / 1024
print(f"{name:<10} {d.get('mode', mode):<6} {tag:<16} {d.get('first_diag_ms') or 0:9.1f} "
      f"{e.get('p50_ms') or 0:9.2f} {e.get('p95_ms') or 0:9.2f} {e.get('max_ms') or 0:9.2f} {mem:8.1f} "
      f"{d.get('first_diag_count') or 0:6}")
PY
    done
  done
done
if command -v harper-ls >/dev/null; then
  echo "note: harper-ls skips files over 120,000 bytes by default (maxFileLength): its story_bank"
  echo "      rows time an empty diagnostics list (diags 0), not a lint of the bank."
else
  echo "note: harper-ls not on PATH: not measured."
fi
echo "mode: 'pull' advertises pull diagnostics (a server that cannot pull is measured pushing);"
echo "      'push' does not advertise them. diags: diagnostics after didOpen."
echo "JSON per run in $OUT"
