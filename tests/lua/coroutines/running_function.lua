-- coroutine.running in main and coroutine threads
print(coroutine.running())
local co = coroutine.create(function() local c = coroutine.running(); return type(c), c end)
local ok, t, c = coroutine.resume(co)
print(ok, t, c == co)
