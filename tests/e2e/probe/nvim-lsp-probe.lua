-- nvim-lsp-probe.lua: drive Neovim's built-in LSP client against a language
-- (copied from shared/tools/clients; starlint adds PROBE_ACCEPT_COMPLETION)
-- server, headless, and write what the client saw as JSON.
--
-- Run through the `nvim-lsp-probe` wrapper, which passes the settings in
-- environment variables (PROBE_*), applies a hard timeout and cleans up.
-- Works with Neovim 0.7 (vim.lsp.start_client) and 0.8+ (vim.lsp.start);
-- tested with 0.7.2 (Debian bookworm) and 0.12.0-dev.
--
-- Exit status (via :cquit): 0 ok, 2 bad arguments, 3 timed out waiting for
-- the server, 4 server exited/crashed, 5 probe error, 6 expectation failed
-- (e.g. --apply-first-fix but no diagnostic or no quickfix offered).

local uv = vim.uv or vim.loop
local T0 = uv.hrtime()
local function now_ms() return (uv.hrtime() - T0) / 1e6 end
local function r1(x) return x and math.floor(x * 10 + 0.5) / 10 or nil end

local env = function(k, d) local v = os.getenv(k); if v == nil or v == '' then return d end; return v end
local cfg = {
  cmd = env('PROBE_CMD'),
  file = env('PROBE_FILE'),
  out = env('PROBE_OUT'),
  apply_fix = env('PROBE_APPLY_FIX') == '1',
  hover = env('PROBE_HOVER'),
  complete = env('PROBE_COMPLETE'),
  symbols = env('PROBE_SYMBOLS') == '1',
  edits = {},
  wait_ms = tonumber(env('PROBE_WAIT_MS', '10000')),
  write = env('PROBE_NO_WRITE') ~= '1',
  stderr_file = env('PROBE_SERVER_STDERR'),
  encodings = env('PROBE_POSITION_ENCODINGS'),
  filetype = env('PROBE_FILETYPE', 'markdown'),
  root = env('PROBE_ROOT'),
}
do -- edits are passed as PROBE_EDIT_1, PROBE_EDIT_2, ...
  local i = 1
  while os.getenv('PROBE_EDIT_' .. i) do
    table.insert(cfg.edits, os.getenv('PROBE_EDIT_' .. i)); i = i + 1
  end
end

local R = {
  ok = false,
  tool = 'nvim-lsp-probe',
  client = { name = 'neovim', version = (vim.trim(vim.fn.execute('version')):match('^[^\n]*')) },
  server_cmd = cfg.cmd,
  file = cfg.file,
  timings_ms = {},
  events = {},
}

local state = { publishes = {}, exited = nil, client_id = nil, buf = nil }

local function ev(name, extra)
  local e = { t_ms = r1(now_ms()), event = name }
  for k, v in pairs(extra or {}) do e[k] = v end
  table.insert(R.events, e)
end

local function read_file(p)
  local f = p and io.open(p, 'r'); if not f then return nil end
  local s = f:read('*a'); f:close(); return s
end

local function finish(code, msg)
  if msg then
    R.error = msg
    io.stderr:write('nvim-lsp-probe: ' .. msg .. '\n')
  end
  R.ok = (code == 0)
  R.exit_code = code
  if state.exited then R.server_exit = state.exited end
  if code ~= 0 and cfg.stderr_file then
    local s = read_file(cfg.stderr_file)
    if s and #s > 0 then R.server_stderr_tail = s:sub(-4000) end
  end
  -- stop the server politely (shutdown + exit), bounded
  if state.client_id and not state.exited then
    local t = now_ms()
    pcall(vim.lsp.stop_client, state.client_id)
    vim.wait(2000, function() return state.exited ~= nil end, 20)
    R.timings_ms.shutdown = r1(now_ms() - t)
    if not state.exited then pcall(vim.lsp.stop_client, state.client_id, true) end
  end
  R.timings_ms.total = r1(now_ms())
  if cfg.out then
    local f = io.open(cfg.out, 'w')
    if f then f:write(vim.json.encode(R)); f:write('\n'); f:close()
    else io.stderr:write('nvim-lsp-probe: cannot write ' .. cfg.out .. '\n'); code = (code == 0) and 5 or code end
  end
  if code == 0 then vim.cmd('qall!') else vim.cmd('cquit ' .. code) end
  os.exit(code)
end

-- LINE:COL (1-based line, 1-based column counted in characters) -> cursor
-- position {row (1-based), byte col (0-based)}.
local function parse_pos(spec, what)
  local l, c = spec:match('^(%d+):(%d+)$')
  if not l then finish(2, what .. ': expected LINE:COL (1-based), got ' .. spec) end
  return tonumber(l), tonumber(c)
