-- coroutine.wrap as a generator
local function range(n)
  return coroutine.wrap(function() for i = 1, n do coroutine.yield(i) end end)
end
local s = {}
for i in range(5) do s[#s + 1] = i end
print(table.concat(s, " "))
