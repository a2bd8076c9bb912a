#!/usr/bin/env bash
# End-to-end check of the release binary on the real-world corpus in ../shared/corpus:
#   1. `starlint check --format json <corpus>/` must not fail (exit 2), crash (exit > 2 or a
#      signal) or print invalid JSON;
#   2. per file (`starlint debug model`): the kind and the stories; a star/ file is
#      "recognised" when read as a story bank with stories (fails below 90%), a prfaq/ file when
#      read as a PR/FAQ; every look-alike under silent/ must get no diagnostic at all;
#   3. against the reviewed baseline scripts/corpus_baseline.json: fails when a file changes kind
#      or a rule's count moves by more than 20% (and more than 2). After reviewing a change,
#      `bash scripts/corpus_check.sh --update` rewrites the baseline; commit it with the change.
#
# Usage: bash scripts/corpus_check.sh [--update]
# Env:   STARLINT=path/to/starlint        (default: <repo>/target/release/starlint)
#        STARLINT_SHARED=path/to/shared   (default: <repo>/../shared)
#        CORPUS_MIN_STAR_PCT=90           (threshold for the star files)
# Runs with --no-cache: the corpus is a shared read-only input, and nothing may be written
# beside it.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(git -C "$here" rev-parse --show-toplevel 2>/dev/null || (cd "$here/.." && pwd))"
shared="${STARLINT_SHARED:-$root/../shared}"
starlint="${STARLINT:-$root/target/release/starlint}"

if [ ! -d "$shared/corpus" ]; then
  echo "corpus_check: no corpus at $shared/corpus (set STARLINT_SHARED)" >&2
  exit 2
fi
if [ ! -x "$starlint" ]; then
  echo "corpus_check: no starlint binary at $starlint (run cargo build --release, or set STARLINT)" >&2
  exit 2
fi

cd "$root"
exec python3 "$here/corpus_check.py" --starlint "$starlint" --corpus "$(cd "$shared/corpus" && pwd)" \
  --min-star-pct "${CORPUS_MIN_STAR_PCT:-90}" --baseline "$here/corpus_baseline.json" "$@"
