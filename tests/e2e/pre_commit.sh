#!/usr/bin/env bash
# End-to-end test of the pre-commit hooks in .pre-commit-hooks.yaml, both flavours, with the real
# `pre-commit` tool from PyPI: it installs the hooks from this repository at its current commit
# into a throwaway git repository of stories made in a temp dir.
#   - `language: python` (starlint-py, starlint-fix-py): pip installs the root pyproject.toml, whose
#     one dependency is the `starlint` wheel. pip is pointed at the locally built wheel
#     (PIP_FIND_LINKS, PIP_NO_INDEX), so what is tested is this commit's wheel, not PyPI's.
#   - `language: rust` (starlint, starlint-fix): `cargo install --bins --path .` on a clone, so
#     this builds starlint from source.
# The first-run time of each (the wheel's install vs the rust hook's compile) is reported. Then,
# for each flavour:
#   1. a commit of a story that has no Result part is rejected, and the STAR001 diagnostic shows;
#   2. a commit of a clean story goes through;
#   3. the fix hook fixes a misspelt principle in place (and fails, as fixers do).
#
# Usage: tests/e2e/pre_commit.sh [HOOK_REPO]   (default: this repository; it must be a git
# clone, and what is tested is its HEAD commit, not uncommitted changes)
# Environment: STARLINT_WHEEL_DIR (a folder holding the starlint wheel; default target/wheels,
# where scripts/release.sh puts it), STARLINT_PRE_COMMIT_FLAVOURS ("python rust" by default; one
# of them to test only that), STARLINT_VENV (a venv to install pre-commit into; default
# ~/.cache/starlint-venv), PRE_COMMIT_VERSION (default 4.7.0), STARLINT_E2E_TARGET_DIR (the rust
# hook's cargo install builds there; by default a fresh temp dir).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
hook_repo="$(cd "${1:-$here/../..}" && pwd)"
cache_home="${XDG_CACHE_HOME:-$HOME/.cache}"
venv="${STARLINT_VENV:-$cache_home/starlint-venv}"
version="${PRE_COMMIT_VERSION:-4.7.0}"
setuptools_version=80.9.0
flavours="${STARLINT_PRE_COMMIT_FLAVOURS:-python rust}"
wheel_dir="$(cd "${STARLINT_WHEEL_DIR:-$here/../../target/wheels}" 2>/dev/null && pwd || true)"

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
  echo "note: $hook_repo has uncommitted changes; the hooks are installed from its HEAD ($rev)"
fi
git -C "$hook_repo" cat-file -e "$rev:.pre-commit-hooks.yaml" \
  || fail "$hook_repo at $rev has no .pre-commit-hooks.yaml"

# --- a throwaway story repository -------------------------------------------------------------
work="$(mktemp -d "${TMPDIR:-/tmp}/starlint-pre-commit.XXXXXX")"
trap 'rm -rf "$work"' EXIT
# pre-commit's own store (clones and the built hooks) stays inside the temp dir: each CI run
# tests a new commit, so a kept store would only grow.
export PRE_COMMIT_HOME="$work/store"

case " $flavours " in
  *" python "*)
    version_line="$(grep -m1 '^version = ' "$hook_repo/Cargo.toml" | cut -d'"' -f2)"
    ls "$wheel_dir"/starlint-"$version_line"-*.whl >/dev/null 2>&1 \
      || fail "no starlint-$version_line wheel in ${STARLINT_WHEEL_DIR:-target/wheels}: build it first (scripts/release.sh --wheel)"
    # The python hook's `pip install .` builds the root stub with setuptools, then installs its one
    # dependency, the starlint wheel: both come from a local folder and never from the index, so
    # the wheel installed is the one just built.
    links="$work/wheels"
    mkdir -p "$links"
    cp "$wheel_dir"/starlint-"$version_line"-*.whl "$links/"
    "$venv/bin/pip" download --quiet --disable-pip-version-check --no-deps --only-binary :all: \
      -d "$links" "setuptools==$setuptools_version"
    export PIP_FIND_LINKS="$links" PIP_NO_INDEX=1
    echo "python hook: pip installs from $links: $(cd "$links" && ls | tr '\n' ' ')"
    ;;
esac
# Where the rust hook's `cargo install` builds. The test checks that the hook installs and
# behaves, not how fast the binary runs, so the release profile is relaxed to build like a debug
# build (minutes less on 2 cores); the profile settings come from the environment, not the
# repository. Never an inherited CARGO_TARGET_DIR: `cargo install` would put this relaxed build
# of `starlint` over that directory's release binary.
export CARGO_TARGET_DIR="${STARLINT_E2E_TARGET_DIR:-$work/target}"
export CARGO_PROFILE_RELEASE_LTO=false
export CARGO_PROFILE_RELEASE_CODEGEN_UNITS=256
export CARGO_PROFILE_RELEASE_OPT_LEVEL=0
export CARGO_PROFILE_RELEASE_INCREMENTAL=false
export GIT_AUTHOR_NAME="starlint e2e" GIT_AUTHOR_EMAIL="e2e@example.invalid"
export GIT_COMMITTER_NAME="starlint e2e" GIT_COMMITTER_EMAIL="e2e@example.invalid"
export NO_COLOR=1

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

