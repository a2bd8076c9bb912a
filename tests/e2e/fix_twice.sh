#!/usr/bin/env bash
# Fixes converge in one run: `starlint check --fix --unsafe-fixes` over copies of every fixture,
# example and ../shared/corpus file, twice; the second run must change nothing. Prints the files
# the second run changed (with a diff) and fails when there are any.
# Usage: bash tests/e2e/fix_twice.sh [path/to/starlint]   (default: target/release/starlint)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
bin="${1:-target/release/starlint}"
[ -x "$bin" ] || { echo "fix_twice: no starlint binary at $bin (build it first)" >&2; exit 2; }
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/first"
cp -r fixtures "$work/first/fixtures"
cp -r examples "$work/first/examples"
if [ -d ../shared/corpus ]; then
  cp -r ../shared/corpus "$work/first/corpus"
else
  echo "fix_twice: ../shared/corpus not found: checking fixtures and examples only" >&2
fi
files=$(find "$work/first" -type f | wc -l)

run_fix() {
  # Exit 1 means diagnostics remain (expected); 2 is a usage, config or I/O error in some file,
  # which the per-file messages name. Anything else (a crash) fails the check.
  local status=0
  (cd "$1" && "$bin" check --fix --unsafe-fixes --no-cache --quiet --fail-on never . >/dev/null 2>"$work/stderr") || status=$?
  if [ "$status" -gt 2 ]; then
    echo "fix_twice: starlint exited with $status" >&2
    cat "$work/stderr" >&2
    exit 1
  fi
}

cp -r "$work/first" "$work/original"
run_fix "$work/first"
# A run that fixes nothing would pass vacuously: the first run must have fixed something.
fixed=$(diff -r -q "$work/original" "$work/first" | wc -l || true)
if [ "$fixed" -eq 0 ]; then
  echo "fix_twice: the first run fixed no file: is --fix working?" >&2
  exit 1
fi
cp -r "$work/first" "$work/second"
run_fix "$work/second"

if diff -r -q "$work/first" "$work/second" >/dev/null; then
  echo "fix_twice: $files files, $fixed fixed by the first run; a second --fix --unsafe-fixes run changed nothing"
  exit 0
fi
echo "fix_twice: a second --fix --unsafe-fixes run changed these files:" >&2
diff -r -u "$work/first" "$work/second" | sed "s|$work/||g" >&2 || true
exit 1
