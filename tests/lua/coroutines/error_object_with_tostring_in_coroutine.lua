-- error objects pass through resume unchanged
local obj = setmetatable({}, {__tostring = function() return "E!" end})
local co = coroutine.create(function() error(obj) end)
local ok, e = coroutine.resume(co)
print(ok, e == obj, tostring(e))
