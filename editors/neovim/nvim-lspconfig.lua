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
      -- Each story's readiness grade is a code lens above its title: ask for code lenses on
      -- attach and when the text changes or is saved.
      on_attach = function(client, bufnr)
        if not client.server_capabilities.codeLensProvider then
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
    },
  }
end
require('lspconfig').starlint.setup({})
