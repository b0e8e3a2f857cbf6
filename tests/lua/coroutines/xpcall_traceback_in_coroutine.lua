-- xpcall with a handler inside a coroutine, and yields around it
local co = coroutine.wrap(function()
  local ok, msg = xpcall(function() local t = nil; return t.x end,
                         function(m) return "handled: " .. m end)
  coroutine.yield(ok, msg)
  local ok2, msg2 = xpcall(function() coroutine.yield("inside xpcall"); error("again") end,
                           function(m) return "h2: " .. m end)
  return ok2, msg2
end)
print(co())
print(co())
print(co())
