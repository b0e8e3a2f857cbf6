-- coroutines resuming other coroutines
local function gen(n)
  return coroutine.wrap(function() for i = 1, n do coroutine.yield(i) end end)
end
local outer = coroutine.wrap(function()
  for a in gen(2) do
    for b in gen(2) do coroutine.yield(a .. b) end
  end
end)
local r = {}
for v in outer do r[#r + 1] = v end
print(table.concat(r, " "))