passed=0
timings=()
# One flavour: its own story repository, its hooks installed (timed), then the three checks.
# $1: python or rust; $2, $3: the check and fix hook ids.
run_flavour() {
  local flavour="$1" check_id="$2" fix_id="$3"
  local stories="$work/stories-$flavour"
  mkdir -p "$stories"
  cd "$stories"
  git init --quiet --initial-branch=main . 2>/dev/null || git init --quiet .
  git config commit.gpgsign false
  cat >.pre-commit-config.yaml <<EOF
repos:
  - repo: $hook_repo
    rev: $rev
    hooks:
      - id: $check_id
      - id: $fix_id
        stages: [manual]
EOF
  git add .pre-commit-config.yaml
  git commit --quiet --no-verify -m "pre-commit config"
  "$pre_commit" install

  echo "[$flavour] installing the hook environment ($check_id, $fix_id from $hook_repo at $rev)..."
  local start=$SECONDS
  "$pre_commit" install-hooks
  local took=$((SECONDS - start))
  timings+=("$flavour hook ($check_id): first run installs in ${took}s")
  echo "[$flavour] hook environment installed in ${took}s"

  # 1. A story with no Result part: the commit is rejected and the diagnostic is shown.
  clean_story | grep -v '^\*\*Result:\*\*' >no-result.md
  git add no-result.md
  if git commit -m "a story without its Result" >"$work/commit1.log" 2>&1; then
    cat "$work/commit1.log"
    fail "[$flavour] the commit of a story with no Result part went through"
  fi
  cat "$work/commit1.log"
  grep -q 'no-result.md:1:3: warning\[STAR001\] Story has no Result part' "$work/commit1.log" \
    || fail "[$flavour] the rejected commit did not show the STAR001 diagnostic"
  grep -q '^starlint\.*Failed' "$work/commit1.log" || fail "[$flavour] the starlint hook was not reported as failed"
  git rm --cached --quiet no-result.md
  rm no-result.md
  passed=$((passed + 1))

  # 2. A clean story: the commit goes through.
  clean_story >build-time.md
  git add build-time.md
  git commit -m "a clean story" >"$work/commit2.log" 2>&1 || {
    cat "$work/commit2.log"
    fail "[$flavour] the commit of a clean story was rejected"
  }
  cat "$work/commit2.log"
  grep -q '^starlint\.*Passed' "$work/commit2.log" || fail "[$flavour] the starlint hook did not run on the clean story"
  [ "$(git log --format=%s -1)" = "a clean story" ] || fail "[$flavour] the clean story is not committed"
  passed=$((passed + 1))

  # 3. The fix hook applies a safe fix in place (pre-commit fails a hook that changes files).
  clean_story | sed 's/Frugality, Deliver Results/Frugalty, Deliver Results/' >typo.md
  git add typo.md
  if "$pre_commit" run --hook-stage manual "$fix_id" --files typo.md >"$work/fix.log" 2>&1; then
    cat "$work/fix.log"
    fail "[$flavour] $fix_id passed on a file it should have fixed"
  fi
  cat "$work/fix.log"
  grep -q '^Leadership Principles: Frugality, Deliver Results$' typo.md \
    || fail "[$flavour] $fix_id did not fix the principle typo in place"
  "$pre_commit" run --hook-stage manual "$fix_id" --files typo.md >"$work/fix2.log" 2>&1 || {
    cat "$work/fix2.log"
    fail "[$flavour] $fix_id failed on a file it had already fixed"
  }
  passed=$((passed + 1))
}

for flavour in $flavours; do
  case "$flavour" in
    python)
      run_flavour python starlint-py starlint-fix-py
      # The hook's environment runs the wheel's binary, not one found on PATH.
      hook_bin="$(find "$PRE_COMMIT_HOME" -path '*/py_env-*/bin/starlint' | head -n1)"
      [ -n "$hook_bin" ] || fail "[python] no starlint in the hook's virtualenv"
      echo "[python] the hook runs $hook_bin ($("$hook_bin" --version))"
      ;;
    rust) run_flavour rust starlint starlint-fix ;;
    *) fail "unknown flavour '$flavour' in STARLINT_PRE_COMMIT_FLAVOURS" ;;
  esac
done

echo
printf 'first run: %s\n' "${timings[@]}"
echo "pre-commit e2e: $passed passed, 0 failed"
