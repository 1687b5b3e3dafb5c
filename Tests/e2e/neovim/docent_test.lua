-- Headless Neovim end-to-end test: editors/neovim's `require('docent').setup{}` starts the built
-- `docent lsp` on fixtures/portal, and the real Neovim LSP client (hover window, completion request,
-- vim.diagnostic, buffer edits sent as didChange) is checked against it.
--
--   timeout 180 nvim --headless --clean -c 'luafile Tests/e2e/neovim/docent_test.lua'
--
-- Environment: DOCENT_BIN (default .build/debug/docent), DOCENT_RULES (space-separated rule codes;
-- default: what `docent rules` lists), DOCENT_E2E_TIMEOUT (seconds, default 120) for the watchdog,
-- DOCENT_E2E_CAPTURE (a directory: screen captures of the hover and the inline warnings go there).
-- Exit code 0 when every check passed, 1 when one failed, 3 when the watchdog fired.

local script = debug.getinfo(1, 'S').source:sub(2)
local repo = vim.fn.fnamemodify(script, ':p:h:h:h:h')
local portal = repo .. '/fixtures/portal'
local bin = vim.env.DOCENT_BIN or (repo .. '/.build/debug/docent')
if bin:sub(1, 1) ~= '/' then
  bin = repo .. '/' .. bin
end
local step_ms = 15000 -- the longest any single wait may take

local function out(line)
  io.stdout:write(line .. '\n')
  io.stdout:flush()
end

