-- an error caught by pcall inside a coroutine, then more yields
local co = coroutine.create(function(a)
  local ok, e = pcall(function() error("inner") end)
  local b = coroutine.yield(ok, e, a)
  local ok2, e2 = pcall(function() coroutine.yield("in pcall", b); error({code = 7}) end)
  coroutine.yield(ok2, type(e2), e2.code)
  return "done"
end)
print(coroutine.resume(co, 1))
print(coroutine.resume(co, 2))
print(coroutine.resume(co, 3))
print(coroutine.resume(co))
print(coroutine.resume(co))
print(coroutine.status(co))
