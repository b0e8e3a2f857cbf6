-- __tostring calling tostring on another object, 150 deep: a C-level chain that must not crash
local mt = {}
mt.__tostring = function(x) if x.n == 0 then return "bottom" end return tostring(x.next) end
local obj = setmetatable({n = 0}, mt)
for i = 1, 150 do obj = setmetatable({n = i, next = obj}, mt) end
print(pcall(tostring, obj))
