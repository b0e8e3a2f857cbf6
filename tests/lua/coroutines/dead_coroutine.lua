-- resuming a dead coroutine fails
local co = coroutine.create(function() return 1 end)
print(coroutine.resume(co))
print(coroutine.resume(co))
local w = coroutine.wrap(function() return 1 end)
print(w())
print(pcall(w))
