-- Drives aqua-lsp with Neovim's own LSP client (0.7+), headless: open, diagnostics as you edit,
-- hover, completion, rename in one file and across files, formatting, shutdown.
-- Environment: AQUA_LSP (the server), AQUA_WORKSPACE (a copy of tests/lsp/workspace).
local server = os.getenv('AQUA_LSP')
local root = os.getenv('AQUA_WORKSPACE')
local failures = 0

local function report(ok, step, detail)
  if ok then
    io.stdout:write('ok ' .. step .. '\n')
  else
    failures = failures + 1
    io.stdout:write('FAIL ' .. step .. ': ' .. (detail or '') .. '\n')
  end
end

-- Never hang: whatever happens, quit after 90 s.
vim.defer_fn(function()
  io.stdout:write('FAIL timeout: the session did not finish in 90 s\n')
  vim.cmd('cquit 1')
end, 90000)

vim.cmd('edit ' .. root .. '/main.aqua')
local buf = vim.api.nvim_get_current_buf()
vim.bo[buf].filetype = 'aqua'
local client_id = vim.lsp.start_client({ name = 'aqua-lsp', cmd = { server, '--debounce-ms', '50' }, root_dir = root })
report(client_id ~= nil, 'start client')
vim.lsp.buf_attach_client(buf, client_id)
local client = vim.lsp.get_client_by_id(client_id)

local function diagnostics(severity)
  return vim.diagnostic.get(buf, severity and { severity = severity } or nil)
end
local function line(n) return vim.api.nvim_buf_get_lines(buf, n, n + 1, false)[1] end
local function request(method, params, target)
  local response = client.request_sync(method, params, 10000, target or buf)
  if not response then return nil, 'no response' end
  return response.result, response.err
end
local function at(l, c, target)
  return { textDocument = { uri = vim.uri_from_bufnr(target or buf) }, position = { line = l, character = c } }
end

-- Diagnostics arrive: warnings only (an unused local, an unused import), no error.
local published = vim.wait(20000, function() return #diagnostics() > 0 end, 50)
report(published and #diagnostics(vim.diagnostic.severity.ERROR) == 0, 'diagnostics on open',
  vim.inspect(diagnostics()))

-- Typing an error shows it on its line; fixing it clears it.
local original = line(16)
vim.api.nvim_buf_set_lines(buf, 16, 17, false, { (original:gsub('twice', 'twise')) })
local errored = vim.wait(10000, function()
  for _, d in ipairs(diagnostics(vim.diagnostic.severity.ERROR)) do
    if d.lnum == 16 and d.message:find('twise', 1, true) then return true end
  end
  return false
end, 50)
report(errored, 'error appears while typing', vim.inspect(diagnostics()))
vim.api.nvim_buf_set_lines(buf, 16, 17, false, { original })
local fixed = vim.wait(10000, function() return #diagnostics(vim.diagnostic.severity.ERROR) == 0 end, 50)
report(fixed, 'error goes away once fixed', vim.inspect(diagnostics()))

-- Hover on a parameter shows its type.
local hover, err = request('textDocument/hover', at(12, 20))
local text = hover and hover.contents and (hover.contents.value or '') or ''
report(err == nil and text:find('[]Person', 1, true) ~= nil, 'hover', vim.inspect(hover or err))

-- Completion after `Greeter.` on a line being typed (it does not parse yet).
vim.api.nvim_buf_set_lines(buf, 16, 16, false, { '    z <- Greeter.' })
local items = request('textDocument/completion', at(16, 17))
local labels = {}
for _, item in ipairs((items and (items.items or items)) or {}) do labels[item.label] = true end
report(labels.greet and labels.count, 'completion of service functions', vim.inspect(labels))
vim.api.nvim_buf_set_lines(buf, 16, 17, false, {})

-- Rename a local: every use in the function changes.
local edit, rerr = request('textDocument/rename', vim.tbl_extend('force', at(13, 12), { newName = 'greeting' }))
if edit then vim.lsp.util.apply_workspace_edit(edit, 'utf-16') end
report(rerr == nil and line(13):find('greeting <-', 1, true) and line(14):find('<<- greeting', 1, true),
  'rename a local', vim.inspect(rerr) .. ' ' .. line(13) .. ' | ' .. line(14))

-- Rename an imported function: main.aqua and lib.aqua both change.
edit, rerr = request('textDocument/rename', vim.tbl_extend('force', at(16, 10), { newName = 'double' }))
if edit then vim.lsp.util.apply_workspace_edit(edit, 'utf-16') end
local lib = vim.fn.bufnr(root .. '/lib.aqua')
local libText = lib > 0 and table.concat(vim.api.nvim_buf_get_lines(lib, 0, -1, false), '\n') or ''
report(rerr == nil and line(16):find('double(n)', 1, true) and line(5):find('double from', 1, true)
  and libText:find('func double(', 1, true), 'rename across files', vim.inspect(rerr) .. ' ' .. line(16))

-- Formatting answers with edits (possibly none), without an error.
local edits, ferr = request('textDocument/formatting',
  { textDocument = { uri = vim.uri_from_bufnr(buf) }, options = { tabSize = 2, insertSpaces = true } })
report(ferr == nil and type(edits) == 'table', 'formatting', vim.inspect(ferr))
if edits then vim.lsp.util.apply_text_edits(edits, buf, 'utf-16') end
report(line(9) == 'func greetAll(people: []Person, peer: string) -> []string:' and line(10) == '  results: *string',
  'formatting applied', line(10))

-- Shutdown.
client.stop()
local stopped = vim.wait(10000, function() return client.is_stopped() end, 50)
report(stopped, 'shutdown')

if failures == 0 then vim.cmd('qa!') else vim.cmd('cquit 1') end