end

local function char_to_byte(buf, line1, col1)
  local text = vim.api.nvim_buf_get_lines(buf, line1 - 1, line1, false)[1]
  if text == nil then finish(2, 'line ' .. line1 .. ' is past the end of the buffer') end
  local nchars = vim.fn.strchars(text)
  if col1 - 1 >= nchars then return #text end
  return vim.fn.byteidx(text, col1 - 1)
end

local function client() return vim.lsp.get_client_by_id(state.client_id) end
local function caps(c)
  return c.server_capabilities or c.resolved_capabilities or {}
end

local function lsp_diag_summary(d)
  return {
    range = d.range, severity = d.severity, code = d.code, source = d.source,
    message = d.message,
  }
end

local function wait_for_publish(after_count, what)
  local t = now_ms()
  local ok = vim.wait(cfg.wait_ms, function()
    return #state.publishes > after_count or state.exited ~= nil
  end, 10)
  if state.exited then
    finish(4, string.format('server exited (code %s, signal %s) while waiting for %s',
      tostring(state.exited.code), tostring(state.exited.signal), what))
  end
  if not ok then
    finish(3, string.format('timed out after %d ms waiting for %s', cfg.wait_ms, what))
  end
  return state.publishes[#state.publishes], now_ms() - t
end

-- Wait until the client has sent every pending didChange (it debounces).
local function request_sync(method, params, timeout)
  local res, err = vim.lsp.buf_request_sync(state.buf, method, params, timeout or cfg.wait_ms)
  if state.exited then
    finish(4, string.format('server exited (code %s, signal %s) during %s',
      tostring(state.exited.code), tostring(state.exited.signal), method))
  end
  if not res then finish(3, method .. ': ' .. tostring(err or 'timeout')) end
  local r = res[state.client_id]
  if not r then finish(3, method .. ': no response from server') end
  if r.err or r.error then
    local e = r.err or r.error
    return nil, (type(e) == 'table' and (e.message or vim.inspect(e)) or tostring(e))
  end
  return r.result
end

local function position_params(line1, col1)
  vim.api.nvim_win_set_cursor(0, { line1, char_to_byte(state.buf, line1, col1) })
  return vim.lsp.util.make_position_params(0, client().offset_encoding)
end

local function markup_to_text(contents)
  if contents == nil or contents == vim.NIL then return nil end
  local ok, lines = pcall(vim.lsp.util.convert_input_to_markdown_lines, contents)
  if ok and lines then return table.concat(lines, '\n') end
  if type(contents) == 'table' and contents.value then return contents.value end
  return vim.inspect(contents)
end

local SymbolKind = vim.lsp.protocol.SymbolKind or {}
local function convert_symbols(list, depth, flat)
  local out = {}
  for _, s in ipairs(list or {}) do
    local rng = s.range or (s.location and s.location.range)
    local item = {
      name = s.name, detail = s.detail, kind = SymbolKind[s.kind] or s.kind,
      range = rng, selectionRange = s.selectionRange, depth = depth,
    }
    table.insert(flat, { name = s.name, depth = depth, line = rng and rng.start.line })
    if s.children and #s.children > 0 then
      item.children = convert_symbols(s.children, depth + 1, flat)
    end
    table.insert(out, item)
  end
  return out
end

local function buffer_text()
  return table.concat(vim.api.nvim_buf_get_lines(state.buf, 0, -1, false), '\n') .. '\n'
end

local function nvim_diagnostics()
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(state.buf)) do
    table.insert(out, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, code = d.code, message = d.message })
  end
  return out
end

