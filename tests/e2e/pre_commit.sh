#!/usr/bin/env bash
# End-to-end test of the pre-commit hooks in .pre-commit-hooks.yaml, with the real `pre-commit`
# tool from PyPI: it installs the hooks from this repository at its current commit (`language:
# rust` runs `cargo install --bins --path .` on a clone, so this builds starlint from source),
# into a throwaway git repository of stories made in a temp dir. Then:
#   1. a commit of a story that has no Result part is rejected, and the STAR001 diagnostic shows;
#   2. a commit of a clean story goes through;
#   3. the starlint-fix hook fixes a misspelt principle in place (and fails, as fixers do).
#
# Usage: tests/e2e/pre_commit.sh [HOOK_REPO]   (default: this repository; it must be a git
# clone, and what is tested is its HEAD commit, not uncommitted changes)
# Environment: STARLINT_VENV (a venv to install pre-commit into; default ~/.cache/starlint-venv),
# PRE_COMMIT_VERSION (default 4.7.0), STARLINT_E2E_TARGET_DIR (the hook's cargo install builds
# there; by default a fresh temp dir).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
hook_repo="$(cd "${1:-$here/../..}" && pwd)"
cache_home="${XDG_CACHE_HOME:-$HOME/.cache}"
venv="${STARLINT_VENV:-$cache_home/starlint-venv}"
version="${PRE_COMMIT_VERSION:-4.7.0}"

fail() {
  echo "pre-commit e2e: FAILED: $*" >&2
  exit 1
}

# --- pre-commit from PyPI, in a venv -----------------------------------------------------------
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
if [ "$("$venv/bin/pre-commit" --version 2>/dev/null)" != "pre-commit $version" ]; then
  "$venv/bin/pip" install --quiet --disable-pip-version-check "pre-commit==$version"
fi
pre_commit="$venv/bin/pre-commit"
"$pre_commit" --version

rev="$(git -C "$hook_repo" rev-parse HEAD)"
if [ -n "$(git -C "$hook_repo" status --porcelain --untracked-files=no)" ]; then
  echo "note: $hook_repo has uncommitted changes; the hook is built from its HEAD ($rev)"
fi
git -C "$hook_repo" cat-file -e "$rev:.pre-commit-hooks.yaml" \
  || fail "$hook_repo at $rev has no .pre-commit-hooks.yaml"

# --- a throwaway story repository -------------------------------------------------------------
work="$(mktemp -d "${TMPDIR:-/tmp}/starlint-pre-commit.XXXXXX")"
trap 'rm -rf "$work"' EXIT
# pre-commit's own store (clones and the built hook) stays inside the temp dir: each CI run
# tests a new commit, so a kept store would only grow.
export PRE_COMMIT_HOME="$work/store"
# Where the hook's `cargo install` builds. The test checks that the hook installs and behaves,
# not how fast the binary runs, so the release profile is relaxed to build like a debug build
# (minutes less on 2 cores); the profile settings come from the environment, not the repository.
# Never an inherited CARGO_TARGET_DIR: `cargo install` would put this relaxed build of
# `starlint` over that directory's release binary.
export CARGO_TARGET_DIR="${STARLINT_E2E_TARGET_DIR:-$work/target}"
export CARGO_PROFILE_RELEASE_LTO=false
export CARGO_PROFILE_RELEASE_CODEGEN_UNITS=256
export CARGO_PROFILE_RELEASE_OPT_LEVEL=0
export CARGO_PROFILE_RELEASE_INCREMENTAL=false
export GIT_AUTHOR_NAME="starlint e2e" GIT_AUTHOR_EMAIL="e2e@example.invalid"
export GIT_COMMITTER_NAME="starlint e2e" GIT_COMMITTER_EMAIL="e2e@example.invalid"
export NO_COLOR=1

stories="$work/stories"
mkdir -p "$stories"
cd "$stories"
git init --quiet --initial-branch=main . 2>/dev/null || git init --quiet .
git config commit.gpgsign false
cat >.pre-commit-config.yaml <<EOF
repos:
  - repo: $hook_repo
    rev: $rev
    hooks:
      - id: starlint
      - id: starlint-fix
        stages: [manual]
EOF
git add .pre-commit-config.yaml
git commit --quiet --no-verify -m "pre-commit config"
"$pre_commit" install

echo "installing the hook environment (cargo install from $hook_repo at $rev)..."
start=$SECONDS
"$pre_commit" install-hooks
echo "hook environment installed in $((SECONDS - start))s"

clean_story() {
  cat <<'EOF'
# Cutting the nightly build time

Leadership Principles: Frugality, Deliver Results

**Situation:** Our nightly build took 95 minutes, and engineers waited for it every morning.

**Task:** As the build owner, I had to bring it under 30 minutes without any budget for new machines.

**Action:** I profiled every step of the build and found that 60% of the time went to tests that ran twice. I removed the duplicate runs, split the slowest suite into four shards, and cached the dependency downloads. I measured the build every night for two weeks to confirm the gain held.

**Result:** I delivered a nightly build of 22 minutes instead of 95, at no extra cost.
EOF
}

# 1. A story with no Result part: the commit is rejected and the diagnostic is shown.
clean_story | grep -v '^\*\*Result:\*\*' >no-result.md
git add no-result.md
if git commit -m "a story without its Result" >"$work/commit1.log" 2>&1; then
  cat "$work/commit1.log"
  fail "the commit of a story with no Result part went through"
fi
cat "$work/commit1.log"
grep -q 'no-result.md:1:3: warning\[STAR001\] Story has no Result part' "$work/commit1.log" \
  || fail "the rejected commit did not show the STAR001 diagnostic"
grep -q '^starlint\.*Failed' "$work/commit1.log" || fail "the starlint hook was not reported as failed"
git rm --cached --quiet no-result.md
rm no-result.md

# 2. A clean story: the commit goes through.
clean_story >build-time.md
git add build-time.md
git commit -m "a clean story" >"$work/commit2.log" 2>&1 || {
  cat "$work/commit2.log"
  fail "the commit of a clean story was rejected"
}
cat "$work/commit2.log"
grep -q '^starlint\.*Passed' "$work/commit2.log" || fail "the starlint hook did not run on the clean story"
[ "$(git log --format=%s -1)" = "a clean story" ] || fail "the clean story is not committed"

# 3. starlint-fix applies a safe fix in place (pre-commit fails a hook that changes files).
clean_story | sed 's/Frugality, Deliver Results/Frugalty, Deliver Results/' >typo.md
git add typo.md
if "$pre_commit" run --hook-stage manual starlint-fix --files typo.md >"$work/fix.log" 2>&1; then
  cat "$work/fix.log"
  fail "starlint-fix passed on a file it should have fixed"
fi
cat "$work/fix.log"
grep -q '^Leadership Principles: Frugality, Deliver Results$' typo.md \
  || fail "starlint-fix did not fix the principle typo in place"
"$pre_commit" run --hook-stage manual starlint-fix --files typo.md >"$work/fix2.log" 2>&1 || {
  cat "$work/fix2.log"
  fail "starlint-fix failed on a file it had already fixed"
}

echo "pre-commit e2e: 3 passed, 0 failed"
