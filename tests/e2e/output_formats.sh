#!/usr/bin/env bash
# Validates real output of `starlint check` in the CI formats, over examples/ and the shared
# corpus (../shared/corpus):
#   - SARIF with Microsoft's SARIF validator: `validate` of the npm package
#     @microsoft/sarif-multitool (a self-contained .NET build ships in its Linux package, so no
#     .NET runtime is needed). It reports problems as results but always exits 0, so its output
#     log is read and any error fails this script. It also passes, silently, a file it cannot
#     deserialise at all (a bad enum value, say), so every file is also checked against the
#     SARIF 2.1.0 JSON schema the same package ships (python-jsonschema), and a broken copy must
#     make both validators fail (a check that cannot fail proves nothing).
#   - JUnit: well-formed XML, one failing test case per diagnostic.
#   - github: every line a well-formed workflow command, one per diagnostic.
#
# Usage: tests/e2e/output_formats.sh   (after `cargo build --release`; STARLINT=path overrides
# the binary). Tools go to ~/.cache (STARLINT_SARIF_TOOLS, STARLINT_VENV).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
starlint="${STARLINT:-$repo/target/release/starlint}"
cache_home="${XDG_CACHE_HOME:-$HOME/.cache}"
tools="${STARLINT_SARIF_TOOLS:-$cache_home/starlint-sarif}"
venv="${STARLINT_VENV:-$cache_home/starlint-venv}"
multitool_version=5.7.0
jsonschema_version=4.26.0

fail() {
  echo "output formats: FAILED: $*" >&2
  exit 1
}

[ -x "$starlint" ] || fail "no starlint binary at $starlint (run cargo build --release)"

# --- the validators ---------------------------------------------------------------------------
if [ ! -f "$tools/node_modules/@microsoft/sarif-multitool/package.json" ] \
  || ! grep -q "\"version\": \"$multitool_version\"" "$tools/node_modules/@microsoft/sarif-multitool/package.json"; then
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-audit --no-fund --loglevel=error \
    "@microsoft/sarif-multitool@$multitool_version"
fi
schema="$tools/node_modules/@microsoft/sarif-multitool-linux/sarif-2.1.0.json"
[ -f "$schema" ] || fail "the multitool package ships no $schema"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c "import jsonschema, sys; sys.exit(jsonschema.__version__ != '$jsonschema_version')" 2>/dev/null; then
  "$venv/bin/pip" install --quiet --disable-pip-version-check "jsonschema==$jsonschema_version"
fi
py="$venv/bin/python"

multitool() {
  # npx resolves the package installed under $tools. It runs the command through a shell, so
  # no argument may hold a `;` (such as --level's lists).
  (cd "$tools" && npx --no-install @microsoft/sarif-multitool "$@")
}

out="$(mktemp -d "${TMPDIR:-/tmp}/starlint-formats.XXXXXX")"
trap 'rm -rf "$out"' EXIT

# Run starlint; exit 0 (clean) and 1 (problems) are both fine here, 2 is not.
run_starlint() {
  local format=$1 input=$2 dest=$3
  local code=0
  "$starlint" check --no-cache --format "$format" "$input" >"$dest" 2>"$dest.stderr" || code=$?
  if [ "$code" -gt 1 ]; then
    cat "$dest.stderr" >&2
    fail "starlint check --format $format $input exited $code"
  fi
}

inputs=(examples)
if [ -d ../shared/corpus ]; then
  inputs+=(../shared/corpus)
else
  echo "warning: ../shared/corpus not found; validating examples/ only"
fi

sarif_files=()
for input in "${inputs[@]}"; do
  name="$(basename "$input")"
  run_starlint sarif "$input" "$out/$name.sarif"
  run_starlint json "$input" "$out/$name.json"
  run_starlint junit "$input" "$out/$name.xml"
  run_starlint github "$input" "$out/$name.github"
  sarif_files+=("$out/$name.sarif")
done

# --- SARIF: Microsoft's validator ---------------------------------------------------------------
# Reads the validator's own SARIF log: prints every error and warning, fails on errors, and
# checks that every file was scanned. Args: LOG EXPECTED_FILES.
read_validation() {
  "$py" - "$@" <<'EOF'
import json, sys
log_path, expected = sys.argv[1], int(sys.argv[2])
run = json.load(open(log_path, encoding="utf-8-sig"))["runs"][0]
levels = {}
for r in run.get("results", []):
    level = r.get("level", "warning")
    levels[level] = levels.get(level, 0) + 1
    if level in ("error", "warning"):
        loc = r.get("locations", [{}])[0].get("physicalLocation", {})
        where = "{}({})".format(loc.get("artifactLocation", {}).get("uri", "?"),
                                loc.get("region", {}).get("startLine", "?"))
        print(f"  {level} {r.get('ruleId')}: {where}: {r.get('message', {}).get('text', '')[:300]}")
ok = all(i.get("executionSuccessful") for i in run.get("invocations", [])) and run.get("invocations")
print(f"  validator results by level: {levels or 'none'}; execution successful: {bool(ok)}")
sys.exit(0 if ok and levels.get("error", 0) == 0 else 1)
EOF
}

