-- a suspended coroutine's local captured by a closure is shared with outside code
local get, set
local co = coroutine.create(function()
  local x = "initial"
  get = function() return x end
  set = function(v) x = v end
  coroutine.yield()
  return x
end)
coroutine.resume(co)
set("changed outside")
print(get(), coroutine.resume(co))
set("after death")
print(get())
