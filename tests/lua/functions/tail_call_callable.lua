-- tail calls to __call objects and to C functions
local obj = setmetatable({}, {__call = function(self, n) return "called " .. n end})
local function t1(n) return obj(n) end
print(t1(5))
local function loop(n) if n == 0 then return obj(0) end return loop(n - 1) end
print(loop(100000))
local function t2(...) return select('#', ...) end
local function t3() return t2(nil, nil, nil) end
print(t3())
