-- Docent for Neovim: starts `docent lsp` for Markdown and MDX buffers.
--
--   require('docent').setup{}                                  -- defaults below
--   require('docent').setup{ cmd = { '/path/to/docent', 'lsp' },
--                            settings = { docent = { rules = { ['term-casing'] = 'off' } } } }
--
-- Uses vim.lsp.start (Neovim >= 0.8); on Neovim 0.7 it falls back to vim.lsp.start_client plus
-- vim.lsp.buf_attach_client and reuses one client per workspace root itself.

local M = {}

M.defaults = {
  name = 'docent',
  cmd = { 'docent', 'lsp' },
  filetypes = { 'markdown', 'markdown.mdx', 'mdx' },
  -- Searched upwards from the buffer's file, in this order: the nearest docent.json wins over .git.
  root_markers = { { 'docent.json', '.docent.json' }, { '.git' } },
  -- Editor-side rule severities, sent as initializationOptions and workspace/didChangeConfiguration:
  -- { docent = { rules = { ['glossary-self-definition'] = 'hint', ['term-casing'] = 'off' } } }
  settings = { docent = {} },
  -- Give *.mdx files the filetype 'markdown.mdx' when nothing else claimed them.
  mdx = true,
  capabilities = nil, -- default: vim.lsp.protocol.make_client_capabilities()
  on_attach = nil,    -- function(client, bufnr)
  handlers = nil,
}

M.config = nil
local clients_by_root = {} -- Neovim 0.7 only: root directory -> client id
local warned = false

local uv = vim.loop

local function exists(path)
  return uv.fs_stat(path) ~= nil
end

local function parent(dir)
  local up = vim.fn.fnamemodify(dir, ':h')
  if up == dir then
    return nil
  end
  return up
end

--- The workspace root for a file: the nearest directory holding a marker of the first group that
--- matches anywhere above the file, else the file's own directory.
function M.find_root(path, markers)
  markers = markers or (M.config or M.defaults).root_markers
  local start = vim.fn.fnamemodify(path, ':p:h')
  for _, group in ipairs(markers) do
    if type(group) == 'string' then
      group = { group }
    end
    local dir = start
    while dir do
      for _, marker in ipairs(group) do
        if exists(dir .. '/' .. marker) then
          return dir
        end
      end
      dir = parent(dir)
    end
  end
  return start
end

local function client_config(root)
  local config = M.config
  return {
    name = config.name,
    cmd = config.cmd,
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
    settings = config.settings,
    init_options = config.settings,
    capabilities = config.capabilities or vim.lsp.protocol.make_client_capabilities(),
    on_attach = config.on_attach,
    handlers = config.handlers,
  }
end

--- Starts (or reuses) the Docent client for a buffer and attaches it. Returns the client id or nil.
function M.start(bufnr)
  if not M.config then
    M.setup({ autostart = false })
  end
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == '' or vim.bo[bufnr].buftype ~= '' then
    return nil
  end
  if vim.fn.executable(M.config.cmd[1]) ~= 1 then
    if not warned then
      warned = true
      vim.notify('docent: cannot run ' .. M.config.cmd[1] .. '; set cmd in require("docent").setup{}', vim.log.levels.WARN)
    end
    return nil
  end
  local root = M.find_root(name)
  if vim.lsp.start then
    local id
    vim.api.nvim_buf_call(bufnr, function()
      id = vim.lsp.start(client_config(root))
    end)
    return id
  end
  -- Neovim 0.7: one client per root, attached to each buffer by hand.
  local id = clients_by_root[root]
  if id == nil or vim.lsp.client_is_stopped(id) then
    id = vim.lsp.start_client(client_config(root))
    clients_by_root[root] = id
  end
  if id and not vim.lsp.buf_is_attached(bufnr, id) then
    vim.lsp.buf_attach_client(bufnr, id)
  end
  return id
end

--- The running Docent client attached to a buffer, if any.
function M.client(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local all = (vim.lsp.get_clients or vim.lsp.get_active_clients)()
  for _, client in ipairs(all) do
    if client.name == (M.config or M.defaults).name and vim.lsp.buf_is_attached(bufnr, client.id) then
      return client
    end
  end
  return nil
end

function M.setup(opts)
  opts = opts or {}
  M.config = vim.tbl_deep_extend('force', vim.deepcopy(M.defaults), opts)
  -- Lists replace the defaults instead of merging index by index.
  for _, key in ipairs({ 'cmd', 'filetypes', 'root_markers' }) do
    if opts[key] then
      M.config[key] = opts[key]
    end
  end
  if opts.autostart == false then
    return M
  end

  local group = vim.api.nvim_create_augroup('docent', { clear = true })
  if M.config.mdx then
    vim.api.nvim_create_autocmd({ 'BufRead', 'BufNewFile' }, {
      group = group,
      pattern = '*.mdx',
      callback = function(args)
        if vim.bo[args.buf].filetype == '' then
          vim.bo[args.buf].filetype = 'markdown.mdx'
        end
      end,
    })
  end
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = M.config.filetypes,
    callback = function(args)
      M.start(args.buf)
    end,
  })
  -- docent.json is attached too: the server re-reads it as it is typed and shows its errors in place.
  -- (Neovim does not register file watchers on Linux, so a saved docent.json would go unseen.)
  vim.api.nvim_create_autocmd({ 'BufRead', 'BufNewFile' }, {
    group = group,
    pattern = { 'docent.json', '.docent.json' },
    callback = function(args)
      M.start(args.buf)
    end,
  })
  -- Buffers opened before setup ran.
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    local base = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ':t')
    if vim.api.nvim_buf_is_loaded(bufnr)
        and (vim.tbl_contains(M.config.filetypes, vim.bo[bufnr].filetype) or base == 'docent.json' or base == '.docent.json') then
      M.start(bufnr)
    end
  end
  return M
end

return M
