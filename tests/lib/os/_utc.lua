-- Run by os.lua in a child with TZ=UTC: local-time os.date/os.time cases,
-- one printed line each.
local function p(...)
  local t = {...}
  for i = 1, select("#", ...) do t[i] = tostring(t[i]) end
  print(table.concat(t, " "))
end
p(pcall(os.time, {year = "2009", month = "2", day = "13"}))
p(pcall(os.time, {year = 2009.7, month = 2, day = 13, hour = 1.5}))
p(pcall(os.time, {year = 2009, month = 2, day = 13, min = -30}))
p(pcall(os.time, {year = 2009, month = 2, day = 13, sec = 3600 * 30}))
p(pcall(os.time, {year = 2009, month = "x", day = 13}))
p(pcall(os.time, {year = 1969, month = 12, day = 31, hour = 23, min = 59, sec = 59}))
p(pcall(os.time, {year = 2009, month = 2, day = 13, isdst = true}))
p(pcall(os.time, {year = 2009, month = 2, day = 13, hour = 23, min = 31, sec = 30}))
p(pcall(os.time, {year = 1970, month = 1, day = 1, hour = 0}))
local t = os.date("*t", 1234567890)
p(t.year, t.month, t.day, t.hour, t.min, t.sec, t.wday, t.yday, t.isdst)
p(os.date("%Y-%m-%d %H:%M:%S %Z %z", 1234567890))
p(os.date("%c|%x|%X|%p", 0))
p(pcall(os.date, "%Y", -1))
p(pcall(os.date, 5, 0))
p(pcall(os.date, "%", 0))
p(pcall(os.date, "%Q", 0))
p(pcall(os.date, "!%Y", "123"))
p(os.time(os.date("*t", 1e9)) == 1e9, os.time(os.date("!*t", 1e9)) == 1e9)
