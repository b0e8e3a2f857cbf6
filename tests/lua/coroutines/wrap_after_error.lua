-- a wrap function that errored is dead
local w = coroutine.wrap(function() error("once") end)
print(pcall(w))
print(pcall(w))
