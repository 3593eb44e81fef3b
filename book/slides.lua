-- slides.lua -- pandoc Lua filter that turns one woven chapter
-- (build/book/md/NN-slug.md) into a slide deck for a lecturer (pandoc 2.17,
-- -t beamer --slide-level=2).  The deck has, in the chapter's order:
--   the learning goals;
--   each figure, one per slide;
--   each key chunk, the ones the chapter's graded exercises replace, its
--     code cut to 24 lines;
--   each try-it block, its captured output cut to 16 lines;
--   the summary.
-- Everything else (prose, other chunks, tables) stays in the book.
--
-- Metadata: figdir (the rendered figures, PDF), tryitdir (the transcripts).

local stringify = pandoc.utils.stringify
local read_transcript = dofile('book/transcript.lua')
local figdir, tryitdir = 'build/book/figures', 'build/book/tryit'

local function cut(lines, n)
  if #lines <= n then return lines end
  local out = {}
  for i = 1, n do out[i] = lines[i] end
  out[#out + 1] = '[... ' .. (#lines - n) .. ' more lines in the book]'
  return out
end

local function slide(title, blocks)
  local out = { pandoc.Header(2, title) }
  for _, b in ipairs(blocks) do out[#out + 1] = b end
  return out
end

local function starts_with_strong(b, text)
  return b.t == 'Para' and b.content[1] and b.content[1].t == 'Strong'
         and stringify(b.content[1]) == text
end

-- The name of a chunk from its header "⟨Name 5.4⟩≡" (the number dropped).
local function chunk_name(div)
  for _, b in ipairs(div.content) do
    if b.t == 'Div' and b.classes:includes('nwhead') then
      local s = stringify(b):gsub('^⟨', ''):gsub('⟩%+?≡%s*$', '')
      return (s:gsub('%s+%S+$', ''))
    end
  end
end

local function chunk_code(div)
  for _, b in ipairs(div.content) do
    if b.t == 'CodeBlock' then return b end
  end
end

local function transcript_block(cb)
  local lines = {}
  for _, r in ipairs(read_transcript(tryitdir, cb)) do
    for i, c in ipairs(r.cmd) do lines[#lines + 1] = (i == 1 and '$ ' or '> ') .. c end
    for _, o in ipairs(r.out) do lines[#lines + 1] = o end
    if r.status then lines[#lines + 1] = '[exit status ' .. r.status .. ']' end
  end
  return pandoc.CodeBlock(table.concat(cut(lines, 16), '\n'))
end

function Pandoc(doc)
  if doc.meta.figdir then figdir = stringify(doc.meta.figdir) end
  if doc.meta.tryitdir then tryitdir = stringify(doc.meta.tryitdir) end
  local blocks, targets, out = doc.blocks, {}, {}
  -- the chunks that exercises replace: "Exercise NAME: TARGET"
  for _, b in ipairs(blocks) do
    if b.t == 'Div' and b.classes:includes('nwchunk') then
      local target = (chunk_name(b) or ''):match('^Exercise [^:]+: (.+)$')
      if target then targets[target] = true end
    end
  end
  local title
  for i, b in ipairs(blocks) do
    if b.t == 'Header' and b.level == 1 and not title then
      title = b.content
    elseif starts_with_strong(b, 'Learning goals.') and blocks[i + 1]
           and blocks[i + 1].t == 'BulletList' then
      for _, x in ipairs(slide('What you will learn', { blocks[i + 1] })) do out[#out + 1] = x end
    elseif b.t == 'Para' and #b.content == 1 and b.content[1].t == 'Image' then
      local img = b.content[1]
      local name = img.src:match('^figures/(.+)%.dot$')
      if name then
        local caption = stringify(img.caption):gsub('%.%s.*$', '.')
        local pic = pandoc.Image({}, figdir .. '/' .. name .. '.pdf', '',
                                 pandoc.Attr('', {}, { height = '75%' }))
        local s = slide(caption, { pandoc.Para({ pic }) })
        for _, x in ipairs(s) do out[#out + 1] = x end
      end
    elseif b.t == 'Div' and b.classes:includes('nwchunk') then
      local name = chunk_name(b)
      local code = chunk_code(b)
      if name and targets[name] and code then
        local lines = {}
        for l in (code.text .. '\n'):gmatch('(.-)\n') do
          lines[#lines + 1] = (l:gsub('NWxUSE%d+x', '⟨…⟩'))
        end
        local cb = pandoc.CodeBlock(table.concat(cut(lines, 24), '\n'), pandoc.Attr('', { 'c' }))
        for _, x in ipairs(slide('⟨' .. name .. '⟩', { cb })) do out[#out + 1] = x end
      end
    elseif b.t == 'CodeBlock' and b.classes:includes('tryit') then
      local t = 'Try it' .. (b.attributes.title and ': ' .. b.attributes.title or '')
      for _, x in ipairs(slide(t, { transcript_block(b) })) do out[#out + 1] = x end
    elseif b.t == 'Header' and b.level == 2 and stringify(b) == 'Summary'
           and blocks[i + 1] and blocks[i + 1].t == 'BulletList' then
      for _, x in ipairs(slide('Summary', { blocks[i + 1] })) do out[#out + 1] = x end
    end
  end
  doc.meta.title = title and pandoc.MetaInlines(title) or doc.meta.title
  doc.meta.subtitle = doc.meta.booktitle
  doc.blocks = out
  return doc
end
