-- wrk_report.lua's summary, with the address's PAGE replaced for every request by a page
-- number drawn at random between the two arguments after `--` (bench/common.py, Pages).
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "wrk_report.lua")

local first, last
init = function(args)
  first, last = tonumber(args[1]), tonumber(args[2])
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0) % 100000)
end

request = function()
  local path = wrk.path:gsub("PAGE", tostring(math.random(first, last)))
  return wrk.format(nil, path)
end
