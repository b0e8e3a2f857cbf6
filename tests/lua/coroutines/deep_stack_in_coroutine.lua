-- deep recursion inside a coroutine grows its own stack
local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
local co = coroutine.create(function(n) return depth(n) end)
print(coroutine.resume(co, 5000))
local co2 = coroutine.create(function() local function r() return 1 + r() end return r() end)
print(coroutine.resume(co2))
