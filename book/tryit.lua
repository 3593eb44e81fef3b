-- tryit.lua -- pandoc Lua filter that runs the book's "Try it" blocks
-- (pandoc 2.17).  `make book` runs it once over every chapter before any
-- page is rendered, so the HTML pages, the PDF and the handouts all show
-- the same captured run.
--
-- A try-it block in a chapter is a fenced code block of class `tryit`:
--
--     ``` {.tryit title="The vector under both linkers" compare=1}
--     LD_SHOW_AUXV=1 /bin/true
--     LD_SHOW_AUXV=1 build/ld.so /bin/true
--     ```
--
-- Each line is one command (a line ending in a backslash continues on the
-- next).  Every command runs from the top of the source tree, one after the
-- other, through book/tryit.sh.  The transcript of the block is written to
-- TRYITDIR/SHA1.txt, where SHA1 is the hash of the block's text: for each
-- command a line "\1" and its first line, "\3" and each further line, then
-- what it printed, then, if it failed, "\2N" with its exit status.  book/book.lua renders that
-- file; a block with no transcript stops the build there.
--
-- Metadata: tryitdir   where the transcripts go (required)

local dir = nil
local failed = false

local function commands(text)
  local list, cur = {}, nil
  for line in (text .. '\n'):gmatch('(.-)\n') do
    if cur then cur = cur .. '\n' .. line else cur = line end
    if not line:match('\\$') then
      if cur:match('%S') then list[#list + 1] = cur end
      cur = nil
    end
  end
  if cur then list[#list + 1] = cur end
  return list
end

local function slurp(path)
  local f = io.open(path, 'rb')
  if not f then return '' end
  local s = f:read('a'); f:close()
  return s
end

local function run(block)
  local out = {}
  for i, cmd in ipairs(commands(block.text)) do
    local script = dir .. '/cmd.sh'
    local f = assert(io.open(script, 'wb')); f:write(cmd, '\n'); f:close()
    local ok, how, status = os.execute('sh book/tryit.sh ' .. script .. ' ' .. dir .. '/cmd.out')
    local mark = '\1'
    for line in (cmd .. '\n'):gmatch('(.-)\n') do out[#out + 1] = mark .. line; mark = '\3' end
    local text = slurp(dir .. '/cmd.out')
    if text ~= '' then out[#out + 1] = (text:gsub('\n$', '')) end
    if how == 'signal' or (not ok and status == 124) then
      io.stderr:write('tryit.lua: command timed out or was killed: ' .. cmd .. '\n')
      failed = true
    elseif not ok then
      out[#out + 1] = '\2' .. status
    end
    io.stderr:write('  TRY     ' .. cmd:gsub('\n.*', ' ...') .. (ok and '' or ' (status ' .. tostring(status) .. ')') .. '\n')
  end
  local path = dir .. '/' .. pandoc.utils.sha1(block.text) .. '.txt'
  local f = assert(io.open(path, 'wb'))
  f:write(table.concat(out, '\n'), '\n'); f:close()
end

return {
  { Meta = function(meta)
      dir = meta.tryitdir and pandoc.utils.stringify(meta.tryitdir)
      if not dir then error('tryit.lua: -M tryitdir=DIR is required') end
    end },
  { CodeBlock = function(cb)
      if cb.classes:includes('tryit') then run(cb) end
    end,
    Pandoc = function(doc)
      if failed then error('tryit.lua: a try-it command did not finish') end
    end },
}
