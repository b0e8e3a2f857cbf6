-- Coroutines: a generator pipeline and a ring of yields.
local n = tonumber(arg and arg[1]) or 4000000
local function gen(n)
  return coroutine.wrap(function()
    for i = 1, n do coroutine.yield(i) end
  end)
end
local function filter(src, p)
  return coroutine.wrap(function()
    for v in src do if p(v) then coroutine.yield(v) end end
  end)
end
local function map(src, f)
  return coroutine.wrap(function()
    for v in src do coroutine.yield(f(v)) end
  end)
end
local total = 0
for v in map(filter(gen(n), function(x) return x % 3 ~= 0 end), function(x) return x * 2 end) do
  total = total + v
end
local ring = {}
for i = 1, 10 do
  ring[i] = coroutine.create(function(v)
    while true do v = coroutine.yield(v + 1) end
  end)
end
local v = 0
for r = 1, n / 10 do
  for i = 1, 10 do
    local ok
    ok, v = coroutine.resume(ring[i], v)
  end
end
print(total, v)