local function main()
  if not cfg.cmd or not cfg.file or not cfg.out then
    finish(2, 'PROBE_CMD, PROBE_FILE and PROBE_OUT must be set (use the nvim-lsp-probe wrapper)')
  end
  if vim.fn.filereadable(cfg.file) ~= 1 then finish(2, 'cannot read ' .. cfg.file) end
  local lvl = env('PROBE_LSP_LOG_LEVEL', 'WARN')
  if vim.lsp.log and vim.lsp.log.set_level then vim.lsp.log.set_level(lvl) else vim.lsp.set_log_level(lvl) end

  vim.cmd('edit ' .. vim.fn.fnameescape(cfg.file))
  state.buf = vim.api.nvim_get_current_buf()
  vim.bo[state.buf].filetype = cfg.filetype
  local uri = vim.uri_from_bufnr(state.buf)
  R.uri = uri

  local shell_cmd = 'exec ' .. cfg.cmd
  if cfg.stderr_file then
    shell_cmd = 'exec 2>>' .. vim.fn.shellescape(cfg.stderr_file) .. '; ' .. shell_cmd
  end
  local conf = {
    name = 'probe-server',
    cmd = { 'sh', '-c', shell_cmd },
    root_dir = cfg.root or vim.fn.fnamemodify(cfg.file, ':p:h'),
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
        -- compare as paths: servers may percent-encode URIs differently
        if result and (result.uri == uri or vim.uri_to_fname(result.uri) == vim.uri_to_fname(uri)) then
          table.insert(state.publishes, { t_ms = now_ms(), version = result.version,
            diagnostics = result.diagnostics or {} })
        end
        return vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
      end,
    },
    on_init = function(c, init_result)
      R.timings_ms.initialize = r1(now_ms() - state.t_start)
      local si = init_result and init_result.serverInfo
      if si then R.server_info = si end
      ev('initialized')
    end,
    on_exit = function(code, signal)
      state.exited = { code = code, signal = signal, t_ms = r1(now_ms()) }
    end,
  }

  if cfg.encodings then
    local capabilities = vim.lsp.protocol.make_client_capabilities()
    capabilities.general = capabilities.general or {}
    capabilities.general.positionEncodings = vim.split(cfg.encodings, ',', { plain = true })
    conf.capabilities = capabilities
    R.advertised_position_encodings = capabilities.general.positionEncodings
  end

  state.t_start = now_ms()
  ev('start')
  if vim.lsp.start then
    state.client_id = vim.lsp.start(conf, { bufnr = state.buf })
  else -- Neovim 0.7
    state.client_id = vim.lsp.start_client(conf)
    if state.client_id then vim.lsp.buf_attach_client(state.buf, state.client_id) end
  end
  if not state.client_id then finish(4, 'could not start the server: ' .. cfg.cmd) end

  -- 1. first diagnostics after open
  local pub, waited = wait_for_publish(0, 'the first publishDiagnostics')
  R.timings_ms.open_to_first_diagnostics = r1(pub.t_ms - state.t_start)
  ev('first_diagnostics', { count = #pub.diagnostics })
  local c = client()
  R.offset_encoding = c.offset_encoding
  local sync = caps(c).textDocumentSync
  if type(sync) == 'table' then sync = sync.change end
  if sync == nil then sync = caps(c).text_document_did_change end
  R.text_document_sync = ({ [0] = 'none', [1] = 'full', [2] = 'incremental' })[sync] or sync
  R.diagnostics = vim.tbl_map(lsp_diag_summary, pub.diagnostics)
  R.diagnostics_version = pub.version
  vim.wait(50) -- let the default handler populate vim.diagnostic
  R.nvim_diagnostics = nvim_diagnostics()

  -- 2. queries on the document as opened
  if cfg.hover then
    local l, col = parse_pos(cfg.hover, '--hover')
    local t = now_ms()
    local res, err = request_sync('textDocument/hover', position_params(l, col))
    R.timings_ms.hover = r1(now_ms() - t)
    R.hover = { position = cfg.hover, error = err,
      text = res and markup_to_text(res.contents) or nil, range = res and res.range or nil }
  end
  if cfg.complete then
    local l, col = parse_pos(cfg.complete, '--complete')
    local params = position_params(l, col)
    params.context = { triggerKind = 1 }
    local t = now_ms()
    local res, err = request_sync('textDocument/completion', params)
    R.timings_ms.completion = r1(now_ms() - t)
    local items = res and (res.items or res) or {}
    local labels = {}
    for _, it in ipairs(items) do table.insert(labels, it.label) end
    R.completion = { position = cfg.complete, error = err, labels = labels,
      is_incomplete = res and res.isIncomplete or nil }
    -- starlint addition: accept the item labelled PROBE_ACCEPT_COMPLETION the way a user
    -- would (its textEdit, else its insertText at the cursor), then wait for diagnostics.
    local accept = env('PROBE_ACCEPT_COMPLETION')
    if accept then
      local chosen = nil
      for _, it in ipairs(items) do if it.label == accept then chosen = it end end
      if not chosen then finish(6, '--accept-completion: no item labelled ' .. accept) end
      local before = #state.publishes
      local enc = client().offset_encoding
      if chosen.textEdit then
        vim.lsp.util.apply_text_edits({ chosen.textEdit }, state.buf, enc)
      else
        local sb = char_to_byte(state.buf, l, col)
        vim.api.nvim_buf_set_text(state.buf, l - 1, sb, l - 1, sb, { chosen.insertText or chosen.label })
      end
      local pubc, wc = wait_for_publish(before, 'diagnostics after accepting the completion')
      R.completion.accepted = accept
      R.timings_ms.completion_to_diagnostics = r1(wc)
      R.diagnostics_after_completion = vim.tbl_map(lsp_diag_summary, pubc.diagnostics)
      R.text_after_completion = buffer_text()
    end
  end
  if cfg.symbols then
    local t = now_ms()
    local res, err = request_sync('textDocument/documentSymbol',
      { textDocument = { uri = uri } })
    R.timings_ms.document_symbols = r1(now_ms() - t)
    local flat = {}
    R.symbols = convert_symbols(res or {}, 0, flat)
    R.symbols_flat = flat
    R.symbols_error = err
  end

  local modified = false
  -- 3. quick fix at the first diagnostic
  if cfg.apply_fix then
    local diags = vim.deepcopy(pub.diagnostics)
    if #diags == 0 then finish(6, '--apply-first-fix: the server published no diagnostics') end
    table.sort(diags, function(a, b)
      if a.range.start.line ~= b.range.start.line then return a.range.start.line < b.range.start.line end
      return a.range.start.character < b.range.start.character
    end)
    local d = diags[1]
    local t = now_ms()
    local res, err = request_sync('textDocument/codeAction', {
      textDocument = { uri = uri }, range = d.range,
      context = { diagnostics = { d }, triggerKind = 1 },
    })
    R.timings_ms.code_action = r1(now_ms() - t)
    if err then finish(6, 'textDocument/codeAction failed: ' .. err) end
    local titles, chosen = {}, nil
    for _, a in ipairs(res or {}) do
      table.insert(titles, { title = a.title, kind = a.kind, isPreferred = a.isPreferred })
      if not chosen and a.kind and vim.startswith(a.kind, 'quickfix') then chosen = a end
    end
    R.code_actions = { at = d.range, diagnostic = lsp_diag_summary(d), actions = titles }
    if not chosen then finish(6, '--apply-first-fix: no quickfix code action offered at the first diagnostic') end
    if not chosen.edit and not chosen.command then -- lazily resolved action
      local rp = caps(client()).codeActionProvider
      if type(rp) == 'table' and rp.resolveProvider then
        local resolved, rerr = request_sync('codeAction/resolve', chosen)
        if rerr then finish(6, 'codeAction/resolve failed: ' .. rerr) end
        chosen = resolved or chosen
      end
    end
    local before = #state.publishes
    if chosen.edit then
      vim.lsp.util.apply_workspace_edit(chosen.edit, client().offset_encoding)
    end
    if chosen.command then
      local cmd = type(chosen.command) == 'table' and chosen.command or chosen
      request_sync('workspace/executeCommand', { command = cmd.command, arguments = cmd.arguments })
    end
    R.applied_fix = chosen.title
    modified = true
    local pub2, w2 = wait_for_publish(before, 'diagnostics after applying the quick fix')
    R.timings_ms.fix_to_diagnostics = r1(w2)
    R.diagnostics_after_fix = vim.tbl_map(lsp_diag_summary, pub2.diagnostics)
    R.text_after_fix = buffer_text()
  end

  -- 4. edits through the buffer API -> didChange
  if #cfg.edits > 0 then R.edits = {} end
  for _, spec in ipairs(cfg.edits) do
    local l, col, del, text = spec:match('^(%d+):(%d+)%+(%d+):(.*)$')
    if not l then
      l, col, text = spec:match('^(%d+):(%d+):(.*)$'); del = '0'
    end
    if not l then finish(2, '--edit: expected LINE:COL:text or LINE:COL+N:text, got ' .. spec) end
    l, col, del = tonumber(l), tonumber(col), tonumber(del)
    text = text:gsub('\\n', '\n')
    local line_text = vim.api.nvim_buf_get_lines(state.buf, l - 1, l, false)[1]
    if line_text == nil then finish(2, '--edit: line ' .. l .. ' is past the end of the buffer') end
    local sb = char_to_byte(state.buf, l, col)
    local eb = char_to_byte(state.buf, l, col + del)
    local before = #state.publishes
    local t = now_ms()
    vim.api.nvim_buf_set_text(state.buf, l - 1, sb, l - 1, eb, vim.split(text, '\n', { plain = true }))
    modified = true
    local pub3, w3 = wait_for_publish(before, 'diagnostics after --edit ' .. spec)
    table.insert(R.edits, { edit = spec, edit_to_diagnostics_ms = r1(w3),
      version = pub3.version, diagnostics = vim.tbl_map(lsp_diag_summary, pub3.diagnostics) })
    ev('edit_diagnostics', { count = #pub3.diagnostics })
  end

  if modified then
    R.final_text = buffer_text()
    if cfg.write then
      vim.cmd('silent write!')
      R.written = cfg.file
      vim.wait(100) -- let didSave go out
    end
  end
  R.publish_count = #state.publishes
  finish(0)
end

local ok, e = xpcall(main, debug.traceback)
if not ok then finish(5, 'probe error: ' .. tostring(e)) end
