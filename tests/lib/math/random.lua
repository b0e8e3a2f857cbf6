-- math.random / math.randomseed within one implementation: ranges,
-- integrality, and that the same seed replays the same sequence. The
-- sequences themselves are not compared with luajit's.
local function seq(seed, n, ...)
  math.randomseed(seed)
  local t = {}
  for i = 1, n do t[i] = math.random(...) end
  return t
end
local function same(a, b)
  if #a ~= #b then return false end
  for i = 1, #a do if a[i] ~= b[i] then return false end end
  return true
end

-- Same seed, same sequence, for every call form.
for _, seed in ipairs{ 0, 1, 42, 12345, -7, 2^31, 0.5, 1e10 } do
  assert(same(seq(seed, 50), seq(seed, 50)), "float sequence, seed " .. seed)
  assert(same(seq(seed, 50, 10), seq(seed, 50, 10)), "m sequence, seed " .. seed)
  assert(same(seq(seed, 50, -5, 5), seq(seed, 50, -5, 5)), "m,n sequence, seed " .. seed)
end
-- Different seeds give different sequences.
assert(not same(seq(1, 20), seq(2, 20)), "seeds 1 and 2 agree")
-- Reseeding in the middle restarts the sequence.
math.randomseed(99)
local a1, a2 = math.random(), math.random()
math.randomseed(99)
assert(math.random() == a1 and math.random() == a2, "reseed does not restart")

-- Ranges.
math.randomseed(7)
local lo, hi = 1, 0
for _ = 1, 2000 do
  local x = math.random()
  assert(type(x) == "number" and x >= 0 and x < 1, "random() out of [0,1): " .. x)
  if x < lo then lo = x end
  if x > hi then hi = x end
end
assert(lo < 0.05 and hi > 0.95, "random() badly spread")

local seen = {}
for _ = 1, 2000 do
  local x = math.random(6)
  assert(x >= 1 and x <= 6 and x == math.floor(x), "random(6) gave " .. x)
  seen[x] = true
end
for i = 1, 6 do assert(seen[i], "random(6) never gave " .. i) end

seen = {}
for _ = 1, 2000 do
  local x = math.random(-3, 3)
  assert(x >= -3 and x <= 3 and x == math.floor(x), "random(-3,3) gave " .. x)
  seen[x] = true
end
for i = -3, 3 do assert(seen[i], "random(-3,3) never gave " .. i) end

for _ = 1, 100 do assert(math.random(1) == 1) end
for _ = 1, 100 do assert(math.random(5, 5) == 5) end
for _ = 1, 100 do
  local x = math.random(2^31 - 1)
  assert(x >= 1 and x <= 2^31 - 1 and x == math.floor(x))
end
-- Fractional bounds: LuaJIT scales by the bound as given, so
-- random(3.9) can give 1..4 (checked against luajit -joff).
for _ = 1, 200 do
  local x = math.random(3.9)
  assert(x >= 1 and x <= 4 and x == math.floor(x), "random(3.9) gave " .. x)
end
-- Return values.
assert(select("#", math.randomseed(1)) == 0)
assert(select("#", math.random()) == 1)

-- Errors (messages from luajit -joff; LuaJIT has no "interval is empty"
-- check, see _cases_math.lua).
local function err(f, ...)
  local ok, e = pcall(f, ...)
  assert(not ok)
  return e
end
assert(err(function() local x = math.random("x") return x end) == "random.lua:80: " .. "bad argument #1 to 'random' (number expected, got string)")
print "OK"
