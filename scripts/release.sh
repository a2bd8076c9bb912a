#!/usr/bin/env bash
# scripts/release.sh: the release artefacts of one build, for one target, into dist/:
#   starlint-<version>-<target>.whl            (maturin, bindings = "bin"; `pip install starlint`)
#   starlint-<version>-<target>.tar.gz + .sha256   (the binary, README and licence note)
#   starlint-<version>-<vscode-target>.vsix    (the VS Code extension with the binary in bin/)
#   SHA256SUMS                                 (every artefact above)
# and checks that `cargo package` succeeds for each publishable crate (target/package/).
# The binary is compiled once, by maturin (`--zig` links it against glibc 2.17 on Linux, so the
# wheel is manylinux2014), and that same binary goes into the tarball and the .vsix.
#
# Usage: scripts/release.sh [--target TRIPLE] [--wheel-only] [--out DIR]
#   --target      one of the declared targets below (default: x86_64-unknown-linux-gnu). Each
#                 needs its Rust standard library (`rustup target add`); CI builds the host's.
#   --wheel-only  only the wheel (tests/e2e/pre_commit.sh needs no more)
#   --out         where the artefacts go (default: dist/; the wheel is also in target/wheels/)
# Environment: STARLINT_BUILD_VENV (a venv for maturin, ziglang and twine; default
# ~/.cache/starlint-build-venv), NO_ZIG=1 (link with the system linker: the wheel is then tagged
# for this machine's glibc, not manylinux2014).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# The declared targets: Rust triple -> VS Code platform. Release builds run one per machine
# (.github/workflows/release.yml); this machine's CI builds and tests x86_64 Linux.
TARGETS="x86_64-unknown-linux-gnu aarch64-unknown-linux-gnu x86_64-apple-darwin aarch64-apple-darwin x86_64-pc-windows-msvc aarch64-pc-windows-msvc"
vscode_target() {
  case "$1" in
    x86_64-unknown-linux-gnu) echo linux-x64 ;;
    aarch64-unknown-linux-gnu) echo linux-arm64 ;;
    x86_64-apple-darwin) echo darwin-x64 ;;
    aarch64-apple-darwin) echo darwin-arm64 ;;
    x86_64-pc-windows-msvc) echo win32-x64 ;;
    aarch64-pc-windows-msvc) echo win32-arm64 ;;
  esac
}
# Pinned build tools (PyPI).
MATURIN_VERSION=1.16.0
ZIGLANG_VERSION=0.15.1
TWINE_VERSION=7.0.0

target=x86_64-unknown-linux-gnu
wheel_only=0
out="$ROOT/dist"
while [ $# -gt 0 ]; do
  case "$1" in
    --target) target="$2"; shift 2 ;;
    --wheel-only) wheel_only=1; shift ;;
    --out) out="$(mkdir -p "$2" && cd "$2" && pwd)"; shift 2 ;;
    -h|--help) sed -n '2,19p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "release.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
vsce_target="$(vscode_target "$target")"
[ -n "$vsce_target" ] || {
  echo "release.sh: $target is not a declared target ($TARGETS)" >&2
  exit 2
}
if command -v rustup >/dev/null && ! rustup target list --installed | grep -qx "$target"; then
  echo "release.sh: the Rust standard library for $target is not installed (rustup target add $target)" >&2
  exit 2
fi
version="$(grep -m1 '^version = ' Cargo.toml | cut -d'"' -f2)"
exe=starlint
case "$target" in *windows*) exe=starlint.exe ;; esac
start=$SECONDS
step() { printf -- '-- release: %s (%ds)\n' "$*" "$((SECONDS - start))"; }

