-- Headless Neovim (0.7+) as a third-party LSP client of dist/server.js over stdio.
-- Env: GLOSSAIRE_SERVER, GLOSSAIRE_FILE (a .md note), GLOSSAIRE_OUT (JSON result),
-- GLOSSAIRE_LINE / GLOSSAIRE_CHAR (0-based position to hover).
local server = os.getenv('GLOSSAIRE_SERVER')
local file = os.getenv('GLOSSAIRE_FILE')
local out = os.getenv('GLOSSAIRE_OUT')
local line = tonumber(os.getenv('GLOSSAIRE_LINE'))
local char = tonumber(os.getenv('GLOSSAIRE_CHAR'))

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = 'glossaire',
  cmd = { 'node', server, '--stdio' },
  root_dir = vim.fn.fnamemodify(file, ':h'),
  init_options = { locale = 'fr' },
})
vim.lsp.buf_attach_client(bufnr, client_id)

local ok = vim.wait(10000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
local result = { diagnostics = {}, hover = vim.NIL, waited = ok }
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  table.insert(result.diagnostics, { lnum = d.lnum, col = d.col, end_col = d.end_col, message = d.message, source = d.source })
end
local hover = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', {
  textDocument = { uri = vim.uri_from_bufnr(bufnr) },
  position = { line = line, character = char },
}, 5000)
if hover then
  for _, r in pairs(hover) do
    if r.result and r.result.contents then result.hover = r.result.contents.value end
  end
end
local f = io.open(out, 'w')
f:write(vim.fn.json_encode(result))
f:close()
vim.lsp.stop_client(client_id)
vim.cmd('qall!')
