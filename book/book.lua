-- book.lua -- pandoc Lua filter for the book (pandoc 2.17).
--
-- Input: Markdown written by book/nw2md.awk.  Metadata it reads:
--   chapters, figures   from build/book/md/book.yaml (written by nw2md.awk)
--   page                the page being built ("03-slug", "index", "chunks",
--                       "identifiers"); absent for the whole-book PDF
--   handout             true for a one-chapter handout
--   figdir              where the rendered figures are (SVG for HTML, PDF
--                       for LaTeX), relative to the output or the cwd
--   figsrc              where the figures' .dot sources are (for a warning)
--   bookdir             (handout HTML) where the book's pages are
--   tryitdir            where book/tryit.lua left the try-it transcripts
-- It
--   1. resolves links: chunk links (#chunk-3-7) and figure references
--      (@fig:name) point to the right page (HTML), or become plain text
--      when they leave a handout PDF;
--   2. maps figures/NAME.dot to NAME.svg or NAME.pdf, numbers captions and
--      (HTML book pages) links each caption to the figure at full size;
--   3. renders each chunk (.nwchunk div): highlighted code with the chunk
--      uses (placeholders NWxUSEix) turned into links; renders each try-it
--      block (.tryit code block) from its captured transcript;
--   4. numbers sections (HTML; LaTeX numbers its own), marks the appendix,
--      and builds the navigation bar.

local stringify = pandoc.utils.stringify
local html = FORMAT:match('html') ~= nil
local latex = FORMAT:match('latex') ~= nil

local chapters, bypage, bylabel = {}, {}, {}
local figures = {}
local purposes = {}     -- name -> what it is for (book/purposes.yaml, handouts)
local page, handout, figdir, bookdir = nil, false, 'figures', '../book'
local figsrc = 'figures'
local tryitdir = 'build/book/tryit'
local cur = nil                 -- chapter of the page being built

local function warn(msg) io.stderr:write('book.lua: warning: ' .. msg .. '\n') end

local function pagefile(p) return p .. '.html' end

-- Read the book's structure from the metadata.
local function read_meta(meta)
  for i, c in ipairs(meta.chapters or {}) do
    local ch = { page = stringify(c.page), label = stringify(c.label),
                 title = c.title, appendix = c.appendix == true, index = i }
    chapters[#chapters + 1] = ch
    bypage[ch.page] = ch
    bylabel[ch.label] = ch
  end
  for id, f in pairs(meta.figures or {}) do
    figures[id] = { num = stringify(f.num), page = stringify(f.page) }
  end
  for name, p in pairs(meta.purposes or {}) do purposes[name] = p end
  if meta.page then page = stringify(meta.page) end
  handout = meta.handout == true or stringify(meta.handout or '') == 'true'
  if meta.figdir then figdir = stringify(meta.figdir) end
  if meta.figsrc then figsrc = stringify(meta.figsrc) end
  if meta.bookdir then bookdir = stringify(meta.bookdir) end
  if meta.tryitdir then tryitdir = stringify(meta.tryitdir) end
  cur = page and bypage[page]
end

-- The page an anchor lives on, or nil if it is not a chunk or figure.
local function anchor_page(id)
  local label = id:match('^chunk%-(%w+)%-%d+$')
  if label then return bylabel[label] and bylabel[label].page end
  if figures[id] then return figures[id].page end
  if id:match('^ix%-') then return 'identifiers' end
  return nil
end

-- Rewrite an internal link target; returns nil when the link must go
-- (a handout PDF cannot point into another chapter).
local function resolve(target)
  local id = target:match('^#(.+)$')
  if not id or not page then return target end
  local p = anchor_page(id)
  if not p or p == page then return target end
  if handout and latex then return nil end
  if handout then return bookdir .. '/' .. pagefile(p) .. target end
  return pagefile(p) .. target
end

local function figure_ref(id)
  local f = figures[id]
  if not f then
    warn('reference to unknown figure @' .. id)
    return { pandoc.Strong({ pandoc.Str('Figure ??') }) }
  end
  if latex and (not handout or f.page == page) then
    return { pandoc.RawInline('latex', '\\hyperref[' .. id .. ']{Figure~\\ref*{' .. id .. '}}') }
  end
  local text = { pandoc.Str('Figure'), pandoc.Space(), pandoc.Str(f.num) }
  local t = resolve('#' .. id)
  if not t then return text end
  return { pandoc.Link(text, t, '', pandoc.Attr('', {'figref'})) }
end

-- Pass 1: links, figure references, figures -------------------------------
local links = {
  Link = function(el)
    local t = resolve(el.target)
    if not t then return el.content end
    el.target = t
    return el
  end,
  Cite = function(el)
    local out = {}
    for i, c in ipairs(el.citations) do
      if c.id:match('^fig:') then
        if i > 1 then out[#out + 1] = pandoc.Str(', ') end
        for _, x in ipairs(figure_ref(c.id)) do out[#out + 1] = x end
      else
        warn('unknown reference @' .. c.id .. ' (only @fig:NAME is supported)')
        return nil
      end
    end
    return out
  end,
  Image = function(img)
    local name = img.src:match('^figures/(.+)%.dot$')
    if name then
      local f = io.open(figsrc .. '/' .. name .. '.dot')
      if f then f:close()
      elseif not name:match('^live%-') then    -- drawn by the linker (book.mk)
        warn('figure source ' .. figsrc .. '/' .. name .. '.dot does not exist')
      end
      img.src = figdir .. '/' .. name .. (latex and '.pdf' or '.svg')
    end
    local f = figures[img.identifier]
    if html and f and img.title:match('^fig:') then
      local lab = pandoc.Span({ pandoc.Str('Figure ' .. f.num .. ':') }, pandoc.Attr('', {'figlabel'}))
      local cap = { lab, pandoc.Space() }
      for _, x in ipairs(img.caption) do cap[#cap + 1] = x end
      if not handout then       -- a handout embeds the figure: no file to link to
        cap[#cap + 1] = pandoc.Space()
        cap[#cap + 1] = pandoc.Link({ pandoc.Str('(full size)') }, img.src, '',
                                    pandoc.Attr('', {'fullsize'}))
      end
      img.caption = cap
    end
    return img
  end,
}

-- Pass 2: chunks -----------------------------------------------------------
-- Inlines as one line of HTML or LaTeX (pandoc wraps long lines; code can't).
local function write_inlines(inlines, fmt)
  local s = pandoc.write(pandoc.Pandoc({ pandoc.Plain(inlines) }), fmt)
  return (s:gsub('%s+$', ''):gsub('\n', ' '))
end

-- Tabs in code are shown 4 columns wide (HTML: CSS tab-size; LaTeX: here).
local function expand_tabs(text)
  return (text:gsub('[^\n]+', function(line)
    local out = ''
    for ch in line:gmatch('.') do
      if ch == '\t' then out = out .. string.rep(' ', 4 - #out % 4) else out = out .. ch end
    end
    return out
  end))
end

local function latex_escape_code(s)
  s = s:gsub('[\\{}]', { ['\\'] = '\0', ['{'] = '\\{', ['}'] = '\\}' })
  return (s:gsub('%z', '\\textbackslash{}'))
end

-- Highlighted code with NWxUSEix replaced by the i-th rendered use.
local function render_code(cb, uses, fmt, id)
  local s
  if fmt == 'latex' then cb.text = expand_tabs(cb.text) end
  if fmt == 'latex' and #cb.classes == 1 then   -- no language: no highlighter
    local lines = {}
    for l in (cb.text .. '\n'):gmatch('(.-)\n') do
      lines[#lines + 1] = l == '' and '' or '\\NormalTok{' .. latex_escape_code(l) .. '}'
    end
    s = '\\begin{Shaded}\n\\begin{Highlighting}[]\n' .. table.concat(lines, '\n')
        .. '\n\\end{Highlighting}\n\\end{Shaded}'
  else
    if fmt == 'html' then cb.identifier = id end
    s = pandoc.write(pandoc.Pandoc({ cb }), fmt)
    s = s:gsub('<a href="#[^"]*" aria%-hidden="true" tabindex="%-1"></a>', '')
  end
  local missing = false
  s = s:gsub('NWxUSE(%d+)x', function(i)
    local u = uses[tonumber(i)]
    if not u then missing = true; return '?' end
    return u
  end)
  if missing then warn('chunk ' .. id .. ': a chunk use has no link') end
  return s
end

local function chunk(div, fmt)
  local head, code, uses, foot = nil, nil, {}, nil
  for _, b in ipairs(div.content) do
    if b.t == 'Div' and b.classes:includes('nwhead') then head = b.content[1].content
    elseif b.t == 'CodeBlock' then code = b
    elseif b.t == 'Div' and b.classes:includes('nwuses') then
      for _, item in ipairs(b.content[1].content) do
        local u = write_inlines(item[1].content, fmt)
        uses[#uses + 1] = fmt == 'latex' and '\\nwuse{' .. u .. '}' or u
      end
    elseif b.t == 'Div' and b.classes:includes('nwfoot') then foot = b
    end
  end
  if not (head and code and foot) then
    error('book.lua: malformed chunk ' .. div.identifier)
  end
  local id = div.identifier
  if fmt == 'html' then
    return pandoc.Div({
      pandoc.Div({ pandoc.Plain(head) }, pandoc.Attr('', {'nwhead'})),
      pandoc.RawBlock('html', render_code(code, uses, 'html', 'code-' .. id:sub(7))),
      foot,
    }, pandoc.Attr(id, div.classes))
  end
  return {
    pandoc.RawBlock('latex', '\\nwhead{' .. id .. '}{' .. write_inlines(head, 'latex') .. '}{'
                    .. id:gsub('^chunk%-(%w+)%-(%d+)$', '%1.%2') .. '}'),
    pandoc.RawBlock('latex', render_code(code, uses, 'latex', id)),
    pandoc.RawBlock('latex', '\\begin{nwfoot}'),
    pandoc.Div(foot.content),
    pandoc.RawBlock('latex', '\\end{nwfoot}'),
  }
end

local chunks = {
  Div = function(div)
    if div.classes:includes('nwchunk') then return chunk(div, latex and 'latex' or 'html') end
  end,
}
-- Try-it blocks: the transcript book/tryit.lua captured for this block
-- (commands marked \1 and \3, exit status \2N) as a terminal session.  A block
-- with compare=1 shows each command in a column of its own (HTML).
-- The transcript reader is shared with book/slides.lua.
local read_transcript_at = dofile('book/transcript.lua')
local function read_transcript(cb) return read_transcript_at(tryitdir, cb) end

local function html_escape(s)
  return (s:gsub('[&<>]', { ['&'] = '&amp;', ['<'] = '&lt;', ['>'] = '&gt;' }))
end

local function session_html(runs)
  local lines = {}
  for _, r in ipairs(runs) do
    for i, c in ipairs(r.cmd) do
      lines[#lines + 1] = '<span class="prompt">' .. (i == 1 and '$' or '&gt;')
        .. '</span> <span class="cmd">' .. html_escape(c) .. '</span>'
    end
    for _, o in ipairs(r.out) do lines[#lines + 1] = html_escape(o) end
    if r.status then lines[#lines + 1] = '<span class="status">[exit status ' .. r.status .. ']</span>' end
  end
  return '<pre class="tryit-run"><code>' .. table.concat(lines, '\n') .. '</code></pre>'
end

local function session_latex(runs)
  local lines = {}
  for _, r in ipairs(runs) do
    for i, c in ipairs(r.cmd) do
      lines[#lines + 1] = '\\tryitcmd{' .. (i == 1 and '$' or '>') .. ' ' .. latex_escape_code(expand_tabs(c)) .. '}'
    end
    for _, o in ipairs(r.out) do
      lines[#lines + 1] = o == '' and '' or '\\NormalTok{' .. latex_escape_code(expand_tabs(o)) .. '}'
    end
    if r.status then lines[#lines + 1] = '\\tryitstatus{[exit status ' .. r.status .. ']}' end
  end
  return '\\begin{Shaded}\n\\begin{Highlighting}[]\n' .. table.concat(lines, '\n')
    .. '\n\\end{Highlighting}\n\\end{Shaded}'
end

local function tryit(cb)
  local runs = read_transcript(cb)
  local title = 'Try it' .. (cb.attributes.title and ': ' .. cb.attributes.title or '')
  local compare = cb.attributes.compare and #runs > 1
  local parts = {}
  if html then
    if compare then
      for _, r in ipairs(runs) do parts[#parts + 1] = session_html({ r }) end
    else parts[1] = session_html(runs) end
    return pandoc.RawBlock('html', '<div class="tryit"><div class="tryit-title">'
      .. html_escape(title) .. '</div><div class="tryit-runs' .. (compare and ' compare' or '')
      .. '">' .. table.concat(parts) .. '</div></div>')
  end
  return pandoc.RawBlock('latex', '\\begin{tryit}{' .. write_inlines({ pandoc.Str(title) }, 'latex')
    .. '}\n' .. session_latex(runs) .. '\n\\end{tryit}')
end

-- In the PDF, the indexes give each chunk number its page too.
local index_pages = {
  Div = function(div)
    if not (latex and div.classes:includes('nwindex')) then return nil end
    return pandoc.walk_block(div, { Link = function(l)
      local id = l.target:match('^#(chunk%-%w+%-%d+)$')
      if not id or not stringify(l.content):match('^%w+%.%d+$') then return nil end
      return { l, pandoc.RawInline('latex', '~(p.~\\pageref{' .. id .. '})') }
    end })
  end,
}

local prose_code = {
  -- Code blocks in prose: in LaTeX, render them ourselves too, so that
  -- pandoc never emits its own highlighting macros (book/header.tex has ours).
  CodeBlock = function(cb)
    if cb.classes:includes('tryit') then return tryit(cb) end
    if latex and cb.classes[1] then
      return pandoc.RawBlock('latex', render_code(cb, {}, 'latex', 'prose'))
    end
  end,
}

-- Pass 3: chapters, section numbers, navigation -----------------------------
local count = {}
local seen_appendix = false

local structure = {
  Div = function(div)
    if not div.classes:includes('nwchapter') then return nil end
    local ch = bypage[div.attributes.page]
    if not latex or not ch then return {} end
    if handout then
      if ch.appendix then
        return pandoc.RawBlock('latex', '\\appendix\\setcounter{chapter}{'
          .. (ch.label:byte() - 65) .. '}')
      end
      return pandoc.RawBlock('latex', '\\setcounter{chapter}{' .. (tonumber(ch.label) - 1) .. '}')
    end
    if ch.appendix and not seen_appendix then
      seen_appendix = true
      return pandoc.RawBlock('latex', '\\appendix')
    end
    return {}
  end,
  Header = function(h)
    if latex and h.level == 1 and h.classes:includes('unnumbered') then
      -- \chapter* leaves the running head of the chapter before it
      local t = stringify(h.content):gsub('[^%w%s]', '')
      return { h, pandoc.RawBlock('latex', '\\markboth{' .. t .. '}{' .. t .. '}') }
    end
    if not html or not cur or h.classes:includes('unnumbered') then return nil end
    count[h.level] = (count[h.level] or 0) + 1
    for l = h.level + 1, 9 do count[l] = 0 end
    local n = cur.label
    for l = 2, h.level do n = n .. '.' .. (count[l] or 0) end
    if h.level == 1 and cur.appendix then n = 'Appendix ' .. n end
    table.insert(h.content, 1, pandoc.Space())
    table.insert(h.content, 1, pandoc.Span({ pandoc.Str(n) }, pandoc.Attr('', {'header-section-number'})))
    return h
  end,
}

local function navlink(p, text, rel)
  return pandoc.Link(text, pagefile(p), '', pandoc.Attr('', { rel }, { rel = rel }))
end

local function chapter_title(ch)
  local t = { pandoc.Str((ch.appendix and 'Appendix ' or '') .. ch.label), pandoc.Space() }
  for _, x in ipairs(ch.title) do t[#t + 1] = x end
  return t
end

-- Navigation bar and page title (HTML).
local function navigation(meta)
  local seq = { 'index' }
  for _, c in ipairs(chapters) do seq[#seq + 1] = c.page end
  seq[#seq + 1] = 'chunks'; seq[#seq + 1] = 'identifiers'
  local names = { index = 'Contents', chunks = 'Index of chunks', identifiers = 'Index of identifiers' }
  local function title(p)
    if bypage[p] then return chapter_title(bypage[p]) end
    return { pandoc.Str(names[p] or p) }
  end
  local pos
  for i, p in ipairs(seq) do if p == page then pos = i end end
  meta.pagetitle = pandoc.MetaInlines(cur and chapter_title(cur) or title(page or 'index'))
  if page ~= 'index' then meta.frontpage = nil end
  if handout then
    meta.nav = nil
    local note = { pandoc.Str('A handout from '),
      pandoc.Link(pandoc.Emph(meta.title and meta.title or { pandoc.Str('the book') }),
                  bookdir .. '/index.html') }
    if meta.date then
      note[#note + 1] = pandoc.Str(', ' .. stringify(meta.date))
    end
    meta.handout_note = pandoc.MetaInlines(note)
    return meta
  end
  if not pos then return meta end
  local items = {}
  if pos > 1 then
    items[#items + 1] = navlink(seq[pos - 1], { pandoc.Str('← ') , table.unpack(title(seq[pos - 1])) }, 'prev')
  else
    items[#items + 1] = pandoc.Span({}, pandoc.Attr('', {'prev'}))
  end
  items[#items + 1] = navlink('index', { pandoc.Str('Contents') }, 'contents')
  if pos < #seq then
    local t = title(seq[pos + 1]); t[#t + 1] = pandoc.Str(' →')
    items[#items + 1] = navlink(seq[pos + 1], t, 'next')
  else
    items[#items + 1] = pandoc.Span({}, pandoc.Attr('', {'next'}))
  end
  meta.nav = pandoc.MetaInlines(items)
  return meta
end

-- Handouts ------------------------------------------------------------------
-- A handout is read alone, so it ends with what it takes from the rest of
-- the book: the identifiers its code uses that other chapters define
-- (collected from the chunk footers' "Uses" lines before links are
-- resolved), each with its purpose (book/purposes.yaml); the chunks of
-- other chapters that its code adds to or uses; and how to build and test
-- the linker of the chapters up to this one.
local foreign, foreign_order = {}, {}
local foreign_chunks, foreign_chunk_order = {}, {}

-- A chunk of another chapter that this one adds to (the "Defined in" link
-- of a continued chunk's footer) or uses (a link in a chunk's list of
-- uses): its name, number and what this chapter does with it.
local function note_foreign_chunk(name, target, role)
  local label, n = target:match('^#chunk%-(%w+)%-(%d+)$')
  if not (label and label ~= cur.label and bylabel[label]) then return end
  local f = foreign_chunks[name]
  if not f then
    f = { target = target, label = label, num = label .. '.' .. n, roles = {} }
    foreign_chunks[name] = f
    foreign_chunk_order[#foreign_chunk_order + 1] = name
  end
  f.roles[role] = true
end

local function chunk_name(s)       -- "⟨Name 4.113⟩+≡" or "⟨Name 4.113⟩": Name
  return (s:gsub('^⟨', ''):gsub('%s*[%w]+%.%d+⟩.*$', ''))
end

local function note_foreign_chunks(div)
  local head, foot
  for _, b in ipairs(div.content) do
    if b.t == 'Div' and b.classes:includes('nwhead') then head = b
    elseif b.t == 'Div' and b.classes:includes('nwfoot') then foot = b
    elseif b.t == 'Div' and b.classes:includes('nwuses') and b.content[1] then
      for _, item in ipairs(b.content[1].content) do
        local link = item[1].content[1]
        if link and link.t == 'Link' then
          note_foreign_chunk(chunk_name(stringify(link.content)), link.target, 'uses')
        end
      end
    end
  end
  if not (div.classes:includes('nwcont') and head and foot and foot.content[1]) then return end
  local defined = false
  for _, x in ipairs(foot.content[1].content or {}) do
    if x.t == 'Str' and x.text == 'Defined' then defined = true
    elseif defined and x.t == 'Link' then
      note_foreign_chunk(chunk_name(stringify(head)), x.target, 'adds')
      return
    end
  end
end

local collect_foreign = {
  Div = function(div)
    if not (handout and cur) then return nil end
    if div.classes:includes('nwchunk') then note_foreign_chunks(div); return nil end
    if not div.classes:includes('nwfoot') then return nil end
    for _, b in ipairs(div.content) do
      local uses, last = false, nil
      for _, x in ipairs(b.content or {}) do
        if x.t == 'LineBreak' then uses = false
        elseif x.t == 'Str' and x.text == 'Uses' then uses = true
        elseif uses and x.t == 'Code' then last = x.text
        elseif uses and x.t == 'Link' and last then
          local label = x.target:match('^#chunk%-(%w+)%-%d+$')
          if label and label ~= cur.label and bylabel[label] and not foreign[last] then
            foreign[last] = { target = x.target, label = label, num = stringify(x.content) }
            foreign_order[#foreign_order + 1] = last
          end
          last = nil
        end
      end
    end
  end,
}

local function handout_appendix(meta)
  local out = { pandoc.Header(2, { pandoc.Str('About this handout') },
                              pandoc.Attr('about-this-handout', { 'unnumbered' })) }
  local from = { pandoc.Str('This chapter is part of '),
                 pandoc.Emph(meta.title and meta.title or { pandoc.Str('the book') }) }
  if meta.date then from[#from + 1] = pandoc.Str(' (' .. stringify(meta.date) .. ')') end
  from[#from + 1] = pandoc.Str('.')
  out[#out + 1] = pandoc.Para(from)
  if cur and not cur.appendix then
    local k = cur.page:match('^(%d+)')
    out[#out + 1] = pandoc.Para({ pandoc.Str('The chapters up to this one build a linker of their own: '),
      pandoc.Code('make stage K=' .. k), pandoc.Str(' builds it into '),
      pandoc.Code('build/stages/' .. k .. '/'), pandoc.Str(', '),
      pandoc.Code('make stage-test K=' .. k), pandoc.Str(' runs the tests of those chapters, and '),
      pandoc.Code('make exercises'), pandoc.Str(' lists the exercises.') })
  end
  table.sort(foreign_order, function(a, b) return a:lower() < b:lower() end)
  if #foreign_order > 0 then
    out[#out + 1] = pandoc.Header(3, { pandoc.Str('Defined in other chapters') },
                                  pandoc.Attr('defined-elsewhere', { 'unnumbered' }))
    out[#out + 1] = pandoc.Para({ pandoc.Str('The code of this chapter uses these names, which other chapters define: what each is for, and where it is defined.') })
    local items, missing = {}, {}
    for _, name in ipairs(foreign_order) do
      local f = foreign[name]
      local ch = bylabel[f.label]
      local where = { pandoc.Str('chunk ' .. f.num .. ', chapter ' .. f.label .. ', ') }
      for _, x in ipairs(ch.title) do where[#where + 1] = x end
      local t = resolve(f.target)
      local line = { pandoc.Code(name), pandoc.Str(': ') }
      if purposes[name] then
        for _, x in ipairs(purposes[name]) do line[#line + 1] = x end
        line[#line + 1] = pandoc.Str(' (')
      else
        missing[#missing + 1] = name
      end
      if t then line[#line + 1] = pandoc.Link(where, t)
      else for _, x in ipairs(where) do line[#line + 1] = x end end
      if purposes[name] then line[#line + 1] = pandoc.Str(')') end
      items[#items + 1] = { pandoc.Plain(line) }
    end
    if #missing > 0 then
      error('handout ' .. cur.page .. ': no purpose in book/purposes.yaml for: ' ..
            table.concat(missing, ' '))
    end
    out[#out + 1] = pandoc.BulletList(items)
  end
  if #foreign_chunk_order > 0 then
    table.sort(foreign_chunk_order, function(a, b) return a:lower() < b:lower() end)
    out[#out + 1] = pandoc.Header(3, { pandoc.Str('Chunks of other chapters') },
                                  pandoc.Attr('chunks-elsewhere', { 'unnumbered' }))
    out[#out + 1] = pandoc.Para({ pandoc.Str('The code of this chapter adds to these chunks, which other chapters define and place in the linker, or uses them; a chunk\'s name says what it is for.') })
    local items = {}
    for _, name in ipairs(foreign_chunk_order) do
      local f = foreign_chunks[name]
      local ch = bylabel[f.label]
      local where = { pandoc.Str('chunk ' .. f.num .. ', chapter ' .. f.label .. ', ') }
      for _, x in ipairs(ch.title) do where[#where + 1] = x end
      local role = (f.roles.adds and f.roles.uses) and 'adds to it and uses it'
                   or f.roles.adds and 'adds to it' or 'uses it'
      local line = { pandoc.Str('⟨' .. name .. '⟩: this chapter ' .. role .. ' ('), }
      local t = resolve(f.target)
      if t then line[#line + 1] = pandoc.Link(where, t)
      else for _, x in ipairs(where) do line[#line + 1] = x end end
      line[#line + 1] = pandoc.Str(')')
      items[#items + 1] = { pandoc.Plain(line) }
    end
    out[#out + 1] = pandoc.BulletList(items)
  end
  return out
end

local appendix = {
  Pandoc = function(doc)
    if not handout then return nil end
    for _, b in ipairs(handout_appendix(doc.meta)) do doc.blocks[#doc.blocks + 1] = b end
    if latex then         -- the PDF has no title block: say where it is from
      local from = { pandoc.Emph({ pandoc.Str('A handout from ') }),
                     pandoc.Emph(doc.meta.title or { pandoc.Str('the book') }) }
      if doc.meta.date then from[#from + 1] = pandoc.Emph({ pandoc.Str(', ' .. stringify(doc.meta.date)) }) end
      for i, b in ipairs(doc.blocks) do
        if b.t == 'Header' and b.level == 1 then
          table.insert(doc.blocks, i + 1, pandoc.Para(from))
          break
        end
      end
    end
    return doc
  end,
}

return {
  { Meta = function(meta) read_meta(meta) end },
  collect_foreign,
  links,
  index_pages,
  chunks,
  prose_code,
  appendix,
  structure,
  { Meta = function(meta)
      if html then return navigation(meta) end
      if handout then meta.title = nil; meta.subtitle = nil; meta.author = nil; meta.date = nil end
      meta.chapters = nil; meta.figures = nil; meta.purposes = nil  -- not for the templates
      return meta
    end },
}
