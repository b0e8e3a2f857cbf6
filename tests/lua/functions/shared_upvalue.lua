-- two closures sharing one upvalue see each other's writes
local function pair()
  local v = 0
  return function(x) v = x end, function() return v end
end
local set, get = pair()
set(5); print(get())
set("s"); print(get())
