-- Call, return and line hook events together ("lc", "lcr"): the callee's
-- first line event follows its call event, over Lua calls, C calls,
-- metamethods, pcall, coroutines and tail calls; after a call hook for a C
-- function the caller's line is reported again (not after a resume).
-- Not covered: LuaJIT skips that repeated line when one of its assembler
-- fast functions falls back to C (tostring of a number, tonumber of a
-- string, setmetatable(t, nil)); lunar does not reproduce that.
local events = {}
local function rec(ev, line)
  local info = debug.getinfo(2, "Sl")
  if info.short_src:find("hook_lcr") then
    events[#events + 1] = ev:sub(1, 1) .. (line or "") .. "@" .. info.linedefined
  elseif info.what == "C" then
    events[#events + 1] = ev:sub(1, 1) .. "C"
  end
end
local function f(x) return x + 1 end
local function g(x)
  return f(x)
end
local function h(x)
  local y = x * 2
  return y
end
local function tail(n) if n > 0 then return tail(n - 1) end return n end
local function tail2(n)
  if n > 0 then
    return tail2(n - 1)
  end
  return n
end
local mt = {__add = function(a, b) return 42 end,
            __index = function(t, k)
              return k
            end}
mt.__eq = function(a, b) return true end
mt.__lt = function(a, b)
  return false
end
mt.__call = function(self)
  return 1
end
mt.__newindex = function(t, k, v) rawset(t, k, v) end
local function cmp(a, b) return a == b or a < b end
local function ctail(t) return select(1, t.z) end
local function err(x)
  error("boom")
end
local function body()
  local a = f(1) + f(2)
  local b = h(3)
  b = b + f(4); b = b + h(5)
  for i = 1, 2 do
    a = a + f(i)
  end
  local t = setmetatable({}, mt)
  local c = t + 1
  local d = t.x
  local ok = pcall(f, 1)
  local ok2 = pcall(h, 1)
  local s = ("x"):rep(3)
  local m = math.floor(2.5) + math.max(1, 2)
  local co = coroutine.wrap(function()
    coroutine.yield(1)
    return 2
  end)
  local y = co() + co()
  local z = g(1)
  local w = tail(2) + tail2(2)
  for k, v in pairs({1, 2}) do a = a + v end
  for k, v in ipairs({1, 2}) do a = a + v end
  local u = select(2, 1, 2) + tostring("1")
  local e = cmp(t, t) and t()
  local n = ctail(t)
  local ok3 = pcall(err, 1)
  local ok4 = xpcall(err, function(m)
    return m
  end, 1)
  local co2 = coroutine.create(function() err(1) end)
  local ok5 = coroutine.resume(co2)
  t.y = 1
  return a + b + c + m + y + z
end
for _, mask in ipairs{ "lc", "lcr", "lr", "cr", "l" } do
  events = {}
  debug.sethook(rec, mask)
  body()
  debug.sethook()
  print(mask .. ": " .. table.concat(events, " "))
end
