#!/usr/bin/env bash
# tests/e2e/wheel.sh: the starlint wheel as a user gets it. Installs the wheel into a fresh venv
# (no Rust toolchain involved) and runs, from the venv only:
#   1. `starlint --version` (the workspace's version);
#   2. `starlint check examples/` (exit 1 with diagnostics, as the examples have problems on
#      purpose, and the same output as the release binary built by cargo);
#   3. `starlint lsp`: initialize, initialized, shutdown, exit over stdio;
# and checks the wheel's tags (manylinux2014, py3-none) and that it holds only the binary.
# Usage: tests/e2e/wheel.sh [WHEEL]   (default: the starlint wheel in target/wheels/, which
# scripts/release.sh --wheel-only builds)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
version="$(grep -m1 '^version = ' "$ROOT/Cargo.toml" | cut -d'"' -f2)"
wheel="${1:-$(ls "$ROOT"/target/wheels/starlint-"$version"-*.whl 2>/dev/null | head -n1)}"
[ -f "$wheel" ] || { echo "tests/e2e/wheel.sh: no wheel (build it: scripts/release.sh --wheel-only)" >&2; exit 1; }
passed=0
failed=0
check() {
  if eval "$2"; then echo "ok   $1"; passed=$((passed + 1)); else echo "FAIL $1"; failed=$((failed + 1)); fi
}
WORK="$(mktemp -d /tmp/starlint-wheel.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

name="$(basename "$wheel")"
echo "wheel: $name ($(du -k "$wheel" | cut -f1) KiB)"
check "the wheel is tagged py3-none and manylinux2014 (glibc 2.17)" \
  '[[ "$name" == starlint-"$version"-py3-none-*manylinux2014_x86_64*.whl || "$name" == starlint-"$version"-py3-none-*manylinux_2_17_x86_64*.whl ]]'
contents="$(python3 -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$wheel")"
check "the wheel holds the binary and its metadata only" \
  '! grep -vE "^starlint-$version\.(data/scripts/starlint|dist-info/.*)$" <<<"$contents"'

start=$SECONDS
python3 -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install --quiet --disable-pip-version-check --no-index "$wheel"
echo "installed into a fresh venv in $((SECONDS - start))s"
sl="$WORK/venv/bin/starlint"
# Nothing else on PATH can answer for it.
export PATH="$WORK/venv/bin:/usr/bin:/bin"
check "starlint is the venv's own ($(command -v starlint))" '[ "$(command -v starlint)" = "$sl" ]'
check "starlint --version says $version" '[ "$(starlint --version)" = "starlint $version" ]'

set +e
(cd "$ROOT" && NO_COLOR=1 starlint check --no-cache examples/ >"$WORK/check.txt" 2>&1)
rc=$?
set -e
head -n 5 "$WORK/check.txt"
check "starlint check examples/ exits 1 with diagnostics (got $rc)" \
  '[ "$rc" = 1 ] && grep -q "warning\[STAR005\]" "$WORK/check.txt"'
if [ -x "$ROOT/target/release/starlint" ]; then
  (cd "$ROOT" && NO_COLOR=1 target/release/starlint check --no-cache examples/ >"$WORK/check-cargo.txt" 2>&1 || true)
  check "the wheel's output equals the cargo-built binary's" 'cmp -s "$WORK/check.txt" "$WORK/check-cargo.txt"'
fi

python3 - "$sl" <<'PY' >"$WORK/lsp.txt" 2>&1 && lsp_ok=1 || lsp_ok=0
import json, subprocess, sys
p = subprocess.Popen([sys.argv[1], "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
def send(msg):
    body = json.dumps(msg).encode()
    p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    p.stdin.flush()
def read():
    length = None
    while True:
        line = p.stdout.readline()
        if not line:
            raise SystemExit("the server closed its output")
        if line in (b"\r\n", b"\n"):
            break
        k, _, v = line.decode().partition(":")
        if k.lower() == "content-length":
            length = int(v)
    return json.loads(p.stdout.read(length))
def response(id_):
    while True:
        m = read()
        if m.get("id") == id_ and "method" not in m:
            return m
send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
      "params": {"processId": None, "rootUri": None, "capabilities": {}}})
init = response(1)
info = init["result"].get("serverInfo", {})
print("initialize:", info.get("name"), info.get("version"))
assert info.get("name") == "starlint", init
send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
assert response(2).get("result") is None
send({"jsonrpc": "2.0", "method": "exit"})
p.stdin.close()
rc = p.wait(timeout=10)
print("exit status:", rc)
assert rc == 0
PY
cat "$WORK/lsp.txt"
check "starlint lsp answers initialize and shutdown, and exits 0 on exit" '[ "$lsp_ok" = 1 ]'

echo "wheel: $passed passed, $failed failed"
[ "$failed" = 0 ]
