-- closures created inside a coroutine keep their upvalues after it dies
local get
local co = coroutine.create(function()
  local x = 1
  get = function() return x end
  coroutine.yield()
  x = 2
end)
coroutine.resume(co)
print(get())
coroutine.resume(co)
print(get(), coroutine.status(co))
