-- yields and resumes while a call hook is set (the C functions run)
local calls = 0
local co = coroutine.wrap(function(a)
  for i = 1, 3 do a = coroutine.yield(a + i) end
  return "end"
end)
print(co(10))
debug.sethook(function() calls = calls + 1 end, "c")
print(co(20))
print(co(30))
debug.sethook()
print(co(40))
print(calls > 0)
local inner = coroutine.create(function()
  debug.sethook(function() end, "c")
  coroutine.yield("hooked yield")
  debug.sethook()
  coroutine.yield("unhooked yield")
  return "fin"
end)
print(coroutine.resume(inner))
print(coroutine.resume(inner))
print(coroutine.resume(inner))
print(coroutine.resume(inner))
