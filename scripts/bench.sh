#!/usr/bin/env bash
# CLI benchmark: starlint vs rumdl / write-good / markdownlint-cli2 on the standard corpus
# (../shared/tools/perf/gen_corpus.py --standard), paired and interleaved; see bench_cli.py.
# Then scaling.py (not with --ci: .ci/run runs it strict as its own step): every shape that can
# grow at N and 4N, the 4N/N time ratio, and 50,000 headings against 2 s.
# Then bench_coach.py: `match` and `probe` against `coverage` on the same corpus (ratio < 1.10).
#
# Usage: bash scripts/bench.sh [--ci] [--runs N] [--tiny-runs N] [--no-large]
#   --ci   3 counted runs instead of 5; exits 0 unless starlint itself crashed (targets are
#          printed as PASS/FAIL but not enforced: the machine is noisy)
# Env:   STARLINT=path/to/starlint        (default: <repo>/target/release/starlint)
#        STARLINT_SHARED=path/to/shared   (default: <repo>/../shared)
#        STARLINT_BENCH_DIR=dir           (corpus cache; default ~/.cache/starlint-bench)
#        STARLINT_PEERS=dir               (npm prefix of the peers; default ~/.cache/starlint-peers)
#        RUMDL=rumdl                      (rumdl command; empty to skip rumdl)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(git -C "$here" rev-parse --show-toplevel 2>/dev/null || (cd "$here/.." && pwd))"
shared="${STARLINT_SHARED:-$root/../shared}"
starlint="${STARLINT:-$root/target/release/starlint}"
bench_dir="${STARLINT_BENCH_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/starlint-bench}"
peers="${STARLINT_PEERS:-${XDG_CACHE_HOME:-$HOME/.cache}/starlint-peers}"
gen="$shared/tools/perf/gen_corpus.py"

if [ ! -x "$starlint" ]; then
  echo "bench: no starlint binary at $starlint (run cargo build --release, or set STARLINT)" >&2
  exit 2
fi
if [ ! -f "$gen" ]; then
  echo "bench: no corpus generator at $gen (set STARLINT_SHARED)" >&2
  exit 2
fi
starlint="$(cd "$(dirname "$starlint")" && pwd)/$(basename "$starlint")"

# peers installed by .ci/run (npm prefix) and cargo install
export PATH="$peers/node_modules/.bin:$HOME/.cargo/bin:$PATH"

# the standard corpus, generated once per generator version (the generator is deterministic)
stamp="$(python3 -c 'import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],"rb").read()).hexdigest()[:16])' "$gen")"
corpus="$bench_dir/corpus-$stamp"
if [ ! -f "$corpus/.complete" ]; then
  echo "bench: generating the standard corpus in $corpus"
  mkdir -p "$bench_dir"
  rm -rf "$corpus.tmp"
  python3 "$gen" --standard "$corpus.tmp"
  touch "$corpus.tmp/.complete"
  rm -rf "$corpus"
  mv "$corpus.tmp" "$corpus"
else
  echo "bench: reusing the standard corpus in $corpus"
fi

mkdir -p "$root/target/bench"
status=0
python3 "$here/bench_cli.py" --starlint "$starlint" --corpus "$corpus" \
  --rumdl "${RUMDL-rumdl}" --json-out "$root/target/bench/bench_cli.json" "$@" || status=$?
echo
echo "== coach: match and probe against coverage (scripts/bench_coach.py)"
python3 "$here/bench_coach.py" --starlint "$starlint" --corpus "$corpus" --runs 3 || status=$?
echo
if [[ " $* " == *" --ci "* ]]; then
  # .ci/run runs it on its own, with --strict.
  echo "== scaling: run by .ci/run as its own step (scripts/scaling.py --strict)"
else
  echo "== scaling: does the cost grow linearly with the input? (scripts/scaling.py)"
  python3 "$here/scaling.py" --starlint "$starlint" || status=$?
fi
exit "$status"