# --- build tools in a venv -------------------------------------------------------------------
venv="${STARLINT_BUILD_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/starlint-build-venv}"
[ -d "$venv" ] || python3 -m venv "$venv"
vbin="$venv/bin"
[ -d "$vbin" ] || vbin="$venv/Scripts"  # Windows
want="maturin==$MATURIN_VERSION ziglang==$ZIGLANG_VERSION twine==$TWINE_VERSION"
if [ "$(cat "$venv/.starlint-tools" 2>/dev/null)" != "$want" ]; then
  step "pip install $want"
  # shellcheck disable=SC2086
  "$vbin/python" -m pip install --quiet --disable-pip-version-check $want
  echo "$want" >"$venv/.starlint-tools"
fi
export PATH="$vbin:$PATH"

# --- the wheel (and the binary) --------------------------------------------------------------
step "maturin build --release --target $target"
zig=(--zig --compatibility manylinux2014)
case "$target" in *linux*) ;; *) zig=() ;; esac
[ "${NO_ZIG:-0}" = 1 ] && zig=()
rm -f "$ROOT"/target/wheels/starlint-"$version"-*.whl
nice -n 10 maturin build --release --locked --target "$target" "${zig[@]}" \
  -m crates/cli/Cargo.toml -o "$ROOT/target/wheels"
wheel="$(ls "$ROOT"/target/wheels/starlint-"$version"-*.whl)"
step "twine check"
twine check --strict "$wheel"
mkdir -p "$out"
cp "$wheel" "$out/"
if [ "$wheel_only" = 1 ]; then
  step "done"
  ls -l "$out/$(basename "$wheel")"
  exit 0
fi
bin="$ROOT/target/$target/release/$exe"
[ -x "$bin" ] || { echo "release.sh: maturin left no binary at $bin" >&2; exit 1; }

# --- the tarball -----------------------------------------------------------------------------
step "tarball"
name="starlint-$version-$target"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/$name"
cp "$bin" "$stage/$name/"
cp README.md "$stage/$name/"
cp editors/vscode/LICENSE.txt "$stage/$name/LICENSE.txt"
tar -C "$stage" --owner=0 --group=0 --numeric-owner -czf "$out/$name.tar.gz" "$name"
sha256() { if command -v sha256sum >/dev/null; then sha256sum "$@"; else shasum -a 256 "$@"; fi; }
(cd "$out" && sha256 "$name.tar.gz" >"$name.tar.gz.sha256")

# --- the VS Code extension with the binary inside -------------------------------------------
step "vsce package --target $vsce_target"
command -v npm >/dev/null || { echo "release.sh: npm not found (apt-get install nodejs npm)" >&2; exit 1; }
ext="$ROOT/editors/vscode"
rm -rf "$ext/bin"
mkdir -p "$ext/bin"
cp "$bin" "$ext/bin/$exe"
chmod 755 "$ext/bin/$exe"
vsix="$out/starlint-$version-$vsce_target.vsix"
(cd "$ext" && npm ci --no-audit --no-fund --loglevel=error \
  && npx --no-install vsce package --target "$vsce_target" -o "$vsix" </dev/null)
rm -rf "$ext/bin"

# --- the crates ------------------------------------------------------------------------------
# Every publishable crate packages (manifests, versions of the path dependencies, file lists).
# --no-verify: the sources were just compiled above; publishing verifies again.
step "cargo package (starlint-lint, starlint-lsp, starlint)"
if ! cargo package --locked --workspace --no-verify --allow-dirty \
  --exclude starlint-tests --exclude starlint-pre-commit >"$stage/package.log" 2>&1; then
  cat "$stage/package.log"
  echo "release.sh: cargo package failed" >&2
  exit 1
fi
grep -E '^ *Packag' "$stage/package.log"

# --- checksums -------------------------------------------------------------------------------
step "SHA256SUMS"
(cd "$out" && sha256 "$(basename "$wheel")" "$name.tar.gz" "$(basename "$vsix")" >SHA256SUMS)
step "done"
(cd "$out" && ls -l "$(basename "$wheel")" "$name.tar.gz" "$name.tar.gz.sha256" "$(basename "$vsix")" SHA256SUMS)
