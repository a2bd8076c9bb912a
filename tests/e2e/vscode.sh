#!/usr/bin/env bash
# tests/e2e/vscode.sh: the VS Code extension (editors/vscode) from a clean install to a
# platform-specific .vsix with the starlint binary inside, then that .vsix in real VS Code with no
# `starlint` on PATH. Run from anywhere; needs target/release/starlint (cargo build --release), or
# STARLINT_BIN, or a prebuilt STARLINT_VSIX.
#   1. npm ci, typecheck, bundle, unit tests (node --test), `vsce package --target linux-x64` with
#      the binary in bin/ (or STARLINT_VSIX, the one scripts/release.sh made), check its contents
#   2. the settings table in editors/vscode/README.md matches `starlint rules --format json`
#   3. end to end (skip with STARLINT_VSCODE_E2E=0): installs chromium (apt) and code-server 4.100.3
#      + playwright-core (npm, pinned by tests/e2e/vscode/package-lock.json, cached in
#      $XDG_CACHE_HOME/starlint-vscode-e2e), installs the .vsix into code-server with neither
#      `starlint.path` nor a `starlint` on PATH, opens a story in headless Chromium and checks the
#      Problems panel (served by the bundled binary), a settings change and the coverage panel.
#      STARLINT_VSCODE_SHOTS=DIR keeps screenshots (problems.png is the README's).
# ~1.5 min with warm caches, ~3 min on a fresh machine (2 cores).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
EXT="$ROOT/editors/vscode"
BIN="${STARLINT_BIN:-$ROOT/target/release/starlint}"
E2E="${STARLINT_VSCODE_E2E:-1}"
DEPS="${STARLINT_VSCODE_DEPS:-${XDG_CACHE_HOME:-$HOME/.cache}/starlint-vscode-e2e}"
start=$SECONDS
step() { printf '\n-- vscode: %s (%ds)\n' "$*" "$((SECONDS - start))"; }

command -v npm >/dev/null || { echo "tests/e2e/vscode.sh: npm not found (apt-get install nodejs npm)" >&2; exit 1; }

apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

