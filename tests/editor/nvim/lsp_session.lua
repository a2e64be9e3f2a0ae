-- editor.neovim: Neovim's own LSP client (0.7 API, Debian 12's 0.7.2) drives aqua-lsp, headless:
-- open, diagnostics while editing (whole lines, part of a line, after non-ASCII text), hover,
-- completion, rename in one file and across files, formatting, shutdown. Positions come from the
-- cursor (vim.lsp.util.make_position_params), edits go through the buffer and Neovim's change
-- tracking, results are applied with vim.lsp.util — nothing here writes JSON by hand.
-- Environment: AQUA_LSP (the server), AQUA_WORKSPACE (a scratch copy of tests/lsp/workspace).
-- Prints `ok <step>` or `FAIL <step>: <details>` per step; exits 0 when all pass, 1 otherwise.
local server = assert(os.getenv('AQUA_LSP'), 'AQUA_LSP is not set')
local root = assert(os.getenv('AQUA_WORKSPACE'), 'AQUA_WORKSPACE is not set')
local failures = 0

local function say(text) io.stdout:write(text .. '\n'); io.stdout:flush() end
local function report(ok, step, detail)
  if ok then
    say('ok ' .. step)
  else
    failures = failures + 1
    say('FAIL ' .. step .. ': ' .. tostring(detail or ''):gsub('\n%s*', ' '))
  end
  return ok
end

-- Neovim's notes (e.g. "Client 1 quit with exit code 1") go to stdout as whole lines.
vim.notify = function(msg) say('note: ' .. tostring(msg):gsub('\n%s*', ' ')) end

-- Never hang: whatever happens (a request that never answers, a wait that never ends), quit.
vim.defer_fn(function()
  say('FAIL timeout: the session did not finish in 100 s')
  vim.cmd('cquit 1')
end, 100000)

-- The editor setup README.md gives for Neovim 0.7: a filetype for *.aqua, and a FileType autocommand
-- that starts one client and attaches every Aqua buffer to it (lib.aqua too, when a rename opens it).
vim.o.virtualedit = 'onemore' -- lets the cursor sit after the last character, as in insert mode
vim.cmd('autocmd BufRead,BufNewFile *.aqua setfiletype aqua')
local client_id, exited
vim.api.nvim_create_autocmd('FileType', {
  pattern = 'aqua',
  callback = function(args)
    if not client_id then
      client_id = vim.lsp.start_client({
        name = 'aqua-lsp',
        cmd = { server, '--debounce-ms', '50' },
        root_dir = root,
        on_exit = function(code, signal) exited = { code = code, signal = signal } end,
      })
    end
    if client_id then vim.lsp.buf_attach_client(args.buf, client_id) end
  end,
})

-- Count publishDiagnostics per document, then let Neovim's handler do its work (vim.diagnostic).
local published = {}
local publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  if result and result.uri then published[result.uri] = (published[result.uri] or 0) + 1 end
  return publish(err, result, ctx, config)
end

local E, W = vim.diagnostic.severity.ERROR, vim.diagnostic.severity.WARN
local function uri(b) return vim.uri_from_bufnr(b) end
local function text(b) return table.concat(vim.api.nvim_buf_get_lines(b, 0, -1, false), '\n') end
local function line(b, n) return vim.api.nvim_buf_get_lines(b, n, n + 1, false)[1] or '' end
local function wait(ms, cond) return vim.wait(ms, cond, 20) end
local function diags(b, severity)
  return vim.diagnostic.get(b, severity and { severity = severity } or nil)
end
local function show(b)
  return vim.inspect(vim.tbl_map(function(d)
    return string.format('%d:%d %s %s', d.lnum, d.col, tostring(d.code), d.message)
  end, diags(b)))
end
local function has(b, severity, code, lnum, col)
  for _, d in ipairs(diags(b, severity)) do
    if d.code == code and d.lnum == lnum and (col == nil or d.col == col) then return true end
  end
  return false
end
-- Waits for a publish for buffer b after `since`, with cond true on what Neovim then shows.
local function settle(b, since, cond)
  return wait(10000, function() return (published[uri(b)] or 0) > since and cond() end)
end
-- One request through vim.lsp.buf_request_sync from the current window's cursor (or given params).
local function request(b, method, params)
  local responses, reason = vim.lsp.buf_request_sync(b, method, params, 10000)
  local response = responses and responses[client_id]
  if not response then return nil, reason or 'no response' end
  return response.result, response.error
end
local function cursor(l, c) vim.api.nvim_win_set_cursor(0, { l + 1, c }) end -- 0-based line, byte column

