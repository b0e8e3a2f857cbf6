-- __call forwards all arguments and results
local obj = setmetatable({}, {__call = function(self, ...) return select('#', ...), ... end})
print(obj())
print(obj(nil, nil))
print(obj(1, 2, 3))
local function tail() return obj("t") end
print(tail())
