-- starlint for nvim-lspconfig's `setup{}` interface (Neovim 0.10 and earlier; on 0.11+ prefer
-- lsp/starlint.lua and vim.lsp.enable('starlint')). In init.lua, with `starlint` on PATH:
local configs = require('lspconfig.configs')
if not configs.starlint then
  configs.starlint = {
    default_config = {
      cmd = { 'starlint', 'lsp' },
      filetypes = { 'markdown' },
      root_dir = require('lspconfig.util').root_pattern('starlint.toml', '.starlint.toml', '.git'),
      single_file_support = true,
    },
  }
end
require('lspconfig').starlint.setup({})