local function session()
  -- Open main.aqua: the client starts, attaches, and the server publishes two warnings, no error.
  vim.cmd('edit ' .. vim.fn.fnameescape(root .. '/main.aqua'))
  local buf = vim.api.nvim_get_current_buf()
  if not report(client_id ~= nil and vim.bo[buf].filetype == 'aqua' and vim.lsp.buf_is_attached(buf, client_id),
      'start client and attach', 'filetype ' .. vim.bo[buf].filetype .. ', client ' .. tostring(client_id)) then
    return
  end
  local client = vim.lsp.get_client_by_id(client_id)
  local initialized = wait(10000, function() return client.initialized end)
  if not report(initialized and client.offset_encoding == 'utf-16' and client.resolved_capabilities.rename,
      'initialize', 'initialized ' .. tostring(initialized) .. ', offset encoding ' .. tostring(client.offset_encoding)) then
    return
  end
  local opened = settle(buf, 0, function() return #diags(buf) > 0 end)
  -- main.aqua `declares *`, which re-exports its builtin import: that import is not unused.
  report(opened and #diags(buf, E) == 0 and has(buf, W, 'W0003', 17, 4) and not has(buf, W, 'W0005', 4),
    'diagnostics on open (no error; unused `k`; the re-exported import is not reported)', show(buf))

  -- Part of a line: `twice` -> `twise` (nvim_buf_set_text, an incremental change inside line 16).
  local call = line(buf, 16)               -- `    m <- twice(n)`
  local col = call:find('twice', 1, true) - 1
  local before = published[uri(buf)] or 0
  vim.api.nvim_buf_set_text(buf, 16, col, 16, col + 5, { 'twise' })
  report(settle(buf, before, function() return has(buf, E, 'E1011', 16, col) end),
    'undefined function shows up while typing (E1011 at 16:' .. col .. ')', show(buf))
  before = published[uri(buf)] or 0
  vim.api.nvim_buf_set_text(buf, 16, col + 3, 16, col + 4, { 'c' })
  report(settle(buf, before, function() return #diags(buf, E) == 0 and has(buf, W, 'W0003', 17, 4) end),
    'error goes away once fixed (and the warnings are back)', show(buf) .. ' line 16: ' .. line(buf, 16))

  -- Whole lines with non-ASCII text before the error: Neovim sends UTF-16 ranges, the server's
  -- UTF-16 column comes back as byte column 19 (4 + 5 + `"` + 4-byte 😀 + 2-byte é + `", `).
  before = published[uri(buf)] or 0
  vim.api.nvim_buf_set_lines(buf, 17, 17, false, { '    s = ["😀é", twise(n)]' })
  report(settle(buf, before, function() return has(buf, E, 'E1011', 17, 19) end),
    'error after non-ASCII text is placed on the right column', show(buf))
  before = published[uri(buf)] or 0
  vim.api.nvim_buf_set_lines(buf, 17, 18, false, {})
  report(settle(buf, before, function() return #diags(buf, E) == 0 and has(buf, W, 'W0003', 17, 4) end),
    'line removed, back to no error', show(buf))

  -- Hover on `people` in `for p <- people:` shows its type, as Markdown.
  cursor(12, 19)
  local hover, err = request(buf, 'textDocument/hover', vim.lsp.util.make_position_params())
  local contents = hover and hover.contents or {}
  report(err == nil and contents.kind == 'markdown' and (contents.value or ''):find('people: []Person', 1, true),
    'hover shows the type', vim.inspect(err or hover))

  -- Completion right after `Greeter.` typed on a new line (the line does not parse yet).
  vim.api.nvim_buf_set_lines(buf, 17, 17, false, { '    z <- Greeter.' })
  cursor(17, #line(buf, 17))
  local items
  items, err = request(buf, 'textDocument/completion', vim.lsp.util.make_position_params())
  local labels = {}
  for _, item in ipairs(items and (items.items or items) or {}) do labels[#labels + 1] = item.label end
  table.sort(labels)
  report(err == nil and vim.tbl_contains(labels, 'greet') and vim.tbl_contains(labels, 'count'),
    'completion after `Greeter.` lists greet and count', vim.inspect(err or labels))
  before = published[uri(buf)] or 0
  vim.api.nvim_buf_set_lines(buf, 17, 18, false, {})
  report(settle(buf, before, function() return #diags(buf, E) == 0 end), 'completion line removed', show(buf))

  -- Rename a local (`msg`, declared on line 13 and used on 14): prepareRename, then
  -- buf_request_sync + vim.lsp.util.apply_workspace_edit; every use changes, nothing else does.
  local unrelated = text(buf):gsub('msg', 'greeting')
  cursor(13, 12)
  local range = request(buf, 'textDocument/prepareRename', vim.lsp.util.make_position_params())
  local prepared = range and (range.range or range)
  report(prepared and prepared.start and prepared.start.line == 13 and prepared.start.character == 12,
    'prepareRename gives the range of `msg`', vim.inspect(range))
  local params = vim.lsp.util.make_position_params()
  params.newName = 'greeting'
  local edit
  edit, err = request(buf, 'textDocument/rename', params)
  if edit then vim.lsp.util.apply_workspace_edit(edit, client.offset_encoding) end
  report(err == nil and text(buf) == unrelated and line(buf, 13) == '            greeting <- Greeter.greet(p)'
    and line(buf, 14) == '            results <<- greeting',
    'rename a local changes every use', vim.inspect(err) .. ' | ' .. line(buf, 13) .. ' | ' .. line(buf, 14))

  -- Rename the imported `twice` as a user does (vim.lsp.buf.rename: prepareRename, rename, apply):
  -- the import, both calls in main.aqua (`L.twice` keeps its prefix) and the declaration in
  -- lib.aqua, which Neovim opens in a buffer (attached through the FileType autocommand).
  cursor(16, 10)
  before = published[uri(buf)] or 0
  vim.lsp.buf.rename('double')
  local libpath = root .. '/lib.aqua'
  local renamed = wait(10000, function()
    local lib = vim.fn.bufnr(libpath)
    return lib > 0 and text(lib):find('func double(x: u32)', 1, true) ~= nil and line(buf, 17):find('double', 1, true) ~= nil
  end)
  local lib = vim.fn.bufnr(libpath)
  report(renamed and line(buf, 5) == 'import Person, Greeter, double from "lib.aqua"'
    and line(buf, 16) == '    m <- double(n)' and line(buf, 17) == '    k <- L.double(m)'
    and lib > 0 and line(lib, 15) == 'func double(x: u32) -> u32:' and not text(lib):find('twice', 1, true)
    and not text(buf):find('twice', 1, true),
    'rename across files (main.aqua and lib.aqua)',
    'main: ' .. line(buf, 5) .. ' | ' .. line(buf, 16) .. ' | ' .. line(buf, 17)
      .. '; lib: ' .. (lib > 0 and line(lib, 15) or 'not opened'))
  report(lib > 0 and vim.lsp.buf_is_attached(lib, client_id), 'lib.aqua attached once opened by the rename')
  report(settle(buf, before, function() return #diags(buf, E) == 0 and has(buf, W, 'W0003', 17, 4) end),
    'no error in main.aqua after the rename across files', show(buf))
  report(lib > 0 and wait(10000, function() return (published[uri(lib)] or 0) > 0 and #diags(lib, E) == 0 end),
    'no error in lib.aqua after the rename across files', lib > 0 and show(lib) or '')

  -- Formatting: the request answers with a list of edits (no error); applied, the function body
  -- uses the requested 2-space indentation; formatting again changes nothing.
  local edits
  edits, err = request(buf, 'textDocument/formatting',
    vim.lsp.util.make_formatting_params({ tabSize = 2, insertSpaces = true }))
  report(err == nil and type(edits) == 'table', 'formatting answers with edits', vim.inspect(err or edits))
  before = published[uri(buf)] or 0
  if type(edits) == 'table' then vim.lsp.util.apply_text_edits(edits, buf, client.offset_encoding) end
  report(line(buf, 9) == 'func greetAll(people: []Person, peer: string) -> []string:'
    and line(buf, 10) == '  results: *string' and line(buf, 13) == '      greeting <- Greeter.greet(p)',
    'formatting applied', line(buf, 10) .. ' | ' .. line(buf, 13))
  local formatted = text(buf)
  vim.lsp.buf.formatting_sync({ tabSize = 2, insertSpaces = true }, 10000)
  report(text(buf) == formatted, 'formatting is stable (vim.lsp.buf.formatting_sync)', text(buf))
  report(settle(buf, before, function() return #diags(buf, E) == 0 and has(buf, W, 'W0003', 17, 2) end),
    'no error after formatting', show(buf))

  -- Shutdown: shutdown request, exit notification, the server ends with status 0.
  client.stop()
  local stopped = wait(10000, function() return exited ~= nil end)
  report(stopped and exited.code == 0 and exited.signal == 0, 'shutdown and exit',
    exited and ('exit code ' .. exited.code .. ', signal ' .. exited.signal) or 'the server did not exit')
end

local ok, problem = xpcall(session, debug.traceback)
if not ok then report(false, 'session', problem) end
if failures == 0 then vim.cmd('qa!') else vim.cmd('cquit 1') end
