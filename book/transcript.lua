-- transcript.lua -- read the transcript that book/tryit.lua captured for
-- one try-it block; shared by book/book.lua and book/slides.lua:
--   local read = dofile('book/transcript.lua'); local runs = read(dir, cb)
-- gives a list of runs, each { cmd = {lines}, out = {lines}, status = N or
-- nil }.  A block with no transcript stops the build.
return function(dir, cb)
  local path = dir .. '/' .. pandoc.utils.sha1(cb.text) .. '.txt'
  local f = io.open(path, 'rb')
  if not f then
    error('no transcript ' .. path .. ' for the try-it block "'
          .. cb.text:gsub('\n.*', '') .. '": run make book')
  end
  local runs, run = {}, nil
  for line in f:lines() do
    if line:sub(1, 1) == '\1' then
      run = { cmd = { line:sub(2) }, out = {} }; runs[#runs + 1] = run
    elseif line:sub(1, 1) == '\3' then run.cmd[#run.cmd + 1] = line:sub(2)
    elseif line:sub(1, 1) == '\2' then run.status = line:sub(2)
    else run.out[#run.out + 1] = line end
  end
  f:close()
  return runs
end
