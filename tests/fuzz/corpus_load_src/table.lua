local t = {1, 2, 3, x = {y = {z = "w"}}, [10] = true, ["k"] = 1.5e10}
t.x.y.z = t[1] .. t.x.y.z
local mt = setmetatable({}, {__index = t, __call = function(self, a) return a end})
return mt.x, mt(5), #t
