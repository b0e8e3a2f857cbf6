-- Mutation test of the bytecode loader, inside one process: dumps of the
-- functions below (with and without debug info) are mutated (bytes
-- flipped, overwritten, inserted, deleted; random instructions planted;
-- truncation) with a fixed seed. Every mutant must either be rejected by
-- loadstring with an error message or load; loaded mutants are also run
-- under pcall in a sandbox when count hooks work (they bound the run),
-- else only loaded. A crash fails the test. tests/fuzz/bcmut.c is the
-- C-level (ASan) version.
local N = tonumber(os.getenv("BCMUT_N") or "") or 3000

local samples = {}
samples[#samples + 1] = function(a, b, ...)
  local t = {a, b, x = 1, ...}
  local s = 0
  for i = 1, #t do s = s + (tonumber(t[i]) or 0) end
  for k, v in pairs(t) do s = s + #tostring(k) end
  local nv = select("#", ...)
  local function inner(c) return c + s, nv end
  return inner(3), t, ("%d"):format(s) .. "x"
end
samples[#samples + 1] = function(n)
  local up = 0
  local fs = {}
  while up < (n or 5) do
    up = up + 1
    local j = up
    fs[j] = function() up = up + j return up end
  end
  repeat up = up - 1 until up < 3
  if n == nil or n > 2 and n ~= 7 then return fs[1] and fs[1]() end
  return (tostring(n) .. "s"):rep(2), math.max(n, 1), -n, n % 3, n ^ 2
end
samples[#samples + 1] = function(...)
  local mt = {__index = function(t, k) return k end, __add = function() return 1 end}
  local o = setmetatable({}, mt)
  local r = {o.foo, o + 1, pcall(error, "e"), select(2, ...)}
  ::top::
  if #r < 3 then r[#r + 1] = 0 goto top end
  return unpack(r)
end

-- Deterministic generator (LCG mod 2^31).
local seed = 12345
local function rnd(n)
  seed = (seed * 1103515245 + 12345) % 2147483648
  return math.floor(seed / 65536) % n
end

local dumps = {}
for _, f in ipairs(samples) do
  for _, strip in ipairs{false, true} do
    local d = string.dump(f, strip)
    local g = assert(loadstring(d), "pristine dump must load")
    dumps[#dumps + 1] = d
  end
end

-- Do count hooks bound a run? (The interpreter may not call hooks yet.)
local hooks = false
do
  local co = coroutine.create(function()
    debug.sethook(function() error("budget") end, "", 1000)
    local i = 0
    for _ = 1, 2e6 do i = i + 1 end
    return i
  end)
  local ok, err = coroutine.resume(co)
  hooks = not ok and tostring(err):find("budget") ~= nil
end

local function mutate(s)
  local b = {s:byte(1, -1)}
  for _ = 1, 1 + rnd(3) do
    local n = #b
    if n < 2 then break end
    local pos = 1 + rnd(n)
    local kind = rnd(7)
    if kind == 0 then b[pos] = (b[pos] + 2 ^ rnd(8)) % 256
    elseif kind == 1 then b[pos] = rnd(256)
    elseif kind == 2 then table.insert(b, pos, rnd(256))
    elseif kind == 3 then table.remove(b, pos)
    elseif kind == 4 and pos + 3 <= n then  -- plant an instruction
      b[pos], b[pos + 1], b[pos + 2], b[pos + 3] = rnd(97), rnd(8), rnd(8), rnd(8)
    elseif kind == 5 then for i = n, pos + 1, -1 do b[i] = nil end
    else b[pos] = (b[pos] + rnd(5) - 2) % 256 end
  end
  local parts = {}
  for i = 1, #b, 4000 do parts[#parts + 1] = string.char(unpack(b, i, math.min(i + 3999, #b))) end
  return table.concat(parts)
end

local sandbox = {
  pairs = pairs, ipairs = ipairs, select = select, tostring = tostring,
  tonumber = tonumber, type = type, pcall = pcall, error = error,
  setmetatable = setmetatable, unpack = unpack, print = function() end,
  math = {max = math.max, floor = math.floor}, string = {format = string.format},
}

local rejected, loaded, ran = 0, 0, 0
for _ = 1, N do
  local m = mutate(dumps[1 + rnd(#dumps)])
  local f, err = loadstring(m, "=mutant")
  if f then
    loaded = loaded + 1
    if hooks then
      setfenv(f, sandbox)
      local co = coroutine.create(function()
        debug.sethook(function() error("budget") end, "", 10000)
        return f(1, "2", 3)
      end)
      coroutine.resume(co)
      ran = ran + 1
    end
  else
    assert(type(err) == "string" and #err > 0)
    rejected = rejected + 1
  end
end
assert(rejected > 0 and rejected + loaded == N)
io.stderr:write(("mutate.lua: %d mutants, %d rejected, %d loaded, %d run\n"):format(
  N, rejected, loaded, ran))
print("OK")
