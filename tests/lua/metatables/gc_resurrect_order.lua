-- stress: skip (the stress GC collects the proxies one by one while the loop runs, so the finalizer order differs)
-- finalizers run in reverse order of marking (last created first)
local order = {}
for i = 1, 5 do
  local u = newproxy(true)
  getmetatable(u).__gc = function() order[#order + 1] = i end
end
collectgarbage()
collectgarbage()
print(table.concat(order, " "))
