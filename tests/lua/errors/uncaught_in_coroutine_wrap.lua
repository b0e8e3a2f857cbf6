-- an error inside a wrapped coroutine propagates to the main chunk
local gen = coroutine.wrap(function() coroutine.yield(1); error("in generator") end)
print(gen())
print(gen())
