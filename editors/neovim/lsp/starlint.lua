-- starlint's language server for Neovim 0.11+, in the runtime format that `vim.lsp.config()`
-- reads from every `lsp/` folder on 'runtimepath'. Put this folder (editors/neovim) on the
-- runtime path, or copy this file to ~/.config/nvim/lsp/starlint.lua, then:
--   vim.lsp.enable('starlint')
-- `starlint` must be on PATH (`pip install starlint`), or change `cmd`:
--   vim.lsp.config('starlint', { cmd = { '/path/to/starlint', 'lsp' } })
---@type vim.lsp.Config
return {
  cmd = { 'starlint', 'lsp' },
  filetypes = { 'markdown' },
  root_markers = { 'starlint.toml', '.starlint.toml', '.git' },
}