-- The watchdog: whatever happens, this process ends (the caller's `timeout` is the second net).
local limit = tonumber(vim.env.DOCENT_E2E_TIMEOUT or '') or 120
vim.defer_fn(function()
  out('Bail out! neovim watchdog: the test did not finish within ' .. limit .. ' s')
  vim.cmd('cquit 3')
end, limit * 1000)

local passed, failed, skipped = 0, 0, 0

local function check(name, fn)
  local ok, err = xpcall(fn, debug.traceback)
  if ok then
    passed = passed + 1
    out('ok - ' .. name)
  else
    failed = failed + 1
    out('not ok - ' .. name)
    for line in tostring(err):gmatch('[^\n]+') do
      out('#   ' .. line)
    end
  end
end

local function skip(name, reason)
  skipped = skipped + 1
  out('ok - ' .. name .. ' # SKIP ' .. reason)
end

local function wait_for(what, condition)
  if not vim.wait(step_ms, condition, 20) then
    error('timed out after ' .. step_ms .. ' ms waiting for ' .. what, 2)
  end
end

local function expect(condition, message)
  if not condition then
    error(message, 2)
  end
end

-- Which rules does this build have? (term-casing and misplaced-document land with other issues.)
local rules = {}
if vim.env.DOCENT_RULES and vim.env.DOCENT_RULES ~= '' then
  for code in vim.env.DOCENT_RULES:gmatch('%S+') do
    rules[code] = true
  end
else
  for line in vim.fn.system({ 'timeout', '10', bin, 'rules' }):gmatch('[^\n]+') do
    local code = line:match('^([%w%-]+)')
    if code then
      rules[code] = true
    end
  end
end

local function lines_of(path)
  return vim.fn.readfile(path)
end

--- 0-based index of the first line containing `needle` (plain text), or error.
local function line_index(path, needle)
  for index, line in ipairs(lines_of(path)) do
    if line:find(needle, 1, true) then
      return index - 1
    end
  end
  error('no line containing ' .. needle .. ' in ' .. path)
end

-- Headless Neovim draws windows on its default grid but not floating windows, so those are laid
-- over the captured grid from their real position, size and buffer contents.
local function capture_screen(name)
  local dir = vim.env.DOCENT_E2E_CAPTURE
  if dir == nil or dir == '' then
    return
  end
  vim.fn.mkdir(dir, 'p')
  vim.cmd('redraw!')
  local grid = {}
  for row = 1, vim.o.lines do
    grid[row] = {}
    for col = 1, vim.o.columns do
      grid[row][col] = vim.fn.screenstring(row, col)
    end
  end
  for _, win in ipairs(vim.api.nvim_list_wins()) do
    local config = vim.api.nvim_win_get_config(win)
    if config.relative ~= '' then
      local top, left = unpack(vim.api.nvim_win_get_position(win))
      local width, height = vim.api.nvim_win_get_width(win), vim.api.nvim_win_get_height(win)
      local rows = {}
      for _, text in ipairs(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(win), 0, -1, false)) do
        local chars = vim.fn.split(text, '\\zs')
        repeat -- soft wrap at the window width
          rows[#rows + 1] = vim.list_slice(chars, 1, width)
          chars = vim.list_slice(chars, width + 1)
        until #chars == 0
      end
      for r = 1, height do
        for c = 1, width do
          local cell = (rows[r] or {})[c] or ' '
          if grid[top + r] and grid[top + r][left + c] then
            grid[top + r][left + c] = cell
          end
        end
      end
    end
  end
  local lines = {}
  for row = 1, #grid do
    lines[row] = (table.concat(grid[row]):gsub('%s+$', ''))
  end
  local file = string.format('%s/%s-%d.%d.txt', dir, name, vim.version().major, vim.version().minor)
  vim.fn.writefile(lines, file)
  out('# screen captured to ' .. file)
end

local function diagnostics(bufnr, code)
  local found = {}
  for _, diagnostic in ipairs(vim.diagnostic.get(bufnr)) do
    if code == nil or diagnostic.code == code then
      found[#found + 1] = diagnostic
    end
  end
  return found
end

local function describe(list)
  local parts = {}
  for _, d in ipairs(list) do
    parts[#parts + 1] = string.format('%s@%d:%d %q', tostring(d.code), d.lnum, d.col, d.message)
  end
  return '[' .. table.concat(parts, ', ') .. ']'
end

local function open(relative)
  vim.cmd('edit ' .. vim.fn.fnameescape(portal .. '/' .. relative))
  local bufnr = vim.api.nvim_get_current_buf()
  wait_for('the docent client to attach to ' .. relative, function()
    local client = require('docent').client(bufnr)
    return client ~= nil and client.initialized
  end)
  return bufnr
end

local function float_windows()
  local found = {}
  for _, win in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_config(win).relative ~= '' then
      found[#found + 1] = win
    end
  end
  return found
end

local function normalize(text)
  return (text:gsub('%s+', ' '))
end

-- Setup ---------------------------------------------------------------------------------------------

vim.o.columns = 120
vim.o.lines = 20
vim.o.swapfile = false
vim.opt.runtimepath:prepend(repo .. '/editors/neovim')
out('# neovim ' .. tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) .. '.' .. tostring(vim.version().patch)
  .. (vim.lsp.start and ' (vim.lsp.start)' or ' (vim.lsp.start_client fallback)'))
out('# docent ' .. bin)
expect(vim.fn.executable(bin) == 1, 'docent binary not found at ' .. bin .. ' (run swift build)')
require('docent').setup({ cmd = { bin, 'lsp' } })

-- The glossary oracle: the first sense of "Service Catalog" as `docent terms --json` reads it.
local service_catalog_sense
for _, entry in ipairs(vim.fn.json_decode(vim.fn.system({ 'timeout', '10', bin, 'terms', '--json', portal }))) do
  if entry.term == 'Service Catalog' then
    service_catalog_sense = entry.senses[1]
  end
end

-- Hover -----------------------------------------------------------------------------------------------

local page = 'docs/portal/user-guides/navigating-the-catalog.md'
local page_buf

check('the docent client attaches to a Markdown page of fixtures/portal', function()
  page_buf = open(page)
  expect(vim.bo[page_buf].filetype == 'markdown', 'filetype is ' .. vim.bo[page_buf].filetype)
  expect(require('docent').client(page_buf).config.root_dir == portal, 'root_dir is not fixtures/portal')
end)

check('hover on "Service Catalog" shows the glossary definition in a floating window', function()
  expect(service_catalog_sense, '`docent terms --json` has no "Service Catalog" entry')
  local row = line_index(portal .. '/' .. page, 'The Service Catalog is') -- 0-based
  local col = lines_of(portal .. '/' .. page)[row + 1]:find('Service Catalog', 1, true) + 3 -- inside the term
  vim.api.nvim_win_set_cursor(0, { row + 1, col - 1 })
  vim.lsp.buf.hover()
  wait_for('the hover window', function()
    return #float_windows() > 0
  end)
  local win = float_windows()[1]
  local text = normalize(table.concat(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(win), 0, -1, false), '\n'))
  expect(text:find('Service Catalog', 1, true), 'hover does not name the term: ' .. text)
  local words = table.concat(vim.list_slice(vim.split(service_catalog_sense, ' '), 1, 10), ' ')
  expect(text:find(words, 1, true), 'hover lacks the definition ("' .. words .. '"): ' .. text)
  capture_screen('neovim-hover')
  vim.api.nvim_win_close(win, true)
end)

-- Completion ------------------------------------------------------------------------------------------

check('completion after "service c" offers the canonical term "Service Catalog"', function()
  local last = vim.api.nvim_buf_line_count(page_buf)
  local typed = 'Next, open the service c'
  vim.api.nvim_buf_set_lines(page_buf, last, last, false, { '', typed }) -- sent as didChange
  local client = require('docent').client(page_buf)
  -- The cursor after typing, as in Insert mode: past the last character (UTF-16 column).
  local params = {
    textDocument = vim.lsp.util.make_text_document_params(page_buf),
    position = { line = last + 1, character = vim.str_utfindex(typed) },
  }
  local responses = vim.lsp.buf_request_sync(page_buf, 'textDocument/completion', params, step_ms)
  expect(responses and responses[client.id], 'no completion response')
  local result = responses[client.id].result
  local items = result and (result.items or result) or {}
  local item
  for _, candidate in ipairs(items) do
    if candidate.label == 'Service Catalog' then
      item = candidate
    end
  end
  local labels = {}
  for _, candidate in ipairs(items) do
    labels[#labels + 1] = candidate.label
  end
  expect(item, 'no "Service Catalog" among ' .. table.concat(labels, ', '))
  -- Accept it the way a client does: apply its textEdit, which must replace exactly "service c".
  vim.lsp.util.apply_text_edits({ item.textEdit }, page_buf, client.offset_encoding)
  local line = vim.api.nvim_buf_get_lines(page_buf, last + 1, last + 2, false)[1]
  expect(line == 'Next, open the Service Catalog', 'after accepting: ' .. line)
  vim.api.nvim_buf_set_lines(page_buf, last, -1, false, {}) -- undo the addition
end)

-- A key completed in JSON front matter, between two members: with snippet support (Neovim 0.10 and
-- later say so) the item is a snippet, expanded by Neovim's own engine (vim.snippet), which must read
-- its choice of persona ids and leave valid JSON, comma included.
local snippet_support = vim.snippet ~= nil
  and vim.tbl_get(vim.lsp.protocol.make_client_capabilities(), 'textDocument', 'completion', 'completionItem', 'snippetSupport')
if snippet_support then
  check('a JSON front-matter key completed between two members expands to a valid member in vim.snippet', function()
    vim.cmd('edit ' .. vim.fn.fnameescape(portal .. '/docs/portal/user-guides/e2e-json-front-matter.md'))
    local buf = vim.api.nvim_get_current_buf()
    vim.api.nvim_buf_set_lines(buf, 0, -1, false, { '{', '  "title": "Finding a page",', '  "per', '  "slug": "finding"', '}', '', '# Finding a page' })
    local client
    wait_for('the docent client to attach to the new page', function()
      client = require('docent').client(buf)
      return client ~= nil and client.initialized
    end)
    local params = { textDocument = vim.lsp.util.make_text_document_params(buf), position = { line = 2, character = 6 } }
    local responses = vim.lsp.buf_request_sync(buf, 'textDocument/completion', params, step_ms)
    expect(responses and responses[client.id], 'no completion response')
    local result = responses[client.id].result
    local item
    for _, candidate in ipairs(result and (result.items or result) or {}) do
      if candidate.label == 'persona' then
        item = candidate
      end
    end
    expect(item, 'no "persona" key offered')
    expect(item.insertTextFormat == 2, 'not a snippet: ' .. vim.inspect(item))
    -- Accept it as a completion engine does, in Insert mode: remove what the edit replaces, expand the
    -- snippet there; Neovim offers the choice in its popup menu, where the first id, selected, is taken.
    local edit = item.textEdit
    local range = edit.range or edit.insert
    vim.lsp.util.apply_text_edits({ { range = range, newText = '' } }, buf, client.offset_encoding)
    expect(range.start.character == 2 and vim.api.nvim_buf_get_lines(buf, 2, 3, false)[1] == '  ', 'the edit does not replace "per: ' .. vim.inspect(range))
    vim.api.nvim_win_set_cursor(0, { range.start.line + 1, 0 })
    -- All in one go, as typed: Insert mode ends with the keys, and the menu is shown from a callback
    -- Neovim schedules, which the wait inside Insert mode lets run.
    _G.docent_e2e = { snippet = edit.newText }
    local keys = 'A<Cmd>lua vim.snippet.expand(_G.docent_e2e.snippet)<CR>'
      .. '<Cmd>lua vim.wait(2000, function() return vim.fn.pumvisible() == 1 end, 10)<CR>'
      .. '<Cmd>lua _G.docent_e2e.menu = vim.fn.complete_info({ "items" }).items<CR><C-y><Esc>'
    vim.api.nvim_feedkeys(vim.api.nvim_replace_termcodes(keys, true, false, true), 'x', false)
    vim.snippet.stop()
    local menu = vim.tbl_map(function(entry)
      return entry.word
    end, _G.docent_e2e.menu or {})
    expect(table.concat(menu, ',') == 'end-user,administrator,integrator,contributor,business-stakeholder,evaluator', 'choices: ' .. vim.inspect(menu))
    local lines = vim.api.nvim_buf_get_lines(buf, 0, 5, false)
    expect(lines[3] == '  "persona": "end-user",', 'after expanding: ' .. vim.inspect(lines))
    local ok, decoded = pcall(vim.json.decode, table.concat(lines, '\n'))
    expect(ok and decoded.persona == 'end-user' and decoded.slug == 'finding', 'not valid JSON: ' .. vim.inspect(lines))
    vim.cmd('bwipeout! ' .. buf)
  end)
else
  skip('a JSON front-matter key completed between two members expands to a valid member in vim.snippet',
    'this Neovim has no vim.snippet or does not announce snippetSupport')
end

-- Diagnostics -----------------------------------------------------------------------------------------

local glossary = 'docs/reference/glossary.md'
local glossary_buf

check('glossary-dangling-reference for #User-Role appears at its line in docs/reference/glossary.md', function()
  glossary_buf = open(glossary)
  local row = line_index(portal .. '/' .. glossary, '(#User-Role)')
  wait_for('glossary-dangling-reference diagnostics', function()
    return #diagnostics(glossary_buf, 'glossary-dangling-reference') > 0
  end)
  local found = diagnostics(glossary_buf, 'glossary-dangling-reference')
  local at_row = vim.tbl_filter(function(d)
    return d.lnum == row
  end, found)
  expect(#at_row == 1, 'expected one at line ' .. (row + 1) .. ', got ' .. describe(found))
  local d = at_row[1]
  local line = vim.api.nvim_buf_get_lines(glossary_buf, row, row + 1, false)[1]
  expect(line:sub(d.col + 1, d.end_col):find('#User-Role', 1, true), 'range does not cover #User-Role: ' .. line:sub(d.col + 1, d.end_col))
  expect(d.severity == vim.diagnostic.severity.WARN, 'severity ' .. tostring(d.severity))
  expect(d.message:find('User-Role', 1, true), 'message: ' .. d.message)
  -- The inline warning as a user sees it: virtual text, and the line's diagnostics float.
  vim.api.nvim_win_set_cursor(0, { row + 1, d.col })
  vim.cmd('normal! zz')
  local _, win = vim.diagnostic.open_float(glossary_buf, { scope = 'line' })
  expect(win, 'no diagnostics float')
  local text = normalize(table.concat(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(win), 0, -1, false), ' '))
  expect(text:find(d.message, 1, true), 'float lacks the message: ' .. text)
  capture_screen('neovim-inline-warning')
  vim.api.nvim_win_close(win, true)
end)

local dochub = 'docs/portal/user-guides/reading-docs-in-dochub.md'
local dochub_buf
if rules['term-casing'] then
  check('term-casing warning on "Dochub" at its line in ' .. dochub, function()
    dochub_buf = open(dochub)
    local row = line_index(portal .. '/' .. dochub, 'open it in Dochub')
    wait_for('a term-casing diagnostic on line ' .. (row + 1), function()
      return #vim.tbl_filter(function(d)
        return d.lnum == row
      end, diagnostics(dochub_buf, 'term-casing')) > 0
    end)
    local d = vim.tbl_filter(function(d)
      return d.lnum == row
    end, diagnostics(dochub_buf, 'term-casing'))[1]
    local line = vim.api.nvim_buf_get_lines(dochub_buf, row, row + 1, false)[1]
    expect(line:sub(d.col + 1, d.end_col) == 'Dochub', 'range covers "' .. line:sub(d.col + 1, d.end_col) .. '"')
    expect(d.severity == vim.diagnostic.severity.WARN, 'severity ' .. tostring(d.severity))
  end)
else
  out('# NOTICE: `docent rules` does not list term-casing yet (issue 4); its assertions are skipped')
  skip('term-casing warning on "Dochub"', 'rule term-casing not in this build')
end

local misplaced = 'docs/portal/user-guides/deploy-search-backend.md'
if rules['misplaced-document'] then
  check('misplaced-document warning at the title of ' .. misplaced, function()
    local bufnr = open(misplaced)
    local title_rows = { line_index(portal .. '/' .. misplaced, '# '), line_index(portal .. '/' .. misplaced, 'title:') }
    wait_for('a misplaced-document diagnostic', function()
      return #diagnostics(bufnr, 'misplaced-document') > 0
    end)
    local found = diagnostics(bufnr, 'misplaced-document')
    expect(#found == 1, 'expected one, got ' .. describe(found))
    expect(vim.tbl_contains(title_rows, found[1].lnum), 'at line ' .. (found[1].lnum + 1) .. ', not the title: ' .. describe(found))
    expect(found[1].severity == vim.diagnostic.severity.WARN, 'severity ' .. tostring(found[1].severity))
  end)

  -- Neovim lists resource operations but not documentChanges, which they imply: the move is
  -- offered with Neovim's own capabilities (it was not, until the server read them so).
  check('"Move to Developer Portal › Operator Guides" is offered at the title of ' .. misplaced, function()
    local bufnr = vim.fn.bufnr(portal .. '/' .. misplaced)
    local found = diagnostics(bufnr, 'misplaced-document')[1]
    expect(found, 'no misplaced-document diagnostic')
    local params = {
      textDocument = { uri = vim.uri_from_bufnr(bufnr) },
      range = { start = { line = found.lnum, character = found.col }, ['end'] = { line = found.lnum, character = found.col } },
      context = { diagnostics = {}, only = { 'quickfix' } },
    }
    local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, step_ms) or {}
    local titles = {}
    for _, response in pairs(responses) do
      for _, action in ipairs(response.result or {}) do
        titles[#titles + 1] = action.title
        if action.title == 'Move to Developer Portal › Operator Guides' then
          expect(action.edit and action.edit.documentChanges, 'the move carries no documentChanges: ' .. vim.inspect(action))
          local kinds = vim.tbl_map(function(change) return change.kind or 'edit' end, action.edit.documentChanges)
          expect(vim.tbl_contains(kinds, 'rename'), 'no rename in the move: ' .. vim.inspect(kinds))
          return
        end
      end
    end
    error('no "Move to" action; got: ' .. vim.inspect(titles))
  end)
else
  out('# NOTICE: `docent rules` does not list misplaced-document yet (issue 5); its assertions are skipped')
  skip('misplaced-document warning on deploy-search-backend.md', 'rule misplaced-document not in this build')
end

-- Edits through the buffer ----------------------------------------------------------------------------

check('fixing #User-Role to #user-role in the buffer clears the diagnostic', function()
  expect(glossary_buf, 'glossary buffer not open')
  -- Edit the buffer on screen, as a user does (Neovim >= 0.10 pulls diagnostics for visible buffers).
  vim.api.nvim_set_current_buf(glossary_buf)
  local row = line_index(portal .. '/' .. glossary, '(#User-Role)')
  local line = vim.api.nvim_buf_get_lines(glossary_buf, row, row + 1, false)[1]
  local start = line:find('#User-Role', 1, true)
  vim.api.nvim_buf_set_text(glossary_buf, row, start - 1, row, start - 1 + #'#User-Role', { '#user-role' })
  wait_for('glossary-dangling-reference to disappear', function()
    return #diagnostics(glossary_buf, 'glossary-dangling-reference') == 0
  end)
end)

check('adding a second "## Service Catalog" heading in the buffer makes glossary-duplicate appear', function()
  expect(#diagnostics(glossary_buf, 'glossary-duplicate') == 0, 'glossary-duplicate already present: ' .. describe(diagnostics(glossary_buf)))
  local last = vim.api.nvim_buf_line_count(glossary_buf)
  vim.api.nvim_buf_set_lines(glossary_buf, last, last, false, { '', '## Service Catalog', '', 'A second definition of the same term.' })
  wait_for('glossary-duplicate', function()
    return #diagnostics(glossary_buf, 'glossary-duplicate') > 0
  end)
  local rows = vim.tbl_map(function(d)
    return d.lnum
  end, diagnostics(glossary_buf, 'glossary-duplicate'))
  expect(vim.tbl_contains(rows, last + 1), 'no glossary-duplicate at the new heading (line ' .. (last + 2) .. '): ' .. describe(diagnostics(glossary_buf, 'glossary-duplicate')))
end)

if rules['term-casing'] then
  -- docent.json is attached: a rule turned off in its buffer applies at once, unsaved.
  check('turning term-casing off in the docent.json buffer clears it from the page', function()
    expect(dochub_buf, 'page not open')
    expect(#diagnostics(dochub_buf, 'term-casing') > 0, 'no term-casing on the page to begin with')
    local config_buf = vim.fn.bufadd(portal .. '/docent.json')
    vim.fn.bufload(config_buf)
    vim.api.nvim_set_current_buf(config_buf)
    vim.cmd('doautocmd BufRead')
    wait_for('the docent client to attach to docent.json', function()
      return require('docent').client(config_buf) ~= nil
    end)
    local row = line_index(portal .. '/docent.json', '"rules"')
    local line = vim.api.nvim_buf_get_lines(config_buf, row, row + 1, false)[1]
    local edited = line:gsub('"glossary%-self%-definition": "warning"', '"glossary-self-definition": "warning", "term-casing": "off"')
    expect(edited ~= line, 'rules line not as expected: ' .. line)
    vim.api.nvim_buf_set_lines(config_buf, row, row + 1, false, { edited })
    wait_for('term-casing to leave the page', function()
      return #diagnostics(dochub_buf, 'term-casing') == 0
    end)
    vim.api.nvim_buf_set_lines(config_buf, row, row + 1, false, { line })
    wait_for('term-casing to come back', function()
      return #diagnostics(dochub_buf, 'term-casing') > 0
    end)
  end)
else
  skip('a rule turned off in the docent.json buffer', 'rule term-casing not in this build')
end

if rules['term-casing'] then
  -- A glossary file written behind the editor's back (a git pull): Neovim registers no file
  -- watchers on Linux, so the server looks at the disk itself and the page is flagged.
  check('a glossary file added on disk outside Neovim flags the open page', function()
    expect(dochub_buf, 'page not open')
    local added = portal .. '/docs/reference/glossary/side-bar.md'
    local row = line_index(portal .. '/' .. dochub, 'in the sidebar')
    local function flagged()
      return #vim.tbl_filter(function(d)
        return d.lnum == row and d.message:find('SideBar', 1, true) ~= nil
      end, diagnostics(dochub_buf, 'term-casing')) > 0
    end
    expect(not flagged(), 'flagged before the file exists')
    vim.fn.writefile({ '---', 'title: SideBar', 'short_description: The column of links beside every page.', '---', '', 'The column of links beside every page.' }, added)
    local ok, err = pcall(function()
      wait_for('term-casing "Write “SideBar”" on the page', flagged)
    end)
    vim.fn.delete(added)
    if not ok then
      error(err, 0)
    end
    wait_for('the page to be quiet again once the file is gone', function()
      return not flagged()
    end)
  end)
else
  skip('a glossary file added on disk flags the open page', 'rule term-casing not in this build')
end

if rules['term-casing'] then
  check('correcting "Dochub" to "DocHub" in the buffer clears term-casing', function()
    expect(dochub_buf, 'page not open')
    vim.api.nvim_set_current_buf(dochub_buf)
    local row = line_index(portal .. '/' .. dochub, 'open it in Dochub')
    local line = vim.api.nvim_buf_get_lines(dochub_buf, row, row + 1, false)[1]
    local start = line:find('Dochub', 1, true)
    vim.api.nvim_buf_set_text(dochub_buf, row, start - 1, row, start - 1 + #'Dochub', { 'DocHub' })
    wait_for('term-casing to disappear from line ' .. (row + 1), function()
      return #vim.tbl_filter(function(d)
        return d.lnum == row
      end, diagnostics(dochub_buf, 'term-casing')) == 0
    end)
  end)
else
  skip('correcting "Dochub" clears term-casing', 'rule term-casing not in this build')
end

if rules['term-casing'] then
  -- A glossary edit reaches a page in another buffer at once, without a keystroke there: Neovim
  -- 0.11 cannot be asked to re-pull, so the server pushes to it.
  check('renaming the DocHub entry in the glossary buffer flags the page without an edit in the page', function()
    expect(glossary_buf and dochub_buf, 'buffers not open')
    vim.api.nvim_set_current_buf(glossary_buf)
    local row = line_index(portal .. '/' .. glossary, '## DocHub')
    vim.api.nvim_buf_set_lines(glossary_buf, row, row + 1, false, { '## DOCHUB' })
    local page_row = line_index(portal .. '/' .. dochub, 'open it in Dochub')
    wait_for('term-casing "Write “DOCHUB”" on the page', function()
      return #vim.tbl_filter(function(d)
        return d.lnum == page_row and d.message:find('DOCHUB', 1, true) ~= nil
      end, diagnostics(dochub_buf, 'term-casing')) > 0
    end)
    vim.api.nvim_buf_set_lines(glossary_buf, row, row + 1, false, { '## DocHub' })
    wait_for('the page to be quiet again', function()
      return #vim.tbl_filter(function(d)
        return d.lnum == page_row and d.message:find('DOCHUB', 1, true) ~= nil
      end, diagnostics(dochub_buf, 'term-casing')) == 0
    end)
  end)
else
  skip('a glossary edit flags a page in another buffer', 'rule term-casing not in this build')
end

check('nothing was written to disk', function()
  local line = lines_of(portal .. '/' .. glossary)[line_index(portal .. '/' .. glossary, '[user role]') + 1]
  expect(line:find('#User-Role', 1, true), 'the fixture on disk changed')
end)

-- Shutdown --------------------------------------------------------------------------------------------

check('the server shuts down cleanly', function()
  local client = require('docent').client(glossary_buf)
  client.stop()
  wait_for('the client to stop', function()
    return client.is_stopped()
  end)
end)

out(string.format('# neovim: %d passed, %d failed, %d skipped', passed, failed, skipped))
out('1..' .. (passed + failed + skipped))
vim.cmd(failed == 0 and 'qall!' or 'cquit 1')
