local function f(...) local t = {...} return select("#", ...), t[1] end
local g = function(x) return function() x = x + 1 return x end end
return f(1, nil, 3), g(1)()