echo "sarif-multitool $multitool_version validate: ${sarif_files[*]}"
multitool validate "${sarif_files[@]}" \
  --output "$out/validation.sarif" --log ForceOverwrite >"$out/validate.txt" 2>&1 || {
  cat "$out/validate.txt"
  fail "the SARIF validator did not run"
}
grep -q "Done. ${#sarif_files[@]} files scanned." "$out/validate.txt" || {
  cat "$out/validate.txt"
  fail "the SARIF validator did not scan all ${#sarif_files[@]} files"
}
read_validation "$out/validation.sarif" "${#sarif_files[@]}" \
  || fail "the SARIF validator reported errors in starlint's output"

# --- SARIF: the JSON schema, and a broken copy that both validators must reject ---------------------
"$py" - "$schema" "$out/broken.sarif" "${sarif_files[@]}" <<'EOF'
import json, sys
import jsonschema
schema_path, broken_path, files = sys.argv[1], sys.argv[2], sys.argv[3:]
schema = json.load(open(schema_path, encoding="utf-8-sig"))
cls = jsonschema.validators.validator_for(schema)
cls.check_schema(schema)
validator = cls(schema)
bad = 0
for path in files:
    log = json.load(open(path, encoding="utf-8"))
    errors = list(validator.iter_errors(log))
    results = sum(len(r.get("results", [])) for r in log["runs"])
    rules = sum(len(r["tool"]["driver"].get("rules", [])) for r in log["runs"])
    print(f"  schema ({cls.__name__}): {path}: {results} results, {rules} rules, {len(errors)} errors")
    for e in errors[:20]:
        print(f"    {'/'.join(map(str, e.absolute_path))}: {e.message[:300]}")
    bad += len(errors)
    # Every result's ruleIndex points at its rule.
    for run in log["runs"]:
        ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
        for r in run.get("results", []):
            if ids[r["ruleIndex"]] != r["ruleId"]:
                print(f"    ruleIndex {r['ruleIndex']} is not {r['ruleId']}")
                bad += 1
# The broken copy: a region that starts on line 0 (SARIF lines are 1-based).
log = json.load(open(files[0], encoding="utf-8"))
log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
json.dump(log, open(broken_path, "w", encoding="utf-8"), indent=2)
if not list(validator.iter_errors(log)):
    print("  the schema validator accepted a broken log")
    bad += 1
sys.exit(1 if bad else 0)
EOF
multitool validate "$out/broken.sarif" --output "$out/broken-validation.sarif" --log ForceOverwrite \
  >"$out/broken.txt" 2>&1 || true
if read_validation "$out/broken-validation.sarif" 1 >/dev/null; then
  cat "$out/broken.txt"
  fail "the SARIF validator accepted a log with a line-0 region: its verdict cannot be trusted"
fi
echo "  control: the validator rejects a broken copy, as it should"

# --- JUnit and github --------------------------------------------------------------------------
"$py" - "$out" "${inputs[@]}" <<'EOF'
import json, os, re, sys
import xml.etree.ElementTree as ET
out, inputs = sys.argv[1], sys.argv[2:]
command = re.compile(
    r"^::(error|warning|notice) file=[^,:\r\n]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,"
    r"title=[A-Z]+[0-9]+::[^\r\n]+$")
bad = 0
for input in inputs:
    name = os.path.basename(input)
    report = json.load(open(f"{out}/{name}.json", encoding="utf-8"))
    diagnostics = len(report["diagnostics"])
    suites = ET.parse(f"{out}/{name}.xml").getroot()
    failures = suites.findall("./testsuite/testcase/failure")
    files = len(suites.findall("./testsuite"))
    lines = open(f"{out}/{name}.github", encoding="utf-8").read().splitlines()
    malformed = [l for l in lines if not command.match(l)]
    print(f"  {input}: {diagnostics} diagnostics in {report['summary']['files']} files; "
          f"junit: {files} suites, {len(failures)} failures; github: {len(lines)} annotations")
    if len(failures) != diagnostics or files != report["summary"]["files"]:
        print("    junit counts do not match the JSON report")
        bad += 1
    if len(lines) != diagnostics or malformed:
        print(f"    github: {len(malformed)} malformed lines, e.g. {malformed[:2]}")
        bad += 1
sys.exit(1 if bad else 0)
EOF

echo "output formats: SARIF (validator + schema), JUnit and github output valid"
