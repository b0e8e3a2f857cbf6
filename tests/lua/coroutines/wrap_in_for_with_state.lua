-- wrap as a generic-for iterator with arguments
local function chars(s)
  return coroutine.wrap(function() for i = 1, #s do coroutine.yield(i, s:sub(i, i)) end end)
end
for i, c in chars("lua") do io.write(i, c, " ") end
print()
