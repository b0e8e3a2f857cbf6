-- Line hook events: calls returning into the middle of a line, calls on
-- their own lines, loops, metamethods, pcall, fast functions, coroutines.
local events = {}
local function rec(ev, line)
  local info = debug.getinfo(2, "S")
  if info.short_src:find("hook_lines") then
    events[#events + 1] = ev:sub(1, 1) .. (line or "")
  end
end
local function f(x) return x + 1 end
local function g(x)
  return f(x)
end
local mt = {__add = function(a, b) return 42 end}
local function body()
  local a = f(1) + f(2)
  local b = f(3)
  b = b + f(4); b = b + f(5)
  for i = 1, 2 do
    a = a + f(i)
  end
  local t = setmetatable({}, mt)
  local c = t + 1
  local ok = pcall(f, 1)
  local s = ("x"):rep(3)
  local m = math.floor(2.5) + math.max(1, 2)
  local co = coroutine.wrap(function() coroutine.yield(1) return 2 end)
  local y = co() + co()
  local z = g(1)
  for k, v in pairs({1, 2}) do a = a + v end
  for k, v in ipairs({1, 2}) do a = a + v end
  return a + b + c + m + y + z
end
debug.sethook(rec, "l")
body()
debug.sethook()
print(table.concat(events, " "))
events = {}
debug.sethook(rec, "cr")
body()
debug.sethook()
print(table.concat(events, " "))

