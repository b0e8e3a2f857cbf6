-- an object stored into a global by its finalizer stays usable
do
  local u = newproxy(true)
  local mt = getmetatable(u)
  mt.__index = function(_, k) return "field " .. k end
  mt.__gc = function(o) resurrected = o end
end
collectgarbage()
collectgarbage()
print(type(resurrected), resurrected and resurrected.x)
