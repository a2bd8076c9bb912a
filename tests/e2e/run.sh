#!/usr/bin/env bash
# tests/e2e/run.sh: drive headless Neovim (Debian's `neovim` package) against the release
# `starlint lsp` and check what the editor saw. Installs nothing; fails clearly when nvim is
# missing. Usage: tests/e2e/run.sh [--eglot]   (builds target/release/starlint if missing)
# --eglot also runs scenario 1 through Emacs + Eglot (Debian: emacs-nox elpa-eglot), with the
# server set up by loading editors/emacs/starlint-eglot.el.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BIN="$ROOT/target/release/starlint"

if ! command -v nvim >/dev/null 2>&1; then
  echo "tests/e2e: nvim not found; install Debian's package: apt-get install -y neovim" >&2
  exit 1
fi
EGLOT=0
[ "${1:-}" = "--eglot" ] && EGLOT=1
if [ "$EGLOT" = 1 ] && ! command -v emacs >/dev/null 2>&1; then
  echo "tests/e2e: emacs not found; install: apt-get install -y --no-install-recommends emacs-nox elpa-eglot" >&2
  exit 1
fi
if [ ! -x "$BIN" ]; then
  (cd "$ROOT" && cargo build --release -p starlint)
fi

WORK="$(mktemp -d /tmp/starlint-e2e.XXXXXX)"
trap 'rc=$?; [ $rc = 0 ] && rm -rf "$WORK"; exit $rc' EXIT
# Each scenario in a folder of its own: the server reads a folder as one story bank, and the
# two fixtures tell the same story (BANK002 would rightly report the copy).
mkdir -p "$WORK/we" "$WORK/untagged" "$WORK/eglot"
cp "$HERE/fixtures/we.md" "$WORK/we/"
cp "$HERE/fixtures/untagged.md" "$WORK/untagged/"

echo "e2e: $(nvim --version | head -n1) against $BIN lsp"

# 1. "we" in the Action: STAR005 at the exact position, quick fix, "I" in the buffer, gone.
#    Also the outline: the story and its parts.
"$HERE/probe/nvim-lsp-probe" --cmd "$BIN lsp" --file "$WORK/we/we.md" --out "$WORK/we.json" \
  --apply-first-fix --symbols --hover 7:4 --wait-ms 10000
# 2. A story without principles: accept the completion "Ownership" on its empty tag line.
PROBE_ACCEPT_COMPLETION=Ownership "$HERE/probe/nvim-lsp-probe" --cmd "$BIN lsp" \
  --file "$WORK/untagged/untagged.md" --out "$WORK/untagged.json" --complete 11:24 --wait-ms 10000

if [ "$EGLOT" = 1 ]; then
  cp "$HERE/fixtures/we.md" "$WORK/eglot/we-eglot.md"
  # Eglot runs the server that editors/emacs/starlint-eglot.el names (`starlint lsp`, from PATH).
  mkdir -p "$WORK/bin"
  ln -s "$BIN" "$WORK/bin/starlint"
  PATH="$WORK/bin:$PATH" PROBE_EGLOT_SNIPPET="$ROOT/editors/emacs/starlint-eglot.el" \
    "$HERE/probe/eglot-lsp-probe" --cmd "$BIN lsp" --file "$WORK/eglot/we-eglot.md" --out "$WORK/eglot.json" \
    --apply-first-fix --symbols --wait-ms 10000
fi

python3 - "$WORK/we.json" "$WORK/untagged.json" "$WORK/eglot.json" <<'PY'
import json, os, sys
we, untagged = (json.load(open(p)) for p in sys.argv[1:3])
failures = []
def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)

codes = [d.get("code") for d in we["diagnostics"]]
check(we["ok"], "probe 1 ran")
check(codes == ["STAR005"], f"STAR005 published on open (got {codes})")
rng = we["diagnostics"][0]["range"] if we["diagnostics"] else None
check(rng == {"start": {"line": 6, "character": 58}, "end": {"line": 6, "character": 60}},
      f"STAR005 at line 7, characters 59-60 (got {rng})")
check(we.get("applied_fix") == "Replace `we` with `I`", f"quick fix applied (got {we.get('applied_fix')})")
check("Then I rewrote the cache layer" in we.get("text_after_fix", ""), "the buffer says I")
check(not any(d.get("code") == "STAR005" for d in we.get("diagnostics_after_fix", [None])),
      "STAR005 gone after the fix")
flat = [(s["name"], s["depth"]) for s in we.get("symbols_flat", [])]
check(flat == [("Fixing the flaky deploys", 0), ("Situation", 1), ("Task", 1), ("Action", 1), ("Result", 1)],
      f"outline lists the story and its parts (got {flat})")
check((we.get("hover") or {}).get("text", "").startswith("**Action**"), "hover on the Action marker")

check(untagged["ok"], "probe 2 ran")
codes = [d.get("code") for d in untagged["diagnostics"]]
check("LP001" in codes, f"LP001 published for the untagged story (got {codes})")
labels = (untagged.get("completion") or {}).get("labels", [])
check("Ownership" in labels and "Dive Deep" in labels, f"principle names offered (got {labels[:4]}...)")
check("Leadership Principles: Ownership" in untagged.get("text_after_completion", ""), "completion accepted in the buffer")
after = [d.get("code") for d in untagged.get("diagnostics_after_completion", [])]
check("LP001" not in after, f"LP001 gone after the completion (got {after})")
if os.path.exists(sys.argv[3]):
    eg = json.load(open(sys.argv[3]))
    check(eg["ok"], f"eglot ran ({eg.get('client', {}).get('version')})")
    check(eg.get("snippet_contact") == ["starlint", "lsp"] and eg.get("server_cmd") == "starlint lsp",
          f"eglot: the server is the one editors/emacs/starlint-eglot.el adds (got {eg.get('snippet_contact')})")
    check([(d.get("code"), d["range"]) for d in eg["diagnostics"]] ==
          [("STAR005", {"start": {"line": 6, "character": 58}, "end": {"line": 6, "character": 60}})],
          "eglot: STAR005 at the exact position")
    check("STAR005" not in [d.get("code") for d in eg.get("diagnostics_after_fix", [None])]
          and "Then I rewrote" in eg.get("final_text", ""), "eglot: fix applied, STAR005 gone")
if failures:
    print(f"e2e: {len(failures)} check(s) failed; JSON in {sys.argv[1]} and {sys.argv[2]}")
    sys.exit(1)
print("e2e: all checks passed")
PY