step "npm ci"
(cd "$EXT" && npm ci --no-audit --no-fund --loglevel=error)
step "typecheck and bundle"
(cd "$EXT" && npm run --silent typecheck && npm run --silent compile)
step "unit tests"
(cd "$EXT" && npm test --silent)
step "package"
WORK="$(mktemp -d /tmp/starlint-vscode.XXXXXX)"
cleanup() {
  local rc=$? pid
  # code-server leads its own process group: stop it if the driver could not (hard timeout).
  pid="$(cat "$WORK/code-server.pid" 2>/dev/null || true)"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -- "-$pid" 2>/dev/null || true; fi
  [ "$rc" = 0 ] && rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
if [ -n "${STARLINT_VSIX:-}" ]; then
  VSIX="$(cd "$(dirname "$STARLINT_VSIX")" && pwd)/$(basename "$STARLINT_VSIX")"
  echo "testing the prebuilt $VSIX"
else
  [ -x "$BIN" ] || { echo "tests/e2e/vscode.sh: $BIN not found: run cargo build --release first" >&2; exit 1; }
  VSIX="$WORK/starlint-linux-x64.vsix"
  rm -rf "$EXT/bin"
  mkdir -p "$EXT/bin"
  cp "$BIN" "$EXT/bin/starlint"
  chmod 755 "$EXT/bin/starlint"
  # vsce runs vscode:prepublish (typecheck + bundle) again; stdin closed so it can never prompt.
  (cd "$EXT" && npx --no-install vsce package --target linux-x64 -o "$VSIX" </dev/null)
  rm -rf "$EXT/bin"
fi
unzip -l "$VSIX" | tee "$WORK/vsix.txt"
files="$(awk 'NR>3 && $4 != "" {print $4}' "$WORK/vsix.txt" | grep -v '^-*$' | sort)"
missing=0
for f in extension/package.json extension/out/extension.js extension/readme.md extension/bin/starlint; do
  grep -qx "$f" <<<"$files" || { echo "FAIL the .vsix has no $f"; missing=1; }
done
# Only the bundle, the manifest, the README, the licence note and the binary: no sources, tests
# or node_modules.
extra="$(grep -vE '^(extension\.vsixmanifest|\[Content_Types\]\.xml|extension/(package\.json|readme\.md|LICENSE\.txt|out/extension\.js|bin/starlint))$' <<<"$files" || true)"
[ -z "$extra" ] || { echo "FAIL unexpected files in the .vsix:"; echo "$extra"; missing=1; }
grep -q 'TargetPlatform="linux-x64"' <(unzip -p "$VSIX" extension.vsixmanifest) \
  || { echo "FAIL the .vsix is not marked for linux-x64"; missing=1; }
mkdir -p "$WORK/unzipped"
unzip -q -o "$VSIX" extension/bin/starlint -d "$WORK/unzipped"
chmod +x "$WORK/unzipped/extension/bin/starlint"
"$WORK/unzipped/extension/bin/starlint" --version | grep -q '^starlint ' \
  || { echo "FAIL the bundled bin/starlint does not run"; missing=1; }
[ "$missing" = 0 ] || exit 1
echo "ok   the linux-x64 .vsix holds out/extension.js, package.json, readme.md and a bin/starlint that runs ($(du -k "$VSIX" | cut -f1) KiB)"
passed=1

step "settings table"
node "$EXT/scripts/settings-table.mjs" --check --bin "$WORK/unzipped/extension/bin/starlint"
passed=$((passed + 1))

if [ "$E2E" = 0 ]; then
  echo "vscode: end to end skipped (STARLINT_VSCODE_E2E=0)"
  echo "vscode: $passed passed, 0 failed"
  exit 0
fi

step "end to end: prerequisites"
need=()
command -v chromium >/dev/null || need+=(chromium)
# code-server's install builds native modules (node-gyp) and seeds its ripgrep from Debian's.
command -v rg >/dev/null || need+=(ripgrep)
command -v make >/dev/null && command -v g++ >/dev/null || need+=(build-essential)
[ -e /usr/include/krb5.h ] || [ -e /usr/include/krb5/krb5.h ] || need+=(libkrb5-dev)
command -v pkg-config >/dev/null || need+=(pkg-config)
command -v python3 >/dev/null || need+=(python3)
[ ${#need[@]} = 0 ] || { echo "apt-get install ${need[*]}"; apt_install "${need[@]}"; }

mkdir -p "$DEPS"
stamp="$(cat "$HERE/vscode/package.json" "$HERE/vscode/package-lock.json" | sha256sum | cut -c1-16)"
if [ "$(cat "$DEPS/.stamp" 2>/dev/null)" != "$stamp" ] || [ ! -x "$DEPS/node_modules/.bin/code-server" ]; then
  cp "$HERE/vscode/package.json" "$HERE/vscode/package-lock.json" "$DEPS/"
  # code-server's postinstall runs npm install in lib/vscode, where @vscode/ripgrep would
  # download rg from GitHub (unreachable from CI): a tarball in its cache is used instead.
  rg_cache="$(node -e 'console.log(require("os").tmpdir())')/vscode-ripgrep-cache-1.15.11"
  mkdir -p "$rg_cache" "$WORK/rg"
  cp "$(command -v rg)" "$WORK/rg/rg"
  tar czf "$rg_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$WORK/rg" rg
  # npm_config_yes: node-pty's install runs `npx node-gyp`; nodedir: build against Debian's headers.
  (cd "$DEPS" && npm_config_yes=true npm_config_nodedir=/usr \
    npm ci --no-audit --no-fund --loglevel=error --unsafe-perm >"$WORK/deps-install.log" 2>&1) \
    || { tail -n 40 "$WORK/deps-install.log"; echo "tests/e2e/vscode.sh: installing code-server failed" >&2; exit 1; }
  echo "$stamp" >"$DEPS/.stamp"
fi
echo "code-server $("$DEPS/node_modules/.bin/code-server" --version 2>/dev/null | head -n1); $(chromium --version 2>/dev/null)"

step "end to end: the .vsix in code-server + headless Chromium"
mkdir -p "$WORK/ws"
cp "$ROOT/tests/e2e/fixtures/we.md" "$WORK/ws/"
set +e
XDG_CONFIG_HOME="$WORK/config" timeout -k 10 240 node "$HERE/vscode/drive.mjs" --vsix "$VSIX" \
  --workspace "$WORK/ws" --deps "$DEPS" --pidfile "$WORK/code-server.pid" ${STARLINT_VSCODE_SHOTS:+--shots "$STARLINT_VSCODE_SHOTS"} | tee "$WORK/drive.txt"
rc=${PIPESTATUS[0]}
set -e
driven=$(grep -c '^ok ' "$WORK/drive.txt" || true)
failed=$(grep -c '^FAIL ' "$WORK/drive.txt" || true)
if [ "$rc" != 0 ] && [ "$failed" = 0 ]; then failed=1; echo "FAIL the VS Code run ended with status $rc"; fi
step "done"
echo "vscode: $((passed + driven)) passed, $failed failed"
[ "$failed" = 0 ]
