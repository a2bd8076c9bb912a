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
  -- Each story's readiness grade is a code lens above its title. Neovim asks for code lenses
  -- only when told to: on attach, and again when the text changes or is saved.
  on_attach = function(client, bufnr)
    if not client:supports_method('textDocument/codeLens', bufnr) then
      return
    end
    local refresh = function()
      vim.lsp.codelens.refresh({ bufnr = bufnr })
    end
    vim.api.nvim_create_autocmd({ 'BufEnter', 'TextChanged', 'InsertLeave', 'BufWritePost' }, {
      group = vim.api.nvim_create_augroup('starlint.codelens.' .. bufnr, { clear = true }),
      buffer = bufnr,
      callback = refresh,
    })
    refresh()
  end,
}
