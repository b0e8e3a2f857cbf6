-- closures keep the locals of suspended coroutines that become garbage
local getters = {}
for i = 1, 50 do
  local co = coroutine.create(function(a)
    local x = { a }
    local s = "s" .. a
    getters[#getters + 1] = function() return x[1], s end
    coroutine.yield()
    x = nil
  end)
  coroutine.resume(co, i)
  for j = 1, 20 do local junk = { j, {} } end
end
collectgarbage()
collectgarbage()
local sum, ok = 0, true
for i = 1, #getters do
  local v, s = getters[i]()
  sum = sum + v
  ok = ok and s == "s" .. v
end
print(#getters, sum, ok)
